/**
 * Wald test of linear restrictions on regression coefficients, in its F form.
 *
 * @module
 */

import { cholesky, choleskySolve } from "../linalg/mod.ts";
import { fSf } from "../stats/mod.ts";

/** An F test: statistic, p-value and its degrees of freedom. */
export interface FTestResult {
  /** The Wald F statistic `(Rb − r)' (R V R')⁻¹ (Rb − r) / q`. */
  readonly statistic: number;
  /** Upper-tail p-value of `statistic` under `F(dfNum, dfDenom)`. */
  readonly pValue: number;
  /** Numerator degrees of freedom q, the number of restrictions. */
  readonly dfNum: number;
  /** Denominator degrees of freedom as passed (usually the fit's `dfInference`: `dfResid`, or `G − 1` clustered). */
  readonly dfDenom: number;
}

/**
 * Wald test of `R b = r` in F form: `F = (Rb − r)' (R V R')⁻¹ (Rb − r) / q`, p-value from `F(q, dfDenom)`,
 * with `V` the coefficient covariance in use (classical or robust) and `q` the number of restrictions.
 * For the classical covariance and `R` selecting every non-constant coefficient this is the regression
 * F statistic `(ESS/df_model) / (SSR/df_resid)`. Same as statsmodels' `results.f_test(R)` (which takes
 * `dfDenom` from `df_resid_inference` when set, i.e. `G − 1` for cluster covariances).
 * Reference: Greene, "Econometric Analysis" (7th ed.), §5.4.
 *
 * @param coef the k coefficients
 * @param cov their k × k covariance
 * @param restrictions q × k row-major matrix R (full row rank)
 * @param dfDenom denominator degrees of freedom (> 0)
 * @param value the q right-hand sides r (default zeros)
 * @example
 * ```ts ignore
 * // H0: b1 = b2 = 0 in a model with const, b1, b2
 * waldTest(fit.coef, fit.cov, new Float64Array([0, 1, 0, 0, 0, 1]), fit.dfResid);
 * ```
 */
export function waldTest(
  coef: Float64Array,
  cov: Float64Array,
  restrictions: Float64Array,
  dfDenom: number,
  value?: Float64Array,
): FTestResult {
  const k = coef.length;
  if (cov.length !== k * k) throw new RangeError(`cov has ${cov.length} entries, expected ${k} × ${k}`);
  if (restrictions.length === 0 || restrictions.length % k !== 0) {
    throw new RangeError(`restrictions must be q × ${k} with q ≥ 1, got ${restrictions.length} entries`);
  }
  const q = restrictions.length / k;
  if (value !== undefined && value.length !== q) {
    throw new RangeError(`value has ${value.length} entries, q = ${q}`);
  }
  // d = R b − r; A = R V R'
  const d = new Float64Array(q);
  const rv = new Float64Array(q * k);
  for (let i = 0; i < q; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) {
      const rij = restrictions[i * k + j];
      s += rij * coef[j];
      if (rij === 0) continue;
      for (let c = 0; c < k; c++) rv[i * k + c] += rij * cov[j * k + c];
    }
    d[i] = s - (value?.[i] ?? 0);
  }
  const a = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += rv[i * k + c] * restrictions[j * k + c];
      a[i * q + j] = s;
    }
  }
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < i; j++) a[i * q + j] = a[j * q + i] = 0.5 * (a[i * q + j] + a[j * q + i]);
  }
  const solved = choleskySolve(cholesky(a, q), d, q);
  let quad = 0;
  for (let i = 0; i < q; i++) quad += d[i] * solved[i];
  const statistic = quad / q;
  return { statistic, pValue: fSf(statistic, q, dfDenom), dfNum: q, dfDenom };
}

/**
 * The restriction matrix that sets the listed coefficients to zero: one row per index, a 1 in its column.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(zeroRestrictions([1, 2], 3), [0, 1, 0, 0, 0, 1], 1e-9);
 * ```
 */
export function zeroRestrictions(indices: readonly number[], k: number): Float64Array {
  const r = new Float64Array(indices.length * k);
  indices.forEach((j, i) => {
    if (!(Number.isInteger(j) && j >= 0 && j < k)) throw new RangeError(`index ${j} outside 0..${k - 1}`);
    r[i * k + j] = 1;
  });
  return r;
}
