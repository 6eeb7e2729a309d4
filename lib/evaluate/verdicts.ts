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
 * Files: `evidence_gate.ts` (`evidenceGate`), `contribution_plausibility.ts` (`contributionPlausibility`),
 * `verdict_format.ts` (their number formats); this module re-exports them.
 *
 * @module
 */
import { binomialSf } from "../stats/distributions.ts";
import { defaultFormat, percentOf } from "./verdict_format.ts";

export {
  DEFAULT_MIN_SKILL,
  type EvidenceGate,
  evidenceGate,
  type EvidenceGateOptions,
  type GateCheck,
  gateChecksSentence,
} from "./evidence_gate.ts";
export {
  type ContributionFlag,
  type ContributionPlausibility,
  contributionPlausibility,
} from "./contribution_plausibility.ts";

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
  /** The point estimate. */
  readonly estimate: number;
  /** Lower end of the interval. */
  readonly lower: number;
  /** Upper end of the interval. */
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
  /** The correlation coefficient. */
  readonly r: number;
  /** Its magnitude on the convention of `CORRELATION_CUTS`. */
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
export const CORRELATION_CONVENTION: string =
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
  | "total effect only"
  | "no effect detected"
  | "mediation, direct path not modelled";

/** `mediationVerdict`'s result. */
export interface MediationVerdict {
  /** The kind of mediation the two intervals support. */
  readonly kind: MediationKind;
  /** What the indirect effect's interval says about its sign. */
  readonly indirect: SignVerdict;
  /** `null` when the model has no direct path. */
  readonly direct: SignVerdict | null;
  /** The verdict in one sentence. */
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
 * | not disting.    | not distinguishable from zero  | no effect detected, or total effect only |
 *
 * When neither path is distinguishable from zero but the **total** effect's interval (given as `total`)
 * excludes zero, the kind is "total effect only": the channel has an effect, and the data cannot split it
 * between the paths (their estimates are strongly correlated when the channel's spend and the mediator move
 * together). "No effect detected" would contradict the total effect shown beside it.
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
 * mediationVerdict({
 *   indirect: { estimate: 0.8, lower: 0.3, upper: 1.3 },
 *   direct: { estimate: -0.6, lower: -1.1, upper: -0.1 },
 * }).kind; // "competitive mediation"
 * ```
 */
export function mediationVerdict(
  effects: {
    readonly indirect: IntervalEstimate;
    readonly direct?: IntervalEstimate | null;
    readonly total?: IntervalEstimate | null;
  },
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
    const tot = effects.total ? signVerdict(effects.total.lower, effects.total.upper) : zero;
    kind = dir !== zero ? "direct effect only" : tot !== zero ? "total effect only" : "no effect detected";
    meaning = dir !== zero
      ? `only the direct path is detected, and it is ${dir}`
      : tot !== zero
      ? `neither path alone is distinguishable from zero, but the total effect is ${tot} (${
        intervalSentence(effects.total!.lower, effects.total!.upper, {
          ...sentenceOpts,
          estimate: effects.total!.estimate,
        })
      }): the channel has an effect that the data cannot split between the two paths`
      : "neither path is distinguishable from zero";
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

/** How many of a family of tests rejected, against what chance alone would give. */
export interface RejectionShareVerdict {
  /** Tests that rejected. */
  readonly rejected: number;
  /** Tests in the family. */
  readonly total: number;
  /** `rejected / total`. */
  readonly share: number;
  /** Each test's level: the share expected to reject by chance when every null holds. */
  readonly level: number;
  /** `P(X ≥ rejected)` for `X ~ Binomial(total, level)`: the chance of this many rejections or more. */
  readonly pValue: number;
  /** Whether `pValue` is below the verdict's α: more rejections than chance explains. */
  readonly moreThanChance: boolean;
  /** The verdict in one sentence. */
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
      }, more than chance gives at the ${pct(alpha)} level.`
      : `that is within what chance gives (probability ${pValue.toFixed(2)} of as many or more).`
  }`;
  return { rejected, total, share: rejected / total, level, pValue, moreThanChance, sentence };
}
