/**
 * The fixed columns of the geo CV engine (controls, seasonality) partialled out of every fold once
 * (Frisch–Waugh–Lovell on each fold's training rows; `geo_cv_moments.ts`): each fold's factored system of the
 * fixed columns, every other column's and the outcome's regression on them, and the residualized
 * cross-products that the option scoring then works with, cached by column, pair and weights.
 *
 * @module
 */
import type { MomentColumn } from "./geo_cv_classes.ts";
import { fixedSolve, scaledCholesky } from "./geo_cv_cholesky.ts";
import type { CvOutcome } from "./geo_cv_outcome.ts";
import { type PairCache, PairTable } from "./geo_cv_pairs.ts";

/** One CV fold's system of the fixed columns: scaled Cholesky factor `L`, scaling `d`, test Gram `T`. */
export interface FixedFold {
  /** Lower Cholesky factor of `D⁻¹ W_FF D⁻¹`, nF × nF row-major. */
  L: Float64Array;
  /** The scaling D: square roots of the diagonal of `W_FF`. */
  d: Float64Array;
  /** Test cross-products `T_FF`, nF × nF row-major. */
  T: Float64Array;
  /** False when the fold's fixed system is not positive definite (scorings then do not partial out). */
  ok: boolean;
}

/** The partialled-out fixed columns and their caches; see the module doc. */
export class FixedPartial {
  /** Cross-validation folds (the full-sample fold is not residualized). */
  private readonly nFolds: number;
  /** The engine's columns, by id (shared with the engine). */
  private readonly columns: readonly MomentColumn[];
  private readonly cache: PairCache;
  private readonly outcome: CvOutcome;
  /** Columns partialled out of every scoring that includes them all ({@link FixedPartial.setFixed}). */
  fixedIds: readonly number[] = [];
  /** `fixedIds` as a set. */
  fixedSet: Set<number> = new Set<number>();
  /** Per CV fold: scaled Cholesky factor, scaling and test Gram of the fixed columns (`fixedIds` order). */
  fixedFold: FixedFold[] = [];
  private fixedVersion = 0;
  /** Per column: its regression on the fixed columns per fold, `[Γ, g, τ, κ]` (each nF) for each CV fold. */
  fx: (Float64Array | undefined)[] = [];
  /** Residualized cross-products (layout as `pair`), by pair slot. */
  private rpairs = new PairTable();
  /** The outcome's regression on the fixed columns per CV fold at the current weights, `[Γ, g, τ, κ]`. */
  private fy: Float64Array | null = null;
  private fyStamp = -1;

  /**
   * An empty fixed set over the engine's columns; {@link FixedPartial.setFixed} declares the columns.
   *
   * @param nFolds the engine's CV folds
   * @param columns the engine's columns by id
   * @param cache the engine's cross-products
   * @param outcome the engine's outcome
   */
  constructor(nFolds: number, columns: readonly MomentColumn[], cache: PairCache, outcome: CvOutcome) {
    this.nFolds = nFolds;
    this.columns = columns;
    this.cache = cache;
    this.outcome = outcome;
  }

  /** The cached cross-products of two columns (`PairCache.pair`). */
  private pair(a: number, b: number): Float64Array {
    return this.cache.pair(a, b);
  }

  /** Caches the cross-products of column `a` with each of `ids` (`PairCache.ensurePairs`). */
  private ensurePairs(a: number, ids: readonly number[]): void {
    this.cache.ensurePairs(a, ids);
  }

  /** `W_f(a, y*)`, `T_f(a, y*)` of column `id` at the current weights (`CvOutcome.ryOf`). */
  private ryOf(id: number): Float64Array {
    return this.outcome.ryOf(this.columns[id]);
  }

  /** The outcome's weights counter (`CvOutcome.weightsVersion`). */
  private get weightsVersion(): number {
    return this.outcome.weightsVersion;
  }

  /** `T_f(y*, y*)` per CV fold at the current weights (`CvOutcome.tyy`). */
  private get tyy(): Float64Array {
    return this.outcome.tyy;
  }

  /**
   * Declares columns that are in every candidate (controls, seasonality): scorings whose base contains them all
   * partial them out first (Frisch–Waugh–Lovell on each fold's training rows, module doc), so that each option
   * costs work in the number of the other columns only. Results are the same up to rounding.
   */
  setFixed(ids: readonly number[]): void {
    const F = this.nFolds, nF = ids.length;
    this.fixedIds = [...ids];
    this.fixedSet = new Set(ids);
    this.fixedVersion++;
    this.fx = [];
    this.rpairs = new PairTable();
    this.fyStamp = -1;
    this.fixedFold = [];
    for (let f = 0; f < F; f++) {
      const W = new Float64Array(nF * nF), T = new Float64Array(nF * nF), d = new Float64Array(nF);
      const drop = ids.map((id) => this.columns[id].constant[f]);
      for (let j = 0; j < nF; j++) {
        for (let k = 0; k <= j; k++) {
          const pr = this.pair(ids[j], ids[k]);
          const off = drop[j] || drop[k];
          W[j * nF + k] = W[k * nF + j] = off ? (j === k ? 1 : 0) : pr[f];
          T[j * nF + k] = T[k * nF + j] = off ? 0 : pr[F + 1 + f];
        }
        d[j] = Math.sqrt(W[j * nF + j]);
      }
      const L = new Float64Array(nF * nF);
      const ok = scaledCholesky(W, d, L, nF);
      this.fixedFold.push({ L, d, T, ok });
    }
  }

  /** A column's regression on the fixed columns per CV fold: `[Γ, g, τ, κ]`, Γ = W_FF⁻¹ g, κ = T_FF Γ. */
  fixedFit(id: number): Float64Array {
    let v = this.fx[id];
    if (v) return v;
    const F = this.nFolds, nF = this.fixedIds.length;
    v = new Float64Array(F * 4 * nF);
    this.ensurePairs(id, this.fixedIds);
    const pairs = this.fixedIds.map((j) => this.pair(id, j));
    for (let f = 0; f < F; f++) {
      const ff = this.fixedFold[f];
      const o = f * 4 * nF;
      for (let j = 0; j < nF; j++) {
        const off = this.columns[this.fixedIds[j]].constant[f];
        v[o + nF + j] = off ? 0 : pairs[j][f];
        v[o + 2 * nF + j] = off ? 0 : pairs[j][F + 1 + f];
      }
      fixedSolve(ff, v, o + nF, v, o, nF);
      for (let j = 0; j < nF; j++) {
        let s = 0;
        for (let k = 0; k < nF; k++) s += ff.T[j * nF + k] * v[o + k];
        v[o + 3 * nF + j] = s;
      }
    }
    this.fx[id] = v;
    return v;
  }

  /** Cross-products of two non-fixed columns after partialling out the fixed ones (layout as `pair`). */
  residualPair(a: number, b: number): Float64Array {
    const lo = a < b ? a : b, hi = a < b ? b : a;
    let v = this.rpairs.get(lo, hi);
    if (v !== undefined) return v;
    const F = this.nFolds, nF = this.fixedIds.length;
    const raw = this.pair(lo, hi), xa = this.fixedFit(lo), xb = this.fixedFit(hi);
    v = new Float64Array(2 * F + 1);
    for (let f = 0; f < F; f++) {
      const o = f * 4 * nF;
      let gw = 0, t1 = 0, t2 = 0, t3 = 0;
      for (let j = 0; j < nF; j++) {
        gw += xa[o + j] * xb[o + nF + j];
        t1 += xa[o + 2 * nF + j] * xb[o + j];
        t2 += xa[o + j] * xb[o + 2 * nF + j];
        t3 += xa[o + j] * xb[o + 3 * nF + j];
      }
      v[f] = raw[f] - gw;
      v[F + 1 + f] = raw[F + 1 + f] - t1 - t2 + t3;
    }
    this.rpairs.set(lo, hi, v);
    return v;
  }

  /** The outcome's regression on the fixed columns at the current weights (cached per weights). */
  private fixedFitY(): Float64Array {
    const stamp = this.weightsVersion * 65536 + this.fixedVersion;
    if (this.fy && this.fyStamp === stamp) return this.fy;
    const F = this.nFolds, nF = this.fixedIds.length;
    const v = new Float64Array(F * 4 * nF);
    const rys = this.fixedIds.map((j) => this.ryOf(j));
    for (let f = 0; f < F; f++) {
      const o = f * 4 * nF;
      const ff = this.fixedFold[f];
      for (let j = 0; j < nF; j++) {
        const off = this.columns[this.fixedIds[j]].constant[f];
        v[o + nF + j] = off ? 0 : rys[j][f];
        v[o + 2 * nF + j] = off ? 0 : rys[j][F + 1 + f];
      }
      fixedSolve(ff, v, o + nF, v, o, nF);
      for (let j = 0; j < nF; j++) {
        let s = 0;
        for (let k = 0; k < nF; k++) s += ff.T[j * nF + k] * v[o + k];
        v[o + 3 * nF + j] = s;
      }
    }
    this.fy = v;
    this.fyStamp = stamp;
    return v;
  }

  /** `W_f(a, y*)`, `T_f(a, y*)` of a non-fixed column after partialling out the fixed ones (cached per weights). */
  residualRy(id: number): Float64Array {
    const col = this.columns[id];
    if (col.rry && col.rryStamp === this.weightsVersion && col.rryFixed === this.fixedVersion) return col.rry;
    const F = this.nFolds, nF = this.fixedIds.length;
    const out = col.rry ?? new Float64Array(2 * F + 1);
    const ry = this.ryOf(id), xa = this.fixedFit(id), xy = this.fixedFitY();
    for (let f = 0; f < F; f++) {
      const o = f * 4 * nF;
      let gw = 0, t1 = 0, t2 = 0, t3 = 0;
      for (let j = 0; j < nF; j++) {
        gw += xa[o + j] * xy[o + nF + j];
        t1 += xa[o + 2 * nF + j] * xy[o + j];
        t2 += xa[o + j] * xy[o + 2 * nF + j];
        t3 += xa[o + j] * xy[o + 3 * nF + j];
      }
      out[f] = ry[f] - gw;
      out[F + 1 + f] = ry[F + 1 + f] - t1 - t2 + t3;
    }
    out[F] = NaN; // the full-sample fold is not residualized
    col.rry = out;
    col.rryStamp = this.weightsVersion;
    col.rryFixed = this.fixedVersion;
    return out;
  }

  /** `T_f(y*, y*)` per CV fold after partialling out the fixed columns. */
  residualTyy(): Float64Array {
    const F = this.nFolds, nF = this.fixedIds.length;
    const xy = this.fixedFitY();
    const out = new Float64Array(F);
    for (let f = 0; f < F; f++) {
      const o = f * 4 * nF;
      let a = 0, b = 0;
      for (let j = 0; j < nF; j++) {
        a += xy[o + 2 * nF + j] * xy[o + j];
        b += xy[o + j] * xy[o + 3 * nF + j];
      }
      out[f] = this.tyy[f] - 2 * a + b;
    }
    return out;
  }
}
