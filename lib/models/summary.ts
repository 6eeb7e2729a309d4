/**
 * Rendering of least-squares results: `summaryTable` gives the content of statsmodels' `summary()` as plain
 * data (numbers plus their statsmodels-formatted text) for an HTML renderer, and `summaryText` lays it out
 * as statsmodels' familiar fixed-width text (without its Date/Time rows, so the output is deterministic).
 *
 * @module
 */

import { pyFormat } from "./_printf.ts";
import type { FixedEffectsFit } from "./fixed_effects.ts";
import type { OlsFit } from "./ols.ts";
import { confidenceInterval } from "./regression_results.ts";

/** One labelled value of a summary: the number (or word) and its text as statsmodels prints it. */
export interface SummaryCell {
  /** statsmodels' label, with its colon (e.g. `"R-squared:"`, `"Prob (F-statistic):"`). */
  readonly label: string;
  /** The raw number (or a word such as the model name or covariance type). */
  readonly value: number | string;
  /** `value` in statsmodels' printf format for that cell (e.g. `%#8.3f` for R²), trimmed. */
  readonly text: string;
}

/** Two cells side by side (left, right); null where one side has no more rows. */
export type SummaryRow = readonly [SummaryCell | null, SummaryCell | null];

/** The coefficient table: one row per term, values in the order of `columns`. */
export interface CoefficientTable {
  /** `coef, std err, t|z, P>|t|, [α/2, 1−α/2]`, as statsmodels labels them. */
  readonly columns: readonly string[];
  /** One row per term, in the fit's order. */
  readonly rows: readonly {
    /** The term's name. */
    readonly term: string;
    /** Coefficient, standard error, t or z, p-value, interval bounds (six numbers, in `columns` order). */
    readonly values: readonly number[];
    /** The same six values as statsmodels prints them (4 significant decimals for coef, 3 for the rest). */
    readonly texts: readonly string[];
  }[];
}

/** The content of a regression summary. */
export interface SummaryTable {
  /** `"OLS Regression Results"` or `"Fixed Effects (Within) Regression Results"`. */
  readonly title: string;
  /** Model and fit statistics: observations, Df, covariance type beside R², F, log-likelihood, AIC, BIC. */
  readonly header: readonly SummaryRow[];
  /** The coefficient table. */
  readonly coefficients: CoefficientTable;
  /** Residual diagnostics: omnibus, skew, kurtosis beside Durbin–Watson, Jarque–Bera, condition number. */
  readonly footer: readonly SummaryRow[];
  /** statsmodels' numbered notes: uncentered R², the covariance type's sentence, a large condition number. */
  readonly notes: readonly string[];
}

/**
 * The content of statsmodels' `RegressionResults.summary()` as data: header (model, fit statistics),
 * coefficient table and residual diagnostics, each cell with its number and statsmodels' formatting of it
 * (`%#8.3f` for R², `%#8.4g` for F, `%#6.3g` for its p-value, 4 significant decimals for coefficients...),
 * and the notes (covariance type, uncentered R², large condition number). A fixed-effects fit adds the number
 * of groups and the within R², and notes how its statistics relate to the dummy-variable fit.
 *
 * @param alpha level of the coefficient intervals, default 0.05
 * @example
 * ```ts ignore
 * const table = summaryTable(fitOls(design, y));
 * table.coefficients.rows[0].values; // [coef, std err, t, p, lower, upper]
 * ```
 */
export function summaryTable(fit: OlsFit | FixedEffectsFit, alpha = 0.05): SummaryTable {
  const s = fit.stats;
  const fe = fit.kind === "fixedEffects" ? fit : null;
  const centered = fit.kConstant === 1 ? "" : " (uncentered)";
  const cell = (label: string, value: number | string, spec?: string): SummaryCell => ({
    label,
    value,
    text: typeof value === "string" ? value : pyFormat(value, spec!).trim(),
  });
  const count = (label: string, value: number) =>
    cell(label, value, Number.isInteger(value) ? "%#6d" : "%#8.2f");
  const left: SummaryCell[] = [
    cell("Dep. Variable:", fit.yName),
    cell("Model:", fe ? "OLS (within)" : "OLS"),
    cell("Method:", "Least Squares"),
    count("No. Observations:", fit.nobs),
    count("Df Residuals:", fit.dfResid),
    count("Df Model:", fit.dfModel),
    ...(fe ? [count("No. Groups:", fe.groupLevels.length)] : []),
    cell("Covariance Type:", fit.covType),
  ];
  const right: SummaryCell[] = [
    cell(`R-squared${centered}:`, s.rsquared, "%#8.3f"),
    cell(`Adj. R-squared${centered}:`, s.rsquaredAdj, "%#8.3f"),
    ...(fe ? [cell("R-squared (within):", fe.stats.withinRsquared, "%#8.3f")] : []),
    cell(fe ? "F-stat. (slopes):" : "F-statistic:", s.fvalue, "%#8.4g"),
    cell("Prob (F-statistic):", s.fPvalue, "%#6.3g"),
    cell("Log-Likelihood:", s.logLik, "%#8.5g"),
    cell("AIC:", s.aic, "%#8.4g"),
    cell("BIC:", s.bic, "%#8.4g"),
  ];
  const footerLeft = [
    cell("Omnibus:", s.omnibus, "%#6.3f"),
    cell("Prob(Omnibus):", s.omnibusPvalue, "%#6.3f"),
    cell("Skew:", s.skew, "%#6.3f"),
    cell("Kurtosis:", s.kurtosis, "%#6.3f"),
  ];
  const footerRight = [
    cell("Durbin-Watson:", s.durbinWatson, "%#8.3f"),
    cell("Jarque-Bera (JB):", s.jarqueBera, "%#8.3f"),
    cell("Prob(JB):", s.jarqueBeraPvalue, "%#8.3g"),
    cell("Cond. No.", s.conditionNumber, "%#8.3g"),
  ];

  const stat = fit.useT ? "t" : "z";
  const ci = alpha === 0.05 ? fit.confInt : confidenceInterval(fit, alpha);
  const rows = fit.terms.map((term, j) => {
    const values = [fit.coef[j], fit.bse[j], fit.tvalues[j], fit.pvalues[j], ci.lower[j], ci.upper[j]];
    const texts = [
      formatCoefficient(values[0], 4),
      formatCoefficient(values[1], 3),
      formatCoefficient(values[2], 3),
      pyFormat(values[3], "%#6.3f"),
      formatCoefficient(values[4], 3),
      formatCoefficient(values[5], 3),
    ].map((t) => t.trim());
    return { term, values, texts };
  });

  const notes: string[] = [];
  if (fit.kConstant === 0) {
    notes.push("R² is computed without centering (uncentered) since the model does not contain a constant.");
  }
  notes.push(fit.covDetails.description);
  if (s.conditionNumber > 1000) {
    notes.push(
      `The condition number is large, ${
        pyFormat(s.conditionNumber, "%6.3g")
      }. This might indicate that there ` +
        "are\nstrong multicollinearity or other numerical problems.",
    );
  }
  if (fe) {
    notes.push(
      `${fe.groupLevels.length} ${fe.groupName} effects absorbed by the within transformation. Coefficients,\n` +
        "standard errors, R², Df and AIC/BIC are those of the dummy-variable fit; the F test is of\n" +
        "the slopes only; Cond. No. is that of the demeaned regressors.",
    );
  }

  return {
    title: fe ? "Fixed Effects (Within) Regression Results" : "OLS Regression Results",
    header: pair(left, right),
    coefficients: {
      columns: ["coef", "std err", stat, `P>|${stat}|`, `[${alpha / 2}`, `${1 - alpha / 2}]`],
      rows,
    },
    footer: pair(footerLeft, footerRight),
    notes,
  };
}

/**
 * statsmodels' text summary of a fit (`print(results.summary())`), built from `summaryTable`: a two-column
 * header, the coefficient table and the residual diagnostics, in the same widths and number formats, then
 * the numbered notes.
 *
 * @param alpha level of the coefficient intervals, default 0.05
 * @example
 * ```ts ignore
 * console.log(summaryText(fitOls(design, y, { covType: "HC1" })));
 * ```
 */
export function summaryText(fit: OlsFit | FixedEffectsFit, alpha = 0.05): string {
  const table = summaryTable(fit, alpha);
  const blocks = [
    twoColumnBlock(table.header, table.title),
    coefficientBlock(table.coefficients),
    twoColumnBlock(table.footer, ""),
  ];
  // as statsmodels: each table's closing rule is dropped except the last one's
  const text = blocks.map((b, i) => (i < blocks.length - 1 ? b.slice(0, -1) : b).join("\n")).join("\n");
  const notes = table.notes.length === 0
    ? ""
    : "\n\nNotes:\n" + table.notes.map((note, i) => `[${i + 1}] ${note}`).join("\n");
  return text + notes;
}

/** statsmodels' `forg`: fixed with 3 or 4 decimals, or `%g` outside [1e-4, 1e4). */
function formatCoefficient(x: number, precision: 3 | 4): string {
  const a = Math.abs(x);
  const fixed = !(a >= 1e4 || a < 1e-4);
  return precision === 4 ? pyFormat(x, fixed ? "%10.4f" : "%10.4g") : pyFormat(x, fixed ? "%9.3f" : "%9.3g");
}

function pair(left: readonly SummaryCell[], right: readonly SummaryCell[]): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    rows.push([left[i] ?? null, right[i] ?? null]);
  }
  return rows;
}

/**
 * statsmodels' `summary_top` layout: four columns (left label, left value, right label, right value), each
 * at least 18 wide, separated by one space; left labels left-aligned, values right-aligned, right labels
 * prefixed with two spaces and left-aligned in at least 21.
 */
function twoColumnBlock(rows: readonly SummaryRow[], title: string): string[] {
  const cells = rows.map(([l, r]) => [
    l?.label ?? " ",
    l?.text ?? " ",
    `  ${r?.label ?? " "}`.padEnd(21),
    r?.text ?? " ",
  ]);
  const widths = [0, 1, 2, 3].map((c) => Math.max(18, ...cells.map((row) => row[c].length)));
  const lines = cells.map((row) =>
    [
      row[0].padEnd(widths[0]),
      row[1].padStart(widths[1]),
      row[2].padEnd(widths[2]),
      row[3].padStart(widths[3]),
    ]
      .join(" ")
  );
  const width = lines[lines.length - 1].length;
  const out = title ? [center(title, width)] : [];
  return [...out, "=".repeat(width), ...lines, "=".repeat(width)];
}

/** statsmodels' parameter table: stub column ≥ 10 wide, data columns ≥ 10 (intervals ≥ 11), right-aligned. */
function coefficientBlock(table: CoefficientTable): string[] {
  const cells = table.rows.map((r) => [r.term, ...r.texts]);
  const minimum = [10, 10, 10, 10, 10, 11, 11];
  const widths = minimum.map((m, c) =>
    Math.max(m, c === 0 ? 0 : table.columns[c - 1].length, ...cells.map((row) => row[c].length))
  );
  const line = (row: readonly string[]) =>
    row.map((text, c) => (c === 0 ? text.padEnd(widths[0]) : text.padStart(widths[c]))).join(" ");
  const body = cells.map(line);
  const width = body[body.length - 1].length;
  return ["=".repeat(width), line(["", ...table.columns]), "-".repeat(width), ...body, "=".repeat(width)];
}

/** Python's `str.center`: the extra space of an odd margin goes left when the width is odd. */
function center(s: string, width: number): string {
  const margin = width - s.length;
  if (margin <= 0) return s;
  const left = Math.floor(margin / 2) + (margin & width & 1);
  return " ".repeat(left) + s + " ".repeat(margin - left);
}
