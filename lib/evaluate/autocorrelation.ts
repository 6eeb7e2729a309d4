/**
 * Sample autocorrelation (ACF) and partial autocorrelation (PACF) of a series, with the confidence bands that
 * statsmodels draws in `plot_acf` / `plot_pacf`.
 *
 * Reference: Box, Jenkins, Reinsel & Ljung, "Time Series Analysis" (5th ed., 2015), §2.1.6 (Bartlett's
 * formula) and §3.2 (partial autocorrelation, Yule-Walker); Brockwell & Davis, "Time Series: Theory and
 * Methods" (1991), §7.2 and §8.2 (Durbin-Levinson). Matches `statsmodels.tsa.stattools.acf(x, nlags,
 * alpha, fft=False)` and `pacf(x, nlags, method, alpha)` of statsmodels 0.13.5.
 *
 * @module
 */

import { qrLeastSquares } from "../linalg/mod.ts";
import { normalPpf } from "../stats/mod.ts";

/** ACF or PACF values at lags 0..nlags with a two-sided `1 − alpha` confidence band around each value. */
export interface CorrelogramResult {
  /** 0, 1, ..., nlags. */
  readonly lags: Int32Array;
  /** The (partial) autocorrelation at each lag; 1 at lag 0. */
  readonly values: Float64Array;
  /** `values − z·se`: the band statsmodels returns as `confint[:, 0]` (equal to `values` at lag 0). */
  readonly lower: Float64Array;
  /** `values + z·se`: statsmodels' `confint[:, 1]`. */
  readonly upper: Float64Array;
  /** Standard error used for each lag (0 at lag 0). */
  readonly se: Float64Array;
  /** Two-sided level of the band, from the options (default 0.05: a 95 % band, `z = Φ⁻¹(1 − alpha/2)`). */
  readonly alpha: number;
  /** Number of observations. */
  readonly n: number;
}

/** The result of `pacf`, with the estimator used. */
export interface PacfResult extends CorrelogramResult {
  /** The estimator used (`options.method`, default `"yw"`). */
  readonly method: PacfMethod;
}

/**
 * How `pacf` estimates the partial autocorrelations:
 * - `"yw"`: Yule-Walker on the autocovariances with the `n − k` denominator — statsmodels 0.13.5's default
 *   (`"ywadjusted"`, alias `"yw"`);
 * - `"ywm"`: Yule-Walker on the `n`-denominator autocovariances (statsmodels `"ywmle"`; always in [−1, 1]);
 * - `"ols"`: coefficient of `x_{t−k}` in the regression of `x_t` on a constant and `x_{t−1}, …, x_{t−k}`
 *   over `t = k, …, n−1` (statsmodels `"ols"`, the efficient variant).
 */
export type PacfMethod = "yw" | "ywm" | "ols";

/** Options of `acf`. */
export interface AcfOptions {
  /** Two-sided level of the band, in (0, 1); default 0.05 (a 95 % band). */
  readonly alpha?: number;
}

/** Options of `pacf`. */
export interface PacfOptions {
  /** Estimator; default `"yw"` (statsmodels' default `"ywadjusted"`). */
  readonly method?: PacfMethod;
  /** Two-sided level of the band, in (0, 1); default 0.05. */
  readonly alpha?: number;
}

/**
 * Sample autocorrelations `r_0, …, r_nlags` of a series:
 * `r_k = Σ_{t=k}^{n−1} (x_t − x̄)(x_{t−k} − x̄) / Σ_{t=0}^{n−1} (x_t − x̄)²` (the `n`-denominator estimator,
 * which keeps the autocorrelation sequence positive semi-definite). Same as statsmodels
 * `acf(x, nlags=nlags, fft=False)` without the band.
 *
 * @param x the series, oldest first; finite, at least 2 values, not constant
 * @param nlags largest lag, an integer in [0, n − 1]
 * @throws RangeError for a non-finite value (naming its index), a constant series (the ACF is 0/0 there), or
 *   `nlags` outside [0, n − 1]
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(autocorrelations(new Float64Array([1, 2, 3, 4]), 2), [1, 0.25, -0.3], 5e-3);
 * ```
 */
export function autocorrelations(x: ArrayLike<number>, nlags: number): Float64Array {
  const d = demeanedSeries(x);
  const n = d.length;
  checkLag(nlags, n - 1, "nlags", `a series of ${n} values`);
  let c0 = 0;
  for (let t = 0; t < n; t++) c0 += d[t] * d[t];
  const r = new Float64Array(nlags + 1);
  r[0] = 1;
  for (let k = 1; k <= nlags; k++) {
    let s = 0;
    for (let t = k; t < n; t++) s += d[t] * d[t - k];
    r[k] = s / c0;
  }
  return r;
}

/**
 * Autocorrelation function with Bartlett's confidence band, as statsmodels `acf(x, nlags, alpha=alpha,
 * fft=False)` (and the shaded band of `plot_acf`).
 *
 * Values are `autocorrelations(x, nlags)`. The band at lag k is `r_k ± z_{1−α/2} · se_k` with Bartlett's
 * formula for an MA(k−1) process, `se_1² = 1/n`, `se_k² = (1 + 2 Σ_{j=1}^{k−1} r_j²) / n`, and `se_0 = 0`.
 * A lag whose band excludes 0 is significant at level α under the hypothesis that the autocorrelations
 * beyond lag k−1 are zero.
 *
 * @param x the series, oldest first; finite, not constant
 * @param nlags largest lag, an integer in [0, n − 1]
 * @throws RangeError for a non-finite value (naming its index), a constant series, an `nlags` outside
 *   [0, n − 1], or `alpha` outside (0, 1)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const r = acf(new Float64Array([1, 2, 3, 4]), 2);
 * assertClose(r.values, [1, 0.25, -0.3], 5e-3);
 * r.se; // [0, 0.5, 0.5303300858899106]: √(1/4), √((1 + 2·0.25²)/4)
 * ```
 */
export function acf(x: ArrayLike<number>, nlags: number, options: AcfOptions = {}): CorrelogramResult {
  const alpha = checkAlpha(options.alpha ?? 0.05);
  const values = autocorrelations(x, nlags);
  const n = x.length;
  const z = normalPpf(1 - alpha / 2);
  const se = new Float64Array(nlags + 1);
  let cumulative = 0;
  for (let k = 1; k <= nlags; k++) {
    se[k] = Math.sqrt((1 + 2 * cumulative) / n);
    cumulative += values[k] * values[k];
  }
  return band(values, se, z, alpha, n);
}

/**
 * Partial autocorrelation function with the white-noise band `±z_{1−α/2}/√n`, as statsmodels
 * `pacf(x, nlags, method, alpha)` (and `plot_pacf`).
 *
 * The partial autocorrelation at lag k, `φ_kk`, is the last coefficient of the best linear predictor of
 * `x_t` from `x_{t−1}, …, x_{t−k}`. For the Yule-Walker methods it solves `Γ_k φ_k = γ_{1..k}` (Toeplitz `Γ_k`
 * of the autocovariances `γ_0..γ_{k−1}`), here by the Durbin-Levinson recursion, which gives exactly the last
 * coefficient of each system: `φ_kk = (γ_k − Σ_{j<k} φ_{k−1,j} γ_{k−j}) / v_{k−1}`,
 * `φ_{k,j} = φ_{k−1,j} − φ_kk φ_{k−1,k−j}`, `v_k = v_{k−1}(1 − φ_kk²)`, `v_0 = γ_0`. `"yw"` uses
 * `γ_k = Σ_t (x_t − x̄)(x_{t+k} − x̄) / (n − k)` (statsmodels' default), `"ywm"` divides by `n`. See
 * `PacfMethod` for `"ols"`. The band is `±z/√n` at every lag ≥ 1 (Quenouille's approximation for white
 * noise), and collapses to the value at lag 0, as statsmodels returns it.
 *
 * Cost: the Yule-Walker methods are O(n·nlags); `"ols"` runs one QR fit per lag (about 0.4 s for 52 lags on
 * 6,240 rows, milliseconds on weekly series).
 *
 * @param x the series, oldest first; finite, not constant
 * @param nlags largest lag, an integer with `nlags < ⌊n/2⌋` (statsmodels' limit)
 * @throws RangeError for a non-finite value (naming its index), a constant series, an `nlags` outside
 *   [0, ⌊n/2⌋ − 1], or `alpha` outside (0, 1)
 * @example
 * ```ts
 * pacf(new Float64Array([1, 2, 3, 4, 6]), 1, { method: "ywm" }).values; // [1, 0.3351351351351351] = r_1
 * ```
 */
export function pacf(x: ArrayLike<number>, nlags: number, options: PacfOptions = {}): PacfResult {
  const alpha = checkAlpha(options.alpha ?? 0.05);
  const method = options.method ?? "yw";
  const d = demeanedSeries(x);
  const n = d.length;
  const limit = Math.floor(n / 2) - 1;
  if (limit < 0) throw new RangeError(`pacf needs at least 2 values, got ${n}`);
  checkLag(nlags, limit, "nlags", `a series of ${n} values (partial autocorrelations need nlags < n/2)`);
  let values: Float64Array;
  if (method === "yw" || method === "ywm") values = yuleWalkerPacf(d, nlags, method === "yw");
  else if (method === "ols") values = olsPacf(x, nlags);
  else throw new RangeError(`method must be "yw", "ywm" or "ols", got ${JSON.stringify(method)}`);
  const se = new Float64Array(nlags + 1).fill(1 / Math.sqrt(n));
  se[0] = 0;
  return { ...band(values, se, normalPpf(1 - alpha / 2), alpha, n), method };
}

function yuleWalkerPacf(d: Float64Array, nlags: number, adjusted: boolean): Float64Array {
  const n = d.length;
  const gamma = new Float64Array(nlags + 1);
  for (let k = 0; k <= nlags; k++) {
    let s = 0;
    for (let t = k; t < n; t++) s += d[t] * d[t - k];
    gamma[k] = s / (k > 0 && adjusted ? n - k : n);
  }
  const out = new Float64Array(nlags + 1);
  out[0] = 1;
  let phi = new Float64Array(nlags + 1); // phi[j], j = 1..k
  let next = new Float64Array(nlags + 1);
  let v = gamma[0];
  for (let k = 1; k <= nlags; k++) {
    let s = gamma[k];
    for (let j = 1; j < k; j++) s -= phi[j] * gamma[k - j];
    const pkk = s / v;
    next[k] = pkk;
    for (let j = 1; j < k; j++) next[j] = phi[j] - pkk * phi[k - j];
    [phi, next] = [next, phi];
    v *= 1 - pkk * pkk;
    out[k] = pkk;
  }
  return out;
}

function olsPacf(x: ArrayLike<number>, nlags: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(nlags + 1);
  out[0] = 1;
  for (let k = 1; k <= nlags; k++) {
    const rows = n - k;
    const cols = k + 1;
    const design = new Float64Array(rows * cols);
    const y = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const t = r + k;
      y[r] = x[t];
      design[r * cols] = 1;
      for (let j = 1; j <= k; j++) design[r * cols + j] = x[t - j];
    }
    out[k] = qrLeastSquares(design, y, rows, cols).coef[k];
  }
  return out;
}

function band(
  values: Float64Array,
  se: Float64Array,
  z: number,
  alpha: number,
  n: number,
): CorrelogramResult {
  const m = values.length;
  const lower = new Float64Array(m);
  const upper = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    lower[k] = values[k] - z * se[k];
    upper[k] = values[k] + z * se[k];
  }
  return { lags: Int32Array.from({ length: m }, (_, k) => k), values, lower, upper, se, alpha, n };
}

/** Copies `x` minus its mean (two-pass), after checking it is finite and not constant. */
function demeanedSeries(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  if (n < 2) throw new RangeError(`the series needs at least 2 values, got ${n}`);
  let constant = true;
  let mean = 0;
  for (let t = 0; t < n; t++) {
    const v = x[t];
    if (!Number.isFinite(v)) throw new RangeError(`the series has a non-finite value (${v}) at index ${t}`);
    if (v !== x[0]) constant = false;
    mean += v;
  }
  if (constant) {
    throw new RangeError(
      `the series is constant (every value is ${x[0]}): its autocorrelations are 0/0, undefined`,
    );
  }
  mean /= n;
  const d = new Float64Array(n);
  for (let t = 0; t < n; t++) d[t] = x[t] - mean;
  return d;
}

function checkLag(lag: number, max: number, what: string, context: string): void {
  if (!(Number.isInteger(lag) && lag >= 0 && lag <= max)) {
    throw new RangeError(`${what} must be an integer in [0, ${max}] for ${context}, got ${lag}`);
  }
}

function checkAlpha(alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  return alpha;
}
