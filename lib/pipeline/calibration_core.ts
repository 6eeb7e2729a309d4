/**
 * The part of lift-test calibration common to the geo and national models: the linear view of a fitted
 * model ({@link LinearChannelModel}), the engine that computes tension, calibrated coefficients and ROI
 * before and after ({@link calibrateLinearModel}), the ranking and sentences ({@link finishCalibration}), and
 * the tension verdict. `calibration.ts` (geo) and `calibration_national.ts` build on it; the estimator is
 * derived in `lib/models/calibration.ts`. The types live in `calibration_types.ts`, the tension verdict and
 * the sentences' number formats in `calibration_tension.ts`; this module re-exports both.
 *
 * @module
 */
import type { Experiment } from "../data/experiments.ts";
import { experimentRows } from "../data/experiments.ts";
import { channelLabel } from "../data/labels.ts";
import { ModelError } from "../errors.ts";
import {
  type CalibratedEstimate,
  calibrateLinear,
  type LiftConstraint,
  liftTension,
} from "../models/calibration.ts";
import { normalPpf } from "../stats/distributions.ts";
import type {
  CalibrationChannelRow,
  CalibrationExperimentRow,
  CalibrationOptions,
  CalibrationResult,
  LinearChannelModel,
} from "./calibration_types.ts";
import { pct, plain, signedFixed, tensionSentence, tensionVerdict } from "./calibration_tension.ts";
export type {
  CalibrationChannelRow,
  CalibrationExperimentRow,
  CalibrationOptions,
  CalibrationResult,
  LinearChannelModel,
  TensionVerdict,
} from "./calibration_types.ts";
export { plain, pText, signedFixed, tensionSentence, tensionVerdict } from "./calibration_tension.ts";

/**
 * The model's channel for an experiment's channel: itself, or the merged channel that holds it.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(modelChannelOf("tv_spend", ["tv_spend + radio_spend", "print_spend"]), "tv_spend + radio_spend", 1e-9);
 * ```
 */
export function modelChannelOf(channel: string, modelled: readonly string[]): string | undefined {
  if (modelled.includes(channel)) return channel;
  return modelled.find((m) => m.split(/\s*\+\s*/).includes(channel));
}

/**
 * Calibrates a {@link LinearChannelModel} with experiments (the engine of {@link calibrateGeo} and
 * `calibrateNational`): tension per experiment, all experiments jointly in the augmented least squares, ROI
 * per channel before and after with normal intervals at `level`.
 *
 * @param model the linear view of a fitted model
 * @param experiments validated experiments (`loadExperiments`)
 * @param dates, geos the row dates (and geo keys) the model's vectors are indexed by
 * @example
 * ```ts ignore
 * const r = calibrateLinearModel(model, experiments, ds.dates, ds.geos, "sales", "geo");
 * ```
 */
export function calibrateLinearModel(
  model: LinearChannelModel,
  experiments: readonly Experiment[],
  dates: readonly string[],
  geos: readonly string[] | undefined,
  target: string,
  kind: "geo" | "national",
  options: CalibrationOptions = {},
): {
  result: Omit<CalibrationResult, "ranking" | "allocation" | "sentences" | "unavailable">;
  calibrated: CalibratedEstimate;
} {
  const level = options.level ?? 0.95;
  const f = options.format ?? { amount: plain, ratio: plain };
  const q = normalPpf(1 - (1 - level) / 2);
  const { fit } = model;
  const k = fit.coef.length;
  const notes: string[] = [];
  const prepared = experiments.map((e) => {
    const modelChannel = modelChannelOf(e.channel, model.channels);
    if (modelChannel === undefined) {
      throw new ModelError(
        `line ${e.line} of the experiments file tests "${e.channel}", which the model does not estimate ` +
          `(left out as unidentified); the experiment cannot calibrate it`,
        [e.channel],
      );
    }
    if (modelChannel !== e.channel) {
      notes.push(
        `Line ${e.line} tests ${
          channelLabel(e.channel)
        }, which the model estimates only together with others as ` +
          `${
            channelLabel(modelChannel)
          }: the experiment is applied to that combined channel, so it is read as the lift of ` +
          `all of its spend in the test rows.`,
      );
    }
    const mask = experimentRows(e, dates, geos);
    const a = model.vector(modelChannel, mask);
    const constraint: LiftConstraint = {
      a,
      lift: e.lift,
      se: e.se,
      extraVariance: model.extraVariance?.(modelChannel, mask, fit.coef) ?? 0,
    };
    return { e, modelChannel, mask, constraint, tension: liftTension(fit.coef, fit.cov, constraint) };
  });
  // without experiments the model is its own calibration (exactly, not up to rounding)
  const calibrated: CalibratedEstimate = prepared.length === 0
    ? { coef: fit.coef, cov: fit.cov, weights: new Float64Array(0) }
    : calibrateLinear(fit, prepared.map((p) => p.constraint));
  const experimentRowsOut: CalibrationExperimentRow[] = prepared.map(
    ({ e, modelChannel, constraint, tension }) => {
      let after = 0;
      for (let j = 0; j < k; j++) after += constraint.a[j] * calibrated.coef[j];
      const verdict = tensionVerdict(tension.pValue);
      return {
        ...tension,
        line: e.line,
        channel: e.channel,
        modelChannel,
        start: e.start,
        end: e.end,
        geos: e.geos ? e.geos.join(";") : "all",
        rows: e.rows,
        modelSeBootstrap: null,
        zBootstrap: null,
        pValueBootstrap: null,
        verdict,
        calibratedLift: after,
        sentence: tensionSentence(e, tension, null, kind, target, f),
      };
    },
  );
  const tested = new Set(prepared.map((p) => p.modelChannel));
  const channels = model.channels.map((c) => {
    const all = model.vector(c, null);
    const spend = model.spend(c);
    const roiOf = (coef: Float64Array, cov: Float64Array) => {
      let v = model.extraVariance?.(c, null, coef) ?? 0, m = 0;
      for (let i = 0; i < k; i++) {
        m += all[i] * coef[i];
        for (let j = 0; j < k; j++) v += all[i] * cov[i * k + j] * all[j];
      }
      const se = Math.sqrt(Math.max(v, 0)) / spend;
      return { roi: m / spend, lower: m / spend - q * se, upper: m / spend + q * se };
    };
    // the coefficient shown: the largest weight of the channel's contribution (its own slope, or the
    // mediator's for a two-stage social channel); a channel without any transformed spend shows none
    let j = -1;
    for (let i = 0; i < k; i++) if (all[i] !== 0 && (j < 0 || Math.abs(all[i]) > Math.abs(all[j]))) j = i;
    const b = roiOf(fit.coef, fit.cov), a = roiOf(calibrated.coef, calibrated.cov);
    return {
      channel: c,
      tested: tested.has(c),
      spend,
      coefTerm: j >= 0 ? model.terms[j] : "",
      coefBefore: j >= 0 ? fit.coef[j] : NaN,
      coefAfter: j >= 0 ? calibrated.coef[j] : NaN,
      coefSeBefore: j >= 0 ? Math.sqrt(fit.cov[j * k + j]) : NaN,
      coefSeAfter: j >= 0 ? Math.sqrt(calibrated.cov[j * k + j]) : NaN,
      roiBefore: b.roi,
      roiBeforeLower: b.lower,
      roiBeforeUpper: b.upper,
      roiAfter: a.roi,
      roiAfterLower: a.lower,
      roiAfterUpper: a.upper,
      widthRatio: (a.upper - a.lower) / (b.upper - b.lower),
      marginalRoiBefore: NaN,
      marginalRoiAfter: NaN,
      rankBefore: 0,
      rankAfter: 0,
    };
  });
  return {
    result: { model: kind, target, level, experiments: experimentRowsOut, channels, notes },
    calibrated,
  };
}

/** Ranks (1 = largest) of `values`, NaN last. */
function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [Number.isFinite(v) ? v : -Infinity, i] as const)
    .sort((a, b) => b[0] - a[0]);
  const out = new Array<number>(values.length);
  order.forEach(([, i], r) => (out[i] = r + 1));
  return out;
}

/** Adds ranks, the ranking and the sentences to a calibration result. */
export function finishCalibration(
  partial: Omit<CalibrationResult, "ranking" | "allocation" | "sentences" | "unavailable">,
  by: "marginal ROI" | "ROI",
  allocation: CalibrationResult["allocation"],
  options: CalibrationOptions = {},
): CalibrationResult {
  const f = options.format ?? { amount: plain, ratio: plain };
  const score = (r: CalibrationChannelRow, after: boolean) =>
    by === "marginal ROI"
      ? (after ? r.marginalRoiAfter : r.marginalRoiBefore)
      : (after ? r.roiAfter : r.roiBefore);
  const rb = ranks(partial.channels.map((r) => score(r, false)));
  const ra = ranks(partial.channels.map((r) => score(r, true)));
  const channels = partial.channels.map((r, i) => ({ ...r, rankBefore: rb[i], rankAfter: ra[i] }));
  const order = (rk: number[]) =>
    channels.map((c, i) => [c.channel, rk[i]] as const).sort((a, b) => a[1] - b[1]).map((x) => x[0]);
  const before = order(rb), after = order(ra);
  const changed = before.some((c, i) => c !== after[i]);
  const inTension = partial.experiments.filter((e) => e.verdict === "in tension");
  const tension = partial.experiments.length === 0
    ? "No experiment was given."
    : inTension.length === 0
    ? partial.experiments.length === 1
      ? "The experiment agrees with the model within their errors (p ≥ 0.05)."
      : `All ${partial.experiments.length} experiments agree with the model within their errors (every p ≥ 0.05).`
    : `${inTension.length} of ${partial.experiments.length} experiments disagree with the model by more than ` +
      `their errors allow (p < 0.05): ${
        inTension.map((e) =>
          `${channelLabel(e.channel)} (line ${e.line}, z = ${signedFixed(e.zBootstrap ?? e.z)})`
        ).join(
          ", ",
        )
      }.`;
  const testedRows = channels.filter((c) => c.tested);
  const roi =
    testedRows.map((c) =>
      `${channelLabel(c.channel)}: ROI ${f.ratio(c.roiBefore)} (${pct(partial.level)} interval ${
        f.ratio(c.roiBeforeLower)
      } to ${f.ratio(c.roiBeforeUpper)}) before calibration, ${f.ratio(c.roiAfter)} (${
        f.ratio(c.roiAfterLower)
      } to ${f.ratio(c.roiAfterUpper)}) after; the interval is ${c.widthRatio.toFixed(2)}× as wide.`
    ).join(" ") +
    (testedRows.length > 0
      ? " Untested channels move only through their correlation with the tested ones; intervals hold carryover " +
        "and saturation at their chosen values."
      : "");
  const ranking = partial.experiments.length === 0
    ? ""
    : changed
    ? `Ranked by ${by}, the channels were ${
      before.map((c) => channelLabel(c)).join(" > ")
    } before calibration and are ` +
      `${after.map((c) => channelLabel(c)).join(" > ")} after.`
    : `Ranked by ${by}, the order of the channels is unchanged by calibration (${
      before.map((c) => channelLabel(c)).join(" > ")
    }).`;
  return {
    ...partial,
    channels,
    ranking: { by, before, after, changed },
    allocation,
    unavailable: null,
    sentences: { tension, roi, ranking },
  };
}
