/**
 * Scalers fitted on training rows and applied to any rows, as scikit-learn's `StandardScaler` and
 * `RobustScaler` (v1.2). Both are the affine map `z = (x − center) / scale`; the fitted parameters are plain
 * data ({@link ScalerParams}) and {@link applyScaler} / {@link invertScaler} are pure functions of them, so a
 * fitted scaler can be saved as JSON and reused on new data.
 *
 * No leakage: fit on the training rows of a fold only (`rows`), then apply to all rows.
 *
 * Missing values: fitting throws a `RangeError` naming the first non-finite training value (scikit-learn would
 * ignore NaNs in the fit; we prefer to make missing data visible). {@link applyScaler} and
 * {@link invertScaler} are element-wise arithmetic and propagate NaN, as scikit-learn's `transform` does.
 *
 * Constant columns: the scale is set to 1 (scikit-learn's `_handle_zeros_in_scale`), so a constant column
 * becomes all zeros after centering instead of NaN. `StandardScaler` calls a column constant when its variance
 * is within rounding error, `var ≤ n·ε·var + (n·mean·ε)²` (sklearn's `_is_constant_feature`, after Chan, Golub
 * & LeVeque); `RobustScaler` when its interquartile range is below `10ε`.
 *
 * @module
 */

/** Fitted parameters of an affine scaler: `z = (x − center) / scale`. Plain data. */
export interface ScalerParams {
  /** Which scaler fitted them: `"standard"` (mean and standard deviation) or `"robust"` (median and quantile range). */
  readonly kind: "standard" | "robust";
  /** Mean (standard) or median (robust) of the fitting rows; 0 when centering is off. */
  readonly center: number;
  /** Standard deviation with ddof = 0 (standard) or the quantile range (robust); 1 when scaling is off or the
   * column is constant on the fitting rows. */
  readonly scale: number;
  /** Number of fitting rows. */
  readonly nFit: number;
}

/** Options of {@link fitStandardScaler} (scikit-learn's `with_mean`, `with_std`). */
export interface StandardScalerOptions {
  /** Subtract the mean (default true); when false, `center` is 0. */
  readonly withMean?: boolean;
  /** Divide by the standard deviation (default true); when false, `scale` is 1. */
  readonly withStd?: boolean;
}

/** Options of {@link fitRobustScaler} (scikit-learn's `with_centering`, `with_scaling`, `quantile_range`). */
export interface RobustScalerOptions {
  /** Subtract the median (default true); when false, `center` is 0. */
  readonly withCentering?: boolean;
  /** Divide by the quantile range (default true); when false, `scale` is 1. */
  readonly withScaling?: boolean;
  /** Percentiles `[qLow, qHigh]` with `0 ≤ qLow ≤ qHigh ≤ 100` (default `[25, 75]`). */
  readonly quantileRange?: readonly [number, number];
}

const EPS = 2 ** -52;

/**
 * Fits scikit-learn's `StandardScaler`: center = mean, scale = population standard deviation (ddof = 0),
 * `√(Σ(x − x̄)² / n)`, computed with the corrected two-pass formula `(Σd² − (Σd)²/n) / n`, `d = x − x̄`, as
 * sklearn's `_incremental_mean_and_var`. A constant column gets scale 1 (see the module doc).
 *
 * @param x one column
 * @param rows indices of the fitting (training) rows; default all rows. At least one.
 * @param options `withMean` / `withStd` (default true)
 * @example
 * ```ts
 * const p = fitStandardScaler(new Float64Array([1, 2, 3, 100]), [0, 1, 2]); // center 2, scale √(2/3)
 * applyScaler(p, new Float64Array([100])); // [(100 − 2) / √(2/3)]
 * ```
 */
export function fitStandardScaler(
  x: ArrayLike<number>,
  rows?: ArrayLike<number>,
  options: StandardScalerOptions = {},
): ScalerParams {
  const { withMean = true, withStd = true } = options;
  const v = fittingValues(x, rows);
  const n = v.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += v[i];
  const mean = sum / n;
  let correction = 0, squares = 0;
  for (let i = 0; i < n; i++) {
    const d = v[i] - mean;
    correction += d;
    squares += d * d;
  }
  const variance = (squares - (correction * correction) / n) / n;
  const constant = variance <= n * EPS * variance + (n * mean * EPS) ** 2;
  const scale = withStd && !constant ? Math.sqrt(variance) : 1;
  return { kind: "standard", center: withMean ? mean : 0, scale, nFit: n };
}

/**
 * Fits scikit-learn's `RobustScaler`: center = median, scale = `Q(qHigh) − Q(qLow)` (the interquartile range
 * by default), with NumPy's default ("linear", Hyndman & Fan type 7) percentile: for sorted `x_(0..n−1)` and
 * `p = q/100`, `h = (n − 1) p`, `Q = x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋))`. A range below `10ε` gets scale 1.
 *
 * @param x one column
 * @param rows indices of the fitting (training) rows; default all rows. At least one.
 * @param options `withCentering`, `withScaling` (default true), `quantileRange` (default `[25, 75]`)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * // center: the median 3; scale: the interquartile range 4 − 2 (the outlier 100 moves neither)
 * assertClose(fitRobustScaler(new Float64Array([1, 2, 3, 4, 100])), { center: 3, scale: 2 }, 1e-12);
 * ```
 */
export function fitRobustScaler(
  x: ArrayLike<number>,
  rows?: ArrayLike<number>,
  options: RobustScalerOptions = {},
): ScalerParams {
  const { withCentering = true, withScaling = true, quantileRange = [25, 75] } = options;
  const [qLow, qHigh] = quantileRange;
  if (!(qLow >= 0 && qLow <= qHigh && qHigh <= 100)) {
    throw new RangeError(`quantileRange must satisfy 0 <= qLow <= qHigh <= 100, got [${qLow}, ${qHigh}]`);
  }
  const sorted = fittingValues(x, rows).sort();
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  let scale = 1;
  if (withScaling) {
    const range = percentileSorted(sorted, qHigh) - percentileSorted(sorted, qLow);
    scale = range < 10 * EPS ? 1 : range;
  }
  return { kind: "robust", center: withCentering ? median : 0, scale, nFit: n };
}

/**
 * Percentile of an ascending-sorted sample with linear interpolation (NumPy's default `method="linear"`):
 * `h = (n − 1) · q/100`, interpolated between the neighbours as NumPy's `_lerp` does (from the upper neighbour
 * when the fraction is ≥ 0.5, for bit-for-bit agreement).
 *
 * @param sorted ascending, finite, non-empty
 * @param q percentile in [0, 100]
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(percentileSorted(new Float64Array([1, 2, 3, 4]), 25), 1.75, 5e-3);
 * ```
 */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 100)) throw new RangeError(`percentile must be in [0, 100], got ${q}`);
  const n = sorted.length;
  if (n === 0) throw new RangeError("percentile of an empty sample");
  const h = (n - 1) * (q / 100);
  const lo = Math.floor(h);
  const g = h - lo;
  if (lo + 1 >= n) return sorted[n - 1];
  const a = sorted[lo], b = sorted[lo + 1];
  const diff = b - a;
  return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
}

/**
 * Applies a fitted scaler: `z = (x − center) / scale`, element-wise (NaN propagates). Returns a new array.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(applyScaler({ kind: "standard", center: 2, scale: 4, nFit: 3 }, new Float64Array([10])), [2], 1e-9);
 * ```
 */
export function applyScaler(params: ScalerParams, x: ArrayLike<number>): Float64Array {
  checkParams(params);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = (x[i] - params.center) / params.scale;
  return out;
}

/**
 * Undoes a fitted scaler: `x = z · scale + center`, element-wise. `invertScaler(p, applyScaler(p, x))`
 * returns `x` up to rounding.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(invertScaler({ kind: "standard", center: 2, scale: 4, nFit: 3 }, new Float64Array([2])), [10], 1e-9);
 * ```
 */
export function invertScaler(params: ScalerParams, z: ArrayLike<number>): Float64Array {
  checkParams(params);
  const out = new Float64Array(z.length);
  for (let i = 0; i < z.length; i++) out[i] = z[i] * params.scale + params.center;
  return out;
}

function checkParams(p: ScalerParams): void {
  if (!(Number.isFinite(p.center) && Number.isFinite(p.scale) && p.scale > 0)) {
    throw new RangeError(
      `scaler needs a finite center and a finite scale > 0, got center ${p.center}, scale ${p.scale}`,
    );
  }
}

function fittingValues(x: ArrayLike<number>, rows?: ArrayLike<number>): Float64Array {
  const n = rows === undefined ? x.length : rows.length;
  if (n === 0) throw new RangeError("a scaler needs at least one fitting row");
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows === undefined ? i : rows[i];
    if (!(Number.isInteger(r) && r >= 0 && r < x.length)) {
      throw new RangeError(`fitting row ${r} is outside 0..${x.length - 1}`);
    }
    const value = x[r];
    if (!Number.isFinite(value)) {
      throw new RangeError(
        `x[${r}] is ${value}; scalers are fitted on finite values (fill missing values first)`,
      );
    }
    v[i] = value;
  }
  return v;
}
