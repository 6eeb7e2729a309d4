/**
 * Adstock (carryover): how spend in one period keeps acting in later periods.
 *
 * Four kernels, one entry point {@link adstock} taking a plain-data {@link AdstockSpec} (so a search can vary
 * parameters without new code):
 *
 * | type          | weight at lag `l` (`l = 0, 1, …`)                                         | source                |
 * |---------------|----------------------------------------------------------------------------|-----------------------|
 * | `geometric`   | `θ^l` (times `1 − θ` when normalized), infinite window, computed recursively | Robyn, Jin et al. 2017 |
 * | `weibull_cdf` | `∏_{j=1..l} (1 − F(j; k, λ'))`, `l ≤ maxLag`                                | Robyn `adstock_weibull(type = "cdf")` |
 * | `weibull_pdf` | min–max normalized `f(l + 1; k, λ')`, `l ≤ maxLag`                          | Robyn `adstock_weibull(type = "pdf")` |
 * | `delayed`     | `θ^{(l − δ)²} / Σ_{m=0..maxLag} θ^{(m − δ)²}`, `l ≤ maxLag`                  | Jin et al. 2017, eq. (1)–(3) |
 *
 * The finite kernels are applied as a causal convolution `a_t = Σ_{l=0..min(t, maxLag)} w_l · x_{t−l}`: spend
 * before the first row is taken as zero (as Robyn and Jin et al. do). On a panel apply them per geo with
 * `applyByGroup` (see `panel.ts`) so that carryover never crosses a geo border.
 *
 * Missing values: every adstock throws a `RangeError` naming the first non-finite index. Fill or drop missing
 * spend first (`forwardFill` in `lags.ts`); silently carrying a NaN forward would blank every later week.
 *
 * References: Jin, Wang, Sun, Chan, Koehler (2017), "Bayesian Methods for Media Mix Modeling with Carryover and
 * Shape Effects", Google; Robyn `R/R/transformation.R` (`adstock_geometric`, `adstock_weibull`) and its docs
 * <https://facebookexperimental.github.io/Robyn/docs/features/>.
 *
 * Files: `adstock_kernels.ts` holds the Weibull and delayed kernels' weights and parameter checks; this module
 * applies every kernel and re-exports them.
 *
 * @module
 */

import { checkFinite } from "./_check.ts";
import {
  checkDelayed,
  checkWeibull,
  delayedAdstockWeights,
  weibullAdstockWeights,
} from "./adstock_kernels.ts";

export { delayedAdstockWeights, robynScaleTrans, weibullAdstockWeights } from "./adstock_kernels.ts";

/** Geometric adstock parameters: `a_t = x_t + θ · a_{t−1}`. */
export interface GeometricAdstockSpec {
  /** Discriminant of {@link AdstockSpec}: the geometric (exponential decay) kernel, infinite window. */
  readonly type: "geometric";
  /** Carryover (decay) rate in [0, 1). */
  readonly theta: number;
  /** Scale by `1 − θ` so that total adstock equals total spend over a long horizon (default false). */
  readonly normalize?: boolean;
}

/** Weibull adstock parameters in Robyn's parameterization (see {@link weibullAdstockWeights}). */
export interface WeibullAdstockSpec {
  /** Discriminant of {@link AdstockSpec}: weights from the Weibull survival (`"weibull_cdf"`) or density (`"weibull_pdf"`). */
  readonly type: "weibull_cdf" | "weibull_pdf";
  /** Weibull shape `k ≥ 0` (Robyn's `shape`; 0 means no carryover transformation at all, as in Robyn). */
  readonly shape: number;
  /** Scale as a fraction of the window, in [0, 1] (Robyn's `scale`; 0 means no transformation, as in Robyn). */
  readonly scale: number;
  /** Largest lag carrying an effect, an integer ≥ 0; the window has `maxLag + 1` weights (Robyn: `windlen − 1`). */
  readonly maxLag: number;
}

/** Delayed (peaked) adstock of Jin et al. (2017): weights `θ^{(l − δ)²}` over lags `0..maxLag`, normalized. */
export interface DelayedAdstockSpec {
  /** Discriminant of {@link AdstockSpec}: the delayed (peaked) kernel of Jin et al. (2017). */
  readonly type: "delayed";
  /** Retention rate in (0, 1). */
  readonly theta: number;
  /** Delay of the peak `δ`, in [0, maxLag] (need not be an integer). */
  readonly delay: number;
  /** Largest lag carrying an effect (Jin et al.'s `L − 1`), an integer ≥ 0. */
  readonly maxLag: number;
}

/** Any adstock, as plain data (JSON-serializable), discriminated by `type`. */
export type AdstockSpec = GeometricAdstockSpec | WeibullAdstockSpec | DelayedAdstockSpec;

/**
 * Geometric adstock: the carried-over effect of spend, `a_t = x_t + θ · a_{t-1}`, with `a_{-1} = 0`.
 *
 * With `normalize`, the result is scaled by `1 - θ` so that total adstock equals total spend.
 * Used by Robyn ("geometric") and by most MMM write-ups; see Jin et al. (2017), "Bayesian Methods for
 * Media Mix Modeling with Carryover and Shape Effects".
 *
 * @param spend weekly spend, oldest first; must be finite (a `RangeError` names the first index that is not)
 * @param theta carryover in [0, 1)
 * @param normalize scale by `1 − θ` (default false)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(geometricAdstock(new Float64Array([100, 0, 0]), 0.5), [100, 50, 25], 1e-9);
 * ```
 */
export function geometricAdstock(spend: Float64Array, theta: number, normalize = false): Float64Array {
  return geometricAdstockInto(new Float64Array(spend.length), spend, theta, normalize);
}

/**
 * Geometric adstock written into a caller-owned buffer: `out_t = x_t + θ · out_{t−1}` (times `1 − θ` when
 * `normalize`). The allocation-free form for carryover searches that call it millions of times; `out` may be
 * `spend` itself (in place) or a `subarray` of a larger buffer.
 *
 * The finiteness check costs nothing in the loop: a NaN or infinity in `spend` makes the running carry
 * non-finite for good, so only the final carry is tested and the input is scanned only to name the index. On
 * a throw `out` holds partial results.
 *
 * @param out destination, same length as `spend`
 * @param spend values, oldest first; must be finite
 * @param theta carryover in [0, 1)
 * @param normalize scale by `1 − θ` (default false)
 * @returns `out`
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const out = new Float64Array(3);
 * assertClose(geometricAdstockInto(out, new Float64Array([100, 0, 0]), 0.5), [100, 50, 25], 1e-9); // out
 * ```
 */
export function geometricAdstockInto(
  out: Float64Array,
  spend: Float64Array,
  theta: number,
  normalize = false,
): Float64Array {
  checkTheta(theta);
  const n = spend.length;
  if (out.length !== n) {
    throw new RangeError(`out has length ${out.length}, expected ${n} (the length of spend)`);
  }
  let carry = 0;
  if (normalize) {
    const c = 1 - theta;
    for (let t = 0; t < n; t++) {
      carry = spend[t] + theta * carry;
      out[t] = c * carry;
    }
  } else {
    for (let t = 0; t < n; t++) out[t] = carry = spend[t] + theta * carry;
  }
  if (!Number.isFinite(carry)) throwFirstNonFinite(spend, "spend");
  return out;
}

/**
 * Weeks until the geometric adstock weight `θ^l` of one week's spend falls below `share` of its first week:
 * the smallest `L` with `θ^(L−1) < share` (about `ln share / ln θ + 1`), at most `max` (θ = 0: 2 weeks, the
 * spend week and the one after, where the weight is 0).
 *
 * @param theta carryover in [0, 1)
 * @param share the weight counted as gone (default 0.01)
 * @param max cap in weeks (default 52, a year)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(adstockHorizon(0.5), 8, 0); // 0.5^7 = 0.0078 < 1%, 0.5^6 = 0.0156 not yet
 * assertClose(adstockHorizon(0.99), 52, 0);
 * ```
 */
export function adstockHorizon(theta: number, share = 0.01, max = 52): number {
  if (!(theta >= 0 && theta < 1)) throw new RangeError(`theta must be in [0, 1), got ${theta}`);
  if (!(share > 0 && share < 1)) throw new RangeError(`share must be in (0, 1), got ${share}`);
  // walk the weights (the closed form misplaces the boundary when ln share / ln θ is a whole number)
  let lag = 0, weight = 1;
  while (weight >= share && lag < max) {
    lag++;
    weight *= theta;
  }
  return Math.min(max, lag + 1);
}

/**
 * The impulse response of an adstock: its weights at lags `0..length−1` (the adstock of a unit impulse). For
 * the geometric kernel `θ^l` (times `1 − θ` when normalized); for the finite kernels their weights, cut or
 * padded with zeros to `length`. For plots of carryover curves and for checks.
 *
 * @param spec any adstock spec (validated)
 * @param length number of lags wanted, an integer ≥ 0
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(adstockWeights({ type: "geometric", theta: 0.5 }, 3), [1, 0.5, 0.25], 5e-3);
 * ```
 */
export function adstockWeights(spec: AdstockSpec, length: number): Float64Array {
  if (!(Number.isInteger(length) && length >= 0)) {
    throw new RangeError(`length must be an integer >= 0, got ${length}`);
  }
  if (spec.type === "geometric") {
    const impulse = new Float64Array(length);
    if (length > 0) impulse[0] = 1;
    return geometricAdstock(impulse, spec.theta, spec.normalize ?? false);
  }
  const kernel = kernelWeights(spec);
  const out = new Float64Array(length);
  out.set(kernel.subarray(0, Math.min(length, kernel.length)));
  return out;
}

/**
 * Causal finite convolution of a series with adstock weights: `out_t = Σ_{l=0..min(t, m)} w_l · x_{t−l}` with
 * `m = weights.length − 1` (values before the first row count as zero). Writes into `out` (which must not be
 * `x`) and returns it.
 *
 * @param out destination, same length as `x`, a different buffer
 * @param x values, oldest first; must be finite
 * @param weights weights at lags `0..m`, finite
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(convolveAdstockInto(new Float64Array(3), new Float64Array([1, 0, 0]), new Float64Array([0.5, 0.3])), [0.5, 0.3, 0], 5e-2);
 * ```
 */
export function convolveAdstockInto(out: Float64Array, x: Float64Array, weights: Float64Array): Float64Array {
  const n = x.length;
  if (out.length !== n) throw new RangeError(`out has length ${out.length}, expected ${n} (the length of x)`);
  if (out.buffer === x.buffer && overlaps(out, x)) {
    throw new RangeError("out must not share memory with x for a finite-window adstock");
  }
  checkFinite(x, "x");
  checkFinite(weights, "weights");
  const m = weights.length;
  for (let t = 0; t < n; t++) {
    const top = Math.min(t, m - 1);
    let s = 0;
    for (let l = 0; l <= top; l++) s += weights[l] * x[t - l];
    out[t] = s;
  }
  return out;
}

/**
 * Adstock by spec: one entry point for every kernel (see the module doc for the weights). Returns a new array.
 *
 * @param x spend (or exposure), oldest first, one series (for a panel use `applyByGroup`); must be finite, a
 *   `RangeError` names the first index that is not
 * @param spec plain-data spec, validated (`RangeError` naming the parameter and its domain)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(adstock(new Float64Array([100, 0, 0]), { type: "geometric", theta: 0.5 }), [100, 50, 25], 1e-9);
 * assertClose(adstock(new Float64Array([1, 0, 0, 0]), { type: "delayed", theta: 0.5, delay: 1, maxLag: 2 }), [0.25, 0.5, 0.25, 0], 5e-3);
 * ```
 */
export function adstock(x: Float64Array, spec: AdstockSpec): Float64Array {
  return adstockInto(new Float64Array(x.length), x, spec);
}

/**
 * {@link adstock} into a caller-owned buffer (`out.length === x.length`; `out` may be `x` only for the
 * geometric kernel). Returns `out`.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(adstockInto(new Float64Array(3), new Float64Array([100, 0, 0]), { type: "geometric", theta: 0.5 }), [100, 50, 25], 1e-9);
 * ```
 */
export function adstockInto(out: Float64Array, x: Float64Array, spec: AdstockSpec): Float64Array {
  if (spec.type === "geometric") return geometricAdstockInto(out, x, spec.theta, spec.normalize ?? false);
  return convolveAdstockInto(out, x, kernelWeights(spec));
}

/**
 * Checks an adstock spec's parameters against their domains; throws a `RangeError` naming the parameter.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * let message = "";
 * try {
 *   validateAdstockSpec({ type: "geometric", theta: 1 });
 * } catch (e) {
 *   message = (e as RangeError).message;
 * }
 * assertClose(message, "theta must be in [0, 1), got 1");
 * ```
 */
export function validateAdstockSpec(spec: AdstockSpec): void {
  switch (spec?.type) {
    case "geometric":
      checkTheta(spec.theta);
      if (spec.normalize !== undefined && typeof spec.normalize !== "boolean") {
        throw new RangeError(`normalize must be a boolean, got ${spec.normalize}`);
      }
      return;
    case "weibull_cdf":
    case "weibull_pdf":
      checkWeibull(spec.type, spec.shape, spec.scale, spec.maxLag);
      return;
    case "delayed":
      checkDelayed(spec.theta, spec.delay, spec.maxLag);
      return;
    default:
      throw new RangeError(
        `unknown adstock type ${JSON.stringify((spec as { type?: unknown })?.type)}; ` +
          `expected "geometric", "weibull_cdf", "weibull_pdf" or "delayed"`,
      );
  }
}

function kernelWeights(spec: WeibullAdstockSpec | DelayedAdstockSpec): Float64Array {
  switch (spec.type) {
    case "weibull_cdf":
    case "weibull_pdf":
      return weibullAdstockWeights(spec.type, spec.shape, spec.scale, spec.maxLag);
    case "delayed":
      return delayedAdstockWeights(spec.theta, spec.delay, spec.maxLag);
    default:
      validateAdstockSpec(spec as AdstockSpec); // throws for an unknown type
      throw new RangeError(`unknown adstock spec ${JSON.stringify(spec)}`);
  }
}

function checkTheta(theta: number): void {
  if (!(theta >= 0 && theta < 1)) throw new RangeError(`theta must be in [0, 1), got ${theta}`);
}

function overlaps(a: Float64Array, b: Float64Array): boolean {
  const a0 = a.byteOffset, a1 = a0 + a.byteLength, b0 = b.byteOffset, b1 = b0 + b.byteLength;
  return a0 < b1 && b0 < a1;
}

function throwFirstNonFinite(x: Float64Array, what: string): never {
  checkFinite(x, what);
  throw new RangeError(`${what}: adstock overflowed to a non-finite value (values too large)`);
}
