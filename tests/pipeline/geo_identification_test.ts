/**
 * Identification of the geo model: copies of a channel merged into one summed channel (chains included),
 * other unidentified columns left out, roles updated.
 */
import { assertEquals } from "../assert.ts";
import { channelLabel } from "../../lib/data/labels.ts";
import { applyGeoIdentification } from "../../lib/pipeline/geo_identification.ts";
import { panel } from "./_geo_panel.ts";

Deno.test("applyGeoIdentification merges chains of copies and leaves other columns out", () => {
  const ds = panel({ geos: 3, weeks: 60 });
  const { dataset, identification } = applyGeoIdentification(ds, {
    dropped: [
      { column: "radio_spend", reason: "duplicate", of: "tv_spend", factor: 1, sentence: "copy" },
      { column: "population", reason: "constant-within-geo", sentence: "absorbed" },
    ],
    zeroInGeos: [],
  });
  assertEquals(identification.channels, ["tv_spend + radio_spend", "search_spend"]);
  assertEquals(identification.controls, ["competitor_sales_control"]);
  assertEquals(dataset.roles.media, ["tv_spend + radio_spend", "search_spend"]);
  assertEquals(dataset.roles.population, undefined);
  assertEquals(identification.dropped.map((d) => d.column), ["population"]);
});

Deno.test("applyGeoIdentification says how each copy copies its channel, and sums their spend", () => {
  const ds = panel({ geos: 3, weeks: 60 });
  const { dataset, identification } = applyGeoIdentification(ds, {
    dropped: [
      { column: "search_spend", reason: "duplicate", of: "tv_spend", factor: 2, sentence: "" },
      { column: "radio_spend", reason: "near-duplicate", of: "tv_spend", correlation: 0.9995, sentence: "" },
    ],
    zeroInGeos: [],
  });
  assertEquals(identification.channels, ["tv_spend + search_spend + radio_spend"]);
  const merged = identification.merged[0];
  assertEquals(merged.columns, ["tv_spend", "search_spend", "radio_spend"]);
  const sum = dataset.columns["tv_spend + search_spend + radio_spend"];
  for (let i = 0; i < ds.n; i++) {
    assertEquals(sum[i], ds.columns.tv_spend[i] + ds.columns.search_spend[i] + ds.columns.radio_spend[i]);
  }
  const [tv, search, radio] = ["tv_spend", "search_spend", "radio_spend"].map((c) => channelLabel(c));
  assertEquals(
    merged.sentence,
    `${search} is 2 × ${tv} in every row and ${radio} moves almost exactly with ${tv} (correlation 1 within ` +
      `geos), so the data cannot tell their effects apart (two separate estimates would be large, of opposite ` +
      `signs and meaningless). They are modelled as one channel, ${
        channelLabel(merged.channel)
      }, with their ` +
      `spend summed: its ROI is the return on the spend of both together.`,
  );
});
