/**
 * Coefficient stability over expanding windows: refit the model on the first `e` weeks for `e = start,
 * start + step, …` (transforms held at the full-sample choice), record each media coefficient with its 95%
 * interval, and ask how often a window's interval contains the full-sample estimate.
 *
 * Expanding rather than rolling windows: every window starts at the first week, so a window differs from the
 * next only by `step` more weeks, and a coefficient that drifts shows up as a trend rather than as the noise
 * of a short window. This is the recursive-estimation view of Brown, Durbin & Evans (1975), "Techniques for
 * testing the constancy of regression relationships over time" (JRSS B 37), and the refit-on-fewer-weeks check
 * of Robyn's and Meridian's users.
 *
 * The verdict ({@link stabilityVerdict}): if the coefficient is constant, each window's 95% interval covers it
 * with probability about 0.95, so a window missing the full-sample estimate is a 5% event. The count of
 * misses `m` over `W` windows is compared with Binomial(W, 0.05): `p = P(X ≥ m)`; the coefficient is
 * **unstable** when `p < 0.05`. The windows are nested, so their misses are positively correlated and the
 * binomial reference understates the spread: the verdict is a screen, as stated in its sentence; and the
 * full-sample estimate shares the windows' data, which makes misses rarer than with the true value.
 *
 * A second, weaker signal: the full-sample estimate lying outside the range `[min, max]` of the windows'
 * point estimates (`outsideRange`, with at least two windows) means the estimate is still moving in one
 * direction as weeks are added. It is said in the sentence and labels the coefficient "still moving", but it
 * does not by itself make the coefficient unstable: under a constant coefficient it happens by chance in about
 * a quarter of two-year series (24% with windows from week 52 to 104, 15% over three years, 8% over five:
 * `tests/fixtures/stability_range_sim.py`, the mean of i.i.d. noise refitted on expanding windows), far above
 * the 5% level of the interval screen.
 *
 * @module
 */
import { type Design, selectDesignColumns, takeDesignRows } from "../features/design.ts";
import { ModelError } from "../errors.ts";
import { fitFixedEffects } from "../models/fixed_effects.ts";
import { fitMediation, type MediationInputs } from "../models/mediation.ts";
import { fitOls } from "../models/ols.ts";
import type { CovType } from "../models/covariance.ts";
import { type StabilityVerdict, stabilityVerdict, type WindowEstimate } from "./stability_verdict.ts";

export type { StabilityVerdict, WindowEstimate } from "./stability_verdict.ts";
export { STABILITY_ALPHA, stabilityVerdict } from "./stability_verdict.ts";

/** Default step between window ends: four weeks, about a month. */
export const STABILITY_STEP_WEEKS = 4;

/** The ends (exclusive week indices) of the expanding windows. */
export interface StabilityWindows {
  /** First window end, `max(⌈weeks / 2⌉, minWeeks)`: every window holds at least half the weeks. */
  readonly start: number;
  /** Weeks added from one window to the next. */
  readonly step: number;
  /** Window ends `start, start + step, …`, each below the series' weeks; empty when `start ≥ weeks`. */
  readonly ends: readonly number[];
}

/**
 * Window ends `start, start + step, …` strictly below `weeks` (the full sample is the reference, not a window),
 * with `start = max(⌈weeks / 2⌉, minWeeks)`: every window holds at least half the data, so its interval is at
 * most about √2 times as wide as the full sample's and a miss means a shift, not a short window.
 *
 * @param minWeeks smallest window the model can be fitted on (e.g. two weeks per coefficient)
 * @example
 * ```ts
 * expandingWindows(156, 30).ends; // [78, 82, …, 154]
 * ```
 */
export function expandingWindows(
  weeks: number,
  minWeeks: number,
  step = STABILITY_STEP_WEEKS,
): StabilityWindows {
  if (!(Number.isInteger(step) && step >= 1)) {
    throw new RangeError(`step must be a whole number >= 1, got ${step}`);
  }
  const start = Math.max(Math.ceil(weeks / 2), minWeeks);
  const ends: number[] = [];
  for (let e = start; e < weeks; e += step) ends.push(e);
  return { start, step, ends };
}

/** Window estimates and the reasons windows were left out. */
export interface RollingCoefficients {
  /** The expanding windows tried. */
  readonly windows: StabilityWindows;
  /** Every tracked coefficient in every window that could be fitted, window by window. */
  readonly estimates: readonly WindowEstimate[];
  /** Full-sample estimate per term. */
  readonly full: Readonly<Record<string, number>>;
  /** Windows that could not be fitted: their weeks and the fit's error message. */
  readonly skipped: readonly { readonly weeks: number; readonly reason: string }[];
  /** One stability verdict per tracked term, in the order of the terms. */
  readonly verdicts: readonly StabilityVerdict[];
}

function collect(
  windows: StabilityWindows,
  terms: readonly string[],
  full: Record<string, number>,
  fitWindow: (end: number) => WindowEstimate[],
): RollingCoefficients {
  const estimates: WindowEstimate[] = [];
  const skipped: { weeks: number; reason: string }[] = [];
  for (const end of windows.ends) {
    try {
      estimates.push(...fitWindow(end));
    } catch (e) {
      if (!(e instanceof ModelError) && !(e instanceof RangeError)) throw e;
      skipped.push({ weeks: end, reason: (e as Error).message });
    }
  }
  return {
    windows,
    estimates,
    full,
    skipped,
    verdicts: terms.map((t) => stabilityVerdict(t, estimates, full[t])),
  };
}

/**
 * Expanding-window coefficients of the two-stage model: both stages refitted by `fitMediation` on the fit rows
 * of the first `e` weeks, with HAC (Newey–West) intervals, for the stage-1 social coefficients (terms
 * `stage 1: <channel>`) and the stage-2 media terms (`stage 2: <term>`: the fitted mediator, direct social
 * paths, direct channels).
 *
 * @example
 * ```ts ignore
 * mediationRollingCoefficients(national.twoStage.inputs, 4).verdicts.map((v) => v.sentence);
 * ```
 */
export function mediationRollingCoefficients(
  inputs: MediationInputs,
  hacLags: number,
  step = STABILITY_STEP_WEEKS,
): RollingCoefficients {
  const all = inputs.rows ? Array.from(inputs.rows) : Array.from(inputs.y, (_, i) => i);
  const cov = { covType: "HAC" as const, maxLags: hacLags };
  const fullFit = fitMediation(inputs, cov);
  const s = inputs.spec;
  const stage1 = s.social.map((c) => c.column);
  const stage2 = fullFit.stage2.terms.filter((t) =>
    t === fullFit.stage2.terms[1] || s.directSocial.some((d) => d.column === t) ||
    s.direct.some((d) => d.column === t)
  );
  const name1 = (t: string) => `stage 1: ${t}`, name2 = (t: string) => `stage 2: ${t}`;
  const terms = [...stage1.map(name1), ...stage2.map(name2)];
  const full: Record<string, number> = {};
  for (const t of stage1) full[name1(t)] = fullFit.stage1.coef[fullFit.stage1.terms.indexOf(t)];
  for (const t of stage2) full[name2(t)] = fullFit.stage2.coef[fullFit.stage2.terms.indexOf(t)];
  const k = Math.max(fullFit.stage1.terms.length, fullFit.stage2.terms.length);
  const windows = expandingWindows(inputs.y.length, 2 * k, step);
  return collect(windows, terms, full, (end) => {
    const rows = all.filter((i) => i < end);
    const fit = fitMediation({ ...inputs, rows }, cov);
    const out: WindowEstimate[] = [];
    const add = (f: typeof fit.stage1, t: string, name: string) => {
      const j = f.terms.indexOf(t);
      out.push({
        weeks: end,
        term: name,
        estimate: f.coef[j],
        lower: f.confInt.lower[j],
        upper: f.confInt.upper[j],
      });
    };
    for (const t of stage1) add(fit.stage1, t, name1(t));
    for (const t of stage2) add(fit.stage2, t, name2(t));
    return out;
  });
}

/**
 * Expanding-window coefficients of a linear design fitted by least squares with HAC intervals (the
 * single-stage national model): `rows[p]` is the week of design row `p`.
 *
 * @example
 * ```ts ignore
 * linearRollingCoefficients(outcome.design, y, outcome.rows, ["tv_spend"], 4);
 * ```
 */
export function linearRollingCoefficients(
  design: Design,
  y: Float64Array,
  rows: Int32Array,
  terms: readonly string[],
  hacLags: number,
  step = STABILITY_STEP_WEEKS,
): RollingCoefficients {
  const yFit = Float64Array.from(rows, (w) => y[w]);
  const cov = { covType: "HAC" as const, maxLags: hacLags };
  const fullFit = fitFixedOrOls(design, yFit, null, cov);
  const full: Record<string, number> = {};
  for (const t of terms) full[t] = fullFit.coef[fullFit.terms.indexOf(t)];
  const weeks = rows.length > 0 ? rows[rows.length - 1] + 1 : 0;
  return collect(expandingWindows(weeks, 2 * design.k, step), terms, full, (end) => {
    const pos: number[] = [];
    rows.forEach((w, p) => w < end && pos.push(p));
    const fit = fitFixedOrOls(takeDesignRows(design, pos), Float64Array.from(pos, (p) => yFit[p]), null, cov);
    return terms.map((t) => {
      const j = fit.terms.indexOf(t);
      return {
        weeks: end,
        term: t,
        estimate: fit.coef[j],
        lower: fit.confInt.lower[j],
        upper: fit.confInt.upper[j],
      };
    });
  });
}

function fitFixedOrOls(
  design: Design,
  y: Float64Array,
  groups: readonly string[] | null,
  cov: { covType: CovType; maxLags?: number; time?: readonly string[] },
) {
  return groups === null ? fitOls(design, y, cov) : fitFixedEffects(design, y, groups, cov);
}

/** The panel model's covariance for the windows (as the full fit's). */
export interface PanelCovariance {
  /** Covariance type of the full fit: `"cluster"` (by geo) or `"driscoll-kraay"` (by week), as a rule. */
  readonly covType: CovType;
  /** Lags of the HAC or Driscoll–Kraay kernel, when the full fit set them. */
  readonly maxLags?: number;
}

/**
 * Expanding-window media coefficients of the fixed-effects panel: `fitFixedEffects` on every geo's first `e`
 * weeks with the full fit's covariance type (clustered by geo, or Driscoll–Kraay by week). A column constant
 * within every geo on a window (a month not yet seen) is left out of that window's fit.
 *
 * @param design regressors of every row (no intercept, no geo dummies)
 * @param terms the media columns to track
 * @example
 * ```ts ignore
 * panelRollingCoefficients(geo.model.design, y, geos, dates, geo.identification.channels, { covType: "cluster" });
 * ```
 */
export function panelRollingCoefficients(
  design: Design,
  y: Float64Array,
  groups: readonly string[],
  dates: readonly string[],
  terms: readonly string[],
  covariance: PanelCovariance,
  step = STABILITY_STEP_WEEKS,
): RollingCoefficients {
  const distinct = [...new Set(dates)].sort();
  const weekOf = new Map(distinct.map((d, i) => [d, i]));
  const week = Int32Array.from(dates, (d) => weekOf.get(d)!);
  const cov = (rows: readonly number[]) => ({
    covType: covariance.covType,
    ...(covariance.covType === "cluster" ? { groups: rows.map((i) => groups[i]) } : {}),
    ...(covariance.maxLags !== undefined ? { maxLags: covariance.maxLags } : {}),
    ...(covariance.covType === "driscoll-kraay" ? { time: rows.map((i) => dates[i]) } : {}),
  });
  const allRows = Array.from(y, (_, i) => i);
  const fullFit = fitFixedEffects(design, y, groups, cov(allRows));
  const full: Record<string, number> = {};
  for (const t of terms) full[t] = fullFit.coef[fullFit.terms.indexOf(t)];
  return collect(expandingWindows(distinct.length, 2 * design.k, step), terms, full, (end) => {
    const rows = allRows.filter((i) => week[i] < end);
    const g = rows.map((i) => groups[i]);
    const sub = takeDesignRows(design, rows);
    const keep = design.names.filter((_, j) => variesWithinGroups(sub, j, g));
    const d = keep.length === design.k ? sub : selectDesignColumns(sub, keep);
    const fit = fitFixedEffects(d, Float64Array.from(rows, (i) => y[i]), g, cov(rows));
    return terms.filter((t) => fit.terms.includes(t)).map((t) => {
      const j = fit.terms.indexOf(t);
      return {
        weeks: end,
        term: t,
        estimate: fit.coef[j],
        lower: fit.confInt.lower[j],
        upper: fit.confInt.upper[j],
      };
    });
  });
}

function variesWithinGroups(design: Design, j: number, groups: readonly string[]): boolean {
  const first = new Map<string, number>();
  for (let r = 0; r < design.n; r++) {
    const v = design.x[r * design.k + j];
    const f = first.get(groups[r]);
    if (f === undefined) first.set(groups[r], v);
    else if (f !== v) return true;
  }
  return false;
}
