/**
 * Errors meant for people: each names what was wrong, where, and what was expected.
 *
 * `DataError` points into an input file (file, 1-based line as an editor shows it, column name).
 * `ModelError` names the cause of a failed fit (for a rank-deficient design, the collinear columns).
 *
 * @module
 */

/** Where in an input file a problem sits. `line` is 1-based and counts the header as line 1. */
export interface DataLocation {
  /** Path of the input file. */
  readonly file: string;
  /** 1-based line (the header is line 1), when the problem is in one row. */
  readonly line?: number;
  /** Column name, when the problem is in one column. */
  readonly column?: string;
}

/**
 * A problem with input data, located in its file.
 *
 * @example
 * ```ts
 * import { assertClose } from "../tests/doc_assert.ts";
 * const e = new DataError("expected a number, got \"abc\"", { file: "data/x.csv", line: 12, column: "tv_spend" });
 * assertClose(e.message, 'data/x.csv, line 12, column "tv_spend": expected a number, got "abc"');
 * ```
 */
export class DataError extends Error {
  /** Path of the input file. */
  readonly file: string;
  /** 1-based line (the header is line 1), when known. */
  readonly line?: number;
  /** Column name, when known. */
  readonly column?: string;
  /** What was wrong, without the location (the message is `location: problem`). */
  readonly problem: string;
  /** A DataError whose message is `formatLocation(where): problem` (`problem`: what was wrong, what was expected). */
  constructor(problem: string, where: DataLocation) {
    super(`${formatLocation(where)}: ${problem}`);
    this.name = "DataError";
    this.problem = problem;
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }
}

/** Renders a location as `file, line N, column "c"`, leaving out the parts that are unknown. */
export function formatLocation(where: DataLocation): string {
  const parts = [where.file];
  if (where.line !== undefined) parts.push(`line ${where.line}`);
  if (where.column !== undefined) parts.push(`column "${where.column}"`);
  return parts.join(", ");
}

/** A model that cannot be fitted as asked, with the cause in words (and, where known, the columns). */
export class ModelError extends Error {
  /** The columns involved (for a rank-deficient design, the collinear ones); empty when none is named. */
  readonly columns: readonly string[];
  /** A ModelError with the cause in words and the columns involved, if any. */
  constructor(message: string, columns: readonly string[] = []) {
    super(message);
    this.name = "ModelError";
    this.columns = columns;
  }
}
