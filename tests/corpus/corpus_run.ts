/**
 * Runs the whole report on every corpus entry (`data/corpus.ts`) and checks what came out.
 *
 * Usage: `deno run --allow-all tests/corpus/corpus_run.ts [--only name[,name…]] [--out dir] [--twice]
 *         [--no-isolate] [--timeout seconds-per-cell]`
 *
 * For each entry, sequentially: `deno run --allow-all tools/report.ts --weekly … --geo … [--roles …] --out …`,
 * then the checks:
 *
 * 1. the report exits 0;
 * 2. every notebook is in `out/notebooks/*.ipynb`;
 * 3. every code cell whose source calls `show(` or `display(` has at least one output (the rule of
 *    `../shared/tools/compare_runs.py`);
 * 4. no error outputs;
 * 5. the entry's expectations and {@link COMMON_EXPECTATIONS}: regular expressions matched against the
 *    concatenated `text/plain`, `text/markdown` and `text/html` of the notebook's outputs.
 *
 * The report is all or nothing: a failed notebook leaves no outputs. So that one failure does not hide the
 * rest, a failed run is followed (unless `--no-isolate`) by runs of `--only` the notebooks after the last
 * failure, until one succeeds, and then one run of every notebook that passed but whose outputs are not yet
 * in `out`; those are then checked. Each failing notebook is listed with the first line of its error.
 *
 * With `--twice`, each entry's notebooks that ran are run a second time and the two runs compared with
 * `compare_runs.py` (same outputs in every code cell).
 *
 * Prints a summary table (entry, seconds, pass/fail, failures) and exits 1 when any entry fails. Reports are
 * kept under `--out` (default: a temporary folder, removed when every entry passes).
 *
 * @module
 */
import { COMMON_EXPECTATIONS, type CorpusEntry, type Expectation, writeCorpus } from "../../data/corpus.ts";

const REPO = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
/** The shared comparison script: `../shared/tools/compare_runs.py` beside the repository (CI lays shared/ there). */
const COMPARE_RUNS = `${REPO}/../shared/tools/compare_runs.py`;

interface Options {
  only?: string[];
  out?: string;
  twice: boolean;
  isolate: boolean;
  timeoutSeconds: number;
}

const USAGE = "usage: deno run --allow-all tests/corpus/corpus_run.ts [--only name[,name…]] [--out dir] " +
  "[--twice] [--no-isolate] [--timeout seconds-per-cell]";

function parseArgs(args: readonly string[]): Options {
  const opts: Options = { twice: false, isolate: true, timeoutSeconds: 300 };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case "--only":
        opts.only = value().split(",").map((s) => s.trim()).filter(Boolean);
        break;
      case "--out":
        opts.out = value();
        break;
      case "--twice":
        opts.twice = true;
        break;
      case "--no-isolate":
        opts.isolate = false;
        break;
      case "--timeout":
        opts.timeoutSeconds = Number(value());
        if (!(opts.timeoutSeconds > 0)) throw new Error(`--timeout must be a positive number\n${USAGE}`);
        break;
      case "--help":
      case "-h":
        console.log(USAGE);
        Deno.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------------------
// Running the report
// ---------------------------------------------------------------------------------------------------------

interface ReportRun {
  code: number;
  stderr: string;
  seconds: number;
}

/** The ordered notebook names of `notebooks/`. */
function notebookNames(): string[] {
  return [...Deno.readDirSync(`${REPO}/notebooks`)]
    .filter((e) => e.isFile && /^\d{2}_.+\.ipynb$/.test(e.name))
    .map((e) => e.name.replace(/\.ipynb$/, ""))
    .sort();
}

async function runReport(
  entry: CorpusEntry,
  out: string,
  timeoutSeconds: number,
  only?: readonly string[],
): Promise<ReportRun> {
  const args = ["run", "--allow-all", `${REPO}/tools/report.ts`];
  if (entry.weekly) args.push("--weekly", entry.weekly);
  if (entry.geo) args.push("--geo", entry.geo);
  if (entry.roles) args.push("--roles", entry.roles);
  args.push("--out", out, "--timeout", String(timeoutSeconds));
  if (only) args.push("--only", only.join(","));
  const start = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args,
    cwd: REPO,
    env: { NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // A whole run never needs more than every cell's timeout; past that, stop our own child.
  const limitMs = (timeoutSeconds * 7 + 600) * 1000;
  const timer = setTimeout(() => {
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
  }, limitMs);
  const result = await child.output();
  clearTimeout(timer);
  const stderr = new TextDecoder().decode(result.stderr) + new TextDecoder().decode(result.stdout);
  return { code: result.code, stderr, seconds: (performance.now() - start) / 1000 };
}

/**
 * The notebook a failed report names, and the first line of its error. Reads the report's `report: …` lines
 * loosely (`report: notebooks/NN_x.ipynb, cell 4 (id "…"): message`, or `… failed in cell 4 (…):` with the
 * message on the next line), since the report's wording is not a contract.
 */
export function reportFailure(stderr: string): { notebook?: string; line: string } {
  const lines = stderr.split("\n").map((l) => l.trimEnd());
  const clip = (s: string) => (s.length > 240 ? `${s.slice(0, 240)}…` : s);
  for (let i = 0; i < lines.length; i++) {
    const m = /^report: .*?(\d{2}_[A-Za-z0-9_]+)\.ipynb(.*)$/.exec(lines[i]);
    if (!m) continue;
    const rest = m[2].replace(/^,?\s*(?:failed in )?(?:cell \d+(?:\s*\([^)]*\))?)?\s*:?\s*/, "").trim();
    if (rest !== "") return { notebook: m[1], line: clip(rest) };
    const detail = lines.slice(i + 1).map((l) => l.trim()).find((l) =>
      l !== "" && !/^(Stack trace:|at\s|cell source:|\||report: no report files)/.test(l)
    );
    return { notebook: m[1], line: clip(detail ?? lines[i].replace(/^report: /, "")) };
  }
  const meaningful = lines.filter((l) => l.trim() !== "");
  const reportLine = meaningful.find((l) =>
    l.startsWith("report: ") && !/no report files were changed/.test(l)
  );
  return {
    line: clip(reportLine ?? meaningful.find((l) => /error/i.test(l)) ?? meaningful.at(-1) ?? "(no output)"),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Reading executed notebooks
// ---------------------------------------------------------------------------------------------------------

interface Output {
  output_type: string;
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: Output[];
}

const joined = (v: unknown): string => (Array.isArray(v) ? v.join("") : typeof v === "string" ? v : "");

/** Concatenated `text/plain`, `text/markdown` and `text/html` of every output, one output per line. */
export function outputText(cells: readonly Cell[]): string {
  const parts: string[] = [];
  for (const cell of cells) {
    if (cell.cell_type !== "code") continue;
    for (const out of cell.outputs ?? []) {
      for (const mime of ["text/plain", "text/markdown", "text/html"]) {
        const text = joined(out.data?.[mime]);
        if (text) parts.push(text);
      }
    }
  }
  return parts.join("\n");
}

/** Structural problems of an executed notebook: cells that show nothing, error outputs. */
export function structuralProblems(cells: readonly Cell[]): string[] {
  const problems: string[] = [];
  let code = 0;
  for (const cell of cells) {
    if (cell.cell_type !== "code") continue;
    code++;
    const source = joined(cell.source);
    const outputs = cell.outputs ?? [];
    if (/\b(show|display)\(/.test(source) && outputs.length === 0) {
      problems.push(`code cell ${code} calls show/display but has no output`);
    }
    for (const out of outputs) {
      if (out.output_type === "error") {
        problems.push(
          `code cell ${code} has an error output: ${out.ename ?? "Error"}: ${
            (out.evalue ?? "").split("\n")[0]
          }`,
        );
      }
    }
  }
  return problems;
}

/** Expectations of one notebook that fail on its output text, in words. */
export function failedExpectations(text: string, expectations: readonly Expectation[]): string[] {
  const failures: string[] = [];
  for (const e of expectations) {
    const re = new RegExp(e.pattern, e.flags ?? "i");
    const m = re.exec(text);
    if (e.absent && m) {
      failures.push(`${e.description} — found "${m[0].slice(0, 80).replace(/\s+/g, " ")}"`);
    } else if (!e.absent && !m) {
      failures.push(
        `${e.description} — /${
          e.pattern.length > 100 ? e.pattern.slice(0, 100) + "…" : e.pattern
        }/ not found`,
      );
    }
  }
  return failures;
}

function removeIfPresent(path: string) {
  try {
    Deno.removeSync(path, { recursive: true });
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}

const forNotebook = (e: Expectation, name: string) =>
  name === e.notebook || name.startsWith(`${e.notebook}_`);

// ---------------------------------------------------------------------------------------------------------
// One entry
// ---------------------------------------------------------------------------------------------------------

interface EntryResult {
  name: string;
  seconds: number;
  passed: boolean;
  failures: string[];
}

async function runEntry(entry: CorpusEntry, outRoot: string, opts: Options): Promise<EntryResult> {
  const names = notebookNames();
  const out = `${outRoot}/${entry.name}`;
  removeIfPresent(out);
  const failures: string[] = [];
  const failed = new Map<string, string>();
  let seconds = 0;

  const run = async (only?: readonly string[]) => {
    const r = await runReport(entry, out, opts.timeoutSeconds, only);
    seconds += r.seconds;
    console.error(
      `  report${only ? ` --only ${only.join(",")}` : ""}: exit ${r.code} in ${r.seconds.toFixed(1)} s`,
    );
    if (r.code === 3) {
      console.error(r.stderr);
      throw new Error("the report cannot run here (missing Jupyter?); see its message above");
    }
    return r;
  };
  const first = await run();
  /** Notebooks whose executed copy a successful run placed in `out`. */
  const placed = new Set<string>(first.code === 0 ? names : []);
  if (first.code !== 0) {
    const f = reportFailure(first.stderr);
    failures.push(`report exited ${first.code}`);
    if (f.notebook) failed.set(f.notebook, f.line);
    else failures.push(`report: ${f.line}`);
    if (opts.isolate && f.notebook && names.includes(f.notebook)) {
      // The notebooks before the failure passed. Probe those after it, each time from the next failure on,
      // then rerun every passing notebook whose outputs are not in `out` yet, to check them.
      let after = names.slice(names.indexOf(f.notebook) + 1);
      while (after.length > 0) {
        const r = await run(after);
        if (r.code === 0) {
          for (const n of after) placed.add(n);
          break;
        }
        const g = reportFailure(r.stderr);
        if (!g.notebook || failed.has(g.notebook) || !after.includes(g.notebook)) {
          failures.push(`isolating failures: report exited ${r.code}: ${g.line}`);
          break;
        }
        failed.set(g.notebook, g.line);
        after = after.slice(after.indexOf(g.notebook) + 1);
      }
      const need = names.filter((n) => !failed.has(n) && !placed.has(n));
      if (need.length > 0) {
        const r = await run(need);
        if (r.code === 0) {
          need.forEach((n) => placed.add(n));
        } else {
          failures.push(`rerunning the passing notebooks: exit ${r.code}: ${reportFailure(r.stderr).line}`);
        }
      }
    }
  }
  const ran = names.filter((n) => placed.has(n));
  for (const nb of names.filter((n) => failed.has(n))) {
    const line = failed.get(nb);
    const unchecked = entry.expectations.filter((e) => forNotebook(e, nb)).length;
    failures.push(`${nb}: FAILED: ${line}${unchecked ? ` (${unchecked} expectation(s) unchecked)` : ""}`);
  }

  for (const nb of ran) {
    const path = `${out}/notebooks/${nb}.ipynb`;
    let cells: Cell[];
    try {
      cells = JSON.parse(Deno.readTextFileSync(path)).cells;
    } catch {
      failures.push(`${nb}: executed notebook missing (${path})`);
      continue;
    }
    for (const p of structuralProblems(cells)) failures.push(`${nb}: ${p}`);
    const expectations = [
      ...entry.expectations.filter((e) => forNotebook(e, nb)),
      ...COMMON_EXPECTATIONS.map((e) => ({ ...e, notebook: nb })),
    ];
    for (const f of failedExpectations(outputText(cells), expectations)) failures.push(`${nb}: ${f}`);
  }
  if (opts.twice && ran.length > 0) {
    const second = `${out}-twice`;
    removeIfPresent(second);
    const r = await runReport(
      entry,
      second,
      opts.timeoutSeconds,
      ran.length === names.length ? undefined : ran,
    );
    seconds += r.seconds;
    console.error(`  report again into ${second}: exit ${r.code} in ${r.seconds.toFixed(1)} s`);
    if (r.code !== 0) {
      failures.push(`--twice: the second run exited ${r.code}: ${reportFailure(r.stderr).line}`);
    } else if (changedSources(out, second).length > 0) {
      failures.push(
        `--twice: inconclusive: notebook sources changed between the two runs (${
          changedSources(out, second).join(", ")
        }); someone edited them meanwhile`,
      );
    } else {
      const cmp = await compareRuns(out, second);
      if (!cmp.same) failures.push(`--twice: the two runs differ: ${cmp.detail}`);
    }
  }
  return { name: entry.name, seconds, passed: failures.length === 0, failures };
}

/** Executed notebooks whose code-cell sources differ between two report folders (edited between runs). */
function changedSources(a: string, b: string): string[] {
  const sources = (dir: string, name: string) => {
    try {
      const cells: Cell[] = JSON.parse(Deno.readTextFileSync(`${dir}/notebooks/${name}`)).cells;
      return JSON.stringify(cells.filter((c) => c.cell_type === "code").map((c) => joined(c.source)));
    } catch {
      return "";
    }
  };
  const names = [...Deno.readDirSync(`${a}/notebooks`)].map((e) => e.name).filter((n) =>
    n.endsWith(".ipynb")
  );
  return names.filter((n) => sources(a, n) !== sources(b, n)).map((n) => n.replace(/\.ipynb$/, "")).sort();
}

/** Compares two report folders with compare_runs.py (or, without it, the same rule in TypeScript). */
async function compareRuns(a: string, b: string): Promise<{ same: boolean; detail: string }> {
  try {
    Deno.statSync(COMPARE_RUNS);
  } catch {
    return compareRunsHere(a, b);
  }
  const r = await new Deno.Command("python3", {
    args: [COMPARE_RUNS, a, b],
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  const text = new TextDecoder().decode(r.stdout).trim() || new TextDecoder().decode(r.stderr).trim();
  return { same: r.code === 0, detail: text };
}

function compareRunsHere(a: string, b: string): { same: boolean; detail: string } {
  const read = (dir: string) => {
    const out = new Map<string, string[]>();
    for (const e of [...Deno.readDirSync(`${dir}/notebooks`)].filter((e) => e.name.endsWith(".ipynb"))) {
      const cells: Cell[] = JSON.parse(Deno.readTextFileSync(`${dir}/notebooks/${e.name}`)).cells;
      out.set(
        e.name,
        cells.filter((c) => c.cell_type === "code").map((c) => JSON.stringify(c.outputs ?? [])),
      );
    }
    return out;
  };
  const x = read(a), y = read(b);
  const differing: string[] = [];
  for (const nb of new Set([...x.keys(), ...y.keys()])) {
    const cx = x.get(nb) ?? [], cy = y.get(nb) ?? [];
    for (let i = 0; i < Math.max(cx.length, cy.length); i++) {
      if (cx[i] !== cy[i]) differing.push(`${nb}#code${i}`);
    }
  }
  return { same: differing.length === 0, detail: JSON.stringify({ cells_differing: differing }) };
}

// ---------------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------------

function summary(results: readonly EntryResult[]): string {
  const width = Math.max(5, ...results.map((r) => r.name.length));
  const lines = [
    `${"entry".padEnd(width)}  seconds  result  failures`,
    `${"-".repeat(width)}  -------  ------  --------`,
  ];
  for (const r of results) {
    const head = `${r.name.padEnd(width)}  ${r.seconds.toFixed(1).padStart(7)}  ${
      r.passed ? "pass" : "FAIL"
    }  `;
    lines.push(head + (r.failures.length === 0 ? "" : r.failures[0]));
    for (const f of r.failures.slice(1)) lines.push(" ".repeat(head.length) + f);
  }
  const total = results.reduce((s, r) => s + r.seconds, 0);
  lines.push(
    `${results.filter((r) => r.passed).length} of ${results.length} entries pass; ${
      total.toFixed(0)
    } s of report runs`,
  );
  return lines.join("\n");
}

if (import.meta.main) {
  let opts: Options;
  try {
    opts = parseArgs(Deno.args);
  } catch (error) {
    console.error((error as Error).message);
    Deno.exit(2);
  }
  const temporary = opts.out === undefined;
  const root = opts.out
    ? (opts.out.startsWith("/") ? opts.out : `${Deno.env.get("INIT_CWD") ?? Deno.cwd()}/${opts.out}`)
    : Deno.makeTempDirSync({
      prefix: "mmm-corpus-",
    });
  Deno.mkdirSync(root, { recursive: true });
  let entries = writeCorpus(`${root}/corpus`);
  if (opts.only) {
    const unknown = opts.only.filter((o) => !entries.some((e) => e.name === o));
    if (unknown.length > 0) {
      console.error(
        `no corpus entry named ${unknown.join(", ")}; have: ${entries.map((e) => e.name).join(", ")}`,
      );
      Deno.exit(2);
    }
    entries = entries.filter((e) => opts.only!.includes(e.name));
  }
  const start = performance.now();
  const results: EntryResult[] = [];
  for (const [i, entry] of entries.entries()) {
    console.error(`[${i + 1}/${entries.length}] ${entry.name}: ${entry.description}`);
    const result = await runEntry(entry, `${root}/reports`, opts);
    console.error(`  ${result.passed ? "pass" : "FAIL"} in ${result.seconds.toFixed(1)} s`);
    results.push(result);
  }
  console.log(summary(results));
  console.log(`wall time ${((performance.now() - start) / 1000).toFixed(0)} s`);
  const allPassed = results.every((r) => r.passed);
  if (temporary && allPassed) Deno.removeSync(root, { recursive: true });
  else console.log(`corpus and reports in ${root}`);
  Deno.exit(allPassed ? 0 : 1);
}
