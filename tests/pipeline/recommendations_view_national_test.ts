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
import { PLAIN_SENTENCE_FORMAT } from "../../lib/optimize/national_sentences.ts";
import { allocation, optimumOnly, shown, upper, withheld } from "./_national_views.ts";

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
    kind: "social",
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

Deno.test("nationalReturnTableRows: no induced-search or net columns in a model without a mediator", () => {
  // a single-stage model: no channel is social, nothing induces search spend
  const c = {
    channel: "tv",
    kind: "media",
    currentSpend: 100,
    roi: 2,
    lower: 1,
    upper: 3,
    induced: NaN,
    inducedLower: NaN,
    inducedUpper: NaN,
    netRoi: NaN,
    netLower: NaN,
    netUpper: NaN,
  };
  const rows = nationalReturnTableRows([c, { ...c, channel: "google", kind: "search" }], upper);
  assertEquals(rows, [
    { channel: "TV", spend: 100, roi: 2, lower: 1, upper: 3 },
    { channel: "GOOGLE", spend: 100, roi: 2, lower: 1, upper: 3 },
  ]);
  // the table's columns are the rows' keys: none about induced search
  assertEquals(Object.keys(rows[0]), ["channel", "spend", "roi", "lower", "upper"]);
  assertEquals(inducedSearchNote(rows), "");
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

Deno.test("recommendationSummary ends with the national model's sentence, named once", () => {
  const gate = { sentence: "Recommendations are withheld: R² 0.1." };
  assertEquals(recommendationSummary(["Strongest: tv.", "Reallocation: not recommended."], gate), [
    "Strongest: tv.",
    "Reallocation: not recommended.",
    "National model: Recommendations are withheld: R² 0.1.",
  ]);
  // a sentence that already opens with the model's name is not prefixed again
  assertEquals(recommendationSummary([], withheld), ["National model: the gate fails."]);
});

Deno.test("inducedSearchNote defines net ROI and says where it is n/a, with the share of replicates", () => {
  const fb = { channel: "fb", induced: 1.33, inducedLower: -2.96, netRoi: 2.51, netUndefinedShare: 0.25 };
  const snap = { channel: "snap", induced: 0.41, inducedLower: -1.09, netRoi: 1.27, netUndefinedShare: 0.03 };
  const google = { channel: "google", induced: 0, inducedLower: 0, netRoi: 3, netUndefinedShare: 0 };
  const note = inducedSearchNote([fb, snap, google], { ...PLAIN_SENTENCE_FORMAT, label: upper });
  assert(note.includes("Net ROI is the return per total dollar"), note);
  assert(note.includes("ROI / (1 + induced)"), note);
  // an induced-search interval below zero: net above gross is said to be expected, not an error
  assert(note.includes("its net ROI is above its gross ROI"), note);
  assert(
    note.includes(
      "Net ROI's interval is n/a for FB (25.0%) and SNAP (3.0%): in that share of the replicates a dollar of " +
        "the channel lowers search spend by a dollar or more (1 + induced ≤ 0)",
    ),
    note,
  );
  assert(!note.includes("GOOGLE"), note);
  // the point estimate itself undefined
  const point = inducedSearchNote([
    { channel: "fb", induced: -1.2, inducedLower: -1.5, netRoi: NaN, netUndefinedShare: 1 },
  ]);
  assert(point.includes("Net ROI and its interval are n/a for fb: at the point estimate"), point);
  assert(!point.includes("Net ROI's interval is n/a"), point);
  // every replicate defined, induced search positive throughout: no n/a and no net-above-gross words
  const clean = inducedSearchNote([{ channel: "fb", induced: 0.5, inducedLower: 0.4, netRoi: 2 }]);
  assert(!clean.includes("n/a") && !clean.includes("above its gross"), clean);
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
