/**
 * Marginal ROI: the extra response per extra unit of spend at the current spend level, as opposed to the
 * average ROI (total contribution / total spend).
 *
 * The extra spend is spread like the historical spend: every row's spend rises by the same proportion `δ`, so
 * the extra total spend is `δ · Σ_t x_t`. Two versions:
 *
 * ```
 * finite difference:  mROI_δ = [R(x · (1 + δ)) − R(x)] / (δ · Σ_t x_t)
 * analytic (δ → 0):   mROI   = dR/dS = (b / S) · Σ_t a_t · g'(a_t)          (channel_curve.ts)
 * ```
 *
 * with `R` the channel's total response, `a = adstock(x)`, `b = β / scale`, `S = Σ_t x_t`. They agree as
 * `δ → 0` (the difference is `O(δ)`, of the sign of the curvature).
 *
 * Reading it: with revenue as the target, a marginal ROI below 1 means the last unit of spend returns less
 * than it costs (it does not pay back), even when the average ROI is well above 1; money moves to where the
 * marginal ROI is highest, and an optimal budget equalizes it across channels (`lib/optimize`). Under
 * diminishing returns the marginal ROI is below the average ROI.
 *
 * References: Jin et al. (2017), "Bayesian Methods for Media Mix Modeling with Carryover and Shape Effects",
 * Google, section 4 ("mROAS"); Robyn's marginal response (`robyn_response`, `mROI` in the allocator).
 *
 * @module
 */

import { channelCurves, curveResponse, evaluateCurve } from "./channel_curve.ts";
import type { GeoOptions, MediaData, MediaModel } from "./media_model.ts";

/** Options of {@link marginalRoi}. */
export interface MarginalRoiOptions extends GeoOptions {
  /** Proportional spend increase `δ` of the finite difference: finite, > −1, ≠ 0 (default 0.01). */
  readonly step?: number;
}

/** Average and marginal ROI of one channel at its historical spend. */
export interface ChannelMarginalRoi {
  /** The channel's name in the media model. */
  readonly channel: string;
  /** Total spend `S`. */
  readonly spend: number;
  /** Total contribution `R(x)`. */
  readonly contribution: number;
  /** Average ROI `R(x) / S` (`NaN` without spend). */
  readonly roi: number;
  /** Finite-difference marginal ROI with step `δ`. */
  readonly marginalRoi: number;
  /** Analytic marginal ROI `dR/dS` (the limit `δ → 0`). */
  readonly marginalRoiAnalytic: number;
  /** The step `δ` used. */
  readonly step: number;
}

/**
 * Marginal ROI of every channel at its historical spend, finite-difference and analytic (see the module doc).
 * Channels without spend get `NaN`.
 *
 * @param model a fitted media model
 * @param ds spend columns (and geos)
 * @param options `step` `δ` (default 0.01), `geos`
 * @example
 * ```ts ignore
 * marginalRoi(model, ds).map((r) => [r.channel, r.roi, r.marginalRoi]); // [["tv", 2.4, 0.9], …]
 * ```
 */
export function marginalRoi(
  model: MediaModel,
  ds: MediaData,
  options: MarginalRoiOptions = {},
): ChannelMarginalRoi[] {
  const { step = 0.01 } = options;
  if (!(Number.isFinite(step) && step > -1 && step !== 0)) {
    throw new RangeError(`step must be finite, > -1 and non-zero, got ${step}`);
  }
  return channelCurves(model, ds, options).map((curve) => {
    const S = curve.spend;
    const at1 = evaluateCurve(curve, 1);
    const up = curveResponse(curve, 1 + step);
    return {
      channel: curve.name,
      spend: S,
      contribution: at1.response,
      roi: S > 0 ? at1.response / S : NaN,
      marginalRoi: S > 0 ? (up - at1.response) / (step * S) : NaN,
      marginalRoiAnalytic: at1.marginal,
      step,
    };
  });
}
