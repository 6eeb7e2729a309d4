/**
 * Notebook 02's view of what the national search chose: the saturation illustration over the first direct
 * channel's range and each direct channel's activity, then the chosen carryover and saturation tables beside
 * the ground truth where one is given. transform_view.ts re-exports it.
 *
 * @module
 */
import { channelLabel } from "../data/labels.ts";
import { truthKey } from "../data/truth.ts";
import type { Truth } from "../data/truth_schema.ts";
import { trueDirectSaturation } from "../evaluate/truth_coverage.ts";
import { saturate, type SaturationSpec } from "../features/saturation.ts";
import { num } from "../data/format.ts";
import type { NationalCarryoverRow, NationalSaturationRow } from "./national_types.ts";

/** The saturation chart of notebook 02: Hill curves over the range of the first direct channel. */
export interface SaturationExample {
  /** The direct channel whose range is drawn (column name). */
  readonly channel: string;
  /** Curves by name: Hill at K and s = 1, K and s = 2, K/2 and s = 1, K the channel's typical active level. */
  readonly curves: Record<string, { readonly x: Float64Array; readonly y: Float64Array }>;
}

/**
 * Three Hill curves over the first direct channel's range (101 points from 0 to 1.2 × its largest week), at
 * its typical active level K (`scale`) with shape 1 and 2, and at K/2 with shape 1; null without a direct
 * channel.
 *
 * @param columns the dataset's columns by name (the direct channel's weekly volume is read from it)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const sat = [{ channel: "emails", scale: 10, activeWeeks: 2, weeks: 2, chosen: null }];
 * const ex = saturationExample(sat, { emails: new Float64Array([5, 10]) })!;
 * assertClose(Object.keys(ex.curves), ["Hill K=10, s=1", "Hill K=10, s=2", "Hill K=5, s=1"]);
 * assertClose(ex.curves["Hill K=10, s=1"].y[50], 6 / 16, 1e-12); // x = 6: 6 / (6 + 10)
 * ```
 */
export function saturationExample(
  saturation: readonly NationalSaturationRow[],
  columns: Readonly<Record<string, ArrayLike<number>>>,
): SaturationExample | null {
  const first = saturation[0];
  if (first === undefined) return null;
  const K = first.scale;
  const xMax = Math.max(...Array.from(columns[first.channel]));
  const xs = Float64Array.from({ length: 101 }, (_, i) => (i / 100) * xMax * 1.2);
  const specs: Record<string, SaturationSpec> = {
    [`Hill K=${num(K)}, s=1`]: { type: "hill", halfSaturation: K, shape: 1 },
    [`Hill K=${num(K)}, s=2`]: { type: "hill", halfSaturation: K, shape: 2 },
    [`Hill K=${num(K / 2)}, s=1`]: { type: "hill", halfSaturation: K / 2, shape: 1 },
  };
  return {
    channel: first.channel,
    curves: Object.fromEntries(
      Object.entries(specs).map(([name, spec]) => [name, { x: xs, y: saturate(xs, spec) }]),
    ),
  };
}

/**
 * Each direct channel's active weeks and typical active level, one sentence per channel; without a direct
 * channel, the sentence that no saturation curve is searched.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const sat = [{ channel: "emails", scale: 1200, activeWeeks: 40, weeks: 52, chosen: null }];
 * assertClose(saturationActivitySentence(sat), "Emails is active in 40 of 52 weeks; its typical active level is 1,200.");
 * ```
 */
export function saturationActivitySentence(saturation: readonly NationalSaturationRow[]): string {
  if (saturation.length === 0) {
    return "The file has no direct channel (roles.direct is empty), so no saturation curve is searched.";
  }
  return saturation.map((s) =>
    `${
      channelLabel(s.channel)
    } is active in ${s.activeWeeks} of ${s.weeks} weeks; its typical active level is ${num(s.scale)}.`
  ).join(" ");
}

/** A chosen carryover as notebook 02 shows and publishes it (`results.chosen`). */
export interface ChosenCarryoverRow {
  /** The searched stage that chose θ. */
  readonly stage: NationalCarryoverRow["stage"];
  /** The adstocked path, in column names ("social → mediator"-style). */
  readonly path: string;
  /** The adstocked column. */
  readonly channel: string;
  /** Chosen geometric carryover θ. */
  readonly theta: number;
  /** Half-life in weeks, 0 without carryover. */
  readonly halfLifeWeeks: number;
  /** The θ within one SE of the best CV score as "min – max", or "n/a (chosen in sample)". */
  readonly oneSeRange: string;
  /** True θ, NaN where the truth has none; present only with a truth. */
  readonly trueTheta?: number;
  /** Whether the true θ lies in the one-SE range: "yes", "no", or "n/a" (no true θ, or chosen in sample); present only with a truth. */
  readonly truthInRange?: "yes" | "no" | "n/a";
}

/**
 * The chosen carryovers with the range the CV score cannot tell apart and, with a truth, the true θ and
 * whether it lies in that range (not asked of an in-sample choice, which has no range).
 *
 * @param selection how the search scored its candidates
 * @param truth the ground truth (bundled data), or undefined
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const row = { stage: "1" as const, path: "social → mediator", channel: "tiktok_spend", theta: 0.5,
 *   halfLifeWeeks: 1, thetaMin: 0.4, thetaMax: 0.6, lower: NaN, upper: NaN };
 * const truth = { weekly: { adstock: { tiktok: { theta: 0.7 } } } };
 * assertClose(chosenCarryoverRows([row], "cross-validation", truth)[0], { oneSeRange: "0.4 – 0.6", trueTheta: 0.7, truthInRange: "no" });
 * ```
 */
export function chosenCarryoverRows(
  carryover: readonly NationalCarryoverRow[],
  selection: "cross-validation" | "in-sample",
  truth?: {
    readonly weekly: { readonly adstock: Readonly<Partial<Record<string, { readonly theta: number }>>> };
  },
): ChosenCarryoverRow[] {
  const inSample = selection === "in-sample";
  return carryover.map((r) => {
    const t = truth?.weekly.adstock[truthKey(r.channel)]?.theta;
    const inRange = t === undefined || inSample ? "n/a" : t >= r.thetaMin && t <= r.thetaMax ? "yes" : "no";
    return {
      stage: r.stage,
      path: r.path,
      channel: r.channel,
      theta: r.theta,
      halfLifeWeeks: r.halfLifeWeeks,
      oneSeRange: Number.isFinite(r.thetaMin) ? `${r.thetaMin} – ${r.thetaMax}` : "n/a (chosen in sample)",
      ...(truth ? { trueTheta: t ?? NaN, truthInRange: inRange } : {}),
    };
  });
}

/**
 * The carryover table's caption, "… against the truth" when a truth is given.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(chosenCarryoverCaption(true).startsWith("Chosen carryover (geometric θ) against the truth: "), true);
 * ```
 */
export function chosenCarryoverCaption(hasTruth: boolean): string {
  return (hasTruth ? "Chosen carryover (geometric θ) against the truth" : "Chosen carryover (geometric θ)") +
    ": the range is the CV score's one-SE set, not a confidence interval (notebook 04 gives the bootstrap's)";
}

/** A direct channel's chosen saturation as notebook 02 shows and publishes it (`results.chosenSaturation`). */
export interface ChosenSaturationRow {
  /** The direct channel (column name). */
  readonly channel: string;
  /** "40 of 52": weeks with any volume, of all weeks. */
  readonly activeWeeks: string;
  /** The typical active level (median over the active weeks). */
  readonly typicalLevel: number;
  /** The chosen curve, "Hill K=…, s=…", or "none (linear)". */
  readonly chosen: string;
  /** The true curve in the same words, or "n/a"; present only with a truth. */
  readonly truth?: string;
}

/** A Hill curve in words, "Hill K=1,200, s=2"; any other curve or none: "none (linear)". */
function hillText(spec: SaturationSpec | null | undefined): string {
  return spec && spec.type === "hill"
    ? `Hill K=${num(spec.halfSaturation)}, s=${spec.shape}`
    : "none (linear)";
}

/**
 * The chosen saturation of each direct channel and, with a truth, the true Hill curve ("n/a" where the truth
 * has none for the channel).
 *
 * @param truth the ground truth (bundled data), or undefined
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const s = { channel: "sms_send", scale: 800, activeWeeks: 30, weeks: 52,
 *   chosen: { type: "hill" as const, halfSaturation: 400, shape: 2 } };
 * assertClose(chosenSaturationRows([s]), [{ channel: "sms_send", activeWeeks: "30 of 52", typicalLevel: 800, chosen: "Hill K=400, s=2" }]);
 * ```
 */
export function chosenSaturationRows(
  saturation: readonly NationalSaturationRow[],
  truth?: Truth,
): ChosenSaturationRow[] {
  return saturation.map((s) => {
    const t = truth ? trueDirectSaturation(truth, s.channel) : undefined;
    return {
      channel: s.channel,
      activeWeeks: `${s.activeWeeks} of ${s.weeks}`,
      typicalLevel: s.scale,
      chosen: hillText(s.chosen),
      ...(truth
        ? { truth: t?.halfSaturation ? `Hill K=${num(t.halfSaturation)}, s=${t.shape}` : "n/a" }
        : {}),
    };
  });
}

/**
 * The sentence shown instead of the saturation table without a direct channel; null when there is one.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(noSaturationSentence([]), "No direct channel, so no saturation was chosen.");
 * ```
 */
export function noSaturationSentence(saturation: readonly NationalSaturationRow[]): string | null {
  return saturation.length === 0 ? "No direct channel, so no saturation was chosen." : null;
}
