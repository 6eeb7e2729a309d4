/**
 * The two-stage mediation model of the national weekly data: social spend drives the mediator (search
 * spend), and the outcome responds to the mediator, to social spend directly, to the direct channels and to
 * price, promotion and controls.
 *
 * **Stage 1** (OLS on the fit rows):
 * `M_t = a₀ + Σ_s a_s · adstock(S_s, θ_s)_t + Σ controls + u_t`.
 * Its prediction `M̂ = X₁ â` is the social-driven part of the mediator and `û = M − M̂` the rest; both are
 * computed for **every** week of the series from the fitted coefficients.
 *
 * **Stage 2** (OLS on the fit rows):
 * ```
 * Y_t = b₀ + b · adstock(M̂, θ_M)_t + b_u · adstock(û, θ_M)_t + Σ_{s ∈ directSocial} c_s · adstock(S_s, θ'_s)_t
 *     + Σ_d β_d · g_d(adstock(D_d, θ_d))_t + β_price · price_t + β_promo · promotion_t + Σ controls + e_t
 * ```
 * This is the control-function form of a mediation regression (Wooldridge, "Econometric Analysis of Cross
 * Section and Panel Data", 2nd ed., §6.2): the first-stage residual `û` enters beside the first-stage
 * prediction, so `b` is the effect of the mediator's social-driven variation and `b_u` that of the rest.
 * With `M̂` alone, the direct social paths would be (nearly) collinear with `adstock(M̂)`, a combination of
 * the same social series, and unidentified or weak; `û` restores the rest of the mediator's variation.
 * Since `b·A(M̂) + b_u·A(û) = b·A(M) + (b_u − b)·A(û)`, imposing `b = b_u` gives exactly the single-equation
 * model with the recorded mediator `adstock(M, θ_M)`, and the Wald test of `b = b_u`
 * ({@link MediationFit.equalMediatorEffects}) is the regression-based (Hausman-type) test of Wooldridge
 * §6.2.1: whether the mediator's non-social part is correlated with the outcome's shocks (e.g. search that
 * follows demand), i.e. whether the mediator's effect depends on its source. If it is, `b_u` absorbs that
 * correlation while `b`, identified from the social-driven variation, stays consistent as long as social
 * spend is exogenous. `b` is the coefficient the indirect effects use.
 *
 * **Effects** per social channel `s`, per dollar of spend, long run (the geometric adstock multiplier
 * `1/(1 − θ)` sums a dollar's carryover to infinity), as in Baron & Kenny (1986) and Preacher & Hayes (2008)
 * (indirect effect = product of the `a` and `b` paths):
 * - `indirect_s = a_s/(1 − θ_s) · b/(1 − θ_M)` (`a_s/(1 − θ_s)` mediator dollars per social dollar);
 * - `direct_s = c_s/(1 − θ'_s)`, 0 when `s` has no direct path; `total_s = direct_s + indirect_s`;
 * - counterfactual in-sample contributions: the predicted outcome with the recorded spend minus the predicted
 *   outcome with `S_s = 0` in every week, summed over **all** weeks of the series (not only the fit rows),
 *   through `M̂` (which drops by `â_s · adstock(S_s, θ_s)`, `û` held at its value) and the direct path:
 *   `indirect = b̂ Σ_t adstock(â_s · adstock(S_s, θ_s), θ_M)_t`, `direct = ĉ_s Σ_t adstock(S_s, θ'_s)_t`;
 *   `roi = (direct + indirect) / Σ_t S_s,t`;
 * - the mediator: `b/(1 − θ_M)` per dollar; contribution with the mediator at zero in every week,
 *   `b̂ Σ adstock(M̂) + b̂_u Σ adstock(û)` (this includes the social-driven part, so it overlaps the social
 *   channels' indirect contributions and must not be added to them);
 * - a direct channel: `β_d Σ_t (g_d(adstock(D_d)_t) − g_d(0))`, also per thousand units (sends);
 * - price elasticity at the means `β_price · mean(price)/mean(Y)` and promotion lift `β_promo` (absolute and
 *   `100 · β_promo / mean(Y)` %), both means over **all** weeks of the series.
 * These are the definitions of `data/README.md` ("Derived truth", "Counterfactual contributions"), so a fit
 * with the true transforms compares term by term with `data/truth.json`.
 *
 * **Standard errors.** The stage-2 OLS standard errors treat `M̂` as data, although it was estimated. The
 * Sobel (1982) delta-method standard error of each indirect effect is reported for comparison,
 * `se = m · √(b² se_a² + a² se_b²)` with `m = 1/((1 − θ_s)(1 − θ_M))`; the headline intervals come from the
 * moving-block bootstrap in `mediation_bootstrap.ts`, which refits both stages.
 *
 * **Rows.** `rows` (the fit rows) leaves weeks out of both stages (e.g. anomalous outcome weeks); adstock is
 * always computed over the full series in time order and then the rows are selected, so a left-out week's
 * spend still carries over into the next.
 *
 * **Files.** This module fits the model; `mediation_bootstrap.ts` has the moving-block bootstrap and
 * `mediation_evaluate.ts` the time-series cross-validation and stage-2 importance.
 *
 * References: Baron & Kenny (1986), "The moderator–mediator variable distinction", JPSP 51(6); Sobel (1982),
 * "Asymptotic confidence intervals for indirect effects in structural equation models", Sociological
 * Methodology 13; Preacher & Hayes (2008), "Asymptotic and resampling strategies for assessing and comparing
 * indirect effects in multiple mediator models", Behavior Research Methods 40(3); Wooldridge (2010) §6.2.
 *
 * @module
 */

import { geometricAdstock } from "../features/adstock.ts";
import { type Design, takeRows } from "../features/design.ts";
import {
  saturate,
  saturationAt,
  type SaturationSpec,
  validateSaturationSpec,
} from "../features/saturation.ts";
import { qrLeastSquares } from "../linalg/mod.ts";
import { normalSf } from "../stats/mod.ts";
import type { CovarianceOptions } from "./covariance.ts";
import { fitOls, type OlsFit } from "./ols.ts";
import { type FTestResult, waldTest } from "./wald_test.ts";
import { rowMajorFromColumns } from "../linalg/products.ts";

/** A spend column with its geometric carryover θ. */
export interface AdstockedColumn {
  /** Column name in `MediationInputs.columns`. */
  readonly column: string;
  /** Geometric carryover in [0, 1). */
  readonly theta: number;
}

/** A direct (non-mediated) channel of stage 2: `g(adstock(x, θ))`. */
export interface DirectChannelSpec {
  readonly column: string;
  /** Geometric carryover in [0, 1) (default 0: no carryover). */
  readonly theta?: number;
  /** Saturation applied after adstock (default none). */
  readonly saturation?: SaturationSpec;
}

/**
 * The transforms and roles of the two-stage model, as plain data (what a carryover search chooses).
 * Every name refers to a column of `MediationInputs.columns`.
 */
export interface MediationSpec {
  /** Stage-1 regressors: social channels with their carryover θ_s. At least one. */
  readonly social: readonly AdstockedColumn[];
  /** The mediator and the carryover θ_M of its effect on the outcome. */
  readonly mediator: AdstockedColumn;
  /** Social channels (a subset of `social`) with a direct path in stage 2, with their own carryover θ'_s. */
  readonly directSocial: readonly AdstockedColumn[];
  /** Direct channels of stage 2 (e.g. emails, SMS). */
  readonly direct: readonly DirectChannelSpec[];
  /** Stage-1 controls (e.g. November/December dummies), entered as they are. */
  readonly stage1Controls: readonly string[];
  /** Stage-2 controls, entered as they are. */
  readonly stage2Controls: readonly string[];
  /** Price column (stage 2), for the elasticity. */
  readonly price?: string;
  /** Promotion column (stage 2, a 0/1 flag or intensity), for the lift. */
  readonly promotion?: string;
}

/** What the model is fitted on. */
export interface MediationInputs {
  readonly spec: MediationSpec;
  /** Raw columns by name, in time order, each as long as the outcome (controls such as month dummies too). */
  readonly columns: Readonly<Record<string, Float64Array>>;
  /** The outcome, in time order. */
  readonly y: Float64Array;
  /** Fit rows: strictly increasing indices into the series (default all). */
  readonly rows?: ArrayLike<number>;
  /** Name of the outcome for summaries (default `"y"`). */
  readonly yName?: string;
}

/**
 * The model's regressors over the full series, computed once from the inputs (adstock in time order), from
 * which both stages can be refitted on any rows without recomputing a transform.
 */
export interface MediationData {
  readonly spec: MediationSpec;
  readonly yName: string;
  /** Length of the series. */
  readonly n: number;
  /** Fit rows (ascending). */
  readonly rows: Int32Array;
  readonly y: Float64Array;
  readonly mediator: Float64Array;
  /** The raw columns the spec names (the inputs' arrays, not copies). */
  readonly raw: Readonly<Record<string, Float64Array>>;
  /** `const`, the social columns, the stage-1 controls. */
  readonly stage1Terms: readonly string[];
  /** n × k₁ stage-1 design over every week. */
  readonly stage1X: Float64Array;
  /** n × k₁: each stage-1 column adstocked with θ_M, so that `adstock(M̂, θ_M) = stage1XAdstocked · â`. */
  readonly stage1XAdstocked: Float64Array;
  /** `adstock(M, θ_M)` over every week: `adstock(û, θ_M) = mediatorAdstocked − stage1XAdstocked · â`. */
  readonly mediatorAdstocked: Float64Array;
  /** `const`, `<mediator>_fitted`, `<mediator>_residual`, direct social, direct, price, promotion, controls. */
  readonly stage2Terms: readonly string[];
  /** n × (k₂ − 3): the stage-2 columns after the two mediator columns, transformed, over every week. */
  readonly stage2Fixed: Float64Array;
}

/** Effects of one social channel (see the module doc for the definitions). */
export interface SocialEffect {
  readonly channel: string;
  /** Stage-1 carryover θ_s. */
  readonly theta: number;
  /** Carryover θ'_s of the direct path, or null without one. */
  readonly directTheta: number | null;
  /** Stage-1 coefficient `a_s` and its OLS standard error. */
  readonly a: number;
  readonly aSe: number;
  /** `a_s/(1 − θ_s)`: mediator dollars per social dollar, long run. */
  readonly mediatorPerDollar: number;
  /** `a_s/(1 − θ_s) · b/(1 − θ_M)`. */
  readonly indirectPerDollar: number;
  /** Sobel (delta-method) SE of `indirectPerDollar`, `z = estimate/se` and its two-sided normal p-value. */
  readonly sobelSe: number;
  readonly sobelZ: number;
  readonly sobelPValue: number;
  /** `c_s/(1 − θ'_s)` (0 without a direct path) and its OLS standard error (0 without one). */
  readonly directPerDollar: number;
  readonly directPerDollarSe: number;
  readonly totalPerDollar: number;
  /** Total spend over the series. */
  readonly spend: number;
  /** Counterfactual contributions over every week of the series. */
  readonly contributionIndirect: number;
  readonly contributionDirect: number;
  readonly contribution: number;
  /** `contribution / spend`. */
  readonly roi: number;
}

/** Effects of the mediator. */
export interface MediatorEffect {
  readonly channel: string;
  readonly theta: number;
  /** Coefficients of `adstock(M̂)` (the indirect effects use it) and of `adstock(û)`, with OLS SEs. */
  readonly b: number;
  readonly bSe: number;
  readonly bResidual: number;
  readonly bResidualSe: number;
  /** `b/(1 − θ_M)`. */
  readonly perDollar: number;
  readonly spend: number;
  /** Outcome with the recorded mediator minus outcome with the mediator at zero in every week. */
  readonly contribution: number;
  readonly roi: number;
}

/** Effects of a direct channel. */
export interface DirectChannelEffect {
  readonly channel: string;
  readonly coef: number;
  readonly coefSe: number;
  /** `β Σ_t (g(adstock(x)_t) − g(0))`. */
  readonly contribution: number;
  /** Column total (sends, or spend). */
  readonly volume: number;
  /** `1000 · contribution / volume`. */
  readonly contributionPerThousand: number;
}

/** Promotion lift. */
export interface PromotionLift {
  /** `β_promo`: outcome per unit of the promotion column (per promotion week for a 0/1 flag). */
  readonly absolute: number;
  readonly absoluteSe: number;
  /** `100 · β_promo / mean(Y)` over every week. */
  readonly percentOfMeanOutcome: number;
  /** `β_promo · Σ_t promotion_t`. */
  readonly contribution: number;
}

/** All effects of a fit. */
export interface MediationEffects {
  readonly social: readonly SocialEffect[];
  readonly mediator: MediatorEffect;
  readonly direct: readonly DirectChannelEffect[];
  /** `β_price · mean(price)/mean(Y)`, or null without a price column. */
  readonly priceElasticity: number | null;
  readonly promotionLift: PromotionLift | null;
}

/** Every estimated quantity as a flat vector, `names[i]` = `<channel>.<quantity>` (what the bootstrap resamples). */
export interface MediationEstimates {
  readonly names: readonly string[];
  readonly values: Float64Array;
}

/** The results of {@link fitMediation}. */
export interface MediationFit {
  readonly spec: MediationSpec;
  readonly yName: string;
  /** Length of the series. */
  readonly n: number;
  /** Fit rows. */
  readonly rows: Int32Array;
  /** Stage 1: the mediator on adstocked social spend and controls (terms `const`, social columns, controls). */
  readonly stage1: OlsFit;
  /** Stage 2: the outcome (terms as `MediationData.stage2Terms`). */
  readonly stage2: OlsFit;
  /** `M̂` and `û = M − M̂` for every week. */
  readonly mediatorFitted: Float64Array;
  readonly mediatorResidual: Float64Array;
  /** Stage-2 prediction for every week (fit rows and the others). */
  readonly fitted: Float64Array;
  readonly effects: MediationEffects;
  /** Every effect as a flat named vector (see {@link mediationEstimates}). */
  readonly estimates: MediationEstimates;
  /** Wald F test of `b = b_u` with the stage-2 covariance, and `b − b_u`. */
  readonly equalMediatorEffects: FTestResult & { readonly difference: number };
  /** Stage-2 standardized coefficients `β_j · sd(x_j)/sd(y)` on the fit rows (`const` left out). */
  readonly standardized: MediationEstimates;
  /** In-sample R² of each stage on the fit rows. */
  readonly rsquared: { readonly stage1: number; readonly stage2: number };
}

/** Options of {@link fitMediation}: the covariance of both stages' OLS standard errors (default classical). */
export type MediationOptions = CovarianceOptions;

/**
 * Validates the inputs and computes the model's regressors over the full series (see {@link MediationData}).
 *
 * @param inputs spec, columns, outcome, optional fit rows
 * @throws RangeError for a missing or mis-sized column, θ outside [0, 1), a direct social channel not in
 *   `social`, a repeated stage-2 term, bad rows, or a non-finite value
 * @example
 * ```ts ignore
 * const data = mediationData({ spec, columns: weekly.columns, y: weekly.columns.revenue });
 * data.stage2Terms; // ["const", "google_spend_fitted", "google_spend_residual", "facebook_spend", ...]
 * ```
 */
export function mediationData(inputs: MediationInputs): MediationData {
  const { spec, columns, y } = inputs;
  const n = y.length;
  if (!(y instanceof Float64Array)) throw new RangeError("y must be a Float64Array");
  if (n < 3) throw new RangeError(`the series has ${n} weeks; need at least 3`);
  checkFinite(y, inputs.yName ?? "y");
  const raw: Record<string, Float64Array> = {};
  const col = (name: string, role: string): Float64Array => {
    const x = columns[name];
    if (x === undefined) {
      throw new RangeError(
        `${role} column "${name}" is not in columns (have: ${Object.keys(columns).join(", ")})`,
      );
    }
    if (x.length !== n) throw new RangeError(`column "${name}" has ${x.length} values, the outcome has ${n}`);
    checkFinite(x, name);
    raw[name] = x;
    return x;
  };
  const theta = (t: number | undefined, what: string): number => {
    const v = t ?? 0;
    if (!(v >= 0 && v < 1)) throw new RangeError(`theta of ${what} must be in [0, 1), got ${t}`);
    return v;
  };
  if (!spec || !Array.isArray(spec.social) || spec.social.length === 0) {
    throw new RangeError("spec.social must list at least one social channel (the stage-1 regressors)");
  }
  const socialNames = spec.social.map((s) => s.column);
  for (const s of spec.directSocial) {
    if (!socialNames.includes(s.column)) {
      throw new RangeError(
        `direct social channel "${s.column}" is not among spec.social (${socialNames.join(", ")}); ` +
          `a direct path needs the channel's stage-1 path for its total effect`,
      );
    }
  }
  for (const d of spec.direct) if (d.saturation) validateSaturationSpec(d.saturation);
  const rows = fitRows(inputs.rows, n);

  // stage 1 over every week
  const stage1Columns = [
    new Float64Array(n).fill(1),
    ...spec.social.map((s) => geometricAdstock(col(s.column, "social"), theta(s.theta, s.column))),
    ...spec.stage1Controls.map((c) => col(c, "stage-1 control")),
  ];
  const stage1Terms = ["const", ...socialNames, ...spec.stage1Controls];
  checkUnique(stage1Terms, "stage 1");
  const thetaM = theta(spec.mediator.theta, `the mediator "${spec.mediator.column}"`);
  const mediator = col(spec.mediator.column, "mediator");
  const stage1X = rowMajorFromColumns(stage1Columns, n);
  const stage1XAdstocked = rowMajorFromColumns(stage1Columns.map((x) => geometricAdstock(x, thetaM)), n);

  // stage 2: the columns after the two mediator columns
  const fixedNames: string[] = [];
  const fixedColumns: Float64Array[] = [];
  for (const s of spec.directSocial) {
    fixedNames.push(s.column);
    fixedColumns.push(
      geometricAdstock(col(s.column, "direct social"), theta(s.theta, `${s.column} (direct)`)),
    );
  }
  for (const d of spec.direct) {
    fixedNames.push(d.column);
    const a = geometricAdstock(col(d.column, "direct"), theta(d.theta, d.column));
    fixedColumns.push(d.saturation ? saturate(a, d.saturation) : a);
  }
  for (const [c, role] of [[spec.price, "price"], [spec.promotion, "promotion"]] as const) {
    if (c === undefined) continue;
    fixedNames.push(c);
    fixedColumns.push(col(c, role));
  }
  for (const c of spec.stage2Controls) {
    fixedNames.push(c);
    fixedColumns.push(col(c, "stage-2 control"));
  }
  const m = spec.mediator.column;
  const stage2Terms = ["const", `${m}_fitted`, `${m}_residual`, ...fixedNames];
  checkUnique(stage2Terms, "stage 2");
  return {
    spec,
    yName: inputs.yName ?? "y",
    n,
    rows,
    y,
    mediator,
    raw,
    stage1Terms,
    stage1X,
    stage1XAdstocked,
    mediatorAdstocked: geometricAdstock(mediator, thetaM),
    stage2Terms,
    stage2Fixed: rowMajorFromColumns(fixedColumns, n),
  };
}

/**
 * The stage-1 design on `rows` (default the fit rows): `const`, adstocked social columns, controls.
 *
 * @example
 * ```ts ignore
 * const d = stage1Design(data); // fitOls(d, takeRows(data.mediator, data.rows)) is stage 1
 * ```
 */
export function stage1Design(data: MediationData, rows: ArrayLike<number> = data.rows): Design {
  const k = data.stage1Terms.length;
  const x = new Float64Array(rows.length * k);
  for (let t = 0; t < rows.length; t++) x.set(data.stage1X.subarray(rows[t] * k, rows[t] * k + k), t * k);
  return { names: data.stage1Terms, n: rows.length, k, x };
}

/**
 * The stage-2 design on `rows` (default the fit rows) for stage-1 coefficients `a`:
 * `[1, adstock(M̂)_t, adstock(û)_t, fixed columns…]` with `M̂ = X₁ a` over the full series (adstock is linear,
 * so `adstock(M̂) = adstock(X₁) a`).
 *
 * @param a stage-1 coefficients, in the order of `data.stage1Terms`
 * @example
 * ```ts ignore
 * const d = stage2Design(data, fit.stage1.coef); // the rows fit.stage2 was fitted on
 * ```
 */
export function stage2Design(
  data: MediationData,
  a: ArrayLike<number>,
  rows: ArrayLike<number> = data.rows,
): Design {
  const k = data.stage2Terms.length;
  const x = new Float64Array(rows.length * k);
  fillStage2(data, a, rows, x);
  return { names: data.stage2Terms, n: rows.length, k, x };
}

/**
 * Writes the stage-2 design rows into `out` (rows.length × k₂), allocation-free (for the bootstrap).
 *
 * @example
 * ```ts ignore
 * fillStage2(data, a, rows, buffer); // buffer now holds stage2Design(data, a, rows).x
 * ```
 */
export function fillStage2(
  data: MediationData,
  a: ArrayLike<number>,
  rows: ArrayLike<number>,
  out: Float64Array,
): void {
  const k1 = data.stage1Terms.length, k = data.stage2Terms.length, kf = k - 3;
  if (a.length !== k1) throw new RangeError(`stage-1 coefficients: got ${a.length}, expected ${k1}`);
  if (out.length < rows.length * k) {
    throw new RangeError(`out holds ${out.length} values, need ${rows.length * k}`);
  }
  const { stage1XAdstocked: ax, mediatorAdstocked: am, stage2Fixed: f } = data;
  for (let t = 0; t < rows.length; t++) {
    const i = rows[t];
    let fittedAdstock = 0;
    for (let j = 0; j < k1; j++) fittedAdstock += ax[i * k1 + j] * a[j];
    const o = t * k;
    out[o] = 1;
    out[o + 1] = fittedAdstock;
    out[o + 2] = am[i] - fittedAdstock;
    for (let j = 0; j < kf; j++) out[o + 3 + j] = f[i * kf + j];
  }
}

/** Caller-owned buffers for {@link fitStages} in a loop (sizes for `m` rows): reused across calls. */
export interface StageBuffers {
  /** m × k₁ */
  readonly x1: Float64Array;
  /** m */
  readonly y1: Float64Array;
  /** m × k₂: holds the stage-2 design of the last call. */
  readonly x2: Float64Array;
  /** m */
  readonly y2: Float64Array;
}

/**
 * Allocates {@link StageBuffers} for fits on `m` rows.
 *
 * @example
 * ```ts ignore
 * const work = stageBuffers(data, data.rows.length);
 * ```
 */
export function stageBuffers(data: MediationData, m: number): StageBuffers {
  const k1 = data.stage1Terms.length, k2 = data.stage2Terms.length;
  return {
    x1: new Float64Array(m * k1),
    y1: new Float64Array(m),
    x2: new Float64Array(m * k2),
    y2: new Float64Array(m),
  };
}

/**
 * Both stages' OLS coefficients on `rows` (which may repeat, as in a bootstrap sample), by Householder QR:
 * stage 1 on the rows' stage-1 design, then stage 2 on {@link stage2Design} for those coefficients. Reads the
 * outcome and the mediator only at `rows`. The coefficients equal `fitMediation`'s on the same rows; this is
 * the lean path for refitting many times (cross-validation folds, bootstrap replicates).
 *
 * @param rows row indices into the series (any order, repeats allowed); more rows than stage-2 terms
 * @param work optional buffers from {@link stageBuffers} (sized for `rows.length`), reused across calls
 * @throws ModelError when a stage's design is rank deficient on these rows (naming the columns)
 * @example
 * ```ts ignore
 * const { stage1, stage2 } = fitStages(data, trainRows); // stage 1 never sees the other rows
 * ```
 */
export function fitStages(
  data: MediationData,
  rows: ArrayLike<number> = data.rows,
  work: StageBuffers = stageBuffers(data, rows.length),
): { stage1: Float64Array; stage2: Float64Array } {
  const m = rows.length, k1 = data.stage1Terms.length, k2 = data.stage2Terms.length;
  if (work.y1.length !== m) throw new RangeError(`buffers are sized for ${work.y1.length} rows, got ${m}`);
  for (let t = 0; t < m; t++) {
    const i = rows[t];
    if (!(i >= 0 && i < data.n)) {
      throw new RangeError(`row ${i} at position ${t} is outside 0..${data.n - 1}`);
    }
    work.x1.set(data.stage1X.subarray(i * k1, i * k1 + k1), t * k1);
    work.y1[t] = data.mediator[i];
    work.y2[t] = data.y[i];
  }
  const stage1 = qrLeastSquares(work.x1, work.y1, m, k1, data.stage1Terms).coef;
  fillStage2(data, stage1, rows, work.x2);

  const stage2 = qrLeastSquares(work.x2, work.y2, m, k2, data.stage2Terms).coef;
  return { stage1, stage2 };
}

/**
 * Every effect of the model (see the module doc) computed from stage-1 coefficients `a` and stage-2
 * coefficients `c`, as a flat vector named `<channel>.<quantity>`:
 * - each social channel: `a`, `mediatorPerDollar`, `indirectPerDollar`, `directPerDollar`, `totalPerDollar`,
 *   `contributionIndirect`, `contributionDirect`, `contribution`, `roi`;
 * - the mediator: `b`, `bResidual`, `bDifference` (`b − b_u`), `perDollar`, `contribution`, `roi`;
 * - each direct channel: `coef`, `contribution`, `contributionPerThousand`;
 * - price: `elasticity`; promotion: `lift`, `liftPercent`, `contribution`.
 * Sums run over every week of the series; means for the elasticity and lift too.
 *
 * @param a stage-1 coefficients (order of `data.stage1Terms`)
 * @param c stage-2 coefficients (order of `data.stage2Terms`)
 * @example
 * ```ts ignore
 * const est = mediationEstimates(data, fit.stage1.coef, fit.stage2.coef);
 * est.values[est.names.indexOf("facebook_spend.indirectPerDollar")];
 * ```
 */
export function mediationEstimates(
  data: MediationData,
  a: ArrayLike<number>,
  c: ArrayLike<number>,
): MediationEstimates {
  const plan = estimatePlan(data);
  const values = new Float64Array(plan.names.length);
  plan.write(a, c, values, 0);
  return { names: plan.names, values };
}

/** A precomputed evaluator of {@link mediationEstimates} (sums over the series done once). */
export interface EstimatePlan {
  readonly names: readonly string[];
  /** Writes the estimates for coefficients `a`, `c` into `out[offset …]`. */
  write(a: ArrayLike<number>, c: ArrayLike<number>, out: Float64Array, offset: number): void;
}

/**
 * Precomputes the sums over the series that the effects need, for evaluating {@link mediationEstimates} many
 * times (the bootstrap): each evaluation is then O(number of effects).
 *
 * @example
 * ```ts ignore
 * const plan = estimatePlan(data);
 * plan.write(a, c, row, 0);
 * ```
 */
export function estimatePlan(data: MediationData): EstimatePlan {
  const { spec, n } = data;
  const k1 = data.stage1Terms.length;
  const thetaM = spec.mediator.theta;
  const sum = (x: Float64Array) => x.reduce((s, v) => s + v, 0);
  const mediatorSpend = sum(data.mediator);
  const sumAx = new Float64Array(k1);
  for (let i = 0; i < n; i++) for (let j = 0; j < k1; j++) sumAx[j] += data.stage1XAdstocked[i * k1 + j];
  const sumAm = sum(data.mediatorAdstocked);
  const meanY = sum(data.y) / n;
  const kf = data.stage2Terms.length - 3;
  const fixedColumn = (j: number) => Float64Array.from({ length: n }, (_, i) => data.stage2Fixed[i * kf + j]);

  // social channels: Σ_t adstock(adstock(S_s, θ_s), θ_M)_t, spend, direct-path sums
  const social = spec.social.map((s, idx) => {
    const stage1Column = Float64Array.from({ length: n }, (_, i) => data.stage1X[i * k1 + 1 + idx]);
    const direct = spec.directSocial.findIndex((d) => d.column === s.column);
    return {
      channel: s.column,
      index: 1 + idx,
      longRun: 1 / (1 - s.theta),
      sumNested: sum(geometricAdstock(stage1Column, thetaM)),
      spend: sum(data.raw[s.column]),
      directIndex: direct < 0 ? -1 : 3 + direct,
      directLongRun: direct < 0 ? 0 : 1 / (1 - spec.directSocial[direct].theta),
      sumDirect: direct < 0 ? 0 : sum(fixedColumn(direct)),
    };
  });
  const nDirectSocial = spec.directSocial.length;
  const direct = spec.direct.map((d, idx) => {
    const j = nDirectSocial + idx;
    const g0 = d.saturation ? saturationAt(0, d.saturation) : 0;
    return {
      channel: d.column,
      index: 3 + j,
      sum: sum(fixedColumn(j)) - n * g0,
      volume: sum(data.raw[d.column]),
    };
  });
  const { priceIndex, promotionIndex: promoIndex } = priceAndPromotionIndex(spec);
  const meanPrice = spec.price === undefined ? NaN : sum(data.raw[spec.price]) / n;
  const sumPromo = spec.promotion === undefined ? NaN : sum(data.raw[spec.promotion]);

  const names: string[] = [];
  for (const s of social) {
    for (
      const q of [
        "a",
        "mediatorPerDollar",
        "indirectPerDollar",
        "directPerDollar",
        "totalPerDollar",
        "contributionIndirect",
        "contributionDirect",
        "contribution",
        "roi",
      ]
    ) names.push(`${s.channel}.${q}`);
  }
  const m = spec.mediator.column;
  for (const q of ["b", "bResidual", "bDifference", "perDollar", "contribution", "roi"]) {
    names.push(`${m}.${q}`);
  }
  for (const d of direct) {
    for (const q of ["coef", "contribution", "contributionPerThousand"]) names.push(`${d.channel}.${q}`);
  }
  if (priceIndex >= 0) names.push(`${spec.price}.elasticity`);
  if (promoIndex >= 0) {
    for (const q of ["lift", "liftPercent", "contribution"]) names.push(`${spec.promotion}.${q}`);
  }

  const write = (a: ArrayLike<number>, c: ArrayLike<number>, out: Float64Array, offset: number): void => {
    const b = c[1], bu = c[2], mult = 1 / (1 - thetaM);
    let o = offset;
    for (const s of social) {
      const as = a[s.index];
      const indirect = as * s.longRun * b * mult;
      const cs = s.directIndex < 0 ? 0 : c[s.directIndex];
      const directPerDollar = cs * s.directLongRun;
      const contributionIndirect = b * as * s.sumNested;
      const contributionDirect = cs * s.sumDirect;
      out[o++] = as;
      out[o++] = as * s.longRun;
      out[o++] = indirect;
      out[o++] = directPerDollar;
      out[o++] = directPerDollar + indirect;
      out[o++] = contributionIndirect;
      out[o++] = contributionDirect;
      out[o++] = contributionIndirect + contributionDirect;
      out[o++] = (contributionIndirect + contributionDirect) / s.spend;
    }
    let sumFitted = 0;
    for (let j = 0; j < k1; j++) sumFitted += sumAx[j] * a[j];
    const mediatorContribution = b * sumFitted + bu * (sumAm - sumFitted);
    out[o++] = b;
    out[o++] = bu;
    out[o++] = b - bu;
    out[o++] = b * mult;
    out[o++] = mediatorContribution;
    out[o++] = mediatorContribution / mediatorSpend;
    for (const d of direct) {
      const contribution = c[d.index] * d.sum;
      out[o++] = c[d.index];
      out[o++] = contribution;
      out[o++] = (1000 * contribution) / d.volume;
    }
    if (priceIndex >= 0) out[o++] = (c[priceIndex] * meanPrice) / meanY;
    if (promoIndex >= 0) {
      out[o++] = c[promoIndex];
      out[o++] = (100 * c[promoIndex]) / meanY;
      out[o++] = c[promoIndex] * sumPromo;
    }
  };
  return { names, write };
}

/**
 * Fits both stages by OLS (see the module doc): stage 1 on the fit rows, `M̂`/`û` over the full series, stage 2
 * on the fit rows; then the effects, the Sobel standard errors, the Wald test of `b = b_u` and the
 * standardized stage-2 coefficients.
 *
 * @param inputs spec (θ's fixed), columns, outcome, optional fit rows
 * @param options covariance of the reported OLS standard errors of both stages (default classical); the
 *   Sobel SEs and the Wald test use it
 * @throws RangeError for invalid inputs (see {@link mediationData}); ModelError when a stage's design is rank
 *   deficient (naming the columns) or has no residual degrees of freedom
 * @example
 * ```ts ignore
 * const columns = { ...weekly.columns, november, december };
 * const fit = fitMediation({ spec, columns, y: revenue, rows: kept });
 * fit.effects.social[0].indirectPerDollar; // revenue per Facebook dollar through Google, long run
 * fit.equalMediatorEffects.pValue;          // does Google's effect depend on what drove it?
 * ```
 */
export function fitMediation(inputs: MediationInputs, options: MediationOptions = {}): MediationFit {
  const data = mediationData(inputs);
  const { spec, rows, n } = data;
  const stage1 = fitOls(stage1Design(data), takeRows(data.mediator, rows), {
    ...options,
    yName: spec.mediator.column,
  });
  const a = stage1.coef;
  const design2 = stage2Design(data, a);
  const stage2 = fitOls(design2, takeRows(data.y, rows), { ...options, yName: data.yName });
  const c = stage2.coef;

  const k1 = data.stage1Terms.length;
  const mediatorFitted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < k1; j++) s += data.stage1X[i * k1 + j] * a[j];
    mediatorFitted[i] = s;
  }
  const mediatorResidual = data.mediator.map((v, i) => v - mediatorFitted[i]);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const fullDesign = stage2Design(data, a, all);
  const k2 = data.stage2Terms.length;
  const fitted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < k2; j++) s += fullDesign.x[i * k2 + j] * c[j];
    fitted[i] = s;
  }

  const estimates = mediationEstimates(data, a, c);
  const restriction = new Float64Array(k2);
  restriction[1] = 1;
  restriction[2] = -1;
  const wald = waldTest(c, stage2.cov, restriction, stage2.dfInference);
  return {
    spec,
    yName: data.yName,
    n,
    rows,
    stage1,
    stage2,
    mediatorFitted,
    mediatorResidual,
    fitted,
    effects: structureEffects(data, estimates, stage1, stage2),
    estimates,
    equalMediatorEffects: { ...wald, difference: c[1] - c[2] },
    standardized: standardizedCoefficients(design2, stage2.coef, takeRows(data.y, rows)),
    rsquared: { stage1: stage1.stats.rsquared, stage2: stage2.stats.rsquared },
  };
}

/**
 * Standardized coefficients `β_j · sd(x_j) / sd(y)` (the change in y, in its standard deviations, per
 * standard deviation of x_j), for every column but `const`; the ddof of the standard deviations cancels.
 * Reference: e.g. Wooldridge, "Introductory Econometrics", §6.1 (beta coefficients).
 *
 * @param design the rows and columns the coefficients were fitted on
 * @param coef one coefficient per design column
 * @param y the responses
 * @example
 * ```ts ignore
 * const design = stage2Design(data, fit.stage1.coef);
 * standardizedCoefficients(design, fit.stage2.coef, yOnFitRows).values; // comparable across units
 * ```
 */
export function standardizedCoefficients(
  design: Design,
  coef: ArrayLike<number>,
  y: ArrayLike<number>,
): MediationEstimates {
  const { n, k, x, names } = design;
  if (coef.length !== k) throw new RangeError(`got ${coef.length} coefficients for ${k} columns`);
  const sdY = populationSd((i) => y[i], n);
  const out: string[] = [];
  const values: number[] = [];
  for (let j = 0; j < k; j++) {
    if (names[j] === "const") continue;
    out.push(names[j]);
    values.push((coef[j] * populationSd((i) => x[i * k + j], n)) / sdY);
  }
  return { names: out, values: Float64Array.from(values) };
}

/**
 * The value of one named estimate (`"<channel>.<quantity>"`), throwing a `RangeError` listing the names when
 * it is missing.
 *
 * @example
 * ```ts ignore
 * estimateOf(fit.estimates, "facebook_spend", "indirectPerDollar");
 * ```
 */
export function estimateOf(estimates: MediationEstimates, channel: string, quantity: string): number {
  const i = estimates.names.indexOf(`${channel}.${quantity}`);
  if (i < 0) {
    throw new RangeError(`no estimate "${channel}.${quantity}"; have: ${estimates.names.join(", ")}`);
  }
  return estimates.values[i];
}

function structureEffects(
  data: MediationData,
  estimates: MediationEstimates,
  stage1: OlsFit,
  stage2: OlsFit,
): MediationEffects {
  const { spec } = data;
  const get = (channel: string, q: string) => estimateOf(estimates, channel, q);
  const thetaM = spec.mediator.theta;
  const b = stage2.coef[1], bSe = stage2.bse[1];
  const social = spec.social.map((s, idx): SocialEffect => {
    const ds = spec.directSocial.findIndex((d) => d.column === s.column);
    const a = stage1.coef[1 + idx], aSe = stage1.bse[1 + idx];
    const mult = 1 / ((1 - s.theta) * (1 - thetaM));
    const sobelSe = mult * Math.sqrt(b * b * aSe * aSe + a * a * bSe * bSe);
    const indirect = get(s.column, "indirectPerDollar");
    const z = indirect / sobelSe;
    const directTheta = ds < 0 ? null : spec.directSocial[ds].theta;
    const spend = data.raw[s.column].reduce((acc, v) => acc + v, 0);
    return {
      channel: s.column,
      theta: s.theta,
      directTheta,
      a,
      aSe,
      mediatorPerDollar: get(s.column, "mediatorPerDollar"),
      indirectPerDollar: indirect,
      sobelSe,
      sobelZ: z,
      sobelPValue: 2 * normalSf(Math.abs(z)),
      directPerDollar: get(s.column, "directPerDollar"),
      directPerDollarSe: directTheta === null ? 0 : stage2.bse[3 + ds] / (1 - directTheta),
      totalPerDollar: get(s.column, "totalPerDollar"),
      spend,
      contributionIndirect: get(s.column, "contributionIndirect"),
      contributionDirect: get(s.column, "contributionDirect"),
      contribution: get(s.column, "contribution"),
      roi: get(s.column, "roi"),
    };
  });
  const m = spec.mediator.column;
  const mediator: MediatorEffect = {
    channel: m,
    theta: thetaM,
    b,
    bSe,
    bResidual: stage2.coef[2],
    bResidualSe: stage2.bse[2],
    perDollar: get(m, "perDollar"),
    spend: data.mediator.reduce((acc, v) => acc + v, 0),
    contribution: get(m, "contribution"),
    roi: get(m, "roi"),
  };
  const direct = spec.direct.map((d, idx): DirectChannelEffect => {
    const j = 3 + spec.directSocial.length + idx;
    return {
      channel: d.column,
      coef: stage2.coef[j],
      coefSe: stage2.bse[j],
      contribution: get(d.column, "contribution"),
      volume: data.raw[d.column].reduce((acc, v) => acc + v, 0),
      contributionPerThousand: get(d.column, "contributionPerThousand"),
    };
  });
  const promoIndex = priceAndPromotionIndex(spec).promotionIndex;
  return {
    social,
    mediator,
    direct,
    priceElasticity: spec.price === undefined ? null : get(spec.price, "elasticity"),
    promotionLift: spec.promotion === undefined ? null : {
      absolute: get(spec.promotion, "lift"),
      absoluteSe: stage2.bse[promoIndex],
      percentOfMeanOutcome: get(spec.promotion, "liftPercent"),
      contribution: get(spec.promotion, "contribution"),
    },
  };
}

/** Stage-2 coefficient indices of price and promotion (−1 when absent): after the direct channels. */
function priceAndPromotionIndex(spec: MediationSpec): { priceIndex: number; promotionIndex: number } {
  const first = 3 + spec.directSocial.length + spec.direct.length;
  return {
    priceIndex: spec.price === undefined ? -1 : first,
    promotionIndex: spec.promotion === undefined ? -1 : first + (spec.price === undefined ? 0 : 1),
  };
}

function populationSd(at: (i: number) => number, n: number): number {
  let mean = 0;
  for (let i = 0; i < n; i++) mean += at(i);
  mean /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (at(i) - mean) ** 2;
  return Math.sqrt(s / n);
}

function fitRows(rows: ArrayLike<number> | undefined, n: number): Int32Array {
  if (rows === undefined) return Int32Array.from({ length: n }, (_, i) => i);
  const out = Int32Array.from(rows);
  for (let t = 0; t < out.length; t++) {
    if (!(Number.isInteger(rows[t]) && rows[t] >= 0 && rows[t] < n)) {
      throw new RangeError(`rows[${t}] = ${rows[t]} is not a row index in 0..${n - 1}`);
    }
    if (t > 0 && out[t] <= out[t - 1]) {
      throw new RangeError(
        `rows must be strictly increasing (time order); rows[${t}] = ${out[t]} follows ${out[t - 1]}`,
      );
    }
  }
  return out;
}

function checkUnique(names: readonly string[], where: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      throw new RangeError(
        `${where} would have the term "${name}" twice; each column may enter a stage once`,
      );
    }
    seen.add(name);
  }
}

function checkFinite(x: Float64Array, name: string): void {
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new RangeError(
        `column "${name}" has a non-finite value (${x[i]}) at row ${i}; fill or drop it first`,
      );
    }
  }
}
