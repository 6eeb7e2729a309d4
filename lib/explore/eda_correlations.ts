/**
 * Notebook 01's view of correlations in the national file: which columns enter the matrix, the pairs
 * correlated at or above a threshold with words for their strength, and how closely each social channel
 * moves with the mediator, with the sentence on what that means for the two-stage model.
 *
 * @module
 */
import type { Dataset, Roles } from "../data/types.ts";
import type { EnvelopeReport } from "../data/envelope.ts";
import { channelLabel } from "../data/labels.ts";
import { pearson } from "../stats/describe.ts";
import { correlatedPairs, correlationMatrix } from "../evaluate/correlation_matrix.ts";
import { CORRELATION_CONVENTION, correlationStrength } from "../evaluate/verdicts.ts";
import { num } from "../plot/format.ts";
import { pickColumns } from "./profile.ts";

/**
 * The columns of the national correlation matrix: paid channels, direct channels, price, promotion,
 * controls and the target, in that order, less those the envelope check drops for a reason other than
 * duplicating another column (a constant column has no correlation; a duplicate's is worth seeing).
 *
 * @param paid the paid channels (`EdaChannels.paid`)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * import { WEEKLY_ROLES } from "../data/roles.ts";
 * const roles = { ...WEEKLY_ROLES, direct: ["sms"], price: undefined, promotion: "promo", controls: [] };
 * const dropped = [{ column: "promo", reason: "constant" as const, sentence: "" }];
 * assertClose(edaCorrelationColumns(roles, ["tv"], { identification: { keep: [], dropped, zeroInGeos: [] } }),
 *   ["tv", "sms", "revenue"], 0);
 * ```
 */
export function edaCorrelationColumns(
  roles: Roles,
  paid: readonly string[],
  envelope: Pick<EnvelopeReport, "identification">,
): string[] {
  const excluded = new Set(
    envelope.identification.dropped
      .filter((d) => d.reason !== "duplicate" && d.reason !== "near-duplicate")
      .map((d) => d.column),
  );
  return [
    ...paid,
    ...roles.direct,
    ...(roles.price ? [roles.price] : []),
    ...(roles.promotion ? [roles.promotion] : []),
    ...roles.controls,
    roles.target,
  ].filter((c) => !excluded.has(c));
}

/** A strongly correlated pair of columns, as a table row. */
export interface EdaStrongPair {
  /** Label of the first column (earlier in the matrix). */
  readonly a: string;
  /** Label of the second column. */
  readonly b: string;
  /** Their Pearson correlation. */
  readonly r: number;
  /** Its strength in words (`correlationStrength(r).phrase`, e.g. "very strong positive"). */
  readonly strength: string;
}

/** The national correlation matrix and its strong pairs, as notebook 01 publishes them. */
export interface EdaCorrelations {
  /** Column names of the matrix (header names, not labels), its row and column order. */
  readonly names: readonly string[];
  /** k × k row-major Pearson correlations; NaN rows and columns for a constant column. */
  readonly matrix: Float64Array;
  /** Pairs with `|r|` at or above the threshold, labelled, in the matrix's order (`correlatedPairs`). */
  readonly strongPairs: readonly EdaStrongPair[];
  /** The convention behind the strength words (`CORRELATION_CONVENTION`). */
  readonly convention: string;
  /** What to say instead of the pairs when none reaches the threshold (`noStrongPairSentence`). */
  readonly noPairsSentence: string;
}

/**
 * The correlation matrix of the named columns and its pairs at or above `threshold`.
 *
 * @param names the columns (`edaCorrelationColumns`)
 * @param threshold `|r|` at or above which a pair is listed, in (0, 1]
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * import { WEEKLY_ROLES } from "../data/roles.ts";
 * const ds = { source: "x", n: 3, dates: ["2024-01-01", "2024-01-08", "2024-01-15"], roles: WEEKLY_ROLES,
 *   warnings: [], columns: { tv: new Float64Array([1, 2, 3]), revenue: new Float64Array([2, 4, 7]) } };
 * assertClose(edaCorrelations(ds, ["tv", "revenue"], 0.5).strongPairs[0].strength, "very strong positive", 0);
 * ```
 */
export function edaCorrelations(ds: Dataset, names: readonly string[], threshold: number): EdaCorrelations {
  const corr = correlationMatrix(pickColumns(ds, names));
  return {
    names: corr.names,
    matrix: corr.matrix,
    strongPairs: correlatedPairs(corr, threshold).map((p) => ({
      a: channelLabel(p.a),
      b: channelLabel(p.b),
      r: p.r,
      strength: correlationStrength(p.r).phrase,
    })),
    convention: CORRELATION_CONVENTION,
    noPairsSentence: noStrongPairSentence(threshold),
  };
}

/**
 * Said instead of the strong-pair table when no pair reaches the threshold.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(noStrongPairSentence(0.5), "No pair of columns correlates at |r| ≥ 0.5.", 0);
 * ```
 */
export function noStrongPairSentence(threshold: number): string {
  return `No pair of columns correlates at |r| ≥ ${num(threshold, 1)}.`;
}

/** One social channel's correlation with the mediator. */
export interface SocialMediatorCorrelation {
  /** The social channel's column. */
  readonly channel: string;
  /** Pearson correlation of its spend with the mediator's; NaN when either is constant. */
  readonly r: number;
}

/** How the social channels move with the mediator, and what that means for the models. */
export interface EdaSocialMediator {
  /** Each social channel's correlation, largest `|r|` first; undefined without a mediator or social channel. */
  readonly correlations: readonly SocialMediatorCorrelation[] | undefined;
  /**
   * The closest social channel and its correlation in words, then, for a very strong one, why a single
   * regression would split their credit unreliably, otherwise that the two-stage model separates the paths;
   * or that there is no social-to-mediator path to look at.
   */
  readonly sentence: string;
}

/**
 * Correlation of each social channel's spend with the mediator's, and the sentence on the closest.
 *
 * @throws RangeError when the closest correlation is NaN (a constant column)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * import { WEEKLY_ROLES } from "../data/roles.ts";
 * const ds = { source: "x", n: 1, dates: ["2024-01-01"], roles: { ...WEEKLY_ROLES, mediator: undefined },
 *   warnings: [], columns: {} };
 * assertClose(edaSocialMediator(ds).correlations, undefined, 0);
 * ```
 */
export function edaSocialMediator(ds: Dataset): EdaSocialMediator {
  const { mediator, social } = ds.roles;
  if (!mediator || social.length === 0) {
    return {
      correlations: undefined,
      sentence:
        "The roles map no mediator or no social channel, so there is no social-to-search path to look " +
        "at; notebooks 03–04 say what they fit instead.",
    };
  }
  const correlations = social.map((s) => ({ channel: s, r: pearson(ds.columns[s], ds.columns[mediator]) }))
    .sort((a, b) => Math.abs(b.r) - Math.abs(a.r));
  const top = correlations[0];
  const strength = correlationStrength(top.r);
  const m = channelLabel(mediator);
  const meaning = strength.magnitude === "very strong"
    ? `That is high enough that a single regression with both would split their credit unreliably; the ` +
      `two-stage model treats ${m} as a mediator of social spend instead.`
    : `The two-stage model of notebooks 03–04 separates the path through ${m} from the direct path.`;
  return {
    correlations,
    sentence: `${
      correlations.length === 1
        ? `The one social channel, **${channelLabel(top.channel)}**, and **${m}** have`
        : `Of the social channels, **${channelLabel(top.channel)}** moves most closely with **${m}**:`
    } a ${strength.phrase} correlation of **${num(top.r, 2)}**.\n${meaning}`,
  };
}
