/**
 * How `geoPipeline`'s intervals were made and how much wider they are than intervals that hold the chosen
 * transforms fixed: per channel, the bootstrap's ROI interval width over the Krinsky–Robb one; the median of
 * those ratios, and the same for the bootstrap refitted with the transforms held fixed, which separates the
 * errors' structure (clusters, jackknife residuals, the t widening) from re-choosing carryover and saturation.
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import type { GeoTransforms } from "../evaluate/geo_transforms.ts";
import { type GeoResampling, heldTransformReturns } from "./geo_replicates.ts";
import type { GeoIntervalMethod, GeoIntervals, GeoRoiRow } from "./geo_types.ts";
import { listAnd, pct, quote } from "./geo_words.ts";

/**
 * The intervals' method, width ratios, share of replicates whose transforms changed, and the sentence that
 * says how the intervals were made. Without a bootstrap the ratios are NaN (none per channel) and the share 0.
 *
 * @param roi the ROI rows (bootstrap and Krinsky–Robb intervals)
 * @param method the interval method
 * @param resampling the bootstrap and its replicate models (undefined with fixed-transform intervals)
 * @param transforms the data's choice (held fixed in the comparison bootstrap)
 * @param dataset the modelled panel
 * @param draws number of Krinsky–Robb coefficient draws (named in the fixed-transform sentence)
 */
export function geoIntervals(
  roi: readonly GeoRoiRow[],
  method: GeoIntervalMethod,
  resampling: GeoResampling | undefined,
  transforms: GeoTransforms,
  dataset: Dataset,
  draws: number,
): GeoIntervals {
  const bootstrap = resampling?.bootstrap;
  const heldRep = resampling ? heldTransformReturns(resampling, transforms, dataset) : undefined;
  // How much wider the intervals are than with the transforms held fixed, and why
  const widthRatios: Record<string, number> = {};
  const heldRatios: number[] = [];
  roi.forEach((r, j) => {
    const fixedWidth = r.fixedUpper - r.fixedLower;
    if (heldRep && fixedWidth > 0) {
      widthRatios[r.channel] = (r.upper - r.lower) / fixedWidth;
      const h = heldRep[j].roiInterval;
      heldRatios.push((h.upper - h.lower) / fixedWidth);
    }
  });
  const ratios = Object.values(widthRatios);
  const widthRatio = medianOf(ratios), heldWidthRatio = medianOf(heldRatios);
  const changedShare = bootstrap ? bootstrap.transformsChanged / bootstrap.replicates : 0;
  const intervalsSentence = !bootstrap
    ? `Intervals are Krinsky–Robb draws of the coefficients (${
      draws.toLocaleString("en-US")
    } draws) with carryover and scale held at their chosen values: they leave out the uncertainty of that ` +
      `choice and are too narrow by that much.`
    : `Intervals come from a wild bootstrap (${bootstrap.replicates} replicates, weights per ${
      bootstrap.scheme === "geo" ? "geo" : `block of ${bootstrap.blockWeeks} weeks`
    }, ${bootstrap.weights === "webb" ? "Webb's six-point" : "Rademacher"} weights) that re-runs the whole ` +
      `search for carryover and saturation in every replicate and refits: in ${
        pct(changedShare)
      } of the replicates at least one channel's transforms changed. Each replicate multiplies the ` +
      `model's jackknife residuals, cluster by cluster, by a random weight and adds them to its fitted values; ` +
      `the percentile intervals are widened by ${
        bootstrap.widening.toFixed(2)
      } (Student's t with ${bootstrap.df} degrees of freedom over the normal, for ${bootstrap.clusters} clusters). ` +
      (Number.isFinite(widthRatio)
        ? `ROI intervals are a median ${
          ratioWords(widthRatio)
        } as wide as Krinsky–Robb intervals that hold the ` +
          `chosen transforms fixed (${
            listAnd(
              roi.filter((r) => widthRatios[r.channel] !== undefined).map((r) =>
                `${quote(r.channel)} ${ratioWords(widthRatios[r.channel])}`
              ),
            )
          }). The same bootstrap with the transforms held fixed gives a median ${
            ratioWords(heldWidthRatio)
          }: that part comes from the errors' structure (clusters, jackknife residuals, the t widening); the ` +
          `rest, a factor ${
            (widthRatio / heldWidthRatio).toFixed(2)
          }, from re-choosing carryover and saturation.`
        : "");
  return {
    method,
    widthRatio,
    heldWidthRatio,
    widthRatios,
    changedShare,
    sentence: intervalsSentence,
  };
}

/** Median of the finite values (NaN when there are none). */
function medianOf(values: readonly number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** A ratio of widths in words: one decimal and "×" ("2.3×"). */
function ratioWords(r: number): string {
  return `${r.toFixed(1)}×`;
}
