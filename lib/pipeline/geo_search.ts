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
import { listAnd, quote } from "./geo_words.ts";

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

/**
 * The channels whose chosen transform sits at an edge of the searched grid, in words, or null when none
 * does: carryover at the grid's largest θ (the longest carryover searched), the scale at s = 1 spend unit
 * (the log of the raw adstock: the most curved response searched) or at the largest multiple of mean spend
 * (the most nearly linear). An optimum at an edge may lie beyond it, which the bootstrap, re-choosing within
 * the same grid, cannot show, so those channels' returns are less certain than their intervals say.
 *
 * @param transforms the search's result (grids and choices)
 * @param identification the modelled channels
 * @param name a channel's display name
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const transforms = {
 *   options: { thetaGrid: [0, 0.5, 0.9], scaleMultiples: [0.5, 1, 4.5], rawScale: true },
 *   chosen: { tv: { theta: 0.9, scale: 1, scaleMultiple: 1, raw: true }, radio: { theta: 0.5, scale: 5, scaleMultiple: 1, raw: false } },
 * };
 * assertClose(
 *   gridEdgeSentence(transforms, { channels: ["tv", "radio"] }, (c) => c),
 *   "At an edge of the searched grid: tv (θ = 0.9, the longest carryover searched; s = 1 spend unit, the most " +
 *     "curved response searched). The best value may lie beyond the grid, which the bootstrap (re-choosing " +
 *     "within it) cannot show, so read this channel's return with more caution than its interval suggests.",
 *   0,
 * );
 * ```
 */
export function gridEdgeSentence(
  transforms: {
    readonly options: Pick<GeoTransforms["options"], "thetaGrid" | "scaleMultiples" | "rawScale">;
    readonly chosen: GeoTransforms["chosen"];
  },
  identification: Pick<GeoIdentification, "channels">,
  name: (channel: string) => string,
): string | null {
  const { thetaGrid, scaleMultiples } = transforms.options;
  const thetaMax = Math.max(...thetaGrid);
  const multipleMax = Math.max(...scaleMultiples);
  const edges = identification.channels.flatMap((c) => {
    const x = transforms.chosen[c];
    if (x === undefined) return [];
    const at: string[] = [];
    if (thetaGrid.length > 1 && thetaMax > 0 && x.theta === thetaMax) {
      at.push(`θ = ${thetaMax}, the longest carryover searched`);
    }
    if (x.raw) at.push("s = 1 spend unit, the most curved response searched");
    else if (scaleMultiples.length > 1 && x.scaleMultiple === multipleMax) {
      at.push(`s = ${multipleMax}× mean spend, the most nearly linear response searched`);
    }
    return at.length > 0 ? [`${name(c)} (${at.join("; ")})`] : [];
  });
  if (edges.length === 0) return null;
  return `At an edge of the searched grid: ${
    listAnd(edges)
  }. The best value may lie beyond the grid, which the ` +
    `bootstrap (re-choosing within it) cannot show, so read ${
      edges.length === 1 ? "this channel's return" : "these channels' returns"
    } ` +
    `with more caution than ${edges.length === 1 ? "its interval suggests" : "their intervals suggest"}.`;
}
