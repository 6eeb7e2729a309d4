/**
 * What the notebooks run, written once: the seeds and resampling sizes of the national and geo models
 * (`NATIONAL_RUN`, `GEO_RUN`, `PLAN_RUN`), which the pipelines take as defaults, the notebooks pass and the
 * recovery study (`tools/validate.ts`) reuses; and the input files a notebook reads (`notebookInputs`), from
 * the environment variables the report task sets.
 *
 * The seeds were fixed before the first run and are never chosen for how results look.
 *
 * @module
 */

/**
 * The national model's run (notebooks 02–04, 06, 07): bootstrap seed, replicates (999: the Monte-Carlo error
 * of a 2.5% percentile is then about ±0.5 points, Davison & Hinkley 1997 §5.2), moving-block length in weeks
 * (8: about two months of carryover, Politis & White 2004 give ~n^(1/3) ≈ 5 for 104 weeks, the longer block
 * keeps the adstock's dependence inside a block) and the Newey–West lags of the reported OLS errors
 * (4 = ⌊4(n/100)^(2/9)⌋ for n = 104, Newey & West 1994).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(NATIONAL_RUN.reps, 999);
 * ```
 */
export const NATIONAL_RUN = { seed: 20240611, reps: 999, blockLength: 8, hacLags: 4 } as const;

/**
 * The geo model's run (notebooks 05–07): seed of the bootstrap and draws, Krinsky–Robb coefficient draws of
 * the fixed-transform comparison intervals, bootstrap replicates (each re-chooses carryover and saturation and
 * refits; 199 keeps the 2.5% and 97.5% order statistics at whole ranks, (199 + 1) × 0.025 = 5), and the
 * time-series folds wanted.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(GEO_RUN.replicates, 199);
 * ```
 */
export const GEO_RUN = { seed: 20240501, draws: 2000, replicates: 199, folds: 5 } as const;

/**
 * The recommendations' run (notebook 07): seed of its own draws (curves, reallocation, scenarios), how far a
 * channel may move from its current spend (±30%: response curves are extrapolations beyond the spend the
 * data saw), and the weeks of the forward plan (a quarter).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(PLAN_RUN.bounds.max, 1.3);
 * ```
 */
export const PLAN_RUN = { seed: 20240701, bounds: { min: 0.7, max: 1.3 }, planWeeks: 13 } as const;

/** The files a notebook reads and whether it logs timings: see {@link notebookInputs}. */
export interface NotebookInputs {
  /** The national weekly file. */
  readonly weeklyPath: string;
  /** The geo panel. */
  readonly geoPath: string;
  /** A roles file mapping columns to roles, when one was given. */
  readonly rolesPath?: string;
  /** The ground truth of the national model: the bundled file's only (absent on the user's own data). */
  readonly weeklyTruthPath?: string;
  /** The ground truth of the geo model: the bundled panel's only. */
  readonly geoTruthPath?: string;
  /**
   * Lift tests of the national model: the user's `MMM_EXPERIMENTS`; on the bundled data, the bundled example
   * (a TV geo test whose lift is the true effect, data/README.md).
   */
  readonly weeklyExperimentsPath?: string;
  /** Lift tests of the geo model, by the same rule against the geo file. */
  readonly geoExperimentsPath?: string;
  /** Wall-clock timings go to stderr (they differ between runs, so never into outputs). */
  readonly timings: boolean;
}

/**
 * The inputs of a notebook from the report task's environment variables (`MMM_WEEKLY`, `MMM_GEO`,
 * `MMM_ROLES`, `MMM_EXPERIMENTS`, `MMM_TIMINGS`); without them, the bundled files. Paths are relative to
 * `notebooks/`, where the kernel runs. The truth and the example lift tests belong to the bundled files, so
 * they are given only while the file they describe is the bundled one.
 *
 * @param env the environment (default `Deno.env.toObject()`)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(notebookInputs({}).weeklyTruthPath, "../data/truth.json");
 * const own = notebookInputs({ MMM_WEEKLY: "/tmp/mine.csv" });
 * assertClose([own.weeklyPath, own.weeklyTruthPath, own.geoTruthPath], ["/tmp/mine.csv", undefined, "../data/truth.json"]);
 * ```
 */
export function notebookInputs(env: Readonly<Record<string, string>> = Deno.env.toObject()): NotebookInputs {
  const bundled = (variable: string, path: string) => env[variable] === undefined ? path : undefined;
  return {
    weeklyPath: env.MMM_WEEKLY ?? "../data/mmm_weekly.csv",
    geoPath: env.MMM_GEO ?? "../data/mmm_geo.csv",
    rolesPath: env.MMM_ROLES,
    weeklyTruthPath: bundled("MMM_WEEKLY", "../data/truth.json"),
    geoTruthPath: bundled("MMM_GEO", "../data/truth.json"),
    weeklyExperimentsPath: env.MMM_EXPERIMENTS ?? bundled("MMM_WEEKLY", "../data/experiments.example.csv"),
    geoExperimentsPath: env.MMM_EXPERIMENTS ?? bundled("MMM_GEO", "../data/experiments.example.csv"),
    timings: env.MMM_TIMINGS !== undefined,
  };
}
