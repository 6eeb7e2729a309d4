/**
 * The one place `lib/data` touches the file system, and the decoding of a file's bytes into text.
 *
 * Files people bring come in more shapes than UTF-8: Excel on Windows writes Windows-1252 ("Zürich" as
 * the single byte `0xFC`) or UTF-16 ("Unicode text"), tools compress exports with gzip, and a workbook is
 * sometimes passed where a CSV was meant. `decodeText` recognises each from its bytes, decodes what can be
 * decoded, and says in a warning what it did; nothing is read with replacement characters silently.
 *
 * References: the WHATWG Encoding Standard (<https://encoding.spec.whatwg.org/>: UTF-8 decoding and its
 * well-formed byte sequences, Table 3-7 of The Unicode Standard §3.9; windows-1252; UTF-16LE/BE and their
 * byte order marks), RFC 1952 (gzip, magic bytes `1f 8b`), the ZIP file format (APPNOTE, local header
 * `50 4b 03 04`, which .xlsx workbooks use) and the Compound File Binary format (`d0 cf 11 e0`, .xls).
 *
 * @module
 */

import { gunzipSync } from "node:zlib";
import { DataError } from "../errors.ts";

/** The encodings `decodeText` reads. */
export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/** A file's text and how it was obtained from the bytes. */
export interface DecodedText {
  /** The text, without a byte order mark. */
  readonly text: string;
  /** How the bytes were decoded (`"utf-8"` also for a UTF-8 file with a few Windows-1252 bytes mixed in). */
  readonly encoding: TextEncodingName;
  /** Whether the bytes were gzip-compressed (and decompressed here). */
  readonly gzip: boolean;
  /** What was done beyond plain UTF-8 decoding, in words, each naming the file (and line where it applies). */
  readonly warnings: readonly string[];
}

/** How many leading bytes are inspected for the NUL-byte pattern of UTF-16 text without a byte order mark. */
const SNIFF_BYTES = 4096;

/**
 * Decodes a text file's bytes, recognising from the bytes themselves:
 *
 * - gzip (`1f 8b`): decompressed, with a warning; an archive that cannot be decompressed is an error;
 * - a ZIP archive (an Excel `.xlsx` workbook is one) or an Excel 97–2003 `.xls` workbook: an error saying to
 *   save the sheet as CSV;
 * - UTF-32 (by byte order mark): an error (rare; save as UTF-8);
 * - UTF-16 LE/BE, by byte order mark (`ff fe`, `fe ff`) or, without one, by the NUL bytes ASCII text has in
 *   every second byte: decoded, with a warning naming the encoding;
 * - UTF-8, with or without byte order mark (`ef bb bf`, dropped): decoded silently;
 * - bytes that are not valid UTF-8 (a Windows-1252/Latin-1 export): decoded as Windows-1252 (each invalid
 *   byte alone, when the rest is valid UTF-8), with a warning naming the first line where such a byte sits
 *   and showing that line as read, so "Zürich" comes out right and the reader can check it;
 * - NUL bytes in anything else (a binary file): an error.
 *
 * @param bytes the file's contents
 * @param source the file name, for errors and warnings
 * @throws DataError naming the file (and line) for a workbook, an undecodable archive, UTF-32 or binary data
 * @example
 * ```ts
 * decodeText(new Uint8Array([0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68]), "geo.csv").text; // "Zürich" (Windows-1252)
 * ```
 */
export function decodeText(bytes: Uint8Array, source: string): DecodedText {
  const warnings: string[] = [];
  let gzip = false;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    let inflated: Uint8Array;
    try {
      inflated = gunzipSync(bytes);
    } catch (error) {
      throw new DataError(
        `the file is gzip-compressed but cannot be decompressed (${(error as Error).message}); ` +
          `it may be truncated: decompress it yourself (gunzip) and check the result`,
        { file: source },
      );
    }
    if (inflated[0] === 0x1f && inflated[1] === 0x8b) {
      throw new DataError("the file is gzip-compressed twice; decompress it first (gunzip, twice)", {
        file: source,
      });
    }
    warnings.push(
      `${source}: the file is gzip-compressed; decompressed it (${bytes.length} to ${inflated.length} bytes)`,
    );
    bytes = inflated;
    gzip = true;
  }
  refuseBinaryFormats(bytes, source);
  const utf16 = utf16Order(bytes);
  if (utf16 !== undefined) {
    const { encoding, bom } = utf16;
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes); // drops the byte order mark
    } catch {
      throw new DataError(
        `the file looks ${encodingLabel(encoding)} (${
          bom ? "byte order mark" : "NUL bytes between letters"
        }) ` +
          `but is not valid ${encodingLabel(encoding)} (odd length or broken surrogates); save it as UTF-8`,
        { file: source },
      );
    }
    warnings.push(
      `${source}: the file is ${encodingLabel(encoding)} (found ${
        bom ? "its byte order mark" : "NUL bytes between letters, no byte order mark"
      }); decoded as ${encodingLabel(encoding)}. Saving it as UTF-8 ("CSV UTF-8" in Excel) avoids this step`,
    );
    return { text, encoding, gzip, warnings };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new DataError(
      `NUL byte at byte ${nul}: this is not a text file (or is in an encoding other than UTF-8, UTF-16 or ` +
        `Windows-1252); expected a CSV saved as UTF-8`,
      { file: source, line: lineOfByte(bytes, nul) },
    );
  }
  const scan = scanUtf8(bytes);
  if (scan.firstInvalid < 0) {
    return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8", gzip, warnings };
  }
  const mixed = scan.multiByte > 0;
  const text = mixed ? decodeMixed(bytes) : new TextDecoder("windows-1252").decode(bytes);
  const where = mixed ? scan.firstInvalid : scan.firstNonAscii;
  const line = lineOfByte(bytes, where);
  const shown = excerpt(lineText(text, line));
  warnings.push(
    mixed
      ? `${source}, line ${line}: the file is UTF-8 with bytes that are not (byte 0x${hex(bytes[where])} ` +
        `first, ${scan.invalid} in all); read those bytes as Windows-1252 (Latin-1), which gives ${
          JSON.stringify(shown)
        } on this line. If a name looks wrong, save the file as UTF-8 and read it again`
      : `${source}, line ${line}: the file is not UTF-8 (byte 0x${hex(bytes[where])} is its first ` +
        `non-ASCII byte); read it as Windows-1252 (Latin-1), which gives ${
          JSON.stringify(shown)
        } on this line. If a name looks wrong, save the file as UTF-8 and read it again`,
  );
  return { text, encoding: mixed ? "utf-8" : "windows-1252", gzip, warnings };
}

/**
 * Reads a text file and decodes it (see `decodeText`), turning I/O failures into a `DataError` that names
 * the file (and, for a missing file, the working directory the relative path was resolved against).
 *
 * @param path a file path, absolute or relative to `Deno.cwd()`
 * @throws DataError when the file is missing, unreadable or not decodable text
 * @example
 * ```ts
 * const { text, warnings } = readTextFile("data/mmm_weekly.csv"); // warnings: [] for a UTF-8 file
 * ```
 */
export function readTextFile(path: string): DecodedText {
  return decodeText(readBytes(path), path);
}

/**
 * Reads a UTF-8 text file as `Deno.readTextFileSync` does (invalid bytes become U+FFFD), turning I/O
 * failures into a `DataError` that names the file. For input files people bring, use `readTextFile`,
 * which recognises other encodings and says what it did.
 *
 * @param path a file path, absolute or relative to `Deno.cwd()`
 * @throws DataError when the file is missing or unreadable
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(readText("data/mmm_weekly.csv").startsWith("week,"), true, 1e-9);
 * ```
 */
export function readText(path: string): string {
  return new TextDecoder("utf-8").decode(readBytes(path));
}

/**
 * Reads a UTF-8 text file that may be absent (an optional output of another task, such as a recovery
 * study's files): its text, or null when there is no such file. Any other failure is a `DataError` naming
 * the file, as for {@link readText}, so that an unreadable file is not taken for a missing one.
 *
 * @param path a file path, absolute or relative to `Deno.cwd()`
 * @throws DataError when the file exists but cannot be read
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(readTextIfPresent("data/no_such_file.csv"), null, 0);
 * assertClose(readTextIfPresent("data/mmm_weekly.csv")?.startsWith("week,"), true, 0);
 * ```
 */
export function readTextIfPresent(path: string): string | null {
  try {
    Deno.statSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw new DataError(`cannot read the file: ${(error as Error).message}`, { file: path });
  }
  return readText(path);
}

function readBytes(path: string): Uint8Array {
  try {
    return Deno.readFileSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new DataError(`file not found (working directory: ${Deno.cwd()})`, { file: path });
    }
    if (error instanceof Deno.errors.IsADirectory) {
      throw new DataError("this is a directory; expected a file", { file: path });
    }
    throw new DataError(`cannot read the file: ${(error as Error).message}`, { file: path });
  }
}

function refuseBinaryFormats(b: Uint8Array, source: string): void {
  const starts = (...magic: number[]) => magic.every((m, i) => b[i] === m);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) {
    throw new DataError(
      `this is a ZIP archive, not a CSV (an Excel .xlsx workbook is one); in Excel use ` +
        `File > Save As > "CSV UTF-8 (Comma delimited)", or unzip the archive first`,
      { file: source },
    );
  }
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    throw new DataError(
      `this is an Excel 97-2003 workbook (.xls), not a CSV; in Excel use File > Save As > ` +
        `"CSV UTF-8 (Comma delimited)"`,
      { file: source },
    );
  }
  if (starts(0xff, 0xfe, 0x00, 0x00) || starts(0x00, 0x00, 0xfe, 0xff)) {
    throw new DataError("the file is UTF-32 (byte order mark); save it as UTF-8", { file: source });
  }
}

/**
 * UTF-16 byte order, from a byte order mark or, without one, from where the NUL bytes sit: ASCII text in
 * UTF-16LE has a NUL in every odd byte, in UTF-16BE in every even byte. Requires NULs in at least a quarter
 * of the byte pairs, on one side at least three times as often as on the other.
 */
function utf16Order(b: Uint8Array): { encoding: "utf-16le" | "utf-16be"; bom: boolean } | undefined {
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: "utf-16le", bom: true };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: "utf-16be", bom: true };
  const m = Math.min(b.length, SNIFF_BYTES) & ~1;
  if (m < 2) return undefined;
  let even = 0, odd = 0;
  for (let i = 0; i < m; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = m / 2;
  if (odd >= pairs / 4 && odd >= 3 * even) return { encoding: "utf-16le", bom: false };
  if (even >= pairs / 4 && even >= 3 * odd) return { encoding: "utf-16be", bom: false };
  return undefined;
}

interface Utf8Scan {
  /** Byte offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
  readonly firstInvalid: number;
  /** Byte offset of the first byte ≥ 0x80, or -1. */
  readonly firstNonAscii: number;
  /** Number of invalid bytes. */
  readonly invalid: number;
  /** Number of well-formed multi-byte sequences. */
  readonly multiByte: number;
}

/** Length of the well-formed UTF-8 sequence starting at `i` (Unicode Table 3-7), or 0 when there is none. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80, hi = c === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80, hi = c === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

function scanUtf8(b: Uint8Array): Utf8Scan {
  let firstInvalid = -1, firstNonAscii = -1, invalid = 0, multiByte = 0;
  for (let i = 0; i < b.length;) {
    if (b[i] < 0x80) {
      i++;
      continue;
    }
    if (firstNonAscii < 0) firstNonAscii = i;
    const len = utf8SequenceLength(b, i);
    if (len === 0) {
      if (firstInvalid < 0) firstInvalid = i;
      invalid++;
      i++;
    } else {
      multiByte++;
      i += len;
    }
  }
  return { firstInvalid, firstNonAscii, invalid, multiByte };
}

/** Well-formed UTF-8 sequences as UTF-8, every other byte as Windows-1252. */
function decodeMixed(b: Uint8Array): string {
  const utf8 = new TextDecoder("utf-8");
  const cp1252 = new TextDecoder("windows-1252");
  const parts: string[] = [];
  let run = 0;
  for (let i = 0; i < b.length;) {
    const len = b[i] < 0x80 ? 1 : utf8SequenceLength(b, i);
    if (len > 0) {
      i += len;
      continue;
    }
    parts.push(utf8.decode(b.subarray(run, i)), cp1252.decode(b.subarray(i, i + 1)));
    run = ++i;
  }
  parts.push(utf8.decode(b.subarray(run)));
  return parts.join("");
}

/** 1-based line of byte `at`, counting LF (or, in a file without LF, CR) line breaks before it. */
function lineOfByte(b: Uint8Array, at: number): number {
  const sep = b.indexOf(0x0a) >= 0 ? 0x0a : 0x0d;
  let line = 1;
  for (let i = 0; i < at; i++) if (b[i] === sep) line++;
  return line;
}

function lineText(text: string, line: number): string {
  const lines = text.includes("\n") ? text.split("\n") : text.split("\r");
  return (lines[line - 1] ?? "").replace(/\r$/, "");
}

function excerpt(s: string): string {
  return s.length <= 80 ? s : s.slice(0, 77) + "...";
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, "0");
}

function encodingLabel(encoding: "utf-16le" | "utf-16be"): string {
  return encoding === "utf-16le" ? "UTF-16LE" : "UTF-16BE";
}
