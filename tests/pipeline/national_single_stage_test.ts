import { assert, assertAlmostEquals, assertEquals } from "../assert.ts";
import {
  bootstrapSingleStage,
  crossValidateSingleStage,
  fitSingleStage,
  type SingleStageInputs,
} from "../../lib/pipeline/national_single_stage.ts";
import { geometricAdstock } from "../../lib/features/adstock.ts";
import { saturate } from "../../lib/features/saturation.ts";
import { designFromColumns, takeDesignRows, takeRows } from "../../lib/features/design.ts";
import { fitOls } from "../../lib/models/ols.ts";
import { timeSeriesSplit } from "../../lib/evaluate/time_series_split.ts";
import { weeklyDataset } from "./_weekly.ts";

const ds = weeklyDataset({ n: 90 });
const hill = { type: "hill" as const, halfSaturation: 100_000, shape: 1 };
const inputs: SingleStageInputs = {
  spec: {
    media: [{ column: "google_spend", theta: 0.5 }, { column: "facebook_spend", theta: 0.2 }],
    direct: [{ column: "emails_send", saturation: hill }, { column: "sms_send" }],
    price: "average_price",
    promotion: "promotions",
    controls: ["social_followers"],
  },
  columns: ds.columns,
  y: ds.columns.revenue,
  rows: Array.from({ length: 90 }, (_, i) => i).filter((i) => i !== 40),
  yName: "revenue",
};
const sum = (x: ArrayLike<number>) => Array.from(x).reduce((a, b) => a + b, 0);

/** The design written out from the definitions, independently of singleStageDesign. */
function handDesign() {
  const c = ds.columns;
  return designFromColumns({
    google_spend: geometricAdstock(c.google_spend, 0.5),
    facebook_spend: geometricAdstock(c.facebook_spend, 0.2),
    emails_send: saturate(c.emails_send, hill),
    sms_send: c.sms_send,
    average_price: c.average_price,
    promotions: c.promotions,
    social_followers: c.social_followers,
  });
}

Deno.test("fitSingleStage is OLS on the adstocked and saturated columns over the fit rows", () => {
  const fit = fitSingleStage(inputs);
  const rows = Int32Array.from(inputs.rows!);
  const reference = fitOls(takeDesignRows(handDesign(), rows), takeRows(ds.columns.revenue, rows));
  assertEquals(fit.ols.terms, reference.terms);
  for (let j = 0; j < reference.coef.length; j++) {
    assertAlmostEquals(fit.ols.coef[j], reference.coef[j], 1e-9 * Math.max(1, Math.abs(reference.coef[j])));
  }
});

Deno.test("single-stage effects follow their definitions", () => {
  const fit = fitSingleStage(inputs);
  const b = (name: string) => fit.ols.coef[fit.ols.terms.indexOf(name)];
  const c = ds.columns;
  const google = fit.media[0];
  assertAlmostEquals(google.perDollar, b("google_spend") / (1 - 0.5), 1e-9);
  const adstockSum = sum(geometricAdstock(c.google_spend, 0.5));
  assertAlmostEquals(google.contribution, b("google_spend") * adstockSum, 1e-6);
  assertAlmostEquals(google.roi, (b("google_spend") * adstockSum) / sum(c.google_spend), 1e-9);
  // Hill(0) = 0: the contribution is β Σ hill(x)
  assertAlmostEquals(fit.direct[0].contribution, b("emails_send") * sum(saturate(c.emails_send, hill)), 1e-6);
  assertAlmostEquals(fit.direct[1].contributionPerThousand, 1000 * b("sms_send"), 1e-9);
  const meanY = sum(c.revenue) / 90;
  assertAlmostEquals(fit.priceElasticity!, (b("average_price") * sum(c.average_price)) / 90 / meanY, 1e-12);
  assertAlmostEquals(fit.promotionLift!.absolute, b("promotions"), 1e-12);
  assertAlmostEquals(fit.promotionLift!.percentOfMeanOutcome, (100 * b("promotions")) / meanY, 1e-12);
  // the prediction covers every week, the left-out one included
  const x = handDesign();
  let s = 0;
  for (let j = 0; j < x.k; j++) s += x.x[40 * x.k + j] * fit.ols.coef[j];
  assertAlmostEquals(fit.fitted[40], s, 1e-6);
});

Deno.test("bootstrapSingleStage is seeded, and maps every replicate through the same linear effects", () => {
  const a = bootstrapSingleStage(inputs, { seed: 3, reps: 199 });
  const b = bootstrapSingleStage(inputs, { seed: 3, reps: 199 });
  assertEquals(a.effects, b.effects);
  assertEquals(a.nFailed, 0);
  const get = (name: string) => a.effects.find((e) => e.name === name)!;
  // perDollar = coef / (1 − θ) in every replicate, so its percentiles are the coefficient's scaled
  const coef = get("google_spend.coef"), perDollar = get("google_spend.perDollar");
  assertAlmostEquals(perDollar.lower, coef.lower / 0.5, 1e-9);
  assertAlmostEquals(perDollar.upper, coef.upper / 0.5, 1e-9);
  assertEquals(perDollar.shareNonPositive, coef.shareNonPositive);
  assert(coef.lower < coef.estimate && coef.estimate < coef.upper);
  assertEquals(a.standardized.map((s) => s.name), [
    "google_spend",
    "facebook_spend",
    "emails_send",
    "sms_send",
    "average_price",
    "promotions",
    "social_followers",
  ]);
});

Deno.test("crossValidateSingleStage predicts each test fold from OLS on its training rows", () => {
  const folds = timeSeriesSplit(90, { nSplits: 2, testSize: 13 });
  const cv = crossValidateSingleStage(inputs, folds);
  const x = handDesign();
  const train = Int32Array.from(folds[1].train.filter((i) => i !== 40));
  const ref = fitOls(takeDesignRows(x, train), takeRows(ds.columns.revenue, train));
  const t = folds[1].test[0];
  let s = 0;
  for (let j = 0; j < x.k; j++) s += x.x[t * x.k + j] * ref.coef[j];
  assertAlmostEquals(cv.predictions[t], s, 1e-6);
  assertEquals(cv.folds.map((f) => f.trainSize), [63, 76]); // week 40 left out of both
});

Deno.test("bootstrapSingleStage draws circular blocks unless told otherwise (the documented default)", () => {
  const byDefault = bootstrapSingleStage(inputs, { seed: 3, reps: 49 });
  const circular = bootstrapSingleStage(inputs, { seed: 3, reps: 49, circular: true });
  const moving = bootstrapSingleStage(inputs, { seed: 3, reps: 49, circular: false });
  assertEquals([byDefault.circular, moving.circular], [true, false]);
  assertEquals(byDefault.effects, circular.effects);
  assert(
    byDefault.effects.some((e, i) =>
      e.lower !== moving.effects[i].lower || e.upper !== moving.effects[i].upper
    ),
  );
});
