/**
 * The transform choice for the national models, in one place so that the feature-engineering, stage-1 and
 * stage-2 notebooks use the same chosen carryovers and saturation.
 *
 * **Two-stage model** ({@link searchWeeklyTransforms}, {@link searchNationalTransforms} with `"two-stage"`):
 * - stage 1 (mediator on social channels): geometric carryover θ per social channel, ridge α, the seasonal
 *   controls;
 * - stage 2 (outcome): carryover of the mediator and of the direct-path social channel(s), Hill saturation for
 *   the direct channels (half-saturation at 0.5, 1 or 1.5 × the channel's typical active level
 *   {@link saturationScale}, shape 1 or 2, or none), ridge α, with price, promotion, other controls and the
 *   seasonal controls;
 * - anomalous outcome weeks (`screenAnomalies`: isolated weeks only, never a regime) are left out of stage 2's
 *   training and scoring; a target with regimes (level shifts, two modes) gets regime indicators as controls
 *   in its stage ({@link regimeControls}).
 *
 * **Single-stage model** (`"single-stage"`, when there is no usable mediator or no social channel): one search
 * of the outcome on every media channel (the mediator if usable, the social channels, with carryover) and the
 * direct channels (Hill options), with the same controls.
 *
 * **Seasonal controls** default to {@link seasonalControls}: November and December dummies when each month is
 * seen in two years, otherwise one annual Fourier pair.
 *
 * **Folds.** scikit-learn's `TimeSeriesSplit` with `folds` splits (test blocks of ⌊n/(folds+1)⌋ weeks); a fold
 * is kept only when its training window has at least three more weeks than the stage has coefficients
 * (features + intercept), so that an unpenalized fit has residual degrees of freedom. On 104 weeks this keeps
 * all five folds of both stages.
 *
 * **Short series.** Below `MIN_WEEKS_FOR_CV` (78) weeks no fold can train on a full year and leave two 13-week
 * test folds, and the data envelope states that transforms are then chosen in sample: each candidate is scored
 * by the in-sample RMSE of the OLS fit ({@link inSampleSearch}), with no out-of-sample check.
 *
 * **Grid size.** A stage whose grid would exceed `maxCandidates` (default 1,000,000) has its carryover grid
 * thinned (every other value, first kept) until it fits; `notes` says so.
 *
 * Each candidate is scored by mean RMSE over time-series CV folds (`searchTransforms`). The grids are data
 * (options), not code. {@link searchNationalTransforms} is the asynchronous form for notebooks: it yields to
 * the event loop while it runs (`searchTransformsAsync`), so progress displays arrive during a long search.
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { type Anomaly, type AnomalyScreen, screenAnomalies } from "../features/anomalies.ts";
import { MIN_WEEKS_FOR_CV } from "../data/envelope.ts";
import { ModelError } from "../errors.ts";
import { geometricAdstock } from "../features/adstock.ts";
import { saturate } from "../features/saturation.ts";
import { qrLeastSquares } from "../linalg/qr.ts";
import { seasonalControls } from "../features/calendar.ts";
import { saturationScale, type SaturationSpec } from "../features/saturation.ts";
import type { MediationInputs, MediationSpec } from "../models/mediation.ts";
import {
  searchCandidate,
  type SearchProblem,
  type SearchProgress,
  searchTransforms,
  searchTransformsAsync,
  type TransformGrid,
  type TransformSearch,
} from "./search.ts";
import { type OneStandardErrorSet, oneStandardErrorSet } from "./search_profile.ts";
import { excludeRows, type RefitCandidate, refitCandidate } from "./search_refit.ts";
import { type Fold, timeSeriesSplit } from "./time_series_split.ts";

/** Grids and settings of the weekly transform search. */
export interface WeeklySearchOptions {
  readonly thetaGrid?: readonly number[];
  readonly alphaGrid?: readonly number[];
  readonly folds?: number;
  /** Robust z beyond which an outcome week is anomalous (default 5). */
  readonly anomalyThreshold?: number;
  /**
   * Social channels with a direct path to the outcome (default: the social channel with the most spend, when
   * there are at least two social channels; none with one, see {@link defaultDirectSocial}).
   */
  readonly directSocial?: readonly string[];
  /** Hill half-saturation candidates as multiples of each direct channel's {@link saturationScale} (0.5, 1, 1.5). */
  readonly halfSaturationMultiples?: readonly number[];
  readonly hillShapes?: readonly number[];
  /** Seasonal controls entered in every stage (default: `seasonalControls(ds.dates).columns`). */
  readonly seasonal?: Readonly<Record<string, Float64Array>>;
  /** Largest grid per stage before the carryover grid is thinned (default 1,000,000). */
  readonly maxCandidates?: number;
  /**
   * Regime indicators of the target (see {@link regimeControls}) entered in the target's stage (default true):
   * a step dummy from each level shift, or a high-mode indicator for a bimodal target.
   */
  readonly regimes?: boolean;
}

/** The options as used (defaults filled in). */
export interface ResolvedWeeklySearchOptions {
  readonly thetaGrid: readonly number[];
  readonly alphaGrid: readonly number[];
  readonly folds: number;
  readonly anomalyThreshold: number;
  readonly directSocial: readonly string[];
  readonly halfSaturationMultiples: readonly number[];
  readonly hillShapes: readonly number[];
  readonly maxCandidates: number;
}

/** One stage's search and what it chose. */
export interface StageSearch {
  readonly problem: SearchProblem;
  readonly search: TransformSearch;
  readonly oneStandardError: OneStandardErrorSet;
  /** The best candidate refitted on the stage's rows (in-sample fit). */
  readonly refit: RefitCandidate;
  /** The carryover grid searched (thinned from `thetaGrid` when the grid was too large). */
  readonly thetaGrid: readonly number[];
}

/** Result of {@link searchNationalTransforms}. */
export interface NationalTransforms {
  readonly model: "two-stage" | "single-stage";
  /**
   * How candidates were scored: by time-series cross-validation, or in sample when the series is shorter than
   * `MIN_WEEKS_FOR_CV` (78) weeks (see {@link inSampleSearch}).
   */
  readonly selection: "cross-validation" | "in-sample";
  /** The anomaly screen of the target (`screenAnomalies`): which weeks are left out and why. */
  readonly anomalyScreen: AnomalyScreen;
  /** Regime indicators of the target entered in its stage (empty for a target with one regime). */
  readonly regimeControls: Readonly<Record<string, Float64Array>>;
  readonly options: ResolvedWeeklySearchOptions;
  readonly anomalies: readonly Anomaly[];
  /** Rows used by the outcome stage (all but the anomalous weeks). */
  readonly keptRows: readonly number[];
  /** Seasonal controls entered in every stage. */
  readonly seasonalControls: Readonly<Record<string, Float64Array>>;
  /** Same object as `seasonalControls` (its former name, when it always held November/December dummies). */
  readonly holidayControls: Readonly<Record<string, Float64Array>>;
  /** Hill scale ({@link saturationScale}) of each direct channel. */
  readonly saturationScales: Readonly<Record<string, number>>;
  /** Stage 1 (mediator on social channels); null for the single-stage model. */
  readonly stage1: StageSearch | null;
  /** The outcome stage: stage 2 of the two-stage model, or the single-stage model. */
  readonly stage2: StageSearch;
  /** Plain sentences about choices the data forced (a thinned grid, folds dropped). */
  readonly notes: readonly string[];
}

/** Result of {@link searchWeeklyTransforms}: the two-stage search. */
export interface WeeklyTransforms extends NationalTransforms {
  readonly model: "two-stage";
  readonly stage1: StageSearch;
}

export const DEFAULT_THETA_GRID: readonly number[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
export const DEFAULT_ALPHA_GRID: readonly number[] = [0, 1, 10];
/** Default `maxCandidates`: about five seconds of search on one core. */
export const DEFAULT_MAX_CANDIDATES = 1_000_000;

/**
 * The default direct-path social channels: the social channel with the most spend, when there are at least
 * two; none with a single social channel. With one social channel the stage-1 prediction `M̂` is a rescaling of
 * that channel's own adstocked spend (plus controls), so its direct path and its path through the mediator are
 * the same regressor: only their sum, the total effect, is identified.
 *
 * @example
 * ```ts ignore
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(defaultDirectSocial(weekly), ["facebook_spend"], 1e-9);
 * ```
 */
export function defaultDirectSocial(ds: Dataset): string[] {
  const social = ds.roles.social;
  if (social.length < 2) return [];
  const spend = (c: string) => ds.columns[c].reduce((a, b) => a + b, 0);
  return [[...social].sort((a, b) => spend(b) - spend(a))[0]];
}

/**
 * Folds of a stage's search: `timeSeriesSplit(n, { nSplits })`, keeping only folds whose training window has
 * at least `coefficients + 3` weeks (see the module doc). Throws a `RangeError` when no fold is left.
 *
 * @example
 * ```ts
 * searchFolds(52, 5, 11).length; // 4: the first fold trains on 12 weeks, fewer than 11 + 3
 * ```
 */
export function searchFolds(n: number, nSplits: number, coefficients: number): Fold[] {
  const folds = timeSeriesSplit(n, { nSplits });
  const kept = folds.filter((f) => f.train.length >= coefficients + 3);
  if (kept.length === 0) {
    throw new RangeError(
      `${n} weeks are too few to cross-validate ${coefficients} coefficients: every fold trains on fewer than ` +
        `${coefficients + 3} weeks`,
    );
  }
  return kept;
}

/**
 * Runs both searches of the two-stage model synchronously (roles: mediator, social, direct, price, promotion,
 * controls). See {@link searchNationalTransforms} for the asynchronous form that also covers the single-stage
 * model.
 *
 * @throws RangeError without a mediator or social channels
 * @example
 * ```ts ignore
 * const t = searchWeeklyTransforms(weekly);
 * t.stage1.search.best.theta; // chosen carryover per social channel
 * ```
 */
export function searchWeeklyTransforms(
  ds: Dataset,
  options: WeeklySearchOptions = {},
  onProgress?: (stage: 1 | 2, progress: SearchProgress) => void,
): WeeklyTransforms {
  const plan = planSearch(ds, "two-stage", options);
  const run = (stage: 1 | 2, p: StagePlan) =>
    plan.selection === "in-sample"
      ? inSampleSearch(p.problem, p.grid, p.rows)
      : searchTransforms(p.problem, p.grid, {
        onProgress: onProgress && ((x) => onProgress(stage, x)),
        progressEvery: 5000,
      });
  return finish(plan, run(1, plan.stage1!), run(2, plan.stage2)) as WeeklyTransforms;
}

/**
 * The national transform search, asynchronous: the two-stage model's two searches, or the single-stage model's
 * one, each by `searchTransformsAsync` (the same results as `searchTransforms`, computed in batches with
 * `await onProgress(...)` and a yield to the event loop between them).
 *
 * @param ds the weekly dataset (its roles say which columns play which part)
 * @param model `"two-stage"` (needs a mediator and social channels) or `"single-stage"`
 * @param options grids and settings
 * @param onProgress awaited after each batch
 * @example
 * ```ts ignore
 * const t = await searchNationalTransforms(weekly, "two-stage", {}, (stage, p) => bar.update(`${p.done}/${p.total}`));
 * ```
 */
export async function searchNationalTransforms(
  ds: Dataset,
  model: "two-stage" | "single-stage",
  options: WeeklySearchOptions = {},
  onProgress?: (stage: 1 | 2, progress: SearchProgress) => void | Promise<void>,
): Promise<NationalTransforms> {
  const plan = planSearch(ds, model, options);
  const run = async (stage: 1 | 2, p: StagePlan) => {
    if (plan.selection === "cross-validation") {
      return await searchTransformsAsync(p.problem, p.grid, {
        onProgress: onProgress && ((x) => onProgress(stage, x)),
      });
    }
    const search = inSampleSearch(p.problem, p.grid, p.rows);
    await onProgress?.(stage, { done: search.total, total: search.total, best: search.best });
    return search;
  };
  const s1 = plan.stage1 ? await run(1, plan.stage1) : null;
  const s2 = await run(2, plan.stage2);
  return finish(plan, s1, s2);
}

interface StagePlan {
  readonly problem: SearchProblem;
  readonly grid: TransformGrid;
  readonly thetaGrid: readonly number[];
  readonly rows?: readonly number[];
}

interface SearchPlan {
  readonly model: "two-stage" | "single-stage";
  readonly selection: "cross-validation" | "in-sample";
  readonly anomalyScreen: AnomalyScreen;
  readonly regimeControls: Readonly<Record<string, Float64Array>>;
  readonly options: ResolvedWeeklySearchOptions;
  readonly anomalies: readonly Anomaly[];
  readonly keptRows: readonly number[];
  readonly seasonal: Readonly<Record<string, Float64Array>>;
  readonly saturationScales: Readonly<Record<string, number>>;
  readonly stage1: StagePlan | null;
  readonly stage2: StagePlan;
  readonly notes: readonly string[];
}

function planSearch(
  ds: Dataset,
  model: "two-stage" | "single-stage",
  options: WeeklySearchOptions,
): SearchPlan {
  const R = ds.roles;
  if (model === "two-stage") {
    if (!R.mediator) {
      throw new RangeError(`${ds.source}: the two-stage model needs a mediator column (roles.mediator)`);
    }
    if (R.social.length === 0) {
      throw new RangeError(`${ds.source}: the two-stage model needs social channels (roles.social)`);
    }
  }
  const col = (c: string) => ds.columns[c];
  const opts: ResolvedWeeklySearchOptions = {
    thetaGrid: options.thetaGrid ?? DEFAULT_THETA_GRID,
    alphaGrid: options.alphaGrid ?? DEFAULT_ALPHA_GRID,
    folds: options.folds ?? 5,
    anomalyThreshold: options.anomalyThreshold ?? 5,
    directSocial: model === "two-stage" ? options.directSocial ?? defaultDirectSocial(ds) : [],
    halfSaturationMultiples: options.halfSaturationMultiples ?? [0.5, 1, 1.5],
    hillShapes: options.hillShapes ?? [1, 2],
    maxCandidates: options.maxCandidates ?? DEFAULT_MAX_CANDIDATES,
  };
  const seasonal = options.seasonal ?? seasonalControls(ds.dates).columns;
  const selection = ds.n < MIN_WEEKS_FOR_CV ? "in-sample" as const : "cross-validation" as const;
  const notes: string[] = [];
  if (selection === "in-sample") {
    notes.push(
      `With ${ds.n} weeks no time-series fold can train on a full year and leave two 13-week test folds ` +
        `(${MIN_WEEKS_FOR_CV} weeks are needed), so carryover and saturation are chosen in sample: each candidate ` +
        `is scored by the in-sample RMSE of its least-squares fit, and the choice has no out-of-sample check.`,
    );
  }
  const thinned = (stage: string, adstocked: number, otherOptions: number): readonly number[] => {
    let grid = opts.thetaGrid;
    const size = (g: readonly number[]) => g.length ** adstocked * otherOptions * opts.alphaGrid.length;
    while (size(grid) > opts.maxCandidates && grid.length > 2) grid = grid.filter((_, i) => i % 2 === 0);
    if (grid !== opts.thetaGrid) {
      notes.push(
        `The ${stage} grid would have had ${
          size(opts.thetaGrid).toLocaleString("en-US")
        } candidates, more than ` +
          `the ${
            opts.maxCandidates.toLocaleString("en-US")
          } searched at most, so carryover was searched over ` +
          `θ ∈ {${grid.join(", ")}} instead of {${opts.thetaGrid.join(", ")}}.`,
      );
    }
    return grid;
  };
  const dropNote = (stage: string, nSplits: number, kept: number, coefficients: number) => {
    if (kept < nSplits && selection === "cross-validation") {
      notes.push(
        `${stage}: ${
          nSplits - kept
        } of ${nSplits} cross-validation folds were left out because they train on ` +
          `fewer than ${coefficients + 3} weeks (the stage's ${coefficients} coefficients plus three).`,
      );
    }
  };

  let stage1: StagePlan | null = null;
  if (model === "two-stage") {
    const k1 = R.social.length + Object.keys(seasonal).length + 1;
    const folds1 = selection === "in-sample" ? [] : searchFolds(ds.n, opts.folds, k1);
    dropNote("Stage 1", opts.folds, folds1.length, k1);
    const grid1 = thinned("stage-1", R.social.length, 1);
    stage1 = {
      problem: {
        y: col(R.mediator!),
        fixed: seasonal,
        channels: Object.fromEntries(R.social.map((c) => [c, col(c)])),
        folds: folds1,
      },
      grid: { theta: grid1, alpha: selection === "in-sample" ? [0] : opts.alphaGrid },
      thetaGrid: grid1,
    };
  }

  // weeks with the promotion on are not left out: the promotion regressor can explain their excess
  const anomalyScreen = screenAnomalies(col(R.target), {
    threshold: opts.anomalyThreshold,
    drivers: R.promotion ? { [R.promotion]: col(R.promotion) } : undefined,
    dates: ds.dates,
  });
  const anomalies = anomalyScreen.anomalies;
  const dropped = new Set(anomalies.map((a) => a.index));
  const regimes = options.regimes === false ? {} : regimeControls(anomalyScreen, ds.dates);
  const keptRows = Array.from({ length: ds.n }, (_, i) => i).filter((i) => !dropped.has(i));
  const media = model === "two-stage"
    ? [R.mediator!, ...opts.directSocial]
    : [...(R.mediator ? [R.mediator] : []), ...R.social];
  const channels2 = [...media, ...R.direct];
  const controls = [R.price, R.promotion, ...R.controls].filter((c): c is string => c !== undefined);
  const fixed2 = { ...Object.fromEntries(controls.map((c) => [c, col(c)])), ...seasonal, ...regimes };
  const k2 = channels2.length + Object.keys(fixed2).length + 1;
  const folds2 = selection === "in-sample" ? [] : searchFolds(ds.n, opts.folds, k2);
  const stageName = model === "two-stage" ? "Stage 2" : "The model";
  dropNote(stageName, opts.folds, folds2.length, k2);
  const saturationScales = Object.fromEntries(R.direct.map((c) => [c, saturationScale(col(c)).scale]));
  const hill = (c: string): (SaturationSpec | null)[] => [
    null,
    ...opts.halfSaturationMultiples.flatMap((m) =>
      opts.hillShapes.map((shape) => ({
        type: "hill" as const,
        halfSaturation: m * saturationScales[c],
        shape,
      }))
    ),
  ];
  const hillOptions = R.direct.reduce(
    (p) => p * (1 + opts.halfSaturationMultiples.length * opts.hillShapes.length),
    1,
  );
  const grid2 = thinned(model === "two-stage" ? "stage-2" : "model", media.length, hillOptions);
  const stage2: StagePlan = {
    problem: {
      y: col(R.target),
      fixed: fixed2,
      channels: Object.fromEntries(channels2.map((c) => [c, col(c)])),
      folds: excludeRows(folds2, [...dropped]),
    },
    grid: {
      theta: Object.fromEntries(channels2.map((c) => [c, R.direct.includes(c) ? [0] : grid2])),
      saturation: Object.fromEntries(R.direct.map((c) => [c, hill(c)])),
      alpha: selection === "in-sample" ? [0] : opts.alphaGrid,
    },
    thetaGrid: grid2,
    rows: keptRows,
  };
  return {
    model,
    selection,
    anomalyScreen,
    regimeControls: regimes,
    options: opts,
    anomalies,
    keptRows,
    seasonal,
    saturationScales,
    stage1,
    stage2,
    notes,
  };
}

function finish(plan: SearchPlan, s1: TransformSearch | null, s2: TransformSearch): NationalTransforms {
  const stage = (p: StagePlan, s: TransformSearch): StageSearch => ({
    problem: p.problem,
    search: s,
    oneStandardError: oneStandardErrorSet(s),
    refit: refitCandidate(p.problem, s.best, p.rows ? { rows: p.rows } : {}),
    thetaGrid: p.thetaGrid,
  });
  return {
    model: plan.model,
    selection: plan.selection,
    anomalyScreen: plan.anomalyScreen,
    regimeControls: plan.regimeControls,
    options: plan.options,
    anomalies: plan.anomalies,
    keptRows: plan.keptRows,
    seasonalControls: plan.seasonal,
    holidayControls: plan.seasonal,
    saturationScales: plan.saturationScales,
    stage1: plan.stage1 && s1 ? stage(plan.stage1, s1) : null,
    stage2: stage(plan.stage2, s2),
    notes: plan.notes,
  };
}

/**
 * The two-stage model's inputs with the transforms a two-stage search chose: stage-1 carryover per social
 * channel, the mediator's and direct-path carryover and the direct channels' saturation from stage 2, the
 * seasonal controls in both stages, anomalous weeks left out of the fit rows. The search scores ridge fits;
 * the model is fitted by OLS (the search picks α = 0 on the bundled data; a chosen α > 0 is reported by the
 * notebooks, not applied).
 *
 * @throws RangeError when `t` is a single-stage search
 * @example
 * ```ts ignore
 * const fit = fitMediation(mediationInputsFromSearch(weekly, searchWeeklyTransforms(weekly)));
 * ```
 */
export function mediationInputsFromSearch(ds: Dataset, t: NationalTransforms): MediationInputs {
  if (t.model !== "two-stage" || t.stage1 === null) {
    throw new RangeError("mediationInputsFromSearch needs a two-stage search (this one is single-stage)");
  }
  const R = ds.roles;
  const s1 = t.stage1.search.best, s2 = t.stage2.search.best;
  const seasonal = Object.keys(t.seasonalControls);
  const spec: MediationSpec = {
    social: R.social.map((column) => ({ column, theta: s1.theta[column] })),
    mediator: { column: R.mediator!, theta: s2.theta[R.mediator!] },
    directSocial: t.options.directSocial.map((column) => ({ column, theta: s2.theta[column] })),
    direct: R.direct.map((column) => ({
      column,
      theta: s2.theta[column] ?? 0,
      ...(s2.saturation[column] ? { saturation: s2.saturation[column]! } : {}),
    })),
    stage1Controls: seasonal,
    stage2Controls: [...R.controls, ...seasonal, ...Object.keys(t.regimeControls)],
    ...(R.price ? { price: R.price } : {}),
    ...(R.promotion ? { promotion: R.promotion } : {}),
  };
  return {
    spec,
    columns: { ...ds.columns, ...t.seasonalControls, ...t.regimeControls },
    y: ds.columns[R.target],
    rows: t.keptRows,
    yName: R.target,
  };
}

/**
 * Regime indicators for a target with regimes (the anomaly screen's `shape`, `describeTargetShape`), as the
 * shape's own reading advises: for level shifts a step dummy `level_from_<date>` (1 from that week on) per
 * changepoint, for a bimodal target `high_mode` (1 in high-mode weeks). A linear model of media without them
 * leaves the regimes in its residuals, and any channel whose spend shifts at the same time takes the
 * difference as its effect. Empty for a target with one regime.
 *
 * @example
 * ```ts ignore
 * Object.keys(regimeControls(screenAnomalies(revenue), weekly.dates)); // [] for the bundled data
 * ```
 */
export function regimeControls(
  screen: AnomalyScreen,
  dates: readonly string[],
): Record<string, Float64Array> {
  const shape = screen.shape;
  if (!shape) return {};
  const n = shape.n;
  if (shape.kind === "level shift") {
    return Object.fromEntries(
      shape.changepoints.map((
        c,
      ) => [`level_from_${dates[c]}`, Float64Array.from({ length: n }, (_, i) => (i >= c ? 1 : 0))]),
    );
  }
  if (shape.kind === "bimodal") {
    const high = shape.regimes.findIndex((r) => r.label === "high mode");
    return { high_mode: Float64Array.from(shape.regimeOf, (r) => (r === high ? 1 : 0)) };
  }
  return {};
}

/**
 * Scores every candidate of a grid in sample, for series too short to cross-validate: for each combination of
 * the channels' (θ, saturation) options, OLS of `y` on a constant, the transformed channels and the controls
 * over `rows` (default all), scored by its in-sample RMSE, R² and NRMSE (RMSE over the range of `y`). The
 * result has the shape of a `searchTransforms` table with one "fold" (the rows themselves) and a fold-to-fold
 * standard deviation of 0, so its one-standard-error set holds the best candidate and its exact ties only.
 * Every candidate has the same number of coefficients, so the smallest in-sample RMSE is also the best AIC or
 * BIC. A candidate whose design is rank deficient scores NaN. The ridge penalties of `grid` are ignored (the
 * smallest in-sample error is always at α = 0; the model is fitted by OLS).
 *
 * @throws ModelError when every candidate is rank deficient
 * @example
 * ```ts ignore
 * const s = inSampleSearch(problem, { theta: [0, 0.3, 0.6], alpha: [0] });
 * s.best.theta;
 * ```
 */
export function inSampleSearch(
  problem: SearchProblem,
  grid: TransformGrid,
  rows?: readonly number[],
): TransformSearch {
  const channels = Object.keys(problem.channels);
  const fixed = Object.keys(problem.fixed);
  const list = <T>(
    v: readonly T[] | Readonly<Record<string, readonly T[]>> | undefined,
    c: string,
    fallback: readonly T[],
  ) =>
    v === undefined
      ? fallback
      : Array.isArray(v)
      ? (v as readonly T[])
      : ((v as Record<string, readonly T[]>)[c] ?? fallback);
  const thetas = Object.fromEntries(channels.map((c) => [c, list(grid.theta, c, [0])]));
  const sats = Object.fromEntries(
    channels.map((c) => [c, list<SaturationSpec | null>(grid.saturation, c, [null])]),
  );
  const n = problem.y.length;
  const fit = Int32Array.from(rows ?? Array.from({ length: n }, (_, i) => i));
  const m = fit.length;
  const y = Float64Array.from(fit, (i) => problem.y[i]);
  let yMean = 0, yMin = Infinity, yMax = -Infinity;
  for (const v of y) {
    yMean += v / m;
    yMin = Math.min(yMin, v);
    yMax = Math.max(yMax, v);
  }
  let sst = 0;
  for (const v of y) sst += (v - yMean) ** 2;
  // every option of every channel, transformed once, on the fit rows
  const options = channels.map((c) =>
    thetas[c].flatMap((theta) => {
      const a = geometricAdstock(problem.channels[c], theta);
      return sats[c].map((spec, satIndex) => {
        const x = spec ? saturate(a, spec) : a;
        return { theta, satIndex, x: Float64Array.from(fit, (i) => x[i]) };
      });
    })
  );
  const radix = options.map((o) => o.length);
  const total = radix.reduce((a, b) => a * b, 1);
  const k = 1 + channels.length + fixed.length;
  const x = new Float64Array(m * k);
  for (let r = 0; r < m; r++) {
    x[r * k] = 1;
    fixed.forEach((name, j) => (x[r * k + 1 + channels.length + j] = problem.fixed[name][fit[r]]));
  }
  const names = ["const", ...channels, ...fixed];
  const theta = Object.fromEntries(channels.map((c) => [c, new Float64Array(total)]));
  const saturationIndex = Object.fromEntries(channels.map((c) => [c, new Int32Array(total)]));
  const rmse = new Float64Array(total), r2 = new Float64Array(total), nrmse = new Float64Array(total);
  let failed = 0, best = -1;
  const digits = new Int32Array(channels.length);
  for (let row = 0; row < total; row++) {
    let rest = row;
    for (let c = 0; c < channels.length; c++) {
      digits[c] = rest % radix[c];
      rest = Math.floor(rest / radix[c]);
      const o = options[c][digits[c]];
      theta[channels[c]][row] = o.theta;
      saturationIndex[channels[c]][row] = o.satIndex;
      for (let r = 0; r < m; r++) x[r * k + 1 + c] = o.x[r];
    }
    let ssr = NaN;
    if (m > k) {
      try {
        const ls = qrLeastSquares(x, y, m, k, names);
        ssr = 0;
        for (const e of ls.residuals) ssr += e * e;
      } catch (e) {
        if (!(e instanceof ModelError)) throw e;
      }
    }
    rmse[row] = Math.sqrt(ssr / m);
    r2[row] = 1 - ssr / sst;
    nrmse[row] = rmse[row] / (yMax - yMin);
    if (Number.isNaN(ssr)) failed++;
    else if (best < 0 || rmse[row] < rmse[best]) best = row;
  }
  if (best < 0) {
    throw new ModelError(
      `every one of the ${total} candidates has a rank-deficient design on the ${m} fit rows`,
    );
  }
  const table: Omit<TransformSearch, "best"> = {
    channels,
    fixed,
    nFolds: 1,
    total,
    theta,
    saturationIndex,
    saturationOptions: sats,
    alpha: new Float64Array(total),
    rmse,
    rmseSd: new Float64Array(total),
    r2,
    nrmse,
    foldRmse: rmse.slice(),
    foldR2: r2.slice(),
    failed,
    criterion: "rmse",
  };
  return { ...table, best: searchCandidate(table as TransformSearch, best) };
}
