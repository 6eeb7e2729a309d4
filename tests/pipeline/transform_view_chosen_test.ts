import { assert, assertEquals } from "../assert.ts";
import type { Truth } from "../../lib/data/truth_schema.ts";
import {
  chosenCarryoverCaption,
  chosenCarryoverRows,
  chosenSaturationRows,
  noSaturationSentence,
  saturationActivitySentence,
  saturationExample,
} from "../../lib/pipeline/transform_view_chosen.ts";

const email = { channel: "emails_send", scale: 1000, activeWeeks: 40, weeks: 52, chosen: null };
const sms = {
  channel: "sms_send",
  scale: 500,
  activeWeeks: 10,
  weeks: 52,
  chosen: { type: "hill" as const, halfSaturation: 250, shape: 2 },
};

Deno.test("saturationExample draws three Hill curves over 0 to 1.2 × the first direct channel's largest week", () => {
  assertEquals(saturationExample([], {}), null);
  const ex = saturationExample([email, sms], { emails_send: new Float64Array([0, 500, 2000]) })!;
  assertEquals(ex.channel, "emails_send");
  assertEquals(Object.keys(ex.curves), ["Hill K=1,000, s=1", "Hill K=1,000, s=2", "Hill K=500, s=1"]);
  const c = ex.curves["Hill K=1,000, s=2"];
  assertEquals(c.x.length, 101);
  assertEquals([c.x[0], c.x[100]], [0, 2400]);
  // Hill with s = 1 at x: x / (x + K)
  const atK = ex.curves["Hill K=500, s=1"];
  const i = Array.from(atK.x).findIndex((x) => Math.abs(x - 1200) < 1e-9); // 1200 is x[50]
  assert(Math.abs(atK.y[i] - 1200 / 1700) < 1e-12);
});

Deno.test("saturationActivitySentence states each direct channel's activity, or that no curve is searched", () => {
  assertEquals(
    saturationActivitySentence([email, sms]),
    "Emails is active in 40 of 52 weeks; its typical active level is 1,000. " +
      "SMS is active in 10 of 52 weeks; its typical active level is 500.",
  );
  assertEquals(
    saturationActivitySentence([]),
    "The file has no direct channel (roles.direct is empty), so no saturation curve is searched.",
  );
});

const row = (channel: string, thetaMin: number, thetaMax: number) => ({
  stage: "2" as const,
  path: "mediator → target",
  channel,
  theta: 0.5,
  halfLifeWeeks: 1,
  thetaMin,
  thetaMax,
  lower: NaN,
  upper: NaN,
});
const adstockTruth = { weekly: { adstock: { google: { theta: 0.55 }, tiktok: { theta: 0.2 } } } };

Deno.test("chosenCarryoverRows says whether the true θ is in the one-SE range: yes, no, or n/a without one", () => {
  const rows = chosenCarryoverRows(
    [row("google_spend", 0.4, 0.6), row("tiktok_spend", 0.4, 0.6), row("radio_spend", 0.4, 0.6)],
    "cross-validation",
    adstockTruth,
  );
  assertEquals(rows.map((r) => [r.oneSeRange, r.trueTheta, r.truthInRange]), [
    ["0.4 – 0.6", 0.55, "yes"],
    ["0.4 – 0.6", 0.2, "no"],
    ["0.4 – 0.6", NaN, "n/a"],
  ]);
  assertEquals(Object.keys(rows[0]), [
    "stage",
    "path",
    "channel",
    "theta",
    "halfLifeWeeks",
    "oneSeRange",
    "trueTheta",
    "truthInRange",
  ]);
});

Deno.test("chosenCarryoverRows in sample has no range to check, and without a truth no truth columns", () => {
  const inSample = chosenCarryoverRows([row("google_spend", NaN, NaN)], "in-sample", adstockTruth)[0];
  assertEquals([inSample.oneSeRange, inSample.trueTheta, inSample.truthInRange], [
    "n/a (chosen in sample)",
    0.55,
    "n/a",
  ]);
  assertEquals(chosenCarryoverRows([row("google_spend", 0.4, 0.6)], "cross-validation")[0], {
    stage: "2",
    path: "mediator → target",
    channel: "google_spend",
    theta: 0.5,
    halfLifeWeeks: 1,
    oneSeRange: "0.4 – 0.6",
  });
});

Deno.test("chosenCarryoverCaption names the truth only when there is one", () => {
  const tail =
    ": the range is the CV score's one-SE set, not a confidence interval (notebook 04 gives the bootstrap's)";
  assertEquals(chosenCarryoverCaption(true), `Chosen carryover (geometric θ) against the truth${tail}`);
  assertEquals(chosenCarryoverCaption(false), `Chosen carryover (geometric θ)${tail}`);
});

Deno.test("chosenSaturationRows words the chosen and the true curve, linear and n/a where there is none", () => {
  const truth = {
    weekly: { stage2: { email: { coef: 1, halfSaturation: 1200, shape: 1 } } },
  } as unknown as Truth;
  const log1p = { ...email, channel: "push_send", chosen: { type: "log1p" as const, scale: 3 } };
  assertEquals(chosenSaturationRows([email, sms, log1p], truth), [
    {
      channel: "emails_send",
      activeWeeks: "40 of 52",
      typicalLevel: 1000,
      chosen: "none (linear)",
      truth: "Hill K=1,200, s=1",
    },
    {
      channel: "sms_send",
      activeWeeks: "10 of 52",
      typicalLevel: 500,
      chosen: "Hill K=250, s=2",
      truth: "n/a",
    },
    {
      channel: "push_send",
      activeWeeks: "40 of 52",
      typicalLevel: 1000,
      chosen: "none (linear)",
      truth: "n/a",
    },
  ]);
  assertEquals(Object.keys(chosenSaturationRows([sms])[0]), [
    "channel",
    "activeWeeks",
    "typicalLevel",
    "chosen",
  ]);
});

Deno.test("noSaturationSentence speaks only without a direct channel", () => {
  assertEquals(noSaturationSentence([email]), null);
  assertEquals(noSaturationSentence([]), "No direct channel, so no saturation was chosen.");
});
