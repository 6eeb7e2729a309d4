/**
 * The transform stage of `geoPipeline`: carryover θ and log scale s chosen jointly per channel by time-series
 * cross-validation on dates (`searchGeoTransformsAsync`, geo effects by the within transformation on each
 * fold's training rows), and the sentence that says how (step 4 of the pipeline's module doc).
 *
 * @module
 */
import {
  type GeoSearchContext,
  type GeoTransforms,
  searchGeoTransformsAsync,
} from "../evaluate/geo_transforms.ts";
import type { GeoPanelSetup } from "./geo_check.ts";
import type { GeoIdentification, GeoPipelineOptions } from "./geo_types.ts";
import { quote } from "./geo_words.ts";

/** A progress line sink, awaited (the pipeline's `onProgress`, or a no-op). */
export type GeoProgress = (text: string) => void | Promise<void>;

/**
 * Chooses every channel's carryover and saturation scale on the modelled panel, with the plan's folds and
 * seasonality and the modelled controls as fixed columns; progress names the pass and the channel.
 *
 * @param setup the checked panel (`checkGeoPanel`)
 * @param options the pipeline's options (`thetaGrid`, `scaleMultiples`, `yieldEveryMs`, default 250 ms)
 * @param progress receives a progress line between batches of work
 * @param context receives the search context (the moments engine the bootstrap reuses)
 * @example
 * ```ts ignore
 * let ctx: GeoSearchContext | undefined;
 * const transforms = await chooseGeoTransforms(setup, { seed: 1 }, () => {}, (c) => (ctx = c));
 * transforms.chosen.tv_spend; // { theta, scale, scaleMultiple, raw }
 * ```
 */
export function chooseGeoTransforms(
  setup: GeoPanelSetup,
  options: GeoPipelineOptions,
  progress: GeoProgress,
  context: (ctx: GeoSearchContext) => void,
): Promise<GeoTransforms> {
  const { plan, identification } = setup;
  const searchOptions = {
    folds: plan.folds,
    minTrainSize: plan.minTrainSize,
    ...(plan.testSize !== undefined ? { testSize: plan.testSize } : {}),
    seasonality: plan.seasonality,
    controls: identification.controls,
    ...(options.thetaGrid ? { thetaGrid: options.thetaGrid } : {}),
    ...(options.scaleMultiples ? { scaleMultiples: options.scaleMultiples } : {}),
    yieldEveryMs: options.yieldEveryMs ?? 250,
  };
  return searchGeoTransformsAsync(
    setup.dataset,
    searchOptions,
    (p) =>
      progress(
        `Choosing carryover θ and saturation scale jointly by time-series cross-validation: pass ${
          p.pass + 1
        }, ${quote(p.channel)} (${p.evaluated.toLocaleString("en-US")} candidates scored)`,
      ),
    context,
  );
}

/**
 * How the transforms were chosen, in words: the θ grid, the scales, pairs per channel, passes, candidates
 * scored against the size of the full product of the channels' grids.
 *
 * @param transforms the search's result
 * @param identification the modelled channels (the first one's profile gives the pairs per channel)
 */
export function searchSentence(transforms: GeoTransforms, identification: GeoIdentification): string {
  const nFolds = transforms.nFolds;
  const thetaGrid = transforms.options.thetaGrid;
  const chan = identification.channels.length;
  const perChannel = transforms.profiles[identification.channels[0]]?.options.length ?? 0;
  return `Carryover θ ∈ {${
    thetaGrid.join(", ")
  }} and the log scale s (s = 1 spend unit, the log of the raw ` +
    `adstock, and ${
      transforms.options.scaleMultiples.join(", ")
    } × mean spend) were chosen jointly for each ` +
    `channel (${perChannel} pairs per channel), the channels in turn with the others at their current choice, ` +
    `until a full pass changed nothing (${transforms.passes} passes${
      transforms.converged ? "" : ", stopped before converging"
    }): ${transforms.evaluated.toLocaleString("en-US")} candidates scored by ${nFolds}-fold time-series ` +
    `cross-validation on dates, against ${
      (perChannel ** chan).toLocaleString("en-US", { maximumSignificantDigits: 2 })
    } for the full product of ${chan} channels.`;
}
