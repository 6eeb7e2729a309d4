/**
 * Descriptive statistics for exploratory analysis: a pandas-style `describe`, numpy's default (linear)
 * quantile, Pearson correlation, and means by group.
 *
 * @module
 */

/** Summary of one numeric column (NaN entries are counted as missing and left out of every statistic). */
export interface ColumnSummary {
  /** Non-missing entries n (pandas' `count`). */
  readonly count: number;
  /** NaN entries, left out of every statistic below. */
  readonly missing: number;
  /** Arithmetic mean of the non-missing entries; NaN when there are none. */
  readonly mean: number;
  /** Sample standard deviation (ddof = 1), as pandas' `describe`; NaN below two entries. */
  readonly sd: number;
  /** Smallest entry; NaN when there are none. */
  readonly min: number;
  /** First quartile by linear interpolation (`quantileSorted`, numpy's default); NaN when empty. */
  readonly q25: number;
  /** Median (the 0.5 quantile, linear interpolation); NaN when empty. */
  readonly median: number;
  /** Third quartile by linear interpolation; NaN when empty. */
  readonly q75: number;
  /** Largest entry; NaN when there are none. */
  readonly max: number;
  /** Entries exactly equal to 0 (weeks without spend, for a media column). */
  readonly zeros: number;
  /** Sum of the non-missing entries (0 when there are none). */
  readonly sum: number;
}

/**
 * Quantile with linear interpolation between order statistics (numpy's default `method="linear"`, pandas'
 * default): position `h = (n − 1) q`, `Q = x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋)` on the sorted values.
 * Hyndman & Fan (1996) definition 7.
 *
 * @param sorted values sorted ascending, no NaN
 * @param q probability in [0, 1]
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(quantileSorted(new Float64Array([1, 2, 3, 4]), 0.25), 1.75, 5e-3);
 * ```
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q must be in [0, 1], got ${q}`);
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * pandas-style summary of a column.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(describe(new Float64Array([1, 2, 3, 4])).q25, 1.75, 5e-3);
 * ```
 */
export function describe(x: ArrayLike<number>): ColumnSummary {
  const values: number[] = [];
  let missing = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) missing++;
    else values.push(x[i]);
  }
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  let sum = 0, zeros = 0;
  for (const v of sorted) {
    sum += v;
    if (v === 0) zeros++;
  }
  const mean = n > 0 ? sum / n : NaN;
  let ss = 0;
  for (const v of sorted) ss += (v - mean) * (v - mean);
  return {
    count: n,
    missing,
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN,
    min: n > 0 ? sorted[0] : NaN,
    q25: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    q75: quantileSorted(sorted, 0.75),
    max: n > 0 ? sorted[n - 1] : NaN,
    zeros,
    sum,
  };
}

/**
 * Pearson correlation `r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²)`; NaN when either series is constant.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(pearson(new Float64Array([1, 2, 3]), new Float64Array([2, 4, 7])), 0.9933992677987828, 5e-17);
 * ```
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new RangeError(`series lengths differ: ${x.length} vs ${y.length}`);
  const n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? NaN : sxy / Math.sqrt(sxx * syy);
}

/** Mean and count of `values` per key, keys in first-seen order. */
export interface GroupMean {
  /** The group's key, as a string (`String(key)` of the given keys). */
  readonly key: string;
  /** `sum / count`, the mean of the group's values. */
  readonly mean: number;
  /** Values in the group (≥ 1). */
  readonly count: number;
  /** Sum of the group's values. */
  readonly sum: number;
}

/**
 * Means by group.
 *
 * @example
 * ```ts
 * groupMeans(new Float64Array([1, 3, 10]), ["a", "a", "b"]); // [{key:"a",mean:2,...},{key:"b",mean:10,...}]
 * ```
 */
export function groupMeans(values: ArrayLike<number>, keys: readonly (string | number)[]): GroupMean[] {
  if (values.length !== keys.length) throw new RangeError(`${values.length} values but ${keys.length} keys`);
  const acc = new Map<string, { sum: number; count: number }>();
  for (let i = 0; i < values.length; i++) {
    const k = String(keys[i]);
    const a = acc.get(k) ?? { sum: 0, count: 0 };
    a.sum += values[i];
    a.count++;
    acc.set(k, a);
  }
  return [...acc].map(([key, { sum, count }]) => ({ key, mean: sum / count, count, sum }));
}

/**
 * Ranks with 1 for the largest value; ties share the best rank ("competition" ranking, 1-2-2-4). NaN ranks last.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(ranksDescending([0.2, 0.9, 0.2, 0.1]), [2, 1, 2, 4], 1e-9);
 * ```
 */
export function ranksDescending(values: ArrayLike<number>): Int32Array {
  const v = Array.from(values, (x) => (Number.isNaN(x) ? -Infinity : x));
  return Int32Array.from(v, (x) => v.filter((w) => w > x).length + 1);
}
