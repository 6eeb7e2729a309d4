/**
 * The per-(geo, year, month, channel) table against a pandas groupby of the numpy reference contributions, its
 * totals against the overall totals, its order, and its speed on a 6,240-row panel.
 */
import {
  contributions,
  contributionsByPeriod,
  type MediaModel,
  type PeriodKey,
  roi,
} from "../../lib/decompose/mod.ts";
import { assert, assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import { fixture, panelData, syntheticPanel, toModel } from "./_fixture.ts";

const p = fixture.panel;
const model = toModel(p.model);
const ds = panelData();

Deno.test("per (geo, year, month, channel) sums match pandas groupby (1e-9 relative)", () => {
  const rows = contributionsByPeriod(model, ds);
  assertEquals(rows.length, p.byPeriod.length);
  const key = (r: { geo?: string; year?: number; month?: number; channel?: string }) =>
    `${r.geo}|${r.year}|${r.month}|${r.channel}`;
  const mine = new Map(rows.map((r) => [key(r), r]));
  for (const ref of p.byPeriod) {
    const r = mine.get(key(ref));
    assert(r, `missing group ${key(ref)}`);
    assertRelClose(r.spend, ref.spend, 1e-12, 1e-9, key(ref));
    assertRelClose(r.contribution, ref.contribution, 1e-9, 1e-9, key(ref));
    if (r.spend > 0) assertRelClose(r.roi, r.contribution / r.spend, 1e-15, 0);
    else assert(Number.isNaN(r.roi));
  }
  // rows sorted by geo, year, month, then channel (model order); the fixture crosses a year end
  const order = rows.map((
    r,
  ) => [r.geo, r.year, r.month, model.channels.findIndex((c) => c.name === r.channel)]);
  const sorted = [...order].sort((a, b) =>
    String(a[0]).localeCompare(String(b[0])) || (a[1] as number) - (b[1] as number) ||
    (a[2] as number) - (b[2] as number) || (a[3] as number) - (b[3] as number)
  );
  assertEquals(order, sorted);
  assert(rows.some((r) => r.year === 2023) && rows.some((r) => r.year === 2024));
});

Deno.test("without 'channel' the channels are summed (pandas groupby geo, year, month)", () => {
  const rows = contributionsByPeriod(model, ds, { by: ["geo", "year", "month"] });
  assertEquals(rows.length, p.byGeoMonth.length);
  rows.forEach((r, i) => {
    const ref = p.byGeoMonth[i];
    assertEquals([r.geo, r.year, r.month, r.channel], [ref.geo, ref.year, ref.month, undefined]);
    assertRelClose(r.contribution, ref.contribution, 1e-9, 1e-9);
    assertRelClose(r.spend, ref.spend, 1e-12, 1e-9);
  });
});

Deno.test("group totals add up to the overall totals, whatever the grouping", () => {
  const c = contributions(model, ds);
  for (const by of [["geo", "year", "month", "channel"], ["channel", "month"], ["channel"]] as const) {
    const rows = contributionsByPeriod(model, ds, { by });
    for (const name of c.channels) {
      const mine = rows.filter((r) => r.channel === name);
      assertRelClose(mine.reduce((s, r) => s + r.contribution, 0), c.total[name], 1e-12, 0, `${by} ${name}`);
      assertRelClose(mine.reduce((s, r) => s + r.spend, 0), c.spend[name], 1e-12, 0, `${by} ${name}`);
    }
  }
  const byChannel = contributionsByPeriod(model, ds, { by: ["channel"] });
  assertEquals(byChannel.map((r) => r.channel), c.channels);
  byChannel.forEach((r, j) => assertRelClose(r.roi, roi(model, ds)[j].roi, 1e-12));
  // channel first: rows grouped by channel, months ascending within. 40 weeks from 2023-10-02 end on
  // 2024-07-01, so the months are Oct–Dec 2023 and Jan–Jul 2024.
  const cm = contributionsByPeriod(model, ds, { by: ["channel", "month"] });
  assertEquals(cm[0].channel, "tv");
  assertEquals(cm.filter((r) => r.channel === "tv").map((r) => r.month), [1, 2, 3, 4, 5, 6, 7, 10, 11, 12]);
});

Deno.test("contributionsByPeriod checks its keys", () => {
  assertThrows(
    () => contributionsByPeriod(model, ds, { by: ["week" as PeriodKey] }),
    RangeError,
    "unknown grouping key",
  );
  assertThrows(() => contributionsByPeriod(model, ds, { by: ["geo", "geo"] }), RangeError, "twice");
  const national = { ...ds, geos: undefined };
  assertThrows(() => contributionsByPeriod(model, national, { by: ["geo"] }), RangeError, "no geo keys");
});

Deno.test("a 40-geo × 156-week panel with 5 channels (6,240 rows) gives one row per geo, month and channel", () => {
  const panel = syntheticPanel(40, 156, 5);
  const big: MediaModel = {
    channels: Array.from({ length: 5 }, (_, j) => ({
      name: `c${j}`,
      column: `ch${j}`,
      coef: 1000 * (j + 1),
      adstock: { type: "geometric" as const, theta: 0.1 * (j + 2) },
      saturation: { type: "log1p" as const, scale: 2000 },
    })),
  };
  const rows = contributionsByPeriod(big, panel);
  // (its speed is held by bench/optimize_bench.ts, not by a timed test) 156 weeks from 2022-01-03 end on 2024-12-23: 36 calendar months per geo, 5 channels
  assertEquals(rows.length, 40 * 36 * 5);
});

Deno.test("monthlyContributionSeries pivots year-month-channel rows into month-ordered series", async () => {
  const { monthlyContributionSeries } = await import("../../lib/decompose/contributions_by_period.ts");
  const rows = [
    { year: 2024, month: 2, channel: "tv", spend: 1, contribution: 20, roi: 20 },
    { year: 2023, month: 12, channel: "tv", spend: 1, contribution: 10, roi: 10 },
    { year: 2024, month: 2, channel: "radio", spend: 1, contribution: 5, roi: 5 },
  ];
  const m = monthlyContributionSeries(rows);
  if (m.dates.join() !== "2023-12-01,2024-02-01") throw new Error(`dates ${m.dates}`);
  if ([...m.series.tv].join() !== "10,20") throw new Error(`tv ${[...m.series.tv]}`);
  if (!Number.isNaN(m.series.radio[0]) || m.series.radio[1] !== 5) {
    throw new Error(`radio ${[...m.series.radio]}`);
  }
});
