/**
 * Interaction effects in the national outcome model: whether promotions offset price sensitivity
 * (promotion × price) and whether email works better in promotion weeks (email × promotion).
 *
 * Each interaction is the centred product `(x_t − x̄)(p_t − p̄)` of the moderated column `x` (price, or the
 * email column with the pipeline's chosen carryover and saturation) and the promotion column `p`, the means
 * over the fit rows, added to the pipeline's outcome design (same columns, same fit rows): the main effects
 * then keep their meaning at the other variable's mean (Aiken & West 1991, "Multiple Regression: Testing and
 * Interpreting Interactions", ch. 3). Each is added alone, then both jointly. The model is
 * `y = Xβ + γ (x − x̄)(p − p̄) + e`, so the slope of `x` at promotion level `v` is `β_x + γ (v − p̄)`: in
 * promotion weeks `v` is the mean promotion level of the weeks with one (1 for a 0/1 flag), otherwise 0.
 *
 * - Price: the slope is reported as the price elasticity at the means, `slope · mean(price)/mean(y)` over
 *   every week (the pipeline's definition), or per unit of price when a mean is not positive.
 * - Email: the slope times `mean(g(email)) − g(0)`, the email column's mean over every week above its value
 *   at zero sends: what an average week's emails add to the target.
 *
 * Errors are Newey–West (HAC) with the pipeline's lags, intervals and p-values from the normal
 * distribution, as statsmodels' `fit(cov_type="HAC")` (a fixture test holds them equal at 1e-6). The
 * out-of-sample change in RMSE on the pipeline's time-series folds (stage 1 refitted per fold) says whether
 * an interaction that is significant in sample also predicts better; {@link interactionVerdict} says so.
 * The HAC errors treat the transforms and, in the two-stage model, `M̂` as given (as the pipeline's own
 * OLS table does), so these intervals are narrower than a bootstrap that re-chose them would be.
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { ModelError } from "../errors.ts";
import { saturationAt } from "../features/saturation.ts";
import { type FTestResult, waldTest } from "../models/wald_test.ts";
import {
  centredProduct,
  type Combination,
  combination,
  compareOutOfSample,
  fitExtended,
  meanOver,
  type OutcomeModel,
  outcomeModel,
  type OutcomeModelSource,
  type OutOfSampleComparison,
} from "./outcome_design.ts";
import { type InteractionVerdict, interactionVerdict } from "./interaction_verdict.ts";
import { defaultFormat as plain } from "./verdict_format.ts";

export * from "./interaction_verdict.ts";

/** Which interaction. */
export type InteractionId = "promotion_x_price" | "email_x_promotion";

/** Options of {@link interactionEffects}. */
export interface InteractionOptions {
  /**
   * The email column among the direct channels. Default: the direct channel whose name contains "email" or
   * "e-mail" (any case), if exactly one does; otherwise the email × promotion interaction is not tested.
   */
  readonly email?: string;
}

/** One interaction, added alone to the outcome model. */
export interface InteractionEffect {
  /** Which interaction. */
  readonly id: InteractionId;
  /** "promotion × price", "email × promotion". */
  readonly label: string;
  /** The moderated column (price or email), a column of the dataset. */
  readonly column: string;
  /** The promotion column (`roles.promotion`). */
  readonly promotion: string;
  /** The design term's name, `<promotion>×<column>`. */
  readonly term: string;
  /** The interaction coefficient γ with its HAC error, 95% interval and p-value. */
  readonly coefficient: Combination;
  /** What `inPromotion` and `otherwise` measure, in words (e.g. "price elasticity at the means"). */
  readonly quantity: string;
  /** Their unit: "elasticity", or the target per unit of price, or the target's name (email). */
  readonly unit: string;
  /** The moderated effect in promotion weeks (promotion at `promotionLevel`), HAC SE and 95% interval. */
  readonly inPromotion: Combination;
  /** The moderated effect in weeks without a promotion (promotion at 0). */
  readonly otherwise: Combination;
  /**
   * `inPromotion − otherwise`, `γ · promotionLevel` rescaled, with its 95% interval: the interaction's test.
   */
  readonly difference: Combination;
  /** The model's effect without the interaction (the pipeline's design refitted on the same rows). */
  readonly withoutInteraction: Combination;
  /** Out-of-sample RMSE without and with the term; null when CV is not possible (see `outOfSampleReason`). */
  readonly outOfSample: OutOfSampleComparison | null;
  /** Why there is no out-of-sample comparison, in words; null when there is one. */
  readonly outOfSampleReason: string | null;
  /** In-sample R² of the outcome model on its fit rows without and with the term. */
  readonly inSampleR2: { readonly without: number; readonly with: number };
  /** What the difference's interval and the out-of-sample check say, with its paragraph. */
  readonly verdict: InteractionVerdict;
}

/** Both interactions together. */
export interface JointInteractions {
  /** Each interaction's term and coefficient γ (HAC SE, 95% interval) when both are in the model together. */
  readonly terms: readonly {
    readonly id: InteractionId;
    readonly term: string;
    readonly coefficient: Combination;
  }[];
  /** HAC Wald test that both coefficients are zero. */
  readonly wald: FTestResult;
  /** Out-of-sample RMSE without and with both terms; null when CV is not possible. */
  readonly outOfSample: OutOfSampleComparison | null;
  /** Why there is no out-of-sample comparison; null when there is one. */
  readonly outOfSampleReason: string | null;
}

/** What {@link interactionEffects} returns. */
export type InteractionResults =
  | { readonly available: false; readonly reason: string }
  | {
    readonly available: true;
    /**
     * The national outcome model the terms were added to: stage 2 of the two-stage model, or single-stage.
     */
    readonly model: "two-stage" | "single-stage";
    /** Newey–West lags of the HAC errors (the pipeline's). */
    readonly maxLags: number;
    /** Weeks the model is fitted on (anomalous weeks left out). */
    readonly fitWeeks: number;
    /** `"binary"` for a 0/1 flag, `"counts"` otherwise. */
    readonly promotionKind: "binary" | "counts";
    /** Promotion level of the "in promotion weeks" case (1 for a flag). */
    readonly promotionLevel: number;
    /** Each interaction tested, added alone to the outcome model. */
    readonly effects: readonly InteractionEffect[];
    /** Interactions that could not be tested, and why. */
    readonly notTested: readonly { readonly id: InteractionId; readonly reason: string }[];
    /** null with fewer than two interactions tested. */
    readonly joint: JointInteractions | null;
  };

/**
 * Tests the promotion × price and email × promotion interactions on the national pipeline's outcome model
 * (see the module doc).
 *
 * @param ds the dataset the pipeline ran on
 * @param source the pipeline's results (`NationalResults`)
 * @param options the email column, if its name does not say so
 * @example
 * ```ts ignore
 * const r = interactionEffects(weekly, national);
 * if (r.available) r.effects.map((e) => e.verdict.sentence);
 * ```
 */
export function interactionEffects(
  ds: Dataset,
  source: OutcomeModelSource,
  options: InteractionOptions = {},
): InteractionResults {
  const promo = source.roles.promotion;
  if (promo === undefined) {
    return {
      available: false,
      reason: ds.roles.promotion === undefined
        ? "Interactions with promotions cannot be tested: no promotion column is mapped (roles.promotion)."
        : `Interactions with promotions cannot be tested: the promotion column "${ds.roles.promotion}" was left out of the model (see the pipeline's notes).`,
    };
  }
  const built = outcomeModel(ds, source);
  if ("reason" in built) {
    return { available: false, reason: `Interactions cannot be tested: ${built.reason}.` };
  }
  const model: OutcomeModel = built;
  const p = ds.columns[promo];
  const active = model.rows.filter((i) => p[i] > 0);
  if (active.length === 0 || active.length === model.rows.length) {
    return {
      available: false,
      reason: `Interactions with promotions cannot be tested: "${promo}" is ${
        active.length === 0 ? "zero" : "positive"
      } in every fit week, so promotion weeks cannot be compared with the others.`,
    };
  }
  const binary = [...p].every((v) => v === 0 || v === 1);
  const level = meanOver(p, active);
  const pBar = meanOver(p, model.rows);
  const y = model.y;
  const all = Int32Array.from({ length: model.n }, (_, i) => i);
  const meanY = meanOver(y, all);

  const notTested: { id: InteractionId; reason: string }[] = [];
  const candidates: {
    id: InteractionId;
    column: string;
    label: string;
    x: Float64Array;
    scale: number;
    quantity: string;
    unit: string;
  }[] = [];
  const price = source.roles.price;
  if (price === undefined || !model.names.includes(price)) {
    notTested.push({
      id: "promotion_x_price",
      reason: "Promotion × price is not tested: no price column is in the model.",
    });
  } else {
    const x = ds.columns[price];
    const meanPrice = meanOver(x, all);
    const elastic = meanY > 0 && meanPrice > 0;
    candidates.push({
      id: "promotion_x_price",
      column: price,
      label: "promotion × price",
      x,
      scale: elastic ? meanPrice / meanY : 1,
      quantity: elastic
        ? "price elasticity at the means"
        : `change in ${source.roles.target} per unit of price`,
      unit: elastic ? "elasticity" : `${source.roles.target} per unit of price`,
    });
  }
  const email = options.email ?? defaultEmail(source.roles.direct);
  if (email === undefined || !model.names.includes(email)) {
    notTested.push({
      id: "email_x_promotion",
      reason: options.email !== undefined
        ? `Email × promotion is not tested: "${options.email}" is not a column of the model.`
        : "Email × promotion is not tested: no direct channel is named as email (pass options.email).",
    });
  } else {
    const j = model.names.indexOf(email);
    const full = model.designAt(all);
    const x = Float64Array.from({ length: model.n }, (_, t) => full.x[t * full.k + j]);
    const spec = model.direct.find((d) => d.column === email);
    const atZero = spec?.saturation ? saturationAt(0, spec.saturation) : 0;
    candidates.push({
      id: "email_x_promotion",
      column: email,
      label: "email × promotion",
      x,
      scale: meanOver(x, all) - atZero,
      quantity: `${source.roles.target} added by an average week's emails`,
      unit: source.roles.target,
    });
  }
  if (candidates.length === 0) {
    return { available: false, reason: notTested.map((n) => n.reason).join(" ") };
  }

  const base = fitExtended(model, {});
  const extras: Record<string, Float64Array> = {};
  const effects: InteractionEffect[] = [];
  for (const c of candidates) {
    const term = `${promo}×${c.column}`;
    const product = centredProduct(c.x, p, model.rows);
    extras[term] = product;
    let fit;
    try {
      fit = fitExtended(model, { [term]: product });
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      notTested.push({ id: c.id, reason: `${cap(c.label)} cannot be estimated: ${e.message}.` });
      delete extras[term];
      continue;
    }
    const at = (v: number) => combination(fit, { [c.column]: 1, [term]: v - pBar }, c.scale);
    const inPromotion = at(level), otherwise = at(0);
    const difference = combination(fit, { [term]: level }, c.scale);
    const cv = compareOutOfSample(model, { [term]: product });
    const oos = "reason" in cv ? null : cv;
    const oosReason = "reason" in cv ? cv.reason : null;
    effects.push({
      id: c.id,
      label: c.label,
      column: c.column,
      promotion: promo,
      term,
      coefficient: combination(fit, { [term]: 1 }),
      quantity: c.quantity,
      unit: c.unit,
      inPromotion,
      otherwise,
      difference,
      withoutInteraction: combination(base, { [c.column]: 1 }, c.scale),
      outOfSample: oos,
      outOfSampleReason: oosReason,
      inSampleR2: { without: base.stats.rsquared, with: fit.stats.rsquared },
      verdict: interactionVerdict({
        id: c.id,
        inPromotion,
        otherwise,
        difference,
        elasticity: c.unit === "elasticity",
        format: c.id === "email_x_promotion" && ds.roles.targetUnit !== "units" ? money : plain,
        rmseFormat: ds.roles.targetUnit !== "units" ? money : plain,
        outOfSample: oos,
        outOfSampleReason: oosReason,
      }),
    });
  }
  let joint: JointInteractions | null = null;
  if (effects.length >= 2) {
    try {
      const fit = fitExtended(model, extras);
      const idx = Object.keys(extras).map((t) => fit.terms.indexOf(t));
      const k = fit.terms.length;
      const r = new Float64Array(idx.length * k);
      idx.forEach((j, i) => (r[i * k + j] = 1));
      const cv = compareOutOfSample(model, extras);
      joint = {
        terms: effects.map((e) => ({
          id: e.id,
          term: e.term,
          coefficient: combination(fit, { [e.term]: 1 }),
        })),
        wald: waldTest(fit.coef, fit.cov, r, fit.dfInference),
        outOfSample: "reason" in cv ? null : cv,
        outOfSampleReason: "reason" in cv ? cv.reason : null,
      };
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
    }
  }
  return {
    available: true,
    model: model.kind,
    maxLags: model.maxLags,
    fitWeeks: model.rows.length,
    promotionKind: binary ? "binary" : "counts",
    promotionLevel: level,
    effects,
    notTested,
    joint,
  };
}

/** The one direct channel whose name says email, if exactly one does. */
export function defaultEmail(direct: readonly string[]): string | undefined {
  const hits = direct.filter((c) => /e-?mail/i.test(c));
  return hits.length === 1 ? hits[0] : undefined;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function money(x: number): string {
  if (!Number.isFinite(x)) return "n/a";
  const s = plain(Math.abs(x));
  return `${x < 0 && /[1-9]/.test(s) ? "−" : ""}$${s}`;
}
