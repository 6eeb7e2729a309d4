/**
 * Promotion frequency: how many promotion weeks a calendar quarter holds, and whether the lift of a
 * promotion week falls as the quarter holds more of them (diminishing returns).
 *
 * With `p_t` the promotion column and `f_q = Σ_{t∈q} p_t` the promotions of week t's calendar quarter, the
 * pipeline's outcome design (same columns, fit rows) gains the term `p_t · (f_{q(t)} − f̄)`, `f̄` the mean
 * of `f_q` over the quarters used:
 * `y_t = … + β p_t + γ p_t (f_{q(t)} − f̄) + …`.
 * The lift of one promotion week in a quarter with `f` of them is `λ(f) = β + γ (f − f̄)`, the quarter's
 * total lift `L(f) = f · λ(f)`; `γ < 0` is diminishing returns, and then `L` peaks at
 * `f* = (f̄ − β/γ)/2` (`L'(f*) = 0`). This is the frequency-dependent ("wear-out") lift of the promotion
 * literature in its simplest testable form (Blattberg, Briesch & Fox 1995, "How promotions work",
 * Marketing Science 14(3), G122–G132: deal frequency lowers the response to each deal).
 *
 * Rules, each stated in the results:
 * - Only **complete** calendar quarters are used: a quarter cut by the start or end of the data would
 *   undercount its promotions. The weeks of an incomplete quarter are left out of this model.
 * - The curvature needs at least six complete quarters (two per parameter of the quarterly lift curve:
 *   level, slope, curvature; the pipeline's cross-validation asks two weeks per coefficient alike) and at
 *   least three distinct quarterly frequencies (a curvature needs three points). One year (four quarters)
 *   is too few, and the results say so.
 * - The frequency the data support is the observed range of `f_q`; nothing beyond it is extrapolated. A
 *   lift-maximizing frequency is reported only when γ's 95% interval lies below zero, and only within
 *   that range.
 * Errors are HAC (the pipeline's Newey–West lags, normal intervals), treating the transforms and `M̂` as
 * given, like the pipeline's OLS table.
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { ModelError } from "../errors.ts";
import {
  type Combination,
  combination,
  compareOutOfSample,
  fitExtended,
  outcomeModel,
  type OutcomeModelSource,
  type OutOfSampleComparison,
} from "./outcome_design.ts";
import { type FrequencyVerdict, frequencyVerdict } from "./frequency_verdict.ts";

export * from "./frequency_verdict.ts";

/** Complete calendar quarters needed to estimate the curvature: two per parameter of `L(f)` (3). */
export const MIN_QUARTERS_FOR_CURVATURE = 6;
/** Distinct quarterly frequencies needed for a curvature. */
export const MIN_DISTINCT_FREQUENCIES = 3;

/** One calendar quarter of the data. */
export interface QuarterRow {
  /** `YYYY-Qn`. */
  readonly quarter: string;
  /** Weeks of the quarter present in the data. */
  readonly weeks: number;
  /** `Σ p_t` over the quarter's weeks (promotion weeks for a 0/1 flag). */
  readonly promotions: number;
  /** False when the data start or end inside the quarter. */
  readonly complete: boolean;
}

/** The lift at one frequency within the observed range. */
export interface FrequencyRow {
  /** `f`: promotions (in the promotion column's unit, summed over a quarter) per complete quarter. */
  readonly frequency: number;
  /** `λ(f)`: lift of one promotion week in a quarter with `f` promotions. */
  readonly perPromotion: Combination;
  /** `L(f) = f λ(f)`: the quarter's total lift. */
  readonly quarter: Combination;
}

/** What {@link promotionFrequency} returns. */
export type PromotionFrequencyResults =
  | { readonly available: false; readonly reason: string }
  | {
    readonly available: true;
    readonly column: string;
    readonly promotionKind: "binary" | "counts";
    /** "promotion weeks" for a flag, "promotions" for counts. */
    readonly unitWord: string;
    readonly quarters: readonly QuarterRow[];
    readonly quartersUsed: number;
    /** Observed range of the quarterly frequency over the complete quarters: what the data support. */
    readonly observed: {
      readonly min: number;
      readonly max: number;
      readonly mean: number;
      readonly distinct: number;
    };
    readonly fitWeeks: number;
    /** `β`: lift of a promotion week at the mean frequency (null without the curvature model). */
    readonly liftAtMean: Combination | null;
    /** `γ`: change in the lift of each promotion week per extra promotion in the quarter. */
    readonly curvature: Combination | null;
    /** Why the curvature was not estimated (null when it was). */
    readonly curvatureReason: string | null;
    /** λ and L over the observed range (empty without the curvature). */
    readonly curve: readonly FrequencyRow[];
    /** The lift-maximizing frequency within the observed range (only with significant diminishing returns). */
    readonly best:
      | { readonly frequency: number; readonly atBoundary: boolean; readonly vertex: number }
      | null;
    readonly outOfSample: OutOfSampleComparison | null;
    readonly outOfSampleReason: string | null;
    readonly notes: readonly string[];
    readonly verdict: FrequencyVerdict;
  };

/**
 * Calendar quarters of ISO dates (weekly, one row per week) with their promotion totals and whether the data
 * cover the whole quarter (the week before the first date and after the last fall outside it).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(calendarQuarters(["2024-03-25", "2024-04-01"], new Float64Array([1, 0])).map((q) => q.quarter), ["2024-Q1", "2024-Q2"], 1e-9);
 * ```
 */
export function calendarQuarters(dates: readonly string[], promotions: ArrayLike<number>): QuarterRow[] {
  if (dates.length !== promotions.length) {
    throw new RangeError(`${dates.length} dates and ${promotions.length} promotion values`);
  }
  const keyOf = (iso: string) => `${iso.slice(0, 4)}-Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;
  const shift = (iso: string, days: number) =>
    new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const rows: { quarter: string; weeks: number; promotions: number; complete: boolean }[] = [];
  dates.forEach((d, t) => {
    const q = keyOf(d);
    const last = rows[rows.length - 1];
    if (last && last.quarter === q) {
      last.weeks++;
      last.promotions += promotions[t];
    } else rows.push({ quarter: q, weeks: 1, promotions: promotions[t], complete: true });
  });
  if (rows.length > 0) {
    if (keyOf(shift(dates[0], -7)) === rows[0].quarter) rows[0].complete = false;
    if (keyOf(shift(dates[dates.length - 1], 7)) === rows[rows.length - 1].quarter) {
      rows[rows.length - 1].complete = false;
    }
  }
  return rows;
}

/**
 * Promotion lift as a function of promotions per calendar quarter, on the national pipeline's outcome
 * model (see the module doc).
 *
 * @param ds the dataset the pipeline ran on
 * @param source the pipeline's results (`NationalResults`)
 * @example
 * ```ts ignore
 * const r = promotionFrequency(weekly, national);
 * r.available ? r.verdict.sentence : r.reason;
 * ```
 */
export function promotionFrequency(ds: Dataset, source: OutcomeModelSource): PromotionFrequencyResults {
  const promo = source.roles.promotion;
  if (promo === undefined) {
    return {
      available: false,
      reason: ds.roles.promotion === undefined
        ? "Promotion frequency cannot be analysed: no promotion column is mapped (roles.promotion)."
        : `Promotion frequency cannot be analysed: the promotion column "${ds.roles.promotion}" was left out of the model (see the pipeline's notes).`,
    };
  }
  const built = outcomeModel(ds, source);
  if ("reason" in built) {
    return { available: false, reason: `Promotion frequency cannot be analysed: ${built.reason}.` };
  }
  const p = ds.columns[promo];
  const binary = [...p].every((v) => v === 0 || v === 1);
  const unitWord = binary ? "promotion weeks" : "promotions";
  const quarters = calendarQuarters(ds.dates, p);
  const notes: string[] = [];
  const cut = quarters.filter((q) => !q.complete);
  if (cut.length > 0) {
    notes.push(
      `${cut.map((q) => q.quarter).join(" and ")} ${
        cut.length === 1 ? "is" : "are"
      } only partly in the data ` +
        `(${cut.map((q) => `${q.weeks} weeks`).join(", ")}), so ${
          cut.length === 1 ? "its count is" : "their counts are"
        } not comparable with a full quarter's; ${cut.length === 1 ? "its" : "their"} weeks are left out.`,
    );
  }
  const used = quarters.filter((q) => q.complete);
  const freq = used.map((q) => q.promotions);
  const observed = {
    min: freq.length ? Math.min(...freq) : NaN,
    max: freq.length ? Math.max(...freq) : NaN,
    mean: freq.length ? freq.reduce((a, b) => a + b, 0) / freq.length : NaN,
    distinct: new Set(freq).size,
  };
  // the frequency of each week's quarter (NaN in an incomplete quarter)
  const fOfWeek = new Float64Array(ds.n).fill(NaN);
  let t = 0;
  for (const q of quarters) {
    for (let w = 0; w < q.weeks; w++, t++) if (q.complete) fOfWeek[t] = q.promotions;
  }
  const rows = built.rows.filter((i) => Number.isFinite(fOfWeek[i]));
  const model = { ...built, rows };
  const common = {
    available: true as const,
    column: promo,
    promotionKind: binary ? "binary" as const : "counts" as const,
    unitWord,
    quarters,
    quartersUsed: used.length,
    observed,
    fitWeeks: rows.length,
  };
  const without = (reason: string) => ({
    ...common,
    liftAtMean: null,
    curvature: null,
    curvatureReason: reason,
    curve: [],
    best: null,
    outOfSample: null,
    outOfSampleReason: null,
    notes,
    verdict: frequencyVerdict({ unitWord, observed, curvature: null, curvatureReason: reason, best: null }),
  });
  if (used.length < MIN_QUARTERS_FOR_CURVATURE) {
    return without(
      `too few quarters to estimate curvature: the data hold ${used.length} complete calendar ` +
        `${used.length === 1 ? "quarter" : "quarters"}, and a lift that depends on the quarter's frequency ` +
        `(level, slope and curvature of the quarterly lift) needs at least ${MIN_QUARTERS_FOR_CURVATURE}, two per parameter`,
    );
  }
  if (observed.distinct < MIN_DISTINCT_FREQUENCIES) {
    return without(
      `the complete quarters hold only ${observed.distinct} distinct ${
        observed.distinct === 1 ? "frequency" : "frequencies"
      } (${
        [...new Set(freq)].sort((a, b) => a - b).join(", ")
      } ${unitWord}), and a curvature needs at least ${MIN_DISTINCT_FREQUENCIES}`,
    );
  }
  const term = `${promo}×frequency`;
  const product = Float64Array.from(
    p,
    (v, i) => (Number.isFinite(fOfWeek[i]) ? v * (fOfWeek[i] - observed.mean) : 0),
  );
  let fit;
  try {
    fit = fitExtended(model, { [term]: product });
  } catch (e) {
    if (!(e instanceof ModelError)) throw e;
    return without(`the frequency term cannot be estimated: ${e.message}`);
  }
  const beta = combination(fit, { [promo]: 1 });
  const gamma = combination(fit, { [term]: 1 });
  const grid: number[] = [];
  if (binary || freq.every(Number.isInteger)) {
    for (let f = observed.min; f <= observed.max; f++) grid.push(f);
  } else grid.push(...[...new Set(freq)].sort((a, b) => a - b));
  const curve = grid.map((f) => ({
    frequency: f,
    perPromotion: combination(fit, { [promo]: 1, [term]: f - observed.mean }),
    quarter: combination(fit, { [promo]: f, [term]: f * (f - observed.mean) }),
  }));
  let best: { frequency: number; atBoundary: boolean; vertex: number } | null = null;
  if (gamma.upper < 0) {
    const vertex = (observed.mean - beta.estimate / gamma.estimate) / 2;
    const top = curve.reduce((a, b) => (b.quarter.estimate > a.quarter.estimate ? b : a));
    best = {
      frequency: top.frequency,
      atBoundary: top.frequency === observed.min || top.frequency === observed.max,
      vertex,
    };
  }
  const cv = compareOutOfSample(model, { [term]: product });
  return {
    ...common,
    liftAtMean: beta,
    curvature: gamma,
    curvatureReason: null,
    curve,
    best,
    outOfSample: "reason" in cv ? null : cv,
    outOfSampleReason: "reason" in cv ? cv.reason : null,
    notes,
    verdict: frequencyVerdict({ unitWord, observed, curvature: gamma, curvatureReason: null, best }),
  };
}
