/**
 * Column roles: which header name is the date, the target, the mediator, each channel and each control.
 *
 * The defaults match the bundled files and the usual seed schemas; a roles JSON file
 * (`{ "weekly": { ... }, "geo": { ... } }`) overrides any of them, so the same notebooks run on another
 * file without code changes.
 *
 * @module
 */

import { DataError } from "../errors.ts";
import { readTextFile } from "./read_text.ts";
import type { Roles, TargetUnit } from "./types.ts";

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

/** Roles whose value is one column name. */
const SINGLE_ROLES = ["date", "target", "geo", "population", "mediator", "price", "promotion"] as const;
/** Roles whose value is a list of column names. */
const LIST_ROLES = ["social", "direct", "media", "impressions", "controls"] as const;
/** Every key a roles part may have: the column roles and `targetUnit`. */
const ROLE_KEYS: readonly string[] = [...SINGLE_ROLES, ...LIST_ROLES, "targetUnit"];
/** The values of `targetUnit`. */
const TARGET_UNITS: readonly TargetUnit[] = ["currency", "units"];

/** Where a roles part read from a file came from: the file, its section, its text (for key lines). */
interface RolesOrigin {
  readonly file: string;
  readonly section: DatasetKind;
  readonly text: string;
  readonly warnings: readonly string[];
}

/**
 * Roles parts returned by `parseRoles`/`loadRolesFile`, mapped to their file. Notebooks pass a part on
 * (`loadDataset(path, { roles: config.weekly })`), and errors about a role found later (a column missing
 * from the CSV, a column playing two roles) can then name the roles file and the key's line. A part copied
 * with a spread loses its origin, and errors name the data file instead.
 */
const ORIGINS = new WeakMap<object, RolesOrigin>();

/** Where a roles part came from, when `parseRoles` made it: the file, the section, a key's line. */
export interface RolesSource {
  /** The roles file. */
  readonly file: string;
  /** Its section the part came from. */
  readonly section: DatasetKind;
  /** Warnings from reading the roles file (its encoding), to pass on with the dataset's. */
  readonly warnings: readonly string[];
  /** 1-based line of `key` in the section, when the file has it. */
  line(key: string): number | undefined;
}

/**
 * The roles file a roles part came from (see `parseRoles`), or `undefined` for roles built in code.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const config = parseRoles('{ "weekly": { "target": "sales" } }', "roles.json");
 * assertClose(rolesSource(config.weekly!)?.file, "roles.json", 1e-9);
 * ```
 */
export function rolesSource(part: object): RolesSource | undefined {
  const origin = ORIGINS.get(part);
  if (origin === undefined) return undefined;
  return {
    file: origin.file,
    section: origin.section,
    warnings: origin.warnings,
    line: (key: string) => lineOfKey(origin.text, [origin.section, key]),
  };
}

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

/**
 * Parses a roles JSON text: `{ "weekly": { ...partial roles }, "geo": { ...partial roles } }`, either part
 * optional. Single roles (`date`, `target`, `geo`, `population`, `mediator`, `price`, `promotion`) take a
 * column name, or `null` to drop an optional one (a file with no price column: `"price": null`; only
 * `date` and `target` are required); list roles (`social`, `direct`, `media`, `impressions`, `controls`)
 * take an array of names (`[]` for none). `targetUnit` is `"currency"` (the default) or `"units"`. Keys
 * left out keep their defaults. Each part remembers the file (see `rolesSource`), so later errors about its
 * keys name the roles file.
 *
 * @param text the JSON text
 * @param source the file name, for errors
 * @throws DataError naming the file, the line and the key: invalid JSON, an unknown section or role key,
 *   a wrong type, an empty or repeated name
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(parseRoles('{ "weekly": { "target": "sales" } }', "roles.json").weekly?.target, "sales", 1e-9);
 * ```
 */
export function parseRoles(text: string, source: string): RolesConfig {
  return parseRolesText(text, source, []);
}

function parseRolesText(text: string, source: string, warnings: readonly string[]): RolesConfig {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const message = (error as Error).message;
    throw new DataError(`not valid JSON (${message})`, { file: source, line: jsonErrorLine(text, message) });
  }
  const at = (path: readonly string[]) => ({ file: source, line: lineOfKey(text, path) });
  if (!isPlainObject(value)) {
    throw new DataError(
      `expected an object like { "weekly": { ... }, "geo": { ... } }, got ${describe(value)}`,
      {
        file: source,
      },
    );
  }
  const config: { weekly?: Partial<Roles>; geo?: Partial<Roles> } = {};
  for (const [section, part] of Object.entries(value)) {
    if (section !== "weekly" && section !== "geo") {
      throw new DataError(`key "${section}": unknown section; expected "weekly" and/or "geo"`, at([section]));
    }
    const checked = checkRolesPart(
      part,
      section,
      (problem, key) => new DataError(problem, at(key === undefined ? [section] : [section, key])),
    );
    ORIGINS.set(checked, { file: source, section, text, warnings });
    config[section] = checked;
  }
  return config;
}

/**
 * Reads and parses a roles JSON file (see `parseRoles`). The file may be UTF-8 (with or without byte order
 * mark), UTF-16 or Windows-1252 (see `decodeText`); a warning about its encoding travels with each part and
 * reaches the dataset's warnings.
 *
 * @throws DataError naming the file when it cannot be read or is not a valid roles file
 * @example
 * ```ts ignore
 * const roles = loadRolesFile("roles.json");
 * loadDataset("sales.csv", { kind: "weekly", roles: roles.weekly });
 * ```
 */
export function loadRolesFile(path: string): RolesConfig {
  const { text, warnings } = readTextFile(path);
  return parseRolesText(text, path, warnings);
}

/** Checks one partial-roles object; `fail(problem, key)` builds the error. */
function checkRolesPart(
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `an array ${JSON.stringify(value)}`;
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** 1-based line of a JSON.parse error, from V8's "(line L column C)" or "at position P" wording. */
function jsonErrorLine(text: string, message: string): number | undefined {
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const position = /position (\d+)/.exec(message);
  if (position) return lineAt(text, Number(position[1]));
  return undefined;
}

/** Line of the key at `path` (e.g. ["weekly", "target"]) in valid JSON text: each key searched after the last. */
function lineOfKey(text: string, path: readonly string[]): number | undefined {
  let from = 0, at = 0;
  for (const key of path) {
    const pattern = new RegExp(`${escapeRegExp(JSON.stringify(key))}\\s*:`, "g");
    pattern.lastIndex = from;
    const match = pattern.exec(text);
    if (!match) return undefined;
    at = match.index;
    from = match.index + match[0].length; // a key inside a section of the same name ("geo": { "geo": ...)
  }
  return lineAt(text, at);
}

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) if (typeof v === "object" && v !== null) Object.freeze(v);
  return Object.freeze(value);
}
