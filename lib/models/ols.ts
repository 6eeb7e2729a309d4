/**
 * Ordinary least squares with statsmodels-grade inference.
 *
 * Coefficients by Householder QR (`R b = Q'y`, never the normal equations); `(X'X)⁻¹ = R⁻¹R⁻ᵀ` only for the
 * covariance. Every reported number follows statsmodels 0.13.5's `OLS(y, X).fit(cov_type=..., cov_kwds=...)`:
 * constant detection (`k_constant`), centered or uncentered R², the F test (classical, or the robust Wald
 * test of the non-constant coefficients), log-likelihood, AIC/BIC, and the residual tests of its summary.
 *
 * @module
 */

import { qrLeastSquares, xtxInverseFromR } from "../linalg/mod.ts";
import type { Design } from "../features/design.ts";
import { ModelError } from "../errors.ts";
import { checkRegressionInputs } from "./_check.ts";
import { conditionNumberFromR } from "../linalg/singular_values.ts";
import type { CovarianceOptions } from "./covariance.ts";
import {
  criticalValue,
  gaussianLogLik,
  type RegressionFitBase,
  type RegressionModel,
  residualDiagnostics,
  sumsOfSquares,
  withInference,
} from "./regression_results.ts";

/** Options of `fitOls`: the covariance (see `CovarianceOptions`) and the response's name for summaries. */
export interface OlsOptions extends CovarianceOptions {
  /** Default `"y"`. */
  readonly yName?: string;
}

/** The results of `fitOls`, like statsmodels' `RegressionResults`. */
export interface OlsFit extends RegressionFitBase {
  /** Tag that tells an OLS fit from a fixed-effects one (summaries, the overall F test). */
  readonly kind: "ols";
}

/**
 * Fits `y = X b + e` by least squares and computes statsmodels' full set of results.
 *
 * - Constant: a column whose values are all equal (non-zero) is the constant, as statsmodels' `k_constant`;
 *   without one, the model still "has a constant" when the ones vector lies in the span of the columns (e.g.
 *   a full set of dummies), as statsmodels checks by rank. With a constant R² is centered and
 *   `df_model = k − 1`; without, R² is uncentered and `df_model = k`.
 * - Covariance: see `coefficientCovariance` (nonrobust, HC0–HC3, HAC, cluster). Inference uses t on
 *   `df_resid` for nonrobust and the normal distribution for robust types unless `useT` says otherwise
 *   (statsmodels' `fit(cov_type=...)` default); cluster t inference uses `G − 1` degrees of freedom.
 * - F test: classical `MSE_model/MSE_resid`, or for robust covariances the Wald test that all non-constant
 *   coefficients are zero (`F(q, dfInference)`; NaN with an implicit constant, as statsmodels).
 * - Condition number: `σ_max/σ_min` of X (statsmodels' `condition_number`).
 * Reference: statsmodels `regression.linear_model.RegressionResults`; Greene, "Econometric Analysis", ch. 4–5.
 *
 * @param design n × k named regressors (include a `const` column for an intercept); full column rank
 * @param y n responses
 * @param options covariance type and settings, `yName`
 * @throws ModelError for n ≤ k, a non-finite value (naming column and row), or collinear columns (naming them)
 * @example
 * ```ts ignore
 * const design = designFromColumns({ tv: tvSpend, search: searchSpend });
 * const fit = fitOls(design, revenue, { covType: "HC1" });
 * fit.coef; fit.pvalues; fit.stats.rsquared;
 * ```
 */
export function fitOls(design: Design, y: Float64Array, options: OlsOptions = {}): OlsFit {
  const yName = options.yName ?? "y";
  checkRegressionInputs(design, y, { yName });
  const { names, n, k, x } = design;
  if (n <= k) {
    throw new ModelError(
      `${n} rows cannot estimate ${k} coefficients with residual degrees of freedom: need more rows than columns`,
    );
  }
  const ls = qrLeastSquares(x, y, n, k, names);
  const normalizedCov = xtxInverseFromR(ls.r, k);
  const { kConstant, constIndex } = detectConstant(x, n, k);
  const dfModel = k - kConstant;
  const dfResid = n - k;

  const { ssr, centeredTss, uncenteredTss } = sumsOfSquares(y, ls.residuals);
  const tss = kConstant === 1 ? centeredTss : uncenteredTss;
  const ess = tss - ssr;
  const rsquared = 1 - ssr / tss;
  const logLik = gaussianLogLik(ssr, n);
  const kIc = dfModel + kConstant;
  const stats = {
    rsquared,
    rsquaredAdj: 1 - ((n - kConstant) / dfResid) * (1 - rsquared),
    logLik,
    aic: -2 * logLik + 2 * kIc,
    bic: -2 * logLik + Math.log(n) * kIc,
    ssr,
    ess,
    centeredTss,
    uncenteredTss,
    mseModel: dfModel === 0 ? NaN : ess / dfModel,
    mseResid: ssr / dfResid,
    mseTotal: tss / (dfResid + dfModel),
    scale: ssr / dfResid,
    ...residualDiagnostics(ls.residuals),
    conditionNumber: conditionNumberFromR(ls.r, k),
  };

  const model: RegressionModel = { x, n, k, normalizedCov, kParams: k };
  const core = {
    kind: "ols" as const,
    yName,
    terms: [...names],
    coef: ls.coef,
    residuals: ls.residuals,
    fitted: ls.fitted,
    nobs: n,
    dfModel,
    dfResid,
    kConstant,
    constIndex,
    model,
  };
  return withInference(core, stats, options);
}

/**
 * statsmodels' constant detection: a column with all values equal and non-zero is the constant
 * (`const_idx`); without one, an implicit constant exists when the ones vector lies in the column span
 * (relative residual of its least-squares projection ≤ 1e-9; statsmodels compares matrix ranks).
 */
function detectConstant(
  x: Float64Array,
  n: number,
  k: number,
): { kConstant: 0 | 1; constIndex: number | null } {
  for (let j = 0; j < k; j++) {
    const v = x[j];
    if (v === 0) continue;
    let constant = true;
    for (let i = 1; i < n && constant; i++) constant = x[i * k + j] === v;
    if (constant) return { kConstant: 1, constIndex: j };
  }
  const ones = new Float64Array(n).fill(1);
  const projection = qrLeastSquares(x, ones, n, k);
  let rss = 0;
  for (let i = 0; i < n; i++) rss += projection.residuals[i] ** 2;
  return { kConstant: Math.sqrt(rss / n) <= 1e-9 ? 1 : 0, constIndex: null };
}

/** Predictions with standard errors and intervals, as statsmodels' `get_prediction(...).summary_frame()`. */
export interface OlsPrediction {
  /** `x'b` per row. */
  readonly mean: Float64Array;
  /** `√(x' V x)` with V the fit's coefficient covariance (robust if the fit is). */
  readonly meanSe: Float64Array;
  /** Lower end of the interval for the mean: `mean − q · meanSe`. */
  readonly meanLower: Float64Array;
  /** Upper end of the interval for the mean: `mean + q · meanSe`. */
  readonly meanUpper: Float64Array;
  /** Lower end of the prediction interval for a new observation: `mean − q · √(meanSe² + s²)`. */
  readonly obsLower: Float64Array;
  /** Upper end of the prediction interval for a new observation: `mean + q · √(meanSe² + s²)`. */
  readonly obsUpper: Float64Array;
}

/**
 * Predicts from an OLS fit for new rows with the same columns, with the standard error of the mean and
 * `1 − alpha` intervals for the mean and for a new observation. As statsmodels' `get_prediction`, the
 * critical value is from t on `dfResid` when the fit uses t, else the normal; the observation interval adds
 * the classical `s²`.
 * Reference: statsmodels `regression._prediction.get_prediction`.
 *
 * @param design rows to predict; its `names` must equal `fit.terms` (same order)
 * @param alpha in (0, 1), default 0.05
 * @example
 * ```ts ignore
 * const next = designFromColumns({ tv: plannedTv, search: plannedSearch });
 * predictOls(fitOls(design, revenue), next).obsUpper; // 95% prediction upper bounds
 * ```
 */
export function predictOls(fit: OlsFit, design: Design, alpha = 0.05): OlsPrediction {
  const { names, n, k, x } = design;
  if (k !== fit.terms.length || names.some((name, j) => name !== fit.terms[j])) {
    throw new RangeError(
      `prediction design columns [${names.join(", ")}] must match the fit's terms [${fit.terms.join(", ")}]`,
    );
  }
  if (x.length !== n * k) throw new RangeError(`design.x has ${x.length} entries, expected ${n} × ${k}`);
  const q = criticalValue(fit.useT, fit.dfResid, alpha);
  const s2 = fit.stats.scale;
  const mean = new Float64Array(n), meanSe = new Float64Array(n);
  const meanLower = new Float64Array(n), meanUpper = new Float64Array(n);
  const obsLower = new Float64Array(n), obsUpper = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * k;
    let m = 0, v = 0;
    for (let a = 0; a < k; a++) {
      m += x[row + a] * fit.coef[a];
      let t = 0;
      for (let b = 0; b < k; b++) t += fit.cov[a * k + b] * x[row + b];
      v += x[row + a] * t;
    }
    const se = Math.sqrt(v);
    const seObs = Math.sqrt(v + s2);
    mean[i] = m;
    meanSe[i] = se;
    meanLower[i] = m - q * se;
    meanUpper[i] = m + q * se;
    obsLower[i] = m - q * seObs;
    obsUpper[i] = m + q * seObs;
  }
  return { mean, meanSe, meanLower, meanUpper, obsLower, obsUpper };
}
