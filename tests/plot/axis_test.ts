/**
 * Axis formats and label placement of the chart builders: one format per axis, value labels in the unit of the
 * axis, axis labels clear of the tick labels, coordinates rounded.
 */
import { assert, assertEquals } from "../assert.ts";
import { axisFormat, MINUS, money, num, pct, unitOf } from "../../lib/plot/format.ts";
import {
  barChart,
  boxChart,
  correlogramChart,
  curvesChart,
  estimateChart,
  heatmapChart,
  qqChart,
  responseCurveChart,
  scatterChart,
  tickFormat,
  timeSeriesChart,
} from "../../lib/plot/charts.ts";
import { roundCoordinates } from "../../lib/plot/figure.ts";

const format = (ticks: number[], unit?: "number" | "money" | "percent") =>
  ticks.map(axisFormat(ticks, { unit }));

Deno.test("axisFormat: one scale per axis, chosen from the largest tick (K from 10,000)", () => {
  assertEquals(format([0, 5000, 10000, 15000]), ["0", "5K", "10K", "15K"]);
  assertEquals(format([0, 2000, 4000, 6000, 8000]), ["0", "2,000", "4,000", "6,000", "8,000"]);
  assertEquals(format([0, 500_000, 1_000_000, 1_500_000]), ["0", "0.5M", "1.0M", "1.5M"]);
  assertEquals(format([0, 1e9, 2e9]), ["0", "1B", "2B"]);
  assertEquals(format([0.1, 0.2, 0.30000000000000004]), ["0.1", "0.2", "0.3"]);
  assertEquals(format([0, 0.25, 0.5]), ["0", "0.25", "0.50"]);
});

Deno.test("axisFormat: negative ticks carry the minus sign, zero has none", () => {
  assertEquals(format([-20e6, -10e6, 0, 10e6]), [`${MINUS}20M`, `${MINUS}10M`, "0", "10M"]);
  assertEquals(format([-1, -0.5, 0, 0.5, 1]), [`${MINUS}1.0`, `${MINUS}0.5`, "0", "0.5", "1.0"]);
  assertEquals(axisFormat([0, 1])(-0.0001), "0");
});

Deno.test("axisFormat: percent and money units", () => {
  assertEquals(format([0, 0.05, 0.1, 0.15], "percent"), ["0", "5%", "10%", "15%"]);
  assertEquals(format([0, 0.125, 0.25], "percent"), ["0", "12.5%", "25.0%"]);
  assertEquals(format([0, 20000, 40000], "money"), ["0", "$20K", "$40K"]);
  assertEquals(format([-2000, 0, 2000], "money"), [`${MINUS}$2,000`, "0", "$2,000"]);
});

Deno.test("unitOf reads the unit of a value formatter from what it prints", () => {
  assertEquals(unitOf(pct, 0.43), "percent");
  assertEquals(unitOf(money, 1234), "money");
  assertEquals(unitOf((x) => num(x, 1), 3.2), "number");
});

Deno.test("tickFormat formats a tick in the scale of all the axis' ticks", () => {
  assertEquals(tickFormat(25000), "25K");
  assertEquals(tickFormat(0.1), "0.1");
  const ticks = [0, 5000, 10000, 15000];
  assertEquals(ticks.map((v, i) => tickFormat(v, i, ticks)), ["0", "5K", "10K", "15K"]);
});

/** The tick label texts of an axis in a figure's HTML. */
function tickLabels(html: string, axis: "x" | "y"): string[] {
  const group = html.match(new RegExp(`aria-label="${axis}-axis tick label"[^>]*>([\\s\\S]*?)</g>`));
  return group ? [...group[1].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]) : [];
}

/** The offset (translate) of an axis label group relative to its frame edge. */
function labelOffset(html: string, axis: "x" | "y"): [number, number] {
  const m = html.match(
    new RegExp(`<g transform="translate\\(([-\\d.]+),([-\\d.]+)\\)"[^>]*aria-label="${axis}-axis label"`),
  );
  assert(m, `no ${axis}-axis label`);
  return [Number(m[1]), Number(m[2])];
}

Deno.test("no axis mixes compact and plain ticks (the 5,000 / 10K axis)", () => {
  const f = curvesChart({ a: { x: [0, 1, 2, 3], y: [0, 4000, 9000, 15000] } }, { x: "week", y: "response" });
  const labels = tickLabels(f.html, "y");
  assert(labels.length >= 3, labels.join(" "));
  assert(labels.every((l) => l === "0" || /K$/.test(l)), labels.join(" "));
  const series = timeSeriesChart(["2024-01-01", "2024-01-08", "2024-01-15"], { a: [3000, 9000, 12000] });
  const ys = tickLabels(series.html, "y");
  assert(ys.every((l) => l === "0" || /K$/.test(l)) || ys.every((l) => !/K$/.test(l)), ys.join(" "));
});

Deno.test("bar labels and their axis share a unit: percent labels over a percent axis", () => {
  const shares = barChart(["a", "b", "c"], [0.43, 0.31, 0.26], { format: pct });
  const ticks = tickLabels(shares.html, "x");
  assert(ticks.length > 2 && ticks.filter((t) => t !== "0").every((t) => t.endsWith("%")), ticks.join(" "));
  assert(shares.html.includes(">43.0%</text>"), "value labels in percent");
  const amounts = barChart(["a", "b"], [420757, 281086], { format: (x) => money(x) });
  const money_ = tickLabels(amounts.html, "x");
  assert(money_.filter((t) => t !== "0").every((t) => t.startsWith("$")), money_.join(" "));
  const plain = barChart(["a", "b"], [3, 1]);
  assert(tickLabels(plain.html, "x").every((t) => !/[%$]/.test(t)));
});

Deno.test("axis labels sit clear of the tick labels (no collision with the last tick)", () => {
  // Tick labels of a bottom axis occupy about 9 to 21 px below the frame (10 px text); the x label's bottom is
  // at the group's offset, so its top (12 px higher) must come after 21 px. A left axis' top tick label spans
  // about ±6 px around the frame's top; the y label starts at the group's offset and is 12 px tall.
  const figures = {
    curves: curvesChart({ a: { x: [0, 1, 2], y: [0, 5, 9] } }, { x: "spend", y: "response" }),
    scatter: scatterChart([1, 2, 3], [2, 4, 7], { x: "price", y: "revenue" }),
    box: boxChart([1, 2, 3, 10, 11, 12], ["a", "a", "a", "b", "b", "b"], { x: "group", y: "revenue" }),
    estimate: estimateChart([{ label: "tv", estimate: 1, lower: 0.5, upper: 1.5 }], { x: "ROI" }),
    bar: barChart(["x", "y"], [3, 1], { x: "weeks" }),
    series: timeSeriesChart(["2024-01-01", "2024-01-08"], { a: [1, 2] }, { y: "revenue ($)" }),
    response: responseCurveChart({
      channel: "tv",
      points: [{ spend: 0, response: 0, isCurrent: false }, { spend: 10, response: 5, isCurrent: true }],
    }),
    qq: qqChart({ theoretical: [-1, 0, 1], ordered: [-2, 0, 2], slope: 2, intercept: 0 }),
    correlogram: correlogramChart({
      lags: [0, 1, 2],
      values: [1, 0.3, 0.1],
      lower: [1, 0, -0.2],
      upper: [1, 0.6, 0.4],
    }),
  };
  for (const [name, f] of Object.entries(figures)) {
    if (f.html.includes('aria-label="x-axis label"')) {
      const [, dy] = labelOffset(f.html, "x");
      assert(dy - 12 >= 21 + 2, `${name}: x label at ${dy} px overlaps the tick labels`);
    }
    if (f.html.includes('aria-label="y-axis label"')) {
      const [, dy] = labelOffset(f.html, "y");
      assert(dy + 12 <= -6 - 2, `${name}: y label at ${dy} px overlaps the top tick label`);
    }
  }
});

Deno.test("roundCoordinates rounds numbers inside tags to hundredths and leaves text alone", () => {
  assertEquals(
    roundCoordinates('<line x1="176.83847830346355" y1="20"/><text y="0.71em">0.123456</text>'),
    '<line x1="176.84" y1="20"/><text y="0.71em">0.123456</text>',
  );
  assertEquals(roundCoordinates('<path d="M0,0L-6,0.50001"/>'), '<path d="M0,0L-6,0.5"/>');
  const f = curvesChart({ a: { x: [0, 1, 2], y: [0, 1 / 3, 2 / 3] } });
  assert(!/\d\.\d{3,}/.test(f.html.replace(/>[^<]*</g, "><")), "no coordinate with three decimals");
});

Deno.test("heatmap cell values carry the minus sign and never a negative zero", () => {
  const f = heatmapChart(["a", "b"], ["a", "b"], [[1, -0.07], [-0.001, 1]]);
  assert(f.html.includes(`>${MINUS}0.07</text>`) && !f.html.includes(">-0.07<"), "minus sign");
  assert(f.html.includes(">0.00</text>") && !f.html.includes(`${MINUS}0.00`), "no negative zero");
});
