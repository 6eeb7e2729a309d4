/**
 * The transform search with group fixed effects absorbed by the within transformation, against the
 * obviously-correct slow path: a dummy column per group in every fold's design, solved by Householder QR on
 * the fold's training rows (ridge as the augmented system with the dummies unpenalized), predictions
 * `Dγ + Zβ` on the test rows.
 */
import { assert, assertArrayClose, assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import {
  searchCandidate,
  type SearchProblem,
  type SearchProgress,
  searchTransforms,
  searchTransformsAsync,
  type TransformGrid,
} from "../../lib/evaluate/search.ts";
import { type Fold, panelTimeSeriesSplit } from "../../lib/evaluate/time_series_split.ts";
import { geometricAdstock } from "../../lib/features/adstock.ts";
import { applyByGroup } from "../../lib/features/panel.ts";
import { saturate, type SaturationSpec } from "../../lib/features/saturation.ts";
import { qrLeastSquares } from "../../lib/linalg/mod.ts";

/** Deterministic uniform(0, 1) stream (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A panel of `G` geos × `T` weeks (rows sorted by geo, then date) with geo levels far apart, two channels, a
 * control that varies within geo, a control constant within each geo (absorbed by the effects) and a flag that
 * is 1 only in the last weeks (all zero in the early folds' training rows).
 */
function panel(G: number, T: number, seed: number) {
  const u = rng(seed);
  const geos: string[] = [], dates: string[] = [];
  const n = G * T;
  const tv = new Float64Array(n), radio = new Float64Array(n);
  const price = new Float64Array(n), size = new Float64Array(n), late = new Float64Array(n);
  for (let g = 0; g < G; g++) {
    for (let t = 0; t < T; t++) {
      const i = g * T + t;
      geos.push(`g${String(g).padStart(2, "0")}`);
      dates.push(new Date(Date.UTC(2023, 0, 2 + 7 * t)).toISOString().slice(0, 10));
      tv[i] = u() < 0.2 ? 0 : 1000 * (1 + g / G) * u();
      radio[i] = g === 1 ? 0 : 300 * u(); // zero in one geo
      price[i] = 10 + Math.sin(t / 5) + 0.3 * u();
      size[i] = 1e5 * (g + 1);
      late[i] = t >= T - 3 ? 1 : 0;
    }
  }
  const tvA = applyByGroup(tv, geos, (s) => geometricAdstock(s, 0.5));
  const radioA = applyByGroup(radio, geos, (s) => geometricAdstock(s, 0.2));
  const y = Float64Array.from(
    { length: n },
    (_, i) =>
      5000 * (1 + Math.floor(i / T)) + 400 * Math.log1p(tvA[i] / 800) + 150 * Math.log1p(radioA[i] / 200) -
      120 * price[i] + 60 * (u() - 0.5),
  );
  return { geos, dates, y, tv, radio, price, size, late };
}

/** Slow path: fold by fold, dummy-variable least squares by QR (ridge: augmented rows, dummies unpenalized). */
function dummyReference(
  problem: SearchProblem,
  theta: Record<string, number>,
  saturation: Record<string, SaturationSpec | null>,
  alpha: number,
): { rmse: number; foldRmse: number[]; foldR2: number[] } {
  const groups = problem.groups!;
  const levels = [...new Set(groups)];
  const columns: Float64Array[] = [...Object.values(problem.fixed)];
  for (const [name, spend] of Object.entries(problem.channels)) {
    const a = applyByGroup(spend, groups, (s) => geometricAdstock(s, theta[name]));
    const spec = saturation[name];
    columns.push(spec ? saturate(a, spec) : a);
  }
  const y = problem.y;
  const foldRmse: number[] = [], foldR2: number[] = [];
  for (const { train, test } of problem.folds) {
    // a column constant within every geo on the training rows is collinear with the dummies: left out
    const keep = columns.map((_, j) => j).filter((j) =>
      levels.some((g) => {
        const v = Array.from(train).filter((i) => groups[i] === g).map((i) => columns[j][i]);
        return Math.min(...v) !== Math.max(...v);
      })
    );
    // within-geo standard deviation on the training rows (the search's standardization)
    const sd = keep.map((j) => {
      let ss = 0;
      for (const g of levels) {
        const rows = Array.from(train).filter((i) => groups[i] === g);
        const m = rows.reduce((a, i) => a + columns[j][i], 0) / rows.length;
        for (const i of rows) ss += (columns[j][i] - m) ** 2;
      }
      return Math.sqrt(ss / train.length);
    });
    const G = levels.length, p = keep.length, k = G + p;
    const extra = alpha > 0 ? p : 0;
    const rows = train.length + extra;
    const x = new Float64Array(rows * k), target = new Float64Array(rows);
    train.forEach((i, t) => {
      x[t * k + levels.indexOf(groups[i])] = 1;
      keep.forEach((j, c) => (x[t * k + G + c] = columns[j][i] / sd[c]));
      target[t] = y[i];
    });
    for (let c = 0; c < extra; c++) x[(train.length + c) * k + G + c] = Math.sqrt(alpha);
    const { coef } = qrLeastSquares(x, target, rows, k);
    let sse = 0, sst = 0, mean = 0;
    for (const i of test) mean += y[i] / test.length;
    for (const i of test) {
      let pred = coef[levels.indexOf(groups[i])];
      keep.forEach((j, c) => (pred += (columns[j][i] / sd[c]) * coef[G + c]));
      sse += (y[i] - pred) ** 2;
      sst += (y[i] - mean) ** 2;
    }
    foldRmse.push(Math.sqrt(sse / test.length));
    foldR2.push(1 - sse / sst);
  }
  return { rmse: foldRmse.reduce((a, b) => a + b, 0) / foldRmse.length, foldRmse, foldR2 };
}

function problemOf(p: ReturnType<typeof panel>, folds: readonly Fold[]): SearchProblem {
  return {
    y: p.y,
    fixed: { price: p.price, size: p.size, late: p.late },
    channels: { tv: p.tv, radio: p.radio },
    folds,
    groups: p.geos,
    fixedEffects: true,
  };
}

const grid: TransformGrid = {
  theta: [0, 0.3, 0.6],
  saturation: { tv: [null, { type: "log1p", scale: 800 }], radio: [{ type: "log1p", scale: 200 }] },
  alpha: [0, 2],
};

Deno.test("fixed-effects search scores every candidate as the dummy-variable fit does (OLS and ridge)", () => {
  const p = panel(6, 40, 11);
  const problem = problemOf(p, panelTimeSeriesSplit(p.dates, { nSplits: 4 }));
  const search = searchTransforms(problem, grid);
  assertEquals(search.total, 3 * 2 * 3 * 2);
  assertEquals(search.failed, 0);
  for (let i = 0; i < search.total; i++) {
    const c = searchCandidate(search, i);
    const ref = dummyReference(problem, { ...c.theta }, { ...c.saturation }, c.alpha);
    assertArrayClose(c.foldRmse, ref.foldRmse, 1e-9, 1e-9, `candidate ${i} fold RMSE`);
    assertArrayClose(c.foldR2, ref.foldR2, 1e-9, 1e-9, `candidate ${i} fold R²`);
    assertRelClose(c.rmse, ref.rmse, 1e-9, 1e-9);
  }
});

Deno.test("fixed-effects search: a control constant within every geo is absorbed, not a failed solve", () => {
  // Without the within transformation, `size` beside geo dummies makes every normal-equation matrix singular.
  const p = panel(5, 30, 3);
  const folds = panelTimeSeriesSplit(p.dates, { nSplits: 3 });
  const search = searchTransforms(problemOf(p, folds), { theta: [0, 0.5], alpha: [0] });
  assertEquals(search.failed, 0);
  const without = searchTransforms(
    { ...problemOf(p, folds), fixed: { price: p.price, late: p.late } },
    { theta: [0, 0.5], alpha: [0] },
  );
  assertArrayClose(search.rmse, without.rmse, 1e-10, 1e-10);
});

Deno.test("fixed-effects search needs groups, and training rows for every tested geo", () => {
  const p = panel(3, 20, 5);
  const folds = panelTimeSeriesSplit(p.dates, { nSplits: 2 });
  assertThrows(
    () => searchTransforms({ ...problemOf(p, folds), groups: undefined }, { theta: [0], alpha: [0] }),
    RangeError,
    "fixedEffects needs groups",
  );
  // a fold that tests geo g02 without training it
  const bad: Fold[] = [{
    train: Int32Array.from(folds[0].train).filter((i) => p.geos[i] !== "g02"),
    test: folds[0].test,
  }];
  assertThrows(
    () => searchTransforms({ ...problemOf(p, bad) }, { theta: [0], alpha: [0] }),
    RangeError,
    `group "g02" has test rows but no training rows`,
  );
});

Deno.test("searchTransformsAsync gives the synchronous result and awaits its progress callback", async () => {
  const p = panel(6, 40, 11);
  const problem = problemOf(p, panelTimeSeriesSplit(p.dates, { nSplits: 4 }));
  const sync = searchTransforms(problem, grid);
  const seen: SearchProgress[] = [];
  let pending = 0;
  const result = await searchTransformsAsync(problem, grid, {
    yieldEveryMs: 0, // yield at every pause
    onProgress: async (s) => {
      assertEquals(pending, 0, "the previous update was awaited");
      pending++;
      await new Promise((r) => setTimeout(r, 1));
      seen.push(s);
      pending--;
    },
  });
  assertArrayClose(result.rmse, sync.rmse, 0, 0);
  assertArrayClose(result.foldR2, sync.foldR2, 0, 0);
  assertEquals(result.best.index, sync.best.index);
  assert(seen.length >= 2, `${seen.length} progress calls`);
  assertEquals(seen[seen.length - 1].done, sync.total);
  for (let i = 1; i < seen.length; i++) assert(seen[i].done > seen[i - 1].done, "progress increases");
});

Deno.test("fixed-effects search: an exact within-geo relation picks the true carryover with only rounding error", () => {
  const p = panel(4, 30, 9);
  const a = applyByGroup(p.tv, p.geos, (s) => geometricAdstock(s, 0.5));
  // y = geo level + 2 · adstock: no noise, so the test error at θ = 0.5 is zero up to rounding
  const y = Float64Array.from(a, (v, i) => 1e5 * (1 + Number(p.geos[i].slice(1))) + 2 * v);
  const search = searchTransforms(
    {
      y,
      fixed: {},
      channels: { tv: p.tv },
      folds: panelTimeSeriesSplit(p.dates, { nSplits: 3 }),
      groups: p.geos,
      fixedEffects: true,
    },
    { theta: [0, 0.5], alpha: [0] },
  );
  assertEquals(search.best.theta.tv, 0.5);
  // The error comes from moments (SSE = v'Tv), so an exact fit scores rounding of order √ε times the spread
  // of y within geo, not 0: bounded here by 1e-7 × that spread.
  const spread = Math.max(...Array.from(a, (v) => 2 * v));
  assert(search.best.rmse < 1e-7 * spread, `rmse ${search.best.rmse}, spread ${spread}`);
  for (const r2 of search.best.foldR2) assertRelClose(r2, 1, 1e-10, 0);
});
