/**
 * The data layer: read a CSV, map its columns to roles, validate, and return a columnar `Dataset`; then
 * check it against what the models need (`checkEnvelope`) and find the columns they cannot estimate
 * (`findUnidentifiedTerms`). Errors are `DataError`s naming the file, line and column; every repair is
 * listed in `warnings`.
 *
 * @example
 * import { column, loadDataset } from "./mod.ts";
 * const weekly = loadDataset("data/mmm_weekly.csv", { kind: "weekly" });
 * const revenue = column(weekly, "revenue");
 * const envelope = checkEnvelope(weekly, "weekly"); // throws outside the envelope; findings in words
 *
 * @module
 */

export type { Dataset, Roles, TargetUnit } from "./types.ts";
export {
  type DatasetKind,
  GEO_ROLES,
  loadRolesFile,
  parseRoles,
  resolveRoles,
  roleOf,
  rolesColumns,
  type RolesConfig,
  type RolesSource,
  rolesSource,
  spendColumns,
  WEEKLY_ROLES,
} from "./roles.ts";
export {
  DEFAULT_MAX_FILL_GAP,
  DEFAULT_MIN_ROWS,
  loadDataset,
  type LoadOptions,
  parseDataset,
} from "./load.ts";
export { column, type GeoSlice, geoSlices, selectRows } from "./dataset.ts";
export { type CsvDialect, type CsvTable, readCsv } from "./csv.ts";
export { isMissingCell, isoDate, MISSING_MARKERS, parseDay, parseNumberCell } from "./cells.ts";
export { type DecodedText, decodeText, readText, readTextFile, type TextEncodingName } from "./read_text.ts";
export {
  CONSTANT_TOLERANCE,
  findUnidentifiedTerms,
  type IdentificationOptions,
  type IdentificationReport,
  NEAR_DUPLICATE_CORRELATION,
  type UnidentifiedReason,
  type UnidentifiedTerm,
  type ZeroInGeos,
} from "./identification.ts";
export {
  checkEnvelope,
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
} from "./envelope.ts";
export { loadTruth, truthKey } from "./truth.ts";
export type { GeoTruth, Truth, WeeklyTruth } from "./truth.ts";
export type {
  AdstockTruth,
  GeoChannel,
  GeoChannelTruth,
  HillTruth,
  OutlierTruth,
  SendsContributionTruth,
  SocialChannel,
  SocialContributionTruth,
  SpendContributionTruth,
} from "./truth_schema.ts";
export { GEO_CHANNELS, SOCIAL_CHANNELS } from "./truth_schema.ts";
export { experimentContext, experimentRows, loadExperiments, parseExperiments } from "./experiments.ts";
export type { Experiment, ExperimentContext, ExperimentFile } from "./experiments.ts";
export { perCapitaDataset, perCapitaProblem } from "./per_capita.ts";
