/**
 * Notebook 07's national intervals beside notebook 04's (`pipelineIntervalNote`): for a single-stage file 07
 * draws the coefficients from their HAC covariance (Krinsky–Robb) while 04 reports the pipeline's block
 * bootstrap, so the two can disagree on whether a return is distinguishable from zero. Where they do, the note
 * names the channels and both intervals, and says the return is then not established. recommendations_view.ts
 * re-exports it.
 *
 * @module
 */
import { type SignVerdict, signVerdict } from "../evaluate/verdicts.ts";

/** A channel's return and interval as either notebook shows it. */
export interface ReturnInterval {
  /** The channel's column. */
  readonly channel: string;
  /** Lower end of the 95% interval of its ROI (null or NaN when there is none). */
  readonly lower: number | null;
  /** Upper end (null or NaN when there is none). */
  readonly upper: number | null;
}

const verdictOf = (r: ReturnInterval): SignVerdict | null =>
  r.lower !== null && r.upper !== null && Number.isFinite(r.lower) && Number.isFinite(r.upper) &&
    r.lower <= r.upper
    ? signVerdict(r.lower, r.upper)
    : null;

/**
 * The channels whose ROI interval in notebook 07 (coefficient draws) reaches another verdict than the
 * pipeline's bootstrap interval of notebook 04, in one note; null when the intervals are the pipeline's own
 * (`source` is a bootstrap) or every verdict agrees. The block bootstrap resamples weeks with their
 * dependence, the draws only use the HAC covariance; where they disagree, the return is not established by
 * the data, and the note says to read it as not distinguishable from zero.
 *
 * @param source where 07's intervals come from (`NationalResponseModel.source`)
 * @param curves 07's rows: channel and ROI interval
 * @param estimates the pipeline's tidy estimates (its `roi` rows)
 * @param name a channel's display name
 * @param ratio formats a return
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const note = pipelineIntervalNote(
 *   "coefficient draws",
 *   [{ channel: "tiktok", lower: 0.02, upper: 5.45 }],
 *   [{ quantity: "roi", channel: "tiktok", lower: -2.48, upper: 5.3 }],
 *   (c) => c,
 *   (x) => x.toFixed(2),
 * );
 * assertClose(note?.startsWith("For tiktok this interval (0.02 to 5.45: positive) and notebook 04's"), true, 0);
 * ```
 */
export function pipelineIntervalNote(
  source: string,
  curves: readonly ReturnInterval[],
  estimates: readonly (ReturnInterval & { readonly quantity: string })[],
  name: (channel: string) => string,
  ratio: (x: number) => string,
): string | null {
  if (source !== "coefficient draws") return null;
  const differ = curves.flatMap((c) => {
    const e = estimates.find((r) => r.quantity === "roi" && r.channel === c.channel);
    if (e === undefined) return [];
    const here = verdictOf(c), there = verdictOf(e);
    return here !== null && there !== null && here !== there ? [{ c, e, here, there }] : [];
  });
  if (differ.length === 0) return null;
  const parts = differ.map(({ c, e, here, there }) =>
    `${name(c.channel)} this interval (${ratio(c.lower!)} to ${
      ratio(c.upper!)
    }: ${here}) and notebook 04's ` +
    `bootstrap interval (${ratio(e.lower!)} to ${ratio(e.upper!)}: ${there})`
  );
  return `For ${parts.join("; for ")} disagree. The bootstrap resamples blocks of weeks and keeps their ` +
    `dependence, which the coefficient draws take only from the HAC covariance; where the two disagree the ` +
    `return is not established, so read it as not distinguishable from zero.`;
}
