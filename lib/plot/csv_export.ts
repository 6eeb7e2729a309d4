/**
 * CSV for people and spreadsheets: RFC 4180 quoting, and text cells that a spreadsheet would run as a
 * formula neutralized.
 *
 * Formula injection (OWASP, "CSV Injection"): Excel, LibreOffice and Google Sheets evaluate a cell whose
 * text starts with `=`, `+`, `-` or `@` (and some also after a leading tab or carriage return). A text cell
 * starting with one of those is written with a leading apostrophe, which spreadsheets show as plain text.
 * Numbers are never changed: `-3.5` stays a number, so a negative contribution reads back as `-3.5`.
 *
 * @module
 */

/** A cell value: numbers and strings are written as they are, `null`/`undefined`/NaN as an empty cell. */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: numbers in shortest round-trip form (non-finite → empty), text neutralized (see module
 * doc) and quoted when it holds a comma, quote or line break.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * csvField("=SUM(A1:A3)"); // "'=SUM(A1:A3)"
 * assertClose(csvField(-2.5), "-2.5", 1e-9);
 * assertClose(csvField('say "hi", then go'), "\"say \"\"hi\"\", then go\"", 1e-9);
 * ```
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows of records as CSV text with a header line, in the given column order, LF line ends and a final
 * line break.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(toCsv([{ channel: "tv", roi: 1.5 }], ["channel", "roi"]), "channel,roi\ntv,1.5\n", 1e-9);
 * ```
 */
export function toCsv<T extends Record<string, CsvValue>>(
  rows: readonly T[],
  columns: readonly (keyof T & string)[],
): string {
  const lines = [columns.map(csvField).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(","));
  return lines.join("\n") + "\n";
}
