/**
 * The types of a model comparison (`model_comparison.ts`): the task (outcome, fit rows, folds, candidate
 * feature sets and regressors), each candidate's scores per fold and over the folds, the permutation
 * importances, and the result with the one-standard-error choice.
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import type { Fold } from "./time_series_split.ts";
import type { CandidateModel } from "./model_candidates.ts";

/** A candidate feature set: a full-series design built, where it has fitted columns, from training rows. */
export interface FeatureSet {
  /**
   * Identifier of the set: `ComparisonRow.featureSet`, `importanceFor`, and the interpretability order of the
   * choice.
   */
  readonly id: string;
  /** Display name, used in sentences ("OLS on the <label, lower-cased>"). */
  readonly label: string;
  /**
   * The design over every row of the series (no `const` column). `train` is the fold's training rows (for
   * fitted columns such as a stage-1 prediction); `null` asks for the design fitted on all fit rows.
   */
  readonly design: (train: Int32Array | null) => Design;
}

/** What is compared. */
export interface ComparisonTask {
  /** Name of the outcome (for sentences). */
  readonly outcome: string;
  /** The outcome over every row of the series. */
  readonly y: Float64Array;
  /** Fit rows (ascending); folds are restricted to them. */
  readonly rows: Int32Array;
  /**
   * Time-series folds, indices into the full series; restricted to `rows`, and a fold left without training
   * or test rows is dropped.
   */
  readonly folds: readonly Fold[];
  /**
   * The candidate feature sets, most interpretable first (the model's own design first): the one-SE rule's
   * order.
   */
  readonly featureSets: readonly FeatureSet[];
  /** The regressors to compare (default all four: OLS, Ridge, ElasticNet, random forest). */
  readonly models?: readonly CandidateModel[];
  /** Seed of the forests and of the permutations, an integer in [0, 2³²). */
  readonly seed: number;
  /** Trees per random forest (default 300). */
  readonly forestTrees?: number;
  /** Permutation importance on each fold's test rows for these (model, set) pairs (default none). */
  readonly importanceFor?: readonly { readonly model: CandidateModel; readonly featureSet: string }[];
  /** Permutations per column on each test fold (default 10). */
  readonly importanceRepeats?: number;
}

/** Scores of one candidate on one fold. */
export interface ComparisonFold {
  /** Number of the fold among the folds used, from 1. */
  readonly fold: number;
  /** Training weeks the candidate was fitted on (fit rows only). */
  readonly trainWeeks: number;
  /** Test weeks it was scored on (fit rows only). */
  readonly testWeeks: number;
  /** R² of the test predictions about the test weeks' own mean (scikit-learn's `r2_score`). */
  readonly r2: number;
  /** RMSE of the test predictions, in the outcome's unit. */
  readonly rmse: number;
  /**
   * MAPE of the test predictions as a fraction; null when a test value is below `MAPE_MIN_SHARE` of the mean
   * |y|.
   */
  readonly mape: number | null;
  /**
   * Penalty α chosen by the inner CV on the training weeks (Ridge; ElasticNet on the standardized scale);
   * null for OLS and the forest.
   */
  readonly penalty: number | null;
}

/** One candidate (model × feature set) over the folds. */
export interface ComparisonRow {
  /** The regressor. */
  readonly model: CandidateModel;
  /** Its display name (`CANDIDATE_LABELS`). */
  readonly modelLabel: string;
  /** Id of the feature set. */
  readonly featureSet: string;
  /** Display name of the feature set. */
  readonly featureSetLabel: string;
  /** Columns of the feature set's design (no constant); 0 when the set could not be built. */
  readonly features: number;
  /** Scores on each fold scored, in fold order; empty, or cut at the failing fold, when `failed` is set. */
  readonly folds: readonly ComparisonFold[];
  /** Mean over folds of the test R²; NaN when the candidate failed. */
  readonly meanR2: number;
  /** Sample standard deviation (n − 1; 0 with one fold) over folds of the test R²; NaN when failed. */
  readonly sdR2: number;
  /**
   * Mean over folds of the test RMSE, in the outcome's unit: the score the one-SE rule compares; NaN when
   * failed.
   */
  readonly meanRmse: number;
  /** Sample standard deviation over folds of the test RMSE (0 with one fold); NaN when failed. */
  readonly sdRmse: number;
  /** Mean over folds of the test MAPE (a fraction); null when not reported (see `mapeNote`) or failed. */
  readonly meanMape: number | null;
  /** Sample standard deviation over folds of the test MAPE; null when not reported or failed. */
  readonly sdMape: number | null;
  /** Why MAPE is not reported (null when it is). */
  readonly mapeNote: string | null;
  /** Why the candidate could not be scored (null when it was). */
  readonly failed: string | null;
}

/** Permutation importance on the test folds (mean over folds of the drop in test R²). */
export interface ComparisonImportance {
  /** The regressor whose importance this is. */
  readonly model: CandidateModel;
  /** Id of the feature set it was fitted on. */
  readonly featureSet: string;
  /** The feature set's columns; the order of `mean` and `sd`. */
  readonly names: readonly string[];
  /** Per column, the mean over test folds of the drop in test R² when the column is shuffled. */
  readonly mean: Float64Array;
  /** Per column, the sample standard deviation of that drop over the folds (0 with one fold). */
  readonly sd: Float64Array;
}

/** The result of {@link compareModels}. */
export interface ModelComparison {
  /** Name of the outcome, as given in the task. */
  readonly outcome: string;
  /** Every candidate (model × feature set), feature sets in the given order and models within each. */
  readonly rows: readonly ComparisonRow[];
  /** The candidate with the lowest mean RMSE; null when no candidate could be scored on every fold. */
  readonly best: { readonly model: CandidateModel; readonly featureSet: string } | null;
  /** The candidate the one-standard-error rule chooses; null when none could be scored. */
  readonly chosen: { readonly model: CandidateModel; readonly featureSet: string } | null;
  /** The rule and its outcome in one or two sentences. */
  readonly sentence: string;
  /** The choice rule in words (`COMPARISON_RULE`). */
  readonly rule: string;
  /** Permutation importance for the (model, feature set) pairs asked in `importanceFor` that were scored. */
  readonly importance: readonly ComparisonImportance[];
}
