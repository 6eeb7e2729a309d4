import { assertEquals } from "../assert.ts";
import { compareEstimates } from "../../tools/golden.ts";
import type { TidyEstimate } from "../../lib/plot/estimates.ts";

const roi: TidyEstimate = {
  model: "geo",
  quantity: "roi",
  channel: "tv_spend",
  estimate: 1.25,
  lower: 0.5,
  upper: 2,
  level: 0.95,
  unit: "sales per unit of spend",
};
const contribution: TidyEstimate = {
  ...roi,
  quantity: "contribution",
  estimate: 4e6,
  lower: 1e6,
  upper: 7e6,
  unit: "sales",
};

Deno.test("golden: identical files and rounding-level differences match", () => {
  assertEquals(compareEstimates([roi, contribution], [roi, contribution]), []);
  // 1e-9 relative: far below the 1e-6 tolerance.
  assertEquals(compareEstimates([roi], [{ ...roi, estimate: 1.25 * (1 + 1e-9) }]), []);
});

Deno.test("golden: a change visible at four significant digits is reported, per field", () => {
  const d = compareEstimates([roi], [{ ...roi, upper: 2.001 }]);
  assertEquals(d.map((x) => [x.key, x.field, x.golden, x.actual]), [["geo roi tv_spend", "upper", 2, 2.001]]);
  // 2e-6 relative on a large contribution: beyond tolerance.
  assertEquals(compareEstimates([contribution], [{ ...contribution, estimate: 4e6 + 8 }]).length, 1);
});

Deno.test("golden: an interval that appears or vanishes, a new unit, and added or missing rows are reported", () => {
  assertEquals(compareEstimates([roi], [{ ...roi, lower: null }])[0].field, "lower");
  assertEquals(compareEstimates([roi], [{ ...roi, unit: "sales per dollar" }])[0].field, "unit");
  assertEquals(
    compareEstimates([roi], [roi, contribution]).map((x) => [x.key, x.golden]),
    [["geo contribution tv_spend", "missing"]],
  );
  assertEquals(compareEstimates([roi, contribution], [roi]).map((x) => [x.key, x.actual]), [[
    "geo contribution tv_spend",
    "missing",
  ]]);
});
