/**
 * The geo CV moments engine against the obviously-correct slow path: on every fold, a dummy column per geo in
 * the design, solved by Householder QR on the fold's training rows, predictions on the test rows; the
 * full-sample slopes against the same dummy fit on every row; the bootstrap outcome `y₀ + u·e` against the
 * outcome built row by row; and the coordinate search against the exhaustive product of two channels' grids
 * on a panel whose true (θ, s) are on the grid.
 */
import { assert, assertArrayClose, assertEquals, assertRelClose } from "../assert.ts";
import { coordinateSearch, GeoCvMoments } from "../../lib/evaluate/geo_cv_moments.ts";
import { type Fold, panelTimeSeriesSplit } from "../../lib/evaluate/time_series_split.ts";
import { geometricAdstock } from "../../lib/features/adstock.ts";
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

interface Panel {
  n: number;
  G: number;
  T: number;
  geoCodes: Int32Array;
  dates: string[];
  tv: Float64Array;
  radio: Float64Array;
  price: Float64Array;
  y: Float64Array;
}

/** G geos × T weeks, rows sorted by geo then date; sales from log1p(adstock / s) of two channels. */
function panel(G: number, T: number, seed: number, truth = { tv: [0.5, 800], radio: [0.2, 200] }): Panel {
  const u = rng(seed);
  const n = G * T;
  const geoCodes = new Int32Array(n), dates: string[] = [];
  const tv = new Float64Array(n),
    radio = new Float64Array(n),
    price = new Float64Array(n),
    y = new Float64Array(n);
  for (let g = 0; g < G; g++) {
    const tvS = new Float64Array(T), radioS = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      tvS[t] = u() < 0.3 ? 0 : 1000 * u() * (1 + g / 3);
      radioS[t] = 300 * u();
    }
    const tvA = geometricAdstock(tvS, truth.tv[0]), radioA = geometricAdstock(radioS, truth.radio[0]);
    for (let t = 0; t < T; t++) {
      const i = g * T + t;
      geoCodes[i] = g;
      dates.push(new Date(Date.UTC(2022, 0, 3 + 7 * t)).toISOString().slice(0, 10));
      tv[i] = tvS[t];
      radio[i] = radioS[t];
      price[i] = 10 + u();
      y[i] = 5000 * (1 + g) + 400 * Math.log1p(tvA[t] / truth.tv[1]) +
        150 * Math.log1p(radioA[t] / truth.radio[1]) - 120 * price[i] + 40 * (u() - 0.5);
    }
  }
  return { n, G, T, geoCodes, dates, tv, radio, price, y };
}

function transformed(p: Panel, spend: Float64Array, theta: number, scale: number): Float64Array {
  const out = new Float64Array(p.n);
  for (let g = 0; g < p.G; g++) {
    const a = geometricAdstock(spend.subarray(g * p.T, (g + 1) * p.T), theta);
    for (let t = 0; t < p.T; t++) out[g * p.T + t] = Math.log1p(a[t] / scale);
  }
  return out;
}

/** Dummy-variable QR fit on `train`, RMSE on `test` (test empty: slopes only). */
function dummyFit(
  columns: readonly Float64Array[],
  y: ArrayLike<number>,
  geoCodes: Int32Array,
  G: number,
  train: ArrayLike<number>,
  test: ArrayLike<number>,
): { slopes: number[]; rmse: number } {
  const p = columns.length, k = G + p, rows = train.length;
  const x = new Float64Array(rows * k), target = new Float64Array(rows);
  for (let t = 0; t < rows; t++) {
    const i = train[t];
    x[t * k + geoCodes[i]] = 1;
    for (let c = 0; c < p; c++) x[t * k + G + c] = columns[c][i];
    target[t] = y[i];
  }
  const { coef } = qrLeastSquares(x, target, rows, k);
  let sse = 0;
  for (let t = 0; t < test.length; t++) {
    const i = test[t];
    let pred = coef[geoCodes[i]];
    for (let c = 0; c < p; c++) pred += coef[G + c] * columns[c][i];
    sse += (y[i] - pred) ** 2;
  }
  return { slopes: Array.from(coef.slice(G)), rmse: Math.sqrt(sse / Math.max(1, test.length)) };
}

function foldsOf(p: Panel): Fold[] {
  return panelTimeSeriesSplit(p.dates, { nSplits: 4, minTrainSize: 20 });
}

Deno.test("GeoCvMoments scores a candidate as the dummy-variable fit does on every fold", () => {
  const p = panel(6, 60, 1);
  const folds = foldsOf(p);
  const cv = new GeoCvMoments({ geoCodes: p.geoCodes, nGeos: p.G, folds });
  const cols = [p.price, transformed(p, p.tv, 0.4, 500), transformed(p, p.radio, 0.3, 150)];
  const ids = cols.map((c) => cv.addColumn(c));
  cv.setOutcome(p.y);
  const s = cv.score(ids);
  const ref = folds.map((f) => dummyFit(cols, p.y, p.geoCodes, p.G, f.train, f.test).rmse);
  assertArrayClose(Array.from(s.foldRmse), ref, 1e-9);
  assertRelClose(s.rmse, ref.reduce((a, b) => a + b, 0) / ref.length, 1e-9);
  // full-sample slopes: the dummy fit on every row
  const all = Int32Array.from({ length: p.n }, (_, i) => i);
  assertArrayClose(Array.from(cv.solve(ids)!), dummyFit(cols, p.y, p.geoCodes, p.G, all, []).slopes, 1e-8);
});

Deno.test("GeoCvMoments scores each option by its Schur complement as a full solve does", () => {
  const p = panel(5, 52, 2);
  const folds = foldsOf(p);
  const cv = new GeoCvMoments({ geoCodes: p.geoCodes, nGeos: p.G, folds });
  const base = [cv.addColumn(p.price), cv.addColumn(transformed(p, p.radio, 0.2, 200))];
  const options = [0, 0.3, 0.6].flatMap((th) =>
    [100, 800, 5000].map((s) => cv.addColumn(transformed(p, p.tv, th, s)))
  );
  cv.setOutcome(p.y);
  const out = new Float64Array(options.length);
  cv.scoreOptions(base, options, out);
  options.forEach((o, i) => {
    const cols = [
      p.price,
      transformed(p, p.radio, 0.2, 200),
      transformed(p, p.tv, [0, 0.3, 0.6][Math.floor(i / 3)], [100, 800, 5000][i % 3]),
    ];
    const ref = folds.map((f) => dummyFit(cols, p.y, p.geoCodes, p.G, f.train, f.test).rmse);
    assertRelClose(out[i], ref.reduce((a, b) => a + b, 0) / ref.length, 1e-9);
    assertRelClose(out[i], cv.score([...base, o]).rmse, 1e-12);
  });
});

Deno.test("GeoCvMoments: the bootstrap outcome y₀ + u·e by clusters equals the outcome built row by row", () => {
  const p = panel(6, 48, 3);
  const folds = foldsOf(p);
  // cells: geo × 4 blocks of 12 weeks; clusters either the geos or the blocks
  const nBlocks = 4;
  const block = Int32Array.from({ length: p.n }, (_, i) => Math.floor((i % p.T) / 12));
  const cellCodes = Int32Array.from({ length: p.n }, (_, i) => p.geoCodes[i] * nBlocks + block[i]);
  const cv = new GeoCvMoments({ geoCodes: p.geoCodes, nGeos: p.G, folds, cellCodes, nCells: p.G * nBlocks });
  const cols = [p.price, transformed(p, p.tv, 0.5, 800), transformed(p, p.radio, 0.2, 200)];
  const ids = cols.map((c) => cv.addColumn(c));
  const u = rng(9);
  const y0 = Float64Array.from(p.y, (v) => v - 50 + 100 * u());
  const e = Float64Array.from(p.y, () => 80 * (u() - 0.5));
  for (const scheme of ["geo", "block"] as const) {
    const K = scheme === "geo" ? p.G : nBlocks;
    const cellCluster = Int32Array.from(
      { length: p.G * nBlocks },
      (_, c) => scheme === "geo" ? Math.floor(c / nBlocks) : c % nBlocks,
    );
    const w = Float64Array.from({ length: K }, () => (u() < 0.5 ? -1 : 1) * (0.5 + u()));
    const clusterOfRow = (i: number) => (scheme === "geo" ? p.geoCodes[i] : block[i]);
    const direct = Float64Array.from(y0, (v, i) => v + w[clusterOfRow(i)] * e[i]);
    cv.setOutcome(direct);
    const want = cv.score(ids), wantSlopes = cv.solve(ids)!;
    cv.setOutcome(y0, e, cellCluster, K);
    cv.setWeights(w);
    const got = cv.score(ids);
    assertArrayClose(Array.from(got.foldRmse), Array.from(want.foldRmse), 1e-9);
    assertArrayClose(Array.from(cv.solve(ids)!), Array.from(wantSlopes), 1e-9);
    // and the row-by-row reference itself
    const ref = folds.map((f) => dummyFit(cols, direct, p.geoCodes, p.G, f.train, f.test).rmse);
    assertArrayClose(Array.from(got.foldRmse), ref, 1e-8);
  }
});

Deno.test("GeoCvMoments: a column constant within every geo gets coefficient 0; a collinear one scores NaN", () => {
  const p = panel(4, 40, 4);
  const folds = foldsOf(p);
  const cv = new GeoCvMoments({ geoCodes: p.geoCodes, nGeos: p.G, folds });
  const size = Float64Array.from(p.geoCodes, (g) => 1000 * (g + 1)); // a geo-level variable
  const tv = transformed(p, p.tv, 0.5, 800);
  const ids = [cv.addColumn(p.price), cv.addColumn(tv)];
  const flat = cv.addColumn(size);
  const copy = cv.addColumn(Float64Array.from(tv, (v, i) => 2 * v - p.price[i]));
  cv.setOutcome(p.y);
  assert(cv.isConstant(flat, 0), "constant within geos");
  const out = new Float64Array(2);
  cv.scoreOptions(ids, [flat, copy], out);
  assertRelClose(out[0], cv.score(ids).rmse, 1e-12);
  assert(Number.isNaN(out[1]), `collinear option scores NaN, got ${out[1]}`);
  assertEquals(cv.solve([...ids, flat])![2], 0);
});

Deno.test("coordinateSearch finds the exhaustive optimum of two channels' joint (θ, s) grids and the truth", () => {
  const p = panel(8, 80, 5, { tv: [0.5, 800], radio: [0.2, 200] });
  const folds = foldsOf(p);
  const cv = new GeoCvMoments({ geoCodes: p.geoCodes, nGeos: p.G, folds });
  const thetas = [0, 0.2, 0.5, 0.7], scales = [50, 200, 800, 3200];
  const grid = thetas.flatMap((th) => scales.map((s) => ({ th, s })));
  const fixed = [cv.addColumn(p.price)];
  const tvIds = grid.map(({ th, s }) => cv.addColumn(transformed(p, p.tv, th, s)));
  const radioIds = grid.map(({ th, s }) => cv.addColumn(transformed(p, p.radio, th, s)));
  cv.setOutcome(p.y);
  // exhaustive product: 16 × 16 candidates
  let best = Infinity, arg = [-1, -1];
  for (let a = 0; a < grid.length; a++) {
    for (let b = 0; b < grid.length; b++) {
      const s = cv.score([...fixed, tvIds[a], radioIds[b]]).rmse;
      if (s < best) [best, arg] = [s, [a, b]];
    }
  }
  // started far from the truth (θ = 0, the largest scale for both)
  const r = coordinateSearch(cv, fixed, [tvIds, radioIds], [3, 3]);
  assert(r.converged, "converged");
  assert(r.passes >= 2, "a second pass confirmed the choice");
  assertEquals(Array.from(r.chosen), arg);
  assertRelClose(r.rmse, best, 1e-12);
  assertEquals(grid[arg[0]], { th: 0.5, s: 800 });
  assertEquals(grid[arg[1]], { th: 0.2, s: 200 });
  // the profiles are the final point's: each channel's chosen option is its profile's minimum
  assertEquals(r.profiles[0].indexOf(Math.min(...r.profiles[0])), arg[0]);
});

Deno.test("GeoCvMoments: partialling out the fixed columns (setFixed) scores as the full system does", () => {
  const p = panel(6, 60, 6);
  const folds = foldsOf(p);
  const make = () => {
    const cv = new GeoCvMoments({ geoCodes: p.geoCodes, nGeos: p.G, folds });
    const season = Float64Array.from({ length: p.n }, (_, i) => Math.sin((i % p.T) / 5));
    const fixed = [cv.addColumn(p.price), cv.addColumn(season)];
    const radio = cv.addColumn(transformed(p, p.radio, 0.2, 200));
    const options = [0, 0.4, 0.8].map((th) => cv.addColumn(transformed(p, p.tv, th, 700)));
    return { cv, fixed, radio, options };
  };
  const plain = make(), fast = make();
  fast.cv.setFixed(fast.fixed);
  const u = rng(3);
  const e = Float64Array.from(p.y, () => 50 * (u() - 0.5));
  const w = Float64Array.from({ length: p.G }, () => (u() < 0.5 ? -1 : 1));
  for (const m of [plain, fast]) {
    m.cv.setOutcome(p.y, e);
    m.cv.setWeights(w);
  }
  const a = new Float64Array(3), b = new Float64Array(3);
  plain.cv.scoreOptions([...plain.fixed, plain.radio], plain.options, a);
  fast.cv.scoreOptions([...fast.fixed, fast.radio], fast.options, b);
  assertArrayClose(Array.from(b), Array.from(a), 1e-9);
  // a base without every fixed column takes the full path
  const c = new Float64Array(3);
  fast.cv.scoreOptions([fast.fixed[0], fast.radio], fast.options, c);
  const d = new Float64Array(3);
  plain.cv.scoreOptions([plain.fixed[0], plain.radio], plain.options, d);
  assertArrayClose(Array.from(c), Array.from(d), 1e-12);
});
