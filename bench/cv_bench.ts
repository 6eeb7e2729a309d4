/**
 * Cost of the generic cross-validation runner (`crossValidate`) with a simple OLS `fitPredict` (Householder QR
 * on the training rows, then predictions for the test rows) on national-sized data: 104 weekly rows, intercept +
 * 11 regressors, `timeSeriesSplit(104)` (5 folds).
 *
 * Held to: one full 5-fold cross-validation (5 fits, predictions, 6 metrics per fold) in under 2 ms, so that a
 * notebook can cross-validate any model by refitting it per fold without caring about the runner's overhead;
 * the runner's own work (fold checks, scoring) is the difference to the "fits only" case. Measured (Deno 2.9.6,
 * shared machine): 0.18 ms per cross-validation, of which 0.03–0.08 ms is the runner.
 *
 * Run: `deno bench --allow-read bench/cv_bench.ts`
 */
import { crossValidate, takeDesignRows, takeRows } from "../lib/evaluate/cross_validate.ts";
import { timeSeriesSplit } from "../lib/evaluate/time_series_split.ts";
import { type Design, designFromColumns } from "../lib/features/design.ts";
import { matVec, qrLeastSquares } from "../lib/linalg/mod.ts";

function weekly(n: number, k: number, seed: number): { design: Design; y: Float64Array } {
  let s = seed >>> 0;
  const uniform = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const columns: Record<string, Float64Array> = {};
  for (let j = 0; j < k; j++) columns[`x${j}`] = Float64Array.from({ length: n }, () => uniform());
  const y = Float64Array.from({ length: n }, (_, i) => {
    let v = 10;
    for (let j = 0; j < k; j++) v += (j + 1) * columns[`x${j}`][i];
    return v + uniform();
  });
  return { design: designFromColumns(columns), y };
}

const { design, y } = weekly(104, 11, 3);
const folds = timeSeriesSplit(104, { nSplits: 5 });
const fitPredict = (train: Int32Array, test: Int32Array): Float64Array => {
  const fit = qrLeastSquares(takeDesignRows(design, train).x, takeRows(y, train), train.length, design.k);
  return matVec(takeDesignRows(design, test).x, test.length, design.k, fit.coef);
};

Deno.bench("crossValidate: OLS, 104 rows × 12 columns, 5 folds; target < 2 ms", {
  group: "cv",
  baseline: true,
}, () => {
  crossValidate({ y, folds, fitPredict });
});

Deno.bench("the same 5 fits and predictions without the runner (its overhead is the difference)", {
  group: "cv",
}, () => {
  for (const { train, test } of folds) fitPredict(train, test);
});
