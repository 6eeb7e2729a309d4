/**
 * The machine-readable results behind a notebook's tables and figures.
 *
 * A notebook gathers what it shows into one object and calls `publishResults` once at the end. Inside the
 * kernel that emits a display output with the MIME type `RESULTS_MIME` (plus `application/json`, which
 * Jupyter Lab shows as a tree; HTML reports omit both). `deno task report` extracts it from the executed
 * notebook and writes `reports/results/<notebook>.json`. Library code stays free of file I/O.
 *
 * @module
 */
import { displayBundle } from "./kernel.ts";

/** MIME type of the results payload in an executed notebook. */
export const RESULTS_MIME = "application/vnd.mmm.results+json";

/**
 * A JSON-safe deep copy: typed arrays become arrays, non-finite numbers become `null`, `Map`s become
 * objects, functions are dropped. Key order is preserved, so two runs serialize identically.
 *
 * @example
 * toJson({ a: new Float64Array([1, NaN]) }); // { a: [1, null] }
 */
export function toJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "function") return undefined;
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, (x) => toJson(x));
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toJson(v)]));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const j = toJson(v);
    if (j !== undefined) out[k] = j;
  }
  return out;
}

/**
 * Publishes a notebook's results (see module doc). Resolves to nothing, so that a cell ending with it does not
 * echo the payload as text.
 */
export async function publishResults(notebook: string, results: Record<string, unknown>): Promise<void> {
  const payload = { notebook, results: toJson(results) };
  await displayBundle({ [RESULTS_MIME]: payload, "application/json": payload });
}
