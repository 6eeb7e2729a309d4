/**
 * The geo model's full inference package on the bundled 40 × 156 panel, to hold against issue #3's target
 * (< 10 ms for fixed effects with full inference, robust and cluster covariances and the residual tests;
 * statsmodels takes about 60 ms for the dummy fit plus robust/cluster errors, residual tests and VIF here).
 *
 * Run: deno bench --allow-read bench/geo_model_bench.ts
 */
import { fitFixedEffects, withCovariance } from "../lib/models/mod.ts";
import { breuschPagan, groupLjungBox, vif } from "../lib/evaluate/mod.ts";
import { withIntercept } from "../lib/features/mod.ts";
import { bundledGeo, trueTransformGeoDesign } from "./_panels.ts";

const geo = bundledGeo();
const R = geo.roles;
const design = trueTransformGeoDesign(geo);
const y = geo.columns[R.target];
const exog = withIntercept(design);

Deno.bench({
  name:
    `geo FE (6,240 rows, k=${design.k}): fit + nonrobust + HC1 + cluster + JB/omnibus/DW/cond + Breusch-Pagan + per-geo Ljung-Box + VIF; target < 10 ms`,
  group: "geo",
  baseline: true,
  fn() {
    const fit = fitFixedEffects(design, y, geo.geos!);
    withCovariance(fit, { covType: "HC1" });
    withCovariance(fit, { covType: "cluster", groups: geo.geos! });
    breuschPagan(fit.residuals, exog, { robust: true });
    groupLjungBox(fit.residuals, geo.geos!, 4);
    vif(exog);
  },
});

Deno.bench({
  name: "the same without Breusch-Pagan, Ljung-Box and VIF",
  group: "geo",
  fn() {
    const fit = fitFixedEffects(design, y, geo.geos!);
    withCovariance(fit, { covType: "HC1" });
    withCovariance(fit, { covType: "cluster", groups: geo.geos! });
  },
});
