/**
 * Reproduces the seed screening described in `data/README.md` ("Choice of seed"): for each seed, generate the
 * data in memory, fit the correctly specified models with the TRUE transforms (carryover, saturation, scales),
 * and report whether the draw has the properties the bundled data were chosen for:
 *
 * - coverage: every true slope inside its 95% interval — stage 1 (the social coefficients a_s and the
 *   November/December effects; classical OLS), stage 2 (Google, Facebook direct, email, SMS, price, promotion,
 *   followers, November, December; classical OLS on all weeks but the recorded outliers) and the geo panel (the
 *   five media betas and the three controls; fixed effects, cluster-robust by geo);
 * - the Facebook–Google correlation ≥ 0.7;
 * - the true-model stage-2 R² in [0.85, 0.90];
 * - the direct Facebook effect significant at 5%.
 *
 * Usage: `deno task screen-seeds [first] [last]` (default 1 80). Prints one row per seed and the counts.
 * Deterministic: the same seeds always print the same table.
 *
 * @module
 */
import { generate, SEED } from "./generate.ts";
import { parseDataset } from "../lib/data/mod.ts";
import { designFromColumns, geometricAdstock, monthDummies, saturate } from "../lib/features/mod.ts";
import { fitGeoModel } from "../lib/decompose/mod.ts";
import { fitOls, type RegressionFitBase } from "../lib/models/mod.ts";

const SOCIAL = ["facebook", "tiktok", "instagram", "snapchat"] as const;

/** Whether `truth` lies in the 95% interval of term `term`. */
function covers(fit: RegressionFitBase, term: string, truth: number): boolean {
  const j = fit.terms.indexOf(term);
  if (j < 0) throw new Error(`no term ${term}`);
  return fit.confInt.lower[j] <= truth && truth <= fit.confInt.upper[j];
}

/** One seed's screening result. */
export interface SeedScreen {
  seed: number;
  covered: number;
  coefficients: number;
  correlation: number;
  r2: number;
  facebookDirectP: number;
  passes: boolean;
}

/** Screens one seed (see the module doc). */
export function screenSeed(seed: number): SeedScreen {
  const g = generate(seed);
  const W = g.truth.weekly, Gt = g.truth.geo;
  const weekly = parseDataset(g.weeklyCsv, `seed ${seed} weekly`, { kind: "weekly" });
  const col = (c: string) => weekly.columns[c];
  const months = monthDummies(weekly.dates);
  const ad = Object.fromEntries(
    SOCIAL.map((s) => [s, geometricAdstock(col(`${s}_spend`), W.adstock[s].theta)]),
  );

  const stage1 = fitOls(
    designFromColumns({ ...ad, november: months.month_11, december: months.month_12 }),
    col("google_spend"),
  );
  const checks1 = [
    ...SOCIAL.map((s) => covers(stage1, s, W.stage1.coef[s])),
    covers(stage1, "november", W.stage1.november),
    covers(stage1, "december", W.stage1.december),
  ];

  const outliers = new Set(W.outliers.map((o) => o.index));
  const keep = Array.from({ length: weekly.n }, (_, i) => i).filter((i) => !outliers.has(i));
  const pick = (x: ArrayLike<number>) => Float64Array.from(keep, (i) => x[i]);
  const hill = (c: string, h: { halfSaturation: number; shape: number }) =>
    saturate(col(c), { type: "hill", halfSaturation: h.halfSaturation, shape: h.shape });
  const S = W.stage2;
  const stage2 = fitOls(
    designFromColumns({
      google: pick(geometricAdstock(col("google_spend"), W.adstock.google.theta)),
      facebook: pick(ad.facebook),
      email: pick(hill("emails_send", S.email)),
      sms: pick(hill("sms_send", S.sms)),
      price: pick(col("average_price")),
      promotion: pick(col("promotions")),
      followers: pick(col("social_followers")),
      november: pick(months.month_11),
      december: pick(months.month_12),
    }),
    pick(col("revenue")),
  );
  const checks2 = [
    covers(stage2, "google", S.google),
    covers(stage2, "facebook", S.direct.facebook),
    covers(stage2, "email", S.email.coef),
    covers(stage2, "sms", S.sms.coef),
    covers(stage2, "price", S.price),
    covers(stage2, "promotion", S.promotion),
    covers(stage2, "followers", S.followers),
    covers(stage2, "november", S.november),
    covers(stage2, "december", S.december),
  ];

  const geo = parseDataset(g.geoCsv, `seed ${seed} geo`, { kind: "geo" });
  const chosen = Object.fromEntries(
    geo.roles.media.map((c) => {
      const t = Gt.channels[c.replace(/_spend$/, "") as keyof typeof Gt.channels];
      return [c, { theta: t.theta, scale: t.scale }];
    }),
  );
  const { fit } = fitGeoModel(geo, chosen);
  const checks3 = [
    ...geo.roles.media.map((c) =>
      covers(fit, c, Gt.channels[c.replace(/_spend$/, "") as keyof typeof Gt.channels].beta)
    ),
    covers(fit, "population", Gt.gamma.population),
    covers(fit, "competitor_sales_control", Gt.gamma.competitor),
    covers(fit, "sentiment_score_control", Gt.gamma.sentiment),
  ];

  const checks = [...checks1, ...checks2, ...checks3];
  const covered = checks.filter(Boolean).length;
  const facebookDirectP = stage2.pvalues[stage2.terms.indexOf("facebook")];
  const r2 = S.r2;
  const correlation = W.correlationFacebookGoogle;
  return {
    seed,
    covered,
    coefficients: checks.length,
    correlation,
    r2,
    facebookDirectP,
    passes: covered === checks.length && correlation >= 0.7 && r2 >= 0.85 && r2 <= 0.9 &&
      facebookDirectP < 0.05,
  };
}

if (import.meta.main) {
  const first = Number(Deno.args[0] ?? 1), last = Number(Deno.args[1] ?? 80);
  const rows: SeedScreen[] = [];
  for (let seed = first; seed <= last; seed++) {
    const r = screenSeed(seed);
    rows.push(r);
    console.log(
      `seed ${String(seed).padStart(3)}  covered ${r.covered}/${r.coefficients}  corr ${
        r.correlation.toFixed(2)
      }  ` +
        `R² ${r.r2.toFixed(3)}  fb direct p ${r.facebookDirectP.toFixed(3)}${r.passes ? "  passes" : ""}${
          seed === SEED ? "  (bundled)" : ""
        }`,
    );
  }
  const n = rows.length;
  const count = (f: (r: SeedScreen) => boolean) => rows.filter(f).length;
  console.log(`\n${n} seeds:`);
  console.log(`  every coefficient covered:        ${count((r) => r.covered === r.coefficients)}`);
  console.log(`  Facebook–Google correlation ≥ 0.7: ${count((r) => r.correlation >= 0.7)}`);
  console.log(`  stage-2 R² in [0.85, 0.90]:       ${count((r) => r.r2 >= 0.85 && r.r2 <= 0.9)}`);
  console.log(`  Facebook direct p < 0.05:         ${count((r) => r.facebookDirectP < 0.05)}`);
  console.log(
    `  all of the above:                 ${count((r) => r.passes)} (${
      rows.filter((r) => r.passes).map((r) => r.seed).join(", ")
    })`,
  );
  const mean = (f: (r: SeedScreen) => number) => rows.reduce((a, r) => a + f(r), 0) / n;
  console.log(
    `  mean coverage per seed: ${
      (100 * mean((r) => r.covered / r.coefficients)).toFixed(1)
    }% of coefficients`,
  );
}
