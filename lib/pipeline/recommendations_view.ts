/**
 * Notebook 07's view of its results: the rows of every table and chart and every sentence whose words depend
 * on the results, so the notebook lays out what lib returns. The parts: the geo sections
 * (`recommendations_view_geo.ts`) and reallocation (`recommendations_view_geo_moves.ts`), the national sections
 * (`recommendations_view_national.ts`) and reallocation and split (`recommendations_view_national_moves.ts`),
 * and the forward plans (`recommendations_view_plan.ts`).
 *
 * @module
 */
export * from "./recommendations_view_geo.ts";
export * from "./recommendations_view_geo_moves.ts";
export * from "./recommendations_view_national.ts";
export * from "./recommendations_view_national_moves.ts";
export * from "./recommendations_view_plan.ts";
export * from "./recommendations_view_intervals.ts";
