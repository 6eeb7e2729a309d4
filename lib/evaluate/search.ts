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

import { ModelError } from "../errors.ts";
import { geometricAdstockInto } from "../features/adstock.ts";
import { groupRanges } from "../features/panel.ts";
import { saturate, type SaturationSpec, validateSaturationSpec } from "../features/saturation.ts";
import type { Fold } from "./time_series_split.ts";
import {
  type ColumnStats,
  columnStats,
  FoldMoments,
  rowClasses,
  scoreAlphas,
  type SolverSetup,
  SolverWork,
} from "./search_moments.ts";
import type {
  AsyncSearchOptions,
  SearchOptions,
  SearchProblem,
  SearchProgress,
  TransformGrid,
  TransformSearch,
} from "./search_types.ts";
import { candidateOf } from "./search_table.ts";
import {
  checkColumn,
  checkFolds,
  checkGroups,
  checkGroupsTrain,
  groupCodesOf,
  perChannel,
} from "./search_inputs.ts";

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

/** Largest grid accepted (the table takes about `100 + 12 · channels` bytes per candidate). */
export const MAX_CANDIDATES = 5_000_000;

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

/** Combos scored between the generator's pauses (a pause costs one clock read in the async runner). */
const COMBOS_PER_PAUSE = 8;

/**
 * The search as a generator: pauses every {@link COMBOS_PER_PAUSE} channel combinations, yielding a function
 * that reports progress so far, and returns the result. Calls `options.onProgress` synchronously as
 * {@link searchTransforms} documents.
 */
function* searchRun(
  problem: SearchProblem,
  grid: TransformGrid,
  options: SearchOptions,
): Generator<() => SearchProgress, TransformSearch, void> {
  const { y, folds } = problem;
  const standardize = problem.standardize ?? true;
  const intercept = problem.intercept ?? true;
  const criterion = options.criterion ?? "rmse";
  if (!["rmse", "nrmse", "r2"].includes(criterion)) {
    throw new RangeError(`criterion must be "rmse", "nrmse" or "r2", got ${JSON.stringify(criterion)}`);
  }
  const n = y.length;
  checkColumn(y, "y", n);
  const fixedNames = Object.keys(problem.fixed);
  const channelNames = Object.keys(problem.channels);
  for (const name of fixedNames) checkColumn(problem.fixed[name], `fixed "${name}"`, n);
  for (const name of channelNames) {
    checkColumn(problem.channels[name], `channel "${name}"`, n);
    if (name in problem.fixed) throw new RangeError(`"${name}" is both a control and a channel`);
  }
  if (fixedNames.length + channelNames.length === 0) {
    throw new RangeError("no features: give at least one control or channel");
  }
  checkFolds(folds, n);
  const fixedEffects = problem.fixedEffects ?? false;
  if (fixedEffects && problem.groups === undefined) {
    throw new RangeError("fixedEffects needs groups (the group of each row)");
  }

  const thetas = perChannel(grid.theta, channelNames, "theta", undefined);
  for (const name of channelNames) {
    if (thetas[name].length === 0) throw new RangeError(`theta list of channel "${name}" is empty`);
    for (const t of thetas[name]) {
      if (!(t >= 0 && t < 1)) throw new RangeError(`theta ${t} of channel "${name}" is outside [0, 1)`);
    }
  }
  const sats = perChannel<SaturationSpec | null>(grid.saturation ?? [null], channelNames, "saturation", [
    null,
  ]);
  for (const name of channelNames) {
    if (sats[name].length === 0) throw new RangeError(`saturation list of channel "${name}" is empty`);
    for (const s of sats[name]) if (s !== null) validateSaturationSpec(s);
  }
  const alphas = Float64Array.from(grid.alpha);
  if (alphas.length === 0) throw new RangeError("alpha list is empty; give at least one penalty (0 = OLS)");
  for (const a of alphas) {
    if (!(a >= 0 && Number.isFinite(a))) throw new RangeError(`alpha ${a} must be finite and >= 0`);
  }
  const radix = channelNames.map((c) => thetas[c].length * sats[c].length);
  const combos = radix.reduce((a, b) => a * b, 1);
  const total = combos * alphas.length;
  if (total > MAX_CANDIDATES) {
    throw new RangeError(
      `the grid has ${total} candidates (${radix.join(" × ")} channel options × ${alphas.length} alphas); ` +
        `at most ${MAX_CANDIDATES} fit in memory: coarsen the grid or search channels in stages`,
    );
  }
  const progressEvery = options.progressEvery ?? Math.max(1, Math.ceil(total / 100));
  if (!(Number.isInteger(progressEvery) && progressEvery >= 1)) {
    throw new RangeError(`progressEvery must be an integer >= 1, got ${progressEvery}`);
  }

  // Precompute every column the search can use: controls, y, and each channel's (θ, saturation) options.
  const rowGroups = fixedEffects ? groupCodesOf(checkGroups(problem.groups!, n)) : undefined;
  const classes = rowClasses(n, folds, rowGroups);
  const nFolds = folds.length;
  if (rowGroups) checkGroupsTrain(folds, classes, rowGroups);
  const fixedStats = fixedNames.map((name) => columnStats(problem.fixed[name], classes, folds, []));
  const yStats = columnStats(y, classes, folds, []);
  const fixedAndY = [...fixedStats, yStats];
  const ranges = problem.groups === undefined
    ? [{ start: 0, end: n }]
    : groupRanges(checkGroups(problem.groups, n));
  const columnOptions: ColumnStats[][] = channelNames.map((name) => {
    const spend = problem.channels[name];
    const list: ColumnStats[] = [];
    const adstocked = new Float64Array(n);
    for (const theta of thetas[name]) {
      for (const r of ranges) {
        geometricAdstockInto(adstocked.subarray(r.start, r.end), spend.subarray(r.start, r.end), theta);
      }
      for (const spec of sats[name]) {
        let column: Float64Array;
        try {
          column = spec === null ? adstocked.slice() : saturate(adstocked, spec);
        } catch (error) {
          throw new RangeError(
            `channel "${name}" with theta ${theta} and ${spec?.type} saturation: ${(error as Error).message}`,
          );
        }
        list.push(columnStats(column, classes, folds, fixedAndY));
      }
    }
    return list;
  });

  const setup = solverSetup(y, folds, standardize, intercept);
  const mom = new FoldMoments(classes, nFolds, fixedStats, yStats, columnOptions.map((list) => list[0]));
  let maxTest = 0;
  for (const f of folds) maxTest = Math.max(maxTest, f.test.length);
  const work = new SolverWork(mom.p, maxTest);

  const nC = channelNames.length;
  const thetaCol = channelNames.map(() => new Float64Array(total));
  const satCol = channelNames.map(() => new Int32Array(total));
  const alphaCol = new Float64Array(total);
  const foldRmse = new Float64Array(total * nFolds);
  const foldR2 = new Float64Array(total * nFolds);
  const foldNrmse = new Float64Array(total * nFolds);
  const rmse = new Float64Array(total), rmseSd = new Float64Array(total);
  const r2 = new Float64Array(total), nrmse = new Float64Array(total);
  const thetaValues = channelNames.map((c) => Float64Array.from(thetas[c]));
  const nSat = channelNames.map((c) => sats[c].length);

  const digit = new Int32Array(nC);
  const direction = new Int32Array(nC).fill(1);
  let failed = 0, bestIndex = -1, bestScore = NaN;
  const sign = criterion === "r2" ? -1 : 1; // minimize sign · score
  const table = {
    channelNames,
    thetaCol,
    satCol,
    sats,
    alphaCol,
    rmse,
    rmseSd,
    r2,
    nrmse,
    foldRmse,
    foldR2,
    nFolds,
  };
  let row = 0;
  for (let step = 0; step < combos; step++) {
    if (step > 0) {
      // reflected mixed-radix Gray code: move the lowest channel that can move in its direction, reversing the
      // direction of those that cannot; exactly one channel changes.
      let c = 0;
      while (c < nC) {
        const next = digit[c] + direction[c];
        if (next >= 0 && next < radix[c]) {
          digit[c] = next;
          break;
        }
        direction[c] = -direction[c];
        c++;
      }
      mom.setChannel(fixedNames.length + c, columnOptions[c][digit[c]]);
    }
    scoreAlphas(mom, setup, work, alphas, row, foldRmse, foldR2, foldNrmse);
    for (let a = 0; a < alphas.length; a++, row++) {
      for (let c = 0; c < nC; c++) {
        const o = digit[c];
        thetaCol[c][row] = thetaValues[c][Math.floor(o / nSat[c])];
        satCol[c][row] = o % nSat[c];
      }
      alphaCol[row] = alphas[a];
      summarize(row, nFolds, foldRmse, foldR2, foldNrmse, rmse, rmseSd, r2, nrmse);
      if (Number.isNaN(rmse[row])) failed++;
      else {
        const score = sign * (criterion === "rmse" ? rmse[row] : criterion === "r2" ? r2[row] : nrmse[row]);
        if (!Number.isNaN(score) && (bestIndex < 0 || score < bestScore)) {
          bestIndex = row;
          bestScore = score;
        }
      }
      const done = row + 1;
      if (options.onProgress && (done % progressEvery === 0 || done === total)) {
        options.onProgress({ done, total, best: bestIndex < 0 ? undefined : candidateOf(table, bestIndex) });
      }
    }
    if ((step + 1) % COMBOS_PER_PAUSE === 0 && step + 1 < combos) {
      const done = row;
      yield () => ({ done, total, best: bestIndex < 0 ? undefined : candidateOf(table, bestIndex) });
    }
  }
  if (bestIndex < 0 && failed < total) {
    throw new RangeError(
      `mean test ${criterion} is undefined for every candidate (R² needs at least two rows per test set); ` +
        `use criterion "rmse" or larger test sets`,
    );
  }
  if (bestIndex < 0) {
    throw new ModelError(
      `every one of the ${total} candidates failed on some fold: the normal equations were singular ` +
        `(collinear or too few training rows for ${mom.p} features); add a positive alpha or drop columns`,
    );
  }
  return {
    channels: channelNames,
    fixed: fixedNames,
    nFolds,
    total,
    theta: Object.fromEntries(channelNames.map((c, i) => [c, thetaCol[i]])),
    saturationIndex: Object.fromEntries(channelNames.map((c, i) => [c, satCol[i]])),
    saturationOptions: sats,
    alpha: alphaCol,
    rmse,
    rmseSd,
    r2,
    nrmse,
    foldRmse,
    foldR2,
    failed,
    criterion,
    best: candidateOf(table, bestIndex),
  };
}

function summarize(
  row: number,
  nFolds: number,
  foldRmse: Float64Array,
  foldR2: Float64Array,
  foldNrmse: Float64Array,
  rmse: Float64Array,
  rmseSd: Float64Array,
  r2: Float64Array,
  nrmse: Float64Array,
): void {
  const base = row * nFolds;
  let s = 0, sr2 = 0, sn = 0;
  for (let f = 0; f < nFolds; f++) {
    s += foldRmse[base + f];
    sr2 += foldR2[base + f];
    sn += foldNrmse[base + f];
  }
  const mean = s / nFolds;
  let ss = 0;
  for (let f = 0; f < nFolds; f++) ss += (foldRmse[base + f] - mean) ** 2;
  rmse[row] = mean;
  rmseSd[row] = nFolds > 1 ? Math.sqrt(ss / (nFolds - 1)) : NaN;
  r2[row] = sr2 / nFolds;
  nrmse[row] = sn / nFolds;
}

function solverSetup(
  y: Float64Array,
  folds: readonly Fold[],
  standardize: boolean,
  intercept: boolean,
): SolverSetup {
  const testSst = new Float64Array(folds.length);
  const testRange = new Float64Array(folds.length);
  folds.forEach(({ test }, f) => {
    let s = 0, min = Infinity, max = -Infinity;
    for (const i of test) {
      s += y[i];
      if (y[i] < min) min = y[i];
      if (y[i] > max) max = y[i];
    }
    const mean = s / test.length;
    let ss = 0;
    for (const i of test) ss += (y[i] - mean) ** 2;
    testSst[f] = ss;
    testRange[f] = max - min;
  });
  return { standardize, intercept, y, folds, testSst, testRange };
}
