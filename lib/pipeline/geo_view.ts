/**
 * Notebook 05's view of the geo pipeline's results: the rows its tables and charts draw, the words it
 * chooses by branch, and the parts of the results JSON it publishes, each from `geoPipeline`'s result (and,
 * for the design's own specification, the panel). The notebook lays these out; it computes and decides
 * nothing.
 *
 * Parts: `geo_view_panel.ts` (the panel, what was modelled, the search), `geo_view_transforms.ts` (carryover
 * and scale table, CV profiles, adstock decay), `geo_view_inference.ts` (standard errors, coefficient tests,
 * controls), `geo_view_returns.ts` (folds, gate, ROI table and chart, the sentences below them),
 * `geo_view_contributions.ts` (decomposition, shares, contributions by geo and month),
 * `geo_view_baseline.ts` (the design's specification beside the chosen model), `geo_view_calibration.ts`
 * (lift tests).
 *
 * @module
 */
import type { CovType } from "../models/covariance.ts";

export * from "./geo_view_panel.ts";
export * from "./geo_view_transforms.ts";
export * from "./geo_view_inference.ts";
export * from "./geo_view_returns.ts";
export * from "./geo_view_contributions.ts";
export * from "./geo_view_baseline.ts";
export * from "./geo_view_calibration.ts";

/**
 * What a reader sees as the header of a column of standard errors, by covariance type (`CovType`, statsmodels'
 * `cov_type` names): "SE classical" for `nonrobust`, "SE HC1", "SE clustered by geo", "SE Driscoll–Kraay", and
 * so on. Spread into a table's `labels` wherever standard errors are keyed by covariance type.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(COVARIANCE_LABELS.cluster, "SE clustered by geo", 1e-9);
 * ```
 */
export const COVARIANCE_LABELS: Readonly<Record<CovType, string>> = {
  nonrobust: "SE classical",
  HC0: "SE HC0",
  HC1: "SE HC1",
  HC2: "SE HC2",
  HC3: "SE HC3",
  HAC: "SE HAC (Newey–West)",
  cluster: "SE clustered by geo",
  "driscoll-kraay": "SE Driscoll–Kraay",
};
