/**
 * Feature engineering for marketing mix models: adstock (carryover), saturation, calendar terms, lags and
 * smoothing, scalers fitted on training rows, panel-safe application by geo, and a declarative feature spec that
 * builds a `Design`.
 *
 * @module
 */

export * from "./adstock.ts";
export * from "./calendar.ts";
export * from "./design.ts";
export * from "./feature_spec.ts";
export * from "./lags.ts";
export * from "./panel.ts";
export * from "./saturation.ts";
export * from "./scalers.ts";
export * from "./anomalies.ts";
