/**
 * Words of notebook 07's geo recommendations that depend on more than one verdict: whether the response
 * curves may inform decisions (`curvesCaveat`: the evidence gate and the plausibility of the contributions),
 * and the summary's ranking of marginal returns, which claims a strongest channel only when the intervals
 * separate it (`marginalRankSentence`).
 *
 * @module
 */

/**
 * Why a fitted geo model's curves, scenarios and reallocation are for illustration only, or null when they
 * may inform budget decisions: `"gate"` when the evidence gate fails (the model does not predict out of
 * sample), else `"implausible"` when its contributions are not plausible (e.g. media credited with more
 * than the target, leaving a negative base). A passed gate is necessary, not sufficient.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(curvesCaveat({ passed: true }, { verdict: "implausible" }), "implausible", 0);
 * assertClose(curvesCaveat({ passed: true }, { verdict: "plausible" }), null, 0);
 * ```
 */
export function curvesCaveat(
  gate: { readonly passed: boolean },
  plausibility: { readonly verdict: string },
): "gate" | "implausible" | null {
  if (!gate.passed) return "gate";
  return plausibility.verdict === "plausible" ? null : "implausible";
}

/** A channel's marginal return and its 95% interval, as the ranking needs it. */
export interface MarginalReturn {
  /** The channel's column. */
  readonly channel: string;
  /** Marginal ROI at current spend (target per unit of spend). */
  readonly marginalRoi: number;
  /** Lower end of its 95% interval (NaN when there is none). */
  readonly marginalLower: number;
  /** Upper end of its 95% interval. */
  readonly marginalUpper: number;
}

/**
 * The summary's sentence on marginal returns, highest point estimate first. The highest is called the
 * strongest only when its interval lies above every other channel's interval (non-overlapping 95% intervals:
 * a conservative sign that the two differ); otherwise the sentence says the data do not rank it above the
 * channel whose interval reaches highest. The weakest is named with its interval.
 *
 * @param rows the channels with a finite marginal ROI, sorted by marginal ROI, highest first
 * @param name a channel's display name
 * @param ratio formats a marginal ROI
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const rows = [
 *   { channel: "tv", marginalRoi: 2, marginalLower: 1.5, marginalUpper: 2.5 },
 *   { channel: "radio", marginalRoi: 1, marginalLower: 0.5, marginalUpper: 1.4 },
 * ];
 * assertClose(
 *   marginalRankSentence(rows, (c) => c, (x) => x.toFixed(1)),
 *   "Strongest marginal return: tv (2.0 per unit of spend, 95% interval 1.5 to 2.5), its interval above every " +
 *     "other channel's; weakest: radio (1.0, 0.5 to 1.4).",
 *   0,
 * );
 * ```
 */
export function marginalRankSentence(
  rows: readonly MarginalReturn[],
  name: (channel: string) => string,
  ratio: (x: number) => string,
): string {
  const withInterval = (r: MarginalReturn, unit = "") =>
    Number.isFinite(r.marginalLower)
      ? `${ratio(r.marginalRoi)}${unit}, ${unit ? "95% interval " : ""}${ratio(r.marginalLower)} to ${
        ratio(r.marginalUpper)
      }`
      : `${ratio(r.marginalRoi)}${unit}, no interval`;
  const hi = rows[0];
  if (rows.length === 1) {
    return `Marginal return: ${name(hi.channel)} (${withInterval(hi, " per unit of spend")}).`;
  }
  const lo = rows[rows.length - 1];
  const others = rows.slice(1);
  const rival = others.reduce((a, b) => (b.marginalUpper > a.marginalUpper ? b : a));
  const separated = Number.isFinite(hi.marginalLower) &&
    others.every((r) => Number.isFinite(r.marginalUpper) && hi.marginalLower > r.marginalUpper);
  const top = separated
    ? `Strongest marginal return: ${name(hi.channel)} (${
      withInterval(hi, " per unit of spend")
    }), its interval above every other channel's`
    : `Highest estimated marginal return: ${name(hi.channel)} (${
      withInterval(hi, " per unit of spend")
    }), but its interval overlaps ${name(rival.channel)}'s (${
      withInterval(rival)
    }), so the data do not rank the channels clearly`;
  return `${top}; weakest: ${name(lo.channel)} (${withInterval(lo)}).`;
}
