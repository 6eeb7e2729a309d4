/**
 * The geo bootstrap against its definition: a replicate is the search and the fixed-effects fit run on
 * `y* = ŷ + v_k · ü` (checked by building y* row by row, running `searchGeoTransforms` and `fitFixedEffects`
 * on it); jackknife residuals against explicit leave-one-cluster-out refits by QR; the cluster scheme chosen by
 * the CD test; the widening `t_{K−1}/z` against scipy's quantiles.
 */
import { assert, assertAlmostEquals, assertArrayClose, assertEquals } from "../assert.ts";
import { parseDataset } from "../../lib/data/load.ts";
import type { Dataset } from "../../lib/data/types.ts";
import { crossSectionWords, geoBootstrap, jackknifeResiduals } from "../../lib/evaluate/geo_bootstrap.ts";
import {
  geoTransformsResult,
  prepareGeoSearch,
  runGeoSearch,
  searchGeoTransforms,
} from "../../lib/evaluate/geo_transforms.ts";
import { fitGeoModel } from "../../lib/decompose/geo_model.ts";
import { geometricAdstock } from "../../lib/features/adstock.ts";
import { qrLeastSquares } from "../../lib/linalg/mod.ts";
import { xoshiro128ss } from "../../lib/stats/random.ts";

/** Deterministic uniform(0, 1) stream (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** G geos × T weeks; sales from two log1p-saturated channels, a control, noise with a common weekly shock. */
function panel(G: number, T: number, commonShare: number, seed = 1): Dataset {
  const u = rng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u());
  const common = Array.from({ length: T }, normal);
  const lines = ["geo,date,tv_spend,radio_spend,population,competitor_sales_control,sales"];
  for (let g = 0; g < G; g++) {
    const tv = Float64Array.from({ length: T }, () => (u() < 0.25 ? 0 : 1000 * (0.5 + u())));
    const radio = Float64Array.from({ length: T }, () => 300 * u());
    const tvA = geometricAdstock(tv, 0.5), radioA = geometricAdstock(radio, 0.2);
    for (let t = 0; t < T; t++) {
      const date = new Date(Date.UTC(2022, 0, 3 + 7 * t)).toISOString().slice(0, 10);
      const comp = 100 + 10 * u();
      const noise = 60 * (Math.sqrt(1 - commonShare) * normal() + Math.sqrt(commonShare) * common[t]);
      const sales = 5000 * (g + 1) + 500 * Math.log1p(tvA[t] / 1000) + 200 * Math.log1p(radioA[t] / 150) -
        5 * comp + noise;
      lines.push(
        [
          `g${g + 1}`,
          date,
          tv[t].toFixed(2),
          radio[t].toFixed(2),
          1e5 * (g + 1),
          comp.toFixed(2),
          sales.toFixed(2),
        ].join(","),
      );
    }
  }
  return parseDataset(lines.join("\n") + "\n", "panel.csv", {
    kind: "geo",
    roles: { media: ["tv_spend", "radio_spend"], impressions: [], controls: ["competitor_sales_control"] },
  });
}

const CONTROLS = ["competitor_sales_control"];
const GRID = {
  thetaGrid: [0, 0.2, 0.5, 0.8],
  scaleMultiples: [0.03, 0.2, 1, 4],
  folds: 3,
  minTrainSize: 20,
  seasonality: "none",
  controls: CONTROLS,
} as const;

function setup(ds: Dataset) {
  const ctx = prepareGeoSearch(ds, GRID);
  ctx.cv.setOutcome(ctx.y);
  const r = runGeoSearch(ctx);
  const t = geoTransformsResult(ctx, r);
  const model = fitGeoModel(ds, t.chosen, { seasonality: "none", controls: CONTROLS });
  return { ctx, r, t, model };
}

Deno.test("a bootstrap replicate re-runs the search and the fit on y* = ŷ + v_g · ê", async () => {
  const ds = panel(14, 60, 0);
  const { ctx, r, t, model } = setup(ds);
  const boot = await geoBootstrap(ctx, r.chosen, model.fit, {
    seed: 11,
    replicates: 3,
    scheme: "geo",
    residuals: "ordinary",
    warmStart: false,
  });
  assertEquals([boot.scheme, boot.clusters, boot.weights], ["geo", 14, "rademacher"]);
  // replicate 0's weights: one Rademacher sign per geo (top bit of xoshiro128** from the seed)
  const next = xoshiro128ss(11);
  const v = Array.from({ length: 14 }, () => (next() >>> 31 ? -1 : 1));
  const geoIndex = [...new Set(ds.geos!)];
  const yStar = Float64Array.from(
    model.fit.fitted,
    (f, i) => f + v[geoIndex.indexOf(ds.geos![i])] * model.fit.residuals[i],
  );
  const dsStar: Dataset = { ...ds, columns: { ...ds.columns, sales: yStar } };
  const again = searchGeoTransforms(dsStar, GRID);
  const C = boot.channels.length;
  for (const [c, name] of boot.channels.entries()) {
    assertEquals([boot.theta[c], boot.scale[c]], [again.chosen[name].theta, again.chosen[name].scale]);
  }
  const refit = fitGeoModel(dsStar, again.chosen, { seasonality: "none", controls: CONTROLS });
  assertArrayClose(Array.from(boot.slopes.subarray(0, boot.terms.length)), Array.from(refit.fit.coef), 1e-7);
  // the same weights with the data's transforms held fixed
  const held = fitGeoModel(dsStar, t.chosen, { seasonality: "none", controls: CONTROLS });
  assertArrayClose(Array.from(boot.fixedCoef.subarray(0, C)), Array.from(held.fit.coef.subarray(0, C)), 1e-7);
});

Deno.test("geoBootstrap is deterministic for a seed and warm starts find what cold starts find here", async () => {
  const { ctx, r, model } = setup(panel(14, 60, 0, 2));
  const a = await geoBootstrap(ctx, r.chosen, model.fit, { seed: 5, replicates: 8, scheme: "geo" });
  const b = await geoBootstrap(ctx, r.chosen, model.fit, { seed: 5, replicates: 8, scheme: "geo" });
  assertEquals(Array.from(a.coef), Array.from(b.coef));
  const cold = await geoBootstrap(ctx, r.chosen, model.fit, {
    seed: 5,
    replicates: 8,
    scheme: "geo",
    warmStart: false,
  });
  assertEquals(Array.from(cold.theta), Array.from(a.theta));
  assertEquals(a.converged, 8);
});

Deno.test("geoBootstrap draws weights per week block when the geos share weekly shocks, per geo otherwise", async () => {
  const shocked = setup(panel(14, 60, 0.5, 3));
  const a = await geoBootstrap(shocked.ctx, shocked.r.chosen, shocked.model.fit, { seed: 1, replicates: 2 });
  assert(a.crossSection.pValue < 0.05, `CD p ${a.crossSection.pValue}`);
  // 60 weeks: blocks of max(4, ⌊60/12⌋) = 5 weeks, 12 blocks; Webb's weights with 12 clusters
  assertEquals([a.scheme, a.blockWeeks, a.clusters, a.weights], ["week-block", 5, 12, "webb"]);
  assert(a.schemeSentence.includes("common shocks"), a.schemeSentence);
  // independent noise: the rule follows the test's p-value (which rejects by chance about 5% of the time)
  let perGeo = 0;
  for (const seed of [4, 5, 6, 7]) {
    const calm = setup(panel(14, 60, 0, seed));
    const b = await geoBootstrap(calm.ctx, calm.r.chosen, calm.model.fit, { seed: 1, replicates: 2 });
    assertEquals(b.scheme, b.crossSection.pValue < 0.05 ? "week-block" : "geo");
    if (b.scheme === "geo") {
      perGeo++;
      assertEquals([b.clusters, b.weights], [14, "rademacher"]);
    }
  }
  assert(perGeo >= 2, `weights per geo in ${perGeo} of 4 panels without common shocks`);
  // fewer geos than week blocks: week blocks even without common shocks
  const few = setup(panel(6, 60, 0, 8));
  const c = await geoBootstrap(few.ctx, few.r.chosen, few.model.fit, { seed: 1, replicates: 2 });
  assertEquals([c.scheme, c.clusters], ["week-block", 12]);
});

Deno.test("the widening is Student's t quantile over the normal's, with K − 1 degrees of freedom", async () => {
  const { ctx, r, model } = setup(panel(14, 60, 0, 6));
  const b = await geoBootstrap(ctx, r.chosen, model.fit, { seed: 1, replicates: 2, scheme: "week-block" });
  // scipy: t.ppf(0.975, 11) / norm.ppf(0.975)
  assertAlmostEquals(b.widening, 2.200985160091639 / 1.959963984540054, 1e-8);
  assertEquals(b.df, 11);
});

Deno.test("jackknifeResiduals are each cluster's residuals from the fit without it", () => {
  const u = rng(9);
  const n = 30, k = 3, K = 5;
  const x = Float64Array.from({ length: n * k }, () => u() - 0.5);
  const y = Float64Array.from({ length: n }, (_, i) => x[i * k] - 2 * x[i * k + 1] + 0.3 * (u() - 0.5));
  const cluster = Int32Array.from({ length: n }, (_, i) => i % K);
  const full = qrLeastSquares(x, y, n, k);
  const e = Float64Array.from(
    y,
    (v, i) => v - (x[i * k] * full.coef[0] + x[i * k + 1] * full.coef[1] + x[i * k + 2] * full.coef[2]),
  );
  const jack = jackknifeResiduals(x, k, e, cluster, K);
  for (let c = 0; c < K; c++) {
    const rows = Array.from({ length: n }, (_, i) => i).filter((i) => cluster[i] !== c);
    const xs = new Float64Array(rows.length * k), ys = new Float64Array(rows.length);
    rows.forEach((i, r) => {
      for (let a = 0; a < k; a++) xs[r * k + a] = x[i * k + a];
      ys[r] = y[i];
    });
    const out = qrLeastSquares(xs, ys, rows.length, k).coef;
    for (let i = 0; i < n; i++) {
      if (cluster[i] !== c) continue;
      const want = y[i] - (x[i * k] * out[0] + x[i * k + 1] * out[1] + x[i * k + 2] * out[2]);
      assertAlmostEquals(jack[i], want, 1e-10);
    }
  }
});

Deno.test("crossSectionWords reads the CD statistic's sign: together when positive, opposite when negative", () => {
  // CD = √(2T/(N(N−1))) Σ ρ̂_ij: its sign is the sign of the sum of the pairwise correlations
  assert(crossSectionWords(2.24).includes("move together"));
  assert(!crossSectionWords(-2.24).includes("move together"));
  assert(crossSectionWords(-2.24).includes("opposite directions"));
  assert(!crossSectionWords(2.24).includes("opposite"));
  assert(!crossSectionWords(0).includes("together") && !crossSectionWords(0).includes("opposite"));
});
