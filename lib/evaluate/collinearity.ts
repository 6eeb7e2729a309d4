/**
 * Collinearity diagnostics of a design: variance inflation factors, condition numbers, and the Pearson
 * correlation matrix of named columns.
 *
 * References: Belsley, Kuh & Welsch, "Regression Diagnostics" (1980), ch. 3 (condition numbers, scaling);
 * Fox & Monette (1992), JASA 87(417) (VIF); statsmodels 0.13.5 `variance_inflation_factor` and
 * `RegressionResults.condition_number`; numpy `linalg.cond` and `corrcoef`.
 *
 * @module
 */

import { choleskyInto, collinearColumns, qrDecompose, qrR } from "../linalg/mod.ts";
import { ModelError } from "../errors.ts";
import type { Design } from "../features/design.ts";
import { singularValues } from "../linalg/singular_values.ts";

export type { CorrelatedPair, CorrelationMatrix } from "./correlation_matrix.ts";
export { correlatedPairs, correlationMatrix } from "./correlation_matrix.ts";
export type { CollinearityVerdict } from "./collinearity_verdict.ts";
export { collinearityVerdict, HIGH_CONDITION_NUMBER, HIGH_VIF } from "./collinearity_verdict.ts";

/** Variance inflation factors of the non-constant columns of a design. */
export interface VifResult {
  /** The non-constant columns, in design order. */
  readonly names: readonly string[];
  /** VIF of each, `1 / (1 − R²_j)`. */
  readonly vif: Float64Array;
  /** Whether the design has a constant column, so that R²_j is the centered R² (see `vif`). */
  readonly centered: boolean;
}

/** How `conditionNumber` scales the columns first. */
export type ConditionScaling = "none" | "unit-length" | "standardize";

/** Options of `conditionNumber`. */
export interface ConditionNumberOptions {
  /**
   * - `"none"` (default): the design as given — numpy `np.linalg.cond(X)` and statsmodels' "Cond. No.";
   * - `"unit-length"`: every column (the constant included) scaled to unit Euclidean length, as Belsley,
   *   Kuh & Welsch recommend; their rule of thumb (above 30: strong collinearity) is calibrated on this;
   * - `"standardize"`: the constant dropped, the other columns centered and scaled; equals
   *   `√(λ_max/λ_min)` of their correlation matrix. Measures collinearity among the regressors only.
   */
  readonly scale?: ConditionScaling;
}

/**
 * Index of the first constant column of a design (all values equal and non-zero), or −1 when there is none.
 *
 * @example
 * ```ts ignore
 * findConstantColumn(designFromColumns({ tv: new Float64Array([1, 2]) })); // 0 ("const")
 * ```
 */
export function findConstantColumn(design: Design): number {
  const { n, k, x } = design;
  if (n === 0) return -1;
  for (let j = 0; j < k; j++) {
    const v = x[j];
    if (v === 0 || !Number.isFinite(v)) continue;
    let constant = true;
    for (let i = 1; i < n && constant; i++) constant = x[i * k + j] === v;
    if (constant) return j;
  }
  return -1;
}

/**
 * Variance inflation factor of every non-constant column: `VIF_j = 1 / (1 − R²_j)`, where `R²_j` is the R² of
 * the regression of column j on all the other columns of the design as given — exactly statsmodels'
 * `variance_inflation_factor(exog, j)`, applied to a design that contains its constant (statsmodels does
 * not add one). The usual reading: `√VIF_j` is the factor by which collinearity widens the standard error of
 * coefficient j; VIF above 5–10 is commonly flagged.
 *
 * Computed without the k auxiliary regressions, from the inverse of the correlation matrix:
 * `VIF_j = (C⁻¹)_jj`, where C is the correlation matrix of the non-constant columns (design with a constant),
 * or the cosine matrix `D^{−1/2} X'X D^{−1/2}`, `D = diag(X'X)`, of all columns (design without one).
 *
 * Proof. Write the design as `[x_j, X_{−j}]`. By the partitioned-inverse (Schur complement) formula,
 * `((X'X)⁻¹)_jj = 1 / (x_j'x_j − x_j'X_{−j}(X_{−j}'X_{−j})⁻¹X_{−j}'x_j) = 1 / RSS_j`, the inverse residual sum
 * of squares of the auxiliary regression of `x_j` on `X_{−j}`. With a constant among the other columns,
 * R²_j is centered, `R²_j = 1 − RSS_j / TSS_j`, `TSS_j = Σ(x_ij − x̄_j)²`; the residuals of that regression
 * equal the residuals of the centered `x_j` on the centered other columns (Frisch–Waugh–Lovell), so
 * `RSS_j = 1 / ((X_c'X_c)⁻¹)_jj` with `X_c` the centered non-constant columns, and
 * `VIF_j = TSS_j / RSS_j = (X_c'X_c)_jj ((X_c'X_c)⁻¹)_jj = (C⁻¹)_jj` because `C = S X_c'X_c S` with
 * `S = diag(TSS)^{−1/2}` gives `(C⁻¹)_jj = TSS_j ((X_c'X_c)⁻¹)_jj`. Without a constant statsmodels uses the
 * uncentered `R²_j = 1 − RSS_j / x_j'x_j`, and the same steps without centering give the cosine matrix. ∎
 *
 * Cost: one n × p cross-product (p non-constant columns) and a p × p Cholesky, instead of p QR fits.
 * Centering before forming the cross-product keeps the precision that `X'X − n x̄x̄'` would lose on
 * spend-like columns with large means; the Cholesky of C loses about `cond(C)·ε` relative precision in VIF,
 * negligible below VIF ≈ 1e6.
 *
 * A design without an explicit constant column is treated as having no intercept (uncentered R²), which is
 * statsmodels' behaviour unless the columns add up to a constant (an implicit intercept, e.g. a full set of
 * dummies), where statsmodels switches to the centered R².
 *
 * @param design n × k design; finite values, at least one non-constant column, n > number of columns
 * @throws RangeError for a non-finite value (naming row and column) or a design without non-constant columns;
 *   ModelError naming the columns when some are perfectly collinear (VIF infinite)
 * @example
 * ```ts ignore
 * import { assertClose } from "../../tests/doc_assert.ts";
 * // r(a, b) = 0.8, so VIF = 1 / (1 − 0.64) for both
 * assertClose(vif(designFromColumns({ a: [1, 2, 3, 4], b: [1, 3, 2, 4] })).vif, [2.7777777777777786, 2.7777777777777786], 5e-17);
 * ```
 */
export function vif(design: Design): VifResult {
  checkDesign(design);
  const { n, k, x, names } = design;
  const c = findConstantColumn(design);
  const cols: number[] = [];
  for (let j = 0; j < k; j++) if (j !== c) cols.push(j);
  const p = cols.length;
  if (p === 0) {
    throw new RangeError("the design has no non-constant column: VIF needs at least one regressor");
  }
  if (n <= k) {
    throw new RangeError(`VIF needs more rows than columns: the design has ${n} rows and ${k} columns`);
  }
  const centered = c >= 0;
  // columns (centered when there is a constant), stored column-major for the cross-product
  const z = new Float64Array(p * n);
  for (let a = 0; a < p; a++) {
    const j = cols[a];
    let mean = 0;
    if (centered) {
      for (let i = 0; i < n; i++) mean += x[i * k + j];
      mean /= n;
    }
    for (let i = 0; i < n; i++) z[a * n + i] = x[i * k + j] - mean;
  }
  const gram = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += z[a * n + i] * z[b * n + i];
      gram[a * p + b] = gram[b * p + a] = s;
    }
  }
  for (let a = 0; a < p; a++) {
    if (!(gram[a * p + a] > 0)) {
      throw new ModelError(
        `column "${names[cols[a]]}" is ${centered ? "constant" : "all zeros"}: ` +
          `it is perfectly collinear with ${centered ? `"${names[c]}"` : "any column"} (VIF infinite)`,
        centered ? [names[cols[a]], names[c]] : [names[cols[a]]],
      );
    }
  }
  const corr = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      corr[a * p + b] = a === b ? 1 : gram[a * p + b] / Math.sqrt(gram[a * p + a] * gram[b * p + b]);
    }
  }
  const l = new Float64Array(p * p);
  if (!choleskyInto(l, corr, p)) throw perfectCollinearity(design);
  // diag(C⁻¹)_j = ‖L⁻¹ e_j‖²: invert the lower-triangular L column by column
  const out = new Float64Array(p);
  const w = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    w.fill(0);
    w[j] = 1 / l[j * p + j];
    let s = w[j] * w[j];
    for (let i = j + 1; i < p; i++) {
      let t = 0;
      for (let q = j; q < i; q++) t -= l[i * p + q] * w[q];
      w[i] = t / l[i * p + i];
      s += w[i] * w[i];
    }
    out[j] = s;
  }
  return { names: cols.map((j) => names[j]), vif: out, centered };
}

/**
 * Condition number of a design, `κ = σ_max / σ_min`, the ratio of its largest to smallest singular value
 * (equivalently `√(λ_max/λ_min)` of `X'X`). With `scale: "none"` this is numpy's `np.linalg.cond(X)` and
 * the "Cond. No." of a statsmodels OLS summary (statsmodels 0.13.5 takes it from the singular values of the
 * design, `RegressionResults.condition_number`, and warns above 1000). That raw number depends on the units
 * of the columns (spend in dollars vs thousands), which is why Belsley, Kuh & Welsch scale columns to unit
 * length first (`"unit-length"`); `"standardize"` measures collinearity among the regressors alone. See
 * `ConditionNumberOptions`.
 *
 * Computed from the R of a Householder QR of the design (`X = QR` has the singular values of R) with
 * one-sided Jacobi on R (Demmel & Veselić 1992), which keeps the small singular values to relative
 * precision instead of squaring κ as an eigen-decomposition of `X'X` would. A rank-deficient design gives
 * a very large value or `Infinity`.
 *
 * @param design n × k design, n ≥ k, finite values; `"standardize"` needs a non-constant column
 * @throws RangeError for a non-finite value (naming row and column), n < k, an unknown `scale`, or a
 *   `"standardize"` design with a constant non-intercept column
 * @example
 * ```ts
 * const diagonal = { names: ["a", "b"], n: 2, k: 2, x: new Float64Array([3, 0, 0, 0.01]) };
 * conditionNumber(diagonal); // 300, as np.linalg.cond
 * conditionNumber(diagonal, { scale: "unit-length" }); // 1 (Belsley-Kuh-Welsch scaling)
 * ```
 */
export function conditionNumber(design: Design, options: ConditionNumberOptions = {}): number {
  checkDesign(design);
  const scale = options.scale ?? "none";
  if (scale !== "none" && scale !== "unit-length" && scale !== "standardize") {
    throw new RangeError(
      `scale must be "none", "unit-length" or "standardize", got ${JSON.stringify(scale)}`,
    );
  }
  const { n, k, x, names } = design;
  if (n < k) throw new RangeError(`the design has fewer rows (${n}) than columns (${k})`);
  if (scale !== "standardize") {
    const r = qrR(qrDecompose(x, n, k));
    if (scale === "unit-length") {
      // X D⁻¹ = Q (R D⁻¹): scale R's columns by the column norms of X (= those of R)
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let i = 0; i <= j; i++) s += r[i * k + j] * r[i * k + j];
        const norm = Math.sqrt(s);
        if (norm === 0) return Infinity;
        for (let i = 0; i <= j; i++) r[i * k + j] /= norm;
      }
    }
    return ratio(singularValues(r, k, k));
  }
  // standardize: centered non-constant columns (constant dropped), each scaled to unit length
  const c = findConstantColumn(design);
  const cols: number[] = [];
  for (let j = 0; j < k; j++) if (j !== c) cols.push(j);
  const p = cols.length;
  if (p === 0) throw new RangeError("the design has no non-constant column to standardize");
  const z = new Float64Array(n * p);
  for (let a = 0; a < p; a++) {
    const j = cols[a];
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i * k + j];
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i * k + j] - mean;
      z[i * p + a] = v;
      ss += v * v;
    }
    if (!(ss > 0)) {
      throw new RangeError(`column "${names[j]}" has zero variance: it cannot be standardized`);
    }
    const s = 1 / Math.sqrt(ss);
    for (let i = 0; i < n; i++) z[i * p + a] *= s;
  }
  return ratio(singularValues(qrR(qrDecompose(z, n, p)), p, p));
}

function ratio(sv: Float64Array): number {
  const max = sv[0], min = sv[sv.length - 1];
  return min > 0 ? max / min : Infinity;
}

function perfectCollinearity(design: Design): ModelError {
  const { n, k, x, names } = design;
  const bad = collinearColumns(qrDecompose(x, n, k));
  if (bad.length === 0) {
    return new ModelError(
      "the columns are numerically collinear (their correlation matrix is not positive definite): VIF is infinite",
    );
  }
  const parts = bad.map(({ column, partners }) =>
    `"${names[column]}" is a linear combination of ${
      partners.map((p) => `"${names[p]}"`).join(", ") || "earlier columns"
    }`
  );
  const involved = [...new Set(bad.flatMap(({ column, partners }) => [column, ...partners]))].map((j) =>
    names[j]
  );
  return new ModelError(`perfect collinearity, VIF is infinite: ${parts.join("; ")}`, involved);
}

function checkDesign(design: Design): void {
  const { n, k, x, names } = design;
  if (x.length !== n * k) throw new RangeError(`design has ${x.length} values, expected ${n} × ${k}`);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const v = x[i * k + j];
      if (!Number.isFinite(v)) {
        throw new RangeError(`design has a non-finite value (${v}) at row ${i}, column "${names[j]}"`);
      }
    }
  }
}
