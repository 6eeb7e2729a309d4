import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";
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

import { screenAnomalies } from "../../lib/features/anomalies.ts";
import { xoshiro128ss } from "../../lib/stats/random.ts";

/** The robust z by definition: residual from the 5-point (truncated at the ends) median over 1.4826 × MAD. */
function robustZ(y: number[]): number[] {
  const med = (v: number[]) => {
    const s = [...v].sort((a, b) => a - b), m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const r = y.map((v, t) => v - med(y.slice(Math.max(0, t - 2), t + 3)));
  const c = med(r), scale = 1.4826 * med(r.map((x) => Math.abs(x - c)));
  return r.map((x) => x / scale);
}

/** Scatter of ±5 around `level` (a fixed pattern, no randomness). */
const scatter = (n: number, level = 100) =>
  Float64Array.from({ length: n }, (_, i) => level + ((i * 37) % 11) - 5);

Deno.test("screenAnomalies keeps isolated spikes and drops, with their share of the total", () => {
  const y = scatter(60);
  y[6] = 160;
  y[33] = 40;
  const s = screenAnomalies(y);
  assertEquals(s.anomalies.map((a) => a.index), [6, 33]);
  assertEquals(s.anomalies, findAnomalies(y));
  assertEquals([s.cap, s.excluded, s.skipped, s.shape?.kind], [3, [], undefined, "unimodal"]);
  const total = y.reduce((a, v) => a + Math.abs(v), 0);
  assertAlmostEquals(s.shareOfTarget, 200 / total, 1e-12);
  const z = robustZ([...y]);
  const zs = (x: number) => `${x < 0 ? "−" : ""}${Math.abs(x).toFixed(2)}`;
  assertEquals(
    s.sentence,
    `2 isolated weeks are left out as likely data errors (3.3% of weeks, ${+(200 / total * 100).toFixed(
      1,
    )}% of the series' total: week 7, robust z ${zs(z[6])}; week 34, robust z ${zs(z[33])}).`,
  );
  assert(s.rule.includes("at most 5% of the series (3 of 60 weeks)"), s.rule);
});

Deno.test("screenAnomalies leaves every week in when more than 5% would be flagged (bimodal revenue)", () => {
  const next = xoshiro128ss(1);
  const u = () => (next() + 0.5) / 2 ** 32;
  const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  // 70% of weeks near zero, 30% around 300,000 (the measured file's shape)
  const y = Float64Array.from(
    { length: 104 },
    () => u() < 0.7 ? Math.abs(800 * normal()) : Math.abs(300_000 + 60_000 * normal()),
  );
  const s = screenAnomalies(y);
  const raw = findAnomalies(y);
  assert(raw.length > 5, `the raw filter flags ${raw.length}`);
  assertEquals([s.anomalies, s.candidates.length, s.cap, s.shareOfTarget], [[], raw.length, 5, 0]);
  assertEquals(s.shape?.kind, "bimodal");
  assert(s.skipped!.startsWith(`${raw.length} of 104 weeks (`), s.skipped);
  assert(
    s.skipped!.includes(
      "robust standard deviations from their neighbours, more than the screen's cap of 5% (5 of 104 weeks); " +
        "the series is bimodal",
    ),
    s.skipped,
  );
  assertEquals(s.sentence, `No week is left out: ${s.skipped}.`);
});

Deno.test("screenAnomalies with too many flags in a unimodal series says what it found, once, and no cause", () => {
  const y = Float64Array.from({ length: 40 }, (_, i) => 100 + (i % 5));
  y[9] = 150; // 3 isolated spikes of different sizes; the cap is floor(5% of 40) = 2
  y[21] = 180;
  y[32] = 210;
  const s = screenAnomalies(y);
  assertEquals([s.anomalies, s.candidates.length, s.cap, s.shape?.kind], [[], 3, 2, "unimodal"]);
  assertEquals(
    s.sentence,
    "No week is left out: 3 of 40 weeks (7.5%, holding " +
      `${+(540 / y.reduce((a, b) => a + b, 0) * 100).toFixed(1)}% of the series' total) sit more than 5 ` +
      "robust standard deviations from their neighbours, more than the screen's cap of 5% (2 of 40 weeks).",
  );
  assert(!/heavy tails|regimes|rather than errors/.test(s.sentence), s.sentence);
});

Deno.test("screenAnomalies: a run of three flagged weeks is a regime, not an error", () => {
  const y = scatter(100);
  y[20] = y[21] = y[22] = 500; // a 7-week window (h = 3) flags all three
  y[60] = 400; // isolated
  const s = screenAnomalies(y, { halfWindow: 3 });
  assertEquals(findAnomalies(y, { halfWindow: 3 }).map((a) => a.index), [20, 21, 22, 60]);
  assertEquals(s.anomalies.map((a) => a.index), [60]);
  assertEquals(s.excluded, [{ index: 20, reason: "run" }, { index: 21, reason: "run" }, {
    index: 22,
    reason: "run",
  }]);
  assert(
    s.sentence.includes(
      "3 other flagged weeks are kept in the fit (3 in runs longer than 2 weeks)",
    ),
    s.sentence,
  );
  // with maxRun 3 the run counts as errors
  assertEquals(screenAnomalies(y, { halfWindow: 3, maxRun: 3 }).anomalies.length, 4);
});

Deno.test("screenAnomalies: a week in the other mode of a bimodal series is kept; a spike within a mode is not", () => {
  // High mode around 1,000; low mode around 100 in runs of 4 weeks every 12 weeks (both with noise of sd 20),
  // plus one isolated low-mode week.
  const next = xoshiro128ss(1);
  const u = () => (next() + 0.5) / 2 ** 32;
  const noise = () => 20 * Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const y = Float64Array.from({ length: 120 }, (_, i) => ((i - 4) % 12 < 4 && i >= 4 ? 100 : 1000) + noise());
  y[11] = 100 + noise(); // isolated low-mode week, among high weeks
  y[71] = 3000; // a spike within the high mode
  const s = screenAnomalies(y);
  assertEquals(s.shape?.kind, "bimodal");
  assertEquals(s.excluded, [{ index: 11, reason: "other mode" }]);
  const kept = s.anomalies.map((a) => a.index);
  assert(kept.includes(71) && !kept.includes(11), `${kept}`);
  assert(s.sentence.includes("1 at a switch between the two modes"), s.sentence);
});

Deno.test("screenAnomalies: a flag whose window straddles a level shift is kept", () => {
  const y = Float64Array.from({ length: 100 }, (_, i) => (i < 50 ? 100 : 200) + ((i * 37) % 11) - 5);
  y[51] = 400; // its window (weeks 49-53) mixes both levels
  y[80] = 400; // well inside the second level
  const s = screenAnomalies(y);
  assertEquals([s.shape?.kind, s.shape?.changepoints], ["level shift", [50]]);
  assertEquals(s.candidates.map((a) => a.index), [51, 80]);
  assertEquals(s.excluded, [{ index: 51, reason: "level shift edge" }]);
  assertEquals(s.anomalies.map((a) => a.index), [80]);
});

Deno.test("screenAnomalies: a short series is left whole; options are checked", () => {
  const y = scatter(15);
  y[7] = 400;
  const s = screenAnomalies(y);
  assertEquals([s.anomalies, s.cap, s.candidates.length], [[], 0, 1]);
  assert(s.skipped!.startsWith("the series has only 15 weeks"), s.skipped);
  assertEquals(screenAnomalies(scatter(30)).sentence, "No week is left out as a likely data error.");
  assertThrows(() => screenAnomalies(y, { maxShare: 1 }), RangeError, "maxShare");
  assertThrows(() => screenAnomalies(y, { maxRun: 0 }), RangeError, "maxRun");
  assertThrows(() => screenAnomalies([1, NaN, 3]), RangeError, "y[1]");
});

Deno.test("the default threshold is 5 robust standard deviations: a 5.6 σ̂ spike is flagged, a 4.6 σ̂ one is not", () => {
  const y = Array.from({ length: 40 }, (_, i) => 100 + ((i * 37) % 11) - 5);
  y[10] += 30;
  y[25] += 34;
  // the robust z by definition: residual from the 5-point median, over 1.4826 × the MAD of all residuals
  const med = (v: number[]) => {
    const s = [...v].sort((a, b) => a - b), m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const r = y.map((v, t) => v - med(y.slice(Math.max(0, t - 2), t + 3)));
  const c = med(r), scale = 1.4826 * med(r.map((x) => Math.abs(x - c)));
  const z = r.map((x) => x / scale);
  assert(z[10] > 5.5 && z[10] < 5.6 && z[25] > 4.5 && z[25] < 4.6, `z ${z[10]}, ${z[25]}`);
  const others = z.filter((_, t) => t !== 10 && t !== 25).map(Math.abs);
  assert(Math.max(...others) < 4, "no other week is near a threshold");
  const found = findAnomalies(Float64Array.from(y));
  assertEquals(found.map((a) => a.index), [10]);
  assertAlmostEquals(found[0].z, z[10], 1e-12);
  assertEquals(findAnomalies(Float64Array.from(y), { threshold: 4 }).map((a) => a.index), [10, 25]);
  assertEquals(screenAnomalies(Float64Array.from(y)).candidates.map((a) => a.index), [10]);
});

Deno.test("screenAnomalies: a flag whose window is cut by the series' edge is kept in the fit, said", () => {
  const y = scatter(60);
  y[1] = 400; // week 2: its window is weeks 1-4, cut at the start
  y[58] = 400; // second-to-last week: cut at the end
  y[30] = 400; // a full window
  const s = screenAnomalies(y);
  assertEquals(s.candidates.map((a) => a.index), [1, 30, 58]);
  assertEquals(s.anomalies.map((a) => a.index), [30]);
  assertEquals(s.excluded, [{ index: 1, reason: "edge" }, { index: 58, reason: "edge" }]);
  assert(
    s.sentence.includes("2 within 2 weeks of the series' start or end, where the window is cut"),
    s.sentence,
  );
  assert(s.rule.includes("full 5-week window") && s.rule.includes("first or last 2 weeks"), s.rule);
  // week 3 (index 2) has a full window: it may be left out
  const z = scatter(60);
  z[2] = 400;
  assertEquals(screenAnomalies(z).anomalies.map((a) => a.index), [2]);
});

Deno.test("screenAnomalies: a flagged week with a promotion on is kept in the fit, said; dates name the weeks", () => {
  const y = scatter(60);
  y[20] = 400;
  y[40] = 400;
  const promo = new Float64Array(60);
  promo[20] = 1;
  const dates = Array.from({ length: 60 }, (_, i) => `w${i}`);
  const s = screenAnomalies(y, { drivers: { promotion: promo }, dates });
  assertEquals(s.anomalies.map((a) => a.index), [40]);
  assertEquals(s.excluded, [{ index: 20, reason: "driver", drivers: ["promotion"] }]);
  assert(
    s.sentence.includes("1 with promotion on, whose excess the model's promotion regressor can explain"),
    s.sentence,
  );
  assert(s.sentence.includes("w40, robust z "), s.sentence);
  assert(s.rule.includes("beyond what a week with promotion on typically adds"), s.rule);
  assertThrows(() => screenAnomalies(y, { drivers: { promotion: [1] } }), RangeError, "promotion");
  assertThrows(() => screenAnomalies(y, { dates: ["a"] }), RangeError, "dates");
});

Deno.test("screenAnomalies prints z with two decimals: 5.04 does not read as the threshold 5", () => {
  // raise week 30 until its robust z is between 5 and 5.05 (by definition, computed here)
  const base = scatter(60);
  let y = [...base], z = robustZ(y);
  for (let bump = 0; bump < 200 && !(z[30] > 5 && z[30] < 5.05); bump += 0.05) {
    y = [...base];
    y[30] += bump;
    z = robustZ(y);
  }
  assert(z[30] > 5 && z[30] < 5.05, `z ${z[30]}`);
  const s = screenAnomalies(Float64Array.from(y));
  assertEquals(s.anomalies.map((a) => a.index), [30]);
  assert(s.sentence.includes(`week 31, robust z ${z[30].toFixed(2)}`), s.sentence);
  assert(!s.sentence.includes("robust z 5)") && !s.sentence.includes("z 5.0)"), s.sentence);
});

Deno.test("screenAnomalies: a promotion week beyond what the promotion's typical excess explains is still an error", () => {
  // promotions on weeks 10, 20, 30, 40, 50 each lift revenue by 60; week 30 is also double counted
  const y = [...scatter(120)];
  const promo = new Float64Array(120);
  for (const t of [10, 20, 30, 40, 50]) {
    promo[t] = 1;
    y[t] += 60;
  }
  y[30] += 300;
  // by definition: residuals from the 5-point median, σ̂ = 1.4826 MAD, the promotion's lift = median residual
  // of its weeks, z' = (r − lift) / σ̂
  const med = (v: number[]) => {
    const s = [...v].sort((a, b) => a - b), m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const r = y.map((v, t) => v - med(y.slice(Math.max(0, t - 2), t + 3)));
  const c = med(r), scale = 1.4826 * med(r.map((x) => Math.abs(x - c)));
  const lift = med([10, 20, 30, 40, 50].map((t) => r[t]));
  const flagged = r.map((x, t) => [t, x / scale] as const).filter(([, z]) => Math.abs(z) > 5).map(([t]) => t);
  const adjusted = (t: number) => (r[t] - lift) / scale;
  const expectedKept = flagged.filter((t) => promo[t] !== 0 && Math.abs(adjusted(t)) <= 5);
  const expectedOut = flagged.filter((t) => !expectedKept.includes(t));
  assert(flagged.includes(30) && expectedKept.length > 0, `flagged ${flagged}, kept ${expectedKept}`);
  assert(expectedOut.includes(30), `week 30 z' ${adjusted(30)}`);
  const s = screenAnomalies(Float64Array.from(y), { drivers: { promotion: promo } });
  assertEquals(s.anomalies.map((a) => a.index), expectedOut);
  assertEquals(s.excluded.map((e) => [e.index, e.reason]), expectedKept.map((t) => [t, "driver"]));
});

Deno.test("findAnomalies flags only beyond the threshold: a residual of exactly threshold · σ̂ is kept", () => {
  // 1, −1, 0 repeating: every full 5-week window holds two of two values and one of the third, so its median
  // is 0 and the residual is the value itself; |r| is 1 in two weeks of three, so MAD = 1 and σ̂ = 1.4826.
  // Week 15 is set to 4 σ̂ exactly (a power-of-two multiple, so r / σ̂ = 4 and |r| = 4 σ̂ without rounding).
  const y = Array.from({ length: 30 }, (_, t) => [1, -1, 0][t % 3]);
  y[15] = 4 * 1.4826;
  // "flagged when |r_t| > threshold · σ̂" (module doc): strictly beyond
  assertEquals(findAnomalies(y, { threshold: 4 }), []);
  const just = findAnomalies(y, { threshold: 3.999 });
  assertEquals(just.map((a) => [a.index, a.expected, a.z]), [[15, 0, 4]]);
});

Deno.test("screenAnomalies keeps a driver week whose residual net of the driver's lift is exactly threshold · σ̂", () => {
  // the 1, −1, 0 series above (window medians 0, σ̂ = 1.4826); a promotion on in weeks 6, 15 and 24, whose
  // residuals are 2 σ̂, 8 σ̂ and 2 σ̂: its typical lift (the median) is 2 σ̂, so week 15's z' = 8 − 2 = 6 exactly
  const y = Array.from({ length: 30 }, (_, t) => [1, -1, 0][t % 3]);
  y[6] = y[24] = 2 * 1.4826;
  y[15] = 8 * 1.4826;
  const promotion = y.map((_, t) => (t === 6 || t === 15 || t === 24 ? 1 : 0));
  // "a week with |z'| ≤ threshold is kept in the fit (reason "driver")"
  const atSix = screenAnomalies(Float64Array.from(y), { threshold: 6, drivers: { promotion } });
  assertEquals(atSix.candidates.map((a) => [a.index, a.z]), [[15, 8]]);
  assertEquals(atSix.anomalies, []);
  assertEquals(atSix.excluded.map((e) => [e.index, e.reason]), [[15, "driver"]]);
  // "one still beyond it remains a data error"
  const below = screenAnomalies(Float64Array.from(y), { threshold: 5.999, drivers: { promotion } });
  assertEquals(below.anomalies.map((a) => a.index), [15]);
  assertEquals(below.excluded, []);
});
