/**
 * Column roles: which header name is the date, the target, the mediator, each channel and each control.
 *
 * The defaults match the bundled files and the usual seed schemas; a roles JSON file
 * (`{ "weekly": { ... }, "geo": { ... } }`) overrides any of them, so the same notebooks run on another
 * file without code changes.
 *
 * Files: `roles_file.ts` reads roles files (`parseRoles`, `loadRolesFile`, `rolesSource`), `roles_check.ts`
 * holds the role keys and checks one roles part; this module holds the defaults, resolves and checks a full set
 * of roles, and re-exports the roles-file functions.
 *
 * @module
 */

import { DataError } from "../errors.ts";
import { checkRolesPart, LIST_ROLES, SINGLE_ROLES } from "./roles_check.ts";
import { rolesSource } from "./roles_file.ts";
import type { Roles } from "./types.ts";

export { loadRolesFile, parseRoles, type RolesSource, rolesSource } from "./roles_file.ts";

/** Which default schema to start from: a national weekly series, or a geo × week panel. */
export type DatasetKind = "weekly" | "geo";

/** Role overrides read from a roles file, one optional part per kind of dataset. */
export interface RolesConfig {
  /** Overrides of `WEEKLY_ROLES` for the national weekly file (the file's `"weekly"` section); undefined when absent. */
  readonly weekly?: Partial<Roles>;
  /** Overrides of `GEO_ROLES` for the geo panel (the file's `"geo"` section); undefined when absent. */
  readonly geo?: Partial<Roles>;
}

/**
 * Default roles for the national weekly file, whose header is
 * `week,facebook_spend,google_spend,tiktok_spend,instagram_spend,snapchat_spend,social_followers,
 * average_price,promotions,emails_send,sms_send,revenue`.
 *
 * Google spend is the mediator (search demand is partly created by social media), the four social
 * channels may act through it, email and SMS act directly.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(WEEKLY_ROLES.mediator, "google_spend", 1e-9);
 * ```
 */
export const WEEKLY_ROLES: Roles = deepFreeze({
  date: "week",
  target: "revenue",
  targetUnit: "currency",
  mediator: "google_spend",
  social: ["facebook_spend", "tiktok_spend", "instagram_spend", "snapchat_spend"],
  direct: ["emails_send", "sms_send"],
  media: [],
  impressions: [],
  price: "average_price",
  promotion: "promotions",
  controls: ["social_followers"],
});

/**
 * Default roles for the geo panel, whose header is
 * `geo,date,tv_spend,print_spend,search_spend,social_spend,radio_spend,tv_impressions,print_impressions,
 * search_impressions,social_impressions,radio_impressions,population,competitor_sales_control,
 * sentiment_score_control,sales` (the layout of Google Meridian's simulated geo data).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(GEO_ROLES.media.length, 5, 1e-9);
 * ```
 */
export const GEO_ROLES: Roles = deepFreeze({
  date: "date",
  geo: "geo",
  target: "sales",
  targetUnit: "currency",
  population: "population",
  social: [],
  direct: [],
  media: ["tv_spend", "print_spend", "search_spend", "social_spend", "radio_spend"],
  impressions: [
    "tv_impressions",
    "print_impressions",
    "search_impressions",
    "social_impressions",
    "radio_impressions",
  ],
  controls: ["competitor_sales_control", "sentiment_score_control"],
});

/**
 * Every column the roles need, each once, in role order: date, geo, target, population, mediator,
 * social, direct, media, impressions, price, promotion, controls.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(rolesColumns(WEEKLY_ROLES).slice(0, 3), ["week", "revenue", "google_spend"], 1e-9);
 * ```
 */
export function rolesColumns(roles: Roles): string[] {
  const out: string[] = [];
  const add = (name: string | undefined) => {
    if (name !== undefined && !out.includes(name)) out.push(name);
  };
  add(roles.date);
  add(roles.geo);
  add(roles.target);
  add(roles.population);
  add(roles.mediator);
  for (const name of roles.social) add(name);
  for (const name of roles.direct) add(name);
  for (const name of roles.media) add(name);
  for (const name of roles.impressions) add(name);
  add(roles.price);
  add(roles.promotion);
  for (const name of roles.controls) add(name);
  return out;
}

/**
 * The spend-like columns, which must not be negative: social, direct, media, the mediator and
 * impressions (exposure counts are spend-like too).
 *
 * @example
 * ```ts
 * spendColumns(WEEKLY_ROLES); // ["google_spend", "facebook_spend", ..., "emails_send", "sms_send"]
 * ```
 */
export function spendColumns(roles: Roles): string[] {
  const out: string[] = [];
  for (
    const name of [roles.mediator, ...roles.social, ...roles.direct, ...roles.media, ...roles.impressions]
  ) {
    if (name !== undefined && !out.includes(name)) out.push(name);
  }
  return out;
}

/**
 * The role (or roles) a column plays, in words, e.g. `"target"` or `"social"`; `undefined` when no role
 * names it.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(roleOf(WEEKLY_ROLES, "sms_send"), "direct", 1e-9);
 * ```
 */
export function roleOf(roles: Roles, column: string): string | undefined {
  const found: string[] = [];
  for (const key of SINGLE_ROLES) if (roles[key] === column) found.push(key);
  for (const key of LIST_ROLES) if (roles[key].includes(column)) found.push(key);
  return found.length > 0 ? found.join(", ") : undefined;
}

/**
 * The default roles for `kind`, overridden by `overrides`, checked: every key must be a known role with
 * the right type (a column name, or a list of column names; `targetUnit` is `"currency"` or `"units"`),
 * `geo` is required for a panel, the impression columns are empty or pair one-to-one with the media
 * columns, and no column plays two roles.
 *
 * When `overrides` came from a roles file (`parseRoles`, `loadRolesFile`), an error about a key the file
 * sets names the roles file and the key's line (and `source`, the data file the roles were for); errors
 * about defaults name `source`.
 *
 * @param kind which defaults to start from (`WEEKLY_ROLES` or `GEO_ROLES`)
 * @param overrides partial roles (from `loadRolesFile` or code); a single role set to `undefined` (`null` in
 *   a roles file) is dropped (`{ price: undefined }` for a file without prices); checked at run time too,
 *   since notebook cells are not type-checked
 * @param source named in errors (the data file the roles will read)
 * @throws DataError naming the roles file or `source`, and the offending role key
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(resolveRoles("weekly", { target: "sales" }).target, "sales", 1e-9);
 * ```
 */
export function resolveRoles(
  kind: DatasetKind,
  overrides: Partial<Roles> | undefined,
  source = "roles",
): Roles {
  if (kind !== "weekly" && kind !== "geo") {
    throw new RangeError(`kind must be "weekly" or "geo", got ${JSON.stringify(kind)}`);
  }
  const origin = overrides === undefined || overrides === null || typeof overrides !== "object"
    ? undefined
    : rolesSource(overrides);
  const fromFile = (key: string) => origin !== undefined && Object.hasOwn(overrides!, key);
  const forSource = source === "roles" ? "" : ` (roles for ${source})`;
  /** An error at the first of `keys` the roles file sets, else at `source`. */
  const fail = (problem: string, keys: readonly string[] = [], defaultHint = "") => {
    const key = keys.find(fromFile);
    if (key !== undefined) {
      return new DataError(`key "${origin!.section}.${key}": ${problem}${forSource}`, {
        file: origin!.file,
        line: origin!.line(key),
      });
    }
    return new DataError(`roles: ${problem}${defaultHint}`, { file: source });
  };
  const checked = overrides === undefined
    ? {}
    : checkRolesPart(overrides, "", (problem, key) => fail(problem, key === undefined ? [] : [key]));
  const roles: Roles = { ...(kind === "weekly" ? WEEKLY_ROLES : GEO_ROLES), ...checked };
  if (kind === "geo" && roles.geo === undefined) {
    throw fail(`a geo panel needs a "geo" role (the column naming each row's geo)`, ["geo"]);
  }
  if (roles.impressions.length > 0 && roles.impressions.length !== roles.media.length) {
    const which = (key: string) => (fromFile(key) ? "" : " (the default)");
    throw fail(
      `"impressions" pairs with "media" column by column: expected ${roles.media.length} names, got ` +
        `${roles.impressions.length}; media${which("media")}: ${JSON.stringify(roles.media)}, ` +
        `impressions${which("impressions")}: ${JSON.stringify(roles.impressions)}. ` +
        `List one impression column per media column, or set "impressions": [] when there are none`,
      ["impressions", "media"],
    );
  }
  const seen = new Map<string, string>();
  const claim = (name: string | undefined, role: string) => {
    if (name === undefined) return;
    const other = seen.get(name);
    if (other !== undefined) {
      const how = (
        key: string,
      ) => (origin === undefined || fromFile(key) ? `"${key}"` : `"${key}" (the default)`);
      throw fail(
        `column "${name}" plays two roles, ${how(other)} and ${how(role)}; give it one`,
        [role, other],
      );
    }
    seen.set(name, role);
  };
  for (const key of SINGLE_ROLES) claim(roles[key], key);
  for (const key of LIST_ROLES) for (const name of roles[key]) claim(name, key);
  return roles;
}

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) if (typeof v === "object" && v !== null) Object.freeze(v);
  return Object.freeze(value);
}
