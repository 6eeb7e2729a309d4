/**
 * The small dense solves of the geo CV engine: Cholesky factors of diagonally scaled cross-product matrices
 * (`D⁻¹ W D⁻¹`, D the square roots of W's diagonal) and triangular solves with them (Golub & Van Loan,
 * "Matrix Computations", 4th ed., §4.2 and §3.1).
 *
 * @module
 */

/** Relative pivot below which a scaled system counts as singular, and an option as collinear with its base. */
export const COLLINEAR = 1e-12;

/** Cholesky of the diagonally scaled `D⁻¹ W D⁻¹` into `L`; false when not positive definite. */
export function scaledCholesky(W: Float64Array, d: Float64Array, L: Float64Array, p: number): boolean {
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
export function fixedSolve(
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
export function triSolve(L: Float64Array, z: Float64Array, p: number): void {
  forward(L, z, p);
  backward(L, z, p);
}
