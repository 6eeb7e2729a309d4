import { assert, assertEquals, assertThrows } from "../assert.ts";
import { DataError } from "../../lib/errors.ts";
import {
  experimentContext,
  experimentRows,
  loadExperiments,
  parseExperiments,
} from "../../lib/data/experiments.ts";
import { resolveRoles } from "../../lib/data/roles.ts";
import type { Dataset } from "../../lib/data/types.ts";

const weeks = ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"];
const geoCtx = {
  channels: ["tv_spend", "search_spend"],
  dates: [...weeks, ...weeks],
  geos: ["a", "a", "a", "a", "b", "b", "b", "b"],
  target: "sales",
};
const HEADER = "channel,start,end,geos,lift,se,metric";
const parse = (row: string, ctx: Parameters<typeof parseExperiments>[2] = geoCtx) =>
  parseExperiments(`${HEADER}\n${row}\n`, "exp.csv", ctx);

/** The DataError's location, to check that it names file, line and column. */
function where(row: string, ctx?: Parameters<typeof parseExperiments>[2]) {
  const e = assertThrows(() => parse(row, ctx), DataError);
  return { file: e.file, line: e.line, column: e.column, message: e.message };
}

Deno.test("parseExperiments reads a valid row: window, geos, lift, se, covered rows", () => {
  const f = parse("tv_spend,2024-01-08,2024-01-15,a,1200,300,sales");
  assertEquals(f.experiments.length, 1);
  const e = f.experiments[0];
  assertEquals([e.channel, e.start, e.end, e.geos, e.lift, e.se, e.metric, e.line, e.rows], [
    "tv_spend",
    "2024-01-08",
    "2024-01-15",
    ["a"],
    1200,
    300,
    "sales",
    2,
    2,
  ]);
  // empty geos: every geo (2 geos × 2 weeks)
  assertEquals(parse("tv_spend,2024-01-08,2024-01-15,,1200,300,sales").experiments[0].rows, 4);
  assertEquals(parse("tv_spend,2024-01-08,2024-01-15,a;b,1200,300,sales").experiments[0].geos, ["a", "b"]);
});

Deno.test("geos column is optional", () => {
  const f = parseExperiments(
    "channel,start,end,lift,se,metric\nsearch_spend,2024-01-01,2024-01-22,10,2,sales\n",
    "exp.csv",
    geoCtx,
  );
  assertEquals([f.experiments[0].geos, f.experiments[0].rows], [null, 8]);
});

Deno.test("each problem is a DataError naming file, line and column", () => {
  assertEquals(where("radio_spend,2024-01-08,2024-01-15,a,1,1,sales").column, "channel");
  const backwards = where("tv_spend,2024-01-15,2024-01-08,a,1,1,sales");
  assertEquals([backwards.file, backwards.line, backwards.column], ["exp.csv", 2, "end"]);
  assert(backwards.message.includes("before start"), backwards.message);
  assertEquals(where("tv_spend,2023-12-25,2024-01-08,a,1,1,sales").column, "start");
  assertEquals(where("tv_spend,2024-01-08,2024-02-26,a,1,1,sales").column, "end");
  assertEquals(where("tv_spend,2024-01-08,2024-01-15,a,1,0,sales").column, "se");
  assertEquals(where("tv_spend,2024-01-08,2024-01-15,a,1,-3,sales").column, "se");
  assertEquals(where("tv_spend,2024-01-08,2024-01-15,a,1,x,sales").column, "se");
  assertEquals(where("tv_spend,2024-01-08,2024-01-15,z,1,1,sales").column, "geos");
  assertEquals(where("tv_spend,2024-01-08,2024-01-15,a,abc,1,sales").column, "lift");
  assertEquals(where("tv_spend,2024-01-08,2024-01-15,a,1,1,revenue").column, "metric");
  assertEquals(where("tv_spend,08/01/2024,2024-01-15,a,1,1,sales").column, "start");
  // a window inside the data that holds no weekly row
  assertEquals(where("tv_spend,2024-01-09,2024-01-14,a,1,1,sales").column, "start");
  // geos on a national series
  const national = { channels: ["tv_spend"], dates: weeks, target: "sales" };
  assertEquals(where("tv_spend,2024-01-08,2024-01-15,a,1,1,sales", national).column, "geos");
});

Deno.test("unknown and missing columns are errors on the header line", () => {
  const extra = assertThrows(
    () => parseExperiments(`${HEADER},note\ntv_spend,2024-01-08,2024-01-15,a,1,1,sales,x\n`, "e.csv", geoCtx),
    DataError,
  );
  assertEquals([extra.line, extra.column], [1, "note"]);
  assertThrows(
    () =>
      parseExperiments(
        "channel,start,end,lift,metric\ntv_spend,2024-01-08,2024-01-15,1,sales\n",
        "e.csv",
        geoCtx,
      ),
    DataError,
    `missing column "se"`,
  );
  assertThrows(() => parseExperiments(`${HEADER}\n`, "e.csv", geoCtx), DataError, "no experiment rows");
});

Deno.test("otherMetrics skip: rows measured in another target are left out with a sentence", () => {
  const f = parseExperiments(
    `${HEADER}\ntv_spend,2024-01-08,2024-01-15,a,1,1,sales\nfacebook_spend,2024-01-08,2024-01-15,,5,1,revenue\n`,
    "e.csv",
    { ...geoCtx, otherMetrics: "skip" },
  );
  assertEquals(f.experiments.length, 1);
  assertEquals(f.skipped.map((s) => [s.line, s.metric]), [[3, "revenue"]]);
  assert(f.skipped[0].sentence.includes(`"sales"`));
});

Deno.test("experimentRows marks the window's rows in the test geos", () => {
  const mask = experimentRows(
    { start: "2024-01-08", end: "2024-01-15", geos: ["b"] },
    geoCtx.dates,
    geoCtx.geos,
  );
  assertEquals([...mask], [0, 0, 0, 0, 0, 1, 1, 0]);
});

Deno.test("experimentContext: a panel's media; a national series' social, mediator and direct channels", () => {
  const weekly: Dataset = {
    source: "w.csv",
    n: 4,
    dates: weeks,
    columns: {},
    roles: resolveRoles("weekly", undefined),
    warnings: [],
  };
  const c = experimentContext(weekly);
  assert(c.channels.includes("google_spend") && c.channels.includes("facebook_spend"), c.channels.join());
  assertEquals(c.geos, undefined);
  assertEquals(c.target, "revenue");
});

Deno.test("loadExperiments names a missing file", () => {
  assertThrows(() => loadExperiments("/nonexistent/exp.csv", geoCtx), DataError, "/nonexistent/exp.csv");
});
