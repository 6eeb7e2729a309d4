/**
 * The run settings are written once: every notebook that fits a model passes `NATIONAL_RUN` / `GEO_RUN`
 * (and 07 its `PLAN_RUN`) instead of its own seeds and sizes, the pipelines default to them, and the notebooks'
 * inputs follow the report task's variables.
 */
import { assert, assertEquals } from "../assert.ts";
import { GEO_RUN, NATIONAL_RUN, notebookInputs, PLAN_RUN } from "../../lib/pipeline/run_settings.ts";

const NOTEBOOKS = new URL("../../notebooks/", import.meta.url);

function notebookCode(name: string): string {
  const nb = JSON.parse(Deno.readTextFileSync(new URL(name, NOTEBOOKS)));
  return nb.cells
    .filter((c: { cell_type: string }) => c.cell_type === "code")
    .map((c: { source: string | string[] }) => (Array.isArray(c.source) ? c.source.join("") : c.source))
    .join("\n");
}

/** The options text of each call `fn(dataset, { … })`, brace-matched. */
function callOptions(code: string, fn: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(new RegExp(`\\b${fn}\\(`, "g"))) {
    const open = code.indexOf("{", m.index!);
    let depth = 0;
    for (let i = open; i < code.length; i++) {
      if (code[i] === "{") depth++;
      else if (code[i] === "}" && --depth === 0) {
        out.push(code.slice(open, i + 1));
        break;
      }
    }
  }
  return out;
}

const RUN_KEYS = /\b(seed|reps|blockLength|hacLags|draws|replicates)\s*:/;

Deno.test("every notebook fits its models with the shared run settings", () => {
  const names = [...Deno.readDirSync(NOTEBOOKS)].map((e) => e.name).filter((n) => n.endsWith(".ipynb"))
    .sort();
  let calls = 0;
  for (const name of names) {
    const code = notebookCode(name);
    // no notebook writes a seed of its own
    assert(!/\b20\d{6}\b/.test(code), `${name} writes a seed literal`);
    for (const [fn, run] of [["nationalPipeline", "NATIONAL_RUN"], ["geoPipeline", "GEO_RUN"]] as const) {
      for (const options of callOptions(code, fn)) {
        calls++;
        assert(!RUN_KEYS.test(options), `${name}: ${fn} sets a run setting itself: ${options}`);
        const spread = /\.\.\.(\w+)/.exec(options)?.[1];
        assert(spread !== undefined, `${name}: ${fn} does not pass ${run}`);
        assert(
          spread === run || new RegExp(`const ${spread} = ${run};`).test(code),
          `${name}: ${fn} spreads ${spread}, not ${run}`,
        );
      }
    }
  }
  // 02, 03, 04, 06 and 07 fit the national model; 05, 06 and 07 the geo model
  assertEquals(calls, 8);
});

Deno.test("the run settings are the ones the study and the notebooks were run with", () => {
  // Fixed before the first run; a change here changes every reported interval (the golden file shows it).
  assertEquals({ ...NATIONAL_RUN }, { seed: 20240611, reps: 999, blockLength: 8, hacLags: 4 });
  assertEquals({ ...GEO_RUN }, { seed: 20240501, draws: 2000, replicates: 199, folds: 5 });
  assertEquals(PLAN_RUN.seed, 20240701);
});

Deno.test("notebookInputs: bundled files and their truth unless the report task names other files", () => {
  const bundled = notebookInputs({});
  assertEquals(bundled.weeklyPath, "../data/mmm_weekly.csv");
  assertEquals(bundled.geoPath, "../data/mmm_geo.csv");
  assertEquals(bundled.weeklyTruthPath, "../data/truth.json");
  assertEquals(bundled.geoExperimentsPath, "../data/experiments.example.csv");
  assertEquals(bundled.timings, false);
  const own = notebookInputs({ MMM_WEEKLY: "w.csv", MMM_ROLES: "r.json", MMM_TIMINGS: "1" });
  assertEquals(own.weeklyPath, "w.csv");
  assertEquals(own.rolesPath, "r.json");
  assertEquals(own.weeklyTruthPath, undefined); // the truth describes the bundled file only
  assertEquals(own.weeklyExperimentsPath, undefined); // and so do the example lift tests
  assertEquals(own.geoTruthPath, "../data/truth.json"); // the geo file is still the bundled one
  assertEquals(own.timings, true);
  assertEquals(notebookInputs({ MMM_EXPERIMENTS: "x.csv", MMM_GEO: "g.csv" }).geoExperimentsPath, "x.csv");
});
