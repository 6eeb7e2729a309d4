/**
 * Notebook 01's view of national spend: which channels it looks at, their zero-spend weeks with the
 * sentence on the channel dark most often, and the shares of paid spend with the sentence on the largest.
 *
 * @module
 */
import type { Dataset, Roles } from "../data/types.ts";
import { channelLabel } from "../data/labels.ts";
import { money, num, pct } from "../plot/format.ts";
import { type SpendShare, spendShares, zeroRuns } from "./profile.ts";

/** The national channels notebook 01 looks at, from the roles. */
export interface EdaChannels {
  /** Mediator, social channels and direct channels, in that order (the zero-spend table's rows). */
  readonly national: readonly string[];
  /** Mediator and social channels: the paid media whose spend shares are compared. */
  readonly paid: readonly string[];
  /** The national channels that are not direct (the series of the weekly spend chart). */
  readonly spendSeries: readonly string[];
}

/**
 * The channels of a weekly file's roles, grouped as notebook 01 shows them.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * import { WEEKLY_ROLES } from "../data/roles.ts";
 * assertClose(edaChannels({ ...WEEKLY_ROLES, mediator: undefined, social: ["tv"], direct: ["sms"] }),
 *   { national: ["tv", "sms"], paid: ["tv"], spendSeries: ["tv"] }, 0);
 * ```
 */
export function edaChannels(roles: Roles): EdaChannels {
  const national = [roles.mediator, ...roles.social, ...roles.direct].filter((c): c is string =>
    c !== undefined
  );
  return {
    national,
    paid: [roles.mediator, ...roles.social].filter((c): c is string => c !== undefined),
    spendSeries: national.filter((c) => !roles.direct.includes(c)),
  };
}

/** One channel's zero-spend weeks, as a table row. */
export interface EdaZeroSpendRow {
  /** The channel's label (`channelLabel`). */
  readonly channel: string;
  /** Weeks with spend (or sends) exactly zero. */
  readonly zeroWeeks: number;
  /** `zeroWeeks` over the weeks of the file, in [0, 1]. */
  readonly share: number;
  /** The longest run of consecutive zero weeks; 0 when there is none. */
  readonly longestRun: number;
  /** Number of runs of consecutive zero weeks. */
  readonly runs: number;
}

/** The zero-spend table and what it says. */
export interface EdaZeroSpend {
  /** One row per national channel (`EdaChannels.national`); empty when the roles map none. */
  readonly rows: readonly EdaZeroSpendRow[];
  /**
   * The channel with most zero weeks (the first of a tie), with its share and longest dark stretch; or
   * that every channel is active every week; or that the roles map no national channel.
   */
  readonly sentence: string;
}

/**
 * Zero-spend weeks of each channel of a weekly file and the sentence on the darkest one.
 *
 * @param channels the channels to tabulate (`EdaChannels.national`)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * import { WEEKLY_ROLES } from "../data/roles.ts";
 * const ds = { source: "x", n: 2, dates: ["2024-01-01", "2024-01-08"], roles: WEEKLY_ROLES, warnings: [],
 *   columns: { facebook_spend: new Float64Array([1, 2]) } };
 * assertClose(edaZeroSpend(ds, ["facebook_spend"]).sentence, "Every national channel is active in every week.", 0);
 * ```
 */
export function edaZeroSpend(ds: Dataset, channels: readonly string[]): EdaZeroSpend {
  const rows = channels.map((c) => {
    const z = zeroRuns(ds.columns[c]);
    return {
      channel: channelLabel(c),
      zeroWeeks: z.zeros,
      share: z.zeros / ds.n,
      longestRun: z.longestRun,
      runs: z.runs.length,
    };
  });
  if (rows.length === 0) return { rows, sentence: "The roles map no national channels." };
  const darkest = [...rows].sort((a, b) => b.zeroWeeks - a.zeroWeeks)[0];
  const sentence = darkest.zeroWeeks === 0
    ? "Every national channel is active in every week."
    : `The channel dark most often is **${darkest.channel}**: ${num(darkest.zeroWeeks)} of ${num(ds.n)} weeks
(${pct(darkest.share)}), with a longest dark stretch of ${num(darkest.longestRun)} weeks.`;
  return { rows, sentence };
}

/** The shares of paid spend and what they say. */
export interface EdaSpendShares {
  /** Every paid channel's total and share, largest total first (ties keep the roles' order). */
  readonly shares: readonly SpendShare[];
  /** The shares to chart: `shares` when some paid spend is mapped, else empty. */
  readonly bars: readonly SpendShare[];
  /** The channel with the largest share, its share and total; or that no paid spend is mapped. */
  readonly sentence: string;
}

/**
 * Shares of paid spend of a weekly file, largest first, and the sentence on the largest.
 *
 * @param paid the paid channels (`EdaChannels.paid`)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * import { WEEKLY_ROLES } from "../data/roles.ts";
 * const ds = { source: "x", n: 2, dates: ["2024-01-01", "2024-01-08"], roles: WEEKLY_ROLES, warnings: [],
 *   columns: { facebook_spend: new Float64Array([0, 0]) } };
 * assertClose(edaSpendShares(ds, ["facebook_spend"]).bars, [], 0);
 * ```
 */
export function edaSpendShares(ds: Dataset, paid: readonly string[]): EdaSpendShares {
  const shares = spendShares(ds, paid).sort((a, b) => b.total - a.total);
  if (shares.length === 0 || !(shares[0].total > 0)) {
    return { shares, bars: [], sentence: "No paid media spend is mapped in the national file." };
  }
  const top = shares[0];
  return {
    shares,
    bars: shares,
    sentence: `**${channelLabel(top.channel)}** takes the largest share of paid spend (${pct(top.share)}, ${
      money(top.total)
    } in total).`,
  };
}
