/**
 * A named design matrix: what every estimator takes.
 *
 * @module
 */

/** `n × k` regressors, row-major (`x[i * k + j]` is row i, column j), with one name per column. */
export interface Design {
  /** Column names, `k` of them, in column order (`"const"` first when an intercept was added); unique. */
  readonly names: readonly string[];
  /** Number of rows (observations). */
  readonly n: number;
  /** Number of columns (regressors, the intercept included). */
  readonly k: number;
  /** The values, `n × k`, row-major: `x[i * k + j]` is row `i`, column `j`. */
  readonly x: Float64Array;
}

/**
 * Builds a design from named columns, adding a leading `const` column of ones when `intercept` is true. Columns
 * keep their insertion order; all must have the same length.
 *
 * @param columns named columns, equal lengths
 * @param intercept add a leading `const` column of ones (default true)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(designFromColumns({ tv: new Float64Array([1, 2]) }).names, ["const", "tv"], 1e-9);
 * ```
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
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(designColumn(designFromColumns({ tv: new Float64Array([1, 2]) }), 1), [1, 2], 1e-9);
 * ```
 */
export function designColumn(design: Design, j: number): Float64Array {
  if (!(j >= 0 && j < design.k)) throw new RangeError(`column index ${j} outside 0..${design.k - 1}`);
  const out = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) out[i] = design.x[i * design.k + j];
  return out;
}

/**
 * The values of `x` at `rows`, in that order: `out[t] = x[rows[t]]`.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(takeRows(new Float64Array([10, 20, 30]), new Int32Array([2, 0])), [30, 10], 1e-9);
 * ```
 */
export function takeRows(x: ArrayLike<number>, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  for (let t = 0; t < rows.length; t++) {
    const i = rows[t];
    if (!(Number.isInteger(i) && i >= 0 && i < x.length)) {
      throw new RangeError(`row index ${i} at position ${t} is outside 0..${x.length - 1}`);
    }
    out[t] = x[i];
  }
  return out;
}

/**
 * The rows `rows` of a design, in that order, as a new design with the same column names.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const d = designFromColumns({ tv: new Float64Array([1, 2, 3]) });
 * assertClose(takeDesignRows(d, new Int32Array([0, 2])).x, [1, 1, 1, 3], 1e-9);
 * ```
 */
export function takeDesignRows(design: Design, rows: ArrayLike<number>): Design {
  const { n, k, x } = design;
  const out = new Float64Array(rows.length * k);
  for (let t = 0; t < rows.length; t++) {
    const i = rows[t];
    if (!(Number.isInteger(i) && i >= 0 && i < n)) {
      throw new RangeError(`row index ${i} at position ${t} is outside 0..${n - 1}`);
    }
    out.set(x.subarray(i * k, i * k + k), t * k);
  }
  return { names: design.names, n: rows.length, k, x: out };
}

/**
 * The named columns of a design, in the order given, as a new design.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(selectDesignColumns(designFromColumns({ tv: new Float64Array([1, 2]) }), ["tv"]).names, ["tv"], 1e-9);
 * ```
 */
export function selectDesignColumns(design: Design, names: readonly string[]): Design {
  const idx = names.map((name) => {
    const j = design.names.indexOf(name);
    if (j < 0) throw new RangeError(`design has no column "${name}" (columns: ${design.names.join(", ")})`);
    return j;
  });
  const k = idx.length;
  const x = new Float64Array(design.n * k);
  for (let i = 0; i < design.n; i++) {
    for (let c = 0; c < k; c++) x[i * k + c] = design.x[i * design.k + idx[c]];
  }
  return { names: [...names], n: design.n, k, x };
}

/**
 * The design with a leading `const` column of ones (unchanged if it already has one named `const`).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(withIntercept(designFromColumns({ tv: new Float64Array([1, 2]) }, false)).names, ["const", "tv"], 1e-9);
 * ```
 */
export function withIntercept(design: Design): Design {
  if (design.names.includes("const")) return design;
  const k = design.k + 1;
  const x = new Float64Array(design.n * k);
  for (let i = 0; i < design.n; i++) {
    x[i * k] = 1;
    x.set(design.x.subarray(i * design.k, (i + 1) * design.k), i * k + 1);
  }
  return { names: ["const", ...design.names], n: design.n, k, x };
}
