import { parseDataset, readCsv } from "../../lib/data/mod.ts";
import { assert, assertEquals } from "../assert.ts";
import { assertDataError, type Table, weeklyTable } from "./inline.ts";

const F = "f.csv";
const W = "w.csv";

/** A table joined with `sep` and, in numeric cells, decimal commas (as a European Excel export writes). */
function european(table: Table, sep = ";"): string {
  return table.map((row, r) => row.map((cell) => (r > 0 ? cell.replace(".", ",") : cell)).join(sep)).join(
    "\r\n",
  ) +
    "\r\n";
}

Deno.test("readCsv JSDoc example: semicolons and a decimal comma", () => {
  const t = readCsv("a;b\n1,5;2\n", "x.csv");
  assertEquals(t.rows, [["1.5", "2"]]);
  assertEquals(t.dialect, { delimiter: ";", decimal: "," });
  assertEquals(t.warnings.length, 2);
});

Deno.test("a comma file has the RFC 4180 dialect and no warnings", () => {
  const t = readCsv("a,b\n1.5,2\n", F);
  assertEquals(t.dialect, { delimiter: ",", decimal: "." });
  assertEquals(t.warnings, []);
});

Deno.test("a semicolon file is read as such, named in a warning, with the field counts", () => {
  const t = readCsv("a;b;c\n1;2;3\n", F);
  assertEquals(t.header, ["a", "b", "c"]);
  assertEquals(t.rows, [["1", "2", "3"]]);
  assertEquals(t.dialect, { delimiter: ";", decimal: "." });
  assertEquals(t.warnings, [
    `${F}, line 1: the header is semicolon-separated (3 fields; 1 when split at commas), as Excel exports CSV ` +
    `where the comma is the decimal mark; read the file as semicolon-separated`,
  ]);
});

Deno.test("decimal commas in a semicolon file are read as decimals, and counted in the warning", () => {
  const t = readCsv("x;y\n1,5;-0,25\n2;,5\n", F);
  assertEquals(t.rows, [["1.5", "-0.25"], ["2", ".5"]]);
  assert(t.warnings[1].startsWith(`${F}, line 2, column "x": numbers are written with a decimal comma`));
  assert(t.warnings[1].includes("read 3 such cells"), t.warnings[1]);
});

Deno.test("points as thousands separators in a decimal-comma file are an error at the cell", () => {
  assertDataError(
    () => readCsv("x;y\n1,5;2\n3;1.234,5\n", F),
    { file: F, line: 3, column: "y" },
    '"1.234,5" has points as thousands separators',
    '"1,5" on line 2',
  );
  assertDataError(() => readCsv("x;y\n1,5;2\n1.234;2\n", F), { file: F, line: 3, column: "x" }, "ambiguous");
  // Without decimal commas a point is a decimal point, also in a semicolon file.
  assertEquals(readCsv("x;y\n1.234;2\n", F).rows, [["1.234", "2"]]);
});

Deno.test("a tab-separated file is read as such", () => {
  const t = readCsv("a\tb\n1\t2,5\n", F);
  assertEquals(t.rows, [["1", "2.5"]]);
  assertEquals(t.dialect, { delimiter: "\t", decimal: "," });
  assert(t.warnings[0].includes("tab-separated"));
});

Deno.test("an Excel sep= line is honoured and skipped; lines still count it", () => {
  const semi = readCsv("sep=;\na;b\n1;2\n", F);
  assertEquals([semi.header, semi.rows, semi.headerLine, [...semi.lines]], [["a", "b"], [["1", "2"]], 2, [
    3,
  ]]);
  assertEquals(
    semi.warnings[0],
    `${F}, line 1: an Excel "sep=;" line names the field separator; read the file as semicolon-separated and skipped that line`,
  );
  const comma = readCsv('"sep=,"\r\na,b\r\n1,2\r\n', F);
  assertEquals([comma.header, comma.dialect.delimiter, comma.headerLine], [["a", "b"], ",", 2]);
  assert(comma.warnings[0].includes('"sep=,"'));
  // Excel pads the sep line with separators in some versions.
  assertEquals(readCsv("sep=;;;\na;b\n1;2\n", F).header, ["a", "b"]);
  assertDataError(() => readCsv("sep=|\na|b\n", F), { file: F, line: 1 }, 'separator "|"');
  assertDataError(() => readCsv("sep=;\n\n", F), { file: F, line: 1 }, 'only an Excel "sep=" line');
});

Deno.test("a quoted semicolon file goes through csv-parse with the same separator", () => {
  const t = readCsv('"name";"x"\n"a;b";1,5\n', F);
  assertEquals(t.rows, [["a;b", "1.5"]]);
  assertDataError(
    () => readCsv('"a";"b"\n1;2;3\n', F),
    { file: F, line: 2 },
    "expected 2 fields",
    "semicolon inside",
  );
});

Deno.test("a European Excel export of the weekly file loads with the right numbers and two warnings", () => {
  const table = weeklyTable(26);
  table[1][7] = "12.75"; // average_price on line 2
  const ds = parseDataset(european(table), W, { kind: "weekly" });
  assertEquals(ds.n, 26);
  assertEquals(ds.columns.average_price[0], 12.75);
  assertEquals(ds.columns.revenue[25], 1025);
  assertEquals(ds.warnings.length, 2);
  assert(ds.warnings[0].includes("semicolon-separated"));
  assert(ds.warnings[1].includes(`line 2, column "average_price": numbers are written with a decimal comma`));
  // The same with an Excel sep line: the header moves to line 2 and the sep line is reported.
  const withSep = parseDataset("sep=;\r\n" + european(table), W, { kind: "weekly" });
  assertEquals(withSep.columns.average_price[0], 12.75);
  assert(withSep.warnings[0].includes('"sep=;"'));
});

Deno.test("a semicolon file is never diagnosed as missing columns; its real problems keep their lines", () => {
  const table = weeklyTable(26);
  table[4][11] = "abc"; // revenue on line 5
  assertDataError(
    () => parseDataset(european(table), W, { kind: "weekly" }),
    { file: W, line: 5, column: "revenue" },
    'got "abc"',
  );
});

Deno.test("a text that already holds U+FFFD gets a warning naming the line", () => {
  const t = readCsv("geo,x\nZ\uFFFDrich,1\n", F);
  assertEquals(t.warnings.length, 1);
  assert(t.warnings[0].startsWith(`${F}, line 2: the text contains the replacement character`));
});

Deno.test("a date written day-first gets a hint", () => {
  const table = weeklyTable(26);
  table[1][0] = "01.01.2024";
  assertDataError(
    () => parseDataset(table.map((r) => r.join(",")).join("\n"), W, { kind: "weekly" }),
    { file: W, line: 2, column: "week" },
    "day- or month-first",
  );
});
