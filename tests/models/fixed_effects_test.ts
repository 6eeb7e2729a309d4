/**
 * fitFixedEffects (within transformation) against statsmodels 0.13.5's dummy-variable fit
 * `smf.ols("y ~ x1 + x2 + x3 + C(geo)")` on a seeded, unbalanced, shuffled 20-geo panel
 * (tests/fixtures/fixed_effects.py → fixed_effects.json).
 *
 * Tolerances: 1e-8 relative for slopes, standard errors, statistics, covariances, R², llf, AIC/BIC, F and
 * residual tests; p-values 1e-8 relative or 1e-12 absolute; interval bounds 1e-8 relative to the half-width
 * (scipy's t/normal quantiles are good to ~1e-9); residuals, fitted values and group effects 1e-8 relative to
 * the scale of y.
 */

import { assert, assertArrayClose, assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import type { Design } from "../../lib/features/design.ts";
import { ModelError } from "../../lib/errors.ts";
import {
  fitFixedEffects,
  type FixedEffectsFit,
  type FixedEffectsOptions,
  predictFixedEffects,
  withinTransform,
} from "../../lib/models/fixed_effects.ts";
import { withCovariance } from "../../lib/models/regression_results.ts";
import { summaryText } from "../../lib/models/summary.ts";

const fixture = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/fixed_effects.json", import.meta.url)),
);
const RTOL = 1e-8;
const P_FLOOR = 1e-4;
const geo: string[] = fixture.geo;
const y = Float64Array.from(fixture.y as number[]);
const design: Design = {
  names: fixture.names,
  n: y.length,
  k: 3,
  x: Float64Array.from(fixture.x as number[]),
};
const Y_SCALE = Math.max(...y.map(Math.abs));

function checkFit(fit: FixedEffectsFit, ref: Record<string, number & number[]>, label: string): void {
  assertArrayClose(fit.coef, ref.params, RTOL, 1e-12, `${label} params`);
  assertArrayClose(fit.bse, ref.bse, RTOL, 1e-12, `${label} bse`);
  assertArrayClose(fit.tvalues, ref.tvalues, RTOL, 1e-12, `${label} tvalues`);
  assertArrayClose(fit.pvalues, ref.pvalues, RTOL, P_FLOOR, `${label} pvalues`);
  assertArrayClose(fit.cov, ref.cov, RTOL, Math.max(...ref.cov.map(Math.abs)) * 1e-6, `${label} cov`);
  for (let j = 0; j < 3; j++) {
    const lo = ref.conf_int[2 * j], hi = ref.conf_int[2 * j + 1];
    assertRelClose(fit.confInt.lower[j], lo, RTOL, (hi - lo) / 2, `${label} ci lower`);
    assertRelClose(fit.confInt.upper[j], hi, RTOL, (hi - lo) / 2, `${label} ci upper`);
  }
  assertEquals(fit.useT, ref.use_t as unknown as boolean, `${label} use_t`);
  assertEquals(fit.dfInference, ref.df_resid_inference, `${label} df inference`);
  assertEquals(fit.dfResid, ref.df_resid, `${label} df_resid`);
  assertEquals(fit.dfModel, ref.df_model, `${label} df_model`);
  const s = fit.stats;
  const pairs: [number, string][] = [
    [s.rsquared, "rsquared"],
    [s.rsquaredAdj, "rsquared_adj"],
    [s.logLik, "llf"],
    [s.aic, "aic"],
    [s.bic, "bic"],
    [s.ssr, "ssr"],
    [s.ess, "ess"],
    [s.centeredTss, "centered_tss"],
    [s.mseModel, "mse_model"],
    [s.mseResid, "mse_resid"],
    [s.mseTotal, "mse_total"],
    [s.scale, "scale"],
    [s.omnibus, "omnibus"],
    [s.skew, "skew"],
    [s.kurtosis, "kurtosis"],
    [s.jarqueBera, "jb"],
    [s.durbinWatson, "durbin_watson"],
    [s.fvalue, "slopes_f"],
  ];
  for (const [mine, key] of pairs) assertRelClose(mine, ref[key], RTOL, 1e-12, `${label} ${key}`);
  assertRelClose(s.fPvalue, ref.slopes_f_pvalue, RTOL, P_FLOOR, `${label} slopes F p`);
  assertRelClose(s.omnibusPvalue, ref.omnibus_p, RTOL, P_FLOOR, `${label} omnibus p`);
  assertRelClose(s.jarqueBeraPvalue, ref.jb_p, RTOL, P_FLOOR, `${label} jb p`);
  assertArrayClose(fit.residuals, ref.resid, RTOL, Y_SCALE, `${label} resid`);
  assertArrayClose(fit.fitted, ref.fittedvalues, RTOL, Y_SCALE, `${label} fitted`);
  assertEquals([...fit.lsdv.terms], ref.lsdv_terms as unknown as string[]);
  assertArrayClose(fit.lsdv.coef, ref.lsdv_params, RTOL, Y_SCALE, `${label} LSDV intercept and dummies`);
}

const options: Record<string, FixedEffectsOptions> = {
  nonrobust: {},
  HC0: { covType: "HC0" },
  HC1: { covType: "HC1" },
  HC2: { covType: "HC2" },
  HC3: { covType: "HC3" },
  cluster: { covType: "cluster" }, // clusters default to the fixed-effect groups
  cluster_t: { covType: "cluster", groups: geo, useT: true },
  HAC2: { covType: "HAC", maxLags: 2 },
};

for (const [key, opts] of Object.entries(options)) {
  Deno.test(`fitFixedEffects, ${key}, matches the LSDV fit of statsmodels`, () => {
    checkFit(fitFixedEffects(design, y, geo, { ...opts, groupName: "C(geo)" }), fixture.fits[key], key);
  });
}

Deno.test("withCovariance on a fixed-effects fit matches statsmodels' LSDV fits with each covariance", () => {
  const base = fitFixedEffects(design, y, geo, { groupName: "C(geo)" });
  for (const [key, opts] of Object.entries(options)) {
    checkFit(withCovariance(base, opts), fixture.fits[key], key);
  }
});

Deno.test("fitFixedEffects reports the LSDV nonrobust F, the within R², effects and the within condition number", () => {
  const fit = fitFixedEffects(design, y, geo);
  const ref = fixture.fits.nonrobust;
  assertRelClose(fit.stats.lsdvFvalue, ref.fvalue, RTOL);
  assertRelClose(fit.stats.lsdvFPvalue, ref.f_pvalue, RTOL, P_FLOOR);
  assertRelClose(fit.stats.withinRsquared, fixture.within.rsquared, RTOL);
  assertRelClose(fit.stats.conditionNumber, fixture.within.condition_number, RTOL);
  assertEquals([...fit.groupLevels], fixture.within.levels);
  assertEquals([...fit.groupSizes], fixture.within.sizes);
  assertArrayClose(fit.groupEffects, fixture.within.effects, RTOL, Y_SCALE);
  assertEquals([fit.dfResid, fit.dfModel], [y.length - 3 - 20, 3 + 20 - 1]);
});

Deno.test("withinTransform demeans by group whatever the row order", () => {
  // rows 0 and 2 in group 0 (means x: 3, 20; y: 2), rows 1 and 3 in group 1 (means x: 2.5, 30; y: 3)
  const x = Float64Array.from([1, 10, 3, 20, 5, 30, 2, 40]); // 4 rows × 2
  const yy = Float64Array.from([1, 2, 3, 4]);
  const t = withinTransform(x, yy, 4, 2, Int32Array.from([0, 1, 0, 1]), 2);
  assertEquals([...t.x], [-2, -10, 0.5, -10, 2, 10, -0.5, 10]);
  assertEquals([...t.y], [-1, -1, 1, 1]);
  assertEquals([...t.xMeans], [3, 20, 2.5, 30]);
  assertEquals([...t.yMeans], [2, 3]);
  assertEquals([...t.sizes], [2, 2]);
});

Deno.test("predictFixedEffects adds the group effect to x'b and reproduces the fitted values", () => {
  const fit = fitFixedEffects(design, y, geo);
  assertArrayClose(predictFixedEffects(fit, design, geo), fixture.fits.nonrobust.fittedvalues, RTOL, Y_SCALE);
  assertThrows(
    () => predictFixedEffects(fit, { ...design, n: 1, x: design.x.slice(0, 3) }, ["nowhere"]),
    RangeError,
    '"nowhere"',
  );
});

Deno.test("fitFixedEffects names a regressor that does not vary within groups (intercept, geo-level)", () => {
  const n = y.length;
  const x = new Float64Array(n * 4);
  const levels: string[] = fixture.within.levels;
  const level = new Map(levels.map((l, c) => [l, c * 1000 + 5e5]));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 3; j++) x[i * 4 + j] = design.x[i * 3 + j];
    x[i * 4 + 3] = level.get(geo[i])!; // population constant within each geo
  }
  const error = assertThrows(
    () =>
      fitFixedEffects({ names: [...fixture.names, "population"], n, k: 4, x }, y, geo, { groupName: "geo" }),
    ModelError,
    '"population" does not vary within geo',
  );
  assertEquals([...error.columns], ["population"]);
});

Deno.test("fitFixedEffects names collinear regressors after demeaning", () => {
  const n = y.length;
  const x = new Float64Array(n * 4);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 3; j++) x[i * 4 + j] = design.x[i * 3 + j];
    x[i * 4 + 3] = design.x[i * 3] + 2 * design.x[i * 3 + 2];
  }
  const error = assertThrows(
    () => fitFixedEffects({ names: [...fixture.names, "x1_plus_2x3"], n, k: 4, x }, y, geo),
    ModelError,
    '"x1_plus_2x3" is a linear combination of "x1", "x3"',
  );
  assert(error.columns.includes("x1_plus_2x3"));
});

Deno.test("fitFixedEffects rejects too few degrees of freedom, one group, and HC3 with a singleton group", () => {
  const small: Design = { names: ["x"], n: 4, k: 1, x: Float64Array.from([1, 2, 3, 5]) };
  const y4 = Float64Array.from([1, 3, 2, 7]);
  assertThrows(() => fitFixedEffects(small, y4, ["a", "b", "c", "c"]), ModelError, "n − k − G = 0");
  assertThrows(() => fitFixedEffects(small, y4, ["a", "a", "a", "a"]), ModelError, "at least 2 groups");
  const six: Design = { names: ["x"], n: 6, k: 1, x: Float64Array.from([1, 2, 4, 3, 5, 9]) };
  const y6 = Float64Array.from([1, 3, 2, 7, 4, 8]);
  assertThrows(
    () => fitFixedEffects(six, y6, ["a", "a", "a", "b", "b", "c"], { covType: "HC3" }),
    ModelError,
    "leverage",
  );
});

Deno.test("summaryText of a fixed-effects fit shows groups, within R² and the LSDV note", () => {
  const text = summaryText(
    fitFixedEffects(design, y, geo, { covType: "cluster", groupName: "geo", yName: "sales" }),
  );
  for (
    const fragment of [
      "Fixed Effects (Within) Regression Results",
      "No. Groups:                        20",
      "R-squared (within):",
      "x1 ",
      "20 geo effects absorbed",
    ]
  ) {
    assert(text.includes(fragment), `missing "${fragment}" in\n${text}`);
  }
});
