import {
  applyScaler,
  fitRobustScaler,
  fitStandardScaler,
  invertScaler,
  percentileSorted,
} from "../../lib/features/scalers.ts";
import { assert, assertArrayClose, assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import fixture from "../fixtures/scalers.json" with { type: "json" };

const firstRows = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * Fitted parameters are compared at 1e-12 relative; transformed values at 1e-12 relative to `max(|z|, 1)`
 * (z near 0 has no relative precision to speak of). Measured agreement: within 2e-15.
 */
function assertTransformed(actual: Float64Array, expected: number[], label: string) {
  assertArrayClose(actual, expected, 1e-12, 1, label);
}

Deno.test("StandardScaler fitted on the first rows matches scikit-learn (mean, scale, transform)", () => {
  for (const c of fixture.cases) {
    const label = `${c.name}, ${c.n_train} training rows`;
    const p = fitStandardScaler(c.x, firstRows(c.n_train));
    assertEquals(p.kind, "standard");
    assertEquals(p.nFit, c.n_train);
    assertRelClose(p.center, c.standard.mean, 1e-12, 1e-300, label + " mean");
    assertRelClose(p.scale, c.standard.scale, 1e-12, 1e-300, label + " scale");
    assertTransformed(applyScaler(p, c.x), c.standard.transformed, label);
  }
});

Deno.test("RobustScaler (25, 75) and (10, 90) fitted on the first rows match scikit-learn", () => {
  for (const c of fixture.cases) {
    const label = `${c.name}, ${c.n_train} training rows`;
    for (const [ref, range] of [[c.robust, [25, 75]], [c.robust_10_90, [10, 90]]] as const) {
      const p = fitRobustScaler(c.x, firstRows(c.n_train), { quantileRange: range });
      assertRelClose(p.center, ref.center, 1e-12, 1e-300, `${label} ${range} center`);
      assertRelClose(p.scale, ref.scale, 1e-12, 1e-300, `${label} ${range} scale`);
      assertTransformed(applyScaler(p, c.x), ref.transformed, `${label} ${range}`);
    }
  }
});

Deno.test("a constant column gets scale 1 (scikit-learn's convention) and becomes zeros up to rounding", () => {
  const x = new Float64Array(9).fill(3.7);
  for (const p of [fitStandardScaler(x), fitRobustScaler(x)]) {
    assertEquals(p.scale, 1);
    assertRelClose(p.center, 3.7, 1e-15); // the mean Σx/n of nine 3.7s is 3.6999999999999997
    for (const z of applyScaler(p, x)) assert(Math.abs(z) <= 1e-15, `${z} is not 0`);
  }
  const c = fixture.cases.find((c) => c.name === "constant")!;
  assertEquals(c.standard.scale, 1);
  assertEquals(c.robust.scale, 1);
});

Deno.test("inverse(transform(x)) returns x (1e-14 relative)", () => {
  for (const c of fixture.cases) {
    for (
      const p of [fitStandardScaler(c.x, firstRows(c.n_train)), fitRobustScaler(c.x, firstRows(c.n_train))]
    ) {
      assertArrayClose(
        invertScaler(p, applyScaler(p, c.x)),
        c.x,
        1e-14,
        Math.abs(p.center) + p.scale,
        c.name,
      );
    }
  }
});

Deno.test("fitting uses only the given rows", () => {
  const x = [1, 2, 3, 1000, -1000];
  const p = fitStandardScaler(x, [0, 1, 2]);
  assertEquals(p.center, 2);
  assertRelClose(p.scale, Math.sqrt(2 / 3), 1e-15);
  assertEquals(fitRobustScaler(x, [2, 0, 1]).center, 2);
  assertEquals(fitStandardScaler(x, [3]).scale, 1); // a single row is constant
});

Deno.test("options: no centering or no scaling", () => {
  const x = [1, 2, 3, 4, 10];
  assertEquals(fitStandardScaler(x, undefined, { withMean: false }).center, 0);
  assertEquals(fitStandardScaler(x, undefined, { withStd: false }).scale, 1);
  assertEquals(fitRobustScaler(x, undefined, { withCentering: false }).center, 0);
  assertEquals(fitRobustScaler(x, undefined, { withScaling: false }).scale, 1);
  assertThrows(() => fitRobustScaler(x, undefined, { quantileRange: [80, 20] }), RangeError, "quantileRange");
});

Deno.test("percentileSorted is NumPy's linear percentile", () => {
  const s = [1, 2, 3, 4];
  assertEquals(percentileSorted(s, 25), 1.75);
  assertEquals(percentileSorted(s, 50), 2.5);
  assertEquals(percentileSorted(s, 100), 4);
  assertEquals(percentileSorted(s, 0), 1);
  assertEquals(percentileSorted([5], 30), 5);
});

Deno.test("NaN in the fitting rows is a RangeError naming the row; transform propagates NaN", () => {
  assertThrows(() => fitStandardScaler([1, NaN, 3]), RangeError, "x[1] is NaN");
  assertThrows(() => fitRobustScaler([1, 2, Infinity], [0, 2]), RangeError, "x[2] is Infinity");
  assertEquals(fitStandardScaler([1, NaN, 3], [0, 2]).center, 2); // NaN outside the fitting rows is fine
  const p = fitStandardScaler([1, 2, 3]);
  assert(Number.isNaN(applyScaler(p, [NaN])[0]));
  assertThrows(() => fitStandardScaler([1, 2], [5]), RangeError, "fitting row 5");
  assertThrows(() => fitStandardScaler([]), RangeError, "at least one");
  assertThrows(
    () => applyScaler({ kind: "standard", center: 0, scale: 0, nFit: 1 }, [1]),
    RangeError,
    "scale > 0",
  );
});
