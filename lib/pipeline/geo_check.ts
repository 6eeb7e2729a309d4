/**
 * The first stage of `geoPipeline`, before any fit: the panel checked against the envelope, the columns the
 * data can identify (merged or left out), the fold and seasonality plan and the covariance, with the notes
 * that say what the data forced (steps 1–3 of the pipeline's module doc).
 *
 * @module
 */
import { checkEnvelope, type EnvelopeReport } from "../data/envelope.ts";
import type { Dataset, TargetUnit } from "../data/types.ts";
import { type GeoPanelPlan, geoPanelPlan } from "../evaluate/geo_transforms.ts";
import { applyGeoIdentification } from "./geo_identification.ts";
import { geoInferencePlan } from "./geo_inference.ts";
import type { GeoIdentification, GeoInferencePlan } from "./geo_types.ts";

/** Envelope findings this pipeline restates with what it did. */
const RESTATED = new Set(["no-cross-validation", "one-year", "few-geos", "cluster-rank", "unidentified"]);

/** What the geo pipeline decides from the panel's structure before fitting anything ({@link checkGeoPanel}). */
export interface GeoPanelSetup {
  /** `checkEnvelope(ds, "geo")` on the input panel (before any merge). */
  readonly envelope: EnvelopeReport;
  /** The modelled panel: merged channels as columns, roles as modelled (`applyGeoIdentification`). */
  readonly dataset: Dataset;
  /** Channels and controls modelled, merged and left out, each with its sentence. */
  readonly identification: GeoIdentification;
  /** Number of geos in the panel (the envelope's count). */
  readonly geos: number;
  /** Number of distinct weeks in the panel (the envelope's count). */
  readonly weeks: number;
  /** The input's target unit, `"currency"` when the roles do not say. */
  readonly targetUnit: TargetUnit;
  /** Folds, training length and seasonality for the number of weeks (`geoPanelPlan`). */
  readonly plan: GeoPanelPlan;
  /** The covariance for this many geos, weeks and slopes (`geoInferencePlan`). */
  readonly inference: GeoInferencePlan;
  /**
   * Notes so far, in order: the envelope's findings not restated here, the columns left out, the merges, the
   * plan's sentences, the inference sentence.
   */
  readonly notes: readonly string[];
}

/**
 * Checks a geo panel and decides what can be modelled: `checkEnvelope` (hard limits throw), identification
 * (`applyGeoIdentification`), the fold and seasonality plan (`geoPanelPlan`) and the covariance
 * (`geoInferencePlan` for the modelled channels, controls and seasonal terms: 11 month dummies, 2 Fourier
 * terms or none).
 *
 * @param ds the input panel
 * @param folds time-series folds wanted (fewer when the data are short)
 * @throws DataError when the panel is outside the envelope
 * @example
 * ```ts ignore
 * const setup = checkGeoPanel(loadDataset("data/mmm_geo.csv", { kind: "geo" }), 5);
 * setup.inference.covType; // "cluster"
 * ```
 */
export function checkGeoPanel(ds: Dataset, folds: number): GeoPanelSetup {
  const envelope = checkEnvelope(ds, "geo");
  const { dataset, identification } = applyGeoIdentification(ds, envelope.identification);
  const geos = envelope.geos;
  const weeks = envelope.weeks;
  const targetUnit: TargetUnit = ds.roles.targetUnit ?? "currency";

  const plan = geoPanelPlan(weeks, { folds });
  const seasonalTerms = plan.seasonality === "month_dummies" ? 11 : plan.seasonality === "fourier" ? 2 : 0;
  const slopes = identification.channels.length + identification.controls.length + seasonalTerms;
  const inference = geoInferencePlan(geos, weeks, slopes);

  const notes: string[] = [];
  for (const finding of envelope.findings) if (!RESTATED.has(finding.code)) notes.push(finding.sentence);
  for (const d of identification.dropped) notes.push(d.sentence);
  for (const m of identification.merged) notes.push(m.sentence);
  notes.push(...plan.sentences, inference.sentence);
  return { envelope, dataset, identification, geos, weeks, targetUnit, plan, inference, notes };
}
