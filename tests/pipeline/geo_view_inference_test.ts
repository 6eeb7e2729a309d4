/** Notebook 05's inference view: covariance results, SE and test rows, and the controls in each case. */
import { assertEquals } from "../assert.ts";
import {
  analyticTestName,
  geoCoefficientTestRows,
  geoControlsView,
  geoInferenceResults,
  geoStandardErrorRows,
} from "../../lib/pipeline/geo_view_inference.ts";
import type { GeoControlRow } from "../../lib/pipeline/geo_types.ts";

Deno.test("geoInferenceResults: Driscoll–Kraay keeps its lags, clustering has none (null)", () => {
  assertEquals(
    geoInferenceResults({
      inference: { covType: "driscoll-kraay", maxLags: 3, fewGeos: true, sentence: "s" },
    }),
    { covType: "driscoll-kraay", maxLags: 3, fewGeos: true },
  );
  assertEquals(
    geoInferenceResults({ inference: { covType: "cluster", fewGeos: false, sentence: "s" } }),
    { covType: "cluster", maxLags: null, fewGeos: false },
  );
});

Deno.test("analyticTestName: cluster-robust for clustering, Driscoll–Kraay otherwise", () => {
  assertEquals(analyticTestName("cluster"), "cluster-robust");
  assertEquals(analyticTestName("driscoll-kraay"), "Driscoll–Kraay");
});

Deno.test("geoStandardErrorRows: one column per compared covariance type, in their order", () => {
  const rows = geoStandardErrorRows({
    standardErrors: {
      covTypes: ["nonrobust", "HC1", "driscoll-kraay"],
      rows: [{
        term: "tv_spend",
        coef: 2,
        se: { nonrobust: 0.5, HC1: 0.6, "driscoll-kraay": 1.5 },
        ratio: 3,
      }],
    },
  });
  assertEquals(rows, [{
    term: "tv_spend",
    coef: 2,
    nonrobust: 0.5,
    HC1: 0.6,
    "driscoll-kraay": 1.5,
    ratio: 3,
  }]);
  assertEquals(Object.keys(rows[0]), ["term", "coef", "nonrobust", "HC1", "driscoll-kraay", "ratio"]);
});

Deno.test("geoCoefficientTestRows: wild bootstrap values kept when run (±∞ too), NaN when not", () => {
  const base = { term: "tv_spend", estimate: 1, se: 0.5, pValue: 0.04, lower: 0.02, upper: 1.98 };
  const [run, notRun] = geoCoefficientTestRows([
    { ...base, wildPValue: 0.2, wildLower: -Infinity, wildUpper: 3, reported: "wild cluster bootstrap" },
    { ...base, wildPValue: null, wildLower: null, wildUpper: null, reported: "analytic" },
  ]);
  assertEquals([run.wildPValue, run.wildLower, run.wildUpper, run.reported], [
    0.2,
    -Infinity,
    3,
    "wild cluster bootstrap",
  ]);
  assertEquals([notRun.wildPValue, notRun.wildLower, notRun.wildUpper], [NaN, NaN, NaN]);
});

Deno.test("geoControlsView: a sentence without controls; rows, and a chart relative to the truth where known", () => {
  assertEquals(geoControlsView([]), {
    sentence: "No control can be estimated on this panel (see the notes above).",
    relative: [],
    rows: [],
  });
  const controls: GeoControlRow[] = [
    // a negative truth flips the interval's ends when divided
    {
      control: "competitor_sales_control",
      estimate: -30,
      lower: -50,
      upper: -10,
      verdict: "negative",
      inference: "cluster-robust",
      truth: -40,
      covered: true,
    },
    {
      control: "population",
      estimate: 2,
      lower: 1,
      upper: 3,
      verdict: "positive",
      inference: "bootstrap",
      truth: 4,
      covered: false,
    },
    {
      control: "sentiment",
      estimate: 5,
      lower: -1,
      upper: 9,
      verdict: "not distinguishable from zero",
      inference: "bootstrap",
    },
  ];
  const v = geoControlsView(controls);
  assertEquals(v.sentence, null);
  assertEquals(v.relative, [
    { label: "Competitor sales", estimate: 0.75, lower: 0.25, upper: 1.25, truth: 1 },
    { label: "Population", estimate: 0.5, lower: 0.25, upper: 0.75, truth: 1 },
  ]);
  assertEquals(v.rows.map((r) => [r.control, r.covered]), [
    ["Competitor sales", "yes"],
    ["Population", "no"],
    [
      "Sentiment",
      "n/a",
    ],
  ]);
  // without a truth the row has no truth column, and its coverage comes last
  assertEquals(Object.keys(v.rows[2]), [
    "control",
    "estimate",
    "lower",
    "upper",
    "verdict",
    "inference",
    "covered",
  ]);
});
