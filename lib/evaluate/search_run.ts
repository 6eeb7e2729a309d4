/**
 * The transform search's grid walk, shared by `searchTransforms` and `searchTransformsAsync` (`search.ts`):
 * checks the problem and the grid, precomputes every column option's moments, walks the channel options in
 * reflected Gray-code order scoring every α, and fills the candidate table.
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

/** Largest grid accepted (the table takes about `100 + 12 · channels` bytes per candidate). */
export const MAX_CANDIDATES = 5_000_000;

/** Combos scored between the generator's pauses (a pause costs one clock read in the async runner). */
const COMBOS_PER_PAUSE = 8;

/**
 * The search as a generator: pauses every {@link COMBOS_PER_PAUSE} channel combinations, yielding a function
 * that reports progress so far, and returns the result. Calls `options.onProgress` synchronously as
 * {@link searchTransforms} documents.
 */
export function* searchRun(
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
