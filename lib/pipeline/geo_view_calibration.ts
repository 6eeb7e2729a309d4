/**
 * Notebook 05's lift-test section: the experiments file read (when one is given), the geo model calibrated
 * with it, and what the results JSON holds about it.
 *
 * @module
 */
import { experimentContext, type ExperimentFile, loadExperiments } from "../data/experiments.ts";
import type { Dataset } from "../data/types.ts";
import { calibrateGeo, type CalibrationOptions, type GeoCalibrationInput } from "./calibration.ts";
import type { CalibrationResult } from "./calibration_core.ts";

/** The experiments' part of the results JSON (`results.calibration`). */
export type GeoCalibrationResults =
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

/** The lift-test section's inputs for `calibrationSection`, and its results. */
export interface GeoCalibrationView {
  /** The experiments file as read (experiments on other targets skipped), or null without one. */
  readonly file: ExperimentFile | null;
  /** The calibration (`calibrateGeo`), or null without a file. */
  readonly result: CalibrationResult | null;
  /** For the results JSON. */
  readonly results: GeoCalibrationResults;
}

/**
 * The results JSON's calibration entry: the file, its skipped rows and warnings and the calibration; or that
 * no lift tests were given.
 *
 * @param path the experiments file, or undefined without one
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(geoCalibrationResults(undefined, null, null), { file: null, sentence: "No lift-test results were given." }, 1e-9);
 * ```
 */
export function geoCalibrationResults(
  path: string | undefined,
  file: ExperimentFile | null,
  result: CalibrationResult | null,
): GeoCalibrationResults {
  return path && file !== null && result !== null
    ? { file: path, skipped: file.skipped, warnings: file.warnings, ...result }
    : { file: null, sentence: "No lift-test results were given." };
}

/**
 * Reads the lift tests at `path` against the panel (rows on another target skipped) and calibrates the geo
 * model with them; without a path, nothing is read and the section says no tests were given.
 *
 * @param geo the geo pipeline's result
 * @param dataset the panel as loaded (the experiments' channels, dates and geos are checked against it)
 * @param path the experiments CSV, or undefined
 * @param options the sentences' formats (`calibrateGeo`'s options)
 * @example
 * ```ts ignore
 * const c = geoCalibration(geo, dataset, "data/experiments.example.csv", { format: T });
 * await show(...calibrationSection(c.result, c.file));
 * ```
 */
export function geoCalibration(
  geo: GeoCalibrationInput,
  dataset: Dataset,
  path: string | undefined,
  options: CalibrationOptions = {},
): GeoCalibrationView {
  const file = path ? loadExperiments(path, experimentContext(dataset, "skip")) : null;
  const result = file ? calibrateGeo(geo, dataset, file.experiments, options) : null;
  return { file, result, results: geoCalibrationResults(path, file, result) };
}
