/**
 * The parsed table's cells read into what a `Dataset` is made of (see `parseDataset` in `load.ts`): the error
 * for role columns missing from the header, a day number per row, a geo index per row, and the numeric columns,
 * with the checks of each cell (dates, numbers, spend not negative, promotion flags 0 or 1).
 *
 * @module
 */

import { DataError, formatLocation } from "../errors.ts";
import { isMissingCell, parseDay, parseNumberCell } from "./cells.ts";
import { roleOf, rolesSource, spendColumns } from "./roles.ts";
import type { Roles } from "./types.ts";

/**
 * The error for role columns missing from the header. When a missing column was named by a roles file, the
 * error sits in the roles file, at the first such key, and names the CSV; otherwise it sits at the CSV's
 * header and says how to map the column (or drop an optional role).
 */
export function missingColumns(
  missing: readonly string[],
  roles: Roles,
  options: { readonly roles?: Partial<Roles> },
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

/**
 * The date of every file row as a day number (days since 1970-01-01), in file row order.
 *
 * @throws DataError at the first empty date or cell that is not a date, with a hint for dates written
 *   day- or month-first, with a time, or as spreadsheet serial numbers
 */
export function readDays(
  rows: readonly (readonly string[])[],
  dateColumn: number,
  roles: Roles,
  at: Locate,
): Float64Array {
  const n = rows.length;
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
  return days;
}

/**
 * The geo of every file row as an index into `geoNames`, geos numbered in order of first appearance.
 *
 * @throws DataError at the first empty geo cell (a truly empty one: "NA" is a geo code)
 */
export function readGeos(
  rows: readonly (readonly string[])[],
  geoColumn: number,
  roles: Roles,
  at: Locate,
): { geoOf: Int32Array; geoNames: string[] } {
  const n = rows.length;
  const geoOf = new Int32Array(n); // geo index per file row, geos numbered in order of first appearance
  const geoNames: string[] = [];
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
  return { geoOf, geoNames };
}

/**
 * Every numeric column but the date and geo, in file order and file row order, empty cells as NaN. A column no
 * role names whose cells are not all numbers, or all empty, is kept out with a warning pushed to `warnings`.
 *
 * @returns the columns by name, and the names of those with empty cells (to forward-fill)
 * @throws DataError for an empty target cell, a non-number in a role column, negative spend, or a promotion
 *   flag other than 0/1
 */
export function readColumns(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  roles: Roles,
  source: string,
  at: Locate,
  warnings: string[],
): { raw: Map<string, Float64Array>; withGaps: string[] } {
  const n = rows.length;
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
  return { raw, withGaps };
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

/** Where row `row` of the file (and a column) is, for a `DataError`. */
export type Locate = (row: number, column?: string) => { file: string; line: number; column?: string };

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
