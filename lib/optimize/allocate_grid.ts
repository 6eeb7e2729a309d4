/**
 * Phase 1 of `allocateBudget` (`allocate_budget.ts`): the best split of the budget above the lower bounds on a
 * grid of equal budget units, found exactly by dynamic programming over channels (Bellman 1957; Ibaraki & Katoh
 * 1988), on cubic Hermite interpolants of each channel's exact response curve. Whatever the curves' shape
 * (S-shaped Hill and logistic curves included), it gives the start of the exact local phase
 * (`allocate_local.ts`).
 *
 * @module
 */

import { type ChannelCurve, curveResponse, evaluateCurve } from "../decompose/mod.ts";
import { sum } from "./_sum.ts";

/** Exact curve nodes per channel between its bounds, interpolated by cubic Hermite polynomials in between. */
const NODES = 33;

/**
 * Phase 1: the best split of the budget on a grid of `G` units, by dynamic programming over channels, on
 * cubic Hermite interpolants of the exact curves.
 */
export function gridStart(
  curves: readonly ChannelCurve[],
  lo: Float64Array,
  hi: Float64Array,
  total: number,
  G: number,
): Float64Array {
  const C = curves.length;
  const s = Float64Array.from(lo);
  const budget = total - sum(lo);
  const room = Float64Array.from(hi, (h, i) => h - lo[i]);
  if (!(budget > 0)) return s;
  if (budget >= sum(room)) return Float64Array.from(hi);
  const unit = budget / G;
  const K = Array.from(room, (r) => Math.min(G, Math.floor(r / unit + 1e-9)));
  const values = curves.map((c, i) => gridValues(c, lo[i], hi[i], unit, K[i]));

  // V(b): best response of the channels so far with b units; choice[c][b]: units of channel c.
  let prev = new Float64Array(G + 1).fill(-Infinity);
  prev[0] = 0;
  const choice = curves.map(() => new Int32Array(G + 1));
  let reach = 0;
  for (let c = 0; c < C; c++) {
    const cur = new Float64Array(G + 1).fill(-Infinity);
    const h = values[c], ch = choice[c];
    reach = Math.min(G, reach + K[c]);
    for (let b = 0; b <= reach; b++) {
      let best = -Infinity, arg = 0;
      const top = Math.min(b, K[c]);
      for (let k = 0; k <= top; k++) {
        const v = prev[b - k] + h[k];
        if (v > best) {
          best = v;
          arg = k;
        }
      }
      cur[b] = best;
      ch[b] = arg;
    }
    prev = cur;
  }
  let b = reach;
  for (let c = C - 1; c >= 0; c--) {
    const k = choice[c][b];
    s[c] = lo[c] + k * unit;
    b -= k;
  }
  // Grid rounding can leave less than one unit per channel unplaced: spread it over the room left.
  const left = total - sum(s);
  if (left > 0) {
    let r = 0;
    for (let c = 0; c < C; c++) r += hi[c] - s[c];
    for (let c = 0; c < C; c++) s[c] += (left * (hi[c] - s[c])) / r;
  }
  return s;
}

/** Response of one channel at spends `lo + k·unit`, `k = 0..K`, by cubic Hermite interpolation of exact nodes. */
function gridValues(curve: ChannelCurve, lo: number, hi: number, unit: number, K: number): Float64Array {
  const out = new Float64Array(K + 1);
  if (K === 0 || !(hi > lo)) {
    out[0] = curveResponse(curve, lo / curve.spend);
    return out;
  }
  const xs = new Float64Array(NODES), fs = new Float64Array(NODES), ds = new Float64Array(NODES);
  const step = (hi - lo) / (NODES - 1);
  for (let i = 0; i < NODES; i++) {
    xs[i] = i === NODES - 1 ? hi : lo + i * step;
    const p = evaluateCurve(curve, xs[i] / curve.spend);
    fs[i] = p.response;
    ds[i] = p.marginal;
  }
  // An infinite slope (sqrt, Hill with shape < 1, at zero spend) is replaced by the secant for interpolation.
  for (let i = 0; i < NODES; i++) {
    if (!Number.isFinite(ds[i])) {
      const j = i < NODES - 1 ? i + 1 : i - 1;
      ds[i] = (fs[j] - fs[i]) / (xs[j] - xs[i]);
    }
  }
  for (let k = 0; k <= K; k++) {
    const x = Math.min(hi, lo + k * unit);
    const i = Math.min(NODES - 2, Math.floor((x - lo) / step));
    const h = xs[i + 1] - xs[i];
    const t = (x - xs[i]) / h, t2 = t * t, t3 = t2 * t;
    out[k] = (2 * t3 - 3 * t2 + 1) * fs[i] + (t3 - 2 * t2 + t) * h * ds[i] + (-2 * t3 + 3 * t2) * fs[i + 1] +
      (t3 - t2) * h * ds[i + 1];
  }
  return out;
}
