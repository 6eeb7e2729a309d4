/**
 * Tests of the bundled synthetic data and its truth. Every expected value is recomputed here from the
 * definitions in `data/README.md` (adstock, Hill, counterfactual contributions, ROI, elasticity), from the CSV
 * text and the structural parameters in the truth, never read back from the generator's own arithmetic.
 */
import { inverse, Matrix, solve } from "ml-matrix";
import { assert, assertAlmostEquals, assertEquals, assertRelClose } from "../assert.ts";
import { generate, GEO_HEADER, SEED, type Truth, WEEKLY_HEADER } from "../../data/generate.ts";

const WEEKLY_COLUMNS =
  "week,facebook_spend,google_spend,tiktok_spend,instagram_spend,snapchat_spend,social_followers,average_price,promotions,emails_send,sms_send,revenue";
const GEO_COLUMNS =
  "geo,date,tv_spend,print_spend,search_spend,social_spend,radio_spend,tv_impressions,print_impressions,search_impressions,social_impressions,radio_impressions,population,competitor_sales_control,sentiment_score_control,sales";
const SOCIAL = ["facebook", "tiktok", "instagram", "snapchat"] as const;
const MEDIA = ["tv", "print", "search", "social", "radio"] as const;

const bundled = generate(SEED);

// ---- helpers: a CSV reader for these plain files, and the definitions -------------------------------------

interface Table {
  header: string[];
  rows: string[][];
  num(name: string): Float64Array;
  str(name: string): string[];
}

function parse(text: string): Table {
  assert(text.endsWith("\n"), "file ends with a newline");
  const lines = text.slice(0, -1).split("\n");
  const header = lines[0].split(",");
  const rows = lines.slice(1).map((l) => l.split(","));
  const index = (name: string) => {
    const j = header.indexOf(name);
    assert(j >= 0, `column ${name}`);
    return j;
  };
  return {
    header,
    rows,
    num: (name) => Float64Array.from(rows, (r) => Number(r[index(name)])),
    str: (name) => rows.map((r) => r[index(name)]),
  };
}

/** `a_t = x_t + θ a_{t-1}`, `a_{-1} = 0`. */
function adstock(x: ArrayLike<number>, theta: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let t = 0; t < x.length; t++) out[t] = x[t] + (t > 0 ? theta * out[t - 1] : 0);
  return out;
}
const hill = (x: number, k: number, s: number) => x ** s / (x ** s + k ** s);
const total = (x: ArrayLike<number>) => Array.from(x).reduce((a, b) => a + b, 0);
const average = (x: ArrayLike<number>) => total(x) / x.length;
function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const mx = average(x), my = average(y);
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
const monthOf = (iso: string) => Number(iso.slice(5, 7));
const dayMs = 86400000;

/** OLS by QR (ml-matrix): coefficients and classical standard errors `√(s² diag((X'X)⁻¹))`. */
function ols(columns: Float64Array[], y: Float64Array): { coef: number[]; se: number[] } {
  const n = y.length, k = columns.length;
  const X = new Matrix(n, k);
  for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) X.set(i, j, columns[j][i]);
  const b = solve(X, Matrix.columnVector(Array.from(y))).to1DArray();
  const fitted = X.mmul(Matrix.columnVector(b)).to1DArray();
  const s2 = total(Array.from(y, (v, i) => (v - fitted[i]) ** 2)) / (n - k);
  const xtxInv = inverse(X.transpose().mmul(X));
  return { coef: b, se: b.map((_, j) => Math.sqrt(s2 * xtxInv.get(j, j))) };
}

const weekly = parse(bundled.weeklyCsv);
const geo = parse(bundled.geoCsv);
const truth: Truth = bundled.truth;
const W = truth.weekly;
const G = truth.geo;

/**
 * Expected (noise-free) revenue from the CSV inputs and the truth's structural parameters; `inputs` replaces
 * the Facebook or Google spend column (for a counterfactual).
 */
function expectedRevenue(inputs: { facebook?: Float64Array; google?: Float64Array } = {}): Float64Array {
  const S = W.stage2;
  const weeks = weekly.str("week");
  const googleAd = adstock(inputs.google ?? weekly.num("google_spend"), W.adstock.google.theta);
  const fbAd = adstock(inputs.facebook ?? weekly.num("facebook_spend"), W.adstock.facebook.theta);
  const emails = weekly.num("emails_send"), sms = weekly.num("sms_send");
  const price = weekly.num("average_price"), promo = weekly.num("promotions");
  const followers = weekly.num("social_followers");
  return Float64Array.from(
    weeks,
    (w, t) =>
      S.intercept + S.google * googleAd[t] + S.direct.facebook * fbAd[t] +
      S.email.coef * hill(emails[t], S.email.halfSaturation, S.email.shape) +
      S.sms.coef * hill(sms[t], S.sms.halfSaturation, S.sms.shape) +
      S.price * price[t] + S.promotion * promo[t] + S.followers * followers[t] +
      (monthOf(w) === 11 ? S.november : 0) + (monthOf(w) === 12 ? S.december : 0),
  );
}

// ---- determinism and the files on disk ------------------------------------------------------------------

Deno.test("generate is deterministic: the same seed gives byte-identical texts", () => {
  const again = generate(SEED);
  assert(again.weeklyCsv === bundled.weeklyCsv, "weekly CSV differs between two runs");
  assert(again.geoCsv === bundled.geoCsv, "geo CSV differs between two runs");
  assert(again.truthJson === bundled.truthJson, "truth JSON differs between two runs");
});

Deno.test("generate with another seed gives other data", () => {
  const other = generate(SEED + 1);
  assert(other.weeklyCsv !== bundled.weeklyCsv, "weekly CSV did not change with the seed");
  assert(other.geoCsv !== bundled.geoCsv, "geo CSV did not change with the seed");
  assertEquals(other.truth.seed, SEED + 1);
  assertEquals(other.weeklyCsv.split("\n")[0], WEEKLY_COLUMNS);
});

Deno.test("the committed files equal what generate(SEED) produces", async () => {
  const read = (name: string) => Deno.readTextFile(new URL(`../../data/${name}`, import.meta.url));
  assert(
    (await read("mmm_weekly.csv")) === bundled.weeklyCsv,
    "data/mmm_weekly.csv is stale: run deno task data",
  );
  assert((await read("mmm_geo.csv")) === bundled.geoCsv, "data/mmm_geo.csv is stale: run deno task data");
  assert((await read("truth.json")) === bundled.truthJson, "data/truth.json is stale: run deno task data");
  assertEquals(JSON.parse(await read("truth.json")).seed, SEED);
});

// ---- shapes, headers, formats ---------------------------------------------------------------------------

Deno.test("weekly file: exact header, 104 Monday rows from 2023-01-02, seven days apart", () => {
  assertEquals(weekly.header.join(","), WEEKLY_COLUMNS);
  assertEquals([...WEEKLY_HEADER], WEEKLY_COLUMNS.split(","));
  assertEquals(weekly.rows.length, 104);
  assert(weekly.rows.every((r) => r.length === 12), "every row has 12 fields");
  const weeks = weekly.str("week");
  assertEquals(weeks[0], "2023-01-02");
  for (let t = 0; t < weeks.length; t++) {
    const ms = Date.parse(`${weeks[t]}T00:00:00Z`);
    assertEquals(new Date(ms).getUTCDay(), 1, `${weeks[t]} is a Monday`);
    if (t > 0) {
      assertEquals(ms - Date.parse(`${weeks[t - 1]}T00:00:00Z`), 7 * dayMs, `gap before ${weeks[t]}`);
    }
  }
  assertEquals(weeks[103], W.lastWeek);
});

Deno.test("weekly file: formats, non-negative spend, 0/1 promotions in 15-20% of weeks", () => {
  const money = /^\d+\.\d{2}$/, integer = /^\d+$/;
  for (const r of weekly.rows) {
    for (const j of [1, 2, 3, 4, 5, 7, 11]) assert(money.test(r[j]), `${r[0]} ${weekly.header[j]}: ${r[j]}`);
    for (const j of [6, 9, 10]) assert(integer.test(r[j]), `${r[0]} ${weekly.header[j]}: ${r[j]}`);
    assert(r[8] === "0" || r[8] === "1", `${r[0]} promotions: ${r[8]}`);
  }
  for (const s of [...SOCIAL, "google"]) {
    assert(weekly.num(`${s}_spend`).every((v) => v >= 0), `${s} spend is non-negative`);
  }
  const share = average(weekly.num("promotions"));
  assert(share >= 0.15 && share <= 0.2, `promotion share ${share}`);
});

Deno.test("weekly file: zero-spend stretches, Q4 uplift, growing followers, cheaper promo weeks", () => {
  const tiktok = weekly.num("tiktok_spend");
  assert(tiktok.slice(0, 20).every((v) => v === 0) && tiktok[20] > 0, "TikTok launches in week 20");
  for (const s of ["instagram", "snapchat"] as const) {
    const zeros = weekly.num(`${s}_spend`).filter((v) => v === 0).length;
    const listed = W.zeroSpend[s].reduce(
      (n, p) => n + (Date.parse(p.to) - Date.parse(p.from)) / (7 * dayMs) + 1,
      0,
    );
    assert(zeros > 0, `${s} has dark weeks`);
    assertEquals(zeros, listed, `${s} zero weeks match truth.zeroSpend`);
  }
  const weeks = weekly.str("week"), revenue = weekly.num("revenue"), fb = weekly.num("facebook_spend");
  const q4 = (t: number) => monthOf(weeks[t]) >= 11;
  const meanWhere = (x: Float64Array, keep: (t: number) => boolean) => average(x.filter((_, t) => keep(t)));
  assert(meanWhere(revenue, q4) > 1.05 * meanWhere(revenue, (t) => !q4(t)), "Q4 revenue uplift");
  assert(meanWhere(fb, q4) > 1.3 * meanWhere(fb, (t) => !q4(t)), "Q4 Facebook spend uplift");
  const followers = weekly.num("social_followers");
  assert(followers[103] > 1.5 * followers[0], "followers grow");
  const price = weekly.num("average_price"), promo = weekly.num("promotions");
  const r = pearson(price, promo);
  assert(r < -0.3 && r > -0.95, `price-promotion correlation ${r}: lower in promo weeks, not collinear`);
});

Deno.test("geo file: exact header, 40 geos × 156 Mondays from 2022-01-03, sorted by geo then date", () => {
  assertEquals(geo.header.join(","), GEO_COLUMNS);
  assertEquals([...GEO_HEADER], GEO_COLUMNS.split(","));
  assertEquals(geo.rows.length, 6240);
  const geos = geo.str("geo"), dates = geo.str("date");
  const names = Array.from({ length: 40 }, (_, g) => `geo_${String(g + 1).padStart(2, "0")}`);
  const start = Date.parse("2022-01-03T00:00:00Z");
  for (let i = 0; i < geo.rows.length; i++) {
    assertEquals(geos[i], names[Math.floor(i / 156)], `row ${i + 2} geo`);
    assertEquals(Date.parse(`${dates[i]}T00:00:00Z`), start + 7 * (i % 156) * dayMs, `row ${i + 2} date`);
  }
  assertEquals(Object.keys(G.fixedEffects), names);
});

Deno.test("geo file: non-negative spend, impressions zero exactly when spend is, integer populations", () => {
  for (const c of MEDIA) {
    const spend = geo.num(`${c}_spend`), imp = geo.num(`${c}_impressions`);
    assert(spend.every((v) => v >= 0), `${c} spend is non-negative`);
    for (let i = 0; i < spend.length; i++) assert((spend[i] === 0) === (imp[i] === 0), `${c} row ${i + 2}`);
  }
  assert(geo.num("radio_spend").some((v) => v === 0), "radio has dark weeks");
  assert(geo.num("tv_spend").some((v) => v === 0), "TV has dark weeks");
  assert(geo.str("population").every((v) => /^\d+$/.test(v)), "population is an integer");
  const pop = geo.num("population");
  assert(pop[155] !== pop[0], "population varies within a geo");
});

// ---- truth is internally consistent with the data and its own definitions -------------------------------

Deno.test("truth: Facebook-Google correlation is at least 0.7 and matches the CSV", () => {
  const r = pearson(weekly.num("facebook_spend"), weekly.num("google_spend"));
  assert(r >= 0.7, `corr(facebook, google) = ${r}`);
  assertRelClose(W.correlationFacebookGoogle, r, 1e-12);
});

Deno.test("truth: Facebook's contribution recomputed by its definition, through both paths", () => {
  const fb = weekly.num("facebook_spend");
  const fbAd = adstock(fb, W.adstock.facebook.theta);
  const direct = W.stage2.direct.facebook * total(fbAd);
  const googleShift = fbAd.map((v) => W.stage1.coef.facebook * v);
  const viaGoogle = W.stage2.google * total(adstock(googleShift, W.adstock.google.theta));
  const f = W.contributions.social.facebook;
  assertRelClose(f.direct, direct, 1e-9);
  assertRelClose(f.viaGoogle, viaGoogle, 1e-9);
  assertRelClose(f.contribution, direct + viaGoogle, 1e-9);
  assertRelClose(f.spend, total(fb), 1e-12);
  assert(f.direct < 0.5 * f.viaGoogle, "the direct Facebook effect is the smaller path");
  // By the definition: expected revenue with actual inputs minus expected revenue with Facebook at zero in
  // every week and Google lowered by the stage-1 term Facebook drove (followers held at their recorded values).
  const google = weekly.num("google_spend");
  const counterfactual = expectedRevenue({
    facebook: new Float64Array(fb.length),
    google: google.map((g, t) => g - googleShift[t]),
  });
  assertRelClose(total(expectedRevenue()) - total(counterfactual), f.contribution, 1e-9);
  const cumulative = new Float64Array(fb.length);
  for (let t = 0; t < fb.length; t++) cumulative[t] = fb[t] + (t > 0 ? cumulative[t - 1] : 0);
  const lostFollowers = W.stage2.followers * W.followersProcess.perDollar * total(cumulative);
  assertRelClose(f.viaFollowers, lostFollowers, 1e-9);
  assertRelClose(f.contributionAllPaths, f.contribution + lostFollowers, 1e-9);
});

Deno.test("truth: ROI is contribution / spend, long-run effects are the stated products", () => {
  const thetaG = W.adstock.google.theta;
  for (const s of SOCIAL) {
    const c = W.contributions.social[s];
    assertRelClose(c.spend, total(weekly.num(`${s}_spend`)), 1e-12, 1e-12, `${s} spend`);
    assertRelClose(c.roi, c.contribution / c.spend, 1e-12, 1e-12, `${s} roi`);
    assertRelClose(c.roiAllPaths, c.contributionAllPaths / c.spend, 1e-12, 1e-12, `${s} roiAllPaths`);
    const thetaS = W.adstock[s].theta, a = W.stage1.coef[s];
    assertRelClose(c.indirectPerDollarLongRun, (a * W.stage2.google) / ((1 - thetaS) * (1 - thetaG)), 1e-12);
    assertRelClose(c.googlePerDollarLongRun, a / (1 - thetaS), 1e-12);
    assertRelClose(c.directPerDollarLongRun, W.stage2.direct[s] / (1 - thetaS), 1e-12, 1e-12);
    if (s !== "facebook") assertEquals(c.direct, 0, `${s} has no direct effect`);
    const viaGoogle = W.stage2.google *
      total(adstock(adstock(weekly.num(`${s}_spend`), thetaS).map((v) => a * v), thetaG));
    assertRelClose(c.viaGoogle, viaGoogle, 1e-9, 1e-12, `${s} viaGoogle`);
  }
  const g = W.contributions.google;
  assertRelClose(g.spend, total(weekly.num("google_spend")), 1e-12);
  assertRelClose(g.contribution, W.stage2.google * total(adstock(weekly.num("google_spend"), thetaG)), 1e-9);
  assertRelClose(g.roi, g.contribution / g.spend, 1e-12);
  for (const [name, h] of [["emails_send", W.stage2.email], ["sms_send", W.stage2.sms]] as const) {
    const x = weekly.num(name);
    const c = name === "emails_send" ? W.contributions.email : W.contributions.sms;
    assertRelClose(c.contribution, h.coef * total(x.map((v) => hill(v, h.halfSaturation, h.shape))), 1e-9);
    assertRelClose(c.contributionPerThousandSends, (1000 * c.contribution) / total(x), 1e-12);
  }
  for (const [name, a] of Object.entries(W.adstock)) {
    assertRelClose(a.theta ** a.halfLifeWeeks, 0.5, 1e-12, 1e-12, `${name} half-life`);
    assertRelClose(a.longRunMultiplier, 1 / (1 - a.theta), 1e-12);
  }
});

Deno.test("truth: price elasticity and promotion lift follow their definitions at the CSV means", () => {
  const price = average(weekly.num("average_price")), revenue = average(weekly.num("revenue"));
  assertRelClose(W.means.price, price, 1e-12);
  assertRelClose(W.means.revenue, revenue, 1e-12);
  assertRelClose(W.priceElasticityAtMeans, (W.stage2.price * price) / revenue, 1e-12);
  assert(W.priceElasticityAtMeans <= -1 && W.priceElasticityAtMeans >= -2, "elasticity in [-2, -1]");
  assertRelClose(W.promotionLift.percentOfMeanRevenue, (100 * W.stage2.promotion) / revenue, 1e-12);
  assert(
    W.promotionLift.percentOfMeanRevenue >= 5 && W.promotionLift.percentOfMeanRevenue <= 15,
    "lift 5-15%",
  );
  assertEquals(W.promotionLift.weeks, total(weekly.num("promotions")));
});

Deno.test("truth: the structural model reproduces the revenue column up to noise and the listed outliers", () => {
  const expected = expectedRevenue(), revenue = weekly.num("revenue");
  const outliers = new Set(W.outliers.map((o) => o.index));
  const residuals = Array.from(revenue, (v, t) => v - expected[t]).filter((_, t) => !outliers.has(t));
  const sd = Math.sqrt(total(residuals.map((e) => e * e)) / residuals.length);
  assert(Math.abs(sd / W.stage2.noiseSd - 1) < 0.2, `residual sd ${sd} vs noiseSd ${W.stage2.noiseSd}`);
  assert(
    Math.abs(average(residuals)) < (3 * W.stage2.noiseSd) / Math.sqrt(residuals.length),
    "residual mean ~0",
  );
  const keep = Array.from(revenue.keys()).filter((t) => !outliers.has(t));
  const my = average(keep.map((t) => revenue[t]));
  const r2 = 1 - total(residuals.map((e) => e * e)) / total(keep.map((t) => (revenue[t] - my) ** 2));
  assertRelClose(W.stage2.r2, r2, 1e-9);
  assert(r2 >= 0.85 && r2 <= 0.9, `true-model R² ${r2}`);
  for (const o of W.outliers) {
    assertEquals(weekly.str("week")[o.index], o.week);
    assertAlmostEquals(revenue[o.index], o.recordedRevenue, 1e-9);
    assertRelClose(o.expectedRevenue, expected[o.index], 1e-9);
    assert(
      Math.abs(revenue[o.index] - expected[o.index]) > 5 * W.stage2.noiseSd,
      `week ${o.week} stands out`,
    );
  }
  assertRelClose(W.means.expectedRevenue, average(expected), 1e-9);
});

Deno.test("truth: stage 1 reproduces Google spend up to noise; zeroing a social channel keeps Google positive", () => {
  const weeks = weekly.str("week"), google = weekly.num("google_spend");
  const ad = Object.fromEntries(
    SOCIAL.map((s) => [s, adstock(weekly.num(`${s}_spend`), W.adstock[s].theta)]),
  );
  const S = W.stage1;
  const fitted = Float64Array.from(
    weeks,
    (w, t) =>
      S.intercept + SOCIAL.reduce((a, s) => a + S.coef[s] * ad[s][t], 0) +
      (monthOf(w) === 11 ? S.november : 0) + (monthOf(w) === 12 ? S.december : 0),
  );
  const e = Array.from(google, (v, t) => v - fitted[t]);
  const sd = Math.sqrt(total(e.map((v) => v * v)) / e.length);
  assert(Math.abs(sd / S.noiseSd - 1) < 0.2, `stage-1 residual sd ${sd} vs ${S.noiseSd}`);
  const mg = average(google);
  assertRelClose(
    S.r2,
    1 - total(e.map((v) => v * v)) / total(Array.from(google, (v) => (v - mg) ** 2)),
    1e-9,
  );
  for (const s of SOCIAL) {
    assert(google.every((g, t) => g - S.coef[s] * ad[s][t] > 0), `Google without ${s} stays positive`);
  }
  assert(SOCIAL.every((s) => s === "facebook" || S.coef.facebook > S.coef[s]), "Facebook drives Google most");
});

Deno.test("truth: geo contributions recomputed per geo, ROI = contribution / spend, concave saturation", () => {
  const geos = geo.str("geo");
  for (const c of MEDIA) {
    const spend = geo.num(`${c}_spend`), p = G.channels[c];
    let contribution = 0, atMax = 0;
    for (let g = 0; g < 40; g++) {
      const ad = adstock(spend.slice(g * 156, (g + 1) * 156), p.theta); // per geo: never across borders
      for (const a of ad) {
        contribution += p.beta * Math.log1p(a / p.scale);
        atMax = Math.max(atMax, a / p.scale);
      }
    }
    assertEquals(geos[156], "geo_02");
    assertRelClose(p.contribution, contribution, 1e-9, 1e-12, `${c} contribution`);
    assertRelClose(p.spend, total(spend), 1e-12, 1e-12, `${c} spend`);
    assertRelClose(p.roi, p.contribution / p.spend, 1e-12, 1e-12, `${c} roi`);
    assertRelClose(p.theta ** p.halfLifeWeeks, 0.5, 1e-12);
    // Visibly concave: at the largest observed adstock the curve gives well under the linear extrapolation.
    assert(Math.log1p(atMax) < 0.6 * atMax, `${c}: log1p(${atMax}) is not visibly concave`);
  }
});

Deno.test("truth: the geo model reproduces sales up to noise of the stated size", () => {
  const dates = geo.str("date"), geos = geo.str("geo"), sales = geo.num("sales");
  const pop = geo.num("population"), comp = geo.num("competitor_sales_control");
  const sent = geo.num("sentiment_score_control");
  const media = new Float64Array(sales.length);
  for (const c of MEDIA) {
    const spend = geo.num(`${c}_spend`), p = G.channels[c];
    for (let g = 0; g < 40; g++) {
      const ad = adstock(spend.slice(g * 156, (g + 1) * 156), p.theta);
      for (let t = 0; t < 156; t++) media[g * 156 + t] += p.beta * Math.log1p(ad[t] / p.scale);
    }
  }
  let z2 = 0, ssr = 0;
  const expected = new Float64Array(sales.length);
  for (let i = 0; i < sales.length; i++) {
    expected[i] = G.fixedEffects[geos[i]] + media[i] + G.gamma.population * pop[i] +
      G.gamma.competitor * comp[i] + G.gamma.sentiment * sent[i] + G.monthEffects[monthOf(dates[i]) - 1];
    const e = sales[i] - expected[i];
    z2 += (e / G.noiseSd[geos[i]]) ** 2;
    ssr += e * e;
  }
  const zsd = Math.sqrt(z2 / sales.length);
  assert(Math.abs(zsd - 1) < 0.05, `standardized residual sd ${zsd}`);
  const ms = average(sales);
  assertRelClose(G.r2, 1 - ssr / total(Array.from(sales, (v) => (v - ms) ** 2)), 1e-9);
  assertEquals(G.monthEffects[0], 0);
  for (let g = 0; g < 40; g++) {
    const name = geos[g * 156];
    const meanPop = average(pop.slice(g * 156, (g + 1) * 156));
    assertRelClose(G.baselines[name], G.fixedEffects[name] + G.gamma.population * meanPop, 1e-12);
  }
  // Fixed effects are tied to size.
  const firstPop = Array.from({ length: 40 }, (_, g) => pop[g * 156]);
  assert(pearson(firstPop, Object.values(G.fixedEffects)) > 0.9, "fixed effects grow with population");
});

// ---- the bundled seed lets a correctly specified model recover the truth ---------------------------------

// A wiring check, not a coverage claim: the seed was not chosen for coverage, so a 95% interval may miss
// (about 1 in 20 do); an estimate more than 4 standard errors from its truth (probability ~6e-5 each under a
// correct generator) means the files and truth.json disagree.
Deno.test("oracle two-stage OLS (true θ, K) on the bundled data lies within 4 SE of every true coefficient", () => {
  const weeks = weekly.str("week");
  const ones = new Float64Array(104).fill(1);
  const nov = Float64Array.from(weeks, (w) => (monthOf(w) === 11 ? 1 : 0));
  const dec = Float64Array.from(weeks, (w) => (monthOf(w) === 12 ? 1 : 0));
  const ad = Object.fromEntries(
    SOCIAL.map((s) => [s, adstock(weekly.num(`${s}_spend`), W.adstock[s].theta)]),
  );
  const s1 = ols([ones, ...SOCIAL.map((s) => ad[s]), nov, dec], weekly.num("google_spend"));
  const t1 = [
    W.stage1.intercept,
    ...SOCIAL.map((s) => W.stage1.coef[s]),
    W.stage1.november,
    W.stage1.december,
  ];
  t1.forEach((v, j) =>
    assert(Math.abs(s1.coef[j] - v) < 4 * s1.se[j], `stage 1 [${j}] ${s1.coef[j]} vs ${v}`)
  );

  const outliers = new Set(W.outliers.map((o) => o.index));
  const keep = (x: Float64Array) => x.filter((_, t) => !outliers.has(t));
  const S = W.stage2;
  const x2 = [
    ones,
    adstock(weekly.num("google_spend"), W.adstock.google.theta),
    ad.facebook,
    weekly.num("emails_send").map((v) => hill(v, S.email.halfSaturation, S.email.shape)),
    weekly.num("sms_send").map((v) => hill(v, S.sms.halfSaturation, S.sms.shape)),
    weekly.num("average_price"),
    weekly.num("promotions"),
    weekly.num("social_followers"),
    nov,
    dec,
  ].map(keep);
  const s2 = ols(x2, keep(weekly.num("revenue")));
  const t2 = [
    S.intercept,
    S.google,
    S.direct.facebook,
    S.email.coef,
    S.sms.coef,
    S.price,
    S.promotion,
    S.followers,
    S.november,
    S.december,
  ];
  t2.forEach((v, j) =>
    assert(Math.abs(s2.coef[j] - v) < 4 * s2.se[j], `stage 2 [${j}] ${s2.coef[j]} vs ${v}`)
  );
});

Deno.test("oracle within-geo OLS (true θ, scale) on the bundled panel recovers the betas", () => {
  const n = geo.rows.length, months = geo.str("date").map(monthOf);
  const columns: Float64Array[] = MEDIA.map((c) => {
    const spend = geo.num(`${c}_spend`), out = new Float64Array(n), p = G.channels[c];
    for (let g = 0; g < 40; g++) {
      const ad = adstock(spend.slice(g * 156, (g + 1) * 156), p.theta);
      for (let t = 0; t < 156; t++) out[g * 156 + t] = Math.log1p(ad[t] / p.scale);
    }
    return out;
  });
  columns.push(
    geo.num("population"),
    geo.num("competitor_sales_control"),
    geo.num("sentiment_score_control"),
  );
  for (let m = 2; m <= 12; m++) columns.push(Float64Array.from(months, (v) => (v === m ? 1 : 0)));
  const y = geo.num("sales");
  const demean = (x: Float64Array) => {
    const out = new Float64Array(n);
    for (let g = 0; g < 40; g++) {
      const m = average(x.subarray(g * 156, (g + 1) * 156));
      for (let t = g * 156; t < (g + 1) * 156; t++) out[t] = x[t] - m;
    }
    return out;
  };
  const fit = ols(columns.map(demean), demean(y));
  MEDIA.forEach((c, j) => assertRelClose(fit.coef[j], G.channels[c].beta, 0.1, 1e-12, `beta ${c}`));
  assertRelClose(fit.coef[5], G.gamma.population, 0.25, 1e-12, "gamma population");
  assertRelClose(fit.coef[6], G.gamma.competitor, 0.25, 1e-12, "gamma competitor");
  assertRelClose(fit.coef[7], G.gamma.sentiment, 0.25, 1e-12, "gamma sentiment");
});
