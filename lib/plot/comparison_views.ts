/**
 * Tables of the national model comparison (`nationalComparison` in lib/pipeline) for notebooks 03 and 04:
 * the candidates' scores as mean ± sd with reader labels, every fold, driver importances and the channel
 * effects of the linear model beside the forest's. Rendering only: every number comes from the comparison.
 *
 * @module
 */
import type { ComparisonEffect, ModelImportance, StageComparison } from "../pipeline/national_comparison.ts";
import type { FeatureInfo } from "../pipeline/comparison_features.ts";
import { channelLabel } from "./labels.ts";
import { num, pct } from "./format.ts";
import { type Table, table } from "./table.ts";

/** Reader's name of a feature: "TikTok: 4-week average", "Annual sine". */
export function featureLabel(
  f: Pick<FeatureInfo, "column" | "transform">,
  labels?: Record<string, string>,
): string {
  if (f.column === "") return f.transform.charAt(0).toUpperCase() + f.transform.slice(1);
  return `${channelLabel(f.column, labels)}: ${f.transform}`;
}

const meanSd = (m: number | null, s: number | null, f: (x: number) => string) =>
  m === null || !Number.isFinite(m) ? "not defined" : `${f(m)} ± ${f(s ?? NaN)}`;

/**
 * One row per candidate (model × feature set): R², RMSE and MAPE as mean ± sd over the folds, and whether it is
 * the lowest-RMSE candidate or the chosen one.
 *
 * @param amount formatter of the outcome's amounts (RMSE)
 * @example
 * ```ts ignore
 * comparisonTable(stage, fmt.money);
 * ```
 */
export function comparisonTable(stage: StageComparison, amount: (x: number) => string): Table {
  const c = stage.comparison;
  const rows = c.rows.map((r) => ({
    model: r.modelLabel,
    featureSet: r.featureSetLabel,
    features: r.features,
    r2: r.failed ? "could not be fitted" : meanSd(r.meanR2, r.sdR2, (x) => num(x, 2)),
    rmse: r.failed ? "" : meanSd(r.meanRmse, r.sdRmse, amount),
    mape: r.failed ? "" : meanSd(r.meanMape, r.sdMape, (x) => pct(x, 1)),
    role: [
      c.best?.model === r.model && c.best.featureSet === r.featureSet ? "lowest RMSE" : "",
      c.chosen?.model === r.model && c.chosen.featureSet === r.featureSet ? "chosen" : "",
    ].filter(Boolean).join(", "),
  }));
  const folds = c.rows.find((r) => r.failed === null)?.folds.length ?? 0;
  return table(rows, {
    caption:
      `Out-of-sample scores of every candidate on the same ${folds} time-series folds (mean ± sd over folds)`,
    labels: {
      model: "Model",
      featureSet: "Features",
      features: "Columns",
      r2: "R²",
      rmse: "RMSE",
      mape: "MAPE",
      role: "Choice",
    },
    formats: { features: (x) => num(x, 0) },
  });
}

/**
 * Every fold's scores, one row per (candidate, fold), for the technical view and the results.
 *
 * @example
 * ```ts ignore
 * foldTable(stage, fmt.money);
 * ```
 */
export function foldTable(stage: StageComparison, amount: (x: number) => string): Table {
  const rows = stage.comparison.rows.flatMap((r) =>
    r.folds.map((f) => ({
      model: r.modelLabel,
      featureSet: r.featureSetLabel,
      fold: f.fold,
      trainWeeks: f.trainWeeks,
      r2: f.r2,
      rmse: f.rmse,
      mape: f.mape ?? NaN,
      penalty: f.penalty ?? NaN,
    }))
  );
  return table(rows, {
    caption: "Scores per fold (penalties chosen by time-series CV inside each fold's training weeks)",
    labels: {
      model: "Model",
      featureSet: "Features",
      fold: "Fold",
      trainWeeks: "Training weeks",
      r2: "R²",
      rmse: "RMSE",
      mape: "MAPE",
      penalty: "Penalty α",
    },
    formats: {
      fold: (x) => num(x, 0),
      trainWeeks: (x) => num(x, 0),
      r2: (x) => num(x, 3),
      rmse: amount,
      mape: (x) => (Number.isFinite(x) ? pct(x, 1) : "not defined"),
      penalty: (x) => (Number.isFinite(x) ? x.toPrecision(2) : ""),
    },
  });
}

/** Importance rows joined by feature: the forest's impurity and permutation importance, the linear model's permutation. */
export function importanceRows(
  stage: StageComparison,
  labels?: Record<string, string>,
): { label: string; impurity: number; forestPermutation: number; linearPermutation: number }[] {
  const forest = stage.importance.find((i) => i.model === "random-forest");
  const linear = stage.importance.find((i) => i.model !== "random-forest");
  const byName = (m: ModelImportance | undefined, name: string) => m?.rows.find((r) => r.feature === name);
  const names = [...new Set([...(forest?.rows ?? []), ...(linear?.rows ?? [])].map((r) => r.feature))];
  return names.map((name) => {
    const f = byName(forest, name), l = byName(linear, name);
    return {
      label: featureLabel((f ?? l)!, labels),
      impurity: f?.impurity ?? NaN,
      forestPermutation: f?.permutation ?? NaN,
      linearPermutation: l?.permutation ?? NaN,
    };
  }).sort((a, b) =>
    (b.impurity || 0) - (a.impurity || 0) || (b.linearPermutation || 0) - (a.linearPermutation || 0)
  );
}

/**
 * The importance table of a stage (see {@link importanceRows}), with the models and feature sets in the labels.
 *
 * @example
 * ```ts ignore
 * importanceTable(stage);
 * ```
 */
export function importanceTable(stage: StageComparison, labels?: Record<string, string>): Table {
  const forest = stage.importance.find((i) => i.model === "random-forest");
  const linear = stage.importance.find((i) => i.model !== "random-forest");
  const rows = importanceRows(stage, labels);
  const f3 = (x: number) => (Number.isFinite(x) ? num(x, 3) : "");
  return table(rows, {
    caption: `Driver importance: the random forest on the ${forest?.featureSetLabel.toLowerCase() ?? "—"}, ` +
      `${linear?.modelLabel ?? "the linear model"} on the ${linear?.featureSetLabel.toLowerCase() ?? "—"}`,
    labels: {
      label: "Driver",
      impurity: "Forest: impurity share",
      forestPermutation: "Forest: drop in test R² when shuffled",
      linearPermutation: `${linear?.modelLabel ?? "Linear"}: drop in test R² when shuffled`,
    },
    formats: { impurity: f3, forestPermutation: f3, linearPermutation: f3 },
  });
}

/**
 * The one-standard-error choice of a stage in words, with its RMSE figures in the outcome's unit (`amount`,
 * e.g. `fmt.money`): the same rule and rows as `chooseModel` (lib/evaluate/model_comparison.ts), whose own
 * sentence writes bare numbers. `SE = sd_best / √folds`; the chosen model's mean RMSE is at most
 * `mean_best + SE` (Hastie, Tibshirani & Friedman 2009, §7.10).
 *
 * @example
 * ```ts ignore
 * comparisonSentence(stage, fmt.money);
 * ```
 */
export function comparisonSentence(stage: StageComparison, amount: (x: number) => string): string {
  const c = stage.comparison;
  const find = (k: { model: string; featureSet: string } | null) =>
    k ? c.rows.find((r) => r.model === k.model && r.featureSet === k.featureSet) : undefined;
  const best = find(c.best), chosen = find(c.chosen);
  if (!best || !chosen) return c.sentence;
  const name = (r: typeof best) => `${r.modelLabel} on the ${r.featureSetLabel.toLowerCase()}`;
  const se = best.sdRmse / Math.sqrt(best.folds.length);
  const threshold = best.meanRmse + (Number.isFinite(se) ? se : 0);
  const head = `${name(best)} has the lowest mean out-of-sample RMSE (${amount(best.meanRmse)}, standard ` +
    `error ${amount(se)})`;
  return best === chosen
    ? `${head} and no more interpretable model comes within one standard error of it, so it is chosen.`
    : `${head}; ${name(chosen)} is within one standard error (mean RMSE ${amount(chosen.meanRmse)} ≤ ${
      amount(threshold)
    }) and is more interpretable, so the one-standard-error rule chooses it.`;
}

/**
 * Channel effects of the linear model beside the forest's (counterfactual contribution and ROI).
 *
 * @param amount formatter of the outcome's amounts; `ratio` of returns per dollar
 * @example
 * ```ts ignore
 * effectsTable(cmp.effects, fmt.money, (x) => fmt.num(x, 2));
 * ```
 */
export function effectsTable(
  effects: readonly ComparisonEffect[],
  amount: (x: number) => string,
  ratio: (x: number) => string,
  labels?: Record<string, string>,
): Table {
  const rows = effects.map((e) => ({
    channel: channelLabel(e.channel, labels),
    spend: e.spend,
    linearContribution: e.linearContribution,
    linearRoi: e.linearRoi,
    forestContribution: e.forestContribution,
    forestRoi: e.forestRoi,
  }));
  return table(rows, {
    caption:
      "Effect of each channel: the outcome with actual spend minus the outcome with the channel at zero",
    labels: {
      channel: "Channel",
      spend: "Spend",
      linearContribution: "Linear: contribution",
      linearRoi: "Linear: return per $",
      forestContribution: "Forest: contribution",
      forestRoi: "Forest: return per $",
    },
    formats: {
      spend: amount,
      linearContribution: amount,
      forestContribution: amount,
      linearRoi: ratio,
      forestRoi: ratio,
    },
  });
}
