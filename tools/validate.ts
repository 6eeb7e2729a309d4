/**
 * The coverage study: do the pipelines' 95% intervals cover the truth about 95% of the time on data drawn
 * with random true parameters (`data/simulate.ts`)?
 *
 * ```
 * deno task validate [--n 50] [--seed S] [--kind geo|national|both] [--out reports/validation] [--workers 2]
 * ```
 *
 * For each draw: simulate a file, run exactly the pipeline the notebooks run (`geoPipeline` with notebook 05's
 * parameters, `nationalPipeline` with notebook 04's) and compare every row of its tidy `estimates` with the
 * true value of the same `(model, quantity, channel)`. Beside that, per draw:
 *
 * - an **oracle** fit: the same model and the same interval method with the *true* carryover (and, where the
 *   truth is in the model's family, the true saturation) instead of the chosen ones. What the oracle covers
 *   that the pipeline misses is the cost of choosing the transforms and then holding them fixed;
 * - **refit stability**: the pipeline on the draw without its last 8 weeks; `|ΔROI| / |ROI|` per channel;
 * - a **holdout**: the pipeline on all but the last 13 weeks, predicting them (MAPE, out-of-sample R², and on
 *   the panel the within-geo R²); corrupted weeks are not scored.
 *
 * The refits use fewer coefficient draws / bootstrap replicates than the notebooks, and the geo refits
 * fixed-transform intervals (only their point estimates and transforms are used, which do not depend on them), and the national pipeline runs with
 * `importance: false` (driver importance does not enter `estimates`). Draws run in Workers (`--workers`,
 * default 2). Output in `--out`: `index.html`, `coverage.csv`, `cases.csv`, `draws.csv`, `validation.md`.
 *
 * The module also exports the study's statistics (Wilson and Clopper–Pearson intervals, the summaries), so that
 * they are tested apart from the runs.
 *
 * @module
 */
import { parseDataset } from "../lib/data/load.ts";
import type { Dataset } from "../lib/data/types.ts";
import { geoPipeline, type GeoPipelineResult } from "../lib/pipeline/geo.ts";
import { nationalPipeline, type NationalResults } from "../lib/pipeline/national.ts";
import { GEO_RUN, NATIONAL_RUN } from "../lib/pipeline/run_settings.ts";
import { fitGeoModel } from "../lib/decompose/geo_model.ts";
import { roiWithUncertainty } from "../lib/decompose/contributions.ts";
import { crossValidatePanel } from "../lib/evaluate/panel_cv.ts";
import { crossValidateMediation } from "../lib/evaluate/mediation_evaluate.ts";
import { crossValidateSingleStage } from "../lib/pipeline/national_single_stage.ts";
import { bootstrapMediation } from "../lib/models/mediation_bootstrap.ts";
import type { MediationInputs } from "../lib/models/mediation.ts";
import type { Fold } from "../lib/evaluate/time_series_split.ts";
import { fourierTerms, monthDummies } from "../lib/features/calendar.ts";
import { incompleteBeta, normalPpf } from "../lib/stats/distributions.ts";
import { xoshiro128ss } from "../lib/stats/random.ts";
import { gitState, writeLatest } from "./validate_latest.ts";
import {
  GEO_RANGES,
  type GeoSimOverrides,
  type GeoSimResolved,
  NATIONAL_RANGES,
  type NationalSimOverrides,
  type NationalSimResolved,
  Random,
  type Simulated,
  simulateGeo,
  simulateNational,
  type TruthRow,
} from "../data/simulate.ts";

// ---------------------------------------------------------------------------------------------------------
// What the notebooks run
// ---------------------------------------------------------------------------------------------------------

/** Seed of the study, fixed before the first run and never chosen for its results. */
export const VALIDATION_SEED = 20250117;
/** Weeks dropped for the refit-stability check, and held out for the holdout check. */
export const REFIT_DROP_WEEKS = 8;
export const HOLDOUT_WEEKS = 13;
/** Coefficient draws / bootstrap replicates of the refits (their intervals are not used). */
const REFIT_DRAWS = 100;
/**
 * The geo refits: only their point estimates and transforms are used (refit stability, holdout), which do not
 * depend on how intervals are made, so they skip the re-choosing bootstrap (its replicates were 2/3 of a draw's
 * time) and take the cheap fixed-transform draws.
 */
const GEO_REFIT_OPTIONS = {
  seed: GEO_RUN.seed,
  folds: GEO_RUN.folds,
  draws: REFIT_DRAWS,
  intervals: "fixed-transforms",
} as const;
const REFIT_REPS = 49;

// ---------------------------------------------------------------------------------------------------------
// Binomial intervals
// ---------------------------------------------------------------------------------------------------------

/**
 * Wilson score interval for a binomial proportion `k / n` (Wilson 1927, "Probable inference, the law of
 * succession, and statistical inference", JASA 22): `(p̂ + z²/2n ± z √(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n)`.
 *
 * @example
 * wilsonInterval(45, 50); // { lower: 0.7864..., upper: 0.9565... }
 */
export function wilsonInterval(k: number, n: number, level = 0.95): { lower: number; upper: number } {
  checkCount(k, n);
  if (n === 0) return { lower: NaN, upper: NaN };
  const z = normalPpf(1 - (1 - level) / 2);
  const p = k / n, z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/**
 * Clopper–Pearson ("exact") interval (Clopper & Pearson 1934, Biometrika 26): the `α/2` quantile of
 * Beta(k, n − k + 1) and the `1 − α/2` quantile of Beta(k + 1, n − k), found by bisection on the regularized
 * incomplete beta function; 0 and 1 at the edges.
 *
 * @example
 * clopperPearsonInterval(45, 50); // { lower: 0.7819..., upper: 0.9667... }
 */
export function clopperPearsonInterval(k: number, n: number, level = 0.95): { lower: number; upper: number } {
  checkCount(k, n);
  if (n === 0) return { lower: NaN, upper: NaN };
  const alpha = 1 - level;
  const betaQuantile = (q: number, a: number, b: number) => {
    let lo = 0, hi = 1;
    for (let i = 0; i < 100; i++) {
      const mid = (lo + hi) / 2;
      if (incompleteBeta(mid, a, b) < q) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  return {
    lower: k === 0 ? 0 : betaQuantile(alpha / 2, k, n - k + 1),
    upper: k === n ? 1 : betaQuantile(1 - alpha / 2, k + 1, n - k),
  };
}

/**
 * Percentile interval of a coverage rate when cases come in correlated groups (the channels of one draw): the
 * groups are resampled with replacement `reps` times (seeded xoshiro128**), and the rate `Σ covered / Σ cases`
 * is recomputed each time. Wider than the binomial intervals when misses cluster within draws.
 *
 * @param groups per group (draw): `[covered, cases]`
 * @example
 * groupBootstrapInterval([[5, 5], [0, 5], [5, 5]], 2000, 1); // about { lower: 0.33, upper: 1 }
 */
export function groupBootstrapInterval(
  groups: readonly (readonly [number, number])[],
  reps = 2000,
  seed = 1,
  level = 0.95,
): { lower: number; upper: number } {
  const g = groups.filter(([, n]) => n > 0);
  if (g.length === 0) return { lower: NaN, upper: NaN };
  const next = xoshiro128ss(seed);
  const rates = new Float64Array(reps);
  for (let r = 0; r < reps; r++) {
    let k = 0, n = 0;
    for (let i = 0; i < g.length; i++) {
      const j = Math.floor((next() / 4294967296) * g.length);
      k += g[j][0];
      n += g[j][1];
    }
    rates[r] = k / n;
  }
  rates.sort();
  const at = (q: number) => rates[Math.min(reps - 1, Math.max(0, Math.round(q * (reps - 1))))];
  return { lower: at((1 - level) / 2), upper: at(1 - (1 - level) / 2) };
}

function checkCount(k: number, n: number): void {
  if (!(Number.isInteger(n) && n >= 0 && Number.isInteger(k) && k >= 0 && k <= n)) {
    throw new RangeError(`need integers 0 ≤ k ≤ n, got k = ${k}, n = ${n}`);
  }
}

/** Median of the finite values (NaN when none). */
export function median(values: readonly number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = v.length >> 1;
  return v.length % 2 === 1 ? v[m] : (v[m - 1] + v[m]) / 2;
}

// ---------------------------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------------------------

/** Which fit a case comes from: the notebooks' pipeline, or the same model with the true transforms. */
export type FitKind = "pipeline" | "oracle";

/** One estimate beside its truth. */
export interface CaseRow {
  readonly kind: "geo" | "national";
  readonly draw: number;
  readonly fit: FitKind;
  readonly model: string;
  readonly quantity: string;
  readonly channel: string;
  readonly placebo: boolean;
  readonly truth: number;
  readonly estimate: number;
  /** NaN where the estimate has no interval. */
  readonly lower: number;
  readonly upper: number;
  /** null without an interval. */
  readonly covered: boolean | null;
  /** True and chosen carryover of the channel (NaN where none applies). */
  readonly thetaTrue: number;
  readonly thetaChosen: number;
  /** National: true and chosen carryover of the mediator (every social effect goes through it). */
  readonly thetaMediatorTrue: number;
  readonly thetaMediatorChosen: number;
  /** The true saturation family of the channel (`log1p (s = 1)`, `log1p`, `hill`, `linear`, or empty). */
  readonly saturation: string;
  readonly geos: number;
  readonly weeks: number;
  /** Geo: the covariance the pipeline chose; national: the model fitted. */
  readonly inference: string;
  readonly noiseCv: number;
  /** Geo: the channel's flights (`national`: the same on/off weeks in every geo; `local`), else empty. */
  readonly flights: string;
  /** Geo: share of the noise variance common to every geo in a week (NaN nationally). */
  readonly commonShock: number;
}

/** Refit stability of one channel's ROI. */
export interface StabilityRow {
  readonly kind: "geo" | "national";
  readonly draw: number;
  readonly channel: string;
  readonly roiFull: number;
  readonly lowerFull: number;
  readonly upperFull: number;
  readonly roiRefit: number;
  /** `|roiRefit − roiFull| / |roiFull|`. */
  readonly relativeChange: number;
  /** The refit's ROI lies outside the full fit's 95% interval. */
  readonly outside: boolean;
}

/** Holdout of the last weeks, predicted by the pipeline fitted on the earlier weeks. */
export interface HoldoutRow {
  readonly kind: "geo" | "national";
  readonly draw: number;
  readonly testRows: number;
  /** Mean absolute percentage error, percent. */
  readonly mape: number;
  /** Out-of-sample R² around the test mean. */
  readonly r2: number;
  /** Geo: share of each geo's variation around its training mean that the predictions explain. */
  readonly withinR2: number;
}

/** Everything one draw gives. */
export interface DrawResult {
  readonly kind: "geo" | "national";
  readonly draw: number;
  readonly ok: boolean;
  readonly error: string;
  readonly geos: number;
  readonly weeks: number;
  /** Seconds of each step (wall clock). */
  readonly seconds: { readonly total: number; readonly pipeline: number; readonly refits: number };
  readonly cases: readonly CaseRow[];
  readonly stability: readonly StabilityRow[];
  readonly holdout: HoldoutRow | null;
  /** Why the holdout or oracle was not computed, when it was not. */
  readonly notes: readonly string[];
}

/** A draw to run. */
export interface DrawTask {
  readonly kind: "geo" | "national";
  readonly draw: number;
  readonly seed: number;
  readonly placebo: boolean;
  /** Test-only: fixed simulation parameters. */
  readonly geoOverrides?: GeoSimOverrides;
  readonly nationalOverrides?: NationalSimOverrides;
  /** Test-only: fewer coefficient draws / replicates in the main fit (the study uses the notebooks'). */
  readonly draws?: number;
  readonly reps?: number;
}

/** Compares estimate rows with the truth: one case per estimate that has a truth. */
export function compareRows(
  rows: readonly {
    quantity: string;
    channel: string;
    estimate: number;
    lower: number | null;
    upper: number | null;
  }[],
  truth: readonly TruthRow[],
  context: (quantity: string, channel: string) => Omit<
    CaseRow,
    "quantity" | "channel" | "placebo" | "truth" | "estimate" | "lower" | "upper" | "covered"
  >,
): CaseRow[] {
  const byKey = new Map(truth.map((t) => [`${t.quantity}|${t.channel}`, t.value]));
  const out: CaseRow[] = [];
  for (const r of rows) {
    const t = byKey.get(`${r.quantity}|${r.channel}`);
    if (t === undefined || !Number.isFinite(t) || !Number.isFinite(r.estimate)) continue;
    const interval = r.lower !== null && r.upper !== null && Number.isFinite(r.lower) &&
      Number.isFinite(r.upper);
    out.push({
      ...context(r.quantity, r.channel),
      quantity: r.quantity,
      channel: r.channel,
      placebo: r.channel === "placebo_spend",
      truth: t,
      estimate: r.estimate,
      lower: interval ? r.lower! : NaN,
      upper: interval ? r.upper! : NaN,
      covered: interval ? r.lower! <= t && t <= r.upper! : null,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Running one draw
// ---------------------------------------------------------------------------------------------------------

/** The CSV without its last `drop` weeks (every geo's rows of those dates). */
export function dropLastWeeks(csv: string, dateColumn: string, drop: number): string {
  const lines = csv.trimEnd().split("\n");
  const j = lines[0].split(",").indexOf(dateColumn);
  if (j < 0) throw new RangeError(`no column "${dateColumn}"`);
  const dateOf = (l: string) => l.split(",", j + 1)[j];
  const dates = [...new Set(lines.slice(1).map(dateOf))].sort();
  if (drop >= dates.length) throw new RangeError(`cannot drop ${drop} of ${dates.length} weeks`);
  const last = dates[dates.length - 1 - drop];
  return [lines[0], ...lines.slice(1).filter((l) => dateOf(l) <= last)].join("\n") + "\n";
}

function saturationFamily(s: { type: string; scale?: number }): string {
  return s.type === "log1p" && s.scale === 1 ? "log1p (s = 1)" : s.type;
}

const keyOf = (column: string) => column.replace(/_(spend|send)$/, "");

/** Runs one draw (see the module doc); errors are caught and reported in the result. */
export async function runDraw(task: DrawTask): Promise<DrawResult> {
  const t0 = performance.now();
  const rng = new Random(task.seed, `validate/${task.kind}/${task.draw}`);
  const base = { kind: task.kind, draw: task.draw };
  try {
    return task.kind === "geo" ? await runGeoDraw(task, rng, t0) : await runNationalDraw(task, rng, t0);
  } catch (e) {
    return {
      ...base,
      ok: false,
      error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
      geos: NaN,
      weeks: NaN,
      seconds: { total: (performance.now() - t0) / 1000, pipeline: NaN, refits: NaN },
      cases: [],
      stability: [],
      holdout: null,
      notes: [],
    };
  }
}

async function runGeoDraw(task: DrawTask, rng: Random, t0: number): Promise<DrawResult> {
  const sim: Simulated<GeoSimResolved> = simulateGeo(rng, { placebo: task.placebo, ...task.geoOverrides });
  const P = sim.params;
  const source = `simulated geo draw ${task.draw}`;
  const ds = parseDataset(sim.csv, source, { kind: "geo", roles: sim.roles });
  const res = await geoPipeline(ds, {
    seed: GEO_RUN.seed,
    folds: GEO_RUN.folds,
    draws: task.draws ?? GEO_RUN.draws,
  });
  const tPipeline = performance.now();
  const notes: string[] = [];
  const channelParams = (column: string) => P.channels[keyOf(column)];
  const context = (fit: FitKind, chosen: (c: string) => number) => (_q: string, channel: string) => {
    const p = channelParams(channel);
    return {
      kind: "geo" as const,
      draw: task.draw,
      fit,
      model: "geo",
      thetaTrue: p ? p.theta : NaN,
      thetaChosen: p ? chosen(channel) : NaN,
      thetaMediatorTrue: NaN,
      thetaMediatorChosen: NaN,
      saturation: p ? saturationFamily(p.saturation) : "",
      geos: P.geos,
      weeks: P.weeks,
      inference: res.inference.covType,
      noiseCv: P.noiseCv,
      flights: p ? (p.nationalFlights ? "national" : "local") : "",
      commonShock: P.commonShockShare,
    };
  };
  const chosenTheta = (c: string) => res.transforms.chosen[c]?.theta ?? NaN;
  const cases = compareRows(res.estimates, sim.truth, context("pipeline", chosenTheta));

  // Oracle: true θ; the true log1p scale where the truth is log1p, the chosen scale otherwise.
  if (res.identification.merged.length === 0) {
    const oracleChoice = Object.fromEntries(res.identification.channels.map((c) => {
      const p = channelParams(c);
      const scale = p.saturation.type === "log1p" ? p.saturation.scale : res.transforms.chosen[c].scale;
      return [c, { theta: p.theta, scale }];
    }));
    const model = fitGeoModel(res.dataset, oracleChoice, {
      covType: res.inference.covType,
      ...(res.inference.maxLags !== undefined ? { maxLags: res.inference.maxLags } : {}),
      controls: res.identification.controls,
      seasonality: res.plan.seasonality,
    });
    const draws = roiWithUncertainty(model.mediaModel, res.dataset, {
      seed: GEO_RUN.seed,
      draws: task.draws ?? GEO_RUN.draws,
    });
    const rows = draws.flatMap((r) => [
      {
        quantity: "roi",
        channel: r.channel,
        estimate: r.roi,
        lower: r.roiDraws.lower,
        upper: r.roiDraws.upper,
      },
      {
        quantity: "contribution",
        channel: r.channel,
        estimate: r.contribution,
        lower: r.contributionDraws.lower,
        upper: r.contributionDraws.upper,
      },
    ]);
    cases.push(...compareRows(rows, sim.truth, context("oracle", (c) => channelParams(c).theta)));
  } else notes.push("oracle: channels were merged");

  // Refit without the last 8 weeks.
  const refit = await geoPipeline(
    parseDataset(dropLastWeeks(sim.csv, "date", REFIT_DROP_WEEKS), source, { kind: "geo", roles: sim.roles }),
    GEO_REFIT_OPTIONS,
  );
  const stability = stabilityRows("geo", task.draw, res.roi, refit.roi);

  // Holdout: the pipeline on the earlier weeks, its model predicting the last 13.
  const early = await geoPipeline(
    parseDataset(dropLastWeeks(sim.csv, "date", HOLDOUT_WEEKS), source, { kind: "geo", roles: sim.roles }),
    GEO_REFIT_OPTIONS,
  );
  let holdout: HoldoutRow | null = null;
  try {
    holdout = geoHoldout(ds, early, task.draw);
  } catch (e) {
    notes.push(`holdout: ${(e as Error).message}`);
  }
  const t1 = performance.now();
  return {
    kind: "geo",
    draw: task.draw,
    ok: true,
    error: "",
    geos: P.geos,
    weeks: P.weeks,
    seconds: { total: (t1 - t0) / 1000, pipeline: (tPipeline - t0) / 1000, refits: (t1 - tPipeline) / 1000 },
    cases,
    stability,
    holdout,
    notes,
  };
}

function stabilityRows(
  kind: "geo" | "national",
  draw: number,
  full: readonly { channel: string; roi: number; lower: number; upper: number }[],
  refit: readonly { channel: string; roi: number }[],
): StabilityRow[] {
  return full.filter((r) => r.channel !== "placebo_spend" && Number.isFinite(r.roi)).flatMap((r) => {
    const s = refit.find((x) => x.channel === r.channel);
    if (!s || !Number.isFinite(s.roi)) return [];
    return [{
      kind,
      draw,
      channel: r.channel,
      roiFull: r.roi,
      lowerFull: r.lower,
      upperFull: r.upper,
      roiRefit: s.roi,
      relativeChange: Math.abs(s.roi - r.roi) / Math.abs(r.roi),
      outside: s.roi < r.lower || s.roi > r.upper,
    }];
  });
}

/** Scores of predictions on test rows: MAPE (percent) and R² around the test mean. */
export function holdoutScores(y: ArrayLike<number>, pred: ArrayLike<number>): { mape: number; r2: number } {
  let ape = 0, my = 0;
  const n = y.length;
  for (let i = 0; i < n; i++) {
    ape += Math.abs((y[i] - pred[i]) / y[i]);
    my += y[i] / n;
  }
  let sse = 0, sst = 0;
  for (let i = 0; i < n; i++) {
    sse += (y[i] - pred[i]) ** 2;
    sst += (y[i] - my) ** 2;
  }
  return { mape: (100 * ape) / n, r2: 1 - sse / sst };
}

function geoHoldout(full: Dataset, early: GeoPipelineResult, draw: number): HoldoutRow {
  const channels = early.identification.channels;
  const columns: Record<string, Float64Array> = { ...full.columns };
  for (const c of channels) {
    if (columns[c]) continue;
    const parts = c.split(" + ");
    const s = new Float64Array(full.n);
    for (const p of parts) {
      const x = full.columns[p];
      if (!x) throw new RangeError(`no column "${p}"`);
      for (let i = 0; i < full.n; i++) s[i] += x[i];
    }
    columns[c] = s;
  }
  const ds: Dataset = { ...full, columns, roles: { ...full.roles, media: channels } };
  const model = fitGeoModel(ds, early.transforms.chosen, {
    covType: "nonrobust",
    controls: early.identification.controls,
    seasonality: early.plan.seasonality,
  });
  const lastTrain = early.dataset.dates.reduce((a, b) => (b > a ? b : a));
  const train: number[] = [], test: number[] = [];
  full.dates.forEach((d, i) => (d <= lastTrain ? train : test).push(i));
  const fold: Fold = { train: Int32Array.from(train), test: Int32Array.from(test) };
  const y = full.columns[full.roles.target];
  const cv = crossValidatePanel(model.design, y, full.geos!, [fold]);
  const yTest = test.map((i) => y[i]), pred = test.map((i) => cv.predictions[i]);
  const s = holdoutScores(yTest, pred);
  return { kind: "geo", draw, testRows: test.length, ...s, withinR2: cv.folds[0].withinR2 };
}

async function runNationalDraw(task: DrawTask, rng: Random, t0: number): Promise<DrawResult> {
  const sim: Simulated<NationalSimResolved> = simulateNational(rng, {
    placebo: task.placebo,
    ...task.nationalOverrides,
  });
  const P = sim.params;
  const source = `simulated national draw ${task.draw}`;
  const ds = parseDataset(sim.csv, source, { kind: "weekly", roles: sim.roles });
  const options = {
    seed: NATIONAL_RUN.seed,
    reps: task.reps ?? NATIONAL_RUN.reps,
    blockLength: NATIONAL_RUN.blockLength,
    hacLags: NATIONAL_RUN.hacLags,
    importance: false,
  };
  const res = await nationalPipeline(ds, options);
  const tPipeline = performance.now();
  const notes: string[] = [];
  const trueTheta = (column: string) =>
    column === "google_spend" ? P.google.theta : P.social[keyOf(column)]?.theta ?? NaN;
  const chosenOf = (r: NationalResults) => (column: string) => {
    const stage = column === r.roles.mediator ? ["2", "single"] : ["1", "single"];
    return r.carryover.find((c) => c.channel === column && stage.includes(c.stage))?.theta ?? NaN;
  };
  const chosen = chosenOf(res);
  const mediator = "google_spend";
  const context = (fit: FitKind, theta: (c: string) => number) => (quantity: string, channel: string) => ({
    kind: "national" as const,
    draw: task.draw,
    fit,
    model: "national",
    thetaTrue: trueTheta(channel),
    thetaChosen: theta(channel),
    thetaMediatorTrue: P.google.theta,
    thetaMediatorChosen: theta(mediator),
    saturation: channel === "emails_send" || channel === "sms_send"
      ? "hill"
      : quantity === "roi"
      ? "linear"
      : "",
    geos: 1,
    weeks: P.weeks,
    inference: res.model ?? "none",
    noiseCv: P.noiseCv,
    flights: "",
    commonShock: NaN,
  });
  const cases = compareRows(res.estimates, sim.truth, context("pipeline", chosen));

  // Oracle: the two-stage model with every true transform, bootstrapped as the pipeline does.
  if (res.twoStage) {
    const inputs = res.twoStage.inputs;
    const spec = inputs.spec;
    const c = P.coefficients;
    const trueInputs: MediationInputs = {
      ...inputs,
      spec: {
        ...spec,
        social: spec.social.map((s) => ({ column: s.column, theta: trueTheta(s.column) })),
        mediator: { column: spec.mediator.column, theta: P.google.theta },
        directSocial: [{ column: P.directSocial, theta: trueTheta(P.directSocial) }],
        direct: spec.direct.map((d) => {
          const sat = d.column === "emails_send" ? c.emailSaturation : c.smsSaturation;
          return {
            column: d.column,
            theta: 0,
            ...(sat.type === "hill"
              ? {
                saturation: { type: "hill" as const, halfSaturation: sat.halfSaturation, shape: sat.shape },
              }
              : {}),
          };
        }),
      },
    };
    try {
      const boot = bootstrapMediation(trueInputs, {
        seed: NATIONAL_RUN.seed,
        reps: options.reps,
        blockLength: options.blockLength,
      });
      const wanted: Record<string, string> = {
        mediatorPerDollar: "google_per_dollar",
        indirectPerDollar: "indirect_per_dollar",
        directPerDollar: "direct_per_dollar",
        totalPerDollar: "total_per_dollar",
        roi: "roi",
        elasticity: "price_elasticity",
        lift: "promotion_lift",
      };
      const rows = boot.effects.flatMap((e) => {
        const quantity = e.quantity === "contribution" && spec.direct.some((d) => d.column === e.channel)
          ? "contribution"
          : wanted[e.quantity];
        if (!quantity) return [];
        if (quantity === "direct_per_dollar" && e.channel !== P.directSocial) return [];
        return [{ quantity, channel: e.channel, estimate: e.estimate, lower: e.lower, upper: e.upper }];
      });
      cases.push(...compareRows(rows, sim.truth, context("oracle", trueTheta)));
    } catch (e) {
      notes.push(`oracle: ${(e as Error).message}`);
    }
  } else notes.push("oracle: the pipeline fitted no two-stage model");

  const refitOptions = { ...options, reps: REFIT_REPS };
  const refit = await nationalPipeline(
    parseDataset(dropLastWeeks(sim.csv, "week", REFIT_DROP_WEEKS), source, {
      kind: "weekly",
      roles: sim.roles,
    }),
    refitOptions,
  );
  const roiRows = (r: NationalResults) =>
    (r.outcome?.contributions ?? []).map((c) => ({
      channel: c.channel,
      roi: c.estimate,
      lower: c.lower,
      upper: c.upper,
    }));
  const stability = stabilityRows("national", task.draw, roiRows(res), roiRows(refit));

  const early = await nationalPipeline(
    parseDataset(dropLastWeeks(sim.csv, "week", HOLDOUT_WEEKS), source, { kind: "weekly", roles: sim.roles }),
    refitOptions,
  );
  let holdout: HoldoutRow | null = null;
  try {
    holdout = nationalHoldout(ds, early, sim.outlierWeeks, task.draw);
  } catch (e) {
    notes.push(`holdout: ${(e as Error).message}`);
  }
  const t1 = performance.now();
  return {
    kind: "national",
    draw: task.draw,
    ok: true,
    error: "",
    geos: 1,
    weeks: P.weeks,
    seconds: { total: (t1 - t0) / 1000, pipeline: (tPipeline - t0) / 1000, refits: (t1 - tPipeline) / 1000 },
    cases,
    stability,
    holdout,
    notes,
  };
}

/** A derived column of a shorter run (seasonal terms, regime steps) recomputed over every date. */
function extendColumn(name: string, dates: readonly string[]): Float64Array {
  if (name === "november" || name === "december") {
    return monthDummies(dates)[name === "november" ? "month_11" : "month_12"];
  }
  if (/^week_(sin|cos)_1$/.test(name)) return fourierTerms(dates, "week", 1)[name];
  const step = /^level_from_(\d{4}-\d{2}-\d{2})$/.exec(name);
  if (step) return Float64Array.from(dates, (d) => (d >= step[1] ? 1 : 0));
  throw new RangeError(`column "${name}" cannot be extended to the held-out weeks`);
}

function nationalHoldout(
  full: Dataset,
  early: NationalResults,
  outliers: readonly number[],
  draw: number,
): HoldoutRow {
  const inputs = early.twoStage?.inputs ?? early.singleStage?.inputs;
  if (!inputs) throw new RangeError("the early fit has no model");
  const n = full.n, m = inputs.y.length;
  const columns: Record<string, Float64Array> = {};
  for (const [name, x] of Object.entries(inputs.columns)) {
    columns[name] = full.columns[name] && full.columns[name].length === n
      ? full.columns[name]
      : extendColumn(name, full.dates);
    if (x.length !== m) throw new RangeError(`column "${name}" has ${x.length} values`);
  }
  const test = Array.from({ length: n - m }, (_, i) => m + i).filter((t) => !outliers.includes(t));
  const rows = [...(inputs.rows ? Array.from(inputs.rows) : Array.from({ length: m }, (_, i) => i)), ...test];
  const fold: Fold = { train: Int32Array.from({ length: m }, (_, i) => i), test: Int32Array.from(test) };
  const y = full.columns[full.roles.target];
  const predictions = early.twoStage
    ? crossValidateMediation({ ...(inputs as MediationInputs), columns, y, rows }, [fold]).cv.predictions
    : crossValidateSingleStage({ ...early.singleStage!.inputs, columns, y, rows }, [fold]).predictions;
  const s = holdoutScores(test.map((t) => y[t]), test.map((t) => predictions[t]));
  return { kind: "national", draw, testRows: test.length, ...s, withinR2: NaN };
}

// ---------------------------------------------------------------------------------------------------------
// Summaries
// ---------------------------------------------------------------------------------------------------------

/** Coverage and accuracy of one (fit, model, quantity, subset), pooled over channels and draws. */
export interface CoverageRow {
  readonly fit: FitKind;
  readonly model: string;
  readonly quantity: string;
  /** `channels` (the real ones) or `placebo` (true value 0). */
  readonly subset: "channels" | "placebo";
  /** Estimates compared (with or without an interval). */
  readonly estimates: number;
  /** Estimates with an interval, and how many of those cover the truth. */
  readonly n: number;
  readonly covered: number;
  readonly coverage: number;
  readonly wilsonLower: number;
  readonly wilsonUpper: number;
  readonly clopperPearsonLower: number;
  readonly clopperPearsonUpper: number;
  /** Percentile interval with whole draws resampled ({@link groupBootstrapInterval}). */
  readonly drawsLower: number;
  readonly drawsUpper: number;
  /** Median of estimate − truth, and of (estimate − truth) / |truth|. */
  readonly medianBias: number;
  readonly medianRelativeBias: number;
  /** Median of upper − lower, and of (upper − lower) / |truth|. */
  readonly medianWidth: number;
  readonly medianRelativeWidth: number;
  /** Draws contributing. */
  readonly draws: number;
}

const QUANTITY_ORDER = [
  "roi",
  "contribution",
  "marginal_roi",
  "google_per_dollar",
  "indirect_per_dollar",
  "direct_per_dollar",
  "total_per_dollar",
  "price_elasticity",
  "promotion_lift",
  "control",
  "carryover",
];

/** Coverage rows for every (fit, model, quantity, subset) present in `cases`. */
export function summarizeCoverage(cases: readonly CaseRow[]): CoverageRow[] {
  const groups = new Map<string, CaseRow[]>();
  for (const c of cases) {
    const key = [c.fit, c.model, c.quantity, c.placebo ? "placebo" : "channels"].join("|");
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const rows = [...groups.entries()].map(([key, list]): CoverageRow => {
    const [fit, model, quantity, subset] = key.split("|");
    const withInterval = list.filter((c) => c.covered !== null);
    const k = withInterval.filter((c) => c.covered).length;
    const n = withInterval.length;
    const w = wilsonInterval(k, n), cp = clopperPearsonInterval(k, n);
    const perDraw = new Map<number, [number, number]>();
    for (const c of withInterval) {
      const cell = perDraw.get(c.draw) ?? [0, 0];
      perDraw.set(c.draw, [cell[0] + (c.covered ? 1 : 0), cell[1] + 1]);
    }
    const byDraws = groupBootstrapInterval([...perDraw.values()]);
    const rel = (x: number, t: number) => (t !== 0 ? x / Math.abs(t) : NaN);
    return {
      fit: fit as FitKind,
      model,
      quantity,
      subset: subset as "channels" | "placebo",
      estimates: list.length,
      n,
      covered: k,
      coverage: n > 0 ? k / n : NaN,
      wilsonLower: w.lower,
      wilsonUpper: w.upper,
      clopperPearsonLower: cp.lower,
      clopperPearsonUpper: cp.upper,
      drawsLower: byDraws.lower,
      drawsUpper: byDraws.upper,
      medianBias: median(list.map((c) => c.estimate - c.truth)),
      medianRelativeBias: median(list.map((c) => rel(c.estimate - c.truth, c.truth))),
      medianWidth: median(withInterval.map((c) => c.upper - c.lower)),
      medianRelativeWidth: median(withInterval.map((c) => rel(c.upper - c.lower, c.truth))),
      draws: new Set(list.map((c) => c.draw)).size,
    };
  });
  const rank = (
    r: CoverageRow,
  ) => [
    r.fit === "pipeline" ? 0 : 1,
    r.model === "geo" ? 0 : 1,
    r.subset === "channels" ? 0 : 1,
    QUANTITY_ORDER.indexOf(r.quantity),
  ];
  return rows.sort((a, b) => {
    const x = rank(a), y = rank(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return a.quantity.localeCompare(b.quantity);
  });
}

/** Coverage of one (model, quantity) split by a property of the cases. */
export interface StratumRow {
  readonly fit: FitKind;
  readonly model: string;
  readonly quantity: string;
  readonly dimension: string;
  readonly level: string;
  readonly n: number;
  readonly coverage: number;
  readonly wilsonLower: number;
  readonly wilsonUpper: number;
  readonly medianRelativeBias: number;
}

const thetaError = (c: CaseRow) => Math.abs(c.thetaChosen - c.thetaTrue);

/** The splits the report shows: what goes with an interval that misses. */
export const STRATA: readonly {
  readonly dimension: string;
  readonly applies: (c: CaseRow) => boolean;
  readonly level: (c: CaseRow) => string;
}[] = [
  {
    dimension: "chosen θ vs true θ",
    applies: (c) => Number.isFinite(c.thetaTrue) && Number.isFinite(c.thetaChosen),
    level: (c) => (thetaError(c) <= 0.1 ? "|θ̂ − θ| ≤ 0.1" : "|θ̂ − θ| > 0.1"),
  },
  {
    dimension: "chosen θ_M vs true θ_M (mediator)",
    applies: (c) => c.model === "national" && Number.isFinite(c.thetaMediatorChosen),
    level: (c) =>
      Math.abs(c.thetaMediatorChosen - c.thetaMediatorTrue) <= 0.1
        ? "|θ̂_M − θ_M| ≤ 0.1"
        : "|θ̂_M − θ_M| > 0.1",
  },
  {
    dimension: "true saturation",
    applies: (c) => c.model === "geo" && c.saturation !== "",
    level: (c) => c.saturation,
  },
  {
    dimension: "geos",
    applies: (c) => c.model === "geo",
    level: (c) => (c.geos < 30 ? "5–29 geos" : "30–60 geos"),
  },
  {
    dimension: "flights",
    applies: (c) => c.model === "geo" && c.flights !== "",
    level: (c) => `${c.flights} flights`,
  },
  {
    dimension: "common weekly shock",
    applies: (c) => c.model === "geo" && Number.isFinite(c.commonShock),
    level: (c) => (c.commonShock < 0.1 ? "share < 0.1" : "share ≥ 0.1"),
  },
  {
    dimension: "inference",
    applies: () => true,
    level: (c) => c.inference,
  },
  {
    dimension: "noise (sd / level)",
    applies: () => true,
    level: (c) => (c.noiseCv < (c.model === "geo" ? 0.05 : 0.025) ? "low noise" : "high noise"),
  },
];

/** Coverage by stratum for the headline interval quantities (real channels). */
export function summarizeStrata(cases: readonly CaseRow[]): StratumRow[] {
  const out: StratumRow[] = [];
  const headline = cases.filter((c) => !c.placebo && c.covered !== null);
  const keys = [...new Set(headline.map((c) => `${c.fit}|${c.model}|${c.quantity}`))];
  for (const key of keys) {
    const [fit, model, quantity] = key.split("|");
    if (!["roi", "indirect_per_dollar", "google_per_dollar"].includes(quantity)) continue;
    const list = headline.filter((c) => c.fit === fit && c.model === model && c.quantity === quantity);
    for (const s of STRATA) {
      const applicable = list.filter(s.applies);
      const levels = [...new Set(applicable.map(s.level))].sort();
      if (levels.length < 2) continue;
      for (const level of levels) {
        const cell = applicable.filter((c) => s.level(c) === level);
        const k = cell.filter((c) => c.covered).length;
        const w = wilsonInterval(k, cell.length);
        out.push({
          fit: fit as FitKind,
          model,
          quantity,
          dimension: s.dimension,
          level,
          n: cell.length,
          coverage: k / cell.length,
          wilsonLower: w.lower,
          wilsonUpper: w.upper,
          medianRelativeBias: median(
            cell.map((c) => (c.truth !== 0 ? (c.estimate - c.truth) / Math.abs(c.truth) : NaN)),
          ),
        });
      }
    }
  }
  return out;
}

/** Median relative ROI change per (model, channel) and pooled. */
export function summarizeStability(rows: readonly StabilityRow[]): {
  model: string;
  channel: string;
  n: number;
  medianRelativeChange: number;
  outside: number;
}[] {
  const out = [];
  for (const model of ["geo", "national"] as const) {
    const list = rows.filter((r) => r.kind === model);
    if (list.length === 0) continue;
    const channels = [...new Set(list.map((r) => r.channel))];
    for (const channel of [...channels, "all channels"]) {
      const cell = channel === "all channels" ? list : list.filter((r) => r.channel === channel);
      out.push({
        model,
        channel,
        n: cell.length,
        medianRelativeChange: median(cell.map((r) => r.relativeChange)),
        outside: cell.filter((r) => r.outside).length / cell.length,
      });
    }
  }
  return out;
}

/** Median holdout scores per model. */
export function summarizeHoldout(rows: readonly HoldoutRow[]): {
  model: string;
  n: number;
  medianMape: number;
  medianR2: number;
  medianWithinR2: number;
}[] {
  return (["geo", "national"] as const).flatMap((model) => {
    const list = rows.filter((r) => r.kind === model);
    if (list.length === 0) return [];
    return [{
      model,
      n: list.length,
      medianMape: median(list.map((r) => r.mape)),
      medianR2: median(list.map((r) => r.r2)),
      medianWithinR2: median(list.map((r) => r.withinR2)),
    }];
  });
}

// ---------------------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------------------

/** A number for tables: three significant digits, compact above 10,000 (12.3k, 4.56M), Unicode minus. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "" : x > 0 ? "∞" : "−∞";
  const a = Math.abs(x);
  const s = a >= 1e9
    ? `${(a / 1e9).toPrecision(3)}B`
    : a >= 1e6
    ? `${(a / 1e6).toPrecision(3)}M`
    : a >= 1e4
    ? `${(a / 1e3).toPrecision(3)}k`
    : a >= 1
    ? String(Number(a.toPrecision(3)))
    : a === 0
    ? "0"
    : a.toPrecision(2);
  return `${x < 0 ? "−" : ""}${s}`;
}
/** A share as a percent with `digits` decimals, Unicode minus, never "−0%". */
export function percent(x: number, digits = 0): string {
  if (!Number.isFinite(x)) return "";
  const body = Math.abs(100 * x).toFixed(digits);
  return `${x < 0 && /[1-9]/.test(body) ? "−" : ""}${body}%`;
}
const pct = (x: number) => percent(x);
const pct1 = (x: number) => percent(x, 1);

/** The coverage table as rows of display strings (shared by console, HTML and markdown). */
export function coverageTable(rows: readonly CoverageRow[]): { header: string[]; body: string[][] } {
  return {
    header: [
      "fit",
      "model",
      "quantity",
      "subset",
      "coverage",
      "95% CI (Wilson)",
      "95% CI (draws resampled)",
      "n",
      "bias (median)",
      "rel. bias",
      "width (median)",
      "rel. width",
      "estimates",
      "target 90–98%",
    ],
    body: rows.map((r) => [
      r.fit,
      r.model,
      r.quantity,
      r.subset,
      r.n > 0 ? pct(r.coverage) : "no interval",
      r.n > 0 ? `${pct(r.wilsonLower)}–${pct(r.wilsonUpper)}` : "",
      r.n > 0 ? `${pct(r.drawsLower)}–${pct(r.drawsUpper)}` : "",
      String(r.n),
      fmt(r.medianBias),
      pct(r.medianRelativeBias),
      fmt(r.medianWidth),
      pct(r.medianRelativeWidth),
      String(r.estimates),
      r.n === 0 || r.subset === "placebo" ? "" : r.coverage >= 0.9 && r.coverage <= 0.98 ? "met" : "missed",
    ]),
  };
}

/** Plain fixed-width text table. */
export function textTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const width = header.map((h, j) => Math.max(h.length, ...body.map((r) => r[j].length)));
  const line = (cells: readonly string[]) => cells.map((c, j) => c.padEnd(width[j])).join("  ").trimEnd();
  return [line(header), width.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

function markdownTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  return [
    `| ${header.map(esc).join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...body.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ].join("\n");
}

/** RFC 4180 CSV: fields with a comma, quote or newline are quoted; NaN and null are empty. */
export function toCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const cols = columns ?? (rows.length > 0 ? Object.keys(rows[0]) : []);
  const cell = (v: unknown) => {
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return "";
    const s = typeof v === "number" ? String(v) : typeof v === "boolean" ? (v ? "true" : "false") : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [cols.join(","), ...rows.map((r) => cols.map((c) => cell(r[c])).join(","))].join("\n") + "\n";
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function htmlTable(header: readonly string[], body: readonly (readonly string[])[], caption: string): string {
  return `<table>\n<caption>${escapeHtml(caption)}</caption>\n<thead><tr>${
    header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")
  }</tr></thead>\n<tbody>\n${
    body.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`).join("\n")
  }\n</tbody>\n</table>`;
}

/** Everything a study produced. */
export interface ValidationReport {
  readonly date: string;
  readonly n: number;
  readonly seed: number;
  readonly kinds: readonly ("geo" | "national")[];
  readonly workers: number;
  readonly seconds: number;
  readonly draws: readonly DrawResult[];
  readonly coverage: readonly CoverageRow[];
  readonly strata: readonly StratumRow[];
  readonly stability: ReturnType<typeof summarizeStability>;
  readonly holdout: ReturnType<typeof summarizeHoldout>;
}

function sections(r: ValidationReport) {
  const cov = coverageTable(r.coverage);
  const strata = {
    header: ["fit", "model", "quantity", "split", "level", "n", "coverage", "95% CI", "rel. bias"],
    body: r.strata.map((s) => [
      s.fit,
      s.model,
      s.quantity,
      s.dimension,
      s.level,
      String(s.n),
      pct(s.coverage),
      `${pct(s.wilsonLower)}–${pct(s.wilsonUpper)}`,
      pct(s.medianRelativeBias),
    ]),
  };
  const stability = {
    header: ["model", "channel", "n", "median |ΔROI| / |ROI|", "refit ROI outside the full fit's interval"],
    body: r.stability.map((
      s,
    ) => [s.model, s.channel, String(s.n), pct1(s.medianRelativeChange), pct(s.outside)]),
  };
  const holdout = {
    header: ["model", "draws", "median MAPE", "median out-of-sample R²", "median within-geo R²"],
    body: r.holdout.map((h) => [
      h.model,
      String(h.n),
      `${h.medianMape.toFixed(1)}%`,
      h.medianR2.toFixed(2),
      Number.isFinite(h.medianWithinR2) ? h.medianWithinR2.toFixed(2) : "",
    ]),
  };
  const ok = r.draws.filter((d) => d.ok);
  const failed = r.draws.filter((d) => !d.ok);
  const perKind = r.kinds.map((k) => {
    const list = ok.filter((d) => d.kind === k);
    const secs = list.map((d) => d.seconds.total);
    return `${k}: ${list.length} draws, ${median(secs).toFixed(1)} s median per draw (main fit ${
      median(list.map((d) => d.seconds.pipeline)).toFixed(1)
    } s, refits ${median(list.map((d) => d.seconds.refits)).toFixed(1)} s)`;
  });
  return { cov, strata, stability, holdout, ok, failed, perKind };
}

/** The report as a plain HTML page. */
export function renderHtml(r: ValidationReport): string {
  const s = sections(r);
  const failures = s.failed.length === 0
    ? "<p>Every draw ran.</p>"
    : `<p>${s.failed.length} draws failed and are not in the tables:</p><ul>${
      s.failed.map((d) => `<li>${d.kind} draw ${d.draw}: ${escapeHtml(d.error)}</li>`).join("")
    }</ul>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Interval coverage study</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 78em; padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 1em 0 2em; }
caption { text-align: left; font-weight: 600; padding-bottom: .4em; }
th, td { border-bottom: 1px solid #ddd; padding: .25em .7em; text-align: left; white-space: nowrap; }
th { background: #f4f4f4; }
td:nth-child(n+5) { font-variant-numeric: tabular-nums; }
</style></head><body>
<h1>Interval coverage study</h1>
<p>${escapeHtml(r.date)} · N = ${r.n} draws per model (${
    r.kinds.join(", ")
  }) · seed ${r.seed} · ${r.workers} workers · ${(r.seconds / 60).toFixed(1)} minutes.</p>
<p>${s.perKind.map(escapeHtml).join("<br>")}</p>
<p>Each draw simulates a file with randomly drawn true parameters (data/simulate.ts) and runs the pipeline the notebooks run.
<em>pipeline</em> rows are its estimates; <em>oracle</em> rows refit the same model with the true carryover (and the true log scale where the truth is a log curve) with the same interval method.
Coverage is the share of 95% intervals that contain the truth, pooled over channels and draws, with a Wilson 95% interval
and a percentile interval that resamples whole draws (the channels of one draw are not independent, so the Wilson interval is optimistic when misses cluster by draw).
Bias and width are medians; relative ones divide by |truth|.
The placebo channel has true value 0.</p>
${failures}
${htmlTable(s.cov.header, s.cov.body, "Coverage of the 95% intervals")}
${htmlTable(s.strata.header, s.strata.body, "What goes with a miss: coverage by split")}
${
    htmlTable(
      s.stability.header,
      s.stability.body,
      `Refit stability: ROI without the last ${REFIT_DROP_WEEKS} weeks`,
    )
  }
${
    htmlTable(
      s.holdout.header,
      s.holdout.body,
      `Holdout: the last ${HOLDOUT_WEEKS} weeks predicted by the pipeline fitted on the earlier weeks`,
    )
  }
<p>Per-estimate cases: <a href="cases.csv">cases.csv</a>; per-draw results: <a href="draws.csv">draws.csv</a>; this table: <a href="coverage.csv">coverage.csv</a>.</p>
</body></html>
`;
}

/** The report as markdown (tables and run facts), for docs/validation.md. */
export function renderMarkdown(r: ValidationReport): string {
  const s = sections(r);
  return [
    `Run ${r.date}: N = ${r.n} draws per model (${
      r.kinds.join(", ")
    }), seed ${r.seed}, ${r.workers} workers, ${(r.seconds / 60).toFixed(1)} minutes wall clock (${
      s.perKind.join("; ")
    }).${
      s.failed.length > 0
        ? ` ${s.failed.length} draws failed: ${
          s.failed.map((d) => `${d.kind} ${d.draw} (${d.error})`).join("; ")
        }.`
        : ""
    }`,
    "",
    "### Coverage of the 95% intervals",
    "",
    markdownTable(s.cov.header, s.cov.body),
    "",
    "### Coverage by split",
    "",
    markdownTable(s.strata.header, s.strata.body),
    "",
    `### Refit stability (without the last ${REFIT_DROP_WEEKS} weeks)`,
    "",
    markdownTable(s.stability.header, s.stability.body),
    "",
    `### Holdout (last ${HOLDOUT_WEEKS} weeks)`,
    "",
    markdownTable(s.holdout.header, s.holdout.body),
    "",
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------------------
// The study
// ---------------------------------------------------------------------------------------------------------

/** Options of {@link runValidation}. */
export interface ValidationOptions {
  readonly n: number;
  readonly seed: number;
  readonly kinds: readonly ("geo" | "national")[];
  readonly out: string;
  readonly workers?: number;
  /** With a placebo channel in every draw (default true). */
  readonly placebo?: boolean;
  /** Test-only overrides, passed to every draw. */
  readonly task?: Partial<Pick<DrawTask, "geoOverrides" | "nationalOverrides" | "draws" | "reps">>;
  /** Progress lines (default none). */
  readonly log?: (line: string) => void;
  /**
   * Called (one call at a time, awaited before the next) with the report of the draws finished so far after
   * each draw, so that a run stopped early leaves usable files; its `n` is still the requested N.
   */
  readonly checkpoint?: (partial: ValidationReport) => Promise<void>;
}

/** Runs the draws in Workers, summarizes them and writes the report files into `out`. */
export async function runValidation(options: ValidationOptions): Promise<ValidationReport> {
  const t0 = performance.now();
  const nWorkers = Math.max(1, options.workers ?? 2);
  const tasks: DrawTask[] = options.kinds.flatMap((kind) =>
    Array.from({ length: options.n }, (_, draw) => ({
      kind,
      draw,
      seed: options.seed,
      placebo: options.placebo ?? true,
      ...options.task,
    }))
  );
  const results: DrawResult[] = [];
  const summarize = (draws: DrawResult[]): ValidationReport => {
    const sorted = [...draws].sort((a, b) => a.kind === b.kind ? a.draw - b.draw : a.kind === "geo" ? -1 : 1);
    const cases = sorted.flatMap((d) => d.cases);
    return {
      date: new Date().toISOString().slice(0, 10),
      n: options.n,
      seed: options.seed,
      kinds: options.kinds,
      workers: nWorkers,
      seconds: (performance.now() - t0) / 1000,
      draws: sorted,
      coverage: summarizeCoverage(cases),
      strata: summarizeStrata(cases),
      stability: summarizeStability(sorted.flatMap((d) => d.stability)),
      holdout: summarizeHoldout(sorted.flatMap((d) => (d.holdout ? [d.holdout] : []))),
    };
  };
  let saving: Promise<void> = Promise.resolve();
  const url = new URL("./validate_worker.ts", import.meta.url).href;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(nWorkers, tasks.length) }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(url, { type: "module" });
        const send = () => {
          if (next >= tasks.length) {
            worker.terminate();
            resolve();
            return;
          }
          worker.postMessage(tasks[next++]);
        };
        worker.onmessage = (e: MessageEvent<DrawResult>) => {
          const d = e.data;
          results.push(d);
          options.log?.(
            `${d.kind} draw ${d.draw}: ${d.ok ? `${d.cases.length} cases` : `failed (${d.error})`} in ${
              d.seconds.total.toFixed(1)
            } s [${results.length}/${tasks.length}]`,
          );
          if (options.checkpoint && results.length < tasks.length) {
            const partial = summarize(results);
            saving = saving.then(() => options.checkpoint!(partial));
          }
          send();
        };
        worker.onerror = (e) => {
          e.preventDefault();
          worker.terminate();
          reject(new Error(`validation worker failed: ${e.message}`));
        };
        send();
      })),
  );
  await saving;
  const report = summarize(results);
  await writeReport(report, options.out);
  return report;
}

/** Writes index.html, coverage.csv, cases.csv, draws.csv and validation.md into `out`. */
export async function writeReport(r: ValidationReport, out: string): Promise<void> {
  await Deno.mkdir(out, { recursive: true });
  const cases = r.draws.flatMap((d) => d.cases);
  const draws = r.draws.map((d) => ({
    kind: d.kind,
    draw: d.draw,
    ok: d.ok,
    error: d.error,
    geos: d.geos,
    weeks: d.weeks,
    seconds: d.seconds.total,
    secondsPipeline: d.seconds.pipeline,
    secondsRefits: d.seconds.refits,
    holdoutMape: d.holdout?.mape ?? NaN,
    holdoutR2: d.holdout?.r2 ?? NaN,
    holdoutWithinR2: d.holdout?.withinR2 ?? NaN,
    stabilityMedian: median(d.stability.map((s) => s.relativeChange)),
    notes: d.notes.join("; "),
  }));
  const write = (name: string, text: string) => Deno.writeTextFile(`${out}/${name}`, text);
  await write("index.html", renderHtml(r));
  await write("coverage.csv", toCsv(r.coverage as unknown as Record<string, unknown>[]));
  await write("cases.csv", toCsv(cases as unknown as Record<string, unknown>[], CASE_COLUMNS));
  await write("draws.csv", toCsv(draws));
  await write("validation.md", renderMarkdown(r));
}

const CASE_COLUMNS = [
  "kind",
  "draw",
  "fit",
  "model",
  "quantity",
  "channel",
  "placebo",
  "truth",
  "estimate",
  "lower",
  "upper",
  "covered",
  "thetaTrue",
  "thetaChosen",
  "thetaMediatorTrue",
  "thetaMediatorChosen",
  "saturation",
  "geos",
  "weeks",
  "inference",
  "noiseCv",
  "flights",
  "commonShock",
];

/** Parsed command line. */
export interface CliOptions {
  readonly n: number;
  readonly seed: number;
  readonly kinds: ("geo" | "national")[];
  readonly out: string;
  readonly workers: number;
  /** Folder for `latest_<kind>.csv/json` (tools/validate_latest.ts), or null (default) for none. */
  readonly latest: string | null;
}

/**
 * Parses `--n`, `--seed`, `--kind geo|national|both`, `--out`, `--workers`, `--latest DIR` (also
 * `--flag=value`).
 *
 * @throws RangeError naming the flag for an unknown flag or a bad value
 * @example
 * parseArgs(["--n", "10", "--kind", "geo"]); // { n: 10, seed: VALIDATION_SEED, kinds: ["geo"], ... }
 */
export function parseArgs(args: readonly string[]): CliOptions {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new RangeError(`unexpected argument "${a}"`);
    const [, name, inline] = m;
    if (!["n", "seed", "kind", "out", "workers", "latest"].includes(name)) {
      throw new RangeError(`unknown flag --${name}`);
    }
    const v = inline ?? args[++i];
    if (v === undefined) throw new RangeError(`--${name} needs a value`);
    values[name] = v;
  }
  const int = (name: string, fallback: number, min: number) => {
    if (values[name] === undefined) return fallback;
    const v = Number(values[name]);
    if (!(Number.isInteger(v) && v >= min)) {
      throw new RangeError(`--${name} must be an integer ≥ ${min}, got "${values[name]}"`);
    }
    return v;
  };
  const kind = values.kind ?? "both";
  if (!["geo", "national", "both"].includes(kind)) {
    throw new RangeError(`--kind must be geo, national or both, got "${kind}"`);
  }
  return {
    n: int("n", 50, 1),
    seed: int("seed", VALIDATION_SEED, 0),
    kinds: kind === "both" ? ["geo", "national"] : [kind as "geo" | "national"],
    out: values.out ?? "reports/validation",
    workers: int("workers", 2, 1),
    latest: values.latest ?? null,
  };
}

if (import.meta.main) {
  let cli: CliOptions;
  try {
    cli = parseArgs(Deno.args);
  } catch (e) {
    console.error(`validate: ${(e as Error).message}`);
    console.error(
      "usage: deno task validate [--n 50] [--seed S] [--kind geo|national|both] [--out DIR] [--workers 2] " +
        "[--latest docs/validation]",
    );
    Deno.exit(2);
  }
  console.error(
    `validate: ${cli.n} draws × ${
      cli.kinds.join(" + ")
    }, seed ${cli.seed}, ${cli.workers} workers → ${cli.out}`,
  );
  // files of the draws done so far after every draw (a run stopped early leaves them), the final ones at the end
  const state = await gitState(); // the code the workers load is the checkout's now
  const save = async (r: ValidationReport) => {
    await writeReport(r, cli.out);
    if (cli.latest !== null) await writeLatest(r, cli.latest, state);
  };
  const report = await runValidation({ ...cli, log: (line) => console.error(line), checkpoint: save });
  if (cli.latest !== null) await writeLatest(report, cli.latest, state);
  const t = coverageTable(report.coverage);
  console.log(textTable(t.header, t.body));
  const s = sections(report);
  console.log("\nRefit stability\n" + textTable(s.stability.header, s.stability.body));
  console.log("\nHoldout\n" + textTable(s.holdout.header, s.holdout.body));
  if (s.failed.length > 0) console.log(`\n${s.failed.length} draws failed (see ${cli.out}/draws.csv).`);
  console.log(
    `\n${s.perKind.join("\n")}\ntotal ${(report.seconds / 60).toFixed(1)} min; report: ${cli.out}/index.html`,
  );
}

export { GEO_RANGES, NATIONAL_RANGES };
