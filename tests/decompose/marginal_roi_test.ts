/**
 * Marginal ROI against the numpy reference (finite difference by predicting with spend × 1.01; analytic
 * Σ b a g'(a) / S, checked in the script against a central difference), and the limit δ → 0.
 */
import { marginalRoi } from "../../lib/decompose/mod.ts";
import { assert, assertRelClose, assertThrows } from "../assert.ts";
import { fixture, panelData, toModel } from "./_fixture.ts";

const p = fixture.panel;
const model = toModel(p.model);
const ds = panelData();

Deno.test("finite-difference and analytic marginal ROI match the reference (1e-9 relative)", () => {
  for (const r of marginalRoi(model, ds, { step: p.marginalRoiStep })) {
    assertRelClose(r.marginalRoi, p.marginalRoi[r.channel], 1e-9, 0, r.channel);
    assertRelClose(r.marginalRoiAnalytic, p.marginalRoiAnalytic[r.channel], 1e-9, 0, r.channel);
    assertRelClose(r.roi, p.roi[r.channel], 1e-9, 0, r.channel);
  }
});

Deno.test("the finite difference converges to the analytic value as δ → 0, at rate O(δ)", () => {
  const analytic = marginalRoi(model, ds).map((r) => r.marginalRoiAnalytic);
  const err = (step: number) =>
    marginalRoi(model, ds, { step }).map((r, j) => Math.abs(r.marginalRoi - analytic[j]));
  const e2 = err(1e-2), e3 = err(1e-3), e4 = err(1e-4), e7 = err(1e-7);
  analytic.forEach((a, j) => {
    assert(e3[j] < 0.15 * e2[j] && e4[j] < 0.15 * e3[j], `channel ${j}: errors ${e2[j]}, ${e3[j]}, ${e4[j]}`);
    assertRelClose(a + e7[j], a, 1e-6, 0, `channel ${j} at δ = 1e-7`);
  });
});

Deno.test("concave curves: marginal ROI below average ROI, and a forward difference below the derivative", () => {
  for (const r of marginalRoi(model, ds)) {
    if (r.channel !== "tv" && r.channel !== "radio") continue; // log1p and sqrt
    assert(r.marginalRoiAnalytic < r.roi, r.channel);
    assert(r.marginalRoi < r.marginalRoiAnalytic, r.channel);
  }
});

Deno.test("marginalRoi checks the step", () => {
  assertThrows(() => marginalRoi(model, ds, { step: 0 }), RangeError, "step");
  assertThrows(() => marginalRoi(model, ds, { step: -1 }), RangeError, "step");
});
