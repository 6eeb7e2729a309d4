/**
 * Notebook 06's view of the diagnostics ({@link diagnostics}): what its cells show, computed and worded here so
 * the notebook only lays it out.
 *
 * - {@link levelPercent}: the tests' level as readers read it ("5%"), for labels and sentences.
 * - {@link residualTestRows}: the residual-test table's rows, "yes"/"no" for rejected.
 * - {@link noNationalModelSentence}, {@link withinGeoAutocorrelationSentence}, {@link singleStageSensitivityNote}:
 *   sentences with a branch.
 * - {@link nationalResidualView}, {@link geoResidualView}: the residual plots' series (ACF, PACF, normal
 *   quantiles, residual spread by geo).
 * - {@link diagnosticsSummary}: the closing summary's rejected tests and gate reasons.
 *
 * The out-of-sample record (diagnostics_view_record.ts), holdout (diagnostics_view_holdout.ts), stability
 * (diagnostics_view_stability.ts), carryover sensitivity (diagnostics_view_sensitivity.ts) and the
 * recovery-study coverage (diagnostics_view_coverage.ts) are re-exported from here.
 *
 * @module
 */
import { acf, type CorrelogramResult, pacf, type PacfResult } from "../evaluate/autocorrelation.ts";
import type { DiagnosticRow } from "../evaluate/diagnostic_report.ts";
import type { RejectionShareVerdict } from "../evaluate/verdicts.ts";
import { groupMeans } from "../stats/describe.ts";
import { type QqPoints, qqPoints, thinQq } from "../stats/qq.ts";
import type { NationalResults } from "./national_types.ts";

export * from "./diagnostics_view_record.ts";
export * from "./diagnostics_view_holdout.ts";
export * from "./diagnostics_view_stability.ts";
export * from "./diagnostics_view_sensitivity.ts";
export * from "./diagnostics_view_coverage.ts";

/**
 * A test level as a percentage in words, without trailing zeros: 0.05 → "5%", 0.1 → "10%", 0.025 → "2.5%".
 *
 * @param level the test level, in (0, 1)
 * @throws RangeError outside (0, 1)
 * @example
 * levelPercent(0.05); // "5%"
 */
export function levelPercent(level: number): string {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  return `${Number((level * 100).toPrecision(12))}%`;
}

/** A residual-test row as the table shows it: `rejected` in words. */
export type ResidualTestTableRow = Omit<DiagnosticRow, "rejected"> & { readonly rejected: "yes" | "no" };

/**
 * The residual-test table's rows: each test as it is, with `rejected` as "yes" or "no".
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const row = { test: "Jarque-Bera", statistic: 9, pValue: 0.01, nullHypothesis: "normal", rejected: true, meaning: "" };
 * assertClose(residualTestRows([row])[0].rejected, "yes", 0);
 * ```
 */
export function residualTestRows(rows: readonly DiagnosticRow[]): ResidualTestTableRow[] {
  return rows.map((r) => ({ ...r, rejected: r.rejected ? "yes" : "no" }));
}

/**
 * Why no national model was fitted, from the pipeline's skipped sections (each reason as the pipeline gives it).
 *
 * @param skipped `national.skipped`
 * @example
 * noNationalModelSentence([{ reason: "The file has 20 weeks." }]); // "No national model was fitted: The file has 20 weeks."
 */
export function noNationalModelSentence(skipped: readonly { readonly reason: string }[]): string {
  return `No national model was fitted: ${skipped.map((s) => s.reason).join(" ")}`;
}

/**
 * The within-geo Ljung-Box result in words: the rejection-share verdict, then, when more geos reject than
 * chance gives, that the residuals are autocorrelated and how the reported errors allow for it; otherwise
 * that there is little evidence of autocorrelation.
 *
 * @param lags the Ljung-Box lag tested in each geo
 * @param verdict the rejection-share verdict over the geos
 * @param inference how the geo model's errors allow for autocorrelation (`geo.inference.sentence`)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const s = withinGeoAutocorrelationSentence(4, { sentence: "2 of 40 reject.", moreThanChance: false }, "");
 * assertClose(s, "Within geos, Ljung-Box at lag 4: 2 of 40 reject. There is little evidence of autocorrelation within geos.", 0);
 * ```
 */
export function withinGeoAutocorrelationSentence(
  lags: number,
  verdict: Pick<RejectionShareVerdict, "sentence" | "moreThanChance">,
  inference: string,
): string {
  return `Within geos, Ljung-Box at lag ${lags}: ${verdict.sentence} ${
    verdict.moreThanChance
      ? `Residuals are autocorrelated within geos; ${inference}`
      : "There is little evidence of autocorrelation within geos."
  }`;
}

/**
 * Why the national ROI sensitivity is missing for the single-stage model, or null when there is nothing to say
 * (the two-stage model has it; without a national model the residual section already says why).
 *
 * @param national the national result's model kind and outcome
 * @example
 * singleStageSensitivityNote({ twoStage: null, outcome: null }); // null
 */
export function singleStageSensitivityNote(
  national: { readonly twoStage: unknown; readonly outcome: unknown },
): string | null {
  return !national.twoStage && national.outcome
    ? "The single-stage national model's ROI sensitivity is not computed here; its carryover profile " +
      "\nis in notebook 04."
    : null;
}

/** The national residual plots' series. */
export interface NationalResidualView {
  /** Date of each fit row (ISO), in time order. */
  readonly dates: readonly string[];
  /** Residual of each fit row. */
  readonly residuals: Float64Array;
  /** Fitted value of each fit row. */
  readonly fitted: Float64Array;
  /** Autocorrelations up to `min(acfLags, rows − 2)`. */
  readonly acf: CorrelogramResult;
  /** Partial autocorrelations up to `min(acfLags, ⌊rows / 2⌋ − 1)` (the Yule–Walker limit). */
  readonly pacf: PacfResult;
  /** Normal quantile pairs of the residuals, thinned to at most `qqPoints`. */
  readonly qq: QqPoints;
}

/**
 * The series of the national residual plots: residuals and fitted values of the outcome regression on its fit
 * rows with their dates, the ACF and PACF (lags capped by what the rows allow) and the normal QQ points.
 *
 * @param outcome the outcome regression (`national.outcome`): its OLS residuals and fitted values, fit rows
 * @param dates the weekly dataset's dates (every week)
 * @param options ACF/PACF lags and the most QQ points shown
 * @example
 * ```ts
 * const ols = { residuals: new Float64Array([1, -1, 2, -2, 0, 1, -1, 0]), fitted: new Float64Array(8) };
 * const dates = ["a", "b", "c", "d", "e", "f", "g", "h"];
 * const v = nationalResidualView({ ols, rows: Int32Array.from(dates.keys()) }, dates, { acfLags: 20, qqPoints: 400 });
 * v.acf.values.length; // 7: lags 0 to 6
 * ```
 */
export function nationalResidualView(
  outcome: {
    readonly ols: { readonly residuals: Float64Array; readonly fitted: Float64Array };
    readonly rows: Int32Array;
  },
  dates: readonly string[],
  options: { readonly acfLags: number; readonly qqPoints: number },
): NationalResidualView {
  const residuals = outcome.ols.residuals;
  const n = residuals.length;
  return {
    dates: Array.from(outcome.rows, (i) => dates[i]),
    residuals,
    fitted: outcome.ols.fitted,
    acf: acf(residuals, Math.min(options.acfLags, n - 2)),
    pacf: pacf(residuals, Math.min(options.acfLags, Math.floor(n / 2) - 1)),
    qq: thinQq(qqPoints(residuals), options.qqPoints),
  };
}

/** The geo residual plots' series. */
export interface GeoResidualView {
  /** Residual standard deviation per geo (root mean squared residual), largest first. */
  readonly sdByGeo: readonly { readonly geo: string; readonly sd: number }[];
  /** Normal quantile pairs of the pooled residuals, thinned to at most `qqPoints`. */
  readonly qq: QqPoints;
  /** Quantiles shown: `min(qqPoints, rows)`. */
  readonly qqShown: number;
  /** Residuals in the panel. */
  readonly rows: number;
}

/**
 * The geo residual plots' series: each geo's residual standard deviation `√(mean r²)` (largest first, ties in
 * first-seen order) and the pooled residuals' normal QQ points.
 *
 * @param residuals the panel fit's residuals, one per row
 * @param geos each row's geo
 * @param maxQq most QQ points shown
 * @example
 * geoResidualView(new Float64Array([1, -1, 3, -3]), ["a", "a", "b", "b"], 400).sdByGeo; // [{ geo: "b", sd: 3 }, { geo: "a", sd: 1 }]
 */
export function geoResidualView(
  residuals: Float64Array,
  geos: readonly string[],
  maxQq: number,
): GeoResidualView {
  const sdByGeo = groupMeans(residuals.map((r) => r * r), geos)
    .map((g) => ({ geo: String(g.key), sd: Math.sqrt(g.mean) }))
    .sort((a, b) => b.sd - a.sd);
  return {
    sdByGeo,
    qq: thinQq(qqPoints(residuals), maxQq),
    qqShown: Math.min(maxQq, residuals.length),
    rows: residuals.length,
  };
}

/** The closing summary of notebook 06. */
export interface DiagnosticsSummary {
  /** One line per rejected residual test: `<model>: <test> rejects (<meaning>)`, national first. */
  readonly verdicts: readonly string[];
  /**
   * The verdicts as markdown: a bullet list (each line starting "\n- "), or "No residual test rejects at
   * <level>." when none does.
   */
  readonly testsText: string;
  /** The national evidence gate's reason; without cross-validation the reason it was skipped. */
  readonly nationalGate: string;
}

/**
 * The summary of notebook 06: the residual tests that reject, and the national gate's reason (the geo gate's
 * reason and rule are the geo result's own).
 *
 * @param nationalTests the national residual tests
 * @param geoTests the pooled geo residual tests
 * @param national the national result's cross-validation (its gate) and skipped sections
 * @param level the tests' level
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const s = diagnosticsSummary([], [], { outcome: null, skipped: [] }, 0.05);
 * assertClose(s.testsText, "No residual test rejects at 5%.", 0);
 * ```
 */
export function diagnosticsSummary(
  nationalTests: readonly DiagnosticRow[],
  geoTests: readonly DiagnosticRow[],
  national: Pick<NationalResults, "skipped"> & {
    readonly outcome:
      | { readonly crossValidation: { readonly gate: { readonly reason: string } } | null }
      | null;
  },
  level: number,
): DiagnosticsSummary {
  const verdicts = [
    ...nationalTests.filter((r) => r.rejected).map((r) => `national: ${r.test} rejects (${r.meaning})`),
    ...geoTests.filter((r) => r.rejected).map((r) => `geo: ${r.test} rejects (${r.meaning})`),
  ];
  const cv = national.outcome?.crossValidation ?? null;
  const nationalGate = cv
    ? cv.gate.reason
    : national.skipped.find((s) => s.section === "cross-validation")?.reason ??
      "It was not cross-validated, so it has no out-of-sample evidence.";
  return {
    verdicts,
    testsText: verdicts.length === 0
      ? `No residual test rejects at ${levelPercent(level)}.`
      : verdicts.map((v) => `\n- ${v}`).join(""),
    nationalGate,
  };
}
