import { assert, assertEquals } from "../assert.ts";
import {
  geoAllocationTableRows,
  geoMoveSentences,
  geoReallocationText,
  reallocationRangeSentence,
  spendChangeBars,
  truthCheckText,
} from "../../lib/pipeline/recommendations_view_geo_moves.ts";
import { PLAIN_SENTENCE_FORMAT } from "../../lib/optimize/national_sentences.ts";

const upper = (c: string) => c.toUpperCase();

const allocated = (channel: string, multiplier: number, bound: string | null = null) => ({
  channel,
  currentSpend: 100,
  optimalSpend: 100 * multiplier,
  multiplier,
  marginalRoiCurrent: 0.8,
  marginalRoiOptimal: 1.1,
  bound,
});

Deno.test("reallocationRangeSentence names the bootstrap replicates, else the coefficient draws", () => {
  const b = { min: 0.5, max: 2 };
  assertEquals(
    reallocationRangeSentence(b, { replicates: 199 }, 2000),
    "Each channel may move between 0.5× and 2× its current spend; the gain is\nre-evaluated under the 199 bootstrap replicate models.",
  );
  assertEquals(
    reallocationRangeSentence(b, undefined, 12000),
    "Each channel may move between 0.5× and 2× its current spend; the gain is\nre-evaluated over 12,000 coefficient draws.",
  );
  assert(reallocationRangeSentence(b, null, 5).endsWith("over 5 coefficient draws."));
});

Deno.test("geoAllocationTableRows and spendChangeBars give the relative change and the binding bound", () => {
  const channels = [allocated("tv", 1.3, "max"), allocated("radio", 0.7, "min"), allocated("print", 1)];
  const rows = geoAllocationTableRows(channels, upper);
  assertEquals(rows.map((r) => r.channel), ["TV", "RADIO", "PRINT"]);
  assertEquals(rows.map((r) => Math.round(r.change * 100)), [30, -30, 0]);
  assertEquals(rows.map((r) => r.atBound), ["max", "min", ""]);
  assertEquals(rows[0].recommendedSpend, 130);
  assertEquals(rows[0].marginalRoiNow, 0.8);
  assertEquals(rows[0].marginalRoiAfter, 1.1);
  const bars = spendChangeBars(channels);
  assertEquals(bars.labels, ["tv", "radio", "print"]);
  assertEquals(bars.values.map((v) => Math.round(v * 100)), [30, -30, 0]);
});

Deno.test("geoMoveSentences quotes each channel's marginal interval, none for a channel without a row", () => {
  const f = { ...PLAIN_SENTENCE_FORMAT, label: upper };
  const [tv, radio] = geoMoveSentences(
    [allocated("tv", 1.3), allocated("radio", 0.7)],
    [{ channel: "tv", marginalLower: 0.2, marginalUpper: 0.9 }],
    true,
    f,
  );
  // interval below 1 and a gain: the relative-move sentence, with the interval
  assert(
    tv.startsWith("TV is below break-even at the margin (marginal ROI 0.8, 95% interval 0.2 to 0.9)"),
    tv,
  );
  // no row: the point estimate only
  assertEquals(radio, "RADIO loses 30.0% (marginal ROI 0.8).");
});

Deno.test("geoReallocationText: the gain, the moves and the recommendation, or the reason in bold", () => {
  assertEquals(
    geoReallocationText("Gain 5 (95% interval 1 to 9).", ["tv gains 30%.", "radio loses 30%."], {
      shown: true,
      sentence: "Recommendation: increase tv.",
      reason: "",
    }),
    "Gain 5 (95% interval 1 to 9).\n\n- tv gains 30%.\n- radio loses 30%.\n\n**Recommendation: increase tv.**",
  );
  assertEquals(
    geoReallocationText("Gain 5.", ["tv gains 30%."], {
      shown: false,
      sentence: "The gate fails.",
      reason: "The gate fails.",
    }),
    "**No reallocation is recommended.** The gate fails.",
  );
});

Deno.test("truthCheckText: the check's sentence, merged channels, or no ground truth", () => {
  assertEquals(truthCheckText({ sentence: "Captures 80%." }, true), "Captures 80%.");
  assertEquals(
    truthCheckText(undefined, true),
    "Some channels were merged, so the true process does not apply channel by channel.",
  );
  assertEquals(
    truthCheckText(undefined, false),
    "No ground truth for this data set: this check applies to the bundled data only.",
  );
});
