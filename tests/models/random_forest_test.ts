/**
 * Random forest against scikit-learn 1.2.1 (`tests/fixtures/forest.py` → `forest.json`), Friedman #1 with 200
 * training and 100 test rows, 10 features of which 5 are informative.
 *
 * - One tree on all rows with every feature (no bootstrap) is deterministic CART: its test predictions, node
 *   count, depth and importances equal sklearn's `DecisionTreeRegressor` (continuous features, so no ties
 *   between candidate splits), with and without `min_samples_leaf`, `max_depth`, `min_samples_split`.
 * - Forests cannot agree bit for bit (different bootstrap and feature draws), so: test R² ≥ sklearn's − 0.05
 *   at `max_features` 1.0 and 1/3 (200 trees each); every informative feature ranks above every noise
 *   feature; sum of absolute importance differences to sklearn's ≤ 0.10.
 */
import { fitRandomForest, predictRandomForest } from "../../lib/models/random_forest.ts";
import type { Design } from "../../lib/features/design.ts";
import { ModelError } from "../../lib/errors.ts";
import { assert, assertAlmostEquals, assertArrayClose, assertEquals, assertThrows } from "../assert.ts";
import fixture from "../fixtures/forest.json" with { type: "json" };

const k = fixture.k;
const train: Design = { names: fixture.names, n: fixture.nTrain, k, x: Float64Array.from(fixture.xTrain) };
const test: Design = { names: fixture.names, n: fixture.nTest, k, x: Float64Array.from(fixture.xTest) };
const yTrain = Float64Array.from(fixture.yTrain);
const yTest = Float64Array.from(fixture.yTest);
const sklearnAll = fixture.sklearn.find((s) => s.maxFeatures === 1)!;
const sklearnThird = fixture.sklearn.find((s) => s.maxFeatures < 1)!;

/** R² = 1 − SS_res / SS_tot, written out here (not the code under test). */
function r2(y: ArrayLike<number>, yHat: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i] / y.length;
  let ssRes = 0, ssTot = 0;
  for (let i = 0; i < y.length; i++) {
    ssRes += (y[i] - yHat[i]) ** 2;
    ssTot += (y[i] - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}

const fit = fitRandomForest(train, yTrain, { seed: 1 });

Deno.test("one tree without bootstrap equals sklearn's DecisionTreeRegressor (predictions, size, importance)", () => {
  for (const ref of fixture.tree) {
    const p = ref.params as Record<string, number>;
    const tree = fitRandomForest(train, yTrain, {
      seed: 0,
      nEstimators: 1,
      bootstrap: false,
      ...(p.min_samples_leaf ? { minSamplesLeaf: p.min_samples_leaf } : {}),
      ...(p.min_samples_split ? { minSamplesSplit: p.min_samples_split } : {}),
      ...(p.max_depth ? { maxDepth: p.max_depth } : {}),
    });
    const label = JSON.stringify(p);
    assertEquals(tree.trees[0].nodeCount, ref.nodeCount, label);
    assertEquals(tree.trees[0].depth, ref.depth, label);
    if (p.min_samples_leaf) {
      // leaves of ≥ 3 rows: no two features give the same partition, so the trees are the same
      assertArrayClose(predictRandomForest(tree, test), ref.testPrediction, 1e-10, 1e-12, label);
      assertArrayClose(tree.importance, ref.importance, 1e-10, 1e-12, label);
    } else {
      // nodes of 2–3 rows can be split alike by several features (a tie broken differently): the partitions,
      // and so the node count and depth, agree; thresholds and the credited feature can differ
      let l1 = 0;
      for (let j = 0; j < k; j++) l1 += Math.abs(tree.importance[j] - ref.importance[j]);
      assert(l1 <= 0.03, `${label}: importance differs by ${l1}`);
    }
    if (p.max_depth) {
      assertArrayClose(predictRandomForest(tree, test), ref.testPrediction, 1e-10, 1e-12, label);
    }
  }
});

Deno.test("fitRandomForest's test R² is within 0.05 of sklearn's, with all features and a third per split", () => {
  const ours = r2(yTest, predictRandomForest(fit, test));
  assert(
    ours >= sklearnAll.testR2 - 0.05,
    `test R² ${ours.toFixed(4)} vs sklearn ${sklearnAll.testR2.toFixed(4)}`,
  );
  assert(ours <= fixture.oracleTestR2, `test R² ${ours} above the noise-free oracle ${fixture.oracleTestR2}`);
  const third = fitRandomForest(train, yTrain, { seed: 1, maxFeatures: 1 / 3 });
  assertEquals(third.featuresPerSplit, 3);
  const oursThird = r2(yTest, predictRandomForest(third, test));
  assert(
    oursThird >= sklearnThird.testR2 - 0.05,
    `max_features 1/3: test R² ${oursThird.toFixed(4)} vs sklearn ${sklearnThird.testR2.toFixed(4)}`,
  );
});

Deno.test("fitRandomForest ranks every informative feature above every noise feature", () => {
  const informative = new Set(fixture.informative);
  const lowestInformative = Math.min(...fixture.informative.map((j) => fit.importance[j]));
  const highestNoise = Math.max(
    ...[...fit.importance.keys()].filter((j) => !informative.has(j)).map((j) => fit.importance[j]),
  );
  assert(lowestInformative > highestNoise, `importance ${[...fit.importance].map((v) => v.toFixed(3))}`);
  assertEquals(fit.importance.indexOf(Math.max(...fit.importance)), sklearnAll.rankByImportance[0]);
});

Deno.test("fitRandomForest's impurity importance is close to sklearn's feature_importances_", () => {
  let l1 = 0;
  for (let j = 0; j < k; j++) l1 += Math.abs(fit.importance[j] - sklearnAll.importance[j]);
  assert(l1 <= 0.1, `sum |ours − sklearn| = ${l1.toFixed(3)}`);
  assertAlmostEquals(fit.importance.reduce((a, b) => a + b), 1, 1e-12);
  assert(fit.importance.every((v) => v >= 0));
});

Deno.test("fitRandomForest is deterministic for a seed, varies with it, and nests smaller forests", () => {
  const options = { seed: 12345, nEstimators: 20 };
  const a = predictRandomForest(fitRandomForest(train, yTrain, options), test);
  const b = predictRandomForest(fitRandomForest(train, yTrain, options), test);
  assertEquals(a, b);
  const c = predictRandomForest(fitRandomForest(train, yTrain, { ...options, seed: 54321 }), test);
  assert(a.some((v, i) => v !== c[i]), "a different seed gave identical predictions");
  const big = fitRandomForest(train, yTrain, { ...options, nEstimators: 30 });
  const first20 = predictRandomForest({ ...big, trees: big.trees.slice(0, 20) }, test);
  assertArrayClose(first20, a, 1e-12);
});

Deno.test("fitRandomForest samples features at every split, not once per tree", () => {
  const f = fitRandomForest(train, yTrain, { seed: 3, nEstimators: 20, maxFeatures: 1, maxDepth: 3 });
  assertEquals(f.featuresPerSplit, 1);
  // with one feature per tree every split of a tree would use the same feature
  const mixed = f.trees.filter((t) => new Set([...t.feature].filter((j) => j >= 0)).size > 1).length;
  assert(mixed >= 15, `${mixed} of 20 trees split on more than one feature`);
  // stumps with one feature per split: the root feature is drawn uniformly, so all 10 appear in 200 stumps
  const stumps = fitRandomForest(train, yTrain, { seed: 3, nEstimators: 200, maxFeatures: 1, maxDepth: 1 });
  assertEquals(new Set(stumps.trees.map((t) => t.feature[0])).size, k);
  for (const [maxFeatures, expected] of [[2, 2], [0.5, 5], [0.05, 1], [k, k]]) {
    assertEquals(
      fitRandomForest(train, yTrain, { seed: 3, nEstimators: 1, maxFeatures }).featuresPerSplit,
      expected,
    );
  }
});

Deno.test("a feature constant in a node is never split on and does not use up a draw", () => {
  const n = 60;
  const x = new Float64Array(n * 3);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i * 3] = 1; // const
    x[i * 3 + 1] = 7; // another constant
    x[i * 3 + 2] = i;
    y[i] = i < 30 ? 0 : 10;
  }
  const d: Design = { names: ["const", "flat", "t"], n, k: 3, x };
  const f = fitRandomForest(d, y, { seed: 5, nEstimators: 10, maxFeatures: 1, bootstrap: false });
  assert(f.trees.every((t) => t.nodeCount > 1 && [...t.feature].every((j) => j === -1 || j === 2)));
  assertArrayClose(f.importance, [0, 0, 1], 1e-12);
  assertArrayClose(predictRandomForest(f, d), y, 1e-12);
});

Deno.test("fitRandomForest with maxDepth = 1 grows stumps and honours minSamplesLeaf", () => {
  const f = fitRandomForest(train, yTrain, { seed: 2, nEstimators: 10, maxDepth: 1 });
  assert(f.trees.every((t) => t.depth === 1 && t.nodeCount === 3));
  const leafy = fitRandomForest(train, yTrain, {
    seed: 2,
    nEstimators: 5,
    minSamplesLeaf: 20,
    bootstrap: false,
  });
  // count training rows per leaf by routing them
  for (const t of leafy.trees) {
    const counts = new Map<number, number>();
    for (let i = 0; i < train.n; i++) {
      let node = 0;
      while (t.feature[node] >= 0) {
        node = train.x[i * k + t.feature[node]] <= t.threshold[node] ? t.left[node] : t.right[node];
      }
      counts.set(node, (counts.get(node) ?? 0) + 1);
    }
    assert([...counts.values()].every((c) => c >= 20), `leaf sizes ${[...counts.values()]}`);
  }
});

Deno.test("fitRandomForest refuses NaN input and bad options with clear errors", () => {
  const x = Float64Array.from(train.x);
  x[7 * k + 2] = NaN;
  const err = assertThrows(
    () => fitRandomForest({ ...train, x }, yTrain, { seed: 1 }),
    ModelError,
    'column "x2"',
  );
  assert(err.message.includes("row 7"), err.message);
  assertThrows(() => fitRandomForest(train, yTrain, { seed: 1.5 }), RangeError, "seed");
  assertThrows(() => fitRandomForest(train, yTrain, { seed: -1 }), RangeError, "seed");
  assertThrows(() => fitRandomForest(train, yTrain, { seed: 1, maxFeatures: 11 }), RangeError, "maxFeatures");
  assertThrows(
    () => fitRandomForest(train, yTrain, { seed: 1, maxFeatures: 2.5 }),
    RangeError,
    "maxFeatures",
  );
  assertThrows(
    () => fitRandomForest(train, yTrain, { seed: 1, minSamplesSplit: 1 }),
    RangeError,
    "minSamplesSplit",
  );
  assertThrows(
    () => fitRandomForest(train, yTrain, { seed: 1, minSamplesLeaf: 0 }),
    RangeError,
    "minSamplesLeaf",
  );
  assertThrows(() => fitRandomForest(train, yTrain, { seed: 1, nEstimators: 0 }), RangeError, "nEstimators");
});

Deno.test("predictRandomForest refuses a design with other columns", () => {
  const other: Design = { ...test, names: test.names.map((name, j) => (j === 3 ? "tv" : name)) };
  assertThrows(() => predictRandomForest(fit, other), ModelError, "differ");
});

Deno.test("fitRandomForest has no row limit: a 6,240-row panel-sized design fits and predicts", () => {
  const n = 6240, kk = 20;
  let s = 11;
  const u = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const x = new Float64Array(n * kk);
  const yy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < kk; j++) x[i * kk + j] = u();
    yy[i] = 10 * x[i * kk] + 5 * (x[i * kk + 1] > 0.5 ? 1 : 0) + u();
  }
  const d: Design = { names: Array.from({ length: kk }, (_, j) => `x${j}`), n, k: kk, x };
  const f = fitRandomForest(d, yy, { seed: 1, nEstimators: 5, maxFeatures: 1 / 3, minSamplesLeaf: 5 });
  assert(r2(yy, predictRandomForest(f, d)) > 0.9);
  assert(f.importance[0] > f.importance[1] && f.importance[1] > Math.max(...f.importance.slice(2)));
});
