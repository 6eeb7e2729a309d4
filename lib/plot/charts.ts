/**
 * Reusable chart builders over plain arrays, so notebooks stay thin: time series, bars, heatmaps, scatter with
 * a trend line, box plots, and estimate-versus-truth dot plots with intervals. Each returns a `Figure`.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type Figure, figure } from "./figure.ts";
import { axisFormat, type AxisUnit, num, unitOf } from "./format.ts";

const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * Axis tick labels, one format per axis (`axisFormat` in ./format.ts): Plot passes every tick of the axis as
 * the third argument, so the compact scale and the decimals are chosen once for all of them (never "5,000"
 * beside "10K"). Called with a value alone, it formats that value as an axis of one tick would: compact from
 * 10,000 (`25K`, `1.2M`), plain below (`0.1`, `250`); SI prefixes would turn 0.1 into "100m".
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(tickFormat(25000), "25K", 1e-9);
 * assertClose([5000, 10000].map((v, i, ticks) => tickFormat(v, i, ticks)), ["5K", "10K"], 1e-9);
 * ```
 */
export function tickFormat(v: number, _index?: number, ticks?: ArrayLike<number>): string {
  return axisFormat(ticks ?? [v])(v);
}

/** A Plot `tickFormat` for an axis in `unit` (see `tickFormat`). */
export function tickFormatIn(
  unit: AxisUnit,
): (v: number, index?: number, ticks?: ArrayLike<number>) => string {
  return (v, _index, ticks) => axisFormat(ticks ?? [v], { unit })(v);
}

/**
 * Margins that keep axis labels clear of the tick labels: Plot draws an x label at the bottom right and a y
 * label at the top left, inside the margins; with its default margins they overlap the last tick label.
 */
function labelMargins(text: { readonly x?: string | null; readonly y?: string | null }): {
  marginTop?: number;
  marginBottom?: number;
} {
  return {
    ...(text.y ? { marginTop: 32 } : {}),
    ...(text.x ? { marginBottom: 44 } : {}),
  };
}

/** Common labels. */
export interface ChartText {
  readonly title?: string;
  readonly subtitle?: string;
  readonly caption?: string;
  readonly x?: string;
  readonly y?: string;
}

/**
 * One line per named series over ISO dates, with a colour legend. `marks` adds e.g. rule marks for events.
 *
 * @example
 * ```ts
 * timeSeriesChart(["2024-01-01", "2024-01-08"], { tv: new Float64Array([1, 2]) }, { title: "Spend" });
 * ```
 */
export function timeSeriesChart(
  dates: readonly string[],
  series: Readonly<Record<string, ArrayLike<number>>>,
  text: ChartText & { highlight?: readonly boolean[]; height?: number } = {},
): Figure {
  const rows: { date: Date; series: string; value: number }[] = [];
  for (const [name, values] of Object.entries(series)) {
    for (let i = 0; i < dates.length; i++) {
      rows.push({ date: toDate(dates[i]), series: name, value: values[i] });
    }
  }
  const names = Object.keys(series);
  const marks: Plot.Markish[] = [];
  if (text.highlight) {
    const flagged = dates.filter((_, i) => text.highlight![i]).map(toDate);
    marks.push(Plot.ruleX(flagged, { stroke: "#f2c14e", strokeOpacity: 0.35, strokeWidth: 4 }));
  }
  marks.push(
    Plot.lineY(rows, { x: "date", y: "value", stroke: "series", strokeWidth: 1.5, tip: true }),
    Plot.ruleY([0]),
  );
  return figure({
    title: text.title,
    subtitle: text.subtitle,
    caption: text.caption,
    width: 900,
    height: text.height ?? 320,
    marginLeft: 60,
    ...labelMargins(text),
    x: { label: text.x ?? null, type: "utc" },
    y: { label: text.y ?? null, grid: true, tickFormat },
    color: names.length > 1 ? { legend: true, domain: names } : { range: ["#4269d0"] },
    marks,
  });
}

/**
 * Horizontal bars of labelled values (sorted as given), with value labels.
 *
 * @example
 * ```ts
 * barChart(["tv", "radio"], [3, 1], { title: "Share" });
 * ```
 */
export function barChart(
  labels: readonly string[],
  values: ArrayLike<number>,
  text: ChartText & { format?: (x: number) => string; color?: string; unit?: AxisUnit } = {},
): Figure {
  const rows = labels.map((label, i) => ({ label, value: values[i] }));
  const fmt = text.format ?? ((x: number) => x.toLocaleString("en-US", { maximumSignificantDigits: 3 }));
  // The axis in the unit of the value labels: percent labels over a percent axis, money over money.
  let largest = 0;
  for (const r of rows) {
    if (Number.isFinite(r.value) && Math.abs(r.value) > Math.abs(largest)) largest = r.value;
  }
  const unit = text.unit ?? (text.format ? unitOf(fmt, largest) : "number");
  return figure({
    title: text.title,
    subtitle: text.subtitle,
    caption: text.caption,
    width: 760,
    height: 40 + 26 * rows.length + (text.x ? 14 : 0),
    marginLeft: 150,
    marginRight: 80,
    ...labelMargins({ x: text.x }),
    x: { label: text.x ?? null, grid: true, tickFormat: tickFormatIn(unit) },
    y: { label: null, domain: labels as string[] },
    marks: [
      Plot.barX(rows, { x: "value", y: "label", fill: text.color ?? "#4269d0" }),
      // Labels right of each positive bar's end, and right of the zero line for negative bars.
      Plot.text(rows.filter((d) => !(d.value < 0)), {
        x: "value",
        y: "label",
        text: (d: { value: number }) => fmt(d.value),
        dx: 4,
        textAnchor: "start",
      }),
      Plot.text(rows.filter((d) => d.value < 0), {
        x: 0,
        y: "label",
        text: (d: { value: number }) => fmt(d.value),
        dx: 4,
        textAnchor: "start",
      }),
      Plot.ruleX([0]),
    ],
  });
}

/**
 * A labelled heatmap of a matrix (e.g. correlations) with a diverging scale. `values` is an array of rows or a
 * flat row-major `Float64Array` (as `correlationMatrix` returns).
 *
 * @example
 * ```ts
 * heatmapChart(["a", "b"], ["a", "b"], [[1, 0.5], [0.5, 1]], { title: "Correlation" });
 * ```
 */
export function heatmapChart(
  rowLabels: readonly string[],
  columnLabels: readonly string[],
  values: readonly (ArrayLike<number>)[] | Float64Array,
  text: ChartText & { domain?: [number, number]; scheme?: Plot.ColorScheme; digits?: number } = {},
): Figure {
  const k = columnLabels.length;
  const at = ArrayBuffer.isView(values)
    ? (i: number, j: number) => (values as Float64Array)[i * k + j]
    : (i: number, j: number) => (values as readonly ArrayLike<number>[])[i][j];
  const cells: { row: string; column: string; value: number }[] = [];
  rowLabels.forEach((row, i) =>
    columnLabels.forEach((column, j) => cells.push({ row, column, value: at(i, j) }))
  );
  const digits = text.digits ?? 2;
  const [lo, hi] = text.domain ?? [-1, 1];
  const diverging = (text.scheme ?? "RdBu") === "RdBu" || (text.scheme ?? "RdBu") === "BuRd";
  // Label colour follows the cell's darkness: both ends of a diverging scale, the top of a sequential one.
  const darkCell = (v: number) => {
    const t = (v - lo) / (hi - lo || 1);
    return diverging ? Math.abs(t - 0.5) > 0.3 : t > 0.6;
  };
  return figure({
    title: text.title,
    subtitle: text.subtitle,
    caption: text.caption,
    width: Math.max(420, 120 + 62 * columnLabels.length),
    height: 90 + 30 * rowLabels.length,
    marginLeft: 140,
    marginBottom: text.x ? 110 : 90,
    x: { label: text.x ?? null, domain: columnLabels as string[], tickRotate: -40 },
    y: { label: text.y ?? null, domain: rowLabels as string[] },
    // No ramp legend: continuous legends draw on a canvas, which the server-side DOM lacks; cells print values.
    color: { type: "linear", scheme: text.scheme ?? "RdBu", domain: text.domain ?? [-1, 1] },
    marks: [
      Plot.cell(cells, { x: "column", y: "row", fill: "value", inset: 0.5 }),
      Plot.text(cells, {
        x: "column",
        y: "row",
        text: (d: { value: number }) => (Number.isFinite(d.value) ? num(d.value, digits) : ""),
        fill: (d: { value: number }) => (darkCell(d.value) ? "white" : "black"),
        fontSize: 10,
      }),
    ],
  });
}

/**
 * Scatter of y against x with an ordinary least-squares trend line (and its 95% band), optionally coloured by
 * a category.
 *
 * @example
 * ```ts
 * scatterChart([1, 2, 3], [2, 4, 7], { x: "price", y: "revenue" });
 * ```
 */
export function scatterChart(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  text: ChartText & { group?: readonly string[]; trend?: boolean; labels?: readonly string[] } = {},
): Figure {
  const rows = Array.from({ length: x.length }, (_, i) => ({
    x: x[i],
    y: y[i],
    group: text.group?.[i] ?? "all",
    label: text.labels?.[i] ?? "",
  }));
  const groups = [...new Set(rows.map((r) => r.group))];
  const marks: Plot.Markish[] = [
    Plot.dot(rows, { x: "x", y: "y", stroke: "group", r: 3, tip: true }),
  ];
  if (text.trend ?? true) {
    marks.push(Plot.linearRegressionY(rows, { x: "x", y: "y", stroke: "#444", ci: 0.95, clip: true }));
  }
  if (text.labels) marks.push(Plot.text(rows, { x: "x", y: "y", text: "label", dy: -8, fontSize: 9 }));
  return figure({
    title: text.title,
    subtitle: text.subtitle,
    caption: text.caption,
    width: 640,
    height: 380,
    marginLeft: 60,
    ...labelMargins(text),
    x: { label: text.x ?? null, grid: true, tickFormat },
    y: { label: text.y ?? null, grid: true, tickFormat },
    color: groups.length > 1 ? { legend: true, domain: groups } : { range: ["#4269d0"] },
    marks,
  });
}

/**
 * Box plots of values by group (Tukey boxes: quartiles, 1.5 IQR whiskers, outliers as dots).
 *
 * @example
 * ```ts
 * boxChart([1, 2, 3, 10, 11, 12], ["a", "a", "a", "b", "b", "b"], { y: "revenue" });
 * ```
 */
export function boxChart(values: ArrayLike<number>, groups: readonly string[], text: ChartText = {}): Figure {
  const rows = Array.from({ length: values.length }, (_, i) => ({ group: groups[i], value: values[i] }));
  return figure({
    title: text.title,
    subtitle: text.subtitle,
    caption: text.caption,
    width: 520,
    height: 340,
    marginLeft: 60,
    ...labelMargins(text),
    x: { label: text.x ?? null },
    y: { label: text.y ?? null, grid: true, tickFormat },
    marks: [Plot.boxY(rows, { x: "group", y: "value", fill: "#4269d0", fillOpacity: 0.25 })],
  });
}

/** One estimate with its interval, and optionally the true value it should recover. */
export interface EstimateRow {
  readonly label: string;
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  readonly truth?: number;
}

/**
 * Estimates with confidence intervals as dots and whiskers, with the true values (when known) as red ticks:
 * the picture of "does the model recover what is true".
 *
 * @example
 * ```ts
 * estimateChart([{ label: "tv", estimate: 1, low: 0.5, high: 1.5, truth: 1.2 }], { title: "ROI" });
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
        x1: "low",
        x2: "high",
        stroke: "#4269d0",
        strokeWidth: 2,
      }),
      Plot.dot(rows as EstimateRow[], { y: "label", x: "estimate", fill: "#4269d0", r: 4, tip: true }),
      Plot.tickX(truths as EstimateRow[], { y: "label", x: "truth", stroke: "#d62728", strokeWidth: 2.5 }),
    ],
  });
}

/**
 * Several named curves y = f(x) on one chart (response curves, adstock decays, saturation shapes).
 *
 * @example
 * ```ts
 * curvesChart({ "θ=0.5": { x: [0, 1, 2], y: [1, 0.5, 0.25] } }, { x: "week", y: "weight" });
 * ```
 */
export function curvesChart(
  curves: Readonly<Record<string, { x: ArrayLike<number>; y: ArrayLike<number> }>>,
  text: ChartText & { points?: Readonly<Record<string, { x: number; y: number }>> } = {},
): Figure {
  const rows: { x: number; y: number; curve: string }[] = [];
  for (const [curve, { x, y }] of Object.entries(curves)) {
    for (let i = 0; i < x.length; i++) rows.push({ x: x[i], y: y[i], curve });
  }
  const names = Object.keys(curves);
  const marks: Plot.Markish[] = [
    Plot.line(rows, { x: "x", y: "y", stroke: "curve", strokeWidth: 1.8, tip: true }),
  ];
  if (text.points) {
    const pts = Object.entries(text.points).map(([curve, p]) => ({ curve, ...p }));
    marks.push(Plot.dot(pts, { x: "x", y: "y", stroke: "curve", fill: "white", r: 4, strokeWidth: 2 }));
  }
  return figure({
    title: text.title,
    subtitle: text.subtitle,
    caption: text.caption,
    width: 760,
    height: 340,
    marginLeft: 60,
    ...labelMargins(text),
    x: { label: text.x ?? null, grid: true, tickFormat },
    y: { label: text.y ?? null, grid: true, tickFormat },
    color: { legend: names.length > 1, domain: names },
    marks,
  });
}

/** The fields of a response curve that `responseCurveChart` draws (see `responseCurve` in lib/decompose). */
export interface CurveForChart {
  readonly channel: string;
  readonly points: readonly {
    readonly spend: number;
    readonly response: number;
    readonly lower?: number;
    readonly upper?: number;
    readonly isCurrent: boolean;
  }[];
}

/**
 * A channel's response curve: modelled response against total spend, its uncertainty band when present, and
 * the current spend marked.
 *
 * @example
 * ```ts ignore
 * responseCurveChart(responseCurve(model, ds, "tv_spend", { uncertainty: { seed: 1 } }));
 * ```
 */
export function responseCurveChart(curve: CurveForChart, text: ChartText = {}): Figure {
  const pts = curve.points as CurveForChart["points"][number][];
  const current = pts.filter((p) => p.isCurrent);
  const marks: Plot.Markish[] = [];
  if (pts.some((p) => p.lower !== undefined)) {
    marks.push(Plot.areaY(pts, { x: "spend", y1: "lower", y2: "upper", fill: "#4269d0", fillOpacity: 0.15 }));
  }
  marks.push(
    Plot.line(pts, { x: "spend", y: "response", stroke: "#4269d0", strokeWidth: 2 }),
    Plot.dot(current, { x: "spend", y: "response", r: 5, fill: "#d62728" }),
    Plot.text(current, { x: "spend", y: "response", text: () => "current", dy: -12, fill: "#d62728" }),
    Plot.ruleY([0]),
  );
  return figure({
    title: text.title ?? curve.channel,
    subtitle: text.subtitle,
    caption: text.caption,
    width: 560,
    height: 280,
    marginLeft: 60,
    ...labelMargins({ x: text.x ?? "total spend", y: text.y ?? "modelled response" }),
    x: { label: text.x ?? "total spend", grid: true, tickFormat },
    y: { label: text.y ?? "modelled response", grid: true, tickFormat },
    marks,
  });
}

/** The fields of an ACF/PACF result that `correlogramChart` draws (see `acf`/`pacf` in lib/evaluate). */
export interface CorrelogramForChart {
  readonly lags: ArrayLike<number>;
  readonly values: ArrayLike<number>;
  readonly lower: ArrayLike<number>;
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
