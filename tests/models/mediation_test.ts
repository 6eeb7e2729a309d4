/**
 * The two-stage mediation model against statsmodels (tests/fixtures/mediation.py → mediation.json), its
 * bootstrap, cross-validation and importance.
 *
 * Tolerances: OLS coefficients, standard errors, the Wald F test, effects and contributions (closed form from
 * the coefficients) agree with the fixture to 1e-8 relative. The fixture holds its own copy of the bundled
 * weekly columns, so these tests do not depend on `data/`; the recovery test reads `data/mmm_weekly.csv` and
 * `data/truth.json` on purpose.
 */

import { assert, assertArrayClose, assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import { loadDataset } from "../../lib/data/load.ts";
import { loadTruth } from "../../lib/data/truth.ts";
import { monthDummies } from "../../lib/features/calendar.ts";
import { timeSeriesSplit } from "../../lib/evaluate/time_series_split.ts";
import {
  estimateOf,
  fitMediation,
  fitStages,
  mediationData,
  type MediationInputs,
  type MediationSpec,
} from "../../lib/models/mediation.ts";
import {
  bootstrapInterval,
  bootstrapMediation,
  type MediationBootstrap,
} from "../../lib/models/mediation_bootstrap.ts";
import { crossValidateMediation, stage2Importance } from "../../lib/evaluate/mediation_evaluate.ts";

interface SocialRef {
  channel: string;
  [k: string]: number | string;
}
interface FoldRef {
  train: number[];
  test: number[];
  stage1Coef: number[];
  stage2Coef: number[];
  predictions: number[];
  r2: number;
  rmse: number;
  mape: number;
}
interface CaseRef {
  name: string;
  spec: MediationSpec;
  rows: number[];
  cov: { covType: "HAC"; maxLags: number } | null;
  stage1: { terms: string[]; coef: number[]; bse: number[]; rsquared: number };
  stage2: { terms: string[]; coef: number[]; bse: number[]; rsquared: number };
  fitted: number[];
  mediatorFitted: number[];
  mediatorResidual: number[];
  wald: { statistic: number; pValue: number; dfNum: number; dfDenom: number };
  social: SocialRef[];
  mediator: Record<string, number>;
  direct: { channel: string; coef: number; contribution: number; volume: number }[];
  priceElasticity?: number;
  promotionLift?: { absolute: number; percentOfMeanOutcome: number; contribution: number };
  standardized: Record<string, number>;
  cv: {
    nSplits: number;
    testSize: number;
    folds: FoldRef[];
    summary: Record<"r2" | "rmse" | "mape", { mean: number; sd: number }>;
  };
}

const fixture = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/mediation.json", import.meta.url)),
) as {
  n: number;
  columns: Record<string, number[]>;
  cases: CaseRef[];
};
const RTOL = 1e-8;
const columns = Object.fromEntries(
  Object.entries(fixture.columns).map(([k, v]) => [k, Float64Array.from(v)]),
) as Record<string, Float64Array>;
const inputsOf = (c: CaseRef): MediationInputs => ({
  spec: c.spec,
  columns,
  y: columns.revenue,
  rows: c.rows,
  yName: "revenue",
});
const optionsOf = (c: CaseRef) => (c.cov ? { covType: c.cov.covType, maxLags: c.cov.maxLags } : {});
const caseNamed = (name: string) => fixture.cases.find((c) => c.name === name)!;

for (const c of fixture.cases) {
  Deno.test(`fitMediation (${c.name}): both stages' coefficients and SEs match statsmodels to 1e-8`, () => {
    const fit = fitMediation(inputsOf(c), optionsOf(c));
    assertEquals([...fit.stage1.terms], c.stage1.terms);
    assertEquals([...fit.stage2.terms], c.stage2.terms);
    assertArrayClose(fit.stage1.coef, c.stage1.coef, RTOL);
    assertArrayClose(fit.stage1.bse, c.stage1.bse, RTOL);
    assertArrayClose(fit.stage2.coef, c.stage2.coef, RTOL);
    assertArrayClose(fit.stage2.bse, c.stage2.bse, RTOL);
    assertRelClose(fit.rsquared.stage1, c.stage1.rsquared, RTOL);
    assertRelClose(fit.rsquared.stage2, c.stage2.rsquared, RTOL);
    assertEquals([...fit.rows], c.rows);
    // M̂, û and the stage-2 prediction for every week, relative to the scale of the series
    assertArrayClose(fit.mediatorFitted, c.mediatorFitted, RTOL);
    assertArrayClose(fit.mediatorResidual, c.mediatorResidual, RTOL, 1e4);
    assertArrayClose(fit.fitted, c.fitted, RTOL);
  });

  Deno.test(`fitMediation (${c.name}): Wald test of b = b_u matches statsmodels' f_test`, () => {
    const fit = fitMediation(inputsOf(c), optionsOf(c));
    const w = fit.equalMediatorEffects;
    assertRelClose(w.statistic, c.wald.statistic, RTOL);
    assertRelClose(w.pValue, c.wald.pValue, RTOL);
    assertEquals([w.dfNum, w.dfDenom], [c.wald.dfNum, c.wald.dfDenom]);
    // the form: one restriction, F = (b − b_u)² / (V_bb + V_uu − 2 V_bu) with the stage-2 covariance
    const k = fit.stage2.terms.length, v = fit.stage2.cov;
    const d = fit.stage2.coef[1] - fit.stage2.coef[2];
    assertRelClose(w.difference, c.stage2.coef[1] - c.stage2.coef[2], RTOL);
    assertRelClose(w.statistic, (d * d) / (v[1 * k + 1] + v[2 * k + 2] - 2 * v[1 * k + 2]), 1e-10);
  });

  Deno.test(`fitMediation (${c.name}): effects, Sobel SEs and contributions match their definitions`, () => {
    const fit = fitMediation(inputsOf(c), optionsOf(c));
    for (const ref of c.social) {
      const e = fit.effects.social.find((s) => s.channel === ref.channel)!;
      for (const [key, value] of Object.entries(ref)) {
        if (key === "channel") continue;
        const got = (e as unknown as Record<string, number>)[key];
        assertRelClose(got, value as number, RTOL, 1e-12, `${ref.channel}.${key}`);
      }
    }
    const med = fit.effects.mediator;
    for (const key of ["b", "bResidual", "perDollar", "contribution", "spend", "roi"] as const) {
      assertRelClose(med[key], c.mediator[key], RTOL, 1e-12, `mediator.${key}`);
    }
    c.direct.forEach((ref, i) => {
      const e = fit.effects.direct[i];
      assertEquals(e.channel, ref.channel);
      assertRelClose(e.coef, ref.coef, RTOL);
      assertRelClose(e.contribution, ref.contribution, RTOL);
      assertRelClose(e.volume, ref.volume, RTOL);
      assertRelClose(e.contributionPerThousand, (1000 * ref.contribution) / ref.volume, RTOL);
    });
    if (c.priceElasticity === undefined) assertEquals(fit.effects.priceElasticity, null);
    else assertRelClose(fit.effects.priceElasticity!, c.priceElasticity, RTOL);
    if (c.promotionLift === undefined) assertEquals(fit.effects.promotionLift, null);
    else {
      const lift = fit.effects.promotionLift!;
      assertRelClose(lift.absolute, c.promotionLift.absolute, RTOL);
      assertRelClose(lift.percentOfMeanOutcome, c.promotionLift.percentOfMeanOutcome, RTOL);
      assertRelClose(lift.contribution, c.promotionLift.contribution, RTOL);
    }
    assertEquals([...fit.standardized.names], Object.keys(c.standardized));
    assertArrayClose(fit.standardized.values, Object.values(c.standardized), RTOL);
    // the flat vector carries the same numbers
    assertRelClose(
      estimateOf(fit.estimates, c.social[0].channel, "indirectPerDollar"),
      c.social[0].indirectPerDollar as number,
      RTOL,
    );
  });

  Deno.test(`crossValidateMediation (${c.name}): folds, coefficients, predictions, scores match`, () => {
    const folds = timeSeriesSplit(fixture.n, { nSplits: c.cv.nSplits, testSize: c.cv.testSize });
    const res = crossValidateMediation(inputsOf(c), folds);
    assertEquals(res.cv.folds.length, c.cv.folds.length);
    c.cv.folds.forEach((ref, f) => {
      assertEquals([...res.folds[f].train], ref.train);
      assertEquals([...res.folds[f].test], ref.test);
      // stage 1 as statsmodels fits it on the training rows only
      assertArrayClose(res.foldFits[f].stage1Coef, ref.stage1Coef, RTOL);
      assertArrayClose(res.foldFits[f].stage2Coef, ref.stage2Coef, RTOL);
      assertArrayClose(res.cv.folds[f].predictions, ref.predictions, RTOL);
      assertRelClose(res.cv.folds[f].scores.r2, ref.r2, RTOL);
      assertRelClose(res.cv.folds[f].scores.rmse, ref.rmse, RTOL);
      assertRelClose(res.cv.folds[f].scores.mape, ref.mape, RTOL);
    });
    for (const metric of ["r2", "rmse", "mape"] as const) {
      assertRelClose(res.cv.mean[metric], c.cv.summary[metric].mean, RTOL);
      assertRelClose(res.cv.sd[metric], c.cv.summary[metric].sd, RTOL);
    }
    assertRelClose(res.inSample.stage1R2, c.stage1.rsquared, RTOL);
    assertRelClose(res.inSample.stage2R2, c.stage2.rsquared, RTOL);
  });
}

Deno.test("crossValidateMediation: no leakage — test weeks' mediator and outcome reach no stage", () => {
  const c = caseNamed("truth");
  const folds = timeSeriesSplit(fixture.n, { nSplits: 4, testSize: 13 });
  const base = crossValidateMediation(inputsOf(c), folds);
  // Corrupt the mediator and the outcome in the last fold's test weeks. Every fold trains on earlier weeks,
  // so no fold's stage 1 or stage 2 may change; a stage 1 fitted on all weeks (or on train + test) would.
  const lastTest = folds[folds.length - 1].test;
  const mediator = columns.google_spend.slice();
  const y = columns.revenue.slice();
  const delta = new Float64Array(fixture.n);
  for (const i of lastTest) {
    delta[i] = 50_000 + 1_000 * (i % 7);
    mediator[i] += delta[i];
    y[i] *= 3;
  }
  const corrupted = crossValidateMediation(
    { ...inputsOf(c), columns: { ...columns, google_spend: mediator }, y },
    folds,
  );
  base.foldFits.forEach((f, k) => {
    assertEquals([...corrupted.foldFits[k].stage1Coef], [...f.stage1Coef], `fold ${k} stage 1`);
    assertEquals([...corrupted.foldFits[k].stage2Coef], [...f.stage2Coef], `fold ${k} stage 2`);
  });
  // The last fold's predictions move only through û = M − M̂ of the test weeks: by b_u · adstock(δ, θ_M)
  const last = base.cv.folds.length - 1;
  const bu = base.foldFits[last].stage2Coef[2];
  const theta = c.spec.mediator.theta;
  let carry = 0;
  const adstocked = delta.map((d) => (carry = d + theta * carry));
  base.cv.folds[last].test.forEach((i, t) => {
    const moved = corrupted.cv.folds[last].predictions[t] - base.cv.folds[last].predictions[t];
    assertRelClose(moved, bu * adstocked[i], 1e-7);
  });
});

Deno.test("crossValidateMediation: weeks outside the fit rows are in no training or test set", () => {
  const c = caseNamed("truth");
  const res = crossValidateMediation(inputsOf(c), timeSeriesSplit(fixture.n, { nSplits: 4, testSize: 13 }));
  const dropped = [27, 63].filter((i) => !c.rows.includes(i));
  assertEquals(dropped, [27, 63]);
  for (const f of res.folds) for (const i of dropped) assert(!f.train.includes(i) && !f.test.includes(i));
  assert(Number.isNaN(res.cv.predictions[63]));
});

Deno.test("fitStages on the fit rows gives fitMediation's coefficients", () => {
  const c = caseNamed("truth");
  const fit = fitMediation(inputsOf(c));
  const coef = fitStages(mediationData(inputsOf(c)));
  assertArrayClose(coef.stage1, fit.stage1.coef, 1e-12);
  assertArrayClose(coef.stage2, fit.stage2.coef, 1e-12);
});

// ---------------------------------------------------------------------------------------------------------
// Bootstrap

const truthCase = caseNamed("truth");
const SMALL = { seed: 11, reps: 60 };

Deno.test("bootstrapMediation is deterministic given the seed, and the seed matters", () => {
  const a = bootstrapMediation(inputsOf(truthCase), SMALL);
  const b = bootstrapMediation(inputsOf(truthCase), SMALL);
  const other = bootstrapMediation(inputsOf(truthCase), { ...SMALL, seed: 12 });
  assertEquals([...a.replicates.values], [...b.replicates.values]);
  assertEquals(a.effects, b.effects);
  assert(a.replicates.values.some((v, i) => v !== other.replicates.values[i]));
});

Deno.test("bootstrapMediation: one block as long as the sample reproduces the full-sample fit", () => {
  const boot = bootstrapMediation(inputsOf(truthCase), {
    seed: 3,
    reps: 5,
    blockLength: truthCase.rows.length,
  });
  assertEquals(boot.nFailed, 0);
  const q = boot.replicates.names.length;
  for (let r = 0; r < 5; r++) {
    const row = boot.replicates.values.subarray(r * q, r * q + q);
    assertArrayClose(row, boot.fit.estimates.values, 1e-9, 1e-6);
  }
  for (const e of boot.effects) {
    assert(e.se <= 1e-9 * Math.max(Math.abs(e.estimate), 1), `${e.name}: se ${e.se} of identical replicates`);
  }
});

Deno.test("bootstrapMediation: SE, percentile interval and share ≤ 0 follow their definitions", () => {
  const boot = bootstrapMediation(inputsOf(truthCase), { seed: 5, reps: 101, level: 0.9 });
  const q = boot.replicates.names.length;
  const ok = boot.reps - boot.nFailed;
  assertEquals(boot.replicates.values.length, ok * q);
  const j = boot.replicates.names.indexOf("facebook_spend.indirectPerDollar");
  const values = Array.from({ length: ok }, (_, r) => boot.replicates.values[r * q + j]);
  const mean = values.reduce((s, v) => s + v, 0) / ok;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (ok - 1));
  const sorted = [...values].sort((x, y) => x - y);
  const interp = (p: number) => {
    const h = (ok - 1) * p, lo = Math.floor(h);
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  };
  const e = bootstrapInterval(boot, "facebook_spend", "indirectPerDollar");
  assertRelClose(e.se, sd, 1e-12);
  assertRelClose(e.lower, interp(0.05), 1e-12);
  assertRelClose(e.upper, interp(0.95), 1e-12);
  assertEquals(e.shareNonPositive, values.filter((v) => v <= 0).length / ok);
  assertEquals(e.estimate, estimateOf(boot.fit.estimates, "facebook_spend", "indirectPerDollar"));
});

Deno.test("bootstrapMediation rejects bad options", () => {
  const inputs = inputsOf(truthCase);
  assertThrows(() => bootstrapMediation(inputs, { seed: -1 }), RangeError, "seed");
  assertThrows(() => bootstrapMediation(inputs, { seed: 1.5 }), RangeError, "seed");
  assertThrows(() => bootstrapMediation(inputs, { seed: 1, reps: 1 }), RangeError, "reps");
  assertThrows(() => bootstrapMediation(inputs, { seed: 1, blockLength: 0 }), RangeError, "blockLength");
  assertThrows(() => bootstrapMediation(inputs, { seed: 1, blockLength: 500 }), RangeError, "blockLength");
  assertThrows(() => bootstrapMediation(inputs, { seed: 1, level: 1 }), RangeError, "level");
});

// The bundled data with the true transforms, read as the notebooks read it.
function bundledInputs(): { inputs: MediationInputs; truth: ReturnType<typeof loadTruth> } {
  const root = new URL("../../", import.meta.url);
  const weekly = loadDataset(new URL("data/mmm_weekly.csv", root).pathname, { kind: "weekly" });
  const truth = loadTruth(new URL("data/truth.json", root).pathname);
  const w = truth.weekly;
  const months = monthDummies(weekly.dates);
  const outliers = new Set(w.outliers.map((o) => o.index));
  const social = ["facebook", "tiktok", "instagram", "snapchat"] as const;
  const hill = (k: "email" | "sms") => ({
    type: "hill" as const,
    halfSaturation: w.stage2[k].halfSaturation,
    shape: w.stage2[k].shape,
  });
  const spec: MediationSpec = {
    social: social.map((s) => ({ column: `${s}_spend`, theta: w.adstock[s].theta })),
    mediator: { column: "google_spend", theta: w.adstock.google.theta },
    directSocial: [{ column: "facebook_spend", theta: w.adstock.facebook.theta }],
    direct: [
      { column: "emails_send", saturation: hill("email") },
      { column: "sms_send", saturation: hill("sms") },
    ],
    stage1Controls: ["november", "december"],
    stage2Controls: ["social_followers", "november", "december"],
    price: "average_price",
    promotion: "promotions",
  };
  return {
    inputs: {
      spec,
      columns: { ...weekly.columns, november: months.month_11, december: months.month_12 },
      y: weekly.columns.revenue,
      rows: Array.from({ length: weekly.n }, (_, i) => i).filter((i) => !outliers.has(i)),
      yName: "revenue",
    },
    truth,
  };
}

let headline: MediationBootstrap | undefined;
function headlineBootstrap(): MediationBootstrap {
  return headline ??= bootstrapMediation(bundledInputs().inputs, { seed: 20240611 });
}

Deno.test("bootstrapMediation on the bundled data: every 95% interval contains its point estimate", () => {
  const boot = headlineBootstrap();
  assertEquals(boot.reps, 999);
  assert(boot.nFailed < 0.2 * boot.reps, `${boot.nFailed} failed replicates`);
  for (const e of [...boot.effects, ...boot.standardized]) {
    assert(
      e.lower <= e.estimate && e.estimate <= e.upper,
      `${e.name}: ${e.estimate} outside [${e.lower}, ${e.upper}]`,
    );
  }
});

Deno.test("recovery: true Facebook indirect and direct effects and Google's b lie in the 95% intervals", () => {
  const boot = headlineBootstrap();
  const { truth } = bundledInputs();
  const fb = truth.weekly.contributions.social.facebook;
  const within = (channel: string, quantity: string, value: number) => {
    const e = bootstrapInterval(boot, channel, quantity);
    assert(
      e.lower <= value && value <= e.upper,
      `${channel}.${quantity}: truth ${value} outside [${e.lower}, ${e.upper}]`,
    );
  };
  within("facebook_spend", "indirectPerDollar", fb.indirectPerDollarLongRun);
  within("facebook_spend", "directPerDollar", fb.directPerDollarLongRun);
  within("google_spend", "b", truth.weekly.stage2.google);
  // and the indirect effect is positive in (nearly) every replicate
  assert(bootstrapInterval(boot, "facebook_spend", "indirectPerDollar").shareNonPositive < 0.025);
});

Deno.test("stage2Importance: one row per stage-2 term, bootstrap intervals, seeded permutations", () => {
  const boot = bootstrapMediation(inputsOf(truthCase), SMALL);
  const rows = stage2Importance(boot.fit, { seed: 4, nRepeats: 5, bootstrap: boot });
  assertEquals(rows.map((r) => r.term), truthCase.stage2.terms.slice(1));
  assertArrayClose(rows.map((r) => r.standardized), Object.values(truthCase.standardized), RTOL);
  for (const r of rows) {
    const b = boot.standardized.find((s) => s.name === r.term)!;
    assertEquals([r.standardizedSe, r.standardizedLower, r.standardizedUpper], [b.se, b.lower, b.upper]);
    assert(Number.isFinite(r.permutationMean) && r.permutationSd >= 0);
  }
  assertEquals(
    stage2Importance(boot.fit, { seed: 4, nRepeats: 5 }).map((r) => r.permutationMean),
    rows.map((r) => r.permutationMean),
  );
  assert(Number.isNaN(stage2Importance(boot.fit, { seed: 4, nRepeats: 2 })[0].standardizedLower));
});

// ---------------------------------------------------------------------------------------------------------
// Input checks

Deno.test("fitMediation rejects inputs it cannot fit, naming the problem", () => {
  const base = inputsOf(truthCase);
  const spec = truthCase.spec;
  assertThrows(
    () => fitMediation({ ...base, spec: { ...spec, directSocial: [{ column: "emails_send", theta: 0 }] } }),
    RangeError,
    "not among spec.social",
  );
  assertThrows(
    () => fitMediation({ ...base, spec: { ...spec, stage1Controls: ["nope"] } }),
    RangeError,
    'column "nope"',
  );
  assertThrows(
    () => fitMediation({ ...base, spec: { ...spec, mediator: { column: "google_spend", theta: 1 } } }),
    RangeError,
    "theta",
  );
  assertThrows(() => fitMediation({ ...base, rows: [3, 2, 5] }), RangeError, "strictly increasing");
  assertThrows(() => fitMediation({ ...base, rows: [0, 104] }), RangeError, "0..103");
  assertThrows(
    () => fitMediation({ ...base, spec: { ...spec, stage2Controls: ["november", "november"] } }),
    RangeError,
    "twice",
  );
  assertThrows(() => fitMediation({ ...base, spec: { ...spec, social: [] } }), RangeError, "social");
  const y = columns.revenue.slice();
  y[5] = NaN;
  assertThrows(() => fitMediation({ ...base, y }), RangeError, "row 5");
});

Deno.test("bootstrapMediation draws circular blocks unless told otherwise (Politis & Romano, the documented default)", () => {
  const byDefault = bootstrapMediation(inputsOf(truthCase), SMALL);
  const circular = bootstrapMediation(inputsOf(truthCase), { ...SMALL, circular: true });
  const moving = bootstrapMediation(inputsOf(truthCase), { ...SMALL, circular: false });
  assertEquals([byDefault.circular, moving.circular], [true, false]);
  assertEquals([...byDefault.replicates.values], [...circular.replicates.values]);
  // moving blocks draw starts from m − L + 1 positions instead of m: other rows, other replicates
  assert(byDefault.replicates.values.some((v, i) => v !== moving.replicates.values[i]));
});
