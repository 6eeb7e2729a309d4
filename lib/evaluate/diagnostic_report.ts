/**
 * The residual tests of a regression as one verdict table: each test's statistic, p-value, null hypothesis,
 * whether it is rejected at the chosen level, and what that implies for the model's inference. The tests
 * themselves live in their own modules (Ljung-Box, Breusch-Pagan/Koenker, White, Jarque-Bera, Shapiro-Wilk,
 * Durbin-Watson); this only assembles and words them.
 *
 * @module
 */
import type { Design } from "../features/design.ts";
import { durbinWatson } from "../stats/durbin_watson.ts";
import { jarqueBera } from "../stats/normality.ts";
import { breuschPagan, TooFewRowsError, white } from "./heteroskedasticity.ts";
import { ljungBox } from "./ljung_box.ts";
import { shapiroWilk } from "./shapiro_wilk.ts";

/** One row of the verdict table. */
export interface DiagnosticRow {
  /**
   * The test's name as shown, with its lag where it has one (e.g. "Ljung-Box (lag 10)", "Breusch-Pagan
   * (Koenker)").
   */
  readonly test: string;
  /**
   * The test statistic (Ljung-Box Q, Durbin-Watson d, an LM statistic, Jarque-Bera, Shapiro-Wilk W); NaN when
   * not computed.
   */
  readonly statistic: number;
  /** NaN for a statistic without a p-value (Durbin-Watson). */
  readonly pValue: number;
  /** The null hypothesis in words (for Durbin-Watson, the value expected without autocorrelation). */
  readonly nullHypothesis: string;
  /** Rejected at `level` (false when there is no p-value). */
  readonly rejected: boolean;
  /** What the result means for the model. */
  readonly meaning: string;
}

/** Options of `residualTests`. */
export interface ResidualTestOptions {
  /** Ljung-Box lag (default `min(10, ⌊n/5⌋)`). */
  readonly lags?: number;
  /** Include White's test (default true; it has k(k+1)/2 auxiliary regressors). */
  readonly white?: boolean;
  /** Significance level (default 0.05). */
  readonly level?: number;
  /** Wording of the remedy the model already applies for autocorrelation, e.g. "HAC standard errors are used". */
  readonly autocorrelationRemedy?: string;
  /** Wording of the remedy for heteroskedasticity, e.g. "cluster-robust standard errors are used". */
  readonly heteroskedasticityRemedy?: string;
  /** Wording of what non-normality implies, e.g. "bootstrap intervals do not assume normality". */
  readonly normalityRemedy?: string;
}

/**
 * Runs the residual tests (residuals in time order; `exog` the regression's design, with a constant column).
 *
 * @example
 * ```ts ignore
 * residualTests(fit.residuals, design, { autocorrelationRemedy: "HAC standard errors are used" });
 * ```
 */
export function residualTests(
  residuals: ArrayLike<number>,
  exog: Design,
  options: ResidualTestOptions = {},
): DiagnosticRow[] {
  const level = options.level ?? 0.05;
  const n = residuals.length;
  const lags = options.lags ?? Math.min(10, Math.floor(n / 5));
  const acRemedy = options.autocorrelationRemedy ??
    "classical standard errors are too small; use HAC (Newey-West)";
  const hetRemedy = options.heteroskedasticityRemedy ??
    "classical standard errors are unreliable; use robust (HC) ones";
  const normRemedy = options.normalityRemedy ?? "t-based intervals are approximate in small samples";
  const rows: DiagnosticRow[] = [];
  const add = (
    test: string,
    statistic: number,
    pValue: number,
    nullHypothesis: string,
    ifRejected: string,
    ifNot: string,
  ) => {
    const rejected = pValue < level;
    rows.push({ test, statistic, pValue, nullHypothesis, rejected, meaning: rejected ? ifRejected : ifNot });
  };
  const lb = ljungBox(residuals, { lags: [lags] });
  add(
    `Ljung-Box (lag ${lags})`,
    lb.lbStat[0],
    lb.lbPvalue[0],
    `no autocorrelation up to lag ${lags}`,
    `residuals are autocorrelated: ${acRemedy}; the model may miss some dynamics`,
    "no evidence of autocorrelation",
  );
  const dw = durbinWatson(residuals);
  rows.push({
    test: "Durbin-Watson",
    statistic: dw,
    pValue: NaN,
    nullHypothesis: "≈ 2 without first-order autocorrelation",
    rejected: false,
    meaning: dw < 1.5
      ? "positive first-order autocorrelation"
      : dw > 2.5
      ? "negative first-order autocorrelation"
      : "close to 2: little first-order autocorrelation",
  });
  const bp = breuschPagan(residuals, exog, { robust: true });
  add(
    "Breusch-Pagan (Koenker)",
    bp.lm,
    bp.lmPvalue,
    "error variance does not depend on the regressors",
    `heteroskedastic: ${hetRemedy}`,
    "no evidence of heteroskedasticity",
  );
  if (options.white ?? true) {
    let w: ReturnType<typeof white> | undefined;
    try {
      w = white(residuals, exog);
    } catch (error) {
      if (!(error instanceof TooFewRowsError)) throw error;
      rows.push({
        test: "White",
        statistic: NaN,
        pValue: NaN,
        nullHypothesis: "homoskedastic (against any form in the regressors, squares and products)",
        rejected: false,
        meaning:
          `not computed: with ${n} rows there are more squares and products of the regressors than rows; ` +
          "Breusch-Pagan above tests the linear form",
      });
    }
    if (w) {
      add(
        "White",
        w.lm,
        w.lmPvalue,
        "homoskedastic (against any form in the regressors, squares and products)",
        `heteroskedastic: ${hetRemedy}`,
        "no evidence of heteroskedasticity",
      );
    }
  }
  const jb = jarqueBera(residuals);
  add(
    "Jarque-Bera",
    jb.statistic,
    jb.pValue,
    "residuals are normal (skew 0, kurtosis 3)",
    `non-normal (skew ${jb.skew.toFixed(2)}, kurtosis ${jb.kurtosis.toFixed(2)}): ${normRemedy}`,
    "no evidence against normality",
  );
  if (n >= 3 && n <= 5000) {
    const sw = shapiroWilk(residuals);
    add(
      "Shapiro-Wilk",
      sw.statistic,
      sw.pValue,
      "residuals are normal",
      `non-normal: ${normRemedy}`,
      "no evidence against normality",
    );
  }
  return rows;
}

/** Ljung-Box within each group (each geo's residual series), and the share of groups rejecting. */
export interface GroupLjungBox {
  /** The Ljung-Box lag tested in every group. */
  readonly lags: number;
  /**
   * Share of groups whose p-value is below `level`, in [0, 1]; about `level` when no group is autocorrelated.
   */
  readonly shareRejected: number;
  /** One entry per group in row order: its name, Ljung-Box Q at `lags`, and its p-value. */
  readonly groups: readonly { readonly group: string; readonly statistic: number; readonly pValue: number }[];
}

/**
 * Ljung-Box per group on a panel's residuals (rows sorted by group, then date). Under no autocorrelation about
 * `level` of the groups reject by chance.
 *
 * @example
 * ```ts ignore
 * groupLjungBox(fit.residuals, geo.geos, 4).shareRejected;
 * ```
 */
export function groupLjungBox(
  residuals: ArrayLike<number>,
  groups: readonly string[],
  lags: number,
  level = 0.05,
): GroupLjungBox {
  const out: { group: string; statistic: number; pValue: number }[] = [];
  let start = 0;
  for (let i = 1; i <= groups.length; i++) {
    if (i === groups.length || groups[i] !== groups[start]) {
      const series = Array.prototype.slice.call(residuals, start, i) as number[];
      const lb = ljungBox(series, { lags: [lags] });
      out.push({ group: groups[start], statistic: lb.lbStat[0], pValue: lb.lbPvalue[0] });
      start = i;
    }
  }
  return { lags, shareRejected: out.filter((g) => g.pValue < level).length / out.length, groups: out };
}
