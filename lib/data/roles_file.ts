/**
 * Roles files: a roles JSON file (`{ "weekly": { ... }, "geo": { ... } }`) parsed and checked into role
 * overrides, each part remembering the file and section it came from, so that a later error about one of its
 * keys (in `resolveRoles`, or a column missing from the CSV) can name the roles file and the key's line.
 *
 * @module
 */

import { DataError } from "../errors.ts";
import { readTextFile } from "./read_text.ts";
import type { DatasetKind, RolesConfig } from "./roles.ts";
import { checkRolesPart, describe, isPlainObject } from "./roles_check.ts";
import type { Roles } from "./types.ts";

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
