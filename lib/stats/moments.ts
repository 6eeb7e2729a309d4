/**
 * Sample moments: mean, central moments, skewness and kurtosis, with scipy.stats' conventions
 * (`scipy.stats.skew`, `scipy.stats.kurtosis`: biased moment estimators by default, Fisher's excess kurtosis).
 *
 * @module
 */

/** Mean and the second to fourth central moments `m_r = (1/n) Σ (x_i − x̄)^r` of a sample. */
export interface SampleMoments {
  /** Sample size. */
  readonly n: number;
  /** Arithmetic mean x̄. */
  readonly mean: number;
  /** Biased variance `m₂ = (1/n) Σ (x_i − x̄)²` (ddof = 0). */
  readonly m2: number;
  /** Third central moment `m₃ = (1/n) Σ (x_i − x̄)³`. */
  readonly m3: number;
  /** Fourth central moment `m₄ = (1/n) Σ (x_i − x̄)⁴`. */
  readonly m4: number;
}

/**
 * Arithmetic mean `x̄ = (1/n) Σ x_i`.
 *
 * @param x a non-empty sample
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(mean(new Float64Array([1, 2, 6])), 3, 1e-9);
 * ```
 */
export function mean(x: ArrayLike<number>): number {
  if (x.length === 0) throw new RangeError("mean of an empty sample is undefined");
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/**
 * The biased central moments `m_r = (1/n) Σ (x_i − x̄)^r`, r = 2, 3, 4, in two passes (mean first, so that
 * there is no cancellation between raw moments).
 *
 * @param x a non-empty sample
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(sampleMoments(new Float64Array([1, 2, 6])), { n: 3, mean: 3, m2: 14/3, m3: 6, m4: 98/3 }, 1e-9);
 * ```
 */
export function sampleMoments(x: ArrayLike<number>): SampleMoments {
  const n = x.length;
  const mu = mean(x);
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mu;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  return { n, mean: mu, m2: m2 / n, m3: m3 / n, m4: m4 / n };
}

/**
 * Sample skewness. Biased (default, scipy's `bias=True`): `g₁ = m₃ / m₂^{3/2}`. Unbiased (`bias = false`,
 * the adjusted Fisher–Pearson coefficient, n ≥ 3): `G₁ = g₁ · √(n(n−1)) / (n−2)`.
 * As scipy, returns NaN when the sample is (numerically) constant, `m₂ ≤ (1e-15 · x̄)²`.
 * Reference: scipy.stats.skew; Joanes & Gill (1998), "Comparing measures of sample skewness and kurtosis".
 *
 * @param x a non-empty sample
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(skewness(new Float64Array([1, 2, 6])), 0.59517006413949, 5e-15); // 6 / (14/3)^1.5
 * ```
 */
export function skewness(x: ArrayLike<number>, bias = true): number {
  return skewnessFromMoments(sampleMoments(x), bias);
}

/**
 * Sample kurtosis. Biased (default): `g₂ = m₄ / m₂²`, minus 3 when `fisher` (default, "excess" kurtosis,
 * 0 for a normal sample). Unbiased (`bias = false`, n ≥ 4):
 * `G₂ = [(n+1) g₂ − 3(n−1)] (n−1) / ((n−2)(n−3)) + 3` before the Fisher shift.
 * NaN for a (numerically) constant sample, as scipy.stats.kurtosis.
 * Reference: scipy.stats.kurtosis; Joanes & Gill (1998).
 *
 * @param x a non-empty sample
 * @param options `fisher` (default true) subtracts 3; `bias` (default true) uses the biased moments
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(kurtosis(new Float64Array([1, 2, 6]), { fisher: false }), 1.5, 5e-2); // (98/3) / (14/3)^2
 * ```
 */
export function kurtosis(
  x: ArrayLike<number>,
  options: { readonly fisher?: boolean; readonly bias?: boolean } = {},
): number {
  return kurtosisFromMoments(sampleMoments(x), options.fisher ?? true, options.bias ?? true);
}

/**
 * `skewness` from precomputed moments (so that several statistics can share one pass over the data).
 *
 * @example
 * ```ts ignore
 * skewnessFromMoments(sampleMoments(residuals)); // = skewness(residuals)
 * ```
 */
export function skewnessFromMoments(m: SampleMoments, bias = true): number {
  if (isDegenerate(m)) return NaN;
  const g1 = m.m3 / Math.pow(m.m2, 1.5);
  if (bias) return g1;
  if (m.n < 3) throw new RangeError(`unbiased skewness needs at least 3 values, got ${m.n}`);
  return (g1 * Math.sqrt(m.n * (m.n - 1))) / (m.n - 2);
}

/**
 * `kurtosis` from precomputed moments: Pearson `m₄/m₂²` (or its unbiased form), minus 3 when `fisher`.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(kurtosisFromMoments(sampleMoments(new Float64Array([1, 2, 6])), false), 1.5, 5e-2);
 * ```
 */
export function kurtosisFromMoments(m: SampleMoments, fisher = true, bias = true): number {
  if (isDegenerate(m)) return NaN;
  let g2 = m.m4 / (m.m2 * m.m2);
  if (!bias) {
    const n = m.n;
    if (n < 4) throw new RangeError(`unbiased kurtosis needs at least 4 values, got ${n}`);
    g2 = (((n + 1) * g2 - 3 * (n - 1)) * (n - 1)) / ((n - 2) * (n - 3)) + 3;
  }
  return fisher ? g2 - 3 : g2;
}

/** scipy's test for a constant sample: `m₂ ≤ (resolution · x̄)²` with float64 resolution 1e-15. */
function isDegenerate(m: SampleMoments): boolean {
  return m.m2 <= (1e-15 * m.mean) ** 2;
}
