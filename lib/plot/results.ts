/**
 * The machine-readable results behind a notebook's tables and figures.
 *
 * A notebook gathers what it shows into one object and calls `publishResults` once at the end.
 *
 * - Under `deno task report` (environment variable `MMM_RESULTS_DIR` set), it writes
 *   `<MMM_RESULTS_DIR>/<notebook>.json` itself, synchronously, through a temporary file and a rename, and shows
 *   one line saying so. A display output is not a reliable carrier: a large one (the geo notebook's per-cell
 *   contributions run to megabytes) can reach nbconvert after the kernel reports the cell idle, and be lost.
 * - Interactively (no `MMM_RESULTS_DIR`), it displays the payload as `application/json`, which Jupyter Lab shows as
 *   a tree (HTML reports omit it).
 *
 * This is the one place in `lib/` that writes a file; it writes only where the report task tells it to.
 *
 * @module
 */
import { displayBundle } from "./kernel.ts";

/**
 * A JSON-safe deep copy: typed arrays become arrays, non-finite numbers become `null`, `Map`s become
 * objects, functions are dropped. Key order is preserved, so two runs serialize identically.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(toJson({ a: new Float64Array([1, NaN]) }), { a: [1, null] }, 1e-9);
 * ```
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

/** The serialized results file: stable key order (insertion order), two-space indent, trailing newline. */
export function resultsJson(notebook: string, results: Record<string, unknown>): string {
  return JSON.stringify({ notebook, results: toJson(results) }, null, 2) + "\n";
}

/**
 * Publishes a notebook's results (see module doc). Resolves to nothing, so that a cell ending with it does not
 * echo the payload as text.
 *
 * @param directory where to write (default: the `MMM_RESULTS_DIR` environment variable, if set)
 */
export async function publishResults(
  notebook: string,
  results: Record<string, unknown>,
  directory: string | undefined = resultsDirectory(),
): Promise<void> {
  if (!/^[\w.-]+$/.test(notebook)) {
    throw new RangeError(`notebook name "${notebook}" must be a plain file name`);
  }
  const text = resultsJson(notebook, results);
  if (directory) {
    const target = `${directory}/${notebook}.json`;
    const tmp = `${target}.tmp-${crypto.randomUUID().slice(0, 8)}`;
    Deno.writeTextFileSync(tmp, text);
    Deno.renameSync(tmp, target);
    await displayBundle({
      "text/plain": `Results written to ${notebook}.json (${Object.keys(results).length} entries).`,
    });
  } else {
    await displayBundle({ "application/json": JSON.parse(text) });
  }
}

function resultsDirectory(): string | undefined {
  try {
    return Deno.env.get("MMM_RESULTS_DIR") || undefined;
  } catch {
    return undefined; // no --allow-env: interactive display only
  }
}
