/**
 * The one-chart response curves and the marginal-ROI chart have marks: a line per channel, a band, today's
 * dots, the recommended diamonds only when given, display names in the legend, and a rule at 1.
 */
import { allResponseCurvesChart, marginalRoiChart, responseAt } from "../../lib/plot/mod.ts";
import { assert, assertEquals, assertThrows } from "../assert.ts";

const points = (slope: number) =>
  [0, 1, 2].map((m) => ({
    spend: 100 * m,
    response: slope * 100 * m,
    lower: 0.5 * slope * 100 * m,
    upper: 1.5 * slope * 100 * m,
  }));

const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;

Deno.test("responseAt interpolates between points and is NaN outside", () => {
  const p = points(2);
  assertEquals(responseAt(p, 150), 300);
  assertEquals(responseAt(p, 0), 0);
  assert(Number.isNaN(responseAt(p, 250)));
});

Deno.test("allResponseCurvesChart draws every curve, band, current dot and recommended diamond", () => {
  const curves = [
    { channel: "facebook_spend", points: points(2), currentSpend: 100, recommendedSpend: 130 },
    { channel: "tiktok_spend", points: points(0.5), currentSpend: 100, recommendedSpend: 70 },
  ];
  const fig = allResponseCurvesChart(curves, { title: "All", x: "spend", y: "revenue" });
  const html = fig.html;
  // one line path per channel, one band area per channel
  assertEquals(count(html, /aria-label="line"/g), 1);
  assert(count(html, /<path[^>]*d="M/g) >= 4, "lines and bands");
  assert(html.includes("Facebook") && html.includes("TikTok"), "legend uses display names");
  assert(!html.includes("facebook_spend"), "no identifiers");
  // two dot marks: today (circles) and recommended (diamonds)
  assertEquals(count(html, /aria-label="dot"/g), 2);
  assert(html.includes("Diamonds: recommended spend"));
  const noRec = allResponseCurvesChart(curves.map((c) => ({ ...c, recommendedSpend: undefined })));
  assert(!noRec.html.includes("Diamonds"));
  assert(count(noRec.html, /<circle|<path[^>]*d="M[^"]*"[^>]*\/>/g) > 0);
  const marked = allResponseCurvesChart(curves, { markerLabel: "the model's optimum" });
  assert(marked.html.includes("Diamonds: the model's optimum"));
  assertThrows(() => allResponseCurvesChart([]), RangeError);
});

Deno.test("marginalRoiChart has a dot per channel, whiskers and the break-even rule at 1 unless disabled", () => {
  const rows = [
    { channel: "tv_spend", marginalRoi: 1.4, lower: 0.9, upper: 2 },
    { channel: "radio_spend", marginalRoi: 0.6, lower: 0.2, upper: 1.1 },
  ];
  const fig = marginalRoiChart(rows, { x: "revenue per dollar" });
  assert(fig.html.includes("TV") && fig.html.includes("Radio"));
  assert(fig.html.includes("break-even"));
  assert(fig.html.includes("stroke-dasharray"), "the rule at 1");
  assertEquals(count(fig.html, /aria-label="dot"/g), 1);
  const none = marginalRoiChart(rows, { breakEven: null });
  assert(!none.html.includes("stroke-dasharray"));
});
