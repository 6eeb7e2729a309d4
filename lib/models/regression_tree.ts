/**
 * One CART regression tree of the random forest (`random_forest.ts`) and of gradient boosting
 * (`gradient_boosting.ts`), grown on bootstrap weights (all ones for boosting): presorted
 * rows per feature, the best weighted squared-error split among the features drawn at each node, and a stable
 * partition of every feature's sorted segment into the two children, so a tree costs O(k·n·depth).
 *
 * @module
 */

/** One fitted regression tree, as flat arrays indexed by node (node 0 is the root). */
export interface RegressionTree {
  /** Split feature of each node, −1 for a leaf. */
  readonly feature: Int32Array;
  /** Threshold of each internal node (`x ≤ threshold` goes left). */
  readonly threshold: Float64Array;
  /** Index of each internal node's left child (rows with `x ≤ threshold`), −1 for a leaf. */
  readonly left: Int32Array;
  /** Index of each internal node's right child, −1 for a leaf. */
  readonly right: Int32Array;
  /** Prediction of each node (the weighted mean of its in-bag rows). */
  readonly value: Float64Array;
  /** Number of nodes, the length of every array above. */
  readonly nodeCount: number;
  /** Depth of the deepest node (0 for a tree that is a single leaf). */
  readonly depth: number;
}

/**
 * The inputs a {@link TreeGrower} works on: the n × k row-major design copied column-major
 * (`columns[j * n + i]`), and per column every row index sorted by value (ties by row).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const { sorted } = presortColumns(new Float64Array([3, 1, 2]), 3, 1);
 * assertClose(Array.from(sorted), [1, 2, 0], 0);
 * ```
 */
export function presortColumns(
  x: Float64Array,
  n: number,
  k: number,
): { columns: Float64Array; sorted: Int32Array } {
  const columns = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) columns[j * n + i] = x[i * k + j];
  const sorted = new Int32Array(n * k);
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let j = 0; j < k; j++) {
    const col = columns.subarray(j * n, (j + 1) * n);
    idx.sort((a, b) => col[a] - col[b] || a - b);
    sorted.set(idx, j * n);
  }
  return { columns, sorted };
}

/** The leaf value `tree` gives row `i` of the row-major n × k matrix `x` (`x ≤ threshold` goes left). */
export function predictTree(tree: RegressionTree, x: Float64Array, k: number, i: number): number {
  const { feature, threshold, left, right, value } = tree;
  let node = 0;
  while (feature[node] >= 0) node = x[i * k + feature[node]] <= threshold[node] ? left[node] : right[node];
  return value[node];
}

/** Grows trees on one training set; buffers are reused from tree to tree. */
export class TreeGrower {
  private readonly weight: Float64Array;
  private readonly order: Int32Array; // k segments of nb in-bag rows, each node's rows sorted per feature
  private readonly scratch: Int32Array;
  private readonly goesLeft: Uint8Array;
  private readonly features: Int32Array;
  private nb = 0;

  /**
   * Allocates the buffers reused by every tree of one fit.
   *
   * @param columns the n × k design column-major (`columns[j * n + i]`)
   * @param sorted per column, all n row indices sorted by value (ties by row), column-major like `columns`
   * @param y the n responses
   * @param o the forest's validated options
   */
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

  /**
   * Grows one tree: draws its bootstrap weights (n draws with replacement, or all ones) and its split
   * features from `next`, a uint32 generator, and returns the tree with its unnormalized impurity decrease
   * per feature (summed over the tree's splits).
   */
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

/** A forest's options after defaults and checks (`RandomForestOptions` resolved by `fitRandomForest`). */
export interface ResolvedOptions {
  /** Seed of the forest, an integer in [0, 2³²). */
  seed: number;
  /** Number of trees, ≥ 1. */
  nEstimators: number;
  /** Features drawn at each split, in [1, k]. */
  featuresPerSplit: number;
  /** Largest depth, ≥ 1 or Infinity. */
  maxDepth: number;
  /** Smallest node that may be split, ≥ 2. */
  minSamplesSplit: number;
  /** Smallest leaf, ≥ 1. */
  minSamplesLeaf: number;
  /** Bootstrap sample per tree (true) or all rows (false). */
  bootstrap: boolean;
}
