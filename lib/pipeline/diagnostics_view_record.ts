/**
 * Notebook 06's out-of-sample record: the time-series cross-validation of both models beside their in-sample
 * fit ({@link outOfSampleRecord}) and the evidence gates published with it ({@link recordGates}).
 *
 * @module
 */
import type { EvidenceGate } from "../evaluate/evidence_gate.ts";
import type { NationalCrossValidation } from "./national_outcome_types.ts";

/** One row of the out-of-sample record. */
export interface OutOfSampleRow {
  /** `national <model>` or `geo fixed effects`. */
  readonly model: string;
  /** `R²` nationally; on the panel `within-geo R²` and `R² (levels)`. */
  readonly metric: string;
  /** Mean of the metric over the test folds. */
  readonly outOfSample: number;
  /** Its standard deviation over the folds. */
  readonly sd: number;
  /** The metric of the model fitted on every row. */
  readonly inSample: number;
  /** Mean test MAPE over the folds (a fraction); NaN on the panel, where it is not computed. */
  readonly mape: number;
  /** Folds scored. */
  readonly folds: number;
}

/** What {@link outOfSampleRecord} reads of the geo result. */
export interface GeoRecordInput {
  /** The panel's time-series cross-validation (`geo.crossValidation`). */
  readonly crossValidation: {
    readonly folds: readonly unknown[];
    readonly mean: { readonly r2: number; readonly withinR2: number };
    readonly sd: { readonly r2: number; readonly withinR2: number };
  };
  /** In-sample R² of the fit (`geo.model.fit.stats`). */
  readonly inSample: { readonly rsquared: number; readonly withinRsquared: number };
}

/**
 * The out-of-sample record: the national model's mean test R² over its folds (when it was cross-validated) and
 * the panel's within-geo and levels R² (when any fold was scored), each beside its in-sample value.
 *
 * @param national the national model's name and cross-validation (null when it has none)
 * @param geo the panel's cross-validation and in-sample R²
 * @example
 * ```ts
 * const cv = { folds: [], mean: { r2: 0, withinR2: 0 }, sd: { r2: 0, withinR2: 0 } };
 * outOfSampleRecord({ model: null, crossValidation: null }, { crossValidation: cv, inSample: { rsquared: 1, withinRsquared: 1 } }); // []
 * ```
 */
export function outOfSampleRecord(
  national: {
    readonly model: string | null;
    readonly crossValidation:
      | Pick<
        NationalCrossValidation,
        "meanR2" | "sdR2" | "inSampleR2" | "meanMape" | "folds"
      >
      | null;
  },
  geo: GeoRecordInput,
): OutOfSampleRow[] {
  const ncv = national.crossValidation, gcv = geo.crossValidation;
  return [
    ...(ncv
      ? [{
        model: `national ${national.model}`,
        metric: "R²",
        outOfSample: ncv.meanR2,
        sd: ncv.sdR2,
        inSample: ncv.inSampleR2,
        mape: ncv.meanMape,
        folds: ncv.folds.length,
      }]
      : []),
    ...(gcv.folds.length > 0
      ? [
        {
          model: "geo fixed effects",
          metric: "within-geo R²",
          outOfSample: gcv.mean.withinR2,
          sd: gcv.sd.withinR2,
          inSample: geo.inSample.withinRsquared,
          mape: NaN,
          folds: gcv.folds.length,
        },
        {
          model: "geo fixed effects",
          metric: "R² (levels)",
          outOfSample: gcv.mean.r2,
          sd: gcv.sd.r2,
          inSample: geo.inSample.rsquared,
          mape: NaN,
          folds: gcv.folds.length,
        },
      ]
      : []),
  ];
}

/**
 * Both evidence gates as published: the national one when the model was cross-validated (else null) and the
 * panel's.
 *
 * @example
 * ```ts ignore
 * recordGates(national.outcome?.crossValidation ?? null, geo.gate);
 * ```
 */
export function recordGates(
  national: { readonly gate: EvidenceGate } | null,
  geo: EvidenceGate,
): { national: EvidenceGate | null; geo: EvidenceGate } {
  return { national: national?.gate ?? null, geo };
}
