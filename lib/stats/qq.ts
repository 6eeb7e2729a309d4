/**
 * Normal probability-plot coordinates, as `scipy.stats.probplot`: Filliben's (1975) estimate of the uniform
 * order-statistic medians `m_1 = 1 − 0.5^{1/n}`, `m_i = (i − 0.3175)/(n + 0.365)`, `m_n = 0.5^{1/n}`, mapped
 * through the normal quantile function, against the sorted data; plus the least-squares line through them.
 * Filliben (1975), "The Probability Plot Correlation Coefficient Test for Normality", Technometrics 17(1).
 *
 * @module
 */
import { normalPpf } from "./distributions.ts";

/** Coordinates of a normal Q-Q plot and its fitted line `ordered ≈ intercept + slope · theoretical`. */
export interface QqPoints {
  /** Normal quantiles `Φ⁻¹(m_i)` of Filliben's order-statistic medians, ascending, one per value (x axis). */
  readonly theoretical: Float64Array;
  /** The sample sorted ascending (y axis), paired with `theoretical` by position. */
  readonly ordered: Float64Array;
  /** Least-squares slope of `ordered` on `theoretical`; about the sample's sd for normal data. */
  readonly slope: number;
  /** Least-squares intercept of the line; about the sample's mean for normal data. */
  readonly intercept: number;
  /** Correlation of the points (the probability-plot correlation coefficient). */
  readonly r: number;
}

/**
 * Normal Q-Q coordinates of a sample.
 *
 * @example
 * ```ts
 * qqPoints(new Float64Array([3, 1, 2])).theoretical; // Filliben medians through Φ⁻¹
 * ```
 */
export function qqPoints(x: ArrayLike<number>): QqPoints {
  const n = x.length;
  if (n < 2) throw new RangeError(`a Q-Q plot needs at least 2 values, got ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`x[${i}] is ${x[i]}, expected a finite number`);
  }
  const ordered = Float64Array.from(x).sort();
  const theoretical = new Float64Array(n);
  const last = Math.pow(0.5, 1 / n);
  for (let i = 0; i < n; i++) {
    const m = i === 0 ? 1 - last : i === n - 1 ? last : (i + 1 - 0.3175) / (n + 0.365);
    theoretical[i] = normalPpf(m);
  }
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += theoretical[i];
    my += ordered[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (theoretical[i] - mx) * (ordered[i] - my);
    sxx += (theoretical[i] - mx) ** 2;
    syy += (ordered[i] - my) ** 2;
  }
  const slope = sxy / sxx;
  return { theoretical, ordered, slope, intercept: my - slope * mx, r: sxy / Math.sqrt(sxx * syy) };
}

/**
 * At most `maxPoints` of a Q-Q plot's points, evenly spaced in rank and always including both extremes, so
 * that a plot of thousands of residuals stays small while its tails (where departures from normality show)
 * are kept. The fitted line (`slope`, `intercept`, `r`) is that of all points.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(thinQq(qqPoints(Float64Array.from({ length: 1000 }, (_, i) => i)), 101).ordered.length, 101, 1e-9);
 * ```
 */
export function thinQq(points: QqPoints, maxPoints: number): QqPoints {
  if (!(Number.isInteger(maxPoints) && maxPoints >= 2)) {
    throw new RangeError(`maxPoints must be a whole number >= 2, got ${maxPoints}`);
  }
  const n = points.ordered.length;
  if (n <= maxPoints) return points;
  const pick = Array.from({ length: maxPoints }, (_, i) => Math.round((i * (n - 1)) / (maxPoints - 1)));
  return {
    ...points,
    theoretical: Float64Array.from(pick, (i) => points.theoretical[i]),
    ordered: Float64Array.from(pick, (i) => points.ordered[i]),
  };
}
