/**
 * The plain left-to-right sum shared by the optimizers (internal).
 *
 * @module
 */

/** `Σ x_i`, added left to right (no compensation, so results match a plain loop bit for bit). */
export function sum(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}
