/**
 * The words of notebook 07's national sections, computed from the optimizer's results: whether a move is
 * recommended (the evidence gate, plausible contributions, a gain whose interval lies above zero), the
 * reallocation, the social/search split, the forward plans, and the sentence that reconciles "does not pay
 * back" with "increase" (a same-budget move is relative). Every sentence is sign-aware.
 *
 * @module
 */
import type { EvidenceGate, SignVerdict } from "../evaluate/verdicts.ts";
import type { NationalAllocation } from "./national_allocate.ts";
import { type NationalSentenceFormat, PLAIN_SENTENCE_FORMAT, together } from "./national_sentence_format.ts";

export { type NationalSentenceFormat, PLAIN_SENTENCE_FORMAT } from "./national_sentence_format.ts";
export {
  certificateSentence,
  forwardPlanSentence,
  planOptimalityText,
  responseIntervalsSentence,
} from "./national_plan_sentences.ts";

/** Whether the national move is recommended, whether the optimum may be shown at all, and why. */
export interface NationalRecommendation {
  /** The move is advice: gate passed, contributions plausible, gain's interval above zero. */
  readonly shown: boolean;
  /** The optimum may be shown as the model's answer (the gate passed), even when it is not advice. */
  readonly optimumShown: boolean;
  /** Empty when shown; otherwise the first reason that fails. */
  readonly reason: string;
  /** What the notebook prints: the recommendation with the gain and its 95% interval, or the reason. */
  readonly sentence: string;
}

/**
 * The decision behind every national move: advice only when the evidence gate passes, the contributions are
 * plausible and the gain's interval lies above zero; the first failing reason otherwise. When the gate fails
 * the optimum is withheld entirely (curves only); when only the gain is uncertain it may be shown, marked as
 * not a recommendation. The reason does not open with the model's name: the places that show it say which
 * model it is about (the summary prefixes "National model: ", the plan "**National.**").
 *
 * @param gate the outcome model's evidence gate (null: not cross-validated, which withholds)
 * @param plausibility the pipeline's contribution plausibility
 * @param allocation the optimum with its gain interval
 * @param f formats
 * @example
 * nationalRecommendation(gate, national.outcome.plausibility, allocateNational(model)).reason;
 */
export function nationalRecommendation(
  gate: EvidenceGate | null,
  plausibility: { readonly verdict: "plausible" | "implausible"; readonly sentence: string },
  allocation: NationalAllocation,
  f: NationalSentenceFormat = PLAIN_SENTENCE_FORMAT,
): NationalRecommendation {
  const g = together(f, [allocation.gain, allocation.gainLower, allocation.gainUpper]);
  const interval = `95% interval ${g(allocation.gainLower)} to ${g(allocation.gainUpper)}`;
  const gainWords = (v: SignVerdict) => v === "negative" ? "negative" : "not distinguishable from zero";
  const reason = gate === null
    ? "The national recommendation is withheld: the model could not be cross-validated, so its out-of-sample " +
      "skill is unknown."
    : !gate.passed
    ? gate.reason
    : plausibility.verdict !== "plausible"
    ? `The national recommendation is withheld because the model's contributions are implausible. ${plausibility.sentence}`
    : allocation.verdict !== "positive"
    ? `No national reallocation is recommended: the modelled gain, ${g(allocation.gain)} (${interval}), ` +
      `is ${gainWords(allocation.verdict)}.`
    : "";
  const shown = reason === "";
  return {
    shown,
    optimumShown: gate !== null && gate.passed,
    reason,
    sentence: shown
      ? `Reallocating the same budget is recommended: the modelled gain is ${g(allocation.gain)} ` +
        `(${interval}).`
      : reason,
  };
}

/**
 * The reallocation in words: what moves, the gain, the certificate.
 *
 * @example
 * allocationSentence(allocateNational(model));
 */
export function allocationSentence(
  a: NationalAllocation,
  f: NationalSentenceFormat = PLAIN_SENTENCE_FORMAT,
): string {
  const up = a.rows.filter((r) => r.change > 1e-9).map((r) => `${f.label(r.channel)} (+${f.pct(r.change)})`);
  const down = a.rows.filter((r) => r.change < -1e-9).map((r) =>
    `${f.label(r.channel)} (${f.pct(r.change)})`
  );
  const g = together(f, [a.gain, a.gainLower, a.gainUpper]);
  // without a social channel (a single-stage model) no spend induces search: nothing to count or leave out
  const basis = !a.rows.some((r) => r.kind === "social")
    ? "the budget is the channels' own spend"
    : a.cost === "net"
    ? "the budget counts the search spend that social spend induces"
    : "the budget counts planned spend only";
  return `With the same total (${basis}; each channel within ${a.bounds.min}–${a.bounds.max}× its current spend), ` +
    `the model's optimum moves budget to ${up.length > 0 ? up.join(", ") : "no channel"} from ` +
    `${down.length > 0 ? down.join(", ") : "no channel"}; the modelled gain is ${g(a.gain)} ` +
    `(95% interval ${g(a.gainLower)} to ${g(a.gainUpper)}, the optimum's spends evaluated under ` +
    `each of ${a.replicates} replicates), ${
      a.verdict === "positive"
        ? "above zero"
        : a.verdict === "negative"
        ? "below zero"
        : "not distinguishable from zero"
    }. ` +
    `One more unit of budget would return ${f.ratio(a.certificate.multiplier)} (the multiplier).`;
}

/** A return per dollar with its 95% interval (the optimizer's basis: see `relativeMoveSentence`). */
export interface ReturnWithInterval {
  /** Point estimate, in outcome units per dollar. */
  readonly estimate: number;
  /** Lower bound of the 95% interval (NaN when none is known). */
  readonly lower: number;
  /** Upper bound of the 95% interval (NaN when none is known). */
  readonly upper: number;
  /**
   * Share of replicates where the return is undefined (net ROI with `1 + induced ≤ 0`, `nationalCurves`):
   * when above 0 the interval is n/a and the sentence says why.
   */
  readonly undefinedShare?: number;
}

/** Which return a move sentence quotes: average ROI, marginal ROI, or return per budget dollar net of induced search. */
export type ReturnKind = "average" | "marginal" | "net";

/**
 * Where a return stands against break-even (1, money targets only): `"above"` when the interval's lower bound
 * exceeds 1, `"below"` when its upper bound is under 1, `"unsettled"` otherwise — including when no finite
 * interval is known, since a point estimate alone cannot settle it (the same rule as `signVerdict` with 1 in
 * place of 0: `signVerdict` in lib/evaluate/verdicts.ts).
 *
 * @example
 * breakEvenStanding({ estimate: 1.22, lower: -1.67, upper: 2.97 }); // "unsettled"
 */
export function breakEvenStanding(r: ReturnWithInterval): "above" | "below" | "unsettled" {
  if (!Number.isFinite(r.lower) || !Number.isFinite(r.upper)) return "unsettled";
  if (r.lower > 1) return "above";
  if (r.upper < 1) return "below";
  return "unsettled";
}

/**
 * The sentence that reconciles "does not pay back" with "increase": a channel that returns less than it costs
 * (a money target) but gains budget is moved relative to the others, within the same total; one that pays
 * back but loses budget does so because others return more. "Pays back" is said only when the return's 95%
 * interval lies above 1, "below break-even" only when it lies below 1; otherwise the words carry "at the point
 * estimate" and say the interval includes break-even (`breakEvenStanding`). Sign-aware: no "gains" for a cut.
 *
 * Pass the return the optimizer ranks (for the national optimum under `cost: "net"`, the ROI net of induced
 * search, `kind: "net"`; `nationalMoveSentences` does this). A bare number is still accepted (no interval
 * known): the words are then at the point estimate.
 *
 * @param channel display name
 * @param roi the channel's return per dollar with its interval, or a bare point estimate
 * @param change recommended relative change in its spend
 * @param currency whether the target is money (ROI 1 is break-even only then)
 * @param f formats
 * @param kind which return `roi` is (default "average")
 * @example
 * relativeMoveSentence("TikTok", { estimate: 0.48, lower: 0.2, upper: 0.8 }, 0.3, true);
 */
export function relativeMoveSentence(
  channel: string,
  roi: number | ReturnWithInterval,
  change: number,
  currency: boolean,
  f: NationalSentenceFormat = PLAIN_SENTENCE_FORMAT,
  kind: ReturnKind = "average",
): string {
  const r: ReturnWithInterval = typeof roi === "number" ? { estimate: roi, lower: NaN, upper: NaN } : roi;
  const hasInterval = Number.isFinite(r.lower) && Number.isFinite(r.upper);
  const undefinedShare = r.undefinedShare ?? 0;
  const undefinedIn = !hasInterval && undefinedShare > 0;
  const size = f.pct(Math.abs(change));
  const where = kind === "average"
    ? "on average"
    : kind === "marginal"
    ? "at the margin"
    : "per budget dollar";
  const what = kind === "average"
    ? "average ROI"
    : kind === "marginal"
    ? "marginal ROI"
    : "ROI net of induced search";
  const iv = hasInterval
    ? `, 95% interval ${f.ratio(r.lower)} to ${f.ratio(r.upper)}`
    : undefinedIn
    ? `, 95% interval n/a: in ${f.pct(undefinedShare)} of replicates a dollar of ${channel} lowers search ` +
      `spend by a dollar or more, where a return per total dollar is not defined`
    : "";
  const quote = `${what} ${f.ratio(r.estimate)}${iv}`;
  if (Math.abs(change) <= 1e-9) return `${channel} keeps its spend (${quote}).`;
  const standing = breakEvenStanding(r);
  const unsettled = hasInterval
    ? "the interval includes break-even"
    : undefinedIn
    ? "break-even is not settled"
    : "no interval given";
  const relative =
    `the move is relative, within the same budget (the dollars come from channels that return ` +
    `even less per budget dollar), not a sign that ${channel} pays back.`;
  const others = "within the same budget other channels return more per budget dollar.";
  if (currency && change > 0 && standing === "below") {
    return `${channel} is below break-even ${where} (${quote}), yet gains ${size}: ${relative}`;
  }
  if (currency && change > 0 && standing === "unsettled" && r.estimate < 1) {
    return `${channel} returns less than it costs ${where} at the point estimate (${quote}; ${unsettled}), ` +
      `yet gains ${size}: ${relative}`;
  }
  if (currency && change < 0 && standing === "above") {
    return `${channel} pays back ${where} (${quote}), yet loses ${size}: ${others}`;
  }
  if (currency && change < 0 && standing === "unsettled" && r.estimate >= 1) {
    return `${channel} pays back ${where} at the point estimate (${quote}; ${unsettled}), yet loses ${size}: ` +
      others;
  }
  return `${channel} ${change > 0 ? "gains" : "loses"} ${size} (${quote}).`;
}

/**
 * `relativeMoveSentence` for every row of the national optimum, on the return the optimizer ranks: under
 * `cost: "net"` the ROI net of induced search `ROI / (1 + μ)` with its interval (the row's `marginalRoi`; an
 * interval that some replicates leave undefined is n/a, with their share), under `"gross"` the gross ROI
 * (= marginal ROI, the national response is linear). Without a social channel (a single-stage model) no
 * spend induces search, a budget dollar is a dollar of spend, and the sentences quote the marginal ROI.
 *
 * @param allocation from `allocateNational`
 * @param curves from `nationalCurves` on the same model (the intervals)
 * @param currency whether the target is money
 * @param f formats (`label` maps a column to its display name)
 * @example
 * ```ts ignore
 * nationalMoveSentences(allocateNational(model), nationalCurves(model), true);
 * ```
 */
export function nationalMoveSentences(
  allocation: NationalAllocation,
  curves: readonly {
    readonly channel: string;
    readonly roi: number;
    readonly lower: number;
    readonly upper: number;
    readonly netRoi: number;
    readonly netLower: number;
    readonly netUpper: number;
    readonly netUndefinedShare?: number;
  }[],
  currency: boolean,
  f: NationalSentenceFormat = PLAIN_SENTENCE_FORMAT,
): string[] {
  const net = allocation.cost === "net" && allocation.rows.some((r) => r.kind === "social");
  return allocation.rows.map((row) => {
    const c = curves.find((x) => x.channel === row.channel);
    if (c === undefined) throw new RangeError(`no curve for channel ${row.channel}`);
    const r: ReturnWithInterval = net
      ? { estimate: c.netRoi, lower: c.netLower, upper: c.netUpper, undefinedShare: c.netUndefinedShare }
      : { estimate: c.roi, lower: c.lower, upper: c.upper };
    return relativeMoveSentence(f.label(row.channel), r, row.change, currency, f, net ? "net" : "marginal");
  });
}

/**
 * The social/search split in words, with the re-optimized replicates' interval.
 *
 * @example
 * splitSentence(allocateNational(model).split!);
 */
export function splitSentence(
  split: NonNullable<NationalAllocation["split"]>,
  f: NationalSentenceFormat = PLAIN_SENTENCE_FORMAT,
): string {
  const d = split.socialRecommended - split.socialNow;
  const dir = Math.abs(d) < 1e-9 ? "unchanged at" : d > 0 ? "up to" : "down to";
  const inside = split.lower <= split.socialNow && split.socialNow <= split.upper;
  return `Social channels hold ${
    f.pct(split.socialNow)
  } of social and search spend today; the model's optimum ` +
    `puts it ${dir} ${
      f.pct(split.socialRecommended)
    } (95% interval over ${split.used} re-optimized replicates ` +
    `${f.pct(split.lower)} to ${f.pct(split.upper)}${
      inside ? ", which contains today's split: the data do not settle the split" : ""
    }).`;
}
