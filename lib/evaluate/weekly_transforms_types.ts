/**
 * The national transform search's options, its result types and its default grids: what
 * {@link searchNationalTransforms} takes and returns (`weekly_transforms.ts` re-exports every name).
 *
 * @module
 */
import type { Anomaly, AnomalyScreen } from "../features/anomalies.ts";
import type { SearchProblem, TransformSearch } from "./search.ts";
import type { OneStandardErrorSet } from "./search_profile.ts";
import type { RefitCandidate } from "./search_refit.ts";

/** Grids and settings of the weekly transform search. */
export interface WeeklySearchOptions {
  /** Geometric carryover candidates θ in [0, 1), for every adstocked channel (default `DEFAULT_THETA_GRID`). */
  readonly thetaGrid?: readonly number[];
  /** Ridge penalties α ≥ 0 tried with every candidate; 0 is OLS (default `DEFAULT_ALPHA_GRID`). */
  readonly alphaGrid?: readonly number[];
  /** Splits asked of `timeSeriesSplit` (default 5); folds training on too few weeks are then dropped. */
  readonly folds?: number;
  /** Robust z beyond which an outcome week is anomalous (default 5). */
  readonly anomalyThreshold?: number;
  /**
   * Social channels with a direct path to the outcome (default: the social channel with the most spend, when
   * there are at least two social channels; none with one, see {@link defaultDirectSocial}).
   */
  readonly directSocial?: readonly string[];
  /** Hill half-saturation candidates as multiples of each direct channel's {@link saturationScale} (0.5, 1, 1.5). */
  readonly halfSaturationMultiples?: readonly number[];
  /** Hill shape (exponent) candidates of the direct channels' saturation (default 1 and 2). */
  readonly hillShapes?: readonly number[];
  /** Seasonal controls entered in every stage (default: `seasonalControls(ds.dates).columns`). */
  readonly seasonal?: Readonly<Record<string, Float64Array>>;
  /** Largest grid per stage before the carryover grid is thinned (default 1,000,000). */
  readonly maxCandidates?: number;
  /**
   * Regime indicators of the target (see {@link regimeControls}) entered in the target's stage (default true):
   * a step dummy from each level shift, or a high-mode indicator for a bimodal target.
   */
  readonly regimes?: boolean;
}

/** The options as used (defaults filled in). */
export interface ResolvedWeeklySearchOptions {
  /** Carryover candidates θ before any thinning (each stage's searched grid is `StageSearch.thetaGrid`). */
  readonly thetaGrid: readonly number[];
  /** Ridge penalties α tried (ignored by an in-sample search, which fits OLS only). */
  readonly alphaGrid: readonly number[];
  /** Splits asked of `timeSeriesSplit`, before folds with too few training weeks are dropped. */
  readonly folds: number;
  /** Robust z beyond which an outcome week is anomalous and left out of the outcome stage. */
  readonly anomalyThreshold: number;
  /** Social channels with a direct path to the outcome in stage 2 (empty for the single-stage model). */
  readonly directSocial: readonly string[];
  /** Hill half-saturation candidates, multiples of each direct channel's `saturationScale`. */
  readonly halfSaturationMultiples: readonly number[];
  /** Hill shape (exponent) candidates. */
  readonly hillShapes: readonly number[];
  /** Largest grid per stage before its carryover grid is thinned. */
  readonly maxCandidates: number;
}

/** One stage's search and what it chose. */
export interface StageSearch {
  /** The stage's regression: outcome, fixed columns (controls, seasonality, regimes), channels and folds. */
  readonly problem: SearchProblem;
  /** Every candidate's CV (or in-sample) score and the best candidate. */
  readonly search: TransformSearch;
  /** Candidates within one standard error of the best, and the θ and α ranges they span. */
  readonly oneStandardError: OneStandardErrorSet;
  /** The best candidate refitted on the stage's rows (in-sample fit). */
  readonly refit: RefitCandidate;
  /** The carryover grid searched (thinned from `thetaGrid` when the grid was too large). */
  readonly thetaGrid: readonly number[];
}

/** Result of {@link searchNationalTransforms}. */
export interface NationalTransforms {
  /** Which model was searched: mediator and outcome stages, or one outcome stage. */
  readonly model: "two-stage" | "single-stage";
  /**
   * How candidates were scored: by time-series cross-validation, or in sample when the series is shorter than
   * `MIN_WEEKS_FOR_CV` (78) weeks (see {@link inSampleSearch}).
   */
  readonly selection: "cross-validation" | "in-sample";
  /** The anomaly screen of the target (`screenAnomalies`): which weeks are left out and why. */
  readonly anomalyScreen: AnomalyScreen;
  /** Regime indicators of the target entered in its stage (empty for a target with one regime). */
  readonly regimeControls: Readonly<Record<string, Float64Array>>;
  /** The options as used, defaults filled in. */
  readonly options: ResolvedWeeklySearchOptions;
  /** The anomalous outcome weeks left out of the outcome stage (`anomalyScreen.anomalies`). */
  readonly anomalies: readonly Anomaly[];
  /** Rows used by the outcome stage (all but the anomalous weeks). */
  readonly keptRows: readonly number[];
  /** Seasonal controls entered in every stage. */
  readonly seasonalControls: Readonly<Record<string, Float64Array>>;
  /** Same object as `seasonalControls` (its former name, when it always held November/December dummies). */
  readonly holidayControls: Readonly<Record<string, Float64Array>>;
  /** Hill scale ({@link saturationScale}) of each direct channel. */
  readonly saturationScales: Readonly<Record<string, number>>;
  /** Stage 1 (mediator on social channels); null for the single-stage model. */
  readonly stage1: StageSearch | null;
  /** The outcome stage: stage 2 of the two-stage model, or the single-stage model. */
  readonly stage2: StageSearch;
  /** Plain sentences about choices the data forced (a thinned grid, folds dropped). */
  readonly notes: readonly string[];
  /** The notes about a thinned carryover grid, with the stage each is about (each also in `notes`). */
  readonly gridNotes: readonly GridNote[];
}

/** Result of {@link searchWeeklyTransforms}: the two-stage search. */
export interface WeeklyTransforms extends NationalTransforms {
  /** Always the two-stage model. */
  readonly model: "two-stage";
  /** Stage 1, the mediator on the social channels (never null here). */
  readonly stage1: StageSearch;
}

/** Default carryover candidates of the national search: θ = 0, 0.1, …, 0.9. */
export const DEFAULT_THETA_GRID: readonly number[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
/** Default ridge penalties of the national search: 0 (OLS), 1 and 10, on standardized columns. */
export const DEFAULT_ALPHA_GRID: readonly number[] = [0, 1, 10];
/** Default `maxCandidates`: about five seconds of search on one core. */
export const DEFAULT_MAX_CANDIDATES = 1_000_000;

/** A stage's carryover grid thinned to fit `maxCandidates`, and the note saying so. */
export interface GridNote {
  /** The stage: the two-stage model's `"stage-1"` (mediator) or `"stage-2"` (outcome), or the single-stage `"model"`. */
  readonly stage: "stage-1" | "stage-2" | "model";
  /** The sentence in `notes`. */
  readonly sentence: string;
}
