/**
 * Cost of calibrating the geo model with one lift test (`calibrateGeo`): tension, the augmented least squares,
 * ROI and marginal ROI before and after, two same-budget allocations, and the tension recomputed over 199
 * bootstrap replicates (each replicate's transforms: one adstock and saturation pass over the panel).
 *
 * Held to: the bundled panel (40 geos × 156 weeks, 5 channels, 1 experiment, 199 replicates) in under 2 s, a
 * few seconds at most in notebook 05. Setup (the fit with the true transforms) is outside the measurement.
 * Measured on a shared 2-core machine, Deno 2.9.6: 0.72 s with the replicates, 0.44 s without (most of it the
 * two allocations).
 *
 * Run: `deno bench --allow-read bench/calibration_bench.ts`
 */
import { loadDataset } from "../lib/data/load.ts";
import { experimentContext, loadExperiments } from "../lib/data/experiments.ts";
import { fitGeoModel } from "../lib/decompose/geo_model.ts";
import { calibrateGeo } from "../lib/pipeline/calibration.ts";

const root = new URL("..", import.meta.url).pathname;
const geo = loadDataset(`${root}data/mmm_geo.csv`, { kind: "geo" });
const truth = JSON.parse(Deno.readTextFileSync(`${root}data/truth.json`));
const chosen = Object.fromEntries(geo.roles.media.map((c) => {
  const t = truth.geo.channels[c.replace(/_spend$/, "")];
  return [c, { theta: t.theta, scale: t.scale }];
}));
const model = fitGeoModel(geo, chosen);
const experiments =
  loadExperiments(`${root}data/experiments.example.csv`, experimentContext(geo)).experiments;
const C = geo.roles.media.length, B = 199;
const replicates = {
  channels: geo.roles.media,
  replicates: B,
  theta: Float64Array.from({ length: B * C }, (_, i) => chosen[geo.roles.media[i % C]].theta),
  scale: Float64Array.from({ length: B * C }, (_, i) => chosen[geo.roles.media[i % C]].scale),
  coef: Float64Array.from(
    { length: B * C },
    (_, i) => model.mediaModel.channels[i % C].coef * (1 + 0.01 * (i % 7)),
  ),
  level: 0.95,
  widening: 1,
};

Deno.bench("calibrateGeo: bundled panel, 1 experiment, 199 replicates", () => {
  calibrateGeo({ model, dataset: geo, target: "sales", replicates }, geo, experiments);
});
Deno.bench("calibrateGeo: bundled panel, 1 experiment, no replicates", () => {
  calibrateGeo({ model, dataset: geo, target: "sales" }, geo, experiments);
});
