/**
 * The envelope's soft findings (see `envelope.ts`): what `checkEnvelope` reports in words between the hard
 * limits and comfortable data, each check one function adding its findings in the report's order. The target
 * at or below zero; too few weeks for cross-validation or for monthly seasonality; few geos; what the weekly
 * model can do (mediation, price, promotion); the clustered covariance's rank; observations per coefficient;
 * channels zero in most weeks or throughout some geos; the columns identification leaves out.
 *
 * @module
 */

import type { IdentificationReport, UnidentifiedTerm } from "./identification.ts";
import type { Dataset, Roles } from "./types.ts";
import {
  type CrossValidationPlan,
  CV_TEST_WEEKS,
  CV_TRAIN_WEEKS,
  type EnvelopeFindingCode,
  type EnvelopeKind,
  FEW_GEOS,
  geoSeasonalTerms,
  MIN_CV_FOLDS,
  MIN_OBSERVATIONS_PER_COEFFICIENT,
  MIN_WEEKS_FOR_CV,
  MOSTLY_ZERO_SHARE,
  WEEKS_FOR_SEASONALITY,
} from "./envelope_limits.ts";

/** Where the checks put their findings, in order: a `note` (what the data do not allow) or a `warn`ing. */
export interface FindingSink {
  /** Adds a finding of severity `"note"`. */
  note(code: EnvelopeFindingCode, sentence: string, column?: string): void;
  /** Adds a finding of severity `"warning"`. */
  warn(code: EnvelopeFindingCode, sentence: string, column?: string): void;
}

/** Which analyses of the weekly model the data allow (all false for the geo model). */
export interface WeeklyAnalyses {
  /** The two-stage analysis: a usable mediator and at least one usable social channel. */
  readonly mediation: boolean;
  /** A price elasticity: a price column that varies. */
  readonly price: boolean;
  /** A promotion lift: a promotion flag both on and off, and identified. */
  readonly promotion: boolean;
}

/** Warns when the target is zero or negative in some weeks (`target-not-positive`). */
export function targetSignFinding(y: Float64Array, panel: boolean, R: Roles, sink: FindingSink): void {
  const { warn } = sink;
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
}

/** Findings about time and geos: no cross-validation plan, one year only, fewer than `FEW_GEOS` geos. */
export function timeFindings(
  kind: EnvelopeKind,
  weeks: number,
  geos: number,
  plan: CrossValidationPlan | undefined,
  R: Roles,
  sink: FindingSink,
): void {
  const { note, warn } = sink;
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
}

/**
 * What the weekly model can do with these data: the mediator and social channels for the two-stage analysis,
 * the price for an elasticity, the promotion flag for a lift; a finding for each that is missing or unusable.
 */
export function weeklyAnalyses(
  ds: Dataset,
  droppedBy: ReadonlyMap<string, UnidentifiedTerm>,
  sink: FindingSink,
): WeeklyAnalyses {
  const { note, warn } = sink;
  const R = ds.roles;
  let mediation = false, price = false, promotion = false;
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
    const why = droppedBy.get(R.price)!;
    warn(
      "price-constant",
      why.reason === "constant" || why.reason === "all-zero"
        ? `"${R.price}" does not vary, so a price elasticity cannot be estimated; the price term is left out.`
        : `${why.sentence} So a price elasticity cannot be estimated; the price term is left out.`,
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
  return { mediation, price, promotion };
}

/**
 * Warns when the geo panel's slopes outnumber G − 1 (`cluster-rank`): the sum of G cluster scores is zero after
 * the within transformation, so the covariance clustered by geo has rank at most G − 1 and is singular when the
 * slopes outnumber that. The slopes are the kept media and control columns and the seasonal terms the geo
 * model uses for `weeks` weeks (`geoSeasonalTerms`).
 */
export function clusterRankFinding(
  geos: number,
  weeks: number,
  keptColumns: number,
  R: Roles,
  sink: FindingSink,
): void {
  const { warn } = sink;
  const seasonal = geoSeasonalTerms(weeks);
  const slopes = keptColumns + seasonal.terms;
  if (geos - 1 < slopes) {
    warn(
      "cluster-rank",
      `${geos} geos for ${slopes} coefficients (${keptColumns} media and control columns ` +
        `and ${seasonal.words}): the covariance clustered by geo has rank at most ` +
        `${geos - 1} (geos − 1), so it is singular. Standard errors of single coefficients still exist, ` +
        `but joint tests and draws from the covariance do not; use a covariance that does not rest on geo ` +
        `clusters alone (heteroskedasticity-robust HC1, or Driscoll–Kraay), fewer terms, or more geos ` +
        `(at least ${slopes + 1}).`,
      R.geo,
    );
  }
}

/** Warns below `MIN_OBSERVATIONS_PER_COEFFICIENT` rows per coefficient (`few-observations`). */
export function observationsFinding(
  n: number,
  panel: boolean,
  coefficients: number,
  sink: FindingSink,
): void {
  const { warn } = sink;
  const perCoefficient = n / coefficients;
  if (perCoefficient < MIN_OBSERVATIONS_PER_COEFFICIENT) {
    warn(
      "few-observations",
      `${n} ${panel ? "geo-weeks" : "weeks"} for about ${coefficients} coefficients ` +
        `(${perCoefficient.toFixed(1)} per coefficient); below ${MIN_OBSERVATIONS_PER_COEFFICIENT} per ` +
        `coefficient least-squares estimates are biased and unstable: use fewer channels or controls, or more weeks.`,
    );
  }
}

/**
 * Findings about the columns: kept channels zero in most weeks, channels zero throughout some geos, and every
 * column identification leaves out (on the weekly model, not the price, promotion or mediator, which
 * `weeklyAnalyses` reports).
 */
export function columnFindings(
  ds: Dataset,
  kind: EnvelopeKind,
  keptChannels: readonly string[],
  identification: IdentificationReport,
  sink: FindingSink,
): void {
  const { note, warn } = sink;
  const R = ds.roles;
  const panel = ds.geos !== undefined;
  for (const c of keptChannels) {
    const x = ds.columns[c];
    let zeros = 0;
    for (let i = 0; i < x.length; i++) if (x[i] === 0) zeros++;
    if (zeros > MOSTLY_ZERO_SHARE * x.length) {
      const unit = panel ? "geo-weeks" : "weeks";
      // what the models estimate from a channel's spend: the geo model adstocks and saturates every medium;
      // the weekly model saturates the direct channels (no carryover) and adstocks the others (no saturation)
      const estimated = panel
        ? "its carryover and saturation rest"
        : R.direct.includes(c)
        ? "its saturation rests"
        : "its carryover rests";
      warn(
        "channel-mostly-zero",
        `"${c}" is zero in ${zeros} of ${x.length} ${unit}: ${estimated} on the other ` +
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
}

/**
 * The linear coefficients of the model as built: weekly stage 2 has an intercept, the channels (the
 * mediator's control-function residual as one more), the controls and two holiday dummies; the
 * panel has the media, the controls, eleven month dummies and one effect per geo.
 */
export function coefficientCount(
  kind: EnvelopeKind,
  channels: number,
  controls: number,
  geos: number,
): number {
  return kind === "weekly" ? 1 + channels + controls + 2 : channels + controls + 11 + geos;
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(", ");
}
