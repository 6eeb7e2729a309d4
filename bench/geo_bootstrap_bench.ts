/**
 * Speed of the geo bootstrap that re-chooses carryover and saturation in every replicate (`geoBootstrap`,
 * 199 replicates, each a full coordinate search over 10 θ × 19 scales per channel and a refit), and of the
 * whole geo pipeline (search, fit, cross-validation, bootstrap, intervals), on the bundled 40 geos × 156 weeks
 * and on a 200 × 156 panel made of five perturbed copies of it.
 *
 * Held to: the 40-geo bootstrap under 30 s; notebook 05 on the 200-geo panel under 30 s in all (the pipeline
 * is most of it). A replicate costs the search's candidate scoring from cached moments, linear in the number
 * of clusters and candidates, not in rows; rows enter through the cross-products of column pairs not seen
 * before (cached across replicates).
 *
 * Measured (Deno 2.9.6, the shared 2-core machine at load ≈ 1): the 40-geo bootstrap 2.5 s, the 40-geo pipeline
 * 3.9 s, the 200-geo pipeline 9.5 s; notebook 05 on the 200-geo panel 16 s in all (load ≈ 3). A noisy panel whose
 * replicates wander over the whole grid costs more (coverage-study draw 5, 27 geos × 129 weeks, six channels:
 * 8 s for the bootstrap, 399k column pairs); under load (≈ 7) every figure was about three times as long.
 *
 * Run: deno bench --allow-read bench/geo_bootstrap_bench.ts
 */
import type { Dataset } from "../lib/data/types.ts";
import { bundledGeo, replicatePanel } from "./_panels.ts";
import { geoBootstrap } from "../lib/evaluate/geo_bootstrap.ts";
import { geoTransformsResult, prepareGeoSearch, runGeoSearch } from "../lib/evaluate/geo_transforms.ts";
import { fitGeoModel } from "../lib/decompose/geo_model.ts";
import { geoPipeline } from "../lib/pipeline/geo.ts";

const geo = bundledGeo();

const geo200 = replicatePanel(geo, 5);

/** The search context and fitted model of a panel, as the pipeline builds them before its bootstrap. */
function prepared(ds: Dataset) {
  const ctx = prepareGeoSearch(ds);
  ctx.cv.setOutcome(ctx.y);
  const r = runGeoSearch(ctx);
  const t = geoTransformsResult(ctx, r);
  return { ctx, chosen: r.chosen, fit: fitGeoModel(ds, t.chosen).fit };
}

const forty = prepared(geo);

Deno.bench({
  name: "geoBootstrap, 40 geos × 156 weeks, 199 replicates (target < 30 s)",
  group: "geo bootstrap",
  n: 1,
  warmup: 0,
  async fn() {
    await geoBootstrap(forty.ctx, forty.chosen, forty.fit, { seed: 1, replicates: 199 });
  },
});

Deno.bench({
  name: "geoPipeline, 40 geos × 156 weeks (search, fit, CV, bootstrap, intervals)",
  group: "geo pipeline",
  n: 1,
  warmup: 0,
  async fn() {
    await geoPipeline(geo, { seed: 20240501 });
  },
});

Deno.bench({
  name: "geoPipeline, 200 geos × 156 weeks (notebook 05's target: < 30 s in all)",
  group: "geo pipeline",
  n: 1,
  warmup: 0,
  async fn() {
    await geoPipeline(geo200, { seed: 20240501 });
  },
});
