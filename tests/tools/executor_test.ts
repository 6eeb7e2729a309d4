/**
 * tools/execute_notebook.py through the real Deno kernel, on tiny notebooks: outputs that arrive after the
 * kernel reports a cell idle are waited for and land in their own cell; a display that never arrives fails
 * the run naming the cell; progress floods are coalesced.
 */
import { assert, assertEquals } from "../assert.ts";
import { jupyterPython, type Notebook, writeKernelSpec } from "../../tools/jupyter.ts";
import { notebookFromScript } from "../../tools/notebook_from_script.ts";

const REPO = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const KERNEL = new URL("../../lib/plot/kernel.ts", import.meta.url).href;
const SHOW = new URL("../../lib/plot/show.ts", import.meta.url).href;

interface Result {
  status: string;
  message?: string;
  cell_number?: number;
  cell_id?: string;
  missing?: number;
  attempts: number;
  cells?: { number: number; id: string; displays: number; updates: number; outputs: number; late: number }[];
}

async function execute(script: string, args: string[] = []): Promise<{ result: Result; nb?: Notebook }> {
  const dir = Deno.makeTempDirSync({ prefix: "mmm-exec-" });
  try {
    Deno.writeTextFileSync(`${dir}/nb.ipynb`, JSON.stringify(notebookFromScript(script, "nb", "Test")));
    writeKernelSpec(`${REPO}/.jupyter`);
    const out = await new Deno.Command(jupyterPython(), {
      args: [`${REPO}/tools/execute_notebook.py`, `${dir}/nb.ipynb`, `${dir}/out.ipynb`, ...args],
      env: { JUPYTER_PATH: `${REPO}/.jupyter`, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(out.stdout);
    const result = JSON.parse(stdout.trim().split("\n").pop()!) as Result;
    let nb: Notebook | undefined;
    try {
      nb = JSON.parse(Deno.readTextFileSync(`${dir}/out.ipynb`));
    } catch {
      nb = undefined;
    }
    return { result, nb };
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

const text = (o: { data?: Record<string, unknown>; text?: unknown }) => {
  const v = o.data?.["text/plain"] ?? o.text;
  return Array.isArray(v) ? v.join("") : String(v);
};

Deno.test({
  name: "executor: unawaited displays, sent after the kernel reports idle, all land in their own cell",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const { result, nb } = await execute(`// %%
import { displayBundle } from "${KERNEL}";
// %%
for (let i = 0; i < 300; i++) void displayBundle({ "text/plain": \`flood θ – 🎉 \${i}\` });
// %%
for (let i = 0; i < 10; i++) void displayBundle({ "text/html": \`<p>\${"x".repeat(200_000)}\${i}</p>\`, "text/plain": \`big \${i}\` });
// %%
console.log("next cell");
`);
    assertEquals(result.status, "ok", result.message);
    const code = nb!.cells.filter((c) => c.cell_type === "code");
    assertEquals(code[1].outputs!.map(text), Array.from({ length: 300 }, (_, i) => `flood θ – 🎉 ${i}`));
    assertEquals(code[2].outputs!.map(text), Array.from({ length: 10 }, (_, i) => `big ${i}`));
    assertEquals(code[3].outputs!.map(text), ["next cell\n"]);
    assertEquals(result.cells!.map((c) => [c.displays, c.outputs]), [[0, 0], [300, 300], [10, 10], [0, 1]]);
    // The case this test is about: the kernel reported the flood's cell idle before sending all of it.
    assert(result.cells![1].late > 0, `no display arrived after idle: ${JSON.stringify(result.cells)}`);
    assertEquals([nb!.nbformat, nb!.nbformat_minor, code.map((c) => c.id)], [4, 5, [
      "nb-01",
      "nb-02",
      "nb-03",
      "nb-04",
    ]]);
    assertEquals(code.map((c) => c.execution_count), [1, 2, 3, 4]);
  },
});

Deno.test({
  name:
    "executor: displays from timers that fire around the end of a cell are found where the kernel put them",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const { result, nb } = await execute(
      `// %%
import { displayBundle } from "${KERNEL}";
// %%
for (const ms of [0, 1, 2, 5, 10, 20, 50, 100]) setTimeout(() => void displayBundle({ "text/plain": \`timer \${ms}\` }), ms);
// %%
console.log("next cell");
// %%
await new Promise((r) => setTimeout(r, 300));
`,
      ["--late-timeout", "5"],
    );
    assertEquals([result.status, result.attempts], ["ok", 1], result.message);
    const code = nb!.cells.filter((c) => c.cell_type === "code");
    const shown = code.flatMap((c) => c.outputs!.map(text)).filter((t) => t.startsWith("timer"));
    assertEquals(shown.sort(), ["0", "1", "10", "100", "2", "20", "5", "50"].map((ms) => `timer ${ms}`));
    assertEquals(result.cells!.reduce((n, c) => n + c.displays, 0), 8);
  },
});

Deno.test({
  name: "executor: a progress flood is coalesced and the display keeps the last text",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const { result, nb } = await execute(`// %%
import { progress } from "${SHOW}";
// %%
const p = await progress("flood", "starting");
const t0 = performance.now();
for (let i = 0; performance.now() - t0 < 600; i++) void p.update(\`step \${i}\`);
await p.update("Scored 10 candidates.");
// %%
await p.update("Updated from the next cell.");
`);
    assertEquals(result.status, "ok", result.message);
    const code = nb!.cells.filter((c) => c.cell_type === "code");
    assertEquals(code[1].outputs!.map(text), ["Updated from the next cell."]);
    // A 600 ms synchronous loop of updates sends at most a few (one in flight, the latest pending).
    assert(result.cells![1].updates <= 3, JSON.stringify(result.cells));
    assertEquals(result.cells![2].updates, 1);
  },
});

Deno.test({
  name: "executor: a logged display that never arrives fails, after a second run, naming the cell",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    // Writes a log line for a display that is never sent: what a lost message looks like to the executor.
    const { result } = await execute(
      `// %%
const a = 1;
// %%
Deno.writeTextFileSync(Deno.env.get("MMM_DISPLAY_LOG")!, JSON.stringify({ seq: 1, update: false, display_id: null, crc: "00000000", bytes: 1 }) + "\\n", { append: true });
`,
      ["--late-timeout", "0.5"],
    );
    assertEquals(
      [result.status, result.cell_number, result.cell_id, result.missing, result.attempts],
      ["incomplete", 2, "nb-02", 1, 2],
    );
    assert(result.message!.includes("1 of its outputs never arrived"), result.message);
  },
});

Deno.test({
  name: "executor: a cell over --timeout stops the run naming the cell",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const { result } = await execute(
      "// %%\nawait new Promise((r) => setTimeout(r, 20_000));\n",
      ["--timeout", "1"],
    );
    assertEquals([result.status, result.cell_number, result.cell_id], ["timeout", 1, "nb-01"]);
  },
});
