import { assert, assertEquals } from "../assert.ts";
import { importanceSentence } from "../../lib/pipeline/national_importance_words.ts";
import type { NationalImportanceRow } from "../../lib/pipeline/national_outcome_types.ts";

const row = (driver: string, lower: number, upper: number, rank: number): NationalImportanceRow => ({
  driver,
  standardized: (lower + upper) / 2,
  lower,
  upper,
  permutation: 0.1,
  permutationSd: 0.01,
  forest: 0.2,
  rankStandardized: rank,
  rankPermutation: rank + 1,
  rankForest: rank + 2,
});

Deno.test("importanceSentence: the top driver's ranks, and every driver whose interval includes zero", () => {
  const s = importanceSentence(
    [row("a", 0.2, 0.6, 1), row("b", -0.1, 0.3, 2), row("c", NaN, NaN, 3)],
    (d) => d.toUpperCase(),
  );
  assert(
    s.includes(
      "the largest standardized effect is A, ranked 2 by in-sample permutation and 3 in the in-sample forest.",
    ),
    s,
  );
  assert(s.includes("includes zero for B: their rank is not established."), s);
  assert(!s.includes("C"), "a driver without an interval is not judged");
  const top = importanceSentence([row("a", -0.2, 0.6, 1)], (d) => d);
  assert(top.includes("forest, but its 95% interval includes zero."), top);
  assertEquals(importanceSentence([], (d) => d), "");
});

Deno.test("importanceSentence points to the out-of-sample ranking only when the comparison is shown", () => {
  const rows = [row("a", 0.2, 0.6, 1)];
  const shown = importanceSentence(rows, (d) => d, true);
  assert(shown.startsWith("**Read the out-of-sample ranking first** (the model comparison below"), shown);
  const none = importanceSentence(rows, (d) => d, false);
  assert(!none.includes("Read the out-of-sample ranking first"), none);
  assert(
    none.startsWith(
      "These in-sample rankings describe the fit (no out-of-sample ranking: the model comparison did not run): " +
        "the largest standardized effect is a,",
    ),
    none,
  );
  // not told: neither the pointer nor the claim that the comparison did not run
  const unknown = importanceSentence(rows, (d) => d);
  assert(
    unknown.startsWith("These in-sample rankings describe the fit: the largest standardized effect is a,"),
    unknown,
  );
  assert(!/comparison/.test(unknown), unknown);
});
