/**
 * Hand-built inputs of notebook 07's national views, shared by their tests: a two-channel optimum and the
 * three recommendation states.
 *
 * @module
 */
import type { NationalAllocation } from "../../lib/optimize/national_allocate.ts";

export const upper = (c: string) => c.toUpperCase();

export const split = { socialNow: 0.4, socialRecommended: 0.5, lower: 0.3, upper: 0.6, used: 90 };

/** A two-channel optimum: fb up 30% at its upper bound, google down 10% inside its bounds. */
export const allocation = (over: Partial<NationalAllocation> = {}): NationalAllocation => ({
  cost: "net",
  costNote: "Induced search is paid from the budget.",
  bounds: { min: 0.7, max: 1.3 },
  budget: 200,
  rows: [
    {
      channel: "fb",
      kind: "social",
      currentSpend: 100,
      recommendedSpend: 130,
      change: 0.3,
      marginalRoi: 2,
      bound: "upper",
    },
    {
      channel: "google",
      kind: "search",
      currentSpend: 100,
      recommendedSpend: 90,
      change: -0.1,
      marginalRoi: 1.5,
      bound: null,
    },
  ],
  gain: 5,
  gainLower: 1,
  gainUpper: 9,
  verdict: "positive",
  gainShare: 0.01,
  certificate: {
    multiplier: 1.5,
    interior: ["google"],
    atUpper: ["fb"],
    atLower: [],
    interiorGap: 0,
    holds: true,
    sentence: "",
  },
  split,
  replicates: 99,
  ...over,
});

export const shown = {
  shown: true,
  optimumShown: true,
  reason: "",
  sentence: "Reallocating is recommended.",
};
export const optimumOnly = {
  shown: false,
  optimumShown: true,
  reason: "No national reallocation is recommended: the gain is not distinguishable from zero.",
  sentence: "No national reallocation is recommended: the gain is not distinguishable from zero.",
};
export const withheld = {
  shown: false,
  optimumShown: false,
  reason: "National model: the gate fails.",
  sentence: "National model: the gate fails.",
};
