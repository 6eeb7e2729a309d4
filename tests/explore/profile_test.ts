import { assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";
import {
  geoProfile,
  nationalTotals,
  pickColumns,
  profileColumns,
  promotionContrast,
  seasonalProfile,
  seasonalSwing,
  spendShares,
  zeroRuns,
} from "../../lib/explore/mod.ts";
import type { Dataset } from "../../lib/data/types.ts";
import { GEO_ROLES, WEEKLY_ROLES } from "../../lib/data/mod.ts";

function weekly(): Dataset {
  const f = new Float64Array([0, 0, 10, 20, 0, 30]);
  const g = new Float64Array([1, 2, 12, 21, 3, 33]);
  return {
    source: "inline",
    n: 6,
    dates: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-12-02", "2024-12-09", "2024-12-16"],
    columns: { facebook_spend: f, google_spend: g, revenue: new Float64Array([5, 6, 7, 8, 9, 10]) },
    roles: WEEKLY_ROLES,
    warnings: [],
  };
}

Deno.test("zeroRuns finds every run of zeros and the longest", () => {
  assertEquals(zeroRuns(new Float64Array([0, 0, 5, 0, 1, 0, 0, 0])), {
    zeros: 6,
    longestRun: 3,
    runs: [{ start: 0, end: 1 }, { start: 3, end: 3 }, { start: 5, end: 7 }],
  });
  assertEquals(zeroRuns(new Float64Array([1, 2])).longestRun, 0);
});

Deno.test("profileColumns attaches each column's role", () => {
  const p = profileColumns(weekly());
  assertEquals(p.map((c) => [c.column, c.role]), [
    ["facebook_spend", "social"],
    ["google_spend", "mediator"],
    [
      "revenue",
      "target",
    ],
  ]);
  assertEquals(p[0].zeros, 3);
});

Deno.test("spendShares are totals over the grand total", () => {
  const s = spendShares(weekly(), ["facebook_spend", "google_spend"]);
  assertEquals(s.map((x) => x.total), [60, 72]);
  assertAlmostEquals(s[0].share, 60 / 132, 1e-15);
  assertAlmostEquals(s[0].share + s[1].share, 1, 1e-15);
});

Deno.test("pickColumns returns the named columns and names a missing one", () => {
  const ds = weekly();
  assertEquals(Object.keys(pickColumns(ds, ["revenue", "google_spend"])), ["revenue", "google_spend"]);
  assertThrows(() => pickColumns(ds, ["tv_spend"]), Error, "tv_spend");
});

Deno.test("seasonalProfile groups by month and by ISO week", () => {
  const ds = weekly();
  assertEquals(seasonalProfile(ds.columns.revenue, ds.dates, "month"), [
    { period: 1, mean: 6, count: 3 },
    { period: 12, mean: 9, count: 3 },
  ]);
  // 2024-01-01 is a Monday in ISO week 1; 2024-12-16 is in ISO week 51.
  const byWeek = seasonalProfile(ds.columns.revenue, ds.dates, "weekOfYear");
  assertEquals([byWeek[0].period, byWeek[byWeek.length - 1].period], [1, 51]);
});

Deno.test("promotionContrast compares flagged and other weeks", () => {
  const c = promotionContrast([10, 12, 20, 22, 11, 21], [0, 0, 1, 1, 0, 1]);
  assertEquals([c.promoWeeks, c.otherWeeks, c.meanA, c.meanB], [3, 3, 21, 11]);
  assertAlmostEquals(c.relativeDifference, 10 / 11, 1e-15);
});

Deno.test("geoProfile and nationalTotals summarise a panel; a national series is rejected", () => {
  const panel: Dataset = {
    source: "inline",
    n: 4,
    dates: ["2024-01-01", "2024-01-08", "2024-01-01", "2024-01-08"],
    geos: ["a", "a", "b", "b"],
    columns: {
      sales: new Float64Array([10, 20, 1, 3]),
      population: new Float64Array([100, 100, 10, 10]),
      tv_spend: new Float64Array([1, 1, 2, 2]),
    },
    roles: { ...GEO_ROLES, media: ["tv_spend"] },
    warnings: [],
  };
  const g = geoProfile(panel);
  assertEquals(g.map((x) => [x.geo, x.weeks, x.meanTarget, x.totalSpend]), [["a", 2, 15, 2], ["b", 2, 2, 4]]);
  assertAlmostEquals(g[0].targetPerCapita, 30 / 200, 1e-15);
  assertEquals([...nationalTotals(panel, "sales").values], [11, 23]);
  assertThrows(() => geoProfile(weekly()), RangeError, "not a geo panel");
});

Deno.test("logLogSlope recovers the exponent of a power law and rejects non-positive values", async () => {
  const { logLogSlope } = await import("../../lib/explore/profile.ts");
  const x = [1, 2, 3, 5, 8];
  assertAlmostEquals(logLogSlope(x, x.map((v) => 7 * v ** -1.3)), -1.3, 1e-12);
  assertThrows(() => logLogSlope([1, 0], [1, 1]), RangeError, "row 1");
});

Deno.test("seasonalSwing: strongest and weakest month, the swing between them, the short-series caveat", () => {
  const f = { amount: (x: number) => `$${x}`, pct: (x: number) => `${Math.round(100 * x)}%` };
  const months = [{ period: 3, mean: 80 }, { period: 11, mean: 120 }, { period: 7, mean: 100 }];
  const s = seasonalSwing(months, 104, f);
  assertEquals([s.peak, s.trough], [11, 3]);
  assertAlmostEquals(s.swing, 120 / 80 - 1, 1e-12);
  assertEquals(
    s.sentence,
    "The strongest month is **Nov** (mean $120 a week), the weakest **Mar** ($80): a 50% swing that the models " +
      "must absorb with seasonal terms before crediting media.",
  );
  assertEquals(seasonalSwing(months, 52, f).sentence.includes("With 52 weeks (under two years)"), true);
  assertEquals(
    Number.isNaN(seasonalSwing([{ period: 1, mean: 0 }, { period: 2, mean: 5 }], 104, f).swing),
    true,
  );
  assertThrows(() => seasonalSwing([], 104, f), RangeError);
});
