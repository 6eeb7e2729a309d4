/**
 * The geo model's tidy estimate rows: order, units, and `null` where an interval does not exist. Expected rows
 * are written out from the contract (`model,quantity,channel,estimate,lower,upper,level,unit`).
 */
import { assertEquals } from "../assert.ts";
import { geoEstimateRows } from "../../lib/pipeline/geo_estimates.ts";
import type { GeoCarryoverRow, GeoControlRow, GeoRoiRow } from "../../lib/pipeline/geo_types.ts";

function roiRow(channel: string, roi: number, marginal: [number, number, number]): GeoRoiRow {
  return {
    channel,
    spend: 100,
    contribution: 100 * roi,
    contributionLower: 50 * roi,
    contributionUpper: 150 * roi,
    roi,
    lower: roi / 2,
    upper: 1.5 * roi,
    fixedLower: roi / 2,
    fixedUpper: 1.5 * roi,
    marginalRoi: marginal[0],
    marginalLower: marginal[1],
    marginalUpper: marginal[2],
    verdict: "positive",
    belowBreakEven: false,
  };
}

const carryover: GeoCarryoverRow[] = [
  {
    channel: "tv_spend",
    theta: 0.5,
    lower: 0.35,
    upper: 0.65,
    scale: 1,
    scaleMultiple: 1,
    changedShare: 0.1,
  },
  {
    channel: "search_spend",
    theta: 0.2,
    lower: null,
    upper: null,
    scale: 1,
    scaleMultiple: 1,
    changedShare: null,
  },
];
const controls: GeoControlRow[] = [{
  control: "price",
  estimate: -2,
  lower: -Infinity,
  upper: -1,
  verdict: "negative",
  inference: "wild cluster bootstrap",
}];

Deno.test("geoEstimateRows: ROI, contribution, marginal ROI, carryover, control, in that order", () => {
  const roi = [roiRow("tv_spend", 2, [1, 0.5, 1.5]), roiRow("search_spend", NaN, [0.4, NaN, NaN])];
  const rows = geoEstimateRows(roi, carryover, controls, "sales");
  const perSpend = "sales per unit of spend";
  assertEquals(rows, [
    // ROI: only finite ones
    {
      model: "geo",
      quantity: "roi",
      channel: "tv_spend",
      estimate: 2,
      lower: 1,
      upper: 3,
      level: 0.95,
      unit: perSpend,
    },
    // contribution: every channel
    {
      model: "geo",
      quantity: "contribution",
      channel: "tv_spend",
      estimate: 200,
      lower: 100,
      upper: 300,
      level: 0.95,
      unit: "sales",
    },
    {
      model: "geo",
      quantity: "contribution",
      channel: "search_spend",
      estimate: NaN,
      lower: NaN,
      upper: NaN,
      level: 0.95,
      unit: "sales",
    },
    // marginal ROI: the interval only where it exists (with the bootstrap)
    {
      model: "geo",
      quantity: "marginal_roi",
      channel: "tv_spend",
      estimate: 1,
      lower: 0.5,
      upper: 1.5,
      level: 0.95,
      unit: perSpend,
    },
    {
      model: "geo",
      quantity: "marginal_roi",
      channel: "search_spend",
      estimate: 0.4,
      lower: null,
      upper: null,
      level: null,
      unit: perSpend,
    },
    {
      model: "geo",
      quantity: "carryover",
      channel: "tv_spend",
      estimate: 0.5,
      lower: 0.35,
      upper: 0.65,
      level: 0.95,
      unit: "share of the adstock carried to the next week",
    },
    {
      model: "geo",
      quantity: "carryover",
      channel: "search_spend",
      estimate: 0.2,
      lower: null,
      upper: null,
      level: null,
      unit: "share of the adstock carried to the next week",
    },
    // a control's unbounded end (the wild bootstrap's test inversion) is null
    {
      model: "geo",
      quantity: "control",
      channel: "price",
      estimate: -2,
      lower: null,
      upper: -1,
      level: 0.95,
      unit: "sales per unit of price",
    },
  ]);
});
