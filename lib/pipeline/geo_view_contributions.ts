/**
 * Notebook 05's view of where the modelled target comes from: the baseline and channel contributions summed
 * over geos (waterfall and stacked areas), share of spend beside share of effect, and the contributions by
 * geo, year, month and channel (export, monthly series, the largest cells).
 *
 * @module
 */
import { channelLabel } from "../data/labels.ts";
import type { TargetUnit } from "../data/types.ts";
import type { PeriodContribution } from "../decompose/contributions_by_period.ts";
import { type DecompositionByDate, decompositionByDate } from "../decompose/decomposition_by_date.ts";
import type { ChannelShare } from "../decompose/share_of_effect.ts";
import type { GeoPipelineResult } from "./geo_types.ts";

/**
 * The axis unit of an amount of target: "money" for a currency target, "number" for a count.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(amountAxisUnit("units"), "number", 1e-9);
 * ```
 */
export function amountAxisUnit(unit: TargetUnit): "money" | "number" {
  return unit === "currency" ? "money" : "number";
}

/** The modelled target split into baseline and channels, ready for the waterfall and the area chart. */
export interface GeoDecompositionView {
  /** Baseline and channel contributions per date, summed over geos (`results.decomposition`). */
  readonly decomposition: DecompositionByDate;
  /** The waterfall's bars: the baseline, then each channel's total contribution by display name. */
  readonly waterfall: {
    /** Baseline summed over every row. */
    readonly baseline: number;
    /** One bar per channel, in the model's order. */
    readonly channels: readonly { readonly label: string; readonly contribution: number }[];
  };
  /** Every amount the waterfall labels (baseline, modelled total, each channel), to choose one format. */
  readonly waterfallAmounts: number[];
  /** The stacked areas: dates, the baseline and each channel's series by display name. */
  readonly overTime: {
    /** ISO dates, ascending. */
    readonly dates: readonly string[];
    /** Baseline per date. */
    readonly baseline: Float64Array;
    /** Contribution per date, by display name, in the model's order. */
    readonly channels: Readonly<Record<string, Float64Array>>;
  };
  /** The axis unit of the amounts. */
  readonly unit: "money" | "number";
}

/**
 * The decomposition of the fitted target by date (`decompositionByDate` on the geo model) and the inputs of
 * its two charts.
 *
 * @example
 * ```ts ignore
 * const d = geoDecompositionView(geo);
 * contributionWaterfallChart({ ...d.waterfall, totalLabel: "Modelled total" }, { unit: d.unit });
 * ```
 */
export function geoDecompositionView(
  geo: Pick<GeoPipelineResult, "model" | "dataset" | "targetUnit">,
): GeoDecompositionView {
  const decomposition = decompositionByDate(geo.model.mediaModel, geo.dataset, geo.model.fit.fitted);
  const totals = decomposition.totals;
  return {
    decomposition,
    waterfall: {
      baseline: totals.baseline,
      channels: geo.model.mediaModel.channels.map((c) => ({
        label: channelLabel(c.name),
        contribution: totals.channels[c.name],
      })),
    },
    waterfallAmounts: [totals.baseline, totals.fitted, ...Object.values(totals.channels)],
    overTime: {
      dates: decomposition.dates,
      baseline: decomposition.baseline,
      channels: byLabel(decomposition.channels),
    },
    unit: amountAxisUnit(geo.targetUnit),
  };
}

/** Series keyed by column name, re-keyed by display name (order kept). */
function byLabel<T>(series: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(series).map(([c, s]) => [channelLabel(c), s]));
}

/** A channel's share of spend and of effect, for `shareComparisonChart`. */
export interface GeoShareRow {
  /** The channel's display name. */
  readonly label: string;
  /** Share of media spend. */
  readonly spendShare: number;
  /** Share of the media effect. */
  readonly effectShare: number;
  /** Its ROI. */
  readonly roi: number;
}

/**
 * Each channel's share of spend and of effect with its ROI, by display name.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const rows = geoShareRows([{ channel: "tv_spend", spend: 1, spendShare: 0.5, contribution: 2,
 *   effectShare: 0.6, difference: 0.1, roi: 2 }]);
 * assertClose(rows, [{ label: "TV", spendShare: 0.5, effectShare: 0.6, roi: 2 }], 1e-9);
 * ```
 */
export function geoShareRows(shares: readonly ChannelShare[]): GeoShareRow[] {
  return shares.map((s) => ({
    label: channelLabel(s.channel),
    spendShare: s.spendShare,
    effectShare: s.effectShare,
    roi: s.roi,
  }));
}

/** A table the report writes as a CSV file beside the results (`results.exports`). */
export interface GeoContributionExport {
  /** Its columns, in order. */
  readonly columns: readonly string[];
  /** Its rows. */
  readonly rows: readonly PeriodContribution[];
  /** What the file holds, in one sentence. */
  readonly description: string;
}

/**
 * The export of spend, contribution and ROI per geo, year, month and channel
 * (`roi_contribution_geo_year_month.csv`).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const e = geoContributionExports({ target: "sales", contributionsByGeoYearMonthChannel: [] });
 * assertClose(e.roi_contribution_geo_year_month.columns.length, 7, 0);
 * ```
 */
export function geoContributionExports(
  geo: Pick<GeoPipelineResult, "target" | "contributionsByGeoYearMonthChannel">,
): { readonly roi_contribution_geo_year_month: GeoContributionExport } {
  return {
    roi_contribution_geo_year_month: {
      columns: ["geo", "year", "month", "channel", "spend", "contribution", "roi"],
      rows: geo.contributionsByGeoYearMonthChannel,
      description:
        `Spend, contribution to ${geo.target} and ROI per geo, year, month and channel (geo model, ` +
        `counterfactual contributions; ROI empty where a month has no spend)`,
    },
  };
}

/**
 * The monthly contribution series by display name (for `timeSeriesChart` with `monthly.dates`).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(Object.keys(geoMonthlyByLabel({ monthly: { series: { tv_spend: new Float64Array() } } })), ["TV"], 1e-9);
 * ```
 */
export function geoMonthlyByLabel(
  geo: { readonly monthly: { readonly series: Readonly<Record<string, Float64Array>> } },
): Record<string, Float64Array> {
  return byLabel(geo.monthly.series);
}

/** The largest cells of the geo × year × month × channel table. */
export interface GeoLargestCells {
  /** The `count` cells with the largest contribution, largest first, channels by display name. */
  readonly rows: PeriodContribution[];
  /** How many cells the whole table has. */
  readonly cells: number;
  /** Every cell's contribution (to choose one format for the column). */
  readonly contributions: number[];
}

/**
 * The `count` geo × year × month × channel cells with the largest contribution (a stable sort: ties keep the
 * table's order), with the table's size.
 *
 * @param count how many cells (default 10)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const cell = (contribution: number) => ({ geo: "a", year: 2024, month: 1, channel: "tv_spend", spend: 1, contribution, roi: contribution });
 * const top = largestContributionCells([cell(1), cell(3), cell(2)], 2);
 * assertClose(top.rows.map((r) => r.contribution), [3, 2], 0);
 * ```
 */
export function largestContributionCells(rows: readonly PeriodContribution[], count = 10): GeoLargestCells {
  const largest = [...rows].sort((a, b) => b.contribution - a.contribution).slice(0, count);
  return {
    rows: largest.map((r) => ({ ...r, channel: channelLabel(r.channel!) })),
    cells: rows.length,
    contributions: rows.map((r) => r.contribution),
  };
}
