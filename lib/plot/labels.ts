/**
 * Names a reader sees for the input file's columns (`facebook_spend` → "Facebook"). The naming function
 * lives in lib/data/labels.ts so the pipeline's sentences and the evaluate layer's verdicts can use it too;
 * this module re-exports it for the plot layer and the notebooks.
 *
 * @module
 */
export { channelLabel, labeller, stageTermLabel } from "../data/labels.ts";

import { channelLabel as nameOf } from "../data/labels.ts";

/**
 * Rows for display: each string in the named columns (default `channel`) replaced by its `channelLabel`, the
 * other columns as they are. The results JSON keeps the raw rows; only what a reader sees changes.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(labelRows([{ channel: "tv_spend", roi: 2 }])[0].channel, "TV", 1e-9);
 * ```
 */
export function labelRows<T extends object>(
  rows: readonly T[],
  columns: readonly string[] = ["channel"],
  overrides?: Readonly<Record<string, string>>,
): T[] {
  return rows.map((r) => {
    const out: Record<string, unknown> = { ...(r as Record<string, unknown>) };
    for (const c of columns) if (typeof out[c] === "string") out[c] = nameOf(out[c] as string, overrides);
    return out as T;
  });
}

/** The columns of a roles map a reader may see named in a sentence (everything but the date and target). */
export function roleColumns(roles: {
  readonly mediator?: string;
  readonly social: readonly string[];
  readonly direct: readonly string[];
  readonly media: readonly string[];
  readonly price?: string;
  readonly promotion?: string;
  readonly controls: readonly string[];
  readonly population?: string;
}): string[] {
  return [
    ...(roles.mediator ? [roles.mediator] : []),
    ...roles.social,
    ...roles.direct,
    ...roles.media,
    ...(roles.price ? [roles.price] : []),
    ...(roles.promotion ? [roles.promotion] : []),
    ...roles.controls,
    ...(roles.population ? [roles.population] : []),
  ];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A sentence for display: every whole-word occurrence of one of `columns` (optionally with the two-stage
 * model's `_fitted` / `_residual` suffix, optionally in double quotes) replaced by its `channelLabel`. For
 * sentences built below the plot layer from column names; the results JSON keeps them as built.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(labelText('"tv_spend" returns most', ["tv_spend"]), "TV returns most", 1e-9);
 * assertClose(labelText("google_spend_fitted (41.1)", ["google_spend"]), "Google (social-driven) (41.1)", 1e-9);
 * ```
 */
export function labelText(
  text: string,
  columns: readonly string[],
  overrides?: Readonly<Record<string, string>>,
): string {
  const names = [...new Set(columns.filter((c) => c.length > 0))].sort((a, b) => b.length - a.length);
  if (names.length === 0) return text;
  const re = new RegExp(
    `(")?(?<![\\w])((?:${names.map(escapeRegExp).join("|")})(?:_fitted|_residual)?)(?![\\w])\\1`,
    "g",
  );
  return text.replace(re, (_m, _q, name: string) => nameOf(name, overrides));
}

/**
 * Overrides for naming columns inside a sentence: the price, promotion, population and control columns are
 * common nouns ("a 1% higher average price"), so their labels are lower-cased; channels keep their names
 * ("Google", "TV"). Pass to `labelText` or `channelLabel` for prose, not for table cells.
 */
export function proseNames(roles: {
  readonly price?: string;
  readonly promotion?: string;
  readonly controls: readonly string[];
  readonly population?: string;
}): Record<string, string> {
  const common = [roles.price, roles.promotion, roles.population, ...roles.controls]
    .filter((c): c is string => c !== undefined);
  return Object.fromEntries(common.map((c) => [c, nameOf(c).toLowerCase()]));
}
