import { assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import { mediaModelFromGeoTruth } from "../../lib/decompose/truth_model.ts";
import { roi } from "../../lib/decompose/contributions.ts";
import { loadDataset, loadTruth } from "../../lib/data/mod.ts";

const geo = loadDataset(new URL("../../data/mmm_geo.csv", import.meta.url).pathname, { kind: "geo" });
const truth = loadTruth(new URL("../../data/truth.json", import.meta.url).pathname);

Deno.test("the true geo media model reproduces the truth's contributions and ROI (generator's own definition)", () => {
  const model = mediaModelFromGeoTruth(truth.geo, geo.roles.media);
  for (const r of roi(model, geo)) {
    const t = truth.geo.channels[r.channel.replace(/_spend$/, "") as keyof typeof truth.geo.channels];
    // The generator rounds spend to cents before computing its truth: agreement to 1e-6 relative.
    assertRelClose(r.contribution, t.contribution, 1e-6);
    assertRelClose(r.roi, t.roi, 1e-6);
  }
  assertEquals(model.channels.length, 5);
});

Deno.test("mediaModelFromGeoTruth names a column the truth does not know", () => {
  assertThrows(() => mediaModelFromGeoTruth(truth.geo, ["billboard_spend"]), RangeError, "billboard_spend");
});
