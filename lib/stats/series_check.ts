/**
 * The input check shared by the target-shape statistics (`two_modes.ts`, `level_shifts.ts`, `regimes.ts`).
 *
 * @module
 */

/** Throws a RangeError unless `y` has at least `min` values, all finite (`what` names the statistic). */
export function checkSeries(y: ArrayLike<number>, min: number, what: string): void {
  if (y.length < min) throw new RangeError(`${what} needs at least ${min} values, got ${y.length}`);
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) throw new RangeError(`y[${i}] is ${y[i]}, expected a finite number`);
  }
}
