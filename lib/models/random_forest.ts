/**
 * Random-forest regression: a seeded, typed wrapper over `ml-random-forest`'s `RandomForestRegression`
 * (Breiman 2001), with scikit-learn-style impurity importances.
 *
 * Each of `nEstimators` regression trees (CART, squared error; `ml-cart`) is grown on a bootstrap sample of the
 * rows and predictions are averaged. Read next to scikit-learn's `RandomForestRegressor`, the differences are:
 *
 * - **Features are drawn once per tree, not at every split.** `maxFeatures` features are sampled (without
 *   replacement) for a whole tree. With fewer than all features this is a random-subspace ensemble (Ho 1998),
 *   much weaker than sklearn's per-split sampling: on Friedman #1 (200 rows, 10 features) using 3 of 10 features
 *   per tree gave a test R² of 0.46 against sklearn's 0.71 at `max_features = 1/3`. The default is therefore all
 *   features (bagged trees), which is also sklearn's default (`max_features = 1.0`): test R² 0.76 here against
 *   sklearn's 0.78 (`tests/fixtures/forest.py`).
 * - **Split search is quadratic in the rows at each node** (every midpoint between consecutive sorted values is
 *   scored by re-partitioning the node), so a tree costs about O(k·n²·depth) instead of O(k·n log n). Measured
 *   (`bench/forest_bench.ts`, Deno 2.9.6, one core of a shared machine), 200 trees on 10 features: 104 rows
 *   ≈ 0.6 s, 200 rows ≈ 1.5 s, 400 rows ≈ 5–6 s, 1,000 rows ≈ 30 s (from 5 trees); the cost grows a little
 *   slower than n². That is fine for ~150 weekly rows and impractical for a 6,240-row geo panel (extrapolated:
 *   15–20 minutes per fit, times every cross-validation fold), so fits above `maxRows` (default 1,000) throw a
 *   `ModelError` instead of appearing to hang.
 * - **Stopping rules.** `minSamplesSplit` has sklearn's meaning (a node with fewer rows is a leaf; ml-cart's
 *   `minNumSamples = minSamplesSplit − 1`); there is no minimum leaf size (ml-cart has none). `maxDepth` has
 *   sklearn's meaning. ml-cart also stops when the best split leaves zero squared error in both children (it then
 *   predicts the node mean instead of splitting), which sklearn would split.
 * - **Impurity importance.** `importance` is the mean decrease in squared error (Breiman's MDI, sklearn's
 *   `feature_importances_`): for each tree, the sum over its splits on feature j of
 *   `SSE(node) − SSE(left) − SSE(right)`, normalized to sum 1, averaged over trees with at least one split, and
 *   normalized again. sklearn evaluates the decreases on each tree's bootstrap sample; ml-random-forest does not
 *   keep the bootstrap draws, so here they are evaluated on the full training set routed through each tree. On
 *   Friedman #1 this is within 0.06 (sum of absolute differences) of sklearn's values. The library's own
 *   `featureImportance()` (exists at runtime, missing from its typings) is returned as `libraryImportance` for
 *   reference only: for regression trees ml-cart stores the children's squared error as the node's "gain", so that
 *   method weights a split by the error left after it, not by the error it removes (0.48 away from sklearn's
 *   importances on the same data).
 * - **No out-of-bag score** (`noOOB: true` is always passed): OOB rows of a weekly series are not a fair test set
 *   (neighbouring weeks are in the bag), and with few trees some rows have no OOB prediction, which makes the
 *   library throw. Use time-series cross-validation instead.
 * - `seed` is required and must be an integer in [0, 2³²) (the library truncates it to 32 bits); two fits with the
 *   same seed and data are identical.
 *
 * References: Breiman (2001), "Random forests", Machine Learning 45; Ho (1998), "The random subspace method for
 * constructing decision forests", IEEE PAMI 20(8); Louppe et al. (2013), "Understanding variable importances in
 * forests of randomized trees", NeurIPS; scikit-learn 1.2 `sklearn.ensemble.RandomForestRegressor`
 * <https://scikit-learn.org/1.2/modules/generated/sklearn.ensemble.RandomForestRegressor.html>;
 * ml-random-forest 2.1.0 and ml-cart 2.1.1 sources (`RandomForestBase.js`, `TreeNode.js`).
 *
 * @module
 */

import { RandomForestRegression } from "ml-random-forest";
import type { Design } from "../features/design.ts";
import { ModelError } from "../errors.ts";
import { checkRegressionInputs, checkSameColumns } from "./ridge.ts";

/** Options of {@link fitRandomForest}. */
export interface RandomForestOptions {
  /** Seed of the bootstrap and feature draws: an integer in [0, 2³²). Required: no hidden randomness. */
  readonly seed: number;
  /** Number of trees, an integer ≥ 1 (default 200). */
  readonly nEstimators?: number;
  /**
   * Features per tree (drawn once per tree, see the module doc): a fraction in (0, 1) of the k columns (rounded
   * down, at least 1) or an integer count in [1, k]. Default k (all features: bagged trees, sklearn's default).
   */
  readonly maxFeatures?: number;
  /** Largest tree depth, an integer ≥ 1 (default unlimited). */
  readonly maxDepth?: number;
  /** Smallest node that may be split, an integer ≥ 2 (default 2, sklearn's `min_samples_split`). */
  readonly minSamplesSplit?: number;
  /** Refuse training sets with more rows than this (default 1,000; the split search is quadratic in rows). */
  readonly maxRows?: number;
}

/** The typed surface of a trained `ml-random-forest` model that this module uses. */
export interface RandomForestModel {
  predict(rows: number[][]): number[];
}

/** A fitted random forest. `importance[j]` belongs to `names[j]`. */
export interface RandomForestFit {
  readonly names: readonly string[];
  readonly nEstimators: number;
  /** Features drawn for each tree (the resolved `maxFeatures`). */
  readonly featuresPerTree: number;
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly seed: number;
  /** Mean decrease in squared error per feature (sklearn's definition, see the module doc); sums to 1. */
  readonly importance: Float64Array;
  /** ml-random-forest's own `featureImportance()`, for reference only (see the module doc); sums to 1. */
  readonly libraryImportance: Float64Array;
  /** The trained forest (opaque; use {@link predictRandomForest}). */
  readonly model: RandomForestModel;
}

/**
 * Fits a seeded random-forest regression (bagged CART trees) through `ml-random-forest`. See the module doc for
 * how it differs from scikit-learn's `RandomForestRegressor`.
 *
 * @param design n × k regressors (a `const` column is harmless but useless), finite; `n ≤ maxRows`
 * @param y n finite responses
 * @param options `seed` (required), `nEstimators`, `maxFeatures`, `maxDepth`, `minSamplesSplit`, `maxRows`
 * @throws ModelError on non-finite inputs (naming column and row) or more than `maxRows` rows
 * @example
 * const fit = fitRandomForest(design, y, { seed: 1 });
 * const yHat = predictRandomForest(fit, testDesign);
 * fit.importance; // one share per design column, summing to 1
 */
export function fitRandomForest(
  design: Design,
  y: ArrayLike<number>,
  options: RandomForestOptions,
): RandomForestFit {
  const o = resolveOptions(options, design.k);
  checkRegressionInputs(design, y, "random forest");
  const { n, k } = design;
  if (n < 2) throw new ModelError(`random forest: need at least 2 rows, got ${n}`);
  if (k === 0) throw new ModelError("random forest: the design has no columns");
  if (n > o.maxRows) {
    throw new ModelError(
      `random forest: ${n} rows exceed maxRows = ${o.maxRows}. ml-random-forest's split search is quadratic in ` +
        `the rows of each node (200 trees take ≈ 0.6 s on 104 rows, ≈ 30 s on 1,000, growing with n²); ` +
        `aggregate the rows (e.g. a national weekly series), subsample them, or raise maxRows knowingly`,
    );
  }
  const rows = toRows(design);
  const targets = Array.from(y);
  const forest = new RandomForestRegression({
    nEstimators: o.nEstimators,
    maxFeatures: libraryMaxFeatures(o.featuresPerTree, k),
    replacement: false,
    useSampleBagging: true,
    noOOB: true,
    selectionMethod: "mean",
    seed: o.seed,
    treeOptions: {
      minNumSamples: o.minSamplesSplit - 1,
      ...(Number.isFinite(o.maxDepth) ? { maxDepth: o.maxDepth } : {}),
    },
  });
  forest.train(rows, targets);
  const internals = forest as unknown as ForestInternals;
  return {
    names: design.names,
    nEstimators: o.nEstimators,
    featuresPerTree: o.featuresPerTree,
    maxDepth: o.maxDepth,
    minSamplesSplit: o.minSamplesSplit,
    seed: o.seed,
    importance: impurityImportance(internals, rows, targets, k),
    libraryImportance: Float64Array.from(internals.featureImportance()),
    model: forest,
  };
}

/**
 * Predictions of a fitted forest (mean over trees) for new rows with the fit's columns, in the same order.
 *
 * @example
 * predictRandomForest(fit, testDesign); // Float64Array of testDesign.n predictions
 */
export function predictRandomForest(fit: RandomForestFit, design: Design): Float64Array {
  checkSameColumns(fit.names, design, "random forest");
  checkRegressionInputs(design, new Float64Array(design.n), "random forest prediction");
  if (design.n === 0) return new Float64Array(0);
  return Float64Array.from(fit.model.predict(toRows(design)));
}

/** A node of an ml-cart regression tree, as trained (only the fields read here). */
interface TreeNode {
  readonly left?: TreeNode;
  readonly right?: TreeNode;
  readonly splitColumn?: number;
  readonly splitValue?: number;
}

/** Runtime members of `RandomForestRegression` missing from its typings. */
interface ForestInternals {
  readonly estimators: readonly { readonly root: TreeNode }[];
  /** For each tree, the design columns it was trained on (tree column c is design column indexes[t][c]). */
  readonly indexes: readonly (readonly number[])[];
  featureImportance(): number[];
}

/**
 * Mean decrease in squared error per feature, with the training rows routed through each tree (ml-cart sends
 * `x < splitValue` left, as its `classify` does; a node is internal iff it has both children).
 */
function impurityImportance(forest: ForestInternals, rows: number[][], y: number[], k: number): Float64Array {
  const total = new Float64Array(k);
  const perTree = new Float64Array(k);
  let used = 0;
  const sse = (ids: Int32Array): number => {
    if (ids.length === 0) return 0;
    let m = 0;
    for (const i of ids) m += y[i];
    m /= ids.length;
    let s = 0;
    for (const i of ids) s += (y[i] - m) * (y[i] - m);
    return s;
  };
  forest.estimators.forEach((tree, t) => {
    const columns = forest.indexes[t];
    perTree.fill(0);
    const visit = (node: TreeNode, ids: Int32Array, nodeSse: number): void => {
      if (!node.left || !node.right || node.splitColumn === undefined || node.splitValue === undefined) {
        return;
      }
      const feature = columns[node.splitColumn];
      const goLeft = ids.filter((i) => rows[i][feature] < node.splitValue!);
      const goRight = ids.filter((i) => !(rows[i][feature] < node.splitValue!));
      const leftSse = sse(goLeft), rightSse = sse(goRight);
      perTree[feature] += Math.max(nodeSse - leftSse - rightSse, 0);
      visit(node.left, goLeft, leftSse);
      visit(node.right, goRight, rightSse);
    };
    const all = Int32Array.from(y.keys());
    visit(tree.root, all, sse(all));
    let s = 0;
    for (let j = 0; j < k; j++) s += perTree[j];
    if (s > 0) {
      used++;
      for (let j = 0; j < k; j++) total[j] += perTree[j] / s;
    }
  });
  if (used === 0) return total; // no tree split: no feature carries any importance
  let s = 0;
  for (let j = 0; j < k; j++) s += total[j];
  for (let j = 0; j < k; j++) total[j] /= s;
  return total;
}

interface ResolvedOptions {
  seed: number;
  nEstimators: number;
  featuresPerTree: number;
  maxDepth: number;
  minSamplesSplit: number;
  maxRows: number;
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
  let featuresPerTree: number;
  if (mf > 0 && mf < 1) featuresPerTree = Math.max(1, Math.floor(mf * k));
  else if (Number.isInteger(mf) && mf >= 1 && mf <= k) featuresPerTree = mf;
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
  const maxRows = options.maxRows ?? 1000;
  if (!(Number.isInteger(maxRows) && maxRows >= 1)) {
    throw new RangeError(`maxRows must be an integer >= 1, got ${maxRows}`);
  }
  return { seed, nEstimators, featuresPerTree, maxDepth, minSamplesSplit, maxRows };
}

/**
 * The `maxFeatures` value that makes ml-random-forest draw exactly `m` of `k` features. The library reads any
 * number in (0, 1] as a fraction (`floor(k · f)`) and integers above 1 as counts, so a count of 1 out of k > 1
 * must be passed as a fraction that rounds down to 1.
 */
function libraryMaxFeatures(m: number, k: number): number {
  if (m === k) return k;
  return m >= 2 ? m : 1.5 / k;
}

function toRows(design: Design): number[][] {
  const { n, k, x } = design;
  const rows = new Array<number[]>(n);
  for (let i = 0; i < n; i++) rows[i] = Array.from(x.subarray(i * k, (i + 1) * k));
  return rows;
}
