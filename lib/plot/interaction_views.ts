/**
 * What a notebook shows for the interaction and promotion-frequency analyses, one call each:
 * `await show(...interactionSection(ia))` and `await show(...promotionFrequencySection(pf))`. Prose, tables
 * with reader labels and charts; every sentence comes from the lib verdicts in the results.
 *
 * @module
 */
import type { InteractionResults } from "../evaluate/interactions.ts";
import type { PromotionFrequencyResults } from "../evaluate/promotion_frequency.ts";
import { estimateChart } from "./charts.ts";
import type { Figure } from "./figure.ts";
import { money, moneyFormatter, num, pValue, type TargetUnit } from "./format.ts";
import { type Markdown, md } from "./markdown.ts";
import { type Table, table } from "./table.ts";

/** Options of the sections: the target's unit (money amounts or plain numbers). */
export interface SectionOptions {
  /** `"units"` formats amounts as plain numbers; `"currency"` (the default) as money. */
  readonly targetUnit?: TargetUnit;
}

const KIND_WORDS: Readonly<Record<string, string>> = {
  "supported": "supported in and out of sample",
  "in sample only": "in sample only",
  "not validated out of sample": "in sample (no out-of-sample check)",
  "no evidence": "no evidence",
};

/**
 * The interaction tests as prose (one verdict per interaction, the joint test, what was not tested), a
 * table of coefficients, effects and out-of-sample RMSE, and one chart per interaction (the effect in
 * promotion weeks, otherwise, and without the interaction, with 95% intervals).
 *
 * @example
 * ```ts ignore
 * await show(...interactionSection(interactionEffects(weekly, national)));
 * ```
 */
export function interactionSection(
  result: InteractionResults,
  options: SectionOptions = {},
): (Markdown | Table | Figure)[] {
  if (!result.available) return [md`${result.reason}`];
  const amount = options.targetUnit === "units" ? num : money;
  const lines = result.effects.map((e) => `- **${cap(e.label)}.** ${e.verdict.sentence}`);
  for (const n of result.notTested) lines.push(`- ${n.reason}`);
  if (result.joint) {
    const w = result.joint.wald;
    lines.push(
      `- **Both together.** The joint Wald test that both interactions are zero gives F = ${
        num(w.statistic)
      } ` +
        `(p = ${pValue(w.pValue)})${
          result.joint.outOfSample
            ? `; with both, the mean out-of-sample RMSE is ${amount(result.joint.outOfSample.rmseWith)} vs ${
              amount(result.joint.outOfSample.rmseWithout)
            } without`
            : ""
        }.`,
    );
  }
  const prose =
    md`Each interaction is the product of the two columns, each centred at its mean over the ${result.fitWeeks} fitted weeks, added to the ${result.model} outcome model's design with the transforms the pipeline chose. Intervals are 95% with Newey–West errors (${result.maxLags} lags), which treat the chosen transforms${
      result.model === "two-stage" ? " and the stage-1 prediction" : ""
    } as given. The out-of-sample RMSE uses the pipeline's time-series folds.

${lines.join("\n")}`;
  const out: (Markdown | Table | Figure)[] = [prose];
  if (result.effects.length === 0) return out;
  const rows = result.effects.map((e) => {
    const f = e.unit === "elasticity" ? num : amountOrNum(e.unit, amount);
    return {
      interaction: cap(e.label),
      coefficient: num(e.coefficient.estimate),
      interval: `${num(e.coefficient.lower)} to ${num(e.coefficient.upper)}`,
      p: pValue(e.coefficient.pValue),
      quantity: e.quantity,
      inPromotion: f(e.inPromotion.estimate),
      otherwise: f(e.otherwise.estimate),
      rmseWithout: e.outOfSample ? amount(e.outOfSample.rmseWithout) : "not possible",
      rmseWith: e.outOfSample ? amount(e.outOfSample.rmseWith) : "not possible",
      evidence: KIND_WORDS[e.verdict.kind],
    };
  });
  out.push(table(rows, {
    caption:
      "Interaction terms: coefficient (95% interval, HAC), the effect in promotion weeks and otherwise, " +
      "and the out-of-sample RMSE without and with the term",
    labels: {
      interaction: "Interaction",
      coefficient: "Coefficient",
      interval: "95% interval",
      p: "p-value",
      quantity: "Effect measured",
      inPromotion: "In promotion weeks",
      otherwise: "Other weeks",
      rmseWithout: "RMSE out of sample, without",
      rmseWith: "RMSE out of sample, with",
      evidence: "Evidence",
    },
  }));
  for (const e of result.effects) {
    out.push(estimateChart([
      { label: "In promotion weeks", ...bounds(e.inPromotion) },
      { label: "Other weeks", ...bounds(e.otherwise) },
      { label: "Without the interaction", ...bounds(e.withoutInteraction) },
    ], {
      title: `${cap(e.label)}: ${e.quantity}`,
      caption: "Dots: estimates; bars: 95% intervals (Newey–West errors).",
    }));
  }
  return out;
}

/**
 * The promotion-frequency analysis as prose (the verdict, the supported range, notes), a table of calendar
 * quarters, a table of the lift by frequency within the observed range, and a chart of the quarter's total
 * lift by frequency with 95% intervals.
 *
 * @example
 * ```ts ignore
 * await show(...promotionFrequencySection(promotionFrequency(weekly, national)));
 * ```
 */
export function promotionFrequencySection(
  result: PromotionFrequencyResults,
  options: SectionOptions = {},
): (Markdown | Table | Figure)[] {
  if (!result.available) return [md`${result.reason}`];
  const lines = [result.verdict.sentence, ...result.notes];
  if (result.outOfSample) {
    const cv = result.outOfSample;
    const f = options.targetUnit === "units" ? num : moneyFormatter([cv.rmseWith, cv.rmseWithout]);
    lines.push(
      `Out of sample, the frequency term gives a mean RMSE of ${f(cv.rmseWith)} vs ${f(cv.rmseWithout)} ` +
        `without it (lower in ${cv.foldsImproved} of ${cv.folds.length} folds).`,
    );
  }
  const out: (Markdown | Table | Figure)[] = [md`${lines.join("\n\n")}`];
  const unit = cap(result.unitWord);
  out.push(table(
    result.quarters.map((q) => ({
      quarter: q.quarter,
      weeks: q.weeks,
      promotions: q.promotions,
      used: q.complete ? "yes" : "no (partly in the data)",
    })),
    {
      caption: `${unit} per calendar quarter`,
      labels: { quarter: "Quarter", weeks: "Weeks", promotions: unit, used: "Used" },
      formats: { weeks: (x) => num(x, 0), promotions: num },
    },
  ));
  if (result.curve.length > 0) {
    const amount = options.targetUnit === "units"
      ? num
      : moneyFormatter(result.curve.flatMap((r) => [r.quarter.lower, r.quarter.upper]));
    out.push(table(
      result.curve.map((r) => ({
        frequency: r.frequency,
        perPromotion: amount(r.perPromotion.estimate),
        perPromotionInterval: `${amount(r.perPromotion.lower)} to ${amount(r.perPromotion.upper)}`,
        quarterLift: amount(r.quarter.estimate),
        quarterInterval: `${amount(r.quarter.lower)} to ${amount(r.quarter.upper)}`,
      })),
      {
        caption:
          `Lift by ${result.unitWord} per quarter, within the observed range only (95% intervals, HAC)`,
        labels: {
          frequency: `${unit} in the quarter`,
          perPromotion: `Lift per ${result.unitWord.replace(/s$/, "")}`,
          perPromotionInterval: "95% interval",
          quarterLift: "Quarter's total lift",
          quarterInterval: "95% interval",
        },
        formats: { frequency: num },
      },
    ));
    out.push(estimateChart(
      result.curve.map((r) => ({ label: `${num(r.frequency)} ${result.unitWord}`, ...bounds(r.quarter) })),
      {
        title: `Quarter's total promotion lift by ${result.unitWord} per quarter`,
        subtitle: "Observed frequencies only; nothing beyond them is extrapolated",
        caption: "Dots: estimates; bars: 95% intervals (Newey–West errors).",
      },
    ));
  }
  return out;
}

function bounds(c: { estimate: number; lower: number; upper: number }) {
  return { estimate: c.estimate, lower: c.lower, upper: c.upper };
}

function amountOrNum(unit: string, amount: (x: number) => string): (x: number) => string {
  return unit.includes("per unit of price") ? num : amount;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
