/**
 * What-if scenarios against the numpy reference (Σ_t [ŷ(scaled spend) − ŷ(actual)], adstock per geo) and the
 * simulated uncertainty against its analytic standard deviation (the change is linear in β).
 */
import { contributions } from "../../lib/decompose/mod.ts";
import { ModelError } from "../../lib/errors.ts";
import { scenario } from "../../lib/optimize/mod.ts";
import { assert, assertAlmostEquals, assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import { fixture, panelData, toModel } from "../decompose/_fixture.ts";

const p = fixture.panel;
const model = toModel(p.model);
const ds = panelData();

Deno.test("per-channel and total response change match the reference (1e-9 relative)", () => {
  const s = scenario(model, ds, p.scenario.changes);
  for (const c of s.channels) {
    assertRelClose(c.change, p.scenario.channels[c.channel], 1e-9, 1e-9, c.channel);
    assertEquals(c.multiplier, p.scenario.changes[c.channel] ?? 1);
    assertRelClose(c.newSpend, c.multiplier * p.spend[c.channel], 1e-12);
  }
  assertRelClose(s.change, p.scenario.total, 1e-9);
  assertRelClose(s.currentResponse, Object.values(p.totals).reduce((a, b) => a + b, 0), 1e-9);
  assertEquals(s.changeDraws, undefined);
});

Deno.test("no change gives zero change; zero spend removes the contribution", () => {
  const none = scenario(model, ds, {});
  assert(none.channels.every((c) => c.change === 0));
  const off = scenario(model, ds, { tv: 0 });
  assertRelClose(off.channels[0].change, -contributions(model, ds).total.tv, 1e-12);
});

Deno.test("uncertainty: reproducible, centred on the point change, sd √(u'Σu) (40,000 draws)", () => {
  const o = { uncertainty: { seed: 8, draws: 40000, level: 0.95 } };
  const s = scenario(model, ds, p.scenario.changes, o);
  assertEquals(s, scenario(model, ds, p.scenario.changes, o));
  assertEquals(s.level, 0.95);
  // change_c = β_c · u_c with u_c = change_c / β̂_c; Var(total) = u' Σ u
  const u = s.channels.map((c, j) => c.change / p.model.channels[j].coef);
  const cov = p.model.coefCov!;
  let v = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) v += u[i] * cov[i * 4 + j] * u[j];
  const sd = Math.sqrt(v);
  assertAlmostEquals(s.changeDraws!.mean, s.change, 4.5 * sd / Math.sqrt(40000));
  assertRelClose(s.changeDraws!.sd, sd, 0.02);
  assertAlmostEquals(s.changeDraws!.lower, s.change - 1.96 * sd, 0.05 * sd);
  assertAlmostEquals(s.changeDraws!.upper, s.change + 1.96 * sd, 0.05 * sd);
  // unchanged channels have no uncertainty in their (zero) change
  const radio = s.channels.find((c) => c.channel === "radio")!;
  assertEquals([radio.changeDraws!.lower, radio.changeDraws!.upper], [0, 0]);
});

Deno.test("scenario checks channels, multipliers and the covariance", () => {
  assertThrows(() => scenario(model, ds, { print: 2 }), RangeError, "print");
  assertThrows(() => scenario(model, ds, { tv: -0.5 }), RangeError, "multiplier");
  assertThrows(
    () => scenario({ channels: model.channels }, ds, { tv: 2 }, { uncertainty: { seed: 1 } }),
    ModelError,
    "coefCov",
  );
});
