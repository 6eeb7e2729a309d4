import { readCsv } from "../../lib/data/mod.ts";
import { assertEquals } from "../assert.ts";
import { assertDataError } from "./inline.ts";

const F = "f.csv";

Deno.test("readCsv JSDoc example holds", () => {
  assertEquals(readCsv("a,b\n1,2\n", "x.csv").rows, [["1", "2"]]);
});

Deno.test("row lines count skipped blank lines, on both parsing paths", () => {
  const plain = readCsv("a,b\n1,2\n\n  \n3,4\n", F);
  assertEquals([...plain.lines], [2, 5]);
  const quoted = readCsv('"a",b\n1,2\n\n  \n3,4\n', F);
  assertEquals([...quoted.lines], [2, 5]);
  assertEquals(quoted.rows, plain.rows);
  const late = readCsv("\n\na,b\n1,2\n", F);
  assertEquals([late.headerLine, ...late.lines], [3, 4]);
});

Deno.test("bare CR line endings (old Mac) are read through csv-parse", () => {
  const t = readCsv("a,b\r1,2\r\r3,4\r", F);
  assertEquals(t.rows, [["1", "2"], ["3", "4"]]);
  assertEquals([...t.lines], [2, 4]);
});

Deno.test("quoted fields keep commas, doubled quotes and line breaks; rows after them keep their lines", () => {
  const t = readCsv('name,x\n"a, b",1\n"say ""hi""",2\n"two\nlines",3\nlast,4\n', F);
  assertEquals(t.rows, [["a, b", "1"], ['say "hi"', "2"], ["two\nlines", "3"], ["last", "4"]]);
  assertEquals([...t.lines], [2, 3, 4, 6]);
  const crlf = readCsv('name,x\r\n"two\r\nlines",3\r\nlast,4\r\n', F);
  assertEquals([...crlf.lines], [2, 4]);
  assertEquals(crlf.rows[0][0], "two\nlines"); // line breaks come back as LF
  const mixed = readCsv('name,x\n"two\r\nlines",3\r\nlast,4\rmore,5\n', F);
  assertEquals([...mixed.lines], [2, 4, 5]);
});

Deno.test("the plain and the csv-parse paths give the same table", () => {
  const rows = ["a ,  b,c", " 1,2 ,3", "", "4,5,6  ", "   ", "7,,9"];
  for (const eol of ["\n", "\r\n"]) {
    const plain = readCsv(rows.join(eol) + eol, F);
    const quoted = readCsv(rows.join(eol).replace("c", '"c"') + eol, F); // one quote sends it to csv-parse
    assertEquals(plain.header, ["a", "b", "c"]);
    assertEquals(plain.rows, [["1", "2", "3"], ["4", "5", "6"], ["7", "", "9"]]);
    assertEquals([...plain.lines], [2, 4, 6]);
    assertEquals(quoted, plain);
  }
});

Deno.test("malformed quoting is a DataError at the line and column", () => {
  assertDataError(
    () => readCsv('a,b\n1,2\n3,"x\n4,5\n', F),
    { file: F, line: 3, column: "b" },
    "never closed",
  );
  assertDataError(() => readCsv('a,b\n1,2\n3,x"y\n', F), { file: F, line: 3, column: "b" }, "quote inside");
  assertDataError(
    () => readCsv('a,b\n1,2\n3,"y"z\n', F),
    { file: F, line: 3, column: "b" },
    "after a closing quote",
  );
});

Deno.test("an empty or duplicated header name is a DataError at the header line", () => {
  assertDataError(() => readCsv("a,,c\n1,2,3\n", F), { file: F, line: 1 }, "header field 2 has no name");
  assertDataError(() => readCsv("a,b,\n1,2,\n", F), { file: F, line: 1 }, "header field 3 has no name");
  assertDataError(
    () => readCsv("\na, b ,b\n1,2,3\n", F),
    { file: F, line: 2, column: "b" },
    "fields 2 and 3",
  );
});

Deno.test("a ragged row is a DataError at its line, after a multi-line field too", () => {
  assertDataError(() => readCsv("a,b\n1,2\n3\n", F), { file: F, line: 3 }, "expected 2 fields", "got 1");
  assertDataError(() => readCsv('a,b\n"x\ny",2\n3,4,5\n', F), { file: F, line: 4 }, "got 3");
  assertDataError(() => readCsv('a,b\r\n"x\r\ny",2\r\n3,4,5\r\n', F), { file: F, line: 4 }, "got 3");
  assertDataError(() => readCsv('a,b\n"x\r\ny",2\r\n3,4,5\r\n', F), { file: F, line: 4 }, "got 3"); // mixed
});
