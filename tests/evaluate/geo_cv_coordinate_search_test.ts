/**
 * coordinateSearch's tie rule ("a channel moves only to a strictly lower score; among equal lower scores the
 * first option wins"), on a small panel where one channel's options hold the same column twice, so they tie
 * exactly.
 */
import { assert, assertEquals } from "../assert.ts";
import { coordinateSearch } from "../../lib/evaluate/geo_cv_coordinate_search.ts";
import { GeoCvMoments } from "../../lib/evaluate/geo_cv_moments.ts";
import { panelTimeSeriesSplit } from "../../lib/evaluate/time_series_split.ts";

/** 4 geos × 40 weeks, rows by geo then date: y = geo level + 3 x + 2 w + small deterministic noise. */
function tiedPanel() {
  const G = 4, T = 40, n = G * T;
  const geoCodes = new Int32Array(n), dates: string[] = [];
  const x = new Float64Array(n),
    w = new Float64Array(n),
    other = new Float64Array(n),
    y = new Float64Array(n);
  for (let g = 0; g < G; g++) {
    for (let t = 0; t < T; t++) {
      const i = g * T + t;
      geoCodes[i] = g;
      dates.push(new Date(Date.UTC(2022, 0, 3 + 7 * t)).toISOString().slice(0, 10));
      x[i] = Math.sin(0.7 * t + g) + 0.3 * Math.cos(2.3 * t);
      w[i] = Math.cos(0.45 * t - g) + 0.2 * Math.sin(3.1 * t + g);
      other[i] = Math.sin(1.9 * t * t + 0.5 * g);
      y[i] = 10 * (g + 1) + 3 * x[i] + 2 * w[i] + 0.05 * Math.sin(5.3 * t * t + g);
    }
  }
  const cv = new GeoCvMoments({
    geoCodes,
    nGeos: G,
    folds: panelTimeSeriesSplit(dates, { nSplits: 3, minTrainSize: 16 }),
  });
  // channel 0: an unrelated column, then the true column x twice (the same values, so the same scores)
  const first = [cv.addColumn(other), cv.addColumn(x), cv.addColumn(Float64Array.from(x))];
  const second = [cv.addColumn(Float64Array.from(other, (v) => -v)), cv.addColumn(w)];
  cv.setOutcome(y);
  return { cv, options: [first, second] };
}

Deno.test("coordinateSearch: among equal lower scores the first option wins", () => {
  const { cv, options } = tiedPanel();
  const r = coordinateSearch(cv, [], options, [0, 0]);
  assert(r.converged, "converged");
  // the premise: the two copies of x tie exactly and beat the unrelated column
  assertEquals(r.profiles[0][1], r.profiles[0][2]);
  assert(r.profiles[0][1] < r.profiles[0][0], `profile ${Array.from(r.profiles[0])}`);
  assertEquals(Array.from(r.chosen), [1, 1]);
});

Deno.test("coordinateSearch: a channel at a tied best option stays there (it moves only to a strictly lower score)", () => {
  const { cv, options } = tiedPanel();
  const r = coordinateSearch(cv, [], options, [2, 1]);
  assertEquals(r.profiles[0][1], r.profiles[0][2]);
  assertEquals(Array.from(r.chosen), [2, 1]);
  assertEquals(r.passes, 1); // nothing moved, so the first pass confirmed the start
});
