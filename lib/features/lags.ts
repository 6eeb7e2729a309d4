/**
 * Time shifts and smoothing of one series: lags, trailing moving averages, forward fill. Here NaN means
 * "missing" and is handled as pandas does (these functions are how missing values get handled, so they do not
 * throw on them). On a panel apply them per geo with `applyByGroup`.
 *
 * @module
 */

import { checkInteger } from "./_check.ts";

/**
 * Lag by `k` periods: `out_t = x_{t−k}` for `t ≥ k`, and `fill` for the first `k` rows (pandas
 * `Series.shift(k)` with `fill_value`).
 *
 * @param x series, oldest first
 * @param k lag, an integer ≥ 0
 * @param fill value for the first `k` rows: `NaN` (default, "unknown") or `0` ("no spend before the data")
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(lag(new Float64Array([1, 2, 3]), 1), [NaN, 1, 2], 1e-9);
 * assertClose(lag(new Float64Array([1, 2, 3]), 1, 0), [0, 1, 2], 1e-9);
 * ```
 */
export function lag(x: ArrayLike<number>, k: number, fill = NaN): Float64Array {
  checkInteger(k, "k");
  const n = x.length;
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = t >= k ? x[t - k] : fill;
  return out;
}

/**
 * Trailing moving average over `window` periods: `out_t = mean(x_{t−window+1..t})`, skipping NaNs; `NaN` when
 * fewer than `minPeriods` non-missing values are in the window (pandas
 * `Series.rolling(window, min_periods=minPeriods).mean()`). Each window is summed afresh (no running sum that
 * would drift).
 *
 * @param x series, oldest first
 * @param window an integer ≥ 1
 * @param minPeriods an integer in 1..window (default `window`: the first `window − 1` values are NaN)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(movingAverage(new Float64Array([1, 2, 3, 4]), 2), [NaN, 1.5, 2.5, 3.5], 5e-2);
 * ```
 */
export function movingAverage(x: ArrayLike<number>, window: number, minPeriods = window): Float64Array {
  checkInteger(window, "window", 1);
  checkInteger(minPeriods, "minPeriods", 1);
  if (minPeriods > window) {
    throw new RangeError(`minPeriods (${minPeriods}) must not exceed window (${window})`);
  }
  const n = x.length;
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let sum = 0, count = 0;
    for (let s = Math.max(0, t - window + 1); s <= t; s++) {
      const v = x[s];
      if (!Number.isNaN(v)) {
        sum += v;
        count++;
      }
    }
    out[t] = count >= minPeriods ? sum / count : NaN;
  }
  return out;
}

/** Result of {@link forwardFill}. */
export interface ForwardFill {
  /** The series with each NaN replaced by the last non-missing value before it. */
  readonly values: Float64Array;
  /** Indices that were filled. */
  readonly filled: readonly number[];
  /** Leading NaNs with nothing before them to copy: left as NaN. */
  readonly unfilled: readonly number[];
}

/**
 * Forward fill: each NaN takes the last non-missing value before it (pandas `Series.ffill()`); leading NaNs
 * stay NaN. Returns the filled series and the indices filled and left unfilled, so that every repair can be
 * reported.
 *
 * @example
 * ```ts
 * forwardFill(new Float64Array([NaN, 1, NaN, NaN, 4])); // values [NaN, 1, 1, 1, 4], filled [2, 3], unfilled [0]
 * ```
 */
export function forwardFill(x: ArrayLike<number>): ForwardFill {
  const values = Float64Array.from(x);
  const filled: number[] = [];
  const unfilled: number[] = [];
  let last = NaN;
  for (let t = 0; t < values.length; t++) {
    if (Number.isNaN(values[t])) {
      if (Number.isNaN(last)) unfilled.push(t);
      else {
        values[t] = last;
        filled.push(t);
      }
    } else last = values[t];
  }
  return { values, filled, unfilled };
}
