/**
 * The same-budget national reallocation: maximize modelled revenue over the channels' spends with the total
 * outlay fixed and a box around each channel's current spend, with its optimality certificate.
 *
 * The national response is linear (`national_response.ts`): channel `j` returns `ρ_j` per dollar and, if
 * social, induces `μ_j` dollars of search spend. With `cost: "net"` (default) the induced search is paid for,
 * so a dollar on `j` costs `c_j = 1 + μ_j` of the budget; with `"gross"`, `c_j = 1`. The problem
 *
 * ```
 * max Σ_j ρ_j x_j   s.t.  Σ_j c_j x_j = B,   l_j ≤ x_j ≤ u_j
 * ```
 *
 * is a continuous knapsack, solved exactly by filling channels in decreasing order of `r_j = ρ_j / c_j`
 * (Dantzig 1957). Its KKT conditions are the certificate: with multiplier `λ` (the revenue of one more unit of
 * budget), every interior channel has `r_j = λ`, a channel at its upper bound `r_j ≥ λ`, at its lower bound
 * `r_j ≤ λ`. The gain's interval evaluates the point allocation under every replicate (spends held); the
 * social share of the budget is also re-optimized under every replicate for the interval of the split.
 *
 * Reference: Dantzig (1957), "Discrete-variable extremum problems", Operations Research 5(2); Boyd &
 * Vandenberghe (2004), "Convex Optimization", §5.5.3 (KKT conditions).
 *
 * @module
 */
import { replicateInterval } from "../decompose/model_replicates.ts";
import { type SignVerdict, signVerdict } from "../evaluate/verdicts.ts";
import type { NationalResponseModel } from "./national_response.ts";

/** Options of {@link allocateNational}. */
export interface NationalAllocateOptions {
  /** Multiples of current spend each channel may move between (default 0.7–1.3). */
  readonly bounds?: { readonly min: number; readonly max: number };
  /** Per-channel bounds overriding `bounds`, as multiples of current spend. */
  readonly channelBounds?: Readonly<Record<string, { readonly min: number; readonly max: number }>>;
  /** Whether induced search spend counts as cost (default "net"). */
  readonly cost?: "net" | "gross";
  /** Relative tolerance of the certificate's equalities (default 1e-9). */
  readonly tolerance?: number;
}

/** One channel of the allocation. */
export interface NationalAllocationRow {
  /** The input file's column (merged channels as `a+b`). */
  readonly channel: string;
  /** `social`, `search` or `media`, as in `NationalChannelRates`. */
  readonly kind: string;
  /** Historical total spend over the series. */
  readonly currentSpend: number;
  /** Spend at the optimum, within the channel's bounds times `currentSpend`. */
  readonly recommendedSpend: number;
  /** `recommendedSpend / currentSpend − 1`. */
  readonly change: number;
  /** Revenue per budget dollar `ρ_j / c_j` (the marginal ROI the optimum compares). */
  readonly marginalRoi: number;
  /** Which bound binds at the optimum, or null for an interior channel. */
  readonly bound: "lower" | "upper" | null;
}

/** The optimum with its certificate and intervals. */
export interface NationalAllocation {
  /** The cost basis used: induced search paid from the budget (`net`) or not (`gross`). */
  readonly cost: "net" | "gross";
  /** Why the cost basis differs from the one asked for (empty when it does not). */
  readonly costNote: string;
  /** Default bounds as multiples of current spend (option `bounds`, default 0.7–1.3). */
  readonly bounds: { readonly min: number; readonly max: number };
  /** The fixed outlay B = Σ_j c_j · current spend_j (with induced search under the net basis). */
  readonly budget: number;
  /** Channels with spend, in the model's order. */
  readonly rows: readonly NationalAllocationRow[];
  /** Revenue with the recommended spend minus revenue with the current spend (point estimate). */
  readonly gain: number;
  /** Lower bound of the gain's replicate interval (the point allocation under every replicate). */
  readonly gainLower: number;
  /** Upper bound of the gain's replicate interval. */
  readonly gainUpper: number;
  /** What the gain's interval says about its sign (the point gain's sign without replicates). */
  readonly verdict: SignVerdict;
  /** Gain as a share of the modelled media contribution now. */
  readonly gainShare: number;
  /** The KKT optimality certificate of the continuous knapsack. */
  readonly certificate: {
    /** The multiplier λ: revenue from one more unit of budget. */
    readonly multiplier: number;
    /** Channels strictly inside their bounds (their `r_j` equal λ). */
    readonly interior: readonly string[];
    /** Channels at their upper bound (`r_j ≥ λ`). */
    readonly atUpper: readonly string[];
    /** Channels at their lower bound (`r_j ≤ λ`). */
    readonly atLower: readonly string[];
    /** Largest |r_j − λ| / max(1, |λ|) over interior channels. */
    readonly interiorGap: number;
    /** Whether every KKT condition holds within the tolerance. */
    readonly holds: boolean;
    /** The certificate in words: λ and the channels at each bound and inside. */
    readonly sentence: string;
  };
  /**
   * Share of spend on social channels now and recommended, with the re-optimized replicates' interval; null
   * without both a social channel and search.
   */
  readonly split: {
    /** Social channels' share of the channels' total spend now. */
    readonly socialNow: number;
    /** Their share at the recommended spend. */
    readonly socialRecommended: number;
    /** Lower bound of the share under each replicate's own optimum. */
    readonly lower: number;
    /** Upper bound of that interval. */
    readonly upper: number;
    /** Replicates re-optimized for the split's interval (those with a positive net cost for every channel). */
    readonly used: number;
  } | null;
  /** Replicates of the response model the intervals use. */
  readonly replicates: number;
}

interface Problem {
  readonly rate: Float64Array;
  readonly cost: Float64Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly budget: number;
}

/** Fills channels in decreasing `rate/cost` order from their lower bounds (the continuous knapsack). */
function solve(p: Problem): Float64Array {
  const n = p.rate.length;
  const x = Float64Array.from(p.lo);
  let left = p.budget;
  for (let j = 0; j < n; j++) left -= p.cost[j] * p.lo[j];
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) =>
    p.rate[b] / p.cost[b] - p.rate[a] / p.cost[a] || a - b
  );
  for (const j of order) {
    if (left <= 0) break;
    const room = (p.hi[j] - p.lo[j]) * p.cost[j];
    const take = Math.min(room, left);
    x[j] += take / p.cost[j];
    left -= take;
  }
  return x;
}

/**
 * The best same-budget allocation of the national channels (see the module doc).
 *
 * @param model from `nationalResponseModel`
 * @param options bounds (default 0.7–1.3 × current), per-channel bounds, cost basis, tolerance
 * @throws RangeError for bounds that do not contain 1 or are not finite
 * @example
 * const a = allocateNational(nationalResponseModel(national));
 * a.certificate.holds; a.rows.map((r) => [r.channel, r.change]);
 */
export function allocateNational(
  model: NationalResponseModel,
  options: NationalAllocateOptions = {},
): NationalAllocation {
  const bounds = options.bounds ?? { min: 0.7, max: 1.3 };
  const costBasis = options.cost ?? "net";
  const tol = options.tolerance ?? 1e-9;
  const ch = model.channels.filter((c) => c.spend > 0);
  const n = ch.length;
  const b = (name: string) => options.channelBounds?.[name] ?? bounds;
  for (const c of ch) {
    const { min, max } = b(c.channel);
    if (!(Number.isFinite(min) && Number.isFinite(max) && min >= 0 && min <= 1 && max >= 1)) {
      throw new RangeError(`bounds of ${c.channel} must satisfy 0 <= min <= 1 <= max, got ${min}–${max}`);
    }
  }
  // a social channel that lowers search spend by a dollar or more per dollar would cost nothing: the net
  // basis is then undefined, and the gross basis is used (said in `costNote`)
  const netDefined = ch.every((c) => 1 + c.induced > 0);
  const basis: "net" | "gross" = costBasis === "net" && netDefined ? "net" : "gross";
  const costOf = (induced: number) => (basis === "net" ? 1 + induced : 1);
  const problem = (rate: ArrayLike<number>, induced: ArrayLike<number>): Problem => {
    const cost = Float64Array.from(ch, (_, j) => costOf(induced[j]));
    const lo = Float64Array.from(ch, (c) => b(c.channel).min * c.spend);
    const hi = Float64Array.from(ch, (c) => b(c.channel).max * c.spend);
    let budget = 0;
    ch.forEach((c, j) => (budget += cost[j] * c.spend));
    return { rate: Float64Array.from(rate), cost, lo, hi, budget };
  };
  const p = problem(ch.map((c) => c.roi), ch.map((c) => c.induced));
  const x = solve(p);
  const r = Float64Array.from(ch, (_, j) => p.rate[j] / p.cost[j]);
  const span = (j: number) => Math.max(1, p.hi[j] - p.lo[j]) * 1e-12;
  const at = (j: number): "lower" | "upper" | null =>
    x[j] <= p.lo[j] + span(j) ? "lower" : x[j] >= p.hi[j] - span(j) ? "upper" : null;
  const interior = ch.map((_, j) => j).filter((j) => at(j) === null);
  const upper = ch.map((_, j) => j).filter((j) => at(j) === "upper");
  const lower = ch.map((_, j) => j).filter((j) => at(j) === "lower");
  // λ: the interior channel's rate; with none, the best rate of a channel that could still take budget
  const lambda = interior.length > 0
    ? interior.reduce((s, j) => s + r[j], 0) / interior.length
    : lower.length > 0
    ? Math.max(...lower.map((j) => r[j]))
    : 0;
  const scale = Math.max(1, Math.abs(lambda));
  const gap = interior.reduce((g, j) => Math.max(g, Math.abs(r[j] - lambda) / scale), 0);
  const holds = gap <= tol * 1e3 + tol &&
    upper.every((j) => r[j] >= lambda - tol * scale) && lower.every((j) => r[j] <= lambda + tol * scale);

  const dx = Float64Array.from(ch, (c, j) => x[j] - c.spend);
  let gain = 0, now = 0;
  ch.forEach((c, j) => {
    gain += c.roi * dx[j];
    now += c.roi * c.spend;
  });
  const reps = model.replicates;
  const gains = new Float64Array(reps);
  const shares = new Float64Array(reps);
  const social = ch.map((c) => c.kind === "social");
  const socialShare = (xs: ArrayLike<number>, cost: ArrayLike<number>) => {
    let s = 0, t = 0;
    for (let j = 0; j < n; j++) {
      t += cost[j] * xs[j];
      if (social[j]) s += xs[j];
    }
    return s / t;
  };
  const rate = new Float64Array(n), ind = new Float64Array(n);
  const ones = new Float64Array(n).fill(1);
  for (let k = 0; k < reps; k++) {
    let g = 0;
    for (let j = 0; j < n; j++) {
      rate[j] = ch[j].roiReplicates[k];
      ind[j] = ch[j].inducedReplicates[k];
      g += rate[j] * dx[j];
    }
    gains[k] = g;
    const pk = problem(rate, ind);
    // a replicate whose net cost is not positive for some channel has no net optimum: left out of the split
    shares[k] = pk.cost.every((v) => v > 0) ? socialShare(solve(pk), ones) : NaN;
  }
  const iv = replicateInterval(gains, model.level);
  const sv = replicateInterval(shares, model.level);
  const hasSocial = social.some(Boolean) && ch.some((c) => c.kind === "search");
  const names = (js: number[]) => js.map((j) => ch[j].channel);
  return {
    cost: basis,
    costNote: basis === costBasis
      ? ""
      : `Induced search is not counted as cost: for ${
        ch.filter((c) => !(1 + c.induced > 0)).map((c) => c.channel).join(", ")
      } the model has search spend falling by a dollar or more per dollar of social spend, so a net cost is not positive.`,
    bounds,
    budget: p.budget,
    rows: ch.map((c, j) => ({
      channel: c.channel,
      kind: c.kind,
      currentSpend: c.spend,
      recommendedSpend: x[j],
      change: x[j] / c.spend - 1,
      marginalRoi: r[j],
      bound: at(j),
    })),
    gain,
    gainLower: iv.lower,
    gainUpper: iv.upper,
    verdict: reps >= 2 && Number.isFinite(iv.lower)
      ? signVerdict(iv.lower, iv.upper)
      : signVerdict(gain, gain),
    gainShare: now !== 0 ? gain / now : NaN,
    certificate: {
      multiplier: lambda,
      interior: names(interior),
      atUpper: names(upper),
      atLower: names(lower),
      interiorGap: gap,
      holds,
      sentence: certificateSentence(names(interior), names(upper), names(lower), lambda, holds),
    },
    split: hasSocial
      ? {
        socialNow: socialShare(ch.map((c) => c.spend), ones),
        socialRecommended: socialShare(x, ones),
        lower: sv.lower,
        upper: sv.upper,
        used: sv.used,
      }
      : null,
    replicates: reps,
  };
}

function certificateSentence(
  interior: readonly string[],
  upper: readonly string[],
  lower: readonly string[],
  lambda: number,
  holds: boolean,
): string {
  const list = (xs: readonly string[]) => (xs.length === 0 ? "none" : xs.join(", "));
  return `${holds ? "Optimality certificate holds" : "Optimality certificate FAILS"}: ` +
    `one more unit of budget returns ${
      Number.isFinite(lambda) ? lambda.toPrecision(3) : "n/a"
    } (the multiplier); ` +
    `channels at their upper bound: ${list(upper)} (each returns at least that per budget dollar); ` +
    `at their lower bound: ${list(lower)} (each returns at most that); ` +
    `interior (returns equal to it): ${list(interior)}.`;
}
