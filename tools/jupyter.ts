/**
 * Everything the report task needs from Jupyter: a project-local Deno kernelspec, nbconvert runs with
 * timeouts, and reading executed notebooks (first error, published results).
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
  error: string;
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
      const head = `${out.ename ?? "Error"}: ${stripAnsi(out.evalue ?? "")}`;
      return {
        cellNumber: i + 1,
        codeCellNumber: code,
        cellId: cell.id,
        error: trace.includes(head) || trace.length > 0 ? trace || head : head,
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
export function writeKernelSpec(dir: string, denoPath = Deno.execPath()): string {
  const kernelDir = `${dir}/kernels/${KERNEL_NAME}`;
  Deno.mkdirSync(kernelDir, { recursive: true });
  const spec = {
    argv: [denoPath, "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: "Deno (MMM report)",
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

/** Runs a command, never hanging past `timeoutMs`; a missing executable is reported, not thrown. */
export async function run(
  cmd: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; timeoutMs: number },
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
      stderr: "piped",
      signal: controller.signal,
    }).output();
    const dec = new TextDecoder();
    return {
      code: out.code,
      stdout: dec.decode(out.stdout),
      stderr: dec.decode(out.stderr),
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

/** What to install when Jupyter's pieces are missing, in words a user can paste. */
export const INSTALL_JUPYTER = [
  "Jupyter's nbconvert (with nbclient and jupyter_client) is needed to execute the notebooks.",
  "  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y --no-install-recommends \\",
  "                    jupyter-nbconvert python3-nbclient jupyter-client",
  "  elsewhere:      python3 -m pip install nbconvert nbclient jupyter_client",
].join("\n");
