/**
 * The geo model's coefficient reporting: which tests are run and reported for the number of geos, the standard
 * errors under several covariances, the controls' intervals, and the sentences in each branch.
 */
import { assert, assertEquals } from "../assert.ts";
import {
  coefficientTestsSentence,
  type GeoCoefficientTests,
  geoControlRows,
  geoStandardErrors,
  standardErrorSentence,
} from "../../lib/pipeline/geo_coefficients.ts";
import { geoPipeline } from "../../lib/pipeline/geo.ts";
import type { GeoBootstrap } from "../../lib/evaluate/geo_bootstrap.ts";
import type {
  GeoIdentification,
  GeoInferencePlan,
  GeoStandardErrorRow,
} from "../../lib/pipeline/geo_types.ts";
import { panel } from "./_geo_panel.ts";

const FAST = { seed: 3, draws: 200, replicates: 19, thetaGrid: [0, 0.5], scaleMultiples: [1, 2] } as const;
const CLUSTER: GeoInferencePlan = { covType: "cluster", fewGeos: true, sentence: "" };
const tests = (runWild: boolean, reportWild: boolean): GeoCoefficientTests => ({
  tests: [],
  runWild,
  reportWild,
  analyticName: "cluster-robust",
});

Deno.test("coefficientTestsSentence: the wild bootstrap reported below 30 geos, a check when asked, else none", () => {
  const few = coefficientTestsSentence(8, CLUSTER, tests(true, true), undefined);
  assert(few.startsWith("With 8 geos (fewer than 30), cluster-robust t-tests over-reject"), few);
  assert(few.includes("Webb's six-point weights (9,999 replicates)"), few);
  assert(coefficientTestsSentence(20, CLUSTER, tests(true, true), undefined).includes("Rademacher weights"));
  assertEquals(
    coefficientTestsSentence(40, CLUSTER, tests(true, false), undefined),
    "With 40 geos, cluster-robust tests are reliable enough and are reported; the wild cluster bootstrap " +
      "(WCR, by geo) is shown beside them as a check.",
  );
  const many = coefficientTestsSentence(40, CLUSTER, tests(false, false), undefined);
  assert(many.startsWith("With 40 geos (at least 30), the cluster-robust tests are reported"), many);
  assert(many.endsWith('(it is available with `wildBootstrap: "always"`).'), many);
});

Deno.test("standardErrorSentence names the terms whose reported error is below the classical one", () => {
  const rows: GeoStandardErrorRow[] = [
    { term: "tv_spend", coef: 1, se: {}, ratio: 0.8 },
    { term: "search_spend", coef: 1, se: {}, ratio: 1.3 },
  ];
  assertEquals(
    standardErrorSentence(rows, "Driscoll–Kraay"),
    "For tv_spend the Driscoll–Kraay error is smaller than the classical one, which can happen by chance; the " +
      "analytic intervals use the Driscoll–Kraay errors throughout.",
  );
  assertEquals(
    standardErrorSentence(rows.slice(1), "cluster-robust"),
    "The cluster-robust errors are at least as large as the classical ones for every media and control term.",
  );
});

Deno.test("coefficient tests, standard errors and control intervals follow the reported inference", async () => {
  const ds = panel({ geos: 6, weeks: 104 });
  const geo = await geoPipeline(ds, { ...FAST, wildBootstrap: "never" });
  const fit = geo.model.fit;
  const terms = [...geo.identification.channels, ...geo.identification.controls];
  assertEquals(geo.coefficientTests.map((t) => t.term), terms);
  for (const t of geo.coefficientTests) {
    const j = fit.terms.indexOf(t.term);
    assertEquals([t.estimate, t.se, t.pValue], [fit.coef[j], fit.bse[j], fit.pvalues[j]]);
    assert(t.lower <= t.estimate && t.estimate <= t.upper);
    assertEquals([t.wildPValue, t.wildLower, t.wildUpper, t.reported], [null, null, null, "analytic"]);
  }
  // classical, HC1 and the reported covariance, each once; no seasonal terms; ratio = reported ÷ classical
  const se = geoStandardErrors(fit, geo.inference);
  assertEquals(se.covTypes, ["nonrobust", "HC1", geo.inference.covType]);
  assertEquals(se.rows.map((r) => r.term), fit.terms.filter((t) => !t.startsWith("month_")));
  for (const r of se.rows) {
    assertEquals(r.se[geo.inference.covType], fit.bse[fit.terms.indexOf(r.term)]);
    assertEquals(r.ratio, r.se[geo.inference.covType] / r.se.nonrobust);
  }
  // with a bootstrap the controls' intervals are the bootstrap's, and the verdict reads them
  for (const c of geo.controls) {
    assertEquals(c.inference, "bootstrap");
    assertEquals(
      c.verdict,
      c.lower > 0 ? "positive" : c.upper < 0 ? "negative" : "not distinguishable from zero",
    );
  }
  // without one, the reported test's: the wild cluster bootstrap below 30 geos
  const fixed = await geoPipeline(ds, { ...FAST, intervals: "fixed-transforms" });
  for (const c of fixed.controls) {
    const t = fixed.coefficientTests.find((x) => x.term === c.control)!;
    assertEquals(t.reported, "wild cluster bootstrap");
    assertEquals([c.inference, c.lower, c.upper], ["wild cluster bootstrap", t.wildLower, t.wildUpper]);
  }
});

// One control whose reported wild cluster bootstrap interval spans zero, and a geo bootstrap whose replicates
// (19 of them, all in [0.2, 0.4]) give a positive interval: the two disagree, as on a 5-geo panel.
const ONE_CONTROL = { controls: ["competitor"] } as unknown as GeoIdentification;
const controlTests = (reportWild: boolean): GeoCoefficientTests => ({
  tests: [{
    term: "competitor",
    estimate: 0.3,
    se: 0.05,
    pValue: 0.001,
    lower: 0.2,
    upper: 0.4,
    wildPValue: reportWild ? 0.3 : null,
    wildLower: reportWild ? -0.3 : null,
    wildUpper: reportWild ? 1.2 : null,
    reported: reportWild ? "wild cluster bootstrap" : "analytic",
  }],
  runWild: reportWild,
  reportWild,
  analyticName: "Driscoll–Kraay",
});
const POSITIVE_BOOTSTRAP = {
  scheme: "week-block",
  terms: ["competitor"],
  replicates: 19,
  slopes: Float64Array.from({ length: 19 }, (_, b) => 0.2 + (0.2 * b) / 18),
  widening: 1,
  crossSection: { statistic: 0.5, pValue: 0.6, meanCorrelation: 0.01 },
} as unknown as GeoBootstrap;

Deno.test("geoControlRows: with the wild cluster bootstrap reported, a control's sign is that test's", () => {
  const [row] = geoControlRows(ONE_CONTROL, controlTests(true), POSITIVE_BOOTSTRAP, undefined);
  // the reported interval [−0.3, 1.2] holds zero, whatever the geo bootstrap says
  assertEquals([row.inference, row.lower, row.upper], ["wild cluster bootstrap", -0.3, 1.2]);
  assertEquals(row.verdict, "not distinguishable from zero");
  // with analytic tests reported, the geo bootstrap's interval (all replicates positive) and its verdict
  const [analytic] = geoControlRows(ONE_CONTROL, controlTests(false), POSITIVE_BOOTSTRAP, undefined);
  assertEquals([analytic.inference, analytic.verdict], ["bootstrap", "positive"]);
});

Deno.test("coefficientTestsSentence says where the controls' signs come from, as geoControlRows does", () => {
  const wild = coefficientTestsSentence(5, CLUSTER, tests(true, true), POSITIVE_BOOTSTRAP);
  assert(wild.includes("controls' intervals and signs below are these wild cluster bootstrap"), wild);
  assert(!wild.includes("controls' intervals below come from the bootstrap"), wild);
  const many = coefficientTestsSentence(40, CLUSTER, tests(false, false), POSITIVE_BOOTSTRAP);
  assert(many.includes("controls' intervals and signs below come from the bootstrap"), many);
  assert(many.includes("can differ from the tests above"), many);
});
