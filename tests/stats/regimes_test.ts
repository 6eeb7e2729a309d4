import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";
import {
  ar1Noise,
  bimodalityCoefficient,
  describeTargetShape,
  KOLMOGOROV_5PCT,
  levelShifts,
  twoModes,
  zeroOrNegativeShare,
} from "../../lib/stats/regimes.ts";
import { xoshiro128ss } from "../../lib/stats/random.ts";

/** Uniform and standard normal draws (Box–Muller) from the library's seeded generator. */
function draws(seed: number) {
  const next = xoshiro128ss(seed);
  const u = () => (next() + 0.5) / 2 ** 32;
  const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  return { u, normal };
}
// Every property is checked on seeds 1..20 (none chosen for its result).
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const N = 104;

/** 30% of weeks near zero, the rest around 300,000: the bimodal revenue of the measured file. */
function nearZeroBesideHigh(seed: number): Float64Array {
  const d = draws(seed);
  return Float64Array.from(
    { length: N },
    () => d.u() < 0.3 ? Math.abs(800 * d.normal()) : Math.abs(300_000 + 60_000 * d.normal()),
  );
}

Deno.test("zeroOrNegativeShare counts y ≤ 0", () => {
  assertEquals(zeroOrNegativeShare([0, 5, -1, 7]), 0.5);
  assertEquals(zeroOrNegativeShare([1, 2]), 0);
  assertThrows(() => zeroOrNegativeShare([]), RangeError, "at least 1");
  assertThrows(() => zeroOrNegativeShare([1, NaN]), RangeError, "y[1]");
});

Deno.test("bimodalityCoefficient matches Pfister et al.'s formula with scipy's bias-corrected moments", () => {
  // scipy: g = skew(x, bias=False) = 1.6970562748477143, k = kurtosis(x, bias=False) = 3.152,
  // BC = (g² + 1) / (k + 3·4² / (3·2)) = 0.34791965566714494
  assertAlmostEquals(bimodalityCoefficient([1, 2, 3, 4, 10]), 0.34791965566714494, 1e-12);
  // Two equal point masses, n = 8: G₁ = 0, G₂ = −2.8, BC = 1 / (−2.8 + 3·49/30) = 1/2.1
  assertAlmostEquals(bimodalityCoefficient([0, 0, 0, 0, 1, 1, 1, 1]), 1 / 2.1, 1e-12);
  assert(Number.isNaN(bimodalityCoefficient([3, 3, 3, 3])));
  assertThrows(() => bimodalityCoefficient([1, 2, 6]), RangeError, "at least 4");
});

Deno.test("twoModes finds weeks near zero beside weeks in the hundreds of thousands", () => {
  for (const seed of SEEDS) {
    const m = twoModes(nearZeroBesideHigh(seed));
    assertEquals([m.scale, m.bimodal], ["log1p", true], `seed ${seed}`);
    assert(m.bimodalityCoefficient > 5 / 9 && m.ashmanD > 3, `seed ${seed}`);
    assert(m.low.mean < 5000 && m.high.mean > 200_000, `seed ${seed}`);
    assertEquals(m.low.weeks + m.high.weeks, N);
  }
});

Deno.test("twoModes does not call single-mode series bimodal (normal, log-normal, exponential)", () => {
  for (const seed of SEEDS) {
    const d = draws(seed);
    const normal = Float64Array.from({ length: N }, () => 100 + 10 * d.normal());
    const logNormal = Float64Array.from({ length: N }, () => 1e5 * Math.exp(0.8 * d.normal()));
    const exponential = Float64Array.from({ length: N }, () => -Math.log(d.u()) * 1e4);
    const withNegatives = Float64Array.from({ length: N }, () => 10 * d.normal());
    for (const [name, y] of Object.entries({ normal, logNormal, exponential, withNegatives })) {
      assertEquals(twoModes(y).bimodal, false, `${name}, seed ${seed}`);
    }
    assertEquals(twoModes(withNegatives).scale, "raw");
  }
});

Deno.test("twoModes: a second mode holding under minRegimeShare of weeks is not a mode; a constant series has one", () => {
  const y = Float64Array.from({ length: 100 }, (_, i) => 1000 + (i % 7));
  for (let i = 0; i < 5; i++) y[i * 20] = 0; // 5% of weeks at zero
  assertEquals(twoModes(y).bimodal, false);
  const flat = twoModes(new Float64Array(10).fill(4));
  assertEquals([flat.bimodal, flat.low.weeks, flat.low.mean], [false, 10, 4]);
  assertThrows(() => twoModes([1, 2, 3]), RangeError, "at least 8");
  assertThrows(() => twoModes(y, { minRegimeShare: 0.6 }), RangeError, "minRegimeShare");
  assertThrows(() => twoModes([-1, 2, 3, 4, 5, 6, 7, 8], { scale: "log1p" }), RangeError, "non-negative");
});

Deno.test("levelShifts: one step, its location, CUSUM and effect by definition", () => {
  // 10 then 30, with a repeating 0,1,2,3 pattern: the step at index 40.
  const y = Float64Array.from({ length: 80 }, (_, i) => (i < 40 ? 10 : 30) + (i % 4));
  const shifts = levelShifts(y);
  assertEquals(shifts.map((s) => s.index), [40]);
  const [s] = shifts;
  assertAlmostEquals(s.before, 11.5, 1e-12);
  assertAlmostEquals(s.after, 31.5, 1e-12);
  // pooled within sd: residuals −1.5, −0.5, 0.5, 1.5 repeating, Σe² = 80 · 1.25; df = 80 − 2
  const sigma = Math.sqrt(100 / 78);
  assertAlmostEquals(s.effect, 20 / sigma, 1e-9);
  // |S_40 − (40/80) S_80| = |460 − 860| = 400, over σ̂_LR √m
  assertAlmostEquals(s.cusum, 400 / (s.longRunSd * Math.sqrt(80)), 1e-9);
  assertEquals(s.longRunSd, ar1Noise(y).longRunSd);
});

Deno.test("ar1Noise recovers ρ and the long-run sd σ_e / (1 − ρ) of an AR(1) series, and ignores a step", () => {
  for (const seed of [1, 2, 3]) {
    const d = draws(seed);
    let a = 0;
    // AR(1) with ρ = 0.5 and innovation sd 1: marginal sd 1/√(1 − ρ²), long-run sd 1/(1 − ρ) = 2
    const ar = Float64Array.from(
      { length: 20_000 },
      (_, t) => (a = 0.5 * a + d.normal()) + (t < 10_000 ? 0 : 50),
    );
    const noise = ar1Noise(ar);
    assertAlmostEquals(noise.rho, 0.5, 0.03);
    assertAlmostEquals(noise.sd, 1 / Math.sqrt(0.75), 0.03);
    assertAlmostEquals(noise.longRunSd, 2, 0.1);
    const iid = Float64Array.from({ length: 20_000 }, () => 3 * d.normal());
    assertAlmostEquals(ar1Noise(iid).rho, 0, 0.03);
    assertAlmostEquals(ar1Noise(iid).sd, 3, 0.06);
  }
  assertEquals(ar1Noise([5, 5, 5]), { rho: 0, sd: 0, longRunSd: 0 });
  assertThrows(() => ar1Noise([1, 2]), RangeError, "at least 3");
});

Deno.test("levelShifts: no step in a trend, in seasonal peaks, in noise, or next to the ends", () => {
  const line = Float64Array.from({ length: 104 }, (_, t) => 100 + 2 * t);
  assertEquals(levelShifts(line), []);
  for (const seed of SEEDS) {
    const d = draws(seed);
    const trend = Float64Array.from({ length: N }, (_, t) => 100 + t + 10 * d.normal());
    const seasonal = Float64Array.from(
      { length: N },
      (_, t) => 100 * (1 + (t % 52 >= 44 ? 0.6 : 0)) + 8 * d.normal(),
    );
    const noise = Float64Array.from({ length: N }, () => 100 + 10 * d.normal());
    for (const [name, y] of Object.entries({ trend, seasonal, noise })) {
      assertEquals(levelShifts(y), [], `${name}, seed ${seed}`);
    }
  }
  // A step 10 weeks from the start is shorter than a regime (26 weeks): rejected, not moved to week 26.
  for (const seed of SEEDS) {
    const d = draws(seed);
    const early = Float64Array.from({ length: 80 }, (_, i) => (i < 10 ? 0 : 100) + d.normal());
    assertEquals(levelShifts(early), [], `seed ${seed}`);
    assertEquals(levelShifts(early, { minSegment: 8 }).map((s) => s.index), [10], `seed ${seed}`);
  }
});

Deno.test("levelShifts: a step of three noise sds is found within two weeks of where it is", () => {
  for (const seed of SEEDS) {
    const d = draws(seed);
    const y = Float64Array.from({ length: N }, (_, t) => (t < 40 ? 100 : 130) + 10 * d.normal());
    const found = levelShifts(y);
    assertEquals(found.length, 1, `seed ${seed}`);
    assert(Math.abs(found[0].index - 40) <= 2, `seed ${seed}: ${found[0].index}`);
    assert(found[0].cusum > KOLMOGOROV_5PCT && found[0].effect >= 1);
  }
});

Deno.test("levelShifts: two steps; maxChangepoints caps them; bad options throw", () => {
  for (const seed of SEEDS) {
    const d = draws(seed);
    const two = Float64Array.from(
      { length: 120 },
      (_, i) => (i < 40 ? 10 : i < 80 ? 40 : 20) + 3 * d.normal(),
    );
    assertEquals(levelShifts(two).map((s) => s.index), [40, 80], `seed ${seed}`);
  }
  const y = Float64Array.from({ length: 120 }, (_, i) => (i < 40 ? 10 : i < 80 ? 40 : 20) + (i % 4));
  assertEquals(levelShifts(y, { maxChangepoints: 1 }).length, 1);
  assertEquals(levelShifts(y, { maxChangepoints: 0 }), []);
  assertThrows(() => levelShifts(y, { minSegment: 1 }), RangeError, "minSegment");
  assertThrows(() => levelShifts(y, { critical: 0 }), RangeError, "critical");
  assertThrows(() => levelShifts(y, { minEffect: -1 }), RangeError, "minEffect");
  assertThrows(() => levelShifts(y, { maxChangepoints: 1.5 }), RangeError, "maxChangepoints");
});

Deno.test("describeTargetShape: bimodal revenue, with the share of weeks and of revenue in each mode", () => {
  const y = nearZeroBesideHigh(1);
  const shape = describeTargetShape(y, { name: "revenue", format: (x) => `$${Math.round(x)}` });
  assertEquals(shape.kind, "bimodal");
  const [low, high] = shape.regimes;
  assertEquals([low.label, high.label], ["low mode", "high mode"]);
  let total = 0, lowSum = 0, lowWeeks = 0;
  for (let i = 0; i < N; i++) {
    total += y[i];
    if (shape.regimeOf[i] === 0) {
      lowSum += y[i];
      lowWeeks++;
    }
  }
  assertEquals(low.weeks, lowWeeks);
  assertAlmostEquals(low.shareOfWeeks, lowWeeks / N, 1e-12);
  assertAlmostEquals(low.shareOfTarget, lowSum / total, 1e-12);
  assertAlmostEquals(low.shareOfTarget + high.shareOfTarget, 1, 1e-12);
  assert(shape.sentence.startsWith("Weekly revenue is bimodal: "), shape.sentence);
  assert(
    shape.sentence.includes("residual variance") && shape.sentence.includes("regime indicator"),
    shape.sentence,
  );
  assert(shape.sentence.includes(`${Math.round(high.shareOfWeeks * 100)}% in a high mode`), shape.sentence);
});

Deno.test("describeTargetShape: a level shift names its week and suggests a step control", () => {
  const y = Float64Array.from({ length: 80 }, (_, i) => (i < 40 ? 10 : 30) + (i % 4));
  const dates = Array.from({ length: 80 }, (_, i) => `w${i + 1}`);
  const shape = describeTargetShape(y, { dates, name: "sales" });
  assertEquals([shape.kind, shape.changepoints], ["level shift", [40]]);
  assertEquals(shape.regimes.map((r) => [r.label, r.start, r.end, r.weeks]), [["weeks 1–40", 0, 39, 40], [
    "weeks 41–80",
    40,
    79,
    40,
  ]]);
  assertAlmostEquals(shape.regimes[0].shareOfTarget, 460 / 1720, 1e-12);
  assertEquals([...new Set(shape.regimeOf.slice(0, 40))], [0]);
  assert(
    shape.sentence.startsWith("Weekly sales shifts level once: weeks 1–40 average 11.5"),
    shape.sentence,
  );
  assert(shape.sentence.includes("week 41 (w41)"), shape.sentence);
  assertThrows(() => describeTargetShape(y, { dates: ["a"] }), RangeError, "dates");
});

Deno.test("describeTargetShape: one regime for noise, and the share of zero weeks is stated", () => {
  for (const seed of SEEDS) {
    const d = draws(seed);
    const y = Float64Array.from({ length: N }, () => 1000 + 100 * d.normal());
    const shape = describeTargetShape(y);
    assertEquals([shape.kind, shape.regimes.length, shape.changepoints], ["unimodal", 1, []], `seed ${seed}`);
    assert(shape.sentence.startsWith("The weekly target has a single regime"), shape.sentence);
  }
  const withZeros = Float64Array.from({ length: 40 }, (_, i) => 100 + (i % 5));
  withZeros[3] = 0;
  withZeros[30] = 0;
  const shape = describeTargetShape(withZeros);
  assertEquals(shape.zeroOrNegativeShare, 0.05);
  assert(shape.sentence.includes("5% of weeks are zero or negative"), shape.sentence);
  assert(shape.rule.includes("5/9") && shape.rule.includes("CUSUM"), shape.rule);
  assertThrows(() => describeTargetShape([1, 2, 3]), RangeError, "at least 8");
});
