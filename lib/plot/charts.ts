/**
 * Reusable chart builders over plain arrays, so notebooks stay thin: time series, bars, heatmaps, scatter with
 * a trend line, box plots, and estimate-versus-truth dot plots with intervals. Each returns a `Figure`.
 *
 * Files: `chart_frame.ts` holds the chart text, tick formats and label margins every builder shares;
 * `diagnostic_charts.ts` the model checks (estimates against truth, correlogram, Q-Q plot); this module holds
 * the general charts and re-exports both.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type Figure, figure, type FigureOptions } from "./figure.ts";
import { type AxisUnit, num, unitOf } from "./format.ts";
import { type ChartText, labelMargins, tickFormat, tickFormatIn } from "./chart_frame.ts";

export { type ChartText, tickFormat, tickFormatIn } from "./chart_frame.ts";
export {
  correlogramChart,
  type CorrelogramForChart,
  estimateChart,
  type EstimateRow,
  qqChart,
} from "./diagnostic_charts.ts";

const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * A colour scheme name of Observable Plot, as a colour scale's `scheme` takes it: `"RdBu"`, `"BuRd"`,
 * `"Blues"`, `"Viridis"`, ... (any case); see <https://observablehq.com/plot/features/scales#color-scales>.
 */
export type ColorSchemeName = NonNullable<NonNullable<FigureOptions["color"]>["scheme"]>;

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
  text: ChartText & { domain?: [number, number]; scheme?: ColorSchemeName; digits?: number } = {},
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
  /** The channel the curve is for; the chart's title unless `text.title` is given. */
  readonly channel: string;
  /**
   * Points of the curve in increasing spend: total spend, modelled response (both in the data's units), the
   * band's bounds when the curve has an uncertainty band, and whether the point is the current spend.
   */
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
