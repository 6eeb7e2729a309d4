/**
 * Per-channel returns of the geo pipeline: the sign verdict of a possibly undefined interval, the truth a
 * channel is compared with, the carryover rows with and without the bootstrap, and the ROI, break-even and
 * truth sentences in each of their branches. Expected values follow from the definitions.
 */
import { assert, assertEquals } from "../assert.ts";
import { channelLabel } from "../../lib/data/labels.ts";
import { loadTruth } from "../../lib/data/truth.ts";
import {
  breakEvenSentence,
  channelTruth,
  roiSentence,
  truthSentence,
  verdictOf,
} from "../../lib/pipeline/geo_returns.ts";
import { geoPipeline } from "../../lib/pipeline/geo.ts";
import type { GeoIdentification, GeoRoiRow, GeoSentenceFormat } from "../../lib/pipeline/geo_types.ts";
import { panel } from "./_geo_panel.ts";

const FAST = { seed: 3, draws: 200, replicates: 19, thetaGrid: [0, 0.5], scaleMultiples: [1, 2] } as const;
const FORMAT: GeoSentenceFormat = { amount: (x) => x.toFixed(0), ratio: (x) => x.toFixed(2) };

function row(
  channel: string,
  roi: number,
  lower: number,
  upper: number,
  extra: Partial<GeoRoiRow> = {},
): GeoRoiRow {
  return {
    channel,
    spend: 1,
    contribution: roi,
    contributionLower: lower,
    contributionUpper: upper,
    roi,
    lower,
    upper,
    fixedLower: lower,
    fixedUpper: upper,
    marginalRoi: roi,
    marginalLower: NaN,
    marginalUpper: NaN,
    verdict: verdictOf(lower, upper),
    belowBreakEven: upper < 1,
    ...extra,
  };
}

Deno.test("verdictOf reads the interval's sign, and gives no verdict for an undefined interval", () => {
  assertEquals(verdictOf(0.5, 2), "positive");
  assertEquals(verdictOf(-2, -0.5), "negative");
  assertEquals(verdictOf(0, 1), "not distinguishable from zero"); // a bound exactly at zero
  assertEquals(verdictOf(-1, 0), "not distinguishable from zero");
  assertEquals(verdictOf(NaN, NaN), "not distinguishable from zero");
});

Deno.test("channelTruth: an input channel's truth; none for a merged channel or without truth", () => {
  const truth = loadTruth("data/truth.json").geo;
  const identification: GeoIdentification = {
    dropped: [],
    merged: [{ channel: "tv_spend + radio_spend", columns: ["tv_spend", "radio_spend"], sentence: "" }],
    zeroInGeos: [],
    channels: ["tv_spend + radio_spend", "search_spend"],
    controls: [],
    populationModelled: false,
  };
  assertEquals(channelTruth(truth, identification, "search_spend"), truth.channels.search);
  assertEquals(channelTruth(truth, identification, "tv_spend + radio_spend"), undefined);
  assertEquals(channelTruth(undefined, identification, "search_spend"), undefined);
});

Deno.test("roiSentence names the highest finite ROI and groups the channels by verdict", () => {
  const roi = [row("tv_spend", 2, 1, 3), row("search_spend", NaN, NaN, NaN), row("radio_spend", 0.5, -1, 2)];
  const s = roiSentence(roi, FORMAT);
  assert(
    s.startsWith(
      `${channelLabel("tv_spend")} has the highest estimated ROI, 2.00 (95% interval 1.00 to 3.00)`,
    ),
    s,
  );
  assert(s.includes(`positive (its 95% interval lies above zero) for ${channelLabel("tv_spend")}`), s);
  assert(
    s.includes(
      `not distinguishable from zero for ${channelLabel("search_spend")} and ${channelLabel("radio_spend")}`,
    ),
    s,
  );
  assert(!s.includes("negative"), s);
  const both = roiSentence([row("tv_spend", 2, 1, 3), row("search_spend", 1, 0.5, 2)], FORMAT);
  assert(both.includes("positive (its 95% interval lies above zero) for all 2 channels"), both);
  assertEquals(
    roiSentence([row("tv_spend", NaN, NaN, NaN)], FORMAT).startsWith("No channel has spend"),
    true,
  );
});

Deno.test("breakEvenSentence: below one unit per unit of spend at the top of the interval, or units", () => {
  const one = [row("tv_spend", 0.5, 0.2, 0.8), row("search_spend", 2, 1, 3)];
  assertEquals(
    breakEvenSentence(one, "currency", "sales"),
    `${
      channelLabel("tv_spend")
    } returns less than one unit of sales per unit of spend even at the top of its ` +
      `95% interval.`,
  );
  const two = [row("tv_spend", 0.5, 0.2, 0.8), row("search_spend", 0.6, 0.1, 0.9)];
  assert(breakEvenSentence(two, "currency", "sales").includes("return less than one unit of sales"));
  assert(breakEvenSentence(two, "currency", "sales").includes("top of their 95% interval"));
  assertEquals(
    breakEvenSentence([row("search_spend", 2, 1, 3)], "currency", "sales"),
    "No channel's 95% interval lies wholly below one unit of sales per unit of spend.",
  );
  assert(
    breakEvenSentence(two, "units", "orders").startsWith("The target is counted in units, so ROI is orders"),
  );
});

Deno.test("truthSentence counts the intervals that cover the true ROI", () => {
  assertEquals(truthSentence([row("tv_spend", 2, 1, 3)], true), "No ground truth for this file.");
  const roi = [
    row("tv_spend", 2, 1, 3, { trueRoi: 2.5, covered: true }),
    row("search_spend", 2, 1, 3, { trueRoi: 4, covered: false, fixedLower: 1, fixedUpper: 5 }),
  ];
  assertEquals(
    truthSentence(roi, true),
    "The intervals cover the true ROI for 1 of 2 channels (the fixed-transform intervals for 2 of 2).",
  );
  assert(
    truthSentence(roi, false).startsWith("The intervals cover the true ROI for 1 of 2 channels. Misses"),
  );
});

Deno.test("carryover rows: the bootstrap's θ interval on [0, 1] and the share of replicates that moved", async () => {
  const geo = await geoPipeline(panel({ geos: 6, weeks: 104 }), FAST);
  const b = geo.bootstrap!;
  const C = b.channels.length;
  geo.carryover.forEach((c, j) => {
    assertEquals(c.theta, geo.transforms.chosen[c.channel].theta);
    assert(c.lower !== null && c.upper !== null && 0 <= c.lower && c.lower <= c.upper && c.upper <= 1);
    let moved = 0;
    for (let r = 0; r < b.replicates; r++) {
      if (b.theta[r * C + j] !== c.theta || b.scale[r * C + j] !== c.scale) moved++;
    }
    assertEquals(c.changedShare, moved / b.replicates);
  });
  const fixed = await geoPipeline(panel({ geos: 6, weeks: 104 }), { ...FAST, intervals: "fixed-transforms" });
  for (const c of fixed.carryover) assertEquals([c.lower, c.upper, c.changedShare], [null, null, null]);
  for (const r of fixed.roi) {
    assertEquals([r.lower, r.upper], [r.fixedLower, r.fixedUpper]);
    assertEquals([r.marginalLower, r.marginalUpper], [NaN, NaN]);
  }
});
