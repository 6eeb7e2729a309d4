import { assert, assertEquals } from "../assert.ts";
import {
  nationalAllocationCaption,
  nationalAllocationTableRows,
  nationalReallocationText,
  splitView,
} from "../../lib/pipeline/recommendations_view_national_moves.ts";
import type { NationalAllocation } from "../../lib/optimize/national_allocate.ts";
import { PLAIN_SENTENCE_FORMAT } from "../../lib/optimize/national_sentences.ts";

const upper = (c: string) => c.toUpperCase();

const split = { socialNow: 0.4, socialRecommended: 0.5, lower: 0.3, upper: 0.6, used: 90 };

/** A two-channel optimum: fb up 30% at its upper bound, google down 10% inside its bounds. */
const allocation = (over: Partial<NationalAllocation> = {}): NationalAllocation => ({
  cost: "net",
  costNote: "Induced search is paid from the budget.",
  bounds: { min: 0.7, max: 1.3 },
  budget: 200,
  rows: [
    {
      channel: "fb",
      kind: "social",
      currentSpend: 100,
      recommendedSpend: 130,
      change: 0.3,
      marginalRoi: 2,
      bound: "upper",
    },
    {
      channel: "google",
      kind: "search",
      currentSpend: 100,
      recommendedSpend: 90,
      change: -0.1,
      marginalRoi: 1.5,
      bound: null,
    },
  ],
  gain: 5,
  gainLower: 1,
  gainUpper: 9,
  verdict: "positive",
  gainShare: 0.01,
  certificate: {
    multiplier: 1.5,
    interior: ["google"],
    atUpper: ["fb"],
    atLower: [],
    interiorGap: 0,
    holds: true,
    sentence: "",
  },
  split,
  replicates: 99,
  ...over,
});

const shown = { shown: true, optimumShown: true, reason: "", sentence: "Reallocating is recommended." };
const optimumOnly = {
  shown: false,
  optimumShown: true,
  reason: "No national reallocation is recommended: the gain is not distinguishable from zero.",
  sentence: "No national reallocation is recommended: the gain is not distinguishable from zero.",
};
const withheld = {
  shown: false,
  optimumShown: false,
  reason: "National model: the gate fails.",
  sentence: "National model: the gate fails.",
};

Deno.test("nationalAllocationTableRows and its caption", () => {
  const rows = nationalAllocationTableRows(allocation().rows, upper);
  assertEquals(rows.map((r) => [r.channel, r.change, r.bound]), [["FB", 0.3, "upper"], ["GOOGLE", -0.1, ""]]);
  assertEquals(rows[0].marginalRoi, 2);
  assertEquals(nationalAllocationCaption(shown), "Current and reallocated spend (same total)");
  assertEquals(
    nationalAllocationCaption(optimumOnly),
    "Current spend and the model's optimum (same total) — not a recommendation, see below",
  );
});

Deno.test("nationalReallocationText: allocation, certificate, cost note, moves and the verdict, or no move", () => {
  const text = nationalReallocationText(allocation(), ["fb gains.", "google loses."], optimumOnly);
  const parts = text.split("\n\n");
  assertEquals(parts.length, 5);
  assert(parts[0].startsWith("With the same total"), parts[0]);
  assert(parts[1].startsWith("The optimality certificate holds"), parts[1]);
  assertEquals(parts[2], "Induced search is paid from the budget.");
  assertEquals(parts[3], "- fb gains.\n- google loses.");
  assertEquals(parts[4], `**${optimumOnly.sentence}**`);
  assertEquals(
    nationalReallocationText(allocation(), ["fb gains."], withheld, PLAIN_SENTENCE_FORMAT),
    "**No national move is shown.** National model: the gate fails.",
  );
});

Deno.test("splitView: the split and its table, the recommendation's reason, or why there is no split", () => {
  const v = splitView(split, "two-stage", optimumOnly);
  assert(v.shown);
  assert(v.text.startsWith("Social channels hold 40.0% of social and search spend today"), v.text);
  assertEquals(v.rows.map((r) => r.plan), ["Today", "Model's optimum"]);
  assertEquals(v.rows[0].search, 0.6);
  assert(Number.isNaN(v.rows[0].lower) && Number.isNaN(v.rows[0].upper));
  assertEquals([v.rows[1].social, v.rows[1].search, v.rows[1].lower, v.rows[1].upper], [0.5, 0.5, 0.3, 0.6]);

  assertEquals(splitView(split, "two-stage", withheld), { shown: false, text: withheld.reason, rows: [] });
  assertEquals(
    splitView(null, "single-stage", shown).text,
    "The national model is single-stage (no mediator): social spend does not move search spend in it, so the " +
      "social/search split is not set here.",
  );
  assertEquals(
    splitView(null, "two-stage", shown),
    {
      shown: false,
      text: "The national model has no search channel separate from social spend, so there is no " +
        "social/search split to set.",
      rows: [],
    },
  );
});
