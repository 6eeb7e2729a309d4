/**
 * Notebook 04's view of the national pipeline's outcome stage (stage 2 of the two-stage model, or the
 * single-stage model): the rows its tables and charts show, what its results JSON holds, and every sentence
 * whose words depend on the results, so that the notebook only lays them out.
 *
 * Sentences name columns by their column names, as the pipeline's own sentences do; the notebook shows them
 * through `labelText` (lib/plot/labels.ts). Numbers in them are formatted by the {@link OutcomeViewFormat} the
 * notebook passes (lib/plot's formatters sit above this layer).
 *
 * - this module: the fit's summary (the progress line, which model, `results.stage2`) and the shared helpers;
 * - national_view_effects.ts: the social channels' effects, the single-stage model's per-dollar effects and
 *   the mediation section;
 * - national_view_price.ts: price elasticity and promotion lift;
 * - national_view_contributions.ts: carryover, contributions and ROI, and the decomposition's chart inputs;
 * - national_view_evidence.ts: driver importance, cross-validation, the model comparison and the lift tests.
 *
 * @module
 */
import type { SignVerdict } from "../evaluate/verdicts.ts";
import type { NationalOutcome, NationalResults, NationalSection } from "./national_types.ts";

export * from "./national_view_effects.ts";
export * from "./national_view_price.ts";
export * from "./national_view_contributions.ts";
export * from "./national_view_evidence.ts";

/** The number formats of notebook 04's sentences and display rows (lib/plot's `fmt` functions, passed in). */
export interface OutcomeViewFormat {
  /** A return per dollar, a coefficient or an elasticity, e.g. two decimals ("−0.15"). */
  readonly ratio: (x: number) => string;
  /** An amount of the target: money for a money target, a count for a units target. */
  readonly amount: (x: number) => string;
  /** A share given as a fraction, e.g. `0.053` → "5.3%". */
  readonly share: (x: number) => string;
}

/**
 * What an interval says about the sign, in words: its sign verdict, or "no interval" without one.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(outcomeVerdictWords({ verdict: null }), "no interval", 0);
 * assertClose(outcomeVerdictWords({ verdict: "negative" }), "negative", 0);
 * ```
 */
export function outcomeVerdictWords(interval: { readonly verdict: SignVerdict | null }): string {
  return interval.verdict ?? "no interval";
}

/**
 * Why the pipeline skipped a section, or undefined when it did not.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const national = { skipped: [{ section: "promotion lift", reason: "No promotion column." }] } as const;
 * assertClose(outcomeSkipReason(national, "promotion lift"), "No promotion column.", 0);
 * assertClose(outcomeSkipReason(national, "bootstrap"), undefined, 0);
 * ```
 */
export function outcomeSkipReason(
  national: Pick<NationalResults, "skipped">,
  section: NationalSection,
): string | undefined {
  return national.skipped.find((s) => s.section === section)?.reason;
}

/**
 * The progress line once the outcome model is fitted: which model, on how many of the weeks (the anomalous
 * weeks left out, counted), and with a bootstrap how many of its replicates are usable and how it drew blocks.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const s = outcomeFitSentence({ model: "two-stage", weeks: 104 }, { rows: new Int32Array(103), bootstrap: null });
 * assertClose(s, "Fitted both stages on 103 of 104 weeks (1 anomalous week left out).", 0);
 * ```
 */
export function outcomeFitSentence(
  national: Pick<NationalResults, "model" | "weeks">,
  outcome: {
    readonly rows: ArrayLike<number>;
    readonly bootstrap:
      | Pick<NonNullable<NationalOutcome["bootstrap"]>, "reps" | "failed" | "circular" | "blockLength">
      | null;
  },
): string {
  const left = national.weeks - outcome.rows.length, boot = outcome.bootstrap;
  const model = national.model === "two-stage" ? "both stages" : "the single-stage model";
  const bootstrap = boot
    ? `; ${boot.reps - boot.failed} of ${boot.reps} bootstrap replicates usable (${
      boot.circular ? "circular " : ""
    }blocks of ${boot.blockLength} weeks)`
    : "";
  return `Fitted ${model} on ${outcome.rows.length} of ${national.weeks} weeks (${left} anomalous ${
    left === 1 ? "week" : "weeks"
  } left out)${bootstrap}.`;
}

/**
 * What the outcome regression is, in one sentence: stage 2 of the two-stage model (the target on both parts of
 * the mediator, the direct paths and the controls), or the single-stage model.
 *
 * @param label a column's display name (names the mediator of the two-stage model)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const s = outcomeModelSentence({ model: "single-stage", roles: { target: "revenue" } }, (c) => c);
 * assertClose(s.startsWith("The single-stage model: revenue on the media"), true, 0);
 * ```
 */
export function outcomeModelSentence(
  national: {
    readonly model: NationalResults["model"];
    readonly roles: { readonly target: string; readonly mediator?: string };
  },
  label: (column: string) => string,
): string {
  const target = national.roles.target;
  return national.model === "two-stage"
    ? `Stage 2 of the two-stage model: ${target} on the social-driven and the other part of ${
      label(national.roles.mediator!)
    }, ` +
      `the direct paths and the controls.`
    : `The single-stage model: ${target} on the media and direct channels and the controls (no mediation is ` +
      `modelled).`;
}

/** The outcome regression as the results JSON holds it (`results.stage2`). */
export interface OutcomeFitResults {
  /** The regression's terms, in order. */
  readonly terms: NationalOutcome["ols"]["terms"];
  /** Coefficients, one per term. */
  readonly coef: NationalOutcome["ols"]["coef"];
  /** Newey–West (HAC) standard errors. */
  readonly bse: NationalOutcome["ols"]["bse"];
  /** Two-sided p-values of those errors. */
  readonly pvalues: NationalOutcome["ols"]["pvalues"];
  /** In-sample R². */
  readonly rsquared: number;
}

/**
 * The outcome regression's terms, coefficients, errors, p-values and R².
 *
 * @example
 * ```ts ignore
 * results.stage2 = outcomeFitResults(national.outcome!);
 * ```
 */
export function outcomeFitResults(outcome: Pick<NationalOutcome, "ols">): OutcomeFitResults {
  const o = outcome.ols;
  return { terms: o.terms, coef: o.coef, bse: o.bse, pvalues: o.pvalues, rsquared: o.stats.rsquared };
}
