/**
 * `deno task report`: executes every notebook in `notebooks/` in order through Deno's Jupyter kernel (driven
 * by tools/execute_notebook.py, which waits for every display a cell made; docs/ARCHITECTURE.md) and writes,
 * all or nothing:
 *
 * - `reports/<notebook>.html`            full report (code and outputs)
 * - `reports/executive/<notebook>.html`  stakeholder version, code hidden (`--no-input`)
 * - `reports/notebooks/<notebook>.ipynb` executed notebooks, outputs included
 * - `reports/results/<notebook>.json`    the machine-readable results behind every table and chart
 * - `reports/results/estimates.csv|json` headline estimates (the tidy contract) and `results/<name>.csv` exports
 * - `reports/manifest.json`              per report: its inputs (paths, SHA-256) and the date it was made
 * - `reports/summary.html`               one page: what drives the target, headline ROI, the recommendation or why
 *                                        it is withheld, the evidence verdict, the data used (tools/summary_page.ts)
 * - `reports/index.html`                 links to every report in the folder, with what each was made from
 *
 * Usage: `deno task report [--weekly path.csv] [--geo path.csv] [--roles roles.json] [--out dir]
 *         [--only 01_eda,05_geo_ols] [--timeout seconds] [--experiments path.csv] [--jobs N]`
 *
 * `--jobs` runs that many notebooks at once, each in its own kernel (default: the number of CPU cores, at most
 * 4). Notebooks do not read each other's outputs, so the order they finish in changes nothing they write.
 *
 * `--experiments` names a lift-test file (`lib/data/experiments.ts`); notebooks read it from `MMM_EXPERIMENTS`.
 *
 * Exit codes: 0 done; 1 a notebook failed (nothing in `--out` changed); 2 usage (including an unusable
 * `--out`, or another report writing to it); 3 Jupyter missing; 130/143 stopped by SIGINT/SIGTERM.
 *
 * @module
 */
import {
  type CellFailure,
  firstError,
  INSTALL_JUPYTER,
  jupyterPython,
  KERNEL_NAME,
  type Notebook,
  notebookTitle,
  run,
  writeKernelSpec,
} from "./jupyter.ts";
import {
  describeInputs,
  indexHtml,
  type ManifestEntry,
  manifestJson,
  mergeManifest,
  readManifest,
  reportsIn,
} from "./report_index.ts";

import { type ResultsFile, type TidyFile, tidyFiles } from "./report_exports.ts";
import { RenderError, renderPages, type ReportLink } from "./report_html.ts";
import { summaryHtml } from "./summary_page.ts";
import type { TidyEstimate } from "../lib/plot/estimates.ts";
const REPO = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const EXECUTOR = `${REPO}/tools/execute_notebook.py`;

/** Parsed command line. */
export interface ReportOptions {
  weekly?: string;
  geo?: string;
  roles?: string;
  /** Lift-test results (`lib/data/experiments.ts`), passed to notebooks as `MMM_EXPERIMENTS`. */
  experiments?: string;
  out: string;
  only?: string[];
  timeoutSeconds: number;
  /** Folder of notebooks to run (default `notebooks/`). */
  notebooks: string;
  /** Notebooks executed at once, each in its own kernel (default {@link defaultJobs}). */
  jobs: number;
}

/** The number of CPU cores, at most 4 and at least 1: each kernel is single-threaded. */
export function defaultJobs(): number {
  return Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1));
}

const USAGE = `usage: deno task report [--weekly path.csv] [--geo path.csv] [--roles roles.json] [--out dir]
                        [--only 01_eda,05_geo_ols] [--timeout seconds-per-cell] [--notebooks dir]
                        [--experiments lift_tests.csv] [--jobs N]`;

/** Parses `--flag value` / `--flag=value` arguments; relative paths resolve against `cwd`. */
export function parseReportArgs(args: readonly string[], cwd: string): ReportOptions {
  const opts: ReportOptions = {
    out: `${REPO}/reports`,
    timeoutSeconds: 600,
    notebooks: `${REPO}/notebooks`,
    jobs: defaultJobs(),
  };
  const abs = (p: string) => (p.startsWith("/") ? p : `${cwd}/${p}`);
  for (let i = 0; i < args.length; i++) {
    let [flag, value] = args[i].split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === "--help" || flag === "-h") throw new UsageError(USAGE);
    if (value === undefined) {
      value = args[++i];
      if (value === undefined || value.startsWith("--")) {
        throw new UsageError(`${flag} needs a value\n${USAGE}`);
      }
    }
    switch (flag) {
      case "--weekly":
        opts.weekly = abs(value);
        break;
      case "--geo":
        opts.geo = abs(value);
        break;
      case "--roles":
        opts.roles = abs(value);
        break;
      case "--experiments":
        opts.experiments = abs(value);
        break;
      case "--out":
        opts.out = abs(value);
        break;
      case "--notebooks":
        opts.notebooks = abs(value);
        break;
      case "--only":
        opts.only = value.split(",").map((s) => s.trim().replace(/\.ipynb$/, "")).filter(Boolean);
        break;
      case "--jobs": {
        const j = Number(value);
        if (!(Number.isInteger(j) && j >= 1)) {
          throw new UsageError(
            `--jobs must be a whole number of notebooks at once (1 or more), got "${value}"`,
          );
        }
        opts.jobs = j;
        break;
      }
      case "--timeout": {
        const t = Number(value);
        if (!(t > 0)) throw new UsageError(`--timeout must be a positive number of seconds, got "${value}"`);
        opts.timeoutSeconds = t;
        break;
      }
      default:
        throw new UsageError(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return opts;
}

/** A command-line mistake: printed with usage, exit code 2. */
export class UsageError extends Error {}

/** The ordered notebooks (`NN_name.ipynb`) of a folder, optionally filtered by name. */
export function listNotebooks(dir: string, only?: readonly string[]): string[] {
  const names = [...Deno.readDirSync(dir)]
    .filter((e) => e.isFile && /^\d{2}_.+\.ipynb$/.test(e.name))
    .map((e) => e.name.replace(/\.ipynb$/, ""))
    .sort();
  if (!only) return names;
  const unknown = only.filter((o) => !names.includes(o));
  if (unknown.length > 0) {
    throw new UsageError(`no notebook named ${unknown.join(", ")}; have: ${names.join(", ")}`);
  }
  return names.filter((n) => only.includes(n));
}

function rel(path: string): string {
  return path.startsWith(`${REPO}/`) ? path.slice(REPO.length + 1) : path;
}

function log(message: string) {
  console.error(message);
}

/**
 * Checks an `--out` folder before anything runs: it must be a folder (or not exist yet, under a folder) that
 * this user can write in. Writability is tried with a probe file, created and removed.
 */
export function checkOutDir(out: string): void {
  let dir = out;
  for (;;) {
    let info: Deno.FileInfo | undefined;
    try {
      info = Deno.statSync(dir);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory)) {
        throw new UsageError(`--out ${out}: cannot use it (${(error as Error).message})`);
      }
    }
    if (info) {
      if (!info.isDirectory) {
        throw new UsageError(
          dir === out
            ? `--out ${out} is a file; give a folder (it is created if missing)`
            : `--out ${out} is under ${dir}, which is a file, not a folder`,
        );
      }
      break;
    }
    const parent = dir.replace(/\/[^/]*$/, "") || "/";
    if (parent === dir) break;
    dir = parent;
  }
  const probe = `${dir}/.report-probe-${Deno.pid}`;
  try {
    Deno.writeTextFileSync(probe, "", { createNew: true });
    Deno.removeSync(probe);
  } catch (error) {
    throw new UsageError(
      `--out ${out}: cannot write in ${dir} (${
        error instanceof Deno.errors.PermissionDenied ? "permission denied" : (error as Error).message
      })`,
    );
  }
}

const LOCK = ".report.lock";

function processAlive(pid: number): boolean {
  if (!(Number.isInteger(pid) && pid > 0)) return false;
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch {
    try {
      Deno.statSync("/proc/self");
      return false; // Linux: no such process
    } catch {
      try {
        Deno.kill(pid, "SIGCONT"); // elsewhere: a harmless signal that fails for a missing process
        return true;
      } catch {
        return false;
      }
    }
  }
}

/**
 * Claims `<out>/.report.lock` (holding this process's id) so that two reports do not write into one folder;
 * a lock left by a process that is gone is taken over. Returns the function that releases it.
 */
export function lockOutDir(out: string): () => void {
  const path = `${out}/${LOCK}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      Deno.writeTextFileSync(path, `${Deno.pid}\n`, { createNew: true });
      return () => {
        try {
          if (Deno.readTextFileSync(path).trim() === String(Deno.pid)) Deno.removeSync(path);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
      let holder = NaN;
      try {
        holder = Number(Deno.readTextFileSync(path).trim());
      } catch {
        // removed meanwhile: try again
      }
      if (processAlive(holder) && holder !== Deno.pid) {
        throw new UsageError(
          `another report (process ${holder}) is writing to ${out}; wait for it to finish or use another --out ` +
            `(if no report is running, remove ${path})`,
        );
      }
      try {
        Deno.removeSync(path); // stale: its process is gone
      } catch {
        // someone else removed it
      }
    }
  }
  throw new UsageError(`could not lock ${out} (${path} keeps reappearing); is another report starting?`);
}

/** Removes `<out>/.staging-*` folders left by runs that were killed; returns their names. */
export function removeStaleStaging(out: string): string[] {
  const removed: string[] = [];
  for (const e of Deno.readDirSync(out)) {
    if (e.isDirectory && e.name.startsWith(".staging-")) {
      Deno.removeSync(`${out}/${e.name}`, { recursive: true });
      removed.push(e.name);
    }
  }
  return removed;
}

/**
 * Checks what the report needs from Jupyter: `jupyter nbconvert` (HTML conversion), and jupyter_client with
 * nbformat under the Python that runs `jupyter` (the executor), which must find the project-local kernel.
 * Returns that Python.
 */
async function checkJupyter(env: Record<string, string>): Promise<string> {
  const nbconvert = await run("jupyter", ["nbconvert", "--version"], { env, timeoutMs: 60_000 });
  if (nbconvert.notFound || nbconvert.code !== 0) {
    throw new SetupError(
      `${
        nbconvert.notFound ? "`jupyter` is not on PATH." : "`jupyter nbconvert` does not run:\n" +
          nbconvert.stderr.trim().split("\n").slice(-3).join("\n")
      }\n${INSTALL_JUPYTER}`,
    );
  }
  const python = jupyterPython();
  const probe = await run(python, [
    "-c",
    "import nbformat, jupyter_client.manager\nfrom jupyter_client.kernelspec import KernelSpecManager\n" +
    `print(KernelSpecManager().get_kernel_spec(${JSON.stringify(KERNEL_NAME)}).argv[0])`,
  ], { env, timeoutMs: 60_000 });
  if (probe.notFound || probe.code !== 0) {
    const cause = probe.stderr.trim().split("\n").slice(-1)[0] ?? "";
    throw new SetupError(
      /NoSuchKernel|No such kernel/.test(cause)
        ? `Jupyter did not pick up the project-local "${KERNEL_NAME}" kernel (${cause}).`
        : `${python} (the Python that runs \`jupyter\`) cannot load jupyter_client and nbformat: ${cause}\n` +
          INSTALL_JUPYTER,
    );
  }
  const found = probe.stdout.trim();
  if (found !== Deno.execPath()) {
    throw new SetupError(
      `Jupyter did not pick up the project-local "${KERNEL_NAME}" kernel (found ${found}).`,
    );
  }
  return python;
}

/** Missing prerequisites: printed as they are, exit code 3. */
export class SetupError extends Error {}

/** What tools/execute_notebook.py prints on stdout. */
interface ExecutorResult {
  status: "ok" | "incomplete" | "timeout" | "kernel_died" | "startup_failed";
  message?: string;
  cell_number?: number;
  cell_id?: string;
  missing?: number;
  attempts: number;
  cells?: { number: number; id?: string; seconds: number }[];
}

/** Error classes of lib/errors.ts: a problem with the user's data or model, not with the toolkit. */
const ERRORS_FOR_PEOPLE = new Set(["DataError", "ModelError"]);

/** Where in a notebook: `notebooks/05_geo_ols.ipynb, cell 7 (id "geo-07")`. */
function cellPlace(notebook: string, cellNumber: number, cellId: string | undefined): string {
  return `${notebook}, cell ${cellNumber}${cellId ? ` (id "${cellId}")` : ""}`;
}

/** The first lines of a cell, indented, for error messages. */
function excerpt(source: string): string {
  const lines = source.split("\n");
  return lines.slice(0, 3).map((l) => `    | ${l}`).join("\n") + (lines.length > 3 ? "\n    | …" : "");
}

/**
 * The message for a cell that failed: for a `DataError` or `ModelError` (a problem in the user's data or
 * model) its message alone; for anything else the error with its stack frames, marked as a bug.
 */
export function failureMessage(notebook: string, failure: CellFailure): string {
  const where = cellPlace(notebook, failure.cellNumber, failure.cellId);
  const source = `  cell source:\n${excerpt(failure.source)}`;
  if (ERRORS_FOR_PEOPLE.has(failure.ename)) return `${where}: ${failure.evalue}\n${source}`;
  const frames = failure.frames.map((f) => `    ${f}`).join("\n");
  return `${where}: ${failure.ename}: ${failure.evalue}\n${frames ? `${frames}\n` : ""}${source}\n` +
    `  This is a bug in the toolkit; please report it (with the lines above).`;
}

/** Runs one notebook through tools/execute_notebook.py into the staging folder. */
async function executeNotebook(
  name: string,
  stagingNotebooks: string,
  python: string,
  env: Record<string, string>,
  opts: ReportOptions,
  signal: AbortSignal,
): Promise<{ nb: Notebook; result: ExecutorResult }> {
  const input = `${opts.notebooks}/${name}.ipynb`;
  const output = `${stagingNotebooks}/${name}.ipynb`;
  const shown = `${rel(opts.notebooks)}/${name}.ipynb`;
  const codeCells = (JSON.parse(Deno.readTextFileSync(input)) as Notebook).cells
    .filter((c) => c.cell_type === "code").length;
  const res = await run(python, [
    EXECUTOR,
    input,
    output,
    "--kernel",
    KERNEL_NAME,
    "--timeout",
    String(opts.timeoutSeconds),
    "--startup-timeout",
    "120",
    "--label",
    name,
  ], {
    env,
    // A watchdog only: the executor enforces the per-cell and start-up limits itself.
    timeoutMs: (opts.timeoutSeconds * (codeCells + 1) * 2 + 600) * 1000,
    signal,
    inheritStderr: true,
  });
  let result: ExecutorResult | undefined;
  try {
    result = JSON.parse(res.stdout.trim().split("\n").pop() ?? "");
  } catch {
    result = undefined;
  }
  if (!result) {
    throw new NotebookError(
      `${shown}: the notebook executor (tools/execute_notebook.py) stopped ${
        res.timedOut ? "after its time limit" : `with exit code ${res.code}`
      } without a result (its messages are above). This is a bug in the toolkit; please report it.`,
    );
  }
  if (result.status !== "ok") {
    const where = result.cell_number !== undefined
      ? cellPlace(shown, result.cell_number, result.cell_id)
      : shown;
    const advice = result.status === "incomplete"
      ? `\n  The kernel reported the cell done but never sent ${result.missing} of the displays it made, in ` +
        `${result.attempts} runs of the notebook in fresh kernels. This is a bug in the toolkit; please report it.`
      : result.status === "timeout"
      ? "\n  Raise the limit with --timeout <seconds per cell>."
      : "";
    throw new NotebookError(`${where}: ${result.message}${advice}`);
  }
  const nb = JSON.parse(Deno.readTextFileSync(output)) as Notebook;
  const failure = firstError(nb);
  if (failure) throw new NotebookError(failureMessage(shown, failure));
  return { nb, result };
}

/** A notebook that failed: printed with its cell and error, exit code 1. */
export class NotebookError extends Error {}

/**
 * Renders the executed notebooks to full and executive pages with the project's template, with navigation
 * over `reports` (every report the folder will hold), contents and footers (tools/report_html.ts).
 */
async function toHtml(
  inputs: string[],
  outDir: string,
  env: Record<string, string>,
  reports: readonly ReportLink[],
  made: Record<string, ManifestEntry>,
  signal: AbortSignal,
) {
  try {
    await renderPages({ executed: inputs, outDir, reports, made, env, signal });
  } catch (error) {
    if (error instanceof RenderError) throw new NotebookError(error.message);
    throw error;
  }
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${
    String(d.getDate()).padStart(2, "0")
  }`;
}

/** Runs the report; returns the list of files written. */
export async function report(opts: ReportOptions): Promise<string[]> {
  const names = listNotebooks(opts.notebooks, opts.only);
  if (names.length === 0) throw new UsageError("no notebooks to run");
  for (
    const [flag, path] of [["--weekly", opts.weekly], ["--geo", opts.geo], ["--roles", opts.roles]] as const
  ) {
    if (path !== undefined) {
      try {
        Deno.statSync(path);
      } catch {
        throw new UsageError(`${flag}: no file at ${path}`);
      }
    }
  }
  if (opts.experiments !== undefined) {
    try {
      Deno.readFileSync(opts.experiments);
    } catch (error) {
      throw new UsageError(`--experiments: cannot read ${opts.experiments} (${(error as Error).message})`);
    }
  }
  checkOutDir(opts.out);
  const kernelRoot = `${REPO}/.jupyter`;
  writeKernelSpec(kernelRoot);
  const env: Record<string, string> = {
    JUPYTER_PATH: [kernelRoot, Deno.env.get("JUPYTER_PATH")].filter(Boolean).join(":"),
    NO_COLOR: "1",
  };
  if (opts.weekly) env.MMM_WEEKLY = opts.weekly;
  if (opts.geo) env.MMM_GEO = opts.geo;
  if (opts.roles) env.MMM_ROLES = opts.roles;
  if (opts.experiments) env.MMM_EXPERIMENTS = opts.experiments;
  const python = await checkJupyter(env);

  Deno.mkdirSync(opts.out, { recursive: true });
  const unlock = lockOutDir(opts.out);
  let staging: string | undefined;
  const abort = new AbortController();
  let inFlight: Promise<unknown> = Promise.resolve();
  let placing = false;
  let exitAfterPlacing: number | undefined;
  const cleanUp = () => {
    if (staging) {
      try {
        Deno.removeSync(staging, { recursive: true });
      } catch {
        // already gone
      }
    }
    unlock();
  };
  const onSignal = (signal: "SIGINT" | "SIGTERM") => async () => {
    const code = signal === "SIGINT" ? 130 : 143;
    if (placing) {
      exitAfterPlacing = code; // a half-moved report is worse than finishing the renames
      return;
    }
    abort.abort(); // the executor gets SIGTERM and shuts its kernel down
    await Promise.race([inFlight.catch(() => {}), new Promise((r) => setTimeout(r, 15_000))]);
    cleanUp();
    log(`report: stopped by ${signal}; no report files were changed.`);
    Deno.exit(code);
  };
  const listeners = [["SIGINT", onSignal("SIGINT")], ["SIGTERM", onSignal("SIGTERM")]] as const;
  for (const [sig, fn] of listeners) Deno.addSignalListener(sig, fn);
  try {
    const stale = removeStaleStaging(opts.out);
    if (stale.length > 0) log(`removed ${stale.length} staging folder(s) left by an interrupted run`);
    staging = Deno.makeTempDirSync({ dir: opts.out, prefix: ".staging-" });
    const dirs = {
      notebooks: `${staging}/notebooks`,
      results: `${staging}/results`,
      executive: `${staging}/executive`,
    };
    for (const d of Object.values(dirs)) Deno.mkdirSync(d, { recursive: true });
    const inputs = await describeInputs({
      weekly: opts.weekly ?? `${opts.notebooks}/../data/mmm_weekly.csv`,
      geo: opts.geo ?? `${opts.notebooks}/../data/mmm_geo.csv`,
      roles: opts.roles,
      experiments: opts.experiments,
    }, (p) => rel(p.replace(/\/[^/]+\/\.\.\//, "/")));
    const date = today();
    const finished: Record<string, ManifestEntry> = {};
    // A pool of `opts.jobs` kernels. The first failure stops the others and is the one reported (the
    // notebooks stopped because of it fail only as a consequence).
    const stopOthers = new AbortController();
    const signal = AbortSignal.any([abort.signal, stopOthers.signal]);
    let failure: { error: unknown } | undefined;
    let nextIndex = 0;
    const runOne = async (i: number) => {
      const name = names[i];
      const start = performance.now();
      log(`[${i + 1}/${names.length}] ${name} …`);
      const { nb, result } = await executeNotebook(
        name,
        dirs.notebooks,
        python,
        { ...env, MMM_RESULTS_DIR: dirs.results },
        opts,
        signal,
      );
      try {
        Deno.statSync(`${dirs.results}/${name}.json`);
      } catch {
        throw new NotebookError(
          `${rel(opts.notebooks)}/${name}.ipynb ran but published no results: its last cell should call ` +
            `publishResults("${name}", results)`,
        );
      }
      finished[name] = { title: notebookTitle(nb, name), date, inputs };
      const slowest = [...result.cells ?? []].sort((a, b) => b.seconds - a.seconds)[0];
      log(
        `  ${name} done in ${((performance.now() - start) / 1000).toFixed(1)} s${
          slowest && slowest.seconds >= 1
            ? ` (slowest: cell ${slowest.number}, ${slowest.seconds.toFixed(1)} s)`
            : ""
        }${result.attempts > 1 ? `, on attempt ${result.attempts}` : ""}`,
      );
    };
    const worker = async () => {
      while (nextIndex < names.length && failure === undefined) {
        const i = nextIndex++;
        try {
          await runOne(i);
        } catch (error) {
          if (failure === undefined) {
            failure = { error };
            stopOthers.abort();
          }
        }
      }
    };
    const pool = Promise.all(Array.from({ length: Math.min(opts.jobs, names.length) }, worker));
    inFlight = pool;
    await pool;
    if (failure !== undefined) throw failure.error;
    // the manifest lists reports in notebook order, whatever order they finished in
    const made = Object.fromEntries(names.map((n) => [n, finished[n]]));
    const executed = names.map((n) => `${dirs.notebooks}/${n}.ipynb`);
    const { manifest, unrecorded } = mergeManifest(readManifest(opts.out), reportsIn(opts.out), made);
    const reports = [...Object.keys(manifest.reports), ...unrecorded].sort()
      .map((name) => ({ name, title: manifest.reports[name]?.title ?? name }));
    inFlight = toHtml(executed, staging, env, reports, manifest.reports, abort.signal);
    await inFlight;
    // Tidy files from every report the folder will hold: this run's results, and earlier ones kept by --only.
    const resultsFiles = [...new Set([...listNotebooks(opts.notebooks), ...Object.keys(manifest.reports)])]
      .sort()
      .map((n) => names.includes(n) ? `${dirs.results}/${n}.json` : `${opts.out}/results/${n}.json`)
      .filter((p) => {
        try {
          return Deno.statSync(p).isFile;
        } catch {
          return false;
        }
      })
      .map((p) => JSON.parse(Deno.readTextFileSync(p)) as ResultsFile);
    let tidy: TidyFile[];
    try {
      tidy = tidyFiles(resultsFiles);
    } catch (error) {
      throw new NotebookError(
        `the notebooks' results break the estimates contract: ${(error as Error).message}`,
      );
    }
    for (const f of tidy) Deno.writeTextFileSync(`${staging}/${f.path}`, f.text);
    Deno.writeTextFileSync(`${staging}/manifest.json`, manifestJson(manifest));
    Deno.writeTextFileSync(`${staging}/index.html`, indexHtml(manifest, unrecorded, inputs, tidy));
    const estimatesFile = tidy.find((f) => f.path === "results/estimates.json");
    Deno.writeTextFileSync(
      `${staging}/summary.html`,
      summaryHtml({
        results: Object.fromEntries(resultsFiles.map((f) => [f.notebook, f.results])),
        estimates: estimatesFile ? JSON.parse(estimatesFile.text) as TidyEstimate[] : [],
        manifest,
        inputs,
        date,
      }),
    );

    // Everything is staged: move it into place file by file (rename is atomic within a filesystem).
    const written: string[] = [];
    const place = (rel: string) => {
      const target = `${opts.out}/${rel}`;
      Deno.mkdirSync(target.replace(/\/[^/]+$/, ""), { recursive: true });
      Deno.renameSync(`${staging}/${rel}`, target);
      written.push(target);
    };
    placing = true;
    for (const n of names) {
      place(`${n}.html`);
      place(`executive/${n}.html`);
      place(`notebooks/${n}.ipynb`);
      place(`results/${n}.json`);
    }
    for (const f of tidy) place(f.path);
    place("manifest.json");
    place("summary.html");
    place("index.html");
    placing = false;
    return written;
  } catch (error) {
    // Stopped by a signal: the listener cleans up and exits; this run's failure is only its consequence.
    if (abort.signal.aborted) await new Promise((r) => setTimeout(r, 60_000));
    throw error;
  } finally {
    for (const [sig, fn] of listeners) Deno.removeSignalListener(sig, fn);
    cleanUp();
    if (exitAfterPlacing !== undefined) Deno.exit(exitAfterPlacing);
  }
}

if (import.meta.main) {
  const cwd = Deno.env.get("INIT_CWD") ?? Deno.cwd();
  try {
    const opts = parseReportArgs(Deno.args, cwd);
    const start = performance.now();
    const written = await report(opts);
    log(
      `wrote ${written.length} files to ${opts.out} in ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );
    log(`open ${opts.out}/index.html`);
  } catch (error) {
    if (error instanceof UsageError) {
      log(error.message);
      Deno.exit(2);
    }
    if (error instanceof SetupError) {
      log(`report: ${error.message}`);
      Deno.exit(3);
    }
    if (error instanceof NotebookError) {
      log(`report: ${error.message}\nreport: no report files were changed.`);
      Deno.exit(1);
    }
    throw error;
  }
}
