/**
 * Notebook 04's effects and mediation sections: per social channel its indirect, direct and total effect per
 * dollar (with the truth when one is known), or the single-stage model's effect per dollar of each media
 * channel; the mediation verdicts; and the mediator's two stage-2 coefficients with the test that they are
 * equal, in words.
 *
 * @module
 */
import { channelLabel } from "../data/labels.ts";
import type { Truth } from "../data/truth_schema.ts";
import { pText } from "../evaluate/evidence_gate.ts";
import { trueValue, truthCoverageSentence } from "../evaluate/truth_coverage.ts";
import type { NationalInterval, NationalMediation, NationalOutcome } from "./national_types.ts";

/** The sentence formats the effects views need: numbers, column names and pipeline sentences for display. */
export interface OutcomeSentenceFormat {
  /** A return per dollar or a coefficient, e.g. two decimals ("−0.15"). */
  readonly ratio: (x: number) => string;
  /** A column's display name in prose (e.g. `channelLabel` with the prose names). */
  readonly label: (column: string) => string;
  /** A sentence built from column names, for display (e.g. `labelText`); identity to keep the names. */
  readonly text: (sentence: string) => string;
}

const verdictWords = (v: Pick<NationalInterval, "verdict">) => v.verdict ?? "no interval";

/** A social channel's effect per dollar on one path, as the effects table and the results JSON hold it. */
export interface SocialEffectRow {
  /** The social channel (column name). */
  readonly channel: string;
  /** Which path: through the mediator, its own, or both. */
  readonly effect: "indirect" | "direct" | "total";
  /** Target per social dollar, long run. */
  readonly estimate: number;
  /** Lower end of the 95% bootstrap interval (NaN without one). */
  readonly lower: number;
  /** Upper end (NaN without one). */
  readonly upper: number;
  /** Share of bootstrap replicates ≤ 0 (NaN without a bootstrap). */
  readonly shareNonPositive: number;
  /** The interval's sign verdict, or "no interval". */
  readonly sign: string;
  /** The true value; NaN without a truth or where it has none. */
  readonly truth: number;
}

/**
 * One row per social channel and path, with the true long-run value per dollar (`trueValue`) when a truth is
 * given.
 *
 * @param truth the data's ground truth, if known
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const e = { channel: "tv_spend", effect: "total", estimate: 1, lower: 0.5, upper: 2, shareNonPositive: 0,
 *   verdict: "positive" } as const;
 * assertClose(socialEffectRows({ socialEffects: [e] })[0], { sign: "positive", truth: NaN }, 0);
 * ```
 */
export function socialEffectRows(
  mediation: Pick<NationalMediation, "socialEffects">,
  truth?: Truth,
): SocialEffectRow[] {
  return mediation.socialEffects.map((e) => {
    const t = truth
      ? trueValue(truth, {
        model: "national",
        quantity: `${e.effect}_per_dollar`,
        channel: e.channel,
        estimate: e.estimate,
        lower: e.lower,
        upper: e.upper,
      })
      : undefined;
    return {
      channel: e.channel,
      effect: e.effect,
      estimate: e.estimate,
      lower: e.lower,
      upper: e.upper,
      shareNonPositive: e.shareNonPositive,
      sign: verdictWords(e),
      truth: t ?? NaN,
    };
  });
}

/** A row of the effects chart: "Facebook · indirect" with its estimate, interval and (with a truth) true value. */
export interface SocialEffectChartRow {
  /** Channel and path, e.g. "Facebook · indirect". */
  readonly label: string;
  /** Target per social dollar. */
  readonly estimate: number;
  /** Lower end of the interval. */
  readonly lower: number;
  /** Upper end of the interval. */
  readonly upper: number;
  /** The true value (undefined without a truth). */
  readonly truth: number | undefined;
}

/**
 * The effects chart's rows; the truth marks only when a truth was given.
 *
 * @param hasTruth whether a ground truth is known
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const r = { channel: "facebook_spend", effect: "indirect", estimate: 1, lower: 0, upper: 2, shareNonPositive: 0,
 *   sign: "positive", truth: 1.5 } as const;
 * assertClose(socialEffectChartRows([r], false)[0], { label: "Facebook · indirect", truth: undefined }, 0);
 * ```
 */
export function socialEffectChartRows(
  rows: readonly SocialEffectRow[],
  hasTruth: boolean,
): SocialEffectChartRow[] {
  return rows.map((r) => ({
    label: `${channelLabel(r.channel)} · ${r.effect}`,
    estimate: r.estimate,
    lower: r.lower,
    upper: r.upper,
    truth: hasTruth ? r.truth : undefined,
  }));
}

/**
 * How many of the effects' intervals cover the true value (`truthCoverageSentence`), each effect named
 * "Facebook indirect".
 *
 * @param ratio the numbers' format
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const r = { channel: "tv_spend", effect: "total", estimate: 1, lower: 0.5, upper: 2, shareNonPositive: 0,
 *   sign: "positive", truth: 1.5 } as const;
 * assertClose(socialEffectsTruthSentence([r], String), "The 95% intervals cover the true value for 1 of 1 effects.", 0);
 * ```
 */
export function socialEffectsTruthSentence(
  rows: readonly SocialEffectRow[],
  ratio: (x: number) => string,
): string {
  return truthCoverageSentence(
    rows.map((r) => ({ ...r, label: `${channelLabel(r.channel)} ${r.effect}` })),
    ratio,
  );
}

/** A media channel's effect per dollar in the single-stage model, as its table and the results JSON hold it. */
export interface PerDollarRow {
  /** The media channel (column name). */
  readonly channel: string;
  /** Target per dollar, long run. */
  readonly perDollar: number;
  /** Lower end of the 95% bootstrap interval (NaN without one). */
  readonly lower: number;
  /** Upper end (NaN without one). */
  readonly upper: number;
  /** The interval's sign verdict, or "no interval". */
  readonly sign: string;
}

/** Without the two-stage model there are no paths through a mediator (the effects section's opening). */
export const NO_MEDIATOR_EFFECTS: string =
  "There are no indirect or direct effects through a mediator: the two-stage model was not fitted (the reason " +
  "is stated at the top of this notebook).";

/** What the single-stage model's effects section says when it has no media spend channel. */
export const NO_MEDIA_CHANNEL: string =
  "The single-stage model has no media spend channel; the direct channels are reported with the contributions " +
  "below.";

/** Without the two-stage model there is no mediation to assess (the mediation section). */
export const NO_MEDIATION: string =
  "Mediation cannot be assessed without the two-stage model (the reason is stated at the top of this notebook).";

/**
 * The single-stage model's long-run effect per dollar of each media channel, with its interval and sign.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const p = { channel: "tv_spend", estimate: 0.4, lower: NaN, upper: NaN, shareNonPositive: NaN, verdict: null };
 * assertClose(perDollarRows({ perDollar: [p] }), [{ channel: "tv_spend", perDollar: 0.4, sign: "no interval" }], 0);
 * ```
 */
export function perDollarRows(outcome: Pick<NationalOutcome, "perDollar">): PerDollarRow[] {
  return outcome.perDollar.map((p) => ({
    channel: p.channel,
    perDollar: p.estimate,
    lower: p.lower,
    upper: p.upper,
    sign: verdictWords(p),
  }));
}

/** A social channel's mediation verdict, as the mediation table and the results JSON hold it. */
export interface MediationRow {
  /** The social channel (column name). */
  readonly channel: string;
  /** Indirect effect per dollar. */
  readonly indirect: number;
  /** Sobel test p-value of the indirect effect. */
  readonly sobelP: number;
  /** Lower end of the indirect effect's interval. */
  readonly indirectLower: number;
  /** Upper end. */
  readonly indirectUpper: number;
  /** Direct effect per dollar (NaN without a direct path). */
  readonly direct: number;
  /** Lower end of the direct effect's interval. */
  readonly directLower: number;
  /** Upper end. */
  readonly directUpper: number;
  /** The kind of mediation (Zhao–Lynch–Chen), or "no interval". */
  readonly kind: string;
}

/**
 * One row per social channel: both effects with their intervals, the Sobel p-value and the kind of mediation.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const v = { channel: "tv_spend", indirect: 1, indirectLower: NaN, indirectUpper: NaN, sobelPValue: 0.2,
 *   direct: NaN, directLower: NaN, directUpper: NaN, kind: null, sentence: "" };
 * assertClose(mediationRows({ verdicts: [v] })[0], { sobelP: 0.2, kind: "no interval" }, 0);
 * ```
 */
export function mediationRows(mediation: Pick<NationalMediation, "verdicts">): MediationRow[] {
  return mediation.verdicts.map((v) => ({
    channel: v.channel,
    indirect: v.indirect,
    sobelP: v.sobelPValue,
    indirectLower: v.indirectLower,
    indirectUpper: v.indirectUpper,
    direct: v.direct,
    directLower: v.directLower,
    directUpper: v.directUpper,
    kind: v.kind ?? "no interval",
  }));
}

/**
 * The mediation verdicts as a markdown list, one channel's sentence per item (shown through `f.text`).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const verdicts = [{ sentence: "a: complete mediation." }, { sentence: "b: no mediation." }];
 * assertClose(mediationBullets({ verdicts }, (s) => s), "- a: complete mediation.\n- b: no mediation.", 0);
 * ```
 */
export function mediationBullets(
  mediation: { readonly verdicts: readonly { readonly sentence: string }[] },
  text: (sentence: string) => string,
): string {
  return mediation.verdicts.map((v) => `- ${text(v.sentence)}`).join("\n");
}

/** The mediator's stage-2 coefficients and their equality test, as the results JSON holds them. */
export type MediatorResults = Pick<
  NationalMediation["mediator"],
  "channel" | "b" | "bResidual" | "waldF" | "waldP"
>;

/**
 * The mediator's two coefficients, the Wald statistic and its p-value (its sentence left out).
 *
 * @example
 * ```ts ignore
 * results.mediator = mediatorResults(national.mediation!);
 * ```
 */
export function mediatorResults(mediation: Pick<NationalMediation, "mediator">): MediatorResults {
  const m = mediation.mediator;
  return { channel: m.channel, b: m.b, bResidual: m.bResidual, waldF: m.waldF, waldP: m.waldP };
}

/**
 * The Wald test's statistic and p-value for prose: "F = 3.10, p = 0.046", "p < 0.001" below 0.001 (`pText`),
 * "p = n/a" when the test could not be computed.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(waldClause(12.3, 0.0002, (x) => x.toFixed(2)), "F = 12.30, p < 0.001", 0);
 * assertClose(waldClause(NaN, NaN, (x) => (Number.isNaN(x) ? "n/a" : x.toFixed(2))), "F = n/a, p = n/a", 0);
 * ```
 */
export function waldClause(statistic: number, p: number, ratio: (x: number) => string): string {
  return `F = ${ratio(statistic)}, ${Number.isFinite(p) ? pText(p) : "p = n/a"}`;
}

/**
 * The mediator's paragraph: what its social-driven part returns per adstocked dollar (with the truth's
 * coefficient when known) and what the rest of it returns, each with its interval's sign, then the test that
 * the two are equal and what it says.
 *
 * @param target the target column's name, as the notebook writes it in prose
 * @param truth the data's ground truth, if known (its stage-2 coefficient of the mediator is quoted)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const part = (estimate: number) => ({ estimate, lower: estimate - 1, upper: estimate + 1, shareNonPositive: 0,
 *   verdict: null });
 * const m = { channel: "g", b: part(2), bResidual: part(3), waldF: 1, waldP: 0.5, sentence: "Alike." };
 * const s = mediatorSentence({ mediator: m }, "sales", undefined, { ratio: String, label: (c) => c, text: (t) => t });
 * assertClose(s.endsWith("(2 to 4: no interval). The Wald test of equal effects gives F = 1, p = 0.500. Alike."), true, 0);
 * ```
 */
export function mediatorSentence(
  mediation: Pick<NationalMediation, "mediator">,
  target: string,
  truth: Truth | undefined,
  f: OutcomeSentenceFormat,
): string {
  const m = mediation.mediator, name = f.label(m.channel);
  const trueB = truth ? `; true ${f.ratio(truth.weekly.stage2.google)}` : "";
  return `The social-driven part of ${name} returns **${
    f.ratio(m.b.estimate)
  }** ${target} per adstocked dollar ` +
    `(95% interval ${f.ratio(m.b.lower)} to ${f.ratio(m.b.upper)}: ${
      verdictWords(m.b)
    }${trueB}), the rest of ` +
    `${name} ${f.ratio(m.bResidual.estimate)} (${f.ratio(m.bResidual.lower)} to ${
      f.ratio(m.bResidual.upper)
    }: ` +
    `${verdictWords(m.bResidual)}). The Wald test of equal effects gives ${
      waldClause(m.waldF, m.waldP, f.ratio)
    }. ${f.text(m.sentence)}`;
}
