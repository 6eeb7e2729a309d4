/**
 * What each channel returns, with intervals, for `geoPipeline`: ROI, contribution and marginal ROI (from the
 * bootstrap's replicate models, or Krinsky–Robb draws with the transforms held fixed), carryover with the
 * bootstrap's interval, the sign verdicts, and the sentences that read them (ROI ranking, break-even, truth).
 *
 * @module
 */
import type { GeoTruth } from "../data/truth.ts";
import { truthKey } from "../data/truth.ts";
import type { Dataset, TargetUnit } from "../data/types.ts";
import type { GeoTransforms } from "../evaluate/geo_transforms.ts";
import { type SignVerdict, signVerdict } from "../evaluate/verdicts.ts";
import { roiWithUncertainty } from "../decompose/contributions.ts";
import type { GeoModel } from "../decompose/geo_model.ts";
import { marginalRoi } from "../decompose/marginal_roi.ts";
import { ReplicateCurves, replicateInterval, replicateReturns } from "../decompose/model_replicates.ts";
import type { GeoResampling } from "./geo_replicates.ts";
import type { GeoCarryoverRow, GeoIdentification, GeoRoiRow, GeoSentenceFormat } from "./geo_types.ts";
import { listAnd, quote } from "./geo_words.ts";

/** What the ROI rows are computed from ({@link geoRoiRows}). */
export interface GeoRoiInputs {
  /** The modelled panel. */
  readonly dataset: Dataset;
  /** The fitted model (its media model gives contributions, ROI and marginal ROI). */
  readonly model: GeoModel;
  /** The modelled and merged channels (merged channels have no truth). */
  readonly identification: GeoIdentification;
  /** The input's target unit: break-even is only judged for a currency target. */
  readonly targetUnit: TargetUnit;
  /** The bootstrap's replicate models; undefined with `intervals: "fixed-transforms"`. */
  readonly resampling?: GeoResampling;
  /** Seed of the Krinsky–Robb coefficient draws. */
  readonly seed: number;
  /** Number of Krinsky–Robb coefficient draws. */
  readonly draws: number;
  /** Ground truth (bundled data only). */
  readonly truth?: GeoTruth;
}

/**
 * The truth of a channel, when the truth is known and the channel is an input column (a merged channel has
 * none).
 */
export function channelTruth(
  truth: GeoTruth | undefined,
  identification: GeoIdentification,
  channel: string,
): GeoTruth["channels"][keyof GeoTruth["channels"]] | undefined {
  return truth && identification.merged.every((m) => m.channel !== channel)
    ? truth.channels[truthKey(channel) as keyof GeoTruth["channels"]]
    : undefined;
}

/**
 * Per channel: spend, contribution, ROI and analytic marginal ROI at the point estimate, with intervals from
 * the replicate models when there is a bootstrap (else the Krinsky–Robb draws; no marginal-ROI interval then),
 * the Krinsky–Robb ROI interval kept for comparison, the sign verdict, break-even, and the truth if known.
 */
export function geoRoiRows(inputs: GeoRoiInputs): GeoRoiRow[] {
  const { dataset, identification, targetUnit, seed, draws, truth } = inputs;
  const { mediaModel } = inputs.model;
  const replicates = inputs.resampling?.replicates;
  const roiDraws = roiWithUncertainty(mediaModel, dataset, { seed, draws });
  const mroi = marginalRoi(mediaModel, dataset);
  const curves = replicates ? new ReplicateCurves(replicates, dataset) : undefined;
  const boot = replicates ? replicateReturns(replicates, dataset, curves) : undefined;
  return roiDraws.map((r, j) => {
    const t = channelTruth(truth, identification, r.channel);
    const b = boot?.[j];
    const lower = b ? b.roiInterval.lower : r.roiDraws.lower;
    const upper = b ? b.roiInterval.upper : r.roiDraws.upper;
    const m = mroi[j];
    return {
      channel: r.channel,
      spend: r.spend,
      contribution: r.contribution,
      contributionLower: b ? b.contributionInterval.lower : r.contributionDraws.lower,
      contributionUpper: b ? b.contributionInterval.upper : r.contributionDraws.upper,
      roi: r.roi,
      lower,
      upper,
      fixedLower: r.roiDraws.lower,
      fixedUpper: r.roiDraws.upper,
      marginalRoi: m.marginalRoiAnalytic,
      marginalLower: b ? b.marginalRoiInterval.lower : NaN,
      marginalUpper: b ? b.marginalRoiInterval.upper : NaN,
      verdict: verdictOf(lower, upper),
      belowBreakEven: targetUnit === "currency" && upper < 1,
      ...(t
        ? { trueRoi: t.roi, trueContribution: t.contribution, covered: lower <= t.roi && t.roi <= upper }
        : {}),
    };
  });
}

/**
 * Per modelled channel: the chosen carryover θ and scale; with a bootstrap, the replicates' θ interval widened
 * by half a θ-grid step on each side (a grid value stands for the carryovers within half a step of it, clipped
 * to [0, 1]) and the share of replicates that chose another θ or scale; the truth if known.
 *
 * @param identification the modelled channels
 * @param transforms the data's choice and the θ grid
 * @param resampling the bootstrap (undefined: no intervals, `null` bounds)
 * @param truth ground truth (bundled data only)
 */
export function geoCarryoverRows(
  identification: GeoIdentification,
  transforms: GeoTransforms,
  resampling: GeoResampling | undefined,
  truth: GeoTruth | undefined,
): GeoCarryoverRow[] {
  const bootstrap = resampling?.bootstrap;
  const thetaStep = gridStep(transforms.options.thetaGrid);
  return identification.channels.map((c, j) => {
    const chosen = transforms.chosen[c];
    const t = channelTruth(truth, identification, c);
    let lower: number | null = null, upper: number | null = null, changedShare: number | null = null;
    if (bootstrap) {
      const C = bootstrap.channels.length;
      const th = Float64Array.from({ length: bootstrap.replicates }, (_, b) => bootstrap!.theta[b * C + j]);
      const iv = replicateInterval(th, 0.95, bootstrap.widening);
      // a grid value stands for the carryovers within half a grid step of it
      lower = Math.max(0, iv.lower - thetaStep / 2);
      upper = Math.min(1, iv.upper + thetaStep / 2);
      let moved = 0;
      for (let b = 0; b < bootstrap.replicates; b++) {
        if (bootstrap.theta[b * C + j] !== chosen.theta || bootstrap.scale[b * C + j] !== chosen.scale) {
          moved++;
        }
      }
      changedShare = moved / bootstrap.replicates;
    }
    return {
      channel: c,
      theta: chosen.theta,
      lower,
      upper,
      scale: chosen.scale,
      scaleMultiple: chosen.scaleMultiple,
      changedShare,
      ...(t
        ? {
          trueTheta: t.theta,
          ...(lower !== null && upper !== null ? { covered: lower <= t.theta && t.theta <= upper } : {}),
        }
        : {}),
    };
  });
}

/**
 * The channel with the highest finite ROI and its interval, then the channels grouped by sign verdict
 * ("all N channels" when every channel shares one).
 *
 * @param roi the ROI rows
 * @param f how returns are written
 */
export function roiSentence(roi: readonly GeoRoiRow[], f: GeoSentenceFormat): string {
  const ranked = [...roi].filter((r) => Number.isFinite(r.roi)).sort((a, b) => b.roi - a.roi);
  const top = ranked[0];
  const byVerdict = (v: SignVerdict) => roi.filter((r) => r.verdict === v).map((r) => quote(r.channel));
  const verdictWords: [SignVerdict, string][] = [
    ["positive", "positive (its 95% interval lies above zero)"],
    ["not distinguishable from zero", "not distinguishable from zero"],
    ["negative", "negative (its 95% interval lies below zero)"],
  ];
  const verdictParts = verdictWords.map(([v, words]) => [byVerdict(v), words] as const)
    .filter(([names]) => names.length > 0)
    .map(([names, words]) =>
      `${words} for ${
        names.length === roi.length && roi.length > 1 ? `all ${roi.length} channels` : listAnd(names)
      }`
    );
  return top
    ? `${quote(top.channel)} has the highest estimated ROI, ${f.ratio(top.roi)} (95% interval ${
      f.ratio(top.lower)
    } ` +
      `to ${f.ratio(top.upper)}). ROI is ${verdictParts.join("; ")}.`
    : "No channel has spend, so no ROI can be computed.";
}

/**
 * Which channels return less than one unit of target per unit of spend even at the top of their interval;
 * for a target counted in units, why break-even cannot be judged.
 *
 * @param roi the ROI rows
 * @param targetUnit the target's unit
 * @param target the target column's name
 */
export function breakEvenSentence(roi: readonly GeoRoiRow[], targetUnit: TargetUnit, target: string): string {
  const below = roi.filter((r) => r.belowBreakEven).map((r) => quote(r.channel));
  return targetUnit !== "currency"
    ? `The target is counted in units, so ROI is ${target} per unit of spend; whether a channel pays for ` +
      `itself depends on the value of a unit, which the data do not give.`
    : below.length > 0
    ? `${listAnd(below)} ${below.length === 1 ? "returns" : "return"} less than one unit of ${target} per ` +
      `unit of spend even at the top of ${below.length === 1 ? "its" : "their"} 95% interval.`
    : `No channel's 95% interval lies wholly below one unit of ${target} per unit of spend.`;
}

/**
 * How many channels' ROI intervals cover the true ROI (and, with a bootstrap, how many fixed-transform
 * intervals do); "No ground truth for this file." without truth.
 *
 * @param roi the ROI rows
 * @param bootstrapped whether the intervals come from the bootstrap
 */
export function truthSentence(roi: readonly GeoRoiRow[], bootstrapped: boolean): string {
  const withTruth = roi.filter((r) => r.covered !== undefined);
  const covered = withTruth.filter((r) => r.covered).length;
  const fixedCovered =
    withTruth.filter((r) => r.fixedLower <= r.trueRoi! && r.trueRoi! <= r.fixedUpper).length;
  return withTruth.length === 0
    ? "No ground truth for this file."
    : `The intervals cover the true ROI for ${covered} of ${withTruth.length} channels` +
      (bootstrapped
        ? ` (the fixed-transform intervals for ${fixedCovered} of ${withTruth.length}).`
        : `. Misses are the expected symptom of intervals that hold the chosen carryover and scale fixed: ` +
          `read them as a lower bound on the uncertainty.`);
}

/** `signVerdict` for an interval that may be undefined (NaN bounds): no verdict is possible then. */
export function verdictOf(lower: number, upper: number): SignVerdict {
  return lower <= upper ? signVerdict(lower, upper) : "not distinguishable from zero";
}

/** Smallest positive gap between sorted grid values (1 for a single value). */
function gridStep(grid: readonly number[]): number {
  const s = [...grid].sort((a, b) => a - b);
  let step = Infinity;
  for (let i = 1; i < s.length; i++) if (s[i] - s[i - 1] > 0) step = Math.min(step, s[i] - s[i - 1]);
  return Number.isFinite(step) ? step : 1;
}
