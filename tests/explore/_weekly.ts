/**
 * A small inline weekly dataset for the EDA tests: the columns given (one value per week from 2024-01-01)
 * under the given roles.
 *
 * @module
 */
import type { Dataset, Roles } from "../../lib/data/types.ts";
import { WEEKLY_ROLES } from "../../lib/data/mod.ts";

/** A weekly dataset of `columns` (plain arrays, one per column) with `roles` (default the bundled roles). */
export function weekly(columns: Record<string, number[]>, roles: Roles = WEEKLY_ROLES): Dataset {
  const n = Object.values(columns)[0]?.length ?? 1;
  return {
    source: "inline",
    n,
    dates: Array.from({ length: n }, (_, i) => `2024-01-${String(1 + i).padStart(2, "0")}`),
    columns: Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Float64Array.from(v)])),
    roles,
    warnings: [],
  };
}
