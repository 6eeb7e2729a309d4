/**
 * The outcome of the geo CV engine, linear in bootstrap weights: `y*(u) = y₀ + u_{k(i)} · e_i`
 * (`geo_cv_moments.ts`, "Linear in the weights"). It holds `y₀`, the residuals' class statistics and the
 * weights, keeps `T_f(y*, y*)` per fold current, and gives each column's `W_f(a, y*)`, `T_f(a, y*)` from its
 * per-cluster projections, cached per outcome and per weights.
 *
 * @module
 */
import type { MomentColumn, RowClasses } from "./geo_cv_classes.ts";
import type { PairCache } from "./geo_cv_pairs.ts";

/** The outcome `y*(u)` and its weights; see the module doc. */
export class CvOutcome {
  private readonly rc: RowClasses;
  private readonly pairs: PairCache;
  /** `y₀` as a column (class order and statistics); null until {@link CvOutcome.set}. */
  y0: MomentColumn | null = null;
  private eStats: { mean: Float64Array; centered: Float64Array } | null = null;
  private cellCluster: Int32Array = new Int32Array(0);
  /** Clusters K of the weights (0 for an outcome without residuals). */
  nClusters = 0;
  private outcomeVersion = 0;
  private weights: Float64Array = new Float64Array(0);
  /** A counter bumped by every `set` and `setWeights`: caches of quantities that depend on y* compare it. */
  weightsVersion = 0;
  /** `T_f(y*, y*)` per CV fold at the current weights (length nFolds). */
  readonly tyy: Float64Array;
  /** Per class: C_q(y₀, y₀), C_q(y₀, e), C_q(e, e) (with a residual outcome). */
  private yyq = new Float64Array(0);
  private yeq = new Float64Array(0);
  private eeq = new Float64Array(0);
  private readonly scratch: Float64Array;

  /**
   * No outcome yet; {@link CvOutcome.set} sets one.
   *
   * @param rc the row classes of the engine
   * @param pairs the engine's cross-products (for a column's cross-products with `y₀`)
   */
  constructor(rc: RowClasses, pairs: PairCache) {
    this.rc = rc;
    this.pairs = pairs;
    this.tyy = new Float64Array(rc.nFolds);
    this.scratch = new Float64Array(rc.nClasses);
  }

  /**
   * Sets the outcome `y*(u) = y₀ + u_{cluster(cell(i))} · e_i` (row order). Without `e` the outcome is `y₀`
   * and weights are irrelevant. `cellCluster` maps each cell to its weight's cluster (default: each cell its
   * own cluster). Resets the weights to 1.
   */
  set(
    y0: Float64Array,
    e?: Float64Array,
    cellCluster?: Int32Array,
    nClusters?: number,
  ): void {
    this.y0 = this.rc.prepare(y0);
    const K = e ? (nClusters ?? this.rc.nCells) : 0;
    const map = e
      ? (cellCluster ?? Int32Array.from({ length: this.rc.nCells }, (_, c) => c))
      : new Int32Array(0);
    if (e) {
      if (e.length !== this.rc.n) throw new RangeError(`e has ${e.length} rows, expected ${this.rc.n}`);
      if (map.length !== this.rc.nCells) {
        throw new RangeError(`cellCluster needs one entry per cell (${this.rc.nCells})`);
      }
      for (const k of map) {
        if (!(k >= 0 && k < K)) throw new RangeError(`cluster ${k} is outside 0..${K - 1}`);
      }
      const { nClasses: Q, classStart, rowOrder, classN } = this.rc;
      const mean = new Float64Array(Q);
      const centered = new Float64Array(this.rc.n);
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

  /** Bootstrap weights, one per cluster (length as `nClusters` of {@link CvOutcome.set}). */
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
    const { nClasses: Q, classStart, classN, nFolds: F, nGeos: G, classGeo, classCell } = this.rc;
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
      for (let u = this.rc.trainStart[f]; u < this.rc.trainStart[f + 1]; u++) {
        const q = this.rc.trainIds[u];
        fg[classGeo[q]] += classN[q] * yq[q];
      }
      for (let g = 0; g < G; g++) if (this.rc.fgN[f * G + g] > 0) fg[g] /= this.rc.fgN[f * G + g];
      let s = 0;
      for (let u = this.rc.testStart[f]; u < this.rc.testStart[f + 1]; u++) {
        const q = this.rc.testIds[u];
        s += cyy[q] + classN[q] * (yq[q] - fg[classGeo[q]]) ** 2;
      }
      this.tyy[f] = s;
    }
  }

  /** Projections of a column on y₀ and on the clusters' residuals (module doc), cached per outcome. */
  private projection(col: MomentColumn): Float64Array {
    if (col.projVersion === this.outcomeVersion && col.proj) return col.proj;
    const { nFolds: F, nGeos: G, classN, classGeo, classCell, classStart, nClasses: Q } = this.rc;
    const K = this.nClusters;
    const proj = new Float64Array(2 * F + 1 + (2 * F + 1) * K);
    proj.set(this.pairs.crossOf(col, this.y0!), 0);
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
        for (let u = this.rc.trainStart[f]; u < this.rc.trainStart[f + 1]; u++) {
          const q = this.rc.trainIds[u], g = classGeo[q];
          const k = this.cellCluster[classCell[q]];
          proj[wBase + f * K + k] += c[q] + classN[q] * (ma[q] - fa[f * G + g]) * em[q];
        }
      }
      for (let f = 0; f < F; f++) {
        A.fill(0);
        for (let u = this.rc.testStart[f]; u < this.rc.testStart[f + 1]; u++) {
          const q = this.rc.testIds[u], g = classGeo[q];
          const k = this.cellCluster[classCell[q]];
          const d = classN[q] * (ma[q] - fa[f * G + g]);
          proj[tBase + f * K + k] += c[q] + d * em[q];
          A[g] += d;
        }
        for (let u = this.rc.trainStart[f]; u < this.rc.trainStart[f + 1]; u++) {
          const q = this.rc.trainIds[u], g = classGeo[q];
          if (A[g] === 0) continue;
          const k = this.cellCluster[classCell[q]];
          proj[tBase + f * K + k] -= (A[g] * classN[q] * em[q]) / this.rc.fgN[f * G + g];
        }
      }
    }
    col.proj = proj;
    col.projVersion = this.outcomeVersion;
    return proj;
  }

  /** `W_f(a, y*)` for f = 0..F, then `T_f(a, y*)` for f < F, at the current weights. */
  ryOf(col: MomentColumn): Float64Array {
    const stamp = this.weightsVersion; // bumped by every setOutcome and setWeights
    if (col.ryVersion === stamp) return col.ry;
    const proj = this.projection(col);
    const F = this.rc.nFolds, K = this.nClusters;
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
}
