/**
 * Notebook 05's opening view: the panel paragraph, the modelled sentence, the notes list and the search's
 * results, on small constructed inputs covering each branch of the words.
 */
import { assertEquals } from "../assert.ts";
import {
  geoModelledResults,
  geoModelledSentence,
  geoPanelResults,
  geoPanelSentence,
  geoSearchResults,
  noteBullets,
  seasonalityWords,
  targetUnitWords,
} from "../../lib/pipeline/geo_view_panel.ts";
import type { GeoPipelineResult } from "../../lib/pipeline/geo_types.ts";

const panel = { rows: 1248, geos: 12, weeks: 104, target: "sales", targetUnit: "currency" as const };

Deno.test("geoPanelSentence: money or a count, with or without a truth, counts grouped", () => {
  assertEquals(
    geoPanelSentence(panel, "../data/mmm_geo.csv", true),
    "1,248 rows: 12 geos × 104 weeks from `../data/mmm_geo.csv`; the target is `sales` (money).\n" +
      "Ground truth available (bundled data): estimates are compared with it below.",
  );
  assertEquals(
    geoPanelSentence(
      { ...panel, rows: 12480, weeks: 1040, target: "conversions", targetUnit: "units" },
      "c.csv",
      false,
    ),
    "12,480 rows: 12 geos × 1,040 weeks from `c.csv`; the target is `conversions` (a count).\n" +
      "No ground truth for this file.",
  );
});

Deno.test("targetUnitWords and seasonalityWords name every case", () => {
  assertEquals([targetUnitWords("currency"), targetUnitWords("units")], ["money", "a count"]);
  assertEquals(
    [seasonalityWords("month_dummies"), seasonalityWords("fourier"), seasonalityWords("none")],
    ["a dummy per month", "one annual sine–cosine pair", "none"],
  );
});

Deno.test("geoModelledSentence names channels and controls by display name, 'none' without controls", () => {
  assertEquals(
    geoModelledSentence({
      identification: {
        channels: ["tv_spend", "search_spend + radio_spend"],
        controls: ["competitor_sales_control"],
      },
      plan: { seasonality: "month_dummies" },
    }),
    "Modelled channels: TV, Search + Radio. Controls: Competitor sales; seasonality: a dummy per month.",
  );
  assertEquals(
    geoModelledSentence({
      identification: { channels: ["tv_spend"], controls: [] },
      plan: { seasonality: "fourier" },
    }),
    "Modelled channels: TV. Controls: none; seasonality: one annual sine–cosine pair.",
  );
});

Deno.test("noteBullets: one '- ' line per note through the label, empty without notes", () => {
  assertEquals(noteBullets([]), "");
  assertEquals(noteBullets(["a tv_spend note", "two"], (n) => n.toUpperCase()), "- A TV_SPEND NOTE\n- TWO");
});

Deno.test("geoModelledResults keeps each dropped column's reason code, not its sentence", () => {
  const merged = [{ channel: "a + b", columns: ["a", "b"], sentence: "merged" }];
  const r = geoModelledResults({
    channels: ["a + b"],
    controls: ["c"],
    merged,
    dropped: [
      { column: "population", reason: "constant-within-geo", sentence: "left out" },
      { column: "d", reason: "duplicate", of: "a", factor: 2, sentence: "copies a" },
    ],
  });
  assertEquals(r, {
    channels: ["a + b"],
    controls: ["c"],
    merged,
    dropped: [{ column: "population", reason: "constant-within-geo" }, { column: "d", reason: "duplicate" }],
  });
});

Deno.test("geoPanelResults and geoSearchResults copy the fields notebook 05 publishes", () => {
  assertEquals(geoPanelResults({ ...panel, source: "x" } as typeof panel), panel);
  const transforms = {
    chosen: { tv_spend: { theta: 0.5, scale: 100 } },
    evaluated: 380,
    passes: 2,
    converged: true,
    nFolds: 4,
    rmse: 12,
    rmseSe: 1.5,
    thetaWithinOneSe: { tv_spend: { min: 0.3, max: 0.6 } },
    profiles: {},
  } as unknown as GeoPipelineResult["transforms"];
  const crossValidation = {
    mean: { r2: 0.8, withinR2: 0.3, rmse: 12 },
  } as GeoPipelineResult["crossValidation"];
  assertEquals(geoSearchResults({ transforms, crossValidation }), {
    chosen: { tv_spend: { theta: 0.5, scale: 100 } },
    evaluated: 380,
    passes: 2,
    converged: true,
    folds: 4,
    rmse: 12,
    rmseSe: 1.5,
    thetaWithinOneSe: { tv_spend: { min: 0.3, max: 0.6 } },
    cvR2: 0.8,
  });
});
