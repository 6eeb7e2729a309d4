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

/** Weeks held out by default: one quarter, the horizon of a budget plan. */
export const HOLDOUT_WEEKS = 13;

/**
 * Fewest training weeks a holdout refit accepts: half a year. Below that the training window cannot hold one
 * of each season's half and the refit extrapolates the seasonal terms into the held-out quarter.
 */
export const MIN_HOLDOUT_TRAIN_WEEKS = 26;

/** Which weeks train and which are held out. */
export interface HoldoutPlan {
  readonly ok: boolean;
  /** Week indices (0-based, time order) of the training and held-out weeks. */
  readonly trainWeeks: number;
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

/** A target value counts as near zero below this share of the mean absolute target of the held-out weeks. */
export const NEAR_ZERO_SHARE = 0.01;

/** Scores of held-out predictions. */
export interface HoldoutScores {
  readonly n: number;
  readonly rmse: number;
  /** `1 − SSE / Σ (y − ȳ_test)²`; negative when worse than the test weeks' own mean. */
  readonly r2: number;
  /** Mean absolute percentage error, or WAPE `Σ|e| / Σ|y|` when any |y| is near zero (see `percentMetric`). */
  readonly percentError: number;
  readonly percentMetric: "MAPE" | "WAPE";
  /** Why WAPE replaced MAPE, or null. */
  readonly percentReason: string | null;
  readonly benchmarkRmse: number;
  /** `rmse / benchmarkRmse`: below 1 the model beats the naive benchmark. */
  readonly rmseRatio: number;
}

/**
 * Scores held-out predictions against the actual values and a benchmark forecast. MAPE `mean |e/y|` is
 * undefined at y = 0 and explodes near it (Hyndman & Koehler 2006, §3); when any |y| is below
 * `NEAR_ZERO_SHARE` (1%) of the mean |y| of the held-out values, WAPE `Σ|e| / Σ|y|` is reported instead, with
 * the reason.
 *
 * @example
 * ```ts
 * holdoutScores([10, 20], [11, 18], [12, 12]).rmseRatio; // √2.5 / √34 ≈ 0.271
 * ```
 */
export function holdoutScores(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  benchmark: ArrayLike<number>,
): HoldoutScores {
  const n = actual.length;
  if (n === 0) throw new RangeError("no held-out values to score");
  if (predicted.length !== n || benchmark.length !== n) {
    throw new RangeError(
      `${n} actual values, ${predicted.length} predictions, ${benchmark.length} benchmarks`,
    );
  }
  let mean = 0, meanAbs = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(actual[i]) || !Number.isFinite(predicted[i]) || !Number.isFinite(benchmark[i])) {
      throw new RangeError(`value ${i} is not finite`);
    }
    mean += actual[i] / n;
    meanAbs += Math.abs(actual[i]) / n;
  }
  let sse = 0, sst = 0, sseB = 0, absE = 0, absY = 0, ape = 0, nearZero = 0;
  for (let i = 0; i < n; i++) {
    const e = actual[i] - predicted[i];
    sse += e * e;
    sst += (actual[i] - mean) ** 2;
    sseB += (actual[i] - benchmark[i]) ** 2;
    absE += Math.abs(e);
    absY += Math.abs(actual[i]);
    if (Math.abs(actual[i]) <= NEAR_ZERO_SHARE * meanAbs) nearZero++;
    else ape += Math.abs(e / actual[i]);
  }
  const rmse = Math.sqrt(sse / n), benchmarkRmse = Math.sqrt(sseB / n);
  const wape = nearZero > 0;
  return {
    n,
    rmse,
    r2: sst > 0 ? 1 - sse / sst : NaN,
    percentError: wape ? (absY > 0 ? absE / absY : NaN) : ape / n,
    percentMetric: wape ? "WAPE" : "MAPE",
    percentReason: wape
      ? `${nearZero} of the ${n} held-out values are within ${
        NEAR_ZERO_SHARE * 100
      }% of zero (relative to the ` +
        `mean absolute value), where a percentage error is undefined or explodes, so the error is WAPE ` +
        `(total absolute error over total absolute value) instead of MAPE.`
      : null,
    benchmarkRmse,
    rmseRatio: benchmarkRmse > 0 ? rmse / benchmarkRmse : NaN,
  };
}

/** Seasonal period of weekly data for the seasonal naive benchmark. */
export const SEASONAL_PERIOD = 52;

/** A benchmark forecast of the held-out rows. */
export interface NaiveBenchmark {
  readonly kind: "seasonal naive" | "training mean";
  readonly values: Float64Array;
  readonly sentence: string;
}

/**
 * The naive benchmark of the held-out rows: `ŷ = y` of the same group 52 weeks earlier (seasonal naive) when
 * every held-out row has that week among the training rows, else the group's training mean.
 *
 * @param y outcome of every row
 * @param week week index of every row (0-based)
 * @param groups group of every row (geo; one group for a national series)
 * @param trainWeeks rows with `week < trainWeeks` train; the others are held out
 * @example
 * ```ts ignore
 * naiveBenchmark(y, weeks, geos, 143).kind; // "seasonal naive" with 156 weeks
 * ```
 */
export function naiveBenchmark(
  y: ArrayLike<number>,
  week: ArrayLike<number>,
  groups: readonly string[],
  trainWeeks: number,
): NaiveBenchmark {
  const byKey = new Map<string, number>();
  const sums = new Map<string, [number, number]>();
  for (let i = 0; i < y.length; i++) {
    if (week[i] >= trainWeeks) continue;
    byKey.set(`${groups[i]}\u0000${week[i]}`, y[i]);
    const s = sums.get(groups[i]) ?? [0, 0];
    sums.set(groups[i], [s[0] + y[i], s[1] + 1]);
  }
  const test: number[] = [];
  for (let i = 0; i < y.length; i++) if (week[i] >= trainWeeks) test.push(i);
  const seasonal = test.every((i) => byKey.has(`${groups[i]}\u0000${week[i] - SEASONAL_PERIOD}`));
  const values = Float64Array.from(test, (i) => {
    if (seasonal) return byKey.get(`${groups[i]}\u0000${week[i] - SEASONAL_PERIOD}`)!;
    const s = sums.get(groups[i]);
    if (!s) throw new RangeError(`group "${groups[i]}" has no training rows`);
    return s[0] / s[1];
  });
  const per = new Set(groups).size > 1 ? " of the same geo" : "";
  return {
    kind: seasonal ? "seasonal naive" : "training mean",
    values,
    sentence: seasonal
      ? `The benchmark is the seasonal naive forecast: each held-out week's value${per} 52 weeks earlier.`
      : `The benchmark is the training weeks' mean${per}: the training weeks do not reach back a year before ` +
        `every held-out week, so no seasonal naive forecast exists.`,
  };
}

/** A holdout backtest's predictions and scores. */
export interface HoldoutResult {
  readonly plan: HoldoutPlan;
  /** Rows (indices into the series or panel) of the held-out weeks, in order, and their predictions. */
  readonly testRows: Int32Array;
  readonly predicted: Float64Array;
  readonly actual: Float64Array;
  readonly benchmark: NaiveBenchmark;
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
