/**
 * The national model's contributions week by week, by calendar month, and the carryover of past spend into
 * the weeks after the data: the in-sample counterfactual through both stages (`lib/models/mediation.ts`).
 *
 * Two-stage model, social channel `s` (`a_s`, `θ_s` from stage 1; `b`, `θ_M`, `c_s`, `θ'_s` from stage 2):
 * `contribution_s,t = b · adstock(a_s · adstock(S_s, θ_s), θ_M)_t + c_s · adstock(S_s, θ'_s)_t`; the mediator
 * `M` at zero in every week: `b · adstock(M̂, θ_M)_t + b_u · adstock(û, θ_M)_t` (the pipeline's definition; it
 * overlaps the social channels' indirect contributions, so the two must not be added). Single-stage model:
 * `β_j · adstock(x_j, θ_j)_t`. Summed over all weeks these equal the pipeline's contributions exactly.
 *
 * The carryover into the `K` weeks after the data (no new spend): each path's adstock state at the last
 * week decays geometrically; the social stage-1 stock keeps feeding the stage-2 stock as it decays. The search
 * channel's own carryover is the part of search spend not driven by social spend, at `b` (as its response
 * curve in `national_response.ts`), so that the social and search carryovers do not overlap.
 *
 * Reference: Jin et al. (2017), "Bayesian Methods for Media Mix Modeling with Carryover and Shape Effects"
 * (geometric carryover).
 *
 * @module
 */
import { geometricAdstock } from "../features/adstock.ts";
import type { NationalModelSource } from "./national_response.ts";

/** One channel's weekly contribution and spend. */
export interface WeeklyContribution {
  /** The channel's spend column (the mediator for search). */
  readonly channel: string;
  /** Weekly spend, every week of the series (the model's input column). */
  readonly spend: Float64Array;
  /** Weekly in-sample counterfactual contribution in the outcome's unit (module doc's formulas). */
  readonly contribution: Float64Array;
}

function stageCoefficients(src: NationalModelSource) {
  const ts = src.twoStage!;
  const { spec } = ts.inputs;
  const s1 = ts.fit.stage1, s2 = ts.fit.stage2;
  const coef = (fit: typeof s1, term: string) => {
    const j = fit.terms.indexOf(term);
    if (j < 0) throw new RangeError(`term "${term}" is not in the fit (${fit.terms.join(", ")})`);
    return fit.coef[j];
  };
  const m = spec.mediator.column;
  return {
    spec,
    b: coef(s2, `${m}_fitted`),
    bu: coef(s2, `${m}_residual`),
    a: (s: string) => coef(s1, s),
    c: (s: string) => spec.directSocial.some((d) => d.column === s) ? coef(s2, s) : 0,
    thetaDirect: (s: string) => spec.directSocial.find((d) => d.column === s)?.theta ?? 0,
  };
}

/**
 * Every paid channel's contribution in every week (module doc).
 *
 * @param src the national pipeline's results
 * @example
 * ```ts ignore
 * nationalWeeklyContributions(national).map((c) => c.contribution.reduce((s, v) => s + v, 0));
 * ```
 */
export function nationalWeeklyContributions(src: NationalModelSource): WeeklyContribution[] {
  if (src.twoStage) {
    const { spec, b, bu, a, c, thetaDirect } = stageCoefficients(src);
    const cols = src.twoStage.inputs.columns;
    const thetaM = spec.mediator.theta;
    const out: WeeklyContribution[] = spec.social.map((s) => {
      const x = cols[s.column];
      const inner = geometricAdstock(x, s.theta).map((v) => a(s.column) * v);
      const nested = geometricAdstock(inner, thetaM);
      const cs = c(s.column);
      const direct = cs === 0 ? null : geometricAdstock(x, thetaDirect(s.column));
      const contribution = nested.map((v, t) => b * v + (direct ? cs * direct[t] : 0));
      return { channel: s.column, spend: x, contribution };
    });
    const fit = src.twoStage.fit;
    const am = geometricAdstock(fit.mediatorFitted, thetaM),
      au = geometricAdstock(fit.mediatorResidual, thetaM);
    out.push({
      channel: spec.mediator.column,
      spend: cols[spec.mediator.column],
      contribution: am.map((v, t) => b * v + bu * au[t]),
    });
    return out;
  }
  if (src.singleStage) {
    const { spec, columns } = src.singleStage.inputs;
    return spec.media.map((m, i) => {
      const coef = src.singleStage!.fit.media[i].coef;
      return {
        channel: m.column,
        spend: columns[m.column],
        contribution: geometricAdstock(columns[m.column], m.theta).map((v) => coef * v),
      };
    });
  }
  return [];
}

/** One row of the monthly table. */
export interface MonthlyContributionRow {
  /** Calendar year of the weeks' dates. */
  readonly year: number;
  /** Calendar month of the weeks' dates, 1..12 (a week belongs to the month of its date). */
  readonly month: number;
  /** The channel's spend column. */
  readonly channel: string;
  /** Spend summed over the month's weeks. */
  readonly spend: number;
  /** Contribution summed over the month's weeks, in the outcome's unit. */
  readonly contribution: number;
  /** `contribution / spend`; NaN in a month without spend. */
  readonly roi: number;
}

/**
 * Weekly contributions summed per calendar month of each week's date (year, month, channel order).
 *
 * @param weekly from {@link nationalWeeklyContributions}
 * @param dates ISO date of every week
 * @throws RangeError when `dates` and the series differ in length or a date is not ISO
 * @example
 * ```ts ignore
 * contributionsByMonth(nationalWeeklyContributions(national), weekly.dates)[0]; // { year, month, channel, ... }
 * ```
 */
export function contributionsByMonth(
  weekly: readonly WeeklyContribution[],
  dates: readonly string[],
): MonthlyContributionRow[] {
  const rows: MonthlyContributionRow[] = [];
  for (const w of weekly) {
    if (w.spend.length !== dates.length) {
      throw new RangeError(`${w.channel} has ${w.spend.length} weeks, dates has ${dates.length}`);
    }
    const groups = new Map<string, { year: number; month: number; spend: number; contribution: number }>();
    dates.forEach((d, t) => {
      const m = /^(\d{4})-(\d{2})-\d{2}/.exec(d);
      if (!m) throw new RangeError(`date ${JSON.stringify(d)} of week ${t + 1} is not an ISO date`);
      const key = `${m[1]}-${m[2]}`;
      const g = groups.get(key) ?? { year: Number(m[1]), month: Number(m[2]), spend: 0, contribution: 0 };
      g.spend += w.spend[t];
      g.contribution += w.contribution[t];
      groups.set(key, g);
    });
    for (const g of groups.values()) {
      rows.push({ ...g, channel: w.channel, roi: g.spend > 0 ? g.contribution / g.spend : NaN });
    }
  }
  return rows.sort((p, q) =>
    p.year - q.year || p.month - q.month || (p.channel < q.channel ? -1 : p.channel > q.channel ? 1 : 0)
  );
}

/**
 * Response in the `weeks` after the data from spend before them, per paid channel (module doc).
 *
 * @param src the national pipeline's results
 * @param weeks plan weeks, an integer ≥ 1
 * @example
 * ```ts ignore
 * nationalPastCarryover(national, 13); // [{ channel: "facebook_spend", carryover: 1234.5 }, ...]
 * ```
 */
export function nationalPastCarryover(
  src: NationalModelSource,
  weeks: number,
): { readonly channel: string; readonly carryover: number }[] {
  if (!(Number.isInteger(weeks) && weeks >= 1)) {
    throw new RangeError(`weeks must be an integer >= 1, got ${weeks}`);
  }
  const last = (x: Float64Array) => x[x.length - 1];
  const decaySum = (state: number, theta: number) => {
    let s = 0, a = state;
    for (let k = 0; k < weeks; k++) s += a *= theta;
    return s;
  };
  if (src.twoStage) {
    const { spec, b, a, c, thetaDirect } = stageCoefficients(src);
    const cols = src.twoStage.inputs.columns;
    const thetaM = spec.mediator.theta;
    let induced = new Float64Array(cols[spec.mediator.column].length);
    const out = spec.social.map((s) => {
      const x = cols[s.column];
      const inner = geometricAdstock(x, s.theta).map((v) => a(s.column) * v);
      induced = induced.map((v, t) => v + inner[t]);
      let stock1 = last(inner), stock2 = last(geometricAdstock(inner, thetaM)), total = 0;
      for (let k = 0; k < weeks; k++) {
        stock1 *= s.theta;
        stock2 = thetaM * stock2 + stock1;
        total += b * stock2;
      }
      const cs = c(s.column);
      if (cs !== 0) {
        total += cs * decaySum(last(geometricAdstock(x, thetaDirect(s.column))), thetaDirect(s.column));
      }
      return { channel: s.column, carryover: total };
    });
    const own = cols[spec.mediator.column].map((v, t) => v - induced[t]);
    out.push({
      channel: spec.mediator.column,
      carryover: b * decaySum(last(geometricAdstock(own, thetaM)), thetaM),
    });
    return out;
  }
  if (src.singleStage) {
    const { spec, columns } = src.singleStage.inputs;
    return spec.media.map((m, i) => ({
      channel: m.column,
      carryover: src.singleStage!.fit.media[i].coef *
        decaySum(last(geometricAdstock(columns[m.column], m.theta)), m.theta),
    }));
  }
  return [];
}
