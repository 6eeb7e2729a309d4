/**
 * Response curves: a channel's total modelled response against its total spend, when its historical spend is
 * scaled by a multiplier `m` in every row (the weekly pattern, flights and geo split kept):
 *
 * ```
 * spend(m) = m · Σ_t x_t,     response(m) = R(m · x) = b · Σ_t [g(m · adstock(x)_t) − g(0)]
 * ```
 *
 * (`channel_curve.ts`). `m = 1` is the current point: its response is the channel's contribution. The curve
 * starts at `(0, 0)`; its slope is the marginal ROI, the slope of the chord from the origin the average ROI.
 *
 * Optional uncertainty bands come either from **replicate models** (`replicates`, a bootstrap that re-chose
 * carryover and saturation in every replicate, `model_replicates.ts`): the band at each spend is the interval
 * of the replicates' responses there, so it includes the uncertainty of the curve's shape; or from the
 * parametric (Krinsky–Robb) coefficient draws of `coefficient_draws.ts` (`uncertainty`): the response is linear
 * in the channel's coefficient, so that band is the coefficient's percentile interval times the curve's shape,
 * and it ignores the uncertainty in the transform parameters, which shape the curve and were chosen by a
 * cross-validated search. With both, the replicates win.
 *
 * References: Jin et al. (2017), "Bayesian Methods for Media Mix Modeling with Carryover and Shape Effects",
 * Google, section 4 (response curves); Robyn's `robyn_response`.
 *
 * @module
 */

import { channelCurves, evaluateCurve } from "./channel_curve.ts";
import { type DrawOptions, resolveDrawOptions, summarizeDraws } from "./coefficient_draws.ts";
import { drawModelCoefficients } from "./contributions.ts";
import { type ReplicateCurves, replicateInterval } from "./model_replicates.ts";
import { findChannel, type GeoOptions, type MediaData, type MediaModel } from "./media_model.ts";

/** Options of {@link responseCurve}. */
export interface ResponseCurveOptions extends GeoOptions {
  /** Spend multipliers, finite and ≥ 0 (default `0, 0.05, …, 3`). `1` is added when missing. */
  readonly multipliers?: readonly number[];
  /** Draw a band from the coefficient covariance (needs `model.coefCov`). */
  readonly uncertainty?: DrawOptions;
  /** Band from replicate models (their curves, e.g. `new ReplicateCurves(replicates, ds)`). */
  readonly replicates?: ReplicateCurves;
}

/** One point of a response curve. */
export interface ResponseCurvePoint {
  /** Multiplier `m` of the historical spend. */
  readonly multiplier: number;
  /** Total spend `m · S`. */
  readonly spend: number;
  /** Total response `R(m)`. */
  readonly response: number;
  /** Average ROI `response / spend` (`NaN` at zero spend). */
  readonly roi: number;
  /** Marginal ROI `dR/dS` at this spend. */
  readonly marginalRoi: number;
  /** Lower end of the band (only with `uncertainty`). */
  readonly lower?: number;
  /** Upper end of the band (only with `uncertainty`). */
  readonly upper?: number;
  /** True for the current spend (`m = 1`). */
  readonly isCurrent: boolean;
}

/** A channel's response curve. */
export interface ResponseCurve {
  /** The channel's name in the media model. */
  readonly channel: string;
  /** Historical total spend `S` (spend at `m = 1`). */
  readonly currentSpend: number;
  /** Points in increasing multiplier order. */
  readonly points: readonly ResponseCurvePoint[];
  /** The point at `m = 1`: its response is the channel's contribution. */
  readonly current: ResponseCurvePoint;
  /** Coverage of the band, when one was drawn. */
  readonly level?: number;
}

/** The default multipliers `0, 0.05, …, 3` (61 points). */
export const DEFAULT_MULTIPLIERS: readonly number[] = Array.from({ length: 61 }, (_, i) => i / 20);

/**
 * The response curve of one channel (see the module doc), optionally with a percentile band from coefficient
 * draws.
 *
 * @param model a fitted media model (with `coefCov` for a band)
 * @param ds spend columns (and geos)
 * @param channel channel name
 * @param options `multipliers` (default 0..3 by 0.05), `replicates` or `uncertainty: { seed, draws?, level? }`,
 *   `geos`
 * @example
 * ```ts ignore
 * const curve = responseCurve(model, ds, "tv", { uncertainty: { seed: 1 } });
 * curve.current.response; // tv's contribution; curve.points[i].lower / upper: the 95% band
 * ```
 */
export function responseCurve(
  model: MediaModel,
  ds: MediaData,
  channel: string,
  options: ResponseCurveOptions = {},
): ResponseCurve {
  const ch = findChannel(model, channel);
  const multipliers = resolveMultipliers(options.multipliers ?? DEFAULT_MULTIPLIERS);
  const [curve] = channelCurves(model, ds, { geos: options.geos, channels: [channel] });
  const evaluated = multipliers.map((m) => evaluateCurve(curve, m));

  let bands: { lower: number; upper: number }[] | undefined;
  let level: number | undefined;
  if (options.replicates) {
    const rc = options.replicates;
    level = rc.rep.level;
    bands = multipliers.map((mult) => {
      const s = replicateInterval(rc.response(channel, mult), rc.rep.level, rc.rep.widening);
      // at zero spend every replicate's response is 0
      return mult === 0 ? { lower: 0, upper: 0 } : { lower: s.lower, upper: s.upper };
    });
  } else if (options.uncertainty) {
    const o = resolveDrawOptions(options.uncertainty);
    level = o.level;
    const j = model.channels.indexOf(ch);
    const m = model.channels.length;
    const beta = drawModelCoefficients(model, o.draws, o.seed);
    // Response is linear in β: R(m; β) = β · R(m; β = 1).
    const unit = { ...curve, coef: 1 / (ch.scaling?.scale ?? 1) };
    const values = new Float64Array(o.draws);
    bands = multipliers.map((mult) => {
      const u = evaluateCurve(unit, mult).response;
      for (let r = 0; r < o.draws; r++) values[r] = beta[r * m + j] * u;
      const s = summarizeDraws(values, o.level);
      return { lower: s.lower, upper: s.upper };
    });
  }
  const points: ResponseCurvePoint[] = evaluated.map((p, i) => ({
    multiplier: p.multiplier,
    spend: p.spend,
    response: p.response,
    roi: p.spend > 0 ? p.response / p.spend : NaN,
    marginalRoi: p.marginal,
    ...(bands ? bands[i] : {}),
    isCurrent: p.multiplier === 1,
  }));
  const current = points.find((p) => p.isCurrent)!;
  return { channel, currentSpend: curve.spend, points, current, ...(level !== undefined ? { level } : {}) };
}

function resolveMultipliers(multipliers: readonly number[]): number[] {
  for (const m of multipliers) {
    if (!(Number.isFinite(m) && m >= 0)) {
      throw new RangeError(`multipliers must be finite and >= 0, got ${m}`);
    }
  }
  const set = new Set(multipliers);
  set.add(1);
  return [...set].sort((a, b) => a - b);
}
