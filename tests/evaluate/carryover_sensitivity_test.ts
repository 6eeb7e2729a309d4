import { assert, assertAlmostEquals, assertEquals } from "../assert.ts";
import { panelCarryoverSensitivity } from "../../lib/evaluate/carryover_sensitivity.ts";
import { designFromColumns } from "../../lib/features/design.ts";

/** A panel whose sales are exactly β·log(1 + adstock_g(spend, 0.5)/s) + geo level + γ·control. */
function panel() {
  const geos: string[] = [],
    spend: number[] = [],
    col: number[] = [],
    control: number[] = [],
    y: number[] = [];
  let s = 11;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const scale = 50, beta = 7, gamma = 2;
  for (let g = 0; g < 4; g++) {
    let carry = 0;
    for (let t = 0; t < 40; t++) {
      const x = rand() < 0.3 ? 0 : 100 * rand();
      carry = x + 0.5 * carry; // geometric adstock from zero in each geo's first week
      const c = Math.log(1 + carry / scale), z = rand();
      geos.push(`g${g}`);
      spend.push(x);
      col.push(c);
      control.push(z);
      y.push(1000 * g + beta * c + gamma * z);
    }
  }
  const design = designFromColumns(
    { tv: Float64Array.from(col), control: Float64Array.from(control) },
    false,
  );
  return { geos, spend: Float64Array.from(spend), col, design, y: Float64Array.from(y), scale, beta };
}

Deno.test("panelCarryoverSensitivity: at the design's θ the rebuilt column reproduces the fit, ROI = β Σ column / Σ spend", () => {
  const p = panel();
  const grid = [0, 0.25, 0.5, 0.75];
  const r = panelCarryoverSensitivity(p.design, p.y, p.geos, "tv", p.spend, p.scale, 0.5, grid, {
    min: 0.25,
    max: 0.5,
  });
  const expected = p.beta * p.col.reduce((a, b) => a + b, 0) / p.spend.reduce((a, b) => a + b, 0);
  assertAlmostEquals(r.chosenRoi, expected, 1e-9);
  assertAlmostEquals(r.roi[2], expected, 1e-9);
  // the wrong carryover gives another ROI, and the swing over [0.25, 0.5] spans it
  assert(Math.abs(r.roi[0] - expected) > 1e-3, `${r.roi[0]} vs ${expected}`);
  assertEquals(r.swing!.min, Math.min(r.roi[1], r.roi[2]));
  assertEquals(r.swing!.max, Math.max(r.roi[1], r.roi[2]));
});
