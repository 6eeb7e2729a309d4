/**
 * What notebook 01 shows about the envelope check and loading of both files: the findings as table rows,
 * the loader's repairs in words, and the columns the models drop or merge.
 *
 * @module
 */
import type { EnvelopeReport } from "../data/envelope.ts";

/** Which input file a row is about, as the notebook's tables name it. */
export type EdaFile = "national weekly" | "geo panel";

/** One envelope finding as a table row. */
export interface EnvelopeFindingRow {
  /** The file the finding is about. */
  readonly file: EdaFile;
  /** `"warning"` (weakens or rules out part of the analysis) or `"note"` (context). */
  readonly severity: "note" | "warning";
  /** The finding in plain English. */
  readonly finding: string;
}

/** Said instead of the findings table when neither file has a finding. */
export const NO_ENVELOPE_FINDINGS = "Both files are inside the envelope with nothing to note.";

/**
 * The findings of both files' envelope checks as rows, national weekly first, each file's in its order.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const rows = envelopeFindingRows(
 *   { findings: [{ code: "one-year", severity: "note", sentence: "One year." }] },
 *   { findings: [] },
 * );
 * assertClose(rows, [{ file: "national weekly", severity: "note", finding: "One year." }], 0);
 * ```
 */
export function envelopeFindingRows(
  weekly: Pick<EnvelopeReport, "findings">,
  geo: Pick<EnvelopeReport, "findings">,
): EnvelopeFindingRow[] {
  const rows = (r: Pick<EnvelopeReport, "findings">, file: EdaFile) =>
    r.findings.map((f) => ({ file, severity: f.severity, finding: f.sentence }));
  return [...rows(weekly, "national weekly"), ...rows(geo, "geo panel")];
}

/**
 * The loader's repairs and notes for both files in words: a sentence saying none were needed, or their
 * count ("1 repair or note", "3 repairs or notes") followed by a bullet list.
 *
 * @param warnings the national file's warnings, then the panel's (`Dataset.warnings`)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(loadWarningsText(["Sorted by date."]), "1 repair or note:\n\n- Sorted by date.", 0);
 * ```
 */
export function loadWarningsText(warnings: readonly string[]): string {
  if (warnings.length === 0) return "No repairs were needed: both files passed validation as they are.";
  const noun = warnings.length === 1 ? "repair or note" : "repairs or notes";
  return `${warnings.length} ${noun}:\n\n${warnings.map((w) => `- ${w}`).join("\n")}`;
}

/** A column the models drop or merge, as a table row. */
export interface EdaUnidentifiedRow {
  /** The file whose model drops it. */
  readonly file: EdaFile;
  /** The column's header name. */
  readonly column: string;
  /** Why, in plain English (`UnidentifiedTerm.sentence`). */
  readonly reason: string;
}

/** The columns the models cannot identify, from both envelope reports (as notebook 01 publishes them). */
export interface EdaIdentification {
  /** Dropped or merged columns, national weekly first, each file's in its order. */
  readonly unidentified: readonly EdaUnidentifiedRow[];
  /** The panel's sentences on kept columns that are all zero in some geos; empty when there are none. */
  readonly zeroInGeos: readonly string[];
}

/** Said instead of the table of dropped columns when the models keep every column. */
export const EVERY_COLUMN_IDENTIFIED = "Every modelled column varies and none duplicates another.";

/**
 * The dropped columns of both files as rows, and the panel's zero-in-some-geos sentences.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const none = { identification: { keep: [], dropped: [], zeroInGeos: [] } };
 * assertClose(edaIdentification(none, none), { unidentified: [], zeroInGeos: [] }, 0);
 * ```
 */
export function edaIdentification(
  weekly: Pick<EnvelopeReport, "identification">,
  geo: Pick<EnvelopeReport, "identification">,
): EdaIdentification {
  const rows = (r: Pick<EnvelopeReport, "identification">, file: EdaFile) =>
    r.identification.dropped.map((d) => ({ file, column: d.column, reason: d.sentence }));
  return {
    unidentified: [...rows(weekly, "national weekly"), ...rows(geo, "geo panel")],
    zeroInGeos: geo.identification.zeroInGeos.map((z) => z.sentence),
  };
}
