/**
 * The envelope's limits: the geo model's seasonal terms by panel length, held to the geo pipeline's own rule
 * (`geoPanelPlan` and the columns it builds), and the envelope's description of the geo model's errors.
 */
import { assert, assertEquals } from "../assert.ts";
import { describeEnvelope, geoSeasonalTerms } from "../../lib/data/envelope_limits.ts";
import { geoPanelPlan, geoSeasonalityColumns } from "../../lib/evaluate/geo_transforms_plan.ts";

const mondays = (weeks: number) =>
  Array.from({ length: weeks }, (_, i) => new Date(Date.UTC(2021, 0, 4 + 7 * i)).toISOString().slice(0, 10));

Deno.test("geoSeasonalTerms counts the columns the geo pipeline's plan builds, for every panel length", () => {
  for (let weeks = 8; weeks <= 160; weeks++) {
    const plan = geoPanelPlan(weeks);
    const built = Object.keys(geoSeasonalityColumns(mondays(weeks), plan.seasonality)).length;
    const mine = geoSeasonalTerms(weeks);
    assertEquals([mine.kind, mine.terms], [plan.seasonality, built], `${weeks} weeks`);
  }
  // by definition: twelve months less one absorbed with the geo effects; a sine and a cosine
  assertEquals(geoSeasonalTerms(104).terms, 11);
  assertEquals(geoSeasonalTerms(52).terms, 2);
  assertEquals(geoSeasonalTerms(51).terms, 0);
});

Deno.test("describeEnvelope names both covariances the geo model uses, not clustered errors alone", () => {
  const text = describeEnvelope();
  assert(!text.includes("(geo fixed effects, errors clustered by geo)"), text);
  assert(text.includes("Driscoll–Kraay otherwise"), text);
  assert(text.includes("sine–cosine pair"), text);
});
