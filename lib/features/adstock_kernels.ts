/**
 * The finite-window adstock kernels' weights: Robyn's Weibull weights (CDF and PDF, with its window-relative
 * scale) and the delayed (peaked) weights of Jin et al. (2017), with the checks of their parameters. The
 * kernels are applied by `adstock` (`adstock.ts`), which re-exports this module.
 *
 * @module
 */

import { checkInteger } from "./_check.ts";

/**
 * Weibull adstock weights exactly as Robyn's `adstock_weibull` defines them, for lags `l = 0..maxLag`
 * (Robyn's window length `windlen = maxLag + 1`; Robyn uses `windlen = length(x)`, i.e. `maxLag = n − 1`).
 *
 * 1. The scale is a fraction of the window: `λ' = round(quantile(1:L, scale))` with `L = maxLag + 1`, R's
 *    default (type 7) quantile `1 + scale · (L − 1)`, rounded half to even as R's `round` does.
 * 2. `weibull_cdf`: with survival `S(j) = 1 − F(j; k, λ') = exp(−(j/λ')^k)`, the weights are the cumulative
 *    product `w_0 = 1`, `w_l = ∏_{j=1..l} S(j)` (Robyn: `cumprod(c(1, 1 - pweibull(1:(L-1), shape, λ')))`).
 *    So the decay *rate* between lags `l−1` and `l` is `1 − S(l)`, varying with the lag; `w_0 = 1` always.
 *    (The weight is this cumulative product, as in Robyn's source, not the survival `S(l)` itself.)
 * 3. `weibull_pdf`: with density `f(x; k, λ') = (k/λ')(x/λ')^{k−1} exp(−(x/λ')^k)` evaluated at `x = l + 1`,
 *    the weights are min–max normalized, `w_l = (f(l+1) − min f) / (max f − min f)` (so the largest weight is
 *    1 and the smallest 0; Robyn's `.normalize`), and `w = (1, 0, …, 0)` when all `f` are equal. A shape
 *    above 1 puts the peak after lag 0 (a delayed effect).
 * 4. `shape = 0` or `scale = 0` gives no transformation (`w = (1, 0, …, 0)`), as in Robyn.
 *
 * The density is computed in log space so that large shapes give 0, not `∞ · 0 = NaN`.
 *
 * @param type `"weibull_cdf"` or `"weibull_pdf"`
 * @param shape Weibull shape `k`, finite, ≥ 0 (Robyn's recommended bounds: CDF [0.0001, 2], PDF [0.0001, 10])
 * @param scale fraction of the window in [0, 1] (Robyn recommends [0, 0.1])
 * @param maxLag integer ≥ 0
 * @example
 * ```ts
 * // λ' = round(1 + 0.5 · 4) = 3, S(j) = exp(−j/3): weights [1, e^{-1/3}, e^{-1}, e^{-2}, e^{-10/3}]
 * weibullAdstockWeights("weibull_cdf", 1, 0.5, 4);
 * ```
 */
export function weibullAdstockWeights(
  type: "weibull_cdf" | "weibull_pdf",
  shape: number,
  scale: number,
  maxLag: number,
): Float64Array {
  checkWeibull(type, shape, scale, maxLag);
  const L = maxLag + 1;
  const w = new Float64Array(L);
  if (shape === 0 || scale === 0) {
    w[0] = 1;
    return w;
  }
  const lambda = robynScaleTrans(scale, L);
  if (type === "weibull_cdf") {
    w[0] = 1;
    for (let l = 1; l < L; l++) w[l] = w[l - 1] * Math.exp(-Math.pow(l / lambda, shape));
    return w;
  }
  let min = Infinity, max = -Infinity;
  for (let l = 0; l < L; l++) {
    const z = (l + 1) / lambda;
    const f = Math.exp(Math.log(shape / lambda) + (shape - 1) * Math.log(z) - Math.pow(z, shape));
    w[l] = f;
    if (f < min) min = f;
    if (f > max) max = f;
  }
  if (!(max - min > 0)) {
    w.fill(0);
    w[0] = 1;
    return w;
  }
  for (let l = 0; l < L; l++) w[l] = (w[l] - min) / (max - min);
  return w;
}

/**
 * Robyn's window-relative Weibull scale `λ' = round(quantile(1:L, scale))`: R's type-7 quantile of `1..L`
 * (`1 + scale · (L − 1)`, computed as R does) rounded half to even.
 *
 * @param scale fraction in [0, 1]
 * @param windowLength `L ≥ 1`
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(robynScaleTrans(0.5, 5), 3, 1e-9);
 * ```
 */
export function robynScaleTrans(scale: number, windowLength: number): number {
  if (!(scale >= 0 && scale <= 1)) throw new RangeError(`scale must be in [0, 1], got ${scale}`);
  if (!(Number.isInteger(windowLength) && windowLength >= 1)) {
    throw new RangeError(`window length must be an integer >= 1, got ${windowLength}`);
  }
  const index = 1 + (windowLength - 1) * scale;
  const lo = Math.floor(index);
  const h = index - lo;
  const q = h > 0 ? (1 - h) * lo + h * (lo + 1) : lo;
  return roundHalfEven(q);
}

/**
 * Delayed (peaked) adstock weights of Jin et al. (2017), eq. (3): `w_l = θ^{(l − δ)²}` for `l = 0..maxLag`,
 * divided by their sum so that they add up to 1 (their eq. (1) divides the weighted sum by `Σ w`). The
 * weight peaks at the lag nearest `δ`.
 *
 * @param theta retention rate in (0, 1)
 * @param delay peak delay `δ` in [0, maxLag]
 * @param maxLag integer ≥ 0 (Jin et al.'s `L − 1`; they use `L = 13` weeks)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(delayedAdstockWeights(0.5, 1, 2), [0.25, 0.5, 0.25], 5e-3); // [0.5, 1, 0.5] / 2
 * ```
 */
export function delayedAdstockWeights(theta: number, delay: number, maxLag: number): Float64Array {
  checkDelayed(theta, delay, maxLag);
  const w = new Float64Array(maxLag + 1);
  let sum = 0;
  for (let l = 0; l <= maxLag; l++) sum += w[l] = Math.pow(theta, (l - delay) * (l - delay));
  for (let l = 0; l <= maxLag; l++) w[l] /= sum;
  return w;
}

function checkMaxLag(maxLag: number): void {
  checkInteger(maxLag, "maxLag");
}

/** Checks Weibull adstock parameters against their domains; throws a `RangeError` naming the parameter. */
export function checkWeibull(type: string, shape: number, scale: number, maxLag: number): void {
  if (type !== "weibull_cdf" && type !== "weibull_pdf") {
    throw new RangeError(
      `Weibull adstock type must be "weibull_cdf" or "weibull_pdf", got ${JSON.stringify(type)}`,
    );
  }
  if (!(shape >= 0 && Number.isFinite(shape))) {
    throw new RangeError(`shape must be finite and >= 0, got ${shape}`);
  }
  if (!(scale >= 0 && scale <= 1)) {
    throw new RangeError(`scale must be in [0, 1] (a fraction of the window), got ${scale}`);
  }
  checkMaxLag(maxLag);
}

/** Checks delayed adstock parameters against their domains; throws a `RangeError` naming the parameter. */
export function checkDelayed(theta: number, delay: number, maxLag: number): void {
  if (!(theta > 0 && theta < 1)) {
    throw new RangeError(`theta must be in (0, 1) for delayed adstock, got ${theta}`);
  }
  checkMaxLag(maxLag);
  if (!(delay >= 0 && delay <= maxLag)) {
    throw new RangeError(`delay must be in [0, maxLag] = [0, ${maxLag}], got ${delay}`);
  }
}

function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
