/**
 * One stage of the national model comparison (`national_comparison.ts`): its two feature sets, the comparison on
 * the pipeline's folds, the full-data fits the counterfactual effects need, and the importance views.
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import {
  CANDIDATE_LABELS,
  type CandidateModel,
  fitCandidate,
  type FittedCandidate,
} from "../evaluate/model_candidates.ts";
import {
  compareModels,
  type FeatureSet,
  type ModelComparison,
  specificationVerdict,
} from "../evaluate/model_comparison.ts";
import type { Fold } from "../evaluate/time_series_split.ts";
import { nationalModelFolds } from "./national.ts";
import { appendColumns, extendedColumns, type FeatureInfo } from "./comparison_features.ts";

/** One driver's importance for one model. */
export interface DriverImportance {
  /** The feature's design column name. */
  readonly feature: string;
  /** The input column it is built from; empty for a calendar term. */
  readonly column: string;
  /** Its transform in words ("adstock", "adstock, saturation", "lag 1 week", "control", …). */
  readonly transform: string;
  /** Mean decrease in squared error (forest fitted on all fit weeks), null for linear models. */
  readonly impurity: number | null;
  /** Drop in test R² when the feature is permuted, mean and sd over the folds' test weeks. */
  readonly permutation: number;
  /** Standard deviation of that drop over the folds and repeats. */
  readonly permutationSd: number;
}

/** Importances of one model on one feature set. */
export interface ModelImportance {
  /** The candidate model (`"random-forest"`, `"ols"`, `"ridge"`, `"elastic-net"`). */
  readonly model: CandidateModel;
  /** Its display name (`CANDIDATE_LABELS`). */
  readonly modelLabel: string;
  /** The feature set's id: `"model"` (the model's own design) or `"extended"`. */
  readonly featureSet: string;
  /** The feature set's display name. */
  readonly featureSetLabel: string;
  /** One row per feature of the set, in design order. */
  readonly rows: readonly DriverImportance[];
}

/** The comparison of one stage. */
export interface StageComparison {
  /** Which stage: stage 1 or 2 of the two-stage model, or the single-stage model. */
  readonly stage: "1" | "2" | "single";
  /** The stage's outcome column (the mediator for stage 1, the target otherwise). */
  readonly outcome: string;
  /** Every model on both feature sets, scored on the pipeline's folds, and the one-SE choice. */
  readonly comparison: ModelComparison;
  /** Whether the comparison keeps the model's own specification, in words (`specificationVerdict`). */
  readonly verdict: string;
  /** Each feature set's features (by set id), in design order. */
  readonly features: Readonly<Record<string, readonly FeatureInfo[]>>;
  /** The forest (on its better feature set) and the chosen model (or OLS when the forest is chosen). */
  readonly importance: readonly ModelImportance[];
}

/** A channel's effect under the linear model and under the forest. */
export interface ComparisonEffect {
  /** The paid channel (a social channel, or a media channel in the single-stage model). */
  readonly channel: string;
  /** Its total spend over the series. */
  readonly spend: number;
  /** Fitted target minus fitted target with the channel at zero, summed, under OLS on the model's design. */
  readonly linearContribution: number;
  /** `linearContribution / spend` (NaN without spend). */
  readonly linearRoi: number;
  /** The same counterfactual difference under the forest (through both stages' forests for the two-stage model). */
  readonly forestContribution: number;
  /** `forestContribution / spend` (NaN without spend). */
  readonly forestRoi: number;
}

/** Display names of the two feature sets. */
export const SETS: { readonly model: string; readonly extended: string } = {
  model: "Model's own design",
  extended: "Design with lags, moving averages and calendar",
};

/** What every stage run shares. */
export interface Common {
  /** Seed of the forests and permutations. */
  readonly seed: number;
  /** Trees per forest (the comparison's default when absent). */
  readonly forestTrees?: number;
  /** Permutations per feature and fold (the comparison's default when absent). */
  readonly importanceRepeats?: number;
  /** Week dates (ISO), for the calendar terms of the extended set. */
  readonly dates: readonly string[];
  /** Folds the pipeline's cross-validation kept (the last `nFolds` are used). */
  readonly nFolds: number;
}

/** The pipeline's kept folds: the last `nFolds` of `nationalModelFolds`. */
export function pipelineFolds(n: number, coefficients: number, nFolds: number): Fold[] {
  const all = nationalModelFolds(n, coefficients).folds;
  return all.slice(Math.max(0, all.length - nFolds));
}

/** A stage's two feature sets from a builder `(columns, train) → model-set design` and its channels. */
export interface StageBuilder {
  /** The stage's outcome column. */
  readonly outcome: string;
  /** The outcome, one value per week. */
  readonly y: Float64Array;
  /** Fit rows (week indices, increasing). */
  readonly rows: Int32Array;
  /** The input columns by name (a channel zeroed for a counterfactual). */
  readonly columns: Readonly<Record<string, Float64Array>>;
  /** Channels whose lags and moving averages the extended set adds. */
  readonly channels: readonly string[];
  /** What a model-set column is, for the importance tables. */
  readonly info: (name: string) => FeatureInfo;
  /** The model set's design over every week from `columns`, with anything fitted fitted on `train` (null: all). */
  readonly build: (columns: Readonly<Record<string, Float64Array>>, train: Int32Array | null) => Design;
}

/** What {@link runStage} returns: the stage's comparison and the full-data fits its effects need. */
export interface StageRun {
  /** The comparison as the results report it. */
  readonly result: StageComparison;
  /** The forest fitted on every fit row of its better feature set, with that set's design over every week. */
  readonly forest: { fit: FittedCandidate; design: Design };
  /** The forest's feature set (the one with its lower mean RMSE; `"model"` when every forest failed). */
  readonly forestSet: string;
  /** OLS fitted on every fit row of the model set, with its design over every week. */
  readonly linear: { fit: FittedCandidate; design: Design };
  /** Each feature set's design builder, by set id. */
  readonly build: Record<
    string,
    (columns: Readonly<Record<string, Float64Array>>, train: Int32Array | null) => Design
  >;
}

/**
 * The stage's two feature sets: `model` (the builder's design) and `extended` (it, plus each channel's lags
 * and moving average and the trend and annual terms not already in it), with their builders and feature info.
 */
export function featureSets(b: StageBuilder, dates: readonly string[]): {
  sets: FeatureSet[];
  build: Record<
    string,
    (columns: Readonly<Record<string, Float64Array>>, train: Int32Array | null) => Design
  >;
  info: Record<string, FeatureInfo[]>;
} {
  const extended = (columns: Readonly<Record<string, Float64Array>>, train: Int32Array | null) => {
    const base = b.build(columns, train);
    const extra = extendedColumns(columns, b.channels, dates, base.names);
    return appendColumns(base, extra.columns, extra.info.map((f) => f.name));
  };
  const base0 = b.build(b.columns, null);
  const extra0 = extendedColumns(b.columns, b.channels, dates, base0.names);
  const build = { model: b.build, extended };
  return {
    sets: [
      { id: "model", label: SETS.model, design: (train) => b.build(b.columns, train) },
      { id: "extended", label: SETS.extended, design: (train) => extended(b.columns, train) },
    ],
    build,
    info: { model: base0.names.map(b.info), extended: [...base0.names.map(b.info), ...extra0.info] },
  };
}

/** Compares one stage and returns it with the full-data fits the effects need. */
export function runStage(
  stage: StageComparison["stage"],
  b: StageBuilder,
  folds: Fold[],
  c: Common,
): StageRun {
  const { sets, build, info } = featureSets(b, c.dates);
  const models: CandidateModel[] = ["ols", "ridge", "elastic-net", "random-forest", "gradient-boosting"];
  const comparison = compareModels({
    outcome: b.outcome,
    y: b.y,
    rows: b.rows,
    folds,
    featureSets: sets,
    models,
    seed: c.seed,
    forestTrees: c.forestTrees,
    importanceFor: sets.flatMap((s) => models.map((model) => ({ model, featureSet: s.id }))),
    importanceRepeats: c.importanceRepeats,
  });
  const forestRows = comparison.rows.filter((r) => r.model === "random-forest" && r.failed === null);
  const forestSet = forestRows.length > 0
    ? forestRows.reduce((a, r) => (r.meanRmse < a.meanRmse ? r : a)).featureSet
    : "model";
  const fitAll = (model: CandidateModel, set: string): { fit: FittedCandidate; design: Design } => {
    const design = build[set](b.columns, null);
    const yRows = Float64Array.from(b.rows, (i) => b.y[i]);
    return { fit: fitCandidate(model, rowsOf(design, b.rows), yRows, c), design };
  };
  const forest = fitAll("random-forest", forestSet);
  const linear = fitAll("ols", "model");
  const chosen = comparison.chosen;
  const other = chosen && chosen.model !== "random-forest"
    ? chosen
    : { model: "ols" as const, featureSet: "model" };
  const importance: ModelImportance[] = [];
  for (const p of [{ model: "random-forest" as const, featureSet: forestSet }, other]) {
    const perm = comparison.importance.find((x) => x.model === p.model && x.featureSet === p.featureSet);
    if (!perm) continue;
    importance.push({
      model: p.model,
      modelLabel: CANDIDATE_LABELS[p.model],
      featureSet: p.featureSet,
      featureSetLabel: p.featureSet === "model" ? SETS.model : SETS.extended,
      rows: perm.names.map((name, j) => ({
        ...info[p.featureSet][j],
        feature: name,
        impurity: p.model === "random-forest" ? forest.fit.forest!.importance[j] : null,
        permutation: perm.mean[j],
        permutationSd: perm.sd[j],
      })),
    });
  }
  const result: StageComparison = {
    stage,
    outcome: b.outcome,
    comparison,
    verdict: specificationVerdict(comparison, "model"),
    features: info,
    importance,
  };
  return { result, forest, forestSet, linear, build };
}

/** A {@link ComparisonEffect} from the two contributions (ROI NaN without spend). */
export function effectRow(channel: string, spend: number, linear: number, forest: number): ComparisonEffect {
  return {
    channel,
    spend,
    linearContribution: linear,
    linearRoi: spend > 0 ? linear / spend : NaN,
    forestContribution: forest,
    forestRoi: spend > 0 ? forest / spend : NaN,
  };
}

/** A feature set's display name in lower case, for prose. */
export function label(set: string): string {
  return (set === "model" ? SETS.model : SETS.extended).toLowerCase();
}

/** The design's rows `rows`, in that order. */
export function rowsOf(d: Design, rows: Int32Array): Design {
  const x = new Float64Array(rows.length * d.k);
  for (let t = 0; t < rows.length; t++) x.set(d.x.subarray(rows[t] * d.k, (rows[t] + 1) * d.k), t * d.k);
  return { names: d.names, n: rows.length, k: d.k, x };
}
