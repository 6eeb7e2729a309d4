import { assert, assertEquals } from "../assert.ts";
import { leftOutFoldsNote } from "../../lib/pipeline/national_common.ts";
import { nationalDataNotes } from "../../lib/pipeline/national_notes.ts";
import type { NationalSection } from "../../lib/pipeline/national_types.ts";

const grid1 = "The stage-1 grid would have had 10,000 candidates, more than the 2,000 searched at most.";
const grid2 = "The stage-2 grid would have had 50,000 candidates, more than the 2,000 searched at most.";
const single = "The model grid would have had 50,000 candidates, more than the 2,000 searched at most.";
const data = "sms_send is zero in 80% of weeks.";
const skipped = (...sections: NationalSection[]) =>
  sections.map((section) => ({ section, reason: `${section} skipped.` }));

const results = (
  notes: string[],
  gridNotes: { stage: "stage-1" | "stage-2" | "model"; sentence: string }[],
) => ({
  notes,
  skipped: skipped("cross-validation", "importance", "bootstrap", "price elasticity", "direct social paths"),
  transforms: { gridNotes },
});

Deno.test("stage 1 lists the data notes and its own grid, not the outcome stage's grid, and no skipped section", () => {
  const r = results([data, grid1, grid2], [{ stage: "stage-1", sentence: grid1 }, {
    stage: "stage-2",
    sentence: grid2,
  }]);
  assertEquals(nationalDataNotes(r, "stage 1"), [data, grid1]);
  // a single-stage model's grid is not stage 1's either
  assertEquals(
    nationalDataNotes(results([single, data], [{ stage: "model", sentence: single }]), "stage 1"),
    [data],
  );
});

Deno.test("the transform choice lists every note and every skipped section but CV and importance", () => {
  const r = results([data, grid2], [{ stage: "stage-2", sentence: grid2 }]);
  assertEquals(nationalDataNotes(r, "transforms"), [
    data,
    grid2,
    "bootstrap skipped.",
    "price elasticity skipped.",
    "direct social paths skipped.",
  ]);
});

Deno.test("the outcome stage lists every note and the two-stage, direct-path and bootstrap skips only", () => {
  const r = { ...results([data, grid2], [{ stage: "stage-2", sentence: grid2 }]) };
  assertEquals(
    nationalDataNotes({ ...r, skipped: [...r.skipped, ...skipped("two-stage model")] }, "stage 2"),
    [
      data,
      grid2,
      "bootstrap skipped.",
      "direct social paths skipped.",
      "two-stage model skipped.",
    ],
  );
});

Deno.test("without a search (no model could be fitted) the notes are listed as they are", () => {
  assertEquals(nationalDataNotes({ notes: [data], skipped: [], transforms: null }, "stage 1"), [data]);
});

Deno.test("the model cross-validation's left-out folds are listed only beside that check (04), not in 02 or 03", () => {
  const folds = leftOutFoldsNote(1, 4);
  const r = { ...results([data, folds], []), outcome: { crossValidation: { leftOutNote: folds } } };
  assertEquals(nationalDataNotes(r, "stage 2").slice(0, 2), [data, folds]);
  assertEquals(nationalDataNotes(r, "stage 1"), [data]);
  assertEquals(nationalDataNotes(r, "transforms").slice(0, 1), [data]);
  assert(!nationalDataNotes(r, "transforms").includes(folds));
});
