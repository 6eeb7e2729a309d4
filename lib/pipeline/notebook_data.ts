/**
 * A notebook's data, read from the files `notebookInputs` names (`loadWeeklyInput`, `loadGeoInput`): the
 * dataset with the roles file's part for it, and the ground truth when the file is the bundled one. The
 * reading itself is `lib/data`'s (`loadDataset`, `loadRolesFile`, `loadTruth`), so a bad file gets the same
 * error naming the file, row and column in every notebook.
 *
 * @module
 */
import { loadDataset } from "../data/load.ts";
import { loadRolesFile } from "../data/roles_file.ts";
import { loadTruth } from "../data/truth.ts";
import type { Dataset } from "../data/types.ts";
import type { GeoTruth, Truth } from "../data/truth_schema.ts";
import type { NotebookInputs } from "./run_settings.ts";

/** Options of {@link loadWeeklyInput} and {@link loadGeoInput}. */
export interface InputOptions {
  /** Read the truth file (default true); a notebook that shows no comparison with the truth passes false. */
  readonly truth?: boolean;
}

/** The national weekly data of a notebook. */
export interface WeeklyInput {
  /** The weekly file, with the roles file's `weekly` part (or the default roles). */
  readonly dataset: Dataset;
  /** The generator's truth: the bundled file's only, else undefined. */
  readonly truth: Truth | undefined;
}

/** The geo panel of a notebook. */
export interface GeoInput {
  /** The geo panel, with the roles file's `geo` part (or the default roles). */
  readonly dataset: Dataset;
  /** The generator's truth of the panel: the bundled panel's only, else undefined. */
  readonly truth: GeoTruth | undefined;
}

/**
 * Reads the national weekly file a notebook runs on, and its truth when it is the bundled file.
 *
 * @param inputs the notebook's inputs (`notebookInputs()`)
 * @param options whether to read the truth
 * @throws DataError naming the file (and row and column) of a file that cannot be read as a weekly dataset
 * @example
 * ```ts ignore
 * const { dataset: weekly, truth } = loadWeeklyInput(notebookInputs());
 * ```
 */
export function loadWeeklyInput(inputs: NotebookInputs, options: InputOptions = {}): WeeklyInput {
  const roles = inputs.rolesPath ? loadRolesFile(inputs.rolesPath).weekly : undefined;
  return {
    dataset: loadDataset(inputs.weeklyPath, { kind: "weekly", roles }),
    truth: inputs.weeklyTruthPath && options.truth !== false ? loadTruth(inputs.weeklyTruthPath) : undefined,
  };
}

/**
 * Reads the geo panel a notebook runs on, and its truth when it is the bundled panel.
 *
 * @param inputs the notebook's inputs (`notebookInputs()`)
 * @param options whether to read the truth
 * @throws DataError naming the file (and row and column) of a file that cannot be read as a geo panel
 * @example
 * ```ts ignore
 * const { dataset: geo, truth } = loadGeoInput(notebookInputs());
 * ```
 */
export function loadGeoInput(inputs: NotebookInputs, options: InputOptions = {}): GeoInput {
  const roles = inputs.rolesPath ? loadRolesFile(inputs.rolesPath).geo : undefined;
  return {
    dataset: loadDataset(inputs.geoPath, { kind: "geo", roles }),
    truth: inputs.geoTruthPath && options.truth !== false ? loadTruth(inputs.geoTruthPath).geo : undefined,
  };
}
