/**
 * Lift-test calibration of the national model ({@link calibrateNational}); the estimator and the
 * geo model are in `calibration.ts`.
 *
 * The experiments calibrate stage 2 (the outcome equation) with stage 1 held at its estimate. Given the
 * chosen carryovers and saturation, every channel's contribution over a test window is linear in the stage-2
 * coefficients (definitions as in `lib/models/mediation.ts`, summed over the window's weeks only):
 *
 * - a social channel `s`, through both stages: `b · â_s · Σ_w adstock(adstock(S_s, θ_s), θ_M)` plus, with a
 *   direct path, `c_s · Σ_w adstock(S_s, θ'_s)`; so `a` holds `â_s Σ_w nested_s` at the mediator's
 *   coefficient `b` and the direct sum at `c_s`. A social experiment therefore moves `b`, the mediator's
 *   effect, which every social channel's indirect effect shares. The stage-1 slope's variance enters the
 *   model's lift (delta method, `(b Σ_w nested_s)² Var(â_s)`), the slope itself is not recalibrated;
 * - the mediator (Google): `b Σ_w adstock(M̂) + b_u Σ_w adstock(û)`, the lift of all its spend;
 * - a direct channel `d`: `β_d Σ_w (g_d(adstock(D_d)) − g_d(0))`.
 *
 * The single-stage model (no usable mediator, or no social channel) is linear in its coefficients as it is:
 * a media channel's lift is `β_c Σ_w adstock(x_c, θ_c)`, a direct channel's as above.
 *
 * @module
 */
import type { Experiment } from "../data/experiments.ts";
import type { Dataset } from "../data/types.ts";
import { ModelError } from "../errors.ts";
import { crossProduct } from "../linalg/products.ts";
import { mediationData } from "../models/mediation.ts";
import { saturationAt } from "../features/saturation.ts";
import {
  calibrateLinearModel,
  type CalibrationOptions,
  type CalibrationResult,
  finishCalibration,
  type LinearChannelModel,
} from "./calibration_core.ts";
import type { NationalResults } from "./national.ts";

/** The part of a national pipeline result calibration reads. */
export type NationalCalibrationInput = Pick<NationalResults, "twoStage" | "singleStage" | "target">;

/**
 * Calibrates the national outcome model with lift tests (see the module doc): stage 2 of the two-stage model,
 * or the single-stage model. Ranking by ROI over the spend channels (social channels and the mediator, or the
 * single-stage model's media); the direct channels' "ROI" is per unit of their column, sends say, and is not
 * ranked with spend.
 *
 * @param national the result of `nationalPipeline`
 * @param dataset the weekly data the experiments were validated against (one row per week of the model)
 * @param experiments from `loadExperiments(path, experimentContext(dataset))`
 * @throws ModelError for an experiment on a channel the model left out, or data of another length
 * @example
 * ```ts ignore
 * const cal = calibrateNational(national, weekly, experiments);
 * cal.unavailable ?? cal.sentences.tension;
 * ```
 */
export function calibrateNational(
  national: NationalCalibrationInput,
  dataset: Dataset,
  experiments: readonly Experiment[],
  options: CalibrationOptions = {},
): CalibrationResult {
  const level = options.level ?? 0.95;
  const built = national.twoStage
    ? twoStageLinear(national.twoStage)
    : national.singleStage
    ? singleStageLinear(national.singleStage)
    : null;
  if (!built) {
    return {
      model: "national",
      target: national.target,
      level,
      experiments: [],
      channels: [],
      ranking: { by: "ROI", before: [], after: [], changed: false },
      allocation: null,
      notes: [],
      unavailable: "No national model was fitted, so there is nothing to calibrate.",
      sentences: { tension: "", roi: "", ranking: "" },
    };
  }
  const { model } = built;
  if (dataset.n !== built.n) {
    throw new ModelError(
      `the experiments' data have ${dataset.n} weeks, the model's ${built.n}: not the same data`,
    );
  }
  const { result } = calibrateLinearModel(
    model,
    experiments,
    dataset.dates,
    undefined,
    national.target,
    "national",
    options,
  );
  const notes = [...result.notes];
  if (experiments.length > 0) notes.push(...built.notes);
  if (built.direct.length > 0) {
    notes.push(
      `The direct channels' return (${
        built.direct.map((d) => `"${d}"`).join(", ")
      }) is per unit of their column (a send, if it counts sends) and is not ranked with the spend channels.`,
    );
  }
  const finished = finishCalibration({ ...result, notes }, "ROI", null, options);
  // rank only spend channels: direct channels' columns need not be spend
  const spendChannels = new Set(built.spendChannels);
  const rankOf = (after: boolean) => {
    const rows = finished.channels.filter((c) => spendChannels.has(c.channel));
    const sorted = [...rows].sort((x, y) => (after ? y.roiAfter - x.roiAfter : y.roiBefore - x.roiBefore));
    return new Map(sorted.map((r, i) => [r.channel, i + 1]));
  };
  const rb = rankOf(false), ra = rankOf(true);
  const order = (r: Map<string, number>) => [...r.entries()].sort((x, y) => x[1] - y[1]).map((x) => x[0]);
  const before = order(rb), after = order(ra);
  const changed = before.some((c, i) => c !== after[i]);
  return {
    ...finished,
    channels: finished.channels.map((c) => ({
      ...c,
      rankBefore: rb.get(c.channel) ?? NaN,
      rankAfter: ra.get(c.channel) ?? NaN,
    })),
    ranking: { by: "ROI", before, after, changed },
    sentences: {
      ...finished.sentences,
      ranking: experiments.length === 0
        ? ""
        : changed
        ? `Ranked by ROI, the spend channels were ${before.map((c) => `"${c}"`).join(" > ")} before ` +
          `calibration and are ${after.map((c) => `"${c}"`).join(" > ")} after.`
        : `Ranked by ROI, the order of the spend channels is unchanged by calibration (${
          before.map((c) => `"${c}"`).join(" > ")
        }).`,
    },
  };
}

/** A national model seen as linear in its outcome-equation coefficients. */
interface NationalLinear {
  readonly model: LinearChannelModel;
  /** Weeks in the series. */
  readonly n: number;
  /** Channels whose column is spend (ranked by ROI). */
  readonly spendChannels: readonly string[];
  /** Direct channels (their column may count sends). */
  readonly direct: readonly string[];
  /** Said when experiments are given. */
  readonly notes: readonly string[];
}

/** The two-stage model's stage 2, restrictions through both stages (module doc). */
function twoStageLinear(ts: NonNullable<NationalResults["twoStage"]>): NationalLinear {
  const data = mediationData(ts.inputs);
  const n = data.n;
  const fit2 = ts.fit.stage2, fit1 = ts.fit.stage1;
  const terms = fit2.terms;
  const k = terms.length, k1 = data.stage1Terms.length;
  const spec = data.spec;
  const m = spec.mediator.column;
  const iFitted = terms.indexOf(`${m}_fitted`), iResidual = terms.indexOf(`${m}_residual`);
  const kf = k - 3;
  const a1 = fit1.coef;
  const adFitted = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let s = 0;
    for (let j = 0; j < k1; j++) s += data.stage1XAdstocked[t * k1 + j] * a1[j];
    adFitted[t] = s;
  }
  const sum = (x: (t: number) => number, mask: Uint8Array | null) => {
    let s = 0;
    for (let t = 0; t < n; t++) if (mask === null || mask[t] === 1) s += x(t);
    return s;
  };
  const socialIndex = (c: string) => spec.social.findIndex((s) => s.column === c);
  const directIndex = (c: string) => spec.direct.findIndex((d) => d.column === c);
  const fixedIndex = (name: string) => data.stage2Terms.indexOf(name) - 3;
  const channels = [...spec.social.map((s) => s.column), m, ...spec.direct.map((d) => d.column)];
  const vector = (c: string, mask: Uint8Array | null): Float64Array => {
    const a = new Float64Array(k);
    const si = socialIndex(c);
    if (si >= 0) {
      a[iFitted] = a1[1 + si] * sum((t) => data.stage1XAdstocked[t * k1 + 1 + si], mask);
      if (spec.directSocial.some((d) => d.column === c)) {
        const j = fixedIndex(c);
        a[3 + j] = sum((t) => data.stage2Fixed[t * kf + j], mask);
      }
    } else if (c === m) {
      a[iFitted] = sum((t) => adFitted[t], mask);
      a[iResidual] = sum((t) => data.mediatorAdstocked[t] - adFitted[t], mask);
    } else {
      const d = spec.direct[directIndex(c)];
      const j = fixedIndex(c);
      const g0 = d.saturation ? saturationAt(0, d.saturation) : 0;
      a[3 + j] = sum((t) => data.stage2Fixed[t * kf + j] - g0, mask);
    }
    return a;
  };
  // stage-1 part of the variance: gradient of the contribution in the stage-1 slopes, g' V₁ g
  const extraVariance = (c: string, mask: Uint8Array | null, coef: Float64Array): number => {
    const g = new Float64Array(k1);
    const si = socialIndex(c);
    if (si >= 0) g[1 + si] = coef[iFitted] * sum((t) => data.stage1XAdstocked[t * k1 + 1 + si], mask);
    else if (c === m) {
      for (let j = 0; j < k1; j++) {
        g[j] = (coef[iFitted] - coef[iResidual]) * sum((t) => data.stage1XAdstocked[t * k1 + j], mask);
      }
    } else return 0;
    let v = 0;
    for (let i = 0; i < k1; i++) for (let j = 0; j < k1; j++) v += g[i] * fit1.cov[i * k1 + j] * g[j];
    return v;
  };
  const model: LinearChannelModel = {
    terms,
    fit: {
      coef: fit2.coef,
      cov: fit2.cov,
      xtx: crossProduct(fit2.model.x, fit2.model.n, k),
      sigma2: fit2.stats.scale,
    },
    channels,
    spend: (c) => data.raw[c].reduce((s, v) => s + v, 0),
    vector,
    extraVariance,
  };
  const notes = [
    "Experiments calibrate the outcome equation (stage 2) with stage 1 held at its estimate: a social " +
    "channel's lift runs through both stages, so its experiment moves the mediator's effect shared by every " +
    "social channel; the stage-1 slope's uncertainty is in the model's lift but the slope is not recalibrated.",
  ];
  return {
    model,
    n,
    spendChannels: [...spec.social.map((s) => s.column), m],
    direct: spec.direct.map((d) => d.column),
    notes,
  };
}

/**
 * The single-stage model: every media channel's contribution is `β_c Σ_w adstock(x_c, θ_c)`, a direct
 * channel's `β_d Σ_w (g_d(adstock(D_d)) − g_d(0))`, read from the fit's design over every week.
 */
function singleStageLinear(ss: NonNullable<NationalResults["singleStage"]>): NationalLinear {
  const fit = ss.fit;
  const design = fit.design;
  const n = design.n, k = design.k;
  const ols = fit.ols;
  const spec = fit.spec;
  const channels = [...spec.media.map((m) => m.column), ...spec.direct.map((d) => d.column)];
  const g0 = (c: string) => {
    const d = spec.direct.find((x) => x.column === c);
    return d?.saturation ? saturationAt(0, d.saturation) : 0;
  };
  const model: LinearChannelModel = {
    terms: ols.terms,
    fit: {
      coef: ols.coef,
      cov: ols.cov,
      xtx: crossProduct(ols.model.x, ols.model.n, k),
      sigma2: ols.stats.scale,
    },
    channels,
    spend: (c) => ss.inputs.columns[c].reduce((s, v) => s + v, 0),
    vector: (c, mask) => {
      const j = design.names.indexOf(c);
      const zero = g0(c);
      let s = 0;
      for (let t = 0; t < n; t++) if (mask === null || mask[t] === 1) s += design.x[t * k + j] - zero;
      const a = new Float64Array(k);
      a[j] = s;
      return a;
    },
  };
  return {
    model,
    n,
    spendChannels: spec.media.map((m) => m.column),
    direct: spec.direct.map((d) => d.column),
    notes: ["Experiments calibrate the single-stage model (no mediation is modelled)."],
  };
}
