/**
 * The bootstrap stage of `geoPipeline`: a wild bootstrap of the fitted geo model that re-runs the transform
 * search in every replicate and refits (`geoBootstrap`, on the search's own context), turned into the
 * replicate models that every interval is evaluated under; and the same replicates with the data's
 * transforms held fixed, to say how much of the intervals' width the transform choice causes.
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import type { FixedEffectsFit } from "../models/fixed_effects.ts";
import type { GeoSearchContext, GeoTransforms } from "../evaluate/geo_transforms.ts";
import { type GeoBootstrap, geoBootstrap } from "../evaluate/geo_bootstrap.ts";
import {
  type ChannelReplicateReturns,
  type ModelReplicates,
  replicateReturns,
} from "../decompose/model_replicates.ts";
import type { GeoProgress } from "./geo_search.ts";
import type { GeoPipelineOptions } from "./geo_types.ts";

/** The geo bootstrap and the replicate models made from it ({@link bootstrapGeoModel}). */
export interface GeoResampling {
  /** Every replicate's chosen θ and scale per channel, slopes, and the same with the transforms held fixed. */
  readonly bootstrap: GeoBootstrap;
  /** The replicates' models (θ, scale, coefficient per channel) at level 0.95 with the bootstrap's widening. */
  readonly replicates: ModelReplicates;
}

/**
 * Bootstraps the fitted geo model with the transforms re-chosen in every replicate, starting each search at
 * the data's choice; progress names the replicate. Wall-clock time goes to `log` only.
 *
 * @param context the search's context (`chooseGeoTransforms`), whose engine holds every candidate column
 * @param transforms the data's choice (the starting point of every replicate's search)
 * @param fit the fitted model with the data's transforms
 * @param options the pipeline's `seed`, `replicates` (default 199), `bootstrapScheme` (default `"auto"`) and
 *   `yieldEveryMs` (default 250)
 * @param progress receives a progress line between batches of replicates
 * @param log receives the stage's wall-clock time
 * @example
 * ```ts ignore
 * const { bootstrap, replicates } = await bootstrapGeoModel(ctx, transforms, model.fit, { seed: 1 }, () => {});
 * bootstrap.theta; // replicates × channels chosen carryovers
 * ```
 */
export async function bootstrapGeoModel(
  context: GeoSearchContext,
  transforms: GeoTransforms,
  fit: FixedEffectsFit,
  options: GeoPipelineOptions,
  progress: GeoProgress,
  log?: (line: string) => void,
): Promise<GeoResampling> {
  const t2 = performance.now();
  const chosenIndex = context.channels.map((c, ci) => {
    const t = transforms.chosen[c];
    return context.optionList[ci].findIndex((o) => o.theta === t.theta && o.scale === t.scale);
  });
  const bootstrap = await geoBootstrap(context, chosenIndex, fit, {
    seed: options.seed,
    replicates: options.replicates ?? 199,
    scheme: options.bootstrapScheme ?? "auto",
    yieldEveryMs: options.yieldEveryMs ?? 250,
    onProgress: (done, total) =>
      progress(
        `Bootstrap: re-choosing carryover and saturation and refitting in replicate ${done} of ${total}…`,
      ),
  });
  const replicates: ModelReplicates = {
    channels: bootstrap.channels,
    replicates: bootstrap.replicates,
    theta: bootstrap.theta,
    scale: bootstrap.scale,
    coef: bootstrap.coef,
    level: 0.95,
    widening: bootstrap.widening,
  };
  log?.(
    `geo pipeline: bootstrap ${
      ((performance.now() - t2) / 1000).toFixed(2)
    } s (${bootstrap.replicates} replicates)`,
  );
  return { bootstrap, replicates };
}

/**
 * Contribution, ROI and marginal ROI of every channel under the bootstrap's replicates refitted with the data's
 * transforms held fixed (`fixedCoef`, the chosen θ and scale in every replicate): the same weights as the
 * re-choosing bootstrap, so the ratio of the two widths is what re-choosing carryover and saturation adds.
 *
 * @param resampling the bootstrap and its replicate models
 * @param transforms the data's choice
 * @param ds the modelled panel
 */
export function heldTransformReturns(
  resampling: GeoResampling,
  transforms: GeoTransforms,
  ds: Dataset,
): ChannelReplicateReturns[] {
  const { bootstrap, replicates } = resampling;
  return replicateReturns({
    ...replicates,
    coef: bootstrap.fixedCoef,
    theta: fixedTheta(bootstrap, transforms),
    scale: fixedScale(bootstrap, transforms),
  }, ds);
}

/** The data's chosen θ per channel, repeated for every replicate (`replicates × channels`). */
function fixedTheta(b: GeoBootstrap, t: GeoTransforms): Float64Array {
  const C = b.channels.length;
  return Float64Array.from({ length: b.replicates * C }, (_, i) => t.chosen[b.channels[i % C]].theta);
}

/** The data's chosen scale per channel, repeated for every replicate. */
function fixedScale(b: GeoBootstrap, t: GeoTransforms): Float64Array {
  const C = b.channels.length;
  return Float64Array.from({ length: b.replicates * C }, (_, i) => t.chosen[b.channels[i % C]].scale);
}
