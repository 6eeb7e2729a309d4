import { gzipSync } from "node:zlib";
import { decodeText, loadDataset, readTextFile } from "../../lib/data/mod.ts";
import { readTextIfPresent } from "../../lib/data/read_text.ts";
import { DataError } from "../../lib/errors.ts";
import { assert, assertEquals, assertThrows } from "../assert.ts";
import { assertDataError, geoTable, toCsv } from "./inline.ts";

const F = "f.csv";

/** Bytes of an ASCII/Latin-1 string, one byte per character (the definition of ISO-8859-1). */
function latin1(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => {
    const code = c.charCodeAt(0);
    if (code > 0xff) throw new Error(`test bug: ${c} is not Latin-1`);
    return code;
  });
}

/** UTF-16 code units of a string, little- or big-endian, with an optional byte order mark (U+FEFF). */
function utf16(s: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const units = [...(bom ? [0xfeff] : []), ...Array.from(s, (c) => c.charCodeAt(0))];
  const out = new Uint8Array(units.length * 2);
  units.forEach((u, i) => {
    out[2 * i + (littleEndian ? 0 : 1)] = u & 0xff;
    out[2 * i + (littleEndian ? 1 : 0)] = u >> 8;
  });
  return out;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

Deno.test("decodeText JSDoc example: a Windows-1252 byte 0xFC is ü", () => {
  assertEquals(decodeText(new Uint8Array([0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68]), "geo.csv").text, "Zürich");
});

Deno.test("plain UTF-8 is decoded silently; a UTF-8 byte order mark is dropped", () => {
  const plain = decodeText(utf8("a,b\nZürich,2\n"), F);
  assertEquals([plain.text, plain.encoding, plain.gzip, plain.warnings], [
    "a,b\nZürich,2\n",
    "utf-8",
    false,
    [],
  ]);
  const bom = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("a,b\n")]), F);
  assertEquals([bom.text, bom.warnings], ["a,b\n", []]);
});

Deno.test("Windows-1252 text is read right, with a warning naming the file and the first non-ASCII line", () => {
  const d = decodeText(latin1("geo,x\nBern,1\nZ\xfcrich,2\nGen\xe8ve,3\n"), F);
  assertEquals(d.text, "geo,x\nBern,1\nZürich,2\nGenève,3\n");
  assertEquals(d.encoding, "windows-1252");
  assertEquals(d.warnings.length, 1);
  assert(d.warnings[0].startsWith(`${F}, line 3: the file is not UTF-8`), d.warnings[0]);
  assert(d.warnings[0].includes("Windows-1252") && d.warnings[0].includes('"Zürich,2"'), d.warnings[0]);
  assert(!d.text.includes("\uFFFD"));
  // 0x80 is the euro sign in Windows-1252 (not a C1 control as in ISO-8859-1).
  assertEquals(decodeText(latin1("\x80"), F).text, "€");
});

Deno.test("a UTF-8 file with a few Windows-1252 bytes keeps its UTF-8 and reads the stray bytes as 1252", () => {
  const bytes = new Uint8Array([...utf8("geo\nGenève\n"), ...latin1("Z\xfcrich\n")]);
  const d = decodeText(bytes, F);
  assertEquals(d.text, "geo\nGenève\nZürich\n");
  assertEquals(d.encoding, "utf-8");
  assert(d.warnings[0].startsWith(`${F}, line 3: the file is UTF-8 with bytes that are not`), d.warnings[0]);
});

Deno.test("UTF-16 with a byte order mark, either order, is decoded with a warning naming the encoding", () => {
  const text = "week,revenue\r\n2024-01-01,10\r\n";
  for (const littleEndian of [true, false]) {
    const d = decodeText(utf16(text, littleEndian, true), F);
    const name = littleEndian ? "UTF-16LE" : "UTF-16BE";
    assertEquals(d.text, text);
    assertEquals(d.encoding, littleEndian ? "utf-16le" : "utf-16be");
    assert(d.warnings[0].startsWith(`${F}: the file is ${name}`), d.warnings[0]);
    assert(d.warnings[0].includes("byte order mark"));
  }
});

Deno.test("UTF-16 without a byte order mark is recognised by its NUL bytes", () => {
  const text = "geo,x\nZürich,1\n";
  const le = decodeText(utf16(text, true, false), F);
  assertEquals([le.text, le.encoding], [text, "utf-16le"]);
  assert(le.warnings[0].includes("NUL bytes between letters"));
  const be = decodeText(utf16(text, false, false), F);
  assertEquals([be.text, be.encoding], [text, "utf-16be"]);
});

Deno.test("UTF-16 of odd length is an error naming the file", () => {
  const bytes = utf16("a,b\n", true, true);
  assertDataError(
    () => decodeText(bytes.subarray(0, bytes.length - 1), F),
    { file: F },
    "not valid UTF-16LE",
  );
});

Deno.test("gzip is decompressed with a warning; a truncated archive is an error saying to decompress it", () => {
  const text = "week,revenue\n2024-01-01,10\n";
  const gz = gzipSync(utf8(text));
  const d = decodeText(gz, F);
  assertEquals([d.text, d.gzip], [text, true]);
  assert(d.warnings[0].startsWith(`${F}: the file is gzip-compressed; decompressed it`), d.warnings[0]);
  // gzip of a Windows-1252 file: both steps are reported.
  const both = decodeText(gzipSync(latin1("geo\nZ\xfcrich\n")), F);
  assertEquals(both.text, "geo\nZürich\n");
  assertEquals(both.warnings.length, 2);
  assertDataError(() => decodeText(gz.subarray(0, 12), F), { file: F }, "gzip-compressed", "decompress it");
  assertDataError(() => decodeText(gzipSync(gz), F), { file: F }, "gzip-compressed twice");
});

Deno.test("workbooks, UTF-32 and binary files are errors saying what the file is", () => {
  assertDataError(
    () => decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), F),
    { file: F },
    "ZIP archive",
    ".xlsx",
    "CSV UTF-8",
  );
  assertDataError(
    () => decodeText(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), F),
    { file: F },
    "Excel 97-2003 workbook",
  );
  assertDataError(
    () => decodeText(new Uint8Array([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]), F),
    { file: F },
    "UTF-32",
  );
  // A NUL byte at byte 6 on line 2, in text whose NULs do not follow the UTF-16 pattern.
  assertDataError(
    () => decodeText(new Uint8Array([...utf8("a,b\n1,"), 0, ...utf8("2\n3,4\n5,6\n7,8\n")]), F),
    { file: F, line: 2 },
    "NUL byte at byte 6",
    "not a text file",
  );
});

Deno.test("readTextFile names a missing file and a directory", () => {
  assertDataError(() => readTextFile("no/such/file.csv"), { file: "no/such/file.csv" }, "file not found");
  const dir = Deno.makeTempDirSync();
  try {
    assertDataError(() => readTextFile(dir), { file: dir }, /directory|cannot read/);
  } finally {
    Deno.removeSync(dir);
  }
});

Deno.test("loadDataset reads a Windows-1252 panel: the geo name is right and the warning is in the dataset", () => {
  const table = geoTable(["Bern", "Zurich"], 26);
  const text = toCsv(table).replaceAll("Zurich", "Z\xfcrich");
  const path = Deno.makeTempFileSync({ suffix: ".csv" });
  try {
    Deno.writeFileSync(path, latin1(text));
    const ds = loadDataset(path, { kind: "geo" });
    assertEquals(ds.geos?.[26], "Zürich");
    assertEquals(ds.warnings.length, 1);
    // Row 26 of the body (Zürich's first week) is line 28: header line 1, Bern's 26 rows on lines 2..27.
    assert(ds.warnings[0].startsWith(`${path}, line 28: the file is not UTF-8`), ds.warnings[0]);
    Deno.writeFileSync(path, gzipSync(utf16(text, true, true)));
    const packed = loadDataset(path, { kind: "geo" });
    assertEquals(packed.geos?.[26], "Zürich");
    assertEquals(packed.columns.sales, ds.columns.sales);
    assertEquals(packed.warnings.length, 2); // gzip, then UTF-16LE
  } finally {
    Deno.removeSync(path);
  }
});

Deno.test("readTextIfPresent: null for a missing file, the text of a present one, an error for a directory", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assertEquals(readTextIfPresent(`${dir}/absent.csv`), null);
    await Deno.writeTextFile(`${dir}/present.csv`, "a,b\n1,2\n");
    assertEquals(readTextIfPresent(`${dir}/present.csv`), "a,b\n1,2\n");
    // a folder where the file should be is not "absent": it is said, naming the path
    await Deno.mkdir(`${dir}/folder.csv`);
    assertThrows(() => readTextIfPresent(`${dir}/folder.csv`), DataError, "directory");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
