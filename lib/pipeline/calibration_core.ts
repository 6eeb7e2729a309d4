/**
 * The part of lift-test calibration common to the geo and national models: the linear view of a fitted
 * model ({@link LinearChannelModel}), the engine that computes tension, calibrated coefficients and ROI
 * before and after ({@link calibrateLinearModel}), the ranking and sentences ({@link finishCalibration}), and
 * the tension verdict. `calibration.ts` (geo) and `calibration_national.ts` build on it; the estimator is
 * derived in `lib/models/calibration.ts`.
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
  type LiftTension,
  liftTension,
  type LinearEstimate,
} from "../models/calibration.ts";
import { normalPpf } from "../stats/distributions.ts";

/** What a tension test says at the 5% level. */
export type TensionVerdict = "consistent" | "in tension";

/**
 * `"in tension"` when the two-sided p-value of model against experiment is below `level` (default 0.05),
 * else `"consistent"` (the difference is within what both errors allow).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(tensionVerdict(0.01), "in tension", 1e-9);
 * assertClose(tensionVerdict(0.4), "consistent", 1e-9);
 * ```
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
  /**
   * Geo model with its bootstrap: the SD of the model's lift over the replicates, each with its re-chosen
   * carryover and saturation (null otherwise), and the tension with it. The verdict uses it when present.
   */
  readonly modelSeBootstrap: number | null;
  readonly zBootstrap: number | null;
  readonly pValueBootstrap: number | null;
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
/** Three significant digits, Unicode minus (the default format of amounts and returns). */
export const plain = (x: number) =>
  Number.isFinite(x) ? (x < 0 ? "−" : "") + sig3.format(Math.abs(x)) : "n/a";

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

function pct(level: number): string {
  return `${Math.round(level * 100)}%`;
}

/** A p-value in prose: three decimals, "< 0.001" below that. */
export function pText(p: number): string {
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

/** The sentence of one experiment's tension (with the bootstrap's when given). */
export function tensionSentence(
  e: Experiment,
  t: LiftTension,
  boot: { se: number; z: number; p: number } | null,
  kind: "geo" | "national",
  target: string,
  f: NonNullable<CalibrationOptions["format"]>,
): string {
  const where = e.geos
    ? ` in ${e.geos.length} geo${e.geos.length === 1 ? "" : "s"}`
    : kind === "geo"
    ? " in every geo"
    : "";
  const p = boot ? boot.p : t.pValue;
  const verdict = tensionVerdict(p);
  const test = boot
    ? `with the bootstrap's SE of the model's lift (${
      f.amount(boot.se)
    }: carryover and saturation re-chosen ` +
      `in every replicate) z = ${signedFixed(boot.z)}, p = ${
        pText(boot.p)
      }; with the chosen transforms held ` +
      `fixed (SE ${f.amount(t.modelSe)}) z = ${signedFixed(t.z)}, p = ${pText(t.pValue)}`
    : `z = ${signedFixed(t.z)}, p = ${pText(t.pValue)}`;
  return `${channelLabel(e.channel)}, ${e.start} to ${e.end}${where}: the model attributes ${
    f.amount(t.modelLift)
  }` +
    `${boot ? "" : ` (SE ${f.amount(t.modelSe)})`} of ${target} to it, the experiment measured ` +
    `${f.amount(e.lift)} (SE ${f.amount(e.se)}); ${test}. ${
      verdict === "in tension"
        ? "The two disagree by more than their errors allow: the model is biased for this channel, or the test measured something else."
        : "The difference is within what their errors allow."
    }`;
}

/** A z statistic with two decimals and a Unicode minus. */
export function signedFixed(z: number): string {
  return `${z < 0 ? "−" : ""}${Math.abs(z).toFixed(2)}`;
}
