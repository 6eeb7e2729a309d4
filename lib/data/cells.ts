/**
 * Reading single CSV cells: numbers, missing-value markers and calendar dates.
 *
 * @module
 */

/**
 * Cell texts read as "no value" (a subset of pandas' default `na_values`, `read_csv` docs): the empty
 * string, `NA`, `N/A`, `n/a`, `NaN`, `nan`, `NULL`, `null`, `None`, `#N/A`, `<NA>`.
 */
export const MISSING_MARKERS: ReadonlySet<string> = new Set([
  "",
  "NA",
  "N/A",
  "n/a",
  "NaN",
  "nan",
  "NULL",
  "null",
  "None",
  "#N/A",
  "<NA>",
]);

/**
 * Whether a (trimmed) cell holds no value (see `MISSING_MARKERS`).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(isMissingCell("NA"), true, 1e-9);
 * ```
 */
export function isMissingCell(text: string): boolean {
  return text.length === 0 || (text.length <= 4 && MISSING_MARKERS.has(text));
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A decimal number, as written in a CSV: optional sign, digits with an optional `.` fraction, optional
 * exponent (`-1.5e3`). Anything else (hex, `Infinity`, thousands separators, currency signs, a missing
 * marker) gives `NaN`; so does a value too large for a double.
 *
 * @param text the trimmed cell text
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(parseNumberCell("1.5e3"), 1500, 1e-9);
 * assertClose(parseNumberCell("1,500"), NaN, 1e-9);
 * ```
 */
export function parseNumberCell(text: string): number {
  if (!DECIMAL.test(text)) return NaN;
  const value = Number(text);
  return Number.isFinite(value) ? value : NaN;
}

const DATE = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * A calendar date written `YYYY-MM-DD` (ISO 8601) or `YYYY/MM/DD`, as a day number: whole days since
 * 1970-01-01 (UTC), so consecutive weeks differ by exactly 7. `NaN` for any other text and for dates
 * that do not exist (`2021-02-30`).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(parseDay("1970-01-08"), 7, 1e-9);
 * assertClose(parseDay("2021/1/4") === parseDay("2021-01-04"), true, 1e-9);
 * ```
 */
export function parseDay(text: string): number {
  const m = DATE.exec(text);
  if (m === null) return NaN;
  const year = Number(m[1]), month = Number(m[3]), day = Number(m[4]);
  if (month < 1 || month > 12 || day < 1) return NaN;
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2021-02-30 over to March; a round trip through the month catches it.
  if (new Date(ms).getUTCMonth() !== month - 1) return NaN;
  return ms / MS_PER_DAY;
}

/**
 * The ISO `YYYY-MM-DD` text of a day number (see `parseDay`).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(isoDate(7), "1970-01-08", 1e-9);
 * ```
 */
export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
