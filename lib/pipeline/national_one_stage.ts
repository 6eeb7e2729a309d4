/**
 * The single-stage model's results (`singleStageResults`), in the same shape as the two-stage model's outcome.
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { ModelError } from "../errors.ts";
import { type Design, selectDesignColumns, takeDesignRows } from "../features/design.ts";
import { fitRandomForest } from "../models/random_forest.ts";
import { permutationImportance } from "../evaluate/permutation_importance.ts";
import { nationalAmountFormat } from "./national_format.ts";
import { contributionPlausibility } from "../evaluate/verdicts.ts";
import { crossValidateSingleStage } from "./national_single_stage.ts";
import type { NationalImportanceRow, NationalOutcome, NationalResults } from "./national_types.ts";
import type { SearchViews } from "./national_search_views.ts";
import {
  bootstrapSummary,
  type BuildContext,
  directRows,
  importanceRows,
  intervalRow,
  priceAndPromotion,
  runCrossValidation,
  sumOver,
} from "./national_common.ts";

/**
 * The single-stage model's outcome, in the two-stage outcome's shape: contributions and ROI and the long-run
 * effect per dollar of each media channel, price and promotion, plausibility, direct channels, importance
 * (standardized, permutation, forest) and cross-validation; its bootstrap holds the transforms fixed.
 */
export function singleStageResults(
  ds: Dataset,
  single: NonNullable<NationalResults["singleStage"]>,
  views: SearchViews,
  ctx: BuildContext,
): NationalOutcome {
  const R = ds.roles;
  const { fit, bootstrap, inputs } = single;
  const find = (name: string) => bootstrap?.effects.find((e) => e.name === name);
  const contributions = fit.media.map((m) => ({
    channel: m.channel,
    spend: m.spend,
    contribution: m.contribution,
    ...intervalRow(m.roi, find(`${m.channel}.roi`)),
    contributionLower: find(`${m.channel}.contribution`)?.lower ?? NaN,
    contributionUpper: find(`${m.channel}.contribution`)?.upper ?? NaN,
  }));
  const perDollar = fit.media.map((m) => ({
    channel: m.channel,
    ...intervalRow(m.perDollar, find(`${m.channel}.perDollar`)),
  }));
  const allWeeks = Int32Array.from({ length: fit.n }, (_, i) => i);
  const plausibility = contributionPlausibility(
    [...fit.media, ...fit.direct].map((m) => ({ channel: m.channel, contribution: m.contribution })),
    sumOver(fit.fitted, allWeeks),
    {
      paid: [...fit.media, ...fit.direct].map((m) => m.channel),
      target: R.target,
      format: nationalAmountFormat(R.targetUnit ?? "currency"),
    },
  );
  const direct = directRows(fit.direct, find);
  const common = priceAndPromotion(R, fit.priceElasticity, fit.promotionLift?.absolute ?? null, find, ctx);
  const fitDesign = takeDesignRows(fit.design, fit.rows);
  let importance: NationalImportanceRow[] | null = null;
  if (ctx.options.importance !== false) {
    try {
      const drivers = fit.design.names.filter((x) => x !== "const");
      const y = fit.ols.fitted.map((f, i) => f + fit.ols.residuals[i]);
      const k = fit.design.k;
      const predict = (d: Design) => {
        const out = new Float64Array(d.n);
        for (let i = 0; i < d.n; i++) {
          let s = 0;
          for (let j = 0; j < k; j++) s += d.x[i * k + j] * fit.ols.coef[j];
          out[i] = s;
        }
        return out;
      };
      const pi = permutationImportance(predict, fitDesign, y, {
        seed: ctx.seed,
        nRepeats: ctx.options.importanceRepeats ?? 20,
        scoring: "r2",
      });
      const forest = fitRandomForest(selectDesignColumns(fitDesign, drivers), y, {
        seed: ctx.seed,
        nEstimators: ctx.options.forestTrees ?? 300,
      });
      importance = importanceRows(
        fit.standardized.names.map((name, idx) => {
          const b = bootstrap?.standardized.find((s) => s.name === name);
          const j = fit.design.names.indexOf(name);
          return {
            driver: name,
            standardized: fit.standardized.values[idx],
            lower: b?.lower ?? NaN,
            upper: b?.upper ?? NaN,
            permutation: pi.importancesMean[j],
            permutationSd: pi.importancesSd[j],
          };
        }),
        (d) => forest.importance[drivers.indexOf(d)],
      );
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      ctx.skip("importance", `Driver importance cannot be computed: ${e.message}.`);
    }
  }
  const crossValidation = runCrossValidation(
    ds,
    fit.design.k,
    (folds) => {
      const cv = crossValidateSingleStage(inputs, folds);
      return { cv, inSampleR2: fit.ols.stats.rsquared, trainSizes: cv.folds.map((f) => f.trainSize) };
    },
    ctx,
  );
  return {
    kind: "single-stage",
    ols: fit.ols,
    design: fitDesign,
    rows: fit.rows,
    fitted: fit.fitted,
    bootstrap: bootstrap ? bootstrapSummary(bootstrap, "fixed", null) : null,
    ...common,
    carryover: views.carryover,
    contributions,
    perDollar,
    plausibility,
    direct,
    importance,
    crossValidation,
  };
}
