/**
 * Notebook 02's view of the national pipeline's transform choice: the words, rows and curves its cells lay
 * out, each from `nationalPipeline`'s result (and, for the data's own columns, the dataset). The notebook
 * renders these; it computes and decides nothing.
 *
 * Parts: this file (the opening paragraph, the illustrative adstock curves, the seasonal terms, the feature
 * matrix), `transform_view_search.ts` (the search's grids and effort, the anomalous weeks, the CV profiles,
 * the out-of-sample evidence) and `transform_view_chosen.ts` (the saturation illustration, the chosen
 * carryover and saturation beside the truth).
 *
 * @module
 */
import { channelLabel } from "../data/labels.ts";
import type { Roles } from "../data/types.ts";
import { adstockWeights } from "../features/adstock.ts";
import type { Design } from "../features/design.ts";
import type { NationalResults } from "./national_types.ts";

export * from "./transform_view_search.ts";
export * from "./transform_view_evidence.ts";
export * from "./transform_view_chosen.ts";

/** A curve for `curvesChart`: x and y values. */
export interface ViewCurve {
  /** Horizontal values. */
  readonly x: ArrayLike<number>;
  /** Vertical values, one per x. */
  readonly y: ArrayLike<number>;
}

/**
 * The model the transforms are chosen for, in words: "the two-stage model (Facebook, TikTok → Google →
 * revenue)" (social channels and mediator by display name, the target as its column), or "a single-stage model
 * of revenue" for any other model (the single-stage model, or none).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const roles = { target: "revenue", social: ["facebook_spend"], mediator: "google_spend" };
 * assertClose(nationalModelWords({ model: "two-stage", roles }), "the two-stage model (Facebook → Google → revenue)");
 * assertClose(nationalModelWords({ model: "single-stage", roles }), "a single-stage model of revenue");
 * ```
 */
export function nationalModelWords(national: {
  readonly model: NationalResults["model"];
  readonly roles: Pick<Roles, "target" | "social" | "mediator">;
}): string {
  const r = national.roles;
  return national.model === "two-stage"
    ? `the two-stage model (${r.social.map((s) => channelLabel(s)).join(", ")} → ${
      channelLabel(r.mediator!)
    } → ${r.target})`
    : `a single-stage model of ${r.target}`;
}

/**
 * Whether the chosen values are compared with a ground truth below, in one sentence.
 *
 * @param hasTruth whether a ground truth was loaded (the bundled data)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(transformTruthSentence(false).startsWith("There is no ground truth"), true);
 * ```
 */
export function transformTruthSentence(hasTruth: boolean): string {
  return hasTruth
    ? "Ground truth is available (bundled data): chosen values are compared with it below."
    : "There is no ground truth for this file, so the comparison with true values is left out.";
}

/**
 * The search's effort as the progress display's last line: the candidates scored over every searched stage,
 * and how (in sample on a series too short to cross-validate, else by time-series cross-validation).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const national = {
 *   searchEvidence: [{ candidates: 600 }, { candidates: 1200 }],
 *   transforms: { selection: "cross-validation" as const },
 * };
 * assertClose(searchProgressSentence(national), "Scored 1,800 candidate transforms by time-series cross-validation.");
 * ```
 */
export function searchProgressSentence(national: {
  readonly searchEvidence: readonly { readonly candidates: number }[];
  readonly transforms: { readonly selection: "cross-validation" | "in-sample" } | null;
}): string {
  const candidates = national.searchEvidence.reduce((s, e) => s + e.candidates, 0);
  return `Scored ${candidates.toLocaleString("en-US")} candidate transforms ${
    national.transforms?.selection === "in-sample"
      ? "in sample (too few weeks to cross-validate)"
      : "by time-series cross-validation"
  }.`;
}

/**
 * Illustrative adstock weights over `lags` weeks (lag 0 first), by name: geometric at θ = 0.3, 0.6 and 0.85,
 * Weibull CDF (shape 2, scale 0.3), Weibull PDF (shape 2.5, scale 0.2) and delayed (θ = 0.6, peak at 3), the
 * curves of notebook 02's adstock chart (`adstockWeights`).
 *
 * @param lags weeks drawn, from lag 0 to `lags − 1`; at least 4 (the delayed curve peaks at lag 3)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(adstockExampleCurves(4)["geometric θ=0.3"], { x: [0, 1, 2, 3], y: [1, 0.3, 0.09, 0.027] }, 1e-12);
 * ```
 */
export function adstockExampleCurves(lags: number): Record<string, ViewCurve> {
  const x = Array.from({ length: lags }, (_, l) => l);
  const maxLag = lags - 1;
  return {
    "geometric θ=0.3": { x, y: adstockWeights({ type: "geometric", theta: 0.3 }, lags) },
    "geometric θ=0.6": { x, y: adstockWeights({ type: "geometric", theta: 0.6 }, lags) },
    "geometric θ=0.85": { x, y: adstockWeights({ type: "geometric", theta: 0.85 }, lags) },
    "Weibull CDF (shape 2, scale 0.3)": {
      x,
      y: adstockWeights({ type: "weibull_cdf", shape: 2, scale: 0.3, maxLag }, lags),
    },
    "Weibull PDF (shape 2.5, scale 0.2)": {
      x,
      y: adstockWeights({ type: "weibull_pdf", shape: 2.5, scale: 0.2, maxLag }, lags),
    },
    "delayed (θ=0.6, peak at 3)": {
      x,
      y: adstockWeights({ type: "delayed", theta: 0.6, delay: 3, maxLag }, lags),
    },
  };
}

/** The seasonal terms as notebook 02 publishes them (`results.seasonality`). */
export interface SeasonalityResults {
  /** `"holiday_months"` or `"fourier"`. */
  readonly kind: NationalResults["seasonality"]["kind"];
  /** The terms' column names. */
  readonly terms: string[];
}

/**
 * The seasonal terms' kind and names, for the results JSON.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const s = { kind: "fourier" as const, columns: { sin: new Float64Array(2), cos: new Float64Array(2) } };
 * assertClose(seasonalityResults(s), { kind: "fourier", terms: ["sin", "cos"] });
 * ```
 */
export function seasonalityResults(
  seasonality: Pick<NationalResults["seasonality"], "kind" | "columns">,
): SeasonalityResults {
  return { kind: seasonality.kind, terms: Object.keys(seasonality.columns) };
}

/** One point of a seasonal term's line: the week, the term's value, and the term's name. */
export interface SeasonalTermPoint {
  /** The week's date (UTC midnight). */
  readonly date: Date;
  /** The term's value that week. */
  readonly v: number;
  /** The term's column name. */
  readonly name: string;
}

/**
 * Every seasonal term's value in every week, one line per term (one `Plot.lineY` mark each, with
 * `stroke: "name"`): terms in column order, weeks in order.
 *
 * @param columns the terms by name, one value per week
 * @param dates the weeks' ISO dates, one per value
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const lines = seasonalTermLines({ nov: new Float64Array([0, 1]) }, ["2024-10-28", "2024-11-04"]);
 * assertClose(lines.map((l) => l.map((r) => [r.date.toISOString().slice(0, 10), r.v, r.name])), [[
 *   ["2024-10-28", 0, "nov"],
 *   ["2024-11-04", 1, "nov"],
 * ]]);
 * ```
 */
export function seasonalTermLines(
  columns: Readonly<Record<string, ArrayLike<number>>>,
  dates: readonly string[],
): SeasonalTermPoint[][] {
  return Object.entries(columns).map(([name, values]) =>
    Array.from(values, (v, i) => ({ date: new Date(`${dates[i]}T00:00:00Z`), v, name }))
  );
}

/**
 * The first rows of a design as table rows: the week's date under `week`, then each column by name.
 *
 * @param dates the weeks' ISO dates, one per design row
 * @param rows most rows shown (default 6)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const X = { names: ["const", "tv"], n: 3, k: 2, x: new Float64Array([1, 10, 1, 20, 1, 30]) };
 * assertClose(featureMatrixRows(X, ["a", "b", "c"], 2), [{ week: "a", const: 1, tv: 10 }, { week: "b", const: 1, tv: 20 }]);
 * ```
 */
export function featureMatrixRows(
  design: Design,
  dates: readonly string[],
  rows = 6,
): Record<string, string | number>[] {
  return Array.from(
    { length: Math.min(rows, design.n) },
    (_, i) =>
      Object.fromEntries([
        ["week", dates[i]],
        ...design.names.map((n, j) => [n, design.x[i * design.k + j]]),
      ]),
  );
}

/**
 * Rows for display with the sentences in `columns` rewritten by `say` (e.g. `labelText` with the roles'
 * columns, so a path "social → google_spend" reads "social → Google") and the `channel` column, when named,
 * by its `channelLabel`; the other columns as they are.
 *
 * @param columns the string columns passed through `say`
 * @param say rewrites a sentence for display
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const rows = sayRows([{ channel: "tv_spend", path: "tv_spend → sales", theta: 0.5 }], ["path"], (s) => s.toUpperCase());
 * assertClose(rows, [{ channel: "TV", path: "TV_SPEND → SALES", theta: 0.5 }]);
 * ```
 */
export function sayRows<T extends object>(
  rows: readonly T[],
  columns: readonly (keyof T & string)[],
  say: (text: string) => string,
): T[] {
  return rows.map((r) => {
    const out: Record<string, unknown> = { ...(r as Record<string, unknown>) };
    if (typeof out.channel === "string") out.channel = channelLabel(out.channel);
    for (const c of columns) if (typeof out[c] === "string") out[c] = say(out[c] as string);
    return out as T;
  });
}
