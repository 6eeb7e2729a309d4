/**
 * Exploratory summaries of a `Dataset`: column profiles with roles, zero-spend runs, spend shares,
 * seasonal profiles, the promotion contrast and a per-geo profile of a panel.
 * Descriptive only: nothing here is a causal estimate (the models in later notebooks are).
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { column, roleOf } from "../data/mod.ts";
import { type ColumnSummary, describe, groupMeans } from "../stats/describe.ts";
import { type WelchResult, welchTTest } from "../stats/welch.ts";
import { isoWeek } from "../features/calendar.ts";

/** A column's summary with the role it plays. */
export interface ColumnProfile extends ColumnSummary {
  /** The column's header name in the input file. */
  readonly column: string;
  /** The role(s) it plays in words (`roleOf`, e.g. `"target"`, `"social"`), or `"unused"` when no role names it. */
  readonly role: string;
}

/**
 * `describe` for every numeric column of a dataset, with its role (or "unused").
 *
 * @example
 * ```ts ignore
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(profileColumns(weekly).find((p) => p.column === "revenue")?.role, "target", 1e-9);
 * ```
 */
export function profileColumns(ds: Dataset): ColumnProfile[] {
  return Object.keys(ds.columns).map((name) => ({
    column: name,
    role: roleOf(ds.roles, name) ?? "unused",
    ...describe(ds.columns[name]),
  }));
}

/** A column's profile as a table row: the statistics notebook 01 shows, without the quartiles and sum. */
export interface ProfileRow {
  /** The column's header name. */
  readonly column: string;
  /** The role(s) it plays in words, or `"unused"`. */
  readonly role: string;
  /** Non-missing entries. */
  readonly count: number;
  /** Missing (NaN) entries. */
  readonly missing: number;
  /** Mean of the non-missing entries; NaN when there are none. */
  readonly mean: number;
  /** Sample standard deviation (ddof = 1); NaN below two entries. */
  readonly sd: number;
  /** Smallest entry; NaN when there are none. */
  readonly min: number;
  /** Median; NaN when there are none. */
  readonly median: number;
  /** Largest entry; NaN when there are none. */
  readonly max: number;
  /** Entries exactly zero (weeks a spend channel was dark). */
  readonly zeros: number;
}

/**
 * `profileColumns` as table rows: column, role, count, missing, mean, sd, min, median, max and zeros.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * import { WEEKLY_ROLES } from "../data/roles.ts";
 * const ds = { source: "x", n: 2, dates: ["2024-01-01", "2024-01-08"], roles: WEEKLY_ROLES, warnings: [],
 *   columns: { revenue: new Float64Array([0, 4]) } };
 * assertClose(profileRows(ds)[0], { column: "revenue", role: "target", count: 2, missing: 0, mean: 2,
 *   sd: Math.SQRT2 * 2, min: 0, median: 2, max: 4, zeros: 1 }, 1e-12);
 * ```
 */
export function profileRows(ds: Dataset): ProfileRow[] {
  return profileColumns(ds).map((p) => ({
    column: p.column,
    role: p.role,
    count: p.count,
    missing: p.missing,
    mean: p.mean,
    sd: p.sd,
    min: p.min,
    median: p.median,
    max: p.max,
    zeros: p.zeros,
  }));
}

/** Zero-spend structure of one series: how many zero weeks, and the runs of consecutive zeros. */
export interface ZeroRuns {
  /** Number of rows exactly zero. */
  readonly zeros: number;
  /** Length in rows of the longest run of consecutive zeros; 0 when there is none. */
  readonly longestRun: number;
  /** Runs as inclusive row ranges. */
  readonly runs: readonly { readonly start: number; readonly end: number }[];
}

/**
 * Runs of exact zeros in a series (rows `start..end` inclusive).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(zeroRuns(new Float64Array([0, 0, 5, 0])), { zeros: 3, longestRun: 2, runs: [{start:0,end:1},{start:3,end:3}] }, 1e-9);
 * ```
 */
export function zeroRuns(x: ArrayLike<number>): ZeroRuns {
  const runs: { start: number; end: number }[] = [];
  let zeros = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== 0) continue;
    zeros++;
    const last = runs[runs.length - 1];
    if (last && last.end === i - 1) last.end = i;
    else runs.push({ start: i, end: i });
  }
  return { zeros, longestRun: Math.max(0, ...runs.map((r) => r.end - r.start + 1)), runs };
}

/** A channel's total spend and its share of the total over the channels given. */
export interface SpendShare {
  /** The channel's spend column. */
  readonly channel: string;
  /** Its spend summed over every row (all weeks, and all geos on a panel), in the column's units. */
  readonly total: number;
  /** `total` over the summed totals of the channels given, in [0, 1]; NaN when they all spent nothing. */
  readonly share: number;
}

/**
 * Total spend per channel and its share of all spend in `channels`.
 *
 * @example
 * ```ts ignore
 * spendShares(weekly, ["facebook_spend", "google_spend"]);
 * ```
 */
export function spendShares(ds: Dataset, channels: readonly string[]): SpendShare[] {
  const totals = channels.map((c) => column(ds, c).reduce((a, b) => a + b, 0));
  const all = totals.reduce((a, b) => a + b, 0);
  return channels.map((channel, i) => ({
    channel,
    total: totals[i],
    share: all > 0 ? totals[i] / all : NaN,
  }));
}

/**
 * The named columns of a dataset as a record (for `correlationMatrix` and friends), checking each exists.
 *
 * @example
 * ```ts ignore
 * correlationMatrix(pickColumns(weekly, ["facebook_spend", "google_spend"]));
 * ```
 */
export function pickColumns(ds: Dataset, names: readonly string[]): Record<string, Float64Array> {
  return Object.fromEntries(names.map((n) => [n, column(ds, n)]));
}

/**
 * Mean of a series by calendar month (1-12) or ISO week of year (1-53), sorted by the period.
 *
 * @example
 * ```ts ignore
 * seasonalProfile(revenue, weekly.dates, "month")[11].mean; // mean December revenue
 * ```
 */
export function seasonalProfile(
  values: ArrayLike<number>,
  dates: readonly string[],
  by: "month" | "weekOfYear",
): { period: number; mean: number; count: number }[] {
  const keys = dates.map((d) => (by === "month" ? Number(d.slice(5, 7)) : isoWeek(d).week));
  return groupMeans(values, keys)
    .map((g) => ({ period: Number(g.key), mean: g.mean, count: g.count }))
    .sort((a, b) => a.period - b.period);
}

/** Outcome in promotion weeks against other weeks (a raw contrast, not a causal lift). */
export interface PromotionContrast extends WelchResult {
  /** Number of weeks with the promotion flag equal to 1 (the Welch test's first sample). */
  readonly promoWeeks: number;
  /** Number of the other weeks (flag not 1; the second sample). */
  readonly otherWeeks: number;
  /** `(mean promo − mean other) / mean other`. */
  readonly relativeDifference: number;
}

/**
 * Welch contrast of the outcome between promotion (flag = 1) and other weeks.
 *
 * @example
 * ```ts ignore
 * promotionContrast(revenue, promotions).relativeDifference;
 * ```
 */
export function promotionContrast(outcome: ArrayLike<number>, flag: ArrayLike<number>): PromotionContrast {
  const promo: number[] = [], other: number[] = [];
  for (let i = 0; i < outcome.length; i++) (flag[i] === 1 ? promo : other).push(outcome[i]);
  const w = welchTTest(promo, other);
  return {
    ...w,
    promoWeeks: promo.length,
    otherWeeks: other.length,
    relativeDifference: w.difference / w.meanB,
  };
}

/** One geo of a panel, summarised. */
export interface GeoProfile {
  /** The geo key, as in `Dataset.geos`. */
  readonly geo: string;
  /** Number of the geo's rows (weeks). */
  readonly weeks: number;
  /** Mean of the target over the geo's weeks, in the target's units. */
  readonly meanTarget: number;
  /** Mean of the population column over the geo's weeks; NaN when the roles name no population. */
  readonly meanPopulation: number;
  /** Target per head: the geo's summed target over its summed population; NaN without a population. */
  readonly targetPerCapita: number;
  /** Spend of every media column summed over the geo's weeks, in spend units. */
  readonly totalSpend: number;
}

/**
 * Per-geo means of the target and population, target per head, and total media spend.
 *
 * @example
 * ```ts ignore
 * geoProfile(geo).length; // number of geos
 * ```
 */
export function geoProfile(ds: Dataset): GeoProfile[] {
  if (!ds.geos || !ds.roles.geo) throw new RangeError(`${ds.source} is not a geo panel (no geo column)`);
  const y = column(ds, ds.roles.target);
  const pop = ds.roles.population ? column(ds, ds.roles.population) : undefined;
  const media = ds.roles.media.map((m) => column(ds, m));
  const acc = new Map<string, { n: number; y: number; pop: number; spend: number }>();
  for (let i = 0; i < ds.n; i++) {
    const g = ds.geos[i];
    const a = acc.get(g) ?? { n: 0, y: 0, pop: 0, spend: 0 };
    a.n++;
    a.y += y[i];
    a.pop += pop ? pop[i] : NaN;
    for (const m of media) a.spend += m[i];
    acc.set(g, a);
  }
  return [...acc].map(([geo, a]) => ({
    geo,
    weeks: a.n,
    meanTarget: a.y / a.n,
    meanPopulation: a.pop / a.n,
    targetPerCapita: a.y / a.pop,
    totalSpend: a.spend,
  }));
}

/**
 * Sums a panel column over geos for each date (the national series of a geo panel), dates ascending.
 *
 * @example
 * ```ts ignore
 * nationalTotals(geo, "sales").values.length; // number of weeks
 * ```
 */
export function nationalTotals(ds: Dataset, name: string): { dates: string[]; values: Float64Array } {
  const x = column(ds, name);
  const sums = new Map<string, number>();
  for (let i = 0; i < ds.n; i++) sums.set(ds.dates[i], (sums.get(ds.dates[i]) ?? 0) + x[i]);
  const dates = [...sums.keys()].sort();
  return { dates, values: Float64Array.from(dates, (d) => sums.get(d)!) };
}

/**
 * The least-squares slope of `log y` on `log x`: a naive constant elasticity (a 1% change in x goes with a
 * slope-% change in y), ignoring every other driver. Descriptive only. Both series must be positive.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(logLogSlope([1, 2, 4], [3, 1.5, 0.75]), -1, 1e-9);
 * ```
 */
export function logLogSlope(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new RangeError(`series lengths differ: ${x.length} vs ${y.length}`);
  const lx: number[] = [], ly: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (!(x[i] > 0 && y[i] > 0)) {
      throw new RangeError(`row ${i}: log-log slope needs positive values, got ${x[i]}, ${y[i]}`);
    }
    lx.push(Math.log(x[i]));
    ly.push(Math.log(y[i]));
  }
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length, my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < lx.length; i++) {
    sxy += (lx[i] - mx) * (ly[i] - my);
    sxx += (lx[i] - mx) ** 2;
  }
  return sxy / sxx;
}

/** Weeks below which each month is seen about once: two years of weekly data. */
export const TWO_YEARS_OF_WEEKS = 104;

/**
 * The strongest and weakest month of a monthly profile (`seasonalProfile(…, "month")`) and the swing between
 * them, `peak / trough − 1` (NaN when the trough is not positive), with the sentence notebook 01 shows. Below
 * {@link TWO_YEARS_OF_WEEKS} weeks each month is seen about once, and the sentence says so.
 *
 * @param byMonth the monthly profile (at least one month)
 * @param weeks weeks of the series
 * @param format `amount` for a week's target, `pct` for the swing
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const s = seasonalSwing([{ period: 1, mean: 100 }, { period: 12, mean: 150 }], 104,
 *   { amount: (x) => `$${x}`, pct: (x) => `${Math.round(100 * x)}%` });
 * assertClose(s.swing, 0.5, 1e-12);
 * ```
 */
export function seasonalSwing(
  byMonth: readonly { readonly period: number; readonly mean: number }[],
  weeks: number,
  format: { readonly amount: (x: number) => string; readonly pct: (x: number) => string },
): { peak: number; trough: number; swing: number; sentence: string } {
  if (byMonth.length === 0) throw new RangeError("seasonalSwing needs at least one month");
  const names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const peak = byMonth.reduce((a, b) => (b.mean > a.mean ? b : a));
  const trough = byMonth.reduce((a, b) => (b.mean < a.mean ? b : a));
  const swing = trough.mean > 0 ? peak.mean / trough.mean - 1 : NaN;
  const sentence =
    `The strongest month is **${names[peak.period - 1]}** (mean ${format.amount(peak.mean)} a week), ` +
    `the weakest **${names[trough.period - 1]}** (${format.amount(trough.mean)})${
      Number.isFinite(swing) ? `: a ${format.pct(swing)} swing` : ""
    } that the models must absorb with seasonal terms before crediting media.${
      weeks < TWO_YEARS_OF_WEEKS
        ? ` With ${weeks} weeks (under two years), each month is seen about once, so month means mix season with ` +
          "anything else that happened that month."
        : ""
    }`;
  return { peak: peak.period, trough: trough.period, swing, sentence };
}
