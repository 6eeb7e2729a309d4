/**
 * The shape of a target series: one regime, two modes, or level shifts. A linear model of media explains
 * the target by spend; a regime that spend does not explain (weeks near zero beside weeks in the hundreds of
 * thousands, a step after a tracking change or a launch) stays in its residuals, inflating their variance and
 * every interval, and is absorbed as an effect by whichever channel's spend happens to shift at the same time.
 *
 * Two detectors, each with a stated rule:
 *
 * - **Two modes** (`twoModes`): Pfister et al.'s (2013) bimodality coefficient
 *   `BC = (G₁² + 1) / (G₂ + 3(n−1)² / ((n−2)(n−3)))` (G₁, G₂ the bias-corrected sample skewness and excess
 *   kurtosis) above 5/9, the value of a uniform distribution; *and* a two-component Gaussian mixture (EM,
 *   started from the best two-group split of the sorted values, i.e. 1-D 2-means / Otsu 1979) whose
 *   components are separated by Ashman's `D = √2 · |μ₁ − μ₂| / √(σ₁² + σ₂²) > 3`; *and* at least
 *   `minRegimeShare` (10%) of the weeks in each mode. A non-negative series is examined on the `log1p` scale.
 *   Ashman, Bird & Zepf (1994) take D > 2 as a clean separation of two known Gaussians; fitted to about 100
 *   weeks, a mixture gives D > 2 in over a quarter of samples from a single normal distribution, so the
 *   threshold here is 3, which fitted single-mode samples rarely reach (at most 3% of 300 simulated series of
 *   104 weeks each from normal, folded-normal, exponential, gamma, log-normal, uniform, Student-t, AR(1) and
 *   seasonal shapes, together with BC > 5/9), while weeks near zero beside weeks in the hundreds of thousands
 *   reach D > 5. BC alone also flags strongly skewed single-mode series, and D alone any mixture fit, hence
 *   both.
 * - **Level shifts** (`levelShifts`): binary segmentation (Scott & Knott 1974) with the CUSUM statistic
 *   `max_k |S_k − (k/m) S_m| / (σ̂_LR √m)`, accepted above 1.358, the 5% point of the Kolmogorov distribution
 *   (the limit of the statistic under a constant mean, Page 1954; Csörgő & Horváth 1997). Weekly sales are
 *   autocorrelated, which makes the statistic with the plain standard deviation over-detect, so σ̂_LR is the
 *   long-run standard deviation under AR(1) errors, `σ √((1 + ρ)/(1 − ρ))`, with σ and ρ estimated from the
 *   outlier-trimmed variances of the series' lag-1 and lag-2 differences, which level shifts barely touch. Also
 *   required: a step of at least one pooled within-part standard deviation; both parts at least `minSegment`
 *   (26) weeks long (a split the CUSUM puts closer to an end is rejected, not moved); and a
 *   two-level fit that leaves less residual variance than a straight line (so a steady trend is not read as a
 *   step). Half a year is longer than any seasonal peak (a Q4 peak is 8–9 weeks), so seasonality and
 *   promotions, which calendar controls and media explain, are not taken for regimes. The AR(1) correction is
 *   approximate: of 200 simulated 104-week AR(1) series without a shift, 3% show one with ρ = 0.5, 6% with
 *   ρ = 0.7 and 17% with ρ = 0.9 (a strongly autocorrelated series wanders in level); a step of three noise
 *   standard deviations after 40 weeks is found in all 200 with independent noise.
 *
 * It lives in `lib/stats` (it needs nothing above it), so that `lib/features/anomalies.ts` can use it to leave regimes alone.
 *
 * @module
 */
import { kurtosis, skewness } from "./moments.ts";

const sig3 = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });
const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** Three significant digits (whole numbers from 1,000), `−` for negatives, as `lib/plot/format.ts`'s `num`. */
function defaultFormat(x: number): string {
  if (Number.isNaN(x)) return "n/a";
  const a = Math.abs(x);
  const body = a >= 1000 ? int.format(a) : sig3.format(a);
  return `${x < 0 && /[1-9]/.test(body) ? "−" : ""}${body}`;
}

/** A share as a whole percentage, "<1%" and ">99%" at the ends rather than a misleading 0% or 100%. */
function share(x: number): string {
  if (Number.isNaN(x)) return "n/a";
  const p = Math.round(x * 100);
  if (p === 0 && x > 0) return "<1%";
  if (p === 100 && x < 1) return ">99%";
  return `${x < 0 && p !== 0 ? "−" : ""}${Math.abs(p)}%`;
}

function checkSeries(y: ArrayLike<number>, min: number, what: string): void {
  if (y.length < min) throw new RangeError(`${what} needs at least ${min} values, got ${y.length}`);
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) throw new RangeError(`y[${i}] is ${y[i]}, expected a finite number`);
  }
}

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
  /** Component mean and standard deviation on the analysis scale (`TwoModes.scale`). */
  readonly center: number;
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
  /** The low and high components of the two-Gaussian mixture. */
  readonly low: Mode;
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

/** One accepted changepoint of `levelShifts`. */
export interface LevelShift {
  /** First index of the new level. */
  readonly index: number;
  /** Means of the segment's parts before and after (within the segment that was split). */
  readonly before: number;
  readonly after: number;
  /** CUSUM statistic `max_k |S_k − (k/m) S_m| / (σ̂_LR √m)` over the segment that was split. */
  readonly cusum: number;
  /** σ̂_LR, the long-run sd of the whole series' noise (`ar1Noise`). */
  readonly longRunSd: number;
  /** `|after − before| / σ̂`, σ̂ the pooled within-part standard deviation. */
  readonly effect: number;
}

/** Options of `levelShifts` (and of `describeTargetShape`). */
export interface LevelShiftOptions {
  /** Shortest segment, in weeks (default 26). */
  readonly minSegment?: number;
  /** Most changepoints (default 4). */
  readonly maxChangepoints?: number;
  /** CUSUM critical value (default 1.358, the Kolmogorov distribution's 5% point). */
  readonly critical?: number;
  /** Smallest step in within-part standard deviations (default 1). */
  readonly minEffect?: number;
}

/**
 * Standard deviation of the values within 4 robust standard deviations (`1.4826 · MAD`) of their median:
 * nearly as efficient as the plain sd on Gaussian values, and blind to a few gross outliers. The plain sd when
 * more than half the values are equal (MAD 0).
 */
function trimmedSd(d: Float64Array): number {
  const med = (x: Float64Array) => {
    const h = x.length >> 1;
    return x.length % 2 ? x[h] : (x[h - 1] + x[h]) / 2;
  };
  const center = med(Float64Array.from(d).sort());
  const scale = 1.4826 * med(Float64Array.from(d, (v) => Math.abs(v - center)).sort());
  const kept = scale > 0 ? d.filter((v) => Math.abs(v - center) <= 4 * scale) : d;
  let mu = 0;
  for (let i = 0; i < kept.length; i++) mu += kept[i];
  mu /= kept.length;
  let v = 0;
  for (let i = 0; i < kept.length; i++) v += (kept[i] - mu) ** 2;
  return Math.sqrt(v / Math.max(1, kept.length - 1));
}

/** `ar1Noise`'s result. */
export interface Ar1Noise {
  /** Lag-1 autocorrelation ρ, clamped to [0, 0.95]. */
  rho: number;
  /** Marginal standard deviation σ of the noise. */
  sd: number;
  /** Long-run standard deviation `σ √((1 + ρ)/(1 − ρ))` (the sd of a mean of m weeks, times √m). */
  longRunSd: number;
}

/**
 * The noise of a series around its levels, as AR(1) errors, from its lag-1 and lag-2 differences, which a
 * few level shifts barely touch (each adds one or two outlying differences):
 * `v₁ = Var(y_t − y_{t−1}) = 2σ²(1 − ρ)` and `v₂ = Var(y_t − y_{t−2}) = 2σ²(1 − ρ²)`, so `ρ = v₂/v₁ − 1`
 * (clamped to [0, 0.95]), `σ² = v₁ / (2(1 − ρ))` and the long-run variance `σ²(1 + ρ)/(1 − ρ)`. Each `v` is
 * the variance of the differences within 4 robust standard deviations (1.4826 · MAD) of their median, so the
 * few differences that straddle a shift are left out.
 *
 * @param y series in time order, at least 3 finite values
 * @example
 * ```ts ignore
 * ar1Noise(ar1Series).rho; // ≈ the series' lag-1 autocorrelation
 * ```
 */
export function ar1Noise(y: ArrayLike<number>): Ar1Noise {
  checkSeries(y, 3, "ar1Noise");
  const n = y.length;
  const d1 = Float64Array.from({ length: n - 1 }, (_, i) => y[i + 1] - y[i]);
  const d2 = Float64Array.from({ length: n - 2 }, (_, i) => y[i + 2] - y[i]);
  const v1 = trimmedSd(d1) ** 2, v2 = trimmedSd(d2) ** 2;
  if (!(v1 > 0)) return { rho: 0, sd: 0, longRunSd: 0 };
  const rho = Math.min(0.95, Math.max(0, v2 / v1 - 1));
  const sd = Math.sqrt(v1 / (2 * (1 - rho)));
  return { rho, sd, longRunSd: sd * Math.sqrt((1 + rho) / (1 - rho)) };
}

/** The 5% critical value of the Kolmogorov distribution (sup of a Brownian bridge's absolute value). */
export const KOLMOGOROV_5PCT = 1.358;

/**
 * Changepoints in the mean of a series by binary segmentation with the CUSUM statistic (see module doc for
 * the rule). Returned in time order.
 *
 * @param y series in time order, finite
 * @param options see `LevelShiftOptions`
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(levelShifts(Float64Array.from({ length: 80 }, (_, i) => (i < 40 ? 10 : 30) + (i % 4))).map((s) => s.index), [40], 1e-9);
 * ```
 */
export function levelShifts(y: ArrayLike<number>, options: LevelShiftOptions = {}): LevelShift[] {
  const minSegment = options.minSegment ?? 26;
  const maxChangepoints = options.maxChangepoints ?? 4;
  const critical = options.critical ?? KOLMOGOROV_5PCT;
  const minEffect = options.minEffect ?? 1;
  if (!(Number.isInteger(minSegment) && minSegment >= 2)) {
    throw new RangeError(`minSegment must be an integer >= 2, got ${minSegment}`);
  }
  if (!(Number.isInteger(maxChangepoints) && maxChangepoints >= 0)) {
    throw new RangeError(`maxChangepoints must be a non-negative integer, got ${maxChangepoints}`);
  }
  if (!(critical > 0)) throw new RangeError(`critical must be positive, got ${critical}`);
  if (!(minEffect >= 0)) throw new RangeError(`minEffect must be non-negative, got ${minEffect}`);
  checkSeries(y, 1, "levelShifts");
  const n = y.length;
  const prefix = new Float64Array(n + 1), prefixSq = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    prefix[i + 1] = prefix[i] + y[i];
    prefixSq[i + 1] = prefixSq[i] + y[i] * y[i];
  }
  const sum = (a: number, b: number) => prefix[b] - prefix[a];
  const sse = (a: number, b: number) => Math.max(0, prefixSq[b] - prefixSq[a] - sum(a, b) ** 2 / (b - a));
  const noise = n >= 3 ? ar1Noise(y) : { rho: 0, sd: 0, longRunSd: 0 };
  if (!(noise.longRunSd > 0)) {
    // No noise at all (a constant or exactly stepped series): every change of level is a shift; the CUSUM
    // scale falls back to the plain standard deviation so that the statistic stays finite.
    let mu = 0;
    for (let i = 0; i < n; i++) mu += y[i];
    mu /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (y[i] - mu) ** 2;
    noise.longRunSd = Math.sqrt(v / n);
    if (!(noise.longRunSd > 0)) return [];
  }

  const found: LevelShift[] = [];
  const queue: [number, number][] = [[0, n]];
  while (queue.length > 0 && found.length < maxChangepoints) {
    // Split the segment with the largest CUSUM first, so the cap keeps the strongest shifts.
    let bestQ = -1, bestShift: LevelShift | null = null;
    for (let q = 0; q < queue.length; q++) {
      const [a, b] = queue[q];
      const shift = splitSegment(a, b);
      if (shift && (bestShift === null || shift.cusum > bestShift.cusum)) {
        bestShift = shift;
        bestQ = q;
      }
    }
    if (bestShift === null) break;
    const [a, b] = queue.splice(bestQ, 1)[0];
    found.push(bestShift);
    queue.push([a, bestShift.index], [bestShift.index, b]);
  }
  return found.sort((p, q) => p.index - q.index);

  function splitSegment(a: number, b: number): LevelShift | null {
    const m = b - a;
    if (m < 2 * minSegment) return null;
    const total = sum(a, b);
    // The CUSUM's argmax over every split; a split leaving a part shorter than minSegment is rejected, not
    // moved (moving it would report a changepoint where the level does not change).
    let bestK = -1, bestAbs = -1;
    for (let k = a + 1; k < b; k++) {
      const d = Math.abs(sum(a, k) - ((k - a) / m) * total);
      if (d > bestAbs) {
        bestAbs = d;
        bestK = k;
      }
    }
    const k = bestK;
    if (k - a < minSegment || b - k < minSegment) return null;
    const within = sse(a, k) + sse(k, b);
    const sigma = Math.sqrt(within / (m - 2));
    if (!(sigma > 0)) {
      // Two exactly flat parts: a shift when their levels differ.
      const before = sum(a, k) / (k - a), after = sum(k, b) / (b - k);
      return before !== after
        ? { index: k, before, after, cusum: Infinity, longRunSd: noise.longRunSd, effect: Infinity }
        : null;
    }
    const before = sum(a, k) / (k - a), after = sum(k, b) / (b - k);
    const cusum = bestAbs / (noise.longRunSd * Math.sqrt(m));
    const effect = Math.abs(after - before) / sigma;
    if (!(cusum > critical && effect >= minEffect)) return null;
    if (!(within < lineSse(a, b))) return null;
    return { index: k, before, after, cusum, longRunSd: noise.longRunSd, effect };
  }

  function lineSse(a: number, b: number): number {
    const m = b - a;
    const tBar = (a + b - 1) / 2, yBar = sum(a, b) / m;
    let stt = 0, sty = 0;
    for (let t = a; t < b; t++) {
      stt += (t - tBar) ** 2;
      sty += (t - tBar) * (y[t] - yBar);
    }
    return sse(a, b) - (stt > 0 ? (sty * sty) / stt : 0);
  }
}

/** One regime of `describeTargetShape`. */
export interface Regime {
  /** "all weeks", "low mode", "high mode", or "weeks 1–40" (1-based, inclusive). */
  readonly label: string;
  /** First and last index (inclusive) of a level-shift segment; `null` for modes and "all weeks". */
  readonly start: number | null;
  readonly end: number | null;
  readonly weeks: number;
  readonly shareOfWeeks: number;
  /** The regime's sum of the target over the series' sum (NaN when that sum is not positive). */
  readonly shareOfTarget: number;
  readonly mean: number;
}

/** `describeTargetShape`'s result. */
export interface TargetShape {
  readonly kind: "unimodal" | "bimodal" | "level shift";
  readonly n: number;
  readonly regimes: readonly Regime[];
  /** Index into `regimes` for every week. */
  readonly regimeOf: Int32Array;
  /** First index of each new level (level shifts only; empty otherwise). */
  readonly changepoints: readonly number[];
  readonly shifts: readonly LevelShift[];
  readonly modes: TwoModes;
  readonly zeroOrNegativeShare: number;
  /** What the shape means for a linear model, with the numbers, for notebook 01. */
  readonly sentence: string;
  /** The detection rule, for the notebook to print. */
  readonly rule: string;
}

/** Options of `describeTargetShape`. */
export interface TargetShapeOptions extends LevelShiftOptions {
  /** Smallest share of weeks in each of two modes (default 0.1). */
  readonly minRegimeShare?: number;
  /** Name of the target for the sentence (default "the target"). */
  readonly name?: string;
  /** Formatter for amounts of target in the sentence (default three significant digits). */
  readonly format?: (x: number) => string;
  /** ISO dates of the weeks, to name changepoints. */
  readonly dates?: readonly string[];
}

/**
 * The shape of a target series: "bimodal" (two modes, interleaved in time), "level shift" (persistent
 * changes of level), or "unimodal" (neither), with the share of weeks and of the target in each regime, the
 * changepoints, and a sentence saying what the shape does to a linear model's conclusions. See the module
 * doc for the detection rules. Two modes that the level shifts explain (at least 80% of the weeks in their
 * segment's majority mode) are reported as level shifts; modes interleaved in time as bimodal.
 *
 * @param y the target in time order, at least 8 finite values
 * @param options see `TargetShapeOptions`
 * @example
 * ```ts ignore
 * describeTargetShape(revenue, { name: "revenue", format: fmt.money }).sentence;
 * ```
 */
export function describeTargetShape(y: ArrayLike<number>, options: TargetShapeOptions = {}): TargetShape {
  checkSeries(y, 8, "describeTargetShape");
  const n = y.length;
  const f = options.format ?? defaultFormat;
  const name = options.name ?? "the target";
  const subject = options.name ? `Weekly ${options.name}` : "The weekly target";
  if (options.dates && options.dates.length !== n) {
    throw new RangeError(`dates has ${options.dates.length} entries for ${n} values`);
  }
  const modes = twoModes(y, { minRegimeShare: options.minRegimeShare });
  const shifts = levelShifts(y, options);
  const zeroShare = zeroOrNegativeShare(y);
  let total = 0;
  for (let i = 0; i < n; i++) total += y[i];

  const regimeOf = new Int32Array(n);
  const regimes: Regime[] = [];
  const addRegime = (
    label: string,
    start: number | null,
    end: number | null,
    members: (i: number) => boolean,
  ) => {
    let weeks = 0, s = 0;
    for (let i = 0; i < n; i++) {
      if (members(i)) {
        weeks++;
        s += y[i];
        regimeOf[i] = regimes.length;
      }
    }
    regimes.push({
      label,
      start,
      end,
      weeks,
      shareOfWeeks: weeks / n,
      shareOfTarget: total > 0 ? s / total : NaN,
      mean: weeks > 0 ? s / weeks : NaN,
    });
  };

  const bounds = [0, ...shifts.map((s) => s.index), n];
  const shiftsExplainModes = () => {
    let agree = 0;
    for (let j = 0; j + 1 < bounds.length; j++) {
      let high = 0;
      for (let i = bounds[j]; i < bounds[j + 1]; i++) high += modes.isHigh[i];
      agree += Math.max(high, bounds[j + 1] - bounds[j] - high);
    }
    return agree >= 0.8 * n;
  };
  const kind: TargetShape["kind"] = shifts.length > 0 && (!modes.bimodal || shiftsExplainModes())
    ? "level shift"
    : modes.bimodal
    ? "bimodal"
    : "unimodal";

  const consequence =
    `Unless spend moves with ${kind === "bimodal" ? "these modes" : "these levels"}, a linear ` +
    `model of media leaves them in its residuals, which inflates the residual variance and widens every interval, ` +
    `and any channel whose spend happens to shift at the same time absorbs the difference as an effect.`;
  const zeroText = zeroShare > 0 ? ` ${share(zeroShare)} of weeks are zero or negative.` : "";
  let sentence: string;
  if (kind === "level shift") {
    for (let j = 0; j + 1 < bounds.length; j++) {
      const a = bounds[j], b = bounds[j + 1];
      addRegime(`weeks ${a + 1}–${b}`, a, b - 1, (i) => i >= a && i < b);
    }
    const weekName = (i: number) => options.dates ? `week ${i + 1} (${options.dates[i]})` : `week ${i + 1}`;
    const parts = regimes.map((r) =>
      `${r.label} average ${f(r.mean)} (${share(r.shareOfWeeks)} of weeks, ${
        share(r.shareOfTarget)
      } of ${name})`
    );
    const steps = shifts.map((s) =>
      `${weekName(s.index)}: a step of ${defaultFormat(s.effect)} within-segment standard deviations, CUSUM ${
        defaultFormat(s.cusum)
      } > ${defaultFormat(options.critical ?? KOLMOGOROV_5PCT)}`
    );
    sentence = `${subject} shifts level ${shifts.length === 1 ? "once" : `${shifts.length} times`}: ` +
      `${parts.join("; ")} (${
        steps.join("; ")
      }).${zeroText} ${consequence} A regime indicator (a step dummy ` +
      `from ${
        shifts.map((s) => weekName(s.index)).join(" and from ")
      }) as a control keeps the shift out of the ` +
      `media coefficients, unless the shift is itself caused by media.`;
  } else if (kind === "bimodal") {
    addRegime("low mode", null, null, (i) => modes.isHigh[i] === 0);
    addRegime("high mode", null, null, (i) => modes.isHigh[i] === 1);
    const [lo, hi] = regimes;
    sentence =
      `${subject} is bimodal: ${share(lo.shareOfWeeks)} of weeks sit in a low mode (mean ${f(lo.mean)}) ` +
      `holding ${share(lo.shareOfTarget)} of ${name}, and ${share(hi.shareOfWeeks)} in a high mode (mean ` +
      `${f(hi.mean)}) holding ${share(hi.shareOfTarget)} (bimodality coefficient ` +
      `${defaultFormat(modes.bimodalityCoefficient)} > 5/9; Ashman's D ${defaultFormat(modes.ashmanD)} > 3${
        modes.scale === "log1p" ? ", on log(1 + " + name + ")" : ""
      }).${zeroText} ` +
      `${consequence} A regime indicator (1 in high-mode weeks) as a control, or modelling the modes separately, ` +
      `keeps the switch out of the media coefficients. A mode is not a set of isolated errors for an anomaly ` +
      `filter to drop; if one is a recording problem (a tracking outage), it has to be fixed or left out deliberately.`;
  } else {
    addRegime("all weeks", null, null, () => true);
    const why = [
      !(modes.bimodalityCoefficient > BIMODALITY_THRESHOLD)
        ? `bimodality coefficient ${defaultFormat(modes.bimodalityCoefficient)} ≤ 5/9`
        : !(modes.ashmanD > ASHMAN_D_THRESHOLD)
        ? `the two best-fitting modes overlap, Ashman's D ${defaultFormat(modes.ashmanD)} ≤ 3`
        : `a second mode would hold under ${share(options.minRegimeShare ?? 0.1)} of weeks`,
    ];
    sentence = `${subject} has a single regime: no second mode (${why[0]}) and no persistent level shift ` +
      `(a step of at least ${
        defaultFormat(options.minEffect ?? 1)
      } within-segment standard deviation lasting ` +
      `${
        options.minSegment ?? 26
      } weeks or more on each side) is detected, so no regime unexplained by spend needs a control ` +
      `of its own.${zeroText}`;
  }
  const rule = `Two modes: bimodality coefficient > 5/9 and Ashman's D > 3 between the two components of a ` +
    `Gaussian mixture (on log(1 + y) for a non-negative series), and at least ${
      share(options.minRegimeShare ?? 0.1)
    } of weeks in each. Level shift: binary ` +
    `segmentation with a CUSUM statistic above ${
      defaultFormat(options.critical ?? KOLMOGOROV_5PCT)
    } (5%), a step ` +
    `of at least ${defaultFormat(options.minEffect ?? 1)} within-segment sd, segments of at least ` +
    `${options.minSegment ?? 26} weeks, and a better fit than a straight line.`;
  return {
    kind,
    n,
    regimes,
    regimeOf,
    changepoints: kind === "level shift" ? shifts.map((s) => s.index) : [],
    shifts,
    modes,
    zeroOrNegativeShare: zeroShare,
    sentence,
    rule,
  };
}
