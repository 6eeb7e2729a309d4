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
 * shortlist costs about 4 × 10 + 10 + 10 + 2 × 7 = 74 fits, most of them cheap stage-1 fits. An earlier
 * shortlist of θ̂ ± 2 grid steps made the replicates' θ unable to leave θ̂ ± 0.2: in the coverage study
 * (docs/validation.md, N = 30) the θ intervals then covered 69% of the true θ's, their misses sitting on the
 * shortlist's ends, chiefly channels with small effects whose θ the data cannot pin down; the whole grid
 * lets such an interval span it.
 *
 * **Carryover intervals** are the hull of the grid cells ({@link gridCellInterval}) of the replicates'
 * percentile interval: a chosen grid value stands for every θ half-way to its neighbours, so an interval
 * whose replicates all chose 0.3 is [0.25, 0.35], not the single point 0.3 that misses every true θ between
 * grid points. The percentile interval itself is kept as `carryoverPercentile`.
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
 * of the joint shortlist. (d) Run time: about 40–100 fits per replicate instead of one.
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
import type { SaturationSpec } from "../features/saturation.ts";
import {
  estimatePlan,
  fillStage2,
  fitMediation,
  fitStages,
  mediationData,
  type MediationInputs,
  type MediationSpec,
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
import { qrLeastSquares } from "../linalg/qr.ts";
import { gridCellInterval } from "./grid_interval.ts";
import type { NationalTransforms } from "./weekly_transforms.ts";

/** Carryover and saturation options per path that a replicate may choose from. */
export interface TransformShortlist {
  /** Stage-1 θ options per social channel. */
  readonly social: Readonly<Record<string, readonly number[]>>;
  /** θ_M options. */
  readonly mediator: readonly number[];
  /** θ' options per direct-path social channel. */
  readonly directSocial: Readonly<Record<string, readonly number[]>>;
  /** Saturation options per direct channel (`null`: none). */
  readonly direct: Readonly<Record<string, readonly (SaturationSpec | null)[]>>;
}

/** Options of {@link bootstrapMediationTransforms}. */
export interface TransformBootstrapOptions extends MediationBootstrapOptions {
  /** Largest number of coordinate-descent sweeps per replicate (default 2). */
  readonly sweeps?: number;
}

/** The result of {@link bootstrapMediationTransforms}: the fixed-transform bootstrap's fields and the θ's. */
export interface TransformBootstrap extends MediationBootstrap {
  readonly transforms: "re-chosen";
  readonly shortlist: TransformShortlist;
  /**
   * Carryover per path, quantity `carryover` (stage-1 θ_s per social channel and θ_M of the mediator) or
   * `directCarryover` (θ'_s of a direct path): the full-sample θ and the hull of the grid cells (on the path's
   * shortlist) of the percentile interval of the replicates' re-chosen θ's ({@link gridCellInterval}).
   */
  readonly carryover: readonly BootstrapInterval[];
  /** The same rows with the plain percentile interval of the re-chosen θ's (grid values). */
  readonly carryoverPercentile: readonly BootstrapInterval[];
  /** Mean number of two-stage fits per replicate. */
  readonly fitsPerReplicate: number;
}

/**
 * The grid values within `k` grid steps of `value` (which must be on the grid), in grid order.
 *
 * @example
 * neighbourGrid([0, 0.1, 0.2, 0.3, 0.4], 0.1, 2); // [0, 0.1, 0.2, 0.3]
 */
export function neighbourGrid(grid: readonly number[], value: number, k: number): number[] {
  if (!(Number.isInteger(k) && k >= 0)) throw new RangeError(`k must be an integer >= 0, got ${k}`);
  const sorted = [...grid].sort((a, b) => a - b);
  let at = sorted.findIndex((g) => Math.abs(g - value) < 1e-12);
  if (at < 0) {
    // off the grid (a caller's own θ): the nearest grid point is the centre, the value itself is kept
    at = sorted.reduce((best, g, i) => (Math.abs(g - value) < Math.abs(sorted[best] - value) ? i : best), 0);
    const out = sorted.slice(Math.max(0, at - k), at + k + 1);
    return [...new Set([...out, value])].sort((a, b) => a - b);
  }
  return sorted.slice(Math.max(0, at - k), at + k + 1);
}

/**
 * The shortlist of a two-stage search (see the module doc): θ within `neighbours` grid steps of each chosen θ on
 * the stage's searched grid (default: the whole grid), and every saturation option searched for each direct
 * channel.
 *
 * @param t a two-stage `searchNationalTransforms` result
 * @param spec the model's spec (the chosen transforms, e.g. `mediationInputsFromSearch(ds, t).spec`)
 * @param neighbours grid steps kept on each side of the chosen θ (default: every searched value)
 * @example
 * transformShortlist(t, inputs.spec).social.facebook_spend; // e.g. [0, 0.1, …, 0.9]
 * transformShortlist(t, inputs.spec, 2).social.facebook_spend; // e.g. [0.3, 0.4, 0.5, 0.6, 0.7]
 */
export function transformShortlist(
  t: NationalTransforms,
  spec: MediationSpec,
  neighbours?: number,
): TransformShortlist {
  if (t.model !== "two-stage" || t.stage1 === null) {
    throw new RangeError("transformShortlist needs a two-stage search (this one is single-stage)");
  }
  const g1 = t.stage1.thetaGrid, g2 = t.stage2.thetaGrid;
  neighbours ??= Math.max(g1.length, g2.length);
  const hill = (c: string): (SaturationSpec | null)[] => [
    null,
    ...t.options.halfSaturationMultiples.flatMap((m) =>
      t.options.hillShapes.map((shape) => ({
        type: "hill" as const,
        halfSaturation: m * t.saturationScales[c],
        shape,
      }))
    ),
  ];
  return {
    social: Object.fromEntries(spec.social.map((s) => [s.column, neighbourGrid(g1, s.theta, neighbours)])),
    mediator: neighbourGrid(g2, spec.mediator.theta, neighbours),
    directSocial: Object.fromEntries(
      spec.directSocial.map((s) => [s.column, neighbourGrid(g2, s.theta, neighbours)]),
    ),
    direct: Object.fromEntries(spec.direct.map((d) => {
      const options = hill(d.column);
      const chosen = d.saturation ?? null;
      const has = options.some((o) => sameSaturation(o, chosen));
      return [d.column, has ? options : [chosen, ...options]];
    })),
  };
}

/** One path of the shortlist: which stage scores it and how an option index writes into a spec. */
interface Path {
  readonly stage: 1 | 2;
  readonly options: number;
  readonly start: number;
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

  // paths in sweep order: stage-1 social θ's, then θ_M, direct-path θ's, direct saturation
  const thetaIndex = (list: readonly number[] | undefined, theta: number, what: string) => {
    const i = (list ?? []).findIndex((v) => Math.abs(v - theta) < 1e-12);
    if (i < 0) throw new RangeError(`the shortlist of ${what} does not contain the chosen θ = ${theta}`);
    return i;
  };
  const socialLists = spec0.social.map((s) => shortlist.social[s.column]);
  const directSocialLists = spec0.directSocial.map((s) => shortlist.directSocial[s.column]);
  const directLists = spec0.direct.map((d) => shortlist.direct[d.column]);
  const paths: Path[] = [
    ...spec0.social.map((s, i) => ({
      stage: 1 as const,
      options: socialLists[i].length,
      start: thetaIndex(socialLists[i], s.theta, s.column),
    })),
    {
      stage: 2,
      options: shortlist.mediator.length,
      start: thetaIndex(shortlist.mediator, spec0.mediator.theta, spec0.mediator.column),
    },
    ...spec0.directSocial.map((s, i) => ({
      stage: 2 as const,
      options: directSocialLists[i].length,
      start: thetaIndex(directSocialLists[i], s.theta, `${s.column} (direct)`),
    })),
    ...spec0.direct.map((d, i) => {
      const at = (directLists[i] ?? []).findIndex((o) => sameSaturation(o, d.saturation ?? null));
      if (at < 0) throw new RangeError(`the shortlist of ${d.column} does not contain the chosen saturation`);
      return { stage: 2 as const, options: directLists[i].length, start: at };
    }),
  ];
  const nSocial = spec0.social.length, nDirectSocial = spec0.directSocial.length;
  const specOf = (choice: Int32Array): MediationSpec => {
    const social = spec0.social.map((s, i) => ({ column: s.column, theta: socialLists[i][choice[i]] }));
    return {
      ...spec0,
      social,
      mediator: { column: spec0.mediator.column, theta: shortlist.mediator[choice[nSocial]] },
      directSocial: spec0.directSocial.map((s, i) => ({
        column: s.column,
        theta: directSocialLists[i][choice[nSocial + 1 + i]],
      })),
      direct: spec0.direct.map((d, i) => {
        const sat = directLists[i][choice[nSocial + 1 + nDirectSocial + i]];
        const { saturation: _, ...rest } = d;
        return sat ? { ...rest, saturation: sat } : rest;
      }),
    };
  };

  const plan0 = estimatePlan(data0);
  const names = plan0.names;
  const q = names.length;
  const stdNames = fit.standardized.names;
  const k1 = data0.stage1Terms.length, k2 = data0.stage2Terms.length;
  const carryNames = [
    ...spec0.social.map((s) => `${s.column}.carryover`),
    `${spec0.mediator.column}.carryover`,
    ...spec0.directSocial.map((s) => `${s.column}.directCarryover`),
  ];
  const nCarry = carryNames.length;
  const values = new Float64Array(reps * q);
  const stdValues = new Float64Array(reps * stdNames.length);
  const carryValues = new Float64Array(reps * nCarry);
  const work = stageBuffers(data0, m);
  const sample = new Int32Array(m);
  const nStarts = circular ? m : m - blockLength + 1;
  const next = xoshiro128ss(seed);
  const choice = new Int32Array(paths.length);
  let ok = 0, nFailed = 0, fits = 0;

  const sse = (x: Float64Array, y: Float64Array, coef: Float64Array, k: number) => {
    let s = 0;
    for (let t = 0; t < m; t++) {
      let e = y[t];
      for (let j = 0; j < k; j++) e -= x[t * k + j] * coef[j];
      s += e * e;
    }
    return s;
  };
  // the model's regressors per choice, built once per distinct choice (bounded cache: cleared when full)
  const cache = new Map<string, ReturnType<typeof mediationData> | null>();
  const dataOf = (c: Int32Array) => {
    const key = c.join(",");
    let d = cache.get(key);
    if (d === undefined) {
      if (cache.size >= 4000) cache.clear();
      try {
        d = mediationData({ ...inputs, spec: specOf(c) });
      } catch (e) {
        if (!(e instanceof ModelError || e instanceof RangeError)) throw e;
        d = null;
      }
      cache.set(key, d);
    }
    return d;
  };
  const plans = new WeakMap<object, ReturnType<typeof estimatePlan>>();
  const socialKey = (c: Int32Array) => c.subarray(0, nSocial).join(",");
  // stage 1's design depends on the social θ's only: one entry per social choice
  const stage1Cache = new Map<string, ReturnType<typeof mediationData> | null>();
  const stage1Of = (c: Int32Array) => {
    const key = socialKey(c);
    let d = stage1Cache.get(key);
    if (d === undefined) {
      d = cache.get(c.join(",")) ?? dataOf(c);
      stage1Cache.set(key, d);
    }
    return d;
  };
  // the residual sum of squares of `stage` for a choice on `sample` (Infinity when rank deficient)
  let stage1Key = "", stage1Coef: Float64Array = new Float64Array(k1);
  const score = (c: Int32Array, stage: 1 | 2): number => {
    fits++;
    const data = stage === 1 ? stage1Of(c) : dataOf(c);
    if (data === null) return Infinity;
    try {
      if (stage === 1) {
        for (let t = 0; t < m; t++) {
          const i = sample[t];
          work.x1.set(data.stage1X.subarray(i * k1, i * k1 + k1), t * k1);
          work.y1[t] = data.mediator[i];
        }
        return sse(work.x1, work.y1, qrLeastSquares(work.x1, work.y1, m, k1, data.stage1Terms).coef, k1);
      }
      // stage 1 depends on the social θ's only: refit it only when they changed since the last stage-2 score
      if (stage1Key !== socialKey(c)) {
        for (let t = 0; t < m; t++) {
          const i = sample[t];
          work.x1.set(data.stage1X.subarray(i * k1, i * k1 + k1), t * k1);
          work.y1[t] = data.mediator[i];
        }
        stage1Coef = qrLeastSquares(work.x1, work.y1, m, k1, data.stage1Terms).coef;
        stage1Key = socialKey(c);
      }
      fillStage2(data, stage1Coef, sample, work.x2);
      for (let t = 0; t < m; t++) work.y2[t] = data.y[sample[t]];
      return sse(work.x2, work.y2, qrLeastSquares(work.x2, work.y2, m, k2, data.stage2Terms).coef, k2);
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      return Infinity;
    }
  };

  for (let r = 0; r < reps; r++) {
    for (let p = 0; p < m;) {
      const start = Math.floor((next() / 2 ** 32) * nStarts);
      for (let j = 0; j < blockLength && p < m; j++) sample[p++] = rows[(start + j) % m];
    }
    for (let p = 0; p < paths.length; p++) choice[p] = paths[p].start;
    stage1Key = "";
    // known[stage − 1]: the score of the current choice for that stage, NaN when it must be recomputed
    const known = [NaN, NaN];
    for (let sweep = 0; sweep < sweeps; sweep++) {
      let changed = false;
      for (let p = 0; p < paths.length; p++) {
        const path = paths[p];
        if (path.options < 2) continue;
        const st = path.stage - 1;
        const current = choice[p];
        let best = current, bestScore = Number.isNaN(known[st]) ? score(choice, path.stage) : known[st];
        for (let o = 0; o < path.options; o++) {
          if (o === current) continue;
          choice[p] = o;
          const s = score(choice, path.stage);
          if (s < bestScore) {
            bestScore = s;
            best = o;
          }
        }
        choice[p] = best;
        known[st] = bestScore;
        // a stage-1 change moves M̂ and so every stage-2 score; a stage-2 change leaves stage 1 alone
        if (best !== current) {
          changed = true;
          if (st === 0) known[1] = NaN;
        }
      }
      if (!changed) break;
    }
    const spec = specOf(choice);
    let coef: { stage1: Float64Array; stage2: Float64Array };
    const data = dataOf(choice);
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
  // each path's interval widened to the hull of its shortlist's grid cells (module doc)
  const carryLists = [...socialLists, shortlist.mediator, ...directSocialLists];
  const carryover = carryoverPercentile.map((c, i) => {
    if (!(Number.isFinite(c.lower) && Number.isFinite(c.upper))) return c;
    return { ...c, ...gridCellInterval(carryLists[i], c.lower, c.upper) };
  });
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
    fitsPerReplicate: fits / reps + 1,
  };
}

function sameSaturation(a: SaturationSpec | null, b: SaturationSpec | null): boolean {
  if (a === null || b === null) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** How much wider one quantity's interval is when the transforms are re-chosen. */
export interface IntervalWidening {
  readonly name: string;
  readonly channel: string;
  readonly quantity: string;
  /** `upper − lower` with the transforms held fixed and re-chosen. */
  readonly fixedWidth: number;
  readonly width: number;
  /** `width / fixedWidth`. */
  readonly ratio: number;
}

/** The headline quantities of `mediationEstimates` that {@link intervalWidening} compares by default. */
export const HEADLINE_QUANTITIES: readonly string[] = [
  "mediatorPerDollar",
  "indirectPerDollar",
  "directPerDollar",
  "totalPerDollar",
  "contribution",
  "roi",
  "elasticity",
  "lift",
];

/**
 * Width ratio `(upper − lower)_re-chosen / (upper − lower)_fixed` of each effect present in both bootstraps
 * whose quantity is in `quantities` and whose fixed interval has positive width (a quantity that is 0 by
 * construction, such as the direct effect of a channel without a direct path, is left out), and the median
 * ratio over them (NaN when there is none).
 *
 * @example
 * const w = intervalWidening(rechosen.effects, fixed.effects);
 * `${w.median.toFixed(2)} × as wide`;
 */
export function intervalWidening(
  rechosen: readonly BootstrapInterval[],
  fixed: readonly BootstrapInterval[],
  quantities: readonly string[] = HEADLINE_QUANTITIES,
): {
  readonly rows: readonly IntervalWidening[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
} {
  const rows: IntervalWidening[] = [];
  for (const r of rechosen) {
    if (!quantities.includes(r.quantity)) continue;
    const f = fixed.find((x) => x.name === r.name);
    if (!f) continue;
    const fixedWidth = f.upper - f.lower, width = r.upper - r.lower;
    if (!(fixedWidth > 0) || !Number.isFinite(width)) continue;
    rows.push({
      name: r.name,
      channel: r.channel,
      quantity: r.quantity,
      fixedWidth,
      width,
      ratio: width / fixedWidth,
    });
  }
  const sorted = rows.map((r) => r.ratio).sort((a, b) => a - b);
  const k = sorted.length;
  const median = k === 0 ? NaN : k % 2 === 1 ? sorted[(k - 1) / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
  return { rows, median, min: k ? sorted[0] : NaN, max: k ? sorted[k - 1] : NaN };
}
