/**
 * Smoke test on the bundled data files (written by `deno task data`): both load with the default roles
 * and need no repair.
 */
import { geoSlices, loadDataset } from "../../lib/data/mod.ts";
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
