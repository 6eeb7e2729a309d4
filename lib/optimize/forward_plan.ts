/**
 * A forward plan: a budget over the next `K` weeks (default 13), channel by channel and week by week, against
 * holding today's pattern (each channel's mean weekly spend over the last 13 weeks), with the gain's interval.
 *
 * **Budget and bounds.** The budget is the held pattern's total; each (channel, week) may move within
 * `[min, max]` × its held spend (default 0.7–1.3).
 *
 * **What counts.** The response to plan-period spend is counted over the plan weeks and the carryover that
 * follows them (spend in week `K` still works after it), so late weeks are not penalized for the window's end.
 *
 * **National** (`nationalForwardPlan`): the national response is linear, so a plan-week dollar of channel `j`
 * returns its long-run rate `ρ_j` and costs `1 + μ_j` (induced search counted as cost, `national_response.ts`)
 * whatever the week; the optimum is the continuous knapsack of `national_allocate.ts` in every week, and the
 * carryover of past spend into the plan (the adstock state at the end of the data) adds the same amount to
 * both plans.
 *
 * **Geo** (`geoForwardPlan`): each channel's plan spend is split over geos by their share of its last 13
 * weeks; in geo `g`, `A_t = θ A_{t−1} + σ_g x_t` starts from the adstock state at the end of the data, and the
 * response is `b Σ_t [g(A_t) − g(0)]` (saturation `g`). Because `g` is concave, the carryover of past spend
 * moves where each week sits on the curve, and so the plan. Concave maximization over the box and the budget
 * by projected gradient ascent (the gradient by a backward recursion, `G_t = g'(A_t) + θ G_{t+1}`; projection
 * onto the box ∩ hyperplane by bisection on the multiplier); Nesterov (2004), "Introductory Lectures on Convex
 * Optimization", §2.2.
 *
 * The gain's interval evaluates the point plan against holding the pattern under every replicate model.
 *
 * @module
 */
import { ModelError } from "../errors.ts";
import { saturationAt, saturationDerivativeAt } from "../features/saturation.ts";
import { groupRanges } from "../features/panel.ts";
import { type ModelReplicates, replicateInterval, replicateModel } from "../decompose/model_replicates.ts";
import { effectiveCoef, type MediaData, type MediaModel } from "../decompose/media_model.ts";
import { type SignVerdict, signVerdict } from "../evaluate/verdicts.ts";
import type { NationalResponseModel } from "./national_response.ts";

/** Options of the forward plans. */
export interface ForwardPlanOptions {
  /** Plan weeks (default 13). */
  readonly weeks?: number;
  /** Weeks at the end of the data whose mean is today's pattern (default 13). */
  readonly patternWeeks?: number;
  /** Multiples of the held weekly spend each (channel, week) may move between (default 0.7–1.3). */
  readonly bounds?: { readonly min: number; readonly max: number };
  /** Coverage of the interval (default 0.95). */
  readonly level?: number;
}

/** A forward plan against holding the pattern. */
export interface ForwardPlan {
  /** Plan weeks K. */
  readonly weeks: number;
  /** The channels planned, in the model's order (rows of `plan`). */
  readonly channels: readonly string[];
  /** Held weekly spend per channel (mean of the last `patternWeeks`). */
  readonly held: readonly number[];
  /** Planned spend, `plan[c][w]`. */
  readonly plan: readonly (readonly number[])[];
  /**
   * The plan's budget, the held pattern's total over the K weeks (national: each dollar weighted by its cost
   * `1 + μ_j`, induced search included).
   */
  readonly budget: number;
  /** Modelled response to the plan period's spend when the pattern is held (point estimate, carryover after). */
  readonly heldResponse: number;
  /** Modelled response to the plan period's planned spend (point estimate). */
  readonly plannedResponse: number;
  /**
   * Response in the plan weeks from spend before them (adstock state at the end of the data); national: the
   * `pastCarryover` option, NaN when absent.
   */
  readonly carryover: number;
  /** Planned minus held response (point estimate); the past carryover adds to both and cancels. */
  readonly gain: number;
  /** Lower bound of the gain's interval over the replicate models (the point plan held fixed). */
  readonly gainLower: number;
  /** Upper bound of the gain's interval. */
  readonly gainUpper: number;
  /** What the gain's interval says about its sign (the point gain's sign without replicates). */
  readonly verdict: SignVerdict;
  /** Replicate models the interval uses (0 without them). */
  readonly replicates: number;
  /**
   * The optimum's check: the multiplier λ (response of one more unit of plan budget, the mean marginal
   * response of the (channel, week) cells not at a bound) and the largest relative gap |∂R/∂x − λ|/|λ| among
   * them (0 for the exact national solution); iterations of the ascent (0 when solved exactly).
   */
  readonly optimality: { readonly multiplier: number; readonly gap: number; readonly iterations: number };
}

function resolve(options: ForwardPlanOptions) {
  const weeks = options.weeks ?? 13, patternWeeks = options.patternWeeks ?? 13;
  const bounds = options.bounds ?? { min: 0.7, max: 1.3 };
  if (!(Number.isInteger(weeks) && weeks >= 1)) {
    throw new RangeError(`weeks must be an integer >= 1, got ${weeks}`);
  }
  if (!(Number.isInteger(patternWeeks) && patternWeeks >= 1)) {
    throw new RangeError(`patternWeeks must be an integer >= 1, got ${patternWeeks}`);
  }
  if (!(bounds.min >= 0 && bounds.min <= 1 && bounds.max >= 1 && Number.isFinite(bounds.max))) {
    throw new RangeError(`bounds must satisfy 0 <= min <= 1 <= max, got ${bounds.min}–${bounds.max}`);
  }
  return { weeks, patternWeeks, bounds, level: options.level ?? 0.95 };
}

const meanTail = (x: ArrayLike<number>, k: number) => {
  const from = Math.max(0, x.length - k);
  let s = 0;
  for (let i = from; i < x.length; i++) s += x[i];
  return s / (x.length - from);
};

/**
 * The national forward plan (module doc): long-run rates, induced search counted as cost, the same
 * knapsack in every plan week.
 *
 * @param model from `nationalResponseModel`
 * @param options weeks (13), pattern weeks (13), bounds (0.7–1.3), level
 * @example
 * ```ts ignore
 * const plan = nationalForwardPlan(nationalResponseModel(national));
 * plan.gain; plan.plan[0];
 * ```
 */
export function nationalForwardPlan(
  model: NationalResponseModel,
  options: ForwardPlanOptions & {
    /** Response in the plan weeks from spend before them (`nationalPastCarryover`, summed); NaN when absent. */
    readonly pastCarryover?: number;
  } = {},
): ForwardPlan {
  const { weeks, patternWeeks, bounds, level } = resolve(options);
  const ch = model.channels;
  const held = ch.map((c) => meanTail(c.weekly, patternWeeks));
  const net = ch.every((c) => 1 + c.longRunInduced > 0);
  const cost = ch.map((c) => (net ? 1 + c.longRunInduced : 1));
  const rate = ch.map((c, j) => c.longRun / cost[j]);
  // one week's knapsack (every week is the same problem)
  const x = held.map((h) => bounds.min * h);
  let left = held.reduce((s, h, j) => s + cost[j] * (h - x[j]), 0);
  for (const j of ch.map((_, j) => j).sort((a, b) => rate[b] - rate[a] || a - b)) {
    const take = Math.min(left, cost[j] * (bounds.max - bounds.min) * held[j]);
    x[j] += take / cost[j];
    left -= take;
  }
  const dx = x.map((v, j) => v - held[j]);
  const inner = ch.map((_, j) => j).filter((j) =>
    x[j] > bounds.min * held[j] * (1 + 1e-12) && x[j] < bounds.max * held[j] * (1 - 1e-12)
  );
  const multiplier = inner.length > 0 ? rate[inner[0]] : NaN;
  const resp = (xs: readonly number[]) => weeks * xs.reduce((s, v, j) => s + v * ch[j].longRun, 0);
  const gains = new Float64Array(model.replicates);
  for (let r = 0; r < model.replicates; r++) {
    let g = 0;
    for (let j = 0; j < ch.length; j++) g += dx[j] * ch[j].longRunReplicates[r];
    gains[r] = weeks * g;
  }
  const iv = replicateInterval(gains, level);
  const gain = resp(x) - resp(held);
  return {
    weeks,
    channels: ch.map((c) => c.channel),
    held,
    plan: x.map((v) => Array.from({ length: weeks }, () => v)),
    budget: weeks * held.reduce((s, h, j) => s + cost[j] * h, 0),
    heldResponse: resp(held),
    plannedResponse: resp(x),
    carryover: options.pastCarryover ?? NaN,
    gain,
    gainLower: iv.lower,
    gainUpper: iv.upper,
    verdict: Number.isFinite(iv.lower) ? signVerdict(iv.lower, iv.upper) : signVerdict(gain, gain),
    replicates: model.replicates,
    optimality: { multiplier, gap: 0, iterations: 0 },
  };
}

/** A geo model prepared for plan evaluation: per channel, θ, b, saturation, shares and end states by geo. */
interface PlanChannel {
  readonly theta: number;
  readonly coef: number;
  readonly saturation: MediaModel["channels"][number]["saturation"];
  readonly share: Float64Array;
  readonly state: Float64Array;
}

function prepare(model: MediaModel, ds: MediaData, geos: readonly string[], patternWeeks: number) {
  const ranges = groupRanges(geos);
  const held: number[] = [];
  const channels: PlanChannel[] = model.channels.map((c) => {
    if (c.adstock && c.adstock.type !== "geometric") {
      throw new ModelError(`the forward plan needs geometric carryover; ${c.name} has ${c.adstock.type}`);
    }
    const theta = c.adstock?.type === "geometric" ? c.adstock.theta : 0;
    const x = ds.columns[c.column];
    const share = new Float64Array(ranges.length), state = new Float64Array(ranges.length);
    let total = 0;
    ranges.forEach((g, i) => {
      let a = 0, tail = 0;
      for (let t = g.start; t < g.end; t++) a = x[t] + theta * a;
      for (let t = Math.max(g.start, g.end - patternWeeks); t < g.end; t++) tail += x[t];
      state[i] = a;
      share[i] = tail;
      total += tail;
    });
    for (let i = 0; i < share.length; i++) share[i] = total > 0 ? share[i] / total : 1 / share.length;
    held.push(total / patternWeeks);
    return { theta, coef: effectiveCoef(c), saturation: c.saturation, share, state };
  });
  return { channels, held };
}

/** `g` and `g'` of a channel: log1p and identity inline (the hot loop), any other curve through lib/features. */
function kernel(s: PlanChannel["saturation"]): { g: (x: number) => number; dg: (x: number) => number } {
  if (!s) return { g: (x) => x, dg: () => 1 };
  if (s.type === "log1p") {
    const c = s.scale;
    return { g: (x) => Math.log1p(x / c), dg: (x) => 1 / (c + x) };
  }
  return { g: (x) => saturationAt(x, s), dg: (x) => saturationDerivativeAt(x, s) };
}

/** Reusable buffers of {@link evaluate}. */
interface Work {
  readonly avals: Float64Array;
  readonly gsum: Float64Array;
}

/** Response over the plan weeks and their tail; with `grad`, also ∂R/∂x[c][w] into it. */
function evaluate(
  chs: readonly PlanChannel[],
  x: Float64Array,
  weeks: number,
  tail: number,
  withState: boolean,
  grad?: Float64Array,
  work?: Work,
): number {
  let total = 0;
  const h = weeks + tail;
  const avals = work?.avals ?? new Float64Array(h), gsum = work?.gsum ?? new Float64Array(h);
  for (let ci = 0; ci < chs.length; ci++) {
    const c = chs[ci];
    const { g, dg } = kernel(c.saturation);
    const g0 = g(0), theta = c.theta, coef = c.coef, off = ci * weeks;
    if (grad) gsum.fill(0);
    for (let i = 0; i < c.share.length; i++) {
      let a = withState ? c.state[i] : 0, sum = 0;
      const share = c.share[i];
      for (let t = 0; t < h; t++) {
        a = theta * a + (t < weeks ? share * x[off + t] : 0);
        avals[t] = a;
        sum += g(a) - g0;
      }
      total += coef * sum;
      if (grad) {
        let G = 0;
        for (let t = h - 1; t >= 0; t--) {
          G = dg(avals[t]) + theta * G;
          if (t < weeks) gsum[t] += share * G;
        }
      }
    }
    if (grad) { for (let t = 0; t < weeks; t++) grad[off + t] = coef * gsum[t]; }
  }
  return total;
}

/** Projection onto {l ≤ x ≤ u, Σx = B} by bisection on the shift λ in clip(y − λ). */
function project(y: Float64Array, lo: Float64Array, hi: Float64Array, budget: number): Float64Array {
  const total = (lambda: number) => {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += Math.min(hi[i], Math.max(lo[i], y[i] - lambda));
    return s;
  };
  let a = -1, b = 1;
  while (total(a) < budget) a *= 2;
  while (total(b) > budget) b *= 2;
  a = Math.min(a, -Math.abs(b)), b = Math.max(b, Math.abs(a));
  for (let k = 0; k < 100; k++) {
    const m = (a + b) / 2;
    if (total(m) > budget) a = m;
    else b = m;
  }
  const l = (a + b) / 2;
  return y.map((v, i) => Math.min(hi[i], Math.max(lo[i], v - l)));
}

/**
 * The geo forward plan (module doc): concave response with the carryover of past spend, optimized by
 * projected gradient ascent, the gain evaluated under every replicate model.
 *
 * @param model the geo pipeline's fitted media model (`geo.model.mediaModel`)
 * @param ds the modelled panel (`geo.dataset`, rows sorted by geo then week)
 * @param replicates the pipeline's replicate models (`geo.replicates`), for the interval
 * @param options weeks (13), pattern weeks (13), bounds (0.7–1.3), level
 * @example
 * ```ts ignore
 * const plan = geoForwardPlan(geo.model.mediaModel, geo.dataset, geo.replicates);
 * ```
 */
export function geoForwardPlan(
  model: MediaModel,
  ds: MediaData,
  replicates?: ModelReplicates,
  options: ForwardPlanOptions = {},
): ForwardPlan {
  const { weeks, patternWeeks, bounds, level } = resolve(options);
  if (!ds.geos) throw new RangeError("the geo forward plan needs a panel with geos");
  const prep = prepare(model, ds, ds.geos, patternWeeks);
  const maxTheta = Math.max(0, ...prep.channels.map((c) => c.theta));
  // the tail until the slowest carryover has decayed below 0.1% (at most two years)
  const tail = maxTheta > 0 ? Math.min(104, Math.ceil(Math.log(1e-3) / Math.log(maxTheta))) : 0;
  const C = prep.channels.length, n = C * weeks;
  const heldX = new Float64Array(n), lo = new Float64Array(n), hi = new Float64Array(n);
  for (let c = 0; c < C; c++) {
    for (let w = 0; w < weeks; w++) {
      heldX[c * weeks + w] = prep.held[c];
      lo[c * weeks + w] = bounds.min * prep.held[c];
      hi[c * weeks + w] = bounds.max * prep.held[c];
    }
  }
  const budget = heldX.reduce((s, v) => s + v, 0);
  let x: Float64Array = Float64Array.from(heldX);
  const grad = new Float64Array(n);
  const work: Work = { avals: new Float64Array(weeks + tail), gsum: new Float64Array(weeks + tail) };
  let f = evaluate(prep.channels, x, weeks, tail, true, grad, work);
  let iterations = 0;
  let step = budget / Math.max(1e-300, Math.sqrt(grad.reduce((s, v) => s + v * v, 0))) * 0.01;
  for (let it = 0; it < 300 && step > 0; it++) {
    const y = x.map((v, i) => v + step * grad[i]);
    const xn = project(y, lo, hi, budget);
    const fn = evaluate(prep.channels, xn, weeks, tail, true, undefined, work);
    iterations = it + 1;
    if (fn > f) {
      let moved = 0;
      for (let i = 0; i < n; i++) moved = Math.max(moved, Math.abs(xn[i] - x[i]));
      x = xn;
      f = evaluate(prep.channels, x, weeks, tail, true, grad, work);
      step *= 1.5;
      if (moved <= 1e-9 * (budget / n)) break;
    } else {
      step /= 2;
      if (step < 1e-12 * budget) break;
    }
  }
  evaluate(prep.channels, x, weeks, tail, true, grad, work);
  const free: number[] = [];
  for (let i = 0; i < n; i++) {
    const room = 1e-9 * Math.max(1, hi[i] - lo[i]);
    if (x[i] > lo[i] + room && x[i] < hi[i] - room) free.push(grad[i]);
  }
  const multiplier = free.length > 0 ? free.reduce((p, v) => p + v, 0) / free.length : NaN;
  const gap = free.reduce((p, v) => Math.max(p, Math.abs(v - multiplier) / Math.abs(multiplier)), 0);
  const heldResponse = evaluate(prep.channels, heldX, weeks, tail, false);
  const plannedResponse = evaluate(prep.channels, x, weeks, tail, false);
  const gain = f - evaluate(prep.channels, heldX, weeks, tail, true);
  const reps = replicates?.replicates ?? 0;
  const gains = new Float64Array(reps);
  for (let r = 0; r < reps; r++) {
    const pr = prepare(replicateModel(replicates!, r), ds, ds.geos, patternWeeks).channels;
    gains[r] = evaluate(pr, x, weeks, tail, true, undefined, work) -
      evaluate(pr, heldX, weeks, tail, true, undefined, work);
  }
  const iv = replicateInterval(gains, level, replicates?.widening ?? 1);
  return {
    weeks,
    channels: model.channels.map((c) => c.name),
    held: prep.held,
    plan: prep.channels.map((_, c) => Array.from(x.subarray(c * weeks, (c + 1) * weeks))),
    budget,
    heldResponse,
    plannedResponse,
    carryover: evaluate(prep.channels, new Float64Array(n), weeks, tail, true),
    gain,
    gainLower: iv.lower,
    gainUpper: iv.upper,
    verdict: Number.isFinite(iv.lower) ? signVerdict(iv.lower, iv.upper) : signVerdict(gain, gain),
    replicates: reps,
    optimality: { multiplier, gap, iterations },
  };
}
