/**
 * Ljung-Box (and Box-Pierce) portmanteau tests for autocorrelation in residuals.
 *
 * Reference: Ljung & Box (1978), "On a measure of lack of fit in time series models", Biometrika 65(2),
 * 297–303; Box & Pierce (1970), JASA 65(332), 1509–1526. Matches
 * `statsmodels.stats.diagnostic.acorr_ljungbox(x, lags, boxpierce, model_df)` of statsmodels 0.13.5.
 *
 * @module
 */

import { chi2Sf } from "../stats/mod.ts";
import { autocorrelations } from "./autocorrelation.ts";

/** Options of `ljungBox`. */
export interface LjungBoxOptions {
  /**
   * An integer h: report the test at every lag 1..h. A list: report only at those lags (each an integer
   * ≥ 1), in the order given. Default `min(10, ⌊n/5⌋)`, statsmodels' default.
   */
  readonly lags?: number | readonly number[];
  /**
   * Degrees of freedom used by the model whose residuals are tested (p + q for an ARMA(p, q)); the χ²
   * reference has `lag − modelDf` degrees of freedom, and the p-value is NaN where that is ≤ 0. Default 0.
   */
  readonly modelDf?: number;
  /** Also report the Box-Pierce statistic. Default false. */
  readonly boxPierce?: boolean;
}

/** Test statistics per reported lag (columnar, like statsmodels' DataFrame indexed by lag). */
export interface LjungBoxResult {
  /** Number of observations. */
  readonly n: number;
  /**
   * Degrees of freedom used by the model whose residuals were tested, as given in the options (default 0).
   */
  readonly modelDf: number;
  /** The reported lags. */
  readonly lags: Int32Array;
  /** Degrees of freedom of the χ² reference at each lag, `lag − modelDf`. */
  readonly df: Int32Array;
  /** Ljung-Box Q at each lag (statsmodels `lb_stat`). */
  readonly lbStat: Float64Array;
  /** Its χ² upper-tail p-value (`lb_pvalue`); NaN where `df ≤ 0`. */
  readonly lbPvalue: Float64Array;
  /** Box-Pierce Q (`bp_stat`), when asked for. */
  readonly bpStat?: Float64Array;
  /** Its p-value (`bp_pvalue`), when asked for; NaN where `df ≤ 0`. */
  readonly bpPvalue?: Float64Array;
}

/**
 * Ljung-Box test that the residual autocorrelations up to lag h are jointly zero:
 * `Q_LB(h) = n (n + 2) Σ_{k=1}^{h} r_k² / (n − k)`, referred to χ² with `h − modelDf` degrees of freedom,
 * where `r_k` are the sample autocorrelations of the demeaned series (`n` denominator; see
 * `autocorrelations`). The Box-Pierce variant is `Q_BP(h) = n Σ_{k=1}^{h} r_k²`; Ljung-Box has the better
 * small-sample size. A small p-value says the residuals are autocorrelated (e.g. missing carryover or
 * seasonality in the model).
 *
 * @param residuals the series, oldest first; finite, not constant
 * @throws RangeError for a non-finite value (naming its index), a constant series (r_k undefined), a lag that
 *   is not an integer in [1, n − 1], or a `modelDf` that is not a non-negative integer
 * @example
 * ```ts ignore
 * ljungBox(new Float64Array([1, 2, 3, 4]), { lags: 1 }).lbStat; // [0.5] = 4·6·0.25²/3
 * ljungBox(residuals, { lags: [4, 8, 13], boxPierce: true }); // reported at lags 4, 8 and 13 only
 * ```
 */
export function ljungBox(residuals: ArrayLike<number>, options: LjungBoxOptions = {}): LjungBoxResult {
  const n = residuals.length;
  const modelDf = options.modelDf ?? 0;
  if (!(Number.isInteger(modelDf) && modelDf >= 0)) {
    throw new RangeError(`modelDf must be a non-negative integer, got ${modelDf}`);
  }
  const lags = reportedLags(options.lags, n);
  let maxLag = 0;
  for (const lag of lags) maxLag = Math.max(maxLag, lag);
  const r = autocorrelations(residuals, maxLag);
  const cumLb = new Float64Array(maxLag + 1);
  const cumBp = new Float64Array(maxLag + 1);
  for (let k = 1; k <= maxLag; k++) {
    cumLb[k] = cumLb[k - 1] + (r[k] * r[k]) / (n - k);
    cumBp[k] = cumBp[k - 1] + r[k] * r[k];
  }
  const m = lags.length;
  const df = new Int32Array(m);
  const lbStat = new Float64Array(m);
  const lbPvalue = new Float64Array(m);
  const bpStat = new Float64Array(m);
  const bpPvalue = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const h = lags[i];
    df[i] = h - modelDf;
    lbStat[i] = n * (n + 2) * cumLb[h];
    bpStat[i] = n * cumBp[h];
    lbPvalue[i] = df[i] > 0 ? chi2Sf(lbStat[i], df[i]) : NaN;
    bpPvalue[i] = df[i] > 0 ? chi2Sf(bpStat[i], df[i]) : NaN;
  }
  const result: LjungBoxResult = { n, modelDf, lags, df, lbStat, lbPvalue };
  return options.boxPierce ? { ...result, bpStat, bpPvalue } : result;
}

function reportedLags(lags: number | readonly number[] | undefined, n: number): Int32Array {
  const check = (lag: number) => {
    if (!(Number.isInteger(lag) && lag >= 1 && lag <= n - 1)) {
      throw new RangeError(
        `each lag must be an integer in [1, ${
          n - 1
        }] for ${n} observations (Q needs n − lag > 0), got ${lag}`,
      );
    }
  };
  if (lags === undefined) {
    const h = Math.min(10, Math.floor(n / 5));
    if (h < 1) {
      throw new RangeError(`the default lag min(10, ⌊n/5⌋) needs at least 5 observations, got ${n}`);
    }
    return Int32Array.from({ length: h }, (_, i) => i + 1);
  }
  if (typeof lags === "number") {
    check(lags);
    return Int32Array.from({ length: lags }, (_, i) => i + 1);
  }
  if (lags.length === 0) throw new RangeError("lags is an empty list: give at least one lag");
  lags.forEach(check);
  return Int32Array.from(lags);
}
