/**
 * Observable Plot figures rendered with a server-side DOM, kept as HTML strings.
 *
 * nbconvert's HTML templates sanitize `image/svg+xml` outputs (they lose `viewBox`, `fill` and fonts), so
 * figures are displayed as `text/html` (DESIGN.md pitfalls).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { plotDocument } from "./dom.ts";

/** A rendered figure: its HTML (an `<svg>` or, with a legend, a `<figure>`), and a title for text fallbacks. */
export interface Figure {
  readonly kind: "figure";
  readonly html: string;
  readonly title: string;
}

/**
 * Renders Plot options to a `Figure`. Pass `Date` objects, not date strings (Plot warns on strings).
 *
 * @example
 * figure({ marks: [Plot.lineY([1, 3, 2])], title: "demo" }).html.startsWith("<figure"); // true
 */
export function figure(options: Plot.PlotOptions): Figure {
  const el = Plot.plot({
    style: { fontFamily: "system-ui, sans-serif", fontSize: "12px" },
    ...options,
    document: plotDocument(),
  }) as unknown as { outerHTML: string };
  return {
    kind: "figure",
    html: el.outerHTML,
    title: typeof options.title === "string" ? options.title : "figure",
  };
}

export { Plot };
