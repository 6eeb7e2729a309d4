/**
 * Validation and diagnostics: metrics, time-series cross-validation, the transform search, permutation
 * importance, residual tests and collinearity measures.
 *
 * @module
 */
export * from "./metrics.ts";
export * from "./time_series_split.ts";
export * from "./cross_validate.ts";
export * from "./search.ts";
export * from "./permutation_importance.ts";
export * from "./ljung_box.ts";
export * from "./heteroskedasticity.ts";
export * from "./shapiro_wilk.ts";
export * from "./autocorrelation.ts";
export * from "./collinearity.ts";
export * from "./search_profile.ts";
export * from "./search_refit.ts";
export * from "./weekly_transforms.ts";
export * from "./geo_transforms.ts";
export * from "./panel_cv.ts";
export * from "./mediation_evaluate.ts";
export * from "./diagnostic_report.ts";
export * from "./verdicts.ts";
export * from "./national_bootstrap.ts";
export * from "./holdout.ts";
export * from "./rolling_stability.ts";
export * from "./carryover_sensitivity.ts";
export * from "./scorecard.ts";
export * from "./truth_coverage.ts";
export * from "./model_comparison.ts";
export * from "./model_candidates.ts";
export * from "./interactions.ts";
export * from "./promotion_frequency.ts";
export type { Combination, OutcomeModelSource, OutOfSampleComparison } from "./outcome_design.ts";
