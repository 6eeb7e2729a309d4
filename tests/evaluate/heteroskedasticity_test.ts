/**
 * Breusch-Pagan (Koenker and classic) and White against statsmodels 0.13.5 `het_breuschpagan(resid, exog,
 * robust)` and `het_white(resid, exog)` (fixture tests/fixtures/diagnostics.py) at 1e-8 relative, and against
 * their definitions as auxiliary regressions.
 */
import { breuschPagan, white } from "../../lib/evaluate/heteroskedasticity.ts";
import { type Design, designFromColumns } from "../../lib/features/design.ts";
import { qrLeastSquares } from "../../lib/linalg/mod.ts";
import { ModelError } from "../../lib/errors.ts";
import { assertEquals, assertRelClose, assertThrows } from "../assert.ts";

interface Stats {
  lm: number;
  lmPvalue: number;
  fvalue: number;
  fPvalue: number;
}
interface HetCase {
  name: string;
  names: string[];
  n: number;
  k: number;
  x: number[];
  residuals: number[];
  breuschPagan: Stats;
  breuschPaganClassic: Stats;
  white: Stats;
  whiteDfModel: number;
  whiteDfResid: number;
  whiteProducts: number;
}
const fixture = JSON.parse(
  Deno.readTextFileSync(new URL("../fixtures/diagnostics.json", import.meta.url)),
) as {
  heteroskedasticity: HetCase[];
  whiteRankDeficient: Pick<HetCase, "names" | "n" | "k" | "x" | "residuals" | "white" | "whiteDfModel">;
};
const RTOL = 1e-8;
const design = (c: Pick<HetCase, "names" | "n" | "k" | "x">): Design => ({
  names: c.names,
  n: c.n,
  k: c.k,
  x: Float64Array.from(c.x),
});

function assertStats(actual: Stats, expected: Stats, label: string): void {
  for (const key of ["lm", "lmPvalue", "fvalue", "fPvalue"] as const) {
    assertRelClose(actual[key], expected[key], RTOL, 1e-300, `${label} ${key}`);
  }
}

for (const c of fixture.heteroskedasticity) {
  Deno.test(`breuschPagan (Koenker, robust) matches het_breuschpagan(robust=True): ${c.name}`, () => {
    const r = breuschPagan(c.residuals, design(c));
    assertEquals(r.test, "koenker");
    assertEquals([r.lmDf, ...r.fDf], [c.k - 1, c.k - 1, c.n - c.k]);
    assertStats(r, c.breuschPagan, "koenker");
  });
  Deno.test(`breuschPagan classic matches het_breuschpagan(robust=False): ${c.name}`, () => {
    const r = breuschPagan(c.residuals, design(c), { robust: false });
    assertEquals(r.test, "breusch-pagan");
    assertStats(r, c.breuschPaganClassic, "classic");
  });
  Deno.test(`white matches het_white, with statsmodels' rank-based degrees of freedom: ${c.name}`, () => {
    const r = white(c.residuals, design(c));
    assertStats(r, c.white, "white");
    assertEquals([r.lmDf, ...r.fDf], [c.whiteDfModel, c.whiteDfModel, c.whiteDfResid]);
    assertEquals(r.regressors.length + r.dropped.length, c.whiteProducts);
  });
}

Deno.test("white drops the dummy's square (identical to the dummy) and names the products", () => {
  const c = fixture.heteroskedasticity.find((h) => h.name === "dummy")!;
  const r = white(c.residuals, design(c));
  assertEquals(r.dropped, ["dummy^2"]);
  assertEquals(r.regressors, [
    "const",
    "x1",
    "x2",
    "dummy",
    "x1^2",
    "x1:x2",
    "x1:dummy",
    "x2^2",
    "x2:dummy",
  ]);
});

Deno.test("Koenker LM is n·R² of e² on exog, classic LM is ESS/2 of e²/σ̂² (definitions via QR)", () => {
  const c = fixture.heteroskedasticity[0];
  const e2 = c.residuals.map((e) => e * e);
  const n = c.n;
  const fit = qrLeastSquares(Float64Array.from(c.x), e2, n, c.k);
  const mean = e2.reduce((s, v) => s + v, 0) / n;
  const tss = e2.reduce((s, v) => s + (v - mean) ** 2, 0);
  const ssr = fit.residuals.reduce((s, v) => s + v * v, 0);
  assertRelClose(breuschPagan(c.residuals, design(c)).lm, n * (1 - ssr / tss), 1e-10);
  assertRelClose(
    breuschPagan(c.residuals, design(c), { robust: false }).lm,
    (tss - ssr) / mean ** 2 / 2,
    1e-10,
  );
});

Deno.test("white equals Koenker's Breusch-Pagan on the explicit squares-and-products design", () => {
  const c = fixture.heteroskedasticity.find((h) => h.name === "dummy")!;
  const col = (j: number) => Float64Array.from({ length: c.n }, (_, i) => c.x[i * c.k + j]);
  const [x1, x2, d] = [col(1), col(2), col(3)];
  const prod = (a: Float64Array, b: Float64Array) => a.map((v, i) => v * b[i]);
  const products = designFromColumns({
    x1,
    x2,
    d,
    x1sq: prod(x1, x1),
    x1x2: prod(x1, x2),
    x1d: prod(x1, d),
    x2sq: prod(x2, x2),
    x2d: prod(x2, d),
  });
  const w = white(c.residuals, design(c));
  const bp = breuschPagan(c.residuals, products);
  for (const key of ["lm", "lmPvalue", "fvalue", "fPvalue"] as const) assertRelClose(w[key], bp[key], 1e-10);
});

Deno.test("white drops products that are linear combinations (dummies summing to the constant)", () => {
  // exog (const, a, x, b) with a + b = 1: a·b = 0, a² = a, b² = b, b = const − a, x·b = x − a·x.
  // statsmodels keeps them all and its pinv OLS finds rank 5; the statistics must agree.
  const c = fixture.whiteRankDeficient;
  const r = white(c.residuals, design(c));
  assertStats(r, c.white, "white");
  assertEquals(r.regressors, ["const", "a", "x", "a:x", "x^2"]);
  assertEquals(r.dropped, ["a^2", "a:b", "b^2", "b", "x:b"]);
  assertEquals([r.lmDf, ...r.fDf], [c.whiteDfModel, c.whiteDfModel, c.n - c.whiteDfModel - 1]);
});

Deno.test("breuschPagan and white reject bad input, naming what is wrong", () => {
  const c = fixture.heteroskedasticity[0];
  const noConst: Design = {
    names: c.names.slice(1),
    n: c.n,
    k: c.k - 1,
    x: Float64Array.from(
      { length: c.n * (c.k - 1) },
      (_, t) => c.x[Math.floor(t / (c.k - 1)) * c.k + 1 + (t % (c.k - 1))],
    ),
  };
  assertThrows(() => breuschPagan(c.residuals, noConst), RangeError, "constant column");
  assertThrows(() => white(c.residuals, noConst), RangeError, "constant column");
  assertThrows(() => breuschPagan(c.residuals.slice(1), design(c)), RangeError, "rows");
  const bad = c.residuals.slice();
  bad[7] = NaN;
  assertThrows(() => breuschPagan(bad, design(c)), RangeError, "index 7");
  assertThrows(() => white(bad, design(c)), RangeError, "index 7");
  assertThrows(() => breuschPagan(new Float64Array(c.n).fill(2), design(c)), RangeError, "all equal");
  const x = Float64Array.from({ length: 30 }, (_, i) => i);
  const collinear = designFromColumns({ x, twice: x.map((v) => 2 * v) });
  const err = assertThrows(() => breuschPagan(x.map(Math.sin), collinear), ModelError, '"twice"');
  assertEquals(err.columns, ["twice", "x"]);
});
