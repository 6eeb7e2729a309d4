/**
 * Markdown for narrative cells whose numbers come from variables.
 *
 * Prose is displayed as HTML rendered here (with a `text/markdown` fallback), not left to the notebook's
 * markdown renderer: Jupyter and nbconvert treat a pair of `$` as LaTeX math, so two money amounts in one
 * paragraph would swallow the text between them, and the `\$` escape is honoured by MathJax but not by
 * nbconvert's server-side renderer (nor offline, where MathJax does not load). The HTML sits in a
 * `tex2jax_ignore mathjax_ignore` container with `$` written as `&#36;`, so no renderer typesets it.
 *
 * @module
 */
import { num } from "./format.ts";
import { escapeHtml } from "./table.ts";

/** Markdown text to display. */
export interface Markdown {
  /** Discriminant for `show` and `Showable`: always `"markdown"`. */
  readonly kind: "markdown";
  /** The markdown source, numbers already formatted; shown as HTML (`markdownToHtml`) with this as fallback. */
  readonly text: string;
}

/**
 * Tagged template for markdown prose: interpolated numbers go through `num` (so no `0.30000000000000004`),
 * everything else through `String`. Format explicitly (`pct`, `money`) where the unit matters.
 *
 * @example
 * ```ts
 * md`R² is **${0.8123}**`.text; // "R² is **0.812**"
 * ```
 */
export function md(strings: TemplateStringsArray, ...values: unknown[]): Markdown {
  let text = strings[0];
  values.forEach((v, i) => {
    text += (typeof v === "number" ? num(v) : String(v)) + strings[i + 1];
  });
  return { kind: "markdown", text };
}

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, "$1<em>$2</em>")
    .replace(/\$/g, "&#36;");
}

/**
 * Renders the markdown subset the notebooks' prose uses: paragraphs (blank-line separated; single newlines
 * join), `- ` bullet lists, `**bold**`, `*italic*` and `` `code` ``. Everything else is escaped text.
 *
 * @example
 * ```ts
 * markdownToHtml("Gain **$5**\n\n- a\n- b");
 * // '<div class="tex2jax_ignore mathjax_ignore"><p>Gain <strong>&#36;5</strong></p><ul><li>a</li><li>b</li></ul></div>'
 * ```
 */
export function markdownToHtml(text: string): string {
  const blocks: string[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  const flushParagraph = () => {
    if (paragraph.length > 0) blocks.push(`<p>${inline(paragraph.join(" "))}</p>`);
    paragraph = [];
  };
  const flushList = () => {
    if (list.length > 0) blocks.push(`<ul>${list.map((item) => `<li>${inline(item)}</li>`).join("")}</ul>`);
    list = [];
  };
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const bullet = line.match(/^[-*]\s+(.*)$/);
    if (line === "") {
      flushParagraph();
      flushList();
    } else if (bullet) {
      flushParagraph();
      list.push(bullet[1]);
    } else if (list.length > 0 && paragraph.length === 0 && /^\s/.test(raw)) {
      list[list.length - 1] += " " + line; // continuation of a list item
    } else {
      flushList();
      paragraph.push(line);
    }
  }
  flushParagraph();
  flushList();
  return `<div class="tex2jax_ignore mathjax_ignore">${blocks.join("")}</div>`;
}
