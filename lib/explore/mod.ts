/**
 * Exploratory analysis: descriptive summaries of the input data (profiles, zero-spend runs, shares,
 * correlations, seasonality, promotion contrast, geo profiles). Used by the EDA notebook.
 *
 * @module
 */
export * from "./profile.ts";
export * from "./eda_summary.ts";
