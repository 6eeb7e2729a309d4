/**
 * Reading a transform search: profiles of the CV score over one or two carryovers (the best score at each
 * value, optimizing over every other parameter), and the one-standard-error set, which shows how sharply the
 * data identify each parameter.
 *
 * @module
 */
import type { SearchCriterion, TransformSearch } from "./search.ts";

const better = (criterion: SearchCriterion) =>
  criterion === "r2" ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;

function scores(search: TransformSearch, criterion: SearchCriterion): Float64Array {
  return search[criterion];
}

/** Sorted distinct values of a column. */
function levels(values: Float64Array): number[] {
  return [...new Set(values)].sort((x, y) => x - y);
}

/** The best score at each θ of one channel. */
export interface ProfileCurve {
  /** The channel whose carryover is profiled. */
  readonly channel: string;
  /** The distinct θ values of the channel in the search, ascending. */
  readonly theta: readonly number[];
  /**
   * Best score (`criterion`, default mean CV RMSE) over all other parameters at each θ; NaN where every
   * candidate failed.
   */
  readonly score: Float64Array;
}

/**
 * Profile of the CV score over one channel's carryover: for each θ, the best score over all other parameters.
 *
 * @example
 * ```ts ignore
 * profileCurve(search, "facebook_spend").score; // best mean CV RMSE at each θ
 * ```
 */
export function profileCurve(
  search: TransformSearch,
  channel: string,
  criterion: SearchCriterion = "rmse",
): ProfileCurve {
  const thetas = search.theta[channel];
  if (!thetas) {
    throw new RangeError(`"${channel}" is not a channel of this search (${search.channels.join(", ")})`);
  }
  const theta = levels(thetas);
  const score = new Float64Array(theta.length).fill(NaN);
  const s = scores(search, criterion), beats = better(criterion);
  for (let c = 0; c < search.total; c++) {
    const i = theta.indexOf(thetas[c]);
    if (Number.isFinite(s[c]) && (Number.isNaN(score[i]) || beats(s[c], score[i]))) score[i] = s[c];
  }
  return { channel, theta, score };
}

/** The best score at each (θ_a, θ_b) pair. */
export interface ProfileGrid {
  /** The two channels profiled, `[a, b]`. */
  readonly channels: readonly [string, string];
  /** Distinct θ values of channel a, ascending (the rows of `score`). */
  readonly thetaA: readonly number[];
  /** Distinct θ values of channel b, ascending (the columns of `score`). */
  readonly thetaB: readonly number[];
  /** `thetaA.length × thetaB.length`, row-major (rows: θ_a). */
  readonly score: Float64Array;
}

/**
 * Profile of the CV score over two channels' carryovers (for a heatmap): for each pair, the best score over all
 * other parameters.
 *
 * @example
 * ```ts ignore
 * profileGrid(search, "facebook_spend", "tiktok_spend").score;
 * ```
 */
export function profileGrid(
  search: TransformSearch,
  a: string,
  b: string,
  criterion: SearchCriterion = "rmse",
): ProfileGrid {
  const ta = search.theta[a], tb = search.theta[b];
  if (!ta || !tb) throw new RangeError(`"${!ta ? a : b}" is not a channel of this search`);
  const thetaA = levels(ta), thetaB = levels(tb);
  const score = new Float64Array(thetaA.length * thetaB.length).fill(NaN);
  const s = scores(search, criterion), beats = better(criterion);
  for (let c = 0; c < search.total; c++) {
    const cell = thetaA.indexOf(ta[c]) * thetaB.length + thetaB.indexOf(tb[c]);
    if (Number.isFinite(s[c]) && (Number.isNaN(score[cell]) || beats(s[c], score[cell]))) score[cell] = s[c];
  }
  return { channels: [a, b], thetaA, thetaB, score };
}

/** Candidates statistically indistinguishable from the best, and the parameter ranges they span. */
export interface OneStandardErrorSet {
  /** Mean CV RMSE of the best candidate plus its standard error `sd / √folds`. */
  readonly threshold: number;
  /** Number of candidates in the set (mean CV RMSE at most `threshold`). */
  readonly count: number;
  /** Per channel, the smallest and largest θ among the set's candidates. */
  readonly theta: Readonly<Record<string, { readonly min: number; readonly max: number }>>;
  /** The smallest and largest ridge penalty α among the set's candidates. */
  readonly alpha: { readonly min: number; readonly max: number };
}

/**
 * The one-standard-error set: every candidate whose mean CV RMSE is within one standard error of the best
 * (`rmse ≤ rmse_best + sd_best / √K` over K folds). Its parameter ranges say how sharply the data pin each
 * parameter down: a wide θ range means the carryover is weakly identified. Breiman et al. (1984), "Classification
 * and Regression Trees", §3.4.3; Hastie, Tibshirani & Friedman, "The Elements of Statistical Learning", §7.10.
 *
 * @example
 * ```ts ignore
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(oneStandardErrorSet(search).theta.facebook_spend, { min: 0.3, max: 0.7 }, 5e-2);
 * ```
 */
export function oneStandardErrorSet(search: TransformSearch): OneStandardErrorSet {
  const best = search.best;
  if (!best) throw new RangeError("the search has no successful candidate");
  const threshold = best.rmse + best.rmseSd / Math.sqrt(search.nFolds);
  const theta: Record<string, { min: number; max: number }> = {};
  for (const ch of search.channels) theta[ch] = { min: Infinity, max: -Infinity };
  const alpha = { min: Infinity, max: -Infinity };
  let count = 0;
  for (let c = 0; c < search.total; c++) {
    if (!(search.rmse[c] <= threshold)) continue;
    count++;
    for (const ch of search.channels) {
      const t = search.theta[ch][c];
      if (t < theta[ch].min) theta[ch].min = t;
      if (t > theta[ch].max) theta[ch].max = t;
    }
    if (search.alpha[c] < alpha.min) alpha.min = search.alpha[c];
    if (search.alpha[c] > alpha.max) alpha.max = search.alpha[c];
  }
  return { threshold, count, theta, alpha };
}
