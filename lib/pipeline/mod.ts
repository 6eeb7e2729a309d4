/**
 * One call per model, returning everything its notebooks show: the geo panel (`geoPipeline`,
 * `geoRecommendations`), the national model (`nationalPipeline`), and both models' diagnostics
 * (`diagnostics`, notebook 06).
 *
 * @module
 */
export * from "./geo.ts";
export * from "./national.ts";
export * from "./national_single_stage.ts";
export * from "./geo_baseline.ts";
export * from "./national_comparison.ts";
export * from "./calibration.ts";
export * from "./geo_holdout.ts";
export * from "./national_decomposition.ts";
export * from "./diagnostics.ts";
export * from "./national_importance_words.ts";
export * from "./run_settings.ts";
export * from "./notebook_data.ts";
export * from "./national_notes.ts";
export * from "./transform_view.ts";
export * from "./stage1_view.ts";
export * from "./national_view.ts";
export * from "./geo_view.ts";
export * from "./diagnostics_view.ts";
export * from "./recommendations_view.ts";
export * from "./geo_recommendation_words.ts";
export * from "./calibration_view.ts";
export type { PopulationFitInput } from "./geo_baseline_population.ts";
export type { FeatureInfo } from "./comparison_features.ts";
export type { GeoAnalyticName } from "./geo_coefficients.ts";
