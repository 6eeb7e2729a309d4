/**
 * Simulated data with randomly drawn true parameters, for the coverage study (`deno task validate`).
 *
 * Where `generate.ts` writes one bundled pair of files with round, hand-picked parameters, each call here
 * draws a fresh set of true parameters from ranges a marketing scientist would find plausible
 * ({@link GEO_RANGES}, {@link NATIONAL_RANGES}), simulates a file in the bundled schema
 * (`data/mmm_geo.csv` / `data/mmm_weekly.csv` headers, so the default roles read it) and returns, beside the
 * CSV text, the true value of every headline quantity the pipelines estimate, computed by the pipelines' own
 * definitions (`lib/decompose/contributions.ts`, `lib/models/mediation.ts`, DESIGN.md "Contracts"):
 *
 * - **ROI** = counterfactual contribution / spend: the expected target with the recorded inputs minus the
 *   expected target with the channel's spend at zero in every row (every other input at its recorded value),
 *   summed over the sample, divided by the channel's total spend. Adstock starts at zero in the first row of
 *   each geo and carryover past the last row is not counted (in sample). Nationally the difference runs
 *   through both stages: zeroing a social channel lowers the mediator by `a_s · adstock(S_s, θ_s)`, and the
 *   revenue by `b · adstock(that, θ_M)` plus the direct path; followers are held at their recorded values, as
 *   the two-stage model holds its controls (the part of followers that social spend bought is not counted).
 * - **contribution**: that difference itself; for email and SMS `β Σ_t hill(x_t)`.
 * - **carryover**: θ of the geometric adstock.
 * - national **google_per_dollar** `a_s / (1 − θ_s)`, **indirect_per_dollar** `a_s b / ((1 − θ_s)(1 − θ_M))`,
 *   **direct_per_dollar** `c_s / (1 − θ_s)`, **total_per_dollar** their sum (long-run effects per social
 *   dollar), **price_elasticity** at the means `β_price · mean(price) / mean(revenue)` over every recorded
 *   week, **promotion_lift** `β_promo` (revenue per promotion week).
 * - geo **control**: the coefficient of each control (population only when it varies within geos: a
 *   population constant within every geo is absorbed by the geo effects and not estimated).
 *
 * The structural form follows the models' own (additive, geometric adstock, geo fixed effects, common month
 * effects; nationally social → mediator → revenue with one direct social path, on the channel with the most
 * spend), because the study measures the intervals of a correctly structured model whose carryover and
 * saturation must be chosen from the data. What the models must choose is drawn freely: θ anywhere in
 * [0, 0.8] (never on the search grid by design), log saturation scales from raw units to several multiples of
 * mean spend, and Hill curves, which the geo model (log saturation only) cannot represent exactly.
 *
 * An optional **placebo** channel (`placebo_spend`; geo also `placebo_impressions`) has random spend drawn
 * like the other channels and no effect at all: its true ROI and per-dollar effects are 0.
 *
 * Everything is a pure function of the random stream passed in: the same `Random(seed, label)` gives the same
 * text and truth.
 *
 * @module
 */
import { geometricAdstock } from "../lib/features/adstock.ts";
import { GEO_CHANNELS, GEO_HEADER, Random, SOCIAL_CHANNELS, WEEKLY_HEADER } from "./generate.ts";
import type { Roles } from "../lib/data/types.ts";
import { ar1, mean, mondays, monthOf, sum } from "./series.ts";

export { Random };

// ---------------------------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------------------------

/**
 * A true saturation curve `g(a)` of adstock `a` (`g(0) = 0`; the effect is `β · g(a)`):
 * `linear` `a`; `log1p` `log(1 + a/scale)`; `hill` `a^shape / (a^shape + halfSaturation^shape)`.
 * Scales are in spend (or send) units.
 */
export type SimSaturation =
  | { readonly type: "linear" }
  | { readonly type: "log1p"; readonly scale: number }
  | { readonly type: "hill"; readonly halfSaturation: number; readonly shape: number };

/**
 * How a saturation is asked for before the spend exists: `log1p` with `scale` in spend units (1 = raw units)
 * or `scaleMultiple` × the channel's mean spend over all rows (the unit of the geo search's grid); `hill` with
 * `halfSaturation` in spend units or `halfSaturationMultiple` × mean spend (geo) or × the median active level
 * (national direct channels, the unit of the national search's grid).
 */
export type SaturationRequest =
  | { readonly type: "linear" }
  | { readonly type: "log1p"; readonly scale?: number; readonly scaleMultiple?: number }
  | {
    readonly type: "hill";
    readonly shape: number;
    readonly halfSaturation?: number;
    readonly halfSaturationMultiple?: number;
  };

/** One true value, keyed like a row of the tidy estimates (`model,quantity,channel`). */
export interface TruthRow {
  readonly model: "geo" | "national";
  readonly quantity: string;
  /** The input column (empty where none applies). */
  readonly channel: string;
  readonly value: number;
}

/** A simulated file with its truth. */
export interface Simulated<P> {
  readonly kind: "geo" | "weekly";
  /** CSV text in the bundled schema (placebo columns appended when asked for), ending with a newline. */
  readonly csv: string;
  /** Role overrides for `parseDataset(csv, source, { kind, roles })` (the placebo channel, when present). */
  readonly roles: Partial<Roles>;
  /** Every parameter as drawn (and resolved: saturation scales in spend units, effects as coefficients). */
  readonly params: P;
  /** True headline quantities. */
  readonly truth: readonly TruthRow[];
  /** Rows (weekly: week indices) whose recorded target was corrupted on purpose. */
  readonly outlierWeeks: readonly number[];
}

// ---------------------------------------------------------------------------------------------------------
// Ranges (stated in docs/validation.md)
// ---------------------------------------------------------------------------------------------------------

/** The ranges geo parameters are drawn from (uniform unless `log` says log-uniform). */
export const GEO_RANGES = {
  geos: [5, 60],
  weeks: [104, 156],
  /** Geometric carryover per channel. */
  theta: [0, 0.8],
  /** Probability of each saturation family: log1p with a scale in raw units (s = 1), log1p scaled, Hill. */
  saturation: { log1pRaw: 0.2, log1p: 0.4, hill: 0.4 },
  /** log1p scale as a multiple of the channel's mean spend (log-uniform). */
  log1pScaleMultiple: [0.1, 5],
  /** Hill half-saturation as a multiple of mean spend (log-uniform) and shape. */
  hillHalfSaturationMultiple: [0.3, 3],
  hillShape: [0.8, 2.5],
  /** True ROI of each media channel (log-uniform); the coefficient β follows from it and the spend. */
  roi: [0.2, 4],
  /** Weekly spend per inhabitant when on, dollars (log-uniform). */
  perCapitaSpend: [0.001, 0.02],
  spendLogSd: [0.1, 0.5],
  /** Share of weeks with zero spend, and mean length of a dark stretch in weeks. */
  zeroShare: [0, 0.6],
  offRunWeeks: [2, 8],
  /** Flights common to every geo (a national buy) with this probability, else drawn per geo. */
  nationalFlights: 0.5,
  /** Spend multiplier in October–December. */
  q4: [1, 1.4],
  /** Probability that population varies within geos (else it is constant within each geo). */
  populationVaries: 0.5,
  populationGrowthPerYear: [-0.02, 0.06],
  /** Sales per inhabitant: baseline per week, and the population effect when population varies. */
  basePerCapita: [0.05, 0.15],
  populationEffect: [0, 0.05],
  competitorEffect: [-0.3, 0],
  sentimentEffect: [0, 300],
  /** Month effects' sd as a share of the median geo's baseline. */
  monthAmplitude: [0, 0.1],
  /** Noise sd as a share of the median geo's baseline (log-uniform; scales with √population). */
  noiseCv: [0.02, 0.12],
  /** AR(1) coefficient of each geo's noise, and the share of its variance common to all geos in a week. */
  noiseAr: [0, 0.6],
  commonShockShare: [0, 0.3],
} as const;

/** The ranges national parameters are drawn from (uniform unless noted log-uniform). */
export const NATIONAL_RANGES = {
  weeks: [104, 156],
  theta: [0, 0.8],
  /** Typical weekly social spend when on, dollars (log-uniform). */
  socialBase: [2000, 15000],
  spendLogSd: [0.2, 0.6],
  q4: [1, 1.8],
  zeroShare: [0, 0.6],
  offRunWeeks: [2, 12],
  /** Stage 1: Google dollars per adstocked social dollar, Google's own base (log-uniform), its noise cv. */
  a: [0, 0.5],
  googleBase: [3000, 12000],
  googleHoliday: [0, 0.5],
  googleNoiseCv: [0.05, 0.3],
  /** Stage 2: revenue per adstocked Google dollar (log-uniform) and per adstocked dollar of the direct path. */
  b: [0.5, 4],
  c: [0, 1],
  /** Share of mean revenue that the paid media (Google and the direct social path) bring. */
  paidMediaShare: [0.1, 0.35],
  /** Email and SMS: sends per week (log-uniform), Hill half-saturation × the median send (log-uniform), shape, contribution as a share of revenue. */
  emailBase: [50000, 300000],
  smsBase: [5000, 50000],
  hillHalfSaturationMultiple: [0.3, 3],
  hillShape: [0.8, 2.5],
  directShare: [0.005, 0.05],
  /** Price level, its sd and promotion cut (shares of the level), elasticity at the means. */
  price: [20, 80],
  priceSd: [0.005, 0.02],
  priceCut: [0.01, 0.05],
  elasticity: [-2.5, -0.2],
  /** Promotion weeks (share of weeks) and lift (share of mean revenue). */
  promotionShare: [0.08, 0.25],
  promotionLift: [0, 0.08],
  /** Followers: start, organic growth per week, followers per social dollar, walk sd, effect (share of revenue at mean followers). */
  followersStart: [10000, 100000],
  followersOrganic: [0, 500],
  followersPerDollar: [0, 0.01],
  followersWalkSd: [50, 300],
  followersShare: [0, 0.1],
  /** November and December effects on revenue (shares of mean revenue). */
  november: [0, 0.06],
  december: [0, 0.1],
  /** Noise sd as a share of mean revenue (log-uniform) and its AR(1) coefficient. */
  noiseCv: [0.01, 0.06],
  noiseAr: [0, 0.5],
  /** Corrupted revenue weeks (0, 1 or 2; factor 0.4–0.6 or 1.5–1.8). */
  outliers: [0, 2],
} as const;

// ---------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------

const cents = (x: number): number => Math.round(x * 100) / 100;
const uniform = (rng: Random, [a, b]: readonly [number, number] | readonly number[]): number =>
  a + (b - a) * rng.uniform();
const logUniform = (rng: Random, [a, b]: readonly [number, number] | readonly number[]): number =>
  Math.exp(Math.log(a) + (Math.log(b) - Math.log(a)) * rng.uniform());

/**
 * On/off flights as a two-state Markov chain whose stationary share of off weeks is `zeroShare` and whose
 * off stretches last `offRunWeeks` on average (geometric lengths). `zeroShare = 0` is always on.
 */
function flights(rng: Random, n: number, zeroShare: number, offRunWeeks: number): Uint8Array {
  const on = new Uint8Array(n).fill(1);
  if (zeroShare <= 0) return on;
  const leaveOff = 1 / offRunWeeks;
  const leaveOn = Math.min(1, zeroShare / ((1 - zeroShare) * offRunWeeks));
  let state = rng.uniform() < zeroShare ? 0 : 1;
  for (let t = 0; t < n; t++) {
    on[t] = state;
    state = state === 1 ? (rng.uniform() < leaveOn ? 0 : 1) : (rng.uniform() < leaveOff ? 1 : 0);
  }
  return on;
}

/** `g(a)` of a resolved saturation. */
export function saturationValue(a: number, s: SimSaturation): number {
  switch (s.type) {
    case "linear":
      return a;
    case "log1p":
      return Math.log1p(a / s.scale);
    case "hill":
      return a <= 0 ? 0 : a ** s.shape / (a ** s.shape + s.halfSaturation ** s.shape);
  }
}

/**
 * `g'(a)`, the slope of a resolved saturation at adstock `a ≥ 0`: linear 1; log1p `1 / (scale + a)`;
 * Hill `k a^(k−1) K^k / (a^k + K^k)²` (0 at `a = 0` for `k > 1`, and taken as 0 at `a = 0` for any `k`, where
 * the pipeline's marginal ROI weights it by `a = 0` anyway).
 */
export function saturationSlope(a: number, s: SimSaturation): number {
  switch (s.type) {
    case "linear":
      return 1;
    case "log1p":
      return 1 / (s.scale + a);
    case "hill": {
      if (a <= 0) return 0;
      const ak = a ** s.shape, kk = s.halfSaturation ** s.shape;
      return (s.shape * ak * kk) / (a * (ak + kk) ** 2);
    }
  }
}

function resolveSaturation(req: SaturationRequest, unit: number): SimSaturation {
  switch (req.type) {
    case "linear":
      return { type: "linear" };
    case "log1p": {
      const scale = req.scale ?? (req.scaleMultiple ?? 1) * unit;
      if (!(scale > 0)) throw new RangeError(`log1p scale must be positive, got ${scale}`);
      return { type: "log1p", scale };
    }
    case "hill": {
      const halfSaturation = req.halfSaturation ?? (req.halfSaturationMultiple ?? 1) * unit;
      if (!(halfSaturation > 0 && req.shape > 0)) {
        throw new RangeError(`Hill needs a positive half-saturation and shape`);
      }
      return { type: "hill", halfSaturation, shape: req.shape };
    }
  }
}

function checkTheta(theta: number, what: string): void {
  if (!(theta >= 0 && theta < 1)) throw new RangeError(`${what}: θ must be in [0, 1), got ${theta}`);
}

// ---------------------------------------------------------------------------------------------------------
// Geo panel
// ---------------------------------------------------------------------------------------------------------

/** A geo channel's parameters (`beta` or `roi` fixes the effect size; drawn: `roi`). */
export interface GeoChannelParams {
  readonly theta: number;
  readonly saturation: SaturationRequest;
  /** Coefficient β on `g(adstock)`; when absent, chosen so that the true ROI equals `roi`. */
  readonly beta?: number;
  readonly roi?: number;
  readonly perCapitaSpend: number;
  readonly spendLogSd: number;
  readonly zeroShare: number;
  readonly offRunWeeks: number;
  /** Flights common to every geo, or drawn per geo. */
  readonly nationalFlights: boolean;
  readonly q4: number;
  /** Cost per thousand impressions. */
  readonly cpm: number;
}

/** Everything a geo draw is made of. */
export interface GeoSimParams {
  readonly geos: number;
  readonly weeks: number;
  readonly start: string;
  readonly channels: Readonly<Record<string, GeoChannelParams>>;
  /** Add `placebo_spend` (random spend, no effect). */
  readonly placebo: boolean;
  readonly populationVaries: boolean;
  readonly populationGrowthPerYear: readonly [number, number];
  readonly basePerCapita: number;
  readonly populationEffect: number;
  readonly competitorEffect: number;
  readonly sentimentEffect: number;
  readonly monthAmplitude: number;
  readonly noiseCv: number;
  readonly noiseAr: number;
  readonly commonShockShare: number;
}

/** Overrides of a geo draw: top-level values, and per channel any subset of its parameters. */
export type GeoSimOverrides =
  & Partial<Omit<GeoSimParams, "channels">>
  & { readonly channels?: Readonly<Record<string, Partial<GeoChannelParams>>> };

/** The resolved geo parameters (as drawn, with saturation in spend units and β). */
export interface GeoSimResolved extends Omit<GeoSimParams, "channels"> {
  readonly channels: Readonly<
    Record<
      string,
      Omit<GeoChannelParams, "saturation"> & {
        readonly saturation: SimSaturation;
        readonly saturationRequest: SaturationRequest;
        readonly beta: number;
        readonly meanSpend: number;
      }
    >
  >;
  readonly monthEffects: readonly number[];
}

function drawGeoSaturation(rng: Random): SaturationRequest {
  const u = rng.uniform();
  const p = GEO_RANGES.saturation;
  if (u < p.log1pRaw) return { type: "log1p", scale: 1 };
  if (u < p.log1pRaw + p.log1p) {
    return { type: "log1p", scaleMultiple: logUniform(rng, GEO_RANGES.log1pScaleMultiple) };
  }
  return {
    type: "hill",
    halfSaturationMultiple: logUniform(rng, GEO_RANGES.hillHalfSaturationMultiple),
    shape: uniform(rng, GEO_RANGES.hillShape),
  };
}

function drawGeoChannel(rng: Random, placebo: boolean): GeoChannelParams {
  const R = GEO_RANGES;
  return {
    theta: uniform(rng, R.theta),
    saturation: drawGeoSaturation(rng),
    ...(placebo ? { beta: 0 } : { roi: logUniform(rng, R.roi) }),
    perCapitaSpend: logUniform(rng, R.perCapitaSpend),
    spendLogSd: uniform(rng, R.spendLogSd),
    zeroShare: uniform(rng, R.zeroShare),
    offRunWeeks: uniform(rng, R.offRunWeeks),
    nationalFlights: rng.uniform() < R.nationalFlights,
    q4: uniform(rng, R.q4),
    cpm: logUniform(rng, [3, 30]),
  };
}

/**
 * Draws a geo panel (header of `data/mmm_geo.csv`, plus `placebo_spend,placebo_impressions` with a placebo)
 * with random true parameters from {@link GEO_RANGES}, and its truth: ROI, contribution, marginal ROI
 * (`β Σ_geo Σ_t a_t g'(a_t) / S`, the derivative of the channel's in-sample response when every row's spend
 * grows in proportion, per extra dollar: the pipeline's `marginal_roi`, lib/decompose/marginal_roi.ts) and
 * carryover per channel, and the control coefficients.
 *
 * `sales = α_geo + Σ_c β_c g_c(adstock_geo(spend_c, θ_c)) + γ_pop · population + γ_comp · competitor
 *  + γ_sent · sentiment + month + ε`, with `ε` AR(1) within geo, partly common to every geo in a week, its sd
 * growing with √population.
 *
 * @param rng the draw's random stream (e.g. `new Random(seed, "validate/geo/7")`)
 * @param overrides fixed values instead of draws (tests, what-ifs)
 * @example
 * const sim = simulateGeo(new Random(1, "geo"), { geos: 8, weeks: 104 });
 * const ds = parseDataset(sim.csv, "sim.csv", { kind: "geo", roles: sim.roles });
 * sim.truth.find((t) => t.quantity === "roi" && t.channel === "tv_spend")!.value;
 */
export function simulateGeo(rng: Random, overrides: GeoSimOverrides = {}): Simulated<GeoSimResolved> {
  const R = GEO_RANGES;
  const placebo = overrides.placebo ?? false;
  const names: string[] = [...GEO_CHANNELS, ...(placebo ? ["placebo"] : [])];
  // Parameters: every draw is taken (so an override does not shift the later draws), then overridden.
  const drawnChannels = Object.fromEntries(names.map((c) => [c, drawGeoChannel(rng, c === "placebo")]));
  const drawn: GeoSimParams = {
    geos: rng.integer(R.geos[0], R.geos[1]),
    weeks: rng.integer(R.weeks[0], R.weeks[1]),
    start: "2022-01-03",
    channels: drawnChannels,
    placebo,
    populationVaries: rng.uniform() < R.populationVaries,
    populationGrowthPerYear: R.populationGrowthPerYear,
    basePerCapita: uniform(rng, R.basePerCapita),
    populationEffect: uniform(rng, R.populationEffect),
    competitorEffect: uniform(rng, R.competitorEffect),
    sentimentEffect: uniform(rng, R.sentimentEffect),
    monthAmplitude: uniform(rng, R.monthAmplitude),
    noiseCv: logUniform(rng, R.noiseCv),
    noiseAr: uniform(rng, R.noiseAr),
    commonShockShare: uniform(rng, R.commonShockShare),
  };
  const { channels: channelOverrides, ...top } = overrides;
  const P: GeoSimParams = {
    ...drawn,
    ...top,
    placebo,
    channels: Object.fromEntries(
      names.map((c) => [c, { ...drawnChannels[c], ...(channelOverrides?.[c] ?? {}) }]),
    ),
  };
  if (!(Number.isInteger(P.geos) && P.geos >= 2)) throw new RangeError(`geos must be an integer ≥ 2`);
  if (!(Number.isInteger(P.weeks) && P.weeks >= 8)) throw new RangeError(`weeks must be an integer ≥ 8`);
  for (const c of names) checkTheta(P.channels[c].theta, c);

  const n = P.weeks, G = P.geos;
  const dates = mondays(P.start, n);
  const months = dates.map(monthOf);
  const geoNames = Array.from({ length: G }, (_, g) => `geo_${String(g + 1).padStart(2, "0")}`);
  const medianBase = P.basePerCapita * 800000;
  const monthEffects = [0, ...Array.from({ length: 11 }, () => P.monthAmplitude * medianBase * rng.normal())];
  const commonShock = ar1(rng, n, P.noiseAr, 1);
  const sentimentCommon = ar1(rng, n, 0.8, 4);
  const nationalOn = Object.fromEntries(names.map((c) => {
    const p = P.channels[c];
    return [c, flights(rng, n, p.zeroShare, p.offRunWeeks)];
  }));

  // Pass 1: populations, spend and adstock per geo (β is fixed after, from the ROI, when not given).
  interface GeoRows {
    population: Float64Array;
    alpha: number;
    sigma: number;
    spend: Record<string, Float64Array>;
    impressions: Record<string, Float64Array>;
    adstock: Record<string, Float64Array>;
    competitor: Float64Array;
    sentiment: Float64Array;
    noise: Float64Array;
  }
  const rows: GeoRows[] = [];
  for (let g = 0; g < G; g++) {
    const pop0 = Math.min(5e6, Math.max(150000, 800000 * Math.exp(0.6 * rng.normal())));
    const [lo, hi] = P.populationGrowthPerYear;
    const rate = P.populationVaries ? lo + (hi - lo) * rng.uniform() : 0;
    const population = Float64Array.from(dates, (_, t) => Math.round(pop0 * (1 + rate) ** (t / 52)));
    const alpha = P.basePerCapita * pop0 * Math.exp(0.15 * rng.normal());
    const sigma = P.noiseCv * medianBase * Math.sqrt(pop0 / 800000);
    const spend: Record<string, Float64Array> = {};
    const impressions: Record<string, Float64Array> = {};
    const adstock: Record<string, Float64Array> = {};
    for (const c of names) {
      const p = P.channels[c];
      const taste = Math.exp(0.3 * rng.normal());
      const on = p.nationalFlights ? nationalOn[c] : flights(rng, n, p.zeroShare, p.offRunWeeks);
      const x = new Float64Array(n), imp = new Float64Array(n);
      for (let t = 0; t < n; t++) {
        const season = months[t] >= 10 ? p.q4 : 1;
        const noise = Math.exp(p.spendLogSd * rng.normal());
        x[t] = on[t] ? cents(p.perCapitaSpend * population[t] * taste * season * noise) : 0;
        const impNoise = Math.exp(0.08 * rng.normal());
        imp[t] = x[t] > 0 ? Math.round((x[t] / p.cpm) * 1000 * impNoise) : 0;
      }
      spend[c] = x;
      impressions[c] = imp;
      adstock[c] = geometricAdstock(x, p.theta);
    }
    const phase = 2 * Math.PI * rng.uniform();
    const compDev = ar1(rng, n, 0.7, 0.05);
    const competitor = Float64Array.from(
      dates,
      (_, t) => cents(0.03 * pop0 * (1 + 0.08 * Math.sin((2 * Math.PI * t) / 52 + phase) + compDev[t])),
    );
    const sentDev = ar1(rng, n, 0.8, 3);
    const sentiment = Float64Array.from(
      dates,
      (_, t) => cents(Math.min(100, Math.max(0, 60 + sentimentCommon[t] + sentDev[t]))),
    );
    const own = ar1(rng, n, P.noiseAr, 1);
    const w = P.commonShockShare;
    const noise = Float64Array.from(
      own,
      (e, t) => sigma * (Math.sqrt(1 - w) * e + Math.sqrt(w) * commonShock[t]),
    );
    rows.push({ population, alpha, sigma, spend, impressions, adstock, competitor, sentiment, noise });
  }

  // Saturation in spend units, β, truth.
  const totalRows = n * G;
  const resolved: GeoSimResolved["channels"][string][] = [];
  const channelTruth: { channel: string; spend: number; contribution: number; marginal: number }[] = [];
  const response: Record<string, Float64Array[]> = {};
  for (const c of names) {
    const p = P.channels[c];
    let spendTotal = 0;
    for (const r of rows) spendTotal += sum(r.spend[c]);
    const meanSpend = spendTotal / totalRows;
    const saturation = resolveSaturation(p.saturation, meanSpend > 0 ? meanSpend : 1);
    const g = rows.map((r) => Float64Array.from(r.adstock[c], (a) => saturationValue(a, saturation)));
    let gTotal = 0;
    for (const x of g) gTotal += sum(x);
    const beta = p.beta ?? (p.roi !== undefined && gTotal > 0 ? (p.roi * spendTotal) / gTotal : 0);
    response[c] = g.map((x) => Float64Array.from(x, (v) => beta * v));
    resolved.push({ ...p, saturation, saturationRequest: p.saturation, beta, meanSpend });
    // marginal ROI as the pipeline defines it (lib/decompose/marginal_roi.ts): every row's spend × (1 + δ),
    // δ → 0; adstock is linear, so d/dδ Σ β g(a_t (1 + δ)) = β Σ a_t g'(a_t), per extra dollar S
    let slopeTotal = 0;
    for (const r of rows) for (const a of r.adstock[c]) slopeTotal += a * saturationSlope(a, saturation);
    channelTruth.push({
      channel: `${c}_spend`,
      spend: spendTotal,
      contribution: beta * gTotal,
      marginal: beta * slopeTotal,
    });
  }

  // Sales and CSV.
  const header = [...GEO_HEADER, ...(placebo ? ["placebo_spend", "placebo_impressions"] : [])];
  const lines = [header.join(",")];
  for (let g = 0; g < G; g++) {
    const r = rows[g];
    for (let t = 0; t < n; t++) {
      let media = 0;
      for (const c of names) media += response[c][g][t];
      const expected = r.alpha + media + P.populationEffect * (r.population[t] - r.population[0]) +
        P.competitorEffect * r.competitor[t] + P.sentimentEffect * r.sentiment[t] +
        monthEffects[months[t] - 1];
      const sales = cents(expected + r.noise[t]);
      lines.push([
        geoNames[g],
        dates[t],
        ...GEO_CHANNELS.map((c) => r.spend[c][t].toFixed(2)),
        ...GEO_CHANNELS.map((c) => String(r.impressions[c][t])),
        String(r.population[t]),
        r.competitor[t].toFixed(2),
        r.sentiment[t].toFixed(2),
        sales.toFixed(2),
        ...(placebo ? [r.spend.placebo[t].toFixed(2), String(r.impressions.placebo[t])] : []),
      ].join(","));
    }
  }

  const truth: TruthRow[] = [];
  names.forEach((c, i) => {
    const t = channelTruth[i];
    truth.push(
      {
        model: "geo",
        quantity: "roi",
        channel: t.channel,
        value: t.spend > 0 ? t.contribution / t.spend : NaN,
      },
      { model: "geo", quantity: "contribution", channel: t.channel, value: t.contribution },
      {
        model: "geo",
        quantity: "marginal_roi",
        channel: t.channel,
        value: t.spend > 0 ? t.marginal / t.spend : NaN,
      },
      { model: "geo", quantity: "carryover", channel: t.channel, value: P.channels[c].theta },
    );
  });
  truth.push(
    { model: "geo", quantity: "control", channel: "competitor_sales_control", value: P.competitorEffect },
    { model: "geo", quantity: "control", channel: "sentiment_score_control", value: P.sentimentEffect },
  );
  // The population effect enters as γ · (population − its first-week value), so with a constant population it
  // is nothing at all; with a varying one its coefficient is γ (the first-week level sits in α_geo).
  if (P.populationVaries) {
    truth.push({ model: "geo", quantity: "control", channel: "population", value: P.populationEffect });
  }
  const roles: Partial<Roles> = placebo
    ? {
      media: [...GEO_CHANNELS.map((c) => `${c}_spend`), "placebo_spend"],
      impressions: [...GEO_CHANNELS.map((c) => `${c}_impressions`), "placebo_impressions"],
    }
    : {};
  return {
    kind: "geo",
    csv: lines.join("\n") + "\n",
    roles,
    params: {
      ...P,
      channels: Object.fromEntries(names.map((c, i) => [c, resolved[i]])),
      monthEffects,
    },
    truth,
    outlierWeeks: [],
  };
}

// ---------------------------------------------------------------------------------------------------------
// National weekly data
// ---------------------------------------------------------------------------------------------------------

/** A social channel's parameters. */
export interface SocialChannelParams {
  readonly theta: number;
  /** Stage 1: mediator dollars per adstocked social dollar. */
  readonly a: number;
  /** Stage 2 direct path: revenue per adstocked dollar (only the social channel with the most spend has one). */
  readonly c: number;
  readonly base: number;
  readonly spendLogSd: number;
  readonly q4: number;
  readonly zeroShare: number;
  readonly offRunWeeks: number;
}

/** A direct channel (email, SMS): Hill saturation of its weekly sends, no carryover. */
export interface DirectChannelParams {
  readonly base: number;
  readonly logSd: number;
  /** Extra sends in a promotion week, as a share of `base`. */
  readonly promoBump: number;
  readonly saturation: SaturationRequest;
  /** Coefficient; when absent, chosen so that the contribution is `share` of the sample's revenue. */
  readonly coef?: number;
  readonly share?: number;
}

/** Everything a national draw is made of. */
export interface NationalSimParams {
  readonly weeks: number;
  readonly start: string;
  readonly social: Readonly<Record<string, SocialChannelParams>>;
  /** Add `placebo_spend` as a social channel with no effect on Google or revenue. */
  readonly placebo: boolean;
  readonly google: {
    readonly theta: number;
    readonly base: number;
    readonly november: number;
    readonly december: number;
    readonly noiseCv: number;
    /** Stage 2: revenue per adstocked Google dollar. */
    readonly b: number;
  };
  readonly email: DirectChannelParams;
  readonly sms: DirectChannelParams;
  readonly paidMediaShare: number;
  readonly price: {
    readonly level: number;
    readonly sd: number;
    readonly cut: number;
    readonly elasticity: number;
  };
  readonly promotion: { readonly share: number; readonly lift: number };
  readonly followers: {
    readonly start: number;
    readonly organic: number;
    readonly perDollar: number;
    readonly walkSd: number;
    readonly share: number;
  };
  readonly november: number;
  readonly december: number;
  readonly noiseCv: number;
  readonly noiseAr: number;
  readonly outliers: number;
}

/** Overrides of a national draw (nested objects are merged one level deep). */
export type NationalSimOverrides =
  & Partial<
    Omit<NationalSimParams, "social" | "google" | "email" | "sms" | "price" | "promotion" | "followers">
  >
  & {
    readonly social?: Readonly<Record<string, Partial<SocialChannelParams>>>;
    readonly google?: Partial<NationalSimParams["google"]>;
    readonly email?: Partial<DirectChannelParams>;
    readonly sms?: Partial<DirectChannelParams>;
    readonly price?: Partial<NationalSimParams["price"]>;
    readonly promotion?: Partial<NationalSimParams["promotion"]>;
    readonly followers?: Partial<NationalSimParams["followers"]>;
  };

/** The resolved national parameters: coefficients as used. */
export interface NationalSimResolved extends NationalSimParams {
  readonly directSocial: string;
  readonly coefficients: {
    readonly intercept: number;
    readonly googleIntercept: number;
    readonly email: number;
    readonly sms: number;
    readonly emailSaturation: SimSaturation;
    readonly smsSaturation: SimSaturation;
    readonly price: number;
    readonly promotion: number;
    readonly followers: number;
    readonly november: number;
    readonly december: number;
    readonly googleNovember: number;
    readonly googleDecember: number;
    readonly noiseSd: number;
    readonly googleNoiseSd: number;
  };
}

function drawSocial(rng: Random, placebo: boolean): SocialChannelParams {
  const R = NATIONAL_RANGES;
  const theta = uniform(rng, R.theta), a = uniform(rng, R.a), c = uniform(rng, R.c);
  return {
    theta,
    a: placebo ? 0 : a,
    c: placebo ? 0 : c,
    base: logUniform(rng, R.socialBase),
    spendLogSd: uniform(rng, R.spendLogSd),
    q4: uniform(rng, R.q4),
    zeroShare: uniform(rng, R.zeroShare),
    offRunWeeks: uniform(rng, R.offRunWeeks),
  };
}

function drawDirect(rng: Random, base: readonly [number, number]): DirectChannelParams {
  const R = NATIONAL_RANGES;
  return {
    base: logUniform(rng, base),
    logSd: uniform(rng, [0.2, 0.4]),
    promoBump: uniform(rng, [0, 0.5]),
    saturation: {
      type: "hill",
      halfSaturationMultiple: logUniform(rng, R.hillHalfSaturationMultiple),
      shape: uniform(rng, R.hillShape),
    },
    share: uniform(rng, R.directShare),
  };
}

/**
 * Draws a national weekly series (header of `data/mmm_weekly.csv`, plus `placebo_spend` with a placebo) with
 * random true parameters from {@link NATIONAL_RANGES}, and its truth in the pipeline's vocabulary.
 *
 * Stage 1: `google_t = g₀ + Σ_s a_s adstock(S_s, θ_s)_t + nov + dec + u_t`. Stage 2:
 * `revenue_t = b₀ + b · adstock(google, θ_M)_t + c · adstock(S_top, θ_top)_t + β_e hill(email_t)
 *  + β_sms hill(sms_t) + β_price price_t + β_promo promo_t + β_f followers_t + nov + dec + e_t`, `e` AR(1),
 * where `S_top` is the social channel with the most spend (the one the pipeline gives a direct path).
 *
 * @param rng the draw's random stream
 * @param overrides fixed values instead of draws
 * @example
 * const sim = simulateNational(new Random(1, "national"), { weeks: 104 });
 * parseDataset(sim.csv, "sim.csv", { kind: "weekly", roles: sim.roles });
 */
export function simulateNational(
  rng: Random,
  overrides: NationalSimOverrides = {},
): Simulated<NationalSimResolved> {
  const R = NATIONAL_RANGES;
  const placebo = overrides.placebo ?? false;
  const names: string[] = [...SOCIAL_CHANNELS, ...(placebo ? ["placebo"] : [])];
  const drawnSocial = Object.fromEntries(names.map((c) => [c, drawSocial(rng, c === "placebo")]));
  const drawn: NationalSimParams = {
    weeks: rng.integer(R.weeks[0], R.weeks[1]),
    start: "2023-01-02",
    social: drawnSocial,
    placebo,
    google: {
      theta: uniform(rng, R.theta),
      base: logUniform(rng, R.googleBase),
      november: uniform(rng, R.googleHoliday),
      december: uniform(rng, R.googleHoliday),
      noiseCv: uniform(rng, R.googleNoiseCv),
      b: logUniform(rng, R.b),
    },
    email: drawDirect(rng, R.emailBase),
    sms: drawDirect(rng, R.smsBase),
    paidMediaShare: uniform(rng, R.paidMediaShare),
    price: {
      level: uniform(rng, R.price),
      sd: uniform(rng, R.priceSd),
      cut: uniform(rng, R.priceCut),
      elasticity: uniform(rng, R.elasticity),
    },
    promotion: { share: uniform(rng, R.promotionShare), lift: uniform(rng, R.promotionLift) },
    followers: {
      start: uniform(rng, R.followersStart),
      organic: uniform(rng, R.followersOrganic),
      perDollar: uniform(rng, R.followersPerDollar),
      walkSd: uniform(rng, R.followersWalkSd),
      share: uniform(rng, R.followersShare),
    },
    november: uniform(rng, R.november),
    december: uniform(rng, R.december),
    noiseCv: logUniform(rng, R.noiseCv),
    noiseAr: uniform(rng, R.noiseAr),
    outliers: rng.integer(R.outliers[0], R.outliers[1]),
  };
  const o = overrides;
  const P: NationalSimParams = {
    ...drawn,
    ...(o.weeks !== undefined ? { weeks: o.weeks } : {}),
    ...(o.start !== undefined ? { start: o.start } : {}),
    ...(o.paidMediaShare !== undefined ? { paidMediaShare: o.paidMediaShare } : {}),
    ...(o.november !== undefined ? { november: o.november } : {}),
    ...(o.december !== undefined ? { december: o.december } : {}),
    ...(o.noiseCv !== undefined ? { noiseCv: o.noiseCv } : {}),
    ...(o.noiseAr !== undefined ? { noiseAr: o.noiseAr } : {}),
    ...(o.outliers !== undefined ? { outliers: o.outliers } : {}),
    placebo,
    social: Object.fromEntries(names.map((c) => [c, { ...drawnSocial[c], ...(o.social?.[c] ?? {}) }])),
    google: { ...drawn.google, ...o.google },
    email: { ...drawn.email, ...o.email },
    sms: { ...drawn.sms, ...o.sms },
    price: { ...drawn.price, ...o.price },
    promotion: { ...drawn.promotion, ...o.promotion },
    followers: { ...drawn.followers, ...o.followers },
  };
  if (!(Number.isInteger(P.weeks) && P.weeks >= 8)) throw new RangeError(`weeks must be an integer ≥ 8`);
  for (const c of names) checkTheta(P.social[c].theta, c);
  checkTheta(P.google.theta, "google");

  const n = P.weeks;
  const weeks = mondays(P.start, n);
  const nov = Float64Array.from(weeks, (w) => (monthOf(w) === 11 ? 1 : 0));
  const dec = Float64Array.from(weeks, (w) => (monthOf(w) === 12 ? 1 : 0));

  // Social spend.
  const social: Record<string, Float64Array> = {};
  for (const c of names) {
    const p = P.social[c];
    const on = flights(rng, n, p.zeroShare, p.offRunWeeks);
    const dev = ar1(rng, n, 0.4, p.spendLogSd);
    social[c] = Float64Array.from(
      weeks,
      (_, t) => (on[t] ? cents(p.base * Math.exp(dev[t]) * (nov[t] + dec[t] > 0 ? p.q4 : 1)) : 0),
    );
  }
  // The direct path belongs to the real social channel with the most spend; a placebo is kept below it, so
  // that the pipeline's default direct path (the channel with the most spend) is the true one.
  const top = [...SOCIAL_CHANNELS].sort((x, y) => sum(social[y]) - sum(social[x]))[0];
  if (placebo) {
    const cap = 0.8 * sum(social[top]), total = sum(social.placebo);
    if (total > cap) social.placebo = Float64Array.from(social.placebo, (v) => cents((v * cap) / total));
  }

  // Promotions: a fixed number of weeks, drawn without replacement.
  const promoWeeks = Math.max(2, Math.round(P.promotion.share * n));
  const order = Array.from({ length: n }, (_, t) => t);
  for (let i = 0; i < promoWeeks; i++) {
    const j = rng.integer(i, n - 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const promo = new Float64Array(n);
  for (let i = 0; i < promoWeeks; i++) promo[order[i]] = 1;

  // Price.
  const priceDev = ar1(rng, n, 0.6, P.price.sd * P.price.level);
  const price = Float64Array.from(
    weeks,
    (_, t) =>
      cents(
        P.price.level + priceDev[t] - (promo[t] ? P.price.cut * P.price.level * (0.5 + rng.uniform()) : 0),
      ),
  );

  // Email and SMS sends.
  const sends = (p: DirectChannelParams) =>
    Float64Array.from(weeks, (_, t) =>
      Math.round(
        p.base * Math.exp(p.logSd * rng.normal()) * (nov[t] + dec[t] > 0 ? 1.2 : 1) +
          p.promoBump * p.base * promo[t],
      ));
  const emails = sends(P.email), sms = sends(P.sms);

  // Followers.
  const followers = new Float64Array(n);
  {
    let cumulative = 0, walk = 0;
    for (let t = 0; t < n; t++) {
      for (const c of names) cumulative += social[c][t];
      walk += P.followers.walkSd * rng.normal();
      followers[t] = Math.round(
        P.followers.start + P.followers.organic * t + P.followers.perDollar * cumulative + walk,
      );
    }
  }

  // Stage 1.
  const socialAdstock: Record<string, Float64Array> = {};
  for (const c of names) socialAdstock[c] = geometricAdstock(social[c], P.social[c].theta);
  const googleIntercept = P.google.base;
  const gNov = P.google.november * P.google.base, gDec = P.google.december * P.google.base;
  const googleExpected = Float64Array.from(weeks, (_, t) => {
    let g = googleIntercept + gNov * nov[t] + gDec * dec[t];
    for (const c of names) g += P.social[c].a * socialAdstock[c][t];
    return g;
  });
  const googleNoiseSd = P.google.noiseCv * mean(googleExpected);
  const google = Float64Array.from(
    googleExpected,
    (g) => Math.max(0, cents(g + googleNoiseSd * rng.normal())),
  );
  const googleAdstock = geometricAdstock(google, P.google.theta);
  const directAdstock = geometricAdstock(social[top], P.social[top].theta);

  // Stage 2 scale: paid media (Google and the direct path) make `paidMediaShare` of mean revenue.
  const b = P.google.b, cTop = P.social[top].c;
  const paid = (b * sum(googleAdstock) + cTop * sum(directAdstock)) / n;
  const level = paid / P.paidMediaShare;
  const direct = (p: DirectChannelParams, x: Float64Array) => {
    const active = Array.from(x).filter((v) => v > 0).sort((u, v) => u - v);
    const median = active.length === 0
      ? 1
      : active.length % 2 === 1
      ? active[(active.length - 1) / 2]
      : (active[active.length / 2 - 1] + active[active.length / 2]) / 2;
    const saturation = resolveSaturation(p.saturation, median);
    const g = Float64Array.from(x, (v) => saturationValue(v, saturation));
    const coef = p.coef ?? ((p.share ?? 0) * level * n) / sum(g);
    return { saturation, g, coef };
  };
  const em = direct(P.email, emails), sm = direct(P.sms, sms);
  const betaPrice = (P.price.elasticity * level) / P.price.level;
  const betaPromo = P.promotion.lift * level;
  const betaFollowers = (P.followers.share * level) / mean(followers);
  const novEffect = P.november * level, decEffect = P.december * level;
  const partial = Float64Array.from(
    weeks,
    (_, t) =>
      b * googleAdstock[t] + cTop * directAdstock[t] + em.coef * em.g[t] + sm.coef * sm.g[t] +
      betaPrice * price[t] + betaPromo * promo[t] + betaFollowers * followers[t] + novEffect * nov[t] +
      decEffect * dec[t],
  );
  const intercept = level - mean(partial);
  const noiseSd = P.noiseCv * level;
  const noise = ar1(rng, n, P.noiseAr, noiseSd);
  const expected = Float64Array.from(partial, (v) => intercept + v);
  const revenue = Float64Array.from(expected, (e, t) => cents(e + noise[t]));
  // Corrupted weeks (never the first or last 4 weeks).
  const outlierWeeks: number[] = [];
  while (outlierWeeks.length < P.outliers) {
    const t = rng.integer(4, n - 5);
    if (outlierWeeks.includes(t)) continue;
    const factor = rng.uniform() < 0.5 ? uniform(rng, [0.4, 0.6]) : uniform(rng, [1.5, 1.8]);
    revenue[t] = cents(revenue[t] * factor);
    outlierWeeks.push(t);
  }
  outlierWeeks.sort((x, y) => x - y);

  // CSV.
  const header = [...WEEKLY_HEADER, ...(placebo ? ["placebo_spend"] : [])];
  const lines = [header.join(",")];
  for (let t = 0; t < n; t++) {
    lines.push([
      weeks[t],
      social.facebook[t].toFixed(2),
      google[t].toFixed(2),
      social.tiktok[t].toFixed(2),
      social.instagram[t].toFixed(2),
      social.snapchat[t].toFixed(2),
      String(followers[t]),
      price[t].toFixed(2),
      String(promo[t]),
      String(emails[t]),
      String(sms[t]),
      revenue[t].toFixed(2),
      ...(placebo ? [social.placebo[t].toFixed(2)] : []),
    ].join(","));
  }

  // Truth, by the pipeline's definitions (see the module doc).
  const thetaM = P.google.theta;
  const truth: TruthRow[] = [];
  const row = (quantity: string, channel: string, value: number) =>
    truth.push({ model: "national", quantity, channel, value });
  for (const c of names) {
    const p = P.social[c];
    const col = `${c}_spend`;
    const spend = sum(social[c]);
    const isTop = c === top;
    const cs = isTop ? p.c : 0;
    const viaGoogle = b * sum(geometricAdstock(Float64Array.from(socialAdstock[c], (v) => p.a * v), thetaM));
    const directPath = cs * sum(socialAdstock[c]);
    const googlePerDollar = p.a / (1 - p.theta);
    const indirect = (googlePerDollar * b) / (1 - thetaM);
    const directPerDollar = cs / (1 - p.theta);
    row("google_per_dollar", col, googlePerDollar);
    row("indirect_per_dollar", col, indirect);
    row("direct_per_dollar", col, directPerDollar);
    row("total_per_dollar", col, indirect + directPerDollar);
    row("roi", col, spend > 0 ? (viaGoogle + directPath) / spend : NaN);
    row("contribution", col, viaGoogle + directPath);
    row("carryover", col, p.theta);
  }
  const googleContribution = b * sum(googleAdstock);
  row("roi", "google_spend", googleContribution / sum(google));
  row("contribution", "google_spend", googleContribution);
  row("carryover", "google_spend", thetaM);
  row("contribution", "emails_send", em.coef * sum(em.g));
  row("contribution", "sms_send", sm.coef * sum(sm.g));
  row("price_elasticity", "average_price", (betaPrice * mean(price)) / mean(revenue));
  row("promotion_lift", "promotions", betaPromo);

  return {
    kind: "weekly",
    csv: lines.join("\n") + "\n",
    roles: placebo ? { social: [...SOCIAL_CHANNELS.map((c) => `${c}_spend`), "placebo_spend"] } : {},
    params: {
      ...P,
      directSocial: `${top}_spend`,
      coefficients: {
        intercept,
        googleIntercept,
        email: em.coef,
        sms: sm.coef,
        emailSaturation: em.saturation,
        smsSaturation: sm.saturation,
        price: betaPrice,
        promotion: betaPromo,
        followers: betaFollowers,
        november: novEffect,
        december: decEffect,
        googleNovember: gNov,
        googleDecember: gDec,
        noiseSd,
        googleNoiseSd,
      },
    },
    truth,
    outlierWeeks,
  };
}
