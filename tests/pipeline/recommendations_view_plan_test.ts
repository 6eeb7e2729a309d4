import { assert, assertEquals } from "../assert.ts";
import {
  forwardPlanText,
  planSeries,
  plansOptimalitySentence,
  planTableRows,
  planWeekDates,
  totalCarryover,
} from "../../lib/pipeline/recommendations_view_plan.ts";
import type { ForwardPlan } from "../../lib/optimize/forward_plan.ts";

const plan = (over: Partial<ForwardPlan> = {}): ForwardPlan => ({
  weeks: 3,
  channels: ["tv", "radio"],
  held: [10, 4],
  plan: [[12, 13, 14], [3, 3, 3]],
  budget: 42,
  heldResponse: 100,
  plannedResponse: 105,
  carryover: NaN,
  gain: 5,
  gainLower: 1,
  gainUpper: 9,
  verdict: "positive",
  replicates: 99,
  optimality: { multiplier: 1.25, gap: 0, iterations: 0 },
  ...over,
});

Deno.test("totalCarryover sums the channels' past carryover, 0 without channels", () => {
  assertEquals(totalCarryover([{ carryover: 2 }, { carryover: -0.5 }, { carryover: 3 }]), 4.5);
  assertEquals(totalCarryover([]), 0);
});

Deno.test("planTableRows: held spend, first and last plan week, weekly mean", () => {
  assertEquals(planTableRows(plan(), (c) => c.toUpperCase()), [
    { channel: "TV", held: 10, first: 12, last: 14, mean: 13 },
    { channel: "RADIO", held: 4, first: 3, last: 3, mean: 3 },
  ]);
});

Deno.test("planWeekDates counts whole weeks from the data's last date, across a year end", () => {
  assertEquals(planWeekDates("2023-12-25", 3), ["2024-01-01", "2024-01-08", "2024-01-15"]);
  assertEquals(planWeekDates("2024-02-26", 1), ["2024-03-04"]);
});

Deno.test("planSeries keys each channel's weekly plan by display name", () => {
  assertEquals(planSeries(plan(), (c) => `${c}!`), { "tv!": [12, 13, 14], "radio!": [3, 3, 3] });
});

Deno.test("forwardPlanText: the plan when its move is recommended, else the reason, after the scope", () => {
  const shown = forwardPlanText(plan(), "national", { shown: true, reason: "" });
  assert(
    shown.startsWith("**National.** Over the next 3 weeks (national model), the planned spend returns 5"),
    shown,
  );
  assert(shown.includes("above zero"), shown);
  assertEquals(
    forwardPlanText(plan(), "geo", { shown: false, reason: "The gate fails." }),
    "**Geo.** The gate fails.",
  );
});

Deno.test("plansOptimalitySentence: exact and ascent certificates, each multiplier in its own format", () => {
  const ascent = plan({ optimality: { multiplier: 0.8, gap: 0.00012, iterations: 40 } });
  assertEquals(
    plansOptimalitySentence(plan(), ascent, (x) => `N${x}`, (x) => `G${x}`, { national: true, geo: true }),
    "*Optimality of the plans.* National: solved exactly (linear model); one more unit of plan budget returns " +
      "N1.25. Geo: marginal returns of the (channel, week) cells not at a bound equal within a relative 1.2e-4 " +
      "after 40 ascent steps; one more unit of plan budget returns G0.8. Each plan counts the carryover of its " +
      "spend after its last week, so their multipliers are long-run returns per plan-budget dollar, a " +
      "different quantity from the in-sample returns of the reallocation above.",
  );
});

Deno.test("plansOptimalitySentence describes only the plans that are shown", () => {
  const ascent = plan({ optimality: { multiplier: 0.8, gap: 0.00012, iterations: 40 } });
  // the national plan withheld (its model failed the gate): no national multiplier is quoted
  const geoOnly = plansOptimalitySentence(plan(), ascent, (x) => `N${x}`, (x) => `G${x}`, {
    national: false,
    geo: true,
  });
  assert(geoOnly.startsWith("*Optimality of the plan.* Geo: "), geoOnly);
  assert(!geoOnly.includes("National") && !geoOnly.includes("N1.25"), geoOnly);
  assert(geoOnly.includes("its multiplier is a long-run return"), geoOnly);
  const nationalOnly = plansOptimalitySentence(plan(), ascent, (x) => `N${x}`, (x) => `G${x}`, {
    national: true,
    geo: false,
  });
  assert(nationalOnly.startsWith("*Optimality of the plan.* National: "), nationalOnly);
  assert(!nationalOnly.includes("Geo") && !nationalOnly.includes("G0.8"), nationalOnly);
  // a national plan may be single-stage: no words about induced search
  assert(!nationalOnly.includes("induced"), nationalOnly);
  // neither shown: no multiplier is quoted, and the cell still says why (a cell that shows nothing is an error)
  assertEquals(
    plansOptimalitySentence(plan(), ascent, String, String, { national: false, geo: false }),
    "*Optimality of the plans.* No plan is shown (no move is recommended), so no plan's optimum is reported.",
  );
});
