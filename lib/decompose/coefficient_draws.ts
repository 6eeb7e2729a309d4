/**
 * Parametric (Krinsky–Robb) simulation of coefficient uncertainty: draw `β⁽ʳ⁾ ~ N(β̂, Σ̂)` and push each draw
 * through a quantity of interest (a contribution, an ROI, a response curve); the spread of the results is its
 * sampling uncertainty.
 *
 * Draws are `β̂ + L z` with `L` the Cholesky factor of `Σ̂` (`Σ̂ = L L'`) and `z` independent standard normals
 * from Box–Muller on a seeded sfc32 stream (Doty-Humphrey's Small Fast Counting generator, PractRand), so two
 * runs with the same seed give the same numbers.
 *
 * What it leaves out: the transform parameters (adstock carryover, saturation shape) are taken as known,
 * although they were chosen by a cross-validated search. Their uncertainty is not in these intervals, which
 * are therefore too narrow; a bootstrap that repeats the search would include it, at far greater cost.
 *
 * References: Krinsky & Robb (1986), "On Approximating the Statistical Properties of Elasticities", Review of
 * Economics and Statistics 68(4); King, Tomz & Wittenberg (2000), "Making the Most of Statistical Analyses",
 * AJPS 44(2) (the "simulation" approach, as in Stata's Clarify); Box & Muller (1958).
 *
 * @module
 */

import { ModelError } from "../errors.ts";
import { cholesky } from "../linalg/cholesky.ts";
import { quantileSorted } from "../stats/describe.ts";

/** Options of every function that simulates coefficient uncertainty. */
export interface DrawOptions {
  /** Number of draws, an integer ≥ 2 (default 1000). */
  readonly draws?: number;
  /** Seed of the pseudo-random stream, an integer in [0, 2³²). Required: randomness takes a seed. */
  readonly seed: number;
  /** Coverage of the percentile interval, in (0, 1) (default 0.95). */
  readonly level?: number;
}

/** Summary of simulated values: mean, standard deviation (ddof 1) and a percentile interval. */
export interface DrawSummary {
  /** Mean of the simulated values. */
  readonly mean: number;
  /** Standard deviation of the simulated values (ddof 1). */
  readonly sd: number;
  /** `(1 − level)/2` percentile of the draws (numpy's linear interpolation). */
  readonly lower: number;
  /** `(1 + level)/2` percentile. */
  readonly upper: number;
}

/**
 * A seeded stream of standard normal numbers: sfc32 uniforms (seeded through splitmix32, 12 warm-up rounds)
 * turned into normals by Box–Muller, `√(−2 ln u₁) · cos(2π u₂)` and `· sin(2π u₂)` (both used).
 *
 * @param seed integer in [0, 2³²)
 * @returns a function returning the next normal on each call
 * @example
 * ```ts
 * const z = normalStream(42);
 * z(); z(); // the same two numbers on every run
 * ```
 */
export function normalStream(seed: number): () => number {
  checkSeed(seed);
  const uniform = sfc32(seed);
  let spare = NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const v = spare;
      spare = NaN;
      return v;
    }
    let u1 = uniform();
    while (u1 === 0) u1 = uniform();
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  };
}

/**
 * Draws coefficient vectors `β⁽ʳ⁾ = β̂ + L z⁽ʳ⁾`, `r = 1..draws`, with `Σ̂ = L L'` (Cholesky). Returns a
 * `draws × k` row-major matrix (row `r` is one draw).
 *
 * Variances of exactly zero (a coefficient held fixed) are allowed: such rows and columns of `Σ̂` must be zero
 * and the coefficient is then copied into every draw. Otherwise `Σ̂` must be symmetric positive definite (a
 * `ModelError` names the failing coefficient).
 *
 * @param mean `β̂`, k finite values
 * @param cov `Σ̂`, k × k row-major, symmetric
 * @param draws integer ≥ 1
 * @param seed integer in [0, 2³²)
 * @param names coefficient names for error messages
 * @example
 * ```ts
 * const b = drawCoefficients(new Float64Array([1, 2]), new Float64Array([0.04, 0, 0, 0.09]), 1000, 7);
 * // b[2 * r] ~ N(1, 0.2²), b[2 * r + 1] ~ N(2, 0.3²)
 * ```
 */
export function drawCoefficients(
  mean: Float64Array,
  cov: Float64Array,
  draws: number,
  seed: number,
  names?: readonly string[],
): Float64Array {
  const k = mean.length;
  if (cov.length !== k * k) {
    throw new RangeError(`covariance has ${cov.length} entries, expected ${k} × ${k}`);
  }
  if (!(Number.isInteger(draws) && draws >= 1)) {
    throw new RangeError(`draws must be an integer >= 1, got ${draws}`);
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const a = cov[i * k + j], b = cov[j * k + i];
      if (
        !(Math.abs(a - b) <=
          1e-10 * Math.max(Math.abs(a), Math.abs(b), Math.sqrt(Math.abs(cov[i * k + i] * cov[j * k + j]))))
      ) {
        throw new ModelError(`coefficient covariance is not symmetric at (${i}, ${j}): ${a} vs ${b}`);
      }
    }
  }
  // Coefficients with zero variance are constants; factor the rest.
  const free: number[] = [];
  for (let i = 0; i < k; i++) {
    const v = cov[i * k + i];
    if (v < 0) throw new ModelError(`variance of ${names?.[i] ?? `coefficient ${i}`} is negative (${v})`);
    if (v > 0) free.push(i);
    else {
      for (let j = 0; j < k; j++) {
        if (cov[i * k + j] !== 0) {
          throw new ModelError(
            `${names?.[i] ?? `coefficient ${i}`} has zero variance but non-zero covariances`,
          );
        }
      }
    }
  }
  const f = free.length;
  const sub = new Float64Array(f * f);
  for (let a = 0; a < f; a++) for (let b = 0; b < f; b++) sub[a * f + b] = cov[free[a] * k + free[b]];
  const l = f > 0 ? cholesky(sub, f, free.map((i) => names?.[i] ?? `coefficient ${i}`)) : sub;
  const z = normalStream(seed);
  const out = new Float64Array(draws * k);
  const zr = new Float64Array(f);
  for (let r = 0; r < draws; r++) {
    const row = r * k;
    for (let i = 0; i < k; i++) out[row + i] = mean[i];
    for (let a = 0; a < f; a++) zr[a] = z();
    for (let a = 0; a < f; a++) {
      let s = 0;
      for (let b = 0; b <= a; b++) s += l[a * f + b] * zr[b];
      out[row + free[a]] += s;
    }
  }
  return out;
}

/**
 * Mean, standard deviation (ddof 1) and the central percentile interval of simulated values.
 *
 * @param values simulated values (at least 2, finite)
 * @param level coverage in (0, 1)
 * @example
 * ```ts
 * summarizeDraws(new Float64Array([1, 2, 3, 4, 5]), 0.5); // { mean: 3, sd: 1.58…, lower: 2, upper: 4 }
 * ```
 */
export function summarizeDraws(values: ArrayLike<number>, level = 0.95): DrawSummary {
  checkLevel(level);
  const n = values.length;
  if (n < 2) throw new RangeError(`need at least 2 draws to summarize, got ${n}`);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  const sorted = Float64Array.from(values).sort();
  return {
    mean,
    sd: Math.sqrt(ss / (n - 1)),
    lower: quantileSorted(sorted, (1 - level) / 2),
    upper: quantileSorted(sorted, (1 + level) / 2),
  };
}

/**
 * Resolves {@link DrawOptions} (defaults `draws = 1000`, `level = 0.95`) and checks them.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(resolveDrawOptions({ seed: 1 }), { draws: 1000, seed: 1, level: 0.95 }, 5e-3);
 * ```
 */
export function resolveDrawOptions(options: DrawOptions): Required<DrawOptions> {
  const { draws = 1000, seed, level = 0.95 } = options ?? ({} as DrawOptions);
  if (!(Number.isInteger(draws) && draws >= 2)) {
    throw new RangeError(`draws must be an integer >= 2, got ${draws}`);
  }
  checkSeed(seed);
  checkLevel(level);
  return { draws, seed, level };
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
}

function checkSeed(seed: number): void {
  if (!(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)) {
    throw new RangeError(`seed must be an integer in [0, 2^32), got ${seed}`);
  }
}

/** splitmix32 (Vigna's splitmix64 constants adapted to 32 bits): expands one seed into sfc32's four words. */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** sfc32 uniforms in [0, 1) with 32 random bits. */
function sfc32(seed: number): () => number {
  const init = splitmix32(seed);
  let a = init(), b = init(), c = init(), d = 1;
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}
