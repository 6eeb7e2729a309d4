import {
  checkEnvelope,
  crossValidationPlan,
  CV_TEST_WEEKS,
  CV_TRAIN_WEEKS,
  type Dataset,
  describeEnvelope,
  FEW_GEOS,
  GEO_ROLES,
  loadDataset,
  MIN_GEOS,
  MIN_OBSERVATIONS_PER_COEFFICIENT,
  MIN_WEEKS,
  MIN_WEEKS_FOR_CV,
  MIN_WEEKS_PER_GEO,
  MOSTLY_ZERO_SHARE,
  type Roles,
  WEEKLY_ROLES,
  WEEKS_FOR_SEASONALITY,
} from "../../lib/data/mod.ts";
import { DataError } from "../../lib/errors.ts";
import { assert, assertEquals, assertThrows } from "../assert.ts";
import { weekDate } from "./inline.ts";

/**
 * A deterministic value in [0, 1) for (column c, row i): the fractional part of a sine hash. Columns built
 * from it vary independently of one another, so no column is a copy of another.
 */
function noise(c: number, i: number): number {
  const s = Math.sin((c + 1) * 12.9898 + (i + 1) * 78.233) * 43758.5453;
  return s - Math.floor(s);
}

/** A national weekly dataset with the default roles: every column `100 + 50 · noise`, promotions alternate. */
function weekly(
  weeks: number,
  change: (columns: Record<string, Float64Array>) => void = () => {},
  roles: Partial<Roles> = {},
): Dataset {
  const names = [
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
  ];
  const columns: Record<string, Float64Array> = {};
  names.forEach((name, c) => {
    columns[name] = Float64Array.from(
      { length: weeks },
      (_, i) => name === "promotions" ? i % 2 : 100 + 50 * noise(c, i),
    );
  });
  change(columns);
  return {
    source: "w.csv",
    n: weeks,
    dates: Array.from({ length: weeks }, (_, i) => weekDate(i)),
    columns,
    roles: { ...WEEKLY_ROLES, ...roles },
    warnings: [],
  };
}

/** A geo panel with the default roles: `geos` geos × `weeks` weeks, population growing by 1 a week. */
function geoPanel(
  geos: number,
  weeks: number,
  change: (columns: Record<string, Float64Array>, geoOf: (row: number) => number) => void = () => {},
): Dataset {
  const n = geos * weeks;
  const names = [...GEO_ROLES.media, ...GEO_ROLES.impressions, "population", ...GEO_ROLES.controls, "sales"];
  const columns: Record<string, Float64Array> = {};
  names.forEach((name, c) => {
    columns[name] = Float64Array.from({ length: n }, (_, r) => {
      const g = Math.floor(r / weeks), i = r % weeks;
      return name === "population" ? 10_000 * (g + 1) + i : 100 + 50 * noise(c, r);
    });
  });
  change(columns, (row) => Math.floor(row / weeks));
  return {
    source: "g.csv",
    n,
    dates: Array.from({ length: n }, (_, r) => weekDate(r % weeks)),
    geos: Array.from({ length: n }, (_, r) => `geo_${Math.floor(r / weeks)}`),
    columns,
    roles: GEO_ROLES,
    warnings: [],
  };
}

const codes = (ds: Dataset, kind: "weekly" | "geo") => checkEnvelope(ds, kind).findings.map((f) => f.code);

function assertEnvelopeError(
  fn: () => unknown,
  where: { file: string; column?: string },
  ...parts: string[]
) {
  const error = assertThrows(fn, DataError);
  assertEquals([error.file, error.column], [where.file, where.column]);
  for (const part of parts) assert(error.message.includes(part), `${error.message} lacks ${part}`);
}

// ---------------------------------------------------------------- the constants

Deno.test("the stated requirements follow from one another", () => {
  assertEquals(MIN_WEEKS, 52);
  assertEquals(MIN_WEEKS_PER_GEO, 52);
  assertEquals(MIN_GEOS, 2);
  assertEquals(MIN_WEEKS_FOR_CV, CV_TRAIN_WEEKS + 2 * CV_TEST_WEEKS);
  assertEquals(MIN_WEEKS_FOR_CV, 78);
  assertEquals(WEEKS_FOR_SEASONALITY, 2 * 52);
});

Deno.test("52 consecutive weekly dates include every calendar month, whatever the first date; 48 may not", () => {
  // The claim MIN_WEEKS rests on, checked for every start day of a leap and a common year.
  for (let start = 0; start < 366 + 365; start++) {
    const months = new Set<string>();
    for (let i = 0; i < 52; i++) {
      months.add(String(new Date(Date.UTC(2023, 0, 1 + start + 7 * i)).getUTCMonth()));
    }
    assertEquals(months.size, 12, `start day ${start}`);
  }
  const short = new Set<number>();
  for (let i = 0; i < 48; i++) short.add(new Date(Date.UTC(2024, 0, 1 + 7 * i)).getUTCMonth());
  assertEquals(short.has(11), false); // 48 weeks from 2024-01-01 end on 2024-11-25: no December
});

Deno.test("crossValidationPlan: 13-week test folds after a 52-week training window, 2 to 5 folds", () => {
  assertEquals(crossValidationPlan(52), undefined);
  assertEquals(crossValidationPlan(77), undefined);
  assertEquals(crossValidationPlan(78), { nSplits: 2, testSize: 13, minTrainSize: 52 }); // (78 − 52) / 13 = 2
  assertEquals(crossValidationPlan(91), { nSplits: 3, testSize: 13, minTrainSize: 52 });
  assertEquals(crossValidationPlan(104), { nSplits: 4, testSize: 13, minTrainSize: 52 });
  assertEquals(crossValidationPlan(156), { nSplits: 5, testSize: 13, minTrainSize: 52 }); // 8 fit, capped at 5
  for (const weeks of [78, 90, 91, 104, 130, 156, 400]) {
    const plan = crossValidationPlan(weeks)!;
    assert(weeks - plan.nSplits * plan.testSize >= CV_TRAIN_WEEKS, `first training window at ${weeks} weeks`);
  }
  assertThrows(() => crossValidationPlan(-1), RangeError);
});

// ---------------------------------------------------------------- hard limits

Deno.test("fewer than 52 weeks stops the weekly model, naming the file and the date column", () => {
  assertEnvelopeError(
    () => checkEnvelope(weekly(51), "weekly"),
    { file: "w.csv", column: "week" },
    "51 weeks",
    "at least 52",
  );
  assertEnvelopeError(
    () => checkEnvelope(geoPanel(3, 40), "geo"),
    { file: "g.csv", column: "date" },
    "40 weeks per geo",
    "at least 52 per geo",
  );
});

Deno.test("one geo stops the geo model; a weekly model on a panel or a geo model on one series too", () => {
  assertEnvelopeError(
    () => checkEnvelope(geoPanel(1, 52), "geo"),
    { file: "g.csv", column: "geo" },
    "at least 2",
  );
  assertEnvelopeError(
    () => checkEnvelope(geoPanel(2, 52), "weekly"),
    { file: "g.csv", column: "geo" },
    "2 geos",
  );
  assertEnvelopeError(() => checkEnvelope(weekly(52), "geo"), { file: "w.csv" }, "needs a panel");
  assertThrows(() => checkEnvelope(weekly(52), "daily" as "weekly"), RangeError);
});

Deno.test("a constant or non-finite target stops either model, naming the target column", () => {
  assertEnvelopeError(
    () => checkEnvelope(weekly(52, (c) => c.revenue.fill(500)), "weekly"),
    { file: "w.csv", column: "revenue" },
    "same value (500) in every week",
  );
  assertEnvelopeError(
    () => checkEnvelope(weekly(52, (c) => (c.revenue[7] = Infinity)), "weekly"),
    { file: "w.csv", column: "revenue" },
    `Infinity in the week of ${weekDate(7)}`,
  );
  assertEnvelopeError(
    () =>
      checkEnvelope(
        geoPanel(3, 52, (c, geoOf) => c.sales.forEach((_, r) => (c.sales[r] = 1000 * geoOf(r)))),
        "geo",
      ),
    { file: "g.csv", column: "sales" },
    "does not change within any geo",
  );
});

Deno.test("no channel that can be estimated stops the model", () => {
  assertEnvelopeError(
    () => checkEnvelope(weekly(52, () => {}, { mediator: undefined, social: [], direct: [] }), "weekly"),
    { file: "w.csv", column: undefined },
    "no channel columns",
  );
  const allZero = geoPanel(3, 52, (c) => GEO_ROLES.media.forEach((m) => c[m].fill(0)));
  assertEnvelopeError(
    () => checkEnvelope(allZero, "geo"),
    { file: "g.csv", column: "tv_spend" },
    "none of the channel columns",
  );
});

// ---------------------------------------------------------------- inside the envelope

Deno.test("the bundled weekly file is inside the envelope with every analysis possible", () => {
  const ds = loadDataset(new URL("../../data/mmm_weekly.csv", import.meta.url).pathname, { kind: "weekly" });
  const report = checkEnvelope(ds, "weekly");
  assertEquals([report.weeks, report.geos], [104, 1]);
  assertEquals(report.analyses, { mediation: true, price: true, promotion: true, crossValidation: true });
  assertEquals(report.crossValidation, { nSplits: 4, testSize: 13, minTrainSize: 52 }); // (104 − 52) / 13
  assertEquals(report.identification.dropped, []);
});

Deno.test("the bundled geo panel is inside the envelope: 40 geos (≥ 30), 156 weeks, nothing unidentified", () => {
  const ds = loadDataset(new URL("../../data/mmm_geo.csv", import.meta.url).pathname, { kind: "geo" });
  const report = checkEnvelope(ds, "geo");
  assertEquals([report.weeks, report.geos], [156, 40]);
  assertEquals(report.findings, []); // 40 geos: ≥ 30, and 40 − 1 ≥ 8 columns + 11 month dummies
  assertEquals(report.crossValidation, { nSplits: 5, testSize: 13, minTrainSize: 52 });
});

Deno.test("52 weeks: runs, but no cross-validation and seasonality by a smooth annual curve", () => {
  const report = checkEnvelope(weekly(52), "weekly");
  assertEquals(report.analyses.crossValidation, false);
  assertEquals(report.crossValidation, undefined);
  const cv = report.findings.find((f) => f.code === "no-cross-validation")!;
  assertEquals([cv.severity, cv.column], ["warning", "week"]);
  assert(cv.sentence.includes("at least 78"));
  const year = report.findings.find((f) => f.code === "one-year")!;
  assertEquals(year.severity, "note");
  assert(year.sentence.includes("sine–cosine"));
  assert(report.notes.includes(year.sentence) && report.warnings.includes(cv.sentence));
});

Deno.test("78 and 91 weeks: cross-validation with 2 and 3 folds", () => {
  assertEquals(checkEnvelope(weekly(78), "weekly").crossValidation?.nSplits, 2);
  assertEquals(checkEnvelope(weekly(91), "weekly").crossValidation?.nSplits, 3);
  assert(!codes(weekly(104), "weekly").includes("one-year"));
});

Deno.test("zero and negative target weeks are counted, not rejected", () => {
  const ds = weekly(52, (c) => {
    c.revenue[0] = 0;
    c.revenue[1] = 0;
    c.revenue[2] = -5;
  });
  const f = checkEnvelope(ds, "weekly").findings.find((x) => x.code === "target-not-positive")!;
  assertEquals([f.severity, f.column], ["warning", "revenue"]);
  assert(f.sentence.includes(`"revenue" is zero in 2 and negative in 1 of 52 weeks`), f.sentence);
});

Deno.test("no promotion weeks: promotion analysis is not possible; always on: neither", () => {
  const none = checkEnvelope(weekly(52, (c) => c.promotions.fill(0)), "weekly");
  assertEquals(none.analyses.promotion, false);
  const f = none.findings.find((x) => x.code === "no-promotion-weeks")!;
  assert(
    f.sentence.includes("no promotion weeks") && f.sentence.includes("promotion analysis is not possible"),
  );
  assertEquals(none.findings.filter((x) => x.code === "unidentified").length, 0); // said once, specifically
  const always = checkEnvelope(weekly(52, (c) => c.promotions.fill(1)), "weekly");
  assertEquals([always.analyses.promotion, always.findings.some((x) => x.code === "promotion-every-week")], [
    false,
    true,
  ]);
  const absent = checkEnvelope(weekly(52, () => {}, { promotion: undefined }), "weekly");
  assertEquals([absent.analyses.promotion, absent.findings.some((x) => x.code === "no-promotion")], [
    false,
    true,
  ]);
});

Deno.test("a constant price or no price: no elasticity", () => {
  const constant = checkEnvelope(weekly(52, (c) => c.average_price.fill(9.99)), "weekly");
  assertEquals(constant.analyses.price, false);
  assert(constant.findings.some((f) => f.code === "price-constant" && f.column === "average_price"));
  assert(constant.findings.some((f) => f.sentence.startsWith('"average_price" does not vary')));
  // a price left out for another reason (here a copy of the sms column) says that reason, not "does not vary"
  const copy = checkEnvelope(weekly(52, (c) => c.average_price.set(c.sms_send)), "weekly");
  const why = copy.findings.find((f) => f.code === "price-constant");
  assertEquals(copy.analyses.price, false);
  assert(
    why !== undefined && !why.sentence.includes("does not vary") && why.sentence.includes("sms_send"),
    why?.sentence,
  );
  const absent = checkEnvelope(weekly(52, () => {}, { price: undefined }), "weekly");
  assertEquals([absent.analyses.price, absent.findings.some((f) => f.code === "no-price")], [false, true]);
});

Deno.test("no mediator, an all-zero mediator, or no social channel: no two-stage analysis", () => {
  const none = checkEnvelope(weekly(52, () => {}, { mediator: undefined }), "weekly");
  assertEquals(none.analyses.mediation, false);
  assertEquals(none.findings.find((f) => f.code === "no-mediator")?.severity, "note");
  const zero = checkEnvelope(weekly(52, (c) => c.google_spend.fill(0)), "weekly");
  assertEquals(zero.analyses.mediation, false);
  const f = zero.findings.find((x) => x.code === "no-mediator")!;
  assertEquals([f.severity, f.column], ["warning", "google_spend"]);
  const noSocial = checkEnvelope(weekly(52, () => {}, { social: [] }), "weekly");
  assertEquals([noSocial.analyses.mediation, noSocial.findings.some((x) => x.code === "no-social")], [
    false,
    true,
  ]);
  const oneSocial = checkEnvelope(weekly(52, () => {}, { social: ["tiktok_spend"] }), "weekly");
  assertEquals(oneSocial.analyses.mediation, true);
});

Deno.test("a channel zero in most weeks is flagged with the count", () => {
  const zeros = Math.floor(MOSTLY_ZERO_SHARE * 52) + 4; // 30 of 52
  const ds = weekly(52, (c) => c.tiktok_spend.fill(0, 0, zeros));
  const f = checkEnvelope(ds, "weekly").findings.find((x) => x.code === "channel-mostly-zero")!;
  assertEquals(f.column, "tiktok_spend");
  assert(f.sentence.includes(`zero in ${zeros} of 52 weeks`), f.sentence);
  // what rests on the active weeks is what the weekly model estimates: carryover for a social channel,
  // saturation for a direct one (whose carryover is fixed at 0)
  assert(f.sentence.includes("its carryover rests on the other 22 weeks"), f.sentence);
  const sms = checkEnvelope(weekly(52, (c) => c.sms_send.fill(0, 0, zeros)), "weekly").findings
    .find((x) => x.code === "channel-mostly-zero" && x.column === "sms_send")!;
  assert(
    sms.sentence.includes("its saturation rests on") && !sms.sentence.includes("carryover"),
    sms.sentence,
  );
  // Exactly half is not "most".
  assert(!codes(weekly(52, (c) => c.tiktok_spend.fill(0, 0, 26)), "weekly").includes("channel-mostly-zero"));
});

Deno.test("two identical spend columns are reported, never left to give opposite estimates", () => {
  const ds = weekly(52, (c) => c.instagram_spend.set(c.facebook_spend));
  const report = checkEnvelope(ds, "weekly");
  assertEquals(report.identification.dropped.map((d) => [d.column, d.reason, d.of]), [
    ["instagram_spend", "duplicate", "facebook_spend"],
  ]);
  assert(report.findings.some((f) => f.code === "unidentified" && f.column === "instagram_spend"));
});

Deno.test("a small panel: few-geo warning with G − 1 degrees of freedom; constant population left out", () => {
  const ds = geoPanel(
    5,
    52,
    (c, geoOf) => c.population.forEach((_, r) => (c.population[r] = 10_000 * (geoOf(r) + 1))),
  );
  const report = checkEnvelope(ds, "geo");
  const few = report.findings.find((f) => f.code === "few-geos")!;
  assert(few.sentence.includes(`5 geos`) && few.sentence.includes(`fewer than about ${FEW_GEOS}`));
  assert(few.sentence.includes("4 degrees of freedom"));
  assertEquals(report.identification.dropped.map((d) => [d.column, d.reason]), [[
    "population",
    "constant-within-geo",
  ]]);
  // 52 weeks: the geo model's seasonality is one sine–cosine pair, not 11 month dummies. 5 media + 2 controls
  // kept + 2 seasonal terms: 9 coefficients for a covariance of rank ≤ 4.
  const rank = report.findings.find((f) => f.code === "cluster-rank")!;
  assert(
    rank.sentence.includes("5 geos for 9 coefficients") && rank.sentence.includes("at least 10"),
    rank.sentence,
  );
  assert(rank.sentence.includes("sine–cosine") && !rank.sentence.includes("month dummies"), rank.sentence);
  // two years: a dummy per month, 5 + 2 + 11 = 18 coefficients
  const twoYears = checkEnvelope(
    geoPanel(
      5,
      104,
      (c, geoOf) => c.population.forEach((_, r) => (c.population[r] = 10_000 * (geoOf(r) + 1))),
    ),
    "geo",
  )
    .findings.find((f) => f.code === "cluster-rank")!;
  assert(
    twoYears.sentence.includes("5 geos for 18 coefficients") &&
      twoYears.sentence.includes("11 month dummies"),
    twoYears.sentence,
  );
  const pop = report.findings.find((f) => f.code === "unidentified")!;
  assert(pop.sentence.includes("per capita"));
  assert(
    checkEnvelope(geoPanel(2, 52), "geo").findings.find((f) => f.code === "few-geos")!.sentence.includes(
      "1 degree of",
    ),
  );
});

Deno.test("a geo with an all-zero channel gets a note that it is identified from the other geos", () => {
  const ds = geoPanel(
    3,
    52,
    (c, geoOf) => c.radio_spend.forEach((_, r) => geoOf(r) === 1 && (c.radio_spend[r] = 0)),
  );
  const f = checkEnvelope(ds, "geo").findings.find((x) => x.code === "zero-in-geos")!;
  assertEquals([f.severity, f.column], ["note", "radio_spend"]);
  assert(f.sentence.includes("geo_1") && f.sentence.includes("other 2 geos"));
});

Deno.test(`fewer than ${MIN_OBSERVATIONS_PER_COEFFICIENT} observations per coefficient is flagged`, () => {
  // 52 weeks and 30 direct channels: 1 + (mediator, its residual, 4 social, 30 direct) + 3 controls + 2 months = 42
  // coefficients, 1.2 weeks each.
  const extra = Array.from({ length: 30 }, (_, k) => `email_${k}`);
  const ds = weekly(
    52,
    (c) =>
      extra.forEach((
        name,
        k,
      ) => (c[name] = Float64Array.from({ length: 52 }, (_, i) => 10 + noise(100 + k, i)))),
    { direct: extra },
  );
  const f = checkEnvelope(ds, "weekly").findings.find((x) => x.code === "few-observations")!;
  assert(f.sentence.includes("52 weeks for about 42 coefficients (1.2 per coefficient)"), f.sentence);
});

// ---------------------------------------------------------------- the stated envelope

Deno.test("describeEnvelope states every constant", () => {
  const text = describeEnvelope();
  for (
    const part of [
      `at least ${MIN_WEEKS} weeks`,
      `${MIN_WEEKS_FOR_CV} weeks or more`,
      `${CV_TRAIN_WEEKS}-week training window`,
      `${CV_TEST_WEEKS} weeks`,
      `${WEEKS_FOR_SEASONALITY} weeks or more`,
      `at least ${MIN_GEOS} geos and ${MIN_WEEKS_PER_GEO} weeks per geo`,
      `${FEW_GEOS} geos or more`,
      `|r| ≥ 0.999`,
      `${100 * MOSTLY_ZERO_SHARE}% of weeks`,
      `at least ${MIN_OBSERVATIONS_PER_COEFFICIENT} observations per coefficient`,
    ]
  ) assert(text.includes(part), `describeEnvelope() lacks ${part}`);
});

Deno.test("README's Data envelope section is describeEnvelope()'s text", () => {
  const readme = Deno.readTextFileSync(new URL("../../README.md", import.meta.url));
  const start = readme.indexOf("## Data envelope");
  assert(start >= 0, "README has no Data envelope section");
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const normalize = (s: string) => s.replace(/\s+/g, " ").trim();
  assert(
    normalize(section).includes(normalize(describeEnvelope())),
    `README's Data envelope section differs from describeEnvelope():\n${describeEnvelope()}`,
  );
});

Deno.test("a one-year panel is a note, not a warning: the geo model adapts its folds instead of skipping validation", () => {
  const f = checkEnvelope(geoPanel(3, 52), "geo").findings.find((x) => x.code === "no-cross-validation")!;
  assertEquals(f.severity, "note");
  assert(f.sentence.includes("at least half the weeks"));
});
