import { assertEquals } from "../assert.ts";
import { pipelineIntervalNote } from "../../lib/pipeline/recommendations_view_intervals.ts";

const two = (x: number) => x.toFixed(2);
const roi = (channel: string, lower: number, upper: number) => ({ quantity: "roi", channel, lower, upper });

Deno.test("pipelineIntervalNote: names the channels whose verdict differs between 07's draws and 04's bootstrap", () => {
  // weekly-no-mediator's TikTok: 07 draws 0.02 to 5.45 (positive), 04's bootstrap −2.48 to 5.30
  const curves = [
    { channel: "tiktok", lower: 0.02, upper: 5.45 },
    { channel: "facebook", lower: -3, upper: 4 },
    { channel: "snapchat", lower: 0.5, upper: 1 },
  ];
  const estimates = [roi("tiktok", -2.48, 5.3), roi("facebook", -3.46, 4.09), roi("snapchat", -1, -0.1)];
  assertEquals(
    pipelineIntervalNote("coefficient draws", curves, estimates, (c) => c.toUpperCase(), two),
    "For TIKTOK this interval (0.02 to 5.45: positive) and notebook 04's bootstrap interval (-2.48 to 5.30: not " +
      "distinguishable from zero); for SNAPCHAT this interval (0.50 to 1.00: positive) and notebook 04's bootstrap " +
      "interval (-1.00 to -0.10: negative) disagree. The bootstrap resamples blocks of weeks and keeps their " +
      "dependence, which the coefficient draws take only from the HAC covariance; where the two disagree the " +
      "return is not established, so read it as not distinguishable from zero.",
  );
});

Deno.test("pipelineIntervalNote: nothing when the intervals are the pipeline's own, agree, or are missing", () => {
  const curves = [{ channel: "tiktok", lower: 0.02, upper: 5.45 }];
  const estimates = [roi("tiktok", -2.48, 5.3)];
  assertEquals(pipelineIntervalNote("bootstrap, transforms re-chosen", curves, estimates, String, two), null);
  assertEquals(pipelineIntervalNote("coefficient draws", curves, [roi("tiktok", 0.1, 5)], String, two), null);
  assertEquals(pipelineIntervalNote("coefficient draws", curves, [], String, two), null);
  assertEquals(
    pipelineIntervalNote("coefficient draws", curves, [roi("tiktok", NaN, NaN)], String, two),
    null,
  );
});
