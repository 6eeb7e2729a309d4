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
import { coordinateSearch, type CoordinateSearchResult, coordinateSearchSteps } from "./geo_cv_moments.ts";
import { type GeoSearchContext, prepareGeoSearch } from "./geo_transforms_context.ts";
import type { GeoSearchOptions, GeoTransforms } from "./geo_transforms_types.ts";

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
export type {
  GeoSearchOptions,
  GeoSeasonality,
  GeoTransformOption,
  GeoTransformProfile,
  GeoTransforms,
} from "./geo_transforms_types.ts";
export { DEFAULT_GEO_THETA_GRID, DEFAULT_SCALE_MULTIPLES } from "./geo_transforms_types.ts";
export {
  geoBlockWeeks,
  geoFixedColumns,
  type GeoPanelPlan,
  geoPanelPlan,
  geoSeasonalityColumns,
} from "./geo_transforms_plan.ts";
export { type GeoSearchContext, prepareGeoSearch } from "./geo_transforms_context.ts";

/** Progress of the geo search: full passes and channel steps. */
export interface GeoSearchProgress {
  /** Full pass over the channels, from 0. */
  readonly pass: number;
  /** The channel whose options were just scored. */
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
