/**
 * Model comparison: fold scores and inner-CV penalties against scikit-learn 1.2.1
 * (`tests/fixtures/model_comparison.py` → `model_comparison.json`), the one-standard-error choice, MAPE's
 * near-zero rule, failures reported, and no use of test weeks in any fit.
 */
import {
  chooseModel,
  compareModels,
  type ComparisonRow,
  type FeatureSet,
  specificationVerdict,
} from "../../lib/evaluate/model_comparison.ts";
import { fitCandidate } from "../../lib/evaluate/model_candidates.ts";
import { fitGradientBoosting } from "../../lib/models/gradient_boosting.ts";
import type { Design } from "../../lib/features/design.ts";
import type { Fold } from "../../lib/evaluate/time_series_split.ts";
import { assert, assertAlmostEquals, assertArrayClose, assertEquals, assertRelClose } from "../assert.ts";
import { ModelError } from "../../lib/errors.ts";
import fixture from "../fixtures/model_comparison.json" with { type: "json" };

const design: Design = {
  names: ["x0", "x1", "x2", "x3", "x4"],
  n: fixture.n,
  k: fixture.k,
  x: Float64Array.from(fixture.x),
};
const y = Float64Array.from(fixture.y);
const folds: Fold[] = fixture.folds.map((f) => ({
  train: Int32Array.from(f.train),
  test: Int32Array.from(f.test),
}));
const allRows = Int32Array.from({ length: fixture.n }, (_, i) => i);
const set = (d: Design, id = "model", label = "Model's own design"): FeatureSet => ({
  id,
  label,
  design: () => d,
});

Deno.test("fold scores and chosen penalties equal scikit-learn's (OLS, Ridge and ElasticNet by inner TimeSeriesSplit; gradient boosting)", () => {
  const cmp = compareModels({
    outcome: "y",
    y,
    rows: allRows,
    folds,
    featureSets: [set(design)],
    models: ["ols", "ridge", "elastic-net", "gradient-boosting"],
    seed: 1,
  });
  assertEquals(cmp.rows.map((r) => r.model), ["ols", "ridge", "elastic-net", "gradient-boosting"]);
  for (const row of cmp.rows) {
    row.folds.forEach((f, i) => {
      const ref = fixture.folds[i].models[row.model as "ols" | "ridge" | "elastic-net" | "gradient-boosting"];
      const label = `${row.model} fold ${i + 1}`;
      if (ref.alpha !== null) assertRelClose(f.penalty!, ref.alpha, 1e-9, 1e-12, label);
      if (row.model === "gradient-boosting") {
        // the same training fit (below); test scores differ only where a tie between x0 and its correlate x4
        // went to the other feature: within 2% (measured: at most 0.4%)
        assertRelClose(f.rmse, ref.rmse, 0.02, 1e-12, label);
        return;
      }
      const tol = row.model === "elastic-net" ? 1e-4 : 1e-8; // coordinate descent stops at its tolerance
      assertRelClose(f.rmse, ref.rmse, tol, 1e-12, label);
      assertRelClose(f.r2, ref.r2, tol * 10, 1e-12, label);
      assertRelClose(f.mape!, ref.mape, tol, 1e-12, label);
    });
    if (row.model === "gradient-boosting") continue;
    const rmses = fixture.folds.map((f) => f.models[row.model as "ols"].rmse);
    const mean = rmses.reduce((a, b) => a + b) / rmses.length;
    const sd = Math.sqrt(rmses.reduce((a, b) => a + (b - mean) ** 2, 0) / (rmses.length - 1));
    assertRelClose(row.meanRmse, mean, 1e-4);
    assertRelClose(row.sdRmse, sd, 1e-3);
  }
});

Deno.test("gradient boosting in the comparison fits each fold's training weeks as scikit-learn does", () => {
  fixture.folds.forEach((f) => {
    const train = Int32Array.from(f.train);
    const x = new Float64Array(train.length * design.k);
    train.forEach((r, t) => x.set(design.x.subarray(r * design.k, (r + 1) * design.k), t * design.k));
    const rows: Design = { names: design.names, n: train.length, k: design.k, x };
    const fit = fitGradientBoosting(rows, Float64Array.from(train, (r) => y[r]), {
      seed: 1,
      nEstimators: 100,
      learningRate: 0.1,
      maxDepth: 3,
      minSamplesLeaf: 5,
    });
    const ref = f.models["gradient-boosting"].trainLoss!;
    assertArrayClose(fit.trainLoss, ref, 1e-9);
  });
});

function row(
  model: ComparisonRow["model"],
  featureSet: string,
  meanRmse: number,
  sdRmse: number,
): ComparisonRow {
  return {
    model,
    modelLabel: model,
    featureSet,
    featureSetLabel: featureSet,
    features: 1,
    folds: [],
    meanR2: 0.5,
    sdR2: 0,
    meanRmse,
    sdRmse,
    meanMape: null,
    sdMape: null,
    mapeNote: null,
    failed: null,
  };
}

Deno.test("chooseModel: the most interpretable model within one standard error of the best", () => {
  const sets = ["model", "extended"];
  // best: forest 10 ± 4/√4 = 2 → threshold 12; OLS on the model set (11.9) is inside
  const a = chooseModel(
    [row("random-forest", "model", 10, 4), row("ols", "model", 11.9, 1), row("ridge", "model", 11, 1)],
    sets,
    4,
  );
  assertEquals(a.best, { model: "random-forest", featureSet: "model" });
  assertEquals(a.chosen, { model: "ols", featureSet: "model" });
  assert(a.sentence.includes("one-standard-error"), a.sentence);
  // OLS just outside (12.1 > 12): ridge (11) is the first linear model inside
  const b = chooseModel(
    [row("random-forest", "model", 10, 4), row("ols", "model", 12.1, 1), row("ridge", "model", 11, 1)],
    sets,
    4,
  );
  assertEquals(b.chosen, { model: "ridge", featureSet: "model" });
  // no linear model inside: the forest is chosen
  const c = chooseModel([row("random-forest", "extended", 10, 0.4), row("ols", "model", 12, 1)], sets, 4);
  assertEquals(c.chosen, { model: "random-forest", featureSet: "extended" });
  assert(c.sentence.includes("so it is chosen"), c.sentence);
  // the model set before the extended set for the same model
  const d = chooseModel([row("ols", "extended", 10, 2), row("ols", "model", 10.5, 1)], sets, 4);
  assertEquals(d.chosen, { model: "ols", featureSet: "model" });
  // exactly at the threshold counts as within
  const e = chooseModel([row("ridge", "model", 10, 2), row("ols", "model", 11, 1)], sets, 4);
  assertEquals(e.chosen, { model: "ols", featureSet: "model" });
  const failed = { ...row("ols", "model", 1, 0), failed: "rank deficient" };
  assertEquals(chooseModel([failed], sets, 4).chosen, null);
});

Deno.test("a step function is won by the forest; a linear truth keeps OLS", () => {
  const n = 120;
  const x = new Float64Array(n * 2);
  const yStep = new Float64Array(n), yLin = new Float64Array(n);
  let s = 9;
  const u = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let i = 0; i < n; i++) {
    x[i * 2] = u();
    x[i * 2 + 1] = u();
    yStep[i] = (x[i * 2] > 0.5 ? 10 : 0) + (x[i * 2 + 1] > 0.7 ? 5 : 0) + 0.3 * u();
    yLin[i] = 2 * x[i * 2] - x[i * 2 + 1] + 0.3 * u();
  }
  const d: Design = { names: ["a", "b"], n, k: 2, x };
  const f: Fold[] = [60, 75, 90, 105].map((t) => ({
    train: Int32Array.from({ length: t }, (_, i) => i),
    test: Int32Array.from({ length: 15 }, (_, i) => t + i),
  }));
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const step = compareModels({
    outcome: "y",
    y: yStep,
    rows,
    folds: f,
    featureSets: [set(d)],
    seed: 3,
    forestTrees: 100,
  });
  assertEquals(step.chosen?.model, "random-forest");
  const lin = compareModels({
    outcome: "y",
    y: yLin,
    rows,
    folds: f,
    featureSets: [set(d)],
    seed: 3,
    forestTrees: 100,
  });
  assert(lin.chosen?.model !== "random-forest", lin.sentence);
});

Deno.test("MAPE is not reported when a test value is near zero, with the reason", () => {
  const y2 = Float64Array.from(y);
  y2[folds[2].test[3]] = 0.001; // far below 1% of the mean
  const cmp = compareModels({
    outcome: "sales",
    y: y2,
    rows: allRows,
    folds,
    featureSets: [set(design)],
    models: ["ols"],
    seed: 1,
  });
  const r = cmp.rows[0];
  assertEquals(r.meanMape, null);
  assertEquals(r.folds[2].mape, null);
  assert(r.folds[0].mape !== null && Number.isFinite(r.folds[0].mape));
  assert(r.mapeNote!.includes("fold 3") && r.mapeNote!.includes("sales"), r.mapeNote!);
});

Deno.test("a rank-deficient OLS design is reported as failed and never chosen; ridge still scores", () => {
  const k = 6;
  const x = new Float64Array(design.n * k);
  for (let i = 0; i < design.n; i++) {
    for (let j = 0; j < 5; j++) x[i * k + j] = design.x[i * 5 + j];
    x[i * k + 5] = 2 * design.x[i * 5]; // duplicates x0
  }
  const dup: Design = { names: [...design.names, "x0_twice"], n: design.n, k, x };
  const cmp = compareModels({
    outcome: "y",
    y,
    rows: allRows,
    folds,
    featureSets: [set(dup)],
    models: ["ols", "ridge"],
    seed: 1,
  });
  const ols = cmp.rows.find((r) => r.model === "ols")!;
  assert(ols.failed !== null && ols.failed.includes("fold 1"), String(ols.failed));
  assert(Number.isNaN(ols.meanRmse));
  assertEquals(cmp.chosen?.model, "ridge");
});

Deno.test("no fit sees test weeks: changing the last fold's test outcomes changes only its scores", () => {
  const y2 = Float64Array.from(y);
  for (const i of folds[3].test) y2[i] += 5000;
  const run = (v: Float64Array) =>
    compareModels({
      outcome: "y",
      y: v,
      rows: allRows,
      folds,
      featureSets: [set(design)],
      seed: 2,
      forestTrees: 50,
    });
  const a = run(y), b = run(y2);
  a.rows.forEach((r, j) => {
    for (let f = 0; f < 3; f++) assertEquals(b.rows[j].folds[f], r.folds[f]);
    assertEquals(b.rows[j].folds[3].penalty, r.folds[3].penalty);
    assert(b.rows[j].folds[3].rmse !== r.folds[3].rmse);
  });
});

Deno.test("fit rows restrict the folds; permutation importance ranks the informative column first", () => {
  const rows = allRows.filter((i) => i !== 60 && i !== 95);
  const cmp = compareModels({
    outcome: "y",
    y,
    rows,
    folds,
    featureSets: [set(design)],
    models: ["ols", "random-forest"],
    seed: 4,
    forestTrees: 100,
    importanceFor: [{ model: "ols", featureSet: "model" }, { model: "random-forest", featureSet: "model" }],
  });
  assertEquals(cmp.rows[0].folds.map((f) => f.testWeeks), [12, 13, 13, 12]);
  assertEquals(cmp.rows[0].folds.map((f) => f.trainWeeks), [52, 64, 77, 90]);
  for (const imp of cmp.importance) {
    const top = imp.mean.indexOf(Math.max(...imp.mean));
    assertEquals(imp.names[top], "x0", imp.model);
  }
});

Deno.test("fitCandidate predicts a column constant on the training rows through the intercept", () => {
  const n = 30;
  const x = new Float64Array(n * 2);
  const yy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i * 2] = i;
    x[i * 2 + 1] = 4;
    yy[i] = 1 + 2 * i;
  }
  const d: Design = { names: ["t", "flat"], n, k: 2, x };
  for (const model of ["ols", "ridge", "elastic-net"] as const) {
    const p = fitCandidate(model, d, yy, { seed: 1 }).predict(d);
    if (model === "ols") { for (let i = 0; i < n; i++) assertAlmostEquals(p[i], yy[i], 1e-9); }
    assert(p.every(Number.isFinite), model);
  }
});

Deno.test("a feature set that cannot be built on a fold is reported for every model, the others still compared", () => {
  const broken: FeatureSet = {
    id: "broken",
    label: "Broken",
    design: (train) => {
      if (train !== null && train.length < 60) {
        throw new ModelError("stage 1 is rank deficient on these weeks");
      }
      return design;
    },
  };
  const cmp = compareModels({
    outcome: "y",
    y,
    rows: allRows,
    folds,
    featureSets: [set(design), broken],
    models: ["ols", "ridge"],
    seed: 1,
  });
  const bad = cmp.rows.filter((r) => r.featureSet === "broken");
  assertEquals(bad.length, 2);
  assert(bad.every((r) => r.failed!.includes("rank deficient")), bad[0].failed!);
  assertEquals(cmp.chosen?.featureSet, "model");
});

Deno.test("specificationVerdict: kept, replaced, or not judged", () => {
  const sets = ["model", "extended"];
  const rows = [row("ols", "model", 11, 1), row("ridge", "extended", 9, 0.5)];
  rows[1] = { ...rows[1], modelLabel: "Ridge", featureSetLabel: "Design with lags" };
  const kept = specificationVerdict({ ...chooseModel([row("ols", "model", 10, 2)], sets, 4), rows }, "model");
  assert(kept.startsWith("The model's own specification (OLS on its own design) is the chosen one"), kept);
  const replaced = specificationVerdict({ ...chooseModel(rows, sets, 4), rows }, "model");
  assert(replaced.startsWith("Ridge on the design with lags predicts better"), replaced);
  assert(specificationVerdict({ best: null, chosen: null, rows: [] }, "model").startsWith("No candidate"));
});

/** A scored row with `n` folds and a mean test R². */
function scoredRow(
  model: ComparisonRow["model"],
  label: string,
  meanRmse: number,
  sdRmse: number,
  meanR2: number,
  n = 4,
): ComparisonRow {
  const fold = {
    fold: 1,
    trainWeeks: 52,
    testWeeks: 13,
    r2: meanR2,
    rmse: meanRmse,
    mape: null,
    penalty: null,
  };
  return {
    ...row(model, "model", meanRmse, sdRmse),
    modelLabel: label,
    featureSetLabel: "Model's own design",
    meanR2,
    folds: Array.from({ length: n }, () => fold),
  };
}

Deno.test("specificationVerdict names the benchmark that beats OLS by more than one SE, not the rule's choice", () => {
  // OLS 19,475; Ridge 18,891; forest 17,276 with sd 3,276 over 4 folds: SE 1,638, threshold 18,914.
  // Ridge is chosen (within one SE of the forest) but beats OLS by only 584; the forest beats it by 2,199.
  const rows = [
    scoredRow("ols", "OLS", 19_475, 3_000, 0.4),
    scoredRow("ridge", "Ridge", 18_891, 3_000, 0.45),
    scoredRow("random-forest", "Random forest", 17_276, 3_276, 0.5),
  ];
  const cmp = { ...chooseModel(rows, ["model"], 4), rows };
  assertEquals(cmp.chosen, { model: "ridge", featureSet: "model" });
  const v = specificationVerdict(cmp, "model");
  assert(
    v.startsWith(
      "Random forest on the model's own design predicts better out of sample than the model's own specification " +
        "(OLS on its own design) by more than one standard error (mean RMSE 17,300 against 19,500; standard " +
        "error 1,640). The one-standard-error rule chooses Ridge on the model's own design",
    ),
    v,
  );
  assert(!v.startsWith("Ridge"), v);
});

Deno.test("specificationVerdict: when no candidate has a positive test R², none predicts out of sample", () => {
  const rows = [
    scoredRow("ols", "OLS", 100, 10, -0.5),
    scoredRow("ridge", "Ridge", 105, 10, -0.22),
    scoredRow("random-forest", "Random forest", 120, 10, -1),
  ];
  const cmp = { ...chooseModel(rows, ["model"], 4), rows };
  assertEquals(cmp.chosen, { model: "ols", featureSet: "model" });
  const v = specificationVerdict(cmp, "model");
  assert(v.startsWith("No candidate predicts out of sample: every mean test R² is at or below zero"), v);
  assert(v.includes("(the highest, −0.22, Ridge on the model's own design)"), v);
  assert(!v.includes("not contradicted"), v);
  // one candidate with R² exactly 0 still predicts no better than the mean; one above zero does
  const zero = [{ ...rows[0], meanR2: 0 }, ...rows.slice(1)];
  assert(specificationVerdict({ ...cmp, rows: zero }, "model").startsWith("No candidate predicts"));
  const some = [{ ...rows[0], meanR2: 0.01 }, ...rows.slice(1)];
  assert(specificationVerdict({ ...cmp, rows: some }, "model").startsWith("The model's own specification"));
});
