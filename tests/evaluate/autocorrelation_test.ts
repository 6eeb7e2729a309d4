/**
 * ACF / PACF against statsmodels 0.13.5 (`acf(x, nlags, alpha, fft=False)`, `pacf(x, nlags, method, alpha)`;
 * fixture tests/fixtures/diagnostics.py) at 1e-8 relative, and against their definitions.
 */
import { acf, autocorrelations, pacf, type PacfMethod } from "../../lib/evaluate/autocorrelation.ts";
import { normalPpf } from "../../lib/stats/mod.ts";
import { assertArrayClose, assertEquals, assertRelClose, assertThrows } from "../assert.ts";

interface CorrelogramCase {
  name: "ar1" | "whiteNoise";
  nlags: number;
  alpha: number;
  method?: string;
  values: number[];
  lower: number[];
  upper: number[];
}
const fixture = JSON.parse(
  Deno.readTextFileSync(new URL("../fixtures/diagnostics.json", import.meta.url)),
) as {
  series: { ar1: number[]; whiteNoise: number[] };
  acf: CorrelogramCase[];
  pacf: CorrelogramCase[];
  pacfDefaultMethod: string;
};
const RTOL = 1e-8; // closed-form statistics
const FLOOR = 1e-10; // absolute floor for values near zero
const methods: Record<string, PacfMethod> = { ywadjusted: "yw", ywmle: "ywm", ols: "ols" };

for (const c of fixture.acf) {
  Deno.test(`acf matches statsmodels acf(fft=False) with Bartlett bands: ${c.name}, alpha ${c.alpha}`, () => {
    const r = acf(fixture.series[c.name], c.nlags, { alpha: c.alpha });
    assertEquals([...r.lags], [...Array(c.nlags + 1).keys()]);
    assertArrayClose(r.values, c.values, RTOL, FLOOR, "values");
    assertArrayClose(r.lower, c.lower, RTOL, FLOOR, "lower");
    assertArrayClose(r.upper, c.upper, RTOL, FLOOR, "upper");
  });
}

for (const c of fixture.pacf) {
  Deno.test(`pacf matches statsmodels pacf(method="${c.method}"): ${c.name}, alpha ${c.alpha}`, () => {
    const r = pacf(fixture.series[c.name], c.nlags, { method: methods[c.method!], alpha: c.alpha });
    assertArrayClose(r.values, c.values, RTOL, FLOOR, "values");
    assertArrayClose(r.lower, c.lower, RTOL, FLOOR, "lower");
    assertArrayClose(r.upper, c.upper, RTOL, FLOOR, "upper");
  });
}

Deno.test("pacf's default method is statsmodels' default, ywadjusted", () => {
  assertEquals(fixture.pacfDefaultMethod, "ywadjusted");
  const ar1 = fixture.series.ar1;
  assertEquals(pacf(ar1, 10).method, "yw");
  assertEquals([...pacf(ar1, 10).values], [...pacf(ar1, 10, { method: "yw" }).values]);
});

Deno.test("autocorrelations follow the n-denominator definition on a hand example", () => {
  // x − x̄ = (−1.5, −0.5, 0.5, 1.5), Σ = 5; lag 1: 0.75 − 0.25 + 0.75 = 1.25; lag 2: −0.75 − 0.75 = −1.5
  assertArrayClose(autocorrelations(new Float64Array([1, 2, 3, 4]), 2), [1, 0.25, -0.3], 1e-15);
});

Deno.test("acf band is ±z/√n at lag 1 and Bartlett's (1 + 2Σr²)/n beyond, 0 at lag 0", () => {
  const x = fixture.series.ar1;
  const n = x.length;
  const r = acf(x, 3, { alpha: 0.1 });
  const z = normalPpf(0.95);
  assertEquals([r.lower[0], r.upper[0]], [1, 1]);
  assertRelClose(r.upper[1] - r.values[1], z / Math.sqrt(n), 1e-13);
  const v3 = (1 + 2 * (r.values[1] ** 2 + r.values[2] ** 2)) / n;
  assertRelClose(r.values[3] - r.lower[3], z * Math.sqrt(v3), 1e-13);
});

Deno.test("pacf at lag 1 is r1 (ywm) and r1·n/(n−1) (yw, adjusted autocovariances)", () => {
  const x = fixture.series.whiteNoise;
  const n = x.length;
  const r1 = autocorrelations(x, 1)[1];
  assertRelClose(pacf(x, 1, { method: "ywm" }).values[1], r1, 1e-13);
  assertRelClose(pacf(x, 1, { method: "yw" }).values[1], (r1 * n) / (n - 1), 1e-13);
});

Deno.test("pacf ols at lag k is the last coefficient of the lag regression (exact AR(2) data)", () => {
  // x_t = 1 + 0.5 x_{t−1} − 0.3 x_{t−2} exactly: the regression on (1, x_{t−1}, x_{t−2}) recovers −0.3
  const x = new Float64Array(16);
  x[0] = 20;
  x[1] = -15;
  for (let t = 2; t < x.length; t++) x[t] = 1 + 0.5 * x[t - 1] - 0.3 * x[t - 2];
  assertRelClose(pacf(x, 2, { method: "ols" }).values[2], -0.3, 1e-9);
});

Deno.test("pacf band is ±z/√n for every lag ≥ 1 and collapses at lag 0", () => {
  const x = fixture.series.ar1;
  const r = pacf(x, 5);
  const half = normalPpf(0.975) / Math.sqrt(x.length);
  assertEquals([r.lower[0], r.upper[0]], [1, 1]);
  for (let k = 1; k <= 5; k++) assertRelClose(r.upper[k] - r.values[k], half, 1e-13);
});

Deno.test("a constant series has no autocorrelation: RangeError saying so", () => {
  assertThrows(() => acf(new Float64Array(10).fill(3), 2), RangeError, "constant");
  assertThrows(() => pacf(new Float64Array(10).fill(3), 2), RangeError, "constant");
});

Deno.test("NaN input is a RangeError naming the index", () => {
  const x = Float64Array.from(fixture.series.ar1);
  x[17] = NaN;
  assertThrows(() => acf(x, 3), RangeError, "index 17");
  assertThrows(() => pacf(x, 3, { method: "ols" }), RangeError, "index 17");
});

Deno.test("too many lags for the observations is a RangeError", () => {
  const x = fixture.series.ar1.slice(0, 10);
  assertThrows(() => acf(x, 10), RangeError, "[0, 9]");
  assertThrows(() => acf(x, 1.5), RangeError, "integer");
  assertThrows(() => pacf(x, 5), RangeError, "n/2");
  assertThrows(() => acf(x, 2, { alpha: 1 }), RangeError, "alpha");
  assertThrows(() => pacf(x, 2, { method: "burg" as PacfMethod }), RangeError, "method");
});
