/**
 * The geo pipeline's fit stage: the fit uses the planned covariance, the cross-validation the search's folds,
 * the joint test has one restriction per channel, and the gate reads the folds' within-geo R².
 */
import { assert, assertEquals } from "../assert.ts";
import type { PanelCrossValidation } from "../../lib/evaluate/panel_cv.ts";
import { checkGeoPanel } from "../../lib/pipeline/geo_check.ts";
import { crossValidationSentence, fitGeoStage, fitSentence } from "../../lib/pipeline/geo_fit.ts";
import { chooseGeoTransforms } from "../../lib/pipeline/geo_search.ts";
import { panel } from "./_geo_panel.ts";

Deno.test("fitGeoStage: planned covariance, the search's folds, one restriction per channel, the gate on within R²", async () => {
  const setup = checkGeoPanel(panel({ geos: 6, weeks: 104 }), 3);
  const transforms = await chooseGeoTransforms(
    setup,
    { seed: 1, thetaGrid: [0, 0.5], scaleMultiples: [1] },
    () => {},
    () => {},
  );
  const { model, crossValidation, mediaJoint, gate } = fitGeoStage(setup, transforms);
  assertEquals(model.fit.covType, setup.inference.covType);
  assertEquals(crossValidation.folds.length, transforms.folds.length);
  assertEquals(mediaJoint.dfNum, setup.identification.channels.length);
  assertEquals(mediaJoint.dfDenom, model.fit.dfInference);
  assertEquals(gate.folds, crossValidation.folds.length);
  assert(gate.reason.includes("within-geo R²"), gate.reason);
  assert(model.fit.terms.includes("competitor_sales_control") && model.fit.terms.includes("population"));
});

Deno.test("fitSentence: one dummy per geo but the first", () => {
  assertEquals(
    fitSentence(2),
    "2 geos: the within fit equals the regression with 1 geo dummy (one per geo but the first).",
  );
  assertEquals(
    fitSentence(6),
    "6 geos: the within fit equals the regression with 5 geo dummies (one per geo but the first).",
  );
});

Deno.test("crossValidationSentence: out-of-sample within-geo R² against in sample, three significant digits", () => {
  const fold = { fold: 0, trainSize: 312, testSize: 78, r2: 0.9, withinR2: 0.4, rmse: 1, droppedColumns: [] };
  const cv: PanelCrossValidation = {
    folds: [fold, { ...fold, fold: 1 }],
    mean: { withinR2: 0.4567, r2: 0.91, rmse: 1 },
    sd: { withinR2: 0.05, r2: 0, rmse: 0 },
    predictions: new Float64Array(0),
  };
  assertEquals(
    crossValidationSentence(cv, 0.6),
    "Out of sample the model explains 0.457 (sd 0.05 over 2 folds) of each geo's variation around its own " +
      "level; in sample the within-geo R² is 0.6. The ordinary out-of-sample R², 0.91, mostly reflects the " +
      "differences in level between geos, which the geo effects capture trivially.",
  );
});
