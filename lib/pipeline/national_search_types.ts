/**
 * The types of what the national transform search chose, as notebooks 02 and 04 show it (`searchViews`,
 * national_search_views.ts): carryover and saturation per channel, the out-of-sample evidence and the CV
 * profiles of each searched stage. national_types.ts re-exports them.
 *
 * @module
 */
import type { SaturationSpec } from "../features/saturation.ts";
import type { ProfileCurve, ProfileGrid } from "../evaluate/search_profile.ts";
import type { EvidenceGate } from "../evaluate/verdicts.ts";

/** A chosen carryover, with the range of θ the data cannot tell apart. */
export interface NationalCarryoverRow {
  /** The searched stage that chose θ: stage 1 or 2 of the two-stage model, or the single-stage model. */
  readonly stage: "1" | "2" | "single";
  /** "social → mediator", "mediator → target", "social → target (direct)", "media → target". */
  readonly path: string;
  /** The adstocked column (a social channel, the mediator, or a media channel). */
  readonly channel: string;
  /** Chosen geometric carryover θ in [0, 1): the share of adstock carried to the next week. */
  readonly theta: number;
  /** `ln 0.5 / ln θ`, 0 without carryover. */
  readonly halfLifeWeeks: number;
  /** Smallest and largest θ within one standard error of the best CV score (NaN for an in-sample choice). */
  readonly thetaMin: number;
  /** Largest θ within one standard error of the best CV score (NaN for an in-sample choice). */
  readonly thetaMax: number;
  /** 95% percentile interval of θ over the bootstrap replicates that re-chose it (NaN with fixed transforms). */
  readonly lower: number;
  /** Upper end of that interval (NaN with fixed transforms or without a bootstrap). */
  readonly upper: number;
}

/** A direct channel's saturation: its scale and the curve chosen. */
export interface NationalSaturationRow {
  /** The direct channel (sends, volume). */
  readonly channel: string;
  /** {@link saturationScale}: median over the active weeks. */
  readonly scale: number;
  /** Weeks with a positive volume, over which `scale` is taken. */
  readonly activeWeeks: number;
  /** Weeks in the series. */
  readonly weeks: number;
  /** The curve the search chose (its type and parameters); null when the channel enters linearly. */
  readonly chosen: SaturationSpec | null;
}

/** Out-of-sample evidence of one searched stage. */
export interface NationalSearchEvidence {
  /** Which search: stage 1 or 2 of the two-stage model, or the single-stage model. */
  readonly stage: "1" | "2" | "single";
  /** The stage's outcome column (the mediator for stage 1, the target otherwise). */
  readonly outcome: string;
  /** Time-series CV folds the candidates were scored on. */
  readonly folds: number;
  /** Mean fold R² of the chosen candidate (in-sample R² for an in-sample choice). */
  readonly cvR2: number;
  /** Standard deviation of the chosen candidate's fold R² (n − 1 denominator). */
  readonly cvR2Sd: number;
  /** The chosen candidate's test R² in each fold, in time order (in-sample R² for an in-sample choice). */
  readonly foldR2: readonly number[];
  /** Mean fold RMSE of the chosen candidate, in units of the outcome. */
  readonly cvRmse: number;
  /** R² of the chosen transforms refitted on every fit row. */
  readonly inSampleR2: number;
  /** Ridge penalty of the chosen candidate (0: plain least squares). */
  readonly alpha: number;
  /** Candidates scored (transform combinations × penalties). */
  readonly candidates: number;
  /** Candidates that could not be scored (a rank-deficient fold, say). */
  readonly failed: number;
  /** `"in-sample"` for series too short to cross-validate: the scores are then in-sample. */
  readonly selection: "cross-validation" | "in-sample";
  /** The evidence gate on the fold R² (null for an in-sample choice, which has no out-of-sample evidence). */
  readonly gate: EvidenceGate | null;
}

/** The CV score over carryover, for heatmaps and curves. */
export interface NationalSearchProfile {
  /** Which search: stage 1 or 2 of the two-stage model, or the single-stage model. */
  readonly stage: "1" | "2" | "single";
  /** The stage's outcome column (the mediator for stage 1, the target otherwise). */
  readonly outcome: string;
  /** Best score by the carryover of two channels (null with fewer than two adstocked channels). */
  readonly grid: ProfileGrid | null;
  /** Best score at each θ, one curve per adstocked channel. */
  readonly curves: readonly ProfileCurve[];
}
