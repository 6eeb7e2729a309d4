/**
 * Elastic net (and the lasso, `l1Ratio = 1`) by cyclic coordinate descent, with scikit-learn's objective,
 * update rule and stopping rule.
 *
 * Objective (sklearn's `ElasticNet`):
 * `1/(2n) ‖y − Xw − b‖² + α·ρ·‖w‖₁ + ½·α·(1 − ρ)·‖w‖²`, with `ρ = l1Ratio`. The intercept is unpenalized (X and
 * y are centered first, as sklearn's `_pre_fit` does); there is no internal scaling, so standardize the columns
 * beforehand when the penalty should treat them alike.
 *
 * Algorithm (Friedman, Hastie & Tibshirani 2010; sklearn `cd_fast.enet_coordinate_descent`), on the centered
 * data scaled by n, i.e. minimizing `½‖r‖² + λ₁‖w‖₁ + ½λ₂‖w‖²` with `λ₁ = αρn`, `λ₂ = α(1 − ρ)n`: for each
 * coordinate j in turn, with the partial residual `r + x_j w_j`,
 * `w_j ← S(x_j'(r + x_j w_j), λ₁) / (‖x_j‖² + λ₂)` where `S(z, t) = sign(z)·max(|z| − t, 0)` (with `positive`,
 * `w_j ← 0` whenever `x_j'(r + x_j w_j) < 0`). After a sweep in which the largest coefficient change is below
 * `tol · max_j |w_j|` (or all `w` are zero, or on the last allowed sweep), the duality gap is computed:
 * with `v = X'r − λ₂w` and `‖v‖ = max_j |v_j|` (`max_j v_j` when `positive`), `c = min(1, λ₁/‖v‖)`,
 * `gap = ½‖r‖²(1 + c²) + λ₁‖w‖₁ − c·r'y + ½λ₂(1 + c²)‖w‖²` (the `‖v‖ ≤ λ₁` case gives `c = 1`). The fit stops
 * when `gap < tol·‖y_c‖²`. The reported `dualGap` is `gap / n`, on the scale of the objective above (sklearn's
 * `dual_gap_`). Not converging within `maxIter` sweeps is reported (`converged: false` and a message in
 * `warnings`), as sklearn's `ConvergenceWarning` does; it is not an error.
 *
 * References: Friedman, Hastie & Tibshirani (2010), "Regularization paths for generalized linear models via
 * coordinate descent", J. Stat. Softw. 33(1); Zou & Hastie (2005), "Regularization and variable selection via the
 * elastic net", JRSS-B 67(2); scikit-learn 1.2 `sklearn.linear_model.ElasticNet`
 * <https://scikit-learn.org/1.2/modules/generated/sklearn.linear_model.ElasticNet.html> and
 * `sklearn/linear_model/_cd_fast.pyx`.
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import { ModelError } from "../errors.ts";
import { center, checkSameColumns } from "./ridge.ts";
import { checkRegressionInputs } from "./_check.ts";
import { coordinateDescent } from "./coordinate_descent.ts";

/** Options of {@link fitElasticNet}. */
export interface ElasticNetOptions {
  /** Overall penalty weight `α ≥ 0` (sklearn's `alpha`). */
  readonly alpha: number;
  /** Share of the L1 penalty, `ρ` in [0, 1] (sklearn's `l1_ratio`, default 0.5). 1 is the lasso. */
  readonly l1Ratio?: number;
  /** Fit an unpenalized intercept by centering (default true); the design must then have no `const` column. */
  readonly fitIntercept?: boolean;
  /** Largest number of coordinate-descent sweeps, an integer ≥ 1 (default 1000). */
  readonly maxIter?: number;
  /** Tolerance `≥ 0` of the stopping rule (default 1e-4, sklearn's); see the module doc. */
  readonly tol?: number;
  /** Constrain every coefficient to be `≥ 0` (e.g. non-negative media effects). Default false. */
  readonly positive?: boolean;
  /** Warm start: initial coefficients (length k), e.g. a fit at a nearby `alpha`. Default all zeros. */
  readonly coefInit?: ArrayLike<number>;
}

/** A fitted elastic net. `coef[j]` belongs to `names[j]`. */
export interface ElasticNetFit {
  /** The design's column names, one per coefficient; `predictElasticNet` needs the same columns in this order. */
  readonly names: readonly string[];
  /** Penalized slopes w, one per design column (exact zeros where the L1 penalty drops a column). */
  readonly coef: Float64Array;
  /** Unpenalized intercept `ȳ − x̄'w` (0 when `fitIntercept` is false). */
  readonly intercept: number;
  /** In-sample predictions `b + Xw`, one per row. */
  readonly fitted: Float64Array;
  /** In-sample residuals `y − b − Xw`, one per row. */
  readonly residuals: Float64Array;
  /** The overall penalty weight α used (sklearn's `alpha`). */
  readonly alpha: number;
  /** The L1 share ρ used (default 0.5; 1 is the lasso). */
  readonly l1Ratio: number;
  /** Whether the coefficients were constrained to be ≥ 0. */
  readonly positive: boolean;
  /** Whether an unpenalized intercept was fitted by centering (default true). */
  readonly fitIntercept: boolean;
  /** Value of the objective `1/(2n)‖y − Xw − b‖² + αρ‖w‖₁ + ½α(1 − ρ)‖w‖²` at the solution. */
  readonly objective: number;
  /** Coordinate-descent sweeps used (sklearn's `n_iter_`). */
  readonly nIter: number;
  /** Duality gap at the last check, divided by n (sklearn's `dual_gap_`); an upper bound on objective − optimum. */
  readonly dualGap: number;
  /** Whether the duality gap fell below `tol·‖y_c‖²/n` within `maxIter` sweeps. */
  readonly converged: boolean;
  /** Messages for the notebook (non-convergence, no regularization). Empty when all went well. */
  readonly warnings: readonly string[];
}

/**
 * Fits an elastic net by cyclic coordinate descent, reproducing scikit-learn 1.2's `ElasticNet` / `Lasso` (dense
 * `X`, `precompute=False`, `selection="cyclic"`): same updates in the same order and the same stopping rule, so
 * coefficients agree to the optimization tolerance and `nIter` matches.
 *
 * @param design n × k regressors (no `const` column when `fitIntercept`), finite
 * @param y n finite responses
 * @param options `alpha ≥ 0`, `l1Ratio` in [0, 1], `maxIter ≥ 1`, `tol ≥ 0`, `positive`, `coefInit`
 * @throws ModelError on non-finite inputs (naming column and row) or a `const` column with `fitIntercept`
 * @example
 * ```ts ignore
 * import { assertClose } from "../../tests/doc_assert.ts";
 * // one standardized column, y = 2x: the lasso shrinks the slope by alpha
 * const x = new Float64Array([-1, 1, -1, 1]);
 * const fit = fitElasticNet(designFromColumns({ x }, false), x.map((v) => 2 * v), { alpha: 0.5, l1Ratio: 1 });
 * assertClose(fit.coef, [1.5], 5e-2);
 * ```
 */
export function fitElasticNet(
  design: Design,
  y: ArrayLike<number>,
  options: ElasticNetOptions,
): ElasticNetFit {
  const o = resolveOptions(options);
  checkRegressionInputs(design, y, { model: "elastic net" });
  const { n, k } = design;
  if (n === 0) throw new ModelError("elastic net: the design has no rows");
  if (k === 0) throw new ModelError("elastic net: the design has no columns");
  if (o.fitIntercept && design.names.includes("const")) {
    throw new ModelError(
      `elastic net: the design has a "const" column, but the model fits its own unpenalized intercept ` +
        `(fitIntercept: true); build the design without it (designFromColumns(columns, false)) or pass ` +
        `fitIntercept: false`,
      ["const"],
    );
  }
  const w = new Float64Array(k);
  if (options.coefInit !== undefined) {
    if (options.coefInit.length !== k) {
      throw new RangeError(`coefInit has ${options.coefInit.length} entries, the design has ${k} columns`);
    }
    for (let j = 0; j < k; j++) {
      const v = options.coefInit[j];
      if (!Number.isFinite(v)) throw new RangeError(`coefInit[${j}] is ${v}; expected a finite number`);
      w[j] = o.positive ? Math.max(v, 0) : v;
    }
  }
  const { xc, yc, xOffset, yOffset } = center(design, y, o.fitIntercept);
  // column-major copy: coordinate descent walks one column at a time
  const cols = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) cols[j * n + i] = xc[i * k + j];
  const l1 = o.alpha * o.l1Ratio * n;
  const l2 = o.alpha * (1 - o.l1Ratio) * n;
  const cd = coordinateDescent(cols, yc, n, k, w, l1, l2, o.maxIter, o.tol, o.positive);

  let intercept = 0;
  if (o.fitIntercept) {
    intercept = yOffset;
    for (let j = 0; j < k; j++) intercept -= xOffset[j] * w[j];
  }
  const fitted = new Float64Array(n);
  const residuals = new Float64Array(n);
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let s = intercept;
    for (let j = 0; j < k; j++) s += design.x[i * k + j] * w[j];
    fitted[i] = s;
    residuals[i] = y[i] - s;
    rss += residuals[i] * residuals[i];
  }
  let norm1 = 0, norm2 = 0;
  for (let j = 0; j < k; j++) {
    norm1 += Math.abs(w[j]);
    norm2 += w[j] * w[j];
  }
  const objective = rss / (2 * n) + o.alpha * o.l1Ratio * norm1 + 0.5 * o.alpha * (1 - o.l1Ratio) * norm2;

  const warnings: string[] = [];
  if (o.alpha === 0) {
    warnings.push("elastic net with alpha = 0 has no penalty: coordinate descent is slow there; use fitOls");
  }
  if (o.l1Ratio === 0) {
    warnings.push(
      "elastic net with l1Ratio = 0 is a ridge regression: its duality gap never falls below the tolerance " +
        "(sklearn behaves the same), so it runs all maxIter sweeps; use fitRidge with alpha·n instead",
    );
  }
  if (!cd.converged) {
    warnings.push(
      `elastic net (alpha = ${o.alpha}, l1Ratio = ${o.l1Ratio}) did not converge in ${o.maxIter} sweeps: ` +
        `duality gap ${cd.gap / n} > tolerance ${
          cd.tolScaled / n
        }; increase maxIter, standardize the columns, ` +
        `or loosen tol`,
    );
  }
  return {
    names: design.names,
    coef: w,
    intercept,
    fitted,
    residuals,
    alpha: o.alpha,
    l1Ratio: o.l1Ratio,
    positive: o.positive,
    fitIntercept: o.fitIntercept,
    objective,
    nIter: cd.nIter,
    dualGap: cd.gap / n,
    converged: cd.converged,
    warnings,
  };
}

/**
 * Predictions `b + Xw` of an elastic-net fit on new rows (same columns, same order).
 *
 * @example
 * ```ts ignore
 * predictElasticNet(fit, designFromColumns({ x: new Float64Array([2]) }, false)); // [3] for the fit above
 * ```
 */
export function predictElasticNet(fit: ElasticNetFit, design: Design): Float64Array {
  checkSameColumns(fit.names, design, "elastic net");
  checkRegressionInputs(design, new Float64Array(design.n), { model: "elastic net prediction" });
  const { n, k, x } = design;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = fit.intercept;
    for (let j = 0; j < k; j++) s += x[i * k + j] * fit.coef[j];
    out[i] = s;
  }
  return out;
}

/**
 * Elastic-net fits over a grid of penalties, from the largest `alpha` down, each warm-started at the previous
 * solution (as sklearn's `enet_path`). Returned in that (descending) order.
 *
 * @param alphas penalties `≥ 0`; sorted descending internally
 * @param options as {@link fitElasticNet}, without `alpha` and `coefInit`
 * @example
 * ```ts ignore
 * const amax = elasticNetAlphaMax(design, y, { l1Ratio: 1 });
 * const path = elasticNetPath(design, y, [1, 0.5, 0.1, 0.01].map((f) => f * amax), { l1Ratio: 1 });
 * ```
 */
export function elasticNetPath(
  design: Design,
  y: ArrayLike<number>,
  alphas: readonly number[],
  options: Omit<ElasticNetOptions, "alpha" | "coefInit"> = {},
): ElasticNetFit[] {
  if (alphas.length === 0) throw new RangeError("elasticNetPath needs at least one alpha");
  const sorted = [...alphas].sort((a, b) => b - a);
  const fits: ElasticNetFit[] = [];
  let coefInit: Float64Array | undefined;
  for (const alpha of sorted) {
    const fit = fitElasticNet(design, y, { ...options, alpha, coefInit });
    fits.push(fit);
    coefInit = fit.coef;
  }
  return fits;
}

/**
 * The smallest `alpha` at which every elastic-net coefficient is zero, `max_j |x_j'y_c| / (n·ρ)` on the centered
 * data (sklearn's `_alpha_grid`, the top of its default path). Useful to build a grid `alphaMax · 10^(−3 … 0)`.
 *
 * @param options `l1Ratio` in (0, 1] (default 0.5), `fitIntercept` (default true)
 * @example
 * ```ts ignore
 * elasticNetAlphaMax(designFromColumns({ x: new Float64Array([-1, 1]) }, false), new Float64Array([-2, 2]),
 *   { l1Ratio: 1 }); // 2 = |(-1)(-2) + 1·2| / 2
 * ```
 */
export function elasticNetAlphaMax(
  design: Design,
  y: ArrayLike<number>,
  options: { readonly l1Ratio?: number; readonly fitIntercept?: boolean } = {},
): number {
  const l1Ratio = options.l1Ratio ?? 0.5;
  if (!(l1Ratio > 0 && l1Ratio <= 1)) {
    throw new RangeError(
      `l1Ratio must be in (0, 1] for alphaMax (no finite alpha zeroes a pure ridge), got ${l1Ratio}`,
    );
  }
  checkRegressionInputs(design, y, { model: "elastic net alpha max" });
  const { n, k } = design;
  if (n === 0) throw new ModelError("elastic net alpha max: the design has no rows");
  const { xc, yc } = center(design, y, options.fitIntercept ?? true);
  let best = 0;
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += xc[i * k + j] * yc[i];
    best = Math.max(best, Math.abs(s));
  }
  return best / (n * l1Ratio);
}

interface ResolvedOptions {
  alpha: number;
  l1Ratio: number;
  fitIntercept: boolean;
  maxIter: number;
  tol: number;
  positive: boolean;
}

function resolveOptions(options: ElasticNetOptions): ResolvedOptions {
  const o = {
    alpha: options.alpha,
    l1Ratio: options.l1Ratio ?? 0.5,
    fitIntercept: options.fitIntercept ?? true,
    maxIter: options.maxIter ?? 1000,
    tol: options.tol ?? 1e-4,
    positive: options.positive ?? false,
  };
  if (!(Number.isFinite(o.alpha) && o.alpha >= 0)) {
    throw new RangeError(`alpha must be a finite number >= 0, got ${o.alpha}`);
  }
  if (!(o.l1Ratio >= 0 && o.l1Ratio <= 1)) {
    throw new RangeError(`l1Ratio must be in [0, 1], got ${o.l1Ratio}`);
  }
  if (!(Number.isInteger(o.maxIter) && o.maxIter >= 1)) {
    throw new RangeError(`maxIter must be an integer >= 1, got ${o.maxIter}`);
  }
  if (!(Number.isFinite(o.tol) && o.tol >= 0)) {
    throw new RangeError(`tol must be a finite number >= 0, got ${o.tol}`);
  }
  return o;
}
