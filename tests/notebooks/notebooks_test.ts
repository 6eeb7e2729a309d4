/**
 * End-to-end: every notebook type-checks, and the report task executes them all through the real Deno
 * Jupyter kernel and writes every report file. Also: a failing notebook names its cell and leaves earlier
 * reports untouched.
 */
import { assert, assertEquals } from "../assert.ts";
import { allNotebooks, checkNotebooks } from "../../tools/check_notebooks.ts";
import { notebookFromScript } from "../../tools/notebook_from_script.ts";

const REPO = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const NOTEBOOKS = allNotebooks();
const NAMES = NOTEBOOKS.map((p) => p.replace(/^.*\//, "").replace(/\.ipynb$/, ""));

async function runReport(args: string[]): Promise<{ code: number; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", `${REPO}/tools/report.ts`, ...args],
    cwd: REPO,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

Deno.test("the seven notebooks are there, in order", () => {
  assertEquals(NAMES, [
    "01_eda",
    "02_feature_engineering",
    "03_stage1_social_to_google",
    "04_stage2_revenue",
    "05_geo_ols",
    "06_diagnostics",
    "07_recommendations",
  ]);
});

Deno.test("without Jupyter on PATH the report says what to install and exits 3 at once", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "mmm-nojupyter-" });
  try {
    Deno.symlinkSync(Deno.execPath(), `${dir}/deno`);
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-all", `${REPO}/tools/report.ts`, "--only", "01_eda", "--out", `${dir}/out`],
      env: { PATH: dir, NO_COLOR: "1", HOME: Deno.env.get("HOME") ?? "/tmp" },
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assertEquals(out.code, 3, stderr);
    assert(
      stderr.includes("`jupyter` is not on PATH") && stderr.includes("jupyter-nbconvert python3-nbclient"),
      stderr,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("every notebook type-checks (one deno check over all of them)", async () => {
  for (const r of await checkNotebooks(NOTEBOOKS)) assert(r.ok, `${r.notebook}:\n${r.diagnostics}`);
});

for (const path of NOTEBOOKS) {
  Deno.test(`notebook is nbformat 4.5 with cell ids and the deno kernel: ${path.replace(`${REPO}/`, "")}`, () => {
    const nb = JSON.parse(Deno.readTextFileSync(path));
    assertEquals([
      nb.nbformat,
      nb.nbformat_minor,
      nb.metadata.kernelspec.name,
      nb.metadata.language_info.name,
    ], [
      4,
      5,
      "deno",
      "typescript",
    ]);
    const ids = nb.cells.map((c: { id?: string }) => c.id);
    assert(ids.every((id: unknown) => typeof id === "string" && id.length > 0), "every cell needs an id");
    assertEquals(new Set(ids).size, ids.length, "cell ids must be unique");
  });
}

Deno.test({
  name: "deno task report executes every notebook and writes every report file",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const out = Deno.makeTempDirSync({ prefix: "mmm-report-" });
    try {
      const r = await runReport(["--out", out]);
      assertEquals(r.code, 0, r.stderr);
      for (const n of NAMES) {
        for (const f of [`${n}.html`, `executive/${n}.html`, `results/${n}.json`, `notebooks/${n}.ipynb`]) {
          assert(Deno.statSync(`${out}/${f}`).size > 0, `${f} is empty`);
        }
        const results = JSON.parse(Deno.readTextFileSync(`${out}/results/${n}.json`));
        assertEquals(results.notebook, n, `results/${n}.json names its notebook`);
        // Results must be reproducible run to run: no wall-clock values in them.
        const timed = [
          ...JSON.stringify(results).matchAll(/"(\w*(?:seconds|elapsed|duration|timestamp|millis)\w*)":/gi),
        ].map((m) => m[1]);
        assertEquals(timed, [], `results/${n}.json holds timing values`);
        // Code inputs are highlighted TypeScript; the executive version hides all inputs.
        const full = Deno.readTextFileSync(`${out}/${n}.html`);
        const executive = Deno.readTextFileSync(`${out}/executive/${n}.html`);
        assert(full.includes("highlight hl-typescript"), `${n}.html should show code`);
        assert(!executive.includes("highlight hl-typescript"), `executive/${n}.html must hide code`);
        const executed = JSON.parse(Deno.readTextFileSync(`${out}/notebooks/${n}.ipynb`));
        const errors = executed.cells.flatMap((c: { outputs?: { output_type: string }[] }) => c.outputs ?? [])
          .filter((o: { output_type: string }) => o.output_type === "error");
        assertEquals(errors.length, 0, `${n} has error outputs`);
        // Every output must be an explicit display: a cell whose last expression has a value would echo it as
        // raw text (and nbconvert can lose such results anyway; DESIGN.md).
        const echoed = executed.cells.filter((c: { outputs?: { output_type: string }[] }) =>
          (c.outputs ?? []).some((o) => o.output_type === "execute_result")
        ).map((c: { id?: string }) => c.id);
        assertEquals(echoed, [], `${n}: cells echo their last expression`);
        // No output lost (DESIGN.md, "Lost outputs"): every cell that displays something has its outputs.
        const empty = executed.cells.filter((
          c: { cell_type: string; source: string | string[]; outputs?: unknown[] },
        ) =>
          c.cell_type === "code" && /\b(show|display)\(/.test([c.source].flat().join("")) &&
          !c.outputs?.length
        ).map((c: { id?: string }) => c.id);
        assertEquals(empty, [], `${n}: cells that display lost their outputs`);
      }
      const index = Deno.readTextFileSync(`${out}/index.html`);
      for (const n of NAMES) assert(index.includes(`href="${n}.html"`), `index links ${n}`);
      assert(!index.includes("not all made from the same inputs"), "one run: one set of inputs");
      const manifest = JSON.parse(Deno.readTextFileSync(`${out}/manifest.json`));
      assertEquals(Object.keys(manifest.reports), NAMES);
      assertEquals(manifest.reports[NAMES[0]].inputs.weekly.path, "data/mmm_weekly.csv");
      assertEquals([...Deno.readDirSync(out)].filter((e) => e.name.startsWith(".")).map((e) => e.name), []);
    } finally {
      Deno.removeSync(out, { recursive: true });
    }
  },
});

Deno.test({
  name: "a failing notebook names its cell, exits non-zero and leaves earlier reports untouched",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = Deno.makeTempDirSync({ prefix: "mmm-broken-" });
    const out = `${dir}/out`;
    try {
      Deno.mkdirSync(out);
      Deno.writeTextFileSync(`${out}/index.html`, "earlier run");
      const results = new URL("../../lib/plot/results.ts", import.meta.url).href;
      const ok = notebookFromScript(
        `// %% [markdown]\n// # Fine\n// %%\nimport { publishResults } from "${results}";\nawait publishResults("01_fine", { a: 1 });\n`,
        "01_fine",
        "Fine",
      );
      const broken = notebookFromScript(
        "// %% [markdown]\n// # Broken\n// %%\nconst b = 2;\n// %%\nthrow new RangeError(`theta must be in [0, 1), got ${b}`);\n",
        "02_broken",
        "Broken",
      );
      Deno.writeTextFileSync(`${dir}/01_fine.ipynb`, JSON.stringify(ok));
      Deno.writeTextFileSync(`${dir}/02_broken.ipynb`, JSON.stringify(broken));
      const r = await runReport(["--notebooks", dir, "--out", out]);
      assertEquals(r.code, 1, r.stderr);
      assert(
        r.stderr.includes(
          `02_broken.ipynb, cell 3 (id "02_broken-03"): RangeError: theta must be in [0, 1), got 2`,
        ),
        r.stderr,
      );
      // Not a DataError or ModelError: shown with its stack frames, as a bug to report.
      assert(/^\s+at /m.test(r.stderr), r.stderr);
      assert(r.stderr.includes("This is a bug in the toolkit; please report it"), r.stderr);
      assertEquals(Deno.readTextFileSync(`${out}/index.html`), "earlier run");
      assertEquals([...Deno.readDirSync(out)].map((e) => e.name), ["index.html"]);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "a notebook that publishes no results fails the report with a message saying what to add",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = Deno.makeTempDirSync({ prefix: "mmm-silent-" });
    try {
      const silent = notebookFromScript(
        "// %% [markdown]\n// # Silent\n// %%\nconst c = 3;\n",
        "01_silent",
        "Silent",
      );
      Deno.writeTextFileSync(`${dir}/01_silent.ipynb`, JSON.stringify(silent));
      const r = await runReport(["--notebooks", dir, "--out", `${dir}/out`]);
      assertEquals(r.code, 1, r.stderr);
      assert(r.stderr.includes(`01_silent.ipynb ran but published no results`), r.stderr);
      assert(r.stderr.includes(`publishResults("01_silent", results)`), r.stderr);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "the report runs on a user's file with renamed columns through a roles file (data/roles.example.json)",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = Deno.makeTempDirSync({ prefix: "mmm-own-" });
    try {
      const lines = Deno.readTextFileSync(`${REPO}/data/mmm_weekly.csv`).split("\n");
      lines[0] =
        "week_start,meta_spend,search_spend,tiktok,insta,snap,followers,avg_price,promo_flag,email_sends,sms_sends,net_revenue";
      Deno.writeTextFileSync(`${dir}/weekly.csv`, lines.join("\n"));
      const r = await runReport([
        "--weekly",
        `${dir}/weekly.csv`,
        "--roles",
        `${REPO}/data/roles.example.json`,
        "--only",
        "01_eda,04_stage2_revenue",
        "--out",
        `${dir}/out`,
      ]);
      assertEquals(r.code, 0, r.stderr);
      const results = JSON.parse(Deno.readTextFileSync(`${dir}/out/results/04_stage2_revenue.json`)).results;
      assertEquals(results.stage2.terms.slice(0, 3), [
        "const",
        "search_spend_fitted",
        "search_spend_residual",
      ]);
      assertEquals(results.socialEffects[0].channel, "meta_spend");
      // No ground truth for a user's file.
      assertEquals(results.socialEffects[0].truth, null);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});
