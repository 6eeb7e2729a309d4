import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";
import {
  contributionPlausibility,
  correlationStrength,
  DEFAULT_MIN_SKILL,
  evidenceGate,
  gateChecksSentence,
  intervalSentence,
  mediationVerdict,
  signVerdict,
} from "../../lib/evaluate/verdicts.ts";

Deno.test("signVerdict: all three branches, and a bound exactly at zero is not distinguishable", () => {
  assertEquals(signVerdict(1.2, 3.4), "positive");
  assertEquals(signVerdict(-3.4, -1.2), "negative");
  assertEquals(signVerdict(-0.5, 1.2), "not distinguishable from zero");
  assertEquals(signVerdict(0, 3.4), "not distinguishable from zero");
  assertEquals(signVerdict(-3.4, 0), "not distinguishable from zero");
  assertEquals(signVerdict(0, 0), "not distinguishable from zero");
  assertEquals(signVerdict(2, 2), "positive");
});

Deno.test("signVerdict rejects an empty or NaN interval", () => {
  assertThrows(() => signVerdict(2, 1), RangeError, "empty");
  assertThrows(() => signVerdict(NaN, 1), RangeError, "empty");
  assertThrows(() => signVerdict(0, NaN), RangeError, "empty");
});

Deno.test("intervalSentence: an interval wholly below zero is negative, never 'includes zero'", () => {
  assertEquals(intervalSentence(1.2, 3.4), "positive (95% interval 1.2 to 3.4)");
  assertEquals(intervalSentence(-3.4, -1.2), "negative (95% interval −3.4 to −1.2)");
  assertEquals(
    intervalSentence(-0.5, 1.2, { estimate: 0.3, level: 0.9 }),
    "0.3, not distinguishable from zero (90% interval −0.5 to 1.2)",
  );
  assertEquals(intervalSentence(1, 2, { format: (x) => `$${x}` }), "positive (95% interval $1 to $2)");
  assertThrows(() => intervalSentence(1, 2, { level: 95 }), RangeError, "level");
});

Deno.test("correlationStrength: magnitude by |r| at Cohen's cut points, with the sign", () => {
  const cases: [number, string, string][] = [
    [0, "negligible", "negligible"],
    [-0.04, "negligible", "negligible"],
    [0.0999, "negligible", "negligible"],
    [0.1, "weak", "weak positive"],
    [-0.29, "weak", "weak negative"],
    [0.3, "moderate", "moderate positive"],
    [-0.49, "moderate", "moderate negative"],
    [0.5, "strong", "strong positive"],
    [-0.62, "strong", "strong negative"],
    [0.7, "very strong", "very strong positive"],
    [-1, "very strong", "very strong negative"],
  ];
  for (const [r, magnitude, phrase] of cases) {
    const s = correlationStrength(r);
    assertEquals([s.magnitude, s.phrase], [magnitude, phrase], `r = ${r}`);
  }
  assertEquals(correlationStrength(-0.04).direction, "none");
  assertEquals(correlationStrength(1 + 1e-12).magnitude, "very strong");
  assertThrows(() => correlationStrength(NaN), RangeError);
  assertThrows(() => correlationStrength(1.2), RangeError);
});

const est = (estimate: number, lower: number, upper: number) => ({ estimate, lower, upper });

Deno.test("mediationVerdict: every kind of Zhao, Lynch & Chen's typology", () => {
  const pos = est(0.8, 0.3, 1.3), neg = est(-0.6, -1.1, -0.1), zero = est(0.1, -0.2, 0.4);
  const kinds: [ReturnType<typeof est>, ReturnType<typeof est>, string][] = [
    [pos, zero, "complete mediation"],
    [neg, zero, "complete mediation"],
    [pos, pos, "complementary partial mediation"],
    [neg, neg, "complementary partial mediation"],
    [pos, neg, "competitive mediation"],
    [neg, pos, "competitive mediation"],
    [zero, pos, "direct effect only"],
    [zero, neg, "direct effect only"],
    [zero, zero, "no effect detected"],
  ];
  for (const [indirect, direct, kind] of kinds) {
    assertEquals(
      mediationVerdict({ indirect, direct }).kind,
      kind,
      `${indirect.estimate}/${direct.estimate}`,
    );
  }
  assertEquals(mediationVerdict({ indirect: pos }).kind, "mediation, direct path not modelled");
  assertEquals(mediationVerdict({ indirect: zero, direct: null }).kind, "no effect detected");
});

Deno.test("mediationVerdict: neither path detected but the total is: 'total effect only', never 'no effect'", () => {
  const zero = est(0.9, -0.4, 2.1), total = est(1.95, 0.56, 5.61);
  const v = mediationVerdict({ indirect: zero, direct: zero, total }, { mediator: "search" });
  assertEquals(v.kind, "total effect only");
  assert(v.sentence.includes("the total effect is positive"), v.sentence);
  assert(!v.sentence.toLowerCase().includes("no effect"), v.sentence);
  // a total that includes zero too: no effect detected
  assertEquals(
    mediationVerdict({ indirect: zero, direct: zero, total: est(1, -0.1, 2) }).kind,
    "no effect detected",
  );
  // the total does not override a detected path
  assertEquals(
    mediationVerdict({ indirect: zero, direct: est(1, 0.5, 1.5), total }).kind,
    "direct effect only",
  );
});

Deno.test("mediationVerdict: a significantly negative direct effect is never complete mediation", () => {
  const v = mediationVerdict({ indirect: est(0.8, 0.3, 1.3), direct: est(-0.6, -1.1, -0.1) }, {
    mediator: "search",
  });
  assertEquals([v.kind, v.indirect, v.direct], ["competitive mediation", "positive", "negative"]);
  assertEquals(
    v.sentence,
    "Competitive mediation: the effect through search is 0.8, positive (95% interval 0.3 to 1.3), and the direct " +
      "effect is −0.6, negative (95% interval −1.1 to −0.1); the paths have opposite signs (through the mediator " +
      "positive, direct negative), so they partly offset each other.",
  );
  // A direct interval touching zero is not distinguishable: complete mediation.
  assertEquals(
    mediationVerdict({ indirect: est(0.8, 0.3, 1.3), direct: est(-0.6, -1.1, 0) }).kind,
    "complete mediation",
  );
  assertThrows(() => mediationVerdict({ indirect: est(1, 2, 0) }), RangeError, "empty");
});

Deno.test("evidenceGate: a within-geo CV R² of 0.06 does not pass, though mean − sd > 0", () => {
  const folds = [0.05, 0.08, 0.04, 0.07];
  // mean 0.06; sd = sqrt(((.01)² + (.02)² + (.02)² + (.01)²) / 3); t(0.95, 3) = 2.353363 (t tables)
  const sd = Math.sqrt(0.001 / 3);
  const g = evidenceGate(folds, { metric: "within-geo R²" });
  assertEquals(g.passed, false);
  assertAlmostEquals(g.mean, 0.06, 1e-12);
  assertAlmostEquals(g.sd, sd, 1e-12);
  assertAlmostEquals(g.lowerBound, 0.06 - 2.353363 * sd / 2, 1e-6);
  assert(g.mean - g.sd > 0, "the old notebook rule would have passed");
  assertEquals(g.checks.map((c) => [c.name, c.passed]), [["folds", true], ["mean skill", false], [
    "lower bound",
    true,
  ]]);
  assertEquals(
    g.reason,
    "The evidence gate fails, so recommendations are withheld: the mean within-geo R² over 4 folds is 0.06, below " +
      "the minimum of 0.2.",
  );
  assert(g.rule.includes("at least 0.2") && g.rule.includes("mean − t(95%, k − 1) · sd / √k"), g.rule);
});

Deno.test("evidenceGate: passes with enough, reliably positive skill; reason states the numbers", () => {
  const g = evidenceGate([0.35, 0.45, 0.40, 0.30, 0.50]);
  // mean 0.4, sd = sqrt(0.025 / 4), t(0.95, 4) = 2.131847
  assertEquals(g.passed, true);
  assertAlmostEquals(g.lowerBound, 0.4 - 2.131847 * Math.sqrt(0.025 / 4) / Math.sqrt(5), 1e-6);
  assert(
    g.reason.startsWith("The evidence gate passes: the mean out-of-sample R² over 5 folds is 0.4"),
    g.reason,
  );
  assert(g.reason.includes("is 0.325, above zero"), g.reason);
});

Deno.test("evidenceGate: a high but unstable mean fails the lower bound", () => {
  const g = evidenceGate([0.9, -0.3, 0.6]);
  // mean 0.4, sd = sqrt(0.78 / 2), t(0.95, 2) = 2.919986
  assertAlmostEquals(g.lowerBound, 0.4 - 2.919986 * Math.sqrt(0.39) / Math.sqrt(3), 1e-6);
  assertEquals(g.checks.map((c) => c.passed), [true, true, false]);
  assertEquals(g.passed, false);
  assert(g.reason.includes("not above zero"), g.reason);
});

Deno.test("evidenceGate: the holdout and the joint media test, when given, must pass too", () => {
  const folds = [0.35, 0.45, 0.40, 0.30, 0.50];
  assertEquals(evidenceGate(folds, { holdout: 0.25 }).passed, true);
  const h = evidenceGate(folds, { holdout: 0.1 });
  assertEquals([h.passed, h.checks.find((c) => c.name === "holdout")!.passed], [false, false]);
  assert(h.reason.includes("the holdout out-of-sample R² is 0.1, below the minimum of 0.2"), h.reason);
  assert(h.rule.includes("holdout"), h.rule);
  assertEquals(evidenceGate(folds, { mediaJointPValue: 0.01 }).passed, true);
  const m = evidenceGate(folds, { mediaJointPValue: 0.2 });
  assertEquals(m.passed, false);
  assert(m.reason.includes("p = 0.200, not below 0.05"), m.reason);
  const tiny = evidenceGate(folds, { mediaJointPValue: 1e-5 });
  assert(tiny.reason.includes("gives p < 0.001, below 0.05"), tiny.reason);
  assertEquals(evidenceGate(folds, { mediaJointPValue: 0.05 }).passed, false);
  assertEquals(evidenceGate([0.19, 0.21], { minSkill: 0.2 }).passed, true); // mean exactly 0.2 passes
  assertEquals(evidenceGate(folds, { minSkill: 0.45 }).passed, false);
  assertEquals(DEFAULT_MIN_SKILL, 0.2);
});

Deno.test("evidenceGate: one fold cannot pass; bad input throws", () => {
  const g = evidenceGate([0.9]);
  assertEquals([g.passed, g.checks[0].name, g.checks[0].passed, Number.isNaN(g.lowerBound)], [
    false,
    "folds",
    false,
    true,
  ]);
  assert(g.reason.includes("only 1 fold"), g.reason);
  assertThrows(() => evidenceGate([]), RangeError, "at least one");
  assertThrows(() => evidenceGate([0.2, NaN]), RangeError, "fold score 1");
  assertThrows(() => evidenceGate([0.2, 0.3], { level: 0.4 }), RangeError, "level");
  assertThrows(() => evidenceGate([0.2, 0.3], { holdout: Infinity }), RangeError, "holdout");
  assertThrows(() => evidenceGate([0.2, 0.3], { mediaJointPValue: 2 }), RangeError, "mediaJointPValue");
});

Deno.test("contributionPlausibility: a channel above the modelled total, media above it, negative paid media", () => {
  const big = contributionPlausibility([{ channel: "tv", contribution: 3.6e6 }], 1e6, { target: "revenue" });
  assertEquals(big.verdict, "implausible");
  assertEquals(big.flags.map((f) => [f.kind, f.channel, f.shareOfTotal]), [[
    "exceeds modelled total",
    "tv",
    3.6,
  ]]);
  assert(
    big.flags[0].sentence.includes("is 3.6× the modelled total of revenue (1,000,000)"),
    big.flags[0].sentence,
  );

  const sum = contributionPlausibility(
    [{ channel: "tv", contribution: 600 }, { channel: "search", contribution: 500 }],
    1000,
  );
  assertEquals(sum.flags.map((f) => [f.kind, f.channel]), [["media exceed modelled total", null]]);
  assertAlmostEquals(sum.flags[0].shareOfTotal, 1.1, 1e-12);
  assertEquals(sum.totalContribution, 1100);

  const neg = contributionPlausibility(
    [{ channel: "tv", contribution: -50 }, { channel: "price", contribution: -200 }, {
      channel: "search",
      contribution: 300,
    }],
    1000,
    { paid: ["tv", "search"], format: (x) => `$${x}` },
  );
  assertEquals(neg.flags.map((f) => [f.kind, f.channel]), [["negative paid media", "tv"]]);
  assert(neg.sentence.includes("the contribution of TV is negative ($-50)"), neg.sentence);
});

Deno.test("contributionPlausibility: plausible rows, edges and a non-positive total", () => {
  const ok = contributionPlausibility([{ channel: "tv", contribution: 1000 }, {
    channel: "search",
    contribution: 0,
  }], 1000);
  assertEquals([ok.verdict, ok.flags.length], ["plausible", 0]); // equal to the total is not above it
  assert(ok.sentence.startsWith("No contribution is implausible"), ok.sentence);
  const empty = contributionPlausibility([], 10);
  assertEquals(empty.verdict, "plausible");
  const nonPositive = contributionPlausibility([{ channel: "tv", contribution: 5 }], 0);
  assertEquals(nonPositive.flags.map((f) => f.kind), ["modelled total not positive"]);
  assert(Number.isNaN(nonPositive.flags[0].shareOfTotal));
  assertThrows(() => contributionPlausibility([{ channel: "tv", contribution: NaN }], 10), RangeError, "tv");
  assertThrows(() => contributionPlausibility([], Infinity), RangeError, "modelledTotal");
});

Deno.test("gateChecksSentence: every check but a passed folds check, capitalized; a failed folds check is said", () => {
  const ok = evidenceGate([0.5, 0.6, 0.55, 0.62]);
  const s = gateChecksSentence(ok);
  assertEquals(
    s,
    ok.checks.filter((c) => c.name !== "folds").map((c) => c.sentence).join("; ").replace(
      /^./,
      (x) => x.toUpperCase(),
    ),
  );
  assert(!s.startsWith("4 folds"), s); // the passed folds check ("4 folds") is left out
  const one = evidenceGate([0.5]);
  assert(
    gateChecksSentence(one).toLowerCase().includes(
      one.checks.find((c) => c.name === "folds")!.sentence.toLowerCase(),
    ),
  );
});
