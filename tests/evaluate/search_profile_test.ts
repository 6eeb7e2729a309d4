import { assert, assertEquals, assertRelClose } from "../assert.ts";
import { searchTransforms } from "../../lib/evaluate/search.ts";
import { oneStandardErrorSet, profileCurve, profileGrid } from "../../lib/evaluate/search_profile.ts";
import { timeSeriesSplit } from "../../lib/evaluate/time_series_split.ts";
import { geometricAdstock } from "../../lib/features/adstock.ts";

function problem() {
  // y = 2·adstock(a, 0.6) + 1·adstock(b, 0.2) + noise, deterministic pseudo-noise.
  const n = 90;
  let s = 7;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const a = Float64Array.from({ length: n }, () => rand() * 10);
  const b = Float64Array.from({ length: n }, () => rand() * 10);
  const aa = geometricAdstock(a, 0.6), bb = geometricAdstock(b, 0.2);
  const y = Float64Array.from({ length: n }, (_, i) => 2 * aa[i] + bb[i] + (rand() - 0.5) * 2);
  return searchTransforms(
    { y, fixed: {}, channels: { a, b }, folds: timeSeriesSplit(n) },
    { theta: [0, 0.2, 0.4, 0.6, 0.8], alpha: [0, 1] },
  );
}

Deno.test("profileCurve is the best score at each θ over every other parameter (brute force)", () => {
  const search = problem();
  const curve = profileCurve(search, "a");
  assertEquals(curve.theta, [0, 0.2, 0.4, 0.6, 0.8]);
  curve.theta.forEach((t, i) => {
    let best = Infinity;
    for (let c = 0; c < search.total; c++) if (search.theta.a[c] === t) best = Math.min(best, search.rmse[c]);
    assertRelClose(curve.score[i], best, 0);
  });
  const r2 = profileCurve(search, "a", "r2");
  assert(
    r2.score.every((v, i) =>
      v >=
        search.r2.filter((_, c) => search.theta.a[c] === r2.theta[i]).reduce(
          (m, x) => Math.max(m, x),
          -Infinity,
        )
    ),
  );
});

Deno.test("profileGrid rows reduce to profileCurve, and its minimum is the search's best", () => {
  const search = problem();
  const grid = profileGrid(search, "a", "b");
  const curve = profileCurve(search, "a");
  const nb = grid.thetaB.length;
  grid.thetaA.forEach((_, i) =>
    assertEquals(Math.min(...grid.score.subarray(i * nb, (i + 1) * nb)), curve.score[i])
  );
  assertEquals(Math.min(...grid.score), search.best.rmse);
  const at = grid.thetaA.indexOf(search.best.theta.a) * nb + grid.thetaB.indexOf(search.best.theta.b);
  assertEquals(grid.score[at], search.best.rmse);
});

Deno.test("the search recovers the true carryovers, and the one-SE set contains the best", () => {
  const search = problem();
  assertEquals(search.best.theta, { a: 0.6, b: 0.2 });
  const set = oneStandardErrorSet(search);
  assertRelClose(set.threshold, search.best.rmse + search.best.rmseSd / Math.sqrt(5), 1e-15);
  assert(set.count >= 1);
  assert(set.theta.a.min <= 0.6 && set.theta.a.max >= 0.6);
  let count = 0;
  for (let c = 0; c < search.total; c++) if (search.rmse[c] <= set.threshold) count++;
  assertEquals(set.count, count);
});
