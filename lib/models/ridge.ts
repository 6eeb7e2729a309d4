/**
 * Ridge regression with scikit-learn's `Ridge` semantics.
 *
 * Minimizes `‖y − Xw − b‖² + α‖w‖²` (the sum of squares is NOT divided by n, as in sklearn's `Ridge`; compare
 * `ElasticNet`, whose loss is divided by `2n`). The intercept `b` is not penalized: with `fitIntercept`, X and y
 * are centered first (sklearn's `_preprocess_data`), `w` solves `(Xc'Xc + αI) w = Xc'yc` by Cholesky, and
 * `b = ȳ − x̄'w`. There is no internal scaling: the penalty acts on the columns as given, so a column measured in
 * thousands is barely shrunk while one measured in fractions is shrunk hard. Standardize the columns first
 * (`fitStandardScaler` in `lib/features`, fitted on training rows only) when the penalty should treat them alike.
 *
 * References: Hoerl & Kennard (1970), "Ridge regression: biased estimation for nonorthogonal problems",
 * Technometrics 12(1); Hastie, Tibshirani & Friedman, "The Elements of Statistical Learning" (2nd ed.), §3.4.1
 * (effective degrees of freedom, eq. 3.50); scikit-learn `sklearn.linear_model.Ridge`
 * <https://scikit-learn.org/1.2/modules/generated/sklearn.linear_model.Ridge.html>.
 *
 * @module
 */

import { choleskyInto, choleskySolveInto, crossProduct, crossProductVector } from "../linalg/mod.ts";
import type { Design } from "../features/design.ts";
import { ModelError } from "../errors.ts";
import { checkRegressionInputs } from "./_check.ts";

/** Options of {@link fitRidge}. */
export interface RidgeOptions {
  /** Penalty weight `α ≥ 0` on `‖w‖²` (sklearn's `alpha`). `α = 0` is ordinary least squares. */
  readonly alpha: number;
  /**
   * Fit an unpenalized intercept by centering (default true). The design must then have no `const` column
   * (build it with `designFromColumns(columns, false)`). With `false` the model goes through the origin, and a
   * `const` column, if present, is penalized like any other column.
   */
  readonly fitIntercept?: boolean;
}

/** A fitted ridge regression. `coef[j]` belongs to `names[j]`. */
export interface RidgeFit {
  /** The design's column names, one per coefficient; `predictRidge` needs the same columns in this order. */
  readonly names: readonly string[];
  /** Penalized slopes, one per design column, in the design's order. */
  readonly coef: Float64Array;
  /** Unpenalized intercept `ȳ − x̄'w` (0 when `fitIntercept` is false). */
  readonly intercept: number;
  /** In-sample predictions `b + Xw`, one per row. */
  readonly fitted: Float64Array;
  /** In-sample residuals `y − b − Xw`, one per row. */
  readonly residuals: Float64Array;
  /** The penalty weight α used (the option, on the unscaled sum of squares). */
  readonly alpha: number;
  /** Whether an unpenalized intercept was fitted by centering (the option, default true). */
  readonly fitIntercept: boolean;
  /**
   * Effective degrees of freedom of the penalized part, `tr(Xc (Xc'Xc + αI)⁻¹ Xc') = Σ d_j² / (d_j² + α)` over
   * the singular values `d_j` of the (centered) design (ESL eq. 3.50). The intercept adds one more.
   */
  readonly effectiveDf: number;
  /** Column means subtracted before solving (zeros when `fitIntercept` is false). */
  readonly xOffset: Float64Array;
  /** Mean of y subtracted before solving (0 when `fitIntercept` is false). */
  readonly yOffset: number;
}

/** Coefficients of {@link ridgePath} over a grid of penalties. */
export interface RidgePath {
  /** The design's column names, one per slope (the columns of each `coef` row). */
  readonly names: readonly string[];
  /** The penalties, in the order given (not sorted). */
  readonly alphas: Float64Array;
  /** `alphas.length × k`, row-major: row `a` holds the slopes for `alphas[a]`. */
  readonly coef: Float64Array;
  /** Intercept for each penalty, `ȳ − x̄'w` (0 when `fitIntercept` is false). */
  readonly intercept: Float64Array;
  /** Effective degrees of freedom of the penalized part for each penalty (as `RidgeFit.effectiveDf`). */
  readonly effectiveDf: Float64Array;
}

/**
 * Fits ridge regression, `min_w,b ‖y − Xw − b‖² + α‖w‖²`, exactly as scikit-learn's `Ridge(alpha,
 * fit_intercept)` does with its Cholesky solver (agreement to ~1e-10 relative on well-conditioned designs).
 *
 * @param design n × k regressors without a `const` column when `fitIntercept` is true; all values finite
 * @param y n responses, finite
 * @param options `alpha ≥ 0` (finite), `fitIntercept` (default true)
 * @throws ModelError on a `const` column with `fitIntercept`, on non-finite inputs (naming column and row), and
 *   when `X'X + αI` is not positive definite (only possible for `α = 0`: the message names the collinear column)
 * @example
 * ```ts ignore
 * const d = designFromColumns({ tv: new Float64Array([1, 2, 3, 4]) }, false);
 * fitRidge(d, new Float64Array([2, 4, 6, 8]), { alpha: 5 }).coef; // [1] (= 10 / (5 + 5))
 * ```
 */
export function fitRidge(design: Design, y: ArrayLike<number>, options: RidgeOptions): RidgeFit {
  const { alpha } = options;
  const fitIntercept = options.fitIntercept ?? true;
  checkAlpha(alpha);
  const prep = prepareRidge(design, y, fitIntercept, "ridge");
  const { coef, effectiveDf } = solveRidge(prep, alpha, design.names);
  const intercept = fitIntercept ? prep.yOffset - dot(prep.xOffset, coef) : 0;
  const fitted = linearPredictor(design, coef, intercept);
  const residuals = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) residuals[i] = y[i] - fitted[i];
  return {
    names: design.names,
    coef,
    intercept,
    fitted,
    residuals,
    alpha,
    fitIntercept,
    effectiveDf,
    xOffset: prep.xOffset,
    yOffset: prep.yOffset,
  };
}

/**
 * Predictions `b + Xw` of a ridge fit on new rows. The design must have the fit's columns, in the same order.
 *
 * @example
 * ```ts ignore
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const d = designFromColumns({ tv: new Float64Array([1, 2, 3, 4]) }, false);
 * const fit = fitRidge(d, new Float64Array([2, 4, 6, 8]), { alpha: 5 });
 * assertClose(predictRidge(fit, designFromColumns({ tv: new Float64Array([10]) }, false)), [15], 1e-9); // [5 + 10 · 1]
 * ```
 */
export function predictRidge(fit: RidgeFit, design: Design): Float64Array {
  checkSameColumns(fit.names, design, "ridge");
  checkRegressionInputs(design, new Float64Array(design.n), { model: "ridge prediction" });
  return linearPredictor(design, fit.coef, fit.intercept);
}

/**
 * Ridge coefficients over a grid of penalties. `X'X` and `X'y` (centered) are formed once; each penalty then costs
 * one k × k Cholesky factorization and solve (repeated Cholesky, O(nk² + m·k³) in all), which for the tens of
 * columns of a marketing-mix design is cheaper and simpler than an eigendecomposition.
 *
 * @param alphas penalties, each finite and `≥ 0`, in any order (kept as given)
 * @example
 * ```ts ignore
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const d = designFromColumns({ tv: new Float64Array([1, 2, 3, 4]) }, false);
 * assertClose(ridgePath(d, new Float64Array([2, 4, 6, 8]), [0, 30]).coef, [2, 0.5], 5e-2);
 * ```
 */
export function ridgePath(
  design: Design,
  y: ArrayLike<number>,
  alphas: readonly number[],
  options: { readonly fitIntercept?: boolean } = {},
): RidgePath {
  const fitIntercept = options.fitIntercept ?? true;
  if (alphas.length === 0) throw new RangeError("ridgePath needs at least one alpha");
  alphas.forEach(checkAlpha);
  const prep = prepareRidge(design, y, fitIntercept, "ridge path");
  const k = design.k;
  const coef = new Float64Array(alphas.length * k);
  const intercept = new Float64Array(alphas.length);
  const effectiveDf = new Float64Array(alphas.length);
  alphas.forEach((alpha, a) => {
    const s = solveRidge(prep, alpha, design.names);
    coef.set(s.coef, a * k);
    intercept[a] = fitIntercept ? prep.yOffset - dot(prep.xOffset, s.coef) : 0;
    effectiveDf[a] = s.effectiveDf;
  });
  return { names: design.names, alphas: Float64Array.from(alphas), coef, intercept, effectiveDf };
}

/** Throws unless `design` has exactly the columns `names`, in order. */
export function checkSameColumns(names: readonly string[], design: Design, model: string): void {
  const same = names.length === design.k && names.every((name, j) => design.names[j] === name);
  if (!same) {
    throw new ModelError(
      `${model}: the design's columns [${design.names.join(", ")}] differ from the fitted ones [${
        names.join(", ")
      }]; build the new design with the same columns in the same order`,
      design.names.filter((name, j) => names[j] !== name),
    );
  }
}

/** `b + X w` over the rows of a design. */
function linearPredictor(design: Design, coef: Float64Array, intercept: number): Float64Array {
  const { n, k, x } = design;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = intercept;
    for (let j = 0; j < k; j++) s += x[i * k + j] * coef[j];
    out[i] = s;
  }
  return out;
}

interface RidgeProblem {
  readonly k: number;
  /** Centered X'X (k × k). */
  readonly gram: Float64Array;
  /** Centered X'y. */
  readonly xty: Float64Array;
  readonly xOffset: Float64Array;
  readonly yOffset: number;
}

function prepareRidge(
  design: Design,
  y: ArrayLike<number>,
  fitIntercept: boolean,
  model: string,
): RidgeProblem {
  checkRegressionInputs(design, y, { model });
  const { n, k, names } = design;
  if (n === 0) throw new ModelError(`${model}: the design has no rows`);
  if (k === 0) throw new ModelError(`${model}: the design has no columns`);
  if (fitIntercept && names.includes("const")) {
    throw new ModelError(
      `${model}: the design has a "const" column, but the model fits its own unpenalized intercept ` +
        `(fitIntercept: true); build the design without it (designFromColumns(columns, false)) or pass ` +
        `fitIntercept: false to penalize "const" like any other column`,
      ["const"],
    );
  }
  const { xc, yc, xOffset, yOffset } = center(design, y, fitIntercept);
  return { k, gram: crossProduct(xc, n, k), xty: crossProductVector(xc, yc, n, k), xOffset, yOffset };
}

/** Centers X and y by their means when `fitIntercept`, as sklearn's `_preprocess_data` does. */
export function center(
  design: Design,
  y: ArrayLike<number>,
  fitIntercept: boolean,
): { xc: Float64Array; yc: Float64Array; xOffset: Float64Array; yOffset: number } {
  const { n, k, x } = design;
  const xOffset = new Float64Array(k);
  let yOffset = 0;
  if (fitIntercept) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) xOffset[j] += x[i * k + j];
      yOffset += y[i];
    }
    for (let j = 0; j < k; j++) xOffset[j] /= n;
    yOffset /= n;
  }
  const xc = new Float64Array(n * k);
  const yc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) xc[i * k + j] = x[i * k + j] - xOffset[j];
    yc[i] = y[i] - yOffset;
  }
  return { xc, yc, xOffset, yOffset };
}

function solveRidge(
  p: RidgeProblem,
  alpha: number,
  names: readonly string[],
): { coef: Float64Array; effectiveDf: number } {
  const { k, gram, xty } = p;
  const a = Float64Array.from(gram);
  for (let j = 0; j < k; j++) a[j * k + j] += alpha;
  const l = new Float64Array(k * k);
  if (!choleskyInto(l, a, k)) {
    const zero = names.filter((_, j) => gram[j * k + j] === 0);
    throw new ModelError(
      `ridge with alpha = ${alpha}: X'X + αI is not positive definite` +
        (zero.length > 0
          ? `; column(s) ${zero.map((s) => `"${s}"`).join(", ")} are constant or all zeros`
          : "; the design is rank deficient (collinear columns)") +
        ". Use alpha > 0, or drop the redundant columns (fitOls names them)",
      zero,
    );
  }
  const coef = new Float64Array(k);
  choleskySolveInto(coef, l, xty, k);
  // tr((X'X + αI)⁻¹ X'X): solve against each column of the (symmetric) Gram matrix.
  const col = new Float64Array(k);
  const z = new Float64Array(k);
  let effectiveDf = 0;
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < k; i++) col[i] = gram[i * k + j];
    choleskySolveInto(z, l, col, k);
    effectiveDf += z[j];
  }
  return { coef, effectiveDf };
}

function checkAlpha(alpha: number): void {
  if (!(Number.isFinite(alpha) && alpha >= 0)) {
    throw new RangeError(`alpha must be a finite number >= 0, got ${alpha}`);
  }
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
