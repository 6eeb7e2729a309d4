/** The one input check of every regression estimator (lib/models/_check.ts), through each estimator. */
import { assertEquals, assertThrows } from "../assert.ts";
import { ModelError } from "../../lib/errors.ts";
import { designFromColumns } from "../../lib/features/design.ts";
import { checkRegressionInputs } from "../../lib/models/_check.ts";
import { fitOls } from "../../lib/models/ols.ts";
import { fitRidge } from "../../lib/models/ridge.ts";
import { fitElasticNet } from "../../lib/models/elastic_net.ts";
import { fitRandomForest } from "../../lib/models/random_forest.ts";
import { fitGradientBoosting } from "../../lib/models/gradient_boosting.ts";

const tv = new Float64Array([1, 2, 3, 4, 5, 6]);
const y = new Float64Array([2, 4, 5, 8, 9, 12]);
const withNaN = (v: Float64Array, i: number) => v.map((x, j) => (j === i ? NaN : x));

Deno.test("every estimator names the column and the 0-based row of the first non-finite value", () => {
  const bad = designFromColumns({ tv: withNaN(tv, 3) });
  const fits: [string, () => unknown][] = [
    ["", () => fitOls(bad, y)],
    ["ridge: ", () => fitRidge(bad, y, { alpha: 1 })],
    ["elastic net: ", () => fitElasticNet(bad, y, { alpha: 0.1, l1Ratio: 0.5 })],
    ["random forest: ", () => fitRandomForest(bad, y, { nEstimators: 3, seed: 1 })],
    ["gradient boosting: ", () => fitGradientBoosting(bad, y, { seed: 1 })],
  ];
  for (const [prefix, fit] of fits) {
    const e = assertThrows(
      fit,
      ModelError,
      `${prefix}design column "tv" has a non-finite value (NaN) at row 3`,
    );
    assertEquals((e as ModelError).columns, ["tv"]);
  }
});

Deno.test("a non-finite response is named by yName, and it is found row by row before later columns", () => {
  const design = designFromColumns({ tv: withNaN(tv, 5) });
  const e = assertThrows(
    () => fitOls(design, withNaN(y, 2), { yName: "revenue" }),
    ModelError,
    "revenue has a non-finite value (NaN) at row 2 (0-based)",
  );
  assertEquals((e as ModelError).columns, ["revenue"]);
  assertThrows(
    () => fitRidge(designFromColumns({ tv }), withNaN(y, 0), { alpha: 1 }),
    ModelError,
    "ridge: y has",
  );
});

Deno.test("inconsistent sizes and repeated names are programming errors (RangeError)", () => {
  const design = { names: ["tv"], n: 6, k: 1, x: tv };
  assertThrows(
    () => checkRegressionInputs(design, y.subarray(1)),
    RangeError,
    "y has 5 values, the design has 6",
  );
  assertThrows(
    () => checkRegressionInputs({ ...design, names: ["tv", "tv"], k: 2, x: new Float64Array(12) }, y),
    RangeError,
    'design column name "tv" appears twice',
  );
  assertThrows(
    () => checkRegressionInputs({ ...design, names: ["a", "b"] }, y),
    RangeError,
    "2 names for 1 columns",
  );
  assertThrows(() => checkRegressionInputs({ ...design, x: new Float64Array(5) }, y), RangeError, "5 values");
  assertThrows(
    () =>
      checkRegressionInputs({ ...design, k: 0, names: [], x: new Float64Array(0) }, y, { model: "ridge" }),
    RangeError,
    "ridge: a design needs at least one column",
  );
});
