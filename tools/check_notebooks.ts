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
  const nb = JSON.parse(Deno.readTextFileSync(path)) as Notebook;
  const { text, lines } = notebookModule(nb);
  const dir = path.replace(/\/[^/]+$/, "");
  const base = path.replace(/^.*\//, "").replace(/\.ipynb$/, "");
  const tmp = `${dir}/.typecheck_${base}_${crypto.randomUUID().slice(0, 8)}.ts`;
  Deno.writeTextFileSync(tmp, text);
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["check", "--quiet", tmp],
      cwd: REPO,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const raw = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
    const tmpName = tmp.replace(/^.*\//, "");
    const pattern = new RegExp(`(?:file://)?[^\\s]*${tmpName.replace(/\./g, "\\.")}:(\\d+):(\\d+)`, "g");
    const diagnostics = raw.replace(pattern, (_m, l: string, c: string) => {
      const at = lines[Number(l) - 1];
      return at
        ? `${path.replace(`${REPO}/`, "")}, cell ${at.cell}, line ${at.line}:${c}`
        : `${base}:${l}:${c}`;
    });
    return { notebook: path, ok: out.code === 0, diagnostics: diagnostics.trim() };
  } finally {
    Deno.removeSync(tmp);
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
  for (const p of paths) {
    const r = await checkNotebook(p);
    console.error(`${r.ok ? "ok  " : "FAIL"} ${p.replace(`${REPO}/`, "")}`);
    if (!r.ok) {
      failed++;
      console.error(r.diagnostics);
    }
  }
  if (failed > 0) Deno.exit(1);
}
