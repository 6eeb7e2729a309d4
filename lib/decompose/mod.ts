/**
 * Decomposition of a fitted media model: counterfactual contributions, ROI (with parametric uncertainty),
 * marginal ROI, response curves, contributions by geo and period, and share of effect versus share of spend.
 *
 * Every function reads a {@link MediaModel} (a model linear in transformed media; see `media_model.ts`) and a
 * dataset's spend columns. Nothing here depends on how the model was fitted.
 *
 * @module
 */

export * from "./media_model.ts";
export * from "./channel_curve.ts";
export * from "./coefficient_draws.ts";
export * from "./contributions.ts";
export * from "./marginal_roi.ts";
export * from "./response_curve.ts";
export * from "./contributions_by_period.ts";
export * from "./share_of_effect.ts";
export * from "./geo_model.ts";
export * from "./truth_model.ts";
export * from "./decomposition_by_date.ts";
