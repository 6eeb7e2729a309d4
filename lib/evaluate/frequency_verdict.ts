/**
 * The words for a promotion-frequency analysis: whether the lift per promotion falls with the number of
 * promotions in the quarter (by the sign of its 95% interval), which frequencies the data support (the
 * observed range, never beyond), and a lift-maximizing frequency only when diminishing returns are shown.
 *
 * @module
 */
import { signVerdict } from "./verdicts.ts";
import { defaultFormat as plain } from "./verdict_format.ts";

/** What the data show about frequency. */
export type FrequencyKind =
  | "not estimable"
  | "no diminishing returns shown"
  | "diminishing returns"
  | "increasing returns";

/** Inputs of {@link frequencyVerdict}. */
export interface FrequencyVerdictInput {
  /** "promotion weeks" or "promotions". */
  readonly unitWord: string;
  /**
   * Fewest and most promotions (in `unitWord`) in a complete calendar quarter of the data: the supported
   * range.
   */
  readonly observed: { readonly min: number; readonly max: number };
  /** γ with its 95% interval, or null when it was not estimated. */
  readonly curvature: { readonly estimate: number; readonly lower: number; readonly upper: number } | null;
  /** Why the curvature was not estimated, as a clause (used when `curvature` is null); null otherwise. */
  readonly curvatureReason: string | null;
  /** The frequency with the highest quarterly lift within the observed range (diminishing returns only). */
  readonly best: { readonly frequency: number; readonly atBoundary: boolean } | null;
  /** How to write a number (default `defaultFormat` of `verdict_format.ts`). */
  readonly format?: (x: number) => string;
}

/** The verdict and its paragraph. */
export interface FrequencyVerdict {
  /** What the curvature's 95% interval shows (or "not estimable" without one). */
  readonly kind: FrequencyKind;
  /**
   * The paragraph to print: the verdict with its interval, the best frequency when shown, and the supported
   * range.
   */
  readonly sentence: string;
}

/**
 * The verdict on promotion frequency (see the module doc).
 *
 * @example
 * ```ts ignore
 * frequencyVerdict({
 *   unitWord: "promotion weeks", observed: { min: 1, max: 4 },
 *   curvature: { estimate: -500, lower: -1200, upper: 200 }, curvatureReason: null, best: null,
 * }).kind; // "no diminishing returns shown"
 * ```
 */
export function frequencyVerdict(input: FrequencyVerdictInput): FrequencyVerdict {
  const f = input.format ?? plain;
  const { min, max } = input.observed;
  const one = input.unitWord.replace(/s$/, "");
  const units = (v: number) => `${f(v)} ${v === 1 ? one : input.unitWord}`;
  const range = min === max ? units(min) : `${f(min)} to ${f(max)} ${input.unitWord}`;
  const support =
    `Complete calendar quarters in the data hold ${range}: that is the range of frequencies the data support, ` +
    `and nothing beyond it is extrapolated.`;
  const g = input.curvature;
  if (g === null) {
    return {
      kind: "not estimable",
      sentence: `The data do not allow a test of diminishing returns: ${
        input.curvatureReason ?? "the curvature was not estimated"
      }. ${support}`,
    };
  }
  const sign = signVerdict(g.lower, g.upper);
  const interval = `95% interval ${f(g.lower)} to ${f(g.upper)}`;
  if (sign === "not distinguishable from zero") {
    return {
      kind: "no diminishing returns shown",
      sentence:
        `The data do not show diminishing returns: each extra ${one} in a quarter changes the lift of ` +
        `every ${one} in it by ${
          f(g.estimate)
        } (${interval}, which includes zero), so the data single out no ` +
        `best frequency. ${support}`,
    };
  }
  if (sign === "positive") {
    return {
      kind: "increasing returns",
      sentence:
        `Increasing returns within the observed range: each extra ${one} in a quarter raises the lift ` +
        `of every ${one} in it by ${f(g.estimate)} (${interval}). ${support}`,
    };
  }
  let where: string;
  const b = input.best;
  if (b === null) where = "";
  else if (!b.atBoundary) {
    where = ` Within the observed range the quarter's total lift is highest at ${units(b.frequency)}.`;
  } else if (b.frequency === max) {
    where = ` The quarter's total lift still rises at the most frequent observed rate (${units(max)}), ` +
      `so the data do not show where it peaks.`;
  } else {
    where = ` The quarter's total lift is highest at the least frequent observed rate (${units(min)}); ` +
      `lower frequencies are not observed.`;
  }
  return {
    kind: "diminishing returns",
    sentence:
      `Diminishing returns: each extra ${one} in a quarter lowers the lift of every ${one} in it by ` +
      `${f(-g.estimate)} (${interval}).${where} ${support}`,
  };
}
