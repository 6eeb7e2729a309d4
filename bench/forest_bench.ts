/**
 * Cost of a random-forest fit (ml-random-forest through `fitRandomForest`).
 *
 * Held to: 200 trees on 104 weekly rows × 10 features in under 2 s (measured 0.55–0.66 s on one core of a shared
 * machine, Deno 2.9.6),
 * so a notebook can afford a handful of forest fits inside time-series cross-validation. The 400-row case shows
 * the near-quadratic growth in rows that motivates the `maxRows` guard (measured 1.2–1.6 s for 50 trees, i.e.
 * 5–6 s per 200 trees: about 9× the 104-row cost for 3.8× the rows).
 *
 * Run: `deno bench --allow-read bench/forest_bench.ts`
 */
import { fitRandomForest } from "../lib/models/random_forest.ts";
import type { Design } from "../lib/features/design.ts";

/** Friedman #1 rows from a small seeded LCG (Numerical Recipes constants). */
function friedman(n: number, k: number, seed: number): { design: Design; y: Float64Array } {
  let s = seed >>> 0;
  const uniform = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const x = new Float64Array(n * k);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) x[i * k + j] = uniform();
    const v = x.subarray(i * k, (i + 1) * k);
    y[i] = 10 * Math.sin(Math.PI * v[0] * v[1]) + 20 * (v[2] - 0.5) ** 2 + 10 * v[3] + 5 * v[4] + uniform();
  }
  return { design: { names: Array.from({ length: k }, (_, j) => `x${j}`), n, k, x }, y };
}

const weekly = friedman(104, 10, 7);
const larger = friedman(400, 10, 7);

Deno.bench("random forest: 200 trees, 104 rows × 10 features", { group: "forest", baseline: true }, () => {
  fitRandomForest(weekly.design, weekly.y, { seed: 1, nEstimators: 200 });
});

Deno.bench("random forest: 50 trees, 400 rows × 10 features (× 4 for 200 trees)", { group: "forest" }, () => {
  fitRandomForest(larger.design, larger.y, { seed: 1, nEstimators: 50 });
});
