/**
 * CSV to a validated, columnar `Dataset`: parse, map roles, check, sort, fill short gaps.
 *
 * Files: `load_columns.ts` reads the parsed table's cells (dates, geos, numeric columns, with their checks);
 * `load_series.ts` puts the rows in series order, checks the weekly spacing and fills short gaps; this module
 * runs the steps in order.
 *
 * @module
 */

import { DataError } from "../errors.ts";
import { isoDate } from "./cells.ts";
import { readCsv } from "./csv.ts";
import { readTextFile } from "./read_text.ts";
import { type DatasetKind, resolveRoles, rolesColumns, rolesSource } from "./roles.ts";
import type { Dataset, Roles } from "./types.ts";
import { missingColumns, readColumns, readDays, readGeos } from "./load_columns.ts";
import {
  checkBalanced,
  forwardFill,
  permute,
  permuteInt,
  seriesStarts,
  sortOrder,
  sortWarning,
} from "./load_series.ts";

/** How to read a file: which default roles, overrides, and the limits of the checks. */
export interface LoadOptions {
  /** `"weekly"` (one national series, `WEEKLY_ROLES`) or `"geo"` (a geo × week panel, `GEO_ROLES`). */
  readonly kind: DatasetKind;
  /** Overrides of the default roles for `kind` (e.g. the matching part of `loadRolesFile`). */
  readonly roles?: Partial<Roles>;
  /** Fewest rows per series (per geo on a panel); an integer ≥ 1, default 26 (half a year of weeks). */
  readonly minRows?: number;
  /** Longest run of empty cells (per column, within a series) that is forward-filled; integer ≥ 0, default 2. */
  readonly maxFillGap?: number;
}

/** Default `LoadOptions.minRows`: half a year of weekly rows. */
export const DEFAULT_MIN_ROWS = 26;
/** Default `LoadOptions.maxFillGap`. */
export const DEFAULT_MAX_FILL_GAP = 2;

/**
 * Reads a CSV file into a validated `Dataset` (see `parseDataset` for every check and repair). The bytes
 * are decoded by `decodeText`: UTF-8 (with or without byte order mark), UTF-16 LE/BE, Windows-1252/Latin-1
 * and gzip-compressed files are read, each non-UTF-8 case with a warning in `Dataset.warnings`; an Excel
 * workbook or a binary file is a `DataError` saying what it is.
 *
 * @param path the CSV file, absolute or relative to `Deno.cwd()`; named in every error and warning
 * @throws DataError naming the file (and line and column) when it is missing, unreadable or invalid
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const weekly = loadDataset("data/mmm_weekly.csv", { kind: "weekly" });
 * assertClose(weekly.n, 104, 1e-9);
 * ```
 */
export function loadDataset(path: string, options: LoadOptions): Dataset {
  const { text, warnings } = readTextFile(path);
  return buildDataset(text, path, options, warnings);
}

/**
 * Parses CSV text into a validated, columnar `Dataset`, rows sorted by (geo, date). Pure: no I/O.
 *
 * Errors (`DataError`, naming `source`, the 1-based line counting the header as line 1, and the column):
 * an empty file; a header with no rows; a column the roles need missing from the header (the message
 * lists the header; when the role came from a roles file, the error names the roles file, the key's line
 * and the CSV); a duplicated header name; a row with the wrong number of fields; malformed quoting;
 * a non-number in a role column; a negative value in a spend-like column (social, direct, media,
 * mediator, impressions); a promotion flag other than 0/1; a date not written `YYYY-MM-DD` or
 * `YYYY/MM/DD`; an empty date, geo or target; the same date twice (within a geo); consecutive dates not
 * 7 days apart; a geo whose weeks differ from the other geos'; fewer than `minRows` rows per series; a run
 * of more than `maxFillGap` empty cells, or an empty cell in a series' first row.
 *
 * Repairs, each listed in `warnings` (nothing is changed silently):
 * - rows out of order are sorted by (geo, date), geos in order of first appearance; one warning says how
 *   many rows moved;
 * - a run of at most `maxFillGap` empty cells in a column, within a series, is forward-filled with the
 *   last value above it (as pandas `ffill`), one warning per filled cell naming its line, column and the
 *   value used; longer runs are errors rather than partly filled (unlike `ffill(limit=...)`);
 * - a column no role names whose cells are not all numbers (or all empty) is kept out of `columns`, with
 *   a warning naming it;
 * - a `;`- or tab-separated file (and decimal commas in it), an Excel `sep=` line: read as such, with a
 *   warning (see `readCsv`).
 *
 * Zero or negative target values are accepted (checked, with the other modelling requirements, by
 * `checkEnvelope`).
 *
 * Every other column except date and geo is numeric and kept, in file order. Empty cells are the empty
 * string and pandas' usual markers (`NA`, `NaN`, `null`, ...; see `MISSING_MARKERS`).
 *
 * @param text the CSV text (a UTF-8 BOM, CRLF line endings and quoted fields are fine; for bytes in another
 *   encoding, use `loadDataset` or `decodeText`)
 * @param source the file name (or a label) used in errors and warnings
 * @param options kind of dataset, role overrides, `minRows` (integer ≥ 1, default 26) and `maxFillGap`
 *   (integer ≥ 0, default 2)
 * @throws DataError as above; RangeError for invalid options
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const csv = "week,revenue,tv\n2024-01-01,10,5\n2024-01-08,11,\n2024-01-15,12,7\n";
 * const roles = {
 *   mediator: undefined, price: undefined, promotion: undefined, social: [], direct: [], controls: [], media: ["tv"],
 * };
 * const ds = parseDataset(csv, "inline.csv", { kind: "weekly", roles, minRows: 3 });
 * assertClose(ds.columns.tv, [5, 5, 7], 1e-9);
 * ds.warnings; // ['inline.csv, line 3, column "tv": empty cell filled with 5, the value on line 2 (...)']
 * ```
 */
export function parseDataset(text: string, source: string, options: LoadOptions): Dataset {
  return buildDataset(text, source, options, []);
}

function buildDataset(
  text: string,
  source: string,
  options: LoadOptions,
  readWarnings: readonly string[],
): Dataset {
  const minRows = options.minRows ?? DEFAULT_MIN_ROWS;
  const maxFillGap = options.maxFillGap ?? DEFAULT_MAX_FILL_GAP;
  if (!(Number.isInteger(minRows) && minRows >= 1)) {
    throw new RangeError(`minRows must be an integer ≥ 1, got ${minRows}`);
  }
  if (!(Number.isInteger(maxFillGap) && maxFillGap >= 0)) {
    throw new RangeError(`maxFillGap must be an integer ≥ 0, got ${maxFillGap}`);
  }
  const roles = resolveRoles(options.kind, options.roles, source);
  const rolesFile = options.roles === undefined || options.roles === null || typeof options.roles !== "object"
    ? undefined
    : rolesSource(options.roles);
  const table = readCsv(text, source);
  const { header, rows, lines, headerLine } = table;
  const n = rows.length;
  if (n === 0) {
    throw new DataError("the header is the only line; expected data rows below it", {
      file: source,
      line: headerLine,
    });
  }
  const at = (row: number, column?: string) => ({ file: source, line: lines[row], column });

  const index = new Map(header.map((name, j) => [name, j]));
  const missing = rolesColumns(roles).filter((name) => !index.has(name));
  if (missing.length > 0) throw missingColumns(missing, roles, options, header, headerLine, source);

  // Dates (as day numbers) and geo keys, per file row.
  const days = readDays(rows, index.get(roles.date)!, roles, at);
  const panel = roles.geo !== undefined;
  const { geoOf, geoNames } = panel
    ? readGeos(rows, index.get(roles.geo!)!, roles, at)
    : { geoOf: new Int32Array(n), geoNames: [] };

  // Numeric columns, in file order, still in file row order.
  const warnings: string[] = [...readWarnings, ...(rolesFile?.warnings ?? []), ...table.warnings];
  const { raw, withGaps } = readColumns(header, rows, roles, source, at, warnings);

  // Sort rows by (geo, date); a stable sort, so equal keys keep file order for the duplicate check.
  const order = sortOrder(geoOf, days);
  if (order !== undefined) warnings.push(sortWarning(order, geoOf, days, lines, geoNames, panel, source));
  const line = order === undefined ? lines : permuteInt(lines, order);
  const day = order === undefined ? days : permute(days, order);
  const geo = order === undefined ? geoOf : permuteInt(geoOf, order);
  const columns: Record<string, Float64Array> = {};
  for (const [name, values] of raw) columns[name] = order === undefined ? values : permute(values, order);
  const sortedAt = (i: number, column?: string) => ({ file: source, line: line[i], column });
  const inGeo = (i: number) => (panel ? ` in geo "${geoNames[geo[i]]}"` : "");

  // Series boundaries, duplicated dates, weekly spacing.
  const starts = seriesStarts(day, geo, line, panel, roles, sortedAt, inGeo);
  if (panel) checkBalanced(starts, day, line, geo, geoNames, roles, source);
  const shortest = Math.min(...starts.slice(1).map((end, s) => end - starts[s]));
  if (shortest < minRows) {
    throw new DataError(
      panel
        ? `each geo has ${shortest} weeks; at least ${minRows} per geo are needed (minRows)`
        : `${n} data rows; at least ${minRows} weeks are needed (minRows)`,
      { file: source },
    );
  }

  // Forward-fill short runs of empty cells, series by series.
  forwardFill(columns, withGaps, starts, roles, maxFillGap, line, sortedAt, inGeo, warnings);

  const isoOf = new Map<number, string>();
  const dates: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    let iso = isoOf.get(day[i]);
    if (iso === undefined) isoOf.set(day[i], iso = isoDate(day[i]));
    dates[i] = iso;
  }
  const geos = panel ? Array.from(geo, (g) => geoNames[g]) : undefined;
  return { source, n, dates, geos, columns, roles, warnings };
}
