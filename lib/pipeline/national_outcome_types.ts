/**
 * The types of the national model's fitted results (`twoStageResults`, `singleStageResults`): estimates with
 * bootstrap intervals, stage 1, the mediation paths and verdicts, driver importance, cross-validation and the
 * outcome model. national_types.ts re-exports them.
 *
 * @module
 */
import type { Design } from "../features/design.ts";
import type { intervalWidening } from "../evaluate/national_bootstrap.ts";
import type { OlsFit } from "../models/ols.ts";
import type {
  ContributionPlausibility,
  EvidenceGate,
  MediationKind,
  SignVerdict,
} from "../evaluate/verdicts.ts";
import type { NationalCarryoverRow, NationalSearchEvidence } from "./national_search_types.ts";

/** An estimate with its bootstrap interval and sign verdict. */
export interface NationalInterval {
  /** The point estimate from the fit on the data. */
  readonly estimate: number;
  /** Lower end of the 95% bootstrap percentile interval; NaN without a bootstrap. */
  readonly lower: number;
  /** Upper end of the 95% bootstrap percentile interval; NaN without a bootstrap. */
  readonly upper: number;
  /** Share of bootstrap replicates ≤ 0 (NaN without a bootstrap). */
  readonly shareNonPositive: number;
  /** What the interval says about the sign (`signVerdict`); null without an interval. */
  readonly verdict: SignVerdict | null;
}

/** Stage 1 of the two-stage model. */
export interface NationalStage1 {
  /** Stage 1's OLS fit (mediator on the adstocked social channels and controls), with the reported HAC errors. */
  readonly fit: OlsFit;
  /** The mediator column (search spend, typically). */
  readonly mediator: string;
  /** Per social channel: long-run mediator dollars per dollar, `a / (1 − θ)`, with its interval. */
  readonly perDollar: readonly (NationalInterval & {
    /** The social channel. */
    readonly channel: string;
    /** Its stage-1 carryover θ. */
    readonly theta: number;
    /** Stage-1 coefficient of its adstocked spend. */
    readonly a: number;
    /** OLS (HAC) standard error of `a`. */
    readonly aSe: number;
  })[];
  /** What the intervals say, channel by channel, sign-aware. */
  readonly sentence: string;
  /** `M̂` for every week. */
  readonly mediatorFitted: Float64Array;
  /** Stage 1's search evidence (the same row as `searchEvidence[0]`). */
  readonly evidence: NationalSearchEvidence;
}

/** The social channels' effects on the target and the mediation verdicts (two-stage model only). */
export interface NationalMediation {
  /**
   * Per social channel, target per dollar in the long run through the mediator (`indirect`), on its own path
   * (`direct`, only when the model has one) and both (`total`), each with its interval.
   */
  readonly socialEffects: readonly (NationalInterval & {
    /** The social channel. */
    readonly channel: string;
    /** Which path the row measures. */
    readonly effect: "indirect" | "direct" | "total";
  })[];
  /** Per social channel, the mediation kind its indirect and direct intervals support (Zhao–Lynch–Chen). */
  readonly verdicts: readonly {
    /** The social channel. */
    readonly channel: string;
    /** Indirect effect per dollar (target per social dollar through the mediator). */
    readonly indirect: number;
    /** 95% bootstrap interval of the indirect effect (NaN without a bootstrap). */
    readonly indirectLower: number;
    /** Upper end of that interval. */
    readonly indirectUpper: number;
    /** Two-sided Sobel test p-value of the indirect effect (normal approximation, delta-method SE). */
    readonly sobelPValue: number;
    /** Direct effect per dollar; NaN without a direct path. */
    readonly direct: number;
    /** 95% bootstrap interval of the direct effect (NaN without a direct path or a bootstrap). */
    readonly directLower: number;
    /** Upper end of that interval. */
    readonly directUpper: number;
    /** The mediation kind (`mediationVerdict`); null without bootstrap intervals. */
    readonly kind: MediationKind | null;
    /** "channel: verdict sentence", or why no verdict can be given. */
    readonly sentence: string;
  }[];
  /** False with one social channel: direct and indirect paths are then not separately identified. */
  readonly directIdentified: boolean;
  /** The mediator in stage 2: its two coefficients and the test that they are equal. */
  readonly mediator: {
    /** The mediator column. */
    readonly channel: string;
    /** Coefficient of adstocked `M̂` (the part of the mediator social spend drives), with its interval. */
    readonly b: NationalInterval;
    /** Coefficient of adstocked `û = M − M̂` (the rest of the mediator), with its interval. */
    readonly bResidual: NationalInterval;
    /** Wald F statistic of `b = b_u` with the stage-2 (HAC) covariance. */
    readonly waldF: number;
    /** Its p-value (NaN when the test cannot be computed). */
    readonly waldP: number;
    /** What the test says at the 5% level. */
    readonly sentence: string;
  };
}

/** One driver's importance, three ways. */
export interface NationalImportanceRow {
  /** The outcome model's regressor (a design column other than `const`). */
  readonly driver: string;
  /** Standardized coefficient `β · sd(x)/sd(y)` on the fit rows. */
  readonly standardized: number;
  /** 95% bootstrap interval of the standardized coefficient (NaN without a bootstrap). */
  readonly lower: number;
  /** Upper end of that interval. */
  readonly upper: number;
  /** Permutation importance: mean drop in in-sample R² when the driver is shuffled, over seeded repeats. */
  readonly permutation: number;
  /** Standard deviation of that drop over the repeats. */
  readonly permutationSd: number;
  /** Random-forest impurity importance (MDI, normalized to sum 1 over the drivers). */
  readonly forest: number;
  /** Rank by |standardized| (1 = largest); rows are sorted by it. */
  readonly rankStandardized: number;
  /** Rank by permutation importance (1 = largest). */
  readonly rankPermutation: number;
  /** Rank by forest importance (1 = largest). */
  readonly rankForest: number;
}

/** Time-series cross-validation of the fitted outcome model. */
export interface NationalCrossValidation {
  /** How the folds were laid out, in words (`NATIONAL_CV_RULE`). */
  readonly rule: string;
  /** One row per fold used, in time order (folds whose training window cannot identify the model left out). */
  readonly folds: readonly {
    /** 1-based fold number among the folds used. */
    readonly fold: number;
    /** Training weeks used (an expanding window ending before the test weeks; anomaly weeks left out). */
    readonly trainWeeks: number;
    /** Test weeks used (the 13 weeks after the training window, less any anomaly weeks). */
    readonly testWeeks: number;
    /** R² on the test weeks. */
    readonly r2: number;
    /** RMSE on the test weeks, in units of the target. */
    readonly rmse: number;
    /** NaN when a test week's target is zero or negative (a percentage error is then undefined or meaningless). */
    readonly mape: number;
  }[];
  /** Mean test R² over the folds. */
  readonly meanR2: number;
  /** Standard deviation of the test R² over the folds. */
  readonly sdR2: number;
  /** Mean test RMSE over the folds, in units of the target. */
  readonly meanRmse: number;
  /** Mean test MAPE over the folds, a fraction (0.05 = 5%); NaN when any fold's is. */
  readonly meanMape: number;
  /** Out-of-sample prediction per week (NaN outside the test sets). */
  readonly predictions: Float64Array;
  /** R² of the model fitted on every fit row (stage 2's for the two-stage model). */
  readonly inSampleR2: number;
  /** The evidence gate on the fold R² (a fold that could not be scored counts 0), its reason noting the held transforms. */
  readonly gate: EvidenceGate;
  /** The note that leading folds were left out (`leftOutFoldsNote`, also in the run's `notes`); null if none was. */
  readonly leftOutNote: string | null;
}

/** The outcome model: stage 2 of the two-stage model, or the single-stage model. */
export interface NationalOutcome {
  /** Which model the outcome stage belongs to. */
  readonly kind: "two-stage" | "single-stage";
  /** OLS fit of the target on the fit rows, with Newey–West (HAC) errors. */
  readonly ols: OlsFit;
  /** The design it was fitted on (fit rows), for diagnostics. */
  readonly design: Design;
  /** Fit rows: week indices, strictly increasing (the weeks left after the anomaly screen). */
  readonly rows: Int32Array;
  /** Prediction for every week. */
  readonly fitted: Float64Array;
  /** How the intervals were bootstrapped; null when no bootstrap was run or it failed. */
  readonly bootstrap: {
    /** Replicates drawn. */
    readonly reps: number;
    /** Replicates left out because their design was rank deficient. */
    readonly failed: number;
    /** Block length in weeks. */
    readonly blockLength: number;
    /** Whether blocks wrap around the end of the series (circular block bootstrap). */
    readonly circular: boolean;
    /** Seed of the resampling. */
    readonly seed: number;
    /** Whether the replicates re-chose the transforms or held them fixed. */
    readonly transforms: "re-chosen" | "fixed";
    /** Replicates, blocks, seed and the replicates left out, in one sentence (`bootstrapSizeSentence`). */
    readonly sizeSentence: string;
    /**
     * With re-chosen transforms: how much wider the headline intervals are than the same bootstrap's with the
     * transforms held fixed (`intervalWidening`); null otherwise.
     */
    readonly widening: ReturnType<typeof intervalWidening> | null;
    /** How the intervals were made and, with re-chosen transforms, how much wider that made them. */
    readonly sentence: string;
  } | null;
  /**
   * Price elasticity at the means, `β_price · mean(price) / mean(target)`, with its interval; null without a
   * price column or when the target is not a positive level.
   */
  readonly elasticity:
    | (NationalInterval & {
      /** The price column. */
      readonly column: string;
      /** What the interval says in words ("revenue falls as average_price rises"). */
      readonly meaning: string;
    })
    | null;
  /** Promotion lift: target per promotion week (`β_promo`), with its interval; null without a promotion column. */
  readonly promotion:
    | (NationalInterval & {
      /** The promotion column. */
      readonly column: string;
      /** % of mean target; NaN when the mean is not positive. */
      readonly percent: number;
      /** 95% bootstrap interval of `percent` (NaN without a bootstrap or a positive mean). */
      readonly percentLower: number;
      /** Upper end of that interval. */
      readonly percentUpper: number;
    })
    | null;
  /** The chosen carryovers, with the bootstrap's θ intervals when it re-chose them. */
  readonly carryover: readonly NationalCarryoverRow[];
  /** Per paid channel: spend, counterfactual contribution, ROI with its interval. */
  readonly contributions: readonly (NationalInterval & {
    /** The paid channel (social channels and the mediator; media channels in the single-stage model). */
    readonly channel: string;
    /** Total spend over every week. */
    readonly spend: number;
    /** Target with actual spend minus target with the channel at zero, summed over every week (both stages). */
    readonly contribution: number;
    /** Bootstrap percentile interval of the contribution (NaN without a bootstrap). */
    readonly contributionLower: number;
    /** Upper end of that interval. */
    readonly contributionUpper: number;
  })[];
  /** Long-run target per dollar of each media channel (single-stage model; the two-stage has `mediation`). */
  readonly perDollar: readonly (
    & NationalInterval
    & {
      /** The media channel. */
      readonly channel: string;
    }
  )[];
  /** Flags on the contributions (negative, or larger than the modelled target) from `contributionPlausibility`. */
  readonly plausibility: ContributionPlausibility;
  /** Per direct channel (sends): its contribution through the chosen saturation curve. */
  readonly direct: readonly {
    /** The direct channel. */
    readonly channel: string;
    /** `β_d Σ_t (g_d(adstock(D_d)_t) − g_d(0))` over every week, in units of the target. */
    readonly contribution: number;
    /** 95% bootstrap interval of the contribution (NaN without a bootstrap). */
    readonly lower: number;
    /** Upper end of that interval. */
    readonly upper: number;
    /** Total volume (sends) over every week. */
    readonly volume: number;
    /** Contribution per thousand units of volume. */
    readonly perThousand: number;
  }[];
  /** Driver importance three ways; null when not asked for (`importance: false`) or not computable. */
  readonly importance: readonly NationalImportanceRow[] | null;
  /** Time-series CV of the outcome model; null when the series is too short or no fold can be fitted. */
  readonly crossValidation: NationalCrossValidation | null;
}
