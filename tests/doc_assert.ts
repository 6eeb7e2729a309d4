/**
 * The assertion of the executable `@example` blocks in `lib/` (`deno task test:doc`): an example states the
 * value it expects as a literal, printed to a few digits, and `assertClose` holds the result to those digits.
 *
 * @module
 */

/**
 * Fails unless `actual` matches `expected` to within `tolerance`: numbers within `tolerance` absolutely (or
 * 1e-9 relatively, for large integers), NaN equal to NaN; arrays and typed arrays element by element with equal
 * lengths; objects on the keys that `expected` shows (an example prints the fields it is about); other values
 * by `Object.is`.
 *
 * @param tolerance half a unit of the last digit the example prints (default 1e-9)
 * @example
 * ```ts
 * assertClose({ mean: 3.3333333, n: 3, extra: "ignored" }, { mean: 3.333, n: 3 }, 5e-4);
 * ```
 */
export function assertClose(actual: unknown, expected: unknown, tolerance = 1e-9): void {
  const problem = difference(actual, expected, tolerance, "");
  if (problem !== null) throw new Error(`example value differs at ${problem}`);
}

function difference(a: unknown, e: unknown, tol: number, path: string): string | null {
  const here = path || "(value)";
  if (typeof e === "number") {
    if (typeof a !== "number") return `${here}: got ${String(a)}, expected the number ${e}`;
    if (Number.isNaN(e) && Number.isNaN(a)) return null;
    const ok = Object.is(a, e) || Math.abs(a - e) <= tol || Math.abs(a - e) <= 1e-9 * Math.abs(e);
    return ok ? null : `${here}: got ${a}, expected ${e} (±${tol})`;
  }
  if (e === null || typeof e !== "object") {
    return Object.is(a, e) ? null : `${here}: got ${JSON.stringify(a)}, expected ${JSON.stringify(e)}`;
  }
  if (a === null || typeof a !== "object") return `${here}: got ${String(a)}, expected an object or list`;
  const isList = (v: object) => Array.isArray(v) || ArrayBuffer.isView(v);
  if (isList(e)) {
    if (!isList(a)) return `${here}: got an object, expected a list`;
    const x = a as ArrayLike<unknown>, y = e as ArrayLike<unknown>;
    if (x.length !== y.length) return `${here}: got length ${x.length}, expected ${y.length}`;
    for (let i = 0; i < y.length; i++) {
      const d = difference(x[i], y[i], tol, `${path}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  for (const [k, v] of Object.entries(e)) {
    const d = difference((a as Record<string, unknown>)[k], v, tol, path ? `${path}.${k}` : k);
    if (d !== null) return d;
  }
  return null;
}
