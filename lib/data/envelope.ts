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
 * Files: `envelope_limits.ts` holds the limits, the report's types and `describeEnvelope`;
 * `envelope_hard_limits.ts` the checks that stop with a `DataError`; `envelope_findings.ts` the checks that
 * report findings in words; this module runs them in order against a dataset and re-exports the limits.
 *
 * @module
 */

import { DataError } from "../errors.ts";
import { geoSlices } from "./dataset.ts";
import { findUnidentifiedTerms } from "./identification.ts";
import type { Dataset, Roles } from "./types.ts";
import {
  crossValidationPlan,
  type EnvelopeFinding,
  type EnvelopeFindingCode,
  type EnvelopeKind,
  type EnvelopeReport,
} from "./envelope_limits.ts";
import { checkChannels, checkShape, checkSize, checkTarget } from "./envelope_hard_limits.ts";
import {
  clusterRankFinding,
  coefficientCount,
  columnFindings,
  type FindingSink,
  observationsFinding,
  targetSignFinding,
  timeFindings,
  weeklyAnalyses,
} from "./envelope_findings.ts";

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
  checkShape(kind, panel, slices.length, R, file);
  const geos = slices.length;
  const weeks = Math.min(...slices.map((s) => s.end - s.start));
  const findings: EnvelopeFinding[] = [];
  const sink: FindingSink = {
    note: (code: EnvelopeFindingCode, sentence: string, column?: string) =>
      void findings.push({ code, severity: "note", column, sentence }),
    warn: (code: EnvelopeFindingCode, sentence: string, column?: string) =>
      void findings.push({ code, severity: "warning", column, sentence }),
  };

  // Size.
  checkSize(kind, geos, weeks, R, file);

  // Target.
  const y = ds.columns[R.target];
  if (y === undefined) throw new DataError(`no target column in the dataset`, { file, column: R.target });
  checkTarget(ds, y, slices, kind);
  targetSignFinding(y, panel, R, sink);

  // Time and geos.
  const plan = crossValidationPlan(weeks);
  timeFindings(kind, weeks, geos, plan, R, sink);

  // Columns.
  const { channels, controls } = modelledColumns(kind, R);
  const modelled = unique([...channels, ...controls]);
  const identification = findUnidentifiedTerms(ds, modelled, { geoFixedEffects: kind === "geo" });
  const droppedBy = new Map(identification.dropped.map((d) => [d.column, d]));
  const keptChannels = channels.filter((c) => !droppedBy.has(c));
  checkChannels(kind, channels, keptChannels, droppedBy, file);

  // What the weekly model can do.
  const { mediation, price, promotion } = kind === "weekly"
    ? weeklyAnalyses(ds, droppedBy, sink)
    : { mediation: false, price: false, promotion: false };

  // Clustered covariance rank (geo panel).
  if (kind === "geo") clusterRankFinding(geos, weeks, identification.keep.length, R, sink);

  // Observations per coefficient.
  const coefficients = coefficientCount(
    kind,
    keptChannels.length + (mediation ? 1 : 0),
    identification.keep.length - keptChannels.length,
    geos,
  );
  observationsFinding(ds.n, panel, coefficients, sink);

  // Channels zero in most weeks, or throughout some geos; columns left out.
  columnFindings(ds, kind, keptChannels, identification, sink);

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

/** The columns the model uses: its channels, and its controls (price, promotion and controls; population on a panel). */
function modelledColumns(kind: EnvelopeKind, R: Roles): { channels: string[]; controls: string[] } {
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
  return { channels, controls };
}

function unique(names: readonly string[]): string[] {
  return names.filter((name, i) => names.indexOf(name) === i);
}
