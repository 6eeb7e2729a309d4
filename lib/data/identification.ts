/**
 * Which columns a regression cannot estimate, found from the data's structure before any fit.
 *
 * A coefficient is identified when its column carries variation no other term of the model has. Five
 * structures remove that variation outright, and each has a plain cause the reader can act on:
 *
 * - **all zero**: nothing happened, there is no effect to estimate;
 * - **constant**: the column equals a multiple of the intercept (or of the sum of the geo dummies);
 * - **constant within every geo** next to geo fixed effects: the column is a combination of the geo dummies
 *   (the within transformation turns it into zeros), the textbook case being population in a geo panel
 *   (Wooldridge, "Econometric Analysis of Cross Section and Panel Data", 2nd ed., §10.5: time-constant
 *   regressors are not identified in a fixed-effects model);
 * - **duplicate**: an exact copy of an earlier column, or a copy in other units (a positive multiple): the
 *   two coefficients are identified only as a sum;
 * - **near duplicate / linear combination**: almost the same series as an earlier column, or (almost) a
 *   fixed combination of earlier columns. The separate coefficients then rest on a sliver of variation and
 *   come out large and of opposite sign (the variance inflation factor of a pair is `1 / (1 − r²)`,
 *   Belsley, Kuh & Welsch, "Regression Diagnostics", 1980, ch. 3).
 *
 * A failed solve would report the same thing as a singular matrix; `findUnidentifiedTerms` names the
 * column, the cause and what to do, and returns the columns that can be kept.
 *
 * Files: `identification_math.ts` holds the arithmetic (rows, geo groups, deviations, back substitution); this
 * module applies the rules and words the findings.
 *
 * @module
 */

import { DataError } from "../errors.ts";
import { column } from "./dataset.ts";
import type { Dataset } from "./types.ts";
import {
  backSubstitute,
  demean,
  demeanWithin,
  dot,
  groupsOf,
  groupStandardDeviations,
  selectedRows,
  standardDeviation,
} from "./identification_math.ts";

/** Why a column cannot be estimated. */
export type UnidentifiedReason =
  | "all-zero"
  | "constant"
  | "constant-within-geo"
  | "duplicate"
  | "near-duplicate"
  | "linear-combination";

/** One column left out, with its cause in words. */
export interface UnidentifiedTerm {
  /** The column left out. */
  readonly column: string;
  /** Why. */
  readonly reason: UnidentifiedReason;
  /** For `duplicate` and `near-duplicate`: the earlier (kept) column it copies. */
  readonly of?: string;
  /** For `linear-combination`: the earlier (kept) columns it is a combination of. */
  readonly ofColumns?: readonly string[];
  /** For `duplicate`: the factor `c` with `column = c · of` (1 for an identical copy). */
  readonly factor?: number;
  /**
   * For `near-duplicate`: the Pearson correlation with `of` (within geos, with geo fixed effects); for
   * `linear-combination`: the multiple correlation with `ofColumns`.
   */
  readonly correlation?: number;
  /** A plain-English statement naming the column, the cause and the consequence. */
  readonly sentence: string;
}

/** A kept column that is zero in every row of some geos. */
export interface ZeroInGeos {
  /** The kept column (a channel or control) that is all zero in those geos. */
  readonly column: string;
  /** The geos where it is zero throughout, in order of first appearance. */
  readonly geos: string[];
  /** A plain-English statement of what this means for the estimate. */
  readonly sentence: string;
}

/** Result of `findUnidentifiedTerms`. */
export interface IdentificationReport {
  /** The columns that can be estimated, in the order given. */
  readonly keep: readonly string[];
  /** The columns left out, in the order given, each with its cause. */
  readonly dropped: readonly UnidentifiedTerm[];
  /** Kept columns that are all zero in some (not all) geos: identified only from the other geos. */
  readonly zeroInGeos: readonly ZeroInGeos[];
}

/** Options of `findUnidentifiedTerms`. */
export interface IdentificationOptions {
  /**
   * Whether the model has geo fixed effects (then a column constant within every geo is absorbed, and
   * near-duplicates are judged on within-geo variation). Without them, the model is taken to have an
   * intercept.
   */
  readonly geoFixedEffects: boolean;
  /** The rows the model is fitted on (e.g. a fold's training rows), integers in `[0, ds.n)`; default all. */
  readonly rows?: ArrayLike<number>;
  /** `|r|` at or above which a column counts as a near-duplicate; in (0, 1], default 0.999. */
  readonly nearDuplicateCorrelation?: number;
}

/**
 * Relative tolerance below which variation counts as none: a column is constant (within a geo) when its
 * standard deviation (there) is at most `1e-9 ×` its largest absolute value. A column varying by a
 * relative `δ` gives normal equations with condition number of order `δ⁻²` (`1e18` at `δ = 1e-9`), beyond
 * what double precision resolves (`1/ε ≈ 4.5e15`), so such variation cannot be used by any solver here;
 * while any real recorded series (spend to the cent on amounts up to billions) varies by far more. The
 * same tolerance decides exact copies (`|x − c·y| ≤ 1e-9 · max|x|` in every row).
 */
export const CONSTANT_TOLERANCE = 1e-9;

/**
 * Default correlation at or above which two columns are near-duplicates: `|r| ≥ 0.999`. At this level the
 * variance inflation factor of the pair is `1 / (1 − r²) ≥ 500` (each standard error more than 22 times
 * what it would be with uncorrelated columns), and at most `1 − r² = 0.2%` of either column's variance is
 * its own: about the size of the rounding and reporting noise in weekly spend figures. The separate
 * estimates are then driven by that noise (the "confident opposite estimates" of two copies), while their
 * sum stays well determined. Common collinearity rules (VIF above 10, i.e. `r ≈ 0.95`) warn far earlier;
 * those cases are still estimable and are reported by the diagnostics, not left out here.
 */
export const NEAR_DUPLICATE_CORRELATION = 0.999;

/**
 * Finds the columns a linear model with an intercept (or with geo fixed effects) cannot estimate, from
 * the data alone, before any fit. Columns are examined in the order given; each is compared with the
 * earlier columns that were kept, so of two copies the first is kept. Rules, first match wins:
 *
 * 1. `all-zero`: every value is 0;
 * 2. `constant`: `sd(x) ≤ 1e-9 · max|x|` (see `CONSTANT_TOLERANCE`);
 * 3. `constant-within-geo` (with `geoFixedEffects` and at least 2 geos): within every geo,
 *    `sd ≤ 1e-9 · max|x|`; the geo effects absorb the column (population is the usual case, and the sentence
 *    then points to per-capita modelling);
 * 4. `duplicate`: `x = c · y` in every row for an earlier kept `y` and some `c > 0` (within the tolerance);
 * 5. `near-duplicate`: `|r(x, y)| ≥ nearDuplicateCorrelation` for an earlier kept `y` (the one with the
 *    largest `|r|`), the correlation taken on deviations from the mean, or from each geo's mean with
 *    `geoFixedEffects`;
 * 6. `linear-combination`: the multiple correlation of `x` with all earlier kept columns (same deviations)
 *    is at least `nearDuplicateCorrelation`, e.g. a total of other columns (found by Gram–Schmidt).
 *
 * `zeroInGeos` then lists kept columns that are zero in every row of some geos (on a panel): still
 * estimated, but only from the other geos.
 *
 * @param ds the dataset
 * @param columns the model's columns (numeric columns of `ds`), each once
 * @param options `geoFixedEffects`, and optionally the `rows` fitted on and the near-duplicate threshold
 * @throws DataError naming the file and column when a column is missing or holds a non-finite value;
 *   RangeError for a column listed twice, a row index out of range, or a threshold outside (0, 1]
 * @example
 * ```ts ignore
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const report = findUnidentifiedTerms(geo, ["tv_spend", "population"], { geoFixedEffects: true });
 * report.keep; // ["tv_spend"] when population is constant within each geo
 * assertClose(report.dropped[0].reason, "constant-within-geo", 1e-9);
 * ```
 */
export function findUnidentifiedTerms(
  ds: Dataset,
  columns: readonly string[],
  options: IdentificationOptions,
): IdentificationReport {
  const threshold = options.nearDuplicateCorrelation ?? NEAR_DUPLICATE_CORRELATION;
  if (!(threshold > 0 && threshold <= 1)) {
    throw new RangeError(`nearDuplicateCorrelation must be in (0, 1], got ${threshold}`);
  }
  columns.forEach((name, i) => {
    if (columns.indexOf(name) !== i) throw new RangeError(`column "${name}" is listed twice`);
  });
  const rows = selectedRows(ds.n, options.rows);
  const m = rows.length;
  const { group, names: geoNames } = groupsOf(ds, rows);
  const nGroups = geoNames.length;
  const fixedEffects = options.geoFixedEffects;
  const panel = ds.geos !== undefined && nGroups > 1;
  const everywhere = panel ? "in every geo and week" : "in every week";
  const absorbedBy = fixedEffects ? "the geo fixed effects" : "the intercept";

  interface Kept {
    readonly name: string;
    readonly values: Float64Array;
    readonly deviations: Float64Array;
    readonly norm: number;
    readonly argmax: number;
    /** Column of R in the Gram–Schmidt factorization `D = Q R` of the kept deviations. */
    readonly r: Float64Array;
  }
  const kept: Kept[] = [];
  const basis: Float64Array[] = []; // orthonormal q's, one per kept column
  const dropped: UnidentifiedTerm[] = [];
  const drop = (term: UnidentifiedTerm) => dropped.push(term);

  for (const name of columns) {
    const all = column(ds, name);
    const x = new Float64Array(m);
    let scale = 0, argmax = 0;
    for (let i = 0; i < m; i++) {
      const v = all[rows[i]];
      if (!Number.isFinite(v)) {
        const geo = ds.geos === undefined ? "" : ` in geo "${ds.geos[rows[i]]}"`;
        throw new DataError(`value ${v} in the week of ${ds.dates[rows[i]]}${geo}; expected finite numbers`, {
          file: ds.source,
          column: name,
        });
      }
      x[i] = v;
      if (Math.abs(v) > scale) {
        scale = Math.abs(v);
        argmax = i;
      }
    }
    if (scale === 0) {
      drop({
        column: name,
        reason: "all-zero",
        sentence: `"${name}" is zero ${everywhere}, so there is no effect to estimate; it is left out.`,
      });
      continue;
    }
    const tolerance = CONSTANT_TOLERANCE * scale;
    if (standardDeviation(x) <= tolerance) {
      drop({
        column: name,
        reason: "constant",
        sentence:
          `"${name}" has the same value (${formatNumber(x[0])}) ${everywhere}, so its effect cannot ` +
          `be told apart from ${absorbedBy}; it is left out.`,
      });
      continue;
    }
    const withinSd = fixedEffects && panel ? groupStandardDeviations(x, group, nGroups) : undefined;
    if (withinSd !== undefined && withinSd.every((sd) => sd <= tolerance)) {
      const perCapita = name === ds.roles.population
        ? ` To use it, model per capita instead: divide the target and the spend columns by "${name}".`
        : ` Only a column that changes over time within a geo can be estimated next to geo fixed effects.`;
      drop({
        column: name,
        reason: "constant-within-geo",
        sentence: `"${name}" does not change within any geo (each geo has one value), so the geo fixed ` +
          `effects absorb it: it is perfectly collinear with the geo dummies and not identified next to ` +
          `geo fixed effects. It is left out; the geo effects already hold every difference between geos ` +
          `that does not change over time.${perCapita}`,
      });
      continue;
    }

    // Exact copies (identical, or in other units), against the kept columns in order.
    let copy: { of: Kept; factor: number } | undefined;
    for (const k of kept) {
      const factor = x[k.argmax] / k.values[k.argmax];
      if (!(factor > 0)) continue;
      let same = true;
      for (let i = 0; i < m && same; i++) same = Math.abs(x[i] - factor * k.values[i]) <= tolerance;
      if (same) {
        copy = { of: k, factor };
        break;
      }
    }
    if (copy !== undefined) {
      const { of, factor } = copy;
      const identical = Math.abs(factor - 1) <= CONSTANT_TOLERANCE;
      drop({
        column: name,
        reason: "duplicate",
        of: of.name,
        factor: identical ? 1 : factor,
        sentence: `"${name}" ${
          identical
            ? `is identical to "${of.name}" in every row`
            : `is exactly ${
              formatNumber(factor)
            } times "${of.name}" in every row (the same series in other units)`
        }, so the data cannot tell the two apart. Their effects can only be read as one combined effect; ` +
          `the two columns are merged into one (summed) rather than estimated apart.`,
      });
      continue;
    }

    const deviations = fixedEffects && panel ? demeanWithin(x, group, nGroups) : demean(x);
    const norm = Math.sqrt(dot(deviations, deviations));
    const within = fixedEffects && panel ? " within geos" : "";
    // Near copies: the kept column with the largest |r| at or above the threshold.
    let near: { of: Kept; r: number } | undefined;
    for (const k of kept) {
      const r = dot(deviations, k.deviations) / (norm * k.norm);
      if (Math.abs(r) >= threshold && (near === undefined || Math.abs(r) > Math.abs(near.r))) {
        near = { of: k, r };
      }
    }
    if (near !== undefined) {
      const { of, r } = near;
      const own = 100 * (1 - r * r);
      drop({
        column: name,
        reason: "near-duplicate",
        of: of.name,
        correlation: r,
        sentence: `"${name}" moves almost exactly ${r > 0 ? "with" : "against"} "${of.name}" (correlation ` +
          `${formatCorrelation(r)}${within}; ${formatPercent(own)} of its variation is its own), so the ` +
          `data cannot separate their effects: estimated apart, the two would take large offsetting ` +
          `values. It is left out, and the estimate for "${of.name}" should be read as the combined effect ` +
          `of both.`,
      });
      continue;
    }

    // (Near) linear combinations of the kept columns: Gram–Schmidt, twice for orthogonality.
    const residual = Float64Array.from(deviations);
    const coefficients = new Float64Array(basis.length);
    for (let pass = 0; pass < 2; pass++) {
      for (let q = 0; q < basis.length; q++) {
        const a = dot(residual, basis[q]);
        coefficients[q] += a;
        for (let i = 0; i < m; i++) residual[i] -= a * basis[q][i];
      }
    }
    const residualNorm = Math.sqrt(dot(residual, residual));
    const multipleR = Math.sqrt(Math.max(0, 1 - (residualNorm / norm) ** 2));
    if (kept.length >= 2 && multipleR >= threshold) {
      const beta = backSubstitute(kept.map((k) => k.r), coefficients);
      const parts = kept
        .map((k, j) => ({ name: k.name, beta: beta[j], size: Math.abs(beta[j]) * k.norm }))
        .filter((p) => p.size > 1e-6 * norm);
      const exact = residualNorm <= CONSTANT_TOLERANCE * norm;
      const formula = parts
        .map((p, j) =>
          `${j === 0 ? (p.beta < 0 ? "−" : "") : p.beta < 0 ? " − " : " + "}${
            formatNumber(Math.abs(p.beta))
          } × "${p.name}"`
        )
        .join("");
      drop({
        column: name,
        reason: "linear-combination",
        ofColumns: parts.map((p) => p.name),
        correlation: multipleR,
        sentence:
          `"${name}" is ${exact ? "exactly" : "almost exactly"} a fixed combination of other columns ` +
          `(${formula}, ${fixedEffects && panel ? "apart from each geo's level" : "apart from a constant"}${
            exact ? "" : `; multiple correlation ${formatCorrelation(multipleR)}`
          }), so its effect cannot be separated from theirs; it is left out.`,
      });
      continue;
    }

    const r = new Float64Array(basis.length + 1);
    r.set(coefficients);
    r[basis.length] = residualNorm;
    for (let i = 0; i < m; i++) residual[i] /= residualNorm;
    basis.push(residual);
    kept.push({ name, values: x, deviations, norm, argmax, r });
  }

  const zeroInGeos: ZeroInGeos[] = [];
  if (panel) {
    for (const k of kept) {
      const nonZero = new Uint8Array(nGroups);
      const present = new Uint8Array(nGroups);
      for (let i = 0; i < m; i++) {
        present[group[i]] = 1;
        if (k.values[i] !== 0) nonZero[group[i]] = 1;
      }
      const geos = geoNames.filter((_, g) => present[g] === 1 && nonZero[g] === 0);
      if (geos.length === 0) continue;
      const others = nGroups - geos.length;
      const shown = geos.length <= 5 ? geos.join(", ") : `${geos.slice(0, 5).join(", ")}, ...`;
      zeroInGeos.push({
        column: k.name,
        geos,
        sentence: `"${k.name}" is zero in every week of ${geos.length} ${
          geos.length === 1 ? "geo" : "geos"
        } (${shown}); its effect is estimated from the other ${others} ${
          others === 1 ? "geo" : "geos"
        } only and carried over to ${geos.length === 1 ? "that geo" : "those geos"} by assumption.`,
      });
    }
  }
  return { keep: kept.map((k) => k.name), dropped, zeroInGeos };
}

function formatNumber(x: number): string {
  return String(Number(x.toPrecision(6)));
}

function formatCorrelation(r: number): string {
  const digits = Math.abs(r) >= 0.9999 ? 6 : 4;
  return r.toFixed(digits);
}

function formatPercent(p: number): string {
  return `${p < 0.01 ? p.toExponential(1) : p.toFixed(2)}%`;
}
