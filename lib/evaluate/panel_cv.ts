/**
 * Time-series cross-validation of a fixed-effects panel regression, with a within-geo R².
 *
 * On a panel, ordinary R² is dominated by level differences between geos, which the geo effects absorb
 * trivially; it says little about whether the model tracks each geo over time. The within-geo R² measures
 * that: `R²_within = 1 − Σ (y − ŷ)² / Σ (y − ȳ_g,train)²`, the share of each geo's variation around its own
 * training-period mean that the predictions explain, on test weeks the model never saw.
 *
 * @module
 */
import { type Design, selectDesignColumns } from "../features/design.ts";
import { fitFixedEffects, predictFixedEffects } from "../models/fixed_effects.ts";
import { r2, rmse } from "./metrics.ts";
import { takeDesignRows } from "./cross_validate.ts";
import type { Fold } from "./time_series_split.ts";

/** One fold of `crossValidatePanel`. */
export interface PanelFoldScore {
  /** Position of the fold in the `folds` given. */
  readonly fold: number;
  /** Number of training rows (geo-weeks) the fold's fit used (as `trainSize` in `crossValidate`'s folds). */
  readonly trainSize: number;
  /** Number of test rows (geo-weeks) it predicted. */
  readonly testSize: number;
  /**
   * Ordinary R² of the test predictions around the test rows' mean (scikit-learn's `r2_score`); flattered by
   * geo levels.
   */
  readonly r2: number;
  /** Within-geo R²: `1 − SSE / Σ (y − ȳ_g,train)²` on the test rows, around each geo's training mean. */
  readonly withinR2: number;
  /** Root mean squared error of the test predictions, in target units. */
  readonly rmse: number;
  /** Columns constant within every geo on this fold's training rows (e.g. a month not yet seen): left out, coefficient 0. */
  readonly droppedColumns: readonly string[];
}

/** Per-fold scores, their means and sample sds (ddof = 1), and the out-of-sample predictions. */
export interface PanelCrossValidation {
  /** One score per fold, in the order of the `folds` given. */
  readonly folds: readonly PanelFoldScore[];
  /** Mean over folds of each score. */
  readonly mean: { readonly r2: number; readonly withinR2: number; readonly rmse: number };
  /** Sample standard deviation over folds of each score (ddof = 1); NaN with one fold. */
  readonly sd: { readonly r2: number; readonly withinR2: number; readonly rmse: number };
  /** Prediction for each row that was in a test set (NaN elsewhere). */
  readonly predictions: Float64Array;
}

/**
 * Share of variation around each group's reference level explained by `pred`:
 * `1 − Σ (y − ŷ)² / Σ (y − ref_g)²`.
 *
 * @example
 * ```ts
 * withinGroupR2([1, 3, 10, 14], [1.5, 2.5, 11, 13], ["a", "a", "b", "b"], new Map([["a", 2], ["b", 12]]));
 * ```
 */
export function withinGroupR2(
  y: ArrayLike<number>,
  pred: ArrayLike<number>,
  groups: readonly string[],
  reference: ReadonlyMap<string, number>,
): number {
  let sse = 0, sst = 0;
  for (let i = 0; i < y.length; i++) {
    const ref = reference.get(groups[i]);
    if (ref === undefined) throw new RangeError(`no reference level for group "${groups[i]}"`);
    sse += (y[i] - pred[i]) ** 2;
    sst += (y[i] - ref) ** 2;
  }
  return 1 - sse / sst;
}

/** Indices of the columns that vary within at least one group over `rows`. */
function columnsVaryingWithinGroups(design: Design, rows: Int32Array, groups: readonly string[]): number[] {
  const keep: number[] = [];
  for (let j = 0; j < design.k; j++) {
    const first = new Map<string, number>();
    let varies = false;
    for (let r = 0; r < rows.length && !varies; r++) {
      const v = design.x[rows[r] * design.k + j];
      const f = first.get(groups[r]);
      if (f === undefined) first.set(groups[r], v);
      else if (f !== v) varies = true;
    }
    if (varies) keep.push(j);
  }
  return keep;
}

/**
 * Fits `fitFixedEffects` on each fold's training rows and predicts its test rows (a geo's effect comes from its
 * training weeks). The design's columns are computed once over the full series (adstock only looks back, and
 * saturation parameters are fixed numbers), so no test-period outcome enters a fit. A column that does not vary
 * within any geo on a fold's training rows (a month dummy for a month the fold has not seen yet) is left out of
 * that fold's fit, i.e. predicted with coefficient 0, and listed in `droppedColumns`.
 *
 * @param design regressors without intercept or geo dummies
 * @example
 * ```ts ignore
 * crossValidatePanel(design, sales, geo.geos, panelTimeSeriesSplit(geo.dates));
 * ```
 */
export function crossValidatePanel(
  design: Design,
  y: Float64Array,
  groups: readonly string[],
  folds: readonly Fold[],
): PanelCrossValidation {
  const predictions = new Float64Array(y.length).fill(NaN);
  const scores: PanelFoldScore[] = folds.map((fold, f) => {
    const train = fold.train, test = fold.test;
    const trainGroups = Array.from(train, (i) => groups[i]);
    const keep = columnsVaryingWithinGroups(design, train, trainGroups);
    const dropped = design.names.filter((_, j) => !keep.includes(j));
    const fitDesign = keep.length === design.k
      ? design
      : selectDesignColumns(design, keep.map((j) => design.names[j]));
    const fit = fitFixedEffects(
      takeDesignRows(fitDesign, train),
      Float64Array.from(train, (i) => y[i]),
      trainGroups,
    );
    const testGroups = Array.from(test, (i) => groups[i]);
    const pred = predictFixedEffects(fit, takeDesignRows(fitDesign, test), testGroups);
    const yTest = Float64Array.from(test, (i) => y[i]);
    test.forEach((i, j) => (predictions[i] = pred[j]));
    const trainMeans = new Map<string, number>();
    const counts = new Map<string, number>();
    for (const i of train) {
      trainMeans.set(groups[i], (trainMeans.get(groups[i]) ?? 0) + y[i]);
      counts.set(groups[i], (counts.get(groups[i]) ?? 0) + 1);
    }
    for (const [g, s] of trainMeans) trainMeans.set(g, s / counts.get(g)!);
    return {
      fold: f,
      trainSize: train.length,
      testSize: test.length,
      r2: r2(yTest, pred),
      withinR2: withinGroupR2(yTest, pred, testGroups, trainMeans),
      rmse: rmse(yTest, pred),
      droppedColumns: dropped,
    };
  });
  const stat = (key: "r2" | "withinR2" | "rmse") => {
    const v = scores.map((s) => s[key]);
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)) : NaN;
    return [m, sd] as const;
  };
  const [r2m, r2s] = stat("r2"), [wm, ws] = stat("withinR2"), [rm, rs] = stat("rmse");
  return {
    folds: scores,
    mean: { r2: r2m, withinR2: wm, rmse: rm },
    sd: { r2: r2s, withinR2: ws, rmse: rs },
    predictions,
  };
}
