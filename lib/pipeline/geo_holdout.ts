/**
 * The geo panel's holdout with the transforms re-chosen on the training weeks: what `geoPipeline` would choose
 * had it seen only every geo's first `T − h` weeks, then predicting the last `h` (13). Beside the holdout with
 * the full-sample transforms held (`panelHoldout`), it shows how much of the holdout skill came from choosing
 * the carryover and saturation on the weeks being predicted.
 *
 * On the training weeks: the panel plan of their length (`geoPanelPlan`: folds, and seasonality by length, so a
 * panel of two years or a little more may lose its month dummies), the same controls as the full fit (the
 * identification of `geoPipeline`) and the same option grids; `searchGeoTransforms` chooses θ and s per channel;
 * `fitGeoModel` builds the design with those transforms over every week; `panelHoldout` refits on the training
 * weeks and predicts the rest. The held-out weeks enter neither the transform choice nor the coefficients.
 *
 * @module
 */
import { selectRows } from "../data/dataset.ts";
import { fitGeoModel } from "../decompose/geo_model.ts";
import { geoPanelPlan, searchGeoTransforms } from "../evaluate/geo_transforms.ts";
import {
  HOLDOUT_WEEKS,
  type HoldoutPlan,
  holdoutPlan,
  type PanelHoldout,
  panelHoldout,
} from "../evaluate/holdout.ts";
import type { GeoPipelineResult } from "./geo.ts";

/** The re-chosen holdout and the transforms chosen on the training weeks. */
export interface GeoHoldoutRechosen {
  /** Scores on the held-out weeks of the model refitted with the training weeks' transforms, vs the naive benchmark. */
  readonly holdout: PanelHoldout;
  /** θ and log1p scale per channel chosen on the training weeks, beside the full sample's. */
  readonly transforms: readonly {
    /** The modelled channel. */
    readonly channel: string;
    /** Carryover θ chosen on the training weeks. */
    readonly theta: number;
    /** log1p scale (spend units) chosen on the training weeks. */
    readonly scale: number;
    /** θ the pipeline chose on every week. */
    readonly fullTheta: number;
    /** Scale the pipeline chose on every week. */
    readonly fullScale: number;
  }[];
  /** Seasonality of the training weeks' plan (`geoPanelPlan` by their length: month dummies, Fourier or none). */
  readonly seasonality: string;
}

/**
 * Runs the re-chosen holdout for a `geoPipeline` result (see the module doc).
 *
 * @param folds folds asked of the training weeks' plan (the pipeline's `folds` option, default 5)
 * @returns the holdout, or the plan with its reason when the panel is too short
 * @example
 * ```ts ignore
 * const r = geoHoldoutRechosen(geo);
 * "holdout" in r ? r.holdout.scores.rmseRatio : r.reason;
 * ```
 */
export function geoHoldoutRechosen(
  geo: GeoPipelineResult,
  folds = 5,
  testWeeks = HOLDOUT_WEEKS,
): GeoHoldoutRechosen | HoldoutPlan {
  const ds = geo.dataset;
  const dates = [...new Set(ds.dates)].sort();
  const plan = holdoutPlan(dates.length, geo.model.design.k, testWeeks);
  if (!plan.ok) return plan;
  const last = dates[plan.trainWeeks - 1];
  const rows: number[] = [];
  ds.dates.forEach((d, i) => d <= last && rows.push(i));
  const train = selectRows(ds, rows);
  const p = geoPanelPlan(plan.trainWeeks, { folds });
  const o = geo.transforms.options;
  const controls = geo.identification.controls;
  const t = searchGeoTransforms(train, {
    folds: p.folds,
    minTrainSize: p.minTrainSize,
    ...(p.testSize !== undefined ? { testSize: p.testSize } : {}),
    seasonality: p.seasonality,
    controls,
    thetaGrid: o.thetaGrid,
    scaleMultiples: o.scaleMultiples,
    rawScale: o.rawScale,
  });
  const model = fitGeoModel(ds, t.chosen, { covType: "nonrobust", controls, seasonality: p.seasonality });
  const holdout = panelHoldout(model.design, ds.columns[geo.target], ds.geos!, ds.dates, testWeeks);
  if (!("scores" in holdout)) return holdout;
  return {
    holdout,
    seasonality: p.seasonality,
    transforms: geo.identification.channels.map((c) => ({
      channel: c,
      theta: t.chosen[c].theta,
      scale: t.chosen[c].scale,
      fullTheta: geo.transforms.chosen[c].theta,
      fullScale: geo.transforms.chosen[c].scale,
    })),
  };
}
