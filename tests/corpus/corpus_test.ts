/**
 * Tests of the corpus generator (`data/corpus.ts`): determinism, and that each entry has the characteristic
 * it claims. The end-to-end run over the corpus is `tests/corpus/corpus_run.ts` (slow; not a unit test).
 */
import { assert, assertEquals } from "../assert.ts";
import {
  COMMON_EXPECTATIONS,
  CORPUS_SEED,
  type CorpusEntry,
  sameSentence,
  writeCorpus,
} from "../../data/corpus.ts";

const REPO = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

/** A plain CSV (no quoted fields) as header and rows; a BOM and CRLF are removed first. */
function readPlainCsv(path: string): { header: string[]; rows: string[][]; raw: string } {
  const raw = Deno.readTextFileSync(path);
  const text = raw.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");
  const [head, ...lines] = text.trimEnd().split("\n");
  return { header: head.split(","), rows: lines.map((l) => l.split(",")), raw };
}

function column(csv: { header: string[]; rows: string[][] }, name: string): string[] {
  const j = csv.header.indexOf(name);
  assert(j >= 0, `no column ${name} in ${csv.header.join(",")}`);
  return csv.rows.map((r) => r[j]);
}

const numbers = (values: string[]) => values.map(Number);

let cached: { dir: string; entries: CorpusEntry[] } | undefined;
function corpus(): { dir: string; entries: CorpusEntry[] } {
  if (!cached) {
    const dir = Deno.makeTempDirSync({ prefix: "corpus-test-" });
    cached = { dir, entries: writeCorpus(dir) };
  }
  return cached;
}
const entry = (name: string): CorpusEntry => {
  const e = corpus().entries.find((x) => x.name === name);
  assert(e, `no entry ${name}`);
  return e;
};
const roles = (e: CorpusEntry) => JSON.parse(Deno.readTextFileSync(e.roles!));

function filesUnder(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    if (e.isDirectory) out.push(...filesUnder(`${dir}/${e.name}`, `${prefix}${e.name}/`));
    else out.push(`${prefix}${e.name}`);
  }
  return out.sort();
}

Deno.test("writeCorpus is deterministic: two calls write byte-identical files", () => {
  const a = corpus().dir;
  const b = Deno.makeTempDirSync({ prefix: "corpus-test-" });
  try {
    writeCorpus(b);
    const files = filesUnder(a);
    assertEquals(filesUnder(b), files);
    for (const f of files) {
      const x = Deno.readFileSync(`${a}/${f}`), y = Deno.readFileSync(`${b}/${f}`);
      assert(x.length === y.length && x.every((v, i) => v === y[i]), `${f} differs between two calls`);
    }
  } finally {
    Deno.removeSync(b, { recursive: true });
  }
});

Deno.test("every entry has both files, distinct names, and truth recorded with the corpus seed", () => {
  const { entries } = corpus();
  const names = entries.map((e) => e.name);
  assertEquals(new Set(names).size, names.length);
  for (
    const name of [
      "geo-const-pop-10",
      "geo-2",
      "geo-52w",
      "geo-zero-channel",
      "geo-millions",
      "weekly-52",
      "weekly-one-social",
      "weekly-no-price-promo",
      "weekly-bimodal",
      "weekly-sparse-direct",
      "weekly-identical",
      "weekly-no-mediator",
      "units-target",
    ]
  ) assert(names.includes(name), `missing entry ${name}`);
  for (const e of entries) {
    assert(e.weekly && e.geo, `${e.name} needs both files`);
    Deno.statSync(e.weekly);
    Deno.statSync(e.geo);
    const truth = JSON.parse(Deno.readTextFileSync(e.weekly.replace(/weekly\.csv$/, "truth.json")));
    assertEquals(truth.seed, CORPUS_SEED);
    assertEquals(truth.entry, e.name);
  }
});

Deno.test("every expectation compiles and names an existing notebook", () => {
  const notebooks = [...Deno.readDirSync(`${REPO}/notebooks`)].map((e) => e.name);
  for (const e of corpus().entries) {
    assert(e.description.length > 20, `${e.name}: describe what it tests`);
    for (const x of e.expectations) {
      new RegExp(x.pattern, x.flags ?? "i");
      assert(
        notebooks.some((n) => n.startsWith(`${x.notebook}_`) || n === `${x.notebook}.ipynb`),
        x.notebook,
      );
      assert(x.description.length > 0);
    }
  }
  for (const x of COMMON_EXPECTATIONS) new RegExp(x.pattern, x.flags ?? "i");
});

Deno.test("sameSentence matches key words in one sentence, in any order, but not across sentences or table cells", () => {
  const re = new RegExp(sameSentence("population", "not identified"), "i");
  assert(
    re.test("Population is constant within each geo, so it is not identified beside geo fixed effects."),
  );
  assert(re.test("Not identified: population (R² 0.95 of the geo effects)."));
  assert(!re.test("Population grows. The slope is not identified."));
  assert(!re.test("population   1.08\n   not identified"), "two-space padded text table");
  assert(!re.test("<td>population</td><td>not identified</td>"), "HTML table cells");
  assert(!re.test("<li>Population grows.</li><li>Not identified: x</li>"), "HTML list items");
  assert(
    re.test("<p>Population is <strong>not identified</strong> here.</p>"),
    "inline tags inside a sentence",
  );
});

Deno.test("every file is a rectangular weekly series: Monday dates 7 days apart, no negative or non-finite numbers", () => {
  for (const e of corpus().entries) {
    for (const [path, dateColumn] of [[e.weekly!, "week"], [e.geo!, "date"]] as const) {
      const csv = readPlainCsv(path);
      for (const r of csv.rows) assertEquals(r.length, csv.header.length, `${path}: ragged row`);
      const dates = column(csv, dateColumn);
      const keys = csv.header.includes("geo") ? column(csv, "geo") : dates.map(() => "");
      for (let i = 0; i < dates.length; i++) {
        assertEquals(
          new Date(`${dates[i]}T00:00:00Z`).getUTCDay(),
          1,
          `${path}: ${dates[i]} is not a Monday`,
        );
        if (i > 0 && keys[i] === keys[i - 1]) {
          assertEquals(Date.parse(dates[i]) - Date.parse(dates[i - 1]), 7 * 86400000, `${path} row ${i + 2}`);
        }
      }
      for (const name of csv.header.filter((h) => h !== dateColumn && h !== "geo")) {
        for (const v of numbers(column(csv, name))) {
          assert(Number.isFinite(v) && v >= 0, `${path}: ${name} has ${v}`);
        }
      }
    }
  }
});

Deno.test("geo-const-pop-10: 10 geos × 104 weeks, population constant within each geo, differing between geos", () => {
  const csv = readPlainCsv(entry("geo-const-pop-10").geo!);
  const geos = column(csv, "geo"), pop = column(csv, "population");
  assertEquals(new Set(geos).size, 10);
  assertEquals(csv.rows.length, 10 * 104);
  const byGeo = new Map<string, Set<string>>();
  geos.forEach((g, i) => byGeo.set(g, (byGeo.get(g) ?? new Set()).add(pop[i])));
  for (const [g, values] of byGeo) assertEquals(values.size, 1, `population varies within ${g}`);
  assertEquals(new Set([...byGeo.values()].map((s) => [...s][0])).size, 10);
  for (
    const name of [
      "tv_spend",
      "print_spend",
      "search_spend",
      "social_spend",
      "radio_spend",
      "competitor_sales_control",
      "sentiment_score_control",
      "sales",
    ]
  ) column(csv, name);
});

Deno.test("the geo companion's population grows within geos (only geo-const-pop-10 holds it constant)", () => {
  const csv = readPlainCsv(entry("baseline").geo!);
  const geos = column(csv, "geo"), pop = column(csv, "population");
  const varying = new Set(geos.filter((g, i) => i > 0 && geos[i - 1] === g && pop[i - 1] !== pop[i]));
  assert(varying.size >= new Set(geos).size - 1, `population constant in too many geos`);
});

Deno.test("geo-2, geo-52w and the panel sizes of the small geo entries", () => {
  const size = (name: string) => {
    const csv = readPlainCsv(entry(name).geo!);
    return [new Set(column(csv, "geo")).size, csv.rows.length];
  };
  assertEquals(size("geo-2"), [2, 208]);
  assertEquals(size("geo-52w"), [5, 260]);
  assertEquals(size("geo-zero-channel"), [6, 624]);
  assertEquals(size("units-target"), [6, 624]);
});

Deno.test("geo-zero-channel: print_spend zero in every week of geo_03 only; radio_spend zero in most weeks", () => {
  const csv = readPlainCsv(entry("geo-zero-channel").geo!);
  const geos = column(csv, "geo"), print = numbers(column(csv, "print_spend"));
  const radio = numbers(column(csv, "radio_spend"));
  for (const g of new Set(geos)) {
    const total = print.filter((_, i) => geos[i] === g).reduce((s, v) => s + v, 0);
    if (g === "geo_03") assertEquals(total, 0);
    else assert(total > 0, `print_spend all zero in ${g} too`);
  }
  const zeroShare = radio.filter((v) => v === 0).length / radio.length;
  assert(zeroShare > 0.8 && zeroShare < 0.9, `radio zero share ${zeroShare}`);
});

Deno.test("geo-millions: BOM and CRLF in both files, accented geo names, spend around $1M a week", () => {
  const e = entry("geo-millions");
  for (const path of [e.weekly!, e.geo!]) {
    const bytes = Deno.readFileSync(path);
    assertEquals([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], `${path}: no UTF-8 BOM`);
    const raw = new TextDecoder().decode(bytes);
    assertEquals(raw.split("\n").length - 1, raw.split("\r\n").length - 1, `${path}: a bare LF`);
    assert(raw.includes("\r\n"));
  }
  const csv = readPlainCsv(e.geo!);
  const geos = new Set(column(csv, "geo"));
  for (const name of ["Zürich", "Łódź"]) assert(geos.has(name), `no geo ${name}`);
  const spend = ["tv_spend", "print_spend", "search_spend", "social_spend", "radio_spend"]
    .flatMap((c) => numbers(column(csv, c)));
  const mean = spend.reduce((s, v) => s + v, 0) / spend.length;
  assert(Math.abs(mean - 1e6) < 1, `mean spend per channel-week ${mean}`);
});

Deno.test("weekly-52: 52 rows in the seed schema's column order", () => {
  const csv = readPlainCsv(entry("weekly-52").weekly!);
  assertEquals(csv.rows.length, 52);
  assertEquals(csv.header, [
    "week",
    "facebook_spend",
    "tiktok_spend",
    "instagram_spend",
    "snapchat_spend",
    "google_spend",
    "emails_send",
    "sms_send",
    "average_price",
    "promotions",
    "social_followers",
    "revenue",
  ]);
});

Deno.test("weekly-one-social, weekly-no-price-promo, weekly-no-mediator: columns and roles files agree", () => {
  const one = entry("weekly-one-social");
  const oneHeader = readPlainCsv(one.weekly!).header;
  assert(oneHeader.includes("facebook_spend"));
  for (const c of ["tiktok_spend", "instagram_spend", "snapchat_spend"]) assert(!oneHeader.includes(c));
  assertEquals(roles(one), { weekly: { social: ["facebook_spend"] } });

  const noPrice = entry("weekly-no-price-promo");
  const priceHeader = readPlainCsv(noPrice.weekly!).header;
  assert(!priceHeader.includes("average_price") && !priceHeader.includes("promotions"));
  assertEquals(roles(noPrice), { weekly: { price: null, promotion: null } });

  const noMediator = entry("weekly-no-mediator");
  assert(!readPlainCsv(noMediator.weekly!).header.includes("google_spend"));
  assertEquals(roles(noMediator), { weekly: { mediator: null } });
});

Deno.test("weekly-bimodal: 32 of 104 weeks near zero, the rest in the hundreds of thousands", () => {
  const revenue = numbers(column(readPlainCsv(entry("weekly-bimodal").weekly!), "revenue"));
  assertEquals(revenue.length, 104);
  const low = revenue.filter((v) => v < 5000).length;
  const high = revenue.filter((v) => v >= 100000).length;
  assertEquals(low, 32);
  assertEquals(low + high, 104, "no week between the two regimes");
});

Deno.test("weekly-sparse-direct: sms_send zero in 80% of weeks; the other files send SMS every week", () => {
  const sms = numbers(column(readPlainCsv(entry("weekly-sparse-direct").weekly!), "sms_send"));
  assertEquals(sms.filter((v) => v === 0).length, 104 - Math.round(0.2 * 104));
  const companion = numbers(column(readPlainCsv(entry("baseline").weekly!), "sms_send"));
  assert(companion.every((v) => v > 0));
});

Deno.test("weekly-identical: instagram_spend equals tiktok_spend, and no other pair of columns is identical", () => {
  const csv = readPlainCsv(entry("weekly-identical").weekly!);
  assertEquals(column(csv, "instagram_spend"), column(csv, "tiktok_spend"));
  const identical: string[] = [];
  for (let a = 0; a < csv.header.length; a++) {
    for (let b = a + 1; b < csv.header.length; b++) {
      if (csv.rows.every((r) => r[a] === r[b])) identical.push(`${csv.header[a]}=${csv.header[b]}`);
    }
  }
  assertEquals(identical, ["tiktok_spend=instagram_spend"]);
});

Deno.test("units-target: integer conversions instead of sales, roles with targetUnit units", () => {
  const e = entry("units-target");
  const csv = readPlainCsv(e.geo!);
  assert(!csv.header.includes("sales"));
  const conversions = column(csv, "conversions");
  assert(conversions.every((v) => /^\d+$/.test(v)), "conversions are whole numbers");
  assertEquals(roles(e), { geo: { target: "conversions", targetUnit: "units" } });
});
