/**
 * Phase 2 of `allocateBudget` (`allocate_budget.ts`): from the grid optimum, an active-set Newton method on the exact curves
 * (`f_c`, `f'_c`, `f''_c`) that keeps the budget constraint exactly, falling back to an exact line search along
 * the maximal violating pair (Keerthi & Gilbert 2002) where a curve is locally convex. It stops at the KKT
 * tolerance: the largest marginal ROI among channels that can grow exceeds the smallest among channels that can
 * shrink by at most `tol` (relative).
 *
 * @module
 */

import { type ChannelCurve, evaluateCurve } from "../decompose/mod.ts";
import { sum } from "./_sum.ts";

/** Where the local phase stopped. */
export interface LocalResult {
  /** Spend per channel (model order), summing to the total exactly (rounding drift put on one channel). */
  readonly spend: Float64Array;
  /** KKT gap at the end: `(max f' over channels that can grow − min f' over channels that can shrink) / scale`. */
  readonly gap: number;
  /** Whether `gap` fell to the tolerance (or no pair of channels could trade) within `maxIterations`. */
  readonly converged: boolean;
  /** Newton or pair steps taken. */
  readonly iterations: number;
}

interface Eval {
  f: number;
  g: number;
  h: number;
}

/** Phase 2: active-set Newton with a maximal-violating-pair line search as fallback, on the exact curves. */
export function refine(
  curves: readonly ChannelCurve[],
  lo: Float64Array,
  hi: Float64Array,
  total: number,
  start: Float64Array,
  tol: number,
  maxIterations: number,
): LocalResult {
  const C = curves.length;
  const s = Float64Array.from(start);
  const eps = Float64Array.from(lo, (l, c) => 1e-12 * Math.max(hi[c] - l, curves[c].spend));
  const at = (c: number, x: number): Eval => {
    const p = evaluateCurve(curves[c], Math.max(0, x) / curves[c].spend);
    return { f: p.response, g: p.marginal, h: p.curvature };
  };
  const e = curves.map((_, c) => at(c, s[c]));
  let gap = Infinity, iterations = 0, converged = false;
  for (; iterations <= maxIterations; iterations++) {
    // Snap to bounds and find the maximal violating pair.
    let up = -1, down = -1;
    for (let c = 0; c < C; c++) {
      if (s[c] < hi[c] - eps[c] && (up < 0 || e[c].g > e[up].g)) up = c;
      if (s[c] > lo[c] + eps[c] && (down < 0 || e[c].g < e[down].g)) down = c;
    }
    if (up < 0 || down < 0 || up === down) {
      gap = 0;
      converged = true;
      break;
    }
    const scale = Math.max(Math.abs(e[up].g), Math.abs(e[down].g), 1e-300);
    gap = (e[up].g - e[down].g) / scale;
    if (gap <= tol) {
      converged = true;
      break;
    }
    if (iterations === maxIterations) break;
    if (!newtonStep(s, e, lo, hi, eps, up, down, at)) pairStep(s, e, lo, hi, up, down, at, tol);
  }
  // Keep Σ s = T exactly: put the rounding drift on the channel with the most room, preferring channels
  // strictly inside their bounds so that a binding bound stays exact.
  const drift = total - sum(s);
  if (drift !== 0) {
    let best = -1, room = -Infinity, interior = false;
    for (let c = 0; c < C; c++) {
      const inside = s[c] > lo[c] + eps[c] && s[c] < hi[c] - eps[c];
      const r = drift > 0 ? hi[c] - s[c] : s[c] - lo[c];
      if (r >= Math.abs(drift) && ((inside && !interior) || (inside === interior && r > room))) {
        room = r;
        best = c;
        interior = inside;
      }
    }
    if (best >= 0) s[best] += drift;
  }
  return { spend: s, gap, converged, iterations };
}

/** One Newton step on the free channels; false when it does not apply or does not ascend. */
function newtonStep(
  s: Float64Array,
  e: Eval[],
  lo: Float64Array,
  hi: Float64Array,
  eps: Float64Array,
  up: number,
  down: number,
  at: (c: number, x: number) => Eval,
): boolean {
  const C = s.length;
  const inF = new Uint8Array(C);
  for (let c = 0; c < C; c++) inF[c] = s[c] > lo[c] + eps[c] && s[c] < hi[c] - eps[c] ? 1 : 0;
  inF[up] = 1;
  inF[down] = 1;
  const d = new Float64Array(C);
  for (let pass = 0; pass < C; pass++) {
    let a = 0, b = 0, count = 0;
    for (let c = 0; c < C; c++) {
      if (!inF[c]) continue;
      const { g, h } = e[c];
      if (!(h < 0 && Number.isFinite(g) && Number.isFinite(h))) return false;
      a += g / h;
      b += 1 / h;
      count++;
    }
    if (count < 2) return false;
    const lambda = a / b;
    let changed = false;
    for (let c = 0; c < C; c++) {
      d[c] = inF[c] ? (lambda - e[c].g) / e[c].h : 0;
      // A channel at a bound whose step points outward stays fixed.
      if (inF[c] && ((d[c] < 0 && s[c] <= lo[c] + eps[c]) || (d[c] > 0 && s[c] >= hi[c] - eps[c]))) {
        inF[c] = 0;
        d[c] = 0;
        changed = true;
      }
    }
    if (!changed) break;
  }
  let alphaMax = 1, hit = -1;
  let slope = 0;
  for (let c = 0; c < C; c++) {
    if (d[c] > 0 && (hi[c] - s[c]) < alphaMax * d[c]) {
      alphaMax = (hi[c] - s[c]) / d[c];
      hit = c;
    } else if (d[c] < 0 && (s[c] - lo[c]) < -alphaMax * d[c]) {
      alphaMax = (s[c] - lo[c]) / -d[c];
      hit = c;
    }
    slope += e[c].g * d[c];
  }
  if (!(alphaMax > 0) || !(slope > 0)) return false;
  let old = 0;
  for (let c = 0; c < C; c++) if (d[c] !== 0) old += e[c].f;
  for (let alpha = alphaMax, tries = 0; tries < 30; tries++, alpha /= 2) {
    const next: (Eval | undefined)[] = new Array(C);
    let value = 0;
    for (let c = 0; c < C; c++) {
      if (d[c] === 0) continue;
      const x = c === hit && alpha === alphaMax ? (d[c] > 0 ? hi[c] : lo[c]) : s[c] + alpha * d[c];
      next[c] = at(c, x);
      value += next[c]!.f;
    }
    const gain = value - old;
    // Armijo on the linear prediction; gains below rounding noise are accepted (the KKT gap decides the end).
    if (gain >= 1e-4 * alpha * slope || Math.abs(alpha * slope) <= 1e-14 * Math.abs(old)) {
      for (let c = 0; c < C; c++) {
        if (d[c] === 0) continue;
        s[c] = c === hit && alpha === alphaMax ? (d[c] > 0 ? hi[c] : lo[c]) : s[c] + alpha * d[c];
        e[c] = next[c]!;
      }
      return true;
    }
  }
  return false;
}

/**
 * Moves money from `down` (lowest marginal ROI, can shrink) to `up` (highest, can grow) to the best point of
 * `φ(δ) = f_up(s_up + δ) + f_down(s_down − δ)`: the root of `φ'(δ) = f'_up − f'_down` bracketed in `(0, δmax]`
 * (safeguarded Newton), or the largest ascending step when `φ'` stays positive.
 */
function pairStep(
  s: Float64Array,
  e: Eval[],
  lo: Float64Array,
  hi: Float64Array,
  up: number,
  down: number,
  at: (c: number, x: number) => Eval,
  tol: number,
): void {
  const su = s[up], sd = s[down];
  const dmax = Math.min(hi[up] - su, sd - lo[down]);
  const phi0 = e[up].f + e[down].f;
  const evalAt = (delta: number) => {
    const a = at(up, delta === dmax && dmax === hi[up] - su ? hi[up] : su + delta);
    const b = at(down, delta === dmax && dmax === sd - lo[down] ? lo[down] : sd - delta);
    return { a, b, phi: a.f + b.f, d1: a.g - b.g, d2: a.h + b.h };
  };
  let hiD = dmax;
  let p = evalAt(hiD);
  // Find a bracket [0, hiD] with φ'(hiD) < 0, or accept an ascending step where φ' stays positive.
  for (let tries = 0; p.d1 >= 0; tries++) {
    if (p.phi > phi0 || tries > 60) {
      commit(hiD, p);
      return;
    }
    hiD /= 2;
    p = evalAt(hiD);
  }
  let loD = 0, x = hiD / 2;
  let best = p;
  for (let it = 0; it < 100; it++) {
    const q = evalAt(x);
    best = q;
    const scale = Math.max(Math.abs(q.a.g), Math.abs(q.b.g), 1e-300);
    if (Math.abs(q.d1) <= 0.1 * tol * scale || hiD - loD <= 1e-15 * Math.max(su, sd, 1)) break;
    if (q.d1 > 0) loD = x;
    else hiD = x;
    const newton = x - q.d1 / q.d2;
    x = q.d2 < 0 && newton > loD && newton < hiD ? newton : 0.5 * (loD + hiD);
  }
  if (best.phi >= phi0) {
    commit(x, best);
    return;
  }
  // φ dipped below φ(0) before the bracketed maximum: take the largest halving of δmax that ascends
  // (one exists, since φ'(0) > 0).
  let delta = dmax;
  for (let tries = 0; tries < 80; tries++, delta /= 2) {
    const q = evalAt(delta);
    if (q.phi > phi0) {
      commit(delta, q);
      return;
    }
  }

  function commit(delta: number, q: { a: Eval; b: Eval }): void {
    s[up] = delta === dmax && dmax === hi[up] - su ? hi[up] : su + delta;
    s[down] = delta === dmax && dmax === sd - lo[down] ? lo[down] : sd - delta;
    e[up] = q.a;
    e[down] = q.b;
  }
}
