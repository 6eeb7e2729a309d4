/**
 * Feature sets of the national model comparison (`national_comparison.ts`), as builders from raw columns so
 * that a counterfactual (a channel set to zero) rebuilds every feature that depends on it, lags included.
 *
 * - **Model set**: the national pipeline's own design with its chosen transforms (adstock, saturation,
 *   seasonal and regime controls), without the constant.
 * - **Extended set** (the seed design's features): the model set plus, for every spend or send column of the
 *   stage, its raw value lagged 1 and 2 weeks (zero before the first week: no spend before the data) and its
 *   trailing 4-week moving average (a month; shorter windows at the start), plus calendar terms: a linear trend
 *   and one annual sine–cosine pair (left out when the model set already has them).
 *
 * Each feature carries its source column and what was done to it, so notebooks can label it.
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import { lag, movingAverage } from "../features/lags.ts";
import { fourierTerms, trendTerms } from "../features/calendar.ts";

/** What a feature is: its input column (empty for calendar terms) and transform in words. */
export interface FeatureInfo {
  /** The feature's design column name (`tiktok_spend_lag1`, `trend`, …). */
  readonly name: string;
  /** The input column it is built from; empty for a calendar term (trend, annual sine or cosine). */
  readonly column: string;
  /** Its transform in words ("lag 1 week", "4-week average", "annual sine"). */
  readonly transform: string;
}

/** Lags (weeks) and the moving-average window of the extended set. */
export const EXTENDED_LAGS: readonly number[] = [1, 2];
/** Window, in weeks, of the extended set's trailing moving average of each channel. */
export const EXTENDED_WINDOW = 4;

/**
 * The extended set's extra columns for `channels` (raw columns of `columns`) and the calendar of `dates`,
 * leaving out names in `existing`.
 *
 * @example
 * ```ts ignore
 * extendedColumns(ds.columns, ["tiktok_spend"], ds.dates, []).names; // tiktok_spend_lag1, …, trend, week_sin_1, …
 * ```
 */
export function extendedColumns(
  columns: Readonly<Record<string, Float64Array>>,
  channels: readonly string[],
  dates: readonly string[],
  existing: readonly string[],
): { columns: Float64Array[]; info: FeatureInfo[] } {
  const out: Float64Array[] = [];
  const info: FeatureInfo[] = [];
  for (const c of channels) {
    const x = columns[c];
    for (const k of EXTENDED_LAGS) {
      out.push(lag(x, k, 0));
      info.push({ name: `${c}_lag${k}`, column: c, transform: `lag ${k} week${k > 1 ? "s" : ""}` });
    }
    out.push(movingAverage(x, EXTENDED_WINDOW, 1));
    info.push({ name: `${c}_ma${EXTENDED_WINDOW}`, column: c, transform: `${EXTENDED_WINDOW}-week average` });
  }
  const calendar: Record<string, Float64Array> = { ...trendTerms(dates), ...fourierTerms(dates, "week", 1) };
  const words: Record<string, string> = {
    trend: "trend",
    week_sin_1: "annual sine",
    week_cos_1: "annual cosine",
  };
  for (const [name, x] of Object.entries(calendar)) {
    if (existing.includes(name)) continue;
    out.push(x);
    info.push({ name, column: "", transform: words[name] ?? name });
  }
  return { columns: out, info };
}

/**
 * A row-major design from a row-major block (n × kb) followed by extra columns.
 *
 * @example
 * ```ts
 * appendColumns({ names: ["a"], n: 2, k: 1, x: new Float64Array([1, 2]) }, [new Float64Array([3, 4])], ["b"]);
 * ```
 */
export function appendColumns(
  block: Design,
  extra: readonly Float64Array[],
  names: readonly string[],
): Design {
  const { n, k } = block;
  const kk = k + extra.length;
  const x = new Float64Array(n * kk);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) x[i * kk + j] = block.x[i * k + j];
    for (let e = 0; e < extra.length; e++) x[i * kk + k + e] = extra[e][i];
  }
  return { names: [...block.names, ...names], n, k: kk, x };
}

/**
 * Drops the `const` column of a row-major design.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(withoutConst({ names: ["const", "a"], n: 1, k: 2, x: new Float64Array([1, 5]) }).names, ["a"], 1e-9);
 * ```
 */
export function withoutConst(d: Design): Design {
  const j0 = d.names.indexOf("const");
  if (j0 < 0) return d;
  const k = d.k - 1;
  const x = new Float64Array(d.n * k);
  for (let i = 0; i < d.n; i++) {
    let c = 0;
    for (let j = 0; j < d.k; j++) if (j !== j0) x[i * k + c++] = d.x[i * d.k + j];
  }
  return { names: d.names.filter((_, j) => j !== j0), n: d.n, k, x };
}
