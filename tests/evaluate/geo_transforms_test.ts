import { assert, assertEquals, assertThrows } from "../assert.ts";
import { geoFixedColumns, searchGeoTransforms } from "../../lib/evaluate/geo_transforms.ts";
import { loadDataset } from "../../lib/data/mod.ts";

const geo = loadDataset(new URL("../../data/mmm_geo.csv", import.meta.url).pathname, { kind: "geo" });
const truth = JSON.parse(Deno.readTextFileSync(new URL("../../data/truth.json", import.meta.url)));

Deno.test("geoFixedColumns holds controls, population, 11 month dummies and G−1 geo dummies", () => {
  const fixed = geoFixedColumns(geo);
  const names = Object.keys(fixed);
  assertEquals(names.length, 2 + 1 + 11 + 39);
  assertEquals(names.filter((n) => n.startsWith("geo[")).length, 39);
  assert(!names.includes("geo[geo_01]"), "first geo is the reference level");
  const g2 = fixed["geo[geo_02]"];
  assertEquals(g2.reduce((a, b) => a + b, 0), 156);
});

Deno.test("searchGeoTransforms searches θ then scale, and picks TV's true carryover from a coarse grid", () => {
  const t = searchGeoTransforms(geo, {
    thetaGrid: [0, 0.3, 0.6],
    scaleMultiples: [1, 2],
    folds: 3,
    minTrainSize: 1,
  });
  assertEquals(t.thetaSearch.total, 3 ** 5);
  assertEquals(t.scaleSearch.total, 2 ** 5);
  assertEquals(t.chosen.tv_spend.theta, truth.geo.channels.tv.theta);
  for (const c of geo.roles.media) {
    assertEquals(t.chosen[c].scale, t.chosen[c].scaleMultiple * t.meanSpend[c]);
    assertEquals(t.chosen[c].theta, t.thetaSearch.best.theta[c]);
  }
  // Folds split on dates: every geo has the same number of rows in each test set.
  for (const f of t.problem.folds) assertEquals(f.test.length % 40, 0);
});

Deno.test("searchGeoTransforms rejects a national dataset", () => {
  const weekly = loadDataset(new URL("../../data/mmm_weekly.csv", import.meta.url).pathname, {
    kind: "weekly",
  });
  assertThrows(() => searchGeoTransforms(weekly), RangeError, "not a geo panel");
});
