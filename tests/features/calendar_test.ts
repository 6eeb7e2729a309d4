import {
  blackFriday,
  calendarFeatures,
  fourierTerms,
  holidayFlags,
  isoDateFromDayNumber,
  isoWeek,
  monthDummies,
  monthOfYear,
  parseIsoDate,
  seasonalControls,
  trendTerms,
  weekOfYear,
  WEEKS_PER_YEAR,
} from "../../lib/features/calendar.ts";
import { assertArrayClose, assertEquals, assertThrows } from "../assert.ts";
import fixture from "../fixtures/calendar_features.json" with { type: "json" };

Deno.test("ISO year, week and weekday match Python's isocalendar, across year boundaries", () => {
  fixture.dates.forEach((d, i) => {
    assertEquals(
      isoWeek(d),
      { year: fixture.iso_year[i], week: fixture.iso_week[i], weekday: fixture.iso_weekday[i] },
      d,
    );
  });
  assertEquals([...weekOfYear(fixture.dates)], fixture.iso_week);
});

Deno.test("month matches pandas", () => {
  assertEquals([...monthOfYear(fixture.dates)], fixture.month);
});

Deno.test("Black Friday 2022–2025 matches pandas' US Thanksgiving rule plus one day", () => {
  for (const [year, date] of Object.entries(fixture.black_friday)) {
    assertEquals(blackFriday(Number(year)), date);
  }
});

Deno.test("week-start Black Friday flag and Nov/Dec flag match the fixture for weekly Mondays 2022–2025", () => {
  const flags = holidayFlags(fixture.weekly_dates);
  assertEquals([...flags.black_friday_week], fixture.weekly_black_friday_week);
  assertEquals([...flags.nov_dec], fixture.weekly_nov_dec);
});

Deno.test("Black Friday flag at the week edges, and under week-end and daily dating", () => {
  // 2024-11-29 is Black Friday; the week ending Sunday 2024-12-01 holds it, the one ending 2024-11-24 not.
  assertEquals([...holidayFlags(["2024-11-24", "2024-12-01", "2024-12-08"], "week_end").black_friday_week], [
    0,
    1,
    0,
  ]);
  assertEquals([...holidayFlags(["2024-11-28", "2024-11-29"], "day").black_friday_week], [0, 1]);
  // Week-start dating, at the edges: the week of d is d..d+6.
  assertEquals(
    [...holidayFlags(["2024-11-22", "2024-11-23", "2024-11-29", "2024-11-30"]).black_friday_week],
    [0, 1, 1, 0],
  );
});

Deno.test("weekly Fourier terms use the ISO week with period 365.2425/7 (fixture, 1e-12)", () => {
  assertEquals(WEEKS_PER_YEAR, 365.2425 / 7);
  const f = fourierTerms(fixture.weekly_dates, "week", 1);
  assertEquals(Object.keys(f), ["week_sin_1", "week_cos_1"]);
  assertArrayClose(f.week_sin_1, fixture.weekly_week_sin_1, 1e-12, 1e-3);
  assertArrayClose(f.week_cos_1, fixture.weekly_week_cos_1, 1e-12, 1e-3);
  const two = fourierTerms(["2024-03-15"], "month", 2);
  assertEquals(Object.keys(two), ["month_sin_1", "month_cos_1", "month_sin_2", "month_cos_2"]);
  assertArrayClose(
    [two.month_sin_1[0], two.month_cos_2[0]],
    [Math.sin((2 * Math.PI * 3) / 12), Math.cos((2 * Math.PI * 2 * 3) / 12)],
    1e-15,
    1e-3,
  );
  assertThrows(() => fourierTerms(["2024-03-15"], "month", 7), RangeError, "order");
});

Deno.test("month dummies drop January and match pandas get_dummies(drop_first=True)", () => {
  const d = monthDummies(fixture.dates);
  assertEquals(Object.keys(d), Object.keys(fixture.month_dummies));
  for (const [name, values] of Object.entries(fixture.month_dummies)) {
    assertEquals([...d[name]], values, name);
  }
});

Deno.test("trend is calendar time scaled to [0, 1]; a panel gets the same value on the same date", () => {
  assertArrayClose(trendTerms(fixture.weekly_dates).trend, fixture.weekly_trend, 1e-14, 1e-3);
  const t = trendTerms(
    ["2024-01-08", "2024-01-01", "2024-01-15", "2024-01-01", "2024-01-08", "2024-01-15"],
    2,
  );
  assertEquals([...t.trend], [0.5, 0, 1, 0, 0.5, 1]);
  assertEquals([...t.trend_sq], [0.25, 0, 1, 0, 0.25, 1]);
  assertEquals([...trendTerms(["2024-01-01"]).trend], [0]);
});

Deno.test("calendarFeatures orders columns: seasonality, holidays, trend, integers", () => {
  const dates = ["2024-11-25", "2024-12-02"];
  const f = calendarFeatures(dates, {
    seasonality: "fourier",
    trend: "quadratic",
    holidays: true,
    integers: true,
  });
  assertEquals(Object.keys(f), [
    "week_sin_1",
    "week_cos_1",
    "nov_dec",
    "black_friday_week",
    "trend",
    "trend_sq",
    "week_of_year",
    "month",
  ]);
  assertEquals(Object.keys(calendarFeatures(dates, { seasonality: "month_dummies" })).length, 11);
  assertEquals(Object.keys(calendarFeatures(dates)), []);
  assertThrows(
    () => calendarFeatures(dates, { seasonality: "weekly" as "fourier" }),
    RangeError,
    "seasonality must be",
  );
  assertThrows(() => calendarFeatures(dates, { dating: "month" as "day" }), RangeError, "dating must be");
});

Deno.test("dates are parsed strictly; day numbers round-trip", () => {
  for (
    const bad of ["2023-02-29", "2023-13-01", "2023-1-1", "20230101", "2023-01-01T00:00", "", "1900-02-29"]
  ) {
    assertThrows(() => parseIsoDate(bad), RangeError, "not a valid ISO date");
  }
  assertEquals(parseIsoDate("1970-01-01").dayNumber, 0);
  assertEquals(parseIsoDate("2000-02-29").dayNumber, 11016); // 30 years incl. 7 leap days + 59 days
  assertEquals(parseIsoDate("1969-12-31").dayNumber, -1);
  for (const d of fixture.dates) assertEquals(isoDateFromDayNumber(parseIsoDate(d).dayNumber), d);
});

function weeksFrom(start: string, n: number): string[] {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => new Date(t0 + i * 7 * 86400000).toISOString().slice(0, 10));
}

Deno.test("seasonalControls uses November and December dummies when each month is seen in two years", () => {
  const dates = weeksFrom("2023-01-02", 104); // 2023-01-02 … 2024-12-23
  const s = seasonalControls(dates);
  assertEquals(s.kind, "holiday_months");
  assertEquals(Object.keys(s.columns), ["november", "december"]);
  assertEquals([s.novemberYears, s.decemberYears], [2, 2]);
  // 2023-11-06 is row 44: the first Monday in November
  assertEquals(s.columns.november[44], 1);
  assertEquals(s.columns.november[43], 0);
  assertEquals(s.columns.december[48], 1); // 2023-12-04
});

Deno.test("seasonalControls falls back to one annual Fourier pair with one holiday season", () => {
  for (const n of [52, 78, 91]) {
    const dates = weeksFrom("2023-01-02", n);
    const s = seasonalControls(dates);
    assertEquals(s.kind, "fourier", `${n} weeks`);
    assertEquals(Object.keys(s.columns), ["week_sin_1", "week_cos_1"]);
    assertEquals(s.novemberYears, 1);
  }
  // no holiday month at all
  assertEquals(seasonalControls(weeksFrom("2023-02-06", 30)).novemberYears, 0);
});
