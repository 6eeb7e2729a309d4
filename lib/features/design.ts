/**
 * A named design matrix: what every estimator takes.
 *
 * @module
 */

/** `n × k` regressors, row-major (`x[i * k + j]` is row i, column j), with one name per column. */
export interface Design {
  readonly names: readonly string[];
  readonly n: number;
  readonly k: number;
  readonly x: Float64Array;
}

/**
 * Builds a design from named columns, adding a leading `const` column of ones when `intercept` is true. Columns
 * keep their insertion order; all must have the same length.
 *
 * @param columns named columns, equal lengths
 * @param intercept add a leading `const` column of ones (default true)
 * @example
 * designFromColumns({ tv: new Float64Array([1, 2]) }).names; // ["const", "tv"]
 */
export function designFromColumns(
  columns: Readonly<Record<string, ArrayLike<number>>>,
  intercept = true,
): Design {
  const names = Object.keys(columns);
  if (names.length === 0 && !intercept) throw new RangeError("a design needs at least one column");
  const n = names.length > 0 ? columns[names[0]].length : 0;
  for (const name of names) {
    if (columns[name].length !== n) {
      throw new RangeError(`column "${name}" has ${columns[name].length} rows, expected ${n}`);
    }
  }
  const all = intercept ? ["const", ...names] : names;
  const k = all.length;
  const x = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let j = 0;
    if (intercept) x[i * k + j++] = 1;
    for (const name of names) x[i * k + j++] = columns[name][i];
  }
  return { names: all, n, k, x };
}

/**
 * Column `j` of a design as a new array: `out_i = x[i * k + j]`.
 *
 * @param design any design
 * @param j column index in `0..k−1` (look names up with `design.names.indexOf(name)`)
 * @example
 * designColumn(designFromColumns({ tv: new Float64Array([1, 2]) }), 1); // Float64Array [1, 2]
 */
export function designColumn(design: Design, j: number): Float64Array {
  if (!(j >= 0 && j < design.k)) throw new RangeError(`column index ${j} outside 0..${design.k - 1}`);
  const out = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) out[i] = design.x[i * design.k + j];
  return out;
}
