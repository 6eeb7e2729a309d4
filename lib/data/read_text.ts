/**
 * The one place `lib/data` touches the file system.
 *
 * @module
 */

import { DataError } from "../errors.ts";

/**
 * Reads a UTF-8 text file, turning I/O failures into a `DataError` that names the file (and, for a
 * missing file, the working directory the relative path was resolved against).
 *
 * @param path a file path, absolute or relative to `Deno.cwd()`
 * @throws DataError when the file is missing or unreadable
 * @example
 * readText("data/mmm_weekly.csv").startsWith("week,"); // true
 */
export function readText(path: string): string {
  try {
    return Deno.readTextFileSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new DataError(`file not found (working directory: ${Deno.cwd()})`, { file: path });
    }
    throw new DataError(`cannot read the file: ${(error as Error).message}`, { file: path });
  }
}
