/**
 * Circular block bootstrap of the two-stage national model that **re-chooses the transforms** (carryover θ of
 * every path, Hill saturation of the direct channels) in every replicate, so that the intervals include the
 * uncertainty of the transform choice. `mediation_bootstrap.ts` holds the chosen transforms fixed; in the
 * coverage study (docs/validation.md) that alone made 95% intervals cover 74–86% of the truths, while the same
 * bootstrap with the true transforms covered 91–98%.
 *
 * Each replicate:
 * 1. draws `⌈m/L⌉` circular blocks of `L` consecutive fit rows (Politis & Romano 1992), exactly as
 *    `bootstrapMediation` does (same random stream for the same seed);
 * 2. re-chooses the transforms over a **shortlist** by **in-sample least squares on the resampled rows**, one
 *    path at a time (coordinate descent, Gauss–Seidel sweeps starting from the full-sample choice, at most
 *    `sweeps` sweeps, stopping when a sweep changes nothing):
 *    - each social channel's stage-1 θ_s, scored by the stage-1 residual sum of squares;
 *    - then the mediator's θ_M, each direct-path θ'_s and each direct channel's saturation, scored by the
 *      stage-2 residual sum of squares (stage 1 at its re-chosen θ's);
 * 3. refits both stages with the re-chosen transforms and recomputes every effect (`mediationEstimates`,
 *    evaluation sums with the replicate's θ's), and records the chosen θ per path.
 *
 * **Shortlist** ({@link transformShortlist}): per carryover path, by default **every searched grid value** (the
 * search's 10 values on the default grid); per direct channel every saturation option searched (none and the
 * 3 × 2 Hill curves). The joint search scores ~45,000 candidates by 5-fold CV (≈ 2 s); a sweep over the
 * shortlist scores about 4 × 10 + 10 + 10 + 2 × 7 = 74 candidate designs. An earlier
 * shortlist of θ̂ ± 2 grid steps made the replicates' θ unable to leave θ̂ ± 0.2: in the coverage study
 * (docs/validation.md, N = 30) the θ intervals then covered 69% of the true θ's, their misses sitting on the
 * shortlist's ends, chiefly channels with small effects whose θ the data cannot pin down; the whole grid
 * lets such an interval span it.
 *
 * **Carryover intervals** are percentile intervals of each replicate's θ **refined between grid points**: after
 * the sweeps, each carryover path's θ is re-chosen continuously in `[θ_{b−1}, θ_{b+1}]` around its grid choice
 * θ_b by golden-section search on the same least-squares score (`transform_choice.ts`), the other paths held
 * at their choices. Grid values alone make a percentile interval with grid values for ends, which misses true
 * θ's between grid points (width 0 when every replicate picks the same value): 88% coverage in the study.
 * Widening it to the hull of the grid cells (half-way to the neighbours) over-covered: 99.2% [97.1, 99.8]
 * (N = 50, docs/validation.md). With refined θ's: 97.6% [94.9, 98.9] on the same draws. The percentile
 * interval of the grid choices is kept as `carryoverPercentile`.
 *
 * **Why in-sample scoring.** Every candidate of a stage has the same number of coefficients (θ and the Hill
 * parameters change columns, not their count), so the smallest residual sum of squares is also the smallest AIC
 * or BIC, and choosing it is the nonlinear least-squares estimate of the transforms restricted to the shortlist;
 * the block bootstrap of a least-squares estimator is its usual consistent bootstrap (Lahiri 2003, ch. 4).
 * Cross-validating a resampled series would mix weeks from different times in each fold's training window
 * and cost 5 × more.
 *
 * **What it costs.** (a) A replicate's θ cannot leave the shortlist (by default the searched grid), and
 * saturation stays on the searched grid. (b) In-sample scoring prefers
 * slightly more flexible curves than CV did, so replicates can be centred a little away from the pipeline's
 * CV choice; the percentile interval then shifts with them. (c) Coordinate descent can stop at a local optimum
 * of the joint shortlist. (d) Run time: about 60–150 candidate designs scored per replicate instead of one fit.
 *
 * **How a sweep is scored** (`transform_choice.ts`): each path's options are scored by swapping their columns
 * into the stage's design factored once without them (Frisch–Waugh–Lovell), giving the choices of a full refit
 * per option. On the bundled data 999 replicates took 10.9 s idle with a refit per option; with swaps and the θ
 * refinement below, 3.1 s idle (`bench/mediation_bench.ts`).
 * The paths and their option columns are in `transform_paths.ts`, the shortlist in `transform_shortlist.ts`, the
 * width comparison with the fixed-transform bootstrap in `interval_widening.ts` (all re-exported here).
 *
 * Adstock is computed on the full series in time order (as in `mediation_bootstrap.ts`): a resampled week keeps
 * the adstock built from the weeks that really preceded it.
 *
 * References: Politis & Romano (1992); Künsch (1989); Lahiri (2003), "Resampling Methods for Dependent Data";
 * Efron & Tibshirani (1993) §13.3 (percentile intervals); Hastie, Tibshirani & Friedman (2009) §7.11 (the
 * bootstrap must repeat every data-driven choice, model selection included).
 *
 * @module
 */

import { ModelError } from "../errors.ts";
import {
  estimatePlan,
  fitMediation,
  fitStages,
  mediationData,
  type MediationInputs,
  stageBuffers,
} from "../models/mediation.ts";
import {
  type BootstrapInterval,
  type MediationBootstrap,
  type MediationBootstrapOptions,
  splitName,
  standardizedInto,
  summarizeReplicates,
} from "../models/mediation_bootstrap.ts";
import { xoshiro128ss } from "../stats/random.ts";
import { replicateChooser } from "./transform_choice.ts";
import { transformPaths } from "./transform_paths.ts";
import type { TransformShortlist } from "./transform_shortlist.ts";

export { neighbourGrid, type TransformShortlist, transformShortlist } from "./transform_shortlist.ts";
export { HEADLINE_QUANTITIES, type IntervalWidening, intervalWidening } from "./interval_widening.ts";

/** Options of {@link bootstrapMediationTransforms}. */
export interface TransformBootstrapOptions extends MediationBootstrapOptions {
  /** Largest number of coordinate-descent sweeps per replicate (default 2). */
  readonly sweeps?: number;
}

/** The result of {@link bootstrapMediationTransforms}: the fixed-transform bootstrap's fields and the θ's. */
export interface TransformBootstrap extends MediationBootstrap {
  /** Marks this bootstrap as the one that re-chooses the transforms (`bootstrapMediation`'s holds them fixed). */
  readonly transforms: "re-chosen";
  /** The options each replicate chose from, per path. */
  readonly shortlist: TransformShortlist;
  /**
   * Carryover per path, quantity `carryover` (stage-1 θ_s per social channel and θ_M of the mediator) or
   * `directCarryover` (θ'_s of a direct path): the full-sample θ and the percentile interval of the replicates'
   * θ's refined between grid points (module doc).
   */
  readonly carryover: readonly BootstrapInterval[];
  /** The same rows with the plain percentile interval of the re-chosen θ's (grid values). */
  readonly carryoverPercentile: readonly BootstrapInterval[];
  /** Mean number of candidate designs scored per replicate (stage-1 or stage-2 designs), plus its final fit. */
  readonly fitsPerReplicate: number;
}

/**
 * Circular block bootstrap with the transforms re-chosen per replicate (see the module doc).
 *
 * @param inputs the model as chosen on the full sample (its fit gives the estimates)
 * @param shortlist options per path ({@link transformShortlist}); each must contain the chosen value
 * @param options as `bootstrapMediation` (`seed` required, `reps` 999, `blockLength` 8, `level` 0.95,
 *   `circular` true), and `sweeps` (2)
 * @throws RangeError for bad options or a shortlist without the chosen value; ModelError when the full-sample
 *   fit fails or more than half of the replicates fail
 * @example
 * const boot = bootstrapMediationTransforms(inputs, transformShortlist(t, inputs.spec), { seed: 1, reps: 199 });
 * boot.carryover.find((c) => c.channel === "google_spend")!.upper;
 */
export function bootstrapMediationTransforms(
  inputs: MediationInputs,
  shortlist: TransformShortlist,
  options: TransformBootstrapOptions,
): TransformBootstrap {
  const { seed } = options;
  const reps = options.reps ?? 999;
  const blockLength = options.blockLength ?? 8;
  const level = options.level ?? 0.95;
  const circular = options.circular ?? true;
  const sweeps = options.sweeps ?? 2;
  if (!(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)) {
    throw new RangeError(`seed must be an integer in [0, 2^32), got ${seed}`);
  }
  if (!(Number.isInteger(reps) && reps >= 2)) {
    throw new RangeError(`reps must be an integer >= 2, got ${reps}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  if (!(Number.isInteger(sweeps) && sweeps >= 1)) {
    throw new RangeError(`sweeps must be an integer >= 1, got ${sweeps}`);
  }
  const spec0 = inputs.spec;
  const fit = fitMediation(inputs);
  const data0 = mediationData(inputs);
  const rows = data0.rows;
  const m = rows.length;
  if (!(Number.isInteger(blockLength) && blockLength >= 1 && blockLength <= m)) {
    throw new RangeError(
      `blockLength must be an integer in [1, ${m}] (the number of fit rows), got ${blockLength}`,
    );
  }

  const tp = transformPaths(spec0, shortlist, data0);
  const { paths, specOf } = tp;
  const plans = new WeakMap<object, ReturnType<typeof estimatePlan>>();
  const plan0 = estimatePlan(data0);
  const names = plan0.names;
  const q = names.length;
  const stdNames = fit.standardized.names;
  const k2 = data0.stage2Terms.length;
  const carryNames = [
    ...spec0.social.map((s) => `${s.column}.carryover`),
    `${spec0.mediator.column}.carryover`,
    ...spec0.directSocial.map((s) => `${s.column}.directCarryover`),
  ];
  const nCarry = carryNames.length;
  const values = new Float64Array(reps * q);
  const stdValues = new Float64Array(reps * stdNames.length);
  const carryValues = new Float64Array(reps * nCarry);
  const refinedValues = new Float64Array(reps * nCarry);
  const work = stageBuffers(data0, m);
  const sample = new Int32Array(m);
  const nStarts = circular ? m : m - blockLength + 1;
  const next = xoshiro128ss(seed);
  const choice = new Int32Array(paths.length);
  const chooser = replicateChooser(inputs, tp, sample, work, sweeps);
  let ok = 0, nFailed = 0;

  for (let r = 0; r < reps; r++) {
    for (let p = 0; p < m;) {
      const start = Math.floor((next() / 2 ** 32) * nStarts);
      for (let j = 0; j < blockLength && p < m; j++) sample[p++] = rows[(start + j) % m];
    }
    for (let p = 0; p < paths.length; p++) choice[p] = paths[p].start;
    chooser.choose(choice);
    const spec = specOf(choice);
    let coef: { stage1: Float64Array; stage2: Float64Array };
    const data = chooser.dataOf(choice);
    try {
      if (data === null) throw new ModelError("the re-chosen transforms give an invalid design");
      coef = fitStages(data, sample, work);
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      nFailed++;
      continue;
    }
    let plan = plans.get(data);
    if (!plan) plans.set(data, plan = estimatePlan(data));
    plan.write(coef.stage1, coef.stage2, values, ok * q);
    standardizedInto(work.x2, work.y2, m, k2, coef.stage2, stdValues, ok * stdNames.length);
    let o = ok * nCarry;
    for (const s of spec.social) carryValues[o++] = s.theta;
    carryValues[o++] = spec.mediator.theta;
    for (const s of spec.directSocial) carryValues[o++] = s.theta;
    // carryover paths are the first nCarry paths, in the same order (transform_paths.ts)
    for (let p = 0; p < nCarry; p++) {
      refinedValues[ok * nCarry + p] = chooser.refinedTheta(choice, p, tp.carryLists[p]);
    }
    ok++;
  }
  if (nFailed > reps / 2) {
    throw new ModelError(
      `${nFailed} of ${reps} bootstrap replicates had a rank-deficient design (a sparse dummy never drawn?); ` +
        `try shorter or circular blocks, or merge sparse dummies`,
    );
  }
  const kept = values.subarray(0, ok * q);
  const keptStd = stdValues.subarray(0, ok * stdNames.length);
  const carryEstimates = Float64Array.from([
    ...spec0.social.map((s) => s.theta),
    spec0.mediator.theta,
    ...spec0.directSocial.map((s) => s.theta),
  ]);
  const carryoverPercentile = summarizeReplicates(
    carryNames,
    carryEstimates,
    carryValues.subarray(0, ok * nCarry),
    ok,
    level,
    splitName,
  );
  // the reported interval: percentiles of the θ's refined between grid points (module doc)
  const carryover = summarizeReplicates(
    carryNames,
    carryEstimates,
    refinedValues.subarray(0, ok * nCarry),
    ok,
    level,
    splitName,
  );
  return {
    seed,
    reps,
    blockLength,
    level,
    circular,
    nFailed,
    effects: summarizeReplicates(names, fit.estimates.values, kept, ok, level, splitName),
    standardized: summarizeReplicates(stdNames, fit.standardized.values, keptStd, ok, level, (name) => ({
      channel: name,
      quantity: "standardized",
    })),
    replicates: { names, values: kept.slice() },
    standardizedReplicates: { names: stdNames, values: keptStd.slice() },
    fit,
    transforms: "re-chosen",
    shortlist,
    carryover,
    carryoverPercentile,
    fitsPerReplicate: chooser.fits() / reps + 1,
  };
}
