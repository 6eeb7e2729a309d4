/**
 * The report's HTML pages: executed notebooks through `jupyter nbconvert --to html` with the project's own
 * template (`tools/html_template/mmm`), then navigation, a table of contents and a footer filled in here.
 *
 * - **Slim and self-contained.** The template keeps JupyterLab's cell markup (lab/base.html.j2) and drops
 *   lab/index.html.j2's ~545 KB of inlined CSS, require.js and MathJax (Debian's template points at
 *   `file:///usr/share/javascript/...`, missing on most machines). One small stylesheet is inlined; a page
 *   loads nothing from outside its folder, which `externalLoads` checks before a page is written.
 * - **Two flavours.** Full pages show code and outputs. Executive pages (`--no-input`) leave out cells tagged
 *   `technical` (cell metadata `tags`; `technical-outputs` removes a cell's outputs, an output whose metadata
 *   tags hold `technical` is removed alone: nbconvert's TagRemovePreprocessor) and, in the template, every
 *   output not written for readers: plain-text displays (publishResults' "Results written to …", progress and
 *   status lines, raw echoes such as `true`) and streams.
 * - **Navigation on every page**: all reports, the summary, the previous and next notebook, the other flavour;
 *   contents from the markdown headings; a footer with the inputs (file and short SHA-256) and the run date.
 *
 * @module
 */
import { run } from "./jupyter.ts";
import { type Inputs, inputsList } from "./report_index.ts";

const TEMPLATE_DIR = new URL("./html_template", import.meta.url).pathname;

/** Which page of a report: with code, or for stakeholders. */
export type Flavour = "full" | "executive";

/** A report in the folder, as the navigation names it. */
export interface ReportLink {
  readonly name: string;
  readonly title: string;
}

/** What a page's navigation and footer say. */
export interface PageContext {
  readonly name: string;
  readonly flavour: Flavour;
  /** Every report in the folder, in order (the pager walks this list). */
  readonly reports: readonly ReportLink[];
  /** The inputs the report was made from, and the run's date (null when not recorded). */
  readonly inputs: Inputs | null;
  readonly date: string | null;
}

/** A markdown heading of a page, as nbconvert renders it (`<h2 id="…">…</h2>`). */
export interface Heading {
  readonly level: number;
  /** The `id` attribute as written in the page (already escaped for an attribute). */
  readonly id: string;
  /** The heading's HTML text, tags and the anchor link removed (entities kept). */
  readonly html: string;
}

/** The cell tag that keeps a cell out of executive pages. */
export const TECHNICAL_TAG = "technical";

const MARKERS = { nav: "<!--mmm:nav-->", toc: "<!--mmm:toc-->", footer: "<!--mmm:footer-->" } as const;

/**
 * The markdown headings of a page (levels 1–3) in order. Only headings with an `id` count: nbconvert gives
 * one to every markdown heading, while figure titles inside outputs have none.
 *
 * @example
 * headings('<h2 id="Fit">Fit<a class="anchor-link" href="#Fit">&#182;</a></h2>'); // [{ level: 2, id: "Fit", html: "Fit" }]
 */
export function headings(html: string): Heading[] {
  const out: Heading[] = [];
  for (const m of html.matchAll(/<h([1-3])\s+id="([^"]+)"[^>]*>([\s\S]*?)<\/h\1>/g)) {
    const text = m[3].replace(/<a\s+class="anchor-link"[\s\S]*?<\/a>/g, "").replace(/<[^>]+>/g, "").trim();
    if (text) out.push({ level: Number(m[1]), id: m[2], html: text });
  }
  return out;
}

const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
const text = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The table of contents: level-2 and level-3 headings (the level-1 heading is the page's title). */
export function tableOfContents(list: readonly Heading[]): string {
  const items = list.filter((h) => h.level >= 2);
  if (items.length === 0) return "";
  return `<aside class="mmm-toc"><nav aria-label="Contents"><h2>Contents</h2><ol>${
    items.map((h) => `<li class="mmm-toc-${h.level}"><a href="#${h.id}">${h.html}</a></li>`).join("")
  }</ol></nav></aside>`;
}

/** The bar at the top of a page: all reports, the summary, previous and next notebook, the other flavour. */
export function navigation(ctx: PageContext): string {
  const root = ctx.flavour === "executive" ? "../" : "";
  const i = ctx.reports.findIndex((r) => r.name === ctx.name);
  const prev = i > 0 ? ctx.reports[i - 1] : undefined;
  const next = i >= 0 && i < ctx.reports.length - 1 ? ctx.reports[i + 1] : undefined;
  const here = ctx.reports[i]?.title ?? ctx.name;
  const other = ctx.flavour === "executive"
    ? `<a class="mmm-flavour" href="../${attr(ctx.name)}.html">Full report with code</a>`
    : `<a class="mmm-flavour" href="executive/${attr(ctx.name)}.html">Executive version</a>`;
  return `<header class="mmm-bar"><nav aria-label="Reports" class="mmm-pager">` +
    `<a href="${root}index.html">All reports</a><a href="${root}summary.html">Summary</a>` +
    (prev
      ? `<a rel="prev" href="${attr(prev.name)}.html">← ${text(prev.title)}</a>`
      : `<span class="mmm-off">← first report</span>`) +
    `<span class="mmm-here" aria-current="page">${text(here)}</span>` +
    (next
      ? `<a rel="next" href="${attr(next.name)}.html">${text(next.title)} →</a>`
      : `<span class="mmm-off">last report →</span>`) +
    `</nav>${other}</header>`;
}

/** The footer: what the report was made from (inputs with short SHA-256), when, and its companion files. */
export function pageFooter(ctx: PageContext): string {
  const root = ctx.flavour === "executive" ? "../" : "";
  const made = ctx.date
    ? `Run on ${text(ctx.date)} by <code>deno task report</code>.`
    : "Run date not recorded.";
  const inputs = ctx.inputs ? `<p>Inputs:</p>${inputsList(ctx.inputs)}` : "<p>Inputs not recorded.</p>";
  return `<footer class="mmm-footer"><p>${made}</p>${inputs}<p>` +
    `<a href="${root}notebooks/${attr(ctx.name)}.ipynb">Executed notebook</a> · ` +
    `<a href="${root}results/${attr(ctx.name)}.json">Results JSON</a> · ` +
    `<a href="${root}index.html">All reports</a></p></footer>`;
}

/** Fills a page rendered with the project's template: navigation, contents and footer. */
export function decoratePage(html: string, ctx: PageContext): string {
  for (const m of Object.values(MARKERS)) {
    if (!html.includes(m)) {
      throw new Error(`${ctx.name}.html was not rendered with tools/html_template/mmm (no ${m} in it)`);
    }
  }
  return html
    .replace(MARKERS.nav, () => navigation(ctx))
    .replace(MARKERS.toc, () => tableOfContents(headings(html)))
    .replace(MARKERS.footer, () => pageFooter(ctx));
}

/**
 * What a page would load from outside its report folder: `src`, `<link href>`, `<object data>`, `srcset`,
 * `poster` and CSS `url(…)`/`@import` references that are absolute (`/…`), carry a scheme other than `data:`
 * (`file:`, `https:`, …) or are protocol-relative (`//…`). Hyperlinks (`<a href>`) are not loads.
 *
 * @example
 * externalLoads('<script src="file:///usr/share/javascript/requirejs/require.min.js"></script>'); // ["file:///usr/share/javascript/requirejs/require.min.js"]
 */
export function externalLoads(html: string): string[] {
  const refs: string[] = [];
  for (
    const m of html.matchAll(
      /<(?:script|img|iframe|source|audio|video|embed|input|track)\b[^>]*?\s(?:src|poster)\s*=\s*["']([^"']*)["']/gi,
    )
  ) {
    refs.push(m[1]);
  }
  for (const m of html.matchAll(/<link\b[^>]*?\shref\s*=\s*["']([^"']*)["']/gi)) refs.push(m[1]);
  for (const m of html.matchAll(/<object\b[^>]*?\sdata\s*=\s*["']([^"']*)["']/gi)) refs.push(m[1]);
  for (const m of html.matchAll(/\ssrcset\s*=\s*["']([^"']*)["']/gi)) {
    for (const part of m[1].split(",")) refs.push(part.trim().split(/\s+/)[0]);
  }
  for (const m of html.matchAll(/url\(\s*["']?([^"')]*)["']?\s*\)|@import\s+["']([^"']+)["']/gi)) {
    refs.push(m[1] ?? m[2]);
  }
  return refs.filter((r) => r !== "" && !r.startsWith("#") && !/^data:/i.test(r))
    .filter((r) => r.startsWith("/") || /^[a-z][a-z0-9+.-]*:/i.test(r));
}

/**
 * Drops Pygments' whitespace spans (`<span class="w"> </span>` around every token of highlighted code, about a
 * fifth of a full page), keeping the whitespace itself.
 *
 * @example
 * slimCode('<span class="nx">a</span><span class="w"> </span><span class="o">=</span>'); // '<span class="nx">a</span> <span class="o">=</span>'
 */
export function slimCode(html: string): string {
  return html.replace(/<span class="w">(\s*)<\/span>/g, "$1");
}

/** nbconvert's arguments for a flavour (template, prompts, and for executive pages the tag filters). */
export function nbconvertArgs(flavour: Flavour, outDir: string, inputs: readonly string[]): string[] {
  return [
    "nbconvert",
    "--to",
    "html",
    `--TemplateExporter.extra_template_basedirs=${TEMPLATE_DIR}`,
    "--template",
    "mmm",
    "--no-prompt",
    ...(flavour === "executive"
      ? [
        "--no-input",
        "--TagRemovePreprocessor.enabled=True",
        `--TagRemovePreprocessor.remove_cell_tags=${TECHNICAL_TAG}`,
        `--TagRemovePreprocessor.remove_all_outputs_tags=${TECHNICAL_TAG}-outputs`,
        `--TagRemovePreprocessor.remove_single_output_tags=${TECHNICAL_TAG}`,
      ]
      : []),
    "--output-dir",
    outDir,
    ...inputs,
  ];
}

/** What `renderPages` needs. */
export interface RenderOptions {
  /** Executed notebooks (`<dir>/<name>.ipynb`). */
  readonly executed: readonly string[];
  /** Where full pages go; executive pages go to `<outDir>/executive`. */
  readonly outDir: string;
  /** Every report the folder will hold, in order, for the pager. */
  readonly reports: readonly ReportLink[];
  /** Inputs and date per report name. */
  readonly made: Readonly<Record<string, { readonly inputs: Inputs; readonly date: string } | undefined>>;
  readonly env: Record<string, string>;
  readonly signal?: AbortSignal;
}

/** An HTML conversion that failed, with nbconvert's last lines. */
export class RenderError extends Error {}

/**
 * Renders every executed notebook to its full and executive page and decorates them. Throws a `RenderError`
 * when nbconvert fails or a page would load something from outside the report folder.
 */
export async function renderPages(opts: RenderOptions): Promise<string[]> {
  const written: string[] = [];
  const flavours = ["full", "executive"] as const;
  const dirOf = (flavour: typeof flavours[number]) =>
    flavour === "full" ? opts.outDir : `${opts.outDir}/executive`;
  // the two conversions are independent single-threaded processes: run them side by side
  const converted = await Promise.all(flavours.map((flavour) => {
    Deno.mkdirSync(dirOf(flavour), { recursive: true });
    return run("jupyter", nbconvertArgs(flavour, dirOf(flavour), opts.executed), {
      env: opts.env,
      timeoutMs: 600_000,
      signal: opts.signal,
    });
  }));
  for (const [f, flavour] of flavours.entries()) {
    const dir = dirOf(flavour);
    const res = converted[f];
    if (res.code !== 0) {
      throw new RenderError(
        `HTML conversion failed:\n${res.stderr.trim().split("\n").slice(-10).join("\n")}`,
      );
    }
    for (const nb of opts.executed) {
      const name = nb.replace(/^.*\//, "").replace(/\.ipynb$/, "");
      const path = `${dir}/${name}.html`;
      const made = opts.made[name];
      const html = decoratePage(slimCode(Deno.readTextFileSync(path)), {
        name,
        flavour,
        reports: opts.reports,
        inputs: made?.inputs ?? null,
        date: made?.date ?? null,
      });
      const outside = externalLoads(html);
      if (outside.length > 0) {
        throw new RenderError(
          `${
            flavour === "full" ? "" : "executive/"
          }${name}.html would load ${outside.length} file(s) from outside ` +
            `the report folder: ${outside.slice(0, 3).join(", ")}`,
        );
      }
      Deno.writeTextFileSync(path, html);
      written.push(path);
    }
  }
  return written;
}
