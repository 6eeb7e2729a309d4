/**
 * CSV to a validated, columnar `Dataset`: parse, map roles, check, sort, fill short gaps.
 *
 * @module
 */

import { DataError, formatLocation } from "../errors.ts";
import { isMissingCell, isoDate, parseDay, parseNumberCell } from "./cells.ts";
import { readCsv } from "./csv.ts";
import { readTextFile } from "./read_text.ts";
import { type DatasetKind, resolveRoles, roleOf, rolesColumns, rolesSource, spendColumns } from "./roles.ts";
import type { Dataset, Roles } from "./types.ts";

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
/** Days between consecutive rows of a weekly series. */
const WEEK = 7;

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
  const dateColumn = index.get(roles.date)!;
  const days = new Float64Array(n);
  const dayCache = new Map<string, number>();
  for (let r = 0; r < n; r++) {
    const cell = rows[r][dateColumn];
    let day = dayCache.get(cell);
    if (day === undefined) {
      if (isMissingCell(cell)) throw new DataError("empty date; every row needs one", at(r, roles.date));
      day = parseDay(cell);
      if (Number.isNaN(day)) {
        throw new DataError(
          `${JSON.stringify(cell)} is not a date; expected YYYY-MM-DD (or YYYY/MM/DD), e.g. 2024-01-01` +
            dateHint(cell),
          at(r, roles.date),
        );
      }
      dayCache.set(cell, day);
    }
    days[r] = day;
  }
  const panel = roles.geo !== undefined;
  const geoOf = new Int32Array(n); // geo index per file row, geos numbered in order of first appearance
  const geoNames: string[] = [];
  if (panel) {
    const geoColumn = index.get(roles.geo!)!;
    const geoIndex = new Map<string, number>();
    for (let r = 0; r < n; r++) {
      const cell = rows[r][geoColumn];
      let g = geoIndex.get(cell);
      if (g === undefined) {
        // Only a truly empty cell: "NA" is a fine geo code (Namibia, North America).
        if (cell === "") throw new DataError("empty geo; every row needs one", at(r, roles.geo));
        g = geoNames.length;
        geoIndex.set(cell, g);
        geoNames.push(cell);
      }
      geoOf[r] = g;
    }
  }

  // Numeric columns, in file order, still in file row order.
  const warnings: string[] = [...readWarnings, ...(rolesFile?.warnings ?? []), ...table.warnings];
  const spend = new Set(spendColumns(roles));
  const raw = new Map<string, Float64Array>();
  const withGaps: string[] = [];
  header.forEach((name, j) => {
    if (name === roles.date || name === roles.geo) return;
    const role = roleOf(roles, name);
    const values = new Float64Array(n);
    let empty = 0;
    for (let r = 0; r < n; r++) {
      const cell = rows[r][j];
      if (isMissingCell(cell)) {
        if (name === roles.target) {
          throw new DataError("empty target value; every row needs one", at(r, name));
        }
        values[r] = NaN;
        empty++;
        continue;
      }
      const value = parseNumberCell(cell);
      if (Number.isNaN(value)) {
        if (role !== undefined) throw new DataError(notANumber(cell, role), at(r, name));
        const problem = `${JSON.stringify(cell)} is not a number and no role uses this column`;
        warnings.push(`${formatLocation(at(r, name))}: ${problem}; column kept out of the dataset`);
        return;
      }
      values[r] = value;
    }
    if (empty === n && role === undefined) {
      const where = formatLocation({ file: source, column: name });
      warnings.push(
        `${where}: every cell is empty and no role uses this column; column kept out of the dataset`,
      );
      return;
    }
    if (spend.has(name)) checkNonNegative(values, name, role!, at);
    if (name === roles.promotion) checkFlag(values, name, at);
    raw.set(name, values);
    if (empty > 0) withGaps.push(name);
  });

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
  const starts: number[] = [0];
  for (let i = 1; i < n; i++) {
    if (geo[i] !== geo[i - 1]) {
      starts.push(i);
      continue;
    }
    const gap = day[i] - day[i - 1];
    if (gap === 0) {
      throw new DataError(
        `date ${isoDate(day[i])} appears twice${inGeo(i)}, on lines ${line[i - 1]} and ${line[i]}; ` +
          `expected one row per week${panel ? " per geo" : ""}`,
        sortedAt(i, roles.date),
      );
    }
    if (gap !== WEEK) {
      const weeks = gap / WEEK;
      const hint = Number.isInteger(weeks) ? ` (${weeks - 1} missing week${weeks === 2 ? "" : "s"}?)` : "";
      throw new DataError(
        `${gap} days between ${isoDate(day[i - 1])} (line ${line[i - 1]}) and ${isoDate(day[i])} ` +
          `(line ${line[i]})${inGeo(i)}${hint}; expected weekly rows, 7 days apart`,
        sortedAt(i, roles.date),
      );
    }
  }
  starts.push(n);
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
  for (const name of withGaps) {
    const values = columns[name];
    const unused = roleOf(roles, name) === undefined ? " (no role uses this column: fill it or drop it)" : "";
    for (let s = 0; s + 1 < starts.length; s++) {
      const start = starts[s], end = starts[s + 1];
      for (let i = start; i < end; i++) {
        if (!Number.isNaN(values[i])) continue;
        if (i === start) {
          throw new DataError(
            `empty cell in the first row of the series${
              inGeo(i)
            }; no earlier value to carry forward${unused}`,
            sortedAt(i, name),
          );
        }
        let stop = i;
        while (stop < end && Number.isNaN(values[stop])) stop++;
        const run = stop - i;
        if (run > maxFillGap) {
          const shown = Array.from(line.subarray(i, Math.min(stop, i + 5))).join(", ") +
            (run > 5 ? ", ..." : "");
          throw new DataError(
            `${run} empty cells in a row${inGeo(i)} (lines ${shown}); only gaps of up to ${maxFillGap} ` +
              `rows are forward-filled (maxFillGap)${unused}`,
            sortedAt(i, name),
          );
        }
        const fill = values[i - 1];
        for (let k = i; k < stop; k++) {
          values[k] = fill;
          warnings.push(
            `${formatLocation(sortedAt(k, name))}: empty cell filled with ${fill}, the value on line ` +
              `${line[i - 1]} (forward fill of a gap of ${run} ≤ maxFillGap ${maxFillGap})`,
          );
        }
        i = stop - 1;
      }
    }
  }

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

/**
 * The error for role columns missing from the header. When a missing column was named by a roles file, the
 * error sits in the roles file, at the first such key, and names the CSV; otherwise it sits at the CSV's
 * header and says how to map the column (or drop an optional role).
 */
function missingColumns(
  missing: readonly string[],
  roles: Roles,
  options: LoadOptions,
  header: readonly string[],
  headerLine: number,
  source: string,
): DataError {
  const origin = options.roles === undefined ? undefined : rolesSource(options.roles);
  const keysOf = (name: string) =>
    (Object.keys(roles) as (keyof Roles)[]).filter((key) => {
      const v = roles[key];
      return key !== "targetUnit" && (v === name || (Array.isArray(v) && v.includes(name)));
    });
  const fromFile = (name: string) =>
    origin !== undefined && keysOf(name).some((key) => Object.hasOwn(options.roles!, key));
  const named = missing.map((name) => {
    const keys = keysOf(name);
    const how = origin === undefined
      ? ""
      : fromFile(name)
      ? `, key "${origin.section}.${keys.find((key) => Object.hasOwn(options.roles!, key))}"`
      : ", the default";
    return `"${name}" (${roleOf(roles, name)}${how})`;
  }).join(", ");
  const optional = missing.filter((name) => keysOf(name).some((k) => k !== "date" && k !== "target"));
  const where = origin === undefined ? "a roles file (--roles, or MMM_ROLES)" : `${origin.file}`;
  const remedy = `map ${missing.length === 1 ? "it" : "them"} to your column names in ${where}` +
    (optional.length > 0
      ? `, or, if the file has no such column, set a single role to null or a list role to [] there`
      : "");
  const problem = `the roles need ${missing.length === 1 ? "a column" : "columns"} not in the header of ` +
    `${source} (line ${headerLine}): ${named}; ${remedy}; the header has: ${header.join(", ")}`;
  const first = missing.find(fromFile);
  if (first !== undefined) {
    const key = keysOf(first).find((k) => Object.hasOwn(options.roles!, k))!;
    return new DataError(problem, { file: origin!.file, line: origin!.line(key), column: first });
  }
  return new DataError(problem, { file: source, line: headerLine, column: missing[0] });
}

/** A hint for dates written day- or month-first, as spreadsheets in many locales export them. */
function dateHint(cell: string): string {
  if (/^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(cell)) {
    return " (this looks day- or month-first, as spreadsheets write dates in many locales; format the " +
      "column as YYYY-MM-DD before exporting)";
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d/.test(cell)) return " (a date with a time: keep the date part only)";
  if (/^\d{5}(\.\d+)?$/.test(cell)) {
    return " (a spreadsheet serial number: format the column as a date, YYYY-MM-DD, before exporting)";
  }
  return "";
}

function notANumber(cell: string, role: string): string {
  const hint = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(cell)
    ? " (thousands separators are not supported: write 1234.5, not 1,234.5)"
    : /^[+-]?\d+,\d+$/.test(cell)
    ? " (use a point as the decimal separator)"
    : "";
  return `expected a number in this ${role} column, got ${JSON.stringify(cell)}${hint}`;
}

type Locate = (row: number, column?: string) => { file: string; line: number; column?: string };

function checkNonNegative(values: Float64Array, name: string, role: string, at: Locate): void {
  let first = -1, count = 0;
  for (let r = 0; r < values.length; r++) {
    if (values[r] < 0) {
      if (first < 0) first = r;
      count++;
    }
  }
  if (first >= 0) {
    const more = count > 1 ? ` (${count} negative cells in this column; the first is shown)` : "";
    throw new DataError(`negative ${role} value ${values[first]}; spend must be ≥ 0${more}`, at(first, name));
  }
}

function checkFlag(values: Float64Array, name: string, at: Locate): void {
  for (let r = 0; r < values.length; r++) {
    const v = values[r];
    if (v !== 0 && v !== 1 && !Number.isNaN(v)) {
      throw new DataError(`the promotion flag must be 0 or 1, got ${v}`, at(r, name));
    }
  }
}

/** The row order sorting by (geo, day), or undefined when the rows already are in that order. */
function sortOrder(geo: Int32Array, day: Float64Array): Int32Array | undefined {
  let sorted = true;
  for (let i = 1; i < day.length && sorted; i++) {
    sorted = geo[i - 1] < geo[i] || (geo[i - 1] === geo[i] && day[i - 1] <= day[i]);
  }
  if (sorted) return undefined;
  const order = Array.from({ length: day.length }, (_, i) => i);
  order.sort((a, b) => geo[a] - geo[b] || day[a] - day[b] || a - b);
  return Int32Array.from(order);
}

/** One warning saying why rows were reordered and how many moved. */
function sortWarning(
  order: Int32Array,
  geo: Int32Array,
  day: Float64Array,
  lines: Int32Array,
  geoNames: readonly string[],
  panel: boolean,
  source: string,
): string {
  let moved = 0;
  for (let i = 0; i < order.length; i++) if (order[i] !== i) moved++;
  const reasons: string[] = [];
  const lastRow = new Int32Array(Math.max(geoNames.length, 1)).fill(-1);
  let backwards = -1, interleaved = -1;
  for (let r = 0; r < day.length; r++) {
    const g = geo[r];
    const previous = lastRow[g];
    if (previous >= 0 && backwards < 0 && day[r] < day[previous]) {
      backwards = r;
      reasons.push(
        `dates out of order (${isoDate(day[r])} on line ${lines[r]} comes after ${
          isoDate(day[previous])
        } on line ` +
          `${lines[previous]}${panel ? ` in geo "${geoNames[g]}"` : ""})`,
      );
    }
    if (previous >= 0 && previous !== r - 1 && interleaved < 0) {
      interleaved = r;
      reasons.push(
        `rows of geo "${geoNames[g]}" are not together (line ${lines[r]} after line ${lines[previous]})`,
      );
    }
    lastRow[g] = r;
  }
  const by = panel ? "geo (in order of first appearance), then date" : "date";
  return `${source}: ${reasons.join("; ")}: rows sorted by ${by}, ${moved} of ${order.length} rows moved`;
}

/** Every geo must cover the same weeks; names the first geo that differs from the most common span. */
function checkBalanced(
  starts: readonly number[],
  day: Float64Array,
  line: Int32Array,
  geo: Int32Array,
  geoNames: readonly string[],
  roles: Roles,
  source: string,
): void {
  const spans = starts.slice(0, -1).map((start, s) => ({ start, weeks: starts[s + 1] - start }));
  const key = (s: { start: number; weeks: number }) => `${day[s.start]}:${s.weeks}`;
  const counts = new Map<string, number>();
  for (const s of spans) counts.set(key(s), (counts.get(key(s)) ?? 0) + 1);
  let common = spans[0];
  for (const s of spans) if (counts.get(key(s))! > counts.get(key(common))!) common = s;
  const odd = spans.find((s) => key(s) !== key(common));
  if (odd === undefined) return;
  const range = (s: { start: number; weeks: number }) =>
    `${s.weeks} weeks, ${isoDate(day[s.start])} to ${isoDate(day[s.start + s.weeks - 1])}`;
  const others = counts.get(key(common))!;
  throw new DataError(
    `geo "${geoNames[geo[odd.start]]}" has ${range(odd)}; ` +
      `${others === 1 ? `geo "${geoNames[geo[common.start]]}" has` : `${others} other geos have`} ${
        range(common)
      }; ` +
      `every geo needs the same weeks`,
    { file: source, line: line[odd.start], column: roles.geo },
  );
}

function permute(values: Float64Array, order: Int32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = values[order[i]];
  return out;
}

function permuteInt(values: Int32Array, order: Int32Array): Int32Array {
  const out = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = values[order[i]];
  return out;
}
