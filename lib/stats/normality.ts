/**
 * Tests of normality from sample skewness and kurtosis, as reported under a statsmodels OLS summary:
 * Jarque–Bera and the D'Agostino–Pearson omnibus K² (with its two components, the skewness and kurtosis
 * z-tests), matching `statsmodels.stats.stattools.jarque_bera` and `scipy.stats.normaltest` /
 * `skewtest` / `kurtosistest`.
 *
 * @module
 */

import { chi2Sf, normalSf } from "./distributions.ts";
import { kurtosisFromMoments, type SampleMoments, sampleMoments, skewnessFromMoments } from "./moments.ts";

/** A test statistic and its p-value. */
export interface TestResult {
  /**
   * The test statistic: χ²(2) for Jarque–Bera and the omnibus K², approximately standard normal Z for the
   * skewness and kurtosis tests (signed: positive for right skew or heavy tails).
   */
  readonly statistic: number;
  /** p-value of normality (upper χ²(2) tail, or two-sided normal for Z); small values reject normality. */
  readonly pValue: number;
}

/** The Jarque–Bera test, with the sample skewness and (Pearson, non-excess) kurtosis it is built from. */
export interface JarqueBeraResult extends TestResult {
  /** Biased sample skewness `m₃/m₂^{3/2}` (0 for a symmetric sample). */
  readonly skew: number;
  /** Pearson kurtosis `m₄/m₂²` (3 for a normal sample), as statsmodels reports it. */
  readonly kurtosis: number;
}

/**
 * Jarque–Bera test `JB = n/6 · (S² + (K − 3)²/4)` with biased skewness `S` and kurtosis `K`, p-value from
 * χ²(2) (asymptotic; poor in small samples).
 * Reference: Jarque & Bera (1980), Economics Letters 6; statsmodels.stats.stattools.jarque_bera.
 *
 * @param x sample (e.g. residuals), at least 2 values
 * @example
 * ```ts
 * jarqueBera(new Float64Array([1, 2, 3, 4, 100])); // statistic 1.8815, pValue 0.3903, skew 1.4975, kurtosis 3.2467
 * ```
 */
export function jarqueBera(x: ArrayLike<number>): JarqueBeraResult {
  if (x.length < 2) throw new RangeError(`the Jarque–Bera test needs at least 2 values, got ${x.length}`);
  const m = sampleMoments(x);
  const skew = skewnessFromMoments(m);
  const kurt = kurtosisFromMoments(m, false);
  const statistic = (m.n / 6) * (skew * skew + 0.25 * (kurt - 3) ** 2);
  return { statistic, pValue: chi2Sf(statistic, 2), skew, kurtosis: kurt };
}

/**
 * D'Agostino's skewness test: the biased skewness `b = g₁` is transformed to an approximately standard
 * normal `Z` by Johnson's S_U approximation:
 * `y = b·√((n+1)(n+3) / (6(n−2)))`, `β₂ = 3(n² + 27n − 70)(n+1)(n+3) / ((n−2)(n+5)(n+7)(n+9))`,
 * `W² = √(2(β₂ − 1)) − 1`, `δ = 1/√(½ log W²)`, `α = √(2/(W² − 1))`, `Z = δ·asinh(y/α)`; two-sided p.
 * Reference: D'Agostino, Belanger & D'Agostino (1990), The American Statistician 44; scipy.stats.skewtest.
 * (scipy replaces `y = 0` by 1 before the transform; here an exactly symmetric sample gives `Z = 0`.)
 *
 * @param x sample with at least 8 values
 * @example
 * ```ts
 * skewTest(new Float64Array([1, 2, 3, 4, 5, 6, 7, 50])); // statistic 3.4779 (right-skewed), pValue 0.000505
 * ```
 */
export function skewTest(x: ArrayLike<number>): TestResult {
  return skewTestFromMoments(sampleMoments(x));
}

/**
 * Anscombe & Glynn's kurtosis test: the Pearson kurtosis `b₂` is standardized with its exact mean
 * `E = 3(n−1)/(n+1)` and variance `24n(n−2)(n−3) / ((n+1)²(n+3)(n+5))`, `x = (b₂ − E)/√var`, then
 * `Z = [(1 − 2/(9A)) − ((1 − 2/A) / (1 + x√(2/(A−4))))^{1/3}] / √(2/(9A))` with
 * `A = 6 + (8/√β₁)(2/√β₁ + √(1 + 4/β₁))` and `√β₁` the standardized third moment of `b₂`; two-sided p.
 * Reference: Anscombe & Glynn (1983), Biometrika 70; scipy.stats.kurtosistest (valid for n ≥ 20).
 *
 * @param x sample with at least 5 values (scipy warns below 20)
 * @example
 * ```ts
 * kurtosisTest(new Float64Array([-9, 0, 0, 0, 0, 0, 0, 0, 0, 9])); // statistic 2.3724 (heavy tails), pValue 0.0177
 * ```
 */
export function kurtosisTest(x: ArrayLike<number>): TestResult {
  return kurtosisTestFromMoments(sampleMoments(x));
}

/**
 * D'Agostino–Pearson omnibus test `K² = Z_skew² + Z_kurt²`, p-value from χ²(2): statsmodels' "Omnibus" and
 * "Prob(Omnibus)" (`scipy.stats.normaltest`).
 * Reference: D'Agostino & Pearson (1973), Biometrika 60.
 *
 * @param x sample with at least 8 values
 * @example
 * ```ts
 * omnibusTest(new Float64Array([1, 2, 3, 4, 5, 6, 7, 50])); // statistic 21.809, pValue 1.84e-5
 * ```
 */
export function omnibusTest(x: ArrayLike<number>): TestResult {
  const m = sampleMoments(x);
  const s = skewTestFromMoments(m).statistic;
  const k = kurtosisTestFromMoments(m).statistic;
  const statistic = s * s + k * k;
  return { statistic, pValue: chi2Sf(statistic, 2) };
}

function skewTestFromMoments(m: SampleMoments): TestResult {
  const n = m.n;
  if (n < 8) throw new RangeError(`the skewness test needs at least 8 values, got ${n}`);
  const b = skewnessFromMoments(m);
  const y = b * Math.sqrt(((n + 1) * (n + 3)) / (6 * (n - 2)));
  const beta2 = (3 * (n * n + 27 * n - 70) * (n + 1) * (n + 3)) / ((n - 2) * (n + 5) * (n + 7) * (n + 9));
  const w2 = -1 + Math.sqrt(2 * (beta2 - 1));
  const delta = 1 / Math.sqrt(0.5 * Math.log(w2));
  const alpha = Math.sqrt(2 / (w2 - 1));
  const statistic = delta * Math.asinh(y / alpha);
  return { statistic, pValue: 2 * normalSf(Math.abs(statistic)) };
}

function kurtosisTestFromMoments(m: SampleMoments): TestResult {
  const n = m.n;
  if (n < 5) throw new RangeError(`the kurtosis test needs at least 5 values, got ${n}`);
  const b2 = kurtosisFromMoments(m, false);
  const e = (3 * (n - 1)) / (n + 1);
  const varB2 = (24 * n * (n - 2) * (n - 3)) / ((n + 1) * (n + 1) * (n + 3) * (n + 5));
  const x = (b2 - e) / Math.sqrt(varB2);
  const sqrtBeta1 = ((6 * (n * n - 5 * n + 2)) / ((n + 7) * (n + 9))) *
    Math.sqrt((6 * (n + 3) * (n + 5)) / (n * (n - 2) * (n - 3)));
  const a = 6 + (8 / sqrtBeta1) * (2 / sqrtBeta1 + Math.sqrt(1 + 4 / (sqrtBeta1 * sqrtBeta1)));
  const term1 = 1 - 2 / (9 * a);
  const denom = 1 + x * Math.sqrt(2 / (a - 4));
  const term2 = denom === 0 ? NaN : Math.sign(denom) * Math.cbrt((1 - 2 / a) / Math.abs(denom));
  const statistic = (term1 - term2) / Math.sqrt(2 / (9 * a));
  return { statistic, pValue: 2 * normalSf(Math.abs(statistic)) };
}
