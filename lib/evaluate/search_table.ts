/**
 * Reading the transform search's result table (`search.ts`): one candidate as plain data, and candidates ranked
 * by a criterion.
 *
 * @module
 */

import type { SaturationSpec } from "../features/saturation.ts";
import type { SearchCandidate, SearchCriterion, TransformSearch } from "./search_types.ts";

/**
 * Candidate `index` of a search result as plain data (θ and saturation by channel, α, scores).
 *
 * @example
 * ```ts ignore
 * const top = searchCandidate(search, rankCandidates(search, 1)[0]);
 * ```
 */
export function searchCandidate(search: TransformSearch, index: number): SearchCandidate {
  if (!(Number.isInteger(index) && index >= 0 && index < search.total)) {
    throw new RangeError(`candidate index ${index} is outside 0..${search.total - 1}`);
  }
  return candidateOf({
    channelNames: search.channels,
    thetaCol: search.channels.map((c) => search.theta[c]),
    satCol: search.channels.map((c) => search.saturationIndex[c]),
    sats: search.saturationOptions,
    alphaCol: search.alpha,
    rmse: search.rmse,
    rmseSd: search.rmseSd,
    r2: search.r2,
    nrmse: search.nrmse,
    foldRmse: search.foldRmse,
    foldR2: search.foldR2,
    nFolds: search.nFolds,
  }, index);
}

/**
 * Row indices of the `count` best candidates by `criterion` (default: the search's), best first; failed
 * candidates (NaN) last. Ties keep evaluation order.
 *
 * @example
 * ```ts ignore
 * rankCandidates(search, 10); // Int32Array of the ten lowest mean-RMSE candidates
 * ```
 */
export function rankCandidates(
  search: TransformSearch,
  count = search.total,
  criterion: SearchCriterion = search.criterion,
): Int32Array {
  const score = criterion === "rmse" ? search.rmse : criterion === "nrmse" ? search.nrmse : search.r2;
  const sign = criterion === "r2" ? -1 : 1;
  const order = Array.from({ length: search.total }, (_, i) => i);
  order.sort((a, b) => {
    const sa = score[a], sb = score[b];
    if (Number.isNaN(sa) || Number.isNaN(sb)) return Number.isNaN(sa) ? (Number.isNaN(sb) ? a - b : 1) : -1;
    return sign * (sa - sb) || a - b;
  });
  return Int32Array.from(order.slice(0, Math.max(0, Math.min(count, search.total))));
}

/** The columns of the table while the search fills it (what `candidateOf` reads). */
export interface Table {
  /** Channel names, in the problem's order (the order of `thetaCol` and `satCol`). */
  channelNames: readonly string[];
  /** Per channel, θ of each candidate row. */
  thetaCol: readonly Float64Array[];
  /** Per channel, the index into `sats[channel]` of each candidate row. */
  satCol: readonly Int32Array[];
  /** The saturation options of each channel (`null` = none). */
  sats: Readonly<Record<string, readonly (SaturationSpec | null)[]>>;
  /** Ridge penalty α of each candidate row. */
  alphaCol: Float64Array;
  /** Mean test RMSE over folds per row (NaN when a fold's fit failed). */
  rmse: Float64Array;
  /** Sample standard deviation (ddof = 1) of each row's fold RMSEs; NaN with one fold. */
  rmseSd: Float64Array;
  /** Mean test R² over folds per row. */
  r2: Float64Array;
  /** Mean test NRMSE over folds per row. */
  nrmse: Float64Array;
  /** Test RMSE per row and fold, `rows × nFolds` row-major. */
  foldRmse: Float64Array;
  /** Test R² per row and fold, `rows × nFolds` row-major. */
  foldR2: Float64Array;
  /** Number of folds. */
  nFolds: number;
}

/** Row `i` of a table as a {@link SearchCandidate}. */
export function candidateOf(t: Table, i: number): SearchCandidate {
  return {
    index: i,
    theta: Object.fromEntries(t.channelNames.map((c, j) => [c, t.thetaCol[j][i]])),
    saturation: Object.fromEntries(t.channelNames.map((c, j) => [c, t.sats[c][t.satCol[j][i]]])),
    alpha: t.alphaCol[i],
    rmse: t.rmse[i],
    rmseSd: t.rmseSd[i],
    r2: t.r2[i],
    nrmse: t.nrmse[i],
    foldRmse: t.foldRmse.slice(i * t.nFolds, (i + 1) * t.nFolds),
    foldR2: t.foldR2.slice(i * t.nFolds, (i + 1) * t.nFolds),
  };
}
