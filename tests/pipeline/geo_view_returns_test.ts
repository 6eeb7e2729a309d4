/** Notebook 05's returns view: folds, gate, draws sentence, bootstrap, ROI rows and the truth-dependent words. */
import { assertEquals } from "../assert.ts";
import {
  breakEvenAndTruth,
  geoBootstrapResults,
  geoDrawsSentence,
  geoFoldRows,
  geoGateResults,
  geoRoiAmounts,
  geoRoiChartRows,
  geoRoiTableRows,
} from "../../lib/pipeline/geo_view_returns.ts";
import type { GeoPipelineResult, GeoRoiRow } from "../../lib/pipeline/geo_types.ts";

Deno.test("geoFoldRows numbers the folds from 1 and leaves out the dropped columns", () => {
  const fold = (k: number) => ({
    fold: k,
    trainSize: 100 + k,
    testSize: 25,
    r2: 0.9,
    withinR2: 0.1 * k,
    rmse: 3,
    droppedColumns: ["m"],
  });
  assertEquals(geoFoldRows({ crossValidation: { folds: [fold(0), fold(1)] } }), [
    { fold: 1, trainSize: 100, testSize: 25, r2: 0.9, withinR2: 0, rmse: 3 },
    { fold: 2, trainSize: 101, testSize: 25, r2: 0.9, withinR2: 0.1, rmse: 3 },
  ]);
});

Deno.test("geoGateResults keeps the verdict, reason, rule and checks only", () => {
  const checks = [{
    name: "mean",
    passed: true,
    sentence: "ok",
  }] as unknown as GeoPipelineResult["gate"]["checks"];
  const gate = {
    passed: true,
    reason: "r",
    rule: "u",
    checks,
    folds: 4,
    mean: 0.3,
    sd: 0.1,
    lowerBound: 0.2,
  };
  assertEquals(geoGateResults({ gate }), { passed: true, reason: "r", rule: "u", checks });
});

Deno.test("geoDrawsSentence: replicates and draws with the bootstrap, draws alone without", () => {
  assertEquals(
    geoDrawsSentence({ draws: 2000, seed: 20240501, bootstrap: { replicates: 199 } }),
    "199 bootstrap replicates and 2,000 coefficient draws (for the fixed-transform comparison), seed 20240501.",
  );
  assertEquals(geoDrawsSentence({ draws: 500, seed: 3 }), "500 coefficient draws, seed 3.");
});

Deno.test("geoBootstrapResults: the design without the replicates, null without a bootstrap", () => {
  assertEquals(geoBootstrapResults({}), null);
  const bootstrap = {
    scheme: "geo",
    weights: "webb",
    clusters: 8,
    widening: 1.2,
    replicates: 19,
    crossSection: { statistic: 1 },
    transformsChanged: { tv_spend: 0.1 },
    theta: new Float64Array(3),
    seed: 1,
  } as unknown as GeoPipelineResult["bootstrap"];
  assertEquals(geoBootstrapResults({ bootstrap }), {
    scheme: "geo",
    weights: "webb",
    clusters: 8,
    widening: 1.2,
    replicates: 19,
    crossSection: { statistic: 1 },
    transformsChanged: { tv_spend: 0.1 },
  });
});

const row = (channel: string, roi: number, trueRoi?: number): GeoRoiRow => ({
  channel,
  spend: 10,
  contribution: 10 * roi,
  contributionLower: 0,
  contributionUpper: 0,
  roi,
  lower: roi - 1,
  upper: roi + 1,
  fixedLower: roi - 0.5,
  fixedUpper: roi + 0.5,
  marginalRoi: roi / 2,
  marginalLower: NaN,
  marginalUpper: NaN,
  verdict: "positive",
  belowBreakEven: false,
  ...(trueRoi !== undefined ? { trueRoi, trueContribution: 10 * trueRoi } : {}),
});

Deno.test("geoRoiTableRows: truth columns only with a truth, NaN for a channel it does not describe", () => {
  const roi = [row("tv_spend", 2, 2.5), row("search_spend + radio_spend", 1)];
  const withTruth = geoRoiTableRows(roi, true);
  assertEquals([withTruth[0].channel, withTruth[0].trueRoi, withTruth[0].trueContribution], ["TV", 2.5, 25]);
  assertEquals([withTruth[1].channel, withTruth[1].trueRoi, withTruth[1].trueContribution], [
    "Search + Radio",
    NaN,
    NaN,
  ]);
  const without = geoRoiTableRows(roi, false);
  assertEquals("trueRoi" in without[0] || "trueContribution" in without[0], false);
  assertEquals(Object.keys(without[0]).length, 12);
});

Deno.test("geoRoiAmounts and geoRoiChartRows: amounts in order; the chart skips channels without a finite ROI", () => {
  const roi = [
    row("tv_spend", 2, 2.5),
    row("radio_spend", NaN),
    row("search_spend", Infinity),
    row("print_spend", -1),
  ];
  assertEquals(geoRoiAmounts(roi.slice(0, 2)), [10, 20, 10, NaN]);
  assertEquals(geoRoiChartRows(roi), [
    { label: "TV", estimate: 2, lower: 1, upper: 3, truth: 2.5 },
    { label: "Print", estimate: -1, lower: -2, upper: 0 },
  ]);
});

Deno.test("breakEvenAndTruth: the coverage sentence follows only with a truth", () => {
  const sentences = {
    breakEven: "No channel is below break-even.",
    truth: "Intervals cover 2 of 3 true ROIs.",
  };
  assertEquals(
    breakEvenAndTruth({ sentences }, true),
    "No channel is below break-even. Intervals cover 2 of 3 true ROIs.",
  );
  assertEquals(breakEvenAndTruth({ sentences }, false), "No channel is below break-even.");
});
