/** The national pipeline's sentence formats, against values worked out by hand. */
import { nationalAmountFormat, nationalRatioFormat } from "../../lib/pipeline/national_format.ts";
import { assertEquals } from "../assert.ts";

Deno.test("nationalAmountFormat: money target reads as money, compact from a million", () => {
  const m = nationalAmountFormat("currency");
  assertEquals(m(33_151_275), "$33.15M");
  assertEquals(m(999_999.49), "$999,999");
  assertEquals(m(999_999.5), "$1.00M");
  assertEquals(m(2.5e9), "$2.50B");
  assertEquals(m(-1234.5), "−$1,235");
  assertEquals(m(12.345), "$12.35");
  assertEquals(m(-0.001), "$0.00");
  assertEquals(m(NaN), "n/a");
});

Deno.test("nationalAmountFormat: count target reads as units, no currency sign", () => {
  const u = nationalAmountFormat("units");
  assertEquals(u(12_340.4), "12,340 units");
  assertEquals(u(-5_000), "−5,000 units");
});

Deno.test("nationalRatioFormat: two decimals, Unicode minus", () => {
  assertEquals(nationalRatioFormat(-0.1472), "−0.15");
  assertEquals(nationalRatioFormat(2.135), "2.14");
  assertEquals(nationalRatioFormat(-0.004), "0.00");
  assertEquals(nationalRatioFormat(Infinity), "∞");
});
