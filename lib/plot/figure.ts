/**
 * Observable Plot figures rendered with a server-side DOM, kept as HTML strings.
 *
 * nbconvert's HTML templates sanitize `image/svg+xml` outputs (they lose `viewBox`, `fill` and fonts), so
 * figures are displayed as `text/html` (DESIGN.md pitfalls).
 *
 * @module
 */
import * as ObservablePlot from "@observablehq/plot";
import { plotDocument } from "./dom.ts";

/**
 * Observable Plot (`npm:@observablehq/plot`, the version in deno.json), re-exported so that notebooks build
 * marks with the same library the figures render with: `figure({ marks: [Plot.lineY(values)] })`. Its marks,
 * transforms and options are documented at <https://observablehq.com/plot/>.
 */
export const Plot: typeof ObservablePlot = ObservablePlot;

/**
 * The options of one figure: Observable Plot's `PlotOptions` (marks, scales, size, margins, title), as
 * `Plot.plot` takes them. `figure` sets the DOM document and the default font itself.
 */
export type FigureOptions = NonNullable<Parameters<typeof Plot.plot>[0]>;

/** A rendered figure: its HTML (an `<svg>` or, with a legend, a `<figure>`), and a title for text fallbacks. */
export interface Figure {
  /** Discriminant for `show` and `Showable`: always `"figure"`. */
  readonly kind: "figure";
  /** The rendered figure as HTML, coordinates rounded to 2 decimals (`roundCoordinates`), displayed as `text/html`. */
  readonly html: string;
  /** The options' `title` when it is a string, else `"figure"`; the `text/plain` fallback shows `[figure: title]`. */
  readonly title: string;
}

/**
 * Renders Plot options to a `Figure`. Pass `Date` objects, not date strings (Plot warns on strings).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(figure({ marks: [Plot.lineY([1, 3, 2])], title: "demo" }).html.startsWith("<figure"), true, 1e-9);
 * ```
 */
export function figure(options: FigureOptions): Figure {
  const el = Plot.plot({
    style: { fontFamily: "system-ui, sans-serif", fontSize: "12px" },
    ...options,
    document: plotDocument(),
  }) as unknown as { outerHTML: string };
  return {
    kind: "figure",
    html: roundCoordinates(el.outerHTML),
    title: typeof options.title === "string" ? options.title : "figure",
  };
}

/**
 * Rounds the numbers inside a figure's tags (coordinates, path data, transforms) to two decimals: Plot writes
 * positions to 14 digits, which makes the figures of a report several times larger than they need to be, and a
 * hundredth of a pixel is invisible. Text between tags (titles, tick labels, styles) is left as it is.
 *
 * @example
 * ```ts
 * roundCoordinates('<line x1="176.83847830346355" y1="20"/>'); // '<line x1="176.84" y1="20"/>'
 * ```
 */
export function roundCoordinates(html: string): string {
  return html.replace(
    /<[^>]+>/g,
    (tag) =>
      tag.replace(/(\d*\.\d+)(?:e(-?\d+))?/g, (m, digits: string, exponent?: string) => {
        if (exponent !== undefined || digits.length - digits.indexOf(".") <= 3) return m;
        const r = Number(Number(digits).toFixed(2));
        return String(r);
      }),
  );
}
