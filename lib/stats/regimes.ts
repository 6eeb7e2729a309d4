/**
 * The shape of a target series: one regime, two modes, or level shifts. A linear model of media explains
 * the target by spend; a regime that spend does not explain (weeks near zero beside weeks in the hundreds of
 * thousands, a step after a tracking change or a launch) stays in its residuals, inflating their variance and
 * every interval, and is absorbed as an effect by whichever channel's spend happens to shift at the same time.
 *
 * Two detectors, each with a stated rule:
 *
 * - **Two modes** (`twoModes`): Pfister et al.'s (2013) bimodality coefficient
 *   `BC = (G₁² + 1) / (G₂ + 3(n−1)² / ((n−2)(n−3)))` (G₁, G₂ the bias-corrected sample skewness and excess
 *   kurtosis) above 5/9, the value of a uniform distribution; *and* a two-component Gaussian mixture (EM,
 *   started from the best two-group split of the sorted values, i.e. 1-D 2-means / Otsu 1979) whose
 *   components are separated by Ashman's `D = √2 · |μ₁ − μ₂| / √(σ₁² + σ₂²) > 3`; *and* at least
 *   `minRegimeShare` (10%) of the weeks in each mode. A non-negative series is examined on the `log1p` scale.
 *   Ashman, Bird & Zepf (1994) take D > 2 as a clean separation of two known Gaussians; fitted to about 100
 *   weeks, a mixture gives D > 2 in over a quarter of samples from a single normal distribution, so the
 *   threshold here is 3, which fitted single-mode samples rarely reach (at most 3% of 300 simulated series of
 *   104 weeks each from normal, folded-normal, exponential, gamma, log-normal, uniform, Student-t, AR(1) and
 *   seasonal shapes, together with BC > 5/9), while weeks near zero beside weeks in the hundreds of thousands
 *   reach D > 5. BC alone also flags strongly skewed single-mode series, and D alone any mixture fit, hence
 *   both.
 * - **Level shifts** (`levelShifts`): binary segmentation (Scott & Knott 1974) with the CUSUM statistic
 *   `max_k |S_k − (k/m) S_m| / (σ̂_LR √m)`, accepted above 1.358, the 5% point of the Kolmogorov distribution
 *   (the limit of the statistic under a constant mean, Page 1954; Csörgő & Horváth 1997). Weekly sales are
 *   autocorrelated, which makes the statistic with the plain standard deviation over-detect, so σ̂_LR is the
 *   long-run standard deviation under AR(1) errors, `σ √((1 + ρ)/(1 − ρ))`, with σ and ρ estimated from the
 *   outlier-trimmed variances of the series' lag-1 and lag-2 differences, which level shifts barely touch. Also
 *   required: a step of at least one pooled within-part standard deviation; both parts at least `minSegment`
 *   (26) weeks long (a split the CUSUM puts closer to an end is rejected, not moved); and a
 *   two-level fit that leaves less residual variance than a straight line (so a steady trend is not read as a
 *   step). Half a year is longer than any seasonal peak (a Q4 peak is 8–9 weeks), so seasonality and
 *   promotions, which calendar controls and media explain, are not taken for regimes. The AR(1) correction is
 *   approximate: of 200 simulated 104-week AR(1) series without a shift, 3% show one with ρ = 0.5, 6% with
 *   ρ = 0.7 and 17% with ρ = 0.9 (a strongly autocorrelated series wanders in level); a step of three noise
 *   standard deviations after 40 weeks is found in all 200 with independent noise.
 *
 * It lives in `lib/stats` (it needs nothing above it), so that `lib/features/anomalies.ts` can use it to leave regimes alone.
 *
 * Files: `two_modes.ts` (two modes), `level_shifts.ts` (level shifts), `series_check.ts`; this module
 * describes the target's shape from both and re-exports them.
 *
 * @module
 */

import { checkSeries } from "./series_check.ts";
import {
  ASHMAN_D_THRESHOLD,
  BIMODALITY_THRESHOLD,
  type TwoModes,
  twoModes,
  zeroOrNegativeShare,
} from "./two_modes.ts";
import { KOLMOGOROV_5PCT, type LevelShift, type LevelShiftOptions, levelShifts } from "./level_shifts.ts";

export {
  ASHMAN_D_THRESHOLD,
  BIMODALITY_THRESHOLD,
  bimodalityCoefficient,
  type Mode,
  type TwoModes,
  twoModes,
  zeroOrNegativeShare,
} from "./two_modes.ts";
export {
  type Ar1Noise,
  ar1Noise,
  KOLMOGOROV_5PCT,
  type LevelShift,
  type LevelShiftOptions,
  levelShifts,
} from "./level_shifts.ts";

const sig3 = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });
const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** Three significant digits (whole numbers from 1,000), `−` for negatives, as `lib/plot/format.ts`'s `num`. */
function defaultFormat(x: number): string {
  if (Number.isNaN(x)) return "n/a";
  const a = Math.abs(x);
  const body = a >= 1000 ? int.format(a) : sig3.format(a);
  return `${x < 0 && /[1-9]/.test(body) ? "−" : ""}${body}`;
}

/** A share as a whole percentage, "<1%" and ">99%" at the ends rather than a misleading 0% or 100%. */
function share(x: number): string {
  if (Number.isNaN(x)) return "n/a";
  const p = Math.round(x * 100);
  if (p === 0 && x > 0) return "<1%";
  if (p === 100 && x < 1) return ">99%";
  return `${x < 0 && p !== 0 ? "−" : ""}${Math.abs(p)}%`;
}

/** One regime of `describeTargetShape`. */
export interface Regime {
  /** "all weeks", "low mode", "high mode", or "weeks 1–40" (1-based, inclusive). */
  readonly label: string;
  /** First and last index (inclusive) of a level-shift segment; `null` for modes and "all weeks". */
  readonly start: number | null;
  /** Last index (inclusive) of a level-shift segment; `null` for modes and "all weeks". */
  readonly end: number | null;
  /** Weeks in the regime. */
  readonly weeks: number;
  /** `weeks / n`. */
  readonly shareOfWeeks: number;
  /** The regime's sum of the target over the series' sum (NaN when that sum is not positive). */
  readonly shareOfTarget: number;
  /** Mean of the target over the regime's weeks. */
  readonly mean: number;
}

/** `describeTargetShape`'s result. */
export interface TargetShape {
  /** The shape: one regime, two modes, or level shifts. */
  readonly kind: "unimodal" | "bimodal" | "level shift";
  /** Length of the series. */
  readonly n: number;
  /** The regimes, in the order of `regimeOf`'s indices. */
  readonly regimes: readonly Regime[];
  /** Index into `regimes` for every week. */
  readonly regimeOf: Int32Array;
  /** First index of each new level (level shifts only; empty otherwise). */
  readonly changepoints: readonly number[];
  /** Every accepted level shift (see {@link levelShifts}). */
  readonly shifts: readonly LevelShift[];
  /** The two-mode analysis (see {@link twoModes}). */
  readonly modes: TwoModes;
  /** Share of weeks with a target of zero or less (see {@link zeroOrNegativeShare}). */
  readonly zeroOrNegativeShare: number;
  /** What the shape means for a linear model, with the numbers, for notebook 01. */
  readonly sentence: string;
  /** The detection rule, for the notebook to print. */
  readonly rule: string;
}

/** Options of `describeTargetShape`. */
export interface TargetShapeOptions extends LevelShiftOptions {
  /** Smallest share of weeks in each of two modes (default 0.1). */
  readonly minRegimeShare?: number;
  /** Name of the target for the sentence (default "the target"). */
  readonly name?: string;
  /** Formatter for amounts of target in the sentence (default three significant digits). */
  readonly format?: (x: number) => string;
  /** ISO dates of the weeks, to name changepoints. */
  readonly dates?: readonly string[];
}

/**
 * The shape of a target series: "bimodal" (two modes, interleaved in time), "level shift" (persistent
 * changes of level), or "unimodal" (neither), with the share of weeks and of the target in each regime, the
 * changepoints, and a sentence saying what the shape does to a linear model's conclusions. See the module
 * doc for the detection rules. Two modes that the level shifts explain (at least 80% of the weeks in their
 * segment's majority mode) are reported as level shifts; modes interleaved in time as bimodal.
 *
 * @param y the target in time order, at least 8 finite values
 * @param options see `TargetShapeOptions`
 * @example
 * ```ts ignore
 * describeTargetShape(revenue, { name: "revenue", format: fmt.money }).sentence;
 * ```
 */
export function describeTargetShape(y: ArrayLike<number>, options: TargetShapeOptions = {}): TargetShape {
  checkSeries(y, 8, "describeTargetShape");
  const n = y.length;
  const f = options.format ?? defaultFormat;
  const name = options.name ?? "the target";
  const subject = options.name ? `Weekly ${options.name}` : "The weekly target";
  if (options.dates && options.dates.length !== n) {
    throw new RangeError(`dates has ${options.dates.length} entries for ${n} values`);
  }
  const modes = twoModes(y, { minRegimeShare: options.minRegimeShare });
  const shifts = levelShifts(y, options);
  const zeroShare = zeroOrNegativeShare(y);
  let total = 0;
  for (let i = 0; i < n; i++) total += y[i];

  const regimeOf = new Int32Array(n);
  const regimes: Regime[] = [];
  const addRegime = (
    label: string,
    start: number | null,
    end: number | null,
    members: (i: number) => boolean,
  ) => {
    let weeks = 0, s = 0;
    for (let i = 0; i < n; i++) {
      if (members(i)) {
        weeks++;
        s += y[i];
        regimeOf[i] = regimes.length;
      }
    }
    regimes.push({
      label,
      start,
      end,
      weeks,
      shareOfWeeks: weeks / n,
      shareOfTarget: total > 0 ? s / total : NaN,
      mean: weeks > 0 ? s / weeks : NaN,
    });
  };

  const bounds = [0, ...shifts.map((s) => s.index), n];
  const shiftsExplainModes = () => {
    let agree = 0;
    for (let j = 0; j + 1 < bounds.length; j++) {
      let high = 0;
      for (let i = bounds[j]; i < bounds[j + 1]; i++) high += modes.isHigh[i];
      agree += Math.max(high, bounds[j + 1] - bounds[j] - high);
    }
    return agree >= 0.8 * n;
  };
  const kind: TargetShape["kind"] = shifts.length > 0 && (!modes.bimodal || shiftsExplainModes())
    ? "level shift"
    : modes.bimodal
    ? "bimodal"
    : "unimodal";

  const consequence =
    `Unless spend moves with ${kind === "bimodal" ? "these modes" : "these levels"}, a linear ` +
    `model of media leaves them in its residuals, which inflates the residual variance and widens every interval, ` +
    `and any channel whose spend happens to shift at the same time absorbs the difference as an effect.`;
  const zeroText = zeroShare > 0 ? ` ${share(zeroShare)} of weeks are zero or negative.` : "";
  let sentence: string;
  if (kind === "level shift") {
    for (let j = 0; j + 1 < bounds.length; j++) {
      const a = bounds[j], b = bounds[j + 1];
      addRegime(`weeks ${a + 1}–${b}`, a, b - 1, (i) => i >= a && i < b);
    }
    const weekName = (i: number) => options.dates ? `week ${i + 1} (${options.dates[i]})` : `week ${i + 1}`;
    const parts = regimes.map((r) =>
      `${r.label} average ${f(r.mean)} (${share(r.shareOfWeeks)} of weeks, ${
        share(r.shareOfTarget)
      } of ${name})`
    );
    const steps = shifts.map((s) =>
      `${weekName(s.index)}: a step of ${defaultFormat(s.effect)} within-segment standard deviations, CUSUM ${
        defaultFormat(s.cusum)
      } > ${defaultFormat(options.critical ?? KOLMOGOROV_5PCT)}`
    );
    sentence = `${subject} shifts level ${shifts.length === 1 ? "once" : `${shifts.length} times`}: ` +
      `${parts.join("; ")} (${
        steps.join("; ")
      }).${zeroText} ${consequence} A regime indicator (a step dummy ` +
      `from ${
        shifts.map((s) => weekName(s.index)).join(" and from ")
      }) as a control keeps the shift out of the ` +
      `media coefficients, unless the shift is itself caused by media.`;
  } else if (kind === "bimodal") {
    addRegime("low mode", null, null, (i) => modes.isHigh[i] === 0);
    addRegime("high mode", null, null, (i) => modes.isHigh[i] === 1);
    const [lo, hi] = regimes;
    sentence =
      `${subject} is bimodal: ${share(lo.shareOfWeeks)} of weeks sit in a low mode (mean ${f(lo.mean)}) ` +
      `holding ${share(lo.shareOfTarget)} of ${name}, and ${share(hi.shareOfWeeks)} in a high mode (mean ` +
      `${f(hi.mean)}) holding ${share(hi.shareOfTarget)} (bimodality coefficient ` +
      `${defaultFormat(modes.bimodalityCoefficient)} > 5/9; Ashman's D ${defaultFormat(modes.ashmanD)} > 3${
        modes.scale === "log1p" ? ", on log(1 + " + name + ")" : ""
      }).${zeroText} ` +
      `${consequence} A regime indicator (1 in high-mode weeks) as a control, or modelling the modes separately, ` +
      `keeps the switch out of the media coefficients. A mode is not a set of isolated errors for an anomaly ` +
      `filter to drop; if one is a recording problem (a tracking outage), it has to be fixed or left out deliberately.`;
  } else {
    addRegime("all weeks", null, null, () => true);
    const why = [
      !(modes.bimodalityCoefficient > BIMODALITY_THRESHOLD)
        ? `bimodality coefficient ${defaultFormat(modes.bimodalityCoefficient)} ≤ 5/9`
        : !(modes.ashmanD > ASHMAN_D_THRESHOLD)
        ? `the two best-fitting modes overlap, Ashman's D ${defaultFormat(modes.ashmanD)} ≤ 3`
        : `a second mode would hold under ${share(options.minRegimeShare ?? 0.1)} of weeks`,
    ];
    sentence = `${subject} has a single regime: no second mode (${why[0]}) and no persistent level shift ` +
      `(a step of at least ${
        defaultFormat(options.minEffect ?? 1)
      } within-segment standard deviation lasting ` +
      `${
        options.minSegment ?? 26
      } weeks or more on each side) is detected, so no regime unexplained by spend needs a control ` +
      `of its own.${zeroText}`;
  }
  const rule = `Two modes: bimodality coefficient > 5/9 and Ashman's D > 3 between the two components of a ` +
    `Gaussian mixture (on log(1 + y) for a non-negative series), and at least ${
      share(options.minRegimeShare ?? 0.1)
    } of weeks in each. Level shift: binary ` +
    `segmentation with a CUSUM statistic above ${
      defaultFormat(options.critical ?? KOLMOGOROV_5PCT)
    } (5%), a step ` +
    `of at least ${defaultFormat(options.minEffect ?? 1)} within-segment sd, segments of at least ` +
    `${options.minSegment ?? 26} weeks, and a better fit than a straight line.`;
  return {
    kind,
    n,
    regimes,
    regimeOf,
    changepoints: kind === "level shift" ? shifts.map((s) => s.index) : [],
    shifts,
    modes,
    zeroOrNegativeShare: zeroShare,
    sentence,
    rule,
  };
}
