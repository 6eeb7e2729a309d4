/**
 * Internal domain checks shared by the feature modules (not re-exported).
 *
 * @module
 */

/** Throws a `RangeError` naming the first non-finite index of `x`, if any. */
export function checkFinite(x: ArrayLike<number>, what = "x"): void {
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new RangeError(
        `${what}[${i}] is ${x[i]}; expected a finite number (fill or drop missing values first)`,
      );
    }
  }
}

/** Throws a `RangeError` unless `k` is an integer `>= min`. */
export function checkInteger(k: number, name: string, min = 0): void {
  if (!(Number.isInteger(k) && k >= min)) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${k}`);
  }
}
