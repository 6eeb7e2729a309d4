/**
 * The evidence gate (see `verdicts.ts`' module doc): whether a model's out-of-sample skill and tests are strong
 * enough to report its effects as findings, with the reason in one sentence.
 *
 * @module
 */
import { tPpf } from "../stats/distributions.ts";
import { defaultFormat, percentOf } from "./verdict_format.ts";

/** One condition of the evidence gate. */
export interface GateCheck {
  /** Which condition: enough folds, mean skill, its lower bound, the holdout, or the joint test of the media terms. */
  readonly name: "folds" | "mean skill" | "lower bound" | "holdout" | "media jointly";
  /** Whether the condition holds. */
  readonly passed: boolean;
  /** The measured value (number of folds, mean, lower bound, holdout score, p-value). */
  readonly value: number;
  /** What it is compared with. */
  readonly threshold: number;
  /** The condition and its numbers in one sentence. */
  readonly sentence: string;
}

/** `evidenceGate`'s result. */
export interface EvidenceGate {
  /** Whether every condition holds. */
  readonly passed: boolean;
  /** A true sentence with the numbers: why recommendations are shown or withheld. */
  readonly reason: string;
  /** The rule, for the notebook to print next to the verdict. */
  readonly rule: string;
  /** Every condition, in the order checked. */
  readonly checks: readonly GateCheck[];
  /** Number of fold scores. */
  readonly folds: number;
  /** Mean of the fold scores. */
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
      sentence: `the joint test that all media effects are zero gives ${pText(p)}, ${
        p < alpha ? "below" : "not below"
      } ${f(alpha)}`,
    });
  }
  const passed = checks.every((c) => c.passed);
  const failed = checks.filter((c) => !c.passed);
  // A passed gate is necessary for a recommendation, not sufficient (the pipelines also ask for plausible
  // contributions and a gain whose interval excludes zero), so its reason promises none.
  const reason = passed
    ? `The evidence gate passes: ${joinAnd(checks.filter((c) => c.name !== "folds").map((c) => c.sentence))}.`
    : `The evidence gate fails, so recommendations are withheld: ${joinAnd(failed.map((c) => c.sentence))}.`;
  const rule =
    `The evidence gate passes only when the model predicts out of sample (without it recommendations are ` +
    `withheld): over at least 2 time-series ` +
    `folds the mean ${metric} is at least ${
      f(minSkill)
    } (below a fifth of the variation explained, the media part of ` +
    `the prediction is too small a share of a noisy signal to rank marginal returns) and its one-sided ${lvl} lower ` +
    `bound, mean − t(${lvl}, k − 1) · sd / √k, is above zero` +
    (options.holdout !== undefined ? `; the holdout ${metric} is at least ${f(minSkill)} too` : "") +
    (p !== undefined ? `; and the media effects are jointly significant (p < ${f(alpha)})` : "") + ".";
  return { passed, reason, rule, checks, folds: k, mean, sd, lowerBound };
}

/**
 * The gate's checks as one clause for a verdict paragraph: every check's sentence but a passed "folds" check
 * (enough folds goes without saying), joined with "; ", first letter capitalized.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const g = evidenceGate([0.5, 0.6, 0.55, 0.62]);
 * assertClose(gateChecksSentence(g).startsWith("The mean out-of-sample R²"), true, 0);
 * ```
 */
export function gateChecksSentence(gate: EvidenceGate): string {
  const text = gate.checks.filter((c) => c.name !== "folds" || !c.passed).map((c) => c.sentence).join("; ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A p-value as a statement for prose: "p < 0.001" below 0.001, else "p = 0.012" (three decimals).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose([pText(0.0004), pText(0.0123)], ["p < 0.001", "p = 0.012"], 1e-9);
 * ```
 */
export function pText(p: number): string {
  return p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`;
}

function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join("; ")}; and ${parts[parts.length - 1]}`;
}
