/**
 * Notebook 07's national sections laid out for display: the rows of the curves chart and of the return table,
 * the sentences whose words depend on the results (`nationalRecommendation`, `nationalCurves`), the summary and
 * the monthly export; the reallocation and the social/search split are in `recommendations_view_national_moves.ts`. Each function takes only the fields it reads, so it is tested on small
 * constructed inputs; the notebook renders what these return.
 *
 * @module
 */
import { type NationalSentenceFormat, PLAIN_SENTENCE_FORMAT } from "../optimize/national_sentences.ts";
import type { CurveChartRow, MarginalRoiChartRow } from "./recommendations_view_geo.ts";

/**
 * The national response curves with the model's optimum marked only where it may be shown (the evidence gate
 * passed), whether or not it is advice.
 *
 * @param curves `nationalCurves(model)`
 * @param allocation the optimum's rows (`allocateNational(model).rows`)
 * @param recommendation whether the optimum may be shown
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const rows = nationalCurveChartRows(
 *   [{ channel: "tv", points: [], currentSpend: 10 }],
 *   [{ channel: "tv", recommendedSpend: 13 }],
 *   { optimumShown: false },
 * );
 * assertClose(rows[0].recommendedSpend, undefined, 0);
 * ```
 */
export function nationalCurveChartRows<P>(
  curves: readonly { readonly channel: string; readonly points: P; readonly currentSpend: number }[],
  allocation: readonly { readonly channel: string; readonly recommendedSpend: number }[],
  recommendation: { readonly optimumShown: boolean },
): CurveChartRow<P>[] {
  const optimum = new Map(allocation.map((r) => [r.channel, r.recommendedSpend]));
  return curves.map((c) => ({
    channel: c.channel,
    points: c.points,
    currentSpend: c.currentSpend,
    recommendedSpend: recommendation.optimumShown ? optimum.get(c.channel) : undefined,
  }));
}

/**
 * What the diamond on the national curves is: the recommended spend when the move is advice, otherwise the
 * model's optimum, marked as not a recommendation.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(nationalMarkerLabel({ shown: true }), "recommended spend", 0);
 * ```
 */
export function nationalMarkerLabel(recommendation: { readonly shown: boolean }): string {
  return recommendation.shown ? "recommended spend" : "the model's optimum (not a recommendation: see below)";
}

/**
 * The national model's opening words: which paths its curves carry (through `label`, columns to display
 * names), where its intervals come from, its evidence gate (or that it could not be cross-validated) and, when
 * the gate withholds the optimum, that no move is shown.
 *
 * @param model the response model's `sentence` and `gate` (`nationalResponseModel`)
 * @param intervals where the intervals come from (`responseIntervalsSentence(model, reps).sentence`)
 * @param recommendation whether the optimum may be shown
 * @param label turns column names in a sentence into display names (default: as written)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const text = nationalModelText({ sentence: "Paths.", gate: null }, "Intervals.", { optimumShown: false });
 * assertClose(text.split("\n\n")[2], "**Evidence gate (national).** The model could not be cross-validated.", 0);
 * ```
 */
export function nationalModelText(
  model: { readonly sentence: string; readonly gate: { readonly reason: string } | null },
  intervals: string,
  recommendation: { readonly optimumShown: boolean },
  label: (text: string) => string = (t) => t,
): string {
  return `${label(model.sentence)}\n\n${intervals}\n\n**Evidence gate (national).** ${
    model.gate?.reason ?? "The model could not be cross-validated."
  }\n\n${
    recommendation.optimumShown
      ? ""
      : "**The national recommendation is withheld:** the curves are shown, no move is."
  }`;
}

/** A row of the national return table (saved in the results as shown: `channel` is the display name). */
export interface NationalReturnRow {
  /** Display name of the channel. */
  readonly channel: string;
  /** Historical total spend. */
  readonly spend: number;
  /** Gross ROI (= marginal ROI, the national response is linear), target per dollar. */
  readonly roi: number;
  /** Lower end of its replicate interval. */
  readonly lower: number;
  /** Upper end of its replicate interval. */
  readonly upper: number;
  /** Induced search dollars per dollar, in sample (0 unless social). */
  readonly induced: number;
  /** Lower end of its interval. */
  readonly inducedLower: number;
  /** Upper end of its interval. */
  readonly inducedUpper: number;
  /** ROI net of induced search, `roi / (1 + induced)`. */
  readonly netRoi: number;
  /** Lower end of its interval. */
  readonly netLower: number;
  /** Upper end of its interval. */
  readonly netUpper: number;
}

/**
 * The national return table: each channel's gross ROI, induced search and net ROI with their intervals.
 *
 * @param curves `nationalCurves(model)` (the fields named in {@link NationalReturnRow})
 * @param label display name of a channel (default: the column)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const c = { channel: "fb", currentSpend: 10, roi: 2, lower: 1, upper: 3, induced: 1, inducedLower: 0.5,
 *   inducedUpper: 1.5, netRoi: 1, netLower: 0.5, netUpper: 1.5 };
 * assertClose(nationalReturnTableRows([c])[0], { channel: "fb", spend: 10, netRoi: 1 }, 0);
 * ```
 */
export function nationalReturnTableRows(
  curves: readonly (Omit<NationalReturnRow, "spend"> & { readonly currentSpend: number })[],
  label: (channel: string) => string = (c) => c,
): NationalReturnRow[] {
  return curves.map((c) => ({
    channel: label(c.channel),
    spend: c.currentSpend,
    roi: c.roi,
    lower: c.lower,
    upper: c.upper,
    induced: c.induced,
    inducedLower: c.inducedLower,
    inducedUpper: c.inducedUpper,
    netRoi: c.netRoi,
    netLower: c.netLower,
    netUpper: c.netUpper,
  }));
}

/**
 * The national marginal ROI chart's rows: each channel's ROI (= marginal ROI, the response is linear) with its
 * replicate interval.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(nationalMarginalChartRows([{ channel: "fb", roi: 2, lower: 1, upper: 3 }])[0].marginalRoi, 2, 0);
 * ```
 */
export function nationalMarginalChartRows(
  curves: readonly {
    readonly channel: string;
    readonly roi: number;
    readonly lower: number;
    readonly upper: number;
  }[],
): MarginalRoiChartRow[] {
  return curves.map((c) => ({ channel: c.channel, marginalRoi: c.roi, lower: c.lower, upper: c.upper }));
}

/**
 * The note that tells the in-sample induced search apart from notebook 03's long-run "Google $ per social $":
 * shown only when some channel induces search spend (a finite, non-zero `induced`); empty otherwise.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(inducedSearchNote([{ induced: 0 }, { induced: NaN }]), "", 0);
 * ```
 */
export function inducedSearchNote(rows: readonly { readonly induced: number }[]): string {
  return rows.some((r) => Number.isFinite(r.induced) && r.induced !== 0)
    ? `"Induced search $ per $" is in sample: the search spend stage 1 attributes to each social dollar within the data's weeks (carryover past the last week is not counted). Notebook 03's "Google $ per social $" is the long-run figure (carryover summed to infinity), so it is larger for channels with long carryover; the two are different quantities, not a disagreement.`
    : "";
}

/**
 * In the two-stage model, the note that labels the search channel's (Google's) ROI in the national return
 * table apart from the one notebook 04 shows: they are different quantities. The table's is the return on
 * search spend moved on its own, social spend held, valued at `b`, the effect identified from search's
 * social-driven variation (`nationalResponseModel`: `b Σ_t adstock(M, θ_M)_t / Σ_t M_t`), which the
 * reallocation moves. Notebook 04's (`NationalOutcome.contributions`) is the in-sample counterfactual return on
 * all of search's spend (search at zero in every week), which values the part social spend does not predict at
 * its own coefficient `b_u` (`(b Σ adstock(M̂) + b_u Σ adstock(û)) / Σ M`, `lib/models/mediation.ts`); that
 * part also follows demand, so it is not used for a spend move. Empty for the single-stage model, without a
 * search channel, or when the pipeline has no contribution row for it.
 *
 * @param kind which national model (`nationalResponseModel(…).kind`)
 * @param curves `nationalCurves(model)`: the search row (`kind: "search"`) with its ROI and interval
 * @param contributions the pipeline's paid-channel ROI rows (`national.outcome.contributions`)
 * @param f formats (`ratio` for returns, `label` for the channel's display name)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(searchRoiNote("single-stage", [], []), "", 0);
 * ```
 */
export function searchRoiNote(
  kind: "two-stage" | "single-stage",
  curves: readonly {
    readonly channel: string;
    readonly kind: string;
    readonly roi: number;
    readonly lower: number;
    readonly upper: number;
  }[],
  contributions: readonly {
    readonly channel: string;
    readonly estimate: number;
    readonly lower: number;
    readonly upper: number;
  }[],
  f: NationalSentenceFormat = PLAIN_SENTENCE_FORMAT,
): string {
  if (kind !== "two-stage") return "";
  const search = curves.find((c) => c.kind === "search");
  const total = search && contributions.find((c) => c.channel === search.channel);
  if (!search || !total) return "";
  const name = f.label(search.channel);
  const iv = (r: { readonly lower: number; readonly upper: number }) =>
    `95% interval ${f.ratio(r.lower)} to ${f.ratio(r.upper)}`;
  return `${name}'s ROI in this table, ${f.ratio(search.roi)} (${iv(search)}), is the return on ${name} ` +
    `spend moved on its own, social spend held, valued at the effect identified from its social-driven ` +
    `variation: the return the reallocation below uses. Notebook 04's ROI for ${name}, ` +
    `${f.ratio(total.estimate)} (${iv(total)}), is a different quantity: the return on all of ${name}'s ` +
    `spend in the data (${name} at zero in every week), which values the part of ${name} spend that social ` +
    `spend does not predict at that part's own coefficient; that part also follows demand, so it is not used ` +
    `for a spend move.`;
}

/**
 * The closing points: the geo model's (`GeoRecommendations.sentences.summary`), then the national model's
 * recommendation.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(recommendationSummary(["Geo."], { sentence: "Keep." }), ["Geo.", "National model: Keep."], 0);
 * ```
 */
export function recommendationSummary(
  geoSummary: readonly string[],
  national: { readonly sentence: string },
): string[] {
  return [...geoSummary, `National model: ${national.sentence}`];
}

/** A table the report writes to `results/<name>.csv`: its columns, rows and what it holds. */
export interface ResultsExport<R> {
  /** Column order of the CSV. */
  readonly columns: readonly string[];
  /** One object per CSV row. */
  readonly rows: readonly R[];
  /** What the table holds, in words. */
  readonly description: string;
}

/**
 * The national ROI and contribution per (year, month, channel) as a results export (`contributionsByMonth`).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(nationalMonthlyExport([]).columns.length, 6, 0);
 * ```
 */
export function nationalMonthlyExport<R>(rows: readonly R[]): ResultsExport<R> {
  return {
    columns: ["year", "month", "channel", "spend", "contribution", "roi"],
    rows,
    description:
      "National ROI and contribution per (year, month, channel): in-sample counterfactual through " +
      "both stages (search's contribution includes the part social spend drives, so do not add it to the " +
      "social rows)",
  };
}
