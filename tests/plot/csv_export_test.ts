import { assertEquals, assertThrows } from "../assert.ts";
import { csvField, toCsv } from "../../lib/plot/csv_export.ts";
import { estimatesCsv, mergeEstimates, tidyEstimate } from "../../lib/plot/estimates.ts";
import { readCsv } from "../../lib/data/csv.ts";

Deno.test("csvField neutralizes every formula-starting character in text, never in numbers", () => {
  for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
    const out = csvField(`${start}1+1`);
    // a leading apostrophe, and quoting only where RFC 4180 needs it (the CR)
    assertEquals(out.replace(/^"/, "").startsWith("'"), true, JSON.stringify(out));
  }
  assertEquals(csvField(-3.5), "-3.5");
  assertEquals(csvField(0), "0");
  assertEquals(csvField(NaN), "");
  assertEquals(csvField(null), "");
  assertEquals(csvField("geo_01"), "geo_01");
});

Deno.test("toCsv round-trips through the project's CSV reader: text, quotes, commas, negative numbers", () => {
  const rows = [
    { geo: 'Zürich, "Nord"', channel: "=HYPERLINK(x)", roi: -0.25 },
    { geo: "a\nb", channel: "tv_spend", roi: 1e-7 },
  ];
  const text = toCsv(rows, ["geo", "channel", "roi"]);
  const back = readCsv(text, "x.csv");
  assertEquals(back.header, ["geo", "channel", "roi"]);
  assertEquals(back.rows[0], ['Zürich, "Nord"', "'=HYPERLINK(x)", "-0.25"]);
  assertEquals(back.rows[1], ["a\nb", "tv_spend", "1e-7"]);
  assertEquals(Number(back.rows[0][2]), -0.25);
});

Deno.test("tidyEstimate checks the vocabulary, the estimate and the interval order", () => {
  const base = {
    model: "geo" as const,
    channel: "tv",
    estimate: 1,
    lower: 0.5,
    upper: 2,
    level: 0.95,
    unit: "x",
  };
  assertEquals(tidyEstimate({ ...base, quantity: "roi" }).level, 0.95);
  assertThrows(() => tidyEstimate({ ...base, quantity: "elasticity" }), RangeError, "not a geo quantity");
  assertThrows(() => tidyEstimate({ ...base, quantity: "roi", estimate: NaN }), RangeError);
  assertThrows(() => tidyEstimate({ ...base, quantity: "roi", lower: 3 }), RangeError, "empty");
  const open = tidyEstimate({ ...base, quantity: "carryover", lower: NaN, upper: null });
  assertEquals([open.lower, open.upper, open.level], [null, null, null]);
});

Deno.test("mergeEstimates keeps one row per key, in contract order, and the CSV has exactly the contract columns", () => {
  const r = (quantity: string, channel: string, estimate: number) =>
    tidyEstimate({
      model: "national",
      quantity,
      channel,
      estimate,
      lower: null,
      upper: null,
      level: null,
      unit: "u",
    });
  const merged = mergeEstimates([[r("roi", "b", 1), r("carryover", "a", 0.3)], [
    r("roi", "b", 9),
    r("google_per_dollar", "a", 2),
  ]]);
  assertEquals(merged.map((m) => `${m.quantity}:${m.channel}:${m.estimate}`), [
    "google_per_dollar:a:2",
    "roi:b:1",
    "carryover:a:0.3",
  ]);
  const csv = estimatesCsv(merged);
  assertEquals(csv.split("\n")[0], "model,quantity,channel,estimate,lower,upper,level,unit");
  assertEquals(csv.split("\n")[1], "national,google_per_dollar,a,2,,,,u");
});
