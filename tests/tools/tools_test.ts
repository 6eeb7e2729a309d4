import { assert, assertEquals, assertThrows } from "../assert.ts";
import {
  checkOutDir,
  failureMessage,
  listNotebooks,
  parseReportArgs,
  UsageError,
} from "../../tools/report.ts";
import {
  type CellFailure,
  firstError,
  jupyterPython,
  type Notebook,
  notebookTitle,
  stripAnsi,
} from "../../tools/jupyter.ts";
import { indexHtml, type Inputs, inputsKey, type Manifest, mergeManifest } from "../../tools/report_index.ts";
import { checkNotebooks, notebookModule } from "../../tools/check_notebooks.ts";
import { cellsFromScript, notebookFromScript } from "../../tools/notebook_from_script.ts";

Deno.test("parseReportArgs resolves relative paths against the caller's folder and reads every flag", () => {
  const o = parseReportArgs([
    "--weekly",
    "w.csv",
    "--geo=/abs/g.csv",
    "--roles",
    "r.json",
    "--out",
    "out",
    "--only",
    "01_eda,05_geo_ols.ipynb",
    "--timeout",
    "30",
  ], "/home/u");
  assertEquals([o.weekly, o.geo, o.roles, o.out, o.only, o.timeoutSeconds], [
    "/home/u/w.csv",
    "/abs/g.csv",
    "/home/u/r.json",
    "/home/u/out",
    ["01_eda", "05_geo_ols"],
    30,
  ]);
});

Deno.test("parseReportArgs rejects unknown flags, missing values and bad timeouts with usage errors", () => {
  assertThrows(() => parseReportArgs(["--wekly", "x"], "/"), UsageError, "unknown option --wekly");
  assertThrows(() => parseReportArgs(["--weekly"], "/"), UsageError, "--weekly needs a value");
  assertThrows(() => parseReportArgs(["--timeout", "soon"], "/"), UsageError, "positive number");
  assertThrows(() => parseReportArgs(["--jobs", "0"], "/"), UsageError, "--jobs must be a whole number");
  assertThrows(() => parseReportArgs(["--jobs=1.5"], "/"), UsageError, "--jobs must be a whole number");
});

Deno.test("parseReportArgs: --jobs sets the notebooks run at once; the default is the cores, 1 to 4", () => {
  assertEquals(parseReportArgs(["--jobs", "3"], "/").jobs, 3);
  const cores = navigator.hardwareConcurrency;
  assertEquals(parseReportArgs([], "/").jobs, cores >= 4 ? 4 : Math.max(1, cores));
});

Deno.test("listNotebooks orders NN_ notebooks and names unknown --only entries", () => {
  const dir = Deno.makeTempDirSync();
  for (const n of ["02_b.ipynb", "01_a.ipynb", "notes.ipynb", "10_c.ipynb"]) {
    Deno.writeTextFileSync(`${dir}/${n}`, "{}");
  }
  assertEquals(listNotebooks(dir), ["01_a", "02_b", "10_c"]);
  assertEquals(listNotebooks(dir, ["10_c"]), ["10_c"]);
  assertThrows(() => listNotebooks(dir, ["03_x"]), UsageError, "no notebook named 03_x");
  Deno.removeSync(dir, { recursive: true });
});

const executed: Notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { cell_type: "markdown", source: ["# Stage 1\n", "text"] },
    {
      cell_type: "code",
      id: "a",
      source: "const x = 1;",
      outputs: [{ output_type: "display_data", data: { "x/y": 1 } }],
    },
    {
      cell_type: "code",
      id: "b",
      source: ["fit(\n", ")"],
      outputs: [{
        output_type: "error",
        ename: "ModelError",
        evalue: "rank deficient",
        traceback: ["\x1b[31mModelError\x1b[0m: rank deficient", "    at <anonymous>:1:1"],
      }],
    },
  ],
};

Deno.test("firstError names the failing cell (1-based, among all and among code cells) and strips colour", () => {
  const f = firstError(executed)!;
  assertEquals([f.cellNumber, f.codeCellNumber, f.cellId, f.source], [3, 2, "b", "fit(\n)"]);
  assert(f.error.startsWith("ModelError: rank deficient"), f.error);
  assertEquals(firstError({ ...executed, cells: executed.cells.slice(0, 2) }), undefined);
  assertEquals(stripAnsi("\x1b[1;31mred\x1b[0m"), "red");
});

Deno.test("notebookTitle reads an executed notebook's first heading", () => {
  assertEquals(notebookTitle(executed, "fallback"), "Stage 1");
});

Deno.test("notebookModule maps module lines back to cells and lines", () => {
  const { text, lines } = notebookModule(executed);
  const moduleLines = text.split("\n");
  const i = moduleLines.indexOf(")");
  assertEquals(lines[i], { cell: 3, line: 2 });
  assertEquals(lines[moduleLines.indexOf("const x = 1;")], { cell: 2, line: 1 });
});

Deno.test("cellsFromScript splits percent-format scripts into markdown and code cells with stable ids", () => {
  const cells = cellsFromScript(
    "// %% [markdown]\n// # Title\n// prose\n\n// %%\nconst a = 1;\n// a comment\n",
    "nb",
  );
  assertEquals(
    cells.map((c) => [c.cell_type, c.id, Array.isArray(c.source) ? c.source.join("") : c.source]),
    [
      ["markdown", "nb-01", "# Title\nprose"],
      ["code", "nb-02", "const a = 1;\n// a comment"],
    ],
  );
  const nb = notebookFromScript("// %%\n1", "x", "X");
  assertEquals([nb.nbformat, nb.nbformat_minor, (nb.metadata.kernelspec as { name: string }).name], [
    4,
    5,
    "deno",
  ]);
});

Deno.test("jupyterPython reads the shebang of jupyter on PATH, resolves env, falls back to /usr/bin/python3", () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.mkdirSync(`${dir}/a`);
    Deno.mkdirSync(`${dir}/b`);
    Deno.writeTextFileSync(`${dir}/a/jupyter`, "#!/opt/py/bin/python3.11\nimport sys\n");
    assertEquals(jupyterPython(`${dir}/a:${dir}/b`), "/opt/py/bin/python3.11");
    Deno.writeTextFileSync(`${dir}/a/jupyter`, "#!/usr/bin/env python3\n");
    Deno.writeTextFileSync(`${dir}/b/python3`, "");
    assertEquals(jupyterPython(`${dir}/a:${dir}/b`), `${dir}/b/python3`);
    assertEquals(jupyterPython(`${dir}/b`), "/usr/bin/python3");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

const failure = (ename: string, evalue: string): CellFailure => ({
  cellNumber: 4,
  codeCellNumber: 2,
  cellId: "geo-04",
  error: `${ename}: ${evalue}\n    at load (file:///x/lib/data/load.ts:10:3)`,
  ename,
  evalue,
  frames: ["at load (file:///x/lib/data/load.ts:10:3)"],
  source: "const d = load();\nconst e = 1;\nconst f = 2;\nconst g = 3;",
});

Deno.test("failureMessage: DataError and ModelError in words without frames; anything else as a bug", () => {
  for (const ename of ["DataError", "ModelError"]) {
    const m = failureMessage(
      "notebooks/05_geo_ols.ipynb",
      failure(ename, 'data/g.csv, line 3: expected "x"'),
    );
    assert(
      m.startsWith('notebooks/05_geo_ols.ipynb, cell 4 (id "geo-04"): data/g.csv, line 3: expected "x"\n'),
      m,
    );
    assert(!m.includes(" at ") && !m.includes("bug"), m);
    assert(m.includes("    | const d = load();\n") && m.includes("    | …"), m);
  }
  const bug = failureMessage("notebooks/05_geo_ols.ipynb", failure("TypeError", "x is undefined"));
  assert(
    bug.startsWith('notebooks/05_geo_ols.ipynb, cell 4 (id "geo-04"): TypeError: x is undefined\n'),
    bug,
  );
  assert(bug.includes("    at load (file:///x/lib/data/load.ts:10:3)"), bug);
  assert(bug.includes("This is a bug in the toolkit; please report it"), bug);
});

Deno.test("checkOutDir accepts a folder or a path to create, refuses a file or a path under one", () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(`${dir}/f`, "");
    checkOutDir(dir);
    checkOutDir(`${dir}/new/deeper`);
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["f"], "the check creates nothing");
    assertThrows(() => checkOutDir(`${dir}/f`), UsageError, "is a file");
    assertThrows(() => checkOutDir(`${dir}/f/x/y`), UsageError, `is under ${dir}/f, which is a file`);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

const inputs = (weekly: string): Inputs => ({
  weekly: { path: "w.csv", sha256: weekly },
  geo: { path: "g.csv", sha256: "g" },
  roles: null,
});

Deno.test("mergeManifest keeps earlier reports still present, and lists present reports it has no record of", () => {
  const previous: Manifest = {
    reports: {
      "01_a": { title: "A", date: "2024-01-01", inputs: inputs("1") },
      "03_c": { title: "C", date: "2024-01-01", inputs: inputs("1") },
    },
  };
  const run = { "02_b": { title: "B", date: "2024-01-02", inputs: inputs("2") } };
  const { manifest, unrecorded } = mergeManifest(previous, ["00_old", "01_a", "02_b"], run);
  assertEquals(Object.keys(manifest.reports), ["01_a", "02_b"]);
  assertEquals(unrecorded, ["00_old"]);
  const html = indexHtml(manifest, unrecorded, inputs("2"));
  assert(html.includes("not all made from the same inputs"), html);
  assert(html.includes("not recorded"), html);
  const same = indexHtml({ reports: { "02_b": run["02_b"] } }, [], inputs("2"));
  assert(!same.includes("not all made from the same inputs") && !same.includes("<th>Inputs</th>"), same);
  assertEquals(
    inputsKey(inputs("2")),
    inputsKey({ ...inputs("2"), weekly: { path: "elsewhere.csv", sha256: "2" } }),
  );
  // A lift-test file is an input: reports made with and without one are not from the same inputs, while a
  // manifest written before the flag existed (no `experiments` key) reads as "none".
  assert(
    inputsKey(inputs("2")) !== inputsKey({ ...inputs("2"), experiments: { path: "x.csv", sha256: "e" } }),
  );
  assertEquals(inputsKey(inputs("2")), inputsKey({ ...inputs("2"), experiments: null }));
});

Deno.test("checkNotebooks: one run, a type error named by its notebook, cell and line; the other notebook passes", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "mmm-check-" });
  try {
    const good = `${dir}/01_good.ipynb`, bad = `${dir}/02_bad.ipynb`;
    const write = (path: string, script: string, name: string) =>
      Deno.writeTextFileSync(path, JSON.stringify(notebookFromScript(script, name, name)));
    write(good, "// %% [markdown]\n// # Good\n// %%\nconst n: number = 1;\nconsole.log(n);\n", "01_good");
    write(bad, "// %% [markdown]\n// # Bad\n// %%\nconst a = 1;\n// %%\nconst s: string = a;\n", "02_bad");
    const [g, b] = await checkNotebooks([good, bad]);
    assert(g.ok, g.diagnostics);
    assert(!b.ok);
    assert(b.diagnostics.includes(`${bad}, cell 3, line 1`), b.diagnostics);
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name).sort(), ["01_good.ipynb", "02_bad.ipynb"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
