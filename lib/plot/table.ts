/**
 * Tables as plain data (a results value), rendered to HTML or text separately.
 *
 * @module
 */
import { num } from "./format.ts";

/** A cell value: numbers are formatted at render time, strings shown as they are. */
export type Cell = string | number | boolean | null | undefined;

/** Column → formatter for the numbers in it. */
export type Formats = Readonly<Record<string, (x: number) => string>>;

/**
 * A table: ordered columns, rows as records, optional caption, per-column number formats and header labels
 * (what a reader sees instead of the record key).
 */
export interface Table {
  /** Discriminant for `show` and `Showable`: always `"table"`. */
  readonly kind: "table";
  /** Title line above the table (an HTML `<caption>`, the first line of the text form); none when undefined. */
  readonly caption?: string;
  /** The record keys shown, in display order (a key a row lacks shows an empty cell). */
  readonly columns: readonly string[];
  /** Column key → header label; a key without a label is shown as it is. */
  readonly labels?: Readonly<Record<string, string>>;
  /** One record per row, in display order, keyed by column; values are formatted at render time (`formatCell`). */
  readonly rows: readonly Readonly<Record<string, Cell>>[];
  /** Column key → number formatter; numbers in a column without one go through `num` (three significant digits). */
  readonly formats?: Formats;
}

/**
 * Builds a table from records; columns default to the keys of the first row.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(table([{ channel: "tv", roi: 1.5 }], { caption: "ROI" }).columns, ["channel", "roi"], 1e-9);
 * assertClose(table([{ roiLow: 1 }], { labels: { roiLow: "ROI, low" } }).labels, { roiLow: "ROI, low" }, 1e-9);
 * ```
 */
export function table<T extends object>(
  rows: readonly T[],
  options: {
    caption?: string;
    columns?: readonly (keyof T & string)[] | readonly string[];
    formats?: Formats;
    labels?: Readonly<Record<string, string>>;
  } = {},
): Table {
  const columns = options.columns ?? (rows.length > 0 ? Object.keys(rows[0]) : []);
  return {
    kind: "table",
    caption: options.caption,
    columns,
    rows: rows as unknown as readonly Readonly<Record<string, Cell>>[],
    formats: options.formats,
    labels: options.labels,
  };
}

/** The header a reader sees for a column: its label, or the key itself. */
export function columnLabel(t: Table, column: string): string {
  return t.labels?.[column] ?? column;
}

/**
 * Formats one cell for display: numbers through the column's format, booleans as "yes"/"no" (a reader should
 * not see `true`), missing values as an empty cell.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(formatCell(true), "yes", 1e-9);
 * ```
 */
export function formatCell(value: Cell, format?: (x: number) => string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return (format ?? num)(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/** Escapes text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The table as an HTML `<table>` (numbers right-aligned, tabular figures). */
export function tableHtml(t: Table): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(columnLabel(t, c))}</th>`).join("");
  const body = t.rows.map((row) =>
    "<tr>" + t.columns.map((c) => {
      const v = row[c];
      const align = typeof v === "number"
        ? ' style="text-align:right;font-variant-numeric:tabular-nums"'
        : "";
      return `<td${align}>${escapeHtml(formatCell(v, t.formats?.[c]))}</td>`;
    }).join("") + "</tr>"
  ).join("\n");
  const caption = t.caption
    ? `<caption style="caption-side:top;text-align:left;font-weight:600">${escapeHtml(t.caption)}</caption>`
    : "";
  return `<table class="mmm-table">${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The table as fixed-width text (for `text/plain` and logs). */
export function tableText(t: Table): string {
  const cells = t.rows.map((row) => t.columns.map((c) => formatCell(row[c], t.formats?.[c])));
  const heads = t.columns.map((c) => columnLabel(t, c));
  const widths = heads.map((h, j) => Math.max(h.length, ...cells.map((r) => r[j].length)));
  const line = (r: readonly string[]) => r.map((s, j) => s.padStart(widths[j])).join("  ");
  return [t.caption ?? "", line(heads), ...cells.map(line)].filter((s) => s !== "").join("\n");
}
