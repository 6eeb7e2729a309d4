/**
 * Response of revenue to each national channel's spend through both stages of the two-stage model, with
 * bands from the pipeline's bootstrap replicates.
 *
 * The national model is linear in social and search spend (carryover, no saturation on those paths; see
 * `lib/models/mediation.ts`): scaling channel `j`'s historical spend pattern by `m` gives the in-sample
 * counterfactual response `R_j(m) = m · C_j`, with `C_j` its contribution. So a channel's curve is a line,
 * its average ROI `C_j / S_j` equals its marginal ROI at every spend, and the bands are `m` times the
 * replicates' percentile interval of `C_j / S_j`. For a social channel `s`:
 *
 * ```
 * C_s = b · Σ_t adstock(a_s · adstock(S_s, θ_s), θ_M)_t  +  c_s · Σ_t adstock(S_s, θ'_s)_t   (indirect + direct)
 * μ_s = a_s · Σ_t adstock(S_s, θ_s)_t / Σ_t S_s,t                                        (induced search $ per $)
 * gross ROI = C_s / S_s,   net ROI = C_s / (S_s (1 + μ_s))                              (induced search is cost)
 * ```
 *
 * Search (the mediator) moved directly, social held: its response uses `b`, the effect identified from the
 * social-driven variation of search spend (`C_G = b Σ_t adstock(M, θ_M)_t`); the residual coefficient `b_u`
 * also carries search that follows demand (Wooldridge 2010, §6.2), so it is not used for a spend move. The
 * single-stage model (no mediator) has direct paths only; its bands come from Krinsky–Robb draws of the media
 * coefficients from the fit's (HAC) covariance, since its bootstrap keeps no replicates.
 *
 * Long-run rates (a dollar's carryover summed to infinity, `1/(1 − θ)`) are kept beside the in-sample ones for
 * the forward plan, where spend in the plan period carries over past its end.
 *
 * References: Baron & Kenny (1986); Preacher & Hayes (2008) for the product of paths; Krinsky & Robb (1986),
 * "On approximating the statistical properties of elasticities", REStat 68(4).
 *
 * @module
 */
import { ModelError } from "../errors.ts";
import { geometricAdstock } from "../features/adstock.ts";
import { drawCoefficients } from "../decompose/coefficient_draws.ts";
import type { EvidenceGate } from "../evaluate/verdicts.ts";
import type { TransformShortlist } from "../evaluate/national_bootstrap.ts";
import type { MediationBootstrap } from "../models/mediation_bootstrap.ts";
import type { MediationFit, MediationInputs } from "../models/mediation.ts";
import type { AdstockedColumn } from "../models/mediation.ts";
import type { OlsFit } from "../models/ols.ts";
import { sum } from "./_sum.ts";

/**
 * The fields of the national pipeline's results (`NationalModelSource`, lib/pipeline) this module reads, stated
 * structurally so that lib/optimize does not import the layer above it.
 */
export interface NationalModelSource {
  /** Column roles; `mediator` is the search spend column, when the data have one. */
  readonly roles: { readonly mediator?: string };
  /** Sections the pipeline could not run, each with its one-sentence reason (quoted when no model was fitted). */
  readonly skipped: readonly { readonly reason: string }[];
  /** The outcome model's cross-validation and its evidence gate (null where none ran). */
  readonly outcome: { readonly crossValidation: { readonly gate: EvidenceGate } | null } | null;
  /** The two-stage model's inputs, fit and bootstrap (with its transform shortlist when it re-chose them); or null. */
  readonly twoStage: {
    readonly inputs: MediationInputs;
    readonly fit: MediationFit;
    readonly bootstrap: (MediationBootstrap & { readonly shortlist?: TransformShortlist }) | null;
  } | null;
  /** The single-stage model (no usable mediator): its media columns, OLS fit and per-channel effects; or null. */
  readonly singleStage: {
    readonly inputs: {
      readonly spec: { readonly media: readonly AdstockedColumn[] };
      readonly columns: Readonly<Record<string, Float64Array>>;
    };
    readonly fit: {
      readonly ols: OlsFit;
      readonly media: readonly {
        readonly channel: string;
        readonly theta: number;
        readonly coef: number;
        readonly perDollar: number;
        readonly roi: number;
      }[];
    };
  } | null;
}

/** One national channel's rates, point estimate and one value per replicate. */
export interface NationalChannelRates {
  /** The input file's column (merged channels as `a+b`). */
  readonly channel: string;
  /** `social` (stage 1 and 2), `search` (the mediator moved directly), `media` (single-stage channel). */
  readonly kind: "social" | "search" | "media";
  /** Weekly spend, every week of the series. */
  readonly weekly: Float64Array;
  /** Total spend over the series. */
  readonly spend: number;
  /** In-sample revenue per dollar through every path (gross ROI = marginal ROI). */
  readonly roi: number;
  /** Of `roi`, the part through the direct path (all of it for search and single-stage channels). */
  readonly directRoi: number;
  /** Of `roi`, the part through search (0 for search itself and single-stage channels). */
  readonly indirectRoi: number;
  /** Induced search dollars per dollar, in sample (0 unless social). */
  readonly induced: number;
  /** Long-run revenue per dollar (carryover summed to infinity). */
  readonly longRun: number;
  /** Long-run induced search dollars per dollar (0 unless social). */
  readonly longRunInduced: number;
  /** `roi` under each bootstrap replicate (two-stage) or coefficient draw (single-stage). */
  readonly roiReplicates: Float64Array;
  /** `induced` under each replicate (zeros unless social). */
  readonly inducedReplicates: Float64Array;
  /** `longRun` under each replicate. */
  readonly longRunReplicates: Float64Array;
  /** `longRunInduced` under each replicate (zeros unless social). */
  readonly longRunInducedReplicates: Float64Array;
}

/** The national response model: rates per channel and how their uncertainty was made. */
export interface NationalResponseModel {
  /** Which national model the rates come from. */
  readonly kind: "two-stage" | "single-stage";
  /** Social channels then search (two-stage), or every media channel (single-stage). */
  readonly channels: readonly NationalChannelRates[];
  /** Replicates per channel: the bootstrap's successful ones, or the number of coefficient draws. */
  readonly replicates: number;
  /** Coverage of the bands (default 0.95). */
  readonly level: number;
  /** Where the replicates come from. */
  readonly source: "bootstrap, transforms re-chosen" | "bootstrap, transforms fixed" | "coefficient draws";
  /** The outcome model's evidence gate (null without cross-validation). */
  readonly gate: EvidenceGate | null;
  /** ISO date of every week (option `dates`; empty when not given). */
  readonly dates: readonly string[];
  /** Which paths the curves carry, in words. */
  readonly sentence: string;
}

/** Options of {@link nationalResponseModel}. */
export interface NationalResponseOptions {
  /** Seed of the coefficient draws of the single-stage model (default 20240701). */
  readonly seed?: number;
  /** Coefficient draws for the single-stage model (default 999). */
  readonly draws?: number;
  /** Coverage of the bands (default 0.95). */
  readonly level?: number;
  /** ISO date of every week (the dataset's `dates`), for plans and monthly tables. */
  readonly dates?: readonly string[];
}

/** Σ_t adstock(x, θ)_t, memoized per θ. */
function adstockSums(x: Float64Array): (theta: number) => number {
  const memo = new Map<number, number>();
  return (theta) => {
    const key = Math.round(theta * 1e9) / 1e9;
    let v = memo.get(key);
    if (v === undefined) memo.set(key, v = sum(geometricAdstock(x, Math.min(Math.max(key, 0), 0.999999))));
    return v;
  };
}

/** The value of `list` nearest to `x` (replicates' θ recovered from ratios snap back to their grid). */
function snap(x: number, list: readonly number[] | undefined): number {
  if (!list || list.length === 0 || !Number.isFinite(x)) return x;
  let best = list[0];
  for (const v of list) if (Math.abs(v - x) < Math.abs(best - x)) best = v;
  return best;
}

/**
 * The rates of every national paid channel (social channels and search in the two-stage model; every media
 * channel in the single-stage model) and their replicates (see the module doc).
 *
 * @param national the result of `nationalPipeline`
 * @param options seed and draws of the single-stage coefficient draws, band level
 * @throws ModelError when the pipeline fitted no model
 * @example
 * ```ts ignore
 * const model = nationalResponseModel(national);
 * model.channels.map((c) => [c.channel, c.roi, c.roi / (1 + c.induced)]);
 * ```
 */
export function nationalResponseModel(
  national: NationalModelSource,
  options: NationalResponseOptions = {},
): NationalResponseModel {
  const level = options.level ?? 0.95;
  const gate = national.outcome?.crossValidation?.gate ?? null;
  const dates = options.dates ?? [];
  if (national.twoStage) return twoStageRates(national, level, gate, dates);
  if (national.singleStage) {
    return singleStageRates(national, options.seed ?? 20240701, options.draws ?? 999, level, gate, dates);
  }
  throw new ModelError(
    `no national model was fitted (${national.skipped.map((s) => s.reason).join(" ") || "see the notes"})`,
  );
}

function twoStageRates(
  national: NationalModelSource,
  level: number,
  gate: EvidenceGate | null,
  dates: readonly string[],
): NationalResponseModel {
  const ts = national.twoStage!;
  const { spec, columns } = ts.inputs;
  const fit = ts.fit;
  const boot = ts.bootstrap;
  const shortlist = boot?.shortlist ?? null;
  const rechosen = shortlist !== null;
  const names = boot?.replicates.names ?? [];
  const q = names.length;
  const reps = boot ? boot.replicates.values.length / Math.max(q, 1) : 0;
  const col = (name: string) => names.indexOf(name);
  const rep = (r: number, j: number) => boot!.replicates.values[r * q + j];
  const m = spec.mediator.column;
  const M = columns[m];
  const mSums = adstockSums(M);
  const mSpend = sum(M);
  const b = fit.effects.mediator.b, thetaM = spec.mediator.theta;
  const jb = col(`${m}.b`), jPer = col(`${m}.perDollar`);
  const thetaMOf = (r: number) => {
    const br = rep(r, jb), per = rep(r, jPer);
    return rechosen ? snap(per !== 0 ? 1 - br / per : thetaM, shortlist!.mediator) : thetaM;
  };
  const searchRoi = (bb: number, th: number) => (bb * mSums(th)) / mSpend;
  const channels: NationalChannelRates[] = fit.effects.social.map((s) => {
    const x = columns[s.channel];
    const sSums = adstockSums(x);
    const spend = sum(x);
    const ja = col(`${s.channel}.a`), jm = col(`${s.channel}.mediatorPerDollar`);
    const jr = col(`${s.channel}.roi`), jt = col(`${s.channel}.totalPerDollar`);
    const roiR = new Float64Array(reps), indR = new Float64Array(reps);
    const lrR = new Float64Array(reps), lriR = new Float64Array(reps);
    for (let r = 0; r < reps; r++) {
      const a = rep(r, ja), mpd = rep(r, jm);
      const theta = rechosen
        ? snap(mpd !== 0 ? 1 - a / mpd : s.theta, shortlist!.social[s.channel])
        : s.theta;
      roiR[r] = rep(r, jr);
      indR[r] = (a * sSums(theta)) / spend;
      lrR[r] = rep(r, jt);
      lriR[r] = mpd;
    }
    return {
      channel: s.channel,
      kind: "social" as const,
      weekly: x,
      spend,
      roi: s.roi,
      directRoi: s.contributionDirect / spend,
      indirectRoi: s.contributionIndirect / spend,
      induced: (s.a * sSums(s.theta)) / spend,
      longRun: s.totalPerDollar,
      longRunInduced: s.mediatorPerDollar,
      roiReplicates: roiR,
      inducedReplicates: indR,
      longRunReplicates: lrR,
      longRunInducedReplicates: lriR,
    };
  });
  const gR = new Float64Array(reps), gL = new Float64Array(reps);
  for (let r = 0; r < reps; r++) {
    gR[r] = searchRoi(rep(r, jb), thetaMOf(r));
    gL[r] = rep(r, jPer);
  }
  channels.push({
    channel: m,
    kind: "search",
    weekly: M,
    spend: mSpend,
    roi: searchRoi(b, thetaM),
    directRoi: searchRoi(b, thetaM),
    indirectRoi: 0,
    induced: 0,
    longRun: fit.effects.mediator.perDollar,
    longRunInduced: 0,
    roiReplicates: gR,
    inducedReplicates: new Float64Array(reps),
    longRunReplicates: gL,
    longRunInducedReplicates: new Float64Array(reps),
  });
  const one = spec.social.length === 1;
  return {
    kind: "two-stage",
    channels,
    replicates: reps,
    level,
    source: rechosen ? "bootstrap, transforms re-chosen" : "bootstrap, transforms fixed",
    gate,
    dates,
    sentence:
      `Each social channel's curve runs through both stages: its spend moves predicted search spend ` +
      `(stage 1), which moves ${fit.yName} (stage 2)${
        spec.directSocial.length > 0 ? ", plus its direct path where the model has one" : ""
      }${
        one
          ? " (with one social channel the direct and indirect paths are not separately identified: " +
            "the curve is the total effect)"
          : ""
      }. Search moved on its own uses the effect identified from its social-driven variation. The model ` +
      `has no saturation on these paths, so every curve is a straight line and marginal ROI equals average ROI.`,
  };
}

function singleStageRates(
  national: NationalModelSource,
  seed: number,
  draws: number,
  level: number,
  gate: EvidenceGate | null,
  dates: readonly string[],
): NationalResponseModel {
  const ss = national.singleStage!;
  const { spec, columns } = ss.inputs;
  const ols = ss.fit.ols;
  const k = ols.coef.length;
  const idx = spec.media.map((_, i) => 1 + i);
  const mean = Float64Array.from(idx, (j) => ols.coef[j]);
  const cov = new Float64Array(idx.length * idx.length);
  idx.forEach((a, i) => idx.forEach((c, j) => (cov[i * idx.length + j] = ols.cov[a * k + c])));
  for (let i = 0; i < idx.length; i++) {
    for (let j = 0; j < i; j++) {
      const v = (cov[i * idx.length + j] + cov[j * idx.length + i]) / 2;
      cov[i * idx.length + j] = cov[j * idx.length + i] = v;
    }
  }
  const drawn = drawCoefficients(mean, cov, draws, seed, spec.media.map((m) => m.column));
  const mediator = national.roles.mediator;
  const channels = ss.fit.media.map((e, i): NationalChannelRates => {
    const x = columns[e.channel];
    const spend = sum(x);
    const perCoef = e.coef !== 0 ? e.roi / e.coef : sum(geometricAdstock(x, e.theta)) / spend;
    const roiR = new Float64Array(draws), lrR = new Float64Array(draws);
    for (let r = 0; r < draws; r++) {
      const c = drawn[r * idx.length + i];
      roiR[r] = c * perCoef;
      lrR[r] = c / (1 - e.theta);
    }
    return {
      channel: e.channel,
      kind: e.channel === mediator ? "search" : "media",
      weekly: x,
      spend,
      roi: e.roi,
      directRoi: e.roi,
      indirectRoi: 0,
      induced: 0,
      longRun: e.perDollar,
      longRunInduced: 0,
      roiReplicates: roiR,
      inducedReplicates: new Float64Array(draws),
      longRunReplicates: lrR,
      longRunInducedReplicates: new Float64Array(draws),
    };
  });
  return {
    kind: "single-stage",
    channels,
    replicates: draws,
    level,
    source: "coefficient draws",
    gate,
    dates,
    sentence:
      `The national model is single-stage (no usable mediator), so every curve is the channel's direct ` +
      `path only: no channel moves search spend. The model has no saturation on media, so every curve is a ` +
      `straight line and marginal ROI equals average ROI.`,
  };
}
