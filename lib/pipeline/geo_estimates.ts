/**
 * The geo model's rows of the tidy estimates contract (`model,quantity,channel,estimate,lower,upper,level,unit`;
 * `GeoEstimateRow`), as `geoPipeline` returns them and the report writes them.
 *
 * @module
 */
import type { GeoCarryoverRow, GeoControlRow, GeoEstimateRow, GeoRoiRow } from "./geo_types.ts";

/**
 * Tidy rows, in this order: ROI (finite ones), contribution, marginal ROI (finite ones; its interval only with
 * a bootstrap), carryover (its interval only with a bootstrap), control coefficients. Intervals are 95%;
 * a bound that does not exist is `null`, and so is the level when there is no interval.
 *
 * @param roi the ROI rows
 * @param carryover the carryover rows
 * @param controls the control rows
 * @param target the target column's name (the unit of contributions, and of ROI per unit of spend)
 * @example
 * ```ts ignore
 * geoEstimateRows(geo.roi, geo.carryover, geo.controls, "sales")[0];
 * // { model: "geo", quantity: "roi", channel: "tv_spend", estimate, lower, upper, level: 0.95,
 * //   unit: "sales per unit of spend" }
 * ```
 */
export function geoEstimateRows(
  roi: readonly GeoRoiRow[],
  carryover: readonly GeoCarryoverRow[],
  controls: readonly GeoControlRow[],
  target: string,
): GeoEstimateRow[] {
  const perSpend = `${target} per unit of spend`;
  const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);
  return [
    ...roi.filter((r) => Number.isFinite(r.roi)).map((r): GeoEstimateRow => ({
      model: "geo",
      quantity: "roi",
      channel: r.channel,
      estimate: r.roi,
      lower: r.lower,
      upper: r.upper,
      level: 0.95,
      unit: perSpend,
    })),
    ...roi.map((r): GeoEstimateRow => ({
      model: "geo",
      quantity: "contribution",
      channel: r.channel,
      estimate: r.contribution,
      lower: r.contributionLower,
      upper: r.contributionUpper,
      level: 0.95,
      unit: target,
    })),
    ...roi.filter((r) => Number.isFinite(r.marginalRoi)).map((r): GeoEstimateRow => ({
      model: "geo",
      quantity: "marginal_roi",
      channel: r.channel,
      estimate: r.marginalRoi,
      lower: finiteOrNull(r.marginalLower),
      upper: finiteOrNull(r.marginalUpper),
      level: Number.isFinite(r.marginalLower) ? 0.95 : null,
      unit: perSpend,
    })),
    ...carryover.map((c): GeoEstimateRow => ({
      model: "geo",
      quantity: "carryover",
      channel: c.channel,
      estimate: c.theta,
      lower: c.lower,
      upper: c.upper,
      level: c.lower !== null ? 0.95 : null,
      unit: "share of the adstock carried to the next week",
    })),
    ...controls.map((c): GeoEstimateRow => ({
      model: "geo",
      quantity: "control",
      channel: c.control,
      estimate: c.estimate,
      lower: finiteOrNull(c.lower),
      upper: finiteOrNull(c.upper),
      level: 0.95,
      unit: `${target} per unit of ${c.control}`,
    })),
  ];
}
