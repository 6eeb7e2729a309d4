import { assert, assertEquals, assertRelClose } from "../assert.ts";
import { experimentContext, parseExperiments } from "../../lib/data/experiments.ts";
import { calibrateNational } from "../../lib/pipeline/calibration_national.ts";
import { type NationalOptions, nationalPipeline } from "../../lib/pipeline/national.ts";
import { weeklyDataset } from "./_weekly.ts";

const FAST: NationalOptions = {
  reps: 19,
  importance: false,
  search: { thetaGrid: [0, 0.3, 0.6], alphaGrid: [0, 1] },
};
const ds = weeklyDataset();
const national = await nationalPipeline(ds, FAST);
const window = { start: "2024-03-04", end: "2024-04-22" };
const experiments = (rows: string[]) =>
  parseExperiments(
    `channel,start,end,geos,lift,se,metric\n${rows.join("\n")}\n`,
    "exp.csv",
    experimentContext(ds),
  ).experiments;
/** The generator's SMS effect is 1 revenue per send with no carryover: the true lift is the window's sends. */
function trueSmsLift(): number {
  let s = 0;
  ds.dates.forEach((d, t) => {
    if (d >= window.start && d <= window.end) s += ds.columns.sms_send[t];
  });
  return s;
}

Deno.test("before calibration, ROI per channel equals the pipeline's point estimates", () => {
  assertEquals(national.model, "two-stage");
  const cal = calibrateNational(national, ds, []);
  assertEquals(cal.unavailable, null);
  for (const c of national.outcome!.contributions) {
    const row = cal.channels.find((r) => r.channel === c.channel)!;
    assertRelClose(row.roiBefore * row.spend, c.contribution, 1e-9, 1e-12, c.channel);
  }
  for (const d of national.twoStage!.fit.effects.direct) {
    const row = cal.channels.find((r) => r.channel === d.channel)!;
    assertRelClose(row.roiBefore * row.spend, d.contribution, 1e-9, 1e-12, d.channel);
  }
});

Deno.test("a tight truthful SMS test moves the model's SMS lift to the experiment's", () => {
  const lift = trueSmsLift();
  const cal = calibrateNational(
    national,
    ds,
    experiments([
      `sms_send,${window.start},${window.end},,${lift},${0.02 * lift},revenue`,
    ]),
  );
  const e = cal.experiments[0];
  assert(
    Math.abs(e.calibratedLift - lift) < Math.abs(e.modelLift - lift),
    `model ${e.modelLift}, calibrated ${e.calibratedLift}, experiment ${lift}`,
  );
  const row = cal.channels.find((r) => r.channel === "sms_send")!;
  assert(row.tested && row.coefSeAfter < row.coefSeBefore);
});

Deno.test("a contradicting Google test is in tension; a social test runs through both stages", () => {
  const google = calibrateNational(
    national,
    ds,
    experiments([
      `google_spend,${window.start},${window.end},,0,100,revenue`,
    ]),
  );
  assertEquals(google.experiments[0].verdict, "in tension");
  const social = calibrateNational(
    national,
    ds,
    experiments([
      `facebook_spend,${window.start},${window.end},,1,1000,revenue`,
    ]),
  );
  const e = social.experiments[0];
  // the lift runs through both stages: a finite tension, and the coefficient moved is the mediator's
  assert(e.modelSe > 0 && Number.isFinite(e.z));
  const fb = social.channels.find((r) => r.channel === "facebook_spend")!;
  assertEquals(fb.coefTerm, "google_spend_fitted");
  assert(social.notes.some((n) => n.includes("stage 1 held at its estimate")));
});

Deno.test("the single-stage model: ROI before equals the pipeline's, and an SMS test moves its lift", async () => {
  const flat = weeklyDataset({ edit: (c) => c.google_spend.fill(0) });
  const single = await nationalPipeline(flat, FAST);
  assertEquals(single.model, "single-stage");
  const none = calibrateNational(single, flat, []);
  assertEquals(none.unavailable, null);
  for (const m of single.singleStage!.fit.media) {
    const row = none.channels.find((r) => r.channel === m.channel)!;
    assertRelClose(row.roiBefore * row.spend, m.contribution, 1e-9, 1e-12, m.channel);
  }
  const lift = trueSmsLift();
  const cal = calibrateNational(
    single,
    flat,
    parseExperiments(
      `channel,start,end,geos,lift,se,metric\nsms_send,${window.start},${window.end},,${lift},${
        0.02 * lift
      },revenue\n`,
      "exp.csv",
      experimentContext(flat),
    ).experiments,
  );
  const e = cal.experiments[0];
  assert(
    Math.abs(e.calibratedLift - lift) < Math.abs(e.modelLift - lift),
    `${e.modelLift} → ${e.calibratedLift}`,
  );
  assert(cal.notes.some((n) => n.includes("single-stage")));
});
