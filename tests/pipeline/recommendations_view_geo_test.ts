import { assert, assertEquals } from "../assert.ts";
import {
  breakEvenLine,
  dataNotesText,
  geoCurveChartRows,
  geoMarginalChartRows,
  geoReturnTableRows,
  geoRunResults,
  moneyTarget,
  scenarioAmounts,
  scenarioChartRows,
  scenarioTableRows,
} from "../../lib/pipeline/recommendations_view_geo.ts";
import type { GeoReturnRow, GeoScenarioRow } from "../../lib/pipeline/geo_recommendations.ts";

const upper = (c: string) => c.toUpperCase();

const returnRow = (channel: string, trueRoi?: number): GeoReturnRow => ({
  channel,
  spend: 100,
  roi: 2,
  lower: 1,
  upper: 3,
  verdict: "positive",
  marginalRoi: 1.5,
  marginalLower: 0.5,
  marginalUpper: 2.5,
  ...(trueRoi !== undefined ? { trueRoi } : {}),
});

const scenarioRow = (scenario: string, change: number, lower: number, upper: number): GeoScenarioRow => ({
  scenario,
  spendChange: 10,
  change,
  lower,
  upper,
  perSpend: change / 10,
  verdict: lower > 0 ? "positive" : upper < 0 ? "negative" : "not distinguishable from zero",
});

Deno.test("geoRunResults saves the run, null replicates without the bootstrap, and the evidence", () => {
  const geo = {
    notes: ["tv is sparse."],
    crossValidation: { mean: { withinR2: 0.5 }, sd: { withinR2: 0.1 } },
    model: { fit: { stats: { withinRsquared: 0.6 } } },
    gate: { passed: false, reason: "Too weak.", checks: [{ name: "r2" }] },
    plausibility: { verdict: "implausible" },
  };
  const rec = { bounds: { min: 0.7, max: 1.3 }, draws: 50, seed: 3 };
  assertEquals(geoRunResults(geo, rec, 9), {
    bounds: { min: 0.7, max: 1.3 },
    draws: 50,
    replicates: null,
    seed: 3,
    geoSeed: 9,
    notes: ["tv is sparse."],
    evidence: {
      withinR2: 0.5,
      withinR2Sd: 0.1,
      inSampleWithinR2: 0.6,
      gate: { passed: false, reason: "Too weak.", checks: [{ name: "r2" }] },
      plausibility: "implausible",
    },
  });
  assertEquals(geoRunResults({ ...geo, bootstrap: { replicates: 199 } }, rec, 9).replicates, 199);
});

Deno.test("dataNotesText is empty without notes, a labelled bullet list with a heading otherwise", () => {
  assertEquals(dataNotesText([]), "");
  assertEquals(
    dataNotesText(["tv is sparse.", "radio merged."], upper),
    "Notes on the data (see notebook 05):\n\n- TV IS SPARSE.\n- RADIO MERGED.\n\n",
  );
});

Deno.test("geoCurveChartRows marks the optimum only when the move is recommended", () => {
  const curves = [{ channel: "tv", points: [1], currentSpend: 10 }, {
    channel: "radio",
    points: [2],
    currentSpend: 5,
  }];
  const allocation = {
    channels: [{ channel: "tv", optimalSpend: 13 }, { channel: "radio", optimalSpend: 2 }],
  };
  assertEquals(geoCurveChartRows(curves, allocation, { shown: true }).map((r) => r.recommendedSpend), [
    13,
    2,
  ]);
  const hidden = geoCurveChartRows(curves, allocation, { shown: false });
  assertEquals(hidden.map((r) => r.recommendedSpend), [undefined, undefined]);
  assertEquals(hidden[1], { channel: "radio", points: [2], currentSpend: 5, recommendedSpend: undefined });
});

Deno.test("geoReturnTableRows adds the true ROI column only with ground truth, NaN where unknown", () => {
  const rows = [returnRow("tv", 2.5), returnRow("a + b")];
  const withTruth = geoReturnTableRows(rows, true, upper);
  assertEquals(withTruth.map((r) => r.channel), ["TV", "A + B"]);
  assertEquals(withTruth[0].trueRoi, 2.5);
  assert(Number.isNaN(withTruth[1].trueRoi));
  const without = geoReturnTableRows(rows, false);
  assert(without.every((r) => !("trueRoi" in r)));
  assertEquals(without[0].marginalUpper, 2.5);
});

Deno.test("geoMarginalChartRows carries the marginal ROI and its interval", () => {
  assertEquals(geoMarginalChartRows([returnRow("tv")]), [{
    channel: "tv",
    marginalRoi: 1.5,
    lower: 0.5,
    upper: 2.5,
  }]);
});

Deno.test("moneyTarget and breakEvenLine: break-even 1 for money only", () => {
  assertEquals(moneyTarget("currency"), true);
  assertEquals(moneyTarget("units"), false);
  assertEquals(moneyTarget(undefined), false);
  assertEquals(breakEvenLine("currency"), 1);
  assertEquals(breakEvenLine("units"), null);
});

Deno.test("scenario views: amounts in order, names labelled, results rows untouched", () => {
  const rows = [scenarioRow("tv +20%", 5, 2, 8), scenarioRow("tv −20%", -4, -7, 1)];
  assertEquals(scenarioAmounts(rows), [5, 2, 8, -4, -7, 1]);
  const table = scenarioTableRows(rows, upper);
  assertEquals(table.map((r) => r.scenario), ["TV +20%", "TV −20%"]);
  assertEquals(table[1].verdict, "not distinguishable from zero");
  assertEquals(rows[0].scenario, "tv +20%");
  assertEquals(scenarioChartRows(rows, upper)[1], { label: "TV −20%", estimate: -4, lower: -7, upper: 1 });
});
