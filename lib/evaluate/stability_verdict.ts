/**
 * The stability verdict of one coefficient over expanding windows (`rolling_stability.ts`): the number of
 * windows whose 95% interval misses the full-sample estimate against Binomial(W, 0.05), unstable when
 * `P(X ≥ misses) < 0.05`, and "still moving" when the full-sample estimate lies outside the windows' range.
 * The rule and its caveats are in `rolling_stability.ts`'s module doc.
 *
 * @module
 */
import { binomialSf } from "../stats/distributions.ts";

/** One coefficient in one window. */
export interface WindowEstimate {
  /** Weeks in the window (its end, exclusive). */
  readonly weeks: number;
  /** The coefficient's name (for the two-stage model, prefixed `stage 1: ` or `stage 2: `). */
  readonly term: string;
  /** The coefficient fitted on the window. */
  readonly estimate: number;
  /** Lower bound of its 95% interval on the window, with the full fit's covariance type. */
  readonly lower: number;
  /** Upper bound of that interval. */
  readonly upper: number;
}

/** The stability verdict of one coefficient. */
export interface StabilityVerdict {
  /** The coefficient judged. */
  readonly term: string;
  /** Windows with a finite interval for the term: W of the binomial screen. */
  readonly windows: number;
  /** Windows whose interval does not contain the full-sample estimate. */
  readonly misses: number;
  /** `(windows − misses) / windows`, the share of intervals containing the estimate; NaN without a window. */
  readonly shareContaining: number;
  /** `P(X ≥ misses)` for X ~ Binomial(windows, 0.05). */
  readonly pValue: number;
  /** The interval screen passes (`pValue ≥ STABILITY_ALPHA`). */
  readonly stable: boolean;
  /**
   * Where the full-sample estimate lies against the range of the windows' point estimates: "above" every
   * window's, "below" every window's, or null (inside the range, or fewer than two windows).
   */
  readonly outsideRange: "above" | "below" | null;
  /** Smallest of the windows' point estimates (NaN without a window). */
  readonly windowMin: number;
  /** Largest of the windows' point estimates (NaN without a window). */
  readonly windowMax: number;
  /** "drifts" (interval screen fails), "still moving" (screen passes, `outsideRange`), else "stable". */
  readonly label: "stable" | "still moving" | "drifts";
  /** The counts, the binomial p-value, the verdict and any "still moving" caution, in words. */
  readonly sentence: string;
}

const sig3 = (x: number) =>
  Number.isFinite(x) ? x.toLocaleString("en-US", { maximumSignificantDigits: 3 }).replace("-", "−") : "n/a";

/** Level of the stability screen (and nominal miss rate of a 95% interval). */
export const STABILITY_ALPHA = 0.05;

/**
 * Stability verdict of one coefficient from its window estimates and the full-sample estimate (see the module
 * doc for the rule). With no window, `stable` is true and the sentence says nothing was tested.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(stabilityVerdict("tv", [{ weeks: 80, term: "tv", estimate: 1, lower: 0.5, upper: 1.5 }], 1.2).stable, true, 1e-9);
 * ```
 */
export function stabilityVerdict(
  term: string,
  windows: readonly WindowEstimate[],
  fullEstimate: number,
): StabilityVerdict {
  if (!Number.isFinite(fullEstimate)) throw new RangeError(`full-sample estimate of "${term}" is not finite`);
  const rows = windows.filter((w) => w.term === term && Number.isFinite(w.lower) && Number.isFinite(w.upper));
  const W = rows.length;
  const misses = rows.filter((w) => !(w.lower <= fullEstimate && fullEstimate <= w.upper)).length;
  const pValue = W === 0 ? 1 : binomialSf(misses, W, STABILITY_ALPHA);
  const stable = pValue >= STABILITY_ALPHA;
  const share = W === 0 ? NaN : (W - misses) / W;
  const estimates = rows.map((w) => w.estimate).filter(Number.isFinite);
  const windowMin = estimates.length === 0 ? NaN : Math.min(...estimates);
  const windowMax = estimates.length === 0 ? NaN : Math.max(...estimates);
  const outsideRange: StabilityVerdict["outsideRange"] = estimates.length < 2
    ? null
    : fullEstimate > windowMax
    ? "above"
    : fullEstimate < windowMin
    ? "below"
    : null;
  const label: StabilityVerdict["label"] = !stable
    ? "drifts"
    : outsideRange !== null
    ? "still moving"
    : "stable";
  const moving = outsideRange === null
    ? ""
    : ` The full-sample estimate (${sig3(fullEstimate)}) lies ${outsideRange} ` +
      `every window's estimate (${sig3(windowMin)} to ${
        sig3(windowMax)
      }): the estimate is still moving as weeks ` +
      `are added, so it is not settled${
        stable
          ? " (a caution, not drift: a constant coefficient does this in about a quarter of two-year series)"
          : ""
      }.`;
  const sentence = W === 0
    ? `${term}: no window could be fitted, so stability was not tested.`
    : `${term}: ${W - misses} of ${W} windows' 95% intervals contain the full-sample estimate; ${misses} ` +
      `${misses === 1 ? "miss" : "misses"} against about ${
        (STABILITY_ALPHA * W).toFixed(1)
      } expected by chance ` +
      `(binomial p = ${pValue < 0.001 ? "<0.001" : pValue.toFixed(3)}): ${
        stable ? "no evidence of drift" : "the coefficient drifts as weeks are added"
      } (a screen: nested windows make misses cluster).${moving}`;
  return {
    term,
    windows: W,
    misses,
    shareContaining: share,
    pValue,
    stable,
    outsideRange,
    windowMin,
    windowMax,
    label,
    sentence,
  };
}
