import { assert, assertEquals } from "../assert.ts";
import {
  edaLoadedSentence,
  edaResults,
  edaSeasonality,
  type EdaSummary,
  edaSummary,
  seasonalSwing,
} from "../../lib/explore/mod.ts";
import type { Dataset } from "../../lib/data/types.ts";
import { GEO_ROLES, WEEKLY_ROLES } from "../../lib/data/mod.ts";
import { money, pct } from "../../lib/plot/format.ts";
import { mondays, weeklyDataset } from "../pipeline/_weekly.ts";
import { panel } from "../pipeline/_geo_panel.ts";

const OPTIONS = { anomaly: { halfWindow: 2, threshold: 5 }, strongPair: 0.5 };

Deno.test("edaLoadedSentence: weeks and dates of the national file, rows, geos and dates of the panel", () => {
  const weekly: Dataset = {
    source: "w",
    n: 3,
    dates: ["2024-01-01", "2024-01-08", "2024-01-15"],
    columns: {},
    roles: WEEKLY_ROLES,
    warnings: [],
  };
  // 10 geos × 104 weeks: 1,040 rows, written with a thousands separator
  const dates = mondays("2023-01-02", 104);
  const geo: Dataset = {
    source: "g",
    n: 1040,
    dates: Array.from({ length: 1040 }, (_, i) => dates[i % 104]),
    geos: Array.from({ length: 1040 }, (_, i) => `geo_${Math.floor(i / 104)}`),
    columns: {},
    roles: GEO_ROLES,
    warnings: [],
  };
  assertEquals(
    edaLoadedSentence(weekly, geo),
    "Loaded **3** weeks of national data (2024-01-01 to 2024-01-15) and a geo panel of **1,040** rows " +
      `(10 geos, 2023-01-02 to ${dates[103]}).`,
  );
});

Deno.test("edaSeasonality: means by month and by ISO week, and the swing sentence in the target's unit", () => {
  const ds: Dataset = {
    source: "w",
    n: 3,
    dates: ["2024-01-01", "2024-01-08", "2024-02-05"],
    columns: { revenue: new Float64Array([100, 200, 300]) },
    roles: WEEKLY_ROLES,
    warnings: [],
  };
  const s = edaSeasonality(ds);
  assertEquals(s.byMonth, [{ period: 1, mean: 150, count: 2 }, { period: 2, mean: 300, count: 1 }]);
  assertEquals(s.byWeek.map((w) => w.period), [1, 2, 6]);
  assertEquals(s.sentence, seasonalSwing(s.byMonth, 3, { amount: (x) => money(x), pct }).sentence);
  assert(
    s.sentence.startsWith("The strongest month is **Feb** (mean $300 a week), the weakest **Jan** ($150)"),
  );
});

function summary(weekly = weeklyDataset(), geo = panel({ geos: 6, weeks: 104 })): EdaSummary {
  return edaSummary(weekly, geo, OPTIONS);
}

Deno.test("edaSummary: every section from the two files, and the results JSON with every key", () => {
  const eda = summary();
  assertEquals(eda.channels.national, [
    "google_spend",
    "facebook_spend",
    "tiktok_spend",
    "instagram_spend",
    "snapchat_spend",
    "emails_send",
    "sms_send",
  ]);
  assertEquals(eda.zeroSpend.rows.map((r) => r.channel), [
    "Google",
    "Facebook",
    "TikTok",
    "Instagram",
    "Snapchat",
    "Emails",
    "SMS",
  ]);
  // the generator runs a promotion every sixth week from week 3: weeks 3, 9, …, 99
  assertEquals(eda.promotionWeeks?.filter((p) => p).length, 17);
  assertEquals(eda.correlations.names[eda.correlations.names.length - 1], "revenue");
  assert(eda.loaded.startsWith("Loaded **104** weeks of national data (2023-01-02 to "));
  assertEquals(Object.keys(edaResults(eda)), [
    "envelope",
    "warnings",
    "weeklyProfile",
    "geoProfileColumns",
    "identification",
    "zeroSpend",
    "targetShape",
    "anomalies",
    "spendShares",
    "correlations",
    "socialMediatorCorrelations",
    "seasonality",
    "promotionContrast",
    "price",
    "geoProfile",
    "geoPopulationCorrelation",
  ]);
  const results = edaResults(eda);
  assertEquals(results.zeroSpend, eda.zeroSpend.rows);
  assertEquals(Object.keys(results.correlations as object), ["names", "matrix", "strongPairs", "convention"]);
});

Deno.test("edaSummary: without mediator, promotion, price or population their results keys are absent", () => {
  const weekly = weeklyDataset({ roles: { mediator: undefined, promotion: undefined, price: undefined } });
  const geo = panel({ geos: 6, weeks: 104 });
  const eda = summary(weekly, { ...geo, roles: { ...geo.roles, population: undefined } });
  assertEquals([eda.promotionWeeks, eda.promotionGroups], [undefined, undefined]);
  assertEquals(eda.channels.national.includes("google_spend"), false);
  const keys = Object.keys(edaResults(eda));
  for (const k of ["socialMediatorCorrelations", "promotionContrast", "price", "geoPopulationCorrelation"]) {
    assertEquals(keys.includes(k), false, k);
  }
  assertEquals(eda.promotion.sentence, "No promotion contrast: the roles map no promotion column.");
  assertEquals(eda.price.sentence, "No price analysis: the roles map no price column.");
});

Deno.test("edaSummary: a duplicated column stays in the correlation matrix, a constant one does not", () => {
  const weekly = weeklyDataset({
    edit: (c) => {
      c.instagram_spend = Float64Array.from(c.tiktok_spend);
      c.social_followers.fill(40_000);
    },
  });
  const eda = summary(weekly);
  const dropped = eda.envelope.weekly.identification.dropped.map((d) => [d.column, d.reason]);
  assertEquals(dropped, [["instagram_spend", "duplicate"], ["social_followers", "constant"]]);
  assert(eda.correlations.names.includes("instagram_spend"));
  assert(!eda.correlations.names.includes("social_followers"));
  assertEquals(eda.identification.unidentified.map((u) => u.column), ["instagram_spend", "social_followers"]);
  assertEquals(eda.findings.some((f) => f.file === "national weekly"), true);
});
