/**
 * A small synthetic two-stage world for the national optimizer tests: two social channels drive search spend
 * (stage 1), revenue responds to search and to the first social channel directly (stage 2). Fitted with the
 * library's own two-stage OLS and a short bootstrap, wrapped as the national pipeline's results would be.
 */
import { fitMediation, type MediationInputs } from "../../lib/models/mediation.ts";
import { bootstrapMediation } from "../../lib/models/mediation_bootstrap.ts";
import type { NationalModelSource } from "../../lib/optimize/mod.ts";
import { xoshiro128ss } from "../../lib/stats/random.ts";
import { geometricAdstock } from "../../lib/features/adstock.ts";
import { fitSingleStage } from "../../lib/pipeline/national_single_stage.ts";

export const N = 104;

export function dates(n = N): string[] {
  const start = Date.UTC(2023, 0, 2);
  return Array.from({ length: n }, (_, t) => new Date(start + t * 7 * 86400000).toISOString().slice(0, 10));
}

export function weeklyColumns(seed = 3): Record<string, Float64Array> {
  const next = xoshiro128ss(seed);
  const u = () => next() / 2 ** 32;
  const s1 = Float64Array.from({ length: N }, () => 1000 + 2000 * u());
  const s2 = Float64Array.from({ length: N }, (_, t) => (t % 5 === 0 ? 0 : 500 + 1500 * u()));
  const a1 = geometricAdstock(s1, 0.3), a2 = geometricAdstock(s2, 0.5);
  const m = Float64Array.from({ length: N }, (_, t) => 800 + 0.5 * a1[t] + 0.2 * a2[t] + 300 * u());
  const am = geometricAdstock(m, 0.4), d1 = geometricAdstock(s1, 0.2);
  const y = Float64Array.from({ length: N }, (_, t) => 5000 + 2 * am[t] + 0.3 * d1[t] + 400 * (u() - 0.5));
  return { fb: s1, tt: s2, google: m, revenue: y };
}

export function twoStageInputs(): MediationInputs {
  const columns = weeklyColumns();
  return {
    spec: {
      social: [{ column: "fb", theta: 0.3 }, { column: "tt", theta: 0.5 }],
      mediator: { column: "google", theta: 0.4 },
      directSocial: [{ column: "fb", theta: 0.2 }],
      direct: [],
      stage1Controls: [],
      stage2Controls: [],
    },
    columns,
    y: columns.revenue,
    yName: "revenue",
  };
}

const gate = {
  passed: true,
  reason: "passes",
  rule: "rule",
  checks: [],
  folds: 3,
  mean: 0.5,
  sd: 0.1,
  lowerBound: 0.3,
} as unknown as import("../../lib/evaluate/verdicts.ts").EvidenceGate;

export function twoStageSource(reps = 60): NationalModelSource {
  const inputs = twoStageInputs();
  const fit = fitMediation(inputs);
  const bootstrap = bootstrapMediation(inputs, { seed: 5, reps, blockLength: 4 });
  return {
    roles: { mediator: "google" },
    skipped: [],
    outcome: { crossValidation: { gate } },
    twoStage: { inputs, fit, bootstrap },
    singleStage: null,
  };
}

export function singleStageSource(): NationalModelSource {
  const columns = weeklyColumns();
  const inputs = {
    spec: {
      media: [{ column: "fb", theta: 0.3 }, { column: "google", theta: 0.4 }],
      direct: [],
      controls: [],
    },
    columns,
    y: columns.revenue,
    yName: "revenue",
  };
  const fit = fitSingleStage(inputs);
  return {
    roles: { mediator: "google" },
    skipped: [],
    outcome: { crossValidation: { gate } },
    twoStage: null,
    singleStage: { inputs, fit },
  };
}
