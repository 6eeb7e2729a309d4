/**
 * Driscoll–Kraay covariance (`covType: "driscoll-kraay"`) against statsmodels 0.13.5's
 * `cov_type="hac-groupsum"` on a shuffled, unbalanced 12-geo × 40-week panel with a common shock
 * (tests/fixtures/driscoll_kraay.py → driscoll_kraay.json): the dummy-variable OLS fit under each small-sample
 * correction and lag, the pooled fit, and the fixed-effects (within) fit against the dummy fit's slope block.
 *
 * Tolerances as tests/models/ols_test.ts: 1e-8 relative for coefficients, covariances (floor 1e-6 of the
 * largest entry), standard errors, z/t statistics and F; p-values 1e-8 relative or 1e-12 absolute; interval
 * bounds 1e-8 relative to the half-width. The t/F p-values on T − 1 degrees of freedom are scipy's from
 * statsmodels' statistics (statsmodels' own `df_resid_inference` for this covariance counts decreases of the
 * time index in row order, 215 here; see `coefficientCovariance`).
 */

import { assert, assertArrayClose, assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import type { Design } from "../../lib/features/design.ts";
import { ModelError } from "../../lib/errors.ts";
import { fitOls, type OlsOptions } from "../../lib/models/ols.ts";
import { fitFixedEffects } from "../../lib/models/fixed_effects.ts";
import { type SmallSampleCorrection } from "../../lib/models/covariance.ts";
import { type RegressionFitBase, withCovariance } from "../../lib/models/regression_results.ts";
import { coefficientCovariance, periodCodes } from "../../lib/models/covariance.ts";

const fixture = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/driscoll_kraay.json", import.meta.url)),
);
const RTOL = 1e-8;
const P_FLOOR = 1e-4;
const T: number = fixture.n_periods;
const y = Float64Array.from(fixture.y as number[]);
const n = y.length;
const week = Int32Array.from(fixture.week as number[]);
const dates: string[] = fixture.date;
const geo: string[] = fixture.geo;

function design(names: string[], x: number[]): Design {
  return { names, n, k: names.length, x: Float64Array.from(x) };
}
const lsdvDesign = design(fixture.lsdv_names, fixture.x_lsdv);
const pooledDesign = design(fixture.pooled_names, fixture.x_pooled);
const slopesDesign = design(fixture.slopes, fixture.x_slopes);

interface Variant {
  maxlags: number;
  use_correction?: false | "hac";
}
const variants: Record<string, Variant> = fixture.variants;
const optionsOf = (v: Variant, time: readonly string[] | Int32Array = week): OlsOptions => ({
  covType: "driscoll-kraay",
  time,
  maxLags: v.maxlags,
  ...(v.use_correction === undefined ? {} : { useCorrection: v.use_correction as SmallSampleCorrection }),
});

function checkAgainst(fit: RegressionFitBase, ref: Record<string, number & number[]>, label: string): void {
  assertArrayClose(fit.coef, ref.params, RTOL, 1e-12, `${label} params`);
  assertArrayClose(fit.cov, ref.cov, RTOL, Math.max(...ref.cov.map(Math.abs)) * 1e-6, `${label} cov`);
  assertArrayClose(fit.bse, ref.bse, RTOL, 1e-12, `${label} bse`);
  assertArrayClose(fit.tvalues, ref.tvalues, RTOL, 1e-12, `${label} z`);
  assertArrayClose(fit.pvalues, ref.pvalues, RTOL, P_FLOOR, `${label} p`);
  for (let j = 0; j < fit.coef.length; j++) {
    const lo = ref.conf_int[2 * j], hi = ref.conf_int[2 * j + 1];
    assertRelClose(fit.confInt.lower[j], lo, RTOL, (hi - lo) / 2, `${label} ci lower [${j}]`);
    assertRelClose(fit.confInt.upper[j], hi, RTOL, (hi - lo) / 2, `${label} ci upper [${j}]`);
  }
  assertEquals(fit.useT, false, `${label} use_t`);
  assertEquals(fit.dfInference, T - 1, `${label} df inference`);
  assertEquals(fit.covDetails.nPeriods, T);
  assertEquals(fit.covDetails.description, (ref as unknown as { description: string }).description);
}

for (const [key, v] of Object.entries(variants)) {
  Deno.test(`fitOls, Driscoll–Kraay ${key}, matches statsmodels' hac-groupsum on the dummy-variable panel fit`, () => {
    const ref = fixture.lsdv[key];
    const fit = fitOls(lsdvDesign, y, optionsOf(v));
    checkAgainst(fit, ref, key);
    assertRelClose(fit.stats.fvalue, ref.fvalue, RTOL, 1e-12, `${key} F`);
    assertRelClose(fit.stats.fPvalue, ref.f_pvalue_T1, RTOL, P_FLOOR, `${key} F p on (q, T − 1)`);
    assertEquals(fit.covDetails.maxLags, v.maxlags);
    assertEquals(fit.covDetails.useCorrection, v.use_correction ?? "cluster");
  });
}

Deno.test("Driscoll–Kraay: ISO dates and integer week codes give the same covariance", () => {
  const a = fitOls(lsdvDesign, y, optionsOf(variants.L3, week));
  const b = fitOls(lsdvDesign, y, optionsOf(variants.L3, dates));
  assertEquals([...a.cov], [...b.cov]);
});

Deno.test("Driscoll–Kraay on the pooled panel fit matches statsmodels", () => {
  const fit = fitOls(pooledDesign, y, optionsOf({ maxlags: 3 }, dates));
  checkAgainst(fit, fixture.pooled, "pooled");
  assertRelClose(fit.stats.fvalue, fixture.pooled.fvalue, RTOL, 1e-12, "pooled F");
});

Deno.test("Driscoll–Kraay with useT: t on T − 1 degrees of freedom (scipy from statsmodels' statistics)", () => {
  const ref = fixture.lsdv.L3;
  const fit = fitOls(lsdvDesign, y, { ...optionsOf(variants.L3), useT: true });
  assertArrayClose(fit.pvalues, ref.pvalues_t_T1, RTOL, P_FLOOR, "t p");
  for (let j = 0; j < fit.coef.length; j++) {
    const lo = ref.conf_int_t_T1[2 * j], hi = ref.conf_int_t_T1[2 * j + 1];
    assertRelClose(fit.confInt.lower[j], lo, RTOL, (hi - lo) / 2, `ci lower [${j}]`);
    assertRelClose(fit.confInt.upper[j], hi, RTOL, (hi - lo) / 2, `ci upper [${j}]`);
  }
});

for (const [key, v] of Object.entries(variants)) {
  Deno.test(`fitFixedEffects, Driscoll–Kraay ${key}: the within fit gives the dummy fit's slope block`, () => {
    const ref = fixture.lsdv[key];
    const idx = fixture.slopes.map((s: string) => fixture.lsdv_names.indexOf(s));
    const block: number[] = fixture.lsdv_slope_cov[key];
    const fit = fitFixedEffects(slopesDesign, y, geo, optionsOf(v, dates));
    assertArrayClose(fit.coef, idx.map((j: number) => ref.params[j]), RTOL, 1e-12, "slopes");
    assertArrayClose(fit.cov, block, RTOL, Math.max(...block.map(Math.abs)) * 1e-6, "slope cov");
    assertArrayClose(fit.bse, idx.map((j: number) => ref.bse[j]), RTOL, 1e-12, "bse");
    assertArrayClose(fit.pvalues, idx.map((j: number) => ref.pvalues[j]), RTOL, P_FLOOR, "p");
    assertRelClose(fit.stats.fvalue, ref.slopes_f, RTOL, 1e-12, "slopes F");
    assertRelClose(fit.stats.fPvalue, ref.slopes_f_pvalue_T1, RTOL, P_FLOOR, "slopes F p");
    assertEquals(fit.dfInference, T - 1);
    // and through withCovariance on a classical fit
    const re = withCovariance(fitFixedEffects(slopesDesign, y, geo), optionsOf(v, week));
    assertArrayClose(re.cov, block, RTOL, Math.max(...block.map(Math.abs)) * 1e-6, "withCovariance");
  });
}

Deno.test("the fixture's own check: statsmodels' meat on the within scores equals the LSDV slope block", () => {
  const c = fixture.within_check;
  assert(c.max_abs_diff_uncorrected <= 1e-12 * c.max_abs_cov, `diff ${c.max_abs_diff_uncorrected}`);
});

Deno.test("Driscoll–Kraay with one row per period is Newey–West HAC (rows in time order)", () => {
  const m = 50;
  const x = new Float64Array(m * 2), yy = new Float64Array(m);
  for (let t = 0; t < m; t++) {
    x[2 * t] = 1;
    x[2 * t + 1] = Math.sin(t / 3) + 0.01 * t;
    yy[t] = 1 + 2 * x[2 * t + 1] + Math.cos(t * 1.7) * (1 + (t % 3));
  }
  const d: Design = { names: ["const", "x"], n: m, k: 2, x };
  const time = Int32Array.from({ length: m }, (_, t) => t);
  for (const L of [0, 2, 5]) {
    const dk = fitOls(d, yy, { covType: "driscoll-kraay", time, maxLags: L, useCorrection: "hac" });
    const hac = fitOls(d, yy, { covType: "HAC", maxLags: L, useCorrection: true });
    assertArrayClose(dk.cov, hac.cov, 1e-12, 1e-300, `L = ${L}`);
  }
});

Deno.test("Driscoll–Kraay with maxLags 0 is the cluster covariance clustered by period", () => {
  const dk = fitOls(lsdvDesign, y, optionsOf({ maxlags: 0 }));
  const cl = fitOls(lsdvDesign, y, { covType: "cluster", groups: week });
  const scale = Math.max(...cl.cov.map(Math.abs));
  assertArrayClose(dk.cov, cl.cov, 1e-12, scale * 1e-6);
  assertEquals(dk.dfInference, cl.dfInference);
});

Deno.test("Driscoll–Kraay is independent of row order", () => {
  const perm = Array.from({ length: n }, (_, i) => (i * 37) % n); // 37 is coprime to n
  const k = lsdvDesign.k;
  const x = new Float64Array(n * k);
  perm.forEach((src, i) => x.set(lsdvDesign.x.subarray(src * k, src * k + k), i * k));
  const fit = fitOls({ ...lsdvDesign, x }, Float64Array.from(perm, (i) => y[i]), {
    ...optionsOf(variants.L3),
    time: Int32Array.from(perm, (i) => week[i]),
  });
  const ref = fixture.lsdv.L3;
  assertArrayClose(fit.cov, ref.cov, RTOL, Math.max(...ref.cov.map(Math.abs)) * 1e-6);
});

Deno.test("Driscoll–Kraay says what is missing or wrong", () => {
  assertThrows(
    () => fitOls(pooledDesign, y, { covType: "driscoll-kraay", maxLags: 2 }),
    RangeError,
    "`time`",
  );
  assertThrows(
    () => fitOls(pooledDesign, y, { covType: "driscoll-kraay", time: week }),
    RangeError,
    "maxLags",
  );
  assertThrows(
    () => fitOls(pooledDesign, y, { covType: "driscoll-kraay", time: week, maxLags: T }),
    RangeError,
    `below the number of periods ${T}`,
  );
  const gappy = week.map((t) => (t >= 10 ? t + 2 : t));
  assertThrows(
    () => fitOls(pooledDesign, y, { covType: "driscoll-kraay", time: gappy, maxLags: 2 }),
    RangeError,
    "no rows for periods 10–11",
  );
  assertThrows(
    () => fitOls(pooledDesign, y, { covType: "HAC", maxLags: 2, useCorrection: "hac" }),
    RangeError,
    "Driscoll–Kraay only",
  );
  assertThrows(
    () =>
      coefficientCovariance(
        {
          x: new Float64Array(4).fill(1),
          n: 4,
          k: 1,
          normalizedCov: new Float64Array([0.25]),
          residuals: new Float64Array([1, -1, 1, -1]),
          dfResid: 3,
          kParams: 1,
        },
        {
          covType: "driscoll-kraay",
          time: ["2024-01-01", "2024-01-01", "2024-01-01", "2024-01-01"],
          maxLags: 0,
        },
      ),
    ModelError,
    "at least 2 time periods",
  );
});

Deno.test("periodCodes sorts labels into consecutive periods", () => {
  assertEquals(periodCodes(["2024-01-08", "2024-01-01", "2024-01-08"], 3), {
    codes: Int32Array.from([1, 0, 1]),
    nPeriods: 2,
  });
  assertEquals(periodCodes(Int32Array.from([3, 2, 2, 4]), 4).codes, Int32Array.from([1, 0, 0, 2]));
});
