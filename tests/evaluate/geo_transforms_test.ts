import { assert, assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import {
  DEFAULT_GEO_THETA_GRID,
  DEFAULT_SCALE_MULTIPLES,
  geoBlockWeeks,
  geoFixedColumns,
  geoPanelPlan,
  prepareGeoSearch,
  searchGeoTransforms,
  searchGeoTransformsAsync,
  thetaProfile,
} from "../../lib/evaluate/geo_transforms.ts";
import { panelTimeSeriesSplit } from "../../lib/evaluate/time_series_split.ts";
import { loadDataset } from "../../lib/data/mod.ts";

const geo = loadDataset(new URL("../../data/mmm_geo.csv", import.meta.url).pathname, { kind: "geo" });
const truth = JSON.parse(Deno.readTextFileSync(new URL("../../data/truth.json", import.meta.url)));

Deno.test("geoFixedColumns holds controls, population and 11 month dummies; geo effects are not columns", () => {
  const fixed = geoFixedColumns(geo);
  const names = Object.keys(fixed);
  assertEquals(names, [
    "competitor_sales_control",
    "sentiment_score_control",
    "population",
    ...Array.from({ length: 11 }, (_, i) => `month_${i + 2}`),
  ]);
  assert(!names.some((n) => n.startsWith("geo[")), "no geo dummies");
  // chosen controls and a sine–cosine seasonality
  assertEquals(
    Object.keys(geoFixedColumns(geo, { controls: ["sentiment_score_control"], seasonality: "fourier" })),
    [
      "sentiment_score_control",
      "week_sin_1",
      "week_cos_1",
    ],
  );
  assertEquals(Object.keys(geoFixedColumns(geo, { controls: [], seasonality: "none" })), []);
  assertThrows(() => geoFixedColumns(geo, { controls: ["nope"] }), RangeError, `"nope"`);
});

Deno.test("geoPanelPlan: two years or more keep month dummies and a year of training in every fold", () => {
  const plan = geoPanelPlan(156);
  assertEquals(plan.seasonality, "month_dummies");
  assertEquals(plan.minTrainSize, 52);
  assertEquals(plan.folds, 5);
  assertEquals(plan.testSize, undefined);
  // scikit-learn's split of 156 weeks into 5 folds of 26: training 26, 52, 78, 104, 130 weeks; 4 kept
  const dates = [...new Set(geo.dates)].sort();
  assertEquals(
    panelTimeSeriesSplit(dates, { nSplits: plan.folds, minTrainSize: plan.minTrainSize }).length,
    4,
  );
  assertEquals(geoPanelPlan(104).seasonality, "month_dummies");
});

Deno.test("geoPanelPlan: one to two years use a sine–cosine pair and train on half the weeks", () => {
  // 52 weeks: minTrainSize max(26, 26) = 26; the 26 weeks after it make 5 test folds of ⌊26/5⌋ = 5 weeks
  const p52 = geoPanelPlan(52);
  assertEquals([p52.seasonality, p52.minTrainSize, p52.folds, p52.testSize], ["fourier", 26, 5, 5]);
  const weeks = Array.from(
    { length: 52 },
    (_, t) => new Date(Date.UTC(2023, 0, 2 + 7 * t)).toISOString().slice(0, 10),
  );
  const folds = panelTimeSeriesSplit(weeks, {
    nSplits: p52.folds,
    testSize: p52.testSize,
    minTrainSize: p52.minTrainSize,
  });
  // test folds start at 52 − 5·5 = 27: training 27, 32, 37, 42, 47 weeks, all ≥ 26
  assertEquals(folds.map((f) => f.train.length), [27, 32, 37, 42, 47]);
  // 78 weeks: minTrainSize ⌈78/2⌉ = 39, 39 weeks left → 5 folds of 7
  const p78 = geoPanelPlan(78);
  assertEquals([p78.seasonality, p78.minTrainSize, p78.folds, p78.testSize], ["fourier", 39, 5, 7]);
});

Deno.test("geoPanelPlan's fold sentence states the weeks the folds actually train and test on", () => {
  for (const T of [30, 52, 60, 78, 103]) {
    const plan = geoPanelPlan(T);
    const weeks = Array.from(
      { length: T },
      (_, t) => new Date(Date.UTC(2023, 0, 2 + 7 * t)).toISOString().slice(0, 10),
    );
    const folds = panelTimeSeriesSplit(weeks, {
      nSplits: plan.folds,
      testSize: plan.testSize,
      minTrainSize: plan.minTrainSize,
    });
    const tested = folds.reduce((n, f) => n + f.test.length, 0);
    assertEquals(
      plan.sentences.at(-1),
      `Every fold trains on at least ${
        folds[0].train.length
      } of the ${T} weeks, and the last ${tested} weeks ` +
        `are split into ${folds.length} test folds of ${folds[0].test.length} weeks.`,
    );
  }
  // 52 weeks: 5 test folds of 5 weeks are the last 25, so the first fold trains on 27 (not "the 26 after 26")
  assertEquals(
    geoPanelPlan(52).sentences[1],
    "Every fold trains on at least 27 of the 52 weeks, and the last 25 weeks are split into 5 test folds of 5 weeks.",
  );
});

Deno.test("geoPanelPlan: under a year, no seasonality; fewer folds rather than test folds under 4 weeks", () => {
  // 30 weeks: minTrainSize ⌈30/2⌉ = 15; 15 weeks left → ⌊15/4⌋ = 3 folds of 5
  const p30 = geoPanelPlan(30);
  assertEquals([p30.seasonality, p30.minTrainSize, p30.folds, p30.testSize], ["none", 15, 3, 5]);
  // 9 weeks: minTrainSize 5, 4 weeks left → still 2 folds, of 2 weeks
  const p9 = geoPanelPlan(9);
  assertEquals([p9.minTrainSize, p9.folds, p9.testSize], [5, 2, 2]);
  assertThrows(() => geoPanelPlan(7), RangeError, "at least 8 weeks");
  assert(geoPanelPlan(52).sentences.every((s) => s.endsWith(".")), "sentences");
});

Deno.test("the scale grid spans raw units (s = 1) to several multiples of mean spend, θ from 0 to 0.9", () => {
  const ctx = prepareGeoSearch(geo);
  assertEquals(DEFAULT_GEO_THETA_GRID, [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
  assertEquals(Math.min(...DEFAULT_SCALE_MULTIPLES), 1e-4);
  assert(Math.max(...DEFAULT_SCALE_MULTIPLES) >= 4, "up to 4 × mean spend");
  // the documented grid: 1 and 3 × 10⁻⁴ … 10⁻², then 0.1 · √2^k for k = 0 … 11 rounded to two decimals at most
  // (a hundredth of mean spend); 18 multiples, so 19 scales with s = 1
  const halfDecades = [-4, -3, -2].flatMap((e) => [10 ** e, 3 * 10 ** e]);
  const rootTwo = Array.from({ length: 12 }, (_, k) => 0.1 * Math.SQRT2 ** k);
  assertEquals(DEFAULT_SCALE_MULTIPLES.length, halfDecades.length + rootTwo.length);
  halfDecades.forEach((m, i) => assertRelClose(DEFAULT_SCALE_MULTIPLES[i], m, 1e-12));
  rootTwo.forEach((m, k) => {
    const actual = DEFAULT_SCALE_MULTIPLES[halfDecades.length + k];
    assert(Math.abs(actual - m) <= 0.03, `multiple ${k}: ${actual} vs 0.1·√2^${k} = ${m}`);
  });
  for (const [ci, c] of geo.roles.media.entries()) {
    const list = ctx.optionList[ci];
    // every θ × (s = 1, and each multiple not within 5% of s = 1)
    const multiples = DEFAULT_SCALE_MULTIPLES.filter((m) =>
      Math.abs(Math.log(m * ctx.meanSpend[c])) >= Math.log(1.05)
    );
    assertEquals(list.length, DEFAULT_GEO_THETA_GRID.length * (multiples.length + 1));
    const raw = list.filter((o) => o.raw);
    assertEquals(raw.length, DEFAULT_GEO_THETA_GRID.length);
    for (const o of raw) assertEquals(o.scale, 1);
    for (const o of list.filter((o) => !o.raw)) {
      assertRelClose(o.scale, o.scaleMultiple * ctx.meanSpend[c], 1e-12);
    }
    // the search starts at θ = 0.5 and the scale nearest mean spend (1.13 ×: |ln 1.13| < |ln 0.8|)
    assertEquals([list[ctx.start[ci]].theta, list[ctx.start[ci]].scaleMultiple], [0.5, 1.13]);
  }
  // cells are (geo, block of ⌊156 / 12⌋ = 13 weeks): 12 blocks
  assertEquals([ctx.opts.blockWeeks, ctx.nBlocks], [13, 12]);
});

Deno.test("searchGeoTransforms chooses θ and s jointly and recovers TV's true carryover on the bundled panel", () => {
  const t = searchGeoTransforms(geo, { folds: 3, minTrainSize: 1, scaleMultiples: [0.5, 1, 2, 4] });
  assertEquals(t.chosen.tv_spend.theta, truth.geo.channels.tv.theta);
  assert(t.converged, "a full pass changed nothing");
  for (const c of geo.roles.media) {
    const p = t.profiles[c];
    // the choice is the channel's best option with the others at their choice
    let best = 0;
    for (let i = 1; i < p.rmse.length; i++) if (p.rmse[i] < p.rmse[best]) best = i;
    assertEquals([p.options[best].theta, p.options[best].scale], [t.chosen[c].theta, t.chosen[c].scale]);
    assertRelClose(p.rmse[best], t.rmse, 1e-12);
    const range = t.thetaWithinOneSe[c];
    assert(
      range.min <= t.chosen[c].theta && t.chosen[c].theta <= range.max,
      `${c}: chosen θ within its 1-SE set`,
    );
  }
  // Folds split on dates: every geo has the same number of rows in each test set.
  for (const f of t.folds) assertEquals(f.test.length % 40, 0);
});

Deno.test("searchGeoTransformsAsync chooses what searchGeoTransforms chooses", async () => {
  const options = { thetaGrid: [0, 0.6], scaleMultiples: [1, 2], folds: 3, minTrainSize: 1 };
  const sync = searchGeoTransforms(geo, options);
  const updates: string[] = [];
  const asyncResult = await searchGeoTransformsAsync(geo, { ...options, yieldEveryMs: 0 }, (p) => {
    updates.push(`${p.pass}:${p.channel}`);
  });
  assertEquals(asyncResult.chosen, sync.chosen);
  assertEquals(asyncResult.evaluated, sync.evaluated);
  assertEquals(updates[0], "0:tv_spend");
});

Deno.test("thetaProfile is the best score over scales at each θ", () => {
  const t = searchGeoTransforms(geo, {
    thetaGrid: [0, 0.3, 0.6],
    scaleMultiples: [1, 2],
    folds: 3,
    minTrainSize: 1,
  });
  const p = thetaProfile(t, "print_spend");
  assertEquals(p.theta, [0, 0.3, 0.6]);
  const prof = t.profiles.print_spend;
  p.theta.forEach((th, i) => {
    const scores = prof.options.map((o, j) => (o.theta === th ? prof.rmse[j] : Infinity));
    assertEquals(p.rmse[i], Math.min(...scores));
  });
});

Deno.test("searchGeoTransforms rejects a national dataset", () => {
  const weekly = loadDataset(new URL("../../data/mmm_weekly.csv", import.meta.url).pathname, {
    kind: "weekly",
  });
  assertThrows(() => searchGeoTransforms(weekly), RangeError, "not a geo panel");
});

Deno.test("geoBlockWeeks makes about twelve blocks of at least four weeks", () => {
  // max(4, ⌊T / 12⌋)
  assertEquals([geoBlockWeeks(156), geoBlockWeeks(104), geoBlockWeeks(52), geoBlockWeeks(30)], [13, 8, 4, 4]);
});

Deno.test("the scale grid's √2 steps are 0.1 · √2^k to the hundredth, ending at the documented 4.5", () => {
  // "steps of √2 from 0.1 to 4.5" (DEFAULT_SCALE_MULTIPLES): k = 0 … 10 are 0.1 · √2^k rounded to two decimals
  // (0.1, 0.14, 0.2, 0.28, 0.4, 0.57, 0.8, 1.13, 1.6, 2.26, 3.2); the last step, 0.1 · √2^11 ≈ 4.53, is the
  // documented end 4.5. Six half-decade multiples (1e-4 … 0.03) come first.
  const steps = DEFAULT_SCALE_MULTIPLES.slice(6);
  assertEquals(steps.length, 12);
  for (let k = 0; k <= 10; k++) {
    assertEquals(steps[k], Math.round(10 * Math.SQRT2 ** k) / 100, `step ${k}`);
  }
  assertEquals(steps[11], 4.5);
  // so each step is a factor √2 within the rounding (1.4 = 0.14 / 0.1 is the farthest, 1.0% short)
  for (let k = 1; k < steps.length; k++) {
    const ratio = steps[k] / steps[k - 1];
    assert(Math.abs(ratio / Math.SQRT2 - 1) < 0.011, `ratio ${k}: ${ratio}`);
  }
});

Deno.test("a scale multiple within 5% of s = 1 is left out only when the raw scale is an option", () => {
  const c = geo.roles.media[0];
  const mean = geo.columns[c].reduce((a, b) => a + b, 0) / geo.n;
  // multiples landing on s = 1 and s = 2 for the first channel
  const scaleMultiples = [1 / mean, 2 / mean];
  const options = (rawScale: boolean) =>
    prepareGeoSearch(geo, { thetaGrid: [0.5], scaleMultiples, rawScale }).optionList[0]
      .map((o) => [o.raw, Math.round(o.scale * 1e9) / 1e9]);
  // without the raw option nothing else is at s = 1, so the multiple stays; with it, the raw option replaces it
  assertEquals(options(false), [[false, 1], [false, 2]]);
  assertEquals(options(true), [[true, 1], [false, 2]]);
});
