/**
 * The true media model of the bundled geo panel (from `data/truth.json`), in the same form as a fitted one, so
 * that a recommendation made from the estimated model can be evaluated under the process that generated the
 * data.
 *
 * @module
 */
import type { GeoTruth } from "../data/truth.ts";
import { truthKey } from "../data/truth.ts";
import type { MediaModel } from "./media_model.ts";

/**
 * `β_c · log(1 + adstock(x_c, θ_c) / s_c)` per media column with the true θ, s and β.
 *
 * @example
 * ```ts ignore
 * scenario(mediaModelFromGeoTruth(truth.geo, geo.roles.media), geo, { tv_spend: 1.1 }).change;
 * ```
 */
export function mediaModelFromGeoTruth(truth: GeoTruth, mediaColumns: readonly string[]): MediaModel {
  return {
    channels: mediaColumns.map((column) => {
      const t = truth.channels[truthKey(column) as keyof GeoTruth["channels"]];
      if (!t) throw new RangeError(`the truth has no channel for "${column}" (key "${truthKey(column)}")`);
      return {
        name: column,
        column,
        adstock: { type: "geometric", theta: t.theta },
        saturation: { type: "log1p", scale: t.scale },
        coef: t.beta,
      };
    }),
  };
}
