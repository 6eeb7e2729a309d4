/**
 * Notebook 04's view (lib/pipeline/national_view.ts, national_view_effects.ts, national_view_price.ts): each
 * sentence and row on small hand-built results, every branch (two-stage or single-stage, with or without a
 * bootstrap or a truth, positive, negative and zero-straddling intervals).
 */
import { assert, assertEquals } from "../assert.ts";
import type { Truth } from "../../lib/data/truth_schema.ts";
import type { SignVerdict } from "../../lib/evaluate/verdicts.ts";
import {
  elasticitySentence,
  mediationBullets,
  mediationRows,
  mediatorResults,
  mediatorSentence,
  outcomeFitResults,
  outcomeFitSentence,
  outcomeModelSentence,
  outcomeSkipReason,
  outcomeVerdictWords,
  perDollarRows,
  type PriceInput,
  priceResults,
  priceTableRows,
  promotionResults,
  promotionSentence,
  socialEffectChartRows,
  socialEffectRows,
  socialEffectsTruthSentence,
  waldClause,
} from "../../lib/pipeline/national_view.ts";
import type { NationalInterval, NationalMediation } from "../../lib/pipeline/national_types.ts";

const two = (x: number) => (Number.isNaN(x) ? "n/a" : x.toFixed(2));
const words = { ratio: two, label: (c: string) => c.toUpperCase(), text: (s: string) => `[${s}]` };

const verdictOf = (lower: number, upper: number): SignVerdict | null =>
  Number.isNaN(lower)
    ? null
    : lower > 0
    ? "positive"
    : upper < 0
    ? "negative"
    : "not distinguishable from zero";
const interval = (estimate: number, lower: number, upper: number): NationalInterval => ({
  estimate,
  lower,
  upper,
  shareNonPositive: Number.isNaN(lower) ? NaN : 0.1,
  verdict: verdictOf(lower, upper),
});

/** The fields of a truth the views read; the rest of `Truth` is not needed here. */
const truth = {
  weekly: {
    stage2: { google: 0.75 },
    priceElasticityAtMeans: -1.2,
    promotionLift: { absolute: 5000, percentOfMeanRevenue: 4 },
    contributions: {
      social: { facebook: { indirectPerDollarLongRun: 0.5, directPerDollarLongRun: 0.25, roi: 1.1 } },
      google: { roi: 2.2 },
    },
    adstock: { facebook: { theta: 0.4 }, google: { theta: 0.3 } },
  },
} as unknown as Truth;

Deno.test("outcomeVerdictWords and outcomeSkipReason", () => {
  assertEquals(outcomeVerdictWords({ verdict: "positive" }), "positive");
  assertEquals(outcomeVerdictWords({ verdict: null }), "no interval");
  const national = { skipped: [{ section: "importance", reason: "Too few weeks." }] } as const;
  assertEquals(outcomeSkipReason(national, "importance"), "Too few weeks.");
  assertEquals(outcomeSkipReason(national, "promotion lift"), undefined);
});

Deno.test("outcomeFitSentence: the model, the weeks left out (singular or plural) and the bootstrap", () => {
  const boot = { reps: 999, failed: 3, circular: true, blockLength: 8 };
  assertEquals(
    outcomeFitSentence({ model: "two-stage", weeks: 104 }, { rows: new Int32Array(103), bootstrap: boot }),
    "Fitted both stages on 103 of 104 weeks (1 anomalous week left out); 996 of 999 bootstrap replicates " +
      "usable (circular blocks of 8 weeks).",
  );
  assertEquals(
    outcomeFitSentence(
      { model: "single-stage", weeks: 52 },
      { rows: new Int32Array(50), bootstrap: { ...boot, circular: false, failed: 0 } },
    ),
    "Fitted the single-stage model on 50 of 52 weeks (2 anomalous weeks left out); 999 of 999 bootstrap " +
      "replicates usable (blocks of 8 weeks).",
  );
  assertEquals(
    outcomeFitSentence({ model: "single-stage", weeks: 52 }, { rows: new Int32Array(52), bootstrap: null }),
    "Fitted the single-stage model on 52 of 52 weeks (0 anomalous weeks left out).",
  );
});

Deno.test("outcomeModelSentence names the mediator only in the two-stage model", () => {
  assertEquals(
    outcomeModelSentence({ model: "two-stage", roles: { target: "sales", mediator: "g" } }, words.label),
    "Stage 2 of the two-stage model: sales on the social-driven and the other part of G, the direct paths " +
      "and the controls.",
  );
  const single = outcomeModelSentence({ model: "single-stage", roles: { target: "sales" } }, words.label);
  assertEquals(
    single,
    "The single-stage model: sales on the media and direct channels and the controls (no mediation is modelled).",
  );
});

Deno.test("outcomeFitResults copies the regression's terms, coefficients, errors, p-values and R²", () => {
  const ols = {
    terms: ["const", "x"],
    coef: new Float64Array([1, 2]),
    bse: new Float64Array([0.1, 0.2]),
    pvalues: new Float64Array([0.01, 0.5]),
    stats: { rsquared: 0.8 },
  };
  // deno-lint-ignore no-explicit-any
  const r = outcomeFitResults({ ols: ols as any });
  assertEquals(r, { terms: ols.terms, coef: ols.coef, bse: ols.bse, pvalues: ols.pvalues, rsquared: 0.8 });
});

const effect = (channel: string, effect: "indirect" | "direct" | "total", lo: number, hi: number) => ({
  ...interval((lo + hi) / 2, lo, hi),
  channel,
  effect,
});

Deno.test("socialEffectRows: sign words and the truth per path (NaN without one)", () => {
  const mediation = {
    socialEffects: [
      effect("facebook_spend", "indirect", 0.2, 0.8),
      effect("facebook_spend", "direct", -0.5, -0.1),
      effect("facebook_spend", "total", -0.2, 0.9),
      effect("tiktok_spend", "indirect", NaN, NaN),
    ],
  };
  const rows = socialEffectRows(mediation, truth);
  assertEquals(rows.map((r) => r.sign), [
    "positive",
    "negative",
    "not distinguishable from zero",
    "no interval",
  ]);
  assertEquals(rows.map((r) => r.truth), [0.5, 0.25, 0.75, NaN]);
  assert(socialEffectRows(mediation).every((r) => Number.isNaN(r.truth)), "no truth: NaN");
  assertEquals(Object.keys(rows[0]), [
    "channel",
    "effect",
    "estimate",
    "lower",
    "upper",
    "shareNonPositive",
    "sign",
    "truth",
  ]);
  const chart = socialEffectChartRows(rows, true);
  assertEquals(chart[0], { label: "Facebook · indirect", estimate: 0.5, lower: 0.2, upper: 0.8, truth: 0.5 });
  assertEquals(socialEffectChartRows(rows, false)[0].truth, undefined);
  const s = socialEffectsTruthSentence(rows, two);
  assert(s.startsWith("The 95% intervals cover the true value for 2 of 3 effects."), s);
  assert(s.includes("Missed: Facebook direct (estimate -0.30"), s);
});

Deno.test("perDollarRows: one row per media channel with its sign words", () => {
  const perDollar = [
    { ...interval(0.4, 0.1, 0.7), channel: "tv_spend" },
    { ...interval(-0.1, -0.3, 0.2), channel: "radio_spend" },
  ];
  assertEquals(perDollarRows({ perDollar }), [
    { channel: "tv_spend", perDollar: 0.4, lower: 0.1, upper: 0.7, sign: "positive" },
    {
      channel: "radio_spend",
      perDollar: -0.1,
      lower: -0.3,
      upper: 0.2,
      sign: "not distinguishable from zero",
    },
  ]);
});

const verdict = (channel: string, kind: NationalMediation["verdicts"][number]["kind"]) => ({
  channel,
  indirect: 0.5,
  indirectLower: 0.1,
  indirectUpper: 0.9,
  sobelPValue: 0.01,
  direct: 0.2,
  directLower: -0.1,
  directUpper: 0.5,
  kind,
  sentence: `${channel}: ${kind ?? "no verdict"}.`,
});

Deno.test("mediationRows and mediationBullets", () => {
  const mediation = { verdicts: [verdict("a_spend", "complete mediation"), verdict("b_spend", null)] };
  const rows = mediationRows(mediation);
  assertEquals(rows.map((r) => r.kind), ["complete mediation", "no interval"]);
  assertEquals(rows[0], {
    channel: "a_spend",
    indirect: 0.5,
    sobelP: 0.01,
    indirectLower: 0.1,
    indirectUpper: 0.9,
    direct: 0.2,
    directLower: -0.1,
    directUpper: 0.5,
    kind: "complete mediation",
  });
  assertEquals(
    mediationBullets(mediation, words.text),
    "- [a_spend: complete mediation.]\n- [b_spend: no verdict.]",
  );
});

Deno.test("waldClause: p below 0.001, p as three decimals, and a test that could not be computed", () => {
  assertEquals(waldClause(25, 0.0001, two), "F = 25.00, p < 0.001");
  assertEquals(waldClause(1.5, 0.2346, two), "F = 1.50, p = 0.235");
  assertEquals(waldClause(NaN, NaN, two), "F = n/a, p = n/a");
});

const mediator = (b: NationalInterval, bResidual: NationalInterval, waldP = 0.04) => ({
  mediator: { channel: "google_spend", b, bResidual, waldF: 4.2, waldP, sentence: "google_spend differs." },
});

Deno.test("mediatorSentence: both parts with their sign words, the truth when known, the test", () => {
  const s = mediatorSentence(
    mediator(interval(1, 0.5, 1.5), interval(-0.4, -0.8, -0.1)),
    "sales",
    truth,
    words,
  );
  assertEquals(
    s,
    "The social-driven part of GOOGLE_SPEND returns **1.00** sales per adstocked dollar (95% interval 0.50 to " +
      "1.50: positive; true 0.75), the rest of GOOGLE_SPEND -0.40 (-0.80 to -0.10: negative). The Wald test of " +
      "equal effects gives F = 4.20, p = 0.040. [google_spend differs.]",
  );
  const straddles = mediatorSentence(
    mediator(interval(0.2, -0.3, 0.7), interval(NaN, NaN, NaN), 0.0002),
    "sales",
    undefined,
    words,
  );
  assert(straddles.includes("(95% interval -0.30 to 0.70: not distinguishable from zero),"), straddles);
  assert(straddles.includes("(n/a to n/a: no interval)"), straddles);
  assert(straddles.includes("p < 0.001"), straddles);
  assert(!straddles.includes("true"), "no truth quoted without one");
  const m = mediator(interval(1, 0.5, 1.5), interval(2, 1, 3));
  assertEquals(mediatorResults(m), {
    channel: "google_spend",
    b: m.mediator.b,
    bResidual: m.mediator.bResidual,
    waldF: 4.2,
    waldP: 0.04,
  });
});

const priceFormat = {
  ratio: two,
  amount: (x: number) => `$${x.toFixed(0)}`,
  share: (x: number) => `${(100 * x).toFixed(1)}%`,
  label: (c: string) => c.replace("_", " "),
  text: (s: string) => s.replace("average_price", "average price"),
};
const elasticity = (lo: number, hi: number) => ({
  ...interval((lo + hi) / 2, lo, hi),
  column: "average_price",
  meaning: "sales fall as average_price rises",
});
const promotion = (lo: number, hi: number, percent: number) => ({
  ...interval((lo + hi) / 2, lo, hi),
  column: "promo_flag",
  percent,
  percentLower: percent - 1,
  percentUpper: percent + 1,
});
const priceInput = (
  outcome: PriceInput["outcome"],
  skipped: PriceInput["skipped"] = [],
): PriceInput => ({ outcome, skipped, roles: { target: "sales" } });

Deno.test("priceResults and promotionResults: the estimates with the truth, or the skip reason", () => {
  const both = priceInput({ elasticity: elasticity(-2, -1), promotion: promotion(100, 300, 5) });
  assertEquals(priceResults(both, truth), {
    column: "average_price",
    elasticity: -1.5,
    lower: -2,
    upper: -1,
    truth: -1.2,
  });
  assertEquals(priceResults(both), {
    column: "average_price",
    elasticity: -1.5,
    lower: -2,
    upper: -1,
    truth: null,
  });
  assertEquals(promotionResults(both, truth), {
    column: "promo_flag",
    lift: 200,
    lower: 100,
    upper: 300,
    percent: 5,
    percentLower: 4,
    percentUpper: 6,
    truth: 5000,
  });
  const none = priceInput({ elasticity: null, promotion: null }, [
    { section: "price elasticity", reason: "No price column." },
  ]);
  assertEquals(priceResults(none), { skipped: "No price column." });
  assertEquals(promotionResults(none), { skipped: undefined });
  assertEquals(promotionResults(priceInput(null)), { skipped: undefined });
});

Deno.test("priceTableRows: each row in its unit, the percentage row only when defined, truth only with one", () => {
  const both = priceInput({ elasticity: elasticity(-2, -1), promotion: promotion(100, 300, 5) });
  assertEquals(priceTableRows(both, truth, priceFormat), [
    {
      quantity: "price elasticity of sales at the means (% per 1% of price)",
      estimate: "-1.50",
      lower: "-2.00",
      upper: "-1.00",
      truth: "-1.20",
    },
    {
      quantity: "promotion lift (sales per promotion week)",
      estimate: "$200",
      lower: "$100",
      upper: "$300",
      truth: "$5000",
    },
    {
      quantity: "promotion lift, % of mean weekly sales",
      estimate: "5.0%",
      lower: "4.0%",
      upper: "6.0%",
      truth: "4.0%",
    },
  ]);
  const noPercent = priceInput({ elasticity: null, promotion: promotion(100, 300, NaN) });
  const rows = priceTableRows(noPercent, undefined, priceFormat);
  assertEquals(rows.length, 1);
  assert(!("truth" in rows[0]), "no truth column without a truth");
  assertEquals(priceTableRows(priceInput(null), undefined, priceFormat), []);
});

Deno.test("elasticitySentence and promotionSentence: every branch", () => {
  const both = priceInput({ elasticity: elasticity(-2, -1), promotion: promotion(100, 300, 5) });
  assertEquals(
    elasticitySentence(both, priceFormat),
    "A 1% higher average price goes with a **-1.50%** change in sales (95% interval -2.00% to -1.00%): sales " +
      "fall as average price rises.",
  );
  assertEquals(
    promotionSentence(both, priceFormat),
    "A promotion week changes sales by $200 (95% interval $100 to $300: positive), 5.0% of mean weekly sales.",
  );
  const straddles = priceInput({ elasticity: null, promotion: promotion(-100, 300, NaN) });
  assertEquals(
    promotionSentence(straddles, priceFormat),
    "A promotion week changes sales by $100 (95% interval $-100 to $300: not distinguishable from zero).",
  );
  const negative = priceInput({ elasticity: null, promotion: promotion(-300, -100, -5) });
  assert(promotionSentence(negative, priceFormat).includes(": negative), -5.0% of mean weekly sales."));
  const skipped = priceInput({ elasticity: null, promotion: null }, [
    { section: "price elasticity", reason: "average_price is constant." },
    { section: "promotion lift", reason: "promo_flag is never on." },
  ]);
  assertEquals(elasticitySentence(skipped, priceFormat), "average_price is constant.");
  assertEquals(promotionSentence(skipped, priceFormat), "promo_flag is never on.");
  assertEquals(elasticitySentence(priceInput(null), priceFormat), "No price elasticity.");
  assertEquals(promotionSentence(priceInput(null), priceFormat), "No promotion lift.");
});
