/**
 * The national model's fitted target split, week by week, into a baseline and additive channel parts, for the
 * contribution waterfall and the contributions stacked over time (`lib/plot/mmm_charts.ts`).
 *
 * The outcome regression's fitted value is `ŷ_t = Σ_j X_tj β_j` over its design's columns (transformed
 * features). Media parts:
 *
 * - **two-stage model**: each social channel `s` gets its whole effect through both stages,
 *   `b · adstock(a_s · adstock(S_s, θ_s), θ_M)_t + c_s · adstock(S_s, θ'_s)_t` (`nationalWeeklyContributions`);
 *   the mediator (search) gets what is left of its stage-2 terms, `b · adstock(M̂, θ_M)_t + b_u · adstock(û,
 *   θ_M)_t − Σ_s indirect_s,t`: search spend that social spend did not drive. Adstock is linear, so the parts
 *   add up to the mediator's and the social channels' stage-2 terms exactly, with nothing counted twice. (The
 *   counterfactual "mediator at zero" contribution of the estimates file overlaps the social channels'
 *   indirect effects and cannot be stacked with them; this split can.)
 * - **single-stage model**: each media channel's `β_j · adstock(x_j, θ_j)_t`;
 * - **direct channels** (email, SMS, …) and the **promotion** column: `X_tj β_j`.
 *
 * The baseline is the rest, `ŷ_t − Σ parts_t`: intercept, seasonality, price, and controls such as followers
 * (levels whose "contribution from zero" has no meaning on their own). On weeks left out of the fit
 * (anomalies) nothing is reported. Over the fit rows, baseline + parts = ŷ exactly (tested).
 *
 * Reference: the decomposition is the usual MMM one (Jin et al. 2017, "Bayesian Methods for Media Mix Modeling
 * with Carryover and Shape Effects", §2; Robyn's and Meridian's contribution charts).
 *
 * @module
 */
import { nationalWeeklyContributions } from "../optimize/national_contributions.ts";
import type { NationalResults } from "./national.ts";

/** The fitted target over the fit weeks as baseline + additive parts (module doc). */
export interface NationalDecomposition {
  /** ISO dates of the fit weeks, ascending. */
  readonly dates: readonly string[];
  /** The outcome regression's fitted value per fit week. */
  readonly fitted: Float64Array;
  /** `fitted − Σ parts` per fit week. */
  readonly baseline: Float64Array;
  /** Column name → part per fit week, in display order (social, mediator, direct, promotion). */
  readonly parts: Readonly<Record<string, Float64Array>>;
  /** Sums over the fit weeks: baseline, each part, the fitted total. */
  readonly totals: {
    readonly baseline: number;
    readonly parts: Readonly<Record<string, number>>;
    readonly fitted: number;
  };
}

const sum = (x: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
};

/**
 * The decomposition of the national outcome model (module doc); null without a fitted outcome model.
 *
 * @param national the national pipeline's results
 * @param dates the dataset's week dates (every week, as the pipeline saw them)
 * @example
 * ```ts ignore
 * const d = nationalDecomposition(national, weekly.dates)!;
 * d.totals.baseline + Object.values(d.totals.parts).reduce((a, b) => a + b, 0); // = d.totals.fitted
 * ```
 */
export function nationalDecomposition(
  national: NationalResults,
  dates: readonly string[],
): NationalDecomposition | null {
  const outcome = national.outcome;
  if (!outcome) return null;
  const { design, ols, rows } = outcome;
  const n = rows.length, k = design.k;
  const column = (term: string): Float64Array => {
    const j = design.names.indexOf(term), b = ols.coef[ols.terms.indexOf(term)];
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = design.x[i * k + j] * b;
    return out;
  };
  const atRows = (x: ArrayLike<number>) => Float64Array.from(rows, (t) => x[t]);
  const parts: Record<string, Float64Array> = {};
  const weekly = nationalWeeklyContributions(national);
  if (national.twoStage) {
    const { spec } = national.twoStage.inputs;
    const mediator = spec.mediator.column;
    const own = atRows(weekly.find((w) => w.channel === mediator)!.contribution);
    for (const s of spec.social) {
      const total = atRows(weekly.find((w) => w.channel === s.column)!.contribution);
      const direct = design.names.includes(s.column) ? column(s.column) : new Float64Array(n);
      for (let i = 0; i < n; i++) own[i] -= total[i] - direct[i];
      parts[s.column] = total;
    }
    parts[mediator] = own;
  } else {
    for (const w of weekly) parts[w.channel] = atRows(w.contribution);
  }
  const roles = national.roles;
  for (const c of [...roles.direct, ...(roles.promotion ? [roles.promotion] : [])]) {
    if (!(c in parts) && design.names.includes(c)) parts[c] = column(c);
  }
  const fitted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += design.x[i * k + j] * ols.coef[ols.terms.indexOf(design.names[j])];
    fitted[i] = s;
  }
  const baseline = Float64Array.from(fitted);
  for (const p of Object.values(parts)) for (let i = 0; i < n; i++) baseline[i] -= p[i];
  return {
    dates: Array.from(rows, (t) => dates[t]),
    fitted,
    baseline,
    parts,
    totals: {
      baseline: sum(baseline),
      parts: Object.fromEntries(Object.entries(parts).map(([c, p]) => [c, sum(p)])),
      fitted: sum(fitted),
    },
  };
}

/** A paid channel's share of spend beside its share of the additive effect, with its (counterfactual) ROI. */
export interface DecompositionShare {
  /** The paid channel. */
  readonly channel: string;
  /** Its spend over the total spend of the paid channels in the decomposition (0–1). */
  readonly spendShare: number;
  /** Its additive part over the sum of their parts (search's own part for the mediator; may be < 0 or > 1). */
  readonly effectShare: number;
  /** Its counterfactual ROI (`NationalOutcome.contributions[].estimate`), target per dollar. */
  readonly roi: number;
}

/**
 * Spend share beside effect share for the paid channels that have a part in the decomposition: spend over
 * their total spend, part over the sum of their parts (search's own part, so nothing is counted twice), and
 * the ROI of `contributions` (`estimate`). Null when fewer than two such channels, no spend, or no effect.
 *
 * @param d the decomposition ({@link nationalDecomposition})
 * @param contributions the outcome's paid channels (`NationalOutcome.contributions`)
 */
export function decompositionShares(
  d: NationalDecomposition,
  contributions: readonly { readonly channel: string; readonly spend: number; readonly estimate: number }[],
): DecompositionShare[] | null {
  const paid = contributions.filter((c) => c.channel in d.totals.parts);
  const spend = paid.reduce((s, c) => s + c.spend, 0);
  const effect = paid.reduce((s, c) => s + d.totals.parts[c.channel], 0);
  if (paid.length < 2 || !(spend > 0) || effect === 0) return null;
  return paid.map((c) => ({
    channel: c.channel,
    spendShare: c.spend / spend,
    effectShare: d.totals.parts[c.channel] / effect,
    roi: c.estimate,
  }));
}
