/** Notebook 06's stability view (lib/pipeline/diagnostics_view_stability.ts) on constructed window estimates. */
import { assertEquals } from "../assert.ts";
import {
  stabilityRows,
  stabilitySentence,
  stabilityView,
} from "../../lib/pipeline/diagnostics_view_stability.ts";
import type { RollingCoefficients } from "../../lib/evaluate/rolling_stability.ts";
import type { StabilityVerdict } from "../../lib/evaluate/stability_verdict.ts";

const verdict = (term: string, label: StabilityVerdict["label"]): StabilityVerdict => ({
  term,
  windows: 2,
  misses: label === "stable" ? 0 : 2,
  shareContaining: label === "stable" ? 1 : 0,
  pValue: label === "stable" ? 1 : 0.0025,
  stable: label === "stable",
  outsideRange: null,
  windowMin: 0,
  windowMax: 0,
  label,
  sentence: "",
});
const rolling = (
  terms: readonly [string, StabilityVerdict["label"]][],
  start: number,
  skipped: RollingCoefficients["skipped"] = [],
): RollingCoefficients => ({
  windows: { start, step: 4, ends: [start, start + 4] },
  estimates: terms.flatMap(([t], k) => [
    { weeks: start, term: t, estimate: k + 0.5, lower: 0, upper: 9 },
    { weeks: start + 4, term: t, estimate: k + 2, lower: 0, upper: 9 },
  ]),
  full: Object.fromEntries(terms.map(([t], k) => [t, k + 1])),
  skipped,
  verdicts: terms.map(([t, l]) => verdict(t, l)),
});

Deno.test("stabilityRows: per verdict the full estimate, the windows' lowest and highest, and the label", () => {
  const rows = stabilityRows(
    rolling([["tv", "stable"], ["search", "drifts"]], 52),
    "geo",
    (t) => t.toUpperCase(),
  );
  assertEquals(rows.map((r) => [r.term, r.full, r.min, r.max, r.share, r.verdict]), [
    ["TV", 1, 0.5, 2, 1, "stable"],
    ["SEARCH", 2, 1.5, 3, 0, "drifts"],
  ]);
  assertEquals(Object.keys(rows[0]), [
    "model",
    "term",
    "full",
    "min",
    "max",
    "windows",
    "share",
    "pValue",
    "verdict",
  ]);
});

Deno.test("stabilitySentence: with and without a national model, with and without windows left out", () => {
  assertEquals(
    stabilitySentence(rolling([], 78), rolling([], 52)),
    "Windows start at 78 weeks nationally and 52 weeks on the panel.",
  );
  assertEquals(
    stabilitySentence(
      rolling([], 78, [{ weeks: 82, reason: "rank deficient" }]),
      rolling([], 52, [{ weeks: 56, reason: "singular" }, { weeks: 60, reason: "singular" }]),
    ),
    "Windows start at 78 weeks nationally and 52 weeks on the panel. Windows left out: national, 82 weeks: rank " +
      "deficient; geo, 56 weeks: singular; geo, 60 weeks: singular.",
  );
  assertEquals(stabilitySentence(null, rolling([], 52)), "Windows start at 52 weeks on the panel.");
});

Deno.test("stabilityView: national rows named by stage, the panel's by channel; the record", () => {
  const v = stabilityView(
    rolling([["stage 1: facebook_spend", "stable"]], 78),
    rolling([["tv_spend", "drifts"]], 52),
  );
  assertEquals(v.rows.map((r) => [r.model, r.term]), [["national", "Facebook (stage 1)"], ["geo", "TV"]]);
  assertEquals(v.results.windows, "expanding, every 4 weeks");
  assertEquals((v.results.geo as { start: number }).start, 52);
  assertEquals(v.results.rows, v.rows);
  const geoOnly = stabilityView(null, rolling([["tv_spend", "stable"]], 52));
  assertEquals(geoOnly.results.national, null);
  assertEquals(geoOnly.rows.length, 1);
});
