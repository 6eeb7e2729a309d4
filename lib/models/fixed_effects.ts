/**
 * Linear regression with group (e.g. geo) fixed effects, estimated by the within transformation and
 * reported exactly as the equivalent dummy-variable (LSDV) OLS fit `y ~ x₁ + … + x_k + C(geo)`.
 *
 * Demeaning `y` and every regressor by group removes the group intercepts; by the Frisch–Waugh–Lovell
 * theorem least squares on the demeaned data gives the LSDV slopes and the LSDV residuals, and
 * `(X̃'X̃)⁻¹` is the slope block of the LSDV `(X'X)⁻¹`. Only the degrees of freedom must remember the
 * absorbed intercepts: the LSDV fit (an intercept and G − 1 dummies, or equivalently G group intercepts)
 * has `k + G` mean parameters, so `df_resid = n − k − G` (= n − k − G + 1 when k counts the intercept).
 * Reference: Wooldridge, "Econometric Analysis of Cross Section and Panel Data" (2nd ed.), §10.5;
 * Davidson & MacKinnon, "Econometric Theory and Methods", §2.4 (FWL).
 *
 * @module
 */

import { qrLeastSquares, xtxInverseFromR } from "../linalg/mod.ts";
import type { Design } from "../features/design.ts";
import { ModelError } from "../errors.ts";
import { fSf } from "../stats/mod.ts";
import { checkRegressionInputs } from "./_check.ts";
import { conditionNumberFromR } from "../linalg/singular_values.ts";
import { type CovarianceOptions, groupCodes } from "./covariance.ts";
import {
  type FitStats,
  gaussianLogLik,
  type RegressionFitBase,
  type RegressionModel,
  residualDiagnostics,
  sumsOfSquares,
  withInference,
} from "./regression_results.ts";

/** Options of `fitFixedEffects`. A cluster covariance without `groups` clusters by the fixed-effect groups. */
export interface FixedEffectsOptions extends CovarianceOptions {
  /** Default `"y"`. */
  readonly yName?: string;
  /** Name of the grouping variable for summaries and LSDV term names, default `"group"`. */
  readonly groupName?: string;
}

/** Statistics of a fixed-effects fit: those of the LSDV fit, plus the within R² and the LSDV F test. */
export interface FixedEffectsStats extends FitStats {
  /** `1 − SSR / Σ ỹ²`: share of the within-group variation of y explained by the regressors. */
  readonly withinRsquared: number;
  /** The LSDV fit's classical F statistic (slopes and group effects jointly, `df_model = k + G − 1`). */
  readonly lsdvFvalue: number;
  /** Upper-tail p-value of `lsdvFvalue` on `(k + G − 1, n − k − G)`. */
  readonly lsdvFPvalue: number;
}

/**
 * A fixed-effects fit. `terms`/`coef`/`bse`/... are the slopes, identical to the dummy-variable OLS fit with
 * the same covariance type; `stats` are the LSDV fit's (R², adjusted R², log-likelihood, AIC/BIC with
 * `k + G` parameters), except `fvalue`/`fPvalue`, which test all slopes jointly (with the fit's covariance,
 * on `(k, dfInference)`), and `conditionNumber`, which is that of the within-transformed regressors.
 */
export interface FixedEffectsFit extends RegressionFitBase {
  /** Tag that tells a fixed-effects fit from an OLS one (summaries, the overall F test). */
  readonly kind: "fixedEffects";
  /** The LSDV fit's statistics plus the within R² and the LSDV F test (see `FixedEffectsStats`). */
  readonly stats: FixedEffectsStats;
  /** Name of the grouping variable (option `groupName`, default `"group"`), used in summaries and LSDV terms. */
  readonly groupName: string;
  /** Group labels, sorted (the LSDV reference level is the first). */
  readonly groupLevels: readonly string[];
  /** Rows per group, in `groupLevels` order. */
  readonly groupSizes: Int32Array;
  /** Group code (index into `groupLevels`) of each row. */
  readonly groupIndex: Int32Array;
  /** Group intercepts `α_g = ȳ_g − x̄_g' b`, in `groupLevels` order. */
  readonly groupEffects: Float64Array;
  /**
   * The LSDV parameterization: `Intercept` (= α of the first level) and one dummy per other level
   * (`α_g − α_first`), named `<groupName>[T.<level>]` as patsy names `C(geo)` dummies.
   */
  readonly lsdv: { readonly terms: readonly string[]; readonly coef: Float64Array };
}

/**
 * Fits `y_it = α_g(i) + x_i' b + e_i` by the within transformation and reports the dummy-variable fit's
 * slopes, standard errors (any covariance type of `coefficientCovariance`: the robust meats are built from
 * the demeaned regressors, HC2/HC3 use the LSDV leverage `1/n_g + x̃_i'(X̃'X̃)⁻¹x̃_i`, HC1 and the
 * cluster/HAC corrections count `k + G` parameters), t/z, p-values, intervals and degrees of freedom
 * (`df_resid = n − k − G`, `df_model = k + G − 1`), plus the group effects.
 *
 * @param design regressors WITHOUT an intercept and without group dummies (n × k); a column that is constant
 *   within every group is absorbed by the effects and rejected with a `ModelError` naming it
 * @param y n responses
 * @param groups the group label of each row (at least 2 distinct; rows need not be sorted)
 * @param options covariance (cluster defaults to clustering by `groups`), `yName`, `groupName`
 * @example
 * ```ts ignore
 * const fit = fitFixedEffects(design, sales, geoOfRow, { covType: "cluster", groupName: "geo" });
 * fit.coef; fit.bse; fit.groupEffects; fit.stats.withinRsquared;
 * ```
 */
export function fitFixedEffects(
  design: Design,
  y: Float64Array,
  groups: readonly string[] | Int32Array,
  options: FixedEffectsOptions = {},
): FixedEffectsFit {
  const yName = options.yName ?? "y";
  const groupName = options.groupName ?? "group";
  checkRegressionInputs(design, y, { yName });
  const { names, n, k, x } = design;
  const { codes, levels } = groupCodes(groups, n);
  const g = levels.length;
  if (g < 2) throw new ModelError(`fixed effects need at least 2 groups, got ${g} ("${levels[0]}")`);
  const dfResid = n - k - g;
  if (dfResid <= 0) {
    throw new ModelError(
      `${n} rows cannot estimate ${k} slopes and ${g} group effects: n − k − G = ${dfResid}, need > 0`,
    );
  }

  const within = withinTransform(x, y, n, k, codes, g);
  const absorbed = names.filter((_, j) =>
    within.xNorm[j] === 0 || within.xWithinNorm[j] <= 1e-9 * within.xNorm[j]
  );
  if (absorbed.length > 0) {
    const one = absorbed.length === 1;
    throw new ModelError(
      `${absorbed.map((s) => `"${s}"`).join(", ")} ${one ? "does" : "do"} not vary within ${groupName}: ` +
        `the fixed effects absorb ${one ? "it" : "them"} (an intercept or a ${groupName}-level variable); ` +
        `drop ${one ? "it" : "them"} from the design`,
      absorbed,
    );
  }
  const ls = qrLeastSquares(within.x, within.y, n, k, names);
  const normalizedCov = xtxInverseFromR(ls.r, k);
  const residuals = ls.residuals;
  const fitted = new Float64Array(n);
  for (let i = 0; i < n; i++) fitted[i] = y[i] - residuals[i];

  // group effects α_g = ȳ_g − x̄_g'b and their LSDV parameterization
  const groupEffects = new Float64Array(g);
  for (let c = 0; c < g; c++) {
    let s = within.yMeans[c];
    for (let j = 0; j < k; j++) s -= within.xMeans[c * k + j] * ls.coef[j];
    groupEffects[c] = s;
  }
  const lsdvCoef = new Float64Array(g);
  lsdvCoef[0] = groupEffects[0];
  for (let c = 1; c < g; c++) lsdvCoef[c] = groupEffects[c] - groupEffects[0];
  const lsdvTerms = ["Intercept", ...levels.slice(1).map((l) => `${groupName}[T.${l}]`)];

  // statistics of the LSDV fit
  const { ssr, centeredTss, uncenteredTss } = sumsOfSquares(y, residuals);
  let withinTss = 0;
  for (let i = 0; i < n; i++) withinTss += within.y[i] * within.y[i];
  const dfModel = k + g - 1;
  const kParams = k + g;
  const ess = centeredTss - ssr;
  const rsquared = 1 - ssr / centeredTss;
  const logLik = gaussianLogLik(ssr, n);
  const mseModel = ess / dfModel;
  const mseResid = ssr / dfResid;
  const lsdvFvalue = mseModel / mseResid;
  const stats = {
    rsquared,
    rsquaredAdj: 1 - ((n - 1) / dfResid) * (1 - rsquared),
    withinRsquared: 1 - ssr / withinTss,
    lsdvFvalue,
    lsdvFPvalue: fSf(lsdvFvalue, dfModel, dfResid),
    logLik,
    aic: -2 * logLik + 2 * kParams,
    bic: -2 * logLik + Math.log(n) * kParams,
    ssr,
    ess,
    centeredTss,
    uncenteredTss,
    mseModel,
    mseResid,
    mseTotal: centeredTss / (n - 1),
    scale: mseResid,
    ...residualDiagnostics(residuals),
    conditionNumber: conditionNumberFromR(ls.r, k),
  };

  const leverageOffset = new Float64Array(n);
  for (let i = 0; i < n; i++) leverageOffset[i] = 1 / within.sizes[codes[i]];
  const model: RegressionModel = {
    x: within.x,
    n,
    k,
    normalizedCov,
    kParams,
    leverageOffset,
    defaultClusters: codes,
  };
  const core = {
    kind: "fixedEffects" as const,
    yName,
    terms: [...names],
    coef: ls.coef,
    residuals,
    fitted,
    nobs: n,
    dfModel,
    dfResid,
    kConstant: 1 as const,
    constIndex: null,
    model,
    groupName,
    groupLevels: levels,
    groupSizes: within.sizes,
    groupIndex: codes,
    groupEffects,
    lsdv: { terms: lsdvTerms, coef: lsdvCoef },
  };
  return withInference(core, stats, options);
}

/** The within transformation of a design and response, with the group means it subtracted. */
export interface WithinTransform {
  /** n × k demeaned regressors `x̃_ij = x_ij − x̄_{g(i),j}`. */
  readonly x: Float64Array;
  /** Demeaned response. */
  readonly y: Float64Array;
  /** G × k group means of the regressors. */
  readonly xMeans: Float64Array;
  /** G group means of the response. */
  readonly yMeans: Float64Array;
  /** Rows per group, indexed by group code. */
  readonly sizes: Int32Array;
  /** Euclidean norm of each original column (to detect absorbed columns). */
  readonly xNorm: Float64Array;
  /** Euclidean norm of each demeaned column; near 0 relative to `xNorm` when the groups absorb the column. */
  readonly xWithinNorm: Float64Array;
}

/**
 * Subtracts group means from every column of `x` (n × k) and from `y`: one pass accumulates the sums per
 * group, a second subtracts. Rows may come in any order.
 *
 * @param codes group index `0..g−1` of each row (see `groupCodes`); every group must occur
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(withinTransform(new Float64Array([1, 3, 10]), new Float64Array([2, 4, 6]), 3, 1, new Int32Array([0, 0, 1]), 2).x, [-1, 1, 0], 1e-9);
 * ```
 */
export function withinTransform(
  x: Float64Array,
  y: Float64Array,
  n: number,
  k: number,
  codes: Int32Array,
  g: number,
): WithinTransform {
  const xMeans = new Float64Array(g * k);
  const yMeans = new Float64Array(g);
  const sizes = new Int32Array(g);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    sizes[c]++;
    yMeans[c] += y[i];
    const row = i * k, base = c * k;
    for (let j = 0; j < k; j++) xMeans[base + j] += x[row + j];
  }
  for (let c = 0; c < g; c++) {
    if (sizes[c] === 0) throw new RangeError(`group code ${c} has no rows`);
    const inv = 1 / sizes[c];
    yMeans[c] *= inv;
    for (let j = 0; j < k; j++) xMeans[c * k + j] *= inv;
  }
  const xt = new Float64Array(n * k);
  const yt = new Float64Array(n);
  const xNorm = new Float64Array(k);
  const xWithinNorm = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    yt[i] = y[i] - yMeans[c];
    const row = i * k, base = c * k;
    for (let j = 0; j < k; j++) {
      const v = x[row + j];
      const d = v - xMeans[base + j];
      xt[row + j] = d;
      xNorm[j] += v * v;
      xWithinNorm[j] += d * d;
    }
  }
  for (let j = 0; j < k; j++) {
    xNorm[j] = Math.sqrt(xNorm[j]);
    xWithinNorm[j] = Math.sqrt(xWithinNorm[j]);
  }
  return { x: xt, y: yt, xMeans, yMeans, sizes, xNorm, xWithinNorm };
}

/**
 * Point predictions `α_g + x'b` of a fixed-effects fit for rows of known groups.
 *
 * @param design rows with the fit's terms as columns (same order)
 * @param groups each row's group label, one of `fit.groupLevels`
 * @example
 * ```ts ignore
 * predictFixedEffects(fit, nextQuarterDesign, nextQuarterGeo);
 * ```
 */
export function predictFixedEffects(
  fit: FixedEffectsFit,
  design: Design,
  groups: readonly string[],
): Float64Array {
  const { names, n, k, x } = design;
  if (k !== fit.terms.length || names.some((name, j) => name !== fit.terms[j])) {
    throw new RangeError(
      `prediction design columns [${names.join(", ")}] must match the fit's terms [${fit.terms.join(", ")}]`,
    );
  }
  if (groups.length !== n) throw new RangeError(`groups has ${groups.length} labels for ${n} rows`);
  const index = new Map(fit.groupLevels.map((l, c) => [l, c]));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = index.get(String(groups[i]));
    if (c === undefined) {
      throw new RangeError(
        `row ${i}: ${fit.groupName} "${groups[i]}" was not in the fit (no effect estimated)`,
      );
    }
    let s = fit.groupEffects[c];
    for (let j = 0; j < k; j++) s += x[i * k + j] * fit.coef[j];
    out[i] = s;
  }
  return out;
}
