import { assert, assertEquals, assertThrows } from "../assert.ts";
import { mediationInputsFromSearch, searchWeeklyTransforms } from "../../lib/evaluate/weekly_transforms.ts";
import { fitMediation } from "../../lib/models/mediation.ts";
import { loadDataset } from "../../lib/data/mod.ts";

const weekly = loadDataset(new URL("../../data/mmm_weekly.csv", import.meta.url).pathname, {
  kind: "weekly",
});
const truth = JSON.parse(Deno.readTextFileSync(new URL("../../data/truth.json", import.meta.url)));

Deno.test("searchWeeklyTransforms searches both stages over the full grids and leaves anomalous weeks out of stage 2", () => {
  const t = searchWeeklyTransforms(weekly, { thetaGrid: [0, 0.3, 0.6], alphaGrid: [0, 1] });
  // stage 1: 3^4 θ combinations × 2 α; stage 2: 3 (google) × 3 (facebook) × 7 × 7 saturation options × 2 α
  assertEquals(t.stage1.search.total, 81 * 2);
  assertEquals(t.stage2.search.total, 3 * 3 * 7 * 7 * 2);
  assertEquals(t.options.directSocial, ["facebook_spend"]);
  // Both outliers recorded in the truth are among the anomalous weeks.
  const flagged = t.anomalies.map((a) => weekly.dates[a.index]);
  for (const o of truth.weekly.outliers) {
    assert(flagged.includes(o.week), `${o.week} not flagged (${flagged})`);
  }
  assertEquals(t.keptRows.length, weekly.n - t.anomalies.length);
  for (const f of t.stage2.problem.folds) {
    for (const a of t.anomalies) assert(!f.test.includes(a.index) && !f.train.includes(a.index));
  }
  assertEquals(t.stage2.refit.rows.length, t.keptRows.length);
});

Deno.test("searchWeeklyTransforms names a missing mediator role", () => {
  assertThrows(
    () => searchWeeklyTransforms({ ...weekly, roles: { ...weekly.roles, mediator: undefined } }),
    RangeError,
    "mediator",
  );
});

Deno.test("mediationInputsFromSearch carries the chosen transforms into the two-stage model", () => {
  const t = searchWeeklyTransforms(weekly, { thetaGrid: [0, 0.3, 0.6], alphaGrid: [0] });
  const inputs = mediationInputsFromSearch(weekly, t);
  for (const s of inputs.spec.social) assertEquals(s.theta, t.stage1.search.best.theta[s.column]);
  assertEquals(inputs.spec.mediator, {
    column: "google_spend",
    theta: t.stage2.search.best.theta.google_spend,
  });
  assertEquals(inputs.spec.directSocial.map((d) => d.column), ["facebook_spend"]);
  assertEquals(inputs.spec.stage1Controls, ["november", "december"]);
  assertEquals(Array.from(inputs.rows ?? []), t.keptRows);
  // The model fits, on the kept weeks only.
  const fit = fitMediation(inputs);
  assertEquals(fit.rows.length, t.keptRows.length);
  assert(fit.stage2.stats.rsquared > 0.5);
});
