/**
 * The data envelope's limits (see `envelope.ts`' module doc): every threshold with its reason, the types of
 * `checkEnvelope`'s report, the cross-validation plan the limits give, and the envelope described in words.
 *
 * @module
 */

import { type IdentificationReport, NEAR_DUPLICATE_CORRELATION } from "./identification.ts";

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
export const MIN_WEEKS_FOR_CV: number = CV_TRAIN_WEEKS + MIN_CV_FOLDS * CV_TEST_WEEKS;

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

/** Annual-harmonic terms of the geo model on one to two years: one sine–cosine pair, 2 columns. */
export const GEO_HARMONIC_TERMS = 2;

/** The seasonality the geo model uses on a panel of a given length, and how many columns it costs. */
export interface GeoSeasonalTerms {
  /** Month dummies (two years or more), one annual sine–cosine pair (one to two years), or none. */
  readonly kind: "month_dummies" | "fourier" | "none";
  /** Columns: `GEO_MONTH_TERMS`, `GEO_HARMONIC_TERMS` or 0. */
  readonly terms: number;
  /** The terms in words, e.g. "11 month dummies", "the 2 terms of one annual sine–cosine pair". */
  readonly words: string;
}

/**
 * The seasonal terms of the geo model for a panel of `weeks` weeks, by the geo pipeline's rule
 * (`geoPanelPlan` in lib/evaluate/geo_transforms_plan.ts, which this layer cannot import; a test holds the two
 * to the same answer): a dummy per month from `WEEKS_FOR_SEASONALITY` weeks (each month seen twice), one
 * annual sine–cosine pair from `MIN_WEEKS` (one year), none below.
 *
 * @param weeks weeks per geo
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(geoSeasonalTerms(156).terms, GEO_MONTH_TERMS, 1e-9);
 * assertClose(geoSeasonalTerms(52).terms, GEO_HARMONIC_TERMS, 1e-9);
 * ```
 */
export function geoSeasonalTerms(weeks: number): GeoSeasonalTerms {
  if (!(Number.isInteger(weeks) && weeks >= 0)) {
    throw new RangeError(`weeks must be an integer >= 0, got ${weeks}`);
  }
  if (weeks >= WEEKS_FOR_SEASONALITY) {
    return { kind: "month_dummies", terms: GEO_MONTH_TERMS, words: `${GEO_MONTH_TERMS} month dummies` };
  }
  if (weeks >= MIN_WEEKS) {
    return {
      kind: "fourier",
      terms: GEO_HARMONIC_TERMS,
      words: `the ${GEO_HARMONIC_TERMS} terms of one annual sine–cosine pair`,
    };
  }
  return { kind: "none", terms: 0, words: "no seasonal term" };
}

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
  /** What the finding is about. */
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
  /** Number of folds: as many 13-week tests after the first 52 training weeks as fit, at most `MAX_CV_FOLDS`. */
  readonly nSplits: number;
  /** Test weeks per fold (`CV_TEST_WEEKS`). */
  readonly testSize: number;
  /** Fewest training weeks of a fold (`CV_TRAIN_WEEKS`). */
  readonly minTrainSize: number;
}

/** Result of `checkEnvelope`. */
export interface EnvelopeReport {
  /** Which model's envelope was checked. */
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
    `**Geo panel model** (geo fixed effects; errors clustered by geo when there are more geos than ` +
    `coefficients, Driscoll–Kraay otherwise):`,
    ``,
    `- at least ${MIN_GEOS} geos and ${MIN_WEEKS_PER_GEO} weeks per geo, the same weeks in every geo ` +
    `(required);`,
    `- ${MIN_WEEKS_FOR_CV} weeks per geo or more for an out-of-sample check, as above;`,
    `- ${FEW_GEOS} geos or more for clustered standard errors to be trusted; with fewer, intervals are ` +
    `optimistic and few-cluster inference is advised;`,
    `- more geos than coefficients (media, controls and the seasonal terms: ${GEO_MONTH_TERMS} month dummies ` +
    `with ${WEEKS_FOR_SEASONALITY} weeks or more, one annual sine–cosine pair with ${MIN_WEEKS} to ` +
    `${
      WEEKS_FOR_SEASONALITY - 1
    } weeks) for the covariance clustered by geo to be of full rank, which joint ` +
    `tests and draws from it need; with fewer, standard errors are Driscoll–Kraay (correlation within a geo over ` +
    `time and between geos in a week, relying on many weeks);`,
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
