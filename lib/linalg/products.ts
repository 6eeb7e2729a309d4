/**
 * Matrix products on row-major `Float64Array`s (`a[i * cols + j]`).
 *
 * @module
 */

/**
 * Gram matrix `X'X` (k × k, symmetric) of an n × k row-major matrix.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(crossProduct(new Float64Array([1, 2, 3, 4]), 2, 2), [10, 14, 14, 20], 1e-9);
 * ```
 */
export function crossProduct(x: Float64Array, n: number, k: number): Float64Array {
  checkSize(x, n, k);
  const out = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    const row = i * k;
    for (let a = 0; a < k; a++) {
      const xa = x[row + a];
      if (xa === 0) continue;
      const base = a * k;
      for (let b = a; b < k; b++) out[base + b] += xa * x[row + b];
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) out[a * k + b] = out[b * k + a];
  return out;
}

/**
 * `X'y` for an n × k row-major `X` and a length-n `y`.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(crossProductVector(new Float64Array([1, 2, 3, 4]), new Float64Array([1, 1]), 2, 2), [4, 6], 1e-9);
 * ```
 */
export function crossProductVector(
  x: Float64Array,
  y: ArrayLike<number>,
  n: number,
  k: number,
): Float64Array {
  checkSize(x, n, k);
  if (y.length !== n) throw new RangeError(`y has ${y.length} rows, X has ${n}`);
  const out = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const yi = y[i];
    const row = i * k;
    for (let a = 0; a < k; a++) out[a] += x[row + a] * yi;
  }
  return out;
}

/**
 * `A v` for an r × c row-major `A`.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(matVec(new Float64Array([1, 2, 3, 4]), 2, 2, new Float64Array([1, 1])), [3, 7], 1e-9);
 * ```
 */
export function matVec(a: Float64Array, rows: number, cols: number, v: ArrayLike<number>): Float64Array {
  checkSize(a, rows, cols);
  if (v.length !== cols) throw new RangeError(`vector has ${v.length} entries, matrix has ${cols} columns`);
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    const row = i * cols;
    for (let j = 0; j < cols; j++) s += a[row + j] * v[j];
    out[i] = s;
  }
  return out;
}

/**
 * `A B` for row-major `A` (r × m) and `B` (m × c).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(matMul(new Float64Array([1, 2]), new Float64Array([3, 4]), 1, 2, 1), [11], 1e-9);
 * ```
 */
export function matMul(a: Float64Array, b: Float64Array, r: number, m: number, c: number): Float64Array {
  checkSize(a, r, m);
  checkSize(b, m, c);
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    for (let p = 0; p < m; p++) {
      const aip = a[i * m + p];
      if (aip === 0) continue;
      for (let j = 0; j < c; j++) out[i * c + j] += aip * b[p * c + j];
    }
  }
  return out;
}

/**
 * An n × k row-major matrix from k columns of length n (column j of the result is `columns[j]`).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(rowMajorFromColumns([new Float64Array([1, 2]), new Float64Array([3, 4])], 2), [1, 3, 2, 4], 1e-9);
 * ```
 */
export function rowMajorFromColumns(columns: readonly ArrayLike<number>[], n: number): Float64Array {
  const k = columns.length;
  const x = new Float64Array(n * k);
  for (let j = 0; j < k; j++) {
    const c = columns[j];
    if (c.length !== n) throw new RangeError(`column ${j} has ${c.length} rows, expected ${n}`);
    for (let i = 0; i < n; i++) x[i * k + j] = c[i];
  }
  return x;
}

/** Transpose of an r × c row-major matrix (result is c × r). */
export function transpose(a: Float64Array, r: number, c: number): Float64Array {
  checkSize(a, r, c);
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j];
  return out;
}

/**
 * Sandwich `B M B'`... specialised to the covariance form `A M A` for symmetric k × k `A` and `M`.
 * Used for robust covariances `(X'X)⁻¹ Ω (X'X)⁻¹`.
 */
export function sandwich(bread: Float64Array, meat: Float64Array, k: number): Float64Array {
  return matMul(matMul(bread, meat, k, k, k), bread, k, k, k);
}

function checkSize(a: Float64Array, rows: number, cols: number): void {
  if (a.length !== rows * cols) {
    throw new RangeError(`matrix has ${a.length} entries, expected ${rows} × ${cols} = ${rows * cols}`);
  }
}
