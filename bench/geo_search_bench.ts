/**
 * Speed of the geo transform search (`searchGeoTransforms`: 5⁵ = 3,125 carryover candidates, then 4⁵ = 1,024
 * scale candidates, each scored on 4 time-series folds on dates) on the bundled 40 geos × 156 weeks, and on a
 * 200 × 156 panel made of five perturbed copies of it.
 *
 * Held to: the 200-geo search at most 5 × the 40-geo one (cost linear in rows: geo effects are absorbed by the
 * within transformation on each fold's training rows instead of carried as G − 1 dummy columns, which made the
 * search grow with the square of the number of geos), and notebook 05 under 30 s on the 200-geo panel.
 * Measured (Deno 2.9.6, one core of a shared, busy 2-core machine, so ±50%): with geo dummies as columns 2.97 s
 * (40 geos; 6.1 s under load) and ≈ 158 s (200 geos, DESIGN.md's figure; 550 s under load); with the within
 * transformation and the test error from class moments 0.39–0.70 s (40 geos) and 1.8–3.0 s (200 geos).
 *
 * Run: deno bench --allow-read bench/geo_search_bench.ts
 */
import { bundledGeo, replicatePanel } from "./_panels.ts";
import { searchGeoTransforms } from "../lib/evaluate/geo_transforms.ts";

const geo = bundledGeo();

const geo200 = replicatePanel(geo, 5);

Deno.bench({
  name: "searchGeoTransforms, 40 geos × 156 weeks (4,149 candidates, 4 folds)",
  group: "geo search",
  baseline: true,
  n: 3,
  warmup: 1,
  fn() {
    searchGeoTransforms(geo, { folds: 5 });
  },
});

Deno.bench({
  name: "searchGeoTransforms, 200 geos × 156 weeks; target ≤ 5 × the 40-geo time",
  group: "geo search",
  n: 2,
  warmup: 0,
  fn() {
    searchGeoTransforms(geo200, { folds: 5 });
  },
});
