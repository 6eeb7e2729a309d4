import { assert, assertEquals, assertRelClose } from "../assert.ts";
import { loadDataset } from "../../lib/data/load.ts";
import { interactionEffects, interactionVerdict } from "../../lib/evaluate/interactions.ts";
import {
  compareOutOfSample,
  fitExtended,
  outcomeFolds,
  outcomeModel,
} from "../../lib/evaluate/outcome_design.ts";
import { centredProduct } from "../../lib/evaluate/outcome_design.ts";
import { nationalModelFolds, type NationalOptions, nationalPipeline } from "../../lib/pipeline/national.ts";
import { designSource, randomStreams, testDataset, testRoles, weeks } from "../fixtures/interactions.ts";
import { weeklyDataset } from "../pipeline/_weekly.ts";

const FIXTURE = JSON.parse(
  Deno.readTextFileSync(new URL("../fixtures/interactions.json", import.meta.url)),
);
const BUNDLED = new URL("../../data/mmm_weekly.csv", import.meta.url).pathname;
const BASE = ["average_price", "promotions", "emails_send", "sms_send", "social_followers"];

Deno.test("interactions: OLS + HAC of the centred promotion × price model equals statsmodels at 1e-6", () => {
  const ds = loadDataset(BUNDLED, { kind: "weekly" });
  const rows = Array.from({ length: ds.n }, (_, i) => i).filter((i) => !FIXTURE.rowsLeftOut.includes(i));
  const source = designSource(ds, BASE, { rows, maxLags: FIXTURE.maxlags });
  const model = outcomeModel(ds, source);
  assert(!("reason" in model));
  const term = "promotions×average_price";
  const product = centredProduct(ds.columns.promotions, ds.columns.average_price, model.rows);
  const fit = fitExtended(model, { [term]: product });
  assertEquals(fit.terms, FIXTURE.alone.terms);
  const close = (a: ArrayLike<number>, b: number[], what: string) =>
    b.forEach((v, i) => assertRelClose(a[i], v, 1e-6, 1e-12, `${what}[${i}]`));
  close(fit.coef, FIXTURE.alone.coef, "coef");
  close(fit.bse, FIXTURE.alone.bse, "bse");
  close(fit.pvalues, FIXTURE.alone.pvalues, "p");
  close(fit.confInt.lower, FIXTURE.alone.lower, "lower");
  close(fit.confInt.upper, FIXTURE.alone.upper, "upper");

  // the same numbers through interactionEffects, with the elasticity in promotion weeks and otherwise
  const r = interactionEffects(ds, source);
  assert(r.available);
  const price = r.effects.find((e) => e.id === "promotion_x_price")!;
  const j = FIXTURE.alone.terms.indexOf(term);
  assertRelClose(price.coefficient.estimate, FIXTURE.alone.coef[j], 1e-6);
  assertRelClose(price.coefficient.se, FIXTURE.alone.bse[j], 1e-6);
  assertRelClose(price.coefficient.pValue, FIXTURE.alone.pvalues[j], 1e-6);
  for (
    const [ours, theirs] of [[price.inPromotion, FIXTURE.alone.elasticityInPromotion], [
      price.otherwise,
      FIXTURE.alone.elasticityOtherwise,
    ]] as const
  ) {
    for (const key of ["estimate", "se", "lower", "upper", "pValue"] as const) {
      assertRelClose(ours[key], theirs[key], 1e-6, 1e-12, key);
    }
  }
  // both interactions: coefficients, errors and the joint Wald test
  assert(r.joint !== null);
  const jt = FIXTURE.joint.terms as string[];
  for (const t of r.joint.terms) {
    const i = jt.indexOf(t.term);
    assertRelClose(t.coefficient.estimate, FIXTURE.joint.coef[i], 1e-6);
    assertRelClose(t.coefficient.se, FIXTURE.joint.bse[i], 1e-6);
    assertRelClose(t.coefficient.pValue, FIXTURE.joint.pvalues[i], 1e-6);
  }
  assertRelClose(r.joint.wald.statistic, FIXTURE.joint.wald.statistic, 1e-6);
  assertRelClose(r.joint.wald.pValue, FIXTURE.joint.wald.pValue, 1e-6);
});

/** Revenue with a known promotion × price (`gamma`) and email × promotion (`delta`) interaction. */
function synthetic(gamma: number, delta: number, seed: number, n = 104) {
  const { normal, uniform } = randomStreams(seed);
  const price = Float64Array.from({ length: n }, () => 50 + 2 * normal());
  const promotions = Float64Array.from({ length: n }, () => (uniform() < 0.25 ? 1 : 0));
  const email = Float64Array.from({ length: n }, () => Math.max(0, 100_000 + 25_000 * normal()));
  const followers = Float64Array.from({ length: n }, (_, t) => 40_000 + 100 * t);
  const mean = (x: Float64Array) => x.reduce((a, b) => a + b, 0) / n;
  const pBar = mean(promotions), priceBar = mean(price), emailBar = mean(email);
  const revenue = Float64Array.from(
    { length: n },
    (_, t) =>
      200_000 - 2_000 * price[t] + 15_000 * promotions[t] + 0.3 * email[t] + 0.5 * followers[t] +
      gamma * (promotions[t] - pBar) * (price[t] - priceBar) +
      delta * (promotions[t] - pBar) * (email[t] - emailBar) + 4_000 * normal(),
  );
  const ds = testDataset(weeks("2023-01-02", n), {
    average_price: price,
    promotions,
    emails_send: email,
    social_followers: followers,
    revenue,
  }, testRoles({ controls: ["social_followers"] }));
  return { ds, source: designSource(ds, ["average_price", "promotions", "emails_send", "social_followers"]) };
}

Deno.test("interactions: a known promotion × price interaction is covered and the verdict says promotions reduce price sensitivity", () => {
  const gamma = 3_000; // the price slope is 3,000 per unit less negative in promotion weeks
  const { ds, source } = synthetic(gamma, 0, 11);
  const r = interactionEffects(ds, source);
  assert(r.available);
  const price = r.effects.find((e) => e.id === "promotion_x_price")!;
  assert(
    price.coefficient.lower < gamma && gamma < price.coefficient.upper,
    JSON.stringify(price.coefficient),
  );
  const scale = mean(ds.columns.average_price) / mean(ds.columns.revenue);
  const trueDifference = gamma * 1 * scale; // promotion level 1 vs 0
  assert(price.difference.lower < trueDifference && trueDifference < price.difference.upper);
  assertEquals(price.verdict.kind, "supported");
  assert(price.verdict.sentence.startsWith("Promotions reduce price sensitivity"), price.verdict.sentence);
  // the null interaction in the same data: email × promotion has no true effect
  const email = r.effects.find((e) => e.id === "email_x_promotion")!;
  assert(email.coefficient.lower < 0 && 0 < email.coefficient.upper, JSON.stringify(email.coefficient));
  assertEquals(email.verdict.kind, "no evidence");
  assert(
    email.verdict.sentence.startsWith("No evidence that email works differently"),
    email.verdict.sentence,
  );
});

Deno.test("interactions: a known email × promotion interaction is found; a null price interaction says no evidence", () => {
  const delta = 0.4; // each email is worth 0.4 more in promotion weeks
  const { ds, source } = synthetic(0, delta, 12);
  const r = interactionEffects(ds, source);
  assert(r.available);
  const email = r.effects.find((e) => e.id === "email_x_promotion")!;
  assert(
    email.coefficient.lower < delta && delta < email.coefficient.upper,
    JSON.stringify(email.coefficient),
  );
  assertEquals(email.verdict.difference, "positive");
  assert(email.verdict.sentence.startsWith("Email works better in promotion weeks"), email.verdict.sentence);
  const price = r.effects.find((e) => e.id === "promotion_x_price")!;
  assertEquals(price.verdict.kind, "no evidence");
  assert(price.verdict.sentence.startsWith("No evidence that promotions change price sensitivity"));
});

Deno.test("interactions: no promotion column, no price, no email column", () => {
  const { ds, source } = synthetic(0, 0, 13);
  const noPromo = interactionEffects(ds, { ...source, roles: { ...source.roles, promotion: undefined } });
  assert(!noPromo.available);
  // the dataset still maps promotions, so the reason says the model left it out
  assert(noPromo.reason.includes("was left out of the model"), noPromo.reason);
  const unmapped = interactionEffects(
    { ...ds, roles: { ...ds.roles, promotion: undefined } },
    { ...source, roles: { ...source.roles, promotion: undefined } },
  );
  assert(!unmapped.available && unmapped.reason.includes("no promotion column is mapped"));
  const noPrice = interactionEffects(ds, { ...source, roles: { ...source.roles, price: undefined } });
  assert(noPrice.available);
  assertEquals(noPrice.effects.map((e) => e.id), ["email_x_promotion"]);
  assertEquals(noPrice.notTested.map((e) => e.id), ["promotion_x_price"]);
  assertEquals(noPrice.joint, null);
  const noEmail = interactionEffects(ds, { ...source, roles: { ...source.roles, direct: ["sms_send"] } });
  assert(noEmail.available);
  assertEquals(noEmail.effects.map((e) => e.id), ["promotion_x_price"]);
  assert(noEmail.notTested[0].reason.includes("no direct channel is named as email"));
});

Deno.test("interactions: promotion counts (not 0/1) use the mean count of promotion weeks as the promotion level", () => {
  const { ds } = synthetic(0, 0, 14);
  const counts = Float64Array.from(ds.columns.promotions, (v, i) => v * (1 + (i % 3)));
  const cds = { ...ds, columns: { ...ds.columns, promotions: counts } };
  const r = interactionEffects(
    cds,
    designSource(cds, ["average_price", "promotions", "emails_send", "social_followers"]),
  );
  assert(r.available);
  assertEquals(r.promotionKind, "counts");
  const active = [...counts].filter((v) => v > 0);
  assertRelClose(r.promotionLevel, active.reduce((a, b) => a + b, 0) / active.length, 1e-12);
});

Deno.test("interactions: one year of weeks cannot be cross-validated, and the verdict says so", () => {
  const { ds, source } = synthetic(3_000, 0, 15, 52);
  const r = interactionEffects(ds, source);
  assert(r.available);
  for (const e of r.effects) {
    assertEquals(e.outOfSample, null);
    assert(e.outOfSampleReason!.startsWith("time-series cross-validation needs"), e.outOfSampleReason!);
    assert(e.verdict.sentence.includes("No out-of-sample check was possible"), e.verdict.sentence);
    assert(e.verdict.kind === "not validated out of sample" || e.verdict.kind === "no evidence");
  }
});

Deno.test("interactionVerdict: every branch, sign-aware", () => {
  const cv = (withIt: number) => ({
    rmseWithout: 10,
    rmseWith: withIt,
    folds: [1, 2, 3, 4],
    foldsImproved: 2,
  });
  const iv = (estimate: number, lower: number, upper: number) => ({ estimate, lower, upper });
  const price = (d: [number, number, number], base: number, oos: ReturnType<typeof cv> | null) =>
    interactionVerdict({
      id: "promotion_x_price",
      elasticity: true,
      inPromotion: iv(base + d[0], base + d[1], base + d[2]),
      otherwise: iv(base, base - 0.2, base + 0.2),
      difference: iv(...d),
      outOfSample: oos,
      outOfSampleReason: "too few weeks",
    });
  const reduce = price([0.5, 0.2, 0.8], -1.5, cv(9));
  assertEquals(reduce.kind, "supported");
  assert(
    reduce.sentence.startsWith(
      "Promotions reduce price sensitivity: the price elasticity is −1 in promotion weeks vs −1.5 otherwise",
    ),
    reduce.sentence,
  );
  const increase = price([-0.5, -0.8, -0.2], -1.5, cv(11));
  assertEquals(increase.kind, "in sample only");
  assert(increase.sentence.startsWith("Promotions increase price sensitivity"), increase.sentence);
  assert(increase.sentence.includes("improves the fit in sample only"), increase.sentence);
  // a positive price effect that falls in promotion weeks moves toward zero: sensitivity reduced
  assert(price([-0.5, -0.8, -0.2], 1, cv(9)).sentence.startsWith("Promotions reduce price sensitivity"));
  const none = price([0.1, -0.2, 0.4], -1.5, cv(9));
  assertEquals(none.kind, "no evidence");
  assert(none.sentence.includes("includes zero"), none.sentence);
  const unvalidated = price([0.5, 0.2, 0.8], -1.5, null);
  assertEquals(unvalidated.kind, "not validated out of sample");
  assert(
    unvalidated.sentence.endsWith("No out-of-sample check was possible: too few weeks."),
    unvalidated.sentence,
  );
  // a bound exactly at zero is not evidence
  assertEquals(price([0.5, 0, 0.8], -1.5, cv(9)).kind, "no evidence");
  const email = (d: [number, number, number]) =>
    interactionVerdict({
      id: "email_x_promotion",
      inPromotion: iv(100 + d[0], 0, 0),
      otherwise: iv(100, 0, 0),
      difference: iv(...d),
      outOfSample: cv(9),
    }).sentence;
  assert(email([50, 10, 90]).startsWith("Email works better in promotion weeks"));
  assert(email([-50, -90, -10]).startsWith("Email works less well in promotion weeks"));
});

const FAST: NationalOptions = {
  reps: 49,
  importance: false,
  search: { thetaGrid: [0, 0.3, 0.6], alphaGrid: [0] },
};

Deno.test("interactions on a pipeline run: the folds and the RMSE without the term are the pipeline's own", async () => {
  for (const [n, k] of [[104, 12], [91, 14], [78, 30], [130, 12], [60, 5]]) {
    assertEquals(outcomeFolds(n, k), nationalModelFolds(n, k).folds, `n ${n}, k ${k}`);
  }
  const ds = weeklyDataset();
  const national = await nationalPipeline(ds, FAST);
  const r = interactionEffects(ds, national);
  assert(r.available);
  assertEquals(r.model, "two-stage");
  assertEquals(r.effects.map((e) => e.id), ["promotion_x_price", "email_x_promotion"]);
  const model = outcomeModel(ds, national);
  assert(!("reason" in model));
  const cv = compareOutOfSample(model, {});
  assert(!("reason" in cv));
  assertRelClose(cv.rmseWithout, national.outcome!.crossValidation!.meanRmse, 1e-9);
  for (const e of r.effects) assertRelClose(e.outOfSample!.rmseWithout, cv.rmseWithout, 1e-12);
  // without the interaction the elasticity is the pipeline's point estimate
  const price = r.effects[0];
  assertRelClose(price.withoutInteraction.estimate, national.outcome!.elasticity!.estimate, 1e-9);
});

function mean(x: Float64Array): number {
  return x.reduce((a, b) => a + b, 0) / x.length;
}
