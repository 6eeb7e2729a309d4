/**
 * The report's HTML pages (tools/report_html.ts and tools/html_template/mmm): contents, navigation, footer and
 * the self-containment check as functions, then nbconvert with the project's template on a small executed
 * notebook (full and executive flavours).
 */
import { assert, assertEquals, assertThrows } from "../assert.ts";
import {
  decoratePage,
  externalLoads,
  headings,
  navigation,
  type PageContext,
  pageFooter,
  renderPages,
  slimCode,
  tableOfContents,
} from "../../tools/report_html.ts";
import type { Inputs } from "../../tools/report_index.ts";

const INPUTS: Inputs = {
  weekly: {
    path: "data/weekly.csv",
    sha256: "8d5c764dae2f1e2927be674f2d4c5c7ca57636f4d031afac35c6b7882dc55198",
  },
  geo: { path: "data/geo.csv", sha256: null },
  roles: null,
};
const REPORTS = [
  { name: "01_a", title: "01 · First" },
  { name: "02_b", title: "02 · Second" },
  { name: "03_c", title: "03 · Third" },
];
const ctx = (name: string, flavour: "full" | "executive"): PageContext => ({
  name,
  flavour,
  reports: REPORTS,
  inputs: INPUTS,
  date: "2025-01-17",
});

Deno.test("headings reads nbconvert's markdown headings (with ids), not figure titles", () => {
  const html = '<h1 id="Title">Title<a class="anchor-link" href="#Title">&#182;</a></h1>' +
    "<figure><h2>Weekly spend</h2></figure>" +
    '<h2 id="Fit-&amp;-ROI">Fit &amp; <em>ROI</em><a class="anchor-link" href="#Fit-&amp;-ROI">&#182;</a></h2>' +
    '<h3 id="Checked">Checked</h3><h4 id="deep">Too deep</h4>';
  assertEquals(headings(html), [
    { level: 1, id: "Title", html: "Title" },
    { level: 2, id: "Fit-&amp;-ROI", html: "Fit &amp; ROI" },
    { level: 3, id: "Checked", html: "Checked" },
  ]);
  const toc = tableOfContents(headings(html));
  assert(
    toc.includes('<a href="#Fit-&amp;-ROI">Fit &amp; ROI</a>') && toc.includes('class="mmm-toc-3"'),
    toc,
  );
  assert(!toc.includes(">Title<"), "the page title is not a contents entry");
  assertEquals(tableOfContents([]), "");
});

Deno.test("navigation links all reports, the summary, previous and next, and the other flavour", () => {
  const middle = navigation(ctx("02_b", "full"));
  for (
    const link of [
      'href="index.html"',
      'href="summary.html"',
      'rel="prev" href="01_a.html"',
      'rel="next" href="03_c.html"',
      'href="executive/02_b.html"',
    ]
  ) assert(middle.includes(link), `${link} in ${middle}`);
  const first = navigation(ctx("01_a", "executive"));
  assert(first.includes('href="../index.html"') && first.includes('href="../summary.html"'), first);
  assert(first.includes('href="../01_a.html"') && !first.includes('rel="prev"'), first);
  assert(first.includes('rel="next" href="02_b.html"'), "executive pages page through executive pages");
  assert(!navigation(ctx("03_c", "full")).includes('rel="next"'));
});

Deno.test("the footer names the inputs with a short SHA-256 and the run date", () => {
  const footer = pageFooter(ctx("02_b", "executive"));
  assert(footer.includes("data/weekly.csv") && footer.includes("sha256 8d5c764dae2f<"), footer);
  assert(footer.includes("(missing)") && footer.includes("roles: defaults"), footer);
  assert(footer.includes("Run on 2025-01-17") && footer.includes('href="../results/02_b.json"'), footer);
  assert(pageFooter({ ...ctx("01_a", "full"), inputs: null, date: null }).includes("not recorded"));
});

Deno.test("decoratePage fills the template's markers and refuses a page rendered without them", () => {
  const page =
    '<body><!--mmm:nav--><div><!--mmm:toc--><main><h2 id="A">A</h2></main></div><!--mmm:footer--></body>';
  const html = decoratePage(page, ctx("02_b", "full"));
  assert(!html.includes("<!--mmm:") && html.includes('<a href="#A">A</a>') && html.includes("<footer"), html);
  assertThrows(() => decoratePage("<body></body>", ctx("02_b", "full")), Error, "html_template");
});

Deno.test("externalLoads finds what a page would load from outside its folder, not links or inline data", () => {
  const html = '<script src="file:///usr/share/javascript/requirejs/require.min.js"></script>' +
    '<script src="https://cdn.example.org/mathjax.js"></script><link rel="stylesheet" href="//fonts.example.org/x.css">' +
    '<img src="/etc/logo.png"><img src="data:image/png;base64,AAAA"><img src="figures/a.png">' +
    '<style>body{background:url("file:///x.png")}</style><a href="https://example.org/docs">docs</a>' +
    '<a href="#top">top</a><svg><image href="data:image/png;base64,AA"/></svg>';
  assertEquals(externalLoads(html), [
    "file:///usr/share/javascript/requirejs/require.min.js",
    "https://cdn.example.org/mathjax.js",
    "/etc/logo.png",
    "//fonts.example.org/x.css",
    "file:///x.png",
  ]);
  assertEquals(externalLoads('<a href="https://example.org">x</a><img src="a.png">'), []);
});

Deno.test("slimCode drops Pygments' whitespace spans and keeps the whitespace", () => {
  assertEquals(
    slimCode(
      '<span class="kd">const</span><span class="w"> </span><span class="nx">a</span><span class="w">\n  </span>',
    ),
    '<span class="kd">const</span> <span class="nx">a</span>\n  ',
  );
});

/** A small executed notebook: headings, a technical parameters cell, outputs of every kind. */
function executedNotebook(): Record<string, unknown> {
  const md = (id: string, text: string, tags: string[] = []) => ({
    cell_type: "markdown",
    id,
    metadata: { tags },
    source: text,
  });
  const code = (id: string, source: string, outputs: unknown[], tags: string[] = []) => ({
    cell_type: "code",
    id,
    metadata: { tags },
    execution_count: 1,
    source,
    outputs,
  });
  const display = (data: Record<string, string>) => ({ output_type: "display_data", metadata: {}, data });
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      title: "01 · First",
      kernelspec: { name: "deno", display_name: "Deno", language: "typescript" },
      language_info: { name: "typescript", pygments_lexer: "typescript" },
    },
    cells: [
      md("c1", "# 01 · First\n\nWhat this report shows."),
      md("c2", "## Parameters", ["technical"]),
      code("c3", 'const SEED = 1; // a parameter\nconst LONG = "' + "x".repeat(300) + '";', [], [
        "technical",
      ]),
      md("c4", "## Findings"),
      code("c5", "await show(table(rows));", [
        display({ "text/plain": "Scored 4,149 candidates." }),
        display({
          "text/html":
            '<table class="mmm-table"><thead><tr><th>Channel</th></tr></thead><tbody><tr><td>TV</td></tr></tbody></table>',
          "text/plain": "Channel\nTV",
        }),
        { output_type: "execute_result", execution_count: 1, metadata: {}, data: { "text/plain": "true" } },
        { output_type: "stream", name: "stdout", text: "debug line\n" },
      ]),
      code("c6", "await show(summaryView(fit));", [
        display({ "text/html": '<div class="mmm-summary">OLS summary</div>', "text/plain": "OLS" }),
      ], ["technical"]),
      md("c7", "### Details"),
      code("c8", 'await publishResults("01_a", results);', [
        display({ "text/plain": "Results written to 01_a.json (3 entries)." }),
      ]),
    ],
  };
}

async function jupyterAvailable(): Promise<boolean> {
  try {
    const out = await new Deno.Command("jupyter", {
      args: ["nbconvert", "--version"],
      stdout: "null",
      stderr: "null",
    })
      .output();
    return out.code === 0;
  } catch {
    return false;
  }
}

Deno.test({
  name: "renderPages: slim self-contained pages; executive pages drop technical cells and status lines",
  ignore: !(await jupyterAvailable()),
  fn: async () => {
    const dir = Deno.makeTempDirSync({ prefix: "mmm-html-" });
    try {
      Deno.mkdirSync(`${dir}/in`);
      Deno.writeTextFileSync(`${dir}/in/01_a.ipynb`, JSON.stringify(executedNotebook()));
      const written = await renderPages({
        executed: [`${dir}/in/01_a.ipynb`],
        outDir: `${dir}/out`,
        reports: REPORTS,
        made: { "01_a": { inputs: INPUTS, date: "2025-01-17" } },
        env: { NO_COLOR: "1" },
      });
      assertEquals(written, [`${dir}/out/01_a.html`, `${dir}/out/executive/01_a.html`]);
      const full = Deno.readTextFileSync(`${dir}/out/01_a.html`);
      const exec = Deno.readTextFileSync(`${dir}/out/executive/01_a.html`);
      for (const [name, html] of [["full", full], ["executive", exec]]) {
        const css = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join("");
        assert(css.length > 1000 && css.length < 50_000, `${name}: ${css.length} characters of CSS`);
        assert(!/<script/i.test(html) && !/mathjax|require\.min\.js/i.test(html), `${name}: scripts`);
        assertEquals(externalLoads(html), [], name);
        assert(html.includes('href="#Findings"') && html.includes("mmm-toc"), `${name}: contents`);
        assert(
          html.includes('rel="next"') && html.includes("sha256 8d5c764dae2f"),
          `${name}: nav and footer`,
        );
        assert(html.includes("<th>Channel</th>"), `${name}: the table`);
      }
      // Full: everything, code wrapped inside its box.
      for (
        const text of [
          "Parameters",
          "OLS summary",
          "Results written to",
          "Scored 4,149",
          "debug line",
          "a parameter",
        ]
      ) {
        assert(full.includes(text), `full page shows ${text}`);
      }
      assert(/\.mmm-code pre[^{]*\{[^}]*white-space:\s*pre-wrap/.test(full), "code wraps");
      // Executive: no code, no technical cell, no status line, no raw echo, no stream.
      for (
        const text of [
          "Parameters",
          "OLS summary",
          "Results written to",
          "Scored 4,149",
          "debug line",
          "a parameter",
        ]
      ) {
        assert(!exec.includes(text), `executive page hides ${text}`);
      }
      assert(!/<pre>\s*true\s*<\/pre>/.test(exec), "no raw true");
      assert(
        exec.includes('href="../01_a.html"') && exec.includes('href="#Details"'),
        "executive nav and contents",
      );
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});
