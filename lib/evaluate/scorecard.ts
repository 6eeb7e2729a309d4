/**
 * The model-health scorecard: one pass / warn / fail per check, each with its reason, so that a reader sees in
 * ten seconds whether a model can be trusted and where it cannot. Every check is a small function of numbers
 * the diagnostics already computed; the thresholds are stated (and justified) on each.
 *
 * @module
 */
import type { CollinearityVerdict } from "./collinearity.ts";
import type { ContributionPlausibility, EvidenceGate, SignVerdict } from "./verdicts.ts";
import type { StabilityVerdict } from "./rolling_stability.ts";

/** A check's outcome. */
export type CheckStatus = "pass" | "warn" | "fail";

/** One row of the scorecard. */
export interface ScorecardRow {
  /** Name of the model the check is about (as given to `scorecardRows`). */
  readonly model: string;
  /** What is checked, as the row's label (e.g. "Holdout vs naive benchmark"). */
  readonly check: string;
  /** The check's outcome: pass, warn or fail. */
  readonly status: CheckStatus;
  /** Why, in a sentence with the numbers that decided it. */
  readonly reason: string;
}

/** A check's result before the model's name is attached. */
export interface CheckResult {
  /** What is checked, as the row's label. */
  readonly check: string;
  /** The check's outcome: pass, warn or fail. */
  readonly status: CheckStatus;
  /** Why, in a sentence with the numbers that decided it. */
  readonly reason: string;
}

/**
 * The evidence gate (`evidenceGate`): pass when it passes, else fail. Its own rule (minimum mean
 * out-of-sample skill 0.2 and a one-sided lower bound above zero) is justified there.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(gateCheck(null, "the data are too short to cross-validate").status, "warn", 1e-9);
 * ```
 */
export function gateCheck(gate: EvidenceGate | null, missingReason: string): CheckResult {
  const check = "Evidence gate (out-of-sample skill)";
  if (gate === null) return { check, status: "warn", reason: missingReason };
  const f = (x: number) => (Math.abs(x) < 0.001 && x !== 0 ? "<0.001" : x.toFixed(3));
  const parts = gate.checks.filter((c) => c.name !== "folds").map((c) =>
    `${c.name} ${f(c.value)} (${
      c.name === "media jointly" ? "needs <" : c.name === "lower bound" ? "needs >" : "needs ≥"
    } ${f(c.threshold)})${c.passed ? "" : " ✗"}`
  );
  return {
    check,
    status: gate.passed ? "pass" : "fail",
    reason: `${gate.folds} folds: ${parts.join("; ")}. ${
      gate.passed
        ? "Gate passed (necessary, not sufficient, for a recommendation)."
        : "Gate failed: recommendations withheld."
    }`,
  };
}

/**
 * Holdout error against a naive benchmark, by the ratio `r = RMSE_model / RMSE_benchmark` over `h` held-out
 * weeks (a relative error in the sense of Hyndman & Koehler 2006: below 1 the model beats the benchmark):
 *
 * - **fail** when `r ≥ 1`: the model predicts the quarter no better than last year's values (or the mean);
 * - **warn** when `1 − 1/√h ≤ r < 1`: better, but by less than the sampling noise of an RMSE over `h` weeks
 *   (the relative standard error of a root mean square over `h` roughly independent errors is about
 *   `1/√(2h)` each for model and benchmark, so their ratio's is about `1/√h`; 0.28 for a quarter);
 * - **pass** when `r < 1 − 1/√h`.
 *
 * With `transforms: "held"` (the national holdout: carryover and saturation kept at the full-sample choice,
 * which saw the held-out weeks) the reason says so: the check is then not fully out of sample and leans
 * optimistic. The status is not lowered for it: only the transforms' few shape parameters saw the held-out
 * weeks (the coefficients are refitted without them), so the leak is of unknown but small size, and a warning
 * on every national holdout would carry no information; the caveat travels with the reason instead.
 *
 * @param options `transforms`: "held" (full-sample choice kept) or "re-chosen" (re-searched on the training
 *   weeks); omitted, nothing is said
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(holdoutCheck(0.5, 13, "seasonal naive", 0.06, "MAPE").status, "pass", 1e-9);
 * assertClose(holdoutCheck(0.9, 13, "seasonal naive", 0.06, "MAPE").status, "warn", 1e-9);
 * ```
 */
export function holdoutCheck(
  ratio: number,
  weeks: number,
  benchmark: string,
  percentError: number,
  percentMetric: string,
  options: { readonly transforms?: "held" | "re-chosen" } = {},
): CheckResult {
  const check = `Holdout (last ${weeks} weeks) vs ${benchmark}`;
  const held = options.transforms === "held"
    ? " Carryover and saturation are held at the full-sample choice, which saw these weeks, so the check is " +
      "not fully out of sample and leans optimistic."
    : options.transforms === "re-chosen"
    ? " Carryover and saturation were re-chosen on the training weeks only."
    : "";
  if (!Number.isFinite(ratio)) {
    return { check, status: "warn", reason: `The benchmark's error is zero or undefined.${held}` };
  }
  const bar = 1 - 1 / Math.sqrt(weeks);
  const status: CheckStatus = ratio >= 1 ? "fail" : ratio >= bar ? "warn" : "pass";
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return {
    check,
    status,
    reason:
      `RMSE is ${ratio.toFixed(2)} × the ${benchmark} benchmark's (${percentMetric} ${pct(percentError)}); ` +
      (status === "fail"
        ? "no better than the benchmark."
        : status === "warn"
        ? `better, but not by more than the noise of ${weeks} weeks (ratio below ${bar.toFixed(2)} needed).`
        : `clearly better (below ${bar.toFixed(2)}, one over √${weeks} under 1).`) +
      held,
  };
}

/** A holdout that could not run: a warning with its reason. */
export function holdoutRefusedCheck(reason: string): CheckResult {
  return { check: "Holdout vs naive benchmark", status: "warn", reason };
}

/**
 * Residual autocorrelation: pass when the test does not reject at its level; warn when it rejects and the
 * reported intervals are robust to it (HAC, block or cluster bootstrap: the intervals stay valid, but the
 * model leaves dynamics unexplained); fail when it rejects and they are not.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(autocorrelationCheck(true, true, "Ljung-Box rejects at lag 8").status, "warn", 1e-9);
 * ```
 */
export function autocorrelationCheck(
  rejected: boolean,
  robustIntervals: boolean,
  sentence: string,
): CheckResult {
  const check = "Residual autocorrelation";
  const status: CheckStatus = !rejected ? "pass" : robustIntervals ? "warn" : "fail";
  const ended = /[.!?]$/.test(sentence.trim()) ? sentence.trim() : `${sentence.trim()}.`;
  return {
    check,
    status,
    reason: ended + (rejected && robustIntervals ? " The reported intervals allow for it." : ""),
  };
}

/**
 * Collinearity (`collinearityVerdict`: VIF above 10, standardized condition number above 30): pass when
 * neither, warn when either (the individual coefficients are imprecise, though intervals say so), fail when
 * the condition number is infinite (exact linear dependence).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(collinearityCheck({ high: [], conditionNumber: 12, notable: false, sentence: "…" }).status, "pass", 1e-9);
 * ```
 */
export function collinearityCheck(verdict: CollinearityVerdict): CheckResult {
  const check = "Collinearity of the regressors";
  const status: CheckStatus = !Number.isFinite(verdict.conditionNumber)
    ? "fail"
    : verdict.notable
    ? "warn"
    : "pass";
  return { check, status, reason: verdict.sentence };
}

/**
 * Coefficient stability over expanding windows (`stabilityVerdict` per coefficient): pass when none drifts
 * and none is still moving (its full-sample estimate outside every window's estimate); warn when some drift
 * but at most half, or when none drifts but some are still moving (a caution: a constant coefficient does
 * that by chance often, see rolling_stability.ts); fail when more than half drift (the model's effects then
 * depend on which weeks it saw, more than on a few coefficients).
 *
 * @example
 * ```ts
 * stabilityCheck([]).status; // "warn": nothing was tested
 * ```
 */
export function stabilityCheck(
  verdicts: readonly StabilityVerdict[],
  labelOf: (term: string) => string = (t) => t,
): CheckResult {
  const check = "Coefficient stability (expanding windows)";
  const tested = verdicts.filter((v) => v.windows > 0);
  if (tested.length === 0) {
    return { check, status: "warn", reason: "No window could be fitted: stability is untested." };
  }
  const drift = tested.filter((v) => !v.stable);
  const moving = tested.filter((v) => v.stable && v.outsideRange !== null);
  const status: CheckStatus = drift.length === 0
    ? moving.length === 0 ? "pass" : "warn"
    : drift.length <= tested.length / 2
    ? "warn"
    : "fail";
  const movingWords = moving.length === 0
    ? ""
    : ` ${moving.length === 1 ? "One is" : `${moving.length} are`} ` +
      `still moving: ${
        moving.map((v) =>
          `${labelOf(v.term)} (the full-sample estimate lies ${v.outsideRange} every window's)`
        )
          .join(", ")
      }; not settled, though a constant coefficient does this often by chance.`;
  return {
    check,
    status,
    reason:
      (drift.length === 0
        ? `All ${tested.length} media coefficients stay inside their windows' 95% intervals about as often as chance allows.`
        : `${drift.length} of ${tested.length} media coefficients drift as weeks are added: ${
          drift.map((d) => `${labelOf(d.term)} (${d.misses} of ${d.windows} windows miss)`).join(", ")
        }.`) + movingWords,
  };
}

/**
 * Sign plausibility of the media effects (`signVerdict` of each 95% interval): paid media are not expected to
 * lower the target. Fail when any effect is negative (its interval lies below zero); warn when any is not
 * distinguishable from zero; pass when all are positive.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(signCheck([{ channel: "tv", verdict: "positive" }]).status, "pass", 1e-9);
 * ```
 */
export function signCheck(
  rows: readonly { readonly channel: string; readonly verdict: SignVerdict | null }[],
  labelOf: (c: string) => string = (c) => c,
): CheckResult {
  const check = "Signs of the media effects";
  const judged = rows.filter((r) => r.verdict !== null);
  if (judged.length === 0) return { check, status: "warn", reason: "No media effect has an interval." };
  const neg = judged.filter((r) => r.verdict === "negative");
  const zero = judged.filter((r) => r.verdict === "not distinguishable from zero");
  const status: CheckStatus = neg.length > 0 ? "fail" : zero.length > 0 ? "warn" : "pass";
  const names = (list: typeof judged) => list.map((r) => labelOf(r.channel)).join(", ");
  return {
    check,
    status,
    reason: status === "pass"
      ? `All ${judged.length} media effects are positive (95% intervals above zero).`
      : [
        neg.length > 0 ? `negative: ${names(neg)}` : "",
        zero.length > 0 ? `not distinguishable from zero: ${names(zero)}` : "",
      ].filter((s) => s !== "").join("; ") + ` (of ${judged.length}).`,
  };
}

/**
 * Contribution plausibility (`contributionPlausibility`): pass when plausible, fail when any contribution is
 * impossible (larger than the modelled total, media together above it, or a negative paid channel).
 *
 * @example
 * ```ts
 * plausibilityCheck({ verdict: "plausible", flags: [], totalContribution: 1, modelledTotal: 10, sentence: "…" });
 * ```
 */
export function plausibilityCheck(p: ContributionPlausibility): CheckResult {
  return {
    check: "Contribution plausibility",
    status: p.verdict === "plausible" ? "pass" : "fail",
    reason: p.verdict === "plausible"
      ? "No paid channel's contribution is negative or above the modelled total, nor are they together."
      : p.sentence,
  };
}

/** Attaches the model's name to its checks. */
export function scorecardRows(model: string, checks: readonly CheckResult[]): ScorecardRow[] {
  return checks.map((c) => ({ model, ...c }));
}

/** The worst status of a list (fail over warn over pass); "pass" for an empty list. */
export function worstStatus(statuses: readonly CheckStatus[]): CheckStatus {
  return statuses.includes("fail") ? "fail" : statuses.includes("warn") ? "warn" : "pass";
}

/** A status with a coloured mark for tables: 🟢 pass, 🟡 warn, 🔴 fail. */
export function statusMark(status: CheckStatus): string {
  return status === "pass" ? "🟢 pass" : status === "warn" ? "🟡 warn" : "🔴 fail";
}
