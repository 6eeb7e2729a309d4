/**
 * Replicate models against their definitions: each replicate's response is `β · Σ_t log(1 + m · a_t(θ) / s)`
 * with the adstock restarting in each geo (computed here row by row), ROI its contribution over spend,
 * marginal ROI `β/S · Σ_t a_t / (s + a_t)`, a scenario's change the difference of responses, and intervals the
 * widened percentile interval (numpy's linear-interpolation percentiles).
 */
import { assert, assertAlmostEquals, assertArrayClose, assertEquals } from "../assert.ts";
import {
  type ModelReplicates,
  ReplicateCurves,
  replicateInterval,
  replicateModel,
  replicateReturns,
} from "../../lib/decompose/model_replicates.ts";
import { responseCurve } from "../../lib/decompose/response_curve.ts";
import { scenario } from "../../lib/optimize/scenario.ts";
import { geometricAdstock } from "../../lib/features/adstock.ts";
import type { MediaData } from "../../lib/decompose/media_model.ts";

const geos = ["a", "a", "a", "a", "b", "b", "b", "b"];
const ds: MediaData = {
  n: 8,
  geos,
  columns: {
    tv: new Float64Array([100, 0, 50, 200, 10, 20, 0, 40]),
    radio: new Float64Array([5, 5, 0, 10, 0, 30, 30, 10]),
  },
};
const rep: ModelReplicates = {
  channels: ["tv", "radio"],
  replicates: 3,
  theta: new Float64Array([0.5, 0.2, 0.3, 0.2, 0.5, 0]),
  scale: new Float64Array([100, 10, 50, 10, 100, 20]),
  coef: new Float64Array([2, 1, 3, 1.5, 2.5, 0.5]),
  level: 0.9,
  widening: 1.2,
};

/** Σ_t log(1 + m · a_t / s) with the adstock restarting at each geo. */
function unit(x: Float64Array, theta: number, scale: number, m: number): { value: number; slope: number } {
  let value = 0, slope = 0;
  for (const [start, end] of [[0, 4], [4, 8]]) {
    const a = geometricAdstock(x.slice(start, end), theta);
    for (const v of a) {
      value += Math.log1p((m * v) / scale);
      slope += v / (scale + m * v);
    }
  }
  return { value, slope };
}

Deno.test("replicateInterval widens the percentile interval about the median", () => {
  // numpy: percentile([1..5], [25, 50, 75]) = 2, 3, 4
  const r = replicateInterval([5, 1, 4, 2, 3], 0.5, 1);
  assertEquals([r.median, r.lower, r.upper, r.used], [3, 2, 4, 5]);
  assertAlmostEquals(r.sd, Math.sqrt(2.5), 1e-12);
  const w = replicateInterval([5, 1, 4, 2, 3, NaN], 0.5, 1.5);
  assertEquals([w.lower, w.upper, w.used], [1.5, 4.5, 5]);
  assert(Number.isNaN(replicateInterval([1], 0.9).lower), "one value gives no interval");
});

Deno.test("ReplicateCurves: each replicate's response, marginal and scenario change by their definitions", () => {
  const curves = new ReplicateCurves(rep, ds);
  for (const [j, c] of rep.channels.entries()) {
    const x = ds.columns[c];
    for (const m of [1, 1.3]) {
      const resp = curves.response(c, m), marg = curves.marginal(c, m);
      let S = 0;
      for (const v of x) S += v;
      for (let r = 0; r < 3; r++) {
        const u = unit(x, rep.theta[r * 2 + j], rep.scale[r * 2 + j], m);
        assertAlmostEquals(resp[r], rep.coef[r * 2 + j] * u.value, 1e-10);
        assertAlmostEquals(marg[r], (rep.coef[r * 2 + j] * u.slope) / S, 1e-12);
      }
    }
  }
  const change = curves.change({ tv: 1.3, radio: 0.5 });
  for (let r = 0; r < 3; r++) {
    const want = rep.coef[r * 2] *
        (unit(ds.columns.tv, rep.theta[r * 2], rep.scale[r * 2], 1.3).value -
          unit(ds.columns.tv, rep.theta[r * 2], rep.scale[r * 2], 1).value) +
      rep.coef[r * 2 + 1] *
        (unit(ds.columns.radio, rep.theta[r * 2 + 1], rep.scale[r * 2 + 1], 0.5).value -
          unit(ds.columns.radio, rep.theta[r * 2 + 1], rep.scale[r * 2 + 1], 1).value);
    assertAlmostEquals(change[r], want, 1e-10);
  }
});

Deno.test("replicateReturns: ROI is contribution over spend; intervals from the replicates", () => {
  const rows = replicateReturns(rep, ds);
  const tv = rows[0];
  assertEquals(tv.spend, 420);
  assertArrayClose(Array.from(tv.roi), Array.from(tv.contribution, (v) => v / 420), 1e-14);
  const iv = replicateInterval(tv.roi, 0.9, 1.2);
  assertEquals(tv.roiInterval, iv);
});

Deno.test("responseCurve and scenario read replicate models when given them", () => {
  const curves = new ReplicateCurves(rep, ds);
  const model = replicateModel(rep, 0);
  assertEquals(model.channels[1].adstock, { type: "geometric", theta: 0.2 });
  const curve = responseCurve(model, ds, "tv", { multipliers: [0, 0.5, 2], replicates: curves });
  assertEquals(curve.level, 0.9);
  for (const p of curve.points) {
    const want = p.multiplier === 0
      ? { lower: 0, upper: 0 }
      : replicateInterval(curves.response("tv", p.multiplier), 0.9, 1.2);
    assertAlmostEquals(p.lower!, want.lower, 1e-10);
    assertAlmostEquals(p.upper!, want.upper, 1e-10);
  }
  const s = scenario(model, ds, { tv: 1.3 }, { replicates: curves });
  const iv = replicateInterval(curves.change({ tv: 1.3 }), 0.9, 1.2);
  assertAlmostEquals(s.changeDraws!.lower, iv.lower, 1e-10);
  assertAlmostEquals(s.changeDraws!.upper, iv.upper, 1e-10);
  // a channel left at 1 changes by nothing in any replicate
  assertEquals([s.channels[1].changeDraws!.lower, s.channels[1].changeDraws!.upper], [0, 0]);
});
