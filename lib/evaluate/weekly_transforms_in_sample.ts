/**
 * In-sample scoring of a transform grid, for weekly series too short to cross-validate (below
 * `MIN_WEEKS_FOR_CV` weeks): every candidate's OLS fit scored by its in-sample RMSE, in the shape of a
 * `searchTransforms` table. `weekly_transforms.ts` re-exports it.
 *
 * @module
 */
import { ModelError } from "../errors.ts";
import { geometricAdstock } from "../features/adstock.ts";
import { saturate, type SaturationSpec } from "../features/saturation.ts";
import { qrLeastSquares } from "../linalg/qr.ts";
import { searchCandidate, type SearchProblem, type TransformGrid, type TransformSearch } from "./search.ts";

/**
 * Scores every candidate of a grid in sample, for series too short to cross-validate: for each combination of
 * the channels' (θ, saturation) options, OLS of `y` on a constant, the transformed channels and the controls
 * over `rows` (default all), scored by its in-sample RMSE, R² and NRMSE (RMSE over the range of `y`). The
 * result has the shape of a `searchTransforms` table with one "fold" (the rows themselves) and a fold-to-fold
 * standard deviation of 0, so its one-standard-error set holds the best candidate and its exact ties only.
 * Every candidate has the same number of coefficients, so the smallest in-sample RMSE is also the best AIC or
 * BIC. A candidate whose design is rank deficient scores NaN. The ridge penalties of `grid` are ignored (the
 * smallest in-sample error is always at α = 0; the model is fitted by OLS).
 *
 * @throws ModelError when every candidate is rank deficient
 * @example
 * ```ts ignore
 * const s = inSampleSearch(problem, { theta: [0, 0.3, 0.6], alpha: [0] });
 * s.best.theta;
 * ```
 */
export function inSampleSearch(
  problem: SearchProblem,
  grid: TransformGrid,
  rows?: readonly number[],
): TransformSearch {
  const channels = Object.keys(problem.channels);
  const fixed = Object.keys(problem.fixed);
  const list = <T>(
    v: readonly T[] | Readonly<Record<string, readonly T[]>> | undefined,
    c: string,
    fallback: readonly T[],
  ) =>
    v === undefined
      ? fallback
      : Array.isArray(v)
      ? (v as readonly T[])
      : ((v as Record<string, readonly T[]>)[c] ?? fallback);
  const thetas = Object.fromEntries(channels.map((c) => [c, list(grid.theta, c, [0])]));
  const sats = Object.fromEntries(
    channels.map((c) => [c, list<SaturationSpec | null>(grid.saturation, c, [null])]),
  );
  const n = problem.y.length;
  const fit = Int32Array.from(rows ?? Array.from({ length: n }, (_, i) => i));
  const m = fit.length;
  const y = Float64Array.from(fit, (i) => problem.y[i]);
  let yMean = 0, yMin = Infinity, yMax = -Infinity;
  for (const v of y) {
    yMean += v / m;
    yMin = Math.min(yMin, v);
    yMax = Math.max(yMax, v);
  }
  let sst = 0;
  for (const v of y) sst += (v - yMean) ** 2;
  // every option of every channel, transformed once, on the fit rows
  const options = channels.map((c) =>
    thetas[c].flatMap((theta) => {
      const a = geometricAdstock(problem.channels[c], theta);
      return sats[c].map((spec, satIndex) => {
        const x = spec ? saturate(a, spec) : a;
        return { theta, satIndex, x: Float64Array.from(fit, (i) => x[i]) };
      });
    })
  );
  const radix = options.map((o) => o.length);
  const total = radix.reduce((a, b) => a * b, 1);
  const k = 1 + channels.length + fixed.length;
  const x = new Float64Array(m * k);
  for (let r = 0; r < m; r++) {
    x[r * k] = 1;
    fixed.forEach((name, j) => (x[r * k + 1 + channels.length + j] = problem.fixed[name][fit[r]]));
  }
  const names = ["const", ...channels, ...fixed];
  const theta = Object.fromEntries(channels.map((c) => [c, new Float64Array(total)]));
  const saturationIndex = Object.fromEntries(channels.map((c) => [c, new Int32Array(total)]));
  const rmse = new Float64Array(total), r2 = new Float64Array(total), nrmse = new Float64Array(total);
  let failed = 0, best = -1;
  const digits = new Int32Array(channels.length);
  for (let row = 0; row < total; row++) {
    let rest = row;
    for (let c = 0; c < channels.length; c++) {
      digits[c] = rest % radix[c];
      rest = Math.floor(rest / radix[c]);
      const o = options[c][digits[c]];
      theta[channels[c]][row] = o.theta;
      saturationIndex[channels[c]][row] = o.satIndex;
      for (let r = 0; r < m; r++) x[r * k + 1 + c] = o.x[r];
    }
    let ssr = NaN;
    if (m > k) {
      try {
        const ls = qrLeastSquares(x, y, m, k, names);
        ssr = 0;
        for (const e of ls.residuals) ssr += e * e;
      } catch (e) {
        if (!(e instanceof ModelError)) throw e;
      }
    }
    rmse[row] = Math.sqrt(ssr / m);
    r2[row] = 1 - ssr / sst;
    nrmse[row] = rmse[row] / (yMax - yMin);
    if (Number.isNaN(ssr)) failed++;
    else if (best < 0 || rmse[row] < rmse[best]) best = row;
  }
  if (best < 0) {
    throw new ModelError(
      `every one of the ${total} candidates has a rank-deficient design on the ${m} fit rows`,
    );
  }
  const table: Omit<TransformSearch, "best"> = {
    channels,
    fixed,
    nFolds: 1,
    total,
    theta,
    saturationIndex,
    saturationOptions: sats,
    alpha: new Float64Array(total),
    rmse,
    rmseSd: new Float64Array(total),
    r2,
    nrmse,
    foldRmse: rmse.slice(),
    foldR2: r2.slice(),
    failed,
    criterion: "rmse",
  };
  return { ...table, best: searchCandidate(table as TransformSearch, best) };
}
