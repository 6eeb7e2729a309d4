/**
 * Whether a series has two modes (see `regimes.ts`' module doc for the method and references): the share of
 * zero or negative values, the bimodality coefficient, and the best two-group split with Ashman's D.
 *
 * @module
 */

import { kurtosis, skewness } from "./moments.ts";
import { checkSeries } from "./series_check.ts";

/**
 * Share of values that are zero or negative, `#{t : y_t ≤ 0} / n`.
 *
 * @param y a non-empty series of finite numbers
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(zeroOrNegativeShare([0, 5, -1, 7]), 0.5, 5e-2);
 * ```
 */
export function zeroOrNegativeShare(y: ArrayLike<number>): number {
  checkSeries(y, 1, "zeroOrNegativeShare");
  let c = 0;
  for (let i = 0; i < y.length; i++) if (y[i] <= 0) c++;
  return c / y.length;
}

/**
 * Pfister et al.'s bimodality coefficient, `BC = (G₁² + 1) / (G₂ + 3(n−1)² / ((n−2)(n−3)))`, with `G₁` the
 * adjusted Fisher–Pearson skewness and `G₂` the bias-corrected excess kurtosis. BC is 5/9 ≈ 0.556 for a
 * uniform distribution, 1/3 for a normal one, and approaches 1 for two well-separated point masses; above 5/9
 * suggests bimodality (or a strongly skewed single mode).
 * Reference: Pfister, Schwarz, Janczyk, Dale & Freeman (2013), "Good things peak in pairs: a note on the
 * bimodality coefficient", *Frontiers in Psychology* 4:700; SAS Institute (1990).
 *
 * @param y at least 4 finite values, not all equal (NaN for a constant series)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(bimodalityCoefficient([0, 0, 0, 0, 1, 1, 1, 1]), 0.4762, 5e-5); // (0 + 1) / (−2.8 + 3·49/30)
 * ```
 */
export function bimodalityCoefficient(y: ArrayLike<number>): number {
  checkSeries(y, 4, "bimodalityCoefficient");
  const n = y.length;
  const g1 = skewness(y, false);
  const g2 = kurtosis(y, { fisher: true, bias: false });
  if (Number.isNaN(g1) || Number.isNaN(g2)) return NaN;
  return (g1 * g1 + 1) / (g2 + (3 * (n - 1) ** 2) / ((n - 2) * (n - 3)));
}

/** One component of `twoModes`. */
export interface Mode {
  /** Component mean on the analysis scale (`TwoModes.scale`). */
  readonly center: number;
  /** Component standard deviation on the analysis scale. */
  readonly spread: number;
  /** Mixture weight. */
  readonly weight: number;
  /** Weeks assigned to this mode (posterior probability above 1/2). */
  readonly weeks: number;
  /** Mean of the assigned weeks in the series' own units (NaN when none is assigned). */
  readonly mean: number;
}

/** `twoModes`' result. */
export interface TwoModes {
  /** The scale the modes are sought on: `log1p` for a non-negative series (the default), else `raw`. */
  readonly scale: "log1p" | "raw";
  /** Of the series on the analysis scale. */
  readonly bimodalityCoefficient: number;
  /** The low component of the two-Gaussian mixture. */
  readonly low: Mode;
  /** The high component of the mixture. */
  readonly high: Mode;
  /** Ashman's D of the two components. */
  readonly ashmanD: number;
  /** 1 for weeks assigned to the high mode, 0 otherwise. */
  readonly isHigh: Uint8Array;
  /** BC > 5/9, D > 3 and each mode holds at least `minRegimeShare` of the weeks. */
  readonly bimodal: boolean;
}

/** The bimodality coefficient of a uniform distribution, the threshold of `twoModes`. */
export const BIMODALITY_THRESHOLD = 5 / 9;
/** Ashman's D above which two fitted Gaussian components count as separate modes (see module doc). */
export const ASHMAN_D_THRESHOLD = 3;

/**
 * Best split of the sorted values into two groups by within-group sum of squares (1-D 2-means, the same
 * as Otsu's 1979 threshold): returns the number of values in the low group.
 */
function bestTwoGroupSplit(sorted: Float64Array): number {
  const n = sorted.length;
  let total = 0, totalSq = 0;
  for (let i = 0; i < n; i++) {
    total += sorted[i];
    totalSq += sorted[i] * sorted[i];
  }
  let best = 1, bestSse = Infinity, s = 0, sq = 0;
  for (let k = 1; k < n; k++) {
    s += sorted[k - 1];
    sq += sorted[k - 1] * sorted[k - 1];
    const sseLow = sq - (s * s) / k;
    const sseHigh = totalSq - sq - ((total - s) ** 2) / (n - k);
    if (sseLow + sseHigh < bestSse) {
      bestSse = sseLow + sseHigh;
      best = k;
    }
  }
  return best;
}

/**
 * Two modes of a series: the bimodality coefficient and a two-component Gaussian mixture fitted by EM
 * (Dempster, Laird & Rubin 1977), started from the best two-group split of the sorted values; see the module
 * doc for the rule. A non-negative series (money, counts) is examined on the `log1p` scale, where weeks near
 * zero separate from weeks in the hundreds of thousands and a right-skewed single mode (log-normal-like sales)
 * becomes symmetric instead of looking like two; a series with negative values on its raw scale. The mixture
 * is fitted to the standardized values; Ashman's D does not depend on the scale's units.
 *
 * @param y at least 8 finite values
 * @param options `minRegimeShare` (default 0.1), the smallest share of weeks a mode must hold; `scale` to
 *   override the analysis scale
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(twoModes(Float64Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? 0 : 100) + (i % 5))).bimodal, true, 1e-9);
 * ```
 */
export function twoModes(
  y: ArrayLike<number>,
  options: { readonly minRegimeShare?: number; readonly scale?: "log1p" | "raw" } = {},
): TwoModes {
  checkSeries(y, 8, "twoModes");
  const minShare = options.minRegimeShare ?? 0.1;
  if (!(minShare > 0 && minShare < 0.5)) {
    throw new RangeError(`minRegimeShare must be in (0, 0.5), got ${minShare}`);
  }
  const n = y.length;
  let nonNegative = true;
  for (let i = 0; i < n; i++) if (y[i] < 0) nonNegative = false;
  const scale = options.scale ?? (nonNegative ? "log1p" : "raw");
  if (scale === "log1p" && !nonNegative) throw new RangeError("the log1p scale needs non-negative values");
  const x = scale === "log1p" ? Float64Array.from(y as ArrayLike<number>, (v) => Math.log1p(v)) : y;
  let mu = 0;
  for (let i = 0; i < n; i++) mu += x[i];
  mu /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (x[i] - mu) ** 2;
  const sdAll = Math.sqrt(v / n);
  const bc = bimodalityCoefficient(x);
  if (!(sdAll > 0) || Number.isNaN(bc)) {
    let raw = 0;
    for (let i = 0; i < n; i++) raw += y[i];
    const low: Mode = { center: mu, spread: 0, weight: 1, weeks: n, mean: raw / n };
    const high: Mode = { center: mu, spread: 0, weight: 0, weeks: 0, mean: NaN };
    return {
      scale,
      bimodalityCoefficient: NaN,
      low,
      high,
      ashmanD: 0,
      isHigh: new Uint8Array(n),
      bimodal: false,
    };
  }
  const z = Float64Array.from({ length: n }, (_, i) => (x[i] - mu) / sdAll);
  const sorted = Float64Array.from(z).sort();
  const k = bestTwoGroupSplit(sorted);
  const floor = 1e-3; // in units of the series' sd: keeps a mode of identical values (all zeros) finite
  const stats = (a: number, b: number) => {
    let s = 0;
    for (let i = a; i < b; i++) s += sorted[i];
    const m = s / (b - a);
    let q = 0;
    for (let i = a; i < b; i++) q += (sorted[i] - m) ** 2;
    return { m, s: Math.max(Math.sqrt(q / (b - a)), floor) };
  };
  const lo = stats(0, k), hi = stats(k, n);
  let w = [k / n, 1 - k / n], m = [lo.m, hi.m], s = [lo.s, hi.s];
  const post = new Float64Array(n);
  let prevLl = -Infinity;
  for (let iter = 0; iter < 1000; iter++) {
    // E step (log-sum-exp for the tails)
    let ll = 0;
    for (let i = 0; i < n; i++) {
      const l0 = Math.log(w[0]) - Math.log(s[0]) - 0.5 * ((z[i] - m[0]) / s[0]) ** 2;
      const l1 = Math.log(w[1]) - Math.log(s[1]) - 0.5 * ((z[i] - m[1]) / s[1]) ** 2;
      const top = Math.max(l0, l1);
      const lse = top + Math.log(Math.exp(l0 - top) + Math.exp(l1 - top));
      post[i] = Math.exp(l1 - lse);
      ll += lse;
    }
    // M step
    let n1 = 0, s1 = 0, s0 = 0;
    for (let i = 0; i < n; i++) {
      n1 += post[i];
      s1 += post[i] * z[i];
      s0 += (1 - post[i]) * z[i];
    }
    const n0 = n - n1;
    if (n0 < 1e-9 || n1 < 1e-9) break; // one component emptied: keep the previous fit
    const m0 = s0 / n0, m1 = s1 / n1;
    let q0 = 0, q1 = 0;
    for (let i = 0; i < n; i++) {
      q0 += (1 - post[i]) * (z[i] - m0) ** 2;
      q1 += post[i] * (z[i] - m1) ** 2;
    }
    w = [n0 / n, n1 / n];
    m = [m0, m1];
    s = [Math.max(Math.sqrt(q0 / n0), floor), Math.max(Math.sqrt(q1 / n1), floor)];
    if (Math.abs(ll - prevLl) <= 1e-10 * Math.abs(ll)) break;
    prevLl = ll;
  }
  // Order components low → high.
  const swap = m[0] > m[1];
  const iLo = swap ? 1 : 0, iHi = swap ? 0 : 1;
  const isHigh = new Uint8Array(n);
  let highWeeks = 0, highSum = 0, lowSum = 0;
  for (let i = 0; i < n; i++) {
    const pHigh = swap ? 1 - post[i] : post[i];
    if (pHigh > 0.5) {
      isHigh[i] = 1;
      highWeeks++;
      highSum += y[i];
    } else lowSum += y[i];
  }
  const ashmanD = (Math.SQRT2 * Math.abs(m[iHi] - m[iLo])) / Math.sqrt(s[iLo] ** 2 + s[iHi] ** 2);
  const mode = (j: number, weeks: number, sum: number): Mode => ({
    center: mu + sdAll * m[j],
    spread: sdAll * s[j],
    weight: w[j],
    weeks,
    mean: weeks > 0 ? sum / weeks : NaN,
  });
  const low = mode(iLo, n - highWeeks, lowSum), high = mode(iHi, highWeeks, highSum);
  const bimodal = bc > BIMODALITY_THRESHOLD && ashmanD > ASHMAN_D_THRESHOLD &&
    Math.min(low.weeks, high.weeks) >= minShare * n;
  return { scale, bimodalityCoefficient: bc, low, high, ashmanD, isHigh, bimodal };
}
