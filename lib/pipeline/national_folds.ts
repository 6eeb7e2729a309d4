/**
 * The national models' cross-validation folds and the rule the notebooks print (`nationalModelFolds`,
 * `NATIONAL_CV_RULE`): 52 training weeks or two per coefficient, 13-week tests, at most five folds.
 *
 * @module
 */
import {
  crossValidationPlan,
  CV_TEST_WEEKS,
  CV_TRAIN_WEEKS,
  MAX_CV_FOLDS,
  MIN_CV_FOLDS,
  MIN_WEEKS_FOR_CV,
} from "../data/envelope.ts";
import { type Fold, timeSeriesSplit } from "../evaluate/time_series_split.ts";
/**
 * Folds of the fitted model's time-series cross-validation: the envelope's plan (`crossValidationPlan`:
 * test folds of 13 weeks after a first training window of 52 weeks, at least 2 and at most 5 folds, ending
 * at the last week), keeping only folds that also train on at least two weeks per coefficient. Returns the
 * reason in words when no fold is left.
 *
 * @param n weeks in the series
 * @param coefficients coefficients of the largest stage
 * @example
 * nationalModelFolds(104, 12).folds.length; // 4: training 52, 65, 78, 91 weeks
 * nationalModelFolds(52, 12).folds; // []: a year of training leaves no test weeks
 */
export function nationalModelFolds(
  n: number,
  coefficients: number,
): { folds: Fold[]; reason: string | null } {
  const plan = crossValidationPlan(n);
  if (plan === undefined) {
    return {
      folds: [],
      reason:
        `Out-of-sample validation is not possible: time-series cross-validation needs a ${CV_TRAIN_WEEKS}-week ` +
        `training window (a full year, so every week of the year is estimated in every fold) and at least ` +
        `${MIN_CV_FOLDS} test folds of ${CV_TEST_WEEKS} weeks after it, ${MIN_WEEKS_FOR_CV} weeks in all, and ` +
        `the file has ${n}.`,
    };
  }
  const folds = timeSeriesSplit(n, { nSplits: plan.nSplits, testSize: plan.testSize })
    .filter((f) => f.train.length >= 2 * coefficients);
  if (folds.length < MIN_CV_FOLDS) {
    return {
      folds: [],
      reason:
        `Out-of-sample validation is not possible: the model has ${coefficients} coefficients, and fewer than ` +
        `${MIN_CV_FOLDS} folds train on at least two weeks per coefficient (${2 * coefficients}).`,
    };
  }
  return { folds, reason: null };
}

/**
 * What the folds hold fixed, in words: carryover and saturation are not re-chosen on each fold's training
 * weeks, so the out-of-sample scores leave out the uncertainty of that choice and lean optimistic (Hastie,
 * Tibshirani & Friedman 2009, §7.10.2: every modelling step must be repeated inside the folds).
 */
export const NATIONAL_HELD_TRANSFORMS: string =
  `Carryover and saturation are held at the full-sample choice in every fold (not re-chosen on the fold's ` +
  `training weeks), so the out-of-sample scores leave out the uncertainty of that choice and lean optimistic.`;

/** The cross-validation rule in words, for notebooks. */
export const NATIONAL_CV_RULE: string =
  `Every fold trains on the weeks before its test weeks, a window of at least ` +
  `${CV_TRAIN_WEEKS} weeks (a full year, so every week of the year and the seasonal terms are estimated in every ` +
  `fold) and of at least two weeks per coefficient, and tests on the next ${CV_TEST_WEEKS} weeks; as many folds ` +
  `as fit, at most ${MAX_CV_FOLDS}, ending at the last week. The window counts calendar weeks: weeks left ` +
  `out as anomalies are dropped from training and test weeks, so a fold may train on fewer than ` +
  `${CV_TRAIN_WEEKS} weeks (each fold's training weeks are shown). ${NATIONAL_HELD_TRANSFORMS}`;
