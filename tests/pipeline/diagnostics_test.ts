/**
 * `diagnostics` (notebook 06's computations) on small generated files: every part is there and consistent with
 * the fits it diagnoses.
 */
import { assert, assertEquals } from "../assert.ts";
import {
  diagnostics,
  GEO_TEST_LAGS,
  geoNormalityRemedy,
  healthScorecard,
} from "../../lib/pipeline/diagnostics.ts";
import { geoPipeline } from "../../lib/pipeline/geo.ts";
import { nationalPipeline } from "../../lib/pipeline/national.ts";
import { isHoldoutResult } from "../../lib/evaluate/holdout.ts";
import { panel } from "./_geo_panel.ts";
import { weeklyDataset } from "./_weekly.ts";

/** Both pipelines on small generated files and their diagnostics, fitted once for every test below. */
async function fit() {
  const weekly = weeklyDataset();
  const national = await nationalPipeline(weekly, {
    seed: 1,
    reps: 49,
    importance: false,
    search: { thetaGrid: [0, 0.3, 0.6], alphaGrid: [0, 1] },
  });
  const geo = await geoPipeline(panel({ geos: 6, weeks: 104 }), {
    seed: 3,
    draws: 200,
    replicates: 19,
    thetaGrid: [0, 0.5],
    scaleMultiples: [1, 2],
  });
  return { weekly, national, geo, d: diagnostics(national, weekly, geo, { hacLags: 4, geoFolds: 3 }) };
}
const fitted = fit();

Deno.test("diagnostics: tests, collinearity, holdouts and stability for both models, from their fits", async () => {
  const { national, geo, d } = await fitted;
  // national residual tests on the outcome model's residuals; the pooled geo tests leave out the serial ones
  assert(d.nationalTests.length > 0);
  assert(d.nationalTests.some((t) => t.test.startsWith("Ljung")));
  assert(d.geoTests.every((t) => !t.test.startsWith("Ljung") && !t.test.startsWith("Durbin")));
  // Ljung–Box within each geo, counted in the verdict
  assertEquals(d.perGeo.groups.length, 6);
  assertEquals(d.perGeoVerdict.total, 6);
  assertEquals(d.perGeoVerdict.rejected, Math.round(d.perGeo.shareRejected * 6));
  assert(GEO_TEST_LAGS === 4);
  // collinearity: only modelled terms, largest VIF first
  const modelled = new Set([...geo.identification.channels, ...geo.identification.controls]);
  assert(d.geoVifRows.length > 0 && d.geoVifRows.every((r) => modelled.has(r.regressor)));
  for (let i = 1; i < d.geoVifRows.length; i++) assert(d.geoVifRows[i - 1].vif >= d.geoVifRows[i].vif);
  assert(Number.isFinite(d.geoCond) && d.geoCond >= 1);
  assert(
    d.nationalCollinearity !== null &&
      d.nationalCollinearity.rows.length ===
        national.outcome!.design.names.filter((n) => n !== "const").length,
  );
  // holdouts of the last weeks and expanding-window stability
  assert(d.nationalHoldout !== null && isHoldoutResult(d.nationalHoldout));
  assert(isHoldoutResult(d.geoHoldout));
  assert("holdout" in d.geoRechosen || "reason" in d.geoRechosen);
  assert(d.nationalStability !== null);
  assert(d.geoStability.verdicts.length === geo.identification.channels.length);
});

Deno.test("healthScorecard: the seven checks per model, in order, with a status and a reason each", async () => {
  const { national, geo, d } = await fitted;
  const rows = healthScorecard(national, geo, d);
  const nationalRows = rows.filter((r) => r.model.startsWith("national"));
  const geoRows = rows.filter((r) => r.model === "geo panel");
  assertEquals(nationalRows.length, 7);
  assertEquals(geoRows.length, 7);
  for (const r of rows) {
    assert(["pass", "warn", "fail"].includes(r.status) && r.reason.length > 0, JSON.stringify(r));
  }
  // the geo autocorrelation check rests on the within-geo verdict, not on a pooled test
  assert(geoRows.some((r) => r.reason.startsWith("Ljung-Box within geos")));
  assert(nationalRows.some((r) => r.reason.startsWith("Ljung-Box (lag 8): p ")));
});

Deno.test("diagnostics: ROI against carryover for each national path and geo channel, at the grids searched", async () => {
  const { national, geo, d } = await fitted;
  const two = national.twoStage!;
  const { national: ns, geo: gs } = d.carryoverSensitivity;
  // nationally each social channel, then the mediator, each over its stage's search grid
  assertEquals(ns.map((s) => s.channel), [
    ...two.inputs.spec.social.map((s) => s.column),
    two.inputs.spec.mediator.column,
  ]);
  for (const s of ns) {
    assertEquals(s.roi.length, s.theta.length);
    assert(s.theta.includes(s.chosenTheta), `${s.channel}: the chosen θ is on its grid`);
  }
  assertEquals(ns.at(-1)!.chosenTheta, two.inputs.spec.mediator.theta);
  // on the panel every identified channel over the search's θ grid, at its chosen transform
  assertEquals(gs.map((s) => s.channel), geo.identification.channels);
  for (const s of gs) {
    assertEquals(s.theta, geo.transforms.options.thetaGrid);
    assertEquals(s.chosenTheta, geo.transforms.chosen[s.channel].theta);
    // the chosen ROI is the refit at the chosen θ
    const at = s.theta.indexOf(s.chosenTheta);
    assert(Math.abs(s.roi[at] - s.chosenRoi) <= 1e-9 * Math.max(1, Math.abs(s.chosenRoi)));
    assertEquals(s.swing === null, s.plausible === null);
  }
});

Deno.test("geoNormalityRemedy: the limit theorem over the reported clusters; 'rough' only for few geo clusters", () => {
  assertEquals(
    geoNormalityRemedy({ covType: "cluster", fewGeos: true }, 8, 104),
    "the intervals rest on a central limit theorem over 8 geos, not on normal errors, and with this few geos " +
      "that approximation is rough",
  );
  assertEquals(
    geoNormalityRemedy({ covType: "cluster", fewGeos: false }, 40, 104),
    "the intervals rest on a central limit theorem over 40 geos, not on normal errors",
  );
  // Driscoll–Kraay relies on the weeks: few geos do not make it rough (units-target, geo-2 said they did)
  assertEquals(
    geoNormalityRemedy({ covType: "driscoll-kraay", fewGeos: true }, 6, 104),
    "the intervals rest on a central limit theorem over 104 weeks, not on normal errors",
  );
});
