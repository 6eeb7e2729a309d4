/**
 * Notebook 03's view of stage 1's model comparison (`nationalComparison`): which stage's comparison it shows,
 * the part of the results JSON, the RMSE values its money formatter is fitted to, the MAPE note, and what is
 * said when no comparison ran. stage1_view.ts re-exports it.
 *
 * @module
 */
import type { NationalComparison, StageComparison } from "./national_comparison.ts";

/**
 * Stage 1's comparison among the compared stages; null without one (a single-stage model, or the comparison
 * skipped).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(stage1ComparisonOf({ stages: [{ stage: "2" }, { stage: "1" }] } as never), { stage: "1" });
 * ```
 */
export function stage1ComparisonOf(comparison: Pick<NationalComparison, "stages">): StageComparison | null {
  return comparison.stages.find((s) => s.stage === "1") ?? null;
}

/** The model comparison as notebook 03 publishes it (`results.modelComparison`). */
export type Stage1ComparisonResults =
  | {
    /** Why nothing was compared. */
    readonly skipped: string;
  }
  | {
    /** What was compared, in one sentence. */
    readonly scope: string;
    /** Stage 1's comparison; null when stage 1 was not compared. */
    readonly stage1: StageComparison | null;
  };

/**
 * Why the comparison was skipped, or what it compared with stage 1's comparison (null when stage 1 was not
 * among the compared stages), for the results JSON.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(stage1ComparisonResults({ stages: [], skipped: "No model.", scope: "" }), { skipped: "No model." });
 * ```
 */
export function stage1ComparisonResults(
  comparison: Pick<NationalComparison, "stages" | "skipped" | "scope">,
): Stage1ComparisonResults {
  return comparison.skipped
    ? { skipped: comparison.skipped }
    : { scope: comparison.scope, stage1: stage1ComparisonOf(comparison) };
}

/**
 * The finite mean RMSEs of a stage's comparison rows, the values a money formatter is fitted to
 * (`fmt.moneyFormatter`); empty without a comparison.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const c = { comparison: { rows: [{ meanRmse: 1200 }, { meanRmse: NaN }, { meanRmse: 950 }] } };
 * assertClose(comparisonRmseValues(c), [1200, 950]);
 * ```
 */
export function comparisonRmseValues(
  stage: { readonly comparison: { readonly rows: readonly { readonly meanRmse: number }[] } } | null,
): number[] {
  return stage?.comparison.rows.map((r) => r.meanRmse).filter(Number.isFinite) ?? [];
}

/**
 * The first MAPE note among a comparison's rows (why MAPE is not reported, say); null when no row has one.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const c = { comparison: { rows: [{ mapeNote: null }, { mapeNote: "MAPE is left out: some weeks are 0." }] } };
 * assertClose(comparisonMapeNote(c), "MAPE is left out: some weeks are 0.");
 * ```
 */
export function comparisonMapeNote(
  stage: { readonly comparison: { readonly rows: readonly { readonly mapeNote: string | null }[] } },
): string | null {
  return stage.comparison.rows.find((r) => r.mapeNote)?.mapeNote ?? null;
}

/** A part of notebook 03 that needs stage 1's model comparison (and says so without it). */
export type Stage1ComparisonPart = "comparison" | "folds" | "importance";

/**
 * What notebook 03 shows in place of a part of stage 1's model comparison when there is none: under the
 * comparison, in bold, then why it was skipped (or, when it ran without stage 1, what it compared); under the
 * fold scores and the importance, a pointer to that reason.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const c = { skipped: null, scope: "Only the revenue stage is compared: there is no stage 1." };
 * assertClose(
 *   noStage1ComparisonSentence(c, "comparison"),
 *   "**No model comparison for stage 1.** Only the revenue stage is compared: there is no stage 1.",
 * );
 * ```
 */
export function noStage1ComparisonSentence(
  comparison: Pick<NationalComparison, "skipped" | "scope">,
  part: Stage1ComparisonPart,
): string {
  switch (part) {
    case "comparison":
      return `**No model comparison for stage 1.** ${comparison.skipped ?? comparison.scope}`;
    case "folds":
      return "No fold scores: the comparison did not run (see above).";
    case "importance":
      return "No stage-1 importance without a model comparison (see above).";
  }
}
