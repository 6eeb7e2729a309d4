/**
 * Time-series cross-validation of the geo fixed-effects regression from precomputed moments, for an outcome
 * that is a **linear function of bootstrap weights**: `y*(u) = y₀ + u_{k(i)} · e_i`, one weight `u_k` per
 * cluster `k` (a geo, or a block of weeks). The same engine scores the transform search on the data
 * (`y₀ = y`, `e = 0`) and re-runs it in every replicate of a wild bootstrap (`y₀ = ŷ`, `e` the residuals), where
 * only the weights change: the regressors never do, so everything that depends on them alone is computed
 * once and cached, and a replicate costs work in the number of clusters and candidates, not in rows.
 *
 * **Model per fold** (as `searchTransforms` with `fixedEffects`): on fold f's training rows every column is
 * demeaned within geo (`x̃ = x − x̄_fg`), `b_f = W_f⁻¹ W_f(X, y)` with `W_f(a, b) = Σ_g Σ_{i∈train(f,g)}
 * (a_i − ā_fg)(b_i − b̄_fg)` (exactly the slopes of the fit with a dummy per geo, Frisch–Waugh–Lovell), and a
 * test row of geo g is predicted as `ȳ_fg + (x − x̄_fg)' b_f`. Its test error is a quadratic form in the test
 * rows' cross-products about the *training* geo means, `T_f(a, b) = Σ_g Σ_{i∈test(f,g)} (a_i − ā_fg)(b_i −
 * b̄_fg)`: `SSE_f = T_f(y, y) − 2 b' T_f(X, y) + b' T_f(X, X) b`. The score is the mean over folds of
 * `√(SSE_f / n_test,f)`, the mean test RMSE of `searchTransforms` (ordinary least squares: the scaler of that
 * search does not change OLS predictions). A further "fold" trains on every row, for the full-sample fit.
 *
 * **Row classes.** Rows with the same geo, the same fold memberships (train and test of each fold) and the
 * same bootstrap cell (`cellCodes`, e.g. a geo's block of weeks) form a class; per class the count, the mean
 * and the class-centered cross-products are enough (Chan, Golub & LeVeque 1979): with `C_q(a, b) = Σ_{i∈q}
 * (a_i − ā_q)(b_i − b̄_q)`, `W_f(a, b) = Σ_{q∈train(f)} [C_q(a, b) + n_q (ā_q − ā_fg)(b̄_q − b̄_fg)]` and
 * likewise `T_f` over the test classes. Centering inside classes keeps the precision of columns with a large
 * mean and a small spread (population).
 *
 * **Linear in the weights.** A class lies in one cluster, so `u` is constant on it and
 * `C_q(a, y*) = C_q(a, y₀) + u_q C_q(a, e)`, `ȳ*_q = ȳ₀_q + u_q ē_q`. Because `Σ_{q∈train(f,g)} n_q (ā_q −
 * ā_fg) = 0`, `W_f(a, y*) = W_f(a, y₀) + Σ_k u_k Ω_fk(a)` with `Ω_fk(a) = Σ_{q∈train(f), k(q)=k} [C_q(a, e) +
 * n_q (ā_q − ā_fg) ē_q]`; the test side adds the shift of the training geo mean of y*, `−Σ_g A_fg ·
 * Σ_{r∈train(f,g)} n_r u_r ē_r / n_fg` with `A_fg = Σ_{q∈test(f,g)} n_q (ā_q − ā_fg)`. The per-cluster
 * projections `Ω` are computed once per column; a replicate combines them with its weights.
 *
 * **Scoring one channel's options** ({@link GeoCvMoments.scoreOptions}): with the other columns fixed (the
 * base B), each fold's base system is factored once (Cholesky of the diagonally scaled `W_f(B, B)`), and each
 * option `x` is scored by its Schur complement, `σ = w_xx − w' W_B⁻¹ w`, `b_x = (r_x − w' β_B)/σ`,
 * `b_B = β_B − b_x W_B⁻¹ w`: O(p²) per option and fold instead of a new O(p³) factorization. A column constant
 * within every geo on a fold's training rows is absorbed by the effects and gets coefficient 0 (as in
 * `searchTransforms`); an option numerically collinear with the base (`σ ≤ 10⁻¹² w_xx`) scores NaN.
 *
 * Cross-products of two columns are cached by pair, so a bootstrap that revisits the same candidates pays for
 * each pair once.
 *
 * References: Chan, Golub & LeVeque (1979), "Updating formulae and a pairwise algorithm for computing sample
 * variances"; Golub & Van Loan, "Matrix Computations" (4th ed.), §4.2 (Cholesky) and §3.1 (triangular
 * systems); the wild bootstrap's linear structure as in Roodman, MacKinnon, Nielsen & Webb (2019), "Fast and
 * wild", Stata Journal 19(1).
 *
 * @module
 */
import type { Fold } from "./time_series_split.ts";

/** Where the rows of a panel sit: geos, folds and bootstrap cells. */
export interface GeoCvLayout {
  /** Geo code (0..nGeos−1) of each row. */
  readonly geoCodes: Int32Array;
  readonly nGeos: number;
  /** Cross-validation folds (row indices); a fold's test rows of a geo need training rows of that geo. */
  readonly folds: readonly Fold[];
  /**
   * Bootstrap cell of each row (0..nCells−1); weights are later given per cluster of cells. Each cell must lie
   * in one geo. Default: one cell per geo.
   */
  readonly cellCodes?: Int32Array;
  readonly nCells?: number;
}

/** Mean test RMSE over folds of one candidate, and per fold. */
export interface CvScore {
  readonly rmse: number;
  readonly foldRmse: Float64Array;
}

interface Column {
  /** Values in class order, minus their class mean. */
  readonly x: Float64Array;
  readonly classMean: Float64Array;
  /** Training mean per fold (including the full-sample fold) and geo, `(F + 1) × G`. */
  readonly fgMean: Float64Array;
  /** 1 where the column is constant within every geo on the fold's training rows. */
  readonly constant: Uint8Array;
  /** Projections on the outcome: `[W(·, y₀) (F+1)] [T(·, y₀) F] [Ω_W (F+1)·K] [Ω_T F·K]`. */
  proj: Float64Array | null;
  projVersion: number;
  /** `W_f(·, y*)` (F+1) then `T_f(·, y*)` (F) at the current weights. */
  readonly ry: Float64Array;
  ryVersion: number;
  /** The same after partialling out the fixed columns, and the state it was computed for. */
  rry?: Float64Array;
  /** `weightsVersion` (a global counter) when `rry` was computed, with the fixed set's version. */
  rryStamp: number;
  rryFixed: number;
}

const COLLINEAR = 1e-12;

/**
 * The moments engine (see the module doc). Add columns once with {@link GeoCvMoments.addColumn}, set the
 * outcome with {@link GeoCvMoments.setOutcome} and the weights with {@link GeoCvMoments.setWeights}, then
 * score candidates and fit on every row.
 *
 * @example
 * ```ts ignore
 * const cv = new GeoCvMoments({ geoCodes, nGeos: 40, folds });
 * const ids = columns.map((x) => cv.addColumn(x));
 * cv.setOutcome(y);
 * cv.score(ids).rmse; // mean test RMSE of the regression on these columns with geo effects
 * ```
 */
export class GeoCvMoments {
  readonly n: number;
  readonly nGeos: number;
  /** Cross-validation folds (the full-sample fold is index `nFolds`). */
  readonly nFolds: number;
  readonly nClasses: number;
  readonly nCells: number;
  /** Test rows per fold. */
  readonly testN: Float64Array;
  private readonly classGeo: Int32Array;
  private readonly classCell: Int32Array;
  private readonly classN: Float64Array;
  private readonly classStart: Int32Array;
  /** Row (original index) of each position in class order. */
  private readonly rowOrder: Int32Array;
  private readonly trainStart: Int32Array;
  private readonly trainIds: Int32Array;
  private readonly testStart: Int32Array;
  private readonly testIds: Int32Array;
  /** Training rows per fold (incl. full) and geo. */
  private readonly fgN: Float64Array;
  private readonly columns: Column[] = [];
  /** Columns partialled out of every scoring that includes them all ({@link setFixed}). */
  private fixedIds: readonly number[] = [];
  private fixedSet = new Set<number>();
  /** Per CV fold: scaled Cholesky factor, scaling and test Gram of the fixed columns (`fixedIds` order). */
  private fixedFold: { L: Float64Array; d: Float64Array; T: Float64Array; ok: boolean }[] = [];
  private fixedVersion = 0;
  /** Per column: its regression on the fixed columns per fold, `[Γ, g, τ, κ]` (each nF) for each CV fold. */
  private fx: (Float64Array | undefined)[] = [];
  /** Residualized cross-products (layout as `pair`), by pair slot. */
  private rpairs = new PairTable();
  /** The outcome's regression on the fixed columns per CV fold at the current weights, `[Γ, g, τ, κ]`. */
  private fy: Float64Array | null = null;
  private fyStamp = -1;
  /** Cached cross-products, by pair slot. */
  private readonly pairs = new PairTable();
  // outcome
  private y0: Column | null = null;
  private eStats: { mean: Float64Array; centered: Float64Array } | null = null;
  private cellCluster: Int32Array = new Int32Array(0);
  private nClusters = 0;
  private outcomeVersion = 0;
  private weights: Float64Array = new Float64Array(0);
  private weightsVersion = 0;
  private tyy: Float64Array;
  /** Per class: C_q(y₀, y₀), C_q(y₀, e), C_q(e, e) (with a residual outcome). */
  private yyq = new Float64Array(0);
  private yeq = new Float64Array(0);
  private eeq = new Float64Array(0);
  private readonly scratch: Float64Array;
  private readonly scratch4: Float64Array;
  private readonly scratch4c: Float64Array;

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
    this.tyy = new Float64Array(F);
    this.scratch = new Float64Array(Q);
    this.scratch4 = new Float64Array(4 * Q);
    this.scratch4c = new Float64Array(4 * Q);
  }

  /** Number of columns added. */
  get size(): number {
    return this.columns.length;
  }

  /**
   * Adds a regressor (n finite values in row order) and returns its id. Its class means, training geo means
   * and constancy per fold are computed here; cross-products on first use.
   */
  addColumn(values: Float64Array): number {
    if (values.length !== this.n) {
      throw new RangeError(`column has ${values.length} rows, expected ${this.n}`);
    }
    this.columns.push(this.prepare(values));
    return this.columns.length - 1;
  }

  private prepare(values: Float64Array): Column {
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

  /** Whether column `id` is constant within every geo on fold f's training rows (f = nFolds: all rows). */
  isConstant(id: number, fold: number): boolean {
    return this.columns[id].constant[fold] === 1;
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
  private fixedFit(id: number): Float64Array {
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
  private residualPair(a: number, b: number): Float64Array {
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
  private residualRy(id: number): Float64Array {
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
  private residualTyy(): Float64Array {
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
  get cachedPairs(): number {
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

  private storePair(a: number, b: number, v: Float64Array): void {
    const lo = a < b ? a : b, hi = a < b ? b : a;
    if (this.pairs.get(lo, hi) === undefined) this.pairs.set(lo, hi, v);
  }

  /** {@link crossOf} of one column with four others in one pass. */
  private crossOf4(ca: Column, cbs: readonly Column[]): Float64Array[] {
    const { nClasses: Q, classStart, classN, nFolds: F, nGeos: G, classGeo } = this;
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
    const { trainStart, trainIds, testStart, testIds, fgN } = this;
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

  private crossOf(ca: Column, cb: Column): Float64Array {
    const { nClasses: Q, classStart, classN, nFolds: F, nGeos: G, classGeo } = this;
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
      for (let u = this.trainStart[f]; u < this.trainStart[f + 1]; u++) {
        const q = this.trainIds[u], g = base + classGeo[q];
        s += c[q] + classN[q] * (ma[q] - fa[g]) * (mb[q] - fb[g]);
      }
      out[f] = s;
    }
    for (let f = 0; f < F; f++) {
      let s = 0;
      const base = f * G;
      for (let u = this.testStart[f]; u < this.testStart[f + 1]; u++) {
        const q = this.testIds[u], g = base + classGeo[q];
        s += c[q] + classN[q] * (ma[q] - fa[g]) * (mb[q] - fb[g]);
      }
      out[F + 1 + f] = s;
    }
    return out;
  }

  /**
   * Sets the outcome `y*(u) = y₀ + u_{cluster(cell(i))} · e_i` (row order). Without `e` the outcome is `y₀`
   * and weights are irrelevant. `cellCluster` maps each cell to its weight's cluster (default: each cell its
   * own cluster). Resets the weights to 1.
   */
  setOutcome(
    y0: Float64Array,
    e?: Float64Array,
    cellCluster?: Int32Array,
    nClusters?: number,
  ): void {
    this.y0 = this.prepare(y0);
    const K = e ? (nClusters ?? this.nCells) : 0;
    const map = e
      ? (cellCluster ?? Int32Array.from({ length: this.nCells }, (_, c) => c))
      : new Int32Array(0);
    if (e) {
      if (e.length !== this.n) throw new RangeError(`e has ${e.length} rows, expected ${this.n}`);
      if (map.length !== this.nCells) {
        throw new RangeError(`cellCluster needs one entry per cell (${this.nCells})`);
      }
      for (const k of map) {
        if (!(k >= 0 && k < K)) throw new RangeError(`cluster ${k} is outside 0..${K - 1}`);
      }
      const { nClasses: Q, classStart, rowOrder, classN } = this;
      const mean = new Float64Array(Q);
      const centered = new Float64Array(this.n);
      for (let q = 0; q < Q; q++) {
        let s = 0;
        for (let t = classStart[q]; t < classStart[q + 1]; t++) s += e[rowOrder[t]];
        const m = s / classN[q];
        mean[q] = m;
        for (let t = classStart[q]; t < classStart[q + 1]; t++) centered[t] = e[rowOrder[t]] - m;
      }
      this.eStats = { mean, centered };
      const y0c = this.y0.x;
      this.yyq = new Float64Array(Q);
      this.yeq = new Float64Array(Q);
      this.eeq = new Float64Array(Q);
      for (let q = 0; q < Q; q++) {
        let yy = 0, ye = 0, ee = 0;
        for (let t = classStart[q]; t < classStart[q + 1]; t++) {
          yy += y0c[t] * y0c[t];
          ye += y0c[t] * centered[t];
          ee += centered[t] * centered[t];
        }
        this.yyq[q] = yy;
        this.yeq[q] = ye;
        this.eeq[q] = ee;
      }
    } else this.eStats = null;
    this.cellCluster = map;
    this.nClusters = K;
    this.outcomeVersion++;
    this.weights = new Float64Array(K).fill(1);
    this.refreshWeights();
  }

  /** Bootstrap weights, one per cluster (length as `nClusters` of {@link setOutcome}). */
  setWeights(u: ArrayLike<number>): void {
    if (u.length !== this.nClusters) {
      throw new RangeError(`expected ${this.nClusters} weights, got ${u.length}`);
    }
    this.weights = Float64Array.from(u);
    this.refreshWeights();
  }

  /** `T_f(y*, y*)` per fold at the current weights. */
  private refreshWeights(): void {
    this.weightsVersion++;
    const y0 = this.y0!;
    const { nClasses: Q, classStart, classN, nFolds: F, nGeos: G, classGeo, classCell } = this;
    const E = this.eStats;
    const uq = new Float64Array(Q), yq = new Float64Array(Q), cyy = new Float64Array(Q);
    for (let q = 0; q < Q; q++) {
      const u = E ? this.weights[this.cellCluster[classCell[q]]] : 0;
      uq[q] = u;
      const m0 = y0.classMean[q];
      if (E) {
        // C_q(y*, y*) = C_q(y₀, y₀) + 2u C_q(y₀, e) + u² C_q(e, e)
        cyy[q] = this.yyq[q] + 2 * u * this.yeq[q] + u * u * this.eeq[q];
        yq[q] = m0 + u * E.mean[q];
      } else {
        let s = 0;
        for (let t = classStart[q]; t < classStart[q + 1]; t++) s += y0.x[t] * y0.x[t];
        cyy[q] = s;
        yq[q] = m0;
      }
    }
    const fg = new Float64Array(G);
    for (let f = 0; f < F; f++) {
      fg.fill(0);
      for (let u = this.trainStart[f]; u < this.trainStart[f + 1]; u++) {
        const q = this.trainIds[u];
        fg[classGeo[q]] += classN[q] * yq[q];
      }
      for (let g = 0; g < G; g++) if (this.fgN[f * G + g] > 0) fg[g] /= this.fgN[f * G + g];
      let s = 0;
      for (let u = this.testStart[f]; u < this.testStart[f + 1]; u++) {
        const q = this.testIds[u];
        s += cyy[q] + classN[q] * (yq[q] - fg[classGeo[q]]) ** 2;
      }
      this.tyy[f] = s;
    }
  }

  /** Projections of a column on y₀ and on the clusters' residuals (module doc), cached per outcome. */
  private projection(col: Column): Float64Array {
    if (col.projVersion === this.outcomeVersion && col.proj) return col.proj;
    const { nFolds: F, nGeos: G, classN, classGeo, classCell, classStart, nClasses: Q } = this;
    const K = this.nClusters;
    const proj = new Float64Array(2 * F + 1 + (2 * F + 1) * K);
    proj.set(this.crossOf(col, this.y0!), 0);
    const E = this.eStats;
    if (E && K > 0) {
      const c = this.scratch;
      const xa = col.x, ma = col.classMean, ec = E.centered, em = E.mean;
      for (let q = 0; q < Q; q++) {
        let s = 0;
        for (let t = classStart[q], end = classStart[q + 1]; t < end; t++) s += xa[t] * ec[t];
        c[q] = s;
      }
      const fa = col.fgMean;
      const wBase = 2 * F + 1, tBase = wBase + (F + 1) * K;
      const A = new Float64Array(G);
      for (let f = 0; f <= F; f++) {
        for (let u = this.trainStart[f]; u < this.trainStart[f + 1]; u++) {
          const q = this.trainIds[u], g = classGeo[q];
          const k = this.cellCluster[classCell[q]];
          proj[wBase + f * K + k] += c[q] + classN[q] * (ma[q] - fa[f * G + g]) * em[q];
        }
      }
      for (let f = 0; f < F; f++) {
        A.fill(0);
        for (let u = this.testStart[f]; u < this.testStart[f + 1]; u++) {
          const q = this.testIds[u], g = classGeo[q];
          const k = this.cellCluster[classCell[q]];
          const d = classN[q] * (ma[q] - fa[f * G + g]);
          proj[tBase + f * K + k] += c[q] + d * em[q];
          A[g] += d;
        }
        for (let u = this.trainStart[f]; u < this.trainStart[f + 1]; u++) {
          const q = this.trainIds[u], g = classGeo[q];
          if (A[g] === 0) continue;
          const k = this.cellCluster[classCell[q]];
          proj[tBase + f * K + k] -= (A[g] * classN[q] * em[q]) / this.fgN[f * G + g];
        }
      }
    }
    col.proj = proj;
    col.projVersion = this.outcomeVersion;
    return proj;
  }

  /** `W_f(a, y*)` for f = 0..F, then `T_f(a, y*)` for f < F, at the current weights. */
  private ryOf(id: number): Float64Array {
    const col = this.columns[id];
    const stamp = this.weightsVersion; // bumped by every setOutcome and setWeights
    if (col.ryVersion === stamp) return col.ry;
    const proj = this.projection(col);
    const F = this.nFolds, K = this.nClusters;
    const ry = col.ry;
    for (let j = 0; j < 2 * F + 1; j++) ry[j] = proj[j];
    if (K > 0) {
      const u = this.weights;
      const wBase = 2 * F + 1, tBase = wBase + (F + 1) * K;
      for (let f = 0; f <= F; f++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += u[k] * proj[wBase + f * K + k];
        ry[f] += s;
      }
      for (let f = 0; f < F; f++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += u[k] * proj[tBase + f * K + k];
        ry[F + 1 + f] += s;
      }
    }
    col.ryVersion = stamp;
    return ry;
  }

  private buffers: ReturnType<GeoCvMoments["makeBuffers"]> | null = null;

  /** Work arrays of {@link scoreOptions} for a base of p columns and nOpt options, reused between calls. */
  private scoreBuffers(p: number, nOpt: number): ReturnType<GeoCvMoments["makeBuffers"]> {
    const b = this.buffers;
    if (b && b.p === p && b.nOpt === nOpt) return b;
    return this.buffers = this.makeBuffers(p, nOpt);
  }

  private makeBuffers(p: number, nOpt: number) {
    const F = this.nFolds, width = 2 * F + 1;
    const v = (n: number) => new Float64Array(n);
    return {
      p,
      nOpt,
      OW: v(F * p * nOpt),
      OT: v(F * p * nOpt),
      OS: v(width * nOpt),
      OY: v(width * nOpt),
      OC: new Uint8Array(F * nOpt),
      failed: new Uint8Array(nOpt),
      Wb: v(p * p),
      Tb: v(p * p),
      L: v(p * p),
      d: v(p),
      rb: v(p),
      tb: v(p),
      beta: v(p),
      tBeta: v(p),
      zb: v(p),
      dropped: new Uint8Array(p),
      Z: v(p * nOpt),
      H: v(p * nOpt),
      zz: v(nOpt),
      acc: v(nOpt),
      wb: v(nOpt),
      tbh: v(nOpt),
      taub: v(nOpt),
      tauh: v(nOpt),
      htb: v(nOpt),
      hth: v(nOpt),
    };
  }

  /**
   * Mean test RMSE of the regression on `base ∪ {option}` for each option (see the module doc), written to
   * `out` (NaN where a fold's system is singular). `base` may be empty.
   */
  scoreOptions(baseIds: readonly number[], options: readonly number[], out: Float64Array): void {
    if (!this.y0) throw new RangeError("set the outcome first (setOutcome)");
    const F = this.nFolds;
    // Partial out the fixed columns when the base holds them all (and no option is one of them).
    const nFixed = this.fixedIds.length;
    let inBase = 0;
    for (const id of baseIds) if (this.fixedSet.has(id)) inBase++;
    let partial = nFixed > 0 && inBase === nFixed && this.fixedFold.every((x) => x.ok);
    for (let o = 0; o < options.length && partial; o++) if (this.fixedSet.has(options[o])) partial = false;
    const base = partial ? baseIds.filter((id) => !this.fixedSet.has(id)) : baseIds;
    const p = base.length;
    for (const b of base) this.ensurePairs(b, options);
    if (partial) {
      for (const b of this.fixedIds) {
        this.ensurePairs(
          b,
          options.filter((o) => this.fx[o] === undefined),
        );
      }
    }
    const pairOf = partial
      ? (a: number, b: number) => this.residualPair(a, b)
      : (a: number, b: number) => this.pair(a, b);
    const ryOf = partial ? (a: number) => this.residualRy(a) : (a: number) => this.ryOf(a);
    const tyyAll = partial ? this.residualTyy() : this.tyy;
    const basePairs = base.map((a) => base.map((b) => pairOf(a, b)));
    const baseRy = base.map((a) => ryOf(a));
    // Per option, laid out option-innermost so that every step below is a loop over options:
    // W_f(o, base_j), T_f(o, base_j) at ((f · p + j) · nOpt + o); self and y terms at (slot · nOpt + o).
    const nOpt = options.length, width = 2 * F + 1;
    const buf = this.scoreBuffers(p, nOpt);
    const { OW, OT, OS, OY, OC } = buf;
    for (let o = 0; o < nOpt; o++) {
      const id = options[o];
      for (let j = 0; j < p; j++) {
        const pr = pairOf(id, base[j]);
        for (let f = 0; f < F; f++) {
          OW[(f * p + j) * nOpt + o] = pr[f];
          OT[(f * p + j) * nOpt + o] = pr[F + 1 + f];
        }
      }
      const self = pairOf(id, id), ry = ryOf(id);
      for (let k = 0; k < width; k++) {
        OS[k * nOpt + o] = self[k];
        OY[k * nOpt + o] = ry[k];
      }
      const cst = this.columns[id].constant;
      for (let f = 0; f < F; f++) OC[f * nOpt + o] = cst[f];
    }
    out.fill(0, 0, nOpt);
    const {
      failed,
      Wb,
      Tb,
      L,
      d,
      rb,
      tb,
      beta,
      tBeta,
      zb,
      dropped,
      Z,
      H,
      zz,
      acc,
      wb,
      tbh,
      taub,
      tauh,
      htb,
      hth,
    } = buf;
    failed.fill(0);
    for (let f = 0; f < F; f++) {
      const nTest = this.testN[f];
      for (let j = 0; j < p; j++) dropped[j] = this.columns[base[j]].constant[f];
      for (let j = 0; j < p; j++) {
        for (let k = 0; k <= j; k++) {
          const pr = basePairs[j][k];
          const off = dropped[j] || dropped[k];
          Wb[j * p + k] = Wb[k * p + j] = off ? (j === k ? 1 : 0) : pr[f];
          Tb[j * p + k] = Tb[k * p + j] = off ? 0 : pr[F + 1 + f];
        }
        rb[j] = dropped[j] ? 0 : baseRy[j][f];
        tb[j] = dropped[j] ? 0 : baseRy[j][F + 1 + f];
        d[j] = Math.sqrt(Wb[j * p + j]);
      }
      if (!scaledCholesky(Wb, d, L, p)) {
        failed.fill(1);
        continue;
      }
      // β_B = W_B⁻¹ r_B, T_B β_B, and the base model's terms
      for (let j = 0; j < p; j++) zb[j] = rb[j] / d[j];
      triSolve(L, zb, p);
      for (let j = 0; j < p; j++) beta[j] = zb[j] / d[j];
      let q0 = 0, t0 = 0;
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let k = 0; k < p; k++) s += Tb[j * p + k] * beta[k];
        tBeta[j] = s;
      }
      for (let j = 0; j < p; j++) {
        q0 += beta[j] * tBeta[j];
        t0 += tb[j] * beta[j];
      }
      const yy = tyyAll[f];
      const baseSse = yy - 2 * t0 + q0;
      // z = L⁻¹ D⁻¹ w for every option (forward substitution, one row of L at a time)
      zz.fill(0);
      wb.fill(0);
      taub.fill(0);
      for (let j = 0; j < p; j++) {
        const wj = (f * p + j) * nOpt, zj = j * nOpt;
        const inv = 1 / d[j], ljj = L[j * p + j], bj = beta[j];
        const off = dropped[j];
        for (let o = 0; o < nOpt; o++) {
          const w = off ? 0 : OW[wj + o];
          acc[o] = w * inv;
          wb[o] += w * bj;
          taub[o] += (off ? 0 : OT[wj + o]) * bj;
        }
        for (let k = 0; k < j; k++) {
          const l = L[j * p + k], zk = k * nOpt;
          if (l === 0) continue;
          for (let o = 0; o < nOpt; o++) acc[o] -= l * Z[zk + o];
        }
        for (let o = 0; o < nOpt; o++) {
          const v = acc[o] / ljj;
          Z[zj + o] = v;
          zz[o] += v * v;
        }
      }
      // ĥ = L'⁻¹ z (backward), h = D⁻¹ ĥ
      for (let j = p - 1; j >= 0; j--) {
        const zj = j * nOpt, ljj = L[j * p + j];
        for (let o = 0; o < nOpt; o++) acc[o] = Z[zj + o];
        for (let k = j + 1; k < p; k++) {
          const l = L[k * p + j], hk = k * nOpt;
          if (l === 0) continue;
          for (let o = 0; o < nOpt; o++) acc[o] -= l * H[hk + o];
        }
        for (let o = 0; o < nOpt; o++) H[zj + o] = acc[o] / ljj;
      }
      for (let j = 0; j < p; j++) {
        const hj = j * nOpt, inv = 1 / d[j];
        for (let o = 0; o < nOpt; o++) H[hj + o] *= inv;
      }
      // dot products with h
      tbh.fill(0);
      tauh.fill(0);
      htb.fill(0);
      hth.fill(0);
      for (let j = 0; j < p; j++) {
        const hj = j * nOpt, wj = (f * p + j) * nOpt;
        const tbj = tb[j], tBj = tBeta[j], off = dropped[j];
        for (let o = 0; o < nOpt; o++) {
          const h = H[hj + o];
          tbh[o] += tbj * h;
          tauh[o] += (off ? 0 : OT[wj + o]) * h;
          htb[o] += h * tBj;
        }
        for (let k = 0; k < p; k++) {
          const t = Tb[j * p + k], hk = k * nOpt;
          if (t === 0) continue;
          for (let o = 0; o < nOpt; o++) hth[o] += H[hj + o] * t * H[hk + o];
        }
      }
      const sw = f * nOpt, stt = (F + 1 + f) * nOpt;
      for (let o = 0; o < nOpt; o++) {
        if (failed[o]) continue;
        let sse: number;
        if (OC[f * nOpt + o]) sse = baseSse;
        else {
          const wxx = OS[sw + o];
          const sigma = wxx - zz[o]; // w' W_B⁻¹ w = z'z in scaled coordinates
          if (!(sigma > COLLINEAR * wxx)) {
            failed[o] = 1;
            continue;
          }
          const bx = (OY[sw + o] - wb[o]) / sigma;
          const tx = OY[stt + o], txx = OS[stt + o];
          sse = yy - 2 * (t0 - bx * tbh[o] + tx * bx) + (q0 - 2 * bx * htb[o] + bx * bx * hth[o]) +
            2 * bx * (taub[o] - bx * tauh[o]) + bx * bx * txx;
        }
        out[o] += Math.sqrt(Math.max(sse, 0) / nTest);
      }
    }
    for (let o = 0; o < nOpt; o++) out[o] = failed[o] ? NaN : out[o] / F;
  }

  /**
   * Mean test RMSE and per-fold RMSE of the regression on `ids` (a thin wrapper of {@link scoreOptions}).
   */
  score(ids: readonly number[]): CvScore {
    if (ids.length === 0) throw new RangeError("no columns to score");
    const foldRmse = new Float64Array(this.nFolds);
    const out = new Float64Array(1);
    for (let f = 0; f < this.nFolds; f++) foldRmse[f] = this.foldScore(ids, f);
    this.scoreOptions(ids.slice(0, -1), [ids[ids.length - 1]], out);
    return { rmse: out[0], foldRmse };
  }

  /** Test RMSE of fold f for the columns `ids` (a full solve; for tests and reports). */
  foldScore(ids: readonly number[], f: number): number {
    const b = this.solve(ids, f);
    if (!b) return NaN;
    const F = this.nFolds, p = ids.length;
    let sse = this.tyy[f];
    for (let j = 0; j < p; j++) {
      if (b[j] === 0) continue;
      sse -= 2 * b[j] * this.ryOf(ids[j])[F + 1 + f];
      for (let k = 0; k < p; k++) if (b[k] !== 0) sse += b[j] * b[k] * this.pair(ids[j], ids[k])[F + 1 + f];
    }
    return Math.sqrt(Math.max(sse, 0) / this.testN[f]);
  }

  /**
   * Slopes of the within (geo fixed effects) regression of y* on the columns `ids` over fold f's training rows
   * (default: every row). Columns constant within every geo get 0. Null when the system is singular.
   */
  solve(ids: readonly number[], fold = this.nFolds): Float64Array | null {
    const p = ids.length;
    const A = new Float64Array(p * p), r = new Float64Array(p), d = new Float64Array(p);
    const dropped = ids.map((id) => this.columns[id].constant[fold]);
    for (let j = 0; j < p; j++) {
      for (let k = 0; k <= j; k++) {
        const off = dropped[j] || dropped[k];
        A[j * p + k] = A[k * p + j] = off ? (j === k ? 1 : 0) : this.pair(ids[j], ids[k])[fold];
      }
      r[j] = dropped[j] ? 0 : this.ryOf(ids[j])[fold];
      d[j] = Math.sqrt(A[j * p + j]);
    }
    const L = new Float64Array(p * p);
    for (let j = 0; j < p; j++) {
      let s = A[j * p + j] / (d[j] * d[j]);
      for (let k = 0; k < j; k++) s -= L[j * p + k] * L[j * p + k];
      if (!(s > COLLINEAR)) return null;
      const ljj = Math.sqrt(s);
      L[j * p + j] = ljj;
      for (let i = j + 1; i < p; i++) {
        let v = A[i * p + j] / (d[i] * d[j]);
        for (let k = 0; k < j; k++) v -= L[i * p + k] * L[j * p + k];
        L[i * p + j] = v / ljj;
      }
    }
    const z = new Float64Array(p);
    for (let j = 0; j < p; j++) z[j] = r[j] / d[j];
    triSolve(L, z, p);
    for (let j = 0; j < p; j++) z[j] = dropped[j] ? 0 : z[j] / d[j];
    return z;
  }
}

/** Cholesky of the diagonally scaled `D⁻¹ W D⁻¹` into `L`; false when not positive definite. */
function scaledCholesky(W: Float64Array, d: Float64Array, L: Float64Array, p: number): boolean {
  for (let j = 0; j < p; j++) {
    let s = W[j * p + j] / (d[j] * d[j]);
    for (let k = 0; k < j; k++) s -= L[j * p + k] * L[j * p + k];
    if (!(s > COLLINEAR)) return false;
    const ljj = Math.sqrt(s);
    L[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let v = W[i * p + j] / (d[i] * d[j]);
      for (let k = 0; k < j; k++) v -= L[i * p + k] * L[j * p + k];
      L[i * p + j] = v / ljj;
    }
  }
  return true;
}

/** `out[o..o+n) = W_FF⁻¹ rhs[r..r+n)` with the fold's scaled Cholesky factor. */
function fixedSolve(
  ff: { L: Float64Array; d: Float64Array },
  rhs: Float64Array,
  r: number,
  out: Float64Array,
  o: number,
  n: number,
): void {
  const z = new Float64Array(n);
  for (let j = 0; j < n; j++) z[j] = rhs[r + j] / ff.d[j];
  triSolve(ff.L, z, n);
  for (let j = 0; j < n; j++) out[o + j] = z[j] / ff.d[j];
}

/** In place: z ← L⁻¹ z (L lower triangular, row-major p × p). */
function forward(L: Float64Array, z: Float64Array, p: number): void {
  for (let i = 0; i < p; i++) {
    let s = z[i];
    for (let k = 0; k < i; k++) s -= L[i * p + k] * z[k];
    z[i] = s / L[i * p + i];
  }
}

/** In place: z ← L'⁻¹ z. */
function backward(L: Float64Array, z: Float64Array, p: number): void {
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < p; k++) s -= L[k * p + i] * z[k];
    z[i] = s / L[i * p + i];
  }
}

/** In place: z ← (L L')⁻¹ z. */
function triSolve(L: Float64Array, z: Float64Array, p: number): void {
  forward(L, z, p);
  backward(L, z, p);
}

/** Result of {@link coordinateSearch}. */
export interface CoordinateSearchResult {
  /** Chosen option index per channel. */
  readonly chosen: Int32Array;
  /** Mean test RMSE at the chosen options. */
  readonly rmse: number;
  /** Full passes over the channels run (the last one changed nothing when `converged`). */
  readonly passes: number;
  readonly converged: boolean;
  /** Candidates scored. */
  readonly evaluated: number;
  /**
   * The scores of every option of each channel with the other channels at their final choice (the last pass;
   * exact profiles when converged).
   */
  readonly profiles: readonly Float64Array[];
}

/** Progress of a coordinate search, after each channel step. */
export interface CoordinateSearchProgress {
  readonly pass: number;
  readonly channel: number;
  readonly evaluated: number;
}

/**
 * Coordinate search over channels, each channel's options searched jointly (e.g. every (θ, scale) pair):
 * starting from `start`, each channel in turn takes its best option with the fixed columns and the other
 * channels' current options in the model; full passes repeat until one changes nothing (a coordinate-wise
 * optimum: no single channel can improve by changing its option) or `maxPasses` is reached. A channel moves
 * only to a strictly lower score; among equal lower scores the first option wins. A channel is not scored
 * again while no other channel has changed since its last scoring (it would choose the same), so the last
 * pass re-scores only channels whose scores are stale, and `profiles` are all at the final point.
 *
 * @param cv the engine, outcome set
 * @param fixed ids of the columns always in the model
 * @param options per channel, the ids of its option columns
 * @param start per channel, the index of its starting option
 * @param maxPasses most full passes (default 6)
 * @example
 * ```ts ignore
 * const r = coordinateSearch(cv, fixedIds, [tvOptions, searchOptions], [0, 0]);
 * r.chosen; // option index per channel
 * ```
 */
export function coordinateSearch(
  cv: GeoCvMoments,
  fixed: readonly number[],
  options: readonly (readonly number[])[],
  start: ArrayLike<number>,
  maxPasses = 6,
): CoordinateSearchResult {
  const run = coordinateSearchSteps(cv, fixed, options, start, maxPasses);
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
  }
}

/** {@link coordinateSearch} as a generator that yields after every channel step (for async drivers). */
export function* coordinateSearchSteps(
  cv: GeoCvMoments,
  fixed: readonly number[],
  options: readonly (readonly number[])[],
  start: ArrayLike<number>,
  maxPasses = 6,
): Generator<CoordinateSearchProgress, CoordinateSearchResult, void> {
  if (!(Number.isInteger(maxPasses) && maxPasses >= 1)) {
    throw new RangeError(`maxPasses must be an integer >= 1, got ${maxPasses}`);
  }
  const C = options.length;
  if (start.length !== C) throw new RangeError(`start has ${start.length} entries, expected ${C}`);
  const chosen = Int32Array.from(start);
  for (let c = 0; c < C; c++) {
    if (!(chosen[c] >= 0 && chosen[c] < options[c].length)) {
      throw new RangeError(
        `start option ${chosen[c]} of channel ${c} is outside 0..${options[c].length - 1}`,
      );
    }
  }
  const profiles = options.map((o) => new Float64Array(o.length));
  // A channel whose last scoring saw the other channels as they are now would score the same again: skip it.
  let step = 0, lastChange = -1;
  const scoredAt = new Int32Array(C).fill(-1), changedAt = new Int32Array(C).fill(-1);
  let evaluated = 0, passes = 0, converged = false, best = NaN;
  for (let pass = 0; pass < maxPasses; pass++) {
    passes++;
    let changed = false;
    for (let c = 0; c < C; c++, step++) {
      let stale = scoredAt[c] < 0;
      for (let d = 0; d < C && !stale; d++) if (d !== c && changedAt[d] > scoredAt[c]) stale = true;
      if (!stale) continue;
      const base = [...fixed];
      for (let d = 0; d < C; d++) if (d !== c) base.push(options[d][chosen[d]]);
      const out = profiles[c];
      cv.scoreOptions(base, options[c], out);
      evaluated += out.length;
      let arg = chosen[c];
      let score = out[arg];
      for (let o = 0; o < out.length; o++) {
        const s = out[o];
        if (!Number.isNaN(s) && (Number.isNaN(score) || s < score)) {
          score = s;
          arg = o;
        }
      }
      scoredAt[c] = step;
      if (arg !== chosen[c]) {
        chosen[c] = arg;
        changed = true;
        changedAt[c] = lastChange = step;
      }
      yield { pass, channel: c, evaluated };
    }
    if (!changed) {
      converged = true;
      break;
    }
  }
  // the score at the final point: any channel's profile at its choice, from a scoring after the last change
  for (let c = 0; c < C; c++) if (scoredAt[c] >= lastChange) best = profiles[c][chosen[c]];
  return { chosen, rmse: best, passes, converged, evaluated, profiles };
}

/** Values by unordered pair of column ids (lo ≤ hi), in a flat slot index that grows with the ids. */
class PairTable {
  private index = new Int32Array(0);
  private width = 0;
  private readonly store: Float64Array[] = [];

  get size(): number {
    return this.store.length;
  }

  get(lo: number, hi: number): Float64Array | undefined {
    if (hi >= this.width) return undefined;
    const slot = this.index[lo * this.width + hi];
    return slot > 0 ? this.store[slot - 1] : undefined;
  }

  set(lo: number, hi: number, v: Float64Array): void {
    if (hi >= this.width) this.grow(hi + 1);
    const at = lo * this.width + hi;
    if (this.index[at] > 0) this.store[this.index[at] - 1] = v;
    else {
      this.store.push(v);
      this.index[at] = this.store.length;
    }
  }

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
