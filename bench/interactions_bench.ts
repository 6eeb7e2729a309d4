/**
 * Cost of the interaction tests and the promotion-frequency analysis on the bundled national data (104
 * weeks) after one pipeline run (the pipeline itself is not timed here).
 *
 * Held to: each under 2 s on 104 weeks, so a notebook adds them in a few cells. Measured (Deno 2.9.6,
 * shared 2-core machine under load): interactions (two terms alone and jointly, each with 4-fold CV that
 * refits stage 1) 37 ms per call (10–103 ms), frequency 8 ms (1–33 ms); the first, cold call in a script
 * 0.41 s and 0.07 s.
 *
 * Run: `deno bench --allow-read bench/interactions_bench.ts`
 */
import { loadDataset } from "../lib/data/load.ts";
import { interactionEffects } from "../lib/evaluate/interactions.ts";
import { promotionFrequency } from "../lib/evaluate/promotion_frequency.ts";
import { nationalPipeline } from "../lib/pipeline/national.ts";

const weekly = loadDataset(new URL("../data/mmm_weekly.csv", import.meta.url).pathname, { kind: "weekly" });
const national = await nationalPipeline(weekly, { reps: 99, importance: false });

Deno.bench("interactionEffects: promotion × price and email × promotion, alone and jointly, with CV", () => {
  interactionEffects(weekly, national);
});

Deno.bench("promotionFrequency: quarters, curvature term, CV", () => {
  promotionFrequency(weekly, national);
});
