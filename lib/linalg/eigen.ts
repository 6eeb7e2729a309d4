/**
 * Eigenvalues of a symmetric matrix by the cyclic Jacobi method (Golub & Van Loan, §8.5).
 *
 * @module
 */

/**
 * Eigenvalues of a symmetric k × k row-major matrix, ascending. Accurate to a few ulps of the largest
 * eigenvalue; meant for the small matrices of regression diagnostics (condition numbers, VIF checks).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(symmetricEigenvalues(new Float64Array([2, 1, 1, 2]), 2), [1, 3], 1e-9);
 * ```
 */
export function symmetricEigenvalues(a: Float64Array, k: number): Float64Array {
  if (a.length !== k * k) throw new RangeError(`matrix has ${a.length} entries, expected ${k} × ${k}`);
  const m = Float64Array.from(a);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += m[p * k + q] * m[p * k + q];
    let diag = 0;
    for (let p = 0; p < k; p++) diag += m[p * k + p] * m[p * k + p];
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = m[p * k + q];
        if (apq === 0) continue;
        const theta = (m[q * k + q] - m[p * k + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = m[r * k + p], arq = m[r * k + q];
          m[r * k + p] = c * arp - s * arq;
          m[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = m[p * k + r], aqr = m[q * k + r];
          m[p * k + r] = c * apr - s * aqr;
          m[q * k + r] = s * apr + c * aqr;
        }
      }
    }
  }
  const out = new Float64Array(k);
  for (let p = 0; p < k; p++) out[p] = m[p * k + p];
  return out.sort();
}
