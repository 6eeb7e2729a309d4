/**
 * Notebook 05's view of the geo model's inference: the reported covariance for the results JSON, the standard
 * errors under several covariance estimates, the coefficient tests, and the controls (table, chart relative
 * to the truth, or the sentence saying there are none).
 *
 * @module
 */
import { channelLabel } from "../data/labels.ts";
import type { CovType } from "../models/covariance.ts";
import type { GeoCoefficientTest, GeoControlRow, GeoPipelineResult } from "./geo_types.ts";
export { analyticTestName } from "./geo_coefficients.ts";

/** The reported covariance as notebook 05 publishes it (`results.inference`). */
export interface GeoInferenceResults {
  /** The reported covariance type. */
  readonly covType: CovType;
  /** Driscoll–Kraay's highest lag in weeks; null for other covariances. */
  readonly maxLags: number | null;
  /** Fewer than 30 geos: intervals are optimistic. */
  readonly fewGeos: boolean;
}

/**
 * The reported covariance, its lag window (null without one) and the few-geos flag.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const r = geoInferenceResults({ inference: { covType: "cluster", fewGeos: false, sentence: "" } });
 * assertClose(r, { covType: "cluster", maxLags: null, fewGeos: false }, 1e-9);
 * ```
 */
export function geoInferenceResults(geo: Pick<GeoPipelineResult, "inference">): GeoInferenceResults {
  return {
    covType: geo.inference.covType,
    maxLags: geo.inference.maxLags ?? null,
    fewGeos: geo.inference.fewGeos,
  };
}

/** A term's standard errors keyed by covariance type (`results.standardErrors`; columns of the SE table). */
export type GeoStandardErrorTableRow = {
  /** The media or control term. */
  readonly term: string;
  /** Its coefficient. */
  readonly coef: number;
  /** Reported standard error ÷ classical. */
  readonly ratio: number;
} & Readonly<Partial<Record<CovType, number>>>;

/**
 * One row per media and control term: coefficient, its standard error under each compared covariance type
 * (one column per type, in `standardErrors.covTypes` order) and the reported ÷ classical ratio.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const rows = geoStandardErrorRows({
 *   standardErrors: {
 *     covTypes: ["nonrobust", "cluster"],
 *     rows: [{ term: "tv_spend", coef: 2, se: { nonrobust: 0.5, cluster: 1 }, ratio: 2 }],
 *   },
 * });
 * assertClose(rows, [{ term: "tv_spend", coef: 2, nonrobust: 0.5, cluster: 1, ratio: 2 }], 1e-9);
 * ```
 */
export function geoStandardErrorRows(
  geo: Pick<GeoPipelineResult, "standardErrors">,
): GeoStandardErrorTableRow[] {
  const types = geo.standardErrors.covTypes;
  return geo.standardErrors.rows.map((r) => ({
    term: r.term,
    coef: r.coef,
    ...Object.fromEntries(types.map((t) => [t, r.se[t]])),
    ratio: r.ratio,
  }));
}

/** A coefficient test as the tests table shows it: the wild bootstrap's values NaN where it was not run. */
export interface GeoCoefficientTestRow {
  /** The media or control term. */
  readonly term: string;
  /** Its coefficient. */
  readonly estimate: number;
  /** Standard error under the reported covariance. */
  readonly se: number;
  /** Two-sided p-value of β = 0 (analytic). */
  readonly pValue: number;
  /** Lower end of the analytic 95% interval. */
  readonly lower: number;
  /** Upper end of the analytic 95% interval. */
  readonly upper: number;
  /** Wild cluster bootstrap p-value; NaN when not run. */
  readonly wildPValue: number;
  /** Lower end of the wild bootstrap interval (may be −∞); NaN when not run. */
  readonly wildLower: number;
  /** Upper end of the wild bootstrap interval (may be ∞); NaN when not run. */
  readonly wildUpper: number;
  /** Which test is reported. */
  readonly reported: GeoCoefficientTest["reported"];
}

/**
 * The coefficient tests for the table: analytic and wild cluster bootstrap columns, NaN (an empty-looking
 * "n/a" cell) where the wild bootstrap was not run.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const [row] = geoCoefficientTestRows([{ term: "tv_spend", estimate: 1, se: 0.5, pValue: 0.04, lower: 0.02,
 *   upper: 1.98, wildPValue: null, wildLower: null, wildUpper: null, reported: "analytic" }]);
 * assertClose(row.wildPValue, NaN, 0);
 * ```
 */
export function geoCoefficientTestRows(tests: readonly GeoCoefficientTest[]): GeoCoefficientTestRow[] {
  return tests.map((r) => ({
    term: r.term,
    estimate: r.estimate,
    se: r.se,
    pValue: r.pValue,
    lower: r.lower,
    upper: r.upper,
    wildPValue: r.wildPValue ?? NaN,
    wildLower: r.wildLower ?? NaN,
    wildUpper: r.wildUpper ?? NaN,
    reported: r.reported,
  }));
}

/** A control's estimate relative to its true value, for a chart on one scale (truth = 1). */
export interface GeoControlRelativeRow {
  /** The control's display name. */
  readonly label: string;
  /** Estimate ÷ truth. */
  readonly estimate: number;
  /** The lower end of the interval ÷ truth (the smaller of the two ends so divided). */
  readonly lower: number;
  /** The upper end ÷ truth (the larger). */
  readonly upper: number;
  /** Always 1: the truth on this scale. */
  readonly truth: number;
}

/** A control row for display: display name, and whether the interval covers the truth in words. */
export type GeoControlTableRow = Omit<GeoControlRow, "covered"> & {
  /** "yes", "no", or "n/a" without a truth. */
  readonly covered: "yes" | "no" | "n/a";
};

/** What notebook 05 shows about the controls. */
export interface GeoControlsView {
  /** "No control can be estimated …" when there is none, else null. */
  readonly sentence: string | null;
  /** Controls with a known truth, relative to it (empty without any): the chart's rows. */
  readonly relative: GeoControlRelativeRow[];
  /** Every control for the table (empty without any). */
  readonly rows: GeoControlTableRow[];
}

/**
 * The controls section: a sentence when no control could be estimated; otherwise the table's rows and, for
 * the controls with a known truth, their estimates and intervals divided by the truth (controls live on very
 * different scales, so one chart shows them relative to their true values; a negative truth flips the
 * interval's ends, hence min and max).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(geoControlsView([]).sentence, "No control can be estimated on this panel (see the notes above).", 1e-9);
 * ```
 */
export function geoControlsView(controls: readonly GeoControlRow[]): GeoControlsView {
  if (controls.length === 0) {
    return {
      sentence: "No control can be estimated on this panel (see the notes above).",
      relative: [],
      rows: [],
    };
  }
  const relative = controls.flatMap((c) =>
    c.truth === undefined ? [] : [{
      label: channelLabel(c.control),
      estimate: c.estimate / c.truth,
      lower: Math.min(c.lower / c.truth, c.upper / c.truth),
      upper: Math.max(c.lower / c.truth, c.upper / c.truth),
      truth: 1,
    }]
  );
  const rows = controls.map((c) => ({
    ...c,
    control: channelLabel(c.control),
    covered: c.covered === undefined ? "n/a" as const : c.covered ? "yes" as const : "no" as const,
  }));
  return { sentence: null, relative, rows };
}
