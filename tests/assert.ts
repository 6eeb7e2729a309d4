/**
 * Minimal assertions (JSR's @std/assert is unreachable here). Each throws an `AssertionError` with the
 * values that disagreed.
 *
 * @module
 */

/** Raised by a failed assertion. */
export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AssertionError";
  }
}

/** Fails unless `condition` is truthy. */
export function assert(condition: unknown, message = "assertion failed"): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** Deep equality on JSON-like values (arrays, typed arrays, plain objects, primitives; NaN equals NaN). */
export function assertEquals(actual: unknown, expected: unknown, message?: string): void {
  if (!deepEqual(actual, expected)) {
    throw new AssertionError(
      `${message ? message + ": " : ""}values differ\n  actual:   ${show(actual)}\n  expected: ${
        show(expected)
      }`,
    );
  }
}

/** Fails unless `|actual - expected| <= tolerance` (absolute). */
export function assertAlmostEquals(
  actual: number,
  expected: number,
  tolerance = 1e-7,
  message?: string,
): void {
  if (!(Math.abs(actual - expected) <= tolerance) && !(Number.isNaN(actual) && Number.isNaN(expected))) {
    throw new AssertionError(
      `${message ? message + ": " : ""}${actual} is not within ${tolerance} of ${expected} (diff ${
        actual - expected
      })`,
    );
  }
}

/**
 * Fails unless `|actual - expected| <= rtol * max(|expected|, floor)`: relative agreement, with an absolute
 * floor so that reference values near zero are compared sensibly.
 */
export function assertRelClose(
  actual: number,
  expected: number,
  rtol = 1e-8,
  floor = 1e-12,
  message?: string,
): void {
  const scale = Math.max(Math.abs(expected), floor);
  const ok = Math.abs(actual - expected) <= rtol * scale ||
    (Number.isNaN(actual) && Number.isNaN(expected)) || actual === expected;
  if (!ok) {
    throw new AssertionError(
      `${message ? message + ": " : ""}${actual} vs expected ${expected}: relative error ${
        Math.abs(actual - expected) / scale
      } > ${rtol}`,
    );
  }
}

/** Element-wise `assertRelClose` over two equal-length sequences. */
export function assertArrayClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol = 1e-8,
  floor = 1e-12,
  message?: string,
): void {
  if (actual.length !== expected.length) {
    throw new AssertionError(
      `${message ? message + ": " : ""}length ${actual.length} vs expected ${expected.length}`,
    );
  }
  for (let i = 0; i < expected.length; i++) {
    assertRelClose(actual[i], expected[i], rtol, floor, `${message ? message + " " : ""}[${i}]`);
  }
}

/** Fails unless `fn` throws; when `ErrorClass` or `includes` are given, the error must match them. Returns it. */
export function assertThrows<E extends Error = Error>(
  fn: () => unknown,
  // deno-lint-ignore no-explicit-any
  ErrorClass?: new (...args: any[]) => E,
  includes?: string | RegExp,
): E {
  try {
    fn();
  } catch (error) {
    if (ErrorClass && !(error instanceof ErrorClass)) {
      throw new AssertionError(
        `expected ${ErrorClass.name}, got ${(error as Error)?.name}: ${(error as Error)?.message}`,
      );
    }
    const message = (error as Error).message;
    if (typeof includes === "string" && !message.includes(includes)) {
      throw new AssertionError(
        `error message ${JSON.stringify(message)} does not include ${JSON.stringify(includes)}`,
      );
    }
    if (includes instanceof RegExp && !includes.test(message)) {
      throw new AssertionError(`error message ${JSON.stringify(message)} does not match ${includes}`);
    }
    return error as E;
  }
  throw new AssertionError("expected the function to throw, it returned");
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const isList = (v: object) => Array.isArray(v) || ArrayBuffer.isView(v);
  if (isList(a) !== isList(b)) return false;
  if (isList(a)) {
    const x = a as ArrayLike<unknown>, y = b as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!deepEqual(x[i], y[i])) return false;
    return true;
  }
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function show(v: unknown): string {
  if (ArrayBuffer.isView(v)) {
    return `${v.constructor.name}[${Array.from(v as unknown as ArrayLike<number>).join(", ")}]`;
  }
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
