/**
 * Input checks shared by the least-squares estimators (internal).
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import { ModelError } from "../errors.ts";

/**
 * Checks that a design and response fit together and hold only finite numbers; throws a `RangeError` for
 * inconsistent sizes and a `ModelError` naming the column and row of the first NaN/±Infinity.
 */
export function checkRegressionInputs(design: Design, y: ArrayLike<number>, yName: string): void {
  const { names, n, k, x } = design;
  if (!(Number.isInteger(k) && k >= 1)) {
    throw new RangeError(`a design needs at least one column, got k = ${k}`);
  }
  if (names.length !== k) throw new RangeError(`design has ${names.length} names for ${k} columns`);
  if (x.length !== n * k) throw new RangeError(`design.x has ${x.length} entries, expected ${n} × ${k}`);
  if (y.length !== n) throw new RangeError(`${yName} has ${y.length} values, the design has ${n} rows`);
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new RangeError(`design column name "${name}" appears twice`);
    seen.add(name);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) {
      throw new ModelError(`${yName} has a non-finite value (${y[i]}) at row ${i} (0-based)`, [yName]);
    }
    const row = i * k;
    for (let j = 0; j < k; j++) {
      if (!Number.isFinite(x[row + j])) {
        throw new ModelError(
          `design column "${names[j]}" has a non-finite value (${x[row + j]}) at row ${i} (0-based)`,
          [names[j]],
        );
      }
    }
  }
}
