import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";
import { crossValidatePanel, withinGroupR2 } from "../../lib/evaluate/panel_cv.ts";
import { panelTimeSeriesSplit } from "../../lib/evaluate/time_series_split.ts";
import { designFromColumns } from "../../lib/features/design.ts";

Deno.test("withinGroupR2 measures fit around each group's reference level", () => {
  // SSE = 0.25+0.25+1+1 = 2.5; SST = 1+1+4+4 = 10
  assertAlmostEquals(
    withinGroupR2([1, 3, 10, 14], [1.5, 2.5, 11, 13], ["a", "a", "b", "b"], new Map([["a", 2], ["b", 12]])),
    1 - 2.5 / 10,
    1e-15,
  );
  assertThrows(() => withinGroupR2([1], [1], ["c"], new Map()), RangeError, `"c"`);
});

function panel(noise: number) {
  const geos: string[] = [], dates: string[] = [];
  const x: number[] = [], y: number[] = [];
  let s = 3;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5);
  for (let g = 0; g < 6; g++) {
    for (let t = 0; t < 30; t++) {
      geos.push(`g${g}`);
      dates.push(new Date(Date.UTC(2024, 0, 1 + 7 * t)).toISOString().slice(0, 10));
      const xi = rand() * 10;
      x.push(xi);
      y.push(100 * g + 3 * xi + noise * rand());
    }
  }
  return {
    geos,
    dates,
    design: designFromColumns({ x: Float64Array.from(x) }, false),
    y: Float64Array.from(y),
  };
}

Deno.test("crossValidatePanel recovers an exact within-geo relation out of sample (within R² = 1)", () => {
  const p = panel(0);
  const cv = crossValidatePanel(p.design, p.y, p.geos, panelTimeSeriesSplit(p.dates, { nSplits: 3 }));
  assertEquals(cv.folds.length, 3);
  for (const f of cv.folds) assertAlmostEquals(f.withinR2, 1, 1e-10);
});

Deno.test("crossValidatePanel: ordinary R² flatters a panel, within R² does not", () => {
  const p = panel(60);
  const cv = crossValidatePanel(p.design, p.y, p.geos, panelTimeSeriesSplit(p.dates, { nSplits: 3 }));
  assert(cv.mean.r2 > 0.9, `r2 ${cv.mean.r2}`);
  assert(cv.mean.withinR2 < cv.mean.r2 - 0.2, `within ${cv.mean.withinR2} vs r2 ${cv.mean.r2}`);
  const tested = cv.predictions.filter((v) => !Number.isNaN(v)).length;
  assertEquals(tested, cv.folds.reduce((a, f) => a + f.testSize, 0));
});

Deno.test("crossValidatePanel leaves out, and reports, columns that do not vary in a fold's training rows", () => {
  const p = panel(0);
  // A dummy that is 1 only in the last 5 periods: absent from the first folds' training rows.
  const n = p.y.length;
  const late = Float64Array.from({ length: n }, (_, i) => (i % 30 >= 25 ? 1 : 0));
  const x = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) x.set([p.design.x[i], late[i]], i * 2);
  const cv = crossValidatePanel(
    { names: ["x", "late"], n, k: 2, x },
    p.y,
    p.geos,
    panelTimeSeriesSplit(p.dates, { nSplits: 3 }),
  );
  assertEquals(cv.folds.map((f) => f.droppedColumns), [["late"], ["late"], ["late"]]);
  for (const f of cv.folds) assertAlmostEquals(f.withinR2, 1, 1e-10);
});
