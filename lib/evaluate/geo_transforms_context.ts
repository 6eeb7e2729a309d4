/**
 * The geo search context: every candidate column (each channel adstocked within geo at every θ and saturated
 * at every scale) added once to a {@link GeoCvMoments} engine, with the folds, grids and where each row sits
 * (geo, week, week block). The search on the data and every bootstrap replicate share it
 * (`geo_transforms.ts` re-exports every name).
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { geometricAdstockInto } from "../features/adstock.ts";
import { groupRanges } from "../features/panel.ts";
import { GeoCvMoments } from "./geo_cv_moments.ts";
import { geoBlockWeeks, geoFixedColumns } from "./geo_transforms_plan.ts";
import {
  DEFAULT_GEO_THETA_GRID,
  DEFAULT_SCALE_MULTIPLES,
  type GeoSearchOptions,
  type GeoTransformOption,
  type GeoTransforms,
} from "./geo_transforms_types.ts";
import { type Fold, panelTimeSeriesSplit } from "./time_series_split.ts";

/**
 * Everything the search and the bootstrap share: the moments engine holding every candidate column, the
 * option grids, folds, and where each row sits (geo, week, week block). Built once by
 * {@link prepareGeoSearch}; plain data apart from the engine.
 */
export interface GeoSearchContext {
  /** The moments engine: fixed columns first, then every channel's option columns; cells are (geo, block). */
  readonly cv: GeoCvMoments;
  /** The media columns searched (the roles' `media`, in order). */
  readonly channels: readonly string[];
  /** Names of the fixed columns (controls, then seasonality terms), in engine order. */
  readonly fixedNames: readonly string[];
  /** Engine column ids of the fixed columns, in `fixedNames` order (declared fixed in the engine). */
  readonly fixedIds: readonly number[];
  /** Per channel (in `channels` order): its options, θ-major, and their column ids in the engine. */
  readonly optionList: readonly (readonly GeoTransformOption[])[];
  /** Per channel: the engine column id of each option in `optionList`, same order. */
  readonly optionIds: readonly (readonly number[])[];
  /** Per channel: the starting option (θ = 0.5, s = mean spend, or the nearest on the grids). */
  readonly start: Int32Array;
  /** The cross-validation folds on dates (row indices), folds training on under `minTrainSize` weeks dropped. */
  readonly folds: readonly Fold[];
  /** The options as used, defaults filled in. */
  readonly opts: GeoTransforms["options"];
  /** Mean spend per row of each media column, in spend units. */
  readonly meanSpend: Readonly<Record<string, number>>;
  /** Geo code of each row (index into `geoLevels`), week index (into the sorted dates), week block. */
  readonly geoCodes: Int32Array;
  /** Geo keys in order of first appearance; `geoCodes` index into it. */
  readonly geoLevels: readonly string[];
  /** Per row: the index of its date among the panel's sorted distinct dates. */
  readonly weekIndex: Int32Array;
  /** Distinct dates (weeks) of the panel. */
  readonly weeks: number;
  /** Per row: its week block, `⌊weekIndex / blockWeeks⌋`. */
  readonly blockOfRow: Int32Array;
  /** Week blocks, `⌈weeks / blockWeeks⌉`; a bootstrap cell is (geo, block), `geo · nBlocks + block`. */
  readonly nBlocks: number;
  /** The outcome column of the dataset. */
  readonly y: Float64Array;
}

/**
 * Builds the search context: adstocks every channel within each geo at every θ, saturates at every scale, and
 * adds each column to a {@link GeoCvMoments} engine whose cells are (geo, block of weeks), so that the same
 * engine serves a bootstrap by geo or by week block.
 *
 * @example
 * ```ts ignore
 * const ctx = prepareGeoSearch(geo);
 * ctx.optionList[0].length; // 190 (10 θ × 19 scales)
 * ```
 */
export function prepareGeoSearch(ds: Dataset, options: GeoSearchOptions = {}): GeoSearchContext {
  if (!ds.geos) throw new RangeError(`${ds.source} is not a geo panel`);
  const R = ds.roles;
  if (R.media.length === 0) throw new RangeError(`${ds.source}: no media columns (roles.media)`);
  const dates = [...new Set(ds.dates)].sort();
  const opts: GeoTransforms["options"] = {
    thetaGrid: options.thetaGrid ?? DEFAULT_GEO_THETA_GRID,
    scaleMultiples: options.scaleMultiples ?? DEFAULT_SCALE_MULTIPLES,
    rawScale: options.rawScale ?? true,
    folds: options.folds ?? 5,
    minTrainSize: options.minTrainSize ?? 52,
    ...(options.testSize !== undefined ? { testSize: options.testSize } : {}),
    seasonality: options.seasonality ?? "month_dummies",
    controls: options.controls ?? [...R.controls, ...(R.population ? [R.population] : [])],
    maxPasses: options.maxPasses ?? 6,
    blockWeeks: options.blockWeeks ?? geoBlockWeeks(dates.length),
  };
  for (const t of opts.thetaGrid) {
    if (!(t >= 0 && t < 1)) throw new RangeError(`theta ${t} is outside [0, 1)`);
  }
  for (const m of opts.scaleMultiples) {
    if (!(m > 0 && Number.isFinite(m))) throw new RangeError(`scale multiple ${m} must be finite and > 0`);
  }
  if (opts.thetaGrid.length === 0 || (opts.scaleMultiples.length === 0 && !opts.rawScale)) {
    throw new RangeError("the θ and scale grids must not be empty");
  }
  if (!(Number.isInteger(opts.blockWeeks) && opts.blockWeeks >= 1)) {
    throw new RangeError(`blockWeeks must be an integer >= 1, got ${opts.blockWeeks}`);
  }
  const n = ds.n;
  const meanSpend = Object.fromEntries(R.media.map((c) => [c, ds.columns[c].reduce((a, b) => a + b, 0) / n]));
  for (const c of R.media) {
    if (!(meanSpend[c] > 0)) {
      throw new RangeError(`${ds.source}: media column "${c}" has no spend; drop it before the search`);
    }
  }
  const folds = panelTimeSeriesSplit(ds.dates, {
    nSplits: opts.folds,
    minTrainSize: opts.minTrainSize,
    ...(opts.testSize !== undefined ? { testSize: opts.testSize } : {}),
  });
  const geoIndex = new Map<string, number>();
  const geoCodes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let g = geoIndex.get(ds.geos[i]);
    if (g === undefined) geoIndex.set(ds.geos[i], g = geoIndex.size);
    geoCodes[i] = g;
  }
  const G = geoIndex.size;
  const dateIndex = new Map(dates.map((d, t) => [d, t]));
  const weekIndex = Int32Array.from(ds.dates, (d) => dateIndex.get(d)!);
  const nBlocks = Math.ceil(dates.length / opts.blockWeeks);
  const blockOfRow = Int32Array.from(weekIndex, (t) => Math.floor(t / opts.blockWeeks));
  const cellCodes = Int32Array.from({ length: n }, (_, i) => geoCodes[i] * nBlocks + blockOfRow[i]);
  const cv = new GeoCvMoments({ geoCodes, nGeos: G, folds, cellCodes, nCells: G * nBlocks });
  const fixed = geoFixedColumns(ds, { controls: opts.controls, seasonality: opts.seasonality });
  const fixedNames = Object.keys(fixed);
  const fixedIds = fixedNames.map((c) => cv.addColumn(fixed[c]));
  cv.setFixed(fixedIds);
  const ranges = groupRanges(ds.geos);
  const adstocked = new Float64Array(n);
  const optionList: GeoTransformOption[][] = [];
  const optionIds: number[][] = [];
  const start = new Int32Array(R.media.length);
  R.media.forEach((c, ci) => {
    const spend = ds.columns[c];
    const scales: { scale: number; multiple: number; raw: boolean }[] = [];
    if (opts.rawScale) scales.push({ scale: 1, multiple: 1 / meanSpend[c], raw: true });
    for (const m of opts.scaleMultiples) {
      const s = m * meanSpend[c];
      if (opts.rawScale && Math.abs(Math.log(s)) < Math.log(1.05)) continue; // within 5% of s = 1
      scales.push({ scale: s, multiple: m, raw: false });
    }
    scales.sort((a, b) => a.scale - b.scale);
    const list: GeoTransformOption[] = [], ids: number[] = [];
    for (const theta of opts.thetaGrid) {
      for (const r of ranges) {
        geometricAdstockInto(adstocked.subarray(r.start, r.end), spend.subarray(r.start, r.end), theta);
      }
      for (const s of scales) {
        const col = new Float64Array(n);
        for (let i = 0; i < n; i++) col[i] = Math.log1p(adstocked[i] / s.scale);
        list.push({ theta, scale: s.scale, scaleMultiple: s.multiple, raw: s.raw });
        ids.push(cv.addColumn(col));
      }
    }
    start[ci] = nearestOption(list, 0.5, meanSpend[c]);
    optionList.push(list);
    optionIds.push(ids);
  });
  return {
    cv,
    channels: R.media,
    fixedNames,
    fixedIds,
    optionList,
    optionIds,
    start,
    folds,
    opts,
    meanSpend,
    geoCodes,
    geoLevels: [...geoIndex.keys()],
    weekIndex,
    weeks: dates.length,
    blockOfRow,
    nBlocks,
    y: ds.columns[R.target],
  };
}

/** The option closest to (θ, s) (θ first, then log scale). */
function nearestOption(list: readonly GeoTransformOption[], theta: number, scale: number): number {
  let best = 0, bestD = Infinity;
  list.forEach((o, i) => {
    const d = Math.abs(o.theta - theta) * 100 + Math.abs(Math.log(o.scale / scale));
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}
