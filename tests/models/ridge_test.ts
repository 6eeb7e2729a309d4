/**
 * Ridge against scikit-learn 1.2.1 (`tests/fixtures/penalized.py` → `penalized.json`).
 *
 * Tolerances: coefficients and intercept 1e-8 relative (closed form on both sides; both solve the same normal
 * equations by Cholesky), with an absolute floor of 1e-10 times the coefficient scale for values near zero;
 * effective degrees of freedom 1e-8 relative (numpy SVD in the fixture, Cholesky solves here).
 */
import { fitRidge, predictRidge, ridgePath } from "../../lib/models/ridge.ts";
import type { Design } from "../../lib/features/design.ts";
import { designFromColumns } from "../../lib/features/design.ts";
import { ModelError } from "../../lib/errors.ts";
import { assert, assertAlmostEquals, assertArrayClose, assertRelClose, assertThrows } from "../assert.ts";
import fixture from "../fixtures/penalized.json" with { type: "json" };

const design: Design = { names: fixture.names, n: fixture.n, k: fixture.k, x: Float64Array.from(fixture.x) };
const y = Float64Array.from(fixture.y);

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** Design with one extra column appended. */
function withColumn(d: Design, name: string, values: (i: number) => number): Design {
  const k = d.k + 1;
  const x = new Float64Array(d.n * k);
  for (let i = 0; i < d.n; i++) {
    for (let j = 0; j < d.k; j++) x[i * k + j] = d.x[i * d.k + j];
    x[i * k + d.k] = values(i);
  }
  return { names: [...d.names, name], n: d.n, k, x };
}

Deno.test("fitRidge matches sklearn Ridge (cholesky) at every alpha, with and without intercept", () => {
  for (const ref of fixture.ridge) {
    const fit = fitRidge(design, y, { alpha: ref.alpha, fitIntercept: ref.fitIntercept });
    const label = `alpha=${ref.alpha} fitIntercept=${ref.fitIntercept}`;
    assertArrayClose(fit.coef, ref.coef, 1e-8, 1e-10 * maxAbs(ref.coef), `${label} coef`);
    assertRelClose(fit.intercept, ref.intercept, 1e-8, 1e-12, `${label} intercept`);
    assertRelClose(fit.effectiveDf, ref.effectiveDf, 1e-8, 1e-14, `${label} effective df`);
  }
});

Deno.test("fitRidge residuals and fitted values are consistent with the coefficients", () => {
  const fit = fitRidge(design, y, { alpha: 10 });
  for (let i = 0; i < design.n; i++) {
    let s = fit.intercept;
    for (let j = 0; j < design.k; j++) s += design.x[i * design.k + j] * fit.coef[j];
    assertAlmostEquals(fit.fitted[i], s, 1e-9);
    assertAlmostEquals(fit.residuals[i], y[i] - s, 1e-9);
  }
  assertArrayClose(predictRidge(fit, design), fit.fitted, 1e-12);
});

Deno.test("fitRidge with alpha = 0 equals OLS (sklearn LinearRegression)", () => {
  const fit = fitRidge(design, y, { alpha: 0 });
  // closed form on both sides: 1e-8 relative (measured: 7e-12)
  assertArrayClose(fit.coef, fixture.ols.coef, 1e-8, 1e-12, "coef");
  assertRelClose(fit.intercept, fixture.ols.intercept, 1e-8, 1e-12, "intercept");
  assertAlmostEquals(fit.effectiveDf, design.k, 1e-9);
});

Deno.test("fitRidge with a huge alpha shrinks every slope to zero and the intercept to mean(y)", () => {
  const fit = fitRidge(design, y, { alpha: 1e15 });
  assert(maxAbs(fit.coef) < 1e-8, `max |coef| = ${maxAbs(fit.coef)}`);
  const mean = y.reduce((a, b) => a + b) / y.length;
  assertAlmostEquals(fit.intercept, mean, 1e-5);
});

Deno.test("fitRidge gives an all-zero column a zero coefficient and leaves the others unchanged", () => {
  const base = fitRidge(design, y, { alpha: 1 });
  const fit = fitRidge(withColumn(design, "empty", () => 0), y, { alpha: 1 });
  assert(fit.coef[design.k] === 0, `coef of the zero column is ${fit.coef[design.k]}`);
  assertArrayClose(fit.coef.subarray(0, design.k), base.coef, 1e-12);
  assertRelClose(fit.intercept, base.intercept, 1e-12);
});

Deno.test("fitRidge gives a constant column zero weight when it fits an intercept (centering removes it)", () => {
  const base = fitRidge(design, y, { alpha: 1 });
  const fit = fitRidge(withColumn(design, "always7", () => 7), y, { alpha: 1 });
  assertAlmostEquals(fit.coef[design.k], 0, 1e-12);
  assertArrayClose(fit.coef.subarray(0, design.k), base.coef, 1e-10);
  assertRelClose(fit.intercept, base.intercept, 1e-10);
});

Deno.test("fitRidge with alpha = 0 and an all-zero column names the column", () => {
  const err = assertThrows(
    () => fitRidge(withColumn(design, "empty", () => 0), y, { alpha: 0 }),
    ModelError,
    '"empty"',
  );
  assert(err.columns.includes("empty"));
});

Deno.test("fitRidge refuses a const column when it fits its own intercept, accepts it otherwise", () => {
  const d = designFromColumns({ tv: new Float64Array([1, 2, 3, 4]) });
  assertThrows(() => fitRidge(d, new Float64Array([1, 2, 3, 5]), { alpha: 1 }), ModelError, '"const"');
  // through the origin, the const column is an ordinary (penalized) column: closed form on 2 × 2
  const fit = fitRidge(d, new Float64Array([1, 2, 3, 5]), { alpha: 1, fitIntercept: false });
  // X'X + I = [[5, 10], [10, 31]], X'y = [11, 34] → w = [ (31·11 − 10·34), (5·34 − 10·11) ] / (5·31 − 100)
  assertArrayClose(fit.coef, [(31 * 11 - 10 * 34) / 55, (5 * 34 - 10 * 11) / 55], 1e-12);
  assert(fit.intercept === 0);
});

Deno.test("fitRidge reports NaN input with its column and row", () => {
  const x = Float64Array.from(design.x);
  x[5 * design.k + 3] = NaN;
  const err = assertThrows(() => fitRidge({ ...design, x }, y, { alpha: 1 }), ModelError, 'column "social"');
  assert(err.message.includes("row 5"), err.message);
  const yBad = Float64Array.from(y);
  yBad[17] = NaN;
  assertThrows(() => fitRidge(design, yBad, { alpha: 1 }), ModelError, "row 17");
});

Deno.test("fitRidge checks its domains", () => {
  assertThrows(() => fitRidge(design, y, { alpha: -1 }), RangeError, "alpha");
  assertThrows(() => fitRidge(design, y, { alpha: NaN }), RangeError, "alpha");
  assertThrows(() => fitRidge(design, y.subarray(1), { alpha: 1 }), RangeError, "rows");
});

Deno.test("predictRidge refuses a design with other columns", () => {
  const fit = fitRidge(design, y, { alpha: 1 });
  const other: Design = { ...design, names: [...design.names].reverse() };
  assertThrows(() => predictRidge(fit, other), ModelError, "differ");
});

Deno.test("ridgePath agrees with sklearn at each alpha, in the order given", () => {
  const refs = fixture.ridge.filter((r) => r.fitIntercept).reverse();
  const path = ridgePath(design, y, refs.map((r) => r.alpha));
  refs.forEach((ref, a) => {
    const coef = path.coef.subarray(a * design.k, (a + 1) * design.k);
    assertArrayClose(coef, ref.coef, 1e-8, 1e-10 * maxAbs(ref.coef), `alpha=${ref.alpha}`);
    assertRelClose(path.intercept[a], ref.intercept, 1e-8);
    assertRelClose(path.effectiveDf[a], ref.effectiveDf, 1e-8, 1e-14);
  });
});

Deno.test("the ridge doc example: one column through the origin", () => {
  const d = designFromColumns({ tv: new Float64Array([1, 2, 3, 4]) }, false);
  const fit = fitRidge(d, new Float64Array([2, 4, 6, 8]), { alpha: 5 });
  // centered x = [-1.5, -0.5, 0.5, 1.5]: x'x = 5, x'y = 10 → w = 10 / (5 + 5)
  assertArrayClose(fit.coef, [1], 1e-14);
  assertAlmostEquals(fit.intercept, 5 - 2.5 * 1, 1e-14);
  assertAlmostEquals(fit.effectiveDf, 5 / 10, 1e-14);
});
