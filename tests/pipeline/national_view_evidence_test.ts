/**
 * Notebook 04's evidence views (lib/pipeline/national_view_evidence.ts) on small hand-built results: the
 * importance chart rows, the out-of-sample sentence (MAPE shown or not, gate passed or not), each branch of the
 * model comparison's words, the permutation ranking and the calibration without a file.
 */
import { assert, assertEquals } from "../assert.ts";
import type { Dataset } from "../../lib/data/types.ts";
import type { EvidenceGate } from "../../lib/evaluate/evidence_gate.ts";
import {
  crossValidationMissingSentence,
  crossValidationResults,
  crossValidationSentence,
  importanceChartRows,
  importanceMissingSentence,
  linearImportanceR2,
  linearPermutationSentence,
  outcomeCalibration,
  revenueComparisonView,
} from "../../lib/pipeline/national_view_evidence.ts";
import type { NationalComparison, StageComparison } from "../../lib/pipeline/national_comparison.ts";
import type { NationalCalibrationInput } from "../../lib/pipeline/calibration_national.ts";
import type { NationalCrossValidation } from "../../lib/pipeline/national_types.ts";

const two = (x: number) => x.toFixed(2);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

Deno.test("importanceChartRows and importanceMissingSentence", () => {
  const row = {
    driver: "email_send",
    standardized: -0.2,
    lower: -0.4,
    upper: 0.1,
    permutation: 0.01,
    permutationSd: 0.001,
    forest: 0.1,
    rankStandardized: 1,
    rankPermutation: 2,
    rankForest: 3,
  };
  assertEquals(importanceChartRows([row]), [{ label: "Email", estimate: -0.2, lower: -0.4, upper: 0.1 }]);
  assertEquals(
    importanceMissingSentence({ skipped: [{ section: "importance", reason: "Too few weeks." }] }),
    "Too few weeks.",
  );
  assertEquals(importanceMissingSentence({ skipped: [] }), "Driver importance was not computed.");
});

const gate = (passed: boolean): EvidenceGate => ({
  passed,
  reason: "",
  rule: "",
  folds: 4,
  mean: 0.4,
  sd: 0.1,
  lowerBound: 0.2,
  checks: [
    { name: "folds", passed: true, value: 4, threshold: 3, sentence: "four folds" },
    { name: "mean skill", passed, value: 0.4, threshold: 0, sentence: "the mean R² is 0.40" },
  ],
});
const cv = (meanMape: number, passed: boolean): NationalCrossValidation => ({
  rule: "Expanding window.",
  folds: [1, 2, 3, 4].map((fold) => ({
    fold,
    trainWeeks: 52,
    testWeeks: 13,
    r2: 0.4,
    rmse: 10,
    mape: meanMape,
  })),
  meanR2: 0.4,
  sdR2: 0.1,
  meanRmse: 10,
  meanMape,
  predictions: new Float64Array(0),
  inSampleR2: 0.9,
  gate: gate(passed),
  leftOutNote: null,
});

Deno.test("crossValidationSentence: MAPE or why not, and what the gate allows", () => {
  const f = { decimals: two, share: pct };
  assertEquals(
    crossValidationSentence(cv(0.05, true), "sales", f),
    "Out of sample the model explains **0.40** of sales's variance (sd 0.10 over 4 folds; mean absolute " +
      "percentage error 5.0%); in sample 0.90.\nThe mean R² is 0.40. The effects above rest on a model that " +
      "predicts out of sample, and budget recommendations may use it.",
  );
  const failed = crossValidationSentence(cv(NaN, false), "sales", f);
  assert(
    failed.includes(
      "over 4 folds; the percentage error is not reported because a test week has sales below 1% of its mean " +
        "absolute value, where a percentage error is meaningless)",
    ),
    failed,
  );
  assert(
    failed.endsWith(
      "Budget recommendations are withheld: treat the effects above as descriptive, not as a basis for budget decisions.",
    ),
    failed,
  );
});

Deno.test("crossValidationResults and crossValidationMissingSentence", () => {
  const c = cv(0.05, false);
  assertEquals(crossValidationResults({ skipped: [] }, c), {
    rule: c.rule,
    folds: c.folds,
    meanR2: 0.4,
    sdR2: 0.1,
    meanRmse: 10,
    meanMape: 0.05,
    inSampleR2: 0.9,
    gatePassed: false,
  });
  const skipped = [{ section: "cross-validation", reason: "The series is too short." }] as const;
  assertEquals(crossValidationResults({ skipped }, null), { skipped: "The series is too short." });
  assertEquals(
    crossValidationMissingSentence({ skipped }),
    "The series is too short. The effects above are in-sample estimates only: treat them as descriptive, not as a " +
      "basis for budget decisions.",
  );
  assert(
    crossValidationMissingSentence({ skipped: [] }).startsWith("Out-of-sample validation was not run. "),
  );
});

const stage = (id: StageComparison["stage"], rows: { meanRmse: number; mapeNote: string | null }[]) =>
  ({ stage: id, comparison: { rows } }) as unknown as StageComparison;
const comparison = (over: Partial<NationalComparison>): NationalComparison => ({
  kind: "two-stage",
  stages: [],
  effects: [],
  effectsBasis: "the model's own design",
  skipped: null,
  scope: "Both stages are compared.",
  ...over,
});
const effect = {
  channel: "tv_spend",
  spend: 100,
  linearContribution: 50,
  linearRoi: 0.5,
  forestContribution: 40,
  forestRoi: 0.4,
};

Deno.test("revenueComparisonView: the revenue stage, its results and the words of each branch", () => {
  const s1 = stage("1", [{ meanRmse: 1, mapeNote: null }]);
  const s2 = stage("2", [{ meanRmse: 10, mapeNote: null }, {
    meanRmse: NaN,
    mapeNote: "MAPE is not reported.",
  }]);
  const ran = revenueComparisonView(comparison({ stages: [s1, s2], effects: [effect] }));
  assertEquals(ran.stage, s2);
  assertEquals(ran.results, {
    scope: "Both stages are compared.",
    revenue: s2,
    effects: [effect],
    effectsBasis: "the model's own design",
  });
  assertEquals(ran.rmseValues, [10]);
  assertEquals([ran.scope, ran.mapeNote, ran.missing], [null, "MAPE is not reported.", null]);
  assertEquals(ran.effects.amounts, [100, 50, 40]);
  assertEquals(
    ran.effects.note,
    "The forest's effects use the model's own design; the linear effects are\nthe model's own (the contributions above).",
  );

  const single = revenueComparisonView(comparison({ kind: "single-stage", stages: [stage("single", [])] }));
  assertEquals([single.scope, single.mapeNote], ["Both stages are compared.", null]);
  assertEquals(single.effects, {
    amounts: null,
    note: "The model has no media channel whose effect could be simulated.",
  });

  const skipped = revenueComparisonView(
    comparison({ skipped: "The series is too short to compare models." }),
  );
  assertEquals(skipped.stage, null);
  assertEquals(skipped.results, { skipped: "The series is too short to compare models." });
  assertEquals(
    skipped.missing?.comparison,
    "**No model comparison.** The series is too short to compare models.",
  );
  assertEquals(skipped.missing?.folds, "No fold scores: the comparison did not run (see above).");
  assertEquals(skipped.missing?.importance, "No importance without a model comparison (see above).");
  assertEquals(skipped.effects.note, "No forest effects: the model comparison did not run (see above).");
  assertEquals(skipped.rmseValues, []);
  assertEquals(
    revenueComparisonView(comparison({ kind: null })).missing?.comparison,
    "**No model comparison.** The national model was not fitted.",
  );
});

Deno.test("linearPermutationSentence: the top three by out-of-sample permutation, NaN left out", () => {
  const d = [
    { label: "A", linearPermutation: 0.1 },
    { label: "B", linearPermutation: NaN },
    { label: "C", linearPermutation: 0.3 },
    { label: "D", linearPermutation: 0.2 },
    { label: "E", linearPermutation: 0.05 },
  ];
  assertEquals(
    linearPermutationSentence(d, two),
    "Out of sample, shuffling C (0.30), then D (0.20), then A (0.10) costs the linear model the most test R²: " +
      "this is the ranking to lead with. The in-sample table above ranks by the fit itself.",
  );
  assertEquals(linearPermutationSentence([{ label: "B", linearPermutation: NaN }], two), null);
  // a model that predicts worse than the mean out of sample gives no ranking to lead with
  assertEquals(
    linearPermutationSentence(d, two, -2.76),
    "Out of sample, shuffling C (0.30), then D (0.20), then A (0.10) costs the linear model the most test R², but " +
      "that model predicts worse than the held-out weeks' own mean (mean R² -2.76), so this ranking shows what " +
      "its fit leans on, not what drives the target. The in-sample table above ranks by the fit itself.",
  );
  assertEquals(linearPermutationSentence(d, two, 0.4), linearPermutationSentence(d, two));
});

Deno.test("linearImportanceR2: the mean test R² of the linear model whose importance is shown, NaN without one", () => {
  const rows = [
    { model: "ols", featureSet: "model", meanR2: 0.3 },
    { model: "ridge", featureSet: "extended", meanR2: -0.5 },
  ];
  const stage = (importance: { model: string; featureSet: string }[]) => ({
    importance,
    comparison: { rows },
  });
  assertEquals(
    linearImportanceR2(
      stage([{ model: "random-forest", featureSet: "model" }, { model: "ridge", featureSet: "extended" }]),
    ),
    -0.5,
  );
  assertEquals(linearImportanceR2(stage([{ model: "random-forest", featureSet: "model" }])), NaN);
});

Deno.test("outcomeCalibration without an experiments file reads nothing and says so", () => {
  const c = outcomeCalibration({} as NationalCalibrationInput, {} as Dataset, undefined);
  assertEquals(c.file, null);
  assertEquals(c.result, null);
  assertEquals(c.results, { file: null, sentence: "No lift-test results were given." });
});

Deno.test("crossValidationSentence: a negative mean test R² is said as predicting worse than the mean, not as explained", () => {
  const f = { decimals: two, share: pct };
  const s = crossValidationSentence({ ...cv(0.05, false), meanR2: -2.76, sdR2: 3.53 }, "revenue", f);
  assert(
    s.startsWith(
      "Out of sample the model predicts revenue worse than the held-out weeks' own mean would (mean R² " +
        "**-2.76**, sd 3.53 over 4 folds; mean absolute percentage error 5.0%); in sample it explains 0.90 of " +
        "the variance.",
    ),
    s,
  );
  assert(!s.includes("explains **"), s);
  // zero is no worse than the mean: still a share explained
  assert(
    crossValidationSentence({ ...cv(0.05, false), meanR2: 0 }, "revenue", f).startsWith(
      "Out of sample the model explains **0.00** of revenue's variance",
    ),
  );
});
