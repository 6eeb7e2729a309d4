/**
 * The transform choice for the geo-panel regression: per-channel geometric carryover θ (applied within each
 * geo) and the scale of the log saturation `log(1 + adstock / scale)`, scored by time-series cross-validation
 * on dates (`panelTimeSeriesSplit`: every geo's week t falls on the same side of a fold).
 *
 * Geo fixed effects are absorbed by the within transformation on each fold's training rows (`fixedEffects` in
 * `searchTransforms`: every column demeaned by geo over the fold's training weeks), which gives exactly the
 * slopes and predictions of the fit with a dummy per geo at a cost linear in rows; the controls, population
 * and seasonality terms are the fixed columns. A full product grid over θ and scale for five channels is too
 * large (20⁵ candidates), so the search is coordinate-wise: θ first with each scale at the channel's mean
 * spend, then the scale multiples with θ fixed at its choice. Scales are multiples of the mean spend (a
 * property of the inputs, not of the outcome).
 *
 * How folds and seasonality adapt to the panel's length is {@link geoPanelPlan}.
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { calendarFeatures } from "../features/calendar.ts";
import type { SaturationSpec } from "../features/saturation.ts";
import {
  type SearchProblem,
  type SearchProgress,
  searchTransforms,
  searchTransformsAsync,
  type TransformGrid,
  type TransformSearch,
} from "./search.ts";
import { type OneStandardErrorSet, oneStandardErrorSet } from "./search_profile.ts";
import { type Fold, panelTimeSeriesSplit } from "./time_series_split.ts";

/** Seasonality terms of the geo model. */
export type GeoSeasonality = "month_dummies" | "fourier" | "none";

/** Grids of the geo transform search. */
export interface GeoSearchOptions {
  readonly thetaGrid?: readonly number[];
  /** log1p scale candidates as multiples of each channel's mean spend. */
  readonly scaleMultiples?: readonly number[];
  readonly folds?: number;
  /** Ridge penalties (default [0]: OLS, as the reported model). */
  readonly alphaGrid?: readonly number[];
  /**
   * Folds whose training set has fewer periods are dropped (default 52: a full year, so that every month dummy
   * is estimated in every fold).
   */
  readonly minTrainSize?: number;
  /** Periods per test fold (default `floor(periods / (folds + 1))`, scikit-learn's). */
  readonly testSize?: number;
  /** Seasonality terms among the fixed columns (default `"month_dummies"`). */
  readonly seasonality?: GeoSeasonality;
  /**
   * Control columns among the fixed columns (default: the roles' controls, then population). Pass the columns
   * the design can identify (e.g. without a population that is constant within every geo).
   */
  readonly controls?: readonly string[];
}

/** Result of `searchGeoTransforms`. */
export interface GeoTransforms {
  readonly options: Required<Omit<GeoSearchOptions, "testSize">> & { readonly testSize?: number };
  readonly problem: SearchProblem;
  /** Step 1: θ with scale = mean spend. */
  readonly thetaSearch: TransformSearch;
  /** Step 2: scale multiples with θ fixed. */
  readonly scaleSearch: TransformSearch;
  readonly oneStandardError: { readonly theta: OneStandardErrorSet; readonly scale: OneStandardErrorSet };
  /** Chosen θ and log1p scale (spend units) per media column. */
  readonly chosen: Readonly<Record<string, { theta: number; scale: number; scaleMultiple: number }>>;
  readonly meanSpend: Readonly<Record<string, number>>;
  /** Wall-clock seconds (for logs; keep it out of notebook output, which must not differ between runs). */
  readonly seconds: number;
}

export const DEFAULT_GEO_THETA_GRID: readonly number[] = [0, 0.2, 0.4, 0.6, 0.8];
export const DEFAULT_SCALE_MULTIPLES: readonly number[] = [0.5, 1, 2, 4];

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
 * Object.keys(geoFixedColumns(geo)).length; // 2 controls + population + 11 months
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
 * fewer than 2).
 *
 * @param weeks distinct dates of the panel, an integer ≥ 8
 * @param options `folds` wanted (default 5)
 * @example
 * geoPanelPlan(156); // { seasonality: "month_dummies", folds: 5, minTrainSize: 52, ... }
 * geoPanelPlan(52);  // { seasonality: "fourier", folds: 5, testSize: 5, minTrainSize: 26, ... }
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
  const foldSentence =
    `Every fold trains on at least ${minTrainSize} weeks (half the data), and the ${rest} ` +
    `weeks after that are split into ${folds} test folds of ${testSize} weeks.`;
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

interface GeoSearchSetup {
  readonly opts: GeoTransforms["options"];
  readonly problem: SearchProblem;
  readonly meanSpend: Record<string, number>;
  readonly thetaGrid: TransformGrid;
  scaleGrid(theta: Readonly<Record<string, number>>): TransformGrid;
  finish(thetaSearch: TransformSearch, scaleSearch: TransformSearch, start: number): GeoTransforms;
}

function geoSearchSetup(ds: Dataset, options: GeoSearchOptions): GeoSearchSetup {
  if (!ds.geos) throw new RangeError(`${ds.source} is not a geo panel`);
  const R = ds.roles;
  if (R.media.length === 0) throw new RangeError(`${ds.source}: no media columns (roles.media)`);
  const opts: GeoTransforms["options"] = {
    thetaGrid: options.thetaGrid ?? DEFAULT_GEO_THETA_GRID,
    scaleMultiples: options.scaleMultiples ?? DEFAULT_SCALE_MULTIPLES,
    folds: options.folds ?? 5,
    alphaGrid: options.alphaGrid ?? [0],
    minTrainSize: options.minTrainSize ?? 52,
    ...(options.testSize !== undefined ? { testSize: options.testSize } : {}),
    seasonality: options.seasonality ?? "month_dummies",
    controls: options.controls ?? [...R.controls, ...(R.population ? [R.population] : [])],
  };
  const meanSpend = Object.fromEntries(
    R.media.map((c) => [c, ds.columns[c].reduce((a, b) => a + b, 0) / ds.n]),
  );
  for (const c of R.media) {
    if (!(meanSpend[c] > 0)) {
      throw new RangeError(`${ds.source}: media column "${c}" has no spend; drop it before the search`);
    }
  }
  const folds: Fold[] = panelTimeSeriesSplit(ds.dates, {
    nSplits: opts.folds,
    minTrainSize: opts.minTrainSize,
    ...(opts.testSize !== undefined ? { testSize: opts.testSize } : {}),
  });
  const problem: SearchProblem = {
    y: ds.columns[R.target],
    fixed: geoFixedColumns(ds, { controls: opts.controls, seasonality: opts.seasonality }),
    channels: Object.fromEntries(R.media.map((c) => [c, ds.columns[c]])),
    folds,
    groups: ds.geos,
    fixedEffects: true,
  };
  const log1p = (c: string, m: number): SaturationSpec => ({ type: "log1p", scale: m * meanSpend[c] });
  return {
    opts,
    problem,
    meanSpend,
    thetaGrid: {
      theta: opts.thetaGrid,
      saturation: Object.fromEntries(R.media.map((c) => [c, [log1p(c, 1)]])),
      alpha: opts.alphaGrid,
    },
    scaleGrid: (theta) => ({
      theta: Object.fromEntries(R.media.map((c) => [c, [theta[c]]])),
      saturation: Object.fromEntries(R.media.map((c) => [c, opts.scaleMultiples.map((m) => log1p(c, m))])),
      alpha: opts.alphaGrid,
    }),
    finish(thetaSearch, scaleSearch, start) {
      const theta = thetaSearch.best.theta;
      const chosen = Object.fromEntries(R.media.map((c) => {
        const spec = scaleSearch.best.saturation[c] as { type: "log1p"; scale: number };
        return [c, { theta: theta[c], scale: spec.scale, scaleMultiple: spec.scale / meanSpend[c] }];
      }));
      return {
        options: opts,
        problem,
        thetaSearch,
        scaleSearch,
        oneStandardError: {
          theta: oneStandardErrorSet(thetaSearch),
          scale: oneStandardErrorSet(scaleSearch),
        },
        chosen,
        meanSpend,
        seconds: (performance.now() - start) / 1000,
      };
    },
  };
}

/**
 * Runs the two-step search (see module doc) on a geo panel with roles `media`, `controls`, `population`.
 *
 * @example
 * const t = searchGeoTransforms(geo);
 * t.chosen.tv_spend; // { theta: 0.6, scale: 29876, scaleMultiple: 2 }
 */
export function searchGeoTransforms(
  ds: Dataset,
  options: GeoSearchOptions = {},
  onProgress?: (step: "theta" | "scale", progress: SearchProgress) => void,
): GeoTransforms {
  const start = performance.now();
  const s = geoSearchSetup(ds, options);
  const thetaSearch = searchTransforms(s.problem, s.thetaGrid, {
    onProgress: onProgress && ((p) => onProgress("theta", p)),
  });
  const scaleSearch = searchTransforms(s.problem, s.scaleGrid(thetaSearch.best.theta), {
    onProgress: onProgress && ((p) => onProgress("scale", p)),
  });
  return s.finish(thetaSearch, scaleSearch, start);
}

/**
 * {@link searchGeoTransforms} yielding to the event loop (`searchTransformsAsync`): the same result, with an
 * awaited progress callback every `yieldEveryMs` (default 200) of work, so a notebook's progress display
 * updates while the search runs.
 *
 * @example
 * const p = await progress("geo-search", "searching…");
 * const t = await searchGeoTransformsAsync(geo, {}, (step, s) => p.update(`${step}: ${s.done} / ${s.total}`));
 */
export async function searchGeoTransformsAsync(
  ds: Dataset,
  options: GeoSearchOptions & { readonly yieldEveryMs?: number } = {},
  onProgress?: (step: "theta" | "scale", progress: SearchProgress) => void | Promise<void>,
): Promise<GeoTransforms> {
  const start = performance.now();
  const s = geoSearchSetup(ds, options);
  const yieldEveryMs = options.yieldEveryMs;
  const thetaSearch = await searchTransformsAsync(s.problem, s.thetaGrid, {
    yieldEveryMs,
    onProgress: onProgress && ((p) => onProgress("theta", p)),
  });
  const scaleSearch = await searchTransformsAsync(s.problem, s.scaleGrid(thetaSearch.best.theta), {
    yieldEveryMs,
    onProgress: onProgress && ((p) => onProgress("scale", p)),
  });
  return s.finish(thetaSearch, scaleSearch, start);
}
