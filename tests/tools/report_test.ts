/**
 * `deno task report` on tiny notebooks (a few seconds each): errors for people, --out checks, staging and lock
 * clean-up on SIGTERM, and the index after --only.
 */
import { assert, assertEquals } from "../assert.ts";
import { notebookFromScript } from "../../tools/notebook_from_script.ts";
import type { Manifest } from "../../tools/report_index.ts";

const REPO = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const ERRORS = new URL("../../lib/errors.ts", import.meta.url).href;
const RESULTS = new URL("../../lib/plot/results.ts", import.meta.url).href;

function command(args: string[]): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", `${REPO}/tools/report.ts`, ...args],
    cwd: REPO,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  });
}

async function runReport(args: string[]): Promise<{ code: number; stderr: string }> {
  const out = await command(args).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

/** Writes `NN_name.ipynb` notebooks from percent-format scripts into a new temporary folder. */
function notebooks(scripts: Record<string, string>): string {
  const dir = Deno.makeTempDirSync({ prefix: "mmm-report-" });
  for (const [name, script] of Object.entries(scripts)) {
    Deno.writeTextFileSync(`${dir}/${name}.ipynb`, JSON.stringify(notebookFromScript(script, name, name)));
  }
  return dir;
}

const publishing = (name: string) =>
  `// %% [markdown]\n// # Report ${name}\n// %%\nimport { publishResults } from "${RESULTS}";\n` +
  `await publishResults("${name}", { a: 1 });\n`;

Deno.test("--out that is a file, or inside a file, is a usage error (exit 2) before any notebook runs", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "mmm-out-" });
  try {
    Deno.writeTextFileSync(`${dir}/file`, "x");
    for (const [out, words] of [[`${dir}/file`, "is a file"], [`${dir}/file/sub`, "which is a file"]]) {
      const r = await runReport(["--out", out, "--only", "01_eda"]);
      assertEquals(r.code, 2, r.stderr);
      assertEquals(r.stderr.trim().split("\n").length, 1, r.stderr);
      assert(r.stderr.includes(out) && r.stderr.includes(words), r.stderr);
    }
    assertEquals(Deno.readTextFileSync(`${dir}/file`), "x");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("another report writing to the same --out is a usage error", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "mmm-lock-" });
  try {
    Deno.writeTextFileSync(`${dir}/.report.lock`, `${Deno.pid}\n`); // this test process: alive
    const r = await runReport(["--out", dir, "--only", "01_eda"]);
    assertEquals(r.code, 2, r.stderr);
    assert(r.stderr.includes(`another report (process ${Deno.pid}) is writing to ${dir}`), r.stderr);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test({
  name: "a DataError is reported with its cell and message, without stack frames",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = notebooks({
      "01_bad": `// %% [markdown]\n// # Bad data\n// %%\nimport { DataError } from "${ERRORS}";\n` +
        `function load() {\n  throw new DataError('expected a number, got "abc"', { file: "data/x.csv", line: 12, column: "tv" });\n}\n` +
        `// %%\nload();\n`,
    });
    try {
      const r = await runReport(["--notebooks", dir, "--out", `${dir}/out`]);
      assertEquals(r.code, 1, r.stderr);
      assert(
        r.stderr.includes(
          `report: ${dir}/01_bad.ipynb, cell 3 (id "01_bad-03"): data/x.csv, line 12, column "tv": expected a number, got "abc"`,
        ),
        r.stderr,
      );
      assert(!/^\s+at /m.test(r.stderr), `stack frames shown:\n${r.stderr}`);
      assert(!r.stderr.includes("bug in the toolkit"), r.stderr);
      assert(r.stderr.includes("    | load();"), r.stderr);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "--jobs 2: a failing notebook stops the one running beside it, is the one reported, and nothing is written",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = notebooks({
      "01_slow": "// %% [markdown]\n// # Slow\n// %%\nawait new Promise((r) => setTimeout(r, 60_000));\n",
      "02_bad": `// %% [markdown]\n// # Bad data\n// %%\nimport { DataError } from "${ERRORS}";\n` +
        `throw new DataError("no rows", { file: "data/y.csv" });\n`,
      "03_never": publishing("03_never"),
    });
    try {
      const r = await runReport(["--notebooks", dir, "--out", `${dir}/out`, "--jobs", "2"]);
      assertEquals(r.code, 1, r.stderr);
      assert(r.stderr.includes(`report: ${dir}/02_bad.ipynb, cell 2`), r.stderr);
      assert(r.stderr.includes("data/y.csv: no rows"), r.stderr);
      assert(!r.stderr.includes("01_slow done"), `the slow notebook ran to its end:\n${r.stderr}`);
      assert(!r.stderr.includes("03_never"), `a notebook started after the failure:\n${r.stderr}`);
      assertEquals([...Deno.readDirSync(`${dir}/out`)].map((e) => e.name), []);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

/** Processes whose environment mentions `text` (the kernel's MMM_RESULTS_DIR points into the staging folder). */
function processesWith(text: string): number[] {
  const pids: number[] = [];
  for (const e of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(e.name)) continue;
    try {
      if (Deno.readTextFileSync(`/proc/${e.name}/environ`).includes(text)) pids.push(Number(e.name));
    } catch {
      // gone, or not ours
    }
  }
  return pids;
}

Deno.test({
  name: "SIGTERM removes the staging folder and the lock and shuts the kernel down; earlier reports stay",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = notebooks({
      "01_slow": "// %% [markdown]\n// # Slow\n// %%\nawait new Promise((r) => setTimeout(r, 60_000));\n",
    });
    const out = `${dir}/out`;
    try {
      Deno.mkdirSync(out);
      Deno.writeTextFileSync(`${out}/index.html`, "earlier run");
      const child = command(["--notebooks", dir, "--out", out]).spawn();
      const staging = () => [...Deno.readDirSync(out)].filter((e) => e.name.startsWith(".staging-"));
      // Wait until the slow cell runs in a kernel (its environment names the staging folder).
      let kernels: number[] = [];
      for (let i = 0; i < 300 && kernels.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const s = staging();
        if (s.length > 0) kernels = processesWith(`MMM_RESULTS_DIR=${out}/${s[0].name}/results`);
      }
      assert(kernels.length > 0, "the notebook never started");
      await new Promise((r) => setTimeout(r, 500));
      child.kill("SIGTERM");
      const { code, stderr } = await child.output();
      const text = new TextDecoder().decode(stderr);
      assertEquals(code, 143, text);
      assert(text.includes("stopped by SIGTERM; no report files were changed"), text);
      assertEquals([...Deno.readDirSync(out)].map((e) => e.name), ["index.html"]);
      assertEquals(Deno.readTextFileSync(`${out}/index.html`), "earlier run");
      const alive = kernels.filter((pid) => {
        try {
          return !Deno.readTextFileSync(`/proc/${pid}/stat`).includes(") Z ");
        } catch {
          return false;
        }
      });
      assertEquals(alive, [], "kernel or executor still running");
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "--only into an existing report: the index links every report and marks those from other inputs",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = notebooks({ "01_a": publishing("01_a"), "02_b": publishing("02_b") });
    const out = `${dir}/out`;
    try {
      Deno.writeTextFileSync(`${dir}/w1.csv`, "week,sales\n2024-01-01,1\n");
      Deno.writeTextFileSync(`${dir}/w2.csv`, "week,sales\n2024-01-01,2\n");
      Deno.mkdirSync(`${out}/.staging-left-by-a-killed-run`, { recursive: true });
      const first = await runReport(["--notebooks", dir, "--out", out, "--weekly", `${dir}/w1.csv`]);
      assertEquals(first.code, 0, first.stderr);
      assert(!Deno.readTextFileSync(`${out}/index.html`).includes("not all made from the same inputs"));
      assertEquals(
        [...Deno.readDirSync(out)].filter((e) => e.name.startsWith(".")).map((e) => e.name),
        [],
        "staging folders and the lock are gone",
      );

      const second = await runReport([
        "--notebooks",
        dir,
        "--out",
        out,
        "--weekly",
        `${dir}/w2.csv`,
        "--only",
        "02_b",
      ]);
      assertEquals(second.code, 0, second.stderr);
      const manifest: Manifest = JSON.parse(Deno.readTextFileSync(`${out}/manifest.json`));
      assertEquals(Object.keys(manifest.reports), ["01_a", "02_b"]);
      assertEquals(manifest.reports["01_a"].inputs.weekly.path, `${dir}/w1.csv`);
      assertEquals(manifest.reports["02_b"].inputs.weekly.path, `${dir}/w2.csv`);
      // SHA-256 of the file contents (computed here independently of the report task).
      const sha = async (text: string) =>
        [...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)))]
          .map((b) => b.toString(16).padStart(2, "0")).join("");
      assertEquals(manifest.reports["02_b"].inputs.weekly.sha256, await sha("week,sales\n2024-01-01,2\n"));
      assert(/^\d{4}-\d{2}-\d{2}$/.test(manifest.reports["02_b"].date), manifest.reports["02_b"].date);

      const index = Deno.readTextFileSync(`${out}/index.html`);
      assert(index.includes('href="01_a.html"') && index.includes('href="02_b.html"'), index);
      assert(index.includes("These reports were not all made from the same inputs"), index);
      const row = (name: string) => index.split("\n").find((l) => l.includes(`href="${name}.html"`))!;
      assert(row("01_a").includes("not the inputs of the latest run"), row("01_a"));
      assert(!row("02_b").includes("not the inputs"), row("02_b"));
      assert(index.includes(`${dir}/w1.csv`) && index.includes(`${dir}/w2.csv`), index);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});
