import { assert, assertEquals, assertThrows } from "../assert.ts";
import { mediationInputsFromSearch, searchWeeklyTransforms } from "../../lib/evaluate/weekly_transforms.ts";
import { fitMediation } from "../../lib/models/mediation.ts";
import { loadDataset } from "../../lib/data/mod.ts";

const weekly = loadDataset(new URL("../../data/mmm_weekly.csv", import.meta.url).pathname, {
  kind: "weekly",
});
const truth = JSON.parse(Deno.readTextFileSync(new URL("../../data/truth.json", import.meta.url)));

Deno.test("searchWeeklyTransforms searches both stages over the full grids and leaves anomalous weeks out of stage 2", () => {
  const t = searchWeeklyTransforms(weekly, { thetaGrid: [0, 0.3, 0.6], alphaGrid: [0, 1] });
  // stage 1: 3^4 θ combinations × 2 α; stage 2: 3 (google) × 3 (facebook) × 7 × 7 saturation options × 2 α
  assertEquals(t.stage1.search.total, 81 * 2);
  assertEquals(t.stage2.search.total, 3 * 3 * 7 * 7 * 2);
  assertEquals(t.options.directSocial, ["facebook_spend"]);
  // Both outliers recorded in the truth are among the anomalous weeks.
  const flagged = t.anomalies.map((a) => weekly.dates[a.index]);
  for (const o of truth.weekly.outliers) {
    assert(flagged.includes(o.week), `${o.week} not flagged (${flagged})`);
  }
  assertEquals(t.keptRows.length, weekly.n - t.anomalies.length);
  for (const f of t.stage2.problem.folds) {
    for (const a of t.anomalies) assert(!f.test.includes(a.index) && !f.train.includes(a.index));
  }
  assertEquals(t.stage2.refit.rows.length, t.keptRows.length);
});

Deno.test("searchWeeklyTransforms names a missing mediator role", () => {
  assertThrows(
    () => searchWeeklyTransforms({ ...weekly, roles: { ...weekly.roles, mediator: undefined } }),
    RangeError,
    "mediator",
  );
});

Deno.test("mediationInputsFromSearch carries the chosen transforms into the two-stage model", () => {
  const t = searchWeeklyTransforms(weekly, { thetaGrid: [0, 0.3, 0.6], alphaGrid: [0] });
  const inputs = mediationInputsFromSearch(weekly, t);
  for (const s of inputs.spec.social) assertEquals(s.theta, t.stage1.search.best.theta[s.column]);
  assertEquals(inputs.spec.mediator, {
    column: "google_spend",
    theta: t.stage2.search.best.theta.google_spend,
  });
  assertEquals(inputs.spec.directSocial.map((d) => d.column), ["facebook_spend"]);
  assertEquals(inputs.spec.stage1Controls, ["november", "december"]);
  assertEquals(Array.from(inputs.rows ?? []), t.keptRows);
  // The model fits, on the kept weeks only.
  const fit = fitMediation(inputs);
  assertEquals(fit.rows.length, t.keptRows.length);
  assert(fit.stage2.stats.rsquared > 0.5);
});

import {
  defaultDirectSocial,
  searchFolds,
  searchNationalTransforms,
} from "../../lib/evaluate/weekly_transforms.ts";
import { weeklyDataset } from "../pipeline/_weekly.ts";

Deno.test("searchFolds keeps TimeSeriesSplit folds training on at least coefficients + 3 weeks", () => {
  // 52 weeks, 5 splits: test blocks of floor(52/6) = 8, training 12, 20, 28, 36, 44 weeks
  const folds = searchFolds(52, 5, 11);
  assertEquals(folds.map((f) => f.train.length), [20, 28, 36, 44]);
  // 104 weeks: training 19, 36, 53, 70, 87; all kept for 10 coefficients (19 ≥ 13)
  assertEquals(searchFolds(104, 5, 10).length, 5);
  assertThrows(() => searchFolds(30, 5, 40), RangeError, "too few");
});

Deno.test("defaultDirectSocial: the largest social channel, none with a single social channel", () => {
  assertEquals(defaultDirectSocial(weekly), ["facebook_spend"]);
  const one = { ...weekly, roles: { ...weekly.roles, social: ["facebook_spend"] } };
  assertEquals(defaultDirectSocial(one), []);
});

Deno.test("the search uses an annual Fourier pair when the data hold one holiday season", async () => {
  const ds = weeklyDataset({ n: 78 });
  const t = await searchNationalTransforms(ds, "two-stage", { thetaGrid: [0, 0.5], alphaGrid: [0] });
  assertEquals(Object.keys(t.seasonalControls), ["week_sin_1", "week_cos_1"]);
  assertEquals(t.stage1!.problem.fixed.week_sin_1, t.seasonalControls.week_sin_1);
});

Deno.test("Hill half-saturation candidates are multiples of the median over active weeks, never 0", async () => {
  // SMS in every fourth week only: the all-weeks median is 0
  const ds = weeklyDataset({
    edit: (c) => c.sms_send.forEach((_, i, a) => (a[i] = i % 4 === 0 ? 1000 + i : 0)),
  });
  const t = await searchNationalTransforms(ds, "two-stage", { thetaGrid: [0, 0.5], alphaGrid: [0] });
  const active = Array.from(ds.columns.sms_send).filter((v) => v > 0).sort((a, b) => a - b);
  const median = (active[active.length / 2 - 1] + active[active.length / 2]) / 2; // 26 active weeks
  assertEquals(t.saturationScales.sms_send, median);
  const ks = t.stage2.search.saturationOptions.sms_send.filter((s) => s !== null).map((s) =>
    s!.type === "hill" ? s!.halfSaturation : NaN
  );
  assertEquals(ks, [0.5, 0.5, 1, 1, 1.5, 1.5].map((m) => m * median));
});

Deno.test("the single-stage search has no stage 1 and searches every media channel with the direct ones", async () => {
  const ds = weeklyDataset({ roles: { mediator: undefined } });
  const t = await searchNationalTransforms(ds, "single-stage", { thetaGrid: [0, 0.5], alphaGrid: [0, 1] });
  assertEquals(t.stage1, null);
  assertEquals(t.model, "single-stage");
  assertEquals(t.stage2.search.channels, [...ds.roles.social, ...ds.roles.direct]);
  // 2^4 social θ × 7 × 7 Hill options × 2 α
  assertEquals(t.stage2.search.total, 16 * 49 * 2);
  assertThrows(() => mediationInputsFromSearch(ds, t), RangeError, "two-stage");
});

Deno.test("a grid above maxCandidates is searched on a thinned carryover grid, with a note", async () => {
  const t = await searchNationalTransforms(weeklyDataset(), "two-stage", {
    alphaGrid: [0],
    maxCandidates: 2000,
  });
  // stage 1: 10^4 > 2000 → every other value: 5^4 = 625
  assertEquals(t.stage1!.thetaGrid, [0, 0.2, 0.4, 0.6, 0.8]);
  assertEquals(t.stage1!.search.total, 625);
  assert(
    t.notes.some((s) => s.includes("stage-1 grid would have had 10,000 candidates")),
    t.notes.join("\n"),
  );
  // each thinned grid's note is also recorded with its stage, and is the sentence in notes
  const stage1Note = t.gridNotes.find((g) => g.stage === "stage-1");
  assert(stage1Note !== undefined && stage1Note.sentence.includes("10,000 candidates"));
  assert(t.gridNotes.every((g) => t.notes.includes(g.sentence)));
  assertEquals(
    t.gridNotes.map((g) => g.stage),
    t.stage2.thetaGrid.length < 10 ? ["stage-1", "stage-2"] : ["stage-1"],
  );
});

Deno.test("searchNationalTransforms gives exactly the synchronous two-stage search, with awaited progress", async () => {
  const options = { thetaGrid: [0, 0.3, 0.6], alphaGrid: [0, 1] };
  const sync = searchWeeklyTransforms(weekly, options);
  const stages: number[] = [];
  const t = await searchNationalTransforms(weekly, "two-stage", options, (stage) => void stages.push(stage));
  assertEquals(t.stage1!.search.rmse, sync.stage1.search.rmse);
  assertEquals(t.stage2.search.rmse, sync.stage2.search.rmse);
  assertEquals(t.stage2.search.best, sync.stage2.search.best);
  assert(stages.includes(1) && stages.includes(2) && stages.indexOf(2) > stages.lastIndexOf(1));
});

import { inSampleSearch, regimeControls } from "../../lib/evaluate/weekly_transforms.ts";
import { screenAnomalies } from "../../lib/features/anomalies.ts";
import { geometricAdstock } from "../../lib/features/adstock.ts";
import { designFromColumns, takeDesignRows, takeRows } from "../../lib/features/design.ts";
import { fitOls } from "../../lib/models/ols.ts";

Deno.test("below 78 weeks the transforms are chosen in sample, by the OLS fit's in-sample RMSE", async () => {
  const ds = weeklyDataset({ n: 60 });
  const t = await searchNationalTransforms(ds, "two-stage", { thetaGrid: [0, 0.5], alphaGrid: [0, 1] });
  assertEquals(t.selection, "in-sample");
  assert(t.notes.some((s) => s.includes("chosen in sample")), t.notes.join("\n"));
  assertEquals(t.stage1!.search.nFolds, 1);
  assertEquals(new Set(t.stage1!.search.alpha), new Set([0])); // the penalty is not searched in sample
  assertEquals(t.stage1!.search.total, 2 ** 4);
  const t104 = await searchNationalTransforms(weeklyDataset(), "two-stage", {
    thetaGrid: [0, 0.5],
    alphaGrid: [0],
  });
  assertEquals(t104.selection, "cross-validation");
});

Deno.test("inSampleSearch scores a candidate by the RMSE of OLS on its transformed columns", () => {
  const ds = weeklyDataset({ n: 60 });
  const c = ds.columns;
  const rows = Array.from({ length: 60 }, (_, i) => i).filter((i) => i !== 7);
  const problem = {
    y: c.revenue,
    fixed: { average_price: c.average_price },
    channels: { google_spend: c.google_spend, facebook_spend: c.facebook_spend },
    folds: [],
  };
  const s = inSampleSearch(problem, { theta: [0, 0.4, 0.8], alpha: [0] }, rows);
  assertEquals(s.total, 9);
  for (let i = 0; i < s.total; i++) {
    const design = designFromColumns({
      google_spend: geometricAdstock(c.google_spend, s.theta.google_spend[i]),
      facebook_spend: geometricAdstock(c.facebook_spend, s.theta.facebook_spend[i]),
      average_price: c.average_price,
    });
    const ols = fitOls(takeDesignRows(design, rows), takeRows(c.revenue, rows));
    const ssr = ols.residuals.reduce((a, e) => a + e * e, 0);
    assert(Math.abs(s.rmse[i] - Math.sqrt(ssr / rows.length)) < 1e-6 * s.rmse[i], `candidate ${i}`);
    assert(Math.abs(s.r2[i] - ols.stats.rsquared) < 1e-9, `candidate ${i}`);
  }
  const min = Math.min(...s.rmse);
  assertEquals(s.best.rmse, min);
});

Deno.test("regimeControls: a step dummy per level shift, none for a target with one regime", () => {
  const n = 104;
  const y = Float64Array.from({ length: n }, (_, i) => (i >= 40 ? 500 : 100) + 10 * Math.sin(i));
  const dates = weeklyDataset().dates;
  const r = regimeControls(screenAnomalies(y), dates);
  assertEquals(Object.keys(r), [`level_from_${dates[40]}`]);
  assertEquals(r[`level_from_${dates[40]}`][39], 0);
  assertEquals(r[`level_from_${dates[40]}`][40], 1);
  assertEquals(regimeControls(screenAnomalies(weekly.columns.revenue), weekly.dates), {});
});
