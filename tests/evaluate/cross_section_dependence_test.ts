/**
 * Pesaran's CD statistic from its definition, `√(2/(N(N−1))) Σ_{i<j} √T_ij ρ̂_ij`, on panels whose pairwise
 * correlations are known by construction; p-values from scipy (`2 * norm.sf(|CD|)`).
 */
import { assert, assertAlmostEquals, assertEquals } from "../assert.ts";
import { pesaranCd } from "../../lib/evaluate/cross_section_dependence.ts";

Deno.test("pesaranCd: two identical series and one orthogonal to both", () => {
  // units 0 and 1: (1, −1, 1, −1), ρ = 1; unit 2: (1, 1, −1, −1), ρ = 0 with both. T = 4, N = 3.
  const e = [1, -1, 1, -1, 1, -1, 1, -1, 1, 1, -1, -1];
  const unit = Int32Array.from(e, (_, i) => Math.floor(i / 4));
  const period = Int32Array.from(e, (_, i) => i % 4);
  const cd = pesaranCd(new Float64Array(e), unit, period);
  // √(2/6) · √4 · (1 + 0 + 0) = 2/√3
  assertAlmostEquals(cd.statistic, 2 / Math.sqrt(3), 1e-12);
  assertAlmostEquals(cd.pValue, 0.24821307898992362, 1e-9); // scipy: 2 * norm.sf(2 / 3 ** 0.5)
  assertAlmostEquals(cd.meanCorrelation, 1 / 3, 1e-12);
  assertEquals([cd.units, cd.pairs], [3, 3]);
});

Deno.test("pesaranCd: a missing week shortens the pairs that involve it (T_ij)", () => {
  // unit 1 lacks period 3: the pair uses periods 0–2, where (1, 2, 3) and (2, 4, 6) correlate exactly
  const e = new Float64Array([1, 2, 3, 10, 2, 4, 6]);
  const unit = Int32Array.of(0, 0, 0, 0, 1, 1, 1);
  const period = Int32Array.of(0, 1, 2, 3, 0, 1, 2);
  const cd = pesaranCd(e, unit, period);
  // √(2/2) · √3 · 1
  assertAlmostEquals(cd.statistic, Math.sqrt(3), 1e-12);
});

Deno.test("pesaranCd: a shock common to every unit is detected; independent noise is not", () => {
  let s = 7;
  const u = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const normal = () => Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u());
  const N = 20, T = 100;
  const common = Array.from({ length: T }, normal);
  const shocked = new Float64Array(N * T), independent = new Float64Array(N * T);
  const unit = new Int32Array(N * T), period = new Int32Array(N * T);
  for (let i = 0; i < N; i++) {
    for (let t = 0; t < T; t++) {
      shocked[i * T + t] = Math.sqrt(0.8) * normal() + Math.sqrt(0.2) * common[t];
      independent[i * T + t] = normal();
      unit[i * T + t] = i;
      period[i * T + t] = t;
    }
  }
  const a = pesaranCd(shocked, unit, period), b = pesaranCd(independent, unit, period);
  // E[CD] ≈ √(T N (N − 1) / 2) · 0.2 ≈ 39 with a common share of 0.2
  assert(a.statistic > 10 && a.pValue < 1e-6, `common shock: CD ${a.statistic}`);
  assert(Math.abs(a.meanCorrelation - 0.2) < 0.05, `mean correlation ${a.meanCorrelation}`);
  assert(Math.abs(b.statistic) < 3, `independent: CD ${b.statistic}`);
});
