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
import { checkRegressionInputs, checkSameColumns } from "./ridge.ts";

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

/** One fitted regression tree, as flat arrays indexed by node (node 0 is the root). */
export interface RegressionTree {
  /** Split feature of each node, −1 for a leaf. */
  readonly feature: Int32Array;
  /** Threshold of each internal node (`x ≤ threshold` goes left). */
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Prediction of each node (the weighted mean of its in-bag rows). */
  readonly value: Float64Array;
  readonly nodeCount: number;
  readonly depth: number;
}

/** The fitted trees of a forest (kept as a name for callers of the former ml-random-forest wrapper). */
export type RandomForestModel = readonly RegressionTree[];

/** A fitted random forest. `importance[j]` belongs to `names[j]`. */
export interface RandomForestFit {
  readonly names: readonly string[];
  readonly nEstimators: number;
  /** Features drawn at each split (the resolved `maxFeatures`). */
  readonly featuresPerSplit: number;
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  readonly bootstrap: boolean;
  readonly seed: number;
  /** Mean decrease in squared error per feature (MDI, sklearn's definition, see the module doc); sums to 1. */
  readonly importance: Float64Array;
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
  checkRegressionInputs(design, y, "random forest");
  const { n, k, x } = design;
  if (n < 2) throw new ModelError(`random forest: need at least 2 rows, got ${n}`);
  if (k === 0) throw new ModelError("random forest: the design has no columns");
  const columns = new Float64Array(n * k); // column-major copy: columns[j * n + i]
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) columns[j * n + i] = x[i * k + j];
  const sorted = new Int32Array(n * k); // all rows of each column, sorted by value
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let j = 0; j < k; j++) {
    const col = columns.subarray(j * n, (j + 1) * n);
    idx.sort((a, b) => col[a] - col[b] || a - b);
    sorted.set(idx, j * n);
  }
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
  checkRegressionInputs(design, new Float64Array(design.n), "random forest prediction");
  const { n, k, x } = design;
  const out = new Float64Array(n);
  for (const tree of fit.trees) {
    const { feature, threshold, left, right, value } = tree;
    for (let i = 0; i < n; i++) {
      let node = 0;
      while (feature[node] >= 0) {
        node = x[i * k + feature[node]] <= threshold[node] ? left[node] : right[node];
      }
      out[i] += value[node];
    }
  }
  for (let i = 0; i < n; i++) out[i] /= fit.trees.length;
  return out;
}

/** Grows trees on one training set; buffers are reused from tree to tree. */
class TreeGrower {
  private readonly weight: Float64Array;
  private readonly order: Int32Array; // k segments of nb in-bag rows, each node's rows sorted per feature
  private readonly scratch: Int32Array;
  private readonly goesLeft: Uint8Array;
  private readonly features: Int32Array;
  private nb = 0;

  constructor(
    private readonly columns: Float64Array,
    private readonly sorted: Int32Array,
    private readonly y: Float64Array,
    private readonly n: number,
    private readonly k: number,
    private readonly o: ResolvedOptions,
  ) {
    this.weight = new Float64Array(n);
    this.order = new Int32Array(n * k);
    this.scratch = new Int32Array(n);
    this.goesLeft = new Uint8Array(n);
    this.features = Int32Array.from({ length: k }, (_, j) => j);
  }

  grow(next: () => number): { tree: RegressionTree; importance: Float64Array } {
    const { n, k, weight, order, sorted } = this;
    if (this.o.bootstrap) {
      weight.fill(0);
      for (let d = 0; d < n; d++) weight[uniformInt(next, n)] += 1;
    } else weight.fill(1);
    let nb = 0;
    for (let i = 0; i < n; i++) if (weight[i] > 0) nb++;
    this.nb = nb;
    for (let j = 0; j < k; j++) {
      let p = j * nb;
      for (let r = j * n; r < (j + 1) * n; r++) if (weight[sorted[r]] > 0) order[p++] = sorted[r];
    }
    const cap = 2 * nb - 1;
    const tree = {
      feature: new Int32Array(cap).fill(-1),
      threshold: new Float64Array(cap),
      left: new Int32Array(cap).fill(-1),
      right: new Int32Array(cap).fill(-1),
      value: new Float64Array(cap),
    };
    const importance = new Float64Array(k);
    let count = 1, depth = 0;
    // explicit stack of (node, start, end, depth)
    const stack: number[] = [0, 0, nb, 0];
    while (stack.length > 0) {
      const d = stack.pop()!, end = stack.pop()!, start = stack.pop()!, node = stack.pop()!;
      if (d > depth) depth = d;
      let w = 0, s = 0, ss = 0;
      for (let p = start; p < end; p++) {
        const i = order[p], wi = weight[i], yi = this.y[i];
        w += wi;
        s += wi * yi;
        ss += wi * yi * yi;
      }
      tree.value[node] = s / w;
      const sse = ss - (s * s) / w;
      const rows = end - start;
      if (
        rows < this.o.minSamplesSplit || rows < 2 * this.o.minSamplesLeaf || d >= this.o.maxDepth ||
        !(sse > 1e-12 * Math.max(ss, 1e-300))
      ) continue;
      const split = this.bestSplit(start, end, w, s, next);
      if (split === null) continue;
      importance[split.feature] += Math.max(split.gain, 0);
      const nLeft = this.partition(start, end, split.feature, split.threshold);
      const l = count++, r = count++;
      tree.feature[node] = split.feature;
      tree.threshold[node] = split.threshold;
      tree.left[node] = l;
      tree.right[node] = r;
      stack.push(r, start + nLeft, end, d + 1, l, start, start + nLeft, d + 1);
    }
    return {
      tree: {
        feature: tree.feature.slice(0, count),
        threshold: tree.threshold.slice(0, count),
        left: tree.left.slice(0, count),
        right: tree.right.slice(0, count),
        value: tree.value.slice(0, count),
        nodeCount: count,
        depth,
      },
      importance,
    };
  }

  /** The best split among up to m drawn non-constant features, or null; `gain` is the weighted SSE decrease. */
  private bestSplit(
    start: number,
    end: number,
    w: number,
    s: number,
    next: () => number,
  ): { feature: number; threshold: number; gain: number } | null {
    const { n, k, nb, order, weight, columns, features } = this;
    const minLeaf = this.o.minSamplesLeaf;
    const parentScore = (s * s) / w;
    let bestScore = -Infinity, bestFeature = -1, bestThreshold = 0;
    let visited = 0, drawn = 0;
    // partial Fisher–Yates over the feature list: features[0..drawn) are the draws so far
    while (visited < this.o.featuresPerSplit && drawn < k) {
      const pick = drawn + uniformInt(next, k - drawn);
      const f = features[pick];
      features[pick] = features[drawn];
      features[drawn] = f;
      drawn++;
      const seg = f * nb, col = f * n;
      if (columns[col + order[seg + end - 1]] <= columns[col + order[seg + start]]) continue; // constant
      visited++;
      let wl = 0, sl = 0;
      for (let p = start; p < end - 1; p++) {
        const i = order[seg + p];
        wl += weight[i];
        sl += weight[i] * this.y[i];
        const rowsLeft = p - start + 1;
        if (rowsLeft < minLeaf) continue;
        if (end - start - rowsLeft < minLeaf) break;
        const xi = columns[col + i], xn = columns[col + order[seg + p + 1]];
        if (!(xn > xi)) continue; // no threshold between equal values
        const wr = w - wl, sr = s - sl;
        const score = (sl * sl) / wl + (sr * sr) / wr;
        if (score > bestScore) {
          bestScore = score;
          bestFeature = f;
          let t = xi / 2 + xn / 2;
          if (!(t < xn)) t = xi; // rounding can land on the upper value (sklearn's rule)
          bestThreshold = t;
        }
      }
    }
    if (bestFeature < 0) return null;
    return { feature: bestFeature, threshold: bestThreshold, gain: bestScore - parentScore };
  }

  /** Stable-partitions every feature's segment [start, end) into rows with x_f ≤ t, then the rest. */
  private partition(start: number, end: number, f: number, t: number): number {
    const { n, k, nb, order, columns, goesLeft, scratch } = this;
    let nLeft = 0;
    for (let p = start; p < end; p++) {
      const i = order[f * nb + p];
      const left = columns[f * n + i] <= t;
      goesLeft[i] = left ? 1 : 0;
      if (left) nLeft++;
    }
    for (let j = 0; j < k; j++) {
      const seg = j * nb;
      let a = seg + start, b = 0;
      for (let p = seg + start; p < seg + end; p++) {
        const i = order[p];
        if (goesLeft[i]) order[a++] = i;
        else scratch[b++] = i;
      }
      order.set(scratch.subarray(0, b), a);
    }
    return nLeft;
  }
}

/** A uniform integer in [0, m) from a uint32 generator (multiply-shift; bias below m / 2³², negligible here). */
function uniformInt(next: () => number, m: number): number {
  return Math.floor((next() / 4294967296) * m);
}

interface ResolvedOptions {
  seed: number;
  nEstimators: number;
  featuresPerSplit: number;
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  bootstrap: boolean;
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
