/**
 * Intervals for a parameter that is **estimated on a grid**, such as a carryover θ chosen among
 * {0, 0.1, …, 0.9}. A replicate's choice is a grid value, but the true θ is a real number, so a grid value
 * stands for every θ closer to it than to its neighbours: its **grid cell**
 *
 * ```
 * cell(g_i) = [(g_{i−1} + g_i) / 2, (g_i + g_{i+1}) / 2]
 * ```
 *
 * with the end cells extended by half the adjacent step beyond the end points, clipped to the parameter's
 * range (θ ∈ [0, 1]). The interval of the chosen values is then the **hull of the cells** of its end points:
 * from the lower cell bound of the largest grid value ≤ the lower percentile to the upper cell bound of the
 * smallest grid value ≥ the upper percentile.
 *
 * Why: a percentile interval of grid-valued replicates has grid values (or interpolations between adjacent ones)
 * as end points; when every replicate picks the same value it has width 0 and misses every truth between grid
 * points, although the estimator cannot tell those apart from the grid value. Treating the choice as a
 * discretized (rounded) estimate and widening by the rounding error is the usual correction for grouped or
 * rounded data (Sheppard 1898; Heitjan 1989, "Inference from grouped continuous data: a review", Statistical
 * Science 4(2)); it costs at most half a grid step at each end.
 *
 * @module
 */

/**
 * The grid cell `[lo, hi]` of grid value `g[i]` (see the module doc) of a sorted, duplicate-free grid; a
 * one-value grid's cell is the value itself.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(gridCell([0, 0.1, 0.2], 1, [0, 1]), [0.05, 0.15], 5e-3);
 * ```
 */
export function gridCell(
  g: readonly number[],
  i: number,
  range: readonly [number, number],
): [number, number] {
  const last = g.length - 1;
  if (last === 0) return [g[0], g[0]];
  const lo = i > 0 ? (g[i - 1] + g[i]) / 2 : g[0] - (g[1] - g[0]) / 2;
  const hi = i < last ? (g[i] + g[i + 1]) / 2 : g[last] + (g[last] - g[last - 1]) / 2;
  return [Math.max(range[0], lo), Math.min(range[1], hi)];
}

/**
 * The hull of the grid cells of an interval `[lower, upper]` of grid-valued replicates (see the module doc):
 * `lower` moves down to the lower bound of the cell of the largest grid value ≤ `lower` (the smallest grid
 * value when none is), `upper` up to the upper bound of the cell of the smallest grid value ≥ `upper` (the
 * largest when none is). Values within 1e-9 of a grid value count as that value.
 *
 * @param grid the grid the replicates chose from (any order; duplicates ignored)
 * @param lower lower end of the replicates' interval (e.g. their 2.5% percentile)
 * @param upper upper end (≥ `lower`)
 * @param range the parameter's range, clipping the end cells (default θ's `[0, 1]`)
 * @throws RangeError for an empty grid, non-finite ends or `lower > upper`
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(gridCellInterval([0, 0.1, 0.2, 0.3], 0.1, 0.1), { lower: 0.05, upper: 0.15 }, 5e-3);
 * assertClose(gridCellInterval([0, 0.1, 0.2, 0.3], 0.14, 0.3), { lower: 0.05, upper: 0.35 }, 5e-3);
 * ```
 */
export function gridCellInterval(
  grid: readonly number[],
  lower: number,
  upper: number,
  range: readonly [number, number] = [0, 1],
): { lower: number; upper: number } {
  if (grid.length === 0) throw new RangeError("gridCellInterval needs a non-empty grid");
  if (!(Number.isFinite(lower) && Number.isFinite(upper) && lower <= upper)) {
    throw new RangeError(`need finite lower <= upper, got [${lower}, ${upper}]`);
  }
  const g = [...new Set(grid)].sort((a, b) => a - b);
  const eps = 1e-9;
  let i = 0;
  for (let k = 0; k < g.length; k++) if (g[k] <= lower + eps) i = k;
  let j = g.length - 1;
  for (let k = g.length - 1; k >= 0; k--) if (g[k] >= upper - eps) j = k;
  return { lower: gridCell(g, i, range)[0], upper: gridCell(g, j, range)[1] };
}
