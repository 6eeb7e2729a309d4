/**
 * Types of the two-stage mediation model (`mediation.ts` has the model and its definitions): the inputs
 * (spec, columns, fit rows), the regressors over the full series, the effects and the fit.
 *
 * @module
 */

import type { SaturationSpec } from "../features/saturation.ts";
import type { CovarianceOptions } from "./covariance.ts";
import type { OlsFit } from "./ols.ts";
import type { FTestResult } from "./wald_test.ts";

/** A spend column with its geometric carryover θ. */
export interface AdstockedColumn {
  /** Column name in `MediationInputs.columns`. */
  readonly column: string;
  /** Geometric carryover in [0, 1). */
  readonly theta: number;
}

/** A direct (non-mediated) channel of stage 2: `g(adstock(x, θ))`. */
export interface DirectChannelSpec {
  /** Name of the spend column in `columns`. */
  readonly column: string;
  /** Geometric carryover in [0, 1) (default 0: no carryover). */
  readonly theta?: number;
  /** Saturation applied after adstock (default none). */
  readonly saturation?: SaturationSpec;
}

/**
 * The transforms and roles of the two-stage model, as plain data (what a carryover search chooses).
 * Every name refers to a column of `MediationInputs.columns`.
 */
export interface MediationSpec {
  /** Stage-1 regressors: social channels with their carryover θ_s. At least one. */
  readonly social: readonly AdstockedColumn[];
  /** The mediator and the carryover θ_M of its effect on the outcome. */
  readonly mediator: AdstockedColumn;
  /** Social channels (a subset of `social`) with a direct path in stage 2, with their own carryover θ'_s. */
  readonly directSocial: readonly AdstockedColumn[];
  /** Direct channels of stage 2 (e.g. emails, SMS). */
  readonly direct: readonly DirectChannelSpec[];
  /** Stage-1 controls (e.g. November/December dummies), entered as they are. */
  readonly stage1Controls: readonly string[];
  /** Stage-2 controls, entered as they are. */
  readonly stage2Controls: readonly string[];
  /** Price column (stage 2), for the elasticity. */
  readonly price?: string;
  /** Promotion column (stage 2, a 0/1 flag or intensity), for the lift. */
  readonly promotion?: string;
}

/** What the model is fitted on. */
export interface MediationInputs {
  /** Which columns play which part (social, mediator, direct channels, price, promotion, controls). */
  readonly spec: MediationSpec;
  /** Raw columns by name, in time order, each as long as the outcome (controls such as month dummies too). */
  readonly columns: Readonly<Record<string, Float64Array>>;
  /** The outcome, in time order. */
  readonly y: Float64Array;
  /** Fit rows: strictly increasing indices into the series (default all). */
  readonly rows?: ArrayLike<number>;
  /** Name of the outcome for summaries (default `"y"`). */
  readonly yName?: string;
}

/**
 * The model's regressors over the full series, computed once from the inputs (adstock in time order), from
 * which both stages can be refitted on any rows without recomputing a transform.
 */
export interface MediationData {
  /** The specification the data were built from. */
  readonly spec: MediationSpec;
  /** Name of the outcome for summaries. */
  readonly yName: string;
  /** Length of the series. */
  readonly n: number;
  /** Fit rows (ascending). */
  readonly rows: Int32Array;
  /** The outcome over the full series. */
  readonly y: Float64Array;
  /** The recorded mediator over the full series. */
  readonly mediator: Float64Array;
  /** The raw columns the spec names (the inputs' arrays, not copies). */
  readonly raw: Readonly<Record<string, Float64Array>>;
  /** `const`, the social columns, the stage-1 controls. */
  readonly stage1Terms: readonly string[];
  /** n × k₁ stage-1 design over every week. */
  readonly stage1X: Float64Array;
  /** n × k₁: each stage-1 column adstocked with θ_M, so that `adstock(M̂, θ_M) = stage1XAdstocked · â`. */
  readonly stage1XAdstocked: Float64Array;
  /** `adstock(M, θ_M)` over every week: `adstock(û, θ_M) = mediatorAdstocked − stage1XAdstocked · â`. */
  readonly mediatorAdstocked: Float64Array;
  /** `const`, `<mediator>_fitted`, `<mediator>_residual`, direct social, direct, price, promotion, controls. */
  readonly stage2Terms: readonly string[];
  /** n × (k₂ − 3): the stage-2 columns after the two mediator columns, transformed, over every week. */
  readonly stage2Fixed: Float64Array;
}

/** Effects of one social channel (see the module doc for the definitions). */
export interface SocialEffect {
  /** The social spend column. */
  readonly channel: string;
  /** Stage-1 carryover θ_s. */
  readonly theta: number;
  /** Carryover θ'_s of the direct path, or null without one. */
  readonly directTheta: number | null;
  /** Stage-1 coefficient `a_s` and its OLS standard error. */
  readonly a: number;
  /** OLS standard error of `a_s`. */
  readonly aSe: number;
  /** `a_s/(1 − θ_s)`: mediator dollars per social dollar, long run. */
  readonly mediatorPerDollar: number;
  /** `a_s/(1 − θ_s) · b/(1 − θ_M)`. */
  readonly indirectPerDollar: number;
  /** Sobel (delta-method) SE of `indirectPerDollar`, `z = estimate/se` and its two-sided normal p-value. */
  readonly sobelSe: number;
  /** `sobelZ = indirectPerDollar / sobelSe`. */
  readonly sobelZ: number;
  /** Two-sided normal p-value of `sobelZ`. */
  readonly sobelPValue: number;
  /** `c_s/(1 − θ'_s)` (0 without a direct path) and its OLS standard error (0 without one). */
  readonly directPerDollar: number;
  /** OLS standard error of `directPerDollar` (0 without a direct path). */
  readonly directPerDollarSe: number;
  /** `directPerDollar + indirectPerDollar`. */
  readonly totalPerDollar: number;
  /** Total spend over the series. */
  readonly spend: number;
  /** Counterfactual contributions over every week of the series. */
  readonly contributionIndirect: number;
  /** Counterfactual contribution through the direct path. */
  readonly contributionDirect: number;
  /** `contributionDirect + contributionIndirect`. */
  readonly contribution: number;
  /** `contribution / spend`. */
  readonly roi: number;
}

/** Effects of the mediator. */
export interface MediatorEffect {
  /** The mediator column. */
  readonly channel: string;
  /** Carryover θ_M of the mediator in stage 2. */
  readonly theta: number;
  /** Coefficients of `adstock(M̂)` (the indirect effects use it) and of `adstock(û)`, with OLS SEs. */
  readonly b: number;
  /** OLS standard error of `b`. */
  readonly bSe: number;
  /** Coefficient `b_u` of `adstock(û)`. */
  readonly bResidual: number;
  /** OLS standard error of `b_u`. */
  readonly bResidualSe: number;
  /** `b/(1 − θ_M)`. */
  readonly perDollar: number;
  /** Total mediator spend over the series. */
  readonly spend: number;
  /** Outcome with the recorded mediator minus outcome with the mediator at zero in every week. */
  readonly contribution: number;
  /** `contribution / spend`. */
  readonly roi: number;
}

/** Effects of a direct channel. */
export interface DirectChannelEffect {
  /** The direct channel's column. */
  readonly channel: string;
  /** Stage-2 coefficient `β_d` of `g_d(adstock(D_d))`. */
  readonly coef: number;
  /** OLS standard error of `β_d`. */
  readonly coefSe: number;
  /** `β Σ_t (g(adstock(x)_t) − g(0))`. */
  readonly contribution: number;
  /** Column total (sends, or spend). */
  readonly volume: number;
  /** `1000 · contribution / volume`. */
  readonly contributionPerThousand: number;
}

/** Promotion lift. */
export interface PromotionLift {
  /** `β_promo`: outcome per unit of the promotion column (per promotion week for a 0/1 flag). */
  readonly absolute: number;
  /** OLS standard error of `β_promo`. */
  readonly absoluteSe: number;
  /** `100 · β_promo / mean(Y)` over every week. */
  readonly percentOfMeanOutcome: number;
  /** `β_promo · Σ_t promotion_t`. */
  readonly contribution: number;
}

/** All effects of a fit. */
export interface MediationEffects {
  /** One entry per social channel, in the spec's order. */
  readonly social: readonly SocialEffect[];
  /** The mediator's effect. */
  readonly mediator: MediatorEffect;
  /** One entry per direct channel, in the spec's order. */
  readonly direct: readonly DirectChannelEffect[];
  /** `β_price · mean(price)/mean(Y)`, or null without a price column. */
  readonly priceElasticity: number | null;
  /** Promotion lift, or null without a promotion column. */
  readonly promotionLift: PromotionLift | null;
}

/** Every estimated quantity as a flat vector, `names[i]` = `<channel>.<quantity>` (what the bootstrap resamples). */
export interface MediationEstimates {
  /** `<channel>.<quantity>` of each value. */
  readonly names: readonly string[];
  /** The values, in the order of `names`. */
  readonly values: Float64Array;
}

/** The results of {@link fitMediation}. */
export interface MediationFit {
  /** The specification that was fitted. */
  readonly spec: MediationSpec;
  /** Name of the outcome for summaries. */
  readonly yName: string;
  /** Length of the series. */
  readonly n: number;
  /** Fit rows. */
  readonly rows: Int32Array;
  /** Stage 1: the mediator on adstocked social spend and controls (terms `const`, social columns, controls). */
  readonly stage1: OlsFit;
  /** Stage 2: the outcome (terms as `MediationData.stage2Terms`). */
  readonly stage2: OlsFit;
  /** `M̂` and `û = M − M̂` for every week. */
  readonly mediatorFitted: Float64Array;
  /** `û = M − M̂` for every week. */
  readonly mediatorResidual: Float64Array;
  /** Stage-2 prediction for every week (fit rows and the others). */
  readonly fitted: Float64Array;
  /** The effects in structured form (see {@link MediationEffects}). */
  readonly effects: MediationEffects;
  /** Every effect as a flat named vector (see {@link mediationEstimates}). */
  readonly estimates: MediationEstimates;
  /** Wald F test of `b = b_u` with the stage-2 covariance, and `b − b_u`. */
  readonly equalMediatorEffects: FTestResult & { readonly difference: number };
  /** Stage-2 standardized coefficients `β_j · sd(x_j)/sd(y)` on the fit rows (`const` left out). */
  readonly standardized: MediationEstimates;
  /** In-sample R² of each stage on the fit rows. */
  readonly rsquared: { readonly stage1: number; readonly stage2: number };
}

/** Options of {@link fitMediation}: the covariance of both stages' OLS standard errors (default classical). */
export type MediationOptions = CovarianceOptions;
