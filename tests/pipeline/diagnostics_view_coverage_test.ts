/**
 * Notebook 06's coverage section (lib/pipeline/diagnostics_view_coverage.ts): which study is shown, its rows
 * beside this draw's, and the sentences, on file texts written here (no file system).
 */
import { assertEquals, assertThrows } from "../assert.ts";
import {
  coverageComparison,
  loadStudyFiles,
  recoveryStudy,
  runWords,
  type StudyFiles,
  studyRowsShown,
  type ThisDraw,
  thisDrawCoverage,
} from "../../lib/pipeline/diagnostics_view_coverage.ts";

const LATEST = "quantity,subset,n,covered,coverage,lower,upper,draws\n" +
  "roi,channels,200,180,0.9,0.85,0.93,50\n" +
  "roi,placebo,50,48,0.96,0.87,0.99,50\n" +
  "carryover,channels,0,0,,,,50\n";
const LATEST_JSON = '{"date":"2026-11-30","n":50,"drawsDone":40,"complete":false}';
const LOCAL = "fit,model,quantity,subset,n,covered,coverage,wilsonLower,wilsonUpper\n" +
  "pipeline,geo,roi,channels,100,95,0.95,0.89,0.98\n" +
  "oracle,geo,roi,channels,100,96,0.96,0.9,0.98\n" +
  "pipeline,national,total_per_dollar,channels,40,30,0.75,0.6,0.86\n";

const files = (over: Partial<StudyFiles> = {}): StudyFiles => ({
  committedDir: "docs/validation",
  committed: [{ kind: "geo", csv: null, json: null }, { kind: "national", csv: null, json: null }],
  localDir: "reports/validation",
  local: { csv: null, validationMd: null },
  ...over,
});
const draw: ThisDraw = {
  seed: 20261201,
  rows: [
    { model: "geo", quantity: "roi", n: 4, covered: 3, coverage: 0.75, lower: 0.2, upper: 0.99 },
    { model: "geo", quantity: "marginal_roi", n: 4, covered: 4, coverage: 1, lower: 0.4, upper: 1 },
    { model: "geo", quantity: "all", n: 8, covered: 7, coverage: 0.875, lower: 0.47, upper: 0.99 },
  ],
};
const pct = (x: number) => `${Math.round(x * 100)}%`;

Deno.test("loadStudyFiles reads each kind's latest files and the local run's, showing folders without ../", () => {
  const read: string[] = [];
  const f = loadStudyFiles("../docs/validation", "../reports/validation", (p) => {
    read.push(p);
    return p.endsWith("latest_geo.csv") ? LATEST : null;
  });
  assertEquals(read, [
    "../docs/validation/latest_geo.csv",
    "../docs/validation/latest_geo.json",
    "../docs/validation/latest_national.csv",
    "../docs/validation/latest_national.json",
    "../reports/validation/coverage.csv",
    "../reports/validation/validation.md",
  ]);
  assertEquals([f.committedDir, f.localDir], ["docs/validation", "reports/validation"]);
  assertEquals(f.committed.map((c) => c.csv !== null), [true, false]);
});

Deno.test("recoveryStudy: the committed study when any latest file exists, before a local run", () => {
  const s = recoveryStudy(files({
    committed: [{ kind: "geo", csv: LATEST, json: LATEST_JSON }, { kind: "national", csv: null, json: null }],
    local: { csv: LOCAL, validationMd: null },
  }))!;
  assertEquals([s.source, s.committed], ["docs/validation/latest_<kind>.csv", true]);
  assertEquals(s.parts.map((p) => [p.kind, p.meta]), [["geo", {
    date: "2026-11-30",
    n: 40,
    complete: false,
  }]]);
  assertEquals(s.parts[0].rows.every((r) => r.model === "geo"), true);
});

Deno.test("recoveryStudy: a local run, with or without its run facts; none without any file", () => {
  const withFacts = recoveryStudy(files({
    local: { csv: LOCAL, validationMd: "# Study\nRun 2026-12-01: N = 30 draws per model" },
  }))!;
  assertEquals([withFacts.source, withFacts.committed], ["reports/validation/coverage.csv", false]);
  assertEquals(withFacts.parts[0].meta, { date: "2026-12-01", n: 30, complete: true });
  assertEquals(withFacts.parts[0].kind, "both");
  assertEquals(recoveryStudy(files({ local: { csv: LOCAL, validationMd: null } }))!.parts[0].meta, null);
  assertEquals(recoveryStudy(files()), null);
  assertThrows(() => recoveryStudy(files({ local: { csv: "a,b\n1,2\n", validationMd: null } })), RangeError);
});

Deno.test("studyRowsShown keeps the pipeline fit's real channels with at least one interval", () => {
  const local = studyRowsShown(recoveryStudy(files({ local: { csv: LOCAL, validationMd: null } })));
  assertEquals(local.map((r) => [r.fit, r.model, r.quantity]), [
    ["pipeline", "geo", "roi"],
    ["pipeline", "national", "total_per_dollar"],
  ]);
  const committed = studyRowsShown(recoveryStudy(files({
    committed: [{ kind: "geo", csv: LATEST, json: null }],
  })));
  assertEquals(committed.map((r) => [r.quantity, r.subset]), [["roi", "channels"]]); // placebo and n = 0 out
  assertEquals(studyRowsShown(null), []);
});

Deno.test("runWords: kind, date and draws; incomplete runs said; missing facts said", () => {
  assertEquals(
    runWords({ kind: "geo", rows: [], meta: { date: "2026-12-01", n: 50, complete: true } }),
    "geo: run 2026-12-01, N = 50 draws",
  );
  assertEquals(
    runWords({ kind: "both", rows: [], meta: { date: "2026-12-01", n: 20, complete: false } }),
    "run 2026-12-01, N = 20 draws (incomplete: the run had not finished)",
  );
  assertEquals(runWords({ kind: "national", rows: [], meta: null }), "national: date and N not recorded");
});

Deno.test("thisDrawCoverage: null without a truth", () => {
  assertEquals(thisDrawCoverage(undefined, []), null);
});

Deno.test("coverageComparison: study rows first, then quantities only this draw has; both sentences", () => {
  const c = coverageComparison(
    files({
      committed: [{ kind: "geo", csv: LATEST, json: LATEST_JSON }, {
        kind: "national",
        csv: null,
        json: null,
      }],
    }),
    draw,
    pct,
  );
  assertEquals(c.rows, [
    { model: "geo", quantity: "roi", study: "90% (85%–93%), n = 200", draw: "3 of 4: 75% (20%–99%)" },
    { model: "geo", quantity: "marginal roi", study: "", draw: "4 of 4: 100% (40%–100%)" },
  ]);
  assertEquals(
    c.sentence,
    "Recovery study: `docs/validation/latest_<kind>.csv`; geo: run 2026-11-30, N = 40 draws (incomplete: the run " +
      "had not finished). This draw: the bundled files, generated with seed 20261201, fixed by date before any fit.",
  );
  assertEquals(
    c.drawSentence,
    "On this draw the geo intervals cover 7 of 8 true values (88%; exact 95% interval 47%–99%).",
  );
  assertEquals(c.results.bundledSeed, 20261201);
  assertEquals(c.columns, ["model", "quantity", "study", "draw"]);
  assertEquals((c.results.study as { runs: unknown[] }).runs, [
    { kind: "geo", date: "2026-11-30", n: 40, complete: false },
  ]);
});

Deno.test("coverageComparison: a local run said so; no study and no truth said so", () => {
  const local = coverageComparison(files({ local: { csv: LOCAL, validationMd: null } }), null, pct);
  assertEquals(
    local.sentence,
    "Recovery study: `reports/validation/coverage.csv` (a local run, not committed); both: date and N not " +
      "recorded. This run's files have no truth file, so this draw's coverage cannot be computed.",
  );
  assertEquals(local.rows.map((r) => [r.model, r.quantity, r.draw]), [
    ["geo", "roi", ""],
    ["national", "total per dollar", ""],
  ]);
  assertEquals(local.drawSentence, null);
  // without a truth the table has no (empty) column for this draw
  assertEquals(local.columns, ["model", "quantity", "study"]);
  const none = coverageComparison(files(), null, pct);
  assertEquals(
    none.sentence,
    "No recovery study's coverage table is committed (`docs/validation/latest_<kind>.csv`); run `deno task " +
      "validate` to make one. This run's files have no truth file, so this draw's coverage cannot be computed.",
  );
  assertEquals(none.results, { study: null, thisDraw: [], bundledSeed: null });
  assertEquals(none.rows, []);
});
