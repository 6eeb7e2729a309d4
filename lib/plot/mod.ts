/**
 * Presentation: Observable Plot figures, tables, markdown prose, number formats, in-place progress and the
 * hand-off of results to the report task. The top layer of `lib/`.
 *
 * @module
 */
export * from "./kernel.ts";
export * from "./dom.ts";
export * as fmt from "./format.ts";
export type { AxisUnit } from "./format.ts";
export * from "./table.ts";
export * from "./markdown.ts";
export * from "./figure.ts";
export * from "./show.ts";
export * from "./results.ts";
export * from "./charts.ts";
export * from "./summary_html.ts";
export * from "./csv_export.ts";
export * from "./estimates.ts";
export * from "./labels.ts";
export * from "./mmm_charts.ts";
export * from "./curve_charts.ts";
export * from "./interaction_views.ts";
export * from "./calibration_views.ts";
