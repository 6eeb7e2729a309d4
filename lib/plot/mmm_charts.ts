/**
 * The views users of Robyn, Meridian and PyMC-Marketing expect, for any model (geo or national): a
 * contribution waterfall from the baseline through each channel to the total, contributions over time stacked
 * on the baseline, and share of spend beside share of effect with ROI labels.
 *
 * The builders take plain numbers with display labels already chosen (use `channelLabel`), so the geo and
 * national notebooks draw the same figures from their own results. Amount formats come from
 * `lib/plot/format.ts`: pass a `format` for value labels (e.g. `fmt.target(unit).values(amounts)`) and the
 * axis `unit` (`"money"` when the target is revenue).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type Figure, figure } from "./figure.ts";
import { type ChartText, tickFormatIn } from "./charts.ts";
import { type AxisUnit, num, pct } from "./format.ts";

const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const POSITIVE = "#3a9a5b", NEGATIVE = "#c8553d", LEVEL = "#8c8c8c", TOTAL = "#4269d0";
/** Two colours that stay apart for the common colour-vision deficiencies (Okabe & Ito 2008). */
const SPEND = "#E69F00", EFFECT = "#0072B2";

/** Input of {@link contributionWaterfallChart}: totals over the modelled period. */
export interface WaterfallInput {
  /** What the model attributes to no media (intercept or geo effects, controls, seasonality). */
  readonly baseline: number;
  /** Each channel's counterfactual contribution, in the order to draw (display labels). */
  readonly channels: readonly { readonly label: string; readonly contribution: number }[];
  /** Label of the first bar (default "Baseline"). */
  readonly baselineLabel?: string;
  /** Label of the last bar (default "Total"). */
  readonly totalLabel?: string;
}

/** Label and unit options of the amount charts. */
export interface AmountChartText extends ChartText {
  /** Value labels (default three significant digits). */
  readonly format?: (x: number) => string;
  /** Axis unit (default `"number"`). */
  readonly unit?: AxisUnit;
}

/** One step of a waterfall, as drawn. */
export interface WaterfallStep {
  /** The bar's label on the x axis ("Baseline", a channel, "Total"). */
  readonly label: string;
  /** What the bar is: the baseline level, a channel's positive or negative contribution, or the total level. */
  readonly kind: "baseline" | "increase" | "decrease" | "total";
  /** Bar from `start` to `end`. */
  readonly start: number;
  /** Where the bar ends: the running sum after this step (the level itself for baseline and total). */
  readonly end: number;
  /** The step's own amount (`end − start`; the level for baseline and total). */
  readonly value: number;
}

/**
 * The steps of a waterfall: the baseline from 0, each channel from the running sum, and the total from 0 to
 * `baseline + Σ contributions`.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(waterfallSteps({ baseline: 10, channels: [{ label: "TV", contribution: 3 }] }).map((s) => s.end), [10, 13, 13], 1e-9);
 * ```
 */
export function waterfallSteps(input: WaterfallInput): WaterfallStep[] {
  if (!Number.isFinite(input.baseline)) {
    throw new RangeError(`baseline must be finite, got ${input.baseline}`);
  }
  const steps: WaterfallStep[] = [{
    label: input.baselineLabel ?? "Baseline",
    kind: "baseline",
    start: 0,
    end: input.baseline,
    value: input.baseline,
  }];
  let level = input.baseline;
  for (const c of input.channels) {
    if (!Number.isFinite(c.contribution)) {
      throw new RangeError(`contribution of "${c.label}" must be finite, got ${c.contribution}`);
    }
    steps.push({
      label: c.label,
      kind: c.contribution < 0 ? "decrease" : "increase",
      start: level,
      end: level + c.contribution,
      value: c.contribution,
    });
    level += c.contribution;
  }
  steps.push({ label: input.totalLabel ?? "Total", kind: "total", start: 0, end: level, value: level });
  return steps;
}

const sig3 = (x: number) => num(x);

/**
 * A contribution waterfall: vertical bars from the baseline through each channel (green up, red down) to the
 * total, each labelled with its amount. Robyn's "response decomposition waterfall".
 *
 * @example
 * ```ts ignore
 * contributionWaterfallChart({ baseline: 8e6, channels: [{ label: "TV", contribution: 1.2e6 }] },
 *   { title: "Where sales come from", y: "sales ($)", unit: "money", format: fmt.money });
 * ```
 */
export function contributionWaterfallChart(input: WaterfallInput, text: AmountChartText = {}): Figure {
  const steps = waterfallSteps(input);
  const format = text.format ?? sig3;
  const colour = { baseline: LEVEL, increase: POSITIVE, decrease: NEGATIVE, total: TOTAL };
  const rows = steps.map((s) => ({ ...s, top: Math.max(s.start, s.end), fill: colour[s.kind] }));
  return figure({
    title: text.title,
    subtitle: text.subtitle,
    caption: text.caption ??
      "Grey: baseline (no media). Green: a channel adds to the target; red: it takes away. Blue: the total.",
    width: Math.max(520, 110 * steps.length),
    height: 360,
    marginLeft: 70,
    marginTop: 32,
    marginBottom: 44,
    x: { label: text.x ?? null, domain: steps.map((s) => s.label), padding: 0.25 },
    y: { label: text.y ?? null, grid: true, tickFormat: tickFormatIn(text.unit ?? "number") },
    marks: [
      Plot.barY(rows, { x: "label", y1: "start", y2: "end", fill: "fill", title: (d) => format(d.value) }),
      Plot.text(rows, { x: "label", y: "top", text: (d) => format(d.value), dy: -7, fontSize: 11 }),
      Plot.ruleY([0]),
    ],
  });
}

/** Input of {@link contributionAreaChart}: one value per date. */
export interface ContributionsOverTime {
  /** ISO dates, ascending. */
  readonly dates: readonly string[];
  /** What the model attributes to no media, per date. */
  readonly baseline: ArrayLike<number>;
  /** Each channel's contribution per date, by display label (drawn in this order above the baseline). */
  readonly channels: Readonly<Record<string, ArrayLike<number>>>;
  /** Label of the baseline layer (default "Baseline"). */
  readonly baselineLabel?: string;
}

/**
 * Contributions over time stacked on the baseline: the baseline as the bottom layer, each channel's
 * contribution stacked above it, so the top edge is the modelled target. Negative contributions stack below
 * zero (Plot's stacking), so they stay visible instead of hiding inside the baseline.
 *
 * @example
 * ```ts ignore
 * contributionAreaChart({ dates, baseline, channels: { TV: tv, Search: search } }, { y: "sales ($)", unit: "money" });
 * ```
 */
export function contributionAreaChart(input: ContributionsOverTime, text: AmountChartText = {}): Figure {
  const base = input.baselineLabel ?? "Baseline";
  const names = [base, ...Object.keys(input.channels)];
  const rows: { date: Date; layer: string; value: number }[] = [];
  const layers: [string, ArrayLike<number>][] = [[base, input.baseline], ...Object.entries(input.channels)];
  for (const [layer, values] of layers) {
    if (values.length !== input.dates.length) {
      throw new RangeError(`"${layer}" has ${values.length} values for ${input.dates.length} dates`);
    }
    for (let i = 0; i < input.dates.length; i++) {
      rows.push({ date: toDate(input.dates[i]), layer, value: values[i] });
    }
  }
  const palette = [
    "#bdbdbd",
    "#4269d0",
    "#efb118",
    "#ff725c",
    "#6cc5b0",
    "#3ca951",
    "#ff8ab7",
    "#a463f2",
    "#97bbf5",
  ];
  return figure({
    title: text.title,
    subtitle: text.subtitle,
    caption: text.caption,
    width: 900,
    height: 360,
    marginLeft: 70,
    marginTop: 32,
    ...(text.x ? { marginBottom: 44 } : {}),
    x: { label: text.x ?? null, type: "utc" },
    y: { label: text.y ?? null, grid: true, tickFormat: tickFormatIn(text.unit ?? "number") },
    color: { legend: true, domain: names, range: names.map((_, i) => palette[i % palette.length]) },
    marks: [
      Plot.areaY(rows, { x: "date", y: "value", fill: "layer", z: "layer", order: names, tip: true }),
      Plot.ruleY([0]),
    ],
  });
}

/** One channel of {@link shareComparisonChart}. */
export interface ShareRow {
  /** Display label (`channelLabel`). */
  readonly label: string;
  /** Share of media spend, in [0, 1]. */
  readonly spendShare: number;
  /** Share of the media effect (contribution), a fraction (negative for a channel that takes away). */
  readonly effectShare: number;
  /** ROI shown beside the bars (NaN: not shown). */
  readonly roi: number;
}

/**
 * Share of spend beside share of effect per channel, two colours, with each channel's ROI written beside its
 * pair of bars: a channel whose effect bar is longer than its spend bar returns more than the average channel.
 * Robyn's "share of spend vs. share of effect" view.
 *
 * @param rows one per channel, in the order to draw
 * @param text labels; `roiFormat` for the ROI labels (default two decimals), `roiLabel` the word before it
 * @example
 * ```ts
 * shareComparisonChart([{ label: "TV", spendShare: 0.4, effectShare: 0.5, roi: 1.8 }], { title: "Spend and effect" });
 * ```
 */
export function shareComparisonChart(
  rows: readonly ShareRow[],
  text: ChartText & { readonly roiFormat?: (x: number) => string; readonly roiLabel?: string } = {},
): Figure {
  const roiFormat = text.roiFormat ?? ((x: number) => num(x, 2));
  const measures = ["Share of spend", "Share of effect"];
  const bars = rows.flatMap((r) => [
    { label: r.label, measure: measures[0], value: r.spendShare },
    { label: r.label, measure: measures[1], value: r.effectShare },
  ]);
  const roiRows = rows.filter((r) => Number.isFinite(r.roi)).map((r) => ({
    label: r.label,
    measure: measures[1],
    text: `${text.roiLabel ?? "ROI"} ${roiFormat(r.roi)}`,
  }));
  let largest = 0;
  for (const b of bars) if (Number.isFinite(b.value)) largest = Math.max(largest, b.value);
  return figure({
    title: text.title,
    subtitle: text.subtitle,
    caption: text.caption,
    width: 760,
    height: 50 + 52 * rows.length + (text.x ? 14 : 0),
    marginLeft: 120,
    marginRight: 110,
    ...(text.x ? { marginBottom: 44 } : {}),
    x: {
      label: text.x ?? null,
      grid: true,
      tickFormat: tickFormatIn("percent"),
      domain: [Math.min(0, ...bars.map((b) => b.value)), largest * 1.15],
    },
    y: { label: null, domain: measures, axis: null },
    fy: { label: null, domain: rows.map((r) => r.label), padding: 0.15 },
    color: { legend: true, domain: measures, range: [SPEND, EFFECT] },
    marks: [
      Plot.barX(bars, { x: "value", y: "measure", fy: "label", fill: "measure" }),
      Plot.text(bars, {
        x: "value",
        y: "measure",
        fy: "label",
        text: (d: { value: number }) => pct(d.value),
        dx: 4,
        textAnchor: "start",
        fontSize: 10,
      }),
      Plot.text(roiRows, {
        y: "measure",
        fy: "label",
        frameAnchor: "right",
        text: "text",
        dx: 104,
        dy: -6,
        textAnchor: "end",
        fontWeight: "bold",
      }),
      Plot.ruleX([0]),
    ],
  });
}
