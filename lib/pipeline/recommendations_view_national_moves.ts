/**
 * Notebook 07's national reallocation and social/search split laid out for display: the table rows and caption,
 * the words of the optimum (or of why no move is shown), and the split's sentence, table and reason. Each
 * function takes only the fields it reads, so it is tested on small constructed inputs.
 *
 * @module
 */
import type { NationalAllocation } from "../optimize/national_allocate.ts";
import {
  allocationSentence,
  certificateSentence,
  type NationalSentenceFormat,
  PLAIN_SENTENCE_FORMAT,
  splitSentence,
} from "../optimize/national_sentences.ts";

/** The fields of `nationalRecommendation`'s result these views read. */
export interface NationalRecommendationState {
  /** The move is advice. */
  readonly shown: boolean;
  /** The optimum may be shown as the model's answer (the gate passed), even when it is not advice. */
  readonly optimumShown: boolean;
  /** Why the move is withheld (empty when shown). */
  readonly reason: string;
  /** The recommendation with its gain, or the reason. */
  readonly sentence: string;
}

/** A row of the national reallocation table. */
export interface NationalAllocationTableRow {
  /** Display name of the channel. */
  readonly channel: string;
  /** Historical total spend. */
  readonly currentSpend: number;
  /** Spend at the optimum. */
  readonly recommendedSpend: number;
  /** Relative change in spend. */
  readonly change: number;
  /** Revenue per budget dollar. */
  readonly marginalRoi: number;
  /** The bound that binds ("lower", "upper"), or empty for an interior channel. */
  readonly bound: string;
}

/**
 * The national reallocation table: current spend, the optimum, the change and the return per budget dollar.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const r = { channel: "fb", kind: "social", currentSpend: 10, recommendedSpend: 13, change: 0.3,
 *   marginalRoi: 2, bound: null };
 * assertClose(nationalAllocationTableRows([r])[0].bound, "", 0);
 * ```
 */
export function nationalAllocationTableRows(
  rows: NationalAllocation["rows"],
  label: (channel: string) => string = (c) => c,
): NationalAllocationTableRow[] {
  return rows.map((r) => ({
    channel: label(r.channel),
    currentSpend: r.currentSpend,
    recommendedSpend: r.recommendedSpend,
    change: r.change,
    marginalRoi: r.marginalRoi,
    bound: r.bound ?? "",
  }));
}

/**
 * The national reallocation table's caption: reallocated spend when the move is advice, otherwise the
 * model's optimum marked as not a recommendation.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(nationalAllocationCaption({ shown: true }), "Current and reallocated spend (same total)", 0);
 * ```
 */
export function nationalAllocationCaption(recommendation: { readonly shown: boolean }): string {
  return recommendation.shown
    ? "Current and reallocated spend (same total)"
    : "Current spend and the model's optimum (same total) — not a recommendation, see below";
}

/**
 * The national reallocation's words: when the optimum may be shown, the allocation, its certificate, the cost
 * note, one bullet per move and the recommendation (or why it is not advice) in bold; otherwise "No national
 * move is shown." in bold and the reason.
 *
 * @param allocation `allocateNational(model)`
 * @param moves `nationalMoveSentences(…)`, used only when the optimum is shown
 * @param recommendation `nationalRecommendation(…)`
 * @param f formats
 * @example
 * ```ts ignore
 * nationalReallocationText(allocation, moves, nationalRec, words);
 * ```
 */
export function nationalReallocationText(
  allocation: NationalAllocation,
  moves: readonly string[],
  recommendation: NationalRecommendationState,
  f: NationalSentenceFormat = PLAIN_SENTENCE_FORMAT,
): string {
  if (!recommendation.optimumShown) return `**No national move is shown.** ${recommendation.reason}`;
  return `${allocationSentence(allocation, f)}\n\n${
    certificateSentence(allocation, f)
  }\n\n${allocation.costNote}\n\n${moves.map((s) => `- ${s}`).join("\n")}\n\n**${recommendation.sentence}**`;
}

/** A row of the social/search split table: shares of social and search spend. */
export interface SplitTableRow {
  /** "Today" or "Model's optimum". */
  readonly plan: string;
  /** Social channels' share of social and search spend. */
  readonly social: number;
  /** Search's share, `1 − social`. */
  readonly search: number;
  /** Lower end of the social share's interval over re-optimized replicates (NaN for today). */
  readonly lower: number;
  /** Upper end of that interval (NaN for today). */
  readonly upper: number;
}

/** What the social/search section shows: the split's sentence and table, or why there is none. */
export interface SplitView {
  /** Whether the split's table is shown (a split exists and the optimum may be shown). */
  readonly shown: boolean;
  /** The split in words, or the reason it is not shown. */
  readonly text: string;
  /** Today and the optimum (empty when not shown). */
  readonly rows: readonly SplitTableRow[];
}

/**
 * The social/search split section: the split's sentence and its table when there is a split and the optimum
 * may be shown; otherwise the reason, which is the recommendation's (a split the gate withholds), that a
 * single-stage model has no mediator, or that the model has no search channel apart from social spend.
 *
 * @param split `allocateNational(model).split` (null without both a social channel and search)
 * @param kind which national model (`nationalResponseModel(…).kind`)
 * @param recommendation whether the optimum may be shown, and the reason
 * @param f formats
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const v = splitView(null, "single-stage", { optimumShown: true, reason: "" });
 * assertClose(v.shown, false, 0);
 * ```
 */
export function splitView(
  split: NationalAllocation["split"],
  kind: "two-stage" | "single-stage",
  recommendation: { readonly optimumShown: boolean; readonly reason: string },
  f: NationalSentenceFormat = PLAIN_SENTENCE_FORMAT,
): SplitView {
  if (split && recommendation.optimumShown) {
    return {
      shown: true,
      text: splitSentence(split, f),
      rows: [
        { plan: "Today", social: split.socialNow, search: 1 - split.socialNow, lower: NaN, upper: NaN },
        {
          plan: "Model's optimum",
          social: split.socialRecommended,
          search: 1 - split.socialRecommended,
          lower: split.lower,
          upper: split.upper,
        },
      ],
    };
  }
  const text = split
    ? recommendation.reason
    : kind === "single-stage"
    ? "The national model is single-stage (no mediator): social spend does not move search spend in " +
      "it, so the social/search split is not set here."
    : "The national model has no search channel separate from social spend, so there is no " +
      "social/search split to set.";
  return { shown: false, text, rows: [] };
}
