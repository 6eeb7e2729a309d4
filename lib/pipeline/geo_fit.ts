/**
 * The fit stage of `geoPipeline`: the fixed-effects model with the chosen transforms and the planned
 * covariance (`fitGeoModel`), its time-series cross-validation on the search's folds with the within-geo R²
 * (`crossValidatePanel`), the joint Wald test that every media coefficient is zero, and the evidence gate on
 * the folds' within-geo R² (`evidenceGate`); with the sentences that describe the fit and its validation
 * (step 5 of the pipeline's module doc).
 *
 * @module
 */
import { type FTestResult, waldTest, zeroRestrictions } from "../models/wald_test.ts";
import type { GeoTransforms } from "../evaluate/geo_transforms.ts";
import { crossValidatePanel, type PanelCrossValidation } from "../evaluate/panel_cv.ts";
import { type EvidenceGate, evidenceGate } from "../evaluate/verdicts.ts";
import { fitGeoModel, type GeoModel } from "../decompose/geo_model.ts";
import type { GeoPanelSetup } from "./geo_check.ts";
import { plain } from "./geo_words.ts";

/** The fitted geo model and how well it predicts out of sample ({@link fitGeoStage}). */
export interface GeoFitStage {
  /** The within (fixed-effects) fit with the reported covariance, its design and its media model. */
  readonly model: GeoModel;
  /** Per-fold and mean scores on the search's folds (within-geo R² among them). */
  readonly crossValidation: PanelCrossValidation;
  /** Joint Wald F test that every media coefficient is zero, with the reported covariance. */
  readonly mediaJoint: FTestResult;
  /** The evidence gate on the folds' within-geo R², with the joint test's p-value. */
  readonly gate: EvidenceGate;
}

/**
 * Fits the geo model with the chosen transforms, cross-validates it on the same folds as the search, tests
 * the media terms jointly and applies the evidence gate.
 *
 * @param setup the checked panel (`checkGeoPanel`): modelled dataset, controls, seasonality, covariance
 * @param transforms the search's result (chosen θ and scale per channel, and its folds)
 * @example
 * ```ts ignore
 * const { model, gate } = fitGeoStage(setup, transforms);
 * gate.passed; // true when the folds' within-geo R² clears the gate
 * ```
 */
export function fitGeoStage(setup: GeoPanelSetup, transforms: GeoTransforms): GeoFitStage {
  const { dataset, identification, inference, plan } = setup;
  const R = dataset.roles;
  const model = fitGeoModel(dataset, transforms.chosen, {
    covType: inference.covType,
    ...(inference.maxLags !== undefined ? { maxLags: inference.maxLags } : {}),
    controls: identification.controls,
    seasonality: plan.seasonality,
  });
  const { fit, design } = model;
  const y = dataset.columns[R.target];
  const crossValidation = crossValidatePanel(design, y, dataset.geos!, transforms.folds);
  const mediaIdx = identification.channels.map((c) => fit.terms.indexOf(c));
  const joint = waldTest(fit.coef, fit.cov, zeroRestrictions(mediaIdx, fit.coef.length), fit.dfInference);
  const gate = evidenceGate(crossValidation.folds.map((x) => x.withinR2), {
    metric: "within-geo R²",
    mediaJointPValue: joint.pValue,
  });
  return { model, crossValidation, mediaJoint: joint, gate };
}

/** That the within fit equals the regression with one dummy per geo but the first, for `geos` geos. */
export function fitSentence(geos: number): string {
  return `${geos} geos: the within fit equals the regression with ${geos - 1} geo ` +
    `${geos - 1 === 1 ? "dummy" : "dummies"} (one per geo but the first).`;
}

/**
 * The out-of-sample within-geo R² (mean and sd over folds) against the in-sample one, and why the ordinary
 * out-of-sample R² is not the measure to read.
 *
 * @param cv the panel cross-validation
 * @param inSampleWithinR2 the fit's in-sample within-geo R² (`fit.stats.withinRsquared`)
 */
export function crossValidationSentence(cv: PanelCrossValidation, inSampleWithinR2: number): string {
  return `Out of sample the model explains ${plain(cv.mean.withinR2)} (sd ${plain(cv.sd.withinR2)} ` +
    `over ${cv.folds.length} folds) of each geo's variation around its own level; in sample the within-geo ` +
    `R² is ${plain(inSampleWithinR2)}. The ordinary out-of-sample R², ${plain(cv.mean.r2)}, mostly ` +
    `reflects the differences in level between geos, which the geo effects capture trivially.`;
}
