/**
 * The transform choice for the geo-panel regression: per-channel geometric carryover θ (applied within each
 * geo) and the scale `s` of the log saturation `log(1 + adstock / s)`, scored by time-series cross-validation
 * on dates (`panelTimeSeriesSplit`: every geo's week t falls on the same side of a fold), with geo fixed
 * effects absorbed by the within transformation on each fold's training rows (`geo_cv_moments.ts`).
 *
 * **Families.** θ on `0, 0.1, …, 0.9`; the scale on a grid that spans raw spend units to several multiples of
 * mean spend: `s = 1` exactly (log1p of the raw adstock, the design's own specification
 * `log1p(geometric adstock)`), and `s = m × mean spend` for `m` in 10⁻⁴, 3·10⁻⁴, 10⁻³, 3·10⁻³, 0.01, 0.03 and
 * then steps of √2 from 0.1 to 4.5 (`DEFAULT_SCALE_MULTIPLES`; a multiple within 5% of `s = 1` is left out as a
 * duplicate). Small `s`
 * makes the curve `≈ log(adstock) − log s`, a pure log response; large `s` makes it nearly linear. Scales are
 * properties of the inputs (mean spend), never of the outcome.
 *
 * **Search: θ and s jointly per channel, channels coordinate-wise.** Each channel's (θ, s) pairs (10 × 13 =
 * 130) are scored together with the other channels held at their current choice; channels are visited in
 * turn, and full passes repeat until one changes nothing (at most `maxPasses`, default 6). The result is a
 * coordinate-wise optimum of the joint problem: no channel can lower the CV score by changing its (θ, s).
 * The full product (190⁵ ≈ 2.5 · 10¹¹ candidates for five channels) is out of reach; a test on a synthetic
 * panel with known θ and s checks that the coordinate search finds the exhaustive product optimum. It starts
 * every channel at θ = 0.5, `s` = mean spend, and is the same procedure the bootstrap repeats in every
 * replicate (`geo_bootstrap.ts`).
 *
 * How folds and seasonality adapt to the panel's length is {@link geoPanelPlan}.
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { geometricAdstockInto } from "../features/adstock.ts";
import { calendarFeatures } from "../features/calendar.ts";
import { groupRanges } from "../features/panel.ts";
import {
  coordinateSearch,
  type CoordinateSearchResult,
  coordinateSearchSteps,
  GeoCvMoments,
} from "./geo_cv_moments.ts";
import { type Fold, panelTimeSeriesSplit } from "./time_series_split.ts";

export {
  coordinateSearch,
  type CoordinateSearchProgress,
  type CoordinateSearchResult,
  coordinateSearchSteps,
  type CvScore,
  type GeoCvLayout,
  GeoCvMoments,
} from "./geo_cv_moments.ts";
export * from "./geo_bootstrap.ts";
export * from "./cross_section_dependence.ts";

/** Seasonality terms of the geo model. */
export type GeoSeasonality = "month_dummies" | "fourier" | "none";

/** Grids and folds of the geo transform search. */
export interface GeoSearchOptions {
  /** Carryover candidates in [0, 1) (default `DEFAULT_GEO_THETA_GRID`). */
  readonly thetaGrid?: readonly number[];
  /** log1p scale candidates as multiples of each channel's mean spend (default `DEFAULT_SCALE_MULTIPLES`). */
  readonly scaleMultiples?: readonly number[];
  /** Also try `s = 1` spend unit, the log1p of the raw adstock (default true). */
  readonly rawScale?: boolean;
  readonly folds?: number;
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
  /** Most full passes of the coordinate search (default 6). */
  readonly maxPasses?: number;
  /** Weeks per block of the week-block bootstrap cells (default {@link geoBlockWeeks}). */
  readonly blockWeeks?: number;
}

/** One (θ, s) option of a channel. */
export interface GeoTransformOption {
  readonly theta: number;
  /** log1p scale in spend units. */
  readonly scale: number;
  /** `scale / mean spend`. */
  readonly scaleMultiple: number;
  /** True for `s = 1` spend unit (log1p of the raw adstock). */
  readonly raw: boolean;
}

/** The CV score of every option of a channel, the other channels at their final choice. */
export interface GeoTransformProfile {
  readonly options: readonly GeoTransformOption[];
  /** Mean test RMSE per option (NaN where a fold's fit was singular). */
  readonly rmse: Float64Array;
}

/** Result of {@link searchGeoTransforms}. */
export interface GeoTransforms {
  readonly options: {
    readonly thetaGrid: readonly number[];
    readonly scaleMultiples: readonly number[];
    readonly rawScale: boolean;
    readonly folds: number;
    readonly minTrainSize: number;
    readonly testSize?: number;
    readonly seasonality: GeoSeasonality;
    readonly controls: readonly string[];
    readonly maxPasses: number;
    readonly blockWeeks: number;
  };
  /** The folds used (row indices). */
  readonly folds: readonly Fold[];
  /** Folds kept (those training on at least `minTrainSize` weeks). */
  readonly nFolds: number;
  /** Chosen θ and log1p scale (spend units) per media column. */
  readonly chosen: Readonly<
    Record<string, { theta: number; scale: number; scaleMultiple: number; raw: boolean }>
  >;
  readonly meanSpend: Readonly<Record<string, number>>;
  /** Mean test RMSE of the chosen transforms, and its fold-to-fold standard error (sd / √folds). */
  readonly rmse: number;
  readonly rmseSe: number;
  /** Mean within-geo test R² of the chosen transforms is `crossValidatePanel`'s; here the score only. */
  readonly passes: number;
  readonly converged: boolean;
  /** Candidates scored. */
  readonly evaluated: number;
  /** Per channel: every (θ, s) option's score with the other channels at their choice. */
  readonly profiles: Readonly<Record<string, GeoTransformProfile>>;
  /** Per channel: the range of θ whose best score (over s) is within one standard error of the best. */
  readonly thetaWithinOneSe: Readonly<Record<string, { readonly min: number; readonly max: number }>>;
  /** Wall-clock seconds (for logs; keep it out of notebook output, which must not differ between runs). */
  readonly seconds: number;
}

/** Carryover candidates of the geo search. */
export const DEFAULT_GEO_THETA_GRID: readonly number[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
/**
 * log1p scale candidates, multiples of mean spend: half-decade steps from 10⁻⁴ to 0.03 (where the curve is
 * close to a pure log and the scale matters little), then steps of √2 from 0.1 to 4.5 (where the curvature over
 * the observed spend changes most).
 */
export const DEFAULT_SCALE_MULTIPLES: readonly number[] = [
  1e-4,
  3e-4,
  1e-3,
  3e-3,
  0.01,
  0.03,
  0.1,
  0.14,
  0.2,
  0.28,
  0.4,
  0.57,
  0.8,
  1.13,
  1.6,
  2.26,
  3.2,
  4.5,
];

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

/**
 * Everything the search and the bootstrap share: the moments engine holding every candidate column, the
 * option grids, folds, and where each row sits (geo, week, week block). Built once by
 * {@link prepareGeoSearch}; plain data apart from the engine.
 */
export interface GeoSearchContext {
  readonly cv: GeoCvMoments;
  readonly channels: readonly string[];
  readonly fixedNames: readonly string[];
  readonly fixedIds: readonly number[];
  /** Per channel (in `channels` order): its options, θ-major, and their column ids in the engine. */
  readonly optionList: readonly (readonly GeoTransformOption[])[];
  readonly optionIds: readonly (readonly number[])[];
  /** Per channel: the starting option (θ = 0.5, s = mean spend, or the nearest on the grids). */
  readonly start: Int32Array;
  readonly folds: readonly Fold[];
  readonly opts: GeoTransforms["options"];
  readonly meanSpend: Readonly<Record<string, number>>;
  /** Geo code of each row (index into `geoLevels`), week index (into the sorted dates), week block. */
  readonly geoCodes: Int32Array;
  readonly geoLevels: readonly string[];
  readonly weekIndex: Int32Array;
  readonly weeks: number;
  readonly blockOfRow: Int32Array;
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

/** Progress of the geo search: full passes and channel steps. */
export interface GeoSearchProgress {
  readonly pass: number;
  readonly channel: string;
  /** Candidates scored so far. */
  readonly evaluated: number;
}

/**
 * Runs the search of the module doc on the context's current outcome (the data after
 * {@link prepareGeoSearch}; a bootstrap replicate's outcome in `geo_bootstrap.ts`).
 */
export function runGeoSearch(ctx: GeoSearchContext): CoordinateSearchResult {
  return coordinateSearch(ctx.cv, ctx.fixedIds, ctx.optionIds, ctx.start, ctx.opts.maxPasses);
}

/**
 * Runs the search on a geo panel with roles `media`, `controls`, `population` (see the module doc).
 *
 * @example
 * ```ts ignore
 * const t = searchGeoTransforms(geo);
 * t.chosen.tv_spend; // { theta: 0.6, scale: 40000, scaleMultiple: 2.68, raw: false } (say)
 * ```
 */
export function searchGeoTransforms(ds: Dataset, options: GeoSearchOptions = {}): GeoTransforms {
  const t0 = performance.now();
  const ctx = prepareGeoSearch(ds, options);
  ctx.cv.setOutcome(ctx.y);
  return geoTransformsResult(ctx, runGeoSearch(ctx), t0);
}

/**
 * {@link searchGeoTransforms} yielding to the event loop: the same result, with an awaited progress callback
 * (and a macrotask) every `yieldEveryMs` (default 200) of work, so a notebook's progress display updates
 * while the search runs. `context` receives the search context (for a bootstrap that reuses it).
 *
 * @example
 * ```ts ignore
 * const p = await progress("geo-search", "searching…");
 * const t = await searchGeoTransformsAsync(geo, {}, (s) => p.update(`pass ${s.pass + 1}: ${s.channel}`));
 * ```
 */
export async function searchGeoTransformsAsync(
  ds: Dataset,
  options: GeoSearchOptions & { readonly yieldEveryMs?: number } = {},
  onProgress?: (progress: GeoSearchProgress) => void | Promise<void>,
  context?: (ctx: GeoSearchContext) => void,
): Promise<GeoTransforms> {
  const t0 = performance.now();
  const every = options.yieldEveryMs ?? 200;
  const ctx = prepareGeoSearch(ds, options);
  context?.(ctx);
  ctx.cv.setOutcome(ctx.y);
  const run = coordinateSearchSteps(ctx.cv, ctx.fixedIds, ctx.optionIds, ctx.start, ctx.opts.maxPasses);
  let last = performance.now();
  for (;;) {
    const step = run.next();
    if (step.done) return geoTransformsResult(ctx, step.value, t0);
    if (performance.now() - last >= every) {
      await onProgress?.({ ...step.value, channel: ctx.channels[step.value.channel] });
      await new Promise((resolve) => setTimeout(resolve, 0));
      last = performance.now();
    }
  }
}

/** The plain result of a search on the data. */
export function geoTransformsResult(
  ctx: GeoSearchContext,
  result: CoordinateSearchResult,
  t0 = performance.now(),
): GeoTransforms {
  const ids = [...ctx.fixedIds, ...ctx.optionIds.map((o, c) => o[result.chosen[c]])];
  const score = ctx.cv.score(ids);
  const F = score.foldRmse.length;
  let m = 0;
  for (const r of score.foldRmse) m += r / F;
  let ss = 0;
  for (const r of score.foldRmse) ss += (r - m) ** 2;
  const se = F > 1 ? Math.sqrt(ss / (F - 1) / F) : NaN;
  const chosen = Object.fromEntries(ctx.channels.map((c, ci) => {
    const o = ctx.optionList[ci][result.chosen[ci]];
    return [c, { theta: o.theta, scale: o.scale, scaleMultiple: o.scaleMultiple, raw: o.raw }];
  }));
  const profiles = Object.fromEntries(
    ctx.channels.map((c, ci) => [c, { options: ctx.optionList[ci], rmse: result.profiles[ci] }]),
  );
  const thetaWithinOneSe = Object.fromEntries(ctx.channels.map((c, ci) => {
    const best = new Map<number, number>();
    ctx.optionList[ci].forEach((o, i) => {
      const v = result.profiles[ci][i];
      if (Number.isFinite(v) && !(best.get(o.theta)! <= v)) best.set(o.theta, v);
    });
    const ok = [...best].filter(([, v]) => v <= result.rmse + (Number.isFinite(se) ? se : 0)).map(([t]) => t);
    return [c, { min: Math.min(...ok), max: Math.max(...ok) }];
  }));
  return {
    options: ctx.opts,
    folds: ctx.folds,
    nFolds: ctx.folds.length,
    chosen,
    meanSpend: ctx.meanSpend,
    rmse: result.rmse,
    rmseSe: se,
    passes: result.passes,
    converged: result.converged,
    evaluated: result.evaluated,
    profiles,
    thetaWithinOneSe,
    seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * The best score at each θ of one channel's profile (the minimum over scales), for a chart.
 *
 * @example
 * ```ts ignore
 * thetaProfile(t, "tv_spend"); // { theta: [0, 0.1, …], rmse: [...] }
 * ```
 */
export function thetaProfile(t: GeoTransforms, channel: string): { theta: number[]; rmse: number[] } {
  const p = t.profiles[channel];
  if (!p) throw new RangeError(`"${channel}" is not a channel of this search`);
  const best = new Map<number, number>();
  p.options.forEach((o, i) => {
    const v = p.rmse[i];
    if (Number.isFinite(v) && !(best.get(o.theta)! <= v)) best.set(o.theta, v);
  });
  const theta = [...best.keys()].sort((a, b) => a - b);
  return { theta, rmse: theta.map((x) => best.get(x)!) };
}
