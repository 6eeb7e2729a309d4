import { isMissingCell, isoDate, parseDay, parseNumberCell } from "../../lib/data/mod.ts";
import { assert, assertEquals } from "../assert.ts";

Deno.test("parseDay counts days since 1970-01-01", () => {
  assertEquals(parseDay("1970-01-01"), 0);
  assertEquals(parseDay("1970-01-08"), 7);
  assertEquals(parseDay("2000-01-01"), 10957); // 946684800 s (Unix time of 2000-01-01) / 86400
  assertEquals(parseDay("2000/01/01"), 10957);
  assertEquals(parseDay("2024/1/8"), parseDay("2024-01-08"));
});

Deno.test("parseDay knows leap years and rejects dates that do not exist", () => {
  assertEquals(parseDay("2024-03-01") - parseDay("2024-02-28"), 2); // 2024 is a leap year
  assertEquals(parseDay("2023-03-01") - parseDay("2023-02-28"), 1);
  assert(!Number.isNaN(parseDay("2000-02-29"))); // divisible by 400
  for (const bad of ["1900-02-29", "2023-02-29", "2024-04-31", "2024-00-10", "2024-13-01", "2024-01-00"]) {
    assert(Number.isNaN(parseDay(bad)), bad);
  }
});

Deno.test("parseDay accepts only YYYY-MM-DD and YYYY/MM/DD", () => {
  for (
    const bad of ["2024-01/08", "08/01/2024", "2024-01-08T00:00:00", "24-01-08", "20240108", "", "2024-1-8x"]
  ) {
    assert(Number.isNaN(parseDay(bad)), bad);
  }
});

Deno.test("isoDate inverts parseDay", () => {
  assertEquals(isoDate(0), "1970-01-01");
  assertEquals(isoDate(10957), "2000-01-01");
  assertEquals(isoDate(parseDay("2024/2/29")), "2024-02-29");
});

Deno.test("parseNumberCell reads decimal numbers only", () => {
  assertEquals(parseNumberCell("1.5e3"), 1500);
  assertEquals(parseNumberCell("-0.25"), -0.25);
  assertEquals(parseNumberCell("+3"), 3);
  assertEquals(parseNumberCell(".5"), 0.5);
  assertEquals(parseNumberCell("5."), 5);
  assertEquals(parseNumberCell("007"), 7);
  for (const bad of ["1,500", "0x10", "Infinity", "NaN", "", "1e999", "$5", "5%", "1 000", "--1", "e5"]) {
    assert(Number.isNaN(parseNumberCell(bad)), bad);
  }
});

Deno.test("isMissingCell knows the empty string and pandas' usual NA markers", () => {
  for (const m of ["", "NA", "N/A", "n/a", "NaN", "nan", "NULL", "null", "None", "#N/A", "<NA>"]) {
    assert(isMissingCell(m), m);
  }
  for (const v of ["0", "-", "na ", "none", "missing", "NAN"]) assert(!isMissingCell(v), v);
});
