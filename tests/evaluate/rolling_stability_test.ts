import { assert, assertAlmostEquals, assertEquals } from "../assert.ts";
import {
  expandingWindows,
  linearRollingCoefficients,
  stabilityVerdict,
  type WindowEstimate,
} from "../../lib/evaluate/rolling_stability.ts";
import { designFromColumns } from "../../lib/features/design.ts";

Deno.test("expandingWindows start at half the data and step by 4 weeks, below the full sample", () => {
  const w = expandingWindows(156, 30);
  assertEquals(w.start, 78);
  assertEquals(w.ends[0], 78);
  assertEquals(w.ends[w.ends.length - 1], 154);
  assertEquals(w.ends.length, 20);
  assertEquals(expandingWindows(52, 40).ends, [40, 44, 48]);
});

const win = (lower: number, upper: number): WindowEstimate => ({
  weeks: 1,
  term: "tv",
  estimate: 0,
  lower,
  upper,
});

Deno.test("stabilityVerdict: 2 misses of 10 is chance (p = 0.086), 3 of 10 is drift (p = 0.0115)", () => {
  const two = [...Array(8).fill(win(0, 2)), win(3, 4), win(3, 4)];
  const v2 = stabilityVerdict("tv", two, 1);
  assertEquals(v2.misses, 2);
  // P(X >= 2), X ~ Binomial(10, 0.05) = 1 - 0.95^10 - 10 * 0.05 * 0.95^9
  assertAlmostEquals(v2.pValue, 1 - 0.95 ** 10 - 0.5 * 0.95 ** 9, 1e-12);
  assert(v2.stable);
  const three = [...Array(7).fill(win(0, 2)), win(3, 4), win(3, 4), win(-2, -1)];
  const v3 = stabilityVerdict("tv", three, 1);
  assertAlmostEquals(v3.pValue, 1 - 0.95 ** 10 - 0.5 * 0.95 ** 9 - 45 * 0.0025 * 0.95 ** 8, 1e-12);
  assert(!v3.stable);
  assertAlmostEquals(v3.shareContaining, 0.7, 1e-12);
  // an endpoint equal to the estimate counts as containing it
  assertEquals(stabilityVerdict("tv", [win(1, 2)], 1).misses, 0);
  assertEquals(stabilityVerdict("tv", [], 1).windows, 0);
});

const at = (estimate: number, lower: number, upper: number): WindowEstimate => ({
  weeks: 1,
  term: "sms",
  estimate,
  lower,
  upper,
});

Deno.test("stabilityVerdict: a full-sample estimate outside every window's estimate is 'still moving', said", () => {
  // the reviewed case: every interval contains the full-sample estimate 0.5, yet it lies above all estimates
  const ws = [at(0.1, -0.5, 0.9), at(0.2, -0.3, 0.8), at(0.3, -0.1, 0.7)];
  const v = stabilityVerdict("sms", ws, 0.5);
  assertEquals(v.misses, 0);
  assert(v.stable, "the interval screen alone passes");
  assertEquals(v.outsideRange, "above");
  assertEquals([v.windowMin, v.windowMax], [0.1, 0.3]);
  assertEquals(v.label, "still moving");
  assert(v.sentence.includes("lies above every window's estimate (0.1 to 0.3)"), v.sentence);
  assert(v.sentence.includes("not settled"), v.sentence);
  const below = stabilityVerdict("sms", ws, -0.05);
  assertEquals(below.outsideRange, "below");
  assert(below.sentence.includes("(−0.05) lies below"), below.sentence);
  // inside the range: stable, nothing added
  const inside = stabilityVerdict("sms", ws, 0.25);
  assertEquals([inside.outsideRange, inside.label], [null, "stable"]);
  assert(!inside.sentence.includes("still moving"), inside.sentence);
  // one window has no range: never "outside"
  assertEquals(stabilityVerdict("sms", [at(0.1, -1, 1)], 0.5).outsideRange, null);
  // the interval screen failing wins the label
  const drift = stabilityVerdict("sms", [at(0.1, 0, 0.2), at(0.2, 0.1, 0.3), at(0.3, 0.2, 0.4)], 5);
  assertEquals(drift.label, "drifts");
});

Deno.test("linearRollingCoefficients: a constant relation is stable, a slope that changes half-way drifts", () => {
  const n = 120;
  let s = 7;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5);
  const x = Float64Array.from({ length: n }, () => rand() * 10);
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const constant = Float64Array.from(x, (v) => 2 * v + rand());
  const r = linearRollingCoefficients(designFromColumns({ x }), constant, rows, ["x"], 2);
  assert(r.verdicts[0].stable, r.verdicts[0].sentence);
  const shifted = Float64Array.from(x, (v, i) => (i < 60 ? 1 : 3) * v + rand());
  const d = linearRollingCoefficients(designFromColumns({ x }), shifted, rows, ["x"], 2);
  assert(!d.verdicts[0].stable, d.verdicts[0].sentence);
});
