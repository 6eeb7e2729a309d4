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
  readonly price?: string;
  readonly promotion?: string;
  /** Other controls (and seasonal terms), entered as they are. */
  readonly controls: readonly string[];
}

/** What the single-stage model is fitted on. */
export interface SingleStageInputs {
  readonly spec: SingleStageSpec;
  readonly columns: Readonly<Record<string, Float64Array>>;
  readonly y: Float64Array;
  /** Fit rows, strictly increasing (default all). */
  readonly rows?: readonly number[];
  readonly yName?: string;
}

/** One media channel's effects. */
export interface SingleStageMediaEffect {
  readonly channel: string;
  readonly theta: number;
  readonly coef: number;
  readonly coefSe: number;
  /** `β / (1 − θ)`. */
  readonly perDollar: number;
  readonly spend: number;
  readonly contribution: number;
  readonly roi: number;
}

/** One direct channel's effects. */
export interface SingleStageDirectEffect {
  readonly channel: string;
  readonly coef: number;
  readonly coefSe: number;
  readonly contribution: number;
  readonly volume: number;
  readonly contributionPerThousand: number;
}

/** The results of `fitSingleStage`. */
export interface SingleStageFit {
  readonly spec: SingleStageSpec;
  readonly yName: string;
  readonly n: number;
  readonly rows: Int32Array;
  /** Design over every week (terms: `const`, media, direct, price, promotion, controls). */
  readonly design: Design;
  readonly ols: OlsFit;
  /** Prediction for every week. */
  readonly fitted: Float64Array;
  readonly media: readonly SingleStageMediaEffect[];
  readonly direct: readonly SingleStageDirectEffect[];
  /** `β_price · mean(price)/mean(Y)`; null without a price column. */
  readonly priceElasticity: number | null;
  /** `β_promo` and `100 β_promo / mean(Y)`; null without a promotion column. */
  readonly promotionLift: {
    readonly absolute: number;
    readonly absoluteSe: number;
    readonly percentOfMeanOutcome: number;
  } | null;
  /** Every effect as a named vector (`<channel>.<quantity>`), as `mediationEstimates`. */
  readonly estimates: MediationEstimates;
  /** Standardized coefficients `β_j sd(x_j)/sd(y)` on the fit rows. */
  readonly standardized: MediationEstimates;
}

/** Options of `bootstrapSingleStage`, as `bootstrapMediation`'s. */
export interface SingleStageBootstrapOptions {
  readonly seed: number;
  readonly reps?: number;
  readonly blockLength?: number;
  readonly level?: number;
  readonly circular?: boolean;
}

/** The result of `bootstrapSingleStage`. */
export interface SingleStageBootstrap {
  readonly seed: number;
  readonly reps: number;
  readonly blockLength: number;
  readonly level: number;
  readonly circular: boolean;
  readonly nFailed: number;
  readonly effects: readonly BootstrapInterval[];
  readonly standardized: readonly BootstrapInterval[];
}
