/**
 * The types of the single-stage national model (national_single_stage.ts): its spec and inputs, its fit with
 * the effects per media and direct channel, and its bootstrap's options and result. national_single_stage.ts
 * re-exports them.
 *
 * @module
 */
import type { Design } from "../features/design.ts";
import type { AdstockedColumn, DirectChannelSpec, MediationEstimates } from "../models/mediation.ts";
import type { BootstrapInterval } from "../models/mediation_bootstrap.ts";
import type { OlsFit } from "../models/ols.ts";

/** The single-stage model's transforms and roles, as plain data. */
export interface SingleStageSpec {
  /** Media channels with carryover (spend columns). */
  readonly media: readonly AdstockedColumn[];
  /** Direct channels (sends), with optional carryover and saturation. */
  readonly direct: readonly DirectChannelSpec[];
  /** Price column, entered linearly (its coefficient gives the elasticity at the means); absent without one. */
  readonly price?: string;
  /** Promotion column (0/1 or intensity), entered linearly; absent without one. */
  readonly promotion?: string;
  /** Other controls (and seasonal terms), entered as they are. */
  readonly controls: readonly string[];
}

/** What the single-stage model is fitted on. */
export interface SingleStageInputs {
  /** The transforms and roles. */
  readonly spec: SingleStageSpec;
  /** Every column the spec names, by name, one value per week in time order (all of `y`'s length). */
  readonly columns: Readonly<Record<string, Float64Array>>;
  /** The outcome, one value per week. */
  readonly y: Float64Array;
  /** Fit rows, strictly increasing (default all). */
  readonly rows?: readonly number[];
  /** The outcome's name in the OLS results (default `"y"`). */
  readonly yName?: string;
}

/** One media channel's effects. */
export interface SingleStageMediaEffect {
  /** The media (spend) column. */
  readonly channel: string;
  /** Its geometric carryover θ, fixed in the spec. */
  readonly theta: number;
  /** OLS coefficient `β` of its adstocked spend. */
  readonly coef: number;
  /** Standard error of `β` (the covariance type passed to the fit). */
  readonly coefSe: number;
  /** `β / (1 − θ)`: target per dollar in the long run. */
  readonly perDollar: number;
  /** Total spend over every week. */
  readonly spend: number;
  /** Counterfactual contribution `β Σ_t adstock(X, θ)_t` over every week, in units of the target. */
  readonly contribution: number;
  /** `contribution / spend`. */
  readonly roi: number;
}

/** One direct channel's effects. */
export interface SingleStageDirectEffect {
  /** The direct (sends) column. */
  readonly channel: string;
  /** OLS coefficient `β_d` of its transformed volume. */
  readonly coef: number;
  /** Standard error of `β_d` (the covariance type passed to the fit). */
  readonly coefSe: number;
  /** `β_d Σ_t (g_d(adstock(D_d)_t) − g_d(0))` over every week, in units of the target. */
  readonly contribution: number;
  /** Total volume over every week. */
  readonly volume: number;
  /** `1000 · contribution / volume`. */
  readonly contributionPerThousand: number;
}

/** The results of `fitSingleStage`. */
export interface SingleStageFit {
  /** The spec it was fitted with. */
  readonly spec: SingleStageSpec;
  /** The outcome's name. */
  readonly yName: string;
  /** Weeks in the series (the design's rows; the fit uses `rows` of them). */
  readonly n: number;
  /** Fit rows, strictly increasing week indices. */
  readonly rows: Int32Array;
  /** Design over every week (terms: `const`, media, direct, price, promotion, controls). */
  readonly design: Design;
  /** OLS on the fit rows, with the covariance type asked for. */
  readonly ols: OlsFit;
  /** Prediction for every week. */
  readonly fitted: Float64Array;
  /** Effects per media channel, spec order. */
  readonly media: readonly SingleStageMediaEffect[];
  /** Effects per direct channel, spec order. */
  readonly direct: readonly SingleStageDirectEffect[];
  /** `β_price · mean(price)/mean(Y)`; null without a price column. */
  readonly priceElasticity: number | null;
  /** `β_promo` and `100 β_promo / mean(Y)`; null without a promotion column. */
  readonly promotionLift: {
    /** `β_promo`: target per promotion week (per unit of the column). */
    readonly absolute: number;
    /** Standard error of `β_promo`. */
    readonly absoluteSe: number;
    /** `100 β_promo / mean(Y)`, mean over every week. */
    readonly percentOfMeanOutcome: number;
  } | null;
  /** Every effect as a named vector (`<channel>.<quantity>`), as `mediationEstimates`. */
  readonly estimates: MediationEstimates;
  /** Standardized coefficients `β_j sd(x_j)/sd(y)` on the fit rows. */
  readonly standardized: MediationEstimates;
}

/** Options of `bootstrapSingleStage`, as `bootstrapMediation`'s. */
export interface SingleStageBootstrapOptions {
  /** Seed, an integer in [0, 2³²). Required: no hidden randomness. */
  readonly seed: number;
  /** Number of replicates, an integer ≥ 2 (default 999). */
  readonly reps?: number;
  /** Block length in fit rows, an integer in [1, number of fit rows] (default 8). */
  readonly blockLength?: number;
  /** Confidence level of the percentile intervals, in (0, 1) (default 0.95). */
  readonly level?: number;
  /** Circular blocks, wrapping from the last fit row to the first (default true; false: moving blocks). */
  readonly circular?: boolean;
}

/** The result of `bootstrapSingleStage`. */
export interface SingleStageBootstrap {
  /** Seed of the resampling. */
  readonly seed: number;
  /** Replicates drawn (including the failed ones). */
  readonly reps: number;
  /** Block length in fit rows. */
  readonly blockLength: number;
  /** Confidence level of the percentile intervals. */
  readonly level: number;
  /** Whether blocks wrap around (circular block bootstrap). */
  readonly circular: boolean;
  /** Replicates left out because their design was rank deficient. */
  readonly nFailed: number;
  /** Every effect of `SingleStageFit.estimates` with its percentile interval, same order. */
  readonly effects: readonly BootstrapInterval[];
  /** Every standardized coefficient with its percentile interval (`channel` is the term). */
  readonly standardized: readonly BootstrapInterval[];
}
