/**
 * Everything the report task needs from Jupyter: a project-local Deno kernelspec, the Python that runs
 * `jupyter` (for tools/execute_notebook.py), commands with timeouts, and reading executed notebooks (first
 * error, title).
 *
 * @module
 */

/** Minimal nbformat 4 shapes used here. */
export interface NotebookOutput {
  output_type: string;
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
  text?: string | string[];
  name?: string;
}
export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  source: string | string[];
  outputs?: NotebookOutput[];
  metadata?: Record<string, unknown>;
  execution_count?: number | null;
}
export interface Notebook {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** Name of the kernelspec the notebooks ask for (and that the report task registers locally). */
export const KERNEL_NAME = "deno";

/** The text of a cell's source, which nbformat stores as a string or a list of lines. */
export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** Removes ANSI colour codes (Deno colours errors unless NO_COLOR is set). */
export function stripAnsi(s: string): string {
  // deno-lint-ignore no-control-regex
  return s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
}

/** Where an executed notebook first failed: cell position (1-based among all cells and among code cells). */
export interface CellFailure {
  cellNumber: number;
  codeCellNumber: number;
  cellId?: string;
  /** The error as the kernel printed it: `Name: message` and the stack frames. */
  error: string;
  /** The error's class name (`DataError`, `RangeError`, …) and message. */
  ename: string;
  evalue: string;
  /** The stack frames (`at f (file:…)`), without the `Name: message` line. */
  frames: string[];
  source: string;
}

/** The first error output of an executed notebook, or undefined when every cell ran. */
export function firstError(nb: Notebook): CellFailure | undefined {
  let code = 0;
  for (let i = 0; i < nb.cells.length; i++) {
    const cell = nb.cells[i];
    if (cell.cell_type !== "code") continue;
    code++;
    for (const out of cell.outputs ?? []) {
      if (out.output_type !== "error") continue;
      const trace = (out.traceback ?? []).map(stripAnsi).join("\n").trim();
      const ename = out.ename ?? "Error";
      const evalue = stripAnsi(out.evalue ?? "");
      return {
        cellNumber: i + 1,
        codeCellNumber: code,
        cellId: cell.id,
        error: trace || `${ename}: ${evalue}`,
        ename,
        evalue,
        frames: trace.split("\n").filter((l) => /^\s*at\s/.test(l)).map((l) => l.trim()),
        source: cellSource(cell),
      };
    }
  }
  return undefined;
}

/** The first markdown heading of a notebook (its title for the index page). */
export function notebookTitle(nb: Notebook, fallback: string): string {
  for (const cell of nb.cells) {
    if (cell.cell_type !== "markdown") continue;
    const m = cellSource(cell).match(/^#\s+(.+)$/m);
    if (m) return m[1].trim();
  }
  return fallback;
}

/**
 * Writes `<dir>/kernels/deno/kernel.json` pointing at the Deno that runs this task, with `NO_COLOR=1` (Deno
 * colours text results otherwise). Jupyter finds it through `JUPYTER_PATH=<dir>`, ahead of any user or system
 * kernel of the same name, so the user's own Jupyter setup is neither needed nor changed.
 */
export function writeKernelSpec(
  dir: string,
  denoPath = Deno.execPath(),
  displayName = "Deno (MMM report)",
): string {
  const kernelDir = `${dir}/kernels/${KERNEL_NAME}`;
  Deno.mkdirSync(kernelDir, { recursive: true });
  const spec = {
    argv: [denoPath, "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: displayName,
    language: "typescript",
    env: { NO_COLOR: "1" },
  };
  Deno.writeTextFileSync(`${kernelDir}/kernel.json`, JSON.stringify(spec, null, 2) + "\n");
  return kernelDir;
}

/** Result of running a command with a time limit. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  notFound: boolean;
}

/**
 * Runs a command, never hanging past `timeoutMs` (nor past an abort of `signal`: the command gets SIGTERM); a
 * missing executable is reported, not thrown. With `inheritStderr`, the command writes to this process's
 * stderr (for progress) and `stderr` is empty.
 */
export async function run(
  cmd: string,
  args: string[],
  options: {
    env?: Record<string, string>;
    cwd?: string;
    timeoutMs: number;
    signal?: AbortSignal;
    inheritStderr?: boolean;
  },
): Promise<RunResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const out = await new Deno.Command(cmd, {
      args,
      env: options.env,
      cwd: options.cwd,
      stdin: "null",
      stdout: "piped",
      stderr: options.inheritStderr ? "inherit" : "piped",
      signal: options.signal ? AbortSignal.any([controller.signal, options.signal]) : controller.signal,
    }).output();
    const dec = new TextDecoder();
    return {
      code: out.code,
      stdout: dec.decode(out.stdout),
      stderr: options.inheritStderr ? "" : dec.decode(out.stderr),
      timedOut: controller.signal.aborted,
      notFound: false,
    };
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      return { code: 127, stdout: "", stderr: String(error), timedOut: false, notFound: true };
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The executable of `name` on `PATH` (the first match that is a file), or undefined.
 */
export function onPath(name: string, path = Deno.env.get("PATH") ?? ""): string | undefined {
  for (const dir of path.split(":").filter(Boolean)) {
    try {
      if (Deno.statSync(`${dir}/${name}`).isFile) return `${dir}/${name}`;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * The Python interpreter that runs `jupyter`: the one named by the shebang of `jupyter` on `PATH` (for
 * `#!/usr/bin/env python3`, that name looked up on `PATH`), else `/usr/bin/python3`. The first `python3` on
 * `PATH` may be another installation (pyenv) without jupyter_client.
 */
export function jupyterPython(path = Deno.env.get("PATH") ?? ""): string {
  const fallback = "/usr/bin/python3";
  const jupyter = onPath("jupyter", path);
  if (!jupyter) return fallback;
  let first = "";
  try {
    const file = Deno.openSync(jupyter);
    try {
      const buf = new Uint8Array(256);
      const n = file.readSync(buf) ?? 0;
      first = new TextDecoder().decode(buf.subarray(0, n)).split("\n")[0];
    } finally {
      file.close();
    }
  } catch {
    return fallback;
  }
  const m = first.match(/^#!\s*(\S+)(?:\s+(\S+))?/);
  if (!m) return fallback;
  if (/(^|\/)env$/.test(m[1]) && m[2]) return onPath(m[2], path) ?? fallback;
  return /python/.test(m[1]) ? m[1] : fallback;
}

/** What to install when Jupyter's pieces are missing, in words a user can paste. */
export const INSTALL_JUPYTER = [
  "Jupyter's nbconvert (with nbclient and jupyter_client) is needed to execute the notebooks.",
  "  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y --no-install-recommends \\",
  "                    jupyter-nbconvert python3-nbclient jupyter-client",
  "  elsewhere:      python3 -m pip install nbconvert nbclient jupyter_client",
].join("\n");
