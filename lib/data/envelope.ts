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
 * Files: `envelope_limits.ts` holds the limits, the report's types and `describeEnvelope`; this module checks a
 * dataset against them and re-exports them.
 *
 * @module
 */

import { DataError } from "../errors.ts";
import { geoSlices } from "./dataset.ts";
import { findUnidentifiedTerms } from "./identification.ts";
import type { Dataset } from "./types.ts";
import {
  crossValidationPlan,
  CV_TEST_WEEKS,
  CV_TRAIN_WEEKS,
  type EnvelopeFinding,
  type EnvelopeFindingCode,
  type EnvelopeKind,
  type EnvelopeReport,
  FEW_GEOS,
  GEO_MONTH_TERMS,
  MIN_CV_FOLDS,
  MIN_GEOS,
  MIN_OBSERVATIONS_PER_COEFFICIENT,
  MIN_WEEKS,
  MIN_WEEKS_FOR_CV,
  MIN_WEEKS_PER_GEO,
  MOSTLY_ZERO_SHARE,
  WEEKS_FOR_SEASONALITY,
} from "./envelope_limits.ts";

export {
  type CrossValidationPlan,
  crossValidationPlan,
  CV_TEST_WEEKS,
  CV_TRAIN_WEEKS,
  describeEnvelope,
  type EnvelopeFinding,
  type EnvelopeFindingCode,
  type EnvelopeKind,
  type EnvelopeReport,
  FEW_GEOS,
  GEO_MONTH_TERMS,
  MAX_CV_FOLDS,
  MIN_CV_FOLDS,
  MIN_GEOS,
  MIN_OBSERVATIONS_PER_COEFFICIENT,
  MIN_WEEKS,
  MIN_WEEKS_FOR_CV,
  MIN_WEEKS_PER_GEO,
  MOSTLY_ZERO_SHARE,
  WEEKS_FOR_SEASONALITY,
} from "./envelope_limits.ts";

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
