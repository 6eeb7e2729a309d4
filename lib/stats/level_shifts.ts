/**
 * Level shifts of a series (see `regimes.ts`' module doc for the method and references): binary segmentation
 * by CUSUM against the Kolmogorov critical value, with the noise's AR(1) correction.
 *
 * @module
 */

import { checkSeries } from "./series_check.ts";

/** One accepted changepoint of `levelShifts`. */
export interface LevelShift {
  /** First index of the new level. */
  readonly index: number;
  /** Mean of the part before the shift, within the segment that was split. */
  readonly before: number;
  /** Mean of the part after the shift, within the segment that was split. */
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
