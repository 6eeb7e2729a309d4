/**
 * Probability distributions (typed boundary over jstat) used for p-values and intervals.
 *
 * @module
 */
export * from "./distributions.ts";
