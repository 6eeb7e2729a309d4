import { assert, assertEquals } from "../assert.ts";
import {
  anomalyRows,
  noAnomalySentence,
  profileView,
  profileViews,
  searchEffortClause,
  searchEffortRows,
  searchGridSentence,
  searchStageName,
} from "../../lib/pipeline/transform_view_search.ts";

Deno.test("searchStageName names stage 1, stage 2 and the single-stage model", () => {
  assertEquals([searchStageName("1"), searchStageName("2"), searchStageName("single")], [
    "stage 1",
    "stage 2",
    "the model",
  ]);
});

Deno.test("searchEffortClause states candidates, folds or in-sample scoring, and failed candidates only when any", () => {
  const e = { stage: "1" as const, candidates: 12000, failed: 0, folds: 4 };
  assertEquals(searchEffortClause(e, "cross-validation"), "stage 1: 12,000 candidates, 4 folds");
  assertEquals(
    searchEffortClause({ ...e, failed: 1500 }, "cross-validation"),
    "stage 1: 12,000 candidates, 4 folds (1,500 candidates could not be fitted on some fold and were left out)",
  );
  assertEquals(searchEffortClause(e, "in-sample"), "stage 1: 12,000 candidates, scored in sample");
  assertEquals(
    searchEffortClause({ ...e, failed: 3 }, "in-sample"),
    "stage 1: 12,000 candidates, scored in sample (3 candidates could not be fitted and were left out)",
  );
});

Deno.test("searchEffortRows keeps stage, candidates, failures and folds", () => {
  const e = { stage: "2" as const, candidates: 9, failed: 1, folds: 3, outcome: "revenue" };
  assertEquals(searchEffortRows([e]), [{ stage: "2", candidates: 9, failed: 1, folds: 3 }]);
});

const options = {
  alphaGrid: [0, 1, 10],
  halfSaturationMultiples: [0.5, 1, 1.5],
  hillShapes: [1, 2],
  anomalyThreshold: 5,
};
const stage = (stage: "1" | "2" | "single", folds = 5) => ({ stage, candidates: 100, failed: 0, folds });

Deno.test("searchGridSentence states one shared grid once, the ridge penalties and each stage's effort", () => {
  const t = {
    selection: "cross-validation" as const,
    options,
    stage1: { thetaGrid: [0, 0.5] },
    stage2: { thetaGrid: [0, 0.5] },
  };
  assertEquals(
    searchGridSentence(t, [stage("1"), stage("2")]),
    "Grid: θ ∈ {0, 0.5} per channel, ridge α ∈ {0, 1, 10}; Hill half-saturation 0.5, 1, 1.5 × the typical " +
      "active level with shape 1 or 2, or no saturation; anomalous weeks: |robust z| > 5. " +
      "Stage 1: 100 candidates, 5 folds. Stage 2: 100 candidates, 5 folds.",
  );
});

Deno.test("searchGridSentence shows a thinned grid beside the full one, and no ridge penalty in sample", () => {
  const t = {
    selection: "in-sample" as const,
    options: { ...options, anomalyThreshold: 4.5 },
    stage1: { thetaGrid: [0, 0.3, 0.6] },
    stage2: { thetaGrid: [0, 0.6] },
  };
  const s = searchGridSentence(t, [stage("1"), stage("2")]);
  assert(s.startsWith("Grid: θ ∈ {0, 0.3, 0.6} / {0, 0.6} per channel, no ridge penalty (in sample"), s);
  assert(s.includes("|robust z| > 4.5."), s);
  assert(
    s.endsWith("Stage 1: 100 candidates, scored in sample. Stage 2: 100 candidates, scored in sample."),
    s,
  );
  // the single-stage model has no stage 1 grid
  const single = searchGridSentence({ ...t, stage1: null }, [stage("single")]);
  assert(single.startsWith("Grid: θ ∈ {0, 0.6} per channel"), single);
  assert(single.endsWith("The model: 100 candidates, scored in sample."), single);
});

const anomalies = [
  { week: "2024-02-05", value: 900, expected: 300, z: 11 },
  { week: "2024-06-03", value: 10, expected: 310, z: -7 },
];

Deno.test("anomalyRows marks each week against the truth's corrupted weeks, and adds no column without a truth", () => {
  const truth = { weekly: { outliers: [{ week: "2024-06-03" }] } };
  assertEquals(anomalyRows(anomalies, truth).map((r) => r.recordedInTruth), ["no", "yes"]);
  assertEquals(anomalyRows(anomalies), [
    { week: "2024-02-05", value: 900, localMedian: 300, robustZ: 11 },
    { week: "2024-06-03", value: 10, localMedian: 310, robustZ: -7 },
  ]);
});

Deno.test("noAnomalySentence speaks only when no week was left out", () => {
  assertEquals(noAnomalySentence(anomalies, "revenue"), null);
  assertEquals(
    noAnomalySentence([], "sales"),
    "No week is left out of the sales fit as a likely data error; every week is used.",
  );
});

const grid = {
  channels: ["facebook_spend", "tiktok_spend"] as const,
  thetaA: [0, 0.5],
  thetaB: [0, 0.5, 0.9],
  score: new Float64Array([4, 3, 5, 2, 6, 7]),
};
const curve = { channel: "facebook_spend", theta: [0, 0.5], score: new Float64Array([4, 2]) };

Deno.test("profileView draws the heatmap and the curves of a cross-validated stage, naming the CV RMSE", () => {
  const v = profileView(
    { stage: "1", outcome: "google_spend", grid, curves: [curve] },
    "cross-validation",
    (s) => s === "google_spend" ? "Google" : s,
  );
  assertEquals(v.heatmap!.rows, ["θ 0", "θ 0.5"]);
  assertEquals(v.heatmap!.columns, ["θ 0", "θ 0.5", "θ 0.9"]);
  assertEquals(v.heatmap!.domain, [2, 7]);
  assertEquals(
    v.heatmap!.title,
    "Stage 1: best CV RMSE of Google by carryover of Facebook (rows) and TikTok (columns)",
  );
  assertEquals(v.heatmap!.subtitle, "each cell: the best over the other parameters and the ridge penalty");
  assertEquals(Object.keys(v.curves!.series), ["Facebook"]);
  assertEquals(v.curves!.title, "Stage 1: best CV RMSE of Google at each carryover, per channel");
  assertEquals(v.curves!.y, "mean CV RMSE");
  assertEquals(v.sentence, null);
});

Deno.test("profileView in sample names the in-sample RMSE, and says so when a stage has no carryover", () => {
  const v = profileView({ stage: "single", outcome: "sales", grid, curves: [curve] }, "in-sample");
  assertEquals(v.heatmap!.subtitle, "each cell: the best over the other parameters");
  assert(v.heatmap!.title.startsWith("The model: best in-sample RMSE of sales"), v.heatmap!.title);
  assertEquals(v.curves!.y, "in-sample RMSE");
  const none = profileView({ stage: "2", outcome: "sales", grid: null, curves: [] }, "in-sample");
  assertEquals(none, {
    heatmap: null,
    curves: null,
    sentence: "Stage 2 has no carryover to choose (only direct channels and controls).",
  });
});

Deno.test("profileViews gives the second stage's view, or says the single-stage model has one search", () => {
  const p1 = { stage: "1" as const, outcome: "google_spend", grid: null, curves: [curve] };
  const p2 = { stage: "2" as const, outcome: "revenue", grid: null, curves: [] };
  const [a, b] = profileViews([p1, p2], "cross-validation");
  assert(a.curves !== null);
  assertEquals(b.sentence, "Stage 2 has no carryover to choose (only direct channels and controls).");
  const single = profileViews([{ ...p1, stage: "single" }], "cross-validation");
  assertEquals(single[1], {
    heatmap: null,
    curves: null,
    sentence: "The single-stage model has one search, shown above.",
  });
});
