/**
 * The transform choice for the geo-panel regression: per-channel geometric carryover θ (applied within each
 * geo) and the scale of the log saturation `log(1 + adstock / scale)`, scored by time-series cross-validation
 * on dates (`panelTimeSeriesSplit`: every geo's week t falls on the same side of a fold).
 *
 * Geo fixed effects enter the search as geo dummies among the fixed columns (a geo's rows train in every fold,
 * so its dummy is always estimable), beside the controls, population and month dummies. A full product grid
 * over θ and scale for five channels is too large (20⁵ candidates), so the search is coordinate-wise: θ first
 * with each scale at the channel's mean spend, then the scale multiples with θ fixed at its choice. Scales are
 * multiples of the mean spend (a property of the inputs, not of the outcome).
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { monthDummies } from "../features/calendar.ts";
import type { SaturationSpec } from "../features/saturation.ts";
import { type SearchProblem, type SearchProgress, searchTransforms, type TransformSearch } from "./search.ts";
import { type OneStandardErrorSet, oneStandardErrorSet } from "./search_profile.ts";
import { panelTimeSeriesSplit } from "./time_series_split.ts";

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
}

/** Result of `searchGeoTransforms`. */
export interface GeoTransforms {
  readonly options: Required<GeoSearchOptions>;
  readonly problem: SearchProblem;
  /** Step 1: θ with scale = mean spend. */
  readonly thetaSearch: TransformSearch;
  /** Step 2: scale multiples with θ fixed. */
  readonly scaleSearch: TransformSearch;
  readonly oneStandardError: { readonly theta: OneStandardErrorSet; readonly scale: OneStandardErrorSet };
  /** Chosen θ and log1p scale (spend units) per media column. */
  readonly chosen: Readonly<Record<string, { theta: number; scale: number; scaleMultiple: number }>>;
  readonly meanSpend: Readonly<Record<string, number>>;
  readonly seconds: number;
}

export const DEFAULT_GEO_THETA_GRID: readonly number[] = [0, 0.2, 0.4, 0.6, 0.8];
export const DEFAULT_SCALE_MULTIPLES: readonly number[] = [0.5, 1, 2, 4];

/**
 * The fixed (always-in) columns of the geo model: controls, population, month dummies and geo dummies
 * (first geo dropped).
 *
 * @example
 * Object.keys(geoFixedColumns(geo)).length; // 2 controls + population + 11 months + 39 geos
 */
export function geoFixedColumns(ds: Dataset): Record<string, Float64Array> {
  if (!ds.geos) throw new RangeError(`${ds.source} is not a geo panel`);
  const R = ds.roles;
  const out: Record<string, Float64Array> = {};
  for (const c of R.controls) out[c] = ds.columns[c];
  if (R.population) out[R.population] = ds.columns[R.population];
  Object.assign(out, monthDummies(ds.dates));
  const geos = [...new Set(ds.geos)];
  for (const g of geos.slice(1)) out[`geo[${g}]`] = Float64Array.from(ds.geos, (x) => (x === g ? 1 : 0));
  return out;
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
  if (!ds.geos) throw new RangeError(`${ds.source} is not a geo panel`);
  const R = ds.roles;
  if (R.media.length === 0) throw new RangeError(`${ds.source}: no media columns (roles.media)`);
  const opts: Required<GeoSearchOptions> = {
    thetaGrid: options.thetaGrid ?? DEFAULT_GEO_THETA_GRID,
    scaleMultiples: options.scaleMultiples ?? DEFAULT_SCALE_MULTIPLES,
    folds: options.folds ?? 5,
    alphaGrid: options.alphaGrid ?? [0],
    minTrainSize: options.minTrainSize ?? 52,
  };
  const start = performance.now();
  const meanSpend = Object.fromEntries(
    R.media.map((c) => [c, ds.columns[c].reduce((a, b) => a + b, 0) / ds.n]),
  );
  const problem: SearchProblem = {
    y: ds.columns[R.target],
    fixed: geoFixedColumns(ds),
    channels: Object.fromEntries(R.media.map((c) => [c, ds.columns[c]])),
    folds: panelTimeSeriesSplit(ds.dates, { nSplits: opts.folds, minTrainSize: opts.minTrainSize }),
    groups: ds.geos,
  };
  const log1p = (c: string, m: number): SaturationSpec => ({ type: "log1p", scale: m * meanSpend[c] });
  const thetaSearch = searchTransforms(problem, {
    theta: opts.thetaGrid,
    saturation: Object.fromEntries(R.media.map((c) => [c, [log1p(c, 1)]])),
    alpha: opts.alphaGrid,
  }, { onProgress: onProgress && ((p) => onProgress("theta", p)) });
  const theta = thetaSearch.best.theta;
  const scaleSearch = searchTransforms(problem, {
    theta: Object.fromEntries(R.media.map((c) => [c, [theta[c]]])),
    saturation: Object.fromEntries(R.media.map((c) => [c, opts.scaleMultiples.map((m) => log1p(c, m))])),
    alpha: opts.alphaGrid,
  }, { onProgress: onProgress && ((p) => onProgress("scale", p)) });
  const chosen = Object.fromEntries(R.media.map((c) => {
    const spec = scaleSearch.best.saturation[c] as { type: "log1p"; scale: number };
    return [c, { theta: theta[c], scale: spec.scale, scaleMultiple: spec.scale / meanSpend[c] }];
  }));
  return {
    options: opts,
    problem,
    thetaSearch,
    scaleSearch,
    oneStandardError: { theta: oneStandardErrorSet(thetaSearch), scale: oneStandardErrorSet(scaleSearch) },
    chosen,
    meanSpend,
    seconds: (performance.now() - start) / 1000,
  };
}
