/**
 * Welch's two-sample t-test (unequal variances).
 *
 * `t = (x̄₁ − x̄₂) / √(s₁²/n₁ + s₂²/n₂)`, with Welch–Satterthwaite degrees of freedom
 * `ν = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1))`. Welch (1947), Biometrika 34; matches
 * `scipy.stats.ttest_ind(a, b, equal_var=False)`.
 *
 * @module
 */
import { tPpf, tTwoSidedP } from "./distributions.ts";

/** Result of `welchTTest`. */
export interface WelchResult {
  /** Mean x̄₁ of sample `a`. */
  readonly meanA: number;
  /** Mean x̄₂ of sample `b`. */
  readonly meanB: number;
  /** `meanA − meanB`, the estimated difference tested against 0. */
  readonly difference: number;
  /** Welch's statistic `(x̄₁ − x̄₂) / √(s₁²/n₁ + s₂²/n₂)`, sample variances with ddof = 1. */
  readonly t: number;
  /** Welch–Satterthwaite degrees of freedom ν (not an integer in general). */
  readonly df: number;
  /** Two-sided p-value of `mean(a) = mean(b)` from Student t on `df` (scipy's `ttest_ind(equal_var=False)`). */
  readonly pValue: number;
  /** Lower end of the confidence interval of `meanA − meanB` at the requested level (`difference − t* · se`). */
  readonly lower: number;
  /** Upper end of that interval (`difference + t* · se`). */
  readonly upper: number;
}

/**
 * Welch's t-test of `mean(a) = mean(b)`, two-sided, with a confidence interval for the difference.
 *
 * @example
 * ```ts
 * welchTTest(new Float64Array([1, 2, 3, 4]), new Float64Array([2, 4, 6, 8, 10])).pValue;
 * ```
 */
export function welchTTest(a: ArrayLike<number>, b: ArrayLike<number>, level = 0.95): WelchResult {
  if (a.length < 2 || b.length < 2) {
    throw new RangeError(`each group needs at least 2 observations, got ${a.length} and ${b.length}`);
  }
  const stats = (x: ArrayLike<number>) => {
    let m = 0;
    for (let i = 0; i < x.length; i++) m += x[i];
    m /= x.length;
    let ss = 0;
    for (let i = 0; i < x.length; i++) ss += (x[i] - m) ** 2;
    return { m, v: ss / (x.length - 1), n: x.length };
  };
  const A = stats(a), B = stats(b);
  const va = A.v / A.n, vb = B.v / B.n;
  const se = Math.sqrt(va + vb);
  const t = (A.m - B.m) / se;
  const df = (va + vb) ** 2 / (va * va / (A.n - 1) + vb * vb / (B.n - 1));
  const crit = tPpf(1 - (1 - level) / 2, df);
  const difference = A.m - B.m;
  return {
    meanA: A.m,
    meanB: B.m,
    difference,
    t,
    df,
    pValue: tTwoSidedP(t, df),
    lower: difference - crit * se,
    upper: difference + crit * se,
  };
}
