/**
 * allocateNational against the continuous knapsack solved by hand, against exhaustive search over the
 * vertices of the feasible set (a linear programme's optimum is at a vertex), its KKT certificate, and the
 * recommendation and sentence rules of national_sentences.ts, every branch.
 */
import {
  allocateNational,
  type NationalAllocation,
  type NationalChannelRates,
  nationalMoveSentences,
  nationalRecommendation,
  type NationalResponseModel,
  planOptimalityText,
  relativeMoveSentence,
  responseIntervalsSentence,
  splitSentence,
} from "../../lib/optimize/mod.ts";
import { assert, assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import { xoshiro128ss } from "../../lib/stats/random.ts";
import { targetFormat } from "../../lib/plot/format.ts";

function channel(
  name: string,
  kind: NationalChannelRates["kind"],
  spend: number,
  roi: number,
  induced: number,
  reps: number[] = [roi, roi],
  inducedReps: number[] = reps.map(() => induced),
): NationalChannelRates {
  const r = Float64Array.from(reps);
  return {
    channel: name,
    kind,
    weekly: new Float64Array([spend]),
    spend,
    roi,
    directRoi: roi,
    indirectRoi: 0,
    induced,
    longRun: roi,
    longRunInduced: induced,
    roiReplicates: r,
    inducedReplicates: Float64Array.from(inducedReps),
    longRunReplicates: r,
    longRunInducedReplicates: Float64Array.from(inducedReps),
  };
}

function model(channels: NationalChannelRates[]): NationalResponseModel {
  return {
    kind: "two-stage",
    channels,
    replicates: channels[0].roiReplicates.length,
    level: 0.95,
    source: "bootstrap, transforms fixed",
    gate: null,
    dates: [],
    sentence: "",
  };
}

Deno.test("net basis: filled in order of ROI per budget dollar, one interior channel, certificate holds", () => {
  // per budget dollar: a 2/(1+1) = 1, b 0.9, c 3 → c to its upper bound, then a, b to its lower bound
  const m = model([
    channel("a", "social", 100, 2, 1),
    channel("b", "social", 100, 0.9, 0),
    channel("c", "search", 100, 3, 0),
  ]);
  const r = allocateNational(m, { bounds: { min: 0.5, max: 1.5 } });
  // budget = 2·100 + 100 + 100 = 400; the lower bounds cost 2·50 + 50 + 50 = 200; c rises from 50 to 150
  // (cost 100); a takes the remaining 100 of budget, 50 dollars at 2 per dollar: a = 100 (interior)
  assertEquals(r.cost, "net");
  assertRelClose(r.budget, 400, 1e-12);
  assertEquals(r.rows.map((x) => x.recommendedSpend), [100, 50, 150]);
  assertEquals(r.rows.map((x) => x.bound), [null, "lower", "upper"]);
  assertRelClose(r.certificate.multiplier, 1, 1e-12);
  assert(r.certificate.holds);
  assertEquals(r.certificate.interior, ["a"]);
  // gain = 2·0 − 0.9·50 + 3·50 = 105
  assertRelClose(r.gain, 105, 1e-12);
  assertEquals(r.verdict, "positive");
  // social share of spend: today 200/300, at the optimum 150/300
  assertRelClose(r.split!.socialNow, 2 / 3, 1e-12);
  assertRelClose(r.split!.socialRecommended, 0.5, 1e-12);
});

Deno.test("gross basis ignores induced search: a is filled at 2 per dollar, so b gets nothing above its bound", () => {
  const m = model([
    channel("a", "social", 100, 2, 1),
    channel("b", "social", 100, 0.9, 0),
    channel("c", "search", 100, 3, 0),
  ]);
  const r = allocateNational(m, { bounds: { min: 0.5, max: 1.5 }, cost: "gross" });
  // budget 300; the lower bounds cost 150; c rises by 100, a takes the last 50: a = 100 (interior at λ = 2)
  assertEquals(r.cost, "gross");
  assertEquals(r.rows.map((x) => x.recommendedSpend), [100, 50, 150]);
  assertRelClose(r.certificate.multiplier, 2, 1e-12);
  assertEquals(r.certificate.atUpper, ["c"]);
  assertEquals(r.certificate.interior, ["a"]);
});

Deno.test("the optimum beats every vertex of the feasible set (exhaustive, random instances)", () => {
  const next = xoshiro128ss(11);
  const u = () => next() / 2 ** 32;
  for (let trial = 0; trial < 50; trial++) {
    const k = 2 + Math.floor(u() * 4);
    const chs = Array.from(
      { length: k },
      (_, j) =>
        channel(
          `c${j}`,
          j === k - 1 ? "search" : "social",
          50 + 200 * u(),
          3 * u() - 0.5,
          j === k - 1 ? 0 : u(),
        ),
    );
    const m = model(chs);
    const lo = 0.6, hi = 1.4;
    const r = allocateNational(m, { bounds: { min: lo, max: hi } });
    assert(r.certificate.holds, r.certificate.sentence);
    const cost = chs.map((c) => 1 + c.induced);
    const B = chs.reduce((s, c, j) => s + cost[j] * c.spend, 0);
    let best = -Infinity;
    // vertices: every channel at a bound except one, which absorbs the budget if it can
    for (let free = 0; free < k; free++) {
      for (let mask = 0; mask < 1 << k; mask++) {
        const x = chs.map((c, j) => ((mask >> j) & 1 ? hi : lo) * c.spend);
        const rest = B - x.reduce((s, v, j) => (j === free ? s : s + cost[j] * v), 0);
        const xf = rest / cost[free];
        if (xf < lo * chs[free].spend - 1e-9 || xf > hi * chs[free].spend + 1e-9) continue;
        x[free] = xf;
        best = Math.max(best, x.reduce((s, v, j) => s + chs[j].roi * v, 0));
      }
    }
    const got = r.rows.reduce((s, row, j) => s + chs[j].roi * row.recommendedSpend, 0);
    assertRelClose(got, best, 1e-9);
  }
});

Deno.test("gain interval from replicates; a replicate with non-positive net cost is left out of the split", () => {
  const m = model([
    channel("a", "social", 100, 2, 0.5, [1, 2, 3, 4], [0.5, 0.5, -1.5, 0.5]),
    channel("g", "search", 100, 1, 0, [1, 1, 1, 1]),
  ]);
  const r = allocateNational(m, { bounds: { min: 0.5, max: 1.5 } });
  assertEquals(r.split!.used, 3);
  assert(r.gainLower <= r.gain && r.gain <= r.gainUpper);
  assertThrows(() => allocateNational(m, { bounds: { min: 1.2, max: 1.5 } }), RangeError);
});

Deno.test("a social channel that removes more search than it costs falls back to the gross basis, said so", () => {
  const m = model([channel("a", "social", 100, 2, -1.2), channel("g", "search", 100, 1, 0)]);
  const r = allocateNational(m);
  assertEquals(r.cost, "gross");
  assert(r.costNote.includes("a"));
});

const passed = {
  passed: true,
  reason: "ok",
  rule: "",
  checks: [],
  folds: 3,
  mean: 0.5,
  sd: 0.1,
  lowerBound: 0.3,
} as never;
const failed = { ...(passed as object), passed: false, reason: "The gate fails." } as never;
const plausible = { verdict: "plausible" as const, sentence: "fine" };

Deno.test("nationalRecommendation: every branch, first failing reason wins", () => {
  const good = allocateNational(model([
    channel("a", "social", 100, 2, 0, [2, 2.1]),
    channel("g", "search", 100, 1, 0, [1, 1]),
  ]));
  assertEquals(good.verdict, "positive");
  const ok = nationalRecommendation(passed, plausible, good);
  assert(ok.shown && ok.optimumShown && ok.reason === "");
  const noGate = nationalRecommendation(failed, plausible, good);
  assert(!noGate.shown && !noGate.optimumShown && noGate.reason === "The gate fails.");
  const noCv = nationalRecommendation(null, plausible, good);
  assert(!noCv.optimumShown && noCv.reason.includes("cross-validated"));
  const odd = nationalRecommendation(passed, { verdict: "implausible", sentence: "too big" }, good);
  assert(!odd.shown && odd.optimumShown && odd.reason.includes("too big"));
  const unsure = allocateNational(model([
    channel("a", "social", 100, 2, 0, [-5, 9]),
    channel("g", "search", 100, 1, 0, [1, 1]),
  ]));
  const u = nationalRecommendation(passed, plausible, unsure);
  assert(!u.shown && u.optimumShown && u.reason.includes("not distinguishable from zero"));
});

Deno.test("relativeMoveSentence reconciles 'does not pay back' with 'increase', sign-aware", () => {
  const below = { estimate: 0.5, lower: 0.2, upper: 0.8 };
  assert(
    relativeMoveSentence("TikTok", below, 0.3, true).includes("the move is relative, within the same budget"),
  );
  assert(relativeMoveSentence("TikTok", below, 0.3, true).includes("below break-even"));
  const above = { estimate: 3, lower: 1.5, upper: 4.5 };
  assert(relativeMoveSentence("Google", above, -0.3, true).includes("pays back on average"));
  assert(relativeMoveSentence("Google", above, -0.3, true).includes("loses 30.0%"));
  // a count target has no break-even at 1: no pay-back words
  assertEquals(
    relativeMoveSentence("TikTok", below, 0.3, false),
    "TikTok gains 30.0% (average ROI 0.5, 95% interval 0.2 to 0.8).",
  );
  assert(relativeMoveSentence("TikTok", below, 0, true).includes("keeps its spend"));
  const marginal = relativeMoveSentence(
    "TV",
    { estimate: 0.8, lower: 0.6, upper: 0.9 },
    0.11,
    true,
    undefined,
    "marginal",
  );
  assert(marginal.includes("at the margin (marginal ROI 0.8") && marginal.includes("relative"), marginal);
});

Deno.test("relativeMoveSentence says 'pays back' only when the interval lies above break-even", () => {
  // the reviewed report: Snapchat ROI 1.22 with interval -1.67 to 2.97 was said to "pay back on average"
  const snap = relativeMoveSentence("Snapchat", { estimate: 1.22, lower: -1.67, upper: 2.97 }, -0.3, true);
  assert(snap.includes("at the point estimate") && snap.includes("includes break-even"), snap);
  assert(!snap.includes("pays back on average ("), snap);
  // an interval straddling 1 with an estimate below 1: not "below break-even"
  const tik = relativeMoveSentence("TikTok", { estimate: 0.48, lower: -0.43, upper: 2.97 }, 0.3, true);
  assert(!tik.includes("below break-even") && tik.includes("at the point estimate"), tik);
  // lower bound exactly 1 is not above break-even
  const edge = relativeMoveSentence("G", { estimate: 2, lower: 1, upper: 3 }, -0.1, true);
  assert(edge.includes("at the point estimate"), edge);
  // a bare number (no interval): never a settled claim
  const bare = relativeMoveSentence("Google", 3, -0.3, true);
  assert(bare.includes("at the point estimate") && bare.includes("no interval given"), bare);
  // a lower ROI that gains but whose interval is above 1: plain words, no break-even claim
  assertEquals(
    relativeMoveSentence("G", { estimate: 2, lower: 1.2, upper: 3 }, 0.1, true),
    "G gains 10.0% (average ROI 2, 95% interval 1.2 to 3).",
  );
});

Deno.test("nationalMoveSentences quotes the net ROI the optimizer ranks under cost 'net'", () => {
  const rows = [
    {
      channel: "fb",
      kind: "social",
      currentSpend: 10,
      recommendedSpend: 9,
      change: -0.1,
      marginalRoi: 1.25,
      bound: null,
    },
  ] as const;
  const curves = [{
    channel: "fb",
    roi: 2.14,
    lower: 0.15,
    upper: 4.8,
    netRoi: 1.25,
    netLower: 0.09,
    netUpper: 2.66,
  }];
  const net = nationalMoveSentences({ cost: "net", rows } as unknown as NationalAllocation, curves, true);
  assertEquals(
    net[0],
    "fb pays back per budget dollar at the point estimate (ROI net of induced search 1.25, 95% interval 0.09 " +
      "to 2.66; the interval includes break-even), yet loses 10.0%: within the same budget other channels " +
      "return more per budget dollar.",
  );
  const gross = nationalMoveSentences({ cost: "gross", rows } as unknown as NationalAllocation, curves, true);
  assert(gross[0].includes("marginal ROI 2.14, 95% interval 0.15 to 4.8"), gross[0]);
  assertThrows(() => nationalMoveSentences({ cost: "net", rows } as unknown as NationalAllocation, [], true));
});

Deno.test("splitSentence says when the interval contains today's split", () => {
  const s = splitSentence({ socialNow: 0.5, socialRecommended: 0.4, lower: 0.35, upper: 0.55, used: 99 });
  assert(s.includes("down to 40.0%") && s.includes("do not settle"), s);
  const t = splitSentence({ socialNow: 0.5, socialRecommended: 0.6, lower: 0.55, upper: 0.65, used: 99 });
  assert(t.includes("up to 60.0%") && !t.includes("do not settle"), t);
});

Deno.test("nationalRecommendation: a gain and its interval share one money scale when the format can", () => {
  const base = allocateNational(model([
    channel("a", "social", 100, 2, 0, [-5, 9]),
    channel("g", "search", 100, 1, 0, [1, 1]),
  ]));
  const mixed = {
    ...base,
    gain: 1.54e6,
    gainLower: -430_205,
    gainUpper: 2.95e6,
    verdict: "not distinguishable from zero" as const,
  };
  const T = targetFormat("currency");
  const words = {
    amount: T.amount,
    amounts: T.amounts,
    ratio: T.ratio,
    pct: (x: number) => `${x}`,
    label: (c: string) => c,
  };
  const r = nationalRecommendation(passed, plausible, mixed, words);
  assert(r.reason.includes("$1.54M (95% interval −$0.43M to $2.95M)"), r.reason);
  // without `amounts` each amount keeps its own scale
  const alone = nationalRecommendation(passed, plausible, mixed, { ...words, amounts: undefined });
  assert(alone.reason.includes("−$430,205 to $2.95M"), alone.reason);
});

Deno.test("responseIntervalsSentence: replicates fitted of those drawn, or the single-stage model's coefficient draws", () => {
  const m = model([channel("a", "social", 100, 2, 0, [1, 2, 3])]);
  const boot = responseIntervalsSentence({ ...m, source: "bootstrap, transforms re-chosen" }, 5);
  assertEquals(boot.unit, "bootstrap replicates");
  assert(boot.sentence.includes("over the 3 of 5 bootstrap replicates"), boot.sentence);
  assert(boot.sentence.includes("2 had a rank-deficient design"), boot.sentence);
  assert(
    responseIntervalsSentence(m, 3).sentence.includes("over the 3 bootstrap replicates that were drawn"),
  );
  const draws = responseIntervalsSentence({ ...m, kind: "single-stage", source: "coefficient draws" }, 999);
  assertEquals(draws.unit, "coefficient draws");
  assert(
    draws.sentence.includes("Krinsky–Robb") && !draws.sentence.includes("bootstrap replicates"),
    draws.sentence,
  );
});

Deno.test("planOptimalityText: exact for a linear model, else the gap and the steps", () => {
  assertEquals(planOptimalityText({ iterations: 0, gap: 0 }), "solved exactly (linear model)");
  assertEquals(
    planOptimalityText({ iterations: 12, gap: 0.000034 }),
    "marginal returns of the (channel, week) cells not at a bound equal within a relative 3.4e-5 after 12 ascent steps",
  );
});
