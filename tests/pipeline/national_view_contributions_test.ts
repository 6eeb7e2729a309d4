/**
 * Notebook 04's carryover, contributions and decomposition views (lib/pipeline/national_view_contributions.ts)
 * on small hand-built results: every branch of each sentence, the truth columns with and without a truth.
 */
import { assert, assertEquals } from "../assert.ts";
import type { Truth } from "../../lib/data/truth_schema.ts";
import type { SignVerdict } from "../../lib/evaluate/verdicts.ts";
import {
  carryoverTableRows,
  type CarryoverViewRow,
  carryoverViewRows,
  carryoverWiderSentence,
  contributionsSentence,
  contributionViewRows,
  decompositionPartLabel,
  decompositionResults,
  decompositionSeries,
  decompositionShareRows,
  decompositionWaterfall,
  mediatorRoiSentence,
  outcomeTrueRoi,
  plausibilityResults,
} from "../../lib/pipeline/national_view_contributions.ts";
import type { NationalCarryoverRow, NationalInterval } from "../../lib/pipeline/national_types.ts";

const two = (x: number) => (Number.isNaN(x) ? "n/a" : x.toFixed(2));
const label = (c: string) => c.toUpperCase();
const text = (s: string) => `[${s}]`;

const truth = {
  weekly: {
    contributions: { social: { facebook: { roi: 1.1 } }, google: { roi: 2.2 } },
    adstock: { facebook: { theta: 0.4 }, google: { theta: 0.3 } },
  },
} as unknown as Truth;

const carry = (channel: string, range: [number, number], boot: [number, number]): NationalCarryoverRow => ({
  stage: "2",
  path: "social → target (direct)",
  channel,
  theta: 0.5,
  halfLifeWeeks: 1,
  thetaMin: range[0],
  thetaMax: range[1],
  lower: boot[0],
  upper: boot[1],
});

Deno.test("carryoverViewRows: the ranges as text and numbers, the true θ only with a truth", () => {
  const outcome = {
    carryover: [carry("facebook_spend", [0.3, 0.6], [0.2, 0.7]), carry("tv_spend", [NaN, NaN], [NaN, NaN])],
  };
  const rows = carryoverViewRows(outcome, two, truth);
  assertEquals(rows[0], {
    channel: "facebook_spend",
    path: "social → target (direct)",
    theta: 0.5,
    halfLifeWeeks: 1,
    thetaRange: "0.3 – 0.6",
    thetaBootstrap: "0.20 – 0.70",
    bootLower: 0.2,
    bootUpper: 0.7,
    seLower: 0.3,
    seUpper: 0.6,
    trueTheta: 0.4,
  });
  assertEquals([rows[1].thetaRange, rows[1].thetaBootstrap, rows[1].trueTheta], [
    "n/a (chosen in sample)",
    "n/a",
    NaN,
  ]);
  assert(
    carryoverViewRows(outcome, two).every((r) => !("trueTheta" in r)),
    "no truth column without a truth",
  );
  const shown = carryoverTableRows(rows, text);
  assertEquals([shown[0].channel, shown[0].path], ["Facebook", "[social → target (direct)]"]);
});

Deno.test("carryoverWiderSentence: wider at either end, within the range, or a range missing", () => {
  const rows = (boot: [number, number], range: [number, number] = [0.3, 0.6]): CarryoverViewRow[] =>
    carryoverViewRows({ carryover: [carry("facebook_spend", range, boot)] }, two);
  assertEquals(carryoverWiderSentence(rows([0.3, 0.6]), text), null, "equal to the range");
  assertEquals(carryoverWiderSentence(rows([0.3 - 1e-12, 0.6 + 1e-12]), text), null, "within rounding");
  assertEquals(carryoverWiderSentence(rows([0.35, 0.5]), text), null, "narrower");
  assertEquals(carryoverWiderSentence(rows([NaN, NaN]), text), null, "no bootstrap interval");
  assertEquals(carryoverWiderSentence(rows([0.2, 0.5], [NaN, NaN]), text), null, "no one-SE range");
  const below = carryoverWiderSentence(rows([0.2, 0.6]), text)!;
  assert(
    below.startsWith("For Facebook on the path [social → target (direct)], the bootstrap's interval"),
    below,
  );
  assert(below.endsWith("Read the bootstrap interval as the uncertainty of θ."), below);
  assert(carryoverWiderSentence(rows([0.3, 0.7]), text) !== null, "wider above");
  const two_ = carryoverViewRows({
    carryover: [carry("facebook_spend", [0.3, 0.6], [0.2, 0.6]), carry("tv_spend", [0.1, 0.2], [0.1, 0.5])],
  }, two);
  assert(carryoverWiderSentence(two_, (s) => s)!.includes("(direct); TV on the path"), "joined with '; '");
});

const contribution = (channel: string, lower: number, upper: number, verdict: SignVerdict | null) => ({
  channel,
  spend: 100,
  contribution: 50 * (lower + upper),
  contributionLower: NaN,
  contributionUpper: NaN,
  estimate: (lower + upper) / 2,
  lower,
  upper,
  shareNonPositive: 0,
  verdict,
});

Deno.test("outcomeTrueRoi and contributionViewRows: the mediator's, a social channel's, NaN for others", () => {
  assertEquals(outcomeTrueRoi(truth, "google_spend", "google_spend"), 2.2);
  assertEquals(outcomeTrueRoi(truth, "facebook_spend", "google_spend"), 1.1);
  assertEquals(
    outcomeTrueRoi(truth, "google_spend", undefined),
    NaN,
    "a media channel of the single-stage model",
  );
  const outcome = {
    contributions: [
      contribution("facebook_spend", 0.5, 1.5, "positive"),
      contribution("tv_spend", NaN, NaN, null),
    ],
  };
  const rows = contributionViewRows(outcome, "google_spend", truth);
  assertEquals(rows[0], {
    channel: "facebook_spend",
    spend: 100,
    contribution: 100,
    roi: 1,
    lower: 0.5,
    upper: 1.5,
    sign: "positive",
    trueRoi: 1.1,
  });
  assertEquals([rows[1].sign, rows[1].trueRoi], ["no interval", NaN]);
  assert(contributionViewRows(outcome, "google_spend").every((r) => !("trueRoi" in r)));
});

Deno.test("contributionsSentence: the mediator's double counting only in the two-stage model", () => {
  const outcome = {
    plausibility: {
      verdict: "implausible",
      flags: [],
      totalContribution: 10,
      modelledTotal: 5,
      sentence: "No contribution is implausible.",
    },
  } as const;
  assertEquals(plausibilityResults(outcome), {
    verdict: "implausible",
    sentence: "No contribution is implausible.",
  });
  assertEquals(
    contributionsSentence({ model: "two-stage", roles: { mediator: "google_spend" } }, outcome, label, text),
    "The contribution of GOOGLE_SPEND includes its social-driven part, which is also counted in the social " +
      "channels' indirect contributions; the plausibility check below leaves GOOGLE_SPEND out for that reason. " +
      "[No contribution is implausible.]",
  );
  assertEquals(
    contributionsSentence({ model: "single-stage", roles: {} }, outcome, label, text),
    "[No contribution is implausible.]",
  );
});

const part = (
  estimate: number,
  lower: number,
  upper: number,
  verdict: SignVerdict | null,
): NationalInterval => ({
  estimate,
  lower,
  upper,
  shareNonPositive: 0,
  verdict,
});
const ZERO = "not distinguishable from zero" as const;

Deno.test("mediatorRoiSentence: why the total includes zero only when the other part is clear of it", () => {
  const national = (rest: NationalInterval) => ({
    mediation: { mediator: { channel: "google_spend", b: part(0.3, -0.5, 1.1, ZERO), bResidual: rest } },
    roles: { mediator: "google_spend" },
  });
  const spans = { contributions: [contribution("google_spend", -0.2, 1.8, ZERO)] };
  const why =
    ": the total's interval includes zero because it carries the imprecise social-driven part, while " +
    "the other part alone is estimated precisely.";
  const positive = mediatorRoiSentence(national(part(2, 1, 3, "positive")), spans, two, label)!;
  assertEquals(
    positive,
    "GOOGLE_SPEND's ROI here (0.80, 95% interval -0.20 to 1.80) is the return on all of its spend, including the " +
      'social-driven part (0.30 per adstocked dollar, not distinguishable from zero); the "rest of GOOGLE_SPEND" ' +
      "figure in the mediation section (2.00, positive) is the return per adstocked dollar of only the part " +
      `social spend does not predict. They are different quantities${why}`,
  );
  const negative = mediatorRoiSentence(national(part(-2, -3, -1, "negative")), spans, two, label)!;
  assert(negative.endsWith(why), negative);
  const bothSpan = mediatorRoiSentence(national(part(0.1, -1, 1, ZERO)), spans, two, label)!;
  assert(bothSpan.endsWith("They are different quantities."), bothSpan);
  const clear = { contributions: [contribution("google_spend", 0.5, 1.5, "positive")] };
  assert(
    mediatorRoiSentence(national(part(2, 1, 3, "positive")), clear, two, label)!.endsWith("quantities."),
  );
  const noInterval = mediatorRoiSentence(national(part(2, NaN, NaN, null)), spans, two, label)!;
  assert(noInterval.endsWith("quantities."), "a part without an interval is not called precise");
  assertEquals(
    mediatorRoiSentence({ ...national(part(2, 1, 3, "positive")), mediation: null }, spans, two, label),
    null,
  );
  assertEquals(
    mediatorRoiSentence(national(part(2, 1, 3, "positive")), { contributions: [] }, two, label),
    null,
    "no contribution row for the mediator",
  );
});

Deno.test("decomposition views: totals, part names (promotions), waterfall, series and share rows", () => {
  const d = {
    dates: ["2024-01-01", "2024-01-08"],
    baseline: new Float64Array([5, 6]),
    fitted: new Float64Array([8, 10]),
    parts: { facebook_spend: new Float64Array([1, 2]), promo_flag: new Float64Array([2, 2]) },
    totals: { baseline: 11, parts: { facebook_spend: 3, promo_flag: 4 }, fitted: 18 },
  };
  assertEquals(decompositionResults(d), {
    weeks: 2,
    baseline: 11,
    parts: { facebook_spend: 3, promo_flag: 4 },
    fitted: 18,
  });
  assertEquals(decompositionPartLabel("promo_flag", undefined), "Promo flag");
  assertEquals(decompositionWaterfall(d, "promo_flag"), [
    { label: "Facebook", contribution: 3 },
    { label: "Promotions", contribution: 4 },
  ]);
  assertEquals(Object.keys(decompositionSeries(d, "promo_flag")), ["Facebook", "Promotions"]);
  assertEquals(decompositionSeries(d, "promo_flag").Promotions, d.parts.promo_flag);
  assertEquals(
    decompositionShareRows([{ channel: "google_spend", spendShare: 0.5, effectShare: 0.4, roi: 1 }]),
    [
      { channel: "google_spend", spendShare: 0.5, effectShare: 0.4, roi: 1, label: "Google" },
    ],
  );
});
