/**
 * What notebook 06 adds to the two pipelines it already runs, on the bundled data: the 13-week holdout of both
 * models, the expanding-window stability refits and the carryover sensitivity refits. Held to under ~10 s in
 * all (the notebook's budget for its additions; `MMM_TIMINGS=1` prints the notebook's own figure). The
 * pipelines run once in setup with few bootstrap replicates (the additions do not read the replicates).
 *
 * Measured (2 shared cores, other jobs running): holdouts 0.02 s + 0.2 s, stability 0.15 s + 1.0 s,
 * sensitivity 0.3 s + 2.1 s.
 */
import { loadDataset } from "../lib/data/mod.ts";
import { geoPipeline, nationalPipeline } from "../lib/pipeline/mod.ts";
import {
  mediationCarryoverSensitivity,
  mediationHoldout,
  mediationRollingCoefficients,
  panelCarryoverSensitivity,
  panelHoldout,
  panelRollingCoefficients,
} from "../lib/evaluate/mod.ts";

const path = (f: string) => new URL(`../data/${f}`, import.meta.url).pathname;
const national = await nationalPipeline(loadDataset(path("mmm_weekly.csv"), { kind: "weekly" }), {
  seed: 20240611,
  reps: 19,
  bootstrapTransforms: "fixed",
  importance: false,
});
const geo = await geoPipeline(loadDataset(path("mmm_geo.csv"), { kind: "geo" }), {
  seed: 20240501,
  draws: 200,
  intervals: "fixed-transforms",
});
const two = national.twoStage!;
const y = geo.dataset.columns[geo.target];
const geos = geo.dataset.geos!, dates = geo.dataset.dates;
const grid = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

Deno.bench("national holdout (two stages refitted)", () => void mediationHoldout(two.inputs));
Deno.bench("geo holdout (40 geos × 156 weeks)", () => void panelHoldout(geo.model.design, y, geos, dates));
Deno.bench(
  "national stability (expanding windows, HAC)",
  () => void mediationRollingCoefficients(two.inputs, 4),
);
Deno.bench("geo stability (expanding windows, clustered)", () => {
  panelRollingCoefficients(geo.model.design, y, geos, dates, geo.identification.channels, {
    covType: geo.inference.covType,
  });
});
Deno.bench("national carryover sensitivity (social channels and mediator × 10 θ)", () => {
  for (const c of [...two.inputs.spec.social.map((s) => s.column), two.inputs.spec.mediator.column]) {
    mediationCarryoverSensitivity(two.inputs, c, grid, null);
  }
});
Deno.bench("geo carryover sensitivity (5 channels × 10 θ)", () => {
  for (const c of geo.identification.channels) {
    const t = geo.transforms.chosen[c];
    panelCarryoverSensitivity(
      geo.model.design,
      y,
      geos,
      c,
      geo.dataset.columns[c],
      t.scale,
      t.theta,
      grid,
      null,
    );
  }
});
