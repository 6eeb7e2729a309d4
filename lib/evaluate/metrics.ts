/**
 * Regression metrics for out-of-sample predictions, defined exactly as scikit-learn 1.2 defines them (R², RMSE,
 * MAE, MAPE), plus Robyn's NRMSE and a symmetric MAPE.
 *
 * | function | formula                                                       | reference                                  |
 * |----------|---------------------------------------------------------------|--------------------------------------------|
 * | `r2`     | `1 − Σ(y − ŷ)² / Σ(y − ȳ)²`                                     | `sklearn.metrics.r2_score`                  |
 * | `rmse`   | `√(Σ(y − ŷ)² / n)`                                             | `mean_squared_error(squared=False)`         |
 * | `mae`    | `Σ|y − ŷ| / n`                                                 | `mean_absolute_error`                       |
 * | `mape`   | `Σ |y − ŷ| / max(|y|, ε) / n`, `ε` = 2.220446049250313e-16     | `mean_absolute_percentage_error`            |
 * | `nrmse`  | `rmse / (max(y) − min(y))`                                     | Robyn (`nrmse`, range-normalized RMSE)      |
 * | `smape`  | `Σ 2|y − ŷ| / (|y| + |ŷ|) / n`, a term with `y = ŷ = 0` is 0   | Makridakis (1993); fraction, not percent    |
 *
 * MAPE and SMAPE are fractions (0.1 means 10 %), as in scikit-learn. Every function takes the observed values
 * first and the predictions second, and throws a `RangeError` when the lengths differ, the input is empty, or a
 * value is not finite (naming the index), as scikit-learn raises on NaN.
 *
 * @module
 */

/** A metric: observed values first, predictions second. */
export type Metric = (yTrue: ArrayLike<number>, yPred: ArrayLike<number>) => number;

/** The metrics {@link crossValidate} always reports, by name. */
export const METRICS = { r2, rmse, mae, mape, nrmse, smape } as const;

/** Names of the built-in metrics (`"r2" | "rmse" | "mae" | "mape" | "nrmse" | "smape"`). */
export type MetricName = keyof typeof METRICS;

/** Machine epsilon for float64, `np.finfo(np.float64).eps`: scikit-learn's floor for `|y|` in MAPE. */
export const MAPE_EPSILON = 2.220446049250313e-16;

/**
 * Coefficient of determination `R² = 1 − SS_res / SS_tot` with `SS_res = Σ(y − ŷ)²`, `SS_tot = Σ(y − ȳ)²`.
 *
 * Exactly scikit-learn's `r2_score` (default `force_finite=True`): when `y` is constant (`SS_tot = 0`) the
 * result is 1 for a perfect prediction and 0 otherwise; with fewer than two values it is NaN (scikit-learn warns
 * and returns NaN). Can be negative: a prediction worse than the test mean.
 *
 * @param yTrue observed values (finite, non-empty)
 * @param yPred predictions, same length
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(r2([1, 2, 3], [3, 2, 1]), -3, 1e-9);
 * ```
 */
export function r2(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = checkPair(yTrue, yPred);
  if (n < 2) return NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i];
  mean /= n;
  let ssRes = 0, ssTot = 0;
  for (let i = 0; i < n; i++) {
    const r = yTrue[i] - yPred[i], d = yTrue[i] - mean;
    ssRes += r * r;
    ssTot += d * d;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/**
 * Root mean squared error `√(Σ(y − ŷ)² / n)` (scikit-learn's `mean_squared_error(..., squared=False)`).
 *
 * @param yTrue observed values (finite, non-empty)
 * @param yPred predictions, same length
 * @example
 * ```ts
 * rmse([0, 0], [3, 4]); // √12.5 = 3.5355…
 * ```
 */
export function rmse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = checkPair(yTrue, yPred);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const r = yTrue[i] - yPred[i];
    s += r * r;
  }
  return Math.sqrt(s / n);
}

/**
 * Mean absolute error `Σ|y − ŷ| / n` (scikit-learn's `mean_absolute_error`).
 *
 * @param yTrue observed values (finite, non-empty)
 * @param yPred predictions, same length
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(mae([1, 2], [2, 4]), 1.5, 5e-2);
 * ```
 */
export function mae(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = checkPair(yTrue, yPred);
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs(yTrue[i] - yPred[i]);
  return s / n;
}

/**
 * Mean absolute percentage error `Σ |y − ŷ| / max(|y|, ε) / n` as a fraction, exactly scikit-learn's
 * `mean_absolute_percentage_error` including its floor `ε = np.finfo(float64).eps` ({@link MAPE_EPSILON}): an
 * observed zero with a nonzero error gives an enormous (but finite) value, as in scikit-learn. Prefer
 * {@link nrmse} or {@link smape} when the outcome can be zero.
 *
 * @param yTrue observed values (finite, non-empty)
 * @param yPred predictions, same length
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(mape([100, 200], [110, 180]), 0.1, 5e-2); // (0.1 + 0.1) / 2
 * ```
 */
export function mape(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = checkPair(yTrue, yPred);
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs(yPred[i] - yTrue[i]) / Math.max(Math.abs(yTrue[i]), MAPE_EPSILON);
  return s / n;
}

/**
 * Normalized RMSE as Robyn defines it: `rmse / (max(y) − min(y))`, the RMSE as a fraction of the observed range
 * of the values being scored (on a CV fold: the test rows' range). Robyn minimizes it (with DECOMP.RSSD) in its
 * hyperparameter search. A constant `y` gives `Infinity` (or NaN for a perfect prediction).
 *
 * @param yTrue observed values (finite, non-empty)
 * @param yPred predictions, same length
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(nrmse([0, 10], [1, 9]), 0.1, 5e-2); // rmse 1 / range 10
 * ```
 */
export function nrmse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = checkPair(yTrue, yPred);
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (yTrue[i] < min) min = yTrue[i];
    if (yTrue[i] > max) max = yTrue[i];
  }
  return rmse(yTrue, yPred) / (max - min);
}

/**
 * Symmetric MAPE `Σ 2|y − ŷ| / (|y| + |ŷ|) / n` as a fraction in [0, 2] (Makridakis 1993; Hyndman & Koehler
 * 2006, "Another look at measures of forecast accuracy"). A term with `y = ŷ = 0` counts as 0. Not in
 * scikit-learn; checked against the formula in numpy.
 *
 * @param yTrue observed values (finite, non-empty)
 * @param yPred predictions, same length
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(smape([100, 0], [50, 0]), 1/3, 1e-9); // (2·50/150 + 0) / 2
 * ```
 */
export function smape(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = checkPair(yTrue, yPred);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(yTrue[i]) + Math.abs(yPred[i]);
    if (d > 0) s += (2 * Math.abs(yTrue[i] - yPred[i])) / d;
  }
  return s / n;
}

function checkPair(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = yTrue.length;
  if (yPred.length !== n) {
    throw new RangeError(`yTrue has ${n} values but yPred has ${yPred.length}; expected equal lengths`);
  }
  if (n === 0) throw new RangeError("no values to score; expected at least one observation");
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(yTrue[i])) {
      throw new RangeError(`yTrue[${i}] is ${yTrue[i]}; expected a finite number`);
    }
    if (!Number.isFinite(yPred[i])) {
      throw new RangeError(`yPred[${i}] is ${yPred[i]}; expected a finite number`);
    }
  }
  return n;
}
