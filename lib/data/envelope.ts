/**
 * The data envelope: what each model needs from a file, stated as data and checked before fitting.
 *
 * Inside the envelope every notebook runs; outside it, `checkEnvelope` stops with a `DataError` that names
 * the file and column and says what is needed, instead of a failed solve later. Between the hard limits
 * and comfortable data, it returns findings in words (a channel zero in most weeks, few geos for clustered
 * errors, one year of data for month effects) and which analyses the data allow (`analyses`).
 *
 * The requirements follow from the models as built here: the weekly two-stage (mediation) model and the
 * geo panel with geo fixed effects both carry month-of-year terms (November and December controls
 * nationally, eleven month dummies on the panel), are evaluated by expanding-window time-series
 * cross-validation, and (on the panel) report standard errors clustered by geo. `describeEnvelope()` gives
 * the same requirements as text for README and the first notebook.
 *
 * @module
 */

import { DataError } from "../errors.ts";
import { geoSlices } from "./dataset.ts";
import {
  findUnidentifiedTerms,
  type IdentificationReport,
  NEAR_DUPLICATE_CORRELATION,
} from "./identification.ts";
import type { Dataset } from "./types.ts";

/**
 * Fewest weeks for the weekly two-stage model: 52. Both stages control for the holiday months (November
 * and December dummies), and a month dummy that is zero in every row is not identified. Any 52
 * consecutive weekly dates span 357 days, so the 8 days of the year they miss cannot contain a whole month
 * (every month has at least 28 days): 52 weeks always observe all twelve calendar months, 48 may not. With
 * about a dozen coefficients, 52 weeks also leave some 40 residual degrees of freedom.
 */
export const MIN_WEEKS = 52;

/** Fewest weeks per geo on a panel: 52, for the same reason as `MIN_WEEKS` (the panel has month dummies). */
export const MIN_WEEKS_PER_GEO = 52;

/**
 * Fewest geos on a panel: 2. With one geo the geo fixed effect is just an intercept (use the national
 * model), and standard errors clustered by geo need at least two clusters (with `G` clusters the clustered
 * covariance has rank at most `G − 1`).
 */
export const MIN_GEOS = 2;

/**
 * Shortest training window of a cross-validation fold: 52 weeks, so that every fold's training rows contain
 * every calendar month (see `MIN_WEEKS`); a shorter window can leave the December dummy all zero in
 * training, and the fold's fit is singular.
 */
export const CV_TRAIN_WEEKS = 52;

/** Test weeks per cross-validation fold: 13, one quarter, so each test fold spans a season. */
export const CV_TEST_WEEKS = 13;

/**
 * Fewest cross-validation folds worth reporting: 2. One fold is one forecast, whose error says little
 * about its spread; two give a first look at the variation between periods.
 */
export const MIN_CV_FOLDS = 2;

/** Most cross-validation folds used (scikit-learn's default `n_splits`): 5. */
export const MAX_CV_FOLDS = 5;

/**
 * Fewest weeks (per geo on a panel) for an out-of-sample check: `CV_TRAIN_WEEKS + MIN_CV_FOLDS ·
 * CV_TEST_WEEKS` = 78. With fewer, there is no fold whose training window covers a year and which leaves
 * test weeks after it, so carryover and saturation are chosen, and the model judged, in sample only.
 */
export const MIN_WEEKS_FOR_CV = CV_TRAIN_WEEKS + MIN_CV_FOLDS * CV_TEST_WEEKS;

/**
 * Weeks for month effects seen at least twice: 104. With one year, each month's effect is estimated from
 * that month's four or five weeks of one year and cannot be told apart from anything else that happened
 * then (a launch, a competitor's campaign): it is weakly identified.
 */
export const WEEKS_FOR_SEASONALITY = 104;

/**
 * Geos below which clustered standard errors are optimistic: 30. Cluster-robust (sandwich) standard errors
 * are consistent as the number of clusters grows; with few clusters they are biased down and Wald tests
 * over-reject (Cameron, Gelbach & Miller 2008, "Bootstrap-based improvements for inference with clustered
 * errors", Rev. Econ. Stat. 90(3); Cameron & Miller 2015, "A Practitioner's Guide to Cluster-Robust
 * Inference", J. Human Resources 50(2), §VI, which puts "few" at roughly 20 to 50 clusters). Below this,
 * few-cluster inference is advised: t critical values with `G − 1` degrees of freedom, or a wild cluster
 * bootstrap.
 */
export const FEW_GEOS = 30;

/**
 * Month-of-year terms of the geo model: 11 dummies (twelve months, one absorbed with the geo effects). They
 * count among the coefficients the clustered covariance must carry (see `checkEnvelope`'s
 * `cluster-rank` finding).
 */
export const GEO_MONTH_TERMS = 11;

/**
 * Share of zero weeks above which a channel is flagged: 0.5. A channel off in most weeks has its carryover
 * and saturation curve estimated from the few weeks it ran.
 */
export const MOSTLY_ZERO_SHARE = 0.5;

/**
 * Fewest observations per linear coefficient: 2. Austin & Steyerberg (2015, "The number of subjects per
 * variable required in linear regression analyses", J. Clin. Epidemiol. 68(6)) find that about two
 * observations per coefficient keep the bias of least-squares coefficients small; intervals need more.
 */
export const MIN_OBSERVATIONS_PER_COEFFICIENT = 2;

/** Which dataset a model reads. */
export type EnvelopeKind = "weekly" | "geo";

/** What a finding is about. */
export type EnvelopeFindingCode =
  | "target-not-positive"
  | "no-cross-validation"
  | "one-year"
  | "few-geos"
  | "cluster-rank"
  | "few-observations"
  | "no-mediator"
  | "no-social"
  | "no-price"
  | "price-constant"
  | "no-promotion"
  | "no-promotion-weeks"
  | "promotion-every-week"
  | "channel-mostly-zero"
  | "zero-in-geos"
  | "unidentified";

/** One soft finding: the data are inside the envelope, but the reader should know this. */
export interface EnvelopeFinding {
  readonly code: EnvelopeFindingCode;
  /** `"warning"` weakens or rules out part of the analysis; `"note"` is context. */
  readonly severity: "note" | "warning";
  /** The column concerned, when there is one. */
  readonly column?: string;
  /** The finding in plain English, naming the column. */
  readonly sentence: string;
}

/** Folds for `timeSeriesSplit`/`panelTimeSeriesSplit` within the envelope (sizes in weeks). */
export interface CrossValidationPlan {
  readonly nSplits: number;
  readonly testSize: number;
  readonly minTrainSize: number;
}

/** Result of `checkEnvelope`. */
export interface EnvelopeReport {
  readonly kind: EnvelopeKind;
  /** Source file. */
  readonly source: string;
  /** Weeks in the series (per geo on a panel). */
  readonly weeks: number;
  /** Number of geos (1 for a national series). */
  readonly geos: number;
  /** Every finding, in the order checked. */
  readonly findings: readonly EnvelopeFinding[];
  /** Sentences of the findings of severity `"warning"`. */
  readonly warnings: readonly string[];
  /** Sentences of the findings of severity `"note"`. */
  readonly notes: readonly string[];
  /** Which analyses the data allow. */
  readonly analyses: {
    /** Two-stage mediation (weekly): a mediator and at least one social channel, all estimable. */
    readonly mediation: boolean;
    /** Price elasticity (weekly): a price column that varies. */
    readonly price: boolean;
    /** Promotion lift (weekly): a promotion flag with weeks on and weeks off. */
    readonly promotion: boolean;
    /** Out-of-sample evaluation: at least `MIN_WEEKS_FOR_CV` weeks. */
    readonly crossValidation: boolean;
  };
  /** Folds to use, or `undefined` when there are too few weeks (see `crossValidationPlan`). */
  readonly crossValidation: CrossValidationPlan | undefined;
  /** The modelled columns that cannot be estimated (see `findUnidentifiedTerms`), on all rows. */
  readonly identification: IdentificationReport;
}

/**
 * Time-series cross-validation folds within the envelope for a series of `weeks` weeks (per geo): test
 * folds of `CV_TEST_WEEKS` weeks at the end, as many as fit after a first training window of
 * `CV_TRAIN_WEEKS` weeks, at most `MAX_CV_FOLDS`; `undefined` below `MIN_WEEKS_FOR_CV` weeks. Pass it to
 * `timeSeriesSplit(n, plan)` (or `panelTimeSeriesSplit(dates, plan)`); with scikit-learn's layout the
 * first fold then trains on `weeks − nSplits · testSize ≥ CV_TRAIN_WEEKS` weeks.
 *
 * @param weeks weeks in the series (per geo), an integer ≥ 0
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(crossValidationPlan(104), { nSplits: 4, testSize: 13, minTrainSize: 52 }, 1e-9);
 * assertClose(crossValidationPlan(52), undefined, 1e-9);
 * ```
 */
export function crossValidationPlan(weeks: number): CrossValidationPlan | undefined {
  if (!(Number.isInteger(weeks) && weeks >= 0)) {
    throw new RangeError(`weeks must be an integer ≥ 0, got ${weeks}`);
  }
  if (weeks < MIN_WEEKS_FOR_CV) return undefined;
  const nSplits = Math.min(MAX_CV_FOLDS, Math.floor((weeks - CV_TRAIN_WEEKS) / CV_TEST_WEEKS));
  return { nSplits, testSize: CV_TEST_WEEKS, minTrainSize: CV_TRAIN_WEEKS };
}

/**
 * Checks a dataset against what the `kind` of model needs, before fitting.
 *
 * Hard violations throw a `DataError` naming the file and column: a weekly dataset with geos (the weekly
 * model reads one series) or a geo dataset without; fewer than `MIN_WEEKS` weeks (`MIN_WEEKS_PER_GEO` per
 * geo); fewer than `MIN_GEOS` geos; a non-finite target; a constant target (on a panel: a target constant
 * within every geo, which the geo effects explain completely); no channel that can be estimated.
 *
 * Soft findings are returned (see `EnvelopeFindingCode`): target weeks at or below zero (how many); too
 * few weeks for cross-validation; one year only; fewer than `FEW_GEOS` geos; fewer geos than the panel's
 * coefficients plus one (the clustered covariance is then singular); fewer than
 * `MIN_OBSERVATIONS_PER_COEFFICIENT` observations per coefficient; no mediator, no social channel; no price
 * or a constant one; no promotion flag, or promotion never (or always) on; a channel zero in most weeks;
 * channels zero throughout some geos; every modelled column `findUnidentifiedTerms` leaves out.
 *
 * @param ds a dataset from `loadDataset`
 * @param kind `"weekly"` (the two-stage model on a national series) or `"geo"` (the geo panel model)
 * @throws DataError for a hard violation; RangeError for an unknown kind
 * @example
 * ```ts ignore
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const report = checkEnvelope(loadDataset("data/mmm_weekly.csv", { kind: "weekly" }), "weekly");
 * assertClose(report.analyses.mediation, true, 1e-9);
 * assertClose(report.crossValidation, { nSplits: 4, testSize: 13, minTrainSize: 52 }, 1e-9);
 * ```
 */
export function checkEnvelope(ds: Dataset, kind: EnvelopeKind): EnvelopeReport {
  if (kind !== "weekly" && kind !== "geo") {
    throw new RangeError(`kind must be "weekly" or "geo", got ${JSON.stringify(kind)}`);
  }
  const R = ds.roles;
  const file = ds.source;
  const slices = geoSlices(ds);
  const panel = ds.geos !== undefined;
  if (kind === "weekly" && panel) {
    throw new DataError(
      `the weekly model reads one national series, and this file has ${slices.length} geos (geo role ` +
        `"${R.geo}"): sum it to one row per week, or run it as a geo panel`,
      { file, column: R.geo },
    );
  }
  if (kind === "geo" && !panel) {
    throw new DataError(
      `the geo model needs a panel (one row per geo and week, with a geo column); this file has one series`,
      { file },
    );
  }
  const geos = slices.length;
  const weeks = Math.min(...slices.map((s) => s.end - s.start));
  const findings: EnvelopeFinding[] = [];
  const note = (code: EnvelopeFindingCode, sentence: string, column?: string) =>
    findings.push({ code, severity: "note", column, sentence });
  const warn = (code: EnvelopeFindingCode, sentence: string, column?: string) =>
    findings.push({ code, severity: "warning", column, sentence });

  // Size.
  if (kind === "geo" && geos < MIN_GEOS) {
    throw new DataError(
      `${geos} geo; the geo model needs at least ${MIN_GEOS}: with one geo the geo effect is an intercept ` +
        `(run the national model instead) and errors clustered by geo cannot be computed`,
      { file, column: R.geo },
    );
  }
  const minWeeks = kind === "weekly" ? MIN_WEEKS : MIN_WEEKS_PER_GEO;
  if (weeks < minWeeks) {
    throw new DataError(
      `${weeks} weeks${kind === "geo" ? " per geo" : ""}; the ${modelName(kind)} needs at least ${minWeeks}` +
        `${kind === "geo" ? " per geo" : ""}: the model controls for calendar months, and only 52 ` +
        `consecutive weeks are sure to include every month`,
      { file, column: R.date },
    );
  }

  // Target.
  const y = ds.columns[R.target];
  if (y === undefined) throw new DataError(`no target column in the dataset`, { file, column: R.target });
  checkTarget(ds, y, slices, kind);
  let zero = 0, negative = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 0) zero++;
    else if (y[i] < 0) negative++;
  }
  if (zero + negative > 0) {
    const unit = panel ? "geo-weeks" : "weeks";
    const parts = [zero > 0 ? `zero in ${zero}` : "", negative > 0 ? `negative in ${negative}` : ""]
      .filter((s) => s !== "").join(" and ");
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    warn(
      "target-not-positive",
      `"${R.target}" is ${parts} of ${y.length} ${unit}. The linear models accept this, but log-scale ` +
        `summaries cannot use those ${unit} and percentage errors (MAPE) cannot be computed where the target is zero` +
        (mean <= 0
          ? `; its mean is not positive, so effects relative to the mean (elasticities) are meaningless`
          : "") +
        `. Check them: ${
          negative > 0
            ? "negative values are often returns or corrections netted out"
            : "zeros are often missing weeks written as 0"
        }.`,
      R.target,
    );
  }

  // Time and geos.
  const plan = crossValidationPlan(weeks);
  const perGeo = kind === "geo" ? " per geo" : "";
  if (plan === undefined && kind === "weekly") {
    warn(
      "no-cross-validation",
      `${weeks} weeks${perGeo}: an out-of-sample check needs at least ${MIN_WEEKS_FOR_CV} (a ${CV_TRAIN_WEEKS}-week ` +
        `training window and ${MIN_CV_FOLDS} test folds of ${CV_TEST_WEEKS} weeks), so carryover and ` +
        `saturation are chosen, and the model judged, in sample only.`,
      R.date,
    );
  } else if (plan === undefined) {
    note(
      "no-cross-validation",
      `${weeks} weeks${perGeo}: too few for the full plan (a ${CV_TRAIN_WEEKS}-week training window and ` +
        `${MIN_CV_FOLDS} test folds of ${CV_TEST_WEEKS} weeks), so the geo model's folds train on at least half ` +
        `the weeks and test on shorter blocks; notebook 05 states them.`,
      R.date,
    );
  }
  if (weeks < WEEKS_FOR_SEASONALITY) {
    note(
      "one-year",
      `${weeks} weeks${perGeo}: each calendar month is seen only once, so the models describe seasonality by a ` +
        `smooth annual curve (one sine–cosine pair) rather than a term per month, and a season cannot be told ` +
        `apart from anything else that happened at that time of that year; ` +
        `${WEEKS_FOR_SEASONALITY} weeks would show each month twice.`,
      R.date,
    );
  }
  if (kind === "geo" && geos < FEW_GEOS) {
    warn(
      "few-geos",
      `${geos} geos: standard errors clustered by geo are too small with fewer than about ${FEW_GEOS} ` +
        `clusters, so intervals and p-values are optimistic. Prefer few-cluster inference (t critical values ` +
        `with ${geos - 1} degree${geos - 1 === 1 ? "" : "s"} of freedom, or a wild cluster bootstrap).`,
      R.geo,
    );
  }

  // Columns.
  const channels = kind === "weekly"
    ? [...(R.mediator !== undefined ? [R.mediator] : []), ...R.social, ...R.direct]
    : [...R.media];
  const controls = kind === "weekly"
    ? [
      ...(R.price !== undefined ? [R.price] : []),
      ...(R.promotion !== undefined ? [R.promotion] : []),
      ...R.controls,
    ]
    : [...R.controls, ...(R.population !== undefined ? [R.population] : [])];
  const modelled = unique([...channels, ...controls]);
  const identification = findUnidentifiedTerms(ds, modelled, { geoFixedEffects: kind === "geo" });
  const droppedBy = new Map(identification.dropped.map((d) => [d.column, d]));
  const keptChannels = channels.filter((c) => !droppedBy.has(c));
  if (channels.length === 0 || keptChannels.length === 0) {
    const roleNames = kind === "weekly" ? `"mediator", "social" and "direct"` : `"media"`;
    throw new DataError(
      channels.length === 0
        ? `no channel columns: the roles ${roleNames} are all empty, so there is nothing to attribute`
        : `none of the channel columns can be estimated: ${
          channels.map((c) => droppedBy.get(c)!.sentence).join(" ")
        }`,
      { file, column: channels[0] },
    );
  }

  // What the weekly model can do.
  let mediation = false, price = false, promotion = false;
  if (kind === "weekly") {
    const mediator = R.mediator;
    if (mediator === undefined) {
      note(
        "no-mediator",
        `No mediator column (roles.mediator is null): the two-stage analysis (social channels acting ` +
          `through the mediator) is not possible; channels can only be read as direct effects.`,
      );
    } else if (droppedBy.has(mediator)) {
      warn(
        "no-mediator",
        `The mediator "${mediator}" cannot be estimated, so the two-stage analysis is not possible: ${
          droppedBy.get(mediator)!.sentence
        }`,
        mediator,
      );
    }
    const social = R.social.filter((c) => !droppedBy.has(c));
    if (R.social.length === 0) {
      note(
        "no-social",
        `No social channels (roles.social is []): nothing can act through the mediator, so the two-stage ` +
          `analysis is not possible.`,
      );
    } else if (social.length === 0) {
      warn(
        "no-social",
        `None of the social channels (${quoteList(R.social)}) can be estimated, so the two-stage analysis ` +
          `is not possible.`,
      );
    }
    mediation = mediator !== undefined && !droppedBy.has(mediator) && social.length > 0;

    if (R.price === undefined) {
      note("no-price", `No price column (roles.price is null): no price elasticity.`);
    } else if (droppedBy.has(R.price)) {
      warn(
        "price-constant",
        `"${R.price}" does not vary, so a price elasticity cannot be estimated; the price term is left out.`,
        R.price,
      );
    } else price = true;

    if (R.promotion === undefined) {
      note("no-promotion", `No promotion column (roles.promotion is null): no promotion lift.`);
    } else {
      const p = ds.columns[R.promotion];
      let on = 0;
      for (let i = 0; i < p.length; i++) if (p[i] !== 0) on++;
      if (on === 0) {
        warn(
          "no-promotion-weeks",
          `"${R.promotion}" is 0 in every week (no promotion weeks), so promotion analysis is not ` +
            `possible: the lift cannot be estimated and the promotion term is left out.`,
          R.promotion,
        );
      } else if (on === p.length) {
        warn(
          "promotion-every-week",
          `"${R.promotion}" is 1 in every week (no week without a promotion), so the lift cannot be told ` +
            `apart from the baseline; the promotion term is left out.`,
          R.promotion,
        );
      } else promotion = !droppedBy.has(R.promotion);
    }
  }

  // Clustered covariance rank: the sum of G cluster scores is zero after the within transformation, so the
  // covariance clustered by geo has rank at most G − 1 and is singular when the slopes outnumber that.
  if (kind === "geo") {
    const slopes = identification.keep.length + GEO_MONTH_TERMS;
    if (geos - 1 < slopes) {
      warn(
        "cluster-rank",
        `${geos} geos for ${slopes} coefficients (${identification.keep.length} media and control columns ` +
          `and ${GEO_MONTH_TERMS} month dummies): the covariance clustered by geo has rank at most ` +
          `${geos - 1} (geos − 1), so it is singular. Standard errors of single coefficients still exist, ` +
          `but joint tests and draws from the covariance do not; use a covariance that does not rest on geo ` +
          `clusters alone (heteroskedasticity-robust HC1, or Driscoll–Kraay), fewer terms, or more geos ` +
          `(at least ${slopes + 1}).`,
        R.geo,
      );
    }
  }

  // Observations per coefficient.
  const coefficients = coefficientCount(
    kind,
    keptChannels.length + (mediation ? 1 : 0),
    identification.keep.length - keptChannels.length,
    geos,
  );
  const perCoefficient = ds.n / coefficients;
  if (perCoefficient < MIN_OBSERVATIONS_PER_COEFFICIENT) {
    warn(
      "few-observations",
      `${ds.n} ${panel ? "geo-weeks" : "weeks"} for about ${coefficients} coefficients ` +
        `(${perCoefficient.toFixed(1)} per coefficient); below ${MIN_OBSERVATIONS_PER_COEFFICIENT} per ` +
        `coefficient least-squares estimates are biased and unstable: use fewer channels or controls, or more weeks.`,
    );
  }

  // Channels zero in most weeks, or throughout some geos.
  for (const c of keptChannels) {
    const x = ds.columns[c];
    let zeros = 0;
    for (let i = 0; i < x.length; i++) if (x[i] === 0) zeros++;
    if (zeros > MOSTLY_ZERO_SHARE * x.length) {
      const unit = panel ? "geo-weeks" : "weeks";
      warn(
        "channel-mostly-zero",
        `"${c}" is zero in ${zeros} of ${x.length} ${unit}: its carryover and saturation rest on the other ` +
          `${x.length - zeros} ${unit}, so read its estimates with care.`,
        c,
      );
    }
  }
  for (const z of identification.zeroInGeos) note("zero-in-geos", z.sentence, z.column);
  for (const d of identification.dropped) {
    if (kind === "weekly" && (d.column === R.price || d.column === R.promotion || d.column === R.mediator)) {
      continue;
    }
    warn("unidentified", d.sentence, d.column);
  }

  return {
    kind,
    source: file,
    weeks,
    geos,
    findings,
    warnings: findings.filter((f) => f.severity === "warning").map((f) => f.sentence),
    notes: findings.filter((f) => f.severity === "note").map((f) => f.sentence),
    analyses: { mediation, price, promotion, crossValidation: plan !== undefined },
    crossValidation: plan,
    identification,
  };
}

/**
 * The envelope as Markdown, for README and the first notebook: what each model needs (hard limits, which
 * stop the run) and what makes its results firmer (soft limits, which are reported). Every number comes
 * from the constants of this module.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(describeEnvelope().includes(`at least ${MIN_WEEKS} weeks`), true, 1e-9);
 * ```
 */
export function describeEnvelope(): string {
  return [
    `**Weekly two-stage model** (the national file):`,
    ``,
    `- at least ${MIN_WEEKS} weeks (required): the model controls for the holiday months, and only ${MIN_WEEKS} ` +
    `consecutive weeks are sure to include every calendar month;`,
    `- ${MIN_WEEKS_FOR_CV} weeks or more for an out-of-sample check: a ${CV_TRAIN_WEEKS}-week training window ` +
    `and at least ${MIN_CV_FOLDS} test folds of ${CV_TEST_WEEKS} weeks (up to ${MAX_CV_FOLDS} folds); with ` +
    `fewer, carryover and saturation are chosen in sample;`,
    `- ${WEEKS_FOR_SEASONALITY} weeks or more to see each month twice; with one year, month effects are ` +
    `weakly identified;`,
    `- for the two-stage (mediation) analysis, a mediator column and at least one social channel; for a ` +
    `price elasticity, a price that varies; for a promotion lift, a 0/1 promotion flag with weeks on and off.`,
    ``,
    `**Geo panel model** (geo fixed effects, errors clustered by geo):`,
    ``,
    `- at least ${MIN_GEOS} geos and ${MIN_WEEKS_PER_GEO} weeks per geo, the same weeks in every geo ` +
    `(required);`,
    `- ${MIN_WEEKS_FOR_CV} weeks per geo or more for an out-of-sample check, as above;`,
    `- ${FEW_GEOS} geos or more for clustered standard errors to be trusted; with fewer, intervals are ` +
    `optimistic and few-cluster inference is advised;`,
    `- more geos than coefficients (media, controls and ${GEO_MONTH_TERMS} month dummies) for the ` +
    `covariance clustered by geo to be of full rank, which joint tests and draws from it need;`,
    `- columns that do not change within any geo (population, typically) are absorbed by the geo fixed ` +
    `effects and left out; to use population, model per capita.`,
    ``,
    `**Every model**:`,
    ``,
    `- the target is a finite number in every row and varies (required; on a panel, within geos); zero or ` +
    `negative target weeks are allowed and counted;`,
    `- at least one channel that can be estimated (required); a column that is all zero, constant, or a copy ` +
    `of another (identical, a multiple, or correlated at |r| ≥ ${NEAR_DUPLICATE_CORRELATION}) is left out and named, never left to a ` +
    `failed solve; a channel zero in more than ${100 * MOSTLY_ZERO_SHARE}% of weeks, or in every week of ` +
    `some geos, is flagged;`,
    `- at least ${MIN_OBSERVATIONS_PER_COEFFICIENT} observations per coefficient.`,
  ].join("\n");
}

function modelName(kind: EnvelopeKind): string {
  return kind === "weekly" ? "weekly two-stage model" : "geo panel model";
}

/** Throws for a non-finite target, a constant target, or (panel) a target constant within every geo. */
function checkTarget(
  ds: Dataset,
  y: Float64Array,
  slices: readonly { geo: string | undefined; start: number; end: number }[],
  kind: EnvelopeKind,
): void {
  const file = ds.source, target = ds.roles.target;
  let scale = 0;
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) {
      const geo = ds.geos === undefined ? "" : ` in geo "${ds.geos[i]}"`;
      throw new DataError(
        `target value ${y[i]} in the week of ${ds.dates[i]}${geo}; expected a finite number`,
        {
          file,
          column: target,
        },
      );
    }
    scale = Math.max(scale, Math.abs(y[i]));
  }
  const tolerance = 1e-9 * scale;
  const sd = (from: number, to: number) => {
    let s = 0;
    for (let i = from; i < to; i++) s += y[i];
    const mu = s / (to - from);
    let ss = 0;
    for (let i = from; i < to; i++) ss += (y[i] - mu) ** 2;
    return Math.sqrt(ss / (to - from));
  };
  if (scale === 0 || sd(0, y.length) <= tolerance) {
    throw new DataError(
      `the target has the same value (${y[0]}) in every ${kind === "geo" ? "geo and week" : "week"}; ` +
        `there is nothing for the model to explain`,
      { file, column: target },
    );
  }
  if (kind === "geo" && slices.every((s) => sd(s.start, s.end) <= tolerance)) {
    throw new DataError(
      `the target does not change within any geo (each geo has one value), so the geo fixed effects ` +
        `explain it completely and nothing is left for media or controls; expected weekly values per geo`,
      { file, column: target },
    );
  }
}

/**
 * The linear coefficients of the model as built: weekly stage 2 has an intercept, the channels (the
 * mediator's control-function residual as one more), the controls and two holiday dummies; the
 * panel has the media, the controls, eleven month dummies and one effect per geo.
 */
function coefficientCount(kind: EnvelopeKind, channels: number, controls: number, geos: number): number {
  return kind === "weekly" ? 1 + channels + controls + 2 : channels + controls + 11 + geos;
}

function unique(names: readonly string[]): string[] {
  return names.filter((name, i) => names.indexOf(name) === i);
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(", ");
}
