/**
 * The geo pipeline's transform stage: the plan's folds and the options' grids reach the search, progress is
 * awaited, the search context is handed on, and the sentence counts what the definitions say.
 */
import { assert, assertEquals } from "../assert.ts";
import type { GeoSearchContext } from "../../lib/evaluate/geo_transforms.ts";
import { checkGeoPanel } from "../../lib/pipeline/geo_check.ts";
import { chooseGeoTransforms, gridEdgeSentence, searchSentence } from "../../lib/pipeline/geo_search.ts";
import { panel } from "./_geo_panel.ts";

Deno.test("chooseGeoTransforms searches the given grids on the plan's folds and hands on its context", async () => {
  const setup = checkGeoPanel(panel({ geos: 6, weeks: 104 }), 3);
  let context: GeoSearchContext | undefined;
  const lines: string[] = [];
  const options = { seed: 1, thetaGrid: [0, 0.5], scaleMultiples: [1, 2], yieldEveryMs: 0 };
  const t = await chooseGeoTransforms(setup, options, (s) => {
    lines.push(s);
  }, (c) => (context = c));
  assertEquals(t.options.thetaGrid, [0, 0.5]);
  assertEquals(t.options.scaleMultiples, [1, 2]);
  // at most the folds wanted (fewer when the weeks do not allow them)
  assert(t.nFolds >= 1 && t.nFolds <= setup.plan.folds, `${t.nFolds} folds`);
  assertEquals(Object.keys(t.chosen), setup.identification.channels);
  assertEquals(context?.channels, setup.identification.channels);
  assert(
    lines.length > 0 && lines.every((l) => l.startsWith("Choosing carryover θ and saturation scale")),
    lines[0],
  );

  const s = searchSentence(t, setup.identification);
  // 2 θ × (the raw scale and 2 multiples of mean spend) = 6 pairs per channel; 6³ = 216 for three channels
  assert(s.startsWith("Carryover θ ∈ {0, 0.5} and the log scale s"), s);
  assert(s.includes("and 1, 2 × mean spend"), s);
  assert(s.includes("(6 pairs per channel)"), s);
  assert(s.includes(`${t.evaluated.toLocaleString("en-US")} candidates scored by ${t.nFolds}-fold`), s);
  assert(s.endsWith("against 220 for the full product of 3 channels."), s); // 216 to two significant digits
});

Deno.test("gridEdgeSentence: names channels at an edge of the grid, and nothing when none is", () => {
  const options = { thetaGrid: [0, 0.3, 0.6, 0.9], scaleMultiples: [0.1, 1, 4.5], rawScale: true };
  const pick = (theta: number, scaleMultiple: number, raw = false) => ({
    theta,
    scale: 1,
    scaleMultiple,
    raw,
  });
  const name = (c: string) => c.toUpperCase();
  // interior choices: no sentence
  assertEquals(
    gridEdgeSentence({ options, chosen: { tv: pick(0.3, 1), radio: pick(0.6, 0.1) } }, {
      channels: ["tv", "radio"],
    }, name),
    null,
  );
  // θ at the top and the scale at the largest multiple, on two channels: plural words
  assertEquals(
    gridEdgeSentence({ options, chosen: { tv: pick(0.9, 1), radio: pick(0, 4.5) } }, {
      channels: ["tv", "radio"],
    }, name),
    "At an edge of the searched grid: TV (θ = 0.9, the longest carryover searched) and RADIO (s = 4.5× mean " +
      "spend, the most nearly linear response searched). The best value may lie beyond the grid, which the " +
      "bootstrap (re-choosing within it) cannot show, so read these channels' returns with more caution than " +
      "their intervals suggest.",
  );
  // the raw scale (s = 1 spend unit) is the most curved edge; θ = 0 is not an edge (no carryover is a value)
  assert(
    gridEdgeSentence({ options, chosen: { tv: pick(0, 1, true) } }, { channels: ["tv"] }, name)!
      .startsWith(
        "At an edge of the searched grid: TV (s = 1 spend unit, the most curved response searched).",
      ),
  );
});
