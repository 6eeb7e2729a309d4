/**
 * Notebook 05's view of the out-of-sample evidence and the returns: the folds table, the gate and bootstrap
 * for the results JSON, the sentence on draws and replicates, the ROI table and chart rows, and the sentences
 * below them that depend on whether a truth is known.
 *
 * @module
 */
import { channelLabel } from "../data/labels.ts";
import type { GeoBootstrap } from "../evaluate/geo_bootstrap.ts";
import type { GeoPipelineResult, GeoRoiRow } from "./geo_types.ts";

/** A fold of the time-series CV as the folds table shows it. */
export interface GeoFoldRow {
  /** The fold's number, from 1. */
  readonly fold: number;
  /** Training rows (geo-weeks). */
  readonly trainSize: number;
  /** Test rows (geo-weeks). */
  readonly testSize: number;
  /** Ordinary R² of the test predictions. */
  readonly r2: number;
  /** Within-geo R² of the test predictions. */
  readonly withinR2: number;
  /** Test RMSE, in target units. */
  readonly rmse: number;
}

/**
 * One row per CV fold, numbered from 1, with its sizes and scores.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const rows = geoFoldRows({ crossValidation: { folds: [
 *   { fold: 0, trainSize: 10, testSize: 5, r2: 0.5, withinR2: 0.2, rmse: 3, droppedColumns: [] },
 * ] } });
 * assertClose(rows, [{ fold: 1, trainSize: 10, testSize: 5, r2: 0.5, withinR2: 0.2, rmse: 3 }], 1e-9);
 * ```
 */
export function geoFoldRows(geo: {
  readonly crossValidation: Pick<GeoPipelineResult["crossValidation"], "folds">;
}): GeoFoldRow[] {
  return geo.crossValidation.folds.map((f) => ({
    fold: f.fold + 1,
    trainSize: f.trainSize,
    testSize: f.testSize,
    r2: f.r2,
    withinR2: f.withinR2,
    rmse: f.rmse,
  }));
}

/** The evidence gate as notebook 05 publishes it (`results.gate`). */
export interface GeoGateResults {
  /** Whether every condition holds. */
  readonly passed: boolean;
  /** Why recommendations are shown or withheld. */
  readonly reason: string;
  /** The rule. */
  readonly rule: string;
  /** Every condition, in the order checked. */
  readonly checks: GeoPipelineResult["gate"]["checks"];
}

/**
 * The gate's verdict, reason, rule and checks.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const gate = { passed: false, reason: "r", rule: "u", checks: [], folds: 3, mean: 0, sd: 0, lowerBound: 0 };
 * assertClose(geoGateResults({ gate }), { passed: false, reason: "r", rule: "u", checks: [] }, 1e-9);
 * ```
 */
export function geoGateResults(geo: Pick<GeoPipelineResult, "gate">): GeoGateResults {
  const g = geo.gate;
  return { passed: g.passed, reason: g.reason, rule: g.rule, checks: g.checks };
}

/**
 * How many bootstrap replicates and coefficient draws the intervals rest on, and the seed: the replicates
 * only when the bootstrap ran.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(geoDrawsSentence({ draws: 2000, seed: 7 }), "2,000 coefficient draws, seed 7.", 1e-9);
 * ```
 */
export function geoDrawsSentence(geo: {
  readonly draws: number;
  readonly seed: number;
  readonly bootstrap?: { readonly replicates: number };
}): string {
  const draws = geo.draws.toLocaleString("en-US");
  return geo.bootstrap
    ? `${geo.bootstrap.replicates} bootstrap replicates and ${draws} coefficient draws (for the fixed-transform ` +
      `comparison), seed ${String(geo.seed)}.`
    : `${draws} coefficient draws, seed ${String(geo.seed)}.`;
}

/** The bootstrap's design as notebook 05 publishes it (`results.bootstrap`; its replicates stay out). */
export interface GeoBootstrapResults {
  /** Weights per geo or per block of weeks. */
  readonly scheme: GeoBootstrap["scheme"];
  /** Rademacher or Webb weights. */
  readonly weights: GeoBootstrap["weights"];
  /** Number of clusters (geos or blocks) the weights are drawn for. */
  readonly clusters: number;
  /** The `t_{K−1}/z` factor the percentile intervals are widened by. */
  readonly widening: number;
  /** Number of replicates. */
  readonly replicates: number;
  /** Pesaran's CD test on the residuals. */
  readonly crossSection: GeoBootstrap["crossSection"];
  /** Per channel, the share of replicates that chose other transforms. */
  readonly transformsChanged: GeoBootstrap["transformsChanged"];
}

/**
 * The bootstrap's scheme, weights, clusters, widening, replicates, cross-section test and transform changes;
 * null when the intervals came from fixed-transform draws.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(geoBootstrapResults({}), null, 0);
 * ```
 */
export function geoBootstrapResults(geo: Pick<GeoPipelineResult, "bootstrap">): GeoBootstrapResults | null {
  const b = geo.bootstrap;
  return b
    ? {
      scheme: b.scheme,
      weights: b.weights,
      clusters: b.clusters,
      widening: b.widening,
      replicates: b.replicates,
      crossSection: b.crossSection,
      transformsChanged: b.transformsChanged,
    }
    : null;
}

/**
 * A channel's row of the ROI table: the pipeline's ROI row's columns (`GeoRoiRow`) under the channel's display
 * name; the truth columns only with a truth (NaN where unknown for the channel).
 */
export type GeoRoiTableRow =
  & Pick<
    GeoRoiRow,
    | "spend"
    | "contribution"
    | "roi"
    | "lower"
    | "upper"
    | "fixedLower"
    | "fixedUpper"
    | "marginalRoi"
    | "marginalLower"
    | "marginalUpper"
    | "verdict"
  >
  & {
    /** The channel's display name. */
    readonly channel: string;
    /** True ROI; NaN where unknown for the channel (present only with a truth). */
    readonly trueRoi?: number;
    /** True contribution; NaN where unknown (present only with a truth). */
    readonly trueContribution?: number;
  };

/**
 * One row per channel: spend, contribution, ROI with both intervals, marginal ROI and the sign verdict; with
 * a truth, the true ROI and contribution (NaN for a channel without one, such as a merged channel).
 *
 * @param hasTruth whether a ground truth was given (adds the two truth columns)
 * @example
 * ```ts ignore
 * geoRoiTableRows(geo.roi, true)[0].trueRoi;
 * ```
 */
export function geoRoiTableRows(roi: readonly GeoRoiRow[], hasTruth: boolean): GeoRoiTableRow[] {
  return roi.map((r) => ({
    channel: channelLabel(r.channel),
    spend: r.spend,
    contribution: r.contribution,
    roi: r.roi,
    lower: r.lower,
    upper: r.upper,
    fixedLower: r.fixedLower,
    fixedUpper: r.fixedUpper,
    marginalRoi: r.marginalRoi,
    marginalLower: r.marginalLower,
    marginalUpper: r.marginalUpper,
    verdict: r.verdict,
    ...(hasTruth ? { trueRoi: r.trueRoi ?? NaN, trueContribution: r.trueContribution ?? NaN } : {}),
  }));
}

/**
 * The amounts the ROI table shows in target units (each channel's spend and contribution), so one format
 * (`fmt.target(...).values`) can be chosen for all of them.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(geoRoiAmounts([{ spend: 10, contribution: 25 }, { spend: 4, contribution: 1 }]), [10, 25, 4, 1], 0);
 * ```
 */
export function geoRoiAmounts(
  roi: readonly { readonly spend: number; readonly contribution: number }[],
): number[] {
  return roi.flatMap((r) => [r.spend, r.contribution]);
}

/** A channel's ROI for `estimateChart`. */
export interface GeoRoiChartRow {
  /** The channel's display name. */
  readonly label: string;
  /** Its ROI. */
  readonly estimate: number;
  /** Lower end of the 95% interval. */
  readonly lower: number;
  /** Upper end. */
  readonly upper: number;
  /** True ROI, when known for the channel. */
  readonly truth?: number;
}

/**
 * The channels with a finite ROI (a channel without spend has none), with interval and truth where known.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const rows = geoRoiChartRows([
 *   { channel: "tv_spend", roi: 2, lower: 1, upper: 3, trueRoi: 2.5 },
 *   { channel: "radio_spend", roi: NaN, lower: NaN, upper: NaN },
 * ]);
 * assertClose(rows, [{ label: "TV", estimate: 2, lower: 1, upper: 3, truth: 2.5 }], 1e-9);
 * ```
 */
export function geoRoiChartRows(
  roi: readonly Pick<GeoRoiRow, "channel" | "roi" | "lower" | "upper" | "trueRoi">[],
): GeoRoiChartRow[] {
  return roi.filter((r) => Number.isFinite(r.roi)).map((r) => ({
    label: channelLabel(r.channel),
    estimate: r.roi,
    lower: r.lower,
    upper: r.upper,
    ...(r.trueRoi !== undefined ? { truth: r.trueRoi } : {}),
  }));
}

/**
 * The break-even sentence, followed by the truth-coverage sentence when a truth was given (without one the
 * coverage sentence has nothing to say and is left out).
 *
 * @param hasTruth whether a ground truth was given
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const sentences = { breakEven: "B.", truth: "T." };
 * assertClose(breakEvenAndTruth({ sentences }, true), "B. T.", 1e-9);
 * assertClose(breakEvenAndTruth({ sentences }, false), "B.", 1e-9);
 * ```
 */
export function breakEvenAndTruth(
  geo: { readonly sentences: Pick<GeoPipelineResult["sentences"], "breakEven" | "truth"> },
  hasTruth: boolean,
): string {
  return `${geo.sentences.breakEven}${hasTruth ? ` ${geo.sentences.truth}` : ""}`;
}
