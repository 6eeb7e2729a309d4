import { assertEquals } from "../assert.ts";
import {
  edaIdentification,
  envelopeFindingRows,
  EVERY_COLUMN_IDENTIFIED,
  loadWarningsText,
  NO_ENVELOPE_FINDINGS,
} from "../../lib/explore/mod.ts";
import type { EnvelopeFinding } from "../../lib/data/envelope.ts";
import type { IdentificationReport } from "../../lib/data/identification.ts";

const finding = (sentence: string, severity: "note" | "warning" = "note"): EnvelopeFinding => ({
  code: "one-year",
  severity,
  sentence,
});

Deno.test("envelopeFindingRows: the national file's findings first, each file's in order, named by file", () => {
  const rows = envelopeFindingRows(
    { findings: [finding("w1"), finding("w2", "warning")] },
    { findings: [finding("g1", "warning")] },
  );
  assertEquals(rows, [
    { file: "national weekly", severity: "note", finding: "w1" },
    { file: "national weekly", severity: "warning", finding: "w2" },
    { file: "geo panel", severity: "warning", finding: "g1" },
  ]);
  assertEquals(envelopeFindingRows({ findings: [] }, { findings: [] }), []);
  assertEquals(NO_ENVELOPE_FINDINGS, "Both files are inside the envelope with nothing to note.");
});

Deno.test("loadWarningsText: none needed, one repair (singular), several (plural) as a bullet list", () => {
  assertEquals(loadWarningsText([]), "No repairs were needed: both files passed validation as they are.");
  assertEquals(loadWarningsText(["Sorted by date."]), "1 repair or note:\n\n- Sorted by date.");
  assertEquals(loadWarningsText(["a", "b", "c"]), "3 repairs or notes:\n\n- a\n- b\n- c");
});

Deno.test("edaIdentification: dropped columns of both files as rows, the panel's zero-in-geos sentences", () => {
  const weekly: IdentificationReport = {
    keep: ["x"],
    dropped: [{ column: "copy", reason: "duplicate", of: "x", factor: 1, sentence: "copies x" }],
    zeroInGeos: [],
  };
  const geo: IdentificationReport = {
    keep: ["radio"],
    dropped: [{ column: "pop", reason: "constant-within-geo", sentence: "absorbed" }],
    zeroInGeos: [{ column: "radio", geos: ["b"], sentence: "radio is zero in b" }],
  };
  assertEquals(edaIdentification({ identification: weekly }, { identification: geo }), {
    unidentified: [
      { file: "national weekly", column: "copy", reason: "copies x" },
      { file: "geo panel", column: "pop", reason: "absorbed" },
    ],
    zeroInGeos: ["radio is zero in b"],
  });
  // the national file's zero-in-geos entries (it has no geos) are never shown
  const none: IdentificationReport = { keep: [], dropped: [], zeroInGeos: [] };
  assertEquals(edaIdentification({ identification: geo }, { identification: none }).zeroInGeos, []);
  assertEquals(EVERY_COLUMN_IDENTIFIED, "Every modelled column varies and none duplicates another.");
});
