/**
 * Lift-test (experiment) results read from a CSV file, checked against the data a model is fitted on.
 *
 * Columns (header names, any order; other columns are an error so that a typo cannot pass silently):
 *
 * | column    | meaning                                                                                   |
 * |-----------|-------------------------------------------------------------------------------------------|
 * | `channel` | the spend column the experiment tested, as named in the data file                         |
 * | `start`   | first day of the test window (ISO `YYYY-MM-DD`), inclusive                                |
 * | `end`     | last day of the test window, inclusive                                                    |
 * | `geos`    | optional: the geo keys the test ran in, `;`-separated; empty means every geo (or national) |
 * | `lift`    | incremental target over the window and geos caused by the channel's spend there           |
 * | `se`      | the standard error of `lift` (> 0), in the same units                                     |
 * | `metric`  | which target `lift` is counted in (the data's target column name, e.g. `sales`, `revenue`) |
 *
 * A window covers the data rows whose date lies in `[start, end]`; with weekly rows dated by the week's first
 * day, a window covers the weeks that start inside it. This is the form in which geo-holdout and go-dark
 * tests are summarized (Meridian's and PyMC-Marketing's lift-test calibration read the same fields: channel,
 * window, geos, lift and its uncertainty).
 *
 * @module
 */
import { DataError } from "../errors.ts";
import { isMissingCell, parseDay, parseNumberCell } from "./cells.ts";
import { readCsv } from "./csv.ts";
import { readTextFile } from "./read_text.ts";
import type { Dataset } from "./types.ts";

/** One lift test, validated. */
export interface Experiment {
  /** Spend column tested. */
  readonly channel: string;
  /** First day of the test window, an ISO date (`YYYY-MM-DD`); the window includes it. */
  readonly start: string;
  /** Last day of the test window, an ISO date, inclusive; not before `start`. */
  readonly end: string;
  /** Geo keys the test ran in; null for every geo (or a national series). */
  readonly geos: readonly string[] | null;
  /** Incremental target over the window and geos. */
  readonly lift: number;
  /** Standard error of `lift`, > 0. */
  readonly se: number;
  /** Target the lift is counted in (equals the model's target). */
  readonly metric: string;
  /** 1-based line in the file (header = line 1), for messages. */
  readonly line: number;
  /** Data rows the window and geos cover (at least one). */
  readonly rows: number;
}

/** What an experiments file is checked against: the data of the model it calibrates. */
export interface ExperimentContext {
  /** The model's channels (spend column names) that an experiment may name. */
  readonly channels: readonly string[];
  /** ISO date of every data row. */
  readonly dates: readonly string[];
  /** Geo key of every data row (panels); undefined for a national series. */
  readonly geos?: readonly string[];
  /** The model's target column: every `metric` must equal it. */
  readonly target: string;
  /**
   * `"error"` (default): a row whose `metric` is not the target is an error. `"skip"`: such rows are left out
   * and listed in `skipped` (one file shared by the geo and national models, whose targets differ).
   */
  readonly otherMetrics?: "error" | "skip";
}

/** The experiments of a file that apply to a model, and the rows left to another model. */
export interface ExperimentFile {
  /** The experiments file (or label) the rows came from, as named in errors and warnings. */
  readonly source: string;
  /** The validated experiments for this model, in file order. */
  readonly experiments: readonly Experiment[];
  /** Rows measured in another target (only with `otherMetrics: "skip"`), each with its sentence. */
  readonly skipped: readonly { readonly line: number; readonly metric: string; readonly sentence: string }[];
  /** What reading the file repaired or noticed (its encoding, separators), one sentence each. */
  readonly warnings: readonly string[];
}

const REQUIRED = ["channel", "start", "end", "lift", "se", "metric"] as const;
const KNOWN = new Set<string>([...REQUIRED, "geos"]);

/**
 * Parses and validates an experiments CSV (see the module doc) against a model's data.
 *
 * Each problem is a `DataError` naming the file, line and column: a missing or unknown column, a channel the
 * model does not have, a date that is not ISO, `end` before `start`, a window outside the data's dates (or
 * covering no data row), a geo key not in the data (or any geo on a national series), a `lift` that is not a
 * finite number, `se` ≤ 0 or not a number, a `metric` that is not the model's target.
 *
 * @param text the file's text
 * @param source the file name, for messages
 * @param ctx the model's channels, row dates (and geos) and target
 * @example
 * ```ts ignore
 * parseExperiments("channel,start,end,geos,lift,se,metric\ntv,2024-01-01,2024-02-26,g1;g2,5000,1500,sales\n",
 *   "exp.csv", { channels: ["tv"], dates, geos, target: "sales" }).experiments[0].lift; // 5000
 * ```
 */
export function parseExperiments(text: string, source: string, ctx: ExperimentContext): ExperimentFile {
  const table = readCsv(text, source);
  const header = table.header;
  for (const name of header) {
    if (!KNOWN.has(name)) {
      throw new DataError(
        `unknown column "${name}"; an experiments file has the columns ${
          [...KNOWN].join(", ")
        } (geos optional)`,
        { file: source, line: table.headerLine, column: name },
      );
    }
  }
  for (const name of REQUIRED) {
    if (!header.includes(name)) {
      throw new DataError(
        `missing column "${name}"; an experiments file has the columns ${
          [...KNOWN].join(", ")
        } (geos optional)`,
        { file: source, line: table.headerLine },
      );
    }
  }
  if (table.rows.length === 0) throw new DataError("no experiment rows below the header", { file: source });
  const col = (name: string) => header.indexOf(name);
  const days = ctx.dates.map(parseDay);
  let first = Infinity, last = -Infinity;
  for (const d of days) {
    if (d < first) first = d;
    if (d > last) last = d;
  }
  const geoSet = ctx.geos ? new Set(ctx.geos) : undefined;
  const experiments: Experiment[] = [];
  const skipped: { line: number; metric: string; sentence: string }[] = [];
  table.rows.forEach((row, r) => {
    const line = table.lines[r];
    const at = (column: string) => ({ file: source, line, column });
    const cell = (name: string) => (col(name) >= 0 ? row[col(name)] : "");
    const metric = cell("metric");
    if (metric !== ctx.target) {
      if (ctx.otherMetrics === "skip" && metric !== "") {
        skipped.push({
          line,
          metric,
          sentence:
            `Line ${line} measures "${metric}", not this model's target "${ctx.target}": left out here.`,
        });
        return;
      }
      throw new DataError(
        `metric "${metric}" is not the model's target "${ctx.target}": the lift must be counted in the ` +
          `target the model explains`,
        at("metric"),
      );
    }
    const channel = cell("channel");
    if (!ctx.channels.includes(channel)) {
      throw new DataError(
        `unknown channel "${channel}"; the model's channels are ${
          ctx.channels.map((c) => `"${c}"`).join(", ")
        }`,
        at("channel"),
      );
    }
    const day = (name: "start" | "end") => {
      const d = parseDay(cell(name));
      if (!Number.isFinite(d)) {
        throw new DataError(`expected a date written YYYY-MM-DD, got "${cell(name)}"`, at(name));
      }
      return d;
    };
    const start = day("start"), end = day("end");
    if (end < start) throw new DataError(`end ${cell("end")} is before start ${cell("start")}`, at("end"));
    if (start < first || end > last) {
      const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
      throw new DataError(
        `the window ${cell("start")} to ${cell("end")} is outside the data, which run from ${
          iso(first)
        } to ` +
          `${iso(last)}`,
        at(start < first ? "start" : "end"),
      );
    }
    let geos: string[] | null = null;
    const geoText = cell("geos");
    if (!isMissingCell(geoText)) {
      geos = geoText.split(";").map((g) => g.trim()).filter((g) => g !== "");
      if (!geoSet) {
        throw new DataError(
          `geos are given but the data are a national series (no geo column); leave the cell empty`,
          at("geos"),
        );
      }
      const unknown = geos.filter((g) => !geoSet.has(g));
      if (unknown.length > 0) {
        throw new DataError(
          `unknown geo ${unknown.map((g) => `"${g}"`).join(", ")}: not in the data`,
          at("geos"),
        );
      }
      if (new Set(geos).size !== geos.length) throw new DataError("a geo is listed twice", at("geos"));
      if (geos.length === 0) geos = null;
    }
    const lift = parseNumberCell(cell("lift"));
    if (!Number.isFinite(lift)) throw new DataError(`expected a number, got "${cell("lift")}"`, at("lift"));
    const se = parseNumberCell(cell("se"));
    if (!(se > 0)) {
      throw new DataError(
        `the standard error must be a number > 0, got "${cell("se")}" (an experiment without uncertainty ` +
          `cannot be weighed against the model)`,
        at("se"),
      );
    }
    const inGeo = geos ? new Set(geos) : undefined;
    let rows = 0;
    for (let i = 0; i < days.length; i++) {
      if (days[i] >= start && days[i] <= end && (!inGeo || inGeo.has(ctx.geos![i]))) rows++;
    }
    if (rows === 0) {
      throw new DataError(
        `the window ${cell("start")} to ${
          cell("end")
        } covers no data row (rows are dated by their week's first day)`,
        at("start"),
      );
    }
    experiments.push({ channel, start: cell("start"), end: cell("end"), geos, lift, se, metric, line, rows });
  });
  return { source, experiments, skipped, warnings: table.warnings };
}

/**
 * Reads an experiments file (any encoding `readTextFile` recognises) and validates it ({@link parseExperiments}).
 *
 * @param path the file
 * @param ctx the model's channels, row dates (and geos) and target
 * @throws DataError for an unreadable file or any problem `parseExperiments` names
 * @example
 * ```ts ignore
 * const file = loadExperiments("data/experiments.example.csv", experimentContext(geoDataset));
 * ```
 */
export function loadExperiments(path: string, ctx: ExperimentContext): ExperimentFile {
  const decoded = readTextFile(path);
  const file = parseExperiments(decoded.text, path, ctx);
  return { ...file, warnings: [...decoded.warnings, ...file.warnings] };
}

/**
 * Whether a data row lies in an experiment's window and geos.
 *
 * @example
 * ```ts ignore
 * const inTest = experimentRows(exp, ds.dates, ds.geos); // Uint8Array of 0/1 per row
 * ```
 */
export function experimentRows(
  exp: Pick<Experiment, "start" | "end" | "geos">,
  dates: readonly string[],
  geos?: readonly string[],
): Uint8Array {
  const start = parseDay(exp.start), end = parseDay(exp.end);
  const inGeo = exp.geos ? new Set(exp.geos) : undefined;
  const out = new Uint8Array(dates.length);
  for (let i = 0; i < dates.length; i++) {
    const d = parseDay(dates[i]);
    if (d >= start && d <= end && (!inGeo || (geos !== undefined && inGeo.has(geos[i])))) out[i] = 1;
  }
  return out;
}

/**
 * The context to validate experiments against a dataset: a panel's media channels, or a national series'
 * social channels, mediator and direct channels; its dates, geos and target.
 *
 * @param ds the data the model is fitted on
 * @param otherMetrics `"skip"` when one file holds experiments for models with different targets
 * @example
 * ```ts ignore
 * loadExperiments("data/experiments.example.csv", experimentContext(geo)).experiments;
 * ```
 */
export function experimentContext(ds: Dataset, otherMetrics: "error" | "skip" = "error"): ExperimentContext {
  const R = ds.roles;
  const channels = ds.geos
    ? [...R.media]
    : [...R.social, ...(R.mediator !== undefined ? [R.mediator] : []), ...R.direct];
  return {
    channels,
    dates: ds.dates,
    ...(ds.geos ? { geos: ds.geos } : {}),
    target: R.target,
    otherMetrics,
  };
}
