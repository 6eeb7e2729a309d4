/** Notebook 06's carryover-sensitivity view (lib/pipeline/diagnostics_view_sensitivity.ts). */
import { assertEquals } from "../assert.ts";
import { plausibleThetaText, sensitivityView } from "../../lib/pipeline/diagnostics_view_sensitivity.ts";
import type { CarryoverSensitivity } from "../../lib/evaluate/carryover_sensitivity.ts";

const one = (x: number) => x.toFixed(1);

Deno.test("plausibleThetaText: the one-standard-error range, or none for an in-sample choice", () => {
  assertEquals(plausibleThetaText({ min: 0.25, max: 0.6 }, one), "0.3–0.6");
  assertEquals(plausibleThetaText({ min: 0.5, max: 0.5 }, one), "0.5–0.5");
  assertEquals(plausibleThetaText(null, one), "none (chosen in sample)");
});

Deno.test("sensitivityView: national rows then the panel's, the swing where a range is known", () => {
  const national: CarryoverSensitivity = {
    channel: "facebook_spend",
    theta: [0, 0.5],
    roi: Float64Array.of(1, 2),
    chosenTheta: 0.5,
    chosenRoi: 2,
    plausible: { min: 0, max: 0.5 },
    swing: { min: 1, max: 2, relative: 0.5, sentence: "" },
  };
  const geo: CarryoverSensitivity = { ...national, channel: "tv_spend", plausible: null, swing: null };
  const v = sensitivityView({ national: [national], geo: [geo] }, one);
  assertEquals(v.rows, [
    {
      model: "national",
      channel: "Facebook",
      theta: 0.5,
      range: "0.0–0.5",
      roi: 2,
      roiMin: 1,
      roiMax: 2,
      swing: 0.5,
    },
    {
      model: "geo",
      channel: "TV",
      theta: 0.5,
      range: "none (chosen in sample)",
      roi: 2,
      roiMin: NaN,
      roiMax: NaN,
      swing: NaN,
    },
  ]);
  const published = v.results.national as { roi: number[] }[];
  assertEquals(published[0].roi, [1, 2]);
  assertEquals(Array.isArray(published[0].roi), true);
  assertEquals(v.results.rows, v.rows);
});
