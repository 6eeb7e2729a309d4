import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";
import {
  clopperPearson,
  drawCoverage,
  parseCoverageCsv,
  studyMeta,
  studyRunFacts,
  trueDirectSaturation,
  trueValue,
  truthCoverageSentence,
} from "../../lib/evaluate/truth_coverage.ts";
import { roiSwing } from "../../lib/evaluate/carryover_sensitivity.ts";
import type { Truth } from "../../lib/data/truth_schema.ts";

const cases = JSON.parse(
  Deno.readTextFileSync(new URL("../fixtures/clopper_pearson.json", import.meta.url)),
) as { k: number; n: number; lower: number; upper: number }[];

Deno.test("clopperPearson matches scipy's beta quantiles (tests/fixtures/clopper_pearson.py)", () => {
  for (const c of cases) {
    const ci = clopperPearson(c.k, c.n);
    assertAlmostEquals(ci.lower, c.lower, 1e-9, `lower ${c.k}/${c.n}`);
    assertAlmostEquals(ci.upper, c.upper, 1e-9, `upper ${c.k}/${c.n}`);
  }
  assertThrows(() => clopperPearson(3, 2), RangeError);
});

const truth = {
  seed: 1,
  weekly: {
    adstock: { facebook: { theta: 0.5 } },
    contributions: {
      social: {
        facebook: {
          roi: 3.3,
          contribution: 4e6,
          googlePerDollarLongRun: 0.8,
          indirectPerDollarLongRun: 2.4,
          directPerDollarLongRun: 1,
        },
      },
      google: { roi: 2, contribution: 1e6 },
      email: { contribution: 5e5 },
    },
    priceElasticityAtMeans: -1.2,
    promotionLift: { absolute: 9000 },
  },
  geo: {
    channels: { tv: { roi: 1.24, contribution: 1e8, theta: 0.6 } },
    gamma: { population: 0.04, competitor: -0.15 },
  },
} as unknown as Truth;

const row = (model: string, quantity: string, channel: string, lower = 0, upper = 10) => ({
  model,
  quantity,
  channel,
  estimate: 1,
  lower,
  upper,
});

Deno.test("trueValue maps tidy rows to the truth by the pipelines' definitions", () => {
  assertEquals(trueValue(truth, row("geo", "roi", "tv_spend")), 1.24);
  assertEquals(trueValue(truth, row("geo", "carryover", "tv_spend")), 0.6);
  assertEquals(trueValue(truth, row("geo", "control", "competitor_sales_control")), -0.15);
  assertEquals(trueValue(truth, row("geo", "marginal_roi", "tv_spend")), undefined);
  assertEquals(trueValue(truth, row("national", "total_per_dollar", "facebook_spend")), 3.4);
  assertEquals(trueValue(truth, row("national", "roi", "google_spend")), 2);
  assertEquals(trueValue(truth, row("national", "contribution", "emails_send")), 5e5);
  assertEquals(trueValue(truth, row("national", "price_elasticity", "average_price")), -1.2);
  assertEquals(trueValue(truth, row("national", "carryover", "facebook_spend")), 0.5);
});

Deno.test("drawCoverage counts intervals that contain the truth, per quantity and in all", () => {
  const rows = [
    row("geo", "roi", "tv_spend", 1, 2), // covers 1.24
    row("geo", "carryover", "tv_spend", 0.1, 0.2), // misses 0.6
    row("geo", "marginal_roi", "tv_spend"), // no truth: left out
    { ...row("geo", "control", "population"), lower: null, upper: null }, // no interval: left out
  ];
  const cov = drawCoverage(truth, rows);
  const all = cov.find((r) => r.model === "geo" && r.quantity === "all")!;
  assertEquals([all.covered, all.n], [1, 2]);
  assertEquals(cov.find((r) => r.quantity === "roi")!.coverage, 1);
  assertEquals(cov[cov.length - 1].quantity, "all");
});

Deno.test("parseCoverageCsv reads the study's coverage.csv and names missing columns", () => {
  const text = "fit,model,quantity,subset,estimates,n,covered,coverage,wilsonLower,wilsonUpper\n" +
    "pipeline,geo,roi,channels,250,250,116,0.464,0.403,0.526\npipeline,geo,carryover,channels,250,0,0,,,\n";
  const rows = parseCoverageCsv(text);
  assertEquals(rows.length, 2);
  assertEquals([rows[0].n, rows[0].covered, rows[0].lower], [250, 116, 0.403]);
  assert(Number.isNaN(rows[1].coverage));
  assertThrows(() => parseCoverageCsv("fit,model\n"), RangeError, "quantity");
  const latest = parseCoverageCsv(
    "quantity,subset,n,covered,coverage,lower,upper,bias,draws\nroi,channels,250,230,0.92,0.88,0.95,0.01,50\n",
    "national",
  );
  assertEquals([latest[0].model, latest[0].fit, latest[0].upper, latest[0].draws], [
    "national",
    "pipeline",
    0.95,
    50,
  ]);
  assertThrows(() => parseCoverageCsv("quantity,subset,n,covered,coverage\n"), RangeError, "model");
  assertEquals(studyMeta('{"date":"2026-12-01","n":50,"drawsDone":20,"complete":false}'), {
    date: "2026-12-01",
    n: 20,
    complete: false,
  });
  assertEquals(studyMeta("not json"), null);
  assertEquals(studyRunFacts("Run 2026-12-01: N = 50 draws per model (geo)"), { date: "2026-12-01", n: 50 });
  assertEquals(studyRunFacts("no run line"), null);
});

Deno.test("roiSwing spans the ROI over the plausible θ range, the chosen value included", () => {
  const s = roiSwing([0.1, 0.2, 0.3, 0.4], [1, 1.1, 1.5, 3], 1.2, 0.2, 0.3, "tv");
  assertEquals([s.min, s.max], [1.1, 1.5]);
  assertAlmostEquals(s.relative, 0.4 / 1.2, 1e-12);
  assert(roiSwing([0.2], [1], 1, 0.2, 0.2, "tv").sentence.includes("singles out one"));
  assertThrows(() => roiSwing([0.2], [1], 1, 0.3, 0.2, "tv"), RangeError);
});

Deno.test("truthCoverageSentence counts intervals with a truth, names the misses, and claims no cause", () => {
  const f = (x: number) => x.toFixed(2);
  const rows = [
    { label: "A", estimate: 1, lower: 0.5, upper: 1.5, truth: 1.2 },
    { label: "B", estimate: 1, lower: 0.5, upper: 1.5, truth: 1.6 },
    { label: "C", estimate: 1, lower: NaN, upper: NaN, truth: 1 },
    { label: "D", estimate: 1, lower: 0.5, upper: 1.5, truth: NaN },
  ];
  const s = truthCoverageSentence(rows, f);
  assert(
    s.startsWith(
      "The 95% intervals cover the true value for 1 of 2 effects. Missed: B (estimate 1.00, true 1.60).",
    ),
    s,
  );
  assert(s.includes("one 95% interval in twenty misses by chance"), s);
  assertEquals(
    truthCoverageSentence(rows.slice(0, 1), f, "slopes"),
    "The 95% intervals cover the true value for 1 of 1 slopes.",
  );
});

Deno.test("trueDirectSaturation: the national truth's Hill curve of email and SMS by column prefix", () => {
  const truth = JSON.parse(Deno.readTextFileSync(new URL("../../data/truth.json", import.meta.url))) as Truth;
  assertEquals(trueDirectSaturation(truth, "emails_send"), truth.weekly.stage2.email);
  assertEquals(trueDirectSaturation(truth, "sms_send"), truth.weekly.stage2.sms);
  assertEquals(trueDirectSaturation(truth, "facebook_spend"), undefined);
});
