/**
 * Scoring one channel's options against a base of columns, fold by fold (`geo_cv_moments.ts`, "Scoring one
 * channel's options"): each fold's base system is factored once, and each option is scored by its Schur
 * complement, vectorized over options (every inner loop runs over options).
 *
 * @module
 */
import type { MomentColumn } from "./geo_cv_classes.ts";
import { COLLINEAR, scaledCholesky, triSolve } from "./geo_cv_cholesky.ts";

/** Work arrays of {@link scoreOptionsByFolds} for a base of p columns and nOpt options (reused between calls). */
export interface ScoreBuffers {
  /** Base columns p the buffers were made for. */
  readonly p: number;
  /** Options the buffers were made for. */
  readonly nOpt: number;
  /** Per option: `W_f(o, base_j)` at `(f · p + j) · nOpt + o` (F · p · nOpt). */
  readonly OW: Float64Array;
  /** Per option: `T_f(o, base_j)`, laid out as `OW`. */
  readonly OT: Float64Array;
  /** Per option: its own cross-products `W_f(o, o)` then `T_f(o, o)` at `slot · nOpt + o` ((2F + 1) · nOpt). */
  readonly OS: Float64Array;
  /** Per option: `W_f(o, y*)` then `T_f(o, y*)`, laid out as `OS`. */
  readonly OY: Float64Array;
  /** Per fold and option: 1 where the option is constant within every geo on the training rows (F · nOpt). */
  readonly OC: Uint8Array;
  /** Per option: 1 once a fold finds its base singular or the option collinear with the base. */
  readonly failed: Uint8Array;
  /** The base's training cross-products `W_f(B, B)` of the current fold, p × p row-major. */
  readonly Wb: Float64Array;
  /** The base's test cross-products `T_f(B, B)` of the current fold, p × p row-major. */
  readonly Tb: Float64Array;
  /** Cholesky factor of the scaled `D⁻¹ W_f(B, B) D⁻¹`, p × p lower, row-major. */
  readonly L: Float64Array;
  /** The scaling D: square roots of the diagonal of `W_f(B, B)` (p). */
  readonly d: Float64Array;
  /** `W_f(B, y*)` of the current fold (p). */
  readonly rb: Float64Array;
  /** `T_f(B, y*)` of the current fold (p). */
  readonly tb: Float64Array;
  /** The base fit `β_B = W_B⁻¹ r_B` (p). */
  readonly beta: Float64Array;
  /** `T_B β_B` (p). */
  readonly tBeta: Float64Array;
  /** Work vector of the base solve (p). */
  readonly zb: Float64Array;
  /** Per base column: 1 where it is constant within every geo on the fold (its coefficient is 0). */
  readonly dropped: Uint8Array;
  /** Per option: `z = L⁻¹ D⁻¹ w`, w its cross-products with the base (p · nOpt, option innermost). */
  readonly Z: Float64Array;
  /** Per option: `h = W_B⁻¹ w` (p · nOpt, option innermost). */
  readonly H: Float64Array;
  /** Per option: `z'z = w' W_B⁻¹ w`. */
  readonly zz: Float64Array;
  /** Per option: accumulator of the triangular solves. */
  readonly acc: Float64Array;
  /** Per option: `w' β_B`. */
  readonly wb: Float64Array;
  /** Per option: `T_f(B, y*)' h`. */
  readonly tbh: Float64Array;
  /** Per option: `T_f(o, B)' β_B`. */
  readonly taub: Float64Array;
  /** Per option: `T_f(o, B)' h`. */
  readonly tauh: Float64Array;
  /** Per option: `h' T_B β_B`. */
  readonly htb: Float64Array;
  /** Per option: `h' T_B h`. */
  readonly hth: Float64Array;
}

/**
 * Allocates {@link ScoreBuffers}.
 *
 * @param nFolds the engine's CV folds F
 * @param p base columns
 * @param nOpt options
 */
export function makeScoreBuffers(nFolds: number, p: number, nOpt: number): ScoreBuffers {
  const F = nFolds, width = 2 * F + 1;
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

/** What {@link scoreOptionsByFolds} scores: the base, the options and where their cross-products come from. */
export interface OptionScoring {
  /** CV folds F (the full-sample fold is not scored). */
  readonly nFolds: number;
  /** Test rows per fold. */
  readonly testN: Float64Array;
  /** The engine's columns by id (for their constancy per fold). */
  readonly columns: readonly MomentColumn[];
  /** Ids of the base columns (without the fixed columns when `pairOf` is residualized). */
  readonly base: readonly number[];
  /** Ids of the options, each scored with the base. */
  readonly options: readonly number[];
  /** Cross-products of two columns, `W_f` (f = 0..F) then `T_f` (f < F), raw or residualized. */
  readonly pairOf: (a: number, b: number) => Float64Array;
  /** `W_f(a, y*)` then `T_f(a, y*)` of a column, raw or residualized as `pairOf`. */
  readonly ryOf: (a: number) => Float64Array;
  /** `T_f(y*, y*)` per fold, raw or residualized as `pairOf`. */
  readonly tyyAll: Float64Array;
  /** `pairOf(base_j, base_k)`, p × p. */
  readonly basePairs: readonly (readonly Float64Array[])[];
  /** `ryOf(base_j)`, p. */
  readonly baseRy: readonly Float64Array[];
}

/**
 * Writes to `out` the mean test RMSE over folds of the regression on `base ∪ {option}` for each option (NaN
 * where a fold's base system is singular or the option is collinear with the base).
 *
 * @param s the base, options and cross-products
 * @param buf work arrays for `s.base.length` columns and `s.options.length` options
 * @param out one score per option
 */
export function scoreOptionsByFolds(s: OptionScoring, buf: ScoreBuffers, out: Float64Array): void {
  const { nFolds: F, testN, columns, base, options, pairOf, ryOf, tyyAll, basePairs, baseRy } = s;
  const p = base.length;
  // Per option, laid out option-innermost so that every step below is a loop over options:
  // W_f(o, base_j), T_f(o, base_j) at ((f · p + j) · nOpt + o); self and y terms at (slot · nOpt + o).
  const nOpt = options.length, width = 2 * F + 1;
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
    const cst = columns[id].constant;
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
    const nTest = testN[f];
    for (let j = 0; j < p; j++) dropped[j] = columns[base[j]].constant[f];
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
