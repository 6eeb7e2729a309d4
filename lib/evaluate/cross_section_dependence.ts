/**
 * Pesaran's CD test of cross-sectional dependence in a panel's residuals: are the errors of different geos
 * correlated in the same week (a common shock), beyond what chance gives?
 *
 * ```
 * CD = √(2 / (N (N − 1))) · Σ_{i<j} √T_ij · ρ̂_ij   ~  N(0, 1) under no cross-sectional dependence
 * ```
 *
 * with `ρ̂_ij` the correlation of the residuals of units i and j over the `T_ij` periods both have (pairs with
 * fewer than 3 common periods are left out, and N(N − 1)/2 counts the pairs used). On a balanced panel this is
 * `√(2T / (N(N − 1))) Σ_{i<j} ρ̂_ij`. The test is two-sided; its p-value is `2 · Φ(−|CD|)`. It is valid for
 * fixed T as N grows and for N and T both large, and has power against a common factor (Pesaran 2004, 2015);
 * it has little power when positive and negative correlations cancel, which a common shock does not produce.
 *
 * The statistic also estimates the size of the dependence: `ρ̄ = Σ ρ̂_ij / pairs`, the mean pairwise
 * correlation (a common shock with share w of the error variance gives ρ̄ ≈ w).
 *
 * References: Pesaran, M. H. (2004), "General diagnostic tests for cross section dependence in panels",
 * CESifo Working Paper 1229 (published in Empirical Economics 60, 2021); Pesaran, M. H. (2015), "Testing weak
 * cross-sectional dependence in large panels", Econometric Reviews 34(6–10).
 *
 * @module
 */
import { normalSf } from "../stats/distributions.ts";

/** Result of {@link pesaranCd}. */
export interface CrossSectionDependence {
  /** The CD statistic. */
  readonly statistic: number;
  /** Two-sided p-value `2 Φ(−|CD|)`. */
  readonly pValue: number;
  /** Mean pairwise residual correlation. */
  readonly meanCorrelation: number;
  /** Units (geos) and pairs used. */
  readonly units: number;
  /**
   * Pairs of units in the statistic: those with at least 3 common periods and residuals varying over them
   * (NaN statistic when 0).
   */
  readonly pairs: number;
}

/**
 * Pesaran's CD test (see the module doc) of residuals indexed by unit and period.
 *
 * @param residuals one value per row
 * @param unit unit code of each row (0..units−1)
 * @param period period index of each row (0..periods−1); at most one row per (unit, period)
 * @example
 * ```ts ignore
 * // two geos whose residuals move together in every week: ρ = 1, CD = √(2·4/2) · 1 = 2
 * pesaranCd(new Float64Array([1, -1, 2, -2, 1, -1, 2, -2]), Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1),
 *   Int32Array.of(0, 1, 2, 3, 0, 1, 2, 3)).statistic; // 2
 * ```
 */
export function pesaranCd(
  residuals: ArrayLike<number>,
  unit: Int32Array,
  period: Int32Array,
): CrossSectionDependence {
  const n = residuals.length;
  if (unit.length !== n || period.length !== n) {
    throw new RangeError(`residuals, unit and period need one entry per row (${n})`);
  }
  let N = 0, T = 0;
  for (let i = 0; i < n; i++) {
    if (!(unit[i] >= 0 && period[i] >= 0)) throw new RangeError(`row ${i}: unit and period must be >= 0`);
    N = Math.max(N, unit[i] + 1);
    T = Math.max(T, period[i] + 1);
  }
  const e = new Float64Array(N * T).fill(NaN);
  for (let i = 0; i < n; i++) {
    const at = unit[i] * T + period[i];
    if (!Number.isNaN(e[at])) throw new RangeError(`unit ${unit[i]} has two rows in period ${period[i]}`);
    e[at] = residuals[i];
  }
  let sum = 0, sumRho = 0, pairs = 0;
  for (let a = 0; a < N; a++) {
    for (let b = a + 1; b < N; b++) {
      let m = 0, sa = 0, sb = 0;
      for (let t = 0; t < T; t++) {
        const x = e[a * T + t], y = e[b * T + t];
        if (Number.isNaN(x) || Number.isNaN(y)) continue;
        m++;
        sa += x;
        sb += y;
      }
      if (m < 3) continue;
      const ma = sa / m, mb = sb / m;
      let sab = 0, saa = 0, sbb = 0;
      for (let t = 0; t < T; t++) {
        const x = e[a * T + t], y = e[b * T + t];
        if (Number.isNaN(x) || Number.isNaN(y)) continue;
        sab += (x - ma) * (y - mb);
        saa += (x - ma) ** 2;
        sbb += (y - mb) ** 2;
      }
      if (!(saa > 0 && sbb > 0)) continue;
      const rho = sab / Math.sqrt(saa * sbb);
      sum += Math.sqrt(m) * rho;
      sumRho += rho;
      pairs++;
    }
  }
  if (pairs === 0) return { statistic: NaN, pValue: NaN, meanCorrelation: NaN, units: N, pairs: 0 };
  const statistic = Math.sqrt(1 / pairs) * sum;
  return {
    statistic,
    pValue: Math.min(1, 2 * normalSf(Math.abs(statistic))),
    meanCorrelation: sumRho / pairs,
    units: N,
    pairs,
  };
}
