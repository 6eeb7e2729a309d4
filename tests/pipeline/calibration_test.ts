import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";
import { parseExperiments } from "../../lib/data/experiments.ts";
import { resolveRoles } from "../../lib/data/roles.ts";
import type { Dataset } from "../../lib/data/types.ts";
import { fitGeoModel } from "../../lib/decompose/geo_model.ts";
import { ModelError } from "../../lib/errors.ts";
import { geometricAdstock } from "../../lib/features/adstock.ts";
import { calibrateGeo, modelChannelOf, tensionVerdict } from "../../lib/pipeline/calibration.ts";
import { xoshiro128ss } from "../../lib/stats/random.ts";
import { mondays } from "./_weekly.ts";

// A geo panel where the model is biased: weekly demand z drives both sales and search spend (search follows
// demand), and the model omits z, so the search coefficient absorbs part of demand's effect.
const G = 10, T = 104;
const TRUE = { tv: 900, search: 600, demand: 3000 };
const THETA = { tv: 0.5, search: 0.3 };
function biasedPanel(seed: number): { ds: Dataset; scale: { tv: number; search: number } } {
  const next = xoshiro128ss(seed);
  const unif = () => next() / 2 ** 32;
  const normal = () => Math.sqrt(-2 * Math.log(Math.max(unif(), 1e-12))) * Math.cos(2 * Math.PI * unif());
  const weeks = mondays("2022-01-03", T);
  const n = G * T;
  const dates: string[] = [], geos: string[] = [];
  const tv = new Float64Array(n), search = new Float64Array(n), demand = new Float64Array(n);
  for (let g = 0; g < G; g++) {
    let z = 0;
    for (let t = 0; t < T; t++) {
      const i = g * T + t;
      z = 0.7 * z + normal();
      dates.push(weeks[t]);
      geos.push(`g${String(g + 1).padStart(2, "0")}`);
      demand[i] = z;
      tv[i] = Math.max(0, 5000 + 2500 * normal());
      search[i] = Math.max(0, 3000 * (1 + 0.35 * z) + 400 * normal());
    }
  }
  const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;
  const scale = { tv: mean(tv), search: mean(search) };
  const sales = new Float64Array(n);
  for (let g = 0; g < G; g++) {
    const rows = { start: g * T, end: g * T + T };
    const aTv = geometricAdstock(tv.subarray(rows.start, rows.end), THETA.tv);
    const aSe = geometricAdstock(search.subarray(rows.start, rows.end), THETA.search);
    for (let t = 0; t < T; t++) {
      const i = g * T + t;
      sales[i] = 20_000 + 1000 * g + TRUE.tv * Math.log1p(aTv[t] / scale.tv) +
        TRUE.search * Math.log1p(aSe[t] / scale.search) + TRUE.demand * demand[i] + 300 * normal();
    }
  }
  const roles = resolveRoles("geo", {
    media: ["tv_spend", "search_spend"],
    impressions: [],
    controls: [],
    population: undefined,
  });
  return {
    ds: {
      source: "biased.csv",
      n,
      dates,
      geos,
      columns: { tv_spend: tv, search_spend: search, sales },
      roles,
      warnings: [],
    },
    scale,
  };
}

const { ds, scale } = biasedPanel(20261201);
const chosen = {
  tv_spend: { theta: THETA.tv, scale: scale.tv },
  search_spend: { theta: THETA.search, scale: scale.search },
};
const model = fitGeoModel(ds, chosen, { controls: [], seasonality: "none", covType: "cluster" });
const geo = { model, dataset: ds, target: "sales" };
const ctx = { channels: ds.roles.media, dates: ds.dates, geos: ds.geos, target: "sales" };
const testGeos = ["g01", "g02", "g03", "g04"];
const window = { start: "2023-03-06", end: "2023-04-24" }; // 8 Mondays

/** The true lift of search over the test rows: β_true · Σ log1p(adstock/scale), computed from the process. */
function trueSearchLift(): number {
  let s = 0;
  for (const g of testGeos) {
    const rows = ds.geos!.map((x, i) => [x, i] as const).filter(([x]) => x === g).map(([, i]) => i);
    const a = geometricAdstock(Float64Array.from(rows, (i) => ds.columns.search_spend[i]), THETA.search);
    rows.forEach((i, t) => {
      if (ds.dates[i] >= window.start && ds.dates[i] <= window.end) s += Math.log1p(a[t] / scale.search);
    });
  }
  return TRUE.search * s;
}

function experiments(lift: number, se: number) {
  const csv = `channel,start,end,geos,lift,se,metric\n` +
    `search_spend,${window.start},${window.end},${testGeos.join(";")},${lift},${se},sales\n`;
  return parseExperiments(csv, "exp.csv", ctx).experiments;
}

const jSearch = model.fit.terms.indexOf("search_spend");

Deno.test("the synthetic model is biased: omitted demand inflates the search coefficient", () => {
  const before = model.fit.coef[jSearch];
  // more than 3 standard errors above the truth: the bias is real, not noise
  assert(before - TRUE.search > 3 * model.fit.bse[jSearch], `search ${before} vs truth ${TRUE.search}`);
});

Deno.test("a truthful experiment pulls the biased search estimate toward the truth", () => {
  const lift = trueSearchLift();
  const se = 0.1 * lift;
  const cal = calibrateGeo(geo, ds, experiments(lift, se));
  const row = cal.channels.find((c) => c.channel === "search_spend")!;
  assert(row.tested);
  assertEquals(row.coefBefore, model.fit.coef[jSearch]);
  assert(
    Math.abs(row.coefAfter - TRUE.search) < Math.abs(row.coefBefore - TRUE.search),
    `after ${row.coefAfter}, before ${row.coefBefore}, truth ${TRUE.search}`,
  );
  assert(row.coefSeAfter < row.coefSeBefore, "the experiment adds information");
  assert(row.roiAfterUpper - row.roiAfterLower < row.roiBeforeUpper - row.roiBeforeLower);
  // the calibrated lift lies between the model's and the experiment's
  const e = cal.experiments[0];
  assert(e.calibratedLift < e.modelLift && e.calibratedLift > lift, `${e.calibratedLift}`);
  assertEquals(e.rows, testGeos.length * 8);
  assert(cal.allocation !== null);
});

Deno.test("an experiment contradicting the model gives a significant tension", () => {
  // the test found no effect at all, measured tightly
  const truthful = trueSearchLift();
  const cal = calibrateGeo(geo, ds, experiments(0, 0.05 * truthful));
  const e = cal.experiments[0];
  assert(e.z > 0 && e.pValue < 0.001, `z ${e.z}, p ${e.pValue}`);
  assertEquals(e.verdict, "in tension");
  assert(cal.sentences.tension.includes("1 of 1 experiments disagree"), cal.sentences.tension);
});

Deno.test("the model's lift and its SE follow from the coefficient and the summed feature", () => {
  const cal = calibrateGeo(geo, ds, experiments(1000, 100));
  const e = cal.experiments[0];
  const sumFeature = trueSearchLift() / TRUE.search; // same transforms as the model's
  const k = model.fit.terms.length;
  assertAlmostEquals(e.modelLift, model.fit.coef[jSearch] * sumFeature, 1e-8 * Math.abs(e.modelLift));
  assertAlmostEquals(
    e.modelSe,
    Math.sqrt(model.fit.cov[jSearch * k + jSearch]) * sumFeature,
    1e-8 * e.modelSe,
  );
  const z = (e.modelLift - 1000) / Math.sqrt(e.modelSe ** 2 + 100 ** 2);
  assertAlmostEquals(e.z, z, 1e-10);
});

Deno.test("no experiment leaves the model unchanged", () => {
  const cal = calibrateGeo(geo, ds, []);
  for (const c of cal.channels) assertEquals(c.coefAfter, c.coefBefore);
  assertEquals(cal.allocation, null);
  assertEquals(cal.sentences.tension, "No experiment was given.");
});

Deno.test("an experiment on a channel the model does not estimate is a ModelError", () => {
  const e = experiments(1000, 100).map((x) => ({ ...x, channel: "radio_spend" }));
  assertThrows(() => calibrateGeo(geo, ds, e), ModelError, "radio_spend");
});

Deno.test("tensionVerdict: below 0.05 is in tension, at or above it consistent", () => {
  assertEquals(tensionVerdict(0.049), "in tension");
  assertEquals(tensionVerdict(0.05), "consistent");
  assertEquals(tensionVerdict(0.5), "consistent");
  assertThrows(() => tensionVerdict(Number.NaN), RangeError);
});

Deno.test("modelChannelOf finds a merged channel holding the column", () => {
  assertEquals(
    modelChannelOf("tv_spend", ["tv_spend + radio_spend", "print_spend"]),
    "tv_spend + radio_spend",
  );
  assertEquals(modelChannelOf("print_spend", ["tv_spend + radio_spend", "print_spend"]), "print_spend");
  assertEquals(modelChannelOf("sms", ["a"]), undefined);
});

Deno.test("with bootstrap replicates the tension uses the SD of the replicate lifts (transforms fixed: closed form)", () => {
  // replicates that keep the chosen transforms and spread the search coefficient: lift_b = β_b · Σ feature
  const channels = ["tv_spend", "search_spend"];
  const B = 5, spread = [-2, -1, 0, 1, 2].map((d) => model.fit.coef[jSearch] + 40 * d);
  const coef = new Float64Array(B * 2), theta = new Float64Array(B * 2), sc = new Float64Array(B * 2);
  for (let b = 0; b < B; b++) {
    coef[b * 2] = model.fit.coef[model.fit.terms.indexOf("tv_spend")];
    coef[b * 2 + 1] = spread[b];
    theta.set([THETA.tv, THETA.search], b * 2);
    sc.set([scale.tv, scale.search], b * 2);
  }
  const widening = 1.1;
  const replicates = { channels, replicates: B, theta, scale: sc, coef, level: 0.95, widening };
  const lift = trueSearchLift(), se = 0.1 * lift;
  const cal = calibrateGeo({ ...geo, replicates }, ds, experiments(lift, se));
  const e = cal.experiments[0];
  const sumFeature = lift / TRUE.search;
  // sample SD of 40·(−2..2) is 40·√2.5
  const expectedSe = 40 * Math.sqrt(2.5) * sumFeature * widening;
  assertAlmostEquals(e.modelSeBootstrap!, expectedSe, 1e-9 * expectedSe);
  assertAlmostEquals(e.zBootstrap!, (e.modelLift - lift) / Math.sqrt(expectedSe ** 2 + se ** 2), 1e-10);
  assertEquals(e.verdict, tensionVerdict(e.pValueBootstrap!));
  assert(cal.notes.some((n) => n.includes("bootstrap replicates")));
});
