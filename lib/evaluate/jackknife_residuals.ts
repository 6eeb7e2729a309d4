/**
 * Jackknife ("CV3") residuals of a least-squares fit: each cluster's residuals under the fit without that
 * cluster, `ü_k = ê_k + X_k (X'X − X_k'X_k)⁻¹ X_k'ê_k`, the residuals `geo_bootstrap.ts` resamples
 * (MacKinnon, Nielsen & Webb 2023, "Fast and reliable jackknife and bootstrap methods for cluster-robust
 * inference", J. Applied Econometrics 38(5)).
 *
 * @module
 */

/**
 * Jackknife (leave-one-cluster-out) residuals of a least-squares fit: `ü_k = ê_k + X_k (X'X − X_k'X_k)⁻¹
 * X_k'ê_k`, the residuals of cluster k's rows under the fit without them (see the module doc). A cluster
 * whose removal leaves `X'X − X_k'X_k` singular keeps its ordinary residuals.
 *
 * @param x regressors, n × k row-major (within-demeaned for a fixed-effects fit)
 * @param k columns
 * @param residuals n ordinary residuals
 * @param cluster cluster code of each row (0..K−1)
 * @param K clusters
 * @example
 * jackknifeResiduals(x, 3, fit.residuals, geoCodes, 40); // Float64Array(n)
 */
export function jackknifeResiduals(
  x: Float64Array,
  k: number,
  residuals: Float64Array,
  cluster: Int32Array,
  K: number,
): Float64Array {
  const n = residuals.length;
  if (x.length !== n * k) throw new RangeError(`x has ${x.length} entries, expected ${n} × ${k}`);
  const H = new Float64Array(K * k * k), s = new Float64Array(K * k);
  const A = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    const c = cluster[i], row = i * k, hb = c * k * k, ei = residuals[i];
    for (let a = 0; a < k; a++) {
      const xa = x[row + a];
      s[c * k + a] += xa * ei;
      for (let b = a; b < k; b++) H[hb + a * k + b] += xa * x[row + b];
    }
  }
  for (let c = 0; c < K; c++) {
    for (let a = 0; a < k; a++) for (let b = a; b < k; b++) A[a * k + b] += H[c * k * k + a * k + b];
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) A[a * k + b] = A[b * k + a];
  const delta = new Float64Array(K * k);
  const M = new Float64Array(k * k);
  const ok = new Uint8Array(K);
  for (let c = 0; c < K; c++) {
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        const h = a <= b ? H[c * k * k + a * k + b] : H[c * k * k + b * k + a];
        M[a * k + b] = A[a * k + b] - h;
      }
    }
    const d = solveSpd(M, s.subarray(c * k, (c + 1) * k), k);
    if (d) {
      delta.set(d, c * k);
      ok[c] = 1;
    }
  }
  const out = Float64Array.from(residuals);
  for (let i = 0; i < n; i++) {
    const c = cluster[i];
    if (!ok[c]) continue;
    let v = 0;
    for (let a = 0; a < k; a++) v += x[i * k + a] * delta[c * k + a];
    out[i] += v;
  }
  return out;
}

/** Solves `M z = r` for a symmetric positive-definite M by diagonally scaled Cholesky; null when singular. */
function solveSpd(M: Float64Array, r: ArrayLike<number>, k: number): Float64Array | null {
  const d = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    if (!(M[j * k + j] > 0)) return null;
    d[j] = Math.sqrt(M[j * k + j]);
  }
  const L = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let s = 1;
    for (let p = 0; p < j; p++) s -= L[j * k + p] * L[j * k + p];
    if (!(s > 1e-10)) return null;
    const ljj = Math.sqrt(s);
    L[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let v = M[i * k + j] / (d[i] * d[j]);
      for (let p = 0; p < j; p++) v -= L[i * k + p] * L[j * k + p];
      L[i * k + j] = v / ljj;
    }
  }
  const z = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let v = r[i] / d[i];
    for (let p = 0; p < i; p++) v -= L[i * k + p] * z[p];
    z[i] = v / L[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let v = z[i];
    for (let p = i + 1; p < k; p++) v -= L[p * k + i] * z[p];
    z[i] = v / L[i * k + i];
  }
  for (let i = 0; i < k; i++) z[i] /= d[i];
  return z;
}
