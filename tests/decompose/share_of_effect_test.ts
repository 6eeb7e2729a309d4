/**
 * Share of effect versus share of spend, from the reference totals (numpy) and the identity
 * effectShare / spendShare = ROI / pooled ROI.
 */
import { shareOfEffectVsSpend } from "../../lib/decompose/mod.ts";
import { assertAlmostEquals, assertEquals, assertRelClose } from "../assert.ts";
import { fixture, panelData, toModel } from "./_fixture.ts";

const p = fixture.panel;

Deno.test("shares are each channel's part of the reference totals, and each set sums to 1", () => {
  const rows = shareOfEffectVsSpend(toModel(p.model), panelData());
  const names = Object.keys(p.totals);
  const totalEffect = names.reduce((s, k) => s + p.totals[k], 0);
  const totalSpend = names.reduce((s, k) => s + p.spend[k], 0);
  assertEquals(rows.map((r) => r.channel), names);
  for (const r of rows) {
    assertRelClose(r.effectShare, p.totals[r.channel] / totalEffect, 1e-9, 0, r.channel);
    assertRelClose(r.spendShare, p.spend[r.channel] / totalSpend, 1e-12, 0, r.channel);
    assertAlmostEquals(r.difference, r.effectShare - r.spendShare, 1e-15);
    assertRelClose(r.effectShare / r.spendShare, r.roi / (totalEffect / totalSpend), 1e-9, 0, r.channel);
  }
  assertAlmostEquals(rows.reduce((s, r) => s + r.effectShare, 0), 1, 1e-14);
  assertAlmostEquals(rows.reduce((s, r) => s + r.spendShare, 0), 1, 1e-14);
});
