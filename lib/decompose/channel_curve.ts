/**
 * A channel's total response as a function of a spend multiplier: the curve response curves, marginal ROI,
 * budget allocation and scenarios all read.
 *
 * Scaling a channel's historical spend `x` by `m` in every row (the shape of the spend pattern kept) scales its
 * adstock by `m` too, because every adstock kernel is linear: `adstock(m·x) = m · adstock(x) = m · a`. So with
 * the adstock `a` computed once, the total response over the rows is
 *
 * ```
 * R(m)     = b · Σ_t [g(m·a_t) − g(0)]                     (b = β / scale, see media_model.ts)
 * dR/dS    = (b / S)  · Σ_t a_t · g'(m·a_t)                 per extra unit of total spend S_m = m·S
 * d²R/dS²  = (b / S²) · Σ_t a_t² · g''(m·a_t)
 * ```
 *
 * with `S = Σ_t x_t` the historical total spend. Rows with `a_t = 0` add nothing to either derivative (the
 * term `a_t g'(m a_t)` is 0 even where `g'(0) = ∞`, as for `sqrt`).
 *
 * The sums are evaluated in one fused pass (no allocation): the optimizer calls them thousands of times on a
 * 6,240-row panel. The curve formulas are those of `lib/features/saturation.ts` (`g`, `g'`), plus `g''`:
 *
 * | type       | `g''(x)`                                                        |
 * |------------|-----------------------------------------------------------------|
 * | `hill`     | `a·u·((a − 1)·u − (a + 1)) / (x² (1 + u)³)`, `u = (K/x)^a`       |
 * | `log1p`    | `−1 / (c + x)²`                                                 |
 * | `sqrt`     | `−x^{−3/2} / 4`                                                 |
 * | `logistic` | `k² · s(1 − s)(1 − 2s)`                                          |
 *
 * @module
 */

import type { SaturationSpec } from "../features/saturation.ts";
import {
  adstockedSpend,
  channelSpend,
  effectiveCoef,
  findChannel,
  type GeoOptions,
  type MediaChannel,
  type MediaData,
  type MediaModel,
  resolveGeos,
  validateMediaModel,
} from "./media_model.ts";
import { groupRanges } from "../features/panel.ts";

/** A channel's response curve over spend multipliers, prepared from a model and data. Plain data. */
export interface ChannelCurve {
  /** Channel name. */
  readonly name: string;
  /** Effective coefficient `b = β / scale`. */
  readonly coef: number;
  /** Saturation `g` (identity when absent). */
  readonly saturation?: SaturationSpec;
  /** Adstocked historical spend `a` per row (within each geo on a panel). */
  readonly adstocked: Float64Array;
  /** Historical total spend `S = Σ_t x_t` over the rows. */
  readonly spend: number;
}

/** A curve evaluated at one multiplier. */
export interface CurvePoint {
  /** The multiplier `m`. */
  readonly multiplier: number;
  /** Total spend `m · S`. */
  readonly spend: number;
  /** Total response `R(m)` (zero spend gives 0). */
  readonly response: number;
  /** Marginal response per extra unit of total spend, `dR/dS` at `m` (the marginal ROI). */
  readonly marginal: number;
  /** Second derivative `d²R/dS²` at `m` (negative where the curve is concave). */
  readonly curvature: number;
}

/**
 * Prepares every channel's curve (or those named in `channels`): adstocks each spend column once (within each
 * geo on a panel) and sums the spend.
 *
 * @param model a fitted media model
 * @param ds spend columns (and geos)
 * @param options `geos` (default `ds.geos`; `null` for one series), `channels` (default all, model order)
 * @example
 * ```ts ignore
 * const [tv] = channelCurves(model, ds, { channels: ["tv"] });
 * evaluateCurve(tv, 1).response; // tv's contribution over the rows
 * ```
 */
export function channelCurves(
  model: MediaModel,
  ds: MediaData,
  options: GeoOptions & { readonly channels?: readonly string[] } = {},
): ChannelCurve[] {
  validateMediaModel(model);
  const geos = resolveGeos(ds, options);
  const ranges = geos ? groupRanges(geos) : undefined;
  const chosen: MediaChannel[] = options.channels
    ? options.channels.map((name) => findChannel(model, name))
    : [...model.channels];
  return chosen.map((c) => {
    const x = channelSpend(ds, c);
    let spend = 0;
    for (let t = 0; t < x.length; t++) spend += x[t];
    return {
      name: c.name,
      coef: effectiveCoef(c),
      saturation: c.saturation,
      adstocked: adstockedSpend(c, x, ranges),
      spend,
    };
  });
}

/**
 * The curve at multiplier `m` (see the module doc for the formulas): total spend, response, marginal response
 * per unit of spend and its derivative. With `S = 0` the marginal and curvature are `NaN` (there is no spend
 * pattern to scale).
 *
 * @param curve from {@link channelCurves}
 * @param multiplier `m ≥ 0`, finite
 * @example
 * ```ts
 * // one row, no adstock, log1p with scale 100, coef 2: R(1) = 2 ln 2, dR/dS = 2 / (100 + 100)
 * evaluateCurve({ name: "tv", coef: 2, saturation: { type: "log1p", scale: 100 }, adstocked: new Float64Array([100]), spend: 100 }, 1);
 * ```
 */
export function evaluateCurve(curve: ChannelCurve, multiplier: number): CurvePoint {
  if (!(multiplier >= 0 && Number.isFinite(multiplier))) {
    throw new RangeError(`multiplier must be finite and >= 0, got ${multiplier}`);
  }
  const s = curveSums(curve.saturation, curve.adstocked, multiplier, true);
  const S = curve.spend;
  return {
    multiplier,
    spend: multiplier * S,
    response: curve.coef * s.value + 0,
    marginal: S > 0 ? (curve.coef * s.slope) / S : NaN,
    curvature: S > 0 ? (curve.coef * s.curvature) / (S * S) : NaN,
  };
}

/**
 * Total response `R(m) = b · Σ_t [g(m·a_t) − g(0)]` only (one pass, no derivatives): the cheap evaluation for
 * objective checks and response curves.
 *
 * @example
 * ```ts ignore
 * curveResponse(curve, 1.1); // response with 10% more spend in every row
 * ```
 */
export function curveResponse(curve: ChannelCurve, multiplier: number): number {
  if (!(multiplier >= 0 && Number.isFinite(multiplier))) {
    throw new RangeError(`multiplier must be finite and >= 0, got ${multiplier}`);
  }
  return curve.coef * curveSums(curve.saturation, curve.adstocked, multiplier, false).value + 0;
}

/** Unscaled sums over rows: `Σ [g(m a) − g(0)]`, `Σ a g'(m a)`, `Σ a² g''(m a)`. */
interface Sums {
  value: number;
  slope: number;
  curvature: number;
}

/**
 * The fused pass; `derivatives` false computes only the value. Rows with `a_t = 0`
 * contribute nothing (`g(0) − g(0)` and `0 · g'`), so they are skipped: that also avoids `0 · ∞` at zero for
 * `sqrt` and Hill with shape < 1.
 */
function curveSums(sat: SaturationSpec | undefined, a: Float64Array, m: number, derivatives: boolean): Sums {
  const n = a.length;
  let value = 0, slope = 0, curvature = 0;
  if (!sat) {
    for (let t = 0; t < n; t++) value += a[t];
    return { value: m * value, slope: derivatives ? value : 0, curvature: 0 };
  }
  switch (sat.type) {
    case "log1p": {
      const c = sat.scale;
      for (let t = 0; t < n; t++) {
        const at = a[t];
        if (at === 0) continue;
        const x = m * at;
        value += Math.log1p(x / c);
        if (derivatives) {
          const r = 1 / (c + x);
          slope += at * r;
          curvature -= at * at * r * r;
        }
      }
      break;
    }
    case "hill": {
      const K = sat.halfSaturation, s = sat.shape;
      for (let t = 0; t < n; t++) {
        const at = a[t];
        if (at === 0) continue;
        const x = m * at;
        if (x === 0) {
          // m = 0: value 0; derivative limits of Hill at 0 (features' saturationDerivative).
          if (derivatives) {
            slope += at * (s > 1 ? 0 : s === 1 ? 1 / K : Infinity);
            curvature += at * at *
              (s > 2 ? 0 : s === 1 ? -2 / (K * K) : s === 2 ? 2 / (K * K) : s > 1 ? Infinity : -Infinity);
          }
          continue;
        }
        const u = Math.pow(K / x, s);
        const q = 1 / (1 + u);
        value += q;
        if (derivatives) {
          const g1 = (s * u * q * q) / x;
          slope += at * g1;
          curvature += at * at * ((g1 * q) / x) * ((s - 1) * u - (s + 1));
        }
      }
      break;
    }
    case "sqrt": {
      const r = Math.sqrt(m);
      for (let t = 0; t < n; t++) {
        const at = a[t];
        if (at === 0) continue;
        const sq = Math.sqrt(at);
        value += sq;
        if (derivatives) {
          slope += 0.5 * sq; // a · 0.5 / √(m a) = 0.5 √a / √m
          curvature -= 0.25 * sq; // a² · (−¼)(m a)^{−3/2} = −¼ √a / m^{3/2}
        }
      }
      value *= r;
      slope /= r; // m = 0 gives +∞, the derivative of √ at 0
      curvature /= m * r;
      break;
    }
    case "logistic": {
      const k = sat.steepness, x0 = sat.midpoint;
      const g0 = logistic(k * (0 - x0));
      for (let t = 0; t < n; t++) {
        const at = a[t];
        if (at === 0) continue;
        const sig = logistic(k * (m * at - x0));
        value += sig - g0;
        if (derivatives) {
          const d = sig * (1 - sig);
          slope += at * k * d;
          curvature += at * at * k * k * d * (1 - 2 * sig);
        }
      }
      break;
    }
  }
  return { value, slope, curvature };
}

function logistic(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
