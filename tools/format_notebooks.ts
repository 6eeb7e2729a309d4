/**
 * Formats every notebook's code cells with `deno fmt` at the project's line width (110, deno.json), so that no
 * code line overflows a report page at 1280 px. Notebooks are excluded from `deno fmt` itself (it does not
 * read `.ipynb`), so this runs the formatter cell by cell: each cell's source goes through
 * `deno fmt --ext ts -` and is written back; ids, metadata (tags) and outputs are kept.
 *
 * ```sh
 * deno task fmt-notebooks            # rewrite notebooks/*.ipynb in place
 * deno task fmt-notebooks --check    # exit 1 naming every cell that is not formatted
 * ```
 *
 * @module
 */

const REPO = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
/** deno.json's `fmt.lineWidth`. */
export const LINE_WIDTH = 110;

interface Cell {
  cell_type: string;
  id?: string;
  source: string | string[];
}

/** The cell's source as one string. */
const text = (c: Cell) => Array.isArray(c.source) ? c.source.join("") : c.source;

/** nbformat's list-of-lines form of `s` (every line but the last keeps its newline). */
export function sourceLines(s: string): string[] {
  const lines = s.split("\n");
  return lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l)).filter((l) => l !== "");
}

/** `code` formatted by `deno fmt` as TypeScript, without the trailing newline; throws on a syntax error. */
export async function formatCode(code: string): Promise<string> {
  const cmd = new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--ext", "ts", "--line-width", String(LINE_WIDTH), "-"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  });
  const child = cmd.spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(code.endsWith("\n") ? code : `${code}\n`));
  await writer.close();
  const out = await child.output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr).trim());
  return new TextDecoder().decode(out.stdout).replace(/\n$/, "");
}

if (import.meta.main) {
  const check = Deno.args.includes("--check");
  const files = [...Deno.readDirSync(`${REPO}/notebooks`)].map((e) => e.name).filter((n) =>
    n.endsWith(".ipynb")
  )
    .sort();
  let unformatted = 0;
  for (const name of files) {
    const path = `${REPO}/notebooks/${name}`;
    const raw = Deno.readTextFileSync(path);
    const nb = JSON.parse(raw) as { cells: Cell[] };
    let changed = 0;
    for (const [i, c] of nb.cells.entries()) {
      if (c.cell_type !== "code") continue;
      const before = text(c);
      let after: string;
      try {
        after = await formatCode(before);
      } catch (e) {
        console.error(
          `${name}, cell ${i + 1} (${c.id}): not formatted: ${(e as Error).message.split("\n")[0]}`,
        );
        unformatted++;
        continue;
      }
      if (after !== before.replace(/\n$/, "")) {
        changed++;
        if (check) console.error(`${name}, cell ${i + 1} (${c.id}) is not formatted`);
        c.source = sourceLines(after);
      }
    }
    if (check) unformatted += changed;
    else if (changed > 0) {
      Deno.writeTextFileSync(path, JSON.stringify(nb, null, 1) + "\n");
      console.log(`${name}: ${changed} code cell(s) formatted`);
    }
  }
  if (unformatted > 0) Deno.exit(1);
}
