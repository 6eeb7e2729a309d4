import { assert, assertEquals } from "../assert.ts";
import type { Truth } from "../../lib/data/truth_schema.ts";
import { evidenceGate } from "../../lib/evaluate/evidence_gate.ts";
import {
  noStage1Sentence,
  stage1BootstrapSentence,
  stage1EstimateRows,
  stage1EvidenceResults,
  stage1EvidenceSentence,
  stage1FitResults,
  stage1PerDollarRows,
  stage1ProgressSentence,
  stage1SkipSentence,
} from "../../lib/pipeline/stage1_view.ts";
import type { NationalStage1 } from "../../lib/pipeline/national_types.ts";

Deno.test("stage1ProgressSentence says how the carryover was chosen, or that there is no stage 1", () => {
  const s = (selection: "cross-validation" | "in-sample") => ({
    fit: { nobs: 60 },
    evidence: { selection, candidates: 12345 },
  });
  assertEquals(
    stage1ProgressSentence(s("cross-validation")),
    "Stage 1 fitted on 60 weeks with carryover chosen by time-series CV over 12,345 candidates (notebook 02).",
  );
  assertEquals(
    stage1ProgressSentence(s("in-sample")),
    "Stage 1 fitted on 60 weeks with carryover chosen in sample over 12,345 candidates (notebook 02).",
  );
  assertEquals(stage1ProgressSentence(null), "No stage 1 for this file.");
});

Deno.test("stage1SkipSentence gives the two-stage model's reason, a generic one, or nothing when stage 1 ran", () => {
  const skipped = [
    { section: "bootstrap" as const, reason: "Too few weeks to bootstrap." },
    { section: "two-stage model" as const, reason: "The file has no social channel." },
  ];
  assertEquals(
    stage1SkipSentence({ stage1: null, skipped }),
    "**Stage 1 is skipped.** The file has no social channel.",
  );
  assertEquals(
    stage1SkipSentence({ stage1: null, skipped: skipped.slice(0, 1) }),
    "**Stage 1 is skipped.** The two-stage model cannot be fitted on this file.",
  );
  assertEquals(stage1SkipSentence({ stage1: {}, skipped }), null);
});

Deno.test("noStage1Sentence names what cannot be shown for each part", () => {
  assertEquals(
    noStage1Sentence("fit"),
    "There is no stage-1 regression to show (the reason is stated above).",
  );
  assertEquals(
    noStage1Sentence("per dollar"),
    "No effects of social spend on a mediator can be estimated for this file (see above).",
  );
  assertEquals(
    noStage1Sentence("evidence"),
    "No stage 1, so nothing to validate here; notebook 04 validates the model that was fitted.",
  );
});

Deno.test("stage1FitResults publishes the fit's terms, estimates, R² and covariance type", () => {
  const fit = {
    terms: ["const", "facebook_spend"],
    coef: new Float64Array([1, 0.2]),
    bse: new Float64Array([0.5, 0.05]),
    pvalues: new Float64Array([0.04, 0.001]),
    confInt: [[0.02, 1.98], [0.1, 0.3]],
    stats: { rsquared: 0.64 },
    covType: "HAC",
    nobs: 100,
  };
  assertEquals(stage1FitResults({ fit } as unknown as Pick<NationalStage1, "fit">), {
    terms: fit.terms,
    coef: fit.coef,
    bse: fit.bse,
    pvalues: fit.pvalues,
    confInt: fit.confInt,
    rsquared: 0.64,
    covType: "HAC",
  });
});

Deno.test("stage1BootstrapSentence: with a bootstrap its size, the HAC lags (singular for one) and its method", () => {
  const national = {
    outcome: {
      bootstrap: { sizeSentence: "999 replicates of 8-week blocks.", sentence: "google_spend re-chosen." },
    },
    skipped: [],
  };
  assertEquals(
    stage1BootstrapSentence(national, 4, (s) => s.replace("google_spend", "Google")),
    "999 replicates of 8-week blocks. HAC standard errors with 4 lags. Google re-chosen.",
  );
  assert(stage1BootstrapSentence(national, 1).includes("HAC standard errors with 1 lag. "));
});

Deno.test("stage1BootstrapSentence without a bootstrap gives the skip reason, else says there are no intervals", () => {
  const skipped = [{ section: "bootstrap" as const, reason: "Too few weeks to bootstrap." }];
  assertEquals(
    stage1BootstrapSentence({ outcome: { bootstrap: null }, skipped }, 4),
    "Too few weeks to bootstrap.",
  );
  assertEquals(stage1BootstrapSentence({ outcome: null, skipped: [] }, 4), "No bootstrap intervals.");
});

const perDollar = [
  {
    channel: "facebook_spend",
    theta: 0.4,
    a: 0.12,
    aSe: 0.03,
    estimate: 0.2,
    lower: 0.1,
    upper: 0.3,
    shareNonPositive: 0,
    verdict: "positive" as const,
  },
  {
    channel: "radio_spend",
    theta: 0,
    a: 0.01,
    aSe: 0.02,
    estimate: 0.01,
    lower: NaN,
    upper: NaN,
    shareNonPositive: NaN,
    verdict: null,
  },
];
const truth = {
  weekly: { contributions: { social: { facebook: { googlePerDollarLongRun: 0.25 } } } },
} as unknown as Truth;

Deno.test("stage1PerDollarRows labels channels, says 'no interval' without one, and adds the truth only with one", () => {
  const rows = stage1PerDollarRows({ perDollar }, truth);
  assertEquals(rows[0], {
    channel: "Facebook",
    theta: 0.4,
    a: 0.12,
    aSe: 0.03,
    perDollar: 0.2,
    lower: 0.1,
    upper: 0.3,
    verdict: "positive",
    truth: 0.25,
  });
  assertEquals([rows[1].verdict, rows[1].truth], ["no interval", NaN]);
  assert(!("truth" in stage1PerDollarRows({ perDollar })[0]));
});

Deno.test("stage1EstimateRows draws the truth's tick only when there is a truth", () => {
  const rows = stage1PerDollarRows({ perDollar }, truth);
  assertEquals(stage1EstimateRows(rows, true)[0], {
    label: "Facebook",
    estimate: 0.2,
    lower: 0.1,
    upper: 0.3,
    truth: 0.25,
  });
  assertEquals(stage1EstimateRows(rows, false)[0].truth, undefined);
});

Deno.test("stage1EstimateRows keeps the rows' display names as they are (TikTok is not renamed 'Tik tok')", () => {
  const tiktok = { ...perDollar[0], channel: "tiktok_spend" };
  const rows = stage1PerDollarRows({ perDollar: [tiktok] });
  assertEquals(rows[0].channel, "TikTok");
  assertEquals(stage1EstimateRows(rows, false)[0].label, "TikTok");
});

const gatePassed = evidenceGate([0.5, 0.55, 0.6, 0.52]);
const gateFailed = evidenceGate([-0.4, 0.1, -0.1, 0.02]);
const cvStage1 = (gate: typeof gatePassed | null) => ({
  mediator: "google_spend",
  fit: { stats: { rsquared: 0.75 } },
  evidence: { cvR2: 0.5425, cvR2Sd: 0.044, foldR2: [0.5, 0.55, 0.6, 0.52], folds: 4, gate },
});

Deno.test("stage1EvidenceResults keeps the fold evidence and the gate, or only the in-sample R²", () => {
  assertEquals(stage1EvidenceResults(cvStage1(gatePassed)), {
    cvR2: 0.5425,
    cvR2Sd: 0.044,
    foldR2: [0.5, 0.55, 0.6, 0.52],
    inSampleR2: 0.75,
    gatePassed: true,
  });
  assertEquals((stage1EvidenceResults(cvStage1(gateFailed)) as { gatePassed: boolean }).gatePassed, false);
  assertEquals(stage1EvidenceResults(cvStage1(null)), { inSampleR2: 0.75, selection: "in-sample" });
});

Deno.test("stage1EvidenceSentence: out of sample with a passed or a failed gate, or in sample only", () => {
  assert(gatePassed.passed && !gateFailed.passed);
  const passed = stage1EvidenceSentence(cvStage1(gatePassed), 104);
  assert(
    passed.startsWith(
      "Out of sample, stage 1 explains **0.54** of Google's variance (sd 0.04 over 4 folds; fold values " +
        "0.50, 0.55, 0.60, 0.52); in sample 0.75.\n",
    ),
    passed,
  );
  assert(
    passed.endsWith(
      ". The prediction of Google from social spend holds up out of sample, so the mediated path of notebook 04 rests on a real first stage.",
    ),
    passed,
  );
  const failed = stage1EvidenceSentence(cvStage1(gateFailed), 104);
  assert(
    failed.endsWith(
      ". **Caution:** out of sample the first stage is not reliably better than the mean; the mediated effects of notebook 04 inherit that uncertainty, which the bootstrap intervals carry.",
    ),
    failed,
  );
  const inSample = stage1EvidenceSentence(cvStage1(null), 1040);
  assert(
    inSample.startsWith(
      "In sample, stage 1 explains **0.75** of Google's variance. With 1,040 weeks there is no out-of-sample check",
    ),
    inSample,
  );
  assert(inSample.endsWith("the bootstrap intervals carry only the in-sample uncertainty."), inSample);
  // the weeks needed are the envelope's (a year of training and two 13-week test folds)
  assert(
    inSample.includes("(78 weeks are needed for a year of training and two 13-week test folds)"),
    inSample,
  );
});

Deno.test("stage1EvidenceSentence: a negative out-of-sample R² predicts worse than the mean, not 'explains'", () => {
  const worse = stage1EvidenceSentence(
    {
      mediator: "google_spend",
      fit: { stats: { rsquared: 0.6 } },
      evidence: { cvR2: -0.31, cvR2Sd: 0.2, foldR2: [-0.5, -0.1], folds: 2, gate: gateFailed },
    },
    104,
  );
  assert(
    worse.startsWith(
      "Out of sample, stage 1 predicts Google worse than the held-out weeks' own mean would (mean R² **−0.31**, " +
        "sd 0.20 over 2 folds; fold values −0.50, −0.10); in sample 0.60.\n",
    ),
    worse,
  );
  assert(!worse.includes("explains"), worse);
  assert(worse.includes("**Caution:** out of sample the first stage is worse than the mean"), worse);
});
