/**
 * How the geo pipeline's intervals compare with fixed-transform ones: the per-channel width ratios, their
 * median, and the sentence, with and without the bootstrap. Expected values follow from the definitions.
 */
import { assert, assertEquals } from "../assert.ts";
import { geoPipeline } from "../../lib/pipeline/geo.ts";
import { panel } from "./_geo_panel.ts";

const FAST = { seed: 3, draws: 200, replicates: 19, thetaGrid: [0, 0.5], scaleMultiples: [1, 2] } as const;

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

Deno.test("geoIntervals with the bootstrap: width ratios against the fixed-transform intervals and their median", async () => {
  const geo = await geoPipeline(panel({ geos: 6, weeks: 104 }), FAST);
  const iv = geo.intervals;
  assertEquals(iv.method, "bootstrap");
  const expected: Record<string, number> = {};
  for (const r of geo.roi) {
    const fixedWidth = r.fixedUpper - r.fixedLower;
    if (fixedWidth > 0) expected[r.channel] = (r.upper - r.lower) / fixedWidth;
  }
  assertEquals(iv.widthRatios, expected);
  assertEquals(iv.widthRatio, median(Object.values(expected)));
  assert(Number.isFinite(iv.heldWidthRatio) && iv.heldWidthRatio > 0, `${iv.heldWidthRatio}`);
  assertEquals(iv.changedShare, geo.bootstrap!.transformsChanged / geo.bootstrap!.replicates);
  assert(
    iv.sentence.startsWith(`Intervals come from a wild bootstrap (19 replicates, weights per `),
    iv.sentence,
  );
  assert(
    iv.sentence.includes(`ROI intervals are a median ${iv.widthRatio.toFixed(1)}× as wide`),
    iv.sentence,
  );
  assertEquals(geo.sentences.intervals, iv.sentence);
});

Deno.test("geoIntervals without the bootstrap: no ratios, and the sentence says the draws are too narrow", async () => {
  const geo = await geoPipeline(panel({ geos: 6, weeks: 104 }), { ...FAST, intervals: "fixed-transforms" });
  const iv = geo.intervals;
  assertEquals([iv.method, iv.widthRatio, iv.heldWidthRatio, iv.widthRatios, iv.changedShare], [
    "fixed-transforms",
    NaN,
    NaN,
    {},
    0,
  ]);
  assertEquals(
    iv.sentence,
    "Intervals are Krinsky–Robb draws of the coefficients (200 draws) with carryover and scale held at their " +
      "chosen values: they leave out the uncertainty of that choice and are too narrow by that much.",
  );
});
