/**
 * Notebook 03's view of stage 1 of the national model (the mediator on the social channels): the progress
 * line, why stage 1 is skipped, the fit's part of the results JSON, the bootstrap sentence, the per-dollar
 * table and chart rows beside the truth, and the out-of-sample evidence in words, each from `nationalPipeline`'s
 * result. The notebook lays these out; it computes and decides nothing.
 *
 * Parts: this file, and `stage1_view_comparison.ts` (the model comparison of stage 1: which stage to show,
 * its results, RMSE values and notes, and what is said without it).
 *
 * @module
 */
import { channelLabel } from "../data/labels.ts";
import { CV_TEST_WEEKS, MIN_WEEKS_FOR_CV } from "../data/envelope.ts";
import type { Truth } from "../data/truth_schema.ts";
import { gateChecksSentence } from "../evaluate/evidence_gate.ts";
import { trueValue } from "../evaluate/truth_coverage.ts";
import type { SignVerdict } from "../evaluate/verdicts.ts";
import { num } from "../data/format.ts";
import type { NationalResults, NationalStage1 } from "./national_types.ts";

export * from "./stage1_view_comparison.ts";

/**
 * The progress display's last line: the weeks stage 1 was fitted on and how its carryover was chosen (by
 * time-series CV or in sample) over how many candidates; or that the file has no stage 1.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const stage1 = { fit: { nobs: 104 }, evidence: { selection: "cross-validation" as const, candidates: 1000 } };
 * assertClose(
 *   stage1ProgressSentence(stage1),
 *   "Stage 1 fitted on 104 weeks with carryover chosen by time-series CV over 1,000 candidates (notebook 02).",
 * );
 * assertClose(stage1ProgressSentence(null), "No stage 1 for this file.");
 * ```
 */
export function stage1ProgressSentence(
  stage1: {
    readonly fit: { readonly nobs: number };
    readonly evidence: Pick<NationalStage1["evidence"], "selection" | "candidates">;
  } | null,
): string {
  if (!stage1) return "No stage 1 for this file.";
  return `Stage 1 fitted on ${stage1.fit.nobs} weeks with carryover chosen ${
    stage1.evidence.selection === "in-sample" ? "in sample" : "by time-series CV"
  } over ${stage1.evidence.candidates.toLocaleString("en-US")} candidates (notebook 02).`;
}

/**
 * Why stage 1 is skipped, in bold then the two-stage model's skip reason (a generic one when the pipeline
 * recorded none); null when stage 1 was fitted.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const national = { stage1: null, skipped: [{ section: "two-stage model" as const, reason: "No mediator column." }] };
 * assertClose(stage1SkipSentence(national), "**Stage 1 is skipped.** No mediator column.");
 * ```
 */
export function stage1SkipSentence(national: {
  readonly stage1: unknown | null;
  readonly skipped: NationalResults["skipped"];
}): string | null {
  if (national.stage1) return null;
  const reason = national.skipped.find((s) => s.section === "two-stage model")?.reason;
  return `**Stage 1 is skipped.** ${reason ?? "The two-stage model cannot be fitted on this file."}`;
}

/** A part of notebook 03 that needs stage 1 (and says so without it). */
export type Stage1Part = "fit" | "per dollar" | "evidence";

/**
 * What notebook 03 shows in place of a stage-1 part when the file has no stage 1 (the reason is stated once,
 * at the top: {@link stage1SkipSentence}).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(noStage1Sentence("fit"), "There is no stage-1 regression to show (the reason is stated above).");
 * ```
 */
export function noStage1Sentence(part: Stage1Part): string {
  switch (part) {
    case "fit":
      return "There is no stage-1 regression to show (the reason is stated above).";
    case "per dollar":
      return "No effects of social spend on a mediator can be estimated for this file (see above).";
    case "evidence":
      return "No stage 1, so nothing to validate here; notebook 04 validates the model that was fitted.";
  }
}

/** Stage 1's regression as notebook 03 publishes it (`results.stage1`). */
export interface Stage1FitResults {
  /** The regressors' names, in coefficient order. */
  readonly terms: NationalStage1["fit"]["terms"];
  /** Coefficients. */
  readonly coef: NationalStage1["fit"]["coef"];
  /** Their (HAC) standard errors. */
  readonly bse: NationalStage1["fit"]["bse"];
  /** Their p-values. */
  readonly pvalues: NationalStage1["fit"]["pvalues"];
  /** Their 95% confidence intervals. */
  readonly confInt: NationalStage1["fit"]["confInt"];
  /** R² of the fit. */
  readonly rsquared: number;
  /** The covariance type of the standard errors. */
  readonly covType: NationalStage1["fit"]["covType"];
}

/**
 * The stage-1 regression's terms, coefficients, errors, p-values, intervals, R² and covariance type, for the
 * results JSON.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const fit = { terms: ["const"], coef: new Float64Array([2]), bse: new Float64Array([1]),
 *   pvalues: new Float64Array([0.05]), confInt: [[0, 4]], stats: { rsquared: 0.5 }, covType: "HAC" };
 * assertClose(stage1FitResults({ fit } as never), { terms: ["const"], rsquared: 0.5, covType: "HAC" });
 * ```
 */
export function stage1FitResults(stage1: Pick<NationalStage1, "fit">): Stage1FitResults {
  const f = stage1.fit;
  return {
    terms: f.terms,
    coef: f.coef,
    bse: f.bse,
    pvalues: f.pvalues,
    confInt: f.confInt,
    rsquared: f.stats.rsquared,
    covType: f.covType,
  };
}

/**
 * How the per-dollar intervals were made, above the table: with a bootstrap, its size sentence, the HAC
 * lags of the coefficient errors and how the intervals were made (passed through `say`); without, why the
 * bootstrap was skipped, or "No bootstrap intervals." when no reason was recorded.
 *
 * @param hacLags Newey–West lags of the reported standard errors
 * @param say rewrites the bootstrap's sentence for display (default: as it is)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const national = {
 *   outcome: { bootstrap: { sizeSentence: "999 replicates.", sentence: "Transforms re-chosen." } },
 *   skipped: [],
 * };
 * assertClose(stage1BootstrapSentence(national, 4), "999 replicates. HAC standard errors with 4 lags. Transforms re-chosen.");
 * ```
 */
export function stage1BootstrapSentence(
  national: {
    readonly outcome:
      | { readonly bootstrap: { readonly sizeSentence: string; readonly sentence: string } | null }
      | null;
    readonly skipped: NationalResults["skipped"];
  },
  hacLags: number,
  say: (text: string) => string = (s) => s,
): string {
  const boot = national.outcome?.bootstrap ?? null;
  if (boot) {
    return `${boot.sizeSentence} HAC standard errors with ${hacLags} ${hacLags === 1 ? "lag" : "lags"}. ${
      say(boot.sentence)
    }`;
  }
  return national.skipped.find((s) => s.section === "bootstrap")?.reason ?? "No bootstrap intervals.";
}

/** A social channel's long-run mediator dollars per dollar (`results.mediatorPerSocialDollar`). */
export interface Stage1PerDollarRow {
  /** The social channel's display name. */
  readonly channel: string;
  /** Its stage-1 carryover θ. */
  readonly theta: number;
  /** Stage-1 coefficient of its adstocked spend (mediator dollars per adstocked dollar). */
  readonly a: number;
  /** HAC standard error of `a`. */
  readonly aSe: number;
  /** Long-run mediator dollars per social dollar, `a / (1 − θ)`. */
  readonly perDollar: number;
  /** Lower end of the 95% bootstrap interval; NaN without one. */
  readonly lower: number;
  /** Upper end; NaN without one. */
  readonly upper: number;
  /** What the interval says about the sign, or "no interval". */
  readonly verdict: SignVerdict | "no interval";
  /** The true long-run value (NaN where the truth has none); present only with a truth. */
  readonly truth?: number;
}

/**
 * The per-dollar table: each social channel's θ, coefficient and its error, long-run mediator dollars per
 * dollar with its interval and sign verdict ("no interval" without one), and with a truth the true value.
 *
 * @param truth the ground truth (bundled data), or undefined
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const perDollar = [{ channel: "facebook_spend", theta: 0.5, a: 0.1, aSe: 0.02, estimate: 0.2, lower: NaN,
 *   upper: NaN, shareNonPositive: NaN, verdict: null }];
 * assertClose(stage1PerDollarRows({ perDollar }), [{ channel: "Facebook", perDollar: 0.2, verdict: "no interval" }]);
 * ```
 */
export function stage1PerDollarRows(
  stage1: Pick<NationalStage1, "perDollar">,
  truth?: Truth,
): Stage1PerDollarRow[] {
  return stage1.perDollar.map((s) => {
    const trueLongRun = truth
      ? trueValue(truth, {
        model: "national",
        quantity: "google_per_dollar",
        channel: s.channel,
        estimate: s.estimate,
        lower: s.lower,
        upper: s.upper,
      })
      : undefined;
    return {
      channel: channelLabel(s.channel),
      theta: s.theta,
      a: s.a,
      aSe: s.aSe,
      perDollar: s.estimate,
      lower: s.lower,
      upper: s.upper,
      verdict: s.verdict ?? "no interval",
      ...(truth ? { truth: trueLongRun ?? NaN } : {}),
    };
  });
}

/** A row of `estimateChart`: a label, the estimate, its interval and the truth where known. */
export interface Stage1EstimateRow {
  /** The row's label. */
  readonly label: string;
  /** The point estimate. */
  readonly estimate: number;
  /** Lower end of the interval (NaN without one). */
  readonly lower: number;
  /** Upper end of the interval (NaN without one). */
  readonly upper: number;
  /** The true value (drawn as a tick); undefined without a truth. */
  readonly truth: number | undefined;
}

/**
 * The per-dollar rows as the estimate chart's rows, labelled by the rows' channel (already a display name:
 * naming it again would split "TikTok" into "Tik tok"), with the truth's tick only when a truth was given.
 *
 * @param hasTruth whether a ground truth was loaded (the bundled data)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const row = { channel: "Facebook", theta: 0.5, a: 0.1, aSe: 0.02, perDollar: 0.2, lower: 0.1, upper: 0.3,
 *   verdict: "positive" as const, truth: 0.25 };
 * assertClose(stage1EstimateRows([row], false)[0], { label: "Facebook", estimate: 0.2, truth: undefined });
 * ```
 */
export function stage1EstimateRows(
  rows: readonly Stage1PerDollarRow[],
  hasTruth: boolean,
): Stage1EstimateRow[] {
  return rows.map((r) => ({
    label: r.channel,
    estimate: r.perDollar,
    lower: r.lower,
    upper: r.upper,
    truth: hasTruth ? r.truth : undefined,
  }));
}

/** Stage 1's out-of-sample evidence as notebook 03 publishes it (`results.evidence`). */
export type Stage1EvidenceResults =
  | {
    /** R² of stage 1 on every week. */
    readonly inSampleR2: number;
    /** Carryover chosen in sample: there is no out-of-sample evidence. */
    readonly selection: "in-sample";
  }
  | {
    /** Mean fold R² of the chosen candidate. */
    readonly cvR2: number;
    /** Standard deviation of the fold R². */
    readonly cvR2Sd: number;
    /** Test R² per fold, in time order. */
    readonly foldR2: readonly number[];
    /** R² of stage 1 on every week. */
    readonly inSampleR2: number;
    /** Whether the evidence gate passed. */
    readonly gatePassed: boolean;
  };

/**
 * Stage 1's fit out of sample (fold R², the gate) and in sample, for the results JSON; only the in-sample R²
 * when the carryover was chosen in sample (no gate).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const stage1 = { fit: { stats: { rsquared: 0.7 } }, evidence: { cvR2: NaN, cvR2Sd: NaN, foldR2: [], gate: null } };
 * assertClose(stage1EvidenceResults(stage1), { inSampleR2: 0.7, selection: "in-sample" });
 * ```
 */
export function stage1EvidenceResults(stage1: {
  readonly fit: { readonly stats: { readonly rsquared: number } };
  readonly evidence: Pick<NationalStage1["evidence"], "cvR2" | "cvR2Sd" | "foldR2" | "gate">;
}): Stage1EvidenceResults {
  const e = stage1.evidence;
  if (e.gate === null) return { inSampleR2: stage1.fit.stats.rsquared, selection: "in-sample" };
  return {
    cvR2: e.cvR2,
    cvR2Sd: e.cvR2Sd,
    foldR2: e.foldR2,
    inSampleR2: stage1.fit.stats.rsquared,
    gatePassed: e.gate.passed,
  };
}

/**
 * How well stage 1 explains the mediator, in words: out of sample (mean, sd and fold R²), in sample, the
 * gate's checks and whether the first stage holds up ("**Caution:** …" when the gate failed); or, chosen in
 * sample, the in-sample R² and that with `weeks` weeks there is no out-of-sample check.
 *
 * @param weeks weeks in the series
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const stage1 = { mediator: "google_spend", fit: { stats: { rsquared: 0.7 } },
 *   evidence: { cvR2: NaN, cvR2Sd: NaN, foldR2: [], folds: 0, gate: null } };
 * assertClose(stage1EvidenceSentence(stage1, 52).startsWith("In sample, stage 1 explains **0.70** of Google's variance."), true);
 * ```
 */
export function stage1EvidenceSentence(
  stage1: {
    readonly mediator: string;
    readonly fit: { readonly stats: { readonly rsquared: number } };
    readonly evidence: Pick<NationalStage1["evidence"], "cvR2" | "cvR2Sd" | "foldR2" | "folds" | "gate">;
  },
  weeks: number,
): string {
  const m = channelLabel(stage1.mediator);
  const e = stage1.evidence;
  const r2 = num(stage1.fit.stats.rsquared, 2);
  if (e.gate === null) {
    return `In sample, stage 1 explains **${r2}** of ${m}'s variance. With ${
      num(weeks)
    } weeks there is no out-of-sample check (${MIN_WEEKS_FOR_CV} weeks are needed for a year of training and two ${CV_TEST_WEEKS}-week test folds), so how well social spend predicts ${m} beyond these weeks is unknown; the bootstrap intervals carry only the in-sample uncertainty.`;
  }
  const verdict = e.gate.passed
    ? `The prediction of ${m} from social spend holds up out of sample, so the mediated path of notebook 04 rests on a real first stage.`
    : `**Caution:** out of sample the first stage is ${
      e.cvR2 < 0 ? "worse than" : "not reliably better than"
    } the mean; the mediated effects of notebook 04 inherit that uncertainty, which the bootstrap intervals carry.`;
  const outOfSample = e.cvR2 < 0
    ? `Out of sample, stage 1 predicts ${m} worse than the held-out weeks' own mean would (mean R² **${
      num(e.cvR2, 2)
    }**, sd ${num(e.cvR2Sd, 2)}`
    : `Out of sample, stage 1 explains **${num(e.cvR2, 2)}** of ${m}'s variance (sd ${num(e.cvR2Sd, 2)}`;
  return `${outOfSample} over ${num(e.folds)} folds; fold values ${
    e.foldR2.map((v) => num(v, 2)).join(", ")
  }); in sample ${r2}.\n${gateChecksSentence(e.gate)}. ${verdict}`;
}
