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
import { checkEnvelope } from "../data/envelope.ts";
import type { Dataset } from "../data/types.ts";
import { ModelError } from "../errors.ts";
import { seasonalControls } from "../features/calendar.ts";
import { fitMediation } from "../models/mediation.ts";
import { bootstrapMediation, type MediationBootstrap } from "../models/mediation_bootstrap.ts";
import {
  bootstrapMediationTransforms,
  type TransformBootstrap,
  transformShortlist,
} from "../evaluate/national_bootstrap.ts";
import {
  mediationInputsFromSearch,
  type NationalTransforms,
  type WeeklySearchOptions,
} from "../evaluate/weekly_transforms.ts";
import { describe } from "../stats/describe.ts";
import {
  bootstrapSingleStage,
  fitSingleStage,
  type SingleStageBootstrap,
  type SingleStageFit,
} from "./national_single_stage.ts";
import type {
  NationalMediation,
  NationalOptions,
  NationalOutcome,
  NationalResults,
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
import { searchViews } from "./national_search_views.ts";
import { twoStageResults } from "./national_two_stage.ts";
import { singleStageResults } from "./national_one_stage.ts";
import { identify, whyDropped } from "./national_identification.ts";
import { priceAndPromotionReasons, seasonalitySentence } from "./national_reasons.ts";
import { tidyRows } from "./national_estimates.ts";
import { NATIONAL_RUN } from "./run_settings.ts";
import { runSearch, singleStageInputsFromSearch } from "./national_search.ts";
export { NATIONAL_CV_RULE, NATIONAL_HELD_TRANSFORMS, nationalModelFolds } from "./national_folds.ts";
export { bootstrapSentence } from "./national_common.ts";

/** Envelope findings repeated in `notes` (the others are stated by `skipped` or the identification sentences). */
const ENVELOPE_NOTES: readonly string[] = [
  "few-observations",
  "channel-mostly-zero",
];

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
  const seed = options.seed ?? NATIONAL_RUN.seed;
  const reps = options.reps ?? NATIONAL_RUN.reps;
  const blockLength = options.blockLength ?? NATIONAL_RUN.blockLength;
  const bootstrapTransforms = options.bootstrapTransforms ?? "re-chosen";
  const hacLags = options.hacLags ?? NATIONAL_RUN.hacLags;
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
  const seasonalSentence = seasonalitySentence(seasonal);
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
  priceAndPromotionReasons({ before: R0, after: R, dropped, relative, notRelative, skip, notes });

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
