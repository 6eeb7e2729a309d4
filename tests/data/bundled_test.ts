/**
 * Smoke test on the bundled data files (written by `deno task data`): both load with the default roles
 * and need no repair.
 */
import { geoSlices, loadDataset, loadRolesFile, parseDataset } from "../../lib/data/mod.ts";
import { assertEquals } from "../assert.ts";

const path = (name: string) => new URL(`../../data/${name}`, import.meta.url).pathname;

Deno.test("data/mmm_weekly.csv loads with default roles: 104 weeks, no warnings", () => {
  const ds = loadDataset(path("mmm_weekly.csv"), { kind: "weekly" });
  assertEquals(ds.n, 104);
  assertEquals(ds.warnings, []);
  assertEquals(Object.keys(ds.columns).length, 11);
});

Deno.test("data/mmm_geo.csv loads with default roles: 6,240 rows, no warnings, equal weeks per geo", () => {
  const ds = loadDataset(path("mmm_geo.csv"), { kind: "geo" });
  assertEquals(ds.n, 6240);
  assertEquals(ds.warnings, []);
  assertEquals(Object.keys(ds.columns).length, 14);
  const weeks = new Set(geoSlices(ds).map((s) => s.end - s.start));
  assertEquals(weeks.size, 1);
});

Deno.test("data/roles.example.json maps a renamed weekly file; its defaults (targetUnit) still apply", () => {
  const config = loadRolesFile(path("roles.example.json"));
  const renames: Record<string, string> = {
    week: "week_start",
    revenue: "net_revenue",
    google_spend: "search_spend",
    facebook_spend: "meta_spend",
    tiktok_spend: "tiktok",
    instagram_spend: "insta",
    snapchat_spend: "snap",
    emails_send: "email_sends",
    sms_send: "sms_sends",
    average_price: "avg_price",
    promotions: "promo_flag",
    social_followers: "followers",
  };
  const text = Deno.readTextFileSync(path("mmm_weekly.csv"));
  const newline = text.indexOf("\n");
  const header = text.slice(0, newline).split(",").map((name) => renames[name] ?? name).join(",");
  const renamed = parseDataset(header + text.slice(newline), "renamed.csv", {
    kind: "weekly",
    roles: config.weekly,
  });
  const original = loadDataset(path("mmm_weekly.csv"), { kind: "weekly" });
  assertEquals(renamed.n, 104);
  assertEquals(renamed.columns.net_revenue, original.columns.revenue);
  assertEquals(renamed.roles.targetUnit, "currency");
  assertEquals(renamed.warnings, []);
});
