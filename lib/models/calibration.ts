/**
 * Lift-test calibration of a linear model: an experiment's measured lift enters least squares as one more
 * weighted observation of the channel's contribution.
 *
 * **The model's lift.** With the transforms (carryover, saturation) fixed at their chosen values, the model's
 * contribution of channel `c` over an experiment's window and geos is linear in the coefficients:
 * `c(β) = Σ_{t ∈ window, g ∈ geos} β_c · x_{c,gt} = a'β`, with `a` zero except at the channel's coefficient
 * (where it holds the sum of the channel's transformed spend over the test rows; in a two-stage model a social
 * channel's `a` holds its stage-1 slope times the sum of its mediated feature at the mediator's coefficient).
 * Its standard error is `√(a'Va)` under the fit's covariance `V`.
 *
 * **Tension** between model and experiment (the experiment independent of the panel's errors):
 * `z = (a'β̂ − lift) / √(a'Va + se²)`, two-sided p-value `2 Φ(−|z|)`. A small p-value says the two cannot both
 * be right within their stated errors: the model is biased for that channel (an omitted confounder, say), or
 * the experiment measured something else.
 *
 * **Calibration.** Treat the experiment as a Gaussian likelihood for `a'β`: `lift ~ N(a'β, se²)`. With the
 * panel's likelihood `y ~ N(Xβ, σ² I)` and a flat prior, the posterior mode (Bayesian linear regression;
 * Gelman et al., "Bayesian Data Analysis", 3rd ed., §14.2 and §14.8 on including prior information as
 * additional data points) minimizes
 *
 * ```
 * Σ_i (y_i − x_i'β)² / σ² + Σ_e (lift_e − a_e'β)² / se_e²
 * ```
 *
 * i.e. least squares with one extra row `(a_e', lift_e)` per experiment, weighted `w_e = σ̂²/se_e²` relative to
 * a data row, with σ̂² the unpenalized fit's `ssr/df_resid` (the "augmented-row" estimator). Its closed form,
 * using `X'y = X'X β̂` at the unpenalized solution, is
 *
 * ```
 * M = X'X + Σ_e w_e a_e a_e',    β̃ = M⁻¹ (X'X β̂ + Σ_e w_e a_e lift_e)
 * ```
 *
 * With geo fixed effects `X` is the within-transformed design: the experiment row carries no geo effect, so
 * profiling the effects out leaves exactly this. Since the panel's errors may be clustered or autocorrelated,
 * the covariance is the sandwich of the augmented estimator, with the fit's own covariance `V` for the data
 * part and the experiments independent of it:
 *
 * ```
 * Var(β̃) = M⁻¹ (X'X V X'X + Σ_e w_e² se_e² a_e a_e') M⁻¹
 * ```
 *
 * which reduces to the posterior covariance `σ̂² M⁻¹` when `V = σ̂² (X'X)⁻¹` (classical errors). The same idea,
 * a Gaussian likelihood on the modelled lift over the test window, is what PyMC-Marketing's
 * `add_lift_test_measurements` and Meridian's ROI calibration priors implement in a Bayesian MMM.
 *
 * @module
 */
import { cholesky, choleskySolve } from "../linalg/cholesky.ts";
import { crossProduct, matMul } from "../linalg/products.ts";
import { qrLeastSquares } from "../linalg/qr.ts";
import { ModelError } from "../errors.ts";
import { normalSf } from "../stats/distributions.ts";

/** One experiment as a linear restriction on the coefficients: `lift ≈ a'β` with standard error `se`. */
export interface LiftConstraint {
  /** k coefficients' weights: the model's lift over the test rows is `a'β`. */
  readonly a: Float64Array;
  /** The experiment's measured lift over its window and geos, in the target's unit (e.g. revenue). */
  readonly lift: number;
  /** Standard error of `lift` as the experiment reports it, in the same unit; > 0. */
  readonly se: number;
  /** Extra variance of the model's lift not in `a'Va` (e.g. a two-stage model's stage-1 slope); default 0. */
  readonly extraVariance?: number;
}

/** What calibration needs of an unpenalized least-squares fit. */
export interface LinearEstimate {
  /** The unpenalized fit's k coefficients β̂ (for fixed effects the slopes). */
  readonly coef: Float64Array;
  /** k × k covariance of `coef` (the fit's reported one: classical, robust, clustered …). */
  readonly cov: Float64Array;
  /** k × k `X'X` of the design the coefficients were estimated from (within-transformed for fixed effects). */
  readonly xtx: Float64Array;
  /** Classical error variance `ssr/df_resid`. */
  readonly sigma2: number;
}

/** Model against experiment, before calibration. */
export interface LiftTension {
  /** The model's lift over the experiment's rows, `a'β̂`, in the target's unit. */
  readonly modelLift: number;
  /** Its standard error `√(a'Va + extraVariance)` under the fit's covariance. */
  readonly modelSe: number;
  /** The experiment's measured lift (`LiftConstraint.lift`). */
  readonly experimentLift: number;
  /** The experiment's standard error (`LiftConstraint.se`). */
  readonly experimentSe: number;
  /** `(model − experiment) / √(modelSe² + experimentSe²)`. */
  readonly z: number;
  /** Two-sided normal p-value of `z`. */
  readonly pValue: number;
}

/** The calibrated coefficients. */
export interface CalibratedEstimate {
  /** The augmented-row estimate `β̃ = M⁻¹ (X'X β̂ + Σ_e w_e a_e lift_e)`, one per coefficient. */
  readonly coef: Float64Array;
  /** Sandwich covariance (module doc). */
  readonly cov: Float64Array;
  /** Weight of each experiment row relative to one data row, `σ̂²/se²`. */
  readonly weights: Float64Array;
}

/**
 * The model's lift for an experiment and the tension between the two (module doc).
 *
 * @example
 * ```ts
 * liftTension(new Float64Array([2]), new Float64Array([0.01]), { a: new Float64Array([100]), lift: 150, se: 30 });
 * // modelLift 200, modelSe 10, z = 50/√1000 ≈ 1.58, p ≈ 0.11
 * ```
 */
export function liftTension(coef: Float64Array, cov: Float64Array, c: LiftConstraint): LiftTension {
  const k = coef.length;
  checkConstraint(c, k);
  let lift = 0, v = c.extraVariance ?? 0;
  for (let i = 0; i < k; i++) {
    lift += c.a[i] * coef[i];
    for (let j = 0; j < k; j++) v += c.a[i] * cov[i * k + j] * c.a[j];
  }
  const modelSe = Math.sqrt(Math.max(v, 0));
  const z = (lift - c.lift) / Math.sqrt(modelSe * modelSe + c.se * c.se);
  return {
    modelLift: lift,
    modelSe,
    experimentLift: c.lift,
    experimentSe: c.se,
    z,
    pValue: 2 * normalSf(Math.abs(z)),
  };
}

/**
 * The augmented-row (posterior-mode) estimator with every experiment at once, and its sandwich covariance
 * (module doc).
 *
 * @param fit the unpenalized fit's coefficients, covariance, `X'X` and `σ̂²`
 * @param constraints one per experiment
 * @throws ModelError when `X'X + Σ w a a'` is not positive definite
 * @example
 * ```ts ignore
 * const cal = calibrateLinear({ coef, cov, xtx, sigma2 }, [{ a, lift: 5000, se: 1500 }]);
 * cal.coef; cal.cov; cal.weights[0]; // σ̂² / 1500²
 * ```
 */
export function calibrateLinear(
  fit: LinearEstimate,
  constraints: readonly LiftConstraint[],
): CalibratedEstimate {
  const k = fit.coef.length;
  if (fit.cov.length !== k * k || fit.xtx.length !== k * k) {
    throw new RangeError(`cov and xtx must be ${k} × ${k}`);
  }
  if (!(fit.sigma2 > 0)) throw new RangeError(`sigma2 must be > 0, got ${fit.sigma2}`);
  const weights = new Float64Array(constraints.length);
  const m = fit.xtx.slice();
  const rhs = matMul(fit.xtx, fit.coef, k, k, 1);
  const meat = matMul(matMul(fit.xtx, fit.cov, k, k, k), fit.xtx, k, k, k);
  constraints.forEach((c, e) => {
    checkConstraint(c, k);
    const w = fit.sigma2 / (c.se * c.se);
    weights[e] = w;
    const w2s2 = w * w * c.se * c.se;
    for (let i = 0; i < k; i++) {
      rhs[i] += w * c.a[i] * c.lift;
      for (let j = 0; j < k; j++) {
        m[i * k + j] += w * c.a[i] * c.a[j];
        meat[i * k + j] += w2s2 * c.a[i] * c.a[j];
      }
    }
  });
  let l: Float64Array;
  try {
    l = cholesky(m, k);
  } catch (e) {
    throw new ModelError(
      `the calibrated normal equations are not positive definite: ${(e as Error).message}`,
    );
  }
  const coef = choleskySolve(l, rhs, k);
  // M⁻¹ column by column, then M⁻¹ meat M⁻¹
  const inv = new Float64Array(k * k);
  const unit = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    unit.fill(0);
    unit[j] = 1;
    const col = choleskySolve(l, unit, k);
    for (let i = 0; i < k; i++) inv[i * k + j] = col[i];
  }
  const cov = matMul(matMul(inv, meat, k, k, k), inv, k, k, k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) cov[i * k + j] = cov[j * k + i] = (cov[i * k + j] + cov[j * k + i]) / 2;
  }
  return { coef, cov, weights };
}

/**
 * The same estimator computed directly: least squares (by QR) on the data rows stacked with one row
 * `√w_e · (a_e', lift_e)` per experiment. For checking {@link calibrateLinear} and for small designs.
 *
 * @param x n × k design (row-major); `y` n responses
 * @param constraints experiments; `weights[e]` their row weights (`σ̂²/se²`)
 * @example
 * ```ts ignore
 * augmentedLeastSquares(x, y, n, k, [{ a, lift, se }], [sigma2 / se ** 2]); // = calibrateLinear(...).coef
 * ```
 */
export function augmentedLeastSquares(
  x: Float64Array,
  y: Float64Array,
  n: number,
  k: number,
  constraints: readonly LiftConstraint[],
  weights: ArrayLike<number>,
): Float64Array {
  const rows = n + constraints.length;
  const xa = new Float64Array(rows * k);
  const ya = new Float64Array(rows);
  xa.set(x.subarray(0, n * k));
  ya.set(y.subarray(0, n));
  constraints.forEach((c, e) => {
    checkConstraint(c, k);
    const s = Math.sqrt(weights[e]);
    for (let j = 0; j < k; j++) xa[(n + e) * k + j] = s * c.a[j];
    ya[n + e] = s * c.lift;
  });
  return qrLeastSquares(xa, ya, rows, k).coef;
}

/**
 * `X'X` of an n × k row-major design (re-exported for callers that hold a fit's design).
 *
 * @example
 * ```ts ignore
 * designCrossProduct(fit.model.x, fit.model.n, fit.model.k);
 * ```
 */
export function designCrossProduct(x: Float64Array, n: number, k: number): Float64Array {
  return crossProduct(x, n, k);
}

function checkConstraint(c: LiftConstraint, k: number): void {
  if (c.a.length !== k) throw new RangeError(`a constraint has ${c.a.length} weights for ${k} coefficients`);
  if (!Number.isFinite(c.lift)) throw new RangeError(`lift must be finite, got ${c.lift}`);
  if (!(c.se > 0 && Number.isFinite(c.se))) throw new RangeError(`se must be finite and > 0, got ${c.se}`);
}
