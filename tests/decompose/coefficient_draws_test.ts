/**
 * Seeded coefficient draws: reproducible, with the requested mean and covariance (Monte Carlo tolerances
 * stated per check), and zero-variance coefficients held fixed.
 */
import { drawCoefficients, normalStream, summarizeDraws } from "../../lib/decompose/mod.ts";
import { ModelError } from "../../lib/errors.ts";
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";

const mean = new Float64Array([1, -2, 5]);
const sd = [0.5, 2, 0.1];
const corr = [[1, 0.6, -0.3], [0.6, 1, 0.2], [-0.3, 0.2, 1]];
const cov = new Float64Array(9);
for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) cov[i * 3 + j] = corr[i][j] * sd[i] * sd[j];

Deno.test("normalStream is reproducible and standard normal (moments and tail fractions over 200,000 draws)", () => {
  const a = normalStream(5), b = normalStream(5), c = normalStream(6);
  const first = [a(), a(), a()];
  assertEquals(first, [b(), b(), b()]);
  assert(first[0] !== c());
  const z = normalStream(2024);
  const N = 200000;
  let s = 0, ss = 0, below = 0, above = 0;
  for (let i = 0; i < N; i++) {
    const v = z();
    s += v;
    ss += v * v;
    if (v < -1.959964) below++;
    if (v > 1.644854) above++;
  }
  assertAlmostEquals(s / N, 0, 4.5 / Math.sqrt(N)); // sd of the mean 1/√N
  assertAlmostEquals(ss / N, 1, 4.5 * Math.sqrt(2 / N)); // sd of the variance √(2/N)
  assertAlmostEquals(below / N, 0.025, 4.5 * Math.sqrt(0.025 * 0.975 / N));
  assertAlmostEquals(above / N, 0.05, 4.5 * Math.sqrt(0.05 * 0.95 / N));
});

Deno.test("drawCoefficients has mean β̂ and covariance Σ̂ (50,000 draws, 4.5 standard errors)", () => {
  const R = 50000;
  const d = drawCoefficients(mean, cov, R, 99);
  assertEquals(d.length, R * 3);
  const m = [0, 0, 0];
  for (let r = 0; r < R; r++) for (let i = 0; i < 3; i++) m[i] += d[r * 3 + i] / R;
  for (let i = 0; i < 3; i++) assertAlmostEquals(m[i], mean[i], 4.5 * sd[i] / Math.sqrt(R), `mean ${i}`);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let c = 0;
      for (let r = 0; r < R; r++) c += (d[r * 3 + i] - m[i]) * (d[r * 3 + j] - m[j]);
      c /= R - 1;
      // se of a sample covariance ≈ σ_i σ_j √((1 + ρ²) / R)
      const se = sd[i] * sd[j] * Math.sqrt((1 + corr[i][j] ** 2) / R);
      assertAlmostEquals(c, cov[i * 3 + j], 4.5 * se, `cov ${i},${j}`);
    }
  }
  assertEquals(drawCoefficients(mean, cov, 10, 99), drawCoefficients(mean, cov, 10, 99));
});

Deno.test("a coefficient with zero variance is copied into every draw", () => {
  const c = new Float64Array([0.25, 0, 0, 0]);
  const d = drawCoefficients(new Float64Array([1, 7]), c, 100, 1);
  for (let r = 0; r < 100; r++) assertEquals(d[r * 2 + 1], 7);
  assert(new Set(Array.from({ length: 100 }, (_, r) => d[r * 2])).size === 100);
});

Deno.test("drawCoefficients rejects an asymmetric or indefinite covariance", () => {
  assertThrows(
    () => drawCoefficients(mean, new Float64Array([1, 0.5, 0, 0, 1, 0, 0, 0, 1]), 5, 1),
    ModelError,
    "not symmetric",
  );
  assertThrows(
    () => drawCoefficients(new Float64Array(2), new Float64Array([1, 2, 2, 1]), 5, 1),
    ModelError,
    "positive definite",
  );
  assertThrows(
    () => drawCoefficients(new Float64Array(2), new Float64Array([0, 1, 1, 1]), 5, 1),
    ModelError,
    "zero variance",
  );
});

Deno.test("summarizeDraws: mean, sd (ddof 1) and numpy-linear percentiles", () => {
  const s = summarizeDraws(new Float64Array([5, 1, 4, 2, 3]), 0.5);
  assertEquals([s.mean, s.lower, s.upper], [3, 2, 4]); // np.percentile([1..5], [25, 75]) = [2, 4]
  assertAlmostEquals(s.sd, Math.sqrt(2.5), 1e-15);
});
