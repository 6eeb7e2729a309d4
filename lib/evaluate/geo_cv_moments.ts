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
import { type GeoCvLayout, type MomentColumn, RowClasses } from "./geo_cv_classes.ts";
import { COLLINEAR, triSolve } from "./geo_cv_cholesky.ts";
import { FixedPartial } from "./geo_cv_fixed.ts";
import { CvOutcome } from "./geo_cv_outcome.ts";
import { PairCache } from "./geo_cv_pairs.ts";
import { makeScoreBuffers, type ScoreBuffers, scoreOptionsByFolds } from "./geo_cv_score.ts";

export type { GeoCvLayout } from "./geo_cv_classes.ts";
export {
  coordinateSearch,
  type CoordinateSearchProgress,
  type CoordinateSearchResult,
  coordinateSearchSteps,
} from "./geo_cv_coordinate_search.ts";

/** Mean test RMSE over folds of one candidate, and per fold. */
export interface CvScore {
  /** Mean over folds of the test RMSE, in the outcome's units; NaN when a fold's system is singular. */
  readonly rmse: number;
  /** Test RMSE per CV fold (`√(SSE_f / n_test,f)`); NaN for a fold whose system is singular. */
  readonly foldRmse: Float64Array;
}

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
  /** Rows of the panel. */
  readonly n: number;
  /** Geos; geo codes run 0..nGeos−1. */
  readonly nGeos: number;
  /** Cross-validation folds (the full-sample fold is index `nFolds`). */
  readonly nFolds: number;
  /** Row classes (rows sharing geo, fold memberships and bootstrap cell). */
  readonly nClasses: number;
  /** Bootstrap cells (each in one geo). */
  readonly nCells: number;
  /** Test rows per fold. */
  readonly testN: Float64Array;
  /** The row classes of the layout. */
  private readonly rc: RowClasses;
  private readonly columns: MomentColumn[] = [];
  /** Cached cross-products of column pairs. */
  private readonly pairs: PairCache;
  /** The outcome y* and its weights. */
  private readonly outcome: CvOutcome;
  /** The fixed columns partialled out of scorings that include them all. */
  private readonly fixed: FixedPartial;
  private buffers: ScoreBuffers | null = null;

  /**
   * The engine for a layout (no columns yet).
   *
   * @throws RangeError for an inconsistent layout (see `RowClasses`)
   */
  constructor(layout: GeoCvLayout) {
    const rc = this.rc = new RowClasses(layout);
    this.n = rc.n;
    this.nGeos = rc.nGeos;
    this.nFolds = rc.nFolds;
    this.nClasses = rc.nClasses;
    this.nCells = rc.nCells;
    this.testN = rc.testN;
    this.pairs = new PairCache(rc, this.columns);
    this.outcome = new CvOutcome(rc, this.pairs);
    this.fixed = new FixedPartial(rc.nFolds, this.columns, this.pairs, this.outcome);
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
    this.columns.push(this.rc.prepare(values));
    return this.columns.length - 1;
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
    this.fixed.setFixed(ids);
  }

  /**
   * Cross-products of two columns: `W_f(a, b)` for f = 0..nFolds (the last on every row), then `T_f(a, b)`
   * for f = 0..nFolds−1. Cached.
   */
  pair(a: number, b: number): Float64Array {
    return this.pairs.pair(a, b);
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
    this.pairs.ensurePairs(a, ids);
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
    this.outcome.set(y0, e, cellCluster, nClusters);
  }

  /** Bootstrap weights, one per cluster (length as `nClusters` of {@link setOutcome}). */
  setWeights(u: ArrayLike<number>): void {
    this.outcome.setWeights(u);
  }

  /** `W_f(a, y*)` for f = 0..F, then `T_f(a, y*)` for f < F, at the current weights. */
  private ryOf(id: number): Float64Array {
    return this.outcome.ryOf(this.columns[id]);
  }

  /** `T_f(y*, y*)` per fold at the current weights. */
  private get tyy(): Float64Array {
    return this.outcome.tyy;
  }

  /** Work arrays of {@link scoreOptions} for a base of p columns and nOpt options, reused between calls. */
  private scoreBuffers(p: number, nOpt: number): ScoreBuffers {
    const b = this.buffers;
    if (b && b.p === p && b.nOpt === nOpt) return b;
    return this.buffers = makeScoreBuffers(this.nFolds, p, nOpt);
  }

  /**
   * Mean test RMSE of the regression on `base ∪ {option}` for each option (see the module doc), written to
   * `out` (NaN where a fold's system is singular). `base` may be empty.
   */
  scoreOptions(baseIds: readonly number[], options: readonly number[], out: Float64Array): void {
    if (!this.outcome.y0) throw new RangeError("set the outcome first (setOutcome)");
    const F = this.nFolds;
    // Partial out the fixed columns when the base holds them all (and no option is one of them).
    const nFixed = this.fixed.fixedIds.length;
    let inBase = 0;
    for (const id of baseIds) if (this.fixed.fixedSet.has(id)) inBase++;
    let partial = nFixed > 0 && inBase === nFixed && this.fixed.fixedFold.every((x) => x.ok);
    for (let o = 0; o < options.length && partial; o++) {
      if (this.fixed.fixedSet.has(options[o])) partial = false;
    }
    const base = partial ? baseIds.filter((id) => !this.fixed.fixedSet.has(id)) : baseIds;
    const p = base.length;
    for (const b of base) this.ensurePairs(b, options);
    if (partial) {
      for (const b of this.fixed.fixedIds) {
        this.ensurePairs(
          b,
          options.filter((o) => this.fixed.fx[o] === undefined),
        );
      }
    }
    const pairOf = partial
      ? (a: number, b: number) => this.fixed.residualPair(a, b)
      : (a: number, b: number) => this.pair(a, b);
    const ryOf = partial ? (a: number) => this.fixed.residualRy(a) : (a: number) => this.ryOf(a);
    const tyyAll = partial ? this.fixed.residualTyy() : this.tyy;
    const basePairs = base.map((a) => base.map((b) => pairOf(a, b)));
    const baseRy = base.map((a) => ryOf(a));
    scoreOptionsByFolds(
      {
        nFolds: F,
        testN: this.testN,
        columns: this.columns,
        base,
        options,
        pairOf,
        ryOf,
        tyyAll,
        basePairs,
        baseRy,
      },
      this.scoreBuffers(p, options.length),
      out,
    );
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
