/**
 * The types of lift-test calibration (calibration_core.ts): the linear view of a fitted model, the rows of
 * experiments and channels before and after, the result a notebook shows and the options.
 * calibration_core.ts re-exports them.
 *
 * @module
 */
import type { LiftTension, LinearEstimate } from "../models/calibration.ts";

/** What a tension test says at the 5% level. */
export type TensionVerdict = "consistent" | "in tension";

/** A model seen as linear in its coefficients, with each channel's contribution as a restriction vector. */
export interface LinearChannelModel {
  readonly terms: readonly string[];
  readonly fit: LinearEstimate;
  /** Channels (modelled names) whose ROI is reported. */
  readonly channels: readonly string[];
  /** Total spend of a channel over the data. */
  readonly spend: (channel: string) => number;
  /** `a` with `a'β` = the channel's contribution over the rows where `mask` is 1 (every row for null). */
  readonly vector: (channel: string, mask: Uint8Array | null) => Float64Array;
  /** Variance of the contribution not carried by `β` (a stage-1 slope), at coefficients `coef`. */
  readonly extraVariance?: (channel: string, mask: Uint8Array | null, coef: Float64Array) => number;
}

/** One experiment against the model. */
export interface CalibrationExperimentRow extends LiftTension {
  /** Line in the experiments file. */
  readonly line: number;
  /** Channel as the file names it, and as the model names it (a merged channel's name, say). */
  readonly channel: string;
  readonly modelChannel: string;
  readonly start: string;
  readonly end: string;
  /** `"all"` or the geo keys joined by `;`. */
  readonly geos: string;
  /** Data rows covered. */
  readonly rows: number;
  /**
   * Geo model with its bootstrap: the SD of the model's lift over the replicates, each with its re-chosen
   * carryover and saturation (null otherwise), and the tension with it. The verdict uses it when present.
   */
  readonly modelSeBootstrap: number | null;
  readonly zBootstrap: number | null;
  readonly pValueBootstrap: number | null;
  readonly verdict: TensionVerdict;
  /** The model's lift over the same rows after calibration (all experiments at once). */
  readonly calibratedLift: number;
  readonly sentence: string;
}

/** One channel's coefficient and ROI before and after calibration. */
export interface CalibrationChannelRow {
  readonly channel: string;
  /** Whether an experiment tested this channel (others move only through their correlation with it). */
  readonly tested: boolean;
  readonly spend: number;
  /** The coefficient shown: the model's term the experiment moves most directly (a two-stage social channel's is the mediator's). */
  readonly coefTerm: string;
  readonly coefBefore: number;
  readonly coefAfter: number;
  readonly coefSeBefore: number;
  readonly coefSeAfter: number;
  readonly roiBefore: number;
  readonly roiBeforeLower: number;
  readonly roiBeforeUpper: number;
  readonly roiAfter: number;
  readonly roiAfterLower: number;
  readonly roiAfterUpper: number;
  /** After ÷ before interval width. */
  readonly widthRatio: number;
  /** Marginal ROI at current spend (geo model), before and after; NaN where not available. */
  readonly marginalRoiBefore: number;
  readonly marginalRoiAfter: number;
  /** 1 = best, by `ranking.by`. */
  readonly rankBefore: number;
  readonly rankAfter: number;
}

/** Everything a notebook shows about calibration. */
export interface CalibrationResult {
  readonly model: "geo" | "national";
  readonly target: string;
  readonly level: number;
  readonly experiments: readonly CalibrationExperimentRow[];
  readonly channels: readonly CalibrationChannelRow[];
  readonly ranking: {
    readonly by: "marginal ROI" | "ROI";
    readonly before: readonly string[];
    readonly after: readonly string[];
    readonly changed: boolean;
  };
  /** Geo model: the same-budget reallocation (0.7–1.3 × current spend) before and after. */
  readonly allocation: {
    readonly before: Readonly<Record<string, number>>;
    readonly after: Readonly<Record<string, number>>;
    readonly liftBefore: number;
    readonly liftAfter: number;
  } | null;
  readonly notes: readonly string[];
  /** Why the model could not be calibrated (then `experiments` and `channels` are empty), or null. */
  readonly unavailable: string | null;
  readonly sentences: { readonly tension: string; readonly roi: string; readonly ranking: string };
}

/** Options of the calibration functions. */
export interface CalibrationOptions {
  /** Interval level (default 0.95). */
  readonly level?: number;
  /** Amounts of target and returns in prose (default three significant digits). */
  readonly format?: { readonly amount: (x: number) => string; readonly ratio: (x: number) => string };
}
