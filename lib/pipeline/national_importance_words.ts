/**
 * The sentence notebook 04 shows under the in-sample driver importance of the national outcome model.
 *
 * @module
 */
import { signVerdict } from "../evaluate/verdicts.ts";
import type { NationalImportanceRow } from "./national_outcome_types.ts";

/**
 * Where the in-sample rankings stand: they describe the fit (the out-of-sample ranking of the model comparison
 * comes first), the largest standardized effect with its ranks by permutation and by the forest, and the
 * drivers whose standardized effect's 95% interval includes zero (their rank is not established).
 *
 * @param rows importance rows, sorted by |standardized| (as `NationalOutcome.importance`)
 * @param label display name of a driver
 * @example
 * ```ts ignore
 * importanceSentence(national.outcome.importance, channelLabel);
 * ```
 */
export function importanceSentence(
  rows: readonly NationalImportanceRow[],
  label: (driver: string) => string,
): string {
  if (rows.length === 0) return "";
  const top = rows[0];
  const zero = "not distinguishable from zero";
  // rows without an interval (no bootstrap) are not judged
  const spansZero = rows
    .filter((r) =>
      Number.isFinite(r.lower) && Number.isFinite(r.upper) && signVerdict(r.lower, r.upper) === zero
    )
    .map((r) => label(r.driver));
  return "**Read the out-of-sample ranking first** (the model comparison below: how much test R² each " +
    "driver's shuffling costs on weeks the model was not fitted on). These in-sample rankings describe the " +
    `fit: the largest standardized effect is ${
      label(top.driver)
    }, ranked ${top.rankPermutation} by in-sample ` +
    `permutation and ${top.rankForest} in the in-sample forest${
      spansZero.includes(label(top.driver)) ? ", but its 95% interval includes zero" : ""
    }.${
      spansZero.length > 0
        ? ` The standardized effect's interval includes zero for ${
          spansZero.join(", ")
        }: their rank is not ` +
          "established."
        : ""
    }`;
}
