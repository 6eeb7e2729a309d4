/**
 * The cross-products of the geo CV engine's columns, per fold on training rows (`W_f`) and on test rows about
 * the training geo means (`T_f`), computed from class statistics (`geo_cv_moments.ts`, "Row classes") and
 * cached by unordered pair of column ids.
 *
 * @module
 */
import type { MomentColumn, RowClasses } from "./geo_cv_classes.ts";

/** Cross-products of column pairs, computed on first use (four at a time where asked) and cached. */
export class PairCache {
  /** Cached cross-products, by pair slot. */
  private readonly pairs = new PairTable();
  private readonly rc: RowClasses;
  /** The engine's columns, by id (shared: the engine appends to it). */
  private readonly columns: readonly MomentColumn[];
  private readonly scratch: Float64Array;
  private readonly scratch4: Float64Array;
  private readonly scratch4c: Float64Array;

  /**
   * An empty cache over the engine's columns.
   *
   * @param rc the row classes the columns are laid out in
   * @param columns the engine's columns by id; the cache reads it as the engine adds columns
   */
  constructor(rc: RowClasses, columns: readonly MomentColumn[]) {
    this.rc = rc;
    this.columns = columns;
    const Q = rc.nClasses;
    this.scratch = new Float64Array(Q);
    this.scratch4 = new Float64Array(4 * Q);
    this.scratch4c = new Float64Array(4 * Q);
  }

  /**
   * Cross-products of two columns: `W_f(a, b)` for f = 0..nFolds (the last on every row), then `T_f(a, b)`
   * for f = 0..nFolds−1. Cached.
   */
  pair(a: number, b: number): Float64Array {
    const lo = a < b ? a : b, hi = a < b ? b : a;
    let v = this.pairs.get(lo, hi);
    if (v === undefined) {
      v = this.crossOf(this.columns[lo], this.columns[hi]);
      this.pairs.set(lo, hi, v);
    }
    return v;
  }

  /** Number of cached pairs (for benchmarks). */
  get size(): number {
    return this.pairs.size;
  }

  /**
   * Makes sure the pairs of column `a` with every column of `ids` are cached, computing the missing ones four
   * at a time (one pass over rows loads column a once for four products).
   */
  ensurePairs(a: number, ids: readonly number[]): void {
    const missing: number[] = [];
    for (const b of ids) {
      const lo = a < b ? a : b, hi = a < b ? b : a;
      if (this.pairs.get(lo, hi) === undefined) missing.push(b);
    }
    if (missing.length === 0) return;
    if (new Set(missing).size !== missing.length) missing.splice(0, missing.length, ...new Set(missing));
    let i = 0;
    for (; i + 4 <= missing.length; i += 4) {
      const outs = this.crossOf4(this.columns[a], missing.slice(i, i + 4).map((b) => this.columns[b]));
      for (let j = 0; j < 4; j++) this.storePair(a, missing[i + j], outs[j]);
    }
    for (; i < missing.length; i++) this.pair(a, missing[i]);
  }

  /** Caches `v` as the pair (a, b) unless that pair is cached already. */
  private storePair(a: number, b: number, v: Float64Array): void {
    const lo = a < b ? a : b, hi = a < b ? b : a;
    if (this.pairs.get(lo, hi) === undefined) this.pairs.set(lo, hi, v);
  }

  /** {@link crossOf} of one column with four others in one pass. */
  private crossOf4(ca: MomentColumn, cbs: readonly MomentColumn[]): Float64Array[] {
    const { nClasses: Q, classStart, classN, nFolds: F, nGeos: G, classGeo } = this.rc;
    const xa = ca.x, ma = ca.classMean, fa = ca.fgMean;
    const [b0, b1, b2, b3] = cbs;
    const x0 = b0.x, x1 = b1.x, x2 = b2.x, x3 = b3.x;
    const c = this.scratch4c;
    for (let q = 0; q < Q; q++) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let t = classStart[q], end = classStart[q + 1]; t < end; t++) {
        const v = xa[t];
        s0 += v * x0[t];
        s1 += v * x1[t];
        s2 += v * x2[t];
        s3 += v * x3[t];
      }
      c[4 * q] = s0;
      c[4 * q + 1] = s1;
      c[4 * q + 2] = s2;
      c[4 * q + 3] = s3;
    }
    const outs = [0, 1, 2, 3].map(() => new Float64Array(2 * F + 1));
    const m0 = b0.classMean, m1 = b1.classMean, m2 = b2.classMean, m3 = b3.classMean;
    const g0 = b0.fgMean, g1 = b1.fgMean, g2 = b2.fgMean, g3 = b3.fgMean;
    // Training folds: Σ_{q∈train f} (C_q + n_q ā_q b̄_q) − Σ_g n_fg ā_fg b̄_fg (the same sum, expanded: the
    // between-class products of well-scaled columns lose no more than a few digits).
    const r = this.scratch4;
    for (let q = 0; q < Q; q++) {
      const nm = classN[q] * ma[q];
      r[4 * q] = c[4 * q] + nm * m0[q];
      r[4 * q + 1] = c[4 * q + 1] + nm * m1[q];
      r[4 * q + 2] = c[4 * q + 2] + nm * m2[q];
      r[4 * q + 3] = c[4 * q + 3] + nm * m3[q];
    }
    const { trainStart, trainIds, testStart, testIds, fgN } = this.rc;
    for (let f = 0; f <= F; f++) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let u = trainStart[f]; u < trainStart[f + 1]; u++) {
        const q = 4 * trainIds[u];
        s0 += r[q];
        s1 += r[q + 1];
        s2 += r[q + 2];
        s3 += r[q + 3];
      }
      const base = f * G;
      for (let g = 0; g < G; g++) {
        const ng = fgN[base + g];
        if (ng === 0) continue;
        const a = ng * fa[base + g];
        s0 -= a * g0[base + g];
        s1 -= a * g1[base + g];
        s2 -= a * g2[base + g];
        s3 -= a * g3[base + g];
      }
      outs[0][f] = s0;
      outs[1][f] = s1;
      outs[2][f] = s2;
      outs[3][f] = s3;
    }
    for (let f = 0; f < F; f++) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      const base = f * G;
      for (let u = testStart[f]; u < testStart[f + 1]; u++) {
        const q = testIds[u], g = base + classGeo[q];
        const d = classN[q] * (ma[q] - fa[g]);
        s0 += c[4 * q] + d * (m0[q] - g0[g]);
        s1 += c[4 * q + 1] + d * (m1[q] - g1[g]);
        s2 += c[4 * q + 2] + d * (m2[q] - g2[g]);
        s3 += c[4 * q + 3] + d * (m3[q] - g3[g]);
      }
      outs[0][F + 1 + f] = s0;
      outs[1][F + 1 + f] = s1;
      outs[2][F + 1 + f] = s2;
      outs[3][F + 1 + f] = s3;
    }
    return outs;
  }

  /**
   * Cross-products of two columns about the training geo means (module doc of `geo_cv_moments.ts`): `W_f(a, b)`
   * for f = 0..nFolds, then `T_f(a, b)` for f = 0..nFolds−1; not cached.
   */
  crossOf(ca: MomentColumn, cb: MomentColumn): Float64Array {
    const { nClasses: Q, classStart, classN, nFolds: F, nGeos: G, classGeo } = this.rc;
    const c = this.scratch;
    const xa = ca.x, xb = cb.x, ma = ca.classMean, mb = cb.classMean;
    for (let q = 0; q < Q; q++) {
      let s = 0;
      for (let t = classStart[q], end = classStart[q + 1]; t < end; t++) s += xa[t] * xb[t];
      c[q] = s;
    }
    const out = new Float64Array(2 * F + 1);
    const fa = ca.fgMean, fb = cb.fgMean;
    for (let f = 0; f <= F; f++) {
      let s = 0;
      const base = f * G;
      for (let u = this.rc.trainStart[f]; u < this.rc.trainStart[f + 1]; u++) {
        const q = this.rc.trainIds[u], g = base + classGeo[q];
        s += c[q] + classN[q] * (ma[q] - fa[g]) * (mb[q] - fb[g]);
      }
      out[f] = s;
    }
    for (let f = 0; f < F; f++) {
      let s = 0;
      const base = f * G;
      for (let u = this.rc.testStart[f]; u < this.rc.testStart[f + 1]; u++) {
        const q = this.rc.testIds[u], g = base + classGeo[q];
        s += c[q] + classN[q] * (ma[q] - fa[g]) * (mb[q] - fb[g]);
      }
      out[F + 1 + f] = s;
    }
    return out;
  }
}

/** Values by unordered pair of column ids (lo ≤ hi), in a flat slot index that grows with the ids. */
export class PairTable {
  private index = new Int32Array(0);
  private width = 0;
  private readonly store: Float64Array[] = [];

  /** Number of pairs stored. */
  get size(): number {
    return this.store.length;
  }

  /** The value stored for the pair (lo, hi), lo ≤ hi, or undefined. */
  get(lo: number, hi: number): Float64Array | undefined {
    if (hi >= this.width) return undefined;
    const slot = this.index[lo * this.width + hi];
    return slot > 0 ? this.store[slot - 1] : undefined;
  }

  /** Stores (or replaces) the value of the pair (lo, hi), lo ≤ hi, growing the index as needed. */
  set(lo: number, hi: number, v: Float64Array): void {
    if (hi >= this.width) this.grow(hi + 1);
    const at = lo * this.width + hi;
    if (this.index[at] > 0) this.store[this.index[at] - 1] = v;
    else {
      this.store.push(v);
      this.index[at] = this.store.length;
    }
  }

  /** Widens the slot index to at least `min` ids per side (by half at least, 64 at first), keeping its slots. */
  private grow(min: number): void {
    const width = Math.max(min, Math.ceil(this.width * 1.5), 64);
    const index = new Int32Array(width * width);
    for (let a = 0; a < this.width; a++) {
      index.set(this.index.subarray(a * this.width, (a + 1) * this.width), a * width);
    }
    this.index = index;
    this.width = width;
  }
}
