/**
 * The Durbin–Watson statistic for first-order autocorrelation of regression residuals.
 *
 * @module
 */

/**
 * Durbin–Watson statistic `d = Σ_{t≥2} (e_t − e_{t−1})² / Σ_t e_t²`, in the given (time) order.
 *
 * `d ≈ 2(1 − ρ̂₁)`: near 2 without autocorrelation, toward 0 with positive and toward 4 with negative
 * first-order autocorrelation. Same definition as `statsmodels.stats.stattools.durbin_watson`.
 * Reference: Durbin & Watson (1950), "Testing for serial correlation in least squares regression. I",
 * Biometrika 37.
 *
 * @param residuals residuals in time order, at least 2 values, not all zero
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(durbinWatson(new Float64Array([1, -1, 1, -1])), 3, 1e-9); // 12 / 4
 * ```
 */
export function durbinWatson(residuals: ArrayLike<number>): number {
  const n = residuals.length;
  if (n < 2) throw new RangeError(`the Durbin–Watson statistic needs at least 2 residuals, got ${n}`);
  let num = 0;
  let den = residuals[0] * residuals[0];
  for (let t = 1; t < n; t++) {
    const d = residuals[t] - residuals[t - 1];
    num += d * d;
    den += residuals[t] * residuals[t];
  }
  return num / den;
}
