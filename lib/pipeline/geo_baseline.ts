/**
 * The geo design's own specification, fitted as it states it: the reference fit shown beside the model the
 * toolkit chooses by cross-validation.
 *
 * ```
 * sales_gt = α + Σ_{g ≥ 2} δ_g D_g + Σ_c β_c · log(1 + a_c,gt) + γ' controls_gt + φ₁ sin(2π m_t/12) + φ₂ cos(2π m_t/12) + ε_gt
 * a_c,gt = x_c,gt + 0.5 · a_c,g(t−1),   a_c,g0 = x_c,g0   (geometric adstock, not normalized, restarting in each geo)
 * ```
 *
 * `m_t` is the calendar month (1–12) of the week's date, `D_g` a dummy per geo but the first in sorted
 * order (drop-first, as statsmodels' `C(geo)`), the controls are the roles' controls and population. The fit
 * is plain OLS with an explicit intercept and dummies (statsmodels `smf.ols(...).fit()`), with classical,
 * HC1 and cluster-by-geo standard errors (cluster: statsmodels' defaults, factor `G/(G−1) · (n−1)/(n−k)`).
 *
 * Before fitting, `findUnidentifiedTerms` (lib/data/identification.ts) checks every channel and control
 * next to the geo fixed effects: a column that is all zero, constant, constant within every geo (population
 * in most panels), or a (near) copy of another is left out and said so, instead of the fit failing, or a
 * pseudo-inverse printing an arbitrary coefficient for it. `populationFinding` explains what the data say
 * about population.
 *
 * A channel's contribution is counterfactual and, because `log(1 + 0) = 0`, exactly
 * `β_c · Σ_gt log(1 + a_c,gt)`; ROI is that over the channel's total spend. With the fixed decay and the
 * spend-unit log scale, ROI depends on the units of spend: this is the design's choice, reproduced, not the
 * toolkit's.
 *
 * Reference: the geo design's specification (issue #8); statsmodels 0.13.5 `OLS`, `get_robustcov_results`;
 * Wooldridge, "Econometric Analysis of Cross Section and Panel Data", 2nd ed., §10.5 (time-constant
 * regressors next to fixed effects).
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { findUnidentifiedTerms, type UnidentifiedTerm } from "../data/identification.ts";
import { ModelError } from "../errors.ts";
import { geometricAdstock } from "../features/adstock.ts";
import { monthOfYear } from "../features/calendar.ts";
import { groupRanges } from "../features/panel.ts";
import { type Design, selectDesignColumns } from "../features/design.ts";
import { fitOls, type OlsFit } from "../models/ols.ts";
import { coefficientCovariance } from "../models/covariance.ts";
import { coefficientInference } from "../models/regression_results.ts";
import { normalPpf } from "../stats/distributions.ts";
import { perCapitaFinding, type PopulationFinding, populationFinding } from "./geo_baseline_population.ts";
import { perCapitaDataset } from "../data/per_capita.ts";

export {
  minimumNormPopulationCoefficient,
  perCapitaFinding,
  type PopulationFinding,
  populationFinding,
  type PopulationStatus,
} from "./geo_baseline_population.ts";

/** The design's carryover: geometric adstock with decay 0.5. */
export const GEO_BASELINE_DECAY: number = 0.5;

/** Options of {@link geoBaseline}. */
export interface GeoBaselineOptions {
  /** Geometric decay of the adstock, in [0, 1) (default {@link GEO_BASELINE_DECAY}, the design's). */
  readonly decay?: number;
  /**
   * Fit the specification per capita (`perCapitaDataset`): sales and spend divided by population, no
   * population term; contributions and ROI are summed back to totals with each row's population as weight.
   */
  readonly perCapita?: boolean;
}

/** The three standard errors of one coefficient. */
export interface GeoBaselineStandardErrors {
  /** Classical `√(s² (X'X)⁻¹)_jj`. */
  readonly nonrobust: number;
  /** White's with the `n/(n − k)` factor. */
  readonly HC1: number;
  /** One-way by geo, factor `G/(G−1) · (n−1)/(n−k)`. */
  readonly cluster: number;
}

/** One coefficient of the baseline fit. */
export interface GeoBaselineCoefficient {
  /** Term name: `Intercept`, `geo[T.<geo>]`, `log1p_adstock(<column>)`, a control column, `month_sin`, `month_cos`. */
  readonly term: string;
  /** What the term is: the intercept, a geo dummy, a media channel, a control or seasonality. */
  readonly kind: "intercept" | "geo" | "media" | "control" | "season";
  /** The input column it comes from (channel or control), empty for intercept, dummies and seasonality. */
  readonly column: string;
  /** The OLS estimate (per person and per-capita spend in a per-capita fit). */
  readonly coef: number;
  /** Its classical, HC1 and cluster-by-geo standard errors. */
  readonly se: GeoBaselineStandardErrors;
  /** Two-sided p-value of the cluster-robust z test. */
  readonly pValueCluster: number;
}

/** Contribution and ROI of one channel under the baseline fit. */
export interface GeoBaselineRoi {
  /** The media channel (input column). */
  readonly channel: string;
  /** Its total spend over every row (geos and weeks). */
  readonly spend: number;
  /** `β_c · Σ log(1 + a_c)`. */
  readonly contribution: number;
  /** `contribution / spend` (NaN without spend). */
  readonly roi: number;
  /** 95% interval of ROI from the cluster-robust standard error of `β_c` (normal). */
  readonly lower: number;
  /** Upper end of that interval. */
  readonly upper: number;
}

/** Result of {@link geoBaseline}. */
export interface GeoBaselineResult {
  /** The specification in words. */
  readonly specification: string;
  /** The adstock decay used (the design's 0.5 unless asked otherwise). */
  readonly decay: number;
  /** Rows fitted (geo-weeks). */
  readonly n: number;
  /** Number of coefficients (columns of the design, all identified). */
  readonly k: number;
  /** Number of geos (dummies: one fewer). */
  readonly geos: number;
  /** Model degrees of freedom, k − 1. */
  readonly dfModel: number;
  /** Residual degrees of freedom, n − k. */
  readonly dfResid: number;
  /** R² of the OLS fit (with the geo dummies, so mostly the geos' levels). */
  readonly rsquared: number;
  /** Adjusted R², `1 − (1 − R²)(n − 1)/(n − k)`. */
  readonly rsquaredAdj: number;
  /** Classical overall F (statsmodels' `fvalue` of the default fit) and its p-value. */
  readonly fvalue: number;
  /** p-value of `fvalue`. */
  readonly fPValue: number;
  /** `σ_max/σ_min` of the design (statsmodels' `condition_number`; large: near-collinear columns). */
  readonly conditionNumber: number;
  /** Channels and controls in the fit, in the roles' order. */
  readonly channels: readonly string[];
  /** Controls in the fit (population last when identified), in the roles' order. */
  readonly controls: readonly string[];
  /** Columns of the specification left out, each with its cause (from `findUnidentifiedTerms`). */
  readonly dropped: readonly UnidentifiedTerm[];
  /** Every coefficient of the fit, in design order (intercept, geo dummies, media, controls, seasonality). */
  readonly coefficients: readonly GeoBaselineCoefficient[];
  /** Contribution and ROI per channel in the fit. */
  readonly roi: readonly GeoBaselineRoi[];
  /** What the panel says about population next to the geo dummies, in numbers and words. */
  readonly population: PopulationFinding;
  /** Whether the fit is per capita (R², F and coefficients then refer to sales and spend per person). */
  readonly perCapita: boolean;
  /** The fit with classical errors (for a summary view). */
  readonly fit: OlsFit;
  /** One sentence: what was fitted and how well. */
  readonly sentence: string;
}

/** Display name of a media term. */
export const baselineMediaTerm = (column: string): string => `log1p_adstock(${column})`;

/**
 * Fits the geo design's specification (see the module doc) on a geo panel, with classical, HC1 and
 * cluster-by-geo standard errors, after leaving out what the design cannot identify.
 *
 * @param ds a geo panel (rows sorted by geo, then date), roles with media, controls and optionally population
 * @param options `decay` (default 0.5)
 * @throws ModelError for data without geos, fewer than 2 geos, no identified channel, or too few rows
 * @example
 * ```ts ignore
 * const base = geoBaseline(loadDataset("data/mmm_geo.csv", { kind: "geo" }));
 * base.rsquared; base.coefficients.find((c) => c.term === "population")?.se.cluster;
 * ```
 */
export function geoBaseline(ds: Dataset, options: GeoBaselineOptions = {}): GeoBaselineResult {
  const decay = options.decay ?? GEO_BASELINE_DECAY;
  if (!(decay >= 0 && decay < 1)) throw new RangeError(`decay must be in [0, 1), got ${decay}`);
  if (!options.perCapita) return fitBaseline(ds, decay);
  const perCapita = perCapitaDataset(ds);
  return fitBaseline(perCapita, decay, {
    column: ds.roles.population!,
    values: ds.columns[ds.roles.population!],
  });
}

/** The fit of {@link geoBaseline}; with `population`, `ds` is per capita and rows are weighted back to totals. */
function fitBaseline(
  ds: Dataset,
  decay: number,
  weightBy?: { readonly column: string; readonly values: Float64Array },
): GeoBaselineResult {
  const R = ds.roles;
  if (!ds.geos || !R.geo) {
    throw new ModelError(`${ds.source} has no geo column: the geo baseline needs a panel`);
  }
  const levels = [...new Set(ds.geos)].sort();
  if (levels.length < 2) {
    throw new ModelError(`${ds.source} has ${levels.length} geo; the geo baseline needs at least 2`);
  }
  const population = R.population !== undefined && R.population in ds.columns ? R.population : undefined;
  const requested = [
    ...R.media,
    ...R.controls.filter((c) => c !== population),
    ...(population ? [population] : []),
  ];
  const report = findUnidentifiedTerms(ds, requested, { geoFixedEffects: true });
  const kept = new Set(report.keep);
  const channels = R.media.filter((c) => kept.has(c));
  const controls = [...R.controls.filter((c) => c !== population), ...(population ? [population] : [])]
    .filter((c) => kept.has(c));
  if (channels.length === 0) {
    throw new ModelError(
      `no media channel of ${ds.source} can be estimated: ${report.dropped.map((d) => d.sentence).join(" ")}`,
      R.media,
    );
  }

  // Design: intercept, geo dummies (drop-first, sorted labels), media, controls, season.
  const ranges = groupRanges(ds.geos);
  const n = ds.n;
  const names: string[] = ["Intercept", ...levels.slice(1).map((g) => `geo[T.${g}]`)];
  const kinds: GeoBaselineCoefficient["kind"][] = ["intercept", ...levels.slice(1).map(() => "geo" as const)];
  const sources: string[] = names.map(() => "");
  const columns: Float64Array[] = [new Float64Array(n).fill(1)];
  const geoIndex = new Map(levels.map((g, i) => [g, i]));
  for (let g = 1; g < levels.length; g++) columns.push(new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const g = geoIndex.get(ds.geos[i])!;
    if (g > 0) columns[g][i] = 1;
  }
  const logAdstock: Record<string, Float64Array> = {};
  for (const c of channels) {
    const x = ds.columns[c];
    const out = new Float64Array(n);
    for (const r of ranges) {
      const a = geometricAdstock(x.subarray(r.start, r.end), decay);
      for (let t = 0; t < a.length; t++) out[r.start + t] = Math.log1p(a[t]);
    }
    logAdstock[c] = out;
    names.push(baselineMediaTerm(c));
    kinds.push("media");
    sources.push(c);
    columns.push(out);
  }
  for (const c of controls) {
    names.push(c);
    kinds.push("control");
    sources.push(c);
    columns.push(ds.columns[c]);
  }
  const month = monthOfYear(ds.dates);
  names.push("month_sin", "month_cos");
  kinds.push("season", "season");
  sources.push("", "");
  columns.push(
    month.map((m) => Math.sin((2 * Math.PI * m) / 12)),
    month.map((m) => Math.cos((2 * Math.PI * m) / 12)),
  );

  const k = names.length;
  const x = new Float64Array(n * k);
  for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) x[i * k + j] = columns[j][i];
  const design: Design = { names, n, k, x };
  const y = ds.columns[R.target];
  const fit = fitOls(design, y, { yName: R.target });
  // Robust covariances directly (not `withCovariance`): the cluster covariance has rank at most G − 1, below
  // k with a dummy per geo, so its Wald F of all slopes does not exist (statsmodels warns and prints NaN).
  const input = { ...fit.model, residuals: fit.residuals, dfResid: fit.dfResid };
  const hc1 = coefficientInference(fit.coef, coefficientCovariance(input, { covType: "HC1" }));
  const cluster = coefficientInference(
    fit.coef,
    coefficientCovariance(input, { covType: "cluster", groups: ds.geos }),
  );

  const coefficients: GeoBaselineCoefficient[] = names.map((term, j) => ({
    term,
    kind: kinds[j],
    column: sources[j],
    coef: fit.coef[j],
    se: { nonrobust: fit.bse[j], HC1: hc1.bse[j], cluster: cluster.bse[j] },
    pValueCluster: cluster.pvalues[j],
  }));

  const z = normalPpf(0.975);
  const roi: GeoBaselineRoi[] = channels.map((c) => {
    const j = names.indexOf(baselineMediaTerm(c));
    let spend = 0, feature = 0;
    const xs = ds.columns[c], f = logAdstock[c];
    for (let i = 0; i < n; i++) {
      const w = weightBy ? weightBy.values[i] : 1;
      spend += xs[i] * w;
      feature += f[i] * w;
    }
    const perSpend = spend > 0 ? feature / spend : NaN;
    const b = fit.coef[j], se = cluster.bse[j];
    return {
      channel: c,
      spend,
      contribution: b * feature,
      roi: b * perSpend,
      lower: (b - z * se) * perSpend,
      upper: (b + z * se) * perSpend,
    };
  });

  const populationIndex = population !== undefined ? names.indexOf(population) : -1;
  // With population in the fit: the geo effects of the fit without it, for what a pseudo-inverse fit would
  // print were population held at each geo's mean (then it is a combination of the dummies).
  const withoutPopulation = populationIndex >= 0
    ? fitOls(selectDesignColumns(design, names.filter((_, j) => j !== populationIndex)), y, {
      yName: R.target,
    })
    : fit;
  const finding = weightBy ? perCapitaFinding(weightBy.column, R.target) : populationFinding(ds, {
    dropped: report.dropped,
    coefficient: populationIndex >= 0 ? coefficients[populationIndex] : undefined,
    scale: fit.stats.scale,
    geoEffects: {
      levels,
      intercept: withoutPopulation.coef[0],
      dummies: withoutPopulation.coef.subarray(1, levels.length),
    },
  });
  const perPerson = weightBy ? ` per person (divided by "${weightBy.column}")` : "";
  const specification =
    `OLS of ${R.target}${perPerson} on log(1 + adstock) of ${listAnd(channels)}${perPerson} (geometric ` +
    `adstock, decay ${decay}, not normalized, restarting in each geo)` +
    `${controls.length > 0 ? `, ${listAnd(controls)}` : ""}, the sine and cosine of the month, a dummy ` +
    `for every geo but the first and an intercept.`;
  const droppedText = report.dropped.length > 0
    ? ` Left out as not identified: ${report.dropped.map((d) => `"${d.column}"`).join(", ")}.`
    : "";
  const sentence = `The design's specification fitted on ${n.toLocaleString("en-US")} rows ` +
    `(${levels.length} geos): R² ${fit.stats.rsquared.toFixed(4)}, adjusted R² ` +
    `${fit.stats.rsquaredAdj.toFixed(4)}, F ${fit.stats.fvalue.toFixed(1)} on ${fit.dfModel} and ` +
    `${fit.dfResid} degrees of freedom.${droppedText}`;
  return {
    specification,
    decay,
    n,
    k,
    geos: levels.length,
    dfModel: fit.dfModel,
    dfResid: fit.dfResid,
    rsquared: fit.stats.rsquared,
    rsquaredAdj: fit.stats.rsquaredAdj,
    fvalue: fit.stats.fvalue,
    fPValue: fit.stats.fPvalue,
    conditionNumber: fit.stats.conditionNumber,
    channels,
    controls,
    dropped: report.dropped,
    coefficients,
    roi,
    population: finding,
    perCapita: weightBy !== undefined,
    fit,
    sentence,
  };
}

function listAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
