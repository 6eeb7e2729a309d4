/**
 * Notebook 05's view of the chosen transforms: the carryover and scale table (with the truth where known),
 * each channel's CV profile over θ, and the fitted adstock weights week by week.
 *
 * @module
 */
import { channelLabel } from "../data/labels.ts";
import { truthKey } from "../data/truth.ts";
import { adstockHorizon, adstockWeights } from "../features/adstock.ts";
import { thetaProfile } from "../evaluate/geo_transforms.ts";
import type { GeoPipelineResult } from "./geo_types.ts";

/** One row of the carryover and scale table (also `results.chosen`). */
export interface GeoCarryoverTableRow {
  /** The channel's display name. */
  readonly channel: string;
  /** Chosen carryover θ. */
  readonly theta: number;
  /** Lower end of θ's bootstrap interval; NaN without the bootstrap. */
  readonly lower: number;
  /** Upper end of θ's bootstrap interval; NaN without the bootstrap. */
  readonly upper: number;
  /** The θ within one SE of the best CV score, as "min – max". */
  readonly thetaOneSe: string;
  /** True θ; NaN without a truth for the channel (always for a merged channel). */
  readonly trueTheta: number;
  /** Chosen log scale s, in spend units. */
  readonly scale: number;
  /** The chosen scale as a multiple of the channel's mean spend. */
  readonly scaleMultiple: number;
  /** True scale, in spend units; NaN without a truth for the channel. */
  readonly trueScale: number;
  /** Share of bootstrap replicates choosing other transforms; NaN without the bootstrap. */
  readonly changed: number;
}

/** The ground truth's θ and scale per channel, keyed by `truthKey` (a `GeoTruth` fits). */
export interface GeoTransformTruth {
  /** Per truth key (`truthKey(column)`): true carryover θ and scale in spend units. */
  readonly channels: Readonly<Partial<Record<string, { readonly theta: number; readonly scale: number }>>>;
}

/**
 * The chosen θ (with its bootstrap interval and the θ within one SE), scale and replicates' changes per
 * channel, beside the true θ and scale when a truth is given and the channel is not a merged one.
 *
 * @param truth the ground truth (bundled data), or undefined
 * @example
 * ```ts ignore
 * geoCarryoverTable(geo, truth)[0]; // { channel: "TV", theta: 0.5, lower: 0.35, ..., trueTheta: 0.5, ... }
 * ```
 */
export function geoCarryoverTable(
  geo: {
    readonly carryover: GeoPipelineResult["carryover"];
    readonly identification: Pick<GeoPipelineResult["identification"], "merged">;
    readonly transforms: Pick<GeoPipelineResult["transforms"], "thetaWithinOneSe">;
  },
  truth?: GeoTransformTruth,
): GeoCarryoverTableRow[] {
  return geo.carryover.map((r) => {
    const merged = geo.identification.merged.some((m) => m.channel === r.channel);
    const t = truth && !merged ? truth.channels[truthKey(r.channel)] : undefined;
    const range = geo.transforms.thetaWithinOneSe[r.channel];
    return {
      channel: channelLabel(r.channel),
      theta: r.theta,
      lower: r.lower ?? NaN,
      upper: r.upper ?? NaN,
      thetaOneSe: `${range.min} – ${range.max}`,
      trueTheta: t?.theta ?? NaN,
      scale: r.scale,
      scaleMultiple: r.scaleMultiple,
      trueScale: t?.scale ?? NaN,
      changed: r.changedShare ?? NaN,
    };
  });
}

/** A curve for `curvesChart`: x and y values. */
export interface GeoCurve {
  /** Horizontal values. */
  readonly x: ArrayLike<number>;
  /** Vertical values, one per x. */
  readonly y: ArrayLike<number>;
}

/**
 * Per modelled channel (by display name), the best mean CV RMSE at each θ over all scales, the other channels
 * at their choice (`thetaProfile`): the curves of the profile chart.
 *
 * @example
 * ```ts ignore
 * geoThetaProfileCurves(geo).TV; // { x: [0, 0.1, …], y: [rmse, …] }
 * ```
 */
export function geoThetaProfileCurves(geo: {
  readonly identification: Pick<GeoPipelineResult["identification"], "channels">;
  readonly transforms: GeoPipelineResult["transforms"];
}): Record<string, GeoCurve> {
  return Object.fromEntries(geo.identification.channels.map((c) => {
    const p = thetaProfile(geo.transforms, c);
    return [channelLabel(c), { x: p.theta, y: p.rmse }];
  }));
}

/** A channel's fitted adstock weights (`results.adstockDecay`). */
export interface GeoAdstockDecayRow {
  /** The modelled channel (column name). */
  readonly channel: string;
  /** Its chosen carryover θ. */
  readonly theta: number;
  /** `θ^l` at lags `l = 0 … weeks − 1`: the share of one week's spend still carried `l` weeks later. */
  readonly weights: number[];
}

/** The fitted carryover of every channel, drawn until the slowest one's weight falls below 1%. */
export interface GeoAdstockDecay {
  /** Lags shown: `0 … weeks − 1`, with `weeks = adstockHorizon(max θ)` (at most a year). */
  readonly lags: number[];
  /** One row per channel, in the model's order. */
  readonly rows: GeoAdstockDecayRow[];
  /** The same weights by display name, for `curvesChart`. */
  readonly curves: Record<string, GeoCurve>;
}

/**
 * Each channel's adstock weight `θ^l` of one week's spend `l` weeks later, over the lags until the slowest
 * channel's weight falls below 1% (`adstockHorizon`, at most 52 weeks).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const d = geoAdstockDecay({ carryover: [{ channel: "tv_spend", theta: 0.5 }] });
 * assertClose(d.lags.length, 8, 0); // 0.5^7 < 1%
 * assertClose(d.curves.TV.y.length, 8, 0);
 * ```
 */
export function geoAdstockDecay(geo: {
  readonly carryover: readonly { readonly channel: string; readonly theta: number }[];
}): GeoAdstockDecay {
  const weeks = adstockHorizon(Math.max(...geo.carryover.map((r) => r.theta)));
  const lags = Array.from({ length: weeks }, (_, l) => l);
  const rows = geo.carryover.map((r) => ({
    channel: r.channel,
    theta: r.theta,
    weights: [...adstockWeights({ type: "geometric", theta: r.theta }, weeks)],
  }));
  const curves = Object.fromEntries(rows.map((r) => [channelLabel(r.channel), { x: lags, y: r.weights }]));
  return { lags, rows, curves };
}
