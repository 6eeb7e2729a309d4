/**
 * Per-fold cross-product moments of the fast CV search (`search_moments.ts` describes the method), updated when
 * one channel's column changes.
 *
 * @module
 */

import type { Fold } from "./time_series_split.ts";
import { type ColumnStats, dot, type RowClasses } from "./search_classes.ts";

/** Everything that does not change between candidates: folds, test rows, buffers. */
export interface SolverSetup {
  /**
   * Standardize the features on each fold's training rows (`StandardScaler`; the problem's `standardize`).
   */
  readonly standardize: boolean;
  /** Fit an intercept (center y, and the features, on the training rows). */
  readonly intercept: boolean;
  /** The outcome over every row (row order), for scoring test rows. */
  readonly y: Float64Array;
  /** The CV folds, indices into the rows. */
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
  /** Number of feature columns: controls and channels (y is column `p`). */
  readonly p: number;
  /** Columns tracked including y, `p + 1`: the side of every moment matrix. */
  readonly m: number;
  /** Number of controls (columns `0 … nFixed − 1`). */
  readonly nFixed: number;
  /** Number of folds. */
  readonly nFolds: number;
  /** The row classes the moments are combined from. */
  readonly classes: RowClasses;
  /** Current statistics per column (controls, channels, y). */
  readonly columns: ColumnStats[];
  /** Per class and column, the class mean: `nClasses × m` row-major. */
  readonly classMean: Float64Array;
  /** Per class, centered cross-products `C_q` about the class means: `nClasses × m × m` row-major. */
  readonly classGram: Float64Array;
  /** Per fold and column, the training mean: `nFolds × m` row-major. */
  readonly foldMean: Float64Array;
  /** Fixed effects: training means per fold and group, `nFolds × nGroups × m` (empty otherwise). */
  readonly foldGroupMean: Float64Array;
  /** Fixed effects: test-row cross-products about the training group means, `nFolds × m × m` (module doc). */
  readonly foldTestGram: Float64Array;
  /**
   * Per fold, the training cross-products about the fold means `C_f` (or within groups, `W_f`): `nFolds × m ×
   * m`.
   */
  readonly foldGram: Float64Array;
  /**
   * Per fold and column, 1 when the column is constant on the fold's training rows (within groups with fixed
   * effects): `nFolds × m`.
   */
  readonly foldConstant: Uint8Array;
  private readonly rowBuffer: Float64Array;

  /**
   * Combines the controls', y's and the first channel options' class statistics into every fold's moments.
   */
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

  /** Stores column `j`'s class means and its cross-products with every other column, per class. */
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

  /**
   * Recomputes column `j`'s training mean per fold (and per fold and group with fixed effects) from the class
   * means.
   */
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

  /** Recomputes row and column `j` of every fold's `C_f` (Chan–Golub–LeVeque combination of the classes). */
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
