/**
 * What a geo panel says about population next to geo fixed effects, in numbers and in words.
 *
 * With a dummy per geo, a regressor is estimated only from its variation within geos. Population usually has
 * none (one census figure per geo): it then equals `Σ_g p_g D_g`, an exact combination of the geo dummies,
 * and is not identified (Wooldridge, "Econometric Analysis of Cross Section and Panel Data", 2nd ed., §10.5).
 * A pseudo-inverse fit (statsmodels' default `pinv`) still prints a coefficient for it: the minimum-norm split
 * of the geo effects between the dummies and population. Its sign and size follow how the geo effects (each
 * geo's level once media and controls are accounted for, which grow with size too) line up with population,
 * and the units of population; it can be negative where bigger geos sell more, and it is no effect of
 * population at all. When population does move a little within geos, it is identified,
 * but only from that sliver: the within-geo share of its variation
 *
 * ```
 * within share = Σ_gt (p_gt − p̄_g)² / Σ_gt (p_gt − p̄)²
 * ```
 *
 * and its variance inflation factor `VIF = Var(β̂) · Σ (p − p̄)² / s²` (classical variance; Belsley, Kuh &
 * Welsch, "Regression Diagnostics", 1980) say how thin it is.
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import type { UnidentifiedReason, UnidentifiedTerm } from "../data/identification.ts";

/** Whether population entered the fit, and if not, why. */
export type PopulationStatus = "identified" | "absent" | "per-capita" | UnidentifiedReason;

/** Result of {@link populationFinding}. */
export interface PopulationFinding {
  /** The population column, or null when the data have none. */
  readonly column: string | null;
  /** Whether it entered the fit, or why not (`"absent"`: no such column; otherwise identification's reason). */
  readonly status: PopulationStatus;
  /** Within-geo share of population's variation (see the module doc); NaN when absent or constant. */
  readonly withinShare: number;
  /** The fitted coefficient (per person), NaN when not in the fit. */
  readonly coef: number;
  /** Its cluster-by-geo standard error, NaN when not in the fit. */
  readonly seCluster: number;
  /** Variance inflation factor of the coefficient, NaN when not in the fit. */
  readonly vif: number;
  /**
   * The coefficient a pseudo-inverse fit of the full dummy design prints for population when it is constant
   * within every geo (see {@link minimumNormPopulationCoefficient}): for a population that is (and is the only
   * column absorbed), from the fit; for one that varies, with population held at each geo's mean (from the fit
   * without population). NaN when absent or not computable.
   */
  readonly pseudoInverseCoef: number;
  /** What the data say about population, what a pseudo-inverse fit would print for it, and the alternative. */
  readonly sentence: string;
}

/** What {@link populationFinding} needs from the fit. */
export interface PopulationFitInput {
  /** Columns the fit left out (from `findUnidentifiedTerms`). */
  readonly dropped: readonly UnidentifiedTerm[];
  /** The population coefficient with its classical and cluster standard errors, when it was fitted. */
  readonly coefficient?: {
    readonly coef: number;
    readonly se: { readonly nonrobust: number; readonly cluster: number };
  };
  /** The classical error variance `s²` of the fit. */
  readonly scale: number;
  /**
   * Intercept and geo-dummy coefficients (drop-first, `levels` sorted) of the fit without population, for the
   * pseudo-inverse coefficient of a population constant within geos.
   */
  readonly geoEffects?: {
    readonly levels: readonly string[];
    readonly intercept: number;
    /** `δ_g` for `levels[1..]`. */
    readonly dummies: ArrayLike<number>;
  };
}

/**
 * The population coefficient that a minimum-norm least-squares solution (a pseudo-inverse fit such as
 * statsmodels' default `pinv`) prints when population takes one value `p_g` per geo and the design holds an
 * intercept `α` and drop-first geo dummies `δ_g`. Population then equals `p_1 · 1 + Σ_{g≥2} (p_g − p_1) D_g`,
 * so the design has the null vector `v` with `+1` on population, `−p_1` on the intercept and `−(p_g − p_1)` on
 * `D_g`. Every least-squares solution is `β₀ + t v`, `β₀` the fit without population (population 0); the one of
 * minimum norm is orthogonal to `v`, which gives
 *
 * ```
 * γ_pinv = (p_1 α + Σ_{g≥2} (p_g − p_1) δ_g) / (1 + p_1² + Σ_{g≥2} (p_g − p_1)²)
 * ```
 *
 * a ratio of geo levels to geo sizes: how the geo effects line up with population, moved out of the dummies.
 * It is not an estimate of anything; its size comes from the geos' levels and the units of population.
 * Valid when population is the only column the geo effects absorb (others would add null vectors that are
 * not orthogonal to `v`). Reference: Penrose (1956), "On best approximate solutions of linear matrix equations".
 *
 * @param effects intercept and dummy coefficients of the fit without population, `levels` sorted as the dummies
 * @param population the value of population in each geo
 * @throws RangeError when a geo has no population value
 * @example
 * minimumNormPopulationCoefficient({ levels: ["a", "b"], intercept: 10, dummies: [10] }, new Map([["a", 1], ["b", 2]]));
 * // (1·10 + 1·10) / (1 + 1 + 1) = 6.67
 */
export function minimumNormPopulationCoefficient(
  effects: NonNullable<PopulationFitInput["geoEffects"]>,
  population: ReadonlyMap<string, number>,
): number {
  const value = (g: string) => {
    const p = population.get(g);
    if (p === undefined) throw new RangeError(`no population value for geo "${g}"`);
    return p;
  };
  const p1 = value(effects.levels[0]);
  let numerator = p1 * effects.intercept, denominator = 1 + p1 * p1;
  for (let g = 1; g < effects.levels.length; g++) {
    const d = value(effects.levels[g]) - p1;
    numerator += d * effects.dummies[g - 1];
    denominator += d * d;
  }
  return numerator / denominator;
}

const PINV =
  "A pseudo-inverse fit (statsmodels' default, pinv) still prints a coefficient for a population " +
  "that is constant within every geo: it is then an exact combination of the geo dummies, and the printed " +
  "number is the minimum-norm split of each geo's effect between the dummies and population. Its sign and " +
  "size follow how the geo effects (each geo's level once media and controls are accounted for) line up " +
  "with population, and the units of population, so it can be of either sign whatever bigger geos sell; it " +
  "is not an effect of population.";

/**
 * Population's standing in a geo fixed-effects fit (see the module doc), with a sentence that says whether it
 * is identified, how much of its variation the geo effects leave, what a pseudo-inverse fit reports for it
 * (and why that is no effect), and that modelling per capita is the alternative.
 *
 * @param ds the panel (roles' `population` names the column, if any)
 * @param fit what was left out, and the population coefficient if it was fitted
 * @example
 * ```ts ignore
 * populationFinding(ds, { dropped: report.dropped, coefficient: popRow, scale: fit.stats.scale }).sentence;
 * ```
 */
export function populationFinding(ds: Dataset, fit: PopulationFitInput): PopulationFinding {
  const name = ds.roles.population;
  const perCapita = (col: string) =>
    `To relate ${ds.roles.target} to geo size, model per capita instead: divide ${ds.roles.target} ` +
    `and the spend columns by "${col}", which takes size out of the target rather than estimating it.`;
  if (name === undefined || !(name in ds.columns)) {
    return {
      column: null,
      status: "absent",
      withinShare: NaN,
      coef: NaN,
      seCluster: NaN,
      vif: NaN,
      pseudoInverseCoef: NaN,
      sentence: `The data have no population column, so the specification's population term is left out; ` +
        `the geo effects hold every difference in size between geos.`,
    };
  }
  const x = ds.columns[name];
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let total = 0;
  for (let i = 0; i < n; i++) total += (x[i] - mean) ** 2;
  const sums = new Map<string, { s: number; c: number }>();
  const geos = ds.geos ?? new Array<string>(n).fill("");
  for (let i = 0; i < n; i++) {
    const e = sums.get(geos[i]) ?? { s: 0, c: 0 };
    e.s += x[i];
    e.c++;
    sums.set(geos[i], e);
  }
  let within = 0;
  for (let i = 0; i < n; i++) {
    const e = sums.get(geos[i])!;
    within += (x[i] - e.s / e.c) ** 2;
  }
  const withinShare = total > 0 ? within / total : NaN;
  const dropped = fit.dropped.find((d) => d.column === name);
  if (dropped !== undefined || fit.coefficient === undefined) {
    const why = dropped?.sentence ?? `"${name}" is not in the fit.`;
    const absorbedAlone = dropped?.reason === "constant-within-geo" &&
      !fit.dropped.some((d) =>
        d.column !== name && (d.reason === "constant" || d.reason === "constant-within-geo")
      );
    let pseudoInverseCoef = NaN;
    if (absorbedAlone && fit.geoEffects !== undefined) {
      const byGeo = new Map<string, number>();
      for (let i = 0; i < n; i++) if (!byGeo.has(geos[i])) byGeo.set(geos[i], x[i]);
      pseudoInverseCoef = minimumNormPopulationCoefficient(fit.geoEffects, byGeo);
    }
    const printed = Number.isFinite(pseudoInverseCoef)
      ? ` On this panel that number would be ${sig(pseudoInverseCoef)} per person.`
      : "";
    return {
      column: name,
      status: dropped?.reason ?? "absent",
      withinShare,
      coef: NaN,
      seCluster: NaN,
      vif: NaN,
      pseudoInverseCoef,
      sentence: `${why} ${PINV}${printed} ${perCapita(name)}`,
    };
  }
  const { coef, se } = fit.coefficient;
  const means = new Map([...sums].map(([g, e]) => [g, e.s / e.c]));
  const atGeoMeans = fit.geoEffects !== undefined
    ? minimumNormPopulationCoefficient(fit.geoEffects, means)
    : NaN;
  const vif = (se.nonrobust ** 2 * total) / fit.scale;
  const share = withinShare * 100;
  // with two geos a geo-clustered error rests on one degree of freedom (the clustered covariance has rank at
  // most G − 1 = 1): quote the classical error then, and say so
  const seText = means.size > 2 && Number.isFinite(se.cluster)
    ? `cluster-robust SE ${sig(se.cluster)}`
    : `classical SE ${sig(se.nonrobust)}; errors clustered by geo cannot be computed with ${means.size} geos`;
  const sentence = `"${name}" changes within geos, so it is identified next to the geo fixed effects, but ` +
    `only ${share < 0.1 ? share.toExponential(1) : share.toFixed(2)}% of its variation is within geos; the ` +
    `rest is the difference in size between geos, which the geo dummies absorb. Its coefficient ` +
    `(${sig(coef)} per person, ${seText}, variance inflation factor ${sig(vif)}) ` +
    `rests on that sliver alone and mixes population growth with anything else that trends within a geo; ` +
    `it does not measure how ${ds.roles.target} changes with geo size. ${PINV}${
      Number.isFinite(atGeoMeans)
        ? ` Held at each geo's mean, population would be such a combination here, and a pseudo-inverse fit ` +
          `would print ${sig(atGeoMeans)} per person for it.`
        : ""
    } ${perCapita(name)}`;
  return {
    column: name,
    status: "identified",
    withinShare,
    coef,
    seCluster: se.cluster,
    vif,
    pseudoInverseCoef: atGeoMeans,
    sentence,
  };
}

function sig(x: number): string {
  if (!Number.isFinite(x)) return "n/a";
  const a = Math.abs(x);
  const body = a >= 1000 ? Math.round(a).toLocaleString("en-US") : String(Number(a.toPrecision(3)));
  return `${x < 0 ? "−" : ""}${body}`;
}

/**
 * The population finding of the per-capita alternative fit (shown beside the reported model, which is fitted
 * on totals): population is the divisor of the target and the spend, not a term (`perCapitaDataset`,
 * lib/data/per_capita.ts).
 *
 * @example
 * ```ts ignore
 * perCapitaFinding("population", "sales").status; // "per-capita"
 * ```
 */
export function perCapitaFinding(column: string, target: string): PopulationFinding {
  return {
    column,
    status: "per-capita",
    withinShare: NaN,
    coef: NaN,
    seCluster: NaN,
    vif: NaN,
    pseudoInverseCoef: NaN,
    sentence:
      `The per-capita alternative (not the reported model, which is fitted on totals with population as a ` +
      `term unless the geo effects absorb it): ${target} and the spend columns are divided by "${column}", ` +
      `so this alternative needs no population term and compares geos per person; its contributions and ROI ` +
      `are summed back to totals with each row's population as its weight.`,
  };
}
