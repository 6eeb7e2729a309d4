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
  readonly theta: number;
  readonly halfLifeWeeks: number;
  readonly longRunMultiplier: number;
}

/** Hill saturation `coef · x^shape / (x^shape + halfSaturation^shape)`, x in sends per week. */
export interface HillTruth {
  readonly coef: number;
  readonly halfSaturation: number;
  readonly shape: number;
}

/** Counterfactual truth for one national social channel (sums over the 104 weeks of the sample). */
export interface SocialContributionTruth {
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
  readonly spend: number;
  readonly contribution: number;
  readonly roi: number;
}

/** Counterfactual truth for a channel measured in sends (email, SMS). */
export interface SendsContributionTruth {
  readonly sends: number;
  readonly contribution: number;
  readonly contributionPerThousandSends: number;
}

/** A week whose recorded revenue was corrupted on purpose. */
export interface OutlierTruth {
  readonly week: string;
  readonly index: number;
  readonly kind: string;
  readonly note: string;
  /** Recorded revenue / revenue the process produced (expected value + noise). */
  readonly factor: number;
  readonly expectedRevenue: number;
  readonly uncorruptedRevenue: number;
  readonly recordedRevenue: number;
}

/** Ground truth of `mmm_weekly.csv`. */
export interface WeeklyTruth {
  readonly file: string;
  readonly rows: number;
  readonly firstWeek: string;
  readonly lastWeek: string;
  readonly adstock: Readonly<Record<SocialChannel | "google", AdstockTruth>>;
  readonly stage1: {
    readonly intercept: number;
    readonly coef: Readonly<Record<SocialChannel, number>>;
    readonly november: number;
    readonly december: number;
    readonly noiseSd: number;
    readonly r2: number;
  };
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
  readonly means: {
    readonly revenue: number;
    readonly expectedRevenue: number;
    readonly price: number;
  };
  readonly priceElasticityAtMeans: number;
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
  readonly outliers: readonly OutlierTruth[];
  /** Stretches of zero spend per social channel (inclusive ISO weeks). */
  readonly zeroSpend: Readonly<
    Record<SocialChannel, readonly { readonly from: string; readonly to: string }[]>
  >;
  readonly correlationFacebookGoogle: number;
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
  readonly theta: number;
  readonly halfLifeWeeks: number;
  readonly scale: number;
  readonly beta: number;
  readonly cpm: number;
  readonly spend: number;
  readonly contribution: number;
  readonly roi: number;
}

/** Ground truth of `mmm_geo.csv`. */
export interface GeoTruth {
  readonly file: string;
  readonly rows: number;
  readonly geos: number;
  readonly weeks: number;
  readonly firstWeek: string;
  readonly lastWeek: string;
  readonly channels: Readonly<Record<GeoChannel, GeoChannelTruth>>;
  readonly gamma: { readonly population: number; readonly competitor: number; readonly sentiment: number };
  readonly monthEffects: readonly number[];
  /** α_geo: the geo's level in January with every other term at its value (population included). */
  readonly fixedEffects: Readonly<Record<string, number>>;
  /** `α_geo + γ_population · mean_t(population)`: the geo's January level at its average population. */
  readonly baselines: Readonly<Record<string, number>>;
  /** Noise standard deviation of each geo: `noiseSdPerMillion · √(population in week 1 / 10⁶)`. */
  readonly noiseSd: Readonly<Record<string, number>>;
  readonly populationGrowthPerYear: Readonly<Record<string, number>>;
  readonly radioOff: readonly { readonly geo: string; readonly from: string; readonly to: string }[];
  readonly r2: number;
  readonly r2Within: number;
}

/** Everything in `truth.json`. */
export interface Truth {
  readonly seed: number;
  readonly generator: string;
  readonly weekly: WeeklyTruth;
  readonly geo: GeoTruth;
}
