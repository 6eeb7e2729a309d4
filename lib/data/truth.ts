/**
 * The published ground truth of the bundled synthetic data (`data/truth.json`, documented in
 * `data/README.md`), for notebooks that put estimates beside true values. It applies only to the bundled
 * files: a notebook run on a user's data has no truth to show.
 *
 * @module
 */
import type { Truth } from "./truth_schema.ts";
import { DataError } from "../errors.ts";
import { readText } from "./read_text.ts";

export type { GeoTruth, Truth, WeeklyTruth } from "./truth_schema.ts";

/**
 * Reads and checks `truth.json` (seed, weekly and geo sections present).
 *
 * @example
 * ```ts ignore
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const truth = loadTruth("../data/truth.json");
 * assertClose(truth.weekly.adstock.facebook.theta, 0.5, 5e-2);
 * ```
 */
export function loadTruth(path: string): Truth {
  const text = readText(path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DataError(`not valid JSON: ${(error as Error).message}`, { file: path });
  }
  const t = parsed as Partial<Truth>;
  for (const key of ["seed", "weekly", "geo"] as const) {
    if (t[key] === undefined) {
      throw new DataError(`missing "${key}": not a truth file from data/generate.ts`, { file: path });
    }
  }
  return t as Truth;
}

/**
 * The truth's short channel key for a column name: `facebook_spend` → `facebook`, `tv_spend` → `tv`.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(truthKey("google_spend"), "google", 1e-9);
 * ```
 */
export function truthKey(column: string): string {
  return column.replace(/_(spend|send|sends|impressions)$/, "");
}
