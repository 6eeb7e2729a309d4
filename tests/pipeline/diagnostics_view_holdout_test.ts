/** Notebook 06's holdout view (lib/pipeline/diagnostics_view_holdout.ts), every branch. */
import { assertEquals } from "../assert.ts";
import {
  geoHoldoutSeries,
  holdoutNotes,
  holdoutView,
  nationalHoldoutSeries,
} from "../../lib/pipeline/diagnostics_view_holdout.ts";
import type {
  HoldoutPlan,
  HoldoutScores,
  MediationHoldout,
  PanelHoldout,
} from "../../lib/evaluate/holdout.ts";
import type { GeoHoldoutRechosen } from "../../lib/pipeline/geo_holdout.ts";

const scores = (rmse: number, metric: "MAPE" | "WAPE" = "MAPE"): HoldoutScores => ({
  n: 2,
  rmse,
  r2: 0.5,
  percentError: 0.1,
  percentMetric: metric,
  percentReason: metric === "WAPE" ? "A week is near zero." : null,
  benchmarkRmse: 2 * rmse,
  rmseRatio: 0.5,
});
const plan = (trainWeeks: number, testWeeks = 2): HoldoutPlan => ({
  ok: true,
  trainWeeks,
  testWeeks,
  reason: null,
});
const refused = (reason: string): HoldoutPlan => ({ ok: false, trainWeeks: 0, testWeeks: 2, reason });
const benchmark = {
  kind: "training mean" as const,
  values: Float64Array.of(1, 1),
  sentence: "The benchmark is the training mean.",
};

const nationalTwoStage: MediationHoldout = {
  plan: plan(3),
  testRows: Int32Array.of(3, 4),
  predicted: Float64Array.of(10, 11),
  actual: Float64Array.of(9, 12),
  benchmark,
  scores: scores(1),
  predictedFromSocial: Float64Array.of(8, 9),
  scoresFromSocial: scores(3),
};
// a panel of two geos over three weeks: rows (geo a: w0 w1 w2, geo b: w0 w1 w2), the last week held out
const panelDates = ["w0", "w1", "w2", "w0", "w1", "w2"];
const geoHoldout: PanelHoldout = {
  plan: plan(2, 1),
  testRows: Int32Array.of(2, 5),
  predicted: Float64Array.of(4, 6),
  actual: Float64Array.of(5, 5),
  benchmark,
  scores: scores(10, "WAPE"),
  withinR2: 0.3,
};
const rechosen: GeoHoldoutRechosen = {
  holdout: { ...geoHoldout, scores: scores(20), withinR2: 0.2 },
  transforms: [],
  seasonality: "none",
};
const weekly = {
  dates: ["d0", "d1", "d2", "d3", "d4"],
  actual: Float64Array.of(1, 2, 3, 4, 5),
  fitted: Float64Array.of(1, 2, 3, 4, 5),
};
const panel = {
  dates: panelDates,
  actual: Float64Array.of(1, 2, 3, 10, 20, 30),
  fitted: Float64Array.of(1, 1, 1, 1, 1, 1),
};
const formats = {
  nationalAmount: (x: number) => `$${x}`,
  geoAmount: (x: number) => `${x} units`,
  percent: (x: number) => `${x * 100}%`,
};

Deno.test("holdoutView: every holdout ran: national, from social only, panel, panel re-chosen", () => {
  const v = holdoutView({
    nationalModel: "two-stage",
    national: nationalTwoStage,
    geo: geoHoldout,
    geoRechosen: rechosen,
    weekly,
    panel,
  }, formats);
  assertEquals(v.rows.map((r) => [r.model, r.rmseText, r.benchmarkRmseText, r.percent, r.trainWeeks]), [
    ["national two-stage", "$1", "$2", "10% (MAPE)", 3],
    ["national, mediator from social only", "$3", "$6", "10% (MAPE)", 3],
    ["geo panel (all geos)", "10 units", "20 units", "10% (WAPE)", 2],
    ["geo panel, transforms re-chosen on the training weeks", "20 units", "40 units", "10% (MAPE)", 2],
  ]);
  assertEquals(v.rows.map((r) => r.withinR2), [NaN, NaN, 0.3, 0.2]);
  assertEquals(v.notes, [
    "National: trained on 3 weeks (d0 to d2), predicting 2. The benchmark is the training mean. ",
    "Geo: trained on every geo's first 2 weeks, predicting the last 1. The benchmark is the training mean. " +
    "A week is near zero.",
  ]);
  const r = v.results as Record<string, Record<string, unknown>>;
  assertEquals(r.national.weeks, ["d3", "d4"]);
  assertEquals(r.geo, {
    benchmark: "training mean",
    benchmarkSentence: "The benchmark is the training mean.",
    percentReason: "A week is near zero.",
    trainWeeks: 2,
  });
  assertEquals(r.geoRechosen.seasonality, "none");
  assertEquals(v.nationalSeries!.held, Float64Array.of(NaN, NaN, NaN, 10, 11));
  assertEquals(v.geoSeries!.held, Float64Array.of(NaN, NaN, 10));
});

Deno.test("holdoutView: refused holdouts give no rows, their reasons as notes, and no charts", () => {
  const v = holdoutView({
    nationalModel: "single-stage",
    national: refused("Too short nationally."),
    geo: refused("Too short on the panel."),
    geoRechosen: refused("Too short to re-choose."),
    weekly,
    panel,
  }, formats);
  assertEquals(v.rows, []);
  assertEquals(v.notes, ["National: Too short nationally.", "Geo: Too short on the panel."]);
  assertEquals(v.results.national, { refused: "Too short nationally." });
  assertEquals(v.results.geo, { refused: "Too short on the panel." });
  assertEquals(v.results.geoRechosen, { refused: "Too short to re-choose." });
  assertEquals([v.nationalSeries, v.geoSeries], [null, null]);
});

Deno.test("holdoutView: without a national model, no national row, note or chart; a single-stage holdout has one row", () => {
  const none = holdoutView({
    nationalModel: null,
    national: null,
    geo: geoHoldout,
    geoRechosen: rechosen,
    weekly: { ...weekly, fitted: null },
    panel,
  }, formats);
  assertEquals(none.rows.map((r) => r.model)[0], "geo panel (all geos)");
  assertEquals(none.notes.length, 1);
  assertEquals(none.results.national, { refused: null });
  assertEquals(none.nationalSeries, null);
  const { predictedFromSocial: _p, scoresFromSocial: _s, ...single } = nationalTwoStage;
  const one = holdoutView({
    nationalModel: "single-stage",
    national: single,
    geo: geoHoldout,
    geoRechosen: rechosen,
    weekly,
    panel,
  }, formats);
  assertEquals(one.rows.filter((r) => r.model.startsWith("national")).map((r) => r.model), [
    "national single-stage",
  ]);
});

Deno.test("holdoutNotes: a refused national holdout is noted before the panel's run", () => {
  assertEquals(holdoutNotes({ national: refused("No."), geo: geoHoldout, weekly })[0], "National: No.");
});

Deno.test("nationalHoldoutSeries and geoHoldoutSeries: predictions on the held-out weeks, summed over geos", () => {
  const n = nationalHoldoutSeries(nationalTwoStage, weekly.dates, weekly.actual, weekly.fitted);
  assertEquals(n.inHoldout, [false, false, false, true, true]);
  const g = geoHoldoutSeries(geoHoldout, panelDates, panel.actual, panel.fitted);
  assertEquals(g.dates, ["w0", "w1", "w2"]);
  assertEquals(g.actual, Float64Array.of(11, 22, 33));
  assertEquals(g.fitted, Float64Array.of(2, 2, 2));
  assertEquals(g.held, Float64Array.of(NaN, NaN, 10));
  assertEquals(g.inHoldout, [false, false, true]);
});
