/**
 * A wild bootstrap of the geo model that **re-chooses carryover and saturation in every replicate**, so that
 * intervals include the uncertainty of the transform choice, not only that of the coefficients given it.
 *
 * **Replicate b.** `y*_b = ŷ + v_{b,k(i)} · ü_i`: the fitted values of the chosen model plus its residuals,
 * each cluster's residuals multiplied by one random weight `v_{b,k}` (mean 0, variance 1). The whole transform
 * search of `geo_transforms.ts` is then run on `y*_b` (the same grids, start and coordinate passes, every
 * candidate scored by the same time-series cross-validation), the model is refitted with the transforms it
 * chooses, and every quantity of interest (ROI, contributions, marginal ROI, carryover, response curves,
 * the gain of a reallocation) is recomputed from that replicate's model (`lib/decompose/model_replicates.ts`).
 * Because `y*` is linear in the weights and the regressors never change, a replicate costs the search's
 * candidate scoring from cached moments (`geo_cv_moments.ts`), not a pass over rows.
 *
 * **Clusters: geos, or blocks of weeks.** Weights are drawn per geo (a wild *cluster* bootstrap: each geo's
 * residual series keeps all its serial correlation; Cameron, Gelbach & Miller 2008) unless the residuals show
 * shocks common to the geos in a week, or there are fewer geos than week blocks. Common shocks make the geos'
 * errors correlated, which weights drawn independently per geo would destroy, so the intervals would be too
 * narrow (with national flights, badly so). Then weights are drawn per **block of weeks** shared by every geo
 * (`geoBlockWeeks`: about 12 blocks of ⌊T/12⌋ weeks, at least 4): a cluster bootstrap over time, which keeps
 * the correlation between geos within a week and the serial correlation within a block, and relies on the
 * number of blocks rather than of geos, as Driscoll–Kraay errors do (Bester, Conley & Hansen 2011 show that
 * such large time blocks give valid t-inference with `t(blocks − 1)` critical values). Common shocks are
 * detected by Pesaran's CD test on the fitted model's residuals at 5% (`cross_section_dependence.ts`).
 *
 * **Weights.** Webb's six-point distribution when there are at most 12 clusters, Rademacher above (as
 * `lib/models/wild_bootstrap.ts`, and for the same reason: with few clusters Rademacher has too few distinct
 * draws). Seeded xoshiro128** (`lib/stats/random.ts`), one uint32 per weight.
 *
 * **Residuals.** Least-squares residuals are too small, most for clusters with high leverage, and with few
 * clusters that matters. The bootstrap uses jackknife ("CV3") residuals, each cluster's residuals from the fit
 * without it, `ü_k = ê_k + X̃_k (X̃'X̃ − X̃_k'X̃_k)⁻¹ X̃_k'ê_k` (X̃ within-geo demeaned), scaled by
 * `√((K − 1)/K)`, so that the bootstrap variance of a linear statistic is the CV3 jackknife variance
 * (MacKinnon, Nielsen & Webb 2023 recommend CV3 and wild bootstraps built on it for few or unequal clusters).
 * A cluster whose removal leaves the design singular keeps its ordinary residuals.
 *
 * **Intervals** (`lib/decompose/model_replicates.ts`): the percentile interval of the replicates, widened
 * about the replicates' median by `t_{K−1, (1+level)/2} / z_{(1+level)/2}`, the ratio of Student's to the
 * normal critical value: the bootstrap's spread estimates a variance with about K − 1 degrees of freedom
 * (cluster-robust inference with t(G − 1) critical values, Cameron & Miller 2015 §VI.C; Bester, Conley &
 * Hansen 2011). With 40 geos the factor is 1.03, with 12 clusters 1.12, with 5 geos 1.42.
 *
 * What it still leaves out: a transform family that cannot represent the truth (a Hill curve fitted by log
 * curves) biases the estimates, and no resampling shows a bias; the intervals are centred on the model's
 * estimates.
 *
 * References: Wu (1986) and Liu (1988) (the wild bootstrap); Cameron, Gelbach & Miller (2008), "Bootstrap-based
 * improvements for inference with clustered errors", REStat 90(3); Webb (2023), "Reworking wild
 * bootstrap-based inference for clustered errors", CJE 56(3); MacKinnon, Nielsen & Webb (2023), "Fast and
 * reliable jackknife and bootstrap methods for cluster-robust inference", J. Applied Econometrics 38(5);
 * Bester, Conley & Hansen (2011), "Inference with dependent data using cluster covariance estimators", J.
 * Econometrics 165(2); Driscoll & Kraay (1998), REStat 80(4); Cameron & Miller (2015), "A practitioner's guide to
 * cluster-robust inference", J. Human Resources 50(2).
 *
 * @module
 */
import { xoshiro128ss } from "../stats/random.ts";
import { normalPpf, tPpf } from "../stats/distributions.ts";
import { coordinateSearch } from "./geo_cv_moments.ts";
import { type CrossSectionDependence, pesaranCd } from "./cross_section_dependence.ts";
import type { GeoSearchContext } from "./geo_transforms.ts";
import { jackknifeResiduals } from "./jackknife_residuals.ts";

export { jackknifeResiduals } from "./jackknife_residuals.ts";

/** How the bootstrap clusters its weights. */
export type GeoBootstrapScheme = "geo" | "week-block";

/** Options of {@link geoBootstrap}. */
export interface GeoBootstrapOptions {
  /** Seed, an integer in [0, 2³²). */
  readonly seed: number;
  /** Replicates (default 199). */
  readonly replicates?: number;
  /** `"auto"` (default): week blocks when the CD test finds common shocks or there are fewer geos than blocks. */
  readonly scheme?: "auto" | GeoBootstrapScheme;
  /** `"auto"` (default): Webb with at most 12 clusters, else Rademacher. */
  readonly weights?: "auto" | "rademacher" | "webb";
  /** Jackknife (CV3) residuals (default) or the ordinary ones. */
  readonly residuals?: "jackknife" | "ordinary";
  /** Interval level the widening factor is computed for (default 0.95). */
  readonly level?: number;
  /**
   * Start each replicate's coordinate search at the data's choice (default true) rather than at the search's
   * fixed start; both look for the same joint optimum (see the module doc).
   */
  readonly warmStart?: boolean;
  /** Significance level of the CD test that switches to week blocks (default 0.05). */
  readonly cdLevel?: number;
  /** Awaited every `yieldEveryMs` (default 250) with the replicates done. */
  readonly onProgress?: (done: number, total: number) => void | Promise<void>;
  /**
   * Milliseconds of work between progress calls (default 250); each call is followed by a macrotask so a
   * notebook kernel can send the display. Only used with `onProgress`; results do not depend on it.
   */
  readonly yieldEveryMs?: number;
}

/** What the bootstrap needs of the fitted model on the data. */
export interface GeoBootstrapFit {
  /** Slope names: every media channel (the context's `channels`) and every fixed column. */
  readonly terms: readonly string[];
  /** Fitted values with the geo effects (row order). */
  readonly fitted: Float64Array;
  /** Residuals (row order). */
  readonly residuals: Float64Array;
  /** Within-geo demeaned regressors, n × k row-major, columns in `terms` order. */
  readonly model: { readonly x: Float64Array; readonly k: number };
}

/** Result of {@link geoBootstrap}: every replicate's transforms and slopes. */
export interface GeoBootstrap {
  /** Whether weights were drawn per geo or per block of weeks shared by every geo (see the module doc). */
  readonly scheme: GeoBootstrapScheme;
  /** Why this scheme, in a sentence. */
  readonly schemeSentence: string;
  /** Pesaran's CD test on the fitted model's residuals, which decides the scheme under `"auto"`. */
  readonly crossSection: CrossSectionDependence;
  /** Weight distribution used: Webb's six-point one (at most 12 clusters, under `"auto"`) or Rademacher. */
  readonly weights: "rademacher" | "webb";
  /** Residuals multiplied by the weights: jackknife (CV3, scaled by `√((K − 1)/K)`) or ordinary. */
  readonly residuals: "jackknife" | "ordinary";
  /** Number of clusters K: the geos, or the week blocks. */
  readonly clusters: number;
  /** Weeks per block of the week-block scheme (reported under either scheme). */
  readonly blockWeeks: number;
  /** Degrees of freedom of the widening, K − 1. */
  readonly df: number;
  /** Factor `t_{K−1} / z` at `level` by which intervals are widened about the median; Infinity when K < 2. */
  readonly widening: number;
  /** Interval level the widening is computed for. */
  readonly level: number;
  /** Number of replicates B. */
  readonly replicates: number;
  /** The seed of the weights' generator, as given. */
  readonly seed: number;
  /** Media channels, in the search context's order: the columns of `theta`, `scale`, `coef`, `fixedCoef`. */
  readonly channels: readonly string[];
  /** Per replicate and channel (`replicates × channels`, row-major): the carryover θ the search chose. */
  readonly theta: Float64Array;
  /** Per replicate and channel (`replicates × channels`): the log1p scale chosen, in spend units. */
  readonly scale: Float64Array;
  /**
   * Per replicate and channel (`replicates × channels`): the refitted coefficient; NaN where the refit
   * failed.
   */
  readonly coef: Float64Array;
  /** Slope names of `slopes`: the channels, then the fixed columns. */
  readonly terms: readonly string[];
  /** Per replicate, every slope (`replicates × terms`); NaN for a replicate whose refit failed. */
  readonly slopes: Float64Array;
  /**
   * Per replicate and channel: the coefficient refitted with the data's transforms held fixed (the same
   * weights, no new search), for comparison: the part of the intervals' width that the transform choice adds.
   */
  readonly fixedCoef: Float64Array;
  /** Replicates whose coordinate search converged (a full pass changed nothing within `maxPasses`). */
  readonly converged: number;
  /** Replicates whose refit with the chosen transforms failed (singular); their slopes are NaN. */
  readonly failed: number;
  /** Replicates whose choice differs from the data's for at least one channel. */
  readonly transformsChanged: number;
  /** Wall-clock time of the run, in seconds (differs between runs; not a result). */
  readonly seconds: number;
}

/**
 * Runs the bootstrap of the module doc on a search context (`prepareGeoSearch`, whose engine already holds
 * every candidate column) and the model fitted with the data's choice.
 *
 * @param ctx the search context
 * @param chosen per channel (context order), the index of the data's chosen option
 * @param fit the fitted model (fitted values, residuals, within regressors)
 * @param options seed, replicates, scheme, weights, progress
 * @example
 * const boot = await geoBootstrap(ctx, chosenIndex, model.fit, { seed: 1 });
 * boot.theta; // replicates × channels chosen carryovers
 */
export async function geoBootstrap(
  ctx: GeoSearchContext,
  chosen: ArrayLike<number>,
  fit: GeoBootstrapFit,
  options: GeoBootstrapOptions,
): Promise<GeoBootstrap> {
  const t0 = performance.now();
  const B = options.replicates ?? 199;
  if (!(Number.isInteger(B) && B >= 2)) throw new RangeError(`replicates must be an integer >= 2, got ${B}`);
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const n = ctx.y.length;
  const G = ctx.geoLevels.length;
  const C = ctx.channels.length;
  const terms = [...ctx.channels, ...ctx.fixedNames];
  const col = terms.map((t) => fit.terms.indexOf(t));
  if (col.some((j) => j < 0) || fit.terms.length !== terms.length) {
    throw new RangeError(
      `the fit's terms (${fit.terms.join(", ")}) must be the search's channels and fixed columns (${
        terms.join(", ")
      })`,
    );
  }

  // Scheme: CD test on the residuals; week blocks with common shocks or fewer geos than blocks.
  const crossSection = pesaranCd(fit.residuals, ctx.geoCodes, ctx.weekIndex);
  const cdLevel = options.cdLevel ?? 0.05;
  const common = crossSection.pValue < cdLevel;
  const asked = options.scheme ?? "auto";
  const scheme: GeoBootstrapScheme = asked !== "auto"
    ? asked
    : common || G < ctx.nBlocks
    ? "week-block"
    : "geo";
  const K = scheme === "geo" ? G : ctx.nBlocks;
  const clusterOfRow = scheme === "geo" ? ctx.geoCodes : ctx.blockOfRow;
  const cellCluster = Int32Array.from(
    { length: G * ctx.nBlocks },
    (_, cell) => (scheme === "geo" ? Math.floor(cell / ctx.nBlocks) : cell % ctx.nBlocks),
  );
  const cdWords = `Pesaran's CD test on the residuals ${
    Number.isFinite(crossSection.statistic)
      ? `gives CD = ${crossSection.statistic.toFixed(2)} (p ${
        pWords(crossSection.pValue)
      }; mean correlation ` +
        `between geos' residuals in the same week ${crossSection.meanCorrelation.toFixed(2)})`
      : "cannot be computed"
  }`;
  const schemeSentence = asked !== "auto"
    ? `Bootstrap weights are drawn per ${scheme === "geo" ? "geo" : "block of weeks"}, as asked. ${cdWords}.`
    : scheme === "geo"
    ? `${cdWords}: no sign of shocks common to the geos in a week, so bootstrap weights are drawn per geo ` +
      `(${G} clusters), which keeps each geo's errors correlated over time as they are.`
    : common
    ? `${cdWords}: ${crossSectionWords(crossSection.statistic)}, which weights drawn per ` +
      `geo would ignore. Weights are therefore drawn per block of ${ctx.opts.blockWeeks} weeks shared by every ` +
      `geo (${K} blocks), keeping both the correlation between geos in a week and within a block of weeks.`
    : `With ${G} geos, fewer than the ${ctx.nBlocks} blocks of ${ctx.opts.blockWeeks} weeks, bootstrap weights ` +
      `are drawn per block of weeks shared by every geo (${K} clusters rather than ${G}). ${cdWords}.`;
  const askedWeights = options.weights ?? "auto";
  const weights = askedWeights === "auto" ? (K <= 12 ? "webb" : "rademacher") : askedWeights;
  const df = K - 1;
  const q = (1 + level) / 2;
  const widening = df >= 1 ? tPpf(q, df) / normalPpf(q) : Infinity;

  // Residuals of the bootstrap DGP.
  const residualKind = options.residuals ?? "jackknife";
  const e = residualKind === "jackknife"
    ? jackknifeResiduals(fit.model.x, fit.model.k, fit.residuals, clusterOfRow, K)
    : Float64Array.from(fit.residuals);
  if (residualKind === "jackknife") {
    const f = Math.sqrt((K - 1) / K);
    for (let i = 0; i < n; i++) e[i] *= f;
  }

  const cv = ctx.cv;
  cv.setOutcome(fit.fitted, e, cellCluster, K);
  const next = xoshiro128ss(options.seed);
  const limit = 6 * Math.floor(2 ** 32 / 6);
  const WEBB = [-Math.sqrt(1.5), -1, -Math.sqrt(0.5), Math.sqrt(0.5), 1, Math.sqrt(1.5)];
  const v = new Float64Array(K);
  const theta = new Float64Array(B * C), scale = new Float64Array(B * C), coef = new Float64Array(B * C);
  const P = terms.length;
  const slopes = new Float64Array(B * P);
  const fixedCoef = new Float64Array(B * C);
  const chosenIds = [...ctx.optionIds.map((o, c) => o[chosen[c]]), ...ctx.fixedIds];
  let converged = 0, failed = 0, changed = 0;
  const every = options.yieldEveryMs ?? 250;
  let last = performance.now();
  try {
    for (let b = 0; b < B; b++) {
      for (let k = 0; k < K; k++) {
        if (weights === "rademacher") v[k] = next() >>> 31 ? -1 : 1;
        else {
          let u = next();
          while (u >= limit) u = next();
          v[k] = WEBB[u % 6];
        }
      }
      cv.setWeights(v);
      const r = coordinateSearch(
        cv,
        ctx.fixedIds,
        ctx.optionIds,
        options.warmStart === false ? ctx.start : chosen,
        ctx.opts.maxPasses,
      );
      if (r.converged) converged++;
      let moved = false;
      for (let c = 0; c < C; c++) if (r.chosen[c] !== chosen[c]) moved = true;
      if (moved) changed++;
      const ids = [...ctx.optionIds.map((o, c) => o[r.chosen[c]]), ...ctx.fixedIds];
      const beta = cv.solve(ids);
      if (!beta) failed++;
      for (let c = 0; c < C; c++) {
        const o = ctx.optionList[c][r.chosen[c]];
        theta[b * C + c] = o.theta;
        scale[b * C + c] = o.scale;
        coef[b * C + c] = beta ? beta[c] : NaN;
      }
      for (let j = 0; j < P; j++) slopes[b * P + j] = beta ? beta[j] : NaN;
      const held = cv.solve(chosenIds);
      for (let c = 0; c < C; c++) fixedCoef[b * C + c] = held ? held[c] : NaN;
      if (options.onProgress && performance.now() - last >= every) {
        await options.onProgress(b + 1, B);
        await new Promise((resolve) => setTimeout(resolve, 0));
        last = performance.now();
      }
    }
  } finally {
    cv.setOutcome(ctx.y); // leave the engine on the data
  }
  await options.onProgress?.(B, B);
  return {
    scheme,
    schemeSentence,
    crossSection,
    weights,
    residuals: residualKind,
    clusters: K,
    blockWeeks: ctx.opts.blockWeeks,
    df,
    widening,
    level,
    replicates: B,
    seed: options.seed,
    channels: ctx.channels,
    theta,
    scale,
    coef,
    terms,
    slopes,
    fixedCoef,
    converged,
    failed,
    transformsChanged: changed,
    seconds: (performance.now() - t0) / 1000,
  };
}

function pWords(p: number): string {
  return p < 0.001 ? "< 0.001" : `= ${p.toFixed(3)}`;
}

/**
 * What a significant Pesaran CD statistic says about the geos' errors in the same week, by its sign: the CD
 * statistic is `√(2T / (N(N − 1))) Σ_{i<j} ρ̂_ij`, so a positive value means the pairwise correlations are
 * positive on balance (the geos' errors move together: common shocks), a negative one that they are negative
 * on balance (the geos' errors move in opposite directions, as when one geo gains what another loses).
 * Either is dependence between geos in a week, which weights drawn per geo ignore (Pesaran 2004, "General
 * diagnostic tests for cross section dependence in panels", CESifo WP 1229).
 *
 * @param statistic the CD statistic (significant; its sign is read)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(crossSectionWords(-2.2).includes("opposite directions"), true, 1e-9);
 * ```
 */
export function crossSectionWords(statistic: number): string {
  if (!Number.isFinite(statistic)) throw new RangeError(`the CD statistic must be finite, got ${statistic}`);
  return statistic > 0
    ? "the geos' errors move together in the same week (common shocks)"
    : statistic < 0
    ? "the geos' errors move in opposite directions in the same week (negative correlation between geos, " +
      "as when one geo gains what another loses)"
    : "the geos' errors are correlated in the same week";
}
