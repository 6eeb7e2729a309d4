/** Notebook 05's contributions view: the decomposition's chart inputs, shares, export and the largest cells. */
import { assertAlmostEquals, assertEquals } from "../assert.ts";
import { fitGeoModel } from "../../lib/decompose/geo_model.ts";
import {
  amountAxisUnit,
  geoContributionExports,
  geoDecompositionView,
  geoMonthlyByLabel,
  geoShareRows,
  largestContributionCells,
} from "../../lib/pipeline/geo_view_contributions.ts";
import type { PeriodContribution } from "../../lib/decompose/contributions_by_period.ts";
import { panel } from "./_geo_panel.ts";

Deno.test("amountAxisUnit: money for a currency target, number for a count", () => {
  assertEquals([amountAxisUnit("currency"), amountAxisUnit("units")], ["money", "number"]);
});

Deno.test("geoDecompositionView: waterfall bars add up to the modelled total; series keyed by display name", () => {
  const ds = panel({ geos: 3, weeks: 60 });
  const model = fitGeoModel(ds, {
    tv_spend: { theta: 0.5, scale: 5000 },
    search_spend: { theta: 0, scale: 2000 },
    radio_spend: { theta: 0.3, scale: 800 },
  });
  const v = geoDecompositionView({ model, dataset: ds, targetUnit: "units" });
  assertEquals(v.unit, "number");
  assertEquals(v.waterfall.channels.map((c) => c.label), ["TV", "Search", "Radio"]);
  const total = model.fit.fitted.reduce((s, x) => s + x, 0);
  const bars = v.waterfall.baseline + v.waterfall.channels.reduce((s, c) => s + c.contribution, 0);
  assertAlmostEquals(bars, total, 1e-6 * Math.abs(total));
  assertEquals(v.waterfallAmounts.length, 2 + 3);
  assertAlmostEquals(v.waterfallAmounts[1], total, 1e-6 * Math.abs(total));
  assertEquals(Object.keys(v.overTime.channels), ["TV", "Search", "Radio"]);
  assertEquals(v.overTime.dates.length, 60);
  // each date's layers add up to that date's fitted target summed over geos
  const t = 10;
  const fittedAt = ds.dates.reduce((s, d, i) => (d === v.overTime.dates[t] ? s + model.fit.fitted[i] : s), 0);
  const layers = v.overTime.baseline[t] + Object.values(v.overTime.channels).reduce((s, x) => s + x[t], 0);
  assertAlmostEquals(layers, fittedAt, 1e-6 * Math.abs(fittedAt));
});

Deno.test("geoShareRows and geoMonthlyByLabel name channels for display, order kept", () => {
  assertEquals(
    geoShareRows([
      {
        channel: "tv_spend",
        spend: 1,
        spendShare: 0.25,
        contribution: 2,
        effectShare: 0.5,
        difference: 0.25,
        roi: 2,
      },
      {
        channel: "radio_spend",
        spend: 3,
        spendShare: 0.75,
        contribution: 2,
        effectShare: 0.5,
        difference: -0.25,
        roi: 0.7,
      },
    ]),
    [
      { label: "TV", spendShare: 0.25, effectShare: 0.5, roi: 2 },
      { label: "Radio", spendShare: 0.75, effectShare: 0.5, roi: 0.7 },
    ],
  );
  const series = { radio_spend: Float64Array.from([1]), tv_spend: Float64Array.from([2]) };
  assertEquals(geoMonthlyByLabel({ monthly: { series } }), {
    Radio: series.radio_spend,
    TV: series.tv_spend,
  });
  assertEquals(Object.keys(geoMonthlyByLabel({ monthly: { series } })), ["Radio", "TV"]);
});

Deno.test("geoContributionExports describes the CSV with the target's name", () => {
  const rows: PeriodContribution[] = [{
    geo: "a",
    year: 2024,
    month: 1,
    channel: "tv_spend",
    spend: 1,
    contribution: 2,
    roi: 2,
  }];
  const e = geoContributionExports({ target: "conversions", contributionsByGeoYearMonthChannel: rows });
  assertEquals(e.roi_contribution_geo_year_month.columns, [
    "geo",
    "year",
    "month",
    "channel",
    "spend",
    "contribution",
    "roi",
  ]);
  assertEquals(e.roi_contribution_geo_year_month.rows, rows);
  assertEquals(
    e.roi_contribution_geo_year_month.description,
    "Spend, contribution to conversions and ROI per geo, year, month and channel (geo model, counterfactual " +
      "contributions; ROI empty where a month has no spend)",
  );
});

Deno.test("largestContributionCells: largest first, ties in table order, at most count, input untouched", () => {
  const cell = (geo: string, contribution: number): PeriodContribution => ({
    geo,
    year: 2024,
    month: 1,
    channel: "tv_spend",
    spend: 1,
    contribution,
    roi: contribution,
  });
  const rows = [cell("a", 1), cell("b", 5), cell("c", -2), cell("d", 5), cell("e", 3)];
  const top = largestContributionCells(rows, 3);
  assertEquals(top.rows.map((r) => [r.geo, r.contribution, r.channel]), [["b", 5, "TV"], ["d", 5, "TV"], [
    "e",
    3,
    "TV",
  ]]);
  assertEquals(top.cells, 5);
  assertEquals(top.contributions, [1, 5, -2, 5, 3]);
  assertEquals(rows.map((r) => r.geo), ["a", "b", "c", "d", "e"]);
  assertEquals(rows[1].channel, "tv_spend");
  assertEquals(largestContributionCells(rows).rows.length, 5);
});
