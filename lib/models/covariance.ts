/**
 * Covariance matrices of least-squares coefficients: classical, heteroscedasticity-robust (HC0–HC3),
 * Newey–West HAC and one-way cluster-robust, each as statsmodels 0.13.5 computes them for
 * `OLS(...).fit(cov_type=..., cov_kwds=...)`.
 *
 * All robust forms are sandwiches `B M B` with bread `B = (X'X)⁻¹` and a meat `M` built from the scores
 * `u_i = x_i e_i`. The same formulas give the slope block of a dummy-variable (LSDV) fit when `X` holds the
 * within-transformed regressors, because the slopes are `(X̃'X̃)⁻¹ X̃' y` (Frisch–Waugh–Lovell); the LSDV
 * parameter count and leverage enter through `kParams` and `leverageOffset`.
 *
 * @module
 */

import { sandwich } from "../linalg/mod.ts";
import { ModelError } from "../errors.ts";

/** The covariance estimators, named as statsmodels' `cov_type`. */
export type CovType = "nonrobust" | "HC0" | "HC1" | "HC2" | "HC3" | "HAC" | "cluster";

/** The covariance types, in the order of `CovType`. */
export const COV_TYPES: readonly CovType[] = ["nonrobust", "HC0", "HC1", "HC2", "HC3", "HAC", "cluster"];

/** How to estimate the coefficient covariance, and which distribution to use for inference. */
export interface CovarianceOptions {
  /** Default `"nonrobust"`. */
  readonly covType?: CovType;
  /** HAC: the highest lag in the Bartlett window (required for `"HAC"`, an integer ≥ 0). */
  readonly maxLags?: number;
  /**
   * Small-sample correction. HAC: multiply by `n/(n − k)` (statsmodels' default for `cov_type="HAC"` is
   * **false**). Cluster: multiply by `G/(G − 1) · (n − 1)/(n − k)` (default **true**). Ignored otherwise.
   */
  readonly useCorrection?: boolean;
  /** Cluster: the cluster label of each row (strings or integer codes). */
  readonly groups?: readonly string[] | Int32Array;
  /**
   * Use Student t (true) or the normal distribution (false) for p-values and intervals. Default as
   * statsmodels' `fit(cov_type=...)`: t for `"nonrobust"`, normal for every robust type. With t, the degrees
   * of freedom are `dfResid`, or `G − 1` for cluster covariances (statsmodels' `df_resid_inference`).
   */
  readonly useT?: boolean;
}

/** What a covariance estimate needs from a fitted least-squares model. */
export interface CovarianceInput {
  /** n × k regressors, row-major (the within-transformed ones for a fixed-effects fit). */
  readonly x: Float64Array;
  readonly n: number;
  readonly k: number;
  /** The bread `(X'X)⁻¹`, k × k. */
  readonly normalizedCov: Float64Array;
  readonly residuals: Float64Array;
  /** Residual degrees of freedom of the fit (`n − kParams`). */
  readonly dfResid: number;
  /** Number of estimated mean parameters (k for OLS; k + G for a fixed-effects fit, as its LSDV form). */
  readonly kParams: number;
  /** Leverage to add to `x_i'(X'X)⁻¹x_i` (a fixed-effects fit adds `1/n_g`, the dummies' share), or none. */
  readonly leverageOffset?: Float64Array;
}

/** A covariance estimate and the reference distribution that goes with it. */
export interface CovarianceEstimate {
  /** k × k, row-major. */
  readonly cov: Float64Array;
  readonly covType: CovType;
  /** Student t (true) or normal (false) for p-values and intervals. */
  readonly useT: boolean;
  /** Denominator degrees of freedom for t and F: `dfResid`, or `G − 1` for cluster. */
  readonly dfInference: number;
  /** Cluster: the number of clusters G. */
  readonly nGroups?: number;
  /** HAC: the lag window. */
  readonly maxLags?: number;
  /** HAC and cluster: whether the small-sample factor was applied. */
  readonly useCorrection?: boolean;
  /** One sentence for a summary's notes, as statsmodels words it. */
  readonly description: string;
}

/**
 * Coefficient covariance of a least-squares fit, as statsmodels 0.13.5 computes it:
 * - `nonrobust`: `s² (X'X)⁻¹`, `s² = e'e / dfResid`;
 * - `HC0`: `(X'X)⁻¹ [Σ e_i² x_i x_i'] (X'X)⁻¹` (White 1980); `HC1`: HC0 · `n / dfResid`;
 *   `HC2`: weights `e_i² / (1 − h_i)`; `HC3`: `e_i² / (1 − h_i)²`, `h_i` the leverage (MacKinnon & White 1985);
 * - `HAC`: Newey–West (1987), meat `Σ_{l=0}^{L} w_l (Γ_l + Γ_l')` (Γ₀ once) with Bartlett weights
 *   `w_l = 1 − l/(L + 1)` and `Γ_l = Σ_{t>l} u_t u_{t−l}'` over the rows in order; times `n/(n − kParams)` when
 *   `useCorrection` (default false, as `cov_type="HAC"`);
 * - `cluster`: meat `Σ_g s_g s_g'`, `s_g = Σ_{i∈g} u_i`, times `G/(G−1) · (n−1)/(n−kParams)` when `useCorrection`
 *   (default true); inference on `G − 1` degrees of freedom (Cameron & Miller 2015).
 * Reference: statsmodels `RegressionResults.get_robustcov_results`, `stats.sandwich_covariance`.
 *
 * @param input the fitted model's regressors, bread, residuals and degrees of freedom
 * @param options covariance type and its settings
 * @example
 * const est = coefficientCovariance(input, { covType: "HC1" }); // est.cov, est.useT === false
 */
export function coefficientCovariance(
  input: CovarianceInput,
  options: CovarianceOptions = {},
): CovarianceEstimate {
  const covType = options.covType ?? "nonrobust";
  const { x, n, k, normalizedCov: bread, residuals, dfResid, kParams } = input;
  if (x.length !== n * k) throw new RangeError(`x has ${x.length} entries, expected ${n} × ${k}`);
  if (residuals.length !== n) throw new RangeError(`${residuals.length} residuals for ${n} rows`);
  const useT = options.useT ?? covType === "nonrobust";
  switch (covType) {
    case "nonrobust": {
      let ssr = 0;
      for (let i = 0; i < n; i++) ssr += residuals[i] * residuals[i];
      const scale = ssr / dfResid;
      return {
        cov: bread.map((v) => v * scale),
        covType,
        useT,
        dfInference: dfResid,
        description:
          "Standard Errors assume that the covariance matrix of the errors is correctly specified.",
      };
    }
    case "HC0":
    case "HC1":
    case "HC2":
    case "HC3": {
      const weights = new Float64Array(n);
      for (let i = 0; i < n; i++) weights[i] = residuals[i] * residuals[i];
      if (covType === "HC1") {
        const f = n / dfResid;
        for (let i = 0; i < n; i++) weights[i] *= f;
      } else if (covType === "HC2" || covType === "HC3") {
        const h = leverage(x, n, k, bread, input.leverageOffset);
        for (let i = 0; i < n; i++) {
          const oneMinus = 1 - h[i];
          if (!(oneMinus > 1e-12)) {
            throw new ModelError(
              `${covType} is undefined: row ${i} has leverage ${h[i]} (it alone determines a coefficient, ` +
                `e.g. a group with a single row); use HC0 or HC1`,
            );
          }
          weights[i] /= covType === "HC2" ? oneMinus : oneMinus * oneMinus;
        }
      }
      return {
        cov: sandwich(bread, weightedCrossProduct(x, n, k, weights), k),
        covType,
        useT,
        dfInference: dfResid,
        description: `Standard Errors are heteroscedasticity robust (${covType})`,
      };
    }
    case "HAC": {
      const maxLags = options.maxLags;
      if (maxLags === undefined || !Number.isInteger(maxLags) || maxLags < 0) {
        throw new RangeError(`HAC needs maxLags, an integer ≥ 0, got ${maxLags}`);
      }
      if (maxLags >= n) throw new RangeError(`maxLags ${maxLags} must be below the number of rows ${n}`);
      const useCorrection = options.useCorrection ?? false;
      const meat = hacMeat(x, n, k, residuals, maxLags);
      const cov = sandwich(bread, meat, k);
      if (useCorrection) {
        const f = n / (n - kParams);
        for (let i = 0; i < cov.length; i++) cov[i] *= f;
      }
      return {
        cov,
        covType,
        useT,
        dfInference: dfResid,
        maxLags,
        useCorrection,
        description:
          `Standard Errors are heteroscedasticity and autocorrelation robust (HAC) using ${maxLags} ` +
          `lags and ${useCorrection ? "with" : "without"} small sample correction`,
      };
    }
    case "cluster": {
      if (options.groups === undefined) {
        throw new RangeError("cluster covariance needs `groups`, one per row");
      }
      const { codes, levels } = groupCodes(options.groups, n);
      const g = levels.length;
      if (g < 2) throw new ModelError(`cluster covariance needs at least 2 clusters, got ${g}`);
      const useCorrection = options.useCorrection ?? true;
      const cov = sandwich(bread, clusterMeat(x, n, k, residuals, codes, g), k);
      if (useCorrection) {
        const f = (g / (g - 1)) * ((n - 1) / (n - kParams));
        for (let i = 0; i < cov.length; i++) cov[i] *= f;
      }
      return {
        cov,
        covType,
        useT,
        dfInference: g - 1,
        nGroups: g,
        useCorrection,
        description: "Standard Errors are robust to cluster correlation (cluster)",
      };
    }
    default:
      throw new RangeError(`unknown covType "${covType}"; expected one of ${COV_TYPES.join(", ")}`);
  }
}

/**
 * Leverage (diagonal of the hat matrix) `h_i = x_i' (X'X)⁻¹ x_i`, plus `offset_i` when given.
 * For a fixed-effects fit on within-transformed `X̃`, the dummy-variable fit's leverage is
 * `h_i = 1/n_{g(i)} + x̃_i' (X̃'X̃)⁻¹ x̃_i` (the hat matrix of `[D, X]` is `P_D + P_{M_D X}`).
 * Reference: Hoaglin & Welsch (1978), "The hat matrix in regression and ANOVA".
 *
 * @example
 * leverage(new Float64Array([1, 1, 1]), 3, 1, new Float64Array([1 / 3])); // [1/3, 1/3, 1/3]
 */
export function leverage(
  x: Float64Array,
  n: number,
  k: number,
  normalizedCov: Float64Array,
  offset?: Float64Array,
): Float64Array {
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * k;
    let s = 0;
    for (let a = 0; a < k; a++) {
      let t = 0;
      const base = a * k;
      for (let b = 0; b < k; b++) t += normalizedCov[base + b] * x[row + b];
      s += x[row + a] * t;
    }
    h[i] = offset === undefined ? s : s + offset[i];
  }
  return h;
}

/**
 * Integer codes `0..G−1` for group labels, with the labels sorted (strings by code unit, integer codes
 * numerically), the order pandas/patsy give categorical levels.
 *
 * @param groups one label per row
 * @param n expected number of rows
 * @example
 * groupCodes(["b", "a", "b"], 3); // { codes: Int32Array [1, 0, 1], levels: ["a", "b"] }
 */
export function groupCodes(
  groups: readonly string[] | Int32Array,
  n: number,
): { codes: Int32Array; levels: string[] } {
  if (groups.length !== n) {
    throw new RangeError(`groups has ${groups.length} labels, expected one per row (${n})`);
  }
  const values = Array.from(groups as ArrayLike<string | number>);
  const unique = [...new Set(values)];
  if (groups instanceof Int32Array) (unique as number[]).sort((a, b) => a - b);
  else unique.sort();
  const index = new Map<string | number, number>(unique.map((v, j) => [v, j]));
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = index.get(values[i])!;
  return { codes, levels: unique.map(String) };
}

/** `Σ_i w_i x_i x_i'` (k × k). */
function weightedCrossProduct(x: Float64Array, n: number, k: number, w: Float64Array): Float64Array {
  const out = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    if (wi === 0) continue;
    const row = i * k;
    for (let a = 0; a < k; a++) {
      const xa = x[row + a] * wi;
      const base = a * k;
      for (let b = a; b < k; b++) out[base + b] += xa * x[row + b];
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) out[a * k + b] = out[b * k + a];
  return out;
}

/** Newey–West meat with Bartlett weights over the scores `u_t = x_t e_t` in row order. */
function hacMeat(x: Float64Array, n: number, k: number, e: Float64Array, maxLags: number): Float64Array {
  const u = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let a = 0; a < k; a++) u[i * k + a] = x[i * k + a] * e[i];
  const out = new Float64Array(k * k);
  for (let lag = 0; lag <= maxLags; lag++) {
    const w = 1 - lag / (maxLags + 1);
    const gamma = new Float64Array(k * k); // Σ_t u_t u_{t−lag}'
    for (let t = lag; t < n; t++) {
      const r = t * k, s = (t - lag) * k;
      for (let a = 0; a < k; a++) {
        const ua = u[r + a];
        const base = a * k;
        for (let b = 0; b < k; b++) gamma[base + b] += ua * u[s + b];
      }
    }
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        out[a * k + b] += lag === 0 ? gamma[a * k + b] : w * (gamma[a * k + b] + gamma[b * k + a]);
      }
    }
  }
  return out;
}

/** Cluster meat `Σ_g s_g s_g'` with `s_g = Σ_{i∈g} x_i e_i`. */
function clusterMeat(
  x: Float64Array,
  n: number,
  k: number,
  e: Float64Array,
  codes: Int32Array,
  g: number,
): Float64Array {
  const sums = new Float64Array(g * k);
  for (let i = 0; i < n; i++) {
    const base = codes[i] * k, row = i * k, ei = e[i];
    for (let a = 0; a < k; a++) sums[base + a] += x[row + a] * ei;
  }
  const ones = new Float64Array(g).fill(1);
  return weightedCrossProduct(sums, g, k, ones);
}
