/**
 * Calendar dates without `Date`: strict ISO date parsing and formatting, day numbers (days since 1970-01-01),
 * ISO 8601 weeks and Black Friday, by exact integer arithmetic (no time zones). The calendar features of
 * `calendar.ts` are built on them; that module re-exports the public ones.
 *
 * @module
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A parsed ISO calendar date. */
export interface CalendarDate {
  /** Gregorian year, 0..9999 (four digits in the ISO string). */
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  /** 1..31 */
  readonly day: number;
  /** Days since 1970-01-01 (negative before). */
  readonly dayNumber: number;
}

/**
 * Parses a strict ISO date `YYYY-MM-DD` (a real calendar day) into its parts and day number.
 *
 * @throws RangeError naming the string when it is not a valid date
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(parseIsoDate("2024-02-29"), { year: 2024, month: 2, day: 29, dayNumber: 19782 }, 1e-9);
 * ```
 */
export function parseIsoDate(date: string): CalendarDate {
  const m = typeof date === "string" ? ISO_DATE.exec(date) : null;
  if (m) {
    const year = Number(m[1]), month = Number(m[2]), day = Number(m[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return { year, month, day, dayNumber: daysFromCivil(year, month, day) };
    }
  }
  throw new RangeError(`${JSON.stringify(date)} is not a valid ISO date; expected YYYY-MM-DD`);
}

/**
 * Formats a day number (days since 1970-01-01) as an ISO date.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(isoDateFromDayNumber(0), "1970-01-01", 1e-9);
 * ```
 */
export function isoDateFromDayNumber(dayNumber: number): string {
  if (!Number.isInteger(dayNumber)) throw new RangeError(`dayNumber must be an integer, got ${dayNumber}`);
  const { year, month, day } = civilFromDays(dayNumber);
  if (year < 0 || year > 9999) throw new RangeError(`day ${dayNumber} falls outside years 0000..9999`);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * ISO 8601 week-numbering year, week (1..53) and weekday (Monday = 1 … Sunday = 7) of a date: the week is the
 * one of its Thursday, and week 1 holds January 4th. Matches Python's `date.isocalendar()`.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(isoWeek("2021-01-03"), { year: 2020, week: 53, weekday: 7 }, 1e-9);
 * assertClose(isoWeek("2024-12-30"), { year: 2025, week: 1, weekday: 1 }, 1e-9);
 * ```
 */
export function isoWeek(date: string): { year: number; week: number; weekday: number } {
  const { dayNumber } = parseIsoDate(date);
  return isoWeekOfDay(dayNumber);
}

function isoWeekOfDay(dayNumber: number): { year: number; week: number; weekday: number } {
  const weekday = mod(dayNumber + 3, 7) + 1; // 1970-01-01 was a Thursday (4)
  const thursday = dayNumber - weekday + 4;
  const year = civilFromDays(thursday).year;
  const jan1 = daysFromCivil(year, 1, 1);
  return { year, week: Math.floor((thursday - jan1) / 7) + 1, weekday };
}

/**
 * Black Friday of a year: the day after the fourth Thursday of November (US Thanksgiving), as an ISO date.
 *
 * @param year a Gregorian year (integer)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(blackFriday(2024), "2024-11-29", 1e-9);
 * ```
 */
export function blackFriday(year: number): string {
  if (!Number.isInteger(year)) throw new RangeError(`year must be an integer, got ${year}`);
  const nov1 = daysFromCivil(year, 11, 1);
  const weekday = mod(nov1 + 3, 7) + 1; // Monday = 1
  const firstThursday = nov1 + mod(4 - weekday, 7);
  return isoDateFromDayNumber(firstThursday + 21 + 1);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date; `civilFromDays` goes back (H. Hinnant, "chrono-Compatible
 * Low-Level Date Algorithms", days_from_civil / civil_from_days): exact integer arithmetic, no Date or time-zone
 * quirks.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The proleptic Gregorian date of a day number, days since 1970-01-01 (Hinnant's `civil_from_days`). */
export function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** `a` modulo `m`, in `[0, m)` also for negative `a`. */
export function mod(a: number, m: number): number {
  return ((a % m) + m) % m;
}
