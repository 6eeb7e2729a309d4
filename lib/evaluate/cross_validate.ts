/**
 * A leakage-free cross-validation runner for any model, plus row-selection helpers for writing `fitPredict`.
 *
 * The contract that keeps it leakage-free: **everything that is fitted lives inside `fitPredict`** — scalers,
 * stage-1 models of a two-stage fit, adstock/saturation choices, feature selection, imputation — and is fitted
 * on the `train` rows it is given, never on the whole data. The test rows' features may be read to predict,
 * never their outcome. With folds from {@link timeSeriesSplit} the training rows all precede the test rows, so
 * the scores are honest out-of-sample (forecast) errors. Statistic for statistic this is scikit-learn's
 * `cross_validate` + `cross_val_predict` with a `Pipeline` as the estimator.
 *
 * @module
 */

import { takeDesignRows, takeRows } from "../features/design.ts";

export { takeDesignRows, takeRows };
import { ModelError } from "../errors.ts";
import { type Metric, type MetricName, METRICS } from "./metrics.ts";
import type { Fold } from "./time_series_split.ts";

/**
 * Fits on the `train` rows and returns predictions for the `test` rows (in the order of `test`). Must not read
 * the outcome of a test row, nor fit anything on rows outside `train`.
 */
export type FitPredict = (train: Int32Array, test: Int32Array) => ArrayLike<number>;

/** Input of {@link crossValidate}. */
export interface CrossValidateInput {
  /** Observed outcome, one value per row (finite). */
  readonly y: ArrayLike<number>;
  /** Folds, e.g. from `timeSeriesSplit`; test sets must not overlap each other nor their own training set. */
  readonly folds: readonly Fold[];
  /** Fits on the training rows and predicts the test rows (see the module doc for the contract). */
  readonly fitPredict: FitPredict;
  /** Extra metrics by name, reported next to the built-in ones (a name may not shadow a built-in). */
  readonly metrics?: Readonly<Record<string, Metric>>;
}

/** Scores of one fold or their summary: the built-in metrics, plus any extra ones by name. */
export type Scores = Readonly<Record<MetricName, number>> & Readonly<Record<string, number>>;

/** One fold's result. */
export interface CvFoldResult {
  /** Position of the fold in `folds`. */
  readonly fold: number;
  /** Training rows the model was fitted on in this fold. */
  readonly trainSize: number;
  /** Test rows scored in this fold (the length of `test`). */
  readonly testSize: number;
  /** Test rows (indices into `y`), as given. */
  readonly test: Int32Array;
  /** Predictions for `test`, in the same order. */
  readonly predictions: Float64Array;
  /** `r2`, `rmse`, `mae`, `mape`, `nrmse`, `smape` (see `metrics.ts`) and the extra metrics, on the test rows. */
  readonly scores: Scores;
}

/** Result of {@link crossValidate}. */
export interface CrossValidation {
  /** Each fold's rows, predictions and scores, in the order of the `folds` given. */
  readonly folds: readonly CvFoldResult[];
  /** Mean of each score over folds. */
  readonly mean: Scores;
  /** Sample standard deviation (ddof = 1, as `np.std(..., ddof=1)`) of each score over folds; NaN for one fold. */
  readonly sd: Scores;
  /** Out-of-sample prediction per row (length of `y`); NaN for rows in no test set (e.g. the first window). */
  readonly predictions: Float64Array;
  /** Names of the reported metrics, built-ins first. */
  readonly metricNames: readonly string[];
}

/**
 * Runs `fitPredict` on each fold and scores its test predictions: per fold R², RMSE, MAE, MAPE, NRMSE and SMAPE
 * (definitions in `metrics.ts`, verified against scikit-learn) plus any extra `metrics`; their mean and sample
 * standard deviation (ddof = 1) over folds; and the out-of-sample prediction of every tested row.
 *
 * Checks before running: indices are integers in `[0, n)`, no fold's training set contains one of its test rows
 * (a `RangeError` names the fold and row), and no row is in two test sets. After each fold: the number of
 * predictions equals the number of test rows (`RangeError`) and every prediction is finite (`ModelError` naming
 * the fold and row).
 *
 * @param input `{ y, folds, fitPredict, metrics? }`; see {@link CrossValidateInput}
 * @example
 * ```ts ignore
 * const folds = timeSeriesSplit(y.length, { nSplits: 5 });
 * const cv = crossValidate({
 *   y,
 *   folds,
 *   fitPredict: (train, test) => {
 *     const fit = qrLeastSquares(takeDesignRows(design, train).x, takeRows(y, train), train.length, design.k);
 *     return matVec(takeDesignRows(design, test).x, test.length, design.k, fit.coef);
 *   },
 * });
 * cv.mean.rmse; // mean out-of-sample RMSE over the 5 folds
 * ```
 */
export function crossValidate(input: CrossValidateInput): CrossValidation {
  const { y, folds, fitPredict } = input;
  const extra = input.metrics ?? {};
  const n = y.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) throw new RangeError(`y[${i}] is ${y[i]}; expected finite`);
  }
  if (folds.length === 0) throw new RangeError("no folds given; expected at least one {train, test} fold");
  for (const name of Object.keys(extra)) {
    if (name in METRICS) {
      throw new RangeError(`extra metric "${name}" would shadow the built-in metric of that name`);
    }
    if (typeof extra[name] !== "function") throw new RangeError(`metric "${name}" is not a function`);
  }
  checkFolds(folds, n);

  const metricNames = [...Object.keys(METRICS), ...Object.keys(extra)];
  const all: Record<string, Metric> = { ...METRICS, ...extra };
  const predictions = new Float64Array(n).fill(NaN);
  const results: CvFoldResult[] = [];
  for (let f = 0; f < folds.length; f++) {
    const { train, test } = folds[f];
    const raw = fitPredict(train, test);
    if (raw?.length !== test.length) {
      throw new RangeError(
        `fold ${f}: fitPredict returned ${raw?.length} predictions for ${test.length} test rows; expected one per test row`,
      );
    }
    const pred = Float64Array.from(raw);
    for (let t = 0; t < pred.length; t++) {
      if (!Number.isFinite(pred[t])) {
        throw new ModelError(
          `fold ${f}: prediction for row ${test[t]} is ${pred[t]}; the fit failed on this fold`,
        );
      }
      predictions[test[t]] = pred[t];
    }
    const observed = new Float64Array(test.length);
    for (let t = 0; t < test.length; t++) observed[t] = y[test[t]];
    const scores: Record<string, number> = {};
    for (const name of metricNames) scores[name] = all[name](observed, pred);
    results.push({
      fold: f,
      trainSize: train.length,
      testSize: test.length,
      test: Int32Array.from(test),
      predictions: pred,
      scores: scores as Scores,
    });
  }
  const mean: Record<string, number> = {}, sd: Record<string, number> = {};
  for (const name of metricNames) {
    const values = results.map((r) => r.scores[name]);
    mean[name] = meanOf(values);
    sd[name] = sampleSd(values);
  }
  return { folds: results, mean: mean as Scores, sd: sd as Scores, predictions, metricNames };
}

function checkFolds(folds: readonly Fold[], n: number): void {
  const testedIn = new Int32Array(n).fill(-1);
  for (let f = 0; f < folds.length; f++) {
    const { train, test } = folds[f];
    if (!(train instanceof Int32Array) || !(test instanceof Int32Array)) {
      throw new RangeError(`fold ${f}: train and test must be Int32Array row indices (see timeSeriesSplit)`);
    }
    if (test.length === 0) throw new RangeError(`fold ${f} has an empty test set`);
    for (const [what, rows] of [["test", test], ["train", train]] as const) {
      for (let t = 0; t < rows.length; t++) {
        if (!(rows[t] >= 0 && rows[t] < n)) {
          throw new RangeError(`fold ${f}: ${what} row ${rows[t]} is outside 0..${n - 1}`);
        }
      }
    }
    for (let t = 0; t < test.length; t++) {
      const i = test[t];
      if (testedIn[i] >= 0) {
        throw new RangeError(
          `row ${i} is in the test sets of folds ${testedIn[i]} and ${f}; test sets must not overlap`,
        );
      }
      testedIn[i] = f;
    }
    for (let t = 0; t < train.length; t++) {
      if (testedIn[train[t]] === f) {
        throw new RangeError(`fold ${f}: row ${train[t]} is in both its training and its test set (leakage)`);
      }
    }
  }
}

function meanOf(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

function sampleSd(values: readonly number[]): number {
  if (values.length < 2) return NaN;
  const m = meanOf(values);
  let s = 0;
  for (const v of values) s += (v - m) * (v - m);
  return Math.sqrt(s / (values.length - 1));
}
