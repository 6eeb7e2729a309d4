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
 *    the joint test of the media terms and the **evidence gate** (`evidenceGate` on the fold within-geo R²,
 *    with that test's p-value).
 * 6. **Bootstrap** (`geoBootstrap`, with `intervals: "bootstrap"`, the default): a wild bootstrap that re-runs
 *    the transform search in every replicate and refits.
 * 7. **ROI**, contribution and marginal ROI per channel, carryover and controls, with intervals from the
 *    bootstrap's replicate models (Krinsky–Robb draws with the transforms held fixed under
 *    `intervals: "fixed-transforms"`) and their sign verdicts; the **coefficient tests** (the wild cluster
 *    bootstrap below 30 geos); **contributions** by geo, year, month and channel and **plausibility** flags
 *    (`contributionPlausibility`); how much wider the intervals are than fixed-transform ones; tidy rows.
 *
 * Wall-clock timings go only to `options.log` (pass `console.error`): they differ between runs and are kept
 * out of the results.
 *
 * Each stage is a function of its own module, and {@link geoPipeline} calls them in order:
 * `checkGeoPanel` (geo_check.ts: envelope, `applyGeoIdentification` in geo_identification.ts,
 * `geoInferencePlan` in geo_inference.ts), `chooseGeoTransforms` (geo_search.ts), `fitGeoStage` (geo_fit.ts:
 * fit, CV, joint test, gate), `bootstrapGeoModel` (geo_replicates.ts), `geoRoiRows` and `geoCarryoverRows`
 * (geo_returns.ts), `geoCoefficientTests`, `geoControlRows` and `geoStandardErrors` (geo_coefficients.ts),
 * `geoContributions` (geo_contributions.ts), `geoIntervals` (geo_intervals.ts) and `geoEstimateRows`
 * (geo_estimates.ts); each module also writes the sentences about what it computed.
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import type { GeoSearchContext } from "../evaluate/geo_transforms.ts";
import type { GeoIntervalMethod, GeoPipelineOptions, GeoPipelineResult } from "./geo_types.ts";
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
import { DEFAULT_FORMAT, quote } from "./geo_words.ts";
import { checkGeoPanel } from "./geo_check.ts";
import { chooseGeoTransforms, gridEdgeSentence, searchSentence } from "./geo_search.ts";
import { crossValidationSentence, fitGeoStage, fitSentence } from "./geo_fit.ts";
import { bootstrapGeoModel, type GeoResampling } from "./geo_replicates.ts";
import {
  breakEvenSentence,
  geoCarryoverRows,
  geoRoiRows,
  roiSentence,
  truthSentence,
} from "./geo_returns.ts";
import {
  coefficientTestsSentence,
  geoCoefficientTests,
  geoControlRows,
  geoStandardErrors,
  standardErrorSentence,
} from "./geo_coefficients.ts";
import { geoContributions } from "./geo_contributions.ts";
import { geoIntervals } from "./geo_intervals.ts";
import { geoEstimateRows } from "./geo_estimates.ts";
export { applyGeoIdentification } from "./geo_identification.ts";
export { geoInferencePlan } from "./geo_inference.ts";
export * from "./geo_recommendations.ts";

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

  // 1–3. Envelope, identification, plan and inference
  await progress("Checking the data…");
  const setup = checkGeoPanel(ds, options.folds ?? 5);
  const { envelope, dataset, identification, geos, weeks, targetUnit, plan, inference } = setup;
  const R = dataset.roles;

  // 4. Transforms
  let context: GeoSearchContext | undefined;
  const transforms = await chooseGeoTransforms(setup, options, progress, (c) => (context = c));
  log?.(`geo pipeline: transform search ${((clock() - t0) / 1000).toFixed(2)} s`);
  const nFolds = transforms.nFolds;

  // 5. Fit, CV, joint test, gate
  await progress("Fitting the fixed-effects model and cross-validating it…");
  const t1 = clock();
  const { model, crossValidation, mediaJoint, gate } = fitGeoStage(setup, transforms);
  const fit = model.fit;
  log?.(`geo pipeline: fit and CV ${((clock() - t1) / 1000).toFixed(2)} s`);

  // 6. Bootstrap with the transforms re-chosen in every replicate
  let resampling: GeoResampling | undefined;
  if (method === "bootstrap") {
    resampling = await bootstrapGeoModel(context!, transforms, fit, options, progress, log);
  }
  context = undefined; // the engine's caches are not part of the result
  const bootstrap = resampling?.bootstrap;
  const notes = [...setup.notes, ...(bootstrap ? [bootstrap.schemeSentence] : [])];

  // 7. ROI, carryover, coefficient tests, controls, standard errors, contributions, interval widths
  await progress("Computing ROI, contributions and marginal ROI with their intervals…");
  const truth = options.truth;
  const roi = geoRoiRows({ dataset, model, identification, targetUnit, resampling, seed, draws, truth });
  const carryover = geoCarryoverRows(identification, transforms, resampling, truth);
  const coefficients = geoCoefficientTests(fit, identification, inference, geos, options);
  const controls = geoControlRows(identification, coefficients, bootstrap, truth);
  const standardErrors = geoStandardErrors(fit, inference);
  const contributions = geoContributions(model, dataset, roi, identification.channels, f);
  const intervals = geoIntervals(roi, method, resampling, transforms, dataset, draws);

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
    mediaJoint,
    gate,
    roi,
    carryover,
    controls,
    coefficientTests: coefficients.tests,
    standardErrors,
    shares: contributions.shares,
    contributionsByGeoYearMonthChannel: contributions.byPeriod,
    monthly: contributions.monthly,
    plausibility: contributions.plausibility,
    modelledTotal: contributions.modelledTotal,
    draws,
    seed,
    ...(resampling ? { bootstrap: resampling.bootstrap, replicates: resampling.replicates } : {}),
    intervals,
    notes,
    estimates: geoEstimateRows(roi, carryover, controls, R.target),
    sentences: {
      search: [
        searchSentence(transforms, identification),
        gridEdgeSentence(transforms, identification, quote),
      ]
        .filter((x) => x !== null).join(" "),
      fit: fitSentence(geos),
      standardErrors: standardErrorSentence(standardErrors.rows, coefficients.analyticName),
      coefficientTests: coefficientTestsSentence(geos, inference, coefficients, bootstrap),
      crossValidation: crossValidationSentence(crossValidation, fit.stats.withinRsquared),
      intervals: intervals.sentence,
      roi: roiSentence(roi, f),
      breakEven: breakEvenSentence(roi, targetUnit, R.target),
      truth: truthSentence(roi, bootstrap !== undefined),
    },
  };
}
