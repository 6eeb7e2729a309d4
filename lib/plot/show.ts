/**
 * `show`: displays a table, figure, markdown or text in the notebook, and returns the HTML it displayed (so
 * the same call is testable outside the kernel).
 *
 * @module
 */
import { displayBundle } from "./kernel.ts";
import type { Figure } from "./figure.ts";
import { type Markdown, markdownToHtml } from "./markdown.ts";
import type { SummaryView } from "./summary_html.ts";
import { type Table, tableHtml, tableText } from "./table.ts";

/** Anything `show` can display. */
export type Showable = Table | Figure | Markdown | SummaryView | string;

/** The MIME bundle for a showable value (HTML for tables and figures, markdown for prose). */
export function bundleOf(value: Showable): Record<string, string> {
  if (typeof value === "string") return { "text/plain": value };
  switch (value.kind) {
    case "table":
      return { "text/html": tableHtml(value), "text/plain": tableText(value) };
    case "figure":
      return { "text/html": value.html, "text/plain": `[figure: ${value.title}]` };
    case "markdown":
      return {
        "text/html": markdownToHtml(value.text),
        "text/markdown": value.text,
        "text/plain": value.text,
      };
    case "summary":
      return { "text/html": value.html, "text/plain": value.text };
  }
}

/** Displays each value in order (explicitly: nbconvert may drop a cell's last-expression result). */
export async function show(...values: Showable[]): Promise<void> {
  for (const v of values) await displayBundle(bundleOf(v));
}

/**
 * A display that updates in place (one line for long work such as a search), instead of a line per step.
 *
 * @example
 * const p = await progress("search", "starting…");
 * await p.update("1,000 / 10,000 candidates");
 */
export async function progress(
  id: string,
  initial: string,
): Promise<{ update(text: string): Promise<void> }> {
  const displayId = `mmm-progress-${id}`;
  await displayBundle({ "text/plain": initial }, { displayId });
  return { update: (text: string) => displayBundle({ "text/plain": text }, { displayId, update: true }) };
}
