/**
 * Row labels to integer codes for the covariances: cluster codes in sorted label order (as pandas and patsy
 * order categorical levels) and consecutive period codes for Driscoll–Kraay.
 *
 * @module
 */

/**
 * Integer codes `0..G−1` for group labels, with the labels sorted (strings by code unit, integer codes
 * numerically), the order pandas/patsy give categorical levels.
 *
 * @param groups one label per row
 * @param n expected number of rows
 * @example
 * ```ts
 * groupCodes(["b", "a", "b"], 3); // { codes: Int32Array [1, 0, 1], levels: ["a", "b"] }
 * ```
 */
export function groupCodes(
  groups: readonly string[] | Int32Array,
  n: number,
): { codes: Int32Array; levels: string[] } {
  if (groups.length !== n) {
    throw new RangeError(`groups has ${groups.length} labels, expected one per row (${n})`);
  }
  const values = Array.from(groups as ArrayLike<string | number>);
  const unique = [...new Set(values)];
  if (groups instanceof Int32Array) (unique as number[]).sort((a, b) => a - b);
  else unique.sort();
  const index = new Map<string | number, number>(unique.map((v, j) => [v, j]));
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = index.get(values[i])!;
  return { codes, levels: unique.map(String) };
}

/**
 * Consecutive period codes `0..T−1` for the time label of each row (see `CovarianceOptions.time`): distinct
 * labels sorted as `groupCodes` sorts them; integer codes must be consecutive (a gap would make lag 1 span two
 * periods).
 *
 * @param time one label per row
 * @param n expected number of rows
 * @example
 * ```ts
 * periodCodes(["2024-01-08", "2024-01-01", "2024-01-08"], 3); // { codes: Int32Array [1, 0, 1], nPeriods: 2 }
 * ```
 */
export function periodCodes(
  time: readonly string[] | Int32Array,
  n: number,
): { codes: Int32Array; nPeriods: number } {
  if (time.length !== n) {
    throw new RangeError(`time has ${time.length} labels, expected one per row (${n})`);
  }
  const { codes, levels } = groupCodes(time, n);
  if (time instanceof Int32Array) {
    for (let t = 1; t < levels.length; t++) {
      const a = Number(levels[t - 1]), b = Number(levels[t]);
      if (b !== a + 1) {
        throw new RangeError(
          `time has no rows for period${b - a > 2 ? "s" : ""} ${a + 1}${b - a > 2 ? `–${b - 1}` : ""} ` +
            `(between ${a} and ${b}): Driscoll–Kraay needs consecutive, equally spaced periods, each with a row`,
        );
      }
    }
  }
  return { codes, nPeriods: levels.length };
}
