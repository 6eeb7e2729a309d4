/**
 * The national model comparison (notebooks 03 and 04): OLS, Ridge, ElasticNet and a random forest, on the
 * pipeline's own design and on the extended design (lags, moving averages, calendar;
 * `comparison_features.ts`), scored on **the national pipeline's cross-validation folds**
 * (`nationalModelFolds`, the folds its own cross-validation kept), with the one-standard-error choice
 * (`lib/evaluate/model_comparison.ts`).
 *
 * - **Two-stage model**: stage 1 (the mediator on social spend) and stage 2 (the outcome) are compared
 *   separately. Stage 2's mediator columns, `adstock(M̂)` and `adstock(M − M̂)`, come from the pipeline's linear
 *   stage 1 refitted on each fold's training weeks, so every stage-2 candidate sees the same, leak-free inputs
 *   and the comparison measures the outcome model alone.
 * - **Single-stage model** (no usable mediator): only the outcome is compared, and `stages` says so.
 *
 * **Effects by counterfactual simulation** (the definition of the pipeline's contributions): for each social
 * (or, single-stage, media) channel, the predicted outcome with the recorded spend minus the predicted outcome
 * with the channel at zero in every week, summed over all weeks; ROI is that divided by the channel's spend.
 * Every feature built from the channel (adstock, lags, moving average) is rebuilt at zero. Two stages: the
 * channel at zero changes the stage-1 prediction by `ΔM̂` (of the same family: OLS for the linear effect, the
 * stage-1 forest for the forest's), the stage-2 column becomes `adstock(M̂ + ΔM̂)` while `adstock(M − M̂)` keeps its
 * recorded value (the pipeline's rule), and any direct path of the channel is zeroed. The linear effects are the
 * pipeline's OLS effects exactly (a test checks this); the forest's use, per stage, the feature set on which the
 * forest had the lower mean RMSE, fitted on all fit weeks. A forest predicts no change outside the spend range
 * it was trained on, so its effects are bounded by what the data show, not extrapolated.
 *
 * References: Breiman (2001), "Random forests"; Hastie, Tibshirani & Friedman (2009) §7.10 and §15.3;
 * Pearl (2001), "Direct and indirect effects" (effects as counterfactual differences through the mediator).
 *
 * @module
 */

import type { Dataset } from "../data/types.ts";
import type { Design } from "../features/design.ts";
import { geometricAdstock } from "../features/adstock.ts";
import { qrLeastSquares } from "../linalg/mod.ts";
import { type MediationData, mediationData, type MediationInputs } from "../models/mediation.ts";
import type { NationalResults } from "./national.ts";
import { singleStageDesign, type SingleStageInputs } from "./national_single_stage.ts";
import { appendColumns, extendedColumns, type FeatureInfo, withoutConst } from "./comparison_features.ts";
import {
  type Common,
  type ComparisonEffect,
  effectRow,
  label,
  pipelineFolds,
  runStage,
  type StageComparison,
} from "./comparison_stage.ts";
import { NATIONAL_RUN } from "./run_settings.ts";

/** Options of {@link nationalComparison}. */
export interface NationalComparisonOptions {
  /** Seed of the forests and permutations (default `NATIONAL_RUN.seed`, the pipeline's). */
  readonly seed?: number;
  /** Trees per forest (default 300). */
  readonly forestTrees?: number;
  /** Permutations per feature and fold (default 10). */
  readonly importanceRepeats?: number;
}

export type {
  ComparisonEffect,
  DriverImportance,
  ModelImportance,
  StageComparison,
} from "./comparison_stage.ts";

/** The result of {@link nationalComparison}: each stage's model comparison and the forest's channel effects. */
export interface NationalComparison {
  /** The national model compared (the pipeline's `model`); null when it fitted none. */
  readonly kind: "two-stage" | "single-stage" | null;
  /** One comparison per compared stage (stage 1 then stage 2, or the single stage); empty when skipped. */
  readonly stages: readonly StageComparison[];
  /** Per channel, the forest's effect by counterfactual simulation beside the linear model's; empty when skipped. */
  readonly effects: readonly ComparisonEffect[];
  /** The feature sets the forest's effects use, in words. */
  readonly effectsBasis: string;
  /** Why nothing was compared (null when it was). */
  readonly skipped: string | null;
  /** What was compared, in one sentence (two stages, or the revenue stage only). */
  readonly scope: string;
}

/**
 * Runs the comparison (see the module doc) on the pipeline's results.
 *
 * @example
 * ```ts ignore
 * const cmp = nationalComparison(weekly, national);
 * cmp.stages[0].comparison.sentence; // the stage-1 choice and its reason
 * ```
 */
export function nationalComparison(
  ds: Dataset,
  national: NationalResults,
  options: NationalComparisonOptions = {},
): NationalComparison {
  const seed = options.seed ?? NATIONAL_RUN.seed;
  const cv = national.outcome?.crossValidation ?? null;
  const none = (reason: string): NationalComparison => ({
    kind: national.model,
    stages: [],
    effects: [],
    effectsBasis: "",
    skipped: reason,
    scope: "",
  });
  if (national.model === null || national.outcome === null) {
    return none(national.skipped[0]?.reason ?? "The national model could not be fitted.");
  }
  if (cv === null) {
    const reason = national.skipped.find((s) => s.section === "cross-validation")?.reason;
    return none(reason ?? "The national model has no cross-validation folds to compare models on.");
  }
  const common = {
    seed,
    forestTrees: options.forestTrees,
    importanceRepeats: options.importanceRepeats,
    dates: ds.dates,
    nFolds: cv.folds.length,
  };
  if (national.twoStage) return twoStage(national.twoStage.inputs, national.twoStage.fit.stage1.coef, common);
  return singleStage(national.singleStage!.inputs, national.singleStage!.fit.rows, common);
}

function twoStage(inputs: MediationInputs, stage1Coef: Float64Array, c: Common): NationalComparison {
  const data = mediationData(inputs);
  const spec = data.spec;
  const m = spec.mediator.column, thetaM = spec.mediator.theta;
  const social = spec.social.map((s) => s.column);
  const k1 = data.stage1Terms.length;
  const folds = pipelineFolds(data.n, Math.max(k1, data.stage2Terms.length), c.nFolds);
  const dataFor = (columns: Readonly<Record<string, Float64Array>>) =>
    columns === inputs.columns ? data : mediationData({ ...inputs, columns });
  const stage1Block = (d: MediationData): Design =>
    withoutConst({ names: d.stage1Terms, n: d.n, k: k1, x: d.stage1X });
  const linearMHat = (d: MediationData, a: ArrayLike<number>) => {
    const out = new Float64Array(d.n);
    for (let i = 0; i < d.n; i++) for (let j = 0; j < k1; j++) out[i] += d.stage1X[i * k1 + j] * a[j];
    return out;
  };
  const stage1Ols = (train: Int32Array) => {
    const x = new Float64Array(train.length * k1);
    train.forEach((i, t) => x.set(data.stage1X.subarray(i * k1, (i + 1) * k1), t * k1));
    return qrLeastSquares(x, Float64Array.from(train, (i) => data.mediator[i]), train.length, k1).coef;
  };
  const actualMHat = linearMHat(data, stage1Coef);
  /** Stage-2 model-set design for a stage-1 prediction `mHat`, the residual from `mHatRef`. */
  const stage2Block = (d: MediationData, mHat: Float64Array, mHatRef: Float64Array): Design => {
    const fixed = d.stage2Terms.slice(3);
    const kf = fixed.length, k = kf + 2;
    const fitted = geometricAdstock(mHat, thetaM);
    const residual = geometricAdstock(Float64Array.from(d.mediator, (v, i) => v - mHatRef[i]), thetaM);
    const x = new Float64Array(d.n * k);
    for (let i = 0; i < d.n; i++) {
      x[i * k] = fitted[i];
      x[i * k + 1] = residual[i];
      for (let j = 0; j < kf; j++) x[i * k + 2 + j] = d.stage2Fixed[i * kf + j];
    }
    return { names: d.stage2Terms.slice(1), n: d.n, k, x };
  };
  const info = (name: string): FeatureInfo => {
    if (name === `${m}_fitted`) {
      return { name, column: m, transform: "predicted from social spend (adstock)" };
    }
    if (name === `${m}_residual`) {
      return { name, column: m, transform: "not explained by social spend (adstock)" };
    }
    if (social.includes(name)) return { name, column: name, transform: "adstock" };
    if (spec.direct.some((d) => d.column === name)) {
      return { name, column: name, transform: "saturation" };
    }
    if (name === spec.price || name === spec.promotion) {
      return { name, column: name, transform: "as recorded" };
    }
    return { name, column: name, transform: "control" };
  };
  const s1 = runStage(
    "1",
    {
      outcome: m,
      y: data.mediator,
      rows: data.rows,
      columns: inputs.columns,
      channels: social,
      info,
      build: (columns) => stage1Block(dataFor(columns)),
    },
    folds,
    c,
  );
  const s2 = runStage(
    "2",
    {
      outcome: data.yName,
      y: data.y,
      rows: data.rows,
      columns: inputs.columns,
      channels: [...spec.directSocial.map((s) => s.column), ...spec.direct.map((d) => d.column)],
      info,
      build: (columns, train) => {
        const d = dataFor(columns);
        const mHat = train === null ? actualMHat : linearMHat(d, stage1Ols(train));
        return stage2Block(d, mHat, mHat);
      },
    },
    folds,
    c,
  );

  const sum = (v: Float64Array) => v.reduce((a, b) => a + b, 0);
  const effects = social.map((channel) => {
    const zeroed = { ...inputs.columns, [channel]: new Float64Array(data.n) };
    const dz = dataFor(zeroed);
    // linear: OLS stage 1 (the pipeline's coefficients) and OLS stage 2 on the model set
    const linCf = stage2Block(dz, linearMHat(dz, stage1Coef), actualMHat);
    const linear = sum(s2.linear.fit.predict(s2.linear.design)) - sum(s2.linear.fit.predict(linCf));
    // forest: ΔM̂ from the stage-1 forest, then the stage-2 forest on its feature set
    const f1 = s1.forest.fit;
    const delta = f1.predict(s1.build[s1.forestSet](zeroed, null));
    const base = f1.predict(s1.forest.design);
    const shifted = Float64Array.from(actualMHat, (v, i) => v + delta[i] - base[i]);
    const cfBlock = stage2Block(dz, shifted, actualMHat);
    const cf2 = s2.forestSet === "model" ? cfBlock : extendWith(cfBlock, zeroed, s2, c.dates);
    const forest = sum(s2.forest.fit.predict(s2.forest.design)) - sum(s2.forest.fit.predict(cf2));
    const spend = sum(inputs.columns[channel]);
    return effectRow(channel, spend, linear, forest);
  });
  return {
    kind: "two-stage",
    stages: [s1.result, s2.result],
    effects,
    effectsBasis: `the stage-1 forest on the ${label(s1.forestSet)} and the stage-2 forest on the ` +
      `${label(s2.forestSet)} (each the set with its lower mean RMSE)`,
    skipped: null,
    scope: `Both stages are compared: stage 1 (${m} on social spend) and stage 2 (${data.yName}).`,
  };
}

/** The extended stage-2 design from a counterfactual model-set block (lags rebuilt from `columns`). */
function extendWith(
  block: Design,
  columns: Readonly<Record<string, Float64Array>>,
  s: { result: StageComparison },
  dates: readonly string[],
): Design {
  const names = s.result.features.extended.map((f) => f.name).slice(block.k);
  const channels = [
    ...new Set(s.result.features.extended.slice(block.k).map((f) => f.column).filter(Boolean)),
  ];
  const extra = extendedColumns(columns, channels, dates, block.names);
  return appendColumns(block, extra.columns, names);
}

function singleStage(inputs: SingleStageInputs, rows: Int32Array, c: Common): NationalComparison {
  const spec = inputs.spec;
  const media = spec.media.map((x) => x.column);
  const design0 = singleStageDesign(inputs);
  const folds = pipelineFolds(inputs.y.length, design0.k, c.nFolds);
  const info = (name: string): FeatureInfo => {
    if (media.includes(name)) return { name, column: name, transform: "adstock" };
    if (spec.direct.some((d) => d.column === name)) {
      return { name, column: name, transform: "saturation" };
    }
    if (name === spec.price || name === spec.promotion) {
      return { name, column: name, transform: "as recorded" };
    }
    return { name, column: name, transform: "control" };
  };
  const s = runStage(
    "single",
    {
      outcome: inputs.yName ?? "y",
      y: inputs.y,
      rows,
      columns: inputs.columns,
      channels: [...media, ...spec.direct.map((d) => d.column)],
      info,
      build: (columns) => withoutConst(singleStageDesign({ ...inputs, columns })),
    },
    folds,
    c,
  );
  const sum = (v: Float64Array) => v.reduce((a, b) => a + b, 0);
  const effects = media.map((channel) => {
    const zeroed = { ...inputs.columns, [channel]: new Float64Array(inputs.y.length) };
    const linear = sum(s.linear.fit.predict(s.linear.design)) -
      sum(s.linear.fit.predict(s.build.model(zeroed, null)));
    const forest = sum(s.forest.fit.predict(s.forest.design)) -
      sum(s.forest.fit.predict(s.build[s.forestSet](zeroed, null)));
    return effectRow(channel, sum(inputs.columns[channel]), linear, forest);
  });
  return {
    kind: "single-stage",
    stages: [s.result],
    effects,
    effectsBasis: `the forest on the ${label(s.forestSet)} (the set with its lower mean RMSE)`,
    skipped: null,
    scope: `The national model has a single stage (no usable mediator), so only the ${
      inputs.yName ?? "outcome"
    } model is compared.`,
  };
}
