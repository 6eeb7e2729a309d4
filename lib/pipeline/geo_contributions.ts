/**
 * The geo model's contributions as `geoPipeline` reports them: each channel's share of the media effect
 * against its share of spend, contributions by geo, year, month and channel (and as monthly series), the
 * modelled total, and whether the contributions are plausible beside it (`contributionPlausibility`).
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { type ContributionPlausibility, contributionPlausibility } from "../evaluate/verdicts.ts";
import {
  contributionsByPeriod,
  monthlyContributionSeries,
  type PeriodContribution,
} from "../decompose/contributions_by_period.ts";
import type { GeoModel } from "../decompose/geo_model.ts";
import { type ChannelShare, shareOfEffectVsSpend } from "../decompose/share_of_effect.ts";
import type { GeoRoiRow, GeoSentenceFormat } from "./geo_types.ts";

/** Contributions and their plausibility ({@link geoContributions}). */
export interface GeoContributions {
  /** Per channel: share of the media effect against share of spend (`shareOfEffectVsSpend`). */
  readonly shares: ChannelShare[];
  /** Contributions in target units by geo, year, month and channel (`contributionsByPeriod`). */
  readonly byPeriod: PeriodContribution[];
  /**
   * Monthly contributions (`monthlyContributionSeries`): `dates` the first day of each month in the panel,
   * ISO, sorted; `series` per channel, one value per date in target units summed over geos (NaN for a month
   * without the channel).
   */
  readonly monthly: { dates: string[]; series: Record<string, Float64Array> };
  /** Sum of the fitted target over every row, in target units (the plausibility checks' denominator). */
  readonly modelledTotal: number;
  /** Whether each channel's contribution is plausible beside the modelled total. */
  readonly plausibility: ContributionPlausibility;
}

/**
 * Decomposes the fitted target into channel contributions by period and checks them against the modelled
 * total (paid channels: the modelled ones).
 *
 * @param model the fitted geo model
 * @param dataset the modelled panel
 * @param roi the ROI rows (their point contributions)
 * @param paid the modelled channels
 * @param format how amounts of the target are written
 */
export function geoContributions(
  model: GeoModel,
  dataset: Dataset,
  roi: readonly GeoRoiRow[],
  paid: readonly string[],
  format: GeoSentenceFormat,
): GeoContributions {
  const { fit, mediaModel } = model;
  const shares = shareOfEffectVsSpend(mediaModel, dataset);
  const byPeriod = contributionsByPeriod(mediaModel, dataset, { by: ["geo", "year", "month", "channel"] });
  const monthly = monthlyContributionSeries(
    contributionsByPeriod(mediaModel, dataset, { by: ["year", "month", "channel"] }),
  );
  let modelledTotal = 0;
  for (let i = 0; i < fit.fitted.length; i++) modelledTotal += fit.fitted[i];
  const plausibility = contributionPlausibility(
    roi.map((r) => ({ channel: r.channel, contribution: r.contribution })),
    modelledTotal,
    { paid, format: format.amount, target: dataset.roles.target },
  );
  return { shares, byPeriod, monthly, modelledTotal, plausibility };
}
