/**
 * Panel application: run a series transform (adstock, lag, moving average) within each geo's rows, never
 * across a geo border.
 *
 * A panel `Dataset` has its rows sorted by (geo, date), so each geo is one contiguous block of rows. A transform
 * applied to the whole column would carry the last weeks of geo A into the first weeks of geo B; applying it
 * block by block does not.
 *
 * @module
 */

/** One geo's rows: `start` (inclusive) to `end` (exclusive). */
export interface GroupRange {
  /** The group key (a geo) the rows share. */
  readonly group: string;
  /** Index of the block's first row. */
  readonly start: number;
  /** Index one past the block's last row (so the block has `end − start` rows). */
  readonly end: number;
}

/**
 * The contiguous row blocks of a group key column, in row order.
 *
 * @param groups a key per row (e.g. `Dataset.geos`), rows of one key contiguous
 * @throws RangeError when a key comes back after another one (rows not sorted by geo), naming both rows
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(groupRanges(["A", "A", "B"]), [{ group: "A", start: 0, end: 2 }, { group: "B", start: 2, end: 3 }], 1e-9);
 * ```
 */
export function groupRanges(groups: readonly string[]): GroupRange[] {
  const ranges: GroupRange[] = [];
  const seen = new Map<string, number>();
  let start = 0;
  for (let i = 1; i <= groups.length; i++) {
    if (i < groups.length && groups[i] === groups[start]) continue;
    const group = groups[start];
    const earlier = seen.get(group);
    if (earlier !== undefined) {
      throw new RangeError(
        `rows of group ${JSON.stringify(group)} are not contiguous: rows ${ranges[earlier].start}..${
          ranges[earlier].end - 1
        } and again from row ${start}; sort rows by (geo, date) first`,
      );
    }
    seen.set(group, ranges.length);
    ranges.push({ group, start, end: i });
    start = i;
  }
  return ranges;
}

/**
 * Applies `fn` to each group's block of `values` separately and stitches the results back in row order:
 * `out[r.start..r.end) = fn(values[r.start..r.end), r)` for every group range `r`. Nothing crosses a border:
 * an impulse in geo A's last row cannot reach geo B.
 *
 * `fn` receives a copy of its block (it may modify it) and must return as many values as it received.
 *
 * @param values one column, rows sorted by (group, date)
 * @param groups a key per row, or precomputed ranges from {@link groupRanges} (which must tile `0..n`)
 * @param fn a series transform, e.g. `(x) => adstock(x, spec)`
 * @example
 * ```ts ignore
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const x = new Float64Array([0, 100, 0, 0]);
 * assertClose(applyByGroup(x, ["A", "A", "B", "B"], (s) => geometricAdstock(s, 0.5)), [0, 100, 0, 0], 1e-9);
 * ```
 */
export function applyByGroup(
  values: Float64Array,
  groups: readonly string[] | readonly GroupRange[],
  fn: (segment: Float64Array, range: GroupRange) => ArrayLike<number>,
): Float64Array {
  const ranges = toRanges(values.length, groups);
  const out = new Float64Array(values.length);
  for (const r of ranges) {
    const result = fn(values.slice(r.start, r.end), r);
    if (result.length !== r.end - r.start) {
      throw new RangeError(
        `transform returned ${result.length} values for group ${JSON.stringify(r.group)}, expected ${
          r.end - r.start
        }`,
      );
    }
    out.set(result, r.start);
  }
  return out;
}

/**
 * Allocation-free {@link applyByGroup}: calls `fn(outBlock, inBlock, range)` with `subarray` views of `out` and
 * `values` for each group, for hot loops such as a carryover search over a panel. Returns `out`.
 *
 * @param out destination, same length as `values`
 * @param values one column, rows sorted by (group, date)
 * @param ranges precomputed group ranges ({@link groupRanges}), tiling `0..n`
 * @param fn writes the transform of `inBlock` into `outBlock`
 * @example
 * ```ts ignore
 * const ranges = groupRanges(geos);
 * applyByGroupInto(out, spend, ranges, (o, s) => geometricAdstockInto(o, s, 0.6));
 * ```
 */
export function applyByGroupInto(
  out: Float64Array,
  values: Float64Array,
  ranges: readonly GroupRange[],
  fn: (outBlock: Float64Array, inBlock: Float64Array, range: GroupRange) => unknown,
): Float64Array {
  if (out.length !== values.length) {
    throw new RangeError(`out has length ${out.length}, expected ${values.length} (the length of values)`);
  }
  checkRanges(values.length, ranges);
  for (const r of ranges) fn(out.subarray(r.start, r.end), values.subarray(r.start, r.end), r);
  return out;
}

function toRanges(n: number, groups: readonly string[] | readonly GroupRange[]): readonly GroupRange[] {
  if (groups.length === 0) {
    if (n !== 0) throw new RangeError(`no groups given for ${n} rows`);
    return [];
  }
  if (typeof groups[0] === "string") {
    const keys = groups as readonly string[];
    if (keys.length !== n) {
      throw new RangeError(`${keys.length} group keys for ${n} rows; expected one per row`);
    }
    return groupRanges(keys);
  }
  const ranges = groups as readonly GroupRange[];
  checkRanges(n, ranges);
  return ranges;
}

function checkRanges(n: number, ranges: readonly GroupRange[]): void {
  let next = 0;
  for (const r of ranges) {
    if (!(Number.isInteger(r.start) && Number.isInteger(r.end) && r.start === next && r.end >= r.start)) {
      throw new RangeError(
        `group ranges must tile rows 0..${n - 1} in order; group ${
          JSON.stringify(r.group)
        } spans ${r.start}..${r.end - 1} but row ${next} was expected next`,
      );
    }
    next = r.end;
  }
  if (next !== n) throw new RangeError(`group ranges cover rows 0..${next - 1}, expected 0..${n - 1}`);
}
