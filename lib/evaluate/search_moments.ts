/**
 * Private engine of `searchTransforms`: every fold's normal equations from one set of row-block moments, updated
 * one column at a time, and an allocation-free ridge solve + test scoring per fold.
 *
 * Row blocks ("classes"). Rows are grouped by which folds they train: with `TimeSeriesSplit` the training sets
 * are prefixes (or windows) of the row order, so the rows between consecutive fold boundaries form one class and
 * there are at most `2 · folds + 1` of them. Per class we keep the count, the means and the *centered*
 * cross-product matrix `C_q = Σ_{i∈q} (a_i − ā_q)(a_i − ā_q)'` of `a = (features…, y)`. A fold's training moments
 * are then combined exactly (Chan, Golub & LeVeque 1979, "Updating formulae and a pairwise algorithm for
 * computing sample variances"):
 *
 *     n_f = Σ n_q,   ā_f = Σ n_q ā_q / n_f,   C_f = Σ_q [ C_q + n_q (ā_q − ā_f)(ā_q − ā_f)' ]
 *
 * Centering inside each class avoids the cancellation of raw sums (`Σx² − n x̄²`), so a control with a large
 * mean and a small spread (a year, a price, a population) keeps its precision. When one channel's transform
 * changes, only that channel's row of each `C_q` and `C_f` is recomputed: its moments with the controls and y are
 * precomputed per transform option, and only its cross-products with the other channels need a pass over rows.
 *
 * **Fixed effects (within transformation).** With group codes (`rowClasses(n, folds, groups)`), classes are
 * also split by group, and a fold's moments are combined per group and then summed *without* the
 * between-group term:
 *
 *     ā_fg = Σ_{q∈(f,g)} n_q ā_q / n_fg,   W_f = Σ_g Σ_{q∈(f,g)} [ C_q + n_q (ā_q − ā_fg)(ā_q − ā_fg)' ]
 *
 * `W_f` is the cross-product matrix of the columns demeaned within each group on the fold's training rows,
 * so least squares on it gives exactly the slopes of the regression with a dummy per group (Frisch–Waugh–
 * Lovell), and a test row of group g is predicted as `ȳ_fg + (x − x̄_fg)' b`, the dummy fit's prediction. The
 * test error needs no pass over test rows: classes are also split by test membership, and the test rows'
 * cross-products about the *training* group means, `T_f = Σ_{q∈test(f)} [C_q + n_q (ā_q − ā_fg)(ā_q − ā_fg)']`,
 * give `SSE_f = v' T_f v` with `v = (−b, 1)`. The cost per candidate is the one pass over rows that
 * recomputes the changed channel's cross-products, plus work in the number of classes (rows are never
 * revisited per fold); carrying G − 1 dummy columns instead costs O(G²) per candidate for the moments and
 * O(G³) for the solve. (Scoring from moments costs precision only for near-exact fits: an exact fit scores an
 * RMSE of order √ε times the spread of y within groups, not 0.) A column constant within every group on the fold's training rows (a
 * group-level variable, or a month not seen yet) is absorbed by the effects and gets coefficient 0.
 *
 * Per fold the model is scikit-learn's `make_pipeline(StandardScaler(), Ridge(alpha))` fitted on the training
 * rows: `z_j = (x_j − x̄_j) / s_j` with the training mean and population standard deviation (ddof = 0), y
 * centered on its training mean, and `(Z'Z + α I) β = Z'(y − ȳ)` solved by Cholesky. Without standardization
 * `s_j = 1`; without an intercept y is not centered (and x only when standardizing), exactly as the pipeline.
 * A feature that is zero on the training rows after that centering (constant, or all zeros when not centered;
 * detected exactly, min = max) gets coefficient 0, which is what scikit-learn gives (`StandardScaler` sets its
 * scale to 1, and both `Ridge` and `LinearRegression`'s minimum-norm least squares put 0 on a zero column).
 *
 * @module
 */

import { choleskyInto, choleskySolveInto } from "../linalg/cholesky.ts";
import type { Fold } from "./time_series_split.ts";

/** A column's per-class statistics, precomputed once (for a control, y, or one transform option of a channel). */
export interface ColumnStats {
  /** Values in row order (used to predict test rows). */
  readonly raw: Float64Array;
  /** Values minus their class mean, rows in class order (training rows only). */
  readonly centered: Float64Array;
  /** Mean per class. */
  readonly classMean: Float64Array;
  /**
   * 1 where the column is constant on a fold's training rows (exactly: min = max); with fixed effects
   * (`classes.within`), constant within every group on them (absorbed by the effects).
   */
  readonly constant: Uint8Array;
  /** Per class (`nFixed + 2` values each): centered cross-products with each control, with y, with itself. */
  readonly cross: Float64Array;
}

/** Row classes of a set of folds. */
export interface RowClasses {
  readonly nClasses: number;
  /** Whether classes are split by group, for fixed effects by the within transformation. */
  readonly within: boolean;
  /** Number of groups (1 without groups). */
  readonly nGroups: number;
  /** Group code of each class (all 0 without groups). */
  readonly classGroup: Int32Array;
  /** Training rows per fold and group, `nFolds × nGroups` row-major (`foldN` summed over groups). */
  readonly foldGroupN: Float64Array;
  /**
   * Fixed effects: classes of fold f's test rows, `foldTestClassIds[foldTestClassStart[f] ..
   * foldTestClassStart[f+1])` (empty without groups: test rows are then scored row by row).
   */
  readonly foldTestClassStart: Int32Array;
  readonly foldTestClassIds: Int32Array;
  /** Training rows grouped by class: class q is `rowOrder[classStart[q] .. classStart[q+1])`. */
  readonly rowOrder: Int32Array;
  readonly classStart: Int32Array;
  readonly classN: Float64Array;
  /** Classes of fold f: `foldClassIds[foldClassStart[f] .. foldClassStart[f+1])`. */
  readonly foldClassStart: Int32Array;
  readonly foldClassIds: Int32Array;
  readonly foldN: Float64Array;
}

/** Group codes `0..count−1` of each row, for fixed effects by the within transformation. */
export interface RowGroups {
  readonly codes: Int32Array;
  readonly count: number;
}

/**
 * Groups the rows by their training membership over the folds (rows trained in no fold are left out), and,
 * when `groups` is given (fixed effects: see the module doc), by group and by test membership too (rows in no
 * training and no test set are then left out).
 */
export function rowClasses(n: number, folds: readonly Fold[], groups?: RowGroups): RowClasses {
  const nFolds = folds.length;
  const width = groups ? 2 * nFolds : nFolds;
  const member = new Uint8Array(n * width);
  for (let f = 0; f < nFolds; f++) for (const i of folds[f].train) member[i * width + f] = 1;
  if (groups) {
    for (let f = 0; f < nFolds; f++) for (const i of folds[f].test) member[i * width + nFolds + f] = 1;
  }
  const ids = new Map<string, number>();
  const classOf = new Int32Array(n).fill(-1);
  const signatures: Uint8Array[] = [];
  const groupOf: number[] = [];
  for (let i = 0; i < n; i++) {
    const sig = member.subarray(i * width, (i + 1) * width);
    if (!sig.includes(1)) continue;
    const g = groups ? groups.codes[i] : 0;
    const key = groups ? `${sig.join("")}:${g}` : sig.join("");
    let q = ids.get(key);
    if (q === undefined) {
      q = signatures.length;
      ids.set(key, q);
      signatures.push(sig);
      groupOf.push(g);
    }
    classOf[i] = q;
  }
  const nClasses = signatures.length;
  const classN = new Float64Array(nClasses);
  for (let i = 0; i < n; i++) if (classOf[i] >= 0) classN[classOf[i]]++;
  const classStart = new Int32Array(nClasses + 1);
  for (let q = 0; q < nClasses; q++) classStart[q + 1] = classStart[q] + classN[q];
  const rowOrder = new Int32Array(classStart[nClasses]);
  const next = classStart.slice(0, nClasses);
  for (let i = 0; i < n; i++) if (classOf[i] >= 0) rowOrder[next[classOf[i]]++] = i;
  const foldClassStart = new Int32Array(nFolds + 1);
  const ids2: number[] = [];
  const foldN = new Float64Array(nFolds);
  const nGroups = groups ? groups.count : 1;
  const classGroup = Int32Array.from(groupOf);
  const foldGroupN = new Float64Array(nFolds * nGroups);
  for (let f = 0; f < nFolds; f++) {
    for (let q = 0; q < nClasses; q++) {
      if (signatures[q][f]) {
        ids2.push(q);
        foldN[f] += classN[q];
        foldGroupN[f * nGroups + classGroup[q]] += classN[q];
      }
    }
    foldClassStart[f + 1] = ids2.length;
  }
  const foldTestClassStart = new Int32Array(nFolds + 1);
  const testIds: number[] = [];
  for (let f = 0; f < nFolds && groups; f++) {
    for (let q = 0; q < nClasses; q++) if (signatures[q][nFolds + f]) testIds.push(q);
    foldTestClassStart[f + 1] = testIds.length;
  }
  return {
    nClasses,
    within: groups !== undefined,
    nGroups,
    classGroup,
    foldGroupN,
    rowOrder,
    classStart,
    classN,
    foldClassStart,
    foldClassIds: Int32Array.from(ids2),
    foldN,
    foldTestClassStart,
    foldTestClassIds: Int32Array.from(testIds),
  };
}

/**
 * Per-class statistics of one column. `fixed` (controls then y, already prepared) are needed for the
 * cross-products of a channel column; pass an empty list for a control or y.
 */
export function columnStats(
  x: Float64Array,
  classes: RowClasses,
  folds: readonly Fold[],
  fixed: readonly ColumnStats[],
): ColumnStats {
  const { nClasses, rowOrder, classStart } = classes;
  const classMean = new Float64Array(nClasses);
  const centered = new Float64Array(rowOrder.length);
  for (let q = 0; q < nClasses; q++) {
    const a = classStart[q], b = classStart[q + 1];
    let s = 0;
    for (let t = a; t < b; t++) s += x[rowOrder[t]];
    const mean = s / (b - a);
    // second pass: corrects the mean for rounding (mean of deviations), as numpy's two-pass variance does
    let c = 0;
    for (let t = a; t < b; t++) c += x[rowOrder[t]] - mean;
    const m = mean + c / (b - a);
    classMean[q] = m;
    for (let t = a; t < b; t++) centered[t] = x[rowOrder[t]] - m;
  }
  const constant = classes.within
    ? constantWithinGroups(x, classes, folds.length)
    : new Uint8Array(folds.length);
  for (let f = 0; f < folds.length && !classes.within; f++) {
    const train = folds[f].train;
    let min = Infinity, max = -Infinity;
    for (let t = 0; t < train.length; t++) {
      const v = x[train[t]];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    constant[f] = min === max ? 1 : 0;
  }
  const w = fixed.length + 1;
  const cross = new Float64Array(nClasses * w);
  for (let q = 0; q < nClasses; q++) {
    const a = classStart[q], b = classStart[q + 1];
    for (let k = 0; k < fixed.length; k++) cross[q * w + k] = dot(centered, fixed[k].centered, a, b);
    cross[q * w + fixed.length] = dot(centered, centered, a, b);
  }
  return { raw: x, centered, classMean, constant, cross };
}

/** Per fold, 1 when `x` is constant within every group on the fold's training rows (exactly: min = max). */
function constantWithinGroups(x: Float64Array, classes: RowClasses, nFolds: number): Uint8Array {
  const { nClasses, rowOrder, classStart, classGroup, foldClassStart, foldClassIds, nGroups } = classes;
  const classMin = new Float64Array(nClasses), classMax = new Float64Array(nClasses);
  for (let q = 0; q < nClasses; q++) {
    let min = Infinity, max = -Infinity;
    for (let t = classStart[q]; t < classStart[q + 1]; t++) {
      const v = x[rowOrder[t]];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    classMin[q] = min;
    classMax[q] = max;
  }
  const out = new Uint8Array(nFolds);
  const gMin = new Float64Array(nGroups), gMax = new Float64Array(nGroups);
  for (let f = 0; f < nFolds; f++) {
    gMin.fill(Infinity);
    gMax.fill(-Infinity);
    for (let u = foldClassStart[f]; u < foldClassStart[f + 1]; u++) {
      const q = foldClassIds[u], g = classGroup[q];
      if (classMin[q] < gMin[g]) gMin[g] = classMin[q];
      if (classMax[q] > gMax[g]) gMax[g] = classMax[q];
    }
    let constant = 1;
    for (let g = 0; g < nGroups && constant; g++) if (gMin[g] < gMax[g]) constant = 0;
    out[f] = constant;
  }
  return out;
}

/** Everything that does not change between candidates: folds, test rows, buffers. */
export interface SolverSetup {
  readonly standardize: boolean;
  readonly intercept: boolean;
  readonly y: Float64Array;
  readonly folds: readonly Fold[];
  /** Test-set sum of squares about the test mean, per fold (R²'s denominator). */
  readonly testSst: Float64Array;
  /** Test-set range `max(y) − min(y)` per fold (NRMSE's denominator). */
  readonly testRange: Float64Array;
}

/**
 * Fold moments of the current candidate's columns (controls, channels, y), kept up to date one channel at a
 * time. Column order: controls `0..nFixed−1`, channels `nFixed..p−1`, y at `p`.
 */
export class FoldMoments {
  readonly p: number;
  readonly m: number;
  readonly nFixed: number;
  readonly nFolds: number;
  readonly classes: RowClasses;
  /** Current statistics per column (controls, channels, y). */
  readonly columns: ColumnStats[];
  readonly classMean: Float64Array;
  readonly classGram: Float64Array;
  readonly foldMean: Float64Array;
  /** Fixed effects: training means per fold and group, `nFolds × nGroups × m` (empty otherwise). */
  readonly foldGroupMean: Float64Array;
  /** Fixed effects: test-row cross-products about the training group means, `nFolds × m × m` (module doc). */
  readonly foldTestGram: Float64Array;
  readonly foldGram: Float64Array;
  readonly foldConstant: Uint8Array;
  private readonly rowBuffer: Float64Array;

  constructor(
    classes: RowClasses,
    nFolds: number,
    fixed: readonly ColumnStats[],
    y: ColumnStats,
    channels: readonly ColumnStats[],
  ) {
    this.classes = classes;
    this.nFolds = nFolds;
    this.nFixed = fixed.length;
    this.p = fixed.length + channels.length;
    const m = this.m = this.p + 1;
    const Q = classes.nClasses;
    this.columns = [...fixed, ...channels, y];
    this.classMean = new Float64Array(Q * m);
    this.classGram = new Float64Array(Q * m * m);
    this.foldMean = new Float64Array(nFolds * m);
    this.foldGroupMean = new Float64Array(classes.within ? nFolds * classes.nGroups * m : 0);
    this.foldTestGram = new Float64Array(classes.within ? nFolds * m * m : 0);
    this.foldGram = new Float64Array(nFolds * m * m);
    this.foldConstant = new Uint8Array(nFolds * m);
    this.rowBuffer = new Float64Array(m);
    const fixedAndY = [...fixed, y];
    const idx = (j: number) => (j < fixed.length ? j : this.p); // position of fixedAndY[j] among columns
    for (let q = 0; q < Q; q++) {
      const a = classes.classStart[q], b = classes.classStart[q + 1];
      for (let j = 0; j < fixedAndY.length; j++) {
        this.classMean[q * m + idx(j)] = fixedAndY[j].classMean[q];
        for (let k = 0; k <= j; k++) {
          const g = dot(fixedAndY[j].centered, fixedAndY[k].centered, a, b);
          this.classGram[q * m * m + idx(j) * m + idx(k)] = g;
          this.classGram[q * m * m + idx(k) * m + idx(j)] = g;
        }
      }
    }
    for (let c = 0; c < channels.length; c++) this.setClassColumn(this.nFixed + c, channels[c]);
    for (let j = 0; j < m; j++) {
      for (let f = 0; f < nFolds; f++) this.foldConstant[f * m + j] = this.columns[j].constant[f];
      this.refreshFoldMean(j);
    }
    for (let j = 0; j < m; j++) this.refreshFoldRow(j);
  }

  /** Switches channel column `j` (`nFixed ≤ j < p`) to new statistics and updates every fold's moments. */
  setChannel(j: number, column: ColumnStats): void {
    this.setClassColumn(j, column);
    for (let f = 0; f < this.nFolds; f++) this.foldConstant[f * this.m + j] = column.constant[f];
    this.refreshFoldMean(j);
    this.refreshFoldRow(j);
  }

  private setClassColumn(j: number, column: ColumnStats): void {
    const { m, p, nFixed } = this;
    const { nClasses, classStart } = this.classes;
    const mm = m * m;
    this.columns[j] = column;
    const w = nFixed + 2; // per class: controls, y, itself (see columnStats)
    for (let q = 0; q < nClasses; q++) {
      const base = q * mm;
      this.classMean[q * m + j] = column.classMean[q];
      for (let k = 0; k < nFixed; k++) {
        const g = column.cross[q * w + k];
        this.classGram[base + j * m + k] = g;
        this.classGram[base + k * m + j] = g;
      }
      const gy = column.cross[q * w + nFixed];
      this.classGram[base + j * m + p] = gy;
      this.classGram[base + p * m + j] = gy;
      this.classGram[base + j * m + j] = column.cross[q * w + nFixed + 1];
    }
    const x = column.centered;
    for (let d = nFixed; d < p; d++) {
      if (d === j) continue;
      const other = this.columns[d].centered;
      for (let q = 0; q < nClasses; q++) {
        const g = dot(x, other, classStart[q], classStart[q + 1]);
        this.classGram[q * mm + j * m + d] = g;
        this.classGram[q * mm + d * m + j] = g;
      }
    }
  }

  private refreshFoldMean(j: number): void {
    const { m } = this;
    const { foldClassStart, foldClassIds, classN, foldN, within, nGroups, classGroup, foldGroupN } =
      this.classes;
    const gm = this.foldGroupMean;
    for (let f = 0; f < this.nFolds; f++) {
      let s = 0;
      if (within) { for (let g = 0; g < nGroups; g++) gm[(f * nGroups + g) * m + j] = 0; }
      for (let u = foldClassStart[f]; u < foldClassStart[f + 1]; u++) {
        const q = foldClassIds[u];
        const w = classN[q] * this.classMean[q * m + j];
        s += w;
        if (within) gm[(f * nGroups + classGroup[q]) * m + j] += w;
      }
      this.foldMean[f * m + j] = s / foldN[f];
      if (within) {
        for (let g = 0; g < nGroups; g++) {
          const ng = foldGroupN[f * nGroups + g];
          gm[(f * nGroups + g) * m + j] = ng > 0 ? gm[(f * nGroups + g) * m + j] / ng : 0;
        }
      }
    }
  }

  private refreshFoldRow(j: number): void {
    if (this.classes.within) return this.refreshFoldRowWithin(j);
    const { m } = this;
    const mm = m * m;
    const { foldClassStart, foldClassIds, classN } = this.classes;
    const { classMean, classGram, foldMean, foldGram } = this;
    for (let f = 0; f < this.nFolds; f++) {
      const muJ = foldMean[f * m + j];
      for (let k = 0; k < m; k++) {
        const muK = foldMean[f * m + k];
        let s = 0;
        for (let u = foldClassStart[f]; u < foldClassStart[f + 1]; u++) {
          const q = foldClassIds[u];
          s += classGram[q * mm + j * m + k] +
            classN[q] * (classMean[q * m + j] - muJ) * (classMean[q * m + k] - muK);
        }
        foldGram[f * mm + j * m + k] = s;
        foldGram[f * mm + k * m + j] = s;
      }
    }
  }

  /**
   * Within-group cross-products `W_f` of the training rows and `T_f` of the test rows, both about the
   * training group means (module doc).
   */
  private refreshFoldRowWithin(j: number): void {
    const { m } = this;
    const mm = m * m;
    const {
      foldClassStart,
      foldClassIds,
      foldTestClassStart,
      foldTestClassIds,
      classN,
      classGroup,
      nGroups,
    } = this.classes;
    const { classMean, classGram, foldGroupMean } = this;
    const acc = this.rowBuffer;
    for (let pass = 0; pass < 2; pass++) {
      const start = pass === 0 ? foldClassStart : foldTestClassStart;
      const ids = pass === 0 ? foldClassIds : foldTestClassIds;
      const out = pass === 0 ? this.foldGram : this.foldTestGram;
      for (let f = 0; f < this.nFolds; f++) {
        const gBase = f * nGroups;
        acc.fill(0);
        // classes outer, k inner: each class's Gram row j and mean vector are read contiguously
        for (let u = start[f]; u < start[f + 1]; u++) {
          const q = ids[u];
          const mu = (gBase + classGroup[q]) * m;
          const qm = q * m, row = q * mm + j * m;
          const dj = classN[q] * (classMean[qm + j] - foldGroupMean[mu + j]);
          for (let k = 0; k < m; k++) {
            acc[k] += classGram[row + k] + dj * (classMean[qm + k] - foldGroupMean[mu + k]);
          }
        }
        for (let k = 0; k < m; k++) {
          out[f * mm + j * m + k] = acc[k];
          out[f * mm + k * m + j] = acc[k];
        }
      }
    }
  }
}

/** Preallocated buffers for {@link scoreAlphas}. */
export class SolverWork {
  readonly a: Float64Array;
  readonly g: Float64Array;
  readonly l: Float64Array;
  readonly rhs: Float64Array;
  readonly scale: Float64Array;
  readonly center: Float64Array;
  readonly beta: Float64Array;
  readonly pred: Float64Array;
  readonly dropped: Uint8Array;
  constructor(p: number, maxTest: number) {
    this.dropped = new Uint8Array(p);
    this.a = new Float64Array(p * p);
    this.g = new Float64Array(p * p);
    this.l = new Float64Array(p * p);
    this.rhs = new Float64Array(p);
    this.scale = new Float64Array(p);
    this.center = new Float64Array(p);
    this.beta = new Float64Array(p);
    this.pred = new Float64Array(maxTest);
  }
}

/**
 * Scores the current columns for every alpha on every fold. Writes fold RMSE, R² and NRMSE to
 * `foldRmse/foldR2/foldNrmse[(row + a) · nFolds + f]`; a failed solve (not positive definite) writes NaN.
 */
export function scoreAlphas(
  mom: FoldMoments,
  setup: SolverSetup,
  work: SolverWork,
  alphas: Float64Array,
  row: number,
  foldRmse: Float64Array,
  foldR2: Float64Array,
  foldNrmse: Float64Array,
): void {
  if (mom.classes.within) {
    return scoreAlphasWithin(mom, setup, work, alphas, row, foldRmse, foldR2, foldNrmse);
  }
  const { p, m, nFolds, columns } = mom;
  const mm = m * m;
  const { standardize, intercept, y, folds, testSst, testRange } = setup;
  const centerX = standardize || intercept;
  const { a, g, l, rhs, scale, center, beta, pred, dropped } = work;
  const { foldMean, foldGram, foldConstant } = mom;
  const foldN = mom.classes.foldN;
  for (let f = 0; f < nFolds; f++) {
    const n = foldN[f];
    const base = f * mm;
    const mu = f * m;
    const muY = foldMean[mu + p];
    const cy = intercept ? muY : 0;
    const dy = muY - cy;
    // A = Σ (x − c)(x − c)', r = Σ (x − c)(y − c_y), from the centered fold moments
    for (let j = 0; j < p; j++) {
      // a column that is zero on the training rows (after centering, if any) is dropped: coefficient 0
      dropped[j] = foldConstant[mu + j] === 1 && (centerX || foldMean[mu + j] === 0) ? 1 : 0;
    }
    for (let j = 0; j < p; j++) {
      const cj = centerX ? foldMean[mu + j] : 0;
      center[j] = cj;
      const dj = foldMean[mu + j] - cj;
      const constant = dropped[j] === 1;
      for (let k = 0; k <= j; k++) {
        const dk = foldMean[mu + k] - center[k];
        let v = foldGram[base + j * m + k] + n * dj * dk;
        if (constant || dropped[k] === 1) v = j === k ? 1 : 0;
        a[j * p + k] = v;
      }
      rhs[j] = constant ? 0 : foldGram[base + j * m + p] + n * dj * dy;
      scale[j] = standardize && !constant ? Math.sqrt(foldGram[base + j * m + j] / n) : 1;
    }
    // standardized Gram (lower triangle mirrored) and right-hand side
    for (let j = 0; j < p; j++) {
      const sj = scale[j];
      for (let k = 0; k <= j; k++) {
        const v = a[j * p + k] / (sj * scale[k]);
        a[j * p + k] = v;
        a[k * p + j] = v;
      }
      rhs[j] /= sj;
    }
    const test = folds[f].test;
    const nTest = test.length;
    for (let ai = 0; ai < alphas.length; ai++) {
      const alpha = alphas[ai];
      const out = (row + ai) * nFolds + f;
      g.set(a);
      for (let j = 0; j < p; j++) {
        // a constant column is an identity row already (coefficient 0): no penalty needed
        if (dropped[j] === 0) g[j * p + j] += alpha;
      }
      if (!choleskyInto(l, g, p)) {
        foldRmse[out] = foldR2[out] = foldNrmse[out] = NaN;
        continue;
      }
      choleskySolveInto(beta, l, rhs, p);
      // back to raw units: b_j = β_j / s_j; prediction cy + Σ (x_j − c_j) b_j
      let offset = cy;
      for (let j = 0; j < p; j++) {
        beta[j] /= scale[j];
        offset -= center[j] * beta[j];
      }
      pred.fill(offset, 0, nTest);
      for (let j = 0; j < p; j++) {
        const bj = beta[j];
        if (bj === 0) continue;
        const col = columns[j].raw;
        for (let t = 0; t < nTest; t++) pred[t] += col[test[t]] * bj;
      }
      let sse = 0;
      for (let t = 0; t < nTest; t++) {
        const r = y[test[t]] - pred[t];
        sse += r * r;
      }
      const rmse = Math.sqrt(sse / nTest);
      foldRmse[out] = rmse;
      foldNrmse[out] = rmse / testRange[f];
      const sst = testSst[f];
      foldR2[out] = nTest < 2 ? NaN : sst === 0 ? (sse === 0 ? 1 : 0) : 1 - sse / sst;
    }
  }
}

/**
 * {@link scoreAlphas} with group fixed effects (within transformation, see the module doc): the fold's
 * within-group Gram `W_f`, columns absorbed by the effects dropped (coefficient 0), standardization by the
 * within-group standard deviation, and the test rows' error from their cross-products about the training group
 * means (each test row predicted as `ȳ_fg + Σ_j (x_j − x̄_fg,j) b_j`).
 */
function scoreAlphasWithin(
  mom: FoldMoments,
  setup: SolverSetup,
  work: SolverWork,
  alphas: Float64Array,
  row: number,
  foldRmse: Float64Array,
  foldR2: Float64Array,
  foldNrmse: Float64Array,
): void {
  const { p, m, nFolds, foldGram, foldTestGram, foldConstant } = mom;
  const { foldN } = mom.classes;
  const mm = m * m;
  const { standardize, folds, testSst, testRange } = setup;
  const { a, g, l, rhs, scale, beta, dropped } = work;
  for (let f = 0; f < nFolds; f++) {
    const n = foldN[f];
    const base = f * mm;
    for (let j = 0; j < p; j++) dropped[j] = foldConstant[f * m + j];
    for (let j = 0; j < p; j++) {
      const constant = dropped[j] === 1;
      for (let k = 0; k <= j; k++) {
        a[j * p + k] = constant || dropped[k] === 1 ? (j === k ? 1 : 0) : foldGram[base + j * m + k];
      }
      rhs[j] = constant ? 0 : foldGram[base + j * m + p];
      scale[j] = standardize && !constant ? Math.sqrt(foldGram[base + j * m + j] / n) : 1;
    }
    for (let j = 0; j < p; j++) {
      const sj = scale[j];
      for (let k = 0; k <= j; k++) {
        const v = a[j * p + k] / (sj * scale[k]);
        a[j * p + k] = v;
        a[k * p + j] = v;
      }
      rhs[j] /= sj;
    }
    const nTest = folds[f].test.length;
    for (let ai = 0; ai < alphas.length; ai++) {
      const alpha = alphas[ai];
      const out = (row + ai) * nFolds + f;
      g.set(a);
      for (let j = 0; j < p; j++) if (dropped[j] === 0) g[j * p + j] += alpha;
      if (!choleskyInto(l, g, p)) {
        foldRmse[out] = foldR2[out] = foldNrmse[out] = NaN;
        continue;
      }
      choleskySolveInto(beta, l, rhs, p);
      for (let j = 0; j < p; j++) beta[j] /= scale[j];
      // SSE = v' T_f v with v = (−b, 1): the test rows' residuals about their group's training fit
      let sse = foldTestGram[base + p * m + p];
      for (let j = 0; j < p; j++) {
        const bj = beta[j];
        if (bj === 0) continue;
        let s = -2 * foldTestGram[base + j * m + p];
        for (let k = 0; k < p; k++) if (beta[k] !== 0) s += beta[k] * foldTestGram[base + j * m + k];
        sse += bj * s;
      }
      if (sse < 0) sse = 0; // rounding, for an exact fit
      const rmse = Math.sqrt(sse / nTest);
      foldRmse[out] = rmse;
      foldNrmse[out] = rmse / testRange[f];
      const sst = testSst[f];
      foldR2[out] = nTest < 2 ? NaN : sst === 0 ? (sse === 0 ? 1 : 0) : 1 - sse / sst;
    }
  }
}

/** Σ_{t=a}^{b−1} x_t y_t. */
export function dot(x: Float64Array, y: Float64Array, a: number, b: number): number {
  let s = 0;
  for (let t = a; t < b; t++) s += x[t] * y[t];
  return s;
}
