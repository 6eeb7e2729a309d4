/** Tests of the machine-readable latest-study files (tools/validate_latest.ts). */
import { assert, assertEquals } from "../assert.ts";
import type { CoverageRow, ValidationReport } from "../../tools/validate.ts";
import { LATEST_COLUMNS, latestCsv, latestRows, writeLatest } from "../../tools/validate_latest.ts";

const row = (over: Partial<CoverageRow>): CoverageRow => ({
  fit: "pipeline",
  model: "geo",
  quantity: "roi",
  subset: "channels",
  estimates: 100,
  n: 100,
  covered: 95,
  coverage: 0.95,
  wilsonLower: 0.888,
  wilsonUpper: 0.978,
  clopperPearsonLower: 0.887,
  clopperPearsonUpper: 0.984,
  drawsLower: 0.9,
  drawsUpper: 0.99,
  medianBias: -0.01,
  medianRelativeBias: -0.02,
  medianWidth: 0.5,
  medianRelativeWidth: 0.4,
  draws: 20,
  ...over,
});

Deno.test("latestRows: pipeline rows of one kind, Wilson bounds, the 90–98% target, placebo without target", () => {
  const coverage = [
    row({}),
    row({ quantity: "carryover", covered: 69, coverage: 0.69 }),
    row({ subset: "placebo", n: 20, covered: 19, coverage: 0.95 }),
    row({ fit: "oracle" }),
    row({ model: "national" }),
    row({ quantity: "marginal_roi", n: 0, covered: 0, coverage: NaN, medianWidth: NaN }),
  ];
  const rows = latestRows(coverage, "geo");
  assertEquals(rows.map((r) => `${r.quantity}/${r.subset}`), [
    "roi/channels",
    "carryover/channels",
    "roi/placebo",
    "marginal_roi/channels",
  ]);
  assertEquals(rows[0].target_met, "true");
  assertEquals(rows[1].target_met, "false");
  assertEquals(rows[2].target_met, "");
  assertEquals(rows[2].relative_bias, "");
  assertEquals(rows[3].coverage, "");
  assertEquals(rows[3].lower, "");
  assertEquals(rows[0].lower, "0.888");
  const csv = latestCsv(rows).split("\n");
  assertEquals(csv[0], LATEST_COLUMNS.join(","));
  assertEquals(csv[1], "roi,channels,100,95,0.95,0.888,0.978,-0.01,0.5,-0.02,0.4,20,true");
  assertEquals(csv.length, rows.length + 2); // header, rows, trailing newline
});

Deno.test("writeLatest writes one CSV and one JSON per kind with date, N, seed and commit", async () => {
  const dir = await Deno.makeTempDir({ prefix: "latest-test-" });
  try {
    const report = {
      date: "2026-12-01",
      n: 2,
      seed: 7,
      kinds: ["national"],
      workers: 2,
      seconds: 12,
      draws: [
        { kind: "national", ok: true, seconds: { total: 4 } },
        { kind: "national", ok: false, seconds: { total: 8 } },
      ],
      coverage: [row({ model: "national" })],
    } as unknown as ValidationReport;
    await writeLatest(report, dir, { commit: "abc1234", dirtyFiles: ["lib/x.ts"] });
    const meta = JSON.parse(await Deno.readTextFile(`${dir}/latest_national.json`));
    assertEquals([meta.kind, meta.date, meta.n, meta.drawsOk, meta.seed], [
      "national",
      "2026-12-01",
      2,
      1,
      7,
    ]);
    assertEquals(meta.medianDrawSeconds, 6);
    assertEquals([meta.commit, meta.dirtyFiles], ["abc1234", ["lib/x.ts"]]); // the state when the run started
    assertEquals(meta.columns, LATEST_COLUMNS);
    const csv = await Deno.readTextFile(`${dir}/latest_national.csv`);
    assert(csv.startsWith("quantity,subset,n,covered,coverage,lower,upper,bias,median_width,"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
