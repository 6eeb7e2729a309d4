/**
 * How a geo panel's weeks are used: the folds and seasonality a panel of a given length allows
 * ({@link geoPanelPlan}), the fixed (always-in) columns of the geo model and its seasonality terms, and the
 * weeks per block of the week-block bootstrap (`geo_transforms.ts` re-exports every name).
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { calendarFeatures } from "../features/calendar.ts";
import type { GeoSeasonality } from "./geo_transforms_types.ts";

/**
 * Weeks per block of the week-block bootstrap (`geo_bootstrap.ts`): about twelve blocks, at least four weeks
 * each, `max(4, ⌊weeks / 12⌋)`.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(geoBlockWeeks(156), 13, 1e-9);
 * assertClose(geoBlockWeeks(104), 8, 1e-9);
 * ```
 */
export function geoBlockWeeks(weeks: number): number {
  return Math.max(4, Math.floor(weeks / 12));
}

/** The seasonality terms of the geo model for these dates (column name → values). */
export function geoSeasonalityColumns(
  dates: readonly string[],
  seasonality: GeoSeasonality,
): Record<string, Float64Array> {
  return seasonality === "fourier"
    ? calendarFeatures(dates, { seasonality: "fourier", fourierBasis: "week", fourierOrder: 1 })
    : calendarFeatures(dates, { seasonality });
}

/**
 * The fixed (always-in) columns of the geo model: controls (default: the roles' controls, then population) and
 * the seasonality terms (default month dummies). Geo effects are not columns: the search absorbs them by the
 * within transformation.
 *
 * @example
 * ```ts ignore
 * Object.keys(geoFixedColumns(geo)).length; // 2 controls + population + 11 months
 * ```
 */
export function geoFixedColumns(
  ds: Dataset,
  options: { readonly controls?: readonly string[]; readonly seasonality?: GeoSeasonality } = {},
): Record<string, Float64Array> {
  if (!ds.geos) throw new RangeError(`${ds.source} is not a geo panel`);
  const R = ds.roles;
  const out: Record<string, Float64Array> = {};
  const controls = options.controls ?? [...R.controls, ...(R.population ? [R.population] : [])];
  for (const c of controls) {
    const x = ds.columns[c];
    if (!x) throw new RangeError(`${ds.source}: no control column "${c}"`);
    out[c] = x;
  }
  Object.assign(out, geoSeasonalityColumns(ds.dates, options.seasonality ?? "month_dummies"));
  return out;
}

/** How folds and seasonality fit a panel of a given length; see {@link geoPanelPlan}. */
export interface GeoPanelPlan {
  /** Weeks (distinct dates) in the panel. */
  readonly weeks: number;
  /** Month dummies from two years, one annual sine–cosine pair from one year, none below a year. */
  readonly seasonality: GeoSeasonality;
  /** Folds asked of `panelTimeSeriesSplit` (`nSplits`). */
  readonly folds: number;
  /** Periods per test fold, or undefined for scikit-learn's default `floor(weeks / (folds + 1))`. */
  readonly testSize?: number;
  /** Folds training on fewer weeks are dropped. */
  readonly minTrainSize: number;
  /** Why, in plain sentences (for the notebook's notes). */
  readonly sentences: readonly string[];
}

/**
 * Folds and seasonality adapted to the number of weeks `T` (distinct dates) of a panel:
 *
 * - `T ≥ 104` (two years or more): month dummies, and every fold trains on at least 52 weeks, so that each
 *   fold has seen every month before it predicts it; test folds are scikit-learn's `floor(T / (folds + 1))`.
 * - `52 ≤ T < 104`: one annual harmonic (`sin`, `cos` of 2π · ISO week / 52.18) instead of 11 month dummies.
 *   With under two years a fold's training weeks miss some months altogether, so their dummies could not be
 *   estimated (a fold would predict them with no seasonal effect), and in the full fit each month dummy rests
 *   on one or two occurrences and absorbs whatever media moved in that month. The harmonic costs two
 *   parameters, is defined on every date, and carries the seasonal shape of the months a fold has seen into
 *   those it has not.
 * - `T < 52`: no seasonality term (under a year, an annual cycle cannot be told apart from the movements of
 *   media and controls).
 *
 * Below two years every fold trains on at least half the weeks, `minTrainSize = ⌈T/2⌉` (which is
 * `max(26, ⌈T/2⌉)` from 52 weeks on), and the weeks after that are split evenly into test folds,
 * `testSize = ⌊(T − minTrainSize) / folds⌋`, with fewer folds when test folds would be under 4 weeks (never
 * fewer than 2). The test folds are the last `folds · testSize` weeks, so the first fold trains on
 * `T − folds · testSize ≥ minTrainSize` weeks (27 of 52: the 5 test folds of 5 weeks cover the last 25).
 *
 * @param weeks distinct dates of the panel, an integer ≥ 8
 * @param options `folds` wanted (default 5)
 * @example
 * ```ts
 * geoPanelPlan(156); // { seasonality: "month_dummies", folds: 5, minTrainSize: 52, ... }
 * geoPanelPlan(52);  // { seasonality: "fourier", folds: 5, testSize: 5, minTrainSize: 26, ... }
 * ```
 */
export function geoPanelPlan(weeks: number, options: { readonly folds?: number } = {}): GeoPanelPlan {
  const wanted = options.folds ?? 5;
  if (!(Number.isInteger(weeks) && weeks >= 8)) {
    throw new RangeError(`a geo panel needs at least 8 weeks to cross-validate, got ${weeks}`);
  }
  if (!(Number.isInteger(wanted) && wanted >= 2)) {
    throw new RangeError(`folds must be an integer >= 2, got ${wanted}`);
  }
  if (weeks >= 104) {
    return {
      weeks,
      seasonality: "month_dummies",
      folds: wanted,
      minTrainSize: 52,
      sentences: [
        `With ${weeks} weeks (two years or more), seasonality is a dummy per month, and every fold trains on at ` +
        `least 52 weeks, so each fold has seen every month before it predicts it.`,
      ],
    };
  }
  const short = weeks < 52;
  const minTrainSize = Math.ceil(weeks / 2);
  const rest = weeks - minTrainSize;
  const folds = Math.max(2, Math.min(wanted, Math.floor(rest / 4)));
  const testSize = Math.floor(rest / folds);
  // scikit-learn's split puts the test folds at the end, so the first fold trains on every week before them
  const tested = folds * testSize;
  const foldSentence =
    `Every fold trains on at least ${weeks - tested} of the ${weeks} weeks, and the last ${tested} weeks ` +
    `are split into ${folds} test folds of ${testSize} weeks.`;
  return short
    ? {
      weeks,
      seasonality: "none",
      folds,
      testSize,
      minTrainSize,
      sentences: [
        `With ${weeks} weeks (less than a year) the model has no seasonality term: an annual cycle cannot be ` +
        `told apart from the movements of media and controls in under a year.`,
        foldSentence,
      ],
    }
    : {
      weeks,
      seasonality: "fourier",
      folds,
      testSize,
      minTrainSize,
      sentences: [
        `With ${weeks} weeks (one to two years) seasonality is one annual sine–cosine pair rather than a dummy ` +
        `per month: with under two years some months are missing from a fold's training weeks altogether, and ` +
        `in the full fit each month dummy would rest on one or two occurrences and absorb whatever media moved ` +
        `that month; the sine–cosine pair costs two parameters and carries the seasonal shape to months a fold ` +
        `has not seen.`,
        foldSentence,
      ],
    };
}
