/** Notebook 06's view helpers (lib/pipeline/diagnostics_view.ts) on small constructed inputs, every branch. */
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";
import {
  diagnosticsSummary,
  geoResidualView,
  levelPercent,
  nationalResidualView,
  noNationalModelSentence,
  residualTestRows,
  singleStageSensitivityNote,
  withinGeoAutocorrelationSentence,
} from "../../lib/pipeline/diagnostics_view.ts";
import type { DiagnosticRow } from "../../lib/evaluate/diagnostic_report.ts";

const test = (name: string, rejected: boolean, meaning = `${name} meaning`): DiagnosticRow => ({
  test: name,
  statistic: 1,
  pValue: rejected ? 0.01 : 0.5,
  nullHypothesis: "h0",
  rejected,
  meaning,
});

Deno.test("levelPercent reads a level as a percentage without trailing zeros, and refuses one outside (0, 1)", () => {
  assertEquals(levelPercent(0.05), "5%");
  assertEquals(levelPercent(0.1), "10%");
  assertEquals(levelPercent(0.01), "1%");
  assertEquals(levelPercent(0.025), "2.5%");
  assertThrows(() => levelPercent(0), RangeError);
  assertThrows(() => levelPercent(5), RangeError);
});

Deno.test("residualTestRows says yes or no for rejected and keeps every other field and the column order", () => {
  const rows = residualTestRows([test("A", true), test("B", false)]);
  assertEquals(rows.map((r) => r.rejected), ["yes", "no"]);
  assertEquals(Object.keys(rows[0]), [
    "test",
    "statistic",
    "pValue",
    "nullHypothesis",
    "rejected",
    "meaning",
  ]);
  assertEquals(rows[1].meaning, "B meaning");
});

Deno.test("noNationalModelSentence joins the skipped sections' reasons", () => {
  assertEquals(
    noNationalModelSentence([{ reason: "Too few weeks." }, { reason: "No channel." }]),
    "No national model was fitted: Too few weeks. No channel.",
  );
});

Deno.test("withinGeoAutocorrelationSentence: autocorrelated within geos, or little evidence of it", () => {
  const more = withinGeoAutocorrelationSentence(
    4,
    { sentence: "30 of 40 reject.", moreThanChance: true },
    "errors are Driscoll–Kraay.",
  );
  assertEquals(
    more,
    "Within geos, Ljung-Box at lag 4: 30 of 40 reject. Residuals are autocorrelated within geos; errors are " +
      "Driscoll–Kraay.",
  );
  const chance = withinGeoAutocorrelationSentence(
    6,
    { sentence: "2 of 40 reject.", moreThanChance: false },
    "x",
  );
  assertEquals(
    chance,
    "Within geos, Ljung-Box at lag 6: 2 of 40 reject. There is little evidence of autocorrelation within geos.",
  );
});

Deno.test("singleStageSensitivityNote: only for a single-stage model", () => {
  assert(
    singleStageSensitivityNote({ twoStage: null, outcome: {} })!.startsWith("The single-stage national"),
  );
  assertEquals(singleStageSensitivityNote({ twoStage: {}, outcome: {} }), null);
  assertEquals(singleStageSensitivityNote({ twoStage: null, outcome: null }), null);
});

Deno.test("nationalResidualView: dates of the fit rows, ACF and PACF lags capped by the rows, QQ thinned", () => {
  const n = 12;
  const residuals = Float64Array.from({ length: n }, (_, i) => Math.sin(i) + (i % 3) - 1);
  const fitted = Float64Array.from({ length: n }, (_, i) => 100 + i);
  const rows = Int32Array.from({ length: n }, (_, i) => i + 2); // the first two weeks left out
  const dates = Array.from({ length: n + 2 }, (_, i) => `w${i}`);
  const v = nationalResidualView({ ols: { residuals, fitted }, rows }, dates, { acfLags: 20, qqPoints: 5 });
  assertEquals(v.dates[0], "w2");
  assertEquals(v.dates.length, n);
  assertEquals(v.acf.values.length, n - 2 + 1); // lags 0 … n − 2
  assertEquals(v.pacf.values.length, n / 2 - 1 + 1); // lags 0 … ⌊n/2⌋ − 1
  assert(v.qq.ordered.length <= 5);
  assertEquals(v.fitted, fitted);
  const few = nationalResidualView({ ols: { residuals, fitted }, rows }, dates, {
    acfLags: 3,
    qqPoints: 400,
  });
  assertEquals(few.acf.values.length, 4);
  assertEquals(few.pacf.values.length, 4);
  assertEquals(few.qq.ordered.length, n);
});

Deno.test("geoResidualView: root mean squared residual per geo, largest first; quantiles shown of all", () => {
  const v = geoResidualView(Float64Array.of(1, -1, 3, -3, 0, 2), ["a", "a", "b", "b", "c", "c"], 4);
  assertEquals(v.sdByGeo.map((r) => r.geo), ["b", "c", "a"]);
  assertAlmostEquals(v.sdByGeo[0].sd, 3, 1e-12);
  assertAlmostEquals(v.sdByGeo[1].sd, Math.sqrt(2), 1e-12);
  assertEquals([v.qqShown, v.rows], [4, 6]);
  assertEquals(geoResidualView(Float64Array.of(1, 2), ["a", "a"], 400).qqShown, 2);
});

Deno.test("diagnosticsSummary: no rejection at the level, or one line per rejecting test, national first", () => {
  const cv = { outcome: { crossValidation: { gate: { reason: "Passes: R² 0.4." } } }, skipped: [] };
  const none = diagnosticsSummary([test("A", false)], [test("B", false)], cv, 0.1);
  assertEquals(none.testsText, "No residual test rejects at 10%.");
  assertEquals(none.verdicts, []);
  assertEquals(none.nationalGate, "Passes: R² 0.4.");
  const some = diagnosticsSummary(
    [test("LB", true, "autocorrelated")],
    [test("JB", true, "non-normal")],
    cv,
    0.05,
  );
  assertEquals(some.verdicts, ["national: LB rejects (autocorrelated)", "geo: JB rejects (non-normal)"]);
  assertEquals(some.testsText, "\n- national: LB rejects (autocorrelated)\n- geo: JB rejects (non-normal)");
});

Deno.test("diagnosticsSummary: without cross-validation the skipped reason, else the default one (the notebook names the model, so no prefix)", () => {
  const skipped = diagnosticsSummary([], [], {
    outcome: { crossValidation: null },
    skipped: [{ section: "cross-validation", reason: "Only 40 weeks." }],
  }, 0.05);
  assertEquals(skipped.nationalGate, "Only 40 weeks.");
  const none = diagnosticsSummary([], [], { outcome: null, skipped: [] }, 0.05);
  assertEquals(
    none.nationalGate,
    "It was not cross-validated, so it has no out-of-sample evidence.",
  );
});
