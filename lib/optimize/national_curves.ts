/**
 * National response curves over a spend grid with replicate bands, and gross and net ROI now: the views of
 * the linear national response (`national_response.ts`, where the formulas are). A channel's curve is
 * `R(m) = m · C` for its contribution `C`, its band `m` times the percentile interval of the replicates' ROI
 * (for `m ≥ 0` the quantile of `m·X` is `m` times that of `X`).
 *
 * **Net ROI** is the return per total dollar: a social dollar costs itself plus the `μ` search dollars it
 * induces (stage 1), so `net ROI = C / (S · (1 + μ)) = ROI / (1 + μ)`. It is defined only while that total
 * cost is positive, `1 + μ > 0`; where a dollar lowers search spend by a dollar or more (`1 + μ ≤ 0`) a
 * return per total dollar means nothing (dividing by a cost that is zero or negative). So the point net ROI
 * is NaN when `1 + μ ≤ 0`, and its interval is NaN (shown "n/a") when any replicate has `1 + μ_r ≤ 0`,
 * the share of such replicates kept in `netUndefinedShare`: a percentile interval of the others would leave
 * out exactly the replicates where the ratio passes through infinity. Where `−1 < μ < 0` the social dollar
 * saves search dollars and net ROI exceeds gross, as it should. A single-stage model has no mediator: its
 * channels induce no search spend, so induced search and net ROI are not defined there (NaN), not zero.
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
  /**
   * Return per total dollar, the channel's dollar plus the search dollars it induces, `roi / (1 + induced)`
   * (equal to `roi` for search itself); NaN when `1 + induced ≤ 0` or the model has no mediator (module doc).
   */
  readonly netRoi: number;
  /**
   * Lower bound of the replicates' interval of the net ROI (each replicate's own induced search); NaN when
   * any replicate's net ROI is undefined (`netUndefinedShare > 0`) or the model has no mediator.
   */
  readonly netLower: number;
  /** Upper bound of the replicates' interval of the net ROI (NaN as `netLower`). */
  readonly netUpper: number;
  /**
   * Share of replicates whose net ROI is undefined, `1 + induced_r ≤ 0` (0 without replicates; NaN when the
   * model has no mediator).
   */
  readonly netUndefinedShare: number;
  /** Induced search dollars per dollar, in sample (0 for search itself; NaN when the model has no mediator). */
  readonly induced: number;
  /** Lower bound of the replicates' interval of `induced` (NaN without a mediator). */
  readonly inducedLower: number;
  /** Upper bound of the replicates' interval of `induced` (NaN without a mediator). */
  readonly inducedUpper: number;
}

/**
 * Return per total dollar, `roi / (1 + induced)`: the channel's return over its own dollar plus the search
 * dollars it induces; NaN when that total cost is not positive (`1 + induced ≤ 0`) or not finite.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(netReturn(3, 0.5), 2, 1e-12);
 * assertClose(netReturn(3, -1), NaN, 0);
 * ```
 */
export function netReturn(roi: number, induced: number): number {
  const cost = 1 + induced;
  return cost > 0 && Number.isFinite(cost) ? roi / cost : NaN;
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
  const mediated = model.kind === "two-stage";
  return model.channels.map((c) => {
    const iv = replicateInterval(c.roiReplicates, model.level);
    const reps = c.roiReplicates.length;
    const net = c.roiReplicates.map((v, r) => netReturn(v, c.inducedReplicates[r]));
    let undefinedNet = 0;
    for (let r = 0; r < reps; r++) if (!(1 + c.inducedReplicates[r] > 0)) undefinedNet++;
    const share = reps > 0 ? undefinedNet / reps : 0;
    const niv = share > 0 ? { lower: NaN, upper: NaN } : replicateInterval(net, model.level);
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
      netRoi: mediated ? netReturn(c.roi, c.induced) : NaN,
      netLower: mediated ? niv.lower : NaN,
      netUpper: mediated ? niv.upper : NaN,
      netUndefinedShare: mediated ? share : NaN,
      induced: mediated ? c.induced : NaN,
      inducedLower: mediated ? ind.lower : NaN,
      inducedUpper: mediated ? ind.upper : NaN,
    };
  });
}
