/**
 * The geo holdout with transforms re-chosen on the training weeks, on a small generated panel (6 geos × 60
 * weeks): it holds out every geo's last 13 weeks, the training plan follows the training length, and the
 * prediction of a panel generated from media, season and a control beats the training-mean benchmark.
 */
import { assert, assertEquals } from "../assert.ts";
import { parseDataset } from "../../lib/data/load.ts";
import { geoPipeline } from "../../lib/pipeline/geo.ts";
import { geoHoldoutRechosen } from "../../lib/pipeline/geo_holdout.ts";
import { geometricAdstock } from "../../lib/features/adstock.ts";

function panel(geos: number, weeks: number) {
  let s = 5;
  const u = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const lines = ["geo,date,tv_spend,search_spend,population,competitor_sales_control,sales"];
  for (let g = 0; g < geos; g++) {
    const tv = Array.from({ length: weeks }, () => (u() < 0.2 ? 0 : 5000 * u()));
    const search = Array.from({ length: weeks }, () => 2000 * (0.5 + u()));
    const tvA = geometricAdstock(Float64Array.from(tv), 0.5);
    for (let t = 0; t < weeks; t++) {
      const date = new Date(Date.UTC(2022, 0, 3 + 7 * t)).toISOString().slice(0, 10);
      const c = 100 + 10 * Math.sin(t / 7) + 5 * u();
      const sales = 50000 * (g + 1) + 6000 * Math.log1p(tvA[t] / 5000) + 3000 * Math.log1p(search[t] / 2000) +
        2000 * Math.sin((2 * Math.PI * t) / 52.18) - 40 * c + 1500 * (u() - 0.5);
      lines.push(
        [
          `g${g + 1}`,
          date,
          tv[t].toFixed(2),
          search[t].toFixed(2),
          Math.round(1e6 * (g + 1) * (1 + 0.002 * t)),
          c.toFixed(2),
          sales.toFixed(2),
        ].join(","),
      );
    }
  }
  return parseDataset(lines.join("\n") + "\n", "generated.csv", {
    kind: "geo",
    roles: {
      media: ["tv_spend", "search_spend"],
      impressions: [],
      controls: ["competitor_sales_control"],
      population: "population",
    },
  });
}

Deno.test("geoHoldoutRechosen re-chooses the transforms on the first 47 of 60 weeks and predicts the last 13", async () => {
  const geo = await geoPipeline(panel(6, 60), { seed: 1, draws: 50, intervals: "fixed-transforms" });
  const r = geoHoldoutRechosen(geo);
  assert("holdout" in r, JSON.stringify(r));
  assertEquals(r.holdout.plan.trainWeeks, 47);
  assertEquals(r.holdout.testRows.length, 6 * 13);
  assertEquals(r.seasonality, "none"); // under 52 training weeks: no annual term (geoPanelPlan)
  assertEquals(r.transforms.map((t) => t.channel), ["tv_spend", "search_spend"]);
  assertEquals(r.holdout.benchmark.kind, "training mean");
  assert(r.holdout.scores.rmseRatio < 1, `${r.holdout.scores.rmseRatio}`);
});
