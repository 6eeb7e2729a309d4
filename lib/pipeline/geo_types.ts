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
  /** Amounts shown together (an estimate and its interval) on one scale; default `amount` for each. */
  readonly amounts?: (values: ArrayLike<number>) => (x: number) => string;
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
  /** How the columns copy each other and why they are merged, for `notes`. */
  readonly sentence: string;
}

/** What the identification step did. */
export interface GeoIdentification {
  /** Columns left out, with the cause in words (from `findUnidentifiedTerms`). */
  readonly dropped: readonly UnidentifiedTerm[];
  /** Channels merged by summing their spend (copies of each other, exactly, in other units or almost). */
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
  /** `"cluster"` (by geo) when there are more geos than slopes, else `"driscoll-kraay"`. */
  readonly covType: CovType;
  /** Driscoll–Kraay: the Bartlett window's highest lag, in weeks. */
  readonly maxLags?: number;
  /** Fewer than `FEW_GEOS` (30) geos: intervals are optimistic. */
  readonly fewGeos: boolean;
  /** Which errors and why, with the few-geos warning when it applies. */
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
  /** Carryover θ values searched (default the search's grid). */
  readonly thetaGrid?: readonly number[];
  /** log1p scales searched, as multiples of each channel's mean spend (default the search's grid). */
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
  /** The modelled channel (a merged channel's `"a + b"` name). */
  readonly channel: string;
  /** Its total spend over every row. */
  readonly spend: number;
  /** Counterfactual contribution over every row: fitted target minus fitted target with the channel at zero. */
  readonly contribution: number;
  /** Lower end of the contribution's 95% interval (the bootstrap's, else Krinsky–Robb draws). */
  readonly contributionLower: number;
  /** Upper end of that interval. */
  readonly contributionUpper: number;
  /** `contribution / spend` (NaN without spend). */
  readonly roi: number;
  /** Lower end of the ROI's 95% interval (the bootstrap's with transforms re-chosen, else Krinsky–Robb). */
  readonly lower: number;
  /** Upper end of that interval. */
  readonly upper: number;
  /** Krinsky–Robb interval with the chosen transforms held fixed (for comparison). */
  readonly fixedLower: number;
  /** Upper end of the Krinsky–Robb interval. */
  readonly fixedUpper: number;
  /** Analytic marginal ROI at the current spend, and its interval (same method as `lower`/`upper`). */
  readonly marginalRoi: number;
  /** Lower end of the marginal ROI's bootstrap interval (NaN without the bootstrap). */
  readonly marginalLower: number;
  /** Upper end of that interval (NaN without the bootstrap). */
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
  /** True contribution (bundled data), when known. */
  readonly trueContribution?: number;
  /** Whether [`lower`, `upper`] holds `trueRoi` (present with the truth). */
  readonly covered?: boolean;
}

/** A channel's carryover with its interval (the bootstrap's; none with fixed transforms). */
export interface GeoCarryoverRow {
  /** The modelled channel. */
  readonly channel: string;
  /** Chosen geometric carryover θ. */
  readonly theta: number;
  /** Lower end of θ's bootstrap interval, widened by half a grid step and clipped to [0, 1]; null without the bootstrap. */
  readonly lower: number | null;
  /** Upper end of that interval; null without the bootstrap. */
  readonly upper: number | null;
  /** Chosen log1p scale (spend units) and its multiple of mean spend. */
  readonly scale: number;
  /** The chosen scale as a multiple of the channel's mean spend. */
  readonly scaleMultiple: number;
  /** Share of bootstrap replicates that chose another θ or scale for this channel. */
  readonly changedShare: number | null;
  /** True θ (bundled data), when known. */
  readonly trueTheta?: number;
  /** Whether [`lower`, `upper`] holds `trueTheta` (present with the truth and an interval). */
  readonly covered?: boolean;
}

/** A control's coefficient with its interval. */
export interface GeoControlRow {
  /** The control column. */
  readonly control: string;
  /** Its coefficient: target per unit of the control. */
  readonly estimate: number;
  /** Lower end of its 95% interval (from `inference`). */
  readonly lower: number;
  /** Upper end of that interval. */
  readonly upper: number;
  /** Sign of the coefficient by its interval. */
  readonly verdict: SignVerdict;
  /** Which inference the interval comes from. */
  readonly inference: "bootstrap" | "wild cluster bootstrap" | "cluster-robust" | "Driscoll–Kraay";
  /** True coefficient (bundled data), when known. */
  readonly truth?: number;
  /** Whether [`lower`, `upper`] holds `truth` (present with the truth). */
  readonly covered?: boolean;
}

/** A coefficient's test of zero and interval, analytic and by the wild cluster bootstrap. */
export interface GeoCoefficientTest {
  /** The media or control term. */
  readonly term: string;
  /** Its coefficient. */
  readonly estimate: number;
  /** Reported covariance (`GeoInferencePlan`): standard error, p-value and 95% interval. */
  readonly se: number;
  /** Two-sided p-value of β = 0 under the reported covariance. */
  readonly pValue: number;
  /** Lower end of the analytic 95% interval. */
  readonly lower: number;
  /** Upper end of the analytic 95% interval. */
  readonly upper: number;
  /** Wild cluster bootstrap by geo (WCR): p-value of β = 0 and the test-inversion interval (may be ±∞). */
  readonly wildPValue: number | null;
  /** Lower end of the WCR interval; null when the wild bootstrap was not run. */
  readonly wildLower: number | null;
  /** Upper end of the WCR interval; null when the wild bootstrap was not run. */
  readonly wildUpper: number | null;
  /** Which test the notebook reports. */
  readonly reported: "wild cluster bootstrap" | "analytic";
}

/** Standard errors of one term under several covariance estimates. */
export interface GeoStandardErrorRow {
  /** A media or control term (seasonal terms left out). */
  readonly term: string;
  /** Its coefficient. */
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
  /** Always `"geo"`. */
  readonly model: "geo";
  /** The contract's quantity. */
  readonly quantity: "roi" | "contribution" | "marginal_roi" | "carryover" | "control";
  /** The channel (input column; merged ones joined by " + ") or, for `control`, the control column. */
  readonly channel: string;
  /** The point estimate. */
  readonly estimate: number;
  /** Lower end of the 95% interval; null without one. */
  readonly lower: number | null;
  /** Upper end of the 95% interval; null without one. */
  readonly upper: number | null;
  /** Interval level, 0.95; null without an interval. */
  readonly level: number | null;
  /** What the estimate is measured in ("sales per unit of spend", "sales", …). */
  readonly unit: string;
}

/** How the intervals were made and how they compare with fixed-transform ones. */
export interface GeoIntervals {
  /** How the reported intervals were made. */
  readonly method: GeoIntervalMethod;
  /** Median over channels of (bootstrap ROI interval width ÷ fixed-transform width); NaN without bootstrap. */
  readonly widthRatio: number;
  /** The same for the bootstrap with the transforms held fixed (same weights): the error-structure part. */
  readonly heldWidthRatio: number;
  /** Per channel: bootstrap ÷ fixed-transform ROI interval width. */
  readonly widthRatios: Readonly<Record<string, number>>;
  /** Share of replicates that chose other transforms for at least one channel. */
  readonly changedShare: number;
  /** How the intervals were made and how much wider than fixed-transform ones, in words. */
  readonly sentence: string;
}

/** Everything notebooks 05 and 07 show about the geo model. */
export interface GeoPipelineResult {
  /** The data file the panel was read from. */
  readonly source: string;
  /** Rows of the panel (geo-weeks). */
  readonly rows: number;
  /** Number of geos. */
  readonly geos: number;
  /** Number of distinct weeks. */
  readonly weeks: number;
  /** Whether the target is money (`"currency"`, ROI break-even at 1) or a count (`"units"`). */
  readonly targetUnit: TargetUnit;
  /** The target column. */
  readonly target: string;
  /** The envelope check (`checkEnvelope(ds, "geo")`): findings, warnings and the identification report. */
  readonly envelope: EnvelopeReport;
  /** What identification left out, merged and kept. */
  readonly identification: GeoIdentification;
  /** The modelled panel (merged channels as columns, roles as modelled). */
  readonly dataset: Dataset;
  /** Folds and seasonality adapted to the number of weeks (`geoPanelPlan`). */
  readonly plan: GeoPanelPlan;
  /** The covariance reported, and why. */
  readonly inference: GeoInferencePlan;
  /** The transform search: chosen θ and scale per channel, folds, profiles. */
  readonly transforms: GeoTransforms;
  /** The fitted fixed-effects model: design, fit with the reported covariance, media model. */
  readonly model: GeoModel;
  /** Time-series CV on dates with the search's folds, within-geo R² per fold. */
  readonly crossValidation: PanelCrossValidation;
  /** Joint Wald test that every media coefficient is zero (with the reported covariance). */
  readonly mediaJoint: {
    /** The Wald F statistic. */
    readonly statistic: number;
    /** Its p-value from F(dfNum, dfDenom). */
    readonly pValue: number;
    /** Numerator degrees of freedom: the number of media coefficients. */
    readonly dfNum: number;
    /** Denominator degrees of freedom (the fit's inference df; G − 1 when clustered). */
    readonly dfDenom: number;
  };
  /** The evidence gate on the fold within-geo R², with the joint media test. */
  readonly gate: EvidenceGate;
  /** ROI, contribution and marginal ROI per channel with intervals. */
  readonly roi: readonly GeoRoiRow[];
  /** Chosen carryover and scale per channel, with θ's bootstrap interval. */
  readonly carryover: readonly GeoCarryoverRow[];
  /** Each modelled control's coefficient with its interval. */
  readonly controls: readonly GeoControlRow[];
  /** Tests of each media and control coefficient, analytic and (below 30 geos, or asked) wild bootstrap. */
  readonly coefficientTests: readonly GeoCoefficientTest[];
  /** Standard errors of each media and control term under several covariance estimates. */
  readonly standardErrors: {
    /** The covariance types compared: classical, HC1 and the reported one. */
    readonly covTypes: readonly CovType[];
    /** One row per media and control term. */
    readonly rows: readonly GeoStandardErrorRow[];
  };
  /** Each channel's share of spend beside its share of the media effect. */
  readonly shares: readonly ChannelShare[];
  /** Spend, contribution and ROI by geo, year, month and channel. */
  readonly contributionsByGeoYearMonthChannel: readonly PeriodContribution[];
  /** Contribution per channel by month, as series dated by each month's first day (for charts). */
  readonly monthly: ReturnType<typeof monthlyContributionSeries>;
  /** Flags on the contributions (negative, or larger than the modelled total). */
  readonly plausibility: ContributionPlausibility;
  /** Sum of the fitted target over every row (the denominator of the plausibility checks). */
  readonly modelledTotal: number;
  /** Krinsky–Robb coefficient draws of the fixed-transform intervals. */
  readonly draws: number;
  /** The seed the run used. */
  readonly seed: number;
  /** The bootstrap (with `intervals: "bootstrap"`): every replicate's transforms and slopes. */
  readonly bootstrap?: GeoBootstrap;
  /** The bootstrap's replicate models (what 07's curves, returns and scenarios are evaluated under). */
  readonly replicates?: ModelReplicates;
  /** How the intervals were made and how they compare with fixed-transform ones. */
  readonly intervals: GeoIntervals;
  /** Plain sentences about the data and what the pipeline did with them, in order. */
  readonly notes: readonly string[];
  /** Tidy estimates rows: ROI, contribution, marginal ROI, carryover per channel; control coefficients. */
  readonly estimates: readonly GeoEstimateRow[];
  /** Computed statements for the notebooks' prose. */
  readonly sentences: {
    /** What the transform search tried and how many candidates it scored. */
    readonly search: string;
    /** That the within fit equals the regression with geo dummies. */
    readonly fit: string;
    /** Where the reported errors are smaller than the classical ones, if anywhere. */
    readonly standardErrors: string;
    /** Which coefficient tests are reported and why (wild cluster bootstrap below 30 geos). */
    readonly coefficientTests: string;
    /** Out-of-sample within-geo R² against in-sample. */
    readonly crossValidation: string;
    /** How the intervals were made (the same text as `intervals.sentence`). */
    readonly intervals: string;
    /** The channel with the highest ROI and each channel's ROI verdict. */
    readonly roi: string;
    /** Which channels return less than one unit of target per unit of spend (currency targets). */
    readonly breakEven: string;
    /** How many true ROIs the intervals cover (bundled data), or that there is no truth. */
    readonly truth: string;
  };
}
