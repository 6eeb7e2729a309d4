/**
 * Builds an `.ipynb` from a percent-format script (the convention of jupytext and VS Code): a line
 * `// %% [markdown]` starts a markdown cell whose lines are `// `-prefixed comments, a line `// %%` starts a code
 * cell. Cell ids are stable (`<notebook>-<nn>`), kernelspec `deno`, `language_info.name: "typescript"`.
 *
 * Usage: `deno run -A tools/notebook_from_script.ts script.ts notebooks/01_eda.ipynb "Title"`
 *
 * The `.ipynb` in `notebooks/` is the source of truth once written; this is an authoring aid.
 *
 * @module
 */
import type { Notebook, NotebookCell } from "./jupyter.ts";

/** Parses a percent-format script into notebook cells. */
export function cellsFromScript(script: string, idPrefix: string): NotebookCell[] {
  const cells: NotebookCell[] = [];
  let current: { type: "code" | "markdown"; lines: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    while (current.lines.length > 0 && current.lines[current.lines.length - 1].trim() === "") {
      current.lines.pop();
    }
    while (current.lines.length > 0 && current.lines[0].trim() === "") current.lines.shift();
    if (current.lines.length === 0) return;
    const text = current.lines.join("\n");
    const source = text.split(/(?<=\n)/);
    const id = `${idPrefix}-${String(cells.length + 1).padStart(2, "0")}`;
    cells.push(
      current.type === "markdown"
        ? { cell_type: "markdown", id, metadata: {}, source }
        : { cell_type: "code", id, metadata: {}, source, outputs: [], execution_count: null },
    );
  };
  for (const line of script.split("\n")) {
    const marker = line.match(/^\/\/ %%\s*(\[markdown\])?\s*$/);
    if (marker) {
      flush();
      current = { type: marker[1] ? "markdown" : "code", lines: [] };
      continue;
    }
    if (!current) continue;
    current.lines.push(current.type === "markdown" ? line.replace(/^\/\/ ?/, "") : line);
  }
  flush();
  return cells;
}

/** A complete nbformat 4.5 notebook for Deno's kernel. */
export function notebookFromScript(script: string, idPrefix: string, title: string): Notebook {
  return {
    cells: cellsFromScript(script, idPrefix),
    metadata: {
      title,
      kernelspec: { name: "deno", display_name: "Deno", language: "typescript" },
      language_info: {
        name: "typescript",
        file_extension: ".ts",
        mimetype: "text/x.typescript",
        codemirror_mode: "typescript",
        pygments_lexer: "typescript",
      },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

if (import.meta.main) {
  const [script, out, title] = Deno.args;
  if (!script || !out) {
    console.error(
      "usage: deno run -A tools/notebook_from_script.ts script.ts notebooks/NN_name.ipynb [title]",
    );
    Deno.exit(2);
  }
  const name = out.replace(/^.*\//, "").replace(/\.ipynb$/, "");
  const nb = notebookFromScript(Deno.readTextFileSync(script), name, title ?? name);
  Deno.writeTextFileSync(out, JSON.stringify(nb, null, 1) + "\n");
  console.error(`wrote ${out} (${nb.cells.length} cells)`);
}
