/**
 * VIF, condition numbers and correlations against statsmodels 0.13.5 (`variance_inflation_factor`,
 * `OLS(...).fit().condition_number`) and numpy (`linalg.cond`, `corrcoef`) — fixture
 * tests/fixtures/diagnostics.py — at 1e-8 relative, and VIF against its definition as auxiliary regressions.
 */
import {
  conditionNumber,
  correlatedPairs,
  correlationMatrix,
  findConstantColumn,
  vif,
} from "../../lib/evaluate/collinearity.ts";
import { type Design, designFromColumns } from "../../lib/features/design.ts";
import { qrLeastSquares } from "../../lib/linalg/mod.ts";
import { ModelError } from "../../lib/errors.ts";
import { assert, assertArrayClose, assertEquals, assertRelClose, assertThrows } from "../assert.ts";

const fixture = JSON.parse(
  Deno.readTextFileSync(new URL("../fixtures/diagnostics.json", import.meta.url)),
) as {
  collinearity: {
    names: string[];
    n: number;
    columns: Record<string, number[]>;
    vif: number[];
    vifNoConstant: number[];
    cond: number;
    condStatsmodels: number;
    condEigXtX: number;
    condUnitLength: number;
    condStandardized: number;
    condNoConstant: number;
    correlation: number[];
    pairsAbove0_5: { a: string; b: string; r: number }[];
  };
};
const ref = fixture.collinearity;
const RTOL = 1e-8;
const withConstant = designFromColumns(ref.columns);
const withoutConstant = designFromColumns(ref.columns, false);

/** VIF by its definition: 1 / (1 − R²) of column j regressed on the other columns (R² centered iff a constant). */
function vifByRegression(d: Design, j: number, centered: boolean): number {
  const others = [...Array(d.k).keys()].filter((c) => c !== j);
  const x = new Float64Array(d.n * others.length);
  const y = new Float64Array(d.n);
  for (let i = 0; i < d.n; i++) {
    y[i] = d.x[i * d.k + j];
    others.forEach((c, a) => (x[i * others.length + a] = d.x[i * d.k + c]));
  }
  const fit = qrLeastSquares(x, y, d.n, others.length);
  const mean = centered ? y.reduce((s, v) => s + v, 0) / d.n : 0;
  const tss = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  const ssr = fit.residuals.reduce((s, v) => s + v * v, 0);
  return 1 / (ssr / tss);
}

Deno.test("vif matches statsmodels variance_inflation_factor on the design with a constant", () => {
  const r = vif(withConstant);
  assertEquals(r.names, ref.names);
  assertEquals(r.centered, true);
  assertArrayClose(r.vif, ref.vif, RTOL);
  assert(r.vif[0] > 100 && r.vif[1] > 100 && r.vif[2] < 1.1, "the two tv columns are the collinear ones");
});

Deno.test("vif matches statsmodels on a design without a constant (uncentered R²)", () => {
  const r = vif(withoutConstant);
  assertEquals(r.centered, false);
  assertArrayClose(r.vif, ref.vifNoConstant, RTOL);
});

Deno.test("vif from the inverse correlation matrix equals the auxiliary-regression definition", () => {
  const r = vif(withConstant);
  for (let j = 1; j < withConstant.k; j++) {
    assertRelClose(r.vif[j - 1], vifByRegression(withConstant, j, true), 1e-10, 0, withConstant.names[j]);
  }
  const u = vif(withoutConstant);
  for (let j = 0; j < withoutConstant.k; j++) {
    assertRelClose(u.vif[j], vifByRegression(withoutConstant, j, false), 1e-10, 0, withoutConstant.names[j]);
  }
});

Deno.test("vif of a constant placed anywhere: the constant is skipped, not reported", () => {
  const { tv, price } = ref.columns;
  const d = designFromColumns({ tv, one: new Array(ref.n).fill(1), price }, false);
  assertEquals(findConstantColumn(d), 1);
  const r = vif(d);
  assertEquals(r.names, ["tv", "price"]);
  assertArrayClose(r.vif, [vifByRegression(d, 0, true), vifByRegression(d, 2, true)], 1e-10);
});

Deno.test("vif names perfectly collinear columns in a ModelError", () => {
  const { tv, price } = ref.columns;
  const d = designFromColumns({ tv, price, total: tv.map((v, i) => v + 2 * price[i]) });
  const err = assertThrows(() => vif(d), ModelError, '"total" is a linear combination of');
  assertEquals([...err.columns].sort(), ["price", "total", "tv"]);
  const twoConstants = designFromColumns({ tv, seven: new Array(ref.n).fill(7) });
  assertThrows(() => vif(twoConstants), ModelError, '"seven" is constant');
});

Deno.test("conditionNumber equals np.linalg.cond and statsmodels' Cond. No.", () => {
  const k = conditionNumber(withConstant);
  assertRelClose(k, ref.cond, RTOL);
  assertRelClose(k, ref.condStatsmodels, RTOL);
  // statsmodels' number is the singular-value ratio, not the (less precise) eigenvalue ratio of X'X
  assertRelClose(ref.condEigXtX, ref.cond, 1e-6);
  assertRelClose(conditionNumber(withoutConstant), ref.condNoConstant, RTOL);
});

Deno.test("conditionNumber with unit-length columns and standardized columns matches numpy", () => {
  assertRelClose(conditionNumber(withConstant, { scale: "unit-length" }), ref.condUnitLength, RTOL);
  assertRelClose(conditionNumber(withConstant, { scale: "standardize" }), ref.condStandardized, RTOL);
  // standardizing removes the constant, so a design without one gives the same number
  assertRelClose(conditionNumber(withoutConstant, { scale: "standardize" }), ref.condStandardized, 1e-10);
});

Deno.test("conditionNumber of an orthogonal design is 1, of a diagonal one the ratio of its entries", () => {
  const orthogonal: Design = {
    names: ["a", "b"],
    n: 4,
    k: 2,
    x: new Float64Array([1, 1, 1, -1, -1, 1, -1, -1]),
  };
  assertRelClose(conditionNumber(orthogonal), 1, 1e-14);
  const diagonal: Design = { names: ["a", "b"], n: 2, k: 2, x: new Float64Array([3, 0, 0, 0.01]) };
  assertRelClose(conditionNumber(diagonal), 300, 1e-13);
  assertRelClose(conditionNumber(diagonal, { scale: "unit-length" }), 1, 1e-14);
  const singular: Design = { names: ["a", "b"], n: 3, k: 2, x: new Float64Array([1, 2, 2, 4, 3, 6]) };
  assert(conditionNumber(singular) > 1e14, "a rank-deficient design has an enormous condition number");
});

Deno.test("correlationMatrix matches numpy corrcoef; correlatedPairs lists pairs above the threshold", () => {
  const c = correlationMatrix(ref.columns);
  assertEquals(c.names, ref.names);
  assertArrayClose(c.matrix, ref.correlation, RTOL, 1e-12);
  assertEquals(c.warnings, []);
  const pairs = correlatedPairs(c, 0.5);
  assertEquals(pairs.map((p) => [p.a, p.b]), ref.pairsAbove0_5.map((p) => [p.a, p.b]));
  assertArrayClose(pairs.map((p) => p.r), ref.pairsAbove0_5.map((p) => p.r), RTOL);
  assertEquals(correlatedPairs(c, 1), []);
});

Deno.test("correlationMatrix gives NaN for a zero-variance column and says so", () => {
  const c = correlationMatrix({ a: [1, 2, 3], flat: [5, 5, 5], b: [2, 4, 7] });
  assert([0, 1, 2].every((j) => Number.isNaN(c.matrix[1 * 3 + j]) && Number.isNaN(c.matrix[j * 3 + 1])));
  assertRelClose(c.matrix[2], 5 / Math.sqrt(2 * (114 / 9)), 1e-14); // by hand, see the JSDoc example
  assertEquals(c.zeroVariance, ["flat"]);
  assert(c.warnings[0].includes('"flat"'));
  assertEquals(correlatedPairs(c, 0).length, 1);
});

Deno.test("collinearity functions reject non-finite values and malformed input", () => {
  const x = Float64Array.from(withConstant.x);
  x[3 * withConstant.k + 2] = NaN;
  const bad: Design = { ...withConstant, x };
  assertThrows(() => vif(bad), RangeError, 'row 3, column "tv_lagged"');
  assertThrows(() => conditionNumber(bad), RangeError, 'row 3, column "tv_lagged"');
  assertThrows(() => correlationMatrix({ a: [1, 2, Infinity] }), RangeError, 'column "a"');
  assertThrows(() => correlationMatrix({ a: [1, 2, 3], b: [1, 2] }), RangeError, "rows");
  assertThrows(() => correlatedPairs(correlationMatrix({ a: [1, 2] }), 2), RangeError, "threshold");
  const onlyConstant: Design = { names: ["const"], n: 3, k: 1, x: new Float64Array([1, 1, 1]) };
  assertThrows(() => vif(onlyConstant), RangeError, "non-constant");
});
