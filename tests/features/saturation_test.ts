import {
  hillHalfSaturationFromGamma,
  saturate,
  saturationAt,
  saturationDerivative,
  saturationDerivativeAt,
  saturationScale,
  type SaturationSpec,
  validateSaturationSpec,
} from "../../lib/features/saturation.ts";
import { assert, assertAlmostEquals, assertArrayClose, assertEquals, assertThrows } from "../assert.ts";

const grid = Float64Array.from({ length: 201 }, (_, i) => i * 5); // 0, 5, …, 1000

Deno.test("Hill is 1/2 at the half-saturation point K, for any shape", () => {
  for (const K of [0.3, 50, 1e5]) {
    for (const shape of [0.4, 1, 2.5, 8]) {
      assertAlmostEquals(saturationAt(K, { type: "hill", halfSaturation: K, shape }), 0.5, 1e-15);
    }
  }
});

Deno.test("Hill matches x^a / (x^a + K^a), is 0 at 0, increasing and below 1", () => {
  for (const shape of [0.5, 1, 3]) {
    const spec: SaturationSpec = { type: "hill", halfSaturation: 200, shape };
    const y = saturate(grid, spec);
    assertEquals(y[0], 0);
    for (let i = 1; i < grid.length; i++) {
      assert(y[i] > y[i - 1], `increasing at ${grid[i]}`);
      assert(y[i] < 1);
      const x = grid[i];
      assertAlmostEquals(y[i], x ** shape / (x ** shape + 200 ** shape), 1e-15);
    }
  }
  // No overflow of x^a for huge x.
  assertEquals(saturationAt(1e300, { type: "hill", halfSaturation: 1, shape: 5 }), 1);
});

Deno.test("log1p, sqrt and logistic match their formulas", () => {
  assertArrayClose(
    saturate([0, 3, 1e4], { type: "log1p", scale: 2 }),
    [0, Math.log(2.5), Math.log(1 + 5e3)],
    1e-15,
  );
  assertArrayClose(saturate([0, 4, 2], { type: "sqrt" }), [0, 2, Math.SQRT2], 1e-15);
  const logistic: SaturationSpec = { type: "logistic", steepness: 0.2, midpoint: 10 };
  assertArrayClose(
    saturate([10, 0, 25, -40], logistic),
    [0.5, 1 / (1 + Math.exp(2)), 1 / (1 + Math.exp(-3)), 1 / (1 + Math.exp(10))],
    1e-15,
  );
  // Stable far from the midpoint: no NaN, limits 0 and 1.
  assertEquals([...saturate([-1e6, 1e6], logistic)], [0, 1]);
});

/** Central finite difference `(s(x+h) − s(x−h)) / 2h`, from `saturationAt` only. */
function centralDifference(x: number, spec: SaturationSpec): number {
  const h = 1e-5 * Math.max(1, Math.abs(x));
  return (saturationAt(x + h, spec) - saturationAt(x - h, spec)) / (2 * h);
}

Deno.test("derivatives agree with central finite differences (1e-6 relative)", () => {
  const cases: [SaturationSpec, number[]][] = [
    [{ type: "hill", halfSaturation: 300, shape: 0.6 }, [1, 50, 300, 2000]],
    [{ type: "hill", halfSaturation: 300, shape: 1 }, [1, 50, 300, 2000]],
    [{ type: "hill", halfSaturation: 300, shape: 2.7 }, [1, 50, 300, 2000]],
    [{ type: "log1p", scale: 40 }, [1, 40, 5000]],
    [{ type: "sqrt" }, [0.5, 9, 1e4]],
    [{ type: "logistic", steepness: 0.05, midpoint: 100 }, [-50, 0, 100, 180]],
  ];
  for (const [spec, xs] of cases) {
    const d = saturationDerivative(xs, spec);
    xs.forEach((x, i) => {
      // Truncation error O(h²) and rounding O(ε/h): about 1e-9 relative here; 1e-6 leaves margin.
      assertArrayClose([d[i]], [centralDifference(x, spec)], 1e-6, 1e-12, `${JSON.stringify(spec)} at ${x}`);
      assertEquals(saturationDerivativeAt(x, spec), d[i]);
    });
  }
});

Deno.test("derivatives at zero take their limits", () => {
  const hill = (shape: number) => ({ type: "hill", halfSaturation: 4, shape }) as const;
  assertEquals(saturationDerivativeAt(0, hill(0.5)), Infinity);
  assertEquals(saturationDerivativeAt(0, hill(1)), 0.25);
  assertEquals(saturationDerivativeAt(0, hill(2)), 0);
  assertEquals(saturationDerivativeAt(0, { type: "sqrt" }), Infinity);
  assertEquals(saturationDerivativeAt(0, { type: "log1p", scale: 4 }), 0.25);
  // Far tails of the logistic: 0, not NaN.
  assertEquals(saturationDerivativeAt(1e6, { type: "logistic", steepness: 1, midpoint: 0 }), 0);
});

Deno.test("out-of-domain inputs are RangeErrors naming the index", () => {
  const hill: SaturationSpec = { type: "hill", halfSaturation: 1, shape: 2 };
  assertThrows(() => saturate([1, 2, NaN], hill), RangeError, "x[2] is NaN");
  assertThrows(() => saturate([1, -3], hill), RangeError, "x[1] is -3");
  assertThrows(() => saturate([-1], { type: "sqrt" }), RangeError, "x[0]");
  assertThrows(() => saturationDerivative([0, Infinity], { type: "log1p", scale: 1 }), RangeError, "x[1]");
  // The logistic is defined for negative x.
  assertEquals(saturate([-1], { type: "logistic", steepness: 1, midpoint: -1 })[0], 0.5);
});

Deno.test("parameter domains are checked with the parameter's name", () => {
  assertThrows(
    () => validateSaturationSpec({ type: "hill", halfSaturation: 0, shape: 1 }),
    RangeError,
    "halfSaturation",
  );
  assertThrows(
    () => validateSaturationSpec({ type: "hill", halfSaturation: 1, shape: -1 }),
    RangeError,
    "shape",
  );
  assertThrows(() => validateSaturationSpec({ type: "log1p", scale: NaN }), RangeError, "scale");
  assertThrows(
    () => validateSaturationSpec({ type: "logistic", steepness: 0, midpoint: 0 }),
    RangeError,
    "steepness",
  );
  assertThrows(
    () => validateSaturationSpec({ type: "logistic", steepness: 1, midpoint: NaN }),
    RangeError,
    "midpoint",
  );
  assertThrows(
    () => saturate([1], { type: "tanh" } as unknown as SaturationSpec),
    RangeError,
    '"hill", "log1p"',
  );
});

Deno.test("edge cases: all-zero channel, a single row, empty input", () => {
  assertEquals([...saturate(new Float64Array(5), { type: "hill", halfSaturation: 2, shape: 1 })], [
    0,
    0,
    0,
    0,
    0,
  ]);
  assertEquals([...saturate([8], { type: "hill", halfSaturation: 8, shape: 3 })], [0.5]);
  assertEquals(saturate([], { type: "sqrt" }).length, 0);
});

Deno.test("hillHalfSaturationFromGamma is Robyn's inflexion (1 − γ) min + γ max", () => {
  assertEquals(hillHalfSaturationFromGamma([10, 0, 200], 0.25), 50);
  assertEquals(hillHalfSaturationFromGamma([3, 7], 0), 3);
  assertThrows(() => hillHalfSaturationFromGamma([1], 1.5), RangeError, "gamma");
  assertThrows(() => hillHalfSaturationFromGamma([], 0.5), RangeError, "empty");
});

Deno.test("saturationScale is the median over the weeks with positive volume", () => {
  // active weeks 4 and 6: median 5; the all-weeks median would be 0
  assertEquals(saturationScale(new Float64Array([0, 0, 0, 4, 6])), { scale: 5, activeWeeks: 2, weeks: 5 });
  // every week active: the ordinary median
  assertEquals(saturationScale(new Float64Array([3, 1, 2])).scale, 2);
  assertEquals(saturationScale(new Float64Array([0, 7, 0, 1, 9])).scale, 7);
});

Deno.test("saturationScale refuses a channel with no active week and negative volumes", () => {
  assertThrows(() => saturationScale(new Float64Array([0, 0, 0])), RangeError, "no week has positive volume");
  assertThrows(() => saturationScale(new Float64Array([1, -1])), RangeError, "x[1]");
});
