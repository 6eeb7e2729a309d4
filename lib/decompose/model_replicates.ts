/**
 * Intervals from a set of **replicate models**: the same channels, each replicate with its own carryover,
 * saturation scale and coefficient (a bootstrap that re-chose the transforms in every replicate, as
 * `lib/evaluate/geo_bootstrap.ts` does). Any quantity of the decomposition (contribution, ROI, marginal ROI,
 * a response curve, a scenario's change) is computed under every replicate model, and its interval is the
 * percentile interval of those values, widened about their median by a factor (`widening`, 1 for the plain
 * percentile interval):
 *
 * ```
 * lower = m − w · (m − q_{(1−level)/2}),   upper = m + w · (q_{(1+level)/2} − m),   m = median
 * ```
 *
 * (percentiles by numpy's linear interpolation). Replicate r's channel c is the geometric adstock with
 * `θ_rc`, then `log(1 + a / s_rc)`, with coefficient `β_rc`: its response to a spend multiplier m is
 * `β_rc · Σ_t log(1 + m · a_t(θ_rc) / s_rc)` (`channel_curve.ts`). Replicates share few distinct (θ, s)
 * pairs, so each pair's unit curve is computed once ({@link ReplicateCurves}).
 *
 * References: Efron & Tibshirani (1993), "An Introduction to the Bootstrap", ch. 13 (percentile intervals);
 * for the widening, see `geo_bootstrap.ts`.
 *
 * @module
 */
import type { SaturationSpec } from "../features/saturation.ts";
import { quantileSorted } from "../stats/describe.ts";
import { type ChannelCurve, channelCurves, curveResponse, evaluateCurve } from "./channel_curve.ts";
import type { GeoOptions, MediaData, MediaModel } from "./media_model.ts";

/** Replicate models: per replicate and channel (`replicates × channels`, row-major) θ, log1p scale, β. */
export interface ModelReplicates {
  /** Channel names, which are also the spend columns. */
  readonly channels: readonly string[];
  /** Number of replicate models R (rows of `theta`, `scale`, `coef`). */
  readonly replicates: number;
  /** Geometric-adstock carryover θ per replicate and channel, R × C row-major, in [0, 1). */
  readonly theta: Float64Array;
  /** log1p saturation scale s per replicate and channel, R × C row-major, in spend units (> 0). */
  readonly scale: Float64Array;
  /** Coefficient β on the transformed spend per replicate and channel, R × C row-major (target units). */
  readonly coef: Float64Array;
  /** Interval level (e.g. 0.95). */
  readonly level: number;
  /** Factor by which percentile half-widths are widened about the median (1: none). */
  readonly widening: number;
}

/** A replicate interval: median, percentile bounds widened, standard deviation. */
export interface ReplicateInterval {
  /** Median of the finite replicate values (NaN below 2 of them). */
  readonly median: number;
  /** `m − w · (m − q_{(1−level)/2})`: the lower percentile bound widened about the median (NaN below 2 values). */
  readonly lower: number;
  /** `m + w · (q_{(1+level)/2} − m)`: the upper percentile bound widened about the median (NaN below 2 values). */
  readonly upper: number;
  /** Standard deviation of the replicate values (ddof 1). */
  readonly sd: number;
  /** Finite replicate values used. */
  readonly used: number;
}

/**
 * The interval of the module doc from replicate values (non-finite values are left out; fewer than 2 finite
 * give NaN bounds).
 *
 * @param values one value per replicate
 * @param level coverage in (0, 1)
 * @param widening factor ≥ 1 applied to both half-widths about the median (1: the percentile interval)
 * @example
 * ```ts
 * replicateInterval([1, 2, 3, 4, 5], 0.5, 1); // { median: 3, lower: 2, upper: 4, sd: 1.58…, used: 5 }
 * replicateInterval([1, 2, 3, 4, 5], 0.5, 2); // lower 1, upper 5
 * ```
 */
export function replicateInterval(values: ArrayLike<number>, level: number, widening = 1): ReplicateInterval {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  if (!(widening >= 1)) throw new RangeError(`widening must be >= 1, got ${widening}`);
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  const used = finite.length;
  if (used < 2) return { median: NaN, lower: NaN, upper: NaN, sd: NaN, used };
  const sorted = Float64Array.from(finite).sort();
  const median = quantileSorted(sorted, 0.5);
  const lo = quantileSorted(sorted, (1 - level) / 2), hi = quantileSorted(sorted, (1 + level) / 2);
  let mean = 0;
  for (const v of finite) mean += v / used;
  let ss = 0;
  for (const v of finite) ss += (v - mean) ** 2;
  return {
    median,
    lower: median - widening * (median - lo),
    upper: median + widening * (hi - median),
    sd: Math.sqrt(ss / (used - 1)),
    used,
  };
}

/** Replicate r's model (geometric adstock, log1p saturation, its coefficient), as a {@link MediaModel}. */
export function replicateModel(rep: ModelReplicates, r: number): MediaModel {
  if (!(Number.isInteger(r) && r >= 0 && r < rep.replicates)) {
    throw new RangeError(`replicate ${r} is outside 0..${rep.replicates - 1}`);
  }
  const C = rep.channels.length;
  return {
    channels: rep.channels.map((c, j) => ({
      name: c,
      column: c,
      adstock: { type: "geometric" as const, theta: rep.theta[r * C + j] },
      saturation: { type: "log1p", scale: rep.scale[r * C + j] } as SaturationSpec,
      coef: rep.coef[r * C + j],
    })),
  };
}

/**
 * The unit curves (coefficient 1) of every (channel, θ, s) the replicates use, computed once each, with their
 * responses at multipliers memoized. Evaluates quantities under every replicate model.
 *
 * @example
 * ```ts ignore
 * const curves = new ReplicateCurves(rep, ds);
 * curves.response("tv_spend", 1.2); // Float64Array: tv's response at 1.2 × spend under each replicate
 * ```
 */
export class ReplicateCurves {
  private readonly curves = new Map<string, ChannelCurve>();
  private readonly memo = new Map<string, { response: number; marginal: number }>();
  /**
   * Checks that every replicate channel has a spend column; curves are built lazily.
   *
   * @param rep the replicate models
   * @param ds the rows whose spend the curves scale
   * @param options which geos' rows to use (default all)
   */
  constructor(readonly rep: ModelReplicates, readonly ds: MediaData, readonly options: GeoOptions = {}) {
    for (const c of rep.channels) {
      if (!ds.columns[c]) throw new RangeError(`no spend column "${c}" for the replicate models`);
    }
  }

  /** The unit curve (coefficient 1) of channel index `channel` with carryover θ and scale s, built once. */
  private unit(channel: number, theta: number, scale: number): ChannelCurve {
    const name = this.rep.channels[channel];
    const key = `${channel}|${theta}|${scale}`;
    let curve = this.curves.get(key);
    if (!curve) {
      const model: MediaModel = {
        channels: [{
          name,
          column: name,
          adstock: { type: "geometric", theta },
          saturation: { type: "log1p", scale },
          coef: 1,
        }],
      };
      curve = channelCurves(model, this.ds, this.options)[0];
      this.curves.set(key, curve);
    }
    return curve;
  }

  /** Unit response and marginal response of a channel under replicate r's (θ, s) at multiplier m, memoized. */
  private at(channel: number, r: number, m: number): { response: number; marginal: number } {
    const C = this.rep.channels.length;
    const theta = this.rep.theta[r * C + channel], scale = this.rep.scale[r * C + channel];
    const key = `${channel}|${theta}|${scale}|${m}`;
    let v = this.memo.get(key);
    if (!v) {
      const curve = this.unit(channel, theta, scale);
      const p = evaluateCurve(curve, m);
      v = { response: p.response, marginal: p.marginal };
      this.memo.set(key, v);
    }
    return v;
  }

  /** Index of a channel among the replicates' channels; a RangeError names the known ones. */
  private index(channel: string): number {
    const j = this.rep.channels.indexOf(channel);
    if (j < 0) {
      throw new RangeError(
        `"${channel}" is not a channel of the replicates (${this.rep.channels.join(", ")})`,
      );
    }
    return j;
  }

  /** Total spend of a channel over the rows. */
  spend(channel: string): number {
    const x = this.ds.columns[channel];
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i];
    return s;
  }

  /** The channel's response at `multiplier` × its spend, under each replicate (its contribution at 1). */
  response(channel: string, multiplier: number): Float64Array {
    const j = this.index(channel), C = this.rep.channels.length;
    const out = new Float64Array(this.rep.replicates);
    for (let r = 0; r < out.length; r++) {
      out[r] = this.rep.coef[r * C + j] * this.at(j, r, multiplier).response;
    }
    return out;
  }

  /** The channel's marginal ROI (`dR/dS`) at `multiplier` × its spend, under each replicate. */
  marginal(channel: string, multiplier = 1): Float64Array {
    const j = this.index(channel), C = this.rep.channels.length;
    const out = new Float64Array(this.rep.replicates);
    for (let r = 0; r < out.length; r++) {
      out[r] = this.rep.coef[r * C + j] * this.at(j, r, multiplier).marginal;
    }
    return out;
  }

  /**
   * The total change in response when channels' spend is scaled (`changes`: multiplier by channel, others
   * at 1), under each replicate: `Σ_c [R_c(m_c) − R_c(1)]`.
   */
  change(changes: Readonly<Record<string, number>>): Float64Array {
    const out = new Float64Array(this.rep.replicates);
    for (const [channel, m] of Object.entries(changes)) {
      if (!(Number.isFinite(m) && m >= 0)) {
        throw new RangeError(`multiplier of "${channel}" must be finite and >= 0`);
      }
      if (m === 1) continue;
      const now = this.response(channel, 1), moved = this.response(channel, m);
      for (let r = 0; r < out.length; r++) out[r] += moved[r] - now[r];
    }
    return out;
  }

  /** Sum of a channel's unit response at 1 (for checks): `Σ_t log(1 + a_t / s)` of replicate r. */
  unitContribution(channel: string, r: number): number {
    const j = this.index(channel), C = this.rep.channels.length;
    return curveResponse(this.unit(j, this.rep.theta[r * C + j], this.rep.scale[r * C + j]), 1);
  }
}

/** Per channel: contribution, ROI and marginal ROI under every replicate, and their intervals. */
export interface ChannelReplicateReturns {
  /** Channel name (its spend column). */
  readonly channel: string;
  /** Total spend of the channel over the rows used. */
  readonly spend: number;
  /** Contribution `R(x)` (target with actual spend minus target at zero) under each replicate, in target units. */
  readonly contribution: Float64Array;
  /** ROI `R(x) / S` under each replicate (NaN when the spend is 0). */
  readonly roi: Float64Array;
  /** Marginal ROI `dR/dS` at the actual spend under each replicate (target units per unit of spend). */
  readonly marginalRoi: Float64Array;
  /** Interval of `contribution` (level and widening of the replicates). */
  readonly contributionInterval: ReplicateInterval;
  /** Interval of `roi`. */
  readonly roiInterval: ReplicateInterval;
  /** Interval of `marginalRoi`. */
  readonly marginalRoiInterval: ReplicateInterval;
}

/**
 * Contribution (`R(x)`, the in-sample counterfactual), ROI (`R(x) / S`) and analytic marginal ROI (`dR/dS`) of
 * every channel under every replicate model, with the intervals of the module doc.
 *
 * @example
 * ```ts ignore
 * const r = replicateReturns(rep, ds);
 * r[0].roiInterval; // { median, lower, upper, sd, used }
 * ```
 */
export function replicateReturns(
  rep: ModelReplicates,
  ds: MediaData,
  curves: ReplicateCurves = new ReplicateCurves(rep, ds),
): ChannelReplicateReturns[] {
  return rep.channels.map((channel) => {
    const spend = curves.spend(channel);
    const contribution = curves.response(channel, 1);
    const roi = Float64Array.from(contribution, (v) => (spend > 0 ? v / spend : NaN));
    const marginalRoi = curves.marginal(channel, 1);
    return {
      channel,
      spend,
      contribution,
      roi,
      marginalRoi,
      contributionInterval: replicateInterval(contribution, rep.level, rep.widening),
      roiInterval: replicateInterval(roi, rep.level, rep.widening),
      marginalRoiInterval: replicateInterval(marginalRoi, rep.level, rep.widening),
    };
  });
}
