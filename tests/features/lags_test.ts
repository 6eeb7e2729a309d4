import { forwardFill, lag, movingAverage } from "../../lib/features/lags.ts";
import { assertArrayClose, assertEquals, assertThrows } from "../assert.ts";
import fixture from "../fixtures/features_lags.json" with { type: "json" };

const nan = (values: readonly (number | null)[]) => values.map((v) => v ?? NaN);
const x = nan(fixture.x);

Deno.test("lag matches pandas shift (NaN fill) and shift(fill_value=0)", () => {
  for (const [k, expected] of Object.entries(fixture.shift)) {
    assertEquals([...lag(x, Number(k))], nan(expected));
  }
  for (const [k, expected] of Object.entries(fixture.shift_fill0)) {
    assertEquals([...lag(x, Number(k), 0)], nan(expected));
  }
  assertEquals([...lag([1, 2], 5)], [NaN, NaN]);
  assertThrows(() => lag(x, -1), RangeError, "k must be an integer >= 0");
  assertThrows(() => lag(x, 1.5), RangeError, "k");
});

Deno.test("movingAverage matches pandas rolling(window, min_periods).mean() (1e-14 relative)", () => {
  for (const r of fixture.rolling) {
    assertArrayClose(
      movingAverage(x, r.window, r.min_periods),
      nan(r.values),
      1e-14,
      1e-12,
      `window ${r.window}`,
    );
  }
  assertThrows(() => movingAverage(x, 0), RangeError, "window");
  assertThrows(() => movingAverage(x, 2, 3), RangeError, "minPeriods (3) must not exceed window (2)");
});

Deno.test("forwardFill matches pandas ffill and reports what it filled", () => {
  const r = forwardFill(x);
  assertEquals([...r.values], nan(fixture.ffill));
  const expectedFilled = fixture.x.flatMap((v, i) => (v === null && fixture.ffill[i] !== null ? [i] : []));
  assertEquals(r.filled, expectedFilled);
  assertEquals(r.unfilled, [0]);
  assertEquals(forwardFill([]).values.length, 0);
  assertEquals(forwardFill([NaN, NaN]), {
    values: new Float64Array([NaN, NaN]),
    filled: [],
    unfilled: [0, 1],
  });
});
