/**
 * What each stage of the national transform search searches: the default direct-path social channels, the
 * folds a stage keeps, the regime indicators of the target, and the plan of both stages (problems, grids,
 * thinned carryover grids, anomalous weeks left out, notes), then the result assembled from the stages'
 * searches. Used by `weekly_transforms.ts`, which re-exports the public names.
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { type Anomaly, type AnomalyScreen, screenAnomalies } from "../features/anomalies.ts";
import { MIN_WEEKS_FOR_CV } from "../data/envelope.ts";
import { seasonalControls } from "../features/calendar.ts";
import { saturationScale, type SaturationSpec } from "../features/saturation.ts";
import type { SearchProblem, TransformGrid, TransformSearch } from "./search.ts";
import { oneStandardErrorSet } from "./search_profile.ts";
import { excludeRows, refitCandidate } from "./search_refit.ts";
import { type Fold, timeSeriesSplit } from "./time_series_split.ts";
import {
  DEFAULT_ALPHA_GRID,
  DEFAULT_MAX_CANDIDATES,
  DEFAULT_THETA_GRID,
  type GridNote,
  type NationalTransforms,
  type ResolvedWeeklySearchOptions,
  type StageSearch,
  type WeeklySearchOptions,
} from "./weekly_transforms_types.ts";

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

/** What one stage searches, before it is searched. */
export interface StagePlan {
  /** The stage's regression: outcome, fixed columns, channels and folds (anomalous weeks out of the folds). */
  readonly problem: SearchProblem;
  /** Per channel θ (thinned), saturation options and ridge penalties (α = 0 only in sample). */
  readonly grid: TransformGrid;
  /** The carryover grid of the stage's adstocked channels, after thinning. */
  readonly thetaGrid: readonly number[];
  /** Rows of the stage's fit and in-sample score (the outcome stage's kept rows); undefined for every row. */
  readonly rows?: readonly number[];
}

/** Both stages' plans and what they share; {@link finishSearch} turns it and the searches into the result. */
export interface SearchPlan {
  /** The model searched. */
  readonly model: "two-stage" | "single-stage";
  /** Cross-validation, or in sample below `MIN_WEEKS_FOR_CV` weeks. */
  readonly selection: "cross-validation" | "in-sample";
  /** The target's anomaly screen. */
  readonly anomalyScreen: AnomalyScreen;
  /** Regime indicators entered in the outcome stage (column name → 0/1 values). */
  readonly regimeControls: Readonly<Record<string, Float64Array>>;
  /** The options with defaults filled in. */
  readonly options: ResolvedWeeklySearchOptions;
  /** Anomalous outcome weeks left out of the outcome stage. */
  readonly anomalies: readonly Anomaly[];
  /** Row indices of the outcome stage: every week but the anomalous ones. */
  readonly keptRows: readonly number[];
  /** Seasonal controls entered in every stage (column name → values). */
  readonly seasonal: Readonly<Record<string, Float64Array>>;
  /** Hill scale (`saturationScale`) of each direct channel, in spend units. */
  readonly saturationScales: Readonly<Record<string, number>>;
  /** The mediator stage; null for the single-stage model. */
  readonly stage1: StagePlan | null;
  /** The outcome stage. */
  readonly stage2: StagePlan;
  /** Sentences about what the data forced (in-sample selection, thinned grids, folds left out). */
  readonly notes: readonly string[];
  /** The notes about a thinned carryover grid, by the stage whose grid was thinned (each also in `notes`). */
  readonly gridNotes: readonly GridNote[];
}

/**
 * Plans the national search of `weekly_transforms.ts`'s module doc: resolves the options, checks the roles the
 * model needs, chooses cross-validation or in-sample selection, screens the target for anomalous weeks and
 * regimes, and builds each stage's problem and grid (thinning a carryover grid above `maxCandidates`).
 *
 * @throws RangeError for a two-stage model without a mediator or social channels, or when no fold is left
 */
export function planSearch(
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
  const gridNotes: GridNote[] = [];
  if (selection === "in-sample") {
    notes.push(
      `With ${ds.n} weeks no time-series fold can train on a full year and leave two 13-week test folds ` +
        `(${MIN_WEEKS_FOR_CV} weeks are needed), so carryover and saturation are chosen in sample: each candidate ` +
        `is scored by the in-sample RMSE of its least-squares fit, and the choice has no out-of-sample check.`,
    );
  }
  const thinned = (stage: GridNote["stage"], adstocked: number, otherOptions: number): readonly number[] => {
    let grid = opts.thetaGrid;
    const size = (g: readonly number[]) => g.length ** adstocked * otherOptions * opts.alphaGrid.length;
    while (size(grid) > opts.maxCandidates && grid.length > 2) grid = grid.filter((_, i) => i % 2 === 0);
    if (grid !== opts.thetaGrid) {
      gridNotes.push({
        stage,
        sentence:
          `The ${stage} grid would have had ${
            size(opts.thetaGrid).toLocaleString("en-US")
          } candidates, more than ` +
          `the ${
            opts.maxCandidates.toLocaleString("en-US")
          } searched at most, so carryover was searched over ` +
          `θ ∈ {${grid.join(", ")}} instead of {${opts.thetaGrid.join(", ")}}.`,
      });
      notes.push(gridNotes[gridNotes.length - 1].sentence);
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
    gridNotes,
  };
}

/**
 * The search result from the plan and the stages' searches: each stage's one-standard-error set and its best
 * candidate refitted on the stage's rows.
 */
export function finishSearch(
  plan: SearchPlan,
  s1: TransformSearch | null,
  s2: TransformSearch,
): NationalTransforms {
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
    gridNotes: plan.gridNotes,
  };
}
