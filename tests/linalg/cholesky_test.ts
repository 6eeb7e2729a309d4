/**
 * Cholesky factor, solve and SPD inverse against numpy.linalg (tests/fixtures/linalg.py → linalg.json).
 * The matrix has cond ≈ 1e6 (A = B B' + I/2 with cond(B) = 1e3): tolerances 1e-12 of the largest entry for
 * the factor, 1e-9 relative for the inverse and the solve (κ·ε ≈ 1e-10).
 */

import { assert, assertArrayClose, assertEquals, assertThrows } from "../assert.ts";
import { ModelError } from "../../lib/errors.ts";
import { cholesky, choleskyInto, choleskySolve, spdInverse } from "../../lib/linalg/mod.ts";

const fx = JSON.parse(await Deno.readTextFile(new URL("../fixtures/linalg.json", import.meta.url)));
const { k, a, chol, inv, b, solve } = fx.spd;
const A = Float64Array.from(a as number[]);
const maxAbs = (v: number[]) => Math.max(...v.map(Math.abs));

Deno.test("cholesky matches numpy.linalg.cholesky", () => {
  const l = cholesky(A, k);
  assertArrayClose(l, chol, 1e-12, maxAbs(chol));
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) assertEquals(l[i * k + j], 0);
});

Deno.test("choleskySolve matches numpy.linalg.solve", () => {
  assertArrayClose(
    choleskySolve(cholesky(A, k), Float64Array.from(b as number[]), k),
    solve,
    1e-9,
    maxAbs(solve),
  );
});

Deno.test("spdInverse matches numpy.linalg.inv and is symmetric", () => {
  const out = spdInverse(A, k);
  assertArrayClose(out, inv, 1e-9, maxAbs(inv));
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) assertEquals(out[i * k + j], out[j * k + i]);
});

Deno.test("cholesky names the column where positive definiteness fails; choleskyInto returns false", () => {
  // third column = first + second: singular
  const s = Float64Array.from([2, 1, 3, 1, 2, 3, 3, 3, 6]);
  const error = assertThrows(() => cholesky(s, 3, ["tv", "radio", "total"]), ModelError, 'column "total"');
  assertEquals([...error.columns], ["total"]);
  assert(!choleskyInto(new Float64Array(9), s, 3));
  assertThrows(() => cholesky(Float64Array.from([1, 2, 2, 1]), 2), ModelError, "not positive definite");
});
