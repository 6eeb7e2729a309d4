import { assertEquals, assertThrows } from "../assert.ts";
import {
  count,
  interval,
  MINUS,
  money,
  moneyFormatter,
  moneyInterval,
  num,
  pct,
  target,
  targetFormat,
  type TargetUnit,
} from "../../lib/plot/format.ts";

Deno.test("format: one minus sign (U+2212) in every formatter, never the hyphen", () => {
  assertEquals(MINUS, "\u2212");
  const shown = [
    num(-1.5),
    num(-1234.5),
    num(-0.5, 2),
    pct(-0.25),
    money(-12),
    money(-2.5e6),
    count(-3),
    num(-Infinity),
  ];
  assertEquals(shown, ["−1.5", "−1,235", "−0.50", "−25.0%", "−$12.00", "−$2.50M", "−3", "−∞"]);
  for (const s of shown) assertEquals(s.includes("-"), false, s);
});

Deno.test("format: a value that rounds to zero at the digits shown has no sign", () => {
  assertEquals([num(-0.001, 2), num(-0.0004, 3), num(-0, 1), pct(-0.00001), money(-0.001), count(-0.2, 0)], [
    "0.00",
    "0.000",
    "0.0",
    "0.0%",
    "$0.00",
    "0",
  ]);
  // but not when a nonzero digit is shown
  assertEquals([num(-0.001), num(-0.006, 2)], ["−0.001", "−0.01"]);
});

Deno.test("format: money switches to millions and billions at the amounts that would round there", () => {
  assertEquals([
    money(999_999.4),
    money(999_999.5),
    money(2.5e6),
    money(999.994e6),
    money(999.995e6),
    money(3.2e9),
  ], [
    "$999,999",
    "$1.00M",
    "$2.50M",
    "$999.99M",
    "$1.00B",
    "$3.20B",
  ]);
  assertEquals([money(99.994), money(100), money(1234.5, 2)], ["$99.99", "$100", "$1,234.50"]);
});

Deno.test("format: moneyFormatter and moneyInterval put amounts shown together on one scale", () => {
  const f = moneyFormatter([950_000, 2.5e6, NaN]);
  assertEquals([f(950_000), f(2.5e6), f(-12_000)], ["$0.95M", "$2.50M", "−$0.01M"]);
  const g = moneyFormatter([5, 1234]);
  assertEquals([g(5), g(1234)], ["$5", "$1,234"]);
  const h = moneyFormatter([5, 12.5]);
  assertEquals([h(5), h(12.5)], ["$5.00", "$12.50"]);
  assertEquals(moneyInterval(950_000, 2.5e6), "$0.95M to $2.50M");
  assertEquals(moneyInterval(-1200, 3400), "−$1,200 to $3,400");
  assertEquals(interval(-1, 2), "[−1, 2]");
});

Deno.test("format: counts never carry a currency sign", () => {
  assertEquals([count(12340), count(2.5e6), count(0.0456), count(99.5), count(12.34, 1)], [
    "12,340",
    "2.50M",
    "0.0456",
    "99.5",
    "12.3",
  ]);
});

Deno.test("targetFormat: currency targets read as money, unit targets as counts", () => {
  const cur = targetFormat("currency");
  assertEquals([cur.amount(12340), cur.value(-12340), cur.perDollar(1.234), cur.ratio(1.234)], [
    "$12,340",
    "−$12,340",
    "$1.23 of revenue per dollar",
    "1.23",
  ]);
  assertEquals([cur.perDollarLabel, cur.amountLabel], ["revenue per dollar", "revenue ($)"]);
  assertEquals(cur.values([950_000, 2.5e6])(950_000), "$0.95M");

  const units = targetFormat("units");
  const shown = [
    units.amount(12340),
    units.value(12340),
    units.perDollar(0.0456),
    units.ratio(0.0456),
    units.ratio(1.234),
  ];
  assertEquals(shown, ["12,340 units", "12,340", "0.0456 units per dollar", "0.0456", "1.23"]);
  for (const s of shown) assertEquals(s.includes("$"), false, s);
  assertEquals([units.perDollarLabel, units.amountLabel], ["units per dollar", "units"]);

  const conv = target("units", { name: "sign-ups", unitName: "conversions" });
  assertEquals([conv.amount(-3), conv.perDollarLabel, conv.amountLabel], [
    "−3 conversions",
    "conversions per dollar",
    "sign-ups (conversions)",
  ]);
  assertEquals(targetFormat("currency", { name: "sales" }).perDollarLabel, "sales per dollar");
  assertEquals(units.amount(NaN), "n/a");
  assertThrows(() => targetFormat("dollars" as TargetUnit), RangeError, "unit must be");
});

Deno.test("targetFormat.amounts: money on one scale for prose, counts with their unit word", () => {
  const m = targetFormat("currency").amounts([1.54e6, -430_205, 2.95e6]);
  assertEquals([m(1.54e6), m(-430_205), m(2.95e6)], ["$1.54M", "−$0.43M", "$2.95M"]);
  const u = targetFormat("units", { unitName: "orders" }).amounts([12_340, -50]);
  assertEquals([u(12_340), u(-50)], ["12,340 orders", "−50 orders"]);
});
