/**
 * Notebook 07's geo sections laid out for display: the run and evidence it saves, the rows of its curve, return
 * and scenario tables and charts, and the sentences whose words depend on the results (`geoRecommendations`);
 * the reallocation's are in `recommendations_view_geo_moves.ts`. Each function takes only the fields it reads, so it is
 * tested on small constructed inputs; the notebook renders what these return.
 *
 * @module
 */
import type { GeoReturnRow, GeoScenarioRow } from "./geo_recommendations.ts";

/** The fields of the geo pipeline's result (`GeoPipelineResult`) that {@link geoRunResults} saves. */
export interface GeoRunSource {
  /** The bootstrap that ran (absent without it). */
  readonly bootstrap?: { readonly replicates: number };
  /** Notes on the data. */
  readonly notes: readonly string[];
  /** Out-of-sample fit: mean and sd over folds of the within-geo R². */
  readonly crossValidation: {
    readonly mean: { readonly withinR2: number };
    readonly sd: { readonly withinR2: number };
  };
  /** In-sample fit of the model. */
  readonly model: { readonly fit: { readonly stats: { readonly withinRsquared: number } } };
  /** The evidence gate. */
  readonly gate: { readonly passed: boolean; readonly reason: string; readonly checks: unknown };
  /** Whether the contributions are plausible. */
  readonly plausibility: { readonly verdict: string };
}

/** The run and evidence notebook 07 saves first: {@link geoRunResults}. */
export interface GeoRunResults {
  /** Multiples of current spend each channel may move between. */
  readonly bounds: { readonly min: number; readonly max: number };
  /** Coefficient draws behind the intervals without the bootstrap. */
  readonly draws: number;
  /** The bootstrap's replicate models, or null without the bootstrap. */
  readonly replicates: number | null;
  /** Seed of this notebook's draws. */
  readonly seed: number;
  /** Seed of the geo model's run (notebook 05's). */
  readonly geoSeed: number;
  /** Notes on the data. */
  readonly notes: readonly string[];
  /** Out-of-sample and in-sample fit, the evidence gate and the plausibility verdict. */
  readonly evidence: {
    /** Mean within-geo R² over the CV folds. */
    readonly withinR2: number;
    /** Its standard deviation over folds. */
    readonly withinR2Sd: number;
    /** In-sample within-geo R². */
    readonly inSampleWithinR2: number;
    /** The gate's outcome, reason and checks. */
    readonly gate: { readonly passed: boolean; readonly reason: string; readonly checks: unknown };
    /** The plausibility verdict of the contributions. */
    readonly plausibility: string;
  };
}

/**
 * The run's settings and the geo model's evidence as saved in notebook 07's results.
 *
 * @param geo the geo pipeline's result
 * @param rec `geoRecommendations(geo, …)`: its bounds, draws and seed
 * @param geoSeed the geo model's seed
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const geo = { notes: [], crossValidation: { mean: { withinR2: 0.5 }, sd: { withinR2: 0.1 } },
 *   model: { fit: { stats: { withinRsquared: 0.6 } } }, gate: { passed: true, reason: "", checks: [] },
 *   plausibility: { verdict: "plausible" } };
 * const r = geoRunResults(geo, { bounds: { min: 0.7, max: 1.3 }, draws: 10, seed: 1 }, 2);
 * assertClose(r.replicates, null, 0);
 * ```
 */
export function geoRunResults(
  geo: GeoRunSource,
  rec: {
    readonly bounds: { readonly min: number; readonly max: number };
    readonly draws: number;
    readonly seed: number;
  },
  geoSeed: number,
): GeoRunResults {
  return {
    bounds: rec.bounds,
    draws: rec.draws,
    replicates: geo.bootstrap?.replicates ?? null,
    seed: rec.seed,
    geoSeed,
    notes: geo.notes,
    evidence: {
      withinR2: geo.crossValidation.mean.withinR2,
      withinR2Sd: geo.crossValidation.sd.withinR2,
      inSampleWithinR2: geo.model.fit.stats.withinRsquared,
      gate: { passed: geo.gate.passed, reason: geo.gate.reason, checks: geo.gate.checks },
      plausibility: geo.plausibility.verdict,
    },
  };
}

/**
 * The data notes as a markdown block before the evidence sentence: a heading and one bullet per note (each
 * through `label`, e.g. column names to display names), ending in a blank line; empty without notes.
 *
 * @param notes the pipeline's notes on the data (`GeoPipelineResult.notes`)
 * @param label turns a note into the words a reader sees (default: as written)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(dataNotesText([]), "", 0);
 * assertClose(dataNotesText(["tv_spend is sparse."]), "Notes on the data (see notebook 05):\n\n- tv_spend is sparse.\n\n", 0);
 * ```
 */
export function dataNotesText(notes: readonly string[], label: (note: string) => string = (n) => n): string {
  if (notes.length === 0) return "";
  return `Notes on the data (see notebook 05):\n\n${notes.map((n) => `- ${label(n)}`).join("\n")}\n\n`;
}

/** One channel's curve for the all-channels response chart (`allResponseCurvesChart`). */
export interface CurveChartRow<P> {
  /** The input file's column (the chart names it). */
  readonly channel: string;
  /** The curve's points, as the model computed them. */
  readonly points: P;
  /** Today's total spend (the filled dot). */
  readonly currentSpend: number;
  /** The recommended (or optimum) spend for the diamond; undefined when no move may be shown. */
  readonly recommendedSpend: number | undefined;
}

/**
 * The geo response curves with the reallocated spend marked only where the reallocation is recommended.
 *
 * @param curves the response curves (`GeoRecommendations.curves`)
 * @param allocation the same-budget optimum (`GeoRecommendations.allocation`)
 * @param recommendation whether the move is shown
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const rows = geoCurveChartRows(
 *   [{ channel: "tv", points: [], currentSpend: 10 }],
 *   { channels: [{ channel: "tv", optimalSpend: 12 }] },
 *   { shown: true },
 * );
 * assertClose(rows[0].recommendedSpend!, 12, 0);
 * ```
 */
export function geoCurveChartRows<P>(
  curves: readonly { readonly channel: string; readonly points: P; readonly currentSpend: number }[],
  allocation: { readonly channels: readonly { readonly channel: string; readonly optimalSpend: number }[] },
  recommendation: { readonly shown: boolean },
): CurveChartRow<P>[] {
  const optimum = new Map(allocation.channels.map((c) => [c.channel, c.optimalSpend]));
  return curves.map((c) => ({
    channel: c.channel,
    points: c.points,
    currentSpend: c.currentSpend,
    recommendedSpend: recommendation.shown ? optimum.get(c.channel) : undefined,
  }));
}

/** A row of the average and marginal return table: `GeoReturnRow` with a display name, true ROI when known. */
export type GeoReturnTableRow = Omit<GeoReturnRow, "trueRoi"> & {
  /** True ROI: only with ground truth, NaN for a channel the truth does not know. */
  readonly trueRoi?: number;
};

/**
 * The average and marginal return table: each row's channel by its display name, and the true ROI column
 * only when the data have ground truth (NaN for a channel without one, e.g. a merged channel).
 *
 * @param returns `GeoRecommendations.returns`
 * @param hasTruth whether ground truth was given
 * @param label display name of a channel (default: the column)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const r = { channel: "tv", spend: 1, roi: 2, lower: 1, upper: 3, verdict: "positive" as const,
 *   marginalRoi: 1, marginalLower: 0.5, marginalUpper: 1.5 };
 * assertClose(geoReturnTableRows([r], true)[0].trueRoi!, NaN, 0);
 * ```
 */
export function geoReturnTableRows(
  returns: readonly GeoReturnRow[],
  hasTruth: boolean,
  label: (channel: string) => string = (c) => c,
): GeoReturnTableRow[] {
  return returns.map((r) => ({
    channel: label(r.channel),
    spend: r.spend,
    roi: r.roi,
    lower: r.lower,
    upper: r.upper,
    verdict: r.verdict,
    marginalRoi: r.marginalRoi,
    marginalLower: r.marginalLower,
    marginalUpper: r.marginalUpper,
    ...(hasTruth ? { trueRoi: r.trueRoi ?? NaN } : {}),
  }));
}

/** One channel of the marginal ROI chart (`marginalRoiChart`). */
export interface MarginalRoiChartRow {
  /** The input file's column. */
  readonly channel: string;
  /** Marginal ROI now, target per unit of spend. */
  readonly marginalRoi: number;
  /** Lower end of its 95% interval (NaN when none). */
  readonly lower: number;
  /** Upper end of its 95% interval (NaN when none). */
  readonly upper: number;
}

/**
 * The geo marginal ROI chart's rows: each channel's marginal ROI with its interval.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const r = { channel: "tv", spend: 1, roi: 2, lower: 1, upper: 3, verdict: "positive" as const,
 *   marginalRoi: 1, marginalLower: 0.5, marginalUpper: 1.5 };
 * assertClose(geoMarginalChartRows([r])[0].upper, 1.5, 0);
 * ```
 */
export function geoMarginalChartRows(returns: readonly GeoReturnRow[]): MarginalRoiChartRow[] {
  return returns.map((r) => ({
    channel: r.channel,
    marginalRoi: r.marginalRoi,
    lower: r.marginalLower,
    upper: r.marginalUpper,
  }));
}

/**
 * Whether the target is money, so that a return of 1 (a unit of target per unit of spend) is break-even.
 *
 * @param targetUnit the dataset's `roles.targetUnit`
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(moneyTarget("units"), false, 0);
 * ```
 */
export function moneyTarget(targetUnit: string | undefined): boolean {
  return targetUnit === "currency";
}

/**
 * The break-even return a chart marks: 1 (a unit of target per unit of spend) for a money target; none
 * (null) for a target counted in units, whose break-even depends on a unit's value.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(breakEvenLine("currency")!, 1, 0);
 * ```
 */
export function breakEvenLine(targetUnit: string | undefined): 1 | null {
  return moneyTarget(targetUnit) ? 1 : null;
}

/**
 * Every amount the scenario table shows (each change and its interval), for a formatter that puts them on
 * one scale.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const s = { scenario: "tv +20%", spendChange: 1, change: 5, lower: 2, upper: 8, perSpend: 5,
 *   verdict: "positive" as const };
 * assertClose(scenarioAmounts([s]).join(","), "5,2,8", 0);
 * ```
 */
export function scenarioAmounts(rows: readonly GeoScenarioRow[]): number[] {
  return rows.flatMap((r) => [r.change, r.lower, r.upper]);
}

/**
 * The scenario table's rows with each scenario named as a reader reads it (`label`, e.g. "TV +20%"); the
 * results keep the column names.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const s = { scenario: "tv +20%", spendChange: 1, change: 5, lower: 2, upper: 8, perSpend: 5,
 *   verdict: "positive" as const };
 * assertClose(scenarioTableRows([s], (x) => x.toUpperCase())[0].scenario, "TV +20%", 0);
 * ```
 */
export function scenarioTableRows(
  rows: readonly GeoScenarioRow[],
  label: (scenario: string) => string = (s) => s,
): GeoScenarioRow[] {
  return rows.map((r) => ({ ...r, scenario: label(r.scenario) }));
}

/**
 * The scenario chart's rows: each scenario's display name, modelled change and its 95% interval.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const s = { scenario: "tv +20%", spendChange: 1, change: 5, lower: 2, upper: 8, perSpend: 5,
 *   verdict: "positive" as const };
 * assertClose(scenarioChartRows([s])[0].estimate, 5, 0);
 * ```
 */
export function scenarioChartRows(
  rows: readonly GeoScenarioRow[],
  label: (scenario: string) => string = (s) => s,
): { readonly label: string; readonly estimate: number; readonly lower: number; readonly upper: number }[] {
  return rows.map((r) => ({ label: label(r.scenario), estimate: r.change, lower: r.lower, upper: r.upper }));
}
