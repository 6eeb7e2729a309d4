/**
 * nationalResponseModel / nationalCurves against the definitions computed here from the data and the fitted
 * coefficients (not through the module's code path), and nationalWeeklyContributions / contributionsByMonth /
 * nationalPastCarryover against the fit's own effect sums and a simulation on a zero-extended series.
 */
import {
  contributionsByMonth,
  nationalCurves,
  nationalPastCarryover,
  nationalResponseModel,
  nationalWeeklyContributions,
} from "../../lib/optimize/mod.ts";
import { assert, assertAlmostEquals, assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import { dates, N, singleStageSource, twoStageSource } from "./_national_fixture.ts";

const sum = (x: ArrayLike<number>) => Array.from(x).reduce((s, v) => s + v, 0);
/** Plain geometric adstock written out again (a reference independent of lib/features). */
function adstock(x: ArrayLike<number>, theta: number): number[] {
  const out: number[] = [];
  let a = 0;
  for (let t = 0; t < x.length; t++) out.push(a = x[t] + theta * a);
  return out;
}

Deno.test("two-stage rates: social ROI is the fit's counterfactual ROI; induced search and search ROI by definition", () => {
  const src = twoStageSource();
  const fit = src.twoStage!.fit, cols = src.twoStage!.inputs.columns;
  const model = nationalResponseModel(src, { dates: dates() });
  assertEquals(model.kind, "two-stage");
  assertEquals(model.channels.map((c) => c.channel), ["fb", "tt", "google"]);
  const fb = model.channels[0];
  assertRelClose(fb.roi, fit.effects.social[0].roi, 1e-12);
  const a = fit.stage1.coef[fit.stage1.terms.indexOf("fb")];
  assertRelClose(fb.induced, (a * sum(adstock(cols.fb, 0.3))) / sum(cols.fb), 1e-12);
  assertRelClose(fb.directRoi + fb.indirectRoi, fb.roi, 1e-12);
  const b = fit.stage2.coef[fit.stage2.terms.indexOf("google_fitted")];
  const g = model.channels[2];
  assertRelClose(g.roi, (b * sum(adstock(cols.google, 0.4))) / sum(cols.google), 1e-12);
  assertEquals(g.induced, 0);
  assertEquals(g.roiReplicates.length, model.replicates);
  // the true search effect per dollar in sample is about 2/(1 − 0.4) = 3.3: the fit should be near it
  assert(Math.abs(g.roi - 3.3) < 1, `search ROI ${g.roi}`);
});

Deno.test("nationalCurves are lines through zero with bands scaled by the multiplier; net ROI divides by 1 + induced", () => {
  const model = nationalResponseModel(twoStageSource());
  const curves = nationalCurves(model, [0, 0.5, 1, 2]);
  for (const c of curves) {
    assertEquals(c.points[0].response, 0);
    assertRelClose(c.points[3].response, 2 * c.points[2].response, 1e-12);
    assertRelClose(c.points[2].response, c.roi * c.currentSpend, 1e-12);
    assertRelClose(c.points[3].upper - c.points[3].lower, 2 * (c.points[2].upper - c.points[2].lower), 1e-12);
    assert(c.points[2].isCurrent && !c.points[1].isCurrent);
    assertRelClose(c.netRoi, c.roi / (1 + c.induced), 1e-12);
    assert(c.lower <= c.roi && c.roi <= c.upper, `${c.channel}: ${c.lower} ${c.roi} ${c.upper}`);
  }
  assertThrows(() => nationalCurves(model, [-1]), RangeError);
});

Deno.test("single-stage rates: direct paths only, draws centred on the fit's ROI", () => {
  const src = singleStageSource();
  const model = nationalResponseModel(src, { seed: 1, draws: 4000 });
  assertEquals(model.kind, "single-stage");
  assertEquals(model.source, "coefficient draws");
  assert(model.sentence.includes("direct"));
  for (const [i, c] of model.channels.entries()) {
    assertRelClose(c.roi, src.singleStage!.fit.media[i].roi, 1e-12);
    assertEquals(c.induced, 0);
    const mean = sum(c.roiReplicates) / c.roiReplicates.length;
    assertAlmostEquals(mean, c.roi, 0.1 * Math.abs(c.roi) + 0.05);
  }
  assertEquals(model.channels[1].kind, "search");
});

Deno.test("weekly contributions sum to the fit's counterfactual contributions; months group by the week's date", () => {
  const src = twoStageSource(10);
  const eff = src.twoStage!.fit.effects;
  const weekly = nationalWeeklyContributions(src);
  assertRelClose(sum(weekly[0].contribution), eff.social[0].contribution, 1e-10);
  assertRelClose(sum(weekly[1].contribution), eff.social[1].contribution, 1e-10);
  assertRelClose(sum(weekly[2].contribution), eff.mediator.contribution, 1e-10);
  const rows = contributionsByMonth(weekly, dates());
  assertEquals(rows[0].year, 2023);
  assertEquals(rows[0].month, 1);
  assertEquals(rows[0].channel, "fb");
  // January 2023 starts on Monday 2 January: weeks 0..4 (2, 9, 16, 23, 30 January)
  assertRelClose(rows[0].spend, sum(src.twoStage!.inputs.columns.fb.slice(0, 5)), 1e-12);
  const total = sum(rows.filter((r) => r.channel === "tt").map((r) => r.contribution));
  assertRelClose(total, eff.social[1].contribution, 1e-10);
  assertThrows(() => contributionsByMonth(weekly, dates(N - 1)), RangeError);
  assertThrows(() => contributionsByMonth(weekly, dates().map(() => "May 2024")), RangeError);
});

Deno.test("past carryover equals the contributions of the recorded spend in zero-spend weeks after the data", () => {
  const src = twoStageSource(10);
  const fit = src.twoStage!.fit, cols = src.twoStage!.inputs.columns;
  const K = 13;
  const ext = (x: Float64Array) => [...x, ...new Array(K).fill(0)];
  const a = (s: string) => fit.stage1.coef[fit.stage1.terms.indexOf(s)];
  const b = fit.stage2.coef[fit.stage2.terms.indexOf("google_fitted")];
  const c = fit.stage2.coef[fit.stage2.terms.indexOf("fb")];
  const tail = (x: number[]) => sum(x.slice(N));
  const fbInner = adstock(ext(cols.fb), 0.3).map((v) => a("fb") * v);
  const ttInner = adstock(ext(cols.tt), 0.5).map((v) => a("tt") * v);
  const fb = b * tail(adstock(fbInner, 0.4)) + c * tail(adstock(ext(cols.fb), 0.2));
  const tt = b * tail(adstock(ttInner, 0.4));
  const own = ext(cols.google).map((v, t) => (t < N ? v - fbInner[t] - ttInner[t] : 0));
  const google = b * tail(adstock(own, 0.4));
  const got = nationalPastCarryover(src, K);
  assertRelClose(got[0].carryover, fb, 1e-10);
  assertRelClose(got[1].carryover, tt, 1e-10);
  assertRelClose(got[2].carryover, google, 1e-10);
  assertThrows(() => nationalPastCarryover(src, 0), RangeError);
});
