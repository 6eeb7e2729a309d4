/**
 * The bootstrap weights of the wild cluster bootstrap (`wild_bootstrap.ts`): Webb's six points, the cluster
 * count up to which `"auto"` uses them, and the source of each replicate's weights — given, every Rademacher
 * sign vector enumerated, or drawn from xoshiro128** (Rademacher from the top bit, Webb from `u mod 6` with
 * rejection of `u ≥ 6 · ⌊2³²/6⌋`, exactly uniform).
 *
 * @module
 */

import { xoshiro128ss } from "../stats/random.ts";
import type { WildBootstrapOptions, WildWeights } from "./wild_bootstrap_types.ts";

/** Webb's six points, ascending. */
export const WEBB_POINTS: readonly number[] = [
  -Math.sqrt(1.5),
  -1,
  -Math.sqrt(0.5),
  Math.sqrt(0.5),
  1,
  Math.sqrt(1.5),
];

/** Clusters up to which `"auto"` uses Webb's weights (see the module doc). */
export const WEBB_MAX_CLUSTERS = 12;

/** Fills `v` (length G) with replicate b's weights. */
export function drawSource(
  options: WildBootstrapOptions,
  weights: WildWeights | "given",
  enumerated: boolean,
  G: number,
): (b: number, v: Float64Array) => void {
  if (weights === "given") {
    const draws = options.draws!;
    return (b, v) => v.set(draws.subarray(b * G, b * G + G));
  }
  if (enumerated) {
    return (b, v) => {
      for (let g = 0; g < G; g++) v[g] = (b >>> g) & 1 ? -1 : 1;
    };
  }
  const next = xoshiro128ss(options.seed);
  if (weights === "rademacher") {
    return (_b, v) => {
      for (let g = 0; g < G; g++) v[g] = next() >>> 31 ? -1 : 1;
    };
  }
  const limit = 6 * Math.floor(2 ** 32 / 6);
  return (_b, v) => {
    for (let g = 0; g < G; g++) {
      let u = next();
      while (u >= limit) u = next();
      v[g] = WEBB_POINTS[u % 6];
    }
  };
}
