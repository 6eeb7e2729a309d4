/**
 * The report's tidy files, gathered from the notebooks' results JSON:
 *
 * - `results/estimates.csv` and `results/estimates.json`: every notebook's `results.estimates` rows (the
 *   tidy contract, `lib/plot/estimates.ts`), one row per (model, quantity, channel);
 * - `results/<name>.csv`: each table a notebook lists under `results.exports` as
 *   `{ [name]: { columns: string[], rows: object[] } }` (for instance ROI and contribution per geo, year,
 *   month and channel), written with formula-neutralized text.
 *
 * @module
 */
import { estimatesCsv, mergeEstimates, type TidyEstimate, tidyEstimate } from "../lib/plot/estimates.ts";
import { type CsvValue, toCsv } from "../lib/plot/csv_export.ts";

/** A notebook's results file as `publishResults` writes it. */
export interface ResultsFile {
  readonly notebook: string;
  readonly results: Record<string, unknown>;
}

/** A file the report writes beside the notebooks' results, for the index to link. */
export interface TidyFile {
  /** Path inside the report folder, e.g. `results/estimates.csv`. */
  readonly path: string;
  readonly text: string;
  /** What the file holds, for the index. */
  readonly description: string;
}

/** An export table as a notebook publishes it. */
interface ExportTable {
  readonly columns: readonly string[];
  readonly rows: readonly Record<string, CsvValue>[];
  readonly description?: string;
}

function isExportTable(x: unknown): x is ExportTable {
  const t = x as ExportTable;
  return typeof t === "object" && t !== null && Array.isArray(t.columns) && Array.isArray(t.rows);
}

/**
 * The tidy files of a set of notebooks' results (read in notebook order). Rows that break the estimates
 * contract throw, naming the notebook: a report must not ship a file other tools cannot trust.
 */
export function tidyFiles(files: readonly ResultsFile[]): TidyFile[] {
  const groups: TidyEstimate[][] = [];
  const out: TidyFile[] = [];
  for (const f of files) {
    const rows = f.results.estimates;
    if (rows !== undefined) {
      if (!Array.isArray(rows)) throw new TypeError(`${f.notebook}: results.estimates is not a list`);
      groups.push(rows.map((r, i) => {
        try {
          return tidyEstimate(r as TidyEstimate);
        } catch (error) {
          throw new TypeError(`${f.notebook}: results.estimates[${i}]: ${(error as Error).message}`);
        }
      }));
    }
    const exports = f.results.exports;
    if (exports && typeof exports === "object") {
      for (const [name, table] of Object.entries(exports as Record<string, unknown>)) {
        if (!/^[\w.-]+$/.test(name)) {
          throw new TypeError(`${f.notebook}: export name "${name}" is not a file name`);
        }
        if (!isExportTable(table)) {
          throw new TypeError(`${f.notebook}: export "${name}" needs columns and rows`);
        }
        out.push({
          path: `results/${name}.csv`,
          text: toCsv(table.rows, table.columns),
          description: table.description ?? `${name} (from ${f.notebook})`,
        });
      }
    }
  }
  const estimates = mergeEstimates(groups);
  if (estimates.length > 0) {
    out.unshift(
      {
        path: "results/estimates.csv",
        text: estimatesCsv(estimates),
        description: "Headline estimates with their 95% intervals, one row per model, quantity and channel",
      },
      {
        path: "results/estimates.json",
        text: JSON.stringify(estimates, null, 2) + "\n",
        description: "The same estimates as JSON",
      },
    );
  }
  return out;
}
