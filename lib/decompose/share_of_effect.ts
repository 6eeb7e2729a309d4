/**
 * Share of effect versus share of spend (Robyn's "share of spend vs. share of effect" decomposition chart):
 * for each channel, its part of the total media contribution beside its part of the total media spend.
 *
 * ```
 * effectShare_c = contribution_c / Σ_k contribution_k,     spendShare_c = spend_c / Σ_k spend_k
 * ```
 *
 * A channel whose effect share exceeds its spend share returns more than the media average per unit of spend
 * (its ROI is above the pooled media ROI `Σ contribution / Σ spend`): `effectShare_c / spendShare_c =
 * roi_c / pooled ROI`. Shares read cleanly when every contribution is positive; a negative contribution (a
 * negative coefficient) gives a negative share and pushes the others above their "real" part.
 *
 * Reference: Robyn's one-pager, "Share of Spend vs. Share of Effect" (`robyn_onepagers`, `xDecompAgg`'s
 * `spend_share` and `effect_share`), <https://facebookexperimental.github.io/Robyn/docs/outputs-diagnostics/>.
 *
 * @module
 */

import { contributions } from "./contributions.ts";
import type { GeoOptions, MediaData, MediaModel } from "./media_model.ts";

/** One channel's shares. */
export interface ChannelShare {
  /** The channel's name in the media model. */
  readonly channel: string;
  /** Total spend over the rows. */
  readonly spend: number;
  /** `spend / Σ spend` over the model's channels. */
  readonly spendShare: number;
  /** Total counterfactual contribution over the rows (`contributions.ts`), in target units. */
  readonly contribution: number;
  /** `contribution / Σ contribution` over the model's channels. */
  readonly effectShare: number;
  /** `effectShare − spendShare`: positive when the channel earns more than its share of the budget. */
  readonly difference: number;
  /** ROI `contribution / spend` (`NaN` without spend). */
  readonly roi: number;
}

/**
 * Share of total media contribution versus share of total media spend, per channel in model order (see the
 * module doc). Shares are `NaN` when the total they divide by is 0.
 *
 * @example
 * ```ts ignore
 * shareOfEffectVsSpend(model, ds); // [{ channel: "tv", spendShare: 0.4, effectShare: 0.5, difference: 0.1, … }, …]
 * ```
 */
export function shareOfEffectVsSpend(
  model: MediaModel,
  ds: MediaData,
  options: GeoOptions = {},
): ChannelShare[] {
  const c = contributions(model, ds, options);
  let totalSpend = 0, totalEffect = 0;
  for (const name of c.channels) {
    totalSpend += c.spend[name];
    totalEffect += c.total[name];
  }
  return c.channels.map((name) => {
    const spendShare = totalSpend !== 0 ? c.spend[name] / totalSpend : NaN;
    const effectShare = totalEffect !== 0 ? c.total[name] / totalEffect : NaN;
    return {
      channel: name,
      spend: c.spend[name],
      spendShare,
      contribution: c.total[name],
      effectShare,
      difference: effectShare - spendShare,
      roi: c.spend[name] > 0 ? c.total[name] / c.spend[name] : NaN,
    };
  });
}
