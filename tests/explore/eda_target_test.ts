import { assertAlmostEquals, assertEquals } from "../assert.ts";
import { edaAnomalies, edaTargetShape } from "../../lib/explore/mod.ts";
import type { Dataset, Roles } from "../../lib/data/types.ts";
import { WEEKLY_ROLES } from "../../lib/data/mod.ts";
import { mondays } from "../pipeline/_weekly.ts";
import { xoshiro128ss } from "../../lib/stats/random.ts";

function weekly(revenue: ArrayLike<number>, promotions?: ArrayLike<number>): Dataset {
  const roles: Roles = { ...WEEKLY_ROLES, promotion: promotions ? "promotions" : undefined };
  return {
    source: "inline",
    n: revenue.length,
    dates: mondays("2024-01-01", revenue.length),
    columns: {
      revenue: Float64Array.from(revenue),
      ...(promotions ? { promotions: Float64Array.from(promotions) } : {}),
    },
    roles,
    warnings: [],
  };
}

Deno.test("edaTargetShape: a level shift, its changepoint as a date and its regimes as rows", () => {
  // 40 weeks around 11.5, then 40 around 31.5: one step at week 41
  const ds = weekly(Float64Array.from({ length: 80 }, (_, i) => (i < 40 ? 10 : 30) + (i % 4)));
  const v = edaTargetShape(ds);
  assertEquals([v.result.kind, v.result.changepoints], ["level shift", [ds.dates[40]]]);
  assertEquals(v.result.zeroOrNegativeShare, 0);
  assertEquals(v.regimeRows.map((r) => [r.weeks, r.shareOfWeeks, r.mean]), [[40, 0.5, 11.5], [
    40,
    0.5,
    31.5,
  ]]);
  assertAlmostEquals(v.regimeRows[0].shareOfTarget, 460 / 1720, 1e-12);
  assertEquals(v.regimeRows.map((r) => r.regime), v.result.regimes.map((r) => r.label));
  assertEquals(v.result.sentence.startsWith("Weekly revenue shifts level once"), true);
});

Deno.test("edaTargetShape: one regime (noise around a level) has no table", () => {
  const next = xoshiro128ss(3);
  const u = () => (next() + 0.5) / 2 ** 32;
  const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const v = edaTargetShape(weekly(Float64Array.from({ length: 104 }, () => 1000 + 100 * normal())));
  assertEquals([v.result.kind, v.result.changepoints, v.regimeRows], ["unimodal", [], []]);
  assertEquals(v.result.regimes.length, 1);
});

Deno.test("edaAnomalies: an isolated spike is left out, with its date, local median and robust z", () => {
  const y = Float64Array.from({ length: 60 }, (_, i) => 100 + (i % 4));
  y[20] = 200; // neighbours 102, 103, 101, 102: local median 102
  const ds = weekly(y);
  const v = edaAnomalies(ds, { halfWindow: 2, threshold: 5 });
  assertEquals(v.rows.map((r) => [r.week, r.value, r.localMedian]), [[ds.dates[20], 200, 102]]);
  assertEquals(v.rows[0].robustZ > 5, true);
  assertEquals(v.result.leftOut.map((a) => [a.week, a.index, a.value]), [[ds.dates[20], 20, 200]]);
  assertEquals([v.result.flagged, v.result.skipped], [1, null]);
  assertEquals(v.result.sentence.includes(ds.dates[20]), true);
  // the window the table's heading names follows the half-width: 2h + 1 weeks
  assertEquals(v.windowWeeks, 5);
  assertEquals(edaAnomalies(ds, { halfWindow: 3, threshold: 5 }).windowWeeks, 7);
  assertEquals(edaAnomalies(ds, { threshold: 5 }).windowWeeks, 5);
});

Deno.test("edaAnomalies: nothing to leave out gives no rows", () => {
  const v = edaAnomalies(weekly(Float64Array.from({ length: 60 }, (_, i) => 100 + (i % 4))), {
    halfWindow: 2,
    threshold: 5,
  });
  assertEquals([v.rows, v.result.leftOut, v.result.flagged], [[], [], 0]);
});

Deno.test("edaAnomalies: the promotion flag is a driver, so a spike in a promotion week stays in", () => {
  const y = Float64Array.from({ length: 60 }, (_, i) => 100 + (i % 4));
  y[20] = 200;
  const promo = new Float64Array(60);
  promo[20] = 1;
  const v = edaAnomalies(weekly(y, promo), { halfWindow: 2, threshold: 5 });
  assertEquals(v.rows, []);
});
