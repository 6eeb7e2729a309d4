import {
  adstock,
  type AdstockSpec,
  geometricAdstock,
  geometricAdstockInto,
} from "../../lib/features/adstock.ts";
import { lag, movingAverage } from "../../lib/features/lags.ts";
import { applyByGroup, applyByGroupInto, groupRanges } from "../../lib/features/panel.ts";
import { assert, assertArrayClose, assertEquals, assertThrows } from "../assert.ts";

const geos = ["A", "A", "A", "A", "A", "B", "B", "B", "B", "B", "C", "C"];
/** An impulse in geo A's last row. */
const spend = new Float64Array(geos.length);
spend[4] = 100;

const specs: AdstockSpec[] = [
  { type: "geometric", theta: 0.9 },
  { type: "weibull_cdf", shape: 0.8, scale: 0.5, maxLag: 6 },
  { type: "weibull_pdf", shape: 3, scale: 0.5, maxLag: 6 },
  { type: "delayed", theta: 0.8, delay: 2, maxLag: 6 },
];

Deno.test("an impulse at the end of geo A does not leak into geo B, for every adstock", () => {
  for (const spec of specs) {
    const whole = adstock(spend, spec);
    assert(
      whole.slice(5).some((v) => v > 0),
      `${spec.type}: without grouping the impulse leaks (test can fail)`,
    );
    const grouped = applyByGroup(spend, geos, (x) => adstock(x, spec));
    assertEquals([...grouped.slice(5)], new Array(7).fill(0), spec.type);
    assertArrayClose(grouped.slice(0, 5), whole.slice(0, 5), 0, 0, spec.type);
  }
});

Deno.test("lags and moving averages stay within their geo", () => {
  const x = Float64Array.from(geos, (_, i) => i + 1);
  const lagged = applyByGroup(x, geos, (s) => lag(s, 1));
  assertEquals([...lagged], [NaN, 1, 2, 3, 4, NaN, 6, 7, 8, 9, NaN, 11]);
  const ma = applyByGroup(x, geos, (s) => movingAverage(s, 2));
  assertEquals([...ma], [NaN, 1.5, 2.5, 3.5, 4.5, NaN, 6.5, 7.5, 8.5, 9.5, NaN, 11.5]);
});

Deno.test("groupRanges gives contiguous blocks and rejects a geo that comes back", () => {
  assertEquals(groupRanges(geos), [
    { group: "A", start: 0, end: 5 },
    { group: "B", start: 5, end: 10 },
    { group: "C", start: 10, end: 12 },
  ]);
  assertEquals(groupRanges([]), []);
  assertEquals(groupRanges(["only"]), [{ group: "only", start: 0, end: 1 }]);
  assertThrows(() => groupRanges(["A", "A", "B", "A"]), RangeError, 'group "A" are not contiguous');
});

Deno.test("applyByGroupInto matches applyByGroup and writes only through views", () => {
  const x = new Float64Array([3, 0, 1, 9, 2, 0, 0, 4, 4, 1, 7, 0]);
  const ranges = groupRanges(geos);
  const out = new Float64Array(x.length);
  applyByGroupInto(out, x, ranges, (o, s) => geometricAdstockInto(o, s, 0.6));
  assertArrayClose(out, applyByGroup(x, geos, (s) => geometricAdstock(s, 0.6)), 0);
  assertArrayClose(applyByGroup(x, ranges, (s) => geometricAdstock(s, 0.6)), out, 0);
});

Deno.test("applyByGroup passes a copy, checks lengths and ranges", () => {
  const x = new Float64Array([1, 2, 3]);
  applyByGroup(x, ["A", "A", "B"], (s) => s.fill(0));
  assertEquals([...x], [1, 2, 3]);
  assertThrows(() => applyByGroup(x, ["A", "B"], (s) => s), RangeError, "2 group keys for 3 rows");
  assertThrows(() => applyByGroup(x, ["A", "A", "B"], (s) => s.slice(1)), RangeError, 'group "A"');
  assertThrows(
    () => applyByGroup(x, [{ group: "A", start: 0, end: 1 }, { group: "B", start: 2, end: 3 }], (s) => s),
    RangeError,
    "tile rows",
  );
  assertThrows(
    () => applyByGroup(x, [{ group: "A", start: 0, end: 2 }], (s) => s),
    RangeError,
    "cover rows 0..1",
  );
  assertEquals(applyByGroup(new Float64Array(0), [], (s) => s).length, 0);
});
