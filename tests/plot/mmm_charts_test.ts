import { assert, assertEquals, assertThrows } from "../assert.ts";
import {
  contributionAreaChart,
  contributionWaterfallChart,
  shareComparisonChart,
  waterfallSteps,
} from "../../lib/plot/mmm_charts.ts";
import { money } from "../../lib/plot/format.ts";

const count = (html: string, tag: string) => (html.match(new RegExp(`<${tag}[\\s>]`, "g")) ?? []).length;
/** Bars, not the legend's colour swatches (which are `<rect height="100%" …>`). */
const bars = (html: string) => count(html, "rect") - (html.match(/<rect height="100%"/g) ?? []).length;

Deno.test("waterfallSteps runs from the baseline through each channel to the total", () => {
  const steps = waterfallSteps({
    baseline: 100,
    channels: [{ label: "TV", contribution: 30 }, { label: "Print", contribution: -5 }],
  });
  assertEquals(steps.map((s) => [s.label, s.kind, s.start, s.end]), [
    ["Baseline", "baseline", 0, 100],
    ["TV", "increase", 100, 130],
    ["Print", "decrease", 130, 125],
    ["Total", "total", 0, 125],
  ]);
  assertThrows(() => waterfallSteps({ baseline: NaN, channels: [] }), RangeError, "finite");
  assertThrows(
    () => waterfallSteps({ baseline: 1, channels: [{ label: "TV", contribution: NaN }] }),
    RangeError,
    "TV",
  );
});

Deno.test("contributionWaterfallChart draws one bar and one amount label per step, labels as given", () => {
  const fig = contributionWaterfallChart(
    {
      baseline: 8e6,
      channels: [{ label: "TV", contribution: 1.2e6 }, { label: "Print", contribution: -2e5 }],
    },
    { title: "Where sales come from", y: "sales ($)", unit: "money", format: money },
  );
  assert(fig.html.includes("<svg"), fig.html.slice(0, 200));
  assertEquals(bars(fig.html), 4);
  for (
    const label of [
      "Baseline",
      "TV",
      "Print",
      "Total",
      "$8.00M",
      "$1.20M",
      "−$200,000",
      "$9.00M",
      "sales ($)",
    ]
  ) {
    assert(fig.html.includes(label), `missing ${label}`);
  }
});

Deno.test("contributionAreaChart stacks one area per layer, baseline first, with a legend of the labels", () => {
  const fig = contributionAreaChart({
    dates: ["2024-01-01", "2024-01-08", "2024-01-15"],
    baseline: [10, 11, 12],
    channels: { TV: [1, 2, 3], Search: [0.5, 0.5, 0.5] },
  }, { title: "Contributions", y: "sales ($)", unit: "money" });
  assertEquals(count(fig.html, "path") >= 3, true);
  const legend = fig.html.indexOf("Baseline");
  assert(
    legend >= 0 && fig.html.indexOf("TV") > legend && fig.html.includes("Search"),
    fig.html.slice(0, 400),
  );
  assertThrows(
    () => contributionAreaChart({ dates: ["2024-01-01"], baseline: [1, 2], channels: {} }),
    RangeError,
    "Baseline",
  );
});

Deno.test("shareComparisonChart draws two bars per channel in two colours, and an ROI label per channel", () => {
  const fig = shareComparisonChart([
    { label: "TV", spendShare: 0.6, effectShare: 0.4, roi: 1.25 },
    { label: "Search", spendShare: 0.4, effectShare: 0.6, roi: 3.5 },
  ], { title: "Spend and effect" });
  assertEquals(bars(fig.html), 4);
  assert(fig.html.includes("ROI 1.25") && fig.html.includes("ROI 3.50"), fig.html);
  assert(fig.html.includes("#E69F00") && fig.html.includes("#0072B2"), "two colours");
  assert(fig.html.includes("Share of spend") && fig.html.includes("Share of effect"));
  assert(fig.html.includes("60.0%"), "percent labels");
});
