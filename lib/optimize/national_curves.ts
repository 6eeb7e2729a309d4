/**
 * National response curves over a spend grid with replicate bands, and gross and net ROI now: the views of
 * the linear national response (`national_response.ts`, where the formulas are). A channel's curve is
 * `R(m) = m · C` for its contribution `C`, its band `m` times the percentile interval of the replicates' ROI
 * (for `m ≥ 0` the quantile of `m·X` is `m` times that of `X`), and its net ROI `ROI / (1 + μ)`.
 *
 * @module
 */
import { replicateInterval } from "../decompose/model_replicates.ts";
import type { NationalChannelRates, NationalResponseModel } from "./national_response.ts";

/** One point of a national response curve. */
export interface NationalCurvePoint {
  /** Factor m applied to the channel's historical weekly spend. */
  readonly multiplier: number;
  /** Total spend at this point, `m · S` (the series' dollars). */
  readonly spend: number;
  /** In-sample counterfactual response `m · C` in the outcome's unit (revenue). */
  readonly response: number;
  /** Lower band, `m · S` times the lower replicate-interval bound of ROI. */
  readonly lower: number;
  /** Upper band, `m · S` times the upper replicate-interval bound of ROI. */
  readonly upper: number;
  /** True at the current spend (`m = 1`). */
  readonly isCurrent: boolean;
}

/** A national channel's curve and its returns now. */
export interface NationalCurve {
  /** The input file's column (merged channels as `a+b`). */
  readonly channel: string;
  /** `social`, `search` (the mediator moved directly) or `media` (single-stage channel). */
  readonly kind: NationalChannelRates["kind"];
  /** Historical total spend S over the series. */
  readonly currentSpend: number;
  /** The curve at each multiplier, in the order given. */
  readonly points: readonly NationalCurvePoint[];
  /** Average ROI now = marginal ROI (linear model), revenue per dollar. */
  readonly roi: number;
  /** Lower bound of the replicates' interval of `roi` at the model's level (not widened). */
  readonly lower: number;
  /** Upper bound of the replicates' interval of `roi`. */
  readonly upper: number;
  /** Net of induced search, `roi / (1 + induced)` (social only; equal to `roi` otherwise). */
  readonly netRoi: number;
  /** Lower bound of the replicates' interval of the net ROI (each replicate's own induced search). */
  readonly netLower: number;
  /** Upper bound of the replicates' interval of the net ROI. */
  readonly netUpper: number;
  /** Induced search dollars per dollar, in sample (0 unless social). */
  readonly induced: number;
  /** Lower bound of the replicates' interval of `induced`. */
  readonly inducedLower: number;
  /** Upper bound of the replicates' interval of `induced`. */
  readonly inducedUpper: number;
}

/** The default multipliers of the national curves, `0, 0.05, …, 2`. */
export const NATIONAL_MULTIPLIERS: readonly number[] = Array.from({ length: 41 }, (_, i) => i / 20);

/**
 * Each channel's response curve `R(m) = m · C` over `multipliers` of its current spend with the band
 * `m · [lower, upper]` of the replicates' ROI, and its gross and net ROI with intervals (module doc).
 *
 * @example
 * ```ts ignore
 * nationalCurves(nationalResponseModel(national)).map((c) => c.points.at(-1)!.response);
 * ```
 */
export function nationalCurves(
  model: NationalResponseModel,
  multipliers: readonly number[] = NATIONAL_MULTIPLIERS,
): NationalCurve[] {
  for (const m of multipliers) {
    if (!(m >= 0 && Number.isFinite(m))) {
      throw new RangeError(`multipliers must be finite and >= 0, got ${m}`);
    }
  }
  return model.channels.map((c) => {
    const iv = replicateInterval(c.roiReplicates, model.level);
    const net = c.roiReplicates.map((v, r) => v / (1 + c.inducedReplicates[r]));
    const niv = replicateInterval(net, model.level);
    const ind = replicateInterval(c.inducedReplicates, model.level);
    return {
      channel: c.channel,
      kind: c.kind,
      currentSpend: c.spend,
      points: multipliers.map((m) => ({
        multiplier: m,
        spend: m * c.spend,
        response: m * c.roi * c.spend,
        lower: m * iv.lower * c.spend,
        upper: m * iv.upper * c.spend,
        isCurrent: m === 1,
      })),
      roi: c.roi,
      lower: iv.lower,
      upper: iv.upper,
      netRoi: c.roi / (1 + c.induced),
      netLower: niv.lower,
      netUpper: niv.upper,
      induced: c.induced,
      inducedLower: ind.lower,
      inducedUpper: ind.upper,
    };
  });
}
