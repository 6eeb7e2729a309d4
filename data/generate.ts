/**
 * Generator of the bundled synthetic data, with the ground truth that produced it.
 *
 * Two files and one truth record:
 * - `mmm_weekly.csv`: 104 national weeks. Social spend (Facebook, TikTok, Instagram, Snapchat) drives
 *   Google spend (stage 1); Google, a small direct Facebook effect, email, SMS, price, promotions,
 *   followers and Q4 drive revenue (stage 2). The mediation structure is that of Baron & Kenny (1986)
 *   with carryover by geometric adstock (Jin et al. 2017).
 * - `mmm_geo.csv`: 40 geos × 156 weeks. Sales respond to five media through per-geo geometric adstock
 *   and `log1p` saturation, beside geo fixed effects, population, two controls and month-of-year effects.
 * - `truth.json`: every structural parameter, and counterfactual contributions and ROI computed on the
 *   noise-free expected values. `data/README.md` defines each number.
 *
 * Everything is a pure function of the seed: {@link generate} returns the three texts and writes
 * nothing; only the main block (`deno task data`) writes files, next to this module.
 *
 * @module
 */
import { geometricAdstock } from "../lib/features/adstock.ts";
import { ar1, mean, mondays, monthOf, sum } from "./series.ts";
import {
  type AdstockTruth,
  GEO_CHANNELS,
  type GeoChannel,
  type GeoChannelTruth,
  type GeoTruth,
  type HillTruth,
  type OutlierTruth,
  type SendsContributionTruth,
  SOCIAL_CHANNELS,
  type SocialChannel,
  type SocialContributionTruth,
  type Truth,
  type WeeklyTruth,
} from "../lib/data/truth_schema.ts";
export * from "../lib/data/truth_schema.ts";

/**
 * Seed of the bundled files (recorded in `truth.json`): the date the seed was fixed, 2026-12-01, written as
 * an integer, set before any model was fitted to its draw and never changed for how results look (see
 * `data/README.md`, "Choice of seed"). Seed 25, used before, had been picked among 80 for favourable coverage.
 */
export const SEED = 20261201;

/** Header of `mmm_weekly.csv`, in file order. */
export const WEEKLY_HEADER = [
  "week",
  "facebook_spend",
  "google_spend",
  "tiktok_spend",
  "instagram_spend",
  "snapchat_spend",
  "social_followers",
  "average_price",
  "promotions",
  "emails_send",
  "sms_send",
  "revenue",
] as const;

/** Header of `mmm_geo.csv`, in file order. */
export const GEO_HEADER = [
  "geo",
  "date",
  "tv_spend",
  "print_spend",
  "search_spend",
  "social_spend",
  "radio_spend",
  "tv_impressions",
  "print_impressions",
  "search_impressions",
  "social_impressions",
  "radio_impressions",
  "population",
  "competitor_sales_control",
  "sentiment_score_control",
  "sales",
] as const;

// ---------------------------------------------------------------------------------------------------------
// Structural parameters. Round numbers on purpose: they are what the notebooks try to recover.
// ---------------------------------------------------------------------------------------------------------

const WEEKLY = {
  weeks: 104,
  start: "2023-01-02",
  /** Geometric adstock carryover per channel (Google included). */
  theta: { facebook: 0.5, tiktok: 0.3, instagram: 0.4, snapchat: 0.2, google: 0.5 },
  spend: {
    /** Typical weekly spend when on, in dollars. */
    base: { facebook: 10000, tiktok: 5000, instagram: 4500, snapchat: 3500 },
    /** Standard deviation of the AR(1) log-spend deviation, and its autocorrelation. */
    logSd: { facebook: 0.5, tiktok: 0.4, instagram: 0.45, snapchat: 0.5 },
    logAr: 0.4,
    /** Spend multiplier in November and December. */
    q4: { facebook: 1.8, tiktok: 1.3, instagram: 1.3, snapchat: 1.1 },
    /** Weeks (0-based, inclusive ranges) with no spend. */
    off: {
      facebook: [] as [number, number][],
      tiktok: [[0, 19]] as [number, number][], // launched in week 20 (2023-05-22)
      instagram: [[30, 33], [75, 77]] as [number, number][],
      snapchat: [[60, 69]] as [number, number][],
    },
  },
  stage1: {
    intercept: 6000,
    coef: { facebook: 0.4, tiktok: 0.2, instagram: 0.15, snapchat: 0.1 },
    november: 4000,
    december: 7000,
    noiseSd: 2500,
  },
  stage2: {
    intercept: 600000,
    google: 1.5,
    direct: { facebook: 0.5, tiktok: 0, instagram: 0, snapchat: 0 },
    email: { coef: 35000, halfSaturation: 110000, shape: 2 },
    sms: { coef: 30000, halfSaturation: 22000, shape: 1.5 },
    price: -8000,
    promotion: 20000,
    followers: 0.4,
    november: 12000,
    december: 22000,
    noiseSd: 13000,
  },
  promotions: { weeks: 18, priceCut: 1.5 },
  price: { base: 52, sd: 0.7, ar: 0.6 },
  emails: { base: 100000, logSd: 0.3, promo: 40000, q4: 1.2 },
  sms: { base: 18000, logSd: 0.4, promo: 10000, q4: 1.2 },
  followers: { start: 42000, organicPerWeek: 250, perDollar: 0.008, walkSd: 150 },
  outliers: [
    { index: 27, kind: "outage", factor: 0.45, note: "site outage: revenue under-recorded" },
    { index: 63, kind: "double-count", factor: 1.7, note: "orders posted twice in the ledger" },
  ],
} as const;

const GEO = {
  geos: 40,
  weeks: 156,
  start: "2022-01-03",
  theta: { tv: 0.6, print: 0.3, search: 0.1, social: 0.3, radio: 0.4 },
  /** Saturation scale: the adstock at which `log1p(adstock / scale) = log(2)`. */
  scale: { tv: 40000, print: 5000, search: 10000, social: 9000, radio: 6000 },
  beta: { tv: 30000, print: 3000, search: 30000, social: 12000, radio: 5000 },
  /** Weekly spend per inhabitant when a channel is on, in dollars. */
  perCapita: { tv: 0.02, print: 0.004, search: 0.012, social: 0.008, radio: 0.005 },
  spendLogSd: { tv: 0.25, print: 0.3, search: 0.2, social: 0.3, radio: 0.3 },
  /** Cost per thousand impressions, in dollars. */
  cpm: { tv: 22, print: 14, search: 4, social: 7, radio: 9 },
  impressionLogSd: 0.08,
  population: { median: 800000, logSd: 0.6, min: 150000, max: 5000000, growthMin: -0.02, growthMax: 0.06 },
  /** α_geo = perCapita · population in the first week · exp(N(0, logSd²)). */
  fixedEffect: { perCapita: 0.05, logSd: 0.15 },
  gamma: { population: 0.04, competitor: -0.15, sentiment: 150 },
  competitor: { perCapita: 0.03, seasonal: 0.08, sd: 0.05, ar: 0.7 },
  sentiment: { mean: 60, commonSd: 4, geoSd: 3, ar: 0.8 },
  /** Month-of-year effects on sales, January = 0 (the reference inside α_geo). */
  month: [0, -2000, 1000, 2000, 3000, 1500, 0, 500, 1000, 3000, 8000, 14000],
  /** Noise sd at 1,000,000 inhabitants; a geo's sd scales with √(its first-week population / 10⁶). */
  noiseSdPerMillion: 5000,
  radioOffGeos: 10,
  radioOffLength: 26,
} as const;

/** The three texts {@link generate} returns (the CSVs end with a newline). */
export interface Generated {
  readonly weeklyCsv: string;
  readonly geoCsv: string;
  readonly truth: Truth;
  /** `truth` as written to `truth.json` (two-space indented JSON, trailing newline). */
  readonly truthJson: string;
}

// ---------------------------------------------------------------------------------------------------------
// Random numbers: sfc32 (Doty-Humphrey's Small Fast Counting generator, from PractRand) seeded by
// splitmix32, one independent stream per labelled component so that changing one part of the data does
// not reshuffle the others. Normals by Box-Muller (Box & Muller 1958).
// ---------------------------------------------------------------------------------------------------------

/**
 * A seeded stream of pseudo-random numbers (sfc32), one per `(seed, label)`.
 *
 * The label is hashed (FNV-1a) into the seed, so streams for different components are independent and
 * stable under changes elsewhere.
 *
 * @param seed any integer (taken modulo 2³²)
 * @param label names the component the stream feeds, e.g. `"weekly/price"`
 * @example
 * const a = new Random(1, "x").uniform(), b = new Random(1, "x").uniform(); // a === b, in (0, 1)
 */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number, label: string) {
    if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    let h = 0x811c9dc5;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
    let x = (seed ^ h) | 0;
    const next = () => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#a = next();
    this.#b = next();
    this.#c = next();
    this.#d = 1;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** Next 32-bit unsigned integer. */
  next(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on the open interval (0, 1). */
  uniform(): number {
    return (this.next() + 0.5) / 4294967296;
  }

  /** Standard normal by Box-Muller: `√(-2 ln u₁) · cos(2π u₂)`. */
  normal(): number {
    return Math.sqrt(-2 * Math.log(this.uniform())) * Math.cos(2 * Math.PI * this.uniform());
  }

  /** Integer uniform on `lo..hi` inclusive. */
  integer(lo: number, hi: number): number {
    return lo + Math.floor(this.uniform() * (hi - lo + 1));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------

const cents = (x: number): number => Math.round(x * 100) / 100;

function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const mx = mean(x), my = mean(y);
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** `1 - Σ(y - ŷ)² / Σ(y - ȳ)²` over the rows where `keep` is true. */
function rSquared(y: ArrayLike<number>, fitted: ArrayLike<number>, keep: (i: number) => boolean): number {
  const idx = Array.from({ length: y.length }, (_, i) => i).filter(keep);
  const my = idx.reduce((s, i) => s + y[i], 0) / idx.length;
  let ssr = 0, sst = 0;
  for (const i of idx) {
    ssr += (y[i] - fitted[i]) ** 2;
    sst += (y[i] - my) ** 2;
  }
  return 1 - ssr / sst;
}

const hill = (x: number, k: number, s: number): number => x ** s / (x ** s + k ** s);

function adstockTruth(theta: number): AdstockTruth {
  return { theta, halfLifeWeeks: Math.log(0.5) / Math.log(theta), longRunMultiplier: 1 / (1 - theta) };
}

const scaled = (x: ArrayLike<number>, k: number): Float64Array => Float64Array.from(x, (v) => v * k);

// ---------------------------------------------------------------------------------------------------------
// National weekly data
// ---------------------------------------------------------------------------------------------------------

function generateWeekly(seed: number): { csv: string; truth: WeeklyTruth } {
  const P = WEEKLY;
  const n = P.weeks;
  const weeks = mondays(P.start, n);
  const nov = Float64Array.from(weeks, (w) => (monthOf(w) === 11 ? 1 : 0));
  const dec = Float64Array.from(weeks, (w) => (monthOf(w) === 12 ? 1 : 0));

  // Social spend: base × exp(AR(1)) × Q4 uplift, zero in the channel's dark weeks; rounded to cents.
  const social = {} as Record<SocialChannel, Float64Array>;
  for (const s of SOCIAL_CHANNELS) {
    const dev = ar1(new Random(seed, `weekly/spend/${s}`), n, P.spend.logAr, P.spend.logSd[s]);
    const x = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      const off = P.spend.off[s].some(([a, b]) => t >= a && t <= b);
      const q4 = nov[t] + dec[t] > 0 ? P.spend.q4[s] : 1;
      x[t] = off ? 0 : cents(P.spend.base[s] * Math.exp(dev[t]) * q4);
    }
    social[s] = x;
  }

  // Promotions: exactly `weeks` promoted weeks, drawn without replacement (partial Fisher-Yates).
  const order = Array.from({ length: n }, (_, t) => t);
  const promoRng = new Random(seed, "weekly/promotions");
  for (let i = 0; i < P.promotions.weeks; i++) {
    const j = promoRng.integer(i, n - 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const promo = new Float64Array(n);
  for (let i = 0; i < P.promotions.weeks; i++) promo[order[i]] = 1;

  // Price: AR(1) around the base, cut in promotion weeks by a random share of the typical cut.
  const priceDev = ar1(new Random(seed, "weekly/price"), n, P.price.ar, P.price.sd);
  const cutRng = new Random(seed, "weekly/price-cut");
  const price = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const cut = promo[t] ? P.promotions.priceCut * (0.5 + cutRng.uniform()) : 0;
    price[t] = cents(P.price.base + priceDev[t] - cut);
  }

  // Emails and SMS: lognormal sends, more in promotion weeks and in Q4; integers.
  const sends = (label: string, p: typeof P.emails | typeof P.sms) => {
    const rng = new Random(seed, label);
    return Float64Array.from(weeks, (_, t) => {
      const q4 = nov[t] + dec[t] > 0 ? p.q4 : 1;
      return Math.round(p.base * Math.exp(p.logSd * rng.normal()) * q4 + p.promo * promo[t]);
    });
  };
  const emails = sends("weekly/emails", P.emails);
  const sms = sends("weekly/sms", P.sms);

  // Followers: start + organic growth + perDollar × cumulative social spend + a random walk; integers.
  const followRng = new Random(seed, "weekly/followers");
  const followers = new Float64Array(n);
  {
    let cumulative = 0, walk = 0;
    for (let t = 0; t < n; t++) {
      for (const s of SOCIAL_CHANNELS) cumulative += social[s][t];
      walk += P.followers.walkSd * followRng.normal();
      followers[t] = Math.round(
        P.followers.start + P.followers.organicPerWeek * t + P.followers.perDollar * cumulative + walk,
      );
    }
  }

  // Stage 1: Google spend from adstocked social spend.
  const socialAdstock = {} as Record<SocialChannel, Float64Array>;
  for (const s of SOCIAL_CHANNELS) socialAdstock[s] = geometricAdstock(social[s], P.theta[s]);
  const googleRng = new Random(seed, "weekly/google");
  const googleExpected = new Float64Array(n);
  const google = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let g = P.stage1.intercept + P.stage1.november * nov[t] + P.stage1.december * dec[t];
    for (const s of SOCIAL_CHANNELS) g += P.stage1.coef[s] * socialAdstock[s][t];
    googleExpected[t] = g;
    google[t] = cents(g + P.stage1.noiseSd * googleRng.normal());
    if (google[t] < 0) {
      throw new RangeError(`week ${weeks[t]}: the stage-1 parameters give negative Google spend`);
    }
  }

  // Stage 2: expected revenue given the recorded inputs, then noise, then the corrupted weeks.
  const S2 = P.stage2;
  const googleAdstock = geometricAdstock(google, P.theta.google);
  const expected = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let r = S2.intercept + S2.google * googleAdstock[t] +
      S2.email.coef * hill(emails[t], S2.email.halfSaturation, S2.email.shape) +
      S2.sms.coef * hill(sms[t], S2.sms.halfSaturation, S2.sms.shape) +
      S2.price * price[t] + S2.promotion * promo[t] + S2.followers * followers[t] +
      S2.november * nov[t] + S2.december * dec[t];
    for (const s of SOCIAL_CHANNELS) r += S2.direct[s] * socialAdstock[s][t];
    expected[t] = r;
  }
  const revenueRng = new Random(seed, "weekly/revenue");
  const uncorrupted = Float64Array.from(expected, (e) => cents(e + S2.noiseSd * revenueRng.normal()));
  const revenue = Float64Array.from(uncorrupted);
  const outliers: OutlierTruth[] = P.outliers.map((o) => {
    revenue[o.index] = cents(uncorrupted[o.index] * o.factor);
    return {
      week: weeks[o.index],
      index: o.index,
      kind: o.kind,
      note: o.note,
      factor: o.factor,
      expectedRevenue: expected[o.index],
      uncorruptedRevenue: uncorrupted[o.index],
      recordedRevenue: revenue[o.index],
    };
  });
  const isOutlier = (t: number) => P.outliers.some((o) => o.index === t);

  // CSV
  const lines = [WEEKLY_HEADER.join(",")];
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
    ].join(","));
  }

  // Counterfactual truth on the noise-free expected values (sums over the sample's weeks).
  const meanRevenue = mean(revenue);
  const meanPrice = mean(price);
  const thetaG = P.theta.google;
  const socialTruth = {} as Record<SocialChannel, SocialContributionTruth>;
  for (const s of SOCIAL_CHANNELS) {
    const spend = sum(social[s]);
    const direct = S2.direct[s] * sum(socialAdstock[s]);
    const viaGoogle = S2.google * sum(geometricAdstock(scaled(socialAdstock[s], P.stage1.coef[s]), thetaG));
    // Zeroing channel s lowers followers by perDollar × its cumulative spend in every later week.
    let cumulative = 0, lostFollowerWeeks = 0;
    for (let t = 0; t < n; t++) lostFollowerWeeks += cumulative += social[s][t];
    const viaFollowers = S2.followers * P.followers.perDollar * lostFollowerWeeks;
    const contribution = direct + viaGoogle;
    const all = contribution + viaFollowers;
    socialTruth[s] = {
      spend,
      direct,
      viaGoogle,
      viaFollowers,
      contribution,
      roi: contribution / spend,
      contributionAllPaths: all,
      roiAllPaths: all / spend,
      directPerDollarLongRun: S2.direct[s] / (1 - P.theta[s]),
      googlePerDollarLongRun: P.stage1.coef[s] / (1 - P.theta[s]),
      indirectPerDollarLongRun: (P.stage1.coef[s] * S2.google) / ((1 - P.theta[s]) * (1 - thetaG)),
    };
  }
  const googleSpend = sum(google);
  const googleContribution = S2.google * sum(googleAdstock);
  const sendsTruth = (x: Float64Array, h: HillTruth): SendsContributionTruth => {
    const contribution = h.coef * sum(Array.from(x, (v) => hill(v, h.halfSaturation, h.shape)));
    return { sends: sum(x), contribution, contributionPerThousandSends: (1000 * contribution) / sum(x) };
  };

  const truth: WeeklyTruth = {
    file: "data/mmm_weekly.csv",
    rows: n,
    firstWeek: weeks[0],
    lastWeek: weeks[n - 1],
    adstock: {
      facebook: adstockTruth(P.theta.facebook),
      tiktok: adstockTruth(P.theta.tiktok),
      instagram: adstockTruth(P.theta.instagram),
      snapchat: adstockTruth(P.theta.snapchat),
      google: adstockTruth(P.theta.google),
    },
    stage1: {
      intercept: P.stage1.intercept,
      coef: { ...P.stage1.coef },
      november: P.stage1.november,
      december: P.stage1.december,
      noiseSd: P.stage1.noiseSd,
      r2: rSquared(google, googleExpected, () => true),
    },
    stage2: {
      intercept: S2.intercept,
      google: S2.google,
      direct: { ...S2.direct },
      email: { ...S2.email },
      sms: { ...S2.sms },
      price: S2.price,
      promotion: S2.promotion,
      followers: S2.followers,
      november: S2.november,
      december: S2.december,
      noiseSd: S2.noiseSd,
      r2: rSquared(revenue, expected, (t) => !isOutlier(t)),
      r2WithOutliers: rSquared(revenue, expected, () => true),
    },
    means: { revenue: meanRevenue, expectedRevenue: mean(expected), price: meanPrice },
    priceElasticityAtMeans: (S2.price * meanPrice) / meanRevenue,
    promotionLift: {
      absolute: S2.promotion,
      percentOfMeanRevenue: (100 * S2.promotion) / meanRevenue,
      weeks: sum(promo),
    },
    followersProcess: { ...P.followers },
    outliers,
    zeroSpend: Object.fromEntries(
      SOCIAL_CHANNELS.map((s) => [s, P.spend.off[s].map(([a, b]) => ({ from: weeks[a], to: weeks[b] }))]),
    ) as Record<SocialChannel, { from: string; to: string }[]>,
    correlationFacebookGoogle: correlation(social.facebook, google),
    contributions: {
      social: socialTruth,
      google: {
        spend: googleSpend,
        contribution: googleContribution,
        roi: googleContribution / googleSpend,
        perDollarLongRun: S2.google / (1 - thetaG),
      },
      email: sendsTruth(emails, S2.email),
      sms: sendsTruth(sms, S2.sms),
      promotions: { contribution: S2.promotion * sum(promo) },
    },
  };
  return { csv: lines.join("\n") + "\n", truth };
}

// ---------------------------------------------------------------------------------------------------------
// Geo panel
// ---------------------------------------------------------------------------------------------------------

/** On/off flights: on for 4..10 weeks, off for 1..4 weeks, starting on or off at random. */
function flights(rng: Random, n: number): Uint8Array {
  const on = new Uint8Array(n);
  let t = 0, state = rng.uniform() < 0.7 ? 1 : 0;
  while (t < n) {
    const length = state ? rng.integer(4, 10) : rng.integer(1, 4);
    for (let i = 0; i < length && t < n; i++, t++) on[t] = state;
    state = 1 - state;
  }
  return on;
}

function generateGeo(seed: number): { csv: string; truth: GeoTruth } {
  const P = GEO;
  const n = P.weeks;
  const dates = mondays(P.start, n);
  const months = dates.map(monthOf);
  const geoNames = Array.from({ length: P.geos }, (_, g) => `geo_${String(g + 1).padStart(2, "0")}`);

  // Radio goes dark for a stretch in the first `radioOffGeos` geos of a random permutation.
  const pick = new Random(seed, "geo/radio-off");
  const perm = Array.from({ length: P.geos }, (_, g) => g);
  for (let i = P.geos - 1; i > 0; i--) {
    const j = pick.integer(0, i);
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  const radioOffStart = new Map<number, number>();
  for (const g of perm.slice(0, P.radioOffGeos).sort((a, b) => a - b)) {
    radioOffStart.set(g, pick.integer(20, n - P.radioOffLength - 10));
  }

  // Common sentiment shock shared by all geos.
  const sentimentCommon = ar1(
    new Random(seed, "geo/sentiment/common"),
    n,
    P.sentiment.ar,
    P.sentiment.commonSd,
  );

  const lines = [GEO_HEADER.join(",")];
  const spendTotal = Object.fromEntries(GEO_CHANNELS.map((c) => [c, 0])) as Record<GeoChannel, number>;
  const contribution = Object.fromEntries(GEO_CHANNELS.map((c) => [c, 0])) as Record<GeoChannel, number>;
  const fixedEffects: Record<string, number> = {};
  const baselines: Record<string, number> = {};
  const noiseSd: Record<string, number> = {};
  const growth: Record<string, number> = {};
  const radioOff: { geo: string; from: string; to: string }[] = [];
  const allSales: number[] = [], allExpected: number[] = [];
  let ssrWithin = 0, sstWithin = 0;

  for (let g = 0; g < P.geos; g++) {
    const geo = geoNames[g];
    const rng = new Random(seed, `geo/${geo}/size`);
    const pop0 = Math.min(
      P.population.max,
      Math.max(P.population.min, P.population.median * Math.exp(P.population.logSd * rng.normal())),
    );
    const rate = P.population.growthMin + (P.population.growthMax - P.population.growthMin) * rng.uniform();
    const population = Float64Array.from(dates, (_, t) => Math.round(pop0 * (1 + rate) ** (t / 52)));
    const alpha = P.fixedEffect.perCapita * population[0] * Math.exp(P.fixedEffect.logSd * rng.normal());
    const sigma = P.noiseSdPerMillion * Math.sqrt(population[0] / 1e6);
    fixedEffects[geo] = alpha;
    baselines[geo] = alpha + P.gamma.population * mean(population);
    noiseSd[geo] = sigma;
    growth[geo] = rate;

    // Media spend, impressions and their saturated adstock (per geo: adstock starts at zero here).
    const spend = {} as Record<GeoChannel, Float64Array>;
    const impressions = {} as Record<GeoChannel, Float64Array>;
    const media = new Float64Array(n);
    for (const c of GEO_CHANNELS) {
      const r = new Random(seed, `geo/${geo}/${c}`);
      const geoTaste = Math.exp(0.3 * r.normal());
      const on = c === "tv" || c === "print" ? flights(r, n) : new Uint8Array(n).fill(1);
      if (c === "radio" && radioOffStart.has(g)) {
        const from = radioOffStart.get(g)!;
        on.fill(0, from, from + P.radioOffLength);
        radioOff.push({ geo, from: dates[from], to: dates[from + P.radioOffLength - 1] });
      }
      const x = new Float64Array(n), imp = new Float64Array(n);
      for (let t = 0; t < n; t++) {
        const m = months[t];
        const season = c === "search" ? (m >= 11 ? 1.3 : 1) : c === "tv" ? (m >= 10 ? 1.25 : 1) : 1;
        const noise = Math.exp(P.spendLogSd[c] * r.normal());
        x[t] = on[t] ? cents(P.perCapita[c] * population[t] * geoTaste * season * noise) : 0;
        const impNoise = Math.exp(P.impressionLogSd * r.normal());
        imp[t] = x[t] > 0 ? Math.round((x[t] / P.cpm[c]) * 1000 * impNoise) : 0;
      }
      spend[c] = x;
      impressions[c] = imp;
      const ad = geometricAdstock(x, P.theta[c]);
      let effect = 0;
      for (let t = 0; t < n; t++) {
        const e = P.beta[c] * Math.log1p(ad[t] / P.scale[c]);
        media[t] += e;
        effect += e;
      }
      spendTotal[c] += sum(x);
      contribution[c] += effect;
    }

    // Controls.
    const compRng = new Random(seed, `geo/${geo}/competitor`);
    const phase = 2 * Math.PI * compRng.uniform();
    const compDev = ar1(compRng, n, P.competitor.ar, P.competitor.sd);
    const competitor = Float64Array.from(dates, (_, t) =>
      cents(
        P.competitor.perCapita * population[0] *
          (1 + P.competitor.seasonal * Math.sin((2 * Math.PI * t) / 52 + phase) + compDev[t]),
      ));
    const sentDev = ar1(new Random(seed, `geo/${geo}/sentiment`), n, P.sentiment.ar, P.sentiment.geoSd);
    const sentiment = Float64Array.from(
      dates,
      (_, t) => cents(Math.min(100, Math.max(0, P.sentiment.mean + sentimentCommon[t] + sentDev[t]))),
    );

    // Sales.
    const noiseRng = new Random(seed, `geo/${geo}/sales`);
    const expected = new Float64Array(n), sales = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      expected[t] = alpha + media[t] + P.gamma.population * population[t] +
        P.gamma.competitor * competitor[t] +
        P.gamma.sentiment * sentiment[t] + P.month[months[t] - 1];
      sales[t] = cents(expected[t] + sigma * noiseRng.normal());
    }
    const ms = mean(sales);
    for (let t = 0; t < n; t++) {
      ssrWithin += (sales[t] - expected[t]) ** 2;
      sstWithin += (sales[t] - ms) ** 2;
      allSales.push(sales[t]);
      allExpected.push(expected[t]);
    }

    for (let t = 0; t < n; t++) {
      lines.push([
        geo,
        dates[t],
        ...GEO_CHANNELS.map((c) => spend[c][t].toFixed(2)),
        ...GEO_CHANNELS.map((c) => String(impressions[c][t])),
        String(population[t]),
        competitor[t].toFixed(2),
        sentiment[t].toFixed(2),
        sales[t].toFixed(2),
      ].join(","));
    }
  }

  const channels = {} as Record<GeoChannel, GeoChannelTruth>;
  for (const c of GEO_CHANNELS) {
    channels[c] = {
      theta: P.theta[c],
      halfLifeWeeks: Math.log(0.5) / Math.log(P.theta[c]),
      scale: P.scale[c],
      beta: P.beta[c],
      cpm: P.cpm[c],
      spend: spendTotal[c],
      contribution: contribution[c],
      roi: contribution[c] / spendTotal[c],
    };
  }
  const truth: GeoTruth = {
    file: "data/mmm_geo.csv",
    rows: P.geos * n,
    geos: P.geos,
    weeks: n,
    firstWeek: dates[0],
    lastWeek: dates[n - 1],
    channels,
    gamma: { ...P.gamma },
    monthEffects: [...P.month],
    fixedEffects,
    baselines,
    noiseSd,
    populationGrowthPerYear: growth,
    radioOff: radioOff.sort((a, b) => a.geo.localeCompare(b.geo)),
    r2: rSquared(allSales, allExpected, () => true),
    r2Within: 1 - ssrWithin / sstWithin,
  };
  return { csv: lines.join("\n") + "\n", truth };
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Generates the bundled data and its ground truth, in memory, as a pure function of the seed.
 *
 * The national file follows the two-stage process
 * `google_t = g₀ + Σ_s a_s · adstock(social_s, θ_s)_t + q4 + ε₁` and
 * `revenue_t = b₀ + b_google · adstock(google, θ_g)_t + c_fb · adstock(facebook, θ_fb)_t + b_email · hill(emails_t)
 *  + b_sms · hill(sms_t) + b_price · price_t + b_promo · promo_t + b_followers · followers_t + q4 + ε₂`;
 * the geo file `sales = α_geo + Σ_c β_c · log1p(adstock(spend_c, θ_c) / scale_c) + γ · controls + month + ε`,
 * adstock per geo. Contributions in the truth are counterfactual differences of expected values
 * (see `data/README.md`).
 *
 * @param seed integer seed; {@link SEED} gives the bundled files
 * @example
 * const { weeklyCsv, truth } = generate(SEED);
 * weeklyCsv.split("\n")[0]; // "week,facebook_spend,google_spend,..."
 * truth.weekly.stage2.google; // 1.5
 */
export function generate(seed: number = SEED): Generated {
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const weekly = generateWeekly(seed);
  const geo = generateGeo(seed);
  const truth: Truth = { seed, generator: "data/generate.ts", weekly: weekly.truth, geo: geo.truth };
  return { weeklyCsv: weekly.csv, geoCsv: geo.csv, truth, truthJson: JSON.stringify(truth, null, 2) + "\n" };
}

if (import.meta.main) {
  const out = generate(SEED);
  const here = (name: string) => new URL(`./${name}`, import.meta.url);
  await Deno.writeTextFile(here("mmm_weekly.csv"), out.weeklyCsv);
  await Deno.writeTextFile(here("mmm_geo.csv"), out.geoCsv);
  await Deno.writeTextFile(here("truth.json"), out.truthJson);
  const w = out.truth.weekly;
  console.log(
    `wrote mmm_weekly.csv (${w.rows} rows), mmm_geo.csv (${out.truth.geo.rows} rows), truth.json (seed ${SEED}); ` +
      `corr(facebook, google) = ${w.correlationFacebookGoogle.toFixed(3)}, revenue R² = ${
        w.stage2.r2.toFixed(3)
      }`,
  );
}
