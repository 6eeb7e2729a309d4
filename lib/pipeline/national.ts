/**
 * The national pipeline: everything notebooks 02–04 (and the national part of 06) show, computed once by one
 * call, {@link nationalPipeline}. The notebooks render; the decisions (which model the data allow, which
 * transforms, which words) are made here and tested.
 *
 * Steps, each stated in `notes` when the data forced a choice, or in `skipped` when a section cannot run:
 *
 * 1. **Envelope.** The target must vary (a constant target has nothing to explain: every model section is
 *    skipped with that reason). Weeks with a zero or negative target are counted; the models are fitted in
 *    levels (no logarithm), and quantities relative to mean revenue (elasticity at the means, lift in %) need
 *    a positive mean.
 * 2. **Identification** (`findUnidentifiedTerms`, before any fit): an all-zero or constant column is left out;
 *    a social or direct channel that duplicates another channel of its role is merged with it by summing
 *    (named `a+b`: the data can only estimate their combined effect); any other duplicate, near duplicate or
 *    linear combination is left out. Each with its sentence.
 * 3. **Model.** The two-stage mediation model needs a mediator with variation and at least one social
 *    channel; otherwise a single-stage model of the target on every media channel (the mediator if usable,
 *    the social channels, with carryover), the direct channels (saturation) and the controls is fitted.
 *    With one social channel there is no direct social path (see `defaultDirectSocial`): only the total
 *    effect is identified. If the two-stage fit fails, the single-stage model is fitted instead.
 * 4. **Seasonality** (`seasonalControls`): November/December dummies with two years of each, else an annual
 *    Fourier pair.
 * 5. **Transforms** by time-series CV (`searchNationalTransforms`; saturation scales from the active weeks,
 *    `saturationScale`, never 0).
 * 6. **Fit** by OLS with Newey–West (HAC) errors; **bootstrap** (circular blocks, both stages refitted) for
 *    every interval. By default (`bootstrapTransforms: "re-chosen"`) each two-stage replicate also re-chooses
 *    every carryover (over the searched grid) and the direct channels' saturation, by least
 *    squares on the resampled weeks (`bootstrapMediationTransforms`), so the intervals, θ's included, carry
 *    the transform choice; the fixed-transform bootstrap is kept beside it to say how much wider that made
 *    them (`outcome.bootstrap.widening`). The single-stage model's bootstrap holds the transforms fixed.
 *    **Verdicts** from `verdicts.ts` (sign-aware intervals, Zhao–Lynch–Chen mediation kinds,
 *    the evidence gate, contribution plausibility).
 * 7. **Cross-validation** of the fitted model ({@link nationalModelFolds}): every fold trains on at least
 *    `max(52, 2 × coefficients)` weeks and tests on the next 13, as many folds as fit, at most 4. A full year
 *    of training means every week of the year, and so the seasonal terms, is estimated in every fold; two
 *    weeks per coefficient keeps an OLS fit from interpolating. Shorter data are not cross-validated, and
 *    `skipped` says why. A fold whose training window cannot identify the model (say, no promotion week yet)
 *    is left out, with a note.
 *
 * Wall-clock timings go only to `options.log` (pass `console.error`): they differ between runs and are kept
 * out of the results.
 *
 * @module
 */
import {
  checkEnvelope,
  crossValidationPlan,
  CV_TEST_WEEKS,
  CV_TRAIN_WEEKS,
  MAX_CV_FOLDS,
  MIN_CV_FOLDS,
  MIN_WEEKS_FOR_CV,
} from "../data/envelope.ts";
import { findUnidentifiedTerms, type UnidentifiedTerm } from "../data/identification.ts";
import type { Dataset, Roles } from "../data/types.ts";
import { ModelError } from "../errors.ts";
import { seasonalControls } from "../features/calendar.ts";
import { type Design, selectDesignColumns, takeDesignRows } from "../features/design.ts";
import { saturationScale } from "../features/saturation.ts";
import { fitMediation, mediationData, stage2Design } from "../models/mediation.ts";
import {
  type BootstrapInterval,
  bootstrapMediation,
  type MediationBootstrap,
} from "../models/mediation_bootstrap.ts";
import {
  bootstrapMediationTransforms,
  intervalWidening,
  type TransformBootstrap,
  transformShortlist,
} from "../evaluate/national_bootstrap.ts";
import { fitRandomForest } from "../models/random_forest.ts";
import { crossValidateMediation, stage2Importance } from "../evaluate/mediation_evaluate.ts";
import type { CrossValidation } from "../evaluate/cross_validate.ts";
import { permutationImportance } from "../evaluate/permutation_importance.ts";
import { searchCandidate } from "../evaluate/search.ts";
import { profileCurve, profileGrid } from "../evaluate/search_profile.ts";
import { transformedChannels } from "../evaluate/search_refit.ts";
import { nationalAmountFormat, nationalRatioFormat } from "./national_format.ts";
import { type Fold, timeSeriesSplit } from "../evaluate/time_series_split.ts";
import {
  contributionPlausibility,
  type EvidenceGate,
  evidenceGate,
  mediationVerdict,
  type SignVerdict,
  signVerdict,
} from "../evaluate/verdicts.ts";
import {
  mediationInputsFromSearch,
  type NationalTransforms,
  searchNationalTransforms,
  type StageSearch,
  type WeeklySearchOptions,
} from "../evaluate/weekly_transforms.ts";
import { describe, ranksDescending } from "../stats/describe.ts";
import {
  bootstrapSingleStage,
  crossValidateSingleStage,
  fitSingleStage,
  type SingleStageBootstrap,
  type SingleStageFit,
  type SingleStageInputs,
} from "./national_single_stage.ts";
import type {
  NationalCarryoverRow,
  NationalCrossValidation,
  NationalEstimate,
  NationalImportanceRow,
  NationalInterval,
  NationalMediation,
  NationalMergedChannel,
  NationalOptions,
  NationalOutcome,
  NationalResults,
  NationalSaturationRow,
  NationalSearchEvidence,
  NationalSearchProfile,
  NationalSection,
  NationalSkipped,
  NationalStage1,
} from "./national_types.ts";
export type {
  NationalCarryoverRow,
  NationalCrossValidation,
  NationalEstimate,
  NationalImportanceRow,
  NationalInterval,
  NationalMediation,
  NationalMergedChannel,
  NationalOptions,
  NationalOutcome,
  NationalResults,
  NationalSaturationRow,
  NationalSearchEvidence,
  NationalSearchProfile,
  NationalSection,
  NationalSkipped,
  NationalStage1,
} from "./national_types.ts";

/** Envelope findings repeated in `notes` (the others are stated by `skipped` or the identification sentences). */
const ENVELOPE_NOTES: readonly string[] = [
  "few-observations",
  "channel-mostly-zero",
];
/**
 * Folds of the fitted model's time-series cross-validation: the envelope's plan (`crossValidationPlan`:
 * test folds of 13 weeks after a first training window of 52 weeks, at least 2 and at most 5 folds, ending
 * at the last week), keeping only folds that also train on at least two weeks per coefficient. Returns the
 * reason in words when no fold is left.
 *
 * @param n weeks in the series
 * @param coefficients coefficients of the largest stage
 * @example
 * nationalModelFolds(104, 12).folds.length; // 4: training 52, 65, 78, 91 weeks
 * nationalModelFolds(52, 12).folds; // []: a year of training leaves no test weeks
 */
export function nationalModelFolds(
  n: number,
  coefficients: number,
): { folds: Fold[]; reason: string | null } {
  const plan = crossValidationPlan(n);
  if (plan === undefined) {
    return {
      folds: [],
      reason:
        `Out-of-sample validation is not possible: time-series cross-validation needs a ${CV_TRAIN_WEEKS}-week ` +
        `training window (a full year, so every week of the year is estimated in every fold) and at least ` +
        `${MIN_CV_FOLDS} test folds of ${CV_TEST_WEEKS} weeks after it, ${MIN_WEEKS_FOR_CV} weeks in all, and ` +
        `the file has ${n}.`,
    };
  }
  const folds = timeSeriesSplit(n, { nSplits: plan.nSplits, testSize: plan.testSize })
    .filter((f) => f.train.length >= 2 * coefficients);
  if (folds.length < MIN_CV_FOLDS) {
    return {
      folds: [],
      reason:
        `Out-of-sample validation is not possible: the model has ${coefficients} coefficients, and fewer than ` +
        `${MIN_CV_FOLDS} folds train on at least two weeks per coefficient (${2 * coefficients}).`,
    };
  }
  return { folds, reason: null };
}

/**
 * What the folds hold fixed, in words: carryover and saturation are not re-chosen on each fold's training
 * weeks, so the out-of-sample scores leave out the uncertainty of that choice and lean optimistic (Hastie,
 * Tibshirani & Friedman 2009, §7.10.2: every modelling step must be repeated inside the folds).
 */
export const NATIONAL_HELD_TRANSFORMS =
  `Carryover and saturation are held at the full-sample choice in every fold (not re-chosen on the fold's ` +
  `training weeks), so the out-of-sample scores leave out the uncertainty of that choice and lean optimistic.`;

/** The cross-validation rule in words, for notebooks. */
export const NATIONAL_CV_RULE =
  `Every fold trains on the weeks before its test weeks, a window of at least ` +
  `${CV_TRAIN_WEEKS} weeks (a full year, so every week of the year and the seasonal terms are estimated in every ` +
  `fold) and of at least two weeks per coefficient, and tests on the next ${CV_TEST_WEEKS} weeks; as many folds ` +
  `as fit, at most ${MAX_CV_FOLDS}, ending at the last week. The window counts calendar weeks: weeks left ` +
  `out as anomalies are dropped from training and test weeks, so a fold may train on fewer than ` +
  `${CV_TRAIN_WEEKS} weeks (each fold's training weeks are shown). ${NATIONAL_HELD_TRANSFORMS}`;

/**
 * Runs the national pipeline (see the module doc) on a weekly dataset.
 *
 * @param ds weekly dataset (roles: target, optional mediator, social, direct, optional price and promotion,
 *   controls)
 * @param options seed, bootstrap, search grids, progress and timing callbacks
 * @example
 * const national = await nationalPipeline(weekly, { onProgress: (m) => bar.update(m), log: console.error });
 * national.mediation?.verdicts[0].sentence;
 * national.skipped; // [{ section: "cross-validation", reason: "Out-of-sample validation is not possible: …" }]
 */
export async function nationalPipeline(ds: Dataset, options: NationalOptions = {}): Promise<NationalResults> {
  const seed = options.seed ?? 20240611;
  const reps = options.reps ?? 999;
  const blockLength = options.blockLength ?? 8;
  const bootstrapTransforms = options.bootstrapTransforms ?? "re-chosen";
  const hacLags = options.hacLags ?? 4;
  const progress = async (message: string) => {
    await options.onProgress?.(message);
  };
  const clock = timer(options.log);
  const notes: string[] = [];
  const skipped: NationalSkipped[] = [];
  const skip = (section: NationalSection, reason: string) => {
    if (!skipped.some((s) => s.section === section)) skipped.push({ section, reason });
  };
  // 1. envelope: hard violations (fewer than 52 weeks, a constant target, no channel) throw a DataError
  const envelope = checkEnvelope(ds, "weekly");
  const R0 = ds.roles;
  const target = R0.target;
  const y = ds.columns[target];
  const ySummary = describe(y);
  let zeroWeeks = 0, negativeWeeks = 0;
  for (const v of y) {
    if (v === 0) zeroWeeks++;
    if (v < 0) negativeWeeks++;
  }
  const meanY = ySummary.mean;
  const seasonal = seasonalControls(ds.dates);
  const seasonalSentence = seasonal.kind === "holiday_months"
    ? `Seasonality enters as November and December dummies: the data hold November in ${seasonal.novemberYears} ` +
      `and December in ${seasonal.decemberYears} calendar years, so each month's effect is seen more than once.`
    : `Seasonality enters as one annual Fourier pair (sine and cosine of the week of the year), not as November ` +
      `and December dummies: the data hold November in ${seasonal.novemberYears} and December in ` +
      `${seasonal.decemberYears} calendar ${
        seasonal.novemberYears === 1 && seasonal.decemberYears === 1 ? "year" : "years"
      }, and a month dummy seen in one year only would absorb whatever happened in those weeks.`;
  const base = {
    source: ds.source,
    weeks: ds.n,
    firstWeek: ds.dates[0],
    lastWeek: ds.dates[ds.n - 1],
    target,
    targetProfile: { mean: meanY, zeroWeeks, negativeWeeks },
    envelope,
    seasonality: { kind: seasonal.kind, columns: seasonal.columns, sentence: seasonalSentence },
  };
  const empty = {
    ...base,
    model: null,
    transforms: null,
    anomalies: [],
    estimates: [],
    saturation: [],
    carryover: [],
    searchEvidence: [],
    profiles: [],
    featureMatrix: null,
    stage1: null,
    mediation: null,
    outcome: null,
    twoStage: null,
    singleStage: null,
  };

  for (const f of envelope.findings) if (ENVELOPE_NOTES.includes(f.code)) notes.push(f.sentence);
  if (zeroWeeks + negativeWeeks > 0) {
    const parts = [
      zeroWeeks > 0 ? `zero in ${zeroWeeks}` : "",
      negativeWeeks > 0 ? `negative in ${negativeWeeks}` : "",
    ]
      .filter((x) => x !== "").join(" and ");
    notes.push(
      `${target} is ${parts} of the ${ds.n} weeks. The models are fitted to ${target} in levels (no logarithm is ` +
        `taken), so those weeks are used as they are, and a percentage error is reported only for test weeks ` +
        `whose ${target} is positive.`,
    );
  }

  // 2. identification
  const { ds: eds, dropped, merged } = identify(ds, notes);
  const R = eds.roles;
  const relative = meanY > 0 && negativeWeeks === 0;
  const notRelative = negativeWeeks > 0
    ? `${target} is negative in ${negativeWeeks} of the ${ds.n} weeks, so it is not a level that a percentage change describes`
    : `mean ${target} is ${
      fmtNumber(meanY)
    }, not positive, so a percentage change of ${target} is not defined`;
  if (R0.price === undefined) {
    skip(
      "price elasticity",
      `The price elasticity cannot be estimated: no price column is mapped (roles.price is null or left out).`,
    );
  } else if (R.price === undefined) {
    skip(
      "price elasticity",
      `The price elasticity cannot be estimated: ${droppedSentence(dropped, R0.price)}`,
    );
  } else if (!relative) {
    skip(
      "price elasticity",
      `The price elasticity (a percentage change of ${target} per 1% of price) cannot be estimated: ${notRelative}.`,
    );
  }
  if (R0.promotion === undefined) {
    skip(
      "promotion lift",
      `The promotion lift cannot be estimated: no promotion column is mapped (roles.promotion is null or left out).`,
    );
  } else if (R.promotion === undefined) {
    const d = dropped.find((x) => x.column === R0.promotion);
    skip(
      "promotion lift",
      d?.reason === "all-zero"
        ? `The promotion lift cannot be estimated: no week has a promotion ("${R0.promotion}" is zero in every week).`
        : d?.reason === "constant"
        ? `The promotion lift cannot be estimated: "${R0.promotion}" has the same value in every week, so promotion weeks cannot be compared with weeks without one.`
        : `The promotion lift cannot be estimated: ${droppedSentence(dropped, R0.promotion)}`,
    );
  } else if (!relative) {
    notes.push(
      `The promotion lift is reported in ${target} per promotion week only, not as a percentage of mean ${target}: ${notRelative}.`,
    );
  }

  // 3. which model
  let model: "two-stage" | "single-stage";
  if (R.mediator !== undefined && R.social.length > 0) model = "two-stage";
  else {
    model = "single-stage";
    const why = R0.mediator === undefined
      ? "no mediator column is mapped (roles.mediator is null or left out)"
      : R.mediator === undefined
      ? whyDropped(dropped, R0.mediator)
      : R0.social.length === 0
      ? "no social channel is mapped (roles.social is empty), so nothing drives the mediator"
      : "no social channel is left after identification";
    skip(
      "two-stage model",
      `The two-stage model (social channels → mediator → ${target}) is skipped: it needs a mediator and at least one social channel, and ${
        why.replace(/\.$/, "")
      }. A single-stage model of ${target} is fitted instead.`,
    );
  }
  if (model === "two-stage" && R.social.length === 1) {
    skip(
      "direct social paths",
      `With one social channel (${
        R.social[0]
      }) its direct path and its path through ${R.mediator} cannot be told apart (stage 1's prediction of ${R.mediator} is a rescaling of that channel's own spend), so the model has no direct social path and only its total effect is identified.`,
    );
  }
  const channels = model === "two-stage"
    ? [...R.social, ...R.direct]
    : [...(R.mediator ? [R.mediator] : []), ...R.social, ...R.direct];
  if (channels.length === 0 && [R.price, R.promotion, ...R.controls].every((c) => c === undefined)) {
    skip(
      "models",
      `No model can be fitted: after identification no channel or control is left to explain ${target}.`,
    );
    return { ...empty, roles: R, notes, skipped, identification: { dropped, merged } };
  }

  // 4.–5. transforms
  await progress("choosing carryover and saturation by time-series cross-validation…");
  const searchOptions: WeeklySearchOptions = { ...options.search, seasonal: seasonal.columns };
  let transforms: NationalTransforms;
  try {
    transforms = await runSearch(eds, model, searchOptions, progress, clock);
  } catch (e) {
    if (!(e instanceof ModelError || e instanceof RangeError) || model === "single-stage") throw e;
    notes.push(`The two-stage search failed (${e.message}); a single-stage model is searched instead.`);
    skip("two-stage model", `The two-stage model could not be searched: ${e.message}.`);
    model = "single-stage";
    transforms = await runSearch(eds, model, searchOptions, progress, clock);
  }
  notes.push(...transforms.notes);
  const screen = transforms.anomalyScreen;
  if (screen.candidates.length > screen.anomalies.length) notes.push(screen.sentence);
  if (screen.shape && screen.shape.kind !== "unimodal") {
    notes.push(screen.shape.sentence);
    const regimes = Object.keys(transforms.regimeControls);
    if (regimes.length > 0) {
      notes.push(
        `The ${transforms.model === "two-stage" ? "stage-2" : ""} model of ${target} therefore includes ${
          regimes.length === 1 ? "a regime indicator" : "regime indicators"
        } as ${regimes.length === 1 ? "a control" : "controls"} (${regimes.join(", ")}).`.replace(
          "The  model",
          "The model",
        ),
      );
    }
  }

  // 6. fit
  await progress("fitting the model and bootstrapping its intervals…");
  let twoStage: NationalResults["twoStage"] = null;
  let singleStage: NationalResults["singleStage"] = null;
  if (model === "two-stage") {
    const inputs = mediationInputsFromSearch(eds, transforms);
    try {
      const fit = fitMediation(inputs, { covType: "HAC", maxLags: hacLags });
      let bootstrap: MediationBootstrap | TransformBootstrap | null = null;
      let fixedBootstrap: MediationBootstrap | null = null;
      if (options.bootstrap !== false) {
        try {
          fixedBootstrap = bootstrapMediation(inputs, { seed, reps, blockLength });
          bootstrap = bootstrapTransforms === "re-chosen"
            ? bootstrapMediationTransforms(inputs, transformShortlist(transforms, inputs.spec), {
              seed,
              reps,
              blockLength,
            })
            : fixedBootstrap;
        } catch (e) {
          if (!(e instanceof ModelError)) throw e;
          skip("bootstrap", `The bootstrap intervals cannot be computed: ${e.message}.`);
        }
      }
      clock(`fit and bootstrap (two-stage, transforms ${bootstrapTransforms})`);
      twoStage = {
        inputs,
        fit,
        bootstrap,
        fixedBootstrap: bootstrap === fixedBootstrap ? null : fixedBootstrap,
      };
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      skip("two-stage model", `The two-stage model cannot be fitted: ${e.message}.`);
      notes.push(
        `The two-stage model cannot be fitted (${e.message}); a single-stage model is fitted instead.`,
      );
      model = "single-stage";
      transforms = await runSearch(eds, model, searchOptions, progress, clock);
      notes.push(...transforms.notes.filter((n) => !notes.includes(n)));
    }
  }
  if (model === "single-stage") {
    const inputs = singleStageInputsFromSearch(eds, transforms);
    let fit: SingleStageFit;
    try {
      fit = fitSingleStage(inputs, { covType: "HAC", maxLags: hacLags, yName: target });
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      skip("single-stage model", `The single-stage model cannot be fitted: ${e.message}.`);
      return {
        ...empty,
        ...searchViews(eds, transforms),
        roles: R,
        notes,
        skipped,
        identification: { dropped, merged },
        transforms,
      };
    }
    let bootstrap: SingleStageBootstrap | null = null;
    if (options.bootstrap !== false) {
      try {
        bootstrap = bootstrapSingleStage(inputs, { seed, reps, blockLength });
      } catch (e) {
        if (!(e instanceof ModelError)) throw e;
        skip("bootstrap", `The bootstrap intervals cannot be computed: ${e.message}.`);
      }
    }
    clock("fit and bootstrap (single-stage)");
    singleStage = { inputs, fit, bootstrap };
  }

  const views = searchViews(eds, transforms);
  const meanPositive = relative;
  await progress("cross-validating the fitted model and ranking the drivers…");
  let outcome: NationalOutcome;
  let stage1: NationalStage1 | null = null;
  let mediation: NationalMediation | null = null;
  if (twoStage) {
    const built = twoStageResults(eds, twoStage, views, {
      seed,
      options,
      meanPositive,
      notes,
      skip,
    });
    outcome = built.outcome;
    stage1 = built.stage1;
    mediation = built.mediation;
  } else {
    outcome = singleStageResults(eds, singleStage!, views, { seed, options, meanPositive, notes, skip });
  }
  clock("cross-validation and importance");
  if (outcome.crossValidation === null && !skipped.some((s) => s.section === "cross-validation")) {
    skip("cross-validation", "Out-of-sample validation could not be run.");
  }
  return {
    ...base,
    roles: R,
    model,
    notes,
    skipped,
    identification: { dropped, merged },
    anomalies: transforms.anomalies.map((a) => ({
      week: ds.dates[a.index],
      value: a.value,
      expected: a.expected,
      z: a.z,
    })),
    transforms,
    ...views,
    stage1,
    mediation,
    outcome,
    estimates: tidyRows(R, stage1, mediation, outcome),
    twoStage,
    singleStage,
  };
}

/** The tidy estimate rows of a run (see {@link NationalEstimate}). */
function tidyRows(
  R: Roles,
  stage1: NationalStage1 | null,
  mediation: NationalMediation | null,
  outcome: NationalOutcome,
): NationalEstimate[] {
  const unit = R.targetUnit === "units" ? `${R.target} (units)` : R.target;
  const perDollar = `${unit} per dollar`;
  const rows: NationalEstimate[] = [];
  const add = (quantity: NationalEstimate["quantity"], channel: string, v: NationalInterval, u: string) => {
    if (!Number.isFinite(v.estimate)) return;
    const interval = Number.isFinite(v.lower) && Number.isFinite(v.upper);
    rows.push({
      model: "national",
      quantity,
      channel,
      estimate: v.estimate,
      lower: interval ? v.lower : null,
      upper: interval ? v.upper : null,
      level: interval ? 0.95 : null,
      unit: u,
    });
  };
  for (const p of stage1?.perDollar ?? []) {
    add("google_per_dollar", p.channel, p, `${stage1!.mediator} dollars per dollar`);
  }
  for (const e of mediation?.socialEffects ?? []) add(`${e.effect}_per_dollar`, e.channel, e, perDollar);
  for (const p of outcome.perDollar) add("total_per_dollar", p.channel, p, perDollar);
  for (const c of outcome.contributions) {
    add("roi", c.channel, c, perDollar);
    add("contribution", c.channel, {
      estimate: c.contribution,
      lower: c.contributionLower,
      upper: c.contributionUpper,
      shareNonPositive: NaN,
      verdict: null,
    }, unit);
  }
  for (const d of outcome.direct) {
    add("contribution", d.channel, {
      estimate: d.contribution,
      lower: d.lower,
      upper: d.upper,
      shareNonPositive: NaN,
      verdict: null,
    }, unit);
  }
  if (outcome.elasticity) {
    add("price_elasticity", outcome.elasticity.column, outcome.elasticity, "elasticity");
  }
  if (outcome.promotion) {
    add("promotion_lift", outcome.promotion.column, outcome.promotion, `${unit} per promotion week`);
  }
  for (const c of outcome.carryover) {
    // the one-standard-error range of θ is not a confidence interval: bounds only from a bootstrap that
    // re-chose θ (NaN otherwise); a direct path's θ' is listed after the channel's stage-1 θ and left out
    if (!rows.some((r) => r.quantity === "carryover" && r.channel === c.channel)) {
      add("carryover", c.channel, {
        estimate: c.theta,
        lower: c.lower,
        upper: c.upper,
        shareNonPositive: NaN,
        verdict: null,
      }, "geometric θ");
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------
// identification
// ---------------------------------------------------------------------------------------------------------

/**
 * Applies `findUnidentifiedTerms` to the model's columns: merges duplicated channels of one role by summing,
 * drops the other unidentified columns, and returns the dataset with the roles (and merged columns) updated.
 */
function identify(
  ds: Dataset,
  notes: string[],
): { ds: Dataset; dropped: UnidentifiedTerm[]; merged: NationalMergedChannel[] } {
  const R = ds.roles;
  const columns = [
    ...(R.mediator ? [R.mediator] : []),
    ...R.social,
    ...R.direct,
    ...(R.price ? [R.price] : []),
    ...(R.promotion ? [R.promotion] : []),
    ...R.controls,
  ].filter((c, i, all) => all.indexOf(c) === i);
  const report = findUnidentifiedTerms(ds, columns, { geoFixedEffects: false });
  const roleOf = (c: string): "social" | "direct" | null =>
    R.social.includes(c) ? "social" : R.direct.includes(c) ? "direct" : null;
  const groups = new Map<string, string[]>(); // kept column → columns merged into it
  const dropped: UnidentifiedTerm[] = [];
  for (const d of report.dropped) {
    const role = roleOf(d.column);
    if (d.reason === "duplicate" && d.of !== undefined && role !== null && roleOf(d.of) === role) {
      groups.set(d.of, [...(groups.get(d.of) ?? [d.of]), d.column]);
      continue;
    }
    dropped.push(
      d.reason === "duplicate" && d.of !== undefined
        ? {
          ...d,
          sentence:
            `"${d.column}" ${
              d.factor === 1 ? "is identical to" : "is a multiple of"
            } "${d.of}" in every row, ` +
            `and the two play different roles, so the data cannot tell them apart; "${d.column}" is left out.`,
        }
        : d,
    );
    notes.push(dropped[dropped.length - 1].sentence);
  }
  const columnsOut: Record<string, Float64Array> = { ...ds.columns };
  const rename = new Map<string, string>();
  const mergedOut: NationalMergedChannel[] = [];
  for (const [kept, members] of groups) {
    const name = members.join("+");
    const sum = new Float64Array(ds.n);
    for (const c of members) {
      const x = ds.columns[c];
      for (let i = 0; i < ds.n; i++) sum[i] += x[i];
    }
    columnsOut[name] = sum;
    rename.set(kept, name);
    for (const c of members.slice(1)) rename.set(c, "");
    const sentence = `${
      members.map((c) => `"${c}"`).join(" and ")
    } are identical (or one is a multiple of the ` +
      `other) in every week, so the data cannot tell their effects apart: they are merged into one channel, ` +
      `"${name}", their sum, and its effect is the combined effect of each dollar spent on either.`;
    mergedOut.push({ name, columns: members, role: roleOf(kept)!, sentence });
    notes.push(sentence);
  }
  const gone = new Set(dropped.map((d) => d.column));
  const mapList = (list: readonly string[]) =>
    list.filter((c) => !gone.has(c)).map((c) => rename.get(c) ?? c).filter((c) => c !== "");
  const keep = (c: string | undefined) => (c !== undefined && !gone.has(c) ? c : undefined);
  const roles: Roles = {
    ...R,
    mediator: keep(R.mediator),
    social: mapList(R.social),
    direct: mapList(R.direct),
    price: keep(R.price),
    promotion: keep(R.promotion),
    controls: mapList(R.controls),
  };
  return { ds: { ...ds, columns: columnsOut, roles }, dropped, merged: mergedOut };
}

// ---------------------------------------------------------------------------------------------------------
// search
// ---------------------------------------------------------------------------------------------------------

async function runSearch(
  ds: Dataset,
  model: "two-stage" | "single-stage",
  options: WeeklySearchOptions,
  progress: (m: string) => Promise<void>,
  clock: (what: string) => void,
): Promise<NationalTransforms> {
  const t = await searchNationalTransforms(ds, model, options, (stage, p) =>
    progress(
      `${model === "two-stage" ? `stage ${stage}: ` : ""}${p.done.toLocaleString("en-US")} of ${
        p.total.toLocaleString("en-US")
      } candidates scored ${ds.n < MIN_WEEKS_FOR_CV ? "in sample" : "by time-series cross-validation"}…`,
    ));
  clock(`transform search (${model})`);
  return t;
}

/** What the search chose, as rows for 02 and 04. */
function searchViews(
  ds: Dataset,
  t: NationalTransforms,
): Pick<NationalResults, "saturation" | "carryover" | "searchEvidence" | "profiles" | "featureMatrix"> {
  const R = ds.roles;
  const s2 = t.stage2;
  const carry = (
    stage: NationalCarryoverRow["stage"],
    path: string,
    channel: string,
    s: StageSearch,
  ): NationalCarryoverRow => {
    const theta = s.search.best.theta[channel];
    // an in-sample choice has no standard error across folds, so no range of θ the data cannot tell apart
    const range = t.selection === "in-sample" ? { min: NaN, max: NaN } : s.oneStandardError.theta[channel];
    return {
      stage,
      path,
      channel,
      theta,
      halfLifeWeeks: theta > 0 ? Math.log(0.5) / Math.log(theta) : 0,
      thetaMin: range.min,
      thetaMax: range.max,
      lower: NaN,
      upper: NaN,
    };
  };
  const carryover: NationalCarryoverRow[] = [];
  if (t.stage1) {
    for (const c of R.social) carryover.push(carry("1", `social → ${R.mediator}`, c, t.stage1));
    carryover.push(carry("2", `${R.mediator} → ${R.target}`, R.mediator!, s2));
    for (const c of t.options.directSocial) {
      carryover.push(carry("2", `social → ${R.target} (direct)`, c, s2));
    }
  } else {
    for (const c of s2.search.channels.filter((c) => !R.direct.includes(c))) {
      carryover.push(carry("single", `media → ${R.target}`, c, s2));
    }
  }
  const saturation: NationalSaturationRow[] = R.direct.map((c) => {
    const s = saturationScale(ds.columns[c]);
    return {
      channel: c,
      scale: s.scale,
      activeWeeks: s.activeWeeks,
      weeks: s.weeks,
      chosen: s2.search.best.saturation[c] ?? null,
    };
  });
  const evidence = (
    stage: NationalSearchEvidence["stage"],
    outcome: string,
    s: StageSearch,
  ): NationalSearchEvidence => {
    const best = searchCandidate(s.search, s.search.best.index);
    const foldR2 = Array.from(best.foldR2);
    return {
      stage,
      outcome,
      folds: s.search.nFolds,
      cvR2: best.r2,
      cvR2Sd: describe(best.foldR2).sd,
      foldR2,
      cvRmse: best.rmse,
      inSampleR2: s.refit.r2,
      alpha: best.alpha,
      candidates: s.search.total,
      failed: s.search.failed,
      selection: t.selection,
      gate: t.selection === "in-sample"
        ? null
        : evidenceGate(foldR2.map((v) => (Number.isFinite(v) ? v : 0)), { metric: "cross-validated R²" }),
    };
  };
  const searchEvidence: NationalSearchEvidence[] = [];
  if (t.stage1) searchEvidence.push(evidence("1", R.mediator!, t.stage1));
  searchEvidence.push(evidence(t.stage1 ? "2" : "single", R.target, s2));
  const profile = (
    stage: NationalSearchProfile["stage"],
    outcome: string,
    s: StageSearch,
    pair: string[],
  ): NationalSearchProfile => {
    const adstocked = s.search.channels.filter((c) => !R.direct.includes(c));
    return {
      stage,
      outcome,
      grid: pair.length === 2 ? profileGrid(s.search, pair[0], pair[1]) : null,
      curves: adstocked.map((c) => profileCurve(s.search, c)),
    };
  };
  const profiles: NationalSearchProfile[] = [];
  if (t.stage1) {
    profiles.push(profile("1", R.mediator!, t.stage1, R.social.length >= 2 ? R.social.slice(0, 2) : []));
    const pair = t.options.directSocial.length > 0 ? [R.mediator!, t.options.directSocial[0]] : [];
    profiles.push(profile("2", R.target, s2, pair));
  } else {
    const adstocked = s2.search.channels.filter((c) => !R.direct.includes(c));
    profiles.push(profile("single", R.target, s2, adstocked.length >= 2 ? adstocked.slice(0, 2) : []));
  }
  const columns = { ...transformedChannels(s2.problem, s2.search.best), ...s2.problem.fixed };
  const names = Object.keys(columns);
  const k = names.length, n = ds.n;
  const x = new Float64Array(n * k);
  names.forEach((name, j) => {
    for (let i = 0; i < n; i++) x[i * k + j] = columns[name][i];
  });
  return { saturation, carryover, searchEvidence, profiles, featureMatrix: { names, n, k, x } };
}

/** The single-stage model's inputs from a single-stage search. */
function singleStageInputsFromSearch(ds: Dataset, t: NationalTransforms): SingleStageInputs {
  const R = ds.roles;
  const best = t.stage2.search.best;
  const media = t.stage2.search.channels.filter((c) => !R.direct.includes(c));
  return {
    spec: {
      media: media.map((column) => ({ column, theta: best.theta[column] })),
      direct: R.direct.map((column) => ({
        column,
        theta: best.theta[column] ?? 0,
        ...(best.saturation[column] ? { saturation: best.saturation[column]! } : {}),
      })),
      ...(R.price ? { price: R.price } : {}),
      ...(R.promotion ? { promotion: R.promotion } : {}),
      controls: [...R.controls, ...Object.keys(t.seasonalControls), ...Object.keys(t.regimeControls)],
    },
    columns: { ...ds.columns, ...t.seasonalControls, ...t.regimeControls },
    y: ds.columns[R.target],
    rows: t.keptRows,
    yName: R.target,
  };
}

// ---------------------------------------------------------------------------------------------------------
// results
// ---------------------------------------------------------------------------------------------------------

interface BuildContext {
  readonly seed: number;
  readonly options: NationalOptions;
  readonly meanPositive: boolean;
  readonly notes: string[];
  readonly skip: (section: NationalSection, reason: string) => void;
}

function intervalRow(estimate: number, b: BootstrapInterval | undefined): NationalInterval {
  if (!b || !Number.isFinite(b.lower) || !Number.isFinite(b.upper)) {
    return { estimate, lower: NaN, upper: NaN, shareNonPositive: NaN, verdict: null };
  }
  return {
    estimate,
    lower: b.lower,
    upper: b.upper,
    shareNonPositive: b.shareNonPositive,
    verdict: signVerdict(b.lower, b.upper),
  };
}

function twoStageResults(
  ds: Dataset,
  two: NonNullable<NationalResults["twoStage"]>,
  views: ReturnType<typeof searchViews>,
  ctx: BuildContext,
): { outcome: NationalOutcome; stage1: NationalStage1; mediation: NationalMediation } {
  const R = ds.roles;
  const { fit, bootstrap, inputs } = two;
  const mediator = R.mediator!;
  const find = (name: string) => bootstrap?.effects.find((e) => e.name === name);
  const perDollar = fit.effects.social.map((s) => ({
    channel: s.channel,
    theta: s.theta,
    a: s.a,
    aSe: s.aSe,
    ...intervalRow(s.mediatorPerDollar, find(`${s.channel}.mediatorPerDollar`)),
  }));
  const stage1: NationalStage1 = {
    fit: fit.stage1,
    mediator,
    perDollar,
    sentence: signSentence(perDollar, {
      positive: (who, one) =>
        `${who} ${one ? "raises" : "raise"} ${mediator}: the 95% interval lies above zero.`,
      negative: (who, one) =>
        `${who} ${one ? "goes" : "go"} with lower ${mediator}: the 95% interval lies below zero.`,
      zero: (who, one) =>
        `For ${who} the 95% interval includes zero: the data cannot show that ${
          one ? "it changes" : "they change"
        } ${mediator}.`,
      none: `Without bootstrap intervals the effects on ${mediator} cannot be judged.`,
    }),
    mediatorFitted: fit.mediatorFitted,
    evidence: views.searchEvidence[0],
  };

  const directIdentified = inputs.spec.directSocial.length > 0;
  const socialEffects = fit.effects.social.flatMap((s) =>
    (["indirect", "direct", "total"] as const)
      .filter((kind) => kind !== "direct" || s.directTheta !== null)
      .map((effect) => ({
        channel: s.channel,
        effect,
        ...intervalRow(
          effect === "indirect"
            ? s.indirectPerDollar
            : effect === "direct"
            ? s.directPerDollar
            : s.totalPerDollar,
          find(`${s.channel}.${effect}PerDollar`),
        ),
      }))
  );
  const verdicts = fit.effects.social.map((s) => {
    const ind = intervalRow(s.indirectPerDollar, find(`${s.channel}.indirectPerDollar`));
    const dir = s.directTheta === null
      ? null
      : intervalRow(s.directPerDollar, find(`${s.channel}.directPerDollar`));
    const v = ind.verdict === null || (dir !== null && dir.verdict === null) ? null : mediationVerdict(
      {
        indirect: { estimate: ind.estimate, lower: ind.lower, upper: ind.upper },
        direct: dir ? { estimate: dir.estimate, lower: dir.lower, upper: dir.upper } : null,
      },
      { mediator, format: nationalRatioFormat },
    );
    return {
      channel: s.channel,
      indirect: ind.estimate,
      indirectLower: ind.lower,
      indirectUpper: ind.upper,
      sobelPValue: s.sobelPValue,
      direct: dir?.estimate ?? NaN,
      directLower: dir?.lower ?? NaN,
      directUpper: dir?.upper ?? NaN,
      kind: v?.kind ?? null,
      sentence: v
        ? `${s.channel}: ${v.sentence}`
        : `${s.channel}: without bootstrap intervals the kind of mediation cannot be judged.`,
    };
  });
  const eq = fit.equalMediatorEffects;
  const b = intervalRow(fit.effects.mediator.b, find(`${mediator}.b`));
  const bResidual = intervalRow(fit.effects.mediator.bResidual, find(`${mediator}.bResidual`));
  const mediationResults: NationalMediation = {
    socialEffects,
    verdicts,
    directIdentified,
    mediator: {
      channel: mediator,
      b,
      bResidual,
      waldF: eq.statistic,
      waldP: eq.pValue,
      sentence: Number.isFinite(eq.pValue)
        ? eq.pValue < 0.05
          ? `The test that both parts of ${mediator} work alike rejects it at the 5% level: the effect of ${mediator} depends on whether social spend drove it.`
          : `The test that both parts of ${mediator} work alike does not reject it at the 5% level: no evidence that the effect of ${mediator} depends on its source.`
        : `The test that both parts of ${mediator} work alike cannot be computed.`,
    },
  };

  const stage2 = fit.stage2;
  const design2 = stage2Design(mediationData(inputs), fit.stage1.coef, fit.rows);
  const spend = (c: string) => ds.columns[c].reduce((a, v) => a + v, 0);
  const contributions = [
    ...fit.effects.social.map((s) => ({
      channel: s.channel,
      spend: s.spend,
      contribution: s.contribution,
      ...intervalRow(s.roi, find(`${s.channel}.roi`)),
      contributionLower: find(`${s.channel}.contribution`)?.lower ?? NaN,
      contributionUpper: find(`${s.channel}.contribution`)?.upper ?? NaN,
    })),
    {
      channel: mediator,
      spend: spend(mediator),
      contribution: fit.effects.mediator.contribution,
      ...intervalRow(fit.effects.mediator.roi, find(`${mediator}.roi`)),
      contributionLower: find(`${mediator}.contribution`)?.lower ?? NaN,
      contributionUpper: find(`${mediator}.contribution`)?.upper ?? NaN,
    },
  ];
  const plausibility = contributionPlausibility(
    contributions.filter((c) => c.channel !== mediator).map((c) => ({
      channel: c.channel,
      contribution: c.contribution,
    }))
      .concat(fit.effects.direct.map((d) => ({ channel: d.channel, contribution: d.contribution }))),
    sumOver(fit.fitted, Int32Array.from({ length: fit.n }, (_, i) => i)),
    { paid: R.social, target: R.target, format: nationalAmountFormat(R.targetUnit ?? "currency") },
  );
  const direct = fit.effects.direct.map((d) => {
    const bi = find(`${d.channel}.contribution`);
    return {
      channel: d.channel,
      contribution: d.contribution,
      lower: bi?.lower ?? NaN,
      upper: bi?.upper ?? NaN,
      volume: d.volume,
      perThousand: d.contributionPerThousand,
    };
  });
  const common = priceAndPromotion(
    R,
    fit.effects.priceElasticity,
    fit.effects.promotionLift?.absolute ?? null,
    find,
    ctx,
  );

  // importance
  let importance: NationalImportanceRow[] | null = null;
  if (ctx.options.importance !== false) {
    try {
      const imp = stage2Importance(fit, {
        seed: ctx.seed,
        bootstrap: bootstrap ?? undefined,
        nRepeats: ctx.options.importanceRepeats ?? 20,
      });
      const drivers = stage2.terms.filter((x) => x !== "const");
      const forest = fitRandomForest(
        selectDesignColumns(design2, drivers),
        stage2.fitted.map((f, i) => f + stage2.residuals[i]),
        {
          seed: ctx.seed,
          nEstimators: ctx.options.forestTrees ?? 300,
        },
      );
      importance = importanceRows(
        imp.map((r) => ({
          driver: r.term,
          standardized: r.standardized,
          lower: r.standardizedLower,
          upper: r.standardizedUpper,
          permutation: r.permutationMean,
          permutationSd: r.permutationSd,
        })),
        (d) => forest.importance[drivers.indexOf(d)],
      );
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      ctx.skip("importance", `Driver importance cannot be computed: ${e.message}.`);
    }
  }

  // cross-validation
  const k = Math.max(fit.stage1.terms.length, stage2.terms.length);
  const crossValidation = runCrossValidation(
    ds,
    k,
    (folds) => {
      const cv = crossValidateMediation(inputs, folds);
      return { cv: cv.cv, inSampleR2: cv.inSample.stage2R2, trainSizes: cv.foldFits.map((f) => f.trainSize) };
    },
    ctx,
  );

  const outcome: NationalOutcome = {
    kind: "two-stage",
    ols: stage2,
    design: design2,
    rows: fit.rows,
    fitted: fit.fitted,
    bootstrap: bootstrap
      ? {
        reps: bootstrap.reps,
        failed: bootstrap.nFailed,
        blockLength: bootstrap.blockLength,
        circular: bootstrap.circular,
        seed: bootstrap.seed,
        transforms: "transforms" in bootstrap ? bootstrap.transforms : "fixed",
        widening: two.fixedBootstrap ? intervalWidening(bootstrap.effects, two.fixedBootstrap.effects) : null,
        sentence: bootstrapSentence(
          "transforms" in bootstrap ? bootstrap.transforms : "fixed",
          two.fixedBootstrap ? intervalWidening(bootstrap.effects, two.fixedBootstrap.effects) : null,
        ),
      }
      : null,
    ...common,
    carryover: views.carryover.map((c) => {
      const rechosen = bootstrap && "carryover" in bootstrap ? bootstrap.carryover : [];
      const name = c.stage === "1" || c.channel === mediator
        ? `${c.channel}.carryover`
        : `${c.channel}.directCarryover`;
      const b = rechosen.find((x) => x.name === name);
      return b ? { ...c, lower: b.lower, upper: b.upper } : c;
    }),
    contributions,
    perDollar: [],
    plausibility,
    direct,
    importance,
    crossValidation,
  };
  return { outcome, stage1, mediation: mediationResults };
}

function singleStageResults(
  ds: Dataset,
  single: NonNullable<NationalResults["singleStage"]>,
  views: ReturnType<typeof searchViews>,
  ctx: BuildContext,
): NationalOutcome {
  const R = ds.roles;
  const { fit, bootstrap, inputs } = single;
  const find = (name: string) => bootstrap?.effects.find((e) => e.name === name);
  const contributions = fit.media.map((m) => ({
    channel: m.channel,
    spend: m.spend,
    contribution: m.contribution,
    ...intervalRow(m.roi, find(`${m.channel}.roi`)),
    contributionLower: find(`${m.channel}.contribution`)?.lower ?? NaN,
    contributionUpper: find(`${m.channel}.contribution`)?.upper ?? NaN,
  }));
  const perDollar = fit.media.map((m) => ({
    channel: m.channel,
    ...intervalRow(m.perDollar, find(`${m.channel}.perDollar`)),
  }));
  const allWeeks = Int32Array.from({ length: fit.n }, (_, i) => i);
  const plausibility = contributionPlausibility(
    [...fit.media, ...fit.direct].map((m) => ({ channel: m.channel, contribution: m.contribution })),
    sumOver(fit.fitted, allWeeks),
    {
      paid: fit.media.map((m) => m.channel),
      target: R.target,
      format: nationalAmountFormat(R.targetUnit ?? "currency"),
    },
  );
  const direct = fit.direct.map((d) => {
    const bi = find(`${d.channel}.contribution`);
    return {
      channel: d.channel,
      contribution: d.contribution,
      lower: bi?.lower ?? NaN,
      upper: bi?.upper ?? NaN,
      volume: d.volume,
      perThousand: d.contributionPerThousand,
    };
  });
  const common = priceAndPromotion(R, fit.priceElasticity, fit.promotionLift?.absolute ?? null, find, ctx);
  const fitDesign = takeDesignRows(fit.design, fit.rows);
  let importance: NationalImportanceRow[] | null = null;
  if (ctx.options.importance !== false) {
    try {
      const drivers = fit.design.names.filter((x) => x !== "const");
      const y = fit.ols.fitted.map((f, i) => f + fit.ols.residuals[i]);
      const k = fit.design.k;
      const predict = (d: Design) => {
        const out = new Float64Array(d.n);
        for (let i = 0; i < d.n; i++) {
          let s = 0;
          for (let j = 0; j < k; j++) s += d.x[i * k + j] * fit.ols.coef[j];
          out[i] = s;
        }
        return out;
      };
      const pi = permutationImportance(predict, fitDesign, y, {
        seed: ctx.seed,
        nRepeats: ctx.options.importanceRepeats ?? 20,
        scoring: "r2",
      });
      const forest = fitRandomForest(selectDesignColumns(fitDesign, drivers), y, {
        seed: ctx.seed,
        nEstimators: ctx.options.forestTrees ?? 300,
      });
      importance = importanceRows(
        fit.standardized.names.map((name, idx) => {
          const b = bootstrap?.standardized.find((s) => s.name === name);
          const j = fit.design.names.indexOf(name);
          return {
            driver: name,
            standardized: fit.standardized.values[idx],
            lower: b?.lower ?? NaN,
            upper: b?.upper ?? NaN,
            permutation: pi.importancesMean[j],
            permutationSd: pi.importancesSd[j],
          };
        }),
        (d) => forest.importance[drivers.indexOf(d)],
      );
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      ctx.skip("importance", `Driver importance cannot be computed: ${e.message}.`);
    }
  }
  const crossValidation = runCrossValidation(
    ds,
    fit.design.k,
    (folds) => {
      const cv = crossValidateSingleStage(inputs, folds);
      return { cv, inSampleR2: fit.ols.stats.rsquared, trainSizes: cv.folds.map((f) => f.trainSize) };
    },
    ctx,
  );
  return {
    kind: "single-stage",
    ols: fit.ols,
    design: fitDesign,
    rows: fit.rows,
    fitted: fit.fitted,
    bootstrap: bootstrap
      ? {
        reps: bootstrap.reps,
        failed: bootstrap.nFailed,
        blockLength: bootstrap.blockLength,
        circular: bootstrap.circular,
        seed: bootstrap.seed,
        transforms: "fixed",
        widening: null,
        sentence: bootstrapSentence("fixed", null),
      }
      : null,
    ...common,
    carryover: views.carryover,
    contributions,
    perDollar,
    plausibility,
    direct,
    importance,
    crossValidation,
  };
}

function priceAndPromotion(
  R: Roles,
  elasticity: number | null,
  lift: number | null,
  find: (name: string) => BootstrapInterval | undefined,
  ctx: BuildContext,
): Pick<NationalOutcome, "elasticity" | "promotion"> {
  let e: NationalOutcome["elasticity"] = null;
  if (R.price !== undefined && elasticity !== null && ctx.meanPositive) {
    const row = intervalRow(elasticity, find(`${R.price}.elasticity`));
    e = {
      column: R.price,
      ...row,
      meaning: row.verdict === "negative"
        ? `${R.target} falls as ${R.price} rises`
        : row.verdict === "positive"
        ? `${R.target} rises with ${R.price}`
        : row.verdict === null
        ? `without a bootstrap interval the sign of the price effect cannot be judged`
        : `the data cannot show an effect of ${R.price} on ${R.target}`,
    };
  }
  let p: NationalOutcome["promotion"] = null;
  if (R.promotion !== undefined && lift !== null) {
    const row = intervalRow(lift, find(`${R.promotion}.lift`));
    const pct = ctx.meanPositive ? find(`${R.promotion}.liftPercent`) : undefined;
    p = {
      column: R.promotion,
      ...row,
      percent: pct?.estimate ?? NaN,
      percentLower: pct?.lower ?? NaN,
      percentUpper: pct?.upper ?? NaN,
    };
  }
  return { elasticity: e, promotion: p };
}

function runCrossValidation(
  ds: Dataset,
  coefficients: number,
  run: (folds: Fold[]) => { cv: CrossValidation; inSampleR2: number; trainSizes: number[] },
  ctx: BuildContext,
): NationalCrossValidation | null {
  const { folds, reason } = nationalModelFolds(ds.n, coefficients);
  if (reason !== null) {
    ctx.skip("cross-validation", reason);
    return null;
  }
  const y = ds.columns[ds.roles.target];
  for (let start = 0; start < folds.length; start++) {
    const used = folds.slice(start);
    let result;
    try {
      result = run(used);
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      continue;
    }
    if (start > 0) {
      ctx.notes.push(
        `${start === 1 ? "The first" : `The first ${start}`} of ${folds.length} cross-validation folds ${
          start === 1 ? "was" : "were"
        } left out: ${
          start === 1 ? "its" : "their"
        } training weeks cannot identify every coefficient (a column ` +
          `without variation before the test weeks).`,
      );
    }
    const cv = result.cv;
    const foldsOut = cv.folds.map((f, i) => {
      let zero = false;
      for (const t of f.test) if (!(y[t] > 0)) zero = true;
      return {
        fold: i + 1,
        trainWeeks: result.trainSizes[i],
        testWeeks: f.testSize,
        r2: f.scores.r2,
        rmse: f.scores.rmse,
        mape: zero ? NaN : f.scores.mape,
      };
    });
    const r2s = foldsOut.map((f) => f.r2);
    const mapes = foldsOut.map((f) => f.mape);
    return {
      rule: NATIONAL_CV_RULE,
      folds: foldsOut,
      meanR2: cv.mean.r2,
      sdR2: cv.sd.r2,
      meanRmse: cv.mean.rmse,
      meanMape: mapes.some((m) => Number.isNaN(m)) ? NaN : cv.mean.mape,
      predictions: cv.predictions,
      inSampleR2: result.inSampleR2,
      gate: heldTransformsGate(evidenceGate(r2s.map((v) => (Number.isFinite(v) ? v : 0)))),
    };
  }
  ctx.skip(
    "cross-validation",
    `Out-of-sample validation is not possible: no training window of at least 52 weeks can identify every coefficient of the model.`,
  );
  return null;
}

/** The gate with what the folds hold fixed added to its reason (`NATIONAL_HELD_TRANSFORMS`). */
function heldTransformsGate(gate: EvidenceGate): EvidenceGate {
  return { ...gate, reason: `${gate.reason} ${NATIONAL_HELD_TRANSFORMS}` };
}

function importanceRows(
  rows: {
    driver: string;
    standardized: number;
    lower: number;
    upper: number;
    permutation: number;
    permutationSd: number;
  }[],
  forest: (driver: string) => number,
): NationalImportanceRow[] {
  const forestValues = rows.map((r) => forest(r.driver));
  const stdRank = ranksDescending(rows.map((r) => Math.abs(r.standardized)));
  const permRank = ranksDescending(rows.map((r) => r.permutation));
  const forestRank = ranksDescending(forestValues);
  return rows.map((r, i) => ({
    ...r,
    forest: forestValues[i],
    rankStandardized: stdRank[i],
    rankPermutation: permRank[i],
    rankForest: forestRank[i],
  })).sort((a, b) => a.rankStandardized - b.rankStandardized);
}

// ---------------------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------------------

/** One sentence per sign verdict group: "a and b raise …". */
function signSentence(
  rows: readonly { channel: string; verdict: SignVerdict | null }[],
  words: {
    positive: (who: string, one: boolean) => string;
    negative: (who: string, one: boolean) => string;
    zero: (who: string, one: boolean) => string;
    none: string;
  },
): string {
  const group = (v: SignVerdict | null) => rows.filter((r) => r.verdict === v).map((r) => r.channel);
  const parts: string[] = [];
  const add = (list: string[], f: (who: string, one: boolean) => string) => {
    if (list.length > 0) parts.push(f(joinAnd(list), list.length === 1));
  };
  add(group("positive"), words.positive);
  add(group("negative"), words.negative);
  add(group("not distinguishable from zero"), words.zero);
  if (group(null).length > 0) parts.push(words.none);
  return parts.join(" ");
}

/** How the bootstrap treated the transforms, and how much wider re-choosing them made the intervals. */
export function bootstrapSentence(
  transforms: "re-chosen" | "fixed",
  widening: ReturnType<typeof intervalWidening> | null,
): string {
  if (transforms === "fixed") {
    return "Every replicate holds the chosen carryovers and saturation fixed, so the intervals leave out the " +
      "uncertainty of that choice (in the project's coverage study such intervals covered 74–86% of true values " +
      "instead of 95%).";
  }
  const first =
    "Every replicate re-chooses each carryover θ (among all searched values) and each direct channel's " +
    "saturation curve (among all searched curves) by least squares on its resampled weeks, so the intervals, " +
    "θ's included, carry the uncertainty of the transform choice; a θ interval spans the grid cells of its " +
    "replicates' choices (each grid value stands for the θ's half-way to its neighbours).";
  if (!widening || widening.rows.length === 0) return first;
  const widest = widening.rows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const x = (v: number) => `${v.toFixed(2)}×`;
  return `${first} The headline intervals are a median ${
    x(widening.median)
  } as wide as the same bootstrap's ` +
    `with the transforms held fixed (${x(widening.min)} to ${x(widening.max)} over ${widening.rows.length} ` +
    `quantities; widest: ${widest.channel} ${widest.quantity}), because a replicate that picks another ` +
    `carryover or curve moves the effects through the long-run multiplier 1/(1 − θ) and the adstocked sums, ` +
    `variation the fixed-transform bootstrap does not see.`;
}

function joinAnd(list: readonly string[]): string {
  return list.length <= 1 ? list.join("") : `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}

function sumOver(x: Float64Array, rows: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < rows.length; i++) s += x[rows[i]];
  return s;
}

/** A short clause for a dropped column: `"x" is zero in every week`. */
function whyDropped(dropped: readonly UnidentifiedTerm[], column: string): string {
  const d = dropped.find((x) => x.column === column);
  switch (d?.reason) {
    case "all-zero":
      return `"${column}" is zero in every week`;
    case "constant":
      return `"${column}" has the same value in every week`;
    case "duplicate":
    case "near-duplicate":
      return `"${column}" duplicates "${d.of}"`;
    case "linear-combination":
      return `"${column}" is a combination of other columns`;
    default:
      return `"${column}" was left out`;
  }
}

function droppedSentence(dropped: readonly UnidentifiedTerm[], column: string): string {
  return dropped.find((d) => d.column === column)?.sentence ?? `"${column}" was left out.`;
}

/** Up to six significant digits, for values quoted in reasons (a constant target, a mean). */
function fmtNumber(x: number): string {
  return String(Number(x.toPrecision(6))).replace("-", "−");
}

function timer(log: ((line: string) => void) | undefined): (what: string) => void {
  let last = performance.now();
  return (what: string) => {
    const now = performance.now();
    log?.(`national pipeline: ${what} took ${((now - last) / 1000).toFixed(2)} s`);
    last = now;
  };
}
