/**
 * Saturation (diminishing returns) curves and their derivatives, one entry point each: {@link saturate} and
 * {@link saturationDerivative}, taking a plain-data {@link SaturationSpec}.
 *
 * | type       | `s(x)`                               | `s'(x)`                                   | domain of x |
 * |------------|--------------------------------------|-------------------------------------------|-------------|
 * | `hill`     | `x^a / (x^a + K^a)`                  | `a · x^{a−1} K^a / (x^a + K^a)²`           | x ≥ 0       |
 * | `log1p`    | `log(1 + x / c)`                     | `1 / (c + x)`                             | x ≥ 0       |
 * | `sqrt`     | `√x`                                 | `1 / (2√x)` (`+∞` at 0)                   | x ≥ 0       |
 * | `logistic` | `1 / (1 + exp(−k (x − x₀)))`         | `k · s(x) · (1 − s(x))`                   | any finite  |
 *
 * Hill's half-saturation `K` is in the units of `x` (spend, or adstocked spend): `s(K) = 1/2`. This is the
 * Hill function of Jin et al. (2017), eq. (4) (`K` = their `K`, `a` = their `S`), and Robyn's
 * `saturation_hill` with `alpha = a` and its inflexion `(1 − γ) min(x) + γ max(x)` = `K` (see
 * {@link hillHalfSaturationFromGamma}).
 *
 * Missing or out-of-domain values throw a `RangeError` naming the index: a NaN response would silently drop
 * out of sums of contributions.
 *
 * @module
 */

/** Hill curve `x^a / (x^a + K^a)`. */
export interface HillSaturationSpec {
  /** Discriminant of {@link SaturationSpec}: the Hill curve. */
  readonly type: "hill";
  /** Half-saturation point `K > 0`, in the units of `x`: `s(K) = 0.5`. */
  readonly halfSaturation: number;
  /** Shape (slope) `a > 0`: 1 is concave (C-shaped), above 1 S-shaped. */
  readonly shape: number;
}

/** `log(1 + x / scale)`. */
export interface Log1pSaturationSpec {
  /** Discriminant of {@link SaturationSpec}: the log curve `log(1 + x / scale)`. */
  readonly type: "log1p";
  /** Scale `c > 0`, in the units of `x`. */
  readonly scale: number;
}

/** `√x`. */
export interface SqrtSaturationSpec {
  /** Discriminant of {@link SaturationSpec}: the square root, which has no parameter. */
  readonly type: "sqrt";
}

/** Logistic curve `1 / (1 + exp(−k (x − x₀)))`. */
export interface LogisticSaturationSpec {
  /** Discriminant of {@link SaturationSpec}: the logistic (S-shaped) curve. */
  readonly type: "logistic";
  /** Steepness `k > 0`, per unit of `x`. */
  readonly steepness: number;
  /** Midpoint `x₀` (finite): `s(x₀) = 0.5`. */
  readonly midpoint: number;
}

/** Any saturation curve, as plain data (JSON-serializable), discriminated by `type`. */
export type SaturationSpec =
  | HillSaturationSpec
  | Log1pSaturationSpec
  | SqrtSaturationSpec
  | LogisticSaturationSpec;

/**
 * Applies a saturation curve element-wise (see the module doc for the formulas). Returns a new array.
 *
 * @param x values in the curve's domain (finite; ≥ 0 except for `logistic`); a `RangeError` names the first
 *   index outside it
 * @param spec curve and parameters, validated
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(saturate(new Float64Array([0, 50, 100]), { type: "hill", halfSaturation: 50, shape: 1 }), [0, 0.5, 2/3], 1e-9);
 * ```
 */
export function saturate(x: ArrayLike<number>, spec: SaturationSpec): Float64Array {
  validateSaturationSpec(spec);
  checkDomain(x, spec);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = curve(x[i], spec);
  return out;
}

/**
 * The derivative `ds/dx` of a saturation curve element-wise: the marginal response per extra unit of `x`
 * (for marginal ROI). See the module doc for the formulas. At `x = 0`: Hill gives `+∞` for `a < 1`, `1/K`
 * for `a = 1`, `0` for `a > 1`; `sqrt` gives `+∞`.
 *
 * @param x values in the curve's domain (as for {@link saturate})
 * @param spec curve and parameters, validated
 * @example
 * ```ts
 * saturationDerivative(new Float64Array([50]), { type: "hill", halfSaturation: 50, shape: 2 }); // [2·50·50² / (2·50²)² = 0.01]
 * ```
 */
export function saturationDerivative(x: ArrayLike<number>, spec: SaturationSpec): Float64Array {
  validateSaturationSpec(spec);
  checkDomain(x, spec);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = derivative(x[i], spec);
  return out;
}

/**
 * {@link saturate} for a single value (for response curves and optimizers).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(saturationAt(50, { type: "hill", halfSaturation: 50, shape: 3 }), 0.5, 5e-2);
 * ```
 */
export function saturationAt(x: number, spec: SaturationSpec): number {
  validateSaturationSpec(spec);
  checkDomain([x], spec);
  return curve(x, spec);
}

/**
 * {@link saturationDerivative} for a single value.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(saturationDerivativeAt(3, { type: "log1p", scale: 1 }), 0.25, 5e-3); // 1 / (1 + 3)
 * ```
 */
export function saturationDerivativeAt(x: number, spec: SaturationSpec): number {
  validateSaturationSpec(spec);
  checkDomain([x], spec);
  return derivative(x, spec);
}

/**
 * Robyn's Hill inflexion, which plays the role of the half-saturation `K`: `K = (1 − γ) · min(x) + γ · max(x)`,
 * a point between the smallest and largest (adstocked) value (Robyn `saturation_hill`, v3.10+).
 *
 * @param x the (adstocked) series the curve is fitted on; finite, non-empty
 * @param gamma in [0, 1]
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(hillHalfSaturationFromGamma(new Float64Array([0, 10, 200]), 0.25), 50, 1e-9);
 * ```
 */
export function hillHalfSaturationFromGamma(x: ArrayLike<number>, gamma: number): number {
  if (!(gamma >= 0 && gamma <= 1)) throw new RangeError(`gamma must be in [0, 1], got ${gamma}`);
  if (x.length === 0) throw new RangeError("x is empty; the inflexion needs at least one value");
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) throw new RangeError(`x[${i}] is ${v}; expected a finite number`);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return (1 - gamma) * min + gamma * max;
}

/**
 * Checks a saturation spec's parameters against their domains; throws a `RangeError` naming the parameter.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * let message = "";
 * try {
 *   validateSaturationSpec({ type: "hill", halfSaturation: 0, shape: 1 });
 * } catch (e) {
 *   message = (e as RangeError).message;
 * }
 * assertClose(message, "halfSaturation must be finite and > 0, got 0");
 * ```
 */
export function validateSaturationSpec(spec: SaturationSpec): void {
  switch (spec?.type) {
    case "hill":
      positive(spec.halfSaturation, "halfSaturation");
      positive(spec.shape, "shape");
      return;
    case "log1p":
      positive(spec.scale, "scale");
      return;
    case "sqrt":
      return;
    case "logistic":
      positive(spec.steepness, "steepness");
      if (!Number.isFinite(spec.midpoint)) {
        throw new RangeError(`midpoint must be finite, got ${spec.midpoint}`);
      }
      return;
    default:
      throw new RangeError(
        `unknown saturation type ${JSON.stringify((spec as { type?: unknown })?.type)}; ` +
          `expected "hill", "log1p", "sqrt" or "logistic"`,
      );
  }
}

function positive(v: number, name: string): void {
  if (!(v > 0 && Number.isFinite(v))) throw new RangeError(`${name} must be finite and > 0, got ${v}`);
}

function checkDomain(x: ArrayLike<number>, spec: SaturationSpec): void {
  const nonNegative = spec.type !== "logistic";
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) {
      throw new RangeError(
        `x[${i}] is ${v}; ${spec.type} saturation needs finite values (fill missing values first)`,
      );
    }
    if (nonNegative && v < 0) {
      throw new RangeError(`x[${i}] is ${v}; ${spec.type} saturation needs x >= 0`);
    }
  }
}

function curve(x: number, spec: SaturationSpec): number {
  switch (spec.type) {
    case "hill": {
      if (x === 0) return 0;
      // 1 / (1 + (K/x)^a): no overflow of x^a for large x.
      return 1 / (1 + Math.pow(spec.halfSaturation / x, spec.shape));
    }
    case "log1p":
      return Math.log1p(x / spec.scale);
    case "sqrt":
      return Math.sqrt(x);
    case "logistic": {
      const z = spec.steepness * (x - spec.midpoint);
      if (z >= 0) return 1 / (1 + Math.exp(-z));
      const e = Math.exp(z);
      return e / (1 + e);
    }
  }
}

function derivative(x: number, spec: SaturationSpec): number {
  switch (spec.type) {
    case "hill": {
      const a = spec.shape, K = spec.halfSaturation;
      const u = x === 0 ? Infinity : Math.pow(K / x, a); // (K/x)^a
      if (u === Infinity) return a > 1 ? 0 : a === 1 ? 1 / K : Infinity; // limit at x → 0
      // a x^{a−1} K^a / (x^a + K^a)² = a u / (x (1 + u)²)
      return (a * u) / (x * (1 + u) * (1 + u));
    }
    case "log1p":
      return 1 / (spec.scale + x);
    case "sqrt":
      return 0.5 / Math.sqrt(x);
    case "logistic": {
      const z = spec.steepness * (x - spec.midpoint);
      // k s (1 − s) = k / ((1 + e^{−z}) (1 + e^{z}))
      return spec.steepness / ((1 + Math.exp(-z)) * (1 + Math.exp(z)));
    }
  }
}

/** A typical active level of a channel, the scale Hill half-saturation candidates are multiples of. */
export interface SaturationScale {
  /** Median over the weeks with positive volume (> 0). */
  readonly scale: number;
  /** Weeks with positive volume. */
  readonly activeWeeks: number;
  /** Weeks in all. */
  readonly weeks: number;
}

/**
 * The scale for a channel's Hill half-saturation candidates: the **median over the weeks with positive
 * volume**, `median{x_t : x_t > 0}`.
 *
 * Why not the median over all weeks: Hill's `K` is the volume at which the response reaches half its ceiling,
 * so candidates should sit at a typical level of activity. For a channel active in every week the two medians
 * are the same. For a channel active in a minority of weeks (emails sent once a month) the all-weeks median is
 * 0, and `K = 0` is not a Hill curve: `x^a / (x^a + 0)` is 1 for every positive `x`, an on/off dummy. The
 * median of the active weeks is the typical send when there is a send, and is never 0. The median rather than
 * the mean, because spend distributions are skewed and one burst week would move the mean.
 *
 * @param x volumes (spend or sends), finite and ≥ 0
 * @throws RangeError when no week has positive volume (an all-zero channel has no curve to fit: drop it) or a
 *   value is negative or not finite
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(saturationScale(new Float64Array([0, 0, 0, 4, 6])), { scale: 5, activeWeeks: 2, weeks: 5 }, 1e-9);
 * ```
 */
export function saturationScale(x: ArrayLike<number>): SaturationScale {
  const active: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!(Number.isFinite(v) && v >= 0)) {
      throw new RangeError(`x[${i}] is ${v}; a saturation scale needs finite volumes >= 0`);
    }
    if (v > 0) active.push(v);
  }
  if (active.length === 0) {
    throw new RangeError(`no week has positive volume (all ${x.length} are 0): there is no curve to fit`);
  }
  active.sort((a, b) => a - b);
  const m = active.length >> 1;
  const scale = active.length % 2 ? active[m] : (active[m - 1] + active[m]) / 2;
  return { scale, activeWeeks: active.length, weeks: x.length };
}
