/**
 * Tests of the coverage study (`tools/validate.ts`): the binomial intervals against statsmodels 0.13.5
 * (`proportion_confint(k, n, 0.05, method="wilson" | "beta")`), the summaries on hand-made cases, the
 * notebooks' parameters, and a two-draw run that writes its files.
 */
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";
import {
  type CaseRow,
  clopperPearsonInterval,
  compareRows,
  coverageTable,
  dropLastWeeks,
  groupBootstrapInterval,
  holdoutScores,
  median,
  parseArgs,
  percent,
  runValidation,
  summarizeCoverage,
  summarizeStability,
  toCsv,
  VALIDATION_SEED,
  wilsonInterval,
} from "../../tools/validate.ts";

// statsmodels 0.13.5: proportion_confint(k, n, alpha=0.05, method="wilson") and method="beta"
const REFERENCE = [
  {
    k: 45,
    n: 50,
    wilson: [0.7863976856252034, 0.9565242350681095],
    cp: [0.7818646335657977, 0.9667249064109775],
  },
  { k: 0, n: 20, wilson: [0, 0.1611251580528194], cp: [0, 0.16843347098308534] },
  { k: 20, n: 20, wilson: [0.8388748419471804, 1], cp: [0.8315665290169146, 1] },
  {
    k: 7,
    n: 30,
    wilson: [0.11792388144489496, 0.40928326158122175],
    cp: [0.09933786495801974, 0.4228365229782195],
  },
];

Deno.test("wilsonInterval and clopperPearsonInterval match statsmodels", () => {
  for (const r of REFERENCE) {
    const w = wilsonInterval(r.k, r.n), cp = clopperPearsonInterval(r.k, r.n);
    assertAlmostEquals(w.lower, r.wilson[0], 1e-9, `wilson lower ${r.k}/${r.n}`);
    assertAlmostEquals(w.upper, r.wilson[1], 1e-9, `wilson upper ${r.k}/${r.n}`);
    assertAlmostEquals(cp.lower, r.cp[0], 1e-9, `cp lower ${r.k}/${r.n}`);
    assertAlmostEquals(cp.upper, r.cp[1], 1e-9, `cp upper ${r.k}/${r.n}`);
  }
});

Deno.test("binomial intervals: no cases give NaN, bad counts throw", () => {
  assert(Number.isNaN(wilsonInterval(0, 0).lower));
  assert(Number.isNaN(clopperPearsonInterval(0, 0).upper));
  assertThrows(() => wilsonInterval(3, 2), RangeError);
  assertThrows(() => clopperPearsonInterval(-1, 2), RangeError);
  assertThrows(() => wilsonInterval(1.5, 2), RangeError);
});

Deno.test("groupBootstrapInterval resamples whole groups: deterministic, degenerate when every group agrees", () => {
  assertEquals(groupBootstrapInterval([[3, 3], [2, 2]]), { lower: 1, upper: 1 });
  const a = groupBootstrapInterval([[5, 5], [0, 5], [5, 5], [4, 5]], 2000, 7);
  assertEquals(a, groupBootstrapInterval([[5, 5], [0, 5], [5, 5], [4, 5]], 2000, 7));
  // the pooled rate 14/20 lies inside; whole draws move the rate in steps of a draw's share
  assert(a.lower < 0.7 && a.upper > 0.7 && a.lower >= 0.25 && a.upper <= 1, JSON.stringify(a));
  assert(Number.isNaN(groupBootstrapInterval([]).lower));
});

Deno.test("percent: Unicode minus, no negative zero", () => {
  assertEquals(percent(-0.391), "−39%");
  assertEquals(percent(-0.001), "0%");
  assertEquals(percent(0.9555, 1), "95.5%");
  assertEquals(percent(NaN), "");
});

Deno.test("median of the finite values", () => {
  assertEquals(median([3, 1, 2]), 2);
  assertEquals(median([4, 1, 3, 2]), 2.5);
  assertEquals(median([NaN, 5, Infinity]), 5);
  assert(Number.isNaN(median([])));
});

const context = {
  kind: "geo" as const,
  draw: 0,
  fit: "pipeline" as const,
  model: "geo",
  thetaTrue: 0.3,
  thetaChosen: 0.4,
  thetaMediatorTrue: NaN,
  thetaMediatorChosen: NaN,
  saturation: "log1p",
  geos: 10,
  weeks: 104,
  inference: "cluster",
  noiseCv: 0.05,
  flights: "local",
  commonShock: 0.1,
};

Deno.test("compareRows: an interval covers when lower ≤ truth ≤ upper; rows without truth or interval", () => {
  const truth = [
    { model: "geo" as const, quantity: "roi", channel: "tv_spend", value: 2 },
    { model: "geo" as const, quantity: "roi", channel: "print_spend", value: 1 },
    { model: "geo" as const, quantity: "carryover", channel: "tv_spend", value: 0.3 },
    { model: "geo" as const, quantity: "roi", channel: "placebo_spend", value: 0 },
  ];
  const rows = [
    { quantity: "roi", channel: "tv_spend", estimate: 2.5, lower: 2, upper: 3 }, // edge: covered
    { quantity: "roi", channel: "print_spend", estimate: 1.5, lower: 1.2, upper: 1.8 }, // miss
    { quantity: "carryover", channel: "tv_spend", estimate: 0.4, lower: null, upper: null },
    { quantity: "roi", channel: "placebo_spend", estimate: 0.1, lower: -0.1, upper: 0.3 },
    { quantity: "control", channel: "other", estimate: 1, lower: 0, upper: 2 }, // no truth: left out
  ];
  const cases = compareRows(rows, truth, () => context);
  assertEquals(cases.map((c) => c.covered), [true, false, null, true]);
  assertEquals(cases.map((c) => c.placebo), [false, false, false, true]);
  assert(Number.isNaN(cases[2].lower));
});

function caseRow(over: Partial<CaseRow>): CaseRow {
  return {
    ...context,
    quantity: "roi",
    channel: "tv_spend",
    placebo: false,
    truth: 1,
    estimate: 1,
    lower: 0.5,
    upper: 1.5,
    covered: true,
    ...over,
  };
}

Deno.test("summarizeCoverage: pooled coverage, Wilson interval, median bias and width by quantity", () => {
  const cases = [
    caseRow({ draw: 0, estimate: 1.2, lower: 1, upper: 1.4, truth: 1 }), // covered, bias 0.2, width 0.4
    caseRow({ draw: 1, estimate: 0.7, lower: 0.6, upper: 0.8, truth: 1, covered: false }), // bias −0.3
    caseRow({ draw: 2, estimate: 2.2, lower: 1.5, upper: 2.5, truth: 2 }), // bias 0.2 (10%), width 1 (50%)
    caseRow({
      draw: 2,
      quantity: "carryover",
      estimate: 0.4,
      truth: 0.3,
      lower: NaN,
      upper: NaN,
      covered: null,
    }),
    caseRow({
      draw: 2,
      channel: "placebo_spend",
      placebo: true,
      truth: 0,
      estimate: 0.1,
      lower: -0.2,
      upper: 0.4,
    }),
  ];
  const rows = summarizeCoverage(cases);
  const roi = rows.find((r) => r.quantity === "roi" && r.subset === "channels")!;
  assertEquals([roi.n, roi.covered, roi.estimates, roi.draws], [3, 2, 3, 3]);
  assertAlmostEquals(roi.coverage, 2 / 3, 1e-15);
  const w = wilsonInterval(2, 3);
  assertEquals([roi.wilsonLower, roi.wilsonUpper], [w.lower, w.upper]);
  assertAlmostEquals(roi.medianBias, 0.2, 1e-12);
  assertAlmostEquals(roi.medianRelativeBias, 0.1, 1e-12); // 0.2, −0.3, 0.1
  assertAlmostEquals(roi.medianWidth, 0.4, 1e-12); // 0.4, 0.2, 1
  assertAlmostEquals(roi.medianRelativeWidth, 0.4, 1e-12); // 0.4, 0.2, 0.5
  const carry = rows.find((r) => r.quantity === "carryover")!;
  assertEquals([carry.n, carry.estimates], [0, 1]);
  assertAlmostEquals(carry.medianBias, 0.1, 1e-12);
  const placebo = rows.find((r) => r.subset === "placebo")!;
  assertEquals([placebo.n, placebo.covered], [1, 1]);
  // pipeline rows first, roi before carryover, channels before placebo
  assertEquals(rows.map((r) => `${r.quantity}/${r.subset}`), [
    "roi/channels",
    "carryover/channels",
    "roi/placebo",
  ]);
  const table = coverageTable(rows);
  for (const line of table.body) assertEquals(line.length, table.header.length);
  assertEquals(table.body[0].at(-1), "missed"); // 67% is below the 90–98% target
});

Deno.test("summarizeStability: median relative change per channel and pooled", () => {
  const row = (channel: string, full: number, refit: number) => ({
    kind: "geo" as const,
    draw: 0,
    channel,
    roiFull: full,
    lowerFull: full * 0.9,
    upperFull: full * 1.1,
    roiRefit: refit,
    relativeChange: Math.abs(refit - full) / Math.abs(full),
    outside: refit < full * 0.9 || refit > full * 1.1,
  });
  const s = summarizeStability([row("tv", 2, 2.2), row("tv", 1, 1.5), row("radio", 1, 1.05)]);
  const tv = s.find((r) => r.channel === "tv")!;
  assertAlmostEquals(tv.medianRelativeChange, 0.3, 1e-12); // 0.1 and 0.5
  assertEquals(tv.outside, 0.5);
  assertEquals(s.find((r) => r.channel === "all channels")!.n, 3);
});

Deno.test("holdoutScores: MAPE in percent and R² around the test mean, by hand", () => {
  const s = holdoutScores([100, 200, 300], [110, 190, 300]);
  assertAlmostEquals(s.mape, (100 * (0.1 + 0.05 + 0)) / 3, 1e-12);
  assertAlmostEquals(s.r2, 1 - 200 / 20000, 1e-12);
});

Deno.test("dropLastWeeks drops the last dates of every geo", () => {
  const csv =
    "geo,date,x\na,2024-01-01,1\na,2024-01-08,2\na,2024-01-15,3\nb,2024-01-01,4\nb,2024-01-08,5\nb,2024-01-15,6\n";
  assertEquals(
    dropLastWeeks(csv, "date", 1),
    "geo,date,x\na,2024-01-01,1\na,2024-01-08,2\nb,2024-01-01,4\nb,2024-01-08,5\n",
  );
  assertThrows(() => dropLastWeeks(csv, "date", 3), RangeError);
  assertThrows(() => dropLastWeeks(csv, "week", 1), RangeError);
});

Deno.test("toCsv quotes fields with commas and leaves NaN empty", () => {
  assertEquals(toCsv([{ a: "x,y", b: NaN, c: true }]), 'a,b,c\n"x,y",,true\n');
});

Deno.test("parseArgs: defaults, both flag forms, errors name the flag", () => {
  assertEquals(parseArgs([]), {
    n: 50,
    seed: VALIDATION_SEED,
    kinds: ["geo", "national"],
    out: "reports/validation",
    workers: 2,
    latest: null,
  });
  const p = parseArgs([
    "--n",
    "3",
    "--kind=geo",
    "--seed",
    "9",
    "--out",
    "x",
    "--workers",
    "1",
    "--latest",
    "d",
  ]);
  assertEquals(p, { n: 3, seed: 9, kinds: ["geo"], out: "x", workers: 1, latest: "d" });
  assertThrows(() => parseArgs(["--n", "0"]), RangeError, "--n");
  assertThrows(() => parseArgs(["--kind", "panel"]), RangeError, "--kind");
  assertThrows(() => parseArgs(["--draws", "3"]), RangeError, "--draws");
  assertThrows(() => parseArgs(["--n"]), RangeError, "needs a value");
});

Deno.test("a two-draw study runs in workers and writes its files", async () => {
  const out = await Deno.makeTempDir({ prefix: "validate-test-" });
  const partials: number[] = [];
  try {
    const report = await runValidation({
      n: 2,
      seed: 3,
      kinds: ["geo", "national"],
      out,
      workers: 2,
      placebo: false,
      checkpoint: (partial) => {
        partials.push(partial.draws.length);
        return Promise.resolve();
      },
      task: {
        geoOverrides: { geos: 6, weeks: 104 },
        nationalOverrides: { weeks: 104 },
        draws: 200,
        reps: 49,
      },
    });
    assertEquals(report.draws.length, 4);
    assertEquals(partials, [1, 2, 3]); // a partial report after each draw but the last
    assertEquals(report.draws.map((d) => `${d.kind}${d.draw}`), ["geo0", "geo1", "national0", "national1"]);
    for (const d of report.draws) assert(d.ok, `${d.kind} draw ${d.draw}: ${d.error}`);
    for (const name of ["index.html", "coverage.csv", "cases.csv", "draws.csv", "validation.md"]) {
      const text = await Deno.readTextFile(`${out}/${name}`);
      assert(text.length > 0, name);
    }
    const coverage = (await Deno.readTextFile(`${out}/coverage.csv`)).split("\n");
    assert(coverage[0].startsWith("fit,model,quantity,subset,estimates,n,covered,coverage"));
    assert(
      coverage.some((l) => l.startsWith("pipeline,geo,roi,channels,10,10,")),
      "geo ROI: 5 channels × 2 draws",
    );
    assert(coverage.some((l) => l.startsWith("pipeline,national,roi,channels,10,10,")));
    assert(coverage.some((l) => l.startsWith("oracle,national,roi,")));
    const html = await Deno.readTextFile(`${out}/index.html`);
    assert(html.includes("<table>") && html.includes("Coverage of the 95% intervals"));
    assert(report.holdout.length === 2 && report.stability.length > 0);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
