/**
 * Time-series cross-validation folds: scikit-learn's `TimeSeriesSplit` (expanding window, optional gap, fixed
 * test size, sliding window through `maxTrainSize`), and its panel form splitting on dates.
 *
 * Every fold trains on rows that come strictly before its test rows, so a model is never scored on weeks it
 * has seen and never fitted on the future. Reference: scikit-learn 1.2 `sklearn.model_selection.TimeSeriesSplit`
 * (<https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.TimeSeriesSplit.html>); Hyndman &
 * Athanasopoulos, "Forecasting: Principles and Practice", §5.10 (evaluation on a rolling forecasting origin).
 *
 * @module
 */

/** One cross-validation fold: row indices (ascending) to fit on and to score on. */
export interface Fold {
  /** Rows to fit on: indices into the series (or panel rows), ascending. */
  readonly train: Int32Array;
  /** Rows to score on, after the training rows in time: indices, ascending. */
  readonly test: Int32Array;
}

/** Options of {@link timeSeriesSplit} and {@link panelTimeSeriesSplit} (scikit-learn's names in camelCase). */
export interface TimeSeriesSplitOptions {
  /** Number of folds, an integer ≥ 2 (default 5). */
  readonly nSplits?: number;
  /** Rows (periods, for panels) per test set, an integer ≥ 1 (default `floor(n / (nSplits + 1))`). */
  readonly testSize?: number;
  /** Rows (periods) left out between the end of each training set and its test set, integer ≥ 0 (default 0). */
  readonly gap?: number;
  /** Cap on the training set: only its latest `maxTrainSize` rows (periods) are kept, integer ≥ 1. */
  readonly maxTrainSize?: number;
  /**
   * Our extension, not in scikit-learn: folds whose training set has fewer rows (periods) than this are
   * dropped, so the fold count can be below `nSplits`. Integer ≥ 1. Useful when the first folds are too short
   * to fit the model (fewer rows than coefficients).
   */
  readonly minTrainSize?: number;
}

/**
 * Expanding-window time-series folds with exactly the semantics of scikit-learn's `TimeSeriesSplit`:
 *
 * - `testSize` defaults to `floor(n / (nSplits + 1))`;
 * - test set `i` (0-based) is rows `[n − (nSplits − i)·testSize, n − (nSplits − i − 1)·testSize)`;
 * - its training set is rows `[0, testStart − gap)`, or only the last `maxTrainSize` of them when fewer;
 * - errors where scikit-learn raises: `nSplits + 1 > n`, or `n − gap − nSplits·testSize ≤ 0`.
 *
 * `minTrainSize` (our extension) then drops the folds whose training set is smaller. Row indices are positions
 * in time order: sort rows by date first.
 *
 * @param n number of rows (time periods), an integer ≥ 1
 * @param options see {@link TimeSeriesSplitOptions}
 * @example
 * ```ts
 * const folds = timeSeriesSplit(6, { nSplits: 2 });
 * // [{ train: [0, 1], test: [2, 3] }, { train: [0, 1, 2, 3], test: [4, 5] }]
 * ```
 */
export function timeSeriesSplit(n: number, options: TimeSeriesSplitOptions = {}): Fold[] {
  return rangeSplits(n, options, "rows").map(({ trainStart, trainEnd, testStart, testEnd }) => ({
    train: range(trainStart, trainEnd),
    test: range(testStart, testEnd),
  }));
}

/**
 * Time-series folds for a panel (several geos per date): {@link timeSeriesSplit} applied to the sorted unique
 * dates, each fold then taking every row whose date falls in its training (test) periods. So every geo's week
 * `t` is on the same side of a split, and a model never learns week `t` in one geo while being scored on it in
 * another. All sizes in the options (`testSize`, `gap`, `maxTrainSize`, `minTrainSize`) count periods (unique
 * dates), not rows. Rows may be in any order (usually by geo, then date); returned indices are ascending. A geo
 * missing a date simply has no row there.
 *
 * @param dates ISO `YYYY-MM-DD` date of each row (e.g. `Dataset.dates`)
 * @param options see {@link TimeSeriesSplitOptions}; sizes in periods
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(panelTimeSeriesSplit(["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-01", "2024-01-08", "2024-01-15"], { nSplits: 2 }), [{ train: [0, 3], test: [1, 4] }, { train: [0, 1, 3, 4], test: [2, 5] }], 1e-9);
 * ```
 */
export function panelTimeSeriesSplit(dates: readonly string[], options: TimeSeriesSplitOptions = {}): Fold[] {
  for (let i = 0; i < dates.length; i++) {
    if (typeof dates[i] !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(dates[i])) {
      throw new RangeError(`dates[${i}] is ${JSON.stringify(dates[i])}; expected an ISO date "YYYY-MM-DD"`);
    }
  }
  const unique = [...new Set(dates)].sort();
  const rank = new Map(unique.map((d, i) => [d, i]));
  const periodOf = Int32Array.from(dates, (d) => rank.get(d)!);
  return rangeSplits(unique.length, options, "periods (unique dates)").map(
    ({ trainStart, trainEnd, testStart, testEnd }) => ({
      train: rowsIn(periodOf, trainStart, trainEnd),
      test: rowsIn(periodOf, testStart, testEnd),
    }),
  );
}

interface RangeFold {
  trainStart: number;
  trainEnd: number;
  testStart: number;
  testEnd: number;
}

function rangeSplits(n: number, options: TimeSeriesSplitOptions, unit: string): RangeFold[] {
  const { nSplits = 5, gap = 0, maxTrainSize, minTrainSize } = options;
  checkInteger(n, "n", 1);
  checkInteger(nSplits, "nSplits", 2);
  checkInteger(gap, "gap", 0);
  if (options.testSize !== undefined) checkInteger(options.testSize, "testSize", 1);
  if (maxTrainSize !== undefined) checkInteger(maxTrainSize, "maxTrainSize", 1);
  if (minTrainSize !== undefined) checkInteger(minTrainSize, "minTrainSize", 1);
  const testSize = options.testSize ?? Math.floor(n / (nSplits + 1));
  if (nSplits + 1 > n) {
    throw new RangeError(
      `cannot have nSplits + 1 = ${nSplits + 1} folds with only ${n} ${unit}; use fewer splits or more data`,
    );
  }
  if (n - gap - testSize * nSplits <= 0) {
    throw new RangeError(
      `too many splits: nSplits = ${nSplits} with testSize = ${testSize} and gap = ${gap} leaves no training ` +
        `${unit} out of ${n}; need n − gap − nSplits·testSize > 0`,
    );
  }
  const folds: RangeFold[] = [];
  for (let testStart = n - nSplits * testSize; testStart < n; testStart += testSize) {
    const trainEnd = testStart - gap;
    const trainStart = maxTrainSize !== undefined && maxTrainSize < trainEnd ? trainEnd - maxTrainSize : 0;
    folds.push({ trainStart, trainEnd, testStart, testEnd: Math.min(testStart + testSize, n) });
  }
  if (minTrainSize === undefined) return folds;
  const kept = folds.filter((f) => f.trainEnd - f.trainStart >= minTrainSize);
  if (kept.length === 0) {
    throw new RangeError(
      `minTrainSize = ${minTrainSize} drops every fold: training sets have ${
        folds.map((f) => f.trainEnd - f.trainStart).join(", ")
      } ${unit}`,
    );
  }
  return kept;
}

function range(start: number, end: number): Int32Array {
  const out = new Int32Array(end - start);
  for (let i = 0; i < out.length; i++) out[i] = start + i;
  return out;
}

function rowsIn(periodOf: Int32Array, start: number, end: number): Int32Array {
  let count = 0;
  for (let i = 0; i < periodOf.length; i++) if (periodOf[i] >= start && periodOf[i] < end) count++;
  const out = new Int32Array(count);
  let j = 0;
  for (let i = 0; i < periodOf.length; i++) if (periodOf[i] >= start && periodOf[i] < end) out[j++] = i;
  return out;
}

function checkInteger(v: number, name: string, min: number): void {
  if (!(Number.isInteger(v) && v >= min)) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${v}`);
  }
}
