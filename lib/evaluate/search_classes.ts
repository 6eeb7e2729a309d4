/**
 * Row classes and column statistics of the fast CV search (`search_moments.ts` describes the method): rows are
 * grouped by their role in every fold (and by group with fixed effects), and each column's per-class sums are
 * taken once.
 *
 * @module
 */

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
  /**
   * Number of classes: distinct fold-membership signatures (and groups, with fixed effects) among the rows
   * used.
   */
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
  /** Class ids of each fold's test rows, concatenated fold after fold (see `foldTestClassStart`). */
  readonly foldTestClassIds: Int32Array;
  /** Training rows grouped by class: class q is `rowOrder[classStart[q] .. classStart[q+1])`. */
  readonly rowOrder: Int32Array;
  /** Offsets into `rowOrder` of each class, `nClasses + 1` values (`classStart[nClasses]` = rows used). */
  readonly classStart: Int32Array;
  /** Rows per class. */
  readonly classN: Float64Array;
  /** Classes of fold f: `foldClassIds[foldClassStart[f] .. foldClassStart[f+1])`. */
  readonly foldClassStart: Int32Array;
  /** Class ids of each fold's training rows, concatenated fold after fold (see `foldClassStart`). */
  readonly foldClassIds: Int32Array;
  /** Training rows per fold. */
  readonly foldN: Float64Array;
}

/** Group codes `0..count−1` of each row, for fixed effects by the within transformation. */
export interface RowGroups {
  /** Group code of each row, in 0 … count − 1. */
  readonly codes: Int32Array;
  /** Number of distinct groups. */
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

/** Σ_{t=a}^{b−1} x_t y_t. */
export function dot(x: Float64Array, y: Float64Array, a: number, b: number): number {
  let s = 0;
  for (let t = a; t < b; t++) s += x[t] * y[t];
  return s;
}
