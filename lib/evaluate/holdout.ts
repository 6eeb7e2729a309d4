/**
 * A holdout backtest: refit a model on every week but the last `h` (13 by default, a quarter) and predict
 * those `h` weeks, scored against a naive benchmark that needs no model.
 *
 * - {@link holdoutPlan}: which weeks train and which are held out, or the reason the data are too short.
 * - {@link holdoutScores}: RMSE, out-of-sample R² (around the test weeks' mean), MAPE, or WAPE when a test
 *   week's target is near zero, and the ratio of the model's RMSE to the benchmark's.
 * - {@link naiveBenchmark}: the seasonal naive forecast `ŷ_t = y_{t−52}` when every held-out week has its
 *   week of the previous year among the training weeks, otherwise the training mean (per geo on a panel).
 * - {@link mediationHoldout}, {@link linearHoldout}, {@link panelHoldout}: the two-stage model (both stages
 *   refitted on the training weeks; the training stage 1's prediction `M̂` feeds stage 2), a plain linear
 *   design, and the fixed-effects panel.
 *
 * The transforms (carryover θ, saturation) are those chosen on the full sample and held fixed: the columns are
 * computed once over the whole series (adstock looks back only) and only the coefficients are refitted. The
 * held-out weeks' outcome never enters a fit, but they did enter the transform choice; the coverage study
 * (`deno task validate`) runs the holdout with the transforms re-chosen on the training weeks.
 *
 * References: Hyndman & Athanasopoulos, "Forecasting: Principles and Practice" (3rd ed.), §5.8 (train/test
 * split), §5.2 (seasonal naive benchmark), §5.8 (scaled errors: compare with a naive forecast); Hyndman &
 * Koehler (2006), "Another look at measures of forecast accuracy" (MAPE undefined near zero; WAPE).
 *
 * @module
 */
import type { Design } from "../features/design.ts";
import { takeDesignRows } from "../features/design.ts";
import { fitOls } from "../models/ols.ts";
import { fitStages, mediationData, type MediationInputs, stage2Design } from "../models/mediation.ts";
import { crossValidatePanel } from "./panel_cv.ts";
import { type HoldoutScores, holdoutScores, type NaiveBenchmark, naiveBenchmark } from "./holdout_scores.ts";

export type { HoldoutScores, NaiveBenchmark } from "./holdout_scores.ts";
export { holdoutScores, naiveBenchmark, NEAR_ZERO_SHARE, SEASONAL_PERIOD } from "./holdout_scores.ts";

/** Weeks held out by default: one quarter, the horizon of a budget plan. */
export const HOLDOUT_WEEKS = 13;

/**
 * Fewest training weeks a holdout refit accepts: half a year. Below that the training window cannot hold one
 * of each season's half and the refit extrapolates the seasonal terms into the held-out quarter.
 */
export const MIN_HOLDOUT_TRAIN_WEEKS = 26;

/** Which weeks train and which are held out. */
export interface HoldoutPlan {
  /** Whether enough weeks remain to train on; when false, `reason` says why and no refit is run. */
  readonly ok: boolean;
  /** Number of training weeks: weeks 0 … trainWeeks − 1 (time order) train (0 at least when refused). */
  readonly trainWeeks: number;
  /** Number of held-out weeks: the last `testWeeks` weeks of the series. */
  readonly testWeeks: number;
  /** Why the holdout is refused (`ok` false), else null. */
  readonly reason: string | null;
}

/**
 * The holdout split of `weeks` weeks: the last `testWeeks` held out. Refused (with the reason) when fewer than
 * `max(MIN_HOLDOUT_TRAIN_WEEKS, 2 × coefficients)` weeks would remain to train on (two weeks per coefficient,
 * the cross-validation rule, keeps a least-squares fit from interpolating).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(holdoutPlan(52, 12), { ok: true, trainWeeks: 39, testWeeks: 13, reason: null }, 1e-9);
 * holdoutPlan(30, 12).reason; // "... 17 training weeks ..."
 * ```
 */
export function holdoutPlan(weeks: number, coefficients: number, testWeeks = HOLDOUT_WEEKS): HoldoutPlan {
  if (!(Number.isInteger(weeks) && weeks >= 0)) {
    throw new RangeError(`weeks must be a whole number, got ${weeks}`);
  }
  if (!(Number.isInteger(testWeeks) && testWeeks >= 1)) {
    throw new RangeError(`testWeeks must be a whole number >= 1, got ${testWeeks}`);
  }
  const need = Math.max(MIN_HOLDOUT_TRAIN_WEEKS, 2 * coefficients);
  const train = weeks - testWeeks;
  if (train < need) {
    return {
      ok: false,
      trainWeeks: Math.max(0, train),
      testWeeks,
      reason:
        `A ${testWeeks}-week holdout would leave ${
          Math.max(0, train)
        } training weeks of ${weeks}; the refit ` +
        `needs at least ${need} (${MIN_HOLDOUT_TRAIN_WEEKS} weeks, half a year, and two weeks per coefficient for ` +
        `${coefficients} coefficients).`,
    };
  }
  return { ok: true, trainWeeks: train, testWeeks, reason: null };
}

/** A holdout backtest's predictions and scores. */
export interface HoldoutResult {
  /** The split the refit used (`ok` true). */
  readonly plan: HoldoutPlan;
  /** Rows (indices into the series or panel) of the held-out weeks that were scored, in order. */
  readonly testRows: Int32Array;
  /** The refitted model's prediction of each row of `testRows`. */
  readonly predicted: Float64Array;
  /** The outcome at each row of `testRows`. */
  readonly actual: Float64Array;
  /** The naive benchmark, its values aligned to `testRows`. */
  readonly benchmark: NaiveBenchmark;
  /** The predictions scored against `actual` and the benchmark. */
  readonly scores: HoldoutScores;
}

function finish(
  plan: HoldoutPlan,
  y: Float64Array,
  week: ArrayLike<number>,
  groups: readonly string[],
  testRows: Int32Array,
  predicted: Float64Array,
): HoldoutResult {
  const actual = Float64Array.from(testRows, (i) => y[i]);
  // the benchmark is computed over every row of the series, then aligned to the scored rows
  const benchmark = naiveBenchmark(y, week, groups, plan.trainWeeks);
  const allTest: number[] = [];
  for (let i = 0; i < y.length; i++) if (week[i] >= plan.trainWeeks) allTest.push(i);
  const pos = new Map(allTest.map((i, j) => [i, j]));
  const bench = Float64Array.from(testRows, (i) => benchmark.values[pos.get(i)!]);
  return {
    plan,
    testRows,
    predicted,
    actual,
    benchmark: { ...benchmark, values: bench },
    scores: holdoutScores(actual, predicted, bench),
  };
}

/** The two-stage model's holdout, with the alternative where the mediator itself is not known. */
export interface MediationHoldout extends HoldoutResult {
  /**
   * Predictions with the mediator residual term at zero: the mediator entirely predicted by stage 1 from social
   * spend (as when Google spend is not planned but follows social spend), and their scores.
   */
  readonly predictedFromSocial: Float64Array;
  /** `predictedFromSocial` scored against the same actual values and benchmark. */
  readonly scoresFromSocial: HoldoutScores;
}

/**
 * Holdout of the two-stage model: stage 1 and stage 2 refitted on the training weeks of `inputs.rows`; for
 * each held-out week stage 2 gets the training stage 1's `M̂_t = x₁,t' â` and the residual `û_t = M_t − M̂_t`
 * of the recorded mediator (a planned input), as in `crossValidateMediation`; `predictedFromSocial` sets
 * `û = 0`. Weeks outside `inputs.rows` (anomalous weeks) are neither trained on nor scored.
 *
 * @example
 * ```ts ignore
 * const h = mediationHoldout(national.twoStage.inputs);
 * h.scores.percentError; h.scoresFromSocial.rmse;
 * ```
 */
export function mediationHoldout(
  inputs: MediationInputs,
  testWeeks = HOLDOUT_WEEKS,
): MediationHoldout | HoldoutPlan {
  const data = mediationData(inputs);
  const k = Math.max(data.stage1Terms.length, data.stage2Terms.length);
  const plan = holdoutPlan(data.n, k, testWeeks);
  if (!plan.ok) return plan;
  const train = Int32Array.from(Array.from(data.rows).filter((i) => i < plan.trainWeeks));
  const test = Int32Array.from(Array.from(data.rows).filter((i) => i >= plan.trainWeeks));
  const coef = fitStages(data, train);
  const design = stage2Design(data, coef.stage1, test);
  const k2 = design.k;
  const predicted = new Float64Array(test.length), fromSocial = new Float64Array(test.length);
  for (let t = 0; t < test.length; t++) {
    let s = 0;
    for (let j = 0; j < k2; j++) s += design.x[t * k2 + j] * coef.stage2[j];
    predicted[t] = s;
    fromSocial[t] = s - design.x[t * k2 + 2] * coef.stage2[2]; // term 2 is the adstocked mediator residual
  }
  const week = Int32Array.from({ length: data.n }, (_, i) => i);
  const groups = new Array<string>(data.n).fill("all");
  const result = finish(plan, data.y, week, groups, test, predicted);
  return {
    ...result,
    predictedFromSocial: fromSocial,
    scoresFromSocial: holdoutScores(result.actual, fromSocial, result.benchmark.values),
  };
}

/**
 * Holdout of a linear model on a fixed design (the single-stage national model): OLS on the training weeks,
 * predictions `x_t' β̂` for the held-out ones.
 *
 * @param design the fitted design's rows (one per entry of `rows`)
 * @param y outcome of every week of the series
 * @param rows week index of each design row (ascending)
 * @param weeks weeks in the series
 * @example
 * ```ts ignore
 * linearHoldout(national.outcome.design, y, national.outcome.rows, national.weeks);
 * ```
 */
export function linearHoldout(
  design: Design,
  y: Float64Array,
  rows: Int32Array,
  weeks: number,
  testWeeks = HOLDOUT_WEEKS,
): HoldoutResult | HoldoutPlan {
  const plan = holdoutPlan(weeks, design.k, testWeeks);
  if (!plan.ok) return plan;
  const trainPos: number[] = [], testPos: number[] = [];
  rows.forEach((w, p) => (w < plan.trainWeeks ? trainPos : testPos).push(p));
  const fit = fitOls(takeDesignRows(design, trainPos), Float64Array.from(trainPos, (p) => y[rows[p]]));
  const testDesign = takeDesignRows(design, testPos);
  const predicted = new Float64Array(testPos.length);
  for (let t = 0; t < testPos.length; t++) {
    let s = 0;
    for (let j = 0; j < design.k; j++) s += testDesign.x[t * design.k + j] * fit.coef[j];
    predicted[t] = s;
  }
  const week = Int32Array.from({ length: weeks }, (_, i) => i);
  return finish(
    plan,
    y,
    week,
    new Array<string>(weeks).fill("all"),
    Int32Array.from(testPos, (p) => rows[p]),
    predicted,
  );
}

/** The panel holdout, with the within-geo R² (around each geo's training mean). */
export interface PanelHoldout extends HoldoutResult {
  /**
   * `1 − SSE / Σ (y − ȳ_g,train)²` over the held-out rows: variation around each geo's training mean
   * explained.
   */
  readonly withinR2: number;
}

/**
 * Holdout of the fixed-effects panel model: `crossValidatePanel` with one fold, training on every geo's first
 * weeks and predicting every geo's last `testWeeks` weeks (each geo's effect from its training weeks).
 *
 * @param design regressors of every row (no intercept, no geo dummies)
 * @param dates ISO date of every row
 * @example
 * ```ts ignore
 * panelHoldout(geo.model.design, y, geo.dataset.geos, geo.dataset.dates).scores.r2;
 * ```
 */
export function panelHoldout(
  design: Design,
  y: Float64Array,
  groups: readonly string[],
  dates: readonly string[],
  testWeeks = HOLDOUT_WEEKS,
): PanelHoldout | HoldoutPlan {
  const distinct = [...new Set(dates)].sort();
  const weekOf = new Map(distinct.map((d, i) => [d, i]));
  const week = Int32Array.from(dates, (d) => weekOf.get(d)!);
  const plan = holdoutPlan(distinct.length, design.k, testWeeks);
  if (!plan.ok) return plan;
  const train: number[] = [], test: number[] = [];
  week.forEach((w, i) => (w < plan.trainWeeks ? train : test).push(i));
  const cv = crossValidatePanel(design, y, groups, [{
    train: Int32Array.from(train),
    test: Int32Array.from(test),
  }]);
  const testRows = Int32Array.from(test);
  const predicted = Float64Array.from(test, (i) => cv.predictions[i]);
  return { ...finish(plan, y, week, groups, testRows, predicted), withinR2: cv.folds[0].withinR2 };
}

/** Whether a holdout ran (a result) or was refused (a plan with its reason). */
export function isHoldoutResult<T extends HoldoutResult>(h: T | HoldoutPlan): h is T {
  return "scores" in h;
}
