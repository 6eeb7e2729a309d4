import { assert, assertEquals, assertThrows } from "../assert.ts";
import { tidyFiles } from "../../tools/report_exports.ts";
import { readCsv } from "../../lib/data/csv.ts";

const row = (quantity: string, channel: string, estimate: number) => ({
  model: "geo",
  quantity,
  channel,
  estimate,
  lower: estimate - 1,
  upper: estimate + 1,
  level: 0.95,
  unit: "sales per unit of spend",
});

Deno.test("tidyFiles gathers every notebook's estimates into one contract file, first occurrence kept", () => {
  const files = tidyFiles([
    {
      notebook: "05_geo_ols",
      results: { estimates: [row("roi", "tv_spend", 1.5), row("carryover", "tv_spend", 0.4)] },
    },
    {
      notebook: "07_recommendations",
      results: { estimates: [row("roi", "tv_spend", 9), row("marginal_roi", "tv_spend", 0.8)] },
    },
  ]);
  assertEquals(files.map((f) => f.path), ["results/estimates.csv", "results/estimates.json"]);
  const csv = readCsv(files[0].text, "estimates.csv");
  assertEquals(csv.header, ["model", "quantity", "channel", "estimate", "lower", "upper", "level", "unit"]);
  assertEquals(csv.rows.map((r) => `${r[1]}=${r[3]}`), ["roi=1.5", "marginal_roi=0.8", "carryover=0.4"]);
  assertEquals(JSON.parse(files[1].text).length, 3);
});

Deno.test("tidyFiles writes each export table as a neutralized CSV and refuses contract breaks by notebook", () => {
  const files = tidyFiles([{
    notebook: "05_geo_ols",
    results: {
      exports: {
        roi_contribution_geo_year_month: { columns: ["geo", "roi"], rows: [{ geo: "=evil", roi: -1 }] },
      },
    },
  }]);
  assertEquals(files.length, 1);
  assertEquals(files[0].path, "results/roi_contribution_geo_year_month.csv");
  assertEquals(files[0].text, "geo,roi\n'=evil,-1\n");
  assertThrows(
    () => tidyFiles([{ notebook: "04", results: { estimates: [row("elasticity", "", 1)] } }]),
    TypeError,
    "04: results.estimates[0]",
  );
  assertThrows(
    () => tidyFiles([{ notebook: "05", results: { exports: { "../x": { columns: [], rows: [] } } } }]),
    TypeError,
    "not a file name",
  );
  assert(tidyFiles([{ notebook: "01", results: {} }]).length === 0);
});
