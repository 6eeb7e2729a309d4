/**
 * The types of the national pipeline's options and results (`nationalPipeline`, national.ts): what notebooks
 * 02–07 read. Kept apart from the pipeline's code so that each file holds one job; national.ts re-exports them.
 *
 * @module
 */
import type { EnvelopeReport } from "../data/envelope.ts";
import type { UnidentifiedTerm } from "../data/identification.ts";
import type { Roles } from "../data/types.ts";
import type { SeasonalControls } from "../features/calendar.ts";
import type { Design } from "../features/design.ts";
import type { SaturationSpec } from "../features/saturation.ts";
import type { MediationFit, MediationInputs } from "../models/mediation.ts";
import type { MediationBootstrap } from "../models/mediation_bootstrap.ts";
import type { intervalWidening, TransformBootstrap } from "../evaluate/national_bootstrap.ts";
import type { OlsFit } from "../models/ols.ts";
import type { ProfileCurve, ProfileGrid } from "../evaluate/search_profile.ts";
import type {
  ContributionPlausibility,
  EvidenceGate,
  MediationKind,
  SignVerdict,
} from "../evaluate/verdicts.ts";
import type { NationalTransforms, WeeklySearchOptions } from "../evaluate/weekly_transforms.ts";
import type { SingleStageBootstrap, SingleStageFit, SingleStageInputs } from "./national_single_stage.ts";

/** Options of {@link nationalPipeline}. */
export interface NationalOptions {
  /** Seed of the bootstrap, permutations and forest (default 20240611). */
  readonly seed?: number;
  /** Bootstrap replicates (default 999). */
  readonly reps?: number;
  /** Bootstrap block length in weeks (default 8). */
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
  /** Newey–West lags of the reported OLS errors (default 4). */
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
  readonly section: NationalSection;
  readonly reason: string;
}

/** Channels merged because the data cannot tell them apart. */
export interface NationalMergedChannel {
  /** The merged column's name, `a+b`. */
  readonly name: string;
  readonly columns: readonly string[];
  readonly role: "social" | "direct";
  readonly sentence: string;
}

/** A chosen carryover, with the range of θ the data cannot tell apart. */
export interface NationalCarryoverRow {
  readonly stage: "1" | "2" | "single";
  /** "social → mediator", "mediator → target", "social → target (direct)", "media → target". */
  readonly path: string;
  readonly channel: string;
  readonly theta: number;
  /** `ln 0.5 / ln θ`, 0 without carryover. */
  readonly halfLifeWeeks: number;
  /** Smallest and largest θ within one standard error of the best CV score (NaN for an in-sample choice). */
  readonly thetaMin: number;
  readonly thetaMax: number;
  /** 95% percentile interval of θ over the bootstrap replicates that re-chose it (NaN with fixed transforms). */
  readonly lower: number;
  readonly upper: number;
}

/** A direct channel's saturation: its scale and the curve chosen. */
export interface NationalSaturationRow {
  readonly channel: string;
  /** {@link saturationScale}: median over the active weeks. */
  readonly scale: number;
  readonly activeWeeks: number;
  readonly weeks: number;
  readonly chosen: SaturationSpec | null;
}

/** Out-of-sample evidence of one searched stage. */
export interface NationalSearchEvidence {
  readonly stage: "1" | "2" | "single";
  readonly outcome: string;
  readonly folds: number;
  readonly cvR2: number;
  readonly cvR2Sd: number;
  readonly foldR2: readonly number[];
  readonly cvRmse: number;
  readonly inSampleR2: number;
  readonly alpha: number;
  readonly candidates: number;
  readonly failed: number;
  /** `"in-sample"` for series too short to cross-validate: the scores are then in-sample. */
  readonly selection: "cross-validation" | "in-sample";
  /** The evidence gate on the fold R² (null for an in-sample choice, which has no out-of-sample evidence). */
  readonly gate: EvidenceGate | null;
}

/** The CV score over carryover, for heatmaps and curves. */
export interface NationalSearchProfile {
  readonly stage: "1" | "2" | "single";
  readonly outcome: string;
  /** Best score by the carryover of two channels (null with fewer than two adstocked channels). */
  readonly grid: ProfileGrid | null;
  /** Best score at each θ, one curve per adstocked channel. */
  readonly curves: readonly ProfileCurve[];
}

/** An estimate with its bootstrap interval and sign verdict. */
export interface NationalInterval {
  readonly estimate: number;
  /** NaN without a bootstrap. */
  readonly lower: number;
  readonly upper: number;
  /** Share of bootstrap replicates ≤ 0 (NaN without a bootstrap). */
  readonly shareNonPositive: number;
  /** null without an interval. */
  readonly verdict: SignVerdict | null;
}

/** Stage 1 of the two-stage model. */
export interface NationalStage1 {
  readonly fit: OlsFit;
  readonly mediator: string;
  readonly perDollar: readonly (NationalInterval & {
    readonly channel: string;
    readonly theta: number;
    readonly a: number;
    readonly aSe: number;
  })[];
  /** What the intervals say, channel by channel, sign-aware. */
  readonly sentence: string;
  /** `M̂` for every week. */
  readonly mediatorFitted: Float64Array;
  readonly evidence: NationalSearchEvidence;
}

/** The social channels' effects on the target and the mediation verdicts (two-stage model only). */
export interface NationalMediation {
  readonly socialEffects: readonly (NationalInterval & {
    readonly channel: string;
    readonly effect: "indirect" | "direct" | "total";
  })[];
  readonly verdicts: readonly {
    readonly channel: string;
    readonly indirect: number;
    readonly indirectLower: number;
    readonly indirectUpper: number;
    readonly sobelPValue: number;
    /** NaN without a direct path. */
    readonly direct: number;
    readonly directLower: number;
    readonly directUpper: number;
    readonly kind: MediationKind | null;
    readonly sentence: string;
  }[];
  /** False with one social channel: direct and indirect paths are then not separately identified. */
  readonly directIdentified: boolean;
  readonly mediator: {
    readonly channel: string;
    readonly b: NationalInterval;
    readonly bResidual: NationalInterval;
    readonly waldF: number;
    readonly waldP: number;
    readonly sentence: string;
  };
}

/** One driver's importance, three ways. */
export interface NationalImportanceRow {
  readonly driver: string;
  readonly standardized: number;
  readonly lower: number;
  readonly upper: number;
  readonly permutation: number;
  readonly permutationSd: number;
  readonly forest: number;
  readonly rankStandardized: number;
  readonly rankPermutation: number;
  readonly rankForest: number;
}

/** Time-series cross-validation of the fitted outcome model. */
export interface NationalCrossValidation {
  readonly rule: string;
  readonly folds: readonly {
    readonly fold: number;
    readonly trainWeeks: number;
    readonly testWeeks: number;
    readonly r2: number;
    readonly rmse: number;
    /** NaN when a test week's target is zero or negative (a percentage error is then undefined or meaningless). */
    readonly mape: number;
  }[];
  readonly meanR2: number;
  readonly sdR2: number;
  readonly meanRmse: number;
  readonly meanMape: number;
  /** Out-of-sample prediction per week (NaN outside the test sets). */
  readonly predictions: Float64Array;
  readonly inSampleR2: number;
  readonly gate: EvidenceGate;
}

/** The outcome model: stage 2 of the two-stage model, or the single-stage model. */
export interface NationalOutcome {
  readonly kind: "two-stage" | "single-stage";
  readonly ols: OlsFit;
  /** The design it was fitted on (fit rows), for diagnostics. */
  readonly design: Design;
  readonly rows: Int32Array;
  /** Prediction for every week. */
  readonly fitted: Float64Array;
  readonly bootstrap: {
    readonly reps: number;
    readonly failed: number;
    readonly blockLength: number;
    readonly circular: boolean;
    readonly seed: number;
    /** Whether the replicates re-chose the transforms or held them fixed. */
    readonly transforms: "re-chosen" | "fixed";
    /**
     * With re-chosen transforms: how much wider the headline intervals are than the same bootstrap's with the
     * transforms held fixed (`intervalWidening`); null otherwise.
     */
    readonly widening: ReturnType<typeof intervalWidening> | null;
    /** How the intervals were made and, with re-chosen transforms, how much wider that made them. */
    readonly sentence: string;
  } | null;
  readonly elasticity: (NationalInterval & { readonly column: string; readonly meaning: string }) | null;
  readonly promotion:
    | (NationalInterval & {
      readonly column: string;
      /** % of mean target; NaN when the mean is not positive. */
      readonly percent: number;
      readonly percentLower: number;
      readonly percentUpper: number;
    })
    | null;
  readonly carryover: readonly NationalCarryoverRow[];
  /** Per paid channel: spend, counterfactual contribution, ROI with its interval. */
  readonly contributions: readonly (NationalInterval & {
    readonly channel: string;
    readonly spend: number;
    readonly contribution: number;
    /** Bootstrap percentile interval of the contribution (NaN without a bootstrap). */
    readonly contributionLower: number;
    readonly contributionUpper: number;
  })[];
  /** Long-run target per dollar of each media channel (single-stage model; the two-stage has `mediation`). */
  readonly perDollar: readonly (NationalInterval & { readonly channel: string })[];
  readonly plausibility: ContributionPlausibility;
  readonly direct: readonly {
    readonly channel: string;
    readonly contribution: number;
    readonly lower: number;
    readonly upper: number;
    readonly volume: number;
    readonly perThousand: number;
  }[];
  readonly importance: readonly NationalImportanceRow[] | null;
  readonly crossValidation: NationalCrossValidation | null;
}

/**
 * One row of the tidy estimates contract (DESIGN.md, "Contracts"; `tidyEstimate` in `lib/plot` checks it):
 * model `"national"`, the contract's quantity, the input file's column (empty where none applies).
 */
export interface NationalEstimate {
  readonly model: "national";
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
  readonly channel: string;
  readonly estimate: number;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly level: number | null;
  readonly unit: string;
}

/** Everything the national notebooks show. */
export interface NationalResults {
  readonly source: string;
  readonly weeks: number;
  readonly firstWeek: string;
  readonly lastWeek: string;
  readonly target: string;
  /** The roles after identification (merged and dropped columns applied). */
  readonly roles: Roles;
  readonly model: "two-stage" | "single-stage" | null;
  /** Plain sentences about what the data forced. */
  readonly notes: readonly string[];
  readonly skipped: readonly NationalSkipped[];
  readonly targetProfile: {
    readonly mean: number;
    readonly zeroWeeks: number;
    readonly negativeWeeks: number;
  };
  /** The envelope check (`checkEnvelope`): findings and which analyses the data allow. */
  readonly envelope: EnvelopeReport;
  readonly identification: {
    readonly dropped: readonly UnidentifiedTerm[];
    readonly merged: readonly NationalMergedChannel[];
  };
  readonly seasonality: {
    readonly kind: SeasonalControls["kind"];
    readonly columns: Readonly<Record<string, Float64Array>>;
    readonly sentence: string;
  };
  readonly anomalies: readonly {
    readonly week: string;
    readonly value: number;
    readonly expected: number;
    readonly z: number;
  }[];
  readonly transforms: NationalTransforms | null;
  readonly saturation: readonly NationalSaturationRow[];
  readonly carryover: readonly NationalCarryoverRow[];
  readonly searchEvidence: readonly NationalSearchEvidence[];
  readonly profiles: readonly NationalSearchProfile[];
  /** The outcome stage's features with the chosen transforms (before standardization), every week. */
  readonly featureMatrix: Design | null;
  readonly stage1: NationalStage1 | null;
  readonly mediation: NationalMediation | null;
  readonly outcome: NationalOutcome | null;
  /**
   * Every estimate in the tidy contract's vocabulary, with the intervals shown. In the single-stage model a
   * media channel's effect per dollar is its `total_per_dollar` (no path is split off).
   */
  readonly estimates: readonly NationalEstimate[];
  /** The fitted objects, for diagnostics (notebook 06). */
  readonly twoStage: {
    readonly inputs: MediationInputs;
    readonly fit: MediationFit;
    readonly bootstrap: MediationBootstrap | TransformBootstrap | null;
    /**
     * The same bootstrap (seed, replicates, blocks) with the transforms held fixed, beside a re-chosen one, so
     * that a notebook can say how much wider re-choosing made the intervals; null when `bootstrap` itself holds
     * them fixed or failed.
     */
    readonly fixedBootstrap: MediationBootstrap | null;
  } | null;
  readonly singleStage: {
    readonly inputs: SingleStageInputs;
    readonly fit: SingleStageFit;
    readonly bootstrap: SingleStageBootstrap | null;
  } | null;
}
