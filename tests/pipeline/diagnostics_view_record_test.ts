/** Notebook 06's out-of-sample record (lib/pipeline/diagnostics_view_record.ts), every branch. */
import { assertEquals } from "../assert.ts";
import { outOfSampleRecord, recordGates } from "../../lib/pipeline/diagnostics_view_record.ts";
import type { EvidenceGate } from "../../lib/evaluate/evidence_gate.ts";

const geoCv = (folds: number) => ({
  folds: new Array(folds).fill({}),
  mean: { r2: 0.9, withinR2: 0.5 },
  sd: { r2: 0.01, withinR2: 0.1 },
});

Deno.test("outOfSampleRecord: nothing when neither model was cross-validated", () => {
  assertEquals(
    outOfSampleRecord({ model: null, crossValidation: null }, {
      crossValidation: geoCv(0),
      inSample: { rsquared: 0.95, withinRsquared: 0.6 },
    }),
    [],
  );
});

Deno.test("outOfSampleRecord: the national R² row, then the panel's within-geo and levels rows", () => {
  const rows = outOfSampleRecord({
    model: "two-stage",
    crossValidation: { meanR2: 0.4, sdR2: 0.2, inSampleR2: 0.8, meanMape: 0.05, folds: [{}, {}] as never },
  }, { crossValidation: geoCv(5), inSample: { rsquared: 0.95, withinRsquared: 0.6 } });
  assertEquals(rows.map((r) => [r.model, r.metric, r.outOfSample, r.inSample, r.folds]), [
    ["national two-stage", "R²", 0.4, 0.8, 2],
    ["geo fixed effects", "within-geo R²", 0.5, 0.6, 5],
    ["geo fixed effects", "R² (levels)", 0.9, 0.95, 5],
  ]);
  assertEquals(rows[0].mape, 0.05);
  assertEquals(rows[1].mape, NaN);
  assertEquals(Object.keys(rows[0]), ["model", "metric", "outOfSample", "sd", "inSample", "mape", "folds"]);
  // only the national row when no panel fold was scored
  const national = outOfSampleRecord({
    model: "single-stage",
    crossValidation: { meanR2: 0.1, sdR2: 0, inSampleR2: 0.5, meanMape: NaN, folds: [] },
  }, { crossValidation: geoCv(0), inSample: { rsquared: 1, withinRsquared: 1 } });
  assertEquals(national.map((r) => r.model), ["national single-stage"]);
});

Deno.test("recordGates: the national gate only when cross-validated", () => {
  const g = { passed: true } as unknown as EvidenceGate;
  assertEquals(recordGates(null, g), { national: null, geo: g });
  assertEquals(recordGates({ gate: g }, g), { national: g, geo: g });
});
