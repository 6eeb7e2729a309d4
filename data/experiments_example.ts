/**
 * Writes `data/experiments.example.csv`: one plausible lift test on the bundled geo panel, a TV geo test in
 * four geos over eight weeks, its lift the **true** TV contribution there (from `truth.json`'s TV parameters
 * and the spend in `mmm_geo.csv`: `Σ_{test geos} Σ_{window} β_tv · log1p(adstock(tv, θ_tv)_t / scale_tv)`,
 * adstock within each geo from its first week, as in data/README.md) and a standard error of 20% of it (a
 * typical precision for a geo test of that size). Run: `deno run --allow-read=data --allow-write=data
 * data/experiments_example.ts`.
 *
 * @module
 */
import { geometricAdstock } from "../lib/features/adstock.ts";
import { loadDataset } from "../lib/data/load.ts";

const here = new URL(".", import.meta.url).pathname;
const truth = JSON.parse(Deno.readTextFileSync(`${here}truth.json`));
const geo = loadDataset(`${here}mmm_geo.csv`, { kind: "geo" });
const tv = truth.geo.channels.tv as { theta: number; scale: number; beta: number };
const TEST_GEOS = ["geo_03", "geo_11", "geo_19", "geo_27"];
const START = "2024-03-04", END = "2024-04-22"; // eight Mondays
const SE_SHARE = 0.2;

let lift = 0;
for (const g of TEST_GEOS) {
  const rows = geo.geos!.flatMap((x, i) => (x === g ? [i] : []));
  const a = geometricAdstock(Float64Array.from(rows, (i) => geo.columns.tv_spend[i]), tv.theta);
  rows.forEach((i, t) => {
    if (geo.dates[i] >= START && geo.dates[i] <= END) lift += tv.beta * Math.log1p(a[t] / tv.scale);
  });
}
const round = (x: number) => Math.round(x);
const csv = "channel,start,end,geos,lift,se,metric\n" +
  `tv_spend,${START},${END},${TEST_GEOS.join(";")},${round(lift)},${round(SE_SHARE * lift)},sales\n`;
Deno.writeTextFileSync(`${here}experiments.example.csv`, csv);
console.log(csv);
