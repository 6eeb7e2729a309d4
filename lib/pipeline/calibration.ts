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
 * and after alike, so that the two compare; the pipeline's bootstrap intervals (which also re-choose the
 * transforms) are wider and are quoted beside them.
 *
 * This module holds the part common to both models and the geo model ({@link calibrateGeo});
 * `calibration_national.ts` builds the national model's restrictions.
 *
 * @module
 */
import type { Experiment } from "../data/experiments.ts";
import { experimentRows } from "../data/experiments.ts";
import type { Dataset } from "../data/types.ts";
import { ModelError } from "../errors.ts";
import { crossProduct } from "../linalg/products.ts";
import {
  type CalibratedEstimate,
  calibrateLinear,
  type LiftConstraint,
  type LiftTension,
  liftTension,
  type LinearEstimate,
} from "../models/calibration.ts";
import { channelResponse, type MediaModel } from "../decompose/media_model.ts";
import { marginalRoi } from "../decompose/marginal_roi.ts";
import { allocateBudget } from "../optimize/allocate_budget.ts";
import { normalPpf } from "../stats/distributions.ts";
import type { GeoPipelineResult } from "./geo.ts";

/** What a tension test says at the 5% level. */
export type TensionVerdict = "consistent" | "in tension";

/**
 * `"in tension"` when the two-sided p-value of model against experiment is below `level` (default 0.05),
 * else `"consistent"` (the difference is within what both errors allow).
 *
 * @example
 * tensionVerdict(0.01); // "in tension"
 * tensionVerdict(0.4); // "consistent"
 */
export function tensionVerdict(pValue: number, level = 0.05): TensionVerdict {
  if (!(pValue >= 0 && pValue <= 1)) throw new RangeError(`p-value must be in [0, 1], got ${pValue}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  return pValue < level ? "in tension" : "consistent";
}

/** A model seen as linear in its coefficients, with each channel's contribution as a restriction vector. */
export interface LinearChannelModel {
  readonly terms: readonly string[];
  readonly fit: LinearEstimate;
  /** Channels (modelled names) whose ROI is reported. */
  readonly channels: readonly string[];
  /** Total spend of a channel over the data. */
  readonly spend: (channel: string) => number;
  /** `a` with `a'β` = the channel's contribution over the rows where `mask` is 1 (every row for null). */
  readonly vector: (channel: string, mask: Uint8Array | null) => Float64Array;
  /** Variance of the contribution not carried by `β` (a stage-1 slope), at coefficients `coef`. */
  readonly extraVariance?: (channel: string, mask: Uint8Array | null, coef: Float64Array) => number;
}

/** One experiment against the model. */
export interface CalibrationExperimentRow extends LiftTension {
  /** Line in the experiments file. */
  readonly line: number;
  /** Channel as the file names it, and as the model names it (a merged channel's name, say). */
  readonly channel: string;
  readonly modelChannel: string;
  readonly start: string;
  readonly end: string;
  /** `"all"` or the geo keys joined by `;`. */
  readonly geos: string;
  /** Data rows covered. */
  readonly rows: number;
  readonly verdict: TensionVerdict;
  /** The model's lift over the same rows after calibration (all experiments at once). */
  readonly calibratedLift: number;
  readonly sentence: string;
}

/** One channel's coefficient and ROI before and after calibration. */
export interface CalibrationChannelRow {
  readonly channel: string;
  /** Whether an experiment tested this channel (others move only through their correlation with it). */
  readonly tested: boolean;
  readonly spend: number;
  /** The coefficient shown: the model's term the experiment moves most directly (a two-stage social channel's is the mediator's). */
  readonly coefTerm: string;
  readonly coefBefore: number;
  readonly coefAfter: number;
  readonly coefSeBefore: number;
  readonly coefSeAfter: number;
  readonly roiBefore: number;
  readonly roiBeforeLower: number;
  readonly roiBeforeUpper: number;
  readonly roiAfter: number;
  readonly roiAfterLower: number;
  readonly roiAfterUpper: number;
  /** After ÷ before interval width. */
  readonly widthRatio: number;
  /** Marginal ROI at current spend (geo model), before and after; NaN where not available. */
  readonly marginalRoiBefore: number;
  readonly marginalRoiAfter: number;
  /** 1 = best, by `ranking.by`. */
  readonly rankBefore: number;
  readonly rankAfter: number;
}

/** Everything a notebook shows about calibration. */
export interface CalibrationResult {
  readonly model: "geo" | "national";
  readonly target: string;
  readonly level: number;
  readonly experiments: readonly CalibrationExperimentRow[];
  readonly channels: readonly CalibrationChannelRow[];
  readonly ranking: {
    readonly by: "marginal ROI" | "ROI";
    readonly before: readonly string[];
    readonly after: readonly string[];
    readonly changed: boolean;
  };
  /** Geo model: the same-budget reallocation (0.7–1.3 × current spend) before and after. */
  readonly allocation: {
    readonly before: Readonly<Record<string, number>>;
    readonly after: Readonly<Record<string, number>>;
    readonly liftBefore: number;
    readonly liftAfter: number;
  } | null;
  readonly notes: readonly string[];
  /** Why the model could not be calibrated (then `experiments` and `channels` are empty), or null. */
  readonly unavailable: string | null;
  readonly sentences: { readonly tension: string; readonly roi: string; readonly ranking: string };
}

/** Options of the calibration functions. */
export interface CalibrationOptions {
  /** Interval level (default 0.95). */
  readonly level?: number;
  /** Amounts of target and returns in prose (default three significant digits). */
  readonly format?: { readonly amount: (x: number) => string; readonly ratio: (x: number) => string };
}

const sig3 = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });
const plain = (x: number) => Number.isFinite(x) ? (x < 0 ? "−" : "") + sig3.format(Math.abs(x)) : "n/a";

/**
 * The model's channel for an experiment's channel: itself, or the merged channel that holds it.
 *
 * @example
 * modelChannelOf("tv_spend", ["tv_spend + radio_spend", "print_spend"]); // "tv_spend + radio_spend"
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
 * const r = calibrateLinearModel(model, experiments, ds.dates, ds.geos, "sales", "geo");
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
        `Line ${e.line} tests "${e.channel}", which the model estimates only together with others as ` +
          `"${modelChannel}": the experiment is applied to that combined channel, so it is read as the lift of ` +
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
      const where = e.geos
        ? `${e.geos.length} geo${e.geos.length === 1 ? "" : "s"}`
        : kind === "geo"
        ? "every geo"
        : "";
      return {
        ...tension,
        line: e.line,
        channel: e.channel,
        modelChannel,
        start: e.start,
        end: e.end,
        geos: e.geos ? e.geos.join(";") : "all",
        rows: e.rows,
        verdict,
        calibratedLift: after,
        sentence:
          `"${e.channel}", ${e.start} to ${e.end}${where ? ` in ${where}` : ""}: the model attributes ` +
          `${f.amount(tension.modelLift)} (SE ${
            f.amount(tension.modelSe)
          }) of ${target} to it, the experiment ` +
          `measured ${f.amount(e.lift)} (SE ${f.amount(e.se)}); z = ${tension.z.toFixed(2)}, p = ${
            pText(tension.pValue)
          }: ${
            verdict === "in tension"
              ? "the two disagree by more than their errors allow (the model is biased for this channel, or the test measured something else)"
              : "the difference is within what their errors allow"
          }.`,
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
    const j = all.findIndex((v) => v !== 0);
    const b = roiOf(fit.coef, fit.cov), a = roiOf(calibrated.coef, calibrated.cov);
    return {
      channel: c,
      tested: tested.has(c),
      spend,
      coefTerm: model.terms[j] ?? "",
      coefBefore: fit.coef[j],
      coefAfter: calibrated.coef[j],
      coefSeBefore: Math.sqrt(fit.cov[j * k + j]),
      coefSeAfter: Math.sqrt(calibrated.cov[j * k + j]),
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
    ? `All ${partial.experiments.length} experiment${
      partial.experiments.length === 1 ? " agrees" : "s agree"
    } with the model within their errors (no p-value below 0.05).`
    : `${inTension.length} of ${partial.experiments.length} experiments disagree with the model by more than ` +
      `their errors allow (p < 0.05): ${
        inTension.map((e) => `"${e.channel}" (line ${e.line}, z = ${e.z.toFixed(2)})`).join(", ")
      }.`;
  const testedRows = channels.filter((c) => c.tested);
  const roi =
    testedRows.map((c) =>
      `"${c.channel}": ROI ${f.ratio(c.roiBefore)} (${pct(partial.level)} interval ${
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
      before.map((c) => `"${c}"`).join(" > ")
    } before calibration and are ` +
      `${after.map((c) => `"${c}"`).join(" > ")} after.`
    : `Ranked by ${by}, the order of the channels is unchanged by calibration (${
      before.map((c) => `"${c}"`).join(" > ")
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

function pct(level: number): string {
  return `${Math.round(level * 100)}%`;
}

function pText(p: number): string {
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

/** The part of a geo pipeline result calibration reads. */
export type GeoCalibrationInput = Pick<GeoPipelineResult, "model" | "dataset" | "target">;

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
 * const cal = calibrateGeo(geo, geoData, loadExperiments(path, experimentContext(geoData)).experiments);
 * cal.experiments[0].pValue; cal.channels.map((c) => [c.channel, c.roiBefore, c.roiAfter]);
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
  return finishCalibration({ ...result, channels }, "marginal ROI", allocation, options);
}
