import { assertArrayClose, assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import { describe, groupMeans, pearson, quantileSorted } from "../../lib/stats/describe.ts";
import { welchTTest } from "../../lib/stats/welch.ts";

const ref = JSON.parse(Deno.readTextFileSync(new URL("../fixtures/describe.json", import.meta.url)));
const x = Float64Array.from(ref.x as number[]);

Deno.test("describe agrees with pandas' Series.describe (1e-12 relative)", () => {
  const d = describe(x);
  const r = ref.describe;
  assertArrayClose([d.count, d.mean, d.sd, d.min, d.q25, d.median, d.q75, d.max], [
    r.count,
    r.mean,
    r.std,
    r.min,
    r["25%"],
    r["50%"],
    r["75%"],
    r.max,
  ], 1e-12);
  assertEquals(d.zeros, 3);
});

Deno.test("quantileSorted agrees with numpy.quantile's default linear method (1e-12 relative)", () => {
  const sorted = Float64Array.from(x).sort();
  for (const [q, v] of Object.entries(ref.quantiles as Record<string, number>)) {
    assertRelClose(quantileSorted(sorted, Number(q)), v, 1e-12);
  }
  assertThrows(() => quantileSorted(sorted, 1.5), RangeError, "q must be in [0, 1]");
});

Deno.test("describe counts NaN as missing and leaves it out", () => {
  const d = describe(new Float64Array([1, NaN, 3]));
  assertEquals([d.count, d.missing, d.mean, d.median], [2, 1, 2, 2]);
});

Deno.test("pearson agrees with scipy.stats.pearsonr and is NaN for a constant series", () => {
  assertRelClose(pearson(ref.a.slice(0, 20), ref.b.slice(0, 20)), ref.pearson_ab_prefix, 1e-12);
  assertEquals(pearson([1, 1, 1], [1, 2, 3]), NaN);
});

Deno.test("welchTTest agrees with scipy.stats.ttest_ind(equal_var=False) (1e-10 relative)", () => {
  const w = welchTTest(ref.a, ref.b);
  assertRelClose(w.t, ref.welch.t, 1e-10);
  assertRelClose(w.df, ref.welch.df, 1e-10);
  assertRelClose(w.pValue, ref.welch.p, 1e-9);
  assertRelClose(w.lower, ref.welch.low, 1e-9);
  assertRelClose(w.upper, ref.welch.high, 1e-9);
});

Deno.test("groupMeans keeps first-seen order", () => {
  assertEquals(groupMeans([1, 3, 10], ["a", "a", "b"]).map((g) => [g.key, g.mean, g.count]), [["a", 2, 2], [
    "b",
    10,
    1,
  ]]);
});

Deno.test("ranksDescending gives 1 to the largest and shares ranks on ties", async () => {
  const { ranksDescending } = await import("../../lib/stats/describe.ts");
  assertEquals([...ranksDescending([0.2, 0.9, 0.2, 0.1, NaN])], [2, 1, 2, 4, 5]);
});
