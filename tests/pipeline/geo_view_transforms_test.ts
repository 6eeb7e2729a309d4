/** Notebook 05's transform view: the carryover table with and without a truth, CV profiles, adstock decay. */
import { assertEquals } from "../assert.ts";
import {
  geoAdstockDecay,
  geoCarryoverTable,
  geoThetaProfileCurves,
} from "../../lib/pipeline/geo_view_transforms.ts";
import type { GeoPipelineResult } from "../../lib/pipeline/geo_types.ts";

const carryover: GeoPipelineResult["carryover"] = [
  {
    channel: "tv_spend",
    theta: 0.5,
    lower: 0.35,
    upper: 0.65,
    scale: 100,
    scaleMultiple: 2,
    changedShare: 0.1,
  },
  {
    channel: "search_spend + radio_spend",
    theta: 0.2,
    lower: null,
    upper: null,
    scale: 50,
    scaleMultiple: 1,
    changedShare: null,
  },
];
const geo = {
  carryover,
  identification: { merged: [{ channel: "search_spend + radio_spend", columns: [], sentence: "" }] },
  transforms: {
    thetaWithinOneSe: {
      tv_spend: { min: 0.3, max: 0.6 },
      "search_spend + radio_spend": { min: 0, max: 0.4 },
    },
  },
};

Deno.test("geoCarryoverTable: truth beside each channel it describes, NaN for merged channels and without one", () => {
  const truth = {
    channels: {
      tv: { theta: 0.55, scale: 120 },
      search: { theta: 0.1, scale: 40 },
      radio: { theta: 0.2, scale: 9 },
      // the key a merged channel would look up (truthKey): it must not be read
      "search_spend + radio": { theta: 0.9, scale: 1 },
    },
  };
  const rows = geoCarryoverTable(geo, truth);
  assertEquals(rows[0], {
    channel: "TV",
    theta: 0.5,
    lower: 0.35,
    upper: 0.65,
    thetaOneSe: "0.3 – 0.6",
    trueTheta: 0.55,
    scale: 100,
    scaleMultiple: 2,
    trueScale: 120,
    changed: 0.1,
  });
  // a merged channel has no truth of its own; without the bootstrap its interval and changes are NaN
  assertEquals(rows[1], {
    channel: "Search + Radio",
    theta: 0.2,
    lower: NaN,
    upper: NaN,
    thetaOneSe: "0 – 0.4",
    trueTheta: NaN,
    scale: 50,
    scaleMultiple: 1,
    trueScale: NaN,
    changed: NaN,
  });
  const plain = geoCarryoverTable(geo);
  assertEquals([plain[0].trueTheta, plain[0].trueScale], [NaN, NaN]);
});

Deno.test("geoThetaProfileCurves: the best RMSE over scales at each θ, keyed by display name", () => {
  const profiles = {
    tv_spend: {
      options: [{ theta: 0, scale: 1 }, { theta: 0, scale: 2 }, { theta: 0.5, scale: 1 }, {
        theta: 0.5,
        scale: 2,
      }],
      rmse: Float64Array.from([5, 4, 3, NaN]),
    },
  };
  const curves = geoThetaProfileCurves({
    identification: { channels: ["tv_spend"] },
    transforms: { profiles } as unknown as GeoPipelineResult["transforms"],
  });
  assertEquals(curves, { TV: { x: [0, 0.5], y: [4, 3] } });
});

Deno.test("geoAdstockDecay: θ^l until the slowest channel's weight falls below 1%, for every channel", () => {
  const d = geoAdstockDecay({
    carryover: [{ channel: "tv_spend", theta: 0.5 }, { channel: "radio_spend", theta: 0 }],
  });
  // 0.5^6 = 0.0156 ≥ 1%, 0.5^7 = 0.0078 < 1%: lags 0..7
  assertEquals(d.lags, [0, 1, 2, 3, 4, 5, 6, 7]);
  assertEquals(d.rows[0], {
    channel: "tv_spend",
    theta: 0.5,
    weights: [1, 0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625, 0.0078125],
  });
  assertEquals(d.rows[1].weights, [1, 0, 0, 0, 0, 0, 0, 0]);
  assertEquals(Object.keys(d.curves), ["TV", "Radio"]);
  assertEquals(d.curves.TV, { x: d.lags, y: d.rows[0].weights });
});
