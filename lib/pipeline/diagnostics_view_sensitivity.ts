/**
 * Notebook 06's ROI sensitivity to the carryover choice: one table row per channel (chosen θ, the plausible θ
 * range, ROI at the choice and its range over that θ range) and the published record
 * ({@link sensitivityView}), from the sensitivities `diagnostics` computed ({@link carryoverSensitivities}).
 *
 * @module
 */
import { channelLabel } from "../data/labels.ts";
import type { CarryoverSensitivity } from "../evaluate/carryover_sensitivity.ts";

/** One row of the sensitivity table. */
export interface SensitivityRow {
  /** `national` or `geo`. */
  readonly model: string;
  /** The channel's display name. */
  readonly channel: string;
  /** The θ the search chose. */
  readonly theta: number;
  /** The θ range within one standard error of the best CV score ("0.3–0.6"), or "none (chosen in sample)". */
  readonly range: string;
  /** ROI at the chosen θ. */
  readonly roi: number;
  /** Lowest ROI over the plausible θ range; NaN without one. */
  readonly roiMin: number;
  /** Highest ROI over the plausible θ range; NaN without one. */
  readonly roiMax: number;
  /** `(roiMax − roiMin) / |roi|`; NaN without a plausible range or at a zero ROI. */
  readonly swing: number;
}

/** The sensitivity section as notebook 06 shows and publishes it. */
export interface SensitivityView {
  /** National channels first, then the panel's. */
  readonly rows: readonly SensitivityRow[];
  /** The published record: each model's sensitivities (ROI as plain arrays) and the rows. */
  readonly results: Record<string, unknown>;
}

/**
 * The plausible θ range in words: "min–max" by `format`, or "none (chosen in sample)" when the choice was made
 * in sample (no cross-validation, so no one-standard-error range).
 *
 * @example
 * plausibleThetaText({ min: 0.3, max: 0.6 }, (x) => x.toFixed(1)); // "0.3–0.6"
 * plausibleThetaText(null, (x) => x.toFixed(1)); // "none (chosen in sample)"
 */
export function plausibleThetaText(
  plausible: { readonly min: number; readonly max: number } | null,
  format: (x: number) => string,
): string {
  return plausible ? `${format(plausible.min)}–${format(plausible.max)}` : "none (chosen in sample)";
}

/**
 * The sensitivity table and record from each model's carryover sensitivities.
 *
 * @param sensitivity the national and panel sensitivities (`diagnostics(...).carryoverSensitivity`)
 * @param thetaFormat θ bounds of the plausible range
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const s = { channel: "tv_spend", theta: [0, 0.5], roi: Float64Array.of(1, 2), chosenTheta: 0.5, chosenRoi: 2,
 *   plausible: null, swing: null };
 * const v = sensitivityView({ national: [], geo: [s] }, (x) => x.toFixed(1));
 * assertClose([v.rows[0].range, v.rows[0].swing], ["none (chosen in sample)", NaN], 0);
 * ```
 */
export function sensitivityView(
  sensitivity: {
    readonly national: readonly CarryoverSensitivity[];
    readonly geo: readonly CarryoverSensitivity[];
  },
  thetaFormat: (x: number) => string,
): SensitivityView {
  const rows = [
    ...sensitivity.national.map((s) => ({ model: "national", s })),
    ...sensitivity.geo.map((s) => ({ model: "geo", s })),
  ].map(({ model, s }) => ({
    model,
    channel: channelLabel(s.channel),
    theta: s.chosenTheta,
    range: plausibleThetaText(s.plausible, thetaFormat),
    roi: s.chosenRoi,
    roiMin: s.swing?.min ?? NaN,
    roiMax: s.swing?.max ?? NaN,
    swing: s.swing?.relative ?? NaN,
  }));
  const plain = (list: readonly CarryoverSensitivity[]) =>
    list.map((s) => ({ ...s, roi: Array.from(s.roi) }));
  return { rows, results: { national: plain(sensitivity.national), geo: plain(sensitivity.geo), rows } };
}
