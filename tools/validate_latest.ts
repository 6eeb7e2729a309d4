/**
 * The machine-readable summary of the latest coverage study, one pair of files per model kind, for notebook 06
 * and other readers: `latest_<kind>.csv` (one row per headline quantity and subset of the **pipeline** fit,
 * what the notebooks show) and `latest_<kind>.json` (when, how many draws, which seed and commit).
 *
 * CSV columns, in this order (a stable contract, documented at the top of docs/validation.md):
 *
 * | column                  | meaning                                                                        |
 * | ----------------------- | ------------------------------------------------------------------------------ |
 * | `quantity`              | estimates quantity (`roi`, `contribution`, `marginal_roi`, `carryover`, …)     |
 * | `subset`                | `channels` (real channels) or `placebo` (true value 0)                         |
 * | `n`                     | estimates with an interval                                                     |
 * | `covered`               | of those, how many intervals contain the truth                                 |
 * | `coverage`              | `covered / n`                                                                  |
 * | `lower`, `upper`        | Wilson 95% interval of the coverage (Wilson 1927)                              |
 * | `bias`                  | median of estimate − truth                                                     |
 * | `median_width`          | median of upper − lower                                                        |
 * | `relative_bias`         | median of (estimate − truth) / \|truth\| (empty for the placebo)               |
 * | `relative_median_width` | median of (upper − lower) / \|truth\| (empty for the placebo)                  |
 * | `draws`                 | draws contributing                                                             |
 * | `target_met`            | `true` when 0.90 ≤ coverage ≤ 0.98 (the target), empty for the placebo |
 *
 * Numbers are written with full precision; NaN (no interval) as an empty field.
 *
 * @module
 */
import type { CoverageRow, ValidationReport } from "./validate.ts";

/** Columns of `latest_<kind>.csv`, in order. */
export const LATEST_COLUMNS: readonly string[] = [
  "quantity",
  "subset",
  "n",
  "covered",
  "coverage",
  "lower",
  "upper",
  "bias",
  "median_width",
  "relative_bias",
  "relative_median_width",
  "draws",
  "target_met",
];

/** The coverage target for 95% intervals: between 90% and 98%. */
export const COVERAGE_TARGET = { lower: 0.9, upper: 0.98 } as const;

/** What `latest_<kind>.json` holds. */
export interface LatestMeta {
  readonly kind: "geo" | "national";
  /** ISO date (UTC) of the run. */
  readonly date: string;
  /** Draws requested (`N`), those finished when the files were written, and those that ran without error. */
  readonly n: number;
  readonly drawsDone: number;
  readonly drawsOk: number;
  /** Whether every requested draw had finished (false in the files a run writes after each draw). */
  readonly complete: boolean;
  readonly seed: number;
  /** `git rev-parse --short HEAD` when the study started ("unknown" outside a checkout). */
  readonly commit: string;
  /** Tracked files with uncommitted changes when the study started (the run used them as they were). */
  readonly dirtyFiles: readonly string[];
  readonly workers: number;
  /** Wall-clock seconds of the whole run (all kinds of that run). */
  readonly wallSeconds: number;
  /** Median seconds per draw of this kind. */
  readonly medianDrawSeconds: number;
  readonly columns: readonly string[];
}

const num = (x: number) => (Number.isFinite(x) ? String(x) : "");

/**
 * The rows of `latest_<kind>.csv` for one model kind: the pipeline fit's coverage rows, in the report's order.
 *
 * @example
 * latestRows(report.coverage, "geo")[0]; // { quantity: "roi", subset: "channels", n: 250, ... }
 */
export function latestRows(
  coverage: readonly CoverageRow[],
  kind: "geo" | "national",
): Record<string, string>[] {
  return coverage.filter((r) => r.fit === "pipeline" && r.model === kind).map((r) => {
    const placebo = r.subset === "placebo";
    return {
      quantity: r.quantity,
      subset: r.subset,
      n: String(r.n),
      covered: String(r.covered),
      coverage: num(r.coverage),
      lower: r.n > 0 ? num(r.wilsonLower) : "",
      upper: r.n > 0 ? num(r.wilsonUpper) : "",
      bias: num(r.medianBias),
      median_width: num(r.medianWidth),
      relative_bias: placebo ? "" : num(r.medianRelativeBias),
      relative_median_width: placebo ? "" : num(r.medianRelativeWidth),
      draws: String(r.draws),
      target_met: placebo || !(r.n > 0)
        ? ""
        : String(r.coverage >= COVERAGE_TARGET.lower && r.coverage <= COVERAGE_TARGET.upper),
    };
  });
}

/** CSV text of {@link latestRows} with the {@link LATEST_COLUMNS} header (fields never contain commas). */
export function latestCsv(rows: readonly Record<string, string>[]): string {
  const lines = [LATEST_COLUMNS.join(",")];
  for (const r of rows) lines.push(LATEST_COLUMNS.map((c) => r[c] ?? "").join(","));
  return lines.join("\n") + "\n";
}

async function git(args: string[]): Promise<string | null> {
  try {
    const out = await new Deno.Command("git", { args, stdout: "piped", stderr: "null" }).output();
    return out.success ? new TextDecoder().decode(out.stdout) : null;
  } catch {
    return null;
  }
}

/** The checkout's state: short commit and tracked files with uncommitted changes (call it when a run starts). */
export interface GitState {
  readonly commit: string;
  readonly dirtyFiles: readonly string[];
}

/**
 * {@link GitState} of the working directory's checkout (`commit: "unknown"` outside one).
 *
 * @example
 * const state = await gitState(); // { commit: "2139aac", dirtyFiles: [] }
 */
export async function gitState(): Promise<GitState> {
  const commit = (await git(["rev-parse", "--short", "HEAD"]))?.trim() || "unknown";
  const status = await git(["status", "--porcelain", "--untracked-files=no"]);
  // porcelain v1 lines are "XY path": two status letters and a space before the path
  const dirtyFiles = (status ?? "").split("\n").filter((l) => l.length > 3).map((l) => l.slice(3));
  return { commit, dirtyFiles };
}

/**
 * Writes `latest_<kind>.csv` and `latest_<kind>.json` into `dir` for every kind the report ran.
 *
 * @param state the checkout when the run started (default: now)
 * @example
 * const state = await gitState(); // before the run
 * await writeLatest(report, "docs/validation", state);
 */
export async function writeLatest(r: ValidationReport, dir: string, state?: GitState): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  const { commit, dirtyFiles } = state ?? await gitState();
  for (const kind of r.kinds) {
    const draws = r.draws.filter((d) => d.kind === kind);
    const secs = draws.map((d) => d.seconds.total).filter(Number.isFinite).sort((a, b) => a - b);
    const k = secs.length;
    const meta: LatestMeta = {
      kind,
      date: r.date,
      n: r.n,
      drawsDone: draws.length,
      drawsOk: draws.filter((d) => d.ok).length,
      complete: draws.length === r.n,
      seed: r.seed,
      commit,
      dirtyFiles,
      workers: r.workers,
      wallSeconds: r.seconds,
      medianDrawSeconds: k === 0 ? NaN : k % 2 ? secs[(k - 1) / 2] : (secs[k / 2 - 1] + secs[k / 2]) / 2,
      columns: LATEST_COLUMNS,
    };
    await Deno.writeTextFile(`${dir}/latest_${kind}.csv`, latestCsv(latestRows(r.coverage, kind)));
    await Deno.writeTextFile(`${dir}/latest_${kind}.json`, JSON.stringify(meta, null, 1) + "\n");
  }
}
