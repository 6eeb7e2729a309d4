/**
 * The collinearity verdict in words: which regressors' variance inflation factors exceed 10 (Kutner et al.
 * 2005) and whether the standardized design's condition number exceeds 30 (Belsley, Kuh & Welsch 1980).
 *
 * @module
 */

/** VIF above which a coefficient's variance counts as badly inflated (Kutner et al. 2005, §10.5: 10). */
export const HIGH_VIF = 10;
/** Condition number of the standardized design above which collinearity is notable (Belsley, Kuh & Welsch 1980: 30). */
export const HIGH_CONDITION_NUMBER = 30;

/** What the variance inflation factors and the condition number say, in words. */
export interface CollinearityVerdict {
  /** Regressors with VIF above `HIGH_VIF`, largest first. */
  readonly high: readonly { readonly name: string; readonly vif: number }[];
  /** The condition number given (of the standardized design); `Infinity` for exactly collinear regressors. */
  readonly conditionNumber: number;
  /**
   * True when some VIF exceeds `HIGH_VIF` or the (finite) condition number exceeds `HIGH_CONDITION_NUMBER`.
   */
  readonly notable: boolean;
  /**
   * Both findings in words, ready to print: the high-VIF regressors (or none) and the condition number's
   * reading.
   */
  readonly sentence: string;
}

/**
 * The collinearity verdict: regressors whose VIF exceeds 10 (their variance is inflated more than tenfold by
 * their correlation with the others, so their individual estimates are fragile, though combinations such as
 * total effects can still be well determined) and whether the standardized condition number exceeds 30.
 *
 * @param format how to write a VIF or condition number (default one decimal)
 * @param label how to name a regressor in the sentence (default its name; e.g. `channelLabel`)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(collinearityVerdict([{ name: "a", vif: 12 }, { name: "b", vif: 2 }], 8).high.map((h) => h.name), ["a"], 1e-9);
 * ```
 */
export function collinearityVerdict(
  rows: readonly { readonly name: string; readonly vif: number }[],
  conditionNumber: number,
  format: (x: number) => string = (x) => x.toFixed(1),
  label: (name: string) => string = (name) => name,
): CollinearityVerdict {
  const high = rows.filter((r) => r.vif > HIGH_VIF).sort((a, b) => b.vif - a.vif);
  const list = high.map((r) => `${label(r.name)} (${format(r.vif)})`).join(", ");
  const vifPart = high.length === 0
    ? `No regressor has a VIF above ${HIGH_VIF}.`
    : `${list} ${high.length === 1 ? "has a VIF" : "have VIFs"} above ${HIGH_VIF}: ${
      high.length === 1 ? "its" : "their"
    } individual coefficients are imprecise, though combinations (such as total effects) can still be well determined.`;
  const notable = Number.isFinite(conditionNumber) && conditionNumber > HIGH_CONDITION_NUMBER;
  const condPart = Number.isFinite(conditionNumber)
    ? ` The condition number of the standardized design is ${format(conditionNumber)}${
      notable
        ? ` (above ${HIGH_CONDITION_NUMBER}: notable collinearity)`
        : high.length === 0
        ? ` (at most ${HIGH_CONDITION_NUMBER}: no notable collinearity)`
        : ` (at most ${HIGH_CONDITION_NUMBER}: the design as a whole is well conditioned; the collinearity is ` +
          `confined to the regressors above)`
    }.`
    : " The condition number is infinite: some regressors are exact linear combinations of others.";
  return { high, conditionNumber, notable: notable || high.length > 0, sentence: vifPart + condPart };
}
