import { assert, assertEquals, assertRelClose } from "../assert.ts";
import { type NationalOptions, nationalPipeline } from "../../lib/pipeline/national.ts";
import { nationalComparison } from "../../lib/pipeline/national_comparison.ts";
import { weeklyDataset } from "./_weekly.ts";

const FAST: NationalOptions = {
  reps: 49,
  importance: false,
  search: { thetaGrid: [0, 0.3, 0.6], alphaGrid: [0, 1] },
};
const OPTIONS = { forestTrees: 60, importanceRepeats: 3 };

Deno.test("two stages on the pipeline's folds; the linear effects are the pipeline's contributions", async () => {
  const ds = weeklyDataset();
  const national = await nationalPipeline(ds, FAST);
  const cmp = nationalComparison(ds, national, OPTIONS);
  assertEquals(cmp.kind, "two-stage");
  assertEquals(cmp.skipped, null);
  assertEquals(cmp.stages.map((s) => s.stage), ["1", "2"]);
  assertEquals(cmp.stages.map((s) => s.outcome), ["google_spend", "revenue"]);
  const cv = national.outcome!.crossValidation!;
  for (const s of cmp.stages) {
    assertEquals(s.comparison.rows.length, 10); // 5 models × 2 feature sets
    for (const r of s.comparison.rows.filter((r) => r.failed === null)) {
      assertEquals(r.folds.map((f) => f.trainWeeks), cv.folds.map((f) => f.trainWeeks));
      assertEquals(r.folds.map((f) => f.testWeeks), cv.folds.map((f) => f.testWeeks));
    }
    assert(s.comparison.chosen !== null, s.comparison.sentence);
    assert(s.verdict.length > 0 && !s.verdict.includes("undefined"), s.verdict);
    const forest = s.importance.find((i) => i.model === "random-forest")!;
    assertRelClose(forest.rows.reduce((a, r) => a + r.impurity!, 0), 1, 1e-9);
    const ext = s.features.extended.map((f) => f.name);
    assert(ext.includes("trend") && ext.includes("week_sin_1"), ext.join());
  }
  assert(cmp.stages[0].features.extended.some((f) => f.name === "tiktok_spend_lag2"));
  assert(cmp.stages[1].features.extended.some((f) => f.name === "emails_send_ma4"));
  // stage 2's OLS on the model's own design is the pipeline's cross-validation
  const ols2 = cmp.stages[1].comparison.rows.find((r) => r.model === "ols" && r.featureSet === "model")!;
  assertRelClose(ols2.meanRmse, cv.meanRmse, 1e-8);
  assertEquals(cmp.effects.map((e) => e.channel), national.roles.social);
  for (const e of cmp.effects) {
    const c = national.outcome!.contributions.find((x) => x.channel === e.channel)!;
    assertRelClose(e.linearContribution, c.contribution, 1e-8, 1e-6, e.channel);
    assertRelClose(e.linearRoi, c.estimate, 1e-8, 1e-9, e.channel);
    assert(Number.isFinite(e.forestContribution), e.channel);
  }
  // the generator's Facebook drives Google and revenue; Snapchat drives neither: the forest's simulated
  // effects through both stages must rank them so (a wrongly zeroed column or a broken stage-1 link would not)
  const effect = (c: string) => cmp.effects.find((e) => e.channel === c)!.forestContribution;
  assert(effect("facebook_spend") > 0, String(effect("facebook_spend")));
  assert(Math.abs(effect("snapchat_spend")) < effect("facebook_spend") / 3, `${effect("snapchat_spend")}`);
});

Deno.test("one social channel and no price or promotion: both stages still compared", async () => {
  const ds = weeklyDataset({ roles: { social: ["facebook_spend"], price: undefined, promotion: undefined } });
  const national = await nationalPipeline(ds, FAST);
  const cmp = nationalComparison(ds, national, OPTIONS);
  assertEquals(cmp.stages.length, 2);
  assertEquals(cmp.effects.map((e) => e.channel), ["facebook_spend"]);
  const names = cmp.stages[1].features.extended.map((f) => f.name);
  assert(!names.includes("average_price") && !names.includes("promotions"), names.join());
  const c = national.outcome!.contributions.find((x) => x.channel === "facebook_spend")!;
  assertRelClose(cmp.effects[0].linearContribution, c.contribution, 1e-8, 1e-6);
});

Deno.test("a single-stage national model: only the revenue stage is compared, and the scope says so", async () => {
  const ds = weeklyDataset({ edit: (c) => c.google_spend.fill(0) });
  const national = await nationalPipeline(ds, FAST);
  const cmp = nationalComparison(ds, national, OPTIONS);
  assertEquals(cmp.kind, "single-stage");
  assertEquals(cmp.stages.map((s) => s.stage), ["single"]);
  assert(cmp.scope.includes("only the revenue model is compared"), cmp.scope);
  for (const e of cmp.effects) {
    const c = national.outcome!.contributions.find((x) => x.channel === e.channel)!;
    assertRelClose(e.linearContribution, c.contribution, 1e-8, 1e-6, e.channel);
  }
});

Deno.test("too few weeks for cross-validation: nothing is compared, with the pipeline's reason", async () => {
  const ds = weeklyDataset({ n: 70 });
  const national = await nationalPipeline(ds, FAST);
  const cmp = nationalComparison(ds, national, OPTIONS);
  assertEquals(cmp.stages, []);
  assert(cmp.skipped!.startsWith("Out-of-sample validation is not possible"), String(cmp.skipped));
});
