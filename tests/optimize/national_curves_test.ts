/**
 * nationalCurves' net ROI on hand-built response models: the return per total dollar `ROI / (1 + μ)`, n/a
 * (NaN) where the total cost `1 + μ` is not positive, its interval n/a with the share of such replicates, and
 * no induced search or net ROI at all in a model without a mediator.
 */
import { nationalCurves, netReturn } from "../../lib/optimize/national_curves.ts";
import type { NationalChannelRates, NationalResponseModel } from "../../lib/optimize/national_response.ts";
import { assert, assertEquals, assertRelClose } from "../assert.ts";

function rates(
  name: string,
  kind: NationalChannelRates["kind"],
  roi: number,
  induced: number,
  roiReps: number[],
  inducedReps: number[],
): NationalChannelRates {
  return {
    channel: name,
    kind,
    weekly: new Float64Array([50, 50]),
    spend: 100,
    roi,
    directRoi: roi,
    indirectRoi: 0,
    induced,
    longRun: roi,
    longRunInduced: induced,
    roiReplicates: Float64Array.from(roiReps),
    inducedReplicates: Float64Array.from(inducedReps),
    longRunReplicates: Float64Array.from(roiReps),
    longRunInducedReplicates: Float64Array.from(inducedReps),
  };
}

const model = (
  kind: NationalResponseModel["kind"],
  channels: NationalChannelRates[],
): NationalResponseModel => ({
  kind,
  channels,
  replicates: channels[0].roiReplicates.length,
  level: 0.5,
  source: kind === "two-stage" ? "bootstrap, transforms fixed" : "coefficient draws",
  gate: null,
  dates: [],
  sentence: "",
});

Deno.test("netReturn is the return per total dollar, undefined when the total cost is not positive", () => {
  // a dollar that induces 0.5 search dollars costs 1.5: 3 of revenue per 1.5 dollars is 2
  assertRelClose(netReturn(3, 0.5), 2, 1e-12);
  // a dollar that saves 0.5 search dollars costs 0.5: 3 per 0.5 is 6, above the gross 3
  assertRelClose(netReturn(3, -0.5), 6, 1e-12);
  assert(Number.isNaN(netReturn(3, -1)), "1 + induced = 0: no cost, no return per dollar");
  assert(Number.isNaN(netReturn(3, -2)), "1 + induced < 0: a negative cost");
  assert(Number.isNaN(netReturn(3, NaN)));
});

Deno.test("nationalCurves: the net interval is over every replicate when each has a positive total cost", () => {
  // replicates (roi, induced): net = 2/1, 3/1.5, 4/2, 6/2, 8/2 = 2, 2, 2, 3, 4
  const fb = rates("fb", "social", 3, 0.5, [2, 3, 4, 6, 8], [0, 0.5, 1, 1, 1]);
  const g = rates("g", "search", 1.5, 0, [1, 1.5, 2, 2.5, 3], [0, 0, 0, 0, 0]);
  const [c, s] = nationalCurves(model("two-stage", [fb, g]), [1]);
  assertRelClose(c.netRoi, 2, 1e-12);
  assertEquals(c.netUndefinedShare, 0);
  // the 25% and 75% quantiles of [2, 2, 2, 3, 4] (level 0.5)
  assertRelClose(c.netLower, 2, 1e-12);
  assertRelClose(c.netUpper, 3, 1e-12);
  assertRelClose(c.induced, 0.5, 1e-12);
  // search induces nothing: its net ROI is its gross ROI
  assertRelClose(s.netRoi, 1.5, 1e-12);
  assertEquals(s.induced, 0);
  assertRelClose(s.netLower, s.lower, 1e-12);
});

Deno.test("nationalCurves: replicates with 1 + induced <= 0 make the net interval n/a, with their share", () => {
  // 2 of 5 replicates have a social dollar lowering search spend by a dollar or more (−1 and −3)
  const fb = rates("fb", "social", 3, 0.5, [2, 3, 4, 6, 8], [0.5, -1, 1, -3, 1]);
  const [c] = nationalCurves(model("two-stage", [fb]), [1]);
  assertRelClose(c.netRoi, 2, 1e-12);
  assertRelClose(c.netUndefinedShare, 0.4, 1e-12);
  assert(Number.isNaN(c.netLower) && Number.isNaN(c.netUpper), `${c.netLower} ${c.netUpper}`);
  // the old ratio per replicate gave 6/(1 − 3) = −3 and 3/0 = ∞: an interval that meant nothing
  assert(c.lower <= c.roi && c.roi <= c.upper);
});

Deno.test("nationalCurves: a point estimate with 1 + induced <= 0 has no net ROI", () => {
  const fb = rates("fb", "social", 3, -1.2, [2, 3], [-1.2, -1.1]);
  const [c] = nationalCurves(model("two-stage", [fb]), [1]);
  assert(Number.isNaN(c.netRoi));
  assertEquals(c.netUndefinedShare, 1);
});

Deno.test("nationalCurves: without a mediator induced search and net ROI are not defined (NaN, not 0)", () => {
  const tv = rates("tv", "media", 2, 0, [1, 2, 3], [0, 0, 0]);
  const [c] = nationalCurves(model("single-stage", [tv]), [1]);
  assertRelClose(c.roi, 2, 1e-12);
  for (const v of [c.induced, c.inducedLower, c.inducedUpper, c.netRoi, c.netLower, c.netUpper]) {
    assert(Number.isNaN(v), `${v}`);
  }
  assert(Number.isNaN(c.netUndefinedShare));
});
