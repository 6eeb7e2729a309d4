/**
 * Elastic net and lasso against scikit-learn 1.2.1 (`tests/fixtures/penalized.py` → `penalized.json`).
 *
 * Tolerances: coordinate descent is iterative, so agreement is to the optimization tolerance, not to rounding.
 * With `tol = 1e-10` on both sides both solutions sit within a duality gap of `1e-10·‖y_c‖²/n` of the same
 * optimum (the problem is strictly convex here: n = 104 > k = 8, full-rank design), and the coefficients agree
 * to 1e-6 absolute; our objective is at most sklearn's + 1e-9. Because the updates, their order and the stopping
 * rule are sklearn's, the number of sweeps must match sklearn's `n_iter_` exactly (±1 allowed for rounding in
 * the gap test), which checks the stopping rule itself.
 */
import {
  elasticNetAlphaMax,
  elasticNetPath,
  fitElasticNet,
  predictElasticNet,
} from "../../lib/models/elastic_net.ts";
import type { Design } from "../../lib/features/design.ts";
import { designFromColumns } from "../../lib/features/design.ts";
import { ModelError } from "../../lib/errors.ts";
import { assert, assertAlmostEquals, assertArrayClose, assertRelClose, assertThrows } from "../assert.ts";
import fixture from "../fixtures/penalized.json" with { type: "json" };

const design: Design = { names: fixture.names, n: fixture.n, k: fixture.k, x: Float64Array.from(fixture.x) };
const y = Float64Array.from(fixture.y);

/** The elastic-net objective, written out independently of the module under test. */
function objective(coef: ArrayLike<number>, intercept: number, alpha: number, l1Ratio: number): number {
  const { n, k, x } = design;
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let r = y[i] - intercept;
    for (let j = 0; j < k; j++) r -= x[i * k + j] * coef[j];
    rss += r * r;
  }
  let l1 = 0, l2 = 0;
  for (let j = 0; j < k; j++) {
    l1 += Math.abs(coef[j]);
    l2 += coef[j] * coef[j];
  }
  return rss / (2 * n) + alpha * l1Ratio * l1 + 0.5 * alpha * (1 - l1Ratio) * l2;
}

function withColumn(d: Design, name: string, values: (i: number) => number): Design {
  const k = d.k + 1;
  const x = new Float64Array(d.n * k);
  for (let i = 0; i < d.n; i++) {
    for (let j = 0; j < d.k; j++) x[i * k + j] = d.x[i * d.k + j];
    x[i * k + d.k] = values(i);
  }
  return { names: [...d.names, name], n: d.n, k, x };
}

const tight = fixture.enet.filter((c) => c.tol === 1e-10);

Deno.test("fitElasticNet matches sklearn ElasticNet/Lasso coefficients to 1e-6 at tol = 1e-10", () => {
  assert(tight.length >= 10);
  for (const ref of tight) {
    const fit = fitElasticNet(design, y, {
      alpha: ref.alpha,
      l1Ratio: ref.l1Ratio,
      positive: ref.positive,
      fitIntercept: ref.fitIntercept,
      tol: ref.tol,
      maxIter: 1_000_000,
    });
    const label = `${ref.model}(alpha=${ref.alpha}, l1Ratio=${ref.l1Ratio}, positive=${ref.positive}, ` +
      `fitIntercept=${ref.fitIntercept})`;
    assert(fit.converged, `${label} did not converge`);
    for (let j = 0; j < design.k; j++) {
      assertAlmostEquals(fit.coef[j], ref.coef[j], 1e-6, `${label} coef[${j}]`);
    }
    assertAlmostEquals(fit.intercept, ref.intercept, 1e-6, `${label} intercept`);
    // sklearn's solution is an independent reference point: ours must be at least as good
    assert(
      fit.objective <= ref.objective + 1e-9,
      `${label}: objective ${fit.objective} > sklearn's ${ref.objective}`,
    );
    assertRelClose(fit.objective, objective(fit.coef, fit.intercept, ref.alpha, ref.l1Ratio), 1e-12);
    assert(Math.abs(fit.nIter - ref.nIter) <= 1, `${label}: ${fit.nIter} sweeps, sklearn ${ref.nIter}`);
    assert(fit.dualGap >= 0 && fit.dualGap < ref.tol * 1e4, `${label}: dual gap ${fit.dualGap}`);
    if (ref.positive) assert(fit.coef.every((c) => c >= 0), `${label}: negative coefficient`);
    assert(fit.warnings.length === 0, fit.warnings.join("; "));
  }
});

Deno.test("fitElasticNet reproduces sklearn's stopping rule at the default tol = 1e-4 (same n_iter, same point)", () => {
  for (const ref of fixture.enet.filter((c) => c.tol === 1e-4)) {
    const fit = fitElasticNet(design, y, { alpha: ref.alpha, l1Ratio: ref.l1Ratio, positive: ref.positive });
    const label = `${ref.model}(alpha=${ref.alpha}, l1Ratio=${ref.l1Ratio}, positive=${ref.positive})`;
    assert(fit.nIter === ref.nIter, `${label}: ${fit.nIter} sweeps, sklearn ${ref.nIter}`);
    // same iterates up to rounding: the stopped point, and its duality gap, agree closely
    for (let j = 0; j < design.k; j++) {
      assertAlmostEquals(fit.coef[j], ref.coef[j], 1e-9, `${label} coef[${j}]`);
    }
    assertRelClose(fit.dualGap, ref.dualGap, 1e-6, 1e-12, `${label} dual gap`);
  }
});

Deno.test("fitElasticNet at alpha just above alphaMax returns all zeros after one sweep", () => {
  const amax = elasticNetAlphaMax(design, y, { l1Ratio: 1 });
  assertRelClose(amax, fixture.alphaMaxLasso, 1e-10);
  const fit = fitElasticNet(design, y, { alpha: amax * 1.0001, l1Ratio: 1 });
  assert(fit.coef.every((c) => c === 0));
  assert(fit.nIter === 1);
  const mean = y.reduce((a, b) => a + b) / y.length;
  assertAlmostEquals(fit.intercept, mean, 1e-10);
  // just below alphaMax, a coefficient enters
  assert(fitElasticNet(design, y, { alpha: amax * 0.99, l1Ratio: 1 }).coef.some((c) => c !== 0));
});

Deno.test("fitElasticNet flags non-convergence like sklearn's ConvergenceWarning, with the same iterate", () => {
  const ref = fixture.notConverged;
  assert(ref.warned, "sklearn warned");
  const fit = fitElasticNet(design, y, {
    alpha: ref.alpha,
    l1Ratio: ref.l1Ratio,
    maxIter: ref.maxIter,
    tol: ref.tol,
  });
  assert(!fit.converged);
  assert(fit.nIter === ref.nIter);
  assert(fit.warnings.some((w) => w.includes("did not converge")), fit.warnings.join("; "));
  // 3 sweeps from zero, same updates: identical up to rounding
  for (let j = 0; j < design.k; j++) assertAlmostEquals(fit.coef[j], ref.coef[j], 1e-9, `coef[${j}]`);
  assertAlmostEquals(fit.intercept, ref.intercept, 1e-8);
});

Deno.test("fitElasticNet warm start from the solution stops after one sweep at the same point", () => {
  const ref = tight[1];
  const opts = { alpha: ref.alpha, l1Ratio: ref.l1Ratio, tol: 1e-10, maxIter: 1_000_000 };
  const cold = fitElasticNet(design, y, opts);
  const warm = fitElasticNet(design, y, { ...opts, coefInit: cold.coef });
  assert(warm.nIter <= 2, `warm start took ${warm.nIter} sweeps`);
  for (let j = 0; j < design.k; j++) assertAlmostEquals(warm.coef[j], cold.coef[j], 1e-7);
});

Deno.test("elasticNetPath fits alphas from the largest down and matches sklearn at each", () => {
  const refs = tight.filter((c) => c.l1Ratio === 0.5 && !c.positive && c.fitIntercept);
  const path = elasticNetPath(design, y, refs.map((r) => r.alpha), {
    l1Ratio: 0.5,
    tol: 1e-10,
    maxIter: 1_000_000,
  });
  const alphas = path.map((f) => f.alpha);
  assert(alphas.every((a, i) => i === 0 || a < alphas[i - 1]), `not descending: ${alphas}`);
  for (const fit of path) {
    const ref = refs.find((r) => r.alpha === fit.alpha)!;
    for (let j = 0; j < design.k; j++) assertAlmostEquals(fit.coef[j], ref.coef[j], 1e-6);
  }
});

Deno.test("fitElasticNet: an all-zero column gets coefficient 0 and changes nothing else", () => {
  const opts = { alpha: 0.1, l1Ratio: 0.5, tol: 1e-10, maxIter: 1_000_000 };
  const base = fitElasticNet(design, y, opts);
  const fit = fitElasticNet(withColumn(design, "empty", () => 0), y, opts);
  assert(fit.coef[design.k] === 0);
  assertArrayClose(fit.coef.subarray(0, design.k), base.coef, 1e-12, 1e-15);
  assert(fit.nIter === base.nIter);
});

Deno.test("fitElasticNet: a constant column is centered away (coefficient 0)", () => {
  const opts = { alpha: 0.1, l1Ratio: 0.5, tol: 1e-10, maxIter: 1_000_000 };
  const fit = fitElasticNet(withColumn(design, "always7", () => 7), y, opts);
  assert(fit.coef[design.k] === 0);
});

Deno.test("fitElasticNet with l1Ratio = 0 reaches the ridge solution but, like sklearn, never reports convergence", () => {
  // ½α‖w‖² with loss ‖r‖²/(2n) is sklearn Ridge's ‖r‖² + (nα)‖w‖²: compare with the fixture's Ridge(alpha=10).
  // Without an L1 term sklearn's duality-gap formula degenerates to the primal objective, so sklearn 1.2.1 runs
  // all max_iter sweeps and warns (checked: ElasticNet(alpha=10/104, l1_ratio=0) → n_iter_ = 1000, warning).
  const ref = fixture.ridge.find((r) => r.alpha === 10 && r.fitIntercept)!;
  const fit = fitElasticNet(design, y, { alpha: 10 / design.n, l1Ratio: 0 });
  for (let j = 0; j < design.k; j++) assertAlmostEquals(fit.coef[j], ref.coef[j], 1e-6, `coef[${j}]`);
  assert(!fit.converged && fit.nIter === 1000);
  assert(fit.warnings.some((w) => w.includes("fitRidge")), fit.warnings.join("; "));
});

Deno.test("fitElasticNet doc example: lasso on one standardized column shrinks the slope by alpha", () => {
  const x = new Float64Array([-1, 1, -1, 1]);
  const d = designFromColumns({ x }, false);
  const fit = fitElasticNet(d, x.map((v) => 2 * v), { alpha: 0.5, l1Ratio: 1 });
  // x'y / n = 2, ‖x‖²/n = 1: w = S(2, 0.5) / 1 = 1.5
  assertArrayClose(fit.coef, [1.5], 1e-14);
  assertArrayClose(
    predictElasticNet(fit, designFromColumns({ x: new Float64Array([2]) }, false)),
    [3],
    1e-14,
  );
  assertAlmostEquals(
    elasticNetAlphaMax(designFromColumns({ x: new Float64Array([-1, 1]) }, false), [-2, 2], {
      l1Ratio: 1,
    }),
    2,
    1e-14,
  );
});

Deno.test("fitElasticNet reports NaN input with its column and row, and checks its domains", () => {
  const x = Float64Array.from(design.x);
  x[40 * design.k + 0] = NaN;
  const err = assertThrows(() => fitElasticNet({ ...design, x }, y, { alpha: 1 }), ModelError, 'column "tv"');
  assert(err.message.includes("row 40"), err.message);
  assertThrows(() => fitElasticNet(design, y, { alpha: -0.1 }), RangeError, "alpha");
  assertThrows(() => fitElasticNet(design, y, { alpha: 1, l1Ratio: 1.5 }), RangeError, "l1Ratio");
  assertThrows(() => fitElasticNet(design, y, { alpha: 1, maxIter: 0 }), RangeError, "maxIter");
  assertThrows(() => fitElasticNet(design, y, { alpha: 1, coefInit: [1] }), RangeError, "coefInit");
  const withConst = designFromColumns({ tv: new Float64Array([1, 2, 3]) });
  assertThrows(() => fitElasticNet(withConst, [1, 2, 4], { alpha: 1 }), ModelError, '"const"');
});
