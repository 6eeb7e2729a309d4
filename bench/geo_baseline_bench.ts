/**
 * The geo design's baseline (`geoBaseline`: identification check, OLS with 49 dummies, HC1 and cluster
 * errors, the fit without population for the pseudo-inverse figure) and the views notebook 05 adds
 * (`decompositionByDate`, waterfall, stacked contributions, shares).
 *
 * Held to: geoBaseline under 1 s on the bundled 40-geo × 156-week panel, so notebook 05 stays under its
 * ~20 s budget. Measured 2026-12-01 on the shared 2-core machine at load average ~15: geoBaseline 441 ms
 * minimum, 890 ms mean; the three views 96 ms minimum, 201 ms mean.
 */
import { bundledGeo } from "./_panels.ts";
import { geoBaseline } from "../lib/pipeline/geo_baseline.ts";
import {
  contributionAreaChart,
  contributionWaterfallChart,
  shareComparisonChart,
} from "../lib/plot/mmm_charts.ts";

const ds = bundledGeo();
const dates = [...new Set(ds.dates)].sort();
const ones = new Float64Array(dates.length).fill(1);

Deno.bench("geoBaseline, bundled 40-geo panel (target < 1 s)", () => {
  geoBaseline(ds);
});

Deno.bench("the three MMM views, 156 weeks × 5 channels", () => {
  contributionWaterfallChart({
    baseline: 5e8,
    channels: ["A", "B", "C", "D", "E"].map((label) => ({ label, contribution: 1e7 })),
  });
  contributionAreaChart({ dates, baseline: ones, channels: { A: ones, B: ones, C: ones, D: ones, E: ones } });
  shareComparisonChart(
    ["A", "B", "C", "D", "E"].map((label) => ({ label, spendShare: 0.2, effectShare: 0.2, roi: 1 })),
  );
});
