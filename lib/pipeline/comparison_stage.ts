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
  readonly feature: string;
  readonly column: string;
  readonly transform: string;
  /** Mean decrease in squared error (forest fitted on all fit weeks), null for linear models. */
  readonly impurity: number | null;
  /** Drop in test R² when the feature is permuted, mean and sd over the folds' test weeks. */
  readonly permutation: number;
  readonly permutationSd: number;
}

/** Importances of one model on one feature set. */
export interface ModelImportance {
  readonly model: CandidateModel;
  readonly modelLabel: string;
  readonly featureSet: string;
  readonly featureSetLabel: string;
  readonly rows: readonly DriverImportance[];
}

/** The comparison of one stage. */
export interface StageComparison {
  readonly stage: "1" | "2" | "single";
  readonly outcome: string;
  readonly comparison: ModelComparison;
  /** Whether the comparison keeps the model's own specification, in words (`specificationVerdict`). */
  readonly verdict: string;
  readonly features: Readonly<Record<string, readonly FeatureInfo[]>>;
  /** The forest (on its better feature set) and the chosen model (or OLS when the forest is chosen). */
  readonly importance: readonly ModelImportance[];
}

/** A channel's effect under the linear model and under the forest. */
export interface ComparisonEffect {
  readonly channel: string;
  readonly spend: number;
  readonly linearContribution: number;
  readonly linearRoi: number;
  readonly forestContribution: number;
  readonly forestRoi: number;
}

export const SETS = {
  model: "Model's own design",
  extended: "Design with lags, moving averages and calendar",
};

/** What every stage run shares. */
export interface Common {
  readonly seed: number;
  readonly forestTrees?: number;
  readonly importanceRepeats?: number;
  readonly dates: readonly string[];
  readonly nFolds: number;
}

/** The pipeline's kept folds: the last `nFolds` of `nationalModelFolds`. */
export function pipelineFolds(n: number, coefficients: number, nFolds: number): Fold[] {
  const all = nationalModelFolds(n, coefficients).folds;
  return all.slice(Math.max(0, all.length - nFolds));
}

/** A stage's two feature sets from a builder `(columns, train) → model-set design` and its channels. */
export interface StageBuilder {
  readonly outcome: string;
  readonly y: Float64Array;
  readonly rows: Int32Array;
  readonly columns: Readonly<Record<string, Float64Array>>;
  readonly channels: readonly string[];
  readonly info: (name: string) => FeatureInfo;
  readonly build: (columns: Readonly<Record<string, Float64Array>>, train: Int32Array | null) => Design;
}

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
export function runStage(stage: StageComparison["stage"], b: StageBuilder, folds: Fold[], c: Common) {
  const { sets, build, info } = featureSets(b, c.dates);
  const models: CandidateModel[] = ["ols", "ridge", "elastic-net", "random-forest"];
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

export function label(set: string): string {
  return (set === "model" ? SETS.model : SETS.extended).toLowerCase();
}

export function rowsOf(d: Design, rows: Int32Array): Design {
  const x = new Float64Array(rows.length * d.k);
  for (let t = 0; t < rows.length; t++) x.set(d.x.subarray(rows[t] * d.k, (rows[t] + 1) * d.k), t * d.k);
  return { names: d.names, n: rows.length, k: d.k, x };
}
