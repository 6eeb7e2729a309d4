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

/** Least time between two progress updates sent to the notebook, in milliseconds. */
export const PROGRESS_INTERVAL_MS = 250;

/** A display updated in place; see `progress`. */
export interface Progress {
  /**
   * Shows `text` in place of the previous text. Updates are sent one at a time, in order, at most one per
   * `PROGRESS_INTERVAL_MS`; a text superseded before its turn is skipped. The returned promise settles once
   * `text` (or a later text) is displayed, so the last update awaited is what the notebook keeps. Calling it
   * without `await` (from a synchronous search's callback) is safe: it cannot flood the kernel.
   */
  update(text: string): Promise<void>;
}

/**
 * A display that updates in place (one line for long work such as a search), instead of a line per step.
 *
 * The text a notebook keeps is the last update's, so make it a result in words (how many candidates, what was
 * chosen), never a timing: two runs must give the same notebook. `deno task report` echoes progress texts on
 * its console.
 *
 * @example
 * ```ts ignore
 * const p = await progress("search", "starting…");
 * search({ onProgress: (s) => void p.update(`${s.done} / ${s.total} candidates`) });
 * await p.update("Scored 10,000 candidates.");
 * ```
 */
export async function progress(id: string, initial: string): Promise<Progress> {
  const displayId = `mmm-progress-${id}`;
  await displayBundle({ "text/plain": initial }, { displayId });
  let lastSent = performance.now();
  let pending: string | undefined;
  let pump: Promise<void> | undefined;
  const drain = async () => {
    try {
      while (pending !== undefined) {
        const wait = lastSent + PROGRESS_INTERVAL_MS - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const text: string = pending;
        pending = undefined;
        await displayBundle({ "text/plain": text }, { displayId, update: true });
        lastSent = performance.now();
      }
    } finally {
      pump = undefined;
    }
  };
  return {
    update(text: string) {
      pending = text;
      return pump ??= drain();
    },
  };
}
