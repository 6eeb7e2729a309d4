/**
 * The inputs and result of the wild cluster bootstrap (`wildClusterBootstrap`, `wild_bootstrap.ts`): what it
 * needs from a least-squares fit, its options, and the WCR test, its test-inversion interval and the WCU
 * interval it returns.
 *
 * @module
 */

import type { RegressionFitBase } from "./regression_results.ts";

/** The bootstrap weight distributions. */
export type WildWeights = "rademacher" | "webb";

/** What the bootstrap needs from a fit: an `OlsFit` or `FixedEffectsFit` qualifies. */
export type WildBootstrapFit = Pick<RegressionFitBase, "terms" | "coef" | "residuals" | "model"> & {
  /** A fixed-effects fit's group labels (named in the nesting error). */
  readonly groupLevels?: readonly string[];
};

/** Options of {@link wildClusterBootstrap}. */
export interface WildBootstrapOptions {
  /** The coefficient tested: its term name or index. */
  readonly coefficient: string | number;
  /** The null value r of `H0: β_j = r` (default 0). */
  readonly nullValue?: number;
  /**
   * Cluster of each row (default: a fixed-effects fit's groups). With a fixed-effects fit every group must
   * lie within one cluster.
   */
  readonly clusters?: readonly string[] | Int32Array;
  /** `"auto"` (default): Webb when G ≤ 12, else Rademacher. */
  readonly weights?: "auto" | WildWeights;
  /** Number of replicates B, an integer ≥ 1 (default 9999); Rademacher with 2^G ≤ B enumerates all 2^G. */
  readonly replicates?: number;
  /** Seed, an integer in [0, 2³²). Required: no hidden randomness (unused when enumerating or with `draws`). */
  readonly seed: number;
  /** Confidence level of the intervals, in (0, 1) (default 0.95); the test rejects at `1 − level`. */
  readonly level?: number;
  /**
   * Weights to use instead of drawing them: B × G row-major, column g for the g-th cluster in sorted label
   * order (as `groupCodes`). For reproducing another implementation's draws.
   */
  readonly draws?: Float64Array;
}

/** The result of {@link wildClusterBootstrap}. */
export interface WildBootstrapResult {
  /** Name of the tested coefficient (from the fit's `terms`). */
  readonly term: string;
  /** Its index j in the fit's terms. */
  readonly index: number;
  /** r of `H0: β_j = r`. */
  readonly nullValue: number;
  /** `β̂_j`. */
  readonly estimate: number;
  /** CR1 cluster-robust standard error of `β̂_j`. */
  readonly se: number;
  /** `(β̂_j − r)/se`. */
  readonly tStat: number;
  /** WCR symmetric bootstrap p-value of `H0`. */
  readonly pValue: number;
  /** Confidence level of both intervals (default 0.95); the test rejects at `1 − level`. */
  readonly level: number;
  /** WCR interval by test inversion (a side may be ±Infinity: the data cannot bound it). */
  readonly confInt: { readonly lower: number; readonly upper: number };
  /** WCU studentized interval `β̂_j ± q* se`. */
  readonly wcuConfInt: { readonly lower: number; readonly upper: number };
  /** WCU bootstrap critical value q* of `|t*|`. */
  readonly wcuCriticalValue: number;
  /** The weight distribution used (`"auto"` resolved to Webb or Rademacher), or `"given"` with `draws`. */
  readonly weights: WildWeights | "given";
  /** True when all 2^G Rademacher sign vectors were used. */
  readonly enumerated: boolean;
  /** Replicates used (2^G when enumerated). */
  readonly replicates: number;
  /** Number of clusters G. */
  readonly nClusters: number;
  /** The seed passed (unused when enumerating or with given draws). */
  readonly seed: number;
  /** The WCR bootstrap t statistics under `H0`, one per replicate in draw order. */
  readonly tStar: Float64Array;
}
