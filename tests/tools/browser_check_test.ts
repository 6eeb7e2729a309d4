/**
 * The real-browser check (tools/browser_check.ts): what counts as an identifier, which pages it opens, and, with
 * Chromium installed, that each check finds what it is for on pages made to fail it (and passes a clean page).
 */
import { assert, assertEquals } from "../assert.ts";
import { checkReports, findChromium, identifierIn, reportPages } from "../../tools/browser_check.ts";

Deno.test("identifierIn finds snake_case and camelCase words, not words for readers", () => {
  assertEquals(identifierIn("google_spend $ per social $"), "google_spend");
  assertEquals(identifierIn("roiLow"), "roiLow");
  assertEquals(identifierIn("Marginal ROI (marginalRoi)"), "marginalRoi");
  assertEquals(identifierIn('"month_2"'), "month_2");
  for (
    const label of [
      "Share of weeks",
      "TikTok",
      "R²",
      "p-value",
      "SMS sends",
      "θ within one SE",
      "CV RMSE",
      "95% interval",
    ]
  ) {
    assertEquals(identifierIn(label), undefined, label);
  }
});

Deno.test("reportPages lists the index, the summary, full pages and executive pages in order", () => {
  const dir = Deno.makeTempDirSync({ prefix: "mmm-pages-" });
  try {
    for (const f of ["index.html", "summary.html", "02_b.html", "01_a.html", "notes.html", "manifest.json"]) {
      Deno.writeTextFileSync(`${dir}/${f}`, "");
    }
    Deno.mkdirSync(`${dir}/executive`);
    Deno.writeTextFileSync(`${dir}/executive/01_a.html`, "");
    assertEquals(reportPages(dir).map((p) => [p.path, p.readerFacing, p.screenshot]), [
      ["index.html", true, "index.png"],
      ["summary.html", true, "summary.png"],
      ["01_a.html", false, "01_a.png"],
      ["02_b.html", false, "02_b.png"],
      ["executive/01_a.html", true, "executive-01_a.png"],
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

const page = (body: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0;font:14px sans-serif}
main{max-width:900px;margin:0 auto}.scroll{overflow-x:auto}</style></head><body><main>${body}</main></body></html>`;

const CHART = '<figure><h2>Spend</h2><svg width="300" height="100" viewBox="0 0 300 100">' +
  '<g aria-label="x-axis tick"><path d="M0,0L0,6"/></g><g aria-label="line"><path d="M0,90L300,10" stroke="black"/></g></svg></figure>';
const EMPTY_CHART =
  '<figure><h2>Nothing drawn</h2><svg width="300" height="100"><g aria-label="y-axis tick">' +
  '<path d="M0,0L-6,0"/></g><g aria-label="line"></g></svg></figure>';

Deno.test({
  name:
    "checkReports: console errors, outside loads, empty charts, identifiers, overflow; a clean page passes",
  ignore: findChromium() === undefined,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = Deno.makeTempDirSync({ prefix: "mmm-browser-" });
    try {
      Deno.mkdirSync(`${dir}/executive`);
      // Clean: a chart with a mark, a wide table inside a box that scrolls, readable headers.
      Deno.writeTextFileSync(
        `${dir}/index.html`,
        page(
          `${CHART}<div class="scroll"><table style="width:2000px"><tr><th>Channel</th></tr></table></div>`,
        ),
      );
      Deno.writeTextFileSync(
        `${dir}/01_a.html`,
        page(`<script>console.error("boom")</script>
<script src="http://127.0.0.1:9/missing.js"></script>${EMPTY_CHART}`),
      );
      Deno.writeTextFileSync(
        `${dir}/02_b.html`,
        page(`<p>ok</p><div style="width:1600px">wide</div><pre>${"x".repeat(400)}</pre>
<table><tr><th>google_spend</th></tr></table>
<div style="overflow:hidden;width:300px"><pre>${"y".repeat(200)}</pre></div>`),
      );
      Deno.writeTextFileSync(
        `${dir}/executive/02_b.html`,
        page(`<table><thead><tr><th>Channel</th><th>roiLow</th></tr></thead></table>
<figure><div class="plot-1-swatches"><span class="plot-1-swatch"><svg width="10" height="10"><rect width="10" height="10"/></svg>facebook_spend</span></div>${CHART}</figure>`),
      );
      const results = await checkReports(dir);
      const by = Object.fromEntries(
        results.map((r) => [r.page, r.failures.map((f) => `${f.check}: ${f.detail}`)]),
      );
      assertEquals(Object.keys(by), ["index.html", "01_a.html", "02_b.html", "executive/02_b.html"]);
      assertEquals(by["index.html"], [], "clean page");
      assertEquals(results[0].charts, 1);

      const a = by["01_a.html"].join("\n");
      assert(/console: console\.error: boom/.test(a), a);
      assert(/external: loads http:\/\/127\.0\.0\.1:9\/missing\.js/.test(a), a);
      assert(/chart: chart "Nothing drawn" has no marks/.test(a), a);

      const b = by["02_b.html"].join("\n");
      assert(/overflow: the page is \d+ px wide/.test(b), b);
      assert(/overflow: div \d+ px beyond its container/.test(b), b);
      assert(/overflow: pre content \d+ px wider than its box/.test(b), b);
      assert(/overflow: (div|pre) content \d+ px wider than its box, cut off/.test(b), b);
      assert(!/identifier/.test(b), "full pages are not checked for identifiers");

      const e = by["executive/02_b.html"].join("\n");
      assert(/identifier: table header "roiLow"/.test(e), e);
      assert(/identifier: legend entry "facebook_spend"/.test(e), e);
      assert(!/"Channel"/.test(e) && !/chart:/.test(e), e);

      for (const r of results) {
        assert(r.screenshot && Deno.statSync(r.screenshot).size > 1000, `screenshot of ${r.page}`);
      }
      assert(Deno.statSync(`${dir}/screenshots/executive-02_b.png`).isFile);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});
