/**
 * Lagrange-multiplier tests for heteroskedasticity: Breusch-Pagan (and Koenker's studentized version) and
 * White's test. Each regresses the squared residuals on candidate variance drivers (an auxiliary regression)
 * and asks whether they explain any of the variation.
 *
 * References: Breusch & Pagan (1979), Econometrica 47(5), 1287–1294; Koenker (1981), J. Econometrics 17(1),
 * 107–112; White (1980), Econometrica 48(4), 817–838; Greene, "Econometric Analysis" (5th ed.), §11.4.
 * Matches `statsmodels.stats.diagnostic.het_breuschpagan` and `het_white` of statsmodels 0.13.5.
 *
 * @module
 */

import { applyQTranspose, collinearColumns, qrDecompose, type QrFactors } from "../linalg/mod.ts";
import { chi2Sf, fSf } from "../stats/mod.ts";
import { ModelError } from "../errors.ts";
import type { Design } from "../features/design.ts";
import { findConstantColumn } from "./collinearity.ts";
import { rowMajorFromColumns } from "../linalg/products.ts";

/** White's test asked of fewer rows than its auxiliary regression has regressors: not computable, not a bug. */
export class TooFewRowsError extends RangeError {
  /** Creates the error with a message saying how many rows and auxiliary regressors there are. */
  constructor(message: string) {
    super(message);
    this.name = "TooFewRowsError";
  }
}

/** Which variant produced a `HeteroskedasticityTest`. */
export type HeteroskedasticityTestName = "koenker" | "breusch-pagan" | "white";

/** The four numbers statsmodels returns (lm, lm_pvalue, fvalue, f_pvalue) and what they were computed from. */
export interface HeteroskedasticityTest {
  /** `"koenker"` (studentized Breusch-Pagan, statsmodels' default), `"breusch-pagan"` or `"white"`. */
  readonly test: HeteroskedasticityTestName;
  /** Lagrange-multiplier statistic. */
  readonly lm: number;
  /** Its χ² upper-tail p-value with `lmDf` degrees of freedom. */
  readonly lmPvalue: number;
  /** Degrees of freedom of the LM statistic's χ² reference: the auxiliary regression's slopes, p − 1. */
  readonly lmDf: number;
  /** F statistic of the auxiliary regression (all slopes zero). */
  readonly fvalue: number;
  /** Its upper-tail p-value with `fDf` degrees of freedom. */
  readonly fPvalue: number;
  /** `[numerator, denominator]` degrees of freedom of the F test. */
  readonly fDf: readonly [number, number];
  /** R² of the auxiliary regression. */
  readonly r2: number;
  /** Number of observations. */
  readonly n: number;
  /** Columns of the auxiliary regression, the constant included. */
  readonly regressors: readonly string[];
  /** White only: products dropped because they duplicate or are linear combinations of earlier ones. */
  readonly dropped: readonly string[];
}

/** Options of `breuschPagan`. */
export interface BreuschPaganOptions {
  /**
   * `true` (default, as statsmodels and R's `lmtest::bptest`): Koenker's studentized statistic `n·R²`, valid
   * without normal errors. `false`: the original Breusch-Pagan statistic `ESS/2` of the regression of
   * `e²/σ̂²`, which assumes normal errors (over-rejects under fat tails).
   */
  readonly robust?: boolean;
}

/**
 * Breusch-Pagan test that the error variance does not depend on the columns of `exog`.
 *
 * Auxiliary regression of `u_i` on `exog` (which must contain a constant), with k columns:
 * - robust (Koenker, default): `u_i = e_i²`, `LM = n·R²`;
 * - classic (Breusch-Pagan): `u_i = e_i² / σ̂²`, `σ̂² = Σe_i²/n`, `LM = ESS/2` (ESS = explained sum of squares
 *   about the mean).
 *
 * `LM ~ χ²(k − 1)` under homoskedasticity. The F statistic `(ESS/(k−1)) / (RSS/(n−k))` of the same auxiliary
 * regression (identical for both variants) is Greene's small-sample alternative. Matches
 * `het_breuschpagan(resid, exog, robust)`.
 *
 * @param residuals regression residuals, finite, same length as `exog.n`
 * @param exog variance drivers with a constant column (usually the model's own design), full column rank
 * @throws RangeError for a length mismatch, a non-finite value (naming the index), an `exog` without a constant
 *   column, too few rows, or squared residuals that are all equal; ModelError naming the columns when `exog`
 *   is rank deficient
 * @example
 * ```ts ignore
 * const bp = breuschPagan(fit.residuals, design); // { lm, lmPvalue, fvalue, fPvalue, ... }
 * ```
 */
export function breuschPagan(
  residuals: ArrayLike<number>,
  exog: Design,
  options: BreuschPaganOptions = {},
): HeteroskedasticityTest {
  const robust = options.robust ?? true;
  const { n, k, x, names } = exog;
  const u = squaredResiduals(residuals, exog);
  requireConstant(exog, "the Breusch-Pagan test");
  if (!robust) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += u[i];
    mean /= n;
    for (let i = 0; i < n; i++) u[i] /= mean;
  }
  if (n <= k) throw new RangeError(`the auxiliary regression needs more rows (${n}) than columns (${k})`);
  const f = qrDecompose(x, n, k);
  const bad = collinearColumns(f);
  if (bad.length > 0) {
    const parts = bad.map(({ column, partners }) =>
      `"${names[column]}" is a linear combination of ${
        partners.map((p) => `"${names[p]}"`).join(", ") || "earlier columns"
      }`
    );
    throw new ModelError(
      `exog is rank deficient, so the auxiliary regression is not identified: ${parts.join("; ")}`,
      [...new Set(bad.flatMap(({ column, partners }) => [column, ...partners]))].map((j) => names[j]),
    );
  }
  const { ess, ssr, tss } = auxiliarySums(f, u);
  const r2 = 1 - ssr / tss;
  const lm = robust ? n * r2 : ess / 2;
  return finish(robust ? "koenker" : "breusch-pagan", lm, k - 1, ess, ssr, r2, n, k, [...names], []);
}

/**
 * White's test for heteroskedasticity of unknown form: the Koenker-type LM test `LM = n·R²` of the auxiliary
 * regression of `e_i²` on all products `x_a·x_b` (a ≤ b) of the columns of `exog` — the constant, the
 * regressors, their squares and pairwise cross-products — referred to `χ²(p − 1)`, p the rank of that
 * product matrix; the F statistic is that of the same regression.
 *
 * Construction as statsmodels' `het_white(resid, exog)`: products in the order of `np.triu_indices(k)`.
 * statsmodels keeps duplicated products (a dummy's square equals the dummy; the constant times itself is
 * the constant) and lets its pseudo-inverse OLS take the rank. Here, equivalently, a product identical to an
 * earlier one or all zeros is dropped, then any product that is numerically a linear combination of earlier
 * ones (Householder QR, `|R_jj| ≤ 1e-9·‖column‖`; e.g. dummies summing to the constant); the fitted values,
 * R², and the degrees of freedom (`p − 1`, `n − p`) are then exactly statsmodels'. (numpy decides the rank
 * relative to the largest singular value instead; the two agree unless the products differ in scale by
 * many orders of magnitude.) Dropped products are listed in `dropped`.
 *
 * The auxiliary regression has `k(k+1)/2` columns before dropping, so it is the costly test: about 0.5 s
 * for 6,240 rows × 20 columns (210 products).
 *
 * @param residuals regression residuals, finite, same length as `exog.n`
 * @param exog regressors with a constant column (usually the model's design), at least 2 columns
 * @throws RangeError for a length mismatch, a non-finite value (naming the index), an `exog` without a constant
 *   column or with fewer than 2 columns, more independent products than rows, or squared residuals that are
 *   all equal
 * @example
 * ```ts ignore
 * const w = white(fit.residuals, design); // w.lm, w.lmPvalue, w.dropped (e.g. ["promo^2"])
 * ```
 */
export function white(residuals: ArrayLike<number>, exog: Design): HeteroskedasticityTest {
  const { n, k, x, names } = exog;
  const u = squaredResiduals(residuals, exog);
  if (k < 2) {
    throw new RangeError(`White's test needs a constant and at least one regressor; exog has ${k} column`);
  }
  const c = requireConstant(exog, "White's test");
  // products in np.triu_indices order, dropping exact duplicates and all-zero columns on the way
  const productNames: string[] = [];
  const kept: Float64Array[] = [];
  const signatures: number[] = [];
  const dropped: string[] = [];
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      const name = productName(names, a, b, c);
      const col = new Float64Array(n);
      let sum = 0, zero = true;
      for (let i = 0; i < n; i++) {
        const v = x[i * k + a] * x[i * k + b];
        col[i] = v;
        sum += v * (1 + (i % 7));
        if (v !== 0) zero = false;
      }
      const duplicate = !zero && kept.some((other, q) => signatures[q] === sum && sameValues(other, col));
      if (zero || duplicate) {
        dropped.push(name);
        continue;
      }
      kept.push(col);
      signatures.push(sum);
      productNames.push(name);
    }
  }
  let cols = kept;
  let regressors = productNames;
  let p = cols.length;
  if (n <= p) {
    throw new TooFewRowsError(
      `White's auxiliary regression has ${p} distinct products of the ${k} columns but only ${n} rows: ` +
        `it needs more rows than products (use breuschPagan, or fewer columns)`,
    );
  }
  let f = qrDecompose(rowMajorFromColumns(cols, n), n, p);
  const bad = collinearColumns(f).map(({ column }) => column);
  if (bad.length > 0) {
    const drop = new Set(bad);
    for (const j of bad) dropped.push(regressors[j]);
    cols = cols.filter((_, j) => !drop.has(j));
    regressors = regressors.filter((_, j) => !drop.has(j));
    p = cols.length;
    f = qrDecompose(rowMajorFromColumns(cols, n), n, p);
  }
  const { ess, ssr, tss } = auxiliarySums(f, u);
  const r2 = 1 - ssr / tss;
  return finish("white", n * r2, p - 1, ess, ssr, r2, n, p, regressors, dropped);
}

function finish(
  test: HeteroskedasticityTestName,
  lm: number,
  dfModel: number,
  ess: number,
  ssr: number,
  r2: number,
  n: number,
  p: number,
  regressors: readonly string[],
  dropped: readonly string[],
): HeteroskedasticityTest {
  const dfResid = n - p;
  const fvalue = (ess / dfModel) / (ssr / dfResid);
  return {
    test,
    lm,
    lmPvalue: chi2Sf(lm, dfModel),
    lmDf: dfModel,
    fvalue,
    fPvalue: fSf(fvalue, dfModel, dfResid),
    fDf: [dfModel, dfResid],
    r2,
    n,
    regressors,
    dropped,
  };
}

/** Residual, explained (about the mean) and total sums of squares of the regression of `u` on QR-factored X. */
function auxiliarySums(f: QrFactors, u: Float64Array): { ess: number; ssr: number; tss: number } {
  const { n, k } = f;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += u[i];
  mean /= n;
  let tss = 0;
  for (let i = 0; i < n; i++) tss += (u[i] - mean) * (u[i] - mean);
  const qtu = Float64Array.from(u);
  applyQTranspose(f, qtu);
  let ssr = 0;
  for (let i = k; i < n; i++) ssr += qtu[i] * qtu[i];
  return { ess: tss - ssr, ssr, tss };
}

function squaredResiduals(residuals: ArrayLike<number>, exog: Design): Float64Array {
  const n = residuals.length;
  if (n !== exog.n) throw new RangeError(`residuals have ${n} values but exog has ${exog.n} rows`);
  if (exog.x.length !== exog.n * exog.k) {
    throw new RangeError(`exog has ${exog.x.length} values, expected ${exog.n} × ${exog.k}`);
  }
  const u = new Float64Array(n);
  let equal = true;
  for (let i = 0; i < n; i++) {
    const e = residuals[i];
    if (!Number.isFinite(e)) throw new RangeError(`residuals have a non-finite value (${e}) at index ${i}`);
    u[i] = e * e;
    if (u[i] !== u[0]) equal = false;
  }
  for (let i = 0; i < exog.x.length; i++) {
    if (!Number.isFinite(exog.x[i])) {
      const row = Math.floor(i / exog.k);
      throw new RangeError(
        `exog has a non-finite value (${exog.x[i]}) at row ${row}, column "${exog.names[i % exog.k]}"`,
      );
    }
  }
  if (equal) {
    throw new RangeError(
      "the squared residuals are all equal: there is no variation for the auxiliary regression to explain",
    );
  }
  return u;
}

function requireConstant(exog: Design, test: string): number {
  const c = findConstantColumn(exog);
  if (c < 0) {
    throw new RangeError(
      `${test} needs a constant column in exog (its R² and degrees of freedom assume one); ` +
        `build the design with an intercept (designFromColumns(columns, true))`,
    );
  }
  return c;
}

function productName(names: readonly string[], a: number, b: number, c: number): string {
  if (a === c && b === c) return names[c];
  if (a === c) return names[b];
  if (b === c) return names[a];
  return a === b ? `${names[a]}^2` : `${names[a]}:${names[b]}`;
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
