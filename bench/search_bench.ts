/**
 * Speed of the adstock/saturation/alpha search (`searchTransforms`) on national-sized data: 104 weekly rows,
 * 6 media channels + 5 controls, `timeSeriesSplit(104)` (5 folds).
 *
 * Held to: at least 20,000 candidates per second on one core, i.e. each 10,000-candidate search below in under
 * 500 ms (a candidate = one parameter combination scored on all 5 folds; statsmodels/numpy `lstsq` refits do
 * ~300 models/s). Candidates per second = 10,000 / the average time shown. Measured (Deno 2.9.6, one core of a
 * shared 2-core machine, precomputation included): 37–45 ms for θ × α (≈ 220,000–270,000 candidates/s) and
 * 53 ms for θ × saturation (≈ 190,000 candidates/s, every candidate a new channel column).
 *
 * Run: `deno bench --allow-read bench/search_bench.ts`
 */
import { searchTransforms, type TransformGrid } from "../lib/evaluate/search.ts";
import { timeSeriesSplit } from "../lib/evaluate/time_series_split.ts";
import { geometricAdstock } from "../lib/features/adstock.ts";

/** Seeded synthetic weekly national data (LCG, Numerical Recipes constants). */
function national(n: number, seed: number) {
  let s = seed >>> 0;
  const uniform = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const fixed: Record<string, Float64Array> = {
    trend: Float64Array.from({ length: n }, (_, t) => 2021 + t / 52),
    price: Float64Array.from({ length: n }, () => 9.5 + uniform()),
    season: Float64Array.from({ length: n }, (_, t) => Math.sin((2 * Math.PI * t) / 52)),
    holiday: Float64Array.from({ length: n }, (_, t) => (t % 52 === 47 || t % 52 === 51 ? 1 : 0)),
    competitor: Float64Array.from({ length: n }, () => 1000 + 200 * uniform()),
  };
  const channels: Record<string, Float64Array> = {};
  const names = ["tv", "radio", "search", "social", "display", "email"];
  names.forEach((name, c) => {
    channels[name] = Float64Array.from(
      { length: n },
      () => (uniform() < 0.15 ? 0 : 1000 * (c + 1) * uniform()),
    );
  });
  const y = Float64Array.from({ length: n }, (_, t) => 50000 - 800 * fixed.price[t] + 3000 * fixed.season[t]);
  names.forEach((name, c) => {
    const a = geometricAdstock(channels[name], 0.1 * (c + 2));
    for (let t = 0; t < n; t++) y[t] += (2 / (c + 1)) * a[t] + 500 * uniform();
  });
  return { y, fixed, channels };
}

const data = national(104, 42);
const folds = timeSeriesSplit(104, { nSplits: 5 });
const problem = { ...data, folds };

// 5·5·5·5·2·2 = 2,500 θ combinations × 4 alphas = 10,000 candidates
const thetaGrid: TransformGrid = {
  theta: {
    tv: [0, 0.2, 0.4, 0.6, 0.8],
    radio: [0, 0.2, 0.4, 0.6, 0.8],
    search: [0, 0.2, 0.4, 0.6, 0.8],
    social: [0, 0.2, 0.4, 0.6, 0.8],
    display: [0, 0.5],
    email: [0, 0.5],
  },
  alpha: [0, 0.1, 1, 10],
};

// (5 θ × 2 saturations)·(5 × 2)·5·5·2·2 = 10,000 channel combinations × 1 alpha = 10,000 candidates
const saturationGrid: TransformGrid = {
  theta: thetaGrid.theta,
  saturation: {
    tv: [null, { type: "hill", halfSaturation: 2000, shape: 1.5 }],
    radio: [null, { type: "log1p", scale: 1500 }],
  },
  alpha: [1],
};

for (const [name, grid] of [["θ × α", thetaGrid], ["θ × saturation", saturationGrid]] as const) {
  const total = searchTransforms(problem, grid).total;
  if (total !== 10_000) throw new Error(`bench grid ${name} has ${total} candidates, expected 10,000`);
}

Deno.bench(
  "searchTransforms: 10,000 candidates (θ × α), 104 rows, 6 channels + 5 controls, 5 folds; target < 500 ms (≥ 20k candidates/s)",
  {
    group: "search",
    baseline: true,
  },
  () => {
    searchTransforms(problem, thetaGrid);
  },
);

Deno.bench(
  "searchTransforms: 10,000 candidates (θ × saturation), same data; target < 500 ms (≥ 20k candidates/s)",
  {
    group: "search",
  },
  () => {
    searchTransforms(problem, saturationGrid);
  },
);
