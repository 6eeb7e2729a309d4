/**
 * The geo-panel media model in one call: transformed media (geometric adstock within each geo, then
 * `log(1 + a/s)`), controls, population and seasonality (month dummies by default), geo fixed effects by the within transformation,
 * and the additive `MediaModel` that decomposition and budget allocation work on. The geo OLS and the
 * recommendations notebooks share it, so both report the same model.
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { buildDesign, type BuiltDesign, type FeatureEntry } from "../features/feature_spec.ts";
import type { CovType } from "../models/covariance.ts";
import type { GeoSeasonality } from "../evaluate/geo_transforms.ts";
import { fitFixedEffects, type FixedEffectsFit } from "../models/fixed_effects.ts";
import { type MediaModel, mediaModelFromFit } from "./media_model.ts";

/** Chosen transform per media column (e.g. `searchGeoTransforms(...).chosen`). */
export type GeoTransformChoice = Readonly<Record<string, { readonly theta: number; readonly scale: number }>>;

/** Result of `fitGeoModel`. */
export interface GeoModel {
  /** One feature entry per media column, in the roles' order: geometric adstock θ, then `log(1 + a/s)`. */
  readonly mediaEntries: readonly FeatureEntry[];
  /** The design the model was fitted on: media, controls (and population), seasonality, no intercept. */
  readonly design: BuiltDesign;
  /** The geo fixed-effects fit (within transformation) with the chosen or default covariance. */
  readonly fit: FixedEffectsFit;
  /** The media part as an additive `MediaModel` (media coefficients and their covariance block). */
  readonly mediaModel: MediaModel;
}

/**
 * The default coefficient covariance of the geo model for `geos` geos, `weeks` weeks and `slopes` coefficients:
 * clustered by geo when `geos − 1 ≥ slopes`, otherwise Driscoll–Kraay with `⌊4 (weeks/100)^{2/9}⌋` lags (at
 * least 1; Newey & West 1994's rule). The clustered covariance has rank at most `G − 1` (the residuals are
 * orthogonal to the regressors, so the geo score sums add to zero): with fewer geos than that it is singular,
 * and neither intervals from draws nor joint tests exist. Driscoll–Kraay errors (Driscoll & Kraay 1998) rely on
 * the number of weeks instead.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(geoCovariance(40, 156, 19), { covType: "cluster" }, 1e-9);
 * assertClose(geoCovariance(10, 156, 19), { covType: "driscoll-kraay", maxLags: 4 }, 1e-9);
 * ```
 */
export function geoCovariance(
  geos: number,
  weeks: number,
  slopes: number,
): { readonly covType: CovType; readonly maxLags?: number } {
  if (geos - 1 >= slopes) return { covType: "cluster" };
  return { covType: "driscoll-kraay", maxLags: Math.max(1, Math.floor(4 * (weeks / 100) ** (2 / 9))) };
}

/** Options of {@link fitGeoModel}. */
export interface GeoModelOptions {
  /**
   * Coefficient covariance (default {@link geoCovariance}: clustered by geo when there are more geos than
   * coefficients, else Driscoll–Kraay).
   */
  readonly covType?: CovType;
  /** HAC and Driscoll–Kraay: the Bartlett window's highest lag (default 4; weeks for Driscoll–Kraay). */
  readonly maxLags?: number;
  /** Control columns (default: the roles' controls, then population). */
  readonly controls?: readonly string[];
  /** Seasonality terms (default `"month_dummies"`; `"fourier"` is one annual sine–cosine pair of the week). */
  readonly seasonality?: GeoSeasonality;
}

/**
 * Fits the geo model (see module doc) with the given transforms and covariance (default
 * {@link geoCovariance}; `"driscoll-kraay"` takes each row's date as its period).
 *
 * @example
 * ```ts ignore
 * const model = fitGeoModel(geo, searchGeoTransforms(geo).chosen);
 * model.fit.coef; roi(model.mediaModel, geo);
 * ```
 */
export function fitGeoModel(
  ds: Dataset,
  chosen: GeoTransformChoice,
  options: GeoModelOptions = {},
): GeoModel {
  if (!ds.geos || !ds.roles.geo) throw new RangeError(`${ds.source} is not a geo panel`);
  const R = ds.roles;
  const mediaEntries: FeatureEntry[] = R.media.map((c) => {
    const t = chosen[c];
    if (!t) throw new RangeError(`no transform chosen for media column "${c}"`);
    return {
      column: c,
      adstock: { type: "geometric", theta: t.theta },
      saturation: { type: "log1p", scale: t.scale },
    };
  });
  const controls: FeatureEntry[] =
    (options.controls ?? [...R.controls, ...(R.population ? [R.population] : [])])
      .map((c) => ({ column: c }));
  const seasonality = options.seasonality ?? "month_dummies";
  const design = buildDesign(ds, {
    features: [...mediaEntries, ...controls],
    calendar: seasonality === "fourier"
      ? { seasonality: "fourier", fourierBasis: "week", fourierOrder: 1 }
      : { seasonality },
  }, {
    intercept: false,
  });
  const auto = geoCovariance(new Set(ds.geos).size, new Set(ds.dates).size, design.k);
  const covType = options.covType ?? auto.covType;
  const maxLags = options.maxLags ?? (options.covType === undefined ? auto.maxLags : undefined) ?? 4;
  const fit = fitFixedEffects(design, ds.columns[R.target], ds.geos, {
    covType,
    ...(covType === "cluster" ? { groups: ds.geos } : {}),
    ...(covType === "HAC" || covType === "driscoll-kraay" ? { maxLags } : {}),
    ...(covType === "driscoll-kraay" ? { time: ds.dates } : {}),
    yName: R.target,
    groupName: R.geo,
  });
  const mediaModel = mediaModelFromFit(
    { names: fit.terms, coef: fit.coef, cov: fit.cov },
    mediaEntries.map((e) => ({
      name: e.column,
      column: e.column,
      adstock: e.adstock,
      saturation: e.saturation,
    })),
  );
  return { mediaEntries, design, fit, mediaModel };
}
