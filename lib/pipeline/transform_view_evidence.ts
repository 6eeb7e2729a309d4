/**
 * Notebook 02's out-of-sample evidence: one row per searched stage (CV and in-sample R², the evidence gate),
 * its caption, and the verdict sentences, from `nationalPipeline`'s search evidence. transform_view.ts
 * re-exports it.
 *
 * @module
 */
import { gateChecksSentence } from "../evaluate/evidence_gate.ts";
import { num } from "../data/format.ts";
import type { NationalSearchEvidence } from "./national_types.ts";
import { capitalized, type SearchSelection, searchStageName } from "./transform_view_search.ts";

/** The chosen specification of one searched stage (`results.evidence`). */
export interface EvidenceRow {
  /** Which search. */
  readonly stage: NationalSearchEvidence["stage"];
  /** The stage's outcome column. */
  readonly outcome: string;
  /** Time-series folds scored; 0 for an in-sample choice. */
  readonly folds: number;
  /** Mean fold R²; NaN for an in-sample choice. */
  readonly cvR2: number;
  /** Standard deviation of the fold R²; NaN for an in-sample choice. */
  readonly cvR2Sd: number;
  /** Mean fold RMSE, in units of the outcome; NaN for an in-sample choice. */
  readonly cvRmse: number;
  /** R² of the chosen transforms refitted on every fit row. */
  readonly inSampleR2: number;
  /** Ridge penalty of the chosen candidate. */
  readonly alpha: number;
}

/**
 * Each searched stage's chosen specification with its out-of-sample and in-sample fit; an in-sample choice has
 * no folds and no CV scores (0 and NaN: its "CV" fields hold in-sample values, not shown as CV).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const e = { stage: "single" as const, outcome: "sales", folds: 1, cvR2: 0.9, cvR2Sd: 0, cvRmse: 3, inSampleR2: 0.9, alpha: 0 };
 * assertClose(evidenceRows([e], "in-sample")[0], { folds: 0, cvR2: NaN, cvRmse: NaN, inSampleR2: 0.9 });
 * ```
 */
export function evidenceRows(
  evidence: readonly Pick<
    NationalSearchEvidence,
    "stage" | "outcome" | "folds" | "cvR2" | "cvR2Sd" | "cvRmse" | "inSampleR2" | "alpha"
  >[],
  selection: SearchSelection,
): EvidenceRow[] {
  const inSample = selection === "in-sample";
  return evidence.map((e) => ({
    stage: e.stage,
    outcome: e.outcome,
    folds: inSample ? 0 : e.folds,
    cvR2: inSample ? NaN : e.cvR2,
    cvR2Sd: inSample ? NaN : e.cvR2Sd,
    cvRmse: inSample ? NaN : e.cvRmse,
    inSampleR2: e.inSampleR2,
    alpha: e.alpha,
  }));
}

/**
 * The evidence table's caption: out-of-sample and in-sample fit, or in-sample fit only for an in-sample
 * choice.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(evidenceCaption("in-sample"), "Chosen specifications: in-sample fit (too few weeks for an out-of-sample check)");
 * ```
 */
export function evidenceCaption(selection: SearchSelection): string {
  return selection === "in-sample"
    ? "Chosen specifications: in-sample fit (too few weeks for an out-of-sample check)"
    : "Chosen specifications: out-of-sample (time-series CV, mean and sd over folds) and in-sample fit";
}

/**
 * What each searched stage's evidence says, one paragraph per stage (blank-line separated): the variance it
 * explains out of sample and in sample, the evidence gate's checks, and whether its transforms rest on
 * out-of-sample evidence ("**Caution:** …" when the gate failed, stronger when the mean fold R² is negative:
 * R² is about the test weeks' own mean, so below zero the stage predicts them worse than that constant, which is
 * no share of variance explained); a stage chosen in sample (no gate) says it has no out-of-sample evidence.
 *
 * @param say rewrites the outcome column for display (default: as it is)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const e = { stage: "single" as const, outcome: "sales", cvR2: NaN, inSampleR2: 0.9, gate: null };
 * assertClose(
 *   evidenceSentences([e]),
 *   "**The model** (sales) explains 0.90 of the variance in sample. Its transforms were chosen in sample, " +
 *     "so there is no out-of-sample evidence that they predict better than others.",
 * );
 * ```
 */
export function evidenceSentences(
  evidence: readonly Pick<NationalSearchEvidence, "stage" | "outcome" | "cvR2" | "inSampleR2" | "gate">[],
  say: (text: string) => string = (s) => s,
): string {
  return evidence.map((e) => {
    const who = `**${capitalized(searchStageName(e.stage))}** (${say(e.outcome)})`;
    if (e.gate === null) {
      return `${who} explains ${
        num(e.inSampleR2, 2)
      } of the variance in sample. Its transforms were chosen in sample, so there is no out-of-sample evidence that they predict better than others.`;
    }
    const fit = e.cvR2 < 0
      ? `${who} predicts worse out of sample than the held-out weeks' own mean would (mean R² ${
        num(e.cvR2, 2)
      }); in sample it explains ${num(e.inSampleR2, 2)} of the variance.`
      : `${who} explains ${num(e.cvR2, 2)} of the variance out of sample, ${num(e.inSampleR2, 2)} in sample.`;
    const verdict = e.gate.passed
      ? "Its transforms rest on out-of-sample evidence."
      : e.cvR2 < 0
      ? "**Caution:** its chosen transforms have no out-of-sample support: with them the stage predicts " +
        "held-out weeks worse than a constant."
      : "**Caution:** its chosen transforms are weakly supported out of sample.";
    return `${fit} ${gateChecksSentence(e.gate)}. ${verdict}`;
  }).join("\n\n");
}
