/**
 * Fast grid search of adstock carryover θ, saturation and ridge penalty α per channel, each candidate scored by
 * time-series cross-validation with everything fitted inside the folds.
 *
 * A candidate is one θ (and one saturation curve) per channel plus one α. Its score is the mean over folds of the
 * test RMSE (also R² and Robyn's NRMSE) of `make_pipeline(StandardScaler(), Ridge(alpha))` fitted on the fold's
 * training rows, with the controls always in and each channel transformed as
 * `saturate(geometricAdstock(spend, θ), spec)` (adstock on the whole series, carrying over from earlier weeks,
 * which is known at prediction time; the scaler's means and standard deviations and the coefficients come from
 * the training rows only). That is what scikit-learn's `cross_validate` with `TimeSeriesSplit` would report,
 * checked against it in the tests.
 *
 * Speed (`bench/search_bench.ts`): about 200,000 candidates a second on one core for weekly national data (104
 * rows, 6 channels + 5 controls, 5 folds), instead of the few hundred of a fit-per-fold loop. Every fold's normal equations come from one set of row-block moments
 * (training sets of `TimeSeriesSplit` are prefixes, so the blocks between fold boundaries suffice); the scaler is
 * derived from the same moments; the grid is walked in a reflected (Gray-code) order so that consecutive
 * candidates differ in one channel and only that channel's moments are recomputed; all α share one set of
 * moments; and nothing is allocated per candidate. See `search_moments.ts` for the algebra.
 *
 * Panels with fixed effects (`fixedEffects: true` with `groups`): a fixed effect per group is absorbed by the
 * within transformation on each fold's training rows (every column and y demeaned by group over those rows),
 * which gives exactly the slopes and test predictions of the same model with a dummy column per group, at a
 * cost linear in rows instead of growing with the square of the number of groups (`search_moments.ts`).
 *
 * Long searches: {@link searchTransformsAsync} runs the same search in batches and awaits a macrotask (and
 * an awaited progress callback) every `yieldEveryMs`, so a notebook kernel can send progress while it runs.
 *
 * Precision: the folds are solved through their normal equations (which square the condition number); on the
 * test data the scores agree with scikit-learn's (`lstsq`-based) pipelines to about 1e-11 relative. Use the search
 * to choose; refit the chosen model by QR (`fitRidge`, `fitOls`) for coefficients and inference.
 *
 * Leakage: the grid's saturation parameters are fixed numbers. Deriving them from the data (say Robyn's γ → K on
 * the whole series with `hillHalfSaturationFromGamma`) would let test rows shape the features; derive them from
 * the earliest training window, or search over them as fixed values.
 *
 * References: Jin et al. (2017), "Bayesian Methods for Media Mix Modeling with Carryover and Shape Effects";
 * Robyn's hyperparameter search (which minimizes NRMSE); scikit-learn `TimeSeriesSplit`, `StandardScaler`,
 * `Ridge`; Knuth, TAOCP 4A §7.2.1.1 (reflected mixed-radix Gray code).
 *
 * @module
 */

import type {
  AsyncSearchOptions,
  SearchOptions,
  SearchProblem,
  TransformGrid,
  TransformSearch,
} from "./search_types.ts";
import { searchRun } from "./search_run.ts";

export type {
  AsyncSearchOptions,
  PerChannel,
  SearchCandidate,
  SearchCriterion,
  SearchOptions,
  SearchProblem,
  SearchProgress,
  TransformGrid,
  TransformSearch,
} from "./search_types.ts";
export { rankCandidates, searchCandidate } from "./search_table.ts";

export { MAX_CANDIDATES } from "./search_run.ts";

/**
 * Scores every candidate of `grid` by time-series cross-validation and returns the full table and the best.
 *
 * Model per fold (see the module doc): `y ≈ b₀ + Σ_controls b_j x_j + Σ_channels b_c s_c(adstock_θc(spend_c))`
 * fitted by ridge on standardized features, `min ‖y − ȳ − Z β‖² + α ‖β‖²` with `Z` standardized on the training
 * rows (intercept unpenalized), scored on the test rows. A control or channel constant on a fold's training rows
 * (say, a channel not launched yet) gets coefficient 0 in that fold, as the scikit-learn pipeline gives (without
 * centering, only an all-zero one does).
 * Candidates whose normal equations are singular on a fold (α = 0 with collinear columns) score NaN and count
 * in `failed`; if all fail a `ModelError` is thrown.
 *
 * Pure and synchronous apart from `onProgress`; {@link searchTransformsAsync} is the same search yielding to the
 * event loop.
 *
 * @param problem data, folds and options; see {@link SearchProblem}
 * @param grid θ (and saturation) options per channel and α; see {@link TransformGrid}
 * @param options progress callback and selection criterion
 * @example
 * ```ts ignore
 * const folds = timeSeriesSplit(y.length, { nSplits: 5 });
 * const search = searchTransforms(
 *   { y, fixed: { price, trend }, channels: { tv, search: paidSearch }, folds },
 *   { theta: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8], alpha: [0, 0.1, 1, 10] },
 * );
 * search.best.theta; // { tv: 0.6, search: 0.1 } (say)
 * search.rmse;        // Float64Array of the 9 · 9 · 4 candidates' mean CV RMSE
 * ```
 */
export function searchTransforms(
  problem: SearchProblem,
  grid: TransformGrid,
  options: SearchOptions = {},
): TransformSearch {
  const run = searchRun(problem, grid, options);
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
  }
}

/**
 * {@link searchTransforms} that yields to the event loop: the same candidates, order and results, computed in
 * batches; after each `yieldEveryMs` (default 200) of work it awaits `onProgress` (if given) and a macrotask
 * (`setTimeout(0)`), so that a Jupyter kernel can send the progress display while the search runs. The batching
 * depends on the clock, the results do not.
 *
 * @example
 * ```ts ignore
 * const p = await progress("search", "searching…");
 * const search = await searchTransformsAsync(problem, grid, {
 *   onProgress: (s) => p.update(`${s.done} / ${s.total} candidates`),
 * });
 * ```
 */
export async function searchTransformsAsync(
  problem: SearchProblem,
  grid: TransformGrid,
  options: AsyncSearchOptions = {},
): Promise<TransformSearch> {
  const every = options.yieldEveryMs ?? 200;
  if (!(every >= 0 && Number.isFinite(every))) {
    throw new RangeError(`yieldEveryMs must be a finite number >= 0, got ${every}`);
  }
  const run = searchRun(problem, grid, { criterion: options.criterion });
  let last = performance.now();
  for (;;) {
    const step = run.next();
    if (step.done) {
      await options.onProgress?.({ done: step.value.total, total: step.value.total, best: step.value.best });
      return step.value;
    }
    const now = performance.now();
    if (now - last >= every) {
      await options.onProgress?.(step.value());
      await new Promise((resolve) => setTimeout(resolve, 0));
      last = performance.now();
    }
  }
}
