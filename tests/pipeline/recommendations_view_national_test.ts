import { assert, assertEquals } from "../assert.ts";
import {
  inducedSearchNote,
  nationalCurveChartRows,
  nationalMarginalChartRows,
  nationalMarkerLabel,
  nationalModelText,
  nationalMonthlyExport,
  nationalReturnTableRows,
  recommendationSummary,
  searchRoiNote,
} from "../../lib/pipeline/recommendations_view_national.ts";
import type { NationalAllocation } from "../../lib/optimize/national_allocate.ts";
import { PLAIN_SENTENCE_FORMAT } from "../../lib/optimize/national_sentences.ts";

const upper = (c: string) => c.toUpperCase();

const split = { socialNow: 0.4, socialRecommended: 0.5, lower: 0.3, upper: 0.6, used: 90 };

/** A two-channel optimum: fb up 30% at its upper bound, google down 10% inside its bounds. */
const allocation = (over: Partial<NationalAllocation> = {}): NationalAllocation => ({
  cost: "net",
  costNote: "Induced search is paid from the budget.",
  bounds: { min: 0.7, max: 1.3 },
  budget: 200,
  rows: [
    {
      channel: "fb",
      kind: "social",
      currentSpend: 100,
      recommendedSpend: 130,
      change: 0.3,
      marginalRoi: 2,
      bound: "upper",
    },
    {
      channel: "google",
      kind: "search",
      currentSpend: 100,
      recommendedSpend: 90,
      change: -0.1,
      marginalRoi: 1.5,
      bound: null,
    },
  ],
  gain: 5,
  gainLower: 1,
  gainUpper: 9,
  verdict: "positive",
  gainShare: 0.01,
  certificate: {
    multiplier: 1.5,
    interior: ["google"],
    atUpper: ["fb"],
    atLower: [],
    interiorGap: 0,
    holds: true,
    sentence: "",
  },
  split,
  replicates: 99,
  ...over,
});

const shown = { shown: true, optimumShown: true, reason: "", sentence: "Reallocating is recommended." };
const optimumOnly = {
  shown: false,
  optimumShown: true,
  reason: "No national reallocation is recommended: the gain is not distinguishable from zero.",
  sentence: "No national reallocation is recommended: the gain is not distinguishable from zero.",
};
const withheld = {
  shown: false,
  optimumShown: false,
  reason: "National model: the gate fails.",
  sentence: "National model: the gate fails.",
};

Deno.test("nationalCurveChartRows marks the optimum whenever it may be shown, advice or not", () => {
  const curves = [{ channel: "fb", points: [0], currentSpend: 100 }];
  const rows = allocation().rows;
  assertEquals(nationalCurveChartRows(curves, rows, optimumOnly)[0].recommendedSpend, 130);
  assertEquals(nationalCurveChartRows(curves, rows, shown)[0].recommendedSpend, 130);
  assertEquals(nationalCurveChartRows(curves, rows, withheld)[0], {
    channel: "fb",
    points: [0],
    currentSpend: 100,
    recommendedSpend: undefined,
  });
});

Deno.test("nationalMarkerLabel: recommended spend only when the move is advice", () => {
  assertEquals(nationalMarkerLabel(shown), "recommended spend");
  assertEquals(nationalMarkerLabel(optimumOnly), "the model's optimum (not a recommendation: see below)");
});

Deno.test("nationalModelText: paths, intervals, the gate or no cross-validation, withheld when the gate fails", () => {
  const gate = { reason: "Predicts out of sample." };
  assertEquals(
    nationalModelText({ sentence: "fb moves google.", gate }, "Intervals.", shown, upper),
    "FB MOVES GOOGLE.\n\nIntervals.\n\n**Evidence gate (national).** Predicts out of sample.\n\n",
  );
  assertEquals(
    nationalModelText({ sentence: "Paths.", gate: null }, "Intervals.", withheld),
    "Paths.\n\nIntervals.\n\n**Evidence gate (national).** The model could not be cross-validated.\n\n" +
      "**The national recommendation is withheld:** the curves are shown, no move is.",
  );
});

Deno.test("nationalReturnTableRows and nationalMarginalChartRows keep the curves' returns", () => {
  const c = {
    channel: "fb",
    currentSpend: 100,
    roi: 2,
    lower: 1,
    upper: 3,
    induced: 0.5,
    inducedLower: 0.2,
    inducedUpper: 0.8,
    netRoi: 4 / 3,
    netLower: 0.5,
    netUpper: 2,
  };
  assertEquals(nationalReturnTableRows([c], upper), [{
    channel: "FB",
    spend: 100,
    roi: 2,
    lower: 1,
    upper: 3,
    induced: 0.5,
    inducedLower: 0.2,
    inducedUpper: 0.8,
    netRoi: 4 / 3,
    netLower: 0.5,
    netUpper: 2,
  }]);
  assertEquals(nationalMarginalChartRows([c]), [{ channel: "fb", marginalRoi: 2, lower: 1, upper: 3 }]);
});

Deno.test("inducedSearchNote appears only when some channel induces search spend", () => {
  assertEquals(inducedSearchNote([{ induced: 0 }, { induced: NaN }]), "");
  assertEquals(inducedSearchNote([]), "");
  assert(
    inducedSearchNote([{ induced: 0 }, { induced: -0.1 }]).startsWith(
      '"Induced search $ per $" is in sample',
    ),
  );
});

Deno.test("recommendationSummary ends with the national model's sentence", () => {
  assertEquals(recommendationSummary(["Strongest: tv.", "Reallocation: not recommended."], withheld), [
    "Strongest: tv.",
    "Reallocation: not recommended.",
    "National model: National model: the gate fails.",
  ]);
});

Deno.test("nationalMonthlyExport: its columns, the rows as given and a description", () => {
  const rows = [{ year: 2024, month: 1, channel: "fb", spend: 1, contribution: 2, roi: 2 }];
  const e = nationalMonthlyExport(rows);
  assertEquals(e.columns, ["year", "month", "channel", "spend", "contribution", "roi"]);
  assertEquals(e.rows, rows);
  assert(e.description.startsWith("National ROI and contribution per (year, month, channel)"));
});

Deno.test("searchRoiNote labels the search ROI apart from notebook 04's counterfactual ROI, two-stage only", () => {
  const curves = [
    { channel: "fb", kind: "social", roi: 2, lower: 1, upper: 3 },
    { channel: "google", kind: "search", roi: 3.2, lower: -0.8, upper: 6 },
  ];
  const contributions = [
    { channel: "fb", estimate: 2, lower: 1, upper: 3 },
    { channel: "google", estimate: 3.3, lower: -0.7, upper: 6.1 },
  ];
  const f = { ...PLAIN_SENTENCE_FORMAT, label: (c: string) => (c === "google" ? "Google" : c) };
  const note = searchRoiNote("two-stage", curves, contributions, f);
  assert(
    note.startsWith(
      "Google's ROI in this table, 3.2 (95% interval -0.8 to 6), is the return on Google spend moved on its own",
    ),
    note,
  );
  assert(
    note.includes("Notebook 04's ROI for Google, 3.3 (95% interval -0.7 to 6.1), is a different quantity"),
    note,
  );
  // the single-stage model has one ROI per channel: nothing to tell apart
  assertEquals(searchRoiNote("single-stage", curves, contributions, f), "");
  // no search channel, or no pipeline row for it
  assertEquals(searchRoiNote("two-stage", curves.slice(0, 1), contributions, f), "");
  assertEquals(searchRoiNote("two-stage", curves, contributions.slice(0, 1), f), "");
});
