import { assert, assertEquals } from "../assert.ts";
import {
  nationalAllocationCaption,
  nationalAllocationTableRows,
  nationalReallocationText,
  splitView,
} from "../../lib/pipeline/recommendations_view_national_moves.ts";
import { PLAIN_SENTENCE_FORMAT } from "../../lib/optimize/national_sentences.ts";
import { allocation, optimumOnly, shown, split, upper, withheld } from "./_national_views.ts";

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
