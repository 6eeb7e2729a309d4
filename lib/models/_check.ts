/**
 * The input check every regression estimator runs before fitting (`checkRegressionInputs`): OLS, fixed
 * effects, ridge, elastic net, random forest and gradient boosting.
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import { ModelError } from "../errors.ts";

/** What a fit is, for the messages of {@link checkRegressionInputs}. */
export interface RegressionInputsContext {
  /** The estimator, prefixed to every message (e.g. `"ridge"`); absent for plain least squares. */
  readonly model?: string;
  /** The response's name in messages (default `"y"`), e.g. the target column. */
  readonly yName?: string;
}

/**
 * Checks that a design and a response fit together and hold only finite numbers: at least one column, a
 * name per column and no name twice, `n × k` values, one response per row. Inconsistent sizes throw a
 * `RangeError` (a programming error); the first NaN or ±Infinity, row by row, throws a `ModelError` naming
 * the column (or the response) and the 0-based row, so that missing values are fixed at the source instead
 * of propagating into every coefficient.
 *
 * @param design the regressors (row-major `n × k`)
 * @param y the response, one value per row
 * @param context the estimator and the response's name, for the messages
 * @example
 * ```ts
 * import { designFromColumns } from "../features/design.ts";
 * const design = designFromColumns({ tv: new Float64Array([1, NaN]) });
 * let message = "";
 * try {
 *   checkRegressionInputs(design, new Float64Array([1, 2]), { model: "ridge" });
 * } catch (e) {
 *   message = (e as Error).message;
 * }
 * if (!message.startsWith('ridge: design column "tv" has a non-finite value (NaN) at row 1')) throw new Error(message);
 * ```
 */
export function checkRegressionInputs(
  design: Design,
  y: ArrayLike<number>,
  context: RegressionInputsContext = {},
): void {
  const { names, n, k, x } = design;
  const at = context.model ? `${context.model}: ` : "";
  const yName = context.yName ?? "y";
  if (!(Number.isInteger(k) && k >= 1)) {
    throw new RangeError(`${at}a design needs at least one column, got k = ${k}`);
  }
  if (names.length !== k) throw new RangeError(`${at}the design has ${names.length} names for ${k} columns`);
  if (x.length !== n * k) {
    throw new RangeError(`${at}the design has ${x.length} values, expected ${n} × ${k}`);
  }
  if (y.length !== n) throw new RangeError(`${at}${yName} has ${y.length} values, the design has ${n} rows`);
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new RangeError(`${at}design column name "${name}" appears twice`);
    seen.add(name);
  }
  const fix = "; expected finite numbers (drop or fill missing rows first)";
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) {
      throw new ModelError(`${at}${yName} has a non-finite value (${y[i]}) at row ${i} (0-based)${fix}`, [
        yName,
      ]);
    }
    const row = i * k;
    for (let j = 0; j < k; j++) {
      if (!Number.isFinite(x[row + j])) {
        throw new ModelError(
          `${at}design column "${names[j]}" has a non-finite value (${
            x[row + j]
          }) at row ${i} (0-based)${fix}`,
          [names[j]],
        );
      }
    }
  }
}
