/**
 * Notebook 04's evidence sections: the driver importance chart, the out-of-sample check and its verdict in
 * words, the model comparison of the revenue stage (what the results JSON holds, the numbers its formats are
 * scaled to, the sentences of each branch) and the lift-test calibration.
 *
 * @module
 */
import { channelLabel } from "../data/labels.ts";
import { experimentContext, loadExperiments } from "../data/experiments.ts";
import type { Dataset } from "../data/types.ts";
import { gateChecksSentence } from "../evaluate/evidence_gate.ts";
import { mapeWithheldReason } from "../evaluate/model_comparison.ts";
import type { CalibrationOptions } from "./calibration_core.ts";
import { calibrationResults, type CalibrationView } from "./calibration_view.ts";
import { calibrateNational, type NationalCalibrationInput } from "./calibration_national.ts";
import type { NationalComparison, StageComparison } from "./national_comparison.ts";
import type { NationalCrossValidation, NationalImportanceRow, NationalResults } from "./national_types.ts";

const skipReason = (national: Pick<NationalResults, "skipped">, section: string) =>
  national.skipped.find((s) => s.section === section)?.reason;

/**
 * The standardized coefficients' chart rows: the driver's display name, the coefficient and its interval.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const r = { driver: "tv_spend", standardized: 0.3, lower: 0.1, upper: 0.5, permutation: 0, permutationSd: 0,
 *   forest: 0, rankStandardized: 1, rankPermutation: 1, rankForest: 1 };
 * assertClose(importanceChartRows([r]), [{ label: "TV", estimate: 0.3, lower: 0.1, upper: 0.5 }], 0);
 * ```
 */
export function importanceChartRows(
  importance: readonly NationalImportanceRow[],
): { label: string; estimate: number; lower: number; upper: number }[] {
  return importance.map((r) => ({
    label: channelLabel(r.driver),
    estimate: r.standardized,
    lower: r.lower,
    upper: r.upper,
  }));
}

/**
 * Why driver importance is not shown: the pipeline's reason, or that it was not computed.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(importanceMissingSentence({ skipped: [] }), "Driver importance was not computed.", 0);
 * ```
 */
export function importanceMissingSentence(national: Pick<NationalResults, "skipped">): string {
  return skipReason(national, "importance") ?? "Driver importance was not computed.";
}

/** The out-of-sample check as the results JSON holds it (`results.crossValidation`), or why it did not run. */
export type CrossValidationResults =
  | {
    /** How the folds were laid out. */
    readonly rule: string;
    /** One row per fold. */
    readonly folds: NationalCrossValidation["folds"];
    /** Mean test R². */
    readonly meanR2: number;
    /** Its standard deviation over the folds. */
    readonly sdR2: number;
    /** Mean test RMSE. */
    readonly meanRmse: number;
    /** Mean test MAPE (NaN when any fold's is). */
    readonly meanMape: number;
    /** In-sample R². */
    readonly inSampleR2: number;
    /** Whether the evidence gate passed. */
    readonly gatePassed: boolean;
  }
  | {
    /** Why the check did not run (undefined when no reason was recorded). */
    readonly skipped: string | undefined;
  };

/**
 * The folds, the scores and the gate's verdict; or the reason the check was skipped.
 *
 * @param cv the outcome's cross-validation, null when it did not run
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const national = { skipped: [{ section: "cross-validation", reason: "Too short." }] } as const;
 * assertClose(crossValidationResults(national, null), { skipped: "Too short." }, 0);
 * ```
 */
export function crossValidationResults(
  national: Pick<NationalResults, "skipped">,
  cv: NationalCrossValidation | null,
): CrossValidationResults {
  return cv
    ? {
      rule: cv.rule,
      folds: cv.folds,
      meanR2: cv.meanR2,
      sdR2: cv.sdR2,
      meanRmse: cv.meanRmse,
      meanMape: cv.meanMape,
      inSampleR2: cv.inSampleR2,
      gatePassed: cv.gate.passed,
    }
    : { skipped: skipReason(national, "cross-validation") };
}

/**
 * What the out-of-sample check says: the mean and spread of the test R² (and the MAPE, or why it is not
 * reported, by the model comparison's rule), the in-sample R², the gate's checks, and whether the effects may
 * support budget decisions. A negative mean test R² is not a share of variance explained: it says the model
 * predicts the held-out weeks worse than their own mean would (R² is about the test weeks' mean).
 *
 * @param target the target column's name, as the notebook writes it in prose
 * @param f `decimals` for R² (e.g. two decimals), `share` for the MAPE (a fraction)
 * @example
 * ```ts ignore
 * crossValidationSentence(outcome.crossValidation!, "revenue", { decimals: (x) => fmt.num(x, 2), share: fmt.pct });
 * ```
 */
export function crossValidationSentence(
  cv: Pick<NationalCrossValidation, "meanR2" | "sdR2" | "folds" | "meanMape" | "inSampleR2" | "gate">,
  target: string,
  f: { readonly decimals: (x: number) => string; readonly share: (x: number) => string },
): string {
  const mape = Number.isFinite(cv.meanMape)
    ? `; mean absolute percentage error ${f.share(cv.meanMape)}`
    : `; the percentage error is not reported because ${mapeWithheldReason(target)}`;
  const use = cv.gate.passed
    ? "The effects above rest on a model that predicts out of sample, and budget recommendations may use it."
    : "Budget recommendations are withheld: treat the effects above as descriptive, not as a basis for budget " +
      "decisions.";
  const spread = `sd ${f.decimals(cv.sdR2)} over ${cv.folds.length} folds${mape}`;
  const fit = cv.meanR2 < 0
    ? `Out of sample the model predicts ${target} worse than the held-out weeks' own mean would (mean R² ` +
      `**${f.decimals(cv.meanR2)}**, ${spread}); in sample it explains ${
        f.decimals(cv.inSampleR2)
      } of the variance.`
    : `Out of sample the model explains **${
      f.decimals(cv.meanR2)
    }** of ${target}'s variance (${spread}); in ` +
      `sample ${f.decimals(cv.inSampleR2)}.`;
  return `${fit}\n${gateChecksSentence(cv.gate)}. ${use}`;
}

/**
 * Without the out-of-sample check: why it did not run, and that the effects are in-sample only.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const s = crossValidationMissingSentence({ skipped: [] });
 * assertClose(s.startsWith("Out-of-sample validation was not run. The effects above are in-sample"), true, 0);
 * ```
 */
export function crossValidationMissingSentence(national: Pick<NationalResults, "skipped">): string {
  return `${
    skipReason(national, "cross-validation") ?? "Out-of-sample validation was not run."
  } The effects above are in-sample estimates only: treat them as descriptive, not as a basis for budget ` +
    `decisions.`;
}

/** The model comparison of the revenue stage as notebook 04 shows and publishes it. */
export interface RevenueComparisonView {
  /** The revenue stage's comparison (stage 2, or the single stage); null when nothing was compared. */
  readonly stage: StageComparison | null;
  /** For the results JSON (`results.modelComparison`): why nothing was compared, or the revenue stage's part. */
  readonly results:
    | {
      /** Why nothing was compared. */
      readonly skipped: string;
    }
    | {
      /** What was compared, in one sentence. */
      readonly scope: string;
      /** The revenue stage's comparison. */
      readonly revenue: StageComparison | null;
      /** The forest's channel effects beside the linear model's. */
      readonly effects: NationalComparison["effects"];
      /** The feature sets the forest's effects use, in words. */
      readonly effectsBasis: string;
    };
  /** The finite mean RMSEs of the compared models, to scale a money format to. */
  readonly rmseValues: number[];
  /** What was compared, shown before the table only for the single-stage model; null otherwise. */
  readonly scope: string | null;
  /** Why MAPE is not reported (the first model's note), or null. */
  readonly mapeNote: string | null;
  /** What each section of the comparison says when nothing was compared (null when the comparison ran). */
  readonly missing: {
    /** The comparison section, with its reason. */
    readonly comparison: string;
    /** The fold scores. */
    readonly folds: string;
    /** What each model relies on. */
    readonly importance: string;
  } | null;
  /** The channel effects section: the amounts its money format is scaled to (null without effects) and its note. */
  readonly effects: {
    /** Spend and both models' contributions, or null when there is no effects table. */
    readonly amounts: number[] | null;
    /** The note under the table, or why there is none. */
    readonly note: string;
  };
}

/**
 * The revenue stage's comparison and what notebook 04 says about it in each case: compared, skipped (with the
 * comparison's reason, or that no national model was fitted), with or without channel effects.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const cmp = { kind: null, stages: [], effects: [], effectsBasis: "", skipped: "No model.", scope: "" } as const;
 * const v = revenueComparisonView(cmp);
 * assertClose(v.missing?.comparison, "**No model comparison.** No model.", 0);
 * assertClose(v.results, { skipped: "No model." }, 0);
 * ```
 */
export function revenueComparisonView(comparison: NationalComparison): RevenueComparisonView {
  const stage = comparison.stages.find((s) => s.stage !== "1") ?? null;
  const rows = stage?.comparison.rows ?? [];
  const effects = stage && comparison.effects.length > 0
    ? {
      amounts: comparison.effects.flatMap((e) => [e.spend, e.linearContribution, e.forestContribution]),
      note:
        `The forest's effects use ${comparison.effectsBasis}; the linear effects are\nthe model's own (the ` +
        `contributions above).`,
    }
    : {
      amounts: null,
      note: stage
        ? "The model has no media channel whose effect could be simulated."
        : "No forest effects: the model comparison did not run (see above).",
    };
  return {
    stage,
    results: comparison.skipped ? { skipped: comparison.skipped } : {
      scope: comparison.scope,
      revenue: stage,
      effects: comparison.effects,
      effectsBasis: comparison.effectsBasis,
    },
    rmseValues: rows.map((r) => r.meanRmse).filter(Number.isFinite),
    scope: stage && comparison.kind === "single-stage" ? comparison.scope : null,
    mapeNote: rows.find((r) => r.mapeNote)?.mapeNote ?? null,
    missing: stage ? null : {
      comparison: `**No model comparison.** ${comparison.skipped ?? "The national model was not fitted."}`,
      folds: "No fold scores: the comparison did not run (see above).",
      importance: "No importance without a model comparison (see above).",
    },
    effects,
  };
}

/**
 * The mean out-of-sample R² of the linear model whose permutation importance a stage's comparison reports
 * (its first importance that is not the forest's, as `importanceRows` reads it); NaN when there is none.
 *
 * @param stage the stage's comparison (`importance` and the comparison's `rows`)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const stage = {
 *   importance: [{ model: "random-forest", featureSet: "model" }, { model: "ols", featureSet: "model" }],
 *   comparison: { rows: [{ model: "ols", featureSet: "model", meanR2: -2.76 }] },
 * } as const;
 * assertClose(linearImportanceR2(stage), -2.76, 0);
 * ```
 */
export function linearImportanceR2(stage: {
  readonly importance: readonly { readonly model: string; readonly featureSet: string }[];
  readonly comparison: {
    readonly rows: readonly {
      readonly model: string;
      readonly featureSet: string;
      readonly meanR2: number;
    }[];
  };
}): number {
  const linear = stage.importance.find((i) => i.model !== "random-forest");
  if (linear === undefined) return NaN;
  return stage.comparison.rows.find((r) => r.model === linear.model && r.featureSet === linear.featureSet)
    ?.meanR2 ?? NaN;
}

/**
 * Which drivers cost the linear model the most test R² when shuffled: the top three by their out-of-sample
 * permutation importance (drivers without one left out), in one sentence; null when none has one. It is the
 * ranking to lead with only when that model predicts out of sample: with a mean test R² at or below zero
 * (`skill`) the sentence says the ranking shows what the fit leans on, not what drives the target.
 *
 * @param drivers the comparison's importance rows (label and the linear model's permutation importance)
 * @param format the importance's format (e.g. three decimals)
 * @param skill that model's mean out-of-sample R² (`linearImportanceR2`; NaN or absent when unknown)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const d = [{ label: "A", linearPermutation: 0.1 }, { label: "B", linearPermutation: NaN },
 *   { label: "C", linearPermutation: 0.3 }];
 * assertClose(linearPermutationSentence(d, String)?.startsWith("Out of sample, shuffling C (0.3), then A (0.1) costs"), true, 0);
 * assertClose(linearPermutationSentence([], String), null, 0);
 * ```
 */
export function linearPermutationSentence(
  drivers: readonly { readonly label: string; readonly linearPermutation: number }[],
  format: (x: number) => string,
  skill = NaN,
): string | null {
  const top = drivers.filter((d) => Number.isFinite(d.linearPermutation))
    .sort((a, b) => b.linearPermutation - a.linearPermutation).slice(0, 3);
  if (top.length === 0) return null;
  const ranking = `Out of sample, shuffling ${
    top.map((d) => `${d.label} (${format(d.linearPermutation)})`).join(", then ")
  } costs the linear model the most test R²`;
  return skill <= 0
    ? `${ranking}, but that model predicts worse than the held-out weeks' own mean (mean R² ${
      format(skill)
    }), so this ranking shows what its fit leans on, not what drives the target. The in-sample table above ` +
      `ranks by the fit itself.`
    : `${ranking}: this is the ranking to lead with. The in-sample table above ranks by the fit itself.`;
}

/**
 * Reads the lift tests at `path` against the weekly data (rows on another target skipped) and calibrates the
 * national outcome model with them; without a path nothing is read and the results say no tests were given.
 *
 * @param path the experiments CSV, or undefined
 * @param options the sentences' formats (`calibrateNational`'s options)
 * @example
 * ```ts ignore
 * const c = outcomeCalibration(national, weekly, INPUTS.weeklyExperimentsPath, { format: { amount, ratio } });
 * await show(...calibrationSection(c.result, c.file, { targetUnit }));
 * ```
 */
export function outcomeCalibration(
  national: NationalCalibrationInput,
  weekly: Dataset,
  path: string | undefined,
  options: CalibrationOptions = {},
): CalibrationView {
  const file = path ? loadExperiments(path, experimentContext(weekly, "skip")) : null;
  const result = file ? calibrateNational(national, weekly, file.experiments, options) : null;
  return {
    file,
    result,
    results: calibrationResults(path, file, result),
  };
}
