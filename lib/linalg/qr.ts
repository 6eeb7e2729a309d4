/**
 * Least squares by Householder QR, with a rank check that names the collinear columns.
 *
 * `X = Q R`; the solution of `min ‖y − Xb‖²` is `R b = Q'y`. This never forms `X'X`, so it keeps the
 * accuracy that the normal equations lose on ill-conditioned designs (Golub & Van Loan, §5.3).
 *
 * @module
 */

import { ModelError } from "../errors.ts";

/** The factored form of an n × k matrix. */
export interface QrFactors {
  /** Rows of the factored matrix (n ≥ k). */
  readonly n: number;
  /** Columns of the factored matrix. */
  readonly k: number;
  /**
   * Column-major (`qr[j * n + i]` is row i of column j), so each Householder step runs over contiguous memory:
   * R on and above the diagonal, Householder vectors below it.
   */
  readonly qr: Float64Array;
  /** Householder scalars β_j (reflector `I − β v v'` with `v_j = 1`). */
  readonly beta: Float64Array;
  /** Euclidean norm of each original column. */
  readonly columnNorms: Float64Array;
}

/** The result of `qrLeastSquares`. */
export interface LeastSquaresSolution {
  /** The k coefficients b minimizing `‖y − Xb‖²`, by back substitution in `R b = Q'y`, in column order. */
  readonly coef: Float64Array;
  /** k × k upper-triangular R (zeros below the diagonal). */
  readonly r: Float64Array;
  /** The n residuals `y − Xb`. */
  readonly residuals: Float64Array;
  /** The n fitted values `Xb`. */
  readonly fitted: Float64Array;
}

/**
 * Householder QR of an n × k row-major matrix (n ≥ k). The input is not modified.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const f = qrDecompose(new Float64Array([3, 4]), 2, 1);
 * assertClose(f.qr[0], 5, 1e-12); // R₁₁, in the upper triangle of qr: |R₁₁| = ‖(3, 4)‖ = 5
 * ```
 */
export function qrDecompose(x: Float64Array, n: number, k: number): QrFactors {
  if (x.length !== n * k) throw new RangeError(`matrix has ${x.length} entries, expected ${n} × ${k}`);
  if (n < k) {
    throw new ModelError(
      `${n} rows cannot identify ${k} coefficients: need at least as many rows as columns`,
    );
  }
  const a = new Float64Array(n * k); // column-major copy
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) a[j * n + i] = x[i * k + j];
  const beta = new Float64Array(k);
  const columnNorms = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = j * n, end = i + n; i < end; i++) s += a[i] * a[i];
    columnNorms[j] = Math.sqrt(s);
  }
  for (let j = 0; j < k; j++) {
    const cj = j * n;
    let sigma = 0;
    for (let i = j + 1; i < n; i++) sigma += a[cj + i] * a[cj + i];
    const x0 = a[cj + j];
    if (sigma === 0) {
      beta[j] = 0;
      continue;
    }
    const mu = Math.sqrt(x0 * x0 + sigma);
    const v0 = x0 <= 0 ? x0 - mu : -sigma / (x0 + mu);
    beta[j] = (2 * v0 * v0) / (sigma + v0 * v0);
    for (let i = j + 1; i < n; i++) a[cj + i] /= v0;
    // apply the reflector to the remaining columns
    for (let c = j + 1; c < k; c++) {
      const cc = c * n;
      let dot = a[cc + j];
      for (let i = j + 1; i < n; i++) dot += a[cj + i] * a[cc + i];
      dot *= beta[j];
      a[cc + j] -= dot;
      for (let i = j + 1; i < n; i++) a[cc + i] -= dot * a[cj + i];
    }
    // Golub & Van Loan Alg. 5.1.1 chooses v0 so that H x = ‖x‖ e1: R_jj = +mu.
    a[cj + j] = mu;
  }
  return { n, k, qr: a, beta, columnNorms };
}

/** Applies `Q'` to a length-n vector, in place. */
export function applyQTranspose(f: QrFactors, y: Float64Array): void {
  const { n, k, qr, beta } = f;
  for (let j = 0; j < k; j++) {
    if (beta[j] === 0) continue;
    const cj = j * n;
    let dot = y[j];
    for (let i = j + 1; i < n; i++) dot += qr[cj + i] * y[i];
    dot *= beta[j];
    y[j] -= dot;
    for (let i = j + 1; i < n; i++) y[i] -= dot * qr[cj + i];
  }
}

/** Upper-triangular R (k × k) from QR factors. */
export function qrR(f: QrFactors): Float64Array {
  const { n, k, qr } = f;
  const r = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = i; j < k; j++) r[i * k + j] = qr[j * n + i];
  return r;
}

/**
 * Columns of X that are (numerically) linear combinations of earlier ones: column j is flagged when the part
 * of it not explained by columns 0..j-1 has norm `|R_jj| ≤ tol · ‖x_j‖` (or the column is all zeros).
 * For each flagged column, `partners` lists the earlier columns with a material weight in the combination.
 */
export function collinearColumns(
  f: QrFactors,
  tol = 1e-9,
): { column: number; partners: number[] }[] {
  const { n, k, qr, columnNorms } = f;
  const R = (i: number, j: number) => qr[j * n + i];
  const found: { column: number; partners: number[] }[] = [];
  const flagged = new Set<number>();
  for (let j = 0; j < k; j++) {
    const rjj = Math.abs(R(j, j));
    if (columnNorms[j] === 0 || rjj <= tol * columnNorms[j]) {
      // solve R[0:j,0:j] c = R[0:j, j] over the unflagged earlier columns
      const keep = [...Array(j).keys()].filter((p) => !flagged.has(p));
      const c = new Float64Array(j);
      for (let a = keep.length - 1; a >= 0; a--) {
        const p = keep[a];
        let s = R(p, j);
        for (let b = a + 1; b < keep.length; b++) s -= R(p, keep[b]) * c[keep[b]];
        c[p] = s / R(p, p);
      }
      const partners = keep.filter((p) =>
        Math.abs(c[p]) * columnNorms[p] > 1e-6 * Math.max(columnNorms[j], 1e-300)
      );
      found.push({ column: j, partners });
      flagged.add(j);
    }
  }
  return found;
}

/**
 * Least-squares solution of `y ≈ X b` by Householder QR. A rank-deficient design raises a `ModelError` whose
 * message names each collinear column and the columns it is a combination of (using `names` when given).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * // y = 1 + 2x fitted exactly
 * assertClose(qrLeastSquares(new Float64Array([1, 0, 1, 1, 1, 2]), new Float64Array([1, 3, 5]), 3, 2).coef, [1, 2], 1e-9);
 * ```
 */
export function qrLeastSquares(
  x: Float64Array,
  y: ArrayLike<number>,
  n: number,
  k: number,
  names?: readonly string[],
): LeastSquaresSolution {
  if (y.length !== n) throw new RangeError(`y has ${y.length} rows, X has ${n}`);
  const f = qrDecompose(x, n, k);
  const bad = collinearColumns(f);
  if (bad.length > 0) {
    const label = (j: number) => names?.[j] ?? `x${j}`;
    const parts = bad.map(({ column, partners }) =>
      f.columnNorms[column] === 0
        ? `"${label(column)}" is all zeros`
        : `"${label(column)}" is a linear combination of ${
          partners.map((p) => `"${label(p)}"`).join(", ") || "earlier columns"
        }`
    );
    const columns = [...new Set(bad.flatMap(({ column, partners }) => [column, ...partners]))].map(label);
    throw new ModelError(`design matrix is rank deficient: ${parts.join("; ")}`, columns);
  }
  const qty = Float64Array.from(y);
  applyQTranspose(f, qty);
  const coef = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = qty[i];
    for (let j = i + 1; j < k; j++) s -= f.qr[j * n + i] * coef[j];
    coef[i] = s / f.qr[i * n + i];
  }
  const fitted = new Float64Array(n);
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += x[i * k + j] * coef[j];
    fitted[i] = s;
    residuals[i] = y[i] - s;
  }
  return { coef, r: qrR(f), residuals, fitted };
}

/**
 * `(X'X)⁻¹ = R⁻¹ R⁻ᵀ` from the upper-triangular R of `X = QR` (k × k row-major). For covariance matrices.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(xtxInverseFromR(new Float64Array([2]), 1), [0.25], 5e-3);
 * ```
 */
export function xtxInverseFromR(r: Float64Array, k: number): Float64Array {
  // invert R (upper triangular) column by column
  const ri = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    ri[j * k + j] = 1 / r[j * k + j];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let p = i + 1; p <= j; p++) s += r[i * k + p] * ri[p * k + j];
      ri[i * k + j] = -s / r[i * k + i];
    }
  }
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let p = j; p < k; p++) s += ri[i * k + p] * ri[j * k + p];
      out[i * k + j] = out[j * k + i] = s;
    }
  }
  return out;
}
