/**
 * Covariance matrices of least-squares coefficients: classical, heteroscedasticity-robust (HC0–HC3),
 * Newey–West HAC, one-way cluster-robust and Driscoll–Kraay (HAC over cross-sectional sums, for panels whose
 * units share common shocks), each as statsmodels 0.13.5 computes them for
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
import {
  clusterMeat,
  driscollKraayMeat,
  hacMeat,
  leverage,
  weightedCrossProduct,
} from "./covariance_meats.ts";
import { groupCodes, periodCodes } from "./group_codes.ts";

export { leverage } from "./covariance_meats.ts";
export { groupCodes, periodCodes } from "./group_codes.ts";

/**
 * The covariance estimators, named as statsmodels' `cov_type`, except `"driscoll-kraay"` (statsmodels'
 * `"hac-groupsum"`).
 */
export type CovType = "nonrobust" | "HC0" | "HC1" | "HC2" | "HC3" | "HAC" | "cluster" | "driscoll-kraay";

/** The covariance types, in the order of `CovType`. */
export const COV_TYPES: readonly CovType[] = [
  "nonrobust",
  "HC0",
  "HC1",
  "HC2",
  "HC3",
  "HAC",
  "cluster",
  "driscoll-kraay",
];

/**
 * Small-sample factor of a covariance: `true`/`false`, or for Driscoll–Kraay statsmodels' `"cluster"`
 * (`T/(T − 1) · (n − 1)/(n − kParams)`, T periods; `true` means this) or `"hac"` (`n/(n − kParams)`).
 */
export type SmallSampleCorrection = boolean | "cluster" | "hac";

/** How to estimate the coefficient covariance, and which distribution to use for inference. */
export interface CovarianceOptions {
  /** Default `"nonrobust"`. */
  readonly covType?: CovType;
  /**
   * HAC and Driscoll–Kraay: the highest lag in the Bartlett window (required, an integer ≥ 0; for
   * Driscoll–Kraay a lag in periods, below the number of periods).
   */
  readonly maxLags?: number;
  /**
   * Small-sample correction. HAC: multiply by `n/(n − k)` (statsmodels' default for `cov_type="HAC"` is
   * **false**). Cluster: multiply by `G/(G − 1) · (n − 1)/(n − k)` (default **true**). Driscoll–Kraay:
   * `"cluster"` or `true` multiply by `T/(T − 1) · (n − 1)/(n − k)` with T the number of periods (statsmodels'
   * default for `cov_type="hac-groupsum"`), `"hac"` by `n/(n − k)`, `false` not at all. k is `kParams` (k + G
   * for a fixed-effects fit, as its dummy-variable form). The strings are accepted for Driscoll–Kraay only.
   * Ignored for the other types.
   */
  readonly useCorrection?: SmallSampleCorrection;
  /** Cluster: the cluster label of each row (strings or integer codes). */
  readonly groups?: readonly string[] | Int32Array;
  /**
   * Driscoll–Kraay: the time period of each row (required). ISO dates (any strings that sort in time order)
   * or integer period codes; the distinct values, sorted, are taken as consecutive, equally spaced periods
   * (integer codes must have no gaps), each with at least one row. Rows may come in any order.
   */
  readonly time?: readonly string[] | Int32Array;
  /**
   * Use Student t (true) or the normal distribution (false) for p-values and intervals. Default as
   * statsmodels' `fit(cov_type=...)`: t for `"nonrobust"`, normal for every robust type. With t, the degrees
   * of freedom are `dfResid`, `G − 1` for cluster covariances (statsmodels' `df_resid_inference`), or `T − 1`
   * for Driscoll–Kraay (see `coefficientCovariance`).
   */
  readonly useT?: boolean;
}

/** What a covariance estimate needs from a fitted least-squares model. */
export interface CovarianceInput {
  /** n × k regressors, row-major (the within-transformed ones for a fixed-effects fit). */
  readonly x: Float64Array;
  /** Rows of `x` (observations). */
  readonly n: number;
  /** Columns of `x`, one per coefficient. */
  readonly k: number;
  /** The bread `(X'X)⁻¹`, k × k. */
  readonly normalizedCov: Float64Array;
  /** The fit's n residuals, in row order (the order HAC lags follow). */
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
  /** The estimator used (the option, default `"nonrobust"`). */
  readonly covType: CovType;
  /** Student t (true) or normal (false) for p-values and intervals. */
  readonly useT: boolean;
  /** Denominator degrees of freedom for t and F: `dfResid`, `G − 1` for cluster, `T − 1` for Driscoll–Kraay. */
  readonly dfInference: number;
  /** Cluster: the number of clusters G. */
  readonly nGroups?: number;
  /** Driscoll–Kraay: the number of time periods T. */
  readonly nPeriods?: number;
  /** HAC and Driscoll–Kraay: the lag window. */
  readonly maxLags?: number;
  /** HAC, cluster and Driscoll–Kraay: which small-sample factor was applied (false: none). */
  readonly useCorrection?: SmallSampleCorrection;
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
 *   (default true); inference on `G − 1` degrees of freedom (Cameron & Miller 2015);
 * - `driscoll-kraay` (statsmodels' `hac-groupsum`, `cov_nw_groupsum`): the Newey–West meat above applied to
 *   the cross-sectional sums of scores `h_t = Σ_{i in period t} x_i e_i`, `t = 1..T` in period order:
 *   `S = Σ_{l=0}^{L} w_l (Γ_l + Γ_l')` (Γ₀ once), `Γ_l = Σ_{t>l} h_t h_{t−l}'`, `w_l = 1 − l/(L + 1)`; robust to
 *   heteroscedasticity, to autocorrelation up to lag L and to any correlation across units within and
 *   between nearby periods (shocks common to all geos), consistent as T grows whatever the number of units
 *   (Driscoll & Kraay 1998; Hoechle 2007, Stata's `xtscc`). Times `T/(T−1) · (n−1)/(n−kParams)` by default
 *   (statsmodels' `use_correction="cluster"`), or `n/(n−kParams)` (`"hac"`), or 1 (`false`). Inference on
 *   `T − 1` degrees of freedom when `useT`: the meat sums T period terms as the cluster meat sums G cluster
 *   terms, and statsmodels' own factor counts T as the groups. (statsmodels 0.13.5's `df_resid_inference`
 *   for `hac-groupsum` instead counts the places where `time` decreases in row order, plus one, less one —
 *   G − 1 for rows sorted by geo then date, 0 for rows sorted by date — a copy of its `hac-panel` rule; only
 *   t/F p-values depend on it, never the covariance.)
 *   For a fixed-effects fit on within-transformed `X̃` this gives exactly the slope block of the
 *   dummy-variable fit's Driscoll–Kraay covariance: the dummy fit's sandwich is linear in its regressors
 *   `Z = [D, X]` on both sides, `B Z' Ω Z B` with Ω built from residuals and periods only, and the slope
 *   rows of `B Z'` are `(X̃'X̃)⁻¹ X̃'` (Frisch–Waugh–Lovell). The per-row scores `x̃_i e_i` and `x_i e_i`
 *   differ, and so do the period sums `h_t`, but the sandwich is the same; with `kParams = k + G` so is the
 *   small-sample factor.
 * Reference: statsmodels `RegressionResults.get_robustcov_results`, `stats.sandwich_covariance`; Driscoll &
 * Kraay (1998), "Consistent covariance matrix estimation with spatially dependent panel data", Review of
 * Economics and Statistics 80(4); Hoechle (2007), "Robust standard errors for panel regressions with
 * cross-sectional dependence", Stata Journal 7(3).
 *
 * @param input the fitted model's regressors, bread, residuals and degrees of freedom
 * @param options covariance type and its settings
 * @example
 * ```ts ignore
 * const est = coefficientCovariance(input, { covType: "HC1" }); // est.cov, est.useT === false
 * const dk = coefficientCovariance(input, { covType: "driscoll-kraay", time: weekOfRow, maxLags: 4 });
 * ```
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
      const useCorrection = booleanCorrection(options.useCorrection, false, covType);
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
      const useCorrection = booleanCorrection(options.useCorrection, true, covType);
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
    case "driscoll-kraay": {
      if (options.time === undefined) {
        throw new RangeError("Driscoll–Kraay covariance needs `time`, the period of each row");
      }
      const { codes, nPeriods } = periodCodes(options.time, n);
      if (nPeriods < 2) {
        throw new ModelError(`Driscoll–Kraay covariance needs at least 2 time periods, got ${nPeriods}`);
      }
      const maxLags = options.maxLags;
      if (maxLags === undefined || !Number.isInteger(maxLags) || maxLags < 0) {
        throw new RangeError(`Driscoll–Kraay needs maxLags, an integer ≥ 0 (periods), got ${maxLags}`);
      }
      if (maxLags >= nPeriods) {
        throw new RangeError(`maxLags ${maxLags} must be below the number of periods ${nPeriods}`);
      }
      const correction = options.useCorrection ?? "cluster";
      if (!(typeof correction === "boolean" || correction === "cluster" || correction === "hac")) {
        throw new RangeError(`useCorrection must be true, false, "cluster" or "hac", got ${correction}`);
      }
      const useCorrection: SmallSampleCorrection = correction === true ? "cluster" : correction;
      const cov = sandwich(bread, driscollKraayMeat(x, n, k, residuals, codes, nPeriods, maxLags), k);
      const f = useCorrection === "cluster"
        ? (nPeriods / (nPeriods - 1)) * ((n - 1) / (n - kParams))
        : useCorrection === "hac"
        ? n / (n - kParams)
        : 1;
      if (f !== 1) { for (let i = 0; i < cov.length; i++) cov[i] *= f; }
      return {
        cov,
        covType,
        useT,
        dfInference: nPeriods - 1,
        nPeriods,
        maxLags,
        useCorrection,
        description: "Driscoll and Kraay Standard Errors are robust to cluster correlation (HAC-Groupsum)",
      };
    }
    default:
      throw new RangeError(`unknown covType "${covType}"; expected one of ${COV_TYPES.join(", ")}`);
  }
}

/** The HAC/cluster corrections are yes/no; the Driscoll–Kraay names are rejected there. */
function booleanCorrection(
  value: SmallSampleCorrection | undefined,
  fallback: boolean,
  covType: CovType,
): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") {
    throw new RangeError(
      `useCorrection for ${covType} is true or false, got "${value}" (Driscoll–Kraay only)`,
    );
  }
  return value;
}
