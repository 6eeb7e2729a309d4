/**
 * Tests of the simulator behind the coverage study. Expected values come from the definitions (counterfactual
 * ROI, long-run effects, elasticity at the means), recomputed here from the CSV text and the stated
 * parameters, never read back from the simulator's own arithmetic.
 */
import { assert, assertAlmostEquals, assertEquals, assertRelClose } from "../assert.ts";
import { parseDataset } from "../../lib/data/load.ts";
import { GEO_HEADER, WEEKLY_HEADER } from "../../data/generate.ts";
import {
  GEO_RANGES,
  NATIONAL_RANGES,
  Random,
  saturationValue,
  simulateGeo,
  simulateNational,
  type TruthRow,
} from "../../data/simulate.ts";

const CHANNELS = ["tv", "print", "search", "social", "radio"] as const;
const SOCIAL = ["facebook", "tiktok", "instagram", "snapchat"] as const;

function table(csv: string) {
  const lines = csv.trimEnd().split("\n");
  const header = lines[0].split(",");
  const rows = lines.slice(1).map((l) => l.split(","));
  const col = (name: string) => {
    const j = header.indexOf(name);
    assert(j >= 0, `column ${name}`);
    return rows.map((r) => r[j]);
  };
  return { header, rows, num: (name: string) => col(name).map(Number), str: col };
}

const truthOf = (truth: readonly TruthRow[], quantity: string, channel: string) => {
  const t = truth.find((x) => x.quantity === quantity && x.channel === channel);
  assert(t, `truth ${quantity} ${channel}`);
  return t.value;
};

/** Geometric adstock by its definition, `a_t = x_t + θ a_{t−1}`. */
function adstock(x: readonly number[], theta: number): number[] {
  let carry = 0;
  return x.map((v) => (carry = v + theta * carry));
}

/** Per-geo series of a column (rows are sorted by geo, then date). */
function byGeo(t: ReturnType<typeof table>, name: string): number[][] {
  const geo = t.str("geo"), x = t.num(name);
  const out = new Map<string, number[]>();
  geo.forEach((g, i) => out.set(g, [...(out.get(g) ?? []), x[i]]));
  return [...out.values()];
}

const sum = (x: readonly number[]) => x.reduce((a, b) => a + b, 0);
const mean = (x: readonly number[]) => sum(x) / x.length;

Deno.test("simulateGeo and simulateNational are deterministic per seed and label", () => {
  const a = simulateGeo(new Random(11, "geo/3"), { placebo: true });
  const b = simulateGeo(new Random(11, "geo/3"), { placebo: true });
  const c = simulateGeo(new Random(12, "geo/3"), { placebo: true });
  assertEquals(a.csv, b.csv);
  assertEquals(a.truth, b.truth);
  assert(a.csv !== c.csv, "another seed gives another draw");
  const n1 = simulateNational(new Random(11, "national/3"));
  const n2 = simulateNational(new Random(11, "national/3"));
  assertEquals(n1.csv, n2.csv);
  assertEquals(n1.truth, n2.truth);
  assert(n1.csv !== simulateNational(new Random(11, "national/4")).csv);
});

Deno.test("draws stay inside the stated ranges and the bundled schemas, and parse with the default roles", () => {
  for (let i = 0; i < 6; i++) {
    const g = simulateGeo(new Random(5, `geo/${i}`), { placebo: i % 2 === 0 });
    const P = g.params;
    assert(P.geos >= GEO_RANGES.geos[0] && P.geos <= GEO_RANGES.geos[1]);
    assert(P.weeks >= GEO_RANGES.weeks[0] && P.weeks <= GEO_RANGES.weeks[1]);
    for (const p of Object.values(P.channels)) assert(p.theta >= 0 && p.theta <= GEO_RANGES.theta[1]);
    const header = g.csv.slice(0, g.csv.indexOf("\n")).split(",");
    assertEquals(header, [...GEO_HEADER, ...(P.placebo ? ["placebo_spend", "placebo_impressions"] : [])]);
    const ds = parseDataset(g.csv, "sim.csv", { kind: "geo", roles: g.roles });
    assertEquals(ds.n, P.geos * P.weeks);
    if (P.placebo) assertEquals(truthOf(g.truth, "roi", "placebo_spend"), 0);
    const zero = ds.columns.tv_spend.filter((v) => v === 0).length / ds.n;
    assert(zero <= 0.95, `tv is zero in ${zero} of rows`);

    const w = simulateNational(new Random(5, `national/${i}`), { placebo: i % 2 === 0 });
    assert(w.params.weeks >= NATIONAL_RANGES.weeks[0] && w.params.weeks <= NATIONAL_RANGES.weeks[1]);
    const wh = w.csv.slice(0, w.csv.indexOf("\n")).split(",");
    assertEquals(wh, [...WEEKLY_HEADER, ...(w.params.placebo ? ["placebo_spend"] : [])]);
    const wds = parseDataset(w.csv, "sim.csv", { kind: "weekly", roles: w.roles });
    assertEquals(wds.n, w.params.weeks);
    assert(w.params.outliers === w.outlierWeeks.length);
  }
});

Deno.test("geo truth: a linear channel without carryover has ROI = β and contribution = β × spend", () => {
  const linear = { saturation: { type: "linear" as const }, theta: 0, beta: 2 };
  const sim = simulateGeo(new Random(1, "hand"), {
    geos: 3,
    weeks: 104,
    channels: Object.fromEntries(CHANNELS.map((c) => [c, linear])),
  });
  const t = table(sim.csv);
  for (const c of CHANNELS) {
    assertAlmostEquals(truthOf(sim.truth, "roi", `${c}_spend`), 2, 1e-12);
    assertRelClose(truthOf(sim.truth, "contribution", `${c}_spend`), 2 * sum(t.num(`${c}_spend`)), 1e-12);
    assertEquals(truthOf(sim.truth, "carryover", `${c}_spend`), 0);
  }
});

Deno.test("geo truth: ROI sums β·g(adstock within each geo) over the sample, divided by spend", () => {
  const sim = simulateGeo(new Random(2, "hand"), {
    geos: 4,
    weeks: 110,
    channels: {
      tv: { theta: 0.5, saturation: { type: "linear" }, beta: 1.5 },
      print: { theta: 0.3, saturation: { type: "log1p", scale: 1000 }, beta: 800 },
      search: { theta: 0.7, saturation: { type: "hill", halfSaturation: 5000, shape: 2 }, beta: 20000 },
    },
  });
  const t = table(sim.csv);
  const spendOf = (c: string) => sum(t.num(`${c}_spend`));
  // tv: linear with carryover, β Σ_geo Σ_t adstock_t; carryover past the last week is not counted.
  const tv = 1.5 * sum(byGeo(t, "tv_spend").map((x) => sum(adstock(x, 0.5))));
  assertRelClose(truthOf(sim.truth, "contribution", "tv_spend"), tv, 1e-10);
  assertRelClose(truthOf(sim.truth, "roi", "tv_spend"), tv / spendOf("tv"), 1e-10);
  const print = 800 *
    sum(byGeo(t, "print_spend").map((x) => sum(adstock(x, 0.3).map((a) => Math.log(1 + a / 1000)))));
  assertRelClose(truthOf(sim.truth, "roi", "print_spend"), print / spendOf("print"), 1e-10);
  const hill = (a: number) => a * a / (a * a + 5000 * 5000);
  const search = 20000 * sum(byGeo(t, "search_spend").map((x) => sum(adstock(x, 0.7).map(hill))));
  assertRelClose(truthOf(sim.truth, "roi", "search_spend"), search / spendOf("search"), 1e-10);
  assertEquals(truthOf(sim.truth, "carryover", "search_spend"), 0.7);
  // a drawn ROI is met exactly (β follows from it)
  assertRelClose(truthOf(sim.truth, "roi", "social_spend"), sim.params.channels.social.roi!, 1e-10);
});

Deno.test("geo truth: marginal ROI is the central difference of the true response when all spend grows", () => {
  const channels = {
    tv: { theta: 0.5, saturation: { type: "linear" as const }, beta: 1.5 },
    print: { theta: 0.3, saturation: { type: "log1p" as const, scale: 1000 }, beta: 800 },
    search: {
      theta: 0.7,
      saturation: { type: "hill" as const, halfSaturation: 5000, shape: 2 },
      beta: 20000,
    },
    social: {
      theta: 0.2,
      saturation: { type: "hill" as const, halfSaturation: 3000, shape: 0.8 },
      beta: 9000,
    },
  };
  const sim = simulateGeo(new Random(3, "hand"), { geos: 3, weeks: 104, channels });
  const t = table(sim.csv);
  const curves: Record<string, (a: number) => number> = {
    tv: (a) => a,
    print: (a) => Math.log(1 + a / 1000),
    search: (a) => a * a / (a * a + 5000 * 5000),
    social: (a) => (a <= 0 ? 0 : a ** 0.8 / (a ** 0.8 + 3000 ** 0.8)),
  };
  for (const [c, p] of Object.entries(channels)) {
    // R(1 + δ): the channel's in-sample response with every row's spend scaled by 1 + δ, adstock per geo
    const response = (scale: number) =>
      p.beta *
      sum(byGeo(t, `${c}_spend`).map((x) => sum(adstock(x.map((v) => v * scale), p.theta).map(curves[c]))));
    const h = 1e-5, spend = sum(t.num(`${c}_spend`));
    const expected = (response(1 + h) - response(1 - h)) / (2 * h * spend);
    assertRelClose(truthOf(sim.truth, "marginal_roi", `${c}_spend`), expected, 1e-6);
  }
  // linear: the marginal ROI equals the ROI; concave curves: below it
  assertRelClose(
    truthOf(sim.truth, "marginal_roi", "tv_spend"),
    truthOf(sim.truth, "roi", "tv_spend"),
    1e-12,
  );
  assert(truthOf(sim.truth, "marginal_roi", "print_spend") < truthOf(sim.truth, "roi", "print_spend"));
});

Deno.test("geo truth: population is a control only when it varies within geos", () => {
  const still = simulateGeo(new Random(3, "pop"), { geos: 3, weeks: 104, populationVaries: false });
  assert(!still.truth.some((r) => r.channel === "population"));
  const t = table(still.csv);
  for (const x of byGeo(t, "population")) assert(x.every((v) => v === x[0]), "constant within geo");
  const moving = simulateGeo(new Random(3, "pop"), { geos: 3, weeks: 104, populationVaries: true });
  assertEquals(truthOf(moving.truth, "control", "population"), moving.params.populationEffect);
});

Deno.test("saturationValue: log1p, Hill and linear by their formulas", () => {
  assertAlmostEquals(saturationValue(3, { type: "log1p", scale: 1 }), Math.log(4), 1e-15);
  assertAlmostEquals(saturationValue(50, { type: "hill", halfSaturation: 50, shape: 3 }), 0.5, 1e-15);
  assertEquals(saturationValue(0, { type: "hill", halfSaturation: 50, shape: 0.8 }), 0);
  assertEquals(saturationValue(7, { type: "linear" }), 7);
});

Deno.test("national truth: without carryover, ROI through both stages is a·b, Google's ROI is b", () => {
  const social = Object.fromEntries(SOCIAL.map((s) => [s, { theta: 0, a: 0.3, c: 0 }]));
  const sim = simulateNational(new Random(4, "hand"), {
    weeks: 104,
    social,
    google: { theta: 0, b: 2, noiseCv: 0 },
    noiseCv: 0,
    outliers: 0,
  });
  for (const s of SOCIAL) {
    const col = `${s}_spend`;
    assertAlmostEquals(truthOf(sim.truth, "roi", col), 0.6, 1e-12);
    assertAlmostEquals(truthOf(sim.truth, "google_per_dollar", col), 0.3, 1e-15);
    assertAlmostEquals(truthOf(sim.truth, "indirect_per_dollar", col), 0.6, 1e-15);
    assertEquals(truthOf(sim.truth, "direct_per_dollar", col), 0);
    assertAlmostEquals(truthOf(sim.truth, "total_per_dollar", col), 0.6, 1e-15);
  }
  assertAlmostEquals(truthOf(sim.truth, "roi", "google_spend"), 2, 1e-12);
});

Deno.test("national truth: long-run per-dollar effects, the direct path, in-sample ROI with carryover", () => {
  const social = {
    facebook: { theta: 0.5, a: 0.2, c: 0.4, base: 50000 },
    tiktok: { theta: 0.2, a: 0.1, c: 0.3, base: 3000 },
    instagram: { theta: 0, a: 0.25, c: 0, base: 3000 },
    snapchat: { theta: 0.6, a: 0, c: 0, base: 3000 },
  };
  const sim = simulateNational(new Random(5, "hand"), {
    weeks: 120,
    social,
    google: { theta: 0.4, b: 1.5, noiseCv: 0 },
    noiseCv: 0,
    outliers: 0,
  });
  const t = table(sim.csv);
  assertEquals(sim.params.directSocial, "facebook_spend"); // the most spend
  const fb = "facebook_spend";
  assertAlmostEquals(truthOf(sim.truth, "google_per_dollar", fb), 0.2 / 0.5, 1e-15);
  assertAlmostEquals(truthOf(sim.truth, "indirect_per_dollar", fb), (0.2 / 0.5) * (1.5 / 0.6), 1e-12);
  assertAlmostEquals(truthOf(sim.truth, "direct_per_dollar", fb), 0.4 / 0.5, 1e-15);
  // only the channel with the most spend has a direct path
  assertEquals(truthOf(sim.truth, "direct_per_dollar", "tiktok_spend"), 0);
  const x = t.num(fb);
  const viaGoogle = 1.5 * sum(adstock(adstock(x, 0.5).map((v) => 0.2 * v), 0.4));
  const direct = 0.4 * sum(adstock(x, 0.5));
  assertRelClose(truthOf(sim.truth, "roi", fb), (viaGoogle + direct) / sum(x), 1e-10);
  const g = t.num("google_spend");
  assertRelClose(truthOf(sim.truth, "roi", "google_spend"), (1.5 * sum(adstock(g, 0.4))) / sum(g), 1e-10);
  assertEquals(truthOf(sim.truth, "roi", "snapchat_spend"), 0);
  assertEquals(truthOf(sim.truth, "carryover", "google_spend"), 0.4);
});

Deno.test("national truth: noise-free revenue is the stated structural equation; elasticity at the means", () => {
  const sim = simulateNational(new Random(6, "hand"), { weeks: 110, noiseCv: 0, outliers: 0 });
  const t = table(sim.csv);
  const P = sim.params, k = P.coefficients;
  const weeks = t.str("week");
  const nov = weeks.map((w) => (w.slice(5, 7) === "11" ? 1 : 0));
  const dec = weeks.map((w) => (w.slice(5, 7) === "12" ? 1 : 0));
  const google = adstock(t.num("google_spend"), P.google.theta);
  const top = P.directSocial;
  const direct = adstock(t.num(top), P.social[top.replace("_spend", "")].theta);
  const cTop = P.social[top.replace("_spend", "")].c;
  const email = t.num("emails_send"), sms = t.num("sms_send"), price = t.num("average_price");
  const promo = t.num("promotions"), followers = t.num("social_followers"), revenue = t.num("revenue");
  for (let i = 0; i < revenue.length; i++) {
    const expected = k.intercept + P.google.b * google[i] + cTop * direct[i] +
      k.email * saturationValue(email[i], k.emailSaturation) +
      k.sms * saturationValue(sms[i], k.smsSaturation) +
      k.price * price[i] + k.promotion * promo[i] + k.followers * followers[i] + k.november * nov[i] +
      k.december * dec[i];
    assertAlmostEquals(revenue[i], expected, 0.006, `week ${i}`);
  }
  assertRelClose(
    truthOf(sim.truth, "price_elasticity", "average_price"),
    (k.price * mean(price)) / mean(revenue),
    1e-12,
  );
  assertEquals(truthOf(sim.truth, "promotion_lift", "promotions"), k.promotion);
  const emailContribution = k.email * sum(email.map((v) => saturationValue(v, k.emailSaturation)));
  assertRelClose(truthOf(sim.truth, "contribution", "emails_send"), emailContribution, 1e-10);
  // the drawn share of revenue is met: contribution = share × n × mean revenue level
  assert(Number.isFinite(emailContribution) && emailContribution > 0);
});

Deno.test("the national placebo has no effect and less spend than the channel with the direct path", () => {
  for (let i = 0; i < 5; i++) {
    const sim = simulateNational(new Random(7, `placebo/${i}`), { placebo: true });
    const t = table(sim.csv);
    for (
      const q of ["roi", "google_per_dollar", "indirect_per_dollar", "direct_per_dollar", "total_per_dollar"]
    ) {
      assertEquals(truthOf(sim.truth, q, "placebo_spend"), 0);
    }
    assert(sum(t.num("placebo_spend")) < sum(t.num(sim.params.directSocial)));
    assertEquals(sim.roles.social, [...SOCIAL.map((s) => `${s}_spend`), "placebo_spend"]);
  }
});
