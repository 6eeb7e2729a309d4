/**
 * Reading from a `Dataset`: a column by name, the row range of each geo, a subset of rows.
 *
 * @module
 */

import { DataError } from "../errors.ts";
import type { Dataset } from "./types.ts";

/** The rows `[start, end)` of one series: one geo of a panel, or the whole national series. */
export interface GeoSlice {
  /** The geo key, or `undefined` for a national (single-series) dataset. */
  readonly geo: string | undefined;
  /** First row of the series. */
  readonly start: number;
  /** One past the last row of the series. */
  readonly end: number;
}

/**
 * A numeric column by header name (the array itself, not a copy: treat it as read-only).
 *
 * @throws DataError naming the dataset's source and the column, listing the available columns
 * @example
 * ```ts ignore
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(column(ds, "revenue").length === ds.n, true, 1e-9);
 * ```
 */
export function column(ds: Dataset, name: string): Float64Array {
  const values = ds.columns[name];
  if (values !== undefined && Object.hasOwn(ds.columns, name)) return values;
  const note = name === ds.roles.date
    ? ` ("${name}" is the date column: read ds.dates)`
    : name === ds.roles.geo
    ? ` ("${name}" is the geo column: read ds.geos)`
    : "";
  throw new DataError(
    `no numeric column with this name${note}; available: ${Object.keys(ds.columns).join(", ")}`,
    { file: ds.source, column: name },
  );
}

/**
 * The row range of each geo, in row order (rows are sorted by geo, so each geo is one contiguous run).
 * A national dataset is one slice with `geo: undefined`.
 *
 * @throws RangeError when a geo's rows are not contiguous (only possible after `selectRows` with a
 *   shuffled row list)
 * @example
 * ```ts ignore
 * for (const { geo, start, end } of geoSlices(ds)) console.log(geo, end - start);
 * ```
 */
export function geoSlices(ds: Dataset): GeoSlice[] {
  const geos = ds.geos;
  if (geos === undefined) return [{ geo: undefined, start: 0, end: ds.n }];
  const slices: GeoSlice[] = [];
  const seen = new Set<string>();
  let start = 0;
  for (let i = 1; i <= ds.n; i++) {
    if (i < ds.n && geos[i] === geos[start]) continue;
    if (seen.has(geos[start])) {
      throw new RangeError(`the rows of geo "${geos[start]}" are not contiguous (again at row ${start})`);
    }
    seen.add(geos[start]);
    slices.push({ geo: geos[start], start, end: i });
    start = i;
  }
  return slices;
}

/**
 * A new dataset with the given rows, in the given order (e.g. the training rows of a fold). Columns are
 * copied; source, roles and warnings are kept.
 *
 * @param rows row indices, integers in [0, ds.n)
 * @throws RangeError for an index outside the dataset
 * @example
 * ```ts ignore
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(selectRows(ds, [0, 1, 2]).n, 3, 1e-9);
 * ```
 */
export function selectRows(ds: Dataset, rows: ArrayLike<number>): Dataset {
  const m = rows.length;
  for (let i = 0; i < m; i++) {
    const r = rows[i];
    if (!(Number.isInteger(r) && r >= 0 && r < ds.n)) {
      throw new RangeError(`row ${i} of the selection is ${r}; expected an integer in [0, ${ds.n})`);
    }
  }
  const columns: Record<string, Float64Array> = {};
  for (const [name, values] of Object.entries(ds.columns)) {
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) out[i] = values[rows[i]];
    columns[name] = out;
  }
  const dates = Array.from({ length: m }, (_, i) => ds.dates[rows[i]]);
  const geos = ds.geos === undefined ? undefined : Array.from({ length: m }, (_, i) => ds.geos![rows[i]]);
  return { source: ds.source, n: m, dates, geos, columns, roles: ds.roles, warnings: ds.warnings };
}
