/**
 * The tidy estimates file, the stable contract for reviewers and other tools (DESIGN.md, "Contracts"):
 * one row per (model, quantity, channel), columns exactly
 * `model,quantity,channel,estimate,lower,upper,level,unit`, with the same intervals the notebooks show.
 *
 * Notebooks put their rows under `results.estimates` (built with `tidyEstimate`); the report task gathers
 * them from every notebook's results into `results/estimates.csv` and `results/estimates.json`.
 *
 * @module
 */
import { toCsv } from "./csv_export.ts";

/** The models of the contract. */
export type EstimateModel = "national" | "geo";

/** The quantities of the contract, by model (DESIGN.md). */
export const ESTIMATE_QUANTITIES: Readonly<Record<EstimateModel, readonly string[]>> = {
  national: [
    "google_per_dollar",
    "indirect_per_dollar",
    "direct_per_dollar",
    "total_per_dollar",
    "roi",
    "contribution",
    "price_elasticity",
    "promotion_lift",
    "carryover",
  ],
  geo: ["roi", "contribution", "marginal_roi", "carryover", "control"],
};

/** The columns of the file, in order. */
export const ESTIMATE_COLUMNS = [
  "model",
  "quantity",
  "channel",
  "estimate",
  "lower",
  "upper",
  "level",
  "unit",
] as const;

/** One row of the tidy estimates file. `lower`/`upper` are null where no interval is computed. */
export interface TidyEstimate {
  /** Which model produced the row: the national two-stage model or the geo panel. */
  readonly model: EstimateModel;
  /** What is estimated, one of `ESTIMATE_QUANTITIES[model]` (e.g. `"roi"`, `"carryover"`). */
  readonly quantity: string;
  /** The input file's column name; empty where no channel applies. */
  readonly channel: string;
  /** The point estimate, finite, in `unit`. */
  readonly estimate: number;
  /** Lower bound of the interval at `level`, in `unit`; null where no interval is computed. */
  readonly lower: number | null;
  /** Upper bound of the interval at `level`, in `unit`; null where no interval is computed. */
  readonly upper: number | null;
  /** Interval level (0.95), null without an interval. */
  readonly level: number | null;
  /** What the number is measured in, e.g. "revenue per dollar", "revenue", "elasticity", "weeks". */
  readonly unit: string;
}

/**
 * A checked row: the quantity must belong to the model's vocabulary, the estimate must be finite, and an
 * interval's bounds, when given, must be ordered. Containment of the estimate is not required (a bootstrap
 * percentile interval need not contain the point estimate). Non-finite bounds become null, and so does the
 * level of a row without an interval.
 *
 * @example
 * ```ts ignore
 * tidyEstimate({ model: "geo", quantity: "roi", channel: "tv_spend", estimate: 1.2, lower: 0.8, upper: 1.7,
 *   level: 0.95, unit: "sales per unit of spend" }).quantity; // "roi"
 * ```
 */
export function tidyEstimate(row: TidyEstimate): TidyEstimate {
  if (!ESTIMATE_QUANTITIES[row.model]?.includes(row.quantity)) {
    throw new RangeError(`"${row.quantity}" is not a ${row.model} quantity of the estimates contract`);
  }
  if (!Number.isFinite(row.estimate)) {
    throw new RangeError(`${row.model} ${row.quantity} ${row.channel}: estimate is ${row.estimate}`);
  }
  const finite = (x: number | null) => (x === null || !Number.isFinite(x) ? null : x);
  const lower = finite(row.lower), upper = finite(row.upper);
  if (lower !== null && upper !== null && !(lower <= upper)) {
    throw new RangeError(
      `${row.model} ${row.quantity} ${row.channel}: interval [${lower}, ${upper}] is empty`,
    );
  }
  const hasInterval = lower !== null || upper !== null;
  return { ...row, lower, upper, level: hasInterval ? row.level : null };
}

/**
 * Gathers rows from several notebooks: one row per (model, quantity, channel), the first occurrence kept
 * (notebooks are read in order, and a later notebook that repeats a row refits the same deterministic
 * model); sorted by model, then the contract's quantity order, then channel.
 */
export function mergeEstimates(groups: readonly (readonly TidyEstimate[])[]): TidyEstimate[] {
  const seen = new Map<string, TidyEstimate>();
  for (const rows of groups) {
    for (const r of rows) {
      const key = `${r.model}\u0000${r.quantity}\u0000${r.channel}`;
      if (!seen.has(key)) seen.set(key, r);
    }
  }
  const order = (r: TidyEstimate) => ESTIMATE_QUANTITIES[r.model].indexOf(r.quantity);
  return [...seen.values()].sort((a, b) =>
    a.model.localeCompare(b.model) || order(a) - order(b) || a.channel.localeCompare(b.channel)
  );
}

/** The CSV text of the file. */
export function estimatesCsv(rows: readonly TidyEstimate[]): string {
  return toCsv(rows as unknown as Record<string, string | number | null>[], [...ESTIMATE_COLUMNS]);
}
