/**
 * The solver of `fitElasticNet` (`elastic_net.ts`): scikit-learn's cyclic coordinate descent
 * (`cd_fast.enet_coordinate_descent`, dense X, `selection="cyclic"`) on column-major centered data, minimizing
 * `½‖y − Xw‖² + l1‖w‖₁ + ½ l2‖w‖²`, with its duality-gap stopping rule (see `elastic_net.ts` for the update and
 * the gap).
 *
 * @module
 */

/**
 * sklearn's `enet_coordinate_descent` on column-major centered `cols` (n × k), updating `w` in place.
 * Minimizes `½‖y − Xw‖² + l1‖w‖₁ + ½ l2‖w‖²`.
 */
export function coordinateDescent(
  cols: Float64Array,
  y: Float64Array,
  n: number,
  k: number,
  w: Float64Array,
  l1: number,
  l2: number,
  maxIter: number,
  tol: number,
  positive: boolean,
): { nIter: number; gap: number; tolScaled: number; converged: boolean } {
  const normCols = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += cols[j * n + i] * cols[j * n + i];
    normCols[j] = s;
  }
  // residual r = y − Xw
  const r = Float64Array.from(y);
  for (let j = 0; j < k; j++) {
    const wj = w[j];
    if (wj === 0) continue;
    for (let i = 0; i < n; i++) r[i] -= cols[j * n + i] * wj;
  }
  let yy = 0;
  for (let i = 0; i < n; i++) yy += y[i] * y[i];
  const tolScaled = tol * yy;
  let gap = Infinity;
  for (let iter = 0; iter < maxIter; iter++) {
    let wMax = 0, dwMax = 0;
    for (let j = 0; j < k; j++) {
      if (normCols[j] === 0) continue;
      const base = j * n;
      const wOld = w[j];
      if (wOld !== 0) { for (let i = 0; i < n; i++) r[i] += cols[base + i] * wOld; }
      let z = 0;
      for (let i = 0; i < n; i++) z += cols[base + i] * r[i];
      const wNew = positive && z < 0
        ? 0
        : (Math.sign(z) * Math.max(Math.abs(z) - l1, 0)) / (normCols[j] + l2);
      w[j] = wNew;
      if (wNew !== 0) { for (let i = 0; i < n; i++) r[i] -= cols[base + i] * wNew; }
      dwMax = Math.max(dwMax, Math.abs(wNew - wOld));
      wMax = Math.max(wMax, Math.abs(wNew));
    }
    if (wMax === 0 || dwMax / wMax < tol || iter === maxIter - 1) {
      gap = dualityGap(cols, y, r, n, k, w, l1, l2, positive);
      if (gap < tolScaled) return { nIter: iter + 1, gap, tolScaled, converged: true };
    }
  }
  return { nIter: maxIter, gap, tolScaled, converged: false };
}

/** Duality gap of `½‖y − Xw‖² + l1‖w‖₁ + ½ l2‖w‖²` at `w` with residual `r` (sklearn's formula). */
function dualityGap(
  cols: Float64Array,
  y: Float64Array,
  r: Float64Array,
  n: number,
  k: number,
  w: Float64Array,
  l1: number,
  l2: number,
  positive: boolean,
): number {
  let dualNorm = positive ? -Infinity : 0;
  let wNorm1 = 0, wNorm2 = 0;
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += cols[j * n + i] * r[i];
    const v = s - l2 * w[j];
    dualNorm = positive ? Math.max(dualNorm, v) : Math.max(dualNorm, Math.abs(v));
    wNorm1 += Math.abs(w[j]);
    wNorm2 += w[j] * w[j];
  }
  let rNorm2 = 0, ry = 0;
  for (let i = 0; i < n; i++) {
    rNorm2 += r[i] * r[i];
    ry += r[i] * y[i];
  }
  let c = 1;
  let gap: number;
  if (dualNorm > l1) {
    c = l1 / dualNorm;
    gap = 0.5 * (rNorm2 + rNorm2 * c * c);
  } else {
    gap = rNorm2;
  }
  return gap + l1 * wNorm1 - c * ry + 0.5 * l2 * (1 + c * c) * wNorm2;
}
