/**
 * Coordinate search over channels on the geo CV engine: each channel in turn takes its best option (every
 * (θ, scale) pair scored jointly by {@link GeoCvMoments.scoreOptions}) with the other channels held at their
 * current choice, until a full pass changes nothing.
 *
 * @module
 */
import type { GeoCvMoments } from "./geo_cv_moments.ts";

/** Result of {@link coordinateSearch}. */
export interface CoordinateSearchResult {
  /** Chosen option index per channel. */
  readonly chosen: Int32Array;
  /** Mean test RMSE at the chosen options. */
  readonly rmse: number;
  /** Full passes over the channels run (the last one changed nothing when `converged`). */
  readonly passes: number;
  /** True when a full pass changed nothing (a coordinate-wise optimum); false when `maxPasses` ran out first. */
  readonly converged: boolean;
  /** Candidates scored. */
  readonly evaluated: number;
  /**
   * The scores of every option of each channel with the other channels at their final choice (the last pass;
   * exact profiles when converged).
   */
  readonly profiles: readonly Float64Array[];
}

/** Progress of a coordinate search, after each channel step. */
export interface CoordinateSearchProgress {
  /** Full pass over the channels, from 0. */
  readonly pass: number;
  /** Index of the channel just scored (into the search's `options`). */
  readonly channel: number;
  /** Candidates scored so far. */
  readonly evaluated: number;
}

/**
 * Coordinate search over channels, each channel's options searched jointly (e.g. every (θ, scale) pair):
 * starting from `start`, each channel in turn takes its best option with the fixed columns and the other
 * channels' current options in the model; full passes repeat until one changes nothing (a coordinate-wise
 * optimum: no single channel can improve by changing its option) or `maxPasses` is reached. A channel moves
 * only to a strictly lower score; among equal lower scores the first option wins. A channel is not scored
 * again while no other channel has changed since its last scoring (it would choose the same), so the last
 * pass re-scores only channels whose scores are stale, and `profiles` are all at the final point.
 *
 * @param cv the engine, outcome set
 * @param fixed ids of the columns always in the model
 * @param options per channel, the ids of its option columns
 * @param start per channel, the index of its starting option
 * @param maxPasses most full passes (default 6)
 * @example
 * ```ts ignore
 * const r = coordinateSearch(cv, fixedIds, [tvOptions, searchOptions], [0, 0]);
 * r.chosen; // option index per channel
 * ```
 */
export function coordinateSearch(
  cv: GeoCvMoments,
  fixed: readonly number[],
  options: readonly (readonly number[])[],
  start: ArrayLike<number>,
  maxPasses = 6,
): CoordinateSearchResult {
  const run = coordinateSearchSteps(cv, fixed, options, start, maxPasses);
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
  }
}

/** {@link coordinateSearch} as a generator that yields after every channel step (for async drivers). */
export function* coordinateSearchSteps(
  cv: GeoCvMoments,
  fixed: readonly number[],
  options: readonly (readonly number[])[],
  start: ArrayLike<number>,
  maxPasses = 6,
): Generator<CoordinateSearchProgress, CoordinateSearchResult, void> {
  if (!(Number.isInteger(maxPasses) && maxPasses >= 1)) {
    throw new RangeError(`maxPasses must be an integer >= 1, got ${maxPasses}`);
  }
  const C = options.length;
  if (start.length !== C) throw new RangeError(`start has ${start.length} entries, expected ${C}`);
  const chosen = Int32Array.from(start);
  for (let c = 0; c < C; c++) {
    if (!(chosen[c] >= 0 && chosen[c] < options[c].length)) {
      throw new RangeError(
        `start option ${chosen[c]} of channel ${c} is outside 0..${options[c].length - 1}`,
      );
    }
  }
  const profiles = options.map((o) => new Float64Array(o.length));
  // A channel whose last scoring saw the other channels as they are now would score the same again: skip it.
  let step = 0, lastChange = -1;
  const scoredAt = new Int32Array(C).fill(-1), changedAt = new Int32Array(C).fill(-1);
  let evaluated = 0, passes = 0, converged = false, best = NaN;
  for (let pass = 0; pass < maxPasses; pass++) {
    passes++;
    let changed = false;
    for (let c = 0; c < C; c++, step++) {
      let stale = scoredAt[c] < 0;
      for (let d = 0; d < C && !stale; d++) if (d !== c && changedAt[d] > scoredAt[c]) stale = true;
      if (!stale) continue;
      const base = [...fixed];
      for (let d = 0; d < C; d++) if (d !== c) base.push(options[d][chosen[d]]);
      const out = profiles[c];
      cv.scoreOptions(base, options[c], out);
      evaluated += out.length;
      let arg = chosen[c];
      let score = out[arg];
      for (let o = 0; o < out.length; o++) {
        const s = out[o];
        if (!Number.isNaN(s) && (Number.isNaN(score) || s < score)) {
          score = s;
          arg = o;
        }
      }
      scoredAt[c] = step;
      if (arg !== chosen[c]) {
        chosen[c] = arg;
        changed = true;
        changedAt[c] = lastChange = step;
      }
      yield { pass, channel: c, evaluated };
    }
    if (!changed) {
      converged = true;
      break;
    }
  }
  // the score at the final point: any channel's profile at its choice, from a scoring after the last change
  for (let c = 0; c < C; c++) if (scoredAt[c] >= lastChange) best = profiles[c][chosen[c]];
  return { chosen, rmse: best, passes, converged, evaluated, profiles };
}
