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
import type { MediationInputs, MediationSpec } from "../models/mediation.ts";
import { type SearchProgress, searchTransforms, searchTransformsAsync } from "./search.ts";
import { inSampleSearch } from "./weekly_transforms_in_sample.ts";
import { finishSearch, planSearch, type StagePlan } from "./weekly_transforms_plan.ts";
import type { NationalTransforms, WeeklySearchOptions, WeeklyTransforms } from "./weekly_transforms_types.ts";

export type {
  GridNote,
  NationalTransforms,
  ResolvedWeeklySearchOptions,
  StageSearch,
  WeeklySearchOptions,
  WeeklyTransforms,
} from "./weekly_transforms_types.ts";
export { DEFAULT_ALPHA_GRID, DEFAULT_MAX_CANDIDATES, DEFAULT_THETA_GRID } from "./weekly_transforms_types.ts";
export { defaultDirectSocial, regimeControls, searchFolds } from "./weekly_transforms_plan.ts";
export { inSampleSearch } from "./weekly_transforms_in_sample.ts";

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
  return finishSearch(plan, run(1, plan.stage1!), run(2, plan.stage2)) as WeeklyTransforms;
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
  return finishSearch(plan, s1, s2);
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
