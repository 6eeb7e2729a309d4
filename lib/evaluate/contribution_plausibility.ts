/**
 * Contribution plausibility (see `verdicts.ts`' module doc): whether each channel's modelled contribution is
 * a believable share of the outcome, with the flags and one sentence.
 *
 * @module
 */
import { channelLabel } from "../data/labels.ts";
import { defaultFormat } from "./verdict_format.ts";

/** One implausible contribution. */
export interface ContributionFlag {
  /** What is implausible: one channel above the modelled total, all media above it, a negative paid channel, or a modelled total that is not positive. */
  readonly kind:
    | "exceeds modelled total"
    | "media exceed modelled total"
    | "negative paid media"
    | "modelled total not positive";
  /** The channel, or `null` for a flag about all channels together. */
  readonly channel: string | null;
  /** The contribution flagged (the channels' sum for a flag about all of them), in target units. */
  readonly contribution: number;
  /** Contribution divided by the modelled total (NaN when the total is not positive). */
  readonly shareOfTotal: number;
  /** The flag and its numbers in one sentence. */
  readonly sentence: string;
}

/** `contributionPlausibility`'s result. */
export interface ContributionPlausibility {
  /** "plausible" when nothing is flagged, "implausible" otherwise. */
  readonly verdict: "plausible" | "implausible";
  /** Every flag, in the order checked. */
  readonly flags: readonly ContributionFlag[];
  /** Sum of all the rows' contributions. */
  readonly totalContribution: number;
  /** The sum of the model's fitted target over the same period (as passed in). */
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
 * @param options `paid`: the marketing channels, whose contribution must not be negative (default: every row),
 *   `format` for amounts in sentences, `target` name for sentences (default "the target"), `label` for channel
 *   names in sentences (default `channelLabel`)
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
    readonly label?: (channel: string) => string;
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
  const name = options.label ?? ((c: string) => channelLabel(c));
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
        sentence: `Implausible: the contribution of ${name(r.channel)}, ${f(r.contribution)}, is ${
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
        sentence: `Implausible: the contribution of ${name(r.channel)} is negative (${
          f(r.contribution)
        }); spending on a marketing channel is not expected to lower ${targetName}, so the estimate more likely reflects collinearity or a trend moving with its spend than a real loss.`,
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
    ? `No contribution is implausible: no marketing channel's contribution is negative, none exceeds the modelled total of ${targetName} (${
      f(modelledTotal)
    }), and together they do not exceed it.`
    : flags.map((x) => x.sentence).join(" ");
  return { verdict, flags, totalContribution, modelledTotal, sentence };
}
