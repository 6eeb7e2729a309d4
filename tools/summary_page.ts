/**
 * `reports/summary.html`: the one page a stakeholder reads first, built by the report task after every notebook
 * ran, from the notebooks' results JSON and the tidy estimates (`results/estimates.json`, the same rows as
 * `estimates.csv`):
 *
 * 1. how spend drives the target, in three sentences computed from the estimates (the geo channel with the
 *    highest ROI, ranked first only when its interval lies above the second's; the national channels whose
 *    interval excludes zero; the share of the target the geo model credits to media), each returns sentence
 *    marked not credible when that model's contributions are implausible (media above the whole target, a
 *    negative media total, or the model's own contribution check);
 * 2. headline ROI per channel with 95% intervals: a dot-and-whisker chart drawn here as inline SVG (no script)
 *    and a table;
 * 3. the recommendation, or the reason it is withheld, as notebook 07 published it (its evidence gate and its
 *    reallocation's `recommend`/`reason`), each model's decision with its own contribution check, named;
 * 4. the evidence verdict: the evidence gates of notebooks 04–06 and the residual tests that reject;
 * 5. the data used (inputs from the manifest) and the run date.
 *
 * Every sentence comes from the data: nothing here knows the bundled files. A section whose notebook did not
 * run, or whose part was skipped (a field missing), reads "not estimated".
 *
 * The models' reference one-pagers are Robyn's model one-pager (fit, decomposition, ROI with intervals, response
 * curves) and Meridian's summary cards (channel contribution, ROI with credible intervals, the optimized
 * budget); this page keeps their order (what drives the outcome, how sure we are, what to do) and adds the
 * evidence gate that decides whether a recommendation is shown at all.
 *
 * @module
 */
import { channelLabel } from "../lib/plot/labels.ts";
import { axisFormat, count, moneyFormatter, num, pct, targetFormat } from "../lib/plot/format.ts";
import type { TidyEstimate } from "../lib/plot/estimates.ts";
import { type Inputs, inputsList, type Manifest } from "./report_index.ts";

/** Everything the page is made from. */
export interface SummaryInput {
  /** Notebook name → its `results` object (as `publishResults` wrote it). */
  readonly results: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The tidy estimates (`results/estimates.json`). */
  readonly estimates: readonly TidyEstimate[];
  readonly manifest: Manifest;
  /** The inputs and date of this run. */
  readonly inputs: Inputs;
  readonly date: string;
}

/** Words for what was not computed. */
export const NOT_ESTIMATED = "not estimated";

// ---------------------------------------------------------------------------------------------------------
// Reading results that may lack any field

type Json = unknown;

/** The value at a dotted path, or undefined. */
export function at(value: Json, path: string): Json {
  let v: Json = value;
  for (const key of path.split(".")) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, Json>)[key];
  }
  return v;
}
const numberAt = (v: Json, p: string): number | undefined => {
  const x = at(v, p);
  return typeof x === "number" && Number.isFinite(x) ? x : undefined;
};
const stringAt = (v: Json, p: string): string | undefined => {
  const x = at(v, p);
  return typeof x === "string" && x.trim() !== "" ? x : undefined;
};
const boolAt = (v: Json, p: string): boolean | undefined => {
  const x = at(v, p);
  return typeof x === "boolean" ? x : undefined;
};
const listAt = (v: Json, p: string): Json[] => {
  const x = at(v, p);
  return Array.isArray(x) ? x : [];
};

/** The results of the notebook numbered `nn` ("05" → `05_geo_ols`), if it ran. */
function notebook(input: SummaryInput, nn: string): Readonly<Record<string, unknown>> | undefined {
  const name = Object.keys(input.results).sort().find((n) => n.startsWith(`${nn}_`));
  return name ? input.results[name] : undefined;
}

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

// ---------------------------------------------------------------------------------------------------------
// Estimates

/** An estimate with a 95% interval, for sentences, tables and the chart. */
export interface IntervalRow {
  readonly channel: string;
  readonly label: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

function rows(estimates: readonly TidyEstimate[], model: string, quantity: string): TidyEstimate[] {
  return estimates.filter((r) => r.model === model && r.quantity === quantity && Number.isFinite(r.estimate));
}

function withIntervals(list: readonly TidyEstimate[]): IntervalRow[] {
  return list.filter((r) => r.lower !== null && r.upper !== null)
    .map((r) => ({
      channel: r.channel,
      label: channelLabel(r.channel),
      estimate: r.estimate,
      lower: r.lower as number,
      upper: r.upper as number,
    }))
    .sort((a, b) => b.estimate - a.estimate);
}

/** A list in words: "a", "a and b", "a, b and c". */
export function wordList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** A return per unit of spend: two decimals, or three significant digits below 0.1 (conversions per dollar). */
const ratio = (x: number) =>
  Number.isFinite(x) && x !== 0 && Math.abs(x) < 0.1
    ? num(x, Math.min(6, 2 - Math.floor(Math.log10(Math.abs(x)))))
    : num(x, 2);
/** A change as a percentage with its sign: "+11.3%", "−30.0%", "0.0%". */
const signedPct = (x: number) => (x > 0 && /[1-9]/.test(pct(x)) ? `+${pct(x)}` : pct(x));
const intervalWords = (r: IntervalRow) => `95% interval ${ratio(r.lower)} to ${ratio(r.upper)}`;

/** "sales per unit of spend" → "sales"; "revenue per dollar" → "revenue"; "revenue (units)" → "revenue". */
function targetWord(unit: string | undefined, fallback: string): string {
  if (!unit) return fallback;
  return unit.replace(/\s+per\s+(unit of spend|dollar|unit)$/i, "").replace(/\s*\(units\)$/, "").trim() ||
    fallback;
}

/** A model's target: its name and whether it is money (returns per dollar then read as money). */
interface TargetInfo {
  readonly name: string;
  readonly currency: boolean;
  /** "$1.23 of sales per dollar" or "0.045 units per unit of spend". */
  readonly perDollar: (x: number) => string;
}

function targetInfo(name: string, currency: boolean): TargetInfo {
  if (currency) return { name, currency, perDollar: targetFormat("currency", { name }).perDollar };
  const f = targetFormat("units", { unitName: name });
  return { name, currency, perDollar: (x) => `${f.ratio(x)} ${name} per unit of spend` };
}

/** The geo model's target, from notebook 05's results (else the estimates' unit; money unless stated). */
function geoTarget(input: SummaryInput): TargetInfo {
  const geo = notebook(input, "05");
  const name = stringAt(geo, "target") ??
    targetWord(rows(input.estimates, "geo", "contribution")[0]?.unit, "the target");
  return targetInfo(name, (stringAt(geo, "targetUnit") ?? "currency") === "currency");
}

/** The national model's target, from the estimates' units ("revenue", or "revenue (units)" for counts). */
function nationalTarget(input: SummaryInput): TargetInfo {
  const unit = rows(input.estimates, "national", "contribution")[0]?.unit ??
    rows(input.estimates, "national", "roi")[0]?.unit;
  return targetInfo(targetWord(unit, "the target"), !/\(units\)/.test(unit ?? ""));
}

/** A model's contribution check: whether its contributions are plausible, and the check's sentence if published. */
export interface Plausibility {
  readonly verdict: "plausible" | "implausible";
  readonly sentence: string | undefined;
}

const verdictOf = (v: string | undefined): Plausibility["verdict"] | undefined =>
  v === "plausible" || v === "implausible" ? v : undefined;

/** Notebook 06's scorecard row of a model's contribution check ("geo panel" or "national …"). */
function plausibilityRow(input: SummaryInput, model: "geo" | "national"): Json {
  return listAt(notebook(input, "06"), "scorecard").find((r) =>
    (stringAt(r, "model") ?? "").toLowerCase().startsWith(model) &&
    /plausib/i.test(stringAt(r, "check") ?? "")
  );
}

/** The geo model's contribution check: notebook 07's verdict, else notebook 06's scorecard row. */
export function geoPlausibility(input: SummaryInput): Plausibility | undefined {
  const row = plausibilityRow(input, "geo");
  const status = stringAt(row, "status");
  const verdict = verdictOf(stringAt(notebook(input, "07"), "evidence.plausibility")) ??
    (status === "pass" ? "plausible" : status === "fail" ? "implausible" : undefined);
  return verdict ? { verdict, sentence: stringAt(row, "reason") } : undefined;
}

/** The national model's contribution check: notebook 04's `plausibility`, else notebook 06's scorecard row. */
export function nationalPlausibility(input: SummaryInput): Plausibility | undefined {
  const national = notebook(input, "04");
  const row = plausibilityRow(input, "national");
  const status = stringAt(row, "status");
  const verdict = verdictOf(stringAt(national, "plausibility.verdict")) ??
    (status === "pass" ? "plausible" : status === "fail" ? "implausible" : undefined);
  return verdict
    ? { verdict, sentence: stringAt(national, "plausibility.sentence") ?? stringAt(row, "reason") }
    : undefined;
}

/** A text without a leading "National model: " when the place it is shown already names the model. */
export function withoutModelPrefix(text: string, model: string): string {
  const prefix = `${model}: `;
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

/** The geo panel's media contributions and total target, when both are known. */
function geoMediaShare(input: SummaryInput): { media: number; total: number | undefined } | undefined {
  const contributions = rows(input.estimates, "geo", "contribution");
  if (contributions.length === 0) return undefined;
  return { media: contributions.reduce((s, r) => s + r.estimate, 0), total: geoTargetTotal(input) };
}

/** Whether the geo decomposition is implausible: flagged by the check, or media credited with a negative total or more than all of the target. */
function geoImplausible(input: SummaryInput): boolean {
  const share = geoMediaShare(input);
  const outside = share !== undefined &&
    (share.media < 0 || (share.total !== undefined && share.total > 0 && share.media > share.total));
  return outside || geoPlausibility(input)?.verdict === "implausible";
}

const notCredible = (model: string) =>
  ` These returns are not credible: the ${model} model's contributions are implausible (see the contribution check below).`;

// ---------------------------------------------------------------------------------------------------------
// The three sentences

/** What the page says first: three sentences on how spend drives the target. */
export function driverSentences(input: SummaryInput): string[] {
  const national = notebook(input, "04");
  const G = geoTarget(input), N = nationalTarget(input);
  const out: string[] = [];

  // 1. Geo ROI: the top channels with intervals, and (for money) which pay back.
  const geoRoi = withIntervals(rows(input.estimates, "geo", "roi"));
  if (geoRoi.length > 0) {
    const [first, second] = geoRoi;
    const payBack = geoRoi.filter((r) => r.lower > 1).map((r) => r.label);
    const then = second
      ? `, then ${second.label} at ${G.currency ? "$" : ""}${ratio(second.estimate)} (${
        intervalWords(second)
      })`
      : "";
    const back = payBack.length === 0
      ? " No channel's interval lies above 1, so none is shown to pay back more than it costs."
      : ` ${wordList(payBack)} ${payBack.length === 1 ? "pays" : "pay"} back more than ${
        payBack.length === 1 ? "it costs" : "they cost"
      } (interval above 1).`;
    // A ranking only where the intervals separate: the top channel's lies wholly above the second's.
    const ranked = !second || first.lower > second.upper;
    const lead = ranked
      ? `In the geo panel, ${first.label} returns the most: ${G.perDollar(first.estimate)} (${
        intervalWords(first)
      })${then}.`
      : `In the geo panel, which channel returns the most is not clear from the data: ${first.label} has the highest ` +
        `point estimate, ${G.perDollar(first.estimate)} (${
          intervalWords(first)
        }), but its interval overlaps ${second.label}'s, ${G.currency ? "$" : ""}${ratio(second.estimate)} (${
          intervalWords(second)
        }).`;
    // Implausible contributions discredit the returns: no "pays back" then, the caveat instead.
    const implausible = geoImplausible(input);
    out.push(`${lead}${implausible ? notCredible("geo") : G.currency ? back : ""}`);
  } else {
    out.push(`Return on spend per channel in the geo panel: ${NOT_ESTIMATED}.`);
  }

  // 2. National: the in-sample ROI rows (the same as the table below), led by what the intervals show.
  const roi = withIntervals(rows(input.estimates, "national", "roi"));
  const mediator = stringAt(national, "mediator.channel");
  if (roi.length > 0) {
    const positive = roi.filter((r) => r.lower > 0);
    const unclear = roi.filter((r) => r.lower <= 0 && r.upper >= 0).map((r) => r.label);
    const negative = roi.filter((r) => r.upper < 0).map((r) => r.label);
    const via = mediator
      ? ` (a social channel's ROI counts the ${channelLabel(mediator)} spend it drives)`
      : "";
    const lead = positive.length === 1
      ? `Nationally, ${positive[0].label} is the channel with a clearly positive return: ${
        N.perDollar(positive[0].estimate)
      } (${intervalWords(positive[0])})${via}`
      : positive.length > 1
      ? `Nationally, ${positive.length} channels have a clearly positive return: ${
        wordList(positive.map((r) => `${r.label} at ${N.perDollar(r.estimate)} (${intervalWords(r)})`))
      }${via}`
      : `Nationally, no channel's ROI interval excludes zero, so the data do not show which channel drives ${N.name}`;
    out.push(
      lead +
        (unclear.length > 0 && positive.length > 0
          ? `; for ${wordList(unclear)} the interval includes zero, so no effect is shown`
          : "") +
        (negative.length > 0 ? `; for ${wordList(negative)} it lies below zero` : "") + "." +
        (nationalPlausibility(input)?.verdict === "implausible" ? notCredible("national") : ""),
    );
  } else {
    out.push(`The national return per channel: ${NOT_ESTIMATED}.`);
  }

  // 3. The geo media contribution share: channel contributions over the panel's total target.
  const share = geoMediaShare(input);
  if (share !== undefined) {
    const { media, total } = share;
    const f = G.currency ? moneyFormatter([media, total ?? media]) : (x: number) => count(x);
    const flagged = geoPlausibility(input)?.verdict === "implausible"
      ? " The model's contribution check finds this decomposition implausible (see below)."
      : "";
    out.push(
      media < 0
        ? `The geo model's media contributions sum to ${f(media)} of ${G.name}${
          total !== undefined && total > 0 ? ` (of ${f(total)} over the panel)` : ""
        }: media credited with lowering ${G.name} overall, so this decomposition is implausible.`
        : total !== undefined && total > 0 && media > total
        ? `The geo model credits media with ${pct(media / total)} of ${G.name} (${f(media)} of ${
          f(total)
        } over the panel): more than all of it, which would leave a negative base level, so this decomposition ` +
          `is implausible.`
        : total !== undefined && total > 0
        ? `The geo model credits media with ${pct(media / total)} of ${G.name} (${f(media)} of ${
          f(total)
        } over the panel); the rest is the geos' base level, season and controls.${flagged}`
        : `The geo model credits media with ${
          f(media)
        } of ${G.name}; their share of the total is ${NOT_ESTIMATED}.${flagged}`,
    );
  } else {
    out.push(`The share of ${G.name} due to media: ${NOT_ESTIMATED}.`);
  }
  return out;
}

/** The geo panel's total target (mean × rows of the target column in notebook 01's profile), if known. */
function geoTargetTotal(input: SummaryInput): number | undefined {
  const eda = notebook(input, "01");
  const row = listAt(eda, "geoProfileColumns").find((r) => stringAt(r, "role") === "target");
  const mean = numberAt(row, "mean"), n = numberAt(row, "count");
  return mean !== undefined && n !== undefined ? mean * n : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// The chart

/** "Nice" ticks (steps of 1, 2 or 5 × 10^k), about `count` of them, covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) {
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(12)));
  }
  return ticks;
}

/**
 * A dot-and-whisker chart of estimates with intervals as inline SVG: one row per channel, the estimate as a dot,
 * the 95% interval as a line, a zero line, and a dashed reference line (break-even at 1 for returns in money).
 * Mark groups carry `aria-label`s ("interval", "estimate", "reference") so a browser test can find them.
 */
export function intervalChartSvg(
  list: readonly IntervalRow[],
  options: {
    readonly title: string;
    readonly axis: string;
    readonly reference?: number;
    readonly referenceLabel?: string;
  },
): string {
  const rowHeight = 30, left = 150, right = 36, top = 12, bottom = 48, width = 680;
  const height = top + bottom + rowHeight * list.length;
  const values = list.flatMap((r) => [r.lower, r.upper, r.estimate]).filter(Number.isFinite);
  let lo = Math.min(0, ...values, options.reference ?? 0);
  let hi = Math.max(0, ...values, options.reference ?? 0);
  const pad = (hi - lo) * 0.05 || 1;
  lo -= lo < 0 ? pad : 0;
  hi += pad;
  // Extend the domain to whole tick steps, so the axis ends on a labelled tick.
  const first = niceTicks(lo, hi, 6);
  const step = first.length > 1 ? first[1] - first[0] : 1;
  lo = Math.floor(lo / step - 1e-9) * step;
  hi = Math.ceil(hi / step - 1e-9) * step;
  const ticks = niceTicks(lo, hi, Math.round((hi - lo) / step));
  const x = (v: number) => left + ((v - lo) / (hi - lo)) * (width - left - right);
  const y = (i: number) => top + rowHeight * i + rowHeight / 2;
  const f = axisFormat(ticks);
  const r1 = (v: number) => v.toFixed(1);
  const axisY = top + rowHeight * list.length;
  const parts: string[] = [];
  parts.push(
    `<g aria-label="x-axis" font-size="11" fill="#59636e">${
      ticks.map((t) =>
        `<line x1="${r1(x(t))}" x2="${r1(x(t))}" y1="${top}" y2="${axisY}" stroke="#d8dee4"/>` +
        `<text x="${r1(x(t))}" y="${axisY + 16}" text-anchor="middle">${esc(f(t))}</text>`
      ).join("")
    }<text x="${r1((left + width - right) / 2)}" y="${axisY + 38}" text-anchor="middle" fill="#1f2328">${
      esc(options.axis)
    }</text></g>`,
  );
  parts.push(
    `<g aria-label="y-axis" font-size="12" fill="#1f2328">${
      list.map((r, i) =>
        `<text x="${left - 10}" y="${r1(y(i))}" dy="0.32em" text-anchor="end">${esc(r.label)}</text>`
      )
        .join("")
    }</g>`,
  );
  parts.push(
    `<g aria-label="zero"><line x1="${r1(x(0))}" x2="${
      r1(x(0))
    }" y1="${top}" y2="${axisY}" stroke="#59636e"/></g>`,
  );
  if (options.reference !== undefined && options.reference !== 0) {
    const rx = r1(x(options.reference));
    parts.push(
      `<g aria-label="reference"><line x1="${rx}" x2="${rx}" y1="${top}" y2="${axisY}" stroke="#b42318" ` +
        `stroke-dasharray="4 3"/>${
          options.referenceLabel
            ? `<text x="${rx}" y="${top - 2}" font-size="10" fill="#b42318" text-anchor="middle">${
              esc(options.referenceLabel)
            }</text>`
            : ""
        }</g>`,
    );
  }
  parts.push(
    `<g aria-label="interval" stroke="#2f5fb8" stroke-width="2.5" stroke-linecap="round">${
      list.map((r, i) =>
        `<line x1="${r1(x(r.lower))}" x2="${r1(x(r.upper))}" y1="${r1(y(i))}" y2="${r1(y(i))}"/>`
      )
        .join("")
    }</g>`,
  );
  parts.push(
    `<g aria-label="estimate" fill="#2f5fb8" stroke="#fff" stroke-width="1.5">${
      list.map((r, i) =>
        `<circle cx="${r1(x(r.estimate))}" cy="${r1(y(i))}" r="5"><title>${
          esc(`${r.label}: ${ratio(r.estimate)} (${intervalWords(r)})`)
        }</title></circle>`
      ).join("")
    }</g>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${
    esc(options.title)
  }" viewBox="0 0 ${width} ${height + 4}" width="${width}" height="${
    height + 4
  }" font-family="system-ui, sans-serif"><title>${esc(options.title)}</title><g transform="translate(0,4)">${
    parts.join("")
  }</g></svg>`;
}

// ---------------------------------------------------------------------------------------------------------
// Sections

function roiSection(input: SummaryInput): string {
  const G = geoTarget(input), N = nationalTarget(input);
  const axis = (t: TargetInfo) => `${t.name} per ${t.currency ? "dollar" : "unit"} of spend (ROI)`;
  const panels: { title: string; axis: string; list: IntervalRow[]; reference?: number }[] = [
    {
      title: "Geo panel model",
      axis: axis(G),
      list: withIntervals(rows(input.estimates, "geo", "roi")),
      reference: G.currency ? 1 : undefined,
    },
    {
      title: "National model",
      axis: axis(N),
      list: withIntervals(rows(input.estimates, "national", "roi")),
      reference: N.currency ? 1 : undefined,
    },
  ];
  const marginal = new Map(rows(input.estimates, "geo", "marginal_roi").map((r) => [r.channel, r.estimate]));
  return `<section><h2 id="roi">Return per channel, with 95% intervals</h2>
<p>ROI is the modelled target with the channel's actual spend minus the modelled target with that channel's spend
at zero, divided by its spend, over the weeks of the data (in sample). Dots are estimates, lines their 95%
intervals${
    panels.some((p) => p.reference !== undefined && p.list.length > 0)
      ? `; the dashed line marks break-even (1)${
        panels.some((p) => p.reference === undefined && p.list.length > 0)
          ? " on the panels whose target is money"
          : ""
      }. Break-even is a dollar of sales or revenue per dollar of ` +
        "spend, not profit: whether a channel pays for itself depends on your margin"
      : ""
  }.</p>
<div class="mmm-stack">${
    panels.map((p) =>
      `<div class="mmm-card"><h3>${esc(p.title)}</h3>${
        p.list.length === 0
          ? `<p class="mmm-na">ROI: ${NOT_ESTIMATED}.</p>`
          : `<div class="mmm-chart">${
            intervalChartSvg(p.list, {
              title: `${p.title}: ROI per channel with 95% intervals`,
              axis: p.axis,
              reference: p.reference,
              referenceLabel: p.reference !== undefined ? "break-even" : undefined,
            })
          }</div>
<table><thead><tr><th>Channel</th><th>ROI</th><th>95% interval</th><th>What the interval says</th>${
            p.title.startsWith("Geo") && marginal.size > 0 ? "<th>Next dollar returns</th>" : ""
          }</tr></thead><tbody>${
            p.list.map((r) =>
              `<tr><td>${esc(r.label)}</td><td style="text-align:right">${ratio(r.estimate)}</td>` +
              `<td style="text-align:right">${ratio(r.lower)} to ${ratio(r.upper)}</td><td>${
                esc(intervalVerdict(r, p.reference))
              }</td>${
                p.title.startsWith("Geo") && marginal.size > 0
                  ? `<td style="text-align:right">${
                    marginal.has(r.channel) ? ratio(marginal.get(r.channel) as number) : NOT_ESTIMATED
                  }</td>`
                  : ""
              }</tr>`
            ).join("")
          }</tbody></table>`
      }</div>`
    ).join("\n")
  }</div></section>`;
}

/** What an ROI interval says: against break-even when there is one, else against zero. */
export function intervalVerdict(r: Pick<IntervalRow, "lower" | "upper">, breakEven?: number): string {
  if (breakEven !== undefined) {
    if (r.lower > breakEven) return "pays back (above break-even)";
    if (r.upper < 0) return "negative";
    if (r.upper < breakEven) {
      return r.lower > 0 ? "positive, below break-even" : "not distinguishable from zero, below break-even";
    }
    return r.lower > 0 ? "positive; break-even not excluded" : "not distinguishable from zero";
  }
  return r.lower > 0 ? "positive" : r.upper < 0 ? "negative" : "not distinguishable from zero";
}

/** " over the panel's N weeks (in sample)" when notebook 05 published its weeks, else "". */
function weeksText(input: SummaryInput): string {
  const weeks = numberAt(notebook(input, "05"), "weeks");
  return weeks === undefined ? "" : ` over the panel's ${weeks} weeks (in sample, same total budget)`;
}

function recommendationSection(input: SummaryInput): string {
  const rec = notebook(input, "07");
  const head = `<section><h2 id="recommendation">Recommendation</h2>`;
  if (!rec) {
    return `${head}<p class="mmm-na">Recommendation: ${NOT_ESTIMATED} (notebook 07 did not run).</p></section>`;
  }
  const recommend = boolAt(rec, "reallocation.recommend") ?? boolAt(rec, "summary.recommend");
  const gatePassed = boolAt(rec, "evidence.gate.passed");
  const gateReason = stringAt(rec, "evidence.gate.reason");
  const reason = stringAt(rec, "reallocation.reason") ?? (gatePassed === false ? gateReason : undefined);
  const currency = geoTarget(input).currency;
  const lift = numberAt(rec, "reallocation.lift");
  const lower = numberAt(rec, "reallocation.lower"), upper = numberAt(rec, "reallocation.upper");
  const f = currency ? moneyFormatter([lift ?? 0, lower ?? 0, upper ?? 0]) : (x: number) => count(x);
  const min = numberAt(rec, "bounds.min"), max = numberAt(rec, "bounds.max");
  const parts: string[] = [head];
  if (recommend === true) {
    parts.push(
      `<p class="mmm-lead"><strong>Geo panel:</strong> <span class="mmm-pass">Recommended:</span> reallocate the same budget${
        min !== undefined && max !== undefined
          ? `, each channel between ${num(min)}× and ${num(max)}× its spend`
          : ""
      }${
        lift !== undefined
          ? `. Modelled gain ${f(lift)}${weeksText(input)}${
            lower !== undefined && upper !== undefined ? ` (95% interval ${f(lower)} to ${f(upper)})` : ""
          }`
          : ""
      }.</p>`,
    );
    const geoResults = notebook(input, "05");
    const geos = geoResults ? numberAt(geoResults, "geos") : undefined;
    if (geoResults && boolAt(geoResults, "inference.fewGeos") === true) {
      parts.push(
        `<p><strong>Few geos:</strong> with only ${
          geos ?? "a few"
        } geos every interval of the geo model is still optimistic: read them as a lower bound on the uncertainty (notebook 05).</p>`,
      );
    }
    const channels = listAt(rec, "allocation.channels");
    if (channels.length > 0) {
      const spend = channels.flatMap((
        c,
      ) => [numberAt(c, "currentSpend") ?? 0, numberAt(c, "optimalSpend") ?? 0]);
      const g = moneyFormatter(spend); // spend is money whatever the target is
      parts.push(
        `<table><thead><tr><th>Channel</th><th>Current spend</th><th>Recommended spend</th><th>Change</th></tr></thead><tbody>${
          channels.map((c) => {
            const cur = numberAt(c, "currentSpend"), opt = numberAt(c, "optimalSpend");
            const label = channelLabel(stringAt(c, "channel") ?? "");
            return `<tr><td>${esc(label)}</td><td style="text-align:right">${
              cur !== undefined ? g(cur) : NOT_ESTIMATED
            }</td>` +
              `<td style="text-align:right">${
                opt !== undefined ? g(opt) : NOT_ESTIMATED
              }</td><td style="text-align:right">${
                cur && opt !== undefined ? signedPct(opt / cur - 1) : NOT_ESTIMATED
              }</td></tr>`;
          }).join("")
        }</tbody></table>`,
      );
    }
  } else if (recommend === false) {
    parts.push(
      `<p class="mmm-lead"><strong>Geo panel:</strong> <span class="mmm-fail">Withheld:</span> ${
        esc(reason ?? gateReason ?? "notebook 07 gives no reason")
      }</p>`,
    );
  } else {
    parts.push(
      `<p class="mmm-na">Recommendation: ${NOT_ESTIMATED} (notebook 07 published no reallocation).</p>`,
    );
  }
  if (gateReason && recommend !== false) parts.push(`<p>Evidence gate: ${esc(gateReason)}</p>`);
  const marginal = rows(input.estimates, "geo", "marginal_roi");
  if (currency && marginal.length > 0) {
    const below = marginal.filter((r) => r.estimate < 1).sort((a, b) => a.estimate - b.estimate);
    parts.push(
      `<p>${
        below.length === 0
          ? "At today's spend, the next dollar returns at least a dollar in every channel (point estimates)."
          : `At today's spend, the next dollar returns less than a dollar for ${
            wordList(below.map((r) => `${channelLabel(r.channel)} (${ratio(r.estimate)})`))
          } (point estimates of the marginal ROI).`
      }</p>`,
    );
  }
  // Each model's contribution check beside that model's decision, named, since the two can disagree.
  parts.push(plausibilityLine("Geo panel", geoPlausibility(input)));
  parts.push(nationalRecommendation(rec));
  parts.push(plausibilityLine("National model", nationalPlausibility(input)));
  parts.push("</section>");
  return parts.join("\n");
}

/** "Geo panel contributions: plausible." (or "" when the check was not published). */
export function plausibilityLine(model: string, p: Plausibility | undefined): string {
  return p ? `<p><strong>${esc(model)} contributions:</strong> ${p.verdict}.</p>` : "";
}

/**
 * The national budget decision as notebook 07 publishes it (`national.recommendation`: `shown`, `sentence`,
 * `reason`): the sentence when the move is recommended, the reason when it is withheld, "not estimated" when
 * 07 fitted no national model.
 */
export function nationalRecommendation(rec: Readonly<Record<string, unknown>> | undefined): string {
  const shown = boolAt(rec, "national.recommendation.shown");
  const sentence = stringAt(rec, "national.recommendation.sentence");
  const published = stringAt(rec, "national.recommendation.reason") ?? sentence;
  // The line is labelled "National budget", so a reason that opens with "National model: " loses that opening.
  const reason = published === undefined ? undefined : withoutModelPrefix(published, "National model");
  if (shown === true && sentence) {
    return `<p><strong>National budget:</strong> <span class="mmm-pass">Recommended:</span> ${
      esc(sentence)
    }</p>`;
  }
  if (shown === false) {
    return `<p><strong>National budget:</strong> <span class="mmm-fail">Withheld:</span> ${
      esc(reason ?? "notebook 07 gives no reason")
    }</p>`;
  }
  return `<p class="mmm-na"><strong>National budget:</strong> ${NOT_ESTIMATED} (notebook 07 published no national decision).</p>`;
}

/**
 * The model-health scorecard of notebook 06 (`scorecard`: rows of `model`, `check`, `status` pass / warn / fail,
 * `reason`) in two lines: the counts, then every check that did not pass with its reason.
 */
export function scorecardSummary(diagnostics: Readonly<Record<string, unknown>> | undefined): string {
  const rows = listAt(diagnostics, "scorecard").filter((r) => stringAt(r, "status") !== undefined);
  if (rows.length === 0) return "";
  const count = (k: string) => rows.filter((r) => stringAt(r, "status") === k).length;
  const flagged = rows.filter((r) => stringAt(r, "status") !== "pass");
  const word = { warn: '<span class="mmm-warn">warn</span>', fail: '<span class="mmm-fail">fail</span>' };
  return `<p><strong>Model health</strong> (notebook 06): ${count("pass")} checks pass, ${
    count("warn")
  } warn, ${count("fail")} fail.</p>${
    flagged.length === 0
      ? ""
      : `<ul>${
        flagged.map((r) =>
          `<li>${word[stringAt(r, "status") as "warn" | "fail"] ?? esc(stringAt(r, "status")!)}: ${
            esc(stringAt(r, "model") ?? "")
          }, ${esc(stringAt(r, "check") ?? "")}. ${esc(stringAt(r, "reason") ?? "")}</li>`
        ).join("")
      }</ul>`
  }`;
}

interface GateRow {
  readonly model: string;
  readonly passed: boolean | undefined;
  readonly reason: string | undefined;
  /** Why the gate could not be evaluated (cross-validation skipped), when it was not. */
  readonly skipped?: string | undefined;
}

function evidenceSection(input: SummaryInput): string {
  const diagnostics = notebook(input, "06");
  const national = notebook(input, "04");
  const geo = notebook(input, "05");
  const nationalModel = stringAt(diagnostics, "nationalModel") ?? stringAt(national, "model");
  const gates: GateRow[] = [
    {
      model: `National${nationalModel ? ` (${nationalModel} model)` : ""}`,
      passed: boolAt(diagnostics, "gates.national.passed") ?? boolAt(national, "crossValidation.gatePassed"),
      reason: stringAt(diagnostics, "gates.national.reason") ??
        stringAt(national, "crossValidation.gate.reason"),
      skipped: stringAt(national, "crossValidation.skipped"),
    },
    {
      model: "Geo panel (fixed effects)",
      passed: boolAt(diagnostics, "gates.geo.passed") ?? boolAt(geo, "gate.passed"),
      reason: stringAt(diagnostics, "gates.geo.reason") ?? stringAt(geo, "gate.reason"),
    },
  ];
  const rule = stringAt(diagnostics, "gates.geo.rule") ?? stringAt(geo, "gate.rule") ??
    stringAt(diagnostics, "gates.national.rule");
  const rejections = listAt(diagnostics, "verdicts").filter((v): v is string => typeof v === "string");
  const plausible = nationalPlausibility(input);
  const geoPlausible = geoPlausibility(input);
  const checkLine = (label: string, p: Plausibility | undefined) =>
    p ? `<p>${label} contributions: ${esc(p.sentence ?? `${p.verdict}.`)}</p>` : "";
  return `<section><h2 id="evidence">How far to trust it</h2>
${rule ? `<details><summary>The rule behind the gate</summary><p>${esc(rule)}</p></details>` : ""}
<table><thead><tr><th>Model</th><th>Out-of-sample evidence</th><th>Why</th></tr></thead><tbody>${
    gates.map((g) =>
      `<tr><td>${esc(g.model)}</td><td>${
        g.passed !== undefined
          ? g.passed
            ? '<span class="mmm-pass">passes the gate</span>'
            : '<span class="mmm-fail">fails the gate</span>'
          : g.skipped
          ? '<span class="mmm-na">could not be evaluated</span>'
          : `<span class="mmm-na">${NOT_ESTIMATED}</span>`
      }</td><td>${
        g.passed === undefined && g.skipped
          ? esc(withoutModelPrefix(g.skipped, "National model"))
          : g.reason
          ? esc(withoutModelPrefix(g.reason, "National model"))
          : `<span class="mmm-na">${NOT_ESTIMATED}</span>`
      }</td></tr>`
    ).join("")
  }</tbody></table>
<p>${
    diagnostics === undefined
      ? `Residual diagnostics: ${NOT_ESTIMATED} (notebook 06 did not run).`
      : rejections.length === 0
      ? "No residual test rejects its null hypothesis at the 5% level."
      : `Residual tests that reject at the 5% level, and what the reports do about it:</p><ul>${
        rejections.map((r) => `<li>${esc(r)}</li>`).join("")
      }</ul><p>`
  }</p>
${checkLine("National model", plausible)}
${checkLine("Geo panel", geoPlausible)}
${scorecardSummary(diagnostics)}
</section>`;
}

function dataSection(input: SummaryInput): string {
  const eda = notebook(input, "01");
  const geo = notebook(input, "05");
  const weeks = numberAt(eda, "envelope.weekly.weeks");
  const geos = numberAt(geo, "geos") ?? numberAt(eda, "envelope.geo.geos");
  const geoWeeks = numberAt(geo, "weeks") ?? numberAt(eda, "envelope.geo.weeks");
  const shape = [
    `National weekly file: ${weeks !== undefined ? `${count(weeks)} weeks` : NOT_ESTIMATED}.`,
    `Geo panel: ${
      geos !== undefined && geoWeeks !== undefined
        ? `${count(geos)} geos × ${count(geoWeeks)} weeks`
        : NOT_ESTIMATED
    }.`,
  ];
  return `<section><h2 id="data">Data used</h2>${inputsList(input.inputs)}<p>${shape.join(" ")}</p>
<p>Run on ${
    esc(input.date)
  }. Reports made from other inputs are marked on the <a href="index.html">index</a>.</p></section>`;
}

/** Links to every report's executive page, in order. */
function reportLinks(manifest: Manifest): string {
  const names = Object.keys(manifest.reports).sort();
  if (names.length === 0) return "";
  return `<section><h2 id="reports">The reports behind this page</h2><ol>${
    names.map((n) =>
      `<li><a href="executive/${esc(n)}.html">${esc(manifest.reports[n].title)}</a> (<a href="${
        esc(n)
      }.html">with code</a>)</li>`
    ).join("")
  }</ol></section>`;
}

/** The summary page's HTML. */
export function summaryHtml(input: SummaryInput): string {
  const sentences = driverSentences(input);
  const target = notebook(input, "05") ? geoTarget(input).name : nationalTarget(input).name;
  const first = Object.keys(input.manifest.reports).sort()[0];
  const css = Deno.readTextFileSync(new URL("./html_template/mmm/mmm_report.css", import.meta.url));
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Marketing mix model: summary</title>
<style>
${css}
</style></head>
<body class="mmm-report mmm-summary-page">
<header class="mmm-bar"><nav aria-label="Reports" class="mmm-pager"><a href="index.html">All reports</a>` +
    `<span class="mmm-here" aria-current="page">Summary</span>${
      first
        ? `<a rel="next" href="executive/${esc(first)}.html">${
          esc(input.manifest.reports[first].title)
        } →</a>`
        : ""
    }</nav></header>
<main class="mmm-page">
<h1>Marketing mix model: summary</h1>
<section><h2 id="drivers">How spend drives ${esc(target)}</h2><ul class="mmm-lead">${
      sentences.map((s) => `<li>${esc(s)}</li>`).join("")
    }</ul></section>
${roiSection(input)}
${recommendationSection(input)}
${evidenceSection(input)}
${dataSection(input)}
${reportLinks(input.manifest)}
</main>
<footer class="mmm-footer"><p>Run on ${esc(input.date)} by <code>deno task report</code>. Numbers from ` +
    `<a href="results/estimates.csv">results/estimates.csv</a> and the notebooks' results JSON.</p></footer>
</body></html>
`;
}

/**
 * The page's inputs read back from a report folder: `results/*.json`, `results/estimates.json` and
 * `manifest.json` (the latest inputs and date are those of the newest manifest entry).
 */
export function summaryInputFromFolder(dir: string): SummaryInput {
  const results: Record<string, Record<string, unknown>> = {};
  for (const e of Deno.readDirSync(`${dir}/results`)) {
    if (!e.isFile || !/^\d{2}_.+\.json$/.test(e.name)) continue;
    const file = JSON.parse(Deno.readTextFileSync(`${dir}/results/${e.name}`));
    results[file.notebook ?? e.name.replace(/\.json$/, "")] = file.results ?? {};
  }
  let estimates: TidyEstimate[] = [];
  try {
    estimates = JSON.parse(Deno.readTextFileSync(`${dir}/results/estimates.json`));
  } catch {
    // no estimates: every section says "not estimated"
  }
  const manifest = JSON.parse(Deno.readTextFileSync(`${dir}/manifest.json`)) as Manifest;
  const entries = Object.values(manifest.reports).sort((a, b) => a.date.localeCompare(b.date));
  const latest = entries[entries.length - 1];
  if (!latest) throw new Error(`${dir}/manifest.json lists no reports`);
  return { results, estimates, manifest, inputs: latest.inputs, date: latest.date };
}

if (import.meta.main) {
  const dir = Deno.args[0] ?? new URL("../reports", import.meta.url).pathname;
  Deno.writeTextFileSync(`${dir}/summary.html`, summaryHtml(summaryInputFromFolder(dir)));
  console.error(`wrote ${dir}/summary.html`);
}
