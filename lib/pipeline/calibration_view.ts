/**
 * What a notebook shows and publishes of its lift-test calibration (notebooks 04 and 05): the section's
 * inputs (`CalibrationView`) and the results JSON's entry (`calibrationResults`).
 *
 * @module
 */
import type { ExperimentFile } from "../data/experiments.ts";
import type { CalibrationResult } from "./calibration_core.ts";

/** The lift-test part of a results JSON (`results.calibration` of notebooks 04 and 05). */
export type CalibrationResults =
  | ({
    /** The experiments file. */
    readonly file: string;
    /** Rows measured in another target, left out. */
    readonly skipped: ExperimentFile["skipped"];
    /** What reading the file repaired or noticed. */
    readonly warnings: ExperimentFile["warnings"];
  } & CalibrationResult)
  | {
    /** No file. */
    readonly file: null;
    /** That no lift tests were given. */
    readonly sentence: string;
  };

/** A lift-test section's inputs for `calibrationSection`, and its results. */
export interface CalibrationView {
  /** The experiments file as read (experiments on other targets skipped), or null without one. */
  readonly file: ExperimentFile | null;
  /** The calibration (`calibrateGeo` or `calibrateNational`), or null without a file. */
  readonly result: CalibrationResult | null;
  /** For the results JSON. */
  readonly results: CalibrationResults;
}

/**
 * The results JSON's calibration entry: the file, its skipped rows and warnings and the calibration; or that
 * no lift tests were given.
 *
 * @param path the experiments file, or undefined without one
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(calibrationResults(undefined, null, null), { file: null, sentence: "No lift-test results were given." }, 1e-9);
 * ```
 */
export function calibrationResults(
  path: string | undefined,
  file: ExperimentFile | null,
  result: CalibrationResult | null,
): CalibrationResults {
  return path && file !== null && result !== null
    ? { file: path, skipped: file.skipped, warnings: file.warnings, ...result }
    : { file: null, sentence: "No lift-test results were given." };
}
