/**
 * The geo pipeline on small generated panels: the shapes of data users bring (population constant within
 * each geo, two geos, one year, a channel zero in one geo, two identical channels, a target with no media
 * signal) run to the end, and what the design cannot identify is reported, never left to a failed solve.
 * Expected values come from the definitions (sums, interval rules, the plan's formulas), not from runs.
 */
import { assert, assertAlmostEquals, assertEquals } from "../assert.ts";
import { channelLabel } from "../../lib/data/labels.ts";
import { geoPipeline, geoRecommendations } from "../../lib/pipeline/geo.ts";
import { panel } from "./_geo_panel.ts";

const FAST = { seed: 3, draws: 200, replicates: 19, thetaGrid: [0, 0.5], scaleMultiples: [1, 2] } as const;

Deno.test("geo pipeline: population constant within every geo is reported as not identified, not a crash", async () => {
  const ds = panel({ geos: 6, weeks: 104, constantPopulation: true });
  const geo = await geoPipeline(ds, FAST);
  assertEquals(geo.identification.controls, ["competitor_sales_control"]);
  assertEquals(geo.identification.populationModelled, false);
  const dropped = geo.identification.dropped.find((d) => d.column === "population");
  assertEquals(dropped?.reason, "constant-within-geo");
  assert(geo.notes.some((n) => n.includes(`"population"`)), "a note names population");
  assert(!geo.model.fit.terms.includes("population"), "population is not a term of the fit");
  assertEquals(geo.controls.map((c) => c.control), ["competitor_sales_control"]);
  // the search did not fail on any candidate
  for (const c of geo.identification.channels) {
    assert(geo.transforms.profiles[c].rmse.every(Number.isFinite), `${c}: every candidate scored`);
  }
});

Deno.test("geo pipeline: two geos run, with Driscoll–Kraay errors and a note that the clustered covariance is singular", async () => {
  const ds = panel({ geos: 2, weeks: 104 });
  const geo = await geoPipeline(ds, FAST);
  // 3 media + competitor + population + 11 month dummies = 16 slopes > G − 1 = 1
  assertEquals(geo.inference.covType, "driscoll-kraay");
  assertEquals(geo.inference.fewGeos, true);
  assertEquals(geo.model.fit.covType, "driscoll-kraay");
  assert(
    geo.notes.some((n) => n.includes("is singular") && n.includes("optimistic")),
    geo.notes.join("\n"),
  );
  assertEquals(geo.roi.length, 3);
  const rec = geoRecommendations(geo, { seed: 4, draws: 200 });
  assertEquals(rec.returns.length, 3);
});

Deno.test("geo pipeline: 52 weeks per geo use a sine–cosine season and half-data training folds", async () => {
  const ds = panel({ geos: 5, weeks: 52 });
  const geo = await geoPipeline(ds, FAST);
  assertEquals(geo.plan.seasonality, "fourier");
  assertEquals([geo.plan.minTrainSize, geo.plan.folds, geo.plan.testSize], [26, 5, 5]);
  assertEquals(geo.crossValidation.folds.length, 5);
  assert(geo.model.fit.terms.includes("week_sin_1") && geo.model.fit.terms.includes("week_cos_1"));
  assert(!geo.model.fit.terms.some((t) => t.startsWith("month_")), "no month dummies");
  // the envelope's month-dummy wording is replaced by the plan's
  assert(!geo.notes.some((n) => n.includes("month effects are weakly identified")), geo.notes.join("\n"));
});

Deno.test("geo pipeline: a channel zero throughout one geo is estimated from the others, with a note", async () => {
  const ds = panel({ geos: 6, weeks: 104, radioZeroInGeo: true });
  const geo = await geoPipeline(ds, FAST);
  assertEquals(geo.identification.channels, ["tv_spend", "search_spend", "radio_spend"]);
  assertEquals(geo.identification.zeroInGeos.map((z) => [z.column, z.geos]), [["radio_spend", ["g2"]]]);
  const radio = geo.contributionsByGeoYearMonthChannel.filter((r) =>
    r.geo === "g2" && r.channel === "radio_spend"
  );
  assert(
    radio.length > 0 && radio.every((r) => r.contribution === 0 && r.spend === 0),
    "no radio effect in g2",
  );
});

Deno.test("geo pipeline: identical channels are merged into one summed channel, never two estimates", async () => {
  const ds = panel({ geos: 6, weeks: 104, radioCopiesTv: true });
  const geo = await geoPipeline(ds, FAST);
  assertEquals(geo.identification.channels, ["tv_spend + radio_spend", "search_spend"]);
  assertEquals(geo.identification.merged.map((m) => m.columns), [["tv_spend", "radio_spend"]]);
  const combined = geo.dataset.columns["tv_spend + radio_spend"];
  for (let i = 0; i < ds.n; i++) {
    assertEquals(combined[i], ds.columns.tv_spend[i] + ds.columns.radio_spend[i]);
  }
  assertEquals(geo.roi.map((r) => r.channel), ["tv_spend + radio_spend", "search_spend"]);
  const row = geo.roi[0];
  let spend = 0;
  for (let i = 0; i < ds.n; i++) spend += combined[i];
  assertAlmostEquals(row.spend, spend, 1e-6 * spend);
  assertAlmostEquals(row.roi, row.contribution / spend, 1e-12);
  assert(geo.notes.some((n) => n.includes("TV + Radio")), "a note names the merged channel");
});

Deno.test("geo pipeline: ROI verdicts and the break-even statement follow their intervals", async () => {
  const geo = await geoPipeline(panel({ geos: 6, weeks: 104 }), FAST);
  for (const r of geo.roi) {
    assertEquals(
      r.verdict,
      r.lower > 0 ? "positive" : r.upper < 0 ? "negative" : "not distinguishable from zero",
    );
    assertEquals(r.belowBreakEven, r.upper < 1);
    assertEquals(geo.sentences.breakEven.includes(channelLabel(r.channel)), r.upper < 1);
  }
});

Deno.test("geo pipeline: when media explain nothing the gate fails and the reallocation is withheld", async () => {
  // The season and the control still predict, so out-of-sample skill is there; the media terms are not.
  const geo = await geoPipeline(panel({ geos: 6, weeks: 104, noMedia: true }), FAST);
  assertEquals(geo.gate.passed, false);
  assertEquals(geo.gate.checks.find((c) => c.name === "media jointly")?.passed, false);
  const rec = geoRecommendations(geo, { seed: 4, draws: 200 });
  assertEquals(rec.recommendation.shown, false);
  assertEquals(rec.recommendation.reason, geo.gate.reason);
  assertEquals(rec.recommendation.sentence, geo.gate.reason);
  assert(rec.sentences.evidence.includes("does not pass"), rec.sentences.evidence);
});

Deno.test("geo pipeline: noise around each geo's level has no out-of-sample skill, and is never called enough", async () => {
  const geo = await geoPipeline(panel({ geos: 6, weeks: 104, noMedia: true, noiseOnly: true }), FAST);
  assert(geo.crossValidation.mean.withinR2 < 0.2, `within R² ${geo.crossValidation.mean.withinR2}`);
  assertEquals(geo.gate.passed, false);
  assertEquals(geo.gate.checks.find((c) => c.name === "mean skill")?.passed, false);
  const rec = geoRecommendations(geo, { seed: 4, draws: 200 });
  assert(!rec.sentences.evidence.includes("may inform budget decisions"), rec.sentences.evidence);
  assertEquals(rec.recommendation.shown, false);
});
