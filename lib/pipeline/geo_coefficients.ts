/**
 * The geo model's coefficients as `geoPipeline` reports them: each media and control coefficient's test of
 * zero (analytic with the planned covariance, and the wild cluster bootstrap by geo below `FEW_GEOS` geos or
 * when asked), the standard errors under the classical, HC1 and reported covariances, the controls' intervals
 * (the geo bootstrap's when there is one), and the sentences that say which inference is reported and why.
 *
 * @module
 */
import { FEW_GEOS } from "../data/envelope.ts";
import type { GeoTruth } from "../data/truth.ts";
import type { CovType } from "../models/covariance.ts";
import type { FixedEffectsFit } from "../models/fixed_effects.ts";
import { withCovariance } from "../models/regression_results.ts";
import { wildClusterBootstrap } from "../models/wild_bootstrap.ts";
import type { GeoBootstrap } from "../evaluate/geo_bootstrap.ts";
import { replicateInterval } from "../decompose/model_replicates.ts";
import { verdictOf } from "./geo_returns.ts";
import type {
  GeoCoefficientTest,
  GeoControlRow,
  GeoIdentification,
  GeoInferencePlan,
  GeoPipelineOptions,
  GeoStandardErrorRow,
} from "./geo_types.ts";
import { listAnd } from "./geo_words.ts";

/** The name of the reported analytic covariance in sentences and in `GeoControlRow.inference`. */
export type GeoAnalyticName = "cluster-robust" | "Driscoll–Kraay";

/** The coefficient tests and which of them the notebook reports ({@link geoCoefficientTests}). */
export interface GeoCoefficientTests {
  /** One row per modelled channel, then per modelled control. */
  readonly tests: GeoCoefficientTest[];
  /** Whether the wild cluster bootstrap was run (`wildBootstrap: "always"`, or `"auto"` below 30 geos). */
  readonly runWild: boolean;
  /** Whether it is the reported inference (run, and fewer than `FEW_GEOS` geos). */
  readonly reportWild: boolean;
  /** The analytic covariance's name: "cluster-robust" or "Driscoll–Kraay". */
  readonly analyticName: GeoAnalyticName;
}

/**
 * The analytic test's name for a reported covariance: "cluster-robust" for errors clustered by geo, else
 * "Driscoll–Kraay" (the geo pipeline reports no other).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(analyticTestName("driscoll-kraay"), "Driscoll–Kraay", 1e-9);
 * ```
 */
export function analyticTestName(covType: CovType): GeoAnalyticName {
  return covType === "cluster" ? "cluster-robust" : "Driscoll–Kraay";
}

/**
 * Tests every media and control coefficient of the fit against zero: estimate, standard error, p-value and
 * 95% interval with the reported covariance; with the wild cluster bootstrap (WCR by geo, seeded), its p-value
 * and test-inversion interval too.
 *
 * @param fit the fitted model with the planned covariance
 * @param identification the modelled channels and controls (the terms tested)
 * @param inference the planned covariance
 * @param geos number of geos
 * @param options the pipeline's `seed` and `wildBootstrap` (default `"auto"`)
 */
export function geoCoefficientTests(
  fit: FixedEffectsFit,
  identification: GeoIdentification,
  inference: GeoInferencePlan,
  geos: number,
  options: GeoPipelineOptions,
): GeoCoefficientTests {
  const seed = options.seed;
  const wildMode = options.wildBootstrap ?? "auto";
  const runWild = wildMode === "always" || (wildMode === "auto" && geos < FEW_GEOS);
  const reportWild = runWild && geos < FEW_GEOS;
  const analyticName = analyticTestName(inference.covType);
  const testTerms = [...identification.channels, ...identification.controls];
  const tests: GeoCoefficientTest[] = testTerms.map((term) => {
    const j = fit.terms.indexOf(term);
    const lo = Math.min(fit.confInt.lower[j], fit.confInt.upper[j]);
    const hi = Math.max(fit.confInt.lower[j], fit.confInt.upper[j]);
    let wild: { p: number; lower: number; upper: number } | null = null;
    if (runWild) {
      const w = wildClusterBootstrap(fit, { coefficient: term, seed });
      wild = { p: w.pValue, lower: w.confInt.lower, upper: w.confInt.upper };
    }
    return {
      term,
      estimate: fit.coef[j],
      se: fit.bse[j],
      pValue: fit.pvalues[j],
      lower: lo,
      upper: hi,
      wildPValue: wild?.p ?? null,
      wildLower: wild?.lower ?? null,
      wildUpper: wild?.upper ?? null,
      reported: reportWild ? "wild cluster bootstrap" : "analytic",
    };
  });
  return { tests, runWild, reportWild, analyticName };
}

/**
 * Per control: the estimate with an interval, its sign verdict and the truth if known. The interval is the
 * reported test's when that is the wild cluster bootstrap (below 30 geos), so that a control's sign is the
 * reported test's: with few geos it is the inference chosen for few clusters (restricted, so its p-values stay
 * near their level), while the geo bootstrap is unrestricted and, with weights per block of weeks, keeps only
 * a few weeks of a geo's correlation over time, which understates the uncertainty of slow-moving controls such
 * as population. Otherwise (analytic tests reported) the geo bootstrap's interval (transforms re-chosen,
 * clusters as the CD test says) when there is a bootstrap and its interval exists, else the analytic one.
 * `inference` names the interval's source.
 *
 * @param identification the modelled controls
 * @param coefficients the coefficient tests
 * @param bootstrap the geo bootstrap (undefined with fixed-transform intervals)
 * @param truth ground truth (bundled data only: competitor, sentiment and population coefficients)
 */
export function geoControlRows(
  identification: GeoIdentification,
  coefficients: GeoCoefficientTests,
  bootstrap: GeoBootstrap | undefined,
  truth: GeoTruth | undefined,
): GeoControlRow[] {
  const controlTruth: Record<string, number> = truth
    ? {
      competitor_sales_control: truth.gamma.competitor,
      sentiment_score_control: truth.gamma.sentiment,
      population: truth.gamma.population,
    }
    : {};
  // Controls: the reported wild cluster bootstrap's interval below 30 geos; otherwise the bootstrap's
  // (transforms re-chosen, clusters as the CD test says), without it the analytic one.
  return identification.controls.map((c) => {
    const test = coefficients.tests.find((r) => r.term === c)!;
    const wild = test.reported === "wild cluster bootstrap";
    let lower = wild ? test.wildLower! : test.lower;
    let upper = wild ? test.wildUpper! : test.upper;
    let from: GeoControlRow["inference"] = wild ? "wild cluster bootstrap" : coefficients.analyticName;
    if (bootstrap && !wild) {
      const j = bootstrap.terms.indexOf(c), P = bootstrap.terms.length;
      const values = Float64Array.from(
        { length: bootstrap.replicates },
        (_, b) => bootstrap!.slopes[b * P + j],
      );
      const iv = replicateInterval(values, 0.95, bootstrap.widening);
      if (iv.lower <= iv.upper) {
        lower = iv.lower;
        upper = iv.upper;
        from = "bootstrap";
      }
    }
    const t = controlTruth[c];
    return {
      control: c,
      estimate: test.estimate,
      lower,
      upper,
      verdict: verdictOf(lower, upper),
      inference: from,
      ...(t !== undefined ? { truth: t, covered: lower <= t && t <= upper } : {}),
    };
  });
}

/**
 * Which coefficient tests are reported and why (the wild cluster bootstrap below 30 geos, the analytic ones
 * otherwise, with the bootstrap as a check when run), and where the controls' intervals and signs come from
 * (the wild cluster bootstrap's when it is reported, else the bootstrap's; with a warning when the CD test
 * finds the geos' errors correlated in a week while the tests are by geo).
 *
 * @param geos number of geos
 * @param inference the planned covariance
 * @param coefficients the coefficient tests (whether the wild bootstrap ran and is reported)
 * @param bootstrap the geo bootstrap (undefined with fixed-transform intervals)
 */
export function coefficientTestsSentence(
  geos: number,
  inference: GeoInferencePlan,
  coefficients: GeoCoefficientTests,
  bootstrap: GeoBootstrap | undefined,
): string {
  const { runWild, reportWild, analyticName } = coefficients;
  const bootstrapWords = (w: number | undefined) =>
    w === undefined ? "" : ` (${w.toLocaleString("en-US")} replicates)`;
  const coefficientTestsSentence = reportWild
    ? `With ${geos} geos (fewer than ${FEW_GEOS}), cluster-robust t-tests over-reject and their intervals are ` +
      `too narrow: they rely on many clusters. The tests and intervals of the coefficients reported here are ` +
      `therefore those of the wild cluster bootstrap (restricted, WCR, by geo, ${
        geos <= 12 ? "Webb's six-point" : "Rademacher"
      } weights${bootstrapWords(9999)}; Cameron, Gelbach & Miller 2008; MacKinnon & Webb 2017), whose ` +
      `p-values stay close to their level with few clusters; its intervals come from inverting the test and ` +
      `can be unbounded when the data cannot bound a coefficient. It resamples whole geos, so it allows any ` +
      `correlation within a geo over time but not shocks common to every geo in a week.`
    : runWild
    ? `With ${geos} geos, ${analyticName} tests are reliable enough and are reported; the wild cluster ` +
      `bootstrap (WCR, by geo) is shown beside them as a check.`
    : `With ${geos} geos (at least ${FEW_GEOS}), the ${analyticName} tests are reported; the wild cluster ` +
      `bootstrap, which matters with few geos, is not needed (it is available with \`wildBootstrap: "always"\`).`;
  const dependent = bootstrap !== undefined && bootstrap.crossSection.pValue < 0.05;
  const perWhat = bootstrap?.scheme === "geo" ? "geo" : "block of weeks";
  return coefficientTestsSentence + (
    reportWild
      ? (dependent
        ? ` The CD test finds the geos' errors correlated in the same week, which the wild cluster bootstrap ` +
          `by geo does not allow for, so read its p-values and intervals as optimistic.`
        : "") +
        ` The controls' intervals and signs below are these wild cluster bootstrap intervals too, so they ` +
        `agree with the tests above` + (bootstrap
          ? `; the ROI and contribution intervals come from the bootstrap (weights per ${perWhat}, carryover ` +
            `and saturation re-chosen in every replicate).`
          : ".")
      : !bootstrap
      ? ""
      : dependent && inference.covType === "cluster"
      ? ` The CD test finds the geos' errors correlated in the same week, which tests clustered by geo ignore ` +
        `(they treat geos as independent), so read their p-values as optimistic. The controls' intervals and ` +
        `signs below, like every ROI and contribution interval, come from the bootstrap with weights per block ` +
        `of weeks, which allows for that correlation, with carryover and saturation re-chosen in every ` +
        `replicate; they can differ from the tests above.`
      : ` The controls' intervals and signs below come from the bootstrap (weights per ${perWhat}, carryover ` +
        `and saturation re-chosen in every replicate), like every ROI and contribution interval; they can ` +
        `differ from the tests above.`
  );
}

/** Standard errors of the media and control terms under several covariances ({@link geoStandardErrors}). */
export interface GeoStandardErrors {
  /** The covariances compared: classical, HC1 and the reported one (once each, in that order). */
  readonly covTypes: CovType[];
  /** One row per non-seasonal term, in the fit's order. */
  readonly rows: GeoStandardErrorRow[];
}

/**
 * Standard errors of every non-seasonal term (month dummies and Fourier terms left out) under the classical,
 * HC1 and reported covariances, with the reported ÷ classical ratio.
 *
 * @param fit the fitted model with the reported covariance
 * @param inference the planned (reported) covariance
 */
export function geoStandardErrors(fit: FixedEffectsFit, inference: GeoInferencePlan): GeoStandardErrors {
  const covTypes: CovType[] = [...new Set<CovType>(["nonrobust", "HC1", inference.covType])];
  const fits = Object.fromEntries(covTypes.map((t) => [
    t,
    t === inference.covType ? fit : withCovariance(fit, { covType: t }),
  ])) as Record<string, FixedEffectsFit>;
  const seasonal = (term: string) => /^month_\d+$|^week_(sin|cos)_\d+$/.test(term);
  const rows: GeoStandardErrorRow[] = fit.terms.filter((term) => !seasonal(term)).map((term) => {
    const j = fit.terms.indexOf(term);
    return {
      term,
      coef: fit.coef[j],
      se: Object.fromEntries(covTypes.map((t) => [t, fits[t].bse[j]])),
      ratio: fit.bse[j] / fits.nonrobust.bse[j],
    };
  });
  return { covTypes, rows };
}

/**
 * Which terms' reported errors are smaller than the classical ones (chance can do that), or that none are.
 *
 * @param rows the standard-error rows
 * @param analyticName the reported covariance's name
 */
export function standardErrorSentence(
  rows: readonly GeoStandardErrorRow[],
  analyticName: GeoAnalyticName,
): string {
  const narrower = rows.filter((r) => r.ratio < 1).map((r) => r.term);
  return narrower.length > 0
    ? `For ${
      listAnd(narrower)
    } the ${analyticName} error is smaller than the classical one, which can happen by ` +
      `chance; the analytic intervals use the ${analyticName} errors throughout.`
    : `The ${analyticName} errors are at least as large as the classical ones for every media and control term.`;
}
