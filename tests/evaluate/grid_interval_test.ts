import { assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";
import { gridCell, gridCellInterval } from "../../lib/evaluate/grid_interval.ts";

const close = (got: { lower: number; upper: number }, lower: number, upper: number) => {
  assertAlmostEquals(got.lower, lower, 1e-12);
  assertAlmostEquals(got.upper, upper, 1e-12);
};

Deno.test("gridCell: half-way to each neighbour, end cells extended by half a step and clipped", () => {
  const g = [0, 0.1, 0.2, 0.3];
  assertEquals(gridCell(g, 0, [0, 1]), [0, 0.05]);
  assertAlmostEquals(gridCell(g, 2, [0, 1])[0], 0.15, 1e-12);
  assertAlmostEquals(gridCell(g, 2, [0, 1])[1], 0.25, 1e-12);
  assertAlmostEquals(gridCell(g, 3, [0, 1])[1], 0.35, 1e-12);
  assertEquals(gridCell([0.9, 0.98], 1, [0, 1]), [0.94, 1]); // clipped at the range
  assertEquals(gridCell([0.4], 0, [0, 1]), [0.4, 0.4]); // no neighbour: the value itself
});

Deno.test("gridCellInterval: a one-value interval becomes its cell; interpolated ends move outward", () => {
  const g = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
  close(gridCellInterval(g, 0.3, 0.3), 0.25, 0.35);
  close(gridCellInterval(g, 0, 0.9), 0, 0.95);
  // 0.145 lies between 0.1 and 0.2: down to 0.1's cell; 0.645 up to 0.7's cell
  close(gridCellInterval(g, 0.145, 0.645), 0.05, 0.75);
  // an uneven (thinned) grid: cells follow the actual neighbours
  close(gridCellInterval([0, 0.2, 0.4, 0.8], 0.4, 0.4), 0.3, 0.6);
  close(gridCellInterval([0.8, 0, 0.4, 0.2, 0.4], 0.8, 0.8), 0.6, 1); // order and duplicates ignored
  // ends outside the grid: the end cells
  close(gridCellInterval([0.2, 0.3], 0.1, 0.5), 0.15, 0.35);
  assertThrows(() => gridCellInterval([], 0, 0), RangeError, "non-empty");
  assertThrows(() => gridCellInterval(g, 0.5, 0.4), RangeError, "lower <= upper");
});
