/**
 * Notebook 05's lift-test section: the experiments file read (when one is given), the geo model calibrated
 * with it, and what the results JSON holds about it.
 *
 * @module
 */
import { experimentContext, loadExperiments } from "../data/experiments.ts";
import type { Dataset } from "../data/types.ts";
import { calibrateGeo, type CalibrationOptions, type GeoCalibrationInput } from "./calibration.ts";
import { calibrationResults, type CalibrationView } from "./calibration_view.ts";

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
): CalibrationView {
  const file = path ? loadExperiments(path, experimentContext(dataset, "skip")) : null;
  const result = file ? calibrateGeo(geo, dataset, file.experiments, options) : null;
  return { file, result, results: calibrationResults(path, file, result) };
}
