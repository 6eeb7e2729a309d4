import { assertEquals } from "../assert.ts";
import type { StageComparison } from "../../lib/pipeline/national_comparison.ts";
import {
  comparisonMapeNote,
  comparisonRmseValues,
  noStage1ComparisonSentence,
  stage1ComparisonOf,
  stage1ComparisonResults,
} from "../../lib/pipeline/stage1_view_comparison.ts";

const stage = (s: "1" | "2" | "single") =>
  ({ stage: s, outcome: s === "1" ? "google_spend" : "revenue" }) as unknown as StageComparison;

Deno.test("stage1ComparisonOf finds stage 1 among the compared stages, or gives null", () => {
  const two = [stage("1"), stage("2")];
  assertEquals(stage1ComparisonOf({ stages: two }), two[0]);
  assertEquals(stage1ComparisonOf({ stages: [stage("single")] }), null);
  assertEquals(stage1ComparisonOf({ stages: [] }), null);
});

Deno.test("stage1ComparisonResults publishes why nothing was compared, or the scope and stage 1's comparison", () => {
  assertEquals(stage1ComparisonResults({ stages: [], skipped: "No model was fitted.", scope: "none" }), {
    skipped: "No model was fitted.",
  });
  const s1 = stage("1");
  assertEquals(stage1ComparisonResults({ stages: [s1, stage("2")], skipped: null, scope: "Both stages." }), {
    scope: "Both stages.",
    stage1: s1,
  });
  assertEquals(
    stage1ComparisonResults({ stages: [stage("single")], skipped: null, scope: "Revenue only." }),
    {
      scope: "Revenue only.",
      stage1: null,
    },
  );
});

Deno.test("comparisonRmseValues keeps the finite mean RMSEs, none without a comparison", () => {
  const c = {
    comparison: { rows: [{ meanRmse: 10 }, { meanRmse: Infinity }, { meanRmse: NaN }, { meanRmse: 7 }] },
  };
  assertEquals(comparisonRmseValues(c), [10, 7]);
  assertEquals(comparisonRmseValues(null), []);
});

Deno.test("comparisonMapeNote gives the first row's note, or null when no row has one", () => {
  const note = "MAPE is not reported: the mediator is zero in some weeks.";
  assertEquals(
    comparisonMapeNote({
      comparison: { rows: [{ mapeNote: null }, { mapeNote: note }, { mapeNote: "other" }] },
    }),
    note,
  );
  assertEquals(comparisonMapeNote({ comparison: { rows: [{ mapeNote: null }] } }), null);
});

Deno.test("noStage1ComparisonSentence gives the skip reason, else the scope, and points to it from folds and importance", () => {
  assertEquals(
    noStage1ComparisonSentence({ skipped: "No model was fitted.", scope: "ignored" }, "comparison"),
    "**No model comparison for stage 1.** No model was fitted.",
  );
  assertEquals(
    noStage1ComparisonSentence({ skipped: null, scope: "Only the revenue stage is compared." }, "comparison"),
    "**No model comparison for stage 1.** Only the revenue stage is compared.",
  );
  const c = { skipped: null, scope: "" };
  assertEquals(
    noStage1ComparisonSentence(c, "folds"),
    "No fold scores: the comparison did not run (see above).",
  );
  assertEquals(
    noStage1ComparisonSentence(c, "importance"),
    "No stage-1 importance without a model comparison (see above).",
  );
});
