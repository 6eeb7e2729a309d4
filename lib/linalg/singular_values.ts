/**
 * Singular values of small matrices and the condition number of a design, as statsmodels reports it
 * ("Cond. No.": the ratio of the largest to the smallest singular value of the exogenous matrix).
 *
 * @module
 */

/**
 * Singular values (descending) of an m × k row-major matrix (m ≥ k) by one-sided Jacobi rotations
 * (Hestenes 1958): columns are rotated pairwise until mutually orthogonal; their norms are then the singular
 * values, each with high relative accuracy (Demmel & Veselić 1992). Meant for k up to a few dozen, e.g. the
 * k × k `R` of `X = QR`, whose singular values are those of `X`.
 *
 * @param a m × k row-major
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(singularValues(new Float64Array([3, 0, 0, 4]), 2, 2), [4, 3], 1e-9);
 * ```
 */
export function singularValues(a: Float64Array, m: number, k: number): Float64Array {
  if (a.length !== m * k) throw new RangeError(`matrix has ${a.length} entries, expected ${m} × ${k}`);
  if (m < k) throw new RangeError(`singularValues needs rows ≥ columns, got ${m} × ${k}`);
  // work on columns stored contiguously
  const c = new Float64Array(m * k);
  for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) c[j * m + i] = a[i * k + j];
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        let alpha = 0, beta = 0, gamma = 0;
        for (let i = 0; i < m; i++) {
          const x = c[p * m + i], y = c[q * m + i];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const cs = 1 / Math.sqrt(1 + t * t);
        const sn = cs * t;
        for (let i = 0; i < m; i++) {
          const x = c[p * m + i], y = c[q * m + i];
          c[p * m + i] = cs * x - sn * y;
          c[q * m + i] = sn * x + cs * y;
        }
      }
    }
    if (!rotated) break;
  }
  const out = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += c[j * m + i] * c[j * m + i];
    out[j] = Math.sqrt(s);
  }
  return out.sort().reverse();
}

/**
 * Condition number `σ_max / σ_min` of a design matrix from the `R` factor of its QR decomposition (same
 * singular values as `X`), i.e. statsmodels' `condition_number`, equal to `√(λ_max/λ_min)` of `X'X` but
 * without squaring the conditioning. Infinite for a singular `R`.
 *
 * @param r k × k upper-triangular R of `X = QR`
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(conditionNumberFromR(new Float64Array([2, 0, 0, 0.5]), 2), 4, 1e-9);
 * ```
 */
export function conditionNumberFromR(r: Float64Array, k: number): number {
  const s = singularValues(r, k, k);
  return s[0] / s[k - 1];
}
