/**
 * Pieces shared by the national pipeline's two result builders (national_two_stage.ts, national_one_stage.ts):
 * interval rows, price and promotion, cross-validation with the evidence gate, importance rows and sentences.
 *
 * @module
 */
import type { Dataset, Roles } from "../data/types.ts";
import { ModelError } from "../errors.ts";
import { type BootstrapInterval } from "../models/mediation_bootstrap.ts";
import { intervalWidening } from "../evaluate/national_bootstrap.ts";
import type { CrossValidation } from "../evaluate/cross_validate.ts";
import { mapeBlockingValue } from "../evaluate/model_comparison.ts";
import { type Fold } from "../evaluate/time_series_split.ts";
import { type EvidenceGate, evidenceGate, type SignVerdict, signVerdict } from "../evaluate/verdicts.ts";
import { ranksDescending } from "../stats/describe.ts";
import type {
  NationalCrossValidation,
  NationalImportanceRow,
  NationalInterval,
  NationalOptions,
  NationalOutcome,
  NationalSection,
} from "./national_types.ts";
import { NATIONAL_CV_RULE, NATIONAL_HELD_TRANSFORMS, nationalModelFolds } from "./national_folds.ts";

/** What the result builders need from the pipeline run. */
export interface BuildContext {
  /** Seed of the permutations and the forest (the pipeline's `seed`). */
  readonly seed: number;
  /** The pipeline's options (importance, repeats, trees). */
  readonly options: NationalOptions;
  /** Whether the target is a positive level (positive mean, no negative week): % quantities are reported. */
  readonly meanPositive: boolean;
  /** The run's notes, appended to. */
  readonly notes: string[];
  /** Records a skipped section with its reason (the first reason per section is kept). */
  readonly skip: (section: NationalSection, reason: string) => void;
}

/**
 * An estimate with its bootstrap interval, share of replicates ≤ 0 and sign verdict; NaN bounds and a null
 * verdict when there is no bootstrap interval (or its bounds are not finite).
 */
export function intervalRow(estimate: number, b: BootstrapInterval | undefined): NationalInterval {
  if (!b || !Number.isFinite(b.lower) || !Number.isFinite(b.upper)) {
    return { estimate, lower: NaN, upper: NaN, shareNonPositive: NaN, verdict: null };
  }
  return {
    estimate,
    lower: b.lower,
    upper: b.upper,
    shareNonPositive: b.shareNonPositive,
    verdict: signVerdict(b.lower, b.upper),
  };
}

/**
 * The outcome's direct channels (email, SMS) as the results report them: contribution with its bootstrap
 * interval (`find`, by name `<channel>.contribution`), volume and contribution per thousand.
 */
export function directRows(
  direct: readonly {
    readonly channel: string;
    readonly contribution: number;
    readonly volume: number;
    readonly contributionPerThousand: number;
  }[],
  find: (name: string) => BootstrapInterval | undefined,
): NationalOutcome["direct"] {
  return direct.map((d) => {
    const bi = find(`${d.channel}.contribution`);
    return {
      channel: d.channel,
      contribution: d.contribution,
      lower: bi?.lower ?? NaN,
      upper: bi?.upper ?? NaN,
      volume: d.volume,
      perThousand: d.contributionPerThousand,
    };
  });
}

/**
 * The outcome's price elasticity (only with a positive target level) and promotion lift (in % of mean target
 * only with a positive level), each with its interval from the bootstrap effect `find` returns by name.
 */
export function priceAndPromotion(
  R: Roles,
  elasticity: number | null,
  lift: number | null,
  find: (name: string) => BootstrapInterval | undefined,
  ctx: BuildContext,
): Pick<NationalOutcome, "elasticity" | "promotion"> {
  let e: NationalOutcome["elasticity"] = null;
  if (R.price !== undefined && elasticity !== null && ctx.meanPositive) {
    const row = intervalRow(elasticity, find(`${R.price}.elasticity`));
    e = {
      column: R.price,
      ...row,
      meaning: row.verdict === "negative"
        ? `${R.target} falls as ${R.price} rises`
        : row.verdict === "positive"
        ? `${R.target} rises with ${R.price}`
        : row.verdict === null
        ? `without a bootstrap interval the sign of the price effect cannot be judged`
        : `the data cannot show an effect of ${R.price} on ${R.target}`,
    };
  }
  let p: NationalOutcome["promotion"] = null;
  if (R.promotion !== undefined && lift !== null) {
    const row = intervalRow(lift, find(`${R.promotion}.lift`));
    const pct = ctx.meanPositive ? find(`${R.promotion}.liftPercent`) : undefined;
    p = {
      column: R.promotion,
      ...row,
      percent: pct?.estimate ?? NaN,
      percentLower: pct?.lower ?? NaN,
      percentUpper: pct?.upper ?? NaN,
    };
  }
  return { elasticity: e, promotion: p };
}

/**
 * Cross-validates the fitted model on {@link nationalModelFolds} with `run`, leaving out leading folds whose
 * training window cannot identify the model (with a {@link leftOutFoldsNote}), and adds the evidence gate on the fold R²; a fold's
 * MAPE is NaN under the model comparison's rule ({@link mapeBlockingValue}: a test week below 1% of the mean
 * absolute target), and then so is the mean; null,
 * with the section skipped and its reason, when the series is too short or no fold can be fitted.
 */
export function runCrossValidation(
  ds: Dataset,
  coefficients: number,
  run: (folds: Fold[]) => { cv: CrossValidation; inSampleR2: number; trainSizes: number[] },
  ctx: BuildContext,
): NationalCrossValidation | null {
  const { folds, reason } = nationalModelFolds(ds.n, coefficients);
  if (reason !== null) {
    ctx.skip("cross-validation", reason);
    return null;
  }
  const y = ds.columns[ds.roles.target];
  for (let start = 0; start < folds.length; start++) {
    const used = folds.slice(start);
    let result;
    try {
      result = run(used);
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      continue;
    }
    const leftOutNote = start > 0 ? leftOutFoldsNote(start, folds.length) : null;
    if (leftOutNote !== null) ctx.notes.push(leftOutNote);
    const cv = result.cv;
    let meanAbs = 0;
    for (let t = 0; t < y.length; t++) meanAbs += Math.abs(y[t]) / y.length;
    const foldsOut = cv.folds.map((f, i) => {
      const zero = mapeBlockingValue(Array.from(f.test, (t) => y[t]), meanAbs) >= 0;
      return {
        fold: i + 1,
        trainWeeks: result.trainSizes[i],
        testWeeks: f.testSize,
        r2: f.scores.r2,
        rmse: f.scores.rmse,
        mape: zero ? NaN : f.scores.mape,
      };
    });
    const r2s = foldsOut.map((f) => f.r2);
    const mapes = foldsOut.map((f) => f.mape);
    return {
      rule: NATIONAL_CV_RULE,
      folds: foldsOut,
      meanR2: cv.mean.r2,
      sdR2: cv.sd.r2,
      meanRmse: cv.mean.rmse,
      meanMape: mapes.some((m) => Number.isNaN(m)) ? NaN : cv.mean.mape,
      predictions: cv.predictions,
      inSampleR2: result.inSampleR2,
      gate: heldTransformsGate(evidenceGate(r2s.map((v) => (Number.isFinite(v) ? v : 0)))),
      leftOutNote,
    };
  }
  ctx.skip(
    "cross-validation",
    `Out-of-sample validation is not possible: no training window of at least 52 weeks can identify every coefficient of the model.`,
  );
  return null;
}

/**
 * The note that the model's cross-validation (notebook 04's out-of-sample check) left out its first `start` of
 * `total` folds. It goes into the run's shared `notes` and into the check's `leftOutNote`, so that the
 * notebooks' lists (`nationalDataNotes`) show it only beside that check, not beside the search's folds (02) or
 * stage 1 (03).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(leftOutFoldsNote(1, 4).startsWith("The first of 4 model cross-validation folds was left out"), true, 0);
 * ```
 */
export function leftOutFoldsNote(start: number, total: number): string {
  if (!(Number.isInteger(start) && start >= 1 && start < total)) {
    throw new RangeError(`start must be an integer in [1, ${total}), got ${start}`);
  }
  const one = start === 1;
  return `${one ? "The first" : `The first ${start}`} of ${total} model cross-validation folds ${
    one ? "was" : "were"
  } left out: ${one ? "its" : "their"} training weeks cannot identify every coefficient (a column ` +
    `without variation before the test weeks).`;
}

/** The gate with what the folds hold fixed added to its reason (`NATIONAL_HELD_TRANSFORMS`). */
export function heldTransformsGate(gate: EvidenceGate): EvidenceGate {
  return { ...gate, reason: `${gate.reason} ${NATIONAL_HELD_TRANSFORMS}` };
}

/**
 * Importance rows with the forest's importance and the three ranks added (1 = largest; by |standardized|,
 * permutation and forest), sorted by the standardized rank.
 */
export function importanceRows(
  rows: {
    driver: string;
    standardized: number;
    lower: number;
    upper: number;
    permutation: number;
    permutationSd: number;
  }[],
  forest: (driver: string) => number,
): NationalImportanceRow[] {
  const forestValues = rows.map((r) => forest(r.driver));
  const stdRank = ranksDescending(rows.map((r) => Math.abs(r.standardized)));
  const permRank = ranksDescending(rows.map((r) => r.permutation));
  const forestRank = ranksDescending(forestValues);
  return rows.map((r, i) => ({
    ...r,
    forest: forestValues[i],
    rankStandardized: stdRank[i],
    rankPermutation: permRank[i],
    rankForest: forestRank[i],
  })).sort((a, b) => a.rankStandardized - b.rankStandardized);
}

// ---------------------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------------------

/** One sentence per sign verdict group: "a and b raise …". */
export function signSentence(
  rows: readonly { channel: string; verdict: SignVerdict | null }[],
  words: {
    positive: (who: string, one: boolean) => string;
    negative: (who: string, one: boolean) => string;
    zero: (who: string, one: boolean) => string;
    none: string;
  },
): string {
  const group = (v: SignVerdict | null) => rows.filter((r) => r.verdict === v).map((r) => r.channel);
  const parts: string[] = [];
  const add = (list: string[], f: (who: string, one: boolean) => string) => {
    if (list.length > 0) parts.push(f(joinAnd(list), list.length === 1));
  };
  add(group("positive"), words.positive);
  add(group("negative"), words.negative);
  add(group("not distinguishable from zero"), words.zero);
  if (group(null).length > 0) parts.push(words.none);
  return parts.join(" ");
}

/** How the bootstrap treated the transforms, and how much wider re-choosing them made the intervals. */
export function bootstrapSentence(
  transforms: "re-chosen" | "fixed",
  widening: ReturnType<typeof intervalWidening> | null,
): string {
  if (transforms === "fixed") {
    return "Every replicate holds the chosen carryovers and saturation fixed, so the intervals leave out the " +
      "uncertainty of that choice (in the project's coverage study such intervals covered 74–86% of true values " +
      "instead of 95%).";
  }
  const first =
    "Every replicate re-chooses each carryover θ (among all searched values) and each direct channel's " +
    "saturation curve (among all searched curves) by least squares on its resampled weeks, so the intervals, " +
    "θ's included, carry the uncertainty of the transform choice; each replicate's θ is then refined between " +
    "the grid values next to its choice, so a θ interval is not limited to grid values.";
  if (!widening || widening.rows.length === 0) return first;
  const widest = widening.rows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const x = (v: number) => `${v.toFixed(2)}×`;
  return `${first} The headline intervals are a median ${
    x(widening.median)
  } as wide as the same bootstrap's ` +
    `with the transforms held fixed (${x(widening.min)} to ${x(widening.max)} over ${widening.rows.length} ` +
    `quantities; widest: ${
      QUANTITY_WORDS[widest.quantity] ?? widest.quantity
    } of ${widest.channel}), because a replicate that picks another ` +
    `carryover or curve moves the effects through the long-run multiplier 1/(1 − θ) and the adstocked sums, ` +
    `variation the fixed-transform bootstrap does not see.`;
}

/**
 * The outcome's bootstrap as the results report it (`NationalOutcome.bootstrap`): its size, blocks and seed,
 * whether the transforms were re-chosen, the widening over the fixed-transform bootstrap and the sentence.
 */
export function bootstrapSummary(
  b: { reps: number; nFailed: number; blockLength: number; circular: boolean; seed: number },
  transforms: "re-chosen" | "fixed",
  widening: ReturnType<typeof intervalWidening> | null,
): NonNullable<NationalOutcome["bootstrap"]> {
  return {
    reps: b.reps,
    failed: b.nFailed,
    blockLength: b.blockLength,
    circular: b.circular,
    seed: b.seed,
    transforms,
    widening,
    sentence: bootstrapSentence(transforms, widening),
    sizeSentence: bootstrapSizeSentence(b),
  };
}

/**
 * The bootstrap's size in one sentence: replicates, blocks, seed, and how many replicates were left out.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const s = bootstrapSizeSentence({ reps: 999, nFailed: 80, blockLength: 8, circular: true, seed: 1 });
 * assertClose(s.includes("80 of 999 replicates could not be fitted"), true, 0);
 * ```
 */
export function bootstrapSizeSentence(
  b: { reps: number; nFailed: number; blockLength: number; circular: boolean; seed: number },
): string {
  const base =
    `Bootstrap: ${b.reps} replicates, ${b.circular ? "circular " : ""}blocks of ${b.blockLength} ` +
    `weeks, seed ${b.seed}.`;
  return b.nFailed > 0
    ? `${base} ${b.nFailed} of ${b.reps} replicates could not be fitted (a resample without enough variation ` +
      `in a column) and were left out; the intervals rest on the other ${b.reps - b.nFailed}.`
    : base;
}

/** Reader words for the bootstrap's effect quantities (`intervalWidening` rows). */
const QUANTITY_WORDS: Readonly<Record<string, string>> = {
  mediatorPerDollar: "the search dollars per dollar",
  indirectPerDollar: "the indirect effect per dollar",
  directPerDollar: "the direct effect per dollar",
  totalPerDollar: "the total effect per dollar",
  contribution: "the contribution",
  roi: "the ROI",
  elasticity: "the price elasticity",
  lift: "the promotion lift",
};

/** Items joined as prose: "a", "a and b", "a, b and c". */
export function joinAnd(list: readonly string[]): string {
  return list.length <= 1 ? list.join("") : `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}

/** Sum of `x` over the given row indices. */
export function sumOver(x: Float64Array, rows: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < rows.length; i++) s += x[rows[i]];
  return s;
}
