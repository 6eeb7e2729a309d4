import { assertEquals } from "../assert.ts";
import { curvesCaveat, marginalRankSentence } from "../../lib/pipeline/geo_recommendation_words.ts";

Deno.test("curvesCaveat: the gate first, then the plausibility of the contributions", () => {
  assertEquals(curvesCaveat({ passed: false }, { verdict: "plausible" }), "gate");
  assertEquals(curvesCaveat({ passed: false }, { verdict: "implausible" }), "gate");
  assertEquals(curvesCaveat({ passed: true }, { verdict: "implausible" }), "implausible");
  assertEquals(curvesCaveat({ passed: true }, { verdict: "plausible" }), null);
});

const row = (channel: string, m: number, lo: number, hi: number) => ({
  channel,
  marginalRoi: m,
  marginalLower: lo,
  marginalUpper: hi,
});
const two = (x: number) => x.toFixed(2);

Deno.test("marginalRankSentence: 'strongest' only when the top interval clears every other interval", () => {
  // units-target's case: Print highest at 0.0345 but its interval (−0.0012 to 0.0672) overlaps the others
  const overlapping = [
    row("print", 0.0345, -0.0012, 0.0672),
    row("tv", 0.011, 0.008, 0.014),
    row("radio", 0.004, -0.01, 0.02),
  ];
  assertEquals(
    marginalRankSentence(overlapping, (c) => c.toUpperCase(), (x) => x.toFixed(4)),
    "Highest estimated marginal return: PRINT (0.0345 per unit of spend, 95% interval -0.0012 to 0.0672), but its " +
      "interval overlaps RADIO's (0.0040, -0.0100 to 0.0200), so the data do not rank the channels clearly; " +
      "weakest: RADIO (0.0040, -0.0100 to 0.0200).",
  );
  // the rival named is the other channel whose interval reaches highest, not the second point estimate
  const rival = [row("a", 3, 1.0, 5), row("b", 2.5, 2.4, 2.6), row("c", 1, -1, 6)];
  assertEquals(
    marginalRankSentence(rival, (c) => c, two).includes("overlaps c's (1.00, -1.00 to 6.00)"),
    true,
  );
  const separated = [row("a", 3, 2.5, 3.5), row("b", 1, 0.5, 1.5), row("c", 0.5, 0.1, 0.9)];
  assertEquals(
    marginalRankSentence(separated, (c) => c, two),
    "Strongest marginal return: a (3.00 per unit of spend, 95% interval 2.50 to 3.50), its interval above every " +
      "other channel's; weakest: c (0.50, 0.10 to 0.90).",
  );
});

Deno.test("marginalRankSentence: without intervals nothing is called strongest; one channel is just stated", () => {
  const noIntervals = [row("a", 3, NaN, NaN), row("b", 1, NaN, NaN)];
  assertEquals(
    marginalRankSentence(noIntervals, (c) => c, two),
    "Highest estimated marginal return: a (3.00 per unit of spend, no interval), but its interval overlaps b's " +
      "(1.00, no interval), so the data do not rank the channels clearly; weakest: b (1.00, no interval).",
  );
  assertEquals(
    marginalRankSentence([row("a", 3, 2, 4)], (c) => c, two),
    "Marginal return: a (3.00 per unit of spend, 95% interval 2.00 to 4.00).",
  );
});
