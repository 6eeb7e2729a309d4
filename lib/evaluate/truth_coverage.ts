/**
 * Interval coverage on one draw whose truth is known, beside a recovery study's coverage table.
 *
 * - {@link trueValue}: the true value of one tidy estimate row (`model, quantity, channel`) in the bundled
 *   data's truth (`data/truth.json`, lib/data/truth.ts), by the pipelines' own definitions (docs/validation.md):
 *   ROI and contribution are counterfactual (nationally through both stages, followers held), per-dollar
 *   effects long-run, carryover the geometric θ.
 * - {@link drawCoverage}: per (model, quantity), how many 95% intervals cover the truth, with the exact
 *   (Clopper–Pearson) binomial interval of the rate. One draw's channels share its noise, so the interval
 *   is optimistic; it says what this draw can show, not the method's coverage.
 * - {@link parseCoverageCsv}: the coverage rows `deno task validate` writes (`coverage.csv`, columns of
 *   `CoverageRow` in tools/validate.ts).
 *
 * Reference: Clopper & Pearson (1934), "The use of confidence or fiducial limits illustrated in the case of the
 * binomial", Biometrika 26: the bounds solve `P(X ≥ k | p_L) = α/2` and `P(X ≤ k | p_U) = α/2`.
 *
 * @module
 */
import type { HillTruth, Truth } from "../data/truth_schema.ts";
import { truthKey } from "../data/truth.ts";
import { binomialSf } from "../stats/distributions.ts";

/** A tidy estimate row (the contract's columns that matter here). */
export interface TidyRow {
  /** `national` or `geo` (other models have no truth here). */
  readonly model: string;
  /** The contract's quantity, e.g. `roi`, `contribution`, `carryover`, `total_per_dollar`. */
  readonly quantity: string;
  /** The input file's column name; empty where no channel applies. */
  readonly channel: string;
  /** The point estimate. */
  readonly estimate: number;
  /** Lower bound of the 95% interval; null when the row has none (it is then not counted). */
  readonly lower: number | null;
  /** Upper bound of the 95% interval; null when the row has none. */
  readonly upper: number | null;
}

type Rec = Record<string, unknown>;
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/**
 * The true value of a tidy row, or undefined when the truth has none (marginal ROI, a merged channel, a
 * control the generator did not use, a user's file).
 *
 * @example
 * trueValue(truth, { model: "geo", quantity: "roi", channel: "tv_spend", estimate: 1, lower: 0, upper: 2 });
 */
export function trueValue(truth: Truth, row: TidyRow): number | undefined {
  const key = row.channel === "" ? "" : truthKey(row.channel);
  if (row.model === "geo") {
    const ch = (truth.geo.channels as unknown as Rec)[key] as Rec | undefined;
    if (row.quantity === "roi") return num(ch?.roi);
    if (row.quantity === "contribution") return num(ch?.contribution);
    if (row.quantity === "carryover") return num(ch?.theta);
    if (row.quantity === "control") {
      const g = truth.geo.gamma as unknown as Rec;
      return num(g[row.channel]) ?? num(g[key]) ?? num(g[row.channel.split("_")[0]]);
    }
    return undefined;
  }
  if (row.model !== "national") return undefined;
  const w = truth.weekly;
  const social = (w.contributions.social as unknown as Rec)[key] as Rec | undefined;
  const c = w.contributions as unknown as Rec;
  switch (row.quantity) {
    case "google_per_dollar":
      return num(social?.googlePerDollarLongRun);
    case "indirect_per_dollar":
      return num(social?.indirectPerDollarLongRun);
    case "direct_per_dollar":
      return num(social?.directPerDollarLongRun);
    case "total_per_dollar": {
      const i = num(social?.indirectPerDollarLongRun), d = num(social?.directPerDollarLongRun);
      return i !== undefined && d !== undefined ? i + d : undefined;
    }
    case "roi":
      return num(social?.roi) ?? num((c[key] as Rec | undefined)?.roi);
    case "contribution":
      return num(social?.contribution) ?? num((c[key] as Rec | undefined)?.contribution) ??
        num(
          (c[row.channel.startsWith("email") ? "email" : row.channel.startsWith("sms") ? "sms" : ""] as
            | Rec
            | undefined)?.contribution,
        );
    case "price_elasticity":
      return num(w.priceElasticityAtMeans);
    case "promotion_lift":
      return num(w.promotionLift.absolute);
    case "carryover":
      return num(((w.adstock as unknown as Rec)[key] as Rec | undefined)?.theta);
  }
  return undefined;
}

/**
 * The true Hill saturation of a direct channel of the national file (email or SMS sends, matched by the
 * column's prefix), or undefined when the truth has none.
 *
 * @example
 * trueDirectSaturation(truth, "emails_send")?.halfSaturation;
 */
export function trueDirectSaturation(truth: Truth, channel: string): HillTruth | undefined {
  const s2 = truth.weekly.stage2;
  if (channel.startsWith("email")) return s2.email;
  if (channel.startsWith("sms")) return s2.sms;
  return undefined;
}

/** Exact binomial (Clopper–Pearson) interval of a rate `k / n` at level `1 − alpha`, by bisection on `binomialSf`. */
export function clopperPearson(k: number, n: number, alpha = 0.05): { lower: number; upper: number } {
  if (!(Number.isInteger(n) && n >= 1 && Number.isInteger(k) && k >= 0 && k <= n)) {
    throw new RangeError(`need whole numbers 0 <= k <= n, n >= 1; got k = ${k}, n = ${n}`);
  }
  const solve = (f: (p: number) => number, target: number) => {
    // f increasing in p
    let lo = 0, hi = 1;
    for (let i = 0; i < 80; i++) {
      const mid = (lo + hi) / 2;
      if (f(mid) < target) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  const lower = k === 0 ? 0 : solve((p) => binomialSf(k, n, p), alpha / 2);
  // P(X ≤ k | p) = 1 − P(X ≥ k + 1 | p), decreasing in p: solve P(X ≥ k + 1 | p) = 1 − α/2
  const upper = k === n ? 1 : solve((p) => binomialSf(k + 1, n, p), 1 - alpha / 2);
  return { lower, upper };
}

/** Coverage of one (model, quantity) on this draw. */
export interface DrawCoverageRow {
  /** The model of the rows counted. */
  readonly model: string;
  /** The quantity counted, or `all` for every quantity of the model together. */
  readonly quantity: string;
  /** Rows with an interval and a known true value. */
  readonly n: number;
  /** Of those, rows whose interval contains the true value (bounds included). */
  readonly covered: number;
  /** `covered / n`. */
  readonly coverage: number;
  /** Lower bound of the Clopper–Pearson 95% interval of the coverage rate. */
  readonly lower: number;
  /** Upper bound of the Clopper–Pearson 95% interval of the coverage rate. */
  readonly upper: number;
}

/**
 * Per (model, quantity), the share of rows with an interval and a known truth whose interval covers it, with
 * its Clopper–Pearson 95% interval, and an "all" row per model.
 *
 * @example
 * drawCoverage(truth, [...national.estimates, ...geo.estimates]);
 */
export function drawCoverage(truth: Truth, rows: readonly TidyRow[]): DrawCoverageRow[] {
  const groups = new Map<string, boolean[]>();
  for (const r of rows) {
    if (r.lower === null || r.upper === null) continue;
    const t = trueValue(truth, r);
    if (t === undefined) continue;
    const hit = r.lower <= t && t <= r.upper;
    for (const key of [`${r.model}|${r.quantity}`, `${r.model}|all`]) {
      groups.set(key, [...(groups.get(key) ?? []), hit]);
    }
  }
  return [...groups.entries()].map(([key, hits]) => {
    const [model, quantity] = key.split("|");
    const covered = hits.filter((h) => h).length;
    const ci = clopperPearson(covered, hits.length);
    return { model, quantity, n: hits.length, covered, coverage: covered / hits.length, ...ci };
  }).sort((a, b) =>
    a.model.localeCompare(b.model) ||
    (a.quantity === "all" ? 1 : b.quantity === "all" ? -1 : a.quantity.localeCompare(b.quantity))
  );
}

/** One row of a recovery study's coverage table. */
export interface StudyCoverageRow {
  /**
   * Which fit was scored: `pipeline` (what the notebooks show) or `oracle` (tools/validate.ts); `pipeline`
   * when the file has no `fit` column.
   */
  readonly fit: string;
  /** The model kind (`national`, `geo`): the file's `model` column or the `model` argument. */
  readonly model: string;
  /** The estimates quantity (`roi`, `contribution`, `marginal_roi`, `carryover`, …). */
  readonly quantity: string;
  /** `channels` (the real channels) or `placebo` (channels whose true value is 0). */
  readonly subset: string;
  /** Estimates with an interval. */
  readonly n: number;
  /** Of those, how many intervals contain the truth. */
  readonly covered: number;
  /** `covered / n`, the coverage rate of the 95% intervals. */
  readonly coverage: number;
  /** Lower bound of the 95% interval of the coverage rate (Clopper–Pearson, else Wilson); NaN when empty. */
  readonly lower: number;
  /** Upper bound of that interval; NaN when empty. */
  readonly upper: number;
  /** Simulated draws contributing; NaN when the file has no `draws` column. */
  readonly draws: number;
}

/**
 * Parses a study's coverage table: either `latest_<kind>.csv` (tools/validate_latest.ts: `quantity, subset,
 * n, covered, coverage, lower, upper, …, draws`, the pipeline fit of one model kind, given as `model`) or the
 * full `coverage.csv` (tools/validate.ts `CoverageRow`: with `fit` and `model` columns and the interval in
 * `clopperPearsonLower/Upper` or `wilsonLower/Upper`). Plain comma-separated fields (the study writes no
 * quoted numbers); an empty number is NaN.
 *
 * @param model the model kind when the file has no `model` column (latest_<kind>.csv)
 * @throws RangeError naming the missing columns
 * @example
 * parseCoverageCsv("quantity,subset,n,covered,coverage,lower,upper\nroi,channels,250,116,0.464,0.40,0.53\n", "geo");
 */
export function parseCoverageCsv(text: string, model?: string): StudyCoverageRow[] {
  const lines = text.replace(/\r/g, "").split("\n").filter((l) => l.trim() !== "");
  if (lines.length === 0) throw new RangeError("the coverage file is empty");
  const head = lines[0].split(",");
  const need = ["quantity", "subset", "n", "covered", "coverage", ...(model === undefined ? ["model"] : [])];
  const missing = need.filter((c) => !head.includes(c));
  if (missing.length > 0) throw new RangeError(`the coverage file lacks columns ${missing.join(", ")}`);
  const col = (name: string) => head.indexOf(name);
  const first = (...names: string[]) => names.map(col).find((j) => j >= 0) ?? -1;
  const lo = first("lower", "clopperPearsonLower", "wilsonLower");
  const hi = first("upper", "clopperPearsonUpper", "wilsonUpper");
  const f = (cells: string[], j: number) =>
    j >= 0 && cells[j] !== "" && cells[j] !== undefined ? Number(cells[j]) : NaN;
  return lines.slice(1).map((l) => {
    const c = l.split(",");
    return {
      fit: col("fit") >= 0 ? c[col("fit")] : "pipeline",
      model: col("model") >= 0 ? c[col("model")] : model!,
      quantity: c[col("quantity")],
      subset: c[col("subset")],
      n: f(c, col("n")),
      covered: f(c, col("covered")),
      coverage: f(c, col("coverage")),
      lower: f(c, lo),
      upper: f(c, hi),
      draws: f(c, col("draws")),
    };
  });
}

/**
 * The date and number of draws of a study from `latest_<kind>.json` (tools/validate_latest.ts: `date`, `n`,
 * `drawsDone`, `complete`), or null when the text is not such a file.
 *
 * @example
 * studyMeta('{"date":"2026-12-01","n":50,"drawsDone":50,"complete":true}'); // { date: "2026-12-01", n: 50, complete: true }
 */
export function studyMeta(text: string): { date: string; n: number; complete: boolean } | null {
  try {
    const m = JSON.parse(text) as { date?: unknown; n?: unknown; drawsDone?: unknown; complete?: unknown };
    if (typeof m.date !== "string" || typeof m.n !== "number") return null;
    const done = typeof m.drawsDone === "number" ? m.drawsDone : m.n;
    return { date: m.date, n: done, complete: m.complete !== false };
  } catch {
    return null;
  }
}

/**
 * The date and number of draws of a study from its `validation.md` first line ("Run 2026-12-01: N = 50 draws
 * …"), or null when the text has no such line.
 *
 * @example
 * studyRunFacts("Run 2026-12-01: N = 50 draws per model"); // { date: "2026-12-01", n: 50 }
 */
export function studyRunFacts(text: string): { date: string; n: number } | null {
  const m = text.match(/Run (\d{4}-\d{2}-\d{2}): N = (\d+)/);
  return m ? { date: m[1], n: Number(m[2]) } : null;
}

/** An estimate with its interval and the true value it should recover, for {@link truthCoverageSentence}. */
export interface TruthComparison {
  /** What the row is, as readers name it ("Facebook indirect"). */
  readonly label: string;
  /** The point estimate. */
  readonly estimate: number;
  /** Lower end of its 95% interval (NaN without an interval). */
  readonly lower: number;
  /** Upper end of its 95% interval (NaN without an interval). */
  readonly upper: number;
  /** The true value (NaN when the truth has none). */
  readonly truth: number;
}

/**
 * How many of the rows' 95% intervals contain the true value, in one sentence, naming the misses. Rows without
 * an interval or a truth are not counted. One draw cannot measure coverage: about one interval in twenty misses
 * by chance, so the sentence points to the recovery study for that.
 *
 * @param rows estimates with intervals and truths
 * @param format numbers in the sentence
 * @param what the rows' plural noun (default "effects")
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const s = truthCoverageSentence([{ label: "TV", estimate: 1, lower: 0.5, upper: 1.5, truth: 2 }], (x) => x.toFixed(1));
 * assertClose(s.startsWith("The 95% intervals cover the true value for 0 of 1 effects. Missed: TV"), true, 0);
 * ```
 */
export function truthCoverageSentence(
  rows: readonly TruthComparison[],
  format: (x: number) => string,
  what = "effects",
): string {
  const counted = rows.filter((r) => [r.lower, r.upper, r.truth].every(Number.isFinite));
  const misses = counted.filter((r) => !(r.lower <= r.truth && r.truth <= r.upper));
  const head =
    `The 95% intervals cover the true value for ${counted.length - misses.length} of ${counted.length} ` +
    `${what}.`;
  if (misses.length === 0) return head;
  return `${head} Missed: ${
    misses.map((r) => `${r.label} (estimate ${format(r.estimate)}, true ${format(r.truth)})`).join("; ")
  }. About one 95% interval in twenty misses by chance; how often these intervals cover the truth over many ` +
    `draws is the recovery study's to say (notebook 06).`;
}
