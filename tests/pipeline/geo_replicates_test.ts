/**
 * The geo pipeline's bootstrap stage: the replicate models mirror the bootstrap's draws at level 0.95 with its
 * widening, and the held-transform returns use the data's θ and scale in every replicate.
 */
import { assert, assertEquals } from "../assert.ts";
import type { GeoSearchContext } from "../../lib/evaluate/geo_transforms.ts";
import { checkGeoPanel } from "../../lib/pipeline/geo_check.ts";
import { fitGeoStage } from "../../lib/pipeline/geo_fit.ts";
import { bootstrapGeoModel, heldTransformReturns } from "../../lib/pipeline/geo_replicates.ts";
import { chooseGeoTransforms } from "../../lib/pipeline/geo_search.ts";
import { panel } from "./_geo_panel.ts";

Deno.test("bootstrapGeoModel: replicate models from the bootstrap; held returns at the data's transforms", async () => {
  const setup = checkGeoPanel(panel({ geos: 6, weeks: 104 }), 3);
  const options = { seed: 5, replicates: 9, thetaGrid: [0, 0.5], scaleMultiples: [1], yieldEveryMs: 0 };
  let context: GeoSearchContext | undefined;
  const transforms = await chooseGeoTransforms(setup, options, () => {}, (c) => (context = c));
  const { model } = fitGeoStage(setup, transforms);
  const lines: string[] = [];
  const logged: string[] = [];
  const resampling = await bootstrapGeoModel(context!, transforms, model.fit, options, (s) => {
    lines.push(s);
  }, (line) => logged.push(line));
  const { bootstrap, replicates } = resampling;
  assertEquals(bootstrap.replicates, 9);
  assertEquals(replicates, {
    channels: bootstrap.channels,
    replicates: 9,
    theta: bootstrap.theta,
    scale: bootstrap.scale,
    coef: bootstrap.coef,
    level: 0.95,
    widening: bootstrap.widening,
  });
  assert(lines.every((l) => /^Bootstrap: .* replicate \d+ of 9…$/.test(l)), lines.join("\n"));
  assertEquals(logged.length, 1);
  assert(
    logged[0].startsWith("geo pipeline: bootstrap ") && logged[0].endsWith(" s (9 replicates)"),
    logged[0],
  );

  const held = heldTransformReturns(resampling, transforms, setup.dataset);
  assertEquals(held.map((h) => h.channel), bootstrap.channels);
  for (const h of held) assertEquals(h.roi.length, 9);
});
