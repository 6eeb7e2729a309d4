/**
 * The single-stage national model, fitted when the two-stage model cannot be (no mediator, a mediator that is
 * all zero, or no social channel): the outcome on every media channel with its carryover, the direct channels
 * through their saturation curves, price, promotion and controls, by OLS on the fit rows.
 *
 * `Y_t = b₀ + Σ_m β_m · adstock(X_m, θ_m)_t + Σ_d β_d · g_d(adstock(D_d, θ_d))_t + β_price · price_t
 *       + β_promo · promotion_t + Σ controls + e_t`
 *
 * Effects, with the definitions of the two-stage model's direct paths (`lib/models/mediation.ts`):
 * - a media channel: `β_m / (1 − θ_m)` per dollar in the long run; counterfactual contribution
 *   `β_m Σ_t adstock(X_m, θ_m)_t` over every week; `roi = contribution / Σ_t X_m,t`;
 * - a direct channel: `β_d Σ_t (g_d(adstock(D_d)_t) − g_d(0))`, and per thousand units;
 * - price elasticity at the means `β_price · mean(price) / mean(Y)`; promotion lift `β_promo` (absolute and
 *   `100 β_promo / mean(Y)` %). Means over every week.
 * Every effect is linear in the coefficients, `e = L b`, so the bootstrap maps each replicate's coefficients
 * through the same `L`.
 *
 * Uncertainty: the circular block bootstrap of `mediation_bootstrap.ts` (Politis & Romano 1992) applied to the
 * rows of the design (adstock computed once on the series in time order), refitting OLS per replicate;
 * percentile intervals (Efron & Tibshirani 1993, §13.3). A replicate whose design is rank deficient is left out
 * and counted.
 *
 * @module
 */
import { ModelError } from "../errors.ts";
import { takeDesignRows, takeRows } from "../features/design.ts";
import { qrLeastSquares } from "../linalg/mod.ts";
import { standardizedCoefficients } from "../models/mediation.ts";
import type { BootstrapInterval } from "../models/mediation_bootstrap.ts";
import { fitOls, type OlsOptions } from "../models/ols.ts";
import { crossValidate, type CrossValidation } from "../evaluate/cross_validate.ts";
import type { Fold } from "../evaluate/time_series_split.ts";
import { quantileSorted } from "../stats/describe.ts";
import { xoshiro128ss } from "../stats/random.ts";
import { applyMap, effectMap, fitRows, singleStageDesign } from "./national_single_stage_design.ts";
import type {
  SingleStageBootstrap,
  SingleStageBootstrapOptions,
  SingleStageDirectEffect,
  SingleStageFit,
  SingleStageInputs,
  SingleStageMediaEffect,
} from "./national_single_stage_types.ts";
export type {
  SingleStageBootstrap,
  SingleStageBootstrapOptions,
  SingleStageDirectEffect,
  SingleStageFit,
  SingleStageInputs,
  SingleStageMediaEffect,
  SingleStageSpec,
} from "./national_single_stage_types.ts";
export { singleStageDesign } from "./national_single_stage_design.ts";

/**
 * Fits the single-stage model by OLS on the fit rows (see the module doc) and computes its effects.
 *
 * @param inputs spec (θ and saturation fixed), columns, outcome, fit rows
 * @param options OLS covariance (e.g. `{ covType: "HAC", maxLags: 4 }`)
 * @throws ModelError when the design is rank deficient (naming the columns) or has too few rows
 * @example
 * ```ts ignore
 * const fit = fitSingleStage({ spec, columns: weekly.columns, y: weekly.columns.revenue });
 * fit.media[0].perDollar;
 * ```
 */
export function fitSingleStage(inputs: SingleStageInputs, options: OlsOptions = {}): SingleStageFit {
  const design = singleStageDesign(inputs);
  const n = inputs.y.length;
  const rows = fitRows(inputs.rows, n);
  const yName = inputs.yName ?? "y";
  const yRows = takeRows(inputs.y, rows);
  const ols = fitOls(takeDesignRows(design, rows), yRows, { ...options, yName });
  const fitted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < design.k; j++) s += design.x[i * design.k + j] * ols.coef[j];
    fitted[i] = s;
  }
  const map = effectMap(inputs, design);
  const values = new Float64Array(map.names.length);
  applyMap(map, ols.coef, values, 0);
  const get = (name: string) => values[map.names.indexOf(name)];
  const { spec } = inputs;
  const sum = (x: Float64Array) => x.reduce((a, b) => a + b, 0);
  const media = spec.media.map((m, idx): SingleStageMediaEffect => ({
    channel: m.column,
    theta: m.theta,
    coef: ols.coef[1 + idx],
    coefSe: ols.bse[1 + idx],
    perDollar: get(`${m.column}.perDollar`),
    spend: sum(inputs.columns[m.column]),
    contribution: get(`${m.column}.contribution`),
    roi: get(`${m.column}.roi`),
  }));
  const direct = spec.direct.map((d, idx): SingleStageDirectEffect => {
    const j = 1 + spec.media.length + idx;
    return {
      channel: d.column,
      coef: ols.coef[j],
      coefSe: ols.bse[j],
      contribution: get(`${d.column}.contribution`),
      volume: sum(inputs.columns[d.column]),
      contributionPerThousand: get(`${d.column}.contributionPerThousand`),
    };
  });
  const promoIndex = 1 + spec.media.length + spec.direct.length + (spec.price === undefined ? 0 : 1);
  return {
    spec,
    yName,
    n,
    rows,
    design,
    ols,
    fitted,
    media,
    direct,
    priceElasticity: spec.price === undefined ? null : get(`${spec.price}.elasticity`),
    promotionLift: spec.promotion === undefined ? null : {
      absolute: get(`${spec.promotion}.lift`),
      absoluteSe: ols.bse[promoIndex],
      percentOfMeanOutcome: get(`${spec.promotion}.liftPercent`),
    },
    estimates: { names: map.names, values },
    standardized: standardizedCoefficients(takeDesignRows(design, rows), ols.coef, yRows),
  };
}

/**
 * Block bootstrap of the single-stage model (see the module doc): `reps` resamples of the fit rows in blocks of
 * `blockLength` (circular by default), OLS refitted on each, every effect and standardized coefficient
 * summarized by its percentile interval.
 *
 * @throws RangeError for bad options; ModelError when more than half of the replicates are rank deficient
 * @example
 * ```ts ignore
 * const boot = bootstrapSingleStage(inputs, { seed: 1, reps: 999 });
 * boot.effects.find((e) => e.name === "google_spend.roi");
 * ```
 */
export function bootstrapSingleStage(
  inputs: SingleStageInputs,
  options: SingleStageBootstrapOptions,
): SingleStageBootstrap {
  const { seed } = options;
  const reps = options.reps ?? 999, blockLength = options.blockLength ?? 8;
  const level = options.level ?? 0.95, circular = options.circular ?? true;
  if (!(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)) {
    throw new RangeError(`seed must be an integer in [0, 2^32), got ${seed}`);
  }
  if (!(Number.isInteger(reps) && reps >= 2)) {
    throw new RangeError(`reps must be an integer >= 2, got ${reps}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const fit = fitSingleStage(inputs);
  const { design, rows } = fit;
  const m = rows.length, k = design.k;
  if (!(Number.isInteger(blockLength) && blockLength >= 1 && blockLength <= m)) {
    throw new RangeError(`blockLength must be an integer in [1, ${m}], got ${blockLength}`);
  }
  const map = effectMap(inputs, design);
  const q = map.names.length;
  const stdNames = fit.standardized.names;
  const values = new Float64Array(reps * q);
  const stdValues = new Float64Array(reps * stdNames.length);
  const x = new Float64Array(m * k), y = new Float64Array(m);
  const nStarts = circular ? m : m - blockLength + 1;
  const next = xoshiro128ss(seed);
  let ok = 0, nFailed = 0;
  for (let r = 0; r < reps; r++) {
    for (let p = 0; p < m;) {
      const start = Math.floor((next() / 2 ** 32) * nStarts);
      for (let j = 0; j < blockLength && p < m; j++, p++) {
        const row = rows[(start + j) % m];
        x.set(design.x.subarray(row * k, (row + 1) * k), p * k);
        y[p] = inputs.y[row];
      }
    }
    let coef: Float64Array;
    try {
      coef = qrLeastSquares(x, y, m, k, design.names).coef;
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      nFailed++;
      continue;
    }
    applyMap(map, coef, values, ok * q);
    const std = standardizedCoefficients({ names: design.names, n: m, k, x }, coef, y).values;
    stdValues.set(std, ok * stdNames.length);
    ok++;
  }
  if (nFailed > reps / 2) {
    throw new ModelError(
      `${nFailed} of ${reps} bootstrap replicates had a rank-deficient design (a sparse column never drawn?)`,
    );
  }
  return {
    seed,
    reps,
    blockLength,
    level,
    circular,
    nFailed,
    effects: summarize(map.names, fit.estimates.values, values, ok, level),
    standardized: summarize(stdNames, fit.standardized.values, stdValues, ok, level, "standardized"),
  };
}

function summarize(
  names: readonly string[],
  estimates: Float64Array,
  values: Float64Array,
  reps: number,
  level: number,
  quantity?: string,
): BootstrapInterval[] {
  const q = names.length;
  const column = new Float64Array(reps);
  return names.map((name, j) => {
    let mean = 0, nonPositive = 0;
    for (let r = 0; r < reps; r++) {
      column[r] = values[r * q + j];
      mean += column[r];
      if (column[r] <= 0) nonPositive++;
    }
    mean /= reps;
    let ss = 0;
    for (let r = 0; r < reps; r++) ss += (column[r] - mean) ** 2;
    column.sort();
    const dot = name.lastIndexOf(".");
    return {
      name,
      channel: quantity ? name : name.slice(0, dot),
      quantity: quantity ?? name.slice(dot + 1),
      estimate: estimates[j],
      se: Math.sqrt(ss / (reps - 1)),
      lower: quantileSorted(column, (1 - level) / 2),
      upper: quantileSorted(column, 1 - (1 - level) / 2),
      shareNonPositive: nonPositive / reps,
    };
  });
}

/**
 * Time-series cross-validation of the single-stage model: OLS on each fold's training rows (restricted to the
 * fit rows), predictions for its test rows. The adstocked regressors come from the series in time order (a
 * test week's carryover from earlier spend is known when it is predicted).
 *
 * @throws ModelError naming the fold when a training window cannot identify the model
 * @example
 * ```ts ignore
 * crossValidateSingleStage(inputs, timeSeriesSplit(inputs.y.length, { nSplits: 4, testSize: 13 })).mean.r2;
 * ```
 */
export function crossValidateSingleStage(inputs: SingleStageInputs, folds: readonly Fold[]): CrossValidation {
  const design = singleStageDesign(inputs);
  const n = inputs.y.length;
  const keep = new Uint8Array(n);
  for (const i of fitRows(inputs.rows, n)) keep[i] = 1;
  const used = folds
    .map((f) => ({ train: f.train.filter((i) => keep[i] === 1), test: f.test.filter((i) => keep[i] === 1) }))
    .filter((f) => f.test.length > 0);
  if (used.length === 0) throw new RangeError("no fold has a test row among the fit rows");
  let fold = 0;
  return crossValidate({
    y: inputs.y,
    folds: used,
    fitPredict: (train, test) => {
      const f = fold++;
      let coef: Float64Array;
      try {
        if (train.length <= design.k) {
          throw new ModelError(`${train.length} rows for ${design.k} coefficients`);
        }
        const sub = takeDesignRows(design, train);
        coef = qrLeastSquares(sub.x, takeRows(inputs.y, train), sub.n, sub.k, sub.names).coef;
      } catch (e) {
        if (e instanceof ModelError) {
          throw new ModelError(`fold ${f} (${train.length} training rows): ${e.message}`, e.columns);
        }
        throw e;
      }
      const out = new Float64Array(test.length);
      test.forEach((i, t) => {
        let s = 0;
        for (let j = 0; j < design.k; j++) s += design.x[i * design.k + j] * coef[j];
        out[t] = s;
      });
      return out;
    },
  });
}
