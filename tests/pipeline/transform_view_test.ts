import { assert, assertEquals } from "../assert.ts";
import {
  adstockExampleCurves,
  featureMatrixRows,
  nationalModelWords,
  sayRows,
  searchProgressSentence,
  seasonalityResults,
  seasonalTermLines,
  transformTruthSentence,
} from "../../lib/pipeline/transform_view.ts";

const roles = { target: "revenue", social: ["facebook_spend", "tiktok_spend"], mediator: "google_spend" };

Deno.test("nationalModelWords names the two-stage model's path by display names, else the single-stage model", () => {
  assertEquals(
    nationalModelWords({ model: "two-stage", roles }),
    "the two-stage model (Facebook, TikTok → Google → revenue)",
  );
  assertEquals(nationalModelWords({ model: "single-stage", roles }), "a single-stage model of revenue");
  assertEquals(
    nationalModelWords({ model: null, roles: { target: "sales", social: [] } }),
    "a single-stage model of sales",
  );
});

Deno.test("transformTruthSentence says whether chosen values are compared with a truth", () => {
  assertEquals(
    transformTruthSentence(true),
    "Ground truth is available (bundled data): chosen values are compared with it below.",
  );
  assertEquals(
    transformTruthSentence(false),
    "There is no ground truth for this file, so the comparison with true values is left out.",
  );
});

Deno.test("searchProgressSentence sums the candidates of every stage and says how they were scored", () => {
  const evidence = [{ candidates: 1500 }, { candidates: 2 }];
  assertEquals(
    searchProgressSentence({ searchEvidence: evidence, transforms: { selection: "in-sample" } }),
    "Scored 1,502 candidate transforms in sample (too few weeks to cross-validate).",
  );
  assertEquals(
    searchProgressSentence({ searchEvidence: evidence, transforms: { selection: "cross-validation" } }),
    "Scored 1,502 candidate transforms by time-series cross-validation.",
  );
  // no model: nothing scored, and no in-sample claim
  assertEquals(
    searchProgressSentence({ searchEvidence: [], transforms: null }),
    "Scored 0 candidate transforms by time-series cross-validation.",
  );
});

Deno.test("adstockExampleCurves draws six curves over the lags; geometric weights are powers of θ, delayed peaks at 3", () => {
  const curves = adstockExampleCurves(6);
  assertEquals(Object.keys(curves).length, 6);
  const g = curves["geometric θ=0.6"];
  assertEquals(Array.from(g.x), [0, 1, 2, 3, 4, 5]);
  for (let l = 0; l < 6; l++) assert(Math.abs(g.y[l] - 0.6 ** l) < 1e-12, `lag ${l}`);
  const d = Array.from(curves["delayed (θ=0.6, peak at 3)"].y);
  assertEquals(d.indexOf(Math.max(...d)), 3);
});

Deno.test("seasonalityResults publishes the kind and the term names in column order", () => {
  const columns = { nov: new Float64Array(3), dec: new Float64Array(3) };
  assertEquals(seasonalityResults({ kind: "holiday_months", columns }), {
    kind: "holiday_months",
    terms: ["nov", "dec"],
  });
});

Deno.test("seasonalTermLines gives one line per term, each week dated at UTC midnight", () => {
  const lines = seasonalTermLines(
    { sin: new Float64Array([0, 0.5]), cos: new Float64Array([1, 0.8]) },
    ["2024-01-01", "2024-01-08"],
  );
  assertEquals(lines.length, 2);
  assertEquals(lines[1].map((r) => [r.date.getTime(), r.v, r.name]), [
    [Date.UTC(2024, 0, 1), 1, "cos"],
    [Date.UTC(2024, 0, 8), 0.8, "cos"],
  ]);
});

Deno.test("featureMatrixRows shows at most the asked rows, each week with its columns by name", () => {
  const X = { names: ["const", "tv", "nov"], n: 2, k: 3, x: new Float64Array([1, 5, 0, 1, 7, 1]) };
  assertEquals(featureMatrixRows(X, ["w1", "w2"]), [
    { week: "w1", const: 1, tv: 5, nov: 0 },
    { week: "w2", const: 1, tv: 7, nov: 1 },
  ]);
  assertEquals(featureMatrixRows(X, ["w1", "w2"], 1).length, 1);
});

Deno.test("sayRows labels the channel, rewrites the named sentence columns and keeps the rest and the key order", () => {
  const rows = [{ stage: "1", path: "a → b", channel: "facebook_spend", theta: 0.3 }];
  const out = sayRows(rows, ["path"], (s) => s.replace("b", "B"));
  assertEquals(out, [{ stage: "1", path: "a → B", channel: "Facebook", theta: 0.3 }]);
  assertEquals(Object.keys(out[0]), ["stage", "path", "channel", "theta"]);
  assertEquals(rows[0].channel, "facebook_spend"); // the input is not changed
  assertEquals(sayRows([{ outcome: "revenue" }], ["outcome"], (s) => s.toUpperCase()), [{
    outcome: "REVENUE",
  }]);
});
