/**
 * Probability distributions (typed boundary over jstat) used for p-values and intervals.
 *
 * @module
 */
export * from "./distributions.ts";
export * from "./describe.ts";
export * from "./welch.ts";
export * from "./moments.ts";
export * from "./normality.ts";
export * from "./durbin_watson.ts";
export * from "./qq.ts";
export * from "./random.ts";
export * from "./regimes.ts";
