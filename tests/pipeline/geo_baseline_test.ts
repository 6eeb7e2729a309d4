/**
 * The geo design's baseline against statsmodels 0.13.5 (tests/fixtures/geo_baseline.py on data/mmm_geo.csv).
 *
 * Tolerance: every coefficient and every standard error (classical, HC1, cluster by geo) within a relative
 * 1e-6 of statsmodels' (`|ours − theirs| ≤ 1e-6 · |theirs|`); R², adjusted R² and F likewise. The design's
 * condition number is about 1.3e8 (population in persons beside dummies), so QR and statsmodels' pinv agree
 * to about 1e-8 relative, well inside the tolerance.
 */
import { assert, assertEquals, assertThrows } from "../assert.ts";
import { DataError } from "../../lib/errors.ts";
import { loadDataset } from "../../lib/data/load.ts";
import type { Dataset } from "../../lib/data/types.ts";
import { geoBaseline, minimumNormPopulationCoefficient } from "../../lib/pipeline/geo_baseline.ts";

const root = new URL("../../", import.meta.url).pathname;
const fixture = JSON.parse(Deno.readTextFileSync(`${root}tests/fixtures/geo_baseline.json`));
const ds = loadDataset(`${root}data/mmm_geo.csv`, { kind: "geo" });
const REL = 1e-6;

function close(actual: number, expected: number, what: string): void {
  assert(
    Math.abs(actual - expected) <= REL * Math.abs(expected),
    `${what}: ${actual} differs from statsmodels' ${expected} by more than 1e-6 relative`,
  );
}

/** Our term names in statsmodels' formula names. */
function statsmodelsName(term: string): string {
  const geo = /^geo\[T\.(.*)\]$/.exec(term);
  if (geo) return `C(geo)[T.${geo[1]}]`;
  const media = /^log1p_adstock\((.*)\)$/.exec(term);
  if (media) return `log_adstock_${media[1]}`;
  return term;
}

Deno.test("geoBaseline reproduces statsmodels' coefficients and plain, HC1 and cluster errors at 1e-6", () => {
  const base = geoBaseline(ds);
  assertEquals(base.n, fixture.n);
  assertEquals(base.k, fixture.k);
  assertEquals(base.dfResid, fixture.dfResid);
  close(base.rsquared, fixture.rsquared, "R²");
  close(base.rsquaredAdj, fixture.rsquaredAdj, "adjusted R²");
  close(base.fvalue, fixture.fvalue, "F");
  const names = base.coefficients.map((c) => statsmodelsName(c.term));
  assertEquals([...names].sort(), [...fixture.terms].sort());
  for (const c of base.coefficients) {
    const j = fixture.terms.indexOf(statsmodelsName(c.term));
    close(c.coef, fixture.coef[j], `coefficient of ${c.term}`);
    close(c.se.nonrobust, fixture.se.nonrobust[j], `classical SE of ${c.term}`);
    close(c.se.HC1, fixture.se.HC1[j], `HC1 SE of ${c.term}`);
    close(c.se.cluster, fixture.se.cluster[j], `cluster SE of ${c.term}`);
  }
});

Deno.test("geoBaseline: population varying within geos is identified, with its within-geo share stated", () => {
  const base = geoBaseline(ds);
  assertEquals(base.population.status, "identified");
  assertEquals(base.dropped, []);
  // Within-geo share from its definition, computed here independently of the module.
  const p = ds.columns.population, geos = ds.geos!;
  const mean = p.reduce((s, v) => s + v, 0) / p.length;
  const byGeo = new Map<string, number[]>();
  p.forEach((v, i) => byGeo.set(geos[i], [...(byGeo.get(geos[i]) ?? []), v]));
  const geoMean = new Map([...byGeo].map(([g, v]) => [g, v.reduce((s, x) => s + x, 0) / v.length]));
  let within = 0, total = 0;
  p.forEach((v, i) => {
    within += (v - geoMean.get(geos[i])!) ** 2;
    total += (v - mean) ** 2;
  });
  close(base.population.withinShare, within / total, "within share");
  // Held at geo means, population is what the fixture's second fit used: statsmodels' pinv printed this.
  close(
    base.population.pseudoInverseCoef,
    fixture.populationConstant.populationCoef,
    "pinv coefficient at geo means",
  );
  assert(/identified next to the geo fixed effects/.test(base.population.sentence));
  assert(/pseudo-inverse/.test(base.population.sentence) && /per capita/.test(base.population.sentence));
});

/** The bundled panel with population replaced by its mean in each geo (as the fixture script does). */
function withGeoMeanPopulation(): Dataset {
  const p = ds.columns.population, geos = ds.geos!;
  const sum = new Map<string, number>(), count = new Map<string, number>();
  geos.forEach((g, i) => {
    sum.set(g, (sum.get(g) ?? 0) + p[i]);
    count.set(g, (count.get(g) ?? 0) + 1);
  });
  const col = Float64Array.from(p, (_, i) => sum.get(geos[i])! / count.get(geos[i])!);
  return { ...ds, columns: { ...ds.columns, population: col } };
}

Deno.test("geoBaseline: population constant within geos is left out; identified terms match statsmodels' pinv fit", () => {
  const constant = withGeoMeanPopulation();
  const base = geoBaseline(constant);
  const v = fixture.populationConstant;
  assertEquals(v.rank, v.k - 1); // statsmodels' design is rank deficient by the population column
  assertEquals(base.k, v.rank);
  assertEquals(base.population.status, "constant-within-geo");
  assertEquals(base.dropped.map((d) => d.column), ["population"]);
  assert(base.coefficients.every((c) => c.term !== "population"));
  assert(/not identified next to geo fixed effects/.test(base.population.sentence));
  assert(/per capita/.test(base.population.sentence));
  // What statsmodels' pinv prints for the unidentified population, reproduced from the minimum-norm formula.
  close(base.population.pseudoInverseCoef, v.populationCoef, "pseudo-inverse population coefficient");
  // statsmodels' cluster factor counts every column of its design (k = 50) where ours counts the 49 identified
  // ones: its cluster SEs are ours × √((n − 49)/(n − 50)). Classical and HC1 use df_resid = n − rank in both.
  const factor = Math.sqrt((base.n - base.k) / (base.n - v.k));
  for (const [j, term] of (v.terms as string[]).entries()) {
    const c = base.coefficients.find((r) => statsmodelsName(r.term) === term)!;
    close(c.coef, v.coef[j], `coefficient of ${term}`);
    close(c.se.nonrobust, v.se.nonrobust[j], `classical SE of ${term}`);
    close(c.se.HC1, v.se.HC1[j], `HC1 SE of ${term}`);
    close(c.se.cluster * factor, v.se.cluster[j], `cluster SE of ${term}`);
  }
});

Deno.test("geoBaseline: without a population column the term is dropped and said so; the rest matches statsmodels", () => {
  const { population: _, ...columns } = ds.columns;
  const absent: Dataset = { ...ds, columns, roles: { ...ds.roles, population: undefined } };
  const base = geoBaseline(absent);
  const v = fixture.populationAbsent;
  assertEquals(base.population.status, "absent");
  assertEquals(base.k, v.k);
  assert(/no population column/.test(base.population.sentence));
  for (const [j, term] of (v.terms as string[]).entries()) {
    const c = base.coefficients.find((r) => statsmodelsName(r.term) === term)!;
    close(c.coef, v.coef[j], `coefficient of ${term}`);
    close(c.se.cluster, v.se.cluster[j], `cluster SE of ${term}`);
  }
});

Deno.test("geoBaseline: ROI is the coefficient times the summed log-adstock per unit of spend", () => {
  const base = geoBaseline(ds);
  for (const r of base.roi) {
    const c = base.coefficients.find((x) => x.column === r.channel && x.kind === "media")!;
    // Recompute the feature sum from the definition: adstock a_t = x_t + 0.5 a_{t−1}, restarting per geo.
    const x = ds.columns[r.channel];
    let sum = 0, spend = 0, carry = 0;
    for (let i = 0; i < x.length; i++) {
      if (i === 0 || ds.geos![i] !== ds.geos![i - 1]) carry = 0;
      carry = x[i] + 0.5 * carry;
      sum += Math.log1p(carry);
      spend += x[i];
    }
    close(r.contribution, c.coef * sum, `contribution of ${r.channel}`);
    close(r.roi, (c.coef * sum) / spend, `ROI of ${r.channel}`);
    assert(r.lower < r.roi && r.roi < r.upper);
  }
});

Deno.test("minimumNormPopulationCoefficient: the solution orthogonal to the design's null vector", () => {
  // Two geos, intercept α = 10, dummy δ = 10, population 1 and 2: v = (−1, −1, 1) on (α, δ, γ); β₀ = (10, 10, 0);
  // β₀ − t v with t = β₀·v / v·v = −20/3 gives γ = 20/3, and (α, δ, γ) = (10/3, 10/3, 20/3) is orthogonal to v.
  const gamma = minimumNormPopulationCoefficient(
    { levels: ["a", "b"], intercept: 10, dummies: [10] },
    new Map([["a", 1], ["b", 2]]),
  );
  close(gamma, 20 / 3, "γ");
});

Deno.test("geoBaseline per capita matches statsmodels on sales and spend per person, ROI weighted back to totals", () => {
  const base = geoBaseline(ds, { perCapita: true });
  const v = fixture.perCapita;
  assertEquals(base.perCapita, true);
  assertEquals(base.population.status, "per-capita");
  assertEquals(base.k, v.k);
  assert(base.coefficients.every((c) => c.term !== "population"));
  close(base.rsquared, v.rsquared, "R²");
  close(base.rsquaredAdj, v.rsquaredAdj, "adjusted R²");
  close(base.fvalue, v.fvalue, "F");
  for (const [j, term] of (v.terms as string[]).entries()) {
    const c = base.coefficients.find((r) => statsmodelsName(r.term) === term)!;
    close(c.coef, v.coef[j], `coefficient of ${term}`);
    close(c.se.nonrobust, v.se.nonrobust[j], `classical SE of ${term}`);
    close(c.se.HC1, v.se.HC1[j], `HC1 SE of ${term}`);
    close(c.se.cluster, v.se.cluster[j], `cluster SE of ${term}`);
  }
  for (const r of base.roi) close(r.roi, v.roi[r.channel], `per-capita ROI of ${r.channel}`);
  for (const r of base.roi) {
    close(
      r.spend,
      ds.columns[r.channel].reduce((s, x) => s + x, 0),
      `spend of ${r.channel}`,
    );
  }
});

Deno.test("geoBaseline per capita without a population column is a DataError that says why", () => {
  const { population: _, ...columns } = ds.columns;
  const absent: Dataset = { ...ds, columns, roles: { ...ds.roles, population: undefined } };
  assertThrows(() => geoBaseline(absent, { perCapita: true }), DataError, "needs a population column");
  const zero = Float64Array.from(ds.columns.population);
  zero[5] = 0;
  assertThrows(
    () => geoBaseline({ ...ds, columns: { ...ds.columns, population: zero } }, { perCapita: true }),
    DataError,
    "needs positive values",
  );
});
