/**
 * One-sided Jacobi singular values and the design condition number against numpy.linalg.svd / cond
 * (tests/fixtures/linalg.py → linalg.json). Singular values: 1e-12 of σ_max, absolute (both methods are
 * backward stable); condition numbers: 1e-12 relative for a well-conditioned design, 1e-7 at cond = 1e8
 * (σ_min carries an error of order ε·σ_max in either computation).
 */

import { assertArrayClose, assertRelClose } from "../assert.ts";
import { qrLeastSquares } from "../../lib/linalg/mod.ts";
import { conditionNumberFromR, singularValues } from "../../lib/linalg/singular_values.ts";

const fx = JSON.parse(await Deno.readTextFile(new URL("../fixtures/linalg.json", import.meta.url)));
const f64 = (a: number[]) => Float64Array.from(a);

for (const key of ["ill", "well"]) {
  Deno.test(`singularValues of X and of its R factor match numpy svd (${key})`, () => {
    const { n, k, x, singular_values: sv } = fx[key];
    assertArrayClose(singularValues(f64(x), n, k), sv, 1e-12, sv[0]);
    const r = qrLeastSquares(f64(x), new Float64Array(n), n, k).r;
    assertArrayClose(singularValues(r, k, k), sv, 1e-12, sv[0]);
  });
}

Deno.test("conditionNumberFromR matches numpy.linalg.cond", () => {
  for (const [key, rtol] of [["well", 1e-12], ["ill", 1e-7]] as const) {
    const { n, k, x, cond } = fx[key];
    const r = qrLeastSquares(f64(x), new Float64Array(n), n, k).r;
    assertRelClose(conditionNumberFromR(r, k), cond, rtol, 0, key);
  }
});

Deno.test("singularValues of a diagonal and a rank-one matrix", () => {
  assertArrayClose(singularValues(f64([3, 0, 0, 4]), 2, 2), [4, 3]);
  // [[1, 2], [2, 4], [3, 6]] = u v' with ‖u‖ = √14, ‖v‖ = √5
  assertArrayClose(singularValues(f64([1, 2, 2, 4, 3, 6]), 3, 2), [Math.sqrt(70), 0], 1e-12, 1);
});
