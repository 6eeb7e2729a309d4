/**
 * Notebook 06's holdout of the last weeks ({@link holdoutView}): the table's rows, the notes under it, the
 * charts' series and the published record, from both models' holdouts (`diagnostics`).
 *
 * @module
 */
import type { HoldoutPlan, HoldoutResult, HoldoutScores } from "../evaluate/holdout.ts";
import { isHoldoutResult } from "../evaluate/holdout.ts";
import type { MediationHoldout, PanelHoldout } from "../evaluate/holdout.ts";
import type { GeoHoldoutRechosen } from "./geo_holdout.ts";

/** One row of the holdout table. */
export interface HoldoutRow {
  /** Which model and variant. */
  readonly model: string;
  /** Weeks trained on. */
  readonly trainWeeks: number;
  /** RMSE of the predictions, in target units. */
  readonly rmse: number;
  /** `rmse` in the target's format. */
  readonly rmseText: string;
  /** The benchmark's RMSE in the target's format. */
  readonly benchmarkRmseText: string;
  /** Out-of-sample R² around the held-out weeks' mean. */
  readonly r2: number;
  /** The percentage error and which one: "4.1% (MAPE)". */
  readonly percent: string;
  /** The naive benchmark's kind. */
  readonly benchmark: string;
  /** The benchmark's RMSE, in target units. */
  readonly benchmarkRmse: number;
  /** `rmse / benchmarkRmse`. */
  readonly ratio: number;
  /** Within-geo R² of the held-out rows (panel rows); NaN nationally. */
  readonly withinR2: number;
}

/** Formats of the holdout rows. */
export interface HoldoutFormats {
  /** An amount of the national target. */
  readonly nationalAmount: (x: number) => string;
  /** An amount of the geo target. */
  readonly geoAmount: (x: number) => string;
  /** A share as a percentage. */
  readonly percent: (x: number) => string;
}

/** The national holdout: two-stage (with the mediator-from-social variant), single-stage, refused, or none. */
export type NationalHoldoutInput = MediationHoldout | HoldoutResult | HoldoutPlan | null;

/** What {@link holdoutView} reads: both models' holdouts and the weeks they index. */
export interface HoldoutInputs {
  /** The national model's name (`national.model`). */
  readonly nationalModel: string | null;
  /** The national holdout, transforms held (null without a national model). */
  readonly national: NationalHoldoutInput;
  /** The panel holdout, transforms held. */
  readonly geo: PanelHoldout | HoldoutPlan;
  /** The panel holdout with transforms re-chosen on the training weeks. */
  readonly geoRechosen: GeoHoldoutRechosen | HoldoutPlan;
  /** The national series: every week's date and target, and the full-sample fit (null without a model). */
  readonly weekly: {
    readonly dates: readonly string[];
    readonly actual: Float64Array;
    readonly fitted: Float64Array | null;
  };
  /** The panel: each row's date and target, and the full-sample fit. */
  readonly panel: {
    readonly dates: readonly string[];
    readonly actual: Float64Array;
    readonly fitted: Float64Array;
  };
}

/** The holdout as notebook 06 shows and publishes it. */
export interface HoldoutView {
  /** Table rows: national, national from social only (two-stage), geo, geo re-chosen; those that ran. */
  readonly rows: readonly HoldoutRow[];
  /** Notes under the table: refusals first, then each run's training weeks, benchmark and percentage caveat. */
  readonly notes: readonly string[];
  /** The published record (rows, the re-chosen transforms or refusal, each model's predictions or refusal). */
  readonly results: Record<string, unknown>;
  /** The national chart's series, when the national holdout ran. */
  readonly nationalSeries: HoldoutSeries | null;
  /** The panel chart's series, when the panel holdout (transforms held) ran. */
  readonly geoSeries: HoldoutSeries | null;
}

function scoreRow(
  model: string,
  s: HoldoutScores,
  trainWeeks: number,
  benchmark: string,
  amount: (x: number) => string,
  percent: (x: number) => string,
  withinR2 = NaN,
): HoldoutRow {
  return {
    model,
    trainWeeks,
    rmse: s.rmse,
    rmseText: amount(s.rmse),
    benchmarkRmseText: amount(s.benchmarkRmse),
    r2: s.r2,
    percent: `${percent(s.percentError)} (${s.percentMetric})`,
    benchmark,
    benchmarkRmse: s.benchmarkRmse,
    ratio: s.rmseRatio,
    withinR2,
  };
}

/**
 * The holdout table's rows, the notes under it, the published record and the charts' series, from both models'
 * holdouts.
 *
 * @param h the holdouts and the national dates
 * @param f amount formats of each target and the percentage format
 * @example
 * ```ts ignore
 * holdoutView({ nationalModel: national.model, national: d.nationalHoldout, geo: d.geoHoldout,
 *   geoRechosen: d.geoRechosen, weekly: { dates, actual, fitted }, panel: { dates, actual, fitted } },
 *   { nationalAmount, geoAmount, percent });
 * ```
 */
export function holdoutView(h: HoldoutInputs, f: HoldoutFormats): HoldoutView {
  const n = h.national && isHoldoutResult(h.national) ? h.national : null;
  const g = isHoldoutResult(h.geo) ? h.geo : null;
  const gr = "holdout" in h.geoRechosen ? h.geoRechosen : null;
  const rows = [
    ...(n
      ? [
        scoreRow(
          `national ${h.nationalModel}`,
          n.scores,
          n.plan.trainWeeks,
          n.benchmark.kind,
          f.nationalAmount,
          f.percent,
        ),
        ...("scoresFromSocial" in n
          ? [scoreRow(
            "national, mediator from social only",
            (n as MediationHoldout).scoresFromSocial,
            n.plan.trainWeeks,
            n.benchmark.kind,
            f.nationalAmount,
            f.percent,
          )]
          : []),
      ]
      : []),
    ...(g
      ? [scoreRow(
        "geo panel (all geos)",
        g.scores,
        g.plan.trainWeeks,
        g.benchmark.kind,
        f.geoAmount,
        f.percent,
        g.withinR2,
      )]
      : []),
    ...(gr
      ? [scoreRow(
        "geo panel, transforms re-chosen on the training weeks",
        gr.holdout.scores,
        gr.holdout.plan.trainWeeks,
        gr.holdout.benchmark.kind,
        f.geoAmount,
        f.percent,
        gr.holdout.withinR2,
      )]
      : []),
  ];
  const w = h.weekly, p = h.panel;
  return {
    rows,
    notes: holdoutNotes(h),
    results: holdoutResults(h, rows),
    nationalSeries: n && w.fitted ? nationalHoldoutSeries(n, w.dates, w.actual, w.fitted) : null,
    geoSeries: g ? geoHoldoutSeries(g, p.dates, p.actual, p.fitted) : null,
  };
}

/**
 * The notes under the holdout table: why a holdout was refused, then for each that ran the weeks it trained
 * on (nationally with their dates), the weeks predicted, the benchmark's sentence and, where WAPE replaced
 * MAPE, why.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const refused = { ok: false, trainWeeks: 0, testWeeks: 13, reason: "Too short." };
 * const notes = holdoutNotes({ national: null, geo: refused, weekly: { dates: [] } });
 * assertClose(notes, ["Geo: Too short."], 0);
 * ```
 */
export function holdoutNotes(
  h: Pick<HoldoutInputs, "national" | "geo"> & { readonly weekly: { readonly dates: readonly string[] } },
): string[] {
  const n = h.national, g = h.geo, dates = h.weekly.dates;
  return [
    ...(n && !isHoldoutResult(n) ? [`National: ${n.reason}`] : []),
    ...(!isHoldoutResult(g) ? [`Geo: ${g.reason}`] : []),
    ...(n && isHoldoutResult(n)
      ? [
        `National: trained on ${n.plan.trainWeeks} weeks (${dates[0]} to ${
          dates[n.plan.trainWeeks - 1]
        }), predicting ${n.plan.testWeeks}. ${n.benchmark.sentence} ${n.scores.percentReason ?? ""}`,
      ]
      : []),
    ...(isHoldoutResult(g)
      ? [
        `Geo: trained on every geo's first ${g.plan.trainWeeks} weeks, predicting the last ` +
        `${g.plan.testWeeks}. ${g.benchmark.sentence} ${g.scores.percentReason ?? ""}`,
      ]
      : []),
  ];
}

function holdoutResults(h: HoldoutInputs, rows: readonly HoldoutRow[]): Record<string, unknown> {
  const n = h.national, g = h.geo, gr = h.geoRechosen;
  return {
    transforms: "fixed at the full-sample choice; geo also re-chosen on the training weeks",
    geoRechosen: "holdout" in gr
      ? { seasonality: gr.seasonality, transforms: gr.transforms, scores: gr.holdout.scores }
      : { refused: gr.reason },
    rows,
    national: n && isHoldoutResult(n)
      ? {
        weeks: Array.from(n.testRows, (i) => h.weekly.dates[i]),
        actual: n.actual,
        predicted: n.predicted,
        benchmark: n.benchmark,
        percentReason: n.scores.percentReason,
      }
      : { refused: n?.reason ?? null },
    geo: isHoldoutResult(g)
      ? {
        benchmark: g.benchmark.kind,
        benchmarkSentence: g.benchmark.sentence,
        percentReason: g.scores.percentReason,
        trainWeeks: g.plan.trainWeeks,
      }
      : { refused: g.reason },
  };
}

/** A holdout chart's series over weeks. */
export interface HoldoutSeries {
  /** The week of each point (ISO dates, ascending). */
  readonly dates: readonly string[];
  /** The target (summed over geos on the panel). */
  readonly actual: Float64Array;
  /** The full-sample fit (summed over geos on the panel). */
  readonly fitted: Float64Array;
  /** The holdout prediction on the held-out weeks (summed over the geos predicted), NaN elsewhere. */
  readonly held: Float64Array;
  /** Whether each week is held out (after the training weeks). */
  readonly inHoldout: readonly boolean[];
}

/**
 * The national holdout chart: actual and fitted every week, the holdout prediction on the held-out weeks.
 *
 * @param holdout the national holdout (rows are week indices)
 * @param dates every week's date
 * @param actual the target every week
 * @param fitted the full-sample fit every week
 * @example
 * ```ts
 * const plan = { ok: true, trainWeeks: 2, testWeeks: 1, reason: null };
 * const s = nationalHoldoutSeries({ plan, testRows: Int32Array.of(2), predicted: Float64Array.of(9) },
 *   ["a", "b", "c"], new Float64Array(3), new Float64Array(3));
 * s.held; // Float64Array [NaN, NaN, 9]
 * ```
 */
export function nationalHoldoutSeries(
  holdout: Pick<HoldoutResult, "plan" | "testRows" | "predicted">,
  dates: readonly string[],
  actual: Float64Array,
  fitted: Float64Array,
): HoldoutSeries {
  const held = new Float64Array(dates.length).fill(NaN);
  holdout.testRows.forEach((i, j) => (held[i] = holdout.predicted[j]));
  return {
    dates,
    actual,
    fitted,
    held,
    inHoldout: dates.map((_, i) => i >= holdout.plan.trainWeeks),
  };
}

/**
 * The panel holdout chart: the target, the full-sample fit and the holdout prediction, each summed over geos
 * per week (the prediction over the geos predicted that week; NaN in training weeks).
 *
 * @param holdout the panel holdout (rows index the panel)
 * @param rowDates each panel row's date
 * @param actual the target per row
 * @param fitted the full-sample fit per row
 * @example
 * ```ts
 * const plan = { ok: true, trainWeeks: 1, testWeeks: 1, reason: null };
 * const s = geoHoldoutSeries({ plan, testRows: Int32Array.of(1, 3), predicted: Float64Array.of(2, 3) },
 *   ["w1", "w2", "w1", "w2"], Float64Array.of(1, 2, 1, 2), new Float64Array(4));
 * s.held; // Float64Array [NaN, 5]
 * ```
 */
export function geoHoldoutSeries(
  holdout: Pick<HoldoutResult, "plan" | "testRows" | "predicted">,
  rowDates: readonly string[],
  actual: Float64Array,
  fitted: Float64Array,
): HoldoutSeries {
  const dates = [...new Set(rowDates)].sort();
  const pos = new Map(dates.map((d, i) => [d, i]));
  const sumActual = new Float64Array(dates.length),
    sumFitted = new Float64Array(dates.length),
    held = new Float64Array(dates.length).fill(NaN);
  rowDates.forEach((d, i) => {
    sumActual[pos.get(d)!] += actual[i];
    sumFitted[pos.get(d)!] += fitted[i];
  });
  holdout.testRows.forEach((i, j) => {
    const w = pos.get(rowDates[i])!;
    held[w] = (Number.isNaN(held[w]) ? 0 : held[w]) + holdout.predicted[j];
  });
  return {
    dates,
    actual: sumActual,
    fitted: sumFitted,
    held,
    inHoldout: dates.map((_, i) => i >= holdout.plan.trainWeeks),
  };
}
