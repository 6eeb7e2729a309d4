/**
 * Types of the transform search (`search.ts`): the problem, the grid, options, progress, and the result table.
 *
 * @module
 */

import type { SaturationSpec } from "../features/saturation.ts";
import type { Fold } from "./time_series_split.ts";

/** The data of a transform search. */
export interface SearchProblem {
  /** Outcome, one value per row (finite). */
  readonly y: Float64Array;
  /** Controls, always in the model, untransformed (finite, length n). May be empty. */
  readonly fixed: Readonly<Record<string, Float64Array>>;
  /** Raw spend (or impressions) per channel (finite, ≥ 0 for the saturation curves that need it). */
  readonly channels: Readonly<Record<string, Float64Array>>;
  /** Cross-validation folds, e.g. `timeSeriesSplit(n)`; no fold's training set may contain one of its test rows. */
  readonly folds: readonly Fold[];
  /** Standardize features inside each fold on its training rows (StandardScaler, ddof 0). Default true. */
  readonly standardize?: boolean;
  /** Fit an unpenalized intercept (center y on the training mean). Default true. */
  readonly intercept?: boolean;
  /**
   * Panels: the geo of each row (rows sorted by geo, then date). Adstock then restarts at each geo's first row,
   * so carryover never crosses a geo border. Use `panelTimeSeriesSplit` for the folds.
   */
  readonly groups?: readonly string[];
  /**
   * Absorb a fixed effect per group (requires `groups`) by demeaning every column and y within each group on
   * each fold's training rows (the within transformation). Test rows are predicted from their group's
   * training means, so every group with test rows needs training rows in that fold. `intercept` is implied;
   * with `standardize`, columns are scaled by their within-group standard deviation, so a ridge penalty
   * applies to the slopes only (never to the group effects). Default false.
   */
  readonly fixedEffects?: boolean;
}

/** A per-channel list, or one list shared by every channel. */
export type PerChannel<T> = readonly T[] | Readonly<Record<string, readonly T[]>>;

/** The grid: candidates are the Cartesian product of per-channel (θ × saturation) options and α. */
export interface TransformGrid {
  /** Geometric adstock carryover θ in [0, 1): one list for all channels or a list per channel. */
  readonly theta: PerChannel<number>;
  /**
   * Saturation curves tried after adstock (`null` = none): one list for all channels or a list per channel (a
   * channel left out gets none). Default: no saturation. Hill's `halfSaturation` is in adstocked units.
   */
  readonly saturation?: PerChannel<SaturationSpec | null>;
  /** Ridge penalties on the (standardized) coefficients, each ≥ 0; 0 is OLS. */
  readonly alpha: readonly number[];
}

/** Which fold-averaged score picks the best candidate (default `"rmse"`). */
export type SearchCriterion = "rmse" | "nrmse" | "r2";

/** Options of {@link searchTransforms}. */
export interface SearchOptions {
  /** Called synchronously every `progressEvery` candidates and once at the end. */
  readonly onProgress?: (progress: SearchProgress) => void;
  /** Candidates between progress calls, an integer ≥ 1 (default: about 100 calls in all). */
  readonly progressEvery?: number;
  /** Score that picks the best candidate: lowest mean RMSE (default), lowest mean NRMSE, or highest mean R². */
  readonly criterion?: SearchCriterion;
}

/** Options of {@link searchTransformsAsync}. */
export interface AsyncSearchOptions {
  /** Awaited every `yieldEveryMs` of work and once at the end (e.g. an in-place notebook display update). */
  readonly onProgress?: (progress: SearchProgress) => void | Promise<void>;
  /** Milliseconds of work between yields to the event loop (default 200). */
  readonly yieldEveryMs?: number;
  /** As in {@link SearchOptions}. */
  readonly criterion?: SearchCriterion;
}

/** What `onProgress` receives. */
export interface SearchProgress {
  /** Candidates scored so far. */
  readonly done: number;
  /** Candidates in the grid. */
  readonly total: number;
  /** Best candidate so far (undefined while every candidate so far failed). */
  readonly best: SearchCandidate | undefined;
}

/** One candidate, as plain data. */
export interface SearchCandidate {
  /** Row of the candidate in the result table. */
  readonly index: number;
  /** Carryover θ per channel. */
  readonly theta: Readonly<Record<string, number>>;
  /** Saturation per channel (`null` = none). */
  readonly saturation: Readonly<Record<string, SaturationSpec | null>>;
  /** Ridge penalty α (0 is OLS). */
  readonly alpha: number;
  /** Mean over folds of the test RMSE. */
  readonly rmse: number;
  /** Sample standard deviation (ddof = 1) over folds of the test RMSE. */
  readonly rmseSd: number;
  /** Mean over folds of the test R². */
  readonly r2: number;
  /** Mean over folds of the test NRMSE (RMSE / range of the test outcome, Robyn's definition). */
  readonly nrmse: number;
  /** Test RMSE of each fold. */
  readonly foldRmse: Float64Array;
  /** Test R² of each fold. */
  readonly foldR2: Float64Array;
}

/**
 * The full candidate table, column-wise (one typed array per column, one row per candidate, in the order
 * evaluated: channel options in reflected Gray-code order, α innermost). Identify a candidate by its columns,
 * not by its row number.
 */
export interface TransformSearch {
  /** Channel names, in the problem's order. */
  readonly channels: readonly string[];
  /** Names of the fixed (control) columns, in the problem's order. */
  readonly fixed: readonly string[];
  /** Number of cross-validation folds. */
  readonly nFolds: number;
  /** Number of candidates (rows). */
  readonly total: number;
  /** θ of each channel per candidate. */
  readonly theta: Readonly<Record<string, Float64Array>>;
  /** Index into `saturationOptions[channel]` per candidate. */
  readonly saturationIndex: Readonly<Record<string, Int32Array>>;
  /** The saturation options of each channel (`null` = none). */
  readonly saturationOptions: Readonly<Record<string, readonly (SaturationSpec | null)[]>>;
  /** Ridge penalty α per candidate. */
  readonly alpha: Float64Array;
  /** Mean test RMSE over folds (NaN when a fold's fit failed: not positive definite). */
  readonly rmse: Float64Array;
  /** Sample standard deviation (ddof = 1) of the fold RMSEs. */
  readonly rmseSd: Float64Array;
  /** Mean test R² over folds. */
  readonly r2: Float64Array;
  /** Mean test NRMSE over folds. */
  readonly nrmse: Float64Array;
  /** Test RMSE per candidate and fold, `total × nFolds` row-major. */
  readonly foldRmse: Float64Array;
  /** Test R² per candidate and fold, `total × nFolds` row-major. */
  readonly foldR2: Float64Array;
  /** Candidates whose fit failed on at least one fold (scores NaN). */
  readonly failed: number;
  /** The score that chose `best`. */
  readonly criterion: SearchCriterion;
  /** The best candidate by `criterion` (ties: the first evaluated). */
  readonly best: SearchCandidate;
}
