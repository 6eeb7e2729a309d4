import { assert, assertArrayClose, assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import { fitGeoModel, geoCovariance } from "../../lib/decompose/geo_model.ts";
import { roi } from "../../lib/decompose/contributions.ts";
import { loadDataset, selectRows } from "../../lib/data/mod.ts";

const geo = loadDataset(new URL("../../data/mmm_geo.csv", import.meta.url).pathname, { kind: "geo" });
const truth = JSON.parse(Deno.readTextFileSync(new URL("../../data/truth.json", import.meta.url)));
const trueChoice = Object.fromEntries(
  geo.roles.media.map((c) => {
    const t = truth.geo.channels[c.replace(/_spend$/, "")];
    return [c, { theta: t.theta, scale: t.scale }];
  }),
);

Deno.test("fitGeoModel with the true transforms recovers the true betas and ROI closely", () => {
  const m = fitGeoModel(geo, trueChoice);
  assertEquals(m.fit.terms.slice(0, 5), geo.roles.media);
  for (const c of geo.roles.media) {
    const t = truth.geo.channels[c.replace(/_spend$/, "")];
    const j = m.fit.terms.indexOf(c);
    // Within 10% of the true beta (the generator's own test holds its oracle fit to the same band).
    assertRelClose(m.fit.coef[j], t.beta, 0.1);
  }
  const r = roi(m.mediaModel, geo);
  for (const row of r) {
    assertRelClose(row.roi, truth.geo.channels[row.channel.replace(/_spend$/, "")].roi, 0.1);
  }
  assertEquals(m.fit.covType, "cluster");
});

Deno.test("fitGeoModel's media model carries the fit's media coefficients and covariance block", () => {
  const m = fitGeoModel(geo, trueChoice, { covType: "HC1" });
  const idx = geo.roles.media.map((c) => m.fit.terms.indexOf(c));
  assertArrayClose(m.mediaModel.channels.map((c) => c.coef), idx.map((j) => m.fit.coef[j]), 1e-15);
  const k = m.fit.terms.length;
  assertRelClose(m.mediaModel.coefCov![0], m.fit.cov[idx[0] * k + idx[0]], 1e-15);
});

Deno.test("fitGeoModel names a media column without a chosen transform", () => {
  assertThrows(
    () => fitGeoModel(geo, { tv_spend: { theta: 0.5, scale: 1000 } }),
    RangeError,
    `"print_spend"`,
  );
});

Deno.test("geoCovariance clusters by geo only when there are more geos than coefficients", () => {
  // the clustered covariance has rank at most G − 1: 40 geos carry 19 slopes, 10 do not
  assertEquals(geoCovariance(40, 156, 19), { covType: "cluster" });
  assertEquals(geoCovariance(20, 156, 19), { covType: "cluster" });
  // ⌊4 · (156/100)^(2/9)⌋ = ⌊4.42⌋ = 4; ⌊4 · (52/100)^(2/9)⌋ = ⌊3.47⌋ = 3
  assertEquals(geoCovariance(19, 156, 19), { covType: "driscoll-kraay", maxLags: 4 });
  assertEquals(geoCovariance(2, 52, 5), { covType: "driscoll-kraay", maxLags: 3 });
});

Deno.test("fitGeoModel on two geos defaults to Driscoll–Kraay errors instead of a singular clustered covariance", () => {
  const keep = geo.geos!.map((g, i) => [g, i] as const).filter(([g]) => g === "geo_01" || g === "geo_02")
    .map(([, i]) => i);
  const two = selectRows(geo, keep);
  const m = fitGeoModel(two, trueChoice);
  assertEquals(m.fit.covType, "driscoll-kraay");
  for (const se of m.fit.bse) assert(se > 0 && Number.isFinite(se), `standard error ${se}`);
});

Deno.test("fitGeoModel passes the Newey–West lag count of its weeks to Driscoll–Kraay, and 4 lags to HAC", () => {
  // two geos, the first 52 weeks: ⌊4 · (52/100)^(2/9)⌋ = ⌊3.46⌋ = 3 lags (Newey & West 1994), not the 4 of 156 weeks
  const weeks = [...new Set(geo.dates)].sort().slice(0, 52);
  const keepWeek = new Set(weeks);
  const keep = geo.geos!.map((g, i) => [g, i] as const)
    .filter(([g, i]) => (g === "geo_01" || g === "geo_02") && keepWeek.has(geo.dates[i])).map(([, i]) => i);
  const short = selectRows(geo, keep);
  const m = fitGeoModel(short, trueChoice);
  assertEquals([m.fit.covType, m.fit.covDetails.maxLags], ["driscoll-kraay", 3]);
  // an explicit maxLags wins; HAC without one takes the documented default of 4
  assertEquals(fitGeoModel(short, trueChoice, { maxLags: 1 }).fit.covDetails.maxLags, 1);
  assertEquals(fitGeoModel(short, trueChoice, { covType: "HAC" }).fit.covDetails.maxLags, 4);
  // ten years: ⌊4 · 5.2^(2/9)⌋ = ⌊5.77⌋ = 5 (a quarter power would give ⌊6.04⌋ = 6)
  assertEquals(geoCovariance(2, 520, 5), { covType: "driscoll-kraay", maxLags: 5 });
});
