/**
 * The sentence notebook 04 shows under the in-sample driver importance of the national outcome model.
 *
 * @module
 */
import { signVerdict } from "../evaluate/verdicts.ts";
import type { NationalImportanceRow } from "./national_outcome_types.ts";

/**
 * Where the in-sample rankings stand: they describe the fit (when the model comparison is shown, its
 * out-of-sample ranking comes first), the largest standardized effect with its ranks by permutation and by the
 * forest, and the drivers whose standardized effect's 95% interval includes zero (their rank is not
 * established).
 *
 * @param rows importance rows, sorted by |standardized| (as `NationalOutcome.importance`)
 * @param label display name of a driver
 * @param comparisonShown whether the notebook shows the model comparison's out-of-sample importance
 *   (`nationalComparison(…).skipped === null`; it runs exactly when the outcome's cross-validation did): `true`
 *   points to it first, `false` says it did not run, and without it (undefined) the sentence says neither
 * @example
 * ```ts ignore
 * importanceSentence(national.outcome.importance, channelLabel, national.outcome.crossValidation !== null);
 * ```
 */
export function importanceSentence(
  rows: readonly NationalImportanceRow[],
  label: (driver: string) => string,
  comparisonShown?: boolean,
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
  const lead = comparisonShown
    ? "**Read the out-of-sample ranking first** (the model comparison below: how much test R² each " +
      "driver's shuffling costs on weeks the model was not fitted on). These in-sample rankings describe the fit"
    : comparisonShown === false
    ? "These in-sample rankings describe the fit (no out-of-sample ranking: the model comparison did not run)"
    : "These in-sample rankings describe the fit";
  return `${lead}: the largest standardized effect is ${
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
