/**
 * The types of the geo pipeline's options and results (`geoPipeline`, geo.ts), what notebooks 05–07 read;
 * geo.ts re-exports them.
 *
 * @module
 */
import { type EnvelopeReport } from "../data/envelope.ts";
import type { UnidentifiedTerm, ZeroInGeos } from "../data/identification.ts";
import type { GeoTruth } from "../data/truth.ts";
import type { Dataset, TargetUnit } from "../data/types.ts";
import type { CovType } from "../models/covariance.ts";
import { type GeoPanelPlan, type GeoTransforms } from "../evaluate/geo_transforms.ts";
import { type GeoBootstrap } from "../evaluate/geo_bootstrap.ts";
import { type PanelCrossValidation } from "../evaluate/panel_cv.ts";
import { type ContributionPlausibility, type EvidenceGate, type SignVerdict } from "../evaluate/verdicts.ts";
import { monthlyContributionSeries, type PeriodContribution } from "../decompose/contributions_by_period.ts";
import { type GeoModel } from "../decompose/geo_model.ts";
import { type ModelReplicates } from "../decompose/model_replicates.ts";
import { type ChannelShare } from "../decompose/share_of_effect.ts";

/** How sentences write amounts of the target and returns per unit of spend (`targetFormat(unit)` fits). */
export interface GeoSentenceFormat {
  /** An amount of target in prose ("$12,340", "12,340 units"). */
  readonly amount: (x: number) => string;
  /** A return per unit of spend as a bare number ("1.23"). */
  readonly ratio: (x: number) => string;
  /** An amount of spend ("$1.2M"); default three significant digits. */
  readonly spend?: (x: number) => string;
}

/** Channels merged because the data cannot tell them apart. */
export interface GeoMergedChannel {
  /** Name of the combined channel, its columns joined by `" + "` (e.g. `"tv_spend + radio_spend"`). */
  readonly channel: string;
  /** The input columns summed into it, in role order. */
  readonly columns: readonly string[];
  readonly sentence: string;
}

/** What the identification step did. */
export interface GeoIdentification {
  /** Columns left out, with the cause in words (from `findUnidentifiedTerms`). */
  readonly dropped: readonly UnidentifiedTerm[];
  readonly merged: readonly GeoMergedChannel[];
  /** Kept channels that are zero throughout some geos (estimated from the other geos). */
  readonly zeroInGeos: readonly ZeroInGeos[];
  /** Media channels modelled (names in `GeoPipelineResult.dataset`). */
  readonly channels: readonly string[];
  /** Controls modelled (population included when it is identified). */
  readonly controls: readonly string[];
  /** Whether the population column (if the roles name one) is modelled. */
  readonly populationModelled: boolean;
}

/** The coefficient covariance the geo model reports, and why. */
export interface GeoInferencePlan {
  readonly covType: CovType;
  /** Driscoll–Kraay: the Bartlett window's highest lag, in weeks. */
  readonly maxLags?: number;
  /** Fewer than `FEW_GEOS` (30) geos: intervals are optimistic. */
  readonly fewGeos: boolean;
  readonly sentence: string;
}

/** How the pipeline's intervals are made. */
export type GeoIntervalMethod = "bootstrap" | "fixed-transforms";

/** Options of {@link geoPipeline}. */
export interface GeoPipelineOptions {
  /** Seed of the bootstrap, the coefficient draws and the wild cluster bootstrap. */
  readonly seed: number;
  /** Coefficient draws of the fixed-transform (Krinsky–Robb) intervals, shown for comparison (default 2000). */
  readonly draws?: number;
  /**
   * `"bootstrap"` (default): intervals from a wild bootstrap that re-chooses carryover and saturation in every
   * replicate (`geoBootstrap`); `"fixed-transforms"`: Krinsky–Robb draws with the chosen transforms held
   * fixed (the former default: too narrow).
   */
  readonly intervals?: GeoIntervalMethod;
  /** Bootstrap replicates (default 199). */
  readonly replicates?: number;
  /** Bootstrap clusters: `"auto"` (default; see `geoBootstrap`), per geo, or per block of weeks. */
  readonly bootstrapScheme?: "auto" | "geo" | "week-block";
  /**
   * Wild cluster bootstrap (WCR, by geo) of the coefficient tests: `"auto"` (default) below `FEW_GEOS` (30)
   * geos, where it is the reported inference; `"always"` computes it for any panel (reported below 30 geos);
   * `"never"`.
   */
  readonly wildBootstrap?: "auto" | "always" | "never";
  /** Time-series folds wanted (default 5; fewer when the data are short, see `geoPanelPlan`). */
  readonly folds?: number;
  readonly thetaGrid?: readonly number[];
  readonly scaleMultiples?: readonly number[];
  /** Ground truth (bundled data only): estimates are compared with it. */
  readonly truth?: GeoTruth;
  /** How sentences write amounts and returns (default: three significant digits). */
  readonly format?: GeoSentenceFormat;
  /** Awaited with a progress line (deterministic text, no timings) during the work. */
  readonly onProgress?: (text: string) => void | Promise<void>;
  /** Milliseconds of search work between progress updates (default 250, the progress display's rate). */
  readonly yieldEveryMs?: number;
  /** Receives wall-clock timings (e.g. `console.error`); they never enter the results. */
  readonly log?: (line: string) => void;
}

/** A channel's ROI, contribution and marginal ROI with their intervals and what the interval says. */
export interface GeoRoiRow {
  readonly channel: string;
  readonly spend: number;
  readonly contribution: number;
  readonly contributionLower: number;
  readonly contributionUpper: number;
  readonly roi: number;
  readonly lower: number;
  readonly upper: number;
  /** Krinsky–Robb interval with the chosen transforms held fixed (for comparison). */
  readonly fixedLower: number;
  readonly fixedUpper: number;
  /** Analytic marginal ROI at the current spend, and its interval (same method as `lower`/`upper`). */
  readonly marginalRoi: number;
  readonly marginalLower: number;
  readonly marginalUpper: number;
  /** Sign of the ROI by its interval. */
  readonly verdict: SignVerdict;
  /**
   * Currency targets: the whole interval is below 1 (less than one unit of target per unit of spend even at
   * the top of the interval). Always false for unit targets (break-even needs a value per unit).
   */
  readonly belowBreakEven: boolean;
  /** Truth (bundled data), when known for the channel. */
  readonly trueRoi?: number;
  readonly trueContribution?: number;
  readonly covered?: boolean;
}

/** A channel's carryover with its interval (the bootstrap's; none with fixed transforms). */
export interface GeoCarryoverRow {
  readonly channel: string;
  readonly theta: number;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Chosen log1p scale (spend units) and its multiple of mean spend. */
  readonly scale: number;
  readonly scaleMultiple: number;
  /** Share of bootstrap replicates that chose another θ or scale for this channel. */
  readonly changedShare: number | null;
  readonly trueTheta?: number;
  readonly covered?: boolean;
}

/** A control's coefficient with its interval. */
export interface GeoControlRow {
  readonly control: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly verdict: SignVerdict;
  /** Which inference the interval comes from. */
  readonly inference: "bootstrap" | "wild cluster bootstrap" | "cluster-robust" | "Driscoll–Kraay";
  readonly truth?: number;
  readonly covered?: boolean;
}

/** A coefficient's test of zero and interval, analytic and by the wild cluster bootstrap. */
export interface GeoCoefficientTest {
  readonly term: string;
  readonly estimate: number;
  /** Reported covariance (`GeoInferencePlan`): standard error, p-value and 95% interval. */
  readonly se: number;
  readonly pValue: number;
  readonly lower: number;
  readonly upper: number;
  /** Wild cluster bootstrap by geo (WCR): p-value of β = 0 and the test-inversion interval (may be ±∞). */
  readonly wildPValue: number | null;
  readonly wildLower: number | null;
  readonly wildUpper: number | null;
  /** Which test the notebook reports. */
  readonly reported: "wild cluster bootstrap" | "analytic";
}

/** Standard errors of one term under several covariance estimates. */
export interface GeoStandardErrorRow {
  readonly term: string;
  readonly coef: number;
  /** By covariance type. */
  readonly se: Readonly<Record<string, number>>;
  /** Reported (chosen) standard error ÷ classical. */
  readonly ratio: number;
}

/**
 * A row of the tidy estimates contract (`model,quantity,channel,estimate,lower,upper,level,unit`; see
 * `lib/plot/estimates.ts`, whose `tidyEstimate` checks it): `channel` is the input column (merged channels
 * join theirs with " + "), empty for none.
 */
export interface GeoEstimateRow {
  readonly model: "geo";
  readonly quantity: "roi" | "contribution" | "marginal_roi" | "carryover" | "control";
  readonly channel: string;
  readonly estimate: number;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly level: number | null;
  readonly unit: string;
}

/** How the intervals were made and how they compare with fixed-transform ones. */
export interface GeoIntervals {
  readonly method: GeoIntervalMethod;
  /** Median over channels of (bootstrap ROI interval width ÷ fixed-transform width); NaN without bootstrap. */
  readonly widthRatio: number;
  /** The same for the bootstrap with the transforms held fixed (same weights): the error-structure part. */
  readonly heldWidthRatio: number;
  /** Per channel: bootstrap ÷ fixed-transform ROI interval width. */
  readonly widthRatios: Readonly<Record<string, number>>;
  /** Share of replicates that chose other transforms for at least one channel. */
  readonly changedShare: number;
  readonly sentence: string;
}

/** Everything notebooks 05 and 07 show about the geo model. */
export interface GeoPipelineResult {
  readonly source: string;
  readonly rows: number;
  readonly geos: number;
  readonly weeks: number;
  readonly targetUnit: TargetUnit;
  readonly target: string;
  readonly envelope: EnvelopeReport;
  readonly identification: GeoIdentification;
  /** The modelled panel (merged channels as columns, roles as modelled). */
  readonly dataset: Dataset;
  readonly plan: GeoPanelPlan;
  readonly inference: GeoInferencePlan;
  readonly transforms: GeoTransforms;
  readonly model: GeoModel;
  readonly crossValidation: PanelCrossValidation;
  /** Joint Wald test that every media coefficient is zero (with the reported covariance). */
  readonly mediaJoint: {
    readonly statistic: number;
    readonly pValue: number;
    readonly dfNum: number;
    readonly dfDenom: number;
  };
  readonly gate: EvidenceGate;
  readonly roi: readonly GeoRoiRow[];
  readonly carryover: readonly GeoCarryoverRow[];
  readonly controls: readonly GeoControlRow[];
  /** Tests of each media and control coefficient, analytic and (below 30 geos, or asked) wild bootstrap. */
  readonly coefficientTests: readonly GeoCoefficientTest[];
  readonly standardErrors: {
    readonly covTypes: readonly CovType[];
    readonly rows: readonly GeoStandardErrorRow[];
  };
  readonly shares: readonly ChannelShare[];
  readonly contributionsByGeoYearMonthChannel: readonly PeriodContribution[];
  readonly monthly: ReturnType<typeof monthlyContributionSeries>;
  readonly plausibility: ContributionPlausibility;
  /** Sum of the fitted target over every row (the denominator of the plausibility checks). */
  readonly modelledTotal: number;
  readonly draws: number;
  readonly seed: number;
  /** The bootstrap (with `intervals: "bootstrap"`): every replicate's transforms and slopes. */
  readonly bootstrap?: GeoBootstrap;
  /** The bootstrap's replicate models (what 07's curves, returns and scenarios are evaluated under). */
  readonly replicates?: ModelReplicates;
  readonly intervals: GeoIntervals;
  /** Plain sentences about the data and what the pipeline did with them, in order. */
  readonly notes: readonly string[];
  /** Tidy estimates rows: ROI, contribution, marginal ROI, carryover per channel; control coefficients. */
  readonly estimates: readonly GeoEstimateRow[];
  /** Computed statements for the notebooks' prose. */
  readonly sentences: {
    readonly search: string;
    readonly fit: string;
    readonly standardErrors: string;
    readonly coefficientTests: string;
    readonly crossValidation: string;
    readonly intervals: string;
    readonly roi: string;
    readonly breakEven: string;
    readonly truth: string;
  };
}
