/**
 * The residual diagnostics under a statsmodels regression summary: the D'Agostino–Pearson omnibus test,
 * skewness and kurtosis, Jarque–Bera and Durbin–Watson of a fit's residuals.
 *
 * @module
 */

import { durbinWatson, jarqueBera, omnibusTest } from "../stats/mod.ts";

/** Residual diagnostics of a statsmodels summary footer. */
export interface ResidualDiagnostics {
  /** D'Agostino–Pearson K² of the residuals (NaN below 8 rows, as statsmodels). */
  readonly omnibus: number;
  /** χ²(2) p-value of `omnibus` (NaN below 8 rows). */
  readonly omnibusPvalue: number;
  /** Residual skewness (biased, `m₃/m₂^{3/2}`; 0 for symmetric residuals). */
  readonly skew: number;
  /** Residual Pearson kurtosis `m₄/m₂²` (3 for normal, not the excess). */
  readonly kurtosis: number;
  /** Jarque–Bera statistic of the residuals. */
  readonly jarqueBera: number;
  /** χ²(2) p-value of `jarqueBera` (asymptotic). */
  readonly jarqueBeraPvalue: number;
  /** Durbin–Watson statistic of the residuals in row order. */
  readonly durbinWatson: number;
}

/**
 * Omnibus K² (NaN with fewer than 8 residuals, as statsmodels), Jarque–Bera with skew and kurtosis, and
 * Durbin–Watson of a residual series.
 *
 * @param residuals at least 2 values
 * @example
 * ```ts ignore
 * residualDiagnostics(fit.residuals).durbinWatson;
 * ```
 */
export function residualDiagnostics(residuals: Float64Array): ResidualDiagnostics {
  const jb = jarqueBera(residuals);
  const omni = residuals.length >= 8 ? omnibusTest(residuals) : { statistic: NaN, pValue: NaN };
  return {
    omnibus: omni.statistic,
    omnibusPvalue: omni.pValue,
    skew: jb.skew,
    kurtosis: jb.kurtosis,
    jarqueBera: jb.statistic,
    jarqueBeraPvalue: jb.pValue,
    durbinWatson: durbinWatson(residuals),
  };
}
