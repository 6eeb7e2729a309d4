/**
 * Moments, normality tests and Durbin–Watson against scipy.stats and statsmodels.stats.stattools
 * (tests/fixtures/normality.py → normality.json). Tolerance 1e-10 relative for statistics (p-values 1e-10
 * relative or 1e-14 absolute); moments of the sample with mean 1e6: 1e-6 relative (scipy and we both lose
 * digits to the mean, in different summation orders).
 */

import { assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import {
  durbinWatson,
  jarqueBera,
  kurtosis,
  kurtosisTest,
  mean,
  omnibusTest,
  sampleMoments,
  skewness,
  skewTest,
} from "../../lib/stats/mod.ts";

const fx = JSON.parse(await Deno.readTextFile(new URL("../fixtures/normality.json", import.meta.url)));
const RTOL = 1e-10;

for (const [name, r] of Object.entries(fx) as [string, Record<string, number & number[]>][]) {
  const x = Float64Array.from(r.x);
  const momentTol = name === "large_mean" ? 1e-6 : RTOL;

  Deno.test(`sample moments, skewness and kurtosis match scipy (${name})`, () => {
    assertRelClose(mean(x), r.mean, RTOL);
    const m = sampleMoments(x);
    assertRelClose(m.m2, r.m2, momentTol);
    assertRelClose(m.m3, r.m3, momentTol * 1e3, 1e-12); // m3 ≈ 0 for symmetric samples
    assertRelClose(m.m4, r.m4, momentTol);
    assertRelClose(skewness(x), r.skew, momentTol * 1e3, 1e-3);
    assertRelClose(skewness(x, false), r.skew_unbiased, momentTol * 1e3, 1e-3);
    assertRelClose(kurtosis(x), r.kurtosis, momentTol, 1e-3);
    assertRelClose(kurtosis(x, { fisher: false }), r.kurtosis_pearson, momentTol);
    assertRelClose(kurtosis(x, { bias: false }), r.kurtosis_unbiased, momentTol, 1e-3);
  });

  Deno.test(`skewness, kurtosis and omnibus tests match scipy; Jarque–Bera matches statsmodels (${name})`, () => {
    const tol = name === "large_mean" ? 1e-5 : RTOL;
    const pairs: [{ statistic: number; pValue: number }, number[]][] = [
      [skewTest(x), r.skewtest],
      [kurtosisTest(x), r.kurtosistest],
      [omnibusTest(x), r.normaltest],
    ];
    for (const [mine, ref] of pairs) {
      assertRelClose(mine.statistic, ref[0], tol, 1e-12);
      assertRelClose(mine.pValue, ref[1], tol, 1e-4);
    }
    const jb = jarqueBera(x);
    assertRelClose(jb.statistic, r.jarque_bera[0], tol);
    assertRelClose(jb.pValue, r.jarque_bera[1], tol, 1e-4);
    assertRelClose(jb.skew, r.jarque_bera[2], tol * 1e3, 1e-3);
    assertRelClose(jb.kurtosis, r.jarque_bera[3], tol);
  });

  Deno.test(`durbinWatson matches statsmodels (${name})`, () => {
    assertRelClose(durbinWatson(x), r.durbin_watson, RTOL);
  });
}

Deno.test("moments and tests from their definitions on tiny samples", () => {
  const x = Float64Array.from([1, 2, 6]); // mean 3, deviations −2, −1, 3
  assertEquals(sampleMoments(x), { n: 3, mean: 3, m2: 14 / 3, m3: 18 / 3, m4: 98 / 3 });
  assertRelClose(skewness(x), 6 / Math.pow(14 / 3, 1.5), 1e-15);
  assertRelClose(kurtosis(x, { fisher: false }), (98 / 3) / (14 / 3) ** 2, 1e-15);
  assertEquals(durbinWatson(Float64Array.from([1, -1, 1, -1])), 3);
  assertEquals(skewness(Float64Array.from([5, 5, 5])), NaN);
});

Deno.test("normality tests check their minimum sample sizes", () => {
  assertThrows(() => skewTest(new Float64Array(7)), RangeError, "at least 8");
  assertThrows(() => kurtosisTest(new Float64Array(4)), RangeError, "at least 5");
  assertThrows(() => jarqueBera(new Float64Array(1)), RangeError, "at least 2");
  assertThrows(() => durbinWatson(new Float64Array(1)), RangeError, "at least 2");
  assertThrows(() => mean(new Float64Array(0)), RangeError, "empty");
});
