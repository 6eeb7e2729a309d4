import { assert, assertArrayClose, assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import {
  rankCandidates,
  searchCandidate,
  type SearchProblem,
  type SearchProgress,
  searchTransforms,
  type TransformGrid,
  type TransformSearch,
} from "../../lib/evaluate/search.ts";
import { panelTimeSeriesSplit, timeSeriesSplit } from "../../lib/evaluate/time_series_split.ts";
import { geometricAdstock } from "../../lib/features/adstock.ts";
import { applyByGroup } from "../../lib/features/panel.ts";
import { saturate, type SaturationSpec } from "../../lib/features/saturation.ts";
import { qrLeastSquares } from "../../lib/linalg/mod.ts";
import { ModelError } from "../../lib/errors.ts";

// ---------------------------------------------------------------------------------------------- helpers

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

function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

function keyOf(search: TransformSearch, i: number): string {
  return JSON.stringify([
    search.channels.map((c) => search.theta[c][i]),
    search.channels.map((c) => search.saturationIndex[c][i]),
    search.alpha[i],
  ]);
}

/**
 * The obviously-correct slow path: build the channel columns for one candidate, then per fold standardize on
 * the training rows (two-pass mean and population sd; a column constant on the training rows is dropped, as it
 * is zero after centering), center y, solve ridge as least squares on the augmented system [Z; √α I] by
 * Householder QR (not Cholesky of the normal equations), predict the test rows, score.
 */
function referenceScores(
  problem: SearchProblem,
  theta: Record<string, number>,
  saturation: Record<string, SaturationSpec | null>,
  alpha: number,
): { rmse: number; r2: number; nrmse: number; foldRmse: number[] } {
  const standardize = problem.standardize ?? true, intercept = problem.intercept ?? true;
  const center = standardize || intercept;
  const columns: Float64Array[] = [...Object.values(problem.fixed)];
  for (const [name, spend] of Object.entries(problem.channels)) {
    const ad = problem.groups
      ? applyByGroup(spend, problem.groups, (s) => geometricAdstock(s, theta[name]))
      : geometricAdstock(spend, theta[name]);
    const spec = saturation[name];
    columns.push(spec ? saturate(ad, spec) : ad);
  }
  const y = problem.y;
  const foldRmse: number[] = [], foldR2: number[] = [], foldNrmse: number[] = [];
  for (const { train, test } of problem.folds) {
    const stats = columns.map((col) => {
      let m = 0;
      for (const i of train) m += col[i];
      m /= train.length;
      let v = 0, min = Infinity, max = -Infinity;
      for (const i of train) {
        v += (col[i] - m) ** 2;
        min = Math.min(min, col[i]);
        max = Math.max(max, col[i]);
      }
      return {
        mean: center ? m : 0,
        sd: standardize ? Math.sqrt(v / train.length) : 1,
        constant: min === max,
      };
    });
    // a column that is zero on the training rows once centered (if centering) is dropped: coefficient 0
    const keep = columns.map((_, j) => j).filter((j) =>
      !(stats[j].constant && (center || columns[j][train[0]] === 0))
    );
    const p = keep.length;
    let yMean = 0;
    if (intercept) {
      for (const i of train) yMean += y[i];
      yMean /= train.length;
    }
    const extra = alpha > 0 ? p : 0;
    const rows = train.length + extra;
    const z = new Float64Array(rows * p);
    const target = new Float64Array(rows);
    train.forEach((i, t) => {
      keep.forEach((j, c) => (z[t * p + c] = (columns[j][i] - stats[j].mean) / stats[j].sd));
      target[t] = y[i] - yMean;
    });
    for (let c = 0; c < extra; c++) z[(train.length + c) * p + c] = Math.sqrt(alpha);
    const { coef } = qrLeastSquares(z, target, rows, p);
    let sse = 0, testMean = 0, min = Infinity, max = -Infinity;
    for (const i of test) testMean += y[i] / test.length;
    let sst = 0;
    for (const i of test) {
      let pred = yMean;
      keep.forEach((j, c) => (pred += ((columns[j][i] - stats[j].mean) / stats[j].sd) * coef[c]));
      sse += (y[i] - pred) ** 2;
      sst += (y[i] - testMean) ** 2;
      min = Math.min(min, y[i]);
      max = Math.max(max, y[i]);
    }
    const rmse = Math.sqrt(sse / test.length);
    foldRmse.push(rmse);
    foldR2.push(1 - sse / sst);
    foldNrmse.push(rmse / (max - min));
  }
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  return { rmse: mean(foldRmse), r2: mean(foldR2), nrmse: mean(foldNrmse), foldRmse };
}

function checkAgainstReference(problem: SearchProblem, grid: TransformGrid, rtol: number): TransformSearch {
  const search = searchTransforms(problem, grid);
  const keys = new Set<string>();
  for (let i = 0; i < search.total; i++) {
    keys.add(keyOf(search, i));
    const c = searchCandidate(search, i);
    const ref = referenceScores(problem, { ...c.theta }, { ...c.saturation }, c.alpha);
    const what = `candidate ${keyOf(search, i)}`;
    assertRelClose(search.rmse[i], ref.rmse, rtol, 1e-12, `${what} rmse`);
    assertRelClose(search.r2[i], ref.r2, rtol, 1e-12, `${what} r2`);
    assertRelClose(search.nrmse[i], ref.nrmse, rtol, 1e-12, `${what} nrmse`);
    assertArrayClose(c.foldRmse, ref.foldRmse, rtol, 1e-12, `${what} fold rmse`);
  }
  assertEquals(keys.size, search.total, "every candidate evaluated exactly once");
  return search;
}

/** Seeded weekly data: controls with large means and small spreads, channels with zero weeks. */
function syntheticNational(n: number, seed: number, nChannels: number, nControls: number) {
  const u = rng(seed);
  const fixed: Record<string, Float64Array> = {};
  for (let j = 0; j < nControls; j++) {
    fixed[`control${j}`] = Float64Array.from(
      { length: n },
      (_, t) => (j === 0 ? 2020 + t / 52 : 50 * (j + 1) + Math.sin(t / (3 + j)) * 5 + normal(u)),
    );
  }
  const channels: Record<string, Float64Array> = {};
  for (let c = 0; c < nChannels; c++) {
    channels[`ch${c}`] = Float64Array.from(
      { length: n },
      (_, t) => (c === 1 && t < 20) || u() < 0.2 ? 0 : 200 * (c + 1) * (0.2 + u()),
    );
  }
  return { fixed, channels, u };
}

// ------------------------------------------------------------------------------------ against scikit-learn

interface SearchFixture {
  y: number[];
  fixed: Record<string, number[]>;
  channels: Record<string, number[]>;
  saturation: Record<string, (SaturationSpec | null)[]>;
  nSplits: number;
  cases: {
    standardize: boolean;
    intercept: boolean;
    theta: Record<string, number[]>;
    alpha: number[];
    candidates: {
      theta: number[];
      saturationIndex: number[];
      alpha: number;
      rmse: number;
      rmseSd: number;
      r2: number;
      nrmse: number;
      foldRmse: number[];
    }[];
  }[];
}
const fixture = (JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/validation.json", import.meta.url)),
) as { search: SearchFixture }).search;

// Reference: scikit-learn 1.2.1 make_pipeline(StandardScaler(), Ridge(alpha)) (LinearRegression for alpha 0;
// without the scaler when standardize is false) scored by TimeSeriesSplit(5), features adstocked/saturated in
// numpy (validation.py). Channel "social" is zero in the first folds' training rows (constant column).
for (const c of fixture.cases) {
  Deno.test(
    `searchTransforms matches scikit-learn pipelines (standardize ${c.standardize}, intercept ${c.intercept})`,
    () => {
      const y = Float64Array.from(fixture.y);
      const problem: SearchProblem = {
        y,
        fixed: Object.fromEntries(Object.entries(fixture.fixed).map(([k, v]) => [k, Float64Array.from(v)])),
        channels: Object.fromEntries(
          Object.entries(fixture.channels).map(([k, v]) => [k, Float64Array.from(v)]),
        ),
        folds: timeSeriesSplit(y.length, { nSplits: fixture.nSplits }),
        standardize: c.standardize,
        intercept: c.intercept,
      };
      const search = searchTransforms(problem, {
        theta: c.theta,
        saturation: fixture.saturation,
        alpha: c.alpha,
      });
      assertEquals(search.total, c.candidates.length);
      assertEquals(search.failed, 0);
      const byKey = new Map<string, number>();
      for (let i = 0; i < search.total; i++) byKey.set(keyOf(search, i), i);
      for (const ref of c.candidates) {
        const key = JSON.stringify([ref.theta, ref.saturationIndex, ref.alpha]);
        const i = byKey.get(key);
        assert(i !== undefined, `candidate ${key} missing from the table`);
        assertRelClose(search.rmse[i], ref.rmse, 1e-9, 1e-12, `${key} rmse`);
        assertRelClose(search.rmseSd[i], ref.rmseSd, 1e-9, 1e-12, `${key} rmseSd`);
        assertRelClose(search.r2[i], ref.r2, 1e-9, 1e-12, `${key} r2`);
        assertRelClose(search.nrmse[i], ref.nrmse, 1e-9, 1e-12, `${key} nrmse`);
        assertArrayClose(
          search.foldRmse.subarray(i * 5, i * 5 + 5),
          ref.foldRmse,
          1e-9,
          1e-12,
          `${key} folds`,
        );
      }
      const best = c.candidates.reduce((a, b) => (b.rmse < a.rmse ? b : a));
      assertRelClose(search.best.rmse, best.rmse, 1e-9);
    },
  );
}

// ------------------------------------------------------------------------------- against the slow reference

Deno.test("fast path equals the slow reference (national, saturation, every option combination)", () => {
  const n = 104;
  const { fixed, channels, u } = syntheticNational(n, 7, 3, 3);
  const y = Float64Array.from({ length: n }, (_, t) => 1000 + 30 * Math.sin(t / 6) + 40 * normal(u));
  const folds = timeSeriesSplit(n, { nSplits: 5, gap: 1 });
  const grid: TransformGrid = {
    theta: { ch0: [0, 0.5, 0.9], ch1: [0.3, 0.7], ch2: [0.2] },
    saturation: {
      ch0: [null, { type: "hill", halfSaturation: 300, shape: 2 }],
      ch2: [{ type: "sqrt" }, { type: "logistic", steepness: 0.01, midpoint: 400 }],
    },
    alpha: [0, 0.3, 3],
  };
  for (const standardize of [true, false]) {
    for (const intercept of [true, false]) {
      const s = checkAgainstReference({ y, fixed, channels, folds, standardize, intercept }, grid, 1e-9);
      assertEquals(s.total, 6 * 2 * 2 * 3);
    }
  }
});

Deno.test("fast path equals the slow reference with sliding windows (maxTrainSize) and a panel", () => {
  const n = 90;
  const { fixed, channels, u } = syntheticNational(n, 11, 2, 1);
  const y = Float64Array.from({ length: n }, (_, t) => 500 + 0.2 * channels.ch0[t] + 20 * normal(u));
  checkAgainstReference(
    { y, fixed, channels, folds: timeSeriesSplit(n, { nSplits: 4, maxTrainSize: 30, testSize: 12 }) },
    { theta: [0, 0.4, 0.8], alpha: [0, 1] },
    1e-9,
  );
  // panel: 3 geos × 30 weeks, rows sorted by (geo, date); adstock restarts per geo
  const geos = Array.from({ length: n }, (_, i) => ["north", "south", "west"][Math.floor(i / 30)]);
  const dates = Array.from(
    { length: n },
    (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * (i % 30))).toISOString().slice(0, 10),
  );
  const folds = panelTimeSeriesSplit(dates, { nSplits: 3, gap: 1 });
  checkAgainstReference(
    { y, fixed, channels, folds, groups: geos },
    { theta: [0, 0.5, 0.9], saturation: [null, { type: "log1p", scale: 100 }], alpha: [0, 2] },
    1e-9,
  );
});

// ---------------------------------------------------------------------------------------------- recovery

Deno.test("searchTransforms recovers the carryover that generated the data", () => {
  const n = 104;
  const u = rng(2024);
  const fixed = {
    control0: Float64Array.from({ length: n }, (_, t) => 2020 + t / 52),
    control1: Float64Array.from({ length: n }, (_, t) => 100 + 5 * Math.sin(t / 4) + normal(u)),
  };
  const channels: Record<string, Float64Array> = {};
  for (let c = 0; c < 3; c++) {
    channels[`ch${c}`] = Float64Array.from(
      { length: n },
      () => (u() < 0.2 ? 0 : 200 * (c + 1) * (0.2 + u())),
    );
  }
  const truth: Record<string, number> = { ch0: 0.2, ch1: 0.5, ch2: 0.7 };
  const beta: Record<string, number> = { ch0: 1.5, ch1: 0.8, ch2: 0.6 };
  const y = new Float64Array(n);
  for (let t = 0; t < n; t++) y[t] = 2000 + 100 * (fixed.control0[t] - 2020) + 3 * fixed.control1[t];
  for (const c of Object.keys(channels)) {
    const a = geometricAdstock(channels[c], truth[c]);
    for (let t = 0; t < n; t++) y[t] += beta[c] * a[t];
  }
  for (let t = 0; t < n; t++) y[t] += 10 * normal(u);
  const thetaGrid = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
  const search = searchTransforms(
    { y, fixed, channels, folds: timeSeriesSplit(n) },
    { theta: thetaGrid, alpha: [0, 0.1, 1] },
  );
  assertEquals(search.total, 1000 * 3);
  assertEquals({ ...search.best.theta }, truth);
  // and the truth scores better than a neighbour of every channel
  const at = (theta: Record<string, number>) => {
    for (let i = 0; i < search.total; i++) {
      if (
        search.alpha[i] === search.best.alpha && search.channels.every((c) => search.theta[c][i] === theta[c])
      ) {
        return search.rmse[i];
      }
    }
    throw new Error("not found");
  };
  for (const c of search.channels) {
    const k = thetaGrid.indexOf(truth[c]);
    for (const neighbour of [thetaGrid[k - 1], thetaGrid[k + 1]]) {
      assert(at(truth) < at({ ...truth, [c]: neighbour }), `${c}: truth beats theta ${neighbour}`);
    }
  }
});

// ------------------------------------------------------------------------------------------------ leakage

Deno.test("no leakage: a fold's score does not change when later rows change", () => {
  const n = 104;
  const { fixed, channels, u } = syntheticNational(n, 5, 2, 2);
  const y = Float64Array.from({ length: n }, (_, t) => 800 + 0.3 * channels.ch0[t] + 10 * normal(u));
  const folds = timeSeriesSplit(n, { nSplits: 5 });
  const grid = { theta: [0, 0.5], alpha: [0, 1] };
  const base = searchTransforms({ y, fixed, channels, folds }, grid);
  // scramble everything after fold 2's test window: outcome, controls and spend
  const cut = folds[2].test[folds[2].test.length - 1] + 1;
  const scramble = (x: Float64Array) => x.map((v, i) => (i >= cut ? v * 3 + 1000 * u() : v));
  const changed = searchTransforms({
    y: scramble(y),
    fixed: Object.fromEntries(Object.entries(fixed).map(([k, v]) => [k, scramble(v)])),
    channels: Object.fromEntries(Object.entries(channels).map(([k, v]) => [k, scramble(v)])),
    folds,
  }, grid);
  for (let i = 0; i < base.total; i++) {
    for (let f = 0; f <= 2; f++) {
      assertRelClose(
        changed.foldRmse[i * 5 + f],
        base.foldRmse[i * 5 + f],
        1e-12,
        0,
        `candidate ${i} fold ${f}`,
      );
    }
    assert(changed.foldRmse[i * 5 + 4] !== base.foldRmse[i * 5 + 4], "the last fold sees the change");
  }
});

// ----------------------------------------------------------------------------------- progress and results

Deno.test("onProgress is called every progressEvery candidates and at the end, with the best so far", () => {
  const n = 60;
  const { fixed, channels, u } = syntheticNational(n, 3, 2, 1);
  const y = Float64Array.from({ length: n }, () => 100 + normal(u));
  const calls: SearchProgress[] = [];
  const search = searchTransforms(
    { y, fixed, channels, folds: timeSeriesSplit(n, { nSplits: 3 }) },
    { theta: [0, 0.3, 0.6], alpha: [0, 1, 10] },
    { onProgress: (p) => calls.push(p), progressEvery: 10 },
  );
  assertEquals(calls.map((c) => c.done), [10, 20, 27]);
  assert(calls.every((c) => c.total === 27));
  for (let k = 1; k < calls.length; k++) assert(calls[k].best!.rmse <= calls[k - 1].best!.rmse);
  assertEquals(calls.at(-1)!.best, search.best);
  let min = Infinity;
  for (const v of search.rmse) min = Math.min(min, v);
  assertEquals(search.best.rmse, min);
});

Deno.test("rankCandidates orders by the criterion; searchCandidate reads one row", () => {
  const n = 60;
  const { fixed, channels, u } = syntheticNational(n, 4, 2, 1);
  const y = Float64Array.from({ length: n }, (_, t) => 100 + 0.05 * channels.ch1[t] + normal(u));
  const search = searchTransforms(
    { y, fixed, channels, folds: timeSeriesSplit(n, { nSplits: 3 }) },
    { theta: [0, 0.5], saturation: { ch0: [null, { type: "sqrt" }] }, alpha: [0, 1] },
    { criterion: "r2" },
  );
  const order = rankCandidates(search);
  assertEquals(order.length, search.total);
  for (let k = 1; k < order.length; k++) assert(search.r2[order[k]] <= search.r2[order[k - 1]]);
  assertEquals(order[0], search.best.index);
  const byRmse = rankCandidates(search, 3, "rmse");
  assertEquals(byRmse.length, 3);
  assert(search.rmse[byRmse[0]] <= search.rmse[byRmse[1]]);
  const c = searchCandidate(search, byRmse[0]);
  assertEquals(c.rmse, search.rmse[byRmse[0]]);
  assertEquals(Object.keys(c.saturation), ["ch0", "ch1"]);
  assertEquals(c.saturation.ch1, null);
  assertThrows(() => searchCandidate(search, search.total), RangeError, "outside");
});

Deno.test("singular fits score NaN and are counted; all failing is a ModelError", () => {
  const n = 40;
  const x = Float64Array.from({ length: n }, (_, t) => t % 7);
  const y = Float64Array.from({ length: n }, (_, t) => t);
  const folds = timeSeriesSplit(n, { nSplits: 3 });
  // the control duplicates the channel at theta 0: OLS is singular there, ridge is not
  const problem = { y, fixed: { copy: x }, channels: { tv: x }, folds };
  const search = searchTransforms(problem, { theta: [0, 0.5], alpha: [0, 1] });
  assertEquals(search.failed, 1);
  const i = [...search.alpha].findIndex((a, k) => a === 0 && search.theta.tv[k] === 0);
  assert(Number.isNaN(search.rmse[i]));
  assert(search.best.alpha !== 0 || search.best.theta.tv !== 0);
  assertThrows(() => searchTransforms(problem, { theta: [0], alpha: [0] }), ModelError, "singular");
});

Deno.test("searchTransforms checks its inputs", () => {
  const n = 30;
  const y = Float64Array.from({ length: n }, (_, t) => t);
  const tv = Float64Array.from({ length: n }, (_, t) => (t * 7) % 5);
  const folds = timeSeriesSplit(n, { nSplits: 3 });
  const base = { y, fixed: {}, channels: { tv }, folds };
  assertThrows(() => searchTransforms(base, { theta: [1], alpha: [0] }), RangeError, "outside [0, 1)");
  assertThrows(() => searchTransforms(base, { theta: [0], alpha: [-1] }), RangeError, "alpha -1");
  assertThrows(
    () => searchTransforms(base, { theta: { radio: [0] }, alpha: [0] }),
    RangeError,
    "not a channel",
  );
  assertThrows(
    () => searchTransforms({ ...base, channels: { tv: new Float64Array(3) } }, { theta: [0], alpha: [0] }),
    RangeError,
    "has 3 rows",
  );
  assertThrows(
    () =>
      searchTransforms(base, {
        theta: [0],
        saturation: [{ type: "hill", halfSaturation: 0, shape: 1 }],
        alpha: [0],
      }),
    RangeError,
    "halfSaturation",
  );
  const leaky = [{ train: Int32Array.from([0, 1, 2, 3]), test: Int32Array.from([3, 4]) }];
  assertThrows(
    () => searchTransforms({ ...base, folds: leaky }, { theta: [0], alpha: [0] }),
    RangeError,
    "leakage",
  );
  const many = Array.from({ length: 60 }, (_, i) => i / 60);
  assertThrows(
    () =>
      searchTransforms(
        { ...base, channels: { a: tv, b: tv, c: tv, d: tv } },
        { theta: many, alpha: [0] },
      ),
    RangeError,
    "at most",
  );
});

Deno.test("tied candidates: the best is the first evaluated, as documented (strict improvement only)", () => {
  const n = 60;
  const { fixed, channels, u } = syntheticNational(n, 9, 2, 1);
  const y = Float64Array.from({ length: n }, (_, t) => 100 + 0.05 * channels.ch0[t] + normal(u));
  // a penalty listed twice is scored twice from the same moments: two rows with bit-identical scores
  const search = searchTransforms(
    { y, fixed, channels, folds: timeSeriesSplit(n, { nSplits: 3 }) },
    { theta: [0, 0.3, 0.6], alpha: [0.5, 0.5] },
  );
  const tied = [...search.rmse.keys()].filter((i) => search.rmse[i] === search.best.rmse);
  assertEquals(tied.length, 2);
  assertEquals(tied[1], tied[0] + 1);
  assertEquals(search.best.index, tied[0]);
  assertEquals(rankCandidates(search, 2), Int32Array.from(tied));
});
