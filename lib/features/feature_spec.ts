/**
 * Declarative features: a {@link FeatureSpec} is plain data (JSON-serializable) that says which columns enter
 * the design and how each is transformed, so a search over carryover or saturation parameters only edits
 * numbers in the spec. {@link buildDesign} turns a dataset and a spec into a `Design`.
 *
 * Per column, in this order: lag → adstock → saturation → scale. Lags and adstock run within each geo when the
 * dataset has `geos` (rows sorted by (geo, date)), so nothing carries over a geo border. Scalers are fitted on
 * `trainRows` only (no leakage into a validation fold) and applied to every row; the fitted parameters come back
 * with the design so that new data can be scaled the same way.
 *
 * @example
 * ```ts ignore
 * const spec: FeatureSpec = {
 *   features: [
 *     { column: "tv", adstock: { type: "geometric", theta: 0.6 }, saturation: { type: "hill", halfSaturation: 5e4, shape: 1.5 } },
 *     { column: "search", as: "search_lag1", lag: 1 },
 *     { column: "price", scale: "standard" },
 *   ],
 *   calendar: { seasonality: "fourier", trend: "linear", holidays: true },
 * };
 * const design = buildDesign(dataset, spec, { intercept: true });
 * ```
 * @module
 */

import type { Dataset } from "../data/types.ts";
import { adstockInto, type AdstockSpec, validateAdstockSpec } from "./adstock.ts";
import { calendarFeatures, type CalendarOptions, parseIsoDate } from "./calendar.ts";
import { type Design, designFromColumns } from "./design.ts";
import { lag } from "./lags.ts";
import { applyByGroupInto, type GroupRange, groupRanges } from "./panel.ts";
import { saturate, type SaturationSpec, validateSaturationSpec } from "./saturation.ts";
import { applyScaler, fitRobustScaler, fitStandardScaler, type ScalerParams } from "./scalers.ts";

/** One design column built from one dataset column. */
export interface FeatureEntry {
  /** Source column name in `Dataset.columns`. */
  readonly column: string;
  /** Name in the design (default: `column`). Names must be unique. */
  readonly as?: string;
  /** Lag in periods (integer ≥ 0), within each geo. */
  readonly lag?: number;
  /** What the first `lag` rows of each geo get: `"zero"` (default: no spend before the data) or `"nan"`. */
  readonly lagFill?: "zero" | "nan";
  /** Carryover, within each geo. */
  readonly adstock?: AdstockSpec;
  /** Diminishing returns, after adstock. */
  readonly saturation?: SaturationSpec;
  /** Scaling last: fit a scaler on the training rows, or apply given (pre-fitted) parameters. */
  readonly scale?: "standard" | "robust" | ScalerParams;
}

/** A whole design as plain data. */
export interface FeatureSpec {
  /** The design's columns from dataset columns, in design order, each with its transforms. */
  readonly features: readonly FeatureEntry[];
  /** Calendar columns appended after the features (see `calendarFeatures`). */
  readonly calendar?: CalendarOptions;
}

/** The dataset fields {@link buildDesign} reads. */
export type DatasetLike = Pick<Dataset, "n" | "dates" | "geos" | "columns">;

/** Options of {@link buildDesign}. */
export interface BuildDesignOptions {
  /** Add a leading `const` column of ones (default true). */
  readonly intercept?: boolean;
  /** Rows the scalers are fitted on (default: all rows). Pass a CV fold's training rows. */
  readonly trainRows?: ArrayLike<number>;
}

/** A design plus what was fitted while building it. */
export interface BuiltDesign extends Design {
  /** Scaler parameters by design column name, for the entries that were scaled. */
  readonly scalers: Readonly<Record<string, ScalerParams>>;
}

/**
 * Builds a design from a dataset and a declarative spec (see the module doc for the order of operations).
 * Calendar columns come after the feature columns, in `calendarFeatures`' order.
 *
 * @param ds dataset (or any `{ n, dates, geos?, columns }`); with `geos`, rows must be sorted by (geo, date)
 * @param spec plain-data spec, validated up front (`RangeError` naming the entry and parameter)
 * @param options `intercept` (default true), `trainRows` for the scalers
 * @throws RangeError for an unknown column, duplicate names, a non-finite value entering adstock or saturation
 *   (naming column, row, geo and date), rows not sorted by (geo, date), or parameters out of domain * @example
 * const fold = buildDesign(dataset, {
 *   features: [{ column: "tv", adstock: { type: "weibull_pdf", shape: 2, scale: 0.05, maxLag: 12 }, scale: "robust" }],
 *   calendar: { seasonality: "month_dummies" },
 * }, { trainRows: train });
 * fold.names; // ["const", "tv", "month_2", …, "month_12"]; fold.scalers.tv holds the robust scaler fitted on `train`
 */
export function buildDesign(
  ds: DatasetLike,
  spec: FeatureSpec,
  options: BuildDesignOptions = {},
): BuiltDesign {
  const { intercept = true, trainRows } = options;
  checkDataset(ds);
  const ranges: readonly GroupRange[] = ds.geos ? groupRanges(ds.geos) : [{ group: "", start: 0, end: ds.n }];
  if (ds.geos) checkDatesSorted(ds, ranges);
  const columns: Record<string, Float64Array> = {};
  const scalers: Record<string, ScalerParams> = {};
  const names = new Set<string>();
  spec.features.forEach((entry, index) => checkEntry(ds, entry, index, names));
  for (const entry of spec.features) {
    const name = entry.as ?? entry.column;
    let x: Float64Array = ds.columns[entry.column];
    if (entry.lag !== undefined && entry.lag > 0) {
      const k = entry.lag, fill = entry.lagFill === "nan" ? NaN : 0;
      x = applyByGroupInto(new Float64Array(ds.n), x, ranges, (o, s) => o.set(lag(s, k, fill)));
    }
    if (entry.adstock) {
      checkFiniteColumn(ds, x, name, "adstock");
      const a = entry.adstock;
      x = applyByGroupInto(new Float64Array(ds.n), x, ranges, (o, s) => adstockInto(o, s, a));
    }
    if (entry.saturation) {
      checkFiniteColumn(ds, x, name, "saturation");
      x = saturate(x, entry.saturation);
    }
    if (entry.scale !== undefined) {
      const params = typeof entry.scale === "object"
        ? entry.scale
        : entry.scale === "standard"
        ? fitStandardScaler(x, trainRows)
        : fitRobustScaler(x, trainRows);
      x = applyScaler(params, x);
      scalers[name] = params;
    }
    columns[name] = x;
  }
  const calendar = spec.calendar ? calendarFeatures(ds.dates, spec.calendar) : {};
  for (const [name, column] of Object.entries(calendar)) {
    if (name in columns) {
      throw new RangeError(`calendar column "${name}" clashes with a feature of the same name`);
    }
    columns[name] = column;
  }
  if (intercept && "const" in columns) {
    throw new RangeError(`a feature is named "const", which the intercept uses`);
  }
  if (Object.keys(columns).length === 0 && !intercept) throw new RangeError("the spec produces no columns");
  const design = Object.keys(columns).length === 0
    ? { names: ["const"], n: ds.n, k: 1, x: new Float64Array(ds.n).fill(1) }
    : designFromColumns(columns, intercept);
  return { ...design, scalers };
}

function checkDataset(ds: DatasetLike): void {
  if (!(Number.isInteger(ds.n) && ds.n >= 0)) {
    throw new RangeError(`dataset n must be an integer >= 0, got ${ds.n}`);
  }
  if (ds.dates.length !== ds.n) throw new RangeError(`dataset has ${ds.dates.length} dates for ${ds.n} rows`);
  if (ds.geos && ds.geos.length !== ds.n) {
    throw new RangeError(`dataset has ${ds.geos.length} geos for ${ds.n} rows`);
  }
}

function checkDatesSorted(ds: DatasetLike, ranges: readonly GroupRange[]): void {
  for (const r of ranges) {
    for (let i = r.start + 1; i < r.end; i++) {
      if (!(parseIsoDate(ds.dates[i]).dayNumber > parseIsoDate(ds.dates[i - 1]).dayNumber)) {
        throw new RangeError(
          `rows of geo ${JSON.stringify(r.group)} are not in increasing date order at row ${i} (${
            ds.dates[i - 1]
          } then ${ds.dates[i]}); sort rows by (geo, date)`,
        );
      }
    }
  }
}

function checkEntry(ds: DatasetLike, e: FeatureEntry, index: number, names: Set<string>): void {
  const where = `features[${index}] (${JSON.stringify(e?.column)})`;
  try {
    if (typeof e?.column !== "string") throw new RangeError("column must be a string");
    const column = ds.columns[e.column];
    if (!column) {
      throw new RangeError(`no column "${e.column}"; available: ${Object.keys(ds.columns).join(", ")}`);
    }
    if (column.length !== ds.n) throw new RangeError(`column has ${column.length} rows, expected ${ds.n}`);
    if (e.lag !== undefined && !(Number.isInteger(e.lag) && e.lag >= 0)) {
      throw new RangeError(`lag must be an integer >= 0, got ${e.lag}`);
    }
    if (e.lagFill !== undefined && e.lagFill !== "zero" && e.lagFill !== "nan") {
      throw new RangeError(`lagFill must be "zero" or "nan", got ${JSON.stringify(e.lagFill)}`);
    }
    if (e.adstock) validateAdstockSpec(e.adstock);
    if (e.saturation) validateSaturationSpec(e.saturation);
    if (
      e.scale !== undefined && typeof e.scale !== "object" && e.scale !== "standard" && e.scale !== "robust"
    ) {
      throw new RangeError(`scale must be "standard", "robust" or fitted scaler parameters, got ${e.scale}`);
    }
    if (typeof e.scale === "object" && !(Number.isFinite(e.scale.center) && e.scale.scale > 0)) {
      throw new RangeError(`scaler parameters need a finite center and a scale > 0`);
    }
    const name = e.as ?? e.column;
    if (names.has(name)) {
      throw new RangeError(`design name "${name}" is used twice; give one entry an "as" name`);
    }
    names.add(name);
  } catch (error) {
    if (error instanceof RangeError) throw new RangeError(`${where}: ${error.message}`);
    throw error;
  }
}

function checkFiniteColumn(ds: DatasetLike, x: Float64Array, name: string, step: string): void {
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      const geo = ds.geos ? `geo ${JSON.stringify(ds.geos[i])}, ` : "";
      throw new RangeError(
        `feature "${name}" before ${step}: row ${i} (${geo}${ds.dates[i]}) is ${x[i]}; ` +
          `expected finite values (fill missing values, or use lagFill "zero")`,
      );
    }
  }
}
