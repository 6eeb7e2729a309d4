/**
 * The population finding's words: what a pseudo-inverse fit would print for a population constant within
 * geos (its sign follows the geo effects, so no sign is promised), and the per-capita alternative described
 * as the alternative, not as the reported model. Expected values from the minimum-norm formula by hand.
 */
import { assert, assertAlmostEquals } from "../assert.ts";
import { GEO_ROLES } from "../../lib/data/mod.ts";
import type { Dataset } from "../../lib/data/types.ts";
import { perCapitaFinding, populationFinding } from "../../lib/pipeline/geo_baseline_population.ts";

// two geos of 3 weeks; geo b has twice a's population and sells more
function twoGeos(): Dataset {
  return {
    source: "g.csv",
    n: 6,
    dates: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-01", "2024-01-08", "2024-01-15"],
    geos: ["a", "a", "a", "b", "b", "b"],
    columns: {
      population: Float64Array.from([1, 1, 1, 2, 2, 2]),
      sales: Float64Array.from([10, 11, 12, 40, 41, 42]),
    },
    roles: { ...GEO_ROLES, target: "sales", population: "population" },
    warnings: [],
  };
}

Deno.test("populationFinding: a negative pseudo-inverse coefficient is printed without calling it positive", () => {
  // geo effects net of media: α = 10, δ_b = −30 (b's media carry more than its extra sales):
  // γ = (1 · 10 + (2 − 1) · (−30)) / (1 + 1² + 1²) = −20 / 3
  const f = populationFinding(twoGeos(), {
    dropped: [{ column: "population", reason: "constant-within-geo", sentence: "constant within geos." }],
    scale: 1,
    geoEffects: { levels: ["a", "b"], intercept: 10, dummies: [-30] },
  });
  assertAlmostEquals(f.pseudoInverseCoef, -20 / 3, 1e-12);
  assert(f.sentence.includes("−6.67 per person"), f.sentence);
  assert(!/positive whenever/.test(f.sentence), f.sentence);
  assert(f.sentence.includes("either sign"), f.sentence);
});

Deno.test("perCapitaFinding describes the per-capita alternative, not the reported model", () => {
  const s = perCapitaFinding("population", "sales").sentence;
  assert(!s.startsWith("Modelled per capita"), s);
  assert(s.includes("alternative") && s.includes("not the reported model"), s);
  assert(s.includes("population as a term"), s);
});
