/**
 * Notebook 04's carryover, contributions and decomposition sections: the carryover rows (with the true θ when
 * known) and where the bootstrap spreads θ wider than the CV score's one-SE range; the contributions and ROI
 * per paid channel (with the true ROI), the sentences on the mediator's double counting and on what its ROI
 * includes; and the decomposition's totals and chart inputs.
 *
 * @module
 */
import { channelLabel } from "../data/labels.ts";
import { truthKey } from "../data/truth.ts";
import type { Truth } from "../data/truth_schema.ts";
import type { NationalDecomposition } from "./national_decomposition.ts";
import type {
  NationalCarryoverRow,
  NationalMediation,
  NationalOutcome,
  NationalResults,
} from "./national_types.ts";

/** A chosen carryover as the carryover table and the results JSON hold it. */
export interface CarryoverViewRow {
  /** The adstocked column. */
  readonly channel: string;
  /** The path it carries over on, in words with column names ("social → mediator", …). */
  readonly path: string;
  /** Chosen θ. */
  readonly theta: number;
  /** Half-life in weeks. */
  readonly halfLifeWeeks: number;
  /** The CV score's one-SE range of θ, "a – b", or "n/a (chosen in sample)". */
  readonly thetaRange: string;
  /** The bootstrap's 95% interval of θ, "a – b" (two decimals), or "n/a". */
  readonly thetaBootstrap: string;
  /** Lower end of the bootstrap interval (NaN without one). */
  readonly bootLower: number;
  /** Upper end. */
  readonly bootUpper: number;
  /** Lower end of the one-SE range (NaN for an in-sample choice). */
  readonly seLower: number;
  /** Upper end. */
  readonly seUpper: number;
  /** The true θ (NaN where the truth has none); present only with a truth. */
  readonly trueTheta?: number;
}

/**
 * One row per adstocked path: θ, half-life, the one-SE range and the bootstrap interval as text and as
 * numbers, and the true θ when a truth is given.
 *
 * @param decimals formats the bootstrap interval's ends (e.g. two decimals)
 * @param truth the data's ground truth, if known
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const row = { stage: "2", path: "mediator → target", channel: "g", theta: 0.5, halfLifeWeeks: 1,
 *   thetaMin: NaN, thetaMax: NaN, lower: NaN, upper: NaN } as const;
 * assertClose(carryoverViewRows({ carryover: [row] }, String)[0],
 *   { thetaRange: "n/a (chosen in sample)", thetaBootstrap: "n/a" }, 0);
 * ```
 */
export function carryoverViewRows(
  outcome: { readonly carryover: readonly NationalCarryoverRow[] },
  decimals: (x: number) => string,
  truth?: Truth,
): CarryoverViewRow[] {
  const adstock = truth?.weekly.adstock as Readonly<Record<string, { readonly theta: number }>> | undefined;
  return outcome.carryover.map((r) => ({
    channel: r.channel,
    path: r.path,
    theta: r.theta,
    halfLifeWeeks: r.halfLifeWeeks,
    thetaRange: Number.isFinite(r.thetaMin) ? `${r.thetaMin} – ${r.thetaMax}` : "n/a (chosen in sample)",
    thetaBootstrap: Number.isFinite(r.lower) ? `${decimals(r.lower)} – ${decimals(r.upper)}` : "n/a",
    bootLower: r.lower,
    bootUpper: r.upper,
    seLower: r.thetaMin,
    seUpper: r.thetaMax,
    ...(adstock ? { trueTheta: adstock[truthKey(r.channel)]?.theta ?? NaN } : {}),
  }));
}

/**
 * The carryover rows for the table: channel and path by their display names.
 *
 * @param text a path's words for display (e.g. `labelText`)
 * @example
 * ```ts ignore
 * table(carryoverTableRows(rows, say), { columns: ["channel", "path", "theta"] });
 * ```
 */
export function carryoverTableRows(
  rows: readonly CarryoverViewRow[],
  text: (sentence: string) => string,
): CarryoverViewRow[] {
  return rows.map((r) => ({ ...r, channel: channelLabel(r.channel), path: text(r.path) }));
}

/** What the carryover section says when the model has no adstocked channel. */
export const NO_CARRYOVER: string = "No channel has a carryover in this model.";

/**
 * Where the bootstrap, which re-chooses θ in every replicate, spreads wider than the CV one-SE range (beyond
 * 1e-9 at either end), in one sentence naming each channel and path; null where it does not, or where either
 * range is missing.
 *
 * @param text a path's words for display (e.g. `labelText`)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const row = (bootLower: number) => ({ channel: "tv_spend", path: "media → target", theta: 0.5,
 *   halfLifeWeeks: 1, thetaRange: "", thetaBootstrap: "", bootLower, bootUpper: 0.6, seLower: 0.3, seUpper: 0.6 });
 * assertClose(carryoverWiderSentence([row(0.3)], (s) => s), null, 0);
 * assertClose(carryoverWiderSentence([row(0.2)], (s) => s)?.startsWith("For TV on the path media → target,"), true, 0);
 * ```
 */
export function carryoverWiderSentence(
  rows: readonly CarryoverViewRow[],
  text: (sentence: string) => string,
): string | null {
  const wider = rows.filter((r) =>
    Number.isFinite(r.bootLower) && Number.isFinite(r.seLower) &&
    (r.bootLower < r.seLower - 1e-9 || r.bootUpper > r.seUpper + 1e-9)
  );
  if (wider.length === 0) return null;
  return `For ${
    wider.map((r) => `${channelLabel(r.channel)} on the path ${text(r.path)}`).join("; ")
  }, the bootstrap's interval of θ is wider than the CV score's one-SE range: resampled data choose other ` +
    `carryovers, so the data do not pin θ down as sharply as the CV curve alone suggests. Read the bootstrap ` +
    `interval as the uncertainty of θ.`;
}

/** A paid channel's contribution and ROI as the contributions table and the results JSON hold them. */
export interface ContributionViewRow {
  /** The paid channel. */
  readonly channel: string;
  /** Total spend. */
  readonly spend: number;
  /** Counterfactual contribution, in target units. */
  readonly contribution: number;
  /** Contribution ÷ spend. */
  readonly roi: number;
  /** Lower end of the ROI's 95% interval (NaN without one). */
  readonly lower: number;
  /** Upper end. */
  readonly upper: number;
  /** The ROI's sign verdict, or "no interval". */
  readonly sign: string;
  /** The true ROI (NaN where the truth has none); present only with a truth. */
  readonly trueRoi?: number;
}

/**
 * The true ROI of a paid channel: the mediator's own, or a social channel's; NaN for any other channel.
 *
 * @param mediator the mediator column, when the model has one
 * @example
 * ```ts ignore
 * outcomeTrueRoi(truth, "google_spend", "google_spend"); // truth.weekly.contributions.google.roi
 * ```
 */
export function outcomeTrueRoi(truth: Truth, channel: string, mediator: string | undefined): number {
  const c = truth.weekly.contributions;
  if (channel === mediator) return c.google.roi;
  return (c.social as Readonly<Record<string, { readonly roi: number }>>)[truthKey(channel)]?.roi ?? NaN;
}

/**
 * One row per paid channel: spend, contribution, ROI with its interval and sign, and the true ROI when a truth
 * is given.
 *
 * @param mediator the mediator column, when the model has one
 * @param truth the data's ground truth, if known
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const c = { channel: "tv_spend", spend: 100, contribution: 150, contributionLower: NaN, contributionUpper: NaN,
 *   estimate: 1.5, lower: 1, upper: 2, shareNonPositive: 0, verdict: "positive" } as const;
 * const rows = contributionViewRows({ contributions: [c] }, undefined);
 * assertClose(rows, [{ channel: "tv_spend", roi: 1.5, sign: "positive" }], 0);
 * ```
 */
export function contributionViewRows(
  outcome: Pick<NationalOutcome, "contributions">,
  mediator: string | undefined,
  truth?: Truth,
): ContributionViewRow[] {
  return outcome.contributions.map((c) => ({
    channel: c.channel,
    spend: c.spend,
    contribution: c.contribution,
    roi: c.estimate,
    lower: c.lower,
    upper: c.upper,
    sign: c.verdict ?? "no interval",
    ...(truth ? { trueRoi: outcomeTrueRoi(truth, c.channel, mediator) } : {}),
  }));
}

/**
 * The plausibility check's verdict and sentence, as the results JSON holds them (`results.plausibility`; its
 * flags and totals left out).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const plausibility = { verdict: "plausible", flags: [], totalContribution: 1, modelledTotal: 2, sentence: "Fine." } as const;
 * assertClose(plausibilityResults({ plausibility }), { verdict: "plausible", sentence: "Fine." }, 0);
 * ```
 */
export function plausibilityResults(
  outcome: Pick<NationalOutcome, "plausibility">,
): { verdict: NationalOutcome["plausibility"]["verdict"]; sentence: string } {
  return { verdict: outcome.plausibility.verdict, sentence: outcome.plausibility.sentence };
}

/**
 * The plausibility check's sentence; in the two-stage model first why the mediator is left out of it (its
 * contribution includes the social-driven part, also counted in the social channels' indirect contributions).
 *
 * @param label a column's display name
 * @param text a sentence built from column names, for display
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const plausibility = { sentence: "Plausible." };
 * assertClose(contributionsSentence({ model: "single-stage", roles: {} }, { plausibility }, (c) => c, (s) => s), "Plausible.", 0);
 * ```
 */
export function contributionsSentence(
  national: {
    readonly model: NationalResults["model"];
    readonly roles: { readonly mediator?: string };
  },
  outcome: { readonly plausibility: { readonly sentence: string } },
  label: (column: string) => string,
  text: (sentence: string) => string,
): string {
  const mediator = national.model === "two-stage" ? label(national.roles.mediator!) : null;
  const why = mediator
    ? `The contribution of ${mediator} includes its social-driven part, which is also counted in the social ` +
      `channels' indirect contributions; the plausibility check below leaves ${mediator} out for that reason. `
    : "";
  return `${why}${text(outcome.plausibility.sentence)}`;
}

/**
 * What the mediator's ROI is, beside the mediation section's "rest of" coefficient: the ROI is the return on
 * all its spend, including the social-driven part; the other is the return per adstocked dollar of only the
 * part social spend does not predict. When the ROI's interval includes zero while the other part's interval
 * lies on one side of zero, the sentence says why (the total carries the imprecise social-driven part). Null
 * without the two-stage model or without a contribution row for the mediator.
 *
 * @param ratio the numbers' format
 * @param label a column's display name
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(mediatorRoiSentence({ mediation: null, roles: {} }, { contributions: [] }, String, (c) => c), null, 0);
 * ```
 */
export function mediatorRoiSentence(
  national: {
    readonly mediation: {
      readonly mediator: Pick<NationalMediation["mediator"], "b" | "bResidual">;
    } | null;
    readonly roles: { readonly mediator?: string };
  },
  outcome: Pick<NationalOutcome, "contributions">,
  ratio: (x: number) => string,
  label: (column: string) => string,
): string | null {
  const mediator = national.roles.mediator;
  const roi = outcome.contributions.find((c) => c.channel === mediator);
  if (!national.mediation || !roi || mediator === undefined) return null;
  const m = national.mediation.mediator, g = label(mediator);
  const roiSpans = roi.verdict === "not distinguishable from zero";
  const restClear = m.bResidual.verdict === "positive" || m.bResidual.verdict === "negative";
  const why = roiSpans && restClear
    ? ": the total's interval includes zero because it carries the imprecise social-driven part, while the " +
      "other part alone is estimated precisely"
    : "";
  return `${g}'s ROI here (${ratio(roi.estimate)}, 95% interval ${ratio(roi.lower)} to ${
    ratio(roi.upper)
  }) is ` +
    `the return on all of its spend, including the social-driven part (${
      ratio(m.b.estimate)
    } per adstocked ` +
    `dollar, ${m.b.verdict ?? "no interval"}); the "rest of ${g}" figure in the mediation section (${
      ratio(m.bResidual.estimate)
    }, ${m.bResidual.verdict ?? "no interval"}) is the return per adstocked dollar of only the part social ` +
    `spend does not predict. They are different quantities${why}.`;
}

/** The decomposition's totals as the results JSON holds them (`results.decomposition`). */
export interface DecompositionResults {
  /** Fit weeks summed over. */
  readonly weeks: number;
  /** The baseline's sum. */
  readonly baseline: number;
  /** Each part's sum, by column. */
  readonly parts: Readonly<Record<string, number>>;
  /** The fitted target's sum. */
  readonly fitted: number;
}

/**
 * The decomposition's totals over its weeks.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const d = { dates: ["2024-01-01"], totals: { baseline: 5, parts: { tv: 1 }, fitted: 6 } };
 * assertClose(decompositionResults(d), { weeks: 1, baseline: 5, parts: { tv: 1 }, fitted: 6 }, 0);
 * ```
 */
export function decompositionResults(
  d: Pick<NationalDecomposition, "dates" | "totals">,
): DecompositionResults {
  return {
    weeks: d.dates.length,
    baseline: d.totals.baseline,
    parts: d.totals.parts,
    fitted: d.totals.fitted,
  };
}

/**
 * A part's display name: "Promotions" for the promotion column, else the channel's name.
 *
 * @param promotion the promotion column, if any
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose([decompositionPartLabel("promo", "promo"), decompositionPartLabel("tv_spend", "promo")],
 *   ["Promotions", "TV"], 0);
 * ```
 */
export function decompositionPartLabel(column: string, promotion: string | undefined): string {
  return column === promotion ? "Promotions" : channelLabel(column);
}

/**
 * The waterfall's bars: each part's total under its display name, in the decomposition's order.
 *
 * @param promotion the promotion column, if any
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const d = { totals: { baseline: 5, parts: { tv_spend: 1, promo: 2 }, fitted: 8 } };
 * assertClose(decompositionWaterfall(d, "promo"), [{ label: "TV", contribution: 1 },
 *   { label: "Promotions", contribution: 2 }], 0);
 * ```
 */
export function decompositionWaterfall(
  d: Pick<NationalDecomposition, "totals">,
  promotion: string | undefined,
): { label: string; contribution: number }[] {
  return Object.entries(d.totals.parts).map(([c, v]) => ({
    label: decompositionPartLabel(c, promotion),
    contribution: v,
  }));
}

/**
 * The stacked chart's series: each part's weekly values under its display name.
 *
 * @param promotion the promotion column, if any
 * @example
 * ```ts ignore
 * contributionAreaChart({ dates: d.dates, baseline: d.baseline, channels: decompositionSeries(d, roles.promotion) });
 * ```
 */
export function decompositionSeries(
  d: Pick<NationalDecomposition, "parts">,
  promotion: string | undefined,
): Record<string, Float64Array> {
  return Object.fromEntries(
    Object.entries(d.parts).map(([c, v]) => [decompositionPartLabel(c, promotion), v]),
  );
}

/**
 * The share chart's rows (`decompositionShares`), each with the channel's display name.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const rows = decompositionShareRows([{ channel: "tv_spend", spendShare: 1, effectShare: 1, roi: 2 }]);
 * assertClose(rows[0].label, "TV", 0);
 * ```
 */
export function decompositionShareRows<T extends { readonly channel: string }>(
  shares: readonly T[],
): (T & { label: string })[] {
  return shares.map((r) => ({ ...r, label: channelLabel(r.channel) }));
}
