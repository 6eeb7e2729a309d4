/**
 * Budget allocation: the split of a total budget across channels that maximizes the total modelled response.
 *
 * Each channel's historical spend pattern is scaled by a multiplier `m_c` (weeks, flights and geo split kept),
 * so its spend is `s_c = m_c · S_c` (`S_c` its historical total) and its response the curve
 * `f_c(s_c) = R_c(m_c)` of `lib/decompose/channel_curve.ts`. The problem is
 *
 * ```
 * maximize  Σ_c f_c(s_c)   subject to   Σ_c s_c = T,   L_c ≤ s_c ≤ U_c
 * ```
 *
 * **Optimality (KKT).** With a multiplier `λ` on the budget: `f'_c(s_c) = λ` for every channel strictly
 * between its bounds, `f'_c(s_c) ≤ λ` at its lower bound and `f'_c(s_c) ≥ λ` at its upper bound. So at an
 * optimum the marginal ROIs of the interior channels are equal ("equal marginal returns"), and `λ` is the
 * response one more unit of total budget would buy. When every `f_c` is concave (log1p, sqrt, Hill with shape
 * ≤ 1, positive coefficients) these conditions are also sufficient and the optimum is global.
 *
 * **Method (robust to S-shaped curves).** Hill curves with shape > 1 (and logistic curves) are convex at low
 * spend, so the problem can have several local optima and a gradient method started at the current split can
 * stop at the wrong one. The search is therefore in two phases:
 *
 * 1. *Global, on a grid*: the budget above the lower bounds, `B = T − Σ L_c`, is cut into `gridSize` equal
 *    units and split exactly over channels by dynamic programming (`V_c(b) = max_k V_{c−1}(b − k) + f_c(L_c +
 *    k·B/gridSize)`), which finds the best grid split whatever the curves' shape. The curves are tabulated
 *    exactly at 33 spend levels per channel and interpolated by cubic Hermite polynomials (values and exact
 *    slopes) between them.
 * 2. *Local, exact*: from the grid optimum, an active-set Newton method on the exact curves (`f_c`, `f'_c`,
 *    `f''_c`) with the budget constraint kept exactly (the Newton step with a diagonal Hessian,
 *    `d_c = (λ − f'_c) / f''_c`, `λ` such that `Σ d_c = 0`, clipped at the bounds and checked for ascent),
 *    falling back to an exact line search that moves money between the channels with the highest and lowest
 *    marginal ROI (the "maximal violating pair" of Keerthi & Gilbert, 2002) wherever a curve is locally convex.
 *    It stops when the largest marginal ROI among channels that can grow exceeds the smallest among channels
 *    that can shrink by at most `tolerance` (relative).
 *
 * The grid phase is exact up to the grid resolution; two distant splits whose responses differ by less than the
 * interpolation error could be confused, which only matters when the problem is nearly degenerate.
 *
 * References: Boyd & Vandenberghe (2004), "Convex Optimization", §5.5.3 (KKT) and Example 5.2 (water-filling);
 * Bellman (1957), "Dynamic Programming" (resource allocation); Ibaraki & Katoh (1988), "Resource Allocation
 * Problems"; Keerthi & Gilbert (2002), "Convergence of a generalized SMO algorithm for SVM classifier design";
 * Robyn's budget allocator (`robyn_allocator`, equal marginal ROI at the optimum).
 *
 * @module
 */

import {
  type ChannelCurve,
  channelCurves,
  curveResponse,
  evaluateCurve,
  type GeoOptions,
  type MediaData,
  type MediaModel,
} from "../decompose/mod.ts";

/** Bounds of one channel's spend. */
export interface SpendBounds {
  /** Smallest spend (default from `defaultBounds`), ≥ 0. */
  readonly min?: number;
  /** Largest spend (default from `defaultBounds`), ≥ `min`. */
  readonly max?: number;
  /** `"multiplier"` (default): `min`/`max` multiply the channel's current spend; `"spend"`: totals over the rows. */
  readonly units?: "multiplier" | "spend";
}

/** Options of {@link allocateBudget}. */
export interface AllocateBudgetOptions extends GeoOptions {
  /**
   * Total spend over the rows' window to split across the optimized channels (default: their current total,
   * a pure reallocation).
   */
  readonly total?: number;
  /** Bounds by channel name; channels not listed get `defaultBounds`. */
  readonly bounds?: Readonly<Record<string, SpendBounds>>;
  /** Bounds of channels not in `bounds`, and of a missing `min`/`max` (default `{ min: 0.5, max: 2 }` multipliers). */
  readonly defaultBounds?: SpendBounds;
  /** Channels to optimize (default all, model order); the others are left out of the result. */
  readonly channels?: readonly string[];
  /** Budget units of the grid phase, an integer ≥ 10 (default 1000). */
  readonly gridSize?: number;
  /** Relative KKT tolerance on the marginal ROIs (default 1e-10). */
  readonly tolerance?: number;
  /** Iterations of the local phase (default 500). */
  readonly maxIterations?: number;
}

/** One channel of an allocation. */
export interface ChannelAllocation {
  readonly channel: string;
  readonly currentSpend: number;
  readonly optimalSpend: number;
  /** `optimalSpend / currentSpend`: the factor applied to every row of the historical spend. */
  readonly multiplier: number;
  /** Bounds in spend. */
  readonly minSpend: number;
  readonly maxSpend: number;
  readonly currentResponse: number;
  readonly optimalResponse: number;
  /** Marginal ROI `f'_c` at the current and at the optimal spend. */
  readonly marginalRoiCurrent: number;
  readonly marginalRoiOptimal: number;
  /** Which bound binds at the optimum, if any (`"fixed"` when min = max). */
  readonly bound: "min" | "max" | "fixed" | null;
}

/** Result of {@link allocateBudget}. */
export interface BudgetAllocation {
  readonly channels: readonly ChannelAllocation[];
  /** Total budget `T` allocated. */
  readonly total: number;
  /** Current total spend of the optimized channels. */
  readonly currentTotal: number;
  /** Total response of the optimized channels at the current and at the optimal spend. */
  readonly currentResponse: number;
  readonly optimalResponse: number;
  /** `optimalResponse − currentResponse` (includes the effect of a budget change when `total` differs). */
  readonly lift: number;
  /** `100 · lift / currentResponse`. */
  readonly liftPercent: number;
  /**
   * The common marginal ROI `λ` of the channels strictly inside their bounds (their mean; `NaN` when every
   * channel sits at a bound): what one more unit of total budget would return.
   */
  readonly marginalRoi: number;
  /** Final KKT violation: `(max f' over channels that can grow − min f' over channels that can shrink) / scale`. */
  readonly kktGap: number;
  readonly converged: boolean;
  /** Iterations of the local phase. */
  readonly iterations: number;
}

const DEFAULT_BOUNDS: Required<SpendBounds> = { min: 0.5, max: 2, units: "multiplier" };
const NODES = 33;

/**
 * Allocates a total budget across channels to maximize the total modelled response (see the module doc for
 * the problem, the optimality conditions and the method).
 *
 * @param model a fitted media model
 * @param ds spend columns (and geos): the historical patterns that are scaled
 * @param options `total`, `bounds`, `defaultBounds`, `channels`, `gridSize`, `tolerance`, `maxIterations`, `geos`
 * @throws RangeError for unknown channels, channels without historical spend, bounds out of order, or a total
 *   outside `[Σ min, Σ max]`
 * @example
 * ```ts ignore
 * const a = allocateBudget(model, ds, { bounds: { tv: { min: 0.8, max: 1.2 } } });
 * a.channels.map((c) => [c.channel, c.multiplier, c.marginalRoiOptimal]); // equal mROI for interior channels
 * ```
 */
export function allocateBudget(
  model: MediaModel,
  ds: MediaData,
  options: AllocateBudgetOptions = {},
): BudgetAllocation {
  const { gridSize = 1000, tolerance = 1e-10, maxIterations = 500 } = options;
  if (!(Number.isInteger(gridSize) && gridSize >= 10)) {
    throw new RangeError(`gridSize must be an integer >= 10, got ${gridSize}`);
  }
  if (!(tolerance > 0 && tolerance < 1)) {
    throw new RangeError(`tolerance must be in (0, 1), got ${tolerance}`);
  }
  if (!(Number.isInteger(maxIterations) && maxIterations >= 0)) {
    throw new RangeError(`maxIterations must be an integer >= 0, got ${maxIterations}`);
  }
  const curves = channelCurves(model, ds, options);
  for (const c of curves) {
    if (!(c.spend > 0)) {
      throw new RangeError(
        `channel "${c.name}" has no spend in the rows, so there is no spend pattern to scale; ` +
          `leave it out with the channels option`,
      );
    }
  }
  const C = curves.length;
  const lo = new Float64Array(C), hi = new Float64Array(C);
  curves.forEach((c, i) => {
    const b = resolveBounds(c, options.bounds?.[c.name], options.defaultBounds);
    lo[i] = b[0];
    hi[i] = b[1];
  });
  for (const name of Object.keys(options.bounds ?? {})) {
    if (!curves.some((c) => c.name === name)) {
      throw new RangeError(`bounds given for "${name}", which is not among the optimized channels`);
    }
  }
  const currentTotal = sum(curves.map((c) => c.spend));
  const requested = options.total ?? currentTotal;
  const sumLo = sum(lo), sumHi = sum(hi);
  const slack = 1e-12 * Math.max(sumHi, 1);
  if (!(Number.isFinite(requested) && requested >= sumLo - slack && requested <= sumHi + slack)) {
    throw new RangeError(
      `total ${requested} is outside the range the bounds allow, [${sumLo}, ${sumHi}] (sum of the minimum and of the maximum spends)`,
    );
  }
  const total = Math.min(sumHi, Math.max(sumLo, requested)); // within rounding of the bounds' sums

  const start = gridStart(curves, lo, hi, total, gridSize);
  const local = refine(curves, lo, hi, total, start, tolerance, maxIterations);
  const s = local.spend;

  const rows: ChannelAllocation[] = curves.map((c, i) => {
    const now = evaluateCurve(c, 1);
    const opt = evaluateCurve(c, s[i] / c.spend);
    const width = Math.max(hi[i] - lo[i], 1e-300);
    const bound = s[i] <= lo[i] + 1e-9 * width ? "min" : s[i] >= hi[i] - 1e-9 * width ? "max" : null;
    return {
      channel: c.name,
      currentSpend: c.spend,
      optimalSpend: s[i],
      multiplier: s[i] / c.spend,
      minSpend: lo[i],
      maxSpend: hi[i],
      currentResponse: now.response,
      optimalResponse: opt.response,
      marginalRoiCurrent: now.marginal,
      marginalRoiOptimal: opt.marginal,
      bound: lo[i] === hi[i] ? "fixed" : bound,
    };
  });
  const currentResponse = sum(rows.map((r) => r.currentResponse));
  const optimalResponse = sum(rows.map((r) => r.optimalResponse));
  const interior = rows.filter((r) => r.bound === null);
  return {
    channels: rows,
    total,
    currentTotal,
    currentResponse,
    optimalResponse,
    lift: optimalResponse - currentResponse,
    liftPercent: (100 * (optimalResponse - currentResponse)) / currentResponse,
    marginalRoi: interior.length > 0 ? sum(interior.map((r) => r.marginalRoiOptimal)) / interior.length : NaN,
    kktGap: local.gap,
    converged: local.converged,
    iterations: local.iterations,
  };
}

function resolveBounds(
  curve: ChannelCurve,
  given: SpendBounds | undefined,
  defaults?: SpendBounds,
): [number, number] {
  const d = { ...DEFAULT_BOUNDS, ...defaults };
  const toSpend = (v: number, units: string | undefined, what: string): number => {
    if (!(Number.isFinite(v) && v >= 0)) {
      throw new RangeError(`channel "${curve.name}": ${what} bound must be finite and >= 0, got ${v}`);
    }
    if (units === undefined || units === "multiplier") return v * curve.spend;
    if (units === "spend") return v;
    throw new RangeError(
      `channel "${curve.name}": units must be "multiplier" or "spend", got ${JSON.stringify(units)}`,
    );
  };
  const lo = given?.min !== undefined
    ? toSpend(given.min, given.units, "min")
    : toSpend(d.min, d.units, "min");
  const hi = given?.max !== undefined
    ? toSpend(given.max, given.units, "max")
    : toSpend(d.max, d.units, "max");
  if (!(lo <= hi)) {
    throw new RangeError(`channel "${curve.name}": min spend ${lo} is above max spend ${hi}`);
  }
  return [lo, hi];
}

/**
 * Phase 1: the best split of the budget on a grid of `G` units, by dynamic programming over channels, on
 * cubic Hermite interpolants of the exact curves.
 */
function gridStart(
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

interface LocalResult {
  readonly spend: Float64Array;
  readonly gap: number;
  readonly converged: boolean;
  readonly iterations: number;
}

interface Eval {
  f: number;
  g: number;
  h: number;
}

/** Phase 2: active-set Newton with a maximal-violating-pair line search as fallback, on the exact curves. */
function refine(
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

function sum(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}
