/**
 * Contributions and ROI of each media channel, defined counterfactually.
 *
 * The **contribution** of channel `c` in row `t` is the model's prediction with the actual spend minus its
 * prediction with channel `c`'s spend set to zero in every row (every other input at its actual value):
 *
 * ```
 * contribution_{c,t} = ŷ_t(actual) − ŷ_t(x_c = 0) = b_c · (g_c(adstock_c(x_c)_t) − g_c(0)),   b_c = β_c / scale_c
 * ```
 *
 * The second form holds because the model is additive in channels (`media_model.ts`). It is how the bundled
 * data's generator defines its true contributions (`data/README.md`), so the two can be compared directly.
 * Carryover past the last row is not counted: the contribution is an in-sample figure. For additive models the
 * channel contributions add up to `ŷ(actual) − ŷ(all media at zero)`; for models with interactions they would
 * not, which is why the definition is the counterfactual one.
 *
 * **ROI** = total contribution / total spend over the rows (revenue per unit of spend when the target is
 * revenue; `NaN` for a channel without spend).
 *
 * References: Jin et al. (2017), "Bayesian Methods for Media Mix Modeling with Carryover and Shape Effects",
 * Google, section 4 (ROAS as a counterfactual difference); Chan & Perry (2017), "Challenges and Opportunities in
 * Media Mix Modeling", Google; Robyn's decomposition (`decomp.rssd`).
 *
 * @module
 */

import { ModelError } from "../errors.ts";
import {
  drawCoefficients,
  type DrawOptions,
  type DrawSummary,
  resolveDrawOptions,
  summarizeDraws,
} from "./coefficient_draws.ts";
import {
  adstockedSpend,
  channelSpend,
  type GeoOptions,
  type MediaData,
  type MediaModel,
  resolveGeos,
  responseFromAdstock,
  validateMediaModel,
} from "./media_model.ts";
import { groupRanges } from "../features/panel.ts";

/** Per-row contributions of every channel. */
export interface Contributions {
  /** Channel names, model order. */
  readonly channels: readonly string[];
  /** Rows. */
  readonly n: number;
  /** Contribution per row, by channel name. */
  readonly perRow: Readonly<Record<string, Float64Array>>;
  /** Sum of all channels' contributions per row: `ŷ(actual) − ŷ(all media at zero)` for this additive model. */
  readonly media: Float64Array;
  /** Total contribution over the rows, by channel. */
  readonly total: Readonly<Record<string, number>>;
  /** Total spend over the rows, by channel. */
  readonly spend: Readonly<Record<string, number>>;
}

/** Contribution, spend and ROI of one channel over the rows. */
export interface ChannelRoi {
  /** The channel's name in the media model (its spend column's name for a single column). */
  readonly channel: string;
  /** Total spend `Σ_t x_t`. */
  readonly spend: number;
  /** Total contribution `Σ_t contribution_t`. */
  readonly contribution: number;
  /** `contribution / spend` (`NaN` when spend is 0). */
  readonly roi: number;
}

/** {@link ChannelRoi} with its simulated sampling uncertainty. */
export interface ChannelRoiUncertainty extends ChannelRoi {
  /** Contribution over the coefficient draws. */
  readonly contributionDraws: DrawSummary;
  /** ROI over the coefficient draws (`NaN`s when spend is 0). */
  readonly roiDraws: DrawSummary;
}

/**
 * Per-row counterfactual contributions of every channel (see the module doc), adstock within each geo.
 *
 * @param model a fitted media model
 * @param ds spend columns (and `geos` on a panel, rows sorted by geo then date)
 * @param options `geos`: geo key per row (default `ds.geos`; `null` for one series)
 * @example
 * ```ts ignore
 * const c = contributions(model, ds);
 * c.total.tv / c.spend.tv; // tv's ROI
 * ```
 */
export function contributions(model: MediaModel, ds: MediaData, options: GeoOptions = {}): Contributions {
  validateMediaModel(model);
  const geos = resolveGeos(ds, options);
  const ranges = geos ? groupRanges(geos) : undefined;
  const perRow: Record<string, Float64Array> = {};
  const total: Record<string, number> = {};
  const spend: Record<string, number> = {};
  const media = new Float64Array(ds.n);
  for (const c of model.channels) {
    const x = channelSpend(ds, c);
    const r = responseFromAdstock(c, adstockedSpend(c, x, ranges));
    perRow[c.name] = r;
    let sr = 0, sx = 0;
    for (let t = 0; t < ds.n; t++) {
      sr += r[t];
      sx += x[t];
      media[t] += r[t];
    }
    total[c.name] = sr;
    spend[c.name] = sx;
  }
  return { channels: model.channels.map((c) => c.name), n: ds.n, perRow, media, total, spend };
}

/**
 * Total contribution, total spend and ROI = contribution / spend per channel, in model order.
 *
 * @example
 * ```ts ignore
 * roi(model, ds); // [{ channel: "tv", spend: 1.2e6, contribution: 2.9e6, roi: 2.4 }, …]
 * ```
 */
export function roi(model: MediaModel, ds: MediaData, options: GeoOptions = {}): ChannelRoi[] {
  const c = contributions(model, ds, options);
  return c.channels.map((name) => ({
    channel: name,
    spend: c.spend[name],
    contribution: c.total[name],
    roi: c.spend[name] > 0 ? c.total[name] / c.spend[name] : NaN,
  }));
}

/**
 * ROI with parametric (Krinsky–Robb) uncertainty: draws `β⁽ʳ⁾ ~ N(β̂, coefCov)` (seeded), recomputes each
 * channel's contribution and ROI per draw, and summarizes them (mean, sd, percentile interval at `level`).
 *
 * Contributions are linear in the coefficients (`contribution_c = β_c · Σ_t (g_c(a_t) − g_c(0)) / scale_c`),
 * so each draw costs O(channels). The transform parameters (adstock, saturation) are held at their chosen
 * values: their uncertainty (they were picked by a cross-validated search) is not in the interval, which is
 * therefore too narrow. See `coefficient_draws.ts` for the references.
 *
 * @param model a fitted media model with `coefCov`
 * @param ds spend columns (and geos)
 * @param options `seed` (required), `draws` (default 1000), `level` (default 0.95), `geos`
 * @throws ModelError when the model has no `coefCov` or it is not positive (semi)definite
 * @example
 * ```ts ignore
 * roiWithUncertainty(model, ds, { seed: 1 })[0].roiDraws; // { mean, sd, lower, upper }
 * ```
 */
export function roiWithUncertainty(
  model: MediaModel,
  ds: MediaData,
  options: DrawOptions & GeoOptions,
): ChannelRoiUncertainty[] {
  const { draws, seed, level } = resolveDrawOptions(options);
  const point = roi(model, ds, options);
  const beta = drawModelCoefficients(model, draws, seed);
  const m = model.channels.length;
  return point.map((p, j) => {
    const coef = model.channels[j].coef;
    // The contribution is linear in β_j: contribution(β) = β · (contribution per unit of β).
    const perUnit = unitContribution(model, ds, j, options, coef, p.contribution);
    const cd = new Float64Array(draws), rd = new Float64Array(draws);
    for (let r = 0; r < draws; r++) {
      cd[r] = beta[r * m + j] * perUnit;
      rd[r] = p.spend > 0 ? cd[r] / p.spend : NaN;
    }
    return {
      ...p,
      contributionDraws: summarizeDraws(cd, level),
      roiDraws: p.spend > 0 ? summarizeDraws(rd, level) : { mean: NaN, sd: NaN, lower: NaN, upper: NaN },
    };
  });
}

/**
 * Draws the model's channel coefficients (`draws × m`, row-major, channel order) from `N(β̂, coefCov)`.
 *
 * @throws ModelError when `coefCov` is missing
 * @example
 * ```ts ignore
 * drawModelCoefficients(model, 1000, 42); // Float64Array(1000 * model.channels.length)
 * ```
 */
export function drawModelCoefficients(model: MediaModel, draws: number, seed: number): Float64Array {
  validateMediaModel(model);
  if (!model.coefCov) {
    throw new ModelError(
      "the model has no coefCov (covariance of the channel coefficients); uncertainty needs one",
    );
  }
  const mean = Float64Array.from(model.channels, (c) => c.coef);
  return drawCoefficients(mean, model.coefCov, draws, seed, model.channels.map((c) => c.name));
}

/** Contribution per unit of the coefficient, `Σ_t (g(a_t) − g(0)) / scale`. */
function unitContribution(
  model: MediaModel,
  ds: MediaData,
  j: number,
  options: GeoOptions,
  coef: number,
  contribution: number,
): number {
  if (coef !== 0) return contribution / coef;
  // β̂ = 0: recompute with a unit coefficient.
  const one = { channels: [{ ...model.channels[j], coef: 1 }] };
  return contributions(one, ds, options).total[model.channels[j].name];
}

export * from "./model_replicates.ts";
