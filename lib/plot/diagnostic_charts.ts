/**
 * Charts that check a model: estimates with their intervals against the true values, the correlogram of the
 * residuals, and the normal Q-Q plot. Each returns a `Figure`.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type Figure, figure } from "./figure.ts";
import { type ChartText, labelMargins, tickFormat } from "./chart_frame.ts";

/** One estimate with its interval, and optionally the true value it should recover. */
export interface EstimateRow {
  /** The quantity shown on the row (a channel, or "channel: ROI"), also the y-axis category. */
  readonly label: string;
  /** The point estimate, drawn as a dot, in the quantity's own unit. */
  readonly estimate: number;
  /** Lower bound of its interval (95% in the default caption), drawn as the whisker's left end. */
  readonly lower: number;
  /** Upper bound of its interval, the whisker's right end. */
  readonly upper: number;
  /** The true value when known (simulated data), drawn as a red tick; undefined or NaN draws none. */
  readonly truth?: number;
}

/**
 * Estimates with confidence intervals as dots and whiskers, with the true values (when known) as red ticks:
 * the picture of "does the model recover what is true".
 *
 * @example
 * ```ts
 * estimateChart([{ label: "tv", estimate: 1, lower: 0.5, upper: 1.5, truth: 1.2 }], { title: "ROI" });
 * ```
 */
export function estimateChart(rows: readonly EstimateRow[], text: ChartText = {}): Figure {
  const labels = rows.map((r) => r.label);
  const truths = rows.filter((r) => r.truth !== undefined && Number.isFinite(r.truth));
  return figure({
    title: text.title,
    subtitle: text.subtitle,
    caption: text.caption ??
      (truths.length > 0 ? "Dots: estimates with 95% intervals. Red ticks: true values." : undefined),
    width: 760,
    height: 60 + 30 * rows.length + (text.x ? 14 : 0),
    marginLeft: 170,
    marginRight: 30,
    ...labelMargins({ x: text.x }),
    x: { label: text.x ?? null, grid: true, tickFormat },
    y: { label: null, domain: labels },
    marks: [
      Plot.ruleX([0], { stroke: "#999" }),
      Plot.ruleY(rows as EstimateRow[], {
        y: "label",
        x1: "lower",
        x2: "upper",
        stroke: "#4269d0",
        strokeWidth: 2,
      }),
      Plot.dot(rows as EstimateRow[], { y: "label", x: "estimate", fill: "#4269d0", r: 4, tip: true }),
      Plot.tickX(truths as EstimateRow[], { y: "label", x: "truth", stroke: "#d62728", strokeWidth: 2.5 }),
    ],
  });
}

/** The fields of an ACF/PACF result that `correlogramChart` draws (see `acf`/`pacf` in lib/evaluate). */
export interface CorrelogramForChart {
  /** The lags, in periods (weeks), usually `0..nlags`; lag 0 is left out of the chart. */
  readonly lags: ArrayLike<number>;
  /** Autocorrelation (or partial autocorrelation) at each lag, in [−1, 1]. */
  readonly values: ArrayLike<number>;
  /** Lower bound of each value's 95% interval (about the estimate, as statsmodels' `acf(alpha=0.05)`). */
  readonly lower: ArrayLike<number>;
  /** Upper bound of each value's 95% interval; half of `upper − lower` is drawn as the band around zero. */
  readonly upper: ArrayLike<number>;
}

/**
 * A correlogram: autocorrelation per lag as stems, with the confidence band around zero (statsmodels'
 * `plot_acf` convention: the band is the interval minus the estimate, centred on zero). Lag 0 is left out.
 *
 * @example
 * ```ts ignore
 * correlogramChart(acf(residuals, 20), { title: "ACF of residuals" });
 * ```
 */
export function correlogramChart(c: CorrelogramForChart, text: ChartText = {}): Figure {
  const rows: { lag: number; value: number; half: number }[] = [];
  for (let i = 0; i < c.lags.length; i++) {
    if (c.lags[i] === 0) continue;
    rows.push({ lag: c.lags[i], value: c.values[i], half: (c.upper[i] - c.lower[i]) / 2 });
  }
  return figure({
    title: text.title,
    subtitle: text.subtitle,
    caption: text.caption ?? "Shaded: 95% band under no autocorrelation; stems outside it are significant.",
    width: 560,
    height: 240,
    ...labelMargins({ x: text.x ?? "lag", y: text.y }),
    x: { label: text.x ?? "lag", grid: false },
    y: { label: text.y ?? null, domain: [-1, 1], grid: true, tickFormat },
    marks: [
      Plot.areaY(rows, {
        x: "lag",
        y1: (d: { half: number }) => -d.half,
        y2: "half",
        fill: "#4269d0",
        fillOpacity: 0.15,
        curve: "step",
      }),
      Plot.ruleX(rows, { x: "lag", y1: 0, y2: "value", stroke: "#333" }),
      Plot.dot(rows, { x: "lag", y: "value", r: 3, fill: "#333" }),
      Plot.ruleY([0]),
    ],
  });
}

/**
 * A normal Q-Q plot from `qqPoints` coordinates, with its fitted line.
 *
 * @example
 * ```ts ignore
 * qqChart(qqPoints(residuals), { title: "Residuals against a normal distribution" });
 * ```
 */
export function qqChart(
  q: { theoretical: ArrayLike<number>; ordered: ArrayLike<number>; slope: number; intercept: number },
  text: ChartText = {},
): Figure {
  const rows = Array.from(
    { length: q.theoretical.length },
    (_, i) => ({ x: q.theoretical[i], y: q.ordered[i] }),
  );
  const x0 = rows[0].x, x1 = rows[rows.length - 1].x;
  return figure({
    title: text.title,
    subtitle: text.subtitle,
    caption: text.caption,
    width: 420,
    height: 360,
    marginLeft: 60,
    ...labelMargins({ x: text.x ?? "normal quantile", y: text.y ?? "ordered values" }),
    x: { label: text.x ?? "normal quantile", grid: true, tickFormat },
    y: { label: text.y ?? "ordered values", grid: true, tickFormat },
    marks: [
      Plot.line([{ x: x0, y: q.intercept + q.slope * x0 }, { x: x1, y: q.intercept + q.slope * x1 }], {
        x: "x",
        y: "y",
        stroke: "#d62728",
      }),
      Plot.dot(rows, { x: "x", y: "y", r: 2.5, stroke: "#4269d0" }),
    ],
  });
}
