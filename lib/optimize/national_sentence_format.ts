/**
 * The formatters of notebook 07's national sentences (`NationalSentenceFormat`), plain defaults for tests
 * (`PLAIN_SENTENCE_FORMAT`), and the one-scale format of an estimate shown with its interval (`together`).
 *
 * @module
 */

/** Formatters the sentences use (the notebook passes lib/plot's). */
export interface NationalSentenceFormat {
  /** An amount of the target ("$12,340"). */
  readonly amount: (x: number) => string;
  /** Amounts shown together (an estimate and its interval) on one scale; default `amount` for each. */
  readonly amounts?: (values: ArrayLike<number>) => (x: number) => string;
  /** A return per dollar ("1.23"). */
  readonly ratio: (x: number) => string;
  /** A fraction as a percentage ("12.3%"). */
  readonly pct: (x: number) => string;
  /** A channel's display name. */
  readonly label: (channel: string) => string;
}

const plainNumber = (x: number) =>
  Number.isFinite(x) ? x.toLocaleString("en-US", { maximumSignificantDigits: 3 }) : "n/a";

/** Plain formats for tests and non-notebook use. */
export const PLAIN_SENTENCE_FORMAT: NationalSentenceFormat = {
  amount: plainNumber,
  ratio: plainNumber,
  pct: (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "n/a"),
  label: (c) => c,
};

/** The format for amounts shown together (an estimate and its interval): on one scale when `f` can. */
export function together(f: NationalSentenceFormat, values: readonly number[]): (x: number) => string {
  return f.amounts ? f.amounts(values) : f.amount;
}
