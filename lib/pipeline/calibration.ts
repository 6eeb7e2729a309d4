/**
 * Lift-test calibration of the fitted geo and national models: per experiment, the model's lift over the
 * test window and geos against the experiment's, the tension between them, and the model after the
 * experiments enter its least squares as extra weighted rows (`lib/models/calibration.ts` derives the
 * estimator). Per channel, ROI before and after with intervals, and how the ranking of channels (by marginal
 * ROI for the geo model, by ROI nationally) and the geo model's same-budget reallocation change.
 *
 * Everything is conditional on the transforms (carryover, saturation) the pipeline chose: given them the
 * model is linear in its coefficients, so an experiment's lift is a linear function of them. Intervals here
 * are normal-approximation intervals from the coefficient covariance with the transforms held fixed, before
 * and after alike, so that the two compare (the pipeline's bootstrap intervals, which also re-choose the
 * transforms, are wider). When the geo pipeline ran its bootstrap, the tension of each experiment also uses the
 * model's lift over the replicates, each with its own transforms, and the verdict is taken from that.
 *
 * This module holds the geo model ({@link calibrateGeo}) and re-exports the common part (`calibration_core.ts`)
 * and `calibrateNational` (`calibration_national.ts`).
 *
 * @module
 */
import type { Experiment } from "../data/experiments.ts";
import { experimentRows } from "../data/experiments.ts";
import type { Dataset } from "../data/types.ts";
import { ModelError } from "../errors.ts";
import { crossProduct } from "../linalg/products.ts";
import {
  adstockedSpend,
  channelResponse,
  type MediaModel,
  responseFromAdstock,
} from "../decompose/media_model.ts";
import { marginalRoi } from "../decompose/marginal_roi.ts";
import { allocateBudget } from "../optimize/allocate_budget.ts";
import { normalSf } from "../stats/distributions.ts";
import {
  calibrateLinearModel,
  type CalibrationExperimentRow,
  type CalibrationOptions,
  type CalibrationResult,
  finishCalibration,
  type LinearChannelModel,
  plain,
  tensionSentence,
  tensionVerdict,
} from "./calibration_core.ts";
import type { GeoPipelineResult } from "./geo.ts";

export {
  calibrateLinearModel,
  type CalibrationChannelRow,
  type CalibrationExperimentRow,
  type CalibrationOptions,
  type CalibrationResult,
  finishCalibration,
  type LinearChannelModel,
  modelChannelOf,
  type TensionVerdict,
  tensionVerdict,
} from "./calibration_core.ts";
export { calibrateNational, type NationalCalibrationInput } from "./calibration_national.ts";

/** The part of a geo pipeline result calibration reads. */
export type GeoCalibrationInput =
  & Pick<GeoPipelineResult, "model" | "dataset" | "target">
  & Partial<Pick<GeoPipelineResult, "replicates">>;

/**
 * Calibrates the geo model (the fixed-effects fit with the chosen transforms) with lift tests. The restriction
 * of an experiment on channel `c` is `a = e_c · Σ_{test rows} (g(adstock(x_c)) − g(0))`, the channel's
 * transformed spend summed over the window's rows in the test geos (adstock runs within each geo over the
 * whole series, so spend before the window that carries into it counts, as it does in the model's
 * contribution). Ranking by marginal ROI at current spend; the same-budget reallocation (each channel within
 * 0.7–1.3 × its spend, as notebook 07's) is recomputed with the calibrated coefficients.
 *
 * @param geo the result of `geoPipeline` (or its `model`, `dataset`, `target`)
 * @param dataset the panel the experiments were validated against (its dates and geos must be the model's)
 * @param experiments from `loadExperiments(path, experimentContext(dataset))`
 * @throws ModelError for an experiment on a channel the model left out
 * @example
 * ```ts ignore
 * const cal = calibrateGeo(geo, geoData, loadExperiments(path, experimentContext(geoData)).experiments);
 * cal.experiments[0].pValue; cal.channels.map((c) => [c.channel, c.roiBefore, c.roiAfter]);
 * ```
 */
export function calibrateGeo(
  geo: GeoCalibrationInput,
  dataset: Dataset,
  experiments: readonly Experiment[],
  options: CalibrationOptions = {},
): CalibrationResult {
  const ds = geo.dataset;
  if (dataset.n !== ds.n) {
    throw new ModelError(
      `the experiments' panel has ${dataset.n} rows, the model's ${ds.n}: not the same data`,
    );
  }
  const fit = geo.model.fit;
  const k = fit.terms.length;
  const mm = geo.model.mediaModel;
  const unit = new Map<string, Float64Array>();
  for (const ch of mm.channels) {
    const one: MediaModel = { channels: [{ ...ch, coef: 1 }] };
    unit.set(ch.name, channelResponse(one, ch.name, ds.columns[ch.column], ds.geos));
  }
  const model: LinearChannelModel = {
    terms: fit.terms,
    fit: {
      coef: fit.coef,
      cov: fit.cov,
      xtx: crossProduct(fit.model.x, fit.model.n, k),
      sigma2: fit.stats.scale,
    },
    channels: mm.channels.map((c) => c.name),
    spend: (c) => ds.columns[mm.channels.find((m) => m.name === c)!.column].reduce((s, v) => s + v, 0),
    vector: (c, mask) => {
      const j = fit.terms.indexOf(c);
      const u = unit.get(c)!;
      let s = 0;
      for (let i = 0; i < u.length; i++) if (mask === null || mask[i] === 1) s += u[i];
      const a = new Float64Array(k);
      a[j] = s;
      return a;
    },
  };
  const { result, calibrated } = calibrateLinearModel(
    model,
    experiments,
    ds.dates,
    ds.geos,
    geo.target,
    "geo",
    options,
  );
  const rep = geo.replicates;
  const experimentsOut = rep
    ? result.experiments.map((row, e) =>
      withBootstrapTension(row, experiments[e], mm, rep, ds, geo.target, options)
    )
    : result.experiments;
  const after: MediaModel = {
    channels: mm.channels.map((ch) => ({ ...ch, coef: calibrated.coef[fit.terms.indexOf(ch.name)] })),
  };
  const mBefore = marginalRoi(mm, ds), mAfter = marginalRoi(after, ds);
  const channels = result.channels.map((r) => ({
    ...r,
    marginalRoiBefore: mBefore.find((m) => m.channel === r.channel)!.marginalRoiAnalytic,
    marginalRoiAfter: mAfter.find((m) => m.channel === r.channel)!.marginalRoiAnalytic,
  }));
  let allocation: CalibrationResult["allocation"] = null;
  if (experiments.length > 0) {
    const bounds = { defaultBounds: { min: 0.7, max: 1.3, units: "multiplier" as const } };
    const ab = allocateBudget(mm, ds, bounds), aa = allocateBudget(after, ds, bounds);
    allocation = {
      before: Object.fromEntries(ab.channels.map((c) => [c.channel, c.multiplier])),
      after: Object.fromEntries(aa.channels.map((c) => [c.channel, c.multiplier])),
      liftBefore: ab.lift,
      liftAfter: aa.lift,
    };
  }
  const notes = rep && experiments.length > 0
    ? [
      ...result.notes,
      `The tension's verdict uses the model's lift over the ${rep.replicates} bootstrap replicates, each with ` +
      `its re-chosen carryover and saturation, so it includes the uncertainty of those choices; the calibrated ` +
      `coefficients hold the chosen transforms fixed.`,
    ]
    : result.notes;
  return finishCalibration(
    { ...result, experiments: experimentsOut, channels, notes },
    "marginal ROI",
    allocation,
    options,
  );
}

/**
 * An experiment's tension with the model's lift recomputed in every bootstrap replicate (its own carryover,
 * saturation scale and coefficient): the SD of the replicate lifts, times the bootstrap's widening, as the
 * model's SE; the same z and two-sided p-value.
 */
function withBootstrapTension(
  row: CalibrationExperimentRow,
  exp: Experiment,
  mm: MediaModel,
  rep: NonNullable<GeoPipelineResult["replicates"]>,
  ds: Dataset,
  target: string,
  options: CalibrationOptions,
): CalibrationExperimentRow {
  const ci = rep.channels.indexOf(row.modelChannel);
  const ch = mm.channels.find((c) => c.name === row.modelChannel);
  if (ci < 0 || !ch || rep.replicates < 2) return row;
  const mask = experimentRows(exp, ds.dates, ds.geos);
  const C = rep.channels.length;
  const lifts = new Float64Array(rep.replicates);
  // replicate carryovers come from the search grid: adstock once per distinct θ
  const adstocked = new Map<number, Float64Array>();
  for (let b = 0; b < rep.replicates; b++) {
    const theta = rep.theta[b * C + ci];
    const spec = {
      ...ch,
      coef: rep.coef[b * C + ci],
      adstock: { type: "geometric" as const, theta },
      saturation: { type: "log1p" as const, scale: rep.scale[b * C + ci] },
    };
    let a = adstocked.get(theta);
    if (!a) adstocked.set(theta, a = adstockedSpend(spec, ds.columns[ch.column], ds.geos));
    const r = responseFromAdstock(spec, a);
    let s = 0;
    for (let i = 0; i < r.length; i++) if (mask[i] === 1) s += r[i];
    lifts[b] = s;
  }
  let mean = 0;
  for (const v of lifts) mean += v / lifts.length;
  let ss = 0;
  for (const v of lifts) ss += (v - mean) ** 2;
  const se = Math.sqrt(ss / (lifts.length - 1)) * rep.widening;
  const z = (row.modelLift - row.experimentLift) / Math.sqrt(se * se + row.experimentSe * row.experimentSe);
  const p = 2 * normalSf(Math.abs(z));
  const f = options.format ?? { amount: plain, ratio: plain };
  return {
    ...row,
    modelSeBootstrap: se,
    zBootstrap: z,
    pValueBootstrap: p,
    verdict: tensionVerdict(p),
    sentence: tensionSentence(exp, row, { se, z, p }, "geo", target, f),
  };
}
