/**
 * Ljung-Box / Box-Pierce against statsmodels 0.13.5 `acorr_ljungbox(x, lags, model_df, boxpierce=True)`
 * (fixture tests/fixtures/diagnostics.py) at 1e-8 relative, and against the definition on a hand example.
 */
import { ljungBox } from "../../lib/evaluate/ljung_box.ts";
import { assert, assertArrayClose, assertEquals, assertRelClose, assertThrows } from "../assert.ts";

interface LjungBoxCase {
  name: "ar1" | "whiteNoise";
  lags: number | number[];
  modelDf: number;
  reportedLags: number[];
  lbStat: number[];
  lbPvalue: (number | null)[];
  bpStat: number[];
  bpPvalue: (number | null)[];
}
const fixture = JSON.parse(
  Deno.readTextFileSync(new URL("../fixtures/diagnostics.json", import.meta.url)),
) as {
  series: { ar1: number[]; whiteNoise: number[] };
  ljungBox: LjungBoxCase[];
};
const RTOL = 1e-8;
const nan = (v: (number | null)[]) => v.map((p) => p ?? NaN);

for (const c of fixture.ljungBox) {
  Deno.test(`ljungBox matches statsmodels: ${c.name}, lags ${JSON.stringify(c.lags)}, model_df ${c.modelDf}`, () => {
    const r = ljungBox(fixture.series[c.name], { lags: c.lags, modelDf: c.modelDf, boxPierce: true });
    assertEquals([...r.lags], c.reportedLags);
    assertEquals([...r.df], c.reportedLags.map((h) => h - c.modelDf));
    assertArrayClose(r.lbStat, c.lbStat, RTOL, 1e-12, "lbStat");
    assertArrayClose(r.lbPvalue, nan(c.lbPvalue), RTOL, 1e-300, "lbPvalue");
    assertArrayClose(r.bpStat!, c.bpStat, RTOL, 1e-12, "bpStat");
    assertArrayClose(r.bpPvalue!, nan(c.bpPvalue), RTOL, 1e-300, "bpPvalue");
  });
}

Deno.test("ljungBox follows Q = n(n+2) Σ r_k²/(n−k) on a hand example, p from χ²(2) = exp(−Q/2)", () => {
  // x = 1..4: r1 = 0.25, r2 = −0.3 (see autocorrelation_test); n = 4
  const r = ljungBox(new Float64Array([1, 2, 3, 4]), { lags: [2, 1], boxPierce: true });
  const q2 = 4 * 6 * (0.0625 / 3 + 0.09 / 2);
  assertArrayClose(r.lbStat, [q2, 4 * 6 * (0.0625 / 3)], 1e-14);
  assertArrayClose(r.bpStat!, [4 * (0.0625 + 0.09), 4 * 0.0625], 1e-14);
  assertRelClose(r.lbPvalue[0], Math.exp(-q2 / 2), 1e-13);
});

Deno.test("ljungBox p-value is NaN where lag − modelDf ≤ 0, and Box-Pierce only when asked", () => {
  const r = ljungBox(fixture.series.ar1, { lags: 3, modelDf: 2 });
  assert(Number.isNaN(r.lbPvalue[0]) && Number.isNaN(r.lbPvalue[1]) && r.lbPvalue[2] > 0);
  assertEquals(r.bpStat, undefined);
  assertEquals(r.bpPvalue, undefined);
});

Deno.test("ljungBox defaults to lags 1..min(10, ⌊n/5⌋), statsmodels' default", () => {
  assertEquals([...ljungBox(fixture.series.ar1).lags], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assertEquals([...ljungBox(fixture.series.ar1.slice(0, 23)).lags], [1, 2, 3, 4]);
});

Deno.test("ljungBox rejects bad input with RangeErrors that say what was wrong", () => {
  const x = Float64Array.from(fixture.series.whiteNoise);
  assertThrows(() => ljungBox(x.slice(0, 5), { lags: 5 }), RangeError, "[1, 4]");
  assertThrows(() => ljungBox(x, { lags: [] }), RangeError, "empty");
  assertThrows(() => ljungBox(x, { lags: 0 }), RangeError, "integer");
  assertThrows(() => ljungBox(x, { lags: 3, modelDf: -1 }), RangeError, "modelDf");
  assertThrows(() => ljungBox(x.slice(0, 4)), RangeError, "at least 5");
  assertThrows(() => ljungBox(new Float64Array(30).fill(1), { lags: 2 }), RangeError, "constant");
  x[42] = Infinity;
  assertThrows(() => ljungBox(x, { lags: 2 }), RangeError, "index 42");
});
