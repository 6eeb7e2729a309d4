/**
 * Notebook 07's forward-plan section laid out for display: the past carryover the national plan starts from,
 * each plan's table rows and weekly series, and the sentences whose words depend on whether the move the
 * plan carries forward is recommended. Each function takes only the fields it reads, so it is tested on small
 * constructed inputs.
 *
 * @module
 */
import type { ForwardPlan } from "../optimize/forward_plan.ts";
import {
  forwardPlanSentence,
  type NationalSentenceFormat,
  PLAIN_SENTENCE_FORMAT,
  planOptimalityText,
} from "../optimize/national_sentences.ts";

/**
 * Response in the plan weeks from spend before them, summed over channels (`nationalPastCarryover`'s rows, in
 * their order), in target units.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(totalCarryover([{ carryover: 2 }, { carryover: 3.5 }]), 5.5, 0);
 * ```
 */
export function totalCarryover(rows: readonly { readonly carryover: number }[]): number {
  return rows.reduce((s, c) => s + c.carryover, 0);
}

/** A row of a forward plan's table: one channel's weekly spend held and planned. */
export interface PlanTableRow {
  /** Display name of the channel. */
  readonly channel: string;
  /** Weekly spend of today's pattern (held). */
  readonly held: number;
  /** Planned spend in the first plan week. */
  readonly first: number;
  /** Planned spend in the last plan week. */
  readonly last: number;
  /** Mean planned weekly spend over the plan weeks. */
  readonly mean: number;
}

/**
 * A plan's table: per channel the weekly spend held, the plan's first and last week and its weekly mean.
 *
 * @param plan the fields of a `ForwardPlan` read here
 * @param label display name of a channel (default: the column)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const rows = planTableRows({ weeks: 2, channels: ["tv"], held: [10], plan: [[8, 12]] });
 * assertClose(rows[0], { first: 8, last: 12, mean: 10 }, 0);
 * ```
 */
export function planTableRows(
  plan: Pick<ForwardPlan, "weeks" | "channels" | "held" | "plan">,
  label: (channel: string) => string = (c) => c,
): PlanTableRow[] {
  return plan.channels.map((c, j) => ({
    channel: label(c),
    held: plan.held[j],
    first: plan.plan[j][0],
    last: plan.plan[j][plan.weeks - 1],
    mean: plan.plan[j].reduce((s, v) => s + v, 0) / plan.weeks,
  }));
}

/**
 * The ISO dates of the `weeks` plan weeks: one, two, … weeks after the data's last date.
 *
 * @param lastDate the data's last week, `YYYY-MM-DD`
 * @param weeks plan weeks
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(planWeekDates("2024-12-30", 2), ["2025-01-06", "2025-01-13"], 0);
 * ```
 */
export function planWeekDates(lastDate: string, weeks: number): string[] {
  const last = new Date(`${lastDate}T00:00:00Z`).getTime();
  return Array.from(
    { length: weeks },
    (_, w) => new Date(last + (w + 1) * 7 * 86400000).toISOString().slice(0, 10),
  );
}

/**
 * A plan's weekly spend per channel, keyed by display name, for a time-series chart.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(planSeries({ channels: ["tv"], plan: [[1, 2]] }, (c) => c.toUpperCase()).TV, [1, 2], 0);
 * ```
 */
export function planSeries(
  plan: Pick<ForwardPlan, "channels" | "plan">,
  label: (channel: string) => string = (c) => c,
): Record<string, readonly number[]> {
  return Object.fromEntries(plan.channels.map((c, j) => [label(c), plan.plan[j]]));
}

/**
 * A plan's paragraph: the scope in bold, then the plan against today's pattern when the move it carries
 * forward is recommended (a plan is shown only then), or the recommendation's reason.
 *
 * @param plan the forward plan
 * @param scope "national" or "geo"
 * @param recommendation whether the move is recommended, and why not
 * @param f formats
 * @example
 * ```ts ignore
 * forwardPlanText(planG, "geo", rec.recommendation, words);
 * ```
 */
export function forwardPlanText(
  plan: ForwardPlan,
  scope: "national" | "geo",
  recommendation: { readonly shown: boolean; readonly reason: string },
  f: NationalSentenceFormat = PLAIN_SENTENCE_FORMAT,
): string {
  const head = scope === "national" ? "National" : "Geo";
  return `**${head}.** ${recommendation.shown ? forwardPlanSentence(plan, scope, f) : recommendation.reason}`;
}

/**
 * How the shown plans' optima were certified and what one more unit of plan budget returns under each
 * (`planOptimalityText`; each multiplier in its model's target format). Only a plan that is shown is
 * described (a plan is shown only when the move it carries forward is recommended): one shown plan gives
 * "the plan", none says that no plan's optimum is reported. A plan counts the carryover of its spend after its last week, so its multiplier
 * is a long-run return per plan-budget dollar, a different quantity from the reallocation's in-sample
 * multiplier: the sentence says so (nothing about induced search, which a single-stage model has not).
 *
 * @param national the national plan's optimality
 * @param geo the geo plan's optimality
 * @param nationalRatio format of a national return
 * @param geoRatio format of a geo return
 * @param shown whether each plan is shown (`nationalRecommendation(…).shown`, `geoRecommendations(…).recommendation.shown`)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const exact = { optimality: { multiplier: 1.5, gap: 0, iterations: 0 } };
 * assertClose(
 *   plansOptimalitySentence(exact, exact, String, String, { national: false, geo: false }),
 *   "*Optimality of the plans.* No plan is shown (no move is recommended), so no plan's optimum is reported.",
 *   0,
 * );
 * ```
 */
export function plansOptimalitySentence(
  national: Pick<ForwardPlan, "optimality">,
  geo: Pick<ForwardPlan, "optimality">,
  nationalRatio: (x: number) => string,
  geoRatio: (x: number) => string,
  shown: { readonly national: boolean; readonly geo: boolean },
): string {
  if (shown === undefined) {
    throw new TypeError(
      "plansOptimalitySentence needs which plans are shown: { national: nationalRec.shown, geo: rec.recommendation.shown }",
    );
  }
  const parts: string[] = [];
  if (shown.national) {
    parts.push(
      `National: ${planOptimalityText(national.optimality)}; one more unit of plan budget returns ${
        nationalRatio(national.optimality.multiplier)
      }.`,
    );
  }
  if (shown.geo) {
    parts.push(
      `Geo: ${planOptimalityText(geo.optimality)}; one more unit of plan budget returns ${
        geoRatio(geo.optimality.multiplier)
      }.`,
    );
  }
  if (parts.length === 0) {
    return "*Optimality of the plans.* No plan is shown (no move is recommended), so no plan's optimum is reported.";
  }
  const one = parts.length === 1;
  const basis =
    `${one ? "The plan counts" : "Each plan counts"} the carryover of its spend after its last week, so ${
      one ? "its multiplier is a long-run return" : "their multipliers are long-run returns"
    } per ` +
    `plan-budget dollar, a different quantity from the in-sample returns of the reallocation above.`;
  return `*Optimality of the ${one ? "plan" : "plans"}.* ${parts.join(" ")} ${basis}`;
}
