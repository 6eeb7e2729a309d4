import { assertEquals } from "../assert.ts";
import { decompositionByDate } from "../../lib/decompose/decomposition_by_date.ts";
import type { MediaModel } from "../../lib/decompose/media_model.ts";

Deno.test("decompositionByDate sums contributions over geos per date and leaves the rest as baseline", () => {
  // Two geos × two weeks; tv has carryover 0.5 within each geo and coefficient 2 (linear, no saturation).
  const model: MediaModel = {
    channels: [{ name: "tv", column: "tv", coef: 2, adstock: { type: "geometric", theta: 0.5 } }],
  };
  const ds = {
    n: 4,
    columns: { tv: new Float64Array([10, 0, 4, 2]) },
    geos: ["A", "A", "B", "B"],
    dates: ["2024-01-01", "2024-01-08", "2024-01-01", "2024-01-08"],
  };
  const fitted = [100, 90, 50, 60];
  const d = decompositionByDate(model, ds, fitted);
  // adstock: A = [10, 5], B = [4, 4]; contributions 2× that: A = [20, 10], B = [8, 8].
  assertEquals(d.dates, ["2024-01-01", "2024-01-08"]);
  assertEquals([...d.channels.tv], [28, 18]);
  assertEquals([...d.fitted], [150, 150]);
  assertEquals([...d.baseline], [122, 132]);
  assertEquals(d.totals, { fitted: 300, baseline: 254, channels: { tv: 46 } });
});
