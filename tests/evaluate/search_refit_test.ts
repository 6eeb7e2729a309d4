import { assertArrayClose, assertEquals, assertRelClose } from "../assert.ts";
import { excludeRows, refitCandidate, transformedChannels } from "../../lib/evaluate/search_refit.ts";
import { timeSeriesSplit } from "../../lib/evaluate/time_series_split.ts";
import { qrLeastSquares } from "../../lib/linalg/qr.ts";
import { geometricAdstock } from "../../lib/features/adstock.ts";

function data() {
  const n = 40;
  let s = 11;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const a = Float64Array.from({ length: n }, () => rand() * 10);
  const c = Float64Array.from({ length: n }, () => rand() * 3 + 50);
  const y = Float64Array.from({ length: n }, (_, i) => 3 + 2 * geometricAdstock(a, 0.5)[i] - c[i] + rand());
  return { y, fixed: { c }, channels: { a }, folds: timeSeriesSplit(n) };
}

Deno.test("refitCandidate at α = 0 gives the OLS fit of y on the transformed columns (scale invariance)", () => {
  const problem = data();
  const candidate = { theta: { a: 0.5 }, saturation: { a: null }, alpha: 0 };
  const refit = refitCandidate(problem, candidate);
  const a = geometricAdstock(problem.channels.a, 0.5);
  const x = new Float64Array(40 * 3);
  for (let i = 0; i < 40; i++) x.set([1, a[i], problem.fixed.c[i]], i * 3);
  const ols = qrLeastSquares(x, problem.y, 40, 3);
  assertArrayClose(refit.fitted, ols.fitted, 1e-10);
  assertEquals(refit.design.names, ["a", "c"]);
  assertRelClose(refit.fit.coef[0] / refit.scale[0], ols.coef[1], 1e-10);
});

Deno.test("refitCandidate on a subset of rows fits only those rows and predicts all", () => {
  const problem = data();
  const rows = Array.from({ length: 40 }, (_, i) => i).filter((i) => i !== 5 && i !== 17);
  const refit = refitCandidate(problem, { theta: { a: 0.5 }, saturation: { a: null }, alpha: 0 }, { rows });
  const a = geometricAdstock(problem.channels.a, 0.5);
  const x = new Float64Array(rows.length * 3);
  rows.forEach((i, r) => x.set([1, a[i], problem.fixed.c[i]], r * 3));
  const ols = qrLeastSquares(x, Float64Array.from(rows, (i) => problem.y[i]), rows.length, 3);
  const pred5 = ols.coef[0] + ols.coef[1] * a[5] + ols.coef[2] * problem.fixed.c[5];
  assertRelClose(refit.fitted[5], pred5, 1e-10);
  assertEquals(refit.rows.length, 38);
});

Deno.test("transformedChannels restarts adstock at each geo", () => {
  const t = transformedChannels(
    { channels: { a: new Float64Array([1, 0, 1, 0]) }, groups: ["g1", "g1", "g2", "g2"] },
    { theta: { a: 0.5 }, saturation: {} },
  );
  assertEquals([...t.a], [1, 0.5, 1, 0.5]);
});

Deno.test("excludeRows removes rows from training and test sets and drops emptied folds", () => {
  const folds = excludeRows(timeSeriesSplit(12, { nSplits: 3 }), [4, 5, 6]);
  // sklearn folds for n=12, 3 splits: test [3..5], [6..8], [9..11]
  assertEquals(folds.map((f) => [...f.test]), [[3], [7, 8], [9, 10, 11]]);
  assertEquals([...folds[2].train], [0, 1, 2, 3, 7, 8]);
  assertEquals(excludeRows(timeSeriesSplit(12, { nSplits: 3 }), [3, 4, 5]).length, 2);
});
