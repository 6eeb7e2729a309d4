import { assertEquals } from "../assert.ts";
import { edaChannels, edaSpendShares, edaZeroSpend } from "../../lib/explore/mod.ts";
import { WEEKLY_ROLES } from "../../lib/data/mod.ts";
import { weekly } from "./_weekly.ts";

Deno.test("edaChannels: mediator, social, direct; paid leaves out direct; a missing mediator is skipped", () => {
  const roles = { ...WEEKLY_ROLES, mediator: "google", social: ["fb", "tt"], direct: ["sms"] };
  assertEquals(edaChannels(roles), {
    national: ["google", "fb", "tt", "sms"],
    paid: ["google", "fb", "tt"],
    spendSeries: ["google", "fb", "tt"],
  });
  assertEquals(edaChannels({ ...roles, mediator: undefined }).national, ["fb", "tt", "sms"]);
  assertEquals(edaChannels({ ...roles, mediator: undefined, social: [], direct: [] }).national, []);
});

Deno.test("edaZeroSpend: the channel dark most often, with its share and longest run", () => {
  // facebook: 2 zero weeks in one run; google: 3 zero weeks, runs of 2 and 1, of 8 weeks
  const ds = weekly({
    facebook_spend: [1, 0, 0, 1, 1, 1, 1, 1],
    google_spend: [0, 0, 1, 1, 0, 1, 1, 1],
  });
  const z = edaZeroSpend(ds, ["google_spend", "facebook_spend"]);
  assertEquals(z.rows, [
    { channel: "Google", zeroWeeks: 3, share: 3 / 8, longestRun: 2, runs: 2 },
    { channel: "Facebook", zeroWeeks: 2, share: 2 / 8, longestRun: 2, runs: 1 },
  ]);
  assertEquals(
    z.sentence,
    "The channel dark most often is **Google**: 3 of 8 weeks\n(37.5%), with a longest dark stretch of 2 weeks.",
  );
});

Deno.test("edaZeroSpend: a tie goes to the first channel given", () => {
  const ds = weekly({ facebook_spend: [0, 1], google_spend: [1, 0] });
  assertEquals(edaZeroSpend(ds, ["facebook_spend", "google_spend"]).sentence.includes("**Facebook**"), true);
  assertEquals(edaZeroSpend(ds, ["google_spend", "facebook_spend"]).sentence.includes("**Google**"), true);
});

Deno.test("edaZeroSpend: every channel active; no channel mapped", () => {
  const ds = weekly({ facebook_spend: [1, 2, 3] });
  assertEquals(
    edaZeroSpend(ds, ["facebook_spend"]).sentence,
    "Every national channel is active in every week.",
  );
  assertEquals(edaZeroSpend(ds, []), { rows: [], sentence: "The roles map no national channels." });
});

Deno.test("edaSpendShares: largest total first, with its share and total in the sentence", () => {
  const ds = weekly({ facebook_spend: [100, 200], google_spend: [300, 400] });
  const s = edaSpendShares(ds, ["facebook_spend", "google_spend"]);
  assertEquals(s.shares.map((x) => [x.channel, x.total, x.share]), [
    ["google_spend", 700, 0.7],
    ["facebook_spend", 300, 0.3],
  ]);
  assertEquals(s.bars, s.shares);
  assertEquals(s.sentence, "**Google** takes the largest share of paid spend (70.0%, $700 in total).");
});

Deno.test("edaSpendShares: no paid channel, or channels that never spend, leave nothing to chart", () => {
  const none = "No paid media spend is mapped in the national file.";
  const ds = weekly({ facebook_spend: [0, 0] });
  const zero = edaSpendShares(ds, ["facebook_spend"]);
  assertEquals([zero.shares.length, zero.bars, zero.sentence], [1, [], none]);
  assertEquals(edaSpendShares(ds, []), { shares: [], bars: [], sentence: none });
});
