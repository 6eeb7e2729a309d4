import {
  adstock,
  adstockHorizon,
  adstockInto,
  type AdstockSpec,
  adstockWeights,
  convolveAdstockInto,
  type DelayedAdstockSpec,
  delayedAdstockWeights,
  geometricAdstock,
  geometricAdstockInto,
  robynScaleTrans,
  validateAdstockSpec,
  type WeibullAdstockSpec,
  weibullAdstockWeights,
} from "../../lib/features/adstock.ts";
import { assert, assertAlmostEquals, assertArrayClose, assertEquals, assertThrows } from "../assert.ts";
import fixture from "../fixtures/features_adstock.json" with { type: "json" };

const impulse = (n: number, at = 0, size = 1) => {
  const x = new Float64Array(n);
  x[at] = size;
  return x;
};
const sum = (x: ArrayLike<number>) => Array.from(x).reduce((a, b) => a + b, 0);

// ---------------------------------------------------------------- geometric

Deno.test("geometricAdstock carries an impulse forward by powers of theta", () => {
  assertEquals([...geometricAdstock(new Float64Array([100, 0, 0]), 0.5)], [100, 50, 25]);
  for (const theta of [0, 0.3, 0.77, 0.95]) {
    const a = geometricAdstock(impulse(30), theta);
    // Tolerance 1e-13 relative: repeated multiplication vs Math.pow.
    assertArrayClose(
      a,
      Array.from({ length: 30 }, (_, t) => Math.pow(theta, t)),
      1e-13,
      1e-300,
      `theta ${theta}`,
    );
  }
});

Deno.test("geometricAdstock is linear: a spend pattern is the sum of shifted impulse responses", () => {
  const x = new Float64Array([3, 0, 7, 1, 0, 0, 2]);
  const theta = 0.6;
  const expected = Array.from(x, (_, t) => {
    let s = 0;
    for (let u = 0; u <= t; u++) s += x[u] * Math.pow(theta, t - u);
    return s;
  });
  assertArrayClose(geometricAdstock(x, theta), expected, 1e-13);
});

Deno.test("geometricAdstock normalized preserves total spend over a long horizon", () => {
  for (const theta of [0.1, 0.7, 0.9]) {
    // (1 − θ) Σ θ^t over 400 steps = 1 − θ^400, indistinguishable from 1.
    assertAlmostEquals(sum(geometricAdstock(impulse(400), theta, true)), 1, 1e-12);
    const x = new Float64Array(600);
    for (let t = 0; t < 100; t++) x[t] = (t * 37) % 11;
    assertAlmostEquals(sum(geometricAdstock(x, theta, true)) / sum(x), 1, 1e-12);
  }
});

Deno.test("geometricAdstockInto matches geometricAdstock, in place and on subarrays", () => {
  const x = new Float64Array([5, 1, 0, 0, 8, 2, 0]);
  for (const normalize of [false, true]) {
    const expected = geometricAdstock(x, 0.45, normalize);
    const out = new Float64Array(x.length);
    assert(geometricAdstockInto(out, x, 0.45, normalize) === out);
    assertArrayClose(out, expected, 0);
    const inPlace = x.slice();
    geometricAdstockInto(inPlace, inPlace, 0.45, normalize);
    assertArrayClose(inPlace, expected, 0);
  }
  const big = new Float64Array(10).fill(-1);
  geometricAdstockInto(big.subarray(2, 5), new Float64Array([1, 0, 0]), 0.5);
  assertEquals([...big], [-1, -1, 1, 0.5, 0.25, -1, -1, -1, -1, -1]);
  assertThrows(() => geometricAdstockInto(new Float64Array(2), x, 0.5), RangeError, "length");
});

Deno.test("geometric theta outside [0, 1) is a RangeError naming theta", () => {
  for (const theta of [-0.1, 1, 1.5, NaN, Infinity]) {
    assertThrows(() => geometricAdstock(new Float64Array(3), theta), RangeError, "theta must be in [0, 1)");
    assertThrows(() => adstock(new Float64Array(3), { type: "geometric", theta }), RangeError, "theta");
  }
});

// ---------------------------------------------------------------- Weibull (Robyn)

/** Weibull CDF and density from their textbook formulas, independent of the library. */
const weibullCdf = (x: number, k: number, lambda: number) => 1 - Math.exp(-Math.pow(x / lambda, k));
const weibullPdf = (x: number, k: number, lambda: number) =>
  (k / lambda) * Math.pow(x / lambda, k - 1) * Math.exp(-Math.pow(x / lambda, k));

Deno.test("robynScaleTrans is R's round(quantile(1:L, scale)) with half-to-even rounding", () => {
  assertEquals(robynScaleTrans(0.5, 5), 3); // 1 + 0.5·4 = 3
  assertEquals(robynScaleTrans(0.5, 4), 2); // 2.5 → 2 (even)
  assertEquals(robynScaleTrans(0.5, 6), 4); // 3.5 → 4 (even)
  assertEquals(robynScaleTrans(0.1, 30), 4); // 1 + 2.9 = 3.9 → 4
  assertEquals(robynScaleTrans(0, 30), 1);
  assertEquals(robynScaleTrans(1, 30), 30);
});

Deno.test("Weibull CDF weights are the cumulative product of survival 1 − F(j) (definition, several lags)", () => {
  const [k, scale, maxLag] = [1.7, 0.3, 12];
  const lambda = Math.round(1 + scale * maxLag); // 4.6 → 5, no tie
  const w = weibullAdstockWeights("weibull_cdf", k, scale, maxLag);
  assertEquals(w.length, maxLag + 1);
  for (const l of [0, 1, 2, 5, 12]) {
    let expected = 1;
    for (let j = 1; j <= l; j++) expected *= 1 - weibullCdf(j, k, lambda);
    // 1e-12 relative: 1 − (1 − S) loses a few bits where S is small.
    assertArrayClose([w[l]], [expected], 1e-12, 1e-4, `lag ${l}`);
  }
  for (let l = 1; l <= maxLag; l++) assert(w[l] <= w[l - 1], "CDF weights never increase");
});

Deno.test("Weibull PDF weights are the min–max normalized density at l + 1 (definition, several lags)", () => {
  const [k, scale, maxLag] = [2.5, 0.4, 10];
  const lambda = Math.round(1 + scale * maxLag); // 5
  const f = Array.from({ length: maxLag + 1 }, (_, l) => weibullPdf(l + 1, k, lambda));
  const lo = Math.min(...f), hi = Math.max(...f);
  const w = weibullAdstockWeights("weibull_pdf", k, scale, maxLag);
  for (const l of [0, 1, 3, 4, 7, 10]) {
    assertArrayClose([w[l]], [(f[l] - lo) / (hi - lo)], 1e-12, 1e-12, `lag ${l}`);
  }
  assertAlmostEquals(Math.max(...w), 1, 0);
  assertAlmostEquals(Math.min(...w), 0, 0);
  // shape > 1: the effect peaks after lag 0 (a delayed response).
  assert(w.indexOf(1) > 0, `peak at lag ${w.indexOf(1)}`);
});

Deno.test("Weibull and delayed weights and adstock match the scipy fixture (Robyn's formula), 1e-12 relative", () => {
  const x = new Float64Array(fixture.x);
  for (const c of fixture.cases) {
    const spec = c.spec as WeibullAdstockSpec | DelayedAdstockSpec;
    const label = JSON.stringify(spec);
    if (spec.type !== "delayed") {
      assertEquals(robynScaleTrans(spec.scale, spec.maxLag + 1), c.scaleTrans, label);
    }
    // Absolute floor 1e-15 on weights: scipy's 1 − cdf loses relative precision on tiny survivals.
    assertArrayClose(adstockWeights(spec, spec.maxLag + 1), c.weights, 1e-12, 1e-3, label);
    assertArrayClose(adstock(x, spec), c.adstocked, 1e-12, 1, label);
  }
});

Deno.test("Weibull with maxLag = n − 1 is Robyn's default window (windlen = length(x))", () => {
  const c = fixture.cases.find((c) =>
    c.spec.type === "weibull_pdf" && c.spec.maxLag === fixture.x.length - 1
  );
  assert(c !== undefined);
  assertArrayClose(adstock(new Float64Array(fixture.x), c.spec as AdstockSpec), c.adstocked, 1e-12, 1);
});

Deno.test("Weibull shape 0 or scale 0 leaves the series unchanged, as in Robyn", () => {
  const x = new Float64Array([4, 0, 2, 9]);
  for (const type of ["weibull_cdf", "weibull_pdf"] as const) {
    assertEquals([...adstock(x, { type, shape: 0, scale: 0.3, maxLag: 3 })], [...x]);
    assertEquals([...adstock(x, { type, shape: 2, scale: 0, maxLag: 3 })], [...x]);
  }
});

Deno.test("Weibull parameters out of domain are RangeErrors naming the parameter", () => {
  const base = { type: "weibull_cdf", shape: 1, scale: 0.1, maxLag: 5 } as const;
  assertThrows(() => validateAdstockSpec({ ...base, shape: -1 }), RangeError, "shape");
  assertThrows(() => validateAdstockSpec({ ...base, shape: Infinity }), RangeError, "shape");
  assertThrows(() => validateAdstockSpec({ ...base, scale: 1.2 }), RangeError, "scale");
  assertThrows(() => validateAdstockSpec({ ...base, maxLag: 2.5 }), RangeError, "maxLag");
  assertThrows(() => validateAdstockSpec({ ...base, maxLag: -1 }), RangeError, "maxLag");
});

// ---------------------------------------------------------------- delayed (Jin et al.)

Deno.test("delayed adstock of an impulse peaks at the delay and its weights sum to 1", () => {
  for (const [theta, delay, maxLag] of [[0.5, 1, 2], [0.8, 3, 12], [0.3, 0, 6], [0.95, 5, 8]]) {
    const a = adstock(impulse(20), { type: "delayed", theta, delay, maxLag });
    const peak = a.indexOf(Math.max(...a));
    assertEquals(peak, delay, `theta ${theta}, delay ${delay}`);
    assertAlmostEquals(sum(a), 1, 1e-14);
    for (let t = maxLag + 1; t < 20; t++) assertEquals(a[t], 0, "nothing beyond maxLag");
    // Weight definition θ^{(l−δ)²} / Σ_m θ^{(m−δ)²}, at every lag.
    let norm = 0;
    for (let m = 0; m <= maxLag; m++) norm += Math.pow(theta, (m - delay) ** 2);
    for (let l = 0; l <= maxLag; l++) {
      assertArrayClose([a[l]], [Math.pow(theta, (l - delay) ** 2) / norm], 1e-14);
    }
  }
  assertArrayClose(delayedAdstockWeights(0.5, 1, 2), [0.25, 0.5, 0.25], 1e-15);
});

Deno.test("delayed adstock of a step converges to the step (normalized weights)", () => {
  const a = adstock(new Float64Array(30).fill(10), { type: "delayed", theta: 0.7, delay: 2, maxLag: 9 });
  for (let t = 9; t < 30; t++) assertAlmostEquals(a[t], 10, 1e-12);
  assert(a[0] < 10);
});

Deno.test("delayed theta and delay domains", () => {
  for (const theta of [0, 1, -0.5, NaN]) {
    assertThrows(
      () => adstock(new Float64Array(3), { type: "delayed", theta, delay: 0, maxLag: 2 }),
      RangeError,
      "theta",
    );
  }
  assertThrows(
    () => adstock(new Float64Array(3), { type: "delayed", theta: 0.5, delay: 3, maxLag: 2 }),
    RangeError,
    "delay must be in [0, maxLag]",
  );
});

// ---------------------------------------------------------------- every kernel: edge cases

const specs: AdstockSpec[] = [
  { type: "geometric", theta: 0.5 },
  { type: "geometric", theta: 0.5, normalize: true },
  { type: "weibull_cdf", shape: 1.2, scale: 0.2, maxLag: 6 },
  { type: "weibull_pdf", shape: 3, scale: 0.3, maxLag: 6 },
  { type: "delayed", theta: 0.6, delay: 2, maxLag: 6 },
];

Deno.test("all-zero channel stays zero; empty stays empty; a single row keeps its lag-0 weight", () => {
  for (const spec of specs) {
    assertEquals([...adstock(new Float64Array(12), spec)], new Array(12).fill(0), spec.type);
    assertEquals(adstock(new Float64Array(0), spec).length, 0);
    const w0 = adstockWeights(spec, 1)[0];
    assertArrayClose(adstock(new Float64Array([7]), spec), [7 * w0], 1e-15);
  }
});

Deno.test("NaN or infinite spend is a RangeError naming the index", () => {
  for (const spec of specs) {
    const x = new Float64Array([1, 2, 3, NaN, 5]);
    assertThrows(() => adstock(x, spec), RangeError, "[3] is NaN");
    const y = new Float64Array([1, Infinity, 0]);
    assertThrows(() => adstock(y, spec), RangeError, "[1] is Infinity");
  }
  assertThrows(() => geometricAdstock(new Float64Array([0, NaN]), 0), RangeError, "spend[1] is NaN");
});

Deno.test("adstockInto equals adstock; finite kernels refuse out === x", () => {
  const x = new Float64Array([2, 0, 5, 1, 0, 0, 3, 8]);
  for (const spec of specs) {
    const out = new Float64Array(x.length);
    adstockInto(out, x, spec);
    assertArrayClose(out, adstock(x, spec), 0);
  }
  const w = new Float64Array([0.5, 0.5]);
  assertThrows(() => convolveAdstockInto(x, x, w), RangeError, "share memory");
  assertThrows(() => convolveAdstockInto(x.subarray(1, 5), x.subarray(0, 4), w), RangeError, "share memory");
});

Deno.test("adstockWeights is the impulse response of adstock, for every kernel", () => {
  for (const spec of specs) {
    assertArrayClose(adstockWeights(spec, 10), adstock(impulse(10), spec), 1e-15, 1e-300, spec.type);
  }
  assertArrayClose(adstockWeights({ type: "geometric", theta: 0.5 }, 3), [1, 0.5, 0.25], 0);
});

Deno.test("unknown adstock type is a RangeError listing the known ones", () => {
  const bad = { type: "exponential", theta: 0.5 } as unknown as AdstockSpec;
  assertThrows(() => adstock(new Float64Array(2), bad), RangeError, '"geometric", "weibull_cdf"');
});

Deno.test("adstockHorizon: the first lag whose weight θ^l is below the share, counted from lag 0, capped", () => {
  for (const theta of [0.1, 0.3, 0.5, 0.7, 0.9]) {
    // count lags by walking the weights (not the closed form under test)
    let lags = 0, w = 1;
    while (w >= 0.01) {
      lags++;
      w *= theta;
    }
    assertEquals(adstockHorizon(theta), Math.min(52, lags + 1), `θ = ${theta}`);
  }
  assertEquals(adstockHorizon(0), 2);
  assertEquals(adstockHorizon(0.99), 52);
});
