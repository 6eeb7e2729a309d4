/**
 * The national pipeline's transform search step: `searchNationalTransforms` with a progress text per batch of
 * scored candidates, and the single-stage model's inputs built from a single-stage search's choice. Used by
 * `nationalPipeline` (national.ts).
 *
 * @module
 */
import { MIN_WEEKS_FOR_CV } from "../data/envelope.ts";
import type { Dataset } from "../data/types.ts";
import {
  type NationalTransforms,
  searchNationalTransforms,
  type WeeklySearchOptions,
} from "../evaluate/weekly_transforms.ts";
import type { SingleStageInputs } from "./national_single_stage.ts";

/**
 * Searches the transforms of `model` (`searchNationalTransforms`), awaiting `progress` with "stage s: d of t
 * candidates scored …" as the search proceeds, and reports its wall-clock time to `clock`.
 */
export async function runSearch(
  ds: Dataset,
  model: "two-stage" | "single-stage",
  options: WeeklySearchOptions,
  progress: (m: string) => Promise<void>,
  clock: (what: string) => void,
): Promise<NationalTransforms> {
  const t = await searchNationalTransforms(ds, model, options, (stage, p) =>
    progress(
      `${model === "two-stage" ? `stage ${stage}: ` : ""}${p.done.toLocaleString("en-US")} of ${
        p.total.toLocaleString("en-US")
      } candidates scored ${ds.n < MIN_WEEKS_FOR_CV ? "in sample" : "by time-series cross-validation"}…`,
    ));
  clock(`transform search (${model})`);
  return t;
}

/** The single-stage model's inputs from a single-stage search. */
export function singleStageInputsFromSearch(ds: Dataset, t: NationalTransforms): SingleStageInputs {
  const R = ds.roles;
  const best = t.stage2.search.best;
  const media = t.stage2.search.channels.filter((c) => !R.direct.includes(c));
  return {
    spec: {
      media: media.map((column) => ({ column, theta: best.theta[column] })),
      direct: R.direct.map((column) => ({
        column,
        theta: best.theta[column] ?? 0,
        ...(best.saturation[column] ? { saturation: best.saturation[column]! } : {}),
      })),
      ...(R.price ? { price: R.price } : {}),
      ...(R.promotion ? { promotion: R.promotion } : {}),
      controls: [...R.controls, ...Object.keys(t.seasonalControls), ...Object.keys(t.regimeControls)],
    },
    columns: { ...ds.columns, ...t.seasonalControls, ...t.regimeControls },
    y: ds.columns[R.target],
    rows: t.keptRows,
    yName: R.target,
  };
}
