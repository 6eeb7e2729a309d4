/**
 * A corpus of input files with the characteristics marketing teams bring, for running the whole report on
 * each (`tests/corpus/corpus_run.ts`).
 *
 * Every entry is a folder with a national weekly file, a geo panel and, where the columns differ from the
 * defaults, a roles file: the pair the report needs. Each entry changes one thing (or one declared set of
 * things, such as a BOM with CRLF line endings) from a clean baseline, so that a failure points at its
 * cause; the other file of the pair is a clean companion (104 national weeks in the default schema, or 24 geos
 * × 104 weeks with growing populations), the same in every entry. The geo companion has more geos than the small
 * panels under test because the geo model needs more geos than coefficients for its cluster-robust covariance to
 * be of full rank (with 8 geos notebook 05 failed on the first corpus run); the small panels test that case.
 *
 * The data come from a plausible process, not from the models the notebooks fit: media act through
 * geometric adstock and a concave saturation (`κ · log1p(adstock / κ)` or Hill), beside yearly seasonality,
 * Q4 peaks, price, promotions, controls and noise. Every structural parameter (carryover, saturation,
 * return per dollar, baseline, noise) is drawn at random from {@link CORPUS_SEED} and the entry's name and
 * written to the entry's `truth.json`. The seed was fixed once, before any notebook ran on the corpus, and
 * is never chosen for how results look.
 *
 * Each entry carries expectations: regular expressions that the text of an executed notebook's outputs must
 * (or, with `absent`, must not) match. They name key words, not exact sentences, so that the notebooks can
 * word things their own way.
 *
 * Usage: `deno run --allow-write data/corpus.ts OUT_DIR` writes the corpus and `OUT_DIR/corpus.json`.
 *
 * @module
 */
import { geometricAdstock } from "../lib/features/adstock.ts";
import { xoshiro128ss } from "../lib/stats/random.ts";
import { ar1, DAY_MS, mean, mondays, monthOf, sum } from "./series.ts";

/** Seed of the whole corpus. Fixed once; each entry draws from its own stream (its name), so entries are independent. */
export const CORPUS_SEED = 1;

/** A statement an executed notebook must (or, with `absent`, must not) make. */
export interface Expectation {
  /** Notebook name or its number prefix, e.g. `"05"` or `"05_geo_ols"`. */
  readonly notebook: string;
  /**
   * Source of a regular expression searched in the concatenated `text/plain`, `text/markdown` and
   * `text/html` of every output of the notebook (HTML writes `$` as `&#36;`).
   */
  readonly pattern: string;
  /** RegExp flags (default `"i"`). */
  readonly flags?: string;
  /** When true the pattern must NOT match. */
  readonly absent?: boolean;
  /** What is expected, in words (printed when it fails). */
  readonly description: string;
}

/** One input case: files for `deno task report`, what it tests, and what the notebooks should say. */
export interface CorpusEntry {
  readonly name: string;
  /** National weekly CSV (`--weekly`). */
  readonly weekly?: string;
  /** Geo panel CSV (`--geo`). */
  readonly geo?: string;
  /** Roles JSON (`--roles`), where the columns differ from the defaults. */
  readonly roles?: string;
  /** The characteristic under test, in words. */
  readonly description: string;
  readonly expectations: readonly Expectation[];
}

/**
 * Expectations every notebook of every entry must meet: no `NaN`, `Infinity`, `undefined` or
 * `[object Object]` in what a reader sees (a missing value should read "n/a", with a reason).
 */
export const COMMON_EXPECTATIONS: readonly Omit<Expectation, "notebook">[] = [
  {
    pattern: String.raw`\bNaN\b|\bInfinity\b|\bundefined\b|\[object Object\]`,
    flags: "",
    absent: true,
    description: "no NaN, Infinity, undefined or [object Object] in the outputs",
  },
];

// ---------------------------------------------------------------------------------------------------------
// Pattern helpers. A "sentence" is a run of at most 240 characters that crosses no sentence end (a period
// followed by white space or a tag; decimals such as 0.77 stay inside), no blank line, no table cell (`|`,
// `<td`, `<th`, `<tr`), no paragraph, list item or heading tag, and no run of two spaces (text tables pad their
// columns), so key words in different table cells, rows or list items never count as one sentence.
// ---------------------------------------------------------------------------------------------------------

const SENTENCE_GAP = String
  .raw`(?:(?! {2}|<(?:t[dhr]|/?(?:p|li|ul|ol|div|h\d|br|caption))\b|\n\n)[^.|]|\.(?![\s<])){0,240}?`;

/** All `parts` (regex sources) in one sentence, in any order. */
export function sameSentence(...parts: string[]): string {
  const orders: string[][] = [];
  const permute = (rest: string[], done: string[]) => {
    if (rest.length === 0) orders.push(done);
    rest.forEach((p, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...done, p]));
  };
  permute(parts, []);
  return orders.map((o) => o.map((p) => `(?:${p})`).join(SENTENCE_GAP)).join("|");
}

/** A dollar sign as the outputs write it: `$` in text, `&#36;` in HTML. */
const DOLLAR = String.raw`(?:\$|&#36;)`;
/** A money amount such as `$1.2M`, `−$9,859`, `&#36;26,307`. */
const MONEY = String.raw`[−-]?${DOLLAR}[\d.,]+[KMB]?`;
/** Words saying a validation could not be run. */
/**
 * Words saying that a short sample limits validation: it is not possible, skipped, or adapted (folds on half
 * the data, months a fold has not seen). "too few" alone is not enough: it must be weeks or data.
 */
const NO_VALIDATION = String.raw`not possible|impossible|cannot|can't|could not|skip\w*|not run|too short|` +
  String
    .raw`too few (?:weeks|rows|periods|dates)|not enough (?:weeks|rows|data|history)|needs? more|requires? more|` +
  String.raw`half the data|(?:not|never) (?:yet )?seen|only one year|a single year|less than (?:a|one) year`;
/** Words saying a quantity cannot be estimated. */
const NOT_ESTIMABLE = String
  .raw`(?:cannot|can't|could not|can not) be (?:estimated|computed|identified)|not (?:estimated|estimable|identified)|no (?:price|promotion) column|not mapped|skip\w*`;

// ---------------------------------------------------------------------------------------------------------
// Random numbers: lib's xoshiro128** with one stream per label (FNV-1a of the label), normals by Box-Muller.
// ---------------------------------------------------------------------------------------------------------

/** A labelled, seeded stream of random numbers. */
export class Rng {
  readonly #next: () => number;

  constructor(seed: number, label: string) {
    let h = 0x811c9dc5;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
    this.#next = xoshiro128ss(seed >>> 0, h);
  }

  /** Uniform on (0, 1). */
  uniform(): number {
    return (this.#next() + 0.5) / 4294967296;
  }

  /** Uniform on (lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Integer uniform on lo..hi inclusive. */
  integer(lo: number, hi: number): number {
    return lo + Math.floor(this.uniform() * (hi - lo + 1));
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(this.uniform())) * Math.cos(2 * Math.PI * this.uniform());
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.uniform() < p;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------

/** Fraction of the year elapsed at an ISO date, in [0, 1). */
const yearPhase = (iso: string): number => {
  const d = Date.parse(`${iso}T00:00:00Z`);
  const y0 = Date.UTC(Number(iso.slice(0, 4)), 0, 1);
  return (d - y0) / (365.25 * DAY_MS);
};

const median = (x: ArrayLike<number>): number => {
  const s = Array.from(x).sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** `on` flags for `count` of `n` weeks, placed in bursts of `minLength`–`maxLength` weeks at random starts. */
function bursts(rng: Rng, n: number, count: number, minLength: number, maxLength: number): boolean[] {
  const on = new Array<boolean>(n).fill(false);
  let covered = 0;
  while (covered < count) {
    const start = rng.integer(0, n - 1);
    const length = Math.min(rng.integer(minLength, maxLength), count - covered);
    for (let t = start; t < Math.min(n, start + length) && covered < count; t++) {
      if (!on[t]) {
        on[t] = true;
        covered++;
      }
    }
  }
  return on;
}

/** Concave saturation `κ · log1p(x / κ)`: slope 1 at zero, half of that slope at `x = κ`. */
const logSaturation = (x: number, kappa: number): number => kappa * Math.log1p(x / kappa);
/** Hill saturation `x^s / (x^s + k^s)`, in [0, 1). */
const hill = (x: number, k: number, s: number): number => (x <= 0 ? 0 : x ** s / (x ** s + k ** s));

/** A table as CSV text: numbers written with the given decimals per column, `\n` or `\r\n`, optional BOM. */
interface CsvColumn {
  readonly name: string;
  readonly values: readonly (number | string)[] | Float64Array;
  /** Decimals for numbers (0 = integer). */
  readonly digits?: number;
}

function toCsv(columns: readonly CsvColumn[], options: { crlf?: boolean; bom?: boolean } = {}): string {
  const eol = options.crlf ? "\r\n" : "\n";
  const n = columns[0].values.length;
  const lines = [columns.map((c) => c.name).join(",")];
  for (let i = 0; i < n; i++) {
    lines.push(
      columns.map((c) => {
        const v = c.values[i];
        if (typeof v === "string") return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
        const fixed = v.toFixed(c.digits ?? 2);
        return fixed === "-0" || /^-0\.0*$/.test(fixed) ? fixed.slice(1) : fixed;
      }).join(","),
    );
  }
  return (options.bom ? "\uFEFF" : "") + lines.join(eol) + eol;
}

// ---------------------------------------------------------------------------------------------------------
// National weekly process
// ---------------------------------------------------------------------------------------------------------

/** What varies between national weekly files. */
export interface WeeklyOptions {
  readonly weeks: number;
  /** First Monday, ISO. */
  readonly start: string;
  /** Social spend columns (they drive Google spend when there is a mediator). */
  readonly social: readonly string[];
  /** A `google_spend` column driven by social spend (the mediator); without it social acts on revenue directly. */
  readonly mediator: boolean;
  /** `average_price` and `promotions` columns. */
  readonly pricePromo: boolean;
  /** Multiplier on every money amount (spend, revenue). */
  readonly money?: number;
  /** Share of weeks in which `sms_send` is zero (SMS sent in short campaigns only). */
  readonly smsZeroShare?: number;
  /** Copy the first column's values into the second (an export that duplicated a column). */
  readonly identical?: readonly [string, string];
  /** Weeks per year the shop is closed (off-season): revenue near zero, paid social paused. */
  readonly closedWeeksPerYear?: number;
  readonly crlf?: boolean;
  readonly bom?: boolean;
}

/** True parameters of a weekly file (written to `truth.json`). */
interface WeeklyTruth {
  readonly [key: string]: unknown;
}

function generateWeekly(label: string, o: WeeklyOptions): { csv: string; truth: WeeklyTruth } {
  const rng = (part: string) => new Rng(CORPUS_SEED, `${label}/weekly/${part}`);
  const n = o.weeks;
  const money = o.money ?? 1;
  const weeks = mondays(o.start, n);
  const q4 = weeks.map((w) => monthOf(w) >= 11);
  const nov = weeks.map((w) => monthOf(w) === 11 ? 1 : 0);
  const dec = weeks.map((w) => monthOf(w) === 12 ? 1 : 0);

  // Off-season: one contiguous block per calendar year, starting in the first week of the year.
  const closed = new Array<boolean>(n).fill(false);
  if (o.closedWeeksPerYear) {
    const k = o.closedWeeksPerYear;
    const offset = rng("closed").integer(0, 2);
    for (let t = 0; t < n; t++) {
      const weekOfYear = Math.floor(yearPhase(weeks[t]) * 52.18);
      closed[t] = weekOfYear >= offset && weekOfYear < offset + k;
    }
  }

  // Social spend: lognormal level × AR(1) log deviations × a Q4 lift, with an occasional dark stretch.
  const social: Record<string, Float64Array> = {};
  const socialTruth: Record<string, unknown> = {};
  for (const name of o.social) {
    const r = rng(`spend/${name}`);
    const level = Math.exp(r.between(Math.log(2000), Math.log(15000))) * money;
    const dev = ar1(r, n, r.between(0.3, 0.7), r.between(0.25, 0.5));
    const lift = r.between(1, 1.6);
    const dark = r.chance(0.5) ? [r.integer(0, n - 9), r.integer(2, 8)] : undefined;
    social[name] = Float64Array.from(weeks, (_, t) => {
      const off = closed[t] || (dark !== undefined && t >= dark[0] && t < dark[0] + dark[1]);
      return off ? 0 : round(level * Math.exp(dev[t]) * (q4[t] ? lift : 1), 2);
    });
    socialTruth[name] = { theta: round(r.between(0.1, 0.7), 3), q4Lift: round(lift, 3) };
  }
  if (o.identical) social[o.identical[1]] = Float64Array.from(social[o.identical[0]]);

  // Promotions: about 15% of open weeks; price: AR(1) around a base, cut in promotion weeks.
  const promoRng = rng("promotions");
  const promo = Float64Array.from(weeks, (_, t) => !closed[t] && promoRng.chance(0.15) ? 1 : 0);
  const priceRng = rng("price");
  const basePrice = priceRng.between(20, 80);
  const priceDev = ar1(priceRng, n, 0.6, 0.015 * basePrice);
  const cut = priceRng.between(0.05, 0.15);
  const price = Float64Array.from(weeks, (_, t) => round(basePrice * (1 - cut * promo[t]) + priceDev[t], 2));

  // Emails and SMS: lognormal sends, more in promotion weeks and in Q4.
  const sends = (part: string, lo: number, hi: number) => {
    const r = rng(part);
    const base = r.between(lo, hi);
    return Float64Array.from(weeks, (_, t) =>
      Math.round(
        base * Math.exp(0.3 * r.normal()) * (q4[t] ? 1.2 : 1) * (closed[t] ? 0.2 : 1) * (1 + 0.4 * promo[t]),
      ));
  };
  const emails = sends("emails", 50000, 150000);
  const sms = sends("sms", 8000, 25000);
  if (o.smsZeroShare) {
    // Campaign weeks only: bursts of 1–3 weeks.
    const on = bursts(rng("sms-campaigns"), n, Math.round((1 - o.smsZeroShare) * n), 1, 3);
    for (let t = 0; t < n; t++) if (!on[t]) sms[t] = 0;
  }

  // Followers: organic growth, growth from cumulative social spend, a random walk.
  const followRng = rng("followers");
  const followers = new Float64Array(n);
  {
    const start = followRng.between(10000, 100000), organic = followRng.between(50, 300);
    const perDollar = followRng.between(0.002, 0.01) / money;
    let cumulative = 0, walk = 0;
    for (let t = 0; t < n; t++) {
      for (const name of o.social) cumulative += social[name][t];
      walk += 0.004 * start * followRng.normal();
      followers[t] = Math.max(0, Math.round(start + organic * t + perDollar * cumulative + walk));
    }
  }

  // Stage 1 (mediator): Google spend from adstocked social spend plus brand demand, Q4 and noise.
  const adstocked: Record<string, Float64Array> = {};
  for (const name of o.social) {
    adstocked[name] = geometricAdstock(social[name], (socialTruth[name] as { theta: number }).theta);
  }
  let google: Float64Array | undefined;
  const stage1: Record<string, number> = {};
  if (o.mediator) {
    const r = rng("google");
    const brand = r.between(3000, 9000) * money;
    let driven = 0;
    for (const name of o.social) {
      stage1[name] = round(r.between(0.05, 0.45), 3);
      driven += stage1[name] * mean(adstocked[name]);
    }
    const noise = r.between(0.06, 0.12) * (brand + driven);
    const q4Bump = r.between(0.1, 0.3) * (brand + driven);
    google = Float64Array.from(weeks, (_, t) => {
      let g = brand + (q4[t] ? q4Bump : 0);
      for (const name of o.social) g += stage1[name] * adstocked[name][t];
      g += noise * r.normal();
      return round(closed[t] ? 0.05 * brand * (1 + 0.2 * r.uniform()) : Math.max(0.1 * brand, g), 2);
    });
    stage1.brand = round(brand, 2);
  }

  // Stage 2: revenue. Each paid channel's return per dollar is drawn, and its coefficient set so that the
  // noise-free contribution over the sample equals return × spend.
  const r = rng("revenue");
  const base = r.between(200000, 400000) * money;
  const expected = new Float64Array(n).fill(base);
  const channelTruth: Record<string, unknown> = {};
  const addMedia = (name: string, spend: Float64Array, roi: number, theta: number) => {
    const a = geometricAdstock(spend, theta);
    const kappa = Math.max(1, mean(a) * r.between(0.5, 2));
    const shaped = Float64Array.from(a, (v) => logSaturation(v, kappa));
    const total = sum(shaped);
    const beta = total > 0 ? (roi * sum(spend)) / total : 0;
    for (let t = 0; t < n; t++) expected[t] += beta * shaped[t];
    channelTruth[name] = { theta: round(theta, 3), kappa: round(kappa, 2), roi: round(roi, 3) };
  };
  if (google) addMedia("google_spend", google, r.between(1, 3), r.between(0.1, 0.6));
  for (const name of o.social) {
    const theta = (socialTruth[name] as { theta: number }).theta;
    const roi = google ? (r.chance(0.5) ? r.between(0.1, 1) : 0) : r.between(0.5, 3);
    addMedia(name, social[name], roi, theta);
  }
  const direct = (name: string, x: Float64Array, share: number) => {
    const positive = Array.from(x).filter((v) => v > 0);
    const k = median(positive.length ? positive : [1]) * r.between(0.7, 1.5);
    const s = r.between(1, 2.5);
    const coef = share * base * 2;
    for (let t = 0; t < n; t++) expected[t] += coef * hill(x[t], k, s);
    channelTruth[name] = {
      hill: { coef: round(coef, 2), halfSaturation: Math.round(k), shape: round(s, 3) },
    };
  };
  direct("emails_send", emails, r.between(0.03, 0.1));
  direct("sms_send", sms, r.between(0.02, 0.06));
  const elasticity = r.between(-2, -0.5), lift = r.between(0.03, 0.1);
  if (o.pricePromo) {
    const meanPrice = mean(price);
    for (let t = 0; t < n; t++) {
      expected[t] += base * elasticity * (price[t] / meanPrice - 1) + base * lift * promo[t];
    }
  }
  const fMean = mean(followers), fSd = Math.sqrt(mean(Array.from(followers, (v) => (v - fMean) ** 2))) || 1;
  const followerEffect = r.between(0, 0.05);
  const amplitude = r.between(0.03, 0.1), phase = r.between(0, 2 * Math.PI);
  const novemberLift = r.between(0.03, 0.08), decemberLift = r.between(0.06, 0.15);
  for (let t = 0; t < n; t++) {
    expected[t] += base * followerEffect * (followers[t] - fMean) / fSd;
    expected[t] += base * amplitude * Math.sin(2 * Math.PI * yearPhase(weeks[t]) + phase);
    expected[t] += base * (novemberLift * nov[t] + decemberLift * dec[t]);
  }
  const noiseShare = r.between(0.03, 0.06);
  const revenue = Float64Array.from(expected, (e, t) =>
    round(
      closed[t] ? base * 0.01 * r.uniform() : Math.max(0.2 * base, e + noiseShare * base * r.normal()),
      2,
    ));

  // The usual seed schema's column order (not the bundled file's).
  const columns: CsvColumn[] = [{ name: "week", values: weeks }];
  for (const name of o.social) columns.push({ name, values: social[name] });
  if (google) columns.push({ name: "google_spend", values: google });
  columns.push({ name: "emails_send", values: emails, digits: 0 }, {
    name: "sms_send",
    values: sms,
    digits: 0,
  });
  if (o.pricePromo) {
    columns.push({ name: "average_price", values: price }, { name: "promotions", values: promo, digits: 0 });
  }
  columns.push({ name: "social_followers", values: followers, digits: 0 }, {
    name: "revenue",
    values: revenue,
  });

  const truth = {
    rows: n,
    firstWeek: weeks[0],
    money,
    baseRevenue: round(base, 2),
    social: socialTruth,
    stage1: o.mediator ? stage1 : null,
    channels: channelTruth,
    priceElasticityAtMeans: o.pricePromo ? round(elasticity, 3) : null,
    promotionLiftShareOfBase: o.pricePromo ? round(lift, 3) : null,
    noiseShareOfBase: round(noiseShare, 3),
    closedWeeks: closed.filter(Boolean).length,
    identical: o.identical ?? null,
  };
  return { csv: toCsv(columns, o), truth };
}

// ---------------------------------------------------------------------------------------------------------
// Geo panel process
// ---------------------------------------------------------------------------------------------------------

/** Media channels of a geo panel (columns `<name>_spend` and `<name>_impressions`). */
export const GEO_MEDIA = ["tv", "print", "search", "social", "radio"] as const;
type GeoMedium = typeof GEO_MEDIA[number];

/** What varies between geo panels. */
export interface GeoOptions {
  /** Geo names, in file order. */
  readonly geos: readonly string[];
  readonly weeks: number;
  readonly start: string;
  /** Population the same in every week of a geo (a census figure), instead of growing. */
  readonly constantPopulation: boolean;
  /** Target mean spend per channel per geo-week in dollars (rescales every money amount). */
  readonly meanSpend?: number;
  /** A channel with no spend at all in one geo. */
  readonly zeroInGeo?: { readonly channel: GeoMedium; readonly geo: string };
  /** A channel with spend in only `1 − zeroShare` of the weeks (short bursts), in every geo. */
  readonly sparse?: { readonly channel: GeoMedium; readonly zeroShare: number };
  /** `sales` in dollars, or `conversions` (orders, integers). */
  readonly target: "sales" | "conversions";
  readonly crlf?: boolean;
  readonly bom?: boolean;
}

const PER_CAPITA = { tv: 0.02, print: 0.004, search: 0.012, social: 0.008, radio: 0.005 } as const;
const CPM = { tv: 22, print: 14, search: 4, social: 7, radio: 9 } as const;

function generateGeo(label: string, o: GeoOptions): { csv: string; truth: Record<string, unknown> } {
  const rng = (part: string) => new Rng(CORPUS_SEED, `${label}/geo/${part}`);
  const G = o.geos.length, n = o.weeks, rows = G * n;
  const weeks = mondays(o.start, n);

  // Population: lognormal sizes; growing (or shrinking) slowly unless constant.
  const popRng = rng("population");
  const pop0 = o.geos.map(() =>
    Math.min(5e6, Math.max(150000, Math.exp(Math.log(800000) + 0.6 * popRng.normal())))
  );
  const growth = o.geos.map(() => (o.constantPopulation ? 0 : popRng.between(-0.01, 0.04)));
  const population = new Float64Array(rows);
  for (let g = 0; g < G; g++) {
    for (let t = 0; t < n; t++) population[g * n + t] = Math.round(pop0[g] * (1 + growth[g]) ** (t / 52));
  }

  // Spend: per capita × a geo-level factor × AR(1) log noise × flights (TV and print run in 4-week blocks).
  const spend = {} as Record<GeoMedium, Float64Array>;
  for (const c of GEO_MEDIA) {
    const r = rng(`spend/${c}`);
    const x = new Float64Array(rows);
    for (let g = 0; g < G; g++) {
      const factor = Math.exp(0.3 * r.normal());
      const dev = ar1(r, n, 0.5, 0.3);
      const flightOn = c === "tv" ? 0.75 : c === "print" ? 0.6 : 1;
      let on = true;
      for (let t = 0; t < n; t++) {
        if (t % 4 === 0) on = r.chance(flightOn);
        x[g * n + t] = on ? PER_CAPITA[c] * pop0[g] * factor * Math.exp(dev[t]) : 0;
      }
    }
    spend[c] = x;
  }
  if (o.sparse) {
    const on = bursts(rng("sparse"), n, Math.round((1 - o.sparse.zeroShare) * n), 2, 3);
    const x = spend[o.sparse.channel];
    for (let g = 0; g < G; g++) for (let t = 0; t < n; t++) if (!on[t]) x[g * n + t] = 0;
  }
  if (o.zeroInGeo) {
    const g = o.geos.indexOf(o.zeroInGeo.geo);
    if (g < 0) throw new RangeError(`zeroInGeo: no geo "${o.zeroInGeo.geo}"`);
    for (let t = 0; t < n; t++) spend[o.zeroInGeo.channel][g * n + t] = 0;
  }
  // Money scale: the mean spend per channel per geo-week becomes `meanSpend` (everything in dollars scales).
  let k = 1;
  if (o.meanSpend) k = o.meanSpend / mean(GEO_MEDIA.map((c) => mean(spend[c])));
  for (const c of GEO_MEDIA) for (let i = 0; i < rows; i++) spend[c][i] = round(spend[c][i] * k, 2);

  // Impressions: spend / CPM × 1000, with a little noise; zero without spend.
  const impressionRng = rng("impressions");
  const impressions = {} as Record<GeoMedium, Float64Array>;
  for (const c of GEO_MEDIA) {
    impressions[c] = Float64Array.from(
      spend[c],
      (s) => s > 0 ? Math.round((s / k / CPM[c]) * 1000 * Math.exp(0.08 * impressionRng.normal())) : 0,
    );
  }

  // Sales: baseline per inhabitant × population, seasonality, media through per-geo adstock and a concave
  // saturation, competitor and sentiment controls, and noise growing with the geo's size.
  const r = rng("sales");
  const expected = new Float64Array(rows);
  const perCapita = o.geos.map(() => r.between(0.12, 0.2) * k);
  const amplitude = r.between(0.03, 0.08), phase = r.between(0, 2 * Math.PI), q4Lift = r.between(0.05, 0.15);
  for (let g = 0; g < G; g++) {
    for (let t = 0; t < n; t++) {
      const i = g * n + t, m = monthOf(weeks[t]);
      const season = amplitude * Math.sin(2 * Math.PI * yearPhase(weeks[t]) + phase) + (m >= 11 ? q4Lift : 0);
      expected[i] = perCapita[g] * population[i] * (1 + season);
    }
  }
  const channels: Record<string, unknown> = {};
  for (const c of GEO_MEDIA) {
    const theta = r.between(0.05, 0.7), roi = r.between(0.3, 2.5);
    const a = new Float64Array(rows);
    for (let g = 0; g < G; g++) a.set(geometricAdstock(spend[c].subarray(g * n, (g + 1) * n), theta), g * n);
    const positive = Array.from(a).filter((v) => v > 0);
    const kappa = Math.max(1, mean(positive.length ? positive : [1]) * r.between(0.5, 2));
    const shaped = Float64Array.from(a, (v) => logSaturation(v, kappa));
    const beta = sum(shaped) > 0 ? (roi * sum(spend[c])) / sum(shaped) : 0;
    for (let i = 0; i < rows; i++) expected[i] += beta * shaped[i];
    channels[`${c}_spend`] = { theta: round(theta, 3), kappa: round(kappa, 2), roi: round(roi, 3) };
  }
  const compRng = rng("competitor"), sentRng = rng("sentiment");
  const competitor = new Float64Array(rows), sentiment = new Float64Array(rows);
  const commonSentiment = ar1(sentRng, n, 0.8, 4);
  const gammaCompetitor = r.between(-0.3, -0.02), gammaSentiment = r.between(0.001, 0.004);
  for (let g = 0; g < G; g++) {
    const dev = ar1(compRng, n, 0.7, 0.05), own = ar1(sentRng, n, 0.8, 3);
    for (let t = 0; t < n; t++) {
      const i = g * n + t;
      competitor[i] = round(
        0.03 * k * population[i] * (1 + 0.08 * Math.sin(2 * Math.PI * yearPhase(weeks[t])) + dev[t]),
        2,
      );
      sentiment[i] = round(60 + commonSentiment[t] + own[t], 2);
      expected[i] += gammaCompetitor * competitor[i];
      expected[i] += gammaSentiment * perCapita[g] * population[i] * (sentiment[i] - 60);
    }
  }
  const noiseShare = r.between(0.02, 0.04);
  const sales = new Float64Array(rows);
  for (let g = 0; g < G; g++) {
    const sd = noiseShare * perCapita[g] * pop0[g];
    for (let t = 0; t < n; t++) sales[g * n + t] = Math.max(0, expected[g * n + t] + sd * r.normal());
  }
  const orderValue = r.between(40, 120) * k;
  const target = o.target === "sales"
    ? Float64Array.from(sales, (v) => round(v, 2))
    : Float64Array.from(sales, (v) => Math.round(v / orderValue));

  const geoKeys = o.geos.flatMap((g) => weeks.map(() => g));
  const columns: CsvColumn[] = [
    { name: "geo", values: geoKeys },
    { name: "date", values: o.geos.flatMap(() => weeks) },
    ...GEO_MEDIA.map((c) => ({ name: `${c}_spend`, values: spend[c] })),
    ...GEO_MEDIA.map((c) => ({ name: `${c}_impressions`, values: impressions[c], digits: 0 })),
    { name: "population", values: population, digits: 0 },
    { name: "competitor_sales_control", values: competitor },
    { name: "sentiment_score_control", values: sentiment },
    { name: o.target, values: target, digits: o.target === "sales" ? 2 : 0 },
  ];
  const truth = {
    rows,
    geos: G,
    weeks: n,
    firstWeek: weeks[0],
    moneyScale: round(k, 6),
    target: o.target,
    orderValue: o.target === "conversions" ? round(orderValue, 2) : null,
    channels,
    populationGrowthPerYear: Object.fromEntries(o.geos.map((g, j) => [g, round(growth[j], 4)])),
    baselinePerCapita: Object.fromEntries(o.geos.map((g, j) => [g, round(perCapita[j], 4)])),
    gamma: { competitor: round(gammaCompetitor, 4), sentimentPerPointPerBaseline: round(gammaSentiment, 5) },
    noiseShareOfBaseline: round(noiseShare, 4),
    zeroInGeo: o.zeroInGeo ?? null,
    sparse: o.sparse ?? null,
  };
  return { csv: toCsv(columns, o), truth };
}

// ---------------------------------------------------------------------------------------------------------
// The entries
// ---------------------------------------------------------------------------------------------------------

const geoNames = (count: number) =>
  Array.from({ length: count }, (_, i) => `geo_${String(i + 1).padStart(2, "0")}`);

const DEFAULT_SOCIAL = ["facebook_spend", "tiktok_spend", "instagram_spend", "snapchat_spend"] as const;

/** The clean national companion: 104 weeks, default schema. */
const COMPANION_WEEKLY: WeeklyOptions = {
  weeks: 104,
  start: "2023-01-02",
  social: DEFAULT_SOCIAL,
  mediator: true,
  pricePromo: true,
};
/** The clean geo companion: 24 geos × 104 weeks, populations growing (more geos than the geo model's coefficients). */
const COMPANION_GEO: GeoOptions = {
  geos: geoNames(24),
  weeks: 104,
  start: "2023-01-02",
  constantPopulation: false,
  target: "sales",
};

/** An entry before its files are written. */
interface EntrySpec {
  readonly name: string;
  readonly description: string;
  /** Options of the file under test, or of the entry's own companion (labelled by the entry). */
  readonly weekly?: WeeklyOptions;
  readonly geo?: GeoOptions;
  readonly roles?: Record<string, unknown>;
  readonly expectations: readonly Expectation[];
}

const NATIONAL_NOTEBOOKS = ["02", "03", "04"];

const SPECS: readonly EntrySpec[] = [
  {
    name: "baseline",
    description:
      "Both clean companions (104 national weeks in the default schema; 24 geos × 104 weeks with " +
      "growing populations): the control. If this entry fails, the others say little.",
    expectations: [
      {
        notebook: "01",
        pattern: String.raw`\b104\b\W{0,3}weeks`,
        description: "01 reports 104 weeks loaded",
      },
      { notebook: "05", pattern: String.raw`\b24 geos\b`, description: "05 reports 24 geos" },
    ],
  },
  {
    name: "geo-const-pop-10",
    description:
      "10 geos × 104 weeks, population constant within each geo (a census figure: the common case). " +
      "With geo fixed effects the population coefficient is not identified; the notebooks should say so, not " +
      "fail on a singular design.",
    geo: { ...COMPANION_GEO, geos: geoNames(10), constantPopulation: true },
    expectations: [
      {
        notebook: "05",
        pattern: sameSentence("population", String.raw`(?:not|cannot be|can't be) identified`),
        description: "05 says population is not identified (key words: population, not identified)",
      },
      {
        notebook: "05",
        pattern: sameSentence(
          "population",
          String
            .raw`constant|does not (?:vary|change)|doesn't (?:vary|change)|no variation|fixed effects|geo effects`,
        ),
        description:
          "05 gives the reason: population is constant within geo / absorbed by the geo fixed effects",
      },
    ],
  },
  {
    name: "geo-2",
    description:
      "2 geos × 104 weeks: cluster-robust errors over 2 clusters are unreliable; the geo notebooks " +
      "should run and warn.",
    geo: { ...COMPANION_GEO, geos: geoNames(2) },
    expectations: [
      {
        notebook: "05",
        pattern: String.raw`too few (?:geos|clusters)|only (?:2|two) (?:geos|clusters)|` +
          sameSentence(
            String.raw`\b(?:2|two) (?:geos|clusters)\b`,
            String.raw`unreliable|not reliable|too few|few clusters|caution`,
          ),
        description:
          "05 warns that 2 geos (clusters) are too few for cluster-robust inference (key words: 2 or two geos/clusters, too few/unreliable)",
      },
    ],
  },
  {
    name: "geo-52w",
    description:
      "5 geos × 52 weeks (one year): month effects and time-series CV with a year of training data " +
      "cannot both fit; the geo notebooks should say what they could not validate.",
    geo: { ...COMPANION_GEO, geos: geoNames(5), weeks: 52, start: "2024-01-01" },
    expectations: [
      { notebook: "05", pattern: String.raw`\b5 geos\b`, description: "05 reports 5 geos" },
      {
        notebook: "05",
        pattern: sameSentence(
          String.raw`cross-validat\w*|out[- ]of[- ]sample|validat\w*|folds?`,
          NO_VALIDATION,
        ),
        description:
          "05 says what one year allows out of sample: validation not possible, skipped, or adapted (key words: cross-validation, out of sample or folds, with not possible/skipped/too few weeks/needs more/half the data/months not seen)",
      },
    ],
  },
  {
    name: "geo-zero-channel",
    description:
      "6 geos × 104 weeks: print_spend is zero in every week of geo_03 (not bought in that market), " +
      "and radio_spend is zero in 85% of weeks in every geo (short bursts).",
    geo: {
      ...COMPANION_GEO,
      geos: geoNames(6),
      zeroInGeo: { channel: "print", geo: "geo_03" },
      sparse: { channel: "radio", zeroShare: 0.85 },
    },
    expectations: [
      {
        notebook: "01",
        pattern: sameSentence("print_spend", "geo_03", String.raw`zero|no spend|dark|never|not bought`),
        description:
          "01 says print_spend has no spend in geo_03 (key words: print_spend, geo_03, zero/no spend)",
      },
      {
        notebook: "01",
        pattern: sameSentence(
          "radio_spend",
          String.raw`zero|dark|no spend`,
          String.raw`\d+(?:\.\d+)?%|\d+ of [\d,]+`,
        ),
        description:
          "01 says radio_spend is zero in most weeks, with the share (key words: radio_spend, zero/dark, a % or N of M)",
      },
    ],
  },
  {
    name: "geo-millions",
    description:
      "6 geos × 104 weeks with spend around $1M per channel per geo-week, both files with a UTF-8 " +
      "BOM and CRLF line endings, geo names with accents, some outside Latin-1 (Zürich, Genève, Łódź, " +
      "Kraków, Malmö, Île-de-France). The weekly file is 100× the usual money scale, also BOM + CRLF.",
    weekly: { ...COMPANION_WEEKLY, money: 100, crlf: true, bom: true },
    geo: {
      ...COMPANION_GEO,
      geos: ["Zürich", "Genève", "Łódź", "Kraków", "Malmö", "Île-de-France"],
      meanSpend: 1e6,
      crlf: true,
      bom: true,
    },
    expectations: [
      { notebook: "01", pattern: "Zürich", flags: "", description: "01 shows the geo name Zürich intact" },
      {
        notebook: "01",
        pattern: "Łódź",
        flags: "",
        description: "01 shows the geo name Łódź (outside Latin-1) intact",
      },
      {
        notebook: "01",
        pattern: String.raw`Ã|Å|\uFFFD|\uFEFF`,
        flags: "",
        absent: true,
        description: "01 shows no mojibake (Ã, Å, U+FFFD) and no BOM character",
      },
      {
        notebook: "01",
        pattern: String.raw`\b104\b\W{0,3}weeks`,
        description: "01 reports 104 weeks loaded",
      },
      { notebook: "05", pattern: String.raw`\b6 geos\b`, description: "05 reports 6 geos" },
    ],
  },
  {
    name: "weekly-52",
    description: "52 weeks (one year) of the national schema, Google spend driven by social spend: the " +
      "two-stage model fits, but time-series CV with a year of training weeks is impossible.",
    weekly: { ...COMPANION_WEEKLY, weeks: 52, start: "2024-01-01" },
    expectations: [
      {
        notebook: "01",
        pattern: String.raw`\b52\b\W{0,3}weeks`,
        description: "01 reports 52 weeks loaded",
      },
      {
        notebook: "04",
        pattern: sameSentence(
          String.raw`cross-validat\w*|out[- ]of[- ]sample|validat\w*|folds?`,
          NO_VALIDATION,
        ),
        description:
          "04 says what one year allows out of sample: validation not possible, skipped, or adapted (key words: cross-validation, out of sample or folds, with not possible/skipped/too few weeks/needs more/half the data/months not seen)",
      },
    ],
  },
  {
    name: "weekly-one-social",
    description:
      "One social channel (facebook_spend) driving Google; no TikTok, Instagram or Snapchat columns " +
      '(roles social: ["facebook_spend"]).',
    weekly: { ...COMPANION_WEEKLY, social: ["facebook_spend"] },
    roles: { weekly: { social: ["facebook_spend"] } },
    expectations: [
      {
        notebook: "03",
        pattern: "facebook_spend",
        flags: "",
        description: "03 reports stage 1 for facebook_spend",
      },
      ...["01", ...NATIONAL_NOTEBOOKS].map((notebook) => ({
        notebook,
        pattern: "tiktok_spend|instagram_spend|snapchat_spend",
        flags: "",
        absent: true,
        description: `${notebook} names no social column that is not in the file`,
      })),
    ],
  },
  {
    name: "weekly-no-price-promo",
    description: "No average_price and no promotions columns (roles price: null, promotion: null).",
    weekly: { ...COMPANION_WEEKLY, pricePromo: false },
    roles: { weekly: { price: null, promotion: null } },
    expectations: [
      {
        notebook: "01",
        pattern: sameSentence(
          String.raw`\bprice\b`,
          String.raw`not mapped|no (?:price )?column|not in the file|skip\w*`,
        ),
        description: "01 says there is no price column (key words: price, no column/not mapped/skipping)",
      },
      {
        notebook: "01",
        pattern: sameSentence(
          String.raw`\bpromotion`,
          String.raw`not mapped|no (?:promotion )?column|not in the file|skip\w*`,
        ),
        description: "01 says there is no promotion column",
      },
      {
        notebook: "04",
        pattern: sameSentence("elasticity", NOT_ESTIMABLE),
        description:
          "04 says the price elasticity cannot be estimated (key words: elasticity, cannot be estimated/no price column)",
      },
      {
        notebook: "04",
        pattern: sameSentence(String.raw`promotion(?: lift)?`, NOT_ESTIMABLE),
        description: "04 says the promotion lift cannot be estimated",
      },
    ],
  },
  {
    name: "weekly-bimodal",
    description: "104 weeks with an off-season: the shop is closed 16 weeks a year (32 of 104 weeks, 31%), " +
      "revenue near zero and paid social paused, beside open weeks in the hundreds of thousands. Price is " +
      "carried through closed weeks.",
    weekly: { ...COMPANION_WEEKLY, closedWeeksPerYear: 16 },
    expectations: [
      {
        notebook: "01",
        pattern: String.raw`bimodal|two (?:regimes|modes|clusters|groups of weeks)`,
        description: "01 says the target is bimodal (key word: bimodal, or two regimes/modes)",
      },
      {
        notebook: "01",
        pattern: sameSentence(
          String.raw`\d+ of 104 weeks|\d+(?:\.\d+)?%`,
          String
            .raw`near[- ]zero|close to zero|zero revenue|no revenue|closed|off[- ]season|low (?:mode|regime|state)`,
        ),
        description:
          "01 counts the near-zero weeks (key words: N of 104 weeks or %, near zero/closed/low mode)",
      },
    ],
  },
  {
    name: "weekly-sparse-direct",
    description:
      "sms_send is zero in 80% of weeks (SMS only in short campaigns): a direct channel whose median is 0.",
    weekly: { ...COMPANION_WEEKLY, smsZeroShare: 0.8 },
    expectations: [
      {
        notebook: "01",
        pattern: sameSentence(
          "sms_send",
          String.raw`zero|dark|no sends`,
          String.raw`\d+ of \d+ weeks|\d+(?:\.\d+)?%`,
        ),
        description:
          "01 says sms_send is zero in most weeks, with the count (key words: sms_send, zero/dark, N of M weeks or %)",
      },
      { notebook: "04", pattern: "sms_send", flags: "", description: "04 still reports sms_send's effect" },
    ],
  },
  {
    name: "weekly-identical",
    description: "instagram_spend is an exact copy of tiktok_spend (an export that duplicated a column): " +
      "the design is rank deficient; the notebooks should find and name the duplicate.",
    weekly: { ...COMPANION_WEEKLY, identical: ["tiktok_spend", "instagram_spend"] },
    expectations: ["01", "03"].map((notebook) => ({
      notebook,
      pattern: sameSentence(
        "tiktok_spend",
        "instagram_spend",
        String.raw`identical|duplicat\w*|same values|cop(?:y|ies)`,
      ),
      description:
        `${notebook} has a sentence naming tiktok_spend and instagram_spend as identical/duplicates`,
    })),
  },
  {
    name: "weekly-no-mediator",
    description:
      "No google_spend column (roles mediator: null): social spend acts on revenue directly. The " +
      "two-stage model needs a mediator; its notebooks should say it is skipped.",
    weekly: { ...COMPANION_WEEKLY, mediator: false },
    roles: { weekly: { mediator: null } },
    expectations: [
      ...["03", "04"].map((notebook) => ({
        notebook,
        pattern: sameSentence("mediator", String.raw`skip\w*|not run|omitted|not fitted|needs?|requires?`),
        description:
          `${notebook} says the two-stage model needs a mediator and is skipped (key words: mediator, skipped/needs)`,
      })),
      ...["01", ...NATIONAL_NOTEBOOKS].map((notebook) => ({
        notebook,
        pattern: "google_spend",
        flags: "",
        absent: true,
        description: `${notebook} names no google_spend column (the file has none)`,
      })),
    ],
  },
  {
    name: "units-target",
    description: "Geo panel (6 geos × 104 weeks) whose target is conversions, a count (roles geo.target: " +
      '"conversions", geo.targetUnit: "units", a role being added). ROI is conversions per dollar and ' +
      "contributions are conversions: no dollar signs on them.",
    geo: { ...COMPANION_GEO, geos: geoNames(6), target: "conversions" },
    roles: { geo: { target: "conversions", targetUnit: "units" } },
    expectations: [
      {
        notebook: "05",
        pattern: String.raw`${MONEY}\s+${MONEY}`,
        flags: "",
        absent: true,
        description:
          "05's ROI and contribution tables show contributions without $ (no spend column followed by a dollar contribution)",
      },
      {
        notebook: "05",
        pattern: String
          .raw`(?:conversions|units) (?:per|for each|a) (?:dollar|unit of spend|${DOLLAR}[\d,]*)`,
        description: "05 states ROI in conversions (units) per dollar",
      },
      {
        notebook: "07",
        pattern: String.raw`\badd\w*\s+\**${DOLLAR}`,
        absent: true,
        description: "07 does not state the reallocation gain in dollars",
      },
    ],
  },
];

/**
 * Writes every entry into `dir/<name>/` (`weekly.csv`, `geo.csv`, `roles.json` where needed, `truth.json`)
 * and `dir/corpus.json` (the list returned, paths relative to `dir`). Deterministic: the same bytes on every
 * call, wherever `dir` is.
 *
 * @param dir output folder (created if missing)
 * @returns the entries, with paths under `dir`
 */
export function writeCorpus(dir: string): CorpusEntry[] {
  const root = dir.replace(/\/+$/, "") || ".";
  const entries: CorpusEntry[] = [];
  for (const spec of SPECS) {
    const folder = `${root}/${spec.name}`;
    Deno.mkdirSync(folder, { recursive: true });
    // The file under test is labelled by the entry; a companion by "companion", so it is the same everywhere.
    const weekly = generateWeekly(spec.weekly ? spec.name : "companion", spec.weekly ?? COMPANION_WEEKLY);
    const geo = generateGeo(spec.geo ? spec.name : "companion", spec.geo ?? COMPANION_GEO);
    Deno.writeTextFileSync(`${folder}/weekly.csv`, weekly.csv);
    Deno.writeTextFileSync(`${folder}/geo.csv`, geo.csv);
    let roles: string | undefined;
    if (spec.roles) {
      roles = `${folder}/roles.json`;
      Deno.writeTextFileSync(roles, JSON.stringify(spec.roles, null, 2) + "\n");
    }
    const truth = { seed: CORPUS_SEED, entry: spec.name, weekly: weekly.truth, geo: geo.truth };
    Deno.writeTextFileSync(`${folder}/truth.json`, JSON.stringify(truth, null, 2) + "\n");
    entries.push({
      name: spec.name,
      weekly: `${folder}/weekly.csv`,
      geo: `${folder}/geo.csv`,
      ...(roles ? { roles } : {}),
      description: spec.description,
      expectations: spec.expectations,
    });
  }
  // The manifest names files relative to itself, so that it does not depend on where the corpus was written.
  const relative = (path: string | undefined) => path?.slice(root.length + 1);
  const manifest = entries.map((e) => ({
    ...e,
    weekly: relative(e.weekly),
    geo: relative(e.geo),
    roles: relative(e.roles),
  }));
  Deno.writeTextFileSync(
    `${root}/corpus.json`,
    JSON.stringify({ seed: CORPUS_SEED, common: COMMON_EXPECTATIONS, entries: manifest }, null, 2) + "\n",
  );
  return entries;
}

if (import.meta.main) {
  const dir = Deno.args[0];
  if (!dir || Deno.args.length !== 1) {
    console.error("usage: deno run --allow-write data/corpus.ts OUT_DIR");
    Deno.exit(2);
  }
  for (const e of writeCorpus(dir)) console.log(`${e.name.padEnd(22)} ${e.description}`);
}
