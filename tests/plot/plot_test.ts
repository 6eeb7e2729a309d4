import { parseHTML } from "linkedom";
import { assert, assertEquals } from "../assert.ts";
import {
  allResponseCurvesChart,
  barChart,
  boxChart,
  bundleOf,
  contributionAreaChart,
  contributionWaterfallChart,
  correlogramChart,
  curvesChart,
  estimateChart,
  figure,
  fmt,
  heatmapChart,
  inKernel,
  marginalRoiChart,
  markdownToHtml,
  md,
  Plot,
  publishResults,
  qqChart,
  responseCurveChart,
  resultsJson,
  scatterChart,
  shareComparisonChart,
  table,
  tableHtml,
  tableText,
  timeSeriesChart,
  toJson,
} from "../../lib/plot/mod.ts";

Deno.test("md formats interpolated numbers", () => {
  assertEquals(md`R² is **${0.30000000000000004}**`.text, "R² is **0.3**");
  assertEquals(md`from ${fmt.money(420757)} to ${fmt.money(281086)}`.text, "from $420,757 to $281,086");
});

Deno.test("markdownToHtml renders the prose subset with dollars that no math renderer can typeset", () => {
  assertEquals(
    markdownToHtml("Gain **$5** to *$6*,\nwith `x<y`\n\n- a\n- b\n  continued\n\nend"),
    '<div class="tex2jax_ignore mathjax_ignore"><p>Gain <strong>&#36;5</strong> to <em>&#36;6</em>, with <code>x&lt;y</code></p>' +
      "<ul><li>a</li><li>b continued</li></ul><p>end</p></div>",
  );
  const bundle = bundleOf(md`costs ${fmt.money(10)} and ${fmt.money(20)}`);
  assertEquals(bundle["text/html"].includes("$"), false);
  assertEquals(bundle["text/markdown"], "costs $10.00 and $20.00");
});

Deno.test("fmt renders money, percentages, p-values and missing values consistently", () => {
  assertEquals([fmt.money(2.5e6), fmt.money(-1234.5), fmt.money(12.345)], ["$2.50M", "−$1,235", "$12.35"]);
  assertEquals([fmt.pct(0.1234), fmt.pValue(0.0004), fmt.pValue(0.0456), fmt.num(NaN)], [
    "12.3%",
    "<0.001",
    "0.046",
    "n/a",
  ]);
  assertEquals([fmt.num(1234.567), fmt.num(0.012345), fmt.num(1.5, 2)], ["1,235", "0.0123", "1.50"]);
});

Deno.test("tables render to HTML with escaping and right-aligned numbers, and to text", () => {
  const t = table([{ channel: "<tv>", roi: 1.23456 }], {
    caption: "ROI",
    formats: { roi: (x) => x.toFixed(2) },
  });
  const html = tableHtml(t);
  assert(
    html.includes("&lt;tv&gt;") && html.includes(">1.23</td>") && html.includes("text-align:right"),
    html,
  );
  assertEquals(tableText(t).split("\n"), ["ROI", "channel   roi", "   <tv>  1.23"]);
});

Deno.test("figures render to SVG markup with a server-side DOM, for every chart builder", () => {
  const figs = [
    figure({ marks: [Plot.lineY([1, 3, 2])] }),
    timeSeriesChart(["2024-01-01", "2024-01-08"], { a: [1, 2], b: [2, 1] }, { title: "t" }),
    barChart(["x", "y"], [3, 1]),
    heatmapChart(["a", "b"], ["a", "b"], [[1, 0.5], [0.5, 1]]),
    estimateChart([{ label: "tv", estimate: 1, lower: 0.5, upper: 1.5, truth: 1.2 }]),
  ];
  for (const f of figs) assert(f.html.includes("<svg") && f.html.includes("</svg>"), f.html.slice(0, 200));
  assertEquals(bundleOf(figs[0])["text/html"], figs[0].html);
});

Deno.test("toJson makes results JSON-safe: typed arrays to arrays, non-finite to null, Maps to objects", () => {
  assertEquals(toJson({ a: new Float64Array([1, NaN, Infinity]), m: new Map([["k", 2]]), f: () => 1 }), {
    a: [1, null, null],
    m: { k: 2 },
  });
});

Deno.test("outside the kernel, display helpers are no-ops", () => {
  assertEquals(inKernel(), false);
});

Deno.test("publishResults writes the results file atomically where it is told to, with stable content", async () => {
  const dir = Deno.makeTempDirSync();
  await publishResults("01_x", { b: new Float64Array([1, NaN]), a: "z" }, dir);
  const text = Deno.readTextFileSync(`${dir}/01_x.json`);
  assertEquals(text, resultsJson("01_x", { b: new Float64Array([1, NaN]), a: "z" }));
  assertEquals(JSON.parse(text), { notebook: "01_x", results: { b: [1, null], a: "z" } });
  assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["01_x.json"]);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("publishResults refuses a notebook name that is not a plain file name", async () => {
  let message = "";
  try {
    await publishResults("../escape", {}, "/tmp");
  } catch (e) {
    message = (e as Error).message;
  }
  assertEquals(message.includes("plain file name"), true);
});

/** The data marks of a figure in drawing order, as `name:elements` (axes, grid lines and tips left out). */
function marksOf(html: string): string[] {
  // linkedom's types give parseHTML the browser's Window, without its document
  const { document } = parseHTML(`<html><body>${html}</body></html>`) as unknown as {
    document: {
      querySelectorAll(
        selector: string,
      ): Iterable<{ getAttribute(name: string): string | null; children: { length: number } }>;
    };
  };
  return [...document.querySelectorAll("g[aria-label]")]
    .map((g) => `${g.getAttribute("aria-label")}:${g.children.length}`)
    .filter((m) => !/axis|grid|^tip:/.test(m));
}

Deno.test("every chart builder draws each of its marks, one element per datum", () => {
  const cases: [string, string, string[]][] = [
    [
      "timeSeriesChart",
      timeSeriesChart(["2024-01-01", "2024-01-08", "2024-01-15"], { a: [1, 2, 3], b: [2, 1, 0] }, {
        highlight: [false, true, false],
      }).html,
      // one highlighted week, two series, the zero line
      ["rule:1", "line:2", "rule:1"],
    ],
    [
      "barChart",
      barChart(["x", "y", "z"], [3, 1, -2]).html,
      // three bars, labels for the two positive and the one negative bar, the zero line
      ["bar:3", "text:2", "text:1", "rule:1"],
    ],
    [
      "heatmapChart",
      heatmapChart(["a", "b"], ["a", "b"], [[1, 0.5], [0.5, 1]]).html,
      ["cell:4", "text:4"], // 2 × 2 cells, each with its value
    ],
    [
      "scatterChart",
      scatterChart([1, 2, 3, 4], [2, 4, 5, 8], { trend: true, labels: ["p", "q", "r", "s"] }).html,
      ["dot:4", "linear-regression:1", "text:4"],
    ],
    [
      "boxChart",
      boxChart([1, 2, 3, 4, 5, 6], ["g", "g", "g", "h", "h", "h"]).html,
      // per group: a whisker rule, an interquartile bar, a median tick (no outliers here)
      ["rule:2", "bar:2", "tick:2"],
    ],
    [
      "estimateChart",
      estimateChart([
        { label: "tv", estimate: 1, lower: 0.5, upper: 1.5, truth: 1.2 },
        { label: "radio", estimate: 2, lower: 1, upper: 3 },
      ]).html,
      // the zero line, two intervals, two estimates, one true value
      ["rule:1", "rule:2", "dot:2", "tick:1"],
    ],
    [
      "curvesChart",
      curvesChart({ tv: { x: [0, 1, 2], y: [0, 1, 1.5] }, radio: { x: [0, 1, 2], y: [0, 0.5, 0.7] } }, {
        points: { tv: { x: 1, y: 1 } },
      }).html,
      ["line:2", "dot:1"],
    ],
    [
      "responseCurveChart",
      responseCurveChart({
        channel: "tv",
        points: [
          { spend: 0, response: 0, lower: 0, upper: 0, isCurrent: false },
          { spend: 1, response: 1, lower: 0.8, upper: 1.2, isCurrent: true },
          { spend: 2, response: 1.5, lower: 1.1, upper: 1.9, isCurrent: false },
        ],
      }).html,
      // the band, the curve, the current point and its label, the zero line
      ["area:1", "line:1", "dot:1", "text:1", "rule:1"],
    ],
    [
      "correlogramChart",
      correlogramChart({
        lags: [0, 1, 2, 3],
        values: [1, 0.5, 0.2, -0.1],
        lower: [-0.3, -0.3, -0.3, -0.3],
        upper: [0.3, 0.3, 0.3, 0.3],
      }).html,
      // lag 0 left out: the band, three stems, three dots, the zero line
      ["area:1", "rule:3", "dot:3", "rule:1"],
    ],
    [
      "qqChart",
      qqChart({ theoretical: [-1, 0, 1], ordered: [-1.2, 0.1, 0.9], slope: 1, intercept: 0 }).html,
      ["line:1", "dot:3"], // the reference line, three quantiles
    ],
  ];
  for (const [name, html, expected] of cases) assertEquals(marksOf(html), expected, name);
});

/** SVG elements that draw (a bar's `<title>`, a text's `<tspan>` and the facets' `<g>` do not count). */
const SHAPES = new Set(["rect", "path", "line", "circle", "text", "polygon", "polyline", "ellipse", "image"]);

/**
 * The data marks of a figure in drawing order, as `name:shapes`, counting every drawn shape inside the mark (so a
 * faceted mark, whose group holds one group per facet, counts the shapes of all facets).
 */
function markShapesOf(html: string): string[] {
  type El = {
    tagName: string;
    getAttribute(name: string): string | null;
    querySelectorAll(s: string): Iterable<El>;
  };
  // linkedom's types give parseHTML the browser's Window, without its document
  const { document } = parseHTML(`<html><body>${html}</body></html>`) as unknown as {
    document: { querySelectorAll(selector: string): Iterable<El> };
  };
  return [...document.querySelectorAll("g[aria-label]")]
    .map((g) =>
      `${g.getAttribute("aria-label")}:${
        [...g.querySelectorAll("*")].filter((e) => SHAPES.has(e.tagName.toLowerCase())).length
      }`
    )
    .filter((m) => !/axis|grid|^tip:/.test(m));
}

Deno.test("every MMM and curve chart builder draws each of its marks, one shape per datum", () => {
  const points = (slope: number) =>
    [0, 1, 2].map((m) => ({
      spend: 100 * m,
      response: slope * m,
      lower: 0.5 * slope * m,
      upper: 1.5 * slope * m,
    }));
  const cases: [string, string, string[]][] = [
    [
      "contributionWaterfallChart",
      contributionWaterfallChart({
        baseline: 8e6,
        channels: [{ label: "TV", contribution: 1.2e6 }, { label: "Print", contribution: -2e5 }],
      }).html,
      // baseline, two channels and the total: a bar and an amount label each, and the zero line
      ["bar:4", "text:4", "rule:1"],
    ],
    [
      "contributionAreaChart",
      contributionAreaChart({
        dates: ["2024-01-01", "2024-01-08", "2024-01-15"],
        baseline: [10, 11, 12],
        channels: { TV: [1, 2, 3], Search: [0.5, 0.5, 0.5] },
      }).html,
      ["area:3", "rule:1"], // the baseline and two channel layers, the zero line
    ],
    [
      "shareComparisonChart",
      shareComparisonChart([
        { label: "TV", spendShare: 0.6, effectShare: 0.4, roi: 1.25 },
        { label: "Search", spendShare: 0.4, effectShare: 0.6, roi: 3.5 },
      ]).html,
      // a facet per channel: two bars (spend, effect) and their percent labels, an ROI label, a zero line
      ["bar:4", "text:4", "text:2", "rule:2"],
    ],
    [
      "allResponseCurvesChart",
      allResponseCurvesChart([
        { channel: "tv_spend", points: points(2), currentSpend: 100, recommendedSpend: 130 },
        { channel: "radio_spend", points: points(0.5), currentSpend: 100, recommendedSpend: 70 },
      ]).html,
      // per channel a band, a curve, today's dot and the recommended diamond; the zero line
      ["area:2", "line:2", "dot:2", "dot:2", "rule:1"],
    ],
    [
      "marginalRoiChart",
      marginalRoiChart([
        { channel: "tv_spend", marginalRoi: 1.4, lower: 0.9, upper: 2 },
        { channel: "radio_spend", marginalRoi: 0.6, lower: 0.2, upper: 1.1 },
      ]).html,
      // the zero line, the break-even line at 1, an interval and an estimate per channel
      ["rule:1", "rule:1", "rule:2", "dot:2"],
    ],
  ];
  for (const [name, html, expected] of cases) assertEquals(markShapesOf(html), expected, name);
});
