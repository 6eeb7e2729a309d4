import { assert, assertEquals, assertThrows } from "../assert.ts";
import { listNotebooks, parseReportArgs, UsageError } from "../../tools/report.ts";
import { firstError, type Notebook, notebookTitle, stripAnsi } from "../../tools/jupyter.ts";
import { notebookModule } from "../../tools/check_notebooks.ts";
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
