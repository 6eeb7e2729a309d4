/**
 * Moving-block bootstrap of the two-stage mediation model (`mediation.ts`): the headline uncertainty of every
 * effect, because the stage-2 OLS standard errors ignore that `M̂` was estimated in stage 1.
 *
 * Each replicate resamples weeks in blocks, refits **both** stages on the resampled weeks with every θ (and
 * saturation) held fixed, and recomputes every effect:
 *
 * 1. The fit rows `r_1 < … < r_m` (time order) are cut into the `m − L + 1` overlapping blocks of `L`
 *    consecutive fit rows (`r_p … r_{p+L−1}`; a block may step over a left-out week). `⌈m/L⌉` block starts are
 *    drawn uniformly with replacement and the blocks concatenated, truncated to `m` rows (Künsch 1989).
 *    With `circular`, the blocks wrap around (`r_m` is followed by `r_1`; Politis & Romano 1992), so that the
 *    first and last weeks are drawn as often as the others.
 *    Blocks keep the short-range dependence of weekly data (carryover, autocorrelated spend and errors)
 *    inside each block, which resampling single weeks would destroy.
 * 2. The adstocked regressors are computed once on the full series in time order, and a replicate resamples
 *    **rows of the design** (adstock is not recomputed on the resampled series). Carryover is a property of
 *    the series as it happened: a resampled week keeps the adstock it had, built from the weeks that really
 *    preceded it. Recomputing adstock over a shuffled series would invent carryover from weeks that did not
 *    precede it. `adstock(M̂*)` for the replicate's stage-1 coefficients `â*` is `adstock(X₁) â*` (adstock is
 *    linear), so no transform is recomputed at all.
 * 3. Stage 1 on the replicate's rows gives `â*`; stage 2 on the same rows, with `M̂* = X₁ â*` and
 *    `û* = M − M̂*`, gives `b*`, `b_u*`, `c*`, …; the effects follow from `mediationEstimates`. Evaluation
 *    points stay at their full-sample values (spend totals and means over all weeks), so an interval reflects
 *    the estimation uncertainty of the coefficients only, as a delta-method interval "at the means" would.
 * 4. Per effect: the bootstrap standard error (standard deviation of the replicates, ddof = 1), the
 *    percentile interval (Efron & Tibshirani 1993, §13.3; quantiles with linear interpolation, numpy's
 *    default / Hyndman–Fan type 7), and the share of replicates ≤ 0 (for an indirect effect, a one-sided
 *    bootstrap p-value of "no positive mediation", as in Preacher & Hayes 2008).
 *
 * Block length: the default 8 weeks is about twice `n^{1/3}` (≈ 4.7 for 104 weeks; Hall, Horowitz & Jing
 * 1995 show the variance-optimal block length grows as `n^{1/3}`), erring long because the social spend
 * series are AR(1) with strong persistence and a block must span the carryover. Try 4 and 12 to see how much
 * the intervals depend on it.
 *
 * A replicate whose design is rank deficient is counted in `nFailed` and left out (its random draws are still
 * consumed, so results stay deterministic); the summaries are then conditional on the replicate being
 * estimable. The usual cause is a sparse dummy with no week drawn: on the bundled data (December = 8 weeks,
 * November = 9) about 15% of moving-block replicates with `L = 8` draw no December or no November week,
 * partly because Künsch's blocks under-sample the last `L − 1` weeks (here December 2024); circular blocks
 * (the default) halve that (8%); with moving blocks `L = 4` gives 7%, `L = 12` 18%. A merged November–December dummy (17 weeks) makes it
 * rarer. Leaving such
 * a dummy's coefficient out of a replicate would not be neutral: through the adstock of `M̂` the stage-1
 * December coefficient reaches January weeks.
 *
 * Randomness: xoshiro128** (Blackman & Vigna 2018) seeded by splitmix32 from `seed`; block starts are
 * `⌊u · (m − L + 1)⌋` (circular: `⌊u · m⌋`) with `u` a 32-bit uniform (bias below `m / 2³²`).
 *
 * References: Künsch (1989), "The jackknife and the bootstrap for general stationary observations", Annals of
 * Statistics 17(3); Politis & Romano (1992), "A circular block-resampling procedure for stationary data", in
 * "Exploring the Limits of Bootstrap", Wiley; Lahiri (2003), "Resampling Methods for Dependent Data", §2.5;
 * Preacher & Hayes (2008), Behavior Research Methods 40(3); Efron & Tibshirani (1993), "An Introduction to the
 * Bootstrap".
 *
 * @module
 */

import { ModelError } from "../errors.ts";
import { quantileSorted } from "../stats/mod.ts";
import {
  estimatePlan,
  fitMediation,
  fitStages,
  mediationData,
  type MediationEstimates,
  type MediationFit,
  type MediationInputs,
  stageBuffers,
} from "./mediation.ts";
import { xoshiro128ss } from "../stats/random.ts";

/** Options of {@link bootstrapMediation}. */
export interface MediationBootstrapOptions {
  /** Seed, an integer in [0, 2³²). Required: no hidden randomness. */
  readonly seed: number;
  /** Number of replicates, an integer ≥ 2 (default 999). */
  readonly reps?: number;
  /** Block length in fit rows, an integer in [1, number of fit rows] (default 8; 1 is the i.i.d. bootstrap). */
  readonly blockLength?: number;
  /** Confidence level of the percentile intervals, in (0, 1) (default 0.95). */
  readonly level?: number;
  /**
   * Circular blocks (Politis & Romano 1992): blocks may wrap from the last fit row to the first, so every
   * week is equally likely to be drawn (default true; false gives Künsch's moving blocks, which under-sample the
   * first and last `L − 1` weeks).
   */
  readonly circular?: boolean;
}

/** Bootstrap summary of one estimate. */
export interface BootstrapInterval {
  /** `<channel>.<quantity>` (see `mediationEstimates`), or the stage-2 term for standardized coefficients. */
  readonly name: string;
  /** The part of `name` before its last dot (the input channel, or the stage-2 term when standardized). */
  readonly channel: string;
  /** The part after the last dot (e.g. `indirectPerDollar`), or `"standardized"`. */
  readonly quantity: string;
  /** Full-sample estimate. */
  readonly estimate: number;
  /** Standard deviation of the replicates (ddof = 1). */
  readonly se: number;
  /** Lower end of the percentile interval at `level` (quantile `(1 − level)/2` of the replicates, type 7). */
  readonly lower: number;
  /** Upper end of the percentile interval (quantile `(1 + level)/2`). */
  readonly upper: number;
  /** Share of replicates ≤ 0. */
  readonly shareNonPositive: number;
}

/** The result of {@link bootstrapMediation}. */
export interface MediationBootstrap {
  /** The seed the block starts were drawn from (the option). */
  readonly seed: number;
  /** Replicates drawn, failed ones included (option `reps`, default 999). */
  readonly reps: number;
  /** Block length L in fit rows (default 8). */
  readonly blockLength: number;
  /** Confidence level of the percentile intervals (default 0.95). */
  readonly level: number;
  /** Whether blocks wrap from the last fit row to the first (Politis & Romano; default true). */
  readonly circular: boolean;
  /** Replicates left out because a stage's design was rank deficient. */
  readonly nFailed: number;
  /** Every estimate of `mediationEstimates`, with bootstrap SE, percentile interval and share ≤ 0. */
  readonly effects: readonly BootstrapInterval[];
  /** Stage-2 standardized coefficients `β_j sd(x_j)/sd(y)` (each replicate's rows); quantity `standardized`. */
  readonly standardized: readonly BootstrapInterval[];
  /** The successful replicates: `values` is (reps − nFailed) × names.length, row-major. */
  readonly replicates: MediationEstimates;
  /** The successful replicates' standardized coefficients: (reps − nFailed) × stage-2 terms, row-major. */
  readonly standardizedReplicates: MediationEstimates;
  /** The full-sample fit the estimates come from (classical OLS covariance). */
  readonly fit: MediationFit;
}

/**
 * Moving-block bootstrap of the two-stage model (see the module doc): refits both stages on `reps` resampled
 * series of weeks with θ fixed and summarizes every effect.
 *
 * @param inputs as for `fitMediation` (the fit rows are what is resampled)
 * @param options `seed` (required), `reps` (999), `blockLength` (8), `level` (0.95), `circular` (true)
 * @throws RangeError for bad options; ModelError when the full-sample fit fails or more than half of the
 *   replicates are rank deficient
 * @example
 * ```ts ignore
 * const boot = bootstrapMediation(inputs, { seed: 1 });
 * const fb = bootstrapInterval(boot, "facebook_spend", "indirectPerDollar");
 * `${fb.estimate} (${fb.lower}, ${fb.upper})`;
 * ```
 */
export function bootstrapMediation(
  inputs: MediationInputs,
  options: MediationBootstrapOptions,
): MediationBootstrap {
  const { seed } = options;
  const reps = options.reps ?? 999;
  const blockLength = options.blockLength ?? 8;
  const level = options.level ?? 0.95;
  const circular = options.circular ?? true;
  if (!(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)) {
    throw new RangeError(`seed must be an integer in [0, 2^32), got ${seed}`);
  }
  if (!(Number.isInteger(reps) && reps >= 2)) {
    throw new RangeError(`reps must be an integer >= 2, got ${reps}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const fit = fitMediation(inputs);
  const data = mediationData(inputs);
  const { rows } = data;
  const m = rows.length;
  if (!(Number.isInteger(blockLength) && blockLength >= 1 && blockLength <= m)) {
    throw new RangeError(
      `blockLength must be an integer in [1, ${m}] (the number of fit rows), got ${blockLength}`,
    );
  }

  const plan = estimatePlan(data);
  const q = plan.names.length;
  const stdNames = fit.standardized.names;
  const k2 = data.stage2Terms.length;
  const values = new Float64Array(reps * q);
  const stdValues = new Float64Array(reps * stdNames.length);
  const work = stageBuffers(data, m);
  const sample = new Int32Array(m);
  const nStarts = circular ? m : m - blockLength + 1;
  const next = xoshiro128ss(seed);
  let ok = 0, nFailed = 0;
  for (let r = 0; r < reps; r++) {
    for (let p = 0; p < m;) {
      const start = Math.floor((next() / 2 ** 32) * nStarts);
      for (let j = 0; j < blockLength && p < m; j++) sample[p++] = rows[(start + j) % m];
    }
    let coef: { stage1: Float64Array; stage2: Float64Array };
    try {
      coef = fitStages(data, sample, work);
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      nFailed++;
      continue;
    }
    plan.write(coef.stage1, coef.stage2, values, ok * q);
    standardizedInto(work.x2, work.y2, m, k2, coef.stage2, stdValues, ok * stdNames.length);
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
  return {
    seed,
    reps,
    blockLength,
    level,
    circular,
    nFailed,
    effects: summarizeReplicates(
      plan.names,
      fit.estimates.values,
      kept,
      ok,
      level,
      (name) => splitName(name),
    ),
    standardized: summarizeReplicates(stdNames, fit.standardized.values, keptStd, ok, level, (name) => ({
      channel: name,
      quantity: "standardized",
    })),
    replicates: { names: plan.names, values: kept.slice() },
    standardizedReplicates: { names: stdNames, values: keptStd.slice() },
    fit,
  };
}

/**
 * The bootstrap summary of one effect, by channel and quantity (as in `mediationEstimates`); a `RangeError`
 * lists the available names when it is missing.
 *
 * @example
 * ```ts ignore
 * bootstrapInterval(boot, "google_spend", "b").lower;
 * ```
 */
export function bootstrapInterval(
  boot: MediationBootstrap,
  channel: string,
  quantity: string,
): BootstrapInterval {
  const name = `${channel}.${quantity}`;
  const found = boot.effects.find((e) => e.name === name);
  if (!found) {
    throw new RangeError(`no effect "${name}"; have: ${boot.effects.map((e) => e.name).join(", ")}`);
  }
  return found;
}

/**
 * Per name (column `j` of the row-major `reps × names.length` replicates): the bootstrap standard error
 * (ddof = 1), the percentile interval at `level` (quantiles with linear interpolation, Hyndman–Fan type 7) and
 * the share of replicates ≤ 0, beside the full-sample `estimates[j]`.
 *
 * @example
 * ```ts
 * summarizeReplicates(["x.a"], new Float64Array([1]), new Float64Array([0, 1, 2]), 3, 0.5, (n) => ({ channel: "x", quantity: "a" }));
 * // [{ name: "x.a", estimate: 1, se: 1, lower: 0.5, upper: 1.5, shareNonPositive: 1/3, ... }]
 * ```
 */
export function summarizeReplicates(
  names: readonly string[],
  estimates: Float64Array,
  values: Float64Array,
  reps: number,
  level: number,
  label: (name: string) => { channel: string; quantity: string },
): BootstrapInterval[] {
  const q = names.length;
  const column = new Float64Array(reps);
  const alpha = 1 - level;
  return names.map((name, j) => {
    let mean = 0, nonPositive = 0;
    for (let r = 0; r < reps; r++) {
      const v = values[r * q + j];
      column[r] = v;
      mean += v;
      if (v <= 0) nonPositive++;
    }
    mean /= reps;
    let ss = 0;
    for (let r = 0; r < reps; r++) ss += (column[r] - mean) ** 2;
    column.sort();
    return {
      name,
      ...label(name),
      estimate: estimates[j],
      se: Math.sqrt(ss / (reps - 1)),
      lower: quantileSorted(column, alpha / 2),
      upper: quantileSorted(column, 1 - alpha / 2),
      shareNonPositive: nonPositive / reps,
    };
  });
}

/** `"<channel>.<quantity>"` split at its last dot. */
export function splitName(name: string): { channel: string; quantity: string } {
  const dot = name.lastIndexOf(".");
  return { channel: name.slice(0, dot), quantity: name.slice(dot + 1) };
}

/** `β_j sd(x_j)/sd(y)` for the columns 1..k−1 of an m × k design (column 0 is the constant). */
export function standardizedInto(
  x: Float64Array,
  y: Float64Array,
  m: number,
  k: number,
  coef: Float64Array,
  out: Float64Array,
  offset: number,
): void {
  const sdY = sd(y, m, 1, 0);
  for (let j = 1; j < k; j++) out[offset + j - 1] = (coef[j] * sd(x, m, k, j)) / sdY;
}

function sd(x: Float64Array, m: number, stride: number, j: number): number {
  let mean = 0;
  for (let i = 0; i < m; i++) mean += x[i * stride + j];
  mean /= m;
  let s = 0;
  for (let i = 0; i < m; i++) s += (x[i * stride + j] - mean) ** 2;
  return Math.sqrt(s / m);
}
