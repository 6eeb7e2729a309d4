/**
 * Budget optimization on a fitted media model: the response-maximizing split of a budget across channels
 * ({@link allocateBudget}) and what-if scenarios with simulated uncertainty ({@link scenario}).
 *
 * Both scale each channel's historical spend pattern by a multiplier and read the response curves of
 * `lib/decompose`.
 *
 * @module
 */

export * from "./allocate_budget.ts";
export * from "./scenario.ts";
export * from "./national_response.ts";
export * from "./national_curves.ts";
export * from "./national_allocate.ts";
export * from "./forward_plan.ts";
export * from "./national_contributions.ts";
export * from "./national_sentences.ts";
