/**
 * Cholesky factorization `A = L L'` of a symmetric positive-definite matrix, and solves with it.
 *
 * Reference: Golub & Van Loan, "Matrix Computations" (4th ed.), Algorithm 4.2.1.
 *
 * @module
 */

import { ModelError } from "../errors.ts";

/**
 * Lower-triangular `L` (k × k row-major, zeros above the diagonal) with `A = L L'`.
 * Throws a `ModelError` naming the failing pivot (and its column name when `names` is given) when `A` is not
 * numerically positive definite.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(cholesky(new Float64Array([4, 2, 2, 3]), 2), [2, 0, 1, 1.4142135623730951], 5e-17);
 * ```
 */
export function cholesky(a: Float64Array, k: number, names?: readonly string[]): Float64Array {
  if (a.length !== k * k) throw new RangeError(`matrix has ${a.length} entries, expected ${k} × ${k}`);
  const l = new Float64Array(k * k);
  const j = choleskyPivot(l, a, k);
  if (j >= 0) {
    const what = names?.[j] !== undefined ? `column "${names[j]}"` : `pivot ${j}`;
    throw new ModelError(
      `matrix is not positive definite at ${what}: that column is (numerically) a linear combination of earlier ones`,
      names?.[j] !== undefined ? [names[j]] : [],
    );
  }
  return l;
}

/**
 * Allocation-free Cholesky for hot loops: writes `L` into `out` (k × k) and returns false instead of
 * throwing when a pivot is not positive (relative to the diagonal scale, tolerance `1e-12`).
 */
export function choleskyInto(out: Float64Array, a: Float64Array, k: number): boolean {
  return choleskyPivot(out, a, k) < 0;
}

/**
 * The factorization loop of `choleskyInto`: writes `L` into `out` and returns −1, or returns the index of the
 * first pivot that is not positive relative to its diagonal entry (tolerance `1e-12`).
 */
function choleskyPivot(out: Float64Array, a: Float64Array, k: number): number {
  for (let j = 0; j < k; j++) {
    let d = a[j * k + j];
    for (let p = 0; p < j; p++) d -= out[j * k + p] * out[j * k + p];
    if (!(d > 1e-12 * Math.abs(a[j * k + j])) || !(d > 0)) return j;
    const ljj = Math.sqrt(d);
    out[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = a[i * k + j];
      for (let p = 0; p < j; p++) s -= out[i * k + p] * out[j * k + p];
      out[i * k + j] = s / ljj;
    }
    for (let i = 0; i < j; i++) out[i * k + j] = 0;
  }
  return -1;
}

/**
 * Solves `L L' x = b` given the Cholesky factor `L` (forward then back substitution).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const l = cholesky(new Float64Array([4, 2, 2, 3]), 2);
 * assertClose(choleskySolve(l, new Float64Array([6, 5]), 2), [1, 1], 1e-9);
 * ```
 */
export function choleskySolve(l: Float64Array, b: ArrayLike<number>, k: number): Float64Array {
  const x = new Float64Array(k);
  choleskySolveInto(x, l, b, k);
  return x;
}

/** Allocation-free `choleskySolve`: writes the solution into `out` (may alias `b`). */
export function choleskySolveInto(out: Float64Array, l: Float64Array, b: ArrayLike<number>, k: number): void {
  for (let i = 0; i < k; i++) {
    let s = b[i];
    for (let p = 0; p < i; p++) s -= l[i * k + p] * out[p];
    out[i] = s / l[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = out[i];
    for (let p = i + 1; p < k; p++) s -= l[p * k + i] * out[p];
    out[i] = s / l[i * k + i];
  }
}

/**
 * Inverse of a symmetric positive-definite matrix through its Cholesky factor, `A⁻¹ = L'⁻¹ L⁻¹`.
 * For covariance matrices (e.g. `σ² (X'X)⁻¹`), never for solving a system.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(spdInverse(new Float64Array([2, 0, 0, 4]), 2), [0.5, 0, 0, 0.25], 5e-3);
 * ```
 */
export function spdInverse(a: Float64Array, k: number, names?: readonly string[]): Float64Array {
  const l = cholesky(a, k, names);
  const inv = new Float64Array(k * k);
  const e = new Float64Array(k);
  const col = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    e.fill(0);
    e[j] = 1;
    choleskySolveInto(col, l, e, k);
    for (let i = 0; i < k; i++) inv[i * k + j] = col[i];
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) inv[i * k + j] = inv[j * k + i] = 0.5 * (inv[i * k + j] + inv[j * k + i]);
  }
  return inv;
}
