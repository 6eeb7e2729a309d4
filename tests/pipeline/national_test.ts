import { assert, assertEquals } from "../assert.ts";
import { DataError } from "../../lib/errors.ts";
import {
  bootstrapSentence,
  NATIONAL_CV_RULE,
  nationalModelFolds,
  type NationalOptions,
  nationalPipeline,
} from "../../lib/pipeline/national.ts";
import { weeklyDataset } from "./_weekly.ts";

/** Small grids and few replicates: the cases test structure and words, not precision. */
const FAST: NationalOptions = {
  reps: 99,
  importance: false,
  search: { thetaGrid: [0, 0.3, 0.6], alphaGrid: [0, 1] },
};

const skippedSection = (r: { skipped: readonly { section: string; reason: string }[] }, section: string) =>
  r.skipped.find((s) => s.section === section)?.reason;

Deno.test("nationalModelFolds: at least max(52, 2k) training weeks, 13-week tests, at most 4 folds, ending at the end", () => {
  const trainSizes = (n: number, k: number) => nationalModelFolds(n, k).folds.map((f) => f.train.length);
  assertEquals(trainSizes(104, 12), [52, 65, 78, 91]);
  assertEquals(trainSizes(91, 12), [52, 65, 78]);
  assertEquals(trainSizes(78, 12), [52, 65]);
  assertEquals(trainSizes(91, 30), [65, 78]); // minTrain 60: ⌊31/13⌋ = 2 folds
  for (const f of nationalModelFolds(104, 12).folds) assertEquals(f.test.length, 13);
  const short = nationalModelFolds(52, 12);
  assertEquals(short.folds, []);
  assert(short.reason!.startsWith("Out-of-sample validation is not possible"), short.reason!);
  assert(short.reason!.includes("78 weeks in all, and the file has 52"), short.reason!);
  assertEquals(nationalModelFolds(70, 12).folds, []); // one 13-week fold after a year: fewer than two folds
  assertEquals(trainSizes(130, 12), [65, 78, 91, 104, 117]); // at most five folds
});

Deno.test("two years of clean data: the two-stage model with month dummies, intervals and four CV folds", async () => {
  const r = await nationalPipeline(weeklyDataset(), FAST);
  assertEquals(r.model, "two-stage");
  assertEquals(r.seasonality.kind, "holiday_months");
  assertEquals(r.skipped, []);
  assertEquals(r.stage1!.perDollar.map((p) => p.channel), r.roles.social);
  // Facebook and Instagram drive Google in the generating process, with intervals above zero
  for (const c of ["facebook_spend", "instagram_spend"]) {
    assertEquals(r.stage1!.perDollar.find((p) => p.channel === c)!.verdict, "positive");
  }
  assert(r.stage1!.sentence.includes("raise google_spend"), r.stage1!.sentence);
  const cv = r.outcome!.crossValidation!;
  assertEquals(
    cv.folds.map((f) => f.trainWeeks),
    [52, 65, 78, 91].map((t) => t - countBefore(r.anomalies, t)),
  );
  assertEquals(cv.rule, NATIONAL_CV_RULE);
  // the rule and the gate say the transforms are held in the folds and the window counts calendar weeks
  assert(cv.rule.includes("held at the full-sample choice in every fold"), cv.rule);
  assert(cv.rule.includes("counts calendar weeks"), cv.rule);
  assert(
    cv.gate.reason.includes("Carryover and saturation are held at the full-sample choice"),
    cv.gate.reason,
  );
  // the plausibility sentence quotes the modelled total as money (a currency target): "$x.xxM" from a million
  let total = 0;
  for (const v of r.outcome!.fitted) total += v;
  const money = total >= 999_999.5
    ? `$${(total / 1e6).toFixed(2)}M`
    : `$${Math.round(total).toLocaleString("en-US")}`;
  assert(
    r.outcome!.plausibility.sentence.includes(`(${money})`),
    `${money}: ${r.outcome!.plausibility.sentence}`,
  );
  // mediation sentences quote returns per dollar with two decimals, as the tables do
  for (const v of r.mediation!.verdicts) {
    const decimals = [...v.sentence.matchAll(/\d\.(\d+)/g)].map((m) => m[1].length);
    assert(decimals.length > 0 && decimals.every((d) => d === 2), v.sentence);
  }
  assert(r.outcome!.elasticity!.verdict === "negative", "revenue falls with price in the generating process");
  assert(r.outcome!.promotion!.lower > 0, "promotions add revenue in the generating process");
  assertEquals(r.outcome!.bootstrap!.reps, 99);
  // the default bootstrap re-chooses the transforms: every paid channel's contribution and every carryover
  // has an interval
  assertEquals(r.outcome!.bootstrap!.transforms, "re-chosen");
  const paid = [...r.roles.social, r.roles.mediator!, ...r.roles.direct];
  for (const c of paid) {
    const row = r.estimates.find((e) => e.quantity === "contribution" && e.channel === c);
    assert(row && row.lower !== null && row.upper !== null, `no contribution interval for ${c}`);
    assert(row.lower! <= row.estimate && row.estimate <= row.upper!, `${c}: ${row.lower}..${row.upper}`);
  }
  // θ's interval is of replicates' θ's refined between the searched grid values {0, 0.3, 0.6}: inside the
  // grid's range, and not restricted to grid values (a replicate refines within its choice's neighbours)
  for (const row of r.estimates.filter((e) => e.quantity === "carryover")) {
    assert(row.lower !== null && row.upper !== null && row.lower < row.upper, `carryover ${row.channel}`);
    assert(row.lower >= 0 && row.upper <= 0.6, `carryover ${row.channel}: ${row.lower}..${row.upper}`);
  }
  const onGrid = (x: number) => [0, 0.3, 0.6].some((g) => Math.abs(x - g) < 1e-9);
  assert(
    r.estimates.filter((e) => e.quantity === "carryover").some((e) => !onGrid(e.lower!) || !onGrid(e.upper!)),
    "every θ interval ends on grid values: the refinement did not run",
  );
  assert(r.twoStage!.fixedBootstrap !== null, "the fixed-transform bootstrap is kept for comparison");
  function countBefore(anomalies: readonly { week: string }[], t: number) {
    const cut = weeklyDataset().dates[t];
    return anomalies.filter((a) => a.week < cut).length;
  }
});

Deno.test("bootstrapTransforms: 'fixed' holds the chosen transforms in every replicate (no θ intervals)", async () => {
  const r = await nationalPipeline(weeklyDataset(), { ...FAST, bootstrapTransforms: "fixed" });
  assertEquals(r.outcome!.bootstrap!.transforms, "fixed");
  assertEquals(r.twoStage!.fixedBootstrap, null);
  for (const row of r.estimates.filter((e) => e.quantity === "carryover")) assertEquals(row.lower, null);
  const google = r.estimates.find((e) => e.quantity === "contribution" && e.channel === r.roles.mediator)!;
  assert(google.lower !== null, "the fixed bootstrap also gives the mediator's contribution an interval");
});

for (const n of [52, 78, 91]) {
  Deno.test(`${n} weeks: Fourier seasonality, every section runs or says why not`, async () => {
    const r = await nationalPipeline(weeklyDataset({ n }), FAST);
    assertEquals(r.model, "two-stage");
    assertEquals(r.seasonality.kind, "fourier");
    assert(r.seasonality.sentence.includes("Fourier"), r.seasonality.sentence);
    const cvReason = skippedSection(r, "cross-validation");
    if (n === 52) {
      assertEquals(r.outcome!.crossValidation, null);
      assert(cvReason!.includes("not possible"), cvReason);
    } else {
      assertEquals(cvReason, undefined);
      assertEquals(r.outcome!.crossValidation!.folds.length, Math.floor((n - 52) / 13));
    }
    assert(r.mediation!.verdicts.every((v) => v.kind !== null));
  });
}

Deno.test("a constant target stops with a DataError naming the file and column", async () => {
  let error: unknown;
  try {
    await nationalPipeline(weeklyDataset({ edit: (c) => c.revenue.fill(250_000) }), FAST);
  } catch (e) {
    error = e;
  }
  assert(error instanceof DataError, `expected a DataError, got ${error}`);
  assert(error.message.includes("the same value (250000) in every week"), error.message);
  assertEquals(error.column, "revenue");
});

Deno.test("zero revenue weeks: fitted in levels, a note, MAPE undefined in folds testing a zero week", async () => {
  const zeros = [10, 11, 80, 95];
  const r = await nationalPipeline(
    weeklyDataset({ edit: (c) => zeros.forEach((i) => (c.revenue[i] = 0)) }),
    FAST,
  );
  assertEquals(r.targetProfile.zeroWeeks, 4);
  assert(r.notes.some((s) => s.startsWith("revenue is zero in 4 of the 104 weeks")), r.notes.join("\n"));
  assert(r.notes.some((s) => s.includes("in levels (no logarithm is taken)")), r.notes.join("\n"));
  assert(!r.notes.some((s) => /\bundefined\b/.test(s)), r.notes.join("\n"));
  assert(r.outcome!.elasticity !== null, "a positive mean keeps the elasticity at the means");
  const cv = r.outcome!.crossValidation!;
  // week 80 is in the fold testing weeks 78–90, week 95 in 91–103; the anomaly filter may have left them out
  const tested = new Set(Array.from(cv.predictions, (p, i) => (Number.isNaN(p) ? -1 : i)));
  for (const f of cv.folds) {
    const start = 104 - (cv.folds.length - f.fold + 1) * 13;
    const hasZero = zeros.some((z) => z >= start && z < start + 13 && tested.has(z));
    assertEquals(Number.isNaN(f.mape), hasZero, `fold ${f.fold}`);
  }
});

Deno.test("negative revenue weeks: no elasticity or percentage lift, with the reason", async () => {
  const r = await nationalPipeline(
    weeklyDataset({ edit: (c) => c.revenue.forEach((v, i, a) => (a[i] = v - 300_000)) }),
    FAST,
  );
  assertEquals(r.outcome!.elasticity, null);
  assert(
    skippedSection(r, "price elasticity")!.includes("negative in"),
    skippedSection(r, "price elasticity"),
  );
  assert(Number.isNaN(r.outcome!.promotion!.percent));
  assert(Number.isFinite(r.outcome!.promotion!.estimate));
});

Deno.test("no promotion weeks: the lift is skipped because no week has a promotion", async () => {
  const r = await nationalPipeline(weeklyDataset({ edit: (c) => c.promotions.fill(0) }), FAST);
  assertEquals(r.outcome!.promotion, null);
  assertEquals(
    skippedSection(r, "promotion lift"),
    'The promotion lift cannot be estimated: no week has a promotion ("promotions" is zero in every week).',
  );
  assertEquals(r.roles.promotion, undefined);
});

Deno.test("price and promotion not mapped: both quantities skipped, the model still fits", async () => {
  const r = await nationalPipeline(
    weeklyDataset({ roles: { price: undefined, promotion: undefined } }),
    FAST,
  );
  assertEquals(r.model, "two-stage");
  assert(skippedSection(r, "price elasticity")!.includes("cannot be estimated: no price column is mapped"));
  assert(skippedSection(r, "promotion lift")!.includes("cannot be estimated: no promotion column is mapped"));
  assert(!r.outcome!.ols.terms.includes("average_price"));
});

Deno.test("a mediator that is zero in every week: the single-stage model on the social and direct channels", async () => {
  const r = await nationalPipeline(weeklyDataset({ edit: (c) => c.google_spend.fill(0) }), FAST);
  assertEquals(r.model, "single-stage");
  assertEquals(r.stage1, null);
  assertEquals(r.mediation, null);
  const reason = skippedSection(r, "two-stage model")!;
  assert(reason.includes('"google_spend" is zero in every week') && reason.includes("single-stage"), reason);
  assertEquals(r.outcome!.perDollar.map((p) => p.channel), r.roles.social);
  assertEquals(r.outcome!.ols.terms.slice(0, 5), ["const", ...r.roles.social]);
});

Deno.test("no mediator and no social channels mapped: a single-stage model of the direct channels and controls", async () => {
  const r = await nationalPipeline(weeklyDataset({ roles: { mediator: undefined, social: [] } }), FAST);
  assertEquals(r.model, "single-stage");
  assert(skippedSection(r, "two-stage model")!.includes("no mediator column is mapped"));
  assertEquals(r.outcome!.perDollar, []);
  assertEquals(r.outcome!.direct.map((d) => d.channel), ["emails_send", "sms_send"]);
  assert(!JSON.stringify(r.notes).includes("google_spend"));
});

Deno.test("one social channel: no direct social path, the mediation verdict says the split is not modelled", async () => {
  const r = await nationalPipeline(weeklyDataset({ roles: { social: ["facebook_spend"] } }), FAST);
  assertEquals(r.model, "two-stage");
  assertEquals(r.mediation!.directIdentified, false);
  assert(skippedSection(r, "direct social paths")!.includes("only its total effect is identified"));
  assertEquals(r.mediation!.socialEffects.map((e) => e.effect), ["indirect", "total"]);
  assertEquals(r.mediation!.verdicts[0].kind, "mediation, direct path not modelled");
  assertEquals(r.profiles[0].grid, null);
  assertEquals(r.profiles[0].curves.length, 1);
});

Deno.test("a direct channel zero in most weeks: saturation scale from its active weeks", async () => {
  const r = await nationalPipeline(
    weeklyDataset({ edit: (c) => c.sms_send.forEach((v, i, a) => (a[i] = i % 5 === 0 ? v : 0)) }),
    FAST,
  );
  const sms = r.saturation.find((s) => s.channel === "sms_send")!;
  assertEquals(sms.activeWeeks, 21); // weeks 0, 5, …, 100
  assert(sms.scale > 0);
  assert(r.outcome!.direct.some((d) => d.channel === "sms_send"));
});

Deno.test("two identical spend columns are merged by summing, with a sentence naming both", async () => {
  const ds = weeklyDataset({ edit: (c) => (c.instagram_spend = c.tiktok_spend.slice()) });
  const r = await nationalPipeline(ds, FAST);
  assertEquals(r.identification.merged.length, 1);
  const m = r.identification.merged[0];
  assertEquals(m.name, "tiktok_spend+instagram_spend");
  assertEquals(m.columns, ["tiktok_spend", "instagram_spend"]);
  assert(r.notes.includes(m.sentence) && m.sentence.includes("identical"), m.sentence);
  assertEquals(r.roles.social, ["facebook_spend", "tiktok_spend+instagram_spend", "snapchat_spend"]);
  // one estimate for the pair, not two opposite ones
  assertEquals(r.stage1!.perDollar.filter((p) => p.channel.includes("tiktok")).length, 1);
});

Deno.test("an interval wholly below zero is called negative, not 'includes zero'", async () => {
  // TikTok lowers Google spend in this process
  const r = await nationalPipeline(weeklyDataset({ tiktokToGoogle: -0.8 }), FAST);
  const tiktok = r.stage1!.perDollar.find((p) => p.channel === "tiktok_spend")!;
  assert(tiktok.upper < 0, `interval ${tiktok.lower} to ${tiktok.upper}`);
  assertEquals(tiktok.verdict, "negative");
  assert(r.stage1!.sentence.includes("tiktok_spend goes with lower google_spend"), r.stage1!.sentence);
  assert(!/tiktok_spend[^.]*includes zero/.test(r.stage1!.sentence), r.stage1!.sentence);
});

Deno.test("a significantly negative direct effect is competitive mediation, never complete mediation", async () => {
  const r = await nationalPipeline(weeklyDataset({ facebookDirect: -4 }), FAST);
  const direct = r.mediation!.socialEffects.find((e) =>
    e.channel === "facebook_spend" && e.effect === "direct"
  )!;
  assert(direct.upper < 0, `direct interval ${direct.lower} to ${direct.upper}`);
  const v = r.mediation!.verdicts.find((x) => x.channel === "facebook_spend")!;
  assertEquals(v.kind, "competitive mediation");
  assert(!v.sentence.includes("omplete mediation"), v.sentence);
});

Deno.test("progress texts carry no timings; timings go to log only; two runs give the same results", async () => {
  const messages: string[] = [];
  const logged: string[] = [];
  const ds = weeklyDataset({ n: 78 });
  const a = await nationalPipeline(ds, {
    ...FAST,
    onProgress: (m) => void messages.push(m),
    log: (l) => logged.push(l),
  });
  const b = await nationalPipeline(ds, FAST);
  assert(messages.length >= 3);
  for (const m of messages) assert(!/\d\s*(s|ms|seconds?)\b/.test(m), m);
  assert(logged.length > 0 && logged.every((l) => / s$/.test(l)), logged.join("\n"));
  const json = (r: unknown) =>
    JSON.stringify(r, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));
  assertEquals(json(a), json(b));
  assert(!json(a).includes("seconds"));
});

Deno.test("a level shift in the target: no week dropped as an anomaly, a step dummy as a control, a note", async () => {
  const ds = weeklyDataset({
    edit: (c) => c.revenue.forEach((v, i, a) => (a[i] = i >= 30 && i < 62 ? 5 * v : v)),
  });
  const r = await nationalPipeline(ds, FAST);
  assertEquals(r.anomalies, []);
  const steps = r.outcome!.ols.terms.filter((t) => t.startsWith("level_from_"));
  assert(steps.length >= 1, r.outcome!.ols.terms.join(", "));
  assert(r.notes.some((s) => s.includes("shifts level")), r.notes.join("\n"));
  assert(r.notes.some((s) => s.includes("regime indicator")), r.notes.join("\n"));
});

Deno.test("bootstrapSentence states how the transforms were treated and the widening in numbers", () => {
  const row = (channel: string, quantity: string, ratio: number) => ({
    name: `${channel}.${quantity}`,
    channel,
    quantity,
    fixedWidth: 1,
    width: ratio,
    ratio,
  });
  const s = bootstrapSentence("re-chosen", {
    rows: [row("a", "roi", 1.5), row("b", "contribution", 3)],
    median: 2.25,
    min: 1.5,
    max: 3,
  });
  assert(s.includes("re-chooses each carryover"), s);
  assert(s.includes("median 2.25× as wide") && s.includes("1.50× to 3.00× over 2 quantities"), s);
  assert(s.includes("widest: the contribution of b"), s);
  assert(bootstrapSentence("fixed", null).includes("holds the chosen carryovers and saturation fixed"));
});

Deno.test("bootstrap: false runs no bootstrap and reports the same choice and fit, with no interval and nothing skipped", async () => {
  const ds = weeklyDataset();
  const withBoot = await nationalPipeline(ds, FAST);
  const without = await nationalPipeline(ds, { ...FAST, bootstrap: false });
  assertEquals(without.twoStage!.bootstrap, null);
  assertEquals(without.outcome!.bootstrap, null);
  assertEquals(skippedSection(without, "bootstrap"), undefined);
  assertEquals(without.carryover.map((c) => c.theta), withBoot.carryover.map((c) => c.theta));
  assertEquals(Array.from(without.outcome!.ols.coef), Array.from(withBoot.outcome!.ols.coef));
  assert(
    without.estimates.every((e) => e.lower === null || !Number.isFinite(e.lower)),
    "no interval without a bootstrap",
  );
  assert(withBoot.estimates.some((e) => e.lower !== null && Number.isFinite(e.lower)));
});
