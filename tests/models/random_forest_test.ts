/**
 * Random forest against scikit-learn 1.2.1's RandomForestRegressor (`tests/fixtures/forest.py` →
 * `forest.json`), Friedman #1 with 200 training and 100 test rows, 10 features of which 5 are informative.
 *
 * Not bit-for-bit (different bootstrap draws; ml-random-forest samples features per tree, not per split), so:
 * - accuracy band: our test R² ≥ sklearn's test R² − 0.10 (both with all features per tree/split, 200 trees);
 * - ranking: every informative feature has a larger importance than every noise feature;
 * - importance values: sum of absolute differences to sklearn's `feature_importances_` ≤ 0.15 (measured 0.06).
 */
import { fitRandomForest, predictRandomForest } from "../../lib/models/random_forest.ts";
import type { Design } from "../../lib/features/design.ts";
import { ModelError } from "../../lib/errors.ts";
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";
import fixture from "../fixtures/forest.json" with { type: "json" };

const k = fixture.k;
const train: Design = { names: fixture.names, n: fixture.nTrain, k, x: Float64Array.from(fixture.xTrain) };
const test: Design = { names: fixture.names, n: fixture.nTest, k, x: Float64Array.from(fixture.xTest) };
const yTrain = Float64Array.from(fixture.yTrain);
const yTest = Float64Array.from(fixture.yTest);
const sklearnAll = fixture.sklearn.find((s) => s.maxFeatures === 1)!;

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

// one 200-tree fit shared by the accuracy and importance tests (≈ 1.5 s)
const fit = fitRandomForest(train, yTrain, { seed: 1 });

Deno.test("fitRandomForest's test R² is within 0.10 of sklearn's RandomForestRegressor", () => {
  const ours = r2(yTest, predictRandomForest(fit, test));
  assert(
    ours >= sklearnAll.testR2 - 0.1,
    `test R² ${ours.toFixed(4)} < sklearn ${sklearnAll.testR2.toFixed(4)} − 0.10`,
  );
  assert(ours <= fixture.oracleTestR2, `test R² ${ours} above the noise-free oracle ${fixture.oracleTestR2}`);
});

Deno.test("fitRandomForest ranks every informative feature above every noise feature", () => {
  const informative = new Set(fixture.informative);
  const lowestInformative = Math.min(...fixture.informative.map((j) => fit.importance[j]));
  const highestNoise = Math.max(
    ...[...fit.importance.keys()].filter((j) => !informative.has(j)).map((j) => fit.importance[j]),
  );
  assert(lowestInformative > highestNoise, `importance ${[...fit.importance].map((v) => v.toFixed(3))}`);
  // sklearn's ranking of the informative features has x3 first
  assertEquals(fit.importance.indexOf(Math.max(...fit.importance)), sklearnAll.rankByImportance[0]);
});

Deno.test("fitRandomForest's impurity importance is close to sklearn's feature_importances_", () => {
  let l1 = 0;
  for (let j = 0; j < k; j++) l1 += Math.abs(fit.importance[j] - sklearnAll.importance[j]);
  assert(l1 <= 0.15, `sum |ours − sklearn| = ${l1.toFixed(3)}`);
  assertAlmostEquals(fit.importance.reduce((a, b) => a + b), 1, 1e-12);
  assert(fit.importance.every((v) => v >= 0));
  assertEquals(fit.libraryImportance.length, k);
  assertAlmostEquals(fit.libraryImportance.reduce((a, b) => a + b), 1, 1e-12);
});

Deno.test("fitRandomForest is deterministic for a seed and varies with it", () => {
  const options = { seed: 12345, nEstimators: 20 };
  const a = predictRandomForest(fitRandomForest(train, yTrain, options), test);
  const b = predictRandomForest(fitRandomForest(train, yTrain, options), test);
  assertEquals(a, b);
  const c = predictRandomForest(fitRandomForest(train, yTrain, { ...options, seed: 54321 }), test);
  assert(a.some((v, i) => v !== c[i]), "a different seed gave identical predictions");
});

Deno.test("fitRandomForest draws exactly the requested number of features per tree", () => {
  const small: Design = { ...train, n: 40, x: train.x.subarray(0, 40 * k) };
  const y = yTrain.subarray(0, 40);
  for (const [maxFeatures, expected] of [[1, 1], [2, 2], [0.5, 5], [1 / 3, 3], [0.05, 1], [k, k]]) {
    const f = fitRandomForest(small, y, { seed: 3, nEstimators: 5, maxFeatures });
    assertEquals(f.featuresPerTree, expected);
    const indexes = (f.model as unknown as { indexes: number[][] }).indexes;
    assert(
      indexes.every((ix) => ix.length === expected && new Set(ix).size === expected),
      `maxFeatures ${maxFeatures}`,
    );
  }
});

Deno.test("fitRandomForest with maxDepth = 1 grows stumps", () => {
  const f = fitRandomForest(train, yTrain, { seed: 2, nEstimators: 10, maxDepth: 1 });
  type Node = { left?: Node; right?: Node };
  const trees = (f.model as unknown as { estimators: { root: Node }[] }).estimators;
  const depth = (node: Node | undefined): number =>
    node?.left && node.right ? 1 + Math.max(depth(node.left), depth(node.right)) : 0;
  assertEquals(trees.map((t) => depth(t.root)), new Array(10).fill(1));
  const deep = fitRandomForest(train, yTrain, { seed: 2, nEstimators: 10 });
  const deepTrees = (deep.model as unknown as { estimators: { root: Node }[] }).estimators;
  assert(deepTrees.every((t) => depth(t.root) > 1));
});

Deno.test("fitRandomForest refuses large training sets, NaN input and bad options with clear errors", () => {
  assertThrows(() => fitRandomForest(train, yTrain, { seed: 1, maxRows: 100 }), ModelError, "maxRows");
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
  assertThrows(() => fitRandomForest(train, yTrain, { seed: 1, nEstimators: 0 }), RangeError, "nEstimators");
});

Deno.test("predictRandomForest refuses a design with other columns", () => {
  const other: Design = { ...test, names: test.names.map((name, j) => (j === 3 ? "tv" : name)) };
  assertThrows(() => predictRandomForest(fit, other), ModelError, "differ");
});
