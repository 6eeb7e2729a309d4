/**
 * The geo pipeline's first stage: the envelope, identification, plan and covariance decided from the panel's
 * structure, and the notes in their order (what the pipeline restates is not repeated from the envelope).
 */
import { assert, assertEquals } from "../assert.ts";
import { checkGeoPanel } from "../../lib/pipeline/geo_check.ts";
import { geoInferencePlan } from "../../lib/pipeline/geo_inference.ts";
import { panel } from "./_geo_panel.ts";

/** Envelope findings whose content the pipeline states with what it did. */
const RESTATED = ["no-cross-validation", "one-year", "few-geos", "cluster-rank", "unidentified"];

Deno.test("checkGeoPanel: population constant within geo is left out, and the covariance counts the slopes left", () => {
  const setup = checkGeoPanel(panel({ geos: 6, weeks: 104, constantPopulation: true }), 5);
  assertEquals([setup.geos, setup.weeks, setup.targetUnit], [6, 104, "currency"]);
  assertEquals(setup.identification.channels, ["tv_spend", "search_spend", "radio_spend"]);
  assertEquals(setup.identification.controls, ["competitor_sales_control"]);
  assertEquals(setup.dataset.roles.population, undefined);
  // 3 channels + 1 control + 11 month dummies = 15 slopes, more than G − 1 = 5
  assertEquals(setup.plan.seasonality, "month_dummies");
  assertEquals(setup.inference, geoInferencePlan(6, 104, 15));
  assertEquals(setup.inference.covType, "driscoll-kraay");
  // notes: envelope findings not restated, columns left out, merges, the plan, the inference (last)
  const population = setup.identification.dropped.find((d) => d.column === "population")!;
  const kept = setup.envelope.findings.filter((f) => !RESTATED.includes(f.code)).map((f) => f.sentence);
  assertEquals(setup.notes, [
    ...kept,
    population.sentence,
    ...setup.plan.sentences,
    setup.inference.sentence,
  ]);
  assert(
    setup.envelope.findings.some((f) => f.code === "few-geos"),
    "the envelope's few-geos finding is restated",
  );
});

Deno.test("checkGeoPanel: one year of weeks plans one sine–cosine pair, counted as two slopes", () => {
  const setup = checkGeoPanel(panel({ geos: 30, weeks: 52 }), 5);
  assertEquals(setup.plan.seasonality, "fourier");
  // 3 channels + control + population + 2 Fourier terms = 7 slopes; 29 ≥ 7, so clustered by geo
  assertEquals(setup.inference, geoInferencePlan(30, 52, 7));
  assertEquals([setup.inference.covType, setup.inference.fewGeos], ["cluster", false]);
});
