import { assertAlmostEquals, assertEquals } from "../assert.ts";
import { edaGeo, edaGeoTotals, MIN_GEOS_FOR_CORRELATION } from "../../lib/explore/mod.ts";
import type { Dataset } from "../../lib/data/types.ts";
import { GEO_ROLES } from "../../lib/data/mod.ts";

/** Two weeks per geo; `sales` and `population` constant within each geo at the values given. */
function panel(geos: Record<string, { sales: number; population: number }>, population = true): Dataset {
  const names = Object.keys(geos).flatMap((g) => [g, g]);
  return {
    source: "inline",
    n: names.length,
    dates: names.map((_, i) => (i % 2 === 0 ? "2024-01-01" : "2024-01-08")),
    geos: names,
    columns: {
      sales: Float64Array.from(names, (g) => geos[g].sales),
      population: Float64Array.from(names, (g) => geos[g].population),
      tv_spend: Float64Array.from(names, (_, i) => i),
    },
    roles: { ...GEO_ROLES, media: ["tv_spend"], population: population ? "population" : undefined },
    warnings: [],
  };
}

Deno.test("edaGeo: geos by mean target, the correlation with population and the largest against the smallest", () => {
  const v = edaGeo(
    panel({
      a: { sales: 30, population: 300 },
      b: { sales: 10, population: 100 },
      c: { sales: 20, population: 250 },
    }),
  );
  assertEquals(v.geos.map((g) => [g.geo, g.meanTarget]), [["a", 30], ["c", 20], ["b", 10]]);
  // population deviations (250, 100, −350) / 3, sales (10, 0, −10): r = 2000 / √(21666.67 · 200) ≈ 0.96
  assertAlmostEquals(v.populationCorrelation!, 2000 / Math.sqrt((65000 / 3) * 200), 1e-12);
  assertEquals(
    v.sentence,
    "Across 3 geos, mean sales and population have a very strong positive correlation (**0.96**). The largest " +
      "geo\n(a) averages 3.00× the smallest (b).",
  );
});

Deno.test("edaGeo: below three geos the correlation is not computed", () => {
  assertEquals(MIN_GEOS_FOR_CORRELATION, 3);
  const v = edaGeo(panel({ a: { sales: 30, population: 300 }, b: { sales: 10, population: 100 } }));
  assertEquals(v.populationCorrelation, null);
  assertEquals(
    v.sentence,
    "With 2 geos a correlation across geos says nothing. The largest geo\n(a) averages 3.00× the smallest (b).",
  );
});

Deno.test("edaGeo: a population or a target equal in every geo has no correlation (null), and says which", () => {
  const samePopulation = edaGeo(
    panel({
      a: { sales: 30, population: 5 },
      b: { sales: 10, population: 5 },
      c: { sales: 20, population: 5 },
    }),
  );
  assertEquals(samePopulation.populationCorrelation, null);
  assertEquals(
    samePopulation.sentence.startsWith(
      "Population is the same in every geo, so it cannot explain why sales differs between geos.",
    ),
    true,
  );
  const sameSales = edaGeo(
    panel({
      a: { sales: 10, population: 5 },
      b: { sales: 10, population: 7 },
      c: { sales: 10, population: 9 },
    }),
  );
  assertEquals(sameSales.populationCorrelation, null);
  assertEquals(
    sameSales.sentence,
    "Mean sales is the same in every geo, so there is nothing between geos for population to explain. The " +
      "largest geo\n(a) averages 1.00× the smallest (c).",
  );
});

Deno.test("edaGeo: a smallest geo at zero or below has no ratio, and the sentence says why", () => {
  const v = edaGeo(panel({ a: { sales: 30, population: 300 }, b: { sales: 0, population: 100 } }));
  assertEquals(
    v.sentence.endsWith(
      "The smallest geo (b) averages zero or less, so no ratio to the largest (a) is given.",
    ),
    true,
  );
});

Deno.test("edaGeo: without a population column, geos are compared in levels only", () => {
  const v = edaGeo(panel({ a: { sales: 30, population: 300 }, b: { sales: 10, population: 100 } }, false));
  assertEquals(v.populationCorrelation, undefined);
  assertEquals(
    v.sentence,
    "The roles map no population column, so sales is compared across geos in levels only.",
  );
  assertEquals(v.geos.map((g) => g.geo), ["a", "b"]);
});

Deno.test("edaGeoTotals: target and each media column summed over geos, week by week", () => {
  const t = edaGeoTotals(panel({ a: { sales: 30, population: 300 }, b: { sales: 10, population: 100 } }));
  assertEquals(t.dates, ["2024-01-01", "2024-01-08"]);
  assertEquals([...t.target], [40, 40]);
  // tv_spend is the row number: rows 0 and 2 are the first week, 1 and 3 the second
  assertEquals(Object.fromEntries(Object.entries(t.media).map(([k, v]) => [k, [...v]])), {
    tv_spend: [2, 4],
  });
});
