import { assert, assertEquals } from "../assert.ts";
import { compareModels } from "../../lib/evaluate/model_comparison.ts";
import type { StageComparison } from "../../lib/pipeline/national_comparison.ts";
import {
  comparisonSentence,
  comparisonTable,
  featureLabel,
  foldTable,
  importanceTable,
} from "../../lib/plot/comparison_views.ts";
import { columnLabel, formatCell } from "../../lib/plot/table.ts";
import { identifierIn } from "../../tools/browser_check.ts";

const n = 80;
const x = new Float64Array(n * 2);
const y = new Float64Array(n);
for (let i = 0; i < n; i++) {
  x[i * 2] = Math.sin(i / 3);
  x[i * 2 + 1] = (i * 7) % 11;
  y[i] = 100 + 10 * x[i * 2] + 0.5 * x[i * 2 + 1] + ((i * 13) % 5);
}
y[70] = 0.1; // a near-zero test value: MAPE not defined
const design = { names: ["tiktok_spend", "week_sin_1"], n, k: 2, x };
const comparison = compareModels({
  outcome: "revenue",
  y,
  rows: Int32Array.from({ length: n }, (_, i) => i),
  folds: [40, 50, 60, 70].map((t) => ({
    train: Int32Array.from({ length: t }, (_, i) => i),
    test: Int32Array.from({ length: 10 }, (_, i) => t + i),
  })),
  featureSets: [{ id: "model", label: "Model's own design", design: () => design }],
  models: ["ols", "random-forest"],
  seed: 1,
  forestTrees: 30,
  importanceFor: [{ model: "ols", featureSet: "model" }, { model: "random-forest", featureSet: "model" }],
});
const info = [
  { name: "tiktok_spend", column: "tiktok_spend", transform: "adstock" },
  { name: "week_sin_1", column: "", transform: "annual sine" },
];
const stage: StageComparison = {
  stage: "2",
  outcome: "revenue",
  comparison,
  verdict: "",
  features: { model: info },
  importance: comparison.importance.map((imp) => ({
    model: imp.model,
    modelLabel: imp.model === "ols" ? "OLS" : "Random forest",
    featureSet: "model",
    featureSetLabel: "Model's own design",
    rows: imp.names.map((name, j) => ({
      ...info[j],
      feature: name,
      impurity: imp.model === "ols" ? null : 0.5,
      permutation: imp.mean[j],
      permutationSd: imp.sd[j],
    })),
  })),
};

Deno.test("comparison tables: reader labels only, mean ± sd cells, MAPE not defined near zero", () => {
  for (
    const t of [
      comparisonTable(stage, (v) => v.toFixed(1)),
      foldTable(stage, (v) => v.toFixed(1)),
      importanceTable(stage),
    ]
  ) {
    for (const c of t.columns) assertEquals(identifierIn(columnLabel(t, c)), undefined, columnLabel(t, c));
  }
  const t = comparisonTable(stage, (v) => v.toFixed(1));
  const ols = t.rows.find((r) => r.model === "OLS")!;
  const row = comparison.rows.find((r) => r.model === "ols")!;
  assertEquals(ols.rmse, `${row.meanRmse.toFixed(1)} ± ${row.sdRmse.toFixed(1)}`);
  assertEquals(ols.mape, "not defined");
  assert(String(t.rows.find((r) => r.role !== "")?.role).length > 0);
  const folds = foldTable(stage, (v) => v.toFixed(1));
  assertEquals(folds.rows.length, 8);
  assertEquals(formatCell(folds.rows[3].mape, folds.formats!.mape), "not defined");
});

Deno.test("featureLabel names the channel and the transform, calendar terms by their words", () => {
  assertEquals(
    featureLabel({ column: "tiktok_spend", transform: "4-week average" }),
    "TikTok: 4-week average",
  );
  assertEquals(featureLabel({ column: "", transform: "annual sine" }), "Annual sine");
  assertEquals(
    featureLabel({ column: "sms_send", transform: "lag 2 weeks" }, { sms_send: "Texts" }),
    "Texts: lag 2 weeks",
  );
  const imp = importanceTable(stage);
  assertEquals(imp.rows.map((r) => r.label).sort(), ["Annual sine", "TikTok: adstock"]);
});

Deno.test("comparisonSentence writes the one-SE choice with the outcome's unit, the same choice as chooseModel", () => {
  const money = (v: number) => `$${v.toFixed(0)}`;
  const text = comparisonSentence(stage, money);
  const best = comparison.rows.find((r) =>
    r.model === comparison.best!.model && r.featureSet === comparison.best!.featureSet
  )!;
  assert(
    text.includes(`(${money(best.meanRmse)}, standard error ${money(best.sdRmse / Math.sqrt(4))})`),
    text,
  );
  assertEquals(text.startsWith(`${best.modelLabel} on the model's own design has the lowest`), true);
  const chosenIsBest = comparison.best!.model === comparison.chosen!.model;
  assertEquals(text.endsWith("so it is chosen."), chosenIsBest);
  assertEquals(comparison.sentence.endsWith("so it is chosen."), chosenIsBest);
});
