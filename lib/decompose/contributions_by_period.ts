/**
 * Spend, contribution and ROI summed over groups of rows: by geo, calendar year, calendar month and channel
 * (any subset, in any order), the per-(geo, year, month, channel) table of a geo report.
 *
 * ```
 * spend_G = Σ_{(t, c) ∈ G} x_{c,t},   contribution_G = Σ_{(t, c) ∈ G} contribution_{c,t},   roi_G = contribution_G / spend_G
 * ```
 *
 * Contributions are the counterfactual ones of `contributions.ts`. A row belongs to the year and month of its
 * date (the week's start for the bundled weekly data); a week that spans two months is not split. Keys left out
 * of `by` are summed over, so `by: ["channel"]` gives the overall totals and `by: ["geo", "year", "month"]` the
 * total media contribution per geo and month. Summing a period's ROI rows does not give an overall ROI: divide
 * the summed contribution by the summed spend.
 *
 * Carryover moves contribution in time: a flight that ends in March still contributes in April, so a month
 * can show a contribution without spend. Its ROI (contribution in the period / spend in the period) is then
 * `NaN`; period ROIs compare months loosely, the overall ROI is the accountable figure.
 *
 * @module
 */

import type { Dataset } from "../data/types.ts";
import { parseIsoDate } from "../features/calendar.ts";
import { contributions } from "./contributions.ts";
import type { GeoOptions, MediaData, MediaModel } from "./media_model.ts";

/** A grouping key of {@link contributionsByPeriod}. */
export type PeriodKey = "geo" | "year" | "month" | "channel";

/** Options of {@link contributionsByPeriod}. */
export interface ContributionsByPeriodOptions extends GeoOptions {
  /** Keys to group by, in the order of the output columns and sort (default `["geo", "year", "month", "channel"]`). */
  readonly by?: readonly PeriodKey[];
}

/** One group's totals. Only the keys in `by` are set. */
export interface PeriodContribution {
  /** The group's geo (set when `by` has `"geo"`; rows without geos have none). */
  readonly geo?: string;
  /** Calendar year of the rows' dates (the week's start for weekly data), when `by` has `"year"`. */
  readonly year?: number;
  /** Calendar month of the rows' dates, 1..12, when `by` has `"month"`. */
  readonly month?: number;
  /** The channel's name, when `by` has `"channel"` (otherwise the totals sum every channel). */
  readonly channel?: string;
  /** Spend summed over the group's rows (and channels). */
  readonly spend: number;
  /** Contribution summed over the group's rows (and channels). */
  readonly contribution: number;
  /** `contribution / spend` (`NaN` when the group has no spend). */
  readonly roi: number;
}

const ALL_KEYS: readonly PeriodKey[] = ["geo", "year", "month", "channel"];

/**
 * Totals of spend and contribution by any of geo, year, month and channel (see the module doc). Rows come out
 * sorted by the keys in `by` order: geos and channels in order of first appearance (model order for
 * channels), years and months ascending. Linear in rows × channels.
 *
 * @param model a fitted media model
 * @param ds spend columns, dates (ISO) and, to group by geo, geos
 * @param options `by` (default all four keys), `geos` (adstock grouping, default `ds.geos`)
 * @throws RangeError for an unknown or repeated key, or `"geo"` without geo keys
 * @example
 * ```ts ignore
 * contributionsByPeriod(model, ds, { by: ["geo", "year", "month", "channel"] });
 * // [{ geo: "geo_01", year: 2022, month: 1, channel: "tv", spend: 91234.5, contribution: 201456.7, roi: 2.21 }, …]
 * ```
 */
export function contributionsByPeriod(
  model: MediaModel,
  ds: MediaData & Pick<Dataset, "dates">,
  options: ContributionsByPeriodOptions = {},
): PeriodContribution[] {
  const by = options.by ?? ALL_KEYS;
  const seen = new Set<PeriodKey>();
  for (const k of by) {
    if (!ALL_KEYS.includes(k)) {
      throw new RangeError(
        `unknown grouping key ${JSON.stringify(k)}; expected some of ${ALL_KEYS.join(", ")}`,
      );
    }
    if (seen.has(k)) throw new RangeError(`grouping key "${k}" is given twice`);
    seen.add(k);
  }
  if (ds.dates.length !== ds.n) throw new RangeError(`dataset has ${ds.dates.length} dates for ${ds.n} rows`);
  const geoKeys = options.geos === null ? ds.geos : options.geos ?? ds.geos;
  if (seen.has("geo") && !geoKeys) {
    throw new RangeError(`cannot group by "geo": the data has no geo keys (a single national series)`);
  }

  const contrib = contributions(model, ds, options);
  const channels = contrib.channels;
  const nc = channels.length;

  // Row key (geo, year, month) → row-group index; dates parsed once per distinct date.
  const useGeo = seen.has("geo"), useYear = seen.has("year"), useMonth = seen.has("month");
  const byChannel = seen.has("channel");
  const dateCache = new Map<string, { year: number; month: number }>();
  const groupOf = new Int32Array(ds.n);
  const groupIndex = new Map<string, number>();
  const groupParts: { geo: string; year: number; month: number }[] = [];
  const geoOrder = new Map<string, number>();
  for (let t = 0; t < ds.n; t++) {
    let ym = dateCache.get(ds.dates[t]);
    if (!ym) {
      const d = parseIsoDate(ds.dates[t]);
      ym = { year: d.year, month: d.month };
      dateCache.set(ds.dates[t], ym);
    }
    const geo = useGeo ? geoKeys![t] : "";
    if (useGeo && !geoOrder.has(geo)) geoOrder.set(geo, geoOrder.size);
    const year = useYear ? ym.year : 0, month = useMonth ? ym.month : 0;
    const key = `${geo}\u0000${year}\u0000${month}`;
    let g = groupIndex.get(key);
    if (g === undefined) {
      g = groupParts.length;
      groupIndex.set(key, g);
      groupParts.push({ geo, year, month });
    }
    groupOf[t] = g;
  }

  const ng = groupParts.length;
  const spend = new Float64Array(ng * nc), contribution = new Float64Array(ng * nc);
  for (let j = 0; j < nc; j++) {
    const x = ds.columns[model.channels[j].column];
    const r = contrib.perRow[channels[j]];
    for (let t = 0; t < ds.n; t++) {
      const cell = groupOf[t] * nc + j;
      spend[cell] += x[t];
      contribution[cell] += r[t];
    }
  }

  const rows: { g: number; j: number }[] = [];
  for (let g = 0; g < ng; g++) {
    if (byChannel) { for (let j = 0; j < nc; j++) rows.push({ g, j }); }
    else rows.push({ g, j: -1 });
  }
  rows.sort((a, b) => {
    const pa = groupParts[a.g], pb = groupParts[b.g];
    for (const k of by) {
      const d = k === "geo"
        ? geoOrder.get(pa.geo)! - geoOrder.get(pb.geo)!
        : k === "year"
        ? pa.year - pb.year
        : k === "month"
        ? pa.month - pb.month
        : a.j - b.j;
      if (d !== 0) return d;
    }
    return 0;
  });

  return rows.map(({ g, j }) => {
    let s = 0, c = 0;
    if (j >= 0) {
      s = spend[g * nc + j];
      c = contribution[g * nc + j];
    } else {
      for (let q = 0; q < nc; q++) {
        s += spend[g * nc + q];
        c += contribution[g * nc + q];
      }
    }
    const p = groupParts[g];
    const row: Record<string, string | number> = {};
    for (const k of by) {
      if (k === "geo") row.geo = p.geo;
      else if (k === "year") row.year = p.year;
      else if (k === "month") row.month = p.month;
      else row.channel = channels[j];
    }
    return { ...row, spend: s, contribution: c, roi: s > 0 ? c / s : NaN } as PeriodContribution;
  });
}

/**
 * Pivots `contributionsByPeriod(…, { by: ["year", "month", "channel"] })` rows into one series per channel over
 * months, dated by each month's first day (ISO), months ascending; a month without a row for a channel is NaN.
 *
 * @example
 * ```ts ignore
 * const m = monthlyContributionSeries(contributionsByPeriod(model, ds, { by: ["year", "month", "channel"] }));
 * timeSeriesChart(m.dates, m.series);
 * ```
 */
export function monthlyContributionSeries(
  rows: readonly PeriodContribution[],
): { dates: string[]; series: Record<string, Float64Array> } {
  const key = (r: PeriodContribution) => {
    if (r.year === undefined || r.month === undefined || r.channel === undefined) {
      throw new RangeError("rows must be grouped by year, month and channel");
    }
    return `${r.year}-${String(r.month).padStart(2, "0")}-01`;
  };
  const dates = [...new Set(rows.map(key))].sort();
  const index = new Map(dates.map((d, i) => [d, i]));
  const series: Record<string, Float64Array> = {};
  for (const r of rows) {
    const s = series[r.channel!] ??= new Float64Array(dates.length).fill(NaN);
    s[index.get(key(r))!] = r.contribution;
  }
  return { dates, series };
}
