/**
 * The schema of the bundled data's ground truth (`data/truth.json`, documented field by field in
 * `data/README.md`): the generator (`data/generate.ts`) writes it and `loadTruth` reads it. It lives in lib so
 * that lib never imports the generator.
 *
 * @module
 */

/** Social channels of the national data (the columns are `<name>_spend`). */
export const SOCIAL_CHANNELS = ["facebook", "tiktok", "instagram", "snapchat"] as const;
/** A social channel of the national data. */
export type SocialChannel = typeof SOCIAL_CHANNELS[number];

/** Media channels of the geo panel (the columns are `<name>_spend` and `<name>_impressions`). */
export const GEO_CHANNELS = ["tv", "print", "search", "social", "radio"] as const;
/** A media channel of the geo panel. */
export type GeoChannel = typeof GEO_CHANNELS[number];

/** Carryover of one channel: `θ`, the half-life `ln 0.5 / ln θ` in weeks and the multiplier `1 / (1 - θ)`. */
export interface AdstockTruth {
  /** Geometric carryover θ in [0, 1). */
  readonly theta: number;
  /** Half-life `ln 0.5 / ln θ` in weeks. */
  readonly halfLifeWeeks: number;
  /** `1 / (1 − θ)`: a dollar's effect summed over all later weeks. */
  readonly longRunMultiplier: number;
}

/** Hill saturation `coef · x^shape / (x^shape + halfSaturation^shape)`, x in sends per week. */
export interface HillTruth {
  /** Maximum response `coef`. */
  readonly coef: number;
  /** Sends per week at which half the maximum is reached. */
  readonly halfSaturation: number;
  /** Hill exponent. */
  readonly shape: number;
}

/** Counterfactual truth for one national social channel (sums over the 104 weeks of the sample). */
export interface SocialContributionTruth {
  /** Total spend over the sample. */
  readonly spend: number;
  /** `c_s · Σ_t adstock(s, θ_s)_t`. */
  readonly direct: number;
  /** `b_google · Σ_t adstock(a_s · adstock(s, θ_s), θ_google)_t`. */
  readonly viaGoogle: number;
  /** Through the followers process (followers treated as a control by the two-stage model). */
  readonly viaFollowers: number;
  /** `direct + viaGoogle`: what a two-stage model with followers as a control estimates. */
  readonly contribution: number;
  /** `contribution / spend`. */
  readonly roi: number;
  /** `direct + viaGoogle + viaFollowers`: every path of the generator. */
  readonly contributionAllPaths: number;
  /** `contributionAllPaths / spend`. */
  readonly roiAllPaths: number;
  /** `c_s / (1 - θ_s)`: revenue per dollar through the direct path, carryover summed to infinity. */
  readonly directPerDollarLongRun: number;
  /** `a_s / (1 - θ_s)`: Google dollars per social dollar, carryover summed to infinity. */
  readonly googlePerDollarLongRun: number;
  /** `a_s · b_google / ((1 - θ_s)(1 - θ_google))`: revenue per dollar through Google, long run. */
  readonly indirectPerDollarLongRun: number;
}

/** Counterfactual truth for a channel measured in spend (Google). */
export interface SpendContributionTruth {
  /** Total spend over the sample. */
  readonly spend: number;
  /** Counterfactual contribution: revenue with the recorded spend minus revenue with the channel at zero. */
  readonly contribution: number;
  /** `contribution / spend`. */
  readonly roi: number;
}

/** Counterfactual truth for a channel measured in sends (email, SMS). */
export interface SendsContributionTruth {
  /** Total sends over the sample. */
  readonly sends: number;
  /** Counterfactual contribution: revenue with the recorded sends minus revenue with none. */
  readonly contribution: number;
  /** `1000 · contribution / sends`. */
  readonly contributionPerThousandSends: number;
}

/** A week whose recorded revenue was corrupted on purpose. */
export interface OutlierTruth {
  /** ISO date of the week. */
  readonly week: string;
  /** Row index of the week in the file. */
  readonly index: number;
  /** Kind of corruption. */
  readonly kind: string;
  /** What was done to the week, in words. */
  readonly note: string;
  /** Recorded revenue / revenue the process produced (expected value + noise). */
  readonly factor: number;
  /** Expected revenue of the week under the true model. */
  readonly expectedRevenue: number;
  /** Revenue the process produced (expected value + noise), before the corruption. */
  readonly uncorruptedRevenue: number;
  /** Revenue as recorded in the file. */
  readonly recordedRevenue: number;
}

/** Ground truth of `mmm_weekly.csv`. */
export interface WeeklyTruth {
  /** The data file this truth describes. */
  readonly file: string;
  /** Rows of the file. */
  readonly rows: number;
  /** ISO date of the first week. */
  readonly firstWeek: string;
  /** ISO date of the last week. */
  readonly lastWeek: string;
  /** Carryover of each social channel (stage 1) and of Google (stage 2). */
  readonly adstock: Readonly<Record<SocialChannel | "google", AdstockTruth>>;
  /** Stage 1, Google spend on adstocked social spend: coefficients, holiday dummies, noise and R². */
  readonly stage1: {
    readonly intercept: number;
    readonly coef: Readonly<Record<SocialChannel, number>>;
    readonly november: number;
    readonly december: number;
    readonly noiseSd: number;
    readonly r2: number;
  };
  /** Stage 2, revenue: coefficients of Google, the direct social paths, email and SMS (Hill), price, promotion, followers and holiday dummies; noise and R². */
  readonly stage2: {
    readonly intercept: number;
    readonly google: number;
    readonly direct: Readonly<Record<SocialChannel, number>>;
    readonly email: HillTruth;
    readonly sms: HillTruth;
    readonly price: number;
    readonly promotion: number;
    readonly followers: number;
    readonly november: number;
    readonly december: number;
    readonly noiseSd: number;
    readonly r2: number;
    readonly r2WithOutliers: number;
  };
  /** Means over the sample of recorded and expected revenue and of price. */
  readonly means: {
    readonly revenue: number;
    readonly expectedRevenue: number;
    readonly price: number;
  };
  /** `β_price · mean(price) / mean(revenue)`. */
  readonly priceElasticityAtMeans: number;
  /** Promotion lift: revenue per promotion week, as a percentage of mean revenue, and the number of promotion weeks. */
  readonly promotionLift: {
    readonly absolute: number;
    readonly percentOfMeanRevenue: number;
    readonly weeks: number;
  };
  /** `followers_t = start + organicPerWeek · t + perDollar · Σ_{u≤t} Σ_s social_s,u + random walk (sd walkSd)`. */
  readonly followersProcess: {
    readonly start: number;
    readonly organicPerWeek: number;
    readonly perDollar: number;
    readonly walkSd: number;
  };
  /** Weeks whose recorded revenue was corrupted on purpose. */
  readonly outliers: readonly OutlierTruth[];
  /** Stretches of zero spend per social channel (inclusive ISO weeks). */
  readonly zeroSpend: Readonly<
    Record<SocialChannel, readonly { readonly from: string; readonly to: string }[]>
  >;
  /** Correlation of Facebook and Google spend over the sample. */
  readonly correlationFacebookGoogle: number;
  /** Counterfactual contributions of every channel and of promotions. */
  readonly contributions: {
    readonly social: Readonly<Record<SocialChannel, SocialContributionTruth>>;
    readonly google: SpendContributionTruth & { readonly perDollarLongRun: number };
    readonly email: SendsContributionTruth;
    readonly sms: SendsContributionTruth;
    readonly promotions: { readonly contribution: number };
  };
}

/** Counterfactual truth for one geo-panel channel (sums over all geos and weeks). */
export interface GeoChannelTruth {
  /** Geometric carryover θ (adstock within each geo). */
  readonly theta: number;
  /** Half-life `ln 0.5 / ln θ` in weeks. */
  readonly halfLifeWeeks: number;
  /** Saturation scale in dollars of adstock: the response is `β · ln 2` at `adstock = scale`. */
  readonly scale: number;
  /** Coefficient β of `log1p(adstock / scale)`. */
  readonly beta: number;
  /** Cost per thousand impressions. */
  readonly cpm: number;
  /** Total spend over all geos and weeks. */
  readonly spend: number;
  /** Counterfactual contribution over all geos and weeks. */
  readonly contribution: number;
  /** `contribution / spend`. */
  readonly roi: number;
}

/** Ground truth of `mmm_geo.csv`. */
export interface GeoTruth {
  /** The data file this truth describes. */
  readonly file: string;
  /** Rows of the file (geos × weeks). */
  readonly rows: number;
  /** Number of geos. */
  readonly geos: number;
  /** Weeks per geo. */
  readonly weeks: number;
  /** ISO date of the first week. */
  readonly firstWeek: string;
  /** ISO date of the last week. */
  readonly lastWeek: string;
  /** Truth of each media channel. */
  readonly channels: Readonly<Record<GeoChannel, GeoChannelTruth>>;
  /** Coefficients of population, competitor sales and the sentiment index. */
  readonly gamma: { readonly population: number; readonly competitor: number; readonly sentiment: number };
  /** Month effects m_January … m_December, with m_January = 0 (the reference, inside α_geo). */
  readonly monthEffects: readonly number[];
  /** α_geo: the geo's level in January with every other term at its value (population included). */
  readonly fixedEffects: Readonly<Record<string, number>>;
  /** `α_geo + γ_population · mean_t(population)`: the geo's January level at its average population. */
  readonly baselines: Readonly<Record<string, number>>;
  /** Noise standard deviation of each geo: `noiseSdPerMillion · √(population in week 1 / 10⁶)`. */
  readonly noiseSd: Readonly<Record<string, number>>;
  /** Yearly population growth rate of each geo. */
  readonly populationGrowthPerYear: Readonly<Record<string, number>>;
  /** Geos and weeks (inclusive ISO dates) in which radio is dark. */
  readonly radioOff: readonly { readonly geo: string; readonly from: string; readonly to: string }[];
  /** 1 − SSR/SST of the true model over all rows. */
  readonly r2: number;
  /** The same with SST taken around each geo's mean. */
  readonly r2Within: number;
}

/** Everything in `truth.json`. */
export interface Truth {
  /** Seed of the generator's random numbers. */
  readonly seed: number;
  /** The generator that wrote the files. */
  readonly generator: string;
  /** Truth of the weekly national data. */
  readonly weekly: WeeklyTruth;
  /** Truth of the geo panel. */
  readonly geo: GeoTruth;
}
