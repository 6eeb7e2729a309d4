/**
 * Pearson correlation matrix of named columns and the pairs of columns whose correlation is strong, as
 * numpy's `corrcoef` (zero-variance columns get NaN) and pandas' `DataFrame.corr()`.
 *
 * @module
 */

/** Pearson correlations between named columns. */
export interface CorrelationMatrix {
  /** Column names in the order of the input record's keys; row and column order of `matrix`. */
  readonly names: readonly string[];
  /** k × k row-major; rows and columns of zero-variance columns are NaN (as numpy's `corrcoef`). */
  readonly matrix: Float64Array;
  /** Columns with zero variance (their correlations are undefined). */
  readonly zeroVariance: readonly string[];
  /** Human-readable notes (e.g. zero-variance columns), to show next to the table. */
  readonly warnings: readonly string[];
}

/** A pair of columns and their correlation. */
export interface CorrelatedPair {
  /** Name of the first column of the pair (earlier in the matrix's order). */
  readonly a: string;
  /** Name of the second column of the pair. */
  readonly b: string;
  /** Their Pearson correlation, in [−1, 1]. */
  readonly r: number;
}

/**
 * Pearson correlation matrix of named columns, `r_ab = Σ(a_i − ā)(b_i − b̄) / √(Σ(a_i − ā)² Σ(b_i − b̄)²)`,
 * as numpy's `corrcoef` (and pandas' `DataFrame.corr()`). A zero-variance column gets NaN in its row and
 * column (the correlation is 0/0) and is listed in `zeroVariance` and `warnings`.
 *
 * @param columns equal-length finite columns, at least one, keyed by name (insertion order is kept)
 * @throws RangeError for no columns, unequal lengths, fewer than 2 rows, or a non-finite value (naming the
 *   column and index)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(correlationMatrix({ a: new Float64Array([1, 2, 3]), b: new Float64Array([2, 4, 7]) }).matrix[1], 0.9933992677987828, 5e-17);
 * ```
 */
export function correlationMatrix(columns: Readonly<Record<string, ArrayLike<number>>>): CorrelationMatrix {
  const names = Object.keys(columns);
  const k = names.length;
  if (k === 0) throw new RangeError("correlationMatrix needs at least one column");
  const n = columns[names[0]].length;
  if (n < 2) throw new RangeError(`correlations need at least 2 rows, got ${n}`);
  const centered = names.map((name) => {
    const col = columns[name];
    if (col.length !== n) throw new RangeError(`column "${name}" has ${col.length} rows, expected ${n}`);
    let mean = 0;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(col[i])) {
        throw new RangeError(`column "${name}" has a non-finite value (${col[i]}) at index ${i}`);
      }
      mean += col[i];
    }
    mean /= n;
    const d = new Float64Array(n);
    let constant = true;
    for (let i = 0; i < n; i++) {
      d[i] = col[i] - mean;
      if (col[i] !== col[0]) constant = false;
    }
    if (constant) d.fill(0);
    return d;
  });
  const ss = centered.map((d) => d.reduce((s, v) => s + v * v, 0));
  const matrix = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let value: number;
      if (!(ss[a] > 0 && ss[b] > 0)) value = NaN;
      else if (a === b) value = 1;
      else {
        let s = 0;
        const da = centered[a], db = centered[b];
        for (let i = 0; i < n; i++) s += da[i] * db[i];
        value = Math.max(-1, Math.min(1, s / Math.sqrt(ss[a] * ss[b])));
      }
      matrix[a * k + b] = matrix[b * k + a] = value;
    }
  }
  const zeroVariance = names.filter((_, a) => !(ss[a] > 0));
  const warnings = zeroVariance.length > 0
    ? [
      `${zeroVariance.map((s) => `"${s}"`).join(", ")} ${
        zeroVariance.length === 1 ? "has" : "have"
      } zero variance: correlations with ${zeroVariance.length === 1 ? "it" : "them"} are undefined (NaN)`,
    ]
    : [];
  return { names, matrix, zeroVariance, warnings };
}

/**
 * Pairs of distinct columns whose absolute correlation is at least `threshold`, strongest first (ties keep
 * matrix order). Pairs involving a zero-variance column (NaN) are never reported.
 *
 * @param threshold in [0, 1]; default 0.8
 * @throws RangeError for a threshold outside [0, 1]
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(correlatedPairs(correlationMatrix({ a: [1, 2, 3], b: [2, 4, 7], c: [3, 1, 2] }), 0.9), [{ a: "a", b: "b", r: 0.9933992677987828 }], 5e-17);
 * ```
 */
export function correlatedPairs(corr: CorrelationMatrix, threshold = 0.8): CorrelatedPair[] {
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new RangeError(`threshold must be in [0, 1], got ${threshold}`);
  }
  const { names, matrix } = corr;
  const k = names.length;
  const pairs: CorrelatedPair[] = [];
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const r = matrix[a * k + b];
      if (Math.abs(r) >= threshold) pairs.push({ a: names[a], b: names[b], r });
    }
  }
  return pairs.sort((p, q) => Math.abs(q.r) - Math.abs(p.r));
}
