/**
 * fitOls against statsmodels 0.13.5 (tests/fixtures/ols.py → ols.json).
 *
 * Tolerances: closed-form quantities (coefficients, covariances, standard errors, statistics, R², F, llf,
 * AIC/BIC, residual tests, condition number) agree to 1e-8 relative. P-values: 1e-8 relative, or 1e-12
 * absolute for tiny ones (`assertRelClose(p, ref, 1e-8, 1e-4)`). Residuals and fitted values: 1e-8 relative
 * to the scale of y (floor 1). Interval bounds: 1e-8 relative to the interval's half-width, because scipy's
 * own quantile is only good to ~1e-9 (`t.ppf(0.975, 56)` = 2.0032407174966975 while `t.sf` of it is
 * 0.0250000000747; ours, 2.003240718847871, has `t.sf` = 0.025 to 1e-16), which a bound near zero amplifies.
 */

import { assert, assertArrayClose, assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import type { Design } from "../../lib/features/design.ts";
import { ModelError } from "../../lib/errors.ts";
import { fitOls, type OlsFit, type OlsOptions, predictOls } from "../../lib/models/ols.ts";
import { confidenceInterval, withCovariance } from "../../lib/models/regression_results.ts";
import { summaryTable, summaryText } from "../../lib/models/summary.ts";

interface Reference {
  params: number[];
  bse: number[];
  tvalues: number[];
  pvalues: number[];
  conf_int: number[];
  cov: number[];
  use_t: boolean;
  df_resid_inference: number;
  df_model: number;
  df_resid: number;
  k_constant: number;
  [stat: string]: unknown;
}

const fixture = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/ols.json", import.meta.url)),
);

const RTOL = 1e-8;
const P_FLOOR = 1e-4; // 1e-8 relative, or 1e-12 absolute

function design(names: string[], x: number[]): Design {
  return { names, n: x.length / names.length, k: names.length, x: Float64Array.from(x) };
}

const y = Float64Array.from(fixture.y as number[]);
const main = design(fixture.names, fixture.x);

/** Interleaves statsmodels' conf_int rows [lower, upper] into two arrays. */
function split(ci: number[]): { lower: number[]; upper: number[] } {
  return { lower: ci.filter((_, i) => i % 2 === 0), upper: ci.filter((_, i) => i % 2 === 1) };
}

/** Interval bounds agree to 1e-8 relative to the half-width `(upper − lower)/2` of the reference interval. */
function assertIntervalClose(
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  ref: { lower: number[]; upper: number[] },
  label: string,
): void {
  for (let j = 0; j < ref.lower.length; j++) {
    const half = (ref.upper[j] - ref.lower[j]) / 2;
    assertRelClose(lower[j], ref.lower[j], RTOL, half, `${label} lower [${j}]`);
    assertRelClose(upper[j], ref.upper[j], RTOL, half, `${label} upper [${j}]`);
  }
}

function checkFit(fit: OlsFit, ref: Reference, label: string): void {
  const r = ref as unknown as Record<string, number & number[]>;
  assertArrayClose(fit.coef, ref.params, RTOL, 1e-12, `${label} params`);
  assertArrayClose(fit.bse, ref.bse, RTOL, 1e-12, `${label} bse`);
  assertArrayClose(fit.tvalues, ref.tvalues, RTOL, 1e-12, `${label} tvalues`);
  assertArrayClose(fit.pvalues, ref.pvalues, RTOL, P_FLOOR, `${label} pvalues`);
  const maxCov = Math.max(...ref.cov.map(Math.abs));
  assertArrayClose(fit.cov, ref.cov, RTOL, maxCov * 1e-6, `${label} cov`);
  assertIntervalClose(fit.confInt.lower, fit.confInt.upper, split(ref.conf_int), `${label} ci`);
  const mine90 = confidenceInterval(fit, 0.1);
  assertIntervalClose(mine90.lower, mine90.upper, split(r["conf_int_0.1"]), `${label} ci90`);
  assertEquals(fit.useT, ref.use_t, `${label} use_t`);
  assertEquals(fit.dfInference, ref.df_resid_inference, `${label} df inference`);
  assertEquals(fit.dfModel, ref.df_model, `${label} df_model`);
  assertEquals(fit.dfResid, ref.df_resid, `${label} df_resid`);
  assertEquals(fit.kConstant, ref.k_constant, `${label} k_constant`);
  const s = fit.stats;
  const pairs: [number, string][] = [
    [s.rsquared, "rsquared"],
    [s.rsquaredAdj, "rsquared_adj"],
    [s.fvalue, "fvalue"],
    [s.logLik, "llf"],
    [s.aic, "aic"],
    [s.bic, "bic"],
    [s.ssr, "ssr"],
    [s.ess, "ess"],
    [s.centeredTss, "centered_tss"],
    [s.uncenteredTss, "uncentered_tss"],
    [s.mseModel, "mse_model"],
    [s.mseResid, "mse_resid"],
    [s.mseTotal, "mse_total"],
    [s.scale, "scale"],
    [s.conditionNumber, "condition_number"],
    [s.omnibus, "omnibus"],
    [s.skew, "skew"],
    [s.kurtosis, "kurtosis"],
    [s.jarqueBera, "jb"],
    [s.durbinWatson, "durbin_watson"],
  ];
  for (const [mine, key] of pairs) assertRelClose(mine, r[key] ?? NaN, RTOL, 1e-12, `${label} ${key}`);
  for (
    const [mine, key] of [[s.fPvalue, "f_pvalue"], [s.omnibusPvalue, "omnibus_p"], [
      s.jarqueBeraPvalue,
      "jb_p",
    ]]
  ) {
    assertRelClose(mine as number, r[key as string] ?? NaN, RTOL, P_FLOOR, `${label} ${key}`);
  }
  const yScale = Math.max(1, ...(r.fittedvalues as number[]).map(Math.abs));
  assertArrayClose(fit.residuals, r.resid, RTOL, yScale, `${label} resid`);
  assertArrayClose(fit.fitted, r.fittedvalues, RTOL, yScale, `${label} fitted`);
}

const options: Record<string, OlsOptions> = {
  nonrobust: {},
  HC0: { covType: "HC0" },
  HC1: { covType: "HC1" },
  HC2: { covType: "HC2" },
  HC3: { covType: "HC3" },
  HAC3: { covType: "HAC", maxLags: 3 },
  HAC3_corrected: { covType: "HAC", maxLags: 3, useCorrection: true },
  cluster: { covType: "cluster", groups: fixture.groups },
  cluster_t: { covType: "cluster", groups: fixture.groups, useT: true },
  cluster_uncorrected: { covType: "cluster", groups: fixture.groups, useCorrection: false },
  HC1_t: { covType: "HC1", useT: true },
};

for (const [key, opts] of Object.entries(options)) {
  Deno.test(`fitOls with a constant, ${key}, matches statsmodels`, () => {
    checkFit(fitOls(main, y, opts), fixture.fits[key], key);
  });
}

Deno.test("withCovariance on a nonrobust fit reproduces each covariance type of statsmodels", () => {
  const base = fitOls(main, y);
  for (const [key, opts] of Object.entries(options)) {
    checkFit(withCovariance(base, opts), fixture.fits[key], key);
  }
});

Deno.test("fitOls without a constant uses uncentered R² and df_model = k (statsmodels)", () => {
  const d = design(fixture.no_const.names, fixture.no_const.x);
  checkFit(fitOls(d, y), fixture.no_const.fits.nonrobust, "no const");
  checkFit(fitOls(d, y, { covType: "HC1" }), fixture.no_const.fits.HC1, "no const HC1");
  const fit = fitOls(d, y);
  assertEquals([fit.kConstant, fit.constIndex], [0, null]);
});

Deno.test("fitOls detects an implicit constant (full dummy set): centered R², robust F is NaN", () => {
  const d = design(fixture.implicit_const.names, fixture.implicit_const.x);
  const fit = fitOls(d, y);
  assertEquals([fit.kConstant, fit.constIndex], [1, null]);
  checkFit(fit, fixture.implicit_const.fits.nonrobust, "implicit");
  const robust = fitOls(d, y, { covType: "HC1" });
  checkFit(robust, fixture.implicit_const.fits.HC1, "implicit HC1");
  assert(Number.isNaN(robust.stats.fvalue));
});

Deno.test("fitOls finds a constant column that is neither first nor ones", () => {
  const d = design(fixture.const_middle.names, fixture.const_middle.x);
  const fit = fitOls(d, y);
  assertEquals(fit.constIndex, 1);
  checkFit(fit, fixture.const_middle.fit, "const middle");
});

Deno.test("fitOls on an ill-conditioned design (cond ≈ 1.7e7) keeps statsmodels' numbers", () => {
  const d = design(fixture.ill_conditioned.names, fixture.ill_conditioned.x);
  checkFit(fitOls(d, y), fixture.ill_conditioned.fit, "ill-conditioned");
});

Deno.test("predictOls matches statsmodels' get_prediction().summary_frame()", () => {
  const x = design(fixture.names, fixture.predict.x);
  const frames = fixture.predict.frames;
  const cases: [OlsOptions, string, number][] = [
    [{}, "nonrobust", 0.05],
    [{ covType: "HC1" }, "HC1", 0.05],
    [{ covType: "cluster", groups: fixture.groups, useT: true }, "cluster_t", 0.05],
    [{}, "nonrobust_90", 0.1],
  ];
  for (const [opts, key, alpha] of cases) {
    const p = predictOls(fitOls(main, y, opts), x, alpha);
    const ref = frames[key];
    assertArrayClose(p.mean, ref.mean, RTOL, 1e-12, `${key} mean`);
    assertArrayClose(p.meanSe, ref.mean_se, RTOL, 1e-12, `${key} mean_se`);
    const mean = { lower: ref.mean_ci_lower, upper: ref.mean_ci_upper };
    assertIntervalClose(p.meanLower, p.meanUpper, mean, `${key} mean ci`);
    const obs = { lower: ref.obs_ci_lower, upper: ref.obs_ci_upper };
    assertIntervalClose(p.obsLower, p.obsUpper, obs, `${key} obs ci`);
  }
});

Deno.test("predictOls rejects a design whose columns differ from the fit's terms", () => {
  const fit = fitOls(main, y);
  const swapped = design(["const", "x2", "x1", "x3"], fixture.predict.x);
  assertThrows(() => predictOls(fit, swapped), RangeError, "must match the fit's terms");
});

// --- errors -------------------------------------------------------------------------------------------

Deno.test("fitOls names the collinear columns of a rank-deficient design", () => {
  const n = 12;
  const x = new Float64Array(n * 4);
  for (let i = 0; i < n; i++) {
    x[i * 4] = 1;
    x[i * 4 + 1] = i;
    x[i * 4 + 2] = Math.sin(i);
    x[i * 4 + 3] = 2 * i - 3 * Math.sin(i); // = 2·tv − 3·search
  }
  const d: Design = { names: ["const", "tv", "search", "tv_minus_search"], n, k: 4, x };
  const error = assertThrows(() => fitOls(d, new Float64Array(n).map((_, i) => i % 3)), ModelError);
  assert(error.message.includes('"tv_minus_search"'), error.message);
  assert(error.message.includes('"tv"') && error.message.includes('"search"'), error.message);
  assertEquals([...error.columns].sort(), ["search", "tv", "tv_minus_search"]);
});

Deno.test("fitOls rejects n ≤ k", () => {
  const d: Design = {
    names: ["const", "a", "b"],
    n: 3,
    k: 3,
    x: Float64Array.from([1, 0, 1, 1, 1, 0, 1, 2, 5]),
  };
  assertThrows(
    () => fitOls(d, Float64Array.from([1, 2, 3])),
    ModelError,
    "3 rows cannot estimate 3 coefficients",
  );
});

Deno.test("fitOls names the column and row of a NaN or Infinity", () => {
  const x = Float64Array.from(fixture.x as number[]);
  x[17 * 4 + 2] = NaN;
  const error = assertThrows(() => fitOls({ ...main, x }, y), ModelError, 'column "x2"');
  assert(error.message.includes("row 17"), error.message);
  const yBad = Float64Array.from(y);
  yBad[5] = Infinity;
  assertThrows(() => fitOls(main, yBad, { yName: "revenue" }), ModelError, "revenue has a non-finite value");
});

Deno.test("fitOls checks covariance options", () => {
  assertThrows(() => fitOls(main, y, { covType: "HAC" }), RangeError, "maxLags");
  assertThrows(() => fitOls(main, y, { covType: "cluster" }), RangeError, "groups");
  assertThrows(
    () => fitOls(main, y, { covType: "cluster", groups: ["a", "b"] }),
    RangeError,
    "one per row",
  );
});

// --- summary ------------------------------------------------------------------------------------------

/** The lines of statsmodels' summary between the first "----" rule and the end of the footer table. */
function tableLines(text: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.startsWith("-----"));
  const notes = lines.findIndex((l) => l.startsWith("Notes:"));
  return lines.slice(start - 1, notes === -1 ? undefined : notes - 1);
}

Deno.test("summaryText reproduces statsmodels' coefficient and diagnostics tables character for character", () => {
  for (const key of ["nonrobust", "HC3", "cluster"]) {
    const mine = tableLines(summaryText(fitOls(main, y, options[key])));
    const ref = tableLines(fixture.fits[key].summary);
    assertEquals(mine, ref, key);
  }
});

Deno.test("summaryText shows statsmodels' header cells and notes", () => {
  for (const key of ["nonrobust", "cluster"]) {
    const lines = summaryText(fitOls(main, y, options[key])).split("\n");
    const ref: string[] = fixture.fits[key].summary.split("\n").slice(2, 11);
    // statsmodels pairs the halves differently (its Date/Time rows are left out here): compare each half
    for (const line of ref) {
      const left = line.slice(0, 37), right = line.slice(40).trimEnd();
      if (left.trim() !== "") assert(lines.some((l) => l.startsWith(left)), `${key}: missing "${left}"`);
      if (right !== "") assert(lines.some((l) => l.trimEnd().endsWith(right)), `${key}: missing "${right}"`);
    }
    const tables = lines.slice(0, lines.indexOf("Notes:") - 1);
    assert(tables.every((l) => l.length === 78), `${key}: tables must be statsmodels' 78 columns wide`);
  }
  const text = summaryText(fitOls(main, y, options.cluster));
  const notes = fixture.fits.cluster.summary.split("Notes:")[1];
  assertEquals(text.split("Notes:")[1], notes);
  const noConst = summaryText(fitOls(design(fixture.no_const.names, fixture.no_const.x), y));
  assert(noConst.includes("R-squared (uncentered):"), noConst);
  assert(noConst.includes("[1] R² is computed without centering"), noConst);
});

Deno.test("summaryTable gives numbers and statsmodels-formatted text for each cell", () => {
  const fit = fitOls(main, y);
  const table = summaryTable(fit);
  assertEquals(table.coefficients.columns, ["coef", "std err", "t", "P>|t|", "[0.025", "0.975]"]);
  assertEquals(table.coefficients.rows.map((r) => r.term), fixture.names);
  assertRelClose(table.coefficients.rows[1].values[0], fixture.fits.nonrobust.params[1]);
  const rsq = table.header.flat().find((c) => c?.label === "R-squared:");
  assertEquals(rsq?.text, "0.678");
  assertEquals(summaryTable(fitOls(main, y, { covType: "HC1" })).coefficients.columns[2], "z");
});
