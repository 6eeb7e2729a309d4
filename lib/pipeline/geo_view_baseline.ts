/**
 * Notebook 05's reference section: the geo design's own fixed specification (`geoBaseline`), as stated and
 * per capita where the panel allows it, beside the model chosen by cross-validation; its coefficients with
 * three standard errors; and the sentences about them.
 *
 * @module
 */
import { channelLabel } from "../data/labels.ts";
import { perCapitaProblem } from "../data/per_capita.ts";
import type { Dataset } from "../data/types.ts";
import { geoBaseline, type GeoBaselineCoefficient, type GeoBaselineResult } from "./geo_baseline.ts";
import type { GeoRoiRow } from "./geo_types.ts";

/** The design's specification fitted as stated and, where the panel has a positive population, per capita. */
export interface GeoBaselines {
  /** The specification as stated (`geoBaseline(ds)`). */
  readonly baseline: GeoBaselineResult;
  /** Per capita (`geoBaseline(ds, { perCapita: true })`); undefined when the panel cannot be divided. */
  readonly perCapita?: GeoBaselineResult;
  /** Why there is no per-capita fit (`perCapitaProblem`); undefined when there is one. */
  readonly perCapitaProblem?: string;
  /** Geo dummies of the specification (geos − 1), which its coefficient table leaves out. */
  readonly dummies: number;
}

/**
 * Fits the design's specification on the panel as loaded, and per capita unless `perCapitaProblem` finds a
 * population missing or not positive.
 *
 * @param ds the geo panel as loaded (not the pipeline's modelled copy: the design fixes its own columns)
 * @example
 * ```ts ignore
 * const b = geoBaselines(loadDataset("data/mmm_geo.csv", { kind: "geo" }));
 * b.baseline.rsquared; b.perCapita?.rsquared;
 * ```
 */
export function geoBaselines(ds: Dataset): GeoBaselines {
  const baseline = geoBaseline(ds);
  const problem = perCapitaProblem(ds);
  const dummies = baseline.geos - 1;
  return problem === undefined
    ? { baseline, perCapita: geoBaseline(ds, { perCapita: true }), dummies }
    : { baseline, perCapitaProblem: problem, dummies };
}

/** A baseline fit without its `fit` object, as the results JSON holds it. */
export type GeoBaselineJson = Omit<GeoBaselineResult, "fit">;

/** The two baselines as notebook 05 publishes them (`results.baseline`, `results.baselinePerCapita`). */
export interface GeoBaselineResults {
  /** The specification as stated, without its fit object. */
  readonly baseline: GeoBaselineJson;
  /** Per capita, without its fit object, or why it is unavailable. */
  readonly baselinePerCapita: GeoBaselineJson | { readonly unavailable: string | undefined };
}

/**
 * The baselines for the results JSON: each without its fit object; the per-capita one replaced by
 * `{ unavailable: reason }` when it could not be fitted.
 *
 * @example
 * ```ts ignore
 * const r = geoBaselineResults(geoBaselines(ds));
 * r.baselinePerCapita; // { unavailable: "per-capita modelling needs a population column; the data have none" }
 * ```
 */
export function geoBaselineResults(b: GeoBaselines): GeoBaselineResults {
  return {
    baseline: withoutFit(b.baseline),
    baselinePerCapita: b.perCapita ? withoutFit(b.perCapita) : { unavailable: b.perCapitaProblem },
  };
}

function withoutFit(b: GeoBaselineResult): GeoBaselineJson {
  const { fit: _fit, ...json } = b;
  return json;
}

/** How the comparison table writes its numbers (the notebook passes `fmt` and the target's formats). */
export interface BaselineComparisonFormat {
  /** A number with `digits` decimals (`fmt.num`). */
  readonly num: (x: number, digits?: number) => string;
  /** A count (`fmt.count`). */
  readonly count: (x: number) => string;
  /** A return per unit of spend (`fmt.target(...).ratio`). */
  readonly ratio: (x: number) => string;
  /** What a return is measured in, e.g. "sales per dollar" (`fmt.target(...).perDollarLabel`). */
  readonly perDollarLabel: string;
}

/** A row of the comparison table: one quantity under each fit, as text (`results.baselineComparison`). */
export interface BaselineComparisonRow {
  /** Empty for the fit statistics, the true ROI (or "n/a") for ROI rows; present only with a truth. */
  readonly truth?: string;
  /** What is compared, e.g. "R²" or "ROI, TV (sales per dollar)". */
  readonly quantity: string;
  /** Under the design's specification as stated. */
  readonly baseline: string;
  /** Under it per capita ("n/a" for a statistic without the per-capita fit). */
  readonly perCapita: string;
  /** Under the model chosen by cross-validation. */
  readonly chosen: string;
}

/** The fit statistics of the chosen model the comparison reads. */
export interface ChosenFitStats {
  /** The chosen fixed-effects model's fit: its LSDV statistics and number of rows. */
  readonly model: {
    /** The fit. */
    readonly fit: {
      /** R², adjusted R² and the classical F of the regression with geo dummies. */
      readonly stats: {
        readonly rsquared: number;
        readonly rsquaredAdj: number;
        readonly lsdvFvalue: number;
      };
      /** Rows fitted. */
      readonly nobs: number;
    };
  };
  /** ROI per channel of the chosen model, with the truth where known. */
  readonly roi: readonly Pick<GeoRoiRow, "channel" | "roi" | "trueRoi">[];
}

/** The baseline fields the comparison reads. */
export type BaselineStats = Pick<GeoBaselineResult, "rsquared" | "rsquaredAdj" | "fvalue" | "n"> & {
  /** ROI per channel of the baseline fit. */
  readonly roi: readonly { readonly channel: string; readonly roi: number }[];
};

/**
 * R², adjusted R², the classical F and the rows of the design's specification (as stated and per capita)
 * beside the chosen model's, then each chosen channel's ROI under the three (NaN, written by `format.ratio`,
 * where a fit lacks the channel). With a truth, a `truth` column: empty for the statistics, the true ROI or
 * "n/a" for each channel.
 *
 * @param hasTruth whether a ground truth was given
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const format = { num: (x: number, d = 0) => x.toFixed(d), count: String, ratio: (x: number) => x.toFixed(1), perDollarLabel: "sales per dollar" };
 * const base = { rsquared: 0.9, rsquaredAdj: 0.8, fvalue: 12, n: 10, roi: [{ channel: "tv_spend", roi: 1.5 }] };
 * const chosen = { model: { fit: { stats: { rsquared: 0.95, rsquaredAdj: 0.9, lsdvFvalue: 20 }, nobs: 10 } }, roi: [{ channel: "tv_spend", roi: 2 }] };
 * const rows = baselineComparisonRows(chosen, { baseline: base }, format, false);
 * assertClose(rows[4], { quantity: "ROI, TV (sales per dollar)", baseline: "1.5", perCapita: "NaN", chosen: "2.0" }, 1e-9);
 * ```
 */
export function baselineComparisonRows(
  geo: ChosenFitStats,
  b: { readonly baseline: BaselineStats; readonly perCapita?: BaselineStats },
  format: BaselineComparisonFormat,
  hasTruth: boolean,
): BaselineComparisonRow[] {
  const { num, count, ratio } = format;
  const chosen = geo.model.fit;
  const stat = (quantity: string, f: (s: BaselineStats) => string, value: string): BaselineComparisonRow => ({
    quantity,
    baseline: f(b.baseline),
    perCapita: b.perCapita ? f(b.perCapita) : "n/a",
    chosen: value,
  });
  const roiOf = (rows: BaselineStats["roi"] | undefined, c: string) =>
    rows?.find((r) => r.channel === c)?.roi ?? NaN;
  const rows: BaselineComparisonRow[] = [
    stat("R²", (s) => num(s.rsquared, 4), num(chosen.stats.rsquared, 4)),
    stat("Adjusted R²", (s) => num(s.rsquaredAdj, 4), num(chosen.stats.rsquaredAdj, 4)),
    stat("F (classical)", (s) => num(s.fvalue, 1), num(chosen.stats.lsdvFvalue, 1)),
    stat("Rows", (s) => count(s.n), count(chosen.nobs)),
    ...geo.roi.map((r) => ({
      quantity: `ROI, ${channelLabel(r.channel)} (${format.perDollarLabel})`,
      baseline: ratio(roiOf(b.baseline.roi, r.channel)),
      perCapita: ratio(roiOf(b.perCapita?.roi, r.channel)),
      chosen: ratio(r.roi),
      ...(hasTruth ? { truth: r.trueRoi === undefined ? "n/a" : ratio(r.trueRoi) } : {}),
    })),
  ];
  return hasTruth ? rows.map((row) => ({ truth: "", ...row })) : rows;
}

/**
 * The comparison table's columns: quantity, the two baselines and the chosen model, and the truth last when
 * one was given.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(baselineComparisonColumns(true), ["quantity", "baseline", "perCapita", "chosen", "truth"], 1e-9);
 * ```
 */
export function baselineComparisonColumns(hasTruth: boolean): string[] {
  return ["quantity", "baseline", "perCapita", "chosen", ...(hasTruth ? ["truth"] : [])];
}

/** A coefficient of the design's fit as its table shows it (geo dummies left out). */
export interface BaselineCoefficientRow {
  /** The term as a reader names it: "TV: log(1 + adstock)", a control's name, or the term (intercept, season). */
  readonly term: string;
  /** The OLS estimate. */
  readonly coef: number;
  /** Classical standard error. */
  readonly nonrobust: number;
  /** HC1 standard error. */
  readonly HC1: number;
  /** Standard error clustered by geo. */
  readonly cluster: number;
  /** Two-sided p-value of the cluster-robust test. */
  readonly p: number;
}

/**
 * A baseline term as a reader names it: a media term "TV: log(1 + adstock)", a control by its display name,
 * the intercept and seasonal terms as they are.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(baselineTermLabel({ term: "log1p_adstock(tv_spend)", kind: "media", column: "tv_spend" }), "TV: log(1 + adstock)", 1e-9);
 * ```
 */
export function baselineTermLabel(c: Pick<GeoBaselineCoefficient, "term" | "kind" | "column">): string {
  return c.kind === "media"
    ? `${channelLabel(c.column)}: log(1 + adstock)`
    : c.kind === "control"
    ? channelLabel(c.column)
    : c.term;
}

/**
 * The design's coefficients without the geo dummies, with their classical, HC1 and clustered standard errors
 * (columns keyed by covariance type, so `COVARIANCE_LABELS` names them) and clustered p-values.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const se = { nonrobust: 1, HC1: 2, cluster: 3 };
 * const rows = baselineCoefficientRows({ coefficients: [
 *   { term: "geo[T.b]", kind: "geo", column: "", coef: 5, se, pValueCluster: 0.1 },
 *   { term: "Intercept", kind: "intercept", column: "", coef: 9, se, pValueCluster: 0.01 },
 * ] });
 * assertClose(rows, [{ term: "Intercept", coef: 9, nonrobust: 1, HC1: 2, cluster: 3, p: 0.01 }], 1e-9);
 * ```
 */
export function baselineCoefficientRows(
  baseline: { readonly coefficients: readonly GeoBaselineCoefficient[] },
): BaselineCoefficientRow[] {
  return baseline.coefficients.filter((c) => c.kind !== "geo").map((c) => ({
    term: baselineTermLabel(c),
    coef: c.coef,
    nonrobust: c.se.nonrobust,
    HC1: c.se.HC1,
    cluster: c.se.cluster,
    p: c.pValueCluster,
  }));
}

/**
 * The per-capita paragraph: the per-capita fit's population finding, or why there is no per-capita fit.
 * Markdown (a bold lead-in).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(perCapitaSentence({ perCapitaProblem: "no population" }), "Per capita: no population.", 1e-9);
 * ```
 */
export function perCapitaSentence(b: {
  readonly perCapita?: { readonly population: { readonly sentence: string } };
  readonly perCapitaProblem?: string;
}): string {
  return b.perCapita
    ? `**Per capita.** ${b.perCapita.population.sentence}`
    : `Per capita: ${b.perCapitaProblem}.`;
}
