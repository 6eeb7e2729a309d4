/**
 * Shapiro-Wilk against scipy 1.10.1 `stats.shapiro` and against a float64 evaluation of the published AS R94
 * formulas (both in tests/fixtures/diagnostics.py), and against the exact n = 3 case.
 *
 * scipy's Fortran computes in single precision (REAL), so its W carries float32 rounding that grows with n
 * (the fixture script reproduces scipy's W to ~1 float32 ulp by emulating that arithmetic). Observed
 * differences from scipy (relative): W ≤ 3.7e-7 and p ≤ 3.4e-5 for n ≤ 104; W 6.8e-7 and p 3.9e-4 at
 * n = 500; W 4.0e-6 and p 2.7e-2 at n = 5000, where 1 − W ≈ 2e-4 and scipy's 1 − W is off by a few 0.1 %.
 * The tolerances below follow those bands. Against the float64 evaluation of the same formulas the observed
 * agreement is W 5e-15 and p 2e-11 (tested at 1e-13 and 1e-9).
 */
import { shapiroWilk } from "../../lib/evaluate/shapiro_wilk.ts";
import { assert, assertEquals, assertRelClose, assertThrows } from "../assert.ts";

interface ShapiroCase {
  n: number;
  kind: string;
  x: number[];
  w: number;
  pValue: number;
  wFloat64: number;
  pValueFloat64: number;
}
const fixture = JSON.parse(
  Deno.readTextFileSync(new URL("../fixtures/diagnostics.json", import.meta.url)),
) as {
  shapiro: ShapiroCase[];
};

/** Tolerances against scipy's single-precision values, by sample size (see the module comment). */
function scipyTolerance(n: number): { w: number; p: number } {
  if (n <= 104) return { w: 1e-6, p: 5e-5 };
  if (n <= 500) return { w: 2e-6, p: 1e-3 };
  return { w: 1e-5, p: 5e-2 };
}

for (const c of fixture.shapiro) {
  Deno.test(`shapiroWilk matches scipy.stats.shapiro within its float32 precision: n = ${c.n}, ${c.kind}`, () => {
    const r = shapiroWilk(c.x);
    const tol = scipyTolerance(c.n);
    assertRelClose(r.statistic, c.w, tol.w, 0, "W");
    if (c.pValue < 1e-30) assert(r.pValue < 1e-30, `scipy's p underflowed to ${c.pValue}, got ${r.pValue}`);
    else assertRelClose(r.pValue, c.pValue, tol.p, 0, "p");
  });
  Deno.test(`shapiroWilk matches the float64 AS R94 formulas: n = ${c.n}, ${c.kind}`, () => {
    const r = shapiroWilk(c.x);
    assertRelClose(r.statistic, c.wFloat64, 1e-13, 0, "W");
    assertRelClose(r.pValue, c.pValueFloat64, 1e-9, 1e-300, "p");
    assertEquals(r.n, c.n);
    assertEquals(r.warnings, []);
  });
}

Deno.test("shapiroWilk is exact for n = 3: W = (x₃ − x₁)² / (2 Σ(x − x̄)²), p = (6/π)(asin √W − π/3)", () => {
  const x = [4.1, 1.3, 2.0];
  const mean = (4.1 + 1.3 + 2.0) / 3;
  const ss = x.reduce((s, v) => s + (v - mean) ** 2, 0);
  const w = (4.1 - 1.3) ** 2 / (2 * ss);
  const r = shapiroWilk(x);
  assertRelClose(r.statistic, w, 1e-14);
  assertRelClose(r.pValue, (6 / Math.PI) * (Math.asin(Math.sqrt(w)) - Math.PI / 3), 1e-12);
  // equally spaced points are as normal as three points can be: W = 1, p = 1
  const even = shapiroWilk([1, 2, 3]);
  assertRelClose(even.statistic, 1, 1e-15);
  assertRelClose(even.pValue, 1, 1e-12);
});

Deno.test("shapiroWilk does not depend on order, location or scale", () => {
  const c = fixture.shapiro.find((s) => s.n === 50 && s.kind === "skewed")!;
  const base = shapiroWilk(c.x);
  const moved = shapiroWilk(c.x.map((v) => 1e6 + 250 * v).reverse());
  assertRelClose(moved.statistic, base.statistic, 1e-12);
  assertRelClose(moved.pValue, base.pValue, 1e-8);
});

Deno.test("shapiroWilk warns above n = 5000 but still computes", () => {
  const c = fixture.shapiro.find((s) => s.n === 5000 && s.kind === "normal")!;
  const r = shapiroWilk([...c.x, 50]);
  assertEquals(r.n, 5001);
  assertEquals(r.warnings.length, 1);
  assert(r.warnings[0].includes("5000") && r.pValue > 0 && r.pValue <= 1);
});

Deno.test("shapiroWilk rejects too few values, zero range and NaN with RangeErrors", () => {
  assertThrows(() => shapiroWilk([1, 2]), RangeError, "at least 3");
  assertThrows(() => shapiroWilk([5, 5, 5, 5]), RangeError, "zero range");
  assertThrows(() => shapiroWilk([1, 2, NaN, 4]), RangeError, "index 2");
});
