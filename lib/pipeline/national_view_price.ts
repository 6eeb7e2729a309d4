/**
 * Notebook 04's price and promotion section: the elasticity and the lift as the results JSON holds them (or
 * why they were skipped), the table's rows (each in its own unit, with the truth when known) and the two
 * sentences below it.
 *
 * @module
 */
import type { Truth } from "../data/truth_schema.ts";
import type { NationalOutcome, NationalResults } from "./national_types.ts";

type Elasticity = NonNullable<NationalOutcome["elasticity"]>;
type Promotion = NonNullable<NationalOutcome["promotion"]>;

/** The price elasticity in the results JSON (`results.price`), or why it was skipped. */
export type PriceResults =
  | {
    /** The price column. */
    readonly column: string;
    /** Elasticity at the means: % change of the target per 1% of price. */
    readonly elasticity: number;
    /** Lower end of its 95% bootstrap interval. */
    readonly lower: number;
    /** Upper end. */
    readonly upper: number;
    /** The true elasticity at the means; null without a truth. */
    readonly truth: number | null;
  }
  | {
    /** Why the elasticity was not estimated (undefined when no reason was recorded). */
    readonly skipped: string | undefined;
  };

/** The promotion lift in the results JSON (`results.promotion`), or why it was skipped. */
export type PromotionResults =
  | {
    /** The promotion column. */
    readonly column: string;
    /** Target per promotion week. */
    readonly lift: number;
    /** Lower end of its 95% bootstrap interval. */
    readonly lower: number;
    /** Upper end. */
    readonly upper: number;
    /** The lift in % of the mean target (NaN when that mean is not positive). */
    readonly percent: number;
    /** Lower end of the percentage's interval. */
    readonly percentLower: number;
    /** Upper end. */
    readonly percentUpper: number;
    /** The true lift per promotion week; null without a truth. */
    readonly truth: number | null;
  }
  | {
    /** Why the lift was not estimated (undefined when no reason was recorded). */
    readonly skipped: string | undefined;
  };

const skipReason = (national: Pick<NationalResults, "skipped">, section: string) =>
  national.skipped.find((s) => s.section === section)?.reason;

/** The fields of the pipeline's results the price and promotion views read. */
export interface PriceInput {
  /** The outcome's elasticity and lift (each null when not estimated); null without an outcome model. */
  readonly outcome: Pick<NationalOutcome, "elasticity" | "promotion"> | null;
  /** The skipped sections, for the reasons. */
  readonly skipped: NationalResults["skipped"];
  /** The roles (the target's name). */
  readonly roles: { readonly target: string };
}

/**
 * The elasticity, its interval and the true value (null without a truth); or the reason it was skipped.
 *
 * @param truth the data's ground truth, if known
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const national = { outcome: { elasticity: null, promotion: null }, skipped: [], roles: { target: "y" } };
 * assertClose(priceResults(national), { skipped: undefined }, 0);
 * ```
 */
export function priceResults(national: PriceInput, truth?: Truth): PriceResults {
  const e = national.outcome?.elasticity;
  return e
    ? {
      column: e.column,
      elasticity: e.estimate,
      lower: e.lower,
      upper: e.upper,
      truth: truth?.weekly.priceElasticityAtMeans ?? null,
    }
    : { skipped: skipReason(national, "price elasticity") };
}

/**
 * The lift, in target and in % of the mean target, with intervals and the true lift (null without a truth);
 * or the reason it was skipped.
 *
 * @param truth the data's ground truth, if known
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const skipped = [{ section: "promotion lift", reason: "No promotion column." }] as const;
 * const national = { outcome: { elasticity: null, promotion: null }, skipped, roles: { target: "y" } };
 * assertClose(promotionResults(national), { skipped: "No promotion column." }, 0);
 * ```
 */
export function promotionResults(national: PriceInput, truth?: Truth): PromotionResults {
  const p = national.outcome?.promotion;
  return p
    ? {
      column: p.column,
      lift: p.estimate,
      lower: p.lower,
      upper: p.upper,
      percent: p.percent,
      percentLower: p.percentLower,
      percentUpper: p.percentUpper,
      truth: truth?.weekly.promotionLift.absolute ?? null,
    }
    : { skipped: skipReason(national, "promotion lift") };
}

/** A row of the price and promotion table, each number already formatted in its row's unit. */
export interface PriceTableRow {
  /** What the row measures, in words. */
  readonly quantity: string;
  /** The estimate. */
  readonly estimate: string;
  /** Lower end of the 95% interval. */
  readonly lower: string;
  /** Upper end. */
  readonly upper: string;
  /** The true value ("" where the truth has none); present only with a truth. */
  readonly truth?: string;
}

/** The formats of the price and promotion rows and sentences. */
export interface PriceFormat {
  /** An elasticity, e.g. two decimals. */
  readonly ratio: (x: number) => string;
  /** An amount of the target. */
  readonly amount: (x: number) => string;
  /** A share given as a fraction, with the digits of the table (`0.053` → "5.3%"). */
  readonly share: (x: number) => string;
  /** A column's display name in prose. */
  readonly label: (column: string) => string;
  /** A sentence built from column names, for display. */
  readonly text: (sentence: string) => string;
}

/**
 * Up to three rows: the elasticity at the means, the lift per promotion week, and the lift in % of the mean
 * weekly target (only when that percentage is defined), each with the truth when one is given.
 *
 * @param truth the data's ground truth, if known
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const promotion = { column: "promo", estimate: 10, lower: 5, upper: 15, shareNonPositive: 0, verdict: null,
 *   percent: NaN, percentLower: NaN, percentUpper: NaN };
 * const national = { outcome: { elasticity: null, promotion }, skipped: [], roles: { target: "sales" } };
 * const f = { ratio: String, amount: String, share: String, label: (c: string) => c, text: (s: string) => s };
 * assertClose(priceTableRows(national, undefined, f), [{ quantity: "promotion lift (sales per promotion week)",
 *   estimate: "10", lower: "5", upper: "15" }], 0);
 * ```
 */
export function priceTableRows(
  national: PriceInput,
  truth: Truth | undefined,
  f: PriceFormat,
): PriceTableRow[] {
  const e = national.outcome?.elasticity, p = national.outcome?.promotion, target = national.roles.target;
  const w = truth?.weekly;
  const shown = (
    quantity: string,
    v: (number | undefined)[],
    format: (x: number) => string,
  ): PriceTableRow => ({
    quantity,
    estimate: format(v[0]!),
    lower: format(v[1]!),
    upper: format(v[2]!),
    ...(truth ? { truth: v[3] === undefined ? "" : format(v[3]) } : {}),
  });
  return [
    ...(e
      ? [shown(
        `price elasticity of ${target} at the means (% per 1% of price)`,
        [e.estimate, e.lower, e.upper, w?.priceElasticityAtMeans],
        f.ratio,
      )]
      : []),
    ...(p
      ? [shown(
        `promotion lift (${target} per promotion week)`,
        [p.estimate, p.lower, p.upper, w?.promotionLift.absolute],
        f.amount,
      )]
      : []),
    ...(p && Number.isFinite(p.percent)
      ? [shown(
        `promotion lift, % of mean weekly ${target}`,
        [p.percent, p.percentLower, p.percentUpper, w?.promotionLift.percentOfMeanRevenue],
        (x) => f.share(x / 100),
      )]
      : []),
  ];
}

/**
 * What the elasticity says in one sentence (its interval in %, and its meaning), or why it was skipped.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const national = { outcome: { elasticity: null, promotion: null }, skipped: [], roles: { target: "y" } };
 * const f = { ratio: String, amount: String, share: String, label: (c: string) => c, text: (s: string) => s };
 * assertClose(elasticitySentence(national, f), "No price elasticity.", 0);
 * ```
 */
export function elasticitySentence(national: PriceInput, f: PriceFormat): string {
  const e: Elasticity | null = national.outcome?.elasticity ?? null;
  if (!e) return skipReason(national, "price elasticity") ?? "No price elasticity.";
  return `A 1% higher ${f.label(e.column)} goes with a **${
    f.ratio(e.estimate)
  }%** change in ${national.roles.target} ` +
    `(95% interval ${f.ratio(e.lower)}% to ${f.ratio(e.upper)}%): ${f.text(e.meaning)}.`;
}

/**
 * What a promotion week changes, with its interval's sign and (when defined) the share of the mean weekly
 * target; or why the lift was skipped.
 *
 * @param share a share given as a fraction, with the sentence's digits
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const promotion = { column: "promo", estimate: 10, lower: 5, upper: 15, shareNonPositive: 0,
 *   verdict: "positive", percent: 20, percentLower: 10, percentUpper: 30 } as const;
 * const national = { outcome: { elasticity: null, promotion }, skipped: [], roles: { target: "sales" } };
 * assertClose(promotionSentence(national, { amount: String, share: (x) => `${x * 100}%` }),
 *   "A promotion week changes sales by 10 (95% interval 5 to 15: positive), 20% of mean weekly sales.", 0);
 * ```
 */
export function promotionSentence(national: PriceInput, f: Pick<PriceFormat, "amount" | "share">): string {
  const p: Promotion | null = national.outcome?.promotion ?? null, target = national.roles.target;
  if (!p) return skipReason(national, "promotion lift") ?? "No promotion lift.";
  const share = Number.isFinite(p.percent) ? `, ${f.share(p.percent / 100)} of mean weekly ${target}` : "";
  return `A promotion week changes ${target} by ${f.amount(p.estimate)} (95% interval ${
    f.amount(p.lower)
  } to ` +
    `${f.amount(p.upper)}: ${p.verdict ?? "no interval"})${share}.`;
}
