import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";
import {
  holdoutPlan,
  holdoutScores,
  isHoldoutResult,
  linearHoldout,
  naiveBenchmark,
  panelHoldout,
} from "../../lib/evaluate/holdout.ts";
import { designFromColumns } from "../../lib/features/design.ts";

Deno.test("holdoutPlan holds out 13 weeks of a year and refuses when too few training weeks remain", () => {
  assertEquals(holdoutPlan(52, 12), { ok: true, trainWeeks: 39, testWeeks: 13, reason: null });
  const short = holdoutPlan(38, 5);
  assertEquals(short.ok, false);
  assert(short.reason!.includes("25 training weeks") && short.reason!.includes("at least 26"), short.reason!);
  // two weeks per coefficient binds above 13 coefficients
  assertEquals(holdoutPlan(52, 20).ok, false);
  assertThrows(() => holdoutPlan(52, 3, 0), RangeError);
});

Deno.test("holdoutScores: RMSE, R² around the test mean, MAPE and the ratio to the benchmark, by hand", () => {
  const s = holdoutScores([10, 20], [11, 18], [12, 12]);
  assertAlmostEquals(s.rmse, Math.sqrt((1 + 4) / 2), 1e-12);
  assertAlmostEquals(s.r2, 1 - 5 / 50, 1e-12); // SST around 15: 25 + 25
  assertAlmostEquals(s.percentError, (0.1 + 0.1) / 2, 1e-12);
  assertEquals(s.percentMetric, "MAPE");
  assertAlmostEquals(s.benchmarkRmse, Math.sqrt((4 + 64) / 2), 1e-12);
  assertAlmostEquals(s.rmseRatio, Math.sqrt(2.5) / Math.sqrt(34), 1e-12);
});

Deno.test("holdoutScores switches to WAPE when a held-out value is near zero, and says why", () => {
  const s = holdoutScores([0, 100, 100], [5, 90, 110], [50, 50, 50]);
  assertEquals(s.percentMetric, "WAPE");
  assertAlmostEquals(s.percentError, 25 / 200, 1e-12);
  assert(s.percentReason!.includes("1 of the 3"), s.percentReason!);
  assertThrows(() => holdoutScores([], [], []), RangeError);
});

Deno.test("naiveBenchmark uses last year's week when every held-out week has one, else the training mean", () => {
  const y = Float64Array.from({ length: 70 }, (_, i) => i);
  const week = Int32Array.from({ length: 70 }, (_, i) => i);
  const groups = new Array(70).fill("all");
  const b = naiveBenchmark(y, week, groups, 60);
  assertEquals(b.kind, "seasonal naive");
  assertEquals([...b.values], [8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
  const m = naiveBenchmark(y.subarray(0, 50), week.subarray(0, 50), groups.slice(0, 50), 40);
  assertEquals(m.kind, "training mean");
  assertAlmostEquals(m.values[0], 19.5, 1e-12); // mean of 0..39
});

Deno.test("linearHoldout predicts an exact linear relation without error, and refuses a short series", () => {
  const n = 60;
  const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 10);
  const y = Float64Array.from(x, (v) => 5 + 2 * v);
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const h = linearHoldout(designFromColumns({ x }), y, rows, n);
  assert(isHoldoutResult(h));
  assertEquals(h.testRows.length, 13);
  assertAlmostEquals(h.scores.rmse, 0, 1e-9);
  assertEquals(h.plan.trainWeeks, 47);
  const refused = linearHoldout(
    designFromColumns({ x: x.subarray(0, 30) }),
    y.subarray(0, 30),
    rows.subarray(0, 30),
    30,
  );
  assert(!isHoldoutResult(refused));
});

Deno.test("panelHoldout holds out every geo's last 13 weeks and recovers an exact within-geo relation", () => {
  const geos: string[] = [], dates: string[] = [], x: number[] = [], y: number[] = [];
  for (let g = 0; g < 3; g++) {
    for (let t = 0; t < 52; t++) {
      geos.push(`g${g}`);
      dates.push(new Date(Date.UTC(2024, 0, 1 + 7 * t)).toISOString().slice(0, 10));
      const v = Math.cos(t * (g + 1)) * 5;
      x.push(v);
      y.push(100 * g + 3 * v);
    }
  }
  const h = panelHoldout(
    designFromColumns({ x: Float64Array.from(x) }, false),
    Float64Array.from(y),
    geos,
    dates,
  );
  assert(isHoldoutResult(h));
  assertEquals(h.testRows.length, 39);
  assertEquals(h.plan.trainWeeks, 39);
  assertAlmostEquals(h.withinR2, 1, 1e-10);
  assertEquals(h.benchmark.kind, "training mean");
});
