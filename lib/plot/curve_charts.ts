/**
 * Response curves the way Robyn's and Meridian's one-pagers show them: every channel's curve on one chart,
 * each with its band, today's spend as a filled dot and the recommended spend as a ring on the same curve;
 * and marginal ROI per channel with its interval against a rule at 1 (break-even for a money target).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type Figure, figure } from "./figure.ts";
import { tickFormat } from "./charts.ts";
import { channelLabel } from "./labels.ts";

/** One channel's curve for {@link allResponseCurvesChart}. */
export interface CurveSeries {
  /** The input file's column; shown as `channelLabel(channel)` unless `label` is given. */
  readonly channel: string;
  /** Display name in the legend; default `channelLabel(channel, text.labels)`. */
  readonly label?: string;
  /**
   * The curve in increasing spend: total spend, modelled response (the target's units) and, for a band, its
   * 95% bounds (a band is drawn where both are finite).
   */
  readonly points: readonly {
    readonly spend: number;
    readonly response: number;
    readonly lower?: number;
    readonly upper?: number;
  }[];
  /** Today's total spend. */
  readonly currentSpend: number;
  /** The recommended total spend, when a recommendation is shown. */
  readonly recommendedSpend?: number;
}

/**
 * The curve's response at `spend` by linear interpolation between its points (the points are dense enough
 * for a marker; the curve itself is drawn through the same points). NaN outside the curve's range.
 *
 * @example
 * responseAt([{ spend: 0, response: 0 }, { spend: 2, response: 4 }], 1); // 2
 */
export function responseAt(points: CurveSeries["points"], spend: number): number {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1], b = points[i];
    if (spend >= a.spend && spend <= b.spend) {
      const w = b.spend === a.spend ? 0 : (spend - a.spend) / (b.spend - a.spend);
      return a.response + w * (b.response - a.response);
    }
  }
  return points.length === 1 && points[0].spend === spend ? points[0].response : NaN;
}

/**
 * Every channel's response curve on one chart (see the module doc), coloured by channel with a legend.
 *
 * @param curves one entry per channel
 * @param text title, axis labels; `labels` overrides channel display names
 * @example
 * allResponseCurvesChart([{ channel: "tv_spend", points: [{ spend: 0, response: 0 }, { spend: 2, response: 3 }],
 *   currentSpend: 1, recommendedSpend: 1.2 }], { x: "total spend", y: "revenue" });
 */
export function allResponseCurvesChart(
  curves: readonly CurveSeries[],
  text: {
    readonly title?: string;
    readonly subtitle?: string;
    readonly caption?: string;
    readonly x?: string;
    readonly y?: string;
    readonly labels?: Readonly<Record<string, string>>;
    /** What the diamonds are, for the caption (default "recommended spend"). */
    readonly markerLabel?: string;
  } = {},
): Figure {
  if (curves.length === 0) throw new RangeError("allResponseCurvesChart needs at least one curve");
  const name = (c: CurveSeries) => c.label ?? channelLabel(c.channel, text.labels);
  const names = curves.map(name);
  const lines = curves.flatMap((c) => c.points.map((p) => ({ ...p, channel: name(c) })));
  const bands = lines.filter((p) => Number.isFinite(p.lower) && Number.isFinite(p.upper));
  const marker = (c: CurveSeries, spend: number | undefined, kind: string) =>
    spend === undefined || !Number.isFinite(spend)
      ? []
      : [{ channel: name(c), spend, response: responseAt(c.points, spend), kind }];
  const current = curves.flatMap((c) => marker(c, c.currentSpend, "today"));
  const recommended = curves.flatMap((c) => marker(c, c.recommendedSpend, "recommended"));
  const x = text.x ?? "total spend", y = text.y ?? "modelled response";
  const marks: Plot.Markish[] = [
    Plot.areaY(bands, { x: "spend", y1: "lower", y2: "upper", fill: "channel", fillOpacity: 0.1 }),
    Plot.line(lines, { x: "spend", y: "response", stroke: "channel", strokeWidth: 2 }),
    Plot.dot(current, { x: "spend", y: "response", fill: "channel", r: 5, stroke: "white", tip: true }),
    Plot.dot(recommended, {
      x: "spend",
      y: "response",
      stroke: "channel",
      fill: "white",
      r: 7,
      strokeWidth: 2.5,
      symbol: "diamond",
      tip: true,
    }),
    Plot.ruleY([0]),
  ];
  const hasRecommendation = recommended.length > 0;
  return figure({
    title: text.title,
    subtitle: text.subtitle,
    caption: text.caption ??
      `Filled dots: today's spend.${
          hasRecommendation ? ` Diamonds: ${text.markerLabel ?? "recommended spend"}.` : ""
        } ` +
        "Shaded: 95% bands.",
    width: 760,
    height: 380,
    marginLeft: 64,
    marginTop: 32,
    marginBottom: 44,
    x: { label: x, grid: true, tickFormat },
    y: { label: y, grid: true, tickFormat },
    color: { legend: true, domain: names },
    marks,
  });
}

/** One channel's marginal ROI with its interval, for {@link marginalRoiChart}. */
export interface MarginalRoiRow {
  /** The input file's column; shown as `channelLabel(channel, text.labels)` unless `label` is given. */
  readonly channel: string;
  /** Display name on the y axis. */
  readonly label?: string;
  /** Target gained per extra unit of spend at current spend (the curve's slope there). */
  readonly marginalRoi: number;
  /** Lower bound of its 95% interval; the whisker is drawn only when both bounds are finite. */
  readonly lower?: number;
  /** Upper bound of its 95% interval. */
  readonly upper?: number;
}

/**
 * Marginal ROI per channel as dots with interval whiskers and a rule at `breakEven` (default 1: for a money
 * target the next dollar pays for itself to the right of it).
 *
 * @example
 * marginalRoiChart([{ channel: "tv_spend", marginalRoi: 1.4, lower: 0.9, upper: 2 }], { x: "revenue per dollar" });
 */
export function marginalRoiChart(
  rows: readonly MarginalRoiRow[],
  text: {
    readonly title?: string;
    readonly caption?: string;
    readonly x?: string;
    readonly breakEven?: number | null;
    readonly labels?: Readonly<Record<string, string>>;
  } = {},
): Figure {
  const data = rows.map((r) => ({
    label: r.label ?? channelLabel(r.channel, text.labels),
    value: r.marginalRoi,
    lower: r.lower ?? NaN,
    upper: r.upper ?? NaN,
  }));
  const breakEven = text.breakEven === undefined ? 1 : text.breakEven;
  const whiskers = data.filter((d) => Number.isFinite(d.lower) && Number.isFinite(d.upper));
  return figure({
    title: text.title,
    caption: text.caption ??
      (breakEven !== null ? `Whiskers: 95% intervals. Dashed line: ${breakEven} (break-even).` : undefined),
    width: 760,
    height: 60 + 30 * data.length + (text.x ? 14 : 0),
    marginLeft: 150,
    marginRight: 30,
    ...(text.x ? { marginBottom: 44 } : {}),
    x: { label: text.x ?? null, grid: true, tickFormat },
    y: { label: null, domain: data.map((d) => d.label) },
    marks: [
      Plot.ruleX([0], { stroke: "#999" }),
      ...(breakEven !== null ? [Plot.ruleX([breakEven], { stroke: "#d62728", strokeDasharray: "4 3" })] : []),
      Plot.ruleY(whiskers, { y: "label", x1: "lower", x2: "upper", stroke: "#4269d0", strokeWidth: 2 }),
      Plot.dot(data, { y: "label", x: "value", fill: "#4269d0", r: 5, tip: true }),
    ],
  });
}
