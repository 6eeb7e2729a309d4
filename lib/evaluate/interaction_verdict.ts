/**
 * The words for an interaction with promotions: what its 95% interval says (sign-aware: "promotions reduce
 * price sensitivity" only when the elasticity moves toward zero in promotion weeks), and whether the term
 * also predicts better out of sample, so that an interaction that improves the fit only in sample is said
 * to.
 *
 * @module
 */
import { type SignVerdict, signVerdict } from "./verdicts.ts";
import { defaultFormat as plain } from "./verdict_format.ts";

/** What the evidence supports. */
export type InteractionKind =
  /** The interval excludes zero and the term lowers the mean out-of-sample RMSE. */
  | "supported"
  /** The interval excludes zero but the term does not lower the out-of-sample RMSE. */
  | "in sample only"
  /** The interval excludes zero; no out-of-sample check was possible. */
  | "not validated out of sample"
  /** The interval of the difference includes zero. */
  | "no evidence";

/** An estimate with its interval. */
export interface IntervalValue {
  /** The point estimate. */
  readonly estimate: number;
  /** Lower bound of its 95% interval. */
  readonly lower: number;
  /** Upper bound of its 95% interval. */
  readonly upper: number;
}

/** Inputs of {@link interactionVerdict}. */
export interface InteractionVerdictInput {
  /** Which interaction: promotion × price (price sensitivity) or email × promotion (email's effect). */
  readonly id: "promotion_x_price" | "email_x_promotion";
  /**
   * The moderated effect in promotion weeks (price elasticity or slope, or an average week's email effect).
   */
  readonly inPromotion: IntervalValue;
  /** The same effect in weeks without a promotion. */
  readonly otherwise: IntervalValue;
  /** `inPromotion − otherwise` with its 95% interval (the interaction's test). */
  readonly difference: IntervalValue;
  /** Price only: the effects are elasticities (else slopes per unit of price). */
  readonly elasticity?: boolean;
  /** Format of the effects (default three significant digits). */
  readonly format?: (x: number) => string;
  /** Format of the RMSEs, in the target's unit (default three significant digits). */
  readonly rmseFormat?: (x: number) => string;
  /**
   * Time-series CV of the outcome model without and with the term: mean test RMSE of each (target units), the
   * folds, and how many folds the term improved; null when no out-of-sample check was possible.
   */
  readonly outOfSample: {
    readonly rmseWithout: number;
    readonly rmseWith: number;
    readonly folds: readonly unknown[];
    readonly foldsImproved: number;
  } | null;
  /** Why there is no out-of-sample check (shown when `outOfSample` is null). */
  readonly outOfSampleReason?: string | null;
}

/** The verdict: its kind, the sign of the difference, and one paragraph. */
export interface InteractionVerdict {
  /**
   * What the evidence supports: the difference's interval and, when it excludes zero, the out-of-sample
   * check.
   */
  readonly kind: InteractionKind;
  /** The sign verdict of the difference's 95% interval (`signVerdict`). */
  readonly difference: SignVerdict;
  /**
   * One paragraph: the effect in promotion weeks vs otherwise, the difference, and the out-of-sample clause.
   */
  readonly sentence: string;
}

/**
 * The verdict on one interaction with promotions. The sign comes from the difference's interval
 * (`signVerdict`); for price, "reduce" or "increase" price sensitivity compares the magnitudes of the
 * elasticity in promotion weeks and otherwise (a difference toward zero from a negative elasticity reduces
 * it); the out-of-sample clause compares the mean fold RMSE with and without the term.
 *
 * @example
 * ```ts
 * interactionVerdict({
 *   id: "promotion_x_price", elasticity: true,
 *   inPromotion: { estimate: -0.4, lower: -0.8, upper: 0 }, otherwise: { estimate: -1.5, lower: -1.9, upper: -1.1 },
 *   difference: { estimate: 1.1, lower: 0.5, upper: 1.7 },
 *   outOfSample: { rmseWithout: 10, rmseWith: 9, folds: [1, 2, 3, 4], foldsImproved: 3 },
 * }).sentence; // "Promotions reduce price sensitivity: the price elasticity is −0.4 in promotion weeks vs −1.5 …"
 * ```
 */
export function interactionVerdict(input: InteractionVerdictInput): InteractionVerdict {
  const f = input.format ?? plain;
  const d = input.difference;
  const sign = signVerdict(d.lower, d.upper);
  const diffText = `difference ${f(d.estimate)}, 95% interval ${f(d.lower)} to ${f(d.upper)}`;
  let lead: string;
  if (input.id === "promotion_x_price") {
    const what = input.elasticity === false ? "the price slope" : "the price elasticity";
    const values = `${what} is ${f(input.inPromotion.estimate)} in promotion weeks vs ${
      f(input.otherwise.estimate)
    } otherwise`;
    if (sign === "not distinguishable from zero") {
      lead = `No evidence that promotions change price sensitivity: ${values}, and the 95% interval of the ` +
        `difference (${f(d.lower)} to ${f(d.upper)}) includes zero.`;
    } else {
      const base = input.otherwise.estimate;
      const toward = (sign === "positive") === (base < 0); // moves toward zero from the side it is on
      lead = base === 0
        ? `Price matters ${
          sign === "positive" ? "more positively" : "more negatively"
        } in promotion weeks: ${values} (${diffText}).`
        : `Promotions ${toward ? "reduce" : "increase"} price sensitivity: ${values} (${diffText}).`;
    }
  } else {
    const values = `an average week's emails add ${f(input.inPromotion.estimate)} in promotion weeks vs ${
      f(input.otherwise.estimate)
    } otherwise`;
    lead = sign === "not distinguishable from zero"
      ? `No evidence that email works differently in promotion weeks: ${values}, and the 95% interval of the ` +
        `difference (${f(d.lower)} to ${f(d.upper)}) includes zero.`
      : `Email works ${
        sign === "positive" ? "better" : "less well"
      } in promotion weeks: ${values} (${diffText}).`;
  }
  const cv = input.outOfSample;
  const significant = sign !== "not distinguishable from zero";
  if (cv === null) {
    const why = input.outOfSampleReason ? `: ${input.outOfSampleReason}` : "";
    return {
      kind: significant ? "not validated out of sample" : "no evidence",
      difference: sign,
      sentence: `${lead} No out-of-sample check was possible${why}.`,
    };
  }
  const r = input.rmseFormat ?? plain;
  const rmses = `mean out-of-sample RMSE ${r(cv.rmseWith)} with the interaction vs ${
    r(cv.rmseWithout)
  } without, lower in ${cv.foldsImproved} of ${cv.folds.length} folds`;
  if (!significant) return { kind: "no evidence", difference: sign, sentence: `${lead} (${cap(rmses)}.)` };
  return cv.rmseWith < cv.rmseWithout
    ? {
      kind: "supported",
      difference: sign,
      sentence: `${lead} It also predicts better out of sample (${rmses}).`,
    }
    : {
      kind: "in sample only",
      difference: sign,
      sentence: `${lead} But it does not predict better out of sample (${rmses}): the interaction improves ` +
        `the fit in sample only.`,
    };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
