/**
 * Cost of the national model comparison (`nationalComparison`, both stages: 4 models × 2 feature sets × the
 * pipeline's folds, inner-CV penalties, permutation importance, full-data forests and counterfactual effects)
 * on the bundled weekly data, after the national pipeline (not timed).
 *
 * Held to: under 10 s for both stages (issue #8). Measured 1.8 s (1.2–2.3 s) (Deno 2.9.6, one core of a machine shared
 * by ~8 processes).
 *
 * Run: `nice deno bench --allow-read bench/model_comparison_bench.ts`
 */
import { loadDataset, nationalPipeline } from "../lib/mod.ts";
import { nationalComparison } from "../lib/pipeline/national_comparison.ts";

const weekly = loadDataset(new URL("../data/mmm_weekly.csv", import.meta.url).pathname, { kind: "weekly" });
const national = await nationalPipeline(weekly, { reps: 99 });

Deno.bench("national model comparison, both stages, bundled weekly data", { n: 3, warmup: 0 }, () => {
  nationalComparison(weekly, national);
});
