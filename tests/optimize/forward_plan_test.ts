/**
 * The forward plans against closed forms: a linear geo model (every plan dollar returns its long-run rate, so
 * the plan is a knapsack), a concave log1p model of one week (equal marginal returns, as in
 * allocate_budget_test.ts), the carryover of past spend, and the national plan's arithmetic.
 */
import type { MediaModel } from "../../lib/decompose/mod.ts";
import { geoForwardPlan, type NationalChannelRates, nationalForwardPlan } from "../../lib/optimize/mod.ts";
import { ModelError } from "../../lib/errors.ts";
import { assert, assertEquals, assertRelClose, assertThrows } from "../assert.ts";

/** One geo, `weeks` rows, constant spend per channel. */
function panel(weeks: number, spend: Record<string, number>, geos = 1) {
  const n = weeks * geos;
  const columns = Object.fromEntries(
    Object.entries(spend).map(([k, v]) => [k, new Float64Array(n).fill(v)]),
  );
  const keys = Array.from({ length: n }, (_, i) => `g${Math.floor(i / weeks)}`);
  return { n, columns, geos: keys };
}

Deno.test("linear geo model: the best channel fills its upper bound every week, gain = weeks × moved × rate gap", () => {
  const ds = panel(20, { a: 100, b: 100 });
  const model: MediaModel = {
    channels: [
      { name: "a", column: "a", coef: 2, adstock: { type: "geometric", theta: 0.5 } },
      { name: "b", column: "b", coef: 1 },
    ],
  };
  const plan = geoForwardPlan(model, ds, undefined, { weeks: 4, bounds: { min: 0.7, max: 1.3 } });
  for (let w = 0; w < 4; w++) {
    assertRelClose(plan.plan[0][w], 130, 1e-6);
    assertRelClose(plan.plan[1][w], 70, 1e-6);
  }
  // a returns 2 Σ_k 0.5^k over the plan and its tail (10 weeks after it: 0.5^10 < 1e-3), b returns 1
  const rateA = (w: number) => 2 * (1 - 0.5 ** (4 - w + 10)) / 0.5;
  let expected = 0;
  for (let w = 0; w < 4; w++) expected += 30 * rateA(w) - 30 * 1;
  assertRelClose(plan.gain, expected, 1e-9);
  // past spend (100 a week for 20 weeks, adstock state 200·(1 − 0.5^20)) still returns 2·state·Σ_{k≥1} 0.5^k
  const state = 100 * (1 - 0.5 ** 20) / 0.5;
  let carry = 0;
  for (let k = 1; k <= 14; k++) carry += 2 * state * 0.5 ** k;
  assertRelClose(plan.carryover, carry, 1e-9);
  assertEquals(plan.verdict, "positive");
  assertRelClose(plan.budget, 800, 1e-12);
});

Deno.test("log1p, one week, no carryover, wide bounds: equal marginal returns (closed form, 1e-6)", () => {
  const beta = [300, 120], k = [50, 20], x = [40, 90];
  const ds = panel(8, { a: x[0], b: x[1] });
  const model: MediaModel = {
    channels: [
      { name: "a", column: "a", coef: beta[0], saturation: { type: "log1p", scale: k[0] } },
      { name: "b", column: "b", coef: beta[1], saturation: { type: "log1p", scale: k[1] } },
    ],
  };
  const plan = geoForwardPlan(model, ds, undefined, {
    weeks: 1,
    patternWeeks: 8,
    bounds: { min: 0, max: 3 },
  });
  // β_a/(k_a + x_a) = β_b/(k_b + x_b), x_a + x_b = B
  const B = x[0] + x[1];
  const xa = (beta[0] * (B + k[0] + k[1])) / (beta[0] + beta[1]) - k[0];
  assertRelClose(plan.plan[0][0], xa, 1e-6);
  assertRelClose(plan.plan[1][0], B - xa, 1e-6);
  assert(plan.optimality.gap < 1e-6, `gap ${plan.optimality.gap}`);
  assertRelClose(plan.optimality.multiplier, beta[0] / (k[0] + xa), 1e-6);
  assertEquals(plan.carryover, 0);
});

Deno.test("geo shares: a geo's share of the last weeks' spend splits each plan week", () => {
  // two geos, geo 1 spends three times geo 0: the plan's response is that of the split spend
  const weeks = 10;
  const ds = panel(weeks, { a: 1, b: 1 }, 2);
  for (let i = weeks; i < 2 * weeks; i++) {
    ds.columns.a[i] = 3;
    ds.columns.b[i] = 3;
  }
  const model: MediaModel = {
    channels: [
      { name: "a", column: "a", coef: 10, saturation: { type: "log1p", scale: 1 } },
      { name: "b", column: "b", coef: 10, saturation: { type: "log1p", scale: 1 } },
    ],
  };
  const plan = geoForwardPlan(model, ds, undefined, {
    weeks: 1,
    patternWeeks: weeks,
    bounds: { min: 1, max: 1 },
  });
  assertRelClose(plan.held[0], 4, 1e-12);
  assertRelClose(plan.heldResponse, 2 * 10 * (Math.log1p(1) + Math.log1p(3)), 1e-12);
  assertEquals(plan.gain, 0);
});

Deno.test("geo plan input errors name the problem", () => {
  const ds = panel(10, { a: 1 });
  const weibull: MediaModel = {
    channels: [{
      name: "a",
      column: "a",
      coef: 1,
      adstock: { type: "weibull_pdf", shape: 2, scale: 0.3, maxLag: 4 },
    }],
  };
  assertThrows(() => geoForwardPlan(weibull, ds), ModelError, "geometric");
  const linear: MediaModel = { channels: [{ name: "a", column: "a", coef: 1 }] };
  assertThrows(() => geoForwardPlan(linear, { n: 10, columns: ds.columns }), RangeError, "geos");
  assertThrows(() => geoForwardPlan(linear, ds, undefined, { weeks: 0 }), RangeError);
  assertThrows(() => geoForwardPlan(linear, ds, undefined, { bounds: { min: 1.1, max: 2 } }), RangeError);
});

function rates(
  channel: string,
  spend: number[],
  longRun: number,
  induced: number,
  reps: number[],
): NationalChannelRates {
  const r = Float64Array.from(reps);
  return {
    channel,
    kind: induced > 0 ? "social" : "search",
    weekly: Float64Array.from(spend),
    spend: spend.reduce((s, v) => s + v, 0),
    roi: longRun,
    directRoi: longRun,
    indirectRoi: 0,
    induced,
    longRun,
    longRunInduced: induced,
    roiReplicates: r,
    inducedReplicates: r.map(() => induced),
    longRunReplicates: r,
    longRunInducedReplicates: r.map(() => induced),
  };
}

Deno.test("national plan: today's pattern is the mean of the last weeks; the same knapsack every week", () => {
  // s: 0 then 100 a week (mean of the last 2 weeks 100), rate 3 per dollar at cost 1.5 → 2 per budget dollar;
  // g: 100 a week, rate 1. Budget 1.5·100 + 100 = 250; both at their lower bound of 70 cost 175; the other 75
  // go to s (up to 130 would cost 90): s = 70 + 75/1.5 = 120, g stays at 70.
  const model = {
    kind: "two-stage" as const,
    channels: [rates("s", [0, 100, 100], 3, 0.5, [2, 4]), rates("g", [100, 100, 100], 1, 0, [1, 1])],
    replicates: 2,
    level: 0.95,
    source: "bootstrap, transforms fixed" as const,
    gate: null,
    dates: [],
    sentence: "",
  };
  const plan = nationalForwardPlan(model, { weeks: 4, patternWeeks: 2, pastCarryover: 12 });
  assertEquals(plan.held, [100, 100]);
  assertRelClose(plan.plan[0][3], 120, 1e-12);
  assertRelClose(plan.plan[1][0], 70, 1e-12);
  // gain = 4 weeks × (20·3 − 30·1) = 120; replicates: 4 × (20·2 − 30) = 40 and 4 × (20·4 − 30) = 200
  assertRelClose(plan.gain, 120, 1e-12);
  assert(plan.gainLower >= 40 - 1e-9 && plan.gainUpper <= 200 + 1e-9);
  assertEquals(plan.carryover, 12);
  assertRelClose(plan.optimality.multiplier, 2, 1e-12);
});
