/**
 * ROI sensitivity to the carryover choice: for one channel at a time, refit the model with that channel's
 * geometric carryover θ set to each value of the grid the search scored, every other choice held (the other
 * channels' θ, the saturation scale), and record the channel's ROI. Beside it, how far ROI moves over the θ
 * values the cross-validation cannot tell apart from the chosen one (its one-standard-error range,
 * Hastie, Tibshirani & Friedman 2009, §7.10): a ROI that swings over that range rests on a choice the data
 * do not make.
 *
 * - {@link mediationCarryoverSensitivity}: the two-stage model (`fitMediation`); a social channel's θ_s
 *   (its ROI through both stages) and the mediator's θ_M (the mediator's ROI).
 * - {@link panelCarryoverSensitivity}: the geo panel; the channel's column
 *   `log(1 + adstock_g(x, θ)/s)` rebuilt per geo (adstock from zero in each geo's first week) at the chosen
 *   scale `s`, the fixed-effects fit redone, and ROI `β Σ column / Σ spend` (the counterfactual contribution
 *   of a model linear in the column, `log1p(0) = 0`).
 * - {@link roiSwing}: the summary over the plausible range.
 *
 * @module
 */
import { type Design, designColumn } from "../features/design.ts";
import { geometricAdstock } from "../features/adstock.ts";
import { applyByGroup } from "../features/panel.ts";
import { saturate } from "../features/saturation.ts";
import { fitFixedEffects } from "../models/fixed_effects.ts";
import { fitMediation, type MediationInputs, type MediationSpec } from "../models/mediation.ts";
import { ModelError } from "../errors.ts";

/** ROI of one channel at each θ. */
export interface CarryoverSensitivity {
  /**
   * The channel whose θ is varied: a social channel or the mediator (two-stage model), a media column (geo
   * panel).
   */
  readonly channel: string;
  /** The θ grid the search scored, in the caller's order; `roi[i]` is the ROI at `theta[i]`. */
  readonly theta: readonly number[];
  /** NaN where the refit failed. */
  readonly roi: Float64Array;
  /** The θ of the model as fitted (the search's choice). */
  readonly chosenTheta: number;
  /** The channel's ROI (return per unit of spend) in the model as fitted, at `chosenTheta`. */
  readonly chosenRoi: number;
  /** θ range the cross-validation cannot tell apart from the choice (one standard error), when known. */
  readonly plausible: { readonly min: number; readonly max: number } | null;
  /** ROI's range over the plausible θ range; null when that range is not known (in-sample choice). */
  readonly swing: RoiSwing | null;
}

/** How much ROI moves over the plausible θ range. */
export interface RoiSwing {
  /** Smallest ROI over the grid values in the plausible range, the chosen ROI included. */
  readonly min: number;
  /** Largest ROI over the grid values in the plausible range, the chosen ROI included. */
  readonly max: number;
  /** `(max − min) / |chosen ROI|` (NaN when the chosen ROI is 0). */
  readonly relative: number;
  /**
   * The range in words (θ bounds to 2 decimals, ROI by `format`, the swing as a percentage of the chosen
   * ROI).
   */
  readonly sentence: string;
}

/**
 * ROI's range over the grid values inside `[thetaMin, thetaMax]` (the chosen θ included), with a sentence.
 *
 * @example
 * ```ts
 * roiSwing([0.2, 0.3, 0.4], [1.0, 1.2, 1.5], 1.2, 0.2, 0.3, "tv").relative; // (1.2 − 1.0) / 1.2
 * ```
 */
export function roiSwing(
  theta: readonly number[],
  roi: ArrayLike<number>,
  chosenRoi: number,
  thetaMin: number,
  thetaMax: number,
  label: string,
  format: (x: number) => string = (x) => x.toFixed(2),
): RoiSwing {
  if (!(thetaMin <= thetaMax)) throw new RangeError(`empty θ range [${thetaMin}, ${thetaMax}]`);
  const eps = 1e-9;
  const inside = theta.map((t, i) => [t, roi[i]] as const)
    .filter(([t, r]) => t >= thetaMin - eps && t <= thetaMax + eps && Number.isFinite(r)).map(([, r]) => r);
  const values = [...inside, chosenRoi];
  const min = Math.min(...values), max = Math.max(...values);
  const relative = chosenRoi !== 0 ? (max - min) / Math.abs(chosenRoi) : NaN;
  const same = thetaMin === thetaMax;
  return {
    min,
    max,
    relative,
    sentence: same
      ? `${label}: the cross-validation singles out one θ, so ROI does not move within the plausible range.`
      : `${label}: over θ from ${thetaMin.toFixed(2)} to ${
        thetaMax.toFixed(2)
      } (within one standard error of the ` +
        `best CV score) ROI ranges from ${format(min)} to ${format(max)}${
          Number.isFinite(relative) ? `, ${(relative * 100).toFixed(0)}% of the chosen ROI` : ""
        }.`,
  };
}

function withTheta(spec: MediationSpec, channel: string, theta: number): MediationSpec {
  if (spec.mediator.column === channel) return { ...spec, mediator: { ...spec.mediator, theta } };
  return {
    ...spec,
    social: spec.social.map((s) => (s.column === channel ? { ...s, theta } : s)),
  };
}

function mediationRoi(inputs: MediationInputs, channel: string): number {
  const fit = fitMediation(inputs);
  if (fit.effects.mediator.channel === channel) return fit.effects.mediator.roi;
  const s = fit.effects.social.find((e) => e.channel === channel);
  if (!s) throw new RangeError(`"${channel}" is neither a social channel nor the mediator`);
  return s.roi;
}

/**
 * Two-stage model: ROI of `channel` (a social channel or the mediator) at each θ of `grid`, the rest of
 * `inputs.spec` held.
 *
 * @param plausible the one-standard-error θ range of the search, or null (in-sample choice)
 * @example
 * ```ts ignore
 * mediationCarryoverSensitivity(inputs, "facebook_spend", [0, 0.1, …, 0.9], { min: 0.3, max: 0.6 });
 * ```
 */
export function mediationCarryoverSensitivity(
  inputs: MediationInputs,
  channel: string,
  grid: readonly number[],
  plausible: { readonly min: number; readonly max: number } | null,
  format?: (x: number) => string,
): CarryoverSensitivity {
  const spec = inputs.spec;
  const chosenTheta = spec.mediator.column === channel
    ? spec.mediator.theta
    : spec.social.find((s) => s.column === channel)?.theta;
  if (chosenTheta === undefined) throw new RangeError(`"${channel}" is not in the model's spec`);
  const roi = Float64Array.from(grid, (theta) => {
    try {
      return mediationRoi({ ...inputs, spec: withTheta(spec, channel, theta) }, channel);
    } catch (e) {
      if (e instanceof ModelError) return NaN;
      throw e;
    }
  });
  const chosenRoi = mediationRoi(inputs, channel);
  return {
    channel,
    theta: grid,
    roi,
    chosenTheta,
    chosenRoi,
    plausible,
    swing: plausible && Number.isFinite(plausible.min) && Number.isFinite(plausible.max)
      ? roiSwing(grid, roi, chosenRoi, plausible.min, plausible.max, channel, format)
      : null,
  };
}

/**
 * Geo panel: ROI of media column `channel` at each θ of `grid`, its log1p scale held at `scale` and every
 * other column of `design` held.
 *
 * @param design the fitted design (no intercept, no geo dummies), rows sorted by (geo, date) as the dataset
 * @param spend the channel's raw spend per row
 * @example
 * ```ts ignore
 * panelCarryoverSensitivity(geo.model.design, y, geos, "tv_spend", spend, 9000, 0.5, grid, { min: 0.4, max: 0.7 });
 * ```
 */
export function panelCarryoverSensitivity(
  design: Design,
  y: Float64Array,
  groups: readonly string[],
  channel: string,
  spend: Float64Array,
  scale: number,
  chosenTheta: number,
  grid: readonly number[],
  plausible: { readonly min: number; readonly max: number } | null,
  format?: (x: number) => string,
): CarryoverSensitivity {
  const j = design.names.indexOf(channel);
  if (j < 0) throw new RangeError(`"${channel}" is not a column of the design`);
  let total = 0;
  for (const v of spend) total += v;
  if (!(total > 0)) throw new RangeError(`"${channel}" has no spend`);
  const x = new Float64Array(design.x);
  const roiAt = (column: ArrayLike<number>): number => {
    let sum = 0;
    for (let i = 0; i < design.n; i++) {
      x[i * design.k + j] = column[i];
      sum += column[i];
    }
    const fit = fitFixedEffects({ ...design, x }, y, groups);
    return fit.coef[j] * sum / total;
  };
  const roi = Float64Array.from(grid, (theta) => {
    const column = applyByGroup(
      spend,
      groups,
      (s) => saturate(geometricAdstock(s, theta), { type: "log1p", scale }),
    );
    try {
      return roiAt(column);
    } catch (e) {
      if (e instanceof ModelError) return NaN;
      throw e;
    }
  });
  const chosenRoi = roiAt(designColumn(design, j));
  return {
    channel,
    theta: grid,
    roi,
    chosenTheta,
    chosenRoi,
    plausible,
    swing: plausible ? roiSwing(grid, roi, chosenRoi, plausible.min, plausible.max, channel, format) : null,
  };
}
