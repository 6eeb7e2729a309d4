/**
 * The "What the data allow" list of each national notebook (`nationalDataNotes`): the pipeline's `notes`
 * and the sections it `skipped`, chosen by what the notebook is about, so that each note is shown where it
 * belongs and the choice is a tested rule rather than a text match in a cell.
 *
 * @module
 */
import type { NationalResults, NationalSection } from "./national_types.ts";

/** A national notebook's subject: the transform choice (02), stage 1 (03), or the outcome stage (04). */
export type NationalNotesView = "transforms" | "stage 1" | "stage 2";

/**
 * Skipped sections whose reason each notebook lists beside the notes. The transform choice (02) lists every
 * skipped section but cross-validation and importance (stated where those are shown: 02's CV table, 04's
 * importance); stage 1 (03) lists none (it states the two-stage skip itself); the outcome stage (04) lists the
 * sections it would have shown.
 */
const SKIPPED_SHOWN: Readonly<Record<NationalNotesView, (s: NationalSection) => boolean>> = {
  "transforms": (s) => s !== "cross-validation" && s !== "importance",
  "stage 1": () => false,
  "stage 2": (s) => s === "two-stage model" || s === "direct social paths" || s === "bootstrap",
};

/**
 * The notes a national notebook lists under "What the data allow": the pipeline's `notes` (envelope
 * findings, identification, anomalies, regimes, forced search choices), without those about another stage's
 * grid in stage 1's list (a thinned stage-2 grid is stated in notebooks 02 and 04), and with the model
 * cross-validation's left-out folds (`leftOutFoldsNote`) only in the outcome stage's (04, where that check is
 * shown; 02's table is the search's folds, 03 has no such check), then the reasons of the
 * skipped sections the notebook would have shown ({@link SKIPPED_SHOWN}).
 *
 * @param national the pipeline's results (`notes`, `skipped`, `transforms.gridNotes` and the model check's
 *   `outcome.crossValidation.leftOutNote`)
 * @param view which notebook lists them
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const grid = "The stage-2 grid would have had 1,000,000 candidates…";
 * const national = {
 *   notes: ["sms_send is zero in 80% of weeks.", grid],
 *   skipped: [{ section: "bootstrap", reason: "The bootstrap intervals cannot be computed." }],
 *   transforms: { gridNotes: [{ stage: "stage-2", sentence: grid }] },
 * } as const;
 * assertClose(nationalDataNotes(national, "stage 1"), ["sms_send is zero in 80% of weeks."]);
 * assertClose(nationalDataNotes(national, "stage 2").length, 3);
 * ```
 */
export function nationalDataNotes(
  national: {
    readonly notes: NationalResults["notes"];
    readonly skipped: NationalResults["skipped"];
    readonly transforms:
      | { readonly gridNotes: NonNullable<NationalResults["transforms"]>["gridNotes"] }
      | null;
    readonly outcome?: { readonly crossValidation: { readonly leftOutNote: string | null } | null } | null;
  },
  view: NationalNotesView,
): string[] {
  const otherStageGrids = new Set(
    view === "stage 1"
      ? (national.transforms?.gridNotes ?? []).filter((g) => g.stage !== "stage-1").map((g) => g.sentence)
      : [],
  );
  const leftOut = national.outcome?.crossValidation?.leftOutNote ?? null;
  return [
    ...national.notes.filter((n) => !otherStageGrids.has(n) && (view === "stage 2" || n !== leftOut)),
    ...national.skipped.filter((s) => SKIPPED_SHOWN[view](s.section)).map((s) => s.reason),
  ];
}
