/**
 * CSV text to a header and string rows, each row with the line it starts on, through `csv-parse`.
 *
 * @module
 */

import { parse } from "csv-parse/sync";
import { DataError } from "../errors.ts";

/** A parsed CSV: trimmed header names, string rows, and the 1-based line each row starts on. */
export interface CsvTable {
  /** Header names, surrounding whitespace removed, each unique and non-empty. */
  readonly header: readonly string[];
  /** Data rows (header excluded), every one with `header.length` fields, fields trimmed. */
  readonly rows: readonly (readonly string[])[];
  /** 1-based line on which each data row starts, as an editor numbers them (the header is line 1). */
  readonly lines: Int32Array;
  /** Line of the header (1 unless blank lines, or an Excel `sep=` line, precede it). */
  readonly headerLine: number;
  /** The field separator and decimal mark the file was read with. */
  readonly dialect: CsvDialect;
  /** What was read other than as plain comma-separated UTF-8, in words, each naming the file and line. */
  readonly warnings: readonly string[];
}

/** How a CSV file writes fields and decimals. */
export interface CsvDialect {
  /** Field separator: `,` (RFC 4180), or `;` / tab as European Excel exports and TSV files use. */
  readonly delimiter: "," | ";" | "\t";
  /**
   * Decimal mark of the numbers: `.`, or `,` (only possible with another field separator). With `,`, cells
   * like `1234,5` come back as `1234.5`.
   */
  readonly decimal: "." | ",";
}

/**
 * Parses CSV text (RFC 4180: comma-separated, `"`-quoted fields with `""` for a quote, line breaks
 * allowed inside quotes) into a header and rows. A UTF-8 byte order mark is dropped, LF and CRLF line
 * endings are both read, fields and header names are trimmed, blank lines are skipped.
 *
 * Dialects other than RFC 4180's are read too, each with a warning (in `warnings`):
 * - an Excel `sep=;` (or `sep=,`, `sep=<tab>`) first line names the separator; it is used and the line
 *   skipped (line numbers still count it);
 * - otherwise the separator is the one of `,`, `;` and tab that splits the header into the most fields
 *   (ties go to the comma), so a European Excel export (`;`) is read as such instead of as one column;
 * - with a `;` or tab separator, numbers may use a decimal comma (`1234,5`, as Excel writes them where the
 *   comma is the decimal mark): such cells come back as `1234.5`. In such a file a cell with points as
 *   thousands separators (`1.234,5`, `1.234`) is an error rather than a guess.
 *
 * Line numbers count physical lines, so a row after a quoted multi-line field keeps the line an editor
 * shows. Line breaks are normalized to LF first (so a line break inside a quoted field comes back as
 * `\n`). Text with quotes goes through `csv-parse`; plain text, where RFC 4180 reduces to splitting
 * lines and separators, is split directly (same result, several times faster).
 *
 * @param text the file's contents (decoded: see `decodeText`)
 * @param source the file name, for errors
 * @throws DataError naming the file, line and (where known) column: an empty file, malformed quoting,
 *   a row with a different number of fields than the header, an empty or duplicated header name, an
 *   unsupported `sep=` separator, a thousands-separated number in a decimal-comma file
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(readCsv("a,b\n1,2\n", "x.csv").rows, [["1", "2"]], 1e-9);
 * readCsv("a;b\n1,5;2\n", "x.csv").rows; // [["1.5", "2"]], with a warning naming the dialect
 * ```
 */
export function readCsv(text: string, source: string): CsvTable {
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") {
    throw new DataError("the file is empty; expected a header line followed by data rows", { file: source });
  }
  // One kind of line break (CRLF and bare CR become LF) keeps csv-parse's line count exact: it counts a
  // CRLF inside quotes, or a CR in a file it reads as LF-delimited, as two lines.
  if (body.includes("\r")) body = body.replace(/\r\n?/g, "\n");
  const warnings: string[] = [];
  const first = firstLine(body);
  let delimiter: CsvDialect["delimiter"];
  const sep = SEP_LINE.exec(first.text);
  if (sep !== null) {
    const declared = sep[1];
    if (declared !== "," && declared !== ";" && declared !== "\t") {
      throw new DataError(
        `an Excel "sep=" line declares the separator ${JSON.stringify(declared)}; ` +
          `only comma, semicolon and tab are read: export the sheet as "CSV UTF-8 (Comma delimited)"`,
        { file: source, line: first.line },
      );
    }
    delimiter = declared;
    body = body.slice(0, first.start) + body.slice(first.end); // keeps the line break: lines still count it
    warnings.push(
      `${source}, line ${first.line}: an Excel "sep=${
        declared === "\t" ? "<tab>" : declared
      }" line names the field separator; read the file as ${
        SEPARATOR_NAME[declared]
      }-separated and skipped that line`,
    );
    if (body.trim() === "") {
      throw new DataError(
        `the file has only an Excel "sep=" line; expected a header line followed by data rows`,
        { file: source, line: first.line },
      );
    }
  } else {
    const counts = { ",": countOutsideQuotes(first.text, ","), ";": 0, "\t": 0 };
    counts[";"] = countOutsideQuotes(first.text, ";");
    counts["\t"] = countOutsideQuotes(first.text, "\t");
    delimiter = counts[";"] > counts[","] && counts[";"] >= counts["\t"]
      ? ";"
      : counts["\t"] > counts[","] && counts["\t"] > counts[";"]
      ? "\t"
      : ",";
    if (delimiter !== ",") {
      warnings.push(
        `${source}, line ${first.line}: the header is ${SEPARATOR_NAME[delimiter]}-separated (${
          counts[delimiter] + 1
        } fields; ${counts[","] + 1} when split at commas)${
          delimiter === ";" ? ", as Excel exports CSV where the comma is the decimal mark" : ""
        }; read the file as ${SEPARATOR_NAME[delimiter]}-separated`,
      );
    }
  }
  const { records, starts } = body.includes('"')
    ? parseQuoted(body, source, delimiter)
    : parsePlain(body, source, delimiter);
  const names = records[0].map((name) => name.trim());
  const headerLine = starts[0];
  const seen = new Map<string, number>();
  names.forEach((name, j) => {
    if (name === "") {
      throw new DataError(`header field ${j + 1} has no name; every column needs one`, {
        file: source,
        line: headerLine,
      });
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw new DataError(`duplicated header name (fields ${first + 1} and ${j + 1}); names must be unique`, {
        file: source,
        line: headerLine,
        column: name,
      });
    }
    seen.set(name, j);
  });
  const rows = records.slice(1);
  const lines = Int32Array.from(starts.slice(1));
  const decimal = delimiter === "," ? "." : readDecimalCommas(rows, lines, names, source, warnings);
  warnReplacementCharacter(body, source, warnings);
  return { header: names, rows, lines, headerLine, dialect: { delimiter, decimal }, warnings };
}

/** An Excel separator line: `sep=;` (optionally quoted, optionally followed by separators Excel pads with). */
const SEP_LINE = /^\s*"?sep=(.)"?[,;\t]*\s*$/i;
const SEPARATOR_NAME = { ",": "comma", ";": "semicolon", "\t": "tab" } as const;
/** A number written with a decimal comma: `1234,5`, `-0,25`, `,5`, `1,5e3`. */
const DECIMAL_COMMA = /^[+-]?(?:\d+,\d+|,\d+)(?:[eE][+-]?\d+)?$/;
/** A number with points as thousands separators: `1.234`, `12.345.678,9`. */
const GROUPED_POINTS = /^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;

/** The first non-blank line of LF-separated text: its 1-based number, its text, and where it sits. */
function firstLine(body: string): { line: number; text: string; start: number; end: number } {
  let from = 0;
  for (let line = 1;; line++) {
    let to = body.indexOf("\n", from);
    if (to === -1) to = body.length;
    const text = body.slice(from, to);
    if (text.trim() !== "" || to === body.length) return { line, text, start: from, end: to };
    from = to + 1;
  }
}

/** Occurrences of `char` in a line, outside `"`-quoted stretches. */
function countOutsideQuotes(line: string, char: string): number {
  let count = 0, quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === char && !quoted) count++;
  }
  return count;
}

/**
 * In a `;`- or tab-separated table, rewrites decimal-comma numbers (`1234,5`) to `1234.5` in place and says
 * so in a warning; returns the decimal mark found. With decimal commas, a number with points as thousands
 * separators is an error (is `1.234` one thousand two hundred thirty-four, or one and a bit?).
 */
function readDecimalCommas(
  rows: string[][],
  lines: Int32Array,
  header: readonly string[],
  source: string,
  warnings: string[],
): "." | "," {
  let first: { row: number; column: number } | undefined;
  for (let r = 0; r < rows.length && first === undefined; r++) {
    const row = rows[r];
    for (let j = 0; j < row.length; j++) {
      if (DECIMAL_COMMA.test(row[j])) {
        first = { row: r, column: j };
        break;
      }
    }
  }
  if (first === undefined) return ".";
  const example = rows[first.row][first.column];
  let count = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let j = 0; j < row.length; j++) {
      const cell = row[j];
      if (DECIMAL_COMMA.test(cell)) {
        row[j] = cell.replace(",", ".");
        count++;
      } else if (GROUPED_POINTS.test(cell)) {
        throw new DataError(
          `${JSON.stringify(cell)} has points as thousands separators, in a file that writes decimals ` +
            `with a comma (e.g. ${JSON.stringify(example)} on line ${
              lines[first.row]
            }); the number is ambiguous. Write numbers without thousands separators (in Excel: Format ` +
            `Cells > Number, untick "Use 1000 Separator"), or export with a point as the decimal mark`,
          { file: source, line: lines[r], column: header[j] },
        );
      }
    }
  }
  warnings.push(
    `${source}, line ${lines[first.row]}, column "${header[first.column]}": numbers are written with a ` +
      `decimal comma (${JSON.stringify(example)}); read ${count} such cells with the comma as the decimal ` +
      `mark (${JSON.stringify(example)} as ${example.replace(",", ".")})`,
  );
  return ",";
}

/** A warning when the text already holds U+FFFD: characters were lost before the file reached us. */
function warnReplacementCharacter(body: string, source: string, warnings: string[]): void {
  const at = body.indexOf("\uFFFD");
  if (at < 0) return;
  let line = 1;
  for (let i = 0; i < at; i++) if (body.charCodeAt(i) === 10) line++;
  warnings.push(
    `${source}, line ${line}: the text contains the replacement character "\uFFFD", so characters were ` +
      `lost when this file was written or decoded; names with accents may not match. Re-export the file as UTF-8`,
  );
}

interface Records {
  readonly records: string[][];
  /** 1-based line each record starts on. */
  readonly starts: number[];
}

/**
 * Fast path for text without quotes, where RFC 4180 reduces to splitting lines on LF and fields at the
 * separator.
 * Same result as `parseQuoted` on such text, several times faster on the 6,240-row panel.
 */
function parsePlain(body: string, source: string, delimiter: string): Records {
  const records: string[][] = [];
  const starts: number[] = [];
  let width = -1;
  let from = 0;
  for (let line = 1; from <= body.length; line++) {
    let to = body.indexOf("\n", from);
    if (to === -1) to = body.length;
    const text = body.slice(from, to);
    from = to + 1;
    if (text.trim() === "") continue;
    const fields = text.split(delimiter);
    for (let j = 0; j < fields.length; j++) fields[j] = fields[j].trim();
    if (width < 0) width = fields.length;
    else if (fields.length !== width) throw raggedError(source, line, width, fields.length, delimiter);
    records.push(fields);
    starts.push(line);
  }
  return { records, starts };
}

/** The general path, through csv-parse: quoted fields, doubled quotes, line breaks inside quotes. */
function parseQuoted(body: string, source: string, delimiter: string): Records {
  const starts: number[] = [];
  let header: readonly string[] | undefined;
  let lastEnd = 0;
  let records: string[][];
  try {
    records = parse(body, {
      delimiter,
      trim: true,
      skip_empty_lines: true,
      on_record: (record: string[], context: { lines: number }) => {
        starts.push(context.lines - lineBreaks(record));
        lastEnd = context.lines;
        header ??= record;
        return record;
      },
    });
  } catch (error) {
    throw csvError(error, source, header, lastEnd, delimiter);
  }
  return { records, starts };
}

function raggedError(
  source: string,
  line: number | undefined,
  expected: number,
  got: number,
  delimiter: string,
): DataError {
  const name = delimiter === "," ? "comma" : delimiter === ";" ? "semicolon" : "tab";
  const hint = got > expected
    ? `; a ${name} inside a value? Quote the value`
    : `; a value missing? Leave an empty field between ${name}s instead`;
  return new DataError(`expected ${expected} fields as in the header, got ${got}${hint}`, {
    file: source,
    line,
  });
}

/** Line breaks inside a record's (quoted) fields. */
function lineBreaks(record: readonly string[]): number {
  let count = 0;
  for (const field of record) {
    for (let at = field.indexOf("\n"); at !== -1; at = field.indexOf("\n", at + 1)) count++;
  }
  return count;
}

/** Translates a csv-parse error (code, line, field index) into a `DataError` in words. */
function csvError(
  error: unknown,
  source: string,
  header: readonly string[] | undefined,
  lastEnd: number,
  delimiter: string,
): Error {
  const e = error as { code?: string; lines?: number; column?: unknown; record?: string[]; message?: string };
  if (typeof e?.code !== "string") return error as Error;
  const line = typeof e.lines === "number" ? e.lines : undefined;
  const column = header !== undefined && typeof e.column === "number" ? header[e.column]?.trim() : undefined;
  switch (e.code) {
    case "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH": {
      const start = line === undefined || e.record === undefined ? line : line - lineBreaks(e.record);
      return raggedError(source, start, header?.length ?? NaN, e.record?.length ?? NaN, delimiter);
    }
    case "CSV_QUOTE_NOT_CLOSED":
      return new DataError(
        "a quote opened in this row is never closed (the file ends inside quotes)",
        { file: source, line: lastEnd + 1, column },
      );
    case "INVALID_OPENING_QUOTE":
    case "CSV_INVALID_OPENING_QUOTE":
      return new DataError(
        `a quote inside an unquoted value; quote the whole value and double the inner quotes ("")`,
        { file: source, line, column },
      );
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return new DataError(
        `text after a closing quote; a quoted value must end at the comma or line end, with inner quotes doubled ("")`,
        { file: source, line, column },
      );
    default:
      return new DataError(`cannot parse the CSV (${e.code}: ${e.message})`, { file: source, line, column });
  }
}
