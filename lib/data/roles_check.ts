/**
 * The keys a roles part may have and the check of one part: each key a known role, with a column name, a list
 * of column names or a target unit as its value. Used for roles from a file (`roles_file.ts`) and from code
 * (`resolveRoles` in `roles.ts`).
 *
 * @module
 */

import type { Roles, TargetUnit } from "./types.ts";

/** Roles whose value is one column name. */
export const SINGLE_ROLES = [
  "date",
  "target",
  "geo",
  "population",
  "mediator",
  "price",
  "promotion",
] as const;
/** Roles whose value is a list of column names. */
export const LIST_ROLES = ["social", "direct", "media", "impressions", "controls"] as const;
/** Every key a roles part may have: the column roles and `targetUnit`. */
export const ROLE_KEYS: readonly string[] = [...SINGLE_ROLES, ...LIST_ROLES, "targetUnit"];
/** The values of `targetUnit`. */
export const TARGET_UNITS: readonly TargetUnit[] = ["currency", "units"];

/** Checks one partial-roles object; `fail(problem, key)` builds the error. */
export function checkRolesPart(
  value: unknown,
  section: string,
  fail: (problem: string, key?: string) => Error,
): Partial<Roles> {
  const prefix = section === "" ? "" : `${section}.`;
  if (!isPlainObject(value)) {
    throw fail(`key "${section || "roles"}": expected an object of roles, got ${describe(value)}`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const name = `key "${prefix}${key}"`;
    if (!ROLE_KEYS.includes(key)) {
      throw fail(`${name}: unknown role; expected one of ${ROLE_KEYS.join(", ")}`, key);
    }
    if (key === "targetUnit") {
      if (!(TARGET_UNITS as readonly unknown[]).includes(v)) {
        throw fail(
          `${name}: expected "currency" (the target is money, such as revenue) or "units" (a count, ` +
            `such as units sold), got ${describe(v)}`,
          key,
        );
      }
      out[key] = v;
      continue;
    }
    const list = (LIST_ROLES as readonly string[]).includes(key);
    if (v === undefined || v === null) {
      // null (JSON) or undefined (code) removes an optional single role, e.g. a file without a price column
      if (list) {
        throw fail(`${name}: expected an array of column names (use [] for none), got ${describe(v)}`, key);
      }
      if (key === "date" || key === "target") {
        throw fail(
          `${name}: every dataset needs a ${key} column; expected a column name, got ${describe(v)}`,
          key,
        );
      }
      out[key] = undefined;
      continue;
    }
    if (list) {
      if (!Array.isArray(v)) {
        throw fail(`${name}: expected an array of column names, got ${describe(v)}`, key);
      }
      v.forEach((item, i) => {
        if (typeof item !== "string" || item.trim() === "") {
          throw fail(`${name}: item ${i} should be a non-empty column name, got ${describe(item)}`, key);
        }
        if (v.indexOf(item) !== i) throw fail(`${name}: column "${item}" is listed twice`, key);
      });
      out[key] = Object.freeze(v.map((s: string) => s.trim()));
    } else {
      if (typeof v !== "string" || v.trim() === "") {
        throw fail(`${name}: expected a column name (a non-empty string), got ${describe(v)}`, key);
      }
      out[key] = v.trim();
    }
  }
  return out as Partial<Roles>;
}

/** A JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value as an error message shows what it got: `null`, `an array [...]`, `string "x"`, `an object`. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `an array ${JSON.stringify(value)}`;
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}
