import { assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";
import { findAnomalies } from "../../lib/features/anomalies.ts";

Deno.test("findAnomalies flags a spike and a drop against the local median, with the robust z", () => {
  // Scatter of ±5 around 100 with one spike (index 6) and one drop (index 13).
  const y = Float64Array.from({ length: 20 }, (_, i) => 100 + ((i * 37) % 11) - 5);
  y[6] = 160;
  y[13] = 40;
  const found = findAnomalies(y);
  assertEquals(found.map((a) => a.index), [6, 13]);
  // expected = median of the 5-point window, computed here by definition.
  const med = (v: number[]) => [...v].sort((a, b) => a - b)[2];
  assertEquals(found[0].expected, med([...y.subarray(4, 9)]));
  assertEquals(found[1].expected, med([...y.subarray(11, 16)]));
  assertAlmostEquals(found[0].value, 160, 0);
  assertEquals(found[0].z > 5 && found[1].z < -5, true);
});

Deno.test("findAnomalies finds nothing in a smooth series, or a series too short for the window", () => {
  assertEquals(findAnomalies(Float64Array.from({ length: 30 }, (_, i) => Math.sin(i / 3) * 10 + i)), []);
  assertEquals(findAnomalies([1, 100, 1]), []);
});

Deno.test("findAnomalies rejects non-finite values and bad options", () => {
  assertThrows(() => findAnomalies([1, 2, NaN, 4, 5, 6]), RangeError, "y[2] is NaN");
  assertThrows(() => findAnomalies([1, 2, 3], { halfWindow: 0 }), RangeError, "halfWindow");
  assertThrows(() => findAnomalies([1, 2, 3], { threshold: -1 }), RangeError, "threshold");
});
