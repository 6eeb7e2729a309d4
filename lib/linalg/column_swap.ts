/**
 * Residual sums of squares of a least-squares fit when one or two of its columns are swapped for
 * alternatives, without refactoring the whole design for each alternative.
 *
 * By the Frisch–Waugh–Lovell theorem, with `X = [K Z]` (K the kept columns, Z the swapped ones),
 * `SSE(X) = SSE(K) − e'Z̃ (Z̃'Z̃)⁻¹ Z̃'e`, where `e` is the residual of y on K and `Z̃ = (I − P_K) Z` is Z's part
 * not explained by K. With `K = Q R` (Householder QR), `e` and `Z̃` are the last `n − k_K` entries of `Q'y`
 * and `Q'Z`, so each alternative costs `O(n · k)` instead of the `O(n · k²)` of a new factorization
 * (Golub & Van Loan 2013, §5.3 and §6.5; Davidson & MacKinnon 2004, §2.4).
 *
 * Rank: as `qrLeastSquares` (`collinearColumns`, tolerance 1e-9), a design is rank deficient when a kept
 * column is a combination of earlier kept ones, or when a swapped column's part not explained by the columns
 * before it (K, then the earlier swapped column) has norm at most 1e-9 times the column's norm; such a design
 * scores `Infinity`.
 *
 * @module
 */

import { applyQTranspose, collinearColumns, qrDecompose } from "./qr.ts";

/** Scores alternatives for the swapped columns of one design ({@link columnSwapScorer}). */
export interface ColumnSwapScorer {
  /** Residual sum of squares of y on the kept columns and the alternative columns `z` (each length n). */
  readonly sse: (z: readonly Float64Array[]) => number;
  /** Residual sum of squares of y on the kept columns alone (`Infinity` when they are rank deficient). */
  readonly keptSse: number;
}

/** Tolerance of the rank check, as `collinearColumns` in `qr.ts`. */
const RANK_TOL = 1e-9;

/**
 * Prepares scoring of alternatives for the columns `swap` (one or two column indices) of the n × k row-major
 * design `x` against `y` (see the module doc). The kept columns keep their order; the alternatives enter after
 * them, in the order given.
 *
 * @param x n × k row-major design (its `swap` columns are ignored)
 * @param y length-n outcome
 * @param swap one or two distinct column indices in `0..k−1`
 * @returns a scorer; every score is `Infinity` when the kept columns are rank deficient
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * // y = 1 + 2t exactly; swapping the slope column for t gives a perfect fit, for t² does not
 * const x = new Float64Array([1, 0, 1, 0, 1, 0, 1, 0]); // [1, placeholder] for t = 0..3
 * const s = columnSwapScorer(x, new Float64Array([1, 3, 5, 7]), 4, 2, [1]);
 * assertClose(s.sse([new Float64Array([0, 1, 2, 3])]), 0, 1e-12);
 * assertClose(s.keptSse, 20, 1e-12); // Σ (y − 4)²
 * ```
 */
export function columnSwapScorer(
  x: Float64Array,
  y: Float64Array,
  n: number,
  k: number,
  swap: readonly number[],
): ColumnSwapScorer {
  if (!(swap.length === 1 || swap.length === 2) || new Set(swap).size !== swap.length) {
    throw new RangeError(`swap must name one or two distinct columns, got [${swap.join(", ")}]`);
  }
  for (const j of swap) {
    if (!(Number.isInteger(j) && j >= 0 && j < k)) throw new RangeError(`column ${j} is not in 0..${k - 1}`);
  }
  if (x.length !== n * k || y.length !== n) {
    throw new RangeError(`x must be ${n} × ${k} and y length ${n}, got ${x.length} and ${y.length} values`);
  }
  const kept = [...Array(k).keys()].filter((j) => !swap.includes(j));
  const kk = kept.length, s = swap.length;
  if (n <= kk + s - 1) {
    // fewer rows than coefficients: every design is rank deficient
    return { sse: () => Infinity, keptSse: Infinity };
  }
  const xk = new Float64Array(n * kk);
  for (let i = 0; i < n; i++) for (let c = 0; c < kk; c++) xk[i * kk + c] = x[i * k + kept[c]];
  const f = kk > 0 ? qrDecompose(xk, n, kk) : null;
  if (f && collinearColumns(f, RANK_TOL).length > 0) return { sse: () => Infinity, keptSse: Infinity };
  const e = Float64Array.from(y);
  if (f) applyQTranspose(f, e);
  let keptSse = 0;
  for (let i = kk; i < n; i++) keptSse += e[i] * e[i];
  const z1 = new Float64Array(n), z2 = new Float64Array(n);
  const project = (z: Float64Array, into: Float64Array): number => {
    if (z.length !== n) throw new RangeError(`an alternative column has ${z.length} values, expected ${n}`);
    let norm = 0;
    for (let i = 0; i < n; i++) {
      into[i] = z[i];
      norm += z[i] * z[i];
    }
    if (f) applyQTranspose(f, into);
    return Math.sqrt(norm);
  };
  const sse = (z: readonly Float64Array[]): number => {
    if (z.length !== s) throw new RangeError(`expected ${s} alternative column(s), got ${z.length}`);
    const norm1 = project(z[0], z1);
    let d11 = 0, b1 = 0;
    for (let i = kk; i < n; i++) {
      d11 += z1[i] * z1[i];
      b1 += z1[i] * e[i];
    }
    if (norm1 === 0 || Math.sqrt(d11) <= RANK_TOL * norm1) return Infinity;
    let out = keptSse - (b1 * b1) / d11;
    if (s === 2) {
      const norm2 = project(z[1], z2);
      let d12 = 0;
      for (let i = kk; i < n; i++) d12 += z1[i] * z2[i];
      const g = d12 / d11;
      // w: the second column's part not explained by K and the first
      let ww = 0, we = 0;
      for (let i = kk; i < n; i++) {
        const w = z2[i] - g * z1[i];
        ww += w * w;
        we += w * e[i];
      }
      if (norm2 === 0 || Math.sqrt(ww) <= RANK_TOL * norm2) return Infinity;
      out -= (we * we) / ww;
    }
    return out > 0 ? out : 0;
  };
  return { sse, keptSse };
}
