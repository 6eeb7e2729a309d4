/**
 * Scoring of the fast CV search (`search_moments.ts` describes the method): per fold and penalty, the ridge
 * solve from the moments by Cholesky and the test error, with reusable buffers.
 *
 * @module
 */

import { choleskyInto, choleskySolveInto } from "../linalg/cholesky.ts";
import type { FoldMoments, SolverSetup } from "./search_fold_moments.ts";

/** Preallocated buffers for {@link scoreAlphas}. */
export class SolverWork {
  /** The fold's centered (and standardized) Gram matrix of the features, `p × p` row-major. */
  readonly a: Float64Array;
  /** `a` with α added to the diagonal, the matrix factored for one penalty: `p × p`. */
  readonly g: Float64Array;
  /** Its lower-triangular Cholesky factor, `p × p` row-major. */
  readonly l: Float64Array;
  /** Right-hand side `Z'(y − ȳ)` of the normal equations, length p. */
  readonly rhs: Float64Array;
  /**
   * Per feature, the training standard deviation (ddof = 0) it is divided by; 1 without standardizing or for
   * a dropped column.
   */
  readonly scale: Float64Array;
  /** Per feature, the value it is centered on (the training mean, or 0 when nothing is centered). */
  readonly center: Float64Array;
  /** The solution, then the coefficients in raw units `β_j / s_j`, length p. */
  readonly beta: Float64Array;
  /** Predictions of the fold's test rows (the first `test.length` entries are used). */
  readonly pred: Float64Array;
  /**
   * Per feature, 1 when it is zero on the fold's training rows after centering (or absorbed by the fixed
   * effects): coefficient 0.
   */
  readonly dropped: Uint8Array;
  /** Allocates the buffers for p features and test sets of at most `maxTest` rows. */
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
