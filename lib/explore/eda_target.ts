/**
 * Notebook 01's view of the national target on its own: its shape (regimes, level shifts, near-zero
 * weeks) and the anomalous weeks the modelling notebooks leave out, as published and as table rows.
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { channelLabel } from "../data/labels.ts";
import { describeTargetShape, type TargetShape } from "../stats/regimes.ts";
import {
  type Anomaly,
  type AnomalyScreen,
  screenAnomalies,
  type ScreenAnomalyOptions,
} from "../features/anomalies.ts";
import { targetFormat } from "../plot/format.ts";

/** The target's shape as notebook 01 publishes it (`describeTargetShape`, changepoints as dates). */
export interface EdaTargetShapeResult {
  /** `"unimodal"`, `"bimodal"` or `"level shift"`. */
  readonly kind: TargetShape["kind"];
  /** The regimes found (one for a unimodal target). */
  readonly regimes: TargetShape["regimes"];
  /** ISO dates of the first week of each new level. */
  readonly changepoints: readonly string[];
  /** Share of weeks with the target at or below zero, in [0, 1]. */
  readonly zeroOrNegativeShare: number;
  /** What the shape is, in words. */
  readonly sentence: string;
  /** The rule that decided it, in words. */
  readonly rule: string;
}

/** A regime of the target, as a table row. */
export interface EdaRegimeRow {
  /** The regime's name (e.g. "low", "high", "before 2024-03-04"). */
  readonly regime: string;
  /** Weeks in the regime. */
  readonly weeks: number;
  /** Its share of the weeks, in [0, 1]. */
  readonly shareOfWeeks: number;
  /** Its share of the summed target, in [0, 1]. */
  readonly shareOfTarget: number;
  /** Mean target per week in the regime, in the target's units. */
  readonly mean: number;
}

/** The shape of the target and its regimes. */
export interface EdaTargetShape {
  /** The published shape. */
  readonly result: EdaTargetShapeResult;
  /** The regimes as rows; empty for a unimodal target (one regime: nothing to tabulate). */
  readonly regimeRows: readonly EdaRegimeRow[];
}

/**
 * The shape of a weekly file's target (`describeTargetShape`, amounts in the target's unit).
 *
 * @example
 * ```ts ignore
 * edaTargetShape(weekly).result.kind; // "unimodal"
 * ```
 */
export function edaTargetShape(ds: Dataset): EdaTargetShape {
  const R = ds.roles;
  const shape = describeTargetShape(ds.columns[R.target], {
    name: channelLabel(R.target).toLowerCase(),
    format: targetFormat(R.targetUnit, { name: R.target }).amount,
    dates: ds.dates,
  });
  return {
    result: {
      kind: shape.kind,
      regimes: shape.regimes,
      changepoints: shape.changepoints.map((i) => ds.dates[i]),
      zeroOrNegativeShare: shape.zeroOrNegativeShare,
      sentence: shape.sentence,
      rule: shape.rule,
    },
    regimeRows: shape.kind === "unimodal" ? [] : shape.regimes.map((r) => ({
      regime: r.label,
      weeks: r.weeks,
      shareOfWeeks: r.shareOfWeeks,
      shareOfTarget: r.shareOfTarget,
      mean: r.mean,
    })),
  };
}

/** The anomaly screen as notebook 01 publishes it. */
export interface EdaAnomalyResult {
  /** The screening rule, in words. */
  readonly rule: string;
  /** What was left out and why. */
  readonly sentence: string;
  /** Why the screen left nothing out although weeks were flagged; null when it did not skip. */
  readonly skipped: string | null;
  /** The weeks left out, each with its ISO date. */
  readonly leftOut: readonly (Anomaly & { readonly week: string })[];
  /** Number of weeks flagged before the share and run limits. */
  readonly flagged: number;
}

/** An anomalous week left out, as a table row. */
export interface EdaAnomalyRow {
  /** ISO date of the week. */
  readonly week: string;
  /** The target that week. */
  readonly value: number;
  /** Median of the target over the window around it. */
  readonly localMedian: number;
  /** Robust z-score of the week against the window. */
  readonly robustZ: number;
}

/** The anomaly screen of the target. */
export interface EdaAnomalies {
  /** The published screen. */
  readonly result: EdaAnomalyResult;
  /** The weeks left out as rows; empty when none is. */
  readonly rows: readonly EdaAnomalyRow[];
  /** Weeks in the window whose median a week is compared with, 2h + 1 (the screen's default h is 2). */
  readonly windowWeeks: number;
}

/**
 * Screens a weekly file's target for anomalous weeks (`screenAnomalies`, with the promotion flag as a
 * driver that explains a spike), with the weeks left out as rows.
 *
 * @param options the Hampel window and threshold (and limits) of the screen
 * @example
 * ```ts ignore
 * edaAnomalies(weekly, { halfWindow: 2, threshold: 5 }).rows.length; // weeks left out
 * ```
 */
export function edaAnomalies(ds: Dataset, options: ScreenAnomalyOptions): EdaAnomalies {
  const R = ds.roles;
  const screen: AnomalyScreen = screenAnomalies(ds.columns[R.target], {
    ...options,
    drivers: R.promotion ? { [R.promotion]: ds.columns[R.promotion] } : undefined,
    dates: ds.dates,
  });
  return {
    result: {
      rule: screen.rule,
      sentence: screen.sentence,
      skipped: screen.skipped ?? null,
      leftOut: screen.anomalies.map((a) => ({ week: ds.dates[a.index], ...a })),
      flagged: screen.candidates.length,
    },
    rows: screen.anomalies.map((a) => ({
      week: ds.dates[a.index],
      value: a.value,
      localMedian: a.expected,
      robustZ: a.z,
    })),
    windowWeeks: 2 * (options.halfWindow ?? 2) + 1,
  };
}
