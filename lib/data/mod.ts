/**
 * The data layer: read a CSV, map its columns to roles, validate, and return a columnar `Dataset`.
 * Errors are `DataError`s naming the file, line and column; every repair is listed in `warnings`.
 *
 * @example
 * import { column, loadDataset } from "./mod.ts";
 * const weekly = loadDataset("data/mmm_weekly.csv", { kind: "weekly" });
 * const revenue = column(weekly, "revenue");
 *
 * @module
 */

export type { Dataset, Roles } from "./types.ts";
export {
  type DatasetKind,
  GEO_ROLES,
  loadRolesFile,
  parseRoles,
  resolveRoles,
  roleOf,
  rolesColumns,
  type RolesConfig,
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
export { type CsvTable, readCsv } from "./csv.ts";
export { isMissingCell, isoDate, MISSING_MARKERS, parseDay, parseNumberCell } from "./cells.ts";
export { readText } from "./read_text.ts";
export { loadTruth, truthKey } from "./truth.ts";
export type { GeoTruth, Truth, WeeklyTruth } from "./truth.ts";
