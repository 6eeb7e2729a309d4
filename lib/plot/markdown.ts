/**
 * Markdown for narrative cells whose numbers come from variables.
 *
 * @module
 */
import { num } from "./format.ts";

/** Markdown text to display. */
export interface Markdown {
  readonly kind: "markdown";
  readonly text: string;
}

/**
 * Tagged template for markdown prose: interpolated numbers go through `num` (so no `0.30000000000000004`),
 * everything else through `String`. Format explicitly (`pct`, `money`) where the unit matters.
 *
 * Dollar signs in interpolated values are escaped (`\$`): Jupyter and nbconvert read a pair of `$` as LaTeX
 * math, which would swallow the text between two money amounts.
 *
 * @example
 * md`R² is **${0.8123}**`.text; // "R² is **0.812**"
 */
export function md(strings: TemplateStringsArray, ...values: unknown[]): Markdown {
  let text = strings[0];
  values.forEach((v, i) => {
    text += escapeDollars(typeof v === "number" ? num(v) : String(v)) + strings[i + 1];
  });
  return { kind: "markdown", text };
}

/** Escapes `$` (not already escaped) so markdown renderers do not start LaTeX math. */
export function escapeDollars(s: string): string {
  return s.replace(/(?<!\\)\$/g, "\\$");
}
