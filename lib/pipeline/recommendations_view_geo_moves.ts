/**
 * Notebook 07's geo reallocation laid out for display: its range sentence, table and bar chart rows, one move
 * sentence per channel, the words of the recommendation or of why none is made, and the truth check's
 * fallback. Each function takes only the fields it reads, so it is tested on small constructed inputs.
 *
 * @module
 */
import {
  type NationalSentenceFormat,
  PLAIN_SENTENCE_FORMAT,
  relativeMoveSentence,
} from "../optimize/national_sentences.ts";

/** The fields of `geoRecommendations`' recommendation these views read. */
export interface RecommendationState {
  /** Whether the move is advice (gate passed, contributions plausible, gain above zero). */
  readonly shown: boolean;
  /** The recommended moves, or the reason when none is shown. */
  readonly sentence: string;
  /** Why the move is withheld (empty when shown). */
  readonly reason: string;
}

/**
 * The reallocation's range and how its gain is re-evaluated: under the bootstrap's replicate models when the
 * pipeline ran its bootstrap, else over the coefficient draws.
 *
 * @param bounds multiples of current spend each channel may move between
 * @param bootstrap the pipeline's bootstrap (its replicate models), absent or null without it
 * @param draws coefficient draws used without the bootstrap
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(
 *   reallocationRangeSentence({ min: 0.7, max: 1.3 }, null, 2000),
 *   "Each channel may move between 0.7× and 1.3× its current spend; the gain is\nre-evaluated over 2,000 coefficient draws.",
 *   0,
 * );
 * ```
 */
export function reallocationRangeSentence(
  bounds: { readonly min: number; readonly max: number },
  bootstrap: { readonly replicates: number } | null | undefined,
  draws: number,
): string {
  return `Each channel may move between ${bounds.min}× and ${bounds.max}× its current spend; the gain is\n` +
    `re-evaluated ${
      bootstrap
        ? `under the ${bootstrap.replicates} bootstrap replicate models`
        : `over ${draws.toLocaleString("en-US")} coefficient draws`
    }.`;
}

/** A row of the geo reallocation table. */
export interface GeoAllocationTableRow {
  /** Display name of the channel. */
  readonly channel: string;
  /** Historical total spend. */
  readonly currentSpend: number;
  /** Spend at the same-budget optimum. */
  readonly recommendedSpend: number;
  /** Relative change, `optimal / current − 1`. */
  readonly change: number;
  /** Marginal ROI at today's spend. */
  readonly marginalRoiNow: number;
  /** Marginal ROI at the optimum. */
  readonly marginalRoiAfter: number;
  /** The bound that binds ("min", "max", "fixed"), or empty for an interior channel. */
  readonly atBound: string;
}

/** The fields of an allocated channel (`ChannelAllocation`) the geo views read. */
export interface AllocatedChannel {
  /** The input file's column. */
  readonly channel: string;
  /** Historical total spend. */
  readonly currentSpend: number;
  /** Spend at the optimum. */
  readonly optimalSpend: number;
  /** `optimalSpend / currentSpend`. */
  readonly multiplier: number;
  /** Marginal ROI at the current spend. */
  readonly marginalRoiCurrent: number;
  /** Marginal ROI at the optimal spend. */
  readonly marginalRoiOptimal: number;
  /** Which bound binds, if any. */
  readonly bound: string | null;
}

/**
 * The geo reallocation table: current and reallocated spend, the relative change and the marginal ROI before
 * and after, per channel.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const c = { channel: "tv", currentSpend: 100, optimalSpend: 130, multiplier: 1.3,
 *   marginalRoiCurrent: 2, marginalRoiOptimal: 1.5, bound: "max" };
 * assertClose(geoAllocationTableRows([c])[0].change, 0.3, 1e-12);
 * ```
 */
export function geoAllocationTableRows(
  channels: readonly AllocatedChannel[],
  label: (channel: string) => string = (c) => c,
): GeoAllocationTableRow[] {
  return channels.map((c) => ({
    channel: label(c.channel),
    currentSpend: c.currentSpend,
    recommendedSpend: c.optimalSpend,
    change: c.multiplier - 1,
    marginalRoiNow: c.marginalRoiCurrent,
    marginalRoiAfter: c.marginalRoiOptimal,
    atBound: c.bound ?? "",
  }));
}

/**
 * The bar chart of the recommended change in spend: display names and relative changes, in model order.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const c = { channel: "tv", currentSpend: 100, optimalSpend: 70, multiplier: 0.7,
 *   marginalRoiCurrent: 2, marginalRoiOptimal: 2.5, bound: "min" };
 * assertClose(spendChangeBars([c]).values[0], -0.3, 1e-12);
 * ```
 */
export function spendChangeBars(
  channels: readonly AllocatedChannel[],
  label: (channel: string) => string = (c) => c,
): { readonly labels: string[]; readonly values: number[] } {
  return { labels: channels.map((c) => label(c.channel)), values: channels.map((c) => c.multiplier - 1) };
}

/**
 * One `relativeMoveSentence` per allocated channel on its marginal ROI now, with the pipeline's bootstrap
 * interval of the marginal ROI (NaN, so no interval, for a channel the pipeline has no row for).
 *
 * @param channels the allocation's channels
 * @param roi the pipeline's ROI rows (`GeoPipelineResult.roi`: `marginalLower`, `marginalUpper`)
 * @param currency whether the target is money (break-even 1 applies)
 * @param f formats; `label` gives each channel's display name
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const c = { channel: "tv", currentSpend: 100, optimalSpend: 100, multiplier: 1,
 *   marginalRoiCurrent: 2, marginalRoiOptimal: 2, bound: null };
 * assertClose(geoMoveSentences([c], [], true)[0], "tv keeps its spend (marginal ROI 2).", 0);
 * ```
 */
export function geoMoveSentences(
  channels: readonly AllocatedChannel[],
  roi: readonly {
    readonly channel: string;
    readonly marginalLower: number;
    readonly marginalUpper: number;
  }[],
  currency: boolean,
  f: NationalSentenceFormat = PLAIN_SENTENCE_FORMAT,
): string[] {
  return channels.map((c) => {
    const r = roi.find((x) => x.channel === c.channel);
    return relativeMoveSentence(
      f.label(c.channel),
      { estimate: c.marginalRoiCurrent, lower: r?.marginalLower ?? NaN, upper: r?.marginalUpper ?? NaN },
      c.multiplier - 1,
      currency,
      f,
      "marginal",
    );
  });
}

/** Markdown bullets, one line per item. */
function bullets(items: readonly string[]): string {
  return items.map((s) => `- ${s}`).join("\n");
}

/**
 * The geo reallocation's words: when recommended, the gain sentence, one bullet per move and the
 * recommendation in bold; otherwise "No reallocation is recommended." in bold and the reason.
 *
 * @param gainSentence the reallocation's gain in words (`GeoRecommendations.sentences.reallocation`)
 * @param moves the move sentences (`geoMoveSentences`), used only when recommended
 * @param recommendation whether the move is shown, its sentence and the reason
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const text = geoReallocationText("Gain 5.", [], { shown: false, sentence: "", reason: "The gate fails." });
 * assertClose(text, "**No reallocation is recommended.** The gate fails.", 0);
 * ```
 */
export function geoReallocationText(
  gainSentence: string,
  moves: readonly string[],
  recommendation: RecommendationState,
): string {
  return recommendation.shown
    ? `${gainSentence}\n\n${bullets(moves)}\n\n**${recommendation.sentence}**`
    : `**No reallocation is recommended.** ${recommendation.reason}`;
}

/**
 * What the truth check says: its sentence when it ran; otherwise why it did not (ground truth given but some
 * channels merged, or no ground truth at all).
 *
 * @param truthCheck `GeoRecommendations.truthCheck` (absent when it did not run)
 * @param hasTruth whether ground truth was given
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(truthCheckText(undefined, false), "No ground truth for this data set: this check applies to the bundled data only.", 0);
 * ```
 */
export function truthCheckText(
  truthCheck: { readonly sentence: string } | undefined,
  hasTruth: boolean,
): string {
  if (truthCheck) return truthCheck.sentence;
  return hasTruth
    ? "Some channels were merged, so the true process does not apply channel by channel."
    : "No ground truth for this data set: this check applies to the bundled data only.";
}
