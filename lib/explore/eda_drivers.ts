/**
 * Notebook 01's view of the two non-media drivers of the national file: the raw promotion contrast (or
 * which finding says why there is none) and the first look at price (its correlation with the target and
 * the naive log-log slope, or why there is no price analysis).
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import type { EnvelopeReport } from "../data/envelope.ts";
import { channelLabel } from "../data/labels.ts";
import { pearson } from "../stats/describe.ts";
import { correlationStrength } from "../evaluate/verdicts.ts";
import { num, pct, pValue, targetFormat } from "../plot/format.ts";
import { logLogSlope, type PromotionContrast, promotionContrast } from "./profile.ts";

/**
 * Each week's promotion status in words, `"promotion"` (flag = 1) or `"no promotion"`, for grouping
 * charts; undefined when the roles map no promotion column.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * import { WEEKLY_ROLES } from "../data/roles.ts";
 * const ds = { source: "x", n: 2, dates: ["2024-01-01", "2024-01-08"], roles: WEEKLY_ROLES, warnings: [],
 *   columns: { promotions: new Float64Array([1, 0]) } };
 * assertClose(promotionGroups(ds), ["promotion", "no promotion"], 0);
 * ```
 */
export function promotionGroups(ds: Dataset): string[] | undefined {
  const p = ds.roles.promotion;
  return p ? Array.from(ds.columns[p], (v) => (v === 1 ? "promotion" : "no promotion")) : undefined;
}

/** The promotion contrast and what it says. */
export interface EdaPromotion {
  /** Target in promotion weeks against other weeks; undefined when the envelope rules the contrast out. */
  readonly contrast: PromotionContrast | undefined;
  /**
   * The two means, their raw difference with its 95% interval and Welch test; or why there is no contrast
   * (the envelope finding that says so, or that the roles map no promotion column).
   */
  readonly sentence: string;
}

const NO_PROMOTION_CODES = new Set(["no-promotion", "no-promotion-weeks", "promotion-every-week"]);

/**
 * The raw promotion contrast of a weekly file, when the envelope check allows it, and its sentence.
 *
 * @param envelope the weekly file's envelope report (`analyses.promotion` and its findings)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * import { WEEKLY_ROLES } from "../data/roles.ts";
 * const ds = { source: "x", n: 1, dates: ["2024-01-01"], roles: { ...WEEKLY_ROLES, promotion: undefined },
 *   warnings: [], columns: {} };
 * const envelope = { analyses: { promotion: false }, findings: [] };
 * assertClose(edaPromotion(ds, envelope).sentence, "No promotion contrast: the roles map no promotion column.", 0);
 * ```
 */
export function edaPromotion(
  ds: Dataset,
  envelope: { readonly analyses: { readonly promotion: boolean } } & Pick<EnvelopeReport, "findings">,
): EdaPromotion {
  const R = ds.roles;
  if (!R.promotion || !envelope.analyses.promotion) {
    const why = envelope.findings.find((f) => NO_PROMOTION_CODES.has(f.code));
    const reason = R.promotion
      ? (why?.sentence ?? "the promotion column cannot be used.")
      : "the roles map no promotion column.";
    return { contrast: undefined, sentence: `No promotion contrast: ${reason}` };
  }
  const c = promotionContrast(ds.columns[R.target], ds.columns[R.promotion]);
  const amount = targetFormat(R.targetUnit, { name: R.target }).amount;
  return {
    contrast: c,
    sentence: `Promotion weeks (${num(c.promoWeeks)} of ${num(ds.n)}) average ${amount(c.meanA)} against ${
      amount(c.meanB)
    }
in other weeks: a raw difference of **${amount(c.difference)}** (${pct(c.relativeDifference)}; 95% CI
${amount(c.lower)} to ${amount(c.upper)}, Welch t = ${num(c.t, 2)}, p = ${pValue(c.pValue)}).`,
  };
}

/** The price analysis as notebook 01 publishes it. */
export interface EdaPriceAnalysis {
  /** Pearson correlation of price with the target. */
  readonly correlation: number;
  /** Slope of log target on log price (`logLogSlope`); null when some week's price or target is not positive. */
  readonly naiveElasticity: number | null;
}

/** The first look at price and what it says. */
export interface EdaPrice {
  /** Undefined when there is no price analysis (no price column, or one that does not vary). */
  readonly analysis: EdaPriceAnalysis | undefined;
  /**
   * The correlation in words and the naive log-log slope, or that the slope is not computed because some
   * weeks are zero or negative; or why there is no price analysis.
   */
  readonly sentence: string;
}

/**
 * Price against the target of a weekly file, when the envelope check allows it: their correlation and the
 * naive constant elasticity (log-log slope, computed only when every price and target is positive).
 *
 * @param envelope the weekly file's envelope report (`analyses.price`, and the finding saying why there is no
 *   price analysis)
 * @throws RangeError when the correlation is NaN (the target does not vary)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * import { WEEKLY_ROLES } from "../data/roles.ts";
 * const ds = { source: "x", n: 3, dates: ["2024-01-01", "2024-01-08", "2024-01-15"], roles: WEEKLY_ROLES,
 *   warnings: [], columns: { average_price: new Float64Array([1, 2, 4]), revenue: new Float64Array([4, 2, 1]) } };
 * assertClose(edaPrice(ds, { analyses: { price: true } }).analysis?.naiveElasticity, -1, 1e-12);
 * ```
 */
export function edaPrice(
  ds: Dataset,
  envelope: { readonly analyses: { readonly price: boolean } } & Partial<Pick<EnvelopeReport, "findings">>,
): EdaPrice {
  const R = ds.roles;
  if (!R.price || !envelope.analyses.price) {
    const why = envelope.findings?.find((f) => f.code === "price-constant");
    return {
      analysis: undefined,
      sentence: `No price analysis: ${
        R.price ? (why?.sentence ?? "the price column cannot be used.") : "the roles map no price column."
      }`,
    };
  }
  const price = ds.columns[R.price], target = ds.columns[R.target];
  const correlation = pearson(price, target);
  const positive = target.every((v) => v > 0) && price.every((v) => v > 0);
  const naiveElasticity = positive ? logLogSlope(price, target) : null;
  const slope = naiveElasticity !== null
    ? `; the naive log-log slope is **${num(naiveElasticity, 2)}**`
    : "; the log-log slope is not computed because some weeks are zero or negative";
  return {
    analysis: { correlation, naiveElasticity },
    sentence: `Price and ${channelLabel(R.target).toLowerCase()} have a ${
      correlationStrength(correlation).phrase
    } correlation (**${num(correlation, 2)}**)${slope}.`,
  };
}
