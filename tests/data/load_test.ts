import { DataError } from "../../lib/errors.ts";
import {
  GEO_ROLES,
  loadDataset,
  type LoadOptions,
  parseDataset,
  type Roles,
  WEEKLY_ROLES,
} from "../../lib/data/mod.ts";
import { assert, assertEquals, assertThrows } from "../assert.ts";
import {
  assertDataError,
  GEO_HEADER,
  geoTable,
  getCell,
  setCell,
  type Table,
  toCsv,
  weekDate,
  WEEKLY_HEADER,
  weeklyTable,
} from "./inline.ts";

const W = "w.csv";
const G = "g.csv";
const weekly = (t: Table | string, options: Partial<LoadOptions> = {}) =>
  parseDataset(typeof t === "string" ? t : toCsv(t), W, { kind: "weekly", ...options });
const geo = (t: Table | string, options: Partial<LoadOptions> = {}) =>
  parseDataset(typeof t === "string" ? t : toCsv(t), G, { kind: "geo", ...options });
const dropColumn = (t: Table, name: string) => {
  const j = t[0].indexOf(name);
  return t.map((row) => row.filter((_, k) => k !== j));
};
const addColumn = (t: Table, name: string, cell: (row: number) => string) =>
  t.map((row, k) => [...row, k === 0 ? name : cell(k)]);

// ---------------------------------------------------------------- valid files

Deno.test("a valid weekly file gives every numeric column in file order, dates as ISO, no warnings", () => {
  const ds = weekly(weeklyTable(26));
  assertEquals(ds.source, W);
  assertEquals(ds.n, 26);
  assertEquals(ds.geos, undefined);
  assertEquals(ds.dates[0], "2024-01-01");
  assertEquals(ds.dates[25], "2024-06-24"); // 175 days after 2024-01-01 (a leap year)
  assertEquals(Object.keys(ds.columns), WEEKLY_HEADER.slice(1));
  assert(ds.columns.google_spend instanceof Float64Array);
  assertEquals(ds.columns.google_spend[3], 203); // column 2, row 3: 100·2 + 3
  assertEquals(ds.columns.revenue[25], 1025);
  assertEquals([...ds.columns.promotions.subarray(0, 4)], [0, 1, 0, 1]);
  assertEquals(ds.roles, WEEKLY_ROLES);
  assertEquals(ds.warnings, []);
});

Deno.test("a valid geo panel gives geo keys per row and keeps geo and date out of the columns", () => {
  const ds = geo(geoTable(["A", "B", "C"], 26));
  assertEquals(ds.n, 78);
  assertEquals(ds.geos?.[25], "A");
  assertEquals(ds.geos?.[26], "B");
  assertEquals(ds.dates[26], "2024-01-01");
  assertEquals(Object.keys(ds.columns), GEO_HEADER.slice(2));
  assertEquals(ds.columns.sales[26], 6000); // 5000 + 1000·1 + 0
  assertEquals(ds.columns.tv_spend[27], 1011); // 1000·1 + 10·1 + 1
  assertEquals(ds.roles, GEO_ROLES);
  assertEquals(ds.warnings, []);
});

Deno.test("geos stay in order of first appearance (not alphabetical), so a geo-major file needs no sort", () => {
  const ds = geo(geoTable(["Z", "A"], 26));
  assertEquals(ds.geos?.[0], "Z");
  assertEquals(ds.geos?.[26], "A");
  assertEquals(ds.warnings, []);
});

Deno.test("the parseDataset JSDoc example holds", () => {
  const csv = "week,revenue,tv\n2024-01-01,10,5\n2024-01-08,11,\n2024-01-15,12,7\n";
  const roles = {
    mediator: undefined,
    price: undefined,
    promotion: undefined,
    social: [],
    direct: [],
    controls: [],
    media: ["tv"],
  };
  const ds = parseDataset(csv, "inline.csv", { kind: "weekly", roles, minRows: 3 });
  assertEquals([...ds.columns.tv], [5, 5, 7]);
  assertEquals(ds.warnings, [
    'inline.csv, line 3, column "tv": empty cell filled with 5, the value on line 2 (forward fill of a gap of 1 ≤ maxFillGap 2)',
  ]);
});

// ---------------------------------------------------------------- file-level errors

Deno.test("an empty file is a DataError naming the file", () => {
  for (const text of ["", "\n\n", "\uFEFF", "  \r\n\t\n"]) {
    assertDataError(() => weekly(text), { file: W }, "empty");
  }
});

Deno.test("a header with no rows is a DataError at line 1", () => {
  assertDataError(() => weekly(toCsv(weeklyTable(0))), { file: W, line: 1 }, "only line", "data rows");
  assertDataError(() => weekly(toCsv(weeklyTable(0)) + "\n\n"), { file: W, line: 1 }, "only line");
});

Deno.test("a column the roles need, missing from the header, is named with its role and the header listed", () => {
  const t = dropColumn(weeklyTable(26), "google_spend");
  assertDataError(
    () => weekly(t),
    { file: W, line: 1, column: "google_spend" },
    '"google_spend" (mediator)',
    "the header has: week, facebook_spend, tiktok_spend, instagram_spend, snapchat_spend, social_followers, " +
      "average_price, promotions, emails_send, sms_send, revenue",
  );
});

Deno.test("several missing columns are all listed; the first in role order is the error's column", () => {
  const t = dropColumn(dropColumn(weeklyTable(26), "sms_send"), "revenue");
  assertDataError(
    () => weekly(t),
    { file: W, line: 1, column: "revenue" },
    '"revenue" (target)',
    '"sms_send" (direct)',
  );
  const g = dropColumn(geoTable(["A"], 26), "radio_impressions");
  assertDataError(() => geo(g), { file: G, line: 1, column: "radio_impressions" }, "(impressions)");
});

Deno.test("a duplicated header name is a DataError at line 1 naming the column and both positions", () => {
  const t = weeklyTable(26);
  t[0][3] = "facebook_spend"; // fields 2 and 4
  assertDataError(() => weekly(t), { file: W, line: 1, column: "facebook_spend" }, "fields 2 and 4");
});

Deno.test("a ragged row is a DataError naming its line and the field counts", () => {
  const long = weeklyTable(26);
  long[5].push("7"); // table row 5 is line 6
  assertDataError(() => weekly(long), { file: W, line: 6 }, "expected 12 fields", "got 13");
  const short = weeklyTable(26);
  short[9].pop(); // line 10
  assertDataError(() => weekly(short), { file: W, line: 10 }, "expected 12 fields", "got 11");
  // Same through the quoting parser (csv-parse): any quote in the file sends it there.
  const quoted = weeklyTable(26);
  quoted[0][0] = '"week"';
  quoted[5].push("7");
  assertDataError(() => weekly(quoted), { file: W, line: 6 }, "expected 12 fields", "got 13");
});

// ---------------------------------------------------------------- cell errors

Deno.test("a non-number in a role column names line, column, role and the text", () => {
  const t = setCell(weeklyTable(26), 10, "google_spend", "abc");
  assertDataError(() => weekly(t), { file: W, line: 11, column: "google_spend" }, '"abc"', "mediator");
  const c = setCell(weeklyTable(26), 4, "revenue", "$1200");
  assertDataError(() => weekly(c), { file: W, line: 5, column: "revenue" }, '"$1200"', "target");
  const hex = setCell(weeklyTable(26), 2, "sms_send", "0x10");
  assertDataError(() => weekly(hex), { file: W, line: 3, column: "sms_send" }, '"0x10"');
});

Deno.test("a quoted value with a thousands separator gets a hint", () => {
  const t = setCell(weeklyTable(26), 7, "revenue", '"1,234.5"');
  assertDataError(
    () => weekly(t),
    { file: W, line: 8, column: "revenue" },
    '"1,234.5"',
    "thousands separators",
  );
});

Deno.test("negative spend in any spend-like role is a DataError at its line and column", () => {
  const cases: [string, string][] = [
    ["facebook_spend", "social"],
    ["emails_send", "direct"],
    ["google_spend", "mediator"],
  ];
  for (const [name, role] of cases) {
    const t = setCell(weeklyTable(26), 3, name, "-5");
    assertDataError(() => weekly(t), { file: W, line: 4, column: name }, `negative ${role} value -5`, "≥ 0");
  }
  for (const [name, role] of [["tv_spend", "media"], ["radio_impressions", "impressions"]]) {
    const t = setCell(geoTable(["A", "B"], 26), 30, name, "-0.5");
    assertDataError(() => geo(t), { file: G, line: 31, column: name }, `negative ${role} value -0.5`);
  }
});

Deno.test("the negative-spend error shows the first negative cell and counts the others", () => {
  const t = setCell(setCell(weeklyTable(26), 12, "tiktok_spend", "-2"), 6, "tiktok_spend", "-1");
  assertDataError(() => weekly(t), { file: W, line: 7, column: "tiktok_spend" }, "-1", "2 negative cells");
});

Deno.test("negative values are fine in columns that are not spend (controls, price)", () => {
  const t = setCell(setCell(geoTable(["A"], 26), 2, "sentiment_score_control", "-0.4"), 3, "population", "7");
  assertEquals(geo(t).columns.sentiment_score_control[1], -0.4);
  const w = setCell(weeklyTable(26), 1, "social_followers", "-3");
  assertEquals(weekly(w).columns.social_followers[0], -3);
});

Deno.test("a promotion flag other than 0/1 is a DataError; without a promotion role it is just a number", () => {
  const t = setCell(weeklyTable(26), 8, "promotions", "2");
  assertDataError(() => weekly(t), { file: W, line: 9, column: "promotions" }, "0 or 1", "got 2");
  const half = setCell(weeklyTable(26), 8, "promotions", "0.5");
  assertDataError(() => weekly(half), { file: W, line: 9, column: "promotions" }, "got 0.5");
  assertEquals(weekly(t, { roles: { promotion: undefined } }).columns.promotions[7], 2);
});

// ---------------------------------------------------------------- dates

Deno.test("an unparseable date names line and column and says the expected format", () => {
  for (const bad of ["01/08/2024", "2024-02-30", "2024-13-01", "8 Jan 2024", "2024-01-08T00:00"]) {
    const t = setCell(weeklyTable(26), 2, "week", bad);
    assertDataError(
      () => weekly(t),
      { file: W, line: 3, column: "week" },
      `"${bad}" is not a date`,
      "expected YYYY-MM-DD (or YYYY/MM/DD)",
    );
  }
});

Deno.test("YYYY/MM/DD dates are read and returned as ISO YYYY-MM-DD", () => {
  const t = weeklyTable(26);
  for (let k = 1; k < t.length; k++) t[k][0] = t[k][0].replaceAll("-", "/");
  const ds = weekly(t);
  assertEquals(ds.dates[0], "2024-01-01");
  assertEquals(ds.dates[25], "2024-06-24");
  assertEquals(ds.warnings, []);
});

Deno.test("a duplicated date names both lines", () => {
  const t = setCell(weeklyTable(27), 5, "week", getCell(weeklyTable(27), 4, "week")); // lines 5 and 6
  assertDataError(
    () => weekly(t),
    { file: W, line: 6, column: "week" },
    "2024-01-22 appears twice",
    "lines 5 and 6",
  );
  const far = setCell(weeklyTable(27), 20, "week", "2024-01-15"); // same as line 4
  assertDataError(() => weekly(far), { file: W, line: 21, column: "week" }, "2024-01-15", "lines 4 and 21");
});

Deno.test("a duplicated date within a geo names the geo and both lines; the same date across geos is fine", () => {
  const t = setCell(geoTable(["A", "B"], 27), 30, "date", "2024-01-08"); // B's 2nd row (line 30) has it
  assertDataError(
    () => geo(t),
    { file: G, line: 31, column: "date" },
    '2024-01-08 appears twice in geo "B"',
    "lines 30 and 31",
  );
});

Deno.test("dates out of order are sorted, with one warning saying how many rows moved", () => {
  const t = weeklyTable(26);
  [t[3], t[4]] = [t[4], t[3]]; // line 4 now holds 2024-01-22, line 5 holds 2024-01-15
  const ds = weekly(t);
  assertEquals(ds.dates.slice(1, 5), ["2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29"]);
  assertEquals([...ds.columns.revenue.subarray(1, 5)], [1001, 1002, 1003, 1004]); // values moved with dates
  assertEquals(ds.warnings.length, 1);
  assert(ds.warnings[0].startsWith("w.csv: dates out of order"), ds.warnings[0]);
  assert(ds.warnings[0].includes("2024-01-15 on line 5 comes after 2024-01-22 on line 4"), ds.warnings[0]);
  assert(ds.warnings[0].includes("2 of 26 rows moved"), ds.warnings[0]);
  assert(!ds.warnings[0].startsWith("w.csv, line"), "the sort warning is about the file, not one line");
});

Deno.test("a reversed file is sorted and every row counted as moved", () => {
  const t = weeklyTable(26);
  const ds = weekly([t[0], ...t.slice(1).reverse()]);
  assertEquals(ds.dates[0], "2024-01-01");
  assertEquals(ds.columns.revenue[25], 1025);
  assert(ds.warnings[0].includes("26 of 26 rows moved"), ds.warnings[0]);
});

Deno.test("a date-major panel is regrouped by geo, with a warning", () => {
  const t = geoTable(["A", "B"], 26);
  const interleaved = [t[0]];
  for (let i = 0; i < 26; i++) interleaved.push(t[1 + i], t[27 + i]); // A0, B0, A1, B1, ...
  const ds = geo(interleaved);
  assertEquals(ds.geos?.slice(24, 28), ["A", "A", "B", "B"]);
  assertEquals(ds.columns.sales[26], 6000);
  assertEquals(ds.warnings.length, 1);
  // A0 (index 0) and B25 (index 51) stay put; the other 50 rows move.
  assert(ds.warnings[0].includes("50 of 52 rows moved"), ds.warnings[0]);
  assert(ds.warnings[0].includes('rows of geo "A" are not together (line 4 after line 2)'), ds.warnings[0]);
});

Deno.test("a gap other than 7 days names both lines and dates", () => {
  const t = weeklyTable(27);
  t.splice(5, 1); // drop 2024-01-29 (was line 6): 2024-01-22 (line 5) then 2024-02-05 (line 6)
  assertDataError(
    () => weekly(t),
    { file: W, line: 6, column: "week" },
    "14 days between 2024-01-22 (line 5) and 2024-02-05 (line 6)",
    "1 missing week?",
    "7 days apart",
  );
  const s = setCell(weeklyTable(26), 10, "week", "2024-03-03"); // a Sunday, 6 days after 2024-02-26
  assertDataError(
    () => weekly(s),
    { file: W, line: 11, column: "week" },
    "6 days between 2024-02-26 (line 10)",
  );
});

Deno.test("a spacing gap within a geo names the geo", () => {
  const t = geoTable(["A", "B"], 27);
  t.splice(40, 1); // B (from line 29) loses week 12: week 11 on line 40, week 13 on line 41
  assertDataError(() => geo(t), { file: G, line: 41, column: "date" }, "14 days", 'in geo "B"');
});

Deno.test("a geo with fewer weeks than the others is named, at its first line", () => {
  const t = geoTable(["A", "B", "C"], 26);
  t.pop(); // C: 25 weeks; C starts at line 54
  assertDataError(
    () => geo(t),
    { file: G, line: 54, column: "geo" },
    'geo "C" has 25 weeks, 2024-01-01 to 2024-06-17',
    "2 other geos have 26 weeks, 2024-01-01 to 2024-06-24",
  );
  const first = geoTable(["A", "B", "C"], 26);
  first.splice(26, 1); // A: 25 weeks, the odd one though it comes first
  assertDataError(() => geo(first), { file: G, line: 2, column: "geo" }, 'geo "A" has 25 weeks');
});

Deno.test("a geo with the same number of weeks but other dates is named", () => {
  const t = geoTable(["A", "B", "C"], 26);
  for (let k = 27; k <= 52; k++) t[k][1] = weekDate(k - 26); // B runs one week later
  assertDataError(
    () => geo(t),
    { file: G, line: 28, column: "geo" },
    'geo "B" has 26 weeks, 2024-01-08 to 2024-07-01',
  );
});

Deno.test("fewer rows than minRows says how many are needed", () => {
  assertDataError(() => weekly(weeklyTable(25)), { file: W }, "25 data rows", "at least 26");
  assertDataError(() => weekly(weeklyTable(26), { minRows: 30 }), { file: W }, "at least 30");
  assertEquals(weekly(weeklyTable(5), { minRows: 5 }).n, 5);
  assertDataError(
    () => geo(geoTable(["A", "B"], 20)),
    { file: G },
    "each geo has 20 weeks",
    "at least 26 per geo",
  );
});

// ---------------------------------------------------------------- empty cells

Deno.test("one empty cell is forward-filled with one warning naming file, line, column and value", () => {
  const t = setCell(weeklyTable(26), 5, "google_spend", ""); // line 6; line 5 holds 200 + 3
  const ds = weekly(t);
  assertEquals(ds.columns.google_spend[4], 203);
  assertEquals(ds.warnings, [
    'w.csv, line 6, column "google_spend": empty cell filled with 203, the value on line 5 ' +
    "(forward fill of a gap of 1 ≤ maxFillGap 2)",
  ]);
});

Deno.test("a gap of maxFillGap cells gives one warning per filled cell; NA markers count as empty", () => {
  const t = setCell(setCell(weeklyTable(26), 5, "sms_send", "NA"), 6, "sms_send", "null");
  const ds = weekly(t);
  assertEquals([...ds.columns.sms_send.subarray(3, 7)], [1003, 1003, 1003, 1006]);
  assertEquals(ds.warnings.length, 2);
  assert(
    ds.warnings[0].startsWith('w.csv, line 6, column "sms_send": empty cell filled with 1003'),
    ds.warnings[0],
  );
  assert(
    ds.warnings[1].startsWith('w.csv, line 7, column "sms_send": empty cell filled with 1003'),
    ds.warnings[1],
  );
});

Deno.test("a gap longer than maxFillGap is a DataError at its first line", () => {
  const t = weeklyTable(26);
  for (const k of [5, 6, 7]) setCell(t, k, "google_spend", "");
  assertDataError(
    () => weekly(t),
    { file: W, line: 6, column: "google_spend" },
    "3 empty cells in a row (lines 6, 7, 8)",
    "maxFillGap",
  );
  assertEquals(weekly(t, { maxFillGap: 3 }).warnings.length, 3);
  const one = setCell(weeklyTable(26), 5, "google_spend", "");
  assertDataError(
    () => weekly(one, { maxFillGap: 0 }),
    { file: W, line: 6, column: "google_spend" },
    "up to 0",
  );
});

Deno.test("an empty cell in the first row of a series is a DataError (nothing to carry forward)", () => {
  const t = setCell(weeklyTable(26), 1, "tiktok_spend", "");
  assertDataError(() => weekly(t), { file: W, line: 2, column: "tiktok_spend" }, "first row");
  const g = setCell(geoTable(["A", "B"], 26), 27, "tv_spend", ""); // B's first row, line 28
  assertDataError(() => geo(g), { file: G, line: 28, column: "tv_spend" }, "first row", 'geo "B"');
});

Deno.test("an empty target, date or geo is a DataError, never filled", () => {
  assertDataError(() => weekly(setCell(weeklyTable(26), 7, "revenue", "")), {
    file: W,
    line: 8,
    column: "revenue",
  }, "target");
  assertDataError(
    () => weekly(setCell(weeklyTable(26), 7, "week", "")),
    { file: W, line: 8, column: "week" },
    "empty date",
  );
  assertDataError(
    () => geo(setCell(geoTable(["A"], 26), 3, "geo", "")),
    { file: G, line: 4, column: "geo" },
    "empty geo",
  );
  assertDataError(() => geo(setCell(geoTable(["A"], 26), 3, "sales", "NaN")), {
    file: G,
    line: 4,
    column: "sales",
  });
});

Deno.test('"NA" is a geo code, not a missing geo', () => {
  const t = geoTable(["NA", "EU"], 26);
  assertEquals(geo(t).geos?.[0], "NA");
});

Deno.test("gaps in a numeric column no role uses follow the same rules, with a hint", () => {
  const t = addColumn(weeklyTable(26), "extra", (k) => (k === 1 ? "" : String(k)));
  assertDataError(
    () => weekly(t),
    { file: W, line: 2, column: "extra" },
    "first row",
    "no role uses this column",
  );
  const ok = addColumn(weeklyTable(26), "extra", (k) => (k === 4 ? "" : String(k)));
  const ds = weekly(ok);
  assertEquals(ds.columns.extra[3], 3);
  assert(
    ds.warnings[0].startsWith('w.csv, line 5, column "extra": empty cell filled with 3'),
    ds.warnings[0],
  );
});

Deno.test("forward fill uses the previous date after sorting, not the previous file line", () => {
  const t = weeklyTable(26);
  [t[4], t[5]] = [t[5], t[4]]; // line 5: 2024-01-29 (google 204), line 6: 2024-01-22 (google 203)
  setCell(t, 4, "google_spend", "");
  const ds = weekly(t);
  assertEquals([...ds.columns.google_spend.subarray(2, 6)], [202, 203, 203, 205]);
  assertEquals(ds.warnings.length, 2); // the sort, then the fill
  assert(
    ds.warnings[1].startsWith(
      'w.csv, line 5, column "google_spend": empty cell filled with 203, the value on line 6',
    ),
    ds.warnings[1],
  );
});

// ---------------------------------------------------------------- extra columns

Deno.test("a numeric extra column is kept; a non-numeric or empty one is kept out with a warning", () => {
  let t = addColumn(weeklyTable(26), "extra", (k) => String(k * 0.5));
  t = addColumn(t, "notes", (k) => (k === 3 ? "launch week" : String(k)));
  t = addColumn(t, "blank", () => "");
  const ds = weekly(t);
  assertEquals(Object.keys(ds.columns), [...WEEKLY_HEADER.slice(1), "extra"]);
  assertEquals(ds.columns.extra[1], 1);
  assertEquals(ds.warnings.length, 2);
  assert(
    ds.warnings[0].startsWith('w.csv, line 4, column "notes": "launch week" is not a number'),
    ds.warnings[0],
  );
  assert(ds.warnings[0].includes("kept out"), ds.warnings[0]);
  assert(ds.warnings[1].startsWith('w.csv, column "blank": every cell is empty'), ds.warnings[1]);
});

// ---------------------------------------------------------------- text encodings

Deno.test("BOM, CRLF, padded header names and quoted fields read the same as plain text", () => {
  const plain = weekly(weeklyTable(26));
  const t = weeklyTable(26);
  t[0] = t[0].map((name, j) => (j % 2 === 0 ? ` ${name} ` : `"${name}"`));
  for (let k = 1; k < t.length; k++) t[k] = t[k].map((cell, j) => (j % 3 === 0 ? `"${cell}"` : ` ${cell}`));
  const ds = weekly("\uFEFF" + toCsv(t, "\r\n"));
  assertEquals(ds.dates, plain.dates);
  assertEquals(ds.columns, plain.columns);
  assertEquals(ds.warnings, []);
  const crlf = weekly(toCsv(weeklyTable(26), "\r\n")); // the unquoted path with CRLF
  assertEquals(crlf.columns, plain.columns);
});

Deno.test("a quoted geo name with a comma is one field", () => {
  const t = geoTable(["A", "B"], 26);
  for (let k = 27; k < t.length; k++) t[k][0] = '"New York, NY"';
  const ds = geo(t);
  assertEquals(ds.geos?.[30], "New York, NY");
  assertEquals(ds.warnings, []);
});

Deno.test("line numbers after a quoted multi-line field count physical lines (LF and CRLF files)", () => {
  for (const eol of ["\n", "\r\n"]) {
    const t = addColumn(
      weeklyTable(26),
      "notes",
      (k) => (k === 2 ? `"first line${eol}second line"` : "note"),
    );
    setCell(t, 10, "snapchat_spend", "-1"); // table row 10: line 11 + 1 for the extra line inside row 2
    assertDataError(() => weekly(toCsv(t, eol)), { file: W, line: 12, column: "snapchat_spend" }, "negative");
  }
});

// ---------------------------------------------------------------- options and roles

Deno.test("invalid options are RangeErrors", () => {
  assertThrows(() => weekly(weeklyTable(26), { minRows: 0 }), RangeError, "minRows");
  assertThrows(() => weekly(weeklyTable(26), { minRows: 2.5 }), RangeError, "minRows");
  assertThrows(() => weekly(weeklyTable(26), { maxFillGap: -1 }), RangeError, "maxFillGap");
  assertThrows(
    () => parseDataset(toCsv(weeklyTable(26)), W, { kind: "daily" as "weekly" }),
    RangeError,
    '"weekly" or "geo"',
  );
});

Deno.test("role overrides rename columns; a bad override is a DataError naming the key", () => {
  const t = weeklyTable(26);
  t[0][11] = "sales_eur";
  assertDataError(() => weekly(t), { file: W, line: 1, column: "revenue" }, "(target)");
  const ds = weekly(t, { roles: { target: "sales_eur" } });
  assertEquals(ds.roles.target, "sales_eur");
  assertEquals(ds.columns.sales_eur[0], 1000);
  assertDataError(
    () => weekly(t, { roles: { target: "sms_send" } }),
    { file: W },
    'column "sms_send" plays two roles',
  );
  assertDataError(
    () => weekly(t, { roles: { medaitor: "x" } as unknown as Partial<Roles> }),
    { file: W },
    'key "medaitor": unknown role',
  );
});

Deno.test("loadDataset names a missing file", () => {
  const error = assertDataError(() => loadDataset("no/such/file.csv", { kind: "weekly" }), {
    file: "no/such/file.csv",
  });
  assert(error.message.includes("file not found"), error.message);
});

Deno.test("loadDataset reads a file and names it in warnings", () => {
  const path = Deno.makeTempFileSync({ suffix: ".csv" });
  try {
    Deno.writeTextFileSync(path, toCsv(setCell(weeklyTable(26), 3, "google_spend", "")));
    const ds = loadDataset(path, { kind: "weekly" });
    assertEquals(ds.source, path);
    assertEquals(ds.warnings.length, 1);
    assert(ds.warnings[0].startsWith(`${path}, line 4, column "google_spend"`), ds.warnings[0]);
  } finally {
    Deno.removeSync(path);
  }
});

Deno.test("errors are DataError instances carrying file, line and column fields", () => {
  const error = assertThrows(() => weekly(setCell(weeklyTable(26), 2, "revenue", "x")), DataError);
  assertEquals([error.file, error.line, error.column], [W, 3, "revenue"]);
  assertEquals(
    error.message,
    'w.csv, line 3, column "revenue": expected a number in this target column, got "x"',
  );
});
