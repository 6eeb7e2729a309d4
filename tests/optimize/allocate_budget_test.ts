/**
 * allocateBudget against closed-form optima (log1p, no adstock, two channels), against scipy's SLSQP from 41
 * starting points (tests/fixtures/decompose.py: 4-channel Hill models with geometric adstock), and the KKT
 * conditions on a panel.
 */
import type { MediaModel } from "../../lib/decompose/mod.ts";
import { marginalRoi } from "../../lib/decompose/mod.ts";
import { allocateBudget } from "../../lib/optimize/mod.ts";
import { assert, assertAlmostEquals, assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import { fixture, syntheticPanel, toColumns, toModel, uniforms } from "../decompose/_fixture.ts";

/**
 * Two channels, no adstock, spend constant at x_c in each of n rows, response β_c · log1p(x / k_c) per row.
 * With total spend X_c = n·x_c·m_c, R_c(X) = n β_c ln(1 + X / (n k_c)) and dR_c/dX = β_c / (k_c + X/n).
 * Equal marginal returns β₁ / (k₁ + X₁/n) = β₂ / (k₂ + X₂/n) with X₁ + X₂ = T give, writing u_c = n k_c + X_c,
 * u₁ / β₁ = u₂ / β₂ and u₁ + u₂ = T + n(k₁ + k₂):
 *   X₁ = β₁ (T + n(k₁ + k₂)) / (β₁ + β₂) − n k₁,   X₂ = T − X₁,   λ = n (β₁ + β₂) / (T + n(k₁ + k₂)).
 */
function twoChannelLog1p(beta: [number, number], k: [number, number], x: [number, number], n: number) {
  const ds = {
    n,
    columns: { a: new Float64Array(n).fill(x[0]), b: new Float64Array(n).fill(x[1]) },
  };
  const model: MediaModel = {
    channels: [
      { name: "a", column: "a", coef: beta[0], saturation: { type: "log1p", scale: k[0] } },
      { name: "b", column: "b", coef: beta[1], saturation: { type: "log1p", scale: k[1] } },
    ],
  };
  return { ds, model };
}

Deno.test("log1p, two channels, interior optimum: the closed form (1e-8 relative)", () => {
  const beta: [number, number] = [300, 120], k: [number, number] = [50, 20], x: [number, number] = [40, 90];
  const n = 8;
  const { ds, model } = twoChannelLog1p(beta, k, x, n);
  const T = n * (x[0] + x[1]);
  const X1 = (beta[0] * (T + n * (k[0] + k[1]))) / (beta[0] + beta[1]) - n * k[0];
  const lambda = (n * (beta[0] + beta[1])) / (T + n * (k[0] + k[1]));
  const a = allocateBudget(model, ds, { defaultBounds: { min: 0, max: T, units: "spend" } });
  assertRelClose(a.channels[0].optimalSpend, X1, 1e-8);
  assertRelClose(a.channels[1].optimalSpend, T - X1, 1e-8);
  assertRelClose(a.marginalRoi, lambda, 1e-8);
  const R = (X: number, c: 0 | 1) => n * beta[c] * Math.log1p(X / (n * k[c]));
  assertRelClose(a.optimalResponse, R(X1, 0) + R(T - X1, 1), 1e-12);
  assertRelClose(a.currentResponse, R(n * x[0], 0) + R(n * x[1], 1), 1e-12);
  assertEquals(a.channels.map((c) => c.bound), [null, null]);
  assert(a.converged && a.lift > 0);
  assertRelClose(a.channels[0].marginalRoiOptimal, a.channels[1].marginalRoiOptimal, 1e-9);
  // each channel's reported marginal ROI is dR_c/dX = β_c / (k_c + X/n): at the current spend (X/n = x_c)
  // and at the optimum (both equal to λ)
  assertRelClose(a.channels[0].marginalRoiCurrent, beta[0] / (k[0] + x[0]), 1e-9);
  assertRelClose(a.channels[1].marginalRoiCurrent, beta[1] / (k[1] + x[1]), 1e-9);
  assertRelClose(a.channels[0].marginalRoiOptimal, lambda, 1e-8);
  assertRelClose(a.channels[1].marginalRoiOptimal, lambda, 1e-8);
  assertRelClose(a.total, T, 1e-15);
  assertRelClose(a.channels[0].optimalSpend + a.channels[1].optimalSpend, T, 1e-14);
});

Deno.test("log1p, two channels, a binding lower bound: all the rest goes to the better channel", () => {
  const beta: [number, number] = [500, 40], k: [number, number] = [50, 20], x: [number, number] = [40, 90];
  const n = 8;
  const { ds, model } = twoChannelLog1p(beta, k, x, n);
  const T = n * (x[0] + x[1]);
  const unconstrainedX2 = T - ((beta[0] * (T + n * (k[0] + k[1]))) / (beta[0] + beta[1]) - n * k[0]);
  const minX2 = 0.5 * n * x[1];
  assert(unconstrainedX2 < minX2, "the bound must bind for this test");
  const a = allocateBudget(model, ds, { bounds: { a: { max: 10 } } }); // b: default bounds 0.5..2 × current
  assertRelClose(a.channels[1].optimalSpend, minX2, 1e-12);
  assertRelClose(a.channels[0].optimalSpend, T - minX2, 1e-12);
  assertEquals(a.channels.map((c) => c.bound), [null, "min"]);
  // KKT at a lower bound: its marginal ROI is at most λ
  assert(a.channels[1].marginalRoiOptimal < a.channels[0].marginalRoiOptimal);
  assertRelClose(a.marginalRoi, beta[0] / (k[0] + (T - minX2) / n), 1e-12);
  assertRelClose(a.channels[1].marginalRoiOptimal, beta[1] / (k[1] + minX2 / n), 1e-12);
  assertRelClose(a.channels[1].marginalRoiCurrent, beta[1] / (k[1] + x[1]), 1e-12);
});

for (const ref of fixture.allocation) {
  Deno.test(`4-channel Hill with adstock, case "${ref.name}": scipy SLSQP's optimum (spend 0.5% of total, response 1e-6)`, () => {
    const model = toModel(ref.model);
    const ds = { n: ref.columns[Object.keys(ref.columns)[0]].length, columns: toColumns(ref.columns) };
    const a = allocateBudget(model, ds, { bounds: ref.bounds, total: ref.total });
    assert(a.converged, `not converged, gap ${a.kktGap}`);
    a.channels.forEach((c, i) => {
      assertRelClose(c.currentSpend, ref.currentSpend[i], 1e-12);
      assertAlmostEquals(c.optimalSpend, ref.optimalSpend[i], 0.005 * ref.total, c.channel);
      assertEquals(c.bound === null, ref.interior[i], `${c.channel} interior`);
    });
    assertRelClose(a.currentResponse, ref.currentResponse, 1e-12);
    assertRelClose(a.optimalResponse, ref.optimalResponse, 1e-6);
    assertRelClose(a.channels.reduce((s, c) => s + c.optimalSpend, 0), ref.total, 1e-13);
    // equal marginal ROI across the interior channels
    const interior = a.channels.filter((c) => c.bound === null);
    for (const c of interior) assertRelClose(c.marginalRoiOptimal, a.marginalRoi, 1e-9, 0, c.channel);
    for (const c of a.channels.filter((c) => c.bound === "min")) {
      assert(c.marginalRoiOptimal <= a.marginalRoi);
    }
    for (const c of a.channels.filter((c) => c.bound === "max")) {
      assert(c.marginalRoiOptimal >= a.marginalRoi);
    }
  });
}

Deno.test("S-shaped curve: the grid phase escapes the local optimum a local method stops at", () => {
  const ref = fixture.allocation.find((c) => c.name === "s_curve_trap")!;
  const a = allocateBudget(toModel(ref.model), {
    n: ref.columns.tv_spend.length,
    columns: toColumns(ref.columns),
  }, { bounds: ref.bounds });
  assert(ref.fromCurrentResponse < 0.99 * ref.optimalResponse, "SLSQP from the current split is trapped");
  assertRelClose(a.optimalResponse, ref.optimalResponse, 1e-6);
  // the S-shaped channel sits on the flat start of its curve today: low marginal ROI, yet it gets the money
  const social = a.channels.find((c) => c.channel === "social")!;
  assert(
    social.marginalRoiCurrent < Math.min(
      ...a.channels.filter((c) => c !== social).map((c) => c.marginalRoiCurrent),
    ),
  );
  assert(social.multiplier > 2);
});

function panelModel(): MediaModel {
  return {
    channels: [
      {
        name: "c0",
        column: "ch0",
        coef: 9000,
        adstock: { type: "geometric", theta: 0.5 },
        saturation: { type: "log1p", scale: 3000 },
      },
      {
        name: "c1",
        column: "ch1",
        coef: 4000,
        adstock: { type: "geometric", theta: 0.2 },
        saturation: { type: "hill", halfSaturation: 2500, shape: 1 },
      },
      {
        name: "c2",
        column: "ch2",
        coef: 2500,
        adstock: { type: "delayed", theta: 0.6, delay: 1, maxLag: 6 },
        saturation: { type: "hill", halfSaturation: 1800, shape: 2.2 },
      },
      {
        name: "c3",
        column: "ch3",
        coef: 30,
        adstock: { type: "geometric", theta: 0.3 },
        saturation: { type: "sqrt" },
      },
      {
        name: "c4",
        column: "ch4",
        coef: 0.8,
        adstock: { type: "weibull_pdf", shape: 2, scale: 0.3, maxLag: 8 },
      },
    ],
  };
}

Deno.test("panel: budget kept, bounds kept, equal marginal ROI inside, no loss against the current split", () => {
  const ds = syntheticPanel(12, 80, 5, 3);
  const model = panelModel();
  const a = allocateBudget(model, ds);
  assert(a.converged);
  assertRelClose(a.channels.reduce((s, c) => s + c.optimalSpend, 0), a.currentTotal, 1e-13);
  assert(a.lift >= 0);
  for (const c of a.channels) {
    assert(c.optimalSpend >= c.minSpend && c.optimalSpend <= c.maxSpend, c.channel);
    assertRelClose(c.minSpend, 0.5 * c.currentSpend, 1e-15);
    if (c.bound === null) assertRelClose(c.marginalRoiOptimal, a.marginalRoi, 1e-9, 0, c.channel);
  }
  // the linear channel (no saturation) has a constant marginal ROI; inside its bounds it sets λ for all
  assertEquals(a.channels[4].bound, null);
  assertRelClose(a.marginalRoi, a.channels[4].marginalRoiCurrent, 1e-9);
  // the optimum's marginal ROI equals lib/decompose's marginal ROI of the reallocated data
  const scaled = { ...ds, columns: { ...ds.columns } };
  for (const c of a.channels) {
    const col = model.channels.find((m) => m.name === c.channel)!.column;
    scaled.columns[col] = ds.columns[col].map((v) => v * c.multiplier);
  }
  marginalRoi(model, scaled).forEach((m, j) =>
    assertRelClose(m.marginalRoiAnalytic, a.channels[j].marginalRoiOptimal, 1e-9)
  );
});

Deno.test("options: channel subset, a larger total, absolute bounds, a negative coefficient", () => {
  const ds = syntheticPanel(3, 52, 5, 9);
  const model = panelModel();
  const sub = allocateBudget(model, ds, {
    channels: ["c1", "c0"],
    total: 1.2 * (sumCol(ds.columns.ch0) + sumCol(ds.columns.ch1)),
  });
  assertEquals(sub.channels.map((c) => c.channel), ["c1", "c0"]);
  assertRelClose(sub.channels[0].optimalSpend + sub.channels[1].optimalSpend, sub.total, 1e-13);
  const abs = allocateBudget(model, ds, {
    bounds: { c0: { min: 1000, max: 2000, units: "spend" } },
    channels: ["c0", "c1"],
  });
  assertEquals([abs.channels[0].minSpend, abs.channels[0].maxSpend], [1000, 2000]);
  assertEquals(abs.channels[0].optimalSpend, 2000);
  assertEquals(abs.channels[0].bound, "max");
  const negative: MediaModel = { channels: [{ ...model.channels[0], coef: -500 }, model.channels[1]] };
  const n = allocateBudget(negative, ds, { defaultBounds: { min: 0.25, max: 4 } });
  assertEquals(n.channels[0].bound, "min");
  assertRelClose(n.channels[0].multiplier, 0.25, 1e-12);
});

Deno.test("allocateBudget explains infeasible or impossible requests", () => {
  const ds = syntheticPanel(2, 30, 5, 2);
  const model = panelModel();
  assertThrows(
    () => allocateBudget(model, ds, { total: 1e12 }),
    RangeError,
    "outside the range the bounds allow",
  );
  assertThrows(
    () => allocateBudget(model, ds, { bounds: { c0: { min: 2, max: 1 } } }),
    RangeError,
    "above max",
  );
  assertThrows(() => allocateBudget(model, ds, { bounds: { print: { min: 1 } } }), RangeError, "print");
  assertThrows(() => allocateBudget(model, ds, { channels: ["print"] }), RangeError, "print");
  const zero = { ...ds, columns: { ...ds.columns, ch3: new Float64Array(ds.n) } };
  assertThrows(() => allocateBudget(model, zero), RangeError, `"c3" has no spend`);
});

function sumCol(x: Float64Array): number {
  return x.reduce((s, v) => s + v, 0);
}

Deno.test("S-shaped and concave Hill curves mixed: never worse than an exhaustive grid search (20 random problems)", () => {
  // One row per channel and no adstock, so R_c(s) = β_c · hill(s; K_c, a_c) and a 3-channel split can be searched
  // exhaustively on a 1/800 grid of the budget. The allocation must do at least as well as the best grid point.
  const u = uniforms(17);
  const hill = (s: number, K: number, a: number) => (s === 0 ? 0 : 1 / (1 + Math.pow(K / s, a)));
  for (let trial = 0; trial < 20; trial++) {
    const T = 300;
    const params = [0, 1, 2].map(() => ({ K: 20 + 150 * u(), a: 0.5 + 3.5 * u(), beta: 0.5 + 1.5 * u() }));
    const model: MediaModel = {
      channels: params.map((p, c) => ({
        name: `c${c}`,
        column: `c${c}`,
        coef: p.beta,
        saturation: { type: "hill" as const, halfSaturation: p.K, shape: p.a },
      })),
    };
    const ds = {
      n: 1,
      columns: { c0: new Float64Array([100]), c1: new Float64Array([100]), c2: new Float64Array([100]) },
    };
    const a = allocateBudget(model, ds, { defaultBounds: { min: 0, max: T, units: "spend" } });
    const R = (s: number[]) =>
      s.reduce((acc, v, c) => acc + params[c].beta * hill(v, params[c].K, params[c].a), 0);
    const G = 800;
    let best = -Infinity;
    for (let i = 0; i <= G; i++) {
      for (let j = 0; j <= G - i; j++) {
        best = Math.max(best, R([(i * T) / G, (j * T) / G, ((G - i - j) * T) / G]));
      }
    }
    const mine = a.channels.map((c) => c.optimalSpend);
    assertRelClose(R(mine), a.optimalResponse, 1e-12);
    assert(a.optimalResponse >= best * (1 - 1e-12), `trial ${trial}: ${a.optimalResponse} < grid ${best}`);
    assertRelClose(mine[0] + mine[1] + mine[2], T, 1e-13);
  }
});

Deno.test("log1p, two channels, every channel at a bound: no common marginal ROI (NaN, as documented)", () => {
  const beta: [number, number] = [300, 120], k: [number, number] = [50, 20], x: [number, number] = [40, 90];
  const n = 8;
  const { ds, model } = twoChannelLog1p(beta, k, x, n);
  // a total equal to the sum of the default minimums (0.5 × current) leaves no freedom: both sit at "min"
  const a = allocateBudget(model, ds, { total: 0.5 * n * (x[0] + x[1]) });
  assertEquals(a.channels.map((c) => c.bound), ["min", "min"]);
  assert(Number.isNaN(a.marginalRoi), `marginalRoi ${a.marginalRoi}`);
  // each channel still reports its own dR_c/dX = β_c / (k_c + X/n) at X/n = 0.5 x_c
  assertRelClose(a.channels[0].marginalRoiOptimal, beta[0] / (k[0] + 0.5 * x[0]), 1e-12);
  assertRelClose(a.channels[1].marginalRoiOptimal, beta[1] / (k[1] + 0.5 * x[1]), 1e-12);
});
