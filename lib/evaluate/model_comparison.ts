/**
 * Model comparison by time-series cross-validation: every candidate regressor (OLS, Ridge, ElasticNet, random
 * forest, gradient boosting; `model_candidates.ts`) on every candidate feature set, on the **same** folds, each fold fitted on its
 * training weeks only and scored on its test weeks. A feature set may itself contain fitted columns (the
 * stage-1 prediction of a two-stage model): it is rebuilt from each fold's training rows, so nothing fitted
 * sees the test weeks.
 *
 * Scores per fold: R² (on the test weeks, about their own mean, as scikit-learn's `r2_score`), RMSE and MAPE
 * (`metrics.ts`); summaries are the mean and the sample standard deviation over folds. **MAPE** divides by each
 * observed value, so it is reported only when every test value is at least {@link MAPE_MIN_SHARE} of the mean
 * absolute outcome over the fit rows: below that one week's percentage error is inflated more than
 * 100-fold relative to a typical week (a 1%-of-mean miss there counts as 100%), and the mean is meaningless.
 * Otherwise it is `null` with the reason.
 *
 * **Choice** (the one-standard-error rule; Breiman et al. 1984, Hastie, Tibshirani & Friedman 2009 §7.10):
 * the lowest mean out-of-sample RMSE marks the best candidate; its standard error is `sd / √folds`; the chosen
 * candidate is the first, in order of interpretability, whose mean RMSE is at most best + one standard error.
 * The order: linear models before the tree ensembles (their coefficients are effects per unit), the given
 * feature sets in their order (the model's own design first), and within a set OLS, Ridge, ElasticNet, then
 * random forest before gradient boosting. A candidate that
 * cannot be fitted on some fold (a rank-deficient OLS design) is reported with its reason and not chosen.
 *
 * References: Hastie, Tibshirani & Friedman (2009), "The Elements of Statistical Learning", 2nd ed., §7.10;
 * Bergmeir & Benítez (2012), "On the use of cross-validation for time series predictor evaluation",
 * Information Sciences 191; scikit-learn `TimeSeriesSplit`.
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import { ModelError } from "../errors.ts";
import { num } from "../data/format.ts";
import { mape, r2, rmse } from "./metrics.ts";
import { permutationImportance } from "./permutation_importance.ts";
import {
  CANDIDATE_LABELS,
  type CandidateModel,
  fitCandidate,
  type FittedCandidate,
} from "./model_candidates.ts";

import type {
  ComparisonFold,
  ComparisonImportance,
  ComparisonRow,
  ComparisonTask,
  FeatureSet,
  ModelComparison,
} from "./model_comparison_types.ts";

export type {
  ComparisonFold,
  ComparisonImportance,
  ComparisonRow,
  ComparisonTask,
  FeatureSet,
  ModelComparison,
} from "./model_comparison_types.ts";

/** Smallest |y| (as a share of the mean |y| over the fit rows) for which MAPE is reported. */
export const MAPE_MIN_SHARE = 0.01;

/**
 * The rule for reporting MAPE, shared by the model comparison and the national model's cross-validation: the
 * position of the first test value whose magnitude is below {@link MAPE_MIN_SHARE} of `meanAbs` (the mean
 * absolute outcome over the fit rows), where a percentage error is meaningless; -1 when there is none and MAPE
 * may be reported.
 *
 * @param values the test values
 * @param meanAbs mean |y| over the fit rows
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(mapeBlockingValue([120, 0.5, 90], 100), 1, 0); // 0.5 < 1% of 100
 * assertClose(mapeBlockingValue([120, -80, 90], 100), -1, 0);
 * ```
 */
export function mapeBlockingValue(values: ArrayLike<number>, meanAbs: number): number {
  for (let i = 0; i < values.length; i++) if (!(Math.abs(values[i]) >= MAPE_MIN_SHARE * meanAbs)) return i;
  return -1;
}

/** Why MAPE is not reported, in words ({@link mapeBlockingValue}); `outcome` as prose names it. */
export function mapeWithheldReason(outcome: string): string {
  return `a test week has ${outcome} below ${
    100 * MAPE_MIN_SHARE
  }% of its mean absolute value, where a percentage error is meaningless`;
}

/** The choice rule in words, for notebooks. */
export const COMPARISON_RULE: string =
  "The model with the lowest mean out-of-sample RMSE over the folds is the benchmark; the chosen model is the " +
  "most interpretable one whose mean RMSE lies within one standard error (sd / √folds) of it (the " +
  "one-standard-error rule): linear models before the tree ensembles (random forest, then gradient boosting), the " +
  "model's own feature set before the " +
  "extended one, OLS before Ridge before ElasticNet.";

/**
 * Compares every candidate on every feature set on the same folds (see the module doc).
 *
 * @example
 * ```ts ignore
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const cmp = compareModels({ outcome: "revenue", y, rows, folds, featureSets, seed: 1 });
 * assertClose(cmp.chosen, { model: "ols", featureSet: "pipeline" }, 1e-9);
 * cmp.sentence;
 * ```
 */
export function compareModels(task: ComparisonTask): ModelComparison {
  const models = task.models ?? ["ols", "ridge", "elastic-net", "random-forest", "gradient-boosting"];
  if (task.featureSets.length === 0) throw new RangeError("compareModels needs at least one feature set");
  const keep = new Uint8Array(task.y.length);
  for (const i of task.rows) keep[i] = 1;
  const folds = task.folds
    .map((f) => ({ train: f.train.filter((i) => keep[i] === 1), test: f.test.filter((i) => keep[i] === 1) }))
    .filter((f) => f.test.length > 0 && f.train.length > 0);
  if (folds.length === 0) throw new RangeError("no fold has training and test rows among the fit rows");
  let meanAbs = 0;
  for (const i of task.rows) meanAbs += Math.abs(task.y[i]) / task.rows.length;

  const rows: ComparisonRow[] = [];
  const importance: ComparisonImportance[] = [];
  for (const set of task.featureSets) {
    // a feature set with fitted columns (a stage-1 prediction) can fail on a fold's training weeks
    let designs: Design[] = [];
    let setFailed: string | null = null;
    try {
      designs = folds.map((f) => set.design(f.train));
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      setFailed = `the feature set cannot be built on every fold's training weeks: ${e.message}`;
    }
    if (setFailed !== null) {
      for (const model of models) rows.push(failedRow(model, set, setFailed));
      continue;
    }
    for (const model of models) {
      const wantImportance = task.importanceFor?.some((p) => p.model === model && p.featureSet === set.id);
      const scored: ComparisonFold[] = [];
      const perFoldImportance: Float64Array[] = [];
      let failed: string | null = null;
      let mapeNote: string | null = null;
      for (let f = 0; f < folds.length && failed === null; f++) {
        const { train, test } = folds[f];
        const d = designs[f];
        const yTrain = Float64Array.from(train, (i) => task.y[i]);
        const yTest = Float64Array.from(test, (i) => task.y[i]);
        let fit: FittedCandidate;
        try {
          fit = fitCandidate(model, pick(d, train), yTrain, {
            seed: task.seed,
            forestTrees: task.forestTrees,
          });
        } catch (e) {
          if (!(e instanceof ModelError)) throw e;
          failed = `fold ${f + 1} (${train.length} training weeks): ${e.message}`;
          break;
        }
        const testDesign = pick(d, test);
        const p = fit.predict(testDesign);
        const small = mapeBlockingValue(yTest, meanAbs);
        if (small >= 0 && mapeNote === null) {
          mapeNote = `MAPE is not reported: fold ${f + 1} has a test value of ${yTest[small]}, below ` +
            `${
              100 * MAPE_MIN_SHARE
            }% of the mean absolute ${task.outcome}, where a percentage error is meaningless.`;
        }
        scored.push({
          fold: f + 1,
          trainWeeks: train.length,
          testWeeks: test.length,
          r2: r2(yTest, p),
          rmse: rmse(yTest, p),
          mape: small >= 0 ? null : mape(yTest, p),
          penalty: fit.penalty,
        });
        if (wantImportance && test.length >= 2) {
          perFoldImportance.push(
            permutationImportance(fit.predict, testDesign, yTest, {
              seed: task.seed,
              nRepeats: task.importanceRepeats ?? 10,
              scoring: "r2",
            }).importancesMean,
          );
        }
      }
      const mapes = scored.map((s) => s.mape);
      const mapeOk = failed === null && mapeNote === null;
      rows.push({
        model,
        modelLabel: CANDIDATE_LABELS[model],
        featureSet: set.id,
        featureSetLabel: set.label,
        features: designs[0].k,
        folds: scored,
        meanR2: failed ? NaN : mean(scored.map((s) => s.r2)),
        sdR2: failed ? NaN : sd(scored.map((s) => s.r2)),
        meanRmse: failed ? NaN : mean(scored.map((s) => s.rmse)),
        sdRmse: failed ? NaN : sd(scored.map((s) => s.rmse)),
        meanMape: mapeOk ? mean(mapes as number[]) : null,
        sdMape: mapeOk ? sd(mapes as number[]) : null,
        mapeNote: failed ? null : mapeNote,
        failed,
      });
      if (wantImportance && failed === null && perFoldImportance.length > 0) {
        importance.push({
          model,
          featureSet: set.id,
          names: designs[0].names,
          ...meanSd(perFoldImportance),
        });
      }
    }
  }
  const choice = chooseModel(rows, task.featureSets.map((s) => s.id), folds.length);
  return { outcome: task.outcome, rows, ...choice, rule: COMPARISON_RULE, importance };
}

/**
 * The one-standard-error choice among scored rows (see the module doc).
 *
 * @param rows scored candidates (failed ones are skipped)
 * @param setOrder feature-set ids, most interpretable first
 * @param nFolds folds behind each mean
 * @example
 * ```ts ignore
 * chooseModel(cmp.rows, ["pipeline", "extended"], 4).chosen;
 * ```
 */
export function chooseModel(
  rows: readonly ComparisonRow[],
  setOrder: readonly string[],
  nFolds: number,
): Pick<ModelComparison, "best" | "chosen" | "sentence"> {
  const ok = rows.filter((r) => r.failed === null && Number.isFinite(r.meanRmse));
  if (ok.length === 0) {
    return { best: null, chosen: null, sentence: "No candidate could be scored on every fold." };
  }
  const best = ok.reduce((a, b) => (b.meanRmse < a.meanRmse ? b : a));
  const se = best.sdRmse / Math.sqrt(nFolds);
  const threshold = best.meanRmse + (Number.isFinite(se) ? se : 0);
  const rank = (r: ComparisonRow) => {
    const linear = r.model === "random-forest" || r.model === "gradient-boosting" ? 1 : 0;
    const modelRank = ["ols", "ridge", "elastic-net", "random-forest", "gradient-boosting"].indexOf(r.model);
    return linear * 1e6 + setOrder.indexOf(r.featureSet) * 1e3 + modelRank;
  };
  const chosen = [...ok].sort((a, b) => rank(a) - rank(b)).find((r) => r.meanRmse <= threshold)!;
  const name = (r: ComparisonRow) => `${r.modelLabel} on the ${r.featureSetLabel.toLowerCase()}`;
  const g = (v: number) => Number(v.toPrecision(3)).toLocaleString("en-US", { maximumSignificantDigits: 3 });
  const sentence = chosen === best
    ? `${name(best)} has the lowest mean out-of-sample RMSE (${g(best.meanRmse)}, standard error ${g(se)}) ` +
      `and no more interpretable model comes within one standard error of it, so it is chosen.`
    : `${name(best)} has the lowest mean out-of-sample RMSE (${g(best.meanRmse)}, standard error ${
      g(se)
    }); ` +
      `${name(chosen)} is within one standard error (mean RMSE ${g(chosen.meanRmse)} ≤ ${
        g(threshold)
      }) and ` +
      `is more interpretable, so the one-standard-error rule chooses it.`;
  return {
    best: { model: best.model, featureSet: best.featureSet },
    chosen: { model: chosen.model, featureSet: chosen.featureSet },
    sentence,
  };
}

/**
 * What the comparison says about the model's own specification (OLS on the first feature set, `ownSet`): whether
 * any candidate predicts the held-out weeks at all, whether the one-standard-error rule keeps the specification,
 * and, when it does not, which candidate beats it by more than one standard error (the benchmark, `best`: the
 * specification's mean RMSE is then above the benchmark's plus its standard error), with the rule's choice
 * named beside it when that is another model.
 *
 * "Predicts at all" means a positive mean test R²: R² is about the test weeks' own mean, so at or below zero a
 * candidate predicts those weeks no better than their own mean would, and no choice among such candidates can
 * support or contradict the effects.
 *
 * @example
 * ```ts ignore
 * specificationVerdict(cmp, "model"); // "The model's own specification (OLS on its own design) is the chosen one: …"
 * ```
 */
export function specificationVerdict(
  comparison: Pick<ModelComparison, "best" | "chosen" | "rows">,
  ownSet: string,
): string {
  const chosen = comparison.chosen;
  const best = comparison.best;
  if (chosen === null || best === null) {
    return "No candidate could be scored on every fold, so the comparison cannot judge the specification.";
  }
  const find = (c: { model: string; featureSet: string }) =>
    comparison.rows.find((r) => r.model === c.model && r.featureSet === c.featureSet)!;
  const name = (r: ComparisonRow) => `${r.modelLabel} on the ${r.featureSetLabel.toLowerCase()}`;
  const g = (v: number) => Number(v.toPrecision(3)).toLocaleString("en-US", { maximumSignificantDigits: 3 });
  const scored = comparison.rows.filter((r) => r.failed === null && Number.isFinite(r.meanR2));
  if (scored.length > 0 && scored.every((r) => !(r.meanR2 > 0))) {
    const top = scored.reduce((x, y) => (y.meanR2 > x.meanR2 ? y : x));
    return `No candidate predicts out of sample: every mean test R² is at or below zero (the highest, ${
      num(top.meanR2, 2)
    }, ${
      name(top)
    }), so each predicts the held-out weeks no better than their own mean would. The comparison ` +
      `can neither support nor contradict the effects reported from the model's own specification (OLS on its ` +
      `own design); they rest on its in-sample fit.`;
  }
  if (chosen.model === "ols" && chosen.featureSet === ownSet) {
    return "The model's own specification (OLS on its own design) is the chosen one: the effects reported from it " +
      "are not contradicted by a better-predicting alternative.";
  }
  const bestRow = find(best);
  const chosenRow = find(chosen);
  const own = comparison.rows.find((r) => r.model === "ols" && r.featureSet === ownSet);
  const se = bestRow.sdRmse / Math.sqrt(bestRow.folds.length);
  const seText = Number.isFinite(se) ? `; standard error ${g(se)}` : "";
  const rule = chosenRow === bestRow
    ? ""
    : ` The one-standard-error rule chooses ${name(chosenRow)}, the most interpretable model within one ` +
      `standard error of it (mean RMSE ${g(chosenRow.meanRmse)}).`;
  const lead = own === undefined || own.failed !== null || !Number.isFinite(own.meanRmse)
    ? `The model's own specification (OLS on its own design) could not be scored on every fold; ${
      name(bestRow)
    } predicts best out of sample (mean RMSE ${g(bestRow.meanRmse)}${seText}).`
    : `${name(bestRow)} predicts better out of sample than the model's own specification (OLS on its own ` +
      `design)${Number.isFinite(se) ? " by more than one standard error" : ""} (mean RMSE ${
        g(bestRow.meanRmse)
      } against ${g(own.meanRmse)}${seText}).`;
  return `${lead}${rule} The reported effects still come from the model's own OLS (the one with bootstrap ` +
    `intervals); read them knowing a better predictor exists.`;
}

function failedRow(model: CandidateModel, set: FeatureSet, reason: string): ComparisonRow {
  return {
    model,
    modelLabel: CANDIDATE_LABELS[model],
    featureSet: set.id,
    featureSetLabel: set.label,
    features: 0,
    folds: [],
    meanR2: NaN,
    sdR2: NaN,
    meanRmse: NaN,
    sdRmse: NaN,
    meanMape: null,
    sdMape: null,
    mapeNote: null,
    failed: reason,
  };
}

function pick(d: Design, rows: Int32Array): Design {
  const x = new Float64Array(rows.length * d.k);
  for (let t = 0; t < rows.length; t++) x.set(d.x.subarray(rows[t] * d.k, (rows[t] + 1) * d.k), t * d.k);
  return { names: d.names, n: rows.length, k: d.k, x };
}

function mean(v: readonly number[]): number {
  let s = 0;
  for (const x of v) s += x;
  return s / v.length;
}

/** Sample standard deviation (n − 1); 0 for a single value. */
function sd(v: readonly number[]): number {
  if (v.length < 2) return 0;
  const m = mean(v);
  let s = 0;
  for (const x of v) s += (x - m) ** 2;
  return Math.sqrt(s / (v.length - 1));
}

function meanSd(rows: readonly Float64Array[]): { mean: Float64Array; sd: Float64Array } {
  const k = rows[0].length;
  const m = new Float64Array(k), s = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const col = rows.map((r) => r[j]);
    m[j] = mean(col);
    s[j] = sd(col);
  }
  return { mean: m, sd: s };
}
