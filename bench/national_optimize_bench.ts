/**
 * Cost of the national same-budget reallocation (`allocateNational`: the exact knapsack, the gain under
 * every replicate and the split re-optimized under every replicate) and of the forward plans
 * (`nationalForwardPlan`; `geoForwardPlan`: projected gradient ascent over 5 channels × 13 weeks on the
 * bundled 40-geo panel's spend, carryover from the end of the data, the gain under 199 replicate models).
 *
 * Held to (issue #8): the national optimizer under 200 ms, a forward plan under 2 s. Measured on one core
 * of a shared 2-core machine, Deno 2.9.6, while a report ran beside it: allocateNational 25 ms, the national
 * plan 0.6 ms, the geo plan 0.78 s (0.54 s with less contention).
 *
 * Run: `nice deno bench --allow-read bench/national_optimize_bench.ts`
 */
import type { MediaModel, ModelReplicates } from "../lib/decompose/mod.ts";
import {
  allocateNational,
  geoForwardPlan,
  type NationalChannelRates,
  nationalForwardPlan,
  type NationalResponseModel,
} from "../lib/optimize/mod.ts";
import { xoshiro128ss } from "../lib/stats/random.ts";
import { bundledGeo } from "./_panels.ts";

const next = xoshiro128ss(8);
const uniform = () => next() / 2 ** 32;
const REPS = 999, WEEKS = 104;

function rates(channel: string, kind: NationalChannelRates["kind"], roi: number, induced: number) {
  const weekly = Float64Array.from({ length: WEEKS }, () => 1000 + 9000 * uniform());
  const jitter = (v: number) => Float64Array.from({ length: REPS }, () => v * (0.5 + uniform()));
  return {
    channel,
    kind,
    weekly,
    spend: weekly.reduce((s, v) => s + v, 0),
    roi,
    directRoi: roi / 3,
    indirectRoi: (2 * roi) / 3,
    induced,
    longRun: roi * 1.1,
    longRunInduced: induced * 1.1,
    roiReplicates: jitter(roi),
    inducedReplicates: jitter(induced),
    longRunReplicates: jitter(roi * 1.1),
    longRunInducedReplicates: jitter(induced * 1.1),
  };
}

const national: NationalResponseModel = {
  kind: "two-stage",
  channels: [
    rates("facebook_spend", "social", 2.1, 0.7),
    rates("tiktok_spend", "social", 0.5, 0.15),
    rates("instagram_spend", "social", 0.1, 0.03),
    rates("snapchat_spend", "social", 1.2, 0.4),
    rates("google_spend", "search", 3.2, 0),
  ],
  replicates: REPS,
  level: 0.95,
  source: "bootstrap, transforms re-chosen",
  gate: null,
  dates: [],
  sentence: "",
};

const geo = bundledGeo();
const media = geo.roles.media;
const model: MediaModel = {
  channels: media.map((c, j) => ({
    name: c,
    column: c,
    coef: 50000 + 10000 * j,
    adstock: { type: "geometric" as const, theta: [0.3, 0.5, 0.7, 0.9, 0.6][j % 5] },
    saturation: { type: "log1p" as const, scale: 20000 },
  })),
};
const R = 199, C = media.length;
const replicates: ModelReplicates = {
  channels: media,
  replicates: R,
  theta: Float64Array.from({ length: R * C }, (_, i) => [0.3, 0.5, 0.7, 0.9, 0.6][(i % C) % 5]),
  scale: Float64Array.from({ length: R * C }, () => 20000 * (0.7 + 0.6 * uniform())),
  coef: Float64Array.from({ length: R * C }, (_, i) => (50000 + 10000 * (i % C)) * (0.7 + 0.6 * uniform())),
  level: 0.95,
  widening: 1,
};

Deno.bench("allocateNational: 5 channels, 999 replicates (target < 200 ms)", () => {
  allocateNational(national);
});
Deno.bench("nationalForwardPlan: 5 channels × 13 weeks, 999 replicates (target < 2 s)", () => {
  nationalForwardPlan(national);
});
Deno.bench("geoForwardPlan: 5 channels × 13 weeks, 40 geos, 199 replicates (target < 2 s)", () => {
  geoForwardPlan(model, geo, replicates);
});
