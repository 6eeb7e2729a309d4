/**
 * The transform choice for the national two-stage model, in one place so that the feature-engineering,
 * stage-1 and stage-2 notebooks use the same chosen carryovers and saturation:
 *
 * - stage 1 (mediator on social channels): geometric carryover θ per social channel, ridge α, November and
 *   December dummies as controls;
 * - stage 2 (outcome): carryover of the mediator and of the direct-path social channel(s), Hill saturation for
 *   the direct channels (half-saturation at 0.5, 1 or 1.5 × the median, shape 1 or 2, or none), ridge α, with
 *   price, promotion, other controls and the month dummies as controls;
 * - anomalous outcome weeks (`findAnomalies`) are left out of stage 2's training and scoring.
 *
 * Each candidate is scored by mean RMSE over time-series CV folds (`searchTransforms`). The grids are data
 * (options), not code.
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { type Anomaly, findAnomalies } from "../features/anomalies.ts";
import { monthDummies } from "../features/calendar.ts";
import type { SaturationSpec } from "../features/saturation.ts";
import { describe } from "../stats/describe.ts";
import type { MediationInputs, MediationSpec } from "../models/mediation.ts";
import { type SearchProblem, type SearchProgress, searchTransforms, type TransformSearch } from "./search.ts";
import { type OneStandardErrorSet, oneStandardErrorSet } from "./search_profile.ts";
import { excludeRows, type RefitCandidate, refitCandidate } from "./search_refit.ts";
import { timeSeriesSplit } from "./time_series_split.ts";

/** Grids and settings of the weekly transform search. */
export interface WeeklySearchOptions {
  readonly thetaGrid?: readonly number[];
  readonly alphaGrid?: readonly number[];
  readonly folds?: number;
  /** Robust z beyond which an outcome week is anomalous (default 5). */
  readonly anomalyThreshold?: number;
  /** Social channels with a direct path to the outcome (default: the social channel with the most spend). */
  readonly directSocial?: readonly string[];
  /** Hill half-saturation candidates as multiples of each direct channel's median (default 0.5, 1, 1.5). */
  readonly halfSaturationMultiples?: readonly number[];
  readonly hillShapes?: readonly number[];
}

/** One stage's search and what it chose. */
export interface StageSearch {
  readonly problem: SearchProblem;
  readonly search: TransformSearch;
  readonly oneStandardError: OneStandardErrorSet;
  /** The best candidate refitted on the stage's rows (in-sample fit). */
  readonly refit: RefitCandidate;
  readonly seconds: number;
}

/** Result of `searchWeeklyTransforms`. */
export interface WeeklyTransforms {
  readonly options: Required<Omit<WeeklySearchOptions, "directSocial">> & { directSocial: readonly string[] };
  readonly anomalies: readonly Anomaly[];
  /** Rows used by stage 2 (all but the anomalous weeks). */
  readonly keptRows: readonly number[];
  /** `november` and `december` dummies. */
  readonly holidayControls: Readonly<Record<string, Float64Array>>;
  readonly stage1: StageSearch;
  readonly stage2: StageSearch;
}

export const DEFAULT_THETA_GRID: readonly number[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
export const DEFAULT_ALPHA_GRID: readonly number[] = [0, 1, 10];

/**
 * Runs both searches on a weekly dataset (roles: mediator, social, direct, price, promotion, controls).
 *
 * @example
 * const t = searchWeeklyTransforms(weekly);
 * t.stage1.search.best.theta; // chosen carryover per social channel
 */
export function searchWeeklyTransforms(
  ds: Dataset,
  options: WeeklySearchOptions = {},
  onProgress?: (stage: 1 | 2, progress: SearchProgress) => void,
): WeeklyTransforms {
  const R = ds.roles;
  if (!R.mediator) {
    throw new RangeError(`${ds.source}: the two-stage model needs a mediator column (roles.mediator)`);
  }
  if (R.social.length === 0) {
    throw new RangeError(`${ds.source}: the two-stage model needs social channels (roles.social)`);
  }
  const col = (c: string) => ds.columns[c];
  const spend = (c: string) => col(c).reduce((a, b) => a + b, 0);
  const opts = {
    thetaGrid: options.thetaGrid ?? DEFAULT_THETA_GRID,
    alphaGrid: options.alphaGrid ?? DEFAULT_ALPHA_GRID,
    folds: options.folds ?? 5,
    anomalyThreshold: options.anomalyThreshold ?? 5,
    directSocial: options.directSocial ?? [[...R.social].sort((a, b) => spend(b) - spend(a))[0]],
    halfSaturationMultiples: options.halfSaturationMultiples ?? [0.5, 1, 1.5],
    hillShapes: options.hillShapes ?? [1, 2],
  };
  const months = monthDummies(ds.dates);
  const holidayControls = { november: months.month_11, december: months.month_12 };
  const folds = timeSeriesSplit(ds.n, { nSplits: opts.folds });

  const stage1Problem: SearchProblem = {
    y: col(R.mediator),
    fixed: holidayControls,
    channels: Object.fromEntries(R.social.map((c) => [c, col(c)])),
    folds,
  };
  let t = performance.now();
  const s1 = searchTransforms(stage1Problem, { theta: opts.thetaGrid, alpha: opts.alphaGrid }, {
    onProgress: onProgress && ((p) => onProgress(1, p)),
    progressEvery: 5000,
  });
  const stage1: StageSearch = {
    problem: stage1Problem,
    search: s1,
    oneStandardError: oneStandardErrorSet(s1),
    refit: refitCandidate(stage1Problem, s1.best),
    seconds: (performance.now() - t) / 1000,
  };

  const anomalies = findAnomalies(col(R.target), { threshold: opts.anomalyThreshold });
  const dropped = new Set(anomalies.map((a) => a.index));
  const keptRows = Array.from({ length: ds.n }, (_, i) => i).filter((i) => !dropped.has(i));
  const stage2Channels = [R.mediator, ...opts.directSocial, ...R.direct];
  const controls = [R.price, R.promotion, ...R.controls].filter((c): c is string => c !== undefined);
  const stage2Problem: SearchProblem = {
    y: col(R.target),
    fixed: { ...Object.fromEntries(controls.map((c) => [c, col(c)])), ...holidayControls },
    channels: Object.fromEntries(stage2Channels.map((c) => [c, col(c)])),
    folds: excludeRows(folds, [...dropped]),
  };
  const hill = (c: string): (SaturationSpec | null)[] => {
    const median = describe(col(c)).median;
    return [
      null,
      ...opts.halfSaturationMultiples.flatMap((m) =>
        opts.hillShapes.map((shape) => ({ type: "hill" as const, halfSaturation: m * median, shape }))
      ),
    ];
  };
  t = performance.now();
  const s2 = searchTransforms(
    stage2Problem,
    {
      theta: Object.fromEntries(stage2Channels.map((c) => [c, R.direct.includes(c) ? [0] : opts.thetaGrid])),
      saturation: Object.fromEntries(R.direct.map((c) => [c, hill(c)])),
      alpha: opts.alphaGrid,
    },
    { onProgress: onProgress && ((p) => onProgress(2, p)), progressEvery: 5000 },
  );
  const stage2: StageSearch = {
    problem: stage2Problem,
    search: s2,
    oneStandardError: oneStandardErrorSet(s2),
    refit: refitCandidate(stage2Problem, s2.best, { rows: keptRows }),
    seconds: (performance.now() - t) / 1000,
  };
  return { options: opts, anomalies, keptRows, holidayControls, stage1, stage2 };
}

/**
 * The two-stage model's inputs with the transforms a `searchWeeklyTransforms` run chose: stage-1 carryover per
 * social channel, the mediator's and direct-path carryover and the direct channels' saturation from stage 2,
 * November/December dummies as controls in both stages, anomalous weeks left out of the fit rows. The search
 * scores ridge fits; the model is fitted by OLS (the search picks α = 0 on the bundled data; a chosen α > 0 is
 * reported by the notebooks, not applied).
 *
 * @example
 * const fit = fitMediation(mediationInputsFromSearch(weekly, searchWeeklyTransforms(weekly)));
 */
export function mediationInputsFromSearch(ds: Dataset, t: WeeklyTransforms): MediationInputs {
  const R = ds.roles;
  const s1 = t.stage1.search.best, s2 = t.stage2.search.best;
  const holidays = Object.keys(t.holidayControls);
  const spec: MediationSpec = {
    social: R.social.map((column) => ({ column, theta: s1.theta[column] })),
    mediator: { column: R.mediator!, theta: s2.theta[R.mediator!] },
    directSocial: t.options.directSocial.map((column) => ({ column, theta: s2.theta[column] })),
    direct: R.direct.map((column) => ({
      column,
      theta: s2.theta[column] ?? 0,
      ...(s2.saturation[column] ? { saturation: s2.saturation[column]! } : {}),
    })),
    stage1Controls: holidays,
    stage2Controls: [...R.controls, ...holidays],
    ...(R.price ? { price: R.price } : {}),
    ...(R.promotion ? { promotion: R.promotion } : {}),
  };
  return {
    spec,
    columns: { ...ds.columns, ...t.holidayControls },
    y: ds.columns[R.target],
    rows: t.keptRows,
    yName: R.target,
  };
}
