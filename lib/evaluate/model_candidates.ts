/**
 * The regressors a model comparison fits on one training window: OLS, Ridge and ElasticNet on columns
 * standardized with the training rows' means and standard deviations, and a random forest on the raw columns.
 * The penalties of Ridge and ElasticNet are chosen **inside the training rows** by an inner expanding-window
 * time-series CV (3 folds, scikit-learn's `TimeSeriesSplit` default test size ⌊n/4⌋), lowest mean inner RMSE, so
 * the outer test weeks never inform the choice (Hastie, Tibshirani & Friedman 2009, §7.10.2, "the wrong and
 * the right way to do cross-validation").
 *
 * Grids, stated on the standardized scale so they do not depend on the data's units:
 * - Ridge (`‖y − Xw‖² + α‖w‖²`, not divided by n): `α = λ·n_train`, `λ ∈ 10^{−4, −3.5, …, 2}`. With standardized
 *   columns `X'X/n` is the correlation matrix (diagonal 1), so λ runs from negligible shrinkage (10⁻⁴ of the
 *   diagonal) to a penalty 100 times the diagonal (every slope shrunk to ~1% of OLS).
 * - ElasticNet (`l1Ratio = 0.5`, the midpoint between ridge and lasso): `α = α_max · 10^{−3, −2.5, …, 0}`, the
 *   span of scikit-learn's default path (`eps = 1e-3`), α_max the smallest penalty that zeroes every slope. Its
 *   objective divides the squared error by 2n, so its L2 term is not invariant to the outcome's units (a
 *   revenue in dollars would be shrunk far harder than the same revenue in thousands): the outcome is
 *   standardized on the training rows too, as glmnet does (Friedman, Hastie & Tibshirani 2010, §2), and the
 *   penalty reported is on that scale.
 * - Random forest: fixed, no tuning: 300 trees, ⌊k/3⌋ features per split (at least 1) and leaves of at least 5
 *   rows, the regression defaults of Breiman's forests (Hastie et al. 2009, §15.3: m = p/3, minimum node size 5).
 * - Gradient boosting (`lib/models/gradient_boosting.ts`): fixed, no tuning: scikit-learn's defaults (100
 *   stages, shrinkage 0.1, depth 3, so at most 8 leaves, within the 4–8 Hastie et al. 2009 §10.11 recommend)
 *   and leaves of at least 5 rows, the forest's minimum node size (on a few dozen training weeks a one-row
 *   leaf fits a single week's noise).
 *
 * A column constant on the training rows carries no information there: it is left out of the linear fits
 * (its standardized value is undefined) and predicted through the intercept.
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import { ModelError } from "../errors.ts";
import { qrLeastSquares } from "../linalg/mod.ts";
import { fitRidge, predictRidge } from "../models/ridge.ts";
import {
  elasticNetAlphaMax,
  elasticNetPath,
  fitElasticNet,
  predictElasticNet,
} from "../models/elastic_net.ts";
import { fitRandomForest, predictRandomForest, type RandomForestFit } from "../models/random_forest.ts";
import { fitGradientBoosting, predictGradientBoosting } from "../models/gradient_boosting.ts";
import { timeSeriesSplit } from "./time_series_split.ts";

/** The regressors compared. */
export type CandidateModel = "ols" | "ridge" | "elastic-net" | "random-forest" | "gradient-boosting";

/** Display names of {@link CandidateModel}. */
export const CANDIDATE_LABELS: Readonly<Record<CandidateModel, string>> = {
  "ols": "OLS",
  "ridge": "Ridge",
  "elastic-net": "ElasticNet",
  "random-forest": "Random forest",
  "gradient-boosting": "Gradient boosting",
};

/** Options of {@link fitCandidate}. */
export interface CandidateOptions {
  /** Seed of the forest (required for it; ignored by the linear models). */
  readonly seed: number;
  /** Trees of the forest (default 300). */
  readonly forestTrees?: number;
}

/** A fitted candidate: its prediction function and what was chosen on the training rows. */
export interface FittedCandidate {
  /** Which regressor was fitted. */
  readonly model: CandidateModel;
  /** Predictions for rows with the training design's columns. */
  readonly predict: (design: Design) => Float64Array;
  /** The penalty α chosen by the inner CV (Ridge, ElasticNet), else null. */
  readonly penalty: number | null;
  /** The forest itself (for impurity importance), else null. */
  readonly forest: RandomForestFit | null;
}

/** Ridge penalties per training row, `10^{−4, −3.5, …, 2}` (see the module doc). */
export const RIDGE_LAMBDAS: readonly number[] = Array.from({ length: 13 }, (_, i) => 10 ** (-4 + i / 2));
/** ElasticNet penalties as fractions of α_max, `10^{−3, −2.5, …, 0}`. */
export const ENET_FRACTIONS: readonly number[] = Array.from({ length: 7 }, (_, i) => 10 ** (-3 + i / 2));
/** ElasticNet's share of the L1 penalty. */
export const ENET_L1_RATIO = 0.5;

/**
 * Fits one candidate on a training design (no `const` column; the linear models fit their own intercept).
 *
 * @param model which regressor
 * @param train training rows × features, finite
 * @param y training responses
 * @throws ModelError when OLS's design is rank deficient on these rows (naming the columns)
 * @example
 * ```ts ignore
 * const fit = fitCandidate("ridge", trainDesign, yTrain, { seed: 1 });
 * fit.predict(testDesign); fit.penalty; // α chosen on the training rows only
 * ```
 */
export function fitCandidate(
  model: CandidateModel,
  train: Design,
  y: Float64Array,
  options: CandidateOptions,
): FittedCandidate {
  if (train.names.includes("const")) {
    throw new RangeError('the candidate design must not have a "const" column (intercepts are fitted)');
  }
  if (model === "random-forest") {
    const forest = fitRandomForest(train, y, {
      seed: options.seed,
      nEstimators: options.forestTrees ?? 300,
      maxFeatures: Math.max(1, Math.floor(train.k / 3)),
      minSamplesLeaf: 5,
    });
    return { model, predict: (d) => predictRandomForest(forest, d), penalty: null, forest };
  }
  if (model === "gradient-boosting") {
    const boosted = fitGradientBoosting(train, y, {
      seed: options.seed,
      nEstimators: 100,
      learningRate: 0.1,
      maxDepth: 3,
      minSamplesLeaf: 5,
    });
    return { model, predict: (d) => predictGradientBoosting(boosted, d), penalty: null, forest: null };
  }
  const scaler = standardizer(train);
  const z = scaler.apply(train);
  if (model === "ols") {
    const m = z.n, k = z.k + 1;
    const x = new Float64Array(m * k);
    for (let i = 0; i < m; i++) {
      x[i * k] = 1;
      for (let j = 0; j < z.k; j++) x[i * k + 1 + j] = z.x[i * z.k + j];
    }
    const coef = qrLeastSquares(x, y, m, k, ["const", ...z.names]).coef;
    const predict = (d: Design) => {
      const zd = scaler.apply(d);
      const out = new Float64Array(zd.n);
      for (let i = 0; i < zd.n; i++) {
        let s = coef[0];
        for (let j = 0; j < zd.k; j++) s += zd.x[i * zd.k + j] * coef[1 + j];
        out[i] = s;
      }
      return out;
    };
    return { model, predict, penalty: null, forest: null };
  }
  if (z.k === 0) {
    let mean = 0;
    for (const v of y) mean += v / y.length;
    return { model, predict: (d) => new Float64Array(d.n).fill(mean), penalty: null, forest: null };
  }
  if (model === "ridge") {
    const penalty = choosePenalty(model, z, y);
    const fit = fitRidge(z, y, { alpha: penalty });
    return { model, predict: (d) => predictRidge(fit, scaler.apply(d)), penalty, forest: null };
  }
  // the elastic net's L2 term is not invariant to the outcome's scale: fit on a standardized outcome (glmnet)
  let yMean = 0;
  for (const v of y) yMean += v / y.length;
  let yVar = 0;
  for (const v of y) yVar += (v - yMean) ** 2 / y.length;
  const ySd = Math.sqrt(yVar) > 0 ? Math.sqrt(yVar) : 1;
  const yz = Float64Array.from(y, (v) => (v - yMean) / ySd);
  const penalty = choosePenalty(model, z, yz);
  const fit = fitElasticNet(z, yz, { alpha: penalty, l1Ratio: ENET_L1_RATIO, maxIter: 5000 });
  const predict = (d: Design) => predictElasticNet(fit, scaler.apply(d)).map((v) => yMean + ySd * v);
  return { model, predict, penalty, forest: null };
}

/** The penalty with the lowest mean inner-CV RMSE on the training rows (ties: the larger penalty). */
function choosePenalty(model: "ridge" | "elastic-net", z: Design, y: Float64Array): number {
  const n = z.n;
  const alphas = model === "ridge"
    ? RIDGE_LAMBDAS.map((l) => l * n)
    : ENET_FRACTIONS.map((f) => f * enetAlphaMax(z, y));
  if (n < 8) return alphas[alphas.length - 1];
  const folds = timeSeriesSplit(n, { nSplits: 3 });
  const sse = new Float64Array(alphas.length);
  for (const f of folds) {
    const tr = rowsOf(z, f.train), te = rowsOf(z, f.test);
    const ytr = Float64Array.from(f.train, (i) => y[i]);
    const yte = Float64Array.from(f.test, (i) => y[i]);
    if (model === "ridge") {
      alphas.forEach((a, ai) => {
        const p = predictRidge(fitRidge(tr, ytr, { alpha: a }), te);
        for (let t = 0; t < p.length; t++) sse[ai] += (yte[t] - p[t]) ** 2;
      });
    } else {
      const path = elasticNetPath(tr, ytr, alphas, { l1Ratio: ENET_L1_RATIO, maxIter: 5000 });
      path.forEach((fit) => {
        const ai = alphas.indexOf(fit.alpha);
        const p = predictElasticNet(fit, te);
        for (let t = 0; t < p.length; t++) sse[ai] += (yte[t] - p[t]) ** 2;
      });
    }
  }
  let best = alphas.length - 1;
  for (let a = alphas.length - 1; a >= 0; a--) if (sse[a] < sse[best]) best = a;
  return alphas[best];
}

function enetAlphaMax(z: Design, y: Float64Array): number {
  const a = elasticNetAlphaMax(z, y, { l1Ratio: ENET_L1_RATIO });
  return a > 0 ? a : 1;
}

function rowsOf(d: Design, rows: Int32Array): Design {
  const x = new Float64Array(rows.length * d.k);
  for (let t = 0; t < rows.length; t++) x.set(d.x.subarray(rows[t] * d.k, (rows[t] + 1) * d.k), t * d.k);
  return { names: d.names, n: rows.length, k: d.k, x };
}

/**
 * Standardization fitted on `train`: `(x − mean) / sd` (population sd) for columns that vary there; columns
 * constant on the training rows are dropped.
 */
function standardizer(train: Design): { apply: (d: Design) => Design } {
  const { n, k, x, names } = train;
  const keep: number[] = [], mean: number[] = [], sd: number[] = [];
  for (let j = 0; j < k; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += x[i * k + j];
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (x[i * k + j] - m) ** 2;
    const s = Math.sqrt(v / n);
    if (s > 1e-12 * Math.max(Math.abs(m), 1e-300)) {
      keep.push(j);
      mean.push(m);
      sd.push(s);
    }
  }
  const keptNames = keep.map((j) => names[j]);
  return {
    apply: (d: Design) => {
      if (d.k !== k || d.names.some((name, j) => name !== names[j])) {
        throw new ModelError(`the design's columns differ from the training columns (${names.join(", ")})`);
      }
      const out = new Float64Array(d.n * keep.length);
      for (let i = 0; i < d.n; i++) {
        for (let c = 0; c < keep.length; c++) {
          out[i * keep.length + c] = (d.x[i * k + keep[c]] - mean[c]) / sd[c];
        }
      }
      return { names: keptNames, n: d.n, k: keep.length, x: out };
    },
  };
}
