/**
 * The sentences of national_sentences.ts that depend on whether the model has a mediator and on replicates
 * that leave net ROI undefined, on small hand-built allocations and curves (the other branches are tested in
 * national_allocate_test.ts beside the optimizer).
 */
import {
  allocationSentence,
  type NationalAllocation,
  nationalMoveSentences,
  nationalRecommendation,
  relativeMoveSentence,
} from "../../lib/optimize/mod.ts";
import type { EvidenceGate } from "../../lib/evaluate/verdicts.ts";
import { assert, assertEquals } from "../assert.ts";

const row = (channel: string, kind: "social" | "search" | "media", change: number) => ({
  channel,
  kind,
  currentSpend: 100,
  recommendedSpend: 100 * (1 + change),
  change,
  marginalRoi: 2,
  bound: null,
});

const allocation = (
  rows: ReturnType<typeof row>[],
  cost: "net" | "gross" = "net",
): NationalAllocation =>
  ({
    cost,
    costNote: "",
    bounds: { min: 0.7, max: 1.3 },
    budget: 200,
    rows,
    gain: 5,
    gainLower: 1,
    gainUpper: 9,
    verdict: "positive",
    gainShare: 0.01,
    certificate: {
      multiplier: 2,
      interior: [],
      atUpper: [],
      atLower: [],
      interiorGap: 0,
      holds: true,
      sentence: "",
    },
    split: null,
    replicates: 99,
  }) as unknown as NationalAllocation;

Deno.test("nationalRecommendation: the gate's reason is not prefixed with the model's name", () => {
  const gate = { passed: false, reason: "Recommendations are withheld: R² 0.1." } as unknown as EvidenceGate;
  const plausible = { verdict: "plausible" as const, sentence: "" };
  const r = nationalRecommendation(gate, plausible, allocation([row("fb", "social", 0.3)]));
  assertEquals(r.reason, "Recommendations are withheld: R² 0.1.");
  assertEquals(r.sentence, r.reason);
  assert(!r.reason.startsWith("National model:"));
});

Deno.test("allocationSentence names induced search only in a model with a social channel", () => {
  const single = allocationSentence(allocation([row("tv", "media", 0.3), row("radio", "media", -0.3)]));
  assert(single.includes("the budget is the channels' own spend"), single);
  assert(!single.includes("induce"), single);
  const two = allocationSentence(allocation([row("fb", "social", 0.3), row("g", "search", -0.3)]));
  assert(two.includes("the budget counts the search spend that social spend induces"), two);
  const gross = allocationSentence(allocation([row("fb", "social", 0.3), row("g", "search", -0.3)], "gross"));
  assert(gross.includes("the budget counts planned spend only"), gross);
});

Deno.test("nationalMoveSentences: marginal ROI, not 'net of induced search', without a social channel", () => {
  const curves = [{
    channel: "tv",
    roi: 2,
    lower: 1.5,
    upper: 2.5,
    netRoi: NaN,
    netLower: NaN,
    netUpper: NaN,
  }];
  const [s] = nationalMoveSentences(allocation([row("tv", "media", 0.3)]), curves, true);
  assertEquals(s, "tv gains 30.0% (marginal ROI 2, 95% interval 1.5 to 2.5).");
});

Deno.test("relativeMoveSentence: an interval some replicates leave undefined is n/a with their share", () => {
  const s = relativeMoveSentence(
    "Facebook",
    { estimate: 2.51, lower: NaN, upper: NaN, undefinedShare: 0.3 },
    -0.3,
    true,
    undefined,
    "net",
  );
  assertEquals(
    s,
    "Facebook pays back per budget dollar at the point estimate (ROI net of induced search 2.51, 95% " +
      "interval n/a: in 30.0% of replicates a dollar of Facebook lowers search spend by a dollar or more, " +
      "where a return per total dollar is not defined; break-even is not settled), yet loses 30.0%: within " +
      "the same budget other channels return more per budget dollar.",
  );
  // without the share (none undefined, no interval known) the words stay "no interval given"
  const bare = relativeMoveSentence("Facebook", { estimate: 2.51, lower: NaN, upper: NaN }, -0.3, true);
  assert(bare.includes("no interval given") && !bare.includes("n/a"), bare);
});

Deno.test("nationalMoveSentences passes the curve's undefined share to the net sentence", () => {
  const curves = [{
    channel: "fb",
    roi: 3,
    lower: 1,
    upper: 5,
    netRoi: 2,
    netLower: NaN,
    netUpper: NaN,
    netUndefinedShare: 0.25,
  }];
  const [s] = nationalMoveSentences(allocation([row("fb", "social", 0.3)]), curves, true);
  assert(s.includes("95% interval n/a: in 25.0% of replicates a dollar of fb lowers search spend"), s);
});
