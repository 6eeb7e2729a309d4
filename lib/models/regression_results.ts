/**
 * The results value of a least-squares fit (OLS or fixed effects), modelled on statsmodels'
 * `RegressionResults`, and the inference computed from it: standard errors, t/z statistics, p-values,
 * confidence intervals, the overall F test, and residual diagnostics.
 *
 * @module
 */

import { fSf, normalPpf, normalSf, tPpf, tTwoSidedP } from "../stats/mod.ts";
import {
  coefficientCovariance,
  type CovarianceEstimate,
  type CovarianceOptions,
  type CovType,
} from "./covariance.ts";
import { waldTest, zeroRestrictions } from "./wald_test.ts";
import type { ResidualDiagnostics } from "./residual_diagnostics.ts";

export { type ResidualDiagnostics, residualDiagnostics } from "./residual_diagnostics.ts";

/** Summary statistics of a fit, named as statsmodels' results attributes (in camelCase). */
export interface FitStats extends ResidualDiagnostics {
  /** Centered `1 − SSR/TSS_c` with a constant (explicit or implicit), else uncentered `1 − SSR/Σy²`. */
  readonly rsquared: number;
  /** `1 − (n − k_const)/df_resid · (1 − R²)`. */
  readonly rsquaredAdj: number;
  /** Overall F statistic (see `fPvalue`). */
  readonly fvalue: number;
  /** Upper-tail p-value of `fvalue` (on `(df_model, df_resid)`, or `(q, dfInference)` in Wald form); NaN with it. */
  readonly fPvalue: number;
  /** Gaussian log-likelihood at the MLE of σ², `−n/2 (log 2π + log(SSR/n) + 1)` (statsmodels' `llf`). */
  readonly logLik: number;
  /** `−2 llf + 2 (df_model + k_const)`. */
  readonly aic: number;
  /** `−2 llf + log(n) (df_model + k_const)`. */
  readonly bic: number;
  /** Sum of squared residuals. */
  readonly ssr: number;
  /** Explained sum of squares: `TSS − SSR` with TSS centered when there is a constant, else uncentered. */
  readonly ess: number;
  /** Centered total sum of squares `Σ (y_i − ȳ)²` of the response (the TSS with a constant). */
  readonly centeredTss: number;
  /** Uncentered total sum of squares `Σ y_i²`, the TSS of a model without a constant. */
  readonly uncenteredTss: number;
  /** `ess / df_model` (NaN when df_model = 0). */
  readonly mseModel: number;
  /** `ssr / df_resid`. */
  readonly mseResid: number;
  /** `TSS / (df_resid + df_model)`. */
  readonly mseTotal: number;
  /** The classical error variance `s² = ssr / df_resid` (statsmodels' `scale`, whatever the covariance). */
  readonly scale: number;
  /** `σ_max/σ_min` of the regressor matrix (for a fixed-effects fit: of the within-transformed regressors). */
  readonly conditionNumber: number;
}

/** What a fit keeps so that covariances and predictions can be recomputed without refitting. */
export interface RegressionModel {
  /** n × k regressors the coefficients were estimated from (within-transformed for fixed effects). */
  readonly x: Float64Array;
  /** Rows of `x` (observations). */
  readonly n: number;
  /** Columns of `x`, one per coefficient. */
  readonly k: number;
  /** `(X'X)⁻¹`, k × k. */
  readonly normalizedCov: Float64Array;
  /** Number of mean parameters (k, or k + G for fixed effects as in the dummy-variable fit). */
  readonly kParams: number;
  /** Per-row leverage of the absorbed part (fixed effects: `1/n_g`). */
  readonly leverageOffset?: Float64Array;
  /** Cluster codes used when a cluster covariance is asked for without `groups` (fixed effects: the groups). */
  readonly defaultClusters?: Int32Array;
}

/** Coefficient-level inference: the columns of a statsmodels summary's coefficient table. */
export interface CoefficientInference {
  /** Standard error of each coefficient, `√V_jj` of the covariance in use. */
  readonly bse: Float64Array;
  /** `coef / bse`: t statistics when `useT`, z statistics otherwise. */
  readonly tvalues: Float64Array;
  /** Two-sided p-values of `β_j = 0`, from t(`dfInference`) when `useT`, else the standard normal. */
  readonly pvalues: Float64Array;
  /** 95% intervals `coef ± q · bse` (q the t or normal critical value); `confidenceInterval` gives other levels. */
  readonly confInt: { readonly lower: Float64Array; readonly upper: Float64Array };
}

/** Fields common to every least-squares results value. */
export interface RegressionFitBase extends CoefficientInference {
  /** Name of the response, for summaries. */
  readonly yName: string;
  /** One name per coefficient. */
  readonly terms: readonly string[];
  /** Least-squares coefficients, one per term (for fixed effects the slopes only, geo effects left out). */
  readonly coef: Float64Array;
  /** k × k covariance of `coef`, of type `covType`. */
  readonly cov: Float64Array;
  /** Which covariance estimator `cov`, `bse` and the tests use (statsmodels' `cov_type`). */
  readonly covType: CovType;
  /** Student t (true) or normal (false) reference distribution for p-values and intervals. */
  readonly useT: boolean;
  /** Degrees of freedom for t and F inference: `dfResid`, `G − 1` with cluster, `T − 1` with Driscoll–Kraay. */
  readonly dfInference: number;
  /** Settings of the covariance estimate (clusters, lags, correction) and its one-line description. */
  readonly covDetails: Omit<CovarianceEstimate, "cov" | "covType" | "useT" | "dfInference">;
  /** Residuals `y − ŷ`, one per row in row order (for fixed effects the within residuals, equal to the LSDV ones). */
  readonly residuals: Float64Array;
  /** Fitted values `ŷ`, one per row (for fixed effects including the geo effects). */
  readonly fitted: Float64Array;
  /** Number of observations n. */
  readonly nobs: number;
  /** Model degrees of freedom: rank − k_const. */
  readonly dfModel: number;
  /** Residual degrees of freedom: n − rank. */
  readonly dfResid: number;
  /** 1 when the model has a constant (a constant column, or one implied by the columns' span), else 0. */
  readonly kConstant: 0 | 1;
  /** Index of the constant column in `terms`, or null (no constant, or an implicit one). */
  readonly constIndex: number | null;
  /** R², information criteria, sums of squares, F test and residual diagnostics (statsmodels' names). */
  readonly stats: FitStats;
  /** Regressors, bread and degrees of freedom kept to recompute covariances (`withCovariance`) without refitting. */
  readonly model: RegressionModel;
}

/**
 * Standard errors, test statistics, two-sided p-values and `1 − alpha` confidence intervals of the
 * coefficients under a covariance estimate: `se_j = √V_jj`, `t_j = b_j/se_j`, `p_j = 2 P(T > |t_j|)` with
 * `T ~ t(dfInference)` when `useT`, else standard normal; interval `b_j ± q_{1−α/2} se_j`.
 * Reference: statsmodels `LikelihoodModelResults.bse/tvalues/pvalues/conf_int`.
 *
 * @param alpha in (0, 1), default 0.05
 * @example
 * ```ts ignore
 * coefficientInference(coef, coefficientCovariance(input)).pvalues;
 * ```
 */
export function coefficientInference(
  coef: Float64Array,
  estimate: Pick<CovarianceEstimate, "cov" | "useT" | "dfInference">,
  alpha = 0.05,
): CoefficientInference {
  const k = coef.length;
  const bse = new Float64Array(k);
  const tvalues = new Float64Array(k);
  const pvalues = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    bse[j] = Math.sqrt(estimate.cov[j * k + j]);
    tvalues[j] = coef[j] / bse[j];
    const a = Math.abs(tvalues[j]);
    pvalues[j] = estimate.useT ? tTwoSidedP(a, estimate.dfInference) : 2 * normalSf(a);
  }
  return { bse, tvalues, pvalues, confInt: intervals(coef, bse, estimate, alpha) };
}

/**
 * `1 − alpha` confidence intervals of a fit's coefficients (statsmodels' `conf_int(alpha)`), with the fit's
 * reference distribution (t with `dfInference` degrees of freedom, or normal).
 *
 * @param alpha in (0, 1)
 * @example
 * ```ts ignore
 * confidenceInterval(fit, 0.1).lower; // 90% lower bounds
 * ```
 */
export function confidenceInterval(
  fit: Pick<RegressionFitBase, "coef" | "bse" | "useT" | "dfInference">,
  alpha = 0.05,
): { lower: Float64Array; upper: Float64Array } {
  return intervals(fit.coef, fit.bse, fit, alpha);
}

/**
 * The two-sided critical value `q_{1−α/2}` of a fit's reference distribution: Student t with `df` degrees
 * of freedom when `useT`, else standard normal.
 *
 * @param alpha in (0, 1)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(criticalValue(true, 10, 0.05), 2.228138851986272, 5e-16);
 * assertClose(criticalValue(false, 10, 0.05), 1.959963984540055, 5e-16);
 * ```
 */
export function criticalValue(useT: boolean, df: number, alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  return useT ? tPpf(1 - alpha / 2, df) : normalPpf(1 - alpha / 2);
}

function intervals(
  coef: Float64Array,
  bse: Float64Array,
  dist: { readonly useT: boolean; readonly dfInference: number },
  alpha: number,
): { lower: Float64Array; upper: Float64Array } {
  const q = criticalValue(dist.useT, dist.dfInference, alpha);
  const lower = coef.map((b, j) => b - q * bse[j]);
  const upper = coef.map((b, j) => b + q * bse[j]);
  return { lower, upper };
}

/**
 * Sums of squares of a fit: residual `SSR = Σ e_i²`, centered `Σ (y_i − ȳ)²` and uncentered `Σ y_i²` totals.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(sumsOfSquares(new Float64Array([1, 2, 3]), new Float64Array([0.5, -1, 0.5])), { ssr: 1.5, centeredTss: 2, uncenteredTss: 14 }, 5e-2);
 * ```
 */
export function sumsOfSquares(
  y: Float64Array,
  residuals: Float64Array,
): { ssr: number; centeredTss: number; uncenteredTss: number } {
  const n = y.length;
  let ssr = 0, sumY = 0, uncenteredTss = 0;
  for (let i = 0; i < n; i++) {
    ssr += residuals[i] * residuals[i];
    sumY += y[i];
    uncenteredTss += y[i] * y[i];
  }
  const meanY = sumY / n;
  let centeredTss = 0;
  for (let i = 0; i < n; i++) centeredTss += (y[i] - meanY) ** 2;
  return { ssr, centeredTss, uncenteredTss };
}

/**
 * Gaussian log-likelihood at the maximum-likelihood variance `SSR/n`:
 * `llf = −n/2 · (log 2π + log(SSR/n) + 1)` (statsmodels' `OLSResults.llf`).
 *
 * @example
 * ```ts
 * gaussianLogLik(10, 10); // −n/2 · (log 2π + 1) = −14.189385332046726
 * ```
 */
export function gaussianLogLik(ssr: number, n: number): number {
  return -(n / 2) * (Math.log(2 * Math.PI) + Math.log(ssr / n) + 1);
}

/**
 * The coefficients tested by a fit's overall F statistic: all but the constant for OLS, every slope for a
 * fixed-effects fit; null when statsmodels reports NaN (a robust covariance with an implicit constant).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(overallFTerms({ kind: "ols", terms: ["const", "tv", "search"], kConstant: 1, constIndex: 0 }), [1, 2], 1e-9);
 * ```
 */
export function overallFTerms(
  fit: Pick<RegressionFitBase, "terms" | "kConstant" | "constIndex"> & { readonly kind: string },
): number[] | null {
  const all = [...fit.terms.keys()];
  if (fit.kind === "fixedEffects") return all;
  if (fit.kConstant === 1 && fit.constIndex === null) return null;
  return all.filter((j) => j !== fit.constIndex);
}

/**
 * The overall F test as statsmodels reports it. OLS with the classical covariance:
 * `F = MSE_model / MSE_resid` on `(df_model, df_resid)`. Otherwise the Wald F test that every coefficient of
 * `overallFTerms` is zero, on `(q, dfInference)` — for robust OLS covariances that is statsmodels' `fvalue`
 * and the p-value its summary shows; for a fixed-effects fit it is the test of all slopes (with the classical
 * covariance: `((Σỹ² − SSR)/k) / s²`, the "within" F).
 *
 * @example
 * ```ts ignore
 * overallF({ ...fit, kind: "ols" }, fit.stats); // { fvalue, fPvalue } as fit.stats has them
 * ```
 */
export function overallF(
  fit:
    & Pick<
      RegressionFitBase,
      | "terms"
      | "kConstant"
      | "constIndex"
      | "coef"
      | "cov"
      | "covType"
      | "dfInference"
      | "dfModel"
      | "dfResid"
    >
    & { readonly kind: string },
  mse: { readonly mseModel: number; readonly mseResid: number },
): { fvalue: number; fPvalue: number } {
  if (fit.kind === "ols" && fit.covType === "nonrobust") {
    if (fit.dfModel === 0) return { fvalue: NaN, fPvalue: NaN };
    const fvalue = mse.mseModel / mse.mseResid;
    return { fvalue, fPvalue: fSf(fvalue, fit.dfModel, fit.dfResid) };
  }
  const terms = overallFTerms(fit);
  if (terms === null || terms.length === 0) return { fvalue: NaN, fPvalue: NaN };
  const test = waldTest(fit.coef, fit.cov, zeroRestrictions(terms, fit.coef.length), fit.dfInference);
  return { fvalue: test.statistic, fPvalue: test.pValue };
}

/**
 * The same fit with another coefficient covariance (statsmodels' `get_robustcov_results`): standard errors,
 * statistics, p-values, intervals and the overall F test are recomputed from the kept regressors and
 * residuals; coefficients and every other statistic are unchanged. For a fixed-effects fit, a cluster
 * covariance without `groups` clusters by the fit's groups.
 *
 * @example
 * ```ts ignore
 * const robust = withCovariance(fit, { covType: "cluster", groups: geo });
 * ```
 */
export function withCovariance<T extends RegressionFitBase & { readonly kind: string }>(
  fit: T,
  options: CovarianceOptions,
): T {
  return withInference(fit, fit.stats, options);
}

/** The fields of a fit that depend on the covariance estimate. */
export type InferenceFields =
  | keyof CoefficientInference
  | "cov"
  | "covType"
  | "useT"
  | "dfInference"
  | "covDetails";

/**
 * Completes a fit (internal to the estimators): estimates the coefficient covariance for `options` (a
 * cluster covariance without `groups` uses `model.defaultClusters`), derives the coefficient inference and
 * the overall F test, and attaches `stats` with `fvalue`/`fPvalue` filled in.
 *
 * @example
 * ```ts ignore
 * return withInference({ kind: "ols", yName, terms, coef, ... }, statsWithoutF, options);
 * ```
 */
export function withInference<
  T extends Omit<RegressionFitBase, InferenceFields | "stats"> & { readonly kind: string },
  S extends Omit<FitStats, "fvalue" | "fPvalue">,
>(
  core: T,
  stats: S,
  options: CovarianceOptions,
): T & Pick<RegressionFitBase, InferenceFields> & {
  readonly stats: S & Pick<FitStats, "fvalue" | "fPvalue">;
} {
  const groups = options.groups ?? (options.covType === "cluster" ? core.model.defaultClusters : undefined);
  const estimate = coefficientCovariance(
    { ...core.model, residuals: core.residuals, dfResid: core.dfResid },
    { ...options, groups },
  );
  const { cov, covType, useT, dfInference, ...covDetails } = estimate;
  const fit = {
    ...core,
    ...coefficientInference(core.coef, estimate),
    cov,
    covType,
    useT,
    dfInference,
    covDetails,
  };
  const f = overallF(fit, stats);
  return { ...fit, stats: { ...stats, fvalue: f.fvalue, fPvalue: f.fPvalue } };
}
