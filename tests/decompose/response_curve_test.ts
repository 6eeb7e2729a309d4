/**
 * Response curves against the numpy reference (Σ_t [ŷ(spend × m) − ŷ(spend × 0)], adstock per geo) and their
 * properties: through the contribution at m = 1, zero at m = 0, bands from coefficient draws.
 */
import { contributions, DEFAULT_MULTIPLIERS, marginalRoi, responseCurve } from "../../lib/decompose/mod.ts";
import { ModelError } from "../../lib/errors.ts";
import { assert, assertAlmostEquals, assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import { fixture, panelData, toModel } from "./_fixture.ts";

const p = fixture.panel;
const model = toModel(p.model);
const ds = panelData();

Deno.test("curve values match the reference at the fixture's multipliers (1e-9 relative)", () => {
  for (const ch of p.model.channels) {
    const curve = responseCurve(model, ds, ch.name, { multipliers: p.curveMultipliers });
    assertEquals(curve.points.map((q) => q.multiplier), p.curveMultipliers);
    curve.points.forEach((q, i) => {
      assertRelClose(q.response, p.curves[ch.name][i], 1e-9, 1e-9, `${ch.name} m=${q.multiplier}`);
      assertRelClose(q.spend, q.multiplier * p.spend[ch.name], 1e-12, 1e-12);
    });
  }
});

Deno.test("the curve passes through the contribution at m = 1 (marked current) and through 0 at m = 0", () => {
  const c = contributions(model, ds);
  const m = marginalRoi(model, ds);
  for (const name of c.channels) {
    const curve = responseCurve(model, ds, name);
    assertEquals(curve.points.length, 61);
    assertEquals(curve.points.filter((q) => q.isCurrent).length, 1);
    assertEquals(curve.current.multiplier, 1);
    assertRelClose(curve.current.response, c.total[name], 1e-12, 0, name);
    assertRelClose(curve.current.marginalRoi, m.find((r) => r.channel === name)!.marginalRoiAnalytic, 1e-12);
    assertEquals(curve.points[0].response, 0);
    assertRelClose(curve.currentSpend, c.spend[name], 1e-15);
  }
  assertEquals(DEFAULT_MULTIPLIERS[60], 3);
  // 1 is added when missing
  const odd = responseCurve(model, ds, "tv", { multipliers: [0.5, 2] });
  assertEquals(odd.points.map((q) => q.multiplier), [0.5, 1, 2]);
});

Deno.test("bands: reproducible with a seed, contain the curve, and scale like the coefficient's interval", () => {
  const o = { multipliers: [0, 0.5, 1, 2], uncertainty: { seed: 4, draws: 4000, level: 0.8 } };
  const a = responseCurve(model, ds, "search", o);
  assertEquals(a, responseCurve(model, ds, "search", o));
  assertEquals(a.level, 0.8);
  // search: β̂ = 90, σ = 9 → 80% band ≈ response · (1 ± 1.2816 · 0.1) (Monte Carlo: 0.01 relative)
  for (const q of a.points.slice(1)) {
    assert(q.lower! < q.response && q.response < q.upper!);
    assertRelClose(q.lower! / q.response, 1 - 0.12816, 0.01);
    assertRelClose(q.upper! / q.response, 1 + 0.12816, 0.01);
  }
  assertAlmostEquals(a.points[0].lower!, 0, 0);
  assertThrows(() => responseCurve({ channels: model.channels }, ds, "tv", o), ModelError, "coefCov");
});

Deno.test("responseCurve rejects unknown channels and negative multipliers", () => {
  assertThrows(() => responseCurve(model, ds, "print"), RangeError, "print");
  assertThrows(() => responseCurve(model, ds, "tv", { multipliers: [-1] }), RangeError, "multipliers");
});
