/**
 * Everything notebook 01 (exploratory data analysis) shows and publishes, from the two input files in one
 * call: `edaSummary(weekly, geo, options)` runs the envelope checks and every descriptive summary, and
 * returns the rows, series and sentences the notebook lays out; `edaResults` is the notebook's results
 * JSON. Descriptive only: nothing here is a causal estimate.
 *
 * The parts live in `eda_envelope.ts` (findings, loader repairs, unusable columns), `eda_spend.ts`
 * (channels, zero-spend weeks, spend shares), `eda_target.ts` (shape and anomalies of the target),
 * `eda_correlations.ts`, `eda_drivers.ts` (promotion and price) and `eda_geo.ts`; this module re-exports
 * them.
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { checkEnvelope, type EnvelopeReport } from "../data/envelope.ts";
import type { ScreenAnomalyOptions } from "../features/anomalies.ts";
import { num, pct, targetFormat } from "../plot/format.ts";
import { type ProfileRow, profileRows, seasonalProfile, seasonalSwing } from "./profile.ts";
import {
  type EdaIdentification,
  edaIdentification,
  type EnvelopeFindingRow,
  envelopeFindingRows,
  loadWarningsText,
} from "./eda_envelope.ts";
import {
  type EdaChannels,
  edaChannels,
  type EdaSpendShares,
  edaSpendShares,
  type EdaZeroSpend,
  edaZeroSpend,
} from "./eda_spend.ts";
import { type EdaAnomalies, edaAnomalies, type EdaTargetShape, edaTargetShape } from "./eda_target.ts";
import {
  edaCorrelationColumns,
  type EdaCorrelations,
  edaCorrelations,
  type EdaSocialMediator,
  edaSocialMediator,
} from "./eda_correlations.ts";
import { type EdaPrice, edaPrice, type EdaPromotion, edaPromotion, promotionGroups } from "./eda_drivers.ts";
import { type EdaGeo, edaGeo, type EdaGeoTotals, edaGeoTotals } from "./eda_geo.ts";

export * from "./eda_envelope.ts";
export * from "./eda_spend.ts";
export * from "./eda_target.ts";
export * from "./eda_correlations.ts";
export * from "./eda_drivers.ts";
export * from "./eda_geo.ts";

/** Options of {@link edaSummary}. */
export interface EdaOptions {
  /** The anomaly screen's Hampel window and threshold (`screenAnomalies`). */
  readonly anomaly: ScreenAnomalyOptions;
  /** `|r|` at or above which a pair of national columns is listed as strongly correlated, in (0, 1]. */
  readonly strongPair: number;
}

/** The target's mean by month and by ISO week of year, and the sentence on the seasonal swing. */
export interface EdaSeasonality {
  /** Mean weekly target by calendar month (1-12), months present only. */
  readonly byMonth: readonly { readonly period: number; readonly mean: number; readonly count: number }[];
  /** Mean weekly target by ISO week of year (1-53), weeks present only. */
  readonly byWeek: readonly { readonly period: number; readonly mean: number; readonly count: number }[];
  /** Strongest and weakest month and the swing between them (`seasonalSwing`). */
  readonly sentence: string;
}

/** What notebook 01 shows, section by section. */
export interface EdaSummary {
  /** How many weeks, rows and geos were loaded, and their date ranges. */
  readonly loaded: string;
  /** Both files' envelope checks. */
  readonly envelope: { readonly weekly: EnvelopeReport; readonly geo: EnvelopeReport };
  /** Both files' envelope findings as rows; empty when neither has any (say `NO_ENVELOPE_FINDINGS`). */
  readonly findings: readonly EnvelopeFindingRow[];
  /** The loader's repairs and notes, national file first. */
  readonly warnings: readonly string[];
  /** The repairs and notes in words (`loadWarningsText`). */
  readonly warningsText: string;
  /** The national file's column profiles. */
  readonly weeklyProfile: readonly ProfileRow[];
  /** The panel's column profiles. */
  readonly geoProfileColumns: readonly ProfileRow[];
  /** Columns the models drop or merge (none: say `EVERY_COLUMN_IDENTIFIED`), and zero-in-some-geos columns. */
  readonly identification: EdaIdentification;
  /** The national channels, grouped. */
  readonly channels: EdaChannels;
  /** Zero-spend weeks per national channel. */
  readonly zeroSpend: EdaZeroSpend;
  /** Which weeks have the promotion flag on, for shading charts; undefined without a promotion column. */
  readonly promotionWeeks: readonly boolean[] | undefined;
  /** Each week's promotion status in words (`promotionGroups`); undefined without a promotion column. */
  readonly promotionGroups: readonly string[] | undefined;
  /** The shape of the national target. */
  readonly targetShape: EdaTargetShape;
  /** The anomalous weeks of the national target. */
  readonly anomalies: EdaAnomalies;
  /** Shares of paid spend. */
  readonly spendShares: EdaSpendShares;
  /** The national correlation matrix and its strong pairs. */
  readonly correlations: EdaCorrelations;
  /** Social channels against the mediator. */
  readonly socialMediator: EdaSocialMediator;
  /** Seasonal profiles of the national target. */
  readonly seasonality: EdaSeasonality;
  /** The raw promotion contrast. */
  readonly promotion: EdaPromotion;
  /** The first look at price. */
  readonly price: EdaPrice;
  /** The geos of the panel. */
  readonly geo: EdaGeo;
  /** The panel summed over geos. */
  readonly geoTotals: EdaGeoTotals;
}

/**
 * The sentence on what was loaded: weeks and date range of the national file, rows, geos and date range
 * (first and last row) of the panel.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * import { GEO_ROLES, WEEKLY_ROLES } from "../data/roles.ts";
 * const weekly = { source: "w", n: 1, dates: ["2024-01-01"], roles: WEEKLY_ROLES, warnings: [], columns: {} };
 * const geo = { ...weekly, roles: GEO_ROLES, geos: ["a"] };
 * assertClose(edaLoadedSentence(weekly, geo), "Loaded **1** weeks of national data (2024-01-01 to 2024-01-01) " +
 *   "and a geo panel of **1** rows (1 geos, 2024-01-01 to 2024-01-01).", 0);
 * ```
 */
export function edaLoadedSentence(weekly: Dataset, geo: Dataset): string {
  const geos = new Set(geo.geos).size;
  return `Loaded **${num(weekly.n)}** weeks of national data (${weekly.dates[0]} to ${
    weekly.dates[weekly.n - 1]
  }) and a geo panel of **${geo.n.toLocaleString("en-US")}** rows (${num(geos)} geos, ${geo.dates[0]} to ${
    geo.dates[geo.n - 1]
  }).`;
}

/**
 * The target's seasonal profiles by month and ISO week of year, and the sentence on the swing.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * import { WEEKLY_ROLES } from "../data/roles.ts";
 * const ds = { source: "w", n: 2, dates: ["2024-01-01", "2024-02-05"], roles: WEEKLY_ROLES, warnings: [],
 *   columns: { revenue: new Float64Array([100, 150]) } };
 * assertClose(edaSeasonality(ds).byMonth.map((m) => m.mean), [100, 150], 0);
 * ```
 */
export function edaSeasonality(ds: Dataset): EdaSeasonality {
  const y = ds.columns[ds.roles.target];
  const byMonth = seasonalProfile(y, ds.dates, "month");
  const byWeek = seasonalProfile(y, ds.dates, "weekOfYear");
  const amount = targetFormat(ds.roles.targetUnit, { name: ds.roles.target }).amount;
  return { byMonth, byWeek, sentence: seasonalSwing(byMonth, ds.n, { amount, pct }).sentence };
}

/**
 * Everything notebook 01 shows about a national weekly file and a geo panel: envelope checks, loader
 * repairs, column profiles, unusable columns, zero-spend weeks, target shape and anomalies, spend shares,
 * correlations, seasonality, promotion and price, and the geo profile.
 *
 * @param weekly the national weekly dataset (`loadDataset(…, { kind: "weekly" })`)
 * @param geo the geo panel (`loadDataset(…, { kind: "geo" })`)
 * @throws DataError when either file is outside the envelope (`checkEnvelope`)
 * @example
 * ```ts ignore
 * const eda = edaSummary(weekly, geo, { anomaly: { halfWindow: 2, threshold: 5 }, strongPair: 0.5 });
 * await show(md`${eda.zeroSpend.sentence}`);
 * ```
 */
export function edaSummary(weekly: Dataset, geo: Dataset, options: EdaOptions): EdaSummary {
  const envelope = { weekly: checkEnvelope(weekly, "weekly"), geo: checkEnvelope(geo, "geo") };
  const warnings = [...weekly.warnings, ...geo.warnings];
  const channels = edaChannels(weekly.roles);
  const promotion = weekly.roles.promotion;
  return {
    loaded: edaLoadedSentence(weekly, geo),
    envelope,
    findings: envelopeFindingRows(envelope.weekly, envelope.geo),
    warnings,
    warningsText: loadWarningsText(warnings),
    weeklyProfile: profileRows(weekly),
    geoProfileColumns: profileRows(geo),
    identification: edaIdentification(envelope.weekly, envelope.geo),
    channels,
    zeroSpend: edaZeroSpend(weekly, channels.national),
    promotionWeeks: promotion ? Array.from(weekly.columns[promotion], (p) => p === 1) : undefined,
    promotionGroups: promotionGroups(weekly),
    targetShape: edaTargetShape(weekly),
    anomalies: edaAnomalies(weekly, options.anomaly),
    spendShares: edaSpendShares(weekly, channels.paid),
    correlations: edaCorrelations(
      weekly,
      edaCorrelationColumns(weekly.roles, channels.paid, envelope.weekly),
      options.strongPair,
    ),
    socialMediator: edaSocialMediator(weekly),
    seasonality: edaSeasonality(weekly),
    promotion: edaPromotion(weekly, envelope.weekly),
    price: edaPrice(weekly, envelope.weekly),
    geo: edaGeo(geo),
    geoTotals: edaGeoTotals(geo),
  };
}

/**
 * Notebook 01's results JSON: every table it shows, machine-readable. Keys for a section the data rule out
 * are absent: `socialMediatorCorrelations` without a mediator or social channel, `promotionContrast`
 * without a usable promotion flag, `price` without a usable price, `geoPopulationCorrelation` without a
 * population column.
 *
 * @example
 * ```ts ignore
 * await publishResults("01_eda", edaResults(eda));
 * ```
 */
export function edaResults(eda: EdaSummary): Record<string, unknown> {
  const results: Record<string, unknown> = {
    envelope: eda.envelope,
    warnings: eda.warnings,
    weeklyProfile: eda.weeklyProfile,
    geoProfileColumns: eda.geoProfileColumns,
    identification: eda.identification,
    zeroSpend: eda.zeroSpend.rows,
    targetShape: eda.targetShape.result,
    anomalies: eda.anomalies.result,
    spendShares: eda.spendShares.shares,
    correlations: {
      names: eda.correlations.names,
      matrix: eda.correlations.matrix,
      strongPairs: eda.correlations.strongPairs,
      convention: eda.correlations.convention,
    },
  };
  if (eda.socialMediator.correlations) results.socialMediatorCorrelations = eda.socialMediator.correlations;
  results.seasonality = { byMonth: eda.seasonality.byMonth, byWeek: eda.seasonality.byWeek };
  if (eda.promotion.contrast) results.promotionContrast = eda.promotion.contrast;
  if (eda.price.analysis) results.price = eda.price.analysis;
  results.geoProfile = eda.geo.geos;
  if (eda.geo.populationCorrelation !== undefined) {
    results.geoPopulationCorrelation = eda.geo.populationCorrelation;
  }
  return results;
}
