/**
 * Notebook 07's sentences on the forward plans and the intervals behind them: a plan against today's pattern
 * (`forwardPlanSentence`), the allocation's optimality certificate (`certificateSentence`), where the national
 * intervals come from (`responseIntervalsSentence`) and how a plan's optimum was certified
 * (`planOptimalityText`). national_sentences.ts re-exports them.
 *
 * @module
 */
import type { NationalAllocation } from "./national_allocate.ts";
import type { ForwardPlan } from "./forward_plan.ts";
import type { NationalResponseModel } from "./national_response.ts";
import { type NationalSentenceFormat, PLAIN_SENTENCE_FORMAT, together } from "./national_sentence_format.ts";

/**
 * A forward plan against holding today's pattern, in words.
 *
 * @param plan from `nationalForwardPlan` or `geoForwardPlan`
 * @param scope "national" or "geo"
 * @example
 * forwardPlanSentence(nationalForwardPlan(model), "national");
 */
export function forwardPlanSentence(
  plan: ForwardPlan,
  scope: "national" | "geo",
  f: NationalSentenceFormat = PLAIN_SENTENCE_FORMAT,
): string {
  const verdict = plan.verdict === "positive"
    ? "above zero"
    : plan.verdict === "negative"
    ? "below zero"
    : "not distinguishable from zero";
  const gp = together(f, [plan.gain, plan.gainLower, plan.gainUpper]);
  const carry = Number.isFinite(plan.carryover)
    ? ` Spend before the plan still returns ${
      f.amount(plan.carryover)
    } in these weeks (carryover), the same ` +
      `under both plans.`
    : "";
  return `Over the next ${plan.weeks} weeks (${scope} model), the planned spend returns ${gp(plan.gain)} ` +
    `more than holding today's pattern with the same budget (95% interval ${gp(plan.gainLower)} to ` +
    `${gp(plan.gainUpper)} over ${plan.replicates} replicates), ${verdict}.${carry}`;
}

/**
 * The optimality certificate in words, with display names (`allocateNational`'s own sentence uses columns).
 *
 * @example
 * certificateSentence(allocateNational(model));
 */
export function certificateSentence(
  a: NationalAllocation,
  f: NationalSentenceFormat = PLAIN_SENTENCE_FORMAT,
): string {
  const c = a.certificate;
  const list = (xs: readonly string[]) => (xs.length === 0 ? "none" : xs.map(f.label).join(", "));
  return `${
    c.holds ? "The optimality certificate holds" : "The optimality certificate fails"
  }: one more unit ` +
    `of budget returns ${f.ratio(c.multiplier)} (the multiplier); at their upper bound: ${list(c.atUpper)} ` +
    `(each returns at least that per budget dollar); at their lower bound: ${
      list(c.atLower)
    } (each returns at ` +
    `most that); not at a bound: ${list(c.interior)} (${
      c.interior.length === 0
        ? "none"
        : c.interiorGap < 1e-12
        ? "returns equal to the multiplier"
        : `returns equal to the multiplier within a relative ${c.interiorGap.toExponential(1)}`
    }).`;
}

/**
 * Where the national response model's intervals come from, in one sentence, and the word for one of its
 * replicates ("bootstrap replicate" or "coefficient draw") for captions.
 *
 * @param model the response model (`nationalResponseModel`)
 * @param requested bootstrap replicates requested (the pipeline's `reps`), for the count that could be fitted
 * @example
 * responseIntervalsSentence(model, 999).sentence; // "… over the 920 of 999 bootstrap replicates that …"
 */
export function responseIntervalsSentence(
  model: NationalResponseModel,
  requested: number,
): { readonly sentence: string; readonly unit: string } {
  if (model.source === "coefficient draws") {
    return {
      unit: "coefficient draws",
      sentence:
        `The national intervals below come from ${model.replicates} draws of the single-stage model's ` +
        `coefficients from their HAC covariance (Krinsky–Robb), with carryover and saturation held at their ` +
        `chosen values, so they leave out the uncertainty of that choice, and can be narrower than the ` +
        `pipeline's block-bootstrap intervals of notebook 04.`,
    };
  }
  const failed = requested - model.replicates;
  return {
    unit: "bootstrap replicates",
    sentence: `The national intervals below are over the ${
      failed > 0 ? `${model.replicates} of ${requested}` : `${model.replicates}`
    } bootstrap replicates ${
      model.source === "bootstrap, transforms re-chosen"
        ? "(carryover and saturation re-chosen in each) "
        : ""
    }that ${
      failed > 0 ? `could be fitted (${failed} had a rank-deficient design)` : "were drawn"
    }: the same replicates as the national pipeline's own intervals.`,
  };
}

/**
 * How a forward plan's optimum was certified, in words: solved exactly (a linear model, no iterations), or
 * the marginal returns of the (channel, week) cells not at a bound equal within the relative gap reached.
 *
 * @example
 * planOptimalityText({ iterations: 0, gap: 0 }); // "solved exactly (linear model)"
 */
export function planOptimalityText(
  optimality: { readonly iterations: number; readonly gap: number },
): string {
  return optimality.iterations === 0
    ? "solved exactly (linear model)"
    : `marginal returns of the (channel, week) cells not at a bound equal within a relative ${
      optimality.gap.toExponential(1)
    } after ${optimality.iterations} ascent steps`;
}
