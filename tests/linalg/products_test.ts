/**
 * Matrix products against numpy (tests/fixtures/linalg.py → linalg.json); 1e-13 relative to each result's
 * largest entry (summation order differs).
 */

import { assertArrayClose } from "../assert.ts";
import {
  crossProduct,
  crossProductVector,
  matMul,
  matVec,
  sandwich,
  transpose,
} from "../../lib/linalg/mod.ts";

const fx = JSON.parse(await Deno.readTextFile(new URL("../fixtures/linalg.json", import.meta.url)));
const p = fx.products;
const f = (a: number[]) => Float64Array.from(a);
const close = (actual: Float64Array, expected: number[]) =>
  assertArrayClose(actual, expected, 1e-13, Math.max(...expected.map(Math.abs)));

Deno.test("crossProduct is X'X", () => close(crossProduct(f(p.p), 9, 4), p.ptp));
Deno.test("crossProductVector is X'w", () => close(crossProductVector(f(p.p), f(p.w), 9, 4), p.ptw));
Deno.test("matVec is P v", () => close(matVec(f(p.p), 9, 4, f(p.v)), p.pv));
Deno.test("matMul is P Q", () => close(matMul(f(p.p), f(p.q), 9, 4, 3), p.pq));
Deno.test("transpose is P'", () => close(transpose(f(p.p), 9, 4), p.pt));
Deno.test("sandwich is B M B", () => close(sandwich(f(p.bread), f(p.meat), 4), p.sandwich));

Deno.test("rowMajorFromColumns lays columns side by side and rejects ragged columns", async () => {
  const { rowMajorFromColumns } = await import("../../lib/linalg/products.ts");
  const x = rowMajorFromColumns([new Float64Array([1, 2, 3]), new Float64Array([4, 5, 6])], 3);
  if ([...x].join() !== "1,4,2,5,3,6") throw new Error(`got ${[...x]}`);
  let threw = false;
  try {
    rowMajorFromColumns([new Float64Array([1, 2]), new Float64Array([1])], 2);
  } catch (e) {
    threw = e instanceof RangeError && e.message.includes("column 1 has 1 rows");
  }
  if (!threw) throw new Error("expected a RangeError naming column 1");
});
