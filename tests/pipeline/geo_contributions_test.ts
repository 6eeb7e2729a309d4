/**
 * The geo model's contributions: by period they add up to each channel's contribution, the monthly series to
 * the same totals, and the modelled total is the sum of the fitted target.
 */
import { assertAlmostEquals, assertEquals } from "../assert.ts";
import { geoContributions } from "../../lib/pipeline/geo_contributions.ts";
import { DEFAULT_FORMAT } from "../../lib/pipeline/geo_words.ts";
import { geoPipeline } from "../../lib/pipeline/geo.ts";
import { panel } from "./_geo_panel.ts";

const FAST = { seed: 3, draws: 200, replicates: 19, thetaGrid: [0, 0.5], scaleMultiples: [1, 2] } as const;

Deno.test("geoContributions: periods and months add up to each channel's contribution", async () => {
  const geo = await geoPipeline(panel({ geos: 4, weeks: 104 }), { ...FAST, intervals: "fixed-transforms" });
  const c = geoContributions(geo.model, geo.dataset, geo.roi, geo.identification.channels, DEFAULT_FORMAT);
  let fitted = 0;
  for (const v of geo.model.fit.fitted) fitted += v;
  assertEquals(c.modelledTotal, fitted);
  assertEquals(c.modelledTotal, geo.modelledTotal);
  for (const r of geo.roi) {
    const tol = 1e-9 * Math.max(1, Math.abs(r.contribution));
    let byPeriod = 0;
    for (const p of c.byPeriod) if (p.channel === r.channel) byPeriod += p.contribution;
    assertAlmostEquals(byPeriod, r.contribution, tol);
    let monthly = 0;
    for (const v of c.monthly.series[r.channel]) if (Number.isFinite(v)) monthly += v;
    assertAlmostEquals(monthly, r.contribution, tol);
  }
  // 104 weeks from 2022-01-03 span 24 calendar months
  assertEquals(c.monthly.dates.length, 24);
  assertEquals(c.shares.map((s) => s.channel), geo.identification.channels);
});
