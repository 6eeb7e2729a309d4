/**
 * After a search: refit one candidate's specification on all (or chosen) rows, for in-sample fit to show
 * beside the cross-validated scores and for the coefficients of the chosen transforms. The model is the one
 * the search scored: geometric adstock (per geo on panels), optional saturation, standardization, ridge with the
 * candidate's α (OLS at α = 0).
 *
 * @module
 */
import { geometricAdstock } from "../features/adstock.ts";
import { applyByGroup } from "../features/panel.ts";
import { saturate } from "../features/saturation.ts";
import type { Design } from "../features/design.ts";
import { fitRidge, predictRidge, type RidgeFit } from "../models/ridge.ts";
import { r2 } from "./metrics.ts";
import type { SearchCandidate, SearchProblem } from "./search.ts";
import type { Fold } from "./time_series_split.ts";

/** A refitted candidate. */
export interface RefitCandidate {
  /** Design over all rows: transformed channels then fixed columns, standardized with the fit rows' moments. */
  readonly design: Design;
  /**
   * The ridge fit on the fit rows' standardized design (α the candidate's, intercept as the problem asks).
   */
  readonly fit: RidgeFit;
  /** Predictions for every row. */
  readonly fitted: Float64Array;
  /** R² on the fit rows (in-sample). */
  readonly r2: number;
  /** Rows the model was fitted on. */
  readonly rows: Int32Array;
  /** Per design column, the fit rows' mean subtracted before scaling (0 when not standardizing). */
  readonly center: Float64Array;
  /**
   * Per design column, the fit rows' standard deviation (ddof = 0) divided by; 1 for a constant column or
   * when not standardizing.
   */
  readonly scale: Float64Array;
}

/**
 * The candidate's transformed channel columns (adstock then saturation), before standardization.
 *
 * @example
 * ```ts ignore
 * transformedChannels(problem, search.best).tv_spend;
 * ```
 */
export function transformedChannels(
  problem: Pick<SearchProblem, "channels" | "groups">,
  candidate: Pick<SearchCandidate, "theta" | "saturation">,
): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const [name, x] of Object.entries(problem.channels)) {
    const theta = candidate.theta[name] ?? 0;
    const a = problem.groups
      ? applyByGroup(x, problem.groups, (s) => geometricAdstock(s, theta))
      : geometricAdstock(x, theta);
    const sat = candidate.saturation[name];
    out[name] = sat ? saturate(a, sat) : a;
  }
  return out;
}

/**
 * Refits a candidate (see module doc) on `rows` (default: every row).
 *
 * @example
 * ```ts ignore
 * const refit = refitCandidate(problem, search.best);
 * refit.r2; // in-sample R², to show beside search.best.r2 (cross-validated)
 * ```
 */
export function refitCandidate(
  problem: SearchProblem,
  candidate: Pick<SearchCandidate, "theta" | "saturation" | "alpha">,
  options: { rows?: ArrayLike<number> } = {},
): RefitCandidate {
  const n = problem.y.length;
  const rows = Int32Array.from(options.rows ?? Array.from({ length: n }, (_, i) => i));
  const columns = { ...transformedChannels(problem, candidate), ...problem.fixed };
  const names = Object.keys(columns);
  const k = names.length;
  const standardize = problem.standardize ?? true;
  const center = new Float64Array(k), scale = new Float64Array(k).fill(1);
  if (standardize) {
    names.forEach((name, j) => {
      const x = columns[name];
      let m = 0;
      for (const i of rows) m += x[i];
      m /= rows.length;
      let ss = 0;
      for (const i of rows) ss += (x[i] - m) ** 2;
      center[j] = m;
      scale[j] = Math.sqrt(ss / rows.length) || 1; // constant column: scale 1, as StandardScaler
    });
  }
  const x = new Float64Array(n * k);
  names.forEach((name, j) => {
    const col = columns[name];
    for (let i = 0; i < n; i++) x[i * k + j] = (col[i] - center[j]) / scale[j];
  });
  const design: Design = { names, n, k, x };
  const sub = new Float64Array(rows.length * k);
  rows.forEach((i, r) => sub.set(x.subarray(i * k, (i + 1) * k), r * k));
  const y = Float64Array.from(rows, (i) => problem.y[i]);
  const fit = fitRidge({ names, n: rows.length, k, x: sub }, y, {
    alpha: candidate.alpha,
    fitIntercept: problem.intercept ?? true,
  });
  const fitted = predictRidge(fit, design);
  return { design, fit, fitted, r2: r2(y, fit.fitted), rows, center, scale };
}

/**
 * Folds with some rows removed from both training and test sets (e.g. anomalous weeks: leaving a row out is
 * what a dummy for it would do to the other coefficients, and it keeps one broken week from deciding a fold's
 * score). Folds left with no test rows are dropped.
 *
 * @example
 * ```ts ignore
 * excludeRows(timeSeriesSplit(104), [27, 62]);
 * ```
 */
export function excludeRows(folds: readonly Fold[], rows: ArrayLike<number>): Fold[] {
  const drop = new Set(Array.from(rows));
  return folds
    .map((f) => ({ train: f.train.filter((i) => !drop.has(i)), test: f.test.filter((i) => !drop.has(i)) }))
    .filter((f) => f.test.length > 0);
}
