import { assert, assertEquals } from "../assert.ts";
import { parseExperiments } from "../../lib/data/experiments.ts";
import { calibrationSection } from "../../lib/plot/calibration_views.ts";
import type { Table } from "../../lib/plot/table.ts";
import { calibrateGeo } from "../../lib/pipeline/calibration.ts";
import { fitGeoModel } from "../../lib/decompose/geo_model.ts";
import { resolveRoles } from "../../lib/data/roles.ts";
import type { Dataset } from "../../lib/data/types.ts";
import { mondays } from "../pipeline/_weekly.ts";
import { xoshiro128ss } from "../../lib/stats/random.ts";

// a small panel: 4 geos × 60 weeks, two channels, known process
const next = xoshiro128ss(3);
const unif = () => next() / 2 ** 32;
const weeks = mondays("2023-01-02", 60);
const dates: string[] = [], geos: string[] = [];
const tv: number[] = [], radio: number[] = [], sales: number[] = [];
for (let g = 0; g < 4; g++) {
  for (const w of weeks) {
    dates.push(w);
    geos.push(`geo_${g}`);
    const a = 1000 * unif(), b = 500 * unif();
    tv.push(a);
    radio.push(b);
    sales.push(1000 * g + 2 * a + 1 * b + 50 * unif());
  }
}
const ds: Dataset = {
  source: "small.csv",
  n: dates.length,
  dates,
  geos,
  columns: {
    tv_spend: Float64Array.from(tv),
    radio_spend: Float64Array.from(radio),
    sales: Float64Array.from(sales),
  },
  roles: resolveRoles("geo", {
    media: ["tv_spend", "radio_spend"],
    impressions: [],
    controls: [],
    population: undefined,
  }),
  warnings: [],
};
const model = fitGeoModel(
  ds,
  { tv_spend: { theta: 0, scale: 1000 }, radio_spend: { theta: 0, scale: 500 } },
  {
    controls: [],
    seasonality: "none",
    covType: "HC1",
  },
);
const ctx = {
  channels: ["tv_spend", "radio_spend"],
  dates,
  geos,
  target: "sales",
  otherMetrics: "skip" as const,
};
const file = parseExperiments(
  "channel,start,end,geos,lift,se,metric\ntv_spend,2023-02-06,2023-03-27,geo_0;geo_1,9000,2000,sales\n" +
    "facebook_spend,2023-02-06,2023-03-27,,10,1,revenue\n",
  "exp.csv",
  ctx,
);
const result = calibrateGeo({ model, dataset: ds, target: "sales" }, ds, file.experiments);

const isIdentifier = (s: string) => /^[a-z]+[A-Z]\w*$|_/.test(s);

Deno.test("calibrationSection without experiments says none were given and how to give them", () => {
  const out = calibrationSection(null, null);
  assertEquals(out.length, 1);
  const text = (out[0] as { text: string }).text;
  assert(text.includes("No lift-test results were given") && text.includes("--experiments"), text);
});

Deno.test("calibrationSection with a file holding no experiment on this target names the other metrics", () => {
  const only = parseExperiments(
    "channel,start,end,geos,lift,se,metric\nfacebook_spend,2023-02-06,2023-03-27,,10,1,revenue\n",
    "exp.csv",
    ctx,
  );
  const out = calibrationSection(calibrateGeo({ model, dataset: ds, target: "sales" }, ds, []), only);
  const text = (out[0] as { text: string }).text;
  assert(text.includes(`"revenue" (line 2)`) && text.includes("not calibrated"), text);
});

Deno.test("calibrationSection shows prose, two labelled tables, a chart and the closing prose", () => {
  const out = calibrationSection(result, file);
  assertEquals(out.map((o) => o.kind), ["markdown", "table", "table", "figure", "markdown"]);
  for (const t of out.filter((o): o is Table => o.kind === "table")) {
    for (const c of t.columns) {
      const shown = t.labels?.[c] ?? c;
      assert(!isIdentifier(shown), `column ${c} is shown as "${shown}"`);
    }
  }
  const experiments = out[1] as Table;
  assertEquals(experiments.rows[0].channel, "TV");
  assertEquals(experiments.rows[0].geos, 2);
  assertEquals(experiments.rows[0].verdict, result.experiments[0].verdict);
  assert((out[0] as { text: string }).text.includes(result.experiments[0].sentence));
});
