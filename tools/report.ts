/**
 * `deno task report`: executes every notebook in `notebooks/` in order through Deno's Jupyter kernel (driven
 * by nbconvert) and writes, all or nothing:
 *
 * - `reports/<notebook>.html`            full report (code and outputs)
 * - `reports/executive/<notebook>.html`  stakeholder version, code hidden (`--no-input`)
 * - `reports/notebooks/<notebook>.ipynb` executed notebooks, outputs included
 * - `reports/results/<notebook>.json`    the machine-readable results behind every table and chart
 * - `reports/index.html`                 links to all of the above
 *
 * Usage: `deno task report [--weekly path.csv] [--geo path.csv] [--roles roles.json] [--out dir]
 *         [--only 01_eda,05_geo_ols] [--timeout seconds]`
 *
 * @module
 */
import {
  firstError,
  INSTALL_JUPYTER,
  KERNEL_NAME,
  type Notebook,
  notebookTitle,
  run,
  writeKernelSpec,
} from "./jupyter.ts";

const REPO = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

/** Parsed command line. */
export interface ReportOptions {
  weekly?: string;
  geo?: string;
  roles?: string;
  out: string;
  only?: string[];
  timeoutSeconds: number;
  /** Folder of notebooks to run (default `notebooks/`). */
  notebooks: string;
}

const USAGE = `usage: deno task report [--weekly path.csv] [--geo path.csv] [--roles roles.json] [--out dir]
                        [--only 01_eda,05_geo_ols] [--timeout seconds-per-cell] [--notebooks dir]`;

/** Parses `--flag value` / `--flag=value` arguments; relative paths resolve against `cwd`. */
export function parseReportArgs(args: readonly string[], cwd: string): ReportOptions {
  const opts: ReportOptions = { out: `${REPO}/reports`, timeoutSeconds: 600, notebooks: `${REPO}/notebooks` };
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
      case "--out":
        opts.out = abs(value);
        break;
      case "--notebooks":
        opts.notebooks = abs(value);
        break;
      case "--only":
        opts.only = value.split(",").map((s) => s.trim().replace(/\.ipynb$/, "")).filter(Boolean);
        break;
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

async function checkJupyter(env: Record<string, string>): Promise<void> {
  const nbconvert = await run("jupyter", ["nbconvert", "--version"], { env, timeoutMs: 60_000 });
  if (nbconvert.notFound || nbconvert.code !== 0) {
    throw new SetupError(
      `${
        nbconvert.notFound ? "`jupyter` is not on PATH." : "`jupyter nbconvert` does not run:\n" +
          nbconvert.stderr.trim().split("\n").slice(-3).join("\n")
      }\n${INSTALL_JUPYTER}`,
    );
  }
  const specs = await run("jupyter", ["kernelspec", "list", "--json"], { env, timeoutMs: 60_000 });
  if (specs.code !== 0) {
    throw new SetupError(`\`jupyter kernelspec list\` failed (jupyter_client missing?)\n${INSTALL_JUPYTER}`);
  }
  const found = JSON.parse(specs.stdout).kernelspecs?.[KERNEL_NAME]?.spec?.argv?.[0];
  if (found !== Deno.execPath()) {
    throw new SetupError(
      `Jupyter did not pick up the project-local "${KERNEL_NAME}" kernel (found ${found ?? "none"}).`,
    );
  }
}

/** Missing prerequisites: printed as they are, exit code 3. */
export class SetupError extends Error {}

async function executeNotebook(
  name: string,
  stagingNotebooks: string,
  env: Record<string, string>,
  opts: ReportOptions,
): Promise<Notebook> {
  const res = await run("jupyter", [
    "nbconvert",
    "--to",
    "notebook",
    "--execute",
    "--allow-errors",
    `--ExecutePreprocessor.kernel_name=${KERNEL_NAME}`,
    `--ExecutePreprocessor.timeout=${opts.timeoutSeconds}`,
    "--ExecutePreprocessor.startup_timeout=120",
    "--output-dir",
    stagingNotebooks,
    "--output",
    name,
    `${opts.notebooks}/${name}.ipynb`,
  ], { env, timeoutMs: (opts.timeoutSeconds * 3 + 300) * 1000 });
  if (res.timedOut || res.code !== 0) {
    const tail = res.stderr.trim().split("\n").slice(-15).join("\n");
    throw new NotebookError(
      `${rel(opts.notebooks)}/${name}.ipynb did not finish executing${
        res.timedOut ? " (timed out)" : ""
      }:\n${tail}`,
    );
  }
  const nb = JSON.parse(Deno.readTextFileSync(`${stagingNotebooks}/${name}.ipynb`)) as Notebook;
  const failure = firstError(nb);
  if (failure) {
    const lines = failure.source.split("\n");
    const src = lines.slice(0, 3).map((l) => `    | ${l}`).join("\n") + (lines.length > 3 ? "\n    | …" : "");
    const where = `${rel(opts.notebooks)}/${name}.ipynb failed in cell ${failure.cellNumber} (code cell ` +
      `${failure.codeCellNumber}${failure.cellId ? `, id "${failure.cellId}"` : ""})`;
    throw new NotebookError(`${where}:\n  ${failure.error.split("\n").join("\n  ")}\n  cell source:\n${src}`);
  }
  return nb;
}

/** A notebook that failed: printed with its cell and error, exit code 1. */
export class NotebookError extends Error {}

async function toHtml(inputs: string[], outDir: string, env: Record<string, string>, noInput: boolean) {
  const res = await run("jupyter", [
    "nbconvert",
    "--to",
    "html",
    ...(noInput ? ["--no-input"] : []),
    "--output-dir",
    outDir,
    ...inputs,
  ], { env, timeoutMs: 600_000 });
  if (res.code !== 0) {
    throw new NotebookError(
      `HTML conversion failed:\n${res.stderr.trim().split("\n").slice(-10).join("\n")}`,
    );
  }
}

function indexHtml(entries: { name: string; title: string }[], opts: ReportOptions): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const rel = (p: string | undefined, fallback: string) => esc(p ? p.replace(`${REPO}/`, "") : fallback);
  const rows = entries.map(({ name, title }) =>
    `<tr><td><a href="${name}.html">${
      esc(title)
    }</a></td><td><a href="executive/${name}.html">executive</a></td>` +
    `<td><a href="notebooks/${name}.ipynb">notebook</a></td><td><a href="results/${name}.json">results JSON</a></td></tr>`
  ).join("\n");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Marketing mix model: reports</title>
<style>body{font-family:system-ui,sans-serif;max-width:900px;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{padding:.4rem .6rem;border-bottom:1px solid #ddd;text-align:left}
code{background:#f4f4f4;padding:0 .2rem}</style></head><body>
<h1>Marketing mix model: reports</h1>
<p>Each notebook executed in order through Deno's Jupyter kernel. Full reports show code and output; executive
versions hide the code; results JSON holds the numbers behind every table and chart.</p>
<table><thead><tr><th>Report</th><th>Stakeholders</th><th>Executed notebook</th><th>Data</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Inputs</h2>
<ul><li>weekly: <code>${rel(opts.weekly, "data/mmm_weekly.csv")}</code></li>
<li>geo panel: <code>${rel(opts.geo, "data/mmm_geo.csv")}</code></li>
<li>roles: <code>${rel(opts.roles, "defaults")}</code></li></ul>
</body></html>
`;
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
  const kernelRoot = `${REPO}/.jupyter`;
  writeKernelSpec(kernelRoot);
  const env: Record<string, string> = {
    JUPYTER_PATH: [kernelRoot, Deno.env.get("JUPYTER_PATH")].filter(Boolean).join(":"),
    NO_COLOR: "1",
  };
  if (opts.weekly) env.MMM_WEEKLY = opts.weekly;
  if (opts.geo) env.MMM_GEO = opts.geo;
  if (opts.roles) env.MMM_ROLES = opts.roles;
  await checkJupyter(env);

  Deno.mkdirSync(opts.out, { recursive: true });
  const staging = Deno.makeTempDirSync({ dir: opts.out, prefix: ".staging-" });
  try {
    const dirs = {
      notebooks: `${staging}/notebooks`,
      results: `${staging}/results`,
      executive: `${staging}/executive`,
    };
    for (const d of Object.values(dirs)) Deno.mkdirSync(d, { recursive: true });
    const entries: { name: string; title: string }[] = [];
    for (const [i, name] of names.entries()) {
      const start = performance.now();
      log(`[${i + 1}/${names.length}] ${name} …`);
      const nb = await executeNotebook(name, dirs.notebooks, { ...env, MMM_RESULTS_DIR: dirs.results }, opts);
      try {
        Deno.statSync(`${dirs.results}/${name}.json`);
      } catch {
        throw new NotebookError(
          `${rel(opts.notebooks)}/${name}.ipynb ran but published no results: its last cell should call ` +
            `publishResults("${name}", results)`,
        );
      }
      entries.push({ name, title: notebookTitle(nb, name) });
      log(`  done in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    }
    const executed = names.map((n) => `${dirs.notebooks}/${n}.ipynb`);
    await toHtml(executed, staging, env, false);
    await toHtml(executed, dirs.executive, env, true);
    Deno.writeTextFileSync(`${staging}/index.html`, indexHtml(entries, opts));

    // Everything is staged: move it into place file by file (rename is atomic within a filesystem).
    const written: string[] = [];
    const place = (rel: string) => {
      const target = `${opts.out}/${rel}`;
      Deno.mkdirSync(target.replace(/\/[^/]+$/, ""), { recursive: true });
      Deno.renameSync(`${staging}/${rel}`, target);
      written.push(target);
    };
    for (const n of names) {
      place(`${n}.html`);
      place(`executive/${n}.html`);
      place(`notebooks/${n}.ipynb`);
      place(`results/${n}.json`);
    }
    place("index.html");
    return written;
  } finally {
    Deno.removeSync(staging, { recursive: true });
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
