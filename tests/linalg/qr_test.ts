/**
 * Householder QR least squares against numpy.linalg.lstsq (tests/fixtures/linalg.py → linalg.json).
 *
 * Tolerances come from the perturbation bound of least squares, `‖δb‖/‖b‖ ≲ ε·(κ + κ²‖r‖/(‖X‖‖b‖))`
 * (Golub & Van Loan, Thm 5.3.1), which holds for both backward-stable solvers compared here:
 * κ = 1e8 consistent system → 1e-7 norm-wise; with noise (κ²‖r‖/(‖X‖‖b‖) ≈ 1e9) → 1e-5 norm-wise; fitted values
 * (a projection, well conditioned) → 1e-10 of ‖y‖; well-conditioned problems → 1e-10 relative.
 */

import { assert, assertArrayClose, assertEquals, assertThrows } from "../assert.ts";
import { ModelError } from "../../lib/errors.ts";
import { qrDecompose, qrLeastSquares, xtxInverseFromR } from "../../lib/linalg/mod.ts";

const fx = JSON.parse(await Deno.readTextFile(new URL("../fixtures/linalg.json", import.meta.url)));
const f64 = (a: number[]) => Float64Array.from(a);

function normRelError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let num = 0, den = 0;
  for (let i = 0; i < expected.length; i++) {
    num += (actual[i] - expected[i]) ** 2;
    den += expected[i] ** 2;
  }
  return Math.sqrt(num / den);
}

Deno.test("qrLeastSquares on a consistent system with cond(X) = 1e8 agrees with numpy.lstsq to 1e-7", () => {
  const { n, k, x, y_exact, coef_exact, b_true, cond } = fx.ill;
  assert(cond > 0.99e8 && cond < 1.01e8);
  const coef = qrLeastSquares(f64(x), f64(y_exact), n, k).coef;
  const vsNumpy = normRelError(coef, coef_exact);
  const vsTruth = normRelError(coef, b_true);
  assert(vsNumpy < 1e-7, `relative error vs numpy ${vsNumpy}`);
  assert(vsTruth < 1e-7, `relative error vs the true coefficients ${vsTruth}`);
});

Deno.test("qrLeastSquares with noise at cond(X) = 1e8: coefficients to 1e-5, fitted values to 1e-10 of ‖y‖", () => {
  const { n, k, x, y_noisy, coef_noisy, fitted_noisy } = fx.ill;
  const ls = qrLeastSquares(f64(x), f64(y_noisy), n, k);
  const e = normRelError(ls.coef, coef_noisy);
  assert(e < 1e-5, `coefficient error ${e}`);
  const yNorm = Math.hypot(...y_noisy);
  assertArrayClose(ls.fitted, fitted_noisy, 1e-10, yNorm);
  for (let i = 0; i < n; i++) {
    assertArrayClose([ls.residuals[i]], [y_noisy[i] - fitted_noisy[i]], 1e-10, yNorm);
  }
});

Deno.test("qrLeastSquares and xtxInverseFromR on a well-conditioned design match numpy to 1e-10", () => {
  const { n, k, x, y, coef, xtx_inv } = fx.well;
  const ls = qrLeastSquares(f64(x), f64(y), n, k);
  assertArrayClose(ls.coef, coef, 1e-10);
  const inv = xtxInverseFromR(ls.r, k);
  assertArrayClose(inv, xtx_inv, 1e-10, Math.max(...xtx_inv.map(Math.abs)) * 1e-3);
});

Deno.test("qrDecompose leaves R upper triangular with R'R = X'X", () => {
  const { n, k, x } = fx.well;
  const r = qrLeastSquares(f64(x), new Float64Array(n), n, k).r;
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) assertEquals(r[i * k + j], 0);
  const f = qrDecompose(f64(x), n, k);
  assertEquals(f.qr.length, n * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let rtr = 0, xtx = 0;
      for (let p = 0; p < k; p++) rtr += r[p * k + a] * r[p * k + b];
      for (let i = 0; i < n; i++) xtx += x[i * k + a] * x[i * k + b];
      assertArrayClose([rtr], [xtx], 1e-12, 1);
    }
  }
});

Deno.test("qrLeastSquares names collinear and all-zero columns", () => {
  const n = 8;
  const x = new Float64Array(n * 4);
  for (let i = 0; i < n; i++) {
    x[i * 4] = 1;
    x[i * 4 + 1] = i * i;
    x[i * 4 + 2] = 3 - 2 * i * i; // = 3·const − 2·sq
    x[i * 4 + 3] = 0;
  }
  const names = ["const", "sq", "combo", "empty"];
  const error = assertThrows(() => qrLeastSquares(x, new Float64Array(n), n, 4, names), ModelError);
  assert(error.message.includes('"combo" is a linear combination of "const", "sq"'), error.message);
  assert(error.message.includes('"empty" is all zeros'), error.message);
  assertEquals([...error.columns].sort(), ["combo", "const", "empty", "sq"]);
});

Deno.test("qrLeastSquares rejects fewer rows than columns", () => {
  assertThrows(() => qrLeastSquares(new Float64Array(6), new Float64Array(2), 2, 3), ModelError, "2 rows");
});
