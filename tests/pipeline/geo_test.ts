/**
 * The geo pipeline on small generated panels: the shapes of data users bring (population constant within
 * each geo, two geos, one year, a channel zero in one geo, two identical channels, a target with no media
 * signal) run to the end, and what the design cannot identify is reported, never left to a failed solve.
 * Expected values come from the definitions (sums, interval rules, the plan's formulas), not from runs.
 */
import { assert, assertAlmostEquals, assertEquals } from "../assert.ts";
import { channelLabel } from "../../lib/data/labels.ts";
import { parseDataset } from "../../lib/data/load.ts";
import type { Dataset } from "../../lib/data/types.ts";
import {
  applyGeoIdentification,
  geoInferencePlan,
  geoPipeline,
  geoRecommendations,
} from "../../lib/pipeline/geo.ts";
import { geometricAdstock } from "../../lib/features/adstock.ts";

/** Deterministic uniform(0, 1) stream (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface PanelSpec {
  geos: number;
  weeks: number;
  seed?: number;
  /** Population constant within each geo. */
  constantPopulation?: boolean;
  /** Radio spend is zero in every week of the second geo. */
  radioZeroInGeo?: boolean;
  /** Radio spend equals TV spend in every row. */
  radioCopiesTv?: boolean;
  /** Sales do not depend on media at all. */
  noMedia?: boolean;
  /** ... nor on the season or the control: noise around each geo's level. */
  noiseOnly?: boolean;
}

/**
 * A geo × week panel in the bundled file's layout (three media, one control, population), sales generated
 * from per-geo adstock and log saturation of TV, search and radio, a month-of-year wave and noise.
 */
function panel(spec: PanelSpec): Dataset {
  const u = rng(spec.seed ?? 7);
  const lines = ["geo,date,tv_spend,search_spend,radio_spend,population,competitor_sales_control,sales"];
  for (let g = 0; g < spec.geos; g++) {
    const tv: number[] = [], search: number[] = [], radio: number[] = [];
    for (let t = 0; t < spec.weeks; t++) {
      tv.push(u() < 0.2 ? 0 : 5000 * (1 + g / 4) * u());
      search.push(2000 * (0.5 + u()));
      radio.push(spec.radioZeroInGeo && g === 1 ? 0 : 800 * u());
    }
    if (spec.radioCopiesTv) radio.splice(0, radio.length, ...tv);
    const tvA = geometricAdstock(Float64Array.from(tv), 0.5);
    const radioA = geometricAdstock(Float64Array.from(radio), 0.3);
    for (let t = 0; t < spec.weeks; t++) {
      const date = new Date(Date.UTC(2022, 0, 3 + 7 * t)).toISOString().slice(0, 10);
      const population = spec.constantPopulation
        ? 1e6 * (g + 1)
        : Math.round(1e6 * (g + 1) * (1 + 0.002 * t));
      const competitor = 100 + 10 * Math.sin(t / 7) + 5 * u();
      const season = spec.noiseOnly ? 0 : 2000 * Math.sin((2 * Math.PI * t) / 52.18);
      const media = spec.noMedia
        ? 0
        : 6000 * Math.log1p(tvA[t] / 5000) + 3000 * Math.log1p(search[t] / 2000) +
          1500 * Math.log1p(radioA[t] / 800);
      const sales = 50000 * (g + 1) + media + season - (spec.noiseOnly ? 0 : 40) * competitor +
        1500 * (u() - 0.5) * (spec.noMedia ? 4 : 1);
      lines.push(
        [
          `g${g + 1}`,
          date,
          tv[t].toFixed(2),
          search[t].toFixed(2),
          radio[t].toFixed(2),
          population,
          competitor.toFixed(2),
          sales.toFixed(2),
        ]
          .join(","),
      );
    }
  }
  return parseDataset(lines.join("\n") + "\n", "generated.csv", {
    kind: "geo",
    roles: {
      media: ["tv_spend", "search_spend", "radio_spend"],
      impressions: [],
      controls: ["competitor_sales_control"],
      population: "population",
    },
  });
}

const FAST = { seed: 3, draws: 200, replicates: 19, thetaGrid: [0, 0.5], scaleMultiples: [1, 2] } as const;

Deno.test("geo pipeline: population constant within every geo is reported as not identified, not a crash", async () => {
  const ds = panel({ geos: 6, weeks: 104, constantPopulation: true });
  const geo = await geoPipeline(ds, FAST);
  assertEquals(geo.identification.controls, ["competitor_sales_control"]);
  assertEquals(geo.identification.populationModelled, false);
  const dropped = geo.identification.dropped.find((d) => d.column === "population");
  assertEquals(dropped?.reason, "constant-within-geo");
  assert(geo.notes.some((n) => n.includes(`"population"`)), "a note names population");
  assert(!geo.model.fit.terms.includes("population"), "population is not a term of the fit");
  assertEquals(geo.controls.map((c) => c.control), ["competitor_sales_control"]);
  // the search did not fail on any candidate
  for (const c of geo.identification.channels) {
    assert(geo.transforms.profiles[c].rmse.every(Number.isFinite), `${c}: every candidate scored`);
  }
});

Deno.test("geo pipeline: two geos run, with Driscoll–Kraay errors and a note that clustering is impossible", async () => {
  const ds = panel({ geos: 2, weeks: 104 });
  const geo = await geoPipeline(ds, FAST);
  // 3 media + competitor + population + 11 month dummies = 16 slopes > G − 1 = 1
  assertEquals(geo.inference.covType, "driscoll-kraay");
  assertEquals(geo.inference.fewGeos, true);
  assertEquals(geo.model.fit.covType, "driscoll-kraay");
  assert(
    geo.notes.some((n) => n.includes("cannot be computed") && n.includes("optimistic")),
    geo.notes.join("\n"),
  );
  assertEquals(geo.roi.length, 3);
  const rec = geoRecommendations(geo, { seed: 4, draws: 200 });
  assertEquals(rec.returns.length, 3);
});

Deno.test("geoInferencePlan clusters when G − 1 ≥ slopes, and warns below 30 geos", () => {
  assertEquals(geoInferencePlan(40, 156, 19), {
    covType: "cluster",
    fewGeos: false,
    sentence: geoInferencePlan(40, 156, 19).sentence,
  });
  const twenty = geoInferencePlan(20, 156, 19);
  assertEquals([twenty.covType, twenty.fewGeos], ["cluster", true]);
  assert(twenty.sentence.includes("optimistic"), twenty.sentence);
  // 19 slopes need 20 geos; ⌊4 · (156/100)^(2/9)⌋ = ⌊4.42⌋ = 4 lags
  const ten = geoInferencePlan(10, 156, 19);
  assertEquals([ten.covType, ten.maxLags], ["driscoll-kraay", 4]);
  // ⌊4 · (52/100)^(2/9)⌋ = ⌊3.47⌋ = 3
  assertEquals(geoInferencePlan(2, 52, 5).maxLags, 3);
});

Deno.test("geo pipeline: 52 weeks per geo use a sine–cosine season and half-data training folds", async () => {
  const ds = panel({ geos: 5, weeks: 52 });
  const geo = await geoPipeline(ds, FAST);
  assertEquals(geo.plan.seasonality, "fourier");
  assertEquals([geo.plan.minTrainSize, geo.plan.folds, geo.plan.testSize], [26, 5, 5]);
  assertEquals(geo.crossValidation.folds.length, 5);
  assert(geo.model.fit.terms.includes("week_sin_1") && geo.model.fit.terms.includes("week_cos_1"));
  assert(!geo.model.fit.terms.some((t) => t.startsWith("month_")), "no month dummies");
  // the envelope's month-dummy wording is replaced by the plan's
  assert(!geo.notes.some((n) => n.includes("month effects are weakly identified")), geo.notes.join("\n"));
});

Deno.test("geo pipeline: a channel zero throughout one geo is estimated from the others, with a note", async () => {
  const ds = panel({ geos: 6, weeks: 104, radioZeroInGeo: true });
  const geo = await geoPipeline(ds, FAST);
  assertEquals(geo.identification.channels, ["tv_spend", "search_spend", "radio_spend"]);
  assertEquals(geo.identification.zeroInGeos.map((z) => [z.column, z.geos]), [["radio_spend", ["g2"]]]);
  const radio = geo.contributionsByGeoYearMonthChannel.filter((r) =>
    r.geo === "g2" && r.channel === "radio_spend"
  );
  assert(
    radio.length > 0 && radio.every((r) => r.contribution === 0 && r.spend === 0),
    "no radio effect in g2",
  );
});

Deno.test("geo pipeline: identical channels are merged into one summed channel, never two estimates", async () => {
  const ds = panel({ geos: 6, weeks: 104, radioCopiesTv: true });
  const geo = await geoPipeline(ds, FAST);
  assertEquals(geo.identification.channels, ["tv_spend + radio_spend", "search_spend"]);
  assertEquals(geo.identification.merged.map((m) => m.columns), [["tv_spend", "radio_spend"]]);
  const combined = geo.dataset.columns["tv_spend + radio_spend"];
  for (let i = 0; i < ds.n; i++) {
    assertEquals(combined[i], ds.columns.tv_spend[i] + ds.columns.radio_spend[i]);
  }
  assertEquals(geo.roi.map((r) => r.channel), ["tv_spend + radio_spend", "search_spend"]);
  const row = geo.roi[0];
  let spend = 0;
  for (let i = 0; i < ds.n; i++) spend += combined[i];
  assertAlmostEquals(row.spend, spend, 1e-6 * spend);
  assertAlmostEquals(row.roi, row.contribution / spend, 1e-12);
  assert(geo.notes.some((n) => n.includes("TV + Radio")), "a note names the merged channel");
});

Deno.test("geo pipeline: ROI verdicts and the break-even statement follow their intervals", async () => {
  const geo = await geoPipeline(panel({ geos: 6, weeks: 104 }), FAST);
  for (const r of geo.roi) {
    assertEquals(
      r.verdict,
      r.lower > 0 ? "positive" : r.upper < 0 ? "negative" : "not distinguishable from zero",
    );
    assertEquals(r.belowBreakEven, r.upper < 1);
    assertEquals(geo.sentences.breakEven.includes(channelLabel(r.channel)), r.upper < 1);
  }
});

Deno.test("geo pipeline: when media explain nothing the gate fails and the reallocation is withheld", async () => {
  // The season and the control still predict, so out-of-sample skill is there; the media terms are not.
  const geo = await geoPipeline(panel({ geos: 6, weeks: 104, noMedia: true }), FAST);
  assertEquals(geo.gate.passed, false);
  assertEquals(geo.gate.checks.find((c) => c.name === "media jointly")?.passed, false);
  const rec = geoRecommendations(geo, { seed: 4, draws: 200 });
  assertEquals(rec.recommendation.shown, false);
  assertEquals(rec.recommendation.reason, geo.gate.reason);
  assertEquals(rec.recommendation.sentence, geo.gate.reason);
  assert(rec.sentences.evidence.includes("does not pass"), rec.sentences.evidence);
});

Deno.test("geo pipeline: noise around each geo's level has no out-of-sample skill, and is never called enough", async () => {
  const geo = await geoPipeline(panel({ geos: 6, weeks: 104, noMedia: true, noiseOnly: true }), FAST);
  assert(geo.crossValidation.mean.withinR2 < 0.2, `within R² ${geo.crossValidation.mean.withinR2}`);
  assertEquals(geo.gate.passed, false);
  assertEquals(geo.gate.checks.find((c) => c.name === "mean skill")?.passed, false);
  const rec = geoRecommendations(geo, { seed: 4, draws: 200 });
  assert(!rec.sentences.evidence.includes("may inform budget decisions"), rec.sentences.evidence);
  assertEquals(rec.recommendation.shown, false);
});

Deno.test("applyGeoIdentification merges chains of copies and leaves other columns out", () => {
  const ds = panel({ geos: 3, weeks: 60 });
  const { dataset, identification } = applyGeoIdentification(ds, {
    dropped: [
      { column: "radio_spend", reason: "duplicate", of: "tv_spend", factor: 1, sentence: "copy" },
      { column: "population", reason: "constant-within-geo", sentence: "absorbed" },
    ],
    zeroInGeos: [],
  });
  assertEquals(identification.channels, ["tv_spend + radio_spend", "search_spend"]);
  assertEquals(identification.controls, ["competitor_sales_control"]);
  assertEquals(dataset.roles.media, ["tv_spend + radio_spend", "search_spend"]);
  assertEquals(dataset.roles.population, undefined);
  assertEquals(identification.dropped.map((d) => d.column), ["population"]);
});
