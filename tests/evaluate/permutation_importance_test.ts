/**
 * Permutation importance against known answers from its definition.
 *
 * For a linear predictor f(x) = Σ b_j x_j scored on y = f(x) exactly (baseline R² = 1), shuffling column j by a
 * uniform random permutation π gives importance `b_j² Σ_i (x_ij − x_π(i)j)² / SST`, whose expectation over π is
 * `2 b_j² SS_j / SST` (because E Σ_i x_i x_π(i) = n x̄², so E Σ (x_i − x_π(i))² = 2 SS_j). A column the predictor
 * ignores has importance exactly 0 at every repeat. The Monte Carlo check uses 4 standard errors of the mean.
 */
import { permutationImportance } from "../../lib/evaluate/permutation_importance.ts";
import type { Design } from "../../lib/features/design.ts";
import { ModelError } from "../../lib/errors.ts";
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";

const n = 120;
const names = ["tv", "search", "noise"];
const b = [3, 0.5, 0];

/** Deterministic, irregular inputs (no PRNG needed): three weakly related columns. */
function makeDesign(): Design {
  const x = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    x[i * 3] = Math.sin(1.3 * i) + 0.1 * (i % 7);
    x[i * 3 + 1] = Math.cos(0.7 * i * i) * 2;
    x[i * 3 + 2] = ((i * 37) % 11) / 11;
  }
  return { names, n, k: 3, x };
}
const design = makeDesign();
const predict = (d: Design): Float64Array => {
  const out = new Float64Array(d.n);
  for (let i = 0; i < d.n; i++) for (let j = 0; j < 3; j++) out[i] += b[j] * d.x[i * d.k + j];
  return out;
};
const y = predict(design);

function sumSquares(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m += values[i] / values.length;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return s;
}

Deno.test("permutationImportance: an ignored column scores exactly 0; the others match 2 b² SS_j / SST", () => {
  const nRepeats = 400;
  const pi = permutationImportance(predict, design, y, { seed: 7, nRepeats });
  assertAlmostEquals(pi.baselineScore, 1, 1e-15);
  assertEquals(pi.importancesMean[2], 0);
  assertEquals(pi.importancesSd[2], 0);
  const sst = sumSquares(y);
  for (const j of [0, 1]) {
    const column = Array.from({ length: n }, (_, i) => design.x[i * 3 + j]);
    const expected = (2 * b[j] ** 2 * sumSquares(column)) / sst;
    const se = pi.importancesSd[j] / Math.sqrt(nRepeats);
    assert(
      Math.abs(pi.importancesMean[j] - expected) <= 4 * se,
      `${names[j]}: mean ${pi.importancesMean[j]} vs expected ${expected} (se ${se})`,
    );
  }
  assert(pi.importancesMean[0] > 5 * pi.importancesMean[1], "tv should dominate");
});

Deno.test("permutationImportance: mean and population sd summarize the per-repeat drops", () => {
  const pi = permutationImportance(predict, design, y, { seed: 3, nRepeats: 6 });
  assertEquals(pi.importances.length, 3 * 6);
  for (let j = 0; j < 3; j++) {
    const row = Array.from(pi.importances.subarray(j * 6, (j + 1) * 6));
    const mean = row.reduce((a, v) => a + v) / 6;
    assertAlmostEquals(pi.importancesMean[j], mean, 1e-14);
    assertAlmostEquals(
      pi.importancesSd[j],
      Math.sqrt(row.reduce((a, v) => a + (v - mean) ** 2, 0) / 6),
      1e-14,
    );
  }
  // each drop is baseline − score with a shuffled column: with baseline R² = 1, exactly Σ(f − f_π)²/SST ≥ 0
  assert(pi.importances.every((v) => v >= 0));
});

Deno.test("permutationImportance is deterministic for a seed and varies with it", () => {
  const a = permutationImportance(predict, design, y, { seed: 11 });
  const again = permutationImportance(predict, design, y, { seed: 11 });
  assertEquals(a.importances, again.importances);
  const other = permutationImportance(predict, design, y, { seed: 12 });
  assert(a.importances.some((v, i) => v !== other.importances[i]));
  assertEquals(a.nRepeats, 5);
  assertEquals(a.scoring, "r2");
});

Deno.test("permutationImportance with neg_mean_squared_error: drop = mean squared change in prediction", () => {
  const pi = permutationImportance(predict, design, y, {
    seed: 5,
    nRepeats: 200,
    scoring: "neg_mean_squared_error",
  });
  assertAlmostEquals(pi.baselineScore, 0, 0); // exact fit
  const column = Array.from({ length: n }, (_, i) => design.x[i * 3]);
  const expected = (2 * b[0] ** 2 * sumSquares(column)) / n;
  assert(Math.abs(pi.importancesMean[0] - expected) <= 4 * pi.importancesSd[0] / Math.sqrt(200));
});

Deno.test("permutationImportance leaves the caller's design untouched and checks its inputs", () => {
  const before = Float64Array.from(design.x);
  permutationImportance(predict, design, y, { seed: 1 });
  assertEquals(design.x, before);
  assertThrows(() => permutationImportance(predict, design, y, { seed: 1.5 }), RangeError, "seed");
  assertThrows(
    () => permutationImportance(predict, design, y, { seed: 1, nRepeats: 0 }),
    RangeError,
    "nRepeats",
  );
  assertThrows(() => permutationImportance(predict, design, y.subarray(1), { seed: 1 }), RangeError, "rows");
  assertThrows(
    () => permutationImportance(predict, design, new Float64Array(n).fill(2), { seed: 1 }),
    ModelError,
  );
  const yNaN = Float64Array.from(y);
  yNaN[9] = NaN;
  assertThrows(() => permutationImportance(predict, design, yNaN, { seed: 1 }), ModelError, "row 9");
  assertThrows(
    () => permutationImportance(() => new Float64Array(3), design, y, { seed: 1 }),
    ModelError,
    "3",
  );
});
