/**
 * Wild cluster bootstrap of a least-squares fit: the test of `H0: β_j = r` by the restricted wild cluster
 * bootstrap (WCR) of the cluster-robust t statistic, its confidence interval by test inversion, and the
 * unrestricted (WCU) studentized interval — inference that stays honest with few or unequal clusters, where
 * the cluster-robust t on `G − 1` degrees of freedom over-rejects (Cameron, Gelbach & Miller 2008; MacKinnon
 * & Webb 2017).
 *
 * **The test (WCR).** With `B = (X'X)⁻¹`, the cluster-robust (CR1) variance is
 * `V = c · B (Σ_g s_g s_g') B`, `s_g = X_g' û_g`, `c = G/(G−1) · (n−1)/(n−kParams)` (statsmodels' and Stata's
 * default), and `t = (β̂_j − r)/√V_jj`. The restricted fit imposes `β_j = r`:
 * `β̃ = β̂ − B e_j (β̂_j − r)/B_jj`, residuals `ũ`. Replicate b draws one weight `v_g` per cluster and builds
 * `y* = X β̃ + ũ_g v_g`, re-estimates `β̂*` and its CR1 variance from its own residuals, and computes
 * `t*_b = (β̂*_j − r)/√V*_jj`. The symmetric two-sided p-value is `p = #{b : |t*_b| ≥ |t|}/B`; ties count
 * as at least as extreme, the conservative convention. A draw that weights every cluster alike (`v = κ·1`,
 * e.g. the sign vectors ±1) gives `t* = ±t` exactly (`y* − Xβ̃ = κ ũ`), so it is counted as a tie without
 * comparing rounded values; other comparisons allow a relative 1e-9. Imposing the null makes the bootstrap data obey it, which is what makes WCR the
 * better test with few clusters (Davidson & MacKinnon 1999; MacKinnon & Webb 2017).
 *
 * **Cost per replicate O(G²), not O(n·k)** (Roodman, MacKinnon, Nielsen & Webb 2019, "Fast and wild").
 * Everything a replicate needs is linear in `v`. With `w = B e_j`, the per-cluster blocks `H_g = X_g'X_g`
 * and `ŝ_g = X_g'û_g` (computed once, O(n·k²)), `q_g = H_g w` and `λ = (β̂_j − r)/w_j`:
 * the restricted scores are `s̃_g = ŝ_g + λ q_g`, the numerator is `β̂*_j − r = Σ_g v_g w's̃_g`, and the
 * bootstrap score of cluster g projected on `e_j'B` is `d_g = v_g w's̃_g − Σ_h v_h q_g'B s̃_h`. So with the
 * G-vectors `α_g = w'ŝ_g`, `γ_g = w'q_g` and the G × G matrices `P_gh = q_g'B ŝ_h`, `Q_gh = q_g'B q_h`
 * (O(G²·k) once), a replicate is `d = (α∘v − P v) + λ (γ∘v − Q v)` and `t* = (α'v + λ γ'v)/√(c Σ_g d_g²)`.
 * Keeping the five numbers `α'v, γ'v, Σd⁰², Σd⁰d¹, Σd¹²` per replicate makes `t*(r)` a closed form in r, so
 * each p-value of the interval search costs O(B) (the draws are held fixed across r, as boottest does).
 * The original `t` is the same formula at `v = 1`. On the 40-geo panel with 9999 replicates the bootstrap
 * takes tens of milliseconds (bench/wild_bootstrap_bench.ts).
 *
 * **Interval by test inversion.** The WCR confidence set is `{r : p(r) > 1 − level}`. From `β̂_j` (where
 * `p = 1`) each side steps out `2, 4, 8, … × se` until `p ≤ 1 − level`, then bisects that bracket to
 * `1e-10 × se` and returns its midpoint. With fixed draws `p(r)` is a step function, so the endpoint is a
 * jump, found to that tolerance. If p never drops to the level (e.g. with 2^G enumerated draws and
 * `2/2^G > 1 − level`: G ≤ 5 at 95%), the side is unbounded (±Infinity), as it should be. **The WCU
 * interval** `β̂_j ± q* · se` uses the unrestricted bootstrap (`y* = X β̂ + û_g v_g`, `t* = (β̂*_j − β̂_j)/se*`,
 * the same algebra at `r = β̂_j`) and `q*` the `⌈level · (B + 1)⌉`-th smallest `|t*|`; it is cheaper to
 * explain, but WCR-inverted intervals have better coverage with few clusters (MacKinnon & Webb 2017), so
 * `confInt` is the WCR one.
 *
 * **Weights.** Rademacher (`±1`, each ½; CGM 2008) or Webb's six-point distribution (`±√½, ±1, ±√(3/2)`,
 * each ⅙; Webb 2023, first circulated 2013), both with mean 0, variance 1 and third moment 0. `"auto"`
 * (default) picks Webb when `G ≤ 12`, Rademacher above: Rademacher has only 2^G distinct draws and, as
 * `t*(−v) = −t*(v)`, at most 2^(G−1) distinct `|t*|` — 2048 at G = 12, 128 at G = 8 — so the bootstrap
 * p-value and interval endpoints are coarse (and below ≈ 2^(G−1)/B the replicates merely repeat one
 * another); Webb's 6^G/2 distinct values (over 10^9 at G = 12) remove that granularity while keeping the
 * moments that matter. From G = 13 Rademacher is fine and standard. When Rademacher is chosen and
 * `2^G ≤ replicates`, every sign vector is enumerated once instead (the exact bootstrap distribution, seed
 * unused), as boottest does: vector b has `v_g = −1` where bit g of b is set.
 *
 * **Fixed effects.** Pass a fixed-effects fit (its within-transformed regressors and residuals): when each
 * fixed-effect group lies inside one cluster (the usual geo FE with clusters = geo, or geos within regions),
 * the within bootstrap is exactly the dummy-variable fit's bootstrap. The restricted LSDV fit's slopes and
 * residuals are the within ones (Frisch–Waugh–Lovell); its residuals sum to zero within each group and `v`
 * is constant there, so `y*` is already demeaned and re-demeaning changes nothing; and the LSDV CR1 slope
 * variance is the within one with `kParams = k + G`. Groups that cross clusters break the argument and are
 * rejected.
 *
 * Randomness: xoshiro128** seeded by splitmix32 from `seed` (lib/stats/random.ts), one uint32 per weight:
 * Rademacher from its top bit, Webb from `u mod 6` with rejection of `u ≥ 6 · ⌊2³²/6⌋` (exactly uniform).
 *
 * References: Cameron, Gelbach & Miller (2008), "Bootstrap-based improvements for inference with clustered
 * errors", Review of Economics and Statistics 90(3); MacKinnon & Webb (2017), "Wild bootstrap inference for
 * wildly different cluster sizes", Journal of Applied Econometrics 32(2); MacKinnon & Webb (2018), "The wild
 * bootstrap for few (treated) clusters", Econometrics Journal 21(2); Roodman, MacKinnon, Nielsen & Webb
 * (2019), "Fast and wild: Bootstrap inference in Stata using boottest", Stata Journal 19(1); Webb (2023),
 * "Reworking wild bootstrap-based inference for clustered errors", Canadian Journal of Economics 56(3).
 *
 * @module
 */

import { ModelError } from "../errors.ts";
import { groupCodes } from "./covariance.ts";
import type {
  WildBootstrapFit,
  WildBootstrapOptions,
  WildBootstrapResult,
  WildWeights,
} from "./wild_bootstrap_types.ts";
import { drawSource, WEBB_MAX_CLUSTERS } from "./wild_weights.ts";

export type {
  WildBootstrapFit,
  WildBootstrapOptions,
  WildBootstrapResult,
  WildWeights,
} from "./wild_bootstrap_types.ts";
export { WEBB_MAX_CLUSTERS, WEBB_POINTS } from "./wild_weights.ts";

const TIE = 1e-9;
const CI_TOL = 1e-10;
const MAX_STEPS = 40; // the search gives up at 2^41 × se: the side is unbounded

/**
 * Wild cluster bootstrap (WCR) test of `H0: β_j = r` for a least-squares fit, with its test-inversion
 * interval and the WCU interval (see the module doc for the method, the weights and the cost).
 *
 * @param fit an OLS or fixed-effects fit (uses `terms`, `coef`, `residuals`, `model.x`, `model.normalizedCov`,
 *   `model.kParams` and, for fixed effects, `model.defaultClusters`)
 * @param options the coefficient, null value, clusters, weights, replicates, seed and level
 * @throws RangeError for an unknown coefficient or bad option; ModelError for fewer than 2 clusters or
 *   fixed-effect groups that cross clusters
 * @example
 * ```ts ignore
 * const fit = fitFixedEffects(design, sales, geoOfRow, { covType: "cluster" });
 * const wb = wildClusterBootstrap(fit, { coefficient: "tv_spend", seed: 1 });
 * wb.pValue; wb.confInt.lower; wb.weights; // "rademacher" at 40 geos
 * ```
 */
export function wildClusterBootstrap(
  fit: WildBootstrapFit,
  options: WildBootstrapOptions,
): WildBootstrapResult {
  const { x, n, k, normalizedCov: bread, kParams } = fit.model;
  const e = fit.residuals;
  const j = typeof options.coefficient === "number"
    ? options.coefficient
    : fit.terms.indexOf(options.coefficient);
  if (!(Number.isInteger(j) && j >= 0 && j < k)) {
    throw new RangeError(
      `unknown coefficient ${JSON.stringify(options.coefficient)}; the fit's terms are ${
        fit.terms.join(", ")
      }`,
    );
  }
  const r = options.nullValue ?? 0;
  if (!Number.isFinite(r)) throw new RangeError(`nullValue must be finite, got ${r}`);
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const replicatesAsked = options.replicates ?? 9999;
  if (!(Number.isInteger(replicatesAsked) && replicatesAsked >= 1)) {
    throw new RangeError(`replicates must be an integer ≥ 1, got ${replicatesAsked}`);
  }
  const clusterLabels = options.clusters ?? fit.model.defaultClusters;
  if (clusterLabels === undefined) {
    throw new RangeError("the wild cluster bootstrap needs `clusters`, one label per row");
  }
  const { codes, levels } = groupCodes(clusterLabels, n);
  const G = levels.length;
  if (G < 2) throw new ModelError(`the wild cluster bootstrap needs at least 2 clusters, got ${G}`);
  if (fit.model.defaultClusters !== undefined && options.clusters !== undefined) {
    checkNested(fit.model.defaultClusters, codes, levels, fit.groupLevels);
  }

  // draws: given, enumerated, or seeded
  let weights: WildWeights | "given";
  let enumerated = false;
  let B: number;
  if (options.draws !== undefined) {
    if (options.draws.length === 0 || options.draws.length % G !== 0) {
      throw new RangeError(`draws has ${options.draws.length} entries, expected B × ${G} (one per cluster)`);
    }
    weights = "given";
    B = options.draws.length / G;
  } else {
    const asked = options.weights ?? "auto";
    if (asked !== "auto" && asked !== "rademacher" && asked !== "webb") {
      throw new RangeError(`weights must be "auto", "rademacher" or "webb", got ${asked}`);
    }
    weights = asked === "auto" ? (G <= WEBB_MAX_CLUSTERS ? "webb" : "rademacher") : asked;
    enumerated = weights === "rademacher" && G <= 30 && 2 ** G <= replicatesAsked;
    B = enumerated ? 2 ** G : replicatesAsked;
  }
  const nextWeights = drawSource(options, weights, enumerated, G);

  // per-cluster blocks H_g = X_g'X_g (upper triangle used in full) and ŝ_g = X_g'û_g
  const H = new Float64Array(G * k * k);
  const sHat = new Float64Array(G * k);
  for (let i = 0; i < n; i++) {
    const g = codes[i], row = i * k, hb = g * k * k, sb = g * k, ei = e[i];
    for (let a = 0; a < k; a++) {
      const xa = x[row + a];
      sHat[sb + a] += xa * ei;
      const base = hb + a * k;
      for (let b = a; b < k; b++) H[base + b] += xa * x[row + b];
    }
  }
  for (let g = 0; g < G; g++) {
    const hb = g * k * k;
    for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) H[hb + a * k + b] = H[hb + b * k + a];
  }
  const w = new Float64Array(k);
  for (let a = 0; a < k; a++) w[a] = bread[a * k + j];
  const wj = w[j];
  const q = new Float64Array(G * k); // q_g = H_g w
  const alpha = new Float64Array(G), gamma = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    const hb = g * k * k, qb = g * k;
    let al = 0, ga = 0;
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let b = 0; b < k; b++) s += H[hb + a * k + b] * w[b];
      q[qb + a] = s;
      al += w[a] * sHat[qb + a];
      ga += w[a] * s;
    }
    alpha[g] = al;
    gamma[g] = ga;
  }
  const bS = multiplyRows(sHat, bread, G, k); // rows B ŝ_h
  const bQ = multiplyRows(q, bread, G, k); // rows B q_h
  const P = new Float64Array(G * G), Q = new Float64Array(G * G);
  for (let g = 0; g < G; g++) {
    const qb = g * k;
    for (let h = 0; h < G; h++) {
      const hb = h * k;
      let p = 0, qq = 0;
      for (let a = 0; a < k; a++) {
        p += q[qb + a] * bS[hb + a];
        qq += q[qb + a] * bQ[hb + a];
      }
      P[g * G + h] = p;
      Q[g * G + h] = qq;
    }
  }

  const c = (G / (G - 1)) * ((n - 1) / (n - kParams));
  let sumAlpha2 = 0;
  for (let g = 0; g < G; g++) sumAlpha2 += alpha[g] * alpha[g];
  const se = Math.sqrt(c * sumAlpha2);
  const estimate = fit.coef[j];
  const lambda0 = (estimate - r) / wj;
  const tStat = (estimate - r) / se;

  // per replicate: numerator n0 + λ n1 and Σ d² = A + 2λ Bc + λ² Cc
  const n0 = new Float64Array(B), n1 = new Float64Array(B);
  const dA = new Float64Array(B), dB = new Float64Array(B), dC = new Float64Array(B);
  const tStar = new Float64Array(B);
  const tie = new Uint8Array(B); // v = κ·1: |t*| = |t| for every r
  const v = new Float64Array(G);
  for (let b = 0; b < B; b++) {
    nextWeights(b, v);
    let constant = 1;
    for (let g = 1; g < G && constant; g++) constant = v[g] === v[0] ? 1 : 0;
    tie[b] = constant;
    let s0 = 0, s1 = 0, a2 = 0, ab = 0, b2 = 0, at0 = 0;
    for (let g = 0; g < G; g++) {
      const vg = v[g];
      s0 += alpha[g] * vg;
      s1 += gamma[g] * vg;
      const row = g * G;
      let pv = 0, qv = 0;
      for (let h = 0; h < G; h++) {
        pv += P[row + h] * v[h];
        qv += Q[row + h] * v[h];
      }
      const d0 = alpha[g] * vg - pv, d1 = gamma[g] * vg - qv;
      a2 += d0 * d0;
      ab += d0 * d1;
      b2 += d1 * d1;
      const dg = d0 + lambda0 * d1;
      at0 += dg * dg;
    }
    n0[b] = s0;
    n1[b] = s1;
    dA[b] = a2;
    dB[b] = ab;
    dC[b] = b2;
    tStar[b] = (s0 + lambda0 * s1) / Math.sqrt(c * at0);
  }

  let count = 0;
  const threshold = Math.abs(tStat) * (1 - TIE);
  for (let b = 0; b < B; b++) if (tie[b] || Math.abs(tStar[b]) >= threshold) count++;
  const pValue = count / B;

  /** WCR p-value of `H0: β_j = estimate + offset` with the same draws (O(B)). */
  const pAtOffset = (offset: number): number => {
    const lambda = -offset / wj;
    const tAbs = Math.abs(offset) / se * (1 - TIE);
    let m = 0;
    for (let b = 0; b < B; b++) {
      if (tie[b]) {
        m++;
        continue;
      }
      const num = n0[b] + lambda * n1[b];
      const den = dA[b] + lambda * (2 * dB[b] + lambda * dC[b]);
      if (Math.abs(num) / Math.sqrt(c * Math.max(den, 0)) >= tAbs) m++;
    }
    return m / B;
  };
  const alphaLevel = 1 - level;
  const side = (sign: 1 | -1): number => {
    let inner = 0, outer = 2 * se;
    let steps = 0;
    while (pAtOffset(sign * outer) > alphaLevel) {
      if (++steps > MAX_STEPS) return sign * Infinity;
      inner = outer;
      outer *= 2;
    }
    while (outer - inner > CI_TOL * se) {
      const mid = (inner + outer) / 2;
      if (mid === inner || mid === outer) break;
      if (pAtOffset(sign * mid) > alphaLevel) inner = mid;
      else outer = mid;
    }
    return estimate + sign * (inner + outer) / 2;
  };
  const confInt = { lower: side(-1), upper: side(1) };

  // WCU: the same algebra at r = β̂_j (λ = 0)
  const tWcu = new Float64Array(B);
  for (let b = 0; b < B; b++) tWcu[b] = Math.abs(n0[b]) / Math.sqrt(c * dA[b]);
  tWcu.sort();
  const rank = Math.min(B, Math.max(1, Math.ceil(level * (B + 1) - 1e-9)));
  const wcuCriticalValue = tWcu[rank - 1];

  return {
    term: fit.terms[j],
    index: j,
    nullValue: r,
    estimate,
    se,
    tStat,
    pValue,
    level,
    confInt,
    wcuConfInt: { lower: estimate - wcuCriticalValue * se, upper: estimate + wcuCriticalValue * se },
    wcuCriticalValue,
    weights,
    enumerated,
    replicates: B,
    nClusters: G,
    seed: options.seed,
    tStar,
  };
}

/** Row h of the result is `M a_h` for the rows `a_h` of `rows` (m × k) and a symmetric k × k `M`. */
function multiplyRows(rows: Float64Array, m: Float64Array, count: number, k: number): Float64Array {
  const out = new Float64Array(count * k);
  for (let h = 0; h < count; h++) {
    const base = h * k;
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let b = 0; b < k; b++) s += m[a * k + b] * rows[base + b];
      out[base + a] = s;
    }
  }
  return out;
}

/** Every fixed-effect group must lie within one cluster (see the module doc). */
function checkNested(
  groupCodesOfRow: Int32Array,
  clusterCodes: Int32Array,
  levels: string[],
  groupLevels: readonly string[] | undefined,
): void {
  const clusterOfGroup = new Map<number, number>();
  for (let i = 0; i < groupCodesOfRow.length; i++) {
    const g = groupCodesOfRow[i], cl = clusterCodes[i];
    const seen = clusterOfGroup.get(g);
    if (seen === undefined) clusterOfGroup.set(g, cl);
    else if (seen !== cl) {
      throw new ModelError(
        `fixed-effect group ${groupLevels ? `"${groupLevels[g]}"` : g} spans clusters "${
          levels[seen]
        }" and "${levels[cl]}" (row ${i}): the within ` +
          `bootstrap equals the dummy-variable one only when each group lies inside one cluster; cluster by ` +
          `the groups or by a coarser grouping that contains them`,
      );
    }
  }
}
