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
  /** The coefficients' names, in the order of `fit.coef` (the slopes for a fixed-effects fit). */
  readonly terms: readonly string[];
  /** The coefficients, their covariance and `X'X`, as the calibration estimator needs them. */
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
  /** The model's channel the experiment is applied to (itself, or the merged channel that holds it). */
  readonly modelChannel: string;
  /** First day of the test window (ISO date). */
  readonly start: string;
  /** Last day of the test window (ISO date, inclusive). */
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
  /** `(model − experiment) / √(modelSeBootstrap² + experimentSe²)`; null without the bootstrap. */
  readonly zBootstrap: number | null;
  /** Two-sided normal p-value of `zBootstrap`; null without the bootstrap. */
  readonly pValueBootstrap: number | null;
  /** The tension verdict at the 5% level (on the bootstrap's p-value when there is one). */
  readonly verdict: TensionVerdict;
  /** The model's lift over the same rows after calibration (all experiments at once). */
  readonly calibratedLift: number;
  /** Model's lift against the experiment's, the test and the verdict, in one sentence. */
  readonly sentence: string;
}

/** One channel's coefficient and ROI before and after calibration. */
export interface CalibrationChannelRow {
  /** The modelled channel (a merged channel's name). */
  readonly channel: string;
  /** Whether an experiment tested this channel (others move only through their correlation with it). */
  readonly tested: boolean;
  /** Total spend over the data. */
  readonly spend: number;
  /** The coefficient shown: the model's term the experiment moves most directly (a two-stage social channel's is the mediator's). */
  readonly coefTerm: string;
  /** That coefficient as fitted (NaN when the channel has no term). */
  readonly coefBefore: number;
  /** That coefficient after calibration (NaN when the channel has no term). */
  readonly coefAfter: number;
  /** Its standard error as fitted, from the fit's covariance. */
  readonly coefSeBefore: number;
  /** Its standard error after calibration. */
  readonly coefSeAfter: number;
  /** ROI as fitted: contribution over every row ÷ spend. */
  readonly roiBefore: number;
  /** Lower end of the normal interval at `level` of `roiBefore` (chosen transforms held fixed). */
  readonly roiBeforeLower: number;
  /** Upper end of that interval. */
  readonly roiBeforeUpper: number;
  /** ROI after calibration (all experiments at once). */
  readonly roiAfter: number;
  /** Lower end of the normal interval at `level` of `roiAfter`. */
  readonly roiAfterLower: number;
  /** Upper end of that interval. */
  readonly roiAfterUpper: number;
  /** After ÷ before interval width. */
  readonly widthRatio: number;
  /** Marginal ROI at current spend (geo model), before and after; NaN where not available. */
  readonly marginalRoiBefore: number;
  /** Marginal ROI at current spend after calibration (geo model); NaN where not available. */
  readonly marginalRoiAfter: number;
  /** 1 = best, by `ranking.by`. */
  readonly rankBefore: number;
  /** Rank after calibration (1 = best, by `ranking.by`; NaN scores last). */
  readonly rankAfter: number;
}

/** Everything a notebook shows about calibration. */
export interface CalibrationResult {
  /** Which model was calibrated. */
  readonly model: "geo" | "national";
  /** The target column. */
  readonly target: string;
  /** Level of the ROI intervals (default 0.95). */
  readonly level: number;
  /** One row per experiment, in file order. */
  readonly experiments: readonly CalibrationExperimentRow[];
  /** One row per modelled channel, in the model's order. */
  readonly channels: readonly CalibrationChannelRow[];
  /** The channels ranked before and after calibration. */
  readonly ranking: {
    /** The score ranked by: marginal ROI for the geo model, ROI for the national one. */
    readonly by: "marginal ROI" | "ROI";
    /** Channels best first, before calibration. */
    readonly before: readonly string[];
    /** Channels best first, after calibration. */
    readonly after: readonly string[];
    /** Whether the order differs. */
    readonly changed: boolean;
  };
  /** Geo model: the same-budget reallocation (0.7–1.3 × current spend) before and after. */
  readonly allocation: {
    /** Spend multiplier per channel chosen with the model as fitted. */
    readonly before: Readonly<Record<string, number>>;
    /** Spend multiplier per channel chosen with the calibrated model. */
    readonly after: Readonly<Record<string, number>>;
    /** Target gained by the fitted model's reallocation over current spend (optimal − current response). */
    readonly liftBefore: number;
    /** The same gain under the calibrated model's reallocation. */
    readonly liftAfter: number;
  } | null;
  /** Plain sentences about what calibration did (an experiment applied to a merged channel, the bootstrap). */
  readonly notes: readonly string[];
  /** Why the model could not be calibrated (then `experiments` and `channels` are empty), or null. */
  readonly unavailable: string | null;
  /** Computed statements for the notebook's prose. */
  readonly sentences: {
    /** Which experiments agree with the model and which are in tension. */
    readonly tension: string;
    /** Each tested channel's ROI and interval before and after, and how much the interval narrowed. */
    readonly roi: string;
    /** Whether calibration changed the ranking (empty without experiments). */
    readonly ranking: string;
  };
}

/** Options of the calibration functions. */
export interface CalibrationOptions {
  /** Interval level (default 0.95). */
  readonly level?: number;
  /** Amounts of target and returns in prose (default three significant digits). */
  readonly format?: { readonly amount: (x: number) => string; readonly ratio: (x: number) => string };
}
