/**
 * The one-page summary (tools/summary_page.ts): sentences computed from the estimates, the recommendation or
 * its reason as notebook 07 publishes them, the gates, "not estimated" for what did not run, and the inline chart.
 */
import { assert, assertEquals } from "../assert.ts";
import {
  driverSentences,
  intervalChartSvg,
  intervalVerdict,
  nationalRecommendation,
  niceTicks,
  NOT_ESTIMATED,
  scorecardSummary,
  summaryHtml,
  type SummaryInput,
  withoutModelPrefix,
  wordList,
} from "../../tools/summary_page.ts";
import { identifierIn } from "../../tools/browser_check.ts";
import { externalLoads } from "../../tools/report_html.ts";
import type { TidyEstimate } from "../../lib/plot/estimates.ts";

const est = (
  model: "geo" | "national",
  quantity: string,
  channel: string,
  estimate: number,
  lower: number | null = null,
  upper: number | null = null,
  unit = model === "geo" ? "sales per unit of spend" : "revenue per dollar",
): TidyEstimate => ({
  model,
  quantity,
  channel,
  estimate,
  lower,
  upper,
  level: lower === null ? null : 0.95,
  unit,
});

const ESTIMATES: TidyEstimate[] = [
  est("geo", "roi", "tv_spend", 1.2, 1.1, 1.3),
  est("geo", "roi", "search_spend", 2.5, 2.25, 2.75),
  est("geo", "roi", "print_spend", 0.5, 0.4, 0.6),
  est("geo", "contribution", "tv_spend", 120, 110, 130, "sales"),
  est("geo", "contribution", "search_spend", 250, 240, 260, "sales"),
  est("geo", "contribution", "print_spend", 30, 20, 40, "sales"),
  est("geo", "marginal_roi", "tv_spend", 0.8),
  est("geo", "marginal_roi", "search_spend", 1.5),
  est("geo", "marginal_roi", "print_spend", 0.3),
  est("national", "total_per_dollar", "facebook_spend", 3.25, 2.5, 4),
  est("national", "total_per_dollar", "tiktok_spend", 0.5, -0.25, 1.25),
  est("national", "roi", "facebook_spend", 3, 2.5, 3.5),
  est("national", "roi", "snapchat_spend", -0.4, -1.5, 0.5),
  est("national", "contribution", "facebook_spend", 4000, null, null, "revenue"),
];

const gate = (passed: boolean, reason: string) => ({ passed, reason, rule: "Recommendations need skill." });

function input(over: Partial<SummaryInput> = {}): SummaryInput {
  return {
    results: {
      "01_eda": {
        geoProfileColumns: [{ role: "media", mean: 9, count: 10 }, { role: "target", mean: 100, count: 10 }],
      },
      "04_stage2_revenue": { model: "two-stage", mediator: { channel: "google_spend" } },
      "05_geo_ols": {
        target: "sales",
        targetUnit: "currency",
        geos: 4,
        weeks: 52,
        gate: gate(true, "geo skill ok"),
      },
      "06_diagnostics": {
        gates: {
          national: gate(false, "national out-of-sample R² too low"),
          geo: gate(true, "geo skill ok"),
        },
        verdicts: ["geo: Jarque-Bera rejects (non-normal)"],
      },
      "07_recommendations": {
        bounds: { min: 0.7, max: 1.3 },
        evidence: { gate: gate(true, "geo skill ok"), plausibility: "plausible" },
        allocation: {
          channels: [
            { channel: "tv_spend", currentSpend: 100, optimalSpend: 110 },
            { channel: "print_spend", currentSpend: 60, optimalSpend: 42 },
          ],
        },
        reallocation: { lift: 25_000, lower: 20_000, upper: 30_000, recommend: true, reason: "" },
      },
    },
    estimates: ESTIMATES,
    manifest: {
      reports: {
        "01_eda": {
          title: "01 · EDA",
          date: "2025-01-17",
          inputs: {
            weekly: { path: "w.csv", sha256: "a".repeat(64) },
            geo: { path: "g.csv", sha256: "b".repeat(64) },
            roles: null,
          },
        },
      },
    },
    inputs: {
      weekly: { path: "w.csv", sha256: "a".repeat(64) },
      geo: { path: "g.csv", sha256: "b".repeat(64) },
      roles: null,
    },
    date: "2025-01-17",
    ...over,
  };
}

Deno.test("driverSentences: top geo ROI with intervals, national channels whose ROI interval excludes zero, media share", () => {
  const [geo, national, share] = driverSentences(input());
  assertEquals(
    geo,
    "In the geo panel, Search returns the most: $2.50 of sales per dollar (95% interval 2.25 to 2.75), then TV at " +
      "$1.20 (95% interval 1.10 to 1.30). Search and TV pay back more than they cost (interval above 1).",
  );
  assertEquals(
    national,
    "Nationally, Facebook is the channel with a clearly positive return: $3.00 of revenue per dollar (95% interval " +
      "2.50 to 3.50) (a social channel's ROI counts the Google spend it drives); for Snapchat the interval includes " +
      "zero, so no effect is shown.",
  );
  // (120 + 250 + 30) of 100 × 10 = 40%.
  assert(share.startsWith("The geo model credits media with 40.0% of sales ($400 of $1,000"), share);
});

Deno.test("driverSentences: overlapping top intervals say the ranking is not clear, with both intervals", () => {
  const close = input({
    estimates: [
      est("geo", "roi", "tv_spend", 1.2, 0.9, 1.5),
      est("geo", "roi", "search_spend", 1.3, 1.0, 1.6),
      est("national", "roi", "facebook_spend", 2, -0.5, 4),
    ],
  });
  const [geo, national] = driverSentences(close);
  // Search 1.0–1.6 overlaps TV 0.9–1.5: no ranking is claimed, and both intervals are given.
  assert(geo.startsWith("In the geo panel, which channel returns the most is not clear from the data"), geo);
  assert(geo.includes("1.00 to 1.60") && geo.includes("0.90 to 1.50"), geo);
  assert(!geo.includes("ranks first") && !geo.includes("Search returns the most"), geo);
  assert(national.startsWith("Nationally, no channel's ROI interval excludes zero"), national);
  assert(!national.includes("returns the most"), national);
  // Intervals that touch (lower of the first equal to the upper of the second) do not separate either.
  const touching = driverSentences(input({
    estimates: [est("geo", "roi", "tv_spend", 1.2, 1.1, 1.4), est("geo", "roi", "search_spend", 2, 1.4, 2.5)],
  }))[0];
  assert(touching.includes("is not clear from the data"), touching);
});

/** The default input with notebook 04's and 07's contribution checks set, and geo contributions of `media` in all. */
function withChecks(geo: string, national: string | undefined, media = [120, 250, 30]): SummaryInput {
  const base = input();
  const results = { ...base.results } as Record<string, Record<string, unknown>>;
  results["07_recommendations"] = {
    ...results["07_recommendations"],
    evidence: { gate: gate(true, "geo skill ok"), plausibility: geo },
  };
  results["04_stage2_revenue"] = {
    ...results["04_stage2_revenue"],
    ...(national
      ? {
        plausibility: {
          verdict: national,
          sentence: `${national}: the contribution of Snapchat is negative.`,
        },
      }
      : {}),
  };
  const channels = ["tv_spend", "search_spend", "print_spend"];
  const estimates = base.estimates.filter((e) => !(e.model === "geo" && e.quantity === "contribution"))
    .concat(media.map((m, i) => est("geo", "contribution", channels[i], m, null, null, "sales")));
  return { ...base, results, estimates };
}

Deno.test("summaryHtml: each contribution check is named by its model and placed with that model's decision", () => {
  // Geo plausible, national implausible: an unlabelled "Contributions: plausible." would contradict the national.
  const html = summaryHtml(withChecks("plausible", "implausible"));
  assert(!html.includes("<p>Contributions:"), "an unlabelled plausibility line");
  const geoLine = html.indexOf("Geo panel contributions:</strong> plausible.");
  const nationalBudget = html.indexOf("<strong>National budget:</strong>");
  const nationalLine = html.indexOf("National model contributions:</strong> implausible.");
  assert(
    geoLine > 0 && nationalBudget > geoLine && nationalLine > nationalBudget,
    `${geoLine} ${nationalBudget} ${nationalLine}`,
  );
  assert(
    html.includes("National model contributions: implausible: the contribution of Snapchat is negative."),
  );
});

Deno.test("driverSentences: media credited with more than the target is implausible, and the returns are not credible", () => {
  // 700 + 400 + 100 = 1,200 of a total of 100 × 10 = 1,000: 120%, which would leave a negative base.
  const [geo, national, share] = driverSentences(withChecks("implausible", "implausible", [700, 400, 100]));
  assert(share.includes("120.0% of sales") && share.includes("negative base level"), share);
  assert(share.includes("implausible") && !share.includes("the rest is"), share);
  assert(geo.includes("These returns are not credible: the geo model's contributions are implausible"), geo);
  assert(!geo.includes("pay back"), geo);
  assert(national.includes("the national model's contributions are implausible"), national);

  // Over 100% with a check that says plausible (or did not run): the share alone makes it implausible.
  const [geo2, , share2] = driverSentences(withChecks("plausible", undefined, [700, 400, 100]));
  assert(share2.includes("more than all of it") && geo2.includes("not credible"), `${share2} ${geo2}`);

  // A negative media total is implausible too (sign-aware), and says so.
  const [geo3, , share3] = driverSentences(withChecks("plausible", undefined, [-300, 100, 50]));
  assert(share3.includes("lowering sales") && share3.includes("implausible"), share3);
  assert(!share3.includes("the rest is") && geo3.includes("not credible"), share3);

  // Within 0–100% but flagged by the check: the normal share sentence plus the flag.
  const [geo4, national4, share4] = driverSentences(withChecks("implausible", "plausible"));
  assert(
    share4.includes("40.0% of sales") && share4.includes("finds this decomposition implausible"),
    share4,
  );
  assert(geo4.includes("not credible") && !national4.includes("not credible"), `${geo4} ${national4}`);

  // Both plausible: no caveat anywhere.
  const plain = driverSentences(withChecks("plausible", "plausible"));
  for (const s of plain) assert(!s.includes("not credible") && !s.includes("implausible"), s);
});

Deno.test("summaryHtml: a national gate that could not be evaluated shows why (cross-validation skipped)", () => {
  const skipped = input();
  (skipped.results["06_diagnostics"] as Record<string, unknown>).gates = {
    national: null,
    geo: gate(true, "geo skill ok"),
  };
  (skipped.results["04_stage2_revenue"] as Record<string, unknown>).crossValidation = {
    skipped: "Out-of-sample validation is not possible: it needs 78 weeks, and the file has 52.",
  };
  const html = summaryHtml(skipped);
  const row = html.match(/<tr><td>National[^]*?<\/tr>/)?.[0] ?? "";
  assert(row.includes("could not be evaluated") && row.includes("needs 78 weeks, and the file has 52"), row);
  assert(!row.includes(NOT_ESTIMATED), row);
  // Neither a gate nor a reason for skipping: still "not estimated".
  (skipped.results["04_stage2_revenue"] as Record<string, unknown>).crossValidation = {};
  const none = summaryHtml(skipped).match(/<tr><td>National[^]*?<\/tr>/)?.[0] ?? "";
  assert(none.includes(NOT_ESTIMATED) && !none.includes("could not be evaluated"), none);
});

Deno.test("driverSentences: a count target reads in units; sections that did not run say not estimated", () => {
  const units = input();
  (units.results["05_geo_ols"] as Record<string, unknown>).targetUnit = "units";
  const [geo] = driverSentences(units);
  assert(
    geo.includes("2.50 sales per unit of spend") && !geo.includes("$") && !geo.includes("pay back"),
    geo,
  );
  const page = summaryHtml(units);
  assert(page.includes("Modelled gain 25,000") && page.includes(">$100<"), "a gain in units, spend in money");

  const empty = driverSentences(input({ results: {}, estimates: [] }));
  assertEquals(empty.length, 3);
  for (const s of empty) assert(s.includes(NOT_ESTIMATED), s);
  const noTotal = driverSentences(input({ results: { ...input().results, "01_eda": {} } }))[2];
  assert(noTotal.includes(`share of the total is ${NOT_ESTIMATED}`), noTotal);
});

Deno.test("summaryHtml: recommendation with its allocation, gates, data used; no identifier in any header", () => {
  const html = summaryHtml(input());
  assert(
    html.includes("Recommended:") && html.includes("$25,000") && html.includes("$20,000 to $30,000"),
    "lift",
  );
  assert(html.includes("+10.0%") && html.includes("−30.0%"), "allocation changes");
  assert(html.includes("passes the gate") && html.includes("fails the gate"), "both gates");
  assert(
    html.includes("national out-of-sample R² too low") && html.includes("Jarque-Bera rejects"),
    "reasons",
  );
  assert(
    html.includes("w.csv") && html.includes("sha256 aaaaaaaaaaaa") && html.includes("Run on 2025-01-17"),
    "data",
  );
  assert(
    html.includes("next dollar returns less than a dollar for Print (0.30) and TV (0.80)"),
    "marginal ROI",
  );
  assert(html.includes('href="executive/01_eda.html"'), "links the reports");
  for (const m of html.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)) {
    assertEquals(identifierIn(m[1].replace(/<[^>]+>/g, "")), undefined, m[1]);
  }
  assertEquals(externalLoads(html), []);
  assert(!/<script/i.test(html));
});

Deno.test("summaryHtml: a withheld recommendation shows notebook 07's reason; a missing 07 says not estimated", () => {
  const withheld = input();
  const rec = withheld.results["07_recommendations"] as Record<string, unknown>;
  rec.reallocation = { recommend: false, reason: "The gain's 95% interval includes zero." };
  const html = summaryHtml(withheld);
  assert(html.includes("Withheld:</span> The gain's 95% interval includes zero."), "reason shown");
  assert(!html.includes("Recommended:"));

  const gateFailed = input();
  (gateFailed.results["07_recommendations"] as Record<string, unknown>).evidence = {
    gate: { passed: false, reason: "the mean within-geo R² is 0.05, below 0.2" },
  };
  (gateFailed.results["07_recommendations"] as Record<string, unknown>).reallocation = { recommend: false };
  assert(summaryHtml(gateFailed).includes("Withheld:</span> the mean within-geo R² is 0.05, below 0.2"));

  const none = input({ results: {}, estimates: [] });
  const page = summaryHtml(none);
  assert(
    page.includes(`Recommendation: ${NOT_ESTIMATED}`) && page.includes(`ROI: ${NOT_ESTIMATED}`),
    "not estimated",
  );
  assert(page.includes(`Residual diagnostics: ${NOT_ESTIMATED}`));
});

Deno.test("intervalChartSvg draws a dot and an interval per channel, a zero line and break-even", () => {
  const svg = intervalChartSvg([
    { channel: "a", label: "TV", estimate: 1.2, lower: 1, upper: 1.4 },
    { channel: "b", label: "Print", estimate: -0.5, lower: -1, upper: 0.2 },
  ], { title: "ROI", axis: "sales per dollar", reference: 1, referenceLabel: "break-even" });
  assertEquals(svg.match(/<circle/g)?.length, 2);
  assertEquals(svg.match(/aria-label="interval"[^>]*>(.*?)<\/g>/)?.[1].match(/<line/g)?.length, 2);
  assert(
    svg.includes('aria-label="zero"') && svg.includes('aria-label="reference"') && svg.includes("break-even"),
  );
  const ticks = [...svg.matchAll(/<text[^>]*text-anchor="middle">([^<]*)<\/text>/g)].map((m) => m[1]);
  assert(ticks.includes("0") && ticks.includes("−1.0") && ticks.includes("1.5"), ticks.join(" "));
  assert(svg.includes(">TV<") && svg.includes(">Print<"));
});

Deno.test("niceTicks, intervalVerdict and wordList", () => {
  assertEquals(niceTicks(0, 2.5, 5), [0, 0.5, 1, 1.5, 2, 2.5]);
  assertEquals(niceTicks(-2, 6, 4), [-2, 0, 2, 4, 6]);
  assertEquals(niceTicks(3, 3), [3]);
  assertEquals(intervalVerdict({ lower: 1.1, upper: 1.3 }, 1), "pays back (above break-even)");
  assertEquals(intervalVerdict({ lower: 0.4, upper: 0.6 }, 1), "positive, below break-even");
  assertEquals(intervalVerdict({ lower: 0.9, upper: 1.1 }, 1), "positive; break-even not excluded");
  assertEquals(intervalVerdict({ lower: -0.1, upper: 1.2 }, 1), "not distinguishable from zero");
  assertEquals(
    intervalVerdict({ lower: -1, upper: 0.4 }, 1),
    "not distinguishable from zero, below break-even",
  );
  assertEquals(intervalVerdict({ lower: -1, upper: -0.4 }, 1), "negative");
  assertEquals(intervalVerdict({ lower: 0, upper: 1 }), "not distinguishable from zero");
  assertEquals(intervalVerdict({ lower: 0.1, upper: 1 }), "positive");
  assertEquals([wordList([]), wordList(["a"]), wordList(["a", "b"]), wordList(["a", "b", "c"])], [
    "",
    "a",
    "a and b",
    "a, b and c",
  ]);
});

Deno.test("summary: the national budget decision from notebook 07, recommended or withheld with its reason", () => {
  const withheld = nationalRecommendation({
    national: {
      recommendation: { shown: false, reason: "The gain's interval includes zero.", sentence: "x" },
    },
  });
  assert(withheld.includes("Withheld:</span> The gain's interval includes zero."), withheld);
  assert(!withheld.includes("Recommended"));
  const shown = nationalRecommendation({
    national: { recommendation: { shown: true, sentence: "Move 10% to search." } },
  });
  assert(shown.includes("Recommended:</span> Move 10% to search."), shown);
  assert(nationalRecommendation(undefined).includes(NOT_ESTIMATED));
  // A reason that already opens with the model's name is not prefixed again ("National model: National model: …").
  const named = nationalRecommendation({
    national: {
      recommendation: { shown: false, reason: "National model: Recommendations are withheld: R² 0.1." },
    },
  });
  assert(named.includes("Withheld:</span> Recommendations are withheld: R² 0.1."), named);
  assert(!named.includes("National model:"), named);
  assertEquals(withoutModelPrefix("National model: x", "National model"), "x");
  assertEquals(withoutModelPrefix("The national model: x", "National model"), "The national model: x");
});

Deno.test("summary: the scorecard's counts and every check that did not pass, with its reason", () => {
  const html = scorecardSummary({
    scorecard: [
      { model: "geo", check: "Evidence gate", status: "pass", reason: "ok" },
      { model: "geo", check: "Autocorrelation", status: "warn", reason: "5 of 40 geos reject." },
      { model: "national", check: "Holdout", status: "fail", reason: "worse than naive <1>" },
    ],
  });
  assert(html.includes("1 checks pass, 1 warn, 1 fail"), html);
  assert(html.includes("geo, Autocorrelation. 5 of 40 geos reject."), html);
  assert(html.includes("worse than naive &lt;1&gt;"), "reasons are escaped");
  assert(!html.includes("Evidence gate"), "passing checks are only counted");
  assertEquals(scorecardSummary({}), "");
});

Deno.test("summaryHtml: returns below 0.1 per unit of spend keep three significant digits (conversions per dollar)", () => {
  const small = input();
  (small.results["05_geo_ols"] as Record<string, unknown>).targetUnit = "units";
  const estimates = small.estimates.map((e) =>
    e.model === "geo" && e.quantity === "roi" ? { ...e, estimate: 0.0111, lower: 0.00915, upper: 0.0146 } : e
  );
  const page = summaryHtml({ ...small, estimates });
  assert(page.includes("0.0111") && page.includes("0.00915 to 0.0146"), "small returns rounded to 0.01");
  assert(!page.includes("0.01 to 0.01"), "an interval printed as 0.01 to 0.01");
});

Deno.test("summaryHtml: a recommendation on few geos carries notebook 05's warning that its intervals are optimistic", () => {
  const few = input();
  (few.results["05_geo_ols"] as Record<string, unknown>).inference = {
    covType: "driscoll-kraay",
    fewGeos: true,
  };
  const page = summaryHtml(few);
  assert(
    page.includes("with only 4 geos every interval of the geo model is still optimistic"),
    "no few-geos warning",
  );
  assert(!summaryHtml(input()).includes("still optimistic"), "a warning without few geos");
});
