/**
 * Small inline CSV builders and a `DataError` assertion for the data-layer tests.
 *
 * Row i of a built table sits on line i + 2 (the header is line 1). Values are simple functions of the
 * row index so tests can state expected values from the definition.
 *
 * @module
 */

import { DataError } from "../../lib/errors.ts";
import { AssertionError, assertThrows } from "../assert.ts";

export const WEEKLY_HEADER = [
  "week",
  "facebook_spend",
  "google_spend",
  "tiktok_spend",
  "instagram_spend",
  "snapchat_spend",
  "social_followers",
  "average_price",
  "promotions",
  "emails_send",
  "sms_send",
  "revenue",
] as const;

export const GEO_HEADER = [
  "geo",
  "date",
  "tv_spend",
  "print_spend",
  "search_spend",
  "social_spend",
  "radio_spend",
  "tv_impressions",
  "print_impressions",
  "search_impressions",
  "social_impressions",
  "radio_impressions",
  "population",
  "competitor_sales_control",
  "sentiment_score_control",
  "sales",
] as const;

/** ISO date of week `i` counted from Monday 2024-01-01 (independent of the code under test). */
export function weekDate(i: number, first = "2024-01-01"): string {
  return new Date(Date.parse(first + "T00:00:00Z") + i * 7 * 86_400_000).toISOString().slice(0, 10);
}

/** A table as rows of cells, header first. */
export type Table = string[][];

/**
 * A valid weekly table of `weeks` rows: column c (1-based after the date) of row i holds `100 * c + i`,
 * except promotions (`i % 2`) and revenue (`1000 + i`).
 */
export function weeklyTable(weeks: number): Table {
  const rows: Table = [[...WEEKLY_HEADER]];
  for (let i = 0; i < weeks; i++) {
    rows.push(
      WEEKLY_HEADER.map((name, c) =>
        name === "week"
          ? weekDate(i)
          : name === "promotions"
          ? String(i % 2)
          : name === "revenue"
          ? String(1000 + i)
          : String(100 * c + i)
      ),
    );
  }
  return rows;
}

/**
 * A valid geo panel: for each geo g (0-based) and week i, column c (1-based after geo and date) holds
 * `1000 * g + 10 * c + i`; sales `5000 + 1000 * g + i`.
 */
export function geoTable(geos: readonly string[], weeks: number): Table {
  const rows: Table = [[...GEO_HEADER]];
  geos.forEach((geo, g) => {
    for (let i = 0; i < weeks; i++) {
      rows.push(
        GEO_HEADER.map((name, c) =>
          name === "geo"
            ? geo
            : name === "date"
            ? weekDate(i)
            : name === "sales"
            ? String(5000 + 1000 * g + i)
            : String(1000 * g + 10 * (c - 1) + i)
        ),
      );
    }
  });
  return rows;
}

/** Sets cell (row `row` counting the header as 0, column `name`). */
export function setCell(table: Table, row: number, name: string, value: string): Table {
  const j = table[0].indexOf(name);
  if (j < 0) throw new Error(`test bug: no column ${name}`);
  table[row][j] = value;
  return table;
}

/** Reads cell (row, column name) of a table. */
export function getCell(table: Table, row: number, name: string): string {
  return table[row][table[0].indexOf(name)];
}

/** Joins a table into CSV text (no quoting: cells must not contain commas or quotes). */
export function toCsv(table: Table, eol = "\n"): string {
  return table.map((row) => row.join(",")).join(eol) + eol;
}

/**
 * Asserts `fn` throws a `DataError` at `line` and `column` (undefined: none) whose message starts with the
 * location written out (`file, line N, column "c": `) and includes each of `parts`.
 */
export function assertDataError(
  fn: () => unknown,
  where: { file: string; line?: number; column?: string },
  ...parts: (string | RegExp)[]
): DataError {
  const error = assertThrows(fn, DataError);
  if (error.file !== where.file || error.line !== where.line || error.column !== where.column) {
    throw new AssertionError(
      `DataError at ${
        JSON.stringify({ file: error.file, line: error.line, column: error.column })
      }, expected ${JSON.stringify(where)}: ${error.message}`,
    );
  }
  let prefix = where.file;
  if (where.line !== undefined) prefix += `, line ${where.line}`;
  if (where.column !== undefined) prefix += `, column "${where.column}"`;
  prefix += ": ";
  if (!error.message.startsWith(prefix)) {
    throw new AssertionError(
      `message ${JSON.stringify(error.message)} does not start with ${JSON.stringify(prefix)}`,
    );
  }
  for (const part of parts) {
    const ok = typeof part === "string" ? error.message.includes(part) : part.test(error.message);
    if (!ok) throw new AssertionError(`message ${JSON.stringify(error.message)} lacks ${part}`);
  }
  return error;
}
