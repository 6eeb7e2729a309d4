/**
 * Scoring a holdout: RMSE, out-of-sample R² (around the held-out values' mean), MAPE or, when a held-out
 * value is near zero, WAPE, against a naive benchmark that needs no model: the seasonal naive forecast
 * `ŷ_t = y_{t−52}` when every held-out week has its week of the previous year among the training weeks,
 * otherwise the training mean (per geo on a panel).
 *
 * References: Hyndman & Athanasopoulos, "Forecasting: Principles and Practice" (3rd ed.), §5.2 (seasonal
 * naive benchmark), §5.8 (scaled errors: compare with a naive forecast); Hyndman & Koehler (2006), "Another
 * look at measures of forecast accuracy" (MAPE undefined near zero; WAPE).
 *
 * @module
 */

/** A target value counts as near zero below this share of the mean absolute target of the held-out weeks. */
export const NEAR_ZERO_SHARE = 0.01;

/** Scores of held-out predictions. */
export interface HoldoutScores {
  /** Number of held-out values scored. */
  readonly n: number;
  /** Root mean squared error of the predictions, `√(SSE / n)`, in target units. */
  readonly rmse: number;
  /** `1 − SSE / Σ (y − ȳ_test)²`; negative when worse than the test weeks' own mean. */
  readonly r2: number;
  /** Mean absolute percentage error, or WAPE `Σ|e| / Σ|y|` when any |y| is near zero (see `percentMetric`). */
  readonly percentError: number;
  /** Which percentage error `percentError` is: MAPE, or WAPE when some held-out value is near zero. */
  readonly percentMetric: "MAPE" | "WAPE";
  /** Why WAPE replaced MAPE, or null. */
  readonly percentReason: string | null;
  /** RMSE of the benchmark forecast on the same values, in target units. */
  readonly benchmarkRmse: number;
  /** `rmse / benchmarkRmse`: below 1 the model beats the naive benchmark; NaN when the benchmark is exact. */
  readonly rmseRatio: number;
}

/**
 * Scores held-out predictions against the actual values and a benchmark forecast. MAPE `mean |e/y|` is
 * undefined at y = 0 and explodes near it (Hyndman & Koehler 2006, §3); when any |y| is below
 * `NEAR_ZERO_SHARE` (1%) of the mean |y| of the held-out values, WAPE `Σ|e| / Σ|y|` is reported instead, with
 * the reason.
 *
 * @example
 * ```ts
 * holdoutScores([10, 20], [11, 18], [12, 12]).rmseRatio; // √2.5 / √34 ≈ 0.271
 * ```
 */
export function holdoutScores(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  benchmark: ArrayLike<number>,
): HoldoutScores {
  const n = actual.length;
  if (n === 0) throw new RangeError("no held-out values to score");
  if (predicted.length !== n || benchmark.length !== n) {
    throw new RangeError(
      `${n} actual values, ${predicted.length} predictions, ${benchmark.length} benchmarks`,
    );
  }
  let mean = 0, meanAbs = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(actual[i]) || !Number.isFinite(predicted[i]) || !Number.isFinite(benchmark[i])) {
      throw new RangeError(`value ${i} is not finite`);
    }
    mean += actual[i] / n;
    meanAbs += Math.abs(actual[i]) / n;
  }
  let sse = 0, sst = 0, sseB = 0, absE = 0, absY = 0, ape = 0, nearZero = 0;
  for (let i = 0; i < n; i++) {
    const e = actual[i] - predicted[i];
    sse += e * e;
    sst += (actual[i] - mean) ** 2;
    sseB += (actual[i] - benchmark[i]) ** 2;
    absE += Math.abs(e);
    absY += Math.abs(actual[i]);
    if (Math.abs(actual[i]) <= NEAR_ZERO_SHARE * meanAbs) nearZero++;
    else ape += Math.abs(e / actual[i]);
  }
  const rmse = Math.sqrt(sse / n), benchmarkRmse = Math.sqrt(sseB / n);
  const wape = nearZero > 0;
  return {
    n,
    rmse,
    r2: sst > 0 ? 1 - sse / sst : NaN,
    percentError: wape ? (absY > 0 ? absE / absY : NaN) : ape / n,
    percentMetric: wape ? "WAPE" : "MAPE",
    percentReason: wape
      ? `${nearZero} of the ${n} held-out values are within ${
        NEAR_ZERO_SHARE * 100
      }% of zero (relative to the ` +
        `mean absolute value), where a percentage error is undefined or explodes, so the error is WAPE ` +
        `(total absolute error over total absolute value) instead of MAPE.`
      : null,
    benchmarkRmse,
    rmseRatio: benchmarkRmse > 0 ? rmse / benchmarkRmse : NaN,
  };
}

/** Seasonal period of weekly data for the seasonal naive benchmark. */
export const SEASONAL_PERIOD = 52;

/** A benchmark forecast of the held-out rows. */
export interface NaiveBenchmark {
  /** Seasonal naive (`y_{t−52}` of the same group) when every held-out row has it, else the training mean. */
  readonly kind: "seasonal naive" | "training mean";
  /**
   * The benchmark forecast of each held-out row, in row order (in a holdout result: aligned to `testRows`).
   */
  readonly values: Float64Array;
  /** Which benchmark, and why, in a sentence for the notebook. */
  readonly sentence: string;
}

/**
 * The naive benchmark of the held-out rows: `ŷ = y` of the same group 52 weeks earlier (seasonal naive) when
 * every held-out row has that week among the training rows, else the group's training mean.
 *
 * @param y outcome of every row
 * @param week week index of every row (0-based)
 * @param groups group of every row (geo; one group for a national series)
 * @param trainWeeks rows with `week < trainWeeks` train; the others are held out
 * @example
 * ```ts ignore
 * naiveBenchmark(y, weeks, geos, 143).kind; // "seasonal naive" with 156 weeks
 * ```
 */
export function naiveBenchmark(
  y: ArrayLike<number>,
  week: ArrayLike<number>,
  groups: readonly string[],
  trainWeeks: number,
): NaiveBenchmark {
  const byKey = new Map<string, number>();
  const sums = new Map<string, [number, number]>();
  for (let i = 0; i < y.length; i++) {
    if (week[i] >= trainWeeks) continue;
    byKey.set(`${groups[i]}\u0000${week[i]}`, y[i]);
    const s = sums.get(groups[i]) ?? [0, 0];
    sums.set(groups[i], [s[0] + y[i], s[1] + 1]);
  }
  const test: number[] = [];
  for (let i = 0; i < y.length; i++) if (week[i] >= trainWeeks) test.push(i);
  const seasonal = test.every((i) => byKey.has(`${groups[i]}\u0000${week[i] - SEASONAL_PERIOD}`));
  const values = Float64Array.from(test, (i) => {
    if (seasonal) return byKey.get(`${groups[i]}\u0000${week[i] - SEASONAL_PERIOD}`)!;
    const s = sums.get(groups[i]);
    if (!s) throw new RangeError(`group "${groups[i]}" has no training rows`);
    return s[0] / s[1];
  });
  const per = new Set(groups).size > 1 ? " of the same geo" : "";
  return {
    kind: seasonal ? "seasonal naive" : "training mean",
    values,
    sentence: seasonal
      ? `The benchmark is the seasonal naive forecast: each held-out week's value${per} 52 weeks earlier.`
      : `The benchmark is the training weeks' mean${per}: the training weeks do not reach back a year before ` +
        `every held-out week, so no seasonal naive forecast exists.`,
  };
}
