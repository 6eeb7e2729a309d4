/**
 * The geo model's covariance plan: clustered by geo when G − 1 ≥ slopes (with a warning below 30 geos),
 * Driscoll–Kraay otherwise, with Newey & West's lag rule. Expected values from the rule's formulas.
 */
import { assert, assertEquals } from "../assert.ts";
import { geoInferencePlan } from "../../lib/pipeline/geo_inference.ts";

Deno.test("geoInferencePlan clusters when G − 1 ≥ slopes, and warns below 30 geos", () => {
  assertEquals(geoInferencePlan(40, 156, 19), {
    covType: "cluster",
    fewGeos: false,
    sentence: geoInferencePlan(40, 156, 19).sentence,
  });
  const twenty = geoInferencePlan(20, 156, 19);
  assertEquals([twenty.covType, twenty.fewGeos], ["cluster", true]);
  assert(twenty.sentence.includes("optimistic"), twenty.sentence);
  // 19 slopes need 20 geos; ⌊4 · (156/100)^(2/9)⌋ = ⌊4.42⌋ = 4 lags
  const ten = geoInferencePlan(10, 156, 19);
  assertEquals([ten.covType, ten.maxLags], ["driscoll-kraay", 4]);
  // ⌊4 · (52/100)^(2/9)⌋ = ⌊3.47⌋ = 3
  assertEquals(geoInferencePlan(2, 52, 5).maxLags, 3);
});

Deno.test("with fewer geos than slopes + 1 the sentence says the clustered covariance is singular, not absent", () => {
  // 2 geos, 19 slopes: rank ≤ G − 1 = 1, so single clustered SEs exist but joint tests do not
  const s = geoInferencePlan(2, 104, 19).sentence;
  assert(!s.includes("cannot be computed"), s);
  assert(s.includes("singular") && s.includes("at most 1"), s);
  assert(s.includes("joint tests") && s.includes("unreliable"), s);
  assert(s.includes("Driscoll–Kraay"), s);
});
