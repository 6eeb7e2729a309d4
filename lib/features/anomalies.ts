/**
 * Anomalous weeks in an outcome series (outages, double-counted data), found from the series alone.
 *
 * A Hampel-type filter (Hampel 1974; Pearson 2002, "Outliers in process modeling and identification", IEEE
 * TCST 10(1)): each value is compared with the median of a centered window around it,
 * `r_t = y_t − median(y_{t−h..t+h})`, and flagged when `|r_t| > threshold · σ̂`, with the robust scale
 * `σ̂ = 1.4826 · median(|r − median(r)|)` taken over the whole series (a per-window MAD from five points is too
 * noisy for weekly data). The window shrinks at the ends. On panels apply it per geo.
 *
 * @module
 */

/** One flagged row. */
export interface Anomaly {
  readonly index: number;
  readonly value: number;
  /** The local median the value is compared with. */
  readonly expected: number;
  /** `(value − expected) / σ̂`. */
  readonly z: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Flags rows that sit far from their neighbours (see module doc).
 *
 * @param y series in time order, finite
 * @param options `halfWindow` h (default 2: a 5-week window), `threshold` in robust standard deviations (default 5)
 * @example
 * findAnomalies(new Float64Array([10, 11, 10, 50, 10, 11, 10])).map((a) => a.index); // [3]
 */
export function findAnomalies(
  y: ArrayLike<number>,
  options: { halfWindow?: number; threshold?: number } = {},
): Anomaly[] {
  const { halfWindow = 2, threshold = 5 } = options;
  if (!(Number.isInteger(halfWindow) && halfWindow >= 1)) {
    throw new RangeError(`halfWindow must be an integer >= 1, got ${halfWindow}`);
  }
  if (!(threshold > 0)) throw new RangeError(`threshold must be positive, got ${threshold}`);
  const n = y.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) throw new RangeError(`y[${i}] is ${y[i]}, expected a finite number`);
  }
  if (n < 2 * halfWindow + 1) return [];
  const expected = new Float64Array(n);
  const residual: number[] = [];
  for (let t = 0; t < n; t++) {
    const window: number[] = [];
    for (let s = Math.max(0, t - halfWindow); s <= Math.min(n - 1, t + halfWindow); s++) window.push(y[s]);
    expected[t] = median(window);
    residual.push(y[t] - expected[t]);
  }
  const center = median(residual);
  const scale = 1.4826 * median(residual.map((r) => Math.abs(r - center)));
  if (!(scale > 0)) return [];
  const out: Anomaly[] = [];
  for (let t = 0; t < n; t++) {
    const z = residual[t] / scale;
    if (Math.abs(z) > threshold) out.push({ index: t, value: y[t], expected: expected[t], z });
  }
  return out;
}
