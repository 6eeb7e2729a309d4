/**
 * The pieces of the covariance sandwiches of `coefficientCovariance` (`covariance.ts`): the leverage that
 * weights HC2 and HC3, and the meats `M` of `B M B` — `Σ w_i x_i x_i'` (HC), Newey–West over rows in order
 * (HAC), the same over per-period score sums (Driscoll–Kraay), and the outer products of per-cluster score
 * sums (cluster). Each works on n × k row-major regressors and returns a k × k row-major matrix.
 *
 * @module
 */

/**
 * Leverage (diagonal of the hat matrix) `h_i = x_i' (X'X)⁻¹ x_i`, plus `offset_i` when given.
 * For a fixed-effects fit on within-transformed `X̃`, the dummy-variable fit's leverage is
 * `h_i = 1/n_{g(i)} + x̃_i' (X̃'X̃)⁻¹ x̃_i` (the hat matrix of `[D, X]` is `P_D + P_{M_D X}`).
 * Reference: Hoaglin & Welsch (1978), "The hat matrix in regression and ANOVA".
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(leverage(new Float64Array([1, 1, 1]), 3, 1, new Float64Array([1 / 3])), [1/3, 1/3, 1/3], 1e-9);
 * ```
 */
export function leverage(
  x: Float64Array,
  n: number,
  k: number,
  normalizedCov: Float64Array,
  offset?: Float64Array,
): Float64Array {
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * k;
    let s = 0;
    for (let a = 0; a < k; a++) {
      let t = 0;
      const base = a * k;
      for (let b = 0; b < k; b++) t += normalizedCov[base + b] * x[row + b];
      s += x[row + a] * t;
    }
    h[i] = offset === undefined ? s : s + offset[i];
  }
  return h;
}

/** `Σ_i w_i x_i x_i'` (k × k). */
export function weightedCrossProduct(x: Float64Array, n: number, k: number, w: Float64Array): Float64Array {
  const out = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    if (wi === 0) continue;
    const row = i * k;
    for (let a = 0; a < k; a++) {
      const xa = x[row + a] * wi;
      const base = a * k;
      for (let b = a; b < k; b++) out[base + b] += xa * x[row + b];
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) out[a * k + b] = out[b * k + a];
  return out;
}

/** Newey–West meat with Bartlett weights over the scores `u_t = x_t e_t` in row order. */
export function hacMeat(
  x: Float64Array,
  n: number,
  k: number,
  e: Float64Array,
  maxLags: number,
): Float64Array {
  const u = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let a = 0; a < k; a++) u[i * k + a] = x[i * k + a] * e[i];
  const out = new Float64Array(k * k);
  for (let lag = 0; lag <= maxLags; lag++) {
    const w = 1 - lag / (maxLags + 1);
    const gamma = new Float64Array(k * k); // Σ_t u_t u_{t−lag}'
    for (let t = lag; t < n; t++) {
      const r = t * k, s = (t - lag) * k;
      for (let a = 0; a < k; a++) {
        const ua = u[r + a];
        const base = a * k;
        for (let b = 0; b < k; b++) gamma[base + b] += ua * u[s + b];
      }
    }
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        out[a * k + b] += lag === 0 ? gamma[a * k + b] : w * (gamma[a * k + b] + gamma[b * k + a]);
      }
    }
  }
  return out;
}

/**
 * Driscoll–Kraay meat: the Newey–West meat of the period sums `h_t = Σ_{i: t(i)=t} x_i e_i`, in period order.
 */
export function driscollKraayMeat(
  x: Float64Array,
  n: number,
  k: number,
  e: Float64Array,
  period: Int32Array,
  nPeriods: number,
  maxLags: number,
): Float64Array {
  const sums = new Float64Array(nPeriods * k);
  for (let i = 0; i < n; i++) {
    const base = period[i] * k, row = i * k, ei = e[i];
    for (let a = 0; a < k; a++) sums[base + a] += x[row + a] * ei;
  }
  return hacMeat(sums, nPeriods, k, new Float64Array(nPeriods).fill(1), maxLags);
}

/** Cluster meat `Σ_g s_g s_g'` with `s_g = Σ_{i∈g} x_i e_i`. */
export function clusterMeat(
  x: Float64Array,
  n: number,
  k: number,
  e: Float64Array,
  codes: Int32Array,
  g: number,
): Float64Array {
  const sums = new Float64Array(g * k);
  for (let i = 0; i < n; i++) {
    const base = codes[i] * k, row = i * k, ei = e[i];
    for (let a = 0; a < k; a++) sums[base + a] += x[row + a] * ei;
  }
  const ones = new Float64Array(g).fill(1);
  return weightedCrossProduct(sums, g, k, ones);
}
