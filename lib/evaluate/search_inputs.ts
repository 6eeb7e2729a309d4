/**
 * Input checks of the transform search (`search.ts`): per-channel grids, columns, groups and folds, each
 * failing with a message that names the offending input.
 *
 * @module
 */

import type { RowClasses, RowGroups } from "./search_moments.ts";
import type { PerChannel } from "./search_types.ts";
import type { Fold } from "./time_series_split.ts";

/** A per-channel grid from one shared list or a record keyed by channel, checked against the channels. */
export function perChannel<T>(
  value: PerChannel<T>,
  channels: readonly string[],
  what: string,
  fallback: readonly T[] | undefined,
): Record<string, readonly T[]> {
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    return Object.fromEntries(channels.map((c) => [c, Array.from(value as readonly T[])]));
  }
  const record = value as Readonly<Record<string, readonly T[]>>;
  for (const key of Object.keys(record)) {
    if (!channels.includes(key)) {
      throw new RangeError(
        `${what} is given for "${key}", which is not a channel (channels: ${channels.join(", ")})`,
      );
    }
  }
  return Object.fromEntries(channels.map((c) => {
    const list = record[c] ?? fallback;
    if (list === undefined) throw new RangeError(`${what} list missing for channel "${c}"`);
    if (!Array.isArray(list) && !ArrayBuffer.isView(list)) {
      throw new RangeError(`${what} of channel "${c}" must be a list`);
    }
    return [c, Array.from(list)];
  }));
}

/**
 * Checks that a column is a `Float64Array` of `n` finite values; the error names the column (`what`) and the
 * row.
 */
export function checkColumn(x: Float64Array, what: string, n: number): void {
  if (!(x instanceof Float64Array)) throw new RangeError(`${what} must be a Float64Array`);
  if (x.length !== n) throw new RangeError(`${what} has ${x.length} rows, y has ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`${what}[${i}] is ${x[i]}; expected finite`);
  }
}

/** Checks that there is one group label per row, and returns the labels. */
export function checkGroups(groups: readonly string[], n: number): readonly string[] {
  if (groups.length !== n) {
    throw new RangeError(`groups has ${groups.length} entries, expected one per row (${n})`);
  }
  return groups;
}

/** Group codes in order of first appearance. */
export function groupCodesOf(groups: readonly string[]): RowGroups & { levels: string[] } {
  const index = new Map<string, number>();
  const codes = new Int32Array(groups.length);
  for (let i = 0; i < groups.length; i++) {
    let c = index.get(groups[i]);
    if (c === undefined) index.set(groups[i], c = index.size);
    codes[i] = c;
  }
  return { codes, count: index.size, levels: [...index.keys()] };
}

/** With fixed effects, a test row's group must have training rows in its fold (its effect comes from them). */
export function checkGroupsTrain(
  folds: readonly Fold[],
  classes: RowClasses,
  groups: RowGroups & { levels: string[] },
): void {
  folds.forEach(({ test }, f) => {
    for (const i of test) {
      const g = groups.codes[i];
      if (classes.foldGroupN[f * classes.nGroups + g] === 0) {
        throw new RangeError(
          `fold ${f}: group ${JSON.stringify(groups.levels[g])} has test rows but no training rows, so its ` +
            `fixed effect cannot be estimated; split on dates so that every group trains in every fold`,
        );
      }
    }
  });
}

/**
 * Checks the folds: at least one, `Int32Array` row indices in 0 … n − 1, non-empty training and test sets, no
 * row in both of a fold's sets, no training row listed twice.
 */
export function checkFolds(folds: readonly Fold[], n: number): void {
  if (folds.length === 0) throw new RangeError("no folds given; expected e.g. timeSeriesSplit(n)");
  const mark = new Int32Array(n).fill(-1);
  const seen = new Int32Array(n).fill(-1);
  folds.forEach(({ train, test }, f) => {
    if (!(train instanceof Int32Array) || !(test instanceof Int32Array)) {
      throw new RangeError(`fold ${f}: train and test must be Int32Array row indices (see timeSeriesSplit)`);
    }
    if (train.length === 0 || test.length === 0) {
      throw new RangeError(`fold ${f} has an empty training or test set`);
    }
    for (const i of test) {
      if (!(i >= 0 && i < n)) throw new RangeError(`fold ${f}: test row ${i} is outside 0..${n - 1}`);
      mark[i] = f;
    }
    for (const i of train) {
      if (!(i >= 0 && i < n)) throw new RangeError(`fold ${f}: training row ${i} is outside 0..${n - 1}`);
      if (mark[i] === f) {
        throw new RangeError(`fold ${f}: row ${i} is in both its training and its test set (leakage)`);
      }
      if (seen[i] === f) throw new RangeError(`fold ${f}: training row ${i} is listed twice`);
      seen[i] = f;
    }
  });
}
