/**
 * Contributions and ROI against the numpy reference (tests/fixtures/decompose.py: yhat(actual) − yhat(channel at
 * zero), computed by predicting twice, adstock per geo), plus the properties of the definition.
 */
import { contributions, roi, roiWithUncertainty } from "../../lib/decompose/mod.ts";
import { ModelError } from "../../lib/errors.ts";
import {
  assert,
  assertAlmostEquals,
  assertArrayClose,
  assertEquals,
  assertRelClose,
  assertThrows,
} from "../assert.ts";
import { fixture, panelData, toModel } from "./_fixture.ts";

const p = fixture.panel;
const model = toModel(p.model);
const ds = panelData();

Deno.test("per-row contributions equal the counterfactual difference computed by numpy (1e-9 relative)", () => {
  const c = contributions(model, ds);
  assertEquals(c.channels, ["tv", "search", "radio", "display"]);
  for (const name of c.channels) {
    assertArrayClose(c.perRow[name], p.contributions[name], 1e-9, 1e-9, name);
    assertRelClose(c.total[name], p.totals[name], 1e-9, 0, name);
    assertRelClose(c.spend[name], p.spend[name], 1e-12, 0, name);
  }
});

Deno.test("contributions sum to ŷ(actual) − ŷ(all media at zero) for this additive model", () => {
  const c = contributions(model, ds);
  assertArrayClose(c.media, p.yhatMinusAllZero, 1e-9, 1e-9);
});

Deno.test("ROI = contribution / spend, and matches the reference", () => {
  for (const r of roi(model, ds)) {
    assertRelClose(r.roi, r.contribution / r.spend, 1e-15, 0, r.channel);
    assertRelClose(r.roi, p.roi[r.channel], 1e-9, 0, r.channel);
  }
});

Deno.test("a channel without spend contributes zero and has ROI NaN", () => {
  const zero = { ...ds, columns: { ...ds.columns, radio_spend: new Float64Array(ds.n) } };
  const r = roi(model, zero).find((x) => x.channel === "radio")!;
  assertEquals([r.spend, r.contribution], [0, 0]);
  assert(Number.isNaN(r.roi));
  assert(contributions(model, zero).perRow.radio.every((v) => v === 0));
});

Deno.test("panel contributions: g1's last-week impulse does not reach g2 (no border crossing)", () => {
  // Treating the panel as one series carries g1's 5,000 tv impulse into g2's first week; per geo it must not.
  const perGeo = contributions(model, ds).perRow.tv;
  const oneSeries = contributions(model, ds, { geos: null }).perRow.tv;
  const first = ds.geos!.indexOf("g2");
  assert(oneSeries[first] > perGeo[first] + 1, "one series leaks (test can fail)");
  assertRelClose(perGeo[first], p.contributions.tv[first], 1e-9, 1e-9);
});

Deno.test("roiWithUncertainty: same seed, same draws; a different seed, different draws", () => {
  const a = roiWithUncertainty(model, ds, { seed: 11, draws: 500 });
  const b = roiWithUncertainty(model, ds, { seed: 11, draws: 500 });
  const c = roiWithUncertainty(model, ds, { seed: 12, draws: 500 });
  assertEquals(a, b);
  assert(a[0].roiDraws.mean !== c[0].roiDraws.mean);
});

Deno.test("roiWithUncertainty: draws centre on the point estimate with sd |K|·σ_β / spend (Monte Carlo, 20,000 draws)", () => {
  const draws = 20000;
  const out = roiWithUncertainty(model, ds, { seed: 3, draws, level: 0.9 });
  const cov = p.model.coefCov!;
  out.forEach((r, j) => {
    const coef = p.model.channels[j].coef;
    const sdBeta = Math.sqrt(cov[j * 4 + j]);
    // ROI is linear in β: ROI(β) = β · (ROI / β̂) → sd = |ROI / β̂| · σ_β; the 90% interval ≈ ROI ± 1.645 sd.
    const sd = Math.abs(r.roi / coef) * sdBeta;
    assertAlmostEquals(r.roiDraws.mean, r.roi, 4.5 * sd / Math.sqrt(draws), r.channel);
    assertRelClose(r.roiDraws.sd, sd, 0.03, 0, r.channel);
    // percentile standard error ≈ 0.015 sd at 20,000 draws; allow 0.05 sd
    assertAlmostEquals(r.roiDraws.lower, r.roi - 1.6449 * sd, 0.05 * sd, r.channel);
    assertAlmostEquals(r.roiDraws.upper, r.roi + 1.6449 * sd, 0.05 * sd, r.channel);
    assertRelClose(r.contributionDraws.mean / r.spend, r.roiDraws.mean, 1e-12, 0, r.channel);
  });
});

Deno.test("roiWithUncertainty needs a coefficient covariance and a seed", () => {
  assertThrows(
    () => roiWithUncertainty({ channels: model.channels }, ds, { seed: 1 }),
    ModelError,
    "coefCov",
  );
  assertThrows(() => roiWithUncertainty(model, ds, { seed: -1 }), RangeError, "seed");
  assertThrows(() => roiWithUncertainty(model, ds, { seed: 1, level: 1 }), RangeError, "level");
});
