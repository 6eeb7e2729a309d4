/**
 * Out-of-sample evaluation and feature importance of the two-stage mediation model (`mediation.ts`).
 *
 * - {@link crossValidateMediation}: time-series cross-validation that refits **both** stages on each fold's
 *   training rows. The test weeks' `M̂` comes from the training fold's stage 1 (`M̂_t = x₁,t' â_train`) and
 *   their `û = M − M̂` from the recorded mediator, a regressor known in the test week; neither stage ever
 *   reads a test week's outcome or is fitted on a test week's mediator. Scored by `crossValidate` (R², RMSE,
 *   MAE, MAPE, NRMSE, SMAPE per fold, mean ± sd over folds).
 * - {@link stage2Importance}: standardized stage-2 coefficients `β_j sd(x_j)/sd(y)` with their bootstrap
 *   intervals, and permutation importance on the fit rows (drop in R² when one stage-2 column is shuffled,
 *   mean ± sd over seeded repeats; `permutationImportance`). Both read the stage-2 design as fitted (the
 *   adstocked and saturated columns), so they rank the model's terms, not raw spend.
 *
 * References: Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", §5.10 (rolling-origin
 * evaluation); Breiman (2001) §10 and scikit-learn 1.2 `permutation_importance`; Wooldridge, "Introductory
 * Econometrics", §6.1 (standardized "beta" coefficients).
 *
 * @module
 */

import { crossValidate, type CrossValidation } from "./cross_validate.ts";
import { permutationImportance } from "./permutation_importance.ts";
import type { Fold } from "./time_series_split.ts";
import type { Design } from "../features/design.ts";
import { ModelError } from "../errors.ts";
import {
  fitMediation,
  fitStages,
  mediationData,
  type MediationFit,
  type MediationInputs,
  stage2Design,
} from "../models/mediation.ts";
import type { MediationBootstrap } from "../models/mediation_bootstrap.ts";

/** The two stages' coefficients fitted on one fold's training rows. */
export interface MediationFoldFit {
  /** Position of the fold among the folds scored (`folds` of the result), from 0. */
  readonly fold: number;
  /** Training weeks both stages were fitted on (fit rows only). */
  readonly trainSize: number;
  /** Test weeks predicted (fit rows only). */
  readonly testSize: number;
  /** Stage-1 (mediator) coefficients on the fold's training rows, in the order of `stage1Terms`. */
  readonly stage1Coef: Float64Array;
  /** Stage-2 (outcome) coefficients on the fold's training rows, in the order of `stage2Terms`. */
  readonly stage2Coef: Float64Array;
}

/** The result of {@link crossValidateMediation}. */
export interface MediationCrossValidation {
  /** Per-fold scores of the outcome's out-of-sample predictions, their mean and sd (ddof = 1), predictions. */
  readonly cv: CrossValidation;
  /** Folds actually scored (after leaving out weeks outside the fit rows), with their coefficients. */
  readonly folds: readonly Fold[];
  /** Both stages' coefficients on each scored fold's training rows, in the order of `folds`. */
  readonly foldFits: readonly MediationFoldFit[];
  /** Stage-1 design terms (the mediator's regressors), the order of `stage1Coef`. */
  readonly stage1Terms: readonly string[];
  /** Stage-2 design terms (the outcome's regressors), the order of `stage2Coef`. */
  readonly stage2Terms: readonly string[];
  /** In-sample R² of stage 1 (mediator) and stage 2 (outcome) fitted on all fit rows. */
  readonly inSample: { readonly stage1R2: number; readonly stage2R2: number };
}

/**
 * Time-series cross-validation of the two-stage model: for each fold, stage 1 and then stage 2 are fitted on
 * the training rows only, and the outcome is predicted for the test rows (see the module doc). Weeks outside
 * `inputs.rows` are left out of every training and test set (a fold left without test rows is dropped).
 *
 * @param inputs as for `fitMediation`
 * @param folds e.g. `timeSeriesSplit(inputs.y.length, { nSplits: 5 })`; indices into the full series
 * @throws RangeError for overlapping or out-of-range folds (from `crossValidate`) or no fold left; ModelError
 *   naming the fold when a training set cannot identify a stage
 * @example
 * ```ts ignore
 * const cv = crossValidateMediation(inputs, timeSeriesSplit(inputs.y.length, { nSplits: 5 }));
 * `${cv.cv.mean.r2} ± ${cv.cv.sd.r2}`; cv.inSample.stage2R2;
 * ```
 */
export function crossValidateMediation(
  inputs: MediationInputs,
  folds: readonly Fold[],
): MediationCrossValidation {
  const data = mediationData(inputs);
  const keep = new Uint8Array(data.n);
  for (const i of data.rows) keep[i] = 1;
  const kept = (rows: Int32Array) => Int32Array.from(rows.filter((i) => keep[i] === 1)).sort();
  const used = folds
    .map((f) => ({ train: kept(f.train), test: kept(f.test) }))
    .filter((f) => f.test.length > 0);
  if (used.length === 0) throw new RangeError("no fold has a test row among the fit rows");

  const foldFits: MediationFoldFit[] = [];
  const k2 = data.stage2Terms.length;
  const cv = crossValidate({
    y: data.y,
    folds: used,
    fitPredict: (train, test) => {
      const fold = foldFits.length;
      let coef;
      try {
        coef = fitStages(data, train);
      } catch (e) {
        if (e instanceof ModelError) {
          throw new ModelError(`fold ${fold} (${train.length} training rows): ${e.message}`, e.columns);
        }
        throw e;
      }
      foldFits.push({
        fold,
        trainSize: train.length,
        testSize: test.length,
        stage1Coef: coef.stage1,
        stage2Coef: coef.stage2,
      });
      const design = stage2Design(data, coef.stage1, test);
      const out = new Float64Array(test.length);
      for (let t = 0; t < test.length; t++) {
        let s = 0;
        for (let j = 0; j < k2; j++) s += design.x[t * k2 + j] * coef.stage2[j];
        out[t] = s;
      }
      return out;
    },
  });
  const full = fitMediation(inputs);
  return {
    cv,
    folds: used,
    foldFits,
    stage1Terms: data.stage1Terms,
    stage2Terms: data.stage2Terms,
    inSample: { stage1R2: full.rsquared.stage1, stage2R2: full.rsquared.stage2 },
  };
}

/** One stage-2 term's importance. */
export interface Stage2TermImportance {
  /** The stage-2 term (a design column of the fit; the constant is left out). */
  readonly term: string;
  /** `β_j sd(x_j)/sd(y)` on the fit rows. */
  readonly standardized: number;
  /** Bootstrap SE of the standardized coefficient (NaN without a bootstrap). */
  readonly standardizedSe: number;
  /** Lower bound of the bootstrap's percentile interval of the standardized coefficient (NaN without one). */
  readonly standardizedLower: number;
  /** Upper bound of that interval (NaN without a bootstrap). */
  readonly standardizedUpper: number;
  /** Mean over repeats of the drop in in-sample R² when the column is shuffled (permutation importance). */
  readonly permutationMean: number;
  /** Population sd (ddof = 0) over repeats of that drop in R². */
  readonly permutationSd: number;
}

/** Options of {@link stage2Importance}. */
export interface Stage2ImportanceOptions {
  /** Seed of the permutations, an integer in [0, 2³²). */
  readonly seed: number;
  /** Permutations per column, an integer ≥ 1 (default 20). */
  readonly nRepeats?: number;
  /** A bootstrap of the same inputs, for the standardized coefficients' intervals. */
  readonly bootstrap?: MediationBootstrap;
}

/**
 * Importance of each stage-2 term (the constant left out), as plain rows: the standardized coefficient with
 * its bootstrap interval (when `bootstrap` is given), and permutation importance on the fit rows (see the
 * module doc). The response for the permutation scores is the stage-2 fit's `fitted + residuals`.
 *
 * @param fit a `fitMediation` result
 * @param options `seed` (required), `nRepeats` (default 20), `bootstrap` (optional)
 * @example
 * ```ts ignore
 * const rows = stage2Importance(fit, { seed: 7, bootstrap: boot });
 * rows.map((r) => [r.term, r.standardized, r.standardizedLower, r.standardizedUpper, r.permutationMean]);
 * ```
 */
export function stage2Importance(
  fit: MediationFit,
  options: Stage2ImportanceOptions,
): Stage2TermImportance[] {
  const { stage2 } = fit;
  const boot = options.bootstrap;
  if (boot && boot.fit.stage2.terms.join("\u0000") !== stage2.terms.join("\u0000")) {
    throw new RangeError("the bootstrap was run on a model with other stage-2 terms than this fit");
  }
  const n = stage2.nobs, k = stage2.terms.length;
  const design: Design = { names: stage2.terms, n, k, x: stage2.model.x };
  const y = stage2.fitted.map((f, i) => f + stage2.residuals[i]);
  const predict = (d: Design): Float64Array => {
    const out = new Float64Array(d.n);
    for (let i = 0; i < d.n; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += d.x[i * k + j] * stage2.coef[j];
      out[i] = s;
    }
    return out;
  };
  const pi = permutationImportance(predict, design, y, {
    seed: options.seed,
    nRepeats: options.nRepeats ?? 20,
    scoring: "r2",
  });
  return fit.standardized.names.map((term, idx) => {
    const j = stage2.terms.indexOf(term);
    const b = boot?.standardized.find((s) => s.name === term);
    return {
      term,
      standardized: fit.standardized.values[idx],
      standardizedSe: b?.se ?? NaN,
      standardizedLower: b?.lower ?? NaN,
      standardizedUpper: b?.upper ?? NaN,
      permutationMean: pi.importancesMean[j],
      permutationSd: pi.importancesSd[j],
    };
  });
}
