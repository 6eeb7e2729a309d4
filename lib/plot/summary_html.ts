/**
 * HTML rendering of a regression summary (`summaryTable` in lib/models), laid out like statsmodels'
 * `summary()`: a two-column header of fit statistics, the coefficient table, the residual diagnostics, notes.
 *
 * @module
 */
import type { SummaryRow, SummaryTable } from "../models/summary.ts";
import { escapeHtml } from "./table.ts";

/** A displayable regression summary. */
export interface SummaryView {
  /** Discriminant for `show` and `Showable`: always `"summary"`. */
  readonly kind: "summary";
  /** The summary as HTML: header statistics, coefficient table, diagnostics and numbered notes. */
  readonly html: string;
  /** The `text/plain` fallback: the text passed to `summaryView` (e.g. `summaryText(fit)`), else the title. */
  readonly text: string;
}

function pairs(rows: readonly SummaryRow[]): string {
  const cell = (c: SummaryRow[number]) =>
    c
      ? `<th style="text-align:left;font-weight:500">${
        escapeHtml(c.label)
      }</th><td style="text-align:right">${escapeHtml(c.text.trim())}</td>`
      : "<th></th><td></td>";
  return rows.map(([a, b]) => `<tr>${cell(a)}<td style="width:2em"></td>${cell(b)}</tr>`).join("\n");
}

/**
 * Renders a summary as HTML (and keeps a plain-text fallback).
 *
 * @example
 * ```ts ignore
 * await show(summaryView(summaryTable(fit), summaryText(fit)));
 * ```
 */
export function summaryView(summary: SummaryTable, text = ""): SummaryView {
  const numeric = "text-align:right;font-variant-numeric:tabular-nums";
  const head = summary.coefficients.columns.map((c) => `<th style="${numeric}">${escapeHtml(c)}</th>`).join(
    "",
  );
  const body = summary.coefficients.rows.map((r) =>
    `<tr><th style="text-align:left;font-weight:500">${escapeHtml(r.term)}</th>${
      r.texts.map((t) => `<td style="${numeric}">${escapeHtml(t.trim())}</td>`).join("")
    }</tr>`
  ).join("\n");
  const notes = summary.notes.length > 0
    ? `<p style="font-size:90%">${
      summary.notes.map((n, i) => `[${i + 1}] ${escapeHtml(n)}`).join("<br>")
    }</p>`
    : "";
  const html = `<div class="mmm-summary"><p style="font-weight:600">${escapeHtml(summary.title)}</p>
<table class="mmm-table">${pairs(summary.header)}</table>
<table class="mmm-table"><thead><tr><th></th>${head}</tr></thead><tbody>${body}</tbody></table>
<table class="mmm-table">${pairs(summary.footer)}</table>${notes}</div>`;
  return { kind: "summary", html, text: text || summary.title };
}
