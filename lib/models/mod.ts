/**
 * Estimators: OLS with statsmodels-grade inference, fixed effects by within transformation, Ridge, ElasticNet
 * and a random forest. Each fit returns a plain results value; rendering (`summaryTable`, `summaryText`) lives
 * apart.
 *
 * @module
 */
export { fitOls, type OlsFit, type OlsOptions, type OlsPrediction, predictOls } from "./ols.ts";
export {
  fitFixedEffects,
  type FixedEffectsFit,
  type FixedEffectsOptions,
  type FixedEffectsStats,
  predictFixedEffects,
  type WithinTransform,
  withinTransform,
} from "./fixed_effects.ts";
export {
  coefficientCovariance,
  COV_TYPES,
  type CovarianceEstimate,
  type CovarianceInput,
  type CovarianceOptions,
  type CovType,
  groupCodes,
  leverage,
  periodCodes,
  type SmallSampleCorrection,
} from "./covariance.ts";
export {
  WEBB_MAX_CLUSTERS,
  WEBB_POINTS,
  type WildBootstrapFit,
  type WildBootstrapOptions,
  type WildBootstrapResult,
  wildClusterBootstrap,
  type WildWeights,
} from "./wild_bootstrap.ts";
export {
  type CoefficientInference,
  coefficientInference,
  confidenceInterval,
  criticalValue,
  type FitStats,
  gaussianLogLik,
  overallF,
  overallFTerms,
  type RegressionFitBase,
  type RegressionModel,
  type ResidualDiagnostics,
  residualDiagnostics,
  sumsOfSquares,
  withCovariance,
} from "./regression_results.ts";
export {
  type CoefficientTable,
  type SummaryCell,
  type SummaryRow,
  type SummaryTable,
  summaryTable,
  summaryText,
} from "./summary.ts";
export { type FTestResult, waldTest, zeroRestrictions } from "./wald_test.ts";
export {
  fitRidge,
  predictRidge,
  type RidgeFit,
  type RidgeOptions,
  type RidgePath,
  ridgePath,
} from "./ridge.ts";
export {
  elasticNetAlphaMax,
  type ElasticNetFit,
  type ElasticNetOptions,
  elasticNetPath,
  fitElasticNet,
  predictElasticNet,
} from "./elastic_net.ts";
export {
  fitRandomForest,
  predictRandomForest,
  type RandomForestFit,
  type RandomForestModel,
  type RandomForestOptions,
  type RegressionTree,
} from "./random_forest.ts";
export {
  fitGradientBoosting,
  type GradientBoostingFit,
  type GradientBoostingOptions,
  predictGradientBoosting,
} from "./gradient_boosting.ts";
export {
  type AdstockedColumn,
  type DirectChannelEffect,
  type DirectChannelSpec,
  estimateOf,
  type EstimatePlan,
  estimatePlan,
  fillStage2,
  fitMediation,
  fitStages,
  type MediationData,
  mediationData,
  type MediationEffects,
  type MediationEstimates,
  mediationEstimates,
  type MediationFit,
  type MediationInputs,
  type MediationOptions,
  type MediationSpec,
  type MediatorEffect,
  type PromotionLift,
  type SocialEffect,
  stage1Design,
  stage2Design,
  type StageBuffers,
  stageBuffers,
  standardizedCoefficients,
} from "./mediation.ts";
export {
  type BootstrapInterval,
  bootstrapInterval,
  bootstrapMediation,
  type MediationBootstrap,
  type MediationBootstrapOptions,
} from "./mediation_bootstrap.ts";
export * from "./calibration.ts";
