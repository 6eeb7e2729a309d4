/**
 * The columnar dataset every model reads, and the column roles that say what each column means.
 *
 * @module
 */

/**
 * What the target measures: money (`"currency"`: revenue, sales value; effects per unit of spend are
 * returns, ROI) or a count (`"units"`: units sold, sign-ups; effects per unit of spend are units per unit of
 * spend, and an ROI needs a margin per unit from elsewhere).
 */
export type TargetUnit = "currency" | "units";

/**
 * What each column of an input file is for. Names are the file's header names.
 * The defaults (`WEEKLY_ROLES`, `GEO_ROLES`) match the bundled data and the usual seed schemas; a roles JSON
 * file overrides any of them.
 */
export interface Roles {
  /** Date column (ISO `YYYY-MM-DD`, one row per week, per geo on a panel). */
  readonly date: string;
  /** Outcome: revenue (weekly) or sales (geo). */
  readonly target: string;
  /** What the target measures (not a column): `"currency"` (the default) or `"units"`. */
  readonly targetUnit: TargetUnit;
  /** Geo key column, panels only (`undefined`, or `null` in a roles file, for a national series). */
  readonly geo?: string;
  /** Population column, panels only (a control and a per-capita denominator). */
  readonly population?: string;
  /** Mediator: spend that is itself driven by other channels (Google/search in the two-stage model). */
  readonly mediator?: string;
  /** Channels whose effect may run through the mediator (social media in the two-stage model). */
  readonly social: readonly string[];
  /** Channels acting on the target directly (email, SMS). */
  readonly direct: readonly string[];
  /** Paid media spend columns of a panel (TV, print, search, social, radio). */
  readonly media: readonly string[];
  /** Impression columns paired with `media`, same order (may be empty). */
  readonly impressions: readonly string[];
  /** Price column (for an elasticity), if any. */
  readonly price?: string;
  /** 0/1 promotion flag column, if any. */
  readonly promotion?: string;
  /** Other controls (followers, competitor sales, sentiment, ...). */
  readonly controls: readonly string[];
}

/**
 * A validated, columnar table: one `Float64Array` per numeric column, rows sorted by (geo, date).
 * Nothing is silently changed on the way in: every repair (sorting, forward fill) is listed in `warnings`.
 */
export interface Dataset {
  /** Where the rows came from (a path, or a label for in-memory data). */
  readonly source: string;
  /** Number of rows. */
  readonly n: number;
  /** ISO dates, one per row. */
  readonly dates: readonly string[];
  /** Geo key per row (panels), or undefined for a single national series. */
  readonly geos?: readonly string[];
  /** Numeric columns by header name, in file order. */
  readonly columns: Readonly<Record<string, Float64Array>>;
  /** Column roles used to read the file. */
  readonly roles: Roles;
  /** Repairs and oddities, in words, each naming file, line and column where it applies. */
  readonly warnings: readonly string[];
}
