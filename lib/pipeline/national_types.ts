/**
 * The types of the national pipeline's options and results (`nationalPipeline`, national.ts): what notebooks
 * 02–07 read. Kept apart from the pipeline's code so that each file holds one job; national.ts re-exports them.
 * What the search chose is typed in national_search_types.ts, the fitted results in national_outcome_types.ts;
 * this module re-exports both.
 *
 * @module
 */
import type { EnvelopeReport } from "../data/envelope.ts";
import type { UnidentifiedTerm } from "../data/identification.ts";
import type { Roles } from "../data/types.ts";
import type { SeasonalControls } from "../features/calendar.ts";
import type { Design } from "../features/design.ts";
import type { MediationFit, MediationInputs } from "../models/mediation.ts";
import type { MediationBootstrap } from "../models/mediation_bootstrap.ts";
import type { TransformBootstrap } from "../evaluate/national_bootstrap.ts";
import type { NationalTransforms, WeeklySearchOptions } from "../evaluate/weekly_transforms.ts";
import type { SingleStageBootstrap, SingleStageFit, SingleStageInputs } from "./national_single_stage.ts";
import type {
  NationalCarryoverRow,
  NationalSaturationRow,
  NationalSearchEvidence,
  NationalSearchProfile,
} from "./national_search_types.ts";
import type { NationalMediation, NationalOutcome, NationalStage1 } from "./national_outcome_types.ts";
export type {
  NationalCarryoverRow,
  NationalSaturationRow,
  NationalSearchEvidence,
  NationalSearchProfile,
} from "./national_search_types.ts";
export type {
  NationalCrossValidation,
  NationalImportanceRow,
  NationalInterval,
  NationalMediation,
  NationalOutcome,
  NationalStage1,
} from "./national_outcome_types.ts";

/** Options of {@link nationalPipeline}. */
export interface NationalOptions {
  /** Seed of the bootstrap, permutations and forest (default `NATIONAL_RUN.seed`). */
  readonly seed?: number;
  /** Bootstrap replicates (default `NATIONAL_RUN.reps`, 999). */
  readonly reps?: number;
  /** Bootstrap block length in weeks (default `NATIONAL_RUN.blockLength`, 8). */
  readonly blockLength?: number;
  /**
   * What the two-stage bootstrap does with the transforms (default `"re-chosen"`): re-choose every carryover
   * (over the searched grid) and the direct channels' saturation in each replicate
   * (`bootstrapMediationTransforms`, lib/evaluate/national_bootstrap.ts), so that the intervals include the
   * transform choice; or hold them `"fixed"` at the chosen values (`bootstrapMediation`). The single-stage
   * model always holds them fixed.
   */
  readonly bootstrapTransforms?: "re-chosen" | "fixed";
  /**
   * Bootstrap the intervals at all (default true). A notebook that shows no interval (the transform choice in
   * notebook 02) passes false: no bootstrap is run, every bootstrap interval is absent (NaN / null), and nothing
   * is recorded as skipped, since nothing failed.
   */
  readonly bootstrap?: boolean;
  /** Newey–West lags of the reported OLS errors (default `NATIONAL_RUN.hacLags`, 4). */
  readonly hacLags?: number;
  /** Grids of the transform search. */
  readonly search?: WeeklySearchOptions;
  /** Permutations per driver (default 20). */
  readonly importanceRepeats?: number;
  /** Trees of the random-forest check on the driver ranking (default 300). */
  readonly forestTrees?: number;
  /**
   * Compute driver importance (default true). The random forest behind it takes seconds (its split search is
   * quadratic in rows); a notebook that does not show importance can pass false.
   */
  readonly importance?: boolean;
  /** Awaited with a short status text (no timings) as the work proceeds, e.g. a progress display's update. */
  readonly onProgress?: (message: string) => void | Promise<void>;
  /** Receives wall-clock timings, one line each (e.g. `console.error`); never part of the results. */
  readonly log?: (line: string) => void;
}

/** The sections a notebook may have to skip. */
export type NationalSection =
  | "models"
  | "two-stage model"
  | "single-stage model"
  | "direct social paths"
  | "price elasticity"
  | "promotion lift"
  | "bootstrap"
  | "cross-validation"
  | "importance"
  | "saturation";

/** A section that cannot run, and why, in one sentence. */
export interface NationalSkipped {
  /** The section that cannot run (one entry per section: the first reason found is kept). */
  readonly section: NationalSection;
  /** Why, in one sentence naming the column or the data's limit (for the notebook to print as it is). */
  readonly reason: string;
}

/** Channels merged because the data cannot tell them apart. */
export interface NationalMergedChannel {
  /** The merged column's name, `a+b`. */
  readonly name: string;
  /** The input columns summed into it (the kept column first, then its copies). */
  readonly columns: readonly string[];
  /** The role the merged columns share (only channels of one role are merged; others are left out). */
  readonly role: "social" | "direct";
  /** Why they were merged, for `notes`. */
  readonly sentence: string;
}
/**
 * One row of the tidy estimates contract (DESIGN.md, "Contracts"; `tidyEstimate` in `lib/plot` checks it):
 * model `"national"`, the contract's quantity, the input file's column (empty where none applies).
 */
export interface NationalEstimate {
  /** Always `"national"`. */
  readonly model: "national";
  /** The contract's quantity. */
  readonly quantity:
    | "google_per_dollar"
    | "indirect_per_dollar"
    | "direct_per_dollar"
    | "total_per_dollar"
    | "roi"
    | "contribution"
    | "price_elasticity"
    | "promotion_lift"
    | "carryover";
  /** The input file's column the quantity belongs to (a merged channel's `a+b` name). */
  readonly channel: string;
  /** The point estimate (rows with a non-finite estimate are left out). */
  readonly estimate: number;
  /** Lower end of the bootstrap interval; null without one. */
  readonly lower: number | null;
  /** Upper end of the bootstrap interval; null without one. */
  readonly upper: number | null;
  /** Interval level, 0.95; null without an interval. */
  readonly level: number | null;
  /** What the estimate is measured in ("revenue per dollar", "elasticity", "geometric θ", …). */
  readonly unit: string;
}

/** Everything the national notebooks show. */
export interface NationalResults {
  /** The data file the dataset was read from. */
  readonly source: string;
  /** Weeks in the series. */
  readonly weeks: number;
  /** First week's date (ISO). */
  readonly firstWeek: string;
  /** Last week's date (ISO). */
  readonly lastWeek: string;
  /** The target column. */
  readonly target: string;
  /** The roles after identification (merged and dropped columns applied). */
  readonly roles: Roles;
  /** The model fitted; null when none can be (see `skipped`). */
  readonly model: "two-stage" | "single-stage" | null;
  /** Plain sentences about what the data forced. */
  readonly notes: readonly string[];
  /** Sections that cannot run, each with its reason. */
  readonly skipped: readonly NationalSkipped[];
  /** What the target looks like, for the levels and percentages the results can report. */
  readonly targetProfile: {
    /** Mean of the target over every week. */
    readonly mean: number;
    /** Weeks whose target is exactly zero. */
    readonly zeroWeeks: number;
    /** Weeks whose target is negative. */
    readonly negativeWeeks: number;
  };
  /** The envelope check (`checkEnvelope`): findings and which analyses the data allow. */
  readonly envelope: EnvelopeReport;
  /** What identification did before any fit (`findUnidentifiedTerms`). */
  readonly identification: {
    /** Columns left out, each with its reason and sentence. */
    readonly dropped: readonly UnidentifiedTerm[];
    /** Channels merged by summing because the data cannot tell them apart. */
    readonly merged: readonly NationalMergedChannel[];
  };
  /** The seasonal controls (`seasonalControls`) and why they take that form. */
  readonly seasonality: {
    /** `"holiday_months"` (November and December dummies) or `"fourier"` (one annual sine/cosine pair). */
    readonly kind: SeasonalControls["kind"];
    /** The control columns by name, one value per week. */
    readonly columns: Readonly<Record<string, Float64Array>>;
    /** Which form, and why, in a sentence. */
    readonly sentence: string;
  };
  /** Weeks of the target flagged by the anomaly screen and left out of the fit rows. */
  readonly anomalies: readonly {
    /** The week's date (ISO). */
    readonly week: string;
    /** The target in that week. */
    readonly value: number;
    /** The local median it was compared with. */
    readonly expected: number;
    /** Robust z, `(value − expected) / σ̂`. */
    readonly z: number;
  }[];
  /** The transform search's result (choices, folds, notes); null when no model can be fitted. */
  readonly transforms: NationalTransforms | null;
  /** One row per direct channel: its saturation scale and chosen curve. */
  readonly saturation: readonly NationalSaturationRow[];
  /** One row per adstocked path: the chosen θ and the range the data cannot tell apart (outcome's rows add intervals). */
  readonly carryover: readonly NationalCarryoverRow[];
  /** The out-of-sample evidence of each searched stage (stage 1 first). */
  readonly searchEvidence: readonly NationalSearchEvidence[];
  /** The CV score over carryover for each searched stage, for heatmaps and curves. */
  readonly profiles: readonly NationalSearchProfile[];
  /** The outcome stage's features with the chosen transforms (before standardization), every week. */
  readonly featureMatrix: Design | null;
  /** Stage 1 of the two-stage model; null for the single-stage model or none. */
  readonly stage1: NationalStage1 | null;
  /** The social channels' paths and mediation verdicts; null unless the two-stage model was fitted. */
  readonly mediation: NationalMediation | null;
  /** The outcome model's results; null when no model could be fitted. */
  readonly outcome: NationalOutcome | null;
  /**
   * Every estimate in the tidy contract's vocabulary, with the intervals shown. In the single-stage model a
   * media channel's effect per dollar is its `total_per_dollar` (no path is split off).
   */
  readonly estimates: readonly NationalEstimate[];
  /** The fitted objects, for diagnostics (notebook 06). */
  readonly twoStage: {
    /** What the two-stage model was fitted on (spec with the chosen transforms, columns, fit rows). */
    readonly inputs: MediationInputs;
    /** Both stages' fits and the effects. */
    readonly fit: MediationFit;
    /** The reported bootstrap (re-chosen or fixed transforms); null when not run or failed. */
    readonly bootstrap: MediationBootstrap | TransformBootstrap | null;
    /**
     * The same bootstrap (seed, replicates, blocks) with the transforms held fixed, beside a re-chosen one, so
     * that a notebook can say how much wider re-choosing made the intervals; null when `bootstrap` itself holds
     * them fixed or failed.
     */
    readonly fixedBootstrap: MediationBootstrap | null;
  } | null;
  /** The single-stage model's fitted objects, for diagnostics; null unless that model was fitted. */
  readonly singleStage: {
    /** What the single-stage model was fitted on. */
    readonly inputs: SingleStageInputs;
    /** Its fit and effects. */
    readonly fit: SingleStageFit;
    /** Its bootstrap (transforms held fixed); null when not run or failed. */
    readonly bootstrap: SingleStageBootstrap | null;
  } | null;
}
