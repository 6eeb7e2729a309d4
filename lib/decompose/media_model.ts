/**
 * The fitted model the decomposition and the optimizer read: linear in transformed media.
 *
 * ```
 * ŷ_t = baseline_t + Σ_c β_c · (g_c(adstock_c(x_c)_t) − center_c) / scale_c
 * ```
 *
 * `adstock_c` is the channel's carryover (applied within each geo on a panel, so nothing carries over a geo
 * border), `g_c` its saturation (identity when absent), and `(center_c, scale_c)` an optional standardization
 * of the transformed feature (ridge and elastic-net fits standardize their columns; `center = 0, scale = 1`
 * when absent). The baseline (intercept, controls, seasonality) never changes with media spend, so nothing
 * here needs it: every quantity in `lib/decompose` and `lib/optimize` is a difference of predictions at two
 * spend levels, in which the baseline cancels.
 *
 * A channel's **response** to a spend series `x` is `R_c(x)_t = b_c · (g_c(adstock_c(x)_t) − g_c(0))` with the
 * effective coefficient `b_c = β_c / scale_c`: the prediction with spend `x` minus the prediction with zero
 * spend in every row. The centering constant `−β_c · center_c / scale_c` and the value at zero spend
 * `b_c · g_c(0)` (non-zero only for the logistic curve) belong to the baseline, so that zero spend gives zero
 * response.
 *
 * This interface is defined here, not in `lib/models`, so that any estimator (OLS, ridge, a Bayesian fit) can
 * be decomposed: build a {@link MediaModel} from the fit's coefficients and the transform parameters it was
 * fitted with ({@link mediaModelFromFit} does it from plain `names`/`coef`/`cov` arrays).
 *
 * @module
 */

import type { Dataset } from "../data/types.ts";
import { ModelError } from "../errors.ts";
import { adstockInto, type AdstockSpec, validateAdstockSpec } from "../features/adstock.ts";
import { applyByGroupInto, type GroupRange, groupRanges } from "../features/panel.ts";
import { saturate, type SaturationSpec, validateSaturationSpec } from "../features/saturation.ts";

/** Standardization of a transformed media feature: `feature = (g(adstock(x)) − center) / scale`. */
export interface FeatureScaling {
  /** Subtracted before dividing (finite). The fitted `ScalerParams` of `lib/features` fit here as they are. */
  readonly center: number;
  /** Divisor, finite and > 0. */
  readonly scale: number;
}

/** One media channel of a fitted model. */
export interface MediaChannel {
  /** Name used in results (e.g. `"tv"`); unique within a model. */
  readonly name: string;
  /** Spend column in `Dataset.columns` (e.g. `"tv_spend"`). */
  readonly column: string;
  /** Carryover applied to spend (within each geo); none when absent. */
  readonly adstock?: AdstockSpec;
  /** Saturation applied after adstock; identity when absent. */
  readonly saturation?: SaturationSpec;
  /** Fitted coefficient `β` of the (possibly standardized) transformed feature. */
  readonly coef: number;
  /** Standardization the coefficient applies to (default none: center 0, scale 1). */
  readonly scaling?: FeatureScaling;
}

/** A fitted model that is linear in transformed media (see the module doc). */
export interface MediaModel {
  /** The media channels, each with its transforms and coefficient; `coefCov` follows this order. */
  readonly channels: readonly MediaChannel[];
  /**
   * Covariance of the channel coefficients `β` (m × m row-major, in the order of `channels`), for the
   * parametric (Krinsky–Robb) uncertainty of contributions, ROI, response curves and scenarios.
   */
  readonly coefCov?: Float64Array;
}

/** The dataset fields the decomposition reads: spend columns and, on a panel, the geo of each row. */
export type MediaData = Pick<Dataset, "n" | "columns"> & { readonly geos?: readonly string[] };

/** Options shared by the functions that adstock spend. */
export interface GeoOptions {
  /**
   * Geo key per row for a panel (rows sorted by geo, then date): adstock restarts at each geo's first row.
   * Default `ds.geos`; `null` treats the rows as one series even when `ds.geos` is set.
   */
  readonly geos?: readonly string[] | null;
}

/**
 * Checks a model: unique channel names, finite coefficients, valid adstock and saturation specs, scaling with
 * `scale > 0`, and a square finite `coefCov` of the right size. Throws a `ModelError` naming the channel.
 *
 * @example
 * ```ts ignore
 * validateMediaModel({ channels: [{ name: "tv", column: "tv_spend", coef: Number.NaN }] });
 * // throws ModelError: channel "tv": coef must be finite, got NaN
 * ```
 */
export function validateMediaModel(model: MediaModel): void {
  if (!model || !Array.isArray(model.channels) || model.channels.length === 0) {
    throw new ModelError("a media model needs at least one channel");
  }
  const names = new Set<string>();
  for (const c of model.channels) {
    const where = `channel ${JSON.stringify(c?.name)}`;
    if (typeof c?.name !== "string" || c.name === "") throw new ModelError(`${where}: name must be a string`);
    if (names.has(c.name)) throw new ModelError(`${where} appears twice; channel names must be unique`);
    names.add(c.name);
    if (typeof c.column !== "string") throw new ModelError(`${where}: column must be a string`);
    if (!Number.isFinite(c.coef)) throw new ModelError(`${where}: coef must be finite, got ${c.coef}`);
    try {
      if (c.adstock) validateAdstockSpec(c.adstock);
      if (c.saturation) validateSaturationSpec(c.saturation);
    } catch (e) {
      throw new ModelError(`${where}: ${(e as Error).message}`, [c.name]);
    }
    if (c.scaling) {
      const { center, scale } = c.scaling;
      if (!Number.isFinite(center) || !(scale > 0 && Number.isFinite(scale))) {
        throw new ModelError(
          `${where}: scaling needs a finite center and a finite scale > 0, got center ${center}, scale ${scale}`,
          [c.name],
        );
      }
    }
  }
  const m = model.channels.length;
  if (model.coefCov !== undefined) {
    const v = model.coefCov;
    if (!(v instanceof Float64Array) || v.length !== m * m) {
      throw new ModelError(
        `coefCov must be a ${m} × ${m} Float64Array (one row per channel), got ${v?.length} entries`,
      );
    }
    for (let i = 0; i < m * m; i++) {
      if (!Number.isFinite(v[i])) throw new ModelError(`coefCov[${i}] is ${v[i]}; expected a finite number`);
    }
  }
}

/**
 * The effective coefficient `b = β / scale` of a channel: the response per unit of saturated adstock.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(effectiveCoef({ name: "tv", column: "tv", coef: 6, scaling: { center: 1, scale: 2 } }), 3, 1e-9);
 * ```
 */
export function effectiveCoef(channel: MediaChannel): number {
  return channel.coef / (channel.scaling?.scale ?? 1);
}

/**
 * Looks a channel up by name; throws a `RangeError` listing the model's channels when it is not there.
 *
 * @example
 * ```ts ignore
 * findChannel(model, "tv").coef;
 * ```
 */
export function findChannel(model: MediaModel, name: string): MediaChannel {
  const c = model.channels.find((ch) => ch.name === name);
  if (!c) {
    throw new RangeError(
      `no channel ${JSON.stringify(name)} in the model; channels: ${
        model.channels.map((ch) => ch.name).join(", ")
      }`,
    );
  }
  return c;
}

/**
 * The spend column of a channel, checked: present, `n` rows, finite and non-negative (a `RangeError` names the
 * column and the first bad row).
 *
 * @example
 * ```ts ignore
 * channelSpend(ds, model.channels[0]); // ds.columns["tv_spend"]
 * ```
 */
export function channelSpend(ds: MediaData, channel: MediaChannel): Float64Array {
  const x = ds.columns[channel.column];
  if (!x) {
    throw new RangeError(
      `channel "${channel.name}": no column "${channel.column}" in the data; available: ${
        Object.keys(ds.columns).join(", ")
      }`,
    );
  }
  if (x.length !== ds.n) {
    throw new RangeError(`column "${channel.column}" has ${x.length} rows, expected ${ds.n}`);
  }
  checkSpend(x, `column "${channel.column}"`);
  return x;
}

/**
 * Adstocked spend of one channel, `adstock(x)`, within each geo when `geos` is given (rows sorted by geo, then
 * date; a `RangeError` when a geo's rows are not contiguous). No adstock spec gives a copy of `x`.
 *
 * @param channel the channel (its `adstock` spec is used)
 * @param spend spend per row, finite and ≥ 0
 * @param geos geo key per row, or undefined for one series
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const tv = { name: "tv", column: "tv", coef: 1, adstock: { type: "geometric" as const, theta: 0.5 } };
 * // adstock restarts in each geo: 100, 0.5 · 100 in geo A, the same in geo B
 * assertClose(adstockedSpend(tv, new Float64Array([100, 0, 100, 0]), ["A", "A", "B", "B"]), [100, 50, 100, 50]);
 * ```
 */
export function adstockedSpend(
  channel: MediaChannel,
  spend: Float64Array,
  geos?: readonly string[] | readonly GroupRange[],
): Float64Array {
  checkSpend(spend, `spend of channel "${channel.name}"`);
  const spec = channel.adstock;
  if (!spec) return spend.slice();
  if (!geos) return adstockInto(new Float64Array(spend.length), spend, spec);
  const ranges = toRanges(geos, spend.length);
  return applyByGroupInto(new Float64Array(spend.length), spend, ranges, (o, s) => adstockInto(o, s, spec));
}

/**
 * A channel's response per row to a spend series: `b · (g(adstock(x)_t) − g(0))` with `b = β / scale` (see
 * the module doc). Zero spend in every row gives zero in every row; with the model's own spend it is the
 * channel's contribution per row. Adstock runs within each geo when `geos` is given.
 *
 * Reference: the counterfactual decomposition of Jin et al. (2017), "Bayesian Methods for Media Mix Modeling
 * with Carryover and Shape Effects", Google, section 4 (response curves), and Robyn's `decomp`.
 *
 * @param model a fitted media model
 * @param channel channel name
 * @param spend spend per row (finite, ≥ 0)
 * @param geos geo key per row (panel), or undefined for one series
 * @example
 * ```ts ignore
 * const model = { channels: [{ name: "tv", column: "tv", coef: 2, saturation: { type: "log1p", scale: 100 } }] };
 * channelResponse(model, "tv", new Float64Array([0, 100])); // [0, 2 · ln 2]
 * ```
 */
export function channelResponse(
  model: MediaModel,
  channel: string,
  spend: Float64Array,
  geos?: readonly string[],
): Float64Array {
  validateMediaModel(model);
  const c = findChannel(model, channel);
  if (geos && geos.length !== spend.length) {
    throw new RangeError(`${geos.length} geo keys for ${spend.length} rows; expected one per row`);
  }
  return responseFromAdstock(c, adstockedSpend(c, spend, geos));
}

/**
 * {@link channelResponse} from already adstocked spend `a`: `b · (g(a_t) − g(0))` per row.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(responseFromAdstock({ name: "tv", column: "tv", coef: 3 }, new Float64Array([1, 2])), [3, 6], 1e-9);
 * ```
 */
export function responseFromAdstock(channel: MediaChannel, adstocked: Float64Array): Float64Array {
  const b = effectiveCoef(channel);
  const sat = channel.saturation;
  const out = sat ? saturate(adstocked, sat) : adstocked.slice();
  const g0 = sat ? saturate([0], sat)[0] : 0;
  for (let t = 0; t < out.length; t++) out[t] = b * (out[t] - g0) + 0; // + 0 turns −0 into 0
  return out;
}

/**
 * The geo keys to adstock by: `options.geos` when given (`null` for none), else `ds.geos`. Checks the length.
 *
 * @example
 * ```ts ignore
 * resolveGeos(ds, {}); // ds.geos
 * ```
 */
export function resolveGeos(ds: MediaData, options: GeoOptions = {}): readonly string[] | undefined {
  const geos = options.geos === null ? undefined : options.geos ?? ds.geos;
  if (geos && geos.length !== ds.n) {
    throw new RangeError(`${geos.length} geo keys for ${ds.n} rows; expected one per row`);
  }
  return geos;
}

/** Plain fit arrays {@link mediaModelFromFit} reads (an OLS fit's `terms`/`coef`/`cov`, a ridge fit's `names`/`coef`). */
export interface FitCoefficients {
  /** One name per coefficient (design column names). */
  readonly names: readonly string[];
  /** The fitted coefficients, one per name. */
  readonly coef: ArrayLike<number>;
  /** k × k covariance of `coef` (row-major), if the fit has one. */
  readonly cov?: Float64Array;
}

/** How one design column was built from a spend column (the media entries of a `FeatureSpec`). */
export interface MediaFeature {
  /** Design column name (a `FeatureEntry`'s `as ?? column`). */
  readonly name: string;
  /** Spend column. */
  readonly column: string;
  /** Carryover the design applied to the spend column (within each geo); none when absent. */
  readonly adstock?: AdstockSpec;
  /** Saturation the design applied after adstock; identity when absent. */
  readonly saturation?: SaturationSpec;
  /** The scaler the design applied to the column, if any (a `BuiltDesign.scalers[name]`). */
  readonly scaling?: FeatureScaling;
}

/**
 * Builds a {@link MediaModel} from a fit's coefficient arrays and the transforms its media columns were built
 * with: picks each media feature's coefficient by name and, when the fit has a covariance, the m × m block of
 * the media coefficients (in the order of `features`).
 *
 * @param fit `{ names, coef, cov? }` (for an OLS fit pass `{ names: fit.terms, coef: fit.coef, cov: fit.cov }`)
 * @param features the media columns, one per channel
 * @throws ModelError when a feature's name is not among the fit's names
 * @example
 * ```ts ignore
 * const model = mediaModelFromFit({ names: ["const", "tv"], coef: [5, 2], cov }, [
 *   { name: "tv", column: "tv_spend", adstock: { type: "geometric", theta: 0.5 } },
 * ]);
 * ```
 */
export function mediaModelFromFit(fit: FitCoefficients, features: readonly MediaFeature[]): MediaModel {
  const k = fit.names.length;
  if (fit.coef.length !== k) throw new ModelError(`fit has ${fit.coef.length} coefficients for ${k} names`);
  const idx = features.map((f) => {
    const j = fit.names.indexOf(f.name);
    if (j < 0) {
      throw new ModelError(
        `media feature "${f.name}" is not a coefficient of the fit; fit terms: ${fit.names.join(", ")}`,
        [f.name],
      );
    }
    return j;
  });
  const channels: MediaChannel[] = features.map((f, i) => ({
    name: f.name,
    column: f.column,
    adstock: f.adstock,
    saturation: f.saturation,
    coef: fit.coef[idx[i]],
    scaling: f.scaling,
  }));
  let coefCov: Float64Array | undefined;
  if (fit.cov) {
    if (fit.cov.length !== k * k) {
      throw new ModelError(`fit covariance has ${fit.cov.length} entries, expected ${k} × ${k}`);
    }
    const m = idx.length;
    coefCov = new Float64Array(m * m);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) coefCov[a * m + b] = fit.cov[idx[a] * k + idx[b]];
  }
  const model: MediaModel = { channels, coefCov };
  validateMediaModel(model);
  return model;
}

function toRanges(geos: readonly string[] | readonly GroupRange[], n: number): readonly GroupRange[] {
  if (geos.length > 0 && typeof geos[0] === "string") {
    if (geos.length !== n) {
      throw new RangeError(`${geos.length} geo keys for ${n} rows; expected one per row`);
    }
    return groupRanges(geos as readonly string[]);
  }
  return geos as readonly GroupRange[];
}

function checkSpend(x: Float64Array, what: string): void {
  for (let t = 0; t < x.length; t++) {
    const v = x[t];
    if (!(v >= 0 && v < Infinity)) {
      throw new RangeError(
        `${what}, row ${t}: spend is ${v}; expected a finite number >= 0 (fill missing spend first)`,
      );
    }
  }
}
