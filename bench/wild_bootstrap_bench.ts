/**
 * The wild cluster bootstrap (WCR, 9999 Rademacher replicates, test and test-inversion interval) of one media
 * coefficient of the geo fixed-effects model on the bundled 40-geo × 156-week panel (6,240 rows, ~20
 * regressors), clustered by geo. Target: < 1 s per test (the replicate loop is O(G²) per replicate after an
 * O(n·k²) set-up, so it is far below; a loop that re-estimated each replicate would cost O(n·k) per replicate).
 *
 * Run: deno bench --allow-read bench/wild_bootstrap_bench.ts
 */
import { fitFixedEffects } from "../lib/models/mod.ts";
import { wildClusterBootstrap } from "../lib/models/wild_bootstrap.ts";
import { bundledGeo, trueTransformGeoDesign } from "./_panels.ts";

const geo = bundledGeo();
const R = geo.roles;
const design = trueTransformGeoDesign(geo);
const fit = fitFixedEffects(design, geo.columns[R.target], geo.geos!, { covType: "cluster" });
const term = R.media[0];

Deno.bench({
  name:
    `WCR wild cluster bootstrap, 9999 replicates, 40 geos, n = ${design.n}, k = ${design.k}: test + interval; target < 1 s`,
  group: "wild",
  baseline: true,
  fn() {
    wildClusterBootstrap(fit, { coefficient: term, seed: 1 });
  },
});

Deno.bench({
  name: "the same with the fixed-effects fit (fit + bootstrap)",
  group: "wild",
  fn() {
    const f = fitFixedEffects(design, geo.columns[R.target], geo.geos!, { covType: "cluster" });
    wildClusterBootstrap(f, { coefficient: term, seed: 1 });
  },
});
