import { assert, assertEquals } from "../assert.ts";
import { evidenceGate } from "../../lib/evaluate/evidence_gate.ts";
import {
  evidenceCaption,
  evidenceRows,
  evidenceSentences,
} from "../../lib/pipeline/transform_view_evidence.ts";

const ev = {
  stage: "2" as const,
  outcome: "revenue",
  folds: 4,
  cvR2: 0.61,
  cvR2Sd: 0.05,
  cvRmse: 1200,
  inSampleR2: 0.8,
  alpha: 1,
};

Deno.test("evidenceRows keeps the CV scores of a cross-validated choice and blanks them in sample", () => {
  assertEquals(evidenceRows([ev], "cross-validation"), [ev]);
  assertEquals(evidenceRows([ev], "in-sample"), [{ ...ev, folds: 0, cvR2: NaN, cvR2Sd: NaN, cvRmse: NaN }]);
});

Deno.test("evidenceCaption says whether the table holds out-of-sample fit", () => {
  assertEquals(
    evidenceCaption("cross-validation"),
    "Chosen specifications: out-of-sample (time-series CV, mean and sd over folds) and in-sample fit",
  );
  assertEquals(
    evidenceCaption("in-sample"),
    "Chosen specifications: in-sample fit (too few weeks for an out-of-sample check)",
  );
});

Deno.test("evidenceSentences: one paragraph per stage, by whether the gate passed, failed, or there is none", () => {
  const passed = evidenceGate([0.55, 0.6, 0.62, 0.58]);
  const failed = evidenceGate([-0.3, 0.1, -0.2, 0.05]);
  assert(passed.passed && !failed.passed);
  const text = evidenceSentences([
    { stage: "1", outcome: "google_spend", cvR2: 0.587, inSampleR2: 0.7, gate: passed },
    { stage: "2", outcome: "revenue", cvR2: -0.09, inSampleR2: 0.5, gate: failed },
  ], (s) => s === "google_spend" ? "Google" : s);
  const [one, two] = text.split("\n\n");
  assert(
    one.startsWith("**Stage 1** (Google) explains 0.59 of the variance out of sample, 0.70 in sample. "),
    one,
  );
  assert(one.endsWith(". Its transforms rest on out-of-sample evidence."), one);
  assert(
    two.startsWith(
      "**Stage 2** (revenue) predicts worse out of sample than the held-out weeks' own mean would (mean R² " +
        "−0.09); in sample it explains 0.50 of the variance. ",
    ),
    two,
  );
  assert(
    two.endsWith(
      ". **Caution:** its chosen transforms have no out-of-sample support: with them the stage predicts " +
        "held-out weeks worse than a constant.",
    ),
    two,
  );
  // a failed gate with a non-negative R² keeps the milder caution
  const weak = evidenceSentences([{
    stage: "2",
    outcome: "revenue",
    cvR2: 0.1,
    inSampleR2: 0.5,
    gate: failed,
  }]);
  assert(
    weak.startsWith("**Stage 2** (revenue) explains 0.10 of the variance out of sample, 0.50 in sample."),
    weak,
  );
  assert(weak.endsWith(". **Caution:** its chosen transforms are weakly supported out of sample."), weak);
  assertEquals(
    evidenceSentences([{ stage: "single", outcome: "sales", cvR2: 0.5, inSampleR2: 0.456, gate: null }]),
    "**The model** (sales) explains 0.46 of the variance in sample. Its transforms were chosen in sample, so " +
      "there is no out-of-sample evidence that they predict better than others.",
  );
});
