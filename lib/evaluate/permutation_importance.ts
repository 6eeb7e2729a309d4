/**
 * Permutation importance: how much a fitted model's score drops when one column's values are shuffled, breaking
 * its link with the response while keeping its distribution.
 *
 * For each column j and each repeat r, the rows of column j are permuted at random (the other columns untouched)
 * and the model is scored on the permuted design: `importance_{j,r} = s − s_{j,r}`, where `s` is the score on the
 * unpermuted design. The result is the mean and the standard deviation (population, `ddof = 0`, as numpy's
 * `std`) over the repeats, exactly scikit-learn's `sklearn.inspection.permutation_importance` definition. Values
 * match sklearn's only in distribution: sklearn draws its permutations from numpy's generator, this module from
 * xoshiro128** (Blackman & Vigna 2018) seeded per column by splitmix32 from `seed` and the column index (so a
 * column's permutations do not depend on which other columns there are).
 *
 * Read it on held-out rows when the question is what the model relies on to predict; on training rows it also
 * rewards what the model overfits. With correlated columns, shuffling one leaves its information in the others,
 * so correlated drivers (e.g. search and branded search) each look less important than they jointly are.
 *
 * References: Breiman (2001), "Random forests", Machine Learning 45, §10; Fisher, Rudin & Dominici (2019), "All
 * models are wrong, but many are useful", JMLR 20(177) (model reliance); scikit-learn 1.2
 * `sklearn.inspection.permutation_importance`
 * <https://scikit-learn.org/1.2/modules/permutation_importance.html>.
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import { ModelError } from "../errors.ts";
import { xoshiro128ss } from "../stats/random.ts";

/** Scores where higher is better, named as in scikit-learn. */
export type PermutationScoring = "r2" | "neg_mean_squared_error";

/** Options of {@link permutationImportance}. */
export interface PermutationImportanceOptions {
  /** Seed of the permutations: an integer in [0, 2³²). Required: no hidden randomness. */
  readonly seed: number;
  /** Permutations per column, an integer ≥ 1 (default 5, sklearn's `n_repeats`). */
  readonly nRepeats?: number;
  /** Score (higher is better): `r2` (default) or `neg_mean_squared_error`. */
  readonly scoring?: PermutationScoring;
}

/** Permutation importances, one per design column. */
export interface PermutationImportance {
  /** The design's column names; the order of every per-column array. */
  readonly names: readonly string[];
  /** The score used (`options.scoring`, default `"r2"`). */
  readonly scoring: PermutationScoring;
  /** Permutations per column (`options.nRepeats`, default 5). */
  readonly nRepeats: number;
  /** The seed of the permutations, as given. */
  readonly seed: number;
  /** Score of the model on the unpermuted design. */
  readonly baselineScore: number;
  /** Mean over repeats of `baseline − permuted score`, per column (sklearn's `importances_mean`). */
  readonly importancesMean: Float64Array;
  /** Population standard deviation over repeats, per column (sklearn's `importances_std`). */
  readonly importancesSd: Float64Array;
  /** All `baseline − permuted score` values, k × nRepeats row-major (sklearn's `importances`). */
  readonly importances: Float64Array;
}

/**
 * Permutation importance of every column of `design` for a fitted model given as its `predict` function.
 *
 * @param predict the fitted model's prediction on a design with the same columns (e.g.
 *   `(d) => predictRidge(fit, d)`); must not keep state between calls
 * @param design the rows to score on (preferably held out), n ≥ 2
 * @param y the n observed responses, finite (with `r2`, not all equal)
 * @param options `seed` (required), `nRepeats` (default 5), `scoring` (default `r2`)
 * @example
 * ```ts ignore
 * const fit = fitRidge(train, yTrain, { alpha: 1 });
 * const pi = permutationImportance((d) => predictRidge(fit, d), test, yTest, { seed: 1, nRepeats: 10 });
 * pi.importancesMean; // drop in test R² when each column is shuffled
 * ```
 */
export function permutationImportance(
  predict: (design: Design) => Float64Array,
  design: Design,
  y: ArrayLike<number>,
  options: PermutationImportanceOptions,
): PermutationImportance {
  const { seed } = options;
  const nRepeats = options.nRepeats ?? 5;
  const scoring = options.scoring ?? "r2";
  if (!(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)) {
    throw new RangeError(`seed must be an integer in [0, 2^32), got ${seed}`);
  }
  if (!(Number.isInteger(nRepeats) && nRepeats >= 1)) {
    throw new RangeError(`nRepeats must be an integer >= 1, got ${nRepeats}`);
  }
  if (scoring !== "r2" && scoring !== "neg_mean_squared_error") {
    throw new RangeError(`scoring must be "r2" or "neg_mean_squared_error", got ${JSON.stringify(scoring)}`);
  }
  const { n, k, x } = design;
  if (x.length !== n * k) throw new RangeError(`the design has ${x.length} values, expected ${n} × ${k}`);
  if (y.length !== n) throw new RangeError(`y has ${y.length} rows, the design has ${n}`);
  if (n < 2) throw new RangeError(`permutation importance needs at least 2 rows, got ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) {
      throw new ModelError(`permutation importance: the response has ${y[i]} at row ${i} (0-based)`);
    }
  }
  const score = scorer(scoring, y);
  const baselineScore = score(predictChecked(predict, design));

  const importances = new Float64Array(k * nRepeats);
  const importancesMean = new Float64Array(k);
  const importancesSd = new Float64Array(k);
  const order = new Int32Array(n);
  for (let j = 0; j < k; j++) {
    const next = xoshiro128ss(seed, j);
    const permuted = Float64Array.from(x);
    const shuffled: Design = { names: design.names, n, k, x: permuted };
    for (let i = 0; i < n; i++) order[i] = i;
    for (let r = 0; r < nRepeats; r++) {
      // Fisher–Yates (Knuth, TAOCP vol. 2, Algorithm 3.4.2 P) on the running order, as sklearn reshuffles its index
      for (let i = n - 1; i > 0; i--) {
        const u = Math.floor((next() / 2 ** 32) * (i + 1));
        const t = order[i];
        order[i] = order[u];
        order[u] = t;
      }
      for (let i = 0; i < n; i++) permuted[i * k + j] = x[order[i] * k + j];
      importances[j * nRepeats + r] = baselineScore - score(predictChecked(predict, shuffled));
    }
    let mean = 0;
    for (let r = 0; r < nRepeats; r++) mean += importances[j * nRepeats + r];
    mean /= nRepeats;
    let ss = 0;
    for (let r = 0; r < nRepeats; r++) ss += (importances[j * nRepeats + r] - mean) ** 2;
    importancesMean[j] = mean;
    importancesSd[j] = Math.sqrt(ss / nRepeats);
  }
  return {
    names: design.names,
    scoring,
    nRepeats,
    seed,
    baselineScore,
    importancesMean,
    importancesSd,
    importances,
  };
}

function predictChecked(predict: (design: Design) => Float64Array, design: Design): Float64Array {
  const out = predict(design);
  if (out.length !== design.n) {
    throw new ModelError(
      `permutation importance: predict returned ${out.length} values for ${design.n} rows`,
    );
  }
  return out;
}

/** A score of predictions against the fixed `y` (higher is better). */
function scorer(scoring: PermutationScoring, y: ArrayLike<number>): (yHat: Float64Array) => number {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  let ssTot = 0;
  for (let i = 0; i < n; i++) ssTot += (y[i] - mean) ** 2;
  if (scoring === "r2" && ssTot === 0) {
    throw new ModelError(
      "permutation importance: y is constant, so R² is undefined; use neg_mean_squared_error",
    );
  }
  return (yHat) => {
    let ssRes = 0;
    for (let i = 0; i < n; i++) ssRes += (y[i] - yHat[i]) ** 2;
    return scoring === "r2" ? 1 - ssRes / ssTot : -ssRes / n;
  };
}
