/**
 * The arithmetic under `findUnidentifiedTerms` (`identification.ts`): the rows examined, geo groups, means,
 * standard deviations and deviations (overall and within geos), inner products and the back substitution that
 * turns a Gram–Schmidt factor into the coefficients of a linear combination.
 *
 * @module
 */

import type { Dataset } from "./types.ts";

/** The rows to examine: `rows` checked to be integers in `[0, n)`, or every row `0..n−1`. */
export function selectedRows(n: number, rows: ArrayLike<number> | undefined): Int32Array {
  if (rows === undefined) return Int32Array.from({ length: n }, (_, i) => i);
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!(Number.isInteger(r) && r >= 0 && r < n)) {
      throw new RangeError(`rows[${i}] is ${r}; expected an integer in [0, ${n})`);
    }
    out[i] = r;
  }
  return out;
}

/** Geo index of each selected row (geos numbered in order of first appearance), or one group. */
export function groupsOf(ds: Dataset, rows: Int32Array): { group: Int32Array; names: string[] } {
  const group = new Int32Array(rows.length);
  if (ds.geos === undefined) return { group, names: [""] };
  const index = new Map<string, number>();
  const names: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const geo = ds.geos[rows[i]];
    let g = index.get(geo);
    if (g === undefined) {
      index.set(geo, g = names.length);
      names.push(geo);
    }
    group[i] = g;
  }
  return { group, names };
}

/** Arithmetic mean. */
export function mean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Population standard deviation (divisor n), two-pass. */
export function standardDeviation(x: Float64Array): number {
  const mu = mean(x);
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i] - mu) ** 2;
  return Math.sqrt(ss / x.length);
}

/** Mean of `x` within each group (`group[i]` in `0..nGroups−1`); 0 for a group with no rows. */
export function groupMeans(x: Float64Array, group: Int32Array, nGroups: number): Float64Array {
  const sum = new Float64Array(nGroups), count = new Float64Array(nGroups);
  for (let i = 0; i < x.length; i++) {
    sum[group[i]] += x[i];
    count[group[i]]++;
  }
  for (let g = 0; g < nGroups; g++) sum[g] = count[g] > 0 ? sum[g] / count[g] : 0;
  return sum;
}

/** Population standard deviation within each group. */
export function groupStandardDeviations(x: Float64Array, group: Int32Array, nGroups: number): number[] {
  const mu = groupMeans(x, group, nGroups);
  const ss = new Float64Array(nGroups), count = new Float64Array(nGroups);
  for (let i = 0; i < x.length; i++) {
    ss[group[i]] += (x[i] - mu[group[i]]) ** 2;
    count[group[i]]++;
  }
  return Array.from(ss, (s, g) => (count[g] > 0 ? Math.sqrt(s / count[g]) : 0));
}

/** Deviations from the mean, `x − x̄`. */
export function demean(x: Float64Array): Float64Array {
  const mu = mean(x);
  return x.map((v) => v - mu);
}

/** Deviations from each group's mean (the within transformation of a fixed-effects model). */
export function demeanWithin(x: Float64Array, group: Int32Array, nGroups: number): Float64Array {
  const mu = groupMeans(x, group, nGroups);
  return x.map((v, i) => v - mu[group[i]]);
}

/** Inner product `Σ a_i b_i`. */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Solves `R β = c` for upper-triangular `R` given by columns (`columns[j]` has length `j + 1`). */
export function backSubstitute(columns: readonly Float64Array[], c: Float64Array): Float64Array {
  const k = columns.length;
  const beta = new Float64Array(k);
  for (let j = k - 1; j >= 0; j--) {
    let s = c[j];
    for (let l = j + 1; l < k; l++) s -= columns[l][j] * beta[l];
    beta[j] = s / columns[j][j];
  }
  return beta;
}
