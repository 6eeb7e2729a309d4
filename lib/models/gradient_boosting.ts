/**
 * Gradient boosting of regression trees for squared error (Friedman 2001, "Greedy function approximation: a
 * gradient boosting machine", Annals of Statistics 29(5), Algorithm 2 "LS_Boost"; Hastie, Tibshirani &
 * Friedman 2009, §10.10, Algorithm 10.3):
 *
 * ```
 * F₀(x) = ȳ
 * for m = 1..M:  r_i = y_i − F_{m−1}(x_i);  h_m = the CART tree fitted to r (depth ≤ maxDepth);
 *                F_m(x) = F_{m−1}(x) + ν · h_m(x)
 * ```
 *
 * For squared error the negative gradient is the residual and the optimal leaf value is the leaf's mean
 * residual, which is what the CART tree already predicts, so no line search is needed. Each tree uses every
 * row and every feature (scikit-learn's `GradientBoostingRegressor` defaults: `subsample=1.0`,
 * `max_features=None`); its split criterion, Friedman's improvement `w_l w_r / (w_l + w_r) · (ȳ_l − ȳ_r)²`,
 * equals the squared-error decrease the tree maximizes (`regression_tree.ts`), so the trees are the same up to
 * exact ties: a node of one or two rows is split equally well by every feature that separates them, and which
 * feature wins depends on the order features are tried (the seed here, sklearn's own random order there). The
 * training fit is the same either way; test predictions agree exactly when leaves hold at least a few rows
 * (`tests/models/gradient_boosting_test.ts`).
 *
 * Impurity importance as scikit-learn's `feature_importances_`: each tree's unnormalized squared-error decrease
 * per feature, averaged over the trees that split, normalized to sum to 1.
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import { ModelError } from "../errors.ts";
import { xoshiro128ss } from "../stats/random.ts";
import { predictTree, presortColumns, type RegressionTree, TreeGrower } from "./regression_tree.ts";
import { checkSameColumns } from "./ridge.ts";
import { checkRegressionInputs } from "./_check.ts";

/** Options of {@link fitGradientBoosting}. */
export interface GradientBoostingOptions {
  /** Seed of the feature order at each split (which breaks exact ties): an integer in [0, 2³²). */
  readonly seed: number;
  /** Boosting stages M, an integer ≥ 1 (default 100, scikit-learn's default). */
  readonly nEstimators?: number;
  /** Shrinkage ν in (0, 1] (default 0.1, scikit-learn's default). */
  readonly learningRate?: number;
  /** Largest depth of each tree, an integer ≥ 1 (default 3, scikit-learn's default). */
  readonly maxDepth?: number;
  /** Smallest node that may be split, an integer ≥ 2 (default 2). */
  readonly minSamplesSplit?: number;
  /** Smallest number of rows in a leaf, an integer ≥ 1 (default 1). */
  readonly minSamplesLeaf?: number;
}

/** A fitted boosted model: `F(x) = init + learningRate · Σ_m tree_m(x)`. */
export interface GradientBoostingFit {
  /** The design's column names; predictions need the same columns in this order. */
  readonly names: readonly string[];
  /** F₀, the mean of the training responses. */
  readonly init: number;
  /** Shrinkage ν applied to every tree. */
  readonly learningRate: number;
  /** Largest tree depth allowed. */
  readonly maxDepth: number;
  /** Smallest leaf allowed. */
  readonly minSamplesLeaf: number;
  /** The seed; tree m drew its feature orders from `xoshiro128ss(seed, m + 1)`. */
  readonly seed: number;
  /** The trees h₁…h_M, in fitting order (each fitted to the residuals of the ones before). */
  readonly trees: readonly RegressionTree[];
  /** Mean squared-error decrease per feature, summing to 1 (all zeros when no tree split). */
  readonly importance: Float64Array;
  /** Training mean squared error after each stage (length M), for reading how fast the fit converges. */
  readonly trainLoss: Float64Array;
}

/**
 * Fits gradient-boosted regression trees for squared error (see the module doc).
 *
 * @param design n × k regressors, finite (a `const` column is never split on)
 * @param y n finite responses
 * @param options `seed` (required), `nEstimators`, `learningRate`, `maxDepth`, `minSamplesSplit`,
 *   `minSamplesLeaf`
 * @throws ModelError on non-finite inputs (naming column and row), fewer than 2 rows or no column;
 *   RangeError for options out of range
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * // one step function, recovered by the first tree's split and shrunk towards it stage by stage
 * const x = Float64Array.from({ length: 8 }, (_, i) => i);
 * const y = Float64Array.from(x, (v) => (v < 4 ? 0 : 10));
 * const fit = fitGradientBoosting({ names: ["x"], n: 8, k: 1, x }, y, { seed: 1, nEstimators: 50 });
 * assertClose(predictGradientBoosting(fit, { names: ["x"], n: 2, k: 1, x: new Float64Array([1, 6]) }), [0.026, 9.974], 1e-3);
 * ```
 */
export function fitGradientBoosting(
  design: Design,
  y: ArrayLike<number>,
  options: GradientBoostingOptions,
): GradientBoostingFit {
  const o = resolve(options);
  checkRegressionInputs(design, y, { model: "gradient boosting" });
  const { n, k, x } = design;
  if (n < 2) throw new ModelError(`gradient boosting: need at least 2 rows, got ${n}`);
  if (k === 0) throw new ModelError("gradient boosting: the design has no columns");
  const { columns, sorted } = presortColumns(x, n, k);
  let init = 0;
  for (let i = 0; i < n; i++) init += y[i];
  init /= n;
  const fitted = new Float64Array(n).fill(init);
  const residual = Float64Array.from({ length: n }, (_, i) => y[i] - init);
  // the grower reads `residual` at every tree: it is updated in place between trees
  const grower = new TreeGrower(columns, sorted, residual, n, k, {
    seed: o.seed,
    nEstimators: o.nEstimators,
    featuresPerSplit: k,
    maxDepth: o.maxDepth,
    minSamplesSplit: o.minSamplesSplit,
    minSamplesLeaf: o.minSamplesLeaf,
    bootstrap: false,
  });
  const trees: RegressionTree[] = [];
  const total = new Float64Array(k);
  const trainLoss = new Float64Array(o.nEstimators);
  let splitting = 0;
  for (let m = 0; m < o.nEstimators; m++) {
    const { tree, importance } = grower.grow(xoshiro128ss(o.seed, m + 1));
    trees.push(tree);
    if (tree.nodeCount > 1) {
      splitting++;
      for (let j = 0; j < k; j++) total[j] += importance[j];
    }
    let loss = 0;
    for (let i = 0; i < n; i++) {
      fitted[i] += o.learningRate * predictTree(tree, x, k, i);
      residual[i] = y[i] - fitted[i];
      loss += residual[i] * residual[i];
    }
    trainLoss[m] = loss / n;
  }
  let s = 0;
  for (let j = 0; j < k; j++) s += total[j];
  if (splitting > 0 && s > 0) { for (let j = 0; j < k; j++) total[j] /= s; }
  return {
    names: design.names,
    init,
    learningRate: o.learningRate,
    maxDepth: o.maxDepth,
    minSamplesLeaf: o.minSamplesLeaf,
    seed: o.seed,
    trees,
    importance: total,
    trainLoss,
  };
}

/**
 * Predictions `init + ν · Σ_m tree_m(x)` for rows with the fit's columns, in the same order.
 *
 * @example
 * ```ts ignore
 * predictGradientBoosting(fit, testDesign); // Float64Array of testDesign.n predictions
 * ```
 */
export function predictGradientBoosting(fit: GradientBoostingFit, design: Design): Float64Array {
  checkSameColumns(fit.names, design, "gradient boosting");
  checkRegressionInputs(design, new Float64Array(design.n), { model: "gradient boosting prediction" });
  const { n, k, x } = design;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (const tree of fit.trees) s += predictTree(tree, x, k, i);
    out[i] = fit.init + fit.learningRate * s;
  }
  return out;
}

function resolve(options: GradientBoostingOptions) {
  const { seed } = options;
  if (!(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)) {
    throw new RangeError(`seed must be an integer in [0, 2^32), got ${seed}`);
  }
  const nEstimators = options.nEstimators ?? 100;
  if (!(Number.isInteger(nEstimators) && nEstimators >= 1)) {
    throw new RangeError(`nEstimators must be an integer >= 1, got ${nEstimators}`);
  }
  const learningRate = options.learningRate ?? 0.1;
  if (!(learningRate > 0 && learningRate <= 1)) {
    throw new RangeError(`learningRate must be in (0, 1], got ${learningRate}`);
  }
  const maxDepth = options.maxDepth ?? 3;
  if (!(Number.isInteger(maxDepth) && maxDepth >= 1)) {
    throw new RangeError(`maxDepth must be an integer >= 1, got ${maxDepth}`);
  }
  const minSamplesSplit = options.minSamplesSplit ?? 2;
  if (!(Number.isInteger(minSamplesSplit) && minSamplesSplit >= 2)) {
    throw new RangeError(`minSamplesSplit must be an integer >= 2, got ${minSamplesSplit}`);
  }
  const minSamplesLeaf = options.minSamplesLeaf ?? 1;
  if (!(Number.isInteger(minSamplesLeaf) && minSamplesLeaf >= 1)) {
    throw new RangeError(`minSamplesLeaf must be an integer >= 1, got ${minSamplesLeaf}`);
  }
  return { seed, nEstimators, learningRate, maxDepth, minSamplesSplit, minSamplesLeaf };
}
