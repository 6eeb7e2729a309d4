/**
 * Anomalous weeks in an outcome series (outages, double-counted data), found from the series alone.
 *
 * A Hampel-type filter (Hampel 1974; Pearson 2002, "Outliers in process modeling and identification", IEEE
 * TCST 10(1)): each value is compared with the median of a centered window around it,
 * `r_t = y_t − median(y_{t−h..t+h})`, and flagged when `|r_t| > threshold · σ̂`, with the robust scale
 * `σ̂ = 1.4826 · median(|r − median(r)|)` taken over the whole series (a per-window MAD from five points is too
 * noisy for weekly data). The window shrinks at the ends. On panels apply it per geo.
 *
 * `findAnomalies` is the raw filter. `screenAnomalies` is what decides which weeks to leave out of a fit: a
 * data error is an isolated week, so it keeps only flags that are isolated (runs of at most 2 weeks), not part
 * of a regime (`lib/explore/regimes.ts`: the other mode of a bimodal series, the edge of a level shift), and it
 * flags nothing when more than 5% of weeks would be flagged — then the series has regimes or heavy tails, and
 * dropping those weeks would drop the signal, not errors. It also keeps in the fit flags whose window is cut
 * by the series' start or end, and flags a modelled driver (a promotion) can explain.
 *
 * @module
 */
import { describeTargetShape, type TargetShape } from "../stats/regimes.ts";

/** One flagged row. */
export interface Anomaly {
  /** Row index of the flagged value in the series (0-based, time order). */
  readonly index: number;
  /** The series value at that row. */
  readonly value: number;
  /** The local median the value is compared with. */
  readonly expected: number;
  /** `(value − expected) / σ̂`. */
  readonly z: number;
}

/** A robust z with two decimals and a Unicode minus ("5.04", "−6.12"). */
function zText(z: number): string {
  return `${z < 0 ? "−" : ""}${Math.abs(z).toFixed(2)}`;
}

/**
 * Fewest weeks with a driver on from which its typical excess (the median residual) is taken; with fewer, a
 * flagged week with it on is always kept (three points are the fewest whose median ignores one outlier).
 */
const MIN_DRIVER_WEEKS = 3;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The Hampel filter's pieces: each week's local median (window truncated at the ends), its residual, and the
 * robust scale `1.4826 · MAD` of all residuals; null when the series is shorter than one window or the scale
 * is zero.
 */
function hampelResiduals(
  y: ArrayLike<number>,
  halfWindow: number,
): { expected: Float64Array; residual: number[]; scale: number } | null {
  const n = y.length;
  if (n < 2 * halfWindow + 1) return null;
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
  return scale > 0 ? { expected, residual, scale } : null;
}

/**
 * Flags rows that sit far from their neighbours (see module doc).
 *
 * @param y series in time order, finite
 * @param options `halfWindow` h (default 2: a 5-week window), `threshold` in robust standard deviations (default 5)
 * @example
 * ```ts ignore
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(findAnomalies(new Float64Array([10, 11, 10, 50, 10, 11, 10])).map((a) => a.index), [3], 1e-9);
 * ```
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
  const h = hampelResiduals(y, halfWindow);
  if (h === null) return [];
  const { expected, residual, scale } = h;
  const out: Anomaly[] = [];
  for (let t = 0; t < n; t++) {
    const z = residual[t] / scale;
    if (Math.abs(z) > threshold) out.push({ index: t, value: y[t], expected: expected[t], z });
  }
  return out;
}

/** Why a flagged week was not kept by `screenAnomalies`. */
export interface ExcludedFlag {
  /** Row index of the flagged week in the series (0-based), as in `Anomaly.index`. */
  readonly index: number;
  /**
   * "edge": the week's window is cut by the series' start or end; "driver": a modelled driver (a promotion
   * flag) is on that week; the others are regimes (see `screenAnomalies`).
   */
  readonly reason: "edge" | "driver" | "run" | "other mode" | "level shift edge";
  /** For "driver": the drivers on that week. */
  readonly drivers?: readonly string[];
}

/** `screenAnomalies`' result. */
export interface AnomalyScreen {
  /** The weeks to leave out as likely data errors (possibly none). */
  readonly anomalies: Anomaly[];
  /** Everything the Hampel filter flagged (`findAnomalies`). */
  readonly candidates: Anomaly[];
  /** Flags not kept, with the reason. */
  readonly excluded: readonly ExcludedFlag[];
  /** Why no week is left out although some were flagged (too many flags, or a series too short); absent otherwise. */
  readonly skipped?: string;
  /** The most weeks that may be left out, `floor(maxShare · n)`. */
  readonly cap: number;
  /** Share of the series' absolute total held by the weeks left out. */
  readonly shareOfTarget: number;
  /** The target's shape, when it was examined (series of at least 8 weeks). */
  readonly shape?: TargetShape;
  /** The rule, for the notebook to print. */
  readonly rule: string;
  /** A true sentence about what was left out and why. */
  readonly sentence: string;
}

/** Options of `screenAnomalies`. */
export interface ScreenAnomalyOptions {
  /** Half window h of the Hampel filter (default 2: 5 weeks). */
  readonly halfWindow?: number;
  /** Robust z beyond which a week is flagged (default 5). */
  readonly threshold?: number;
  /** Largest share of weeks that may be left out (default 0.05). */
  readonly maxShare?: number;
  /** Longest run of consecutive flagged weeks that is still an error, not a regime (default 2). */
  readonly maxRun?: number;
  /**
   * Modelled on/off drivers (a promotion flag), by name: a flagged week where any is non-zero is kept in the
   * fit, since the model's regressor can explain its excess (default none).
   */
  readonly drivers?: Readonly<Record<string, ArrayLike<number>>>;
  /** ISO dates of the weeks, to name them in the sentence (default: week numbers, from 1). */
  readonly dates?: readonly string[];
}

/**
 * The weeks to leave out of a fit as likely data errors: the Hampel filter's flags (`findAnomalies`), kept
 * only when they are isolated errors rather than part of the series' structure.
 *
 * 0. **A full window.** A week closer than `h` weeks to the series' start or end is compared with a truncated
 *    window (week 2 with `h = 2`: four weeks, itself included, so the median is the mean of two middle values,
 *    one possibly its own), and with neighbours on one side only a trend or a level change at the edge cannot
 *    be told from an error; the Hampel filter's robust scale and threshold assume the full `2h + 1` window.
 *    Such flags are kept in the fit (reason "edge") and said.
 * 1. **At most `maxShare` (5%) of the weeks.** If more are flagged, none is left out and `skipped` says why.
 *    With the defaults (5-week window, 5 robust standard deviations) the filter flags about 0.25% of weeks of
 *    independent Gaussian noise and about 2% of Student-t noise with 3 degrees of freedom, heavier-tailed than
 *    weekly sales usually are (simulated: 2,000 series of 104 weeks each); outages and double counts are
 *    occasional (5% of 104 weeks is 5 weeks, more than one a quarter). More flags than that mean heavy tails or
 *    regimes — genuine weeks — and leaving them out would remove the signal. Series shorter than 20 weeks
 *    (cap 0) are left whole.
 * 2. **Runs of at most `maxRun` (2) consecutive flagged weeks.** A longer run is a regime, not an error.
 * 3. **Not a regime** (`describeTargetShape`): in a bimodal series, a week flagged because it sits in the
 *    other mode from its neighbours is a regime switch; in a series with level shifts, a week whose window
 *    straddles a changepoint is compared with a median from both levels, so its flag is not kept.
 * 4. **Not explained by a modelled driver.** The screen exists to catch data errors that the model's
 *    regressors cannot explain; a flagged week with a promotion (any of `drivers`) on may be the promotion's
 *    own lift, which the model estimates from exactly such weeks, and dropping it would bias that effect
 *    toward zero. So the driver's typical excess — the median Hampel residual over the weeks it is on (at
 *    least 3) — is taken off the week's residual first: `z' = (r_t − Σ_d lift_d) / σ̂`. A week with
 *    `|z'| ≤ threshold` is kept in the fit (reason "driver") and said; one still beyond it (a double count in a
 *    promotion week) remains a data error. With fewer than 3 weeks on, every such flag is kept.
 *
 * The sentence names the weeks left out with their robust z to two decimals (so a z just above the threshold
 * does not read as equal to it).
 *
 * @param y series in time order, finite
 * @param options see `ScreenAnomalyOptions`
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const y = Float64Array.from({ length: 40 }, (_, i) => 100 + (i % 5));
 * y[20] = 400;
 * assertClose(screenAnomalies(y).anomalies.map((a) => a.index), [20], 1e-9);
 * ```
 */
export function screenAnomalies(y: ArrayLike<number>, options: ScreenAnomalyOptions = {}): AnomalyScreen {
  const { halfWindow = 2, threshold = 5, maxShare = 0.05, maxRun = 2 } = options;
  const drivers = Object.entries(options.drivers ?? {});
  for (const [name, x] of drivers) {
    if (x.length !== y.length) {
      throw new RangeError(`driver "${name}" has ${x.length} weeks, the series ${y.length}`);
    }
  }
  if (options.dates !== undefined && options.dates.length !== y.length) {
    throw new RangeError(`dates has ${options.dates.length} weeks, the series ${y.length}`);
  }
  const weekName = (i: number) => options.dates?.[i] ?? `week ${i + 1}`;
  if (!(maxShare >= 0 && maxShare < 1)) throw new RangeError(`maxShare must be in [0, 1), got ${maxShare}`);
  if (!(Number.isInteger(maxRun) && maxRun >= 1)) {
    throw new RangeError(`maxRun must be an integer >= 1, got ${maxRun}`);
  }
  const candidates = findAnomalies(y, { halfWindow, threshold });
  const n = y.length;
  const cap = Math.floor(maxShare * n);
  const pctText = (x: number) => `${+(x * 100).toFixed(1)}%`;
  const rule =
    `A week is left out as a likely data error only when it is isolated: more than ${threshold} robust ` +
    `standard deviations from the median of the full ${
      2 * halfWindow + 1
    }-week window around it (so not among the first or last ${halfWindow} weeks), ${
      drivers.length > 0
        ? `beyond what a week with ${drivers.map(([d]) => d).join(" or ")} on typically adds, `
        : ""
    }in a run of at most ` +
    `${maxRun} such weeks, not a switch between the modes of a bimodal series nor next to a level shift, and only ` +
    `when such weeks are at most ${
      pctText(maxShare)
    } of the series (${cap} of ${n} weeks); with more flags than ` +
    `that, no week is left out.`;
  let absTotal = 0;
  for (let i = 0; i < n; i++) absTotal += Math.abs(y[i]);
  const shareOf = (rows: readonly Anomaly[]) =>
    absTotal > 0 ? rows.reduce((s, a) => s + Math.abs(a.value), 0) / absTotal : 0;
  const shape = n >= 8 ? describeTargetShape(y) : undefined;

  if (candidates.length > cap) {
    const held = shareOf(candidates);
    const skipped = cap === 0 && n < 20
      ? `the series has only ${n} weeks, too few to tell an isolated error from the tail of the distribution`
      : `${candidates.length} of ${n} weeks (${pctText(candidates.length / n)}, holding ${
        pctText(held)
      } of the ` +
        `series' total) sit more than ${threshold} robust standard deviations from their neighbours, more than ` +
        `the screen's cap of ${pctText(maxShare)} (${cap} of ${n} weeks)${
          shape && shape.kind !== "unimodal"
            ? `; the series ${shape.kind === "bimodal" ? "is bimodal" : "shifts level"}`
            : ""
        }`;
    return {
      anomalies: [],
      candidates,
      excluded: [],
      skipped,
      cap,
      shareOfTarget: 0,
      shape,
      rule,
      sentence: `No week is left out: ${skipped}.`,
    };
  }

  const excluded: ExcludedFlag[] = [];
  const reasons = new Map<number, ExcludedFlag["reason"]>();
  const hampel = drivers.length > 0 ? hampelResiduals(y, halfWindow) : null;
  const driverLift = new Map<string, number>();
  for (const [d, x] of drivers) {
    const on: number[] = [];
    for (let i = 0; i < n; i++) if (x[i] !== 0 && hampel !== null) on.push(hampel.residual[i]);
    if (on.length >= MIN_DRIVER_WEEKS) driverLift.set(d, median(on));
  }
  const driversOn = new Map<number, string[]>();
  for (const a of candidates) {
    if (a.index < halfWindow || a.index > n - 1 - halfWindow) {
      reasons.set(a.index, "edge");
      continue;
    }
    const on = drivers.filter(([, x]) => x[a.index] !== 0).map(([d]) => d);
    if (on.length === 0) continue;
    // the excess the drivers explain: the median residual over the weeks each is on (too few weeks: all of it)
    let explained = 0;
    let known = hampel !== null;
    for (const d of on) {
      const lift = driverLift.get(d);
      if (lift === undefined) known = false;
      else explained += lift;
    }
    if (!known || Math.abs(a.z - explained / hampel!.scale) <= threshold) {
      reasons.set(a.index, "driver");
      driversOn.set(a.index, on);
    }
  }
  // Runs of consecutive flagged weeks longer than maxRun.
  for (let i = 0; i < candidates.length;) {
    let j = i;
    while (j + 1 < candidates.length && candidates[j + 1].index === candidates[j].index + 1) j++;
    if (j - i + 1 > maxRun) {
      for (let k = i; k <= j; k++) {
        if (!reasons.has(candidates[k].index)) reasons.set(candidates[k].index, "run");
      }
    }
    i = j + 1;
  }
  if (shape) {
    const isHigh = shape.modes.isHigh;
    for (const a of candidates) {
      if (reasons.has(a.index)) continue;
      if (shape.kind === "bimodal") {
        // The mode of the local median: the mode of the window week closest to it.
        let best = a.index, bestGap = Infinity;
        for (let s = Math.max(0, a.index - halfWindow); s <= Math.min(n - 1, a.index + halfWindow); s++) {
          if (s === a.index) continue;
          const gap = Math.abs(y[s] - a.expected);
          if (gap < bestGap) {
            bestGap = gap;
            best = s;
          }
        }
        if (isHigh[best] !== isHigh[a.index]) reasons.set(a.index, "other mode");
      } else if (shape.kind === "level shift") {
        // The window of week t straddles changepoint c when t − h < c ≤ t + h.
        if (shape.changepoints.some((c) => a.index >= c - halfWindow && a.index <= c + halfWindow - 1)) {
          reasons.set(a.index, "level shift edge");
        }
      }
    }
  }
  for (const a of candidates) {
    const reason = reasons.get(a.index);
    if (reason === "driver") excluded.push({ index: a.index, reason, drivers: driversOn.get(a.index)! });
    else if (reason) excluded.push({ index: a.index, reason });
  }
  const anomalies = candidates.filter((a) => !reasons.has(a.index));
  const shareOfTarget = shareOf(anomalies);
  const onWords = [...new Set([...driversOn.values()].flat())].join(" or ");
  const reasonWords: Record<ExcludedFlag["reason"], string> = {
    edge: `within ${halfWindow} weeks of the series' start or end, where the window is cut`,
    driver: `with ${onWords} on, whose excess the model's ${onWords} regressor can explain`,
    run: `in runs longer than ${maxRun} weeks`,
    "other mode": "at a switch between the two modes",
    "level shift edge": "next to a level shift",
  };
  const keptText = anomalies.length === 0
    ? "No week is left out as a likely data error"
    : `${anomalies.length} isolated ${
      anomalies.length === 1
        ? "week is left out as a likely data error"
        : "weeks are left out as likely data errors"
    } (${pctText(anomalies.length / n)} of weeks, ${pctText(shareOfTarget)} of the series' total: ${
      anomalies.map((a) => `${weekName(a.index)}, robust z ${zText(a.z)}`).join("; ")
    })`;
  const excludedText = excluded.length === 0
    ? ""
    : `; ${excluded.length} other flagged ${
      excluded.length === 1 ? "week is" : "weeks are"
    } kept in the fit (${
      [...new Set(excluded.map((e) => e.reason))].map((r) =>
        `${excluded.filter((e) => e.reason === r).length} ${reasonWords[r]}`
      ).join(", ")
    })`;
  return {
    anomalies,
    candidates,
    excluded,
    cap,
    shareOfTarget,
    shape,
    rule,
    sentence: `${keptText}${excludedText}.`,
  };
}
