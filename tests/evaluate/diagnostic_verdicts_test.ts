import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";
import { binomialSf } from "../../lib/stats/distributions.ts";
import { qqPoints, thinQq } from "../../lib/stats/qq.ts";
import { collinearityVerdict, HIGH_CONDITION_NUMBER, HIGH_VIF } from "../../lib/evaluate/collinearity.ts";
import { rejectionShareVerdict } from "../../lib/evaluate/verdicts.ts";

const fixture = JSON.parse(Deno.readTextFileSync(new URL("../fixtures/binomial.json", import.meta.url))) as {
  cases: { k: number; n: number; p: number; sf: number }[];
};

Deno.test("binomialSf agrees with scipy.stats.binom.sf(k - 1, n, p) to 1e-12 (absolute) on every case", () => {
  for (const c of fixture.cases) {
    assertAlmostEquals(binomialSf(c.k, c.n, c.p), c.sf, 1e-12, `k=${c.k} n=${c.n} p=${c.p}`);
  }
  assertThrows(() => binomialSf(1, 2.5, 0.5), RangeError);
  assertThrows(() => binomialSf(1, 2, 1.5), RangeError);
});

Deno.test("rejectionShareVerdict: what chance gives is not called real; far more is", () => {
  // 2 of 40 at the 5% level: P(X >= 2) = 1 - 0.95^40 - 40 * 0.05 * 0.95^39, about 0.60
  const chance = rejectionShareVerdict(2, 40, 0.05, "no autocorrelation");
  assertAlmostEquals(chance.pValue, 1 - 0.95 ** 40 - 40 * 0.05 * 0.95 ** 39, 1e-12);
  assertEquals(chance.moreThanChance, false);
  assert(chance.sentence.includes("within what chance gives"));
  const real = rejectionShareVerdict(15, 40, 0.05, "no autocorrelation");
  assertEquals(real.moreThanChance, true);
  assert(real.sentence.includes("15 of 40"));
  assertEquals(rejectionShareVerdict(0, 3, 0.05, "x").pValue, 1);
  assertThrows(() => rejectionShareVerdict(5, 3, 0.05, "x"), RangeError);
});

Deno.test("collinearityVerdict names every regressor above the VIF threshold and judges the condition number", () => {
  const v = collinearityVerdict([{ name: "a", vif: HIGH_VIF + 1 }, { name: "b", vif: HIGH_VIF }, {
    name: "c",
    vif: 50,
  }], 5);
  assertEquals(v.high.map((h) => h.name), ["c", "a"]); // exactly 10 is not above 10
  assert(v.sentence.startsWith("c (50.0), a (11.0) have VIFs above 10"));
  // high VIFs with a well-conditioned design: not "no notable collinearity" (that would contradict the VIFs)
  assert(!v.sentence.includes("no notable collinearity"), v.sentence);
  assert(v.sentence.includes("confined to the regressors above"), v.sentence);
  assert(collinearityVerdict([{ name: "a", vif: 1.2 }], 5).sentence.includes("no notable collinearity"));
  const calm = collinearityVerdict([{ name: "a", vif: 1.2 }], HIGH_CONDITION_NUMBER + 1);
  assertEquals(calm.high.length, 0);
  assertEquals(calm.notable, true);
  assert(calm.sentence.includes("notable collinearity"));
  assert(collinearityVerdict([], Infinity).sentence.includes("infinite"));
});

Deno.test("thinQq keeps both extremes and evenly spaced ranks, and leaves small plots alone", () => {
  const x = Float64Array.from({ length: 1001 }, (_, i) => (i * 7919) % 1001);
  const full = qqPoints(x);
  const thin = thinQq(full, 11);
  assertEquals(thin.ordered.length, 11);
  assertEquals(thin.ordered[0], full.ordered[0]);
  assertEquals(thin.ordered[10], full.ordered[1000]);
  assertEquals(thin.ordered[5], full.ordered[500]);
  assertEquals(thin.slope, full.slope);
  assertEquals(thinQq(full, 5000), full);
});

Deno.test("residualTests reports White's test as not computed when the auxiliary regression has more regressors than rows", async () => {
  const { residualTests } = await import("../../lib/evaluate/diagnostic_report.ts");
  const n = 12, k = 6;
  const x = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    x[i * k] = 1;
    for (let j = 1; j < k; j++) x[i * k + j] = Math.sin(i * (j + 1)) + j * 0.1 * i;
  }
  const residuals = Float64Array.from({ length: n }, (_, i) => Math.cos(3 * i));
  const rows = residualTests(residuals, { names: ["const", "a", "b", "c", "d", "e"], n, k, x }, { lags: 2 });
  const whiteRow = rows.find((r) => r.test === "White")!;
  assert(Number.isNaN(whiteRow.statistic));
  assertEquals(whiteRow.rejected, false);
  assert(whiteRow.meaning.startsWith("not computed"));
});
