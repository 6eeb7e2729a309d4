/** Notebook 05's view module: the covariance labels every table of standard errors uses. */
import { assertEquals } from "../assert.ts";
import { COVARIANCE_LABELS } from "../../lib/pipeline/geo_view.ts";
import { COV_TYPES } from "../../lib/models/covariance.ts";

Deno.test("COVARIANCE_LABELS names every covariance type once, as SE headers", () => {
  assertEquals(Object.keys(COVARIANCE_LABELS).sort(), [...COV_TYPES].sort());
  assertEquals(
    [
      COVARIANCE_LABELS.nonrobust,
      COVARIANCE_LABELS.HC1,
      COVARIANCE_LABELS.cluster,
      COVARIANCE_LABELS["driscoll-kraay"],
    ],
    ["SE classical", "SE HC1", "SE clustered by geo", "SE Driscoll–Kraay"],
  );
  assertEquals(new Set(Object.values(COVARIANCE_LABELS)).size, COV_TYPES.length);
});
