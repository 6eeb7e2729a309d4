/**
 * Cost of a budget allocation (`allocateBudget`: adstock once per channel, a 1,000-unit dynamic-programming
 * grid on 33 exact nodes per channel, then exact Newton / pair steps), and of the per-(geo, year, month,
 * channel) table.
 *
 * Held to: 5 channels × 6,240 panel rows (40 geos × 156 weeks) in under 200 ms and 6 channels × 104 weekly rows
 * in under 20 ms, so a notebook can draw allocations for several budgets or bounds interactively. Measured on
 * one core of a shared 2-core machine, Deno 2.9.6: 17 ms and 1.8 ms (the 6,240-row table: 2.4 ms).
 *
 * Run: `deno bench bench/optimize_bench.ts`
 */
import type { MediaData, MediaModel } from "../lib/decompose/mod.ts";
import { contributionsByPeriod } from "../lib/decompose/mod.ts";
import { allocateBudget } from "../lib/optimize/mod.ts";

/** Spend columns `ch0..ch{k-1}` for `geos × weeks` rows from a seeded LCG (Numerical Recipes constants). */
function panel(geos: number, weeks: number, k: number, seed: number): MediaData & { dates: string[] } {
  let s = seed >>> 0;
  const uniform = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const n = geos * weeks;
  const keys: string[] = [], dates: string[] = [];
  const start = Date.UTC(2022, 0, 3);
  for (let g = 0; g < geos; g++) {
    for (let t = 0; t < weeks; t++) {
      keys.push(`geo_${g}`);
      dates.push(new Date(start + t * 7 * 86400000).toISOString().slice(0, 10));
    }
  }
  const columns: Record<string, Float64Array> = {};
  for (let j = 0; j < k; j++) {
    const x = new Float64Array(n);
    for (let g = 0; g < geos; g++) {
      const size = 0.3 + 2 * uniform();
      // channel 0 runs in flights (4 weeks on, 3 off)
      for (let t = 0; t < weeks; t++) {
        x[g * weeks + t] = j === 0 && t % 7 >= 4 ? 0 : size * 1000 * (0.5 + uniform());
      }
    }
    columns[`ch${j}`] = x;
  }
  return geos > 1 ? { n, geos: keys, dates, columns } : { n, dates, columns };
}

/** log1p, concave and S-shaped Hill, sqrt and logistic curves with geometric and Weibull adstock. */
function model(k: number): MediaModel {
  const all: MediaModel["channels"] = [
    {
      name: "tv",
      column: "ch0",
      coef: 9000,
      adstock: { type: "geometric", theta: 0.6 },
      saturation: { type: "log1p", scale: 3000 },
    },
    {
      name: "search",
      column: "ch1",
      coef: 4000,
      adstock: { type: "geometric", theta: 0.2 },
      saturation: { type: "hill", halfSaturation: 2500, shape: 0.9 },
    },
    {
      name: "social",
      column: "ch2",
      coef: 6000,
      adstock: { type: "geometric", theta: 0.4 },
      saturation: { type: "hill", halfSaturation: 3000, shape: 2.5 },
    },
    {
      name: "radio",
      column: "ch3",
      coef: 30,
      adstock: { type: "weibull_pdf", shape: 2, scale: 0.3, maxLag: 8 },
      saturation: { type: "sqrt" },
    },
    {
      name: "print",
      column: "ch4",
      coef: 2000,
      adstock: { type: "geometric", theta: 0.3 },
      saturation: { type: "logistic", steepness: 0.002, midpoint: 1500 },
    },
    {
      name: "display",
      column: "ch5",
      coef: 1500,
      adstock: { type: "geometric", theta: 0.5 },
      saturation: { type: "hill", halfSaturation: 1500, shape: 1.2 },
    },
  ];
  return { channels: all.slice(0, k) };
}

const geo = panel(40, 156, 5, 11);
const geoModel = model(5);
const weekly = panel(1, 104, 6, 12);
const weeklyModel = model(6);

Deno.bench("allocateBudget: 5 channels × 6,240 panel rows (held to < 200 ms)", { group: "allocate" }, () => {
  allocateBudget(geoModel, geo);
});

Deno.bench("allocateBudget: 6 channels × 104 weekly rows (held to < 20 ms)", { group: "allocate" }, () => {
  allocateBudget(weeklyModel, weekly);
});

Deno.bench("contributionsByPeriod: 5 channels × 6,240 rows by geo, year, month, channel", () => {
  contributionsByPeriod(geoModel, geo);
});
