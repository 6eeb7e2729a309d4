import {
  type Dataset,
  findUnidentifiedTerms,
  GEO_ROLES,
  loadDataset,
  NEAR_DUPLICATE_CORRELATION,
  WEEKLY_ROLES,
} from "../../lib/data/mod.ts";
import { DataError } from "../../lib/errors.ts";
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";
import { weekDate } from "./inline.ts";

/** A national dataset from columns (all the same length). */
function national(columns: Record<string, number[]>): Dataset {
  const n = Object.values(columns)[0].length;
  return {
    source: "w.csv",
    n,
    dates: Array.from({ length: n }, (_, i) => weekDate(i)),
    columns: Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Float64Array.from(v)])),
    roles: WEEKLY_ROLES,
    warnings: [],
  };
}

/** A panel from per-geo columns: `columns[name][g]` is geo g's series. */
function panel(geos: string[], columns: Record<string, number[][]>): Dataset {
  const weeks = Object.values(columns)[0][0].length;
  const n = geos.length * weeks;
  return {
    source: "g.csv",
    n,
    dates: Array.from({ length: n }, (_, i) => weekDate(i % weeks)),
    geos: Array.from({ length: n }, (_, i) => geos[Math.floor(i / weeks)]),
    columns: Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Float64Array.from(v.flat())])),
    roles: GEO_ROLES,
    warnings: [],
  };
}

const wk = { geoFixedEffects: false } as const;
const fe = { geoFixedEffects: true } as const;

Deno.test("a column with variation is kept; nothing is reported", () => {
  const ds = national({ tv: [1, 2, 3, 5], radio: [4, 1, 3, 1] });
  assertEquals(findUnidentifiedTerms(ds, ["tv", "radio"], wk), {
    keep: ["tv", "radio"],
    dropped: [],
    zeroInGeos: [],
  });
});

Deno.test("an all-zero column is dropped with a sentence naming it", () => {
  const ds = national({ tv: [1, 2, 3, 5], tiktok: [0, 0, 0, 0] });
  const report = findUnidentifiedTerms(ds, ["tv", "tiktok"], wk);
  assertEquals(report.keep, ["tv"]);
  assertEquals(report.dropped.map((d) => [d.column, d.reason]), [["tiktok", "all-zero"]]);
  assert(report.dropped[0].sentence.startsWith(`"tiktok" is zero in every week`));
});

Deno.test("a constant column is dropped: it cannot be told from the intercept (or the geo effects)", () => {
  const ds = national({ tv: [1, 2, 3, 5], fee: [7, 7, 7, 7] });
  const report = findUnidentifiedTerms(ds, ["fee", "tv"], wk);
  assertEquals(report.keep, ["tv"]);
  assertEquals(report.dropped[0].reason, "constant");
  assert(report.dropped[0].sentence.includes("(7)") && report.dropped[0].sentence.includes("intercept"));
  const p = panel(["A", "B"], { tv: [[1, 2, 3], [2, 5, 1]], fee: [[7, 7, 7], [7, 7, 7]] });
  const withFe = findUnidentifiedTerms(p, ["tv", "fee"], fe);
  assertEquals(withFe.dropped[0].reason, "constant");
  assert(withFe.dropped[0].sentence.includes("geo fixed effects"));
});

Deno.test("population constant within every geo is not identified next to geo fixed effects; per capita is the way", () => {
  const p = panel(["A", "B"], {
    tv_spend: [[1, 2, 3, 4], [2, 5, 1, 3]],
    population: [[1000, 1000, 1000, 1000], [2500, 2500, 2500, 2500]],
  });
  const report = findUnidentifiedTerms(p, ["tv_spend", "population"], fe);
  assertEquals(report.keep, ["tv_spend"]);
  const [term] = report.dropped;
  assertEquals([term.column, term.reason], ["population", "constant-within-geo"]);
  for (
    const part of [
      '"population" does not change within any geo',
      "geo fixed effects absorb it",
      "perfectly collinear with the geo dummies",
      "not identified next to geo fixed effects",
      "per capita",
      'divide the target and the spend columns by "population"',
    ]
  ) assert(term.sentence.includes(part), `${term.sentence} lacks ${part}`);
  // Without geo effects it varies (between geos) and is kept.
  assertEquals(findUnidentifiedTerms(p, ["tv_spend", "population"], wk).keep, ["tv_spend", "population"]);
});

Deno.test("within-geo constancy uses a relative tolerance of 1e-9 of the column's scale", () => {
  // Population of order 1e6; jitter of 1e-4 has sd/scale ≈ 1e-10 (absorbed), jitter of 10 has 1e-5 (kept).
  const pop = (base: number, jitter: number) => [base, base + jitter, base, base + jitter];
  const tv = [[1, 2, 3, 4], [2, 5, 1, 3]];
  const tiny = panel(["A", "B"], { tv, population: [pop(1e6, 1e-4), pop(2e6, 1e-4)] });
  assertEquals(
    findUnidentifiedTerms(tiny, ["tv", "population"], fe).dropped[0]?.reason,
    "constant-within-geo",
  );
  const real = panel(["A", "B"], { tv, population: [pop(1e6, 10), pop(2e6, 10)] });
  assertEquals(findUnidentifiedTerms(real, ["tv", "population"], fe).keep, ["tv", "population"]);
});

Deno.test("a column constant within geos that is not population gets the generic advice", () => {
  const p = panel(["A", "B"], { tv: [[1, 2, 3], [2, 5, 1]], region_size: [[3, 3, 3], [9, 9, 9]] });
  const { sentence } = findUnidentifiedTerms(p, ["tv", "region_size"], fe).dropped[0];
  assert(!sentence.includes("per capita") && sentence.includes("changes over time within a geo"), sentence);
});

Deno.test("an identical copy is a duplicate of the first column; their effects read as one", () => {
  const ds = national({ meta: [1, 4, 2, 8], meta_copy: [1, 4, 2, 8], tv: [3, 1, 4, 1] });
  const report = findUnidentifiedTerms(ds, ["meta", "meta_copy", "tv"], wk);
  assertEquals(report.keep, ["meta", "tv"]);
  const [d] = report.dropped;
  assertEquals([d.column, d.reason, d.of, d.factor], ["meta_copy", "duplicate", "meta", 1]);
  assert(d.sentence.includes(`"meta_copy" is identical to "meta"`), d.sentence);
  assert(d.sentence.includes("cannot tell the two apart") && d.sentence.includes("one combined effect"));
});

Deno.test("a positive multiple (the same series in other units) is a duplicate with its factor", () => {
  const ds = national({ spend: [1.5, 4, 2, 8], spend_cents: [150, 400, 200, 800] });
  const [d] = findUnidentifiedTerms(ds, ["spend", "spend_cents"], wk).dropped;
  assertEquals([d.reason, d.of], ["duplicate", "spend"]);
  assertAlmostEquals(d.factor!, 100, 1e-12);
  assert(d.sentence.includes("exactly 100 times"), d.sentence);
});

Deno.test("of three copies the first is kept and both others name it", () => {
  const ds = national({ a: [1, 2, 4, 3], b: [1, 2, 4, 3], c: [2, 4, 8, 6] });
  const report = findUnidentifiedTerms(ds, ["a", "b", "c"], wk);
  assertEquals(report.keep, ["a"]);
  assertEquals(report.dropped.map((d) => [d.column, d.of]), [["b", "a"], ["c", "a"]]);
});

Deno.test("a near copy at |r| ≥ 0.999 is a near-duplicate with its correlation; just below, it is kept", () => {
  // x̃ = (−1.5, −0.5, 0.5, 1.5) and e = δ(1, −1, −1, 1) are centred and orthogonal, so
  // r(x, x + e) = √(Σx̃²) / √(Σx̃² + Σe²) = √5 / √(5 + 4δ²).
  const x = [0, 1, 2, 3];
  const copy = (delta: number) => x.map((v, i) => v + delta * [1, -1, -1, 1][i]);
  const expected = (delta: number) => Math.sqrt(5) / Math.sqrt(5 + 4 * delta * delta);
  assert(expected(0.05) >= NEAR_DUPLICATE_CORRELATION && expected(0.1) < NEAR_DUPLICATE_CORRELATION);
  const near = findUnidentifiedTerms(national({ x, y: copy(0.05) }), ["x", "y"], wk);
  assertEquals(near.keep, ["x"]);
  const [d] = near.dropped;
  assertEquals([d.column, d.reason, d.of], ["y", "near-duplicate", "x"]);
  assertAlmostEquals(d.correlation!, expected(0.05), 1e-12);
  assert(d.sentence.includes(`"y" moves almost exactly with "x"`), d.sentence);
  assertEquals(findUnidentifiedTerms(national({ x, y: copy(0.1) }), ["x", "y"], wk).keep, ["x", "y"]);
  // The threshold is an option.
  assertEquals(
    findUnidentifiedTerms(national({ x, y: copy(0.1) }), ["x", "y"], {
      ...wk,
      nearDuplicateCorrelation: 0.99,
    })
      .dropped[0].reason,
    "near-duplicate",
  );
});

Deno.test("a negative multiple is a near-duplicate at r = −1, worded as moving against", () => {
  const [d] =
    findUnidentifiedTerms(national({ x: [0, 1, 2, 3], y: [0, -2, -4, -6] }), ["x", "y"], wk).dropped;
  assertEquals(d.reason, "near-duplicate");
  assertAlmostEquals(d.correlation!, -1, 1e-12);
  assert(d.sentence.includes("against"));
});

Deno.test("with geo fixed effects, near-duplicates are judged on within-geo variation", () => {
  // Within each geo both columns are x̃ (+ e for b); the geo levels differ (a high in B, b high in C), so
  // the overall correlation is about −0.5 while the within-geo one is √15 / √(15 + 12δ²) with δ = 0.05.
  const xt = [-1.5, -0.5, 0.5, 1.5], e = [1, -1, -1, 1].map((s) => 0.05 * s);
  const level = (l: number, noise: boolean) => xt.map((v, i) => v + l + (noise ? e[i] : 0));
  const p = panel(["A", "B", "C"], {
    a: [level(10, false), level(110, false), level(10, false)],
    b: [level(10, true), level(10, true), level(110, true)],
  });
  const within = findUnidentifiedTerms(p, ["a", "b"], fe);
  assertEquals(within.dropped.map((d) => [d.column, d.reason, d.of]), [["b", "near-duplicate", "a"]]);
  assertAlmostEquals(within.dropped[0].correlation!, Math.sqrt(15) / Math.sqrt(15 + 12 * 0.05 ** 2), 1e-12);
  assert(within.dropped[0].sentence.includes("within geos"));
  assertEquals(findUnidentifiedTerms(p, ["a", "b"], wk).keep, ["a", "b"]);
});

Deno.test("an exact sum of earlier columns is a linear combination naming them and the weights", () => {
  const tv = [1, 4, 2, 8, 5, 7], radio = [3, 1, 4, 1, 5, 9];
  const ds = national({ tv, radio, total: tv.map((v, i) => v + radio[i]) });
  const report = findUnidentifiedTerms(ds, ["tv", "radio", "total"], wk);
  assertEquals(report.keep, ["tv", "radio"]);
  const [d] = report.dropped;
  assertEquals([d.column, d.reason, d.ofColumns], ["total", "linear-combination", ["tv", "radio"]]);
  assertAlmostEquals(d.correlation!, 1, 1e-12);
  assert(d.sentence.includes(`"total" is exactly a fixed combination`), d.sentence);
  assert(d.sentence.includes(`1 × "tv" + 1 × "radio"`), d.sentence);
  // A difference, up to a constant: 2·tv − radio + 5.
  const diff = national({ tv, radio, z: tv.map((v, i) => 2 * v - radio[i] + 5) });
  assert(
    findUnidentifiedTerms(diff, ["tv", "radio", "z"], wk).dropped[0].sentence.includes(
      `2 × "tv" − 1 × "radio"`,
    ),
  );
});

Deno.test("zeroInGeos lists kept channels that are zero throughout some geos", () => {
  const p = panel(["A", "B", "C"], {
    tv: [[1, 2, 3], [2, 5, 1], [4, 1, 2]],
    print: [[1, 0, 2], [0, 0, 0], [3, 1, 0]],
  });
  const report = findUnidentifiedTerms(p, ["tv", "print"], fe);
  assertEquals(report.keep, ["tv", "print"]);
  assertEquals(report.zeroInGeos.map((z) => [z.column, z.geos]), [["print", ["B"]]]);
  assert(report.zeroInGeos[0].sentence.includes("other 2 geos only"), report.zeroInGeos[0].sentence);
});

Deno.test("rows restricts every rule to the rows fitted on", () => {
  // Zero in the first three weeks (a fold's training rows), positive later.
  const ds = national({ tv: [1, 2, 3, 4, 5], tiktok: [0, 0, 0, 6, 9] });
  assertEquals(
    findUnidentifiedTerms(ds, ["tv", "tiktok"], { ...wk, rows: [0, 1, 2] }).dropped[0].reason,
    "all-zero",
  );
  assertEquals(findUnidentifiedTerms(ds, ["tv", "tiktok"], wk).keep, ["tv", "tiktok"]);
  assertThrows(() => findUnidentifiedTerms(ds, ["tv"], { ...wk, rows: [0, 5] }), RangeError, "rows[1]");
});

Deno.test("bad arguments: a column twice, a missing column, a threshold outside (0, 1], a non-finite value", () => {
  const ds = national({ tv: [1, 2, 3], odd: [1, NaN, 3] });
  assertThrows(() => findUnidentifiedTerms(ds, ["tv", "tv"], wk), RangeError, "listed twice");
  assertThrows(() => findUnidentifiedTerms(ds, ["nope"], wk), DataError);
  assertThrows(() => findUnidentifiedTerms(ds, ["tv"], { ...wk, nearDuplicateCorrelation: 0 }), RangeError);
  const error = assertThrows(() => findUnidentifiedTerms(ds, ["odd"], wk), DataError);
  assertEquals([error.file, error.column], ["w.csv", "odd"]);
});

Deno.test("the bundled files' modelled columns are all identified", () => {
  const weekly = loadDataset(new URL("../../data/mmm_weekly.csv", import.meta.url).pathname, {
    kind: "weekly",
  });
  const R = weekly.roles;
  const columns = [R.mediator!, ...R.social, ...R.direct, R.price!, R.promotion!, ...R.controls];
  assertEquals(findUnidentifiedTerms(weekly, columns, wk), { keep: columns, dropped: [], zeroInGeos: [] });
  const geo = loadDataset(new URL("../../data/mmm_geo.csv", import.meta.url).pathname, { kind: "geo" });
  const G = geo.roles;
  const geoColumns = [...G.media, ...G.controls, G.population!];
  assertEquals(findUnidentifiedTerms(geo, geoColumns, fe), { keep: geoColumns, dropped: [], zeroInGeos: [] });
});
