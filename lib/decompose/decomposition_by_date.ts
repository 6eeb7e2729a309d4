/**
 * The modelled target split, date by date, into a baseline and each channel's contribution, summed over geos:
 * the data behind a "contributions over time stacked on the baseline" chart and a contribution waterfall.
 *
 * ```
 * contribution_c,t = Σ_g contribution_c,gt          (counterfactual, contributions.ts)
 * baseline_t       = Σ_g ŷ_gt − Σ_c contribution_c,t (intercept or geo effects, controls, seasonality)
 * ```
 *
 * For a linear model the baseline is everything the model predicts that does not move with media spend; with
 * an intercept (or geo effects) fitted by least squares, `Σ ŷ = Σ y`, so the waterfall ends at the actual total.
 * Robyn's "response decomposition waterfall" and Meridian's "contribution over time" show the same split.
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { contributions } from "./contributions.ts";
import type { GeoOptions, MediaData, MediaModel } from "./media_model.ts";

/** Result of {@link decompositionByDate}. */
export interface DecompositionByDate {
  /** Distinct ISO dates, ascending. */
  readonly dates: readonly string[];
  /** `Σ_g ŷ_gt` per date. */
  readonly fitted: Float64Array;
  /** `fitted − Σ_c contribution_c` per date. */
  readonly baseline: Float64Array;
  /** Contribution per date, by channel name (model order). */
  readonly channels: Readonly<Record<string, Float64Array>>;
  /** Sums over all dates. */
  readonly totals: {
    readonly fitted: number;
    readonly baseline: number;
    readonly channels: Readonly<Record<string, number>>;
  };
}

/**
 * Baseline and channel contributions per date, summed over geos (see the module doc). Linear in rows ×
 * channels.
 *
 * @param model the fitted media model
 * @param ds spend columns, ISO dates and (on a panel) geos, rows as the model was fitted on
 * @param fitted the model's fitted values, one per row of `ds`
 * @param options `geos` (adstock grouping, default `ds.geos`)
 * @throws RangeError when `fitted` or `ds.dates` does not have one value per row
 * @example
 * ```ts ignore
 * const d = decompositionByDate(geo.model.mediaModel, geo.dataset, geo.model.fit.fitted);
 * d.totals.baseline + Object.values(d.totals.channels).reduce((a, b) => a + b, 0); // = d.totals.fitted
 * ```
 */
export function decompositionByDate(
  model: MediaModel,
  ds: MediaData & Pick<Dataset, "dates">,
  fitted: ArrayLike<number>,
  options: GeoOptions = {},
): DecompositionByDate {
  if (fitted.length !== ds.n) throw new RangeError(`${fitted.length} fitted values for ${ds.n} rows`);
  if (ds.dates.length !== ds.n) throw new RangeError(`${ds.dates.length} dates for ${ds.n} rows`);
  const c = contributions(model, ds, options);
  const dates = [...new Set(ds.dates)].sort();
  const index = new Map(dates.map((d, i) => [d, i]));
  const m = dates.length;
  const fit = new Float64Array(m), baseline = new Float64Array(m);
  const channels: Record<string, Float64Array> = {};
  for (const name of c.channels) channels[name] = new Float64Array(m);
  for (let i = 0; i < ds.n; i++) {
    const t = index.get(ds.dates[i])!;
    fit[t] += fitted[i];
    baseline[t] += fitted[i] - c.media[i];
    for (const name of c.channels) channels[name][t] += c.perRow[name][i];
  }
  const sum = (x: Float64Array) => x.reduce((s, v) => s + v, 0);
  return {
    dates,
    fitted: fit,
    baseline,
    channels,
    totals: {
      fitted: sum(fit),
      baseline: sum(baseline),
      channels: Object.fromEntries(c.channels.map((name) => [name, sum(channels[name])])),
    },
  };
}
