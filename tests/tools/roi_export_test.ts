/**
 * The geo notebook's CSV export end to end through the report's own code: `results.exports` → `tidyFiles`
 * (formula-neutralized CSV) → the project's CSV reader, and the index page linking it.
 */
import { assert, assertEquals } from "../assert.ts";
import { tidyFiles } from "../../tools/report_exports.ts";
import { indexHtml, type Inputs } from "../../tools/report_index.ts";
import { readCsv } from "../../lib/data/csv.ts";

const COLUMNS = ["geo", "year", "month", "channel", "spend", "contribution", "roi"];
// Geo names a spreadsheet would run as formulas, a negative contribution, a month without spend (ROI NaN).
const ROWS = [
  {
    geo: '=HYPERLINK("x")',
    year: 2024,
    month: 1,
    channel: "tv_spend",
    spend: 1200.5,
    contribution: -350.25,
    roi: -0.29175,
  },
  { geo: "+1", year: 2024, month: 2, channel: "radio_spend", spend: 0, contribution: 12.5, roi: NaN },
  { geo: "-geo", year: 2024, month: 3, channel: "@search", spend: 1e6, contribution: 2.5e6, roi: 2.5 },
  { geo: "\tTab", year: 2024, month: 4, channel: "print_spend", spend: 10, contribution: -1e-9, roi: -1e-10 },
  { geo: "\rCR", year: 2024, month: 5, channel: "social_spend", spend: 3, contribution: 0, roi: 0 },
];

Deno.test("the ROI and contribution export round-trips: text neutralized, numbers (negative too) unchanged", () => {
  const files = tidyFiles([{
    notebook: "05_geo_ols",
    results: {
      exports: { roi_contribution_geo_year_month: { columns: COLUMNS, rows: ROWS, description: "d" } },
    },
  }]);
  assertEquals(files.map((f) => f.path), ["results/roi_contribution_geo_year_month.csv"]);
  const back = readCsv(files[0].text, "roi.csv");
  assertEquals(back.header, COLUMNS);
  assertEquals(back.rows.length, ROWS.length);
  ROWS.forEach((row, i) => {
    const cells = back.rows[i];
    // every text cell that starts with = + - @ tab or CR comes back behind an apostrophe, otherwise intact
    for (const [j, key] of [[0, "geo"], [3, "channel"]] as const) {
      const text = row[key];
      const expected = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
      // The reader turns a line break inside a quoted field into LF; the raw text keeps the CR (checked below).
      assertEquals(cells[j], expected.replace(/\r/g, "\n"), `${key} of row ${i}`);
    }
    for (
      const [j, key] of [[1, "year"], [2, "month"], [4, "spend"], [5, "contribution"], [6, "roi"]] as const
    ) {
      const value = row[key];
      if (Number.isNaN(value)) assertEquals(cells[j], "", `empty cell for NaN ${key}`);
      else assertEquals(Number(cells[j]), value, `${key} of row ${i}`);
    }
  });
  assertEquals(back.rows[0][5], "-350.25");
  assert(files[0].text.includes(`\n"'\rCR",2024,5,`), "CR cell quoted and neutralized in the file");
  assert(files[0].text.includes(`\n'-geo,2024,3,'@search,1000000,2500000,2.5\n`), files[0].text);
});

Deno.test("the report index links every export file with its description", () => {
  const inputs: Inputs = {
    weekly: { path: "w.csv", sha256: "a" },
    geo: { path: "g.csv", sha256: "b" },
    roles: null,
  };
  const files = tidyFiles([{
    notebook: "05_geo_ols",
    results: {
      exports: {
        roi_contribution_geo_year_month: { columns: ["geo"], rows: [], description: "ROI per geo & month" },
        other_table: { columns: ["x"], rows: [] },
      },
    },
  }]);
  const html = indexHtml({ reports: {} }, [], inputs, files);
  for (const f of files) assert(html.includes(`<a href="${f.path}">`), `no link to ${f.path}`);
  assert(html.includes("ROI per geo &amp; month"), "description escaped and shown");
});
