/**
 * The geo pipeline: everything notebooks 05 and 07 show about the geo panel, computed once by
 * {@link geoPipeline} (the model) and {@link geoRecommendations} (what to do with it). The notebooks render;
 * every choice the data force and every sentence they print is made here and tested.
 *
 * Steps, each stated in `notes` when the data forced a choice:
 *
 * 1. **Envelope** (`checkEnvelope(ds, "geo")`): hard limits throw a `DataError` naming the file and column;
 *    its warnings and notes are passed on, except those this pipeline restates with what it did (the
 *    fold/seasonality plan, the inference, the columns left out or merged).
 * 2. **Identification** (`findUnidentifiedTerms` with geo fixed effects, from the data's structure, before
 *    any fit): a control constant within every geo (population, typically) is absorbed by the geo effects and
 *    left out; an all-zero or constant channel is left out; channels that duplicate each other (exactly, in
 *    other units, or almost: |r| ≥ 0.999 within geos) are merged by summing their spend into one channel
 *    named `"a + b"`, whose effect is the one the data can estimate (never two contradictory estimates);
 *    any other unidentified column is left out. Each with its sentence.
 * 3. **Plan** (`geoPanelPlan`): folds and seasonality adapted to the number of weeks; **inference**
 *    ({@link geoInferencePlan}): clustered by geo when there are enough geos for it, otherwise
 *    heteroskedasticity- and autocorrelation-robust errors, with a warning that intervals are optimistic below
 *    30 geos.
 * 4. **Transforms** by time-series CV on dates (`searchGeoTransformsAsync`, geo effects by the within
 *    transformation on each fold's training rows; yields to the event loop with awaited progress).
 * 5. **Fit** (`fitGeoModel`), **cross-validation** with the within-geo R² (`crossValidatePanel`, same folds),
 *    **ROI** with Krinsky–Robb intervals, **contributions** by geo, year, month and channel, the **evidence
 *    gate** (`evidenceGate` on the fold within-geo R², with the joint test of the media terms) and
 *    **plausibility** flags (`contributionPlausibility`).
 *
 * Wall-clock timings go only to `options.log` (pass `console.error`): they differ between runs and are kept
 * out of the results.
 *
 * @module
 */
import { checkEnvelope, FEW_GEOS } from "../data/envelope.ts";
import type { UnidentifiedTerm, ZeroInGeos } from "../data/identification.ts";
import type { GeoTruth } from "../data/truth.ts";
import { truthKey } from "../data/truth.ts";
import type { Dataset, Roles, TargetUnit } from "../data/types.ts";
import type { CovType } from "../models/covariance.ts";
import type { FixedEffectsFit } from "../models/fixed_effects.ts";
import { withCovariance } from "../models/regression_results.ts";
import { waldTest, zeroRestrictions } from "../models/wald_test.ts";
import {
  geoPanelPlan,
  type GeoSearchContext,
  type GeoTransforms,
  searchGeoTransformsAsync,
} from "../evaluate/geo_transforms.ts";
import { type GeoBootstrap, geoBootstrap } from "../evaluate/geo_bootstrap.ts";
import { wildClusterBootstrap } from "../models/wild_bootstrap.ts";
import { crossValidatePanel } from "../evaluate/panel_cv.ts";
import {
  contributionPlausibility,
  evidenceGate,
  type SignVerdict,
  signVerdict,
} from "../evaluate/verdicts.ts";
import { roiWithUncertainty } from "../decompose/contributions.ts";
import { contributionsByPeriod, monthlyContributionSeries } from "../decompose/contributions_by_period.ts";
import { fitGeoModel, geoCovariance } from "../decompose/geo_model.ts";
import { marginalRoi } from "../decompose/marginal_roi.ts";
import {
  type ModelReplicates,
  ReplicateCurves,
  replicateInterval,
  replicateReturns,
} from "../decompose/model_replicates.ts";
import { shareOfEffectVsSpend } from "../decompose/share_of_effect.ts";
import type {
  GeoCarryoverRow,
  GeoCoefficientTest,
  GeoControlRow,
  GeoEstimateRow,
  GeoIdentification,
  GeoInferencePlan,
  GeoIntervalMethod,
  GeoMergedChannel,
  GeoPipelineOptions,
  GeoPipelineResult,
  GeoRoiRow,
  GeoStandardErrorRow,
} from "./geo_types.ts";
export type {
  GeoCarryoverRow,
  GeoCoefficientTest,
  GeoControlRow,
  GeoEstimateRow,
  GeoIdentification,
  GeoInferencePlan,
  GeoIntervalMethod,
  GeoIntervals,
  GeoMergedChannel,
  GeoPipelineOptions,
  GeoPipelineResult,
  GeoRoiRow,
  GeoSentenceFormat,
  GeoStandardErrorRow,
} from "./geo_types.ts";
import { DEFAULT_FORMAT, listAnd, pct, plain, quote } from "./geo_words.ts";
export * from "./geo_recommendations.ts";

// ---------------------------------------------------------------------------------------------------------
// Formats for sentences (lib/plot sits above this layer; notebooks pass `targetFormat(unit)`)
// ---------------------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------------------
// Identification: what is left out, what is merged
// ---------------------------------------------------------------------------------------------------------

/**
 * Applies an identification report to a panel: the channels and controls that can be modelled, with
 * duplicated channels merged by summing their spend (see the module doc), and the dataset that holds the
 * merged columns (roles updated: `media` the modelled channels, `controls` the modelled controls other than
 * population, `population` only when modelled).
 *
 * @param ds the panel
 * @param report `findUnidentifiedTerms(ds, [...media, ...controls, population], { geoFixedEffects: true })`
 * @example
 * const { dataset, identification } = applyGeoIdentification(geo, checkEnvelope(geo, "geo").identification);
 * identification.merged; // [{ channel: "tv_spend + radio_spend", columns: [...], sentence }] for two copies
 */
export function applyGeoIdentification(
  ds: Dataset,
  report: { readonly dropped: readonly UnidentifiedTerm[]; readonly zeroInGeos: readonly ZeroInGeos[] },
): { dataset: Dataset; identification: GeoIdentification } {
  const R = ds.roles;
  const droppedBy = new Map(report.dropped.map((d) => [d.column, d]));
  const media = R.media.filter((c) => !droppedBy.has(c));
  // copies of a kept channel: merge (transitively, by the kept column they copy)
  const mergeInto = new Map<string, string[]>();
  const left: UnidentifiedTerm[] = [];
  for (const d of report.dropped) {
    const isMedia = R.media.includes(d.column);
    const copies = d.reason === "duplicate" || d.reason === "near-duplicate";
    if (isMedia && copies && d.of !== undefined && media.includes(d.of)) {
      mergeInto.set(d.of, [...(mergeInto.get(d.of) ?? []), d.column]);
    } else left.push(d);
  }
  const columns: Record<string, Float64Array> = { ...ds.columns };
  const merged: GeoMergedChannel[] = [];
  const channels = media.map((c) => {
    const copies = mergeInto.get(c);
    if (!copies) return c;
    const group = R.media.filter((m) => m === c || copies.includes(m));
    const name = group.join(" + ");
    const sum = new Float64Array(ds.n);
    for (const m of group) {
      const x = ds.columns[m];
      for (let i = 0; i < ds.n; i++) sum[i] += x[i];
    }
    columns[name] = sum;
    const how = copies.map((m) => {
      const d = droppedBy.get(m)!;
      return d.reason === "near-duplicate"
        ? `${quote(m)} moves almost exactly with ${quote(c)} (correlation ${
          plain(d.correlation ?? NaN)
        } within geos)`
        : d.factor !== undefined && Math.abs(d.factor - 1) > 1e-9
        ? `${quote(m)} is ${plain(d.factor)} × ${quote(c)} in every row`
        : `${quote(m)} is identical to ${quote(c)}`;
    });
    merged.push({
      channel: name,
      columns: group,
      sentence: `${capitalize(listAnd(how))}, so the data cannot tell their effects apart (two separate ` +
        `estimates would be large, of opposite signs and meaningless). They are modelled as one channel, ` +
        `${quote(name)}, with their spend summed: its ROI is the return on the spend of both together.`,
    });
    return name;
  });
  const population = R.population !== undefined && !droppedBy.has(R.population) ? R.population : undefined;
  const otherControls = R.controls.filter((c) => !droppedBy.has(c) && c !== R.population);
  const controls = [...otherControls, ...(population ? [population] : [])];
  const roles: Roles = { ...R, media: channels, controls: otherControls, population };
  return {
    dataset: { ...ds, columns, roles },
    identification: {
      dropped: left,
      merged,
      zeroInGeos: report.zeroInGeos,
      channels,
      controls,
      populationModelled: population !== undefined,
    },
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------------------------------------
// Inference
// ---------------------------------------------------------------------------------------------------------

/**
 * The covariance for a geo fixed-effects fit with `geos` geos, `weeks` weeks and `slopes` coefficients:
 *
 * - clustered by geo when `geos − 1 ≥ slopes`. (The clustered covariance has rank at most `G − 1`: the
 *   residuals are orthogonal to the regressors, so the geo score sums add to zero; with fewer geos it is
 *   singular and neither intervals nor joint tests exist.) With fewer than `FEW_GEOS` (30) geos its intervals
 *   are optimistic: cluster-robust errors are consistent as the number of clusters grows, and with few they
 *   are biased down (Cameron & Miller 2015, "A Practitioner's Guide to Cluster-Robust Inference", §VI);
 * - otherwise Driscoll–Kraay errors (Driscoll & Kraay 1998, "Consistent covariance matrix estimation with
 *   spatially dependent panel data", Rev. Econ. Stat. 80(4)): Newey–West over the weekly sums of the scores
 *   across geos, with `L = ⌊4 (T/100)^{2/9}⌋` lags (Newey & West 1994's rule). They allow correlation within
 *   a geo over time and between geos in the same week, and rely on many weeks rather than many geos; being a
 *   kernel estimator they are still biased down in finite samples, so intervals are optimistic.
 *
 * @example
 * geoInferencePlan(40, 156, 19).covType; // "cluster"
 * geoInferencePlan(10, 156, 19).covType; // "driscoll-kraay"
 */
export function geoInferencePlan(geos: number, weeks: number, slopes: number): GeoInferencePlan {
  const few = geos < FEW_GEOS;
  const cov = geoCovariance(geos, weeks, slopes);
  if (cov.covType === "cluster") {
    return {
      covType: "cluster",
      fewGeos: few,
      sentence:
        `Standard errors are clustered by geo (${geos} clusters): each geo's errors may be correlated ` +
        `over time and differ in size between geos.` + (few
          ? ` With only ${geos} geos (fewer than about ${FEW_GEOS}) cluster-robust intervals are optimistic: ` +
            `they rely on many clusters and are too narrow with few, so read every interval below as a lower ` +
            `bound on the uncertainty.`
          : ""),
    };
  }
  const maxLags = cov.maxLags!;
  return {
    covType: "driscoll-kraay",
    maxLags,
    fewGeos: few,
    sentence:
      `With only ${geos} geos, too few for ${slopes} coefficients, errors clustered by geo cannot be ` +
      `computed (the clustered covariance has rank at most ${geos - 1}, the number of geos minus one). ` +
      `Standard errors are ` +
      `Driscoll–Kraay instead (Newey–West over the weekly sums across geos, ${maxLags} lags): they allow ` +
      `correlation within a geo over time and between geos in the same week, and rely on the ${weeks} weeks ` +
      `rather than on the number of geos. With so few geos every interval is still optimistic: read them as a ` +
      `lower bound on the uncertainty.`,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The pipeline
// ---------------------------------------------------------------------------------------------------------

/** Envelope findings this pipeline restates with what it did. */
const RESTATED = new Set(["no-cross-validation", "one-year", "few-geos", "cluster-rank", "unidentified"]);

/**
 * Runs the geo model end to end (see the module doc) and returns everything notebooks 05 and 07 show.
 * Deterministic: two runs with the same seed give identical results (timings go to `log` only).
 *
 * @param ds a geo panel from `loadDataset(path, { kind: "geo" })`
 * @param options `seed` (required), interval method, replicates, draws, folds, grids, truth, sentence
 *   formats, progress and log callbacks
 * @throws DataError when the panel is outside the envelope (`checkEnvelope`)
 * @example
 * const geo = await geoPipeline(loadDataset("data/mmm_geo.csv", { kind: "geo" }), { seed: 1 });
 * geo.roi; geo.gate.passed; geo.notes;
 */
export async function geoPipeline(ds: Dataset, options: GeoPipelineOptions): Promise<GeoPipelineResult> {
  const f = options.format ?? DEFAULT_FORMAT;
  const draws = options.draws ?? 2000;
  const seed = options.seed;
  const log = options.log;
  const method: GeoIntervalMethod = options.intervals ?? "bootstrap";
  const progress = options.onProgress ?? (() => {});
  const clock = () => performance.now();
  const t0 = clock();

  // 1–2. Envelope and identification
  await progress("Checking the data…");
  const envelope = checkEnvelope(ds, "geo");
  const { dataset, identification } = applyGeoIdentification(ds, envelope.identification);
  const R = dataset.roles;
  const geos = envelope.geos;
  const weeks = envelope.weeks;
  const targetUnit: TargetUnit = ds.roles.targetUnit ?? "currency";

  // 3. Plan and inference
  const plan = geoPanelPlan(weeks, { folds: options.folds ?? 5 });
  const seasonalTerms = plan.seasonality === "month_dummies" ? 11 : plan.seasonality === "fourier" ? 2 : 0;
  const slopes = identification.channels.length + identification.controls.length + seasonalTerms;
  const inference = geoInferencePlan(geos, weeks, slopes);

  const notes: string[] = [];
  for (const finding of envelope.findings) if (!RESTATED.has(finding.code)) notes.push(finding.sentence);
  for (const d of identification.dropped) notes.push(d.sentence);
  for (const m of identification.merged) notes.push(m.sentence);
  notes.push(...plan.sentences, inference.sentence);

  // 4. Transforms
  const searchOptions = {
    folds: plan.folds,
    minTrainSize: plan.minTrainSize,
    ...(plan.testSize !== undefined ? { testSize: plan.testSize } : {}),
    seasonality: plan.seasonality,
    controls: identification.controls,
    ...(options.thetaGrid ? { thetaGrid: options.thetaGrid } : {}),
    ...(options.scaleMultiples ? { scaleMultiples: options.scaleMultiples } : {}),
    yieldEveryMs: options.yieldEveryMs ?? 250,
  };
  let ctx: GeoSearchContext | undefined;
  const transforms = await searchGeoTransformsAsync(
    dataset,
    searchOptions,
    (p) =>
      progress(
        `Choosing carryover θ and saturation scale jointly by time-series cross-validation: pass ${
          p.pass + 1
        }, ${quote(p.channel)} (${p.evaluated.toLocaleString("en-US")} candidates scored)`,
      ),
    (c) => (ctx = c),
  );
  log?.(`geo pipeline: transform search ${((clock() - t0) / 1000).toFixed(2)} s`);
  const nFolds = transforms.nFolds;

  // 5. Fit, CV, joint test, gate
  await progress("Fitting the fixed-effects model and cross-validating it…");
  const t1 = clock();
  const model = fitGeoModel(dataset, transforms.chosen, {
    covType: inference.covType,
    ...(inference.maxLags !== undefined ? { maxLags: inference.maxLags } : {}),
    controls: identification.controls,
    seasonality: plan.seasonality,
  });
  const { fit, design, mediaModel } = model;
  const y = dataset.columns[R.target];
  const crossValidation = crossValidatePanel(design, y, dataset.geos!, transforms.folds);
  const mediaIdx = identification.channels.map((c) => fit.terms.indexOf(c));
  const joint = waldTest(fit.coef, fit.cov, zeroRestrictions(mediaIdx, fit.coef.length), fit.dfInference);
  const gate = evidenceGate(crossValidation.folds.map((x) => x.withinR2), {
    metric: "within-geo R²",
    mediaJointPValue: joint.pValue,
  });
  log?.(`geo pipeline: fit and CV ${((clock() - t1) / 1000).toFixed(2)} s`);

  // 6. Bootstrap with the transforms re-chosen in every replicate
  let bootstrap: GeoBootstrap | undefined;
  let replicates: ModelReplicates | undefined;
  if (method === "bootstrap") {
    const t2 = clock();
    const chosenIndex = ctx!.channels.map((c, ci) => {
      const t = transforms.chosen[c];
      return ctx!.optionList[ci].findIndex((o) => o.theta === t.theta && o.scale === t.scale);
    });
    bootstrap = await geoBootstrap(ctx!, chosenIndex, fit, {
      seed,
      replicates: options.replicates ?? 199,
      scheme: options.bootstrapScheme ?? "auto",
      yieldEveryMs: options.yieldEveryMs ?? 250,
      onProgress: (done, total) =>
        progress(
          `Bootstrap: re-choosing carryover and saturation and refitting in replicate ${done} of ${total}…`,
        ),
    });
    replicates = {
      channels: bootstrap.channels,
      replicates: bootstrap.replicates,
      theta: bootstrap.theta,
      scale: bootstrap.scale,
      coef: bootstrap.coef,
      level: 0.95,
      widening: bootstrap.widening,
    };
    notes.push(bootstrap.schemeSentence);
    log?.(
      `geo pipeline: bootstrap ${((clock() - t2) / 1000).toFixed(2)} s (${bootstrap.replicates} replicates)`,
    );
  }
  ctx = undefined; // the engine's caches are not part of the result

  // ROI, contributions, marginal ROI, plausibility
  await progress("Computing ROI, contributions and marginal ROI with their intervals…");
  const truth = options.truth;
  const channelTruth = (c: string) =>
    truth && identification.merged.every((m) => m.channel !== c)
      ? truth.channels[truthKey(c) as keyof GeoTruth["channels"]]
      : undefined;
  const roiDraws = roiWithUncertainty(mediaModel, dataset, { seed, draws });
  const mroi = marginalRoi(mediaModel, dataset);
  const curves = replicates ? new ReplicateCurves(replicates, dataset) : undefined;
  const boot = replicates ? replicateReturns(replicates, dataset, curves) : undefined;
  const heldRep = bootstrap && replicates
    ? replicateReturns({
      ...replicates,
      coef: bootstrap.fixedCoef,
      theta: fixedTheta(bootstrap, transforms),
      scale: fixedScale(bootstrap, transforms),
    }, dataset)
    : undefined;
  const roi: GeoRoiRow[] = roiDraws.map((r, j) => {
    const t = channelTruth(r.channel);
    const b = boot?.[j];
    const lower = b ? b.roiInterval.lower : r.roiDraws.lower;
    const upper = b ? b.roiInterval.upper : r.roiDraws.upper;
    const m = mroi[j];
    return {
      channel: r.channel,
      spend: r.spend,
      contribution: r.contribution,
      contributionLower: b ? b.contributionInterval.lower : r.contributionDraws.lower,
      contributionUpper: b ? b.contributionInterval.upper : r.contributionDraws.upper,
      roi: r.roi,
      lower,
      upper,
      fixedLower: r.roiDraws.lower,
      fixedUpper: r.roiDraws.upper,
      marginalRoi: m.marginalRoiAnalytic,
      marginalLower: b ? b.marginalRoiInterval.lower : NaN,
      marginalUpper: b ? b.marginalRoiInterval.upper : NaN,
      verdict: verdictOf(lower, upper),
      belowBreakEven: targetUnit === "currency" && upper < 1,
      ...(t
        ? { trueRoi: t.roi, trueContribution: t.contribution, covered: lower <= t.roi && t.roi <= upper }
        : {}),
    };
  });
  const thetaStep = gridStep(transforms.options.thetaGrid);
  const carryover: GeoCarryoverRow[] = identification.channels.map((c, j) => {
    const chosen = transforms.chosen[c];
    const t = channelTruth(c);
    let lower: number | null = null, upper: number | null = null, changedShare: number | null = null;
    if (bootstrap) {
      const C = bootstrap.channels.length;
      const th = Float64Array.from({ length: bootstrap.replicates }, (_, b) => bootstrap!.theta[b * C + j]);
      const iv = replicateInterval(th, 0.95, bootstrap.widening);
      // a grid value stands for the carryovers within half a grid step of it
      lower = Math.max(0, iv.lower - thetaStep / 2);
      upper = Math.min(1, iv.upper + thetaStep / 2);
      let moved = 0;
      for (let b = 0; b < bootstrap.replicates; b++) {
        if (bootstrap.theta[b * C + j] !== chosen.theta || bootstrap.scale[b * C + j] !== chosen.scale) {
          moved++;
        }
      }
      changedShare = moved / bootstrap.replicates;
    }
    return {
      channel: c,
      theta: chosen.theta,
      lower,
      upper,
      scale: chosen.scale,
      scaleMultiple: chosen.scaleMultiple,
      changedShare,
      ...(t
        ? {
          trueTheta: t.theta,
          ...(lower !== null && upper !== null ? { covered: lower <= t.theta && t.theta <= upper } : {}),
        }
        : {}),
    };
  });

  // Coefficient tests: analytic, and the wild cluster bootstrap by geo below 30 geos (or when asked)
  const wildMode = options.wildBootstrap ?? "auto";
  const runWild = wildMode === "always" || (wildMode === "auto" && geos < FEW_GEOS);
  const reportWild = runWild && geos < FEW_GEOS;
  const analyticName = inference.covType === "cluster" ? "cluster-robust" : "Driscoll–Kraay";
  const testTerms = [...identification.channels, ...identification.controls];
  const coefficientTests: GeoCoefficientTest[] = testTerms.map((term) => {
    const j = fit.terms.indexOf(term);
    const lo = Math.min(fit.confInt.lower[j], fit.confInt.upper[j]);
    const hi = Math.max(fit.confInt.lower[j], fit.confInt.upper[j]);
    let wild: { p: number; lower: number; upper: number } | null = null;
    if (runWild) {
      const w = wildClusterBootstrap(fit, { coefficient: term, seed });
      wild = { p: w.pValue, lower: w.confInt.lower, upper: w.confInt.upper };
    }
    return {
      term,
      estimate: fit.coef[j],
      se: fit.bse[j],
      pValue: fit.pvalues[j],
      lower: lo,
      upper: hi,
      wildPValue: wild?.p ?? null,
      wildLower: wild?.lower ?? null,
      wildUpper: wild?.upper ?? null,
      reported: reportWild ? "wild cluster bootstrap" : "analytic",
    };
  });
  const controlTruth: Record<string, number> = truth
    ? {
      competitor_sales_control: truth.gamma.competitor,
      sentiment_score_control: truth.gamma.sentiment,
      population: truth.gamma.population,
    }
    : {};
  // Controls: the bootstrap's interval (transforms re-chosen, clusters as the CD test says); without it, the
  // reported test's (the wild cluster bootstrap below 30 geos, else the analytic one).
  const controls: GeoControlRow[] = identification.controls.map((c) => {
    const test = coefficientTests.find((r) => r.term === c)!;
    const wild = test.reported === "wild cluster bootstrap";
    let lower = wild ? test.wildLower! : test.lower;
    let upper = wild ? test.wildUpper! : test.upper;
    let from: GeoControlRow["inference"] = wild ? "wild cluster bootstrap" : analyticName;
    if (bootstrap) {
      const j = bootstrap.terms.indexOf(c), P = bootstrap.terms.length;
      const values = Float64Array.from(
        { length: bootstrap.replicates },
        (_, b) => bootstrap!.slopes[b * P + j],
      );
      const iv = replicateInterval(values, 0.95, bootstrap.widening);
      if (iv.lower <= iv.upper) {
        lower = iv.lower;
        upper = iv.upper;
        from = "bootstrap";
      }
    }
    const t = controlTruth[c];
    return {
      control: c,
      estimate: test.estimate,
      lower,
      upper,
      verdict: verdictOf(lower, upper),
      inference: from,
      ...(t !== undefined ? { truth: t, covered: lower <= t && t <= upper } : {}),
    };
  });
  const bootstrapWords = (w: number | undefined) =>
    w === undefined ? "" : ` (${w.toLocaleString("en-US")} replicates)`;
  const coefficientTestsSentence = reportWild
    ? `With ${geos} geos (fewer than ${FEW_GEOS}), cluster-robust t-tests over-reject and their intervals are ` +
      `too narrow: they rely on many clusters. The tests and intervals of the coefficients reported here are ` +
      `therefore those of the wild cluster bootstrap (restricted, WCR, by geo, ${
        geos <= 12 ? "Webb's six-point" : "Rademacher"
      } weights${bootstrapWords(9999)}; Cameron, Gelbach & Miller 2008; MacKinnon & Webb 2017), whose ` +
      `p-values stay close to their level with few clusters; its intervals come from inverting the test and ` +
      `can be unbounded when the data cannot bound a coefficient. It resamples whole geos, so it allows any ` +
      `correlation within a geo over time but not shocks common to every geo in a week.`
    : runWild
    ? `With ${geos} geos, ${analyticName} tests are reliable enough and are reported; the wild cluster ` +
      `bootstrap (WCR, by geo) is shown beside them as a check.`
    : `With ${geos} geos (at least ${FEW_GEOS}), the ${analyticName} tests are reported; the wild cluster ` +
      `bootstrap, which matters with few geos, is not needed (it is available with \`wildBootstrap: "always"\`).`;
  const commonShocks = bootstrap !== undefined && bootstrap.crossSection.pValue < 0.05;
  const coefficientTestsFull = coefficientTestsSentence + (
    !bootstrap
      ? ""
      : commonShocks && inference.covType === "cluster"
      ? ` The CD test finds shocks common to the geos in a week, which tests clustered by geo ignore (they treat ` +
        `geos as independent), so read their p-values as optimistic. The controls' intervals below, like every ` +
        `ROI and contribution interval, come from the bootstrap with weights per block of weeks, which allows for ` +
        `such shocks, with carryover and saturation re-chosen in every replicate.`
      : ` The controls' intervals below come from the bootstrap (weights per ${
        bootstrap.scheme === "geo" ? "geo" : "block of weeks"
      }, carryover and saturation re-chosen in every replicate), like every ROI and contribution interval.`
  );

  const covTypes: CovType[] = [...new Set<CovType>(["nonrobust", "HC1", inference.covType])];
  const fits = Object.fromEntries(covTypes.map((t) => [
    t,
    t === inference.covType ? fit : withCovariance(fit, { covType: t }),
  ])) as Record<string, FixedEffectsFit>;
  const seasonal = (term: string) => /^month_\d+$|^week_(sin|cos)_\d+$/.test(term);
  const seRows: GeoStandardErrorRow[] = fit.terms.filter((term) => !seasonal(term)).map((term) => {
    const j = fit.terms.indexOf(term);
    return {
      term,
      coef: fit.coef[j],
      se: Object.fromEntries(covTypes.map((t) => [t, fits[t].bse[j]])),
      ratio: fit.bse[j] / fits.nonrobust.bse[j],
    };
  });
  const shares = shareOfEffectVsSpend(mediaModel, dataset);
  const byPeriod = contributionsByPeriod(mediaModel, dataset, { by: ["geo", "year", "month", "channel"] });
  const monthly = monthlyContributionSeries(
    contributionsByPeriod(mediaModel, dataset, { by: ["year", "month", "channel"] }),
  );
  let modelledTotal = 0;
  for (let i = 0; i < fit.fitted.length; i++) modelledTotal += fit.fitted[i];
  const plausibility = contributionPlausibility(
    roi.map((r) => ({ channel: r.channel, contribution: r.contribution })),
    modelledTotal,
    { paid: identification.channels, format: f.amount, target: R.target },
  );

  // How much wider the intervals are than with the transforms held fixed, and why
  const widthRatios: Record<string, number> = {};
  const heldRatios: number[] = [];
  roi.forEach((r, j) => {
    const fixedWidth = r.fixedUpper - r.fixedLower;
    if (boot && fixedWidth > 0) {
      widthRatios[r.channel] = (r.upper - r.lower) / fixedWidth;
      const h = heldRep![j].roiInterval;
      heldRatios.push((h.upper - h.lower) / fixedWidth);
    }
  });
  const ratios = Object.values(widthRatios);
  const widthRatio = medianOf(ratios), heldWidthRatio = medianOf(heldRatios);
  const changedShare = bootstrap ? bootstrap.transformsChanged / bootstrap.replicates : 0;
  const intervalsSentence = !bootstrap
    ? `Intervals are Krinsky–Robb draws of the coefficients (${
      draws.toLocaleString("en-US")
    } draws) with carryover and scale held at their chosen values: they leave out the uncertainty of that ` +
      `choice and are too narrow by that much.`
    : `Intervals come from a wild bootstrap (${bootstrap.replicates} replicates, weights per ${
      bootstrap.scheme === "geo" ? "geo" : `block of ${bootstrap.blockWeeks} weeks`
    }, ${bootstrap.weights === "webb" ? "Webb's six-point" : "Rademacher"} weights) that re-runs the whole ` +
      `search for carryover and saturation in every replicate and refits: in ${
        pct(changedShare)
      } of the replicates at least one channel's transforms changed. Each replicate multiplies the ` +
      `model's jackknife residuals, cluster by cluster, by a random weight and adds them to its fitted values; ` +
      `the percentile intervals are widened by ${
        bootstrap.widening.toFixed(2)
      } (Student's t with ${bootstrap.df} degrees of freedom over the normal, for ${bootstrap.clusters} clusters). ` +
      (Number.isFinite(widthRatio)
        ? `ROI intervals are a median ${
          ratioWords(widthRatio)
        } as wide as Krinsky–Robb intervals that hold the ` +
          `chosen transforms fixed (${
            listAnd(
              roi.filter((r) => widthRatios[r.channel] !== undefined).map((r) =>
                `${quote(r.channel)} ${ratioWords(widthRatios[r.channel])}`
              ),
            )
          }). The same bootstrap with the transforms held fixed gives a median ${
            ratioWords(heldWidthRatio)
          }: that part comes from the errors' structure (clusters, jackknife residuals, the t widening); the ` +
          `rest, a factor ${
            (widthRatio / heldWidthRatio).toFixed(2)
          }, from re-choosing carryover and saturation.`
        : "");

  // Sentences
  const thetaGrid = transforms.options.thetaGrid;
  const chan = identification.channels.length;
  const perChannel = transforms.profiles[identification.channels[0]]?.options.length ?? 0;
  const search =
    `Carryover θ ∈ {${thetaGrid.join(", ")}} and the log scale s (s = 1 spend unit, the log of the raw ` +
    `adstock, and ${
      transforms.options.scaleMultiples.join(", ")
    } × mean spend) were chosen jointly for each ` +
    `channel (${perChannel} pairs per channel), the channels in turn with the others at their current choice, ` +
    `until a full pass changed nothing (${transforms.passes} passes${
      transforms.converged ? "" : ", stopped before converging"
    }): ${transforms.evaluated.toLocaleString("en-US")} candidates scored by ${nFolds}-fold time-series ` +
    `cross-validation on dates, against ${
      (perChannel ** chan).toLocaleString("en-US", { maximumSignificantDigits: 2 })
    } for the full product of ${chan} channels.`;
  const fitSentence = `${geos} geos: the within fit equals the regression with ${geos - 1} geo ` +
    `${geos - 1 === 1 ? "dummy" : "dummies"} (one per geo but the first).`;
  const narrower = seRows.filter((r) => r.ratio < 1).map((r) => r.term);
  const seSentence = narrower.length > 0
    ? `For ${
      listAnd(narrower)
    } the ${analyticName} error is smaller than the classical one, which can happen by ` +
      `chance; the analytic intervals use the ${analyticName} errors throughout.`
    : `The ${analyticName} errors are at least as large as the classical ones for every media and control term.`;
  const cv = crossValidation;
  const cvSentence =
    `Out of sample the model explains ${plain(cv.mean.withinR2)} (sd ${plain(cv.sd.withinR2)} ` +
    `over ${cv.folds.length} folds) of each geo's variation around its own level; in sample the within-geo ` +
    `R² is ${plain(fit.stats.withinRsquared)}. The ordinary out-of-sample R², ${plain(cv.mean.r2)}, mostly ` +
    `reflects the differences in level between geos, which the geo effects capture trivially.`;
  const ranked = [...roi].filter((r) => Number.isFinite(r.roi)).sort((a, b) => b.roi - a.roi);
  const top = ranked[0];
  const byVerdict = (v: SignVerdict) => roi.filter((r) => r.verdict === v).map((r) => quote(r.channel));
  const verdictWords: [SignVerdict, string][] = [
    ["positive", "positive (its 95% interval lies above zero)"],
    ["not distinguishable from zero", "not distinguishable from zero"],
    ["negative", "negative (its 95% interval lies below zero)"],
  ];
  const verdictParts = verdictWords.map(([v, words]) => [byVerdict(v), words] as const)
    .filter(([names]) => names.length > 0)
    .map(([names, words]) =>
      `${words} for ${
        names.length === roi.length && roi.length > 1 ? `all ${roi.length} channels` : listAnd(names)
      }`
    );
  const roiSentence = top
    ? `${quote(top.channel)} has the highest estimated ROI, ${f.ratio(top.roi)} (95% interval ${
      f.ratio(top.lower)
    } ` +
      `to ${f.ratio(top.upper)}). ROI is ${verdictParts.join("; ")}.`
    : "No channel has spend, so no ROI can be computed.";
  const below = roi.filter((r) => r.belowBreakEven).map((r) => quote(r.channel));
  const breakEven = targetUnit !== "currency"
    ? `The target is counted in units, so ROI is ${R.target} per unit of spend; whether a channel pays for ` +
      `itself depends on the value of a unit, which the data do not give.`
    : below.length > 0
    ? `${listAnd(below)} ${
      below.length === 1 ? "returns" : "return"
    } less than one unit of ${R.target} per ` +
      `unit of spend even at the top of ${below.length === 1 ? "its" : "their"} 95% interval.`
    : `No channel's 95% interval lies wholly below one unit of ${R.target} per unit of spend.`;
  const withTruth = roi.filter((r) => r.covered !== undefined);
  const covered = withTruth.filter((r) => r.covered).length;
  const fixedCovered =
    withTruth.filter((r) => r.fixedLower <= r.trueRoi! && r.trueRoi! <= r.fixedUpper).length;
  const truthSentence = withTruth.length === 0
    ? "No ground truth for this file."
    : `The intervals cover the true ROI for ${covered} of ${withTruth.length} channels` +
      (bootstrap
        ? ` (the fixed-transform intervals for ${fixedCovered} of ${withTruth.length}).`
        : `. Misses are the expected symptom of intervals that hold the chosen carryover and scale fixed: ` +
          `read them as a lower bound on the uncertainty.`);

  const perSpend = `${R.target} per unit of spend`;
  const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);
  const estimates: GeoEstimateRow[] = [
    ...roi.filter((r) => Number.isFinite(r.roi)).map((r): GeoEstimateRow => ({
      model: "geo",
      quantity: "roi",
      channel: r.channel,
      estimate: r.roi,
      lower: r.lower,
      upper: r.upper,
      level: 0.95,
      unit: perSpend,
    })),
    ...roi.map((r): GeoEstimateRow => ({
      model: "geo",
      quantity: "contribution",
      channel: r.channel,
      estimate: r.contribution,
      lower: r.contributionLower,
      upper: r.contributionUpper,
      level: 0.95,
      unit: R.target,
    })),
    ...roi.filter((r) => Number.isFinite(r.marginalRoi)).map((r): GeoEstimateRow => ({
      model: "geo",
      quantity: "marginal_roi",
      channel: r.channel,
      estimate: r.marginalRoi,
      lower: finiteOrNull(r.marginalLower),
      upper: finiteOrNull(r.marginalUpper),
      level: Number.isFinite(r.marginalLower) ? 0.95 : null,
      unit: perSpend,
    })),
    ...carryover.map((c): GeoEstimateRow => ({
      model: "geo",
      quantity: "carryover",
      channel: c.channel,
      estimate: c.theta,
      lower: c.lower,
      upper: c.upper,
      level: c.lower !== null ? 0.95 : null,
      unit: "share of the adstock carried to the next week",
    })),
    ...controls.map((c): GeoEstimateRow => ({
      model: "geo",
      quantity: "control",
      channel: c.control,
      estimate: c.estimate,
      lower: finiteOrNull(c.lower),
      upper: finiteOrNull(c.upper),
      level: 0.95,
      unit: `${R.target} per unit of ${c.control}`,
    })),
  ];

  await progress(
    `Scored ${
      transforms.evaluated.toLocaleString("en-US")
    } candidates by ${nFolds}-fold time-series cross-validation on dates; fitted, cross-validated` +
      (bootstrap ? ` and bootstrapped ${bootstrap.replicates} times with the transforms re-chosen.` : "."),
  );
  log?.(`geo pipeline: total ${((clock() - t0) / 1000).toFixed(2)} s`);
  return {
    source: ds.source,
    rows: ds.n,
    geos,
    weeks,
    targetUnit,
    target: R.target,
    envelope,
    identification,
    dataset,
    plan,
    inference,
    transforms,
    model,
    crossValidation,
    mediaJoint: joint,
    gate,
    roi,
    carryover,
    controls,
    coefficientTests,
    standardErrors: { covTypes, rows: seRows },
    shares,
    contributionsByGeoYearMonthChannel: byPeriod,
    monthly,
    plausibility,
    modelledTotal,
    draws,
    seed,
    ...(bootstrap ? { bootstrap, replicates } : {}),
    intervals: {
      method,
      widthRatio,
      heldWidthRatio,
      widthRatios,
      changedShare,
      sentence: intervalsSentence,
    },
    notes,
    estimates,
    sentences: {
      search,
      fit: fitSentence,
      standardErrors: seSentence,
      coefficientTests: coefficientTestsFull,
      crossValidation: cvSentence,
      intervals: intervalsSentence,
      roi: roiSentence,
      breakEven,
      truth: truthSentence,
    },
  };
}

/** `signVerdict` for an interval that may be undefined (NaN bounds): no verdict is possible then. */
function verdictOf(lower: number, upper: number): SignVerdict {
  return lower <= upper ? signVerdict(lower, upper) : "not distinguishable from zero";
}

/** Smallest positive gap between sorted grid values (1 for a single value). */
function gridStep(grid: readonly number[]): number {
  const s = [...grid].sort((a, b) => a - b);
  let step = Infinity;
  for (let i = 1; i < s.length; i++) if (s[i] - s[i - 1] > 0) step = Math.min(step, s[i] - s[i - 1]);
  return Number.isFinite(step) ? step : 1;
}

function medianOf(values: readonly number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

function ratioWords(r: number): string {
  return `${r.toFixed(1)}×`;
}

/** The data's chosen θ per channel, repeated for every replicate (`replicates × channels`). */
function fixedTheta(b: GeoBootstrap, t: GeoTransforms): Float64Array {
  const C = b.channels.length;
  return Float64Array.from({ length: b.replicates * C }, (_, i) => t.chosen[b.channels[i % C]].theta);
}

/** The data's chosen scale per channel, repeated for every replicate. */
function fixedScale(b: GeoBootstrap, t: GeoTransforms): Float64Array {
  const C = b.channels.length;
  return Float64Array.from({ length: b.replicates * C }, (_, i) => t.chosen[b.channels[i % C]].scale);
}

// ---------------------------------------------------------------------------------------------------------
// Recommendations
// ---------------------------------------------------------------------------------------------------------
