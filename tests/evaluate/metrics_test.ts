import { assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import { mae, mape, MAPE_EPSILON, METRICS, nrmse, r2, rmse, smape } from "../../lib/evaluate/metrics.ts";

interface MetricCase {
  name: string;
  yTrue: number[];
  yPred: number[];
  r2: number | null;
  rmse: number;
  mae: number;
  mape: number;
  smape: number;
  nrmse?: number;
}

const fixture = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/validation.json", import.meta.url)),
) as { metrics: MetricCase[] };

// Reference: scikit-learn 1.2.1 r2_score, mean_squared_error(squared=False), mean_absolute_error,
// mean_absolute_percentage_error; nrmse and smape from their numpy formulas (tests/fixtures/validation.py).
const RTOL = 1e-12;

for (const c of fixture.metrics) {
  Deno.test(`metrics match scikit-learn: ${c.name}`, () => {
    const r = r2(c.yTrue, c.yPred);
    if (c.r2 === null) assertEquals(Number.isNaN(r), true, "r2 is NaN with fewer than two values");
    else assertRelClose(r, c.r2, RTOL, 1e-12, "r2");
    assertRelClose(rmse(c.yTrue, c.yPred), c.rmse, RTOL, 1e-12, "rmse");
    assertRelClose(mae(c.yTrue, c.yPred), c.mae, RTOL, 1e-12, "mae");
    assertRelClose(mape(c.yTrue, c.yPred), c.mape, RTOL, 1e-12, "mape");
    assertRelClose(smape(c.yTrue, c.yPred), c.smape, RTOL, 1e-12, "smape");
    if (c.nrmse !== undefined) assertRelClose(nrmse(c.yTrue, c.yPred), c.nrmse, RTOL, 1e-12, "nrmse");
  });
}

Deno.test("r2 follows scikit-learn's force_finite rule for a constant target", () => {
  assertEquals(r2([2, 2, 2], [2, 2, 2]), 1);
  assertEquals(r2([2, 2, 2], [2, 2, 2 + 1e-8]), 0);
});

Deno.test("mape floors |y| at float64 epsilon like scikit-learn", () => {
  assertRelClose(mape([0], [1]), 1 / MAPE_EPSILON, 1e-15);
  assertEquals(MAPE_EPSILON, 2 ** -52);
});

Deno.test("nrmse is rmse over the observed range (Robyn)", () => {
  // errors (1, -1): rmse 1; range 10
  assertRelClose(nrmse([0, 10], [1, 9]), 0.1, 1e-15);
});

Deno.test("smape counts a 0/0 term as zero and is bounded by 2", () => {
  assertRelClose(smape([100, 0], [50, 0]), 1 / 3, 1e-15);
  assertEquals(smape([1, -1], [-1, 1]), 2);
});

Deno.test("METRICS lists the built-in metrics by name", () => {
  assertEquals(Object.keys(METRICS), ["r2", "rmse", "mae", "mape", "nrmse", "smape"]);
});

Deno.test("metrics reject mismatched, empty and non-finite input", () => {
  assertThrows(() => rmse([1, 2], [1]), RangeError, "yPred has 1");
  assertThrows(() => mae([], []), RangeError, "no values");
  assertThrows(() => r2([1, NaN], [1, 2]), RangeError, "yTrue[1] is NaN");
  assertThrows(() => mape([1, 2], [1, Infinity]), RangeError, "yPred[1] is Infinity");
});
