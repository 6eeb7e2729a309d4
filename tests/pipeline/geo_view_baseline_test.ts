/**
 * Notebook 05's reference section: the design's specification as stated and per capita (or why not), the
 * comparison rows with and without a per-capita fit and a truth, term labels and the per-capita sentence.
 */
import { assert, assertEquals } from "../assert.ts";
import {
  baselineCoefficientRows,
  baselineComparisonColumns,
  baselineComparisonRows,
  baselineTermLabel,
  geoBaselineResults,
  geoBaselines,
  perCapitaSentence,
} from "../../lib/pipeline/geo_view_baseline.ts";
import type { GeoBaselineCoefficient } from "../../lib/pipeline/geo_baseline.ts";
import { panel } from "./_geo_panel.ts";

Deno.test("geoBaselines: per capita with a positive population, else the reason; results drop the fit", () => {
  const ds = panel({ geos: 4, weeks: 60 });
  const b = geoBaselines(ds);
  assert(b.perCapita !== undefined && b.perCapita.perCapita, "a per-capita fit");
  assertEquals([b.perCapitaProblem, b.dummies, b.baseline.perCapita], [undefined, 3, false]);
  const r = geoBaselineResults(b);
  assertEquals(["fit" in r.baseline, "fit" in r.baselinePerCapita], [false, false]);
  assertEquals(r.baseline.rsquared, b.baseline.rsquared);

  const population = Float64Array.from(ds.columns.population);
  population[5] = 0;
  const zero = { ...ds, columns: { ...ds.columns, population } };
  const z = geoBaselines(zero);
  assertEquals(z.perCapita, undefined);
  assert(z.perCapitaProblem?.includes("positive values"), `reason: ${z.perCapitaProblem}`);
  assertEquals(geoBaselineResults(z).baselinePerCapita, { unavailable: z.perCapitaProblem });
});

const format = {
  num: (x: number, digits = 0) => x.toFixed(digits),
  count: (x: number) => `${x} rows`,
  ratio: (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "NaN"),
  perDollarLabel: "sales per dollar",
};
const chosen = {
  model: { fit: { stats: { rsquared: 0.95, rsquaredAdj: 0.9, lsdvFvalue: 20 }, nobs: 10 } },
  roi: [{ channel: "tv_spend", roi: 2, trueRoi: 2.5 }, { channel: "search_spend + radio_spend", roi: 1 }],
};
const stats = (r2: number) => ({
  rsquared: r2,
  rsquaredAdj: r2 - 0.1,
  fvalue: 12,
  n: 10,
  roi: [{ channel: "tv_spend", roi: r2 }],
});

Deno.test("baselineComparisonRows: statistics then ROI per chosen channel; 'n/a' per capita without that fit", () => {
  const rows = baselineComparisonRows(chosen, { baseline: stats(0.5) }, format, false);
  assertEquals(rows, [
    { quantity: "R²", baseline: "0.5000", perCapita: "n/a", chosen: "0.9500" },
    { quantity: "Adjusted R²", baseline: "0.4000", perCapita: "n/a", chosen: "0.9000" },
    { quantity: "F (classical)", baseline: "12.0", perCapita: "n/a", chosen: "20.0" },
    { quantity: "Rows", baseline: "10 rows", perCapita: "n/a", chosen: "10 rows" },
    // the ROI rows write a missing fit's or channel's ROI as NaN through the ratio format
    { quantity: "ROI, TV (sales per dollar)", baseline: "0.50", perCapita: "NaN", chosen: "2.00" },
    { quantity: "ROI, Search + Radio (sales per dollar)", baseline: "NaN", perCapita: "NaN", chosen: "1.00" },
  ]);
});

Deno.test("baselineComparisonRows with a per-capita fit and a truth: truth column first, 'n/a' where unknown", () => {
  const rows = baselineComparisonRows(chosen, { baseline: stats(0.5), perCapita: stats(0.25) }, format, true);
  assertEquals(rows[0], {
    truth: "",
    quantity: "R²",
    baseline: "0.5000",
    perCapita: "0.2500",
    chosen: "0.9500",
  });
  assertEquals(rows[4], {
    truth: "2.50",
    quantity: "ROI, TV (sales per dollar)",
    baseline: "0.50",
    perCapita: "0.25",
    chosen: "2.00",
  });
  assertEquals(rows[5].truth, "n/a");
  assertEquals(Object.keys(rows[4]), ["truth", "quantity", "baseline", "perCapita", "chosen"]);
  assertEquals(baselineComparisonColumns(true), ["quantity", "baseline", "perCapita", "chosen", "truth"]);
  assertEquals(baselineComparisonColumns(false), ["quantity", "baseline", "perCapita", "chosen"]);
});

Deno.test("baselineTermLabel and baselineCoefficientRows: media, control and other terms; geo dummies left out", () => {
  const se = { nonrobust: 1, HC1: 2, cluster: 3 };
  const c = (term: string, kind: GeoBaselineCoefficient["kind"], column = ""): GeoBaselineCoefficient => ({
    term,
    kind,
    column,
    coef: 1,
    se,
    pValueCluster: 0.5,
  });
  assertEquals(baselineTermLabel(c("log1p_adstock(tv_spend)", "media", "tv_spend")), "TV: log(1 + adstock)");
  assertEquals(baselineTermLabel(c("population", "control", "population")), "Population");
  assertEquals(baselineTermLabel(c("month_sin", "season")), "month_sin");
  const rows = baselineCoefficientRows({
    coefficients: [
      c("Intercept", "intercept"),
      c("geo[T.b]", "geo"),
      c("log1p_adstock(tv_spend)", "media", "tv_spend"),
    ],
  });
  assertEquals(rows, [
    { term: "Intercept", coef: 1, nonrobust: 1, HC1: 2, cluster: 3, p: 0.5 },
    { term: "TV: log(1 + adstock)", coef: 1, nonrobust: 1, HC1: 2, cluster: 3, p: 0.5 },
  ]);
});

Deno.test("perCapitaSentence: the per-capita population finding, or why there is no per-capita fit", () => {
  assertEquals(
    perCapitaSentence({ perCapita: { population: { sentence: "Population is not needed." } } }),
    "**Per capita.** Population is not needed.",
  );
  assertEquals(
    perCapitaSentence({ perCapitaProblem: "the data have none" }),
    "Per capita: the data have none.",
  );
});
