/**
 * Verdicts: the words a notebook prints about an estimate, decided here and tested, so that no notebook
 * decides a sign, a strength or a recommendation in its own code.
 *
 * - `signVerdict`, `intervalSentence`: what an interval says about the sign of an effect.
 * - `correlationStrength`: magnitude words for a correlation, with its sign.
 * - `mediationVerdict`: the kind of mediation (Zhao, Lynch & Chen 2010) from the direct and indirect intervals.
 * - `evidenceGate`: whether a model predicts well enough out of sample for its recommendations to be shown.
 * - `contributionPlausibility`: contributions no model of the target can deliver.
 *
 * Sentences format numbers with three significant digits and the Unicode minus (as `lib/plot/format.ts`'s
 * `num`) unless a `format` is passed; this layer sits below `lib/plot` and cannot import it.
 *
 * @module
 */
import { binomialSf, tPpf } from "../stats/distributions.ts";

const sig3 = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });
const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** Three significant digits (whole numbers from 1,000), `−` for negatives, no sign on a value shown as 0. */
function defaultFormat(x: number): string {
  if (Number.isNaN(x)) return "n/a";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  const a = Math.abs(x);
  const body = a >= 1000 ? int.format(a) : sig3.format(a);
  return `${x < 0 && /[1-9]/.test(body) ? "−" : ""}${body}`;
}

function percentOf(level: number): string {
  return `${+(level * 100).toFixed(1)}%`;
}

// ---------------------------------------------------------------------------------------------------------
// Sign of an interval
// ---------------------------------------------------------------------------------------------------------

/** What an interval says about the sign of an effect. */
export type SignVerdict = "positive" | "negative" | "not distinguishable from zero";

/**
 * The sign an interval supports: "positive" when it lies wholly above zero (`lower > 0`), "negative" when
 * wholly below (`upper < 0`), otherwise "not distinguishable from zero" (including a bound exactly at 0).
 * With a 95% interval this is the two-sided 5% test of "effect = 0" read by its sign.
 *
 * @param lower lower bound of the interval
 * @param upper upper bound, `lower ≤ upper`
 * @throws RangeError when the interval is empty or a bound is NaN
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(signVerdict(1.2, 3.4), "positive", 1e-9);
 * assertClose(signVerdict(-3.4, -1.2), "negative", 1e-9);
 * assertClose(signVerdict(0, 3.4), "not distinguishable from zero", 1e-9);
 * ```
 */
export function signVerdict(lower: number, upper: number): SignVerdict {
  if (!(lower <= upper)) throw new RangeError(`interval [${lower}, ${upper}] is empty`);
  return lower > 0 ? "positive" : upper < 0 ? "negative" : "not distinguishable from zero";
}

/** An estimate with its interval. */
export interface IntervalEstimate {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * The sign verdict with its interval in words: "positive (95% interval 1.2 to 3.4)".
 *
 * @param lower lower bound
 * @param upper upper bound
 * @param options `level` of the interval (default 0.95), `format` for the bounds, `estimate` to lead with
 * @example
 * ```ts
 * intervalSentence(1.2, 3.4); // "positive (95% interval 1.2 to 3.4)"
 * intervalSentence(-0.5, 1.2, { estimate: 0.3 }); // "0.3, not distinguishable from zero (95% interval −0.5 to 1.2)"
 * ```
 */
export function intervalSentence(
  lower: number,
  upper: number,
  options: { readonly level?: number; readonly format?: (x: number) => string; readonly estimate?: number } =
    {},
): string {
  const verdict = signVerdict(lower, upper);
  const f = options.format ?? defaultFormat;
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const lead = options.estimate === undefined ? "" : `${f(options.estimate)}, `;
  return `${lead}${verdict} (${percentOf(level)} interval ${f(lower)} to ${f(upper)})`;
}

// ---------------------------------------------------------------------------------------------------------
// Correlation strength
// ---------------------------------------------------------------------------------------------------------

/** Magnitude words for a correlation. */
export type CorrelationMagnitude = "negligible" | "weak" | "moderate" | "strong" | "very strong";

/** `correlationStrength`'s result. */
export interface CorrelationStrength {
  readonly r: number;
  readonly magnitude: CorrelationMagnitude;
  /** "positive" or "negative"; "none" for a negligible correlation, whose sign means nothing. */
  readonly direction: "positive" | "negative" | "none";
  /** "strong negative", "weak positive", "negligible". */
  readonly phrase: string;
}

/** The cut points of `correlationStrength`, for notebooks that state the convention. */
export const CORRELATION_CUTS = {
  weak: 0.1,
  moderate: 0.3,
  strong: 0.5,
  veryStrong: 0.7,
} as const;

/** The convention of `correlationStrength` in one sentence, for notebooks to print. */
export const CORRELATION_CONVENTION =
  "|r| below 0.1 is negligible, 0.1 to 0.3 weak, 0.3 to 0.5 moderate, 0.5 to 0.7 strong and 0.7 or more very strong " +
  "(Cohen's 1988 benchmarks 0.1, 0.3 and 0.5, with 0.7, half the variance shared, marking very strong)";

/**
 * Words for the size and sign of a correlation coefficient, by `|r|`:
 * `< 0.1` negligible, `[0.1, 0.3)` weak, `[0.3, 0.5)` moderate, `[0.5, 0.7)` strong, `≥ 0.7` very strong.
 *
 * The cut points 0.1, 0.3 and 0.5 are Cohen's (1988, *Statistical Power Analysis for the Behavioral
 * Sciences*, §3.2) small, medium and large benchmarks for r; 0.7 (r² ≈ 0.49: the two share half their
 * variance) separates "very strong", where a regression holding both variables splits their credit
 * unreliably. Below 0.1 the sign is not reported.
 *
 * @param r a correlation in [−1, 1] (a rounding excess up to 1e-9 is accepted)
 * @throws RangeError for NaN or |r| > 1
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(correlationStrength(-0.04).phrase, "negligible", 1e-9);
 * assertClose(correlationStrength(-0.62).phrase, "strong negative", 1e-9);
 * assertClose(correlationStrength(0.3).phrase, "moderate positive", 1e-9);
 * ```
 */
export function correlationStrength(r: number): CorrelationStrength {
  if (!(Math.abs(r) <= 1 + 1e-9)) throw new RangeError(`a correlation must be in [-1, 1], got ${r}`);
  const a = Math.abs(r);
  const magnitude: CorrelationMagnitude = a < CORRELATION_CUTS.weak
    ? "negligible"
    : a < CORRELATION_CUTS.moderate
    ? "weak"
    : a < CORRELATION_CUTS.strong
    ? "moderate"
    : a < CORRELATION_CUTS.veryStrong
    ? "strong"
    : "very strong";
  const direction = magnitude === "negligible" ? "none" : r > 0 ? "positive" : "negative";
  return { r, magnitude, direction, phrase: direction === "none" ? magnitude : `${magnitude} ${direction}` };
}

// ---------------------------------------------------------------------------------------------------------
// Mediation
// ---------------------------------------------------------------------------------------------------------

/**
 * Kinds of mediation, after Zhao, Lynch & Chen (2010) (their names in brackets):
 * "complete mediation" [indirect-only], "complementary partial mediation" [complementary],
 * "competitive mediation" [competitive], "direct effect only" [direct-only nonmediation],
 * "no effect detected" [no-effect nonmediation]; and "mediation, direct path not modelled" when the model
 * has no direct path, so complete and partial mediation cannot be told apart.
 */
export type MediationKind =
  | "complete mediation"
  | "complementary partial mediation"
  | "competitive mediation"
  | "direct effect only"
  | "no effect detected"
  | "mediation, direct path not modelled";

/** `mediationVerdict`'s result. */
export interface MediationVerdict {
  readonly kind: MediationKind;
  readonly indirect: SignVerdict;
  /** `null` when the model has no direct path. */
  readonly direct: SignVerdict | null;
  readonly sentence: string;
}

/**
 * The kind of mediation from the intervals of the indirect (mediated, a·b) and direct (c′) effects,
 * following Zhao, Lynch & Chen (2010), "Reconsidering Baron and Kenny: Myths and truths about mediation
 * analysis", *Journal of Consumer Research* 37(2): the indirect effect alone decides whether there is
 * mediation; the direct effect's sign relative to it decides the type.
 *
 * | indirect        | direct                         | kind                             |
 * |-----------------|--------------------------------|----------------------------------|
 * | positive or neg. | not distinguishable from zero | complete mediation               |
 * | positive or neg. | same sign                     | complementary partial mediation  |
 * | positive or neg. | opposite sign                 | competitive mediation            |
 * | not disting.    | positive or negative           | direct effect only               |
 * | not disting.    | not distinguishable from zero  | no effect detected               |
 *
 * A direct effect distinguishable from zero (of either sign) is never "complete mediation". "Complete"
 * means only that no direct effect is detected, not that there is none.
 *
 * @param effects `indirect` and optional `direct` (omit when the model has no direct path), each with
 *   `estimate`, `lower`, `upper`
 * @param options `level` of the intervals (default 0.95), `format` for numbers, `mediator` name for the
 *   sentence (default "the mediator")
 * @example
 * ```ts ignore
 * import { assertClose } from "../../tests/doc_assert.ts";
 * mediationVerdict({
 *   indirect: { estimate: 0.8, lower: 0.3, upper: 1.3 },
 *   direct: { estimate: -0.6, lower: -1.1, upper: -0.1 },
 * assertClose(}).kind, "competitive mediation", 1e-9);
 * ```
 */
export function mediationVerdict(
  effects: { readonly indirect: IntervalEstimate; readonly direct?: IntervalEstimate | null },
  options: { readonly level?: number; readonly format?: (x: number) => string; readonly mediator?: string } =
    {},
): MediationVerdict {
  const { indirect, direct } = effects;
  const ind = signVerdict(indirect.lower, indirect.upper);
  const dir = direct ? signVerdict(direct.lower, direct.upper) : null;
  const via = `the effect through ${options.mediator ?? "the mediator"}`;
  const sentenceOpts = { level: options.level, format: options.format };
  const indText = `${via} is ${
    intervalSentence(indirect.lower, indirect.upper, { ...sentenceOpts, estimate: indirect.estimate })
  }`;
  const dirText = direct
    ? `the direct effect is ${
      intervalSentence(direct.lower, direct.upper, { ...sentenceOpts, estimate: direct.estimate })
    }`
    : "";
  const zero: SignVerdict = "not distinguishable from zero";
  let kind: MediationKind;
  let meaning: string;
  if (dir === null) {
    kind = ind === zero ? "no effect detected" : "mediation, direct path not modelled";
    meaning = ind === zero
      ? "no effect through the mediator is detected, and the model has no direct path"
      : "the model has no direct path, so complete and partial mediation cannot be told apart";
  } else if (ind === zero) {
    kind = dir === zero ? "no effect detected" : "direct effect only";
    meaning = dir === zero
      ? "neither path is distinguishable from zero"
      : `only the direct path is detected, and it is ${dir}`;
  } else if (dir === zero) {
    kind = "complete mediation";
    meaning =
      "the effect is detected only through the mediator; no direct effect is detected (which is not proof that there is none)";
  } else if (dir === ind) {
    kind = "complementary partial mediation";
    meaning = `both paths are ${ind}`;
  } else {
    kind = "competitive mediation";
    meaning =
      `the paths have opposite signs (through the mediator ${ind}, direct ${dir}), so they partly offset each other`;
  }
  const facts = dir === null ? indText : `${indText}, and ${dirText}`;
  const sentence = `${capitalize(kind)}: ${facts}; ${meaning}.`;
  return { kind, indirect: ind, direct: dir, sentence };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------------------------------------
// Evidence gate
// ---------------------------------------------------------------------------------------------------------

/** One condition of the evidence gate. */
export interface GateCheck {
  readonly name: "folds" | "mean skill" | "lower bound" | "holdout" | "media jointly";
  readonly passed: boolean;
  /** The measured value (number of folds, mean, lower bound, holdout score, p-value). */
  readonly value: number;
  /** What it is compared with. */
  readonly threshold: number;
  readonly sentence: string;
}

/** `evidenceGate`'s result. */
export interface EvidenceGate {
  readonly passed: boolean;
  /** A true sentence with the numbers: why recommendations are shown or withheld. */
  readonly reason: string;
  /** The rule, for the notebook to print next to the verdict. */
  readonly rule: string;
  readonly checks: readonly GateCheck[];
  readonly folds: number;
  readonly mean: number;
  /** Sample standard deviation of the fold scores (ddof 1). */
  readonly sd: number;
  /** One-sided lower bound `mean − t_{level, k−1} · sd / √k`. */
  readonly lowerBound: number;
}

/** Options of `evidenceGate`. */
export interface EvidenceGateOptions {
  /** Name of the score for sentences (default "out-of-sample R²"; e.g. "within-geo R²"). */
  readonly metric?: string;
  /** Minimum meaningful out-of-sample skill for the mean (and the holdout) (default 0.2). */
  readonly minSkill?: number;
  /** One-sided confidence level of the lower bound (default 0.95). */
  readonly level?: number;
  /** Score on a final holdout the search never saw; when given it must reach `minSkill` too. */
  readonly holdout?: number;
  /** p-value of a joint test that all media coefficients are zero (F or Wald); when given it must be below `alpha`. */
  readonly mediaJointPValue?: number;
  /** Level of the joint media test (default 0.05). */
  readonly alpha?: number;
}

/** The default minimum out-of-sample skill of `evidenceGate`. */
export const DEFAULT_MIN_SKILL = 0.2;

/**
 * The rule that decides whether a model's recommendations (budget reallocation, response curves for
 * decisions) are shown. With `k` out-of-sample fold scores `s_1..s_k` (R², or within-geo R² for panels),
 * mean `s̄` and sample sd `sd`, the gate passes when all of these hold:
 *
 * 1. at least 2 folds (a spread is needed);
 * 2. **minimum skill**: `s̄ ≥ minSkill` (default 0.2). Below a fifth of the variation explained out of sample,
 *    over 80% of week-to-week movement is unexplained; the media part of the prediction, from which response
 *    curves and marginal returns are read, is then a small share of a noisy signal and cannot rank marginal
 *    returns reliably. 0.2 lies between Cohen's (1988, ch. 9) medium (f² = 0.15, R² ≈ 0.13) and large
 *    (f² = 0.35, R² ≈ 0.26) effect sizes for R²;
 * 3. **skill is reliably positive**: the one-sided lower bound `s̄ − t_{level, k−1} · sd / √k > 0` (default
 *    level 0.95), i.e. a one-sided t-test over folds rejects "no skill" at 5%. Time-series folds share
 *    training weeks, so they are not independent and the true spread is understated (Bengio & Grandvalet
 *    2004, "No unbiased estimator of the variance of K-fold cross-validation", JMLR 5): this is a screen,
 *    which is why the minimum skill is required as well;
 * 4. when a `holdout` score is given: `holdout ≥ minSkill` (the weeks no choice was made on show the skill);
 * 5. when `mediaJointPValue` is given: `p < alpha` (default 0.05), the media terms jointly matter.
 *
 * @param foldScores out-of-sample score per fold, finite
 * @param options see `EvidenceGateOptions`
 * @throws RangeError for an empty list, a non-finite score, or options out of range
 * @example
 * ```ts
 * evidenceGate([0.05, 0.08, 0.04, 0.07], { metric: "within-geo R²" }).passed; // false: mean 0.06 < 0.2
 * ```
 */
export function evidenceGate(foldScores: ArrayLike<number>, options: EvidenceGateOptions = {}): EvidenceGate {
  const metric = options.metric ?? "out-of-sample R²";
  const minSkill = options.minSkill ?? DEFAULT_MIN_SKILL;
  const level = options.level ?? 0.95;
  const alpha = options.alpha ?? 0.05;
  if (!(level > 0.5 && level < 1)) throw new RangeError(`level must be in (0.5, 1), got ${level}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (!Number.isFinite(minSkill)) throw new RangeError(`minSkill must be finite, got ${minSkill}`);
  const k = foldScores.length;
  if (k === 0) throw new RangeError("evidenceGate needs at least one fold score");
  for (let i = 0; i < k; i++) {
    if (!Number.isFinite(foldScores[i])) {
      throw new RangeError(`fold score ${i} is ${foldScores[i]}, expected a finite number`);
    }
  }
  if (options.holdout !== undefined && !Number.isFinite(options.holdout)) {
    throw new RangeError(`holdout is ${options.holdout}, expected a finite number`);
  }
  const p = options.mediaJointPValue;
  if (p !== undefined && !(p >= 0 && p <= 1)) {
    throw new RangeError(`mediaJointPValue must be in [0, 1], got ${p}`);
  }

  let sum = 0;
  for (let i = 0; i < k; i++) sum += foldScores[i];
  const mean = sum / k;
  let ss = 0;
  for (let i = 0; i < k; i++) ss += (foldScores[i] - mean) ** 2;
  const sd = k > 1 ? Math.sqrt(ss / (k - 1)) : NaN;
  const tCrit = k > 1 ? tPpf(level, k - 1) : NaN;
  const lowerBound = k > 1 ? mean - tCrit * sd / Math.sqrt(k) : NaN;
  const f = defaultFormat;
  const lvl = percentOf(level);

  const checks: GateCheck[] = [];
  checks.push({
    name: "folds",
    passed: k >= 2,
    value: k,
    threshold: 2,
    sentence: k >= 2 ? `${k} folds` : `only ${k} fold, so the fold-to-fold spread cannot be measured`,
  });
  checks.push({
    name: "mean skill",
    passed: mean >= minSkill,
    value: mean,
    threshold: minSkill,
    sentence: `the mean ${metric} over ${k} ${k === 1 ? "fold" : "folds"} is ${f(mean)}, ${
      mean >= minSkill ? "at least" : "below"
    } the minimum of ${f(minSkill)}`,
  });
  if (k >= 2) {
    checks.push({
      name: "lower bound",
      passed: lowerBound > 0,
      value: lowerBound,
      threshold: 0,
      sentence: `the one-sided ${lvl} lower bound of the mean ${metric} (mean − t·sd/√k, sd ${f(sd)}, t = ${
        f(tCrit)
      }) is ${f(lowerBound)}, ${lowerBound > 0 ? "above" : "not above"} zero`,
    });
  }
  if (options.holdout !== undefined) {
    const h = options.holdout;
    checks.push({
      name: "holdout",
      passed: h >= minSkill,
      value: h,
      threshold: minSkill,
      sentence: `the holdout ${metric} is ${f(h)}, ${h >= minSkill ? "at least" : "below"} the minimum of ${
        f(minSkill)
      }`,
    });
  }
  if (p !== undefined) {
    checks.push({
      name: "media jointly",
      passed: p < alpha,
      value: p,
      threshold: alpha,
      sentence: `the joint test that all media effects are zero gives p = ${pText(p)}, ${
        p < alpha ? "below" : "not below"
      } ${f(alpha)}`,
    });
  }
  const passed = checks.every((c) => c.passed);
  const failed = checks.filter((c) => !c.passed);
  const reason = passed
    ? `Recommendations are shown: ${
      joinAnd(checks.filter((c) => c.name !== "folds").map((c) => c.sentence))
    }.`
    : `Recommendations are withheld: ${joinAnd(failed.map((c) => c.sentence))}.`;
  const rule =
    `Recommendations are shown only when the model predicts out of sample: over at least 2 time-series ` +
    `folds the mean ${metric} is at least ${
      f(minSkill)
    } (below a fifth of the variation explained, the media part of ` +
    `the prediction is too small a share of a noisy signal to rank marginal returns) and its one-sided ${lvl} lower ` +
    `bound, mean − t(${lvl}, k − 1) · sd / √k, is above zero` +
    (options.holdout !== undefined ? `; the holdout ${metric} is at least ${f(minSkill)} too` : "") +
    (p !== undefined ? `; and the media effects are jointly significant (p < ${f(alpha)})` : "") + ".";
  return { passed, reason, rule, checks, folds: k, mean, sd, lowerBound };
}

function pText(p: number): string {
  return p < 0.001 ? "<0.001" : p.toFixed(3);
}

function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join("; ")}; and ${parts[parts.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------------------
// Contribution plausibility
// ---------------------------------------------------------------------------------------------------------

/** One implausible contribution. */
export interface ContributionFlag {
  readonly kind:
    | "exceeds modelled total"
    | "media exceed modelled total"
    | "negative paid media"
    | "modelled total not positive";
  /** The channel, or `null` for a flag about all channels together. */
  readonly channel: string | null;
  readonly contribution: number;
  /** Contribution divided by the modelled total (NaN when the total is not positive). */
  readonly shareOfTotal: number;
  readonly sentence: string;
}

/** `contributionPlausibility`'s result. */
export interface ContributionPlausibility {
  /** "plausible" when nothing is flagged, "implausible" otherwise. */
  readonly verdict: "plausible" | "implausible";
  readonly flags: readonly ContributionFlag[];
  /** Sum of all the rows' contributions. */
  readonly totalContribution: number;
  readonly modelledTotal: number;
  /** One sentence per flag joined, or a sentence saying that none is implausible. */
  readonly sentence: string;
}

/**
 * Contributions that no model of the target can deliver, flagged "implausible" with a sentence each:
 *
 * - a channel's contribution larger than the modelled total target (the sum of the model's fitted values
 *   over the same weeks): one channel cannot deliver more than everything the model attributes to all
 *   sources together, baseline included;
 * - the sum of the channels' contributions larger than the modelled total: media alone would then exceed the
 *   whole, leaving a negative baseline;
 * - a negative contribution of a paid channel: buying media is not expected to lower the target; a negative
 *   estimate usually means the channel's coefficient absorbs something else (collinearity, a trend or a
 *   regime moving with its spend).
 *
 * @param rows each channel's `contribution` over the modelled period, in target units
 * @param modelledTotal the sum of the model's fitted target over the same period
 * @param options `paid`: the channels that are paid media (default: every row), `format` for amounts in
 *   sentences, `target` name for sentences (default "the target")
 * @throws RangeError for a non-finite contribution or total
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(contributionPlausibility([{ channel: "tv", contribution: 3.6e6 }], 1e6).flags[0].kind, "exceeds modelled total", 1e-9);
 * ```
 */
export function contributionPlausibility(
  rows: readonly { readonly channel: string; readonly contribution: number }[],
  modelledTotal: number,
  options: {
    readonly paid?: readonly string[];
    readonly format?: (x: number) => string;
    readonly target?: string;
  } = {},
): ContributionPlausibility {
  if (!Number.isFinite(modelledTotal)) {
    throw new RangeError(`modelledTotal is ${modelledTotal}, expected a finite number`);
  }
  for (const r of rows) {
    if (!Number.isFinite(r.contribution)) {
      throw new RangeError(`contribution of "${r.channel}" is ${r.contribution}, expected a finite number`);
    }
  }
  const f = options.format ?? defaultFormat;
  const targetName = options.target ?? "the target";
  const paid = new Set(options.paid ?? rows.map((r) => r.channel));
  const positiveTotal = modelledTotal > 0;
  const share = (x: number) => positiveTotal ? x / modelledTotal : NaN;
  const times = (x: number) => `${defaultFormat(x / modelledTotal)}×`;
  const flags: ContributionFlag[] = [];
  const totalContribution = rows.reduce((s, r) => s + r.contribution, 0);

  if (!positiveTotal) {
    flags.push({
      kind: "modelled total not positive",
      channel: null,
      contribution: totalContribution,
      shareOfTotal: NaN,
      sentence: `Implausible: the modelled total of ${targetName} is ${
        f(modelledTotal)
      }, not positive, so no contribution can be read as a share of it.`,
    });
  }
  for (const r of rows) {
    if (positiveTotal && r.contribution > modelledTotal) {
      flags.push({
        kind: "exceeds modelled total",
        channel: r.channel,
        contribution: r.contribution,
        shareOfTotal: share(r.contribution),
        sentence: `Implausible: ${r.channel}'s contribution, ${f(r.contribution)}, is ${
          times(r.contribution)
        } the modelled total of ${targetName} (${
          f(modelledTotal)
        }); one channel cannot deliver more than everything the model attributes to all sources together, which usually means its coefficient absorbs something else (a trend, a regime or another channel's effect).`,
      });
    }
    if (paid.has(r.channel) && r.contribution < 0) {
      flags.push({
        kind: "negative paid media",
        channel: r.channel,
        contribution: r.contribution,
        shareOfTotal: share(r.contribution),
        sentence: `Implausible: ${r.channel}'s contribution is negative (${
          f(r.contribution)
        }); buying media is not expected to lower ${targetName}, so the estimate more likely reflects collinearity or a trend moving with its spend than a real loss.`,
      });
    }
  }
  if (positiveTotal && rows.length > 1 && totalContribution > modelledTotal) {
    flags.push({
      kind: "media exceed modelled total",
      channel: null,
      contribution: totalContribution,
      shareOfTotal: share(totalContribution),
      sentence: `Implausible: the channels together contribute ${f(totalContribution)}, ${
        times(totalContribution)
      } the modelled total of ${targetName} (${f(modelledTotal)}), which would leave a negative baseline.`,
    });
  }
  const verdict = flags.length === 0 ? "plausible" : "implausible";
  const sentence = flags.length === 0
    ? `No contribution is implausible: no paid channel's contribution is negative, none exceeds the modelled total of ${targetName} (${
      f(modelledTotal)
    }), and together they do not exceed it.`
    : flags.map((x) => x.sentence).join(" ");
  return { verdict, flags, totalContribution, modelledTotal, sentence };
}

/** How many of a family of tests rejected, against what chance alone would give. */
export interface RejectionShareVerdict {
  readonly rejected: number;
  readonly total: number;
  readonly share: number;
  /** Each test's level: the share expected to reject by chance when every null holds. */
  readonly level: number;
  /** `P(X ≥ rejected)` for `X ~ Binomial(total, level)`: the chance of this many rejections or more. */
  readonly pValue: number;
  readonly moreThanChance: boolean;
  readonly sentence: string;
}

/**
 * Whether a family of tests (for example Ljung-Box on each geo's residuals) rejects more often than chance:
 * with every null true and independent tests, the number of rejections is Binomial(total, level), so more
 * than chance means an upper-tail probability below `alpha` (default 0.05).
 *
 * @param what the tested property, for the sentence, e.g. "no autocorrelation"
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * rejectionShareVerdict(2, 40, 0.05, "no autocorrelation").moreThanChance; // false (2 of 40 is what chance gives)
 * assertClose(rejectionShareVerdict(15, 40, 0.05, "no autocorrelation").moreThanChance, true, 1e-9);
 * ```
 */
export function rejectionShareVerdict(
  rejected: number,
  total: number,
  level: number,
  what: string,
  alpha = 0.05,
): RejectionShareVerdict {
  if (!(Number.isInteger(total) && total >= 1)) {
    throw new RangeError(`total must be a whole number >= 1, got ${total}`);
  }
  if (!(Number.isInteger(rejected) && rejected >= 0 && rejected <= total)) {
    throw new RangeError(`rejected must be a whole number in [0, ${total}], got ${rejected}`);
  }
  const pValue = binomialSf(rejected, total, level);
  const moreThanChance = pValue < alpha;
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  const sentence = `${rejected} of ${total} tests (${pct(rejected / total)}) reject ${what}, where about ${
    pct(level)
  } would by chance; ${
    moreThanChance
      ? `that many or more would happen by chance with probability ${
        pValue < 0.001 ? "below 0.001" : pValue.toFixed(3)
      }, so the rejections are real.`
      : `that is within what chance gives (probability ${pValue.toFixed(2)} of as many or more).`
  }`;
  return { rejected, total, share: rejected / total, level, pValue, moreThanChance, sentence };
}
