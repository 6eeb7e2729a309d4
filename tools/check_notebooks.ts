/**
 * Type-checks the code cells of every notebook. Deno's kernel does not type-check cells and `deno check`
 * skips `.ipynb`, so this concatenates each notebook's code cells, in order, into a temporary module beside it
 * (relative imports resolve as in the kernel, whose working directory is the notebook's folder), runs
 * `deno check`, and maps every diagnostic back to `notebooks/<name>.ipynb, cell N, line M`.
 *
 * Usage: `deno run -A tools/check_notebooks.ts [notebook.ipynb ...]` (default: all of `notebooks/`).
 *
 * @module
 */
import { cellSource, type Notebook } from "./jupyter.ts";

const REPO = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

/** The module text of a notebook's code cells, with a map from module line to (cell number, line in cell). */
export function notebookModule(nb: Notebook): { text: string; lines: { cell: number; line: number }[] } {
  const parts: string[] = [];
  const lines: { cell: number; line: number }[] = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    const src = cellSource(cell).split("\n");
    src.forEach((_, j) => lines.push({ cell: i + 1, line: j + 1 }));
    parts.push(src.join("\n"));
    lines.push({ cell: i + 1, line: src.length + 1 }); // the separator line
  });
  return { text: parts.join("\n;\n") + "\nexport {};\n", lines };
}

/** Result of checking one notebook. */
export interface NotebookCheck {
  notebook: string;
  ok: boolean;
  diagnostics: string;
}

/** Type-checks one notebook file; diagnostics name the notebook, cell and line. */
export async function checkNotebook(path: string): Promise<NotebookCheck> {
  return (await checkNotebooks([path]))[0];
}

/**
 * Type-checks notebook files in one `deno check` run (the library is checked once, not once per notebook);
 * each result's diagnostics name its notebook, cell and line. A notebook is ok when no diagnostic points into
 * it and the run succeeded (a failure that names no notebook fails them all).
 */
export async function checkNotebooks(paths: readonly string[]): Promise<NotebookCheck[]> {
  const modules = paths.map((path) => {
    const nb = JSON.parse(Deno.readTextFileSync(path)) as Notebook;
    const { text, lines } = notebookModule(nb);
    const dir = path.replace(/\/[^/]+$/, "");
    const base = path.replace(/^.*\//, "").replace(/\.ipynb$/, "");
    const tmp = `${dir}/.typecheck_${base}_${crypto.randomUUID().slice(0, 8)}.ts`;
    Deno.writeTextFileSync(tmp, text);
    return { path, base, tmp, lines };
  });
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["check", "--quiet", ...modules.map((m) => m.tmp)],
      cwd: REPO,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    let raw = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
    const hit = new Set<string>();
    for (const m of modules) {
      const tmpName = m.tmp.replace(/^.*\//, "");
      const pattern = new RegExp(`(?:file://)?[^\\s]*${tmpName.replace(/\./g, "\\.")}:(\\d+):(\\d+)`, "g");
      raw = raw.replace(pattern, (_m, l: string, c: string) => {
        hit.add(m.path);
        const at = m.lines[Number(l) - 1];
        return at
          ? `${m.path.replace(`${REPO}/`, "")}, cell ${at.cell}, line ${at.line}:${c}`
          : `${m.base}:${l}:${c}`;
      });
    }
    const diagnostics = raw.trim();
    return modules.map((m) => ({
      notebook: m.path,
      ok: out.code === 0 || (hit.size > 0 && !hit.has(m.path)),
      diagnostics: out.code === 0 ? "" : diagnostics,
    }));
  } finally {
    for (const m of modules) Deno.removeSync(m.tmp);
  }
}

/** All `NN_*.ipynb` notebooks under `notebooks/`. */
export function allNotebooks(): string[] {
  return [...Deno.readDirSync(`${REPO}/notebooks`)]
    .filter((e) => e.isFile && /^\d{2}_.+\.ipynb$/.test(e.name))
    .map((e) => `${REPO}/notebooks/${e.name}`)
    .sort();
}

if (import.meta.main) {
  const paths = Deno.args.length > 0
    ? Deno.args.map((p) => (p.startsWith("/") ? p : `${Deno.cwd()}/${p}`))
    : allNotebooks();
  let failed = 0;
  for (const r of await checkNotebooks(paths)) {
    const p = r.notebook;
    console.error(`${r.ok ? "ok  " : "FAIL"} ${p.replace(`${REPO}/`, "")}`);
    if (!r.ok) {
      failed++;
      console.error(r.diagnostics);
    }
  }
  if (failed > 0) Deno.exit(1);
}
