/**
 * Notebook 05's opening sections from the geo pipeline's result: the panel in one paragraph, what the design
 * models (channels, controls, seasonality) and the notes, and the transform search's part of the results JSON.
 *
 * @module
 */
import { channelLabel } from "../data/labels.ts";
import type { TargetUnit } from "../data/types.ts";
import type { GeoSeasonality } from "../evaluate/geo_transforms.ts";
import type { GeoIdentification, GeoPipelineResult } from "./geo_types.ts";
import { plain } from "./geo_words.ts";

/** The panel's size and target, as notebook 05 publishes them first. */
export interface GeoPanelResults {
  /** Rows of the panel (geo-weeks). */
  readonly rows: number;
  /** Number of geos. */
  readonly geos: number;
  /** Number of distinct weeks. */
  readonly weeks: number;
  /** The target column. */
  readonly target: string;
  /** Money or a count. */
  readonly targetUnit: TargetUnit;
}

/**
 * The panel's size and target (the first entries of notebook 05's results).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const p = { rows: 8, geos: 2, weeks: 4, target: "sales", targetUnit: "currency" as const };
 * assertClose(geoPanelResults(p), p, 1e-9);
 * ```
 */
export function geoPanelResults(
  geo: Pick<GeoPipelineResult, "rows" | "geos" | "weeks" | "target" | "targetUnit">,
): GeoPanelResults {
  return { rows: geo.rows, geos: geo.geos, weeks: geo.weeks, target: geo.target, targetUnit: geo.targetUnit };
}

/**
 * What the target is measured in, as a reader says it: "money" for a currency target, "a count" for units.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(targetUnitWords("units"), "a count", 1e-9);
 * ```
 */
export function targetUnitWords(unit: TargetUnit): string {
  return unit === "currency" ? "money" : "a count";
}

/**
 * The paragraph that opens notebook 05: rows, geos and weeks read from `path`, the target and its unit, and
 * whether estimates are compared with a ground truth.
 *
 * @param path the file the panel was read from, as the reader gave it
 * @param hasTruth whether a ground truth was loaded (the bundled data)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const p = { rows: 1248, geos: 12, weeks: 104, target: "sales", targetUnit: "currency" as const };
 * assertClose(
 *   geoPanelSentence(p, "a.csv", false),
 *   "1,248 rows: 12 geos × 104 weeks from `a.csv`; the target is `sales` (money).\nNo ground truth for this file.",
 *   1e-9,
 * );
 * ```
 */
export function geoPanelSentence(
  geo: Pick<GeoPipelineResult, "rows" | "geos" | "weeks" | "target" | "targetUnit">,
  path: string,
  hasTruth: boolean,
): string {
  const truth = hasTruth
    ? "Ground truth available (bundled data): estimates are compared with it below."
    : "No ground truth for this file.";
  return `${geo.rows.toLocaleString("en-US")} rows: ${plain(geo.geos)} geos × ${
    plain(geo.weeks)
  } weeks from ` +
    `\`${path}\`; ` +
    `the target is \`${geo.target}\` (${targetUnitWords(geo.targetUnit)}).\n${truth}`;
}

/** What identification kept, merged and left out, as notebook 05 publishes it (`results.modelled`). */
export interface GeoModelledResults {
  /** Media channels modelled. */
  readonly channels: readonly string[];
  /** Controls modelled. */
  readonly controls: readonly string[];
  /** Channels merged by summing their spend, with why. */
  readonly merged: GeoIdentification["merged"];
  /** Columns left out: the column and the cause's code (the sentence is in the notes). */
  readonly dropped: readonly { readonly column: string; readonly reason: string }[];
}

/**
 * The identification step's outcome for the results JSON: channels, controls, merged channels, and each
 * column left out with its reason code.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const r = geoModelledResults({
 *   channels: ["tv_spend"], controls: [], merged: [],
 *   dropped: [{ column: "radio_spend", reason: "all-zero", sentence: "…" }],
 * });
 * assertClose(r.dropped, [{ column: "radio_spend", reason: "all-zero" }], 1e-9);
 * ```
 */
export function geoModelledResults(
  identification: Pick<GeoIdentification, "channels" | "controls" | "merged" | "dropped">,
): GeoModelledResults {
  return {
    channels: identification.channels,
    controls: identification.controls,
    merged: identification.merged,
    dropped: identification.dropped.map((d) => ({ column: d.column, reason: d.reason })),
  };
}

/**
 * The seasonality term as a reader says it: "a dummy per month", "one annual sine–cosine pair" or "none".
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(seasonalityWords("fourier"), "one annual sine–cosine pair", 1e-9);
 * ```
 */
export function seasonalityWords(seasonality: GeoSeasonality): string {
  return seasonality === "month_dummies"
    ? "a dummy per month"
    : seasonality === "fourier"
    ? "one annual sine–cosine pair"
    : "none";
}

/**
 * One sentence on what the geo model contains: its channels, its controls ("none" without any) and its
 * seasonality, columns by their display names.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(
 *   geoModelledSentence({ identification: { channels: ["tv_spend", "radio_spend"], controls: [] }, plan: { seasonality: "none" } }),
 *   "Modelled channels: TV, Radio. Controls: none; seasonality: none.",
 *   1e-9,
 * );
 * ```
 */
export function geoModelledSentence(geo: {
  readonly identification: Pick<GeoIdentification, "channels" | "controls">;
  readonly plan: { readonly seasonality: GeoSeasonality };
}): string {
  const { channels, controls } = geo.identification;
  const controlWords = controls.length > 0 ? controls.map((c) => channelLabel(c)).join(", ") : "none";
  return `Modelled channels: ${
    channels.map((c) => channelLabel(c)).join(", ")
  }. Controls: ${controlWords}; ` +
    `seasonality: ${seasonalityWords(geo.plan.seasonality)}.`;
}

/**
 * Notes as a markdown bullet list, one `- ` line each (empty text without notes), each passed through `label`
 * first (e.g. `labelText` with the roles' columns, so readers see display names).
 *
 * @param label rewrites a note for display (default: as it is)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(noteBullets(["One.", "Two."]), "- One.\n- Two.", 1e-9);
 * ```
 */
export function noteBullets(notes: readonly string[], label: (note: string) => string = (n) => n): string {
  return notes.map((n) => `- ${label(n)}`).join("\n");
}

/** The transform search as notebook 05 publishes it (`results.search`). */
export interface GeoSearchResults {
  /** Chosen θ and scale per channel. */
  readonly chosen: GeoPipelineResult["transforms"]["chosen"];
  /** Candidates scored. */
  readonly evaluated: number;
  /** Coordinate passes over the channels. */
  readonly passes: number;
  /** Whether a full pass changed nothing. */
  readonly converged: boolean;
  /** Time-series folds scored. */
  readonly folds: number;
  /** Mean CV RMSE of the chosen transforms, in target units. */
  readonly rmse: number;
  /** Its standard error over folds. */
  readonly rmseSe: number;
  /** Per channel, the range of θ whose best CV RMSE is within one SE of the chosen one. */
  readonly thetaWithinOneSe: GeoPipelineResult["transforms"]["thetaWithinOneSe"];
  /** Mean out-of-sample R² over the folds of the fitted model. */
  readonly cvR2: number;
}

/**
 * The search's choice, effort and CV score for the results JSON.
 *
 * @example
 * ```ts ignore
 * geoSearchResults(geo).folds; // 4
 * ```
 */
export function geoSearchResults(
  geo: Pick<GeoPipelineResult, "transforms" | "crossValidation">,
): GeoSearchResults {
  const t = geo.transforms;
  return {
    chosen: t.chosen,
    evaluated: t.evaluated,
    passes: t.passes,
    converged: t.converged,
    folds: t.nFolds,
    rmse: t.rmse,
    rmseSe: t.rmseSe,
    thetaWithinOneSe: t.thetaWithinOneSe,
    cvR2: geo.crossValidation.mean.r2,
  };
}
