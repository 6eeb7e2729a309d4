/**
 * Random-forest regression (Breiman 2001) written here: bagged CART regression trees with per-split feature
 * sampling, scikit-learn's `RandomForestRegressor` semantics, seeded by the project's generator.
 *
 * **Trees.** Each of `nEstimators` trees is grown on a bootstrap sample (n draws with replacement; a row drawn c
 * times has weight c, as sklearn passes `sample_weight = counts`). A node is split by the (feature, threshold)
 * that maximizes the weighted decrease in squared error,
 * `Δ = S_L²/W_L + S_R²/W_R − S²/W` (`S` = Σ wᵢyᵢ, `W` = Σ wᵢ of the node's rows; equivalently the largest drop
 * of `SSE = Σ w(y − ȳ)²`), with `x ≤ threshold` going left and the threshold the midpoint between consecutive
 * distinct values. At every split `maxFeatures` features are drawn without replacement (sklearn's
 * `max_features`); as in sklearn, a drawn feature that is constant in the node does not count towards them,
 * so a node with at least one varying feature is never left unsplit for lack of draws. A node is a leaf when it
 * has fewer than `minSamplesSplit` rows (distinct in-bag rows, as sklearn counts), fewer than
 * `2 · minSamplesLeaf`, is at `maxDepth`, has zero squared error, or no split leaves `minSamplesLeaf` rows on
 * each side. A leaf predicts its weighted mean; the forest the mean over trees.
 *
 * **Cost.** Every feature's in-bag rows are sorted once per fit (k sorts of n rows, O(k·n log n)); each node
 * keeps, per feature, its rows in sorted order, and a split stable-partitions each feature's segment into the
 * two children (O(k·n_node)). The split search scans the sorted segments of the drawn features (O(m·n_node)).
 * A tree costs O(k·n·depth), so a 6,240-row panel is as practical as a 104-week series (`bench/forest_bench.ts`).
 *
 * **Impurity importance** (MDI; Breiman 2001, Louppe et al. 2013; sklearn's `feature_importances_`): per tree,
 * the sum over its splits on feature j of the weighted SSE decrease, normalized to sum 1; averaged over trees
 * with at least one split and normalized again. MDI favours features with many distinct values; read it beside
 * permutation importance (`lib/evaluate/permutation_importance.ts`).
 *
 * **Randomness.** Tree t draws from `xoshiro128ss(seed, t + 1)` (lib/stats/random.ts): two fits with the same
 * seed and data are identical, and the first t trees of a larger forest are the forest of t trees. The draws
 * differ from sklearn's (numpy's generator), so forests agree in accuracy and importance, not bit for bit
 * (`tests/fixtures/forest.py`). No out-of-bag score: neighbouring weeks share the bag, so out-of-bag rows of a
 * time series are not a fair test set; use time-series cross-validation.
 *
 * References: Breiman (2001), "Random forests", Machine Learning 45; Breiman, Friedman, Olshen & Stone (1984),
 * "Classification and Regression Trees"; Louppe et al. (2013), "Understanding variable importances in forests
 * of randomized trees", NeurIPS; scikit-learn 1.2 `RandomForestRegressor` and `sklearn/tree/_splitter.pyx`
 * <https://scikit-learn.org/1.2/modules/generated/sklearn.ensemble.RandomForestRegressor.html>.
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import { ModelError } from "../errors.ts";
import { xoshiro128ss } from "../stats/random.ts";
import {
  predictTree,
  presortColumns,
  type RegressionTree,
  type ResolvedOptions,
  TreeGrower,
} from "./regression_tree.ts";
import { checkSameColumns } from "./ridge.ts";
import { checkRegressionInputs } from "./_check.ts";

export type { RegressionTree } from "./regression_tree.ts";

/** Options of {@link fitRandomForest}. */
export interface RandomForestOptions {
  /** Seed of the bootstrap and feature draws: an integer in [0, 2³²). Required: no hidden randomness. */
  readonly seed: number;
  /** Number of trees, an integer ≥ 1 (default 200). */
  readonly nEstimators?: number;
  /**
   * Features drawn at each split (sklearn's `max_features`): a fraction in (0, 1) of the k columns (rounded
   * down, at least 1) or an integer count in [1, k]. Default k (all features: bagged trees, sklearn's default
   * for regression).
   */
  readonly maxFeatures?: number;
  /** Largest tree depth, an integer ≥ 1 (default unlimited). */
  readonly maxDepth?: number;
  /** Smallest node that may be split, an integer ≥ 2 (default 2, sklearn's `min_samples_split`). */
  readonly minSamplesSplit?: number;
  /** Smallest number of rows in a leaf, an integer ≥ 1 (default 1, sklearn's `min_samples_leaf`). */
  readonly minSamplesLeaf?: number;
  /** Grow each tree on a bootstrap sample (default true); false grows every tree on all rows. */
  readonly bootstrap?: boolean;
}

/** The fitted trees of a forest (kept as a name for callers of the former ml-random-forest wrapper). */
export type RandomForestModel = readonly RegressionTree[];

/** A fitted random forest. `importance[j]` belongs to `names[j]`. */
export interface RandomForestFit {
  /** The design's column names; `predictRandomForest` needs the same columns in this order. */
  readonly names: readonly string[];
  /** Number of trees grown (default 200). */
  readonly nEstimators: number;
  /** Features drawn at each split (the resolved `maxFeatures`). */
  readonly featuresPerSplit: number;
  /** Largest tree depth allowed (Infinity when unlimited, the default). */
  readonly maxDepth: number;
  /** Smallest node that may be split (default 2). */
  readonly minSamplesSplit: number;
  /** Smallest number of rows in a leaf (default 1). */
  readonly minSamplesLeaf: number;
  /** Whether each tree was grown on a bootstrap sample (default true). */
  readonly bootstrap: boolean;
  /** The seed; tree t drew from `xoshiro128ss(seed, t + 1)`. */
  readonly seed: number;
  /**
   * Mean decrease in squared error per feature (MDI, sklearn's definition, see the module doc); sums to 1
   * (all zeros when no tree made a split).
   */
  readonly importance: Float64Array;
  /** The fitted trees, in growing order. */
  readonly trees: RandomForestModel;
}

/**
 * Fits a seeded random-forest regression (see the module doc).
 *
 * @param design n × k regressors (a `const` column is harmless but never split on), finite
 * @param y n finite responses
 * @param options `seed` (required), `nEstimators`, `maxFeatures`, `maxDepth`, `minSamplesSplit`,
 *   `minSamplesLeaf`, `bootstrap`
 * @throws ModelError on non-finite inputs (naming column and row), fewer than 2 rows or no column
 * @example
 * ```ts ignore
 * const fit = fitRandomForest(design, y, { seed: 1, maxFeatures: 1 / 3 });
 * const yHat = predictRandomForest(fit, testDesign);
 * fit.importance; // one share per design column, summing to 1
 * ```
 */
export function fitRandomForest(
  design: Design,
  y: ArrayLike<number>,
  options: RandomForestOptions,
): RandomForestFit {
  const o = resolveOptions(options, design.k);
  checkRegressionInputs(design, y, { model: "random forest" });
  const { n, k, x } = design;
  if (n < 2) throw new ModelError(`random forest: need at least 2 rows, got ${n}`);
  if (k === 0) throw new ModelError("random forest: the design has no columns");
  const { columns, sorted } = presortColumns(x, n, k);
  const yy = Float64Array.from(y);
  const grower = new TreeGrower(columns, sorted, yy, n, k, o);
  const trees: RegressionTree[] = [];
  const total = new Float64Array(k);
  let used = 0;
  for (let t = 0; t < o.nEstimators; t++) {
    const { tree, importance } = grower.grow(xoshiro128ss(o.seed, t + 1));
    trees.push(tree);
    let s = 0;
    for (let j = 0; j < k; j++) s += importance[j];
    if (s > 0) {
      used++;
      for (let j = 0; j < k; j++) total[j] += importance[j] / s;
    }
  }
  if (used > 0) {
    let s = 0;
    for (let j = 0; j < k; j++) s += total[j];
    for (let j = 0; j < k; j++) total[j] /= s;
  }
  return {
    names: design.names,
    nEstimators: o.nEstimators,
    featuresPerSplit: o.featuresPerSplit,
    maxDepth: o.maxDepth,
    minSamplesSplit: o.minSamplesSplit,
    minSamplesLeaf: o.minSamplesLeaf,
    bootstrap: o.bootstrap,
    seed: o.seed,
    importance: total,
    trees,
  };
}

/**
 * Predictions of a fitted forest (mean over trees) for new rows with the fit's columns, in the same order.
 *
 * @example
 * ```ts ignore
 * predictRandomForest(fit, testDesign); // Float64Array of testDesign.n predictions
 * ```
 */
export function predictRandomForest(fit: RandomForestFit, design: Design): Float64Array {
  checkSameColumns(fit.names, design, "random forest");
  checkRegressionInputs(design, new Float64Array(design.n), { model: "random forest prediction" });
  const { n, k, x } = design;
  const out = new Float64Array(n);
  for (const tree of fit.trees) for (let i = 0; i < n; i++) out[i] += predictTree(tree, x, k, i);
  for (let i = 0; i < n; i++) out[i] /= fit.trees.length;
  return out;
}

function resolveOptions(options: RandomForestOptions, k: number): ResolvedOptions {
  const { seed } = options;
  if (!(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)) {
    throw new RangeError(`seed must be an integer in [0, 2^32), got ${seed}`);
  }
  const nEstimators = options.nEstimators ?? 200;
  if (!(Number.isInteger(nEstimators) && nEstimators >= 1)) {
    throw new RangeError(`nEstimators must be an integer >= 1, got ${nEstimators}`);
  }
  const mf = options.maxFeatures ?? k;
  let featuresPerSplit: number;
  if (mf > 0 && mf < 1) featuresPerSplit = Math.max(1, Math.floor(mf * k));
  else if (Number.isInteger(mf) && mf >= 1 && mf <= k) featuresPerSplit = mf;
  else {
    throw new RangeError(
      `maxFeatures must be a fraction in (0, 1) or an integer count in [1, ${k}] (the design's columns), got ${mf}`,
    );
  }
  const maxDepth = options.maxDepth ?? Infinity;
  if (!(maxDepth === Infinity || (Number.isInteger(maxDepth) && maxDepth >= 1))) {
    throw new RangeError(`maxDepth must be an integer >= 1 (or omitted for unlimited), got ${maxDepth}`);
  }
  const minSamplesSplit = options.minSamplesSplit ?? 2;
  if (!(Number.isInteger(minSamplesSplit) && minSamplesSplit >= 2)) {
    throw new RangeError(`minSamplesSplit must be an integer >= 2, got ${minSamplesSplit}`);
  }
  const minSamplesLeaf = options.minSamplesLeaf ?? 1;
  if (!(Number.isInteger(minSamplesLeaf) && minSamplesLeaf >= 1)) {
    throw new RangeError(`minSamplesLeaf must be an integer >= 1, got ${minSamplesLeaf}`);
  }
  const bootstrap = options.bootstrap ?? true;
  return { seed, nEstimators, featuresPerSplit, maxDepth, minSamplesSplit, minSamplesLeaf, bootstrap };
}
