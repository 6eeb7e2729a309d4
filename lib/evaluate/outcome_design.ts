/**
 * The national outcome model's design (stage 2 of the two-stage model, or the single-stage model) with the
 * transforms the pipeline chose, rebuilt from its results so that extra terms (interactions, a promotion
 * frequency term) can be tested beside it: the same columns, the same fit rows, the same Newey–West lags,
 * and the same time-series folds, with stage 1 refitted on each fold's training weeks.
 *
 * The input is structural ({@link OutcomeModelSource}): `NationalResults` (lib/pipeline/national.ts) has
 * these fields, so `outcomeModel(weekly, national)` works, while this layer does not import the pipeline.
 *
 * Extra columns are full-series arrays. An interaction `(a − ā)(b − b̄)` centred at fit-row means changes
 * the main effects' coefficients but not the model's predictions (the products `ā·b`, `b̄·a` and `ā·b̄` are
 * spanned by the main effects and the constant), so centring at full-sample means leaks nothing into a
 * fold's out-of-sample predictions.
 *
 * @module
 */
import { crossValidationPlan, CV_TEST_WEEKS, MIN_CV_FOLDS } from "../data/envelope.ts";
import type { Dataset, Roles } from "../data/types.ts";
import { ModelError } from "../errors.ts";
import { type Design, takeRows } from "../features/design.ts";
import { qrLeastSquares } from "../linalg/mod.ts";
import {
  type DirectChannelSpec,
  mediationData,
  type MediationInputs,
  stage1Design,
  stage2Design,
} from "../models/mediation.ts";
import { fitOls, type OlsFit } from "../models/ols.ts";
import { criticalValue } from "../models/regression_results.ts";
import { normalSf, tTwoSidedP } from "../stats/distributions.ts";
import { rmse } from "./metrics.ts";
import { type Fold, timeSeriesSplit } from "./time_series_split.ts";

/** What {@link outcomeModel} reads from the national pipeline's results (`NationalResults` has it all). */
export interface OutcomeModelSource {
  /** The column roles of the run (target, promotion, price, direct channels). */
  readonly roles: Roles;
  /**
   * The reported outcome fit, read for its Newey–West lag count (4 when absent); null when none was fitted.
   */
  readonly outcome: { readonly ols: { readonly covDetails: { readonly maxLags?: number } } } | null;
  /**
   * The two-stage model's inputs and fit (its fit rows and stage-1 coefficients); null for a single-stage
   * run.
   */
  readonly twoStage: {
    readonly inputs: MediationInputs;
    readonly fit: { readonly rows: Int32Array; readonly stage1: { readonly coef: Float64Array } };
  } | null;
  /**
   * The single-stage model's fit (design over every week, fit rows, direct-channel transforms); null
   * otherwise.
   */
  readonly singleStage: {
    readonly fit: {
      readonly design: Design;
      readonly rows: Int32Array;
      readonly spec: { readonly direct: readonly DirectChannelSpec[] };
    };
  } | null;
}

/** The outcome model, ready for extra terms. */
export interface OutcomeModel {
  /**
   * Which national model the design belongs to: stage 2 of the two-stage model, or the single-stage model.
   */
  readonly kind: "two-stage" | "single-stage";
  /** Design column names (`const` first). */
  readonly names: readonly string[];
  /** Weeks in the series. */
  readonly n: number;
  /** Fit rows (anomalous weeks left out), ascending. */
  readonly rows: Int32Array;
  /** The target over every week. */
  readonly y: Float64Array;
  /** Newey–West lags of the pipeline's reported errors. */
  readonly maxLags: number;
  /** The direct channels' transforms (for a channel's value at zero spend). */
  readonly direct: readonly DirectChannelSpec[];
  /**
   * The design on `rows`. Two-stage: `M̂` from stage 1 fitted on `stage1Rows` (default: the pipeline's
   * full-sample stage 1). Throws ModelError when stage 1 cannot be fitted on `stage1Rows`.
   */
  readonly designAt: (rows: ArrayLike<number>, stage1Rows?: ArrayLike<number>) => Design;
}

/**
 * The outcome model of a pipeline run, or the reason it has none.
 *
 * @param ds the dataset the pipeline ran on (its target column)
 * @param source the national pipeline's results
 * @throws RangeError when the dataset's target does not match the model's weeks
 * @example
 * ```ts ignore
 * const m = outcomeModel(weekly, national);
 * if ("reason" in m) console.log(m.reason); else m.designAt(m.rows).names;
 * ```
 */
export function outcomeModel(
  ds: Dataset,
  source: OutcomeModelSource,
): OutcomeModel | { readonly reason: string } {
  const maxLags = source.outcome?.ols.covDetails.maxLags ?? 4;
  if (source.twoStage) {
    const data = mediationData(source.twoStage.inputs);
    const a = source.twoStage.fit.stage1.coef;
    return {
      kind: "two-stage",
      names: data.stage2Terms,
      n: data.n,
      rows: source.twoStage.fit.rows,
      y: data.y,
      maxLags,
      direct: data.spec.direct,
      designAt: (rows, stage1Rows) => {
        if (stage1Rows === undefined) return stage2Design(data, a, rows);
        const d1 = stage1Design(data, stage1Rows);
        const a1 = qrLeastSquares(d1.x, takeRows(data.mediator, stage1Rows), d1.n, d1.k, d1.names).coef;
        return stage2Design(data, a1, rows);
      },
    };
  }
  if (source.singleStage) {
    const { design, rows, spec } = source.singleStage.fit;
    const y = ds.columns[source.roles.target];
    if (y === undefined || y.length !== design.n) {
      throw new RangeError(`the dataset's target "${source.roles.target}" must have ${design.n} values`);
    }
    return {
      kind: "single-stage",
      names: design.names,
      n: design.n,
      rows,
      y,
      maxLags,
      direct: spec.direct,
      designAt: (r) => pickRows(design, r),
    };
  }
  return { reason: "the national pipeline fitted no outcome model (see its skipped sections)" };
}

function pickRows(design: Design, rows: ArrayLike<number>): Design {
  const k = design.k;
  const x = new Float64Array(rows.length * k);
  for (let t = 0; t < rows.length; t++) x.set(design.x.subarray(rows[t] * k, rows[t] * k + k), t * k);
  return { names: design.names, n: rows.length, k, x };
}

/**
 * A design with extra full-series columns appended, on `rows`.
 *
 * @example
 * ```ts ignore
 * withColumns(m.designAt(m.rows), m.rows, { "promotions×average_price": product }).names.at(-1);
 * ```
 */
export function withColumns(
  design: Design,
  rows: ArrayLike<number>,
  extra: Readonly<Record<string, Float64Array>>,
): Design {
  const names = Object.keys(extra);
  if (names.length === 0) return design;
  if (rows.length !== design.n) throw new RangeError(`${rows.length} rows for a design of ${design.n}`);
  const k0 = design.k, k = k0 + names.length;
  const x = new Float64Array(design.n * k);
  for (let t = 0; t < design.n; t++) {
    x.set(design.x.subarray(t * k0, t * k0 + k0), t * k);
    names.forEach((name, j) => (x[t * k + k0 + j] = extra[name][rows[t]]));
  }
  return { names: [...design.names, ...names], n: design.n, k, x };
}

/**
 * The model with extra terms fitted by OLS on the fit rows with the pipeline's Newey–West (HAC, Bartlett
 * kernel, no small-sample correction, normal inference) errors, as statsmodels'
 * `OLS(y, X).fit(cov_type="HAC", cov_kwds={"maxlags": L})`.
 *
 * @throws ModelError when the extended design is rank deficient (naming the columns)
 */
export function fitExtended(model: OutcomeModel, extra: Readonly<Record<string, Float64Array>>): OlsFit {
  const design = withColumns(model.designAt(model.rows), model.rows, extra);
  return fitOls(design, takeRows(model.y, model.rows), { covType: "HAC", maxLags: model.maxLags });
}

/**
 * The pipeline's cross-validation folds (`nationalModelFolds` in lib/pipeline/national.ts, restated here
 * because this layer cannot import the pipeline; a test holds them equal): the envelope's plan of 13-week
 * test folds after at least a year of training, keeping folds with at least two training weeks per
 * coefficient, none when fewer than two are left.
 *
 * @param n weeks
 * @param coefficients coefficients of the largest model compared
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(outcomeFolds(104, 14).map((f) => f.train.length), [52, 65, 78, 91], 1e-9);
 * ```
 */
export function outcomeFolds(n: number, coefficients: number): Fold[] {
  const plan = crossValidationPlan(n);
  if (plan === undefined) return [];
  const folds = timeSeriesSplit(n, { nSplits: plan.nSplits, testSize: plan.testSize })
    .filter((f) => f.train.length >= 2 * coefficients);
  return folds.length < MIN_CV_FOLDS ? [] : folds;
}

/** Out-of-sample RMSE of the model without and with extra terms, on the same folds. */
export interface OutOfSampleComparison {
  /**
   * Every usable fold: its 1-based number, training and test weeks (fit rows only), and the test RMSE of each
   * model.
   */
  readonly folds: readonly {
    readonly fold: number;
    readonly trainWeeks: number;
    readonly testWeeks: number;
    readonly rmseWithout: number;
    readonly rmseWith: number;
  }[];
  /** Mean over folds of each fold's RMSE (as the pipeline's `meanRmse`). */
  readonly rmseWithout: number;
  /** Mean over the same folds of the RMSE with the extra terms, in target units. */
  readonly rmseWith: number;
  /** `rmseWith − rmseWithout` (negative: the extra terms predict better). */
  readonly change: number;
  /** Folds where the extra terms lowered the RMSE. */
  readonly foldsImproved: number;
}

/**
 * Time-series cross-validation of the model without and with `extra` terms on the pipeline's folds
 * ({@link outcomeFolds}), fit rows only, stage 1 refitted on each fold's training weeks; a fold whose
 * training weeks cannot identify either model (a column without variation before the test weeks) is left
 * out of both. Returns the reason in words when fewer than two folds are usable.
 *
 * @example
 * ```ts ignore
 * const cv = compareOutOfSample(model, { "promotions×average_price": product });
 * if ("reason" in cv) cv.reason; else cv.change; // < 0: the interaction predicts better out of sample
 * ```
 */
export function compareOutOfSample(
  model: OutcomeModel,
  extra: Readonly<Record<string, Float64Array>>,
): OutOfSampleComparison | { readonly reason: string } {
  const k = model.names.length + Object.keys(extra).length;
  const folds = outcomeFolds(model.n, k);
  if (folds.length === 0) {
    return {
      reason:
        `time-series cross-validation needs at least ${MIN_CV_FOLDS} folds of ${CV_TEST_WEEKS} test weeks ` +
        `after a year of training with two training weeks per coefficient (${2 * k}), and ${model.n} weeks ` +
        `do not allow them`,
    };
  }
  const keep = new Uint8Array(model.n);
  for (const i of model.rows) keep[i] = 1;
  const rows: OutOfSampleComparison["folds"][number][] = [];
  folds.forEach((f, index) => {
    const train = f.train.filter((i) => keep[i] === 1), test = f.test.filter((i) => keep[i] === 1);
    if (test.length === 0) return;
    try {
      const base = model.designAt(train, train), baseTest = model.designAt(test, train);
      const yTrain = takeRows(model.y, train), yTest = takeRows(model.y, test);
      const ext = withColumns(base, train, extra), extTest = withColumns(baseTest, test, extra);
      if (train.length <= ext.k) throw new ModelError(`${train.length} rows for ${ext.k} coefficients`);
      rows.push({
        fold: index + 1,
        trainWeeks: train.length,
        testWeeks: test.length,
        rmseWithout: rmse(yTest, predict(base, yTrain, baseTest)),
        rmseWith: rmse(yTest, predict(ext, yTrain, extTest)),
      });
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
    }
  });
  if (rows.length < MIN_CV_FOLDS) {
    return {
      reason: `fewer than ${MIN_CV_FOLDS} cross-validation folds have training weeks that identify every ` +
        `coefficient (a column without variation before the test weeks)`,
    };
  }
  const mean = (f: (r: typeof rows[number]) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
  const rmseWithout = mean((r) => r.rmseWithout), rmseWith = mean((r) => r.rmseWith);
  return {
    folds: rows,
    rmseWithout,
    rmseWith,
    change: rmseWith - rmseWithout,
    foldsImproved: rows.filter((r) => r.rmseWith < r.rmseWithout).length,
  };
}

function predict(train: Design, y: Float64Array, test: Design): Float64Array {
  const coef = qrLeastSquares(train.x, y, train.n, train.k, train.names).coef;
  const out = new Float64Array(test.n);
  for (let t = 0; t < test.n; t++) {
    let s = 0;
    for (let j = 0; j < test.k; j++) s += test.x[t * test.k + j] * coef[j];
    out[t] = s;
  }
  return out;
}

/**
 * The centred product `(a_t − ā)(b_t − b̄)` over every week, the means over `rows` (the fit rows), so that
 * beside it the main effects of `a` and `b` keep their meaning at the other's mean (Aiken & West 1991,
 * "Multiple Regression: Testing and Interpreting Interactions", ch. 3).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(centredProduct(new Float64Array([1, 3]), new Float64Array([2, 4]), Int32Array.of(0, 1)), [1, 1], 1e-9);
 * ```
 */
export function centredProduct(a: Float64Array, b: Float64Array, rows: ArrayLike<number>): Float64Array {
  if (a.length !== b.length) throw new RangeError(`columns of ${a.length} and ${b.length} values`);
  if (rows.length === 0) throw new RangeError("no rows to centre on");
  const ma = meanOver(a, rows), mb = meanOver(b, rows);
  return Float64Array.from(a, (v, t) => (v - ma) * (b[t] - mb));
}

/** Mean of `x` over `rows`. */
export function meanOver(x: ArrayLike<number>, rows: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < rows.length; i++) s += x[rows[i]];
  return s / rows.length;
}

/** A linear combination of coefficients with its standard error, interval and two-sided p-value. */
export interface Combination {
  /** `scale · c'b`, the combination of the coefficients. */
  readonly estimate: number;
  /** Its standard error, `|scale| · √(c'Vc)` with V the fit's covariance (HAC here). */
  readonly se: number;
  /** Lower bound of the interval `c'b ± q·se` (at `level`, default 95%), times `scale`. */
  readonly lower: number;
  /** Upper bound of that interval, times `scale`. */
  readonly upper: number;
  /**
   * Two-sided p-value of `c'b = 0` from the fit's reference distribution; NaN when the standard error is 0.
   */
  readonly pValue: number;
}

/**
 * `c'b` with `se = √(c'Vc)` (V the fit's covariance, here HAC), the interval `c'b ± q·se` and the p-value
 * of `c'b = 0` from the fit's reference distribution (normal for HAC, as statsmodels' `t_test`), all times
 * `scale` (a fixed rescaling, e.g. to an elasticity at the means).
 * Reference: Greene, "Econometric Analysis" (7th ed.), §5.3 (the variance of a linear function).
 *
 * @param fit an OLS fit
 * @param weights term name → weight (other terms weight 0)
 * @param scale constant factor applied to the estimate, SE and bounds (its sign flips the interval)
 * @example
 * ```ts ignore
 * combination(fit, { average_price: 1, "promotions×average_price": 0.8 }).lower;
 * ```
 */
export function combination(
  fit: OlsFit,
  weights: Readonly<Record<string, number>>,
  scale = 1,
  level = 0.95,
): Combination {
  const k = fit.terms.length;
  const c = new Float64Array(k);
  for (const [name, w] of Object.entries(weights)) {
    const j = fit.terms.indexOf(name);
    if (j < 0) throw new RangeError(`term "${name}" is not in the fit (${fit.terms.join(", ")})`);
    c[j] = w;
  }
  let est = 0, v = 0;
  for (let a = 0; a < k; a++) {
    if (c[a] === 0) continue;
    est += c[a] * fit.coef[a];
    for (let b = 0; b < k; b++) v += c[a] * fit.cov[a * k + b] * c[b];
  }
  const se = Math.sqrt(Math.max(v, 0));
  const q = criticalValue(fit.useT, fit.dfInference, 1 - level);
  const z = Math.abs(est / se);
  const p = fit.useT ? tTwoSidedP(z, fit.dfInference) : 2 * normalSf(z);
  const lo = scale * (est - q * se), hi = scale * (est + q * se);
  return {
    estimate: scale * est,
    se: Math.abs(scale) * se,
    lower: Math.min(lo, hi),
    upper: Math.max(lo, hi),
    pValue: se > 0 ? p : NaN,
  };
}
