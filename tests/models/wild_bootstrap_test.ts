/**
 * wildClusterBootstrap against a plain reimplementation that re-estimates every bootstrap sample with
 * statsmodels (tests/fixtures/wild_bootstrap.py → wild_bootstrap.json), on identical draws: all 2^8
 * Rademacher sign vectors for G = 8 (an OLS fit with two nulls, and a fixed-effects fit whose reference is the
 * dummy-variable fit), and 999 Webb draws passed from Python for G = 5.
 *
 * Tolerances: t, se, every t*_b and the WCU critical value 1e-10 relative (floor 1 for t*); p-values equal
 * (they are counts over the same draws); interval endpoints 1e-9 × se (both sides bisect to 1e-10 × se over
 * the same trial points). The uniformity check is a seeded simulation with its tolerance stated there.
 */

import { assert, assertArrayClose, assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import type { Design } from "../../lib/features/design.ts";
import { ModelError } from "../../lib/errors.ts";
import { fitOls } from "../../lib/models/ols.ts";
import { fitFixedEffects } from "../../lib/models/fixed_effects.ts";
import {
  WEBB_POINTS,
  type WildBootstrapResult,
  wildClusterBootstrap,
} from "../../lib/models/wild_bootstrap.ts";
import { xoshiro128ss } from "../../lib/stats/random.ts";

const fixture = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/wild_bootstrap.json", import.meta.url)),
);

interface RefTest {
  term: string;
  null: number;
  estimate: number;
  se: number;
  t: number;
  tstar: number[];
  p: number;
  ci: (number | string)[];
  wcu_q: number;
  wcu_ci: number[];
  replicates: number;
}

const bound = (
  v: number | string,
): number => (v === "inf" ? Infinity : v === "-inf" ? -Infinity : v as number);

function checkAgainst(wb: WildBootstrapResult, ref: RefTest, label: string): void {
  assertEquals(wb.term, ref.term, label);
  assertEquals(wb.replicates, ref.replicates, `${label} B`);
  assertRelClose(wb.estimate, ref.estimate, 1e-10, 1e-12, `${label} estimate`);
  assertRelClose(wb.se, ref.se, 1e-10, 1e-12, `${label} se`);
  assertRelClose(wb.tStat, ref.t, 1e-10, 1e-12, `${label} t`);
  assertArrayClose(wb.tStar, ref.tstar, 1e-10, 1, `${label} t*`);
  assertEquals(wb.pValue, ref.p, `${label} p`);
  assertRelClose(wb.wcuCriticalValue, ref.wcu_q, 1e-10, 1e-12, `${label} WCU q*`);
  const tol = 1e-9 * ref.se;
  const [lo, hi] = ref.ci.map(bound);
  assert(
    Math.abs(wb.confInt.lower - lo) <= tol || wb.confInt.lower === lo,
    `${label} lower ${wb.confInt.lower} vs ${lo}`,
  );
  assert(
    Math.abs(wb.confInt.upper - hi) <= tol || wb.confInt.upper === hi,
    `${label} upper ${wb.confInt.upper} vs ${hi}`,
  );
  assert(Math.abs(wb.wcuConfInt.lower - ref.wcu_ci[0]) <= tol, `${label} WCU lower`);
  assert(Math.abs(wb.wcuConfInt.upper - ref.wcu_ci[1]) <= tol, `${label} WCU upper`);
}

function designOf(names: string[], x: number[]): Design {
  return { names, n: x.length / names.length, k: names.length, x: Float64Array.from(x) };
}

Deno.test("wildClusterBootstrap (OLS, G = 8, all 256 sign vectors) matches explicit re-estimation", () => {
  const c = fixture.ols;
  const fit = fitOls(designOf(c.names, c.x), Float64Array.from(c.y), {
    covType: "cluster",
    groups: c.clusters,
  });
  for (const ref of c.tests as RefTest[]) {
    const wb = wildClusterBootstrap(fit, {
      coefficient: ref.term,
      nullValue: ref.null,
      clusters: c.clusters,
      weights: "rademacher",
      seed: 1,
    });
    assertEquals([wb.enumerated, wb.weights, wb.nClusters], [true, "rademacher", 8]);
    checkAgainst(wb, ref, `ols ${ref.term}`);
  }
  // at r = 0 the bootstrap's t is the fit's cluster-robust t
  const wb = wildClusterBootstrap(fit, {
    coefficient: 1,
    clusters: c.clusters,
    weights: "rademacher",
    seed: 1,
  });
  assertRelClose(wb.tStat, fit.tvalues[1], 1e-12);
  assertRelClose(wb.se, fit.bse[1], 1e-12);
});

Deno.test("wildClusterBootstrap on the within fit equals the dummy-variable fit's bootstrap (8 geos)", () => {
  const c = fixture.fe;
  const fit = fitFixedEffects(designOf(c.slopes, c.x), Float64Array.from(c.y), c.geo);
  const [ref] = c.tests as RefTest[];
  // clusters default to the fixed-effect groups
  const wb = wildClusterBootstrap(fit, { coefficient: "x1", weights: "rademacher", seed: 1 });
  checkAgainst(wb, ref, "fe");
  const explicit = wildClusterBootstrap(fit, {
    coefficient: "x1",
    clusters: c.geo,
    weights: "rademacher",
    seed: 1,
  });
  assertEquals([...explicit.tStar], [...wb.tStar]);
});

Deno.test("wildClusterBootstrap with Webb draws given (G = 5, B = 999) matches explicit re-estimation", () => {
  const c = fixture.webb;
  const fit = fitOls(designOf(c.names, c.x), Float64Array.from(c.y));
  const [ref] = c.tests as RefTest[];
  const wb = wildClusterBootstrap(fit, {
    coefficient: "x1",
    clusters: c.clusters,
    draws: Float64Array.from(c.draws),
    seed: 0,
  });
  assertEquals(wb.weights, "given");
  checkAgainst(wb, ref, "webb");
});

Deno.test("weights: Webb automatically at G = 5 (and up to 12), Rademacher above, enumerated when 2^G ≤ B", () => {
  const c = fixture.webb;
  const fit = fitOls(designOf(c.names, c.x), Float64Array.from(c.y));
  const wb = wildClusterBootstrap(fit, { coefficient: "x1", clusters: c.clusters, seed: 7, replicates: 999 });
  assertEquals([wb.weights, wb.enumerated, wb.replicates, wb.nClusters], ["webb", false, 999, 5]);
  // Webb's t* take many distinct values; Rademacher's at most 2^(G−1) = 16 distinct |t*|
  assert(new Set([...wb.tStar].map((t) => Math.abs(t).toPrecision(12))).size > 200);
  const rad = wildClusterBootstrap(fit, {
    coefficient: "x1",
    clusters: c.clusters,
    seed: 7,
    weights: "rademacher",
  });
  assertEquals([rad.enumerated, rad.replicates], [true, 32]);
  assert(new Set([...rad.tStar].map((t) => Math.abs(t).toPrecision(12))).size <= 16);
  // 13 and 20 clusters: Rademacher; enumerated at 13 (8192 ≤ 9999), drawn at 20
  for (const [g, enumerated, replicates] of [[13, true, 8192], [20, false, 9999]] as const) {
    const sim = simulate(g, 6, 0, 99 + g);
    const r = wildClusterBootstrap(sim.fit, { coefficient: "x1", clusters: sim.clusters, seed: 3 });
    assertEquals([r.weights, r.enumerated, r.replicates], ["rademacher", enumerated, replicates]);
  }
  assertEquals(WEBB_POINTS.reduce((s, v) => s + v * v, 0) / 6, 1);
});

Deno.test("seeded: the same seed gives the same draws, another seed other draws", () => {
  const sim = simulate(20, 8, 0, 5);
  const a = wildClusterBootstrap(sim.fit, {
    coefficient: "x1",
    clusters: sim.clusters,
    seed: 11,
    replicates: 499,
  });
  const b = wildClusterBootstrap(sim.fit, {
    coefficient: "x1",
    clusters: sim.clusters,
    seed: 11,
    replicates: 499,
  });
  const c = wildClusterBootstrap(sim.fit, {
    coefficient: "x1",
    clusters: sim.clusters,
    seed: 12,
    replicates: 499,
  });
  assertEquals([...a.tStar], [...b.tStar]);
  assert([...a.tStar].some((t, i) => t !== c.tStar[i]));
});

Deno.test("with 30 clusters and a true null, WCR p-values are roughly uniform (seeded simulation)", () => {
  // 300 data sets, B = 199 Rademacher draws each. Tolerances: rejection rates within 0.04 of 5% and 0.055 of 10%
  // (about 3.2 binomial standard errors at 300 draws), Kolmogorov–Smirnov distance to U(0, 1) below 0.11 (the 1%
  // critical value 1.63/√300 ≈ 0.094, plus 0.005 for p-values on a grid of 1/199).
  const R = 300;
  const p = new Float64Array(R);
  for (let s = 0; s < R; s++) {
    const sim = simulate(30, 10, 0, 1000 + s);
    p[s] =
      wildClusterBootstrap(sim.fit, { coefficient: "x1", clusters: sim.clusters, seed: s, replicates: 199 })
        .pValue;
  }
  const rate = (a: number) => p.filter((v) => v <= a).length / R;
  assert(Math.abs(rate(0.05) - 0.05) <= 0.04, `rejection at 5%: ${rate(0.05)}`);
  assert(Math.abs(rate(0.10) - 0.10) <= 0.055, `rejection at 10%: ${rate(0.10)}`);
  const sorted = [...p].sort((a, b) => a - b);
  let ks = 0;
  sorted.forEach((v, i) => (ks = Math.max(ks, Math.abs(v - i / R), Math.abs(v - (i + 1) / R))));
  assert(ks < 0.11, `KS distance ${ks}`);
});

Deno.test("a side the data cannot bound is infinite (G = 4: 2/16 of the sign vectors always tie)", () => {
  const sim = simulate(4, 10, 0.5, 77);
  const wb = wildClusterBootstrap(sim.fit, {
    coefficient: "x1",
    clusters: sim.clusters,
    weights: "rademacher",
    seed: 1,
  });
  assert(wb.pValue >= 2 / 16);
  assertEquals([wb.confInt.lower, wb.confInt.upper], [-Infinity, Infinity]);
});

Deno.test("wildClusterBootstrap says what is wrong", () => {
  const c = fixture.fe;
  const fit = fitFixedEffects(designOf(c.slopes, c.x), Float64Array.from(c.y), c.geo, { groupName: "geo" });
  assertThrows(() => wildClusterBootstrap(fit, { coefficient: "tv", seed: 1 }), RangeError, "x1, x2, x3");
  const halves = (c.geo as string[]).map((_, i) => (i % 2 ? "a" : "b"));
  assertThrows(
    () => wildClusterBootstrap(fit, { coefficient: "x1", clusters: halves, seed: 1 }),
    ModelError,
    "spans clusters",
  );
  const ols = fitOls(designOf(fixture.ols.names, fixture.ols.x), Float64Array.from(fixture.ols.y));
  assertThrows(() => wildClusterBootstrap(ols, { coefficient: "x1", seed: 1 }), RangeError, "`clusters`");
  const one = (fixture.ols.clusters as string[]).map(() => "all");
  assertThrows(
    () => wildClusterBootstrap(ols, { coefficient: "x1", clusters: one, seed: 1 }),
    ModelError,
    "2 clusters",
  );
  assertThrows(
    () =>
      wildClusterBootstrap(ols, {
        coefficient: "x1",
        clusters: fixture.ols.clusters,
        draws: new Float64Array(7),
        seed: 1,
      }),
    RangeError,
    "B × 8",
  );
  assertThrows(
    () =>
      wildClusterBootstrap(ols, {
        coefficient: "x1",
        clusters: fixture.ols.clusters,
        seed: 1,
        replicates: 0,
      }),
    RangeError,
    "replicates",
  );
});

/**
 * A clustered data set: G clusters of 0.5m to 1.5m rows, x1 with a cluster component, errors with a cluster
 * component and heteroscedasticity, `y = 1 + beta x1 + 0.5 x2 + u`; fitted by OLS.
 */
function simulate(G: number, m: number, beta: number, seed: number) {
  const next = xoshiro128ss(seed);
  const uniform = () => (next() + 0.5) / 2 ** 32;
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const xs: number[] = [], ys: number[] = [], clusters: string[] = [];
  for (let g = 0; g < G; g++) {
    const size = Math.max(2, Math.round(m * (0.5 + uniform())));
    const cx = normal(), cu = normal();
    for (let i = 0; i < size; i++) {
      const x1 = cx + normal(), x2 = normal();
      const u = 0.7 * cu + normal() * (0.5 + 0.5 * Math.abs(x1));
      xs.push(1, x1, x2);
      ys.push(1 + beta * x1 + 0.5 * x2 + u);
      clusters.push(`g${String(g).padStart(2, "0")}`);
    }
  }
  const fit = fitOls(designOf(["const", "x1", "x2"], xs), Float64Array.from(ys), {
    covType: "cluster",
    groups: clusters,
  });
  return { fit, clusters };
}
