/**
 * Row classes of a geo panel's cross-validation layout (see `geo_cv_moments.ts`, "Row classes"): rows with the
 * same geo, the same fold memberships (train and test of each fold) and the same bootstrap cell form a class,
 * and every column is stored in class order, centered within its class, with its class means, its training
 * means per fold and geo, and whether it is constant within every geo on each fold's training rows.
 *
 * @module
 */
import type { Fold } from "./time_series_split.ts";

/** Where the rows of a panel sit: geos, folds and bootstrap cells. */
export interface GeoCvLayout {
  /** Geo code (0..nGeos−1) of each row. */
  readonly geoCodes: Int32Array;
  /** Number of geos G. */
  readonly nGeos: number;
  /** Cross-validation folds (row indices); a fold's test rows of a geo need training rows of that geo. */
  readonly folds: readonly Fold[];
  /**
   * Bootstrap cell of each row (0..nCells−1); weights are later given per cluster of cells. Each cell must lie
   * in one geo. Default: one cell per geo.
   */
  readonly cellCodes?: Int32Array;
  /** Number of bootstrap cells (default `nGeos`, with `cellCodes` the geo codes). */
  readonly nCells?: number;
}

/** A regressor (or the outcome) in class order with the statistics the moments need; see {@link RowClasses.prepare}. */
export interface MomentColumn {
  /** Values in class order, minus their class mean. */
  readonly x: Float64Array;
  /** Mean of the column in each class (Q), with a compensated second pass. */
  readonly classMean: Float64Array;
  /** Training mean per fold (including the full-sample fold) and geo, `(F + 1) × G`. */
  readonly fgMean: Float64Array;
  /** 1 where the column is constant within every geo on the fold's training rows. */
  readonly constant: Uint8Array;
  /** Projections on the outcome: `[W(·, y₀) (F+1)] [T(·, y₀) F] [Ω_W (F+1)·K] [Ω_T F·K]`. */
  proj: Float64Array | null;
  /** The engine's outcome version `proj` was computed for (−1: never). */
  projVersion: number;
  /** `W_f(·, y*)` (F+1) then `T_f(·, y*)` (F) at the current weights. */
  readonly ry: Float64Array;
  /** The weights version `ry` holds (−1: never). */
  ryVersion: number;
  /** The same after partialling out the fixed columns, and the state it was computed for. */
  rry?: Float64Array;
  /** `weightsVersion` (a global counter) when `rry` was computed, with the fixed set's version. */
  rryStamp: number;
  /** The fixed set's version when `rry` was computed (−1: never). */
  rryFixed: number;
}

/**
 * The row classes of a layout: which rows form each class, each class's geo, bootstrap cell and size, and which
 * classes train and test in each fold (fold `nFolds` is the full sample, every class training).
 */
export class RowClasses {
  /** Rows of the panel. */
  readonly n: number;
  /** Geos; geo codes run 0..nGeos−1. */
  readonly nGeos: number;
  /** Cross-validation folds (the full-sample fold is index `nFolds`). */
  readonly nFolds: number;
  /** Row classes Q. */
  readonly nClasses: number;
  /** Bootstrap cells (each in one geo); one per geo by default. */
  readonly nCells: number;
  /** Test rows per fold. */
  readonly testN: Float64Array;
  /** Geo code of each class. */
  readonly classGeo: Int32Array;
  /** Bootstrap cell of each class. */
  readonly classCell: Int32Array;
  /** Rows in each class (as floats, for the moment formulas). */
  readonly classN: Float64Array;
  /** Class q occupies positions `classStart[q] .. classStart[q + 1] − 1` of class order (length Q + 1). */
  readonly classStart: Int32Array;
  /** Row (original index) of each position in class order. */
  readonly rowOrder: Int32Array;
  /** Fold f's training classes are `trainIds[trainStart[f] .. trainStart[f + 1] − 1]`, f = 0..nFolds (incl. full). */
  readonly trainStart: Int32Array;
  /** Training class ids, fold after fold (see `trainStart`). */
  readonly trainIds: Int32Array;
  /** Fold f's test classes are `testIds[testStart[f] .. testStart[f + 1] − 1]`, f = 0..nFolds−1. */
  readonly testStart: Int32Array;
  /** Test class ids, fold after fold (see `testStart`). */
  readonly testIds: Int32Array;
  /** Training rows per fold (incl. full) and geo. */
  readonly fgN: Float64Array;

  /**
   * Forms the classes of a layout.
   *
   * @throws RangeError when a geo code or cell is out of range, a cell spans two geos, a row is in a fold's
   *   train and test, or a geo has test rows but no training rows in a fold
   */
  constructor(layout: GeoCvLayout) {
    const { geoCodes, nGeos, folds } = layout;
    const n = geoCodes.length;
    this.n = n;
    this.nGeos = nGeos;
    const F = this.nFolds = folds.length;
    const cellCodes = layout.cellCodes ?? geoCodes;
    const nCells = this.nCells = layout.nCells ?? nGeos;
    if (cellCodes.length !== n) throw new RangeError(`cellCodes has ${cellCodes.length} rows, expected ${n}`);
    const cellGeo = new Int32Array(nCells).fill(-1);
    for (let i = 0; i < n; i++) {
      const g = geoCodes[i], c = cellCodes[i];
      if (!(g >= 0 && g < nGeos)) {
        throw new RangeError(`geo code ${g} of row ${i} is outside 0..${nGeos - 1}`);
      }
      if (!(c >= 0 && c < nCells)) throw new RangeError(`cell ${c} of row ${i} is outside 0..${nCells - 1}`);
      if (cellGeo[c] === -1) cellGeo[c] = g;
      else if (cellGeo[c] !== g) {
        throw new RangeError(`bootstrap cell ${c} spans two geos; a cell lies in one geo`);
      }
    }
    // membership: bit 2f = train of fold f, bit 2f+1 = test of fold f
    const width = 2 * F;
    const member = new Uint8Array(n * width);
    for (let f = 0; f < F; f++) {
      for (const i of folds[f].train) member[i * width + 2 * f] = 1;
      for (const i of folds[f].test) {
        if (member[i * width + 2 * f]) throw new RangeError(`fold ${f}: row ${i} is in train and test`);
        member[i * width + 2 * f + 1] = 1;
      }
    }
    const ids = new Map<string, number>();
    const classOf = new Int32Array(n);
    const sigs: Uint8Array[] = [];
    const geoOf: number[] = [], cellOf: number[] = [];
    for (let i = 0; i < n; i++) {
      const sig = member.subarray(i * width, (i + 1) * width);
      const key = `${cellCodes[i]}:${sig.join("")}`;
      let q = ids.get(key);
      if (q === undefined) {
        q = sigs.length;
        ids.set(key, q);
        sigs.push(sig);
        geoOf.push(geoCodes[i]);
        cellOf.push(cellCodes[i]);
      }
      classOf[i] = q;
    }
    const Q = this.nClasses = sigs.length;
    this.classGeo = Int32Array.from(geoOf);
    this.classCell = Int32Array.from(cellOf);
    const classN = this.classN = new Float64Array(Q);
    for (let i = 0; i < n; i++) classN[classOf[i]]++;
    const classStart = this.classStart = new Int32Array(Q + 1);
    for (let q = 0; q < Q; q++) classStart[q + 1] = classStart[q] + classN[q];
    const rowOrder = this.rowOrder = new Int32Array(n);
    const next = classStart.slice(0, Q);
    for (let i = 0; i < n; i++) rowOrder[next[classOf[i]]++] = i;
    const trainStart = this.trainStart = new Int32Array(F + 2);
    const testStart = this.testStart = new Int32Array(F + 1);
    const tr: number[] = [], te: number[] = [];
    const fgN = this.fgN = new Float64Array((F + 1) * nGeos);
    this.testN = new Float64Array(F);
    for (let f = 0; f <= F; f++) {
      for (let q = 0; q < Q; q++) {
        if (f === F || sigs[q][2 * f]) {
          tr.push(q);
          fgN[f * nGeos + this.classGeo[q]] += classN[q];
        }
      }
      trainStart[f + 1] = tr.length;
    }
    for (let f = 0; f < F; f++) {
      for (let q = 0; q < Q; q++) {
        if (sigs[q][2 * f + 1]) {
          te.push(q);
          this.testN[f] += classN[q];
          if (fgN[f * nGeos + this.classGeo[q]] === 0) {
            throw new RangeError(
              `fold ${f}: geo ${this.classGeo[q]} has test rows but no training rows, so its effect cannot ` +
                `be estimated; split on dates so that every geo trains in every fold`,
            );
          }
        }
      }
      testStart[f + 1] = te.length;
    }
    this.trainIds = Int32Array.from(tr);
    this.testIds = Int32Array.from(te);
  }

  /**
   * A column (n finite values in row order) in class order, centered within each class, with its class means,
   * training geo means per fold and constancy per fold.
   *
   * @throws RangeError for a value that is not finite
   */
  prepare(values: Float64Array): MomentColumn {
    const { n, nClasses: Q, classStart, rowOrder, classN, nFolds: F, nGeos: G } = this;
    const x = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      const v = values[rowOrder[t]];
      if (!Number.isFinite(v)) {
        throw new RangeError(`column value at row ${rowOrder[t]} is ${v}; expected finite`);
      }
      x[t] = v;
    }
    const classMean = new Float64Array(Q);
    const cMin = new Float64Array(Q), cMax = new Float64Array(Q);
    for (let q = 0; q < Q; q++) {
      let s = 0, lo = Infinity, hi = -Infinity;
      for (let t = classStart[q]; t < classStart[q + 1]; t++) {
        const v = x[t];
        s += v;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      const m = s / classN[q];
      let c = 0;
      for (let t = classStart[q]; t < classStart[q + 1]; t++) c += x[t] - m;
      const mean = classMean[q] = m + c / classN[q];
      for (let t = classStart[q]; t < classStart[q + 1]; t++) x[t] -= mean;
      cMin[q] = lo;
      cMax[q] = hi;
    }
    const fgMean = new Float64Array((F + 1) * G);
    const constant = new Uint8Array(F + 1);
    const gMin = new Float64Array(G), gMax = new Float64Array(G);
    for (let f = 0; f <= F; f++) {
      gMin.fill(Infinity);
      gMax.fill(-Infinity);
      for (let u = this.trainStart[f]; u < this.trainStart[f + 1]; u++) {
        const q = this.trainIds[u], g = this.classGeo[q];
        fgMean[f * G + g] += classN[q] * classMean[q];
        if (cMin[q] < gMin[g]) gMin[g] = cMin[q];
        if (cMax[q] > gMax[g]) gMax[g] = cMax[q];
      }
      let flat = 1;
      for (let g = 0; g < G; g++) {
        const ng = this.fgN[f * G + g];
        if (ng > 0) {
          fgMean[f * G + g] /= ng;
          if (gMin[g] < gMax[g]) flat = 0;
        }
      }
      constant[f] = flat;
    }
    return {
      x,
      classMean,
      fgMean,
      constant,
      proj: null,
      projVersion: -1,
      ry: new Float64Array(2 * F + 1),
      ryVersion: -1,
      rry: undefined,
      rryStamp: -1,
      rryFixed: -1,
    };
  }
}
