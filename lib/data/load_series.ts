/**
 * The rows of a `Dataset` in series order (see `parseDataset` in `load.ts`): sorted by (geo, date) with a
 * warning saying why, series boundaries with the checks of one row per week 7 days apart, every geo on the
 * same weeks, and short runs of empty cells forward-filled within each series.
 *
 * @module
 */

import { DataError, formatLocation } from "../errors.ts";
import { isoDate } from "./cells.ts";
import { roleOf } from "./roles.ts";
import type { Locate } from "./load_columns.ts";
import type { Roles } from "./types.ts";

/** Days between consecutive rows of a weekly series. */
const WEEK = 7;

/** The row order sorting by (geo, day), or undefined when the rows already are in that order. */
export function sortOrder(geo: Int32Array, day: Float64Array): Int32Array | undefined {
  let sorted = true;
  for (let i = 1; i < day.length && sorted; i++) {
    sorted = geo[i - 1] < geo[i] || (geo[i - 1] === geo[i] && day[i - 1] <= day[i]);
  }
  if (sorted) return undefined;
  const order = Array.from({ length: day.length }, (_, i) => i);
  order.sort((a, b) => geo[a] - geo[b] || day[a] - day[b] || a - b);
  return Int32Array.from(order);
}

/** One warning saying why rows were reordered and how many moved. */
export function sortWarning(
  order: Int32Array,
  geo: Int32Array,
  day: Float64Array,
  lines: Int32Array,
  geoNames: readonly string[],
  panel: boolean,
  source: string,
): string {
  let moved = 0;
  for (let i = 0; i < order.length; i++) if (order[i] !== i) moved++;
  const reasons: string[] = [];
  const lastRow = new Int32Array(Math.max(geoNames.length, 1)).fill(-1);
  let backwards = -1, interleaved = -1;
  for (let r = 0; r < day.length; r++) {
    const g = geo[r];
    const previous = lastRow[g];
    if (previous >= 0 && backwards < 0 && day[r] < day[previous]) {
      backwards = r;
      reasons.push(
        `dates out of order (${isoDate(day[r])} on line ${lines[r]} comes after ${
          isoDate(day[previous])
        } on line ` +
          `${lines[previous]}${panel ? ` in geo "${geoNames[g]}"` : ""})`,
      );
    }
    if (previous >= 0 && previous !== r - 1 && interleaved < 0) {
      interleaved = r;
      reasons.push(
        `rows of geo "${geoNames[g]}" are not together (line ${lines[r]} after line ${lines[previous]})`,
      );
    }
    lastRow[g] = r;
  }
  const by = panel ? "geo (in order of first appearance), then date" : "date";
  return `${source}: ${reasons.join("; ")}: rows sorted by ${by}, ${moved} of ${order.length} rows moved`;
}

/**
 * The first row of each series (geo) in sorted rows, and `n` last, checking on the way that no date appears
 * twice within a series and that consecutive dates are 7 days apart.
 *
 * @param inGeo the words naming row `i`'s geo in a message (empty for a national series)
 * @throws DataError naming both lines for a repeated date or a gap other than 7 days
 */
export function seriesStarts(
  day: Float64Array,
  geo: Int32Array,
  line: Int32Array,
  panel: boolean,
  roles: Roles,
  sortedAt: Locate,
  inGeo: (i: number) => string,
): number[] {
  const n = day.length;
  const starts: number[] = [0];
  for (let i = 1; i < n; i++) {
    if (geo[i] !== geo[i - 1]) {
      starts.push(i);
      continue;
    }
    const gap = day[i] - day[i - 1];
    if (gap === 0) {
      throw new DataError(
        `date ${isoDate(day[i])} appears twice${inGeo(i)}, on lines ${line[i - 1]} and ${line[i]}; ` +
          `expected one row per week${panel ? " per geo" : ""}`,
        sortedAt(i, roles.date),
      );
    }
    if (gap !== WEEK) {
      const weeks = gap / WEEK;
      const hint = Number.isInteger(weeks) ? ` (${weeks - 1} missing week${weeks === 2 ? "" : "s"}?)` : "";
      throw new DataError(
        `${gap} days between ${isoDate(day[i - 1])} (line ${line[i - 1]}) and ${isoDate(day[i])} ` +
          `(line ${line[i]})${inGeo(i)}${hint}; expected weekly rows, 7 days apart`,
        sortedAt(i, roles.date),
      );
    }
  }
  starts.push(n);
  return starts;
}

/**
 * Forward-fills, in place, each run of at most `maxFillGap` empty cells (NaN) of the columns in `withGaps`,
 * within each series, with the value above the run; one warning per filled cell is pushed to `warnings`.
 *
 * @throws DataError for an empty cell in a series' first row or a run longer than `maxFillGap`
 */
export function forwardFill(
  columns: Record<string, Float64Array>,
  withGaps: readonly string[],
  starts: readonly number[],
  roles: Roles,
  maxFillGap: number,
  line: Int32Array,
  sortedAt: Locate,
  inGeo: (i: number) => string,
  warnings: string[],
): void {
  for (const name of withGaps) {
    const values = columns[name];
    const unused = roleOf(roles, name) === undefined ? " (no role uses this column: fill it or drop it)" : "";
    for (let s = 0; s + 1 < starts.length; s++) {
      const start = starts[s], end = starts[s + 1];
      for (let i = start; i < end; i++) {
        if (!Number.isNaN(values[i])) continue;
        if (i === start) {
          throw new DataError(
            `empty cell in the first row of the series${
              inGeo(i)
            }; no earlier value to carry forward${unused}`,
            sortedAt(i, name),
          );
        }
        let stop = i;
        while (stop < end && Number.isNaN(values[stop])) stop++;
        const run = stop - i;
        if (run > maxFillGap) {
          const shown = Array.from(line.subarray(i, Math.min(stop, i + 5))).join(", ") +
            (run > 5 ? ", ..." : "");
          throw new DataError(
            `${run} empty cells in a row${inGeo(i)} (lines ${shown}); only gaps of up to ${maxFillGap} ` +
              `rows are forward-filled (maxFillGap)${unused}`,
            sortedAt(i, name),
          );
        }
        const fill = values[i - 1];
        for (let k = i; k < stop; k++) {
          values[k] = fill;
          warnings.push(
            `${formatLocation(sortedAt(k, name))}: empty cell filled with ${fill}, the value on line ` +
              `${line[i - 1]} (forward fill of a gap of ${run} ≤ maxFillGap ${maxFillGap})`,
          );
        }
        i = stop - 1;
      }
    }
  }
}

/** Every geo must cover the same weeks; names the first geo that differs from the most common span. */
export function checkBalanced(
  starts: readonly number[],
  day: Float64Array,
  line: Int32Array,
  geo: Int32Array,
  geoNames: readonly string[],
  roles: Roles,
  source: string,
): void {
  const spans = starts.slice(0, -1).map((start, s) => ({ start, weeks: starts[s + 1] - start }));
  const key = (s: { start: number; weeks: number }) => `${day[s.start]}:${s.weeks}`;
  const counts = new Map<string, number>();
  for (const s of spans) counts.set(key(s), (counts.get(key(s)) ?? 0) + 1);
  let common = spans[0];
  for (const s of spans) if (counts.get(key(s))! > counts.get(key(common))!) common = s;
  const odd = spans.find((s) => key(s) !== key(common));
  if (odd === undefined) return;
  const range = (s: { start: number; weeks: number }) =>
    `${s.weeks} weeks, ${isoDate(day[s.start])} to ${isoDate(day[s.start + s.weeks - 1])}`;
  const others = counts.get(key(common))!;
  throw new DataError(
    `geo "${geoNames[geo[odd.start]]}" has ${range(odd)}; ` +
      `${others === 1 ? `geo "${geoNames[geo[common.start]]}" has` : `${others} other geos have`} ${
        range(common)
      }; ` +
      `every geo needs the same weeks`,
    { file: source, line: line[odd.start], column: roles.geo },
  );
}

/** `values` reordered: `out[i] = values[order[i]]`. */
export function permute(values: Float64Array, order: Int32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = values[order[i]];
  return out;
}

/** `permute` for integer columns (lines, geo indices). */
export function permuteInt(values: Int32Array, order: Int32Array): Int32Array {
  const out = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = values[order[i]];
  return out;
}
