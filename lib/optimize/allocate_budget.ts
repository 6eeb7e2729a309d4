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
  evaluateCurve,
  type GeoOptions,
  type MediaData,
  type MediaModel,
} from "../decompose/mod.ts";
import { sum } from "./_sum.ts";
import { gridStart } from "./allocate_grid.ts";
import { refine } from "./allocate_local.ts";

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
  /** The channel's name in the media model. */
  readonly channel: string;
  /** Historical total spend over the rows' window. */
  readonly currentSpend: number;
  /** Spend at the optimum, within `[minSpend, maxSpend]`; the channels' optima sum to `total`. */
  readonly optimalSpend: number;
  /** `optimalSpend / currentSpend`: the factor applied to every row of the historical spend. */
  readonly multiplier: number;
  /** Lower bound L_c on the channel's spend, in spend units (a multiplier bound times `currentSpend`). */
  readonly minSpend: number;
  /** Upper bound U_c on the channel's spend, in spend units. */
  readonly maxSpend: number;
  /** Modelled response `f_c` at the current spend (the channel's contribution), in target units. */
  readonly currentResponse: number;
  /** Modelled response `f_c` at the optimal spend. */
  readonly optimalResponse: number;
  /** Marginal ROI `f'_c` at the current spend (target units per unit of spend). */
  readonly marginalRoiCurrent: number;
  /** Marginal ROI `f'_c` at the optimal spend: equal across channels strictly inside their bounds. */
  readonly marginalRoiOptimal: number;
  /** Which bound binds at the optimum, if any (`"fixed"` when min = max). */
  readonly bound: "min" | "max" | "fixed" | null;
}

/** Result of {@link allocateBudget}. */
export interface BudgetAllocation {
  /** The optimized channels, in model order (or the `channels` option's subset). */
  readonly channels: readonly ChannelAllocation[];
  /** Total budget `T` allocated. */
  readonly total: number;
  /** Current total spend of the optimized channels. */
  readonly currentTotal: number;
  /** Total response of the optimized channels at the current spend. */
  readonly currentResponse: number;
  /** Total response of the optimized channels at the optimal spend. */
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
  /** Whether `kktGap` fell to `tolerance` within `maxIterations` local steps (false: the split is the best found). */
  readonly converged: boolean;
  /** Iterations of the local phase. */
  readonly iterations: number;
}

const DEFAULT_BOUNDS: Required<SpendBounds> = { min: 0.5, max: 2, units: "multiplier" };

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
