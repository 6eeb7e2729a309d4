/**
 * Calendar features from ISO dates (`YYYY-MM-DD`, read as calendar days, no time zones): ISO week and month,
 * Fourier seasonality, month dummies, holiday-period flags and trends.
 *
 * Conventions (stated once, used everywhere):
 * - Week of year is the ISO 8601 week (weeks start on Monday; week 1 is the week containing the year's first
 *   Thursday; 52 or 53 weeks), as Python's `date.isocalendar()` and pandas' `Series.dt.isocalendar().week`.
 * - Weekly Fourier terms use the ISO week `w ∈ 1..53` with period `P = 365.2425 / 7 = 52.1775` weeks (the
 *   mean Gregorian year): `sin(2π h w / P)`, `cos(2π h w / P)` for harmonics `h = 1..order`. Monthly terms use
 *   the month `m ∈ 1..12` with period 12.
 * - A row's date is the first day of its period by default (weekly data dated by week start, as the bundled
 *   data); `dating: "week_end"` reads it as the last day, `"day"` as daily data.
 * - Trend `t = (day − first day) / (last day − first day)` ∈ [0, 1] measured in calendar days over the distinct
 *   dates, so that every geo of a panel gets the same value on the same date, gaps count as time, and the
 *   scale does not depend on the number of rows; `trend_sq = t²`. A single distinct date gives `t = 0`.
 *
 * Files: `calendar_dates.ts` holds the date arithmetic (parsing, day numbers, ISO weeks, Black Friday); this
 * module builds the calendar columns and re-exports it.
 *
 * @module
 */

import { blackFriday, civilFromDays, isoWeek, parseIsoDate } from "./calendar_dates.ts";

export {
  blackFriday,
  type CalendarDate,
  isoDateFromDayNumber,
  isoWeek,
  parseIsoDate,
} from "./calendar_dates.ts";

/** Mean Gregorian year in weeks, `365.2425 / 7`: the period of the weekly Fourier terms. */
export const WEEKS_PER_YEAR = 365.2425 / 7;

/**
 * ISO week of year (1..53) of each date, as a column.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(weekOfYear(["2021-01-03", "2021-01-04"]), [53, 1], 1e-9);
 * ```
 */
export function weekOfYear(dates: readonly string[]): Float64Array {
  return Float64Array.from(dates, (d) => isoWeek(d).week);
}

/**
 * Calendar month (1..12) of each date, as a column.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(monthOfYear(["2021-01-03", "2021-12-31"]), [1, 12], 1e-9);
 * ```
 */
export function monthOfYear(dates: readonly string[]): Float64Array {
  return Float64Array.from(dates, (d) => parseIsoDate(d).month);
}

/** How a row's date relates to the period it stands for. */
export type Dating = "week_start" | "week_end" | "day";

/**
 * Fourier seasonality terms: for `h = 1..order`, `sin(2π h u / P)` and `cos(2π h u / P)` with `u` the ISO week
 * and `P = 52.1775` (`basis: "week"`) or `u` the month and `P = 12` (`basis: "month"`). Columns are named
 * `week_sin_1, week_cos_1, week_sin_2, …` (or `month_…`), in that order.
 *
 * @param dates ISO dates
 * @param basis `"week"` (default) or `"month"`
 * @param order number of harmonics, an integer ≥ 1 (default 1; for months at most 6)
 * @example
 * ```ts
 * fourierTerms(["2024-03-15"], "month", 1); // { month_sin_1: [sin(2π·3/12) = 1], month_cos_1: [≈0] }
 * ```
 */
export function fourierTerms(
  dates: readonly string[],
  basis: "week" | "month" = "week",
  order = 1,
): Record<string, Float64Array> {
  if (basis !== "week" && basis !== "month") {
    throw new RangeError(`basis must be "week" or "month", got ${JSON.stringify(basis)}`);
  }
  const maxOrder = basis === "month" ? 6 : 26;
  if (!(Number.isInteger(order) && order >= 1 && order <= maxOrder)) {
    throw new RangeError(`order must be an integer in 1..${maxOrder} for ${basis} terms, got ${order}`);
  }
  const u = basis === "week" ? weekOfYear(dates) : monthOfYear(dates);
  const period = basis === "week" ? WEEKS_PER_YEAR : 12;
  const out: Record<string, Float64Array> = {};
  for (let h = 1; h <= order; h++) {
    const s = new Float64Array(u.length), c = new Float64Array(u.length);
    for (let i = 0; i < u.length; i++) {
      const angle = (2 * Math.PI * h * u[i]) / period;
      s[i] = Math.sin(angle);
      c[i] = Math.cos(angle);
    }
    out[`${basis}_sin_${h}`] = s;
    out[`${basis}_cos_${h}`] = c;
  }
  return out;
}

/**
 * Month indicator columns with January as the dropped reference level: `month_2 … month_12`, each 1 when the
 * date falls in that month, else 0 (so an intercept can stay in the design).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(monthDummies(["2024-01-08", "2024-02-05"]).month_2, [0, 1], 1e-9);
 * ```
 */
export function monthDummies(dates: readonly string[]): Record<string, Float64Array> {
  const month = monthOfYear(dates);
  const out: Record<string, Float64Array> = {};
  for (let m = 2; m <= 12; m++) out[`month_${m}`] = Float64Array.from(month, (v) => (v === m ? 1 : 0));
  return out;
}

/**
 * Holiday-period flags:
 * - `nov_dec`: 1 when the row's date is in November or December;
 * - `black_friday_week`: 1 when the row's period contains Black Friday ({@link blackFriday}). With
 *   `dating: "week_start"` the period of date `d` is `d .. d+6`; with `"week_end"` it is `d−6 .. d`; with
 *   `"day"` it is `d` alone.
 *
 * @param dates ISO dates
 * @param dating how a date relates to its period (default `"week_start"`)
 * @example
 * ```ts
 * holidayFlags(["2024-11-25", "2024-12-02"]); // nov_dec [1, 1], black_friday_week [1, 0] (Black Friday 2024-11-29)
 * ```
 */
export function holidayFlags(
  dates: readonly string[],
  dating: Dating = "week_start",
): { nov_dec: Float64Array; black_friday_week: Float64Array } {
  const [from, to] = periodOffsets(dating);
  const novDec = new Float64Array(dates.length);
  const bfWeek = new Float64Array(dates.length);
  const bfCache = new Map<number, number>();
  const bfDay = (year: number) => {
    let v = bfCache.get(year);
    if (v === undefined) bfCache.set(year, v = parseIsoDate(blackFriday(year)).dayNumber);
    return v;
  };
  for (let i = 0; i < dates.length; i++) {
    const d = parseIsoDate(dates[i]);
    novDec[i] = d.month >= 11 ? 1 : 0;
    const start = d.dayNumber + from, end = d.dayNumber + to;
    // A period of at most 7 days can touch two calendar years; check the Black Friday of both.
    const y0 = civilFromDays(start).year, y1 = civilFromDays(end).year;
    let hit = false;
    for (let y = y0; y <= y1 && !hit; y++) {
      const bf = bfDay(y);
      hit = bf >= start && bf <= end;
    }
    bfWeek[i] = hit ? 1 : 0;
  }
  return { nov_dec: novDec, black_friday_week: bfWeek };
}

/**
 * Polynomial time trend by calendar date: `t = (day − first) / (last − first)` ∈ [0, 1] over the distinct
 * dates (`t = 0` when there is only one), and `t²` when `degree` is 2. Columns `trend`, `trend_sq`. On a panel
 * every geo gets the same `t` on the same date.
 *
 * @param dates ISO dates (any order)
 * @param degree 1 (linear) or 2 (linear and quadratic)
 * @example
 * ```ts
 * trendTerms(["2024-01-01", "2024-01-08", "2024-01-15"], 2); // trend [0, 0.5, 1], trend_sq [0, 0.25, 1]
 * ```
 */
export function trendTerms(dates: readonly string[], degree: 1 | 2 = 1): Record<string, Float64Array> {
  if (degree !== 1 && degree !== 2) throw new RangeError(`degree must be 1 or 2, got ${degree}`);
  const days = Float64Array.from(dates, (d) => parseIsoDate(d).dayNumber);
  let first = Infinity, last = -Infinity;
  for (const d of days) {
    if (d < first) first = d;
    if (d > last) last = d;
  }
  const span = last - first;
  const t = Float64Array.from(days, (d) => (span > 0 ? (d - first) / span : 0));
  return degree === 1 ? { trend: t } : { trend: t, trend_sq: Float64Array.from(t, (v) => v * v) };
}

/** Options of {@link calendarFeatures}; plain data. */
export interface CalendarOptions {
  /** Seasonality terms: Fourier terms, month dummies (drop-first), or none (default `"none"`). */
  readonly seasonality?: "fourier" | "month_dummies" | "none";
  /** Fourier basis: ISO week (default) or month. */
  readonly fourierBasis?: "week" | "month";
  /** Fourier harmonics (default 1). */
  readonly fourierOrder?: number;
  /** Trend terms (default `"none"`). */
  readonly trend?: "none" | "linear" | "quadratic";
  /** Add `nov_dec` and `black_friday_week` flags (default false). */
  readonly holidays?: boolean;
  /** Add the integer columns `week_of_year` and `month` (for tree models and tables; default false). */
  readonly integers?: boolean;
  /** How a row's date relates to its period (default `"week_start"`). */
  readonly dating?: Dating;
}

/**
 * All requested calendar columns, in a fixed order: seasonality, holidays, trend, integers.
 *
 * @example
 * ```ts ignore
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(Object.keys(calendarFeatures(dates, { seasonality: "fourier", trend: "linear", holidays: true })), ["week_sin_1", "week_cos_1", "nov_dec", "black_friday_week", "trend"], 1e-9);
 * ```
 */
export function calendarFeatures(
  dates: readonly string[],
  options: CalendarOptions = {},
): Record<string, Float64Array> {
  const { seasonality = "none", trend = "none", holidays = false, integers = false, dating = "week_start" } =
    options;
  periodOffsets(dating);
  let out: Record<string, Float64Array> = {};
  switch (seasonality) {
    case "fourier":
      out = { ...out, ...fourierTerms(dates, options.fourierBasis ?? "week", options.fourierOrder ?? 1) };
      break;
    case "month_dummies":
      out = { ...out, ...monthDummies(dates) };
      break;
    case "none":
      break;
    default:
      throw new RangeError(
        `seasonality must be "fourier", "month_dummies" or "none", got ${JSON.stringify(seasonality)}`,
      );
  }
  if (holidays) out = { ...out, ...holidayFlags(dates, dating) };
  switch (trend) {
    case "linear":
      out = { ...out, ...trendTerms(dates, 1) };
      break;
    case "quadratic":
      out = { ...out, ...trendTerms(dates, 2) };
      break;
    case "none":
      break;
    default:
      throw new RangeError(`trend must be "none", "linear" or "quadratic", got ${JSON.stringify(trend)}`);
  }
  if (integers) {
    out.week_of_year = weekOfYear(dates);
    out.month = monthOfYear(dates);
  }
  return out;
}

function periodOffsets(dating: Dating): [number, number] {
  switch (dating) {
    case "week_start":
      return [0, 6];
    case "week_end":
      return [-6, 0];
    case "day":
      return [0, 0];
    default:
      throw new RangeError(`dating must be "week_start", "week_end" or "day", got ${JSON.stringify(dating)}`);
  }
}

/** The seasonal controls of the national models, and why (see {@link seasonalControls}). */
export interface SeasonalControls {
  /** `"holiday_months"`: `november` and `december` dummies; `"fourier"`: `week_sin_1`, `week_cos_1`. */
  readonly kind: "holiday_months" | "fourier";
  /** The control columns by name (`november`, `december` or `week_sin_1`, `week_cos_1`), one value per date. */
  readonly columns: Readonly<Record<string, Float64Array>>;
  /** Distinct calendar years with a November week. */
  readonly novemberYears: number;
  /** Distinct calendar years with a December week (two or more, with as many Novembers, give month dummies). */
  readonly decemberYears: number;
}

/**
 * Seasonal controls that the data can identify:
 *
 * - **November and December dummies** when each month appears in at least two different years. A month dummy
 *   seen in one year only is a fixed effect for those four or five weeks: it absorbs everything that happened
 *   then (a campaign as much as the season), a training window that ends before it cannot estimate it, and a
 *   block bootstrap drawing none of its weeks cannot fit the model.
 * - Otherwise **one annual Fourier pair**, `sin(2π w / 52.18)` and `cos(2π w / 52.18)` of the ISO week `w`
 *   ({@link fourierTerms}, order 1): a smooth yearly cycle with two coefficients, estimable from any stretch
 *   of weeks, including a training window that has not reached the holidays.
 *
 * @param dates ISO dates, one per week
 * @example
 * ```ts ignore
 * seasonalControls(weekly.dates).kind; // "holiday_months" for 2023-01-02 … 2024-12-23, "fourier" for one year
 * ```
 */
export function seasonalControls(dates: readonly string[]): SeasonalControls {
  const years = (m: number) =>
    new Set(dates.map(parseIsoDate).filter((d) => d.month === m).map((d) => d.year)).size;
  const novemberYears = years(11), decemberYears = years(12);
  if (novemberYears >= 2 && decemberYears >= 2) {
    const months = monthDummies(dates);
    return {
      kind: "holiday_months",
      columns: { november: months.month_11, december: months.month_12 },
      novemberYears,
      decemberYears,
    };
  }
  return { kind: "fourier", columns: fourierTerms(dates, "week", 1), novemberYears, decemberYears };
}
