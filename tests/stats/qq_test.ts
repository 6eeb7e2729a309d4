import { assertArrayClose, assertRelClose, assertThrows } from "../assert.ts";
import { qqPoints } from "../../lib/stats/qq.ts";

const ref = JSON.parse(Deno.readTextFileSync(new URL("../fixtures/qq.json", import.meta.url)));

Deno.test("qqPoints agrees with scipy.stats.probplot (1e-10 relative)", () => {
  for (const c of ref.cases) {
    const q = qqPoints(c.x);
    assertArrayClose(q.theoretical, c.theoretical, 1e-10, 1e-12, `n=${c.x.length} theoretical`);
    assertArrayClose(q.ordered, c.ordered, 0, 0, "ordered");
    assertRelClose(q.slope, c.slope, 1e-10);
    assertRelClose(q.intercept, c.intercept, 1e-9, 1e-12);
    assertRelClose(q.r, c.r, 1e-10);
  }
});

Deno.test("qqPoints rejects short or non-finite input", () => {
  assertThrows(() => qqPoints([1]), RangeError, "at least 2");
  assertThrows(() => qqPoints([1, NaN]), RangeError, "x[1] is NaN");
});
