/**
 * `columnSwapScorer` against a full refit: the residual sum of squares of y on the design with the swapped
 * columns replaced must equal the one from `qrLeastSquares` on that design (Frisch–Waugh–Lovell is an identity;
 * the tolerance 1e-9 of ‖y‖² is rounding of two backward-stable solvers on well-conditioned designs), and a
 * rank-deficient design must score Infinity where `qrLeastSquares` raises.
 */
import { assert, assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import { columnSwapScorer } from "../../lib/linalg/column_swap.ts";
import { qrLeastSquares } from "../../lib/linalg/qr.ts";
import { xoshiro128ss } from "../../lib/stats/random.ts";

function normal(next: () => number): number {
  const u = (next() + 1) / 2 ** 32, v = next() / 2 ** 32;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** An n × k design (first column 1), y and `count` alternative columns, all drawn from `seed`. */
function problem(seed: number, n: number, k: number, count: number) {
  const next = xoshiro128ss(seed);
  const x = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    x[i * k] = 1;
    for (let j = 1; j < k; j++) x[i * k + j] = normal(next) * (j + 1);
  }
  const y = Float64Array.from({ length: n }, (_, i) => x[i * k + 1] - 0.5 * x[i * k + 2] + normal(next));
  const alternatives = Array.from(
    { length: count },
    () => Float64Array.from({ length: n }, () => normal(next)),
  );
  return { x, y, alternatives };
}

/** SSE of y on `x` with its column `j` set to `z[c]` for each (j, c), by a full QR refit. */
function refitSse(x: Float64Array, y: Float64Array, n: number, k: number, swap: number[], z: Float64Array[]) {
  const xs = Float64Array.from(x);
  swap.forEach((j, c) => {
    for (let i = 0; i < n; i++) xs[i * k + j] = z[c][i];
  });
  const { residuals } = qrLeastSquares(xs, y, n, k);
  return residuals.reduce((s, e) => s + e * e, 0);
}

Deno.test("one swapped column: every alternative scores the SSE of a full refit", () => {
  const n = 60, k = 5;
  const { x, y, alternatives } = problem(11, n, k, 6);
  const yy = y.reduce((s, v) => s + v * v, 0);
  for (const j of [1, 3, 4]) {
    const scorer = columnSwapScorer(x, y, n, k, [j]);
    for (const z of alternatives) {
      const expected = refitSse(x, y, n, k, [j], [z]);
      assert(
        Math.abs(scorer.sse([z]) - expected) <= 1e-9 * yy,
        `column ${j}: ${scorer.sse([z])} vs ${expected}`,
      );
    }
  }
});

Deno.test("two swapped columns (the mediator's fitted and residual parts): the SSE of a full refit", () => {
  const n = 80, k = 7;
  const { x, y, alternatives } = problem(12, n, k, 8);
  const yy = y.reduce((s, v) => s + v * v, 0);
  const scorer = columnSwapScorer(x, y, n, k, [1, 2]);
  for (let a = 0; a + 1 < alternatives.length; a += 2) {
    const z = [alternatives[a], alternatives[a + 1]];
    const expected = refitSse(x, y, n, k, [1, 2], z);
    assert(Math.abs(scorer.sse(z) - expected) <= 1e-9 * yy, `${scorer.sse(z)} vs ${expected}`);
  }
  // the order of the swapped columns does not change the fit
  const swapped = columnSwapScorer(x, y, n, k, [2, 1]);
  assertRelClose(
    swapped.sse([alternatives[0], alternatives[1]]),
    scorer.sse([alternatives[0], alternatives[1]]),
    1e-10,
  );
});

Deno.test("keptSse is the SSE of y on the other columns alone", () => {
  const n = 40, k = 4;
  const { x, y } = problem(13, n, k, 0);
  const kept = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) for (const [c, j] of [0, 1, 3].entries()) kept[i * 3 + c] = x[i * k + j];
  const expected = qrLeastSquares(kept, y, n, 3).residuals.reduce((s, e) => s + e * e, 0);
  assertRelClose(columnSwapScorer(x, y, n, k, [2]).keptSse, expected, 1e-10);
});

Deno.test("rank-deficient designs score Infinity where qrLeastSquares raises", () => {
  const n = 30, k = 4;
  const { x, y, alternatives } = problem(14, n, k, 2);
  const scorer = columnSwapScorer(x, y, n, k, [2]);
  const copyOfColumn1 = Float64Array.from({ length: n }, (_, i) => x[i * k + 1]);
  const zeros = new Float64Array(n);
  const combination = Float64Array.from({ length: n }, (_, i) => 2 * x[i * k + 1] - x[i * k + 3] + 5);
  for (const z of [copyOfColumn1, zeros, combination]) {
    assertThrows(() => refitSse(x, y, n, k, [2], [z]));
    assertEquals(scorer.sse([z]), Infinity);
  }
  // two alternatives that are the same column
  const two = columnSwapScorer(x, y, n, k, [1, 2]);
  assertEquals(two.sse([alternatives[0], alternatives[0]]), Infinity);
  assertThrows(() => refitSse(x, y, n, k, [1, 2], [alternatives[0], alternatives[0]]));
  // kept columns already collinear: every alternative is rank deficient
  const dup = Float64Array.from(x);
  for (let i = 0; i < n; i++) dup[i * k + 3] = dup[i * k + 1];
  assertEquals(columnSwapScorer(dup, y, n, k, [2]).sse([alternatives[1]]), Infinity);
});

Deno.test("columnSwapScorer names bad arguments", () => {
  const { x, y } = problem(15, 10, 3, 0);
  assertThrows(() => columnSwapScorer(x, y, 10, 3, []), RangeError, "one or two distinct columns");
  assertThrows(() => columnSwapScorer(x, y, 10, 3, [1, 1]), RangeError, "one or two distinct columns");
  assertThrows(() => columnSwapScorer(x, y, 10, 3, [3]), RangeError, "not in 0..2");
  assertThrows(() => columnSwapScorer(x, y, 10, 3, [1]).sse([new Float64Array(9)]), RangeError, "9 values");
});
