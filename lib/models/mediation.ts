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
 * **Files.** This module fits the model and re-exports its parts: `mediation_types.ts` (inputs, effects,
 * fit), `mediation_design.ts` (validated regressors, stage designs, the least-squares fit of both stages),
 * `mediation_effects.ts` (estimates, Sobel SEs, standardized coefficients); `mediation_bootstrap.ts` has the
 * moving-block bootstrap and `mediation_evaluate.ts` the time-series cross-validation and stage-2 importance.
 *
 * References: Baron & Kenny (1986), "The moderator–mediator variable distinction", JPSP 51(6); Sobel (1982),
 * "Asymptotic confidence intervals for indirect effects in structural equation models", Sociological
 * Methodology 13; Preacher & Hayes (2008), "Asymptotic and resampling strategies for assessing and comparing
 * indirect effects in multiple mediator models", Behavior Research Methods 40(3); Wooldridge (2010) §6.2.
 *
 * @module
 */

import { takeRows } from "../features/design.ts";
import { fitOls } from "./ols.ts";
import { waldTest } from "./wald_test.ts";
import { mediationData, stage1Design, stage2Design } from "./mediation_design.ts";
import { mediationEstimates, standardizedCoefficients, structureEffects } from "./mediation_effects.ts";
import type { MediationFit, MediationInputs, MediationOptions } from "./mediation_types.ts";

export type {
  AdstockedColumn,
  DirectChannelEffect,
  DirectChannelSpec,
  MediationData,
  MediationEffects,
  MediationEstimates,
  MediationFit,
  MediationInputs,
  MediationOptions,
  MediationSpec,
  MediatorEffect,
  PromotionLift,
  SocialEffect,
} from "./mediation_types.ts";
export {
  fillStage2,
  fitStages,
  mediationData,
  stage1Design,
  stage2Design,
  type StageBuffers,
  stageBuffers,
} from "./mediation_design.ts";
export {
  estimateOf,
  type EstimatePlan,
  estimatePlan,
  mediationEstimates,
  standardizedCoefficients,
} from "./mediation_effects.ts";

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
