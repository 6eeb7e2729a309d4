import { assert, assertEquals, assertRelClose } from "../assert.ts";
import {
  calendarQuarters,
  frequencyVerdict,
  MIN_QUARTERS_FOR_CURVATURE,
  promotionFrequency,
} from "../../lib/evaluate/promotion_frequency.ts";
import { type NationalOptions, nationalPipeline } from "../../lib/pipeline/national.ts";
import { designSource, randomStreams, testDataset, testRoles, weeks } from "../fixtures/interactions.ts";
import { weeklyDataset } from "../pipeline/_weekly.ts";

Deno.test("calendarQuarters: totals per calendar quarter; a quarter cut by the data's start or end is incomplete", () => {
  // 2024-03-18 and -25 close Q1 (the week before, 03-11, is in Q1 too: Q1 is cut); Q2 from 04-01 to 06-24
  const dates = weeks("2024-03-18", 2 + 13 + 1);
  const promo = Float64Array.from(dates, (_, i) => (i % 2 === 0 ? 1 : 0));
  const q = calendarQuarters(dates, promo);
  assertEquals(q.map((r) => r.quarter), ["2024-Q1", "2024-Q2", "2024-Q3"]);
  assertEquals(q.map((r) => r.weeks), [2, 13, 1]);
  assertEquals(q.map((r) => r.promotions), [1, 7, 0]); // promotions in the even weeks 0, 2, …, 14
  assertEquals(q.map((r) => r.complete), [false, true, false]);
  // a series that starts in a quarter's first week and ends in its last is complete at both ends
  const full = calendarQuarters(weeks("2024-01-01", 13), new Float64Array(13));
  assertEquals(full.map((r) => [r.quarter, r.weeks, r.complete]), [["2024-Q1", 13, true]]);
});

/**
 * Three years of weeks from 2022-01-03 with promotions placed so that each calendar quarter holds a chosen
 * number of them, and revenue with lift per promotion week `beta + gamma (f − 3)` in a quarter with f.
 */
function synthetic(gamma: number, seed: number, n = 156, counts = [0, 1, 2, 3, 4, 5, 6, 3, 2, 4, 1, 5, 3]) {
  const dates = weeks("2022-01-03", n);
  const { normal } = randomStreams(seed);
  const promotions = new Float64Array(n);
  const quarters = calendarQuarters(dates, promotions);
  const fOf = new Float64Array(n);
  let t = 0;
  quarters.forEach((q, i) => {
    const f = counts[i % counts.length];
    for (let w = 0; w < q.weeks; w++, t++) {
      // f promotion weeks spread over the quarter: weeks 1, 3, 5, …
      if (w % 2 === 1 && (w - 1) / 2 < f) promotions[t] = 1;
      fOf[t] = f;
    }
  });
  const control = Float64Array.from({ length: n }, () => 1_000 + 200 * normal());
  const revenue = Float64Array.from(
    { length: n },
    (_, i) => 100_000 + 20 * control[i] + promotions[i] * (20_000 + gamma * (fOf[i] - 3)) + 3_000 * normal(),
  );
  const ds = testDataset(
    dates,
    { promotions, control, revenue },
    testRoles({ price: undefined, direct: [], controls: ["control"] }),
  );
  return { ds, source: designSource(ds, ["promotions", "control"]), fOf };
}

Deno.test("promotionFrequency: known diminishing returns are covered, and the best frequency is inside the observed range", () => {
  const gamma = -3_000; // L(f) = f (20,000 − 3,000 (f − 3)) peaks at f = 4.83: 5 is the best whole frequency
  const { ds, source } = synthetic(gamma, 21);
  const r = promotionFrequency(ds, source);
  assert(r.available);
  assertEquals(r.promotionKind, "binary");
  assert(r.curvature !== null);
  assert(r.curvature.lower < gamma && gamma < r.curvature.upper, JSON.stringify(r.curvature));
  assertEquals(r.verdict.kind, "diminishing returns");
  assertEquals(r.observed.min, 0);
  assertEquals(r.observed.max, 6);
  assert(r.best !== null && (r.best.frequency === 4 || r.best.frequency === 5), JSON.stringify(r.best));
  assert(r.verdict.sentence.includes("Within the observed range the quarter's total lift is highest at"));
  assert(r.verdict.sentence.includes("nothing beyond it is extrapolated"));
  // the curve covers exactly the observed range, in whole frequencies
  assertEquals(r.curve.map((c) => c.frequency), [0, 1, 2, 3, 4, 5, 6]);
  // the last quarter (2024-Q4, 12 of its 13 weeks) is cut by the data's end and left out
  assertEquals(r.quarters.filter((q) => !q.complete).map((q) => q.quarter), ["2024-Q4"]);
  assertEquals(r.quartersUsed, 11);
  assert(r.notes[0].startsWith("2024-Q4 is only partly in the data"), r.notes[0]);
  // L(f) = f λ(f) exactly
  for (const c of r.curve) {
    assertRelClose(c.quarter.estimate, c.frequency * c.perPromotion.estimate, 1e-9, 1e-6);
  }
});

Deno.test("promotionFrequency: without true curvature the verdict says the data do not show diminishing returns", () => {
  const { ds, source } = synthetic(0, 22);
  const r = promotionFrequency(ds, source);
  assert(r.available && r.curvature !== null);
  assert(r.curvature.lower < 0 && 0 < r.curvature.upper, JSON.stringify(r.curvature));
  assertEquals(r.verdict.kind, "no diminishing returns shown");
  assertEquals(r.best, null);
  assert(r.verdict.sentence.startsWith("The data do not show diminishing returns"));
});

Deno.test("promotionFrequency: one year of data holds too few quarters to estimate curvature", () => {
  const { ds, source } = synthetic(-3_000, 23, 52);
  const r = promotionFrequency(ds, source);
  assert(r.available);
  assert(r.quartersUsed < MIN_QUARTERS_FOR_CURVATURE);
  assertEquals(r.curvature, null);
  assertEquals(r.verdict.kind, "not estimable");
  assert(r.curvatureReason!.startsWith("too few quarters to estimate curvature"), r.curvatureReason!);
  assert(
    r.verdict.sentence.includes("Complete calendar quarters in the data hold 0 to 3 promotion weeks"),
    r.verdict.sentence,
  );
});

Deno.test("promotionFrequency: no promotion column, and promotions as counts", () => {
  const { ds, source } = synthetic(0, 24);
  const none = promotionFrequency(
    { ...ds, roles: { ...ds.roles, promotion: undefined } },
    { ...source, roles: { ...source.roles, promotion: undefined } },
  );
  assert(!none.available);
  assert(none.reason.includes("no promotion column is mapped"), none.reason);
  const counts = Float64Array.from(ds.columns.promotions, (v, i) => v * (1 + (i % 2)));
  const cds = { ...ds, columns: { ...ds.columns, promotions: counts } };
  const r = promotionFrequency(cds, designSource(cds, ["promotions", "control"]));
  assert(r.available);
  assertEquals(r.promotionKind, "counts");
  assertEquals(r.unitWord, "promotions");
  const q = calendarQuarters(cds.dates, counts);
  assertEquals(r.observed.max, Math.max(...q.filter((x) => x.complete).map((x) => x.promotions)));
});

Deno.test("promotionFrequency: the same number of promotions in every quarter cannot show a curvature", () => {
  const { ds, source } = synthetic(0, 25, 156, [2]);
  const r = promotionFrequency(ds, source);
  assert(r.available);
  assertEquals(r.verdict.kind, "not estimable");
  assert(r.curvatureReason!.includes("only 1 distinct frequency"), r.curvatureReason!);
});

Deno.test("frequencyVerdict: increasing returns and a peak at the edge of the observed range", () => {
  const base = { unitWord: "promotion weeks", observed: { min: 1, max: 4 }, curvatureReason: null };
  const up = frequencyVerdict({ ...base, curvature: { estimate: 500, lower: 100, upper: 900 }, best: null });
  assertEquals(up.kind, "increasing returns");
  const edge = frequencyVerdict({
    ...base,
    curvature: { estimate: -500, lower: -900, upper: -100 },
    best: { frequency: 4, atBoundary: true },
  });
  assertEquals(edge.kind, "diminishing returns");
  assert(
    edge.sentence.includes("still rises at the most frequent observed rate (4 promotion weeks)"),
    edge.sentence,
  );
  const low = frequencyVerdict({
    ...base,
    curvature: { estimate: -500, lower: -900, upper: -100 },
    best: { frequency: 1, atBoundary: true },
  });
  assert(
    low.sentence.includes("highest at the least frequent observed rate (1 promotion week)"),
    low.sentence,
  );
  // a bound at zero is not evidence of curvature
  assertEquals(
    frequencyVerdict({ ...base, curvature: { estimate: -500, lower: -900, upper: 0 }, best: null }).kind,
    "no diminishing returns shown",
  );
});

const FAST: NationalOptions = {
  reps: 49,
  importance: false,
  search: { thetaGrid: [0, 0.3, 0.6], alphaGrid: [0] },
};

Deno.test("promotionFrequency on a pipeline run (two-stage model)", async () => {
  const ds = weeklyDataset();
  const national = await nationalPipeline(ds, FAST);
  const r = promotionFrequency(ds, national);
  assert(r.available);
  // weeks t % 6 == 2 are promotion weeks: 2 or 3 per complete quarter
  for (const q of r.quarters.filter((x) => x.complete)) assert(q.promotions === 2 || q.promotions === 3);
  assertEquals(r.verdict.kind, "not estimable");
  assert(r.curvatureReason!.includes("only 2 distinct frequencies"), r.curvatureReason!);
});
